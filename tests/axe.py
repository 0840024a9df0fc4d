"""axe-core run inside a real page: the WCAG 2.0 and 2.1 rules, levels A and AA.

The engine is the axe.min.js that the axe-playwright-python package ships (pinned in
requirements-dev.lock), so the tests need no Node.js. Only that file is used: it is
evaluated by the test driver, with the options below.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PACKAGE = "axe_playwright_python"


@cache
def source() -> str:
    """axe-core's script; a missing package is a failure that says how to install it."""
    try:
        script = resources.files(PACKAGE).joinpath("axe.min.js")
    except ModuleNotFoundError:
        raise AssertionError(
            f"axe-core is missing ({PACKAGE} is not installed): run `make install`"
        ) from None
    assert script.is_file(), f"axe-core is missing from {PACKAGE}: run `make install`"
    return script.read_text(encoding="utf-8")


def version() -> str:
    """The axe-core release the package ships, from the banner of its script."""
    found = re.match(r"/\*! axe v(\d+\.\d+\.\d+)", source())
    assert found, "axe.min.js has no version banner"
    return found.group(1)


def inject(page: Any) -> None:
    # Evaluated by the test driver rather than added as a <script>: the page keeps
    # the same Content-Security-Policy a reader's browser enforces.
    page.evaluate(source())


def violations(page: Any) -> list[str]:
    """Every rule the page breaks, with up to five of the elements that break it."""
    inject(page)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_A_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {n['failureSummary']}" for n in v["nodes"][:5])
        for v in result["violations"]
    ]
