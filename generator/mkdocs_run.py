"""One MkDocs build, or one part of it, in a process of its own.

    python -m generator.mkdocs_run CONFIG_FILE [PART COUNT]

site.py starts one such process per language (processes.py runs them side by side, each
with a time limit). A language with many pages is split in COUNT parts, built at once
on different cores: every part reads every page's front matter (the navigation and the
sitemap need their titles and addresses), but renders and writes only its own share of
the pages; part 0 also writes everything else (theme files, assets, 404 page, sitemap).
Each part writes its share of the search index; site.join_parts puts the parts together,
byte for byte the site one process would have built (tests/test_site_parts.py).

MkDocs 1.6.1 is the last release of MkDocs 1.x, so the steps replaced here (the two
build steps _populate_page and _build_page, Page.render, and the raw-HTML scan below)
will not change under us.

One step is left out of every build: MkDocs parses each page's raw HTML a second time
only to learn its ids, so that a Markdown link to one of them can be checked. The pages
the generator writes are HTML with Markdown headings and hold no Markdown links to
anchors (their links are HTML, checked by `generator links` and the tests' crawler), and
that parse was a sixth of MkDocs' time. A Markdown link to an id in raw HTML would now be
reported as broken: loudly, never silently. And the parse Python-Markdown itself makes to
find raw HTML is spared the blocks the generator wrote (html_blocks.py: the same HTML out).
Pages the generator wrote skip Python-Markdown altogether (page_html.py: the same HTML,
table of contents and anchors, made directly; a hand-written page is converted as before).
And the theme's search plugin, which reads each page's HTML again to cut it into sections,
gets the same calls from search_reader.py as from Python's html.parser, faster.

Exit codes: 0 built; REFUSED when MkDocs refused the pages (strict mode: a warning, a
broken link), with its messages; anything else is a crash, with its traceback.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path
from typing import Any

from . import bidi, minify, page_html, search_reader
from .errors import SiteBuildError
from .html_blocks import HtmlBlocksExtension
from .shares import PAGE_COST, owners

REFUSED = 65  # EX_DATAERR: the input (our pages) was refused
# A theme template MkDocs could not use: its details follow, as JSON, on the last line.
TEMPLATE = 66


def run(config_file: Path, part: int = 0, count: int = 1) -> None:
    """Build with MkDocs; raise SiteBuildError, with its messages, when it refuses the pages."""
    from mkdocs import exceptions
    from mkdocs.commands import build
    from mkdocs.config import load_config

    _skip_raw_html_ids()
    _convert_generated_pages()
    search_reader.install()
    _link_copies(config_file)
    if count > 1:
        _build_only_part(build, part, count)
    # MkDocs reports what it refuses through logging; shown only when it does refuse.
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_file))
        config["markdown_extensions"].append(HtmlBlocksExtension())
        # Last of the page's events, once the theme and its plugins are done with it.
        config.plugins._register_event("post_page", _squeezed, "tx-minify")
        # The theme's own pages (404.html) are not pages to MkDocs: they come through here.
        config.plugins._register_event("post_template", _rtl_template, "tx-rtl")
        build.build(config)
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        raise SiteBuildError(f"{exc}\n{stream.getvalue().strip()}".strip()) from None
    finally:
        logger.removeHandler(handler)


def _squeezed(output: str, /, **_: Any) -> str:
    return minify.page(minify.theme_settings(bidi.rtl_root(output)))


def _rtl_template(output: str, /, template_name: str = "", **_: Any) -> str:
    return bidi.rtl_root(output) if template_name.endswith(".html") else output


def _skip_raw_html_ids() -> None:
    from mkdocs.structure import pages

    pages._RawHTMLPreprocessor.run = lambda self, lines: lines  # type: ignore[method-assign]


def _convert_generated_pages() -> None:
    """Pages the generator wrote are converted by page_html.py, the same HTML as
    Python-Markdown's without its parse; any other page by Python-Markdown, as before."""
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    markdown_render = pages.Page.render

    def render(page: Any, config: Any, files: Any) -> None:
        settings = config["mdx_configs"]
        converted = None
        if page.markdown is not None and page_html.supported(
            config["markdown_extensions"], settings
        ):
            converted = page_html.convert(page.markdown, *page_html.permalink_settings(settings))
        if converted is None:
            return markdown_render(page, config, files)
        page.content = converted["html"]
        page.toc = get_toc(converted["toc_tokens"])
        page._title_from_render = None
        page.present_anchor_ids = converted["anchors"]
        page.links_to_anchors = {}

    pages.Page.render = render  # type: ignore[method-assign,assignment]


def _link_copies(config_file: Path) -> None:
    """Files of the docs tree (share cards, data, assets) are hard-linked into the site
    rather than copied: the docs tree is a scratch folder beside it, removed after the
    build. Anything else (the theme's own files) is copied, as MkDocs does."""
    import os
    import shutil

    import yaml
    from mkdocs import utils

    docs = os.path.realpath(yaml.safe_load(config_file.read_text(encoding="utf-8"))["docs_dir"])
    copy = utils.copy_file

    def link_or_copy(source_path: str, output_path: str) -> None:
        inside = os.path.realpath(source_path).startswith(docs + os.sep)
        if not inside or os.path.isdir(output_path):
            return copy(source_path, output_path)
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        if os.path.lexists(output_path):
            os.unlink(output_path)
        try:
            os.link(source_path, output_path)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source_path, output_path)

    utils.copy_file = link_or_copy


def _share(pages: Any, part: int, count: int) -> set[str]:
    """This part's pages: a run of them in MkDocs' order (so that the parts' search indexes
    join in that order), of about a `count`th of their cost: a page's template and
    navigation, and its size (the index pages that list every concern are large)."""
    import os

    sizes = [PAGE_COST + os.path.getsize(f.abs_src_path) for f in pages]
    shared = zip(pages, owners(sizes, count), strict=True)
    return {f.src_uri for f, owner in shared if owner == part}


def _build_only_part(build: Any, part: int, count: int) -> None:
    """Make MkDocs render and write only this part's pages (and, but for part 0, only them)."""
    populate, write_page = build._populate_page, build._build_page
    mine: set[str] | None = None

    def is_mine(page: Any, files: Any) -> bool:
        nonlocal mine
        if mine is None:  # the first page: the pages are read in one order, every part alike
            mine = _share(files.documentation_pages(), part, count)
        return page.file.src_uri in mine

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if is_mine(page, files):
            populate(page, config, files, dirty)
        else:  # its front matter only: title and meta for the navigation and sitemap
            page.read_source(config)

    def build_page(page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        if mine is not None and page.file.src_uri in mine:
            write_page(page, config, *args, **kwargs)

    build._populate_page = populate_page
    build._build_page = build_page
    if part > 0:
        from mkdocs.structure.files import Files

        build._build_theme_template = lambda *a, **k: None
        build._build_extra_template = lambda *a, **k: None
        Files.copy_static_files = lambda self, *a, **k: None  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    part, count = (int(argv[1]), int(argv[2])) if len(argv) > 2 else (0, 1)
    logging.getLogger("mkdocs").propagate = False  # its messages come with the error only
    import jinja2

    try:
        run(Path(argv[0]), part, count)
    except SiteBuildError as exc:
        print(exc.message, file=sys.stderr)
        return REFUSED
    except jinja2.TemplateError as exc:  # the campaign's overrides, or a name in mkdocs.yml
        from .theme import template_details

        print(json.dumps(template_details(exc)), file=sys.stderr)
        return TEMPLATE
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
