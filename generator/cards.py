"""Share images: one 1200×630 PNG per concern and one for the whole site.

Drawn with Pillow at build time, offline, with Noto Sans from the
fontpkg-noto-sans package (it covers Latin, Greek and Cyrillic scripts, so
translated titles do not turn into boxes). The same content always gives the
same bytes, so an unchanged card is never rewritten.
"""

from __future__ import annotations

import functools
import io
import os
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from .model import Campaign, SiteInfo
from .permalinks import SITE_CARD, card_path

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = "#1a237e"  # the site's primary colour
ACCENT = "#ffbf47"  # the focus-ring yellow: high contrast on the background
TEXT = "#ffffff"
MUTED = "#c5cae9"
_FONT_PACKAGE = "fontpkg_noto_sans"
_FONT_FILE = "NotoSans[wdth,wght].ttf"
_TITLE_SIZES = (76, 68, 60, 52, 46)
_TITLE_MAX_LINES = 4


@functools.lru_cache(maxsize=16)
def font(size: int, weight: str = "Regular") -> ImageFont.FreeTypeFont:
    data = (resources.files(_FONT_PACKAGE) / "files" / _FONT_FILE).read_bytes()
    face = ImageFont.truetype(io.BytesIO(data), size)
    face.set_variation_by_name(weight)
    return face


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit_title(text: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits; at the smallest, cut with an ellipsis."""
    for size in _TITLE_SIZES:
        face = font(size, "Bold")
        lines = wrap(text, face, width)
        if len(lines) <= _TITLE_MAX_LINES:
            return face, lines
    lines = lines[:_TITLE_MAX_LINES]
    while lines[-1] and face.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += "…"
    return face, lines


@functools.lru_cache(maxsize=256)  # the live preview redraws on every change
def draw_card(title: str, kicker: str, footer: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    kicker_face = font(34, "SemiBold")
    draw.text((MARGIN, MARGIN), _clip(kicker, kicker_face, width), font=kicker_face, fill=MUTED)
    face, lines = fit_title(title, width)
    line_height = round(face.size * 1.18)
    top = (HEIGHT - line_height * len(lines)) // 2 + 10
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=face, fill=TEXT)
    footer_face, footer_top = font(30), HEIGHT - MARGIN - 10
    draw.line((MARGIN, footer_top - 20, MARGIN + 120, footer_top - 20), ACCENT, 6)
    draw.text((MARGIN, footer_top), _clip(footer, footer_face, width), font=footer_face, fill=TEXT)
    out = io.BytesIO()
    # A card is a few flat colours and anti-aliased text: 64 palette colours look the same,
    # halve the file and the encoding time (optimize=True would triple it for 5% fewer bytes).
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG", compress_level=3)
    return out.getvalue()


def _clip(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    while face.getlength(text) > width and len(text) > 1:
        text = text[:-2] + "…"
    return text


def _host(site: SiteInfo) -> str:
    parts = urlsplit(site.url)
    return (parts.netloc + parts.path).rstrip("/")


def card_files(c: Campaign) -> dict[str, bytes]:
    """Docs-tree path -> PNG bytes, for every concern and for the site as a whole."""
    site = c.campaign.site
    jobs = {SITE_CARD: (site.tagline, site.name, _host(site))}
    for concern in c.concerns:
        jobs[card_path(concern.slug)] = (
            concern.title,
            site.name,
            f"{_host(site)}/concerns/{concern.slug}/",
        )
    # Pillow draws and encodes without holding the GIL, so threads use every core;
    # each card depends only on its own text, so the bytes are the same in any order.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        drawn = pool.map(lambda args: draw_card(*args), jobs.values())
        return dict(zip(jobs, drawn, strict=True))
