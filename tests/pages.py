"""The pages the browser tests visit: one of every page type, in whichever campaign is built."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.loader import load_campaign, load_content

# Page types every campaign has, by name; the concern and article are the campaign's first.
PAGE_TYPES = [
    "home",
    "concerns index",
    "concern",
    "articles index",
    "article",
    "recommendations",
    "action",
    "countries",
    "country",
    "timeline",
    "glossary",
    "about",
    "open data",
    "404",
]
# Page types only a campaign with a countries file has: skipped, saying so, in one without.
TRACKER = {"countries", "country"}
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# WCAG 1.4.10 (reflow): a 1280 px wide window zoomed to 400 % is 320 CSS pixels wide.
NARROW = {"width": 320, "height": 640}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@dataclass(frozen=True)
class Site:
    name: str
    content: Path
    root: Path
    url: str
    engine: str = "mkdocs"


@dataclass(frozen=True)
class SearchUI:
    """Where each engine's theme shows search, for tests that use it as a reader does."""

    index: str  # the search index, from a language's root
    box: str  # where a reader types
    results: str  # the list of results
    result: str  # one result
    link: str  # a result's link
    magnifier: str  # what opens search on a phone, in the header


# Search fetches and reads its index only once a reader asks for it. On a busy CI machine
# that took longer than 15 s (one run saw Zensical's dialog miss a 15 s wait): search waits
# are long, as they are not what these tests time.
SEARCH_WAIT_MS = 45_000

SEARCH = {
    # Material for MkDocs: a search box in the header, results below it.
    "mkdocs": SearchUI(
        "search/search_index.json",
        "input.md-search__input",
        ".md-search-result",
        ".md-search-result__item",
        ".md-search-result__item > a",
        "label.md-header__button[for=__search]",
    ),
    # Zensical: a search dialog (in a shadow root, which Playwright's selectors pierce),
    # drawn once its index has arrived.
    "zensical": SearchUI(
        "search.json",
        "dialog input[role=combobox]",
        "dialog ol[role=listbox]",
        "dialog ol[role=listbox] > li",
        "dialog ol[role=listbox] > li a",
        ".md-header__button.tx-search-button",  # assets/zensical-a11y.js's, for its label
    ),
}


@cache
def page_paths(content: Path) -> dict[str, str]:
    campaign = load_campaign(content)
    concern = campaign.concerns[0]
    paths = {
        "home": "",
        "concerns index": "concerns/",
        "concern": f"concerns/{concern.slug}/",
        "articles index": "articles/",
        "article": f"articles/{concern.articles[0].article}/",
        "recommendations": "recommendations/",
        "action": "action/",
        "countries": "countries/",
        # The first country in the data (the minimal campaign's is Brazil, signed, with an
        # unconfirmed instrument and its note).
        "country": f"countries/{campaign.countries.countries[0].code}/"
        if campaign.countries and campaign.countries.countries
        else "",
        "timeline": "timeline/",
        "glossary": "glossary/",
        "about": "about/",
        "open data": "open-data/",
        "404": "no-such-page/",
    }
    if not paths["country"]:
        paths = {kind: path for kind, path in paths.items() if kind not in TRACKER}
    return paths


@cache
def language_folders(content: Path) -> list[str]:
    """Where each of the campaign's languages is published: "" for the source, then "fr/"..."""
    return [language.folder for language in load_content(content).languages]


def path_of(site: Site, kind: str) -> str:
    """The path of a page type on `site`, which must have been built."""
    paths = page_paths(site.content)
    if kind in TRACKER and kind not in paths:
        pytest.skip(f"{site.name} has no countries file, so no {kind} page")
    path = paths[kind]
    if kind != "404":
        assert (site.root / path / "index.html").is_file(), f"{kind} page /{path} was not built"
    return path


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def search_words(site: Site) -> str:
    """Words that find the campaign's first concern."""
    return load_campaign(site.content).concerns[0].title


def open_search(page: Any, words: str, engine: str = "mkdocs") -> int:
    """Open search and type into it as a reader does; the number of results shown."""
    ui = SEARCH[engine]
    box = page.locator(ui.box)
    if engine == "zensical":
        # Its search button in the header; on a phone, the magnifier in its place.
        button = page.locator(".md-search__button")
        opener = button if button.is_visible() else page.locator(ui.magnifier)
        opener.click()
        box.wait_for(timeout=SEARCH_WAIT_MS)
    box.focus()  # on phones this opens Material's search panel, as a tap on its button does
    # The words at once, then a key that changes nothing: Material searches when a key is
    # let go, Zensical on input, so each runs one search and the first results drawn are
    # the last (typed letter by letter, an earlier word's results could be the ones read).
    box.fill(words)
    box.press("End")
    page.locator(ui.result).first.wait_for(timeout=SEARCH_WAIT_MS)
    return page.locator(ui.result).count()


def search_links(page: Any, engine: str) -> list[str]:
    """The results shown, as addresses without the highlighting query and the anchor."""
    return settled(page, SEARCH[engine].link, "els => els.map(a => a.origin + a.pathname)")


def settled(page: Any, selector: str, read: str) -> list[str]:
    """`read` over every element `selector` finds, once two readings a quarter of a second
    apart agree. Results follow each key a reader types and may still be redrawn: each
    reading takes them all at once, never one by one from a list that changes meanwhile."""
    shown, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        now = page.locator(selector).evaluate_all(read)
        if now == shown:
            break
        shown = now
    return shown or []


def built_paths(site: Site) -> dict[str, str]:
    """Every page type, by name, with its path on `site` (each checked to be built)."""
    return {kind: path_of(site, kind) for kind in page_paths(site.content)}
