"""`new campaign`: what it writes, what it refuses, and the example that is its output.

tests/test_install.py runs it from an installed wheel and builds the result; these run
it in-process, with a stand-in wheel file (its bytes are never read as a wheel here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, assert_clean_failure, run_cli
from generator import __version__
from generator.errors import ContentError
from generator.newcampaign import SOURCE, new_campaign
from generator.scaffold import ScaffoldError

EXAMPLE = ROOT / "examples/example-campaign"
ZENSICAL_PACKAGES = ("zensical", "deepmerge", "tomli")
PINNED_ELSEWHERE = {"requirements.lock"}  # and vendor/: one build of the generator


@pytest.fixture
def wheel(tmp_path: Path) -> Path:
    path = tmp_path / f"treaty_explainer-{__version__}-py3-none-any.whl"
    path.write_bytes(b"a stand-in")
    return path


def files(folder: Path) -> dict[str, str]:
    """Text of every file, without the first line of YAML files (the schema's path)."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[0] in {"vendor", "schema", ".cache", "site"} or rel in PINNED_ELSEWHERE:
            continue
        text = path.read_text(encoding="utf-8")
        out[rel] = (
            text.split("\n", 1)[1] if path.suffix == ".yml" and "/workflows/" not in rel else text
        )
    return out


def test_the_example_campaign_is_what_new_campaign_writes(wheel: Path, tmp_path: Path) -> None:
    made = tmp_path / "made"
    new_campaign(made, wheel)
    assert files(made) == files(EXAMPLE), "run `make example` (and `make golden`)"


def test_it_writes_a_lock_vendor_and_schemas(wheel: Path, tmp_path: Path) -> None:
    made = tmp_path / "made"
    new_campaign(made, wheel)
    assert (made / "vendor" / wheel.name).read_bytes() == b"a stand-in"
    lock = (made / "requirements.lock").read_text(encoding="utf-8")
    assert lock.splitlines()[2] == f"treaty-explainer=={__version__} \\"
    assert (made / "schema/concern.schema.json").is_file()
    first = (made / "concerns/shared-master-key.yml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/concern.schema.json"
    readme = (made / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[3:5] == [
        "make serve   # set up, validate, build and preview at http://127.0.0.1:8000/",
        "make test    # validate, build, and check every link and every published address",
    ]
    assert f"`vendor/{wheel.name}`" in readme
    assert "/concerns/shared-master-key/" in (made / "urls.txt").read_text()


def test_it_pins_the_generators_own_runtime_lock() -> None:
    packaged = (SOURCE / "requirements.lock").read_text(encoding="utf-8")
    assert packaged == (ROOT / "requirements.lock").read_text(encoding="utf-8"), (
        "`make lock` copies requirements.lock into generator/scaffolds/campaign/"
    )


def test_it_pins_zensical_as_the_generators_tests_run_it(wheel: Path, tmp_path: Path) -> None:
    """A campaign switching engines installs the Zensical these tests run: the same
    entries, hashes and all, as the generator's development lock (`make lock`)."""

    def pins(text: str, wanted: tuple[str, ...] | None = None) -> list[str]:
        """Each entry's lines (name, hashes), without comments."""
        entries = re.split(r"\n(?=[^ #\n])", text)
        return [
            "\n".join(x for x in e.splitlines() if x.strip() and not x.lstrip().startswith("#"))
            for e in entries
            if "==" in e and (wanted is None or e.split("==")[0] in wanted)
        ]

    development = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    packaged = (SOURCE / "requirements-zensical.lock").read_text(encoding="utf-8")
    assert pins(packaged) == pins(development, ZENSICAL_PACKAGES), "run `make lock`"
    made = tmp_path / "made"
    new_campaign(made, wheel)
    assert (made / "requirements-zensical.lock").read_text(encoding="utf-8") == packaged
    makefile = (made / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements-zensical.lock" in makefile
    assert "build --engine zensical --site-dir site-zensical" in makefile


def test_the_zensical_lock_holds_everything_zensical_needs_beyond_the_runtime_lock() -> None:
    """The campaign installs it with --no-deps: a dependency a newer Zensical adds (such as
    zensical-ui) must be pinned too, or `make zensical` installs an engine that cannot start."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    def names(lock: Path) -> set[str]:
        entries = re.split(r"\n(?=[^ #\n])", lock.read_text(encoding="utf-8"))
        return {canonicalize_name(e.split("==")[0]) for e in entries if "==" in e}

    pinned = names(SOURCE / "requirements.lock") | names(SOURCE / "requirements-zensical.lock")
    needed = {
        canonicalize_name(req.name)
        for req in map(Requirement, requires("zensical") or [])
        if req.marker is None or req.marker.evaluate({"extra": ""})
    }
    assert needed - pinned == set(), "add them to ZENSICAL_PACKAGES and the Makefile's lock"


def test_it_refuses_a_wheel_of_another_version(tmp_path: Path) -> None:
    other = tmp_path / "treaty_explainer-9.9.9-py3-none-any.whl"
    other.write_bytes(b"x")
    with pytest.raises(ScaffoldError, match=r"is version 9\.9\.9"):
        new_campaign(tmp_path / "made", other)
    assert not (tmp_path / "made").exists()


def test_run_from_a_checkout_it_asks_for_the_wheel(tmp_path: Path) -> None:
    result = run_cli("new", "campaign", tmp_path / "made")
    assert_clean_failure(result, code=2)
    assert result.err.startswith(
        "error: this generator was not installed from a wheel that is still on disk."
    )
    assert "--wheel FILE" in result.err and "make wheel" in result.err
    assert not (tmp_path / "made").exists()


def test_content_that_fails_leaves_nothing_behind(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import newcampaign

    def broken(work: Path) -> None:
        raise ContentError([])

    monkeypatch.setattr(newcampaign, "_check", broken)
    with pytest.raises(ContentError):
        new_campaign(tmp_path / "made", wheel)
    assert sorted(p.name for p in tmp_path.iterdir()) == [wheel.name]
