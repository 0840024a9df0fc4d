"""Accessibility in a real browser: axe-core's WCAG 2.0/2.1 A and AA rules on every page type.

Each page is checked as a phone and as a desktop shows it, and in the states a reader
brings about: the search dialog open with results, the phone menu open.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from axe import violations
from pages import PAGE_TYPES, VIEWPORTS, Site, open_search, path_of, search_words

pytestmark = pytest.mark.browser


@pytest.fixture(params=sorted(VIEWPORTS))
def tab(request: pytest.FixtureRequest, chromium: Any) -> Iterator[Any]:
    # Reduced motion: axe sees each state finished, never a panel halfway in.
    context = chromium.new_context(viewport=VIEWPORTS[request.param], reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_has_no_wcag_violations(site: Site, tab: Any, kind: str) -> None:
    tab.goto(site.url + path_of(site, kind))
    assert violations(tab) == []


def test_search_dialog_with_results_has_no_wcag_violations(site: Site, tab: Any) -> None:
    tab.goto(site.url)
    assert open_search(tab, search_words(site)) > 0
    assert tab.locator(".md-search-result").is_visible()
    assert violations(tab) == []


def test_open_phone_menu_has_no_wcag_violations(site: Site, chromium: Any) -> None:
    context = chromium.new_context(viewport=VIEWPORTS["phone"], reduced_motion="reduce")
    tab = context.new_page()
    try:
        tab.goto(site.url + path_of(site, "concern"))
        tab.locator(".md-header label[for='__drawer']").click()
        tab.locator(".md-nav--primary .md-nav__link").first.wait_for(state="visible")
        assert violations(tab) == []
    finally:
        context.close()


def test_axe_reports_a_violation(tab: Any, minimal_url: str) -> None:
    """The check itself: a page made to break a rule does not pass."""
    tab.goto(minimal_url)
    tab.evaluate("document.querySelector('h1').style.color = '#ccc'")
    found = violations(tab)
    assert any(v.startswith("color-contrast") for v in found), found
