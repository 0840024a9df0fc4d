"""The live preview's web server: MkDocs' dev server, with what the preview adds to a page.

MkDocs' LiveReloadServer does the serving: it holds requests while a rebuild runs,
injects its reload script into every page, and tells open pages to reload when the
rebuild is done. Around it, a small WSGI layer:

- shows the current content error in a banner at the top of every page, in every
  language, as the page is served: the last good pages stay as they were built;
- lets the dev server's inline reload script run under the site's Content-Security-
  Policy, which forbids inline scripts;
- answers a missing page with the 404 page of its language;
- notes which pages browsers asked for, so a rebuild can build the changed ones of those
  first and reload them, and makes a request for a page still being rebuilt wait.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Callable, Iterable, Iterator
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
    """What the server needs to know of the preview, and tells it."""

    @property
    def error(self) -> str | None: ...

    def not_found_page(self, path: str) -> Path | None: ...

    def rebuild(self) -> None: ...

    def visited(self, path: str) -> None:
        """A page was served (the preview builds the pages open in a browser first)."""

    def hold(self, path: str) -> None:
        """Wait, if the page at `path` is still being rebuilt."""


def is_page(path: str) -> bool:
    return path.endswith(("/", ".html"))


def site_file(path: str) -> str:
    """The built file a request path is served from: "/fr/a/" -> "fr/a/index.html"."""
    path = path.lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


class OpenPages:
    """The pages browsers asked for lately, and which pages may be served mid-rebuild.

    A rebuild builds the changed pages that are open in a browser first and reloads them,
    then the rest; a request for one of the rest waits until it is built.
    """

    def __init__(self, keep: int = 8) -> None:
        self.keep = keep
        self._recent: dict[str, None] = {}  # oldest first
        self._pending: set[str] = set()  # pages being rebuilt after the open ones
        self._lock = threading.Condition()

    def visited(self, path: str) -> None:
        with self._lock:
            name = site_file(path)
            self._recent.pop(name, None)
            self._recent[name] = None
            while len(self._recent) > self.keep:
                del self._recent[next(iter(self._recent))]

    def recent(self) -> set[str]:
        with self._lock:
            return set(self._recent)

    @contextlib.contextmanager
    def pending(self, names: set[str]) -> Iterator[None]:
        """While inside, a request for one of these pages (site files) waits."""
        with self._lock:
            self._pending = names
        try:
            yield
        finally:
            with self._lock:
                self._pending = set()
                self._lock.notify_all()

    def hold(self, path: str) -> None:
        name = site_file(path)
        with self._lock:
            self._lock.wait_for(lambda: name not in self._pending)


class PreviewServer(LiveReloadServer):
    """MkDocs' dev server, which can also tell open pages to reload before a rebuild ends."""

    def reload_now(self) -> None:
        """Reload open pages now: the rebuild goes on with pages nobody is looking at.

        MkDocs reloads pages when its build function returns; this does what it does
        then, earlier (its attributes are those of MkDocs 1.6, the last of 1.x).
        """
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()


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
        path = environ.get("PATH_INFO", "/")
        if is_page(path):
            state.hold(path)
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
            found = state.not_found_page(path)
            page = found.read_bytes() if found else page
        elif is_page(path):
            state.visited(path)
        data = decorate(page.decode("utf-8", "replace"), state.error).encode("utf-8")
        headers = [(k, v) for k, v in held["headers"] if k.lower() != "content-length"]
        start_response(held["status"], [*headers, ("Content-Length", str(len(data)))])
        return [data]

    return wrapped


def make_server(
    state: State, observer: FilteredObserver, host: str, port: int, root: Path
) -> PreviewServer:
    """MkDocs' dev server on `root`, rebuilding through `state` and watching with `observer`."""
    server = PreviewServer(builder=state.rebuild, host=host, port=port, root=str(root))
    # Its own observer scans every watched file twice a second; ours is told of changes.
    server.observer = observer  # type: ignore[assignment]
    server.build_delay = QUIET
    server.set_app(_wrap(server.serve_request, state))
    return server
