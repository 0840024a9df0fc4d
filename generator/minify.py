"""The generator's own stylesheet and scripts as readers get them: without comments and
the spaces between tokens.

The files in generator/theme/assets/ keep their comments, which say why a rule or a line
is there; a reader on a slow network need not download them (4 kB of a concern page's
77 kB, gzip). rcssmin and rjsmin remove only what cannot change what the code does.
A campaign's own files (docs/assets/) are published as they are.
"""

from __future__ import annotations

import json
import re

import rcssmin
import rjsmin

# Where spaces and line breaks are the text itself, or code.
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# What `_unindented` removes: the spaces before a line break, and all the space after it.
INDENTED = re.compile(r"[ \t]*\n\s*")
# A mark only the engine's search reads, while it builds the index: no reader's browser
# needs it (some ten on a concern page). Only ever inside a tag, never in its text.
SEARCH_ONLY = re.compile(r"(<[a-zA-Z][^<>]*?) data-search-exclude(?:=\"\")?(?=[\s/>])")
_MARK = re.compile(r" data-search-exclude(?:=\"\")?(?=[\s/>])")


def published(name: str, data: bytes) -> bytes:
    """`data`, the file `name` of the generator's assets, as the site publishes it."""
    if name.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    if name.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    return data


def page(html: str) -> str:
    """A built page without the theme's indentation and blank lines: each line break with
    the spaces and blank lines around it becomes one line break, which HTML reads as the
    same one space (a fifth of a concern page's size, 0.4 kB gzip). Inside <pre>,
    <textarea>, <script> and <style> nothing changes: there the spaces are the text.
    The search index is built by then, so the marks it alone reads go too."""
    parts = _KEPT.split(html)  # text, then a kept element and its tag's name, in turn
    texts, kept = parts[::3], [*parts[1::3], ""]
    return "".join(
        _without_search_marks(_unindented(text)) + element
        for text, element in zip(texts, kept, strict=True)
    )


def _unindented(text: str) -> str:
    """INDENTED.sub("\n", text), line by line: a third of the time the pattern takes."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    kept = [lines[0].rstrip(" \t")]
    for line in lines[1:-1]:
        if line := line.lstrip().rstrip(" \t"):
            kept.append(line)
    last = lines[-1].lstrip()
    # A last line of spaces goes with the line break before it, which stays.
    return "\n".join(kept) + "\n" + last


def _without_search_marks(text: str) -> str:
    """`text` without the marks SEARCH_ONLY finds, however many a tag has (the pattern
    takes one a pass), faster: each mark is found by its own words, then removed when it
    stands inside a tag (after a '<' and a letter, with no '>' between)."""
    out, start = [], 0
    for found in _MARK.finditer(text):
        opening = text.rfind("<", 0, found.start())
        if (
            opening >= 0
            and text.find(">", opening, found.start()) < 0
            and text[opening + 1 : opening + 2].isascii()
            and text[opening + 1 : opening + 2].isalpha()
        ):
            out.append(text[start : found.start()])
            start = found.end()
    return "".join(out) + text[start:] if out else text


# The theme's settings for its script, as JSON in every page.
_SETTINGS = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# What no page of ours uses: the words of the theme's code-copy buttons (a campaign's
# Markdown cannot ask for one) and of its version picker, and the empty settings of
# annotations, tags and versions, which its script reads as absent when missing.
_UNUSED_WORDS = ("clipboard.copy", "clipboard.copied", "select.version")
_UNUSED_SETTINGS = ("annotate", "tags", "version")
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def theme_settings(html: str) -> str:
    """A page with the theme's settings less what no page uses, written compactly (some
    100 bytes gzip on every page). A page without them is returned as it is."""

    def trimmed(found: re.Match[str]) -> str:
        settings = json.loads(found[2])
        for name in _UNUSED_SETTINGS:
            if settings.get(name) is None:
                settings.pop(name, None)
        words = settings.get("translations") or {}
        for name in _UNUSED_WORDS:
            words.pop(name, None)
        compact = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
        # Inside <script>, as Jinja's tojson writes it: no "</script>" or "<!--" can form.
        for char, escaped in _HTML_SAFE.items():
            compact = compact.replace(char, escaped)
        return found[1] + compact + found[3]

    return _SETTINGS.sub(trimmed, html, count=1)
