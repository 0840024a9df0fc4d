"""Live preview: every language of the campaign, rebuilt as far as a save needs.

`generator serve` builds every language once, serves them as the built site does (the
source language at /, translations at /fr/, /es/, ...), then after each save runs the
pipeline again and lets the engine rebuild only what changed (preview_engine.py). It
watches only what the generator reads (preview_watch.py); MkDocs' dev server serves the
pages and reloads open ones once a rebuild is done (preview_server.py).

If the content is broken, the last good pages stay up and every page shows the error
in a banner, as the terminal does; fixing it clears the banner.
"""

from __future__ import annotations

import logging
import signal
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2

from . import clock, pipeline, render, tracker
from .cache import Cache
from .errors import ContentError, GeneratorError, UsageError
from .multilingual import editions
from .outputs import site_path
from .preview_engine import Edition, Plan, Stamp, folder_stamp, template_report, theme_stamp
from .preview_server import OpenPages, PreviewServer, make_server
from .preview_watch import FilteredObserver, Relevance, Watched, watched
from .supplied import Supplied
from .theme import Theme


def _report(exc: Exception) -> str:
    """What the banner and the terminal say about an error during a rebuild."""
    if isinstance(exc, ContentError):
        return exc.report().replace("nothing was built.", "showing the last good pages.")
    if isinstance(exc, jinja2.TemplateError):  # the generator's page templates
        return template_report(exc)
    if isinstance(exc, GeneratorError):  # the engine refused an override, a full disk, ...
        return exc.report()
    traceback.print_exc()  # a defect: the terminal shows where
    return f"the preview could not rebuild: {exc!r} (the terminal says where)."


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Preview:
    """The preview's state between saves: its languages, the last error, the watcher."""

    def __init__(
        self,
        content_dir: Path,
        scratch: Path,
        url: str,
        language: str | None = None,
        supplied: Supplied | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.supplied = supplied  # what the command line gave: kept for every rebuild
        self.scratch = scratch
        self.url = url
        self.language = language
        # The preview's own cache: one in the content folder would be written while watched.
        self.cache = Cache(scratch / "cache")
        self.root = scratch / "site"  # what the server serves
        self.editions: dict[str, Edition] = {}
        self.error: str | None = None
        self.observer = FilteredObserver(Relevance(content_dir))
        self.rebuilds = 0
        self._started = 0.0  # when the current rebuild started
        self.watching: set[Watched] = set()
        self.watch: Callable[[Watched], None] | None = None  # the server's, once it runs
        self.reload: Callable[[], None] | None = None  # reloads open pages mid-rebuild
        self.pages = OpenPages()
        self._theme: Stamp = ()
        self._templates: Stamp = ()
        self._rendered: dict[str, tuple[object, pipeline.Trees]] = {}

    # -- building ----------------------------------------------------------------------

    def start(self) -> None:
        """The first build: every language from scratch. Its errors are the command's."""
        try:
            self._build()
        except jinja2.TemplateError as exc:
            raise GeneratorError(template_report(exc)) from None

    def rebuild(self) -> None:
        """After a save: what changed, built again; an error goes to the banner."""
        self.rebuilds += 1
        changed = self._relative(self.observer.take())
        started = self._started = time.perf_counter()
        try:
            built = self._build()
        except Exception as exc:  # every error is shown; the last good pages stay up
            self.error = _report(exc)
            _say(f"Rebuild {self.rebuilds} ({changed}): error, the last good pages stay up")
            _say(self.error)
            return
        took = time.perf_counter() - started
        if self.error:
            _say("Fixed: the preview shows your changes again.")
            self.error = None
        what = ", ".join(built) if built else "nothing: the pages are the same"
        _say(f"Rebuild {self.rebuilds} ({changed}): {what}; done in {took:.2f} s")

    def _build(self) -> list[str]:
        loaded = pipeline.load(self.content_dir, self.supplied)
        outputs = pipeline.register(loaded, self._render(loaded))
        theme = theme_stamp(loaded.theme)
        for folder in outputs.trees:
            if folder not in self.editions:
                self._edition(folder, outputs.trees[folder].config["language"])
        if theme != self._theme:  # every page uses the templates: build each language whole
            for edition in self.editions.values():
                edition.settings = None
            self._theme = theme
        try:
            plans = {
                folder: plan
                for folder in outputs.trees
                if (plan := self.editions[folder].plan(outputs, loaded.theme))
            }
            return self._build_plans(plans, loaded.theme)
        finally:
            self._link_editions()
            self._follow_new_folders()

    def _build_plans(self, plans: dict[str, Plan], theme: Theme) -> list[str]:
        """Every language's plan; the changed pages open in a browser first, if any: those
        are reloaded at once, and requests for the others wait until they are built."""
        open_pages = self.pages.recent()
        first = {
            folder: self.editions[folder].pages_at(open_pages, plan)
            for folder, plan in plans.items()
            if not plan.whole
        }
        later = [f for f, pages in first.items() if plans[f].pages - pages]
        summary = [
            f"{self.editions[f].language} ({'all' if p.whole else len(p.pages)} pages)"
            for f, p in plans.items()
        ]
        if self.reload is None or not any(first.values()) or not later:
            for folder, plan in plans.items():
                self.editions[folder].build(plan, theme)
            return summary
        for folder, plan in plans.items():
            if folder not in later:
                self.editions[folder].build(plan, theme)
            elif first[folder]:
                self.editions[folder].build(plan, theme, only=first[folder])
        pending = {f + site_path(name) for f in later for name in plans[f].pages - first[f]}
        with self.pages.pending(pending):
            self.reload()
            took = time.perf_counter() - self._started
            for folder in later:
                self.editions[folder].build(plans[folder], theme)
        shown = sum(len(pages) for pages in first.values())
        return [*summary, f"the {shown} open in a browser first, shown in {took:.2f} s"]

    def _render(self, loaded: pipeline.Loaded) -> pipeline.Trees:
        """Each language's docs tree. One whose content is as at the last build (and the
        date and the page templates too) is not rendered again: a save to a translation
        renders that language only, and an English edit the translations it shows in."""
        templates = folder_stamp(render.TEMPLATES)
        if templates != self._templates:
            self._rendered.clear()
            self._templates = templates
        known = editions(loaded.content)
        trees: pipeline.Trees = {}
        days = (clock.today(), tracker.treaty_day(loaded.content.campaign))
        for code in [self.language] if self.language else list(known):
            inputs = (known.get(code), loaded.readiness.errors, days)
            kept = self._rendered.get(code)
            if kept is None or kept[0] != inputs:
                kept = (inputs, pipeline.render(loaded, self.cache, code))
                self._rendered[code] = kept
            trees.update(kept[1])
        return trees

    def attach(self, server: PreviewServer) -> None:
        """From now on, watch through `server` and reload the pages it serves mid-rebuild."""
        self.watch = lambda item: server.watch(str(item.path), recursive=item.recursive)
        self.reload = server.reload_now
        self._follow_new_folders()

    def _follow_new_folders(self) -> None:
        """Watch a folder that appeared since (docs/overrides/, say), once a server runs."""
        if self.watch is None:
            return
        for item in watched(self.content_dir):
            if item not in self.watching:
                self.watch(item)
                self.watching.add(item)

    def _edition(self, folder: str, language: str) -> Edition:
        name = folder.strip("/") or "_source"
        site = self.root if not folder else self.scratch / "editions" / name
        work = self.scratch / "work" / name
        edition = Edition(folder, language, self.content_dir, work, site, self.url + folder)
        self.editions[folder] = edition
        return edition

    def _link_editions(self) -> None:
        """Serve each translation under its folder of the source language's pages.

        Each language is its own engine build with its own site folder (a full build
        empties its folder); the served folder links to the others.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        for folder, edition in self.editions.items():
            link = self.root / folder.strip("/")
            if folder and not link.is_symlink():
                link.symlink_to(edition.site, target_is_directory=True)
        if "" not in self.editions and self.editions:
            first = next(iter(self.editions))
            (self.root / "index.html").write_text(
                f'<!doctype html><meta http-equiv="refresh" content="0; url={first}">'
                f'<a href="{first}">{first}</a>\n',
                encoding="utf-8",
            )

    # -- what the server asks ----------------------------------------------------------

    def visited(self, path: str) -> None:
        self.pages.visited(path)

    def hold(self, path: str) -> None:
        self.pages.hold(path)

    def not_found_page(self, path: str) -> Path | None:
        """The 404 page of the language `path` is in."""
        folders = sorted(self.editions, key=len, reverse=True)
        folder = next((f for f in folders if path.lstrip("/").startswith(f)), None)
        if folder is None:
            return None
        page = self.editions[folder].site / "404.html"
        return page if page.is_file() else None

    def _relative(self, paths: list[str]) -> str:
        names = [
            Path(p).relative_to(self.content_dir).as_posix()
            if Path(p).is_relative_to(self.content_dir)
            else p
            for p in paths
        ]
        return ", ".join(dict.fromkeys(names)) or "a change"


def _show_engine_messages() -> None:
    """The dev server's news (serving, reloading) and the engine's warnings, in the terminal."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s%(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # One line per rebuild is ours; MkDocs would add several per language.
    logging.getLogger("mkdocs.commands").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.structure").setLevel(logging.WARNING)


def _stop_on_terminate() -> None:
    """Let `kill` stop the server as Ctrl+C does, so the scratch folder is removed."""

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def _refuse_busy_port(host: str, port: int) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"cannot serve on {host}:{port}: {exc.strerror or exc}.",
                "choose another port with --port.",
            ) from None


def serve(
    content_dir: Path,
    host: str,
    port: int,
    language: str | None = None,
    supplied: Supplied | None = None,
) -> int:
    content_dir = content_dir.resolve()
    _refuse_busy_port(host, port)
    with tempfile.TemporaryDirectory(prefix="tx-preview-") as scratch:
        url = f"http://{host}:{port}/"
        preview = Preview(content_dir, Path(scratch), url, language, supplied)
        _show_engine_messages()
        _stop_on_terminate()
        started = time.perf_counter()
        preview.start()  # the first build must be valid: its error is the command's
        server = make_server(preview, preview.observer, host, port, preview.root)
        preview.attach(server)
        languages = ", ".join(f"/{f}" for f in preview.editions)
        _say(
            f"Preview on http://{host}:{port}/ ({languages}), built in "
            f"{time.perf_counter() - started:.1f} s. Edit any YAML file and the page reloads. "
            "Ctrl+C stops."
        )
        try:
            server.serve()
        except KeyboardInterrupt:
            _say("Stopping the preview.")
        finally:
            server.shutdown()
    return 0
