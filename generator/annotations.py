"""Content errors as GitHub Actions workflow commands, so a pull request shows each one
on the right file and line of its diff."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import ContentIssue


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(content_dir: Path, file: str, base: Path) -> str:
    """The issue's file relative to the repository root, which GitHub needs even when the
    campaign lives in a subfolder."""
    path = os.path.relpath(Path(content_dir, file).resolve(), base.resolve())
    return Path(path).as_posix()


def workspace() -> Path:
    return Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())


def github_annotations(
    issues: Iterable[ContentIssue], content_dir: Path, base: Path | None = None
) -> list[str]:
    """One '::error file=...,line=...,col=...,title=...::message' line per issue."""
    base = base or workspace()
    lines = []
    for issue in issues:
        file = repo_path(content_dir, issue.file, base)
        title = f"{issue.field}" if issue.field else "Content error"
        message = issue.message + (f" Hint: {issue.hint}" if issue.hint else "")
        props = (
            f"file={_escape_property(file)},line={issue.line},col={issue.column},"
            f"title={_escape_property(title)}"
        )
        lines.append(f"::error {props}::{_escape_data(message)}")
    return lines
