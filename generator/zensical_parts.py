"""A language of many pages built by Zensical in parts, one process per core, joined into
the site one process would have built, byte for byte (tests/test_zensical.py).

Zensical 0.0.73 renders a site's pages one at a time, on one core. So a large language is
split: part 0 keeps the navigation's pages and every file that is no page (theme assets,
share cards, data), and each part gets a run of the other pages, in the order Zensical
walks the docs folder, of about equal cost. A part after the first also gets each page of
the navigation as a stand-in: its front matter only, which is all its pages' menus read of
it, and cheap to build (the concerns index of a large campaign is not). `join` then moves
each part's own pages into part 0's site and puts their search indexes and sitemaps
together in the orders Zensical writes them: search.json page by page as it walks the
docs folder (in a folder, its index page, then its other pages, then its subfolders, each
by name), sitemap.xml by address.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import writer
from .errors import SiteBuildError
from .render import page_url, split_front_matter
from .shares import PAGE_COST, owners

SEARCH_INDEX, SITEMAP = "search.json", "sitemap.xml"
_URL = re.compile(r"[ \t]*<url>.*?</url>\n", re.DOTALL)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.DOTALL)


def walk_order(path: str) -> list[tuple[int, str]]:
    """Sort key of a docs-tree page in Zensical's walk: a folder's index.md first, then
    its other files, then its subfolders, each group by name."""
    *folders, name = path.split("/")
    return [(2, folder) for folder in folders] + [(0, "") if name == "index.md" else (1, name)]


def split(docs: Path, pages: list[str], nav: set[str], count: int, parts_dir: Path) -> list[Path]:
    """Move the pages of parts 1..count-1 out of `docs` (part 0's tree, whose `pages` these
    are) into docs trees of their own under `parts_dir`, each with every navigation page as
    a stand-in (its front matter, all the menu reads of it); return those trees' folders,
    part 1 first."""
    others = sorted((p for p in pages if p not in nav), key=walk_order)
    stand_ins = {page: _front_matter(docs / page) for page in nav}
    head_start = sum(_cost(docs, page) for page in nav)  # part 0 renders them in full
    folders = []
    for number, share in enumerate(_shares(docs, others, count, head_start)[1:], start=1):
        folder = parts_dir / f"part{number}"
        for page, text in stand_ins.items():
            target = folder / "docs" / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for page in share:
            target = folder / "docs" / page
            target.parent.mkdir(parents=True, exist_ok=True)
            (docs / page).rename(target)
        folders.append(folder)
    return folders


def _front_matter(page: Path) -> str:
    head, _ = split_front_matter(page.read_text(encoding="utf-8"))
    return head


def _cost(docs: Path, page: str) -> int:
    return PAGE_COST + (docs / page).stat().st_size


def _shares(docs: Path, pages: list[str], count: int, head_start: int) -> list[list[str]]:
    """`pages` in `count` runs of about equal cost (size, and what each page costs more),
    the first run's cost counted from `head_start`."""
    costs = [_cost(docs, page) for page in pages]
    shares: list[list[str]] = [[] for _ in range(count)]
    for page, owner in zip(pages, owners(costs, count, head_start), strict=True):
        shares[owner].append(page)
    return shares


def join(site: Path, parts: list[Path], pages: dict[str, str]) -> Path:
    """Move every part's own files into `site` (part 0's), and join the search indexes and
    sitemaps; `pages` maps each page's address to its docs-tree path."""
    indexes = [_read_json(site / SEARCH_INDEX)]
    sitemaps = [(site / SITEMAP).read_text(encoding="utf-8")]
    for part in parts:
        indexes.append(_read_json(part / SEARCH_INDEX))
        sitemaps.append((part / SITEMAP).read_text(encoding="utf-8"))
        # The navigation's pages and the theme, which every part writes, are part 0's.
        writer.move_into(part, site, lambda _: None)
    index = {**indexes[0], "items": _join_items(indexes, pages)}
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (site / SEARCH_INDEX).write_text(text, encoding="utf-8")
    (site / SITEMAP).write_text(_join_sitemaps(sitemaps), encoding="utf-8")
    return site


def _read_json(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _join_items(indexes: list[dict[str, object]], pages: dict[str, str]) -> list[object]:
    """Every page's search entries once (the first part's), pages in walk order."""
    by_page: dict[str, list[object]] = {}
    for index in indexes:
        seen: dict[str, list[object]] = {}
        for item in index["items"]:  # type: ignore[attr-defined]
            address = str(item["location"]).split("#", 1)[0]
            seen.setdefault(address, []).append(item)
        for address, items in seen.items():
            by_page.setdefault(address, items)
    unknown = [a for a in by_page if a not in pages]
    if unknown:
        raise SiteBuildError(f"Zensical indexed a page the docs tree does not have: {unknown[0]}")
    ordered = sorted(by_page, key=lambda address: walk_order(pages[address]))
    return [item for address in ordered for item in by_page[address]]


def _join_sitemaps(sitemaps: list[str]) -> str:
    """Part 0's sitemap with every part's addresses, each once, in order of address."""
    entries: dict[str, str] = {}
    for sitemap in sitemaps:
        for entry in _URL.findall(sitemap):
            loc = _LOC.search(entry)
            if loc is None:
                raise SiteBuildError("Zensical wrote a sitemap entry without an address")
            entries.setdefault(loc[1].replace("&#x2f;", "/"), entry)
    first = sitemaps[0]
    found = list(_URL.finditer(first))
    if not found:
        raise SiteBuildError("Zensical wrote a sitemap without any address")
    head, tail = first[: found[0].start()], first[found[-1].end() :]
    return head + "".join(entries[loc] for loc in sorted(entries)) + tail


def addresses(docs_pages: list[str]) -> dict[str, str]:
    """Each page's address (as search.json writes it) -> its docs-tree path."""
    return {page_url(page): page for page in docs_pages}
