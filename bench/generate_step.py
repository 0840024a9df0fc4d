"""The generator step on its own, in a fresh process: campaign YAML to a docs tree and an
engine configuration per language (mkdocs-<lang>.yml), exactly what any MkDocs-compatible
engine then builds, as `python -m generator build` does. A third argument names the
build cache (share cards, compiled templates) to read and fill.

bench/run.py times this process from the outside and then `python -m mkdocs build` on
its output, so each step pays for its own start-up and imports, as it would in a
pipeline that generates once and hands the tree to an engine. It prints how the time
inside this process splits between imports and work, as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import pipeline  # noqa: E402
from generator.cache import Cache  # noqa: E402
from generator.engine_settings import write_engine_config  # noqa: E402
from generator.site import build_config  # noqa: E402


def generate_step(content: Path, work: Path, cache: Cache | None) -> dict[str, float]:
    imported = time.perf_counter()
    loaded = pipeline.load(content)
    outputs = pipeline.register(loaded, pipeline.render(loaded, cache))
    for folder, rendered in outputs.trees.items():
        name = folder.strip("/") or "source"
        docs = pipeline.write(outputs, folder, work / f"docs-{name}")
        config = build_config(rendered, loaded.theme, docs, work / f"site-{name}", work)
        write_engine_config(config, work / f"mkdocs-{name}.yml")
    done = time.perf_counter()
    return {"imports": imported - START, "work": done - imported}


if __name__ == "__main__":
    cache = Cache(Path(sys.argv[3])) if len(sys.argv) > 3 else None
    print(json.dumps(generate_step(Path(sys.argv[1]), Path(sys.argv[2]), cache)))
