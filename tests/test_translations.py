"""Translation overlays: partial translations, fallback to English, and strict checking."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import MINIMAL, MULTILINGUAL
from generator import model as m
from generator.errors import ContentError, ContentIssue
from generator.i18n import Untranslated
from generator.loader import load_campaign, load_content
from generator.translations import KEYS, TEXT, Content, Translation

# Text-like fields that deliberately stay the same in every language.
NOT_TRANSLATED = {
    (m.SiteInfo, "license"),  # a licence's name is a legal identifier
    (m.Source, "title"),  # a source is cited by its own title and publisher
    (m.Source, "publisher"),
    (m.Contact, "name"),
    (m.ArticleRef, "paragraph"),  # "3(a)" is a reference, like the article number
    (m.Country, "code"),  # an ISO code; the country's name comes from CLDR in each language
    (m.TreatyCalendar, "time_zone"),  # an IANA name such as America/New_York, not words
}


def translation(content: Content, code: str) -> Translation:
    return next(t for t in content.translations if t.language.code == code)


def issues_for(campaign: Path) -> list[ContentIssue]:
    with pytest.raises(ContentError) as info:
        load_content(campaign)
    return info.value.issues


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def walk_strings(value: Any) -> list[str]:
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields for s in walk_strings(getattr(value, name))]
    if isinstance(value, list):
        return [s for item in value for s in walk_strings(item)]
    return [value] if isinstance(value, str) else []


# --- the specification of what is translatable ---------------------------------------------


def _text_fields(model: type[BaseModel]) -> set[tuple[type[BaseModel], str]]:
    """Every prose str field of `model` and of the models inside it."""
    out = set()
    for name, info in model.model_fields.items():
        for arg, metadata in _leaves(info.annotation, [*info.metadata, info.description]):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out |= _text_fields(arg)
            elif arg is str and not _identifier(metadata):
                out.add((model, name))
    return out


def _leaves(annotation: Any, metadata: list[Any]) -> list[tuple[Any, list[Any]]]:
    """The types inside unions, lists and Annotated, each with the metadata around it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _leaves(inner, [*metadata, *extra])
    if origin is not None and origin is not typing.Literal:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return [leaf for a in args for leaf in _leaves(a, metadata)]
    return [(annotation, metadata)]


def _identifier(metadata: list[Any]) -> bool:
    """Slugs, URLs, emails, dates: constrained strings that are never prose."""
    text = repr(metadata)
    markers = ("pattern=", "_https_url", "_email", "_partial_date", "Lowercase ASCII")
    return any(marker in text for marker in markers)


def test_every_text_field_is_translatable_or_deliberately_not() -> None:
    """Adding a text field to the model without deciding about its translation fails here."""
    found = set()
    for file_model in [*m.FILE_MODELS.values(), m.Concern]:
        found |= _text_fields(file_model)
    declared = {(model, name) for model, names in TEXT.items() for name in names}
    assert found - declared - NOT_TRANSLATED == set()
    assert declared - found == set(), "TEXT names a field that is not a text field"


def test_every_translatable_list_has_a_matching_rule() -> None:
    for model in TEXT:
        used_in_list = any(
            typing.get_origin(info.annotation) is list
            and typing.get_args(info.annotation)[0] is model
            for parent in TEXT
            for info in parent.model_fields.values()
        )
        if used_in_list or model in (m.Article, m.TimelineEvent, m.GlossaryTerm, m.Source):
            assert model in KEYS, model


# --- a valid multilingual campaign ------------------------------------------------------------


def test_languages_source_first_then_by_code() -> None:
    content = load_content(MULTILINGUAL)
    assert [x.code for x in content.languages] == ["en", "ar", "es", "fr"]
    assert [x.folder for x in content.languages] == ["", "ar/", "es/", "fr/"]
    ar = translation(content, "ar").language
    assert (ar.name, ar.direction, ar.status) == ("العربية", "rtl", "draft")
    assert ar.url == "https://test.example.org/ar/"
    assert (
        translation(content, "fr").language.note == "Traduction faite pour les tests du générateur."
    )


def test_translated_fields_replace_english_ones() -> None:
    fr = translation(load_content(MULTILINGUAL), "fr").campaign
    assert fr.concern("weak-safeguards").title == "Garanties insuffisantes"
    assert fr.concern("weak-safeguards").sections.why_it_matters.startswith("Par exemple")
    assert fr.campaign.home.call_to_action == "Agir maintenant"
    assert fr.action.steps[0].title == "Écrivez à votre gouvernement"
    assert fr.action.contacts[0].role == "Responsable des politiques"
    assert fr.article(9).subject == "Interception"
    assert fr.recommendation("judicial-authorisation")[1].title == "Exiger l’accord d’un juge"


def test_missing_translation_falls_back_to_english_marked_untranslated() -> None:
    content = load_content(MULTILINGUAL)
    english, fr = content.campaign, translation(content, "fr").campaign
    text = fr.concern("secret-interception").sections.what_it_says
    assert text == english.concern("secret-interception").sections.what_it_says
    assert isinstance(text, Untranslated)
    assert not isinstance(fr.concern("secret-interception").title, Untranslated)
    assert isinstance(fr.article(5).summary, Untranslated)
    # A text with no English version stays empty rather than becoming "untranslated".
    assert fr.concern("secret-interception").assessment.evidence is None


def test_nothing_untranslatable_changes_between_languages() -> None:
    content = load_content(MULTILINGUAL)
    for t in content.translations:
        c = t.campaign
        assert [x.slug for x in c.concerns] == [x.slug for x in content.campaign.concerns]
        assert [a.number for a in c.articles] == [a.number for a in content.campaign.articles]
        assert c.sources == content.campaign.sources
        assert [e.date for e in c.events] == [e.date for e in content.campaign.events]
        assert [x.aliases for x in c.concerns] == [x.aliases for x in content.campaign.concerns]
        assert c.campaign.site.language == t.language.code
        assert c.campaign.site.url == f"https://test.example.org/{t.language.code}"


def test_english_campaign_is_untouched_by_translations() -> None:
    content = load_content(MULTILINGUAL)
    assert content.campaign == load_campaign(MINIMAL)
    assert not any(isinstance(s, Untranslated) for s in walk_strings(content.campaign))


def test_missing_list_names_file_line_and_field() -> None:
    content = load_content(MULTILINGUAL)
    fr = translation(content, "fr")
    english = MULTILINGUAL / "concerns/secret-interception.yml"
    missing = {(x.file, x.line, x.field) for x in fr.missing}
    assert (
        "concerns/secret-interception.yml",
        line_of(english, "why_it_matters"),
        "sections.why_it_matters",
    ) in missing
    assert (
        "articles.yml",
        line_of(MULTILINGUAL / "articles.yml", "summary: Says"),
        "articles[number=5].summary",
    ) in missing
    assert ("timeline.yml", 9, "events[date=2022-05].description") in missing
    assert len(fr.missing) == 12
    untranslated = [s for s in walk_strings(fr.campaign) if isinstance(s, Untranslated)]
    assert len(untranslated) == len(fr.missing)
    assert fr.total == 87  # the asks for States, and the European Union's own


def test_campaign_without_translations_has_one_language() -> None:
    content = load_content(MINIMAL)
    assert content.translations == ()
    assert [x.code for x in content.languages] == ["en"]


def test_a_language_with_only_language_yml_is_all_english(campaign: Path) -> None:
    write(
        campaign / "translations/de/language.yml", "name: Deutsch\ndirection: ltr\nstatus: draft\n"
    )
    de = translation(load_content(campaign), "de")
    assert len(de.missing) == de.total > 40
    assert de.campaign.concern("weak-safeguards").title == "Weak safeguards"


def test_events_match_by_date_so_inserting_one_shifts_nothing(multilingual: Path) -> None:
    timeline = multilingual / "timeline.yml"
    timeline.write_text(
        timeline.read_text().replace(
            "events:\n",
            "events:\n  - date: 2023-03\n    title: Inserted\n    confirmation: reported\n"
            "    sources: [test-source]\n",
        )
    )
    fr = translation(load_content(multilingual), "fr").campaign
    titles = {e.date: (e.title, isinstance(e.title, Untranslated)) for e in fr.events}
    assert titles["2022-05"] == ("Une session", False)
    assert titles["2023-03"] == ("Inserted", True)


def test_events_sharing_a_date_match_in_order(multilingual: Path) -> None:
    timeline = multilingual / "timeline.yml"
    timeline.write_text(
        timeline.read_text()
        + "  - date: 2022-05\n    title: Second session\n    confirmation: reported\n"
        + "    sources: [test-source]\n"
    )
    write(
        multilingual / "translations/fr/timeline.yml",
        "events:\n"
        "  - date: 2022-05\n    title: Une session\n"
        "  - date: 2022-05\n    title: Seconde\n",
    )
    fr = translation(load_content(multilingual), "fr").campaign
    assert [e.title for e in fr.events if e.date == "2022-05"] == ["Une session", "Seconde"]


def test_position_matched_items_can_be_skipped_with_empty_mapping(multilingual: Path) -> None:
    write(
        multilingual / "translations/fr/campaign.yml",
        "treaty:\n  facts:\n    - {}\n    - label: Nombre d’articles\n",
    )
    fr = translation(load_content(multilingual), "fr").campaign
    first, second = fr.campaign.treaty.facts
    assert isinstance(first.label, Untranslated)
    assert second.label == "Nombre d’articles"
    assert isinstance(second.value, Untranslated)


# --- broken overlays: every problem, with file, line, field and a hint ------------------------


def test_unknown_field_suggests_the_right_one(multilingual: Path) -> None:
    path = write(
        multilingual / "translations/fr/concerns/weak-safeguards.yml", "titel: Garanties\n"
    )
    [issue] = issues_for(multilingual)
    assert (issue.file, issue.line, issue.field) == (
        "translations/fr/concerns/weak-safeguards.yml",
        line_of(path, "titel"),
        "titel",
    )
    assert issue.hint == "did you mean 'title'?"


@pytest.mark.parametrize(
    ("file", "text", "field"),
    [
        ("concerns/weak-safeguards.yml", "slug: garanties\n", "slug"),
        (
            "sources.yml",
            "sources:\n  - id: test-source\n    url: https://x.example\n",
            "sources[0].url",
        ),
        ("campaign.yml", "site:\n  language: fr\n", "site.language"),
        (
            "articles.yml",
            "articles:\n  - number: 5\n    confirmation: confirmed\n",
            "articles[0].confirmation",
        ),
    ],
)
def test_untranslatable_field_is_refused_with_a_clear_reason(
    multilingual: Path, file: str, text: str, field: str
) -> None:
    write(multilingual / "translations/fr" / file, text)
    [issue] = issues_for(multilingual)
    assert issue.field == field
    assert "is not translated: it is the same in every language" in issue.message
    assert "delete this line" in issue.hint


def test_wrong_type_and_multiline_plain_text(multilingual: Path) -> None:
    write(
        multilingual / "translations/fr/concerns/weak-safeguards.yml",
        "title:\n  - a list\nsummary: |\n  two\n  lines\n",
    )
    found = issues_for(multilingual)
    assert {i.field for i in found} == {"title", "summary"}
    assert any("one line" in i.message for i in found)


def test_translation_of_an_item_that_does_not_exist(multilingual: Path) -> None:
    path = write(
        multilingual / "translations/fr/articles.yml",
        "articles:\n  - number: 9\n    subject: Interception\n  - number: 6\n    subject: Six\n",
    )
    [issue] = issues_for(multilingual)
    assert issue.file == "translations/fr/articles.yml"
    assert issue.field == "articles[1].number"
    assert issue.line == line_of(path, "number: 6")
    assert "no item with number '6'" in issue.message
    assert issue.hint.startswith("did you mean '5'?")


def test_same_item_translated_twice(multilingual: Path) -> None:
    write(
        multilingual / "translations/fr/glossary.yml",
        "terms:\n  - id: interception\n    term: A\n  - id: interception\n    term: B\n",
    )
    [issue] = issues_for(multilingual)
    assert issue.field == "terms[1].id"
    assert "translated twice" in issue.message


def test_more_positional_items_than_in_english(multilingual: Path) -> None:
    write(
        multilingual / "translations/fr/action.yml",
        "steps:\n  - title: Un\n  - title: Deux\n",
    )
    [issue] = issues_for(multilingual)
    assert issue.field == "steps[1]"
    assert "only 1 item(s)" in issue.message


def test_translation_of_a_text_the_english_does_not_have(multilingual: Path) -> None:
    write(
        multilingual / "translations/fr/concerns/secret-interception.yml",
        "title: Interception secrète\nassessment:\n  evidence: Selon personne.\n",
    )
    [issue] = issues_for(multilingual)
    assert issue.field == "assessment.evidence"
    assert "no evidence to translate" in issue.message


def test_concern_translation_without_english_concern(multilingual: Path) -> None:
    write(multilingual / "translations/fr/concerns/weak-safeguard.yml", "title: X\n")
    [issue] = issues_for(multilingual)
    assert issue.file == "translations/fr/concerns/weak-safeguard.yml"
    assert issue.hint == (
        "delete it if that concern was removed, or if it is an old copy of "
        "translations/fr/concerns/weak-safeguards.yml."
    )


def test_unknown_file_and_folder(multilingual: Path) -> None:
    write(multilingual / "translations/fr/campain.yml", "about: x\n")
    write(multilingual / "translations/fr/concern/x.yml", "title: x\n")
    write(multilingual / "translations/fr/NOTES.md", "Notes for translators are fine.\n")
    found = issues_for(multilingual)
    by_file = {i.file: i for i in found}
    assert set(by_file) == {"translations/fr/campain.yml", "translations/fr/concern"}
    assert by_file["translations/fr/campain.yml"].hint == "did you mean campaign.yml?"


def test_language_file_is_required_and_checked(multilingual: Path) -> None:
    (multilingual / "translations/es/language.yml").unlink()
    write(
        multilingual / "translations/ar/language.yml",
        "name: العربية\ndirection: ltr\nstatus: final\n",
    )
    found = issues_for(multilingual)
    assert {(i.file, i.field) for i in found} == {
        ("translations/es/language.yml", ""),
        ("translations/ar/language.yml", "status"),
    }
    write(
        multilingual / "translations/ar/language.yml",
        "name: العربية\ndirection: ltr\nstatus: draft\n",
    )
    write(
        multilingual / "translations/es/language.yml",
        "name: Español\ndirection: ltr\nstatus: draft\n",
    )
    [issue] = issues_for(multilingual)
    assert (issue.file, issue.field) == ("translations/ar/language.yml", "direction")
    assert issue.hint == "write 'direction: rtl'."


@pytest.mark.parametrize(
    ("folder", "message"),
    [("french", "not a language code"), ("xx", "the generator knows"), ("en", "written in")],
)
def test_language_folder_must_be_a_known_other_language(
    campaign: Path, folder: str, message: str
) -> None:
    write(
        campaign / f"translations/{folder}/language.yml", "name: X\ndirection: ltr\nstatus: draft\n"
    )
    [issue] = issues_for(campaign)
    assert issue.file == f"translations/{folder}"
    assert message in issue.message


def test_overlay_for_an_optional_file_the_campaign_lacks(campaign: Path) -> None:
    (campaign / "glossary.yml").unlink()
    write(
        campaign / "translations/fr/language.yml", "name: Français\ndirection: ltr\nstatus: draft\n"
    )
    write(campaign / "translations/fr/glossary.yml", "terms: []\n")
    [issue] = issues_for(campaign)
    assert issue.file == "translations/fr/glossary.yml"
    assert "no glossary.yml in the campaign" in issue.message


def test_every_error_of_english_and_translations_in_one_run(multilingual: Path) -> None:
    concern = multilingual / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("order: 10", "order: ten"))
    write(multilingual / "translations/fr/action.yml", "titel: Agir\n")
    write(multilingual / "translations/ar/campaign.yml", "home: [\n")
    found = issues_for(multilingual)
    assert {i.file for i in found} == {
        "concerns/weak-safeguards.yml",
        "translations/fr/action.yml",
        "translations/ar/campaign.yml",
    }
    assert any("YAML syntax error" in i.message for i in found)


def test_translated_text_is_validated_like_english(multilingual: Path) -> None:
    write(multilingual / "translations/fr/action.yml", "title: ''\nemail:\n  body: ''\n")
    found = issues_for(multilingual)
    assert {i.field for i in found} == {"title", "email.body"}


def test_overlay_is_checked_even_when_its_english_file_is_broken(multilingual: Path) -> None:
    concern = multilingual / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("order: 10", "order: ten"))
    (multilingual / "timeline.yml").write_text("events:\n\t- date: 2020\n")
    write(multilingual / "translations/fr/concerns/weak-safeguards.yml", "titel: x\n")
    write(multilingual / "translations/fr/timeline.yml", "events:\n  - title: no date\n")
    found = issues_for(multilingual)
    assert {(i.file, i.field) for i in found if i.file.startswith("translations/")} == {
        ("translations/fr/concerns/weak-safeguards.yml", "titel"),
        ("translations/fr/timeline.yml", "events[0].date"),
    }


def test_concern_translation_may_be_named_yaml(multilingual: Path) -> None:
    fr = multilingual / "translations/fr/concerns"
    (fr / "secret-interception.yml").rename(fr / "secret-interception.yaml")
    c = translation(load_content(multilingual), "fr").campaign
    assert c.concern("secret-interception").title == "Interception secrète"
    write(fr / "secret-interception.yml", "title: Deux fois\n")
    [issue] = issues_for(multilingual)
    assert "translated twice" in issue.message


def test_unknown_source_language_is_reported_not_a_crash(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    path.write_text(path.read_text().replace("  publisher:", "  language: qq\n  publisher:"))
    [issue] = issues_for(campaign)
    assert (issue.file, issue.field) == ("campaign.yml", "site.language")
    assert issue.message == "'qq' is not a language code the generator knows."
    from generator.render import render_site

    # Rendering itself never fails on a language code (the loader is what refuses it).
    path.write_text(path.read_text().replace("  language: qq\n", ""))
    valid = load_campaign(campaign)
    site = valid.campaign.site.model_copy(update={"language": "qq"})
    odd = valid.model_copy(update={"campaign": valid.campaign.model_copy(update={"site": site})})
    assert "index.md" in render_site(odd).files
