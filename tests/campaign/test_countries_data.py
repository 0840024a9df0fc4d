"""This campaign's country data and asks, checked against FACTS.md and the research notes.

These checks are about the cybercrime treaty's content, not the generator: every entry as
its source allows, the list marked incomplete, the UN Treaty Collection as the authority,
Azerbaijan's deposit unconfirmed, low-reliability reports left out, and no page asking a
State about signing once signature has closed, in any language.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import run_cli
from generator import countries as k
from generator.clock import epoch
from generator.loader import load_campaign, load_content

UNTC = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml"
CHECKED = dt.date(2026, 11, 30)
# The research notes' names, as the sources wrote them, and the code each must have.
RESEARCH_NAMES = {
    "Czech Republic (Czechia)": "cz",
    "State of Palestine": "ps",
    "Türkiye": "tr",
    "Democratic People's Republic of Korea": "kp",
    "Democratic Republic of the Congo": "cd",
    "Iran (Islamic Republic of)": "ir",
    "Lao People's Democratic Republic": "la",
    "United Republic of Tanzania": "tz",
    "Russian Federation": "ru",
    "Brunei Darussalam": "bn",
    "Côte d'Ivoire": "ci",
    "Guinea-Bissau": "gw",
    "Viet Nam": "vn",
    "Venezuela (Bolivarian Republic of)": "ve",
    "European Union": "eu",
    "Mauritius": "mu",
    "United Arab Emirates": "ae",
}
# fmt: off
HANOI_25 = [
    "dz", "ao", "au", "at", "az", "by", "be", "br", "bn", "bf", "kh", "cl", "cn", "cr",
    "ci", "cu", "cz", "kp", "cd", "dj", "do", "ec", "eg", "eu", "fr", "gh", "gr", "gw",
    "ir", "ie", "jm", "kz", "la", "ly", "lu", "mv", "my", "ma", "mz", "na", "nr", "ni",
    "ng", "uz", "pw", "ps", "pg", "pe", "ph", "pl", "pt", "qa", "ru", "si", "sk", "es",
    "lk", "tz", "th", "tg", "tr",
]
# fmt: on
NOT_SIGNED_AT_HANOI = ["us", "ca", "nz", "jp", "mx", "in", "il"]


@pytest.fixture(scope="module")
def campaign(campaign_dir: Path):
    return load_campaign(campaign_dir)


def test_calendar_is_the_treatys(campaign) -> None:
    cal = campaign.campaign.treaty.calendar
    assert (cal.adopted, cal.signature_opens, cal.signature_closes) == (
        dt.date(2024, 12, 24),
        dt.date(2025, 10, 25),
        dt.date(2026, 12, 31),
    )
    assert (cal.instruments_needed, cal.days_to_entry_into_force) == (40, 90)
    assert campaign.source(cal.sources[0]).url == UNTC


def test_the_list_is_incomplete_and_names_its_authority(campaign) -> None:
    data = campaign.countries
    assert data.complete is False
    assert campaign.source(data.authority).url == UNTC
    assert "72 signatories" in data.note


def test_every_entry_is_reported_checked_and_sourced(campaign) -> None:
    for country in campaign.countries.countries:
        assert country.checked == CHECKED, country.code
        for action in country.actions:
            assert action.sources, country.code
            # Read in excerpts, not the full official list: nothing is confirmed yet.
            assert action.confirmation in ("reported", "unconfirmed"), country.code
        if not country.actions:
            assert country.sources and country.note, country.code


def test_research_names_map_to_the_right_codes(campaign) -> None:
    codes = {c.code for c in campaign.countries.countries}
    assert set(RESEARCH_NAMES.values()) <= codes
    for code in HANOI_25:
        country = next(c for c in campaign.countries.countries if c.code == code)
        assert k.signature(country).date == "2025-10-25", code
    for code in ["ml", "rw", "sa"]:
        country = next(c for c in campaign.countries.countries if c.code == code)
        assert k.signature(country).date == "2025-10-26", code
    for code in NOT_SIGNED_AT_HANOI:
        country = next(c for c in campaign.countries.countries if c.code == code)
        assert k.status(country) == "not-signed" and not country.actions, code


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "State of Palestine"),
        ("fr", "État de Palestine"),
        ("es", "Estado de Palestina"),
        ("ar", "دولة فلسطين"),
    ],
)
def test_the_signatory_is_named_as_the_un_treaty_collection_lists_it(
    campaign, lang: str, name: str
) -> None:
    """Not CLDR's 'Palestinian Territories': the UN Treaty Collection lists the State of
    Palestine, and ISO 3166's official name is that name in every language."""
    ps = next(c for c in campaign.countries.countries if c.code == "ps")
    assert k.country_name(ps, lang) == name


def test_azerbaijan_is_shown_but_not_counted(campaign) -> None:
    az = next(c for c in campaign.countries.countries if c.code == "az")
    ratification = k.instrument(az)
    assert ratification.confirmation == "unconfirmed" and ratification.date is None
    assert "10 February 2026" in ratification.note and "23 February 2026" in ratification.note
    assert k.status(az) == "signed"
    progress = k.progress(campaign.countries, campaign.campaign.treaty.calendar)
    assert progress.deposited == 0 and progress.instruments.unconfirmed == 1
    assert progress.as_of == CHECKED


def test_low_reliability_reports_are_left_out(campaign) -> None:
    by_code = {c.code: c for c in campaign.countries.countries}
    assert not by_code["ca"].actions  # the July 2026 report is not published
    assert "July 2026" not in (by_code["ca"].note or "")
    assert k.instrument(by_code["qa"]) is None  # Qatar's ratification is not published


def test_hanoi_count_is_confirmed_and_dated(campaign) -> None:
    fact = next(f for f in campaign.campaign.treaty.facts if "Hanoi" in f.label)
    assert (fact.value, fact.confirmation) == ("72", "confirmed")
    assert campaign.campaign.treaty.status_as_of == CHECKED


# -- after the signature deadline, in every language, nothing asks a State about signing --

SIGNING_ASKS = {
    "en": r"(do|does|should|will) not sign\b|not to sign|whether to sign|sign (and|or) ratify"
    r"|can still sign|be signed",
    "fr": r"ne (la |le )?signe pas|ne pas (la |le )?signer|signe et|signer et|encore la signer",
    "es": r"no (la |lo )?firme|firmar y|firme ni|aún puede firmarla|puede firmarse",
    "ar": r"ألّا (ي|ت)وقّع|عدم التوقيع|سيوقّع|ستوقّع",
}
# "Should not sign" in the general recommendation, as each language words it.
NOT_SIGN = {
    "en": r"not sign\b",
    "fr": r"pas signer",
    "es": r"no debería firmar",
    "ar": r"أن توقّع",
}
ASK_PARTS = re.compile(
    r'<pre class="tx-letter"[^>]*>.*?</pre>|<div class="tx-prose tx-ask">.*?</div>'
    r'|href="mailto:[^"]*"|<div class="tx-prose tx-act">.*?</div>',
    re.S,
)


def generated(campaign_dir: Path, out: Path, lang: str = "en", on: dt.date | None = None) -> Path:
    """The campaign's docs tree in `lang`, as the CLI writes it, built on date `on`."""
    args = ["generate", "--no-cache", "--content", campaign_dir, "--out", out]
    args += [] if lang == "en" else ["--lang", lang]
    env = {"SOURCE_DATE_EPOCH": epoch(on)} if on else None
    result = run_cli(*args, env=env)
    assert result.code == 0, result.err
    return out


LANGUAGES = ["en", "fr", "es", "ar"]


@pytest.fixture(scope="module")
def after_deadline(campaign_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language's docs tree as built two days after signature closed."""
    day = dt.date(2027, 1, 2)
    return {
        x: generated(campaign_dir, tmp_path_factory.mktemp(f"after-{x}"), x, day) for x in LANGUAGES
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_signing_ask_after_the_deadline(after_deadline: dict[str, Path], lang: str) -> None:
    out = after_deadline[lang]
    pattern = re.compile(SIGNING_ASKS[lang], re.IGNORECASE)
    pages = [out / "action.md", *sorted((out / "countries").glob("*.md"))]
    pages += sorted((out / "concerns").glob("*.md"))
    assert len(pages) > 80
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for part in ASK_PARTS.findall(text):
            found = pattern.search(unquote(part))
            assert not found, f"{page.name}: {found.group(0)!r} in {part[:120]!r}"


# The treaty's status as the home page states it, in words that stay true after signature
# closes: the page says "Signature closed on …" above it, and must not then say it is open.
STILL_OPEN = {
    "en": r"open for signature|stays open",
    "fr": r"ouverte à la signature|reste ouverte|ouverture à la signature",
    "es": r"abierta a la firma",
    "ar": r"مفتوحة للتوقيع|مفتوح في مقر",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_the_deadline_the_home_page_does_not_say_signature_is_open(
    after_deadline: dict[str, Path], lang: str
) -> None:
    home = (after_deadline[lang] / "index.md").read_text(encoding="utf-8")
    found = re.search(STILL_OPEN[lang], home, re.IGNORECASE)
    assert not found, found and home[max(0, found.start() - 80) : found.end() + 80]


def test_before_the_deadline_a_non_signatory_is_asked_not_to_sign(
    campaign_dir: Path, tmp_path: Path
) -> None:
    out = generated(campaign_dir, tmp_path, on=dt.date(2026, 12, 30))
    page = (out / "countries/us.md").read_text(encoding="utf-8")
    assert "Do not sign the Convention unless national law already has the safeguards" in page
    assert "Open for signature until" in page


def test_the_recommendation_to_national_governments_outlives_the_deadline(
    campaign_dir: Path,
) -> None:
    """The Recommendations page is the same before and after 31 December 2026, so its ask to
    governments is about joining (ratification or accession), never about signing. What
    ARTICLE 19 urged is reported as theirs."""
    content = load_content(campaign_dir)
    editions = [("en", content.campaign)]
    editions += [(t.language.code, t.campaign) for t in content.translations]
    for lang, campaign in editions:
        text = re.sub(
            r"\s+", " ", campaign.recommendation("do-not-ratify-without-safeguards")[1].text
        )
        ours = [s for s in re.split(r"(?<=[.!?؟])\s+", text) if "ARTICLE 19" not in s]
        found = re.search(SIGNING_ASKS[lang] + "|" + NOT_SIGN[lang], " ".join(ours), re.I)
        assert not found, (lang, found and found.group(0))


def test_every_translation_has_the_asks(campaign_dir: Path) -> None:
    content = load_content(campaign_dir)
    for translation in content.translations:
        missing = [x.field for x in translation.missing if x.field.startswith("asks.")]
        assert missing == [], translation.language.code


@pytest.fixture(scope="module")
def campaign_docs(campaign_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The campaign's generated pages in each language, as of the data's date."""
    return {x: generated(campaign_dir, tmp_path_factory.mktemp(f"docs-{x}"), x) for x in LANGUAGES}


@pytest.mark.parametrize(
    ("lang", "state_words"),
    [
        ("en", ["Your country", "[Our country]", "this country", "ratif"]),
        ("fr", ["Votre pays", "[Notre pays]", "ce pays", "ratif"]),
        ("es", ["Su país", "[Nuestro país]", "este país", "ratific"]),
        ("ar", ["وقّع بلدك", "[بلدنا]", "هذا البلد", "التصديق"]),
    ],
)
def test_the_eu_is_not_called_a_country_or_asked_to_ratify(
    campaign_docs: dict[str, Path], lang: str, state_words: list[str]
) -> None:
    """The European Union is an organisation of States: its page asks it not to join, in
    words of its own, and says who decides (its institutions, with the member states'
    governments in the Council), never 'your country' or its parliament's ratification."""
    page = (campaign_docs[lang] / "countries/eu.md").read_text(encoding="utf-8")
    ask = page[page.index('id="ask') : page.index('id="concerns')]
    found = [words for words in state_words if words in ask]
    assert found == []
