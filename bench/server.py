"""A static host for measuring: serves a built site on loopback, gzip-compressed as real hosts do.

Text files go out gzip-compressed (level 6, the usual default), which is what readers
download from any ordinary static host; images go out as they are. Missing pages get
the site's 404 page.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
from contextlib import AbstractContextManager
from pathlib import Path

from browser import serve_directory

GZIP_LEVEL = 6
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)


def transfer_size(body: bytes, content_type: str) -> int:
    """Bytes on the wire for a response body of this type."""
    if content_type.startswith(COMPRESSIBLE):
        return len(gzip.compress(body, GZIP_LEVEL, mtime=0))
    return len(body)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        root = Path(self.directory)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
            path, status = root / "404.html", 404
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml")):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, GZIP_LEVEL, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path) -> AbstractContextManager[str]:
    """Serve `root` on a free loopback port, compressed as a web host would; yields the URL."""
    return serve_directory(root, _Handler)
