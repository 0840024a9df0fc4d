"""Read one YAML file safely, keeping the line and column of every key.

PyYAML's composer gives us nodes with marks; we turn them into plain Python
ourselves so that we can refuse what a content file never needs (aliases,
duplicate keys, custom tags) and remember where each value came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .errors import ContentError, ContentIssue
from .yamlfield import path_at

MAX_BYTES = 1_000_000
# What git writes into a file when two changes to the same lines meet: never valid in a
# content file (a mapping's lines start with a key or are indented), so always a leftover.
CONFLICT_MARKER = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Place:
    """Where something was written in a content file."""

    file: str
    line: int
    column: int
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where} ({self.field})" if self.field else where


@dataclass
class YamlDoc:
    """A parsed file: its data and where each path in it was written."""

    file: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Where each scalar value is written, as character offsets into `text`: lets a check
    # point at a word inside a multi-line block (see bodies.py).
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    # The values written as blocks ('|' or '>'): a field indented into one is read as text.
    blocks: list[Loc] = field(default_factory=list)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Position of the longest prefix of `loc` present in the file."""
        for end in range(len(loc), -1, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                return pos
        return (1, 1)

    def place(self, loc: Loc) -> Place:
        line, column = self.locate(loc)
        return Place(self.file, line, column, dotted(loc))

    def issue(self, loc: Loc, message: str, hint: str = "") -> ContentIssue:
        line, column = self.locate(loc)
        return ContentIssue(self.file, line, column, dotted(loc), message, hint)

    def find(self, loc: Loc, needle: str, occurrence: int = 0) -> tuple[int, int] | None:
        """Line and column of `needle` as written in the value at `loc`, if it is there.

        None when the file writes it differently (an escape sequence in a quoted string, a
        word folded over two lines): the caller then points at the value itself.
        """
        span = self.spans.get(tuple(loc))
        if not span or not needle:
            return None
        start, end = span
        at = start - 1
        for _ in range(occurrence + 1):
            at = self.text.find(needle, at + 1, end)
            if at < 0:
                return None
        return position(self.text, at)


def position(text: str, at: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at offset `at` of `text`."""
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, so a 'billion laughs' file cannot expand."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in content files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


# libyaml, when PyYAML was built with it: some fifteen times faster than PyYAML's own
# parser, which stays the reference for anything unusual (see _compose).
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)
# How deeply lists and mappings may nest. Content files need a handful of levels; both
# composers recurse once per level, so a small file of nested brackets would otherwise
# exhaust Python's stack (RecursionError) or libyaml's C stack (a segmentation fault).
MAX_DEPTH = 64


class TooDeep(yaml.MarkedYAMLError):
    """Nesting deeper than MAX_DEPTH, found while reading events, before any composing."""


def _scan(text: str, loader: Any) -> bool:
    """Read the file's events (the parsers keep their own stacks and never recurse):
    refuse nesting deeper than MAX_DEPTH; return whether the file uses an alias."""
    depth, alias = 0, False
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                at: Any = event.start_mark  # libyaml's Mark or PyYAML's: the same fields
                raise TooDeep(
                    problem=f"lists and mappings nest more than {MAX_DEPTH} levels deep here",
                    problem_mark=at,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            alias = True
    return alias


def _compose(text: str) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    """The document's node tree, and the loader that constructs its scalars."""
    if _FAST_LOADER is not None:
        try:
            if not _scan(text, _FAST_LOADER):
                loader = _FAST_LOADER(text)
                try:
                    return loader.get_single_node(), loader
                finally:
                    loader.dispose()
        except TooDeep:
            raise
        except yaml.YAMLError:
            pass  # read again below, for PyYAML's own message and position
    else:
        _scan(text, yaml.SafeLoader)
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


# Each mistake PyYAML names: how it says it, our words for it (None: its own are plain
# enough), and how to fix it. A maintainer need never have read YAML's grammar.
_SYNTAX: list[tuple[re.Pattern[str], str | None, str]] = [
    (
        re.compile(r"nest more than"),
        None,
        "content files need only a few levels; look for brackets or indentation that run away.",
    ),
    (
        re.compile(r"anchors and aliases"),
        None,
        "write the value out in full in each place that needs it.",
    ),
    (
        re.compile(r"but found another document"),
        "a line '---' here starts a second document",
        "a content file has one document: delete the line '---'.",
    ),
    (
        re.compile(r"found character '\\t' that cannot start any token"),
        "a tab character here, where YAML reads only spaces as indentation",
        "indent with spaces, not tabs.",
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        "a second ': ' on this line, which YAML cannot read as part of the text",
        "put quotes around text that contains ': '.",
    ),
    (
        re.compile(r"expected <block end>, but found '[^']*'"),
        "this line does not line up with the fields around it",
        "start this line in the same column as the fields around it, with spaces.",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "this line is neither a field (name: value) nor part of the text above it",
        "check the indentation and that every key ends with ':'.",
    ),
]


def _explain(message: str, problem: str, context: str) -> tuple[str, str]:
    """The message and hint for a syntax error, in plain words where PyYAML's are not."""
    if context == "while scanning a block scalar":  # `key: | text`, `key: |x`
        return (
            "YAML syntax error: after | or > the text starts on the next line, not on this one.",
            "end the line with | (or >), and write the text on the lines below it, indented.",
        )
    for pattern, words, hint in _SYNTAX:
        if pattern.search(problem):
            return (pattern.sub(words, message, count=1) if words else message), hint
    return message, "check the indentation and quoting on this line or the one above."


# A line that starts a field or a list item, up to its value.
_LINE_START = r"^(?P<lead>[ ]*(?:-[ ]+)?)"
# `order:10`: without a space after the colon YAML reads one word, not a field and its value.
_NO_SPACE = re.compile(_LINE_START + r"(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/:].*)$")
# A value that opens a quote.
_QUOTED = re.compile(_LINE_START + r"(?:[A-Za-z_][\w-]*:[ ]+)?(?P<quote>[\"'])")
# `why_it_matters: [EFF](https://...) says`: YAML reads a value starting with [ as a list.
_LINK_FIRST = re.compile(_LINE_START + r"(?P<key>[A-Za-z_][\w-]*):[ ]+\[[^\]\n]*\]\(")
# `order 10`: a field's name, then its value without the colon between them (a field name is
# lowercase, so a line of stray prose is not taken for one).
_NO_COLON = re.compile(
    _LINE_START + r"(?P<key>[a-z_][a-z0-9_]*)(?:[ ]+(?P<value>(?:(?!:[ ]|:$).)*))?$"
)
_FIELD_START = re.compile(_LINE_START + r"[\"']?[A-Za-z_]")
# `key: value`, as a line that holds a field.
_FIELD = re.compile(_LINE_START + r"(?P<key>[A-Za-z_][\w-]*):(?:[ ]+(?P<value>.*))?$")
# What PyYAML says on the line below a field whose colon is missing.
_BELOW_A_MISSING_COLON = ("mapping values are not allowed here", "could not find expected ':'")
# `title: 'People's rights'`: the apostrophe ends the quoted text early.
_EARLY_END = re.compile(_LINE_START + r"(?:[A-Za-z_][\w-]*:[ ]+)?'[^']*'(?=[^\s#,\]}])")


class Cause(NamedTuple):
    """Where a syntax error really is, in plain words."""

    line: int
    column: int
    message: str
    hint: str
    meant: str = ""  # the text as it was meant, when the field's name can only be read so


def _likely_cause(text: str, line: int, exc: yaml.MarkedYAMLError) -> Cause | None:
    """(line, column, message, hint) for the mistakes behind most syntax errors,
    which PyYAML reports where it gave up: often a line or more below the cause."""
    lines = text.split("\n")
    opened = exc.context_mark
    flow = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}
    if exc.context in flow and opened and opened.line + 1 < line:
        start, end = flow[exc.context]
        return Cause(
            opened.line + 1,
            opened.column + 1,
            f"YAML syntax error: the {start} here has no closing {end} on this line.",
            f"end the list with {end} on the same line; or, to write one item per line, "
            f"delete the {start} and start each line with '- '."
            if start == "["
            else f"end it with {end} on the same line.",
        )
    if exc.context == "while scanning a quoted scalar" and opened:  # never closed
        at = opened.index
        return Cause(*_open_quote(opened.line + 1, opened.column + 1, text[at : at + 1] or '"'))
    starts = list(accumulate((len(x) + 1 for x in lines), initial=0))
    for number in range(min(line, len(lines)), 0, -1):
        quote = _closed_lines_below(text, lines[number - 1], starts[number - 1], line)
        if quote:
            return Cause(number, *quote)
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        match = _NO_SPACE.match(lines[number - 1])
        if match:
            key, value = match["key"], match["value"].rstrip()
            return Cause(
                number,
                len(match["lead"]) + 1,
                f"YAML syntax error: '{key}:{value}' has no space after the colon, so YAML "
                f"does not read '{key}' as a field.",
                f"add a space after the colon: {key}: {value}",
            )
    link = _LINK_FIRST.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if link:
        return Cause(
            line,
            len(link["lead"]) + 1,
            "YAML syntax error: a value that starts with [ is read as a list, and this one "
            "starts with a Markdown link.",
            f'put other words first, or quote the whole value: {link["key"]}: "[...](...) ..." '
            '(write \\" for a " inside it).',
        )
    missing = _missing_colon(lines, line, str(exc.problem))
    if missing:
        return missing
    over = _over_indented(lines, line, str(exc.problem))
    if over:
        return over
    early = _EARLY_END.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if early:
        return Cause(
            line,
            early.end(),
            "YAML syntax error: the apostrophe here ends the quoted text early.",
            "inside '...' write an apostrophe twice (''), or put the text in double quotes.",
        )
    return None


def _missing_colon(lines: list[str], line: int, problem: str) -> Cause | None:
    """`order 10`: a field whose colon is missing reads as text, and YAML gives up on a line
    below it. Found when the line above the error holds a field name and no colon, and starts
    in the column of a field beside it (above or at the error), or, a name alone, is the
    parent of the error's line."""
    if problem not in _BELOW_A_MISSING_COLON or not 1 < line <= len(lines):
        return None
    below = _FIELD_START.match(lines[line - 1])
    above = _line_above(lines, line)
    match = _NO_COLON.match(lines[above - 1]) if above else None
    if not below or not match:
        return None
    column = len(match["lead"])
    beside = _FIELD_START.match(lines[_line_above(lines, above) - 1]) if above > 1 else None
    if not (
        column == len(below["lead"])
        or (beside and column == len(beside["lead"]))
        or (not match["value"] and column < len(below["lead"]))
    ):
        return None
    key, value = match["key"], (match["value"] or "").rstrip()
    fixed = f"{key}: {value}" if value else f"{key}:"
    meant = "\n".join([*lines[: above - 1], match["lead"] + fixed, *lines[above:]])
    return Cause(
        above,
        column + 1,
        f"YAML syntax error: '{lines[above - 1].strip()}' has no ':' after '{key}', so YAML "
        "does not read it as a field.",
        f"add ':' after the field's name: {fixed}",
        meant,
    )


def _over_indented(lines: list[str], line: int, problem: str) -> Cause | None:
    """`  sources: [a]` under `confirmation: confirmed`, one step too far right: YAML reads
    it as more of that field's value, and gives up at its colon. Quoting, the usual cure
    for a second ': ', would publish the field as text."""
    if "mapping values are not allowed" not in problem or not 1 < line <= len(lines):
        return None
    here = _FIELD.match(lines[line - 1])
    above = _line_above(lines, line)
    field = _FIELD.match(lines[above - 1]) if above else None
    value = (field["value"] or "").strip() if field else ""
    if not here or not field or not value or value[:1] in "|>\"'[{&*!":
        return None
    column, beside = here.start("key"), field.start("key")
    if column <= beside:
        return None
    return Cause(
        line,
        column + 1,
        f"YAML syntax error: '{here['key']}:' is indented further than '{field['key']}:' on "
        f"line {above}, so YAML reads it as more of that field's value.",
        f"move '{here['key']}:' left to column {beside + 1}, in line with '{field['key']}:'.",
    )


def _line_above(lines: list[str], line: int) -> int:
    """The number of the nearest line above `line` that is neither blank nor a comment; 0."""
    return next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()[:1] not in ("", "#")), 0)


def _closed_lines_below(
    text: str, line_text: str, start: int, error_line: int
) -> tuple[int, str, str] | None:
    """(column, message, hint) of a quote that `line_text` opens and does not close,
    when the quote that closes it is on the line of the error: the lines between were read
    as its text."""
    match = _QUOTED.match(line_text)
    if not match:
        return None
    quote = match["quote"]
    end = start + match.end()
    while True:
        end = text.find(quote, end)
        if end < 0:
            return None
        if quote == '"' and _escaped(text, end):
            end += 1
        elif quote == "'" and text.startswith("''", end):
            end += 2
        else:
            break
    if end < start + len(line_text) or text.count("\n", 0, end) + 1 != error_line:
        return None
    return _open_quote(0, match.end(), quote)[1:]


def _open_quote(line: int, column: int, quote: str) -> tuple[int, int, str, str]:
    inside = 'write \\" for a " inside the text' if quote == '"' else "write '' for an apostrophe"
    return (
        line,
        column,
        f"YAML syntax error: the text opened with {quote} here has no closing {quote} on this "
        "line.",
        f"end it with {quote} on the same line ({inside}).",
    )


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes > 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def read_text(path: Path, rel: str) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ContentError(
            [
                ContentIssue(
                    rel,
                    1,
                    1,
                    "",
                    f"file is {size:,} bytes; the limit for a content file is {MAX_BYTES:,}.",
                    "split it or remove pasted binary data.",
                )
            ]
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [
                ContentIssue(
                    rel,
                    line,
                    column,
                    "",
                    f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}).",
                    "save the file as UTF-8 in your editor.",
                )
            ]
        ) from None
    return text


def read_yaml(path: Path, rel: str) -> YamlDoc:
    """Parse `path` (shown to users as `rel`) or raise ContentError."""
    text = read_text(path, rel)
    conflicts = [
        ContentIssue(
            rel,
            text.count("\n", 0, marker.start()) + 1,
            1,
            "",
            "a merge conflict marker was left in the file.",
            "keep the lines you want from each side and delete every <<<<<<<, ======= and "
            ">>>>>>> line.",
        )
        for marker in CONFLICT_MARKER.finditer(text)
    ]
    if conflicts:
        raise ContentError(conflicts)
    unseen = [_unseen_character(text, rel, found) for found in UNSEEN.finditer(text)]
    if unseen:
        raise ContentError(unseen)
    try:
        node, loader = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem or exc.context or "invalid YAML")
        message = f"{problem}." if isinstance(exc, TooDeep) else f"YAML syntax error: {problem}."
        found = None if isinstance(exc, TooDeep) else _likely_cause(text, line, exc)
        if found:
            line, col, message, hint = found[:4]
        else:
            message, hint = _explain(message, problem, str(exc.context))
        name = dotted(path_at(found.meant if found and found.meant else text, line))
        raise ContentError([ContentIssue(rel, line, col, name, message, hint)]) from None
    except yaml.reader.ReaderError as exc:
        raise ContentError([_forbidden_character(text, rel, exc)]) from None
    except yaml.YAMLError as exc:
        raise ContentError(
            [ContentIssue(rel, 1, 1, "", f"YAML error: {exc}.", "compare with a file that works.")]
        ) from None
    if node is None:
        comments = any(line.strip().startswith("#") for line in text.splitlines())
        raise ContentError(
            [
                ContentIssue(
                    rel,
                    1,
                    1,
                    "",
                    "file holds only comments." if comments else "file is empty.",
                    "copy an existing file of this kind as a start; a file the campaign may "
                    "do without (glossary.yml, countries.yml) can be deleted instead.",
                )
            ]
        )
    doc = YamlDoc(rel, None, text=text)
    issues: list[ContentIssue] = []
    doc.positions[()] = _mark(node)
    doc.data = _to_python(node, (), doc, issues, loader)
    if issues:
        raise ContentError(issues)
    return doc


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


# Characters YAML allows that nobody types on purpose and nobody sees: a zero-width space
# or word joiner (a word no search finds as typed), a byte-order mark inside the file, and
# the bidirectional embeddings and overrides that show text in another order than it is
# read. Marks readers need (U+200E/U+200F, ZWJ, ZWNJ, isolates) stay allowed.
UNSEEN = re.compile("[\u200b\u2060\ufeff\u202a-\u202e]")


def _unseen_character(text: str, rel: str, found: re.Match[str]) -> ContentIssue:
    line, column = position(text, found.start())
    char = found.group()
    name = unicodedata.name(char, "").lower()
    return ContentIssue(
        rel,
        line,
        column,
        dotted(path_at(text, line)),
        f"the text contains an invisible character, U+{ord(char):04X} ({name}).",
        "delete it: it comes with text pasted from a PDF, a word processor or a web page; if "
        "your editor does not show it, retype the word at this column.",
    )


def _forbidden_character(text: str, rel: str, exc: yaml.reader.ReaderError) -> ContentIssue:
    """A control character YAML refuses (often pasted in unseen), at its line and column."""
    line, column = position(text, max(0, min(exc.position, len(text))))
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return ContentIssue(
        rel,
        line,
        column,
        "",
        f"the file contains an invisible control character (U+{code:04X}) that YAML does not "
        "allow.",
        "delete it: such characters come with text pasted from a PDF, a word processor or a "
        "web page; if you cannot see it, retype the word around this column.",
    )


def _to_python(
    node: yaml.Node, loc: Loc, doc: YamlDoc, issues: list[ContentIssue], loader: yaml.SafeLoader
) -> Any:
    if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
        # A tag on a list or mapping would be ignored without a word: say so instead.
        issues.append(
            _node_issue(
                doc,
                node,
                loc,
                f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not "
                "allowed in content files.",
                "remove the tag (the text from '!' to the next space).",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = (
                _scalar(key_node, loc, doc, issues, loader)
                if isinstance(key_node, yaml.ScalarNode)
                else None
            )
            if not isinstance(key, str):
                issues.append(
                    _node_issue(
                        doc,
                        key_node,
                        loc,
                        "every key must be a plain word such as 'title'.",
                        "check the spelling of the field name before the ':'.",
                    )
                )
                continue
            here = (*loc, key)
            if key in out:
                first = doc.positions[here]
                issues.append(
                    _node_issue(
                        doc,
                        key_node,
                        here,
                        f"duplicate key '{key}' (first set on line {first[0]}).",
                        "keep one of the two and delete the other.",
                    )
                )
                continue
            doc.positions[here] = _mark(key_node)
            out[key] = _to_python(value_node, here, doc, issues, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.positions[(*loc, index)] = _mark(item)
            items.append(_to_python(item, (*loc, index), doc, issues, loader))
        return items
    doc.spans[loc] = (node.start_mark.index, node.end_mark.index)
    if getattr(node, "style", None) in ("|", ">"):
        doc.blocks.append(loc)
    return _scalar(node, loc, doc, issues, loader)


def _node_issue(doc: YamlDoc, node: yaml.Node, loc: Loc, message: str, hint: str) -> ContentIssue:
    """A problem with one node, placed where that node starts in the file."""
    line, column = _mark(node)
    return ContentIssue(doc.file, line, column, dotted(loc), message, hint)


def _refused_tag(doc: YamlDoc, node: yaml.Node, loc: Loc) -> ContentIssue:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return _node_issue(
        doc,
        node,
        loc,
        f"the YAML tag '{tag}' is not allowed in content files.",
        "remove the tag (the text from '!' to the next space).",
    )


def _scalar(
    node: yaml.Node, loc: Loc, doc: YamlDoc, issues: list[ContentIssue], loader: yaml.SafeLoader
) -> Any:
    if node.tag == "tag:yaml.org,2002:binary":  # bytes, which would pass for text silently
        issues.append(_refused_tag(doc, node, loc))
        return None
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        if "timestamp" not in node.tag:
            # PyYAML's words name its own internals ("constructor", "<unicode string>").
            issues.append(_refused_tag(doc, node, loc))
            return None
        detail = str(exc).rstrip(".")
        issues.append(
            _node_issue(
                doc,
                node,
                loc,
                f"'{node.value}' is not a valid date ({detail}).",
                "write dates as YYYY-MM-DD, e.g. 2024-12-24.",
            )
        )
        return None
