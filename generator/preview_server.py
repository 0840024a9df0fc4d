"""The live preview's web server: MkDocs' dev server, with what the preview adds to a page.

MkDocs' LiveReloadServer does the serving: it holds requests while a rebuild runs,
injects its reload script into every page, and tells open pages to reload when the
rebuild is done. Around it, a small WSGI layer:

- shows the current content error in a banner at the top of every page, in every
  language, as the page is served: the last good pages stay as they were built;
- lets the dev server's inline reload script run under the site's Content-Security-
  Policy, which forbids inline scripts;
- answers a missing page with the 404 page of its language.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from mkdocs.livereload import LiveReloadServer

from .preview_watch import FilteredObserver

BANNER_CLASS = "tx-preview-error"
# Long enough for the writes of one save to arrive together, short beside a rebuild.
QUIET = 0.1  # seconds without a change before a rebuild starts

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class State(Protocol):
    """What the server needs to know of the preview."""

    @property
    def error(self) -> str | None: ...

    def not_found_page(self, path: str) -> Path | None: ...

    def rebuild(self) -> None: ...


def banner(error: str) -> str:
    return (
        f'<div role="alert" class="{BANNER_CLASS}" style="background:#a3150d;color:#fff;'
        'padding:1em;font:14px/1.4 monospace;white-space:pre-wrap">'
        "Error in the preview:\n" + html.escape(error) + "</div>"
    )


def decorate(page: str, error: str | None) -> str:
    """The page as the preview serves it: reload script allowed, error banner on top."""
    page = page.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", 1)
    if not error:
        return page
    start = page.find("<body")
    end = page.find(">", start) + 1 if start != -1 else 0
    return page[:end] + banner(error) + page[end:]


def _wrap(app: App, state: State) -> App:
    def wrapped(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        held: dict[str, Any] = {}

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            content_type = dict((k.lower(), v) for k, v in headers).get("content-type", "")
            if not content_type.startswith("text/html"):
                return start_response(status, headers, exc_info)
            held.update(status=status, headers=headers)
            return lambda _data: None

        body = app(environ, hold)
        if not held:
            return body
        page = b"".join(body)
        if held["status"].startswith("404"):
            found = state.not_found_page(environ.get("PATH_INFO", "/"))
            page = found.read_bytes() if found else page
        data = decorate(page.decode("utf-8", "replace"), state.error).encode("utf-8")
        headers = [(k, v) for k, v in held["headers"] if k.lower() != "content-length"]
        start_response(held["status"], [*headers, ("Content-Length", str(len(data)))])
        return [data]

    return wrapped


def make_server(
    state: State, observer: FilteredObserver, host: str, port: int, root: Path
) -> LiveReloadServer:
    """MkDocs' dev server on `root`, rebuilding through `state` and watching with `observer`."""
    server = LiveReloadServer(builder=state.rebuild, host=host, port=port, root=str(root))
    # Its own observer scans every watched file twice a second; ours is told of changes.
    server.observer = observer  # type: ignore[assignment]
    server.build_delay = QUIET
    server.set_app(_wrap(server.serve_request, state))
    return server
