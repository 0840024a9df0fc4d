"""The MkDocs adapter: one language's docs tree and settings -> MkDocs -> its built site.

pipeline.py asks it once per language, in a scratch folder, and swaps the whole site into
place only when every language built. Each build runs MkDocs in a process of its own
(mkdocs_run.py; the live preview imports it itself: preview_engine.py, preview_server.py),
side by side with the other languages' and with a time limit (processes.py); a language of
many pages is built in parts, one per core, joined here. The settings both engines start from
are engine_settings.py's.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

from . import mkdocs_run, stylesheet, writer
from .engine_settings import engine_config, parts, write_engine_config
from .errors import EngineError, GeneratorError, SiteBuildError
from .processes import EngineBuild, Process, python_env
from .render import RenderedSite
from .resources import theme_templates
from .theme import Theme, template_error

MKDOCS_RUN = [sys.executable, "-m", "generator.mkdocs_run"]  # + config file [part count]
SEARCH_INDEX = Path("search/search_index.json")


def build_config(
    rendered: RenderedSite, theme: Theme, docs_dir: Path, site_dir: Path, work: Path
) -> dict[str, Any]:
    """engine_config for a build (not the live preview): its pages link the theme's
    stylesheet cut to what they use (stylesheet.py)."""
    config = engine_config(rendered, theme, docs_dir, site_dir, work, theme_templates("material"))
    return stylesheet.settings(config, theme_stylesheet())


def theme_stylesheet() -> str:
    """Material's stylesheet, as a path in a built site."""
    return stylesheet.theme_file("material", "assets/stylesheets", "Material for MkDocs")


class MkDocsEngine:
    """MkDocs 1.6 with Material for MkDocs 9, one process per language (or part of one)."""

    name = "mkdocs"
    docs_anywhere = True

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

    def clash(path: Path) -> None:
        raise SiteBuildError(f"two parts of the MkDocs build wrote {path.relative_to(site)}")

    for part in sites[1:]:
        more = json.loads((part / SEARCH_INDEX).read_text(encoding="utf-8"))
        index["docs"].extend(more["docs"])
        (part / SEARCH_INDEX).unlink()
        writer.move_into(part, site, clash)
    # As Material's search plugin writes it (search/plugin.py, generate_search_index),
    # in UTF-8 (search_reader.install).
    text = json.dumps(index, separators=(",", ":"), default=str, ensure_ascii=False)
    (site / SEARCH_INDEX).write_bytes(text.encode("utf-8"))
    return site
