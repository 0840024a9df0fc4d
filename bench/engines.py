"""MkDocs and Zensical side by side: the same campaigns built by each, whole process, and
the engine's share of each build; what a concern page weighs with each.

Each build is `python -m generator build` as a maintainer runs it (bench/build_step.py),
a first build (`--no-cache`, as with an empty `.cache/`), timed from outside; inside, the
time the engine's processes took is measured, and the rest is the generator's part. The engines take
turns, run by run, so a machine that slows down meanwhile slows both alike. bench/run.py
adds this section to its report.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ENGINES = ("mkdocs", "zensical")
NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
SHARE = 1 / 3  # the generator's part may take at most this share of the engine's time
LARGE = 1000  # concerns: this many are to be built, first build, in under TARGET seconds
TARGET = 10.0


@dataclass
class EngineTime:
    label: str
    engine: str
    concerns: int
    pages: int
    wall: float  # the whole process, from outside: median of the runs
    engine_time: float  # of which the engine's processes
    runs: list[float]  # every run's whole process, to show the spread
    cpu: float = 0.0  # processor time of the build and of all its processes: median
    failed: str = ""  # why the engine refused to build the campaign, if it did

    @property
    def generator(self) -> float:
        """The generator's part: start-up, imports, load, render, write."""
        return self.wall - self.engine_time

    @property
    def share(self) -> float:
        return self.generator / self.engine_time if self.engine_time else float("nan")


class Refused(Exception):
    """The engine refused the campaign (the build's last words say why)."""


def _build_once(
    python: str, content: Path, engine: str, env: Mapping[str, str]
) -> tuple[float, dict[str, float], int]:
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as scratch:
        site = Path(scratch) / "site"
        start = time.perf_counter()
        proc = subprocess.run(
            [python, BENCH / "build_step.py", content, site, engine],
            capture_output=True,
            text=True,
            env=dict(env),
            check=False,
        )
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            lines = proc.stderr.strip().splitlines()
            raise Refused(lines[-1] if lines else f"exit code {proc.returncode}")
        pages = sum(1 for _ in site.rglob("*.html"))
    return wall, json.loads(proc.stdout.strip().splitlines()[-1]), pages


def time_engines(
    label: str, content: Path, concerns: int, runs: int, python: str, env: Mapping[str, str]
) -> list[EngineTime]:
    """Both engines on one campaign, taking turns; medians of `runs` first builds."""
    samples: dict[str, list[tuple[float, dict[str, float], int]]] = {e: [] for e in ENGINES}
    refused: dict[str, str] = {}
    for _ in range(runs):
        for engine in ENGINES:
            if engine in refused:
                continue
            try:
                samples[engine].append(_build_once(python, content, engine, env))
            except Refused as exc:
                refused[engine] = str(exc)
    times = []
    for engine in ENGINES:
        runs_of = samples[engine]
        if engine in refused:
            times.append(EngineTime(label, engine, concerns, 0, 0.0, 0.0, [], 0.0, refused[engine]))
            continue
        times.append(
            EngineTime(
                label,
                engine,
                concerns,
                runs_of[0][2],
                statistics.median(w for w, _, _ in runs_of),
                statistics.median(d["engine"] for _, d, _ in runs_of),
                [w for w, _, _ in runs_of],
                statistics.median(d["cpu"] + d["cpu_children"] for _, d, _ in runs_of),
            )
        )
    return times


def section(
    campaigns: list[tuple[str, Path, int]],
    runs: int,
    python: str,
    env: Mapping[str, str],
    log: Callable[[str], None],
) -> tuple[list[EngineTime], list[str]]:
    """Time every (label, folder, concerns) with both engines; the report's section."""
    times: list[EngineTime] = []
    for label, folder, concerns in campaigns:
        log(f"timing {label} with MkDocs and Zensical ...")
        times += time_engines(label, folder, concerns, runs, python, env)
    return times, report(times, runs)


def _secs(value: float) -> str:
    return f"{value:.2f} s"


def report(times: list[EngineTime], runs: int) -> list[str]:
    by = {(t.label, t.engine): t for t in times}
    labels = list(dict.fromkeys(t.label for t in times))
    header = ["campaign", "concerns", "pages"]
    for engine in ENGINES:
        name = NAMES[engine]
        header += [f"{name}: whole build", "generator", "engine", "generator ÷ engine", "CPU"]
    rows = []
    refusals = []
    for label in labels:
        built = [by[(label, e)] for e in ENGINES if not by[(label, e)].failed]
        row = [label, str(by[(label, ENGINES[0])].concerns), str(built[0].pages if built else "")]
        for engine in ENGINES:
            t = by[(label, engine)]
            if t.failed:
                row += ["**refused**", "", "", "", ""]
                refusals.append(f"- {NAMES[engine]}, {label}: {t.failed}")
                continue
            spread = f"{min(t.runs):.2f}–{max(t.runs):.2f}"
            row += [f"{_secs(t.wall)} ({spread})", _secs(t.generator), _secs(t.engine_time)]
            row += [f"{t.share:.2f}", _secs(t.cpu)]
        rows.append(row)
    return [
        "## Engines side by side",
        "",
        "`python -m generator build --no-cache` with each engine: a first build, as with "
        f"an empty `.cache/`; median of {runs} runs taking turns (the range of the runs in "
        "brackets). Whole process: Python's start-up and imports are the generator's part; "
        "the engine's is the time its processes ran, every language (or part of one) side "
        "by side. CPU is the processor time of the build and all its processes, which a "
        "busy machine changes far less than the time on the clock.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        *refusals,
        *([""] if refusals else []),
    ]


def target_rows(times: list[EngineTime], weights: Mapping[str, Any], budget: int) -> list[str]:
    """Rows for the report's table of targets: share, the large campaign's time, weight."""
    found = [
        (
            f"generator ≤ ⅓ of engine, {t.label}, {NAMES[t.engine]}, whole process",
            "refused" if t.failed else f"{t.share:.2f}",
            not t.failed and t.share <= SHARE,
        )
        for t in times
    ]
    found += [
        (
            f"{t.concerns} concerns, first build, under {TARGET:.0f} s, {NAMES[t.engine]}",
            "refused" if t.failed else _secs(t.wall),
            not t.failed and t.wall < TARGET,
        )
        for t in times
        if t.concerns >= LARGE and t.label.startswith("synthetic")
    ]
    found += [
        (
            f"concern page under {budget / 1000:.0f} kB gzip, {NAMES[engine]}",
            f"{w.total / 1000:.1f} kB; {w.with_search / 1000:.1f} kB once search is opened",
            w.total < budget,
        )
        for engine, w in weights.items()
    ]
    return [f"| {t} | {r} | {'yes' if met else '**no**'} |" for t, r, met in found]


def weigh_concern_page(
    content: Path, build: list[str], env: Mapping[str, str], cwd: Path, weigh_site: Any
) -> dict[str, Any]:
    """Every page type's weight with each engine, built by the command `build`:
    `weigh_site(site, engine)`."""
    weights = {}
    for engine in ENGINES:
        with tempfile.TemporaryDirectory(prefix="bench-weigh-") as scratch:
            site = Path(scratch) / "site"
            command = [*build, "--engine", engine]
            subprocess.run(
                [*command, "--content", str(content), "--site-dir", str(site)],
                check=True,
                capture_output=True,
                env=dict(env),
                cwd=cwd,
            )
            weights[engine] = weigh_site(site, engine)
    return weights
