"""Quotations kept in English on the translated pages are marked as English (WCAG 3.1.2,
language of parts), so that a screen reader reads them with an English voice, not as words
of the page's language: «[lack mandatory requirements…]{lang=en}» in the YAML. A Latin term
the English text uses too («de minimis») is marked as Latin."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

QUOTED = re.compile(r"[«“]([^«»“”]{3,300}?)[»”]")
ENGLISH_WORDS = re.compile(r"[A-Za-z’'-]+(?:[ \u00a0\u202f,;:]+[A-Za-z’'-]+)+[.…]?")
SKIP = {"script", "style", "code", "pre", "title"}


class _Text(HTMLParser):
    """A page's text, each character with the language it is marked with."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.chars: list[str] = []
        self.langs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "meta", "link", "input", "hr", "wbr", "source"}:
            return
        _, lang, skipped = self.stack[-1]
        self.stack.append((tag, dict(attrs).get("lang") or lang, skipped or tag in SKIP))

    def handle_endtag(self, tag: str) -> None:
        while len(self.stack) > 1:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        _, lang, skipped = self.stack[-1]
        if not skipped:
            self.chars.append(data)
            self.langs.extend(lang for _ in data)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _read(page: Path, lang: str) -> _Text:
    parser = _Text(lang)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _fold(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def english(real_site: Path) -> str:
    """Everything the English edition says, to recognise an English quotation by."""
    pages = [
        p
        for p in real_site.rglob("index.html")
        if p.relative_to(real_site).parts[0] not in {"fr", "es", "ar"}
    ]
    return " ".join(_fold(_read(p, "en").text) for p in pages)


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_english_quotations_on_translated_pages_are_marked_with_their_language(
    real_site: Path, english: str, lang: str
) -> None:
    if not (real_site / lang).is_dir():
        pytest.skip(f"this campaign has no {lang} edition")
    unmarked: set[str] = set()
    checked = 0
    for page in sorted((real_site / lang).rglob("index.html")):
        read = _read(page, lang)
        for found in QUOTED.finditer(read.text):
            words = found.group(1).strip(" \u00a0\u202f")
            if not ENGLISH_WORDS.fullmatch(words) or _fold(words) not in english:
                continue
            checked += 1
            start = found.start(1) + found.group(1).index(words[0])
            marks = {read.langs[i] for i in range(start, start + len(words))}
            if len(marks) != 1 or marks & {lang, "fr", "es", "ar"}:
                unmarked.add(f"{page.relative_to(real_site).parent}: «{words}»")
    assert checked, "no English quotation found: is the check still looking?"
    assert not unmarked, "\n".join(sorted(unmarked))
