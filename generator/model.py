"""The campaign's content model: what a valid campaign is, and nothing else.

Pure data with validation. It knows nothing of files, YAML, Markdown pages or
site engines; the loader fills it and the renderer reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PositiveInt

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


def _email(value: str) -> str:
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


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must fit on one line")
    return value.strip()


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_RE,
        max_length=80,
        description="Lowercase ASCII words joined by hyphens, "
        "e.g. 'compelled-technical-assistance'.",
    ),
]
PlainText = Annotated[str, AfterValidator(_one_line), Field(min_length=1, max_length=300)]
Markdown = Annotated[
    str, Field(min_length=1, description="Markdown text; raw HTML is shown as text, not run.")
]
HttpsUrl = Annotated[
    str,
    AfterValidator(_https_url),
    Field(description="A full https:// address.", json_schema_extra={"pattern": "^https://"}),
]
Email = Annotated[str, AfterValidator(_email)]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(
        description="YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known.",
        json_schema_extra={"pattern": _PARTIAL_DATE_RE.pattern},
    ),
]
Confirmation = Literal["confirmed", "reported", "unconfirmed"]
Assessed = Literal["not-addressed", "partly-addressed", "addressed", "not-yet-assessed"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Link(Strict):
    title: PlainText
    url: HttpsUrl


class Source(Strict):
    id: Slug = Field(description="How concerns and other files refer to this source.")
    title: PlainText
    publisher: PlainText
    date: PartialDate
    url: HttpsUrl
    note: PlainText | None = None


class Fact(Strict):
    label: PlainText
    value: PlainText
    confirmation: Confirmation
    sources: list[Slug] = Field(default_factory=list)
    note: PlainText | None = None


class Treaty(Strict):
    name: PlainText = Field(description="Short name used in running text.")
    full_title: Annotated[str, Field(min_length=1, max_length=600)]
    summary: Markdown = Field(description="What the treaty is, in plain words.")
    status: Markdown = Field(description="Where it stands now.")
    facts: list[Fact] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class SiteInfo(Strict):
    name: PlainText
    tagline: PlainText
    description: PlainText
    url: HttpsUrl = Field(
        description="Public address of the built site; used for permanent "
        "links, citations and share cards."
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")] = "en"
    publisher: PlainText = Field(description="Who publishes the site, as shown in citations.")
    repository: HttpsUrl | None = None
    license: PlainText = "CC BY 4.0"
    example: bool = Field(
        False, description="True for a fictional example campaign; every page then says so."
    )


class Home(Strict):
    intro: Markdown
    call_to_action: PlainText


class CampaignFile(Strict):
    site: SiteInfo
    treaty: Treaty
    home: Home
    about: Markdown


class Article(Strict):
    number: PositiveInt
    subject: PlainText = Field(
        description="Our own short description of what the article is "
        "about (not its official title)."
    )
    official_title: PlainText | None = Field(
        None, description="Only once confirmed from the official text."
    )
    summary: Markdown
    confirmation: Confirmation = Field(description="How sure we are of the number and wording.")
    note: Markdown | None = None
    official_url: HttpsUrl
    sources: list[Slug] = Field(default_factory=list)


class ArticlesFile(Strict):
    articles: list[Article]


class Recommendation(Strict):
    id: Slug
    title: PlainText
    text: Markdown


class RecommendationGroup(Strict):
    id: Slug
    title: PlainText
    summary: Markdown
    recommendations: list[Recommendation] = Field(min_length=1)
    sources: list[Slug] = Field(default_factory=list)


class RecommendationsFile(Strict):
    groups: list[RecommendationGroup]


class SourcesFile(Strict):
    sources: list[Source]


class TimelineEvent(Strict):
    date: PartialDate
    end_date: PartialDate | None = None
    title: PlainText
    description: Markdown | None = None
    confirmation: Confirmation
    sources: list[Slug] = Field(default_factory=list)


class TimelineFile(Strict):
    events: list[TimelineEvent]


class GlossaryTerm(Strict):
    id: Slug
    term: PlainText
    definition: Markdown


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(default_factory=list)


class EmailTemplate(Strict):
    subject: PlainText
    body: Annotated[str, Field(min_length=1, max_length=4000)]


class Contact(Strict):
    name: PlainText
    role: PlainText
    organisation: PlainText
    email: Email
    source: Slug = Field(description="The source that names this contact.")


class Step(Strict):
    title: PlainText
    text: Markdown


class ActionFile(Strict):
    title: PlainText
    intro: Markdown
    steps: list[Step] = Field(min_length=1)
    contacts: list[Contact] = Field(default_factory=list)
    email: EmailTemplate = Field(description="The general letter, used where a concern has none.")


class ArticleRef(Strict):
    article: PositiveInt
    paragraph: PlainText | None = None
    note: PlainText | None = None


class Sections(Strict):
    what_it_says: Markdown
    why_it_matters: Markdown
    who_is_affected: Markdown
    what_we_recommend: Markdown


class Assessment(Strict):
    status: Assessed
    evidence: Markdown | None = None
    sources: list[Slug] = Field(default_factory=list)


class Concern(Strict):
    slug: Slug = Field(
        description="Permanent address: /concerns/<slug>/. Never change it "
        "without adding the old one to aliases."
    )
    title: PlainText
    summary: Annotated[PlainText, Field(max_length=320, description="One plain sentence.")]
    order: int = Field(100, description="Position in lists; lower comes first.")
    articles: list[ArticleRef] = Field(min_length=1)
    sections: Sections
    fixes: list[Slug] = Field(
        min_length=1, description="Ids of recommendations in recommendations.yml."
    )
    related: list[Slug] = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(min_length=1)
    assessment: Assessment
    email: EmailTemplate | None = None
    aliases: list[Slug] = Field(
        default_factory=list, description="Previous slugs; each keeps its old address working."
    )
    last_reviewed: dt.date


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
}
CONCERNS_DIR = "concerns"
