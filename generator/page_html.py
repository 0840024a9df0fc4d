"""A generated page's HTML, table of contents and anchors, made without Python-Markdown.

A page the generator writes is HTML blocks between headings of one shape (render.py's
_named_heading), for example:

    <div class="tx-prose">
    <p>…</p>
    </div>

    ## <span id="sources--name">Sources</span> { #sources aria-labelledby="sources--name" }

Python-Markdown, run by MkDocs on every page with the generator's extensions, turns this
into the same blocks and an <h2> with a permalink; on a 1,000-concern campaign that was
two fifths of MkDocs' time, most of it spent building, walking and serialising a tree for
markup that was written out already. `convert` produces the very same result directly:
the HTML, byte for byte, the table of contents and the anchors a page holds
(tests/test_page_html.py compares every page of every test campaign with Python-Markdown's).

Only pages of that shape: anything else (a campaign's hand-written page, a block
html_blocks.py is unsure of, Markdown between the blocks, a heading with emphasis or a
link, different Markdown settings) makes `convert` return None, and MkDocs converts that
page as before.
"""

from __future__ import annotations

import functools
import re
from typing import Any, TypedDict

from markdown import Markdown
from markdown.extensions.toc import nest_toc_tokens, strip_tags

from .html_blocks import block_end, paragraphs

# The extensions, and their settings, MkDocs converts the generator's pages with: its own
# (toc, tables, fenced_code) and the generator's (site.build_config).
EXTENSIONS = frozenset({"attr_list", "fenced_code", "tables", "toc"})
TOC_SETTINGS = {"permalink", "permalink_title"}

# One heading as render._named_heading writes it. Its words (group 3) are read apart.
HEADING = re.compile(
    r'(#{2,6}) <span id="([\w-]+)--name">([^\n]*)</span> \{ #\2 aria-labelledby="\2--name" \}'
)
# The words of a heading that Python-Markdown leaves as they are: any character that
# starts no inline Markdown, a character escaped with a backslash that comes out as
# itself, and a character reference (Python-Markdown's ENTITY_RE), kept as written.
_ESCAPABLE = r"\\`*_{}\[\]()#+.!-"
WORDS = re.compile(
    rf"(?:[^`*_{{}}\[\]!<>\\&\n]|\\[{_ESCAPABLE}]|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)*"
)
ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
# What Python-Markdown's first steps would change: whitespace (NormalizeWhitespace) and
# a fenced code block (fenced_code reads the page before any HTML is set aside).
UNNORMAL_CHARACTERS = ("\t", "\r", "\x02", "\x03")
UNNORMAL_LINE = re.compile(r"^(?: +\n|~~~|```)", re.M)
# What the permalink's symbol and title would need escaped in the HTML.
MARKUP = re.compile(r'[&<>"\n]')


class Converted(TypedDict):
    html: str
    toc_tokens: list[Any]  # Python-Markdown's own (md.toc_tokens), nested
    anchors: set[str]


def supported(extensions: list[Any], settings: dict[str, Any]) -> bool:
    """Whether MkDocs' Markdown settings are the ones `convert` reproduces: the generator's
    extensions (and the html_blocks one, an object), and only the permalink's settings."""
    named = {e for e in extensions if isinstance(e, str)}
    toc = settings.get("toc", {})
    words = [toc.get("permalink"), toc.get("permalink_title", "")]
    return (
        named == EXTENSIONS
        and set(settings) <= {"toc"}
        and set(toc) <= TOC_SETTINGS
        and all(isinstance(w, str) and not MARKUP.search(w) for w in words)
    )


def convert(text: str, permalink: str, permalink_title: str = "") -> Converted | None:
    """What Python-Markdown makes of `text` (a page without its front matter), with the
    generator's settings (`supported` ones: the symbol and title of a heading's permalink);
    None when the page holds anything but HTML blocks and headings."""
    if not text.strip() or not _normal(text):
        return None
    parts = paragraphs(text + "\n\n")
    pieces: list[str] = []
    tokens: list[Any] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if not part:
            i += 2
            continue
        end = block_end(parts, i, _markdown()) if part.startswith("<") else None
        if end is not None:
            pieces.append("".join(parts[i : end + 1]) + "\n")
            i = end + 2
            continue
        heading = _heading(part, permalink, permalink_title)
        if heading is None:
            return None
        html, token = heading
        pieces.append(html)
        tokens.append(token)
        i += 2
    anchors = {token["id"] for token in tokens}
    return Converted(
        html="\n".join(pieces).strip(),
        toc_tokens=nest_toc_tokens(tokens),  # which takes the list apart
        anchors=anchors,
    )


def _normal(text: str) -> bool:
    if any(c in text for c in UNNORMAL_CHARACTERS):
        return False
    # Looked for only where it could be: a search of the whole page takes a while.
    maybe = text.startswith((" ", "~~~", "```")) or any(
        s in text for s in ("\n ", "\n~~~", "\n```")
    )
    return not (maybe and UNNORMAL_LINE.search(text))


def _heading(line: str, permalink: str, permalink_title: str) -> tuple[str, dict[str, Any]] | None:
    match = HEADING.fullmatch(line)
    if match is None or WORDS.fullmatch(match[3]) is None:
        return None
    hashes, anchor, words = match.groups()
    level = len(hashes)
    inner = '<span id="{}--name">{}</span>'.format(anchor, ESCAPE.sub(r"\1", words))
    title = f' title="{permalink_title}"' if permalink_title else ""
    link = f'<a class="headerlink" href="#{anchor}"{title}>{permalink}</a>'
    html = f'<h{level} aria-labelledby="{anchor}--name" id="{anchor}">{inner}{link}</h{level}>'
    token = {
        "level": level,
        "id": anchor,
        "name": strip_tags(inner),
        "html": inner,
        "data-toc-label": "",
    }
    return html, token


@functools.cache
def _markdown() -> Markdown:
    """What html_blocks.py asks of Python-Markdown (which tags are block-level)."""
    return Markdown()
