"""Write a rendered docs tree to disk, safely and without needless churn."""

from __future__ import annotations

from pathlib import Path

from .render import RenderedSite


class WriteError(Exception):
    pass


def safe_join(root: Path, relative: str) -> Path:
    """Refuse any output path that would land outside `root`."""
    target = (root / relative).resolve()
    if relative.startswith("/") or not target.is_relative_to(root.resolve()):
        raise WriteError(f"refusing to write outside the output folder: {relative}")
    return target


def collect(site: RenderedSite, static_dirs: list[Path]) -> dict[str, bytes]:
    """All output files: hand-written static files first, then generated ones."""
    files: dict[str, bytes] = {}
    for static in static_dirs:
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            files[path.relative_to(static.parent).as_posix()] = path.read_bytes()
    for name, data in site.files.items():
        if name in files:
            raise WriteError(f"two outputs want the same file: {name}")
        files[name] = data.encode("utf-8") if isinstance(data, str) else data
    return files


def write_tree(site: RenderedSite, out_dir: Path, static_dirs: list[Path]) -> None:
    """Make `out_dir` hold exactly the rendered files, touching only what changed.

    Unchanged files keep their timestamps so a live-reload watcher sees no change.
    """
    files = collect(site, static_dirs)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        target = safe_join(out_dir, name)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    wanted = {safe_join(out_dir, name) for name in files}
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
