"""Work an earlier build already did, kept on disk and found again by what it was made from.

Drawing a share card costs far more than rendering its page, and compiling the templates
costs more than rendering a small campaign, so both are kept between builds, in the
`.cache/` folder beside the content (git ignores it; deleting it is always safe). An
entry's name is a hash of everything that went into it, including the code that made
it, so a stale entry is never found: a change makes a new name. The cache is only ever
a shortcut: when the folder cannot be written, the build does the work again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

FOLDER = ".cache"


def digest(*parts: str | bytes) -> str:
    """An entry's name, made from `parts`; ("ab", "c") and ("a", "bc") get different names."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


class Entry(bytes):
    """An entry's bytes, which are also its file in the cache: a writer may link that file
    where the bytes go instead of creating another (creating a file is what costs, see
    `writer`). Entries are never changed in place (see `write_entry`), so a link stays
    what was linked."""

    file: Path

    @classmethod
    def at(cls, file: Path, data: bytes) -> Entry:
        entry = cls(data)
        entry.file = file
        return entry


class Cache:
    """Entries of several kinds ("cards", "templates") under one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._used: dict[str, set[str]] = {}

    def used(self, kind: str) -> set[str]:
        """The entries of `kind` this cache has been asked for or given (one build's)."""
        return set(self._used.get(kind, ()))

    @classmethod
    def beside(cls, content_dir: Path) -> Cache:
        return cls(content_dir / FOLDER)

    def get(self, kind: str, key: str) -> bytes | None:
        self._used.setdefault(kind, set()).add(key)
        file = self.root / kind / key
        try:
            entry = Entry.at(file, file.read_bytes())
            if file.stat().st_mode & 0o777 != new_file_mode():
                file.chmod(new_file_mode())  # an entry kept private by an older generator
        except OSError:
            return None
        return entry

    def folder(self, kind: str) -> Path | None:
        """Where entries of `kind` lie, for worker processes that write them themselves
        (see `write_entry`); None when the folder cannot be made."""
        try:
            (self.root / kind).mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self.root / kind

    def use(self, kind: str, key: str) -> None:
        """Count an entry a worker wrote as one this build used."""
        self._used.setdefault(kind, set()).add(key)

    def put(self, kind: str, key: str, data: bytes) -> None:
        self._used.setdefault(kind, set()).add(key)
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_entry(folder, key, data)
        except OSError:
            return

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Forget entries of `kind` this build did not use: the folder keeps the campaign's size."""
        try:
            for entry in (self.root / kind).iterdir():
                if entry.name in keys:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink()
        except OSError:
            return

    def templates(self, environment: str = "") -> jinja2.BytecodeCache | None:
        """Compiled templates; Jinja checks each against its template's source itself.

        Compiled code also depends on the environment it was compiled in (which filters
        take the page's context, for one), so `environment` names a folder of its own.
        """
        kind = "templates"
        folder = self.root / kind / (environment[:16] or "default")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        self.keep_only(kind, {folder.name})
        import jinja2  # only a build needs it, not `validate`

        return jinja2.FileSystemBytecodeCache(str(folder))


def write_entry(folder: Path, key: str, data: bytes) -> None:
    """Write an entry aside, then rename it: a build that stops half-way leaves no torn
    entry (a leftover `.tmp-` file is pruned by the next build's `keep_only`)."""
    fd, scratch = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    # mkstemp makes the file private (0600); a share card's entry is linked into the site,
    # where a web server running as another user must be able to read it.
    os.fchmod(fd, new_file_mode())
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(scratch, folder / key)


@functools.cache
def new_file_mode() -> int:
    """The mode `open()` gives a new file here: 0666 less the process's umask."""
    umask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(umask)
    return 0o666 & ~umask


class _Memory:
    """The client Jinja's memcached bytecode cache expects, kept in this process."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes:
        return self.entries.get(key, b"")  # empty: Jinja compiles the template

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self.entries[key] = value


def templates_in_memory() -> jinja2.BytecodeCache:
    """Compiled templates kept only while this process runs (Jinja checks each against
    its template's source, so an edited template is compiled again)."""
    import jinja2

    return jinja2.MemcachedBytecodeCache(_Memory())
