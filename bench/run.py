"""`make bench`: how long a build takes and how cost grows, what a reader downloads, and
what Lighthouse makes of it. Prints Markdown tables and writes them to bench/results/.

This is a measurement, not a test: nothing here passes or fails a build. Times come
from fresh processes (median of --runs), so each includes Python's start-up and the
imports a real build pays for; the work alone is shown beside it.

    python bench/run.py [--content DIR] [--sizes 10,100,1000] [--runs 3]
                        [--lighthouse-runs 3] [--no-lighthouse] [--no-preview]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import engines  # noqa: E402
from lighthouse import Audit, audit  # noqa: E402
from preview import measure as measure_preview  # noqa: E402
from preview import report as preview_report  # noqa: E402
from server import serve  # noqa: E402
from synth import write_campaign  # noqa: E402
from weigh import Weight, weigh  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from generator.loader import load_campaign  # noqa: E402
from pages import page_paths  # noqa: E402

PY = sys.executable
# Python caches the bytecode of what it imports, as on a maintainer's machine and in CI.
# Where the environment forbids that (PYTHONDONTWRITEBYTECODE), every process would
# compile each module from source again, which is no build anyone waits for in practice;
# so the bytecode goes to a scratch folder, filled once by a warm-up build (see main).
PYCACHE = Path(tempfile.gettempdir()) / "bench-pycache"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPATH": str(ROOT),
    "PYTHONPYCACHEPREFIX": str(PYCACHE),
}
# The pages weighed are the pages readers get: built as the deploy workflow builds them,
# `--production`, with a site address, a repository and a contact of the shape it passes
# (a GitHub Pages site, its repository and that repository's issues page). A build without
# them carries a "not ready to publish" notice on every page, which no reader sees.
PUBLISHED = {
    "TX_SITE_URL": "https://owner.github.io/treaty-explainer/",
    "TX_REPOSITORY": "https://github.com/owner/treaty-explainer",
    "TX_CONTACT_URL": "https://github.com/owner/treaty-explainer/issues",
}
CONCERN_BUDGET = 60_000  # bytes, gzip, everything a concern page loads
ENGINE_SHARE = 1 / 3  # the generator step may take at most this share of the engine's time
LIGHTHOUSE_PAGES = ["home", "concern", "action"]


@dataclass
class Step:
    wall: float  # the whole process, from outside
    imports: float
    work: float


@dataclass
class BuildTime:
    label: str
    concerns: int
    pages: int
    generator: Step  # a first build: the cache of share cards and templates is empty
    rebuild: Step  # the same build again, with that cache filled
    engine: Step

    @property
    def total(self) -> float:
        return self.generator.wall + self.engine.wall


def run_json(args: list[str | Path]) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env=ENV, check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{proc.stderr}")
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def median_step(samples: list[tuple[float, dict[str, float]]]) -> Step:
    return Step(
        statistics.median(w for w, _ in samples),
        statistics.median(d["imports"] for _, d in samples),
        statistics.median(d["work"] for _, d in samples),
    )


def time_build(label: str, content: Path, runs: int) -> BuildTime:
    """Generator step (empty cache, then warm), then engine step, each in its own process."""
    gen, again, eng, pages = [], [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
            work, cache = Path(scratch), Path(scratch) / "cache"
            gen.append(run_json([PY, BENCH / "generate_step.py", content, work / "first", cache]))
            again.append(run_json([PY, BENCH / "generate_step.py", content, work, cache]))
            eng.append(run_json([PY, BENCH / "engine_step.py", work]))
            pages = sum(1 for site in work.glob("site-*") for _ in site.rglob("*.html"))
    concerns = len(load_campaign(content).concerns)
    return BuildTime(label, concerns, pages, median_step(gen), median_step(again), median_step(eng))


def time_cli_build(content: Path, runs: int) -> float:
    """`python -m generator build` as a maintainer runs it: one process, both steps."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
            start = time.perf_counter()
            subprocess.run(
                [
                    PY,
                    "-m",
                    "generator",
                    "build",
                    "--content",
                    content,
                    "--site-dir",
                    f"{scratch}/s",
                ],
                check=True,
                capture_output=True,
                env=ENV,
                cwd=ROOT,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def publishing(content: Path) -> list[str]:
    """`--production` if the campaign is ready to publish, as the deploy would build it;
    else nothing, and the pages weighed carry the notice readers of a published site never
    see (it says so)."""
    command = [PY, "-m", "generator", "validate", "--production", "--content", str(content)]
    if subprocess.run(command, capture_output=True, env=ENV | PUBLISHED, cwd=ROOT).returncode:
        print("not ready to publish: the pages weighed carry its notice", file=sys.stderr)
        return []
    return ["--production"]


def weigh_pages(site: Path, content: Path) -> tuple[list[Weight], list[str]]:
    from playwright.sync_api import sync_playwright

    weights, notes = [], []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in page_paths(content).items():
            weights.append(weigh(browser, url, kind, path))
        browser.close()
    return weights, notes


def weigh_concern(site: Path, content: Path, engine: str) -> Weight:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        weight = weigh(browser, url, "concern", page_paths(content)["concern"], engine)
        browser.close()
    return weight


def lighthouse_pages(site: Path, content: Path, runs: int) -> dict[str, Audit]:
    paths = page_paths(content)
    with serve(site) as url:
        return {kind: audit(url + paths[kind], runs) for kind in LIGHTHOUSE_PAGES}


# -- report ------------------------------------------------------------------------------


def secs(value: float) -> str:
    return f"{value:.2f} s"


def kb(value: int) -> str:
    return f"{value / 1000:.1f} kB"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def ratio(step: Step, engine: Step) -> str:
    return f"{step.work / engine.work:.2f} ({step.wall / engine.wall:.2f})"


def build_rows(times: list[BuildTime]) -> list[str]:
    rows = [
        [
            t.label,
            str(t.concerns),
            str(t.pages),
            f"{secs(t.generator.work)} ({secs(t.generator.wall)})",
            f"{secs(t.rebuild.work)} ({secs(t.rebuild.wall)})",
            f"{secs(t.engine.work)} ({secs(t.engine.wall)})",
            secs(t.total),
            ratio(t.generator, t.engine),
            ratio(t.rebuild, t.engine),
        ]
        for t in times
    ]
    header = ["campaign", "concerns", "pages", "generator, first build", "generator, rebuild"]
    header += ["engine (MkDocs)", "total, first build"]
    return table([*header, "first build ÷ engine", "rebuild ÷ engine"], rows)


def growth_lines(synthetic: list[BuildTime]) -> list[str]:
    lines = []
    for a, b in itertools.pairwise(synthetic):
        per = (b.total - a.total) / (b.concerns - a.concerns) * 1000
        gen = (b.generator.work - a.generator.work) / (b.concerns - a.concerns) * 1000
        eng = (b.engine.work - a.engine.work) / (b.concerns - a.concerns) * 1000
        lines.append(
            f"- {a.concerns} → {b.concerns} concerns: {per:.1f} ms per added concern "
            f"(generator {gen:.1f} ms, engine {eng:.1f} ms)"
        )
    if len(synthetic) >= 3:
        first = (synthetic[1].total - synthetic[0].total) / (
            synthetic[1].concerns - synthetic[0].concerns
        )
        last = (synthetic[-1].total - synthetic[-2].total) / (
            synthetic[-1].concerns - synthetic[-2].concerns
        )
        lines.append(
            f"- cost per added concern, largest step ÷ smallest: {last / first:.2f} "
            "(1.00 is exactly linear)"
        )
    return lines


def weight_rows(weights: list[Weight]) -> list[str]:
    rows = [
        [
            w.kind,
            f"/{w.path}",
            kb(w.html),
            kb(w.total),
            str(w.requests),
            kb(w.theme),
            kb(w.ours),
            kb(w.search),
            kb(w.with_search),
        ]
        for w in weights
    ]
    header = ["page", "path", "HTML (raw)", "transferred (gzip)", "requests", "theme CSS+JS"]
    return table([*header, "ours", "search, when opened", "with search"], rows)


def lighthouse_rows(audits: dict[str, Audit]) -> list[str]:
    rows = [
        [
            kind,
            *(str(a.scores[c]) for c in ("performance", "accessibility", "best-practices", "seo")),
            *a.metrics.values(),
            ", ".join(map(str, a.performance_runs)),
        ]
        for kind, a in audits.items()
    ]
    header = ["page", "performance", "accessibility", "best practices", "SEO"]
    return table([*header, "FCP", "LCP", "TBT", "CLS", "SI", "performance, each run"], rows)


def target_rows(
    main: BuildTime,
    synthetic: list[BuildTime],
    weights: list[Weight],
    audits: dict[str, Audit] | None,
) -> list[str]:
    rows = []

    def add(target: str, result: str, met: bool) -> None:
        rows.append([target, result, "yes" if met else "**no**"])

    if audits:
        for kind, a in audits.items():
            low = {c: s for c, s in a.scores.items() if s < 100}
            add(
                f"Lighthouse 100 ×4, {kind}",
                ", ".join(f"{c} {s}" for c, s in low.items()) or "all 100",
                not low,
            )
    concern = next((w for w in weights if w.kind == "concern"), None)
    if concern:
        add(
            "concern page under 60 kB gzip",
            f"{kb(concern.total)}, of which the theme {kb(concern.theme)}; "
            f"{kb(concern.with_search)} once search is opened",
            concern.total < CONCERN_BUDGET,
        )
    for t in [main, *synthetic]:
        for when, step in (("first build", t.generator), ("rebuild", t.rebuild)):
            work, wall = step.work / t.engine.work, step.wall / t.engine.wall
            add(
                f"generator ≤ ⅓ of engine, {t.label}, {when}",
                f"work {work:.2f}; whole process {wall:.2f}",
                work <= ENGINE_SHARE,
            )
    big = max(synthetic, key=lambda t: t.concerns, default=None)
    if big and big.concerns >= 1000:
        add(f"{big.concerns} concerns well under a minute", secs(big.total), big.total < 60)
    return table(["target", "result", "met"], rows)


def environment() -> list[str]:
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- commit {commit}, Python {platform.python_version()}, {chromium.strip()}",
        f"- {os.cpu_count()} CPUs, load average {load} at the start (a busy machine is slower)",
        "- Python's bytecode cache warm, as after any first run on a maintainer's machine",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT if (ROOT / "campaign.yml").is_file() else ROOT / "tests/fixtures/minimal"
    parser.add_argument("--content", type=Path, default=default)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-preview", action="store_true", help="skip the live preview")
    parser.add_argument("--out", type=Path, default=BENCH / "results")
    args = parser.parse_args(argv)
    content = args.content.resolve()
    started = dt.datetime.now(dt.UTC)
    if content == ROOT:
        which = "the repository's own campaign"
    elif content == (ROOT / "tests/fixtures/minimal").resolve():
        which = "tests/fixtures/minimal (this checkout has no campaign.yml of its own yet)"
    else:
        which = str(content)
    out = [f"# Benchmark, {started:%Y-%m-%d %H:%M} UTC", "", *environment()]
    out += [f"- campaign measured: {which}", ""]
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

    log("warming up (Python's bytecode cache) ...")
    with tempfile.TemporaryDirectory(prefix="bench-warm-") as scratch:
        warm = shutil.copytree(ROOT / "tests/fixtures/minimal", Path(scratch) / "campaign")
        time_build("warm-up", warm, 1)
        time_cli_build(warm, 1)  # leaves its .cache/ in the copy, not in the fixture
    log(f"timing builds of {which} ...")
    main_time = time_build("this campaign", content, args.runs)
    cli = time_cli_build(content, args.runs)
    synthetic = []
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as scratch:
        compared = [("this campaign", content, main_time.concerns)]
        for size in (int(s) for s in args.sizes.split(",") if s):
            log(f"timing a synthetic campaign of {size} concerns ...")
            folder = write_campaign(Path(scratch) / f"c{size}", size)
            synthetic.append(time_build(f"synthetic {size}", folder, args.runs))
            compared.append((f"synthetic {size}", folder, size))
        engine_times, engine_lines = engines.section(compared, args.runs, PY, ENV, log)
    out += ["## Build time", ""]
    out += [
        f"Median of {args.runs} fresh processes per step: the work, and in brackets the "
        "whole process with Python's start-up and imports. Each step covers every language "
        "of the campaign, as `generator build` does (pages counts them all). A first build "
        "starts with an empty cache; a rebuild finds the share cards and compiled templates "
        "of the first in `.cache/` (what a maintainer's second build, the live preview and "
        "CI with a cached folder get). Ratios: work (whole process). `python -m generator "
        "build` (both steps in one process, imports shared, cache warm) takes "
        f"{secs(cli)} for this campaign.",
        "",
        *build_rows([main_time, *synthetic]),
        "",
        "Growth with the number of concerns:",
        "",
        *growth_lines(synthetic),
        "",
    ]

    publish = publishing(content)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        site = Path(scratch) / "site"
        subprocess.run(
            [PY, "-m", "generator", "build", *publish, "--content", content, "--site-dir", site],
            check=True,
            capture_output=True,
            env=ENV | PUBLISHED,
            cwd=ROOT,
        )
        log("weighing pages ...")
        weights, notes = weigh_pages(site, content)
        audits = None
        if not args.no_lighthouse:
            log("running Lighthouse ...")
            audits = lighthouse_pages(site, content, args.lighthouse_runs)
    out += engine_lines
    log("weighing a concern page with each engine ...")
    by_engine = engines.weigh_concern_page(
        content,
        [PY, "-m", "generator", "build", *publish],
        ENV | PUBLISHED,
        ROOT,
        lambda site, engine: weigh_concern(site, content, engine),
    )
    out += ["The concern page with each engine (gzip, as it loads; search weighed apart):", ""]
    out += weight_rows([replace(w, kind=engines.NAMES[e]) for e, w in by_engine.items()])
    out += [""]
    out += ["## Page weight", ""]
    out += [
        "A cold cache, everything the page loads until the network is quiet, gzip-compressed "
        "as an ordinary static host sends it. The search index and worker load only when a "
        "reader opens search: they are weighed apart, by focusing the search box.",
        "",
        *weight_rows(weights),
        *(f"- {n}" for n in notes),
        "",
    ]
    concern = next((w for w in weights if w.kind == "concern"), None)
    if concern:
        out += ["The concern page, file by file:", ""]
        out += table(["file", "gzip"], [[f, kb(s)] for f, s in sorted(concern.files.items())])
        out += [""]
    if audits:
        out += ["## Lighthouse (mobile, median run by performance)", ""]
        out += [*lighthouse_rows(audits), ""]
        for kind, a in audits.items():
            out += [f"- {kind}: below full marks: {'; '.join(a.shortfalls) or 'nothing'}"]
        out += [""]
    preview = None if args.no_preview else measure_preview(content)  # bench/preview.py
    out += preview_report(preview) if preview else []
    targets = target_rows(main_time, synthetic, weights, audits)
    targets += engines.target_rows(engine_times, by_engine, CONCERN_BUDGET)
    out += ["## Targets", "", *targets, ""]

    report = "\n".join(out)
    print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"bench-{started:%Y%m%dT%H%M%SZ}"
    stem.with_suffix(".md").write_text(report, encoding="utf-8")
    raw = {
        "campaign": which,
        "builds": [asdict(t) for t in [main_time, *synthetic]],
        "cli_build": cli,
        "weights": [asdict(w) for w in weights],
        "engines": [asdict(t) for t in engine_times],
        "weights_by_engine": {e: asdict(w) for e, w in by_engine.items()},
        "lighthouse": {k: asdict(a) for k, a in (audits or {}).items()},
        "preview": asdict(preview) if preview else None,
    }
    stem.with_suffix(".json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    written = stem.with_suffix(".md")
    log(f"written to {written.relative_to(ROOT) if written.is_relative_to(ROOT) else written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
