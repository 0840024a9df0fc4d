"""Open data: the whole campaign as JSON (with its JSON Schema), concerns as CSV,
an Atom feed of concern reviews, and every citation as BibTeX.

The JSON and its schema come from one pydantic model, so they cannot disagree;
the field lists on the open-data page are read from the same definitions.
Every file is deterministic: building twice gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from . import countries as k
from . import markup
from .cite import bibtex, citation_text
from .i18n import human_date
from .model import (
    ActionFile,
    Article,
    Campaign,
    Concern,
    Country,
    GlossaryTerm,
    RecommendationGroup,
    SiteInfo,
    Source,
    Strict,
    TimelineEvent,
    Treaty,
    TreatyAction,
)
from .permalinks import (
    absolute,
    card_path,
    concern_path,
    concern_url,
    history_url,
    letter_path,
    mailto,
)

SCHEMA_VERSION = "1.1"
JSON_PATH = "data/campaign.json"
SCHEMA_PATH = "data/campaign.schema.json"
CSV_PATH = "data/concerns.csv"
COUNTRIES_CSV_PATH = "data/countries.csv"
BIB_PATH = "data/citations.bib"
FEED_PATH = "feed.xml"
PUBLISHED = (JSON_PATH, SCHEMA_PATH, CSV_PATH, BIB_PATH, FEED_PATH, COUNTRIES_CSV_PATH)
ATOM = "http://www.w3.org/2005/Atom"


class Letter(Strict):
    subject: str = Field(description="Subject line of the ready-made email.")
    body: str = Field(description="Text of the email; square brackets mark what to fill in.")
    mailto: str = Field(description="The same email as a mailto: link (RFC 6068).")
    url: str = Field(description="The letter on the action page, with who to contact.")


class Citation(Strict):
    text: str = Field(description="Ready text citation: publisher, title, site, date, URL.")
    bibtex: str = Field(description="The same citation as a BibTeX @misc entry.")


class PublishedConcern(Concern):
    url: str = Field(description="Permanent address of the concern's page.")
    alias_urls: list[str] = Field(
        description="Earlier addresses of the page; each redirects to url."
    )
    history_url: str | None = Field(
        description="Every published change to the concern, or null when not published."
    )
    card_url: str = Field(description="Share image, 1200×630 PNG.")
    letter: Letter = Field(description="The ready-made email about this concern.")
    citation: Citation = Field(description="How to cite the concern's page.")


class Tally(Strict):
    confirmed: int = Field(description="Listed by the authority (the treaty's depositary).")
    reported: int = Field(description="Reported by reliable sources, not confirmed.")
    unconfirmed: int = Field(description="Reported but not confirmed; never counted.")


class CountrySummary(Strict):
    as_of: dt.date = Field(description="The latest date any country entry was checked.")
    complete: bool = Field(description="false while the list is known to be incomplete.")
    authority_url: str = Field(description="The official record of signatures and ratifications.")
    signatures: Tally = Field(description="Signatures recorded, by confirmation.")
    instruments: Tally = Field(
        description="Instruments of ratification, acceptance, approval or accession, by "
        "confirmation; only confirmed ones count toward entry into force."
    )
    instruments_needed: int = Field(description="How many bring the treaty into force.")
    signature_closes: dt.date = Field(
        description="Last day of the signature period, where the treaty is signed "
        "(campaign.treaty.calendar.time_zone)."
    )


class PublishedCountry(Country):
    # Which name the entry chose is in `name` itself.
    official_name: bool = Field(False, exclude=True)
    variant_name: bool = Field(False, exclude=True)
    name: str = Field(
        description="The country's name in the site's language: the Unicode CLDR's, or "
        "where the entry asks for it, CLDR's other form of it or the official name in ISO 3166."
    )
    status: Literal["party", "signed", "not-signed"] = Field(
        description="party: ratified, accepted, approved or acceded (confirmed or reported); "
        "signed: signed only; not-signed: no signature recorded."
    )
    url: str = Field(description="The country's page.")
    card_url: str = Field(description="Share image of the country's page, 1200×630 PNG.")


class OpenData(Strict):
    schema_url: str = Field(alias="$schema", description="Address of this file's JSON Schema.")
    schema_version: Literal["1.1"] = Field(
        description="Format version: the minor number grows when fields are added, "
        "the major number when a field is renamed, removed or changes meaning."
    )
    updated: dt.date = Field(description="The most recent last_reviewed date of any concern.")
    site: SiteInfo = Field(description="The site: name, address, publisher, licence.")
    treaty: Treaty = Field(description="The treaty: names, summary, status and key facts.")
    concerns: list[PublishedConcern] = Field(description="Every concern, in reading order.")
    articles: list[Article] = Field(description="The treaty articles the concerns cite.")
    recommendation_groups: list[RecommendationGroup] = Field(
        description="The recommended fixes, in groups."
    )
    sources: list[Source] = Field(description="Every source cited, by id.")
    timeline: list[TimelineEvent] = Field(description="Dated events, as listed in timeline.yml.")
    glossary: list[GlossaryTerm] = Field(description="Plain-language definitions.")
    action: ActionFile = Field(description="The action page: steps, contacts, general letter.")
    countries: list[PublishedCountry] = Field(
        default_factory=list,
        description="Where each State stands, with sources (empty when the campaign does not "
        "track countries). Added in format 1.1.",
    )
    country_summary: CountrySummary | None = Field(
        None,
        description="Counts from the country entries, as of the latest date one was checked "
        "(null when the campaign does not track countries). Added in format 1.1.",
    )


# Concern fields whose meaning the content model leaves to its field name.
CONCERN_FIELD_NOTES = {
    "title": "Title of the concern.",
    "articles": "Treaty articles the concern is about: number, optional paragraph and note.",
    "sections": "The page's text, in Markdown: what_it_says, why_it_matters, "
    "who_is_affected, what_we_recommend.",
    "related": "Slugs of related concerns.",
    "tags": "Topic tags (slugs).",
    "sources": "Ids of the sources (see the top-level sources).",
    "assessment": "Whether the adopted text addresses the concern: status, evidence, the "
    "language version of the text read (read_in), what is still unconfirmed, sources.",
    "email": "The concern's own letter as written in its file, or null (see letter).",
    "last_reviewed": "Date (YYYY-MM-DD) the concern was last checked against its sources.",
}


COUNTRY_FIELD_NOTES = {
    "code": "ISO 3166-1 alpha-2 code in lower case; eu for the European Union.",
    "actions": "What the State did: type, date, confirmation, sources and note.",
    "checked": "Date (YYYY-MM-DD) the entry was last checked against its sources.",
    "sources": "Ids of the sources for the entry's note.",
    "note": "A remark in Markdown, with who reports it, or null.",
    "contacts": "Who to write to there (name, url, email, source), only as a source gives it.",
}


def published_concern(c: Campaign, concern: Concern) -> PublishedConcern:
    site = c.campaign.site
    mail = concern.email or c.action.email
    return PublishedConcern(
        **dict(concern),
        url=concern_url(site, concern),
        alias_urls=[absolute(site, concern_path(alias)) for alias in concern.aliases],
        history_url=history_url(site, concern),
        card_url=absolute(site, card_path(concern.slug)),
        letter=Letter(
            subject=mail.subject,
            body=mail.body,
            mailto=mailto("", mail.subject, mail.body),
            url=absolute(site, letter_path(concern.slug)),
        ),
        citation=Citation(text=citation_text(site, concern), bibtex=bibtex(site, concern)),
    )


def last_updated(c: Campaign) -> dt.date:
    return max(x.last_reviewed for x in c.concerns)


def published_countries(c: Campaign) -> list[PublishedCountry]:
    if c.countries is None:
        return []
    from .tracker import card_path

    site = c.campaign.site
    language = site.language
    return [
        PublishedCountry(
            **dict(x),
            name=k.country_name(x, language),
            status=k.status(x),
            url=absolute(site, k.country_path(x.code)),
            card_url=absolute(site, card_path(x.code)),
        )
        for x in k.ordered(c.countries.countries, language)
    ]


def country_summary(c: Campaign) -> CountrySummary | None:
    calendar = c.campaign.treaty.calendar
    if c.countries is None or calendar is None:
        return None
    p = k.progress(c.countries, calendar)
    return CountrySummary(
        as_of=p.as_of,
        complete=p.complete,
        authority_url=c.source(c.countries.authority).url,
        signatures=Tally(**vars(p.signatures)),
        instruments=Tally(**vars(p.instruments)),
        instruments_needed=p.needed,
        signature_closes=calendar.signature_closes,
    )


def open_data(c: Campaign) -> OpenData:
    return OpenData.model_validate(
        {
            "$schema": absolute(c.campaign.site, SCHEMA_PATH),
            "schema_version": SCHEMA_VERSION,
            "updated": last_updated(c),
            "site": c.campaign.site,
            "treaty": c.campaign.treaty,
            "concerns": [published_concern(c, x) for x in c.concerns],
            "articles": c.articles,
            "recommendation_groups": c.groups,
            "sources": c.sources,
            "timeline": c.events,
            "glossary": c.glossary,
            "action": c.action,
            "countries": published_countries(c),
            "country_summary": country_summary(c),
        }
    )


@functools.cache  # pydantic builds a schema slowly; the open-data page reads it twice
def _schema(model: type[Strict]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization", by_alias=True)


def json_schema(site: SiteInfo) -> dict[str, Any]:
    # The model's examples describe no campaign in particular (example.org addresses, a
    # made-up treaty's dates): in a campaign's published data they would read as its facts.
    schema = _without_examples(_schema(OpenData))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site, SCHEMA_PATH),
        **schema,
        "title": "Campaign open data",
        "description": f"{JSON_PATH}, format version {SCHEMA_VERSION}.",
    }


def _without_examples(schema: Any) -> Any:
    if isinstance(schema, dict):
        # a list under "examples" is a keyword; a property may still be named so
        return {
            k: _without_examples(v)
            for k, v in schema.items()
            if not (k == "examples" and isinstance(v, list))
        }
    if isinstance(schema, list):
        return [_without_examples(v) for v in schema]
    return schema


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# -- CSV: one row per concern; lists are joined with "; " --

Column = tuple[str, str, Callable[[PublishedConcern], str]]


def _joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


CSV_COLUMNS: list[Column] = [
    ("slug", "Permanent identifier; the page is /concerns/<slug>/.", lambda x: x.slug),
    ("title", "Title of the concern.", lambda x: x.title),
    ("summary", "One-sentence summary.", lambda x: x.summary),
    ("url", "Permanent address of the page.", lambda x: x.url),
    ("articles", "Treaty article numbers.", lambda x: _joined(a.article for a in x.articles)),
    ("status", "Assessment against the adopted text.", lambda x: x.assessment.status),
    ("last_reviewed", "Date last reviewed (YYYY-MM-DD).", lambda x: x.last_reviewed.isoformat()),
    ("fixes", "Ids of the recommended fixes.", lambda x: _joined(x.fixes)),
    ("tags", "Topic tags.", lambda x: _joined(x.tags)),
    ("sources", "Ids of the sources.", lambda x: _joined(x.sources)),
    ("aliases", "Earlier slugs that redirect here.", lambda x: _joined(x.aliases)),
    ("history_url", "Change history, empty when not published.", lambda x: x.history_url or ""),
    ("letter_url", "The ready-made email on the action page.", lambda x: x.letter.url),
]
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Defuse spreadsheet formulas (OWASP CSV injection) with a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


# A byte order mark first: without it, Excel reads UTF-8 as the machine's legacy code page
# and shows accents and Arabic as mojibake. Python's "utf-8-sig" reads and drops it.
BOM = "\ufeff"


def _csv_file() -> tuple[io.StringIO, Any]:
    """An empty CSV file that starts with the byte order mark, and its writer."""
    out = io.StringIO()
    out.write(BOM)
    return out, csv.writer(out, lineterminator="\r\n")


def concerns_csv(data: OpenData) -> str:
    out, writer = _csv_file()
    writer.writerow([name for name, _, _ in CSV_COLUMNS])
    for concern in data.concerns:
        writer.writerow([csv_cell(get(concern)) for _, _, get in CSV_COLUMNS])
    return out.getvalue()


# -- CSV: one row per country --


def _action_cells(action: TreatyAction | None) -> list[str]:
    if action is None:
        return ["", "", "", ""]
    return [action.type, action.date or "", action.confirmation, _joined(action.sources)]


COUNTRY_CSV_COLUMNS: list[tuple[str, str]] = [
    ("code", "ISO 3166-1 alpha-2 code, lower case; eu for the European Union."),
    ("name", "Name in the site's language (Unicode CLDR)."),
    ("status", "party, signed or not-signed (see campaign.json)."),
    ("signature_date", "Date of signature, YYYY-MM-DD; empty when not recorded."),
    ("signature_confirmation", "confirmed, reported or unconfirmed."),
    ("signature_sources", "Ids of the sources reporting the signature."),
    ("instrument", "ratification, acceptance, approval or accession; empty if none."),
    ("instrument_date", "Date the instrument was deposited; empty when not recorded."),
    ("instrument_confirmation", "confirmed, reported or unconfirmed."),
    ("instrument_sources", "Ids of the sources reporting the instrument."),
    ("checked", "Date the entry was last checked (YYYY-MM-DD)."),
    ("url", "The country's page."),
    ("notes", "The entry's note, then each action's, after its type; separated by ' | '."),
    ("source_urls", "Addresses of every source the row cites, separated by spaces."),
]


def _notes(country: PublishedCountry) -> str:
    notes = [country.note] if country.note else []
    notes += [f"{a.type}: {a.note}" for a in country.actions if a.note]
    return " | ".join(" ".join(note.split()) for note in notes)


def _source_urls(country: PublishedCountry, urls: dict[str, str]) -> str:
    cited = [*country.sources, *(i for action in country.actions for i in action.sources)]
    return " ".join(dict.fromkeys(urls[i] for i in cited))


def countries_csv(data: OpenData) -> str:
    out, writer = _csv_file()
    writer.writerow([name for name, _ in COUNTRY_CSV_COLUMNS])
    urls = {source.id: source.url for source in data.sources}
    for x in data.countries:
        signed = k.signature(x)
        joined = k.instrument(x)
        sig = _action_cells(signed)
        inst = _action_cells(joined)
        row = [x.code, x.name, x.status, *sig[1:], *inst, x.checked.isoformat(), x.url]
        row += [_notes(x), _source_urls(x, urls)]
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


# -- Atom feed: one entry per concern, dated by its last review --


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _entry_html(concern: PublishedConcern, links: markup.SiteLinks) -> str:
    sections = [
        ("What the text says", concern.sections.what_it_says),
        ("Why it matters", concern.sections.why_it_matters),
        ("Who is affected", concern.sections.who_is_affected),
        ("What we ask", concern.sections.what_we_recommend),
    ]
    body = "".join(f"<h2>{title}</h2>{markup.block(text, links)}" for title, text in sections)
    return f"<p>{markup.text(concern.summary)}</p>{body}"


def entry_id(site: SiteInfo, concern: Concern) -> str:
    """The address the concern was first published at: a rename is not a new entry."""
    return absolute(site, concern_path(concern.first_slug))


@dataclass(frozen=True)
class CountryChange:
    """Every State that took the same kind of step on the same day: one feed entry."""

    day: dt.date
    kind: Literal["signature", "instrument"]
    countries: tuple[PublishedCountry, ...]


def country_changes(data: OpenData) -> list[CountryChange]:
    """Status changes the data dates, newest first; unconfirmed ones are not news."""
    groups: dict[tuple[dt.date, str], list[PublishedCountry]] = {}
    for country in data.countries:
        for action in country.actions:
            if not k.counted(action) or not action.date or action.date.count("-") != 2:
                continue
            kind = "signature" if action.type == "signature" else "instrument"
            groups.setdefault((dt.date.fromisoformat(action.date), kind), []).append(country)
    return [
        CountryChange(day, kind, tuple(groups[(day, kind)]))  # type: ignore[arg-type]
        for day, kind in sorted(groups, reverse=True)
    ]


def _change_title(change: CountryChange, complete: bool) -> str:
    """What the entry says happened that day. Counted from an incomplete list, a number is
    only what the list holds, never the day's total: the title says so."""
    when = human_date(change.day, "en")
    names = [x.name for x in change.countries]
    if len(names) == 1:
        verb = "signed" if change.kind == "signature" else "joined"
        return f"{names[0]} {verb} on {when}"
    what = "signatures" if change.kind == "signature" else "States joined"
    if complete:
        return f"{len(names)} {what} on {when}"
    return f"{what.capitalize()} on {when}: {len(names)} in our incomplete list"


def _change_entry(
    feed: ET.Element, data: OpenData, change: CountryChange, note: str | None = None
) -> None:
    site = data.site
    names = [x.name for x in change.countries]
    one = len(change.countries) == 1
    summary = data.country_summary
    complete = summary is None or summary.complete
    href = change.countries[0].url if one else absolute(site, "countries/")
    entry = _sub(feed, "entry")
    _sub(entry, "id", absolute(site, f"countries/#{change.kind}-{change.day.isoformat()}"))
    _sub(entry, "title", _change_title(change, complete))
    _sub(entry, "link", rel="alternate", type="text/html", href=href)
    _sub(entry, "updated", _timestamp(change.day))
    caveat = ""
    if not complete and summary is not None:
        caveat = f" Our list is incomplete; the official record is {summary.authority_url}"
    _sub(entry, "summary", ", ".join(names) + "." + caveat, type="text")
    items = []
    for country in change.countries:
        action = next(
            a
            for a in country.actions
            if a.date == change.day.isoformat()
            and (a.type == "signature") == (change.kind == "signature")
        )
        items.append(
            f'<li><a href="{html.escape(country.url)}">{html.escape(country.name)}</a>: '
            f"{action.type}, {action.confirmation}</li>"
        )
    context = ""
    if not complete and summary is not None:
        url = html.escape(summary.authority_url)
        links = markup.SiteLinks(here=absolute(site, ""), root=absolute(site, ""))
        context = (
            f'<p>Our list is incomplete; the official record is <a href="{url}">{url}</a>.</p>'
            f"{markup.block(note, links)}"
        )
    _sub(entry, "content", f"<ul>{''.join(items)}</ul>{context}", type="html")
    _sub(entry, "category", term="countries")


def atom_feed(data: OpenData, countries_note: str | None = None) -> bytes:
    """The feed; `countries_note` is countries.yml's note, which an entry about countries
    carries while the list is incomplete (it says what the official record confirms)."""
    site = data.site
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": site.language})
    _sub(feed, "id", absolute(site, FEED_PATH))
    _sub(feed, "title", f"{site.name}: concern updates")
    _sub(feed, "subtitle", site.tagline)
    changes = country_changes(data)
    newest = max([data.updated, *(change.day for change in changes)])
    _sub(feed, "updated", _timestamp(newest))
    _sub(_sub(feed, "author"), "name", site.publisher)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site, FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(site, ""))
    _sub(feed, "rights", site.license)
    # A feed reader sees the site's own pages as full addresses.
    links = markup.SiteLinks(here=absolute(site, ""), root=absolute(site, ""))
    newest_first = sorted(data.concerns, key=lambda x: x.last_reviewed, reverse=True)
    for concern in newest_first:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(site, concern))
        _sub(entry, "title", concern.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=concern.url)
        _sub(entry, "updated", _timestamp(concern.last_reviewed))
        _sub(entry, "summary", concern.summary, type="text")
        _sub(entry, "content", _entry_html(concern, links), type="html")
        for tag in concern.tags:
            _sub(entry, "category", term=tag)
    for change in changes:
        _change_entry(feed, data, change, countries_note)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def open_data_files(c: Campaign) -> dict[str, str | bytes]:
    """Docs-tree path -> content of every open-data file."""
    data = open_data(c)
    return {
        JSON_PATH: _dumps(data.model_dump(mode="json", by_alias=True)),
        SCHEMA_PATH: _dumps(json_schema(c.campaign.site)),
        CSV_PATH: concerns_csv(data),
        BIB_PATH: "\n".join(x.citation.bibtex for x in data.concerns),
        FEED_PATH: atom_feed(data, c.countries.note if c.countries else None),
        **({COUNTRIES_CSV_PATH: countries_csv(data)} if data.countries else {}),
    }


FEED_FIELDS = [
    (
        "id",
        "The address the concern was first published at; it identifies the entry, "
        "and stays the same when the concern is renamed (that address then redirects).",
    ),
    ("title", "Title of the concern."),
    ("link", "The concern's page."),
    ("updated", "The date the concern was last reviewed (midnight UTC)."),
    ("summary", "One-sentence summary, as plain text."),
    ("content", "The concern's four sections, as HTML."),
    ("category", "One per topic tag; 'countries' on an entry about countries."),
]
COUNTRY_FEED_NOTE = (
    "The feed also has one entry for each day on which States signed, or deposited an "
    "instrument, as the country data records it (confirmed or reported); its link leads to "
    "the country's page, or to the list when several States acted that day. While the list "
    "is incomplete, such an entry gives its count as the number in our list, not the day's "
    "total, and links the official record."
)


def field_docs(model: type[Strict], notes: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(field, description) for the open-data page, in the order the JSON writes them."""
    properties = _schema(model)["properties"]
    notes = notes or {}
    return [(name, p.get("description") or notes.get(name, "")) for name, p in properties.items()]


def json_field_docs() -> dict[str, list[tuple[str, str]]]:
    return {
        "top": field_docs(OpenData),
        "concern": field_docs(PublishedConcern, CONCERN_FIELD_NOTES),
        "country": field_docs(PublishedCountry, COUNTRY_FIELD_NOTES),
    }
