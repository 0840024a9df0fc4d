"""axe-core run inside a real page: the WCAG 2.0 and 2.1 rules, levels A and AA."""

from __future__ import annotations

from functools import cache
from typing import Any

from conftest import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _source() -> str:
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make browser-deps` (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Any) -> list[str]:
    """Every rule the page breaks, with up to five of the elements that break it."""
    # Evaluated by the test driver rather than added as a <script>: the page keeps
    # the same Content-Security-Policy a reader's browser enforces.
    page.evaluate(_source())
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
