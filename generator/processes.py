"""Engine builds as processes: run side by side on the machine's cores, each with a time limit.

Every language is its own engine build (and a large one may be split in parts, see
site.py), and none depends on another, so they run at once, as many as there are cores.
A process of its own also means an engine that hangs can be stopped, and one that
crashes (Zensical is Rust underneath) cannot take the generator down with it.

A process that fails, or runs past the time limit, stops all the others: the build has
failed, and pipeline.py leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import EngineError, GeneratorError, install_hint

# Seconds one process may take; a build that takes longer has hung. TX_ENGINE_TIMEOUT
# changes it (a very large campaign on a slow machine, or a test).
TIMEOUT = 600.0
_POLL = 0.02  # seconds between looks at the running processes


@dataclass(frozen=True)
class Process:
    """One engine process: what to run, where, and what a failure means."""

    argv: Sequence[str]
    cwd: Path
    engine: str  # the engine's name as readers know it: "MkDocs", "Zensical"
    part: str  # what it builds, for messages: "the fr pages"
    # An exit code other than 0 and the process's output -> the error to raise.
    failure: Callable[[int, str], GeneratorError]
    env: Mapping[str, str] | None = None  # None: this process's environment


@dataclass(frozen=True)
class EngineBuild:
    """One language's build as an engine adapter plans it: the processes that make it
    (run side by side with every other language's), then `finish`, which puts their
    output together, checks it and returns the folder of that language's site."""

    processes: Sequence[Process]
    finish: Callable[[], Path]


def python_env() -> dict[str, str]:
    """This environment, where `python -m generator.…` finds this very generator, whether
    it is installed or run from a checkout."""
    root = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([root, path] if path else [root]),
        # `python -m` would look in the current folder first, before PYTHONPATH: run from
        # inside another checkout, a worker would import that checkout's generator.
        "PYTHONSAFEPATH": "1",
    }


def timeout() -> float:
    value = os.environ.get("TX_ENGINE_TIMEOUT", "")
    try:
        return float(value) if value else TIMEOUT
    except ValueError:
        return TIMEOUT


def workers() -> int:
    """How many processes to run at once: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Running:
    process: Process
    popen: subprocess.Popen[bytes]
    output: IO[bytes]
    started: float


def run_all(processes: Sequence[Process], limit: float | None = None) -> None:
    """Run every process, at most workers() at a time; return when all have succeeded.

    Raises the failing process's error (its `failure`), or EngineError when one runs
    past `limit` seconds or cannot be started; every other process is stopped first.
    """
    limit = timeout() if limit is None else limit
    waiting = list(processes)
    running: list[_Running] = []
    try:
        while waiting or running:
            while waiting and len(running) < workers():
                running.append(_start(waiting.pop(0)))
            time.sleep(_POLL)
            for run in list(running):
                code = run.popen.poll()
                if code is None:
                    if time.monotonic() - run.started > limit:
                        raise _timed_out(run.process, limit)
                    continue
                running.remove(run)
                if code != 0:
                    raise run.process.failure(code, _read(run))
                run.output.close()
    finally:
        for run in running:
            _stop(run)


def _start(process: Process) -> _Running:
    # Output goes to a file, not a pipe: a chatty engine can never block on a full pipe.
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the process has ended
    try:
        popen = subprocess.Popen(
            list(process.argv),
            cwd=process.cwd,
            env=process.env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children
        )
    except FileNotFoundError:
        output.close()
        raise EngineError(
            f"{process.engine} is not installed ({process.argv[0]} is missing).",
            install_hint(process.engine),
        ) from None
    return _Running(process, popen, output, time.monotonic())


def _read(run: _Running) -> str:
    run.output.seek(0)
    text = run.output.read().decode("utf-8", errors="replace")
    run.output.close()
    return text.strip()


def _timed_out(process: Process, limit: float) -> EngineError:
    return EngineError(
        f"{process.engine} did not finish within {limit:g} seconds and was stopped "
        f"(building {process.part}); the previous site is unchanged.",
        "run the build again; if it hangs again, try the other engine (--engine), "
        "or allow more time with TX_ENGINE_TIMEOUT=SECONDS.",
    )


def _stop(run: _Running) -> None:
    if run.popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
            os.killpg(run.popen.pid, signal.SIGKILL)
        run.popen.wait()
    run.output.close()
