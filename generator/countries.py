"""The country tracker's logic: codes and names, each State's status, what to ask it now.

Names come from the Unicode CLDR through Babel, in every site language, or, where an entry
asks for it, from ISO 3166's official names through pycountry (translated by Debian's
iso-codes); nobody types a country's name. Status is derived from the recorded actions and
their confirmation, and the ask from that status and the treaty's calendar on the build's
date, so the pages change on the day the signature period ends without anyone editing them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gettext
import json
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from typing import Literal

import pycountry
from babel.core import get_global

from . import model as m
from .errors import ContentIssue
from .explain import suggest
from .i18n import known_locale
from .resources import package_path
from .yamlsrc import YamlDoc

Name = tuple[str, str]  # a name, and the language it is written in

COUNTRIES_FILE = "countries.yml"
Status = Literal["party", "signed", "not-signed"]
STATUSES: tuple[Status, ...] = ("party", "signed", "not-signed")
STATUS_LABELS: dict[str, str] = {
    "party": "Joined (ratified or acceded)",
    "signed": "Signed, no ratification confirmed",
    "not-signed": "No signature recorded",
}
ACTION_LABELS: dict[str, str] = {
    "signature": "Signature",
    "ratification": "Ratification",
    "acceptance": "Acceptance",
    "approval": "Approval",
    "accession": "Accession",
}
Phase = Literal["before-deadline", "after-deadline"]
PHASES: tuple[Phase, ...] = ("before-deadline", "after-deadline")
# Counted as the State having acted: a report good enough to publish as such.
COUNTED: frozenset[str] = frozenset({"confirmed", "reported"})
EU = "eu"
# Codes CLDR names that ISO 3166-1 does not assign to a country: exceptionally reserved
# (AC, CP, DG, EA, IC, TA, EU, EZ, UN), user-assigned (QO, XA, XB, XK, ZZ) and CQ (Sark,
# reserved). The European Union is let in by its own code, 'eu'.
_NOT_ISO = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


# --- codes and names ----------------------------------------------------------------------


@functools.cache
def codes() -> frozenset[str]:
    """Every code a countries file may use: ISO 3166-1 alpha-2, lower case, and 'eu'."""
    territories = known_locale("en").territories
    keys = [k for k in territories if isinstance(k, str)]
    iso = {k.lower() for k in keys if len(k) == 2 and k.isalpha() and k not in _NOT_ISO}
    return frozenset(iso | {EU})


def name(code: str, language: str = "en", official: bool = False, variant: bool = False) -> str:
    """The country's name in `language` (CLDR via Babel), falling back to English; with
    `official`, ISO 3166's official name instead, where it has one; with `variant`,
    CLDR's other form of it ("Congo (DRC)"), where it has one."""
    key = code.upper()
    return (
        (official_name(code, language) if official else None)
        or (variant_name(code, language) if variant else None)
        or known_locale(language).territories.get(key)
        or known_locale("en").territories.get(key)
        or code
    )


def country_name(country: m.Country, language: str = "en") -> str:
    """The name an entry of countries.yml is shown by, as it chose (see `name`)."""
    return name(country.code, language, country.official_name, country.variant_name)


def variant_name(code: str, language: str = "en") -> str | None:
    """The first of CLDR's other forms of the country's name in `language`, or None."""
    forms = _cldr_other_names().get(language, {}).get(code)
    forms = forms or _cldr_other_names().get(language.split("-")[0], {}).get(code)
    return forms[0] if forms else None


# ISO 3166 writes an official name as it reads inside a sentence: "the State of Palestine",
# "L'État de Palestine". A name standing alone (a heading, a list, "…: Signed") drops it.
_ARTICLE = re.compile(r"^(?:(?i:the|le|la|les|el|los|las)\s+|(?i:l)['’])(?=[^\W\d_])")


def _iso_entry(code: str) -> object | None:
    return None if code == EU else pycountry.countries.get(alpha_2=code.upper())


@functools.cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    """Debian's iso-codes translations of ISO 3166-1 names; English where it has none."""
    wanted = list(dict.fromkeys([language.replace("-", "_"), language.split("-")[0]]))
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=wanted, fallback=True)


def official_name(code: str, language: str = "en") -> str | None:
    """ISO 3166's official name of the country in `language`, without a leading article;
    None when ISO 3166 gives none, or when iso-codes has no translation into `language`
    (an English name in the middle of another language's page would be worse than CLDR's
    usual name in that language)."""
    official = getattr(_iso_entry(code), "official_name", None)
    if not official:
        return None
    text = _iso_translation(language).gettext(official)
    if text == official and language.split("-")[0] != "en":
        return None
    text = without_article(text)
    return text[:1].upper() + text[1:]


def without_article(text: str) -> str:
    """A name as it stands alone: "the State of Palestine" -> "State of Palestine"."""
    if not _ARTICLE.match(text):
        return text
    text = _ARTICLE.sub("", text)
    return text[:1].upper() + text[1:]


def iso_names(code: str, language: str = "en") -> list[str]:
    """ISO 3166's names of the country (its name, common name and official name) in
    English and in `language`: what readers may type for it besides CLDR's name."""
    entry = _iso_entry(code)
    english = [getattr(entry, field, None) for field in ("name", "common_name", "official_name")]
    translate = _iso_translation(language).gettext
    found = [text for text in english if text]
    return list(dict.fromkeys([*found, *(translate(text) for text in found)]))


@functools.cache
def _cldr_other_names() -> dict[str, dict[str, list[str]]]:
    """CLDR's other forms of each name ("Turkey", "Ivory Coast", "US"), which Babel does not
    ship: {language: {code: [names]}}, made by generator/namedata_convert.py."""
    path = package_path("namedata", "cldr_alt_names.json")
    loaded: dict[str, dict[str, list[str]]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _usual_names(language: str) -> dict[str, str]:
    """Every country's usual CLDR name in `language`, in lower case, by code."""
    territories = known_locale(language).territories
    return {key.lower(): str(text).lower() for key, text in territories.items() if len(key) == 2}


def other_names(code: str, language: str = "en", shown: str | None = None) -> list[str]:
    """What a reader may type for a country besides `shown` (its name on the page): its
    usual name and CLDR's other forms in `language` and in English, ISO 3166's names and
    its three-letter code (see `other_names_in`)."""
    return [text for text, _ in other_names_in(code, language, shown)]


@functools.lru_cache(maxsize=4096)  # the table, the picker and the country page ask alike
def other_names_in(code: str, language: str = "en", shown: str | None = None) -> tuple[Name, ...]:
    """`other_names` with the language each is written in ("" for the three-letter code).

    iso-codes' translations are checked first: one that is, or is part of, another
    country's usual name is left out (its Arabic for "Moldova" is the Maldives' name,
    "جزر المالديف" in CLDR)."""
    base = language.split("-")[0]
    alt = _cldr_other_names()
    english_iso = iso_names(code, "en")
    translated_iso = [x for x in iso_names(code, language) if x not in english_iso]
    found = [
        (name(code, language), language),
        (name(code, "en"), "en"),
        *((text, language) for text in alt.get(base, {}).get(code, [])),
        *((text, "en") for text in alt.get("en", {}).get(code, [])),
        *((text, "en") for text in english_iso),
        *((text, language) for text in translated_iso if _plausible(text, code, language)),
        (alpha_3(code), ""),
    ]
    wanted = {(shown or name(code, language)).lower()}
    kept: dict[str, Name] = {}
    for text, lang in found:
        if text and text.lower() not in wanted:
            kept.setdefault(text.lower(), (text, lang))
    return tuple(kept.values())


def alpha_3(code: str) -> str:
    """ISO 3166's three-letter code ("CAN"); "" for what ISO 3166 does not list (eu)."""
    return str(getattr(_iso_entry(code), "alpha_3", ""))


def _plausible(text: str, code: str, language: str) -> bool:
    """Not another country's usual name, nor a word of it, in `language` or English."""
    folded = text.lower()
    words = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
    return not any(
        words.search(other)
        for lang in dict.fromkeys([language, "en"])
        for key, other in _usual_names(lang).items()
        if key != code
    )


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (Å with A, É with E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def folded(text: str) -> str:
    """A name reduced for matching: no accents, case, '&' or 'St.' spellings."""
    text = sort_key(text).replace("&", " and ").replace("’", "'").replace("st. ", "saint ")
    return " ".join(text.split())


@functools.cache
def _codes_by_name() -> dict[str, str]:
    """Folded English name -> code, for hints and for the status importer.

    CLDR adds a short explanation in brackets to a few names ("Myanmar (Burma)"); the
    name without it matches too.
    """
    out: dict[str, str] = {}
    for code in codes():
        full = name(code)
        out[folded(full)] = code
        out.setdefault(folded(full.split(" (")[0]), code)
    return out


def code_for_name(text: str) -> str | None:
    """The code of a country written by its English (CLDR) name, or None."""
    return _codes_by_name().get(folded(text))


def code_hint(value: str) -> str:
    """Why `value` is not a code, and the code the maintainer most likely meant."""
    known = codes()
    lowered = value.strip().lower()
    if lowered in known and value != lowered:
        return f"write codes in lower case: '{lowered}' ({name(lowered)})."
    aliases = get_global("territory_aliases")
    replaced = aliases.get(value.strip().upper())
    if replaced and replaced[0].lower() in known:
        code = replaced[0].lower()
        return f"did you mean '{code}' ({name(code)})? Codes are ISO 3166-1 alpha-2."
    by_name = code_for_name(value)
    if by_name:
        return f"did you mean '{by_name}' ({name(by_name)})? Codes are ISO 3166-1 alpha-2."
    guess = difflib.get_close_matches(folded(value), list(_codes_by_name()), n=1, cutoff=0.75)
    if len(value) > 3 and guess:
        code = _codes_by_name()[guess[0]]
        return f"did you mean '{code}' ({name(code)})? Codes are ISO 3166-1 alpha-2."
    return (
        "use the country's ISO 3166-1 alpha-2 code in lower case, e.g. 'fr' for France, "
        "or 'eu' for the European Union."
    )


# --- status and what to ask ---------------------------------------------------------------


def counted(action: m.TreatyAction) -> bool:
    return action.confirmation in COUNTED


def signature(country: m.Country) -> m.TreatyAction | None:
    return next((a for a in country.actions if a.type == "signature"), None)


def instrument(country: m.Country) -> m.TreatyAction | None:
    """The ratification, acceptance, approval or accession, if one is recorded."""
    return next((a for a in country.actions if a.type in m.INSTRUMENT_TYPES), None)


def status(country: m.Country) -> Status:
    """party, signed or not-signed, counting only what is confirmed or reported.

    An unconfirmed instrument (a ratification law reported, its deposit not seen) leaves
    the State where its confirmed or reported actions put it; pages still show it.
    """
    joined = instrument(country)
    if joined and counted(joined):
        return "party"
    signed = signature(country)
    if signed and counted(signed):
        return "signed"
    return "not-signed"


def phase(calendar: m.TreatyCalendar, today: dt.date) -> Phase:
    return "before-deadline" if today <= calendar.signature_closes else "after-deadline"


def unconfirmed_instrument(country: m.Country) -> m.TreatyAction | None:
    """A ratification, acceptance, approval or accession recorded but not counted (a law
    reported, its deposit not seen), in a State that has not joined by what is counted."""
    joining = instrument(country)
    return joining if joining and not counted(joining) and status(country) != "party" else None


def ask_key(country_status: Status, current: Phase, unconfirmed: bool = False) -> str:
    """Which of action.yml's asks applies: the field name in `Asks`."""
    if country_status == "party":
        return "party"
    if unconfirmed:
        return "joining_unconfirmed"
    if country_status == "signed":
        return "signed"
    return (
        "not_signed_before_deadline"
        if current == "before-deadline"
        else "not_signed_after_deadline"
    )


def ask_for(
    asks: m.Asks,
    country_status: Status,
    current: Phase,
    code: str | None = None,
    unconfirmed: bool = False,
) -> m.Ask:
    """The ask for a country in this status and phase, its joining perhaps reported but
    unconfirmed: the European Union's own where the campaign wrote one (it is not a State),
    else the asks for States. Without an ask for an unconfirmed joining, the status's."""
    keys = dict.fromkeys(
        [ask_key(country_status, current, unconfirmed), ask_key(country_status, current)]
    )
    sets = [asks.organisation, asks] if code == EU and asks.organisation else [asks]
    found = next(
        (ask for group in sets for key in keys if (ask := getattr(group, key, None))), None
    )
    assert found is not None, "the asks for every status are required"
    return found


# --- where the treaty stands --------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    confirmed: int = 0
    reported: int = 0
    unconfirmed: int = 0

    @property
    def counted(self) -> int:
        return self.confirmed + self.reported


def _tally(actions: list[m.TreatyAction]) -> Tally:
    return Tally(
        sum(a.confirmation == "confirmed" for a in actions),
        sum(a.confirmation == "reported" for a in actions),
        sum(a.confirmation == "unconfirmed" for a in actions),
    )


@dataclass(frozen=True)
class Progress:
    """Where the treaty stands according to the data, and as of which date."""

    as_of: dt.date  # the latest date any entry was checked
    entries: int
    signatures: Tally
    instruments: Tally
    needed: int
    complete: bool
    in_force_on: dt.date | None  # when enough confirmed instruments are deposited

    @property
    def deposited(self) -> int:
        """Instruments the depositary lists: the only ones that count toward entry into force."""
        return self.instruments.confirmed

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.deposited / self.needed)) if self.needed else 0


def first_day(value: str) -> dt.date:
    """A partial date's first possible day."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def progress(countries: m.CountriesFile, calendar: m.TreatyCalendar) -> Progress:
    entries = countries.countries
    signatures = [a for c in entries for a in c.actions if a.type == "signature"]
    instruments = [a for c in entries for a in c.actions if a.type in m.INSTRUMENT_TYPES]
    deposited = sorted(
        first_day(a.date)
        for a in instruments
        if a.confirmation == "confirmed" and a.date and a.date.count("-") == 2
    )
    in_force = None
    if len(deposited) >= calendar.instruments_needed:
        last = deposited[calendar.instruments_needed - 1]
        in_force = last + dt.timedelta(days=calendar.days_to_entry_into_force)
    return Progress(
        as_of=max((c.checked for c in entries), default=calendar.adopted),
        entries=len(entries),
        signatures=_tally(signatures),
        instruments=_tally(instruments),
        needed=calendar.instruments_needed,
        complete=countries.complete,
        in_force_on=in_force,
    )


def ordered(countries: list[m.Country], language: str) -> list[m.Country]:
    """Entries in the alphabetical order of their names in `language`."""
    return sorted(countries, key=lambda c: (sort_key(country_name(c, language)), c.code))


def by_status(countries: list[m.Country], language: str) -> dict[str, list[m.Country]]:
    """Status -> its entries, alphabetically; every status present, even when empty."""
    groups: dict[str, list[m.Country]] = {s: [] for s in STATUSES}
    for country in ordered(countries, language):
        groups[status(country)].append(country)
    return groups


def country_path(code: str) -> str:
    return f"countries/{code}/"


# --- checks -------------------------------------------------------------------------------


@dataclass
class _Check:
    doc: YamlDoc
    issues: list[ContentIssue]

    def add(self, loc: tuple[str | int, ...], message: str, hint: str = "") -> None:
        self.issues.append(self.doc.issue(loc, message, hint))


def _refs(check: _Check, loc: tuple[str | int, ...], ids: list[str], known: set[str]) -> None:
    for index, value in enumerate(ids):
        if value not in known:
            check.add((*loc, index), f"no source '{value}' exists.", suggest(value, sorted(known)))


def check_calendar(c: m.Campaign, doc: YamlDoc, source_ids: set[str]) -> list[ContentIssue]:
    """The calendar's dates must follow each other; its sources must exist."""
    calendar = c.campaign.treaty.calendar
    if calendar is None:
        return []
    issues: list[ContentIssue] = []
    check = _Check(doc, issues)
    at = ("treaty", "calendar")
    if calendar.signature_opens < calendar.adopted:
        check.add(
            (*at, "signature_opens"),
            "the treaty cannot open for signature before it is adopted "
            f"({calendar.adopted.isoformat()}).",
            "check both dates against the source; a year typed wrong is the usual cause.",
        )
    if calendar.signature_closes < calendar.signature_opens:
        check.add(
            (*at, "signature_closes"),
            f"signature cannot close before it opens ({calendar.signature_opens.isoformat()}).",
            "check both dates against the source; a year typed wrong is the usual cause.",
        )
    _refs(check, (*at, "sources"), calendar.sources, source_ids)
    return issues


def _check_organisation_asks(
    check: _Check, where: tuple[str | int, ...], country: m.Country, asks: m.Asks
) -> None:
    """The European Union is not a State: the asks for States (its 'country', its
    'parliament', 'a State is bound…') would misstate how it joins. Its own ask must be
    written for its status, in either phase of the treaty's calendar."""
    keys = dict.fromkeys(ask_key(status(country), phase) for phase in PHASES)
    missing = [key for key in keys if getattr(asks.organisation, key, None) is None]
    if missing:
        check.add(
            where,
            "the European Union is listed, but action.yml has no ask for it in its status "
            f"({', '.join(missing)}); the asks for States would call it a country.",
            f"add asks.organisation.{missing[0]} to action.yml: what to ask the EU, which "
            "is not a State (see the field reference).",
        )


def _check_own_sources(
    check: _Check, data: m.CountriesFile, listed: tuple[YamlDoc, list[m.Source]]
) -> None:
    """A source countries.yml defines must not share an id with one of sources.yml, or with
    one above it: citations of the id would silently take one of the two."""
    own = check.doc
    listed_doc, listed_sources = listed
    first: dict[str, str] = {}  # id -> where it was first defined
    for index, source in enumerate(listed_sources):
        line = listed_doc.locate(("sources", index, "id"))[0]
        at = f" on line {line}" if listed_doc.positions else ""
        first.setdefault(source.id, f"in {listed_doc.file}{at}")
    for index, source in enumerate(data.sources):
        if source.id in first:
            elsewhere = first[source.id].startswith(f"in {listed_doc.file}")
            check.add(
                ("sources", index, "id"),
                f"source id '{source.id}' is already defined {first[source.id]}.",
                (
                    f"if both are the same source, delete this one and cite the one in "
                    f"{listed_doc.file}; otherwise give this one another id."
                    if elsewhere
                    else "if both are the same source, delete this one; otherwise give this "
                    "one another id."
                ),
            )
        else:
            line = own.locate(("sources", index, "id"))[0]
            first[source.id] = f"on line {line} above"


def check_countries(
    c: m.Campaign,
    docs: dict[str, YamlDoc],
    source_ids: set[str],
    today: dt.date,
    listed: tuple[YamlDoc, list[m.Source]],
) -> list[ContentIssue]:
    """Every problem of countries.yml, and of what it needs from campaign.yml and action.yml;
    `listed` is sources.yml and its sources, which countries.yml's own must not clash with."""
    data = c.countries
    if data is None:
        return []
    issues: list[ContentIssue] = []
    doc = docs[COUNTRIES_FILE]
    check = _Check(doc, issues)
    calendar = c.campaign.treaty.calendar
    if calendar is None:
        issues.append(
            docs["campaign.yml"].issue(
                ("treaty",),
                "treaty.calendar is missing; the country pages need the treaty's dates.",
                "add treaty.calendar with adopted, signature_opens, signature_closes and "
                "instruments_needed (see the field reference).",
            )
        )
    if c.action.asks is None:
        issues.append(
            docs["action.yml"].issue(
                (),
                "asks is missing; each country page needs to know what to ask.",
                "add asks with not_signed_before_deadline, not_signed_after_deadline, signed "
                "and party (see the example campaign).",
            )
        )
    _check_own_sources(check, data, listed)
    _refs(check, ("authority",), [data.authority], source_ids)
    seen: dict[str, int] = {}
    for index, country in enumerate(data.countries):
        here: tuple[str | int, ...] = ("countries", index)
        if country.code not in codes():
            check.add(
                (*here, "code"), f"'{country.code}' is not a country code.", code_hint(country.code)
            )
        elif country.code in seen:
            first = doc.locate(("countries", seen[country.code]))[0]
            check.add(
                (*here, "code"),
                f"{name(country.code)} ('{country.code}') is listed twice (first on line {first}).",
                "keep one entry per country and put every action in it.",
            )
        else:
            seen[country.code] = index
            if country.code == EU and c.action.asks is not None:
                _check_organisation_asks(check, (*here, "code"), country, c.action.asks)
            if country.official_name and country.variant_name:
                check.add(
                    (*here, "variant_name"),
                    "a country is called by one name: its official one or CLDR's other form.",
                    "keep one of 'official_name' and 'variant_name'.",
                )
            elif country.variant_name and variant_name(country.code) is None:
                check.add(
                    (*here, "variant_name"),
                    f"the Unicode CLDR gives no other form of the name {name(country.code)} "
                    f"('{country.code}').",
                    "remove 'variant_name': the country is then called by its usual name.",
                )
            if country.official_name and official_name(country.code) is None:
                check.add(
                    (*here, "official_name"),
                    f"ISO 3166 gives no official name for {name(country.code)} ('{country.code}').",
                    "remove 'official_name': the country is then called by its name in the "
                    "Unicode CLDR.",
                )
        if country.checked > today:
            check.add(
                (*here, "checked"),
                f"checked date {country.checked.isoformat()} is after today ({today.isoformat()}).",
                "write the day the entry was actually checked.",
            )
        _refs(check, (*here, "sources"), country.sources, source_ids)
        for ci, contact in enumerate(country.contacts):
            _refs(check, (*here, "contacts", ci, "source"), [contact.source], source_ids)
            if not contact.url and not contact.email:
                check.add(
                    (*here, "contacts", ci),
                    "a contact needs a url or an email.",
                    "copy the contact page's address or email from the source.",
                )
        _check_actions(check, here, country, calendar, source_ids, today)
    return issues


def _check_actions(
    check: _Check,
    here: tuple[str | int, ...],
    country: m.Country,
    calendar: m.TreatyCalendar | None,
    source_ids: set[str],
    today: dt.date,
) -> None:
    """Every problem of one entry's actions, added to `check`."""
    kinds: dict[str, int] = {}
    for ai, action in enumerate(country.actions):
        at = (*here, "actions", ai)
        _refs(check, (*at, "sources"), action.sources, source_ids)
        kind = "signature" if action.type == "signature" else "instrument"
        if kind in kinds:
            first = check.doc.locate((*here, "actions", kinds[kind]))[0]
            what = "a signature" if kind == "signature" else "an instrument"
            check.add(
                (*at, "type"),
                f"{name(country.code)} already has {what} on line {first}.",
                "a State signs once and deposits one instrument; put declarations in 'note'.",
            )
        kinds.setdefault(kind, ai)
        if calendar and action.type not in calendar.action_types:
            allowed = ", ".join(calendar.action_types)
            check.add(
                (*at, "type"),
                f"this treaty has no '{action.type}' (treaty.calendar.action_types: {allowed}).",
                "use one of the treaty's own action types.",
            )
        if action.date is not None:
            _check_date(check, at, action, calendar, today)


def _check_date(
    check: _Check,
    at: tuple[str | int, ...],
    action: m.TreatyAction,
    calendar: m.TreatyCalendar | None,
    today: dt.date,
) -> None:
    assert action.date is not None
    first, last = first_day(action.date), last_day(action.date)
    if first > today:
        check.add(
            (*at, "date"),
            f"{action.date} is in the future (today is {today.isoformat()}).",
            "record an action once it has happened.",
        )
    if calendar is None:
        return
    if last < calendar.adopted:
        check.add(
            (*at, "date"),
            f"{action.date} is before the treaty was adopted ({calendar.adopted.isoformat()}).",
            "check the date against the source.",
        )
    elif action.type == "signature" and last < calendar.signature_opens:
        check.add(
            (*at, "date"),
            f"{action.date} is before the treaty opened for signature "
            f"({calendar.signature_opens.isoformat()}).",
            "check the date against the source.",
        )
    if action.type == "signature" and first > calendar.signature_closes:
        check.add(
            (*at, "type"),
            f"signature closed on {calendar.signature_closes.isoformat()}; a State that joins "
            "later does so by accession.",
            "write 'type: accession'.",
        )


def last_day(value: str) -> dt.date:
    """A partial date's last possible day (2024 -> 2024-12-31)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        # The month's own length: the first of the next month would not exist after 9999-12.
        return dt.date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
    return dt.date(parts[0], 12, 31)
