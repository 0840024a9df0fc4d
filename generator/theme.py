"""The look of a site: the generator's theme, and what a campaign adds to it.

The generator ships its theme as package data (resources.py): the engine settings
(theme/mkdocs.yml), the theme overrides and the assets. A campaign may add to them,
beside its content:

- `mkdocs.yml`: engine settings laid over the generator's. Mappings merge key by key;
  `extra_css`, `extra_javascript`, `markdown_extensions` and `plugins` add to the
  generator's lists (an entry of the same name replaces the generator's). What the
  generator fills in from campaign.yml (name, address, language, navigation, folders)
  cannot be set here.
- `docs/overrides/`: theme templates, used before the generator's own.
- `docs/assets/`: files published under /assets/; one with the name of a generator
  asset replaces it (a campaign's own favicon.svg, say).

Nothing here knows an engine's Python API; it only reads and merges settings.
"""

from __future__ import annotations

import copy
import difflib
import importlib.util
import shutil
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from . import resources
from .errors import ContentError, ContentIssue, TemplateError
from .yamlsrc import YamlDoc, read_yaml

CONFIG_FILE = "mkdocs.yml"
OVERRIDES_DIR = "docs/overrides"
ASSETS_DIR = "docs/assets"
# Lists a campaign adds to rather than replaces; entries are named by their key.
ADDITIVE = ("extra_css", "extra_javascript", "markdown_extensions", "plugins")
# Settings the generator writes itself, from campaign.yml or for the engine's sake.
OWNED = {
    ("site_name",): "campaign.yml's site.name",
    ("site_url",): "campaign.yml's site.url",
    ("site_description",): "campaign.yml's site.description",
    ("docs_dir",): "the generator",
    ("site_dir",): "the --site-dir option",
    ("nav",): "the generator's list of pages",
    ("hooks",): "the generator",
    ("watch",): "the preview",
    ("INHERIT",): "the generator (its own theme/mkdocs.yml is the base)",
    ("theme", "name"): "the generator's theme",
    ("theme", "custom_dir"): "docs/overrides/ beside the content",
    ("theme", "language"): "campaign.yml's site.language and the translations",
    ("theme", "direction"): "each language's writing direction",
    ("extra", "alternate"): "the translations",
    ("extra", "source_url"): "campaign.yml's site.url",
}


@dataclass(frozen=True)
class Theme:
    """The generator's theme with a campaign's additions: settings and folders."""

    config: dict[str, Any]  # the engine settings, merged; the generator fills in the rest
    overrides: tuple[Path, ...]  # template folders, first found wins
    assets: tuple[Path, ...]  # folders whose files are published under assets/, later wins
    campaign_files: tuple[Path, ...] = field(default=())  # what the preview should watch

    @property
    def campaign_overrides(self) -> Path | None:
        """The campaign's own docs/overrides/, when it has one (it comes first)."""
        return self.overrides[0] if len(self.overrides) > 1 else None

    def override_dir(self, work: Path) -> Path:
        """One folder for the engine's custom_dir: the generator's, or both merged in `work`."""
        if len(self.overrides) == 1:
            return self.overrides[0]
        target = work / "overrides"
        for folder in reversed(self.overrides):  # the first found wins: copy it last
            shutil.copytree(folder, target, dirs_exist_ok=True)
        return target

    def asset_files(self) -> dict[str, tuple[str, Path]]:
        """Docs-tree path ("assets/site.css") -> (where it comes from, the file)."""
        files: dict[str, tuple[str, Path]] = {}
        for folder in self.assets:
            origin = "asset" if folder == resources.ASSETS else "campaign-asset"
            for name, path in published_assets(folder).items():
                files[name] = (f"{origin}:{name}", path)
        return files


def load_theme(content_dir: Path, issues: list[ContentIssue]) -> Theme:
    """The generator's theme and the campaign's additions; problems go to `issues`."""
    base = yaml.safe_load(resources.BASE_CONFIG.read_text(encoding="utf-8"))
    config, watched = base, []
    path = content_dir / CONFIG_FILE
    if path.is_file():
        watched.append(path)
        overlay = _read_overlay(path, issues)
        if overlay:
            config = merge(base, overlay)
    overrides = [resources.OVERRIDES]
    if (content_dir / OVERRIDES_DIR).is_dir():
        overrides.insert(0, content_dir / OVERRIDES_DIR)
        watched.append(content_dir / OVERRIDES_DIR)
    assets = [resources.ASSETS]
    if (content_dir / ASSETS_DIR).is_dir():
        assets.append(content_dir / ASSETS_DIR)
        watched.append(content_dir / ASSETS_DIR)
    return Theme(config, tuple(overrides), tuple(assets), tuple(watched))


def _read_overlay(path: Path, issues: list[ContentIssue]) -> dict[str, Any] | None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None  # only comments: the generator's settings as they are
    try:
        doc = read_yaml(path, CONFIG_FILE)
    except ContentError as exc:
        issues.extend(exc.issues)
        return None
    if not isinstance(doc.data, dict):
        issues.append(
            doc.issue(
                (),
                "engine settings are 'setting: value' lines.",
                "write each setting on its own line as 'name: value', or delete the file to "
                "use the generator's own settings.",
            )
        )
        return None
    found = _unknown(doc) + _owned(doc) + _shapes(doc)
    found = found or (
        _installed(doc) + _icons(doc, path.parent / OVERRIDES_DIR) + _listed_files(doc, path.parent)
    )
    issues.extend(found)
    return None if found else doc.data


# Settings the generator and the engine read as groups of settings.
MAPPINGS = ("theme", "extra")
# Every setting of MkDocs 1.6 (its last 1.x release), which Zensical also reads: MkDocs
# stops at any other (in strict mode, with no line to point at) and Zensical ignores it.
ENGINE_SETTINGS = frozenset(
    {
        "copyright", "dev_addr", "docs_dir", "draft_docs", "edit_uri", "edit_uri_template",
        "exclude_docs", "extra", "extra_css", "extra_javascript", "extra_templates",
        "google_analytics", "hooks", "INHERIT", "markdown_extensions", "mdx_configs", "nav",
        "not_in_nav", "pages", "plugins", "remote_branch", "remote_name", "repo_name",
        "repo_url", "site_author", "site_description", "site_dir", "site_name", "site_url",
        "strict", "theme", "use_directory_urls", "validation", "watch",
    }
)  # fmt: skip


def _unknown(doc: YamlDoc) -> list[ContentIssue]:
    issues = []
    for key in doc.data:
        if isinstance(key, str) and key not in ENGINE_SETTINGS:
            near = difflib.get_close_matches(key, sorted(ENGINE_SETTINGS), 1)
            issues.append(
                doc.issue(
                    (key,),
                    f"'{key}' is not an engine setting.",
                    (f"did you mean '{near[0]}'? " if near else "")
                    + "the settings are MkDocs' (www.mkdocs.org/user-guide/configuration).",
                )
            )
    theme = doc.data.get("theme")
    for key in theme if isinstance(theme, dict) else ():
        # A theme may read settings of its own (overrides can too): only a near miss of
        # one the theme has is surely a typo, which the theme would ignore without a word.
        near = difflib.get_close_matches(str(key), sorted(THEME_SETTINGS), 1, cutoff=0.75)
        if key not in THEME_SETTINGS and near:
            issues.append(
                doc.issue(
                    ("theme", key),
                    f"'{key}' is not a setting of the theme, which would ignore it.",
                    f"did you mean '{near[0]}'?",
                )
            )
    return issues


# The settings under `theme:` of MkDocs, Material for MkDocs 9 and Zensical.
THEME_SETTINGS = frozenset(
    {
        "custom_dir", "direction", "favicon", "features", "font", "icon", "include_search_page",
        "language", "locale", "logo", "name", "palette", "search_index_only",
        "static_templates", "variant",
    }
)  # fmt: skip


def _icons(doc: YamlDoc, campaign_overrides: Path) -> list[ContentIssue]:
    """Every icon under theme.icon must be one the theme has (or the campaign's overrides
    add): the engine would stop at a template, naming no line of mkdocs.yml."""
    theme = doc.data.get("theme") or {}
    templates = resources.theme_templates(str(theme.get("name") or "material"))
    if templates is None or not (templates / ".icons").is_dir():
        return []  # no theme installed to ask: the engine step will say so
    folders = [campaign_overrides / ".icons", templates / ".icons"]
    issues = []
    for loc, name in _strings(theme.get("icon"), ("theme", "icon")):
        if not any((folder / f"{name}.svg").is_file() for folder in folders):
            near = _near_icon(name, folders)
            issues.append(
                doc.issue(
                    loc,
                    f"the theme has no icon '{name}'.",
                    (f"did you mean '{near}'? Otherwise write" if near else "write")
                    + " the icon's set and name as the theme lists them, e.g. "
                    f"'material/scale-balance', or put your own SVG in {OVERRIDES_DIR}/.icons/.",
                )
            )
    return issues


def _listed_files(doc: YamlDoc, content_dir: Path) -> list[ContentIssue]:
    """Every stylesheet and script the settings add must be a file the site publishes: the
    engine would link a missing one from every page without a word, and one on another
    site would tell it about every reader."""
    own = set(published_assets(content_dir / ASSETS_DIR))
    published = own | set(published_assets(resources.ASSETS))
    issues = []
    for key in ("extra_css", "extra_javascript"):
        for index, entry in enumerate(doc.data.get(key) or []):
            name = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(name, str):
                continue  # _shapes() and the engine say what a list entry must be
            put = f"put the file in {ASSETS_DIR}/ and list it as assets/<its name>."
            if "://" in name or name.startswith("//"):
                message = f"'{name}' is on another site, which would learn of every reader."
                hint = f"save a copy of it: {put}"
            elif name.lstrip("/") not in published:
                by_name = {o.rsplit("/", 1)[-1]: o for o in sorted(own)}
                near = difflib.get_close_matches(name.rsplit("/", 1)[-1], list(by_name), 1)
                message = f"the site has no file '{name}'."
                hint = f"did you mean '{by_name[near[0]]}'? Otherwise, {put}" if near else put
            else:
                continue
            issues.append(doc.issue((key, index), message, hint))
    return issues


def published_assets(folder: Path) -> dict[str, Path]:
    """The files of an assets folder by the name the site publishes them under
    ("assets/site.css"), in name order; none for a folder that is not there."""
    if not folder.is_dir():
        return {}
    found = sorted(p for p in folder.rglob("*") if p.is_file())
    return {"assets/" + p.relative_to(folder).as_posix(): p for p in found}


def _near_icon(name: str, folders: list[Path]) -> str | None:
    # Compare bare names: the shared "material/" prefix made any two names look alike.
    icon_set, _, bare = name.rpartition("/")
    known = [
        svg.relative_to(folder / icon_set).with_suffix("").as_posix()
        for folder in folders
        for svg in (folder / icon_set).rglob("*.svg")
    ]
    near = difflib.get_close_matches(bare, known, 1, cutoff=0.75)
    return f"{icon_set}/{near[0]}" if near else None


def _strings(value: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*loc, key))]
    return [(loc, value)] if isinstance(value, str) else []


def _shapes(doc: YamlDoc) -> list[ContentIssue]:
    """`theme` and `extra` must be groups of settings, and an added list a list:
    `theme: material` would otherwise reach the engine and crash it."""
    issues = []
    for key, value in doc.data.items():
        if key in MAPPINGS and not isinstance(value, dict):
            issues.append(
                doc.issue(
                    (key,),
                    "must be a group of settings, one per line below it.",
                    f"write each setting on its own line under '{key}:', indented by two spaces.",
                )
            )
        elif key in ADDITIVE and not isinstance(value, list):
            issues.append(
                doc.issue(
                    (key,),
                    "must be a list.",
                    f"write one '- name' line per entry under '{key}:'; they are added to "
                    "the generator's own.",
                )
            )
    return issues


def _installed(doc: YamlDoc) -> list[ContentIssue]:
    """Every plugin and Markdown extension the campaign adds must be installed: the engine
    would otherwise stop at it, with no file or line to point at."""
    plugins = {entry.name for entry in entry_points(group="mkdocs.plugins")}
    # A theme's own plugins go by their short names too: `tags` for `material/tags`.
    plugins |= {name.split("/", 1)[1] for name in plugins if "/" in name}
    extensions = {entry.name for entry in entry_points(group="markdown.extensions")}
    issues = []
    for key, known in (("plugins", plugins), ("markdown_extensions", extensions)):
        if not known:  # no engine installed to ask: the engine step will say so
            continue
        for index, entry in enumerate(doc.data.get(key) or []):
            name = _name(entry)
            if not isinstance(name, str) or name in known or _module(key, name):
                continue
            near = difflib.get_close_matches(name, sorted(known), 1)
            issues.append(
                doc.issue(
                    (key, index),
                    f"'{name}' is not installed.",
                    (f"did you mean '{near[0]}'? " if near else "")
                    + "install it where the site is built (the lock file), or delete the line.",
                )
            )
    return issues


def _module(key: str, name: str) -> bool:
    """A Markdown extension may also be named by its module: pymdownx.details."""
    module = name.split(":", 1)[0]  # or module:Class, as Python-Markdown also takes
    if key != "markdown_extensions" or "." not in module:
        return False
    try:
        return importlib.util.find_spec(module) is not None
    except Exception:  # a package that fails to import is not usable either
        return False


def _owned(doc: YamlDoc) -> list[ContentIssue]:
    issues = []
    for loc, owner in OWNED.items():
        value: Any = doc.data
        for key in loc:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            issues.append(
                doc.issue(
                    loc,
                    f"is set by {owner}, not by {CONFIG_FILE}.",
                    "delete this line; the generator fills it in.",
                )
            )
    return issues


def _name(entry: Any) -> Any:
    """A list entry's name: 'toc' for both `- toc` and `- toc: {permalink: true}`."""
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry))
    return entry if isinstance(entry, str) else None


def merge(
    base: dict[str, Any], overlay: dict[str, Any], path: tuple[str, ...] = ()
) -> dict[str, Any]:
    """`overlay` laid over `base`, neither changed: see the module's description."""
    out = copy.deepcopy(base)
    for key, value in overlay.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value, (*path, key))
        elif not path and key in ADDITIVE and isinstance(old, list) and isinstance(value, list):
            names = {_name(entry) for entry in value} - {None}
            out[key] = [e for e in old if _name(e) not in names] + copy.deepcopy(value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# --- a template the engine could not use ---------------------------------------------------


def template_details(exc: Exception) -> dict[str, Any]:
    """What the report needs of a Jinja template error, as plain data: an engine that runs
    in a process of its own sends it back to the generator as JSON."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return {
            "kind": "syntax",
            "file": exc.filename or exc.name or "",
            "line": exc.lineno,
            "message": exc.message or str(exc),
        }
    if isinstance(exc, jinja2.TemplateNotFound):
        return {"kind": "missing", "name": str(exc.name)}
    return {"kind": "other", "message": str(exc)}


def template_error(details: dict[str, Any], campaign_overrides: Path | None) -> TemplateError:
    """The error to report, naming the campaign's own file rather than the build's scratch
    copy of it (`campaign_overrides`: the campaign's docs/overrides/, if it has one)."""
    hint = (
        f"fix the template in {OVERRIDES_DIR}/ (or delete it to use the generator's own), "
        "and check the icon and template names in mkdocs.yml. Nothing was built; the "
        "previous site is unchanged."
    )
    if details.get("kind") == "syntax":
        where = str(details.get("file") or "a template")
        tail = where.replace("\\", "/").rpartition("/overrides/")[2]
        if tail and campaign_overrides is not None and (campaign_overrides / tail).is_file():
            where = f"{OVERRIDES_DIR}/{tail}"
        return TemplateError(
            f"template error: {details.get('message')}.", hint, f"{where}:{details.get('line')}"
        )
    if details.get("kind") == "missing":
        return TemplateError(
            f"the theme asked for '{details.get('name')}', which does not exist.", hint
        )
    return TemplateError(f"template error: {details.get('message')}.", hint)
