"""Turn content text into safe HTML.

Markdown fields are rendered with raw HTML switched off and only https, mailto,
in-page links and links to the site's own pages allowed, so nothing a content file
says can run as script. Images are switched off too: an image from another host
would tell that host who reads the page. `validate` reports whatever is refused
here (bodies.py), so nothing is dropped without the maintainer knowing.

One attribute may be set, the language of a few words written in another one, so that a
screen reader reads them with the right voice (WCAG 3.1.2): `«[a quote]{lang=en}»`, or
`[EFF](https://www.eff.org){lang=en}`. It comes out as `lang` with the direction its
language is written in (`dir`), which keeps a Latin quote in order in Arabic text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup, escape
from mdit_py_plugins.attrs import attrs_plugin

from .i18n import babel_locale, direction

_SAFE_SCHEMES = {"https", "mailto"}


@dataclass(frozen=True)
class SiteLinks:
    """How one page writes a link to a page of the site given from the root (/about/).

    Relative to the page, so that the site works at any address and a translated page
    links to the same language's page; what is published once, in the source language
    only, is reached from the site's root instead.
    """

    here: str = ""  # from the page to its language's root, e.g. "../../"
    root: str = ""  # from the page to the site's root
    source_only: tuple[str, ...] = ()  # paths published only at the site's root

    def href(self, target: str) -> str:
        path = target.lstrip("/")
        prefix = self.root if self.source_only and path.startswith(self.source_only) else self.here
        return (prefix + path) or "./"


def _site_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def _safe_link(url: str) -> bool:
    url = url.strip()
    if url.startswith("#") or _site_path(url):
        return True
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    return urlsplit(cleaned).scheme.lower() in _SAFE_SCHEMES


def _link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = token.attrGet("href")
    links = env.get("links") if isinstance(env, dict) else None
    if links is not None and isinstance(href, str) and _site_path(href):
        token.attrSet("href", links.href(href))
    return self.renderToken(tokens, idx, options, env)


# `[words]{lang=en}`, and the same after a link; any other attribute is dropped.
LANGUAGE_MARKS = {"after": ("link_close", "span_close"), "spans": True, "allowed": ("lang",)}


def canonical_language(value: str) -> str | None:
    """The language code `value` names as screen readers expect it (en, pt-BR, zh-Hant:
    "eng" or "EN" become "en"), or None if Babel knows no such language."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value):
        return None
    try:
        locale = babel_locale(value)
    except ValueError:
        return None
    # "eng" is English, not the United States' English that Babel fills in.
    return locale.language if "-" not in value else str(locale).replace("_", "-")


def language_code(value: str) -> bool:
    """Whether `value` is a language code written as screen readers expect it."""
    return canonical_language(value) == value


def _language_direction(state: StateCore) -> None:
    """A language mark gets its direction; one that names no language is dropped."""
    for block in state.tokens:
        for token in block.children or ():
            code = token.attrs.get("lang")
            if not isinstance(code, str):
                continue
            if language_code(code):
                token.attrSet("dir", direction(code))
            else:
                del token.attrs["lang"]


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    attrs_plugin(md, **LANGUAGE_MARKS)  # type: ignore[arg-type]
    md.core.ruler.push("language_direction", _language_direction)
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    return md


_MD = _parser()


# The same text is rendered for its page, the feed and the open data: do it once.
@functools.lru_cache(maxsize=8192)
def block(text: str | None, links: SiteLinks | None = None) -> Markup:
    """Markdown paragraphs, lists and links, as HTML."""
    if not text:
        return Markup("")
    html = _MD.render(text, {"links": links})
    return Markup(html.strip())  # noqa: S704 - markdown-it escapes; html is off


@functools.lru_cache(maxsize=8192)
def inline(text: str | None, links: SiteLinks | None = None) -> Markup:
    """Markdown inside one line (emphasis, links), without a paragraph around it."""
    if not text:
        return Markup("")
    return Markup(_MD.renderInline(text, {"links": links}))  # noqa: S704 - as above


def text(value: object) -> Markup:
    return escape(str(value))
