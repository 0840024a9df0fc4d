"""Start a new content file that is valid the moment it is written.

`python -m generator new concern "Title"` writes concerns/<slug>.yml with every
field present and explained in comments. Cross-references point at the
campaign's first existing article, recommendation and source, so the file
validates at once and the page can be previewed while it is being written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from pydantic import ValidationError

from . import clock, resources
from . import model as m
from .errors import EXIT_CONTENT, EXIT_USAGE, ContentError, GeneratorError
from .explain import explain
from .schema import modeline
from .slugs import RESERVED_SLUGS, slugify
from .yamlsrc import read_yaml

TEMPLATE = resources.SCAFFOLDS / "concern.yml.j2"
TODAY_ENV = "TX_TODAY"
# What the template leaves for the author to replace; a production build refuses what is left.
TODO_MARK = "TODO"
PLACEHOLDER_NOTE = "is only a placeholder: replace it."


class ScaffoldError(GeneratorError):
    """Nothing was written. `usage` says whether the command line itself was wrong."""

    def __init__(self, message: str, hint: str = "", usage: bool = False) -> None:
        super().__init__(message, hint)
        self.usage = usage
        self.exit_code = EXIT_USAGE if usage else EXIT_CONTENT


@dataclass
class Placeholders:
    """Existing ids a new concern can point at until the author picks the right ones."""

    article: int = 1
    fix: str = "replace-me"
    source: str = "replace-me"
    order: int = 10
    missing: list[str] = field(default_factory=list)
    taken: dict[str, str] = field(default_factory=dict)  # slug or alias -> file


def today(value: str | None = None) -> dt.date:
    """--date, else $TX_TODAY (for reproducible tests and examples), else the real date."""
    text = value or os.environ.get(TODAY_ENV)
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(
            f"'{text}' is not a date.", "write it as YYYY-MM-DD, e.g. 2026-11-23.", usage=True
        ) from None


def _data(path: Path) -> Any:
    """A file's data, or None if it is missing or broken (validate reports that)."""
    if not path.is_file():
        return None
    try:
        return read_yaml(path, path.name).data
    except ContentError:
        return None


def _items(data: Any, key: str) -> list[dict[str, Any]]:
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def placeholders(content_dir: Path) -> Placeholders:
    found = Placeholders()
    articles = [
        a["number"]
        for a in _items(_data(content_dir / "articles.yml"), "articles")
        if isinstance(a.get("number"), int)
    ]
    groups = _items(_data(content_dir / "recommendations.yml"), "groups")
    fixes = [r["id"] for g in groups for r in _items(g, "recommendations") if "id" in r]
    sources = [s["id"] for s in _items(_data(content_dir / "sources.yml"), "sources") if "id" in s]
    for name, values, attr in [
        ("articles.yml", articles, "article"),
        ("recommendations.yml", fixes, "fix"),
        ("sources.yml", sources, "source"),
    ]:
        if values:
            setattr(found, attr, values[0])
        else:
            found.missing.append(name)
    orders = []
    for path in sorted((content_dir / m.CONCERNS_DIR).glob("*.y*ml")):
        data = _data(path)
        if not isinstance(data, dict):
            continue
        orders.append(data.get("order", 100) if isinstance(data.get("order"), int) else 100)
        for slug in [data.get("slug"), *(data.get("aliases") or [])]:
            if isinstance(slug, str):
                found.taken.setdefault(slug, f"{m.CONCERNS_DIR}/{path.name}")
    found.order = max(orders, default=0) + 10
    return found


def schema_dir(content_dir: Path) -> Path:
    """The repository's schema/ folder: next to the content, or up to the repository root.

    The search stops at the repository (a folder with .git) so that a stray schema/
    folder elsewhere on the machine is never picked up.
    """
    start = content_dir.resolve()
    chain = [start, *start.parents]
    root = next((f for f in chain if (f / ".git").exists()), start)
    for folder in chain[: chain.index(root) + 1]:
        if (folder / "schema" / "concern.schema.json").is_file():
            return folder / "schema"
    return start / "schema"


def _yaml_scalar(value: object) -> str:
    """A value written so that YAML reads it back unchanged ('yes' stays text)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def concern_text(title: str, slug: str, date: dt.date, marks: Placeholders, first: str) -> str:
    env = jinja2.Environment(
        autoescape=False,  # noqa: S701 - YAML, not HTML; every value goes through `yaml`
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml_scalar
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(
        modeline=first,
        title=title,
        slug=slug,
        today=date,
        p=marks,
        placeholder_note=PLACEHOLDER_NOTE,
    )


def _check(text: str) -> None:
    """The scaffold must satisfy the model; only the title can make it fail."""
    data = yaml.safe_load(text)
    try:
        m.Concern.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        message, hint = explain(err, m.Concern)
        field_name = ".".join(str(p) for p in err["loc"])
        raise ScaffoldError(f"{field_name}: {message}", hint, usage=True) from None


def new_concern(content_dir: Path, title: str, date: dt.date, slug: str | None = None) -> Path:
    """Write concerns/<slug>.yml and return its path; never overwrite anything."""
    title = " ".join(title.split())
    slug = slug or slugify(title)
    if not slug and any(c.isalnum() for c in title):
        # An Arabic or Chinese title, say: the address needs Latin letters of its own.
        raise ScaffoldError(
            "an address is made of the letters a-z, digits and hyphens, and the title has "
            "none of them to make one from.",
            "choose the address with --slug, e.g. --slug forced-decryption.",
            usage=True,
        )
    if not slug:
        raise ScaffoldError(
            "the title has no letters or digits to make an address from.",
            "give a title in words, or choose the address with --slug my-concern.",
            usage=True,
        )
    if not re.fullmatch(m.SLUG_RE, slug):
        suggestion = slugify(slug)
        raise ScaffoldError(
            f"'{slug}' is not a valid slug.",
            "use lowercase letters, digits and single hyphens"
            + (f", e.g. '{suggestion}'." if suggestion else "."),
            usage=True,
        )
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(
            f"'{slug}' is a name the site uses for its own pages; nothing was written.",
            f"choose another address with --slug, e.g. --slug {slug}-concern.",
            usage=True,
        )
    if date > clock.latest_today():
        raise ScaffoldError(
            f"--date {date.isoformat()} is in the future; nothing was written.",
            "last_reviewed is the day someone last checked the concern: today or earlier.",
            usage=True,
        )
    target = content_dir / m.CONCERNS_DIR / f"{slug}.yml"
    if target.exists():
        raise ScaffoldError(
            f"{m.CONCERNS_DIR}/{slug}.yml already exists; nothing was written.",
            "edit that file, or choose another address with --slug.",
        )
    marks = placeholders(content_dir)
    if marks.missing:
        raise ScaffoldError(
            f"{' and '.join(marks.missing)} {'has' if len(marks.missing) == 1 else 'have'} "
            "nothing a concern can point at yet; nothing was written.",
            "a concern cites an article, asks for a recommendation and names a source: "
            "add at least one of each first (`validate` says where).",
        )
    if slug in marks.taken:
        raise ScaffoldError(
            f"'{slug}' is already an address of {marks.taken[slug]}; nothing was written.",
            "choose another address with --slug.",
        )
    first = modeline(target, schema_dir(content_dir), "concern")
    text = concern_text(title, slug, date, marks, first)
    _check(text)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # 'x': refuse a file made meanwhile
        handle.write(text)
    return target
