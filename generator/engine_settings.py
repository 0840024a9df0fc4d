"""The engine settings both adapters start from: one language's docs tree, the campaign's
theme settings and where to build, as the mkdocs.yml that MkDocs reads and Zensical reads
too (each adapter then adds what only it needs: site.py, zensical_site.py). Also how many
processes build a language. Nothing here imports an engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .processes import workers
from .render import RenderedSite
from .theme import Theme

# A language is split in parts of at least this many pages, one process each: below
# it, starting another process (about half a second of imports) costs more than it saves.
PAGES_PER_PART = 300


def parts(pages: int) -> int:
    """How many processes build one language of `pages` pages."""
    return max(1, min(workers(), pages // PAGES_PER_PART))


def engine_config(
    rendered: RenderedSite,
    theme: Theme,
    docs_dir: Path,
    site_dir: Path,
    work: Path,
    templates: Path | None,
) -> dict[str, Any]:
    """The engine settings with the campaign's own name, language and navigation filled in.

    `work` is a scratch folder for theme files this build needs made (merged overrides,
    a language the theme has no file for); `templates` is the engine's theme's folder,
    whose language files say which languages it knows.
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
    config["extra"]["site_card_alt"] = settings.pop("site_card_alt", None)
    config["markdown_extensions"] = _permalink_title(
        config.get("markdown_extensions") or [], settings.pop("permalink_title", None)
    )
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
    if not _knows(templates, language):
        folder = work / f"overrides-{language}"
        config["theme"]["custom_dir"] = str(
            theme_language(language, direction, overrides, folder, templates)
        )
    return config


def _permalink_title(extensions: list[Any], title: str | None) -> list[Any]:
    """The toc extension's permalink title in the page's language, where it has one."""
    if not title:
        return extensions
    return [
        {"toc": {**_settings(x), "permalink_title": title}}
        if _named(x, "toc") and _settings(x).get("permalink")
        else x
        for x in extensions
    ]


def _named(plugin: Any, name: str) -> bool:
    return plugin == name or (isinstance(plugin, dict) and name in plugin)


def _settings(plugin: Any) -> dict[str, Any]:
    """A plugin's own settings in mkdocs.yml (the search separator), kept when adding more."""
    if isinstance(plugin, dict):
        return dict(next(iter(plugin.values())) or {})
    return {}


def _knows(templates: Path | None, language: str) -> bool:
    """Whether the theme has its own words for `language`."""
    if templates is None:
        return False
    return (templates / "partials" / "languages" / f"{language}.html").is_file()


def search_languages(language: str) -> list[str]:
    """Stemming for the page language, and for English text not yet translated."""
    return list(dict.fromkeys([language.replace("-", "_"), "en"]))


def theme_language(
    code: str, direction: str, overrides: Path, folder: Path, templates: Path | None
) -> Path:
    """A copy of the overrides that teaches the theme a language it has no file for.

    The theme's `lang` and `dir` attributes come from that file; its own words fall back
    to the nearest language it knows (de for de-CH), else English.
    """
    shutil.copytree(overrides, folder, dirs_exist_ok=True)
    base = code.split("-")[0]
    base = base if _knows(templates, base) else "en"
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
