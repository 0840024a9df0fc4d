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


def workflow_command(level: str, message: str, **props: str | int) -> str:
    """'::error file=a.yml,line=3::message' - GitHub shows it on the run and the diff."""
    shown = ",".join(f"{key}={_escape_property(str(value))}" for key, value in props.items())
    return (
        f"::{level} {shown}::{_escape_data(message)}"
        if shown
        else f"::{level}::{_escape_data(message)}"
    )


def github_annotations(
    issues: Iterable[ContentIssue],
    content_dir: Path,
    base: Path | None = None,
    level: str = "error",
) -> list[str]:
    """One '::error file=...,line=...,col=...,title=...::message' line per issue."""
    base = base or workspace()
    lines = []
    for issue in issues:
        message = issue.message + (f" Hint: {issue.hint}" if issue.hint else "")
        lines.append(
            workflow_command(
                level,
                message,
                file=repo_path(content_dir, issue.file, base),
                line=issue.line,
                col=issue.column,
                title=issue.field or "Content error",
            )
        )
    return lines
