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
link, different Markdown settings) makes `convert` return None, and the engine converts
that page as before.

MkDocs calls it from its engine process (mkdocs_run.py, without making a Markdown
instance at all); Zensical, which makes one per page in its own code, through the
extension here (`generator.page_html` in its settings), which answers that instance's
`convert` when the instance is set up exactly as `convert` assumes.
"""

from __future__ import annotations

import functools
import re
from typing import Any, TypedDict

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import nest_toc_tokens, strip_tags
from markdown.util import parseBoolValue

from .html_blocks import HtmlBlocksExtension, block_end, paragraphs

# The extensions, and their settings, MkDocs converts the generator's pages with: its own
# (toc, tables, fenced_code) and the generator's (site.build_config).
EXTENSIONS = frozenset({"attr_list", "fenced_code", "tables", "toc"})
TOC_SETTINGS = {"permalink", "permalink_title"}
# Python-Markdown's own title for a permalink, when the settings give none.
DEFAULT_PERMALINK_TITLE = "Permanent link"
# Processors an engine adds that change nothing in a page (Zensical's keeps the page, for
# its other extensions to read).
INERT = {"zensical.extensions.context.ContextPreprocessor"}
# Processors that do for `convert`'s pages what the generator's extensions' do: Zensical's
# fences (pymdownx.superfences) instead of fenced_code, for pages without any fence.
ALIKE = {
    "pymdownx.superfences.SuperFencesBlockPreprocessor": (
        "markdown.extensions.fenced_code.FencedBlockPreprocessor"
    ),
    "pymdownx.superfences.SuperFencesCodeBlockProcessor": (
        "markdown.blockprocessors.CodeBlockProcessor"
    ),
}

# One heading as render._named_heading writes it. Its words (group 3) are read apart.
# Its id without '_', which Python-Markdown could read as emphasis across the attributes
# ("_-" and "_---name" make one) before attr_list reads them.
HEADING = re.compile(
    r'(#{2,6}) <span id="((?:[^\W_]|-)+)--name">([^\n]*)</span>'
    r' \{ #\2 aria-labelledby="\2--name" \}'
)
# The words of a heading that Python-Markdown leaves as they are: any character that
# starts no inline Markdown, a character escaped with a backslash that comes out as
# itself, and a character reference (Python-Markdown's ENTITY_RE), kept as written.
_ESCAPABLE = r"\\`*_{}\[\]()#+.!-"
WORDS = re.compile(
    rf"(?:[^`*_{{}}\[\]!<>\\&\n]|\\[{_ESCAPABLE}]|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)*"
)
ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
# What Python-Markdown's first steps would change: whitespace (NormalizeWhitespace), and
# a fence of a code block, which fenced_code (or superfences, anywhere in a line's
# indentation, a list or a quote) reads before any HTML is set aside.
UNNORMAL = ("\t", "\r", "\x02", "\x03", "```", "~~~")
SPACES_LINE = re.compile(r"^ +\n", re.M)
# What the permalink's symbol and title would need escaped in the HTML, and control
# characters (Python-Markdown's placeholders are made of two of them).
MARKUP = re.compile(r'[&<>"\x00-\x1f\x7f]')


class Converted(TypedDict):
    html: str
    toc_tokens: list[Any]  # Python-Markdown's own (md.toc_tokens), nested
    anchors: set[str]


def supported(extensions: list[Any], settings: dict[str, Any]) -> bool:
    """Whether MkDocs' Markdown settings are the ones `convert` reproduces: the generator's
    extensions (and the html_blocks one, an object), and only the permalink's settings."""
    named = {e for e in extensions if isinstance(e, str)}
    objects = [e for e in extensions if not isinstance(e, str)]
    toc = settings.get("toc", {})
    return (
        named == EXTENSIONS
        and all(type(e) is HtmlBlocksExtension for e in objects)
        and set(settings) <= {"toc"}
        and set(toc) <= TOC_SETTINGS
        and _plain_permalink(
            toc.get("permalink"), toc.get("permalink_title", DEFAULT_PERMALINK_TITLE)
        )
    )


def permalink_settings(settings: dict[str, Any]) -> tuple[str, str]:
    """The permalink's symbol and title `convert` takes, from `supported` settings."""
    toc = settings.get("toc", {})
    return toc["permalink"], toc.get("permalink_title", DEFAULT_PERMALINK_TITLE)


def _plain_permalink(symbol: object, title: object) -> bool:
    """A symbol Python-Markdown writes as it is (not one it reads as yes or no), and a
    title (None, which means none, is left to it); neither with anything HTML would
    need escaped."""
    return (
        isinstance(symbol, str)
        and parseBoolValue(symbol, False) is None
        and isinstance(title, str)
        and not MARKUP.search(symbol + title)
    )


def convert(text: str, permalink: str, permalink_title: str = "") -> Converted | None:
    """What Python-Markdown makes of `text` (a page without its front matter), with the
    generator's settings and the symbol and title of a heading's permalink (as
    `permalink_settings` gives them, from `supported` settings); None when the page holds
    anything but HTML blocks and headings."""
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
        end = block_end(parts, i, _reference()[0]) if part.startswith("<") else None
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
    if any(c in text for c in UNNORMAL):
        return False
    # Looked for only where it could be: a search of the whole page takes a while.
    maybe = text.startswith(" ") or "\n " in text
    return not (maybe and SPACES_LINE.search(text))


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


class ShortcutExtension(Extension):
    """For an engine that converts each page with a Markdown instance of its own
    (Zensical): a page of the generator's shape is answered by `convert`, when the
    instance is set up exactly as `convert` assumes; anything else by Python-Markdown.
    Python-Markdown's `md.toc` (the [TOC] marker's HTML) is not made: no page asks."""

    def extendMarkdown(self, md: Markdown) -> None:
        python_markdown = md.convert

        def shortcut(source: str) -> str:
            # Checked on each page, once every extension has registered its processors.
            settings = _shortcut_settings(md)
            converted = convert(source, *settings) if settings else None
            if converted is None:
                return python_markdown(source)
            md.toc_tokens = converted["toc_tokens"]  # type: ignore[attr-defined]
            return converted["html"]

        md.convert = shortcut  # type: ignore[method-assign]


def makeExtension(**kwargs: Any) -> ShortcutExtension:
    return ShortcutExtension(**kwargs)


def _shortcut_settings(md: Markdown) -> tuple[str, str] | None:
    """The permalink's symbol and title, when `md` converts exactly as `convert` assumes:
    the same processors as the generator's extensions register (and inert ones), the same
    escapes, block-level tags and output, and the table of contents' defaults but for
    the permalink. None otherwise."""
    reference, processors = _reference()
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None  # noqa: SIM401 - no .get
    if (
        toc is None
        or _processors(md) != processors
        or md.ESCAPED_CHARS != reference.ESCAPED_CHARS
        or md.block_level_elements != reference.block_level_elements
        or md.output_format != reference.output_format
        or md.tab_length != reference.tab_length
    ):
        return None
    symbol, title = getattr(toc, "use_permalinks", None), getattr(toc, "permalink_title", None)
    defaults = (
        getattr(toc, "base_level", None) == 0
        and (getattr(toc, "toc_top", None), getattr(toc, "toc_bottom", None)) == (1, 6)
        and getattr(toc, "permalink_class", None) == "headerlink"
        and not getattr(toc, "permalink_leading", True)
        and not getattr(toc, "use_anchors", True)
    )
    if not defaults or not _plain_permalink(symbol, title):
        return None
    assert isinstance(symbol, str) and isinstance(title, str)
    return symbol, title


def _processors(md: Markdown) -> list[list[str]]:
    """Every processor `md` runs, by its class, in order, but for inert ones."""
    registries = (
        md.preprocessors,
        md.parser.blockprocessors,
        md.treeprocessors,
        md.inlinePatterns,
        md.postprocessors,
    )
    names = [[f"{type(p).__module__}.{type(p).__qualname__}" for p in r] for r in registries]
    return [[ALIKE.get(name, name) for name in r if name not in INERT] for r in names]


@functools.cache
def _reference() -> tuple[Markdown, list[list[str]]]:
    """A Markdown instance set up as `convert` assumes (but for the permalink), and its
    processors: made once, compared with every page's instance. html_blocks.py asks it
    which tags are block-level."""
    md = Markdown(
        extensions=[*sorted(EXTENSIONS), HtmlBlocksExtension(), ShortcutExtension()],
        extension_configs={"toc": {"permalink": "#"}},
    )
    return md, _processors(md)
