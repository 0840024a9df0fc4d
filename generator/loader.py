"""Read a campaign directory into a validated, cross-checked `Campaign`.

Every file is read and checked even after an earlier one failed, so a single
run reports every problem. Nothing here writes files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import bodies, clock, countries
from . import model as m
from .errors import ContentError, ContentIssue
from .explain import explain
from .supplied import Supplied
from .yamlsrc import Loc, YamlDoc, dotted, read_yaml

OPTIONAL_FILES = {"glossary.yml", "countries.yml"}


def load_campaign(content_dir: Path) -> m.Campaign:
    """Load and check everything under `content_dir`, or raise ContentError."""
    issues: list[ContentIssue] = []
    files = read_campaign(content_dir, issues)
    if issues or files.campaign is None:
        raise ContentError(issues)
    return files.campaign


@dataclass
class CampaignFiles:
    """The files as parsed, kept so that translations can be checked against them."""

    parsed: dict[str, tuple[YamlDoc, Any]]
    concerns: list[tuple[YamlDoc, m.Concern]]
    campaign: m.Campaign | None  # None when any file has an error


def read_campaign(content_dir: Path, issues: list[ContentIssue]) -> CampaignFiles:
    """Read and check every file, appending each problem to `issues` instead of raising."""
    start = len(issues)
    parsed: dict[str, tuple[YamlDoc, BaseModel]] = {}
    for name, file_model in m.FILE_MODELS.items():
        path = content_dir / name
        if not path.is_file():
            if name in OPTIONAL_FILES:
                continue
            issues.append(
                ContentIssue(
                    name,
                    1,
                    1,
                    "",
                    "file is missing.",
                    f"every campaign needs {name}; copy one from the example campaign.",
                )
            )
            continue
        # campaign.yml's site takes what the deploy workflow knows where it says nothing.
        prepare = Supplied.from_environ().apply if name == "campaign.yml" else None
        result = _load_file(path, name, file_model, issues, prepare)
        if result:
            parsed[name] = result
    concerns = [
        _load_file(path, f"{m.CONCERNS_DIR}/{path.name}", m.Concern, issues)
        for path in _concern_paths(content_dir, issues)
    ]
    concern_docs = [c for c in concerns if c is not None]
    if len(issues) > start:
        return CampaignFiles(parsed, concern_docs, None)
    campaign = _assemble(parsed, concern_docs)
    issues.extend(check_references(campaign, {n: d for n, (d, _) in parsed.items()}, concern_docs))
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
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())
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


def _load_file(
    path: Path,
    rel: str,
    file_model: type[BaseModel],
    issues: list[ContentIssue],
    prepare: Callable[[YamlDoc], list[ContentIssue]] | None = None,
) -> tuple[YamlDoc, Any] | None:
    try:
        doc = read_yaml(path, rel)
    except ContentError as exc:
        issues.extend(exc.issues)
        return None
    if prepare:
        issues.extend(prepare(doc))
    if not isinstance(doc.data, dict):
        issues.append(
            doc.issue(
                (),
                "the file must be a mapping of 'field: value' lines, "
                f"not a {type(doc.data).__name__}.",
                "remove the '- ' before the top-level fields, or start from a copy of a good file.",
            )
        )
        return None
    try:
        return doc, file_model.model_validate(doc.data)
    except ValidationError as exc:
        issues.extend(_pydantic_issue(doc, file_model, err) for err in exc.errors())
        return None


def _pydantic_issue(doc: YamlDoc, file_model: type[BaseModel], err: Any) -> ContentIssue:
    loc: Loc = tuple(err["loc"])
    message, hint = explain(err, file_model)
    # A missing field has no line of its own: point at the block it belongs in.
    line, column = doc.locate(loc[:-1] if err["type"] == "missing" else loc)
    return ContentIssue(doc.file, line, column, dotted(loc), message, hint)


def _assemble(
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


def _suggest(value: object, known: Iterable[object]) -> str:
    known = list(known)
    names = [str(k) for k in known]
    numbers = [k for k in known if isinstance(k, int)]
    if isinstance(value, int) and numbers:
        near = min(numbers, key=lambda k: (abs(k - value), k))
        if abs(near - value) <= 2 or sorted(str(near)) == sorted(str(value)):
            return f"did you mean '{near}'? Known values: {', '.join(names[:12])}."
    guess = difflib.get_close_matches(str(value), names, n=1, cutoff=0.5)
    if guess:
        return f"did you mean '{guess[0]}'?"
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"known values: {listed}." if names else ""


def _duplicates(
    doc: YamlDoc, items: list[Any], attr: str, prefix: Loc, what: str
) -> Iterator[ContentIssue]:
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            first = doc.locate((*prefix, seen[key]))[0]
            yield doc.issue(
                (*prefix, index, attr),
                f"duplicate {what} '{key}' (first used on line {first}).",
                f"give each {what} its own value.",
            )
        else:
            seen[key] = index


def check_references(
    c: m.Campaign, docs: dict[str, YamlDoc], concern_docs: list[tuple[YamlDoc, m.Concern]]
) -> list[ContentIssue]:
    """Every id a file mentions must exist, and every id must be unique."""
    issues: list[ContentIssue] = []
    source_ids = {s.id for s in c.sources}
    article_numbers = {a.number for a in c.articles}
    rec_ids = [r.id for g in c.groups for r in g.recommendations]
    slugs = {x.slug for x in c.concerns}

    def refs(doc: YamlDoc, loc: Loc, values: Iterable[Any], known: set[Any], what: str) -> None:
        for index, value in enumerate(values):
            if value not in known:
                issues.append(
                    doc.issue(
                        (*loc, index),
                        f"no {what} '{value}' exists.",
                        _suggest(value, sorted(known)),
                    )
                )

    listed = c.sources[: len(c.sources) - (len(c.countries.sources) if c.countries else 0)]
    issues += _duplicates(docs["sources.yml"], listed, "id", ("sources",), "source id")
    issues += _duplicates(
        docs["articles.yml"], c.articles, "number", ("articles",), "article number"
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
    for ai, article in enumerate(c.articles):
        refs(
            docs["articles.yml"], ("articles", ai, "sources"), article.sources, source_ids, "source"
        )
    for fi, fact in enumerate(c.campaign.treaty.facts):
        refs(
            docs["campaign.yml"],
            ("treaty", "facts", fi, "sources"),
            fact.sources,
            source_ids,
            "source",
        )
    for ei, event in enumerate(c.events):
        refs(docs["timeline.yml"], ("events", ei, "sources"), event.sources, source_ids, "source")
    for ci, contact in enumerate(c.action.contacts):
        refs(docs["action.yml"], ("contacts", ci, "source"), [contact.source], source_ids, "source")
    issues += _check_concerns(
        c, concern_docs, source_ids, article_numbers, set(rec_ids), slugs, refs
    )
    issues += countries.check_calendar(c, docs["campaign.yml"], source_ids)
    issues += countries.check_countries(c, docs, source_ids, clock.latest_today())
    return issues


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
    # A file named after its slug owns that slug; a copy with a stale slug is the duplicate.
    concern_docs = sorted(
        concern_docs, key=lambda pair: not pair[0].file.endswith(f"/{pair[1].slug}.yml")
    )
    for doc, concern in concern_docs:
        if concern.slug in owner:
            issues.append(
                doc.issue(
                    ("slug",),
                    f"slug '{concern.slug}' is already used by {owner[concern.slug]}.",
                    "each concern needs its own slug.",
                )
            )
        owner.setdefault(concern.slug, doc.file)
        expected = f"{m.CONCERNS_DIR}/{concern.slug}"
        if doc.file.rsplit(".", 1)[0] != expected:
            issues.append(
                doc.issue(
                    ("slug",),
                    f"the file name does not match the slug '{concern.slug}'.",
                    f"rename the file to {expected}.yml.",
                )
            )
        refs(doc, ("articles",), [a.article for a in concern.articles], article_numbers, "article")
        refs(doc, ("fixes",), concern.fixes, rec_ids, "recommendation")
        refs(doc, ("related",), concern.related, slugs - {concern.slug}, "other concern")
        refs(doc, ("sources",), concern.sources, source_ids, "source")
        refs(doc, ("assessment", "sources"), concern.assessment.sources, source_ids, "source")
    for doc, concern in concern_docs:
        for index, alias in enumerate(concern.aliases):
            if alias in owner:
                issues.append(
                    doc.issue(
                        ("aliases", index),
                        f"'{alias}' is already used by {owner[alias]}.",
                        "an old address can lead to one concern only.",
                    )
                )
            owner.setdefault(alias, doc.file)
    return issues
