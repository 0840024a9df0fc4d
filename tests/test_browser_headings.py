"""Headings are heard by their words: what Chromium's accessibility tree names them.

A screen reader lists a page's headings by their accessible names. The permalink sign and
the copy button sit inside each section heading; they must stay reachable, but must not
turn "What the text says" into "What the text says # Copy link".
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

CONCERN = "concerns/weak-safeguards/"


def heading_names(page: Any) -> list[str]:
    """The accessible name of every heading, as Chromium computes it for assistive tech."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    # The tree's nodes come in no particular order: compare them sorted.
    return sorted(
        node.get("name", {}).get("value", "")
        for node in nodes
        if node.get("role", {}).get("value") == "heading" and not node.get("ignored")
    )


def visible_words(page: Any) -> list[str]:
    """Each shown heading's own words, without the link and button placed inside it (a
    heading in a closed <details> is not in the accessibility tree either)."""
    return sorted(
        page.locator("main :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
            """hs => hs.filter(h => h.checkVisibility()).map(h => {
                const copy = h.cloneNode(true);
                copy.querySelectorAll('.headerlink, .tx-copy-row').forEach(e => e.remove());
                return copy.textContent.trim();
            })"""
        )
    )


@pytest.mark.parametrize("folder", ["", "fr/", "es/", "ar/"])
def test_section_headings_are_named_by_their_words(
    page: Any, multilingual_url: str, folder: str
) -> None:
    page.goto(multilingual_url + folder + CONCERN)
    page.locator("h2 .tx-copy").first.wait_for()  # the page's script has added its buttons
    names = heading_names(page)
    assert names == visible_words(page)
    assert not [n for n in names if n.endswith(("#", "Copy link")) or "#" in n], names
    # The link and the button are still there, and still reached from the keyboard.
    heading = page.locator("h2#what-it-says")
    assert heading.locator("a.headerlink").get_attribute("href") == "#what-it-says"
    button = heading.locator("button.tx-copy")
    button.focus()
    assert button.evaluate("b => b === document.activeElement")


def test_heading_names_on_every_page_type(page: Any, minimal_url: str) -> None:
    for path in ["", "concerns/", CONCERN, "articles/5/", "recommendations/", "action/", "about/"]:
        page.goto(minimal_url + path)
        names = heading_names(page)
        assert names and names == visible_words(page), (path, names)


def test_the_phone_menu_toggle_is_a_button_not_a_label_with_a_role(
    chromium: Any, minimal_url: str
) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        for path in ["action/", "articles/5/", CONCERN]:
            page.goto(minimal_url + path)
            menu = page.get_by_role("button", name="Navigation", exact=True)
            assert menu.evaluate("b => b.tagName") == "BUTTON"
            assert page.locator("label[role]").count() == 0, path
            menu.click()
            assert menu.get_attribute("aria-expanded") == "true"
            page.locator(".md-nav--primary .md-nav__link").first.wait_for(state="visible")
    finally:
        context.close()
