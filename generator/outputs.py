"""The output registry: every path of the built site, and what it comes from.

Every language's docs tree, the theme's assets and the paths the engine writes itself
are registered under their path in the *built* site, where concerns/x.md and
concerns/x/index.html are the same page. Two outputs wanting one path is a content
error naming the YAML places of both; nothing is written until every path has one
owner. Nothing here knows a site engine's API, only the paths it is known to write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import minify
from .errors import ContentError, ContentIssue
from .render import RenderedSite
from .yamlsrc import Place

# What MkDocs and Zensical write into every language's site themselves.
ENGINE_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search.json")
ENGINE_FOLDERS = ("search/", "assets/javascripts/", "assets/stylesheets/", "assets/images/")
_WHAT = {
    "concern": "the page of concern '{}'",
    "alias": "the redirect from the old address '{}'",
    "page": "the site's own page {}",
    "card": "the share card {}",
    "data": "the open-data file {}",
    "asset": "the generator's file {}",
    "campaign-asset": "the campaign's file docs/{}",
    "engine": "what the site engine writes at {}",
    "language": "the '{}' translation's folder",
}


@dataclass(frozen=True)
class Output:
    """One path of the built site and what writes it."""

    path: str  # in the built site: "fr/concerns/x/index.html"
    folder: str  # the language's folder: "" or "fr/"
    name: str  # in that language's docs tree: "concerns/x.md"
    origin: str  # "concern:x", "page:index.md", "asset:assets/site.css"...


@dataclass(frozen=True)
class Outputs:
    """Every language's docs tree and the assets, each path registered once."""

    trees: Mapping[str, RenderedSite]  # language folder ("" first, then "fr/") -> its tree
    assets: Mapping[str, tuple[str, Path]]  # docs-tree path -> (origin, file): every tree
    registry: Mapping[str, Output]  # built-site path -> its one owner

    @property
    def source(self) -> RenderedSite:
        return next(iter(self.trees.values()))

    def files(self, folder: str, *, for_engine: bool = False) -> dict[str, bytes]:
        """One language's docs tree as the writer puts it on disk: assets, then pages;
        `for_engine`, without the files `copied` leaves to the pipeline."""
        files = {
            name: minify.published(name, path.read_bytes())
            if origin.startswith("asset:")  # the generator's own, not the campaign's
            else path.read_bytes()
            for name, (origin, path) in self.assets.items()
        }
        passed = self.copied(folder) if for_engine else {}
        for name, data in self.trees[folder].files.items():
            if name not in passed:
                files[name] = data.encode("utf-8") if isinstance(data, str) else data
        return files

    def copied(self, folder: str) -> dict[str, bytes]:
        """The files of one language's tree that a site engine would only copy, and which
        pipeline.publish puts into the built site itself: the share cards. Nothing in a
        page's text links to a card (only the head's absolute addresses do), and passing a
        thousand images through the engine's folders cost a file made, or linked, for each
        on every step of the way."""
        tree = self.trees[folder]
        return {
            name: data
            for name, data in tree.files.items()
            if isinstance(data, bytes) and (tree.origins.get(name) or [""])[0].startswith("card:")
        }

    def paths(self) -> list[str]:
        return sorted(self.registry)


def site_path(name: str) -> str:
    """Where a docs-tree file ends up in the built site (directory-style URLs)."""
    if not name.endswith(".md"):
        return name
    stem = name.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


class _Registry:
    def __init__(self, places: Mapping[str, Place]) -> None:
        self.places = places
        self.owners: dict[str, Output] = {}
        self.folders: dict[str, Output] = {}  # engine folders: "fr/search/" -> owner
        self.issues: list[ContentIssue] = []

    def claim(self, output: Output) -> None:
        taken = self.owners.get(output.path) or self._folder_owner(output)
        if taken is None:
            self.owners[output.path] = output
        elif taken.origin != output.origin:
            self.clash(output.path, taken.origin, output.origin)

    def claim_folder(self, output: Output) -> None:
        inside = [o for p, o in self.owners.items() if p.startswith(output.path)]
        for other in inside:
            self.clash(other.path, output.origin, other.origin)
        self.folders[output.path] = output

    def _folder_owner(self, output: Output) -> Output | None:
        for prefix, owner in self.folders.items():
            own_language = owner.origin.startswith("language:") and owner.folder == output.folder
            if output.path.startswith(prefix) and not own_language:
                return owner
        return None

    def clash(self, path: str, first: str, second: str) -> None:
        """A content error at the YAML place of the second writer (else the first's)."""
        here = self._place(second) or self._place(first)
        a, b = self.describe(first), self.describe(second)
        message = f"two outputs want the site path '{path}': {a} and {b}."
        if here is None:
            hint = "this is a defect of the generator; please report it."
            self.issues.append(ContentIssue(path, 1, 1, "", message, hint))
            return
        hint = "give each concern and old address its own slug."
        if any(o.startswith(("campaign-asset:", "language:")) for o in (first, second)):
            hint = "rename the campaign's file or folder so that it has a path of its own."
        self.issues.append(
            ContentIssue(here.file, here.line, here.column, here.field, message, hint)
        )

    def _place(self, origin: str) -> Place | None:
        kind, _, name = origin.partition(":")
        if kind == "campaign-asset":
            return Place(f"docs/{name}", 1, 1)
        return self.places.get(origin)

    def describe(self, origin: str) -> str:
        kind, _, name = origin.partition(":")
        text = _WHAT.get(kind, "{}").format(name)
        place = self._place(origin)
        return f"{text} ({place})" if place and kind != "campaign-asset" else text


def register(
    trees: Mapping[str, RenderedSite],
    assets: Mapping[str, tuple[str, Path]],
    places: Mapping[str, Place] | None = None,
) -> Outputs:
    """Register every output path of every language; raise ContentError on any clash."""
    registry = _Registry(places or {})
    for folder in trees:
        if folder:  # a translation's folder is its own: nothing else may write there
            registry.claim_folder(Output(folder, folder, "", f"language:{folder.strip('/')}"))
    for folder in trees:
        for name in ENGINE_FOLDERS:
            registry.claim_folder(Output(folder + name, folder, "", f"engine:{folder}{name}"))
        for name in ENGINE_FILES:
            registry.claim(Output(folder + name, folder, "", f"engine:{folder}{name}"))
        for name, (origin, _) in assets.items():
            registry.claim(Output(folder + name, folder, name, origin))
    for folder, tree in trees.items():
        for name in tree.files:
            origins = tree.origins.get(name) or [f"page:{name}"]
            for later in origins[1:]:
                registry.clash(folder + site_path(name), origins[0], later)
            registry.claim(Output(folder + site_path(name), folder, name, origins[0]))
    if registry.issues:
        raise ContentError(registry.issues)
    return Outputs(trees, assets, dict(registry.owners))
