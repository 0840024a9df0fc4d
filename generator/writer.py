"""Write one language's docs tree to disk, safely and without needless churn."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .errors import GeneratorError, OutputError, UsageError
from .outputs import Outputs


class WriteError(GeneratorError):
    """An output path that would land outside the output folder (a defect, never content)."""


def safe_join(root: Path, relative: str) -> Path:
    """Refuse any output path that would land outside `root`."""
    target = (root / relative).resolve()
    if relative.startswith("/") or not target.is_relative_to(root.resolve()):
        raise WriteError(f"refusing to write outside the output folder: {relative}")
    return target


def write(outputs: Outputs, folder: str, out_dir: Path) -> Path:
    """The docs tree of one language (folder "" or "fr/") into `out_dir`; return it."""
    write_files(outputs.files(folder), out_dir)
    return out_dir


def write_files(files: Mapping[str, bytes], out_dir: Path) -> None:
    """Make `out_dir` hold exactly `files`, touching only what changed.

    Unchanged files keep their timestamps so a live-reload watcher sees no change. A
    folder that holds something else than a docs tree is refused: emptying it of what
    was not written here would lose someone's files.
    """
    refuse_foreign(
        out_dir,
        "index.md",
        "a generated docs tree",
        "give an empty folder, or one an earlier `generate` wrote.",
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            target = safe_join(out_dir, name)
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        wanted = {safe_join(out_dir, name) for name in files}
        for path in sorted(out_dir.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    except OSError as exc:
        raise OutputError.from_os_error(exc) from None


def refuse_foreign(folder: Path, marker: str, what: str, hint: str) -> None:
    """A folder we replace or prune must be one we made (it holds `marker`) or be empty:
    never delete a maintainer's files because a path option pointed at the wrong place."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write {folder}: it is a file.", hint)
    try:
        foreign = folder.is_dir() and any(folder.iterdir()) and not (folder / marker).is_file()
    except OSError as exc:
        raise OutputError.from_os_error(exc, "read") from None
    if foreign:
        raise UsageError(f"{folder} holds files that are not {what}; nothing was written.", hint)
