"""The field a line of a YAML file belongs to, read from its indentation alone.

A syntax error stops YAML before it has built the file's structure, so the error has a line
and a column but no field; a maintainer still looks for a field name. Reading the keys
above the line by their columns gives it, for the block style content files are written
in (`name: value`, `- item`, `key: |` text), as the path every other error's field is
written from: ("sections", "what_it_says"), ("articles", 1, "note").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line's dashes (list items, possibly nested on one line) and its key, if it has one: also
# `key:value`, which YAML reads as one word but its writer meant as a field.
_LINE = re.compile(
    r"^(?P<indent>[ ]*)(?P<dashes>(?:-(?:[ ]+|$))*)"
    r"(?:(?P<key>[A-Za-z_][\w-]*|\"[^\"]*\"|'[^']*')[ ]*:(?=[ ]|$|[^\s/:])(?P<value>.*))?"
)
# A value that starts a block of text on the lines below: `|`, `>-`, `|2+`, and a comment.
_BLOCK_TEXT = re.compile(r"^[ ]*[|>][-+0-9]*[ ]*(?:#.*)?$")


@dataclass(frozen=True)
class _Frame:
    column: int
    label: str | int  # a key, or a list item's index
    valued: bool = False  # `key: value` on one line: nothing can be inside it


def path_at(text: str, line: int) -> tuple[str | int, ...]:
    """The path of the field that line `line` (1-based) of `text` is part of."""
    stack: list[_Frame] = []
    text_below = -1  # the column of a `key: |`, while its lines of text are read
    for written in text.split("\n")[:line]:
        # A tab where spaces belong (an error of its own) was meant as indentation.
        lead = written[: len(written) - len(written.lstrip("\t "))]
        raw = lead.replace("\t", "  ") + written[len(lead) :]
        content = raw.lstrip(" ")
        indent = len(raw) - len(content)
        if text_below >= 0:
            if not content.strip() or indent > text_below:
                continue  # a line of the text (or a blank line within it)
            text_below = -1
        if not content.strip() or content.startswith("#"):
            continue
        match = _LINE.match(raw)
        if not match or not (match["dashes"] or match["key"]):
            if indent == 0:  # `---`, or stray text: outside every field
                stack = []
            continue  # a plain value's next line, or something YAML could not read
        # A field under `key: value` is not inside it (one item under `tags: [a]` is meant
        # for the list, and is named so).
        while stack and stack[-1].valued and not match["dashes"]:
            stack.pop()
        column = indent
        for dash in re.finditer(r"-", match["dashes"]):
            column = indent + dash.start()
            stack = _item(stack, column)
        if match["key"]:
            column = indent + len(match["dashes"])
            while stack and stack[-1].column >= column:
                stack.pop()
            value = match["value"]
            starts_text = bool(_BLOCK_TEXT.match(value))
            valued = not starts_text and bool(value.strip()) and not value.lstrip().startswith("#")
            stack.append(_Frame(column, match["key"].strip("\"'"), valued))
            if starts_text:
                text_below = column
    return tuple(frame.label for frame in stack)


def _item(stack: list[_Frame], column: int) -> list[_Frame]:
    """The stack with a list item at `column` on top: the next after its sibling, if any."""
    index = 0
    while stack and (
        stack[-1].column > column
        or (stack[-1].column == column and isinstance(stack[-1].label, int))
    ):
        frame = stack.pop()
        if frame.column == column and isinstance(frame.label, int):
            index = frame.label + 1
    # A key at the item's own column is its list's name (`tags:` then `- a` below it).
    return [*stack, _Frame(column, index)]
