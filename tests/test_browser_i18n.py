"""The translated site in Chromium: right-to-left Arabic, the language menu, search, axe."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from axe import inject
from pages import NARROW, Site, open_search, search_links

pytestmark = pytest.mark.browser

CONCERN = "concerns/weak-safeguards/"


@pytest.fixture
def wide(chromium: Any) -> Iterator[Any]:
    """A desktop-sized page, so that both sidebars are shown."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


def text_box(page: Any, selector: str, text: str) -> dict[str, float]:
    """Where `text` is drawn inside the first element matching `selector`."""
    return page.evaluate(
        """([selector, text]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(text);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + text.length);
                const r = range.getBoundingClientRect();
                return {x: r.x, y: r.y, width: r.width, height: r.height};
            }
            return null;
        }""",
        [selector, text],
    )


# --- right to left ---------------------------------------------------------------------------


def test_arabic_page_is_right_to_left(wide: Any, multilingual_url: str) -> None:
    wide.goto(multilingual_url + "ar/" + CONCERN)
    assert wide.locator("html").get_attribute("lang") == "ar"
    assert wide.locator("body").get_attribute("dir") == "rtl"
    content = box(wide, ".md-content")
    # Navigation on the right, the table of contents on the left, the title on the right.
    assert box(wide, ".md-sidebar--primary")["x"] > content["x"] + content["width"] - 1
    assert box(wide, ".md-sidebar--secondary")["x"] + 1 < content["x"]
    assert box(wide, ".md-header__title")["x"] > box(wide, ".md-search")["x"]
    h1, title = box(wide, "h1"), text_box(wide, "h1", "ضمانات ضعيفة")
    assert abs((h1["x"] + h1["width"]) - (title["x"] + title["width"])) < 2
    assert title["x"] - h1["x"] > 100  # a short title leaves the left side empty


def test_english_page_is_the_mirror_image(wide: Any, multilingual_url: str) -> None:
    wide.goto(multilingual_url + CONCERN)
    assert wide.locator("body").get_attribute("dir") == "ltr"
    content = box(wide, ".md-content")
    assert box(wide, ".md-sidebar--primary")["x"] + 1 < content["x"]
    h1, title = box(wide, "h1"), text_box(wide, "h1", "Weak safeguards")
    assert abs(h1["x"] - title["x"]) < 2


def test_numbers_and_dates_read_in_arabic_order(wide: Any, multilingual_url: str) -> None:
    wide.goto(multilingual_url + "ar/" + CONCERN)
    link = wide.locator(".tx-meta a").first
    assert link.inner_text() == "المادة 5"  # the article number stays as in the URL
    word, number = text_box(wide, ".tx-meta a", "المادة"), text_box(wide, ".tx-meta a", "5")
    assert number["x"] + number["width"] <= word["x"] + 1  # read right to left: word, then 5
    day = text_box(wide, ".tx-meta time", "20")
    year = text_box(wide, ".tx-meta time", "2026")
    # "20 تشرين الثاني/نوفمبر 2026", as UN documents in Arabic write it: day on the right.
    assert year["x"] + year["width"] <= day["x"] + 1
    assert wide.locator(".tx-meta time").first.inner_text() == "20 تشرين الثاني/نوفمبر 2026"


def ink_columns(png: bytes) -> tuple[int, int, int]:
    """(first, last, width): the outermost pixel columns darker than the background."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    dark = [x for x in range(width) if any(pixels[x, y] < 128 for y in range(height))]
    assert dark, "nothing drawn"
    return dark[0], dark[-1], width


def test_screenshot_arabic_title_is_drawn_at_the_right(
    wide: Any, multilingual_url: str, tmp_path: Path
) -> None:
    wide.goto(multilingual_url + "ar/" + CONCERN)
    shot = wide.locator("h1").screenshot(path=str(tmp_path / "ar-h1.png"))
    first, last, width = ink_columns(shot)
    assert width - last < 12, (first, last, width)
    assert first > width / 3, (first, last, width)
    wide.screenshot(path=str(tmp_path / "ar-page.png"))  # kept for a human to look at
    wide.goto(multilingual_url + CONCERN)
    first, last, width = ink_columns(wide.locator("h1").screenshot())
    assert first < 12 and last < width * 2 / 3, (first, last, width)


def test_english_fallback_in_arabic_page_is_marked_and_left_to_right(
    wide: Any, multilingual_url: str
) -> None:
    wide.goto(multilingual_url + "ar/" + CONCERN)
    english = wide.locator("div.tx-untranslated").first
    assert english.get_attribute("lang") == "en"
    assert english.inner_text() == "Article 5 names proportionality only."
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # One notice at the top of the page says so, in Arabic; no mark repeats on each text.
    notice = wide.locator(".tx-notice--untranslated")
    assert notice.count() == 1 and notice.is_visible()
    assert "تُعرض أجزاء من هذه الصفحة باللغة الإنجليزية إلى أن تُترجم." in notice.inner_text()
    assert wide.locator(".tx-untranslated").count() > 1


def test_english_list_in_arabic_page_keeps_its_bullets_on_its_own_side(
    multilingual_url: str, chromium: Any
) -> None:
    """A left-to-right list in a right-to-left page is indented from the left, as English
    reads, so its bullets stand inside the page instead of past its left edge."""
    context = chromium.new_context(viewport=NARROW)
    tab = context.new_page()
    try:
        tab.goto(multilingual_url + "ar/recommendations/")
        passage = tab.locator('div.tx-untranslated[dir="ltr"]', has=tab.locator("li")).first
        item = passage.locator("li").first
        assert item.evaluate("e => getComputedStyle(e).direction") == "ltr"
        outer, first = passage.bounding_box(), item.bounding_box()
        assert outer and first and first["x"] - outer["x"] >= 16, (outer, first)
        assert tab.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    finally:
        context.close()


# --- accessibility ---------------------------------------------------------------------------


def axe(page: Any) -> dict[str, set[str]]:
    inject(page)
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return {violations: r.violations.map(v => v.id), passes: r.passes.map(v => v.id)};
        }"""
    )
    return {k: set(v) for k, v in result.items()}


@pytest.mark.parametrize(
    ("path", "english"),
    [("ar/", ""), ("ar/" + CONCERN, CONCERN), ("fr/concerns/secret-interception/", None)],
)
def test_axe_translation_adds_no_violation(
    page: Any, multilingual_url: str, path: str, english: str | None
) -> None:
    page.goto(multilingual_url + (english if english is not None else path.split("/", 1)[1]))
    baseline = axe(page)["violations"]
    page.goto(multilingual_url + path)
    found = axe(page)
    assert found["violations"] <= baseline, found["violations"] - baseline
    assert {"html-has-lang", "html-lang-valid", "valid-lang"} <= found["passes"]


# --- the language menu -----------------------------------------------------------------------


def test_language_menu_works_with_keyboard_and_without_javascript(
    chromium: Any, multilingual_url: str
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(multilingual_url + "fr/concerns/secret-interception/")
        menu = page.locator(".tx-languages .md-select__inner")
        assert not menu.is_visible()
        page.locator(".tx-languages button").focus()
        menu.wait_for(state="visible")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "English"
        page.keyboard.press("Enter")
        page.wait_for_url(multilingual_url + "concerns/secret-interception/")
        assert page.locator("h1").inner_text() == "Secret interception"
        page.locator(".tx-languages button").hover()
        page.locator(".tx-languages a[hreflang=ar]").click()
        page.wait_for_url(multilingual_url + "ar/concerns/secret-interception/")
        assert page.locator("h1").inner_text() == "اعتراض سري"
    finally:
        context.close()


# --- search in each language -----------------------------------------------------------------


def search(page: Any, site: Site, folder: str, words: str) -> list[str]:
    page.goto(site.url + folder)
    open_search(page, words, site.engine)
    return search_links(page, site.engine)


@pytest.mark.parametrize(
    ("folder", "words", "slug"),
    [
        ("fr/", "garantie", "weak-safeguards"),  # French stemming: garanties, garantie
        ("es/", "garantía", "weak-safeguards"),
        ("ar/", "ضمانات", "weak-safeguards"),
        ("ar/", "اعتراض", "secret-interception"),
        ("fr/", "phone", "secret-interception"),  # English text not yet translated
        ("", "safeguard", "weak-safeguards"),
    ],
)
def test_search_in_each_language_stays_in_that_language(
    page: Any, site: Site, folder: str, words: str, slug: str
) -> None:
    hrefs = search(page, site, folder, words)
    assert site.url + folder + f"concerns/{slug}/" in hrefs, hrefs
    others = {"ar/", "es/", "fr/"} - {folder}
    assert all(h.startswith(site.url + folder) for h in hrefs), hrefs
    assert not any(h.startswith(site.url + o) for h in hrefs for o in others), hrefs


def test_no_request_leaves_the_origin_and_no_console_error(page: Any, site: Site) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in ["ar/", "fr/" + CONCERN, "es/action/"]:
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
    search(page, site, "ar/", "ضمانات")
    assert requests and all(r.startswith(site.url) for r in requests), [
        r for r in requests if not r.startswith(site.url)
    ]
    assert errors == []


def test_copy_buttons_speak_the_page_language(page: Any, multilingual_url: str) -> None:
    page.goto(multilingual_url + "fr/concerns/weak-safeguards/")
    button = page.locator("h2#what-it-says button.tx-copy")
    assert button.inner_text() == "Copier le lien"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator("h2#what-it-says .tx-copy-status")
    status.filter(has_text="Copié").wait_for()
