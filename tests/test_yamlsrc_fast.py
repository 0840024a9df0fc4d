"""libyaml, where PyYAML has it, reads content exactly as PyYAML's own parser does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HOSTILE, MINIMAL
from generator import yamlsrc


@pytest.mark.parametrize("campaign", [MINIMAL, HOSTILE], ids=["minimal", "hostile"])
def test_both_parsers_give_the_same_data_and_positions(
    campaign: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert yamlsrc._FAST_LOADER is not None, "PyYAML without libyaml: the fast path is untested"
    for path in sorted(campaign.rglob("*.yml")):
        rel = path.relative_to(campaign).as_posix()
        fast = yamlsrc.read_yaml(path, rel)
        with monkeypatch.context() as m:
            m.setattr(yamlsrc, "_FAST_LOADER", None)
            exact = yamlsrc.read_yaml(path, rel)
        assert fast.data == exact.data, rel
        assert fast.positions == exact.positions, rel
