"""MkDocs hook used only by the live preview (never by `build`)."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path
from typing import Any

import jinja2

# MkDocs loads this file by its path, in the process `generator serve` runs in, where
# the generator is already imported: nothing here needs to know where it is installed.
from generator.cache import Cache
from generator.errors import ContentError
from generator.pipeline import generate
from generator.preview import CACHE_ENV, CONTENT_ENV, LANGUAGE_ENV, last_error

BANNER_CLASS = "tx-preview-error"


def _template_report(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename}:{exc.lineno}: template error: {exc.message}"
    return f"template error: {exc}"


def on_pre_build(config: Any, **_: Any) -> None:
    try:
        language = os.environ.get(LANGUAGE_ENV) or None
        folder = os.environ.get(CACHE_ENV)
        cache = Cache(Path(folder)) if folder else None
        generate(Path(os.environ[CONTENT_ENV]), Path(config["docs_dir"]), language, cache)
    except ContentError as exc:
        report = exc.report()
        last_error["report"] = report.replace("nothing was built.", "showing the last good pages.")
    except jinja2.TemplateError as exc:
        last_error["report"] = _template_report(exc)
    else:
        if last_error["report"]:
            print("Fixed: the preview shows your changes again.", file=sys.stderr, flush=True)
        last_error["report"] = None
        return
    print(last_error["report"], file=sys.stderr, flush=True)


def on_post_page(output: str, **_: Any) -> str:
    # The dev server's reload script is inline; the site's policy forbids inline scripts.
    output = output.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", 1)
    error = last_error["report"]
    if not error:
        return output
    banner = (
        f'<div role="alert" class="{BANNER_CLASS}" style="background:#a3150d;color:#fff;'
        'padding:1em;font:14px/1.4 monospace;white-space:pre-wrap">'
        "Content error in the preview:\n" + html.escape(error) + "</div>"
    )
    return _insert_after_body(output, banner)


def _insert_after_body(output: str, banner: str) -> str:
    start = output.find("<body")
    end = output.find(">", start) + 1 if start != -1 else 0
    return output[:end] + banner + output[end:]
