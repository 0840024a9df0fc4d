"""The build warns when the one-page briefing would no longer print on one page."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import MINIMAL, run_cli
from generator import briefing
from generator.loader import load_campaign

LONG = "A power that reaches across borders without a judge looking at the request first. "


def grown(content: Path, count: int) -> Path:
    shutil.copytree(MINIMAL, content)
    template = yaml.safe_load((content / "concerns/weak-safeguards.yml").read_text())
    for path in (content / "concerns").glob("*.yml"):
        path.unlink()
    for number in range(1, count + 1):
        concern = dict(template, slug=f"concern-{number}", aliases=[], related=[])
        concern["summary"] = (LONG * 4)[:300].rsplit(" ", 1)[0] + "."
        (content / f"concerns/concern-{number}.yml").write_text(yaml.safe_dump(concern))
    return content


def test_a_briefing_that_fits_gives_no_warning(tmp_path: Path) -> None:
    result = run_cli("build", "--content", MINIMAL, "--site-dir", tmp_path / "site", "--no-cache")
    assert result.code == 0, result.err
    assert "briefing" not in result.err


def test_a_briefing_too_long_for_a_page_warns_without_failing(tmp_path: Path) -> None:
    content = grown(tmp_path / "campaign", 30)
    result = run_cli("build", "--content", content, "--site-dir", tmp_path / "site", "--no-cache")
    assert result.code == 0, result.err
    for paper in ("A4", "Letter"):
        assert f"warning: the one-page briefing may not fit on one {paper} page" in result.err
    assert "Shorten the longest concern summaries" in result.err


def test_the_estimate_grows_with_the_text_and_letter_is_the_tighter_page(tmp_path: Path) -> None:
    small = load_campaign(grown(tmp_path / "small", 4))
    large = load_campaign(grown(tmp_path / "large", 8))
    for paper in briefing.PAPERS:
        assert briefing.estimate(small, paper).needed < briefing.estimate(large, paper).needed
    letter, a4 = (briefing.estimate(large, p) for p in ("Letter", "A4"))
    assert letter.available < a4.available


def test_lines_wrap_at_spaces_or_anywhere() -> None:
    one = briefing.width("word", 8)
    assert briefing.lines("word word", 8, one * 2.5) == 1
    assert briefing.lines("word word word", 8, one * 2.5) == 2
    assert briefing.lines("word", 8, one * 2.5, indent=one * 2) == 2
    assert briefing.lines("x" * 40, 8, briefing.width("x" * 10, 8), anywhere=True) == 4


def test_a_longer_translation_is_set_compact_to_keep_to_one_page() -> None:
    """The French and Spanish briefings ran onto a second page: their text is a sixth
    longer than the English. Where the usual type would not fit, the page is set smaller
    and tighter (site.css's tx-briefing--compact, then --tight), and the estimate counts
    that."""
    from conftest import ROOT
    from generator import pipeline

    loaded = pipeline.load(ROOT)
    english = loaded.content.campaign
    assert briefing.layout(english) == briefing.USUAL
    trees = pipeline.render(loaded)
    assert 'class="tx-briefing"' in str(trees[""].files["briefing.md"])
    for translation in loaded.content.translations:
        campaign = translation.campaign
        language = translation.language.code
        if language in ("fr", "es"):
            assert not briefing.estimate(campaign, "Letter", briefing.USUAL).fits, language
        chosen = briefing.layout(campaign)
        if chosen != briefing.USUAL:
            page = str(trees[translation.language.folder].files["briefing.md"])
            assert f'class="tx-briefing {chosen.name}"' in page, language
        for paper in briefing.PAPERS:
            assert briefing.estimate(campaign, paper).fits, (language, paper)
