"""Each claim of this campaign as its source makes it, attributed to whoever made it.

One test per correction of the fact-check, so that none comes back. The sources are EFF's
undated 2024 handout on the draft ("EFF, 2024"), EFF's article of 30 August 2022, and the
project's list of confirmed facts (Articles 1 to 15 read in the Arabic text of the adopted
Convention; the four-year "serious crime" threshold in its Article 2(h)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.loader import load_campaign
from generator.model import Campaign, Concern, TimelineEvent

ROOT = Path(__file__).resolve().parents[2]
EFF_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(ROOT)


def texts(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string of the content, with where it sits (for the failure message)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from texts(item, f"{where}[{i}]")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", flat(text))


def rec_text(campaign: Campaign, rec_id: str) -> str:
    return flat(campaign.recommendation(rec_id)[1].text)


def group(campaign: Campaign, group_id: str) -> str:
    return flat(next(g.summary for g in campaign.groups if g.id == group_id))


def event(campaign: Campaign, title_start: str) -> TimelineEvent:
    return next(e for e in campaign.events if e.title.startswith(title_start))


def concern(campaign: Campaign, slug: str) -> Concern:
    return campaign.concern(slug)


# --- 1. Criminal intent: optional in the treaty, as EFF says; never "required" -------------------


def test_nothing_says_criminal_intent_is_required(campaign: Campaign) -> None:
    wrong = re.compile(r"(criminal|dishonest) intent (is|are|was) required", re.I)
    assert [where for where, text in texts(campaign) if wrong.search(flat(text))] == []


def test_articles_7_and_9_make_intent_and_harm_optional(campaign: Campaign) -> None:
    access = flat(campaign.article(7).summary)
    assert "Criminal intent is **not** required" in access
    assert "**may** add" in access and "dishonest or criminal intent" in access
    data = flat(campaign.article(9).summary)
    assert "**may** require that the interference caused serious harm" in data


def test_the_ask_keeps_eff_s_words_and_offences(campaign: Campaign) -> None:
    text = rec_text(campaign, "require-intent-and-serious-harm")
    title = campaign.recommendation("require-intent-and-serious-harm")[1].title
    # EFF names illegal access, interception and interference; not all five offences, and not
    # "dishonest intent and serious harm".
    assert "dishonest" not in title and "criminal intent and harm" in title
    assert "five core offences" not in text
    assert '"lack mandatory requirements for criminal intent and harm"' in text
    assert "illegal access, interception and interference" in text


def test_the_public_interest_concern_asks_for_criminal_intent_and_harm(
    campaign: Campaign,
) -> None:
    x = concern(campaign, "no-protection-for-public-interest-work")
    for where, text in texts(x):
        assert "dishonest intent and serious harm" not in flat(text), where
    assert "**criminal intent and harm**" in flat(x.sections.what_we_recommend)


# --- 2. The four-year "serious crime" threshold, cited to what gives it ---------------------------


def test_serious_crime_fact_cites_the_convention_not_eff(campaign: Campaign) -> None:
    fact = next(f for f in campaign.campaign.treaty.facts if "Serious crime" in f.label)
    assert fact.confirmation == "confirmed"
    assert "Article 2(h)" in fact.label
    assert "untc-xviii-16" in fact.sources and "eff-2024-concerns" not in fact.sources
    assert fact.note and "Arabic text" in fact.note
    assert "at least four years" in fact.value and "maximum" in fact.value


def test_article_2_gives_the_threshold_from_the_official_text(campaign: Campaign) -> None:
    article = campaign.article(2)
    assert article.sources == ["untc-xviii-16"]
    assert "maximum deprivation of liberty" in flat(article.summary)


# --- 3. EFF reviewed the 2024 draft, not the final text, and never mentions Article 6 -----------


def test_eff_is_never_said_to_have_reviewed_the_final_text(campaign: Campaign) -> None:
    for x in campaign.concerns:
        evidence = flat(x.assessment.evidence or "")
        assert not re.search(r"final text, including EFF|including EFF", evidence), x.slug
        assert "eff-2024-concerns" not in x.assessment.sources or x.assessment.status in (
            "not-yet-assessed",
        ), x.slug


def test_article_6_is_not_cited_to_eff(campaign: Campaign) -> None:
    article = campaign.article(6)
    assert "eff-2024-concerns" not in article.sources
    assert "does not discuss this article" in flat(article.note or "")
    lgbtq = concern(campaign, "lgbtq-and-gender-rights")
    assert "eff-2024-concerns" not in lgbtq.assessment.sources


# --- 4. EFF's examples of compelled help are two; the third is ours ----------------------------


def test_building_a_weakness_is_the_campaign_s_own_example(campaign: Campaign) -> None:
    text = rec_text(campaign, "no-forced-disclosure-of-flaws-or-keys")
    eff = [s for s in sentences(text) if "EFF" in s]
    weakness = [s for s in sentences(text) if "weakness" in s]
    assert eff and all("weakness" not in s for s in eff)
    assert weakness and all(re.search(r"\b(We|our)\b", s) for s in weakness)
    assert "these two" in text


# --- 5. The 2019 call to vote against: sourced to EFF's own timeline -----------------------------


def test_the_2019_call_to_vote_against_names_its_source(campaign: Campaign) -> None:
    founding = next(e for e in campaign.events if e.date == "2019-12-27")
    text = flat(founding.description or "")
    if "vote against" in text:
        assert "EFF's own timeline" in text
        assert "eff-2023-timeline" in founding.sources


# --- 6. "Any criminal offence" is reported for Article 23, not Article 3 ------------------------


def test_any_criminal_offence_is_tied_to_article_23(campaign: Campaign) -> None:
    text = flat(concern(campaign, "misleading-title-and-scope").sections.what_it_says)
    claims = [s for s in sentences(text) if "criminal offence" in s]
    assert claims and all("Article 23" in s and "Article 3" not in s for s in claims)
    assert "any criminal offence" not in flat(campaign.article(3).summary).lower()


# --- 7. Smaller drifts ----------------------------------------------------------------------------


def test_the_secretary_general_quote_is_whole_and_is_the_spokesman_s(campaign: Campaign) -> None:
    for where, text in texts(campaign):
        if "unprecedented platform" in text:
            assert "while ensuring human rights are protected online" in flat(text), where
            assert "Spokesman" in flat(text), where
    assert "Spokesman" in campaign.source("un-sg-statement-2024").title
    titles = [link.title for link in campaign.campaign.treaty.links]
    assert not [t for t in titles if "Secretary-General's statement" in t]


def test_obligations_fall_on_states_that_join_not_on_every_member(campaign: Campaign) -> None:
    assert [w for w, text in texts(campaign) if re.search(r"member countr", text, re.I)] == []


def test_campaign_s_own_points_are_not_credited_to_eff(campaign: Campaign) -> None:
    for where, text in texts(campaign.groups):
        assert not re.search(r"(They follow|drawn from) EFF's 2024 handout", flat(text)), where
    for rec_id in (
        "limit-real-time-interception",
        "refuse-requests-targeting-protected-rights",
        "narrow-compelled-assistance-orders",
    ):
        assert re.search(r"our own|our recommendation", rec_text(campaign, rec_id), re.I), rec_id


def test_eff_s_first_2022_demand_includes_technical_assistance(campaign: Campaign) -> None:
    asks = flat(concern(campaign, "cooperation-beyond-cybercrime").sections.what_we_recommend)
    assert "in full" not in asks
    assert "technical assistance" in asks
    assert "limits on cooperation and on providing technical assistance" in group(
        campaign, "cooperation"
    )


def test_eff_asked_for_resources_and_training_not_staff(campaign: Campaign) -> None:
    checks = concern(campaign, "cooperation-without-independent-checks")
    for text in (
        rec_text(campaign, "keep-mlats-primary"),
        flat(checks.sections.what_we_recommend),
    ):
        assert "staff" not in text
        assert "resources and training" in text


def test_no_outcome_is_cited_to_a_statement_that_predates_it(campaign: Campaign) -> None:
    agreed = event(campaign, "Reconvened concluding session")
    for source_id in agreed.sources:
        date = campaign.source(source_id).date or ""
        if len(date) == 10:  # a day-precise source must not be older than the outcome
            assert date >= (agreed.end_date or agreed.date), source_id


def test_the_handout_is_undated(campaign: Campaign) -> None:
    for where, text in texts(campaign):
        assert not re.search(r"handout[^.]*\bJuly 2024", flat(text)), where
    note = flat(campaign.source("eff-2024-concerns").note or "")
    assert "undated handout" in note and '"EFF, 2024"' in note


def test_first_session_gives_no_day_its_source_lacks(campaign: Campaign) -> None:
    first = event(campaign, "First negotiating session")
    if set(first.sources) <= {"eff-2022-cooperation"}:  # says "February", not the days
        assert re.fullmatch(r"\d{4}-\d{2}", first.date) and first.end_date is None


# --- Every quotation of EFF is found, word for word, in EFF's texts -----------------------------


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(\w) -\s*(\w)", r"\1-\2", text)  # "self -\nincrimination" in the handout
    return flat(text).lower()


def test_every_quote_attributed_to_eff_is_in_eff_s_texts(campaign: Campaign) -> None:
    if not EFF_SOURCES.is_dir():
        pytest.skip("the shared source texts are not beside the repository")
    eff = " ".join(_normal(p.read_text(encoding="utf-8")) for p in EFF_SOURCES.glob("*.txt"))
    checked = 0
    for where, text in texts(campaign):
        for sentence in sentences(text):
            if "EFF" not in sentence or "not EFF's" in sentence:  # not: our own example
                continue
            for quote in re.findall(r'"([^"]{4,})"', sentence):
                if re.fullmatch(r"EFF, \d{4}", quote):  # how we cite the handout
                    continue
                checked += 1
                assert _normal(quote) in eff, f"{where}: {quote!r}"
    assert checked > 10


# --- The second fact-check (December 2026) ------------------------------------------------------


def test_a_signature_is_told_as_reported(campaign: Campaign) -> None:
    """Every signature in our list is reported, none confirmed: the ask to a country that
    signed, and its letter, say so, as the other asks do."""
    signed = campaign.action.asks.signed
    assert flat(signed.text).startswith("Our sources report that your country has signed")
    assert "As far as I know, [our country] has signed it" in flat(signed.letter.body)
    assert all(
        a.confirmation == "reported"
        for x in campaign.countries.countries
        for a in x.actions
        if a.type == "signature"
    )


def test_what_eff_said_of_the_draft_is_not_said_of_the_adopted_text(campaign: Campaign) -> None:
    body = flat(concern(campaign, "insufficient-human-rights-safeguards").email.body)
    assert "It leaves most protections to national law" not in body
    assert "EFF said the 2024 draft left what few safeguards it had to national law" in body


def test_eff_s_second_2022_demand_is_not_every_request(campaign: Campaign) -> None:
    """'Every request' is the campaign's wording; EFF asked for a baseline for answering
    requests, oversight in the treaty, and regulators because nothing enforces rights."""
    checks = concern(campaign, "cooperation-without-independent-checks")
    for where, text in (
        ("why_it_matters", checks.sections.why_it_matters),
        ("what_we_recommend", checks.sections.what_we_recommend),
        (
            "recommendation title",
            campaign.recommendation("safeguard-rights-in-cooperation")[1].title,
        ),
    ):
        assert "every request" not in flat(text) and "every cross-border" not in flat(text), where
    assert "because, as it noted, there is no definitive international mechanism" in flat(
        checks.sections.why_it_matters
    )


def test_article_numbers_eff_does_not_give_say_where_they_come_from(campaign: Campaign) -> None:
    """The EFF texts number only Article 24; an article cited only to EFF says that its
    number comes from elsewhere."""
    for article in campaign.articles:
        if article.number > 15 and set(article.sources) <= {
            "eff-2024-concerns",
            "eff-2022-cooperation",
        }:
            assert "as reported in secondary sources" in flat(article.note or ""), article.number


def test_a_confirmed_event_cites_what_confirms_it(campaign: Campaign) -> None:
    committee = event(campaign, "The UN General Assembly sets up a committee")
    assert committee.confirmation == "confirmed"
    assert "eu-council-decision-2022-895" in committee.sources


# --- The campaign's own examples are said to be its own, in every language ----------------------

OUR_EXAMPLE = {
    "en": "An example of our own, not EFF's: ",
    "fr": "Un exemple qui est le nôtre, pas celui de l'EFF\u00a0: ",
    "es": "Un ejemplo nuestro, no de la EFF: ",
    "ar": "مثال من عندنا، لا من مؤسسة الحدود الإلكترونية (EFF): ",
}


def test_each_concern_s_example_is_marked_as_the_campaign_s_own() -> None:
    """The people in the examples (a blogger, an engineer, a union organiser) are the
    campaign's illustrations; right after a point of EFF's, they read as EFF's."""
    from generator.loader import load_content

    content = load_content(ROOT)
    editions = [("en", content.campaign)] + [
        (t.language.code, t.campaign) for t in content.translations
    ]
    for code, version in editions:
        for x in version.concerns:
            paragraphs = str(x.sections.why_it_matters).split("\n\n")
            ours = [p for p in paragraphs if p.startswith(OUR_EXAMPLE[code])]
            assert len(ours) == 1, (code, x.slug)
            assert not any(
                p.startswith(("For example", "Par exemple", "Por ejemplo", "على سبيل المثال"))
                for p in paragraphs
            ), (code, x.slug)


def test_eff_s_point_on_shared_criminalisation_is_told_without_our_example(
    campaign: Campaign,
) -> None:
    """EFF: 'When both countries criminalize conduct protected by human rights, the treaty
    legitimizes collaborative abuses.' Peaceful protest was our example, set inside it."""
    text = flat(concern(campaign, "broad-international-cooperation").sections.why_it_matters)
    assert "protected by human rights, EFF warns" in text
    assert "peaceful protest" not in text


def test_reported_is_defined_as_the_entries_use_it(campaign: Campaign) -> None:
    """Most reported signatures rest on one press item or a partial read of the official
    record: the definition readers are given must not promise several sources."""
    about = flat(campaign.campaign.about)
    assert "**reported** (stated by a reliable source other than the official text" in about
    assert "several" not in about
    template = (ROOT / "generator/templates/about.md.j2").read_text(encoding="utf-8")
    assert "several reliable" not in template


def test_the_eu_decision_carries_its_own_date(campaign: Campaign) -> None:
    """'Council Decision (EU) 2022/895 of 24 May 2022' (EUR-Lex): dated, not 'undated'."""
    assert campaign.source("eu-council-decision-2022-895").date == "2022-05-24"


def test_critics_are_dated_by_the_text_they_reviewed() -> None:
    """The critics' reviews cited for Article 24 (ARTICLE 19, October 2024) read the final
    draft agreed in August 2024, before the General Assembly adopted it: no sentence of
    theirs on Article 24 is told of "the final text" or "the adopted" one, in any language."""
    from generator.loader import load_content

    content = load_content(ROOT)
    editions = [("en", content.campaign)] + [
        (t.language.code, t.campaign) for t in content.translations
    ]
    critics = {"en": "Critics", "fr": "détracteurs", "es": "críticos", "ar": "منتقد"}
    article = {"en": "Article 24", "fr": "article 24", "es": "artículo 24", "ar": "المادة 24"}
    dated = {
        "en": "final draft agreed in August 2024, before the General Assembly adopted it",
        "fr": "projet final arrêté en août 2024, avant son adoption par l'Assemblée générale",
        "es": "proyecto final acordado en agosto de 2024, antes de que la Asamblea General lo",
        "ar": "المشروع النهائي المتفق عليه في آب/أغسطس 2024، قبل أن تعتمده الجمعية العامة",
    }
    for code, version in editions:
        said = 0
        article_24 = next(a for a in version.articles if a.number == 24)
        pieces = [(w, t, False) for w, t in texts(version)]
        pieces += [(w, t, True) for w, t in texts(article_24, "article 24")]
        for where, text, about_24 in pieces:
            for sentence in re.split(r"(?<=[.؛])\s+", flat(str(text))):
                if critics[code] in sentence and (about_24 or article[code] in sentence):
                    said += 1
                    assert dated[code] in sentence, (code, where, sentence)
        assert said >= 4, (code, said)  # Article 24 and three concerns
