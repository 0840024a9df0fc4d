"""A crawler for a built site on disk: every internal link, anchor and resource must resolve.

It follows links from the home page and the 404 page as a reader would, reading files
instead of fetching them. Internal links must lead to a file and, with a #fragment, to
an element with that id. Anything the browser loads by itself (scripts, stylesheets,
icons, images, frames) must come from the site; links to other sites are allowed only
as explicit https (or mailto) links a reader chooses to follow, and are not fetched.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

LOCAL = "http://site.invalid/"
# <link rel> values that make the browser fetch something.
FETCHED_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
}
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("track", "src"),
    ("input", "src"),
}
_REFRESH_URL = re.compile(r"url\s*=\s*(.+)$", re.IGNORECASE)


@dataclass
class Ref:
    tag: str
    attr: str
    value: str
    rel: str = ""


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[Ref] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        rel = values.get("rel", "").lower()
        if tag in {"a", "area", "link"} and "href" in values:
            self.refs.append(Ref(tag, "href", values["href"], rel))
        for name in ("src", "data", "poster"):
            if (tag, name) in RESOURCE_ATTRS and name in values:
                self.refs.append(Ref(tag, name, values[name]))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                self.refs.append(Ref(tag, "srcset", candidate.strip().split(" ")[0]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self.refs.append(Ref(tag, "refresh", match.group(1).strip("'\" ")))


@dataclass
class Page:
    ids: set[str]
    refs: list[Ref]


@dataclass(frozen=True)
class Problem:
    page: str
    message: str
    target: str = ""  # the internal path it is about, if any

    def __str__(self) -> str:
        return f"/{self.page}: {self.message}"


@dataclass
class CrawlReport:
    visited: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    external_links: set[str] = field(default_factory=set)


def fetched_by_browser(ref: Ref) -> bool:
    """Whether the browser loads this by itself, rather than when a reader follows it."""
    if ref.tag in {"a", "area"}:
        return False
    if ref.tag == "link":
        return bool(set(ref.rel.split()) & FETCHED_RELS)
    return True  # src, data, poster, srcset, and a refresh that navigates on its own


class SiteCrawler:
    def __init__(self, root: Path, public_url: str) -> None:
        self.root = root
        self.public_url = public_url.rstrip("/") + "/"
        self.pages: dict[str, Page | None] = {}
        self.report = CrawlReport()

    # -- files --
    def file_for(self, path: str) -> Path | None:
        """The file a static host serves for a URL path, or None."""
        target = self.root / unquote(path).lstrip("/")
        if path.endswith("/") or path == "" or target.is_dir():
            target = target / "index.html"
        inside = target.resolve().is_relative_to(self.root.resolve())
        return target if inside and target.is_file() else None

    def page(self, path: str) -> Page | None:
        if path not in self.pages:
            file = self.file_for(path)
            if file is None or file.suffix != ".html":
                self.pages[path] = None
            else:
                parser = _PageParser()
                parser.feed(file.read_text(encoding="utf-8"))
                self.pages[path] = Page(parser.ids, parser.refs)
        return self.pages[path]

    # -- checking --
    def crawl(self, *starts: str) -> CrawlReport:
        queue = deque(starts)
        seen = set(starts)
        while queue:
            path = queue.popleft()
            page = self.page(path)
            if page is None:
                self.problem(path, "start page is missing", path)
                continue
            self.report.visited.add(path)
            for ref in page.refs:
                target = self.check(path, ref)
                if target is not None and target not in seen and self.page(target) is not None:
                    seen.add(target)
                    queue.append(target)
        return self.report

    def problem(self, page: str, message: str, target: str = "") -> None:
        self.report.problems.append(Problem(page, message, target))

    def check(self, where: str, ref: Ref) -> str | None:
        """Check one reference; return the internal path it leads to, if any."""
        value = ref.value.strip()
        absolute = urljoin(LOCAL + where, value)
        if absolute.startswith(LOCAL):
            return self.check_internal(where, ref, absolute)
        scheme = urlsplit(absolute).scheme
        if fetched_by_browser(ref):
            self.problem(where, f"<{ref.tag} {ref.attr}> loads {value!r} from another origin")
        elif ref.tag == "link" and "canonical" in ref.rel.split():
            if not value.startswith(self.public_url):
                self.problem(where, f"canonical address {value!r} is not on {self.public_url}")
        elif scheme == "https" and urlsplit(absolute).netloc:
            self.report.external_links.add(value)
        elif scheme != "mailto":
            self.problem(where, f"<{ref.tag} {ref.attr}> {value!r} is neither internal nor https")
        return None

    def check_internal(self, where: str, ref: Ref, absolute: str) -> str | None:
        url, fragment = urldefrag(absolute)
        path = urlsplit(url).path.lstrip("/")
        if self.file_for(path) is None:
            self.problem(where, f"<{ref.tag} {ref.attr}> leads to missing /{path}", path)
            return None
        if fragment:
            target = self.page(path)
            if target is None:
                self.problem(where, f"#{fragment} points into /{path}, not a page", path)
            elif unquote(fragment) not in target.ids:
                self.problem(where, f"link to missing anchor /{path}#{fragment}", path)
        return path

    # -- site-wide lists --
    def check_sitemap(self) -> None:
        """Every address in sitemap.xml is a page of this site."""
        sitemap = self.root / "sitemap.xml"
        if not sitemap.is_file():
            self.problem("sitemap.xml", "missing")
            return
        text = sitemap.read_text(encoding="utf-8")
        # As any XML reader does: character references decoded (Zensical's templates
        # write every "/" as &#x2f;).
        for loc in map(html.unescape, re.findall(r"<loc>([^<]+)</loc>", text)):
            if not loc.startswith(self.public_url):
                self.problem("sitemap.xml", f"{loc} is not on {self.public_url}")
                continue
            path = loc.removeprefix(self.public_url)
            if self.page(path) is None:
                self.problem("sitemap.xml", f"{loc} is not a page of the site", path)
            elif path not in self.report.visited:
                self.problem("sitemap.xml", f"{loc} cannot be reached by following links", path)

    def check_search_index(self) -> None:
        """Every search result leads to an existing page and section: MkDocs' index
        (search/search_index.json, its entries in "docs") or Zensical's (search.json,
        in "items"), each with locations relative to the site's root."""
        zensical = self.root / "search.json"
        if zensical.is_file() and not (self.root / "search").is_dir():
            for item in json.loads(zensical.read_text(encoding="utf-8"))["items"]:
                self.check("", Ref("a", "href", item["location"]))
            return
        index = self.root / "search" / "search_index.json"
        if not index.is_file():
            self.problem("search/search_index.json", "missing")
            return
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            self.check("search/", Ref("a", "href", "../" + doc["location"]))


def crawl_site(root: Path, public_url: str) -> CrawlReport:
    crawler = SiteCrawler(root, public_url)
    crawler.crawl("", "404.html")
    crawler.check_sitemap()
    crawler.check_search_index()
    return crawler.report
