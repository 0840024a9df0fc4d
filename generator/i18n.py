"""Languages, and the generator's own words in each of them.

Content text is translated by the campaign's translation files (see translations.py).
This module handles everything else a page says (headings, labels, notices, dates) and
how text that is not yet translated is marked on a page. It knows no site engine.

UI strings live in generator/locales/<lang>.yml, keyed by the English text itself, so a
reviewer sees the original and the translation side by side. A missing string falls back
to English.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from markupsafe import Markup, escape

from . import resources
from .errors import ContentError, ContentIssue
from .yamlsrc import read_yaml

LOCALES = resources.LOCALES
SOURCE_UI_LANGUAGE = "en"  # the language the generator's own strings are written in
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
Direction = Literal["ltr", "rtl"]


class Untranslated(str):
    """Content text shown in the source language because its translation is missing.

    A plain str everywhere (sorting, front matter, mailto links); only where a page
    prints it as HTML does it get its language attribute and the visible mark.
    """


class Message(str):
    """A UI sentence: plain text as a str, its marked-up form when printed in a page."""

    html: str
    fallback: bool  # shown in English because the language has no translation of it

    def __new__(cls, plain: str, html: str, fallback: bool = False) -> Message:
        obj = super().__new__(cls, plain)
        obj.html = html
        obj.fallback = fallback
        return obj

    def __html__(self) -> Markup:
        return Markup(self.html)  # noqa: S704 - built from escaped text in UI._format


@dataclass(frozen=True)
class Language:
    """One language the site is published in."""

    code: str
    name: str  # the language's name in itself, as the language switcher shows it
    direction: Direction = "ltr"
    status: Literal["source", "draft", "reviewed"] = "source"
    note: str | None = None
    folder: str = ""  # where its pages live: "" for the source language, else "fr/"
    url: str = ""  # absolute address of its home page, ending in "/"


@dataclass(frozen=True)
class Edition:
    """The language a set of pages is rendered in, and every language of the site."""

    language: Language
    languages: tuple[Language, ...] = field(default=())  # empty: a one-language site

    @property
    def source(self) -> Language:
        return self.languages[0] if self.languages else self.language

    @classmethod
    def single(cls, code: str) -> Edition:
        return cls(Language(code, native_name(code), direction(code)))


def babel_locale(code: str) -> Locale:
    """Babel's locale for a code such as 'fr', 'pt-BR' or 'zh-Hant'; raise ValueError."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        # The library's own words ("unknown locale 'qq'") would mean nothing to an editor.
        raise ValueError(f"'{code}' is not a language code the generator knows") from None


def known_locale(code: str) -> Locale:
    """Babel's locale for `code`, or English's: rendering never fails on a language code."""
    try:
        return babel_locale(code)
    except ValueError:
        return babel_locale(SOURCE_UI_LANGUAGE)


def direction(code: str) -> Direction:
    order = known_locale(code).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def native_name(code: str) -> str:
    locale = known_locale(code)
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


# --- catalogues ---------------------------------------------------------------------------

Entry = str | dict[str, str]


def catalogue_path(code: str) -> Path:
    return LOCALES / f"{code}.yml"


@functools.cache
def catalogue(code: str) -> Mapping[str, Entry]:
    """The UI strings of one language; empty for English and for a language without a file."""
    path = catalogue_path(code)
    if code == SOURCE_UI_LANGUAGE or not path.is_file():
        return {}
    rel = f"generator/locales/{path.name}"
    doc = read_yaml(path, rel)
    if not isinstance(doc.data, dict):
        raise ContentError(
            [
                doc.issue(
                    (),
                    "a catalogue is 'English: translation' lines.",
                    "write one line per text, as the other files in generator/locales/ do.",
                )
            ]
        )
    issues = [issue for key, value in doc.data.items() for issue in _check_entry(doc, key, value)]
    if issues:
        raise ContentError(issues)
    return doc.data


def _check_entry(doc: Any, key: str, value: object) -> list[ContentIssue]:
    wanted = set(PLACEHOLDER.findall(key))
    if isinstance(value, str):
        forms = {"": value}
    elif isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_CATEGORIES):
        forms = {f".{k}": v for k, v in value.items()}
    else:
        return [
            doc.issue(
                (key,),
                "a translation is a text, or for a count a mapping of plural forms.",
                f"plural forms are {', '.join(PLURAL_CATEGORIES)}; 'other' is required.",
            )
        ]
    issues = []
    for suffix, text in forms.items():
        used = set(PLACEHOLDER.findall(text)) if isinstance(text, str) else None
        # A plural form may leave the number out ("one concern"), never anything else.
        optional = {"count"} if suffix else set()
        if used is None or not (wanted - optional <= used <= wanted):
            shown = ", ".join(f"{{{w}}}" for w in sorted(wanted)) or "none"
            issues.append(
                doc.issue(
                    (key,),
                    f"the translation{suffix} must use the same placeholders as the English "
                    f"({shown}).",
                    "keep every {name} as it is; only move it where the language needs it.",
                )
            )
    return issues


# --- formatting -----------------------------------------------------------------------------


# The months as UN documents in Arabic write them: the Levantine name, then the one used in
# Egypt and the Maghreb ("كانون الأول/ديسمبر"), so that every Arabic reader knows the month.
# CLDR gives only the second (and "يونيو", "يوليو" where the UN writes "يونيه", "يوليه").
UN_ARABIC_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def un_arabic_date(value: dt.date, with_day: bool = True) -> str:
    """A date as UN documents in Arabic write it: "31 كانون الأول/ديسمبر 2026", with the
    digits 0-9 they use."""
    month = f"{UN_ARABIC_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {month}" if with_day else month


@functools.lru_cache(maxsize=4096)  # babel is slow, and a campaign has few distinct dates
def human_date(value: str | dt.date, locale: str = "en") -> str:
    """A full or partial date (YYYY-MM-DD, YYYY-MM, YYYY) as people write it in `locale`
    (in Arabic, as UN documents do: `un_arabic_date`)."""
    babel_code = str(known_locale(locale))
    if locale.split("-")[0] == "ar":
        if isinstance(value, str) and value.count("-") >= 1:
            with_day = value.count("-") == 2
            value = dt.date.fromisoformat(value if with_day else f"{value}-01")
            return un_arabic_date(value, with_day)
        return un_arabic_date(value) if isinstance(value, dt.date) else value
    english = locale == "en"  # the English site's established style: 5 March 2024
    if isinstance(value, str) and value.count("-") == 2:
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return format_date(value, format="d MMMM y" if english else "long", locale=babel_code)
    parts = value.split("-")
    if len(parts) == 2:
        month = dt.date(int(parts[0]), int(parts[1]), 1)
        if english:
            return format_date(month, format="LLLL y", locale=babel_code)
        return format_skeleton("yMMMM", month, locale=babel_code)
    return value


def _plain(value: object) -> str:
    if isinstance(value, Markup):
        return value.striptags()
    return str(value)


class UI:
    """The generator's words in one language, and the marks for untranslated content."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.language.code
        self.source = edition.source
        base = self.lang.split("-")[0]  # pt-BR falls back to pt, en-GB is English
        self.strings = catalogue(self.lang) or catalogue(base)
        self.english = base == SOURCE_UI_LANGUAGE
        self._plural = known_locale(self.lang).plural_form
        self._fixed: dict[str, Message] = {}
        self.fallbacks = 0  # texts shown in the source language on the page being rendered

    def t(self, msgid: str, **params: object) -> Message:
        if not params:  # most UI words have no placeholders: look each up once
            known = self._fixed.get(msgid)
            if known is None:
                known = self._fixed[msgid] = self._lookup(msgid, params)
        else:
            known = self._lookup(msgid, params)
        self.fallbacks += known.fallback
        return known

    def _lookup(self, msgid: str, params: Mapping[str, object]) -> Message:
        entry = self.strings.get(msgid)
        if isinstance(entry, str):
            return self._format(entry, True, params)
        return self._format(msgid, self.english, params)

    def tn(self, singular: str, plural: str, count: int, **params: object) -> Message:
        """A sentence about `count` things, in the plural form the language uses for it."""
        entry = self.strings.get(singular)
        params = {"count": count, **params}
        if isinstance(entry, dict):
            return self._format(entry.get(self._plural(count), entry["other"]), True, params)
        english = singular if count == 1 else plural
        message = self._format(english, self.english, params)
        self.fallbacks += message.fallback
        return message

    def tn_forms(self, singular: str, plural: str) -> dict[str, str]:
        """Every plural form of tn(singular, plural) in this language, {count} unfilled, for
        a script that counts on the reader's side (CLDR's categories, as Intl.PluralRules
        names them)."""
        entry = self.strings.get(singular)
        if isinstance(entry, dict):
            return {form: str(text) for form, text in entry.items()}
        return {"one": singular, "other": plural}

    def _format(self, text: str, found: bool, params: Mapping[str, object]) -> Message:
        plain = PLACEHOLDER.sub(lambda m: _plain(params[m[1]]), text)
        # In a right-to-left sentence an inserted name in Latin script would otherwise pull
        # the punctuation around it out of place; <bdi> keeps it to itself.
        isolate = "<bdi>{}</bdi>" if self.edition.language.direction == "rtl" else "{}"
        html = PLACEHOLDER.sub(lambda m: isolate.format(self.html(params[m[1]])), str(escape(text)))
        if not found:  # English UI text on another language's page: say so to screen readers
            html = f'<span lang="{SOURCE_UI_LANGUAGE}" dir="ltr">{html}</span>'
        return Message(plain, html, fallback=not found)

    def html(self, value: object) -> Markup:
        """How a value reads inside a page: untranslated content gets its mark."""
        if isinstance(value, Untranslated):
            return self.mark_inline(escape(str(value)))
        return escape(value)

    def finalize(self, value: Any) -> Any:
        """Jinja's finalize hook: every {{ value }} passes here before it is escaped."""
        return self.html(value) if isinstance(value, Untranslated) else value

    # Untranslated text carries its language and direction, and no mark of its own: a page
    # with any says so once, at its top (see `notice`), instead of a badge on every item.
    def in_language(self, text: object, code: str | None = None) -> Markup:
        """Text written in language `code` (default: the source language's), marked with it
        on a page in another, so that a screen reader reads it with the right voice."""
        code = code or self.source.code
        if code.split("-")[0] == self.lang.split("-")[0]:
            return escape(text)
        written = direction(code)
        if written == self.edition.language.direction:
            return Markup('<span lang="{}">{}</span>').format(code, text)
        return Markup('<span lang="{}" dir="{}">{}</span>').format(code, written, text)

    def mark_inline(self, html: Markup) -> Markup:
        self.fallbacks += 1
        return Markup(
            '<span class="tx-untranslated" lang="{lang}" dir="{dir}">{html}</span>'
        ).format(lang=self.source.code, dir=self.source.direction, html=html)

    def mark_block(self, html: Markup) -> Markup:
        self.fallbacks += 1
        return Markup(
            '<div class="tx-untranslated" lang="{lang}" dir="{dir}">\n{html}\n</div>'
        ).format(lang=self.source.code, dir=self.source.direction, html=html)

    def notice(self) -> Markup:
        """The one notice of a page that shows some text in the source language."""
        if not self.fallbacks:
            return Markup("")
        return Markup(
            '<p class="tx-notice tx-notice--untranslated" data-search-exclude>'
            "<strong>{title}</strong> {text}</p>"
        ).format(
            title=self.t("Not yet translated."),
            text=self.t(
                "Parts of this page are shown in {language} until they are translated.",
                language=self.source_language_name(),
            ),
        )

    def source_language_name(self) -> str:
        code = self.source.code.replace("-", "_")
        return known_locale(self.lang).languages.get(code) or self.source.name

    def language_name(self, code: str) -> str:
        """A language's name in the page's language: 'Arabic', 'arabe', 'العربية'."""
        return known_locale(self.lang).languages.get(code.replace("-", "_")) or code

    def inline_filter(self, render: Callable[[Any], Markup]) -> Callable[[Any], Markup]:
        """Wrap a one-line filter (inline Markdown, heading text) so fallbacks are marked."""

        def wrapped(value: Any) -> Markup:
            out = render(value)
            return self.mark_inline(out) if isinstance(value, Untranslated) and out else out

        return wrapped

    def date(self, value: str | dt.date) -> str:
        return human_date(value, self.lang)

    def labels(self, labels: Mapping[str, str]) -> dict[str, Message]:
        return {key: self.t(text) for key, text in labels.items()}


# Strings this module itself shows; the templates' strings are found by reading them.
OWN_MESSAGES = (
    "Not yet translated.",
    "Parts of this page are shown in {language} until they are translated.",
)


def template_messages(folder: Path) -> dict[str, str | None]:
    """Every t()/tn() string in the templates: msgid -> its English plural (tn) or None."""
    from jinja2 import Environment
    from jinja2.ext import extract_from_ast

    env = Environment()  # noqa: S701 - parses templates, never renders them
    found: dict[str, str | None] = {}
    for path in sorted(folder.glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for _, function, strings in extract_from_ast(tree, ("t", "tn"), babel_style=False):
            # Without babel_style, jinja2 gives a tuple of the call's string arguments.
            texts = [s for s in strings if isinstance(s, str)] if isinstance(strings, tuple) else []
            if function == "tn" and len(texts) == 2:
                found[texts[0]] = texts[1]
            elif texts:
                found.setdefault(texts[0], None)
    return found
