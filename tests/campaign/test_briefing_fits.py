"""This campaign's one-page briefing, as published, prints on one A4 and one Letter page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from browser import serve_directory
from conftest import ROOT, run_cli
from generator import briefing
from generator.loader import load_content

pytestmark = pytest.mark.browser

# What the deploy workflow passes (see .github/workflows/deploy.yml).
GITHUB = {
    "TX_SITE_URL": "https://owner.github.io/treaty",
    "TX_REPOSITORY": "https://github.com/owner/treaty",
    "TX_CONTACT_URL": "https://github.com/owner/treaty/issues",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("published") / "site"
    result = run_cli("build", "--production", "--site-dir", site, env=GITHUB)
    assert result.code == 0, result.err
    assert "briefing may not fit" not in result.err
    with serve_directory(site) as url:
        yield url


@pytest.mark.parametrize("size", ["A4", "Letter"])
@pytest.mark.parametrize("lang", ["", "fr/", "es/", "ar/"])
def test_the_briefing_prints_on_one_page(page: Any, published: str, lang: str, size: str) -> None:
    """In every language: the French and Spanish text, a sixth longer, once ran onto a
    second page."""
    page.goto(published + lang + "briefing/")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format=size)))
    assert len(reader.pages) == 1
    if lang:
        return
    text = " ".join(p.extract_text() for p in reader.pages).replace("\n", "")
    slugs = [
        yaml.safe_load(p.read_text(encoding="utf-8"))["slug"]
        for p in sorted((ROOT / "concerns").glob("*.yml"))
    ]
    assert len(slugs) >= 10
    for slug in slugs:
        assert f"{GITHUB['TX_SITE_URL']}/concerns/{slug}/" in text, slug


def test_the_build_time_estimate_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in GITHUB.items():
        monkeypatch.setenv(name, value)
    campaign = load_content(Path(ROOT)).campaign
    for paper in briefing.PAPERS:
        assert briefing.estimate(campaign, paper).fits, paper
