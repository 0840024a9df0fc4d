"""Write one language's docs tree to disk, safely and without needless churn."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from .cache import Entry
from .errors import GeneratorError, OutputError, UsageError
from .outputs import Outputs


class WriteError(GeneratorError):
    """An output path that would land outside the output folder (a defect, never content)."""


def safe_join(root: Path, relative: str) -> Path:
    """`root`/`relative`, refusing any path that would land outside `root`.

    Checked by its words, not on disk: a build writes thousands of files, and resolving
    each (a system call per folder of its path) cost more than writing it. Links are
    refused where they are met instead (see `_write`).
    """
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or "\\" in relative or ".." in parts:
        raise WriteError(f"refusing to write outside the output folder: {relative}")
    return root.joinpath(*parts)


def write(outputs: Outputs, folder: str, out_dir: Path, *, for_engine: bool = False) -> Path:
    """The docs tree of one language (folder "" or "fr/") into `out_dir`; return it.
    `for_engine`: without the files the pipeline puts into the built site itself."""
    write_files(outputs.files(folder, for_engine=for_engine), out_dir)
    return out_dir


def place(files: Mapping[str, bytes], site: Path) -> None:
    """Add `files` to a site an engine has just built (a cache entry is linked)."""
    try:
        _put(files, site.resolve())
    except OSError as exc:
        raise OutputError.from_os_error(exc) from None


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
        root = out_dir.resolve()
        wanted, folders = _put(files, root)
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_dir() and not path.is_symlink():
                if path not in folders and not any(path.iterdir()):
                    path.rmdir()
            elif path not in wanted:
                path.unlink()
    except OSError as exc:
        raise OutputError.from_os_error(exc) from None


def _put(files: Mapping[str, bytes], root: Path) -> tuple[set[Path], set[Path]]:
    """Write `files` under the resolved folder `root`, each folder made once; return the
    files' paths and every folder they are in."""
    folders, wanted = {root}, set()
    for name, data in files.items():
        target = safe_join(root, name)
        wanted.add(target)
        if target.parent not in folders:
            _make_folder(root, target.parent)
            folders.update(target.parent.parents)
            folders.add(target.parent)
        _write(target, data)
    return wanted, folders


def _make_folder(root: Path, folder: Path) -> None:
    # Resolved before anything is made: a link to elsewhere on the way is followed as far
    # as the path exists, so no folder is ever made outside `root`.
    if not folder.resolve().is_relative_to(root):
        raise WriteError(f"refusing to write outside the output folder: {folder}")
    folder.mkdir(parents=True, exist_ok=True)


def _write(target: Path, data: bytes) -> None:
    """Make `target` hold `data`, unless it already does (read only, so that a watcher
    sees no change). A cache entry is linked rather than written again; a file is
    replaced, never changed in place, as it may be a link to one; and nothing is ever
    written through a symbolic link (O_NOFOLLOW)."""
    try:
        if target.read_bytes() == data:
            return
        target.unlink()
    except FileNotFoundError:
        pass
    if isinstance(data, Entry):
        try:
            os.link(data.file, target)
            return
        except OSError:  # another file system, or links not allowed: write it
            pass
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except FileExistsError:
        raise WriteError(f"refusing to write through a link: {target}") from None
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def move_into(source: Path, target: Path, both: Callable[[Path], None]) -> None:
    """Move everything in the folder `source` into the folder `target`. A folder that
    `target` lacks is moved whole, one rename instead of a folder made and a rename for
    each file in it; for a path both have (but two folders), `both` is called with the
    one in `target`, and the other stays where it is."""
    for entry in sorted(source.iterdir()):
        there = target / entry.name
        if entry.is_dir() and not entry.is_symlink() and there.is_dir() and not there.is_symlink():
            move_into(entry, there, both)
        elif there.exists() or there.is_symlink():
            both(there)
        else:
            entry.rename(there)


def swap_in(new: Path, target: Path, trash: Path) -> None:
    """Put the folder `new` where `target` is, moving the old one to `trash` for the caller
    to delete. Should the second move fail, the old one is moved back to `target` rather
    than left in the trash."""
    had = target.exists()
    if had:
        target.rename(trash)
    try:
        new.rename(target)
    except BaseException:
        if had:
            trash.rename(target)
        raise


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
