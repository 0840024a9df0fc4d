"""Build the same generated docs tree with Zensical, Material for MkDocs' successor.

MkDocs 1.x is unmaintained and Material 9.x reaches end of life; this keeps the
way out open and tested. Zensical reads the mkdocs.yml that site.py writes, with
three adjustments found by building: relative docs_dir/site_dir (an absolute
docs_dir makes zensical 0.0.73 panic), the 'classic' theme variant (Material's
look, which our CSS and overrides are written for), and no MkDocs-only keys.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .cache import Cache
from .render import RenderedSite
from .site import SiteBuildError, engine_config, generate, write_engine_config

ZENSICAL = Path(sys.executable).with_name("zensical")
# MkDocs settings Zensical does not know; it would only warn about them.
_MKDOCS_ONLY = ("validation", "hooks", "watch")


def zensical_config(rendered: RenderedSite) -> dict[str, Any]:
    """The MkDocs config, adapted; paths are relative to the folder it is written into."""
    config = engine_config(rendered, Path("docs"), Path("site"))
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["theme"]["variant"] = "classic"
    for key in _MKDOCS_ONLY:
        config.pop(key, None)
    return config


def build_with_zensical(
    content_dir: Path, site_dir: Path, cache: Cache | None = None
) -> RenderedSite:
    """Generate the docs tree and build it with Zensical into `site_dir` (replaced whole)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site_dir.parent) as scratch:
        work = Path(scratch)
        rendered = generate(content_dir, work / "docs", cache=cache)
        config_file = write_engine_config(zensical_config(rendered), work / "mkdocs.yml")
        # A subprocess: the engine is Rust underneath, and a panic must not take us down.
        proc = subprocess.run(
            [str(ZENSICAL), "build", "--strict", "--config-file", config_file.name],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0 or not (work / "site" / "index.html").is_file():
            raise SiteBuildError(f"zensical build failed:\n{proc.stdout}{proc.stderr}".strip())
        if site_dir.exists():
            (work / "old").mkdir()
            site_dir.rename(work / "old" / "site")
        (work / "site").rename(site_dir)
    return rendered
