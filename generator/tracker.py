"""The country tracker's pages: what the templates ask of countries.yml, in one language.

`Tracker` is the templates' view of the data: names in the page's language, each State's
status and the ask that applies on the build's date. `render_pages` adds /countries/ and
one page per country through the renderer, the way every other page is added.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.lists import format_list
from markupsafe import Markup, escape

from . import clock
from . import countries as k
from . import model as m
from .i18n import UI, known_locale
from .worldmap import MapEntry, draw_map, known_codes

if TYPE_CHECKING:
    from .render import Renderer

INDEX = "countries/index.md"
MAP_TITLE = "Map: where each country stands on {treaty}"
MAP_DESCRIPTION = (
    "As of {date}, in our data: {party} joined (ratified or acceded), {signed} signed without "
    "ratifying, {unsigned} with no signature recorded. Countries with no entry are grey. The "
    "table below lists the same data, with links."
)
NO_ENTRY = "No entry in our data"
# Share cards travel without their page: each says what it shows and as of when.
INDEX_CARD_TITLE = "Where countries stand on {treaty}, as of {date}"
COUNTRY_CARD_TITLE = "{country}: {status}, as of {date}"
# Words this module shows itself; the templates' are found by reading them.
UI_MESSAGES = (
    *k.STATUS_LABELS.values(),
    *k.ACTION_LABELS.values(),
    MAP_TITLE,
    MAP_DESCRIPTION,
    NO_ENTRY,
    INDEX_CARD_TITLE,
    COUNTRY_CARD_TITLE,
)


def treaty_day(c: m.Campaign) -> dt.date:
    """The build's date in the treaty calendar's time zone (UTC without a calendar)."""
    calendar = c.campaign.treaty.calendar
    return clock.today(calendar.time_zone if calendar else "UTC")


@dataclass
class Tracker:
    """countries.yml as one language's pages need it, on the build's date."""

    c: m.Campaign
    ui: UI
    today: dt.date  # in the calendar's time zone: the day where the treaty is signed

    @classmethod
    def on_build_day(cls, c: m.Campaign, ui: UI) -> Tracker:
        """On the build's date where the treaty is signed: at 00:17 UTC on 1 January it is
        still 31 December in New York, and signature is still open."""
        return cls(c, ui, treaty_day(c))

    @property
    def enabled(self) -> bool:
        return self.c.countries is not None and self.c.campaign.treaty.calendar is not None

    @property
    def data(self) -> m.CountriesFile:
        assert self.c.countries is not None
        return self.c.countries

    @property
    def calendar(self) -> m.TreatyCalendar:
        assert self.c.campaign.treaty.calendar is not None
        return self.c.campaign.treaty.calendar

    @property
    def phase(self) -> k.Phase:
        return k.phase(self.calendar, self.today)

    @property
    def signature_open(self) -> bool:
        return self.phase == "before-deadline"

    @property
    def days_to_close(self) -> int:
        """Whole days from the build's date to the last day of signature (0 on that day)."""
        return (self.calendar.signature_closes - self.today).days

    def progress(self) -> k.Progress:
        return k.progress(self.data, self.calendar)

    @property
    def authority(self) -> m.Source:
        return self.c.source(self.data.authority)

    def name(self, code: str) -> str:
        """The name of the country with this code, as its entry chose (CLDR's usual name or
        its other form, or ISO's official name)."""
        entry = self._entries.get(code)
        return k.country_name(entry, self.ui.lang) if entry else k.name(code, self.ui.lang)

    def other_names(self, code: str) -> str:
        """What a reader may type for the country besides its name here, for the country
        table's filter: names separated by '|'."""
        return "|".join(k.other_names(code, self.ui.lang, self.name(code)))

    def also_called(self, code: str) -> Markup:
        """The country's other names for readers: "Turkey or Republic of Türkiye". Its
        three-letter code is no name: the page shows it as a code (`code_3`).

        Spellings that differ from the name shown, or from each other, only by accents,
        case, a leading article, Arabic vowel marks or the shape of an apostrophe are shown
        once, and each name says which language it is in (`_name_html`). Empty when there
        is none.

        A State its entry names by its official name is not given CLDR's usual name here
        ("Palestinian Territories" is not the name of a State that signs); the filters
        still find it by that name."""
        seen = {_spelling(self.name(code))}
        entry = self._entries.get(code)
        if entry and entry.official_name:
            seen |= {_spelling(k.name(code, self.ui.lang)), _spelling(k.name(code, "en"))}
        items = []
        for text, lang in k.other_names_in(code, self.ui.lang, self.name(code)):
            if not lang:  # the three-letter code
                continue
            # ISO's inverted forms ("Korea, Republic of") are for typing, not for a list.
            text = k.without_article(text)
            if "," in text or "،" in text or _spelling(text) in seen:
                continue
            seen.add(_spelling(text))
            items.append(self._name_html(text, lang))
        if not items:
            return Markup()
        # CLDR's way to list alternatives ("A, B or C"), its words escaped, the names put in.
        slots = [f"\x00{i}\x00" for i in range(len(items))]
        listed = escape(format_list(slots, style="or", locale=known_locale(self.ui.lang)))
        for slot, item in zip(slots, items, strict=True):
            listed = listed.replace(slot, item)
        return listed

    def code_3(self, code: str) -> Markup:
        """ISO 3166's three-letter code, set left to right on any page; empty for none."""
        found = k.alpha_3(code)
        return (
            Markup('<span dir="ltr" translate="no">{}</span>').format(found) if found else Markup()
        )

    def _name_html(self, text: str, lang: str) -> Markup:
        """A name marked with its language where it is not the page's; on a right-to-left
        page, a Latin one (English, or a three-letter code) set left to right."""
        foreign = bool(lang) and lang != self.ui.lang
        if lang in ("en", "") and self.ui.edition.language.direction == "rtl":
            if foreign:
                return Markup('<span lang="{}" dir="ltr">{}</span>').format(lang, text)
            return Markup('<span dir="ltr">{}</span>').format(text)
        if foreign:
            return Markup('<span lang="{}">{}</span>').format(lang, text)
        return escape(text)

    @functools.cached_property
    def _entries(self) -> dict[str, m.Country]:
        return {x.code: x for x in self.data.countries}

    def status(self, country: m.Country) -> str:
        return k.status(country)

    def status_label(self, status: str) -> str:
        return self.ui.t(k.STATUS_LABELS[status])

    def action_label(self, action_type: str) -> str:
        return self.ui.t(k.ACTION_LABELS[action_type])

    def ask(self, country: m.Country) -> m.Ask:
        assert self.c.action.asks is not None
        unconfirmed = k.unconfirmed_instrument(country) is not None
        return k.ask_for(
            self.c.action.asks, k.status(country), self.phase, country.code, unconfirmed
        )

    def unconfirmed_instrument(self, country: m.Country) -> m.TreatyAction | None:
        return k.unconfirmed_instrument(country)

    def ask_for_unlisted(self) -> m.Ask:
        """What to ask a State the list does not have: as one that has not signed."""
        assert self.c.action.asks is not None
        return k.ask_for(self.c.action.asks, "not-signed", self.phase)

    def rows(self) -> list[m.Country]:
        return k.ordered(self.data.countries, self.ui.lang)

    def groups(self) -> dict[str, list[m.Country]]:
        return k.by_status(self.data.countries, self.ui.lang)

    def country(self, code: str) -> m.Country:
        return next(x for x in self.data.countries if x.code == code)

    def signature(self, country: m.Country) -> m.TreatyAction | None:
        return k.signature(country)

    def instrument(self, country: m.Country) -> m.TreatyAction | None:
        return k.instrument(country)

    def legend(self) -> dict[str, str]:
        return {status: str(self.status_label(status)) for status in k.STATUSES}

    def world_map(self) -> Markup:
        drawable = known_codes()
        rows = self.rows()
        entries = [
            MapEntry(x.code, k.status(x), self.name(x.code), f"{x.code}/")
            for x in rows
            if x.code in drawable  # a territory too small to draw is in the table only
        ]
        counts = {s: sum(k.status(x) == s for x in rows) for s in k.STATUSES}
        title = self.ui.t(MAP_TITLE, treaty=self.treaty_name)
        description = self.ui.t(
            MAP_DESCRIPTION,
            date=self.ui.date(self.progress().as_of),
            party=counts["party"],
            signed=counts["signed"],
            unsigned=counts["not-signed"],
        )
        legend = {**self.legend(), "none": str(self.ui.t(NO_ENTRY))}
        svg = draw_map(
            entries, str(title), str(description), legend, self.ui.edition.language.direction
        )
        return Markup(svg)  # noqa: S704 - draw_map escapes every text it is given

    @property
    def treaty_name(self) -> str:
        return self.c.campaign.treaty.name

    def card_path(self, code: str | None = None) -> str:
        return card_path(code)

    def card_title(self, country: m.Country | None = None) -> str:
        """What the share card of /countries/ (no country) or of a country's page says; also
        its image's text alternative."""
        t, day = self.ui.t, self.ui.date
        if country is None:
            return str(
                t(INDEX_CARD_TITLE, treaty=self.treaty_name, date=day(self.progress().as_of))
            )
        return str(
            t(
                COUNTRY_CARD_TITLE,
                country=self.name(country.code),
                status=self.status_label(k.status(country)),
                date=day(country.checked),
            )
        )

    def card_jobs(self, host: str) -> dict[str, tuple[str, str]]:
        """Share cards of the tracker's pages in this language: path -> (title, footer).

        `host` is this language's address without its scheme, as the card prints it.
        """
        jobs = {card_path(): (self.card_title(), f"{host}/countries/")}
        for x in self.data.countries:
            jobs[card_path(x.code)] = (self.card_title(x), f"{host}/countries/{x.code}/")
        return jobs


def _spelling(text: str) -> str:
    """A name with its accents, vowel marks, case and apostrophe shape set aside: what two
    spellings shown once share. Unlike countries.folded, "St." and "&" still count, so
    that "Saint Lucia" stays on the page beside "St. Lucia" for search to find."""
    return k.sort_key(text).replace("\u2019", "'").replace("\u0640", "")


def render_pages(r: Renderer) -> None:
    """/countries/ and /countries/<code>/ for every entry, in the renderer's language."""
    if not r.tracker.enabled:
        return
    r.page(INDEX, "countries.md.j2")
    for country in r.tracker.data.countries:
        r.page(f"countries/{country.code}.md", "country.md.j2", country=country)


def card_path(code: str | None = None) -> str:
    """The share card of /countries/ (no code) or of one country's page.

    In a folder of its own, so that no concern's slug can take the same file.
    """
    from .permalinks import CARDS_DIR

    return f"{CARDS_DIR}/countries/{code or 'index'}.png"
