"""What a journalist or reader relies on, checked in the built site's HTML and data files:
redirects, stable anchors, citations, share cards, open data, review dates and letters."""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import jsonschema
import pytest
import yaml
from PIL import Image
from pybtex.database import parse_string

from conftest import MINIMAL, build
from generator import clock

SITE_URL = "https://test.example.org/"
REPOSITORY = "https://code.example.org/team/campaign"
ATOM = "{http://www.w3.org/2005/Atom}"
CONCERN_ANCHORS = [
    "what-it-says",
    "why-it-matters",
    "who-is-affected",
    "what-we-ask",
    "where-it-stands",
    "sources",
    "cite",
    "act",
]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def elements(page: Path) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


def meta(page: Path) -> dict[str, str]:
    found = {}
    for tag, attrs in elements(page):
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            found[key] = attrs.get("content", "")
    return found


def canonical(page: Path) -> str:
    return next(a["href"] for t, a in elements(page) if t == "link" and a.get("rel") == "canonical")


def yaml_concerns(content: Path = MINIMAL) -> dict[str, dict[str, Any]]:
    """The concern files as plain YAML, read without the generator."""
    files = sorted((content / "concerns").glob("*.yml"))
    return {d["slug"]: d for d in (yaml.safe_load(p.read_text()) for p in files)}


def concern_page(site: Path, slug: str) -> Path:
    return site / "concerns" / slug / "index.html"


def html_pages(site: Path) -> list[Path]:
    """Pages built by the engine (not redirect stubs)."""
    return [p for p in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text()]


def section_text(page: Path, class_name: str) -> str:
    match = re.search(rf'<p class="{class_name}"[^>]*>(.*?)</p>', page.read_text(), re.S)
    assert match, class_name
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal campaign built a second time, now with a public repository."""
    import shutil

    content = tmp_path_factory.mktemp("history") / "campaign"
    shutil.copytree(MINIMAL, content)
    path = content / "campaign.yml"
    text = path.read_text().replace(
        "  publisher: Test team\n", f"  publisher: Test team\n  repository: {REPOSITORY}\n"
    )
    path.write_text(text)
    return build(content, content.parent / "site")


# -- URLs that never break --


def test_alias_is_a_redirect_to_the_new_address(minimal_site: Path) -> None:
    stub = minimal_site / "concerns/old-safeguards/index.html"
    text = stub.read_text()
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)
    assert refresh, "the redirect must work without JavaScript"
    target = (stub.parent / refresh.group(1)).resolve()
    assert target == concern_page(minimal_site, "weak-safeguards").parent.resolve()
    assert (target / "index.html").is_file()
    assert canonical(stub) == SITE_URL + "concerns/weak-safeguards/"
    assert 'name="robots" content="noindex"' in text
    # Old links shared on social networks still show the concern's own card.
    tags = meta(stub)
    assert tags["og:url"] == SITE_URL + "concerns/weak-safeguards/"
    assert tags["og:image"] == SITE_URL + "assets/cards/weak-safeguards.png"
    # Without JavaScript, a visible link leads on too.
    assert '<a href="../../concerns/weak-safeguards/">' in text


# -- Deep links --


@pytest.mark.parametrize("slug", ["weak-safeguards", "secret-interception"])
def test_every_section_has_a_stable_anchor_with_a_visible_link(
    minimal_site: Path, slug: str
) -> None:
    text = concern_page(minimal_site, slug).read_text()
    for anchor in CONCERN_ANCHORS:
        assert re.search(
            rf'<h2 [^>]*id="{anchor}">.*?<a class="headerlink" href="#{anchor}"', text
        ), anchor


def test_anchors_are_the_same_in_another_build(minimal_site: Path, history_site: Path) -> None:
    for slug in yaml_concerns():
        first = re.findall(r' id="([^"]+)"', concern_page(minimal_site, slug).read_text())
        second = re.findall(r' id="([^"]+)"', concern_page(history_site, slug).read_text())
        assert first == second


# -- Cite this --


CITATION = re.compile(
    r"^(?P<publisher>.+)\. “(?P<title>.+?)\.?” (?P<site>.+)\. "
    r"Last reviewed (?P<date>\d{1,2} \w+ \d{4})\. "
    r"Accessed (?P<accessed>\d{1,2} \w+ \d{4})\. (?P<url>https://\S+)$"
)


@pytest.mark.parametrize("slug", ["weak-safeguards", "secret-interception"])
def test_citation_text_names_title_site_date_and_url(minimal_site: Path, slug: str) -> None:
    source = yaml_concerns()[slug]
    match = CITATION.match(section_text(concern_page(minimal_site, slug), "tx-cite__text"))
    assert match
    assert match["title"] == source["title"]
    assert match["site"] == "Test campaign"
    assert match["publisher"] == "Test team"
    reviewed = source["last_reviewed"]
    assert match["date"] == f"{reviewed.day} {reviewed:%B %Y}"
    assert match["url"] == SITE_URL + f"concerns/{slug}/"


@pytest.mark.parametrize("slug", ["weak-safeguards", "secret-interception"])
def test_bibtex_parses_with_a_bibtex_parser(minimal_site: Path, slug: str) -> None:
    text = concern_page(minimal_site, slug).read_text()
    match = re.search(r'<pre class="tx-cite__bibtex"[^>]*><code>(.*?)</code></pre>', text, re.S)
    assert match
    entries = parse_string(html.unescape(match.group(1)), "bibtex").entries
    [(key, entry)] = entries.items()
    source = yaml_concerns()[slug]
    # Named by the concern's first slug, so the key outlives a rename.
    assert key == "test-campaign:" + (source.get("aliases") or [slug])[0]
    assert entry.type == "misc"
    assert entry.fields["title"] == "{" + source["title"] + "}"
    assert entry.fields["url"] == SITE_URL + f"concerns/{slug}/"
    assert entry.fields["date"] == source["last_reviewed"].isoformat()
    assert entry.fields["year"] == str(source["last_reviewed"].year)
    assert str(entry.persons["author"][0]) == "{Test team}"
    # The page gives the day it was read (its build date); the collected file, data that
    # changes only with the content, holds the same entry without it.
    assert entry.fields["urldate"] == clock.today().isoformat()
    collected = parse_string((minimal_site / "data/citations.bib").read_text(), "bibtex")
    assert collected.entries[key].fields == {
        k: v for k, v in entry.fields.items() if k != "urldate"
    }


# -- Share cards --

OG_REQUIRED = [
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:type",
    "og:site_name",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
]


def png_size(data: bytes) -> tuple[int, int]:
    """The size a PNG declares, after checking that the whole image decodes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "PNG"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_complete_share_metadata(minimal_site: Path) -> None:
    pages = html_pages(minimal_site)
    assert len(pages) > 10
    for page in pages:
        tags = meta(page)
        if page.name == "404.html":  # served at any address, so it has no URL of its own
            tags["og:url"] = "none"
        missing = [k for k in OG_REQUIRED if not tags.get(k)]
        assert not missing, f"{page.relative_to(minimal_site)}: {missing}"
        if page.name == "404.html":
            continue
        assert tags["og:url"] == canonical(page)
        image = tags["og:image"]
        assert image == tags["twitter:image"] and image.startswith(SITE_URL)
        data = (minimal_site / image.removeprefix(SITE_URL)).read_bytes()
        assert png_size(data) == (1200, 630)


def test_the_home_page_is_shared_as_the_site_not_as_home(minimal_site: Path) -> None:
    tags = meta(minimal_site / "index.html")
    for key in ("og:title", "twitter:title"):
        assert tags[key] == "Test campaign", key
    # The image's text alternative says what the site's card says: its name and tagline.
    for key in ("og:image:alt", "twitter:image:alt"):
        assert tags[key] == "Test campaign — A small campaign used by the tests.", key
    assert tags["og:image"] == SITE_URL + "assets/cards/site.png"
    # Other pages keep their own title.
    assert meta(minimal_site / "about/index.html")["og:title"] == "About & sources"


def test_each_concern_has_its_own_card(minimal_site: Path) -> None:
    seen = {(minimal_site / "assets/cards/site.png").read_bytes()}
    for slug in yaml_concerns():
        image = meta(concern_page(minimal_site, slug))["og:image"]
        assert image == SITE_URL + f"assets/cards/{slug}.png"
        data = (minimal_site / f"assets/cards/{slug}.png").read_bytes()
        assert png_size(data) == (1200, 630)
        assert data not in seen
        seen.add(data)


# -- Open data --


def test_json_validates_against_its_published_schema(minimal_site: Path) -> None:
    data = json.loads((minimal_site / "data/campaign.json").read_text())
    schema = json.loads((minimal_site / "data/campaign.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(data)
    assert data["schema_version"] == "1.1"
    assert data["$schema"] == schema["$id"] == SITE_URL + "data/campaign.schema.json"
    # The schema really constrains: a concern without a slug is refused.
    del data["concerns"][0]["slug"]
    assert not validator.is_valid(data)
    # The model's examples (example.org addresses, a made-up treaty's dates) are not
    # published as if they were the campaign's; its descriptions are.
    text = (minimal_site / "data/campaign.schema.json").read_text()
    assert '"examples"' not in text and "policy@example.org" not in text
    assert "A public email address." in text


def test_json_carries_each_concern_with_its_review_date(minimal_site: Path) -> None:
    data = json.loads((minimal_site / "data/campaign.json").read_text())
    source = yaml_concerns()
    assert [c["slug"] for c in data["concerns"]] == ["weak-safeguards", "secret-interception"]
    for concern in data["concerns"]:
        assert concern["last_reviewed"] == source[concern["slug"]]["last_reviewed"].isoformat()
        assert concern["url"] == SITE_URL + f"concerns/{concern['slug']}/"
        assert concern["title"] == source[concern["slug"]]["title"]
    assert data["updated"] == max(c["last_reviewed"] for c in data["concerns"])


def test_csv_round_trips(minimal_site: Path) -> None:
    raw = (minimal_site / "data/concerns.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    source = yaml_concerns()
    assert [r["slug"] for r in rows] == ["weak-safeguards", "secret-interception"]
    for row in rows:
        concern = source[row["slug"]]
        assert row["title"] == concern["title"]
        assert row["summary"] == concern["summary"]
        assert row["last_reviewed"] == concern["last_reviewed"].isoformat()
        assert row["articles"].split("; ") == [str(a["article"]) for a in concern["articles"]]
        assert row["fixes"].split("; ") == concern["fixes"]
        assert row["url"] == SITE_URL + f"concerns/{row['slug']}/"
    # Writing what was read gives back the same bytes.
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue().encode("utf-8-sig") == raw


def test_csv_files_start_with_a_byte_order_mark(minimal_site: Path) -> None:
    """Excel reads a CSV without one in the machine's legacy code page: "Protección" came
    out as "ProtecciÃ³n", Arabic as mojibake. With it, Excel and LibreOffice read UTF-8."""
    for path in [minimal_site / "data/concerns.csv", minimal_site / "data/countries.csv"]:
        raw = path.read_bytes()
        assert raw.startswith(codecs.BOM_UTF8), path
        assert not raw[3:].startswith(codecs.BOM_UTF8), path  # once
        assert raw.decode("utf-8-sig").split(",", 1)[0] in {"slug", "code"}, path


def test_atom_feed_has_one_entry_per_concern(minimal_site: Path) -> None:
    feed = ET.fromstring((minimal_site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    every = feed.findall(f"{ATOM}entry")
    # Entries about countries have their own test (test_countries.py).
    entries = [e for e in every if e.findtext(f"{ATOM}id").startswith(SITE_URL + "concerns/")]
    source = yaml_concerns()
    assert sorted(e.findtext(f"{ATOM}title") for e in entries) == sorted(
        c["title"] for c in source.values()
    )
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None
        url = link.get("href")
        slug = url.removeprefix(SITE_URL + "concerns/").strip("/")
        # The entry is named by the concern's first address: a rename is not a new entry.
        first = (source[slug].get("aliases") or [slug])[0]
        assert entry.findtext(f"{ATOM}id") == SITE_URL + f"concerns/{first}/"
        assert entry.findtext(f"{ATOM}updated") == f"{source[slug]['last_reviewed']}T00:00:00Z"
        assert entry.findtext(f"{ATOM}summary") == source[slug]["summary"]
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in every)


def test_open_data_page_links_and_documents_every_file(minimal_site: Path) -> None:
    page = minimal_site / "open-data/index.html"
    links = {a["href"] for t, a in elements(page) if t == "a" and "href" in a}
    for name in ["data/campaign.json", "data/campaign.schema.json", "data/concerns.csv"]:
        assert f"../{name}" in links
        assert (minimal_site / name).is_file()
    assert "../feed.xml" in links and "../data/citations.bib" in links
    text = page.read_text()
    data = json.loads((minimal_site / "data/campaign.json").read_text())
    documented = set(re.findall(r"<tr><td><code>([^<]+)</code></td> <td>[^<]+</td></tr>", text))
    assert set(data) <= documented
    assert set(data["concerns"][0]) <= documented
    header = (minimal_site / "data/concerns.csv").read_text("utf-8-sig").splitlines()[0].split(",")
    assert set(header) <= documented


def test_every_page_links_the_open_data_page_and_the_briefing(minimal_site: Path) -> None:
    for page in html_pages(minimal_site):
        if page.name == "404.html":
            continue
        here = page.parent.relative_to(minimal_site).as_posix() + "/"
        hrefs = {urljoin(SITE_URL + here, a.get("href", "")) for t, a in elements(page) if t == "a"}
        assert SITE_URL + "open-data/" in hrefs, page
        assert SITE_URL + "briefing/" in hrefs, page


# -- Last reviewed and history --


def test_concern_page_shows_review_date_and_says_history_is_not_published(
    minimal_site: Path,
) -> None:
    for slug, source in yaml_concerns().items():
        text = concern_page(minimal_site, slug).read_text()
        reviewed = source["last_reviewed"].isoformat()
        assert f'<time datetime="{reviewed}">' in text
        assert "Change history not published" in text
        assert meta(concern_page(minimal_site, slug))["article:modified_time"] == reviewed


def test_concern_page_links_its_change_history(history_site: Path) -> None:
    for slug in yaml_concerns():
        page = concern_page(history_site, slug)
        hrefs = [a.get("href") for t, a in elements(page) if t == "a"]
        assert f"{REPOSITORY}/commits/main/concerns/{slug}.yml" in hrefs
    data = json.loads((history_site / "data/campaign.json").read_text())
    assert (
        data["concerns"][0]["history_url"]
        == f"{REPOSITORY}/commits/main/concerns/weak-safeguards.yml"
    )


# -- Act on this --


def letter_link(action_page: Path, slug: str) -> str:
    """The mailto: link in the concern's own section of the action page."""
    text = action_page.read_text()
    start = text.index(f'id="letter-{slug}"')
    section = text[start : text.find("<h3", start + 1) if "<h3" in text[start + 1 :] else None]
    return html.unescape(re.search(r'href="(mailto:[^"]+)"', section).group(1))


@pytest.mark.parametrize("slug", ["weak-safeguards", "secret-interception"])
def test_concern_ends_with_a_call_to_action_leading_to_its_letter(
    minimal_site: Path, slug: str
) -> None:
    page = concern_page(minimal_site, slug)
    text = page.read_text()
    act = text[text.index('id="act">') :]
    assert "<h2 " not in act, "the call to action is the last section"
    href = re.search(r'class="md-button md-button--primary" href="([^"]+)"', act).group(1)
    assert urljoin(f"{SITE_URL}concerns/{slug}/", href) == f"{SITE_URL}action/#letter-{slug}"
    assert f'id="letter-{slug}"' in (minimal_site / "action/index.html").read_text()


def test_mailto_decodes_to_the_yaml_text(minimal_site: Path) -> None:
    general = yaml.safe_load((MINIMAL / "action.yml").read_text())["email"]
    action = minimal_site / "action/index.html"
    for slug, concern in yaml_concerns().items():
        expected = concern.get("email") or general
        link = letter_link(action, slug)
        parts = urlsplit(link)
        assert parts.scheme == "mailto"
        assert " " not in link and "\n" not in link
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
        assert query["subject"] == [expected["subject"]]
        assert query["body"] == [expected["body"].strip().replace("\n", "\r\n")]
        # The concern page offers the same letter directly.
        page_links = {
            html.unescape(a["href"])
            for t, a in elements(concern_page(minimal_site, slug))
            if t == "a" and a.get("href", "").startswith("mailto:")
        }
        assert link in page_links


def test_action_page_says_who_to_contact_for_each_letter(minimal_site: Path) -> None:
    text = (minimal_site / "action/index.html").read_text()
    for slug in yaml_concerns():
        start = text.index(f'id="letter-{slug}"')
        end = text.find("<h3", start + 1)
        assert "Who to contact:" in text[start : end if end > 0 else None]
    assert 'id="contacts"' in text and "person@example.org" in text


def test_questions_about_the_campaign_go_to_its_own_contact(minimal_site: Path) -> None:
    about = (minimal_site / "about/index.html").read_text()
    assert 'id="contact"' in about
    assert '<a href="mailto:team@test.example.org">team@test.example.org</a>' in about
    assert "person@example.org" not in about, "a source's contact is not the campaign's"
    action = (minimal_site / "action/index.html").read_text()
    for slug in yaml_concerns():
        start = action.index(f'id="letter-{slug}"')
        end = action.find("<h3", start + 1)
        letter = action[start : end if end > 0 else None]
        assert 'Questions about this campaign: <a href="../about/#contact">' in letter
        assert "person@example.org" not in letter
    # The source's contact is shown as theirs: under its own heading, with its source.
    contacts = action[action.index('id="contacts"') : action.index('id="letter"')]
    assert "Contacts named by our sources" in contacts
    assert "They do not answer for this site." in contacts
    assert re.search(r"person@example\.org</a> <span class=\"tx-note\">\(as given in <a ", contacts)


# -- Works without JavaScript --


def test_content_and_action_are_in_the_html_not_added_by_script(minimal_site: Path) -> None:
    """Copy buttons are the only thing site.js adds; the text they copy is already there."""
    for slug in yaml_concerns():
        text = concern_page(minimal_site, slug).read_text()
        assert "<button" not in text.split("<article", 1)[1].split("</article>")[0]
        assert 'data-tx-copy="Copy citation"' in text
        assert f'href="../../action/#letter-{slug}"' in text
    scripts = set()
    for page in html_pages(minimal_site):
        for tag, attrs in elements(page):
            if tag == "script" and attrs.get("type") != "application/json":  # data, never run
                assert attrs.get("src"), f"inline script in {page}"
                scripts.add(attrs["src"].rsplit("/", 1)[-1])
    assert "site.js" in scripts
