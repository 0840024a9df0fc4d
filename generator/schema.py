"""JSON Schema for every content file, derived from the model (never written by hand)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import CONCERNS_DIR, FILE_MODELS, Concern

SCHEMA_DIR_NAME = "schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File stem -> JSON Schema, e.g. 'concern' -> schema of concerns/<slug>.yml."""
    models: dict[str, tuple[type[BaseModel], str]] = {
        Path(name).stem: (model, name) for name, model in FILE_MODELS.items()
    }
    models["concern"] = (Concern, f"{CONCERNS_DIR}/<slug>.yml")
    out = {}
    for stem, (model, file_name) in models.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{file_name} ({model.__name__})"
        out[stem] = schema
    return out


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, schema in schemas().items():
        path = out_dir / f"{stem}.schema.json"
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def print_schemas() -> None:
    print(json.dumps(schemas(), indent=2, ensure_ascii=False, sort_keys=True))


MODELINE_PREFIX = "# yaml-language-server: $schema="


def schema_stem(relative_file: str) -> str | None:
    """Which schema a content file follows: 'concerns/x.yml' -> 'concern'."""
    path = Path(relative_file)
    if path.parent.as_posix() == CONCERNS_DIR and path.suffix in {".yml", ".yaml"}:
        return "concern"
    if path.parent == Path(".") and path.name in FILE_MODELS:
        return path.stem
    return None


def modeline(file: Path, schema_dir: Path, stem: str) -> str:
    """The first line that points YAML editors at the file's schema, by relative path."""
    target = os.path.relpath(schema_dir / f"{stem}.schema.json", file.parent)
    return MODELINE_PREFIX + Path(target).as_posix()
