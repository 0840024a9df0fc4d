"""The cut stylesheet changes nothing a reader sees: every element's computed style (and
its ::before and ::after) is the same under theme.css as under the theme's whole file,
on every page type, as a phone and a desktop show it, in every language, and with search
open and the phone menu open; for both engines. (generator/stylesheet.py cuts it.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_browser_a11y import tab

from generator.stylesheet import CUT
from pages import (
    PAGE_TYPES,
    SEARCH,
    VIEWPORTS,
    Site,
    language_folders,
    open_search,
    path_of,
    search_words,
)

pytestmark = pytest.mark.browser
WHOLE = re.compile(r"/main\.[0-9a-f]+\.min\.css")

__all__ = ["tab"]

# For every element, in document order and inside shadow roots (Zensical's search dialog
# reads the page's custom properties there): its tag and class, and a hash of its computed
# style. Custom properties are left out: a dropped one that nothing reads changes nothing.
STYLES = """() => {
  const out = [];
  const hash = text => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  };
  const walk = root => {
    for (const el of root.querySelectorAll("*")) {
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(el, pseudo);
        let text = "";
        if (!pseudo || style.content !== "none") {
          for (let i = 0; i < style.length; i++) {
            const name = style[i];
            if (!name.startsWith("--")) text += name + ":" + style.getPropertyValue(name) + ";";
          }
        }
        const name = el.tagName.toLowerCase() + "." + String(el.className.baseVal ?? el.className);
        out.push(name.slice(0, 80) + (pseudo || "") + " " + hash(text));
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}"""


def whole_stylesheet(site: Site, folder: str = "") -> str:
    cut = next((site.root / folder).glob(f"assets/stylesheets/**/{CUT}"))
    return next(cut.parent.glob("main.*.min.css")).read_text(encoding="utf-8")


def styles(tab: Any, url: str, stylesheet: str | None, then: Any = None) -> list[str]:
    """Every element's style on `url`, with `stylesheet` served as theme.css if given."""
    if stylesheet is not None:
        tab.route(f"**/{CUT}", lambda r: r.fulfill(body=stylesheet, content_type="text/css"))
    try:
        tab.goto(url)
        tab.wait_for_load_state("load")
        if then is not None:
            then(tab)
        return settled_styles(tab)
    finally:
        tab.unroute(f"**/{CUT}")


def settled_styles(tab: Any) -> list[str]:
    """The styles once two readings a quarter of a second apart agree: the theme's script
    sizes the sidebars and draws results after the page has loaded."""
    shown: list[str] = []
    for _ in range(40):
        now = tab.evaluate(STYLES)
        if now == shown:
            break
        shown = now
        tab.wait_for_timeout(250)
    return shown


def differences(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    assert len(before) == len(after), "the two pages do not have the same elements"
    return [(a, b) for a, b in zip(before, after, strict=True) if a != b][:5]


def same_look(tab: Any, url: str, whole: str, then: Any = None) -> list[tuple[str, str]]:
    return differences(styles(tab, url, None, then), styles(tab, url, whole, then))


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_looks_the_same_under_the_whole_stylesheet(site: Site, tab: Any, kind: str) -> None:
    url = site.url + path_of(site, kind)
    assert same_look(tab, url, whole_stylesheet(site)) == []


def test_each_language_looks_the_same_under_the_whole_stylesheet(site: Site, tab: Any) -> None:
    for folder in language_folders(site.content):
        url = site.url + folder + path_of(site, "concern")
        assert same_look(tab, url, whole_stylesheet(site, folder)) == [], folder or "source"


def test_search_looks_the_same_under_the_whole_stylesheet(site: Site, tab: Any) -> None:
    def search(page: Any) -> None:
        assert open_search(page, search_words(site), site.engine) > 0
        every_result_drawn(page, site.engine)

    assert same_look(tab, site.url + path_of(site, "concern"), whole_stylesheet(site), search) == []


def every_result_drawn(page: Any, engine: str) -> None:
    """Both themes draw ten results, and more as the list's end scrolls into view, which a
    slow machine may or may not bring about by itself: bring all of them in, every time."""
    results = page.locator(SEARCH[engine].result)
    shown, unchanged = -1, 0
    for _ in range(30):  # the same count three readings running: one pause was too few
        count = results.count()  # on a busy machine, where drawing lags behind scrolling
        unchanged = unchanged + 1 if count == shown else 0
        if unchanged == 2:
            return
        shown = count
        if count:
            results.last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    raise AssertionError(f"the results kept growing: {shown}")


def test_open_phone_menu_looks_the_same_under_the_whole_stylesheet(site: Site, phone: Any) -> None:
    def open_menu(page: Any) -> None:
        page.locator(".md-header button.tx-menu-button").click()
        page.locator(".md-nav--primary .md-nav__link").first.wait_for(state="visible")

    url = site.url + path_of(site, "concern")
    assert same_look(phone, url, whole_stylesheet(site), open_menu) == []


def test_the_comparison_sees_a_rule_gone(site: Site, phone: Any) -> None:
    """If theme.css lacked a rule the page uses, these tests would say so."""
    whole = whole_stylesheet(site)
    broken = whole.replace(".md-header{", ".md-header-gone{", 1)
    assert broken != whole
    url = site.url + path_of(site, "concern")
    assert differences(styles(phone, url, whole), styles(phone, url, broken)) != []


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=VIEWPORTS["phone"], reduced_motion="reduce")
    yield context.new_page()
    context.close()


def test_no_page_links_the_whole_stylesheet(site: Site) -> None:
    pages = sorted(site.root.rglob("*.html"))
    assert all(not WHOLE.search(page.read_text(encoding="utf-8")) for page in pages)
    for folder in language_folders(site.content):
        root = site.root / folder
        cut = next(root.glob(f"assets/stylesheets/**/{CUT}"))
        href = cut.relative_to(root).as_posix()
        concern = (root / path_of(site, "concern") / "index.html").read_text(encoding="utf-8")
        assert f'/{href}">' in concern, folder or "source"
        whole = next(cut.parent.glob("main.*.min.css"))
        assert cut.stat().st_size < 0.7 * whole.stat().st_size, href
