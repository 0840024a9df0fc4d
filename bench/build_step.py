"""One whole build, as `python -m generator build` runs it, timed from inside: how much of
it the engine took. Run in a fresh process by bench/engines.py, which times the process
from outside.

    python bench/build_step.py CONTENT SITE_DIR ENGINE

A first build: `--no-cache` draws every share card and compiles every template, as a
build with an empty `.cache/` does, without touching the campaign's own cache.

Prints JSON: `imports` (the generator's, before any work), `engine` (the engine
processes, from the first one started to the last one finished: every language, side by
side) and `work` (everything after the imports, the engine included). What is neither
imports nor engine is the generator's part of the build. Also the processor time this
process used (`cpu`) and its children did (`cpu_children`: the engine's processes and the
share cards' workers), which a busy machine changes far less than the time on the clock.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import cli, processes  # noqa: E402 - timed from before this import

IMPORTED = time.perf_counter()
ENGINE = 0.0


def _timed(run_all: Callable[..., None]) -> Callable[..., None]:
    def run(*args: Any, **kwargs: Any) -> None:
        global ENGINE
        started = time.perf_counter()
        try:
            return run_all(*args, **kwargs)
        finally:
            ENGINE += time.perf_counter() - started

    return run


def build_step(content: str, site: str, engine: str) -> dict[str, float]:
    processes.run_all = _timed(processes.run_all)
    args = ["build", "--no-cache", "--content", content, "--site-dir", site, "--engine", engine]
    code = cli.main(args)
    if code != 0:
        raise SystemExit(code)
    done = time.perf_counter()
    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {
        "imports": IMPORTED - START,
        "engine": ENGINE,
        "work": done - IMPORTED,
        "cpu": me.ru_utime + me.ru_stime,
        "cpu_children": children.ru_utime + children.ru_stime,
    }


if __name__ == "__main__":
    print(json.dumps(build_step(*sys.argv[1:4])))
