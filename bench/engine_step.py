"""The engine step on its own, in a fresh process: MkDocs builds each generated docs tree.

Run by bench/run.py on the folder bench/generate_step.py wrote (one mkdocs-<lang>.yml per
language); prints how the time inside this process splits between imports and work, as
JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

START = time.perf_counter()

from mkdocs.commands.build import build  # noqa: E402 - timed from before this import
from mkdocs.config import load_config  # noqa: E402


def engine_step(work: Path) -> dict[str, float]:
    imported = time.perf_counter()
    for config_file in sorted(work.glob("mkdocs-*.yml")):
        build(load_config(config_file=str(config_file)))
    return {"imports": imported - START, "work": time.perf_counter() - imported}


if __name__ == "__main__":
    print(json.dumps(engine_step(Path(sys.argv[1]))))
