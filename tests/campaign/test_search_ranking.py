"""Search finds the page a reader looks for among its first results, in every language.

The queries and the page each must find are in search_queries.yml, beside this file. Each
is typed into the search box of this campaign's built site, key by key, as a reader types
it; the results are read in the order the theme shows them, one per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pages import SEARCH_WAIT_MS, settled

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text("utf-8"))
FOLDERS = {"en": ""}  # every other language lives in its own folder: fr/, es/, ar/
TOP = 3


def cases() -> list[Any]:
    return [
        pytest.param(
            lang, q["query"], q["expect"], q.get("first", False), id=f"{lang}-{q['query']}"
        )
        for lang, queries in QUERIES.items()
        for q in queries
    ]


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    from browser import serve_directory

    with serve_directory(real_site) as url:
        yield url


def ranked_pages(page: Any, home: str, words: str) -> list[str]:
    """The result pages for `words`, best first, as paths under the site's root."""
    page.goto(home)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=20)
    # Letters outside a US keyboard arrive without key events, and the theme searches on
    # a key event: press one that changes nothing.
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=SEARCH_WAIT_MS)
    # A page's link and its first section's both lead to it: count the page once.
    read = "els => [...new Set(els.map(a => new URL(a.href).pathname))]"
    return settled(page, ".md-search-result__item > a", read)


def test_every_language_has_ten_queries() -> None:
    assert set(QUERIES) >= {"en", "fr", "es", "ar"}
    assert all(len(queries) >= 10 for queries in QUERIES.values())


@pytest.mark.parametrize(("lang", "words", "expect", "first"), cases())
def test_search_ranks_the_page_a_reader_looks_for(
    page: Any, real_url: str, lang: str, words: str, expect: str, first: bool
) -> None:
    folder = FOLDERS.get(lang, f"{lang}/")
    pages = ranked_pages(page, real_url + folder, words)
    target = "/" + folder + expect
    assert target in pages, pages
    rank = pages.index(target)
    assert rank == 0 if first else rank < TOP, f"{target} is result {rank + 1}: {pages}"


@pytest.mark.parametrize(("folder", "word"), [("", "judge"), ("fr/", "juge"), ("es/", "juez")])
def test_a_one_word_result_marks_the_word_on_its_page(
    page: Any, real_url: str, folder: str, word: str
) -> None:
    """Every result link carries the word to mark, the page's own link included (it had
    none when only the page's sections matched)."""
    ranked_pages(page, real_url + folder, word)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs and all(f"h={word}" in h for h in hrefs), hrefs
    page.locator(".md-search-result__item > a").first.click()
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for(timeout=SEARCH_WAIT_MS)
    assert marked.first.inner_text().lower().startswith(word)
