"""The MkDocs adapter: one language's docs tree and settings -> MkDocs -> its built site.

pipeline.py asks it once per language, in a scratch folder, and swaps the whole site into
place only when every language built. Each build runs MkDocs in a process of its own
(mkdocs_run.py, the only other module that imports MkDocs), side by side with the other
languages' and with a time limit (processes.py); a language of many pages is built in
parts, one per core, joined here. The settings it writes (mkdocs.yml) are also what
Zensical reads (zensical_site.py).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from . import mkdocs_run, stylesheet
from .errors import EngineError, GeneratorError, SiteBuildError
from .processes import EngineBuild, Process, python_env, workers
from .render import RenderedSite
from .theme import Theme, template_error

__all__ = ["MkDocsEngine", "SiteBuildError", "build_config", "engine_config", "write_engine_config"]

# A language is split in parts of at least this many pages, one process each: below
# it, starting another process (about half a second of imports) costs more than it saves.
PAGES_PER_PART = 300
MKDOCS_RUN = [sys.executable, "-m", "generator.mkdocs_run"]  # + config file [part count]
SEARCH_INDEX = Path("search/search_index.json")


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
    config["extra"]["site_card_alt"] = settings.pop("site_card_alt", None)
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


def build_config(
    rendered: RenderedSite, theme: Theme, docs_dir: Path, site_dir: Path, work: Path
) -> dict[str, Any]:
    """engine_config for a build (not the live preview): its pages link the theme's
    stylesheet cut to what they use (stylesheet.py)."""
    config = engine_config(rendered, theme, docs_dir, site_dir, work)
    return stylesheet.settings(config, theme_stylesheet())


def _templates() -> Path:
    spec = importlib.util.find_spec("material")
    return Path(spec.origin if spec and spec.origin else ".").parent / "templates"


def _theme_knows(language: str) -> bool:
    return (_templates() / "partials" / "languages" / f"{language}.html").is_file()


def theme_stylesheet() -> str:
    """Material's stylesheet, as a path in a built site."""
    return stylesheet.theme_file("material", "assets/stylesheets", "Material for MkDocs")


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
    """MkDocs in this process, all pages at once; raise SiteBuildError if it refuses them.
    (Builds run it in processes of their own: MkDocsEngine.)"""
    mkdocs_run.run(config_file)


class MkDocsEngine:
    """MkDocs 1.6 with Material for MkDocs 9, one process per language (or part of one)."""

    name = "mkdocs"

    def prepare(self, rendered: RenderedSite, theme: Theme, docs: Path, work: Path) -> EngineBuild:
        """The processes that build one language's docs tree into work/site."""
        config = build_config(rendered, theme, docs, work / "site", work)
        pages = sum(1 for name in rendered.files if name.endswith(".md"))
        return mkdocs_processes(config, pages, work, theme.campaign_overrides)


def mkdocs_processes(
    config: dict[str, Any], pages: int, work: Path, campaign_overrides: Path | None = None
) -> EngineBuild:
    """MkDocs processes building one language (settings `config`, `pages` pages) into
    config's site_dir: one, or one per part of a large language, joined when all are done
    (and the theme's stylesheet cut, if `config` says so)."""
    count = parts(pages)
    language = config["theme"]["language"]
    sites, processes = [], []
    for i in range(count):
        # Every part reads the same settings; only where it writes differs.
        site = Path(config["site_dir"]) if i == 0 else work / f"site-part{i}"
        name = "mkdocs.yml" if i == 0 else f"mkdocs-part{i}.yml"
        write_engine_config({**config, "site_dir": str(site)}, work / name)
        argv = [*MKDOCS_RUN, name]
        if count > 1:
            argv += [str(i), str(count)]
        sites.append(site)
        part = f"the {language} pages"
        failure = functools.partial(_failure, campaign_overrides)
        processes.append(Process(argv, work, "MkDocs", part, failure, python_env()))
    return EngineBuild(processes, lambda: stylesheet.cut_as_set(config, join_parts(sites)))


def parts(pages: int) -> int:
    """How many processes build one language of `pages` pages."""
    return max(1, min(workers(), pages // PAGES_PER_PART))


def _failure(campaign_overrides: Path | None, code: int, output: str) -> GeneratorError:
    if code == mkdocs_run.REFUSED:
        return SiteBuildError(output or "MkDocs refused the pages.")
    if code == mkdocs_run.TEMPLATE and output:
        details = json.loads(output.splitlines()[-1])
        return template_error(details, campaign_overrides)
    last = output.splitlines()[-1] if output else f"exit code {code}"
    return EngineError(
        f"MkDocs stopped with an error: {last}",
        "run the build again; if it fails again, report it with the build's output.",
    )


def join_parts(sites: list[Path]) -> Path:
    """Move every part's pages into the first part's site, and join their search indexes
    in part order, as one process would have written them."""
    site = sites[0]
    if not (site / "index.html").is_file():
        raise SiteBuildError("MkDocs finished without building the home page.")
    if len(sites) == 1:
        return site
    index = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    for part in sites[1:]:
        more = json.loads((part / SEARCH_INDEX).read_text(encoding="utf-8"))
        index["docs"].extend(more["docs"])
        (part / SEARCH_INDEX).unlink()
        for file in sorted(p for p in part.rglob("*") if p.is_file()):
            target = site / file.relative_to(part)
            if target.exists():
                name = target.relative_to(site)
                raise SiteBuildError(f"two parts of the MkDocs build wrote {name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            file.rename(target)
    # As Material's search plugin writes it (search/plugin.py, generate_search_index).
    text = json.dumps(index, separators=(",", ":"), default=str)
    (site / SEARCH_INDEX).write_bytes(text.encode("utf-8"))
    return site
