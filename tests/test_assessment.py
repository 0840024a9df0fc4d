"""A concern's assessment against the adopted text: which language version was read, and what
is still unconfirmed, in every language of the site."""

from __future__ import annotations

from pathlib import Path

from generator import pipeline
from generator.loader import load_campaign
from generator.render import render_site

ASSESSED = """\
assessment:
  status: partly-addressed
  evidence: Article 5 now names a judge.
  read_in: ar
  unconfirmed: Whether the judge must approve in advance.
"""
NOT_YET = """\
assessment:
  status: not-yet-assessed
  unconfirmed: Article 9 has not been read in any official version yet.
"""


def _set_assessment(folder: Path, slug: str, block: str) -> None:
    path = folder / "concerns" / f"{slug}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("assessment:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    path.write_text("".join([*lines[:start], block, *lines[end:]]), encoding="utf-8")


def test_language_read_and_what_is_unconfirmed_are_shown(campaign: Path) -> None:
    _set_assessment(campaign, "weak-safeguards", ASSESSED)
    _set_assessment(campaign, "secret-interception", NOT_YET)
    files = render_site(load_campaign(campaign)).files
    assessed = str(files["concerns/weak-safeguards.md"])
    where = assessed[assessed.index("{ #where-it-stands ") :]
    assert "Checked against the Arabic text of the adopted treaty." in where
    assert "<strong>Not yet confirmed</strong>" in where
    assert "Whether the judge must approve in advance." in where
    pending = str(files["concerns/secret-interception.md"])
    where = pending[pending.index("{ #where-it-stands ") :]
    assert "<strong>Why not yet assessed</strong>" in where
    assert "Article 9 has not been read in any official version yet." in where
    assert "Checked against" not in where


def test_without_the_new_fields_nothing_is_added(campaign: Path) -> None:
    files = render_site(load_campaign(campaign)).files
    page = str(files["concerns/weak-safeguards.md"])
    assert "Checked against" not in page and "Not yet confirmed" not in page


def test_language_read_is_named_in_the_reader_s_language(multilingual: Path) -> None:
    _set_assessment(multilingual, "weak-safeguards", ASSESSED)
    trees = pipeline.render(pipeline.load(multilingual))
    page = {lang: str(tree.files["concerns/weak-safeguards.md"]) for lang, tree in trees.items()}
    assert "le texte arabe du traité adopté" in page["fr/"]
    assert "el texto árabe del tratado adoptado" in page["es/"]
    assert "باللغة <bdi>العربية</bdi>" in page["ar/"]  # a name inside RTL text is isolated
