"""The country tracker in a browser: it works without JavaScript, and countries.js only adds.

Without scripts the table is complete and the picker is a list of links grouped by status.
With them the table filters and sorts (announcing how many rows are shown and which way a
column is sorted), and the picker becomes a filter box and a select box whose button opens
the country page; both filters know the other names readers type ("USA", "Turkey").
The map is one image with a name and a description, and nothing on the page is requested
from another host.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from axe import violations
from browser import serve_directory
from conftest import MULTILINGUAL, run_cli
from generator.clock import epoch

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.requests = []
    context.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


@pytest.fixture
def no_script(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def visible_countries(tab: Any) -> list[str]:
    return tab.locator("#countries-table tbody tr:visible th").all_inner_texts()


def test_without_javascript_everything_is_there(no_script: Any, minimal_url: str) -> None:
    no_script.goto(minimal_url + "countries/")
    rows = no_script.locator("#countries-table tbody tr th a")
    assert rows.all_inner_texts() == ["Brazil", "European Union", "France", "United States"]
    assert no_script.locator("input[type=search]").count() == 0
    no_script.goto(minimal_url + "action/")
    groups = no_script.locator(".tx-picker__group").all_inner_texts()
    assert [g.split("\n")[0].strip() for g in groups] == [
        "Joined (ratified or acceded) (1)",
        "Signed, no ratification confirmed (2)",
        "No signature recorded (1)",
    ]
    no_script.locator(".tx-picker a", has_text="France").click()
    assert no_script.url == minimal_url + "countries/fr/"
    assert no_script.locator("h1").inner_text() == "France"


def test_the_table_filters_and_sorts(tab: Any, minimal_url: str) -> None:
    tab.goto(minimal_url + "countries/")
    box = tab.get_by_label("Filter by country")
    box.fill("uni")
    assert visible_countries(tab) == ["European Union", "United States"]
    assert tab.locator(".tx-filter__status").inner_text() == "Countries shown: 2"
    box.fill("")
    assert len(visible_countries(tab)) == 4
    header = tab.locator("#countries-table th[scope=col]").first
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert visible_countries(tab)[0] == "Brazil"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert visible_countries(tab) == ["United States", "France", "European Union", "Brazil"]
    # Dates sort by their ISO value, ties keep their order, and a State without a signature
    # comes last either way.
    signature = tab.locator("#countries-table th[scope=col]").nth(2)
    signature.get_by_role("button").click()
    assert visible_countries(tab) == ["France", "European Union", "Brazil", "United States"]
    signature.get_by_role("button").click()
    assert visible_countries(tab) == ["Brazil", "France", "European Union", "United States"]
    assert violations(tab) == []


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("", "USA", ["United States"]),
        ("", "United States of America", ["United States"]),
        ("fr/", "USA", ["États-Unis"]),
        ("fr/", "etats", ["États-Unis"]),
        ("es/", "United States", ["Estados Unidos"]),
        ("es/", "EE. UU.", ["Estados Unidos"]),
        ("ar/", "France", ["فرنسا"]),
        ("ar/", "الولايات المتحدة الأميركية", ["الولايات المتحدة"]),  # iso-codes' marks
    ],
)
def test_the_filter_finds_a_country_by_the_names_readers_type(
    tab: Any, multilingual_url: str, lang: str, typed: str, shown: list[str]
) -> None:
    """Not only by the name on the page: 'USA', the English name on a translated page, the
    official name, with or without accents and Arabic vowel marks."""
    tab.goto(multilingual_url + lang + "countries/")
    tab.locator(".tx-filter__input").fill(typed)
    assert visible_countries(tab) == shown


def test_the_picker_becomes_a_select_box(tab: Any, minimal_url: str) -> None:
    tab.goto(minimal_url + "action/")
    select = tab.get_by_role("combobox", name="Your country")
    # Its first option is no country: a reader is never sent to Brazil by mistake.
    first = select.locator("option").first
    assert (first.inner_text(), first.get_attribute("value")) == ("Choose a country", "")
    assert select.input_value() == ""
    assert select.locator("optgroup option").count() == 4
    tab.get_by_role("button", name="Show").click()
    assert tab.url == minimal_url + "action/"
    labels = select.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert labels == [
        "Joined (ratified or acceded) (1)",
        "Signed, no ratification confirmed (2)",
        "No signature recorded (1)",
    ]
    assert not tab.locator(".tx-picker__list").first.is_visible()
    select.select_option(label="United States")
    assert tab.url == minimal_url + "action/"  # choosing alone does not leave the page
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url(minimal_url + "countries/us/")
    assert tab.locator("#ask").is_visible()
    assert violations(tab) == []


@pytest.mark.parametrize(
    ("lang", "typed", "kept", "chosen"),
    [
        ("", "USA", ["United States"], "countries/us/"),
        ("", "uni", ["European Union", "United States"], None),
        ("fr/", "etats", ["États-Unis"], "fr/countries/us/"),
        ("es/", "United States", ["Estados Unidos"], "es/countries/us/"),
        ("ar/", "France", ["فرنسا"], "ar/countries/fr/"),
    ],
)
def test_the_picker_finds_a_country_by_the_names_readers_type(
    tab: Any, multilingual_url: str, lang: str, typed: str, kept: list[str], chosen: str | None
) -> None:
    """The action page's picker narrows its select box to the countries a typed name fits
    (the same names as the table's filter); one left is chosen, and Enter opens it."""
    tab.goto(multilingual_url + lang + "action/")
    select = tab.locator("#tx-picker-select")
    box = tab.locator("#tx-picker-select-filter")
    box.fill(typed)
    assert select.locator("optgroup option").all_inner_texts() == kept
    # Each group left counts the countries it shows now, not all it has.
    counts = select.locator("optgroup").evaluate_all(
        "gs => gs.map(g => [g.label.match(/\\((\\d+)\\)$/)[1], g.children.length])"
    )
    assert counts and all(label == str(n) for label, n in counts), counts
    status = tab.locator(".tx-picker__form .tx-filter__status").inner_text()
    assert status.endswith(str(len(kept)))
    if chosen is None:
        assert select.input_value() == ""
        box.press("Enter")
        assert tab.url == multilingual_url + lang + "action/"  # nothing chosen, nowhere to go
        return
    assert select.input_value() == multilingual_url + chosen
    box.press("Enter")
    tab.wait_for_url(multilingual_url + chosen)
    tab.go_back()
    tab.locator("#tx-picker-select-filter").fill("")
    assert tab.locator("#tx-picker-select optgroup option").count() == 4
    labels = tab.locator("#tx-picker-select optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert [label[-3:] for label in labels] == ["(1)", "(2)", "(1)"]
    assert violations(tab) == []


def test_only_the_trackers_pages_load_its_script(tab: Any, minimal_url: str) -> None:
    """countries.js is for the table and the picker: a concern page does without it."""
    tab.goto(minimal_url + "concerns/weak-safeguards/", wait_until="networkidle")
    assert not [u for u in tab.requests if u.endswith("/countries.js")]
    tab.goto(minimal_url + "action/", wait_until="networkidle")
    assert [u for u in tab.requests if u.endswith("/assets/countries.js")]


def test_the_map_is_one_named_image_and_nothing_leaves_the_site(tab: Any, minimal_url: str) -> None:
    tab.goto(minimal_url + "countries/")
    image = tab.get_by_role("img", name="Map: where each country stands on the Test Convention")
    assert image.count() == 1
    description = image.evaluate(
        "svg => document.getElementById(svg.getAttribute('aria-describedby')).textContent"
    )
    assert "1 joined (ratified or acceded), 2 signed without ratifying, 1 with no signature" in (
        description
    )
    host = urlsplit(minimal_url).netloc
    assert {urlsplit(url).netloc for url in tab.requests} == {host}


@pytest.mark.parametrize("width", [320, 1280])
def test_the_map_takes_the_whole_column(chromium: Any, minimal_url: str, width: int) -> None:
    # The theme lays figures out at their content's width; a map drawn at its intrinsic
    # size came out at half the column on a desktop, its legend too small to read.
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(minimal_url + "countries/")
        map_width, column_width = page.locator("svg.tx-worldmap").evaluate(
            "svg => [svg.getBoundingClientRect().width,"
            " svg.closest('.md-typeset').getBoundingClientRect().width]"
        )
        assert map_width >= 0.95 * min(column_width, 960), (map_width, column_width)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("", "No country matches your search."),
        ("fr/", "Aucun pays ne correspond à votre recherche."),
        ("es/", "Ningún país coincide con su búsqueda."),
        ("ar/", "لا يوجد بلد يطابق بحثك."),
    ],
)
def test_the_picker_says_when_no_country_matches(
    tab: Any, multilingual_url: str, lang: str, words: str
) -> None:
    """ "Countries shown: 0" under an empty select box read as if the page had broken; it
    says in the page's language that nothing matches, where a screen reader hears it."""
    tab.goto(multilingual_url + lang + "action/")
    box = tab.locator("#tx-picker-select-filter")
    status = tab.locator(".tx-picker__form .tx-filter__status")
    assert status.get_attribute("aria-live") == "polite"
    box.fill("Atlantis")
    assert tab.locator("#tx-picker-select optgroup option").count() == 0
    assert status.inner_text() == words
    assert status.is_visible()
    box.fill("")
    assert status.inner_text() == ""
    assert tab.locator("#tx-picker-select optgroup option").count() == 4
    assert violations(tab) == []


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("lang", ["", "ar/"])
def test_the_country_table_can_be_read_on_a_phone(
    chromium: Any, multilingual_url: str, width: int, lang: str
) -> None:
    """On a phone the table is wider than the screen: its box says so, scrolls by keyboard
    as well as by touch, and each row keeps its country in view while it scrolls."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(multilingual_url + lang + "countries/")
        region = page.locator(".tx-scroll:has(#countries-table)")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        # Named by the table's caption.
        caption = page.locator("#countries-table caption").inner_text()
        assert region.get_attribute("aria-labelledby") == "countries-table-caption" and caption
        wide, shown = region.evaluate("box => [box.scrollWidth, box.clientWidth]")
        assert wide > shown  # the columns do not fit: the box scrolls, not the page
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator(".tx-scroll-hint").is_visible()
        # Reached with Tab, and scrolled with the arrow keys.
        region.focus()
        assert region.evaluate("box => box === document.activeElement")
        for _ in range(15):
            page.keyboard.press("ArrowLeft" if lang else "ArrowRight")
        # Smooth scrolling takes its time on a busy machine: wait until it has come to rest.
        settled = -1.0
        for _ in range(40):
            now = abs(region.evaluate("box => box.scrollLeft"))
            if now > 0 and now == settled:
                break
            settled = now
            page.wait_for_timeout(150)
        assert settled > 0
        # The last column is now in view, and the country name still is.
        last = page.locator("#countries-table tbody tr").first.locator("td").last
        name = page.locator("#countries-table tbody tr").first.locator("th")
        box = region.bounding_box()
        for cell in (last, name):
            cell_box = cell.bounding_box()
            assert cell_box["x"] >= box["x"] - 1, cell_box
            assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 1, cell_box
        assert violations(page) == []
    finally:
        context.close()


def test_a_wide_screen_shows_no_scrolling_hint(tab: Any, minimal_url: str) -> None:
    tab.goto(minimal_url + "countries/")
    assert not tab.locator(".tx-scroll-hint").is_visible()


# -- the days left to sign, counted again on the reader's day --

BUILT = dt.date(2026, 12, 20)


@pytest.fixture(scope="module")
def dated_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The multilingual campaign built on 20 December 2026, 11 days before signature
    closes."""
    site = tmp_path_factory.mktemp("dated") / "site"
    args = ("build", "--no-cache", "--content", MULTILINGUAL, "--site-dir", site)
    result = run_cli(*args, env={"SOURCE_DATE_EPOCH": epoch(BUILT)})
    assert result.code == 0, result.err
    with serve_directory(site) as url:
        yield url


@pytest.mark.parametrize(
    ("reader_day", "page", "expected"),
    [
        ("2026-12-20", "action/", "Signature closes in 11 days."),  # the build's own day
        ("2026-12-15", "action/", "Signature closes in 11 days."),  # a clock behind: as built
        ("2026-12-30", "action/", "Signature closes in 1 day."),
        ("2026-12-31", "", "Signature closes today."),
        ("2027-01-02", "countries/", "The signature period has ended."),
        ("2026-12-25", "concerns/weak-safeguards/", "Signature closes in 6 days."),
        ("2026-12-29", "ar/action/", "تنتهي فترة التوقيع بعد يومين."),  # Arabic's dual
        ("2026-12-28", "ar/action/", "تنتهي فترة التوقيع بعد 3 أيام."),  # and its "few"
        ("2026-12-30", "fr/action/", "La période de signature se termine dans 1 jour."),
    ],
)
def test_the_days_left_are_counted_on_the_readers_day(
    tab: Any, dated_url: str, reader_day: str, page: str, expected: str
) -> None:
    """A page read days after its build (from a cache, or before the next daily rebuild)
    must not say more days are left than are."""
    tab.clock.set_fixed_time(f"{reader_day}T10:00:00")
    tab.goto(dated_url + page)
    shown = tab.locator(".tx-countdown").all_inner_texts()  # the home page has two
    assert shown and set(shown) == {expected}


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # Already 1 January in Tokyo, still the last day in New York, where it is signed.
        ("Asia/Tokyo", "2027-01-01T10:00:00+09:00", "Signature closes today."),
        ("Asia/Tokyo", "2027-01-01T15:00:00+09:00", "The signature period has ended."),
        # Still 30 December in Honolulu: New York's day is what counts.
        ("Pacific/Honolulu", "2026-12-30T20:00:00-10:00", "Signature closes today."),
        ("America/New_York", "2026-12-31T23:30:00-05:00", "Signature closes today."),
    ],
)
def test_the_days_left_are_counted_where_the_treaty_is_signed(
    chromium: Any, dated_url: str, zone: str, moment: str, expected: str
) -> None:
    """The fixture's calendar says the treaty is signed in New York (time_zone): a reader
    anywhere else sees the days of New York, not of their own clock."""
    context = chromium.new_context(timezone_id=zone)
    try:
        tab = context.new_page()
        tab.clock.set_fixed_time(moment)
        tab.goto(dated_url + "action/")
        assert tab.locator(".tx-countdown").inner_text() == expected
    finally:
        context.close()


def test_without_scripts_the_count_is_the_builds(no_script: Any, dated_url: str) -> None:
    no_script.goto(dated_url + "action/")
    assert no_script.locator(".tx-countdown").inner_text() == "Signature closes in 11 days."
