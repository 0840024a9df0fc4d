"""Set the generated pages' HTML blocks aside before Python-Markdown looks for them.

The pages the generator writes are HTML blocks between Markdown headings. Python-Markdown
finds raw HTML by running an HTML parser over the whole page (its `html_block`
preprocessor), which took a quarter of MkDocs' time on a 1,000-concern campaign; most of
what it parses is HTML the generator wrote well-formed. This preprocessor runs just
before it and stores, in the same stash, each paragraph (a run of lines between blank
lines) that Python-Markdown would itself have stored whole: one or more complete HTML
blocks, each starting a line with a block-level tag and closing at the end of a line. The
page converts to the same HTML, byte for byte (tests/test_html_blocks.py checks every page
of this campaign in every language, and the golden and site-part tests the whole site).

Anything it is not sure of (comments, scripts, unclosed or unusual tags, entities without
their semicolon, Markdown beside the HTML) it leaves to Python-Markdown, and from the
first such paragraph that could change how the parser reads what follows, it leaves the
rest of the page too.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# A start or end tag as html.parser reads it when the page is well-formed: attribute
# values quoted, or bare and followed by a space or the tag's end. Groups: the end tag's
# slash, the name, the attributes, the slash of a self-closing tag.
TAG = re.compile(
    r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)"""
    r"""((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+(?=[\s>])))?)*)"""
    r"""\s*(/?)>"""
)
# Any '<' that html.parser would not read as plain text.
ANGLE = re.compile(r"<[a-zA-Z/!?]")
# What the parser reads in a mode of its own (comments, scripts...), md_in_html's switch,
# and references without their semicolon (html.parser would add one).
UNSURE = re.compile(
    r"<[!?]|<(?:script|style|xmp|plaintext)\b|\smarkdown\s*="
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*)(?![-.a-zA-Z0-9;])",
    re.I,
)
# <title> (an SVG's name) and <textarea> hold only text, which newer versions of
# html.parser read in a mode of its own: sure when that text holds no '<' before the end tag.
_TEXT_ONLY = re.compile(r"<(?:title|textarea)\b", re.I)
_TEXT_ONLY_CLOSED = re.compile(r"<(title|textarea)\b[^<>]*>[^<]*</\1>", re.I)
# Paragraphs are split at blank lines (and at the newlines a page may begin with).
_BLANK_LINES = re.compile(r"(\n\n+)")
# The most paragraphs (runs of lines between blank lines) one HTML block may span here; the
# largest the generator writes (the maintainers' field reference) spans 19.
MAX_PARAGRAPHS = 200
# A line that could start raw HTML, or anything that could carry the parser past a blank line.
RISKY = re.compile(r"(?:^|\n) {0,3}<|<[!?]|<(?:script|style|textarea|title)\b", re.I)


def paragraphs(text: str) -> list[str]:
    """`text` cut at its blank lines: paragraphs at even places, the blank lines between
    them at odd ones (newlines the text begins with count as blank lines)."""
    body = text.lstrip("\n")
    parts = _BLANK_LINES.split(body)  # a tenth of the time one pattern for both takes
    return ["", text[: len(text) - len(body)], *parts] if len(body) < len(text) else parts


def _stored_whole(text: str, md: Markdown) -> bool | None:
    """Would the html_block preprocessor store this text as complete HTML blocks, with
    nothing of it left to Markdown? None: not yet, a block is still open at its end."""
    if UNSURE.search(text):
        return False
    if _TEXT_ONLY.search(text) and len(_TEXT_ONLY.findall(text)) != len(
        _TEXT_ONLY_CLOSED.findall(text)
    ):
        return False
    tags = list(TAG.finditer(text))
    # Each tag starts at a '<'; as many tags as '<' means every '<' starts a tag we read.
    if not tags or len(tags) != len(ANGLE.findall(text)):
        return False
    stack: list[str] = []
    end = 0  # where the next block must start: the start of a line, outside any block
    for tag in tags:
        closing, name, attributes, slash = tag.groups()
        name = name.lower()
        if not stack:
            if tag.start() != end or closing or slash or name == "hr":
                return False
            # Python-Markdown reads a stored block's tag name up to a space or '>' only
            # (RawHtmlPostprocessor): after another space, "p\n" is no block-level name.
            if not md.is_block_level(name) or text[tag.end(2)] not in " >":
                return False
        if closing:
            if attributes or slash:
                return False
            if name in stack:
                while stack.pop() != name:
                    pass
            if not stack:
                end = tag.end()
                if end < len(text) and text[end] != "\n":
                    return False  # Markdown, or more HTML, on the same line
                end += 1
        elif not slash and name != "hr":
            stack.append(name)
    if stack:
        return None
    return end >= len(text)


def block_end(parts: list[str], start: int, md: Markdown) -> int | None:
    """The last paragraph of the HTML blocks that begin at `parts[start]` (a page's
    `paragraphs`), when html_block would store all of them whole (a block may hold
    blank lines); None when it would not."""
    # Each try reads the block from its start again: past MAX_PARAGRAPHS, the block and
    # the rest of the page are left to Python-Markdown, whose own pass is linear.
    last = min(len(parts), start + 2 * MAX_PARAGRAPHS)
    for end in range(start, last, 2):
        whole = _stored_whole("".join(parts[start : end + 1]), md)
        if whole is not None:
            return end if whole else None
    return None


class StashHtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parts = paragraphs("\n".join(lines))
        i = 0
        while i < len(parts):
            end = block_end(parts, i, self.md) if parts[i].startswith("<") else None
            if end is not None:
                # As html_block stores a block followed by a blank line: with one newline.
                block = "".join(parts[i : end + 1])
                parts[i : end + 1] = [self.md.htmlStash.store(block + "\n")]
            elif RISKY.search(parts[i]):
                break
            i += 2
        return "".join(parts).split("\n")


class HtmlBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(StashHtmlBlocks(md), "tx_html_blocks", 21)


def makeExtension(**kwargs: object) -> HtmlBlocksExtension:
    return HtmlBlocksExtension(**kwargs)
