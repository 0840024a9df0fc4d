"""The loader on valid content and on every kind of broken content a maintainer can write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import ContentError, ContentIssue
from generator.loader import load_campaign


def issues_for(campaign: Path) -> list[ContentIssue]:
    with pytest.raises(ContentError) as info:
        load_campaign(campaign)
    return info.value.issues


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_valid_campaign_loads(campaign: Path) -> None:
    c = load_campaign(campaign)
    assert [x.slug for x in c.concerns] == ["weak-safeguards", "secret-interception"]
    assert c.concern("weak-safeguards").articles[0].article == 5
    assert c.source("test-source").date == "2024-07"


def test_yaml_syntax_error_names_file_and_line(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "title: Weak safeguards", "title: [Weak safeguards")
    [issue] = issues_for(campaign)
    assert issue.file == "concerns/weak-safeguards.yml"
    assert "YAML syntax error" in issue.message
    assert issue.line >= line_of(path, "title:")


def test_tab_indentation_gets_a_hint(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "  - article: 5", "\t- article: 5")
    [issue] = issues_for(campaign)
    assert issue.line == line_of(path, "- article: 5")
    assert "tab" in issue.hint


def test_duplicate_key(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "order: 10\n", "order: 10\ntitle: Again\n")
    [issue] = issues_for(campaign)
    assert issue.field == "title"
    assert issue.line == line_of(path, "title: Again")
    assert "duplicate key 'title'" in issue.message
    assert f"line {line_of(path, 'title: Weak')}" in issue.message


def test_wrong_type(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "order: 10", "order: first")
    [issue] = issues_for(campaign)
    assert (issue.field, issue.line) == ("order", line_of(path, "order:"))
    assert "whole number" in issue.message


def test_unknown_field_suggests_the_right_one(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "summary:", "sumary:")
    found = issues_for(campaign)
    unknown = next(i for i in found if "unknown field" in i.message)
    assert unknown.field == "sumary"
    assert unknown.line == line_of(path, "sumary:")
    assert unknown.hint == "did you mean 'summary'?"
    missing = next(i for i in found if "missing" in i.message)
    assert missing.field == "summary"


def test_missing_nested_field_points_at_its_parent(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "  who_is_affected: Journalists, activists, everyone.\n", "")
    [issue] = issues_for(campaign)
    assert issue.field == "sections.who_is_affected"
    assert issue.line == line_of(path, "sections:")
    assert "required field 'who_is_affected' is missing" in issue.message


def test_not_utf8(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    path.write_bytes(path.read_bytes().replace(b"Weak safeguards", b"Weak safeguards \xe9t\xe9", 1))
    [issue] = issues_for(campaign)
    assert issue.line == line_of_bytes(path, b"\xe9")
    assert "UTF-8" in issue.message


def line_of_bytes(path: Path, needle: bytes) -> int:
    data = path.read_bytes()
    return data.count(b"\n", 0, data.index(needle)) + 1


def test_empty_file(campaign: Path) -> None:
    (campaign / "concerns/weak-safeguards.yml").write_text("# nothing yet\n", encoding="utf-8")
    found = issues_for(campaign)
    assert any(
        i.file == "concerns/weak-safeguards.yml" and i.message == "file holds only comments."
        for i in found
    )


def test_yaml_bomb_is_refused_without_expanding(campaign: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 12)]
    (campaign / "concerns/weak-safeguards.yml").write_text("\n".join(lines), encoding="utf-8")
    [issue] = issues_for(campaign)
    assert "aliases" in issue.message
    assert issue.line == 2


def test_huge_file_is_refused(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    path.write_text(path.read_text() + "# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    [issue] = issues_for(campaign)
    assert "limit" in issue.message


def test_top_level_list_is_refused(campaign: Path) -> None:
    (campaign / "concerns/weak-safeguards.yml").write_text("- a\n- b\n", encoding="utf-8")
    [issue] = issues_for(campaign)
    assert "'field: value' lines, but YAML reads it as a list." in issue.message


def test_duplicate_slug(campaign: Path) -> None:
    second = campaign / "concerns/secret-interception.yml"
    replace(second, "slug: secret-interception", "slug: weak-safeguards")
    found = issues_for(campaign)
    dup = next(i for i in found if "already used" in i.message)
    assert dup.file == "concerns/secret-interception.yml"
    assert dup.field == "slug"
    assert "concerns/weak-safeguards.yml" in dup.message


def test_slug_must_be_lowercase_hyphenated(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "slug: weak-safeguards", "slug: Weak_Safeguards")
    [issue] = issues_for(campaign)
    assert issue.field == "slug"
    assert "lowercase" in issue.hint


def test_reference_to_missing_article_suggests_one(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "  - article: 5", "  - article: 6")
    [issue] = issues_for(campaign)
    assert issue.field == "articles[0]"
    assert issue.line == line_of(path, "- article: 6")
    assert "no article '6'" in issue.message
    assert issue.hint.startswith("did you mean '5'?")


def test_reference_to_missing_concern(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "related: [secret-interception]", "related: [secret-intercepton]")
    [issue] = issues_for(campaign)
    assert issue.field == "related[0]"
    assert issue.hint == "did you mean 'secret-interception'?"


def test_reference_to_missing_source_and_recommendation(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "sources: [test-source]\nassessment", "sources: [nope]\nassessment")
    replace(path, "fixes: [judicial-authorisation,", "fixes: [judicial-authorization,")
    found = issues_for(campaign)
    assert {i.field for i in found} == {"sources[0]", "fixes[0]"}


@pytest.mark.parametrize(
    "url", ["http://example.org/x", "javascript:alert(1)", "/relative", "https://"]
)
def test_source_url_must_be_https(campaign: Path, url: str) -> None:
    path = campaign / "sources.yml"
    replace(path, "url: https://test.example.org/source", f"url: '{url}'")
    [issue] = issues_for(campaign)
    assert (issue.file, issue.field) == ("sources.yml", "sources[0].url")
    assert "https://" in issue.message


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", "20-11-2026"])
def test_date_must_be_a_date(campaign: Path, value: str) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    replace(path, "last_reviewed: 2026-11-20", f"last_reviewed: {value}")
    [issue] = issues_for(campaign)
    assert issue.field == "last_reviewed"
    assert issue.line == line_of(path, "last_reviewed:")


def test_every_error_of_every_file_in_one_run(campaign: Path) -> None:
    replace(campaign / "concerns/weak-safeguards.yml", "order: 10", "order: x")
    replace(campaign / "concerns/secret-interception.yml", "title:", "titel:")
    replace(campaign / "sources.yml", "date: 2024-07", "date: July")
    found = issues_for(campaign)
    assert {i.file for i in found} == {
        "concerns/weak-safeguards.yml",
        "concerns/secret-interception.yml",
        "sources.yml",
    }


def test_file_name_must_match_slug(campaign: Path) -> None:
    (campaign / "concerns/weak-safeguards.yml").rename(campaign / "concerns/weak.yml")
    [issue] = issues_for(campaign)
    assert "rename the file to concerns/weak-safeguards.yml" in issue.hint


def test_alias_cannot_take_another_concerns_slug(campaign: Path) -> None:
    replace(
        campaign / "concerns/weak-safeguards.yml",
        "aliases: [old-safeguards]",
        "aliases: [secret-interception]",
    )
    [issue] = issues_for(campaign)
    assert issue.field == "aliases[0]"


def test_missing_campaign_file(campaign: Path) -> None:
    (campaign / "articles.yml").unlink()
    found = issues_for(campaign)
    assert [i.file for i in found] == ["articles.yml"]


def test_issue_format_is_file_line_column_field_message() -> None:
    issue = ContentIssue("concerns/a.yml", 3, 5, "title", "bad.", "fix it.")
    assert re.fullmatch(r"concerns/a\.yml:3:5: title: bad\. Hint: fix it\.", str(issue))
