"""MkDocs hook used only by the live preview (never by `build`)."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.errors import ContentError
from generator.site import generate

_state: dict[str, str | None] = {"error": None}


def on_pre_build(config: Any, **_: Any) -> None:
    try:
        language = os.environ.get("TX_PREVIEW_LANG") or None
        generate(Path(os.environ["TX_PREVIEW_CONTENT"]), Path(config["docs_dir"]), language)
        _state["error"] = None
    except ContentError as exc:
        _state["error"] = exc.report()
        print(exc.report(), file=sys.stderr)


def on_post_page(output: str, **_: Any) -> str:
    error = _state["error"]
    if not error:
        return output
    banner = (
        '<div role="alert" class="tx-preview-error" style="background:#a3150d;color:#fff;'
        'padding:1em;font:14px/1.4 monospace;white-space:pre-wrap">'
        "Content error — showing the last good pages.\n" + html.escape(error) + "</div>"
    )
    return _insert_after_body(output, banner)


def _insert_after_body(output: str, banner: str) -> str:
    start = output.find("<body")
    end = output.find(">", start) + 1 if start != -1 else 0
    return output[:end] + banner + output[end:]
