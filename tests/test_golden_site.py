"""The whole example site, page by page, against committed HTML: what readers see, reviewed.

Any change to a template, the theme, the renderer or the engine that changes a page of
examples/example-campaign shows as a diff under tests/golden/site/ in review. The HTML is
normalised only for what changes without anyone changing the site: the content hashes in
the theme's file names. The build's date is fixed with SOURCE_DATE_EPOCH. Refresh with
`make golden`, then read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from generator.linkcheck import check_site

EXAMPLE = ROOT / "examples/example-campaign"
GOLDEN = Path(__file__).parent / "golden/site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
EPOCH = "1795392000"  # 2026-11-23, the day the example was last reviewed
# The theme names its bundles by a hash of their content: main.57a0d79d.min.css.
THEME_HASH = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)\b")


def normalise(html: str) -> str:
    return THEME_HASH.sub(r".HASH.min.\1", html)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    result = run_cli("build", "--no-cache", "--content", EXAMPLE, "--site-dir", site, env=env)
    assert result.code == 0, result.err
    return site


def pages(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.html"))
    }


def test_every_page_of_the_example_site_is_as_committed(example_site: Path) -> None:
    built = {name: normalise(text) for name, text in pages(example_site).items()}
    if UPDATE:
        for stale in set(pages(GOLDEN)) - set(built) if GOLDEN.is_dir() else ():
            (GOLDEN / stale).unlink()
        for name, text in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    golden = pages(GOLDEN)
    assert sorted(built) == sorted(golden), "pages were added or removed: run `make golden`"
    changed = [name for name in built if built[name] != golden[name]]
    if changed:
        first = changed[0]
        diff = difflib.unified_diff(
            golden[first].splitlines(), built[first].splitlines(), "committed", "built", n=1
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            f"{len(changed)} page(s) differ from tests/golden/site/ ({', '.join(changed[:5])}"
            f"{', ...' if len(changed) > 5 else ''}); run `make golden` and review the diff."
            f"\n{first}:\n{shown}"
        )


def test_normalising_touches_only_the_theme_hashes() -> None:
    html = '<link href="assets/stylesheets/main.57a0d79d.min.css"><p>deadbeef.min.css</p>'
    assert normalise(html) == (
        '<link href="assets/stylesheets/main.HASH.min.css"><p>deadbeef.min.css</p>'
    )


def test_the_example_site_has_no_broken_link(example_site: Path) -> None:
    """It is served from a folder (example.org/example-campaign/), as a project on GitHub
    Pages is: its 404 page's absolute links must still resolve."""
    assert check_site(example_site).broken == []
