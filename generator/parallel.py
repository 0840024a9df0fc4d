"""Work shared among forked processes, where the machine's other cores would idle.

A rebuild finds its share cards in the cache, and then one process renders every page of
every language while the other cores wait. Forked workers inherit everything already in
memory (the campaign, the compiled templates), so each only does its share of the work
and sends back the result. Only on Linux, and only from a process without threads: a fork
copies one thread, and a lock another thread held (the live preview's server) would stay
held in the child forever.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

# The task of the workers being forked: they inherit it, so it need not be picklable.
_task: Callable[[int], Any] | None = None


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def map_forked(task: Callable[[int], T], count: int, processes: int) -> list[T]:
    """[task(0), ..., task(count - 1)], computed by `processes` forked workers.

    What a worker could not compute (it raised, or died) is computed here, in order, so an
    error is raised in this process exactly as without workers.
    """
    global _task
    _task = task
    results: list[tuple[bool, Any]] = [(False, None)] * count
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            chunk = max(1, count // (processes * 4))  # small enough to even out the shares
            results = list(pool.map(_run, range(count), chunksize=chunk))
    except BrokenProcessPool:
        pass  # a worker died: everything is computed here
    finally:
        _task = None
    return [value if done else task(i) for i, (done, value) in enumerate(results)]


def _run(index: int) -> tuple[bool, Any]:
    assert _task is not None
    try:
        return True, _task(index)
    except Exception:  # computed again by the parent, which raises it
        return False, None
