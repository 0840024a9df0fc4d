"""Page weight as a reader downloads it: bytes and requests per page, from a cold cache.

Each page opens in a fresh browser context and is weighed once the network is quiet,
so the count includes what scripts fetch after load. Then the search box is focused,
and what that adds (the search index and worker, which wait until search is opened) is
weighed apart. Sizes are gzip-compressed as bench/server.py sends them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from server import transfer_size

THEME_PREFIXES = ("assets/javascripts/", "assets/stylesheets/")


@dataclass
class Weight:
    kind: str
    path: str
    html: int = 0  # the page's own HTML, uncompressed
    total: int = 0  # every response until the network is quiet, as transferred
    requests: int = 0
    theme: int = 0  # of the total: the theme's stylesheets and scripts
    search: int = 0  # not in the total: what opening search adds (index, worker)
    files: dict[str, int] = field(default_factory=dict)

    @property
    def ours(self) -> int:
        return self.total - self.theme

    @property
    def with_search(self) -> int:
        return self.total + self.search


def _size(response: Any) -> tuple[str, int, bytes]:
    body = response.body()
    name = urlsplit(response.url).path.lstrip("/") or "/"
    return name, transfer_size(body, response.headers.get("content-type", "")), body


def open_search(page: Any, engine: str) -> None:
    """Open search as a reader does: Material's search box takes focus; Zensical's search
    dialog opens from its button (on a phone, the magnifier in its place)."""
    if engine == "zensical":
        button = page.locator(".md-search__button")
        (button if button.is_visible() else page.locator(".tx-search-button")).click()
    else:
        page.locator("input.md-search__input").focus()


def weigh(browser: Any, base_url: str, kind: str, path: str, engine: str = "mkdocs") -> Weight:
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(base_url + path, wait_until="networkidle")
        weight = Weight(kind, path)
        for response in responses:
            name, size, body = _size(response)
            weight.files[name] = size
            weight.requests += 1
            weight.total += size
            if name.startswith(THEME_PREFIXES):
                weight.theme += size
            if response.url == base_url + path:
                weight.html = len(body)
        loaded = len(responses)
        open_search(page, engine)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the worker starts once the index has arrived
        weight.search = sum(_size(r)[1] for r in responses[loaded:])
        return weight
    finally:
        context.close()
