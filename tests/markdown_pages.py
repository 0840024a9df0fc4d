"""The Markdown pages the generator writes, as MkDocs hands them to Python-Markdown, and
Python-Markdown's conversion of them with MkDocs' settings: what the MkDocs adapter's
shortcuts (generator/html_blocks.py, generator/page_html.py) must reproduce exactly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest

from generator import bodies, pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# The extensions and settings MkDocs converts every page with: its own (toc, tables,
# fenced_code, in that order) and those the generator's configuration adds.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list"]
SETTINGS = {"toc": {"permalink": "#", "permalink_title": "Link to this section"}}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)

CAMPAIGNS = {
    "this campaign": ROOT,
    "example campaign": ROOT / "examples" / "example-campaign",
    "hostile": FIXTURES / "hostile",
    "multilingual": FIXTURES / "multilingual",
}


def generated_pages(content: Path) -> dict[str, str]:
    """Every Markdown page the generator writes for `content`, in every language, as
    MkDocs hands it to Python-Markdown (front matter taken off)."""
    with pytest.MonkeyPatch.context() as patch:
        # The hostile campaign's raw HTML is refused by `validate`; here it must reach the
        # pages, as it does in the site the safety tests build with that check off.
        patch.setattr(bodies, "check_docs", lambda *a, **k: [])
        loaded = pipeline.load(content)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    pages = {}
    for folder in outputs.trees:
        for name, data in outputs.files(folder).items():
            if name.endswith(".md"):
                text = data.decode("utf-8")
                pages[folder + name] = FRONT_MATTER.sub("", text).lstrip("\n")
    return pages


def python_markdown(extensions: list[Any] | None = None) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*EXTENSIONS, *(extensions or [])], extension_configs=SETTINGS
    )
