"""The world map: entries in, one accessible SVG out (generator/worldmap.py), and the
map data it draws (generator/worldmap_convert.py, generator/mapdata/)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import ROOT
from generator import worldmap_convert
from generator.resources import BASE_CONFIG
from generator.worldmap import (
    DATA,
    EU,
    STATUSES,
    STYLESHEET,
    MapEntry,
    draw_map,
    known_codes,
)

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = {
    "party": "Party (ratified, accepted, approved or acceded)",
    "signed": "Signed, no ratification confirmed",
    "not-signed": "Has not signed",
    "none": "No entry",
}
ENTRIES = [
    MapEntry("az", "party", "Azerbaijan", "/countries/az/"),
    MapEntry("fr", "signed", "France", "/countries/fr/"),
    MapEntry("mt", "signed", "Malta", "/countries/mt/"),  # too small for a shape: a point
    MapEntry("us", "not-signed", "United States", "/countries/us/"),
    MapEntry("eu", "signed", "European Union", "/countries/eu/"),
]
TITLE = "Where the Convention stands, 30 November 2026"
DESCRIPTION = "World map. 3 signatories, 1 party, 1 State that has not signed."


def draw(entries: list[MapEntry] = ENTRIES, **kwargs: Any) -> str:
    args = {"title": TITLE, "description": DESCRIPTION, "legend": LEGEND, **kwargs}
    return draw_map(entries, **args)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_tooltip(root: ET.Element) -> dict[str, ET.Element]:
    """The drawn shape or point of each entry, keyed by its tooltip's text."""
    return {
        el.findtext(f"{SVG}title"): el
        for el in root.iter()
        if el.tag in (f"{SVG}path", f"{SVG}circle") and el.find(f"{SVG}title") is not None
    }


def words(text: ET.Element) -> str:
    """A legend label as read: its lines joined by a space."""
    return " ".join(part for part in text.itertext())


def patterns(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("id"): p for p in root.iter(f"{SVG}pattern")}


def pattern_of(root: ET.Element, fill: str) -> ET.Element:
    found = re.match(r"url\(#([\w-]+)\)", fill)
    assert found, fill
    return patterns(root)[found.group(1)]


# --- What a reader and a screen reader get -------------------------------------------


def test_svg_is_xml_with_accessible_name_and_description() -> None:
    root = parse(draw())
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    ids = {el.get("id"): el.text for el in root if el.get("id")}
    assert ids[root.get("aria-labelledby")] == TITLE
    assert ids[root.get("aria-describedby")] == DESCRIPTION
    assert root[0].tag == f"{SVG}title"  # the name comes first, as tools expect


def test_scales_with_its_column() -> None:
    root = parse(draw())
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


def test_every_status_shows_by_colour_and_by_pattern() -> None:
    root = parse(draw())
    drawn = by_tooltip(root)
    looks = {}
    for entry in ENTRIES:
        if entry.code == EU:
            continue
        shape = drawn[f"{entry.name}: {LEGEND[entry.status]}"]
        tile = pattern_of(root, shape.get("fill"))
        base = tile.find(f"{SVG}rect").get("fill")
        marks = tuple(sorted(el.tag for el in tile if el.tag != f"{SVG}rect"))
        looks.setdefault(entry.status, set()).add((base, marks))
    # One look a status, and no two statuses alike in colour or in pattern.
    assert all(len(v) == 1 for v in looks.values()), looks
    flat = {status: next(iter(v)) for status, v in looks.items()}
    assert set(flat) == set(STATUSES)
    assert len({base for base, _ in flat.values()}) == len(STATUSES)
    assert len({marks for _, marks in flat.values()}) == len(STATUSES)
    countries = root.find(f"{SVG}g[@class='tx-map-countries']")
    neutral = pattern_of(root, countries.find(f"{SVG}path").get("fill"))
    assert neutral.find(f"{SVG}rect").get("fill") not in {base for base, _ in flat.values()}


def test_legend_shows_each_status_with_its_own_swatch_and_words() -> None:
    root = parse(draw())
    legend = root.find(f"{SVG}g[@class='tx-map-legend']")
    rows = list(zip(legend.iter(f"{SVG}rect"), legend.iter(f"{SVG}text"), strict=True))
    labels = [words(text) for _, text in rows]
    assert labels == [*LEGEND.values(), "European Union: Signed, no ratification confirmed"]
    drawn = by_tooltip(root)
    assert rows[1][0].get("fill") == drawn["France: Signed, no ratification confirmed"].get("fill")
    assert rows[0][0].get("fill") == drawn[
        "Azerbaijan: Party (ratified, accepted, approved or acceded)"
    ].get("fill")


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_status_marks_have_3_to_1_contrast() -> None:
    """WCAG 1.4.11: what tells a status apart stands out 3:1 from the white page and
    from the colour it is drawn on; colours are read from the SVG as drawn."""
    root = parse(draw())
    for status in STATUSES:
        tile = patterns(root)[f"tx-map-{status}"]
        base = tile.find(f"{SVG}rect").get("fill")
        marks = [el.get("stroke") or el.get("fill") for el in tile if el.tag != f"{SVG}rect"]
        for mark in marks or [base]:
            assert contrast(mark, "#ffffff") >= 3, (status, mark)
            if marks:
                assert contrast(mark, base) >= 3, (status, mark, base)
    solid = patterns(root)["tx-map-party"].find(f"{SVG}rect").get("fill")
    for status in ("signed", "not-signed"):
        base = patterns(root)[f"tx-map-{status}"].find(f"{SVG}rect").get("fill")
        assert contrast(solid, base) >= 3, status


def test_small_country_is_a_point_and_eu_has_no_shape() -> None:
    root = parse(draw())
    drawn = by_tooltip(root)
    assert drawn["Malta: Signed, no ratification confirmed"].tag == f"{SVG}circle"
    assert drawn["France: Signed, no ratification confirmed"].tag == f"{SVG}path"
    assert not any(name.startswith("European Union") for name in drawn)


def test_eu_note_takes_the_campaigns_own_words() -> None:
    note = "European Union: signed; its members keep their own colour"
    root = parse(draw(legend={**LEGEND, "eu": note}))
    texts = [words(t) for t in root.iter(f"{SVG}text")]
    assert texts[-1] == note


def test_countries_without_entry_are_neutral_and_unlabelled() -> None:
    root = parse(draw([MapEntry("fr", "signed", "France")], legend={"signed": "Signed"}))
    assert list(by_tooltip(root)) == ["France: Signed"]
    assert len(list(root.find(f"{SVG}g[@class='tx-map-legend']").iter(f"{SVG}text"))) == 1


def test_map_is_one_image_with_no_links_or_tab_stops() -> None:
    """Two hundred tab stops before the table would bury the table's links: the map
    holds none, however many entries have a page."""
    svg = draw()
    assert "<a" not in svg and "href" not in svg and "tabindex" not in svg


def test_long_label_wraps_inside_the_map() -> None:
    long = "Signed the Convention, but has not yet deposited any instrument of ratification"
    root = parse(draw([MapEntry("fr", "signed", "France")], legend={"signed": long}))
    text = next(root.find(f"{SVG}g[@class='tx-map-legend']").iter(f"{SVG}text"))
    lines = [text.text, *(span.text for span in text)]
    assert len(lines) > 1 and " ".join(lines) == long


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_legend_reads_from_the_start_side(direction: str) -> None:
    root = parse(draw(direction=direction))
    assert root.get("direction") == direction
    legend = root.find(f"{SVG}g[@class='tx-map-legend']")
    swatch = float(next(legend.iter(f"{SVG}rect")).get("x"))
    text = float(next(legend.iter(f"{SVG}text")).get("x"))
    width = float(root.get("viewBox").split()[2])
    if direction == "ltr":
        assert swatch < text < width / 2
    else:
        assert swatch > text > width / 2


# --- Bad input, hostile input ------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "legend", "message"),
    [
        ([MapEntry("zz", "signed", "Nowhere")], LEGEND, "'zz'"),
        ([MapEntry("FR", "signed", "France")], LEGEND, "'FR'"),
        ([MapEntry("fra", "signed", "France")], LEGEND, "'fra'"),
        ([MapEntry("aq", "signed", "Antarctica")], LEGEND, "'aq'"),
        ([MapEntry("fr", "signed", "France")] * 2, LEGEND, "two entries"),
        ([MapEntry("fr", "ratified", "France")], LEGEND, "'ratified'"),
        ([MapEntry("fr", "signed", "France")], {"party": "Party"}, "no label"),
    ],
)
def test_bad_entries_raise_value_error(
    entries: list[MapEntry], legend: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        draw(entries, legend=legend)


@pytest.mark.parametrize(("key", "value"), [("direction", "up"), ("id_prefix", '"><x')])
def test_bad_options_raise_value_error(key: str, value: str) -> None:
    with pytest.raises(ValueError, match=key):
        draw(**{key: value})


HOSTILE = '</title><script>alert(1)</script>" onload="alert(2)\' *x* _y_ [z](javascript:1) {: #a}'


def test_hostile_text_stays_text() -> None:
    svg = draw(
        [MapEntry("fr", "signed", HOSTILE + "\x00\x1b")],
        title=HOSTILE,
        description=HOSTILE + "\n\n# heading",
        legend={"signed": HOSTILE, "none": "]]><!--"},
    )
    root = parse(svg)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert tags <= {"svg", "title", "desc", "defs", "pattern", "rect", "path", "circle", "g"} | {
        "text",
        "tspan",
    }
    assert not [a for el in root.iter() for a in el.attrib if a.startswith("on")]
    assert root.findtext(f"{SVG}title") == HOSTILE
    assert root.findtext(f"{SVG}desc") == HOSTILE + " # heading"
    assert f"{HOSTILE}: {HOSTILE}" in by_tooltip(root)
    assert "<script" not in svg and "\x00" not in svg


@pytest.mark.parametrize("where", ["alone", "after a paragraph", "in a figure"])
def test_markdown_passes_the_map_through_unchanged(where: str) -> None:
    """The site's Markdown (Python-Markdown with mkdocs.yml's extensions) and
    markdown-it leave the fragment as it is, Markdown-looking names and all."""
    svg = draw(
        [MapEntry("fr", "signed", "*France* _x_ `y` [z](w)")],
        description="1. one\n- two\n> three",
        legend={"signed": "Signed {: .x}"},
    )
    assert "\n\n" not in svg and all(line.startswith("<") for line in svg.splitlines())
    page = {
        "alone": svg,
        "after a paragraph": f"Text.\n\n{svg}\n\nMore text.",
        "in a figure": f"<figure>\n{svg}\n</figure>",
    }[where]
    extensions = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions["markdown_extensions"]]
    assert svg in markdown.markdown(page, extensions=names)
    assert svg in MarkdownIt("commonmark", {"html": True}).render(page)


def test_same_entries_same_bytes() -> None:
    assert draw() == draw()
    assert draw(list(reversed(ENTRIES))) == draw()


def test_whole_world_is_small_enough_for_a_phone() -> None:
    """Every code the map knows, with an entry: the heaviest map a page can carry."""
    statuses = [*STATUSES]
    everyone = [
        MapEntry(code, statuses[i % 3], f"Country {code}")
        for i, code in enumerate(sorted(known_codes()))
    ]
    svg = draw(everyone).encode()
    assert len(gzip.compress(svg, 9)) < 20_000, len(gzip.compress(svg, 9))


def test_known_codes_cover_small_states_and_quirks() -> None:
    codes = known_codes()
    assert all(re.fullmatch("[a-z]{2}", code) for code in codes)
    # France and Norway (-99 in some Natural Earth editions), Kosovo, merged shapes,
    # and States too small for the 1:110m shapes.
    assert {"fr", "no", "xk", "so", "cy", "mt", "sg", "mv", "nr", "pw", "tv", "va"} <= codes
    assert "aq" not in codes


def test_site_stylesheet_carries_the_map_rules() -> None:
    sheets = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("generator/**/*.css"))]
    assert any(STYLESHEET in sheet for sheet in sheets)


# --- The data and its conversion -------------------------------------------------------


def test_data_says_where_it_comes_from() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["about"] and "world-atlas 2.0.2" in data["about"]
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    assert "Public domain" in readme and "worldmap_convert" in readme


def test_merging_removes_the_shared_border() -> None:
    # Two unit squares side by side (Somalia and Somaliland, say); arc 1 is their border.
    arcs = [
        [(1, 1), (0, 1), (0, 0), (1, 0)],  # the left square's outer sides
        [(1, 0), (1, 1)],  # the shared border
        [(1, 0), (2, 0), (2, 1), (1, 1)],  # the right square's outer sides
    ]
    left, right = [0, 1], [2, ~1]
    assert worldmap_convert.stitch(arcs, [left]) == [left]
    merged = worldmap_convert.stitch(arcs, [left, right])
    assert merged == [[0, 2]]
    outline = worldmap_convert.ring_points(arcs, merged[0])
    assert outline == [(1, 1), (0, 1), (0, 0), (1, 0), (2, 0), (2, 1), (1, 1)]


def test_ring_across_the_antimeridian_is_cut_in_two() -> None:
    ring = [(179.0, 0.0), (-179.0, 0.0), (-179.0, 2.0), (179.0, 2.0), (179.0, 0.0)]
    pieces = worldmap_convert.split_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        lons = {lon for lon, _ in piece}
        assert max(lons) - min(lons) <= 1 + 1e-9
        assert lons & {180.0, -180.0}
    one_side = [(178.0, 0.0), (179.0, 1.0), (178.0, 1.0), (178.0, 0.0)]
    assert worldmap_convert.split_antimeridian(one_side) == [one_side]


# --- In a real page, in a real browser ---------------------------------------------------


def material_page(tmp_path: Path, language: str, direction: str) -> Path:
    """One page built by the site's own engine setup (theme, overrides, stylesheet),
    with the map as a generated Markdown page would hold it."""
    from generator.engine_settings import write_engine_config
    from generator.mkdocs_run import run as run_mkdocs
    from generator.resources import ASSETS, OVERRIDES

    docs = tmp_path / f"docs-{language}"
    shutil.copytree(ASSETS, docs / ASSETS.name)
    svg = draw(direction=direction)
    (docs / "index.md").write_text(
        f"# Countries\n\nWhere the Convention stands.\n\n{svg}\n\n"
        "| Country | Status |\n|---|---|\n| [France](fr.md) | Signed |\n",
        encoding="utf-8",
    )
    (docs / "fr.md").write_text("# France\n", encoding="utf-8")
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    site = tmp_path / f"site-{language}"
    config.update(site_name="Map", docs_dir=str(docs), site_dir=str(site))
    config["nav"] = [{"Countries": "index.md"}]
    config["theme"].update(custom_dir=str(OVERRIDES), language=language, direction=direction)
    config["validation"] = {"nav": {"omitted_files": "ignore"}}
    run_mkdocs(write_engine_config(config, tmp_path / f"mkdocs-{language}.yml"))
    return site


@pytest.fixture(scope="module")
def map_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from browser import serve_directory

    root = tmp_path_factory.mktemp("worldmap")
    material_page(root, "en", "ltr")
    material_page(root, "ar", "rtl")
    with serve_directory(root) as url:
        yield url


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    "viewport", [{"width": 320, "height": 640}, {"width": 1280, "height": 900}]
)
def test_map_page_passes_axe_and_fits_320_px(
    chromium: Any, map_url: str, language: str, viewport: dict[str, int]
) -> None:
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{map_url}site-{language}/")
        from axe import violations

        image = page.get_by_role("img", name=TITLE)
        assert image.count() == 1 and image.is_visible()
        assert violations(page) == []
        assert page.evaluate(SIDEWAYS) <= 0
        box = image.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        legend = page.locator(".tx-map-legend")
        if viewport["width"] == 320:
            # Enlarged so that the legend stays readable on a phone.
            assert legend.evaluate("g => getComputedStyle(g).fontSize") == "48px"
        # The legend's words start on the side the page's language reads from.
        text = page.locator(".tx-map-legend text").first.bounding_box()
        start = (box["x"] + box["width"]) - (text["x"] + text["width"])
        if language == "en":
            start = text["x"] - box["x"]
        assert 0 < start < box["width"] / 10, (start, text, box)
    finally:
        context.close()


@pytest.mark.browser
def test_screen_reader_meets_one_named_described_image(chromium: Any, map_url: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(f"{map_url}site-en/")
        image = page.get_by_role("img", name=TITLE)
        assert image.get_attribute("aria-describedby")
        from playwright.sync_api import expect

        expect(image).to_have_accessible_description(DESCRIPTION)
        # Nothing inside the image is exposed on its own: no country names, no links.
        assert page.get_by_role("link", name="France").count() == 1  # the table's link
        tree = page.locator("main").aria_snapshot()
        assert "Azerbaijan" not in tree and "Malta" not in tree
    finally:
        page.close()


@pytest.mark.browser
def test_keyboard_never_stops_in_the_map(chromium: Any, map_url: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(f"{map_url}site-en/")
        seen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            seen.append(page.evaluate("!!document.activeElement.closest('svg.tx-worldmap')"))
        assert not any(seen)
    finally:
        page.close()


@pytest.mark.browser
def test_axe_sees_a_map_without_a_name(chromium: Any, map_url: str) -> None:
    """The check itself: the same page with the map's name taken away fails."""
    page = chromium.new_page()
    try:
        page.goto(f"{map_url}site-en/")
        page.evaluate(
            "() => { const s = document.querySelector('svg.tx-worldmap');"
            " s.removeAttribute('aria-labelledby'); s.querySelector('title').remove(); }"
        )
        from axe import violations

        assert any(v.startswith("svg-img-alt") for v in violations(page))
    finally:
        page.close()
