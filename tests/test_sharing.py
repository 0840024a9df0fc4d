"""Citations, share cards and CSV cells with content that could go wrong."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from PIL import Image
from pybtex.database import parse_string

from conftest import MINIMAL
from generator import cards
from generator.cite import bibtex, citation_text
from generator.loader import load_campaign
from generator.model import Campaign, Concern, SiteInfo
from generator.opendata import concerns_csv, csv_cell, open_data

TRICKY_TITLE = "Costs & 100% {control}} of $5_000 #1 ~ ^ back\\slash"
# What LaTeX prints for each escape the citation may use, scanned left to right.
_LATEX = re.compile(
    r"\\text(backslash|asciitilde|asciicircum|braceleft|braceright)\{\}|\\([&%$#_])"
)
_NAMED = {
    "backslash": "\\",
    "asciitilde": "~",
    "asciicircum": "^",
    "braceleft": "{",
    "braceright": "}",
}


def unlatex(value: str) -> str:
    return _LATEX.sub(lambda m: _NAMED[m[1]] if m[1] else m[2], value)


def tricky() -> tuple[Campaign, SiteInfo, Concern]:
    c = load_campaign(MINIMAL)
    concern = c.concerns[0].model_copy(
        update={"title": TRICKY_TITLE, "last_reviewed": dt.date(2025, 3, 4)}
    )
    site = c.campaign.site.model_copy(update={"publisher": "Rights & Co."})
    return c, site, concern


def test_bibtex_escapes_special_characters_and_parses_back() -> None:
    _, site, concern = tricky()
    entry = next(iter(parse_string(bibtex(site, concern), "bibtex").entries.values()))
    title = entry.fields["title"]
    assert title.startswith("{") and title.endswith("}")
    assert unlatex(title[1:-1]) == TRICKY_TITLE
    # Once the escapes are taken out, no character with a meaning in LaTeX is left bare.
    assert not re.search(r"[\\{}&%$#_~^]", _LATEX.sub("", title[1:-1]))
    assert unlatex(str(entry.persons["author"][0])[1:-1]) == "Rights & Co."
    assert entry.fields["month"] == "March"
    assert entry.fields["year"] == "2025"


def test_citation_text_keeps_the_url_last_and_bare() -> None:
    _, site, concern = tricky()
    text = citation_text(site, concern)
    assert text.startswith(f"Rights & Co.. “{TRICKY_TITLE}.” Test campaign. Last reviewed")
    assert text.endswith(" 4 March 2025. https://test.example.org/concerns/weak-safeguards/")
    question = concern.model_copy(update={"title": "Who decides?"})
    assert "“Who decides?”" in citation_text(site, question)


def test_csv_cells_cannot_become_formulas() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("+1") == "'+1" and csv_cell("@SUM") == "'@SUM" and csv_cell("-2") == "'-2"
    assert csv_cell("Plain text") == "Plain text"
    c = load_campaign(MINIMAL)
    bad = c.concerns[0].model_copy(update={"title": '=cmd|" /c calc"!A1, "quoted"'})
    data = open_data(c.model_copy(update={"concerns": [bad]}))
    [row] = list(csv.DictReader(io.StringIO(concerns_csv(data), newline="")))
    assert row["title"] == "'" + bad.title


def test_card_is_a_1200_by_630_png_that_draws_accented_titles() -> None:
    image = Image.open(io.BytesIO(cards.draw_card("Protección é – ü", "Site", "example.org")))
    assert image.format == "PNG" and image.size == (1200, 630)
    face = cards.font(60, "Bold")
    missing = face.getmask("\U0010fffd").getbbox()
    for char in "éü–çł":
        assert face.getmask(char).getbbox() != missing, f"no glyph for {char!r}"


def test_long_titles_shrink_then_are_cut_with_an_ellipsis() -> None:
    width = 1040
    face, lines = cards.fit_title("Short title", width)
    assert face.size == max(cards._TITLE_SIZES) and lines == ["Short title"]
    face, lines = cards.fit_title("word " * 200, width)
    assert face.size == min(cards._TITLE_SIZES)
    assert len(lines) == cards._TITLE_MAX_LINES and lines[-1].endswith("…")
    assert all(face.getlength(line) <= width for line in lines)


def test_cards_are_deterministic() -> None:
    c = load_campaign(MINIMAL)
    cards.draw_card.cache_clear()
    first = cards.card_files(c)
    cards.draw_card.cache_clear()
    assert cards.card_files(c) == first
    assert set(first) == {
        "assets/cards/site.png",
        "assets/cards/weak-safeguards.png",
        "assets/cards/secret-interception.png",
        # The country tracker's pages, in a folder no concern slug can reach.
        *(f"assets/cards/countries/{name}.png" for name in ["index", "br", "eu", "fr", "us"]),
    }
