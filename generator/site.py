"""The site engine step: hand the rendered docs tree to MkDocs and publish the result.

This is the only module that knows MkDocs. It builds into a temporary folder
and swaps the result into place only when the whole build succeeded, so a
failed build never leaves a broken or half-written site behind.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .cache import Cache
from .multilingual import render_all, render_language
from .render import RenderedSite
from .translations import Content, load_content
from .writer import write_tree

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
GENERATED = DOCS / "_generated"
STATIC_DIRS = [DOCS / "assets"]
OVERRIDES = DOCS / "overrides"


class SiteBuildError(Exception):
    """The engine refused the generated tree (for example a broken internal link)."""


def generate(
    content_dir: Path, docs_dir: Path, language: str | None = None, cache: Cache | None = None
) -> RenderedSite:
    """Content -> validated model -> one language's pages on disk. Raises ContentError."""
    rendered = render_language(load_content(content_dir), language, cache)
    write_tree(rendered, docs_dir, STATIC_DIRS)
    return rendered


def engine_config(rendered: RenderedSite, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """mkdocs.yml with the campaign's own name, language and navigation filled in."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    settings = dict(rendered.config)
    language = settings.pop("language")
    direction = settings.pop("direction", "ltr")
    languages = settings.pop("languages", None)
    config.setdefault("extra", {})["source_url"] = settings.pop("source_url", None)
    config.update(settings)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = [{title: path} for title, path in rendered.nav]
    config["theme"]["custom_dir"] = str(OVERRIDES)
    config["theme"]["language"] = language
    config["theme"]["direction"] = direction
    if languages:
        # Switches the theme's language menu on; each page lists its own translations.
        config.setdefault("extra", {})["alternate"] = languages
        config["plugins"] = [{"search": {"lang": search_languages(language)}}]
    if not _theme_knows(language):
        config["theme"]["custom_dir"] = str(
            theme_language(language, direction, site_dir.parent / f"overrides-{language}")
        )
    return config


def _theme_knows(language: str) -> bool:
    spec = importlib.util.find_spec("material")
    theme = Path(spec.origin if spec and spec.origin else ".").parent / "templates"
    return (theme / "partials" / "languages" / f"{language}.html").is_file()


def search_languages(language: str) -> list[str]:
    """Stemming for the page language, and for English text not yet translated."""
    return list(dict.fromkeys([language.replace("-", "_"), "en"]))


def theme_language(code: str, direction: str, folder: Path) -> Path:
    """A copy of the overrides that teaches the theme a language it has no file for.

    The theme's `lang` and `dir` attributes come from that file; its own words fall back
    to the nearest language it knows (de for de-CH), else English.
    """
    shutil.copytree(OVERRIDES, folder, dirs_exist_ok=True)
    base = code.split("-")[0]
    base = base if _theme_knows(base) else "en"
    partial = folder / "partials" / "languages" / f"{code}.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(
        f'{{% import "partials/languages/{base}.html" as base %}}\n'
        f'{{% macro t(key) %}}{{{{ {{"language": "{code}", "direction": "{direction}"}}[key]'
        " or base.t(key) }}{% endmacro %}\n",
        encoding="utf-8",
    )
    return folder


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


def _build_one(rendered: RenderedSite, docs: Path, out: Path, config_file: Path) -> None:
    write_tree(rendered, docs, STATIC_DIRS)
    run_mkdocs(write_engine_config(engine_config(rendered, docs, out), config_file))


def build_site(
    content_dir: Path, site_dir: Path, cache: Cache | None = None, content: Content | None = None
) -> RenderedSite:
    """Build every language in a scratch folder, then swap it in; raise on any failure.

    Each language is its own engine build (its theme language, direction and search
    index); translations are then moved into their folders under the source language's.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    trees = render_all(content or load_content(content_dir), cache)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=site_dir.parent) as scratch:
        work = Path(scratch)
        rendered = trees[""]
        _build_one(rendered, work / "docs", work / "site", work / "mkdocs.yml")
        for folder, tree in trees.items():
            if not folder:
                continue
            name = folder.strip("/")
            _build_one(tree, work / f"docs-{name}", work / f"site-{name}", work / f"{name}.yml")
            target = work / "site" / name
            if target.exists():
                raise SiteBuildError(f"the site already has a '{name}/' folder")
            (work / f"site-{name}").rename(target)
        _replace_dir(work / "site", site_dir, work / "old-site")
        if content_dir.resolve() == ROOT and site_dir == (ROOT / "site"):
            # Keep the inspectable copy of the generated tree in step with the site.
            with contextlib.suppress(OSError):
                write_tree(rendered, GENERATED, STATIC_DIRS)
    return rendered
