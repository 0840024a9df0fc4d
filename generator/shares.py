"""How a large language's pages are shared among engine processes: runs of pages, in the
engine's own order, of about equal cost. MkDocs (mkdocs_run.py) and Zensical
(zensical_parts.py) split alike; this module imports nothing, as an engine process
starts with it.
"""

from __future__ import annotations

from collections.abc import Sequence

# What a page costs beside its size, in bytes of Markdown: its template, its navigation.
PAGE_COST = 12_000


def owners(costs: Sequence[int], count: int, head_start: int = 0) -> list[int]:
    """For each page, in order, the part (0 to count-1) that renders it: `count` runs of
    about equal cost, the first run's counted from `head_start` (what part 0 renders
    besides these pages)."""
    total, run = head_start + sum(costs), head_start
    found = []
    for cost in costs:
        found.append(min(count - 1, run * count // total) if total else 0)
        run += cost
    return found
