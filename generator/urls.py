"""The URL manifest: every address the site has ever published must keep working.

`urls.txt` lists the path of every page, redirect and open-data file of the
campaign. Refreshing it only ever adds paths; checking it against a built site
reports each listed path that is neither a file nor a redirect to one, so a
renamed concern without an alias fails the tests instead of breaking links.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError, ContentIssue, OutputError
from .opendata import PUBLISHED
from .render import RenderedSite, page_url

MANIFEST = "urls.txt"
HEADER = """\
# Every URL path this site has published. Each must keep working: as a page,
# a file, or a redirect (a concern's `aliases`). Never delete a line; add new
# ones with `make urls` (python -m generator urls).
"""
_REFRESH = re.compile(r"""<meta\s+http-equiv="refresh"\s+content="0;\s*url=([^"]+)">""", re.I)


def published_paths(rendered: RenderedSite, folder: str = "") -> set[str]:
    """Paths a reader or another site may link to: pages, redirects and open data.

    `folder` is where this language's pages live under the site root ("" or "fr/").
    """
    paths = set()
    for name in rendered.files:
        if name.endswith(".md"):
            paths.add(f"/{folder}{page_url(name)}")
        elif name.endswith("/index.html"):
            paths.add(f"/{folder}{name.removesuffix('index.html')}")
        elif name in PUBLISHED:
            paths.add(f"/{folder}{name}")
    return paths


def site_paths(trees: dict[str, RenderedSite]) -> set[str]:
    """Every published path of every language (`trees`, as pipeline.render gives them)."""
    return set().union(*(published_paths(tree, folder) for folder, tree in trees.items()))


def read_manifest(path: Path) -> list[str]:
    if not path.exists():
        return []
    if not path.is_file():  # a folder or a device is an error, not an empty manifest
        raise OutputError(
            f"cannot read {path}: it is not a file.", "give --manifest the path of a text file."
        )
    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [
                ContentIssue(
                    where,
                    1,
                    1,
                    "",
                    "file is not valid UTF-8.",
                    f"save it as UTF-8, or run 'git checkout {MANIFEST}' and 'make urls' again.",
                )
            ]
        ) from None
    listed, issues = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        problem = _line_problem(line)
        if problem:
            issues.append(ContentIssue(where, number, 1, "", *problem))
        else:
            listed.append(line)
    if issues:
        raise ContentError(issues)
    return listed


def _line_problem(line: str) -> tuple[str, str] | None:
    """Why a manifest line is not a published path, and how to mend it; None if it is one."""
    if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
        return (
            "a merge conflict marker was left in the file.",
            "keep the paths of both sides, each once, and delete the marker lines.",
        )
    if not line.startswith("/") or any(c.isspace() for c in line):
        return (
            f"'{line[:60]}' is not a path of the site.",
            "every line is one address path starting with '/', such as /concerns/<slug>/; "
            "lines starting with # are comments.",
        )
    return None


def refresh_manifest(path: Path, paths: set[str]) -> list[str]:
    """Add `paths` to the manifest, keeping every path already there; return the new ones."""
    known = read_manifest(path)
    added = sorted(paths - set(known))
    if added or not path.is_file():
        lines = sorted(set(known) | paths)
        path.write_text(HEADER + "".join(f"{p}\n" for p in lines), encoding="utf-8")
    return added


def _file_for(site_dir: Path, url_path: str) -> Path:
    relative = url_path.lstrip("/")
    return site_dir / relative / "index.html" if url_path.endswith("/") else site_dir / relative


def redirect_target(page: Path) -> str | None:
    """Where a meta-refresh redirect page sends the reader, relative to the page."""
    match = _REFRESH.search(page.read_text(encoding="utf-8", errors="replace"))
    return match.group(1) if match else None


def resolves(site_dir: Path, url_path: str, hops: int = 5) -> bool:
    """True when the path is a file of the built site or redirects to one."""
    target = _file_for(site_dir, url_path)
    if not target.is_file():
        return False
    goes_to = redirect_target(target) if target.suffix == ".html" else None
    if goes_to is None:
        return True
    goes_to = goes_to.split("#")[0]
    root = site_dir.resolve()
    resolved = (target.parent / goes_to).resolve()
    if hops == 0 or "://" in goes_to or not resolved.is_relative_to(root):
        return False
    inside = resolved.relative_to(root).as_posix()
    next_path = "/" if inside == "." else f"/{inside}{'/' if goes_to.endswith('/') else ''}"
    return resolves(site_dir, next_path, hops - 1)


def broken(site_dir: Path, paths: list[str]) -> list[str]:
    """Listed paths that are neither a file nor a redirect to one in the built site."""
    return [p for p in paths if not resolves(site_dir, p)]


def unlisted(site_dir: Path, listed: list[str]) -> list[str]:
    """Pages, redirects and open-data files of a built site that the manifest does not
    list yet: a later rename of one of them would go unnoticed."""
    known = set(listed)
    found = {
        "/" + (page.parent.relative_to(site_dir).as_posix() + "/").removeprefix("./")
        for page in site_dir.rglob("index.html")
        if "assets" not in page.relative_to(site_dir).parts  # files, not pages, live there
    }
    found |= {f"/{name}" for name in PUBLISHED if (site_dir / name).is_file()}
    return sorted(found - known)


def lines_of(manifest: Path) -> dict[str, int]:
    """Each path the manifest lists -> its line (the first, if listed twice)."""
    text = manifest.read_text(encoding="utf-8-sig") if manifest.is_file() else ""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        lines.setdefault(line.strip(), number)
    return lines
