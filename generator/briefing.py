"""Will the one-page briefing still print on one page? A cautious estimate, made at build time.

The briefing is laid out by the print rules of generator/theme/assets/site.css: two columns
of 8 pt text, concerns that never split across columns. This module lays the same text out
in the same boxes, measuring each line with Noto Sans, the share cards' font. Browsers print
the page in Arial or its equals (Helvetica, Liberation Sans), which are narrower: the
estimate wraps more lines than a browser does, so it warns early rather than late. The
browser test (tests/campaign/test_briefing_fits.py) prints the real page to PDF and counts
its pages.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from PIL import ImageFont

from . import cards
from .model import Campaign
from .permalinks import absolute, base_url, concern_url
from .render import STATUS_LABELS

MM = 72 / 25.4  # points per millimetre
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}  # millimetres
# From the print rules in generator/theme/assets/site.css; keep them in step.
PAGE_MARGIN = (13 * MM, 12 * MM)  # @page { margin: 12mm 13mm }
COLUMN_GAP = 5 * MM
HEADING = 13.0  # the title's font size, in points
HEADING_LINE = 1.3  # the theme's h1
BADGE = 0.75  # the status badge's size, relative to the text around it


@dataclass(frozen=True)
class Layout:
    """The briefing's type: font sizes in points, line height, the gap under a concern."""

    name: str  # "" for the usual layout, else the modifier class it sets (site.css)
    body: float
    title: float
    line: float
    item_gap: float

    @property
    def small(self) -> float:
        return self.body * 0.85

    @property
    def paragraph_gap(self) -> float:  # margins between paragraphs (.1em, collapsed)
        return 0.1 * self.body

    @property
    def badge_padding(self) -> float:  # .5em either side, and its border
        return 2 * 0.5 * BADGE * self.small + 2


# A translation runs longer than its English (French and Spanish by a sixth or more): where
# the usual type would not fit the page, the briefing is set a little smaller and tighter.
USUAL = Layout("", body=8.0, title=9.0, line=1.2, item_gap=1.5 * MM)
COMPACT = Layout("tx-briefing--compact", body=7.5, title=8.5, line=1.15, item_gap=1.0 * MM)
# For a translation that the compact type still runs over (French and Spanish, with ten
# concerns whose claims each say who reports them): the smallest type a briefing uses.
TIGHT = Layout("tx-briefing--tight", body=7.0, title=8.0, line=1.12, item_gap=0.8 * MM)
LAYOUTS = (USUAL, COMPACT, TIGHT)


@functools.cache
def _face(bold: bool) -> ImageFont.FreeTypeFont:
    return cards.font(100, "Bold" if bold else "Regular")  # measured at 100, scaled


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in points at `size` points."""
    return _length(text, bold) * size / 100


@functools.lru_cache(maxsize=65536)  # words recur: a large campaign measures each once,
def _length(text: str, bold: bool) -> float:  # whatever the size of each layout's type
    return _face(bold).getlength(text)


def lines(
    text: str,
    size: float,
    room: float,
    bold: bool = False,
    anywhere: bool = False,
    indent: float = 0.0,
) -> int:
    """How many lines `text` takes in a box `room` points wide, its first line starting
    `indent` points in: wrapped at spaces, or at any character (printed addresses)."""
    if anywhere:
        return max(1, math.ceil((indent + width(text, size, bold)) / room))
    count, used = 1, indent
    space = width(" ", size, bold)
    for word in text.split():
        needed = width(word, size, bold)
        if used and used + space + needed > room:  # the line has something, and no room left
            count += 1
            used = needed
        else:
            used += (space if used else 0) + needed
    return count


@dataclass(frozen=True)
class Fit:
    paper: str
    needed: float  # points
    available: float  # points

    @property
    def share(self) -> float:
        return self.needed / self.available

    @property
    def fits(self) -> bool:
        return self.needed <= self.available


def _item_heights(c: Campaign, column: float, t: Layout) -> list[float]:
    site = c.campaign.site
    heights = []
    for x in c.concerns:
        articles = ", ".join(f"Article {ref.article}" for ref in x.articles)
        status = STATUS_LABELS[x.assessment.status]
        meta = (
            width(f"{articles} · ", t.small)
            + width(status, t.small * BADGE, True)
            + t.badge_padding
        )
        fixes = "; ".join(c.recommendation(rec_id)[1].title for rec_id in x.fixes)
        ask = width("We ask: ", t.body, bold=True)
        height = (
            lines(x.title, t.title, column, bold=True) * t.title * t.line
            + 0.15 * t.title
            + lines(x.summary, t.body, column) * t.body * t.line
            + math.ceil(meta / column) * t.small * t.line
            + lines(f"{fixes}.", t.body, column, indent=ask) * t.body * t.line
            + lines(concern_url(site, x), t.small, column, anywhere=True) * t.small * t.line
            + 4 * t.paragraph_gap
            + t.item_gap
        )
        heights.append(height)
    return heights


def _balanced(heights: list[float]) -> float:
    """The height of two balanced columns of unbreakable items, kept in reading order."""
    if not heights:
        return 0.0
    best = sum(heights)
    for split in range(len(heights) + 1):
        best = min(best, max(sum(heights[:split]), sum(heights[split:])))
    return best


def layout(c: Campaign) -> Layout:
    """The largest type that fits every paper size, else the smallest (and a warning)."""
    for t in LAYOUTS:
        if all(estimate(c, paper, t).fits for paper in PAPERS):
            return t
    return LAYOUTS[-1]


def estimate(c: Campaign, paper: str, t: Layout | None = None) -> Fit:
    """How much of the page the briefing takes, in the layout `t` (by default the one
    its page is set in, `layout`)."""
    t = t or layout(c)
    paper_width, paper_height = (v * MM for v in PAPERS[paper])
    full = paper_width - 2 * PAGE_MARGIN[0]
    column = (full - COLUMN_GAP) / 2
    site = c.campaign.site
    updated = max(x.last_reviewed for x in c.concerns).strftime("%d %B %Y")
    heading = f"Briefing: {len(c.concerns)} concerns about {c.campaign.treaty.name}"
    lead = f"{site.tagline} {site.name}, {base_url(site)}. Last reviewed {updated}."
    foot = (
        f"Act: {absolute(site, 'action/')} · Sources and open data: "
        f"{absolute(site, 'open-data/')} · Published by {site.publisher} under {site.license}."
    )
    needed = (
        lines(heading, HEADING, full) * HEADING * HEADING_LINE
        + 0.2 * HEADING
        + lines(lead, t.body, full) * t.body * t.line
        + (2 * t.body * t.line if site.example else 0)  # the example notice
        + 2 * 0.4 * t.body  # the list's margins
        + _balanced(_item_heights(c, column, t))
        + lines(foot, t.body, full) * t.body * t.line
    )
    return Fit(paper, needed, paper_height - 2 * PAGE_MARGIN[1])


def warnings(c: Campaign) -> list[str]:
    """One warning per paper size the briefing may not fit on."""
    out, t = [], layout(c)
    for paper in PAPERS:
        fit = estimate(c, paper, t)
        if not fit.fits:
            out.append(
                f"the one-page briefing may not fit on one {paper} page (a cautious estimate "
                f"puts it at {fit.share:.0%} of the page). Shorten the longest concern "
                "summaries or recommendation titles, and check with the browser's print preview."
            )
    return out
