"""Page weight as a reader downloads it: bytes and requests per page, from a cold cache.

Each page opens in a fresh browser context and is weighed once the network is quiet,
so the count includes what the theme's scripts fetch after load (the search worker and
the search index). Sizes are gzip-compressed as bench/server.py sends them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from server import transfer_size

THEME_PREFIXES = ("assets/javascripts/", "assets/stylesheets/")
SEARCH_INDEX = "search/search_index.json"


@dataclass
class Weight:
    kind: str
    path: str
    html: int = 0  # the page's own HTML, uncompressed
    total: int = 0  # every response, as transferred
    requests: int = 0
    theme: int = 0  # of the total: the theme's stylesheets and scripts
    search: int = 0  # of the total: the search index
    files: dict[str, int] = field(default_factory=dict)

    @property
    def ours(self) -> int:
        return self.total - self.theme - self.search


def weigh(browser: Any, base_url: str, kind: str, path: str) -> Weight:
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(base_url + path, wait_until="networkidle")
        weight = Weight(kind, path)
        for response in responses:
            body = response.body()
            size = transfer_size(body, response.headers.get("content-type", ""))
            name = urlsplit(response.url).path.lstrip("/")
            weight.files[name or "/"] = size
            weight.requests += 1
            weight.total += size
            if name.startswith(THEME_PREFIXES):
                weight.theme += size
            elif name == SEARCH_INDEX:
                weight.search += size
            if response.url == base_url + path:
                weight.html = len(body)
        return weight
    finally:
        context.close()
