"""French punctuation spacing, set on a rendered French page's text.

French sets a space before the two-part marks and inside guillemets, one that never
breaks from the mark: "Pourquoi ?", « texte », "Signé : non". Writers type a plain
space (which can leave a "?" alone at the start of a line) or none, and sentences put
together from parts ("{country}: {status}") have none. So each French page's text is set
once, after the templates have run: a narrow no-break space (U+202F) before ; ! ? and
inside « », a no-break space (U+00A0) before :, as the Imprimerie nationale's rules have
it. Only text is touched: never a tag or its attributes (addresses, ids), never code,
a script or a style, never text marked as another language (an untranslated English
block), never a character reference (&amp;), and never a mark that no space or word
precedes ("https://", "10:30", "?q=1").
"""

from __future__ import annotations

import html
import re

NARROW = "\u202f"  # before ; ! ? and inside « »
NO_BREAK = "\u00a0"  # before :
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>|&#?\w+;|`[^`\n]*`)", re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]+)""")
# Preformatted text that is prose, not code: a letter to copy keeps its lines as written,
# and is set like the rest of the page.
_PROSE = re.compile(r"""\sclass\s*=\s*["'][^"']*\btx-letter\b""")
# A word, a figure or a closing mark before the punctuation; a space, the end of the text
# or a closing mark after it: "pays?" and "pays ?" are set, "/?q=1" and "10:30" are not.
_BEFORE = r"(?<=[\w)\]»”’*])"
_AFTER = r"(?=[\s)\]»”’*]|$)"
_RULES = [
    (re.compile(rf"(?:[ \t]+|{_BEFORE})([;!?]){_AFTER}"), lambda m: NARROW + m[1]),
    (re.compile(rf"(?:[ \t]+|{_BEFORE}):{_AFTER}"), lambda _: NO_BREAK + ":"),
    (re.compile(r"«(?:[ \t]+|(?=[^\s\u00a0\u202f]))"), lambda _: "«" + NARROW),
    (re.compile(r"(?:[ \t]+|(?<=[^\s\u00a0\u202f]))»"), lambda _: NARROW + "»"),
]


def french_spacing(text: str, before: str = "") -> str:
    """Plain text (no markup) with French spacing around its punctuation; `before` is the
    character the reader sees just before it (the end of the previous bit of text, across
    a tag: "<strong>Signé</strong>: non")."""
    text = before + text
    for pattern, replace in _RULES:
        text = pattern.sub(replace, text)
    return text[len(before) :]


def french_page(body: str) -> str:
    """A rendered page's body (Markdown and HTML) with French spacing in its French text.
    Its front matter is not given here: render.py sets that aside, and its text values are
    set where they are written."""
    out: list[str] = []
    # Open elements, each with whether its text is left alone.
    open_: list[tuple[str, bool]] = []
    last = ""  # the last character of text so far
    for index, part in enumerate(_TOKENS.split(body)):
        skipping = bool(open_) and open_[-1][1]
        if index % 2 == 0:  # text between tags
            out.append(part if skipping or not part else french_spacing(part, last))
            last = part[-1:] or last
            continue
        out.append(part)
        tag = _TAG.match(part)
        if not tag:  # a comment, a character reference, a code span
            last = html.unescape(part)[-1:] if not part.startswith("<") else last
            continue
        closing, name = tag[1] == "/", tag[2].lower()
        if closing:
            for depth in range(len(open_) - 1, -1, -1):
                if open_[depth][0] == name:
                    del open_[depth:]
                    break
        elif name not in VOID and not part.rstrip().endswith("/>"):
            lang = _LANG.search(part)
            other = lang is not None and not lang[1].lower().startswith("fr")
            code = name in SKIP and not (name == "pre" and _PROSE.search(part))
            open_.append((name, skipping or code or other))
    return "".join(out)


def wants_french_spacing(language: str) -> bool:
    """French as set in France, Belgium, Switzerland and Africa; Canadian French puts no
    space before ; ! ?, so it is left as written."""
    return language.split("-")[0].lower() == "fr" and language.lower() != "fr-ca"
