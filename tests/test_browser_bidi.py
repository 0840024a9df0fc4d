"""Right-to-left pages keep every left-to-right run in reading order.

In an Arabic page, a name, an acronym, a citation or a web address written in Latin
script must be isolated (an element with its own `dir`, or <bdi>) together with its
brackets; otherwise the bidirectional algorithm lays the punctuation around it out
right to left: "[United Nations Treaty Collection]" turns into "United]" ...
"[Nations Treaty Collection". This walks every right-to-left page of a built site and
reads each paragraph as the browser's bidi algorithm does: text of inline elements
belongs to the paragraph, an isolated element or inline block counts as one neutral
character, a block starts a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# For each visible paragraph whose computed direction is rtl: the Latin-script runs (Latin
# letters with the digits, spaces and punctuation around them, up to the next right-to-left
# letter or isolate) that start or end with punctuation, or are followed by punctuation.
FIND_UNISOLATED_RUNS = r"""
() => {
  const LATIN = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/;
  const RUN = /[^\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\uFFFC\n]+/g;
  const PUNCT = /[\p{P}\p{S}]/u;
  const ISOLATING = new Set(["isolate", "isolate-override", "plaintext"]);
  const found = [];

  const shown = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });

  // The paragraph text of `el` as its bidi algorithm reads it; nested paragraphs go to
  // `later` to be read on their own.
  function read(el, later) {
    let text = "";
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        text += node.data;
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"].includes(node.tagName)) continue;
        const style = getComputedStyle(node);
        if (style.display === "none") continue;
        if (node.tagName === "BR") { text += "\n"; continue; }
        const inline = style.display === "inline" || style.display === "contents";
        if (inline && !ISOLATING.has(style.unicodeBidi)) {
          text += read(node, later);
        } else {
          later.push(node);
          text += inline || style.display.startsWith("inline") ? "\uFFFC" : "\n";
        }
      }
    }
    return text;
  }

  const queue = [document.body];
  while (queue.length) {
    const el = queue.shift();
    const later = [];
    // Text between Unicode's isolate marks (LRI, RLI or FSI ... PDI) is isolated too.
    const text = read(el, later)
      .replace(/[\u2066-\u2068][^\u2069]*\u2069/g, "\uFFFC")
      .replace(/\s+/g, " ");
    queue.push(...later);
    if (getComputedStyle(el).direction !== "rtl" || !shown(el)) continue;
    for (const match of text.matchAll(RUN)) {
      const run = match[0].trim();
      if (!LATIN.test(run)) continue;
      const after = text.slice(match.index + match[0].length).trimStart().charAt(0);
      const edges = PUNCT.test(run.charAt(0)) || PUNCT.test(run.charAt(run.length - 1));
      if (edges || (after && PUNCT.test(after))) {
        const kind = typeof el.className === "string" && el.className.split(" ")[0];
        const where = el.id ? "#" + el.id : el.tagName.toLowerCase() + (kind ? "." + kind : "");
        found.push(`${where}: «${run}»${after ? " then «" + after + "»" : ""}`);
      }
    }
  }
  return found;
}
"""


# The other way round: right-to-left text in a block whose computed direction is ltr (the
# theme sets every <pre> left to right, for code). Its lines then start on the left and its
# brackets, dashes and full stops land at the wrong end. Code is meant to stay ltr.
FIND_RTL_TEXT_SET_LTR = r"""
() => {
  const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!RTL.test(node.data) || el.closest("code, kbd, samp, script, style, svg")) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const block = el.closest("p, li, pre, div, td, th, dd, dt, h1, h2, h3, h4, figcaption") || el;
    if (getComputedStyle(block).direction === "ltr") {
      const kind = typeof block.className === "string" && block.className.split(" ")[0];
      const where = block.tagName.toLowerCase() + (kind ? "." + kind : "");
      found.push(`${where}: «${node.data.trim().slice(0, 40)}»`);
    }
  }
  return [...new Set(found)];
}
"""


def rtl_text_set_ltr(page: Any, base: str, site: Path) -> list[str]:
    problems: list[str] = []
    for path in rtl_pages(site):
        page.goto(base + path)
        problems += [f"/{path} {block}" for block in page.evaluate(FIND_RTL_TEXT_SET_LTR)]
    return problems


def rtl_pages(site: Path) -> Iterator[str]:
    """Every right-to-left page of a built site (Arabic here), as paths under its root."""
    for folder in ("ar",):
        root = site / folder
        if not root.is_dir():
            continue
        yield f"{folder}/404.html"
        for page in sorted(root.rglob("index.html")):
            path = page.parent.relative_to(site).as_posix() + "/"
            if "/search/" not in path:
                yield path


def unisolated_runs(page: Any, base: str, site: Path) -> list[str]:
    problems: list[str] = []
    pages = list(rtl_pages(site))
    assert len(pages) > 10, pages
    for path in pages:
        page.goto(base + path)
        problems += [f"/{path} {run}" for run in page.evaluate(FIND_UNISOLATED_RUNS)]
    return problems


def test_the_check_sees_an_unisolated_run(page: Any) -> None:
    """The check itself: brackets around a Latin name fail, an isolated name passes."""
    page.set_content(
        '<html dir="rtl" lang="ar"><body>'
        "<p id=bad>نشرت [United Nations Treaty Collection] النص.</p>"
        "<p id=also>قالت EFF، إن LGBTQ+ مهددون.</p>"
        "<p id=good>نشرت <bdi>[United Nations Treaty Collection]</bdi> النص. قالت "
        '<span dir="ltr">EFF</span>، إن <bdi>LGBTQ+</bdi> مهددون.</p>'
        '<p id=english dir="ltr">English text (with brackets).</p>'
        "<p id=marks>مجتمع الميم \u2068(LGBTQ+)\u2069 و</p>"
        "</body></html>"
    )
    found = page.evaluate(FIND_UNISOLATED_RUNS)
    assert any(f.startswith("#bad: «[United Nations Treaty Collection]»") for f in found), found
    assert any("«EFF» then «،»" in f for f in found), found
    assert any("«LGBTQ+»" in f for f in found), found
    assert not any(f.startswith(("#good", "#english", "#marks")) for f in found), found


def test_multilingual_arabic_pages_keep_latin_runs_in_order(
    page: Any, multilingual_site: Path, multilingual_url: str
) -> None:
    problems = unisolated_runs(page, multilingual_url, multilingual_site)
    assert not problems, f"{len(problems)} unisolated runs:\n" + "\n".join(problems[:60])


def test_multilingual_arabic_text_is_laid_out_right_to_left(
    page: Any, multilingual_site: Path, multilingual_url: str
) -> None:
    """The Arabic letters on the action and country pages were set left to right, as code."""
    problems = rtl_text_set_ltr(page, multilingual_url, multilingual_site)
    assert not problems, f"{len(problems)} blocks:\n" + "\n".join(problems[:60])
