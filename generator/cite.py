"""Ready-made citations of a concern page: plain text and BibTeX.

Both name the page's title, the site, the date it was last reviewed and its
permanent URL, so a citation still leads to the page after any rename.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from babel.dates import format_date

from .model import Concern, SiteInfo
from .permalinks import concern_url
from .slugs import slugify

# LaTeX meaning of characters that may appear in titles and names. Braces become
# commands, not \{ and \}: BibTeX counts those as braces, so a lone one would break the entry.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_ESCAPES)
_KEY_PREFIX_LENGTH = 24
# Never the last word of a key's prefix: 'un-cybercrime-convention', not '...-convention-the'.
_LINKING_WORDS = {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "de", "la", "le"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def reviewed_text(concern: Concern, locale: str = "en") -> str:
    return format_date(concern.last_reviewed, format="d MMMM y", locale=locale)


def citation_text(site: SiteInfo, concern: Concern) -> str:
    """One line a journalist can paste: who, what, where, when reviewed, and the URL.

    The URL comes last and alone, so no punctuation is glued to it.
    """
    title = cited_title(concern.title, "“")
    return (
        f"{site.publisher}. “{title}” {site.name}. "
        f"Last reviewed {reviewed_text(concern)}. {concern_url(site, concern)}"
    )


def bibtex_escape(value: str) -> str:
    return value.translate(_BIBTEX_TABLE)


def _bibtex_url(url: str) -> str:
    # BibTeX copies url fields verbatim, so characters it would read as syntax are encoded.
    return quote(url, safe=":/?&=#%@+,;~-._!$'()*[]")


def _key_prefix(name: str) -> str:
    """The site's name in a few whole words: 'un-cybercrime-convention'."""
    words = slugify(name, _KEY_PREFIX_LENGTH).split("-")
    while len(words) > 1 and words[-1] in _LINKING_WORDS:
        words.pop()
    return "-".join(w for w in words if w) or "site"


def bibtex_key(site: SiteInfo, concern: Concern) -> str:
    """Stays the same when the concern is renamed: it names the first slug it had."""
    return f"{_key_prefix(site.name)}:{concern.first_slug}"


def latex_quotes(value: str) -> str:
    """Straight quotes as LaTeX writes them: ``opening'' and `single', apostrophes kept."""
    if '"' not in value and "'" not in value:
        return value  # most text has none: every page's BibTeX passes here
    out = []
    for index, ch in enumerate(value):
        before = value[index - 1] if index else " "
        opening = before.isspace() or before in "([{-—–/"
        if ch == '"':
            out.append("``" if opening else "''")
        elif ch == "'" and opening:
            out.append("`")
        else:
            out.append(ch)
    return "".join(out)


# The quotation marks inside a title that a citation sets in `outer` ones: “ ” take ‘ ’;
# « » (French, Spanish, Arabic) take “ ”.
_INNER = {"“": ("‘", "’"), "«": ("“", "”")}
_QUOTED = re.compile(r'(^|[\s(\[{])(?:"([^"]*)"|«\s?([^«»]*?)\s?»|“([^“”]*)”)')


def cited_title(title: str, outer: str) -> str:
    """A title as a citation quotes it within `outer` quotation marks: the quotation marks
    inside it changed to the inner ones, and ending with a full stop."""
    left, right = _INNER.get(outer, _INNER["“"])
    title = _QUOTED.sub(
        lambda m: m[1] + left + next(g for g in m.groups()[1:] if g is not None) + right, title
    )
    return title if title[-1] in ".?!" else title + "."


def bibtex(
    site: SiteInfo,
    concern: Concern,
    reviewed: str | None = None,
    accessed: dt.date | None = None,
) -> str:
    """A @misc entry that BibTeX and biblatex both read; double braces keep capitals.

    `reviewed` is the note on the last review in the page's language ("Last reviewed
    <date>." in English by default); its full stop is left to the bibliography style.
    `accessed`, the day the page was read, is biblatex's urldate.
    """
    day = concern.last_reviewed
    note = (reviewed or f"Last reviewed {reviewed_text(concern)}").rstrip(".")
    fields = [
        ("author", "{{" + bibtex_escape(latex_quotes(site.publisher)) + "}}"),
        ("title", "{{" + bibtex_escape(latex_quotes(concern.title)) + "}}"),
        ("howpublished", "{" + bibtex_escape(latex_quotes(site.name)) + "}"),
        ("year", f"{{{day.year}}}"),
        ("month", _MONTHS[day.month - 1]),  # a BibTeX macro, so no braces
        ("date", f"{{{day.isoformat()}}}"),
        ("url", "{" + _bibtex_url(concern_url(site, concern)) + "}"),
        *([("urldate", f"{{{accessed.isoformat()}}}")] if accessed else []),
        ("note", "{" + bibtex_escape(latex_quotes(note)) + "}"),
    ]
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@misc{{{bibtex_key(site, concern)},\n{body}}}\n"
