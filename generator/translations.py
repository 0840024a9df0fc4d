"""Translations of a campaign's content: overlay files beside the English ones.

`translations/<lang>/` mirrors the campaign folder. Each file holds only translated text,
in the same structure as the English file: list items are matched by their id (article
number, group, recommendation, source and glossary id), timeline events by date, other
list items by position; a concern by its file name. Ids, numbers, URLs and dates are never
translated. Any text without a translation falls back to the English one, and the pages
mark it as such. Overlays are checked as strictly as the English files.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError, create_model

from . import bodies, countries
from . import model as m
from .errors import ContentError, ContentIssue
from .explain import fields_at, suggest, validation_issue
from .i18n import Language, Untranslated, babel_locale
from .yamlsrc import Loc, Place, YamlDoc, read_yaml

if TYPE_CHECKING:  # the loader hands its files over; importing it would be a cycle
    from .loader import CampaignFiles

TRANSLATIONS_DIR = "translations"
LANGUAGE_FILE = "language.yml"
CODE_RE = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[A-Z][a-z]{3}))?$")

# The fields that hold text a reader reads. Everything else (ids, slugs, numbers, URLs,
# dates, email addresses, statuses, source titles and publishers) is the same in every
# language. A test checks that every text field of the model is either here or known to stay.
TEXT: dict[type[BaseModel], tuple[str, ...]] = {
    m.SiteInfo: ("name", "tagline", "description", "publisher"),
    m.Treaty: ("name", "full_title", "summary", "status"),
    m.Fact: ("label", "value", "note"),
    m.Link: ("title",),
    m.Home: ("intro", "call_to_action"),
    m.CampaignFile: ("about",),
    m.Article: ("subject", "official_title", "summary", "note"),
    m.RecommendationGroup: ("title", "summary"),
    m.Recommendation: ("title", "text"),
    m.Source: ("note",),
    m.TimelineEvent: ("title", "description"),
    m.GlossaryTerm: ("term", "definition"),
    m.ActionFile: ("title", "intro"),
    m.Step: ("title", "text"),
    m.Contact: ("role", "organisation"),
    m.EmailTemplate: ("subject", "body"),
    m.Concern: ("title", "summary"),
    m.ArticleRef: ("note",),
    m.Sections: ("what_it_says", "why_it_matters", "who_is_affected", "what_we_recommend"),
    m.Assessment: ("evidence", "unconfirmed"),
    m.Ask: ("title", "text"),
    m.CountriesFile: ("note",),
    m.Country: ("note",),
    m.TreatyAction: ("note",),
    m.CountryContact: ("name",),
}
# How a translated list item finds its English item: by this field, or by position (None).
KEYS: dict[type[BaseModel], str | None] = {
    m.Article: "number",
    m.RecommendationGroup: "id",
    m.Recommendation: "id",
    m.Source: "id",
    m.GlossaryTerm: "id",
    m.ArticleRef: "article",
    m.TimelineEvent: "date",  # events get inserted in date order; positions would shift
    m.Fact: None,
    m.Link: None,
    m.Step: None,
    m.Contact: None,
    m.Country: "code",
    m.TreatyAction: "type",
    m.CountryContact: None,
}


class LanguageFile(m.Strict):
    """translations/<lang>/language.yml: the language itself."""

    name: m.PlainText = Field(
        description="The language's name in itself, as the language menu shows it: "
        "'Français', 'Español', 'العربية'."
    )
    direction: Literal["ltr", "rtl"] = Field(
        description="Writing direction: 'rtl' for Arabic, Hebrew, Persian, Urdu; else 'ltr'."
    )
    status: Literal["draft", "reviewed"] = Field(
        description="'draft' until a native speaker has reviewed the translation; draft "
        "pages say so."
    )
    note: m.PlainText | None = Field(
        None, description="Shown with the draft notice, e.g. who translated and how to help."
    )


# --- overlay models, derived from the content model ----------------------------------------


def _children(model: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel], bool]]:
    """(field, model, is_list) for each field that holds models with translatable text."""
    for name, info in model.model_fields.items():
        annotation, is_list = info.annotation, False
        while True:
            origin = typing.get_origin(annotation)
            if origin is list:
                is_list = True
            if origin in (list, typing.Union, types.UnionType, typing.Annotated):
                annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
                continue
            break
        if (
            isinstance(annotation, type)
            and issubclass(annotation, BaseModel)
            and _has_text(annotation)
        ):
            yield name, annotation, is_list


@functools.cache
def _has_text(model: type[BaseModel]) -> bool:
    return bool(TEXT.get(model)) or any(True for _ in _children(model))


def _same_type(info: Any) -> Any:
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


@functools.cache
def overlay_model(model: type[BaseModel]) -> type[m.Strict]:
    """The shape of a translation of `model`: its key, its text fields, all optional."""
    fields: dict[str, Any] = {}
    key = KEYS.get(model)
    if key:
        info = model.model_fields[key]
        which = Field(description=f"Which item: its {key}.", examples=info.examples)
        fields[key] = (_same_type(info), which)
    for name in TEXT.get(model, ()):
        info = model.model_fields[name]
        fields[name] = (_same_type(info) | None, Field(None, description=info.description))
    for name, child, is_list in _children(model):
        sub = overlay_model(child)
        fields[name] = ((types.GenericAlias(list, (sub,)) if is_list else sub) | None, None)
    return create_model(f"{model.__name__}Translation", __base__=m.Strict, **fields)


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Missing:
    """A text shown in English on a translated page."""

    file: str  # the English file, e.g. concerns/weak-safeguards.yml
    line: int  # where its English text is
    field: str  # e.g. sections.why_it_matters, articles[number=5].summary


@dataclass(frozen=True)
class Translation:
    language: Language
    campaign: m.Campaign
    missing: tuple[Missing, ...]
    total: int  # texts that have an English version to translate
    docs: tuple[YamlDoc, ...] = ()  # its files as read, for checks that need positions


@dataclass(frozen=True)
class Content:
    """A campaign in its source language and in every translation of it."""

    campaign: m.Campaign
    source: Language
    translations: tuple[Translation, ...] = ()
    docs: tuple[YamlDoc, ...] = ()  # the source language's files as read
    # Where each thing that gets its own address was written ("concern:<slug>",
    # "alias:<alias>", "language:<code>"), so that two outputs wanting one path can be
    # reported at their places in the YAML.
    places: Mapping[str, Place] = field(default_factory=dict)

    @property
    def all_docs(self) -> tuple[YamlDoc, ...]:
        """Every file of every language, as read: for checks that point at a line."""
        return self.docs + tuple(d for t in self.translations for d in t.docs)

    @property
    def languages(self) -> tuple[Language, ...]:
        """Every language of the site, source first: the order of the language menu."""
        return (self.source, *(t.language for t in self.translations))


# --- one language, read through the loader's public API ---------------------------------


def read_translation(
    folder: Path,
    files: CampaignFiles,
    source: Language | None,
    issues: list[ContentIssue],
    settled: bool = True,
) -> Translation | None:
    """translations/<lang>/ laid over the campaign's files; None after any issue.

    Called by loader.load_content with what it has read (`files`), whose public
    methods read a file and assemble a campaign exactly as for the source language.
    Unless the campaign's files are `settled` (without errors), each file is checked on
    its own, not yet against the English items.
    """
    code = folder.name
    rel = f"{TRANSLATIONS_DIR}/{code}"
    start = len(issues)
    language = _read_language_file(folder, rel, source, files, issues)
    reader = _OverlayReader(rel, files, issues)
    for path in sorted(folder.iterdir()):
        reader.read(path)
    if len(issues) > start:
        return None
    # Its Markdown is checked even while the campaign's own files have errors, so that a
    # maintainer sees every mistake at once; links to the site's pages wait for those.
    pages = bodies.site_pages(files.campaign) if files.campaign else None
    issues.extend(bodies.check_docs(reader.overlays.values(), pages))
    if len(issues) > start or language is None or not settled or files.campaign is None:
        return None
    return reader.translation(language)


def _read_language_file(
    folder: Path,
    rel: str,
    source: Language | None,
    files: CampaignFiles,
    issues: list[ContentIssue],
) -> Language | None:
    code = folder.name
    where = f"{rel}/{LANGUAGE_FILE}"
    problem = _code_problem(code, source)
    if problem:
        issues.append(ContentIssue(rel, 1, 1, "", problem[0], problem[1]))
        return None
    if not (folder / LANGUAGE_FILE).is_file():
        issues.append(
            ContentIssue(
                where,
                1,
                1,
                "",
                "file is missing.",
                "every translation needs language.yml with name, direction and status.",
            )
        )
        return None
    loaded = files.read_file(folder / LANGUAGE_FILE, where, LanguageFile, issues)
    if loaded is None or source is None:
        return None
    doc, info = loaded
    expected = "rtl" if babel_locale(code).character_order == "right-to-left" else "ltr"
    if info.direction != expected:
        issues.append(
            doc.issue(
                ("direction",),
                f"'{code}' is written {expected}, not {info.direction}.",
                f"write 'direction: {expected}'.",
            )
        )
        return None
    return Language(
        code, info.name, info.direction, info.status, info.note, f"{code}/", f"{source.url}{code}/"
    )


def _code_problem(code: str, source: Language | None) -> tuple[str, str] | None:
    if not CODE_RE.match(code):
        return (
            f"'{code}' is not a language code.",
            "name the folder with a code such as 'fr', 'es', 'ar' or 'pt-BR'.",
        )
    try:
        babel_locale(code)
    except ValueError as exc:
        return (f"{exc}.", "use an ISO 639 code such as 'fr', 'es' or 'ar'.")
    if source and code == source.code:
        return (
            f"'{code}' is the language the campaign is written in.",
            "translations are for other languages; edit the campaign files themselves.",
        )
    return None


# --- one language's overlay files ----------------------------------------------------------


class _OverlayReader:
    """Reads a language's overlay files, checks them against the English ones, applies them."""

    def __init__(self, rel: str, files: CampaignFiles, issues: list[ContentIssue]) -> None:
        self.rel = rel
        self.files = files
        self.issues = issues
        self.overlays: dict[str, tuple[YamlDoc, BaseModel]] = {}  # by file name or slug
        self.slugs = {c.slug for _, c in files.concerns}
        self._present: set[str] = set()  # the stems of its concerns/ files

    def read(self, path: Path) -> None:
        name = path.name
        if name.startswith(".") or name == LANGUAGE_FILE:
            return
        if path.is_dir():
            if name == m.CONCERNS_DIR:
                self.issues.extend(self.files.stray_files(path, f"{self.rel}/{name}"))
                items = sorted(path.iterdir())
                self._present = {i.stem for i in items if i.suffix in {".yml", ".yaml"}}
                for item in items:
                    self._read_concern(item)
            else:
                self._unknown(path, "folder", [m.CONCERNS_DIR])
            return
        if path.suffix not in {".yml", ".yaml"}:
            meant = next((f for f in m.FILE_MODELS if name.startswith(f + ".")), None)
            if meant:  # 'timeline.yml.txt': the French timeline would fall back to English
                self._issue(
                    name,
                    "is not read: only files whose name ends in .yml are read here.",
                    f"rename it to {self.rel}/{meant}.",
                )
            return  # a translator's README or notes
        if name not in m.FILE_MODELS:
            self._unknown(path, "file", [*m.FILE_MODELS, LANGUAGE_FILE])
            return
        missing = name not in self.files.parsed and name not in self._broken()
        if missing and self.files.is_optional(name):
            self._issue(
                name,
                f"there is no {name} in the campaign to translate.",
                f"add {name} to the campaign first, or delete this translation of it.",
            )
            return
        self._load(path, name, m.FILE_MODELS[name], name)

    def _read_concern(self, path: Path) -> None:
        if path.name.startswith(".") or path.suffix not in {".yml", ".yaml"}:
            return
        name = f"{m.CONCERNS_DIR}/{path.name}"
        if path.stem in self.overlays:
            self._issue(name, f"concern '{path.stem}' is translated twice.", "keep one file.")
            return
        if path.stem not in self.slugs and path.stem not in self._broken_slugs():
            self._issue(name, *self._no_such_concern(path.stem))
            return
        self._load(path, name, m.Concern, path.stem)

    def _no_such_concern(self, stem: str) -> tuple[str, str]:
        """What to do with the translation of a concern the campaign does not have: it was
        renamed, misspelt, or deleted in English."""
        folder = f"{self.rel}/{m.CONCERNS_DIR}"
        renamed = {a: c.slug for _, c in self.files.concerns for a in c.aliases}
        if stem in renamed:
            return (
                f"there is no concern '{stem}' to translate: it was renamed '{renamed[stem]}'.",
                f"rename this file to {folder}/{renamed[stem]}.yml.",
            )
        known = sorted(self.slugs)
        guess = difflib.get_close_matches(stem, known, n=1, cutoff=0.5)
        message = (
            f"there is no concern '{stem}' to translate: the campaign has no "
            f"{m.CONCERNS_DIR}/{stem}.yml."
        )
        removed = "delete it if that concern was removed"
        if guess and guess[0] in self._present:
            return message, f"{removed}, or if it is an old copy of {folder}/{guess[0]}.yml."
        if guess:
            return message, (
                f"rename it to {folder}/{guess[0]}.yml if it translates '{guess[0]}'; or {removed}."
            )
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        return message, (
            f"give it the name of the concern it translates (the campaign's concerns: "
            f"{listed}); or {removed}."
        )

    def _broken(self) -> set[str]:
        return {i.file for i in self.issues}

    def _broken_slugs(self) -> set[str]:
        prefix = f"{m.CONCERNS_DIR}/"
        return {Path(f).stem for f in self._broken() if f.startswith(prefix)}

    def _unknown(self, path: Path, what: str, known: list[str]) -> None:
        guess = difflib.get_close_matches(path.name, known, n=1)
        hint = f"did you mean {guess[0]}?" if guess else f"known names: {', '.join(known)}."
        self._issue(path.name, f"unknown {what} '{path.name}'.", hint)

    def _issue(self, name: str, message: str, hint: str = "") -> None:
        self.issues.append(ContentIssue(f"{self.rel}/{name}", 1, 1, "", message, hint))

    def _load(self, path: Path, name: str, english: type[BaseModel], key: str) -> None:
        rel = f"{self.rel}/{name}"
        try:
            doc = read_yaml(path, rel)
        except ContentError as exc:
            self.issues.extend(exc.issues)
            return
        if not isinstance(doc.data, dict):
            self.issues.append(doc.issue((), *self.files.not_fields(doc.data)))
            return
        shape = overlay_model(english)
        try:
            self.overlays[key] = (doc, shape.model_validate(doc.data))
        except ValidationError as exc:
            self.issues.extend(_overlay_issue(doc, shape, english, e) for e in exc.errors())

    def translation(self, language: Language) -> Translation | None:
        """Apply every overlay to its English file; None if an overlay does not fit."""
        walk = _Walk(self.issues)
        parsed = {}
        for name, (doc, english) in self.files.parsed.items():
            parsed[name] = (doc, walk.file(doc, english, self.overlays.get(name)))
        concerns = []
        for doc, concern in self.files.concerns:
            concerns.append((doc, walk.file(doc, concern, self.overlays.get(concern.slug))))
        if walk.failed:
            return None
        campaign = self.files.assemble(parsed, concerns)
        site = campaign.campaign.site.model_copy(
            update={"language": language.code, "url": language.url.rstrip("/")}
        )
        campaign = campaign.model_copy(
            update={"campaign": campaign.campaign.model_copy(update={"site": site})}
        )
        docs = tuple(doc for doc, _ in self.overlays.values())
        return Translation(language, campaign, tuple(sorted(walk.missing)), walk.total, docs)


def _overlay_issue(
    doc: YamlDoc, shape: type[BaseModel], english: type[BaseModel], err: Any
) -> ContentIssue:
    loc: Loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden" and str(loc[-1]) in fields_at(english, loc[:-1]):
        return doc.issue(
            loc,
            f"'{loc[-1]}' is not translated: it is the same in every language.",
            "delete this line; only text fields are translated.",
        )
    return validation_issue(doc, shape, err)


# --- applying an overlay -------------------------------------------------------------------


@dataclass
class _Walk:
    """Walks an English file and its overlay together, in step."""

    issues: list[ContentIssue]
    missing: list[Missing] = field(default_factory=list)
    total: int = 0
    failed: bool = False
    doc: YamlDoc | None = None  # the English file
    overlay: YamlDoc | None = None

    def file(
        self, doc: YamlDoc, english: BaseModel, overlay: tuple[YamlDoc, BaseModel] | None
    ) -> Any:
        self.doc = doc
        self.overlay = overlay[0] if overlay else None
        return self.model(english, overlay[1] if overlay else None, (), (), "")

    def problem(self, loc: Loc, message: str, hint: str = "") -> None:
        assert self.overlay is not None
        self.issues.append(self.overlay.issue(loc, message, hint))
        self.failed = True

    def model(
        self, english: BaseModel, patch: BaseModel | None, loc: Loc, at: Loc, label: str
    ) -> Any:
        """Translate one English model; `loc` is its place in the English file, `at` in the
        overlay, `label` how the report names it."""
        updates: dict[str, Any] = {}
        for name in TEXT.get(type(english), ()):
            value = getattr(english, name)
            new = getattr(patch, name, None) if patch is not None else None
            if value is None:
                if new is not None:
                    self.problem(
                        (*at, name),
                        f"the English text has no {name} to translate.",
                        f"add the {name} to the English file first, or delete it here.",
                    )
                continue
            self.total += 1
            if new is None:
                assert self.doc is not None
                updates[name] = Untranslated(value)
                line = self.doc.locate((*loc, name))[0]
                self.missing.append(Missing(self.doc.file, line, label + name))
            else:
                updates[name] = new
        for name, child, is_list in _children(type(english)):
            value = getattr(english, name)
            sub = getattr(patch, name, None) if patch is not None else None
            if value is None:
                if sub is not None:
                    self.problem(
                        (*at, name),
                        f"the English text has no {name} to translate.",
                        f"add the {name} to the English file first, or delete it here.",
                    )
                continue
            if is_list:
                updates[name] = self.items(
                    value, sub or [], child, (*loc, name), (*at, name), f"{label}{name}"
                )
            else:
                updates[name] = self.model(value, sub, (*loc, name), (*at, name), f"{label}{name}.")
        return english.model_copy(update=updates)

    def items(
        self, english: list[Any], patches: list[Any], child: type, loc: Loc, at: Loc, label: str
    ) -> list[Any]:
        key = KEYS[child]
        matched = self.match(english, patches, key, at)
        out = []
        for index, item in enumerate(english):
            which = f"{key}={getattr(item, key)}" if key else str(index)
            patch, patch_index = matched.get(index, (None, None))
            place = (*at, patch_index) if patch_index is not None else at
            out.append(self.model(item, patch, (*loc, index), place, f"{label}[{which}]."))
        return out

    def unmatched(self, key: str, value: Any, what: str, known: list[Any]) -> tuple[str, str]:
        """What to say about a translated item that has no English item to match."""
        assert self.doc is not None
        delete = f"delete this item, or add it to {self.doc.file} first."
        if key == "code" and value in countries.codes():
            # Two-letter codes all look alike: name the country rather than guess another.
            return (
                f"{countries.name(value)} ('{value}') has no entry in {self.doc.file}.",
                delete,
            )
        if key == "code" and isinstance(value, str) and value.lower() in known:
            return (
                f"no item with code '{value}' in the English '{what}'.",
                f"write codes in lower case: '{value.lower()}'.",
            )
        guess = suggest(value, known) if key != "code" else ""
        if guess.startswith("did you mean"):
            return f"no item with {key} '{value}' in the English '{what}'.", guess
        return f"no item with {key} '{value}' in the English '{what}'.", delete

    def match(
        self, english: list[Any], patches: list[Any], key: str | None, at: Loc
    ) -> dict[int, tuple[Any, int]]:
        """English index -> (its translation, index in the overlay)."""
        what = str(at[-1])
        if key is None:
            for extra in range(len(english), len(patches)):
                self.problem(
                    (*at, extra),
                    f"the English file has only {len(english)} item(s) in '{what}'.",
                    "items without an id are matched by position; remove the extra ones.",
                )
            return {i: (p, i) for i, p in enumerate(patches[: len(english)])}
        free: dict[Any, list[int]] = {}
        for index, item in enumerate(english):
            free.setdefault(getattr(item, key), []).append(index)
        out: dict[int, tuple[Any, int]] = {}
        for j, patch in enumerate(patches):
            value = getattr(patch, key)
            if value not in free:
                self.problem((*at, j, key), *self.unmatched(key, value, what, list(free)))
            elif not free[value]:
                self.problem(
                    (*at, j, key),
                    f"{key} '{value}' is translated twice.",
                    "keep one of the two and delete the other.",
                )
            else:
                out[free[value].pop(0)] = (patch, j)
        return out
