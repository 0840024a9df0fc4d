"""The generator's own Spanish words address the reader as "usted" (formal), everywhere."""

from __future__ import annotations

from pathlib import Path

import yaml
from register import informal

LOCALE = Path(__file__).resolve().parents[1] / "generator" / "locales" / "es.yml"


def _values(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for child in value.values() for text in _values(child)]
    return [value] if isinstance(value, str) else []


def test_the_spanish_ui_says_usted() -> None:
    strings = yaml.safe_load(LOCALE.read_text(encoding="utf-8"))
    found = {text: informal(text) for text in _values(strings) if informal(text)}
    assert found == {}


def test_the_check_sees_tu() -> None:
    assert informal("Escribe a tu gobierno; dile al tuyo qué debe cambiar.") == [
        "Escribe",
        "tu",
        "dile",
        "tuyo",
    ]
    # The third person is no familiar imperative: "el tratado pide", "un gobierno actúa".
    assert informal("Un gobierno actúa y el tratado pide más. Pide a su gobierno…") == ["Pide"]
    assert informal("Escriba a su gobierno; dígale al suyo qué debe cambiar.") == []
