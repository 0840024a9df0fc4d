"""Turn Natural Earth's country shapes into the small map data generator/worldmap.py draws.

Run once, and again only to change the data (generator/mapdata/README.md):

    make mapdata        # = python -m generator.worldmap_convert, then git diff

It downloads the npm package world-atlas from the npm registry (no Node.js needed),
checks it against the sha512 integrity pinned below, and reads it: a TopoJSON edition
of Natural Earth's Admin 0 countries. It writes generator/mapdata/worldmap.json:
every country as one SVG path, already projected (Equal Earth), simplified and
rounded, so that building the site does no geometry at all. Same package in, same bytes out.

Shared borders are TopoJSON arcs, simplified once and used by both neighbours, so
simplifying never opens a gap or an overlap between two countries.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import math
import sys
import tarfile
import tempfile
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from babel.core import get_global

PACKAGE = "world-atlas"
VERSION = "2.0.2"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# As the npm registry publishes it for this version; a different download is refused.
INTEGRITY = "sha512-" + (
    "IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
HERE = Path(__file__).resolve().parent
OUT = HERE / "mapdata" / "worldmap.json"

WIDTH = 1000  # viewBox units; the page scales the map to its column
MARGIN = 4
# Visvalingam's effective area, in square viewBox units: smaller wiggles go.
SIMPLIFY_AREA = 0.35
# An island ring smaller than this (square units) is left out, unless it is all
# there is of its country.
MIN_RING_AREA = 1.5

# Natural Earth features that have no ISO 3166-1 numeric code (their id is missing).
# Somaliland and Northern Cyprus are drawn as part of the State the United Nations
# and ISO 3166 count them in, since treaty actions are that State's. Kosovo is drawn
# on its own under the code CLDR gives it (XK, user-assigned, not ISO), neutral
# unless a campaign lists it. Any other shape without a code stops the conversion.
NAMELESS = {"Somaliland": "so", "N. Cyprus": "cy", "Kosovo": "xk"}
# Antarctica is not a State and would take a fifth of the height.
LEFT_OUT = {"aq"}


def numeric_to_alpha2() -> dict[str, str]:
    """ISO 3166-1 numeric -> alpha-2 ("250" -> "fr"), from CLDR's territory aliases."""
    return {
        code: targets[0].lower()
        for code, targets in get_global("territory_aliases").items()
        if code.isdigit() and len(code) == 3 and len(targets) == 1
    }


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


# Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, with straight parallels.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2


def simplify(points: list[tuple[float, float]], area: float) -> list[int]:
    """Visvalingam-Whyatt: drop the point whose triangle is smallest until none is below
    `area`; returns the indices kept. The ends stay (they are where borders meet); a
    closed arc keeps a triangle."""
    keep = list(range(len(points)))
    least = 4 if points[0] == points[-1] else 2
    while len(keep) > least:
        areas = [
            _triangle(points[keep[k - 1]], points[keep[k]], points[keep[k + 1]])
            for k in range(1, len(keep) - 1)
        ]
        smallest = min(areas)
        if smallest >= area:
            break
        del keep[areas.index(smallest) + 1]
    return keep


def ring_area(points: Sequence[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(points))) / 2


P = TypeVar("P")
Point = tuple[float, float]


def _oriented(arcs: list[list[P]], index: int) -> list[P]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def stitch(arcs: list[list[tuple[float, float]]], rings: list[list[int]]) -> list[list[int]]:
    """Merge polygons that share borders into one outline: an arc used twice is inside
    the merged shape and goes; the rest is chained, end to start, into rings again."""
    used = Counter(i if i >= 0 else ~i for ring in rings for i in ring)
    if all(n == 1 for n in used.values()):
        return rings
    left = [i for ring in rings for i in ring if used[i if i >= 0 else ~i] == 1]
    merged = []
    while left:
        ring = [left.pop(0)]
        while _oriented(arcs, ring[-1])[-1] != _oriented(arcs, ring[0])[0]:
            end = _oriented(arcs, ring[-1])[-1]
            # `left` holds a few dozen arcs at most: a scan will do.
            after = next(k for k, i in enumerate(left) if _oriented(arcs, i)[0] == end)
            ring.append(left.pop(after))
        merged.append(ring)
    return merged


def ring_points(arcs: list[list[Point]], ring: list[int]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        part = _oriented(arcs, index)
        points.extend(part if not points else part[1:])
    return points


def split_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """Cut a ring that crosses the 180th meridian (Fiji, Chukotka) into pieces that stay
    on their own side, each closed along the map's edge. Natural Earth's rings do cross
    it in this edition: drawn as they are, they would streak across the whole map."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in pairwise(ring)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        piece = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(piece, 180, 1), -180, -1)
        if len(piece) >= 4 and ring_area(piece) > 0:
            pieces.append(_follow_edge(piece))
    return pieces


def _clip(ring: list[Point], limit: float, side: int) -> list[Point]:
    """Sutherland-Hodgman against one meridian: keep side * lon <= side * limit."""
    inside = [side * lon <= side * limit for lon, _ in ring]
    out: list[Point] = []
    for k in range(len(ring) - 1):
        (lon0, lat0), (lon1, lat1) = ring[k], ring[k + 1]
        if inside[k]:
            out.append((lon0, lat0))
        if inside[k] != inside[k + 1]:
            t = (limit - lon0) / (lon1 - lon0)
            out.append((limit, lat0 + t * (lat1 - lat0)))
    return [*out, out[0]] if out else []


def _follow_edge(ring: list[Point]) -> list[Point]:
    """A cut runs along the meridian, which Equal Earth draws curved: add a point each
    degree of latitude so that the cut follows the map's rounded edge."""
    out = [ring[0]]
    for (lon0, lat0), (lon1, lat1) in pairwise(ring):
        if lon0 == lon1 and abs(lon0) == 180 and abs(lat1 - lat0) > 1:
            steps = math.ceil(abs(lat1 - lat0))
            out += [(lon0, lat0 + (lat1 - lat0) * k / steps) for k in range(1, steps)]
        out.append((lon1, lat1))
    return out


def _dedupe(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rounding can leave the same point twice in a row."""
    out: list[tuple[int, int]] = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    return out


def path(rings: Iterable[list[tuple[int, int]]]) -> str:
    """SVG path data: an absolute move to each ring, then relative lines, integers only."""
    out = []
    for ring in rings:
        (x, y), rest = ring[0], ring[1:-1]  # "z" draws the closing line
        steps = [f"M{x} {y}"]
        if rest:
            deltas = []
            for px, py in rest:
                deltas.append(f"{px - x} {py - y}")
                x, y = px, py
            steps.append("l" + " ".join(deltas).replace(" -", "-"))
        out.append("".join(steps) + "z")
    return "".join(out)


def _rings_of(geometry: dict[str, Any]) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def _code(geometry: dict[str, Any], numeric: dict[str, str]) -> str | None:
    if "id" in geometry:
        return numeric.get(geometry["id"])
    return NAMELESS.get(geometry["properties"]["name"])


def convert(package: Path) -> dict[str, Any]:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if (meta["name"], meta["version"]) != (PACKAGE, VERSION):
        raise SystemExit(f"{package}: expected {PACKAGE} {VERSION}, found {meta['version']}")
    numeric = numeric_to_alpha2()
    topology = json.loads((package / "countries-110m.json").read_text(encoding="utf-8"))
    geometries = topology["objects"]["countries"]["geometries"]

    rings_by_code: dict[str, list[list[int]]] = defaultdict(list)
    for geometry in geometries:
        code = _code(geometry, numeric)
        if code is None:
            # A shape without a code would be drawn neutral for ever: decide what it is
            # (NAMELESS) rather than let it through.
            raise SystemExit(f"no ISO 3166 code for {geometry['properties']['name']!r}")
        if code not in LEFT_OUT:
            rings_by_code[code].extend(_rings_of(geometry))

    lonlat = decode_arcs(topology)
    kept = {i if i >= 0 else ~i for rings in rings_by_code.values() for r in rings for i in r}
    half_width = equal_earth(180, 0)[0]
    scale = (WIDTH - 2 * MARGIN) / (2 * half_width)
    # y grows with latitude: the top and bottom are the northern- and southernmost points.
    top = equal_earth(0, max(lat for i in kept for _, lat in lonlat[i]))[1]
    bottom = equal_earth(0, min(lat for i in kept for _, lat in lonlat[i]))[1]
    height = math.ceil((top - bottom) * scale) + 2 * MARGIN

    def place(p: Point) -> tuple[float, float]:
        x, y = equal_earth(*p)
        return (x + half_width) * scale + MARGIN, (top - y) * scale + MARGIN

    # Each arc is simplified once, as drawn, so both countries along it get the same line.
    simple = [
        [arc[k] for k in simplify([place(p) for p in arc], SIMPLIFY_AREA)] if i in kept else []
        for i, arc in enumerate(lonlat)
    ]
    shapes = {}
    for code in sorted(rings_by_code):
        rings = [
            _dedupe([(round(x), round(y)) for x, y in map(place, piece)])
            for ring in stitch(lonlat, rings_by_code[code])
            for piece in split_antimeridian(ring_points(simple, ring))
        ]
        rings = [r for r in rings if len(set(r)) >= 3]
        biggest = max(rings, key=ring_area)
        rings = [r for r in rings if r is biggest or ring_area(r) >= MIN_RING_AREA]
        shapes[code] = path(rings)

    points = small_states(package, numeric, set(shapes), place)
    return {
        "about": (
            f"Natural Earth Admin 0 countries 1:110m (version 4.1.0, public domain), from "
            f"the npm package {PACKAGE} {VERSION}; small countries as points from its 1:50m "
            "and 1:10m files. Equal Earth projection, simplified and rounded by "
            "generator/worldmap_convert.py. See README.md beside this file."
        ),
        "width": WIDTH,
        "height": height,
        "shapes": shapes,
        "points": points,
    }


def small_states(
    package: Path, numeric: dict[str, str], drawn: set[str], place: Any
) -> dict[str, list[int]]:
    """Countries too small for the 1:110m file, as one point each (the middle of their
    largest land, from the 1:50m file, or the 1:10m one for the few only it has), so
    that a small State with an entry still shows on the map."""
    points: dict[str, list[int]] = {}
    for scale in ("50m", "10m"):
        topology = json.loads((package / f"countries-{scale}.json").read_text(encoding="utf-8"))
        arcs = decode_arcs(topology)
        for geometry in topology["objects"]["countries"]["geometries"]:
            code = _code(geometry, numeric)
            if code is None or code in drawn or code in LEFT_OUT or code in points:
                continue
            outlines = [
                [p for i in ring for p in _oriented(arcs, i)] for ring in _rings_of(geometry)
            ]
            x, y = place(_centroid(max(outlines, key=ring_area)))
            points[code] = [round(x), round(y)]
    return dict(sorted(points.items()))


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return ring[0]
    return cx / (3 * area), cy / (3 * area)


def dumps(data: dict[str, Any]) -> str:
    """JSON with one country a line, so that a change of data shows as a readable diff."""
    lines = []
    for key, value in sorted(data.items()):
        if isinstance(value, dict):
            items = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(value.items())]
            lines.append(f"{json.dumps(key)}: {{\n" + ",\n".join(items) + "\n}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def fetch_package(folder: Path) -> Path:
    """Download the pinned world-atlas tarball, check its integrity, unpack it into folder."""
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        payload = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(payload).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"{TARBALL}: integrity {digest} is not the pinned {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "package",
        nargs="?",
        type=Path,
        help=f"an unpacked {PACKAGE} {VERSION} (default: download it from the npm registry)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data = convert(args.package or fetch_package(Path(scratch)))
    text = dumps(data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(
        f"{args.out.name}: {len(data['shapes'])} shapes, {len(data['points'])} points, "
        f"{len(text.encode())} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
