"""Render a validated Campaign into a plain docs tree: Markdown pages and data files.

The output is engine-neutral: front matter, Markdown headings and HTML blocks
that any MkDocs-compatible engine builds, plus static files it copies as they
are. Nothing here imports a site engine.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from . import (
    bidi,
    cards,
    clock,
    markup,
    opendata,
    parallel,
    permalinks,
    resources,
    sections,
    tracker,
    typography,
)
from .cache import Cache, digest, templates_in_memory
from .cite import bibtex, citation_text, cited_title
from .errors import ContentIssue
from .i18n import UI, Edition, Untranslated, human_date  # noqa: F401 - human_date was defined here
from .model import MARKDOWN_RULE, Campaign, Concern
from .permalinks import mailto
from .processes import workers
from .reference import reference, with_campaign_examples
from .slugs import slugify

TEMPLATES = resources.TEMPLATES
STATUS_LABELS = {
    "not-addressed": "Not addressed in the adopted text",
    "partly-addressed": "Partly addressed in the adopted text",
    "addressed": "Addressed in the adopted text",
    "not-yet-assessed": "Not yet assessed against the adopted text",
}
CONFIRMATION_LABELS = {
    "confirmed": "Confirmed",
    "reported": "Reported",
    "unconfirmed": "Unconfirmed",
}
NAV = [
    ("Home", "index.md"),
    ("Concerns", "concerns/index.md"),
    ("One-page briefing", "briefing.md"),
    ("Recommendations", "recommendations.md"),
    ("Treaty articles", "articles/index.md"),
    ("Timeline", "timeline.md"),
    ("Take action", "action.md"),
    ("Where countries stand", tracker.INDEX),
    ("Glossary", "glossary.md"),
    ("Open data", "open-data.md"),
    ("About & sources", "about.md"),
]
# A section heading as the templates write it: "## Words { #anchor }".
_HEADING = re.compile(r"^(#{2,6}) (.+) \{ #([\w-]+) \}$", re.M)


def _named_heading(match: re.Match[str]) -> str:
    """The heading named by its words alone: the engine puts a permalink (and the page's
    script a copy button) inside it, which would otherwise be read as part of its name."""
    level, words, anchor = match.groups()
    name = f"{anchor}--name"
    return f'{level} <span id="{name}">{words}</span> {{ #{anchor} aria-labelledby="{name}" }}'


# Arabic vowel marks and the elongation sign, which readers rarely type.
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")
# A conjunction or preposition joined to a word with the article: و, ف, ب, ك before ال.
_CLITIC = re.compile("^([وفبك])(ال.+)$")
# The words of engine_words(), listed for the translation catalogues.
ENGINE_MESSAGES = (
    "Page not found",
    "There is no page at this address.",
    "If you followed a link to a concern, it may have a new address: "
    "every concern is listed on the {link}.",
    "concerns page",
    "Go to the home page",
    "{link} or use the search at the top of the page.",
    "Made with {tool}",
    "Link to this section",
)
# Zensical's search dialog has its words in English in every language (0.0.73):
# assets/zensical-a11y.js puts these in their place. Key: the English it replaces.
SEARCH_DIALOG = {
    "Search": "Search",
    "Close search": "Close search",
    "Filters": "Filters",
    "Search results": "Search results",
    "Tags": "Search words",
    "hint": "Use the Up and Down arrow keys to move between the search words, "
    "and Space or Enter to choose one.",
    "No results": "No results",
    "results": "Results: {count}",
}
# Pages published once, in the source language: the maintainers' documentation.
SOURCE_ONLY: set[str] = set()
SOURCE_ONLY_FOLDERS = ("maintainers/",)
# The same, as paths under the site's root: a link to one of them leads there from any language.
SOURCE_ONLY_PATHS = ("maintainers/", "data/", "feed.xml", "assets/")

# libyaml's safe loader where PyYAML has it: reading front matter back is then cheap.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Markdown characters that would change a heading's meaning; escaped with a backslash.
_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|~"})


@dataclass
class RenderedSite:
    """One language's docs tree: what the writer puts on disk and the engine builds."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    nav: list[tuple[str, str]] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    # Docs-tree path -> what wrote it, each time it was written: "concern:<slug>",
    # "alias:<alias>", "page:<path>"... (see outputs.py). Two entries for one path are a
    # clash the output registry reports; a file set without `add` counts as the site's own.
    origins: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, data: str | bytes, origin: str = "") -> None:
        """Add one output file; `origin` says what in the content it comes from."""
        self.files[path] = data
        self.origins.setdefault(path, []).append(origin or f"page:{path}")


def page_url(md_path: str) -> str:
    """The directory-style URL an engine gives a Markdown file."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link that works however deep the site is hosted (no leading slash)."""
    ups = "../" * from_url.count("/")
    return (ups + to_url) or "./"


def md_heading(value: str) -> Markup:
    """Text safe to put after '## ' in a Markdown heading."""
    if hasattr(value, "__html__"):  # a UI sentence: already escaped, perhaps marked lang="en"
        return Markup(value.__html__())  # noqa: S704
    # Quotes stay as they are: the engine copies heading text into the table of
    # contents, where an entity such as &#39; would be escaped again and shown.
    escaped = html.escape(value, quote=False)
    return Markup(escaped.translate(_MD_SPECIAL))  # noqa: S704


def _yaml_scalar(value: Any) -> str:
    """A YAML double-quoted scalar in plain ASCII.

    JSON's quoting is YAML's, except that JSON would write a character beyond U+FFFF
    as two surrogate escapes, which YAML reads as two broken characters; YAML's own
    \\U escape keeps it whole.
    """
    text = json.dumps(value, ensure_ascii=False)
    if text.isascii() and "\x7f" not in text:
        return text  # nothing to escape: most front matter
    return "".join(
        ch if ord(ch) < 0x7F else f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
        for ch in text
    )


# Front matter values that are words a reader sees (the page title, its description, the
# share card's text alternative), not addresses or paths.
READER_TEXT = {"title", "description", "card_alt"}


def _french_value(key: str, value: Any) -> Any:
    return (
        typography.french_spacing(value) if key in READER_TEXT and isinstance(value, str) else value
    )


# Front matter values the engines print as HTML without escaping them: the page title (the
# navigation, the header, search results) and the words search finds a page by.
SHOWN_AS_HTML = {"title", "tags"}


def _as_html(key: str, value: Any) -> Any:
    """Text escaped for those places, its quotes left as they are: the search of both
    engines shows an entity such as &#39; as it is ("L&#39;espionnage")."""
    if isinstance(value, list):
        return [_as_html(key, item) for item in value]
    if isinstance(value, Markup):  # French spacing and isolates would land inside entities
        raise ValueError(f"front matter {key!r} given as HTML: give it as text")
    return html.escape(str(value), quote=False)


def front_matter(**values: Any) -> Markup:
    """YAML front matter; every value a double-quoted scalar. Titles and tags are given as
    text (a UI sentence as its plain words) and escaped here."""
    given = {
        k: _as_html(k, v) if k in SHOWN_AS_HTML else v for k, v in values.items() if v is not None
    }
    lines = ["---", *(f"{k}: {_yaml_scalar(v)}" for k, v in given.items()), "---"]
    # An engine shows front matter it cannot read as page text, with its raw HTML.
    if yaml.load("\n".join(lines[1:-1]), Loader=_YAML_LOADER) != given:  # noqa: S506 - safe
        raise ValueError(f"front matter does not read back: {given!r}")
    return Markup("\n".join(lines))  # noqa: S704 - quoted scalars


def _markdown_filter(
    ui: UI, render: Callable[[str | None, markup.SiteLinks | None], Markup], block: bool
) -> Callable[..., Markup]:
    """A filter that writes the page's links to the site's own pages relative to the page."""
    mark = ui.mark_block if block else ui.mark_inline

    @jinja2.pass_context
    def markdown(context: Any, value: Any) -> Markup:
        out = render(value, context.get("site_links"))
        return mark(out) if isinstance(value, Untranslated) and out else out

    return markdown


# The concern page's citation, in the template's words: its translation says which
# quotation marks hold the title, and so which ones go inside it.
CITATION = "{publisher}. “{title}” {site}. Last reviewed {date}. Accessed {accessed}. {url}"


def _citation_quote(ui: UI) -> str:
    """The quotation mark that opens the title in this language's citation: “ or «."""
    blank = dict.fromkeys(("publisher", "site", "date", "accessed", "url"), "")
    before = str(ui.t(CITATION, title="\x00", **blank)).split("\x00")[0].rstrip()
    return before[-1:] or "“"


@functools.cache
def _environment_code() -> str:
    """What decides how a template compiles besides its source: this module and Jinja."""
    return digest(Path(__file__).read_bytes(), jinja2.__version__)


# Without a build cache (--no-cache), each template is still compiled once per process,
# not once per language: every language's environment compiles it to the same code.
_COMPILED = templates_in_memory()


def _environment(ui: UI, cache: Cache | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # The templates are the generator's own files: one build never sees them change,
        # and checking each time a page includes one cost a system call per include.
        auto_reload=False,
        bytecode_cache=(cache and cache.templates(_environment_code())) or _COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=ui.finalize,
    )
    env.filters.update(
        md=_markdown_filter(ui, markup.block, block=True),
        mdi=_markdown_filter(ui, markup.inline, block=False),
        heading=ui.inline_filter(md_heading),
        date=ui.date,
    )
    env.globals.update(
        front_matter=front_matter,
        mailto=mailto,
        permalinks=permalinks,
        citation_text=citation_text,
        cited_title=functools.partial(cited_title, outer=_citation_quote(ui)),
        bibtex=bibtex,
        opendata=opendata,
        status_labels=ui.labels(STATUS_LABELS),
        confirmation_labels=ui.labels(CONFIRMATION_LABELS),
        t=ui.t,
        tn=ui.tn,
        tn_forms=ui.tn_forms,
        language_name=ui.language_name,
        in_language=ui.in_language,
        edition=ui.edition,
    )
    return env


@dataclass(frozen=True)
class PageJob:
    """One page to render: where it goes, its template, what it comes from, its context."""

    md_path: str
    template: str
    origin: str
    context: dict[str, Any]


class Renderer:
    """Knows every page of a campaign and renders each with its template."""

    # Where a page's notice about text not yet translated goes, once the page is rendered.
    UNTRANSLATED_NOTICE = Markup("<!-- tx-untranslated-notice -->")

    def __init__(
        self,
        campaign: Campaign,
        edition: Edition | None = None,
        cache: Cache | None = None,
        unpublishable: Sequence[ContentIssue] = (),
    ) -> None:
        self.c = campaign
        # What a production build would refuse; a banner on every page lists it.
        self.unpublishable = list(unpublishable)
        self.edition = edition or Edition.single(campaign.campaign.site.language)
        self.ui = UI(self.edition)
        self.cache = cache
        self.env = _environment(self.ui, cache)
        self.site = RenderedSite()
        self.cited_articles = sorted({ref.article for x in campaign.concerns for ref in x.articles})
        self.tracker = tracker.Tracker.on_build_day(campaign, self.ui)
        self.env.globals["tracker"] = self.tracker
        self.env.globals["today"] = clock.today()  # the build's date, for "accessed on"
        self._by_slug = {x.slug: x for x in campaign.concerns}
        self._jobs: list[PageJob] | None = None

    # -- back-links, computed once, used by several pages --
    def concerns_citing(self, number: int) -> list[Concern]:
        return [x for x in self.c.concerns if any(r.article == number for r in x.articles)]

    def concerns_asking(self, rec_id: str) -> list[Concern]:
        return [x for x in self.c.concerns if rec_id in x.fixes]

    def related_of(self, concern: Concern) -> list[Concern]:
        return [self._by_slug[slug] for slug in concern.related]

    def briefing_layout(self) -> str:
        """The class of the briefing's type when it is set compact to fit its page, or ""."""
        from . import briefing  # it reads this module's labels

        return briefing.layout(self.c).name

    # Anchors the About page's template gives its own sections.
    ABOUT_ANCHORS = frozenset({"top", "contact", "confirmation", "sources"})

    def about_sections(self) -> list[sections.Section]:
        """The About text's sections (sections.py). The one headed "How sure we are", if
        the text has it, is the page's #confirmation section: the template's explanation
        of the marks goes under it instead of under a second heading of the same words."""
        about = self.c.campaign
        found = sections.cut(about.about, about.about_headings, set(self.ABOUT_ANCHORS))
        sure = {sections.fold("How sure we are"), sections.fold(str(self.ui.t("How sure we are")))}
        for index, section in enumerate(found):
            if (
                section.anchor == slugify("How sure we are")
                or sections.fold(section.heading) in sure
            ):
                found[index] = dataclasses.replace(section, anchor="confirmation")
                break
        return found

    def page(self, md_path: str, template: str, origin: str = "", **context: Any) -> None:
        """Render `template` into `md_path` (a page, or an HTML file such as a redirect).

        `origin` names what in the content the page comes from ("concern:<slug>"); a page
        the site always has leaves it empty. See RenderedSite.add.
        """
        job = PageJob(md_path, template, origin, context)
        if self._jobs is not None:  # being listed, to be rendered by several processes
            self._jobs.append(job)
            return
        self.site.add(md_path, self.page_text(job), origin)

    def page_jobs(self) -> list[PageJob]:
        """Every page `render_pages` renders, in its order, without rendering any."""
        self._jobs = []
        try:
            self.render_pages()
            return self._jobs
        finally:
            self._jobs = None

    def page_text(self, job: PageJob) -> str:
        """One page, rendered."""
        md_path, template, context = job.md_path, job.template, dict(job.context)
        url = page_url(md_path) if md_path.endswith(".md") else md_path.removesuffix("index.html")
        link: Callable[[str], str] = lambda to: relative(url, to)  # noqa: E731
        # A link to a page that exists only in the source language's folder.
        root_link: Callable[[str], str] = lambda to: relative(  # noqa: E731
            self.edition.language.folder + url, to
        )
        # A page only in the source language has no translations to list; its language
        # menu falls back to each language's home page.
        everywhere = md_path not in SOURCE_ONLY and not md_path.startswith(SOURCE_ONLY_FOLDERS)
        alternates = self.alternates(url) if everywhere else []
        matter = front_matter
        if self.edition.language.direction == "rtl":  # the title is also shown as plain text
            matter = lambda **v: front_matter(  # noqa: E731
                **{k: bidi.isolate_text(x) if k == "title" else x for k, x in v.items()}
            )
        if typography.wants_french_spacing(self.edition.language.code):
            matter = lambda **v: front_matter(  # noqa: E731
                **{k: _french_value(k, x) for k, x in v.items()}
            )
        if typography.wants_french_spacing(self.edition.language.code):
            # A letter opened in an email app is set like the page: its « » hold their words.
            context["mailto"] = lambda to, subject, body: mailto(
                to, typography.french_spacing(subject), typography.french_spacing(body)
            )
        if alternates:
            context["front_matter"] = lambda **v: matter(**v, alternates=alternates)
        else:
            context["front_matter"] = matter
        site_links = markup.SiteLinks(
            here=relative(url, ""),
            root=relative(self.edition.language.folder + url, ""),
            source_only=SOURCE_ONLY_PATHS,
        )
        self.ui.fallbacks = 0
        text = self.env.get_template(template).render(
            c=self.c,
            site_links=site_links,
            site=self.c.campaign.site,
            r=self,
            url=url,
            link=link,
            root_link=root_link,
            **context,
        )
        text = text.replace(self.UNTRANSLATED_NOTICE, self.ui.notice(), 1)
        if md_path.endswith(".md"):
            text = self._set_body(_HEADING.sub(_named_heading, text))
        return text

    def _set_body(self, page: str) -> str:
        """The language's setting of a page's text: left-to-right runs isolated on a
        right-to-left page, French spacing on a French one. Front matter is data, not
        markup, and its values are set where they are written: it is kept as it is."""
        rtl = self.edition.language.direction == "rtl"
        french = typography.wants_french_spacing(self.edition.language.code)
        if not (rtl or french):
            return page
        head, body = split_front_matter(page)
        if rtl:
            body = bidi.isolate_ltr_runs(body)
        if french:
            body = typography.french_page(body)
        return head + body

    def render(self) -> RenderedSite:
        """This language's docs tree, its share cards drawn while its pages render."""
        return render_sites({"": self}, self.cache)[""]

    def card_jobs(self) -> dict[str, cards.Job]:
        """What this language's share cards show, by their path in its docs tree."""
        return cards.card_jobs(self.c, self.edition.language.direction, countries=self.tracker)

    def render_pages(self) -> None:
        """Every page of the campaign's content; then `finish` with the share cards."""
        self.page("index.md", "home.md.j2")
        self.page("concerns/index.md", "concerns.md.j2")
        for concern in self.c.concerns:
            self.page(
                f"concerns/{concern.slug}.md",
                "concern.md.j2",
                origin=f"concern:{concern.slug}",
                concern=concern,
            )
            for alias in concern.aliases:
                self.page(
                    f"concerns/{alias}/index.html",
                    "redirect.html.j2",
                    origin=f"alias:{alias}",
                    target=f"concerns/{concern.slug}/",
                    concern=concern,
                )
        self.page("articles/index.md", "articles.md.j2")
        for number in self.cited_articles:
            self.page(f"articles/{number}.md", "article.md.j2", article=self.c.article(number))
        self.page("recommendations.md", "recommendations.md.j2")
        self.page("timeline.md", "timeline.md.j2")
        self.page("action.md", "action.md.j2")
        tracker.render_pages(self)
        self.page("glossary.md", "glossary.md.j2")
        self.page("about.md", "about.md.j2")
        self.page("briefing.md", "briefing.md.j2")
        self.page("open-data.md", "open-data.md.j2")

    def finish(self, drawn: dict[str, bytes]) -> RenderedSite:
        """The share cards (`drawn`, by path), the source language's data files and
        maintainer pages, and the engine settings: the docs tree, complete."""
        for path, data in drawn.items():
            self.site.add(path, data, f"card:{path}")
        if self.cache is not None and not self.edition.languages:
            cards.prune_cards(self.cache)  # with several, pipeline.render prunes after the last
        if self.is_source:
            for path, text in opendata.open_data_files(self.c).items():
                self.site.add(path, text, f"data:{path}")
            self.page("maintainers/index.md", "maintainers.md.j2")
            self.page(
                "maintainers/fields.md",
                "fields.md.j2",
                files=with_campaign_examples(reference(), self.c),
                markdown_rule=MARKDOWN_RULE,
            )
        self.site.nav = [
            (str(self.ui.t(title)), path)
            for title, path in NAV
            if (self.is_source or path not in SOURCE_ONLY)
            and (path != tracker.INDEX or self.tracker.enabled)
        ]
        site = self.c.campaign.site
        self.site.config = {
            "site_name": str(escape(site.name)),
            "site_description": str(site.description),  # plain str, even when untranslated
            "site_url": site.url.rstrip("/") + "/",
            "language": site.language,
            "direction": self.edition.language.direction,
            # The feed is published once, at the source language's address.
            "source_url": self.edition.source.url or site.url.rstrip("/") + "/",
            "words": self.engine_words(),
            "site_card_alt": cards.site_card_alt(site),
            # The title of the "#" the engine puts after each heading (its toc extension).
            "permalink_title": str(self.ui.t("Link to this section")),
        }
        if self.edition.languages:
            here = self.edition.language.folder
            self.site.config["languages"] = [
                {"lang": x.code, "name": x.name, "link": relative(here, x.folder)}
                for x in self.edition.languages
            ]
        return self.site

    def search_terms(self, concern: Concern) -> list[str]:
        """What a concern is found by first: its title, article numbers, tags and name.

        They go into the page's front matter as `tags`, which the search weighs above any
        title or text, so a query for "article 24", "24" or "surveillance" lists the concerns
        it names before the pages that mention them. Arabic is added without its vowel
        marks too, as readers type it.
        """
        terms = [concern.title]
        bare = _HARAKAT.sub("", terms[0])
        if bare != terms[0]:
            terms.append(bare)
        # Arabic writes "and", "with", "for" onto the next word: "والمبلغين" is found by
        # "المبلغين" only if that word is given too.
        words = [_CLITIC.sub(r"\2", w) for w in bare.split() if _CLITIC.match(w)]
        if words:
            terms.append(" ".join(words))
        for ref in concern.articles:
            terms.append(str(self.ui.t("Article {number}", number=ref.article)))
        terms += [tag.replace("-", " ") for tag in concern.tags]
        terms.append(concern.slug.replace("-", " "))
        return list(dict.fromkeys(terms))

    def source_words(self, text: str) -> str:
        """Words the generator has only in English (field descriptions), marked as such."""
        return text if self.ui.english else Untranslated(text)

    @staticmethod
    def code(text: str) -> Markup:
        return Markup("<code>{}</code>").format(text)

    def engine_words(self) -> dict[str, str]:
        """The theme's pages that are not rendered here (404) say these, as HTML.

        @HOME@ and @CONCERNS@ stand for the addresses, which only the engine knows.
        """
        t = self.ui.t
        home = Markup('<a href="@HOME@">{}</a>').format(t("Go to the home page"))
        concerns = Markup('<a href="@CONCERNS@">{}</a>').format(t("concerns page"))
        return {
            "not_found": t("Page not found").html,
            "not_found_text": t("There is no page at this address.").html
            + " "
            + t(
                "If you followed a link to a concern, it may have a new address: "
                "every concern is listed on the {link}.",
                link=concerns,
            ).html,
            "not_found_next": t("{link} or use the search at the top of the page.", link=home).html,
            # The footer's credit to the engine, which partials/copyright.html links.
            "made_with": t("Made with {tool}", tool=Markup("@TOOL@")).html,
            # Who publishes the site, under which licence, and where to ask: on every page.
            # @ABOUT@ is the About page's address, relative to the page (the engine's).
            "footer": self.footer_words(),
            # Plain text for Zensical's search dialog; "#" stands for the count of results.
            "search_dialog": json.dumps(
                {key: t(text, count="#") for key, text in SEARCH_DIALOG.items()},
                ensure_ascii=False,
            ),
        }

    def footer_words(self) -> str:
        t, site = self.ui.t, self.c.campaign.site
        words = [
            t(
                "Published by {publisher} under {license}.",
                publisher=site.publisher,
                license=site.license,
            ).html
        ]
        words.append(str(Markup('<a href="@ABOUT@">{}</a>').format(t("About & sources"))))
        if site.contact:
            words.append(
                str(
                    Markup('<a href="@ABOUT@#contact">{}</a>').format(
                        t("Questions about this campaign")
                    )
                )
            )
        return " · ".join(words)

    @property
    def is_source(self) -> bool:
        return self.edition.language == self.edition.source

    def card(self, slug: str) -> str:
        """The share card of a concern, drawn in this page's language with its own title."""
        return permalinks.absolute(self.c.campaign.site, permalinks.card_path(slug))

    def card_file(self, path: str) -> str:
        """The address of a share card drawn at `path` beside this language's pages."""
        return permalinks.absolute(self.c.campaign.site, path)

    def alternates(self, url: str) -> list[dict[str, Any]]:
        """This page in every language: for the switcher and the hreflang links."""
        here = self.edition.language
        return [
            {
                "lang": x.code,
                "name": x.name,
                "href": relative(here.folder + url, x.folder + url),
                "url": x.url + url,
                "current": x == here,
            }
            for x in self.edition.languages
        ]


def split_front_matter(page: str) -> tuple[str, str]:
    """A page's front matter (with its two '---' lines) and its body; no front matter, ""."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end > 0:
            return page[: end + 5], page[end + 5 :]
    return "", page


def render_site(
    campaign: Campaign,
    edition: Edition | None = None,
    cache: Cache | None = None,
    unpublishable: Sequence[ContentIssue] = (),
) -> RenderedSite:
    return Renderer(campaign, edition, cache, unpublishable).render()


def render_sites(
    renderers: Mapping[str, Renderer], cache: Cache | None = None
) -> dict[str, RenderedSite]:
    """Several languages' docs trees (folder -> renderer), their share cards drawn all at
    once: one set of worker processes draws every language's cards while the pages of
    every language are rendered, instead of a set per language that the next waits for."""
    wanted = {folder: renderer.card_jobs() for folder, renderer in renderers.items()}
    jobs = {folder + path: job for folder, own in wanted.items() for path, job in own.items()}
    drawing = cards.Cards(jobs, cache)
    try:
        if drawing.workers or not parallel.can_fork():
            for renderer in renderers.values():
                renderer.render_pages()
        else:  # the cards are in the cache, or few: the other cores would idle
            _render_pages_forked(renderers.values())
        drawn = drawing.result()
    finally:
        drawing.close()
    trees = {
        folder: renderer.finish({path: drawn[folder + path] for path in wanted[folder]})
        for folder, renderer in renderers.items()
    }
    _not_found_elsewhere(renderers, trees)
    return trees


def _not_found_elsewhere(renderers: Mapping[str, Renderer], trees: dict[str, RenderedSite]) -> None:
    """The source language's 404 page, with a line in each other language: a host such as
    GitHub Pages serves that page for every missing address, in any language's folder."""
    source = next((f for f, r in renderers.items() if r.is_source), None)
    if source is None or len(renderers) < 2:
        return
    lines = []
    for folder, renderer in renderers.items():
        if folder == source:
            continue
        t, language = renderer.ui.t, renderer.edition.language
        line = Markup('<strong>{}</strong> <a href="@HOME@" hreflang="{}">{}</a>').format(
            t("Page not found"), language.code, t("Go to the home page")
        )
        home = relative(source, language.folder)
        lines.append(
            {"lang": language.code, "dir": language.direction, "home": home, "html": str(line)}
        )
    trees[source].config["words"]["not_found_elsewhere"] = lines


# Below this many pages, starting worker processes costs more than it saves.
FORKED_PAGES = 200


def _render_pages_forked(renderers: Iterable[Renderer]) -> None:
    """Every page of every renderer, rendered by one worker per core, added in order."""
    jobs = [(renderer, job) for renderer in renderers for job in renderer.page_jobs()]
    count = workers()
    if len(jobs) < FORKED_PAGES or count < 2:
        texts = [renderer.page_text(job) for renderer, job in jobs]
    else:
        for renderer, job in jobs:  # compiled here once, not in every worker
            renderer.env.get_template(job.template)
        texts = parallel.map_forked(lambda i: jobs[i][0].page_text(jobs[i][1]), len(jobs), count)
    for (renderer, job), text in zip(jobs, texts, strict=True):
        renderer.site.add(job.md_path, text, job.origin)
