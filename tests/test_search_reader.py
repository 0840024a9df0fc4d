"""Material's search index reads our pages through search_reader: the same handler calls
as Python's html.parser makes, or html.parser itself."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator import search_reader
from generator.search_reader import events


class Recorder(HTMLParser):
    """Every handler call html.parser makes, in order (what Material's parser receives)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.calls: list[Any] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.calls.append(("start", tag, attrs))

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self.calls.append(("startend", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.calls.append(("end", tag, None))

    def handle_data(self, data: str) -> None:
        self.calls.append(("data", data, None))

    def handle_comment(self, data: str) -> None:
        self.calls.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.calls.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.calls.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.calls.append(("unknown", data))


def stdlib_calls(page: str) -> list[Any]:
    recorder = Recorder()
    recorder.feed(page)
    recorder.close()
    return recorder.calls


def replayed(page: str) -> list[Any]:
    """What a parser receives through search_reader.feed, html.parser's path included."""
    recorder = Recorder()
    search_reader.feed(recorder, page, recorder.feed)
    recorder.close()
    return recorder.calls


BODY = re.compile(r"<article\b[^>]*>(.*)</article>", re.DOTALL)


def _bodies(site: Path) -> list[str]:
    pages = sorted(site.rglob("*.html"))
    return [m[1] for p in pages if (m := BODY.search(p.read_text(encoding="utf-8")))]


def test_every_page_of_a_built_site_gets_the_same_calls(minimal_site: Path) -> None:
    """The page bodies the search plugin reads are read by this module, not by the
    fallback, and give exactly html.parser's calls."""
    bodies = _bodies(minimal_site)
    assert len(bodies) > 20
    for body in bodies:
        found = events(body)
        assert found is not None, body[:200]
        assert found == stdlib_calls(body)


def test_hostile_pages_get_the_same_calls(hostile_site: Path) -> None:
    """Pages whose every text carries markup and scripts (escaped by the generator)."""
    for body in _bodies(hostile_site):
        assert replayed(body) == stdlib_calls(body)


PIECES = [
    "text",
    " ",
    "\n",
    "\u00a0",
    "&amp;",
    "&#39;",
    "&lt;b&gt;",
    "&bogus;",
    "& ",
    "a&b",
    "<",
    "< p>",
    "x < y",
    "<p>",
    "</p>",
    "</p >",
    "</P>",
    "<P>",
    "<br>",
    "<br/>",
    "<br />",
    "<hr/ >",
    '<a href="https://example.org/?a=1&amp;b=2">',
    '<a href="">',
    "<a href='single'>",
    "<a href=bare>",
    '<a HREF="X" Title="t &quot;q&quot;">',
    '<input disabled type="checkbox">',
    '<div data-search-exclude class="x">',
    '<span\n  class="multi line">',
    '<span class="a>b">',
    "</a>",
    "</div>",
    "</span>",
    "<!-- a comment -->",
    "<!DOCTYPE html>",
    "<?pi?>",
    "<script>if (a < b) {}</script>",
    "<style>p > a {}</style>",
    '<h2 id="x">',
    "</h2>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    '<x-y z:w="1">',
    "<a/b>",
    "</ a>",
    "<3",
    "&#x",
]


@pytest.mark.parametrize("seed", range(40))
def test_random_pages_get_the_same_calls_or_go_to_html_parser(seed: int) -> None:
    rng = random.Random(seed)
    fast = 0
    for _ in range(100):
        page = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert replayed(page) == stdlib_calls(page), page
        fast += events(page) is not None
    assert fast  # some of them, at least, are read here rather than by html.parser


def test_what_it_cannot_read_goes_to_html_parser() -> None:
    for page in ["<p>a < b</p>", "<!-- c --><p>x</p>", "<a href='x'>y</a>", "<script>x</script>"]:
        assert events(page) is None
        assert replayed(page) == stdlib_calls(page)


def sections(parser_class: Any, page: str) -> list[Any]:
    """What the search index is made of: each section's id, title, text and whether it is
    excluded, as `parser_class` cuts `page`; or the error it raises."""
    parser = parser_class()
    try:
        parser.feed(page)
        parser.close()
    except Exception as exc:  # the same error is as good as the same result
        return [type(exc).__name__]
    return [(s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data]


SECTION_PIECES = [
    *PIECES,
    '<h1 id="top">',
    "</h1>",
    '<h3 id="deep">',
    "</h3>",
    "<h4>",
    "</h4>",
    '<a class="headerlink" href="#top">',
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<ol>",
    "</ol>",
    '<ul data-search-exclude="">',
    "<li data-search-exclude>",
    '<div class="linenodiv">',
    "<sub>",
    "</sub>",
    "<object>",
    "</object>",
    "<section>",
    "</section>",
    "  \n  ",
]


def test_sections_are_materials_own_for_every_page_of_a_built_site(
    minimal_site: Path, hostile_site: Path
) -> None:
    plugin = pytest.importorskip("material.plugins.search.plugin")
    fast = search_reader.sectioning(plugin)
    for body in _bodies(minimal_site) + _bodies(hostile_site):
        assert sections(fast, body) == sections(plugin.Parser, body)


@pytest.mark.parametrize("seed", range(40))
def test_sections_are_materials_own_for_random_pages(seed: int) -> None:
    """Headings in and out of other elements, excluded blocks of the same tag nested in
    each other, empty list items, permalinks: the theme's parser has corners, kept."""
    plugin = pytest.importorskip("material.plugins.search.plugin")
    fast = search_reader.sectioning(plugin)
    rng = random.Random(seed)
    for _ in range(150):
        page = "".join(rng.choice(SECTION_PIECES) for _ in range(rng.randint(0, 40)))
        assert sections(fast, page) == sections(plugin.Parser, page), page


def test_materials_parser_makes_the_same_sections() -> None:
    """Installed, the theme's own parser builds the same sections from a page."""
    plugin = pytest.importorskip("material.plugins.search.plugin")
    page = (
        '<h1 id="title">Title <a class="headerlink" href="#title">¶</a></h1>'
        '<p>Intro &amp; more</p><h2 id="two">Two</h2><ul><li>One</li><li> </li></ul>'
        "<div data-search-exclude><p>hidden</p></div><pre><code>a\n  b</code></pre>"
    )

    before = sections(plugin.Parser, page)
    original = plugin.Parser
    try:
        search_reader.install()
        assert plugin.Parser is not original
        assert sections(plugin.Parser, page) == before
    finally:
        plugin.Parser = original


def test_the_search_index_is_written_in_utf8(multilingual_site: Path) -> None:
    """With \\u escapes the Arabic index was 2.5 times its size, all downloaded before the
    first result; the same data, as the browser's JSON.parse reads it."""
    raw = (multilingual_site / "ar/search/search_index.json").read_bytes()
    assert b"\\u06" not in raw and "ضمانات".encode() in raw
    assert json.loads(raw)["docs"]
