"""Synthetic campaigns of any size, to show how build cost grows with the number of concerns.

Everything but the concerns stays the same size (20 articles, 12 recommendations, 30
sources), and each concern is about as long as a real one (some 700 words with two
articles, two fixes, two related concerns and three sources), so any growth that is
not linear comes from the build, not from the content.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ARTICLES = 20
GROUPS = 4
RECS_PER_GROUP = 3
SOURCES = 30
_TEXT = """the treaty lets a state order a provider to disclose stored data without notice
or any judge so that journalists and their sources lose the protection they rely on while
safeguards stay vague and the oversight named in the text is left to each party"""
WORDS = _TEXT.split()


def prose(seed: int, words: int) -> str:
    """Deterministic filler text with a sentence break every dozen words."""
    picked = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    sentences = [" ".join(picked[i : i + 12]) for i in range(0, words, 12)]
    return ". ".join(s.capitalize() for s in sentences) + "."


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def shared_files(root: Path, concerns: int) -> None:
    source_ids = [f"source-{i}" for i in range(SOURCES)]
    dump(
        root / "campaign.yml",
        {
            "site": {
                "name": f"Synthetic campaign ({concerns} concerns)",
                "tagline": "A generated campaign for the benchmark.",
                "description": "A generated campaign for the benchmark.",
                "url": "https://bench.example.org",
                "publisher": "Benchmark",
                "example": True,
            },
            "treaty": {
                "name": "the Benchmark Convention",
                "full_title": "Benchmark Convention on Generated Text",
                "summary": prose(1, 120),
                "status": prose(2, 60),
                "facts": [
                    {
                        "label": "Adopted",
                        "value": "1 January 2024",
                        "confirmation": "confirmed",
                        "sources": [source_ids[0]],
                    }
                ],
                "links": [{"title": "Official text", "url": "https://bench.example.org/text"}],
            },
            "home": {"intro": prose(3, 80), "call_to_action": "Act now"},
            "about": prose(4, 200),
        },
    )
    dump(
        root / "articles.yml",
        {
            "articles": [
                {
                    "number": n,
                    "subject": f"Subject of article {n}",
                    "summary": prose(n, 60),
                    "confirmation": "reported",
                    "official_url": f"https://bench.example.org/text#art{n}",
                    "sources": [source_ids[n % SOURCES]],
                }
                for n in range(1, ARTICLES + 1)
            ]
        },
    )
    dump(
        root / "recommendations.yml",
        {
            "groups": [
                {
                    "id": f"group-{g}",
                    "title": f"Group {g}",
                    "summary": prose(g, 40),
                    "recommendations": [
                        {
                            "id": f"rec-{g}-{r}",
                            "title": f"Recommendation {g}.{r}",
                            "text": prose(r, 50),
                        }
                        for r in range(RECS_PER_GROUP)
                    ],
                }
                for g in range(GROUPS)
            ]
        },
    )
    dump(
        root / "sources.yml",
        {
            "sources": [
                {
                    "id": sid,
                    "title": f"Source number {i}",
                    "publisher": "Publisher",
                    "date": "2024-07",
                    "url": f"https://bench.example.org/sources/{i}",
                }
                for i, sid in enumerate(source_ids)
            ]
        },
    )
    dump(
        root / "timeline.yml",
        {
            "events": [
                {
                    "date": f"20{10 + i}-05",
                    "title": f"Event {i}",
                    "confirmation": "confirmed",
                    "sources": [source_ids[i % SOURCES]],
                }
                for i in range(10)
            ]
        },
    )
    dump(
        root / "glossary.yml",
        {
            "terms": [
                {"id": f"term-{i}", "term": f"Term {i}", "definition": prose(i, 30)}
                for i in range(10)
            ]
        },
    )
    dump(
        root / "action.yml",
        {
            "title": "Take action",
            "intro": prose(5, 60),
            "steps": [{"title": f"Step {i}", "text": prose(i, 40)} for i in range(3)],
            "email": {"subject": "About the Benchmark Convention", "body": prose(6, 150)},
        },
    )


def concern(i: int, count: int) -> dict[str, object]:
    recs = [f"rec-{g}-{r}" for g in range(GROUPS) for r in range(RECS_PER_GROUP)]
    related = sorted({(i + 1) % count, (i + 7) % count} - {i})
    return {
        "slug": f"concern-{i}",
        "title": f"Concern number {i}",
        "summary": prose(i, 20),
        "order": i,
        "articles": [{"article": 1 + i % ARTICLES}, {"article": 1 + (i * 3 + 1) % ARTICLES}],
        "sections": {
            "what_it_says": prose(i, 150),
            "why_it_matters": prose(i + 1, 250),
            "who_is_affected": prose(i + 2, 120),
            "what_we_recommend": prose(i + 3, 150),
        },
        "fixes": sorted({recs[i % len(recs)], recs[(i * 5 + 2) % len(recs)]}),
        "related": [f"concern-{r}" for r in related],
        "sources": sorted({f"source-{(i + k * 11) % SOURCES}" for k in range(3)}),
        "assessment": {"status": "not-addressed", "evidence": prose(i, 40)},
        "last_reviewed": "2026-11-20",
    }


def write_campaign(root: Path, concerns: int) -> Path:
    """A valid campaign with `concerns` concerns under root; returns root."""
    shared_files(root, concerns)
    for i in range(concerns):
        dump(root / "concerns" / f"concern-{i}.yml", concern(i, concerns))
    return root
