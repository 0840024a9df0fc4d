"""Concern pages in headless Chromium: copy buttons by keyboard, printing to PDF,
reading with JavaScript off, and old addresses that still lead to the page."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from browser import serve_directory
from conftest import MINIMAL, build
from generator import briefing
from generator.loader import load_campaign

pytestmark = pytest.mark.browser

CONCERN = "concerns/weak-safeguards/"
CANONICAL = "https://test.example.org/concerns/weak-safeguards/"
A4 = (595, 842)  # points, as PDF media boxes give them
LETTER = (612, 792)
WORDS = (
    "The convention lets a state order providers to hand over data held abroad without any "
    "judge looking at the request first, and the person concerned is never told about it. "
)


@pytest.fixture
def clip_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def long_campaign(content: Path, count: int, summary: int = 300) -> Path:
    """The minimal campaign with `count` concerns whose text is as long as real ones."""
    shutil.copytree(MINIMAL, content)
    template = yaml.safe_load((content / "concerns/weak-safeguards.yml").read_text())
    for path in (content / "concerns").glob("*.yml"):
        path.unlink()
    for number in range(1, count + 1):
        concern = dict(template, slug=f"concern-{number}", order=number, aliases=[], related=[])
        concern["title"] = f"Concern {number}: powers that reach across borders without a judge"
        concern["summary"] = (WORDS * 3)[:summary].rsplit(" ", 1)[0] + "."
        concern["sections"] = {key: WORDS * 5 for key in template["sections"]}
        concern["sources"] = ["test-source", "second-source"]
        path = content / f"concerns/concern-{number}.yml"
        path.write_text(yaml.safe_dump(concern, allow_unicode=True))
    return content


@pytest.fixture(scope="module")
def long_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A campaign of ten concerns with sections as long as real ones."""
    content = long_campaign(tmp_path_factory.mktemp("long") / "campaign", 10)
    site = build(content, content.parent / "site")
    with serve_directory(site) as url:
        yield url


def tab_to(page: Any, name: str, limit: int = 300) -> None:
    """Press Tab until the focused element is the named button, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"no button named {name!r} is reachable by Tab")


def status_after(page: Any, button_name: str) -> Any:
    """The live region that belongs to the named button."""
    button = page.get_by_role("button", name=button_name, exact=True)
    return button.locator("xpath=following-sibling::*[@role='status'][1]")


def clipboard(page: Any) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


def test_copy_citation_and_bibtex_by_keyboard(clip_page: Any, minimal_url: str) -> None:
    page = clip_page
    page.goto(minimal_url + CONCERN)
    citation = page.locator("#cite-text").inner_text().strip()
    tab_to(page, "Copy citation")
    status = status_after(page, "Copy citation")
    assert status.get_attribute("aria-live") == "polite"
    page.keyboard.press("Enter")
    status.filter(has_text="Copied").wait_for()
    assert clipboard(page) == citation
    assert citation.endswith(CANONICAL)

    tab_to(page, "Copy BibTeX")
    page.keyboard.press("Space")
    status_after(page, "Copy BibTeX").filter(has_text="Copied").wait_for()
    copied = clipboard(page)
    assert copied.startswith("@misc{test-campaign:old-safeguards,")  # its first slug
    assert copied == page.locator(".tx-cite__bibtex").inner_text().strip()


def test_the_citation_is_dated_the_day_the_reader_reads_it(page: Any, minimal_url: str) -> None:
    """The page was built on an earlier day: its 'Accessed' date and BibTeX's urldate were
    the build's, so a citation copied weeks later was dated wrong."""
    page.clock.set_fixed_time("2031-05-07T10:00:00")
    page.goto(minimal_url + CONCERN)
    accessed = page.locator("#cite-text time[data-tx-accessed]")
    assert accessed.get_attribute("datetime") == "2031-05-07"
    assert accessed.inner_text() == "7 May 2031"
    assert "Accessed 7 May 2031." in page.locator("#cite-text").inner_text()
    assert "urldate = {2031-05-07}," in page.locator(".tx-cite__bibtex").inner_text()


def test_copy_page_and_section_links_by_keyboard(clip_page: Any, minimal_url: str) -> None:
    page = clip_page
    page.goto(minimal_url + CONCERN)
    tab_to(page, "Copy permanent link")
    page.keyboard.press("Enter")
    status_after(page, "Copy permanent link").filter(has_text="Copied").wait_for()
    assert clipboard(page) == CANONICAL
    headerlink = page.locator("#why-it-matters .headerlink")
    # Visible before anyone hovers or focuses it (the theme hides it until then).
    assert headerlink.evaluate("e => getComputedStyle(e).opacity") == "1"
    headerlink.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('h2').id")
    assert focused == "why-it-matters"
    page.keyboard.press("Enter")
    page.locator("#why-it-matters [role=status]").filter(has_text="Copied").wait_for()
    # The permanent address, whatever host the page was read on.
    assert clipboard(page) == CANONICAL + "#why-it-matters"


def test_buttons_and_links_alike_are_named_apart(page: Any, minimal_url: str) -> None:
    """A screen reader lists the action page's copy buttons by name: each says which letter
    it copies (the general one by its subject, each concern's by the concern, as two
    concerns may share a subject). The "#" after a heading is named by what it is, not by
    its character."""
    page.goto(minimal_url + "action/")
    names = page.locator("pre.tx-letter + .tx-copy-row button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    subjects = page.locator("pre.tx-letter").evaluate_all(
        "pres => pres.map(p => p.getAttribute('data-tx-copy-about'))"
    )
    assert len(names) >= 3 and len(set(names)) == len(names)
    assert names == [f"Copy letter text: {subject}" for subject in subjects]
    page.goto(minimal_url + CONCERN)
    link = page.get_by_role("link", name="Link to this section").first
    assert link.get_attribute("href") == "#what-it-says"
    assert page.locator("a.headerlink:not([aria-label])").count() == 0


def pdf_pages(page: Any, size: str) -> list[Any]:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format=size)))
    return list(reader.pages)


def pdf_text(pages: list[Any]) -> str:
    return " ".join(p.extract_text() for p in pages)


@pytest.mark.parametrize(("size", "box"), [("A4", A4), ("Letter", LETTER)])
def test_concern_page_prints_cleanly(page: Any, minimal_url: str, size: str, box: tuple) -> None:
    page.goto(minimal_url + CONCERN)
    pages = pdf_pages(page, size)
    assert 1 <= len(pages) <= 2
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert abs(width - box[0]) <= 1 and abs(height - box[1]) <= 1, (width, height)
    text = pdf_text(pages)
    assert "Weak safeguards" in text and "Why it matters" in text
    assert "<https://test.example.org/source>" in text, "link addresses are printed"
    assert "Take action: https://test.example.org/action/#letter-weak-safeguards" in text
    assert "Test team. “Weak safeguards.” Test campaign." in text
    for chrome in ("Copy citation", "Copy link", "Table of contents", "@misc", "Made with"):
        assert chrome not in text, chrome


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_long_concern_page_prints_on_at_most_two_pages(page: Any, long_url: str, size: str) -> None:
    page.goto(long_url + "concerns/concern-1/")
    assert len(pdf_pages(page, size)) <= 2


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_briefing_prints_on_one_page(page: Any, minimal_url: str, long_url: str, size: str) -> None:
    page.goto(minimal_url + "briefing/")
    pages = pdf_pages(page, size)
    assert len(pages) == 1
    assert "https://test.example.org/concerns/secret-interception/" in pdf_text(pages)
    page.goto(long_url + "briefing/")
    pages = pdf_pages(page, size)
    assert len(pages) == 1, "ten concerns must still fit on one page"
    text = pdf_text(pages)
    for number in range(1, 11):
        assert f"https://test.example.org/concerns/concern-{number}/" in text


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_build_warns_before_the_briefing_outgrows_its_page(
    page: Any, tmp_path: Path, size: str
) -> None:
    """The build-time estimate errs on the side of warning: whenever it says the briefing
    fits, the briefing printed by Chromium is one page, in each of its types (usual,
    compact, tight). Tried from well within a page to well beyond it."""
    said, layouts = set(), set()
    for count, summary in [(8, 200), (10, 300), (14, 300), (18, 300), (20, 300), (24, 300)]:
        content = long_campaign(tmp_path / f"c{count}", count, summary)
        fit = briefing.estimate(load_campaign(content), size)
        site = build(content, tmp_path / f"site{count}")
        with serve_directory(site) as url:
            page.goto(url + "briefing/")
            printed = len(pdf_pages(page, size))
        assert printed == 1 or not fit.fits, (count, fit.share, printed)
        said.add(fit.fits)
        layouts.add(briefing.layout(load_campaign(content)))
    assert said == {True, False}, "the sizes tried include one that fits and one that does not"
    assert layouts == set(briefing.LAYOUTS), "and every layout"


def test_concern_page_works_without_javascript(no_js_page: Any, minimal_url: str) -> None:
    page = no_js_page
    page.goto(minimal_url + CONCERN)
    assert page.locator("#cite-text").is_visible()
    assert page.locator(".tx-cite__bibtex").is_visible()
    assert page.locator("button.tx-copy").count() == 0, "no button that could not work"
    headerlink = page.locator("#why-it-matters .headerlink")
    assert headerlink.evaluate("e => getComputedStyle(e).opacity") == "1"
    cta = page.get_by_role("link", name="Write to your government about this")
    assert cta.is_visible()
    cta.click()
    page.wait_for_url("**/action/#letter-weak-safeguards")
    letter = page.get_by_role("link", name="Open this letter in your email app").first
    assert letter.is_visible()
    assert (letter.get_attribute("href") or "").startswith("mailto:?subject=")


def test_old_address_redirects_without_javascript(no_js_page: Any, minimal_url: str) -> None:
    no_js_page.goto(minimal_url + "concerns/old-safeguards/")
    no_js_page.wait_for_url(minimal_url + CONCERN)
    assert no_js_page.locator("h1").inner_text() == "Weak safeguards"


def test_old_address_keeps_the_section_with_javascript(page: Any, minimal_url: str) -> None:
    page.goto(minimal_url + "concerns/old-safeguards/#what-we-ask")
    page.wait_for_url(minimal_url + CONCERN + "#what-we-ask")
    assert page.locator("h1").inner_text() == "Weak safeguards"
