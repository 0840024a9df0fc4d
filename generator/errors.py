"""The generator's own errors: one base class, one kind per way a run can fail.

A maintainer fixing YAML wants every mistake of a run at once, each with the
file, line and field, so every stage appends to a list of ContentIssues and
raises one ContentError at the end. Other failures (a command line that makes no
sense, a folder that cannot be written, an engine that crashed) are raised as
their own kind. The command line prints `report()` and exits with the kind's
`exit_code`, never with a traceback; EXIT_CODES documents them all.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_FILES = 3
EXIT_ENGINE = 4
EXIT_INTERRUPTED = 130
EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_CONTENT: "content errors, or pages the site engine refused; nothing was built",
    EXIT_USAGE: "usage errors: an unknown command, option or value",
    EXIT_FILES: "a file or folder could not be read or written (a path inside a file, "
    "no permission, a full disk)",
    EXIT_ENGINE: "the site engine failed: it crashed, timed out or is not installed",
    EXIT_INTERRUPTED: "interrupted (Ctrl+C)",
}


class GeneratorError(Exception):
    """Any failure the generator explains itself; the CLI prints `report()`."""

    exit_code = EXIT_CONTENT

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def report(self) -> str:
        return f"error: {self.message}" + (f" Hint: {self.hint}" if self.hint else "")


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


class ContentError(GeneratorError):
    """Raised once, at the end of a stage, carrying every issue found."""

    exit_code = EXIT_CONTENT

    def __init__(self, issues: list[ContentIssue]) -> None:
        self.issues = sorted(set(issues))
        super().__init__(f"{len(self.issues)} content error(s)")

    def report(self) -> str:
        lines = [str(issue) for issue in self.issues]
        count = len(self.issues)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


class UsageError(GeneratorError):
    """The command line asks for something that cannot be: nothing was done."""

    exit_code = EXIT_USAGE


class OutputError(GeneratorError):
    """A file or folder could not be read or written; the previous site is left as it was."""

    exit_code = EXIT_FILES

    @classmethod
    def from_os_error(cls, exc: OSError, doing: str = "write") -> OutputError:
        """One line from the system's own words: 'cannot write site/x: Not a directory'."""
        import jinja2

        if isinstance(exc, jinja2.TemplateNotFound):  # an OSError too, but no file's fault
            return cls(
                f"the theme asked for '{exc.name}', which does not exist; nothing was built.",
                "check the icon and template names in mkdocs.yml and in docs/overrides/.",
            )
        where = exc.filename if exc.filename is not None else "a file"
        reason = exc.strerror or str(exc)
        return cls(f"cannot {doing} {where}: {reason}.", _os_hint(exc))


def _os_hint(exc: OSError) -> str:
    import errno

    hints = {
        errno.ENOTDIR: "a file stands where a folder is needed; choose another path.",
        errno.EEXIST: "a file stands where a folder is needed; choose another path.",
        errno.EISDIR: "that is a folder; give the path of a file.",
        errno.EACCES: "you may not write there; choose a folder you own.",
        errno.EPERM: "you may not write there; choose a folder you own.",
        errno.EROFS: "that disk is read-only; choose another folder.",
        errno.ENOSPC: "the disk is full; free some space and run again.",
        errno.ENOENT: "check the path; a folder in it does not exist.",
    }
    return hints.get(exc.errno or 0, "")


class EngineError(GeneratorError):
    """The site engine could not finish (crash, time-out); the previous site is unchanged."""

    exit_code = EXIT_ENGINE


class TemplateError(GeneratorError):
    """A theme template (the campaign's docs/overrides/, or a name in mkdocs.yml) that the
    engine could not use; the previous site is unchanged."""

    exit_code = EXIT_CONTENT

    def __init__(self, message: str, hint: str = "", where: str = "") -> None:
        super().__init__(message, hint)
        self.where = where  # FILE:LINE, when the template names a line

    def report(self) -> str:
        if not self.where:
            return super().report()
        # Placed like a content error, so editors and annotations can jump to the line.
        return f"{self.where}: {self.message}" + (f" Hint: {self.hint}" if self.hint else "")


class SiteBuildError(GeneratorError):
    """The engine refused the generated pages (for example a broken internal link)."""

    exit_code = EXIT_CONTENT

    def report(self) -> str:
        return (
            "error: the site engine refused the generated pages; the previous site is "
            f"unchanged.\n{self.message}"
        )


def install_hint(engine: str) -> str:
    """How to install a site engine that is missing: a campaign made with `new campaign`
    installs Zensical with `make zensical`; everything else comes with `make install`."""
    where = "make zensical" if engine == "Zensical" else "make install"
    return f"install it ({where}), or build with the other engine (--engine)."
