"""One language of the live preview, built again by MkDocs only as far as a change needs.

`generator build` builds every language from scratch. The preview keeps each language's
docs tree, settings and built pages between saves, and after a save:

- writes the new docs tree, which rewrites only the files whose bytes changed;
- asks MkDocs for a *dirty* build (what `mkdocs serve --dirty` does): only pages whose
  Markdown is newer than their HTML are rendered again, only changed files copied;
- builds the whole language again only when what every page shares changed: the engine
  settings (navigation, names, theme settings), the theme's templates, or a page that
  went away (a dirty build would leave it served);
- can bring some changed pages up to date first (those open in a browser) and the rest
  in a second dirty build: the others keep their last text until then.

A dirty build's search index holds only the pages it rendered; the entries of every
other page are kept from the index before it. Compiled theme templates are kept in
memory between builds: compiling them is most of what an unchanged page costs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin

from .cache import templates_in_memory
from .engine_settings import engine_config, write_engine_config
from .errors import OutputError, SiteBuildError
from .outputs import Outputs, site_path
from .resources import theme_templates
from .theme import Theme
from .writer import swap_in, write_files

SEARCH_INDEX = Path("search/search_index.json")
DIRTY_WARNING = "A 'dirty' build is being performed"


# Jinja checks each compiled template against its source, so an edited override is
# compiled again and nothing stale is ever used.
TEMPLATE_CACHE = templates_in_memory()


class _Preview(BasePlugin):  # type: ignore[type-arg]
    """Hands every build's theme environment the compiled templates of the last."""

    def on_env(self, env: jinja2.Environment, /, **_: Any) -> jinja2.Environment:
        env.bytecode_cache = TEMPLATE_CACHE
        return env


class _NotDirtyWarning(logging.Filter):
    """MkDocs warns about every dirty build; in the preview that is the point."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


logging.getLogger("mkdocs.commands.build").addFilter(_NotDirtyWarning())


def template_report(exc: jinja2.TemplateError) -> str:
    """Where a template is wrong, as the terminal and the banner say it."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename}:{exc.lineno}: template error: {exc.message}"
    return f"template error: {exc}"


def _page(location: str) -> str:
    return location.split("#", 1)[0]


@contextlib.contextmanager
def _search_index_kept(site: Path) -> Iterator[None]:
    """Put back the entries of the pages a dirty build did not render."""
    path = site / SEARCH_INDEX
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = None
    yield
    if before is None:
        return
    after = json.loads(path.read_text(encoding="utf-8"))
    rendered = {_page(entry["location"]) for entry in after["docs"]}
    kept = [entry for entry in before["docs"] if _page(entry["location"]) not in rendered]
    after["docs"] = kept + after["docs"]
    path.write_text(json.dumps(after, separators=(",", ":")), encoding="utf-8")


@dataclass
class Plan:
    """What one language's next build must do."""

    files: dict[str, bytes]  # the whole docs tree, as it must be
    changed: set[str]  # files whose bytes differ from the last build's, new ones included
    whole: bool  # every page again (settings, templates or the set of pages changed)
    config: dict[str, Any]
    settings: str

    @property
    def pages(self) -> set[str]:
        return {name for name in self.changed if name.endswith(".md")}


@dataclass
class Edition:
    """One language of the preview: its scratch folder, and what its last build was made of."""

    folder: str  # "" for the source language, "fr/" for a translation
    language: str  # its code, for the log
    content_dir: Path  # error messages name files relative to it
    work: Path  # scratch: docs/, mkdocs.yml, merged theme overrides
    site: Path  # the built pages, served
    url: str  # where the preview serves them
    settings: str | None = None  # the engine settings of the last build; None: build whole
    written: dict[str, bytes] = field(default_factory=dict)  # the docs tree on disk

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    def plan(self, outputs: Outputs, theme: Theme) -> Plan | None:
        """What bringing the built pages up to date with `outputs` takes; None: nothing.

        Forgetting `settings` makes the next build whole: after a failed build, or when the
        theme's templates changed (every page uses them).
        """
        files = outputs.files(self.folder)
        changed = {name for name, data in files.items() if self.written.get(name) != data}
        gone = self.written.keys() - files.keys()
        config = self._config(outputs, theme)
        settings = yaml.safe_dump(config, sort_keys=True, allow_unicode=True)
        whole = bool(gone) or settings != self.settings or not (self.site / "index.html").is_file()
        if not whole and not changed:
            return None
        return Plan(files, changed, whole, config, settings)

    def pages_at(self, paths: Iterable[str], plan: Plan) -> set[str]:
        """The changed pages of this language served at `paths` (site paths, as requested)."""
        wanted = set(paths)
        return {name for name in plan.pages if self.folder + site_path(name) in wanted}

    def build(self, plan: Plan, theme: Theme, only: set[str] | None = None) -> None:
        """Build what `plan` says; with `only`, of the changed pages those alone (the others
        keep their last text, for a second call without `only`)."""
        files = plan.files
        if only is not None:
            held = plan.pages - only
            files = {n: self.written.get(n, d) if n in held else d for n, d in files.items()}
        self.settings = None  # until this build is done
        try:
            write_files(files, self.docs)
            self.written = files
            self._build(plan.config, plan.whole)
        except jinja2.TemplateError as exc:  # a theme override the engine cannot read
            if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
                exc.filename = self._source_of(exc.filename, theme)
            raise SiteBuildError(template_report(exc)) from None
        except MkDocsException as exc:
            raise SiteBuildError(str(exc)) from None
        except OSError as exc:
            raise OutputError.from_os_error(exc) from None
        self.settings = plan.settings

    def _build(self, config: dict[str, Any], whole: bool) -> None:
        """A whole build is made aside and swapped in, so a failed one leaves the last good
        pages served; a dirty build updates the served pages in place."""
        target = self.work / "site-next" if whole else self.site
        if whole:
            shutil.rmtree(target, ignore_errors=True)
        config = {**config, "site_dir": str(target)}
        engine = load_config(config_file=str(write_engine_config(config, self.work / "mkdocs.yml")))
        engine.plugins["tx-preview"] = _Preview()
        if not whole:
            with _search_index_kept(self.site):
                build(engine, serve_url=self.url, dirty=True)
            return
        build(engine, serve_url=self.url)
        old = self.work / "site-old"
        shutil.rmtree(old, ignore_errors=True)
        self.site.parent.mkdir(parents=True, exist_ok=True)
        swap_in(target, self.site, old)
        shutil.rmtree(old, ignore_errors=True)

    def _source_of(self, template: str, theme: Theme) -> str:
        """The file a maintainer wrote, for a template the engine read from a merged copy."""
        path = Path(template)
        for merged in self.work.glob("overrides*"):
            if path.is_relative_to(merged):
                name = path.relative_to(merged)
                found = next((f / name for f in theme.overrides if (f / name).is_file()), path)
                path = found
                break
        shown = (
            path.relative_to(self.content_dir) if path.is_relative_to(self.content_dir) else path
        )
        return shown.as_posix()

    def _config(self, outputs: Outputs, theme: Theme) -> dict[str, Any]:
        # The theme's merged overrides are made again from the campaign's folder, so an
        # override edited, added or deleted during the preview is what the next build uses.
        for stale in self.work.glob("overrides*"):
            shutil.rmtree(stale)
        tree, templates = outputs.trees[self.folder], theme_templates("material")
        config = engine_config(tree, theme, self.docs, self.site, self.work, templates)
        config["site_url"] = self.url
        # A link the engine cannot resolve is a warning in the terminal, not a stuck preview.
        config["strict"] = False
        return config


Stamp = tuple[tuple[str, int, int], ...]


def folder_stamp(*folders: Path) -> Stamp:
    """What the folders hold, by name, time and size: any edit changes it."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((os.fspath(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def theme_stamp(theme: Theme) -> Stamp:
    """What the theme's template folders hold; any change there touches every page."""
    return folder_stamp(*theme.overrides)
