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
BODY, TITLE, SMALL, HEADING = 8.0, 9.0, 8.0 * 0.85, 13.0  # font sizes, in points
LINE = 1.2  # line-height of the briefing
HEADING_LINE = 1.3  # the theme's h1
ITEM_GAP = 1.5 * MM  # padding under each concern
PARAGRAPH_GAP = 0.1 * BODY  # margins between paragraphs (.1em, collapsed)
BADGE = 0.75  # the status badge's size, relative to the text around it
BADGE_PADDING = 2 * 0.5 * BADGE * SMALL + 2  # .5em either side, and its border


@functools.cache
def _face(bold: bool) -> ImageFont.FreeTypeFont:
    return cards.font(100, "Bold" if bold else "Regular")  # measured at 100, scaled


@functools.lru_cache(maxsize=65536)  # words recur: a large campaign measures each once
def width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in points at `size` points."""
    return _face(bold).getlength(text) * size / 100


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


def _item_heights(c: Campaign, column: float) -> list[float]:
    site = c.campaign.site
    heights = []
    for x in c.concerns:
        articles = ", ".join(f"Article {ref.article}" for ref in x.articles)
        status = STATUS_LABELS[x.assessment.status]
        meta = width(f"{articles} · ", SMALL) + width(status, SMALL * BADGE, True) + BADGE_PADDING
        fixes = "; ".join(c.recommendation(rec_id)[1].title for rec_id in x.fixes)
        ask = width("We ask: ", BODY, bold=True)
        height = (
            lines(x.title, TITLE, column, bold=True) * TITLE * LINE
            + 0.15 * TITLE
            + lines(x.summary, BODY, column) * BODY * LINE
            + math.ceil(meta / column) * SMALL * LINE
            + lines(f"{fixes}.", BODY, column, indent=ask) * BODY * LINE
            + lines(concern_url(site, x), SMALL, column, anywhere=True) * SMALL * LINE
            + 4 * PARAGRAPH_GAP
            + ITEM_GAP
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


def estimate(c: Campaign, paper: str) -> Fit:
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
        + lines(lead, BODY, full) * BODY * LINE
        + (2 * BODY * LINE if site.example else 0)  # the example notice
        + 2 * 0.4 * BODY  # the list's margins
        + _balanced(_item_heights(c, column))
        + lines(foot, BODY, full) * BODY * LINE
    )
    return Fit(paper, needed, paper_height - 2 * PAGE_MARGIN[1])


def warnings(c: Campaign) -> list[str]:
    """One warning per paper size the briefing may not fit on."""
    out = []
    for paper in PAPERS:
        fit = estimate(c, paper)
        if not fit.fits:
            out.append(
                f"the one-page briefing may not fit on one {paper} page (a cautious estimate "
                f"puts it at {fit.share:.0%} of the page). Shorten the longest concern "
                "summaries or recommendation titles, and check with the browser's print preview."
            )
    return out
