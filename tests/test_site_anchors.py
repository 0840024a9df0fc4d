"""Addresses of one part of a page that readers cite and share: the About page's sections
and the timeline's events keep their anchors, in every language, as content changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline, sections

ABOUT = """\
Who we are, in one line.

## Who we are

A team.

## How sure we are

Every fact carries a mark.

## The other side

Not everyone agrees.
"""
ABOUT_FR = """\
Qui nous sommes, en une ligne.

## Qui sommes-nous

Une équipe.

## Notre degré de certitude

Chaque fait porte une marque.

## L'autre point de vue

Tout le monde n'est pas d'accord.
"""
SECTION = re.compile(r"^## (.*?) \{ #([\w-]+)", re.M)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _indent(text: str) -> str:
    return "|\n" + "".join(f"  {line}\n" if line else "\n" for line in text.splitlines())


@pytest.fixture
def content(multilingual: Path) -> Path:
    _replace(
        multilingual / "campaign.yml",
        "about: This site is a test fixture.",
        "about: " + _indent(ABOUT),
    )
    _replace(
        multilingual / "translations/fr/campaign.yml",
        "about: Ce site est un élément de test.",
        "about: " + _indent(ABOUT_FR),
    )
    return multilingual


def _page(content: Path, folder: str, name: str) -> str:
    return str(pipeline.render(pipeline.load(content))[folder].files[name])


def test_about_sections_have_anchors_from_the_source_language(content: Path) -> None:
    trees = pipeline.render(pipeline.load(content))
    english = SECTION.findall(str(trees[""].files["about.md"]))
    french = SECTION.findall(str(trees["fr/"].files["about.md"]))
    anchors = [anchor for _, anchor in english]
    assert anchors == ["who-we-are", "confirmation", "the-other-side", "contact", "sources"]
    # The same section has the same anchor in French, whatever its words.
    assert [anchor for _, anchor in french] == anchors
    assert "Qui sommes\\-nous" in french[0][0]
    # A Markdown heading of the text is never left as HTML without an id.
    for tree in trees.values():
        assert "<h2>" not in str(tree.files["about.md"])


def test_about_says_how_sure_we_are_once(content: Path) -> None:
    for folder, words in [("", "How sure we are"), ("fr/", "Notre degré de certitude")]:
        page = _page(content, folder, "about.md")
        assert page.count(words) == 1, folder
        # The marks are explained under the text's own heading.
        after = page.split(words, 1)[1]
        assert after.index("Every fact" if not folder else "Chaque fait") < after.index(
            "tx-badge--confirmed"
        )
        assert after.index("tx-badge--confirmed") < after.index("{ #sources")


def test_about_without_that_heading_keeps_its_own_section(multilingual: Path) -> None:
    page = _page(multilingual, "", "about.md")
    assert [a for _, a in SECTION.findall(page)] == ["contact", "confirmation", "sources"]
    assert page.count("How sure we are") == 1


def test_sections_cut_at_second_level_headings_only() -> None:
    text = "Intro\n\n## One\n\nA\n\n### Deeper\n\n```\n## not a heading\n```\n\n## One\n\nB"
    cut = sections.cut(text, (), {"top"})
    assert [(s.anchor, s.heading) for s in cut] == [("", ""), ("one", "One"), ("one-2", "One")]
    assert "## not a heading" in cut[1].body and "### Deeper" in cut[1].body
    # A heading with no Latin letters (its translation's count differs) still gets one.
    assert sections.cut("## من نحن\n\nنص", ("A", "B"), set())[0].anchor == "section-1"


EVENT = re.compile(r'<li id="([^"]+)">')


def test_timeline_anchors_are_the_date_and_title_in_every_language(content: Path) -> None:
    trees = pipeline.render(pipeline.load(content))
    english = EVENT.findall(str(trees[""].files["timeline.md"]))
    # The section's heading stands on its own line, its list after it.
    assert '{ #events aria-labelledby="events--name" }\n\n<div class="tx-prose">\n<ol' in str(
        trees[""].files["timeline.md"]
    )
    assert english == ["2022-05-a-session", "2024-01-01-adopted"]
    for folder in ["fr/", "ar/"]:
        assert EVENT.findall(str(trees[folder].files["timeline.md"])) == english


def test_a_new_event_moves_no_anchor_and_old_anchors_still_lead_there(content: Path) -> None:
    _replace(
        content / "timeline.yml",
        "events:\n",
        "events:\n  - date: 2020-03-01\n    title: An earlier event\n"
        "    confirmation: unconfirmed\n",
    )
    _replace(
        content / "timeline.yml",
        "    title: Adopted\n",
        "    title: Adopted\n    anchors: [event-1]\n",
    )
    page = _page(content, "", "timeline.md")
    assert EVENT.findall(page) == [
        "2020-03-01-an-earlier-event",
        "2022-05-a-session",
        "2024-01-01-adopted",
    ]
    adopted = page.split('<li id="2024-01-01-adopted">', 1)[1].split("</li>", 1)[0]
    assert '<span id="event-1"></span>' in adopted
    assert page.count('id="event-1"') == 1
