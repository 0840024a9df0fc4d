"""Share images: one 1200×630 PNG per concern and one for the whole site.

Drawn with Pillow at build time, offline, with Noto Sans from the
fontpkg-noto-sans package (it covers Latin, Greek and Cyrillic scripts, so
translated titles do not turn into boxes). The same content always gives the
same bytes, so an unchanged card is never rewritten.

Pillow holds Python's lock while it draws, so threads would draw one card at a time.
Many cards (a first build of a large campaign) are drawn by worker processes instead,
`python -m generator.cards`, one per core, while the pages are rendered: start_cards()
sets them going, Cards.result() collects what they drew. This module imports no more
than Pillow at the top, so that a worker starts in a tenth of a second.
"""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from PIL import Image, ImageColor, ImageDraw, ImageFont

from .cache import Cache, digest

if TYPE_CHECKING:
    from .model import Campaign, SiteInfo

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
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


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


def _block_height(face: ImageFont.FreeTypeFont, lines: int) -> int:
    """From the top of the first line's accents to the bottom of the last line's descenders."""
    ascent, descent = face.getmetrics()
    return (lines - 1) * _line_height(face) + ascent + descent


def _line_height(face: ImageFont.FreeTypeFont) -> int:
    return round(face.size * 1.18)


def fit_title(text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits the box; at the smallest, cut with an ellipsis."""
    for size in _TITLE_SIZES:
        face = font(size, "Bold")
        lines = wrap(text, face, width)
        if len(lines) <= _TITLE_MAX_LINES and _block_height(face, len(lines)) <= height:
            return face, lines
    room = max(n for n in range(1, _TITLE_MAX_LINES + 1) if _block_height(face, n) <= height)
    lines = lines[:room]
    while lines[-1] and face.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += "…"
    return face, lines


def _ramp(start: str, end: str, steps: int) -> list[int]:
    """`steps` colours from `start` to `end`, as flat RGB palette entries."""
    a, b = ImageColor.getrgb(start), ImageColor.getrgb(end)
    return [round(a[c] + (b[c] - a[c]) * i / (steps - 1)) for i in range(steps) for c in range(3)]


# A card is flat colours and anti-aliased text, so its palette is known in advance: a ramp
# from the background to each text colour, then the accent. Drawing coverage in greyscale
# and mapping it to these indices replaces a quantisation pass that cost half the time.
_LEVELS = 32
_TEXT_BASE, _MUTED_BASE, _ACCENT_INDEX = 0, _LEVELS, 2 * _LEVELS
_PALETTE = [*_ramp(BACKGROUND, TEXT, _LEVELS), *_ramp(BACKGROUND, MUTED, _LEVELS)]
_PALETTE += list(ImageColor.getrgb(ACCENT))


def _levels(base: int) -> list[int]:
    """Coverage 0..255 -> palette index; no coverage stays the background (index 0)."""
    return [0] + [base + round(v * (_LEVELS - 1) / 255) for v in range(1, 256)]


_TEXT_LEVELS, _MUTED_LEVELS = _levels(_TEXT_BASE), _levels(_MUTED_BASE)


# The card from top to bottom: the site's name, the title centred in the space left, a short
# accent rule, the address. The title's box keeps a gap to both, whatever its size.
_KICKER_SIZE, _FOOTER_SIZE = 34, 30
FOOTER_TOP = HEIGHT - MARGIN - 10
RULE_Y, RULE_WIDTH = FOOTER_TOP - 20, 6
GAP = 24
TITLE_TOP = MARGIN + round(_KICKER_SIZE * 1.5) + GAP
TITLE_BOTTOM = RULE_Y - RULE_WIDTH // 2 - GAP


@functools.lru_cache(maxsize=4)  # every concern's card has the site's name on top
def _kicker(text: str, width: int) -> Image.Image:
    face = font(_KICKER_SIZE, "SemiBold")
    ink = Image.new("L", (width, round(face.size * 1.5)), 0)
    ImageDraw.Draw(ink).text((0, 0), _clip(text, face, width), font=face, fill=255)
    return ink.point(_MUTED_LEVELS)


@functools.lru_cache(maxsize=256)  # the live preview redraws on every change
def draw_card(title: str, kicker: str, footer: str) -> bytes:
    width = WIDTH - 2 * MARGIN
    text_ink = Image.new("L", (WIDTH, HEIGHT), 0)  # coverage of the white text
    draw = ImageDraw.Draw(text_ink)
    face, lines = fit_title(title, width, TITLE_BOTTOM - TITLE_TOP)
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - _block_height(face, len(lines))) // 2
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * _line_height(face)), line, font=face, fill=255)
    footer_face = font(_FOOTER_SIZE)
    draw.text((MARGIN, FOOTER_TOP), _clip(footer, footer_face, width), font=footer_face, fill=255)
    card = text_ink.point(_TEXT_LEVELS)
    card.paste(_kicker(kicker, width), (MARGIN, MARGIN))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 24, HEIGHT), fill=_ACCENT_INDEX)
    draw.line((MARGIN, RULE_Y, MARGIN + 120, RULE_Y), _ACCENT_INDEX, RULE_WIDTH)
    card.putpalette(_PALETTE)  # greyscale indices become a palette image
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _clip(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    while face.getlength(text) > width and len(text) > 1:
        text = text[:-2] + "…"
    return text


def _host(site: SiteInfo) -> str:
    parts = urlsplit(site.url)
    return (parts.netloc + parts.path).rstrip("/")


@functools.cache
def _drawing_code() -> str:
    """Everything besides its text that decides a card's pixels: this module and its tools."""
    return digest(
        Path(__file__).read_bytes(),
        metadata.version("pillow"),
        metadata.version(_FONT_PACKAGE.replace("_", "-")),
    )


# Below this many cards to draw, starting worker processes costs more than it saves.
WORKER_CARDS = 64
Job = tuple[str, str, str]  # title, kicker (the site's name), footer (the address)


def card_jobs(c: Campaign) -> dict[str, Job]:
    """Docs-tree path -> what its card shows: every concern, the site, the tracker's pages."""
    from . import tracker
    from .permalinks import SITE_CARD, card_path

    site = c.campaign.site
    jobs = {SITE_CARD: (site.tagline, site.name, _host(site))}
    for concern in c.concerns:
        jobs[card_path(concern.slug)] = (
            concern.title,
            site.name,
            f"{_host(site)}/concerns/{concern.slug}/",
        )
    jobs.update(tracker.card_jobs(c, _host(site)))
    return jobs


class Cards:
    """Share cards being drawn: those in the cache at once, the others by worker processes
    (or, when few, here when they are asked for)."""

    def __init__(self, jobs: dict[str, Job], cache: Cache | None) -> None:
        from .processes import python_env, workers

        self.jobs, self.cache = jobs, cache
        self.keys = {path: digest(_drawing_code(), *args) + ".png" for path, args in jobs.items()}
        self.drawn: dict[str, bytes] = {}
        if cache is not None:
            for path, key in self.keys.items():
                data = cache.get("cards", key)
                if data is not None and data.startswith(_PNG_START) and data.endswith(_PNG_END):
                    self.drawn[path] = data
        missing = [path for path in jobs if path not in self.drawn]
        self.workers: list[tuple[list[str], subprocess.Popen[bytes], IO[bytes]]] = []
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        if len(missing) < WORKER_CARDS:
            return
        self.scratch = tempfile.TemporaryDirectory(prefix="tx-cards-")
        count = min(workers(), len(missing) // (WORKER_CARDS // 2))
        for i in range(count):
            share = missing[i::count]
            folder = Path(self.scratch.name) / str(i)
            folder.mkdir()
            jobs_file = tempfile.TemporaryFile()  # noqa: SIM115 - closed once it has ended
            jobs_file.write(json.dumps([jobs[path] for path in share]).encode("utf-8"))
            jobs_file.seek(0)
            process = subprocess.Popen(
                [sys.executable, "-m", "generator.cards", str(folder)],
                stdin=jobs_file,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=python_env(),
            )
            self.workers.append((share, process, jobs_file))

    def result(self) -> dict[str, bytes]:
        """Every card, in the order of the jobs; new ones kept in the cache."""
        cached = set(self.drawn)
        for i, (share, process, jobs_file) in enumerate(self.workers):
            code = process.wait()
            jobs_file.close()
            folder = Path(self.scratch.name if self.scratch else "") / str(i)
            for n, path in enumerate(share):
                png = folder / f"{n}.png"
                if code == 0 and png.is_file():  # a worker that failed leaves them to us
                    self.drawn[path] = png.read_bytes()
        self.close()
        for path, args in self.jobs.items():
            if path not in self.drawn:
                self.drawn[path] = draw_card(*args)
            if self.cache is not None and path not in cached:
                self.cache.put("cards", self.keys[path], self.drawn[path])
        if self.cache is not None:
            self.cache.keep_only("cards", set(self.keys.values()))
        return {path: self.drawn[path] for path in self.jobs}

    def close(self) -> None:
        """Stop any worker still drawing (the build failed) and remove what they drew."""
        for _, process, jobs_file in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait()
            jobs_file.close()
        self.workers = []
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None


def start_cards(c: Campaign, cache: Cache | None = None) -> Cards:
    """Start drawing every share card of the campaign; collect them with .result()."""
    return Cards(card_jobs(c), cache)


def card_files(c: Campaign, cache: Cache | None = None) -> dict[str, bytes]:
    """Docs-tree path -> PNG bytes, for every concern and for the site as a whole."""
    return start_cards(c, cache).result()


def _work(folder: Path) -> None:
    """A worker: draw the cards described on standard input into folder/0.png, 1.png…"""
    for i, args in enumerate(json.load(sys.stdin)):
        (folder / f"{i}.png").write_bytes(draw_card(*args))


if __name__ == "__main__":
    _work(Path(sys.argv[1]))
