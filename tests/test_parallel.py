"""Pages rendered by forked workers (generator/parallel.py): the same pages, in the same
order, and an error raised as it would be without them."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import MULTILINGUAL
from generator import parallel, pipeline, render
from generator.cache import Cache

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="forks only on Linux")


def test_results_come_back_in_order_from_other_processes() -> None:
    here = os.getpid()
    results = parallel.map_forked(lambda i: (i * i, os.getpid()), 40, 2)
    assert [square for square, _ in results] == [i * i for i in range(40)]
    assert {pid for _, pid in results} - {here}  # computed by the workers


def test_an_error_in_a_worker_is_raised_here_as_without_workers() -> None:
    def task(i: int) -> int:
        if i == 7:
            raise ValueError(f"page {i} is broken")
        return i

    with pytest.raises(ValueError, match="page 7 is broken"):
        parallel.map_forked(task, 20, 2)


def test_a_worker_that_dies_leaves_its_share_to_this_process() -> None:
    here = os.getpid()

    def task(i: int) -> int:
        if os.getpid() != here:
            os._exit(3)  # a worker killed mid-task
        return i

    assert parallel.map_forked(task, 10, 2) == list(range(10))


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
    assert parallel.can_fork()


def trees(loaded: pipeline.Loaded, cache: Cache) -> dict[str, Any]:
    rendered = pipeline.render(loaded, cache)
    return {k: (list(v.files.items()), v.origins, v.nav, v.config) for k, v in rendered.items()}


def test_forked_rendering_gives_every_language_the_same_pages_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = Cache(tmp_path / "cache")
    loaded = pipeline.load(MULTILINGUAL)
    pipeline.render(loaded, cache)  # the cards in the cache: no card workers, pages forked
    forked: list[int] = []
    map_forked = parallel.map_forked

    def counting(task: Any, count: int, processes: int) -> list[Any]:
        forked.append(count)
        return map_forked(task, count, processes)

    monkeypatch.setattr(render, "FORKED_PAGES", 1)
    monkeypatch.setattr(render, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "map_forked", counting)
    with_workers = trees(loaded, cache)
    assert forked == [80]  # every page of the four languages: 20 each
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert trees(loaded, cache) == with_workers
