"""import-status: a saved UN Treaty Collection status page updates countries.yml.

The fixture tests/fixtures/untc/status.html is written in the page's own layout: footnote
marks in names (as <sup> and glued to the name), the EU, a State with only a signature, an
accession, an acceptance and an approval, a name only the UN uses, a participant nobody
knows, and an impossible date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, MINIMAL, assert_clean_failure, run_cli
from generator.importer import parse_status_page, participant_code

STATUS = FIXTURES / "untc" / "status.html"
NO_TABLE = FIXTURES / "untc" / "no-table.html"


def entries(campaign: Path) -> dict[str, dict]:
    data = yaml.safe_load((campaign / "countries.yml").read_text(encoding="utf-8"))
    return {c["code"]: c for c in data["countries"]}


def actions(entry: dict) -> dict[str, dict]:
    return {a["type"]: a for a in entry["actions"]}


# -- reading the page --


def test_the_page_is_read_with_its_footnotes_suffixes_and_date() -> None:
    page = parse_status_page(STATUS.read_text(encoding="utf-8"))
    assert page.as_at == dt.date(2026, 11, 28)
    rows = {row.participant: row for row in page.rows}
    assert list(rows) == [
        "Brazil",
        "European Union",
        "France",
        "Mauritius",
        "Norway",
        "State of Palestine",
        "Atlantis",
        "Chile",
    ]
    assert rows["European Union"].code == "eu"
    assert rows["European Union"].instrument == ("approval", dt.date(2026, 11, 20))
    assert rows["Norway"].code == "no" and rows["Norway"].signature is None
    assert rows["Norway"].instrument == ("accession", dt.date(2026, 3, 2))
    assert rows["State of Palestine"].code == "ps"
    assert rows["State of Palestine"].instrument == ("acceptance", dt.date(2026, 5, 5))
    assert rows["Brazil"].instrument == ("ratification", dt.date(2026, 9, 10))
    assert rows["Mauritius"].signature == dt.date(2025, 11, 19) and not rows["Mauritius"].instrument
    assert rows["Atlantis"].code is None and rows["Atlantis"].problems
    assert "not a real date" in rows["Chile"].problems[0]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Viet Nam", "vn"),
        ("Türkiye", "tr"),
        ("Czechia", "cz"),
        ("Côte d'Ivoire", "ci"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Democratic Republic of the Congo", "cd"),
        ("Congo", "cg"),
        ("Iran (Islamic Republic of)", "ir"),
        ("United Kingdom of Great Britain and Northern Ireland", "gb"),
        ("Saint Vincent and the Grenadines", "vc"),
        ("Bosnia and Herzegovina", "ba"),
        ("Myanmar", "mm"),
        ("European Union", "eu"),
    ],
)
def test_un_participant_names_map_to_codes(name: str, code: str) -> None:
    assert participant_code(name) == code


def test_a_page_without_the_participants_table_changes_nothing(campaign: Path) -> None:
    before = (campaign / "countries.yml").read_bytes()
    result = run_cli("import-status", NO_TABLE, "--content", campaign)
    assert_clean_failure(result)
    assert "no table with a 'Participant' column" in result.err
    assert (campaign / "countries.yml").read_bytes() == before


# -- updating countries.yml --


def test_import_adds_confirms_and_dates_without_deleting(campaign: Path) -> None:
    result = run_cli("import-status", STATUS, "--content", campaign)
    # Two rows could not be read: the command says so and fails, having applied the rest.
    assert result.code == 1, result.err
    assert "row 7 (Atlantis)" in result.out and "row 8 (Chile)" in result.out
    got = entries(campaign)
    assert sorted(got) == ["br", "eu", "fr", "mu", "no", "ps", "us"]  # nothing deleted
    # A reported signature becomes confirmed, citing the authority as well.
    eu = actions(got["eu"])
    assert eu["signature"]["confirmation"] == "confirmed"
    assert eu["signature"]["sources"] == ["second-source", "test-source"]
    # A new instrument is added as confirmed, with the page as source.
    assert eu["approval"] == {
        "type": "approval",
        "date": dt.date(2026, 11, 20),
        "confirmation": "confirmed",
        "sources": ["test-source"],
    }
    # An unconfirmed instrument gets its date and is confirmed; its note is left alone.
    ratification = actions(got["br"])["ratification"]
    assert ratification["confirmation"] == "confirmed"
    assert ratification["date"] == dt.date(2026, 9, 10)
    assert ratification["note"] == "A ratification law was reported; its deposit is not confirmed."
    assert "br Brazil: its ratification is now confirmed; read its note" in result.out
    # New entries: a signature only, an accession only (Norway's code quoted), both.
    assert list(actions(got["mu"])) == ["signature"]
    assert actions(got["no"])["accession"]["date"] == dt.date(2026, 3, 2)
    assert list(actions(got["ps"])) == ["signature", "acceptance"]
    # Every listed or consistent entry is checked on the page's date; notes and contacts stay.
    assert {c["checked"] for c in got.values()} == {dt.date(2026, 11, 28)}
    assert (
        got["us"]["contacts"]
        == yaml.safe_load((MINIMAL / "countries.yml").read_text(encoding="utf-8"))["countries"][3][
            "contacts"
        ]
    )
    assert got["us"]["note"] == "Reported as not having signed."
    assert run_cli("validate", "--content", campaign).code == 0


def test_comments_and_layout_survive(campaign: Path) -> None:
    original = (campaign / "countries.yml").read_text(encoding="utf-8").splitlines()
    run_cli("import-status", STATUS, "--content", campaign)
    updated = (campaign / "countries.yml").read_text(encoding="utf-8").splitlines()
    assert updated[:2] == original[:2]  # the schema line and the comment
    comments = [line for line in original if line.lstrip().startswith("#")]
    assert [line for line in updated if line.lstrip().startswith("#")] == comments
    # Lines the import had no reason to touch are byte for byte the same, in order.
    edited = ("checked:", "confirmation:", "sources: [second-source]")
    untouched = [line for line in original if not any(key in line for key in edited)]
    kept = iter(updated)
    assert all(any(line == other for other in kept) for line in untouched)
    # New entries are in code order, like the rest of the file.
    codes = [line.split("code:")[1].strip(' "') for line in updated if "- code:" in line]
    assert codes == sorted(codes)


def test_the_file_keeps_its_permissions(campaign: Path) -> None:
    countries = campaign / "countries.yml"
    countries.chmod(0o664)
    run_cli("import-status", STATUS, "--content", campaign)
    assert countries.stat().st_mode & 0o777 == 0o664


def test_running_it_again_changes_nothing(campaign: Path) -> None:
    run_cli("import-status", STATUS, "--content", campaign)
    once = (campaign / "countries.yml").read_bytes()
    again = run_cli("import-status", STATUS, "--content", campaign)
    assert "nothing to change" in again.out
    assert (campaign / "countries.yml").read_bytes() == once


def test_dry_run_writes_nothing(campaign: Path) -> None:
    before = (campaign / "countries.yml").read_bytes()
    result = run_cli("import-status", STATUS, "--content", campaign, "--dry-run")
    assert "dry run: nothing written" in result.out
    assert "new entry  mu" in result.out
    assert (campaign / "countries.yml").read_bytes() == before


def test_disagreements_are_reported_not_overwritten(campaign: Path) -> None:
    path = campaign / "countries.yml"
    text = path.read_text(encoding="utf-8")
    # France's ratification is confirmed in the file on another day than the page says.
    path.write_text(text.replace("date: 2025-02-03", "date: 2025-02-04"), encoding="utf-8")
    result = run_cli("import-status", STATUS, "--content", campaign)
    assert (
        "fr France: the file has a confirmed ratification on 2025-02-04, the page "
        "ratification on 2025-02-03." in result.out
    )
    assert actions(entries(campaign)["fr"])["ratification"]["date"] == dt.date(2025, 2, 4)


def test_a_signature_the_page_does_not_list_is_flagged(campaign: Path) -> None:
    page = STATUS.read_text(encoding="utf-8").replace(
        "<tr><td>France<sup>2,3</sup></td><td>1 Jul 2024</td><td>3 Feb 2025</td></tr>", ""
    )
    saved = campaign / "saved.html"
    saved.write_text(page, encoding="utf-8")
    result = run_cli("import-status", saved, "--content", campaign)
    assert "fr France: the file has a confirmed ratification and signature that the page" in (
        result.out
    )
    assert entries(campaign)["fr"]["checked"] == dt.date(2026, 11, 20)  # not checked


def test_date_comes_from_the_option_before_the_page(campaign: Path) -> None:
    result = run_cli("import-status", STATUS, "--content", campaign, "--date", "2026-11-29")
    assert "as of 2026-11-29 (--date)" in result.out
    assert entries(campaign)["mu"]["checked"] == dt.date(2026, 11, 29)


def test_a_page_dated_in_the_future_is_refused(campaign: Path) -> None:
    before = (campaign / "countries.yml").read_bytes()
    result = run_cli("import-status", STATUS, "--content", campaign, "--date", "2999-01-01")
    assert_clean_failure(result)
    assert "is after today" in result.err
    assert (campaign / "countries.yml").read_bytes() == before


def test_an_invalid_campaign_is_not_edited(campaign: Path) -> None:
    (campaign / "sources.yml").write_text("sources: [", encoding="utf-8")
    before = (campaign / "countries.yml").read_bytes()
    result = run_cli("import-status", STATUS, "--content", campaign)
    assert_clean_failure(result)
    assert "sources.yml:1:" in result.err
    assert (campaign / "countries.yml").read_bytes() == before


def test_a_campaign_without_countries_is_told_how_to_start(campaign: Path) -> None:
    (campaign / "countries.yml").unlink()
    result = run_cli("import-status", STATUS, "--content", campaign)
    assert_clean_failure(result, code=2)
    assert "countries: []" in result.err


def test_a_flow_style_entry_is_left_to_a_person(campaign: Path) -> None:
    path = campaign / "countries.yml"
    text = path.read_text(encoding="utf-8")
    flow = (
        "  - {code: eu, actions: [{type: signature, date: 2024-07-01, "
        "confirmation: reported, sources: [second-source]}], checked: 2026-11-20}\n"
    )
    start = text.index("  - code: eu")
    end = text.index("  - code: fr")
    path.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("import-status", STATUS, "--content", campaign)
    assert_clean_failure(result)
    assert "edit it by hand" in result.err
    assert path.read_bytes() == before


def _page(rows: str) -> str:
    return (
        "<html><body><div>STATUS AS AT : 28-11-2026</div><table><tr><td>Participant</td>"
        "<td>Signature</td><td>Ratification, Acceptance(A), Approval(AA), Accession(a)</td></tr>"
        f"{rows}</table></body></html>"
    )


def test_a_page_saved_before_its_table_filled_is_refused(campaign: Path, tmp_path: Path) -> None:
    """An empty table used to pass as 'nothing to change', with every entry to check by hand."""
    page = tmp_path / "status.html"
    page.write_text(_page(""), encoding="utf-8")
    before = (campaign / "countries.yml").read_bytes()
    result = run_cli("import-status", page, "--content", campaign)
    assert_clean_failure(result)
    assert result.err.startswith("error: the page's Participant table has no rows")
    assert (campaign / "countries.yml").read_bytes() == before


def test_a_state_listed_twice_is_left_to_a_person(campaign: Path, tmp_path: Path) -> None:
    """Two rows for one State used to end in an error about a line of a file nobody sees."""
    page = tmp_path / "status.html"
    rows = (
        "<tr><td>Norway</td><td>25 Oct 2025</td><td></td></tr>"
        "<tr><td>Norway<sup>2</sup></td><td>26 Oct 2025</td><td></td></tr>"
        "<tr><td>Mauritius</td><td>19 Nov 2025</td><td></td></tr>"
    )
    page.write_text(_page(rows), encoding="utf-8")
    result = run_cli("import-status", page, "--content", campaign)
    assert result.code == 1, result.err
    assert "row 1 (Norway): the page lists Norway again in row 2" in result.out
    assert "row 2 (Norway): the page lists Norway again in row 1" in result.out
    assert "no" not in entries(campaign)
    assert list(actions(entries(campaign)["mu"])) == ["signature"]  # the rest is applied


def test_windows_line_endings_are_kept(campaign: Path, tmp_path: Path) -> None:
    """A file saved with CRLF used to come back all LF: a diff of every line."""
    path = campaign / "countries.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    page = tmp_path / "status.html"
    page.write_text(_page("<tr><td>Mauritius</td><td>19 Nov 2025</td><td></td></tr>"), "utf-8")
    result = run_cli("import-status", page, "--content", campaign)
    assert result.code == 0, result.err
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"  - code: mu\r\n" in raw
