"""The campaign's content model: what a valid campaign is, and nothing else.

Pure data with validation. It knows nothing of files, YAML, Markdown pages or
site engines; the loader fills it and the renderer reads it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveInt,
    PrivateAttr,
    model_validator,
)

from . import sections
from .slugs import slugify

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NOT_IN_URLS = re.compile(r'[\x00-\x1f\x7f<>"`\\]')
_EMAIL_RE = re.compile(r"^[^@\s<>\"'()]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def _https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(
            "must be a full https:// address (http, javascript: and relative links are not allowed)"
        )
    if _NOT_IN_URLS.search(value):
        # Not valid in an address; a browser would guess, and the page would not be valid HTML.
        raise ValueError(
            "must not contain double quotes, angle brackets, backslashes or control characters; "
            'write them percent-encoded (" as %22, < as %3C, > as %3E)'
        )
    return value


def _site_address(value: str) -> str:
    """A site's own address: every permanent link is built by appending a path to it."""
    parts = urlsplit(value)
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not contain a user name or password: every page would publish them")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ValueError(
            "must be the address of the site's home page, without '?' or '#' and what follows"
        )
    return value


def site_url(value: str) -> str:
    """Check a site address given outside campaign.yml, as campaign.yml's is checked."""
    return _site_address(_https_url(value))


def https_url(value: str) -> str:
    """Check an address given outside the YAML (an option), as the YAML's are checked."""
    return _https_url(value)


def email(value: str) -> str:
    """Check an email address given outside the YAML, as the YAML's are checked."""
    return _email(value)


def _email(value: str) -> str:
    if value.lower().startswith("mailto:"):
        # The site writes the mailto: link itself; with it here, the link would not work.
        raise ValueError("must be the address alone, without 'mailto:'")
    if not _EMAIL_RE.match(value):
        raise ValueError("must be an email address such as name@example.org")
    return value


def _partial_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _PARTIAL_DATE_RE.match(str(value)) if isinstance(value, str | int) else None
    if not match:
        raise ValueError("must be a date written YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"is not a real date ({exc})") from None
    return str(value)


def _not_true_or_false(value: object) -> object:
    """`order: yes` would otherwise count as 1: YAML reads yes as true, and true is 1."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    return value


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must fit on one line")
    return value.strip()


def _time_zone(value: str) -> str:
    # The names Python's zoneinfo knows, from the system or the tzdata package: the same
    # list browsers use (IANA's), so a reader's browser counts days in the same zone.
    names = _zone_names()
    if value not in names:
        import difflib

        near = difflib.get_close_matches(value, sorted(names), n=1)
        raise ValueError(
            "must be a time zone name from the IANA list, such as America/New_York, "
            "Europe/Vienna or UTC" + (f"; did you mean {near[0]}?" if near else "")
        )
    return value


@functools.cache
def _zone_names() -> frozenset[str]:
    """The IANA names browsers know too: not the files a system keeps beside them
    (localtime, the machine's own zone; posixrules; Factory)."""
    import zoneinfo

    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory", "posixrules"})


TimeZoneName = Annotated[str, AfterValidator(_time_zone)]


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_RE,
        max_length=80,
        description="Lowercase ASCII words joined by hyphens, "
        "e.g. 'compelled-technical-assistance'.",
    ),
]
WholeNumber = Annotated[int, BeforeValidator(_not_true_or_false)]
Positive = Annotated[PositiveInt, BeforeValidator(_not_true_or_false)]
PlainText = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=300)]


class _MarkdownMark:
    """Marks a field as Markdown, so that its links and raw HTML are checked (see bodies.py)."""

    def __repr__(self) -> str:
        return "MARKDOWN"


MARKDOWN = _MarkdownMark()
# The one rule for links and markup in Markdown fields, shown in the field reference.
MARKDOWN_RULE = (
    "Markdown text: **bold**, *italic*, lists, [links](https://...). A link is a full "
    "https:// address, a mailto: address, a #section of the same page, or a page of this site "
    "written from its root, such as /about/ or /concerns/<slug>/ (it then works in every "
    "language). http://, javascript: and other links, images and raw HTML are refused. "
    "Words in another language are marked with it, for screen readers: [the words]{lang=fr}."
)
Markdown = Annotated[str, Field(min_length=1, description=MARKDOWN_RULE), MARKDOWN]
# One line of it, as a note after a source: emphasis, links, words in another language.
InlineMarkdown = Annotated[
    str,
    AfterValidator(_one_line),
    Field(
        min_length=1,
        max_length=300,
        description="One line of Markdown: **bold**, *italic*, [links](https://...) and "
        "[words in another language]{lang=fr}, under the rules of Markdown text.",
    ),
    MARKDOWN,
]
HttpsUrl = Annotated[
    str,
    AfterValidator(_https_url),
    Field(description="A full https:// address.", json_schema_extra={"pattern": "^https://"}),
]
Email = Annotated[str, AfterValidator(_email)]
LanguageCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$",
        description="A language code such as 'en', 'ar' or 'pt-BR'.",
    ),
]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(
        description="YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known.",
        # YAML editors read a bare year (2024) as a number; the model accepts it too.
        json_schema_extra={"pattern": _PARTIAL_DATE_RE.pattern, "type": ["string", "integer"]},
    ),
]
Confirmation = Literal["confirmed", "reported", "unconfirmed"]
Assessed = Literal["not-addressed", "partly-addressed", "addressed", "not-yet-assessed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Link(Strict):
    title: PlainText = Field(description="Text of the link.", examples=["Official text"])
    url: HttpsUrl = Field(examples=["https://www.example.org/treaty-text"])


class Source(Strict):
    id: Slug = Field(
        description="How concerns and other files refer to this source.",
        examples=["rights-group-analysis"],
    )
    title: PlainText = Field(
        description="Title as published.", examples=["What the final text means for you"]
    )
    publisher: PlainText = Field(description="Who published it.", examples=["Example Rights Group"])
    date: PartialDate | None = Field(
        None,
        description="When it was published; leave out only when the source gives no date.",
        examples=["2024-08-09"],
    )
    url: HttpsUrl = Field(examples=["https://www.example.org/analysis"])
    language: LanguageCode | None = Field(
        None,
        description="The language it is written in, when not the campaign's own "
        "(site.language): its title is then marked as such on every page.",
        examples=["fr"],
    )
    note: InlineMarkdown | None = Field(
        None,
        description="Shown after the source, e.g. which draft it discusses.",
        examples=["Discusses the draft, not the adopted text."],
    )

    @property
    def date_key(self) -> str:
        """Sorts undated sources last when newest come first."""
        return self.date or ""


class Fact(Strict):
    label: PlainText = Field(description="What the fact is about.", examples=["Adopted"])
    value: PlainText = Field(description="The fact itself.", examples=["14 March 2025"])
    confirmation: Confirmation = Field(
        description="How sure we are (see the About page).", examples=["confirmed"]
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml that back this fact.",
        examples=[["un-press-release"]],
    )
    note: PlainText | None = Field(
        None, description="A short remark shown with the fact.", examples=["By consensus."]
    )
    as_of: dt.date | None = Field(
        None,
        description="For a fact that can change (a count, 'not yet in force'): the date it "
        "was last checked; shown as 'as of'.",
        examples=["2026-11-30"],
    )


ActionType = Literal["signature", "ratification", "acceptance", "approval", "accession"]
ACTION_TYPES: tuple[ActionType, ...] = typing.get_args(ActionType)
# Instruments that count toward entry into force; a signature does not.
INSTRUMENT_TYPES: tuple[str, ...] = ("ratification", "acceptance", "approval", "accession")


class TreatyCalendar(Strict):
    adopted: dt.date = Field(
        description="The day the treaty was adopted; no action can come before it.",
        examples=["2025-03-14"],
    )
    signature_opens: dt.date = Field(
        description="First day the treaty could be signed.", examples=["2025-06-01"]
    )
    signature_closes: dt.date = Field(
        description="Last day the treaty can be signed. From the next day a State can only "
        "join by accession, and no page asks a State about signing.",
        examples=["2026-05-31"],
    )
    time_zone: TimeZoneName = Field(
        "UTC",
        description="The time zone of the place where the treaty is signed, e.g. the "
        "depositary's: the day there decides when signature closes, on the site and in each "
        "reader's browser (a reader in Tokyo still sees it open on the last evening in New "
        "York).",
        examples=["America/New_York"],
    )
    instruments_needed: Positive = Field(
        description="How many instruments of ratification, acceptance, approval or accession "
        "bring the treaty into force.",
        examples=[40],
    )
    days_to_entry_into_force: WholeNumber = Field(
        0,
        ge=0,
        # Treaties count days or months, not decades; a runaway number is a typo.
        le=3650,
        description="Days after the last needed instrument is deposited until the treaty "
        "enters into force (0: on that day; at most 3650).",
        examples=[90],
    )
    action_types: list[ActionType] = Field(
        default_factory=lambda: list(ACTION_TYPES),
        min_length=1,
        description="The ways a State can act on this treaty, as its final clauses list them.",
        examples=[["signature", "ratification", "acceptance", "approval", "accession"]],
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml that give these dates.",
        examples=[["depositary-status"]],
    )


class Treaty(Strict):
    name: PlainText = Field(
        description="Short name used in running text.", examples=["the Convention"]
    )
    full_title: Annotated[str, Field(min_length=1, max_length=600)] = Field(
        description="The official title.",
        examples=["Convention on the Protection of Personal Data"],
    )
    summary: Markdown = Field(
        description="What the treaty is, in plain words.",
        examples=["A treaty that makes countries share evidence about crimes."],
    )
    status: Markdown = Field(
        description="Where it stands now.", examples=["Adopted; open for signature."]
    )
    facts: list[Fact] = Field(
        default_factory=list, description="Key facts, each with how sure we are of it."
    )
    links: list[Link] = Field(default_factory=list, description="Links to official documents.")
    status_as_of: dt.date | None = Field(
        None,
        description="The date on which 'status' was last checked; pages show it as 'as of'. "
        "Give it whenever the status says something that can change (signatures, entry into "
        "force).",
        examples=["2026-11-30"],
    )
    calendar: TreatyCalendar | None = Field(
        None,
        description="The treaty's dates and entry-into-force rule. The country tracker, the "
        "asks and the letters follow it; without it a campaign has no country pages.",
    )


# Where a preview points while a campaign has no public address yet: a name that can never
# resolve (RFC 2606 reserves .invalid), and that a production build refuses.
UNSET_URL = "https://site-address-not-set.invalid"


class CampaignContact(Strict):
    email: Email | None = Field(
        None,
        description="An address that the campaign reads.",
        examples=["team@treaty-campaign.example.org"],
    )
    url: HttpsUrl | None = Field(
        None,
        description="A contact form or page, such as the repository's issues page.",
        examples=["https://github.com/example/treaty-explainer/issues"],
    )

    @model_validator(mode="after")
    def _one_way_at_least(self) -> CampaignContact:
        if not (self.email or self.url):
            raise ValueError("give an email, a url or both")
        return self


class SiteInfo(Strict):
    name: PlainText = Field(description="Name of the site.", examples=["Treaty explainer"])
    tagline: PlainText = Field(
        description="One line under the name.", examples=["What the treaty means for you"]
    )
    description: PlainText = Field(
        description="One sentence for search engines and share cards.",
        examples=["Why the treaty needs stronger safeguards, concern by concern."],
    )
    url: Annotated[HttpsUrl, AfterValidator(_site_address)] = Field(
        UNSET_URL,
        description="Public address of the built site; used for permanent links, citations "
        "and share cards. Leave it out until the site has an address of its own: previews then "
        f"use {UNSET_URL}, and the deploy workflow passes the address GitHub Pages reports "
        "(--site-url or TX_SITE_URL). A production build refuses a placeholder address.",
        examples=["https://treaty.example.org"],
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")] = Field(
        "en",
        description="Language of the content: a code such as en, fr or pt-BR.",
        examples=["en"],
    )
    publisher: PlainText = Field(
        description="Who publishes the site, as shown in citations.", examples=["Example Campaign"]
    )
    repository: HttpsUrl | None = Field(
        None,
        description="Where the content files are kept; linked from the About page and from "
        "each concern's change history. Without it, the deploy workflow passes the GitHub "
        "repository's address (--repository or TX_REPOSITORY).",
        examples=["https://github.com/example/treaty-explainer"],
    )
    contact: CampaignContact | None = Field(
        None,
        description="How to reach whoever publishes this site: 'Questions about this campaign' "
        "lead here. Only the campaign's own address, never a contact from a source. Without it, "
        "the deploy workflow passes the repository's issues page (--contact-url or "
        "TX_CONTACT_URL); a production build refuses a site with no contact.",
    )
    license: PlainText = Field(
        "CC BY 4.0", description="Licence of the content.", examples=["CC BY 4.0"]
    )
    example: bool = Field(
        False,
        description="True for a fictional example campaign; every page then says so.",
        examples=[False],
    )


class Home(Strict):
    intro: Markdown = Field(
        description="The first paragraphs of the home page.",
        examples=["The Convention was adopted in 2024. Here is what it means."],
    )
    call_to_action: PlainText = Field(
        description="Text of the main button on the home page.", examples=["Act now"]
    )


class CampaignFile(Strict):
    site: SiteInfo = Field(description="Name, address and publisher of the site.")
    treaty: Treaty = Field(description="The treaty this campaign is about.")
    home: Home = Field(description="Text of the home page.")
    about: Markdown = Field(
        description="Text of the About page: who we are and how we work. Each '## ' "
        "heading starts a section with its own link; one headed 'How sure we are' also "
        "explains the marks (confirmed, reported, unconfirmed).",
        examples=["We are a coalition of digital-rights groups."],
    )
    # The source language's '## ' headings of `about`, which name its sections' anchors
    # in every language: a translation is a copy of this model, and keeps them.
    _about_headings: tuple[str, ...] = PrivateAttr(default=())

    def model_post_init(self, context: object) -> None:
        self._about_headings = sections.headings(self.about)

    @property
    def about_headings(self) -> tuple[str, ...]:
        return self._about_headings


class Article(Strict):
    number: Positive = Field(description="Number of the article in the treaty.", examples=[28])
    subject: PlainText = Field(
        description="Our own short description of what the article is "
        "about (not its official title).",
        examples=["Access to stored data"],
    )
    official_title: PlainText | None = Field(
        None,
        description="Only once confirmed from the official text.",
        examples=["Access to stored data by public authorities"],
    )
    summary: Markdown = Field(
        description="What the article says, in plain words.",
        examples=["Lets authorities copy stored data."],
    )
    confirmation: Confirmation = Field(
        description="How sure we are of the number and wording.", examples=["reported"]
    )
    note: Markdown | None = Field(
        None,
        description="A remark, e.g. how the numbering changed between drafts.",
        examples=["Numbered 21 in the draft."],
    )
    official_url: HttpsUrl = Field(
        description="Link to the article in the official text.",
        examples=["https://www.example.org/treaty-text#article-28"],
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml about this article.",
        examples=[["rights-group-analysis"]],
    )


class ArticlesFile(Strict):
    articles: list[Article] = Field(description="Every treaty article that a concern cites.")


class Recommendation(Strict):
    id: Slug = Field(
        description="How concerns refer to this fix (in their 'fixes').",
        examples=["judicial-authorisation"],
    )
    title: PlainText = Field(description="The fix, in a few words.", examples=["Require a judge"])
    text: Markdown = Field(
        description="The fix, explained.",
        examples=["Every use of the power needs prior approval by an independent judge."],
    )


class RecommendationGroup(Strict):
    id: Slug = Field(description="Anchor of the group on its page.", examples=["safeguards"])
    title: PlainText = Field(
        description="Name of the group.", examples=["Strong human-rights safeguards"]
    )
    summary: Markdown = Field(
        description="What the fixes in this group have in common.",
        examples=["Every power needs limits that a court can check."],
    )
    recommendations: list[Recommendation] = Field(
        min_length=1, description="The fixes in this group (at least one)."
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml behind these fixes.",
        examples=[["rights-group-analysis"]],
    )


class RecommendationsFile(Strict):
    groups: list[RecommendationGroup] = Field(description="Groups of recommended fixes.")


class SourcesFile(Strict):
    sources: list[Source] = Field(description="Every source the site cites.")


class TimelineEvent(Strict):
    date: PartialDate = Field(description="When it happened (or began).", examples=["2024-08-08"])
    end_date: PartialDate | None = Field(
        None, description="Last day, for events that lasted several days.", examples=["2024-08-09"]
    )
    title: PlainText = Field(
        description="What happened.", examples=["Negotiating committee approves the text"]
    )
    description: Markdown | None = Field(
        None, description="More detail.", examples=["Approved without a vote."]
    )
    confirmation: Confirmation = Field(
        description="How sure we are that it happened as written.", examples=["confirmed"]
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml that report it.",
        examples=[["un-press-release"]],
    )
    # An event's own anchor starts with its date: an earlier one may too.
    anchors: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]] = Field(
        default_factory=list,
        description="Earlier anchors of this event on the timeline page, which still lead "
        "to it: links to them keep working after its own anchor changed (its date or title).",
        examples=[["2022-02-first-negotiating-session"]],
    )

    # Its anchor on the timeline page: its date and the slug of its title in the source
    # language, so that it stays the same when an event is added before it, and in every
    # language (a translation is a copy of this model, and keeps it).
    _anchor: str = PrivateAttr(default="")

    def model_post_init(self, context: object) -> None:
        self._anchor = "-".join(x for x in (self.date, slugify(self.title)) if x)

    @property
    def anchor(self) -> str:
        return self._anchor


class TimelineFile(Strict):
    events: list[TimelineEvent] = Field(description="Dated events, in any order.")

    @model_validator(mode="after")
    def _anchors_unique(self) -> TimelineFile:
        seen: set[str] = set()
        for event in self.events:
            for anchor in [event.anchor, *event.anchors]:
                if anchor in seen:
                    raise ValueError(
                        f"two events have the anchor '{anchor}' on the timeline page: give "
                        "events of the same day different titles, and each earlier anchor once"
                    )
                seen.add(anchor)
        return self


class GlossaryTerm(Strict):
    id: Slug = Field(
        description="Anchor of the term on the glossary page.", examples=["dual-criminality"]
    )
    term: PlainText = Field(description="The word or phrase.", examples=["Dual criminality"])
    definition: Markdown = Field(
        description="What it means, in plain words.",
        examples=["The rule that an act must be a crime in both countries."],
    )


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(default_factory=list, description="Terms, in any order.")


class EmailTemplate(Strict):
    subject: PlainText = Field(
        description="Subject line of the letter.", examples=["Please do not ratify as it stands"]
    )
    body: Annotated[str, Field(min_length=1, max_length=4000)] = Field(
        description="Text of the letter; readers copy it or open it in their email app.",
        examples=["Dear [name],\n\nPlease ...\n\nYours, [your name]"],
    )


class Contact(Strict):
    name: PlainText = Field(description="Full name.", examples=["Alex Example"])
    role: PlainText = Field(description="Their role.", examples=["Policy lead"])
    organisation: PlainText = Field(
        description="Where they work.", examples=["Ministry of Justice"]
    )
    email: Email = Field(description="A public email address.", examples=["policy@example.org"])
    source: Slug = Field(
        description="The source that names this contact.", examples=["ministry-contacts"]
    )


class Step(Strict):
    title: PlainText = Field(
        description="The step, in a few words.", examples=["Write to your government"]
    )
    text: Markdown = Field(description="How to do it.", examples=["Use the letter below."])


class Ask(Strict):
    title: PlainText = Field(
        description="What to ask, in a few words.",
        examples=["Do not ratify until national law has the safeguards"],
    )
    text: Markdown = Field(
        description="Why, and what exactly to ask for.",
        examples=["Your country has signed. Ask parliament to hold hearings first."],
    )
    letter: EmailTemplate = Field(description="A ready letter making this ask.")


class OrganisationAsks(Strict):
    """What to ask the European Union, by its status: it is not a State but an organisation
    of States, which signs and joins a treaty in its own right, decided by its own
    institutions, not by a national parliament or ministry."""

    not_signed_before_deadline: Ask | None = Field(
        None, description="The EU has not signed, while the treaty is open for signature."
    )
    not_signed_after_deadline: Ask | None = Field(
        None,
        description="The EU has not signed, after the signature deadline. Never ask it to sign.",
    )
    signed: Ask | None = Field(None, description="The EU has signed but not yet joined.")
    joining_unconfirmed: Ask | None = Field(
        None, description="The EU's joining is reported, but not confirmed as deposited."
    )
    party: Ask | None = Field(None, description="The EU has joined the treaty.")


class Asks(Strict):
    """What to ask a State now. The generator picks one by the State's status and the date."""

    not_signed_before_deadline: Ask = Field(
        description="A State that has not signed, while the treaty is open for signature "
        "(the campaign chooses: not to sign, or to sign only with safeguards)."
    )
    not_signed_after_deadline: Ask = Field(
        description="A State that has not signed, after the signature deadline: it can only "
        "join by accession. Never ask it to sign."
    )
    signed: Ask = Field(
        description="A State that has signed but not ratified: for example not to ratify "
        "until national law has the safeguards."
    )
    joining_unconfirmed: Ask | None = Field(
        None,
        description="A State whose ratification, acceptance, approval or accession is "
        "reported but not confirmed as deposited (its entry in countries.yml has an "
        "'unconfirmed' instrument): its parliament may have approved it already, so asking "
        "it not to ratify would be out of date. For example to publish its declarations and "
        "reservations and to write the safeguards into the law that puts the treaty into "
        "effect. Without it, such a State is asked what its signature alone would ask.",
    )
    party: Ask = Field(
        description="A State that has ratified, accepted, approved or acceded: for example to "
        "write the safeguards into national law."
    )
    organisation: OrganisationAsks | None = Field(
        None,
        description="What to ask the European Union ('eu' in countries.yml) in its status, "
        "instead of the asks above, which speak of a State, its country and its parliament. "
        "Needed for the EU's current status when countries.yml lists it.",
    )


class ActionFile(Strict):
    title: PlainText = Field(description="Title of the action page.", examples=["Take action"])
    intro: Markdown = Field(
        description="First paragraph of the action page.",
        examples=["Governments decide whether to ratify. Here is how to reach yours."],
    )
    steps: list[Step] = Field(min_length=1, description="What readers can do (at least one).")
    contacts: list[Contact] = Field(
        default_factory=list, description="People readers can write to."
    )
    email: EmailTemplate = Field(description="The general letter, used where a concern has none.")
    asks: Asks | None = Field(
        None,
        description="What to ask each State now, by its status and the treaty's calendar; "
        "needed with countries.yml.",
    )


class ArticleRef(Strict):
    article: Positive = Field(description="Number of an article in articles.yml.", examples=[28])
    paragraph: PlainText | None = Field(
        None, description="Paragraph(s) of the article, if only some.", examples=["3(b)"]
    )
    note: PlainText | None = Field(
        None, description="A remark shown with the article.", examples=["Numbered as in the draft."]
    )


class Sections(Strict):
    what_it_says: Markdown = Field(
        description="What the treaty text says, plainly.",
        examples=["Article 28 lets authorities read stored data without asking a judge."],
    )
    why_it_matters: Markdown = Field(
        description="Why it is a problem, with an example.",
        examples=["Anyone's records could be read without a court knowing."],
    )
    who_is_affected: Markdown = Field(
        description="Who could be harmed.",
        examples=["Everyone whose data is stored."],
    )
    what_we_recommend: Markdown = Field(
        description="What should change, in a sentence or two.",
        examples=["Require a judge's approval for every request."],
    )


class Assessment(Strict):
    status: Assessed = Field(
        description="Whether the adopted text addresses the concern.", examples=["not-addressed"]
    )
    evidence: Markdown | None = Field(
        None, description="Why we say so.", examples=["The adopted text keeps the draft wording."]
    )
    read_in: LanguageCode | None = Field(
        None,
        description="Language code of the version of the adopted text that was read for this "
        "assessment, when a treaty has several authentic languages and the one read matters "
        "(its headings in other languages are then translations).",
        examples=["ar"],
    )
    unconfirmed: Markdown | None = Field(
        None,
        description="What the assessment could not confirm; for a concern not yet assessed, "
        "why not.",
        examples=["Article 28 has not yet been read in any official language version."],
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources in sources.yml behind the assessment.",
        examples=[["rights-group-analysis"]],
    )


class Concern(Strict):
    slug: Slug = Field(
        description="Permanent address: /concerns/<slug>/. Never change it "
        "without adding the old one to aliases.",
        examples=["access-without-a-judge"],
    )
    title: PlainText = Field(
        description="The concern, in a few words.", examples=["Access without a judge"]
    )
    summary: Annotated[PlainText, Field(max_length=320)] = Field(
        description="One plain sentence.",
        examples=["Authorities could read stored data without a judge's approval."],
    )
    order: WholeNumber = Field(
        100, description="Position in lists; lower comes first.", examples=[10]
    )
    articles: list[ArticleRef] = Field(
        min_length=1,
        description="The treaty articles this concern is about (at least one).",
        examples=[[{"article": 28}]],
    )
    sections: Sections = Field(description="The four parts of the concern's page.")
    fixes: list[Slug] = Field(
        min_length=1,
        description="Ids of recommendations in recommendations.yml.",
        examples=[["judicial-authorisation"]],
    )
    related: list[Slug] = Field(
        default_factory=list,
        description="Slugs of other concerns to show as related.",
        examples=[["secret-surveillance"]],
    )
    tags: list[Slug] = Field(
        default_factory=list, description="Topic words for grouping.", examples=[["surveillance"]]
    )
    sources: list[Slug] = Field(
        min_length=1,
        description="Ids of sources in sources.yml (at least one).",
        examples=[["rights-group-analysis"]],
    )
    assessment: Assessment = Field(description="How the adopted text deals with the concern.")
    email: EmailTemplate | None = Field(
        None, description="A letter about this concern; without it, the general letter is used."
    )
    aliases: list[Slug] = Field(
        default_factory=list,
        description="Previous slugs, oldest first; each keeps its old address working. Add a "
        "new one at the end: the first slug the concern ever had keeps its citation key and "
        "its feed entry.",
        examples=[["old-slug"]],
    )
    last_reviewed: dt.date = Field(
        description="When someone last checked this concern against its sources.",
        examples=["2026-11-20"],
    )

    @property
    def first_slug(self) -> str:
        """The slug the concern was first published under: a name that never changes."""
        return self.aliases[0] if self.aliases else self.slug


CountryCode = Annotated[
    str,
    Field(
        min_length=1,
        max_length=12,
        description="ISO 3166-1 alpha-2 code in lower case (fr, br, za), or eu for the "
        "European Union.",
        json_schema_extra={"pattern": "^[a-z]{2}$"},
    ),
]


class TreatyAction(Strict):
    type: ActionType = Field(
        description="What the State did: signature, or an instrument of ratification, "
        "acceptance, approval or accession.",
        examples=["signature"],
    )
    date: PartialDate | None = Field(
        None,
        description="When, as the source gives it: for an instrument, the day it was "
        "deposited. Leave out only when no source gives the date (the page then says so).",
        examples=["2025-06-01"],
    )
    confirmation: Confirmation = Field(
        description="confirmed: listed by the treaty's depositary (the UN Treaty Collection); "
        "reported: stated by reliable sources; unconfirmed: shown with that warning. Only "
        "confirmed instruments count toward entry into force.",
        examples=["reported"],
    )
    sources: list[Slug] = Field(
        min_length=1,
        description="Ids of sources in sources.yml or countries.yml that report it.",
        examples=[["depositary-status"]],
    )
    note: Markdown | None = Field(
        None,
        description="Declarations or reservations, or what is not known yet.",
        examples=["With declarations and reservations."],
    )


class CountryContact(Strict):
    name: PlainText = Field(
        description="The body to contact, as the source names it.",
        examples=["Ministry of Foreign Affairs"],
    )
    url: HttpsUrl | None = Field(
        None, description="Its contact page.", examples=["https://www.example.org/contact"]
    )
    email: Email | None = Field(
        None, description="A public email address.", examples=["info@example.org"]
    )
    source: Slug = Field(
        description="The source that gives this contact.", examples=["ministry-contacts"]
    )


class Country(Strict):
    code: CountryCode = Field(examples=["fr"])
    official_name: bool = Field(
        False,
        description="true to call the country by its official name in ISO 3166 (from "
        "pycountry, in every language Debian's iso-codes translates it into) instead of its "
        "usual name from the Unicode CLDR: for 'ps', 'State of Palestine', as the UN Treaty "
        "Collection lists the signatory, rather than 'Palestinian Territories'. Only for a "
        "code that has an official name in ISO 3166.",
        examples=[True],
    )
    variant_name: bool = Field(
        False,
        description="true to call the country by the other form of its name the Unicode "
        "CLDR gives: for 'cd', 'Congo (DRC)' rather than 'Congo - Kinshasa'; in a language "
        "CLDR gives no other form in, its usual name. Only for a code that has one in English.",
        examples=[True],
    )
    actions: list[TreatyAction] = Field(
        default_factory=list,
        description="What it has done, in any order. Leave empty for a State that has not "
        "acted (say in 'note' who reports that).",
    )
    checked: dt.date = Field(
        description="When someone last checked this entry against its sources.",
        examples=["2026-11-30"],
    )
    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of sources for what 'note' says (for example a report that it has "
        "not signed).",
        examples=[["signing-ceremony-report"]],
    )
    note: Markdown | None = Field(
        None,
        description="Anything a reader should know, with who reports it.",
        examples=["Reported as not having signed at the ceremony."],
    )
    contacts: list[CountryContact] = Field(
        default_factory=list, description="Who to write to there, only as a source gives it."
    )


class CountriesFile(Strict):
    authority: Slug = Field(
        description="Id of the source that is the official record of signatures and "
        "ratifications (the depositary's status page); linked on every country page and used "
        "by the importer for what it adds.",
        examples=["depositary-status"],
    )
    complete: bool = Field(
        False,
        description="true only when every State's entry has been checked against the "
        "authority; otherwise every page says the list is incomplete.",
        examples=[False],
    )
    note: Markdown | None = Field(
        None,
        description="Shown above the list, e.g. where the data comes from.",
        examples=["Drawn from the depositary's page and press reports."],
    )
    sources: list[Source] = Field(
        default_factory=list,
        description="Sources only the country entries cite (ids must differ from sources.yml).",
    )
    countries: list[Country] = Field(description="One entry per State or organisation.")


class Campaign(Strict):
    """Everything the renderer needs, already cross-checked by the loader."""

    campaign: CampaignFile
    articles: list[Article]
    groups: list[RecommendationGroup]
    sources: list[Source]
    events: list[TimelineEvent]
    glossary: list[GlossaryTerm]
    action: ActionFile
    concerns: list[Concern]
    countries: CountriesFile | None = None

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def article(self, number: int) -> Article:
        return next(a for a in self.articles if a.number == number)

    def concern(self, slug: str) -> Concern:
        return next(c for c in self.concerns if c.slug == slug)

    def recommendation(self, rec_id: str) -> tuple[RecommendationGroup, Recommendation]:
        return next((g, r) for g in self.groups for r in g.recommendations if r.id == rec_id)


# File name (relative to the campaign directory) -> the model of its top level.
FILE_MODELS: dict[str, type[Strict]] = {
    "campaign.yml": CampaignFile,
    "articles.yml": ArticlesFile,
    "recommendations.yml": RecommendationsFile,
    "sources.yml": SourcesFile,
    "timeline.yml": TimelineFile,
    "glossary.yml": GlossaryFile,
    "action.yml": ActionFile,
    "countries.yml": CountriesFile,
}
CONCERNS_DIR = "concerns"
