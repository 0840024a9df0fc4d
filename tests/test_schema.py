"""Editor help: the committed JSON Schemas, the files that point at them, and VS Code's mapping."""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import MINIMAL, ROOT
from generator.schema import MODELINE_PREFIX, dumps, schema_stem, schemas

SCHEMA_DIR = ROOT / "schema"
FIXTURE_FILES = sorted(p for p in MINIMAL.rglob("*.yml"))


class _Yaml12Loader(yaml.SafeLoader):
    """Reads dates as text, as YAML 1.2 editors (and their schema checks) do."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)


def validator(stem: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{stem}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_are_up_to_date() -> None:
    expected = {f"{stem}.schema.json": dumps(schema) for stem, schema in schemas().items()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert set(committed) == set(expected), "run `make schema` and commit schema/"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"out of date: {stale}; run `make schema` and commit schema/"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.relative_to(MINIMAL).as_posix())
def test_valid_content_passes_its_schema(path: Path) -> None:
    stem = schema_stem(path.relative_to(MINIMAL).as_posix())
    assert stem is not None
    errors = [e.message for e in validator(stem).iter_errors(editor_view(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("summary:", "sumary:", "'sumary' was unexpected"),
        ("status: not-addressed", "status: not-adressed", "'not-adressed' is not one of"),
        ("slug: weak-safeguards", "slug: Weak_Safeguards", "does not match"),
        ("last_reviewed: 2026-11-20", "last_reviewed: 2026-20-11", "is not a 'date'"),
    ],
)
def test_editor_flags_typical_mistakes(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = tmp_path / "concern.yml"
    path.write_text(
        (MINIMAL / "concerns/weak-safeguards.yml").read_text(encoding="utf-8").replace(old, new),
        encoding="utf-8",
    )
    messages = [e.message for e in validator("concern").iter_errors(editor_view(path))]
    assert any(expected in m for m in messages), messages


def test_a_bare_year_is_a_valid_date_for_editors_too() -> None:
    assert validator("sources").is_valid(
        {
            "sources": [
                {"id": "a", "title": "T", "publisher": "P", "date": 2024, "url": "https://x.org"}
            ]
        }
    )


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.relative_to(MINIMAL).as_posix())
def test_every_content_file_starts_with_its_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE_PREFIX)
    target = (path.parent / first.removeprefix(MODELINE_PREFIX)).resolve()
    stem = schema_stem(path.relative_to(MINIMAL).as_posix())
    assert target == (SCHEMA_DIR / f"{stem}.schema.json").resolve()


def test_vscode_maps_every_content_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    assert {(ROOT / p).resolve() for p in mapping} == {
        p.resolve() for p in SCHEMA_DIR.glob("*.json")
    }
    for path in FIXTURE_FILES:
        rel = path.relative_to(MINIMAL).as_posix()
        matched = [s for s, globs in mapping.items() if any(fnmatch.fnmatch(rel, g) for g in globs)]
        assert matched == [f"./schema/{schema_stem(rel)}.schema.json"], rel
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
