"""Live preview: MkDocs' dev server, with our generator run before every rebuild.

The hook regenerates the docs tree from YAML whenever a content file or a
template changes. If the content is broken, the last good pages stay up and
every page shows the error in a banner, as the terminal does.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .render import TEMPLATES
from .site import GENERATED, OVERRIDES, STATIC_DIRS, engine_config, generate, write_engine_config

HOOK = Path(__file__).with_name("preview_hook.py")
CONTENT_ENV = "TX_PREVIEW_CONTENT"
LANGUAGE_ENV = "TX_PREVIEW_LANG"  # one language per preview; its links to others lead nowhere


def serve(content_dir: Path, host: str, port: int, language: str | None = None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    content_dir = content_dir.resolve()
    rendered = generate(content_dir, GENERATED, language)  # a first run must be valid
    scratch = Path(tempfile.mkdtemp(prefix="tx-preview-"))
    config = engine_config(rendered, GENERATED, scratch / "site")
    config["hooks"] = [str(HOOK)]
    config["watch"] = [
        str(content_dir),
        str(TEMPLATES),
        str(OVERRIDES),
        *(str(d) for d in STATIC_DIRS),
    ]
    config_file = write_engine_config(config, scratch / "mkdocs.yml")
    os.environ[CONTENT_ENV] = str(content_dir)
    os.environ[LANGUAGE_ENV] = language or ""
    path = urlsplit(config["site_url"]).path  # the engine serves under the site's own path
    print(
        f"Preview on http://{host}:{port}{path} — edit any YAML file and the page reloads. "
        "Ctrl+C stops."
    )
    mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=f"{host}:{port}")
    return 0
