"""A faster reading of each page's HTML for Material's search index, with the same result.

Material's search plugin reads every page's HTML again, with Python's `html.parser`, to
cut it into sections for the index: in a profile of the 1,000-concern build, the largest
single part of an MkDocs process. The pages the generator writes are plain HTML: tags
with double-quoted attributes, and text. For such a page, `events` finds the very calls
`html.parser` makes to its handlers (the same tags and attributes, lower-cased and
unescaped as it does them, and the same runs of text between tags) with one regular
expression; the plugin's own parser then does all the rest, as before. A page with
anything else (a comment, a script or a style, a `<` that is text, an attribute in single
quotes or none) gets None, and is read by `html.parser` whole, as it always was.
`tests/test_search_reader.py` checks the calls are the same, page by page and for
thousands of random pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

# Text up to the next `<`; a start tag (maybe closed by `/>`); an end tag; or a `<` that
# starts none of them, which sends the page to html.parser. One of them matches wherever
# the last one ended, so `findall` reads the whole page.
_TOKEN = re.compile(
    r"([^<]+)"
    r"|<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*)\s*(/?)>"
    r"|</([a-zA-Z][a-zA-Z0-9-]*)\s*>"
    r"|(<)"
)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(=\"([^\"]*)\")?")
# Their text is not HTML: html.parser reads it differently, so such a page goes to it.
_RAW_TEXT = frozenset({"script", "style"})

Attrs = list[tuple[str, str | None]]
Event = tuple[str, str, Attrs | None]  # what, the text or tag, a start tag's attributes


def events(page: str) -> list[Event] | None:
    """The handler calls html.parser would make for `page`: ("data", text, None),
    ("start", tag, attrs), ("startend", tag, attrs), ("end", tag, None); or None."""
    tokens = _TOKEN.findall(page)
    out: list[Event] = []
    for text, tag, attrs, slash, end, _unread in tokens:
        if text:
            out.append(("data", html.unescape(text) if "&" in text else text, None))
        elif tag:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                return None
            out.append(("startend" if slash else "start", tag, _attrs(attrs) if attrs else []))
        elif end:
            out.append(("end", end.lower(), None))
        else:  # a `<` that starts nothing read here
            return None
    return out


def _attrs(written: str) -> Attrs:
    """As html.parser gives them: names lower-cased, values unescaped, None when absent."""
    return [
        (name.lower(), (html.unescape(value) if "&" in value else value) if quoted else None)
        for name, quoted, value in _ATTR.findall(written)
    ]


def feed(parser: Any, page: str, fallback: Callable[[str], None]) -> None:
    """Give `parser` (an html.parser.HTMLParser) the calls for `page`; what this module
    cannot read goes to `fallback`, the parser's own feed."""
    found = events(page)
    if found is None:
        fallback(page)
        return
    for kind, text, attrs in found:
        if kind == "data":
            parser.handle_data(text)
        elif kind == "start":
            parser.handle_starttag(text, attrs)
        elif kind == "startend":
            parser.handle_startendtag(text, attrs)
        else:
            parser.handle_endtag(text)


def install() -> None:
    """Read pages for Material's search index with `feed` (MkDocs builds only)."""
    from material.plugins.search import plugin  # type: ignore[import-untyped]

    base = plugin.Parser

    class Reader(base):  # type: ignore[misc, valid-type]
        def feed(self, data: str) -> None:
            feed(self, data, super().feed)

    plugin.Parser = Reader
