"""Generated Markdown: golden files for the minimal campaign, and escaping of content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINIMAL
from generator.loader import load_campaign
from generator.render import mailto, md_heading, relative, render_site

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def rendered_files() -> dict[str, str | bytes]:
    return render_site(load_campaign(MINIMAL)).files


@pytest.mark.parametrize(
    "name", ["concerns/weak-safeguards.md", "articles/5.md", "index.md", "recommendations.md"]
)
def test_generated_markdown_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cite box gives the build's date: the golden pages are built on a fixed day.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    text = rendered_files()[name]
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(str(text), encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run `make golden` and review the diff"


def test_every_page_type_is_generated() -> None:
    files = rendered_files()
    for name in [
        "index.md",
        "concerns/index.md",
        "concerns/weak-safeguards.md",
        "concerns/secret-interception.md",
        "articles/index.md",
        "articles/5.md",
        "articles/9.md",
        "recommendations.md",
        "timeline.md",
        "action.md",
        "glossary.md",
        "about.md",
        "concerns/old-safeguards/index.html",
    ]:
        assert name in files, name


def test_relative_links() -> None:
    assert relative("concerns/x/", "articles/5/") == "../../articles/5/"
    assert relative("", "concerns/") == "concerns/"
    assert relative("concerns/", "") == "../"


def test_heading_text_cannot_become_markup() -> None:
    out = md_heading("[x](javascript:alert(1)) <b> {#id} *a*")
    assert "<b>" not in out and "](" not in out and "{#" not in out
    assert out.count("\\*") == 2


def test_mailto_encodes_everything() -> None:
    link = mailto("", "A & B?", "Line 1\nLine 2 100%")
    assert link == "mailto:?subject=A%20%26%20B%3F&body=Line%201%0D%0ALine%202%20100%25"


def test_an_articles_share_text_does_not_pass_our_words_off_as_its_title(campaign: Path) -> None:
    """Until an article's official title is known, the subject shown is ours: the page says
    so, and so does the description a share preview shows."""
    described = str(render_site(load_campaign(campaign)).files["articles/5.md"])
    assert 'description: "Article 5 of the Test Convention, in our words: Safeguards"' in described
    path = campaign / "articles.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - number: 5\n", "  - number: 5\n    official_title: Conditions\n", 1),
        encoding="utf-8",
    )
    titled = str(render_site(load_campaign(campaign)).files["articles/5.md"])
    assert 'description: "Article 5 of the Test Convention: Conditions"' in titled
    assert "in our words" not in titled
