"""Turn a title into a slug: the permanent, readable part of a page's address."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """'Forcing engineers to break security!' -> 'forcing-engineers-to-break-security'.

    Accents are dropped rather than percent-encoded so that an address stays
    readable when it is pasted into an email or read aloud.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "-".join(words)[:max_length].strip("-")


# Names the site gives its own pages, folders and files. A concern's slug or alias may not
# take one: `index` would replace the list of concerns (concerns/index), and the others are
# kept free so that a concern's address can never be mistaken for a page of the site.
# tests/test_outputs.py checks that every top-level name of a built site is listed here.
RESERVED_SLUGS = frozenset(
    {
        "404",
        "about",
        "action",
        "articles",
        "assets",
        "briefing",
        "concerns",
        "countries",
        "data",
        "feed",
        "glossary",
        "index",
        "maintainers",
        "open-data",
        "recommendations",
        "search",
        "sitemap",
        "timeline",
    }
)
