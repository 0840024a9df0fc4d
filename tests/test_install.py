"""The generator as a second campaign gets it: a wheel, installed apart from this checkout.

In a folder outside the checkout: build the wheel, install it into a fresh virtual
environment, scaffold a campaign with the installed command, build it from another
folder, and run the campaign's own checks (`make test`). The libraries the generator
needs come from this project's environment, so nothing is downloaded; but only those its
runtime lock pins (a .pth file names a folder of links to them, and to nothing else), so
an import of a library that only the tests install fails here as it would in a campaign.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT

WHEEL = re.compile(r"^treaty_explainer-[\d.]+-py3-none-any\.whl$")


def run(*args: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


def runtime_libraries(folder: Path) -> Path:
    """A folder of links to what requirements.lock pins, as installed here, and nothing
    else: the libraries a campaign's `make install` gives the generator."""
    from importlib.metadata import distribution

    from packaging.markers import Marker
    from packaging.utils import canonicalize_name

    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+(?: ; ([^\\]+?))? \\$", lock, re.M)
    folder.mkdir()
    here = Path(sysconfig.get_path("purelib"))
    for name, marker in pins:
        if marker and not Marker(marker).evaluate():
            continue  # pinned for another Python or platform
        dist = distribution(canonicalize_name(name))
        for top in {Path(f).parts[0] for f in dist.files or [] if not str(f).startswith("..")}:
            if top != "__pycache__" and not (folder / top).exists():
                (folder / top).symlink_to(here / top)
    return folder


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns the venv's folder."""
    tmp = tmp_path_factory.mktemp("install")
    dist = tmp / "dist"
    dist.mkdir()
    script = f"from flit_core import buildapi; print(buildapi.build_wheel({str(dist)!r}))"
    name = run(sys.executable, "-c", script, cwd=ROOT).stdout.strip()
    assert WHEEL.match(name), name
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp)
    site_packages = Path(
        sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    )
    # The generator's libraries, from this project's environment: no download needed.
    runtime = runtime_libraries(tmp / "runtime-libraries")
    (site_packages / "project-libraries.pth").write_text(f"{runtime}\n")
    pip: list[str | Path] = [venv / "bin/python", "-m", "pip", "--disable-pip-version-check"]
    run(*pip, "install", "--quiet", "--no-index", "--no-deps", dist / name, cwd=tmp)
    return venv


def test_the_installed_generator_finds_nothing_through_the_checkout(installed: Path) -> None:
    where = run(
        installed / "bin/python", "-c", "import generator; print(generator.__file__)", cwd=installed
    )
    assert Path(where.stdout.strip()).is_relative_to(installed)
    version = run(installed / "bin/treaty-explainer", "--version", cwd=installed)
    assert version.stdout.startswith("treaty-explainer 0.")


def test_the_installed_generator_sees_only_what_the_runtime_lock_pins(installed: Path) -> None:
    """Pytest and Playwright are in this environment, never in a campaign's."""
    python = str(installed / "bin/python")
    for module, importable in (("mkdocs", True), ("yaml", True), ("pytest", False)):
        found = subprocess.run([python, "-c", f"import {module}"], capture_output=True)
        assert (found.returncode == 0) is importable, module


def test_a_new_campaign_builds_and_passes_its_own_checks(installed: Path, tmp_path: Path) -> None:
    campaign = tmp_path / "our-campaign"
    made = run(installed / "bin/treaty-explainer", "new", "campaign", campaign, cwd=tmp_path)
    assert "Wrote a new campaign repository" in made.stdout
    for name in [
        "README.md",
        "CONTRIBUTING.md",
        "Makefile",
        "mkdocs.yml",
        ".gitignore",
        "urls.txt",
        "campaign.yml",
        "schema/concern.schema.json",
        ".github/workflows/check.yml",
        ".github/workflows/deploy.yml",
    ]:
        assert (campaign / name).is_file(), name

    # The lock pins the very wheel kept in vendor/, by its hash.
    [wheel] = (campaign / "vendor").iterdir()
    lock = (campaign / "requirements.lock").read_text(encoding="utf-8")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert f"treaty-explainer==0.1.0 \\\n    --hash=sha256:{digest}\n" in lock
    assert "mkdocs==1.6.1" in lock and "--hash=sha256:" in lock.split("mkdocs==1.6.1")[1]
    generator_only = tmp_path / "generator-only.txt"
    generator_only.write_text(lock.split("# What it needs")[0], encoding="utf-8")
    pip: list[str | Path] = [installed / "bin/python", "-m", "pip", "--disable-pip-version-check"]
    run(*pip, "download", "--quiet", "--no-index", "--no-deps", "--require-hashes",
        "--find-links", campaign / "vendor", "-r", generator_only, "-d", tmp_path / "dl",
        cwd=campaign)  # fmt: skip

    # Built from any folder with --content, by the installed command.
    built = run(
        installed / "bin/treaty-explainer",
        "build",
        "--content",
        campaign,
        "--site-dir",
        tmp_path / "elsewhere",
        cwd=tmp_path,
    )
    assert built.stdout.startswith("Built ")
    assert (tmp_path / "elsewhere/concerns/shared-master-key/index.html").is_file()

    # The campaign's own checks, with the environment already installed.
    (installed / ".installed").touch()
    checked = run("make", "-C", campaign, "test", f"VENV={installed}", cwd=tmp_path)
    assert "OK: all" in checked.stdout
    assert (campaign / "site/index.html").is_file()


def test_workflows_of_a_new_campaign_pass_actionlint(installed: Path, tmp_path: Path) -> None:
    campaign = tmp_path / "linted"
    run(installed / "bin/treaty-explainer", "new", "campaign", campaign, cwd=tmp_path)
    actionlint = Path(sys.executable).with_name("actionlint")
    env_path = f"{actionlint.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    proc = subprocess.run(
        [actionlint, "-no-color", *sorted((campaign / ".github/workflows").glob("*.yml"))],
        cwd=campaign,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PATH": env_path},
    )
    assert (proc.returncode, proc.stdout + proc.stderr) == (0, "")
    deploy = (campaign / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "schedule:" in deploy and "cron:" in deploy  # the daily rebuild


def test_a_new_campaign_refuses_a_folder_in_use(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy/notes.txt").write_text("mine")
    proc = subprocess.run(
        [installed / "bin/treaty-explainer", "new", "campaign", tmp_path / "busy"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "is not empty; nothing was written" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["notes.txt"]
