"""The world map of a treaty's countries: entries in, one inline SVG out.

Each country is coloured by its status and carries a pattern as well (solid, hatched,
dotted, plain), so the map reads without colour, in greyscale print and for readers
who do not tell the colours apart; the legend shows the same swatches with words.

The map is one image (role="img") named by `title` and described by `description`,
which the caller writes to sum the map up (counts by status). It holds no links and
nothing a keyboard stops on: a screen reader meets one image, a keyboard user does not
tab through two hundred countries, and the page's table of countries carries the links
(`MapEntry.href` is accepted and left to that table). Pointing at a country shows its
name and status as a tooltip.

The European Union has no shape: its member States keep their own status, and when it
has an entry the legend adds a line for it, with its status' swatch.

Shapes come from generator/mapdata/worldmap.json, made once from Natural Earth by
generator/worldmap_convert.py.

Everything the map needs is in the SVG's own attributes, so it also reads saved on its
own or under a stricter Content-Security-Policy. STYLESHEET, which the site's style
sheet carries, only enlarges the legend and the patterns on narrow screens. It is not
a <style> inside the SVG because Python-Markdown takes <style> for a block of its own
and would split the SVG in two around it; with no such element inside, the fragment
passes through a Markdown page intact, on its own line or inside a <figure>.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .resources import package_path

DATA = package_path("mapdata", "worldmap.json")

# Ordered from the most to the least engaged; the legend follows this order.
STATUSES = ("party", "signed", "not-signed")
# Legend key for the countries without an entry (optional).
NEUTRAL = "none"
EU = "eu"
DIRECTIONS = ("ltr", "rtl")

# Every mark that carries meaning has at least 3:1 against white and against the
# colour it is drawn on (WCAG 1.4.11); tests/test_worldmap.py measures them.
OUTLINE = "#767676"


@dataclass(frozen=True)
class Look:
    base: str  # the fill under the pattern
    mark: str  # the colour of the pattern's lines or dots
    pattern: str  # "solid", "hatch", "dots" or "plain"


LOOKS: dict[str, Look] = {
    "party": Look(base="#1a237e", mark="#1a237e", pattern="solid"),
    "signed": Look(base="#f7c88a", mark="#8a4100", pattern="hatch"),
    "not-signed": Look(base="#ffffff", mark="#3d5a80", pattern="dots"),
    NEUTRAL: Look(base="#dddddd", mark="#dddddd", pattern="plain"),
}

TILE = 8  # pattern period, in viewBox units: still visible at 320 px wide
POINT_RADIUS = 4.5
FONT = 24  # legend text; STYLESHEET enlarges it on narrow screens
LARGEST = 48  # the largest legend font STYLESHEET sets: 14 px on a 320 px screen
ROW = 60  # legend row pitch, room for one line at the largest font
SWATCH = (40, 28)
GAP = 14


@dataclass(frozen=True)
class MapEntry:
    code: str  # ISO 3166-1 alpha-2, lower case, or "eu"
    status: str  # one of STATUSES
    name: str  # in the page's language
    href: str | None = None  # the country's page; the table carries the links


@functools.cache
def _data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def known_codes() -> frozenset[str]:
    """Every code the map can draw: a shape, a point for a small country, or the EU."""
    data = _data()
    return frozenset(data["shapes"]) | frozenset(data["points"]) | {EU}


def draw_map(
    entries: list[MapEntry],
    title: str,
    description: str,
    legend: dict[str, str],
    direction: str = "ltr",
    *,
    id_prefix: str = "tx-map",
) -> str:
    """The map as an inline <svg> fragment, with no blank line in it.

    `legend` maps each status an entry uses to its label in the page's language; two
    optional keys add a line each: "none" labels the countries without an entry, and
    "eu" words the European Union's line (by default "<its name>: <its status>").
    `direction` is the page's: "rtl" puts the legend's swatches and words on the right.
    `id_prefix` keeps ids unique if a page ever holds two maps.

    Raises ValueError for a code the map does not know (check known_codes() when
    validating content), a duplicate code, a status not in STATUSES, a status without
    a label, or a bad direction or id prefix.
    """
    by_code = _check(entries, legend, direction, id_prefix)
    data = _data()
    width, map_height = data["width"], data["height"]
    legend_lines, legend_height = _legend(by_code, legend, width, direction, id_prefix)
    height = map_height + legend_height
    ids = {"title": f"{id_prefix}-title", "desc": f"{id_prefix}-desc"}
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tx-worldmap" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ids["title"]}" aria-describedby="{ids["desc"]}" '
        f'direction="{direction}" font-size="{FONT}">',
        f'<title id="{ids["title"]}">{_text(title)}</title>',
        f'<desc id="{ids["desc"]}">{_text(description)}</desc>',
        *_patterns(id_prefix),
        *_countries(by_code, legend, data, id_prefix),
        *legend_lines,
        "</svg>",
    ]
    return "\n".join(lines)


def _check(
    entries: list[MapEntry], legend: dict[str, str], direction: str, id_prefix: str
) -> dict[str, MapEntry]:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", id_prefix):
        raise ValueError(f"id_prefix must be lower-case letters, digits and '-': {id_prefix!r}")
    known = known_codes()
    by_code: dict[str, MapEntry] = {}
    for entry in entries:
        if entry.code not in known:
            raise ValueError(f"no shape or point for country code {entry.code!r}")
        if entry.code in by_code:
            raise ValueError(f"country code {entry.code!r} has two entries")
        if entry.status not in STATUSES:
            raise ValueError(f"{entry.code}: status {entry.status!r} is not one of {STATUSES}")
        if not legend.get(entry.status, "").strip():
            raise ValueError(f"the legend has no label for status {entry.status!r}")
        by_code[entry.code] = entry
    return dict(sorted(by_code.items()))


# The viewBox shrinks the legend and the patterns with the map: on a phone the legend
# text is enlarged so that it stays readable (its rows leave room for it), and so are
# the pattern tiles, which would otherwise blur into a flat colour. The site's style
# sheet includes this text as it is (tests/test_worldmap.py checks that it does).
STYLESHEET = """\
/* World map (generator/worldmap.py): the map draws itself from SVG attributes; these
   rules only enlarge its legend and patterns where the screen makes them small. */
.tx-worldmap { display: block; width: 100%; height: auto; }
@media (max-width: 48em) {
  .tx-worldmap .tx-map-legend { font-size: 36px; }
  .tx-worldmap .tx-map-texture { transform: scale(1.5); }
}
@media (max-width: 30em) {
  .tx-worldmap .tx-map-legend { font-size: 48px; }
  .tx-worldmap .tx-map-texture { transform: scale(2); }
}
@media print {
  .tx-worldmap { break-inside: avoid; }
  .tx-worldmap .tx-map-legend { font-size: 24px; }
  .tx-worldmap .tx-map-texture { transform: none; }
}
"""


def _patterns(prefix: str) -> list[str]:
    tile = f'width="{TILE}" height="{TILE}" patternUnits="userSpaceOnUse"'
    out = ["<defs>"]
    for status in (*STATUSES, NEUTRAL):
        look = LOOKS[status]
        pid = f"{prefix}-{status}"
        background = f'<rect width="{TILE}" height="{TILE}" fill="{look.base}"/>'
        if look.pattern == "hatch":
            # Lines at 45°: drawn across the tile and its corners so that they join up.
            t = TILE
            marks = (
                f'<path d="M0 {t}L{t} 0M-2 2L2-2M{t - 2} {t + 2}L{t + 2} {t - 2}" '
                f'stroke="{look.mark}" stroke-width="3"/>'
            )
        elif look.pattern == "dots":
            marks = f'<circle cx="{TILE / 2:g}" cy="{TILE / 2:g}" r="2" fill="{look.mark}"/>'
        else:
            marks = ""
        texture = ' class="tx-map-texture"' if marks else ""
        out.append(f'<pattern id="{pid}"{texture} {tile}>{background}{marks}</pattern>')
    out.append("</defs>")
    return out


def _fill(prefix: str, status: str) -> str:
    # The plain colour after the pattern is what a renderer without patterns shows.
    return f"url(#{prefix}-{status}) {LOOKS[status].base}"


def _countries(
    by_code: dict[str, MapEntry], legend: dict[str, str], data: dict[str, Any], prefix: str
) -> list[str]:
    shapes: dict[str, str] = data["shapes"]
    neutral = "".join(d for code, d in shapes.items() if code not in by_code)
    out = [
        f'<g class="tx-map-countries" stroke="{OUTLINE}" stroke-width="0.5" '
        'stroke-linejoin="round" fill-rule="evenodd">',
        f'<path fill="{_fill(prefix, NEUTRAL)}" d="{neutral}"/>',
    ]
    points = []
    for code, entry in by_code.items():
        tooltip = f"<title>{_text(entry.name)}: {_text(legend[entry.status])}</title>"
        fill = _fill(prefix, entry.status)
        if code in shapes:
            out.append(f'<path fill="{fill}" d="{shapes[code]}">{tooltip}</path>')
        elif code in data["points"]:
            x, y = data["points"][code]
            points.append(
                f'<circle cx="{x}" cy="{y}" r="{POINT_RADIUS:g}" fill="{fill}">{tooltip}</circle>'
            )
    out.append("</g>")
    if points:
        # Small countries on top, outlined in black so that they stand out on any land.
        out += ['<g stroke="#000000" stroke-width="1">', *points, "</g>"]
    return out


def _legend(
    by_code: dict[str, MapEntry],
    legend: dict[str, str],
    width: int,
    direction: str,
    prefix: str,
) -> tuple[list[str], int]:
    rows = [(status, legend[status]) for status in (*STATUSES, NEUTRAL) if legend.get(status)]
    if EU in by_code:
        eu = by_code[EU]
        note = legend.get(EU) or f"{eu.name}: {legend[eu.status]}"
        rows.append((eu.status, note))
    top = _data()["height"] + GAP
    rtl = direction == "rtl"
    sw, sh = SWATCH
    swatch_x = width - GAP - sw if rtl else GAP
    text_x = swatch_x - GAP if rtl else swatch_x + sw + GAP
    room = width - 3 * GAP - sw
    out = ['<g class="tx-map-legend" fill="currentColor">']
    y = top
    for status, label in rows:
        wrapped = _wrap(_clean(label), room)
        out.append(
            f'<rect x="{swatch_x}" y="{y + (ROW - sh) // 2}" width="{sw}" height="{sh}" '
            f'fill="{_fill(prefix, status)}" stroke="{OUTLINE}"/>'
        )
        # A label's further lines follow at 1.2 em, whichever font size applies.
        spans = "".join(
            f'<tspan x="{text_x}" dy="1.2em">{_text(part)}</tspan>' for part in wrapped[1:]
        )
        out.append(
            f'<text x="{text_x}" y="{y + ROW // 2}" dominant-baseline="central">'
            f"{_text(wrapped[0])}{spans}</text>"
        )
        y += ROW + round(1.2 * LARGEST) * (len(wrapped) - 1)
    out.append("</g>")
    return out, y - top + 2 * GAP if rows else 0


def _wrap(text: str, room: int) -> list[str]:
    """Split a label into lines that fit `room` at the largest legend font, counting a
    wide (East Asian) character as one em and any other as 0.6 em."""
    budget = room / LARGEST
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _ems(candidate) > budget:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]


def _ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


# Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# XML's five, and Markdown's punctuation as character references too: a Markdown
# renderer that reads the SVG as inline HTML inside a paragraph finds nothing to format.
_ESCAPES = str.maketrans(
    {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]|#~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
)


def _clean(value: str) -> str:
    return " ".join(_NOT_XML.sub("", value).split())


def _text(value: str) -> str:
    """Content text for an SVG element: one line, escaped for XML, HTML and Markdown."""
    return _clean(value).translate(_ESCAPES)
