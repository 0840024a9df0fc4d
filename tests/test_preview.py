"""The live preview as a maintainer uses it: edit, break and fix a file while it runs.

Each step polls the running server until the expected page appears, with a
generous deadline: the deadline only stops a hung test, it measures nothing.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from generator import preview, preview_hook, render
from generator.cli import main

DEADLINE = 120.0
PAGE = "concerns/weak-safeguards/"


@dataclass
class Preview:
    url: str
    log: Path

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_for(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"the preview never showed {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_preview(content: Path, log: Path) -> Iterator[Preview]:
    port = free_port()
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--content",
                str(content),
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        preview = Preview(f"http://127.0.0.1:{port}/", log)
        try:
            wait_for(lambda: "<h1" in preview.get(PAGE) or proc.poll() is not None, "a page")
            assert proc.poll() is None, preview.stderr()
            yield preview
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, preview.stderr()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_preview_rebuilds_shows_errors_and_recovers(campaign: Path, tmp_path: Path) -> None:
    concern = campaign / "concerns/weak-safeguards.yml"
    with running_preview(campaign, tmp_path / "serve.log") as preview:
        first = preview.get(PAGE)
        assert '<h1 id="top">Weak safeguards</h1>' in first
        assert "livereload" in first  # the dev server's reload script is on the page
        assert "script-src 'self' 'unsafe-inline'" in first  # ...and allowed to run

        edit(concern, "title: Weak safeguards", "title: Safeguards, edited live")
        wait_for(lambda: "Safeguards, edited live</h1>" in preview.get(PAGE), "the new title")

        edit(concern, "order: 10", "order: ten")
        broken = wait_for(
            lambda: (page := preview.get(PAGE)) and "tx-preview-error" in page and page,
            "the error banner",
        )
        assert "concerns/weak-safeguards.yml:5:1: order: must be a whole number" in broken
        assert "Safeguards, edited live</h1>" in broken  # the last good page stays
        assert "concerns/weak-safeguards.yml:5:1: order: must be a whole number" in (
            preview.stderr()
        )

        edit(concern, "order: ten", "order: 10")
        wait_for(
            lambda: "<h1" in (page := preview.get(PAGE)) and "tx-preview-error" not in page,
            "the page without the banner",
        )
        assert "Fixed: the preview shows your changes again." in preview.stderr()

        assert main(["new", "concern", "Added live", "--content", str(campaign)]) == 0
        wait_for(lambda: "Added live</h1>" in preview.get("concerns/added-live/"), "a new page")


@pytest.mark.browser
def test_browser_reloads_by_itself_after_an_edit(campaign: Path, tmp_path: Path, page: Any) -> None:
    concern = campaign / "concerns/weak-safeguards.yml"
    with running_preview(campaign, tmp_path / "serve.log") as preview:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(preview.url + PAGE)
        assert page.locator("h1").inner_text() == "Weak safeguards"
        edit(concern, "title: Weak safeguards", "title: Reloaded by the server")
        # No page.goto or reload here: only the live-reload script can change the heading.
        wait_for(lambda: page.locator("h1").inner_text() == "Reloaded by the server", "reload")
        assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_broken_template_is_reported_like_broken_content(
    campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The hook in-process, with a copy of the templates that has a syntax error."""
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    (templates / "glossary.md.j2").write_text("{% if %}\n", encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    monkeypatch.setenv(preview.CONTENT_ENV, str(campaign))
    monkeypatch.setitem(preview.last_error, "report", None)

    preview_hook.on_pre_build({"docs_dir": str(tmp_path / "docs")})
    page = preview_hook.on_post_page("<html><body><h1>Old</h1></body></html>")
    expected = f"{templates / 'glossary.md.j2'}:1: template error: Expected an expression"
    assert capsys.readouterr().err.startswith(expected)
    assert page.startswith('<html><body><div role="alert" class="tx-preview-error"')
    assert page.endswith("</div><h1>Old</h1></body></html>")
    assert not (tmp_path / "docs").exists()  # nothing half-written
