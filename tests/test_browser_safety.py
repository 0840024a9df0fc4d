"""Hostile content in a real browser: no payload runs, each shows as text, and the CSP holds.

Every payload in tests/fixtures/hostile would set window.__pwned (to the name of its
field) if it ever ran; test_safety.py checks the same site's files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pages import SEARCH, html_pages, open_search

pytestmark = pytest.mark.browser

FLAG = "() => window.__pwned === undefined ? null : String(window.__pwned)"
# Anything in the live page, including what the theme's scripts added, that could run.
RUNNABLE = """() => [...document.querySelectorAll('*')].flatMap(el => {
  const found = [...el.attributes].filter(a => a.name.startsWith('on'))
    .map(a => el.tagName + ' ' + a.name);
  if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) found.push(el.tagName);
  if (el.tagName === 'SCRIPT' && !el.src && el.type !== 'application/json') found.push('script');
  const href = el.getAttribute('href') || '';
  if (/^\\s*(javascript|vbscript|data):/i.test(href)) found.push('href ' + href);
  return found;
})"""
CONCERN_TITLE = "<script>window.__pwned='concern.title'</script> & <b>bold</b> {{ 7*7 }}"


@pytest.fixture
def watched(chromium: Any) -> Any:
    """A page whose every request and dialog is recorded."""
    context = chromium.new_context()
    page = context.new_page()
    page.requests = []
    page.dialogs = []
    context.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def test_no_payload_runs_on_any_page(watched: Any, hostile_site: Path, hostile_url: str) -> None:
    pages = [p.relative_to(hostile_site).as_posix() for p in html_pages(hostile_site)]
    assert len(pages) >= 11
    for path in pages:
        watched.goto(hostile_url + path.removesuffix("index.html"))
        watched.wait_for_load_state("networkidle")
        assert watched.evaluate(FLAG) is None, path
        assert watched.evaluate(RUNNABLE) == [], path
    assert watched.dialogs == []
    # The Markdown image tricks became links; none of them was fetched.
    assert [url for url in watched.requests if not url.startswith(hostile_url)] == []


def test_payloads_show_as_text(watched: Any, hostile_url: str) -> None:
    watched.goto(hostile_url + "concerns/hostile-concern/")
    assert watched.locator("h1").inner_text() == CONCERN_TITLE
    assert watched.title().startswith(CONCERN_TITLE + " - Hostile <script>")
    text = watched.locator("article").inner_text()
    for shown in [
        "<script>window.__pwned='what_it_says'</script>",
        "[link](javascript:window.__pwned='why_it_matters.link' \"title\")",
        "<div onclick=\"window.__pwned='why_it_matters'\">click</div>",
        "<script>window.__pwned='who_is_affected'</script>",
    ]:
        assert shown in text
    watched.goto(hostile_url)
    assert "{{ 7*7 }} {% if true %}jinja{% endif %}" in watched.locator("article").inner_text()


def test_search_results_show_payloads_as_text(
    watched: Any, hostile_engine_url: str, engine: str
) -> None:
    watched.goto(hostile_engine_url)
    assert open_search(watched, "Convention", engine) > 0
    results = watched.locator(SEARCH[engine].results).inner_text()
    assert "the <svg onload=\"window.__pwned='treaty.name'\"> Convention" in results
    assert watched.evaluate(FLAG) is None
    assert watched.evaluate(RUNNABLE) == []
    assert watched.dialogs == []


def test_csp_stops_script_that_gets_into_a_page(watched: Any, minimal_url: str) -> None:
    """Were a payload ever to reach the markup, the browser would still refuse to run it."""
    watched.goto(minimal_url)
    blocked = watched.evaluate(
        """() => new Promise(resolve => {
          const seen = [];
          document.addEventListener('securitypolicyviolation', e => {
            seen.push(e.effectiveDirective);
            if (seen.length === 2) resolve(seen.sort());
          });
          const holder = document.createElement('div');
          holder.innerHTML = '<img src="assets/favicon.svg" onload="window.__pwned=1">';
          document.body.append(holder);
          const script = document.createElement('script');
          script.textContent = 'window.__pwned = 2';
          document.body.append(script);
        })"""
    )
    assert blocked == ["script-src-attr", "script-src-elem"]
    assert watched.evaluate(FLAG) is None
