"""Every language of a campaign, rendered: one engine-neutral docs tree per language.

The source language's pages stay at the site's root, where they have always been; each
translation gets a subtree (fr/, es/, ar/) with the same page paths, so /concerns/<slug>/
and /fr/concerns/<slug>/ are the same concern. Nothing here knows a site engine.
"""

from __future__ import annotations

from . import tracker
from .i18n import OWN_MESSAGES, Edition, template_messages
from .model import Campaign
from .render import (
    CONFIRMATION_LABELS,
    ENGINE_MESSAGES,
    NAV,
    SEARCH_DIALOG,
    STATUS_LABELS,
    TEMPLATES,
)
from .translations import Content


def editions(content: Content) -> dict[str, tuple[Edition, Campaign]]:
    """Language code -> the edition to render and its campaign, source language first."""
    languages = content.languages if content.translations else ()
    out = {content.source.code: (Edition(content.source, languages), content.campaign)}
    for translation in content.translations:
        out[translation.language.code] = (
            Edition(translation.language, languages),
            translation.campaign,
        )
    return out


def ui_messages() -> dict[str, str | None]:
    """Every UI string a page can show: msgid -> its English plural (or None)."""
    found = template_messages(TEMPLATES)
    for text in [*(title for title, _ in NAV), *STATUS_LABELS.values()]:
        found.setdefault(text, None)
    for text in [
        *CONFIRMATION_LABELS.values(),
        *OWN_MESSAGES,
        *ENGINE_MESSAGES,
        *SEARCH_DIALOG.values(),
        *tracker.UI_MESSAGES,
    ]:
        found.setdefault(text, None)
    return found
