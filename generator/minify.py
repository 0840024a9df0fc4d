"""The generator's own stylesheet and scripts as readers get them: without comments and
the spaces between tokens.

The files in generator/theme/assets/ keep their comments, which say why a rule or a line
is there; a reader on a slow network need not download them (4 kB of a concern page's
77 kB, gzip). rcssmin and rjsmin remove only what cannot change what the code does.
A campaign's own files (docs/assets/) are published as they are.
"""

from __future__ import annotations

import re

import rcssmin
import rjsmin

# Where spaces and line breaks are the text itself, or code.
_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENTED = re.compile(r"[ \t]*\n\s*")


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
    <textarea>, <script> and <style> nothing changes: there the spaces are the text."""
    parts = _KEPT.split(html)  # text, then a kept element and its tag's name, in turn
    texts, kept = parts[::3], [*parts[1::3], ""]
    return "".join(
        _INDENTED.sub("\n", text) + element for text, element in zip(texts, kept, strict=True)
    )
