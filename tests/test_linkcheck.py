"""The link check that runs on every pull request: internal links, anchors, external links."""

from __future__ import annotations

import http.server
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import run_cli
from generator.linkcheck import check_site, external_problems, read_site


def write(site: Path, name: str, body: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head></head><body>\n{body}\n</body></html>", "utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(
        root,
        "index.html",
        '<a href="concerns/a/">ok</a> <a href="concerns/a">ok without slash</a>\n'
        '<a href="concerns/a/#why">ok anchor</a> <a href="#top" id="top">self</a>\n'
        '<a href="concerns/b/">missing page</a>\n'
        '<a href="concerns/a/#nowhere">missing anchor</a>\n'
        '<link rel="stylesheet" href="assets/missing.css"><script src="assets/ok.js"></script>\n'
        '<a href="mailto:x@example.org">mail</a> <a href="https://example.org/">external</a>',
    )
    write(root, "concerns/a/index.html", '<h2 id="why">Why</h2><a href="../../">home</a>')
    write(
        root,
        "concerns/old/index.html",
        '<meta http-equiv="refresh" content="0; url=../gone/"><a name="legacy"></a>',
    )
    (root / "assets").mkdir()
    (root / "assets/ok.js").write_text("", encoding="utf-8")
    return root


def test_every_broken_internal_link_and_anchor_is_found(site: Path) -> None:
    result = check_site(site)
    assert result.broken == [
        "concerns/old/index.html:2: broken link '../gone/': no such page or file.",
        "index.html:4: broken link 'concerns/b/': no such page or file.",
        "index.html:5: broken link 'concerns/a/#nowhere': "
        "concerns/a/index.html has no anchor '#nowhere'.",
        "index.html:6: broken link 'assets/missing.css': no such page or file.",
    ]
    assert result.unreachable == []  # external addresses only with external=True


def test_a_link_above_the_sites_root_is_broken_though_a_browser_would_stop_there(
    site: Path,
) -> None:
    """At the top of a domain, `../../../about/` from /concerns/a/ still reaches /about/:
    the browser stops at the root. Served from a folder (a GitHub Pages project site), or
    from a language's folder, it leads elsewhere; the check must not be fooled."""
    write(site, "about/index.html", "<p>About</p>")
    write(site, "concerns/a/index.html", '<h2 id="why">Why</h2><a href="../../../about/">up</a>')
    assert check_site(site).broken[0] == (
        "concerns/a/index.html:2: broken link '../../../about/': it climbs above the site's root."
    )
    write(site, "concerns/a/index.html", '<h2 id="why">Why</h2><a href="../../about/">up</a>')
    assert not [p for p in check_site(site).broken if p.startswith("concerns/a/")]


def test_cli_fails_on_broken_links_and_passes_on_a_clean_site(site: Path) -> None:
    result = run_cli("links", "--site-dir", site)
    assert result.code == 1
    assert result.out == "4 broken links; fix them before publishing.\n"
    assert result.err.splitlines()[0].startswith("concerns/old/index.html:2: broken link")

    (site / "concerns/old").rename(site / "concerns/gone")
    write(site, "index.html", '<a href="concerns/a/#why">ok</a> <a href="concerns/gone/">ok</a>')
    result = run_cli("links", "--site-dir", site)
    assert (result.code, result.err) == (0, "")
    assert result.out == "OK: 4 links on 3 pages.\n"


def test_github_format(site: Path) -> None:
    result = run_cli("links", "--site-dir", site, "--format", "github")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error title=Broken link::"
        "concerns/old/index.html:2: broken link '../gone/': no such page or file."
    )


class _Handler(http.server.BaseHTTPRequestHandler):
    codes: ClassVar[dict[str, tuple[int, int]]] = {
        "/ok": (200, 200),
        "/gone": (404, 404),
        "/no-head": (405, 200),
        "/bots": (403, 403),
    }

    def _answer(self, head: bool) -> None:
        code = self.codes.get(self.path, (404, 404))[0 if head else 1]
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_external_links_are_reported_not_fatal(tmp_path: Path, local_server: str) -> None:
    site = tmp_path / "site"
    dead = f"http://127.0.0.1:{closed_port()}/"
    links = [f"{local_server}{p}" for p in ("/ok", "/gone", "/no-head", "/bots")] + [dead]
    write(site, "index.html", "\n".join(f'<a href="{u}">x</a>' for u in links))
    problems = external_problems(read_site(site))
    assert problems[0] == f"index.html:3: {local_server}/gone: HTTP 404."
    assert re.fullmatch(rf"index\.html:6: {re.escape(dead)}: cannot connect \(.+\)\.", problems[1])
    assert len(problems) == 2

    result = run_cli("links", "--site-dir", site, "--external")
    assert result.code == 0
    assert result.err.count("warning: ") == 2
    assert result.out == "OK: 5 links on 1 pages. 2 external address(es) did not answer.\n"


def test_the_built_site_has_no_broken_links(minimal_site: Path) -> None:
    result = check_site(minimal_site)
    assert result.broken == []
    assert (minimal_site / "feed.xml").is_file()
