"""The live preview as a maintainer meets it: idle CPU, rebuilds per save, save to screen.

The preview runs on a mirror of the campaign's folder (hard links, so it holds exactly
what the folder holds, `.venv` and all, and nothing in the checkout is edited), as
`python -m generator serve`. A real headless Chromium keeps the concern page open, as a
maintainer's browser would. Then:

- idle: the server's CPU time over --idle seconds with nothing changing, as a
  share of one core;
- saves: the concern's title is changed the ways editors save a file (written in place,
  written to a temporary file then renamed over it, several writes in a row). For each:
  how many rebuilds the server ran and how many times the open page reloaded, and how
  long from the save until the new title was painted in the browser (the page's own
  first-contentful-paint, in the browser's clock, which is the machine's).

    python bench/preview.py [--content DIR] [--idle 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from generator.loader import load_campaign  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPATH": str(ROOT),
}
IDLE_TARGET = 5.0  # % of one core
VISIBLE_TARGET = 1.0  # seconds from a save to the new text on screen
START_DEADLINE = 300.0
SAVE_DEADLINE = 60.0
SETTLE = 3.0  # quiet seconds after a save shows, to catch a late second rebuild or reload
# One line per rebuild: MkDocs' dev server says it when a change starts a build.
REBUILD_LINE = re.compile(r"Detected file changes")
# The preview's own line per rebuild says how long it took.
BUILD_TIME = re.compile(r"^Rebuild \d+ .* in (\d+\.\d+) s$")
# Each page load in the tab: its h1 and when it was painted, kept across reloads.
RECORDER = """
addEventListener("load", () => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const loads = JSON.parse(sessionStorage.getItem("bench-loads") || "[]");
  loads.push({
    title: (document.querySelector("h1") || {}).textContent || "",
    painted: performance.timeOrigin + (paint ? paint.startTime : performance.now()),
  });
  sessionStorage.setItem("bench-loads", JSON.stringify(loads));
});
"""


@dataclass
class Save:
    how: str
    rebuilds: list[int] = field(default_factory=list)  # one number per run
    reloads: list[int] = field(default_factory=list)
    visible: list[float] = field(default_factory=list)  # seconds, save -> painted
    building: list[float] = field(default_factory=list)  # seconds, of which rebuilding


@dataclass
class PreviewFigures:
    files: int  # in the folder the preview was started on
    idle_seconds: float
    idle_cpu: float  # % of one core
    startup: float  # seconds until the first page is served
    saves: list[Save]
    load: str = ""  # the machine's load average while saving


# -- driving the preview -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mirror(source: Path, target: Path) -> Path:
    """`source` again under `target`, file for file, as hard links where the disk allows."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, symlinks=True, copy_function=link)
    return target


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its finished children (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def http_get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@contextmanager
def running(content: Path, log: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", content, "--port", str(port)],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            yield proc
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until(check: Callable[[], Any], deadline: float, what: str) -> Any:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if found := check():
            return found
        time.sleep(0.05)
    raise RuntimeError(f"the preview never showed {what}")


def set_title(path: Path, title: str, how: str) -> None:
    """Give the concern file a new title line, saved the way `how` names."""
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1)
    data = text.encode("utf-8")
    if how == "written in place":
        path.write_bytes(data)
    elif how == "temporary file renamed over it":
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)
    elif how == "three writes in a row":
        half = len(data) // 2
        with path.open("wb") as f:  # truncate, then the file arrives in pieces
            f.write(data[:half])
            f.flush()
            os.fsync(f.fileno())
            f.write(data[half:])
        path.write_bytes(data)
    else:
        raise ValueError(how)


SAVES = ["written in place", "temporary file renamed over it", "three writes in a row"]


def measure(content: Path, idle: float = 10.0, runs: int = 3) -> PreviewFigures:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    print("measuring the live preview ...", file=sys.stderr, flush=True)
    concern = load_campaign(content).concerns[0]
    page_path = f"concerns/{concern.slug}/"
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        folder = mirror(content, Path(scratch) / "campaign")
        files = sum(1 for _ in folder.rglob("*"))
        source = folder / "concerns" / f"{concern.slug}.yml"
        data = source.read_bytes()
        source.unlink()
        source.write_bytes(data)  # its own copy: edits must not reach the checkout
        log = Path(scratch) / "serve.log"
        port = free_port()
        url = f"http://127.0.0.1:{port}/{page_path}"
        start = time.monotonic()
        with running(folder, log, port) as proc, sync_playwright() as p:
            wait_until(
                lambda: "<h1" in http_get(url) or proc.poll() is not None, START_DEADLINE, "a page"
            )
            if proc.poll() is not None:
                raise RuntimeError(f"the preview stopped:\n{log.read_text()}")
            startup = time.monotonic() - start
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.add_init_script(RECORDER)
            page.goto(url)

            def loads() -> list[dict[str, Any]]:
                try:
                    return list(
                        page.evaluate("JSON.parse(sessionStorage.getItem('bench-loads') || '[]')")
                    )
                except PlaywrightError:  # the page is between two loads
                    return []

            wait_until(loads, SAVE_DEADLINE, "the page in the browser")
            time.sleep(SETTLE)  # whatever the first load set off is over
            before, started = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(idle)
            idle_cpu = (cpu_seconds(proc.pid) - before) / (time.monotonic() - started) * 100

            saves = [Save(how) for how in SAVES]
            for run in range(runs):
                for save in saves:
                    title = f"{concern.title} ({save.how}, run {run + 1})"
                    _one_save(save, title, source, log, loads)
            browser.close()
            load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return PreviewFigures(files, idle, idle_cpu, startup, saves, load)


def _one_save(
    save: Save, title: str, source: Path, log: Path, loads: Callable[[], list[dict[str, Any]]]
) -> None:
    seen, lines = len(loads()), len(log.read_text().splitlines())
    saved = time.time()
    set_title(source, title, save.how)
    shown = wait_until(
        lambda: next((x for x in loads()[seen:] if x["title"] == title), None),
        SAVE_DEADLINE,
        f"the title '{title}'",
    )
    time.sleep(SETTLE)
    after = log.read_text().splitlines()[lines:]
    save.rebuilds.append(sum(1 for x in after if REBUILD_LINE.search(x)))
    save.reloads.append(len(loads()) - seen)
    save.visible.append(shown["painted"] / 1000 - saved)
    save.building += [float(m.group(1)) for x in after if (m := BUILD_TIME.search(x))]


# -- report ------------------------------------------------------------------------------


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def report(f: PreviewFigures) -> list[str]:
    """The live-preview section of the benchmark, in Markdown."""
    runs = len(f.saves[0].visible)
    lines = [
        "## Live preview",
        "",
        f"`generator serve` on a mirror of the campaign's folder ({f.files:,} files and "
        "folders, as the checkout holds them), with the concern page open in headless "
        f"Chromium; the first page was served {f.startup:.1f} s after the start. Idle: the "
        f"server's CPU over {f.idle_seconds:.0f} s with nothing changing. Each save changes "
        "the concern's title; *visible* is the time from the save to the new title painted "
        f"in the browser, *rebuild* the part the server spent rebuilding (median of {runs} "
        f"runs, and the slowest). Load average {f.load} during the saves: on a busy machine "
        "every time is longer.",
        "",
        _row(["save", "rebuilds", "reloads", "visible after", "slowest", "rebuild"]),
        "|---|---|---|---|---|---|",
    ]
    for s in f.saves:
        building = f"{statistics.median(s.building):.2f} s" if s.building else "–"
        lines.append(
            _row(
                [
                    s.how,
                    ", ".join(map(str, s.rebuilds)),
                    ", ".join(map(str, s.reloads)),
                    f"{statistics.median(s.visible):.2f} s",
                    f"{max(s.visible):.2f} s",
                    building,
                ]
            )
        )
    visible = statistics.median(v for s in f.saves for v in s.visible)
    worst = max(v for s in f.saves for v in s.visible)
    one = all(n == 1 for s in f.saves for n in s.rebuilds + s.reloads)
    lines += [
        "",
        _row(["preview target", "result", "met"]),
        "|---|---|---|",
        _row(
            [
                f"idle CPU under {IDLE_TARGET:.0f} % of a core",
                f"{f.idle_cpu:.1f} %",
                _met(f.idle_cpu < IDLE_TARGET),
            ]
        ),
        _row(["one rebuild and one reload per save", "see the table", _met(one)]),
        _row(
            [
                f"a YAML edit visible within {VISIBLE_TARGET:.0f} s",
                f"median {visible:.2f} s, slowest {worst:.2f} s",
                _met(visible < VISIBLE_TARGET),
            ]
        ),
        "",
    ]
    return lines


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle measured")
    parser.add_argument("--runs", type=int, default=3, help="saves of each kind")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = measure(args.content.resolve(), args.idle, args.runs)
    print("\n".join(report(figures)))
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
