"""Turn content text into safe HTML.

Markdown fields are rendered with raw HTML switched off and only https, mailto
and in-page links allowed, so nothing a content file says can run as script.
Images are switched off too: an image from another host would tell that host
who reads the page.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_SAFE_SCHEMES = {"https", "http", "mailto"}


def _safe_link(url: str) -> bool:
    url = url.strip()
    if url.startswith("#"):
        return True
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    return urlsplit(cleaned).scheme.lower() in _SAFE_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.validateLink = _safe_link  # type: ignore[method-assign]
    return md


_MD = _parser()


# The same text is rendered for its page, the feed and the open data: do it once.
@functools.lru_cache(maxsize=8192)
def block(text: str | None) -> Markup:
    """Markdown paragraphs, lists and links, as HTML."""
    if not text:
        return Markup("")
    return Markup(_MD.render(text).strip())  # noqa: S704 - markdown-it escapes; html is off


@functools.lru_cache(maxsize=8192)
def inline(text: str | None) -> Markup:
    """Markdown inside one line (emphasis, links), without a paragraph around it."""
    if not text:
        return Markup("")
    return Markup(_MD.renderInline(text))  # noqa: S704 - as above


def text(value: object) -> Markup:
    return escape(str(value))
