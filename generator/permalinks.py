"""Public addresses: every absolute URL the site hands out is decided here.

Canonical links, citations, share cards, open data and the feed all take their
URLs from this module, so a concern can never be cited under one address and
shared under another. Paths are relative to the site root, without a leading
slash, as the docs tree and the engine use them.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from .model import Concern, SiteInfo

CARDS_DIR = "assets/cards"
SITE_CARD = f"{CARDS_DIR}/site.png"
# The branch whose history a concern's "change history" link shows.
HISTORY_BRANCH = "main"


def base_url(site: SiteInfo) -> str:
    return site.url.rstrip("/") + "/"


def absolute(site: SiteInfo, path: str) -> str:
    return base_url(site) + path.lstrip("/")


def concern_path(slug: str) -> str:
    return f"concerns/{slug}/"


def concern_url(site: SiteInfo, concern: Concern) -> str:
    return absolute(site, concern_path(concern.slug))


def letter_path(slug: str) -> str:
    """The concern's own letter on the action page."""
    return f"action/#letter-{slug}"


def card_path(slug: str) -> str:
    return f"{CARDS_DIR}/{slug}.png"


def history_url(site: SiteInfo, concern: Concern) -> str | None:
    """Every published change to the concern's YAML file, or None when no repository is public."""
    if not site.repository:
        return None
    return f"{site.repository.rstrip('/')}/commits/{HISTORY_BRANCH}/concerns/{concern.slug}.yml"


@functools.lru_cache(maxsize=1024)  # a letter is linked from its concern and the action page
def mailto(address: str, subject: str, body: str) -> str:
    """RFC 6068 link: everything percent-encoded, spaces as %20, newlines as %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
        f"&body={quote(body, safe='')}"
    )
