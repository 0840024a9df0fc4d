"""The banner of a site that a production build would refuse, in a real browser: seen,
said in words (not colour alone), accessible, and there in every language and at 320 px."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from axe import violations
from browser import serve_directory
from conftest import MULTILINGUAL, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unready_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The multilingual campaign as a real one, still on a placeholder address."""
    content = tmp_path_factory.mktemp("unready") / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    path = content / "campaign.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  example: true\n", ""))
    site = build(content, content.parent / "site")
    with serve_directory(site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "concerns/weak-safeguards/", "fr/about/", "ar/action/"])
@pytest.mark.parametrize("width", [320, 1280])
def test_the_banner_says_it_in_words_and_passes_axe(
    chromium: Any, unready_url: str, path: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(unready_url + path)
        banner = page.locator(".tx-notice--unpublishable")
        assert banner.is_visible()
        assert banner.get_attribute("role") == "note"
        # The first thing in the page's content, before its title.
        first = page.evaluate(
            "() => document.querySelector('.md-content__inner .tx-notice--unpublishable')"
            " === document.querySelector('.md-content__inner .tx-notice')"
        )
        assert first
        text = banner.inner_text()
        assert (
            "campaign.yml:" in text
            and "site.url 'https://test.example.org' is a placeholder" in text
        )
        assert page.get_by_role("note", name=banner.locator("strong").inner_text()).count() == 1
        # Not colour alone: a border a reader sees without colour, and the words.
        style = banner.evaluate("e => getComputedStyle(e).borderTopStyle")
        assert style == "dashed"
        assert violations(page) == []
        sideways = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0
    finally:
        context.close()
