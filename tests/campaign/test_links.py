"""The campaign's built site: no broken link or anchor, and no published URL gone."""

from __future__ import annotations

from pathlib import Path

from generator.linkcheck import check_site
from generator.loader import load_campaign
from generator.render import render_site
from generator.urls import MANIFEST, broken, published_paths, read_manifest


def test_the_campaign_site_has_no_broken_links(real_site: Path) -> None:
    assert check_site(real_site).broken == []


def test_every_url_ever_published_still_resolves(campaign_dir: Path, real_site: Path) -> None:
    listed = read_manifest(campaign_dir / MANIFEST)
    assert listed, "urls.txt is empty"
    assert broken(real_site, listed) == [], (
        "a published URL has gone: add the old slug to its concern's aliases"
    )


def test_manifest_lists_every_url_the_campaign_publishes(campaign_dir: Path) -> None:
    published = published_paths(render_site(load_campaign(campaign_dir)))
    missing = sorted(published - set(read_manifest(campaign_dir / MANIFEST)))
    assert not missing, f"run `make urls` and commit urls.txt; new URLs: {missing}"
