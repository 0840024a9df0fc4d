"""Accessibility in a real browser: axe-core's WCAG 2.0/2.1 A and AA rules on every page type.

Each page is checked as a phone and as a desktop shows it, and in the states a reader
brings about: the search dialog open with results, the phone menu open. What axe cannot
judge is measured: every page, in every language, reflows to 320 CSS pixels (WCAG 1.4.10)
and takes wider text spacing (WCAG 1.4.12) without scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from axe import violations
from pages import (
    NARROW,
    PAGE_TYPES,
    VIEWPORTS,
    Site,
    language_folders,
    open_search,
    path_of,
    search_words,
)

# WCAG 1.4.12's test: spacing a reader's own style sheet may set.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important;
                    word-spacing: .16em !important; }
                  p { margin-bottom: 2em !important; }"""
# How far the page reaches past the window's sides, and what reaches furthest.
SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    const past = document.documentElement.scrollWidth - width;
    // The phone menu waits outside the window until opened; what is in the page may not.
    const clipped = e => {
        for (let up = e.parentElement; up && up !== document.body; up = up.parentElement)
            if (getComputedStyle(up).overflowX !== "visible") return true;
        return false;
    };
    const out = [...document.querySelectorAll(".md-header *, .md-content *")].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width && (r.right > width + 0.5 || r.left < -0.5) && !clipped(e)
            && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
    }).slice(0, 5).map(e => e.outerHTML.slice(0, 100));
    return {past, out};
}"""

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
        tab.locator(".md-header button.tx-menu-button").click()
        tab.locator(".md-nav--primary .md-nav__link").first.wait_for(state="visible")
        assert violations(tab) == []
    finally:
        context.close()


def sideways(tab: Any) -> dict[str, Any]:
    return tab.evaluate(SIDEWAYS)


@pytest.fixture
def narrow(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=NARROW, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_reflows_to_320_px_in_every_language(site: Site, narrow: Any, kind: str) -> None:
    for language in language_folders(site.content):
        narrow.goto(site.url + language + path_of(site, kind))
        found = sideways(narrow)
        assert found["past"] <= 0, (language + kind, found)


@pytest.fixture
def narrow_no_script(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=NARROW, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", ["home", "country"])
def test_page_reflows_to_320_px_without_javascript(
    site: Site, narrow_no_script: Any, kind: str
) -> None:
    """Without scripts the theme hides the search button, and the language menu, then last
    in the header, hung past the window's edge: a page that scrolled sideways on a phone."""
    for language in language_folders(site.content):
        narrow_no_script.goto(site.url + language + path_of(site, kind))
        found = sideways(narrow_no_script)
        assert found["past"] <= 0, (language + kind, found)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_takes_wider_text_spacing(site: Site, narrow: Any, kind: str) -> None:
    narrow.goto(site.url + path_of(site, kind))
    narrow.add_style_tag(content=TEXT_SPACING)
    found = sideways(narrow)
    assert found["past"] <= 0, found


def test_open_menu_and_search_fit_320_px(site: Site, narrow: Any) -> None:
    narrow.goto(site.url + path_of(site, "concern"))
    narrow.locator(".md-header button.tx-menu-button").click()
    narrow.locator(".md-nav--primary .md-nav__link").first.wait_for(state="visible")
    assert sideways(narrow)["past"] <= 0
    narrow.goto(site.url)
    assert open_search(narrow, search_words(site)) > 0
    assert narrow.locator(".md-search-result").is_visible()
    assert sideways(narrow)["past"] <= 0


def test_reflow_check_sees_a_page_that_scrolls_sideways(narrow: Any, minimal_url: str) -> None:
    narrow.goto(minimal_url)
    assert sideways(narrow)["past"] <= 0
    narrow.evaluate("document.querySelector('main p').style.width = '400px'")
    found = sideways(narrow)
    assert found["past"] > 0 and found["out"], found


def test_axe_reports_a_violation(tab: Any, minimal_url: str) -> None:
    """The check itself: a page made to break a rule does not pass."""
    tab.goto(minimal_url)
    tab.evaluate("document.querySelector('h1').style.color = '#ccc'")
    found = violations(tab)
    assert any(v.startswith("color-contrast") for v in found), found
