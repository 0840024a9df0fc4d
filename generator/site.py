"""The MkDocs adapter: one language's docs tree and settings -> MkDocs -> its built site.

The only module that imports MkDocs. pipeline.py calls it once per language, in a
scratch folder, and swaps the whole site into place only when every language built.
The settings it writes (mkdocs.yml) are also what Zensical reads (zensical_site.py).
"""

from __future__ import annotations

import importlib.util
import io
import logging
import shutil
from pathlib import Path
from typing import Any

import yaml

from .errors import SiteBuildError
from .render import RenderedSite
from .theme import Theme

__all__ = ["MkDocsEngine", "SiteBuildError", "engine_config", "write_engine_config"]


def engine_config(
    rendered: RenderedSite, theme: Theme, docs_dir: Path, site_dir: Path, work: Path
) -> dict[str, Any]:
    """The engine settings with the campaign's own name, language and navigation filled in.

    `work` is a scratch folder for theme files this build needs made (merged overrides,
    a language the theme has no file for).
    """
    config = dict(theme.config)
    config["theme"] = dict(config.get("theme") or {})
    settings = dict(rendered.config)
    language = settings.pop("language")
    direction = settings.pop("direction", "ltr")
    languages = settings.pop("languages", None)
    config["extra"] = dict(config.get("extra") or {})
    config["extra"]["source_url"] = settings.pop("source_url", None)
    config["extra"]["words"] = settings.pop("words", {})
    config.update(settings)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = [{title: path} for title, path in rendered.nav]
    overrides = theme.override_dir(work)
    config["theme"]["custom_dir"] = str(overrides)
    config["theme"]["language"] = language
    config["theme"]["direction"] = direction
    if languages:
        # Switches the theme's language menu on; each page lists its own translations.
        config["extra"]["alternate"] = languages
        config["plugins"] = [
            {"search": {**_settings(p), "lang": search_languages(language)}}
            if _named(p, "search")
            else p
            for p in config.get("plugins") or ["search"]
        ]
    if not _theme_knows(language):
        config["theme"]["custom_dir"] = str(
            theme_language(language, direction, overrides, work / f"overrides-{language}")
        )
    return config


def _named(plugin: Any, name: str) -> bool:
    return plugin == name or (isinstance(plugin, dict) and name in plugin)


def _settings(plugin: Any) -> dict[str, Any]:
    """A plugin's own settings in mkdocs.yml (the search separator), kept when adding more."""
    if isinstance(plugin, dict):
        return dict(next(iter(plugin.values())) or {})
    return {}


def _theme_knows(language: str) -> bool:
    spec = importlib.util.find_spec("material")
    theme = Path(spec.origin if spec and spec.origin else ".").parent / "templates"
    return (theme / "partials" / "languages" / f"{language}.html").is_file()


def search_languages(language: str) -> list[str]:
    """Stemming for the page language, and for English text not yet translated."""
    return list(dict.fromkeys([language.replace("-", "_"), "en"]))


def theme_language(code: str, direction: str, overrides: Path, folder: Path) -> Path:
    """A copy of the overrides that teaches the theme a language it has no file for.

    The theme's `lang` and `dir` attributes come from that file; its own words fall back
    to the nearest language it knows (de for de-CH), else English.
    """
    shutil.copytree(overrides, folder, dirs_exist_ok=True)
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
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        detail = stream.getvalue().strip()
        raise SiteBuildError(f"{exc}\n{detail}".strip()) from None
    finally:
        logger.removeHandler(handler)


class MkDocsEngine:
    """MkDocs 1.6 with Material for MkDocs 9, in this process."""

    name = "mkdocs"

    def build(self, rendered: RenderedSite, theme: Theme, docs: Path, work: Path) -> Path:
        """Build one language's docs tree into work/site; return that folder."""
        site = work / "site"
        config = engine_config(rendered, theme, docs, site, work)
        run_mkdocs(write_engine_config(config, work / "mkdocs.yml"))
        return site
