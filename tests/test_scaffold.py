"""`new concern`: a file that validates at once, builds into a page, and never overwrites."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, build, run_cli
from generator.loader import load_campaign
from generator.scaffold import new_concern
from generator.schema import MODELINE_PREFIX
from generator.slugs import slugify

TODAY = {"TX_TODAY": "2026-11-23"}


def test_new_concern_validates_and_builds_into_a_page(campaign: Path, tmp_path: Path) -> None:
    result = run_cli(
        "new", "concern", "Forced decryption of phones", "--content", campaign, env=TODAY
    )
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Wrote concerns/forced-decryption-of-phones.yml"
    path = campaign / "concerns/forced-decryption-of-phones.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE_PREFIX)
    assert "\nlast_reviewed: 2026-11-23\n" in text
    assert "\norder: 30\n" in text  # after the existing concerns (10 and 20)

    validated = run_cli("validate", "--content", campaign)
    assert validated.code == 0, validated.err
    assert validated.out.startswith("OK: 3 concerns")

    site = build(campaign, tmp_path / "site")
    page = (site / "concerns/forced-decryption-of-phones/index.html").read_text(encoding="utf-8")
    assert '<h1 id="top">Forced decryption of phones</h1>' in page
    listing = (site / "concerns/index.html").read_text(encoding="utf-8")
    assert 'href="../concerns/forced-decryption-of-phones/"' in listing


def test_placeholders_are_the_campaigns_first_ids(campaign: Path) -> None:
    path = new_concern(campaign, "Placeholders", dt.date(2026, 1, 2))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["articles"] == [{"article": 5}]
    assert data["fixes"] == ["judicial-authorisation"]
    assert data["sources"] == ["test-source"]
    assert data["last_reviewed"] == dt.date(2026, 1, 2)


def test_refuses_to_overwrite(campaign: Path) -> None:
    path = campaign / "concerns/weak-safeguards.yml"
    before = path.read_bytes()
    result = run_cli("new", "concern", "Weak safeguards", "--content", campaign)
    assert result.code == 1
    assert result.err == (
        "error: concerns/weak-safeguards.yml already exists; nothing was written. "
        "Hint: edit that file, or choose another address with --slug.\n"
    )
    assert path.read_bytes() == before


def test_refuses_an_address_another_concern_keeps_as_alias(campaign: Path) -> None:
    result = run_cli("new", "concern", "Old safeguards", "--content", campaign)
    assert result.code == 1
    assert "'old-safeguards' is already an address of concerns/weak-safeguards.yml" in result.err
    assert not (campaign / "concerns/old-safeguards.yml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["!!!"], "error: the title has no letters or digits to make an address from."),
        (["Fine", "--slug", "Not A Slug"], "error: 'Not A Slug' is not a valid slug."),
        (["Fine", "--date", "23/11/2026"], "error: '23/11/2026' is not a date."),
        (["x" * 301], "error: title: is 301 characters long; the limit is 300."),
        (["Fine", "--bogus"], "usage:"),
    ],
)
def test_usage_errors_write_nothing(campaign: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in (campaign / "concerns").iterdir())
    result = run_cli("new", "concern", *args, "--content", campaign)
    assert result.code == 2
    assert result.err.startswith(message)
    assert "Traceback" not in result.err
    assert sorted(p.name for p in (campaign / "concerns").iterdir()) == before


@pytest.mark.parametrize(
    "title",
    [
        "yes",
        "null",
        "10",
        "Weak: safe # not a comment",
        'It\'s "quoted"',
        "Überwachung – ohne Richter",
    ],
)
def test_any_title_survives_the_round_trip(campaign: Path, title: str) -> None:
    path = new_concern(campaign, title, dt.date(2026, 11, 23))
    loaded = load_campaign(campaign)
    assert loaded.concern(path.stem).title == title


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Forced decryption: yes, really!", "forced-decryption-yes-really"),
        ("Überwachung ohne Richter", "uberwachung-ohne-richter"),
        ("  Article 28(4)  and   more ", "article-28-4-and-more"),
        ("Secret -- interception", "secret-interception"),
    ],
)
def test_slug_from_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("word " * 30)
    assert len(slug) <= 80
    assert slug.endswith("-word")


def test_date_option_beats_environment(campaign: Path) -> None:
    result = run_cli(
        "new", "concern", "Dated", "--date", "2025-01-31", "--content", campaign, env=TODAY
    )
    assert result.code == 0, result.err
    assert "\nlast_reviewed: 2025-01-31\n" in (campaign / "concerns/dated.yml").read_text()


def test_scaffold_points_editors_at_the_repository_schema(tmp_path: Path) -> None:
    """A repository with its campaign in a subfolder and schema/ at the root."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(ROOT / "schema", repo / "schema")
    shutil.copytree(ROOT / "tests/fixtures/minimal", repo / "content")
    path = new_concern(repo / "content", "Editor check", dt.date(2026, 11, 23))
    first, *_ = path.read_text(encoding="utf-8").splitlines()
    assert first == f"{MODELINE_PREFIX}../../schema/concern.schema.json"
    schema_file = path.parent / first.removeprefix(MODELINE_PREFIX)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_without_a_schema_folder_the_modeline_assumes_one_next_to_the_content(
    campaign: Path,
) -> None:
    path = new_concern(campaign, "No schema here", dt.date(2026, 11, 23))
    assert path.read_text(encoding="utf-8").startswith(
        f"{MODELINE_PREFIX}../schema/concern.schema.json\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Index"],
            "error: 'index' is a name the site uses for its own pages; nothing was written. "
            "Hint: choose another address with --slug, e.g. --slug index-concern.",
        ),
        (
            ["Fine", "--slug", "search"],
            "error: 'search' is a name the site uses for its own pages; nothing was written.",
        ),
        (
            ["حماية الصحفيين"],
            "error: an address is made of the letters a-z, digits and hyphens, and the title has "
            "none of them to make one from. Hint: choose the address with --slug, e.g. "
            "--slug forced-decryption.",
        ),
        (
            ["Fine", "--date", "2999-01-01"],
            "error: --date 2999-01-01 is in the future; nothing was written.",
        ),
    ],
)
def test_a_file_that_could_not_validate_is_never_written(
    campaign: Path, args: list[str], message: str
) -> None:
    """A reserved slug or a future date used to be written, then fail validation."""
    before = sorted(p.name for p in (campaign / "concerns").iterdir())
    result = run_cli("new", "concern", *args, "--content", campaign)
    assert result.code == 2
    assert result.err.startswith(message)
    assert sorted(p.name for p in (campaign / "concerns").iterdir()) == before


def test_no_concern_is_started_outside_a_campaign(tmp_path: Path) -> None:
    """Run in the wrong folder, `new concern` used to start a concerns/ folder there."""
    result = run_cli("new", "concern", "Stray", "--content", tmp_path)
    assert result.code == 2
    assert "is not a campaign folder" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_sound_new_file_stays_when_another_file_has_an_error(campaign: Path) -> None:
    """The campaign's own errors are listed as `validate` lists them, never blamed on the
    new file, and never said to have stopped a build."""
    broken = campaign / "concerns/secret-interception.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("article: 9", "article: 99"))
    result = run_cli("new", "concern", "Forced decryption", "--content", campaign, env=TODAY)
    assert result.code == 1
    assert result.out == "Wrote concerns/forced-decryption.yml\n"
    assert result.err.splitlines() == [
        "concerns/secret-interception.yml:7:5: articles[0]: no article '99' in articles.yml. "
        "Hint: did you mean '9'?",
        "1 error in other files, none in the new one: fix it before the site can be built "
        "(the new file is checked against the rest once the others read cleanly).",
    ]
    assert (campaign / "concerns/forced-decryption.yml").is_file()
    validated = run_cli("validate", "--content", campaign)
    assert validated.err.splitlines()[:-1] == result.err.splitlines()[:-1]


def test_nothing_is_written_while_the_campaign_has_nothing_to_point_at(campaign: Path) -> None:
    """With no recommendation yet, the new file would name one that does not exist."""
    (campaign / "recommendations.yml").write_text("groups: []\n", encoding="utf-8")
    before = sorted(p.name for p in (campaign / "concerns").iterdir())
    result = run_cli("new", "concern", "Forced decryption", "--content", campaign)
    assert result.code == 1
    assert result.err.startswith(
        "error: recommendations.yml has nothing a concern can point at yet; nothing was written."
    )
    assert sorted(p.name for p in (campaign / "concerns").iterdir()) == before


def test_a_new_file_that_fails_with_the_rest_is_taken_back(
    campaign: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should the scaffold ever point at something the campaign lacks, no broken file is
    left behind for the next `validate` to trip over."""
    from generator import cli, scaffold

    lacking = scaffold.Placeholders(article=404, fix="judicial-authorisation", source="test-source")
    monkeypatch.setattr(scaffold, "placeholders", lambda _content: lacking)
    before = sorted(p.name for p in (campaign / "concerns").iterdir())
    assert cli.main(["new", "concern", "Forced decryption", "--content", str(campaign)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "concerns/forced-decryption.yml:" in err
    assert err.splitlines()[-1] == (
        "1 error found; concerns/forced-decryption.yml would not validate with the rest, "
        "so nothing was written."
    )
    assert sorted(p.name for p in (campaign / "concerns").iterdir()) == before
