"""GitHub Actions workflows and pre-commit hooks: they parse, do their job, pass actionlint."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shlex
import subprocess
import sys
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github/workflows"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")
BIN = Path(sys.executable).parent


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def actionlint() -> Path:
    binary = BIN / "actionlint"
    assert binary.is_file(), "actionlint is a dev dependency: run `make install`"
    return binary


def run_actionlint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    # On PATH, shellcheck (also a dev dependency) lets actionlint check each `run:` script.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [actionlint(), "-no-color", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_workflows_pass_actionlint() -> None:
    result = run_actionlint()
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = (WORKFLOWS / "check.yml").read_text(encoding="utf-8")
    broken = broken.replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    step: []", 1)
    broken = broken.replace("${{ github.ref }}", "${{ github.reff }}")
    path = tmp_path / "broken.yml"
    path.write_text(broken, encoding="utf-8")
    result = run_actionlint(path)
    assert result.returncode == 1
    assert 'unexpected key "step"' in result.stdout
    assert "reff" in result.stdout


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    lines = [
        line
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:-\s+)?uses:", line)
    ]
    assert lines
    unpinned = [line.strip() for line in lines if not PINNED.match(line)]
    assert unpinned == [], "pin as owner/repo@<40-hex commit> # vX.Y.Z"


def test_pull_requests_validate_test_check_links_and_upload_the_site() -> None:
    check = load("check.yml")
    assert "pull_request" in check["on"]
    assert check["permissions"] == {"contents": "read"}
    commands = runs(check)
    assert ".venv/bin/python -m generator validate --format github" in commands
    assert "bash .ci/run" in commands  # lint + the whole test suite, as in the project's CI
    assert "generator links --site-dir site --format github" in commands
    upload = next(
        s for s in steps(check) if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"] == "site/"


def test_main_deploys_with_the_official_pages_actions() -> None:
    deploy = load("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert uses(deploy)[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert "actions/configure-pages" in uses(deploy)
    job = deploy["jobs"]["deploy"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert "generator validate" in runs(deploy) and "generator links" in runs(deploy)


def test_the_site_is_rebuilt_every_day_so_it_follows_the_calendar() -> None:
    deploy = load("deploy.yml")
    [schedule] = deploy["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and hour.isdigit() and minute.isdigit()
    # The build's date is the real one on the day it runs: nothing pins it.
    assert "SOURCE_DATE_EPOCH" not in (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    # It runs early in the day where the treaty is signed, winter and summer, so that the
    # day signature closes is the first day the pages say so.
    from generator.loader import load_campaign

    calendar = load_campaign(ROOT).campaign.treaty.calendar
    assert calendar is not None
    zone = zoneinfo.ZoneInfo(calendar.time_zone)
    for day in (dt.date(2026, 12, 31), dt.date(2026, 7, 1)):
        run = dt.datetime(day.year, day.month, day.day, int(hour), int(minute), tzinfo=dt.UTC)
        local = run.astimezone(zone)
        assert local.date() == day and local.hour < 3, (calendar.time_zone, local)


def test_pre_commit_hooks_validate_content_and_run_ruff() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"validate-content", "ruff-check", "ruff-format", "schema", "actionlint"} <= set(hooks)
    content = hooks["validate-content"]
    matches = re.compile(content["files"]).search
    excluded = re.compile(content["exclude"]).search
    assert matches("concerns/forced-decryption.yml") and not excluded("concerns/a.yml")
    assert excluded(".github/workflows/check.yml") and excluded("mkdocs.yml")
    for hook in hooks.values():
        # Every hook runs a tool from .venv that exists and answers --help.
        command = shlex.split(hook["entry"])
        assert command[0].startswith(".venv/bin/")
        tool = BIN / Path(command[0]).name
        assert tool.is_file(), command[0]
        args = list(itertools.takewhile(lambda arg: not arg.startswith("--"), command[1:]))
        probe = subprocess.run(
            [tool, *args, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert probe.returncode == 0, (hook["id"], probe.stderr)


def step_running(workflow: dict[str, Any], command: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if command in s.get("run", ""))


def test_deploy_builds_in_production_mode_with_what_github_knows() -> None:
    deploy = load("deploy.yml")
    job = deploy["jobs"]["build"]
    build = step_running(deploy, "generator build")
    assert "--production" in build["run"]
    # The address comes from GitHub Pages, asked before the build...
    pages = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/configure-pages"))
    assert pages["id"] == "pages"
    assert job["steps"].index(pages) < job["steps"].index(build)
    assert build["env"]["TX_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert job["permissions"] == {"contents": "read", "pages": "read"}
    # ... the repository and its issues page from the run's own context.
    assert job["env"]["TX_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"
    assert job["env"]["TX_CONTACT_URL"] == job["env"]["TX_REPOSITORY"] + "/issues"
    validate = step_running(deploy, "generator validate")
    assert "--production" in validate["run"] and "--format github" in validate["run"]


def test_pull_requests_run_the_production_checks_with_what_github_knows(tmp_path: Path) -> None:
    check = load("check.yml")
    job = check["jobs"]["content"]
    assert "--production" in step_running(check, "validate --production")["run"]
    issues = "${{ github.server_url }}/${{ github.repository }}/issues"
    assert job["env"]["TX_CONTACT_URL"] == issues
    address = step_running(check, "TX_SITE_URL=")
    # The default address of a project site, and of a user or organisation site.
    for repository, expected in [
        ("Someone/treaty-explainer", "https://someone.github.io/treaty-explainer/"),
        ("someone/Someone.github.io", "https://someone.github.io/"),
    ]:
        owner = repository.split("/")[0]
        env_file = tmp_path / f"{repository.replace('/', '-')}.env"
        subprocess.run(
            ["bash", "-c", address["run"]],
            env={
                "GITHUB_REPOSITORY": repository,
                "GITHUB_REPOSITORY_OWNER": owner,
                "GITHUB_ENV": str(env_file),
                "PATH": os.environ.get("PATH", ""),
            },
            check=True,
            timeout=30,
        )
        assert env_file.read_text(encoding="utf-8") == f"TX_SITE_URL={expected}\n"
