"""Where a build writes the docs trees its engine reads: in memory when the system has room.

A docs tree is written, read once by the engine and deleted with the build's scratch
folder. Where making a file costs (on the 2-core machine of the benchmarks, a thousand
pages took 0.9 s to write to disk against 0.1 s in memory), writing the trees into Linux's
shared-memory folder saves that time on every build. Without that folder, or without room
to spare in it, they go beside the site, into the build's scratch folder, as always.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MEMORY = Path("/dev/shm")  # noqa: S108 - only the parent of a private mkdtemp folder
PREFIX = "tx-docs-"  # + the building process's id + a random part
STALE = 3600  # seconds: a folder younger than this is never swept
ROOM = 4  # times the trees' size that must be free before a build writes them there


@contextlib.contextmanager
def docs_root(beside: Path, size: int, memory: bool = True) -> Iterator[Path]:
    """A folder for docs trees of about `size` bytes, removed on exit: in memory (unless
    `memory` is false), or else `beside` (the build's scratch folder, which its owner
    removes)."""
    if memory:
        _sweep()
    if not (memory and _has_room(size)):
        yield beside
        return
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-", dir=MEMORY) as folder:
        yield Path(folder)


def _sweep() -> None:
    """Remove what killed builds left in memory, which would hold it until the machine
    restarts: our own user's folders, an hour old or more, whose process is gone (the
    hour keeps a build in another process namespace, another id, safe)."""
    for folder in MEMORY.glob(f"{PREFIX}*-*"):
        try:
            pid = int(folder.name.removeprefix(PREFIX).split("-", 1)[0])
            made = folder.stat()
        except (ValueError, OSError):
            continue
        if made.st_uid == os.getuid() and time.time() - made.st_mtime >= STALE and _gone(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # there, another user's
        pass
    return False


def _has_room(size: int) -> bool:
    try:
        if not os.access(MEMORY, os.W_OK | os.X_OK):
            return False
        stats = os.statvfs(MEMORY)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize >= ROOM * size
