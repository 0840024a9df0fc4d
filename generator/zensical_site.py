"""The Zensical adapter: the same docs tree and settings, built by Material's successor.

MkDocs 1.x is unmaintained and Material 9.x reaches end of life; this keeps the
way out open and tested. Zensical reads the mkdocs.yml of engine_settings.py, with
adjustments found by building: relative docs_dir/site_dir (an absolute docs_dir
makes zensical 0.0.73 panic), the 'classic' theme variant (Material's look, which
our CSS and overrides are written for), no MkDocs-only keys, and no link checking of
its own (see NO_LINK_VALIDATION). Its Markdown, Python-Markdown run from Rust, also
loads html_blocks.py and page_html.py by name, so that the generated pages skip
Python-Markdown's parse there too (the same site, faster), and its pages link its
stylesheet cut to what the site uses (stylesheet.py), as MkDocs' do. pipeline.py runs
it exactly as it runs MkDocs: in a scratch folder, swapped in whole, a large language in
parts side by side (zensical_parts.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from . import bidi, stylesheet, zensical_parts
from .engine_settings import engine_config, parts, write_engine_config
from .errors import EngineError, GeneratorError, SiteBuildError
from .processes import EngineBuild, Process, python_env
from .render import RenderedSite, page_url
from .resources import theme_templates
from .theme import Theme

ZENSICAL = Path(sys.executable).with_name("zensical")
# Repairs to Zensical's search dialog (contrast, a scrolling list Tab cannot reach).
ZENSICAL_SCRIPT = "assets/zensical-a11y.js"
# MkDocs settings Zensical does not know; it would only warn about them.
_MKDOCS_ONLY = ("hooks", "watch")
HTML_BLOCKS = "generator.html_blocks"
# And converts the generated pages without Python-Markdown's parse (page_html.py): the
# same HTML and table of contents, when its Markdown is set up as the generator expects.
PAGE_HTML = "generator.page_html"
# Zensical reads MkDocs' `validation:` as its own, and checks links by reading every page,
# its HTML blocks included, a character at a time in Python: one process over the 1,032
# pages of a 1,000-concern campaign spent 9.9 s of processor time with it and 3.3 s
# without, and the same site came out, file for file. Our links are checked elsewhere, and
# more closely: those written in the YAML's Markdown as it is loaded (bodies.py, with file
# and line), and every link and anchor of the built site by `generator links`, which CI
# and the deploy run. So a build with Zensical no longer stops at a broken link: `make
# links` (or CI) is where it is found.
NO_LINK_VALIDATION = {"invalid_links": False, "invalid_link_anchors": False}


def zensical_config(config: dict[str, Any]) -> dict[str, Any]:
    """The MkDocs settings, adapted; docs/ and site/ are beside the file it is written to."""
    config = {**config, "theme": {**config["theme"], "variant": "classic"}}
    if not config["theme"].get("palette"):
        # No palette ({}: the colours are site.css's own). Zensical reads a mapping as a
        # list of one palette and would load the palette stylesheet; an empty list is none.
        config["theme"]["palette"] = []
    config["docs_dir"], config["site_dir"] = "docs", "site"
    for key in _MKDOCS_ONLY:
        config.pop(key, None)
    config["extra_javascript"] = [*config.get("extra_javascript", []), ZENSICAL_SCRIPT]
    config["markdown_extensions"] = [
        *config.get("markdown_extensions", []),
        HTML_BLOCKS,
        PAGE_HTML,
    ]
    config["validation"] = NO_LINK_VALIDATION
    # The footer names the engine that made the page (partials/copyright.html).
    config["extra"] = {**(config.get("extra") or {}), "tx_engine": "zensical"}
    words = config["extra"].get("words") or {}
    if words.get("search_dialog"):  # its dialog's words, for ZENSICAL_SCRIPT (main.html)
        config["extra"] = {**config["extra"], "tx_search_dialog": words["search_dialog"]}
    return config


class ZensicalEngine:
    """Zensical, in a process per language: it is Rust underneath, and a panic must not
    take us down."""

    name = "zensical"
    docs_anywhere = False

    def prepare(self, rendered: RenderedSite, theme: Theme, docs: Path, work: Path) -> EngineBuild:
        """The processes that build one language's docs tree (which must be work/docs)
        into work/site: one, or for a large language one per part (zensical_parts.py),
        whose pages are then moved out of work/docs into docs trees of their own."""
        if docs != work / "docs":
            raise ValueError("Zensical reads docs/ beside its configuration file")
        templates = theme_templates("zensical")
        config = engine_config(rendered, theme, docs, work / "site", work, templates)
        config = zensical_config(config)
        config = stylesheet.settings(config, theme_stylesheet())
        pages = pages_as_folders(docs)
        config["nav"] = [{t: as_folder(path)} for item in config["nav"] for t, path in item.items()]
        count = parts(len(pages))
        folders = [work]
        if count > 1:
            nav = {as_folder(path) for _, path in rendered.nav} & set(pages)
            folders += zensical_parts.split(docs, pages, nav, count, work / "parts")
        language = rendered.config["language"]
        processes = []
        for number, folder in enumerate(folders):
            config_file = write_engine_config(config, folder / "mkdocs.yml")
            argv = [str(ZENSICAL), "build", "--strict", "--config-file", config_file.name]
            part = f"the {language} pages"
            if count > 1:
                part += f", part {number + 1} of {count}"
            processes.append(Process(argv, folder, "Zensical", part, _failure, python_env()))

        def finish() -> Path:
            site = _built(work / "site")
            if count > 1:
                sites = [_built(folder / "site") for folder in folders[1:]]
                site = zensical_parts.join(site, sites, zensical_parts.addresses(pages))
            if config["theme"].get("direction") == "rtl":
                _rtl_roots(site)
            return stylesheet.cut_as_set(config, site)

        return EngineBuild(processes, finish)


def _rtl_roots(site: Path) -> None:
    """Each page of a right-to-left language with its direction on <html> as well, as
    the MkDocs build writes it (mkdocs_run.py); Zensical has no hook for its pages."""
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        turned = bidi.rtl_root(text)
        if turned != text:
            path.write_text(turned, encoding="utf-8")


def as_folder(page: str) -> str:
    """`about.md` as `about/index.md`: the same address, from a file in its own folder."""
    return page_url(page) + "index.md"


def pages_as_folders(docs: Path) -> list[str]:
    """Move every page of `docs` into a folder of its own (as_folder); return them, sorted.

    Zensical reads a relative link in a page's HTML as relative to the page's file, where
    MkDocs and browsers read it as relative to the page's address: from `about.md`, shown at
    /about/, it would add a `../` to every link (in a translated edition they would lead to
    the source language's pages; on a site under a path, out of the site). A page whose
    file is `about/index.md` is at the same place either way, so the links stay as written.
    """
    pages = []
    for page in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")):
        target = as_folder(page)
        if target != page:
            if (docs / target).exists():  # both x.md and x/index.md: one address, two pages
                raise SiteBuildError(f"{page} and {target} would both be the page at one address")
            (docs / target).parent.mkdir(parents=True, exist_ok=True)
            (docs / page).rename(docs / target)
        pages.append(target)
    return sorted(pages)


def theme_stylesheet() -> str:
    """The stylesheet of Zensical's 'classic' variant, as a path in a built site."""
    return stylesheet.theme_file("zensical", "assets/stylesheets/classic", "Zensical")


def _failure(code: int, output: str) -> GeneratorError:
    if "panicked at" in output:  # a crash of its Rust core, not a page it refused
        last = output.splitlines()[-1]
        return EngineError(
            f"Zensical crashed: {last}", "build with --engine mkdocs, and report the crash."
        )
    if "Traceback (most recent call last)" in output:  # its Python side refused: say why
        reason = output.splitlines()[-1].split(": ", 1)[-1]
        return SiteBuildError(f"Zensical refused the pages: {reason}")
    return SiteBuildError(f"zensical build failed:\n{output}".strip())


def _built(site: Path) -> Path:
    if not (site / "index.html").is_file():
        raise SiteBuildError("zensical build finished without building the home page.")
    return site
