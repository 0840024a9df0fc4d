"""Hostile or unlucky input ends in one readable line and the right exit code, never a crash."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from conftest import ISSUE_LINE, MINIMAL, assert_clean_failure, run_cli, snapshot
from generator import site as site_module
from generator import writer, zensical_site
from generator.cli import main
from generator.errors import EXIT_CODES
from generator.yamlsrc import MAX_DEPTH


@pytest.mark.parametrize("levels", [5_000, 50_000])
def test_deeply_nested_yaml_is_refused_before_it_can_crash(campaign: Path, levels: int) -> None:
    """5,000 levels used to raise RecursionError; 50,000 crashed the process (libyaml)."""
    (campaign / "glossary.yml").write_text("terms: " + "[" * levels + "]" * levels + "\n")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    first = result.err.splitlines()[0]
    match = ISSUE_LINE.match(first)
    assert match and (match["file"], match["line"]) == ("glossary.yml", "1"), first
    # The file's own mapping is the first level: the 64th bracket is one too many.
    assert int(match["col"]) == len("terms: ") + MAX_DEPTH
    assert f"nest more than {MAX_DEPTH} levels deep" in first


def test_deep_block_indentation_is_refused_too(campaign: Path) -> None:
    lines = ["terms:"] + ["  " * depth + "- " for depth in range(1, 200)]
    (campaign / "glossary.yml").write_text("\n".join(lines) + "\n")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert result.err.startswith(f"glossary.yml:{MAX_DEPTH + 1}:")


def test_site_dir_inside_a_file(campaign: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("build", "--content", campaign, "--site-dir", tmp_path / "notes.txt/site")
    assert_clean_failure(result, code=3)
    assert result.err.startswith(f"error: cannot write {tmp_path / 'notes.txt'}: ")
    assert len(result.err.splitlines()) == 1
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_site_dir_that_is_a_file_is_not_replaced(campaign: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("build", "--content", campaign, "--site-dir", tmp_path / "notes.txt")
    assert_clean_failure(result, code=3)
    assert "it is a file" in result.err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_out_inside_a_file(campaign: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_cli("generate", "--content", campaign, "--out", tmp_path / "notes.txt/docs")
    assert_clean_failure(result, code=3)
    assert result.err.startswith("error: cannot write ")
    assert len(result.err.splitlines()) == 1


def _unwritable(tmp_path: Path) -> Path:
    """A folder this process may not write in, whoever runs the tests."""
    if os.geteuid() == 0:  # root writes anywhere a permission bit says no; sysfs refuses
        if not Path("/sys/kernel").is_dir():
            pytest.skip("no folder that refuses root here")
        return Path("/sys")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_an_unwritable_folder(campaign: Path, tmp_path: Path) -> None:
    folder = _unwritable(tmp_path)
    result = run_cli("build", "--content", campaign, "--site-dir", folder / "site")
    assert_clean_failure(result, code=3)
    assert result.err.startswith("error: cannot write ")
    assert len(result.err.splitlines()) == 1


def test_a_full_disk(
    campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fills up while the docs tree is written: the system's error, in one line."""
    site = tmp_path / "site"
    assert main(["build", "--content", str(campaign), "--site-dir", str(site)]) == 0
    before = snapshot(site)
    capsys.readouterr()

    class FullDisk:
        """The operating system as the writer sees it, with no room for another file."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def open(path: object, *args: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(writer, "os", FullDisk())
    assert main(["build", "--content", str(campaign), "--site-dir", str(site)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write ")
    assert "No space left on device. Hint: the disk is full" in err
    assert len(err.splitlines()) == 1
    monkeypatch.undo()
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign", "site"]


def test_a_manifest_that_is_not_a_file(campaign: Path, tmp_path: Path) -> None:
    for manifest in (tmp_path, Path("/dev/full")):
        for extra in ([], ["--check", str(tmp_path)]):
            result = run_cli("urls", "--content", campaign, "--manifest", manifest, *extra)
            assert_clean_failure(result, code=3)
            assert result.err.startswith(f"error: cannot read {manifest}: it is not a file.")


def test_an_engine_that_hangs_is_stopped(
    campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    engine: str,
) -> None:
    site = tmp_path / "site"
    assert main(["build", "--content", str(campaign), "--site-dir", str(site)]) == 0
    before = snapshot(site)
    capsys.readouterr()
    hang = tmp_path / "hang"
    hang.write_text("#!/bin/sh\nexec sleep 60\n")
    hang.chmod(0o755)
    monkeypatch.setattr(zensical_site, "ZENSICAL", hang)
    monkeypatch.setattr(site_module, "MKDOCS_RUN", [str(hang)])
    monkeypatch.setenv("TX_ENGINE_TIMEOUT", "1")
    start = time.monotonic()
    code = main(["build", "--engine", engine, "--content", str(campaign), "--site-dir", str(site)])
    assert code == 4
    assert time.monotonic() - start < 30  # stopped, not waited for
    err = capsys.readouterr().err
    name = {"mkdocs": "MkDocs", "zensical": "Zensical"}[engine]
    assert err.startswith(f"error: {name} did not finish within 1 seconds and was stopped")
    assert "(building the en pages); the previous site is unchanged." in err
    assert len(err.splitlines()) == 1
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign", "hang", "site"]


def test_help_lists_every_exit_code() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for code, meaning in EXIT_CODES.items():
        assert f"  {code:<4} {meaning.split()[0]}" in result.out


def test_a_folder_without_a_campaign_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", "--content", tmp_path)
    assert_clean_failure(result, code=2)
    assert "is not a campaign folder" in result.err
    assert run_cli("validate", "--content", MINIMAL).code == 0


@pytest.mark.parametrize("port", ["99999", "-1", "eighty"])
def test_a_port_that_cannot_be(campaign: Path, port: str) -> None:
    """99999 used to end in an OverflowError traceback from the socket."""
    result = run_cli("serve", "--content", campaign, "--port", port)
    assert_clean_failure(result, code=2)
    assert f"argument --port: '{port}' is not a port: give a number from 0 to 65535" in result.err


def test_a_file_where_an_output_folder_belongs(campaign: Path) -> None:
    result = run_cli("schema", "--out", campaign / "campaign.yml")
    assert_clean_failure(result, code=3)
    assert result.err.endswith(
        "File exists. Hint: a file stands where a folder is needed; choose another path.\n"
    )


def test_a_broken_theme_template_is_named_and_the_site_kept(campaign: Path, tmp_path: Path) -> None:
    """A syntax error in a campaign's own template used to end in a Jinja traceback that
    named the build's scratch copy; a missing icon was 'cannot write a file' (now it is
    caught before the build, at its line in mkdocs.yml)."""
    site = tmp_path / "site"
    assert run_cli("build", "--content", campaign, "--site-dir", site).code == 0
    before = snapshot(site)
    overrides = campaign / "docs/overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% if %}\n')
    result = run_cli("build", "--content", campaign, "--site-dir", site)
    assert_clean_failure(result)
    assert result.err.splitlines()[-1].startswith(
        "docs/overrides/main.html:2: template error: Expected an expression"
    )
    (overrides / "main.html").unlink()
    (campaign / "mkdocs.yml").write_text("theme:\n  icon:\n    logo: material/no-such-icon\n")
    result = run_cli("build", "--content", campaign, "--site-dir", site)
    assert "Traceback" not in result.err and result.code != 0
    assert result.err.splitlines()[0].startswith(
        "mkdocs.yml:3:5: theme.icon.logo: the theme has no icon 'material/no-such-icon'."
    )
    assert "did you mean" not in result.err  # no far-fetched guess
    assert snapshot(site) == before
