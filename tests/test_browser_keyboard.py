"""Keyboard only: a skip link first, every link and control reachable, focus always visible.

Pages are driven with Tab, Enter and Escape alone, as a phone and as a desktop show them.
What a keyboard meets is made by the templates and the theme, the same for any campaign,
so these run on the minimal one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import serve_directory
from conftest import MINIMAL, build
from pages import PAGE_TYPES, SEARCH, SEARCH_WAIT_MS, VIEWPORTS, Site, path_of, search_words

pytestmark = pytest.mark.browser

# Marks every element a keyboard could reach and returns the keys of those a reader
# can see, which Tab must reach. Hidden ones (a closed menu's links) need not be.
MARK_REACHABLE = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary,'
    + ' iframe, [tabindex], [contenteditable="true"]';
  const keys = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    el.dataset.txKey = String(i);
    const r = el.getBoundingClientRect();
    const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && r.width > 0 && r.height > 0;
    if (shown && !el.disabled && el.tabIndex >= 0) keys.push(String(i));
  });
  return keys;
}"""
# What the reader sees of the element that has focus.
FOCUSED = """() => {
  let el = document.activeElement;
  // Into a shadow root (Zensical's search dialog lives in one).
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  // Judged on its first line: a link that wraps has its box's centre between its lines.
  const line = el.getClientRects()[0] || r;
  const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(line.top + Math.min(line.height, 40) / 2, 0), innerHeight - 1);
  const top = el.getRootNode().elementFromPoint(x, y);
  return {
    key: el.dataset.txKey || null,
    name: el.tagName.toLowerCase() + ' ' + (el.getAttribute('href') || el.className || '')
      + ' "' + (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"',
    shown: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && r.width > 0 && r.height > 0,
    inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    onTop: !!top && (el === top || el.contains(top) || top.contains(el)),
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
      || s.boxShadow !== 'none',
  };
}"""
IN_DRAWER = """() => {
  const el = document.activeElement;
  return el.closest('.md-sidebar--primary') ? el.getAttribute('href') : null;
}"""
SEEN = f"() => {{ const f = ({FOCUSED})(); return !!f && f.shown && f.inView && f.onTop; }}"


@pytest.fixture(scope="module")
def site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The minimal campaign, built by each engine."""
    root = build(MINIMAL, tmp_path_factory.mktemp(f"keyboard-{engine}") / "site", engine)
    with serve_directory(root) as url:
        yield Site(f"minimal, {engine}", MINIMAL, root, url, engine)


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def tab(chromium: Any, viewport: str) -> Iterator[Any]:
    # Reduced motion: focus is checked where it comes to rest, not mid-animation.
    context = chromium.new_context(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    yield context.new_page()
    context.close()


def press(page: Any, key: str) -> dict[str, Any] | None:
    """Press a key; the focused element once any panel it opens has finished opening."""
    page.keyboard.press(key)
    focus = page.evaluate(FOCUSED)
    if focus is None or (focus["shown"] and focus["inView"] and focus["onTop"]):
        return focus
    # The theme opens its search panel a moment after the field takes focus, and a busy
    # machine makes that moment long; whether focus is seen is judged by the caller, from
    # what is focused once this returns.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SEEN, timeout=15_000)
    return page.evaluate(FOCUSED)


def assert_seen(focus: dict[str, Any] | None, where: str) -> None:
    assert focus is not None, f"{where}: focus was lost"
    for quality in ("shown", "inView", "onTop", "ring"):
        assert focus[quality], f"{where}: focused {focus['name']} fails {quality}: {focus}"


def tab_through(page: Any, where: str, limit: int) -> list[dict[str, Any]]:
    """Tab from the top of the page until focus leaves it; every stop must be seen."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        focus = press(page, "Tab")
        if focus is None:
            return stops
        assert_seen(focus, where)
        stops.append(focus)
    raise AssertionError(f"{where}: still tabbing after {limit} stops: {stops[-5:]}")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_skip_link_comes_first_and_lands_on_the_title(site: Site, tab: Any, kind: str) -> None:
    tab.goto(site.url + path_of(site, kind))
    first = press(tab, "Tab")
    assert_seen(first, kind)
    assert first and first["name"].startswith('a #top "Skip to content"'), first
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#top"
    title = tab.locator("h1#top").bounding_box()
    header = tab.locator(".md-header").bounding_box()
    assert title and header and title["y"] >= header["y"] + header["height"] - 1, "title hidden"
    after = press(tab, "Tab")
    assert after is not None
    follows = tab.evaluate(
        "() => !!(document.getElementById('top').compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert follows, f"after the skip link, focus went back to {after['name']}"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_tab_reaches_every_visible_link_and_control(site: Site, tab: Any, kind: str) -> None:
    tab.goto(site.url + path_of(site, kind))
    expected = set(tab.evaluate(MARK_REACHABLE))
    assert expected, "nothing to reach"
    stops = tab_through(tab, kind, limit=len(expected) + 40)
    missed = expected - {s["key"] for s in stops}
    names = tab.evaluate(
        "keys => keys.map(k => document.querySelector(`[data-tx-key='${k}']`).outerHTML"
        ".slice(0, 120))",
        sorted(missed),
    )
    assert names == []


def test_phone_menu_opens_and_closes_from_the_keyboard(site: Site, chromium: Any) -> None:
    context = chromium.new_context(viewport=VIEWPORTS["phone"], reduced_motion="reduce")
    tab = context.new_page()
    try:
        tab.goto(site.url + path_of(site, "concern"))
        # A real button (a label may not take the role of one), named and stateful.
        button = tab.locator(".md-header button.tx-menu-button")
        assert button.get_attribute("role") is None
        assert button.get_attribute("aria-label") == "Navigation"
        assert tab.locator(".md-header [role=button]").count() == 0
        links = tab.locator(".md-nav--primary > .md-nav__list .md-nav__link")
        assert not links.first.is_visible()
        focus = press(tab, "Tab")
        while focus and "md-header__button" not in focus["name"]:
            focus = press(tab, "Tab")
        assert button.evaluate("el => el === document.activeElement")
        assert button.get_attribute("aria-expanded") == "false"
        focus = press(tab, "Enter")
        assert button.get_attribute("aria-expanded") == "true"
        hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        reached = [tab.evaluate(IN_DRAWER)]  # the drawer's logo link, then the menu
        for _ in hrefs:
            assert_seen(focus, "open menu")
            focus = press(tab, "Tab")
            reached.append(tab.evaluate(IN_DRAWER))
        assert reached[1:] == hrefs
        # Escape closes it and gives focus back to the button.
        tab.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert button.evaluate("el => el === document.activeElement")
        assert not links.first.is_visible()
        # Tabbing on past its last link closes it too, so nothing focused is behind it.
        press(tab, "Enter")
        for _ in range(len(hrefs) + 1):
            focus = press(tab, "Tab")
        assert_seen(focus, "after the menu")
        assert button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_search_works_from_the_keyboard(site: Site, tab: Any) -> None:
    tab.goto(site.url)
    focus = press(tab, "Tab")
    if site.engine == "zensical":
        # Its search button (on a phone, the magnifier) opens a dialog, which gives its
        # field the focus.
        while focus and not (
            focus["name"].startswith(("button md-search__button", "button md-header__button"))
            and focus["name"].endswith('"Search"')
        ):
            focus = press(tab, "Tab")
        assert_seen(focus, "search button")
        tab.keyboard.press("Enter")
        tab.locator(SEARCH[site.engine].box).wait_for(timeout=SEARCH_WAIT_MS)
        tab.wait_for_function(f"() => ({FOCUSED})()?.name.startsWith('input ')")
        focus = tab.evaluate(FOCUSED)
    while focus and not focus["name"].startswith(("input md-search__input", "input ")):
        focus = press(tab, "Tab")
    assert_seen(focus, "search field")
    # The words arrive at once, then a key: one search, so the list that ArrowDown enters is
    # the last one drawn (typed letter by letter, a later search could redraw it under focus).
    tab.keyboard.insert_text(search_words(site))
    tab.keyboard.press("End")
    tab.locator(SEARCH[site.engine].result).first.wait_for(timeout=SEARCH_WAIT_MS)
    result = press(tab, "ArrowDown")
    if site.engine == "zensical":
        # A combobox: focus stays in the field, which points at the chosen result.
        assert_seen(result, "search field, a result chosen")
        box = tab.locator(SEARCH[site.engine].box)
        chosen = tab.locator(f"dialog [id='{box.get_attribute('aria-activedescendant')}']")
        assert chosen.is_visible()
        target = chosen.evaluate("a => a.href")
    else:
        assert_seen(result, "first result")
        assert result and result["name"].startswith("a "), result
        target = tab.evaluate("document.activeElement.href")
    tab.keyboard.press("Enter")
    tab.wait_for_url(target)


@pytest.mark.parametrize("scrolled", [0, 600], ids=["at-the-top", "scrolled-down"])
def test_focus_after_closing_search_on_a_phone_is_scrolled_into_view(
    site: Site, chromium: Any, scrolled: int
) -> None:
    """The theme holds the page still while its search is open and lets go a moment after
    it closes; a link focused within that moment must still be brought into view, and
    clear of the header (from further down, the next stop is above where the page stood)."""
    if site.engine != "mkdocs":
        pytest.skip("Zensical's search is a dialog that does not fix the page")
    context = chromium.new_context(viewport=VIEWPORTS["phone"], reduced_motion="reduce")
    tab = context.new_page()
    try:
        tab.clock.install()
        tab.goto(site.url + path_of(site, "action"))
        # Held still: the theme's timers wait until the test moves the clock on, so "a
        # moment" lasts as long as the test says, however busy the machine.
        tab.clock.pause_at(tab.evaluate("Date.now()") + 1)
        tab.evaluate(f"window.scrollTo(0, {scrolled})")
        tab.locator(".md-search__input").focus()
        tab.clock.run_for(1_000)  # the search has been open long enough to hold the page
        assert tab.evaluate("document.body.hasAttribute('data-md-scrolllock')")
        tab.keyboard.press("Tab")  # the search closes; the theme would let go 100 ms on
        focus = tab.evaluate(FOCUSED)
        while focus and focus["inView"] and tab.evaluate("scrollY") == scrolled:
            tab.keyboard.press("Tab")
            focus = tab.evaluate(FOCUSED)
        assert_seen(focus, "first stop that needs the page to move")
        tab.clock.run_for(1_000)  # and once the theme has let go, it is still in view
        assert_seen(tab.evaluate(FOCUSED), "the same stop, later")
    finally:
        context.close()
