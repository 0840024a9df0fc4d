"""Content problems, collected rather than raised one by one.

A maintainer fixing YAML wants every mistake of a run at once, each with the
file, line and field, so every stage appends to a list and the CLI prints it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentIssue:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        hint = f" Hint: {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class ContentError(Exception):
    """Raised once, at the end of loading, carrying every issue found."""

    def __init__(self, issues: list[ContentIssue]) -> None:
        self.issues = sorted(set(issues))
        super().__init__(f"{len(self.issues)} content error(s)")

    def report(self) -> str:
        lines = [str(issue) for issue in self.issues]
        count = len(self.issues)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)
