"""Pages rendered by forked workers (generator/parallel.py): the same pages, in the same
order, and an error raised as it would be without them.

Each check forks from a fresh Python process, as `generator build` does: the test process
may have a server thread of another test running, and forking from a process with
threads is what the generator refuses to do."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from typing import Any

import pytest

from conftest import MULTILINGUAL, ROOT
from generator import parallel

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")


def fresh(code: str) -> Any:
    """What `code`, run in a new Python process, prints as JSON on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_results_come_back_in_order_from_other_processes() -> None:
    squares, pids, here = fresh(
        """
        import json, os
        from generator import parallel
        assert parallel.can_fork()
        results = parallel.map_forked(lambda i: (i * i, os.getpid()), 40, 2)
        print(json.dumps([[s for s, _ in results], [p for _, p in results], os.getpid()]))
        """
    )
    assert squares == [i * i for i in range(40)]
    assert set(pids) - {here}  # computed by the workers


def test_an_error_in_a_worker_is_raised_here_as_without_workers() -> None:
    raised = fresh(
        """
        import json, os
        from generator import parallel
        def task(i):
            if i == 7:
                raise ValueError(f"page {i} is broken in {os.getpid()}")
            return i
        try:
            parallel.map_forked(task, 20, 2)
        except ValueError as exc:
            print(json.dumps([str(exc), os.getpid()]))
        """
    )
    assert raised == [f"page 7 is broken in {raised[1]}", raised[1]]  # raised in the parent


def test_a_worker_that_dies_leaves_its_share_to_this_process() -> None:
    results = fresh(
        """
        import json, os
        from generator import parallel
        here = os.getpid()
        def task(i):
            if os.getpid() != here:
                os._exit(3)  # a worker killed mid-task
            return i
        print(json.dumps(parallel.map_forked(task, 10, 2)))
        """
    )
    assert results == list(range(10))


def test_no_fork_from_a_process_with_threads() -> None:
    """The live preview serves pages from threads: a fork there could deadlock."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
    finally:
        stop.set()
        thread.join()


def test_forked_rendering_gives_every_language_the_same_pages_in_the_same_order() -> None:
    forked, same = fresh(
        f"""
        import json, tempfile
        from pathlib import Path
        from generator import parallel, pipeline, render
        from generator.cache import Cache

        def trees(loaded, cache):
            rendered = pipeline.render(loaded, cache)
            return {{
                k: (list(v.files.items()), v.origins, v.nav, v.config)
                for k, v in rendered.items()
            }}

        cache = Cache(Path(tempfile.mkdtemp()))
        loaded = pipeline.load(Path({str(MULTILINGUAL)!r}))
        pipeline.render(loaded, cache)  # the cards in the cache: no card workers
        forked = []
        map_forked = parallel.map_forked
        def counting(task, count, processes):
            forked.append(count)
            return map_forked(task, count, processes)
        render.FORKED_PAGES = 1
        render.workers = lambda: 2
        parallel.map_forked = counting
        with_workers = trees(loaded, cache)
        parallel.can_fork = lambda: False
        print(json.dumps([forked, trees(loaded, cache) == with_workers]))
        """
    )
    assert forked == [80]  # every page of the four languages, 20 each, in one share-out
    assert same
