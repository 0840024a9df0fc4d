"""Lighthouse (npm `lighthouse`, mobile settings) run with Debian's Chromium.

Lighthouse's default settings are its mobile preset: a mid-range phone on a slow 4G
connection, simulated. Scores vary from run to run, more so on a busy machine, so each
page is audited several times and the run with the median performance score is kept,
as Lighthouse's own documentation advises.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
]


@dataclass
class Audit:
    scores: dict[str, int]
    metrics: dict[str, str]
    shortfalls: list[str] = field(default_factory=list)  # scored audits below full marks
    performance_runs: list[int] = field(default_factory=list)


def run_once(url: str) -> dict:
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make bench-deps` (npm ci)")
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [
                LIGHTHOUSE,
                url,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            check=True,
            timeout=300,
        )
        return json.loads(report.read_text(encoding="utf-8"))


def summarise(report: dict) -> Audit:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = {m: report["audits"][m]["displayValue"] for m in METRICS}
    shortfalls = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                shortfalls.append(f"{category}: {audit['title']}{value}")
    return Audit(scores, metrics, shortfalls)


def audit(url: str, runs: int) -> Audit:
    reports = [run_once(url) for _ in range(runs)]
    performance = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
    median = statistics.median_low(performance)
    kept = summarise(reports[performance.index(median)])
    kept.performance_runs = performance
    return kept
