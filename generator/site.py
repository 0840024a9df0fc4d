"""The site engine step: hand the rendered docs tree to MkDocs and publish the result.

This is the only module that knows MkDocs. It builds into a temporary folder
and swaps the result into place only when the whole build succeeded, so a
failed build never leaves a broken or half-written site behind.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .loader import load_campaign
from .render import RenderedSite, render_site
from .writer import write_tree

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
GENERATED = DOCS / "_generated"
STATIC_DIRS = [DOCS / "assets"]
OVERRIDES = DOCS / "overrides"


class SiteBuildError(Exception):
    """The engine refused the generated tree (for example a broken internal link)."""


def generate(content_dir: Path, docs_dir: Path) -> RenderedSite:
    """Content -> validated model -> rendered pages on disk. Raises ContentError."""
    rendered = render_site(load_campaign(content_dir))
    write_tree(rendered, docs_dir, STATIC_DIRS)
    return rendered


def engine_config(rendered: RenderedSite, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """mkdocs.yml with the campaign's own name, language and navigation filled in."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    settings = dict(rendered.config)
    language = settings.pop("language")
    direction = settings.pop("direction", "ltr")
    languages = settings.pop("languages", None)
    config.update(settings)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = [{title: path} for title, path in rendered.nav]
    config["theme"]["custom_dir"] = str(OVERRIDES)
    config["theme"]["language"] = language
    config["theme"]["direction"] = direction
    if languages:
        # Only switches the theme's language menu on; each page lists its own translations.
        config.setdefault("extra", {})["alternate"] = languages
    return config


def write_engine_config(config: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run_mkdocs(config_file: Path) -> None:
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # MkDocs reports problems through logging; collect them to show with the error.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(config_file=str(config_file)))
    except (exceptions.MkDocsException, exceptions.Abort, OSError) as exc:
        detail = stream.getvalue().strip()
        raise SiteBuildError(f"{exc}\n{detail}".strip()) from None
    finally:
        logger.removeHandler(handler)


def _replace_dir(new: Path, target: Path, trash: Path) -> None:
    if target.exists():
        target.rename(trash)
    new.rename(target)
    shutil.rmtree(trash, ignore_errors=True)


def build_site(content_dir: Path, site_dir: Path) -> RenderedSite:
    """Build everything in a scratch folder, then swap it in; raise on any failure."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=site_dir.parent) as scratch:
        work = Path(scratch)
        rendered = generate(content_dir, work / "docs")
        config = engine_config(rendered, work / "docs", work / "site")
        run_mkdocs(write_engine_config(config, work / "mkdocs.yml"))
        _replace_dir(work / "site", site_dir, work / "old-site")
        if content_dir.resolve() == ROOT and site_dir == (ROOT / "site"):
            # Keep the inspectable copy of the generated tree in step with the site.
            with contextlib.suppress(OSError):
                write_tree(rendered, GENERATED, STATIC_DIRS)
    return rendered
