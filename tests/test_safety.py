"""Hostile content: what the built pages contain, and which content is refused outright.

tests/fixtures/hostile puts a script payload into every text field of a campaign. The
site must build, every payload must end up as text, and no page may carry markup that
could run it. URL and email fields that cannot be shown safely are refused instead,
each with its file, line and field. test_browser_safety.py runs the same site.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli
from pages import Site, html_pages

# Everything our templates and the Markdown renderer may put inside a page's article.
_TAGS = """a p br hr em strong code pre blockquote ul ol li dl dt dd
table caption thead tbody tr th td div span time h1 h2 h3 h4 h5 h6 q bdi figure svg"""
CONTENT_TAGS = set(_TAGS.split())
CONTENT_ATTRS = {"href", "id", "class", "title", "datetime", "scope", "start", "style"}
# Our templates' own hooks for the copy buttons and search, and the language marks of
# untranslated text: inert data, never run.
CONTENT_ATTRS |= {"data-tx-copy", "data-tx-deeplinks", "data-search-exclude", "lang", "dir"}
CONTENT_ATTRS |= {"hidden", "data-tx-labels", "data-copy-link", "data-copied", "data-failed"}
# A section heading is named by its words, not by the permalink inside it (aria-labelledby).
# The country tracker's table, picker and progress bar (read by countries.js, never run).
CONTENT_ATTRS |= {"data-tx-table-tools", "data-filter-label", "data-shown", "data-tx-picker"}
CONTENT_ATTRS |= {"data-label", "data-go", "data-code", "data-status", "data-value", "data-sort"}
CONTENT_ATTRS |= {"data-names", "data-choose"}  # other names of a country; the placeholder
CONTENT_ATTRS |= {"data-none"}  # what the filter says when no country matches
CONTENT_ATTRS |= {"data-tx-accessed"}  # the citation's access date, moved on by site.js
CONTENT_ATTRS |= {"data-tx-copy-about"}  # what a copy button copies, for its name
# The days left to sign, counted again by site.js: the dates, and its words in every
# plural form of the page's language.
CONTENT_ATTRS |= {"data-tx-closes", "data-tz", "data-built", "data-today", "data-closed"}
CONTENT_ATTRS |= {f"data-count-{form}" for form in ("zero", "one", "two", "few", "many", "other")}
CONTENT_ATTRS |= {"translate"}  # translate="no" on words a translation must keep
CONTENT_ATTRS |= {"hreflang"}  # a source's language (a checked language code), on its link
CONTENT_ATTRS |= {"aria-hidden", "aria-labelledby"}
# The country table's scrolling region: named, described, and reachable by keyboard.
CONTENT_ATTRS |= {"role", "tabindex", "aria-describedby"}
# Inside an inline <svg> (the world map) any drawing element may appear; what could run
# (handlers, script: links, <script>, <foreignObject>) is still found.
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "object", "embed"}
SCRIPT_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


class _Scan(HTMLParser):
    """Collects what a page would run: handlers, script elements, foreign markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article>
        self.svg = 0  # > 0 inside <svg>
        self.findings: list[str] = []
        self.title = ""
        self._in_title = False
        self.csp: str | None = None
        self.before_csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = values.get("content", "")
        elif self.csp is None and tag in {"script", "link", "style", "img", "base"}:
            self.before_csp.append(tag)
        self._in_title = tag == "title"
        for name, value in values.items():
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>")
            if name in {
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
            } and SCRIPT_SCHEMES.match(value):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.findings.append("inline <script>")
        if tag == "article":
            self.depth += 1
        elif self.svg:
            if tag in SVG_FORBIDDEN:
                self.findings.append(f"<{tag}> in an svg")
        elif self.depth:
            if tag not in CONTENT_TAGS:
                self.findings.append(f"<{tag}> in the article")
            extra = set(values) - CONTENT_ATTRS
            if tag == "svg":
                extra -= {"xmlns", "role", "viewbox", "width", "height", "font-size", "direction"}
                extra -= {"aria-describedby", "focusable"}
            if extra:
                self.findings.append(f"<{tag}> with {sorted(extra)} in the article")
        if tag == "svg":
            self.svg += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.svg:
            self.svg -= 1
        if tag == "article":
            self.depth -= 1
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    return parser


def csp_directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {d[0].lower(): d[1:] for d in parts}


# -- every page carries a Content-Security-Policy that forbids inline script ------------


def assert_strict_csp(page: Path) -> None:
    found = scan(page.read_text(encoding="utf-8"))
    assert found.csp, f"{page}: no Content-Security-Policy"
    assert found.before_csp == [], f"{page}: {found.before_csp} come before the policy"
    policy = csp_directives(found.csp)
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts in (["'self'"], ["'none'"]), f"{page}: script-src {scripts}"
    assert policy.get("object-src", policy.get("default-src")) in (["'none'"], None) or policy[
        "default-src"
    ] == ["'none'"], f"{page}: plugins allowed"
    assert policy.get("base-uri") in (["'self'"], ["'none'"]), f"{page}: base-uri {policy}"
    assert set(policy.get("default-src", [])) <= {"'self'", "'none'"}, f"{page}: {policy}"


def test_every_page_forbids_inline_scripts(site: Site) -> None:
    pages = html_pages(site.root)
    assert len(pages) > 10
    for page in pages:
        assert_strict_csp(page)


def test_every_hostile_page_forbids_inline_scripts(hostile_site: Path) -> None:
    for page in html_pages(hostile_site):
        assert_strict_csp(page)


def test_pages_send_no_referrer(site: Site) -> None:
    """Following a link to a source tells its site nothing about which page it came from."""
    for page in html_pages(site.root):
        assert '<meta name="referrer" content="no-referrer">' in page.read_text("utf-8"), page


def test_csp_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<head><script src=a.js></script><meta http-equiv=Content-Security-Policy "
        "content=\"default-src 'self'; script-src 'self' 'unsafe-inline'\"></head>"
    )
    with pytest.raises(AssertionError, match="come before the policy"):
        assert_strict_csp(page)
    page.write_text(
        "<head><meta http-equiv=Content-Security-Policy "
        "content=\"default-src 'self'; script-src 'self' 'unsafe-inline'\"></head>"
    )
    with pytest.raises(AssertionError, match="script-src"):
        assert_strict_csp(page)


# -- the hostile campaign builds, and its payloads are text ------------------------------


def test_hostile_pages_carry_no_runnable_markup(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) >= 11
    for page in pages:
        assert scan(page.read_text(encoding="utf-8")).findings == [], page


def test_scan_finds_runnable_markup() -> None:
    found = scan(
        '<article><p onclick="x()">a</p><img src=x><a href=" JavaScript:x()">b</a>'
        "<script>x()</script></article>"
    )
    assert found.findings == [
        "<p onclick=...>",
        "<p> with ['onclick'] in the article",
        "<img> in the article",
        "<img> with ['src'] in the article",
        "<a href=' JavaScript:x()'>",
        "inline <script>",
        "<script> in the article",
    ]


def test_scan_finds_runnable_markup_inside_an_svg() -> None:
    found = scan(
        '<article><svg role="img"><rect onclick="x()"/><a href="javascript:x()">m</a>'
        "<script>x()</script><foreignObject></foreignObject></svg><figure>ok</figure></article>"
    )
    assert found.findings == [
        "<rect onclick=...>",
        "<a href='javascript:x()'>",
        "inline <script>",
        "<script> in an svg",
        "<foreignobject> in an svg",
    ]


def test_hostile_titles_and_text_show_the_payload(hostile_site: Path) -> None:
    concern = (hostile_site / "concerns/hostile-concern/index.html").read_text(encoding="utf-8")
    title = scan(concern).title
    assert title == (
        "<script>window.__pwned='concern.title'</script> & <b>bold</b> {{ 7*7 }}"
        " - Hostile <script>window.__pwned='site.name'</script> & co"
    )
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    # Jinja syntax in content is neither run by our templates nor by the engine.
    assert "{{ 7*7 }} {% if true %}jinja{% endif %}" in home
    assert "49" not in scan(home).title


def test_hostile_search_index_is_text(hostile_site: Path) -> None:
    """The theme shows search results as HTML, so the index must hold only harmless tags."""
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        fragment = f"<article>{doc['title']}<div>{doc['text']}</div></article>"
        assert scan(fragment).findings == [], doc["location"]
    assert any("&lt;script&gt;window.__pwned" in doc["text"] for doc in index["docs"])


def test_emoji_and_other_astral_characters_survive(hostile_site: Path) -> None:
    page = (hostile_site / "action/index.html").read_text(encoding="utf-8")
    assert "Convention 🔥" in page
    assert "\\ud83d" not in page and "title:" not in page


# -- fields that cannot be shown as text are refused, each with file:line: field ---------

REFUSED = [
    (
        "sources.yml",
        "https://test.example.org/source",
        "javascript:window.__pwned=1",
        "sources[0].url",
    ),
    (
        "articles.yml",
        "https://test.example.org/text#art5",
        "data:text/html,<script>window.__pwned=1</script>",
        "articles[0].official_url",
    ),
    (
        "articles.yml",
        "https://test.example.org/text#art9",
        "//evil.example/x",
        "articles[1].official_url",
    ),
    (
        "sources.yml",
        "https://test.example.org/other",
        'https://test.example.org/x?q=\\"><script>x()</script>',
        "sources[1].url",
    ),
    ("campaign.yml", "https://test.example.org\n", "http://test.example.org\n", "site.url"),
    (
        "campaign.yml",
        "https://test.example.org/text",
        "JaVa\\tScRiPt:alert(1)",
        "treaty.links[0].url",
    ),
    (
        "action.yml",
        "person@example.org",
        'person@example.org\\"><script>x()</script>',
        "contacts[0].email",
    ),
]


def test_unsafe_urls_and_emails_are_refused_with_their_place(
    campaign: Path, tmp_path: Path
) -> None:
    expected = []
    for name, old, new, field in REFUSED:
        path = campaign / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        line = text[: text.index(old)].count("\n") + 1
        quoted = new if new.endswith("\n") else f'"{new}"'
        path.write_text(text.replace(old, quoted, 1), encoding="utf-8")
        expected.append((name, line, field))
    site = tmp_path / "site"
    result = run_cli("build", "--content", campaign, "--site-dir", site)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    assert not site.exists()
    lines = result.err.splitlines()
    for name, line, field in expected:
        prefix = re.compile(rf"^{re.escape(name)}:{line}:\d+: {re.escape(field)}: must ")
        assert any(prefix.match(out) for out in lines), (name, line, field, result.err)
    assert lines[-1] == f"{len(REFUSED)} errors found; nothing was built."
