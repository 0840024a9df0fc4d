"""What the live preview watches, and which file events are a maintainer's save.

A campaign folder is often a whole checkout: `.venv` alone holds tens of thousands of
files, and `.git`, `site/` and caches change on their own. Watching all of it costs CPU
while nothing happens and rebuilds when nothing changed. So the preview watches only
what the generator reads: the YAML files at the top of the folder, `concerns/`,
`translations/`, the theme additions under `docs/`, and the generator's own templates
and theme. It asks the operating system to report changes (inotify, FSEvents, ...)
rather than scanning every half second, and falls back to scanning those few folders
where the system cannot.

Editors save in odd ways: a temporary file renamed over the real one, a backup copy, a
swap file, several writes in a row. Only events that touch a file the generator reads
count; the rest (`.file.swp`, `file~`, `4913`, `file___jb_tmp___`) are ignored, and the
dev server waits for a short quiet spell before it rebuilds, so one save is one rebuild.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from . import model, resources
from .loader import EDITOR_LITTER
from .theme import ASSETS_DIR, CONFIG_FILE, OVERRIDES_DIR
from .translations import TRANSLATIONS_DIR

log = logging.getLogger(__name__)

CONTENT_SUFFIXES = {".yml", ".yaml"}
# Folders of the campaign where only YAML counts, and where any file counts.
YAML_FOLDERS = (model.CONCERNS_DIR, TRANSLATIONS_DIR)
THEME_FOLDERS = (OVERRIDES_DIR, ASSETS_DIR)
# A write is reported as modified (each write) and closed; a rename as moved. Opening and
# reading, what every build does to every file, is not asked for at all.
EVENTS: list[type[events.FileSystemEvent]] = [
    events.FileCreatedEvent,
    events.FileModifiedEvent,
    events.FileClosedEvent,
    events.FileMovedEvent,
    events.FileDeletedEvent,
    events.DirCreatedEvent,
    events.DirMovedEvent,
    events.DirDeletedEvent,
]


@dataclass(frozen=True)
class Watched:
    path: Path
    recursive: bool


def watched(content_dir: Path) -> list[Watched]:
    """Every folder the preview watches for this campaign; nothing else of it."""
    found = [Watched(content_dir, recursive=False)]  # campaign.yml, mkdocs.yml, ...
    docs = content_dir / "docs"
    if docs.is_dir():
        found.append(Watched(docs, recursive=False))  # so overrides/ or assets/ can appear
    for name in (*YAML_FOLDERS, *THEME_FOLDERS):
        if (content_dir / name).is_dir():
            found.append(Watched(content_dir / name, recursive=True))
    found += [Watched(resources.TEMPLATES, True), Watched(resources.THEME, True)]
    return found


class Relevance:
    """Tells a maintainer's save apart from the rest of what happens in a watched folder."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self.any_file = [content_dir / f for f in THEME_FOLDERS]
        self.any_file += [resources.TEMPLATES, resources.THEME]

    def path(self, raw: str | bytes, is_directory: bool) -> bool:
        path = Path(raw.decode() if isinstance(raw, bytes) else raw)
        if not path.name or EDITOR_LITTER.match(path.name):
            return False
        if any(path.is_relative_to(folder) for folder in self.any_file):
            return True
        if path.parent == self.content_dir:  # the top of the campaign folder
            if is_directory:
                return path.name in {*YAML_FOLDERS, "docs"}
            return path.suffix in CONTENT_SUFFIXES or path.name == CONFIG_FILE
        if path.parent == self.content_dir / "docs":
            return is_directory and path.name in {Path(f).name for f in THEME_FOLDERS}
        if any(path.is_relative_to(self.content_dir / f) for f in YAML_FOLDERS):
            return is_directory or path.suffix in CONTENT_SUFFIXES
        return False

    def event(self, event: events.FileSystemEvent) -> list[str]:
        """The content paths an event touches (none if it is not a save of content)."""
        paths = [event.src_path]
        if isinstance(event, events.FileSystemMovedEvent):
            paths.append(event.dest_path)
        return [
            Path(p.decode() if isinstance(p, bytes) else p).as_posix()
            for p in paths
            if p and self.path(p, event.is_directory)
        ]


class _Filtered(events.FileSystemEventHandler):
    """Passes on only the events that touch content, and notes which files they touched."""

    def __init__(
        self,
        handler: events.FileSystemEventHandler,
        relevance: Relevance,
        noted: Callable[[Iterable[str]], None],
    ) -> None:
        self.handler, self.relevance, self.noted = handler, relevance, noted

    def dispatch(self, event: events.FileSystemEvent) -> None:
        touched = self.relevance.event(event)
        if not touched:
            return
        self.noted(touched)
        # MkDocs' dev server ignores folder events; a folder moved in or out counts here.
        if event.is_directory:
            event = events.FileModifiedEvent(touched[0])
        self.handler.dispatch(event)


class FilteredObserver:
    """What MkDocs' dev server asks of its observer (schedule, unschedule, start, stop,
    join), on the system's own change notifications, passing on only a maintainer's saves.

    Also keeps the paths that changed since the last `take()`, for the rebuild's log line.
    """

    def __init__(self, relevance: Relevance) -> None:
        self.relevance = relevance
        self.observer: BaseObserver = Observer()
        self.polling = False
        self._handlers: dict[tuple[str, bool], events.FileSystemEventHandler] = {}
        self._watches: dict[tuple[str, bool], ObservedWatch] = {}
        self._changed: set[str] = set()
        self._lock = threading.Lock()

    def _note(self, paths: Iterable[str]) -> None:
        with self._lock:
            self._changed.update(paths)

    def take(self) -> list[str]:
        """The content paths changed since the last call."""
        with self._lock:
            changed, self._changed = sorted(self._changed), set()
        return changed

    def schedule(
        self, handler: events.FileSystemEventHandler, path: str, *, recursive: bool = False
    ) -> ObservedWatch:
        key = (path, recursive)
        self._handlers[key] = handler
        try:
            self._add(key)
        except OSError as exc:  # a running observer meets the system's limit on watches
            self._fall_back(exc)
        return self._watches[key]

    def _add(self, key: tuple[str, bool]) -> None:
        path, recursive = key
        filtered = _Filtered(self._handlers[key], self.relevance, self._note)
        self._watches[key] = self.observer.schedule(
            filtered, path, recursive=recursive, event_filter=EVENTS
        )

    def unschedule(self, watch: ObservedWatch) -> None:
        self.observer.unschedule(watch)
        for key in [k for k, w in self._watches.items() if w is watch]:
            del self._watches[key], self._handlers[key]

    def start(self) -> None:
        try:
            self.observer.start()
        except OSError as exc:  # inotify's limit on watches, say: scan instead
            self._fall_back(exc)
            self.observer.start()

    def _fall_back(self, exc: OSError) -> None:
        """Scan the watched folders every second instead: they are few and small."""
        if self.polling:
            raise exc
        log.warning("The system cannot report file changes (%s); checking every second.", exc)
        running = self.observer.is_alive()
        if running:
            self.observer.stop()
        self.observer, self.polling = PollingObserver(timeout=1.0), True
        for key in self._handlers:
            self._add(key)
        if running:
            self.observer.start()

    def stop(self) -> None:
        self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.observer.is_alive():
            self.observer.join(timeout)
