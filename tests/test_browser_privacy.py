"""Privacy in a real browser: no request leaves the site, and a visit leaves nothing behind.

A reader may be watched by their government or their employer; the site must not tell
anyone else they came, and must not leave a trace on the device they used.
"""

from __future__ import annotations

from typing import Any

import pytest

from pages import SEARCH, Site, built_paths, open_search, search_words

pytestmark = pytest.mark.browser

# What a page could have stored, read from inside the page.
STORED = """async () => ({
  cookie: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  caches: self.caches ? (await caches.keys()).length : 0,
  workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""
NOTHING = {"cookie": "", "local": 0, "session": 0, "databases": 0, "caches": 0, "workers": 0}


def read_everything(context: Any, site: Site) -> tuple[list[str], list[dict[str, Any]]]:
    """Visit every page type, search, follow a result; the requests and what was stored."""
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    stored = []
    for path in built_paths(site).values():
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        page.mouse.wheel(0, 600)  # scrolling shows the theme's back-to-top button
        stored.append(page.evaluate(STORED))
    page.goto(site.url)
    assert open_search(page, search_words(site), site.engine) > 0
    page.locator(SEARCH[site.engine].link).first.click()
    page.wait_for_load_state("networkidle")
    stored.append(page.evaluate(STORED))
    return requests, stored


def test_no_request_leaves_the_site(site: Site, chromium: Any) -> None:
    context = chromium.new_context()
    try:
        requests, _ = read_everything(context, site)
    finally:
        context.close()
    assert any(url.endswith(SEARCH[site.engine].index) for url in requests)
    assert [url for url in requests if not url.startswith(site.url)] == []


def test_a_visit_leaves_nothing_behind(site: Site, chromium: Any) -> None:
    context = chromium.new_context()
    try:
        _, stored = read_everything(context, site)
        assert context.cookies() == []
        assert context.storage_state(indexed_db=True)["origins"] == []
    finally:
        context.close()
    assert [s for s in stored if s != NOTHING] == []


def test_storage_check_sees_what_a_page_stores(page: Any, minimal_url: str) -> None:
    page.goto(minimal_url)
    page.evaluate("localStorage.setItem('x', '1'); sessionStorage.setItem('y', '1')")
    page.evaluate("document.cookie = 'z=1'")
    found = page.evaluate(STORED)
    assert (found["local"], found["session"], found["cookie"]) == (1, 1, "z=1")
