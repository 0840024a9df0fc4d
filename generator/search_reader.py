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
import json
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


def sectioning(plugin: Any) -> type:
    """Material's search Parser (of the `plugin` module) with its handlers written again
    to make the same sections faster.

    Its own handlers compare every open element with `in` and set intersections through
    Python-level `__eq__` and `__hash__` (an element equals any other of its tag name), and
    build a list of heading names on every tag. These keep the open elements' tag names in
    a list beside them, and the skipped ones as a set of names, which is what those
    comparisons amount to, so that each test is one call into C. The sections are the
    same, down to each piece of their title and text (tests/test_search_reader.py).
    """
    Element, Section, void = plugin.Element, plugin.Section, plugin.void

    class Sectioning(plugin.Parser):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.tags: list[str] = []  # the tag of each element of self.context
            self.skipped: set[str] = {str(x) for x in self.skip}  # self.skip's tag names

        def handle_starttag(self, tag: str, attrs: Attrs) -> None:
            if tag in void:
                return
            found = dict(attrs)
            el = Element(tag, found)
            self.context.append(el)
            self.tags.append(tag)
            if tag in _HEADINGS and "id" in found:
                depth = len(self.context)
                if tag != "h1" and not self.data:
                    self.section = Section(Element("hx"), depth)
                    self.data.append(self.section)
                self.section = Section(el, depth)
                if self.data:
                    self.section.id = found["id"]
                self.data.append(self.section)
            if self.section is None:
                self.section = Section(Element("hx"))
                self.data.append(self.section)
            if "data-search-exclude" in found or found.get("class") == "linenodiv":
                self.skipped.add(tag)
                return
            if tag in self.keep and self.skipped.isdisjoint(self.tags):
                self._pieces().append(f"<{tag}>")

        def handle_endtag(self, tag: str) -> None:
            if not self.tags or self.tags[-1] != tag:
                return
            open_now = len(self.context)
            if self.section.depth > open_now:
                for section in reversed(self.data):
                    if section.depth <= open_now:
                        self.section.depth = float("inf")
                        self.section = section
                        break
            self.context.pop()
            self.tags.pop()
            if tag in self.skipped:
                if tag not in _RAW:
                    self.skipped.remove(tag)
                return
            if tag in self.keep and self.skipped.isdisjoint(self.tags):
                data = self._pieces()
                index = data.index(f"<{tag}>")
                if any(not piece.isspace() for piece in data[index + 1 :]):
                    data.append(f"</{tag}>")
                else:  # nothing but spaces since it opened: the element is dropped
                    del data[index:]

        def handle_data(self, data: str) -> None:
            tags = self.tags
            if not self.skipped.isdisjoint(tags):
                return
            if "pre" not in tags:
                data = " " if data.isspace() else data.replace("\n", " ")
            if self.section is None:
                self.section = Section(Element("hx"))
                self.data.append(self.section)
            section = self.section
            if section.el.tag in tags:
                if not any(
                    el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context
                ):
                    section.title.append(html.escape(data, quote=False))
            elif data.isspace():
                if not section.text or not section.text[-1].isspace() or "pre" in tags:
                    section.text.append(data)
            else:
                section.text.append(html.escape(data, quote=False))

        def _pieces(self) -> list[str]:
            """The section's title while inside its heading, else its text."""
            section = self.section
            return section.title if section.el.tag in self.tags else section.text

    return Sectioning


_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_RAW = frozenset({"script", "style", "object"})  # skipped always, however they close


def install() -> None:
    """Read pages for Material's search index with `feed` and make their sections with
    `sectioning`, and write the index as UTF-8 (MkDocs builds only)."""
    from material.plugins.search import plugin  # type: ignore[import-untyped]

    base = sectioning(plugin)

    class Reader(base):  # type: ignore[misc, valid-type]
        def feed(self, data: str) -> None:
            feed(self, data, super().feed)

    plugin.Parser = Reader
    plugin.json = _Utf8Json


class _Utf8Json:
    """The json module as Material's search plugin uses it, writing text as UTF-8: with
    \\u escapes an Arabic index is 2.5 times the size, which a reader on a slow network
    downloads before the first result (the same data, as JSON.parse reads it)."""

    @staticmethod
    def dumps(data: Any, **options: Any) -> str:
        return json.dumps(data, ensure_ascii=False, **options)
