"""The campaign's draft translations use the established terms, and follow the English fixes.

Read through the generator's own loader, so the check is on the text the pages show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from register import informal

from generator.i18n import Untranslated
from generator.loader import load_content
from generator.model import Campaign
from generator.translations import TEXT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lang() -> dict[str, Campaign]:
    content = load_content(ROOT)
    return {t.language.code: t.campaign for t in content.translations}


def translated(value: object) -> Iterator[str]:
    """Every translatable text of one language that is really translated (not the fallback)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name in TEXT.get(type(value), ()):
                if isinstance(child, str) and not isinstance(child, Untranslated):
                    yield child
            else:
                yield from translated(child)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from translated(item)


def all_text(campaign: Campaign) -> str:
    return re.sub(r"\s+", " ", " ".join(translated(campaign)))


def letter(campaign: Campaign, slug: str) -> str:
    mail = campaign.concern(slug).email
    assert mail is not None
    return re.sub(r"\s+", " ", mail.body)


def test_french_names_unodc_l_onudc(lang: dict[str, Campaign]) -> None:
    text = all_text(lang["fr"])
    assert "UNODC" not in text
    assert "L'ONUDC" in lang["fr"].campaign.treaty.summary


def test_french_orders_to_help_are_injonctions_de_preter_assistance(
    lang: dict[str, Campaign],
) -> None:
    body = letter(lang["fr"], "compelled-technical-assistance")
    assert "injonctions de prêter assistance" in body
    assert "ordres d'aide" not in all_text(lang["fr"])


def test_french_sweep_up_is_englober(lang: dict[str, Campaign]) -> None:
    body = letter(lang["fr"], "expansive-scope-and-over-criminalisation")
    assert "pourraient englober des propos légaux" in body


def test_spanish_authorised_testing_is_ensayos_not_pruebas(lang: dict[str, Campaign]) -> None:
    # "Pruebas" means evidence elsewhere on the site (pruebas electrónicas).
    assert "pruebas autorizadas" not in all_text(lang["es"])
    assert "ensayos autorizados" in letter(lang["es"], "no-protection-for-public-interest-work")


def test_arabic_legality_is_mabda_al_shar_iyya(lang: dict[str, Campaign]) -> None:
    body = letter(lang["ar"], "insufficient-human-rights-safeguards")
    assert "مبدأ الشرعية" in body
    assert "صراحةً القانونية" not in body


def test_arabic_writes_unodc_out(lang: dict[str, Campaign]) -> None:
    assert "UNODC" not in all_text(lang["ar"])
    assert "مكتب الأمم المتحدة المعني بالمخدرات والجريمة" in lang["ar"].campaign.treaty.summary


@pytest.mark.parametrize(
    ("code", "wrong"),
    [
        ("fr", r"intention malhonnête et un préjudice grave|ni intention malhonnête"),
        ("es", r"intención deshonesta"),
        ("ar", r"النية غير النزيهة|نية غير نزيهة"),
    ],
)
def test_letters_ask_for_criminal_intent_and_harm_as_the_english_does(
    lang: dict[str, Campaign], code: str, wrong: str
) -> None:
    body = letter(lang[code], "no-protection-for-public-interest-work")
    assert not re.search(wrong, body)


@pytest.mark.parametrize(
    ("code", "wrong"),
    [("fr", r"pays membre"), ("es", r"países miembros"), ("ar", r"كل دولة عضو")],
)
def test_translations_speak_of_states_that_join_not_member_countries(
    lang: dict[str, Campaign], code: str, wrong: str
) -> None:
    assert not re.search(wrong, all_text(lang[code]))


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_translated_status_counts_every_way_of_joining(
    lang: dict[str, Campaign], code: str
) -> None:
    status = lang[code].campaign.treaty.status
    assert not isinstance(status, Untranslated)
    joined = {"fr": "y a adhéré", "es": "se haya adherido", "ar": "تنضمّ إليها"}[code]
    assert joined in status


def test_the_spanish_edition_says_usted(lang: dict[str, Campaign]) -> None:
    """UN and NGO Spanish texts address the reader formally: "Escriba a su gobierno", not
    "Escribe a tu gobierno"; the letters' placeholders too ("[su nombre]")."""
    found = {text[:80]: informal(text) for text in translated(lang["es"]) if informal(text)}
    assert found == {}


def test_the_french_edition_uses_no_break_spaces(lang: dict[str, Campaign]) -> None:
    """A no-break space before : and a narrow one before ; ! ? and inside « », as typed:
    the pages set them anyway, but the letters, share cards and data are not pages."""
    plain = re.compile(r"[ \t](?=[:;!?](?:\s|$))|« | »")
    found = [text[:80] for text in translated(lang["fr"]) if plain.search(text)]
    assert found == []
