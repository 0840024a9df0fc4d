"""The generator's own words in each language: catalogues, plurals, dates and marks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup, escape

from generator import i18n
from generator.errors import ContentError
from generator.i18n import UI, Edition, Language, Untranslated, catalogue, human_date
from generator.multilingual import ui_messages

SHIPPED = ["fr", "es", "ar"]


def ui(code: str, direction: str = "ltr") -> UI:
    english = Language("en", "English")
    here = Language(code, code, direction)  # type: ignore[arg-type]
    return UI(Edition(here, (english, here)))


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_catalogues_translate_every_ui_string_and_nothing_else(code: str) -> None:
    strings = catalogue(code)
    wanted = set(ui_messages())
    assert wanted - set(strings) == set(), "strings missing from the catalogue"
    assert set(strings) - wanted == set(), "stale strings no template uses any more"


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_catalogues_are_marked_draft(code: str) -> None:
    header = i18n.catalogue_path(code).read_text(encoding="utf-8")[:400]
    assert "DRAFT" in header and "native speaker" in header


def test_ui_strings_include_templates_nav_labels_and_marks() -> None:
    messages = ui_messages()
    for msgid in [
        "What the text says",
        "Home",
        "Confirmed",
        "Not yet translated.",
        "Page not found",
    ]:
        assert msgid in messages
    assert messages["{count} concern about {treaty}."] == "{count} concerns about {treaty}."


def test_english_is_the_msgid_itself() -> None:
    en = UI(Edition.single("en"))
    assert en.t("What the text says") == "What the text says"
    assert (
        en.tn("{count} concern about {treaty}.", "{count} concerns about {treaty}.", 1, treaty="T")
        == "1 concern about T."
    )
    assert (
        en.tn("{count} concern about {treaty}.", "{count} concerns about {treaty}.", 2, treaty="T")
        == "2 concerns about T."
    )


def test_translation_and_placeholders() -> None:
    fr = ui("fr")
    assert fr.t("What the text says") == "Ce que dit le texte"
    assert fr.t("Article {number}", number=5) == "Article 5"
    assert fr.t("Published by {publisher} under {license}.", publisher="A", license="B") == (
        "Publié par A sous licence B."
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا توجد مخاوف بشأن T."),
        (1, "مصدر قلق واحد بشأن T."),
        (2, "مصدرا قلق بشأن T."),
        (3, "3 مصادر قلق بشأن T."),
        (11, "11 مصدر قلق بشأن T."),
        (100, "100 مصدر قلق بشأن T."),
    ],
)
def test_arabic_uses_all_six_plural_forms(count: int, expected: str) -> None:
    text = ui("ar", "rtl").tn(
        "{count} concern about {treaty}.", "{count} concerns about {treaty}.", count, treaty="T"
    )
    assert str(text) == expected


def test_every_plural_form_goes_to_the_script_that_counts_again() -> None:
    """The countdown is counted again in the reader's browser: it needs each form the
    language has, {count} left for the script to fill in."""
    one, other = "Signature closes in {count} day.", "Signature closes in {count} days."
    forms = ui("ar", "rtl").tn_forms(one, other)
    assert set(forms) == set(i18n.PLURAL_CATEGORIES)
    assert forms["two"] == "تنتهي فترة التوقيع بعد يومين."
    assert "{count}" in forms["few"] and "{count}" in forms["many"]
    assert ui("fr").tn_forms(one, other)["other"].endswith("dans {count} jours.")
    # A language without a catalogue gets the English forms, as tn() shows them.
    assert ui("de").tn_forms(one, other) == {"one": one, "other": other}


def test_missing_ui_string_falls_back_to_english_in_an_english_span() -> None:
    de = ui("de")  # no generator/locales/de.yml
    text = de.t("What the text says")
    assert text == "What the text says"
    assert text.__html__() == '<span lang="en" dir="ltr">What the text says</span>'
    assert de.fallbacks == 1 and de.notice()  # the page will say it is partly in English


def test_values_are_escaped_and_untranslated_ones_marked() -> None:
    fr = ui("fr")
    text = fr.t(
        "Published by {publisher} under {license}.", publisher=Untranslated("A & B"), license="<b>"
    )
    assert str(text) == "Publié par A & B sous licence <b>."  # the plain text, for front matter
    html = text.__html__()
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<span class="tx-untranslated" lang="en" dir="ltr">A &amp; B</span>' in html
    assert "traduit" not in html  # no mark on the text itself: one notice for the page
    assert fr.fallbacks == 1
    link = Markup('<a href="x">T</a>')
    assert fr.t("(as given in {source})", source=link).__html__() == '(selon <a href="x">T</a>)'


def test_values_in_right_to_left_sentences_are_isolated() -> None:
    ar = ui("ar", "rtl")
    html = ar.t("(as given in {source})", source="A test source").__html__()
    assert html == "(كما ورد في <bdi>A test source</bdi>)"
    assert "<bdi>" not in ui("fr").t("(as given in {source})", source="x").__html__()
    # The sentence stays markup when it is put inside another one (no double escaping).
    ar.mark_block(Markup("<p>x</p>"))
    notice = ar.notice()
    assert "تُعرض أجزاء من هذه الصفحة باللغة <bdi>الإنجليزية</bdi> إلى أن تُترجم." in notice


def test_block_and_inline_marks() -> None:
    es = ui("es")
    assert es.notice() == ""  # nothing untranslated yet: no notice
    block = es.mark_block(Markup("<p>Hello</p>"))
    assert block == '<div class="tx-untranslated" lang="en" dir="ltr">\n<p>Hello</p>\n</div>'
    inline = es.inline_filter(escape)(Untranslated("Hi"))
    assert inline == '<span class="tx-untranslated" lang="en" dir="ltr">Hi</span>'
    assert es.inline_filter(escape)("Hola") == "Hola"
    notice = es.notice()  # one for the page, however many texts are in English
    assert "Algunas partes de esta página se muestran en inglés hasta que se traduzcan." in notice
    assert notice.count("<p ") == 1 and "data-search-exclude" in notice
    assert es.finalize("plain") == "plain"


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("2024-01-15", "en", "15 January 2024"),
        ("2024-05", "en", "May 2024"),
        ("2024", "en", "2024"),
        (dt.date(2024, 1, 15), "fr", "15 janvier 2024"),
        ("2024-01-15", "es", "15 de enero de 2024"),
        ("2024-05", "es", "mayo de 2024"),
        # Arabic as UN documents write it: both names of the month, the digits 0-9.
        ("2024-01-15", "ar", "15 كانون الثاني/يناير 2024"),
        (dt.date(2026, 12, 31), "ar", "31 كانون الأول/ديسمبر 2026"),
        ("2024-06-01", "ar", "1 حزيران/يونيه 2024"),
        ("2024-07", "ar", "تموز/يوليه 2024"),
        ("2024", "ar", "2024"),
    ],
)
def test_dates_in_each_language(value: str | dt.date, locale: str, expected: str) -> None:
    assert human_date(value, locale) == expected


def test_every_arabic_month_is_the_uns_pair() -> None:
    months = [human_date(dt.date(2026, month, 1), "ar") for month in range(1, 13)]
    assert [m.split(" ", 1)[1].rsplit(" ", 1)[0] for m in months] == [
        "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
        "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
        "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
    ]  # fmt: skip
    assert all(m.isascii() is False and m[0] == "1" for m in months)


def catalogue_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Reading the catalogue xx.yml written in `folder`, which must fail."""
    monkeypatch.setattr(i18n, "LOCALES", folder)
    catalogue.cache_clear()
    try:
        with pytest.raises(ContentError) as info:
            catalogue("xx")
    finally:
        catalogue.cache_clear()
    return info


def test_a_broken_catalogue_is_reported_with_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "xx.yml").write_text(
        '"Article {number}": "Artikel"\n'  # the number is lost
        '"Home": "Start"\n'
        '"{count} concern about {treaty}.":\n'
        "  one: x {treaty}\n",  # no 'other' form
        encoding="utf-8",
    )
    info = catalogue_error(tmp_path, monkeypatch)
    found = {(issue.line, issue.field) for issue in info.value.issues}
    assert found == {(1, "Article {number}"), (3, "{count} concern about {treaty}.")}


def test_regional_codes_use_their_language() -> None:
    assert ui("fr-CA").t("Home") == "Accueil"  # no fr-CA.yml: French
    english = UI(Edition.single("en-GB"))
    assert english.t("Home").__html__() == "Home"  # English, not marked as foreign


def test_a_catalogue_that_is_not_lines_of_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "xx.yml").write_text("- Home\n- Start\n", encoding="utf-8")
    info = catalogue_error(tmp_path, monkeypatch)
    assert [str(issue) for issue in info.value.issues] == [
        "generator/locales/xx.yml:1:1: a catalogue is 'English: translation' lines. "
        "Hint: write one line per text, as the other files in generator/locales/ do."
    ]
