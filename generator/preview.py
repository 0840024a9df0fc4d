"""Live preview: MkDocs' dev server, with our generator run before every rebuild.

The hook regenerates the docs tree from YAML whenever a content file or a
template changes. If the content is broken, the last good pages stay up and
every page shows the error in a banner, as the terminal does.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import tempfile
from pathlib import Path

from . import pipeline, resources
from .cache import Cache
from .site import engine_config, write_engine_config

HOOK = Path(__file__).with_name("preview_hook.py")
CONTENT_ENV = "TX_PREVIEW_CONTENT"
# MkDocs reloads the hook module on every rebuild; what must outlive one rebuild lives here.
last_error: dict[str, str | None] = {"report": None}


def _show_engine_messages() -> None:
    """MkDocs reports rebuilds and its own errors through logging, which nobody set up."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s%(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _stop_on_terminate() -> None:
    """Let `kill` stop the server as Ctrl+C does, so the scratch folder is removed."""

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


LANGUAGE_ENV = "TX_PREVIEW_LANG"  # one language per preview; its links to others lead nowhere
CACHE_ENV = "TX_PREVIEW_CACHE"


def serve(content_dir: Path, host: str, port: int, language: str | None = None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    content_dir = content_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="tx-preview-") as scratch_name:
        scratch = Path(scratch_name)
        # A docs tree of its own, so a preview never rewrites another build's.
        docs = scratch / "docs"
        # The preview's own cache: one in the watched content folder would set off a
        # second rebuild whenever a new card is drawn.
        cache = Cache(scratch / "cache")
        loaded = pipeline.load(content_dir)  # a first run must be valid
        trees = pipeline.render(loaded, cache, language or loaded.content.source.code)
        outputs = pipeline.register(loaded, trees)
        folder, rendered = next(iter(outputs.trees.items()))
        pipeline.write(outputs, folder, docs)
        config = engine_config(rendered, loaded.theme, docs, scratch / "site", scratch)
        config["site_url"] = f"http://{host}:{port}/"
        config["hooks"] = [str(HOOK)]
        # The content (with the campaign's mkdocs.yml and docs/) and the generator's own
        # templates and theme, wherever it is installed.
        config["watch"] = [str(content_dir), str(resources.TEMPLATES), str(resources.THEME)]
        config_file = write_engine_config(config, scratch / "mkdocs.yml")
        os.environ[CONTENT_ENV] = str(content_dir)
        os.environ[LANGUAGE_ENV] = language or ""
        os.environ[CACHE_ENV] = str(cache.root)
        _show_engine_messages()
        _stop_on_terminate()
        print(
            f"Preview on http://{host}:{port}/ — edit any YAML file and the page reloads. "
            "Ctrl+C stops.",
            flush=True,
        )
        mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=f"{host}:{port}")
    return 0
