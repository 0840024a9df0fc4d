"""This campaign's Arabic pages keep every Latin run in reading order, and set their own text
right to left (see tests/test_browser_bidi.py, which runs the same checks on the multilingual
fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser_bidi import rtl_text_set_ltr, unisolated_runs

from browser import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    with serve_directory(real_site) as url:
        yield url


def test_arabic_pages_keep_latin_runs_in_order(page: Any, real_site: Path, real_url: str) -> None:
    if not (real_site / "ar").is_dir():
        pytest.skip("this campaign has no Arabic edition")
    problems = unisolated_runs(page, real_url, real_site)
    assert not problems, f"{len(problems)} unisolated runs:\n" + "\n".join(problems[:60])


def test_arabic_text_is_laid_out_right_to_left(page: Any, real_site: Path, real_url: str) -> None:
    if not (real_site / "ar").is_dir():
        pytest.skip("this campaign has no Arabic edition")
    problems = rtl_text_set_ltr(page, real_url, real_site)
    assert not problems, f"{len(problems)} blocks:\n" + "\n".join(problems[:60])
