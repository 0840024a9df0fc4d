"""The example campaign a new campaign starts from builds with the generator as it is."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, build
from generator.loader import load_campaign

EXAMPLE = ROOT / "examples/example-campaign"


def test_example_campaign_builds_with_no_code_change(tmp_path: Path) -> None:
    site = build(EXAMPLE, tmp_path / "site")
    example = load_campaign(EXAMPLE)
    assert example.campaign.site.example
    for concern in example.concerns:
        html = (site / "concerns" / concern.slug / "index.html").read_text()
        assert "Example campaign." in html
