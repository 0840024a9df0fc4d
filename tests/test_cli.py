"""The command line as a maintainer runs it: exit codes, messages, and a site that survives."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ISSUE_LINE, ROOT, assert_clean_failure, run_cli, snapshot


def test_validate_ok(campaign: Path) -> None:
    result = run_cli("validate", "--content", campaign)
    assert result.code == 0
    assert result.out.startswith("OK: 2 concerns, 2 articles")


def test_validate_reports_every_error_with_position_and_count(campaign: Path) -> None:
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(
        concern.read_text().replace("order: 10", "order: ten").replace("summary:", "sumary:")
    )
    (campaign / "timeline.yml").write_text("events:\n\t- date: 2020\n")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    lines = result.err.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 1} errors found; nothing was built."
    parsed = [ISSUE_LINE.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    files = {m["file"] for m in parsed if m}
    assert files == {"concerns/weak-safeguards.yml", "timeline.yml"}
    assert any(m and m["rest"].startswith("order: ") for m in parsed)
    assert any(m and m["rest"].startswith("sumary: unknown field") for m in parsed)


def test_usage_errors_exit_2(campaign: Path) -> None:
    assert_clean_failure(run_cli("frobnicate"), code=2)
    assert_clean_failure(run_cli("validate", "--content", campaign / "nowhere"), code=2)
    assert_clean_failure(run_cli("build", "--bogus"), code=2)


def test_help_exits_0() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for command in ("validate", "build", "serve", "schema", "generate"):
        assert command in result.out


def test_failed_build_leaves_previous_site_byte_for_byte(campaign: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("build", "--content", campaign, "--site-dir", site).code == 0
    before = snapshot(site)
    assert "concerns/weak-safeguards/index.html" in before
    broken = campaign / "concerns/secret-interception.yml"
    broken.write_text(broken.read_text().replace("article: 9", "article: 99"))
    result = run_cli("build", "--content", campaign, "--site-dir", site)
    assert_clean_failure(result)
    assert "concerns/secret-interception.yml:" in result.err
    assert snapshot(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def test_build_replaces_stale_pages(campaign: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run_cli("build", "--content", campaign, "--site-dir", site)
    (campaign / "concerns/secret-interception.yml").unlink()
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("related: [secret-interception]\n", ""))
    assert run_cli("build", "--content", campaign, "--site-dir", site).code == 0
    assert not (site / "concerns/secret-interception").exists()


def test_schema_prints_json_schema_for_every_file() -> None:
    result = run_cli("schema")
    assert result.code == 0
    schemas = json.loads(result.out)
    assert set(schemas) == {
        "campaign",
        "articles",
        "recommendations",
        "sources",
        "timeline",
        "glossary",
        "action",
        "countries",
        "concern",
    }
    concern = schemas["concern"]
    assert "slug" in concern["required"]
    assert concern["additionalProperties"] is False


def test_default_content_is_the_current_folder(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.code == 0, result.err
    elsewhere = run_cli("validate", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert_clean_failure(elsewhere, code=2)
    assert elsewhere.err.startswith("error: . is not a campaign folder"), elsewhere.err
