"""Read a campaign folder into a validated, cross-checked model: the one loader.

`load_content` is what every command uses: the campaign's files, then each translation
laid over them (translations.py, through the public API below). Every file is read and
checked even after an earlier one failed, so a single run reports every problem.
Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import bodies, clock, countries
from . import model as m
from .errors import ContentError, ContentIssue, UsageError
from .explain import suggest, swallowed_fields, validation_issue
from .i18n import Language, babel_locale, native_name
from .slugs import RESERVED_SLUGS
from .supplied import Supplied
from .translations import (
    LANGUAGE_FILE,
    TRANSLATIONS_DIR,
    Content,
    Translation,
    read_translation,
)
from .yamlsrc import Loc, Place, YamlDoc, dotted, read_yaml

OPTIONAL_FILES = {"glossary.yml", "countries.yml"}
YAML_SUFFIXES = {".yml", ".yaml"}
# Names editors and tools write beside a file while saving it, never content.
EDITOR_LITTER = re.compile(
    r"""^(\..*            # hidden: .x.swp, .#x (Emacs lock), .x.tmp, .DS_Store
        |\#.*\#           # Emacs auto-save
        |.*~              # backup copies
        |\d+              # Vim's write test (4913, ...)
        |.*\.(swp|swx|swo|tmp|bak|orig|crdownload|part)
        |.*___jb_(tmp|old)___   # JetBrains' safe write
        )$""",
    re.VERBOSE,
)


def load_content(content_dir: Path, supplied: Supplied | None = None) -> Content:
    """The campaign and all its translations, checked; or ContentError with every issue.
    `supplied` fills what campaign.yml's site leaves out (default: from the environment)."""
    refuse_non_campaign(content_dir)
    issues: list[ContentIssue] = []
    files = read_campaign(content_dir, issues, supplied)
    source = source_language(files, issues)
    issues.extend(_stray_translations(content_dir / TRANSLATIONS_DIR))
    issues.extend(_misplaced_files(content_dir))
    # While the campaign's own files have errors, a translation is checked on its own only:
    # matched against English items that are being changed, it would be told to delete
    # items the maintainer's fix will bring back.
    settled = not issues
    translations = [
        read_translation(folder, files, source, issues, settled)
        for folder in language_folders(content_dir / TRANSLATIONS_DIR)
    ]
    if issues or files.campaign is None or source is None:
        raise ContentError(issues)
    done = tuple(t for t in translations if t is not None)
    docs = (*(d for d, _ in files.parsed.values()), *(d for d, _ in files.concerns))
    return Content(files.campaign, source, done, tuple(docs), places(files, done))


def places(files: CampaignFiles, translations: Iterable[Translation]) -> dict[str, Place]:
    """Where each address-giving thing was written: see Content.places."""
    found: dict[str, Place] = {}
    for doc, concern in files.concerns:
        found[f"concern:{concern.slug}"] = doc.place(("slug",))
        for index, alias in enumerate(concern.aliases):
            found.setdefault(f"alias:{alias}", doc.place(("aliases", index)))
    for translation in translations:
        code = translation.language.code
        found[f"language:{code}"] = Place(f"{TRANSLATIONS_DIR}/{code}/language.yml", 1, 1)
    return found


def refuse_non_campaign(content_dir: Path) -> None:
    """A folder with none of a campaign's files is the wrong folder, not a broken campaign."""
    if (content_dir / LANGUAGE_FILE).is_file():
        campaign = content_dir.resolve().parent.parent
        raise UsageError(
            f"{content_dir} is a translation (it has {LANGUAGE_FILE}), not a campaign folder.",
            f"give the campaign's own folder, --content {campaign}; its translations are "
            "read with it.",
        )
    names = [*m.FILE_MODELS, m.CONCERNS_DIR]
    if not any((content_dir / name).exists() for name in names):
        raise UsageError(
            f"{content_dir} is not a campaign folder: it has no campaign.yml, no concerns/.",
            "run this in a campaign's folder or give --content DIR; "
            "start a new campaign with 'new campaign DIR'.",
        )


def load_campaign(content_dir: Path) -> m.Campaign:
    """The campaign in its own language, checked exactly as `load_content` checks it."""
    return load_content(content_dir).campaign


def _misplaced_files(content_dir: Path) -> list[ContentIssue]:
    """YAML files beside campaign.yml that the loader would skip, yet were surely meant
    for it: 'countries.yaml', a misspelt 'source.yml', a concern saved at the top."""
    issues = []
    names = [*m.FILE_MODELS]
    for path in sorted(content_dir.iterdir()):
        name = path.name
        if (
            name in m.FILE_MODELS
            or name.startswith(".")
            or path.suffix not in YAML_SUFFIXES
            or not path.is_file()
        ):
            continue
        meant = difflib.get_close_matches(f"{path.stem}.yml", names, n=1, cutoff=0.85)
        if meant:
            problem = "is not read: the generator reads only the files it knows."
            hint = (
                f"put what it holds into {meant[0]} and delete it."
                if (content_dir / meant[0]).exists()
                else f"rename it to {meant[0]}."
            )
        elif _looks_like_a_concern(path):
            problem, hint = (
                "looks like a concern, but concerns are read from concerns/.",
                (f"move it to {m.CONCERNS_DIR}/{path.stem}.yml."),
            )
        else:
            continue  # another tool's settings, say: none of ours
        issues.append(ContentIssue(name, 1, 1, "", problem, hint))
    return issues


def _looks_like_a_concern(path: Path) -> bool:
    try:
        data = read_yaml(path, path.name).data
    except ContentError:
        return False
    return isinstance(data, dict) and {"slug", "sections"} <= set(data)


def _stray_translations(root: Path) -> list[ContentIssue]:
    """translations/ holds one folder per language; a YAML file there would be ignored."""
    if root.exists() and not root.is_dir():
        return [
            ContentIssue(
                TRANSLATIONS_DIR,
                1,
                1,
                "",
                "is a file; translations are a folder with one folder per language.",
                f"rename it, then make {TRANSLATIONS_DIR}/<lang>/ folders, e.g. "
                f"{TRANSLATIONS_DIR}/fr/ (see TRANSLATING.md).",
            )
        ]
    if not root.is_dir():
        return []
    return [
        ContentIssue(
            f"{TRANSLATIONS_DIR}/{path.name}",
            1,
            1,
            "",
            "is not read: a translation is a folder per language, not a file.",
            f"put it in the language's folder with the English file's name, e.g. "
            f"{TRANSLATIONS_DIR}/{path.stem.split('.')[0] or 'fr'}/campaign.yml.",
        )
        for path in sorted(root.iterdir())
        if path.is_file() and path.suffix in YAML_SUFFIXES
    ]


def language_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def source_language(files: CampaignFiles, issues: list[ContentIssue]) -> Language | None:
    if "campaign.yml" not in files.parsed:
        return None
    doc, campaign_file = files.parsed["campaign.yml"]
    site = campaign_file.site
    try:
        locale = babel_locale(site.language)
    except ValueError as exc:
        issues.append(
            doc.issue(
                ("site", "language"),
                f"{exc}.",
                "use an ISO 639 language code such as 'en', 'fr', 'ar' or 'pt-BR'.",
            )
        )
        return None
    rtl = locale.character_order == "right-to-left"
    url = site.url.rstrip("/") + "/"
    return Language(site.language, native_name(site.language), "rtl" if rtl else "ltr", url=url)


@dataclass
class CampaignFiles:
    """The files as parsed, kept so that translations can be checked against them."""

    parsed: dict[str, tuple[YamlDoc, Any]]
    concerns: list[tuple[YamlDoc, m.Concern]]
    campaign: m.Campaign | None  # None when any file has an error

    @staticmethod
    def is_optional(name: str) -> bool:
        return name in OPTIONAL_FILES

    @staticmethod
    def read_file(
        path: Path, rel: str, file_model: type[BaseModel], issues: list[ContentIssue]
    ) -> tuple[YamlDoc, Any] | None:
        return read_file(path, rel, file_model, issues)

    @staticmethod
    def not_fields(data: Any) -> tuple[str, str]:
        return not_fields(data)

    @staticmethod
    def stray_files(folder: Path, rel: str) -> list[ContentIssue]:
        return stray_files(folder, rel)

    @staticmethod
    def assemble(
        parsed: dict[str, tuple[YamlDoc, Any]], concerns: list[tuple[YamlDoc, m.Concern]]
    ) -> m.Campaign:
        return assemble(parsed, concerns)


def read_campaign(
    content_dir: Path, issues: list[ContentIssue], supplied: Supplied | None = None
) -> CampaignFiles:
    """Read and check every file, appending each problem to `issues` instead of raising."""
    start = len(issues)
    parsed: dict[str, tuple[YamlDoc, BaseModel]] = {}
    given = supplied or Supplied.from_environ()
    for name, file_model in m.FILE_MODELS.items():
        path = content_dir / name
        if path.is_dir():
            issues.append(
                ContentIssue(
                    name,
                    1,
                    1,
                    "",
                    "is a folder, not a file.",
                    f"move what it holds elsewhere and put the file {name} in its place.",
                )
            )
            continue
        if not path.is_file():
            if name in OPTIONAL_FILES:
                continue
            near = near_miss(content_dir, name)
            issues.append(
                ContentIssue(
                    name,
                    1,
                    1,
                    "",
                    "file is missing.",
                    f"rename {near.name} to {name}: only that name is read."
                    if near
                    else f"every campaign needs {name}; copy one from the example campaign.",
                )
            )
            continue
        # campaign.yml's site takes what the deploy workflow knows where it says nothing.
        prepare = given.apply if name == "campaign.yml" else None
        result = read_file(path, name, file_model, issues, prepare)
        if result:
            parsed[name] = result
    concerns = [
        read_file(path, f"{m.CONCERNS_DIR}/{path.name}", m.Concern, issues)
        for path in _concern_paths(content_dir, issues)
    ]
    concern_docs = [c for c in concerns if c is not None]
    if len(issues) > start:
        return CampaignFiles(parsed, concern_docs, None)
    campaign = assemble(parsed, concern_docs)
    issues.extend(check_references(campaign, parsed, concern_docs))
    issues.extend(bodies.check_docs([*parsed.values(), *concern_docs], bodies.site_pages(campaign)))
    return CampaignFiles(parsed, concern_docs, campaign)


def _concern_paths(content_dir: Path, issues: list[ContentIssue]) -> list[Path]:
    folder = content_dir / m.CONCERNS_DIR
    if not folder.is_dir():
        issues.append(
            ContentIssue(
                m.CONCERNS_DIR,
                1,
                1,
                "",
                "folder is missing.",
                "create concerns/ with one .yml file per concern.",
            )
        )
        return []
    issues.extend(stray_files(folder, m.CONCERNS_DIR))
    paths = sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    if not paths:
        issues.append(
            ContentIssue(
                m.CONCERNS_DIR,
                1,
                1,
                "",
                "folder has no .yml files.",
                "run 'python -m generator new concern \"Title\"'.",
            )
        )
    return paths


def near_miss(folder: Path, name: str) -> Path | None:
    """A file in `folder` that was surely meant to be `name` ('timeline.yml.txt', saved by
    an editor that added its own extension; 'Timeline.yml'; 'timeline.yaml')."""
    stem = name.split(".")[0].lower()
    for path in sorted(folder.iterdir()):
        lower = path.name.lower()
        if path.name != name and path.is_file() and (lower == name or lower.startswith(stem + ".")):
            return path
    return None


def stray_files(folder: Path, rel: str) -> list[ContentIssue]:
    """Files in a folder of YAML files that would be skipped without a word: a concern saved
    without .yml (easy to do on GitHub) would otherwise vanish from the site unnoticed.
    Notes (.md), hidden files and what editors leave while saving are left alone."""
    issues = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if path.suffix in YAML_SUFFIXES or path.suffix == ".md" or EDITOR_LITTER.match(name):
            continue
        if not path.is_file():
            continue
        stem = name.split(".")[0] or name
        issues.append(
            ContentIssue(
                f"{rel}/{name}",
                1,
                1,
                "",
                "is not read: only files whose name ends in .yml are read here.",
                f"rename it to {rel}/{stem}.yml, or move it out of {rel}/.",
            )
        )
    return issues


def read_file(
    path: Path,
    rel: str,
    file_model: type[BaseModel],
    issues: list[ContentIssue],
    prepare: Callable[[YamlDoc], list[ContentIssue]] | None = None,
) -> tuple[YamlDoc, Any] | None:
    """One content file, parsed and validated against its model; None after an issue."""
    try:
        doc = read_yaml(path, rel)
    except ContentError as exc:
        issues.extend(exc.issues)
        return None
    if prepare:
        issues.extend(prepare(doc))
    if not isinstance(doc.data, dict):
        issues.append(doc.issue((), *not_fields(doc.data)))
        return None
    swallowed = swallowed_fields(doc, file_model)
    issues.extend(swallowed.values())
    try:
        validated = file_model.model_validate(doc.data)
    except ValidationError as exc:
        issues.extend(
            validation_issue(doc, file_model, err)
            for err in exc.errors()
            if not (err["type"] == "missing" and tuple(err["loc"]) in swallowed)  # said above
        )
        return None
    return None if swallowed else (doc, validated)


def not_fields(data: Any) -> tuple[str, str]:
    """(message, hint) for a file that YAML reads as something other than 'field: value'
    lines: a list, or a single text (a missing colon, a pasted paragraph)."""
    if isinstance(data, list):
        return (
            "the file must be 'field: value' lines, but YAML reads it as a list.",
            "remove the '- ' before the top-level fields, or start from a copy of a good file.",
        )
    what = "a single text" if isinstance(data, str) else "a single value"
    return (
        f"the file must be 'field: value' lines, but YAML reads it as {what}.",
        "write each field on its own line as 'name: value', with a space after the colon; or "
        "start from a copy of a good file.",
    )


def assemble(
    parsed: dict[str, tuple[YamlDoc, Any]], concerns: list[tuple[YamlDoc, m.Concern]]
) -> m.Campaign:
    def get(name: str, default: Any = None) -> Any:
        return parsed[name][1] if name in parsed else default

    ordered = sorted((c for _, c in concerns), key=lambda c: (c.order, c.title.lower()))
    tracker = get("countries.yml")
    # Sources only the country entries cite live in countries.yml, after the others.
    extra_sources = tracker.sources if tracker else []
    return m.Campaign(
        campaign=get("campaign.yml"),
        articles=sorted(get("articles.yml").articles, key=lambda a: a.number),
        groups=get("recommendations.yml").groups,
        sources=[*get("sources.yml").sources, *extra_sources],
        events=sorted(get("timeline.yml").events, key=lambda e: e.date),
        glossary=get("glossary.yml", m.GlossaryFile()).terms,
        action=get("action.yml"),
        concerns=ordered,
        countries=tracker,
    )


# --- cross-references ---------------------------------------------------------------------


def _duplicates(
    doc: YamlDoc, items: list[Any], attr: str, prefix: Loc, what: str, hint: str = ""
) -> Iterator[ContentIssue]:
    """`items` in the file's own order: the index of each is its place in the file."""
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            first = doc.locate((*prefix, seen[key]))[0]
            yield doc.issue(
                (*prefix, index, attr),
                f"duplicate {what} '{key}' (first used on line {first}).",
                hint or f"give each {what} its own value.",
            )
        else:
            seen[key] = index


def _listed_twice(
    doc: YamlDoc, loc: Loc, values: list[Any], shown: Callable[[Any], str] = "'{}'".format
) -> Iterator[ContentIssue]:
    """A value repeated in one list: it would show twice on the page."""
    for index, value in enumerate(values):
        if value in values[:index]:
            first = doc.locate((*loc, values.index(value)))[0]
            where = "" if first == doc.locate((*loc, index))[0] else f" (first on line {first})"
            yield doc.issue(
                (*loc, index),
                f"{shown(value)} is listed twice in {dotted(loc)}{where}.",
                "keep the first and delete this one.",
            )


def _article(ref: tuple[int, str | None]) -> str:
    number, paragraph = ref
    return f"article {number}" + (f", paragraph {paragraph}," if paragraph else "")


def check_references(
    c: m.Campaign,
    parsed: dict[str, tuple[YamlDoc, Any]],
    concern_docs: list[tuple[YamlDoc, m.Concern]],
) -> list[ContentIssue]:
    """Every id a file mentions must exist, and every id must be unique."""
    issues: list[ContentIssue] = []
    docs = {name: doc for name, (doc, _) in parsed.items()}
    # The campaign's lists are sorted for the pages; a file's issues are placed by the index
    # of each item in the file as written.
    articles = parsed["articles.yml"][1].articles
    events = parsed["timeline.yml"][1].events
    source_ids = {s.id for s in c.sources}
    article_numbers = {a.number for a in c.articles}
    rec_ids = [r.id for g in c.groups for r in g.recommendations]
    slugs = {x.slug for x in c.concerns}

    def refs(
        doc: YamlDoc, loc: Loc, values: Iterable[Any], known: set[Any], what: str, home: str = ""
    ) -> None:
        for index, value in enumerate(values):
            if value not in known:
                issues.append(
                    doc.issue(
                        (*loc, index),
                        f"no {what} '{value}' in {home}."
                        if home
                        else f"no {what} '{value}' exists.",
                        suggest(value, sorted(known)),
                    )
                )

    listed = c.sources[: len(c.sources) - _own_sources(c)]
    issues += _duplicates(docs["sources.yml"], listed, "id", ("sources",), "source id")
    issues += _duplicates(docs["articles.yml"], articles, "number", ("articles",), "article number")
    if "glossary.yml" in docs:
        issues += _duplicates(
            docs["glossary.yml"],
            c.glossary,
            "id",
            ("terms",),
            "term id",
            "give each term its own id, or merge the two entries into one.",
        )
    rec_doc = docs["recommendations.yml"]
    issues += _duplicates(rec_doc, c.groups, "id", ("groups",), "group id")
    seen_recs: set[str] = set()
    for gi, group in enumerate(c.groups):
        refs(rec_doc, ("groups", gi, "sources"), group.sources, source_ids, "source")
        for ri, rec in enumerate(group.recommendations):
            if rec.id in seen_recs:
                issues.append(
                    rec_doc.issue(
                        ("groups", gi, "recommendations", ri, "id"),
                        f"duplicate recommendation id '{rec.id}'.",
                        "give each recommendation its own id.",
                    )
                )
            seen_recs.add(rec.id)
    for ai, article in enumerate(articles):
        refs(
            docs["articles.yml"], ("articles", ai, "sources"), article.sources, source_ids, "source"
        )
        issues += _unsourced(docs["articles.yml"], ("articles", ai), article)
    for fi, fact in enumerate(c.campaign.treaty.facts):
        refs(
            docs["campaign.yml"],
            ("treaty", "facts", fi, "sources"),
            fact.sources,
            source_ids,
            "source",
        )
        issues += _unsourced(docs["campaign.yml"], ("treaty", "facts", fi), fact)
    for ei, event in enumerate(events):
        refs(docs["timeline.yml"], ("events", ei, "sources"), event.sources, source_ids, "source")
        issues += _unsourced(docs["timeline.yml"], ("events", ei), event)
        if event.end_date and countries.last_day(event.end_date) < countries.first_day(event.date):
            issues.append(
                docs["timeline.yml"].issue(
                    ("events", ei, "end_date"),
                    f"{event.end_date} is before the event's date ({event.date}).",
                    "write the day the event ended, on or after its date; for an event of "
                    "one day, delete end_date.",
                )
            )
    for ci, contact in enumerate(c.action.contacts):
        refs(docs["action.yml"], ("contacts", ci, "source"), [contact.source], source_ids, "source")
    issues += _check_concerns(
        c, concern_docs, source_ids, article_numbers, set(rec_ids), slugs, refs
    )
    issues += countries.check_calendar(c, docs["campaign.yml"], source_ids)
    today = clock.latest_today()
    in_file = (docs["sources.yml"], listed)
    issues += countries.check_countries(c, docs, source_ids, today, in_file)
    issues += _future_dates(c, docs, concern_docs, today)
    return issues


def _unsourced(
    doc: YamlDoc, loc: Loc, item: m.Article | m.Fact | m.TimelineEvent
) -> list[ContentIssue]:
    """A claim marked confirmed or reported must name what confirms or reports it: readers
    are shown the mark as a promise that a source stands behind it."""
    if item.confirmation == "unconfirmed" or item.sources:
        return []
    did = "confirms" if item.confirmation == "confirmed" else "reports"
    return [
        doc.issue(
            (*loc, "confirmation"),
            f"is marked {item.confirmation}, but names no source.",
            f"add a line 'sources: [...]' with the id, in sources.yml, of the source that {did} "
            "it; or mark it unconfirmed.",
        )
    ]


def _future_dates(
    c: m.Campaign,
    docs: dict[str, YamlDoc],
    concern_docs: list[tuple[YamlDoc, m.Concern]],
    today: dt.date,
) -> list[ContentIssue]:
    """Dates that say something has already happened cannot be after today.

    (A timeline event may be ahead: the day signature closes is one.)
    """
    issues: list[ContentIssue] = []

    def check(doc: YamlDoc, loc: Loc, value: dt.date | str | None, hint: str) -> None:
        if value is None:
            return
        day = value if isinstance(value, dt.date) else countries.first_day(value)
        if day > today:
            shown = value.isoformat() if isinstance(value, dt.date) else value
            issues.append(
                doc.issue(loc, f"{shown} is in the future (today is {today.isoformat()}).", hint)
            )

    for doc, concern in concern_docs:
        check(
            doc,
            ("last_reviewed",),
            concern.last_reviewed,
            "write the day someone last checked this concern against its sources.",
        )
    check(
        docs["campaign.yml"],
        ("treaty", "status_as_of"),
        c.campaign.treaty.status_as_of,
        "write the day the treaty's status was last checked.",
    )
    published = "write the day the source was published, as the source gives it."
    for index, source in enumerate(c.sources[: len(c.sources) - _own_sources(c)]):
        check(docs["sources.yml"], ("sources", index, "date"), source.date, published)
    if c.countries:
        for index, source in enumerate(c.countries.sources):
            check(docs["countries.yml"], ("sources", index, "date"), source.date, published)
    return issues


def _own_sources(c: m.Campaign) -> int:
    """How many of the campaign's sources are countries.yml's own (they come last)."""
    return len(c.countries.sources) if c.countries else 0


def _check_concerns(
    c: m.Campaign,
    concern_docs: list[tuple[YamlDoc, m.Concern]],
    source_ids: set[str],
    article_numbers: set[int],
    rec_ids: set[str],
    slugs: set[str],
    refs: Any,
) -> list[ContentIssue]:
    issues: list[ContentIssue] = []
    owner: dict[str, str] = {}  # slug or alias -> the file that claims it
    renamed = {alias: x.slug for x in c.concerns for alias in x.aliases if alias not in slugs}
    # A file named after its slug owns that slug; a copy with a stale slug is the duplicate.
    concern_docs = sorted(
        concern_docs, key=lambda pair: not pair[0].file.endswith(f"/{pair[1].slug}.yml")
    )
    for doc, concern in concern_docs:
        issues += _reserved(doc, ("slug",), concern.slug)
        stem = doc.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        duplicate = concern.slug in owner
        if duplicate:
            # Renaming the file after the slug would overwrite the other concern's file.
            own = bool(re.fullmatch(m.SLUG_RE, stem)) and stem not in owner and stem not in slugs
            issues.append(
                doc.issue(
                    ("slug",),
                    f"slug '{concern.slug}' is already used by {owner[concern.slug]}.",
                    f"each concern needs its own slug: to keep this file's name, write slug: {stem}"
                    if own
                    else "each concern needs its own slug.",
                )
            )
        owner.setdefault(concern.slug, doc.file)
        expected = f"{m.CONCERNS_DIR}/{concern.slug}"
        if not duplicate and doc.file.rsplit(".", 1)[0] != expected:
            issues.append(
                doc.issue(
                    ("slug",),
                    f"the file name does not match the slug '{concern.slug}'.",
                    f"rename the file to {expected}.yml.",
                )
            )
        numbers = [a.article for a in concern.articles]
        refs(doc, ("articles",), numbers, article_numbers, "article", "articles.yml")
        # The same article twice is one reference shown twice; its paragraphs may differ.
        cited = [(a.article, a.paragraph) for a in concern.articles]
        issues += _listed_twice(doc, ("articles",), cited, _article)
        refs(doc, ("fixes",), concern.fixes, rec_ids, "recommendation", "recommendations.yml")
        lists: dict[Loc, list[str]] = {
            ("fixes",): concern.fixes,
            ("related",): concern.related,
            ("tags",): concern.tags,
            ("sources",): concern.sources,
            ("assessment", "sources"): concern.assessment.sources,
        }
        for loc, values in lists.items():
            issues += _listed_twice(doc, loc, values)
        for index, other in enumerate(concern.related):
            if other in concern.related[:index]:
                continue  # said above
            if other == concern.slug or (other in concern.aliases and other not in slugs):
                issues.append(
                    doc.issue(
                        ("related", index),
                        "a concern cannot be related to itself.",
                        "delete this slug from related; list other concerns only.",
                    )
                )
            elif other in renamed:
                issues.append(
                    doc.issue(
                        ("related", index),
                        f"'{other}' is an old slug of '{renamed[other]}'.",
                        f"write its slug now: {renamed[other]}.",
                    )
                )
            elif other not in slugs:
                issues.append(
                    doc.issue(
                        ("related", index),
                        f"no other concern '{other}' exists.",
                        suggest(other, sorted(slugs - {concern.slug})),
                    )
                )
        refs(doc, ("sources",), concern.sources, source_ids, "source")
        refs(doc, ("assessment", "sources"), concern.assessment.sources, source_ids, "source")
    for doc, concern in concern_docs:
        for index, alias in enumerate(concern.aliases):
            issues += _reserved(doc, ("aliases", index), alias)
            if alias == concern.slug:
                issues.append(
                    doc.issue(
                        ("aliases", index),
                        f"'{alias}' is this concern's own slug, not an old one.",
                        "aliases lists only the slugs the concern had before; delete this one.",
                    )
                )
            elif alias in concern.aliases[:index]:
                issues.append(
                    doc.issue(
                        ("aliases", index),
                        f"'{alias}' is listed twice in aliases.",
                        "keep the first and delete this one.",
                    )
                )
            elif alias in owner:
                issues.append(
                    doc.issue(
                        ("aliases", index),
                        f"'{alias}' is already used by {owner[alias]}.",
                        "an old address can lead to one concern only.",
                    )
                )
            owner.setdefault(alias, doc.file)
    return issues


def _reserved(doc: YamlDoc, loc: Loc, slug: str) -> list[ContentIssue]:
    if slug not in RESERVED_SLUGS:
        return []
    return [
        doc.issue(
            loc,
            f"'{slug}' is a name the site uses for its own pages.",
            f"choose another address, e.g. '{slug}-concern'; reserved: "
            + ", ".join(sorted(RESERVED_SLUGS))
            + ".",
        )
    ]
