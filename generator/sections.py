"""A long Markdown text cut at its '## ' headings, each part with a stable anchor.

The About page's text is written by the campaign with its own headings. Each becomes a
section of the page like the ones the templates write ("## Words { #anchor }"), so a
reader can link to one, and the table of contents lists it. Anchors come from the
source language's headings, so /about/#the-other-side and /fr/about/#the-other-side are
the same section, and they do not change when a translation rewords a heading.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .slugs import slugify

# Only block structure matters here: which lines are level-2 headings, and where.
_PARSER = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    body: str


def split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first level-2 heading, then each heading and the text under it.

    Headings inside fenced code or quotes are text; deeper headings (###) stay in their
    section."""
    lines = text.splitlines()
    tokens = _PARSER.parse(text)
    found = [  # (first line, line after it, words) of each top-level h2
        (token.map[0], token.map[1], tokens[index + 1].content.strip())
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0 and token.map
    ]
    if not found:
        return text.strip(), []
    ends = [start for start, _, _ in found[1:]] + [len(lines)]
    intro = lines[: found[0][0]]
    parts = [
        (words, "\n".join(lines[after:end]).strip())
        for (_, after, words), end in zip(found, ends, strict=True)
    ]
    return "\n".join(intro).strip(), parts


def headings(text: str | None) -> tuple[str, ...]:
    """The '## ' headings of a text, in order."""
    return tuple(h for h, _ in split(text or "")[1])


def fold(text: str) -> str:
    """A heading as compared: no accents or Arabic vowel marks, case and spaces folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def cut(text: str, source_headings: tuple[str, ...], taken: set[str]) -> list[Section]:
    """`text` (perhaps a translation) as sections. A section's anchor is the slug of the
    source language's heading at its place when the translation has as many headings,
    else of its own; never one of `taken`, and never one twice. The text before the first
    heading is a section with no heading and no anchor."""
    # Keep the text's own type: a str subclass marks text not yet translated.
    same = type(text) if isinstance(text, str) else str
    intro, parts = split(text)
    sources = source_headings if len(source_headings) == len(parts) else ()
    used = set(taken)
    out = [Section("", "", same(intro))] if intro else []
    for index, (heading, body) in enumerate(parts):
        base = slugify(sources[index] if sources else heading) or f"section-{index + 1}"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out.append(Section(anchor, same(heading), same(body)))
    return out
