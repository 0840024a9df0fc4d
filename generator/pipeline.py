"""The generator's spine: load -> render -> register -> write -> engine.

Every command that turns content into pages runs these stages (build, generate, urls,
serve, validate), and nothing else strings them together. Each stage takes and returns
plain typed objects, so any one of them can be run and tested alone:

    load(content_dir, supplied)    -> Loaded     content + translations + theme, checked
    render(loaded, cache, lang)    -> Trees      one docs tree per language folder
    register(loaded, trees)        -> Outputs    every built-site path with one owner
    write(outputs, folder, out)    -> Path       one language's docs tree on disk
    publish(outputs, theme, site, engine)        every language through the engine, in
                                   -> Path       processes side by side (one per language,
                                                 or per part of a large one), in a scratch
                                                 folder, swapped in on success

`build`, `generate` and `published` (the paths urls.txt keeps) are the stages in a row.
Errors are GeneratorErrors (errors.py): content problems as one ContentError, file-system
trouble as OutputError.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from . import cards, processes, production, urls, writer
from . import outputs as registry
from .cache import Cache
from .errors import ContentError, ContentIssue, OutputError, SiteBuildError, UsageError
from .loader import load_content
from .multilingual import editions
from .outputs import Outputs
from .production import Readiness
from .render import RenderedSite, Renderer, render_sites
from .scratch import docs_root
from .supplied import Supplied
from .theme import Theme, load_theme
from .translations import Content

Trees = dict[str, RenderedSite]  # language folder ("" for the source language, "fr/") -> tree


@dataclass(frozen=True)
class Loaded:
    """A campaign as read and checked: its content in every language, its theme, and
    what a production build would refuse (shown in a banner on every page otherwise)."""

    content_dir: Path
    content: Content
    theme: Theme
    readiness: Readiness


class Engine(Protocol):
    """A site engine adapter: site.MkDocsEngine, zensical_site.ZensicalEngine."""

    name: str
    # Whether its docs tree may be anywhere (MkDocs: its settings name the folder), or
    # must be `work`/docs (Zensical reads docs/ beside its settings, and moves pages in it).
    docs_anywhere: bool

    def prepare(
        self, rendered: RenderedSite, theme: Theme, docs: Path, work: Path
    ) -> processes.EngineBuild:
        """How to build one language's docs tree, using `work` as scratch: the processes
        to run, and what makes their output that language's site."""
        ...


@dataclass(frozen=True)
class Built:
    """What `build` made: where, from what, with which engine."""

    site_dir: Path
    outputs: Outputs
    engine: str

    @property
    def pages(self) -> int:
        return sum(1 for t in self.outputs.trees.values() for n in t.files if n.endswith(".md"))

    @property
    def languages(self) -> list[str]:
        return [x["lang"] for x in self.outputs.source.config.get("languages", [])]


# --- the stages ------------------------------------------------------------------------------


def load(content_dir: Path, supplied: Supplied | None = None) -> Loaded:
    """Every content file, every translation and the campaign's theme settings, checked;
    `supplied` fills the addresses campaign.yml leaves out (default: from the environment).

    Raises one ContentError with every issue of all three.
    """
    issues: list[ContentIssue] = []
    content = None
    try:
        content = load_content(content_dir, supplied)
    except ContentError as exc:
        issues.extend(exc.issues)
    theme = load_theme(content_dir, issues)
    if issues or content is None:
        raise ContentError(issues)
    return Loaded(content_dir, content, theme, production.check(content))


def render(loaded: Loaded, cache: Cache | None = None, language: str | None = None) -> Trees:
    """Every language's docs tree, source language first; or only `language`'s."""
    known = editions(loaded.content)
    if language is not None and language not in known:
        codes = ", ".join(known)
        raise UsageError(f"no language '{language}' in this campaign (it has: {codes}).")
    chosen = [language] if language else list(known)
    unpublishable = loaded.readiness.errors
    renderers = {
        known[code][0].language.folder: Renderer(
            known[code][1], known[code][0], cache, unpublishable
        )
        for code in chosen
    }
    trees = render_sites(renderers, cache)
    if cache is not None and language is None:
        cards.prune_cards(cache)  # once every language's cards are drawn
    return trees


def register(loaded: Loaded, trees: Trees) -> Outputs:
    """Give every output path one owner, or raise ContentError naming both YAML places."""
    return registry.register(trees, loaded.theme.asset_files(), loaded.content.places)


def published(loaded: Loaded, cache: Cache | None = None) -> set[str]:
    """Every path the site publishes, in every language: what `urls.txt` keeps."""
    return urls.site_paths(dict(register(loaded, render(loaded, cache)).trees))


def write(outputs: Outputs, folder: str, out_dir: Path, *, for_engine: bool = False) -> Path:
    """One language's docs tree into `out_dir`, exactly (stale files removed); `for_engine`,
    without what the engine would only copy (Outputs.copied)."""
    return writer.write(outputs, folder, out_dir, for_engine=for_engine)


def publish(outputs: Outputs, theme: Theme, site_dir: Path, engine: Engine) -> Path:
    """Build every language in a scratch folder beside `site_dir`, then swap it in.

    Each language is its own engine build (its theme language, direction and search
    index), all run at once on the machine's cores, each with a time limit; translations
    are moved into their folders under the source language's site. The engine reads the
    docs trees in memory where it can (scratch.py); what it would only copy (the share
    cards) is put into the built site here instead. On any failure the previous site is
    left exactly as it was.
    """
    site_dir = site_dir.resolve()
    writer.refuse_foreign(
        site_dir,
        "index.html",
        "a built site",
        "give --site-dir an empty or new folder, or one an earlier build made.",
    )
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        size = sum(len(data) for tree in outputs.trees.values() for data in tree.files.values())
        with (
            tempfile.TemporaryDirectory(prefix=".build-", dir=site_dir.parent) as scratch,
            # `work` itself when the trees stay on disk: docs/ beside each engine's settings
            docs_root(Path(scratch), size, memory=engine.docs_anywhere) as docs_in,
        ):
            work = Path(scratch)
            site = work / "site"
            builds = {}
            for folder, tree in outputs.trees.items():
                name = folder.strip("/") or "_source"
                lang = work / name
                lang.mkdir()
                docs = write(outputs, folder, docs_in / name / "docs", for_engine=True)
                builds[folder] = engine.prepare(tree, theme, docs, lang)
            processes.run_all([p for job in builds.values() for p in job.processes])
            for folder, job in builds.items():
                target = site / folder if folder else site
                if target.exists():
                    raise SiteBuildError(f"the site already has a '{folder}' folder")
                job.finish().rename(target)
                writer.place(outputs.copied(folder), target)
            writer.swap_in(site, site_dir, work / "old-site")
    except OSError as exc:
        raise OutputError.from_os_error(exc) from None
    return site_dir


def engine(name: str) -> Engine:
    """The adapter of a site engine by name: mkdocs or zensical."""
    if name == "zensical":
        from .zensical_site import ZensicalEngine

        return ZensicalEngine()
    if name == "mkdocs":
        from .site import MkDocsEngine

        return MkDocsEngine()
    raise UsageError(f"no site engine '{name}'.", "choose mkdocs or zensical.")


# --- the stages in a row ---------------------------------------------------------------------


def build(
    source: Path | Loaded, site_dir: Path, engine_name: str = "mkdocs", cache: Cache | None = None
) -> Built:
    """Content (a folder, or what `load` read from it) -> a built site in `site_dir`, in
    every language; raise on any failure."""
    adapter = engine(engine_name)
    loaded = source if isinstance(source, Loaded) else load(source)
    outputs = register(loaded, render(loaded, cache))
    publish(outputs, loaded.theme, site_dir, adapter)
    return Built(site_dir, outputs, adapter.name)


def generate(
    source: Path | Loaded, out_dir: Path, language: str | None = None, cache: Cache | None = None
) -> Outputs:
    """Content (a folder, or what `load` read from it) -> one language's engine-neutral
    docs tree in `out_dir` (default: the source language's)."""
    loaded = source if isinstance(source, Loaded) else load(source)
    if language is None:
        language = loaded.content.source.code
    outputs = register(loaded, render(loaded, cache, language))
    write(outputs, next(iter(outputs.trees)), out_dir)
    return outputs
