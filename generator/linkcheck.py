"""Check the links of a built site: every internal link and anchor must exist.

MkDocs checks only links written in Markdown, and most of ours live in HTML blocks;
Zensical is told not to check links at all (zensical_site.NO_LINK_VALIDATION). So
this reads the built HTML itself. External
links are checked only on request, and only reported: a publisher's server
being down for an hour must not block a typo fix.
"""

from __future__ import annotations

import concurrent.futures
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from .annotations import workflow_command

# Attributes that make the browser fetch or navigate to another address.
_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
}
_USER_AGENT = "treaty-explainer-linkcheck/1 (+https://github.com)"
# Answers that say "exists, but not for robots": not a broken link.
_NOT_BROKEN = {401, 403, 405, 429}


@dataclass(frozen=True, order=True)
class Link:
    page: str
    line: int
    target: str


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    canonical: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.found.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.found.ids.add(values["name"])
        for name, value in values.items():
            if (tag, name) in _LINK_ATTRS and value:
                self.found.links.append(Link(self.page, self.getpos()[0], value.strip()))
        if tag == "link" and values.get("rel") == "canonical":
            self.found.canonical = values.get("href", "")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            _, _, url = values.get("content", "").partition("url=")
            if url:
                self.found.links.append(Link(self.page, self.getpos()[0], url.strip()))


def read_site(site_dir: Path) -> dict[str, Page]:
    """Site-relative path of every HTML file -> its ids and links."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        parser = _Parser(rel)
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[rel] = parser.found
    return pages


def _target_file(site_dir: Path, url_path: str) -> str | None:
    """The file a site-relative URL path is served from, as a static host would."""
    rel = PurePosixPath(url_path.lstrip("/"))
    directory = url_path.endswith("/") or not url_path.strip("/")
    for candidate in [rel / "index.html"] if directory else [rel, rel / "index.html"]:
        if (site_dir / candidate).is_file():
            return candidate.as_posix()
    return None


def base_path(pages: dict[str, Page]) -> str:
    """Where the site is served from, per its home page's canonical address: "/" for a site
    at a domain's root, "/campaign/" for one in a folder (as GitHub Pages serves a project)."""
    home = pages.get("index.html")
    path = urlsplit(home.canonical).path if home and home.canonical else ""
    return path if path.endswith("/") else f"{path}/"


def _climbs_out(base: str, path: str) -> bool:
    """Whether a relative `path`, from the page at `base`, goes up past the site's root."""
    if path.startswith("/"):
        return False
    depth = base.count("/") - 1
    segments = [unquote(segment) for segment in path.split("/")]
    if segments[-1] not in (".", ".."):
        segments.pop()  # a file's name, or nothing after a final '/': no step
    for segment in segments:
        depth += -1 if segment == ".." else 0 if segment in ("", ".") else 1
        if depth < 0:
            return True
    return False


def internal_problems(site_dir: Path, pages: dict[str, Page]) -> list[str]:
    problems = []
    served_at = base_path(pages)
    for page in pages.values():
        for link in page.links:
            parts = urlsplit(link.target)
            if parts.scheme or parts.netloc:
                continue
            # Resolve against the page's own address, as the browser does.
            base = "/" + link.page.removesuffix("index.html")
            where = f"{link.page}:{link.line}"
            if _climbs_out(base, parts.path):
                # A browser stops at the domain's root, so such a link seems to work at
                # the top of a domain, and leads out of a site served from a folder.
                problems.append(
                    f"{where}: broken link '{link.target}': it climbs above the site's root."
                )
                continue
            resolved = urlsplit(urljoin(base, link.target))
            path = unquote(resolved.path)
            if link.target.startswith("/") and path.startswith(served_at):
                # An absolute link (the 404 page has them) names the folder the site is in.
                path = "/" + path.removeprefix(served_at)
            target = _target_file(site_dir, path)
            if target is None:
                problems.append(f"{where}: broken link '{link.target}': no such page or file.")
            elif (
                resolved.fragment
                and target in pages
                and unquote(resolved.fragment) not in pages[target].ids
            ):
                problems.append(
                    f"{where}: broken link '{link.target}': "
                    f"{target} has no anchor '#{resolved.fragment}'."
                )
    return sorted(problems)


def external_links(pages: dict[str, Page]) -> dict[str, list[Link]]:
    """Every http(s) address, except the site's own: its new pages are not online yet."""
    home = pages.get("index.html")
    own = home.canonical if home and home.canonical else None
    found: dict[str, list[Link]] = {}
    for page in pages.values():
        for link in page.links:
            parts = urlsplit(link.target)
            if own and link.target.startswith(own):
                continue
            if parts.scheme in {"http", "https"}:
                found.setdefault(link.target.split("#", 1)[0], []).append(link)
    return found


def check_url(url: str, timeout: float = 20) -> str | None:
    """None if the address answers, else a short reason."""
    reason = None
    for method in ("HEAD", "GET"):  # some servers refuse HEAD; a GET settles it
        # Only http(s) addresses get here (see external_links).
        headers = {"User-Agent": _USER_AGENT}
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310
                return None
        except urllib.error.HTTPError as exc:
            if exc.code in _NOT_BROKEN and method == "GET":
                return None
            reason = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return f"cannot connect ({getattr(exc, 'reason', exc)})"
    return reason


def external_problems(pages: dict[str, Page], workers: int = 8) -> list[str]:
    links = external_links(pages)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(links, pool.map(check_url, links), strict=True))
    found = [(min(links[url]), url, reason) for url, reason in results.items() if reason]
    return [f"{first.page}:{first.line}: {url}: {reason}." for first, url, reason in sorted(found)]


@dataclass
class Result:
    pages: int
    links: int
    broken: list[str]
    unreachable: list[str]

    def lines(self, fmt: str = "text") -> list[str]:
        if fmt == "github":
            return [
                *(workflow_command("error", p, title="Broken link") for p in self.broken),
                *(workflow_command("warning", p, title="External link") for p in self.unreachable),
            ]
        return [*self.broken, *(f"warning: {p}" for p in self.unreachable)]

    def summary(self) -> str:
        if self.broken:
            count = len(self.broken)
            return f"{count} broken link{'s' if count != 1 else ''}; fix them before publishing."
        return f"OK: {self.links} links on {self.pages} pages." + (
            f" {len(self.unreachable)} external address(es) did not answer."
            if self.unreachable
            else ""
        )


def check_site(site_dir: Path, external: bool = False) -> Result:
    pages = read_site(site_dir)
    return Result(
        pages=len(pages),
        links=sum(len(p.links) for p in pages.values()),
        broken=internal_problems(site_dir, pages),
        unreachable=external_problems(pages) if external else [],
    )
