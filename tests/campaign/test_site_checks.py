"""The generator's site-wide checks, run on this campaign's own site.

They are the generator suite's tests, imported as they are: each takes the `site` fixture,
which tests/campaign/conftest.py makes this campaign's build. So the campaign's pages, in
every language, get the same checks the fixtures get: every link and anchor, valid HTML, a
strict CSP and no referrer, no request leaving the site, and axe-core (WCAG 2.1 A and AA),
320 px reflow (with and without scripts) and wider text spacing on every page type, and the
theme's stylesheet as cut for this site changing no element's style. Keyboard
checks stay with the fixtures: what a keyboard meets is made by the templates, the same for
any campaign.
"""

from __future__ import annotations

import pytest
from test_browser_a11y import (
    narrow,
    narrow_no_script,
    tab,
    test_open_menu_and_search_fit_320_px,
    test_open_phone_menu_has_no_wcag_violations,
    test_page_has_no_wcag_violations,
    test_page_reflows_to_320_px_in_every_language,
    test_page_reflows_to_320_px_without_javascript,
    test_page_takes_wider_text_spacing,
    test_search_dialog_with_results_has_no_wcag_violations,
)
from test_browser_privacy import test_a_visit_leaves_nothing_behind, test_no_request_leaves_the_site
from test_browser_stylesheet import (
    test_each_language_looks_the_same_under_the_whole_stylesheet,
    test_no_page_links_the_whole_stylesheet,
    test_search_looks_the_same_under_the_whole_stylesheet,
)
from test_html_valid import test_no_html_errors_of_ours
from test_links import test_crawler_finds_no_broken_link_or_anchor
from test_safety import test_every_page_forbids_inline_scripts, test_pages_send_no_referrer

pytestmark = pytest.mark.browser

# What pytest collects here: the checks, and the fixtures they use from their modules.
__all__ = [
    "narrow",
    "narrow_no_script",
    "tab",
    "test_a_visit_leaves_nothing_behind",
    "test_crawler_finds_no_broken_link_or_anchor",
    "test_each_language_looks_the_same_under_the_whole_stylesheet",
    "test_every_page_forbids_inline_scripts",
    "test_no_html_errors_of_ours",
    "test_no_page_links_the_whole_stylesheet",
    "test_no_request_leaves_the_site",
    "test_open_menu_and_search_fit_320_px",
    "test_open_phone_menu_has_no_wcag_violations",
    "test_page_has_no_wcag_violations",
    "test_page_reflows_to_320_px_in_every_language",
    "test_page_reflows_to_320_px_without_javascript",
    "test_page_takes_wider_text_spacing",
    "test_pages_send_no_referrer",
    "test_search_dialog_with_results_has_no_wcag_violations",
    "test_search_looks_the_same_under_the_whole_stylesheet",
]
