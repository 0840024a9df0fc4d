"""The field reference page: complete, correct examples, escaped, and part of the site."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter

from conftest import MINIMAL
from generator import model as m
from generator.loader import load_campaign
from generator.reference import reference
from generator.render import render_site


def all_fields() -> list[tuple[str, str, Any]]:
    models: list[type[BaseModel]] = [m.Concern, *m.FILE_MODELS.values()]
    seen: dict[str, tuple[str, str, Any]] = {}
    while models:
        model = models.pop()
        for name, field in model.model_fields.items():
            seen.setdefault(f"{model.__name__}.{name}", (model.__name__, name, field))
            for arg in [field.annotation, *typing.get_args(field.annotation)]:
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    models.append(arg)
    return sorted(seen.values(), key=lambda item: item[:2])


FIELDS = all_fields()
IDS = [f"{model}.{name}" for model, name, _ in FIELDS]


def is_group(field: Any) -> bool:
    inner = [field.annotation, *typing.get_args(field.annotation)]
    return any(isinstance(a, type) and issubclass(a, BaseModel) for a in inner)


@pytest.mark.parametrize(("model", "name", "field"), FIELDS, ids=IDS)
def test_every_field_is_described(model: str, name: str, field: Any) -> None:
    assert field.description, f"add Field(description=...) to {model}.{name}"


# A group of fields (sections:, site:) needs no example: its own fields carry them.
VALUE_FIELDS = [item for item in FIELDS if not is_group(item[2]) or item[2].examples]


@pytest.mark.parametrize(
    ("model", "name", "field"), VALUE_FIELDS, ids=[f"{m}.{n}" for m, n, _ in VALUE_FIELDS]
)
def test_every_value_field_has_a_valid_example(model: str, name: str, field: Any) -> None:
    assert field.examples, f"add Field(examples=[...]) to {model}.{name}"
    annotation = (
        Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    )
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for example in field.examples:
        adapter.validate_python(example)


def fields_page() -> str:
    return str(render_site(load_campaign(MINIMAL)).files["maintainers/fields.md"])


def test_page_has_a_row_for_every_field_of_every_file() -> None:
    page = fields_page()
    files = reference()
    assert [f.file for f in files][:2] == ["concerns/<slug>.yml", "campaign.yml"]
    for doc in files:
        assert f"{{ #{doc.anchor} " in page
        for row in doc.fields:
            assert f'<tr id="{row.anchor}"><th scope="row"><code>{row.path}</code>' in page
    anchors = [row.anchor for doc in files for row in doc.fields]
    assert len(anchors) == len(set(anchors))


@pytest.mark.parametrize(
    "row",
    [
        '<tr id="concern-summary"><th scope="row"><code>summary</code></th>'
        "<td>one line of text, up to 300 characters</td><td>required</td>"
        "<td>One plain sentence.</td><td><code>summary: The safeguards article leaves out key "
        "protections.</code></td></tr>",
        '<tr id="concern-order"><th scope="row"><code>order</code></th><td>whole number</td>'
        "<td>optional (default: 100)</td><td>Position in lists; lower comes first.</td>"
        "<td><code>order: 10</code></td></tr>",
        '<tr id="concern-fixes"><th scope="row"><code>fixes</code></th>'
        "<td>list of slugs (lowercase-words-with-hyphens); at least 1</td><td>required</td>"
        "<td>Ids of recommendations in recommendations.yml.</td>"
        "<td><code>fixes: [judicial-authorisation, notify-people]</code></td></tr>",
        '<tr id="concern-assessment-status"><th scope="row"><code>assessment.status</code></th>'
        "<td>one of: not-addressed, partly-addressed, addressed, not-yet-assessed</td>"
        "<td>required</td><td>Whether the adopted text addresses the concern.</td>"
        "<td><code>status: not-addressed</code></td></tr>",
        '<tr id="sources-sources-date"><th scope="row"><code>sources[].date</code></th>'
        "<td>date: YYYY-MM-DD, or YYYY-MM / YYYY if the day is not known</td><td>optional</td>"
        "<td>When it was published; leave out only when the source gives no date.</td>"
        "<td><code>date: 2024-07</code></td></tr>",
        '<tr id="action-contacts-email"><th scope="row"><code>contacts[].email</code></th>'
        "<td>email address</td><td>required</td><td>A public email address.</td>"
        "<td><code>email: person@example.org</code></td></tr>",
        '<tr id="campaign-site-example"><th scope="row"><code>site.example</code></th>'
        "<td>true or false</td><td>optional (default: false)</td>",
    ],
)
def test_rows_say_type_requirement_and_example(row: str) -> None:
    """Each example is the campaign's own value for the field (the minimal fixture's)."""
    assert row in fields_page()


def test_a_field_the_campaign_leaves_empty_shows_no_example() -> None:
    """The model's own examples (a made-up treaty's dates, example.org addresses) would read
    as the campaign's facts on its site: a field the campaign does not fill shows none."""
    page = fields_page()
    assert (
        '<tr id="campaign-site-repository"><th scope="row"><code>site.repository</code></th>'
        in page
    )
    row = page.split('<tr id="campaign-site-repository">')[1].split("</tr>")[0]
    assert row.endswith("<td></td>")
    assert "policy@example.org" not in page  # the model's example for contacts[].email
    assert "14 March 2025" not in page


def test_a_long_text_is_shown_by_its_first_words(campaign: Path) -> None:
    path = campaign / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    long_about = "about: |\n " + " We are a coalition." * 10 + "\n\n  More below.\n"
    path.write_text(
        text.replace("about: This site is a test fixture.\n", long_about), encoding="utf-8"
    )
    page = str(render_site(load_campaign(campaign)).files["maintainers/fields.md"])
    row = page.split('<tr id="campaign-about">')[1].split("</tr>")[0]
    example = row.rsplit("<td><code>", 1)[1].removesuffix("</code></td>")
    assert example.startswith("about: We are a coalition. We are") and example.endswith(" …")
    assert len(example) < 100 and "More below" not in example


def test_content_of_the_page_is_escaped() -> None:
    page = fields_page()
    assert "concerns/&lt;slug&gt;\\.yml</span> { #concern " in page
    assert "<slug>" not in page
    assert "/concerns/&lt;slug&gt;/" in page


def test_built_site_has_the_maintainer_pages(minimal_site: Path) -> None:
    fields = (minimal_site / "maintainers/fields/index.html").read_text(encoding="utf-8")
    assert '<h1 id="top">Field reference</h1>' in fields
    assert 'id="concern-last-reviewed"' in fields
    index = (minimal_site / "maintainers/index.html").read_text(encoding="utf-8")
    assert 'href="../maintainers/fields/"' in index
    about = (minimal_site / "about/index.html").read_text(encoding="utf-8")
    assert 'href="../maintainers/"' in about
