"""The campaign under test and its built site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import serve_directory
from conftest import build
from pages import Site


@pytest.fixture(scope="session")
def campaign_dir(request: pytest.FixtureRequest) -> Path:
    """The campaign folder: `--campaign DIR`, by default this repository."""
    folder = Path(request.config.getoption("--campaign")).resolve()
    assert (folder / "campaign.yml").is_file(), f"{folder} has no campaign.yml"
    return folder


@pytest.fixture(scope="session")
def real_site(campaign_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The campaign's site, built once per test session."""
    return build(campaign_dir, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def site(
    campaign_dir: Path, real_site: Path, engine: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The campaign's site for the generator's site-wide checks (test_site_checks.py):
    the same checks the fixtures pass, here on this campaign's pages and languages, built
    by each engine (`--engine NAME` checks one)."""
    if engine == "mkdocs":
        root = real_site
    else:
        root = build(campaign_dir, tmp_path_factory.mktemp(f"real-{engine}") / "site", engine)
    with serve_directory(root) as url:
        yield Site(f"campaign, {engine}", campaign_dir, root, url, engine)
