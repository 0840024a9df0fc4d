"""CONTRIBUTING.md stays true: its commands exist, its examples are valid, its error is real."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator import model as m
from generator.cli import COMMANDS, main

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def code_blocks(lang: str) -> list[str]:
    """Fenced blocks of one language ('' for plain ones), indented ones included."""
    fences = re.findall(r"^ *```(\w*)\n(.*?)^ *```$", GUIDE, flags=re.DOTALL | re.MULTILINE)
    return [body for found, body in fences if found == lang]


def test_every_make_target_and_command_it_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z-]+)", GUIDE))
    assert named and named <= targets, named - targets
    commands = set(re.findall(r"python -m generator ([a-z][a-z-]*)", GUIDE))
    assert commands and commands <= set(COMMANDS), commands - set(COMMANDS)


def test_the_yaml_primer_uses_real_concern_fields() -> None:
    primer = yaml.safe_load(code_blocks("yaml")[0])
    assert set(primer) <= set(m.Concern.model_fields)
    assert primer["articles"] == [{"article": 28, "paragraph": "4"}]
    assert set(primer["sections"]) <= set(m.Sections.model_fields)


def test_the_source_example_is_a_valid_source() -> None:
    block = next(b for b in code_blocks("yaml") if "publisher:" in b)
    [source] = yaml.safe_load(textwrap.dedent(block))
    m.Source.model_validate(source)


def test_the_country_example_is_a_valid_entry() -> None:
    block = next(b for b in code_blocks("yaml") if "- code: fr" in b)
    [entry] = yaml.safe_load(textwrap.dedent(block))
    country = m.Country.model_validate(entry)
    assert country.actions[0].type == "signature"


def test_the_country_contact_example_is_valid() -> None:
    block = next(b for b in code_blocks("yaml") if b.lstrip().startswith("contacts:"))
    [contact] = yaml.safe_load(textwrap.dedent(block))["contacts"]
    assert m.CountryContact.model_validate(contact).url


def test_the_calendar_example_is_valid() -> None:
    block = next(b for b in code_blocks("yaml") if "calendar:" in b)
    calendar = m.TreatyCalendar.model_validate(yaml.safe_load(textwrap.dedent(block))["calendar"])
    assert calendar.signature_closes.isoformat() == "2026-12-31"


def test_every_ask_it_lists_is_one_the_site_picks_from() -> None:
    listed = set(re.findall(r"^\| `(\w+)` \| ", GUIDE, flags=re.MULTILINE))
    assert set(m.Asks.model_fields) <= listed


def test_the_rename_example_is_valid() -> None:
    block = next(b for b in code_blocks("yaml") if "aliases:" in b)
    data = yaml.safe_load(textwrap.dedent(block))
    assert data == {"slug": "new-slug", "aliases": ["old-slug"]}


def test_the_error_it_explains_is_what_validate_prints(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [shown] = [b.strip() for b in code_blocks("") if ": order: " in b]
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("order: 10", "order: ten"))
    assert main(["validate", "--content", str(campaign)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == shown


def test_readme_links_the_guide() -> None:
    assert "(CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
