"""The field reference: every field of every content file, read from the model.

The same descriptions and examples feed the JSON Schemas (editor tooltips) and
the error hints, so the page cannot drift from what the validator accepts.
The renderer turns this into a page; nothing here knows about pages or engines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Gt, Le, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model as m
from .explain import example_line, yaml_value

# The model's own checks, by function name: what kind of value each one accepts.
_VALIDATED = {
    "_https_url": "https:// address",
    "_email": "email address",
    "_partial_date": "date: YYYY-MM-DD, or YYYY-MM / YYYY if the day is not known",
}
FILE_INTROS = {
    "concern": "One file per concern, named after its slug. Its page is /concerns/<slug>/.",
    "campaign.yml": "The site's name and address, the treaty, and the home and About text.",
    "articles.yml": "The treaty articles that concerns cite, each with how sure we are of it.",
    "recommendations.yml": "The recommended fixes, in groups. Concerns cite them by id.",
    "sources.yml": "Every source the site cites. Other files cite them by id.",
    "timeline.yml": "Dated events, shown in date order on the timeline page.",
    "glossary.yml": "Plain-language definitions (this file is optional).",
    "action.yml": "The action page: steps, contacts, the general letter and what to ask each "
    "State, by its status and the treaty's calendar.",
    "countries.yml": "Where each State stands (optional): one entry per country code, with its "
    "actions, their sources and confirmation, and the date it was checked. Adds /countries/ "
    "and one page per country.",
}


@dataclass(frozen=True)
class FieldDoc:
    path: str
    kind: str
    required: str
    description: str
    example: str
    anchor: str


@dataclass(frozen=True)
class FileDoc:
    file: str
    anchor: str
    intro: str
    fields: list[FieldDoc]


def _metadata(items: list[Any]) -> list[Any]:
    """Constraints, with those nested in Field(...) inside Annotated[...] flattened out."""
    out: list[Any] = []
    for item in items:
        out.extend(_metadata(item.metadata) if isinstance(item, FieldInfo) else [item])
    return out


def _bounds(meta: list[Any]) -> str:
    """', above 0' or ', from 0 to 3650': the limits the model checks."""
    low = next((f"above {i.gt}" for i in meta if isinstance(i, Gt)), None)
    ge = next((i.ge for i in meta if isinstance(i, Ge)), None)
    le = next((i.le for i in meta if isinstance(i, Le)), None)
    if le is not None:
        return f", from {ge} to {le}" if ge is not None else f", at most {le}"
    if low:
        return f", {low}"
    return f", {ge} or more" if ge is not None else ""


def _text_kind(meta: list[Any]) -> str:
    for item in meta:
        name = getattr(getattr(item, "func", None), "__name__", "")
        if name in _VALIDATED:
            return _VALIDATED[name]
        pattern = getattr(item, "pattern", None)
        if pattern == m.SLUG_RE:
            return "slug (lowercase-words-with-hyphens)"
        if pattern:
            return "short code, as in the example"
    limit = min((i.max_length for i in meta if isinstance(i, MaxLen)), default=None)
    one_line = any(getattr(getattr(i, "func", None), "__name__", "") == "_one_line" for i in meta)
    if one_line:
        text = "Markdown text" if m.MARKDOWN in meta else "text"
        return f"one line of {text}, up to {limit} characters"
    return f"text, up to {limit} characters" if limit else "Markdown text"


def kind(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A plain description of the values a field accepts."""
    meta = _metadata(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return kind(base, [*extra, *meta])
    if origin in (typing.Union, types.UnionType):
        return kind(next(a for a in typing.get_args(annotation) if a is not type(None)), meta)
    if origin is list:
        at_least = next((i.min_length for i in meta if isinstance(i, MinLen)), 0)
        item = kind(typing.get_args(annotation)[0])
        plural = item.replace("slug ", "slugs ").replace("group of", "groups of")
        items = plural if plural != item else f"items ({item})"
        return f"list of {items}" + (f"; at least {at_least}" if at_least else "")
    if origin is typing.Literal:
        return "one of: " + ", ".join(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group of fields (below)"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number" + _bounds(meta)
    if annotation is dt.date:
        return "date: YYYY-MM-DD"
    return _text_kind(meta)


def _required(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default not in (None, "") and not field.default_factory:
        shown = str(field.default).lower() if isinstance(field.default, bool) else field.default
        return f"optional (default: {shown})"
    return "optional"


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside a field (if any) and whether it is a list of them."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(annotation) if a is not type(None))
        return _nested(inner)
    if origin is list:
        model, _ = _nested(typing.get_args(annotation)[0])
        return model, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def fields(model: type[BaseModel], anchor: str, prefix: str = "") -> list[FieldDoc]:
    rows: list[FieldDoc] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        rows.append(
            FieldDoc(
                path=path,
                kind=kind(field.annotation, field.metadata),
                required=_required(field),
                description=field.description or "",
                example=example_line(name, field),
                anchor=f"{anchor}-{path.replace('[]', '').replace('.', '-').replace('_', '-')}",
            )
        )
        inner, many = _nested(field.annotation)
        if inner:
            rows += fields(inner, anchor, f"{path}[]." if many else f"{path}.")
    return rows


def reference() -> list[FileDoc]:
    """Concerns first (the file edited most), then the campaign files in reading order."""
    files = [
        FileDoc(
            f"{m.CONCERNS_DIR}/<slug>.yml",
            "concern",
            FILE_INTROS["concern"],
            fields(m.Concern, "concern"),
        )
    ]
    for name, model in m.FILE_MODELS.items():
        anchor = name.removesuffix(".yml")
        files.append(FileDoc(name, anchor, FILE_INTROS.get(name, ""), fields(model, anchor)))
    return files


# --- examples from the campaign itself ---------------------------------------------------------

_SHOWN = 80  # characters of a text shown as an example: enough to recognise it


def with_campaign_examples(files: list[FileDoc], c: m.Campaign) -> list[FileDoc]:
    """The reference as a campaign publishes it: each example is the campaign's own value
    for that field, or none. The model's examples describe no campaign in particular
    (example.org addresses, a made-up treaty's dates): on a campaign's site they would
    read as its facts."""
    roots: dict[str, list[Any]] = {
        "concern": list(c.concerns),
        "campaign": [c.campaign],
        "articles": [{"articles": c.articles}],
        "recommendations": [{"groups": c.groups}],
        "sources": [{"sources": c.sources}],
        "timeline": [{"events": c.events}],
        "glossary": [{"terms": c.glossary}],
        "action": [c.action],
        "countries": [c.countries] if c.countries else [],
    }
    return [
        dataclasses.replace(
            f,
            fields=[
                dataclasses.replace(x, example=_example(x.path, roots.get(f.anchor, [])))
                for x in f.fields
            ],
        )
        for f in files
    ]


def _example(path: str, roots: list[Any]) -> str:
    """'title: Weak safeguards', from the first of `roots` that fills the field; or ''."""
    values: Iterable[Any] = roots
    for step in path.split("."):
        name = step.removesuffix("[]")
        found = [_get(v, name) for v in values]
        found = [v for v in found if v not in (None, "", [])]
        values = [item for v in found for item in v] if step.endswith("[]") else found
    value = next(iter(values), None)
    return "" if value is None else _line(path.split(".")[-1].removesuffix("[]"), value)


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def _line(name: str, value: Any) -> str:
    if isinstance(value, BaseModel | dict) or (
        isinstance(value, list) and any(isinstance(v, BaseModel | dict) for v in value)
    ):
        return ""  # a group of fields: its own fields have examples
    if isinstance(value, list):
        value = [_short(v) for v in value[:3]]
    return f"{name}: {yaml_value(_short(value))}"


def _short(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    lines = [line.strip() for line in str(value).strip().splitlines()]
    text = lines[0] if lines else ""
    if len(text) <= _SHOWN:
        return text + (" …" if len(lines) > 1 else "")
    return text[:_SHOWN].rsplit(" ", 1)[0] + " …"
