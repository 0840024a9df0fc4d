"""Share images: one 1200×630 PNG per concern and one for the whole site, in each language.

Drawn with Pillow at build time, offline, with Noto Sans from the fontpkg-noto-sans
package (Latin, Greek and Cyrillic scripts) and, for right-to-left languages, Noto Sans
Arabic (Arabic script, with Latin letters for the names inside a title).

Arabic is set right to left with its letters joined. Pillow shapes text only through
libraqm, which its wheels load with the system's libfribidi at run time: Debian 12 as
installed bare has no libfribidi, so a card would come out in unjoined letters in the
wrong order there and correct elsewhere. So right-to-left text is shaped here instead,
the same way on every machine: arabic-reshaper joins the letters (the font's
presentation forms), python-bidi puts the line in display order, and Pillow draws the
result as it is. Vowel marks are left out (titles read well without them; drawing them
needs a real shaper). The same content always gives the same bytes, so an unchanged
card is never rewritten.

Pillow holds Python's lock while it draws, so threads would draw one card at a time.
Many cards (a first build of a large campaign) are drawn by worker processes instead,
`python -m generator.cards`, one per core, while the pages are rendered: Cards(jobs)
sets them going (a build gives it every language's cards at once, render.render_sites),
Cards.result() collects what they drew. This module imports no more than its drawing
tools at the top, so that a worker starts in a fraction of a second.
"""

from __future__ import annotations

import functools
import io
import json
import re
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

import arabic_reshaper
from bidi import get_display
from PIL import Image, ImageColor, ImageDraw, ImageFont

from . import typography
from .bidi import isolate_text
from .cache import Cache, Entry, digest, write_entry

if TYPE_CHECKING:
    from .i18n import Direction
    from .model import Campaign, SiteInfo
    from .tracker import Tracker

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND = "#1a237e"  # the site's primary colour
ACCENT = "#ffbf47"  # the focus-ring yellow: high contrast on the background
TEXT = "#ffffff"
MUTED = "#c5cae9"
# (package, file) of the font for each direction's scripts.
_FONTS = {
    "ltr": ("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"),
    "rtl": ("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
}
_ISOLATES = "\u2068\u2069"  # first-strong isolate, pop directional isolate
# Characters a right-to-left line shows as their mirror image (Unicode's Bidi_Mirrored).
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_TITLE_SIZES = (76, 68, 60, 52, 46)
_TITLE_MAX_LINES = 4
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


@functools.lru_cache(maxsize=32)
def font(
    size: int, weight: str = "Regular", direction: Direction = "ltr"
) -> ImageFont.FreeTypeFont:
    package, name = _FONTS[direction]
    data = (resources.files(package) / "files" / name).read_bytes()
    # Pillow's basic layout in every direction: right-to-left lines arrive shaped and in
    # display order, and Latin text then measures and draws the same on every machine
    # (libraqm, which Pillow would otherwise use where the system has libfribidi, kerns
    # and shapes differently, so that the same card would come out in other bytes).
    face = ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)
    face.set_variation_by_name(weight)
    return face


@functools.lru_cache(maxsize=1024)
def display(line: str, direction: Direction = "ltr") -> str:
    """A line of text in the order its glyphs are drawn, left to right.

    Right to left: Latin runs are isolated with their brackets (as on the pages), letters
    take their joined forms, the line is reordered, and the brackets of the right-to-left
    text are mirrored.
    """
    if direction == "ltr":
        return line
    ordered = get_display(arabic_reshaper.reshape(isolate_text(line)), base_dir="R")
    out, inside = [], False
    for char in ordered:
        if char in _ISOLATES:
            inside = not inside
        else:
            out.append(char if inside else char.translate(_MIRROR))
    return "".join(out)


def length(text: str, face: ImageFont.FreeTypeFont, direction: Direction = "ltr") -> float:
    return face.getlength(display(text, direction))


@functools.lru_cache(maxsize=16384)  # a campaign's titles share most of their words
def _word_length(face: ImageFont.FreeTypeFont, word: str) -> float:
    return face.getlength(word)


# Where a line may break: any space but the no-break ones, which French sets inside « »
# and before : ; ! ? so that a mark never starts or ends a line alone.
_BREAK = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def words(text: str) -> list[str]:
    return [word for word in _BREAK.split(text) if word]


def wrap(
    text: str, face: ImageFont.FreeTypeFont, width: int, direction: Direction = "ltr"
) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line gets a line of its own.

    Left to right, a line is as wide as its words and spaces added up (the basic layout
    does not kern these fonts), so each word is measured once, not each line it might end
    (tests/test_sharing.py holds this to measuring every line). Right to left, each
    candidate line is measured in display order.
    """
    if direction != "ltr":
        return _wrap_measured(text, face, width, direction)
    space = _word_length(face, " ")
    lines: list[str] = []
    used = 0.0
    for word in words(text):
        size = _word_length(face, word)
        if lines and used + space + size <= width:
            lines[-1] += " " + word
            used += space + size
        else:
            lines.append(word)
            used = size
    return lines


def _wrap_measured(
    text: str, face: ImageFont.FreeTypeFont, width: int, direction: Direction = "ltr"
) -> list[str]:
    lines: list[str] = []
    for word in words(text):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and length(candidate, face, direction) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _block_height(face: ImageFont.FreeTypeFont, lines: int, direction: Direction = "ltr") -> int:
    """From the top of the first line's accents to the bottom of the last line's descenders."""
    ascent, descent = face.getmetrics()
    return (lines - 1) * _line_height(face, direction) + ascent + descent


def _line_height(face: ImageFont.FreeTypeFont, direction: Direction = "ltr") -> int:
    # Arabic letters rise and fall further than Latin ones: its lines stand further apart.
    return round(face.size * (1.18 if direction == "ltr" else 1.45))


def fit_title(
    text: str, width: int, height: int, direction: Direction = "ltr"
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits the box; at the smallest, cut with an ellipsis."""
    for size in _TITLE_SIZES:
        face = font(size, "Bold", direction)
        lines = wrap(text, face, width, direction)
        if len(lines) <= _TITLE_MAX_LINES and _block_height(face, len(lines), direction) <= height:
            return face, lines
    room = max(
        [n for n in range(1, _TITLE_MAX_LINES + 1) if _block_height(face, n, direction) <= height]
        or [1]
    )
    lines = lines[:room]
    while lines[-1] and length(lines[-1] + "…", face, direction) > width:
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


def _draw_line(
    draw: ImageDraw.ImageDraw,
    top: int,
    text: str,
    face: ImageFont.FreeTypeFont,
    direction: Direction,
    left: int = MARGIN,
    width: int = WIDTH - 2 * MARGIN,
) -> None:
    """One line from the margin its direction starts at: left, or right."""
    shown = display(text, direction)
    x = left if direction == "ltr" else left + width - round(face.getlength(shown))
    draw.text((x, top), shown, font=face, fill=255)


# The card from top to bottom: the site's name, the title centred in the space left, a short
# accent rule, the address. The title's box keeps a gap to both, whatever its size.
_KICKER_SIZE, _FOOTER_SIZE = 34, 30
FOOTER_TOP = HEIGHT - MARGIN - 10
RULE_Y, RULE_WIDTH = FOOTER_TOP - 20, 6
GAP = 24
TITLE_TOP = MARGIN + round(_KICKER_SIZE * 1.5) + GAP
TITLE_BOTTOM = RULE_Y - RULE_WIDTH // 2 - GAP


@functools.lru_cache(maxsize=8)  # every concern's card has the site's name on top
def _kicker(text: str, width: int, direction: Direction) -> Image.Image:
    face = font(_KICKER_SIZE, "SemiBold", direction)
    ink = Image.new("L", (width, round(face.size * 1.6)), 0)
    _draw_line(ImageDraw.Draw(ink), 0, _clip(text, face, width, direction), face, direction, 0)
    return ink.point(_MUTED_LEVELS)


@functools.lru_cache(maxsize=256)  # the live preview redraws on every change
def draw_card(title: str, kicker: str, footer: str, direction: Direction = "ltr") -> bytes:
    width = WIDTH - 2 * MARGIN
    text_ink = Image.new("L", (WIDTH, HEIGHT), 0)  # coverage of the white text
    draw = ImageDraw.Draw(text_ink)
    face, lines = fit_title(title, width, TITLE_BOTTOM - TITLE_TOP, direction)
    block = _block_height(face, len(lines), direction)
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - block) // 2
    for index, line in enumerate(lines):
        _draw_line(draw, top + index * _line_height(face, direction), line, face, direction)
    # The address reads left to right in every language, from the side the text starts.
    footer_face = font(_FOOTER_SIZE)
    footer = _clip(footer, footer_face, width)
    footer_x = (
        MARGIN if direction == "ltr" else WIDTH - MARGIN - round(footer_face.getlength(footer))
    )
    draw.text((footer_x, FOOTER_TOP), footer, font=footer_face, fill=255)
    card = text_ink.point(_TEXT_LEVELS)
    card.paste(_kicker(kicker, width, direction), (MARGIN, MARGIN - (direction == "rtl") * 8))
    draw = ImageDraw.Draw(card)
    # The accent bar and rule stand where reading starts: the left edge, or the right.
    start = 0 if direction == "ltr" else WIDTH - 25
    draw.rectangle((start, 0, start + 24, HEIGHT), fill=_ACCENT_INDEX)
    rule = MARGIN if direction == "ltr" else WIDTH - MARGIN - 120
    draw.line((rule, RULE_Y, rule + 120, RULE_Y), _ACCENT_INDEX, RULE_WIDTH)
    card.putpalette(_PALETTE)  # greyscale indices become a palette image
    out = io.BytesIO()
    # Run-length matching suits a card (long runs of one colour): the same pixels in a
    # slightly smaller file, 10% faster to draw than the default strategy.
    card.save(out, "PNG", compress_level=3, compress_type=zlib.Z_RLE)
    return out.getvalue()


def _clip(text: str, face: ImageFont.FreeTypeFont, width: int, direction: Direction = "ltr") -> str:
    while length(text, face, direction) > width and len(text) > 1:
        text = text[:-2] + "…"
    return text


def site_card_alt(site: SiteInfo) -> str:
    """The text alternative of the site's own card (pages without a card of their own show
    it): what the card says, the site's name and its tagline, not the page's title."""
    return f"{site.name} — {site.tagline}"


def _host(site: SiteInfo) -> str:
    parts = urlsplit(site.url)
    return (parts.netloc + parts.path).rstrip("/")


@functools.cache
def _drawing_code() -> str:
    """Everything besides its text that decides a card's pixels: this module and its tools."""
    return digest(
        Path(__file__).read_bytes(),
        (Path(__file__).parent / "bidi.py").read_bytes(),
        metadata.version("pillow"),
        metadata.version("arabic-reshaper"),
        metadata.version("python-bidi"),
        *(metadata.version(package.replace("_", "-")) for package, _ in _FONTS.values()),
    )


# Below this many cards to draw, starting worker processes costs more than it saves.
WORKER_CARDS = 64
Job = tuple[str, str, str, "Direction"]  # title, kicker (the site's name), footer, direction


def card_jobs(
    c: Campaign, direction: Direction = "ltr", countries: Tracker | None = None
) -> dict[str, Job]:
    """Docs-tree path -> what its card shows: the site, every concern, the tracker's pages.

    The tracker's cards go beside the pages of `countries` (the tracker in this edition's
    language; by default the campaign's own language on the build's date)."""
    from . import tracker
    from .i18n import UI, Edition
    from .permalinks import SITE_CARD, card_path

    site = c.campaign.site
    # French sets its spaces inside « » and before : ; ! ? as no-break ones, on a card too.
    french = typography.wants_french_spacing(site.language)
    text: Callable[[object], str] = (lambda x: typography.french_spacing(str(x))) if french else str
    name = text(site.name)
    jobs: dict[str, Job] = {SITE_CARD: (text(site.tagline), name, _host(site), direction)}
    for concern in c.concerns:
        jobs[card_path(concern.slug)] = (
            text(concern.title),
            name,
            f"{_host(site)}/concerns/{concern.slug}/",
            direction,
        )
    if countries is None:
        countries = tracker.Tracker.on_build_day(c, UI(Edition.single(site.language)))
    if countries.enabled:
        for path, (title, footer) in countries.card_jobs(_host(site)).items():
            jobs[path] = (text(title), name, footer, direction)
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
                if data is not None and _whole(data):
                    self.drawn[path] = data
        self.cached = set(self.drawn)
        missing = [path for path in jobs if path not in self.drawn]
        self.workers: list[tuple[list[str], subprocess.Popen[bytes], IO[bytes]]] = []
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        self.folder = Path()
        if len(missing) < WORKER_CARDS:
            return
        # Workers write each card under its key straight into the cache, so that this
        # process, busy rendering pages, has no file to write for them (creating a file is
        # what costs here); without a cache, into a scratch folder.
        folder = cache.folder("cards") if cache is not None else None
        if folder is None:
            self.scratch = tempfile.TemporaryDirectory(prefix="tx-cards-")
            folder = Path(self.scratch.name)
        self.folder = folder
        count = min(workers(), len(missing) // (WORKER_CARDS // 2))
        for i in range(count):
            share = missing[i::count]
            jobs_file = tempfile.TemporaryFile()  # noqa: SIM115 - closed once it has ended
            work = [[jobs[path], self.keys[path]] for path in share]
            jobs_file.write(json.dumps(work).encode("utf-8"))
            jobs_file.seek(0)
            process = subprocess.Popen(
                [sys.executable, "-m", "generator.cards", str(self.folder)],
                stdin=jobs_file,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=python_env(),
            )
            self.workers.append((share, process, jobs_file))

    def result(self) -> dict[str, bytes]:
        """Every card, in the order of the jobs; new ones kept in the cache."""
        for share, process, _ in self.workers:
            if process.wait() != 0:
                continue  # a worker that failed leaves its cards to us
            for path in share:
                file = self.folder / self.keys[path]
                data = _read_card(file)
                if data is None:
                    continue
                if self.cache is None or self.scratch is not None:
                    self.drawn[path] = data
                    continue
                self.drawn[path] = Entry.at(file, data)  # the writer links it
                self.cache.use("cards", self.keys[path])
                self.cached.add(path)
        self.close()
        for path, args in self.jobs.items():
            if path not in self.drawn:
                self.drawn[path] = draw_card(*args)
            if self.cache is not None and path not in self.cached:
                self.cache.put("cards", self.keys[path], self.drawn[path])
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


def prune_cards(cache: Cache) -> None:
    """Keep only the cards this build used: the folder keeps the campaign's size."""
    cache.keep_only("cards", cache.used("cards"))


def _read_card(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if _whole(data) else None


def _whole(data: bytes) -> bool:
    """A whole PNG file: not one a build that stopped left half-written."""
    return data.startswith(_PNG_START) and data.endswith(_PNG_END)


def _work(folder: Path) -> None:
    """A worker: draw each card described on standard input ([arguments, name] pairs) into
    folder/name, written aside and renamed so that no reader sees half a card."""
    for args, name in json.load(sys.stdin):
        write_entry(folder, name, draw_card(*args))


if __name__ == "__main__":
    _work(Path(sys.argv[1]))
