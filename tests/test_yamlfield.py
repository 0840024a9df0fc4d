"""The field a line belongs to, read from indentation: what a syntax error is named by."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.yamlfield import path_at
from generator.yamlsrc import read_yaml

ROOT = Path(__file__).resolve().parent.parent

CONCERN = """\
# a comment
slug: weak-safeguards
title: Weak safeguards
articles:
  - article: 5
    note: Numbered as in the draft.
  - article: 6
sections:
  what_it_says: |
    The article: it names proportionality.

    - not a list item, only text
  why_it_matters: >-
    Text.
tags:
- safeguards
- rights
assessment:
  status: not-addressed
"""


@pytest.mark.parametrize(
    ("line", "path"),
    [
        (1, ()),
        (2, ("slug",)),
        (4, ("articles",)),
        (5, ("articles", 0, "article")),
        (6, ("articles", 0, "note")),
        (7, ("articles", 1, "article")),
        (9, ("sections", "what_it_says")),
        (10, ("sections", "what_it_says")),  # a line of the text, with a colon in it
        (12, ("sections", "what_it_says")),  # a dash inside the text is text
        (13, ("sections", "why_it_matters")),
        (16, ("tags", 0)),  # a list at its name's own column
        (17, ("tags", 1)),
        (19, ("assessment", "status")),
    ],
)
def test_each_line_is_named_by_the_keys_above_it(line: int, path: tuple[str | int, ...]) -> None:
    assert path_at(CONCERN, line) == path


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # One space too many under a list item: a sibling of `article`, not inside its value.
        ("articles:\n  - article: 9\n     note: x: y\n", ("articles", 0, "note")),
        # `key:value` was meant as a field.
        ("assessment:\n  status:not-addressed\n", ("assessment", "status")),
        # A tab where spaces belong was meant as indentation.
        ("articles:\n\t- article: 5\n", ("articles", 0, "article")),
        # An item under a one-line list is meant for that list.
        ("tags: [a]\n  - b\n", ("tags", 0)),
        # `---` stands outside every field.
        ("order: 10\n---\n", ()),
        # A plain value's next line is still that value.
        ("title: A long title\n  that goes on\n", ("title",)),
        # Nested items on one line.
        ("rows:\n  - - a\n    - b\n", ("rows", 0, 1)),
        # A quoted key.
        ('"title": x\n', ("title",)),
    ],
)
def test_broken_lines_are_named_as_their_writer_meant(
    text: str, path: tuple[str | int, ...]
) -> None:
    assert path_at(text, text.count("\n")) == path


def _content_files() -> list[Path]:
    files = [*ROOT.glob("*.yml"), *ROOT.glob("concerns/*.yml"), *ROOT.glob("translations/*/*.yml")]
    files += [*ROOT.glob("translations/*/concerns/*.yml"), *ROOT.glob("examples/*/*.yml")]
    files += [*ROOT.glob("examples/*/concerns/*.yml"), *ROOT.glob("tests/fixtures/*/*.yml")]
    return sorted(f for f in files if f.name not in {"mkdocs.yml"})


def test_every_key_of_the_real_content_is_named_as_yaml_names_it() -> None:
    """Over every content file here, the path read from indentation is the one YAML's own
    structure gives each line that starts a field."""
    files = _content_files()
    assert len(files) > 40
    checked = 0
    for file in files:
        doc = read_yaml(file, file.name)
        deepest: dict[int, tuple[str | int, ...]] = {}
        for loc, (line, _) in doc.positions.items():
            if loc and isinstance(loc[-1], str) and len(loc) > len(deepest.get(line, ())):
                deepest[line] = loc
        for line, loc in deepest.items():
            assert path_at(doc.text, line) == loc, (file, line)
            checked += 1
    assert checked > 2000
