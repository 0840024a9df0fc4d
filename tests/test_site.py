"""The built HTML of every page type, its links both ways, and what content cannot do to it."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, build_unchecked, run_cli


class Links(HTMLParser):
    """Collects href/src of links, scripts, styles and images, and the first h1."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value is not None:
                self.refs.append((tag, value))
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1 and data.strip():
            self.h1.append(data.strip())


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


PAGES = {
    "index.html": "Test campaign",
    "concerns/index.html": "Concerns",
    "concerns/weak-safeguards/index.html": "Weak safeguards",
    "articles/index.html": "Treaty articles",
    "articles/5/index.html": "Article 5",
    "recommendations/index.html": "Recommendations",
    "timeline/index.html": "Timeline",
    "action/index.html": "Take action",
    "glossary/index.html": "Glossary",
    "about/index.html": "About & sources",
    "404.html": "Page not found",
}


@pytest.mark.parametrize(("name", "heading"), PAGES.items())
def test_every_page_type_is_built(minimal_site: Path, name: str, heading: str) -> None:
    assert parse(minimal_site / name).h1[0] == heading


def hrefs(site: Path, name: str) -> set[str]:
    return {v for tag, v in parse(site / name).refs if tag == "a"}


def test_concern_links_to_articles_fixes_and_related(minimal_site: Path) -> None:
    links = hrefs(minimal_site, "concerns/weak-safeguards/index.html")
    assert "../../articles/5/" in links
    assert "../../recommendations/#judicial-authorisation" in links
    assert "../../concerns/secret-interception/" in links
    assert "../../action/#letter-weak-safeguards" in links


def test_article_and_recommendation_link_back_to_concerns(minimal_site: Path) -> None:
    assert "../../concerns/weak-safeguards/" in hrefs(minimal_site, "articles/5/index.html")
    recs = hrefs(minimal_site, "recommendations/index.html")
    assert {"../concerns/weak-safeguards/", "../concerns/secret-interception/"} <= recs


def test_alias_redirects_to_the_concern(minimal_site: Path) -> None:
    html = (minimal_site / "concerns/old-safeguards/index.html").read_text()
    assert 'content="0; url=../../concerns/weak-safeguards/"' in html
    assert (
        '<link rel="canonical" href="https://test.example.org/concerns/weak-safeguards/">' in html
    )


def test_no_request_leaves_the_site(minimal_site: Path) -> None:
    for page in minimal_site.rglob("*.html"):
        for tag, ref in parse(page).refs:
            if tag in {"script", "img", "link", "iframe", "source"} and tag != "a":
                if tag == "link" and ref.startswith("https://test.example.org/"):
                    continue  # canonical/alternate links are not fetched
                assert not re.match(r"^(https?:)?//", ref), f"{page}: {tag} {ref}"
    css = (minimal_site / "assets/site.css").read_text()
    assert "@import" not in css and "url(http" not in css


def test_unconfirmed_facts_are_marked(minimal_site: Path) -> None:
    html = (minimal_site / "index.html").read_text()
    row = re.search(r"<tr><th scope=\"row\">Articles</th>.*?</tr>", html, re.S)
    assert row and "tx-badge--unconfirmed" in row.group(0)


def test_mailto_decodes_to_the_yaml_letter(minimal_site: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    html = (minimal_site / "action/index.html").read_text()
    page = parse(minimal_site / "action/index.html")
    links = [v for tag, v in page.refs if tag == "a" and v.startswith("mailto:?")]
    queries = [parse_qs(urlsplit(link).query) for link in links]
    # The general letter; the one before it asks a State the country list does not have.
    query = next(q for q in queries if q["subject"] == ["Please act on the Test Convention"])
    assert "safeguards & care." in query["body"][0]
    assert "Safeguards matter: 100% of them." in html


class ActiveContent(HTMLParser):
    """Finds anything that could run: inline scripts, event handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("inline script")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")
        if tag == "img" and "evil.example" in (names.get("src") or ""):
            self.found.append("remote image")


HOSTILE_TITLE = "<script>window.pwned=1</script><img src=x onerror=alert(1)> {{ 7*7 }} {% if %}"


def test_hostile_text_is_shown_as_text(campaign: Path, tmp_path: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    text = path.read_text().replace("title: Weak safeguards", f"title: '{HOSTILE_TITLE}'")
    text = text.replace(
        "who_is_affected: Journalists, activists, everyone.",
        "who_is_affected: '[click](javascript:alert(1)) <b onclick=x>hi</b> "
        "![i](https://evil.example/t.png)'",
    )
    path.write_text(text)
    refused = run_cli("validate", "--content", campaign)
    assert refused.code == 1
    for problem in ("link 'javascript:alert(1)'", "raw HTML ('<b>')", "images are not shown"):
        assert problem in refused.err
    # What validate refuses, the renderer on its own still keeps inert.
    site = build_unchecked(campaign, tmp_path / "site")
    for page in site.rglob("*.html"):
        checker = ActiveContent()
        checker.feed(page.read_text())
        assert checker.found == [], page
    concern = (site / "concerns/weak-safeguards/index.html").read_text()
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in concern
    assert "{{ 7*7 }}" in concern and "49" not in concern
    assert "&lt;b onclick=x&gt;hi&lt;/b&gt;" in concern


def test_navigation_does_not_grow_with_concerns(campaign: Path, tmp_path: Path) -> None:
    small = build(campaign, tmp_path / "small")
    source = campaign / "concerns/secret-interception.yml"
    for n in range(20):
        slug = f"extra-concern-{n}"
        (campaign / f"concerns/{slug}.yml").write_text(
            source.read_text().replace("slug: secret-interception", f"slug: {slug}")
        )
    large = build(campaign, tmp_path / "large")
    nav = re.compile(r'class="md-nav__link')
    page = "articles/5/index.html"
    assert len(nav.findall((small / page).read_text())) == len(
        nav.findall((large / page).read_text())
    )
    shutil.rmtree(tmp_path / "large")


def test_readers_search_leaves_out_maintainer_pages_and_the_briefing(minimal_site: Path) -> None:
    index = json.loads((minimal_site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "concerns/weak-safeguards/" in pages
    assert not {p for p in pages if p.startswith(("maintainers/", "briefing/"))}, pages
    assert (minimal_site / "maintainers/fields/index.html").is_file()  # still published


def test_search_keeps_words_of_neighbouring_cells_apart(minimal_site: Path) -> None:
    """The indexer drops tags and joins what was on either side: a label and its value
    with nothing between them (<dt>Treaty articles</dt><dd>Article 5) would be found
    only as "articlesArticle", never by "article"."""
    index = json.loads((minimal_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    joined = {loc: set(re.findall(r"\w*[a-z][A-Z]\w*", t)) - {"BibTeX"} for loc, t in text.items()}
    assert not {loc: words for loc, words in joined.items() if words}
    concern = text["concerns/weak-safeguards/#top"]
    assert "Treaty articles Article 5" in concern, concern[:300]


def test_search_finds_a_concern_on_its_own_page_not_in_every_list_of_them(
    minimal_site: Path,
) -> None:
    """Lists of concerns (home page, concerns page, the table by article) grow with the
    campaign: a thousand concerns made one search field of 200 kB, which Zensical refuses."""
    index = json.loads((minimal_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    for section in ("#concerns", "concerns/#all", "concerns/#by-article", "articles/5/#concerns"):
        assert "Weak safeguards" not in text[section], section
    assert "Article 5 Safeguards" in text["concerns/#by-article"]  # the rest of the table is
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["concerns/weak-safeguards/#top"] == "Weak safeguards"


def test_search_leaves_out_what_every_page_repeats(minimal_site: Path) -> None:
    """The example notice and the "Concerns" link above a title are on every page of
    their kind; indexed, a search for "example" or "concerns" would list them all."""
    index = json.loads((minimal_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert not [loc for loc, t in text.items() if "exists only to show" in t]
    assert "Concerns" not in text["concerns/weak-safeguards/"]
    assert "Treaty articles" not in text["articles/5/"]
    assert "Weak safeguards" in {doc["title"] for doc in index["docs"]}
