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
