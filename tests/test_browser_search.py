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


def search_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if u.endswith("search_index.json") or "/workers/search." in u]


def test_a_reader_who_does_not_search_downloads_no_search(page: Any, minimal_url: str) -> None:
    """Index and worker are half a page's weight: they wait until search is opened."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(minimal_url + "concerns/weak-safeguards/", wait_until="networkidle")
    page.locator("main a").first.focus()  # reading and tabbing through the page
    # A request the page makes after the focus: once it is seen, so is any the focus made.
    with page.expect_request(lambda r: r.url.endswith("?after-focus")):
        page.evaluate("fetch(location.origin + '/?after-focus')")
    assert search_requests(requested) == []
    # The theme's shortcut opens search; the index and the worker load once, then it finds.
    page.keyboard.press("/")
    page.keyboard.type("proportionality", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert len(search_requests(requested)) == 2, requested


def test_search_opened_by_its_button_on_a_phone_finds(chromium: Any, minimal_url: str) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(minimal_url, wait_until="networkidle")
        page.locator("label.md-header__button[for=__search]").tap()
        page.keyboard.type("Weak safeguards", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        hrefs = [
            a.get_attribute("href") or "" for a in page.locator(".md-search-result__item > a").all()
        ]
        assert any("concerns/weak-safeguards/" in h for h in hrefs), hrefs
    finally:
        context.close()


def test_a_page_opened_from_a_search_result_marks_the_words(page: Any, minimal_url: str) -> None:
    page.goto(minimal_url + "concerns/weak-safeguards/?h=proportionality")
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for(timeout=15_000)
    assert marked.first.inner_text().lower() == "proportionality"
