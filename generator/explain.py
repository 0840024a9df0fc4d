"""Turn one pydantic validation error into words an editor can act on.

Pydantic's own messages are written for programmers ("Input should be a valid
integer, unable to parse string as an integer"). Maintainers of a campaign are
advocates and editors, so each error becomes a short statement of what is wrong
plus a hint that shows the fix, taken from the field's own example in the model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .errors import ContentIssue
from .model import SLUG_RE
from .slugs import slugify
from .yamlsrc import YamlDoc, dotted, position

Loc = tuple[str | int, ...]


def _unwrap(annotation: Any) -> Any:
    """From list[X] / X | None / Annotated[X, ...] down to X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model(value: Any) -> type[BaseModel] | None:
    return value if isinstance(value, type) and issubclass(value, BaseModel) else None


def field_at(file_model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The model field a location points into; list indexes are skipped."""
    current: Any = file_model
    found: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model(current)
        found = model.model_fields.get(part) if model else None
        if found is None:
            return None
        current = _unwrap(found.annotation)
    return found


def fields_at(file_model: type[BaseModel], loc: Loc) -> list[str]:
    """Names allowed at a location: the fields of the model found there."""
    current: Any = file_model
    if loc:
        field = field_at(file_model, loc)
        current = _unwrap(field.annotation) if field else None
    model = _model(current)
    return list(model.model_fields) if model else []


# A line of block text that reads like "name: value", as a field indented too far would.
_FIELD_LINE = re.compile(r"^[ \t]*([a-z][a-z0-9_]*):(?=[ \t]|$)", re.MULTILINE)


def swallowed_fields(doc: YamlDoc, file_model: type[BaseModel]) -> dict[Loc, ContentIssue]:
    """Fields indented as far as the block text above them ('|' or '>'), which YAML then
    reads as part of that text: the field is lost and the line would be published. Found
    where a line of the text names a field its mapping allows but does not have; by where
    the lost field belongs."""
    issues: dict[Loc, ContentIssue] = {}
    for loc in doc.blocks:
        parent, span = _value_at(doc.data, loc[:-1]), doc.spans.get(loc)
        if not loc or not isinstance(parent, dict) or span is None:
            continue
        allowed = set(fields_at(file_model, loc[:-1])) - set(parent)
        # The block as written ('>' joins its lines when read), after its '|' or '>' line.
        start = doc.text.find("\n", span[0], span[1]) + 1
        key_line, key_column = doc.locate(loc)
        for match in _FIELD_LINE.finditer(doc.text, start or span[1], span[1]):
            name = match[1]
            if name not in allowed:
                continue
            line, column = position(doc.text, match.start(1))
            message = (
                f"'{name}:' is indented as part of the text of '{loc[-1]}' (line {key_line}), "
                f"so it is read as text, not as the field '{name}'."
            )
            hint = (
                f"move '{name}:' left to column {key_column}, in line with '{loc[-1]}:'; if the "
                f"line is meant as text, reword it so that it does not start with '{name}:'."
            )
            lost = (*loc[:-1], name)
            issues[lost] = ContentIssue(doc.file, line, column, dotted(loc), message, hint)
    return issues


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _plain(text: str, in_list: bool) -> bool:
    """Whether YAML reads `text` back unquoted as itself (or as the date it spells)."""
    if (
        not text
        or text != text.strip()
        or "\n" in text
        or (in_list and any(c in text for c in ",[]{}"))
    ):
        return False
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return loaded == text or isinstance(loaded, dt.date)


def yaml_value(value: Any, in_list: bool = False) -> str:
    """An example value as a maintainer would type it after 'field: '."""
    if isinstance(value, str) and _plain(value, in_list):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v, in_list=True) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{k}: {yaml_value(v, in_list=True)}" for k, v in value.items()) + "}"
        )
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def example_line(name: object, field: FieldInfo | None, item: bool = False) -> str:
    """'fixes: [judicial-authorisation]', or '' when the field has no example."""
    if field is None or not field.examples:
        return ""
    value = field.examples[0]
    if item and isinstance(value, list) and value:
        return f"- {yaml_value(value[0])}"
    return f"{name}: {yaml_value(value)}"


def _got(value: Any, written: str | None = None) -> str:
    """' (got 'ten')'; for what YAML turned into something else, the text as written:
    ' (got no, which YAML reads as false)', not Python's ' (got False)'."""
    if written is not None and not isinstance(value, str) and len(written) < 80:
        if isinstance(value, bool) and written.lower() not in {"true", "false"}:
            return f" (got {written}, which YAML reads as {str(value).lower()})"
        return f" (got {written})"
    if isinstance(value, str | int | float) and len(repr(value)) < 80:
        return f" (got {value!r})"
    return ""


def _read_as(value: Any) -> str:
    """What YAML made of an unquoted value that was meant as text, or ''."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):  # datetime too
        return "a date"
    return ""


def _or_example(text: str, example: str, fallback: str = "") -> str:
    """'write digits only, for example order: 10' - without a full stop, which would read as
    part of the value - or the text and a fallback when the field has no example."""
    if example:
        return f"{text}, for example {example}"
    return f"{text}{fallback}."


# Pydantic's words for the kinds of value, in case one of its messages is shown as it is.
_PLAIN_WORDS = {
    "Input should be a valid string": "must be text",
    "Input should be a valid integer": "must be a whole number",
    "Input should be a valid number": "must be a number",
    "Input should be a valid boolean": "must be true or false",
    "Input should be a valid list": "must be a list",
    "Input should be a valid dictionary": "must be a group of fields",
    "Input should be a valid date": "must be a date written YYYY-MM-DD",
    "Input should be": "must be",
}


def explain(err: Any, file_model: type[BaseModel], written: str | None = None) -> tuple[str, str]:
    """(message, hint) for one entry of ValidationError.errors(); `written` is the value as
    the file has it, when it is a single value (YAML may have read it as something else)."""
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    item = bool(loc) and isinstance(loc[-1], int)
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    field = field_at(file_model, loc)
    example = example_line(name, field, item=item)
    if kind == "missing":
        return _missing(name, example)
    if kind == "extra_forbidden":
        return _unknown(str(loc[-1]), fields_at(file_model, loc[:-1]))
    got = _got(value, written)
    if kind == "string_type" and _read_as(value):
        return _not_text(value, written)
    for explainer in (_type_error, _size_error, _format_error):
        found = explainer(kind, err, value, example, got)
        if found:
            return found
    message = err["msg"].removeprefix("Value error, ")
    for jargon, plain in _PLAIN_WORDS.items():
        message = message.replace(jargon, plain)
    message = f"{message[0].lower()}{message[1:]}".rstrip(".")
    return f"{message}{got}.", _value_hint(value, field, example)


def _not_text(value: Any, written: str | None) -> tuple[str, str]:
    """`title: yes`, `code: no`, `paragraph: 4`, `title: 2024-01-01`: YAML's reading of an
    unquoted word is not what the maintainer meant."""
    shown = written if written is not None else str(value).lower()
    if isinstance(value, bool):
        message = (
            f"must be text, but YAML reads the unquoted word {shown} as {_read_as(value)} "
            "(yes, no, on, off, true and false all mean true or false to it)."
        )
    else:
        message = f"must be text, but YAML reads the unquoted {shown} as {_read_as(value)}."
    return message, f'put it in double quotes, "{shown}", so that it stays text.'


def _missing(name: str, example: str) -> tuple[str, str]:
    message = f"required field '{name}' is missing."
    if example:
        return message, f"add a line such as {example}"
    return message, f"add '{name}:' here with the fields listed in the field reference."


def _unknown(name: str, known: list[str]) -> tuple[str, str]:
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{guess[0]}'?" if guess else f"allowed fields here: {', '.join(known)}."
    return f"unknown field '{name}'.", hint


def _type_error(kind: str, err: Any, value: Any, example: str, got: str) -> tuple[str, str] | None:
    if value is None and (kind.endswith("_type") or kind == "literal_error"):
        return "has no value.", _or_example("write a value after the colon", example)
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"must be a whole number{got}.", _or_example("write digits only", example)
    if kind in {"bool_parsing", "bool_type"}:
        return f"must be true or false{got}.", "write true or false, without quotes."
    if kind == "string_type":
        return (
            "must be text, not a list or a group of fields.",
            _or_example("write the text on the same line, after the colon", example),
        )
    if kind == "list_type":
        return (
            f"must be a list{got}.",
            _or_example("write one '- ' line per item, or [a, b] on one line", example),
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        glued = re.match(r"([A-Za-z_][\w-]*):(\S.*)$", value) if isinstance(value, str) else None
        if glued:  # `- article:5`: one word to YAML
            return (
                f"must be a group of fields{got}; without a space after the colon, YAML "
                "reads it as one word.",
                f"add a space after the colon: {glued[1]}: {glued[2]}",
            )
        return (
            f"must be a group of fields{got}.",
            "put each field on its own line, indented by two spaces (see the field reference).",
        )
    if kind == "literal_error":
        return _literal(err, value, got)
    return None


def _literal(err: Any, value: Any, got: str) -> tuple[str, str]:
    options = [o.strip(" '") for o in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
    guess = difflib.get_close_matches(str(value), options, n=1) if isinstance(value, str) else []
    hint = f"did you mean '{guess[0]}'?" if guess else "write one of them exactly as shown."
    return f"must be one of: {', '.join(options)}{got}.", hint


def _size_error(kind: str, err: Any, value: Any, example: str, got: str) -> tuple[str, str] | None:
    ctx = err.get("ctx") or {}
    if kind in {"too_short", "string_too_short"} and isinstance(value, str):
        # A text of length 0 (`title: ""`), which pydantic counts like an empty list.
        return "must not be empty.", _or_example(
            "write some text", example, ", or delete the line if the field is optional"
        )
    if kind in {"too_long", "string_too_long"}:
        unit = "characters" if isinstance(value, str) else "items"
        actual = ctx.get("actual_length", len(value) if isinstance(value, str | list) else "?")
        return (
            f"is {actual} {unit} long; the limit is {ctx['max_length']}.",
            "shorten it; longer explanations belong in a Markdown field such as a section.",
        )
    if kind == "too_short":
        count = ctx["min_length"]
        return (
            f"needs at least {count} item{'s' if count != 1 else ''}.",
            _or_example("add one", example, " (see the field reference)"),
        )
    bounds = {
        "greater_than": ("gt", "a number above {}"),
        "greater_than_equal": ("ge", "{} or more"),
        "less_than": ("lt", "a number below {}"),
        "less_than_equal": ("le", "{} or less"),
    }
    if kind in bounds:
        key, words = bounds[kind]
        return f"must be {words.format(ctx[key])}{got}.", _or_example("write", example)
    return None


def _format_error(
    kind: str, err: Any, value: Any, example: str, got: str
) -> tuple[str, str] | None:
    if kind.startswith("date_"):
        return (
            f"must be a date written YYYY-MM-DD{got}.",
            _or_example("year, month and day with hyphens", example, ", e.g. 2024-12-24"),
        )
    if kind == "string_pattern_mismatch" and err["ctx"]["pattern"] == SLUG_RE:
        suggestion = slugify(str(value))
        return (
            f"is not a valid slug{got}.",
            "use lowercase letters, digits and single hyphens"
            + (f", e.g. '{suggestion}'." if suggestion else "."),
        )
    if kind == "string_pattern_mismatch":
        return (
            f"does not have the expected form{got}.",
            f"write it like this: {example}" if example else "see the field reference.",
        )
    return None


def _value_hint(value: Any, field: FieldInfo | None, example: str) -> str:
    """Hints for the model's own checks (https links, dates, one-line text, emails)."""
    if isinstance(value, str) and value.startswith("http://"):
        return f"use '{value.replace('http://', 'https://', 1)}' if the site offers it."
    if isinstance(value, str) and "\n" in value.strip():
        return "write it on one line, without '|' or '>'."
    if example:
        return f"write it like this: {example}"
    return (field.description or "") if field else ""


def validation_issue(doc: YamlDoc, file_model: type[BaseModel], err: Any) -> ContentIssue:
    """A pydantic error as a ContentIssue at its place in the file."""
    loc: Loc = tuple(err["loc"])
    span = doc.spans.get(loc)
    written = doc.text[span[0] : span[1]] if span else None
    message, hint = explain(err, file_model, written)
    # A missing field has no line of its own: point at the block it belongs in.
    line, column = doc.locate(loc[:-1] if err["type"] == "missing" else loc)
    return ContentIssue(doc.file, line, column, dotted(loc), message, hint)


def suggest(value: object, known: Iterable[object]) -> str:
    """A hint for an unknown id: the nearest known one, or the list of known ones."""
    known = list(known)
    names = [str(k) for k in known]
    numbers = [k for k in known if isinstance(k, int)]
    if isinstance(value, int) and numbers:
        near = min(numbers, key=lambda k: (abs(k - value), k))
        if abs(near - value) <= 2 or sorted(str(near)) == sorted(str(value)):
            return f"did you mean '{near}'? Known values: {', '.join(names[:12])}."
    guess = difflib.get_close_matches(str(value), names, n=1, cutoff=0.5)
    if guess:
        return f"did you mean '{guess[0]}'?"
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"known values: {listed}." if names else ""
