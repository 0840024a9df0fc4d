"""The built site in a real browser: a concern page opens, and search finds it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def search(page: Any, base: str, words: str) -> list[str]:
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    # Typed key by key: the theme searches on keyboard events, not on a pasted value.
    box.press_sequentially(words, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return [
        a.get_attribute("href") or "" for a in page.locator(".md-search-result__item > a").all()
    ]


def test_concern_page_opens(page: Any, minimal_url: str) -> None:
    page.goto(minimal_url + "concerns/weak-safeguards/")
    assert page.locator("h1").inner_text() == "Weak safeguards"
    assert page.title() == "Weak safeguards - Test campaign"


@pytest.mark.parametrize("words", ["Weak safeguards", "proportionality", "journalist watched"])
def test_search_finds_concern_by_title_and_body(page: Any, minimal_url: str, words: str) -> None:
    hrefs = search(page, minimal_url, words)
    assert any("concerns/weak-safeguards/" in h for h in hrefs), hrefs


def test_search_finds_concern_by_article_number(page: Any, minimal_url: str) -> None:
    hrefs = search(page, minimal_url, "Article 9")
    assert any("concerns/secret-interception/" in h for h in hrefs), hrefs
