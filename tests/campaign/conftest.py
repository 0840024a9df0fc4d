"""The campaign under test and its built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build


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
