"""The engine step on its own, in a fresh process: MkDocs builds each generated docs tree,
as `python -m generator build` runs it (every language in a process of its own, side by
side; a large one in parts).

Run by bench/run.py on the folder bench/generate_step.py wrote (one mkdocs-<lang>.yml per
language); prints how the time inside this process splits between imports and work, as
JSON. MkDocs itself is imported by the engine processes, inside `work`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402 - timed from before this import

from generator import processes  # noqa: E402
from generator.site import mkdocs_processes  # noqa: E402


def engine_step(work: Path) -> dict[str, float]:
    imported = time.perf_counter()
    builds = []
    for config_file in sorted(work.glob("mkdocs-*.yml")):
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        pages = sum(1 for _ in Path(config["docs_dir"]).rglob("*.md"))
        folder = work / f"engine-{config_file.stem.removeprefix('mkdocs-')}"
        folder.mkdir()
        builds.append(mkdocs_processes(config, pages, folder))
    processes.run_all([p for build in builds for p in build.processes])
    for build in builds:
        build.finish()
    return {"imports": imported - START, "work": time.perf_counter() - imported}


if __name__ == "__main__":
    print(json.dumps(engine_step(Path(sys.argv[1]))))
