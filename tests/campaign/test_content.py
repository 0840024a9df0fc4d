"""The campaign's content itself: complete, cross-linked, sourced and honest about certainty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.loader import load_campaign
from generator.model import Campaign


@pytest.fixture(scope="module")
def campaign(campaign_dir: Path) -> Campaign:
    return load_campaign(campaign_dir)


def test_the_eight_handout_concerns_and_the_2022_demands_are_there(campaign: Campaign) -> None:
    slugs = " ".join(x.slug for x in campaign.concerns)
    topics = [
        "title",
        "safeguards",
        "real-time",
        "international-cooperation",
        "lgbtq",
        "technical-assistance",
        "criminalisation",
        "public-interest",
    ]
    assert [t for t in topics if t not in slugs] == []
    # Each demand's title names whose demand it is, as it also appears out of its group.
    demands = [
        r
        for g in campaign.groups
        for r in g.recommendations
        if r.title.startswith(
            ("EFF's demand 1 (2022): ", "EFF's demand 2 (2022): ", "EFF's demand 3 (2022): ")
        )
    ]
    assert len(demands) == 3


def test_every_concern_cites_an_existing_article_and_a_source(campaign: Campaign) -> None:
    numbers = {a.number for a in campaign.articles}
    for concern in campaign.concerns:
        assert concern.articles and all(r.article in numbers for r in concern.articles)
        assert concern.sources
        assert concern.fixes, concern.slug


def test_every_article_listed_is_cited_by_a_concern(campaign: Campaign) -> None:
    cited = {r.article for x in campaign.concerns for r in x.articles}
    assert {a.number for a in campaign.articles} == cited


def test_no_official_title_is_claimed_while_none_is_confirmed(campaign: Campaign) -> None:
    # FACTS.md: no official article title is confirmed yet.
    for article in campaign.articles:
        assert article.official_title is None or article.confirmation == "confirmed"


def test_related_concerns_link_both_ways_or_at_least_resolve(campaign: Campaign) -> None:
    slugs = {x.slug for x in campaign.concerns}
    for concern in campaign.concerns:
        assert set(concern.related) <= slugs - {concern.slug}


def test_every_concern_has_a_letter_and_a_plain_one_sentence_summary(campaign: Campaign) -> None:
    for concern in campaign.concerns:
        assert concern.email is not None, concern.slug
        assert len(re.findall(r"[.!?](\s|$)", concern.summary)) == 1, concern.slug


def test_contact_is_only_the_one_the_handout_gives(campaign: Campaign) -> None:
    assert [(c.name, c.email) for c in campaign.action.contacts] == [
        ("Katitza Rodriguez", "katitza@eff.org")
    ]


def test_real_site_marks_every_unconfirmed_fact(campaign: Campaign, real_site: Path) -> None:
    unconfirmed = [f for f in campaign.campaign.treaty.facts if f.confirmation == "unconfirmed"]
    home = (real_site / "index.html").read_text()
    for fact in unconfirmed:
        label = re.escape(fact.label.replace("&", "&amp;").replace('"', "&#34;"))
        row = re.search(rf'<th scope="row">{label}</th>.*?</tr>', home, re.S)
        assert row and "tx-badge--unconfirmed" in row.group(0), fact.label
    timeline = (real_site / "timeline/index.html").read_text()
    count = sum(1 for e in campaign.events if e.confirmation == "unconfirmed")
    assert timeline.count('class="tx-badge tx-badge--unconfirmed"') == count


def test_real_site_has_a_page_per_concern_and_cited_article(
    campaign: Campaign, real_site: Path
) -> None:
    for concern in campaign.concerns:
        assert (real_site / "concerns" / concern.slug / "index.html").is_file()
    for article in campaign.articles:
        html = (real_site / "articles" / str(article.number) / "index.html").read_text()
        assert 'class="tx-card"' in html, article.number
