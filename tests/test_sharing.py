"""Citations, share cards and CSV cells with content that could go wrong."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFont
from pybtex.database import parse_string

from conftest import MINIMAL, ROOT
from generator import cards
from generator.cite import bibtex, bibtex_key, citation_text, cited_title
from generator.loader import load_campaign
from generator.model import Campaign, Concern, SiteInfo
from generator.opendata import atom_feed, concerns_csv, csv_cell, entry_id, open_data

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
    [row] = list(csv.DictReader(io.StringIO(concerns_csv(data).lstrip("\ufeff"), newline="")))
    assert row["title"] == "'" + bad.title


def test_card_is_a_1200_by_630_png_that_draws_accented_titles() -> None:
    image = Image.open(io.BytesIO(cards.draw_card("Protección é – ü", "Site", "example.org")))
    assert image.format == "PNG" and image.size == (1200, 630)
    face = cards.font(60, "Bold")
    missing = face.getmask("\U0010fffd").getbbox()
    for char in "éü–çł":
        assert face.getmask(char).getbbox() != missing, f"no glyph for {char!r}"


def test_long_titles_shrink_then_are_cut_with_an_ellipsis() -> None:
    width, height = 1040, cards.TITLE_BOTTOM - cards.TITLE_TOP
    face, lines = cards.fit_title("Short title", width, height)
    assert face.size == max(cards._TITLE_SIZES) and lines == ["Short title"]
    face, lines = cards.fit_title("word " * 200, width, height)
    assert face.size == min(cards._TITLE_SIZES)
    assert len(lines) == cards._TITLE_MAX_LINES and lines[-1].endswith("…")
    assert all(face.getlength(line) <= width for line in lines)


def test_a_line_is_as_wide_as_its_words_and_spaces() -> None:
    """wrap() measures each word once and adds the widths up; that must break lines exactly
    where measuring every candidate line does, at every title size. (A font that kerns
    across words, or another layout engine, would make this fail.)"""
    titles = [x.title for x in load_campaign(ROOT).concerns] + [HOME_TAGLINE]
    words = " ".join(titles).split()
    pick = random.Random(7)
    titles += [" ".join(pick.choices(words, k=pick.randint(3, 30))) for _ in range(300)]
    titles += ["AV To Wa fi LT “quoted” — dash, (brackets) 28 % l’État Ł"]
    for size in cards._TITLE_SIZES:
        face = cards.font(size, "Bold")
        for title in titles:
            assert cards.wrap(title, face, 1040) == cards._wrap_measured(title, face, 1040), title


def test_a_card_is_the_same_bytes_on_every_machine() -> None:
    """Pillow's basic layout in both directions: with libraqm (where the system has
    libfribidi) Latin text would be kerned and shaped otherwise, and a card drawn on a
    maintainer's machine would differ from CI's. If Pillow or the fonts change version,
    draw these two again and put their new digests here."""
    for direction in ("ltr", "rtl"):
        assert cards.font(60, "Bold", direction).layout_engine == ImageFont.Layout.BASIC
    latin = cards.draw_card(
        "Forcing tech workers to help break security", "UN Cybercrime Convention", "example.org"
    )
    arabic = cards.draw_card(
        "إجبار العاملين في التكنولوجيا على المساعدة في كسر الأمان (المادة 28)",
        "اتفاقية الأمم المتحدة",
        "example.org",
        "rtl",
    )
    assert [hashlib.sha256(png).hexdigest() for png in (latin, arabic)] == [
        "1dce156ddf2d2f9008e01a59e7c62dd13ba2e9737c13e0626ca06f498d20cd49",
        "9d7a0ab7130de29931c521071b9c9a0d2a6a2f2f91a1389bd2f6e6b1ee361f5c",
    ]


HOME_TAGLINE = (
    "What the new UN treaty lets governments do with your data, why it matters, and what "
    "should change."
)


def text_rows(png: bytes) -> list[int]:
    """Rows of the card where white text (not the accent, not the background) is drawn."""
    image = Image.open(io.BytesIO(png))
    width, height = image.size
    pixels = image.load()
    text = range(1, cards._LEVELS)  # palette indices of the white text's anti-aliasing ramp
    return [
        y for y in range(height) if any(pixels[x, y] in text for x in range(cards.MARGIN, width))
    ]


def test_the_accent_rule_never_touches_the_title() -> None:
    for title in [HOME_TAGLINE, "Forcing tech workers to help break security", "word " * 200]:
        png = cards.draw_card(title, "UN Cybercrime Convention", "example.org")
        rows = set(text_rows(png))
        rule = set(range(cards.RULE_Y - 12, cards.RULE_Y + 13))
        assert rows & rule == set(), title  # 12 px of clear space above and below the rule
        title_rows = [y for y in rows if cards.TITLE_TOP - 12 <= y < cards.RULE_Y]
        assert title_rows, "the title is drawn in its box"
        assert min(title_rows) >= cards.TITLE_TOP and max(title_rows) <= cards.TITLE_BOTTOM


def test_home_card_title_fits_in_four_lines_clear_of_the_rule() -> None:
    face, lines = cards.fit_title(HOME_TAGLINE, 1040, cards.TITLE_BOTTOM - cards.TITLE_TOP)
    assert len(lines) == 4 and not lines[-1].endswith("…")
    assert face.size < max(cards._TITLE_SIZES), "four lines at the largest size do not fit"


def renamed(concern: Concern, new_slug: str) -> Concern:
    return concern.model_copy(
        update={"slug": new_slug, "aliases": [*concern.aliases, concern.slug]}
    )


def test_bibtex_key_is_whole_words_and_survives_a_rename() -> None:
    c = load_campaign(MINIMAL)
    concern = c.concerns[0].model_copy(update={"aliases": []})
    long_name = c.campaign.site.model_copy(
        update={"name": "UN Cybercrime Convention: the human-rights concerns"}
    )
    assert bibtex_key(long_name, concern) == f"un-cybercrime-convention:{concern.slug}"
    moved = renamed(concern, "new-name")
    assert bibtex_key(long_name, moved) == bibtex_key(long_name, concern)
    again = renamed(moved, "third-name")
    assert again.aliases == [concern.slug, "new-name"]
    assert bibtex_key(long_name, again) == bibtex_key(long_name, concern)
    # The URL in the entry is the current one.
    assert "/concerns/third-name/" in bibtex(long_name, again)


def test_bibtex_title_quotes_are_latex_quotes() -> None:
    _, site, concern = tricky()
    quoted = concern.model_copy(
        update={"title": "The meaning of \"cybercrime\" and EFF's 'draft' view"}
    )
    entry = bibtex(site, quoted)
    assert "{{The meaning of ``cybercrime'' and EFF's `draft' view}}" in entry
    assert '"' not in entry.split("title = ", 1)[1].split("\n", 1)[0]
    parsed = next(iter(parse_string(entry, "bibtex").entries.values()))
    assert "``cybercrime''" in parsed.fields["title"]
    assert "“The meaning of ‘cybercrime’ and EFF's 'draft' view.”" in citation_text(site, quoted)


@pytest.mark.parametrize(
    ("title", "outer", "cited"),
    [
        ('Stretches "cybercrime"', "“", "Stretches ‘cybercrime’."),
        ("Stretches “cybercrime”?", "“", "Stretches ‘cybercrime’?"),
        ("Étire « cybercriminalité »", "«", "Étire “cybercriminalité”."),
        ('Estira "ciberdelito"', "«", "Estira “ciberdelito”."),
        ("EFF's 'draft' view", "“", "EFF's 'draft' view."),
    ],
)
def test_a_cited_title_takes_the_inner_quotation_marks(title: str, outer: str, cited: str) -> None:
    assert cited_title(title, outer) == cited


def test_each_languages_cite_box_nests_quotation_marks_as_it_writes(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A title quoted in the citation keeps its own quotation in the inner marks:
    “… ‘cybercrime’ …” in English, « … “cybercriminalité” … » in French."""
    from conftest import MULTILINGUAL
    from generator import pipeline

    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    for path, old, new in [
        ("concerns/weak-safeguards.yml", "Weak safeguards", 'Weak "cybercrime" safeguards'),
        (
            "translations/fr/concerns/weak-safeguards.yml",
            "Garanties insuffisantes",
            "Garanties de « cybercriminalité » insuffisantes",
        ),
    ]:
        file = content / path
        file.write_text(file.read_text("utf-8").replace(old, new, 1), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    trees = pipeline.render(pipeline.load(content))
    for folder, words in [
        ("", "“Weak ‘cybercrime’ safeguards.”"),
        ("fr/", "«\u202fGaranties de “cybercriminalité” insuffisantes.\u202f»"),
    ]:
        page = str(trees[folder].files["concerns/weak-safeguards.md"])
        cited = page.split('id="cite-text"', 1)[1].split("</p>", 1)[0]
        assert words in cited, (folder, cited)


def test_feed_entry_id_survives_a_rename() -> None:
    c = load_campaign(MINIMAL)
    site = c.campaign.site
    concern = c.concerns[0].model_copy(update={"aliases": []})
    first = entry_id(site, concern)
    assert first == f"https://test.example.org/concerns/{concern.slug}/"
    assert entry_id(site, renamed(concern, "new-name")) == first
    feed = atom_feed(open_data(c.model_copy(update={"concerns": [renamed(concern, "new")]})))
    assert f"<id>{first}</id>".encode() in feed
    assert b"https://test.example.org/concerns/new/" in feed  # the entry links the new page


def test_cards_are_deterministic() -> None:
    c = load_campaign(MINIMAL)
    cards.draw_card.cache_clear()
    first = cards.Cards(cards.card_jobs(c), None).result()
    cards.draw_card.cache_clear()
    assert cards.Cards(cards.card_jobs(c), None).result() == first
    assert set(first) == {
        "assets/cards/site.png",
        "assets/cards/weak-safeguards.png",
        "assets/cards/secret-interception.png",
        # The country tracker's pages, in a folder no concern slug can reach.
        *(f"assets/cards/countries/{name}.png" for name in ["index", "br", "eu", "fr", "us"]),
    }


def test_the_cite_box_gives_the_date_the_page_was_read(monkeypatch: Any) -> None:
    """A citation of a web page gives the day it was read ("accessed", "consulté le"):
    the page's build date, in its language, in the citation and as BibTeX's urldate
    (assets/site.js moves it on to the reader's day)."""
    from conftest import MULTILINGUAL
    from generator import pipeline

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    time = '<time datetime="2026-11-23" data-tx-accessed>'
    for folder, words in [
        ("", f"Accessed {time}23 November 2026</time>. https://"),
        ("fr/", f"Consulté le {time}23 novembre 2026</time>. https://"),
        ("es/", f"Consultado el {time}23 de noviembre de 2026</time>."),
        ("ar/", f"تاريخ الاطلاع: <bdi>{time}"),
    ]:
        page = str(trees[folder].files["concerns/weak-safeguards.md"])
        cited = page.split('id="cite-text"', 1)[1].split("</p>", 1)[0]
        assert words in cited, (folder, cited)
        assert "urldate = {2026-11-23}," in page, folder
    campaign = load_campaign(MINIMAL)
    entry = bibtex(campaign.campaign.site, campaign.concerns[0], accessed=dt.date(2026, 11, 23))
    [parsed] = parse_string(entry, "bibtex").entries.values()
    assert parsed.fields["urldate"] == "2026-11-23"


def test_translated_pages_say_the_bibtex_file_is_in_english() -> None:
    from conftest import MULTILINGUAL
    from generator import pipeline

    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    for folder, words in [
        ("fr/", "en anglais"),
        ("es/", "en inglés"),
        ("ar/", "الإنجليزية"),
    ]:
        page = str(trees[folder].files["concerns/weak-safeguards.md"])
        line = page.split("citations.bib</a>", 1)[0].rsplit("<p", 1)[1]
        assert words in line, (folder, line)
        assert 'hreflang="en"' in line, folder
    english = str(trees[""].files["concerns/weak-safeguards.md"])
    assert "Citations of every concern: <a" in english
