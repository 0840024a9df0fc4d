"""The country tracker: validation, the ask for each status and date, pages, map and data.

The minimal campaign has one State of each status (France joined, Brazil and the EU signed,
the United States with no signature) and a signature period that ends on 31 December 2026;
builds are dated with SOURCE_DATE_EPOCH on either side of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ISSUE_LINE, MINIMAL, MULTILINGUAL, assert_clean_failure, run_cli
from generator import countries as k
from generator import model as m
from generator.clock import ClockError, epoch, latest_today, today
from generator.loader import load_campaign

BEFORE = dt.date(2026, 12, 30)  # the signature period's last days
AFTER = dt.date(2027, 1, 2)  # signature has closed
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://test.example.org/"
ASK_TITLES = {
    "not_signed_before_deadline": "Do not sign without safeguards",
    "not_signed_after_deadline": "Do not accede without safeguards",
    "signed": "Do not ratify without safeguards",
    "joining_unconfirmed": "Write the safeguards into the law that applies it",
    "party": "Write the safeguards into law",
    "organisation_signed": "Do not let the EU join without safeguards",
}


def generate(content: Path, out: Path, day: dt.date, lang: str | None = None) -> Path:
    """The docs tree as `python -m generator generate` writes it on `day`."""
    args = ["generate", "--no-cache", "--content", content, "--out", out]
    result = run_cli(
        *args, *(["--lang", lang] if lang else []), env={"SOURCE_DATE_EPOCH": epoch(day)}
    )
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(MINIMAL, tmp_path_factory.mktemp("before"), BEFORE)


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(MINIMAL, tmp_path_factory.mktemp("after"), AFTER)


# -- the build's date --


def test_today_is_source_date_epoch_else_the_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(AFTER))
    assert today() == AFTER
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today() == dt.datetime.now(dt.UTC).date()
    # A reproducible build dated in the past does not turn today's data into the future.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert today() == dt.date(2001, 9, 9)
    assert latest_today() == dt.datetime.now(dt.UTC).date()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next tuesday")
    with pytest.raises(ClockError, match="is not a time") as raised:
        today()
    assert "seconds since 1970-01-01 UTC" in raised.value.hint


def test_a_broken_source_date_epoch_is_a_usage_error() -> None:
    result = run_cli("validate", "--content", MINIMAL, env={"SOURCE_DATE_EPOCH": "soon"})
    assert_clean_failure(result, code=2)
    assert "SOURCE_DATE_EPOCH='soon' is not a time" in result.err


# -- what to ask: every status, before and after the signature deadline --


@pytest.mark.parametrize(
    ("code", "status", "before_ask", "after_ask"),
    [
        ("us", "not-signed", "not_signed_before_deadline", "not_signed_after_deadline"),
        # Its ratification is reported, not confirmed: asking it not to ratify is out of date.
        ("br", "signed", "joining_unconfirmed", "joining_unconfirmed"),
        ("eu", "signed", "organisation_signed", "organisation_signed"),  # not a State
        ("fr", "party", "party", "party"),
    ],
)
def test_the_ask_follows_status_and_date(
    before: Path, after: Path, code: str, status: str, before_ask: str, after_ask: str
) -> None:
    campaign = load_campaign(MINIMAL)
    assert k.status(next(x for x in campaign.countries.countries if x.code == code)) == status
    for docs, ask in ((before, before_ask), (after, after_ask)):
        page = (docs / f"countries/{code}.md").read_text(encoding="utf-8")
        assert f"<strong>{ASK_TITLES[ask]}</strong>" in page
        others = set(ASK_TITLES.values()) - {ASK_TITLES[ask]}
        assert not any(f"<strong>{title}</strong>" in page for title in others)


def test_no_page_asks_about_signing_after_the_deadline(after: Path) -> None:
    # The maintainers' field reference shows action.yml's fields as written, every ask
    # included, as examples of the fields: it asks no one anything.
    reference = after / "maintainers/fields.md"
    assert "<code>title: Do not sign without safeguards</code>" in reference.read_text("utf-8")
    for page in set(after.rglob("*.md")) - {reference}:
        text = page.read_text(encoding="utf-8")
        assert "Do not sign without safeguards" not in text, page
        assert "Please do not sign the Test Convention" not in text, page
        assert "decide whether to sign" not in text, page
        assert "Open for signature until" not in text, page
    action = (after / "action.md").read_text(encoding="utf-8")
    assert 'Signature closed on <time datetime="2026-12-31">31 December 2026</time>' in action
    assert "Do not accede without safeguards" in action  # for a State not on the list


def test_before_the_deadline_the_pages_say_until_when(before: Path) -> None:
    action = (before / "action.md").read_text(encoding="utf-8")
    assert 'Open for signature until <time datetime="2026-12-31">31 December 2026</time>' in action
    assert "Do not sign without safeguards" in action
    concern = (before / "concerns/weak-safeguards.md").read_text(encoding="utf-8")
    assert "decide whether to sign and ratify" in concern
    assert 'href="../../action/#your-country"' in concern


def countdown(page: str) -> str:
    """The countdown's words, as the page shows them before any script runs."""
    found = re.search(r'<span class="tx-countdown"[^>]*>(.*?)</span>', page)
    assert found, "no countdown"
    return re.sub(r"</?bdi>", "", found[1])


def test_before_the_deadline_the_pages_count_the_days_left(before: Path, tmp_path: Path) -> None:
    """Built on 30 December, the last day but one: each page that says until when
    signature is open also says how many days are left, and gives the script that counts
    again on the reader's day the dates and the words it needs."""
    pages = ("index.md", "action.md", "countries/index.md", "countries/us.md")
    for page in (*pages, "concerns/weak-safeguards.md"):
        text = (before / page).read_text(encoding="utf-8")
        assert countdown(text) == "Signature closes in 1 day.", page
    action = (before / "action.md").read_text(encoding="utf-8")
    for attribute in (
        'data-tx-closes="2026-12-31"',
        'data-built="2026-12-30"',
        'data-today="Signature closes today."',
        'data-closed="The signature period has ended."',
        'data-count-other="Signature closes in {count} days."',
    ):
        assert attribute in action
    last_day = generate(MINIMAL, tmp_path / "last", dt.date(2026, 12, 31))
    assert countdown((last_day / "action.md").read_text("utf-8")) == "Signature closes today."
    ar = generate(MULTILINGUAL, tmp_path / "ar", dt.date(2026, 12, 20), "ar")
    # 11 days: Arabic's "many" form, the noun in the accusative singular.
    assert countdown((ar / "action.md").read_text("utf-8")) == "تنتهي فترة التوقيع بعد 11 يومًا."


def test_the_printed_briefing_says_until_when_but_counts_no_days(before: Path) -> None:
    """Paper is read on another day than the build's: the briefing gives the deadline's
    date, and no count of days that no script can correct."""
    briefing = (before / "briefing.md").read_text(encoding="utf-8")
    assert 'Open for signature until <time datetime="2026-12-31">' in briefing
    assert "tx-countdown" not in briefing


def test_after_the_deadline_no_page_counts_days(after: Path) -> None:
    assert not any("tx-countdown" in p.read_text("utf-8") for p in after.rglob("*.md"))


def test_a_page_without_a_contact_reads_right_for_any_name(before: Path) -> None:
    """'We have no contact for United States' was what every page without a contact said:
    a name put into running English needs its article, so the sentence does without it."""
    page = (before / "countries/eu.md").read_text(encoding="utf-8")
    assert "for European Union" not in page
    assert "We have no contact on record for the European Union yet." in page
    page = (before / "countries/br.md").read_text(encoding="utf-8")
    assert "We have no contact on record for this country yet." in page


def test_the_letter_is_the_asks_letter(before: Path) -> None:
    page = (before / "countries/br.md").read_text(encoding="utf-8")
    subject = "Please write safeguards into the law applying the Test Convention"
    assert f"<strong>Subject:</strong> {subject}" in page
    assert "mailto:?subject=" + subject.replace(" ", "%20") in page


def test_an_unconfirmed_joining_is_said_at_the_top(before: Path) -> None:
    lead = "Ratification reported, but not confirmed by the official record: it does not count yet."
    assert lead in (before / "countries/br.md").read_text(encoding="utf-8")
    assert "reported, but not confirmed" not in (before / "countries/fr.md").read_text("utf-8")


def test_an_instrument_without_a_date_lacks_the_date_of_its_deposit(
    campaign: Path, tmp_path: Path
) -> None:
    """The date of an instrument is the day it was deposited: a country whose parliament
    has voted has a date, but not that one, and its row must not say it has none at all."""
    path = campaign / "countries.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        date: 2024-08-15\n", "", 1), encoding="utf-8")
    docs = generate(campaign, tmp_path / "docs", BEFORE)
    for page in ("countries/br.md", "countries/index.md"):
        text = (docs / page).read_text(encoding="utf-8")
        row = next(
            line for line in text.splitlines() if "Ratification" in line and "tx-badge" in line
        )
        assert "Ratification</strong>: " in row or "Ratification: " in row
        assert '<span class="tx-note">date of deposit not recorded</span>' in row, page
        assert text.count('<span class="tx-note">date not recorded</span>') == 1, page  # signature


def test_without_an_ask_for_an_unconfirmed_joining_the_status_decides(
    campaign: Path, tmp_path: Path
) -> None:
    action = campaign / "action.yml"
    text = action.read_text(encoding="utf-8")
    start = text.index("  joining_unconfirmed:")
    action.write_text(text[:start] + text[text.index("  party:") :], encoding="utf-8")
    page = (generate(campaign, tmp_path / "docs", BEFORE) / "countries/br.md").read_text("utf-8")
    assert f"<strong>{ASK_TITLES['signed']}</strong>" in page


def test_the_eu_keeps_its_own_ask_when_only_states_have_one_for_an_unconfirmed_joining() -> None:
    asks = load_campaign(MINIMAL).action.asks
    assert asks.joining_unconfirmed is not None and asks.organisation is not None
    ask = k.ask_for(asks, "signed", "before-deadline", "eu", unconfirmed=True)
    assert ask == asks.organisation.signed


def test_asks_are_unit_tested_for_every_status_and_phase() -> None:
    asks = load_campaign(MINIMAL).action.asks
    calendar = load_campaign(MINIMAL).campaign.treaty.calendar
    assert k.phase(calendar, dt.date(2026, 12, 31)) == "before-deadline"
    assert k.phase(calendar, dt.date(2027, 1, 1)) == "after-deadline"
    for status in k.STATUSES:
        for phase in ("before-deadline", "after-deadline"):
            ask = k.ask_for(asks, status, phase)
            if phase == "after-deadline":
                assert "sign" not in ask.title.lower().replace("signed", "")


# -- where the treaty stands --


def test_progress_counts_only_what_the_data_supports() -> None:
    c = load_campaign(MINIMAL)
    p = k.progress(c.countries, c.campaign.treaty.calendar)
    assert p.as_of == dt.date(2026, 11, 20)
    assert p.signatures == k.Tally(confirmed=2, reported=1, unconfirmed=0)
    # France's confirmed ratification counts; Brazil's unconfirmed one does not.
    assert p.instruments == k.Tally(confirmed=1, reported=0, unconfirmed=1)
    assert (p.deposited, p.needed, p.percent, p.in_force_on) == (1, 3, 33, None)


def test_entry_into_force_is_dated_from_the_last_needed_instrument() -> None:
    c = load_campaign(MINIMAL)
    calendar = c.campaign.treaty.calendar.model_copy(update={"instruments_needed": 1})
    p = k.progress(c.countries, calendar)
    assert p.in_force_on == dt.date(2025, 2, 3) + dt.timedelta(days=90)


def test_the_progress_figure_and_its_date_are_on_the_pages(before: Path) -> None:
    page = (before / "countries/index.md").read_text(encoding="utf-8")
    assert (
        '<span class="tx-progress__count">1</span> <span class="tx-progress__of">of 3</span>'
        in page
    )
    counts = 'As of <time datetime="2026-11-20">20 November 2026</time>: 3 signatures in our list'
    assert counts in page
    assert "1 ratification or accession not confirmed as deposited (not counted)" in page
    home = (before / "index.md").read_text(encoding="utf-8")
    assert counts in home and "1 of the 3 instruments needed" in home
    assert "This list is incomplete." in page


def test_the_home_pages_counts_name_their_source_and_gaps(before: Path) -> None:
    """The home page's one line is what gets quoted: a count of an incomplete list must not
    read as the treaty's official figure, so it says whose list it is and where that is."""
    home = (before / "index.md").read_text(encoding="utf-8")
    line = re.search(r'<p class="tx-standing-line">(.*?)</p>', home, re.S).group(1)
    assert "3 signatures in our list" in line
    assert "signatures recorded" not in line
    assert "Our list is incomplete; the official record is the" in line
    authority = load_campaign(MINIMAL).countries.authority
    url = load_campaign(MINIMAL).source(authority).url
    assert f'<a href="{url}">' in line


# -- the map and its table --


def test_map_has_an_accessible_name_and_the_table_matches_the_data(before: Path) -> None:
    page = (before / "countries/index.md").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for ident in labelled:
        assert re.search(rf'<(title|desc) id="{ident}">[^<]+</', svg), ident
    assert '<title id="tx-map-title">Map: where each country stands on the Test Convention' in svg
    rows = re.findall(r'<tr data-code="([a-z]+)" data-status="([a-z-]+)"[ >]', page)
    campaign = load_campaign(MINIMAL)
    expected = {(x.code, k.status(x)) for x in campaign.countries.countries}
    assert set(rows) == expected and len(rows) == len(expected)
    # Alphabetical by the name readers see: Brazil, European Union, France, United States.
    assert [code for code, _ in rows] == ["br", "eu", "fr", "us"]


def test_names_come_from_cldr_in_each_language(tmp_path: Path) -> None:
    fr = generate(MULTILINGUAL, tmp_path / "fr", BEFORE, "fr")
    ar = generate(MULTILINGUAL, tmp_path / "ar", BEFORE, "ar")
    assert '<h1 id="top">États-Unis</h1>' in (fr / "countries/us.md").read_text("utf-8")
    assert '<h1 id="top">الولايات المتحدة</h1>' in (ar / "countries/us.md").read_text("utf-8")
    assert "Union européenne" in (fr / "countries/index.md").read_text("utf-8")
    # The French overlay translates the asks.
    title = "<strong>Inscrivez les garanties dans la loi qui l’applique</strong>"
    assert title in (fr / "countries/br.md").read_text("utf-8")


PALESTINE = """
  - code: ps
    official_name: true
    actions:
      - type: signature
        date: 2024-08-15
        confirmation: reported
        sources: [second-source]
    checked: 2026-11-20
"""


def test_an_entry_may_be_named_by_its_official_name_in_iso_3166(tmp_path: Path) -> None:
    """The signatory is the State of Palestine, in every language; CLDR's usual name
    ('Palestinian Territories') is not the name of a State that signs."""
    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    with (content / "countries.yml").open("a", encoding="utf-8") as countries:
        countries.write(PALESTINE)
    expected = {
        "en": "State of Palestine",
        "fr": "État de Palestine",
        "es": "Estado de Palestina",
        "ar": "دولة فلسطين",
    }
    for lang, said in expected.items():
        docs = generate(content, tmp_path / lang, BEFORE, None if lang == "en" else lang)
        page = (docs / "countries/ps.md").read_text("utf-8")
        assert f'<h1 id="top">{said}</h1>' in page, lang
        listed = (docs / "countries/index.md").read_text("utf-8")
        assert f'<a href="ps/">{said}</a>' in listed, lang
        # CLDR's name is only among the names the table's filter also finds it by, not
        # among the other names the page shows.
        assert "<dt>" in page and "Palestine" in page.split("</dl>")[0].split("<dt>")[-1]
        shown = re.sub(r' data-names="[^"]*"', "", page + listed)
        assert k.name("ps", lang) not in shown, lang
    english = (tmp_path / "en/countries/ps.md").read_text("utf-8")
    assert (
        'card_alt: "State of Palestine: Signed, no ratification confirmed, as of 20 November 2026"'
        in english
    )
    published = json.loads((tmp_path / "en/data/campaign.json").read_text("utf-8"))
    assert {x["code"]: x["name"] for x in published["countries"]}["ps"] == "State of Palestine"


CONGO = """
  - code: cd
    variant_name: true
    actions:
      - type: signature
        date: 2024-08-15
        confirmation: reported
        sources: [second-source]
    checked: 2026-11-20
"""


def test_an_entry_may_be_named_by_cldrs_other_form_of_its_name(tmp_path: Path) -> None:
    """'Congo - Kinshasa', CLDR's usual name, reads oddly in a list of States: 'Congo (DRC)'
    on every page, card and data file; the usual name stays among its other names."""
    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    with (content / "countries.yml").open("a", encoding="utf-8") as countries:
        countries.write(CONGO)
    expected = {"en": "Congo (DRC)", "fr": "Congo (RDC)", "ar": "جمهورية الكونغو الديمقراطية"}
    for lang, said in expected.items():
        docs = generate(content, tmp_path / lang, BEFORE, None if lang == "en" else lang)
        page = (docs / "countries/cd.md").read_text("utf-8")
        assert f'<h1 id="top">{said}</h1>' in page, lang
        assert f'<a href="cd/">{said}</a>' in (docs / "countries/index.md").read_text("utf-8")
    english = (tmp_path / "en/countries/cd.md").read_text("utf-8")
    assert 'card_alt: "Congo (DRC): Signed' in english and "<dd>Congo - Kinshasa" in english
    published = json.loads((tmp_path / "en/data/campaign.json").read_text("utf-8"))
    assert {x["code"]: x["name"] for x in published["countries"]}["cd"] == "Congo (DRC)"
    assert "variant_name" not in published["countries"][0]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            CONGO.replace("variant_name: true", "variant_name: true\n    official_name: true"),
            "a country is called by one name: its official one or CLDR's other form.",
        ),
        (
            CONGO.replace("code: cd", "code: ru"),
            "the Unicode CLDR gives no other form of the name Russia ('ru').",
        ),
    ],
)
def test_a_name_the_data_does_not_have_is_refused(tmp_path: Path, entry: str, message: str) -> None:
    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    with (content / "countries.yml").open("a", encoding="utf-8") as countries:
        countries.write(entry)
    result = run_cli("validate", "--content", content)
    assert_clean_failure(result)
    assert message in result.err


def test_official_names_drop_the_article_iso_3166_writes_them_with() -> None:
    # ISO 3166 writes "the State of Palestine", "L'État de Palestine".
    assert k.official_name("ps", "en") == "State of Palestine"
    assert k.official_name("ps", "fr") == "État de Palestine"
    assert k.official_name("gb", "en") == "United Kingdom of Great Britain and Northern Ireland"
    assert k.official_name("ru") is None and k.official_name("eu") is None
    assert k.name("ps", "fr", official=True) == "État de Palestine"
    assert k.name("ru", "en", official=True) == "Russia"  # no official name: CLDR's


def test_an_official_name_iso_codes_has_not_translated_gives_way_to_cldrs() -> None:
    """iso-codes has no Arabic for "Republic of Türkiye": an Arabic page shows CLDR's
    Arabic name rather than an English one in the middle of Arabic text."""
    assert k.official_name("tr", "en") == "Republic of Türkiye"
    assert k.official_name("tr", "ar") is None
    assert k.name("tr", "ar", official=True) == "تركيا"
    assert k.official_name("ps", "en-GB") == "State of Palestine"


def test_the_counts_are_punctuated_in_the_pages_language(tmp_path: Path) -> None:
    """The parts of the status line are set apart with each language's semicolon: Arabic's
    '؛', and French's with its no-break space, not English '; '."""
    for lang, after_count in (("ar", "في قائمتنا؛ "), ("fr", "dans notre liste\u00a0; ")):
        home = (generate(MULTILINGUAL, tmp_path / lang, BEFORE, lang) / "index.md").read_text(
            "utf-8"
        )
        line = re.search(r'<p class="tx-standing-line">(.*?)</p>', home, re.S).group(1)
        assert after_count in line, (lang, line)
        assert not re.search(r"\S; ", line), (lang, line)


# -- validation: each mistake at its file, line and column --


def countries_errors(campaign: Path, old: str, new: str) -> list[str]:
    path = campaign / "countries.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    lines = result.err.splitlines()[:-1]
    assert all(ISSUE_LINE.match(line) for line in lines), lines
    return lines


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "code: us",
            "code: uk",
            "'uk' is not a country code. Hint: did you mean 'gb' (United Kingdom)?",
        ),
        ("code: us", "code: US", "Hint: write codes in lower case: 'us' (United States)."),
        ("code: us", "code: usa", "did you mean 'us' (United States)?"),
        ("code: us", "code: germany", "did you mean 'de' (Germany)?"),
        ("code: us", "code: xk", "'xk' is not a country code."),
        ("code: us", "code: fr", "France ('fr') is listed twice (first on line"),
        ("code: us", "code: no", "must be text, but YAML reads the unquoted word no as false"),
        ("date: 2025-02-03", "date: 2099-02-03", "2099-02-03 is in the future"),
        ("date: 2025-02-03", "date: 2023-12-31", "is before the treaty was adopted (2024-01-01)"),
        ("date: 2024-08-15", "date: 2024-05-01", "before the treaty opened for signature"),
        (
            "type: ratification\n        date",
            "type: ratify\n        date",
            "must be one of: signature",
        ),
        ("checked: 2026-11-20", "checked: 2099-01-01", "checked date 2099-01-01 is after today"),
        (
            "sources: [second-source]",
            "sources: [secnd-source]",
            "no source 'secnd-source' exists. Hint: did you mean 'second-source'?",
        ),
        ("authority: test-source", "authority: nowhere", "no source 'nowhere' exists."),
        (
            "code: eu\n",
            "code: eu\n    official_name: true\n",
            "official_name: ISO 3166 gives no official name for European Union ('eu').",
        ),
    ],
)
def test_countries_mistakes_are_reported_where_they_are(
    campaign: Path, old: str, new: str, expected: str
) -> None:
    errors = countries_errors(campaign, old, new)
    assert any(expected in line and line.startswith("countries.yml:") for line in errors), errors


def test_the_unknown_code_error_points_at_the_code(campaign: Path) -> None:
    errors = countries_errors(campaign, "  - code: us", "  - code: zz")
    text = (campaign / "countries.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "code: zz" in t)
    assert errors[0].startswith(f"countries.yml:{line}:5: countries[3].code: 'zz' is not")


def test_a_signature_after_the_deadline_is_an_accession(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "signature_closes: 2026-12-31", "signature_closes: 2024-07-31"
        ),
        encoding="utf-8",
    )
    errors = countries_errors(campaign, "date: 2024-08-15", "date: 2024-08-15")
    assert any(
        "countries[0].actions[0].type: signature closed on 2024-07-31; a State that joins later "
        "does so by accession. Hint: write 'type: accession'." in line
        for line in errors
    ), errors


def test_an_action_type_the_treaty_does_not_have(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    days_to_entry_into_force: 90\n",
            "    days_to_entry_into_force: 90\n    action_types: [signature, ratification]\n",
        ),
        encoding="utf-8",
    )
    assert run_cli("validate", "--content", campaign).code == 0  # no accession yet
    (campaign / "countries.yml").write_text(
        (campaign / "countries.yml")
        .read_text(encoding="utf-8")
        .replace("type: ratification\n        date", "type: accession\n        date"),
        encoding="utf-8",
    )
    result = run_cli("validate", "--content", campaign)
    assert "countries.yml:" in result.err
    assert (
        "this treaty has no 'accession' (treaty.calendar.action_types: signature, ratification)"
        in (result.err)
    )


def test_countries_need_the_calendar_and_the_asks(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  calendar:")
    end = text.index("  facts:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    action = campaign / "action.yml"
    action.write_text(action.read_text(encoding="utf-8").split("asks:")[0], encoding="utf-8")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert "treaty.calendar is missing" in result.err
    assert "action.yml:" in result.err and "asks is missing" in result.err


def test_a_campaign_without_countries_has_no_tracker(campaign: Path, tmp_path: Path) -> None:
    (campaign / "countries.yml").unlink()
    out = generate(campaign, tmp_path / "docs", BEFORE)
    assert not (out / "countries").exists()
    assert "Where does your country stand?" not in (out / "action.md").read_text("utf-8")
    assert "data/countries.csv" not in (out / "open-data.md").read_text("utf-8")


def test_every_country_code_is_iso_and_has_a_name() -> None:
    codes = k.codes()
    assert "eu" in codes and "gb" in codes and "ps" in codes
    assert not {"uk", "xk", "un", "ez", "zz", "qo"} & codes
    assert len(codes) == 249 + 1  # ISO 3166-1 alpha-2, and the European Union
    assert k.name("eu", "fr") == "Union européenne"
    assert k.name("ps", "en") == "Palestinian Territories"  # CLDR's name, not typed by us


def test_status_counts_only_confirmed_or_reported_actions() -> None:
    def country(*actions: tuple[str, str]) -> m.Country:
        return m.Country(
            code="fr",
            checked="2026-01-01",
            actions=[
                m.TreatyAction(type=t, date="2025-01-01", confirmation=c, sources=["s"])
                for t, c in actions
            ],
        )

    assert k.status(country()) == "not-signed"
    assert k.status(country(("signature", "unconfirmed"))) == "not-signed"
    assert k.status(country(("signature", "reported"))) == "signed"
    assert (
        k.status(country(("signature", "confirmed"), ("ratification", "unconfirmed"))) == "signed"
    )
    assert k.status(country(("accession", "reported"))) == "party"


# -- open data, feed and cards --


def test_countries_are_in_the_open_data(minimal_site: Path) -> None:
    data = json.loads((minimal_site / "data/campaign.json").read_text("utf-8"))
    schema = json.loads((minimal_site / "data/campaign.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    by_code = {x["code"]: x for x in data["countries"]}
    assert by_code["fr"]["status"] == "party" and by_code["us"]["status"] == "not-signed"
    assert by_code["eu"]["name"] == "European Union"
    assert by_code["fr"]["url"] == SITE_URL + "countries/fr/"
    assert data["country_summary"]["instruments"] == {
        "confirmed": 1,
        "reported": 0,
        "unconfirmed": 1,
    }
    assert data["country_summary"]["as_of"] == "2026-11-20"
    rows = list(
        csv.DictReader(io.StringIO((minimal_site / "data/countries.csv").read_text("utf-8-sig")))
    )
    assert [r["code"] for r in rows] == ["br", "eu", "fr", "us"]
    fr = next(r for r in rows if r["code"] == "fr")
    assert (fr["instrument"], fr["instrument_date"], fr["instrument_confirmation"]) == (
        "ratification",
        "2025-02-03",
        "confirmed",
    )
    assert next(r for r in rows if r["code"] == "br")["instrument_date"] == ""


def test_countries_csv_carries_its_notes_and_source_addresses(minimal_site: Path) -> None:
    """A spreadsheet on its own says where each row comes from and what is uncertain: the
    source ids alone meant nothing without campaign.json beside them."""
    text = (minimal_site / "data/countries.csv").read_text("utf-8-sig")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert text.splitlines()[0].endswith(",checked,url,notes,source_urls")
    assert rows["us"]["notes"] == "Reported as not having signed."
    assert rows["us"]["source_urls"] == "https://test.example.org/other"
    # Every source a row cites, the entry's and its actions', once each.
    data = json.loads((minimal_site / "data/campaign.json").read_text("utf-8"))
    urls = {s["id"]: s["url"] for s in data["sources"]}
    for country in data["countries"]:
        cited = [*country["sources"], *(i for a in country["actions"] for i in a["sources"])]
        wanted = " ".join(dict.fromkeys(urls[i] for i in cited))
        assert rows[country["code"]]["source_urls"] == wanted, country["code"]


def test_the_open_data_page_says_what_the_feed_holds(before: Path) -> None:
    page = (before / "open-data.md").read_text(encoding="utf-8")
    feed_row = next(line for line in page.splitlines() if ">feed.xml</a>" in line)
    assert "one entry for each day on which, in our data, States signed or joined" in feed_row


def test_the_feed_has_an_entry_for_each_day_states_acted(minimal_site: Path) -> None:
    feed = ET.fromstring((minimal_site / "feed.xml").read_bytes())
    entries = {
        e.findtext(f"{ATOM}id"): e
        for e in feed.findall(f"{ATOM}entry")
        if "/countries/" in e.findtext(f"{ATOM}id")
    }
    assert sorted(entries) == [
        SITE_URL + "countries/#instrument-2025-02-03",
        SITE_URL + "countries/#signature-2024-07-01",
        SITE_URL + "countries/#signature-2024-08-15",
    ]
    france = entries[SITE_URL + "countries/#instrument-2025-02-03"]
    assert france.findtext(f"{ATOM}title") == "France joined on 3 February 2025"
    assert france.find(f"{ATOM}link").get("href") == SITE_URL + "countries/fr/"
    assert france.findtext(f"{ATOM}updated") == "2025-02-03T00:00:00Z"
    both = entries[SITE_URL + "countries/#signature-2024-07-01"]
    # The list is incomplete: the count is what it holds for that day, never the day's total.
    assert both.findtext(f"{ATOM}title") == "Signatures on 1 July 2024: 2 in our incomplete list"
    summary = both.findtext(f"{ATOM}summary")
    assert summary.startswith("European Union, France. Our list is incomplete; the official ")
    assert summary.endswith("record is https://test.example.org/source")
    content = both.findtext(f"{ATOM}content")
    assert 'the official record is <a href="https://test.example.org/source">' in content
    assert "A few entries used by the tests." in content  # countries.yml's note


def test_share_cards_for_the_tracker_pages(minimal_site: Path) -> None:
    for name in ["index", "br", "eu", "fr", "us"]:
        assert (minimal_site / f"assets/cards/countries/{name}.png").is_file(), name
    page = (minimal_site / "countries/fr/index.html").read_text("utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}assets/cards/countries/fr.png">' in page
    # The image's text alternative is what the card says, not the page's shorter title.
    said = "France: Joined (ratified or acceded), as of 20 November 2026"
    assert f'<meta property="og:image:alt" content="{said}">' in page
    assert f'<meta name="twitter:image:alt" content="{said}">' in page
    assert '<meta property="og:title" content="France">' in page


def _fold(text: str) -> str:
    """What countries.js does to a name and to what the reader types before comparing."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = re.sub(r"[\u0300-\u036f\u064b-\u065f\u0670\u0640]", "", decomposed)
    return re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", kept).lower().strip()


def _found(typed: str, code: str, lang: str) -> bool:
    names = [k.name(code, lang), *k.other_names(code, lang)]
    return any(_fold(typed) in _fold(text) for text in names)


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [
        *[
            ("en", typed, code)
            for typed, code in [
                ("Turkey", "tr"),
                ("Ivory Coast", "ci"),
                ("Palestine", "ps"),
                ("Russia", "ru"),
                ("Russian Federation", "ru"),
                ("Syria", "sy"),
                ("Iran", "ir"),
                ("Viet Nam", "vn"),
                ("Czech Republic", "cz"),
                ("USA", "us"),
                ("United States of America", "us"),
                ("UK", "gb"),
            ]
        ],
        *[
            ("fr", typed, code)
            for typed, code in [
                ("Turkey", "tr"),
                ("Turquie", "tr"),
                ("Ivory Coast", "ci"),
                ("Cote d'Ivoire", "ci"),
                ("Palestine", "ps"),
                ("Russie", "ru"),
                ("Syrie", "sy"),
                ("Iran", "ir"),
                ("Vietnam", "vn"),
                ("République tchèque", "cz"),
                ("USA", "us"),
                ("Etats-Unis", "us"),
            ]
        ],
        *[
            ("es", typed, code)
            for typed, code in [
                ("Turkey", "tr"),
                ("Turquia", "tr"),
                ("Costa de Marfil", "ci"),
                ("Palestina", "ps"),
                ("Rusia", "ru"),
                ("Siria", "sy"),
                ("Iran", "ir"),
                ("Vietnam", "vn"),
                ("República Checa", "cz"),
                ("EE. UU.", "us"),
                ("USA", "us"),
            ]
        ],
        *[
            ("ar", typed, code)
            for typed, code in [
                ("Turkey", "tr"),
                ("تركيا", "tr"),
                ("كوت ديفوار", "ci"),
                ("ساحل العاج", "ci"),
                ("فلسطين", "ps"),
                ("Palestine", "ps"),
                ("روسيا", "ru"),
                ("سوريا", "sy"),
                ("ايران", "ir"),  # typed without the hamza
                ("فيتنام", "vn"),
                ("جمهورية التشيك", "cz"),
                ("الولايات المتحدة", "us"),
                ("USA", "us"),
            ]
        ],
    ],
)
def test_a_country_is_found_by_the_names_readers_type(lang: str, typed: str, code: str) -> None:
    """The names CLDR shows are not the only ones readers know: CLDR's other forms
    ("Turkey", "Ivory Coast"), ISO 3166's names and the three-letter code find it too."""
    assert _found(typed, code, lang)


def test_another_countrys_name_is_no_other_name() -> None:
    # iso-codes' Arabic for "Moldova" is the Maldives' name: typing it must not find Moldova.
    assert not _found("المالديف", "md", "ar")
    assert "Palestinian Territories" in k.other_names("ps", "en", "State of Palestine")
    assert k.other_names("eu", "fr") == ["European Union"]


def _other_names(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text("utf-8")
    found = re.search(r"<dt>[^<]*</dt> <dd>((?:(?!</dd>).)*)</dd>\n</dl>", html)
    assert found, f"{page} lists no other names"
    return found[1]


def test_a_country_page_lists_its_other_names_in_their_languages(
    multilingual_site: Path,
) -> None:
    """What readers type for a country is on its page too, where site search finds it: each
    name once, in CLDR's words for "or", marked with its language where it is not the page's
    (and, on a right-to-left page, a Latin name set left to right)."""
    assert _other_names(multilingual_site, "countries/us") == "US or United States of America"
    french = _other_names(multilingual_site, "fr/countries/us")
    assert french.startswith('<span lang="en">United States</span>, ')
    assert french.endswith(" ou États-Unis d&#39;Amérique")
    arabic = _other_names(multilingual_site, "ar/countries/us")
    assert "USA" not in arabic  # a code is no name
    assert '<span lang="en" dir="ltr">United States of America</span>' in arabic
    assert " أو " in arabic
    # The name shown is not repeated, nor a spelling of it that differs only in its marks:
    # the Arabic page shows "الولايات المتحدة"; iso-codes also writes it with a shadda.
    assert "الولايات المتّحدة<" not in arabic and "الولايات المتحدة<" not in arabic


def test_a_three_letter_code_is_shown_as_a_code_not_as_a_name(multilingual_site: Path) -> None:
    """ "Other names: CAN" read as if CAN were a name: the code has its own line."""
    for page, label in [
        ("countries/us", "Country code (ISO 3166)"),
        ("fr/countries/us", "Code de pays (ISO 3166)"),
        ("ar/countries/us", "رمز البلد"),
    ]:
        html = (multilingual_site / page / "index.html").read_text("utf-8")
        meta = html.split('<dl class="tx-meta">', 1)[1].split("</dl>", 1)[0]
        assert label in meta, page
        assert '<dd><span dir="ltr" translate="no">USA</span></dd>' in meta, page
        assert "USA" not in _other_names(multilingual_site, page), page
    # The European Union has no ISO 3166 code: no empty line.
    eu = (multilingual_site / "countries/eu/index.html").read_text("utf-8")
    assert "Country code" not in eu


def test_a_country_with_no_other_name_has_no_empty_line(multilingual_site: Path) -> None:
    english = (multilingual_site / "countries/eu/index.html").read_text("utf-8")
    assert "Other names" not in english and "<dd></dd>" not in english
    french = (multilingual_site / "fr/countries/eu/index.html").read_text("utf-8")
    assert '<dt>Autres noms</dt> <dd><span lang="en">European Union</span></dd>' in french


# -- the European Union: an organisation of States, not a State --


def test_the_eu_page_asks_the_eu_in_words_of_its_own(before: Path) -> None:
    """The asks for States speak of 'your country', its parliament and ministries; the EU's
    page asks what action.yml's asks.organisation says, and names who decides for it."""
    page = (before / "countries/eu.md").read_text(encoding="utf-8")
    assert "Do not let the EU join without safeguards" in page
    assert "Please do not let the EU join the Test Convention" in page
    assert "your Members of the European Parliament" in page
    for state_words in ("Your country", "this country", "your foreign ministry", "ratify"):
        assert state_words not in page, state_words
    # A State's page is unchanged.
    france = (before / "countries/fr.md").read_text(encoding="utf-8")
    assert "your representative or your foreign ministry" in france


def test_an_eu_entry_without_its_own_ask_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "campaign"
    shutil.copytree(MINIMAL, content)
    action = content / "action.yml"
    text = action.read_text(encoding="utf-8")
    action.write_text(text[: text.index("\n  organisation:  #") + 1], encoding="utf-8")
    result = run_cli("validate", "--content", content)
    assert result.code == 1
    line = next(
        n
        for n, row in enumerate((content / "countries.yml").read_text("utf-8").splitlines(), 1)
        if row.strip() == "- code: eu"
    )
    assert (
        f"countries.yml:{line}:5: countries[1].code: the European Union is listed, but "
        "action.yml has no ask for it in its status (signed); the asks for States would call "
        "it a country. Hint: add asks.organisation.signed to action.yml"
    ) in result.err


def test_a_source_cited_on_a_translated_page_is_marked_in_its_own_language(
    tmp_path: Path,
) -> None:
    """Titles and publishers are cited as published: in English on a French page, they are
    read with an English voice and get no French spacing before their colons."""
    docs = generate(MULTILINGUAL, tmp_path / "fr", BEFORE, "fr")
    cited = (
        '<a href="https://test.example.org/source" hreflang="en"><span lang="en">A test '
        'source</span></a> (<span lang="en">Test Publisher</span>)'
    )
    assert cited in (docs / "countries/br.md").read_text(encoding="utf-8")
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert 'hreflang="en"><span lang="en">Test Publisher</span></a>' in home
    english = generate(MULTILINGUAL, tmp_path / "en", BEFORE)
    assert "hreflang" not in (english / "countries/br.md").read_text(encoding="utf-8")


# -- the day where the treaty is signed (treaty.calendar.time_zone) --


def test_today_can_be_the_day_in_a_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 January 2027, 03:00 UTC: still 31 December in New York, already in Tokyo.
    moment = dt.datetime(2027, 1, 1, 3, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    assert today() == dt.date(2027, 1, 1)
    assert today("America/New_York") == dt.date(2026, 12, 31)
    assert today("Asia/Tokyo") == dt.date(2027, 1, 1)


def test_signature_stays_open_until_its_last_day_ends_where_it_is_signed(
    campaign: Path, tmp_path: Path
) -> None:
    """The daily rebuild just after midnight UTC on 1 January: in New York, where the
    treaty is signed, it is still the last day, and the pages must say so."""
    path = campaign / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    zoned = "    time_zone: America/New_York\n"
    assert zoned in text
    moment = str(int(dt.datetime(2027, 1, 1, 0, 17, tzinfo=dt.UTC).timestamp()))
    args = ["generate", "--no-cache", "--content", campaign]
    for zone, expected in (("UTC", None), ("America/New_York", "Signature closes today.")):
        path.write_text(text.replace(zoned, f"    time_zone: {zone}\n"), "utf-8")
        out = tmp_path / zone.replace("/", "-")
        result = run_cli(*args, "--out", out, env={"SOURCE_DATE_EPOCH": moment})
        assert result.code == 0, result.err
        action = (out / "action.md").read_text(encoding="utf-8")
        if expected is None:
            assert "tx-countdown" not in action and "Signature closed on" in action
        else:
            assert countdown(action) == expected
            assert 'data-tz="America/New_York" data-built="2026-12-31"' in action


def test_an_unknown_time_zone_is_reported_at_its_line(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    zoned = "    time_zone: America/New_York\n"
    path.write_text(text.replace(zoned, "    time_zone: Europe/Viena\n"), "utf-8")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    line = path.read_text(encoding="utf-8").splitlines().index("    time_zone: Europe/Viena")
    assert f"campaign.yml:{line + 1}:5: treaty.calendar.time_zone: must be a time zone " in (
        result.err
    )
    assert "; did you mean Europe/Vienna? (got 'Europe/Viena')" in result.err


@pytest.mark.parametrize("zone", ["localtime", "posix/Europe/Paris", "Factory", "posixrules"])
def test_a_zone_file_that_browsers_do_not_know_is_refused(campaign: Path, zone: str) -> None:
    """Python finds these files beside the IANA zones; a browser's Intl refuses them, and
    `localtime` would be whatever zone the building machine is in."""
    path = campaign / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    zoned = "    time_zone: America/New_York\n"
    path.write_text(text.replace(zoned, f"    time_zone: {zone}\n"), "utf-8")
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert "treaty.calendar.time_zone: must be a time zone name from the IANA list" in result.err
