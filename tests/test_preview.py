"""The live preview as a maintainer uses it: edit, break and fix files while it runs.

Each step polls the running server until the expected page appears, with a generous
deadline: the deadline only stops a hung test, it measures nothing. Rebuilds are counted
from the preview's own log, one "Rebuild N (what changed): ..." line per rebuild.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from watchdog import events

from conftest import MULTILINGUAL, ROOT
from generator import render, resources
from generator.cli import main
from generator.preview import Preview
from generator.preview_server import decorate
from generator.preview_watch import Relevance, watched

DEADLINE = 120.0
PAGE = "concerns/weak-safeguards/"
LANGUAGES = {"": "en", "fr/": "fr", "es/": "es", "ar/": "ar"}
MENU_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)"[^>]*class="md-select__link"')
REBUILD = re.compile(r"^Rebuild (\d+) \((.*?)\): ", re.MULTILINE)


@dataclass
class Running:
    url: str
    log: Path

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # a 404 page is a page too
            return str(error.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def rebuilds(self) -> list[str]:
        """What changed, as each rebuild's log line names it."""
        return [m.group(2) for m in REBUILD.finditer(self.stderr())]


def wait_for(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"the preview never showed {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_preview(content: Path, log: Path) -> Iterator[Running]:
    port = free_port()
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", content, "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        preview = Running(f"http://127.0.0.1:{port}/", log)
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


@pytest.fixture
def multilingual(tmp_path: Path) -> Path:
    """A writable copy of the campaign with French, Spanish and Arabic translations."""
    return Path(shutil.copytree(MULTILINGUAL, tmp_path / "campaign"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def title_shown(preview: Running, title: str, path: str = PAGE) -> Callable[[], bool]:
    return lambda: f">{html.escape(title, quote=False)}</h1>" in preview.get(path)


# -- what is watched, and what counts as a save --------------------------------------------


def test_the_preview_watches_what_the_generator_reads_and_nothing_else(campaign: Path) -> None:
    for litter in (".venv/lib/python3.11/site.py", ".git/HEAD", "site/index.html"):
        (campaign / litter).parent.mkdir(parents=True, exist_ok=True)
        (campaign / litter).write_text("x", encoding="utf-8")
    for folder in (".cache/cards", "node_modules/x", ".pytest_cache", "docs/overrides"):
        (campaign / folder).mkdir(parents=True)

    found = {(w.path, w.recursive) for w in watched(campaign)}

    assert found == {
        (campaign, False),  # campaign.yml and the other files at the top, not the folders
        (campaign / "docs", False),
        (campaign / "concerns", True),
        (campaign / "docs/overrides", True),
        (resources.TEMPLATES, True),
        (resources.THEME, True),
    }


def test_an_editors_save_touches_the_content_file_and_its_litter_nothing() -> None:
    content = Path("/campaign").resolve()
    relevance = Relevance(content)
    concern = str(content / "concerns/weak-safeguards.yml")

    def touched(*happened: events.FileSystemEvent) -> set[str]:
        return {p for event in happened for p in relevance.event(event)}

    moved, created = events.FileMovedEvent, events.FileCreatedEvent
    modified, closed = events.FileModifiedEvent, events.FileClosedEvent
    # Vim: a write test, a backup, a swap file, then the file itself.
    vim = [
        created(f"{content}/concerns/4913"),
        moved(concern, f"{concern}~"),
        modified(f"{content}/concerns/.weak-safeguards.yml.swp"),
        created(concern),
        closed(concern),
    ]
    assert touched(*vim) == {Path(concern).as_posix()}
    # JetBrains' safe write and a plain temporary file, each renamed over the file.
    jetbrains = moved(f"{concern}___jb_tmp___", concern)
    temporary = moved(f"{content}/concerns/.weak-safeguards.yml.tmp", concern)
    assert touched(jetbrains) == touched(temporary) == {Path(concern).as_posix()}
    # What the checkout holds beside the content, and files the generator does not read.
    for other in (
        f"{content}/.venv/lib/python3.11/site.py",
        f"{content}/site/index.html",
        f"{content}/.cache/cards/abc",
        f"{content}/README.md",
        f"{content}/concerns/notes.txt",
        f"{content}/docs/README.md",
    ):
        assert touched(created(other), modified(other)) == set(), other
    # Theme additions count whatever their kind; a new translation folder counts.
    assert touched(modified(f"{content}/docs/overrides/partials/copyright.html"))
    assert touched(modified(f"{content}/docs/assets/logo.svg"))
    assert touched(events.DirCreatedEvent(f"{content}/translations/de"))
    assert touched(modified(f"{content}/mkdocs.yml"))


# -- the running preview -------------------------------------------------------------------


def test_every_language_is_served_with_a_working_language_menu(
    multilingual: Path, tmp_path: Path
) -> None:
    with running_preview(multilingual, tmp_path / "serve.log") as preview:
        for folder, code in LANGUAGES.items():
            page = preview.get(folder + PAGE)
            assert f'<html lang="{code}"' in page, folder
            assert ('dir="rtl"' in page) == (code == "ar"), folder
            links = dict(re.findall(MENU_LINK, page))
            assert sorted(links.values()) == sorted(LANGUAGES.values()), folder
            for href, lang in links.items():
                target = urllib.parse.urljoin(preview.url + folder + PAGE, href)
                assert f'<html lang="{lang}"' in preview.get(target[len(preview.url) :]), href
        # A missing page gets the 404 page of its language.
        assert '<html lang="fr"' in preview.get("fr/no-such-page/")
        assert '<html lang="en"' in preview.get("no-such-page/")


def test_one_save_is_one_rebuild_however_the_editor_saves(
    multilingual: Path, tmp_path: Path
) -> None:
    concern = multilingual / "concerns/weak-safeguards.yml"
    original = concern.read_text(encoding="utf-8")

    def in_place(text: str) -> None:
        concern.write_text(text, encoding="utf-8")

    def renamed_over(text: str) -> None:
        temporary = concern.with_name(".weak-safeguards.yml.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, concern)

    def several_writes(text: str) -> None:
        with concern.open("w", encoding="utf-8") as f:
            f.write(text[:20])
            f.flush()
            os.fsync(f.fileno())
            f.write(text[20:])
        concern.write_text(text, encoding="utf-8")

    saves = [in_place, renamed_over, several_writes]
    with running_preview(multilingual, tmp_path / "serve.log") as preview:
        assert preview.rebuilds() == []  # the first build is not a rebuild
        for number, save in enumerate(saves, 1):
            title = f"Saved by {save.__name__}"
            save(original.replace("title: Weak safeguards", f"title: {title}"))
            wait_for(title_shown(preview, title), title)
            # The open page was built and shown first; a page built after it is never
            # served out of date: its request waits until it is built.
            assert f">{title}</a>" in preview.get("concerns/"), number
            wait_for(lambda n=number: len(preview.rebuilds()) >= n, "the rebuild's log line")

        # What editors and tools leave beside content, and what the checkout holds
        # beside it, is no reason to rebuild.
        for litter in (
            "concerns/.weak-safeguards.yml.swp",
            "concerns/weak-safeguards.yml~",
            "concerns/4913",
            ".venv/lib/site.yml",
            "site/index.html",
            ".cache/cards/abc",
            "README.md",
        ):
            (multilingual / litter).parent.mkdir(parents=True, exist_ok=True)
            (multilingual / litter).write_text("title: litter\n", encoding="utf-8")

        # A last save: every rebuild so far is in the log before this one shows.
        in_place(original.replace("title: Weak safeguards", "title: The last save"))
        wait_for(title_shown(preview, "The last save"), "the last save")
        wait_for(lambda: len(preview.rebuilds()) >= len(saves) + 1, "the last rebuild")
        assert preview.rebuilds() == ["concerns/weak-safeguards.yml"] * (len(saves) + 1), (
            preview.stderr()
        )
        assert "the 1 open in a browser first" in preview.stderr()


def test_a_content_error_shows_on_every_language_until_it_is_fixed(
    multilingual: Path, tmp_path: Path
) -> None:
    concern = multilingual / "concerns/weak-safeguards.yml"
    with running_preview(multilingual, tmp_path / "serve.log") as preview:
        edit(concern, "title: Weak safeguards", "title: Safeguards, edited live")
        wait_for(title_shown(preview, "Safeguards, edited live"), "the new title")

        edit(concern, "order: 10", "order: ten")
        where = "concerns/weak-safeguards.yml:4:1: order: must be a whole number"
        for folder in LANGUAGES:
            page = wait_for(
                lambda f=folder: (p := preview.get(f + PAGE)) and "tx-preview-error" in p and p,
                f"the error banner on /{folder}",
            )
            assert where in page
        assert "Safeguards, edited live</h1>" in preview.get(PAGE)  # the last good page stays
        assert where in preview.stderr()

        edit(concern, "order: ten", "order: 10")
        for folder in LANGUAGES:
            wait_for(
                lambda f=folder: (
                    "<h1" in (p := preview.get(f + PAGE)) and "tx-preview-error" not in p
                ),
                f"/{folder} without the banner",
            )
        assert "Fixed: the preview shows your changes again." in preview.stderr()

        assert main(["new", "concern", "Added live", "--content", str(multilingual)]) == 0
        wait_for(title_shown(preview, "Added live", "concerns/added-live/"), "a new page")


def test_theme_overrides_and_assets_edited_while_it_runs_are_used(
    multilingual: Path, tmp_path: Path
) -> None:
    partial = multilingual / "docs/overrides/partials/copyright.html"
    asset = multilingual / "docs/assets/campaign.css"
    with running_preview(multilingual, tmp_path / "serve.log") as preview:
        # Folders that did not exist when the preview started.
        partial.parent.mkdir(parents=True)
        partial.write_text('<p class="tx-test">First footer</p>\n', encoding="utf-8")
        for folder in LANGUAGES:
            wait_for(lambda f=folder: "First footer" in preview.get(f + PAGE), f"/{folder}")

        edit(partial, "First footer", "Second footer")
        wait_for(lambda: "Second footer" in preview.get("fr/" + PAGE), "the edited override")

        # A template the engine cannot read is named as the maintainer wrote it.
        good = partial.read_text(encoding="utf-8")
        partial.write_text("{% if %}\n", encoding="utf-8")
        broken = wait_for(
            lambda: (p := preview.get(PAGE)) and "tx-preview-error" in p and p, "the error"
        )
        assert "docs/overrides/partials/copyright.html:1: template error" in broken
        assert "Second footer" in broken  # the last good page stays up
        partial.write_text(good, encoding="utf-8")
        wait_for(
            lambda: (
                "Second footer" in (p := preview.get("ar/" + PAGE)) and "tx-preview-error" not in p
            ),
            "the fixed override",
        )

        asset.parent.mkdir(parents=True)
        asset.write_text(".tx-test { color: red }\n", encoding="utf-8")
        wait_for(lambda: "red" in preview.get("assets/campaign.css"), "the new asset")
        edit(asset, "red", "green")
        wait_for(lambda: "green" in preview.get("fr/assets/campaign.css"), "the edited asset")

        partial.unlink()
        wait_for(lambda: "Second footer" not in preview.get(PAGE), "the override removed")


@pytest.mark.browser
def test_browser_reloads_by_itself_after_an_edit(
    multilingual: Path, tmp_path: Path, page: Any
) -> None:
    concern = multilingual / "concerns/weak-safeguards.yml"
    with running_preview(multilingual, tmp_path / "serve.log") as preview:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(preview.url + PAGE)
        assert page.locator("h1").inner_text() == "Weak safeguards"
        edit(concern, "title: Weak safeguards", "title: Reloaded by the server")
        # No page.goto or reload here: only the live-reload script can change the heading.
        wait_for(lambda: page.locator("h1").inner_text() == "Reloaded by the server", "reload")
        assert not [e for e in errors if "Content Security Policy" in e], errors

        # The language menu leads to the same page in French, which reloads by itself too.
        page.locator(".tx-languages button").hover()
        page.locator('.md-select__link[hreflang="fr"]').click()
        page.wait_for_url(preview.url + "fr/" + PAGE)
        french = multilingual / "translations/fr/concerns/weak-safeguards.yml"
        heading = page.locator("h1").inner_text()
        edit(french, f"title: {heading}", "title: Rechargée par le serveur")
        wait_for(lambda: page.locator("h1").inner_text() == "Rechargée par le serveur", "fr")


def test_a_port_in_use_is_refused_in_one_line(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--content", str(campaign), "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot serve on 127.0.0.1:{port}: ")
    assert "Hint: choose another port with --port." in err


def test_a_broken_template_is_reported_like_broken_content(
    campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview in-process, with a copy of the templates that has a syntax error."""
    preview = Preview(campaign, tmp_path / "scratch", "http://127.0.0.1:1/")
    preview.start()
    served = preview.root / PAGE / "index.html"
    before = served.read_bytes()

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    (templates / "glossary.md.j2").write_text("{% if %}\n", encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", templates)
    preview.rebuild()

    expected = f"{templates / 'glossary.md.j2'}:1: template error: Expected an expression"
    assert preview.error is not None
    assert preview.error.startswith(expected)
    assert served.read_bytes() == before  # nothing half-written
    page = decorate("<html><body><h1>Old</h1></body></html>", preview.error)
    assert page.startswith('<html><body><div role="alert" class="tx-preview-error"')
    assert page.endswith("</div><h1>Old</h1></body></html>")
