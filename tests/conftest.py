"""Shared fixtures: real campaigns on disk, the CLI as a user runs it, built sites."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
MULTILINGUAL = FIXTURES / "multilingual"  # minimal plus draft fr, es and ar translations
HOSTILE = FIXTURES / "hostile"
# The site engines a built site is checked with: every site-wide check, search included,
# runs once per engine (a test takes the `engine` argument, or a fixture that does).
ENGINES = ("mkdocs", "zensical")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--campaign",
        type=Path,
        default=ROOT,
        help="the campaign folder tests/campaign checks (default: this repository)",
    )
    parser.addoption(
        "--engine",
        action="append",
        choices=ENGINES,
        help="check built sites with this engine only (repeatable; default: every engine)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        engines = metafunc.config.getoption("--engine") or ENGINES
        only = metafunc.definition.get_closest_marker("engines")  # a test of one engine's
        if only:
            engines = [e for e in engines if e in only.args]
        metafunc.parametrize("engine", engines, scope="session")


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Result:
    """Run `python -m generator ...` in a subprocess, exactly as a maintainer would."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


# How the CLI prints one content error.
ISSUE_LINE = re.compile(r"^(?P<file>[\w./-]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_clean_failure(result: Result, code: int = 1) -> None:
    """A refusal a maintainer can read: the expected exit code and no Python traceback."""
    assert result.code == code
    assert "Traceback" not in result.err + result.out


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid campaign."""
    target = tmp_path / "campaign"
    shutil.copytree(MINIMAL, target)
    return target


def build(content: Path, site_dir: Path, engine: str = "mkdocs") -> Path:
    # No cache: these campaigns are the repository's own folders, and stay as committed.
    result = run_cli(
        "build", "--no-cache", "--engine", engine, "--content", content, "--site-dir", site_dir
    )
    assert result.code == 0, result.err
    return site_dir


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MINIMAL, tmp_path_factory.mktemp("minimal") / "site")


# `validate` refuses the hostile campaign's Markdown (raw HTML, javascript: links, images).
# Its site is built with that check switched off, to prove that the renderer on its own
# still keeps every payload inert.
_UNCHECKED = (
    "import sys; from generator import bodies; bodies.check_docs = lambda *a, **k: []; "
    "from generator.cli import main; sys.exit(main(sys.argv[1:]))"
)


def run_unchecked(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """run_cli, with the Markdown checks of `validate` switched off."""
    proc = subprocess.run(
        [sys.executable, "-c", _UNCHECKED, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def build_unchecked(content: Path, site_dir: Path, engine: str = "mkdocs") -> Path:
    result = run_unchecked(
        "build", "--no-cache", "--engine", engine, "--content", content, "--site-dir", site_dir
    )
    assert result.code == 0, result.err
    return site_dir


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A campaign whose every text field carries a script payload (tests/fixtures/hostile)."""
    return build_unchecked(HOSTILE, tmp_path_factory.mktemp("hostile") / "site")


@pytest.fixture(scope="session")
def minimal_url(minimal_site: Path) -> Iterator[str]:
    from browser import serve_directory

    with serve_directory(minimal_site) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    from browser import serve_directory

    with serve_directory(hostile_site) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_engine_url(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile campaign built by each engine, served."""
    from browser import serve_directory

    root = build_unchecked(HOSTILE, tmp_path_factory.mktemp(f"hostile-{engine}") / "site", engine)
    with serve_directory(root) as url:
        yield url


@pytest.fixture(scope="session")
def site(
    engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """The built site every site-wide check runs on, once per engine: the fixture campaign
    with its draft translations, so that each check sees every language and right-to-left
    Arabic. tests/campaign/conftest.py hands the same checks this campaign's own site."""
    from browser import serve_directory
    from pages import Site

    if engine == "mkdocs":  # the one other tests use too
        root: Path = request.getfixturevalue("multilingual_site")
    else:
        root = build(
            MULTILINGUAL, tmp_path_factory.mktemp(f"multilingual-{engine}") / "site", engine
        )
    with serve_directory(root) as url:
        yield Site(f"multilingual, {engine}", MULTILINGUAL, root, url, engine)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: run `make browser-deps`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def multilingual(tmp_path: Path) -> Path:
    """A writable copy of the campaign with partial translations."""
    target = tmp_path / "multilingual"
    shutil.copytree(MULTILINGUAL, target)
    return target


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MULTILINGUAL, tmp_path_factory.mktemp("multilingual") / "site")


@pytest.fixture(scope="session")
def multilingual_url(multilingual_site: Path) -> Iterator[str]:
    from browser import serve_directory

    with serve_directory(multilingual_site) as url:
        yield url
