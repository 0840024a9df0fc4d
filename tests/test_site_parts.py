"""Engine builds run as processes side by side: every language at once, a large one in parts.

The parts of a language are one site, byte for byte the site one process builds; the
processes really run at the same time; one that fails or crashes stops the others and
says which engine and what it was building, in one line with its exit code.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from conftest import MULTILINGUAL, snapshot
from generator import engine_settings, pipeline, processes
from generator import site as mkdocs_site
from generator.cli import main
from generator.errors import EngineError, SiteBuildError
from generator.shares import owners

EPOCH = "1000000000"


def python(code: str, cwd: Path, fail: type[Exception] = SiteBuildError) -> processes.Process:
    return processes.Process(
        [sys.executable, "-c", code], cwd, "Test", "a part", lambda c, out: fail(f"{c}: {out}")
    )


def test_a_language_built_in_parts_is_the_site_one_process_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    whole = pipeline.build(MULTILINGUAL, tmp_path / "whole").site_dir
    started: list[list[str]] = []
    run_all = processes.run_all

    def spy(jobs: list[processes.Process], *args: float) -> None:
        started.extend(list(p.argv[3:]) for p in jobs)
        run_all(jobs, *args)

    monkeypatch.setattr(processes, "run_all", spy)
    monkeypatch.setattr(engine_settings, "PAGES_PER_PART", 2)
    monkeypatch.setattr(engine_settings, "workers", lambda: 3)
    parts = pipeline.build(MULTILINGUAL, tmp_path / "parts").site_dir
    # Four languages, each in three parts: part 0 writes the theme, sitemap and 404 page.
    assert started.count(["mkdocs.yml", "0", "3"]) == 4
    assert started.count(["mkdocs-part2.yml", "2", "3"]) == 4
    assert snapshot(parts) == snapshot(whole)


def test_a_small_language_is_one_process() -> None:
    assert engine_settings.parts(engine_settings.PAGES_PER_PART - 1) == 1
    assert engine_settings.parts(10_000) == processes.workers()


def test_processes_run_side_by_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each waits until it sees the other has started: only true when both run at once."""
    monkeypatch.setattr(processes, "workers", lambda: 2)
    wait = (
        "import pathlib, sys, time\n"
        "pathlib.Path(sys.argv[1]).touch()\n"
        "deadline = time.monotonic() + 20\n"
        "while not pathlib.Path(sys.argv[2]).exists():\n"
        "    if time.monotonic() > deadline: sys.exit(1)\n"
        "    time.sleep(0.01)\n"
    )
    one, two = python(wait, tmp_path), python(wait, tmp_path)
    one = processes.Process([*one.argv, "a", "b"], tmp_path, "Test", "a", one.failure)
    two = processes.Process([*two.argv, "b", "a"], tmp_path, "Test", "b", two.failure)
    processes.run_all([one, two], limit=30)


def test_one_failure_stops_the_other_processes(tmp_path: Path) -> None:
    start = time.monotonic()
    slow = python("import time; time.sleep(60)", tmp_path)
    broken = python("import sys; print('the page is broken'); sys.exit(3)", tmp_path)
    with pytest.raises(SiteBuildError, match="3: the page is broken"):
        processes.run_all([slow, broken], limit=30)
    assert time.monotonic() - start < 20


def test_a_missing_engine_says_so(tmp_path: Path) -> None:
    missing = processes.Process([str(tmp_path / "nowhere")], tmp_path, "Test", "a", EngineError)
    with pytest.raises(EngineError, match="Test is not installed"):
        processes.run_all([missing])


def test_a_crashed_mkdocs_is_an_engine_error_and_keeps_the_site(
    campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    assert main(["build", "--content", str(campaign), "--site-dir", str(site)]) == 0
    before = snapshot(site)
    capsys.readouterr()
    crash = "import sys; print('Traceback ...', file=sys.stderr); sys.exit('MemoryError')"
    monkeypatch.setattr(mkdocs_site, "MKDOCS_RUN", [sys.executable, "-c", crash])
    assert main(["build", "--content", str(campaign), "--site-dir", str(site)]) == 4
    err = capsys.readouterr().err
    assert err.startswith("error: MkDocs stopped with an error: MemoryError Hint: ")
    assert len(err.splitlines()) == 1
    assert snapshot(site) == before


def test_pages_are_shared_in_runs_of_about_equal_cost() -> None:
    """Both engines' parts: runs in the engine's order, each about a count-th of the cost;
    what part 0 renders besides (the navigation's pages, for Zensical) counts as its own."""
    assert owners([10] * 6, 3) == [0, 0, 1, 1, 2, 2]
    assert owners([50, 10, 10, 10, 10, 10], 2) == [0, 1, 1, 1, 1, 1]  # a large index page
    assert owners([10] * 6, 3, head_start=30) == [1, 1, 1, 2, 2, 2]  # part 0: the head start
    assert owners([10, 10], 4) == [0, 2]  # more parts than pages: some run empty
    assert owners([], 3) == []
