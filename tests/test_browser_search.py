"""The built site in a real browser: a concern page opens, and search finds it, with each
engine's own search (Material's search box, Zensical's search dialog)."""

from __future__ import annotations

from typing import Any

import pytest

from pages import SEARCH, SEARCH_WAIT_MS, Site, open_search, search_links

pytestmark = pytest.mark.browser


def search(page: Any, site: Site, words: str) -> list[str]:
    page.goto(site.url)
    open_search(page, words, site.engine)
    return search_links(page, site.engine)


def test_concern_page_opens(page: Any, minimal_url: str) -> None:
    page.goto(minimal_url + "concerns/weak-safeguards/")
    assert page.locator("h1").inner_text() == "Weak safeguards"
    assert page.title() == "Weak safeguards - Test campaign"


@pytest.mark.parametrize("words", ["Weak safeguards", "proportionality", "journalist watched"])
def test_search_finds_concern_by_title_and_body(page: Any, site: Site, words: str) -> None:
    hrefs = search(page, site, words)
    assert site.url + "concerns/weak-safeguards/" in hrefs, hrefs


def test_search_finds_concern_by_article_number(page: Any, site: Site) -> None:
    hrefs = search(page, site, "Article 9")
    assert site.url + "concerns/secret-interception/" in hrefs, hrefs


@pytest.mark.parametrize("words", ["Article 9", "article 9"])
def test_search_lists_an_article_by_its_number(page: Any, site: Site, words: str) -> None:
    """The article's own page among the first two (MkDocs lists the concern about it first,
    Zensical the article), and it and that concern before any concern that only shares the
    word "article": the page came after all of them."""
    ranked = list(dict.fromkeys(search(page, site, words)))  # a page once, not per section
    article, about = site.url + "articles/9/", site.url + "concerns/secret-interception/"
    other = site.url + "concerns/weak-safeguards/"
    assert article in ranked[:2] and about in ranked, ranked
    if other in ranked:
        assert ranked.index(article) < ranked.index(other) > ranked.index(about), ranked


@pytest.mark.parametrize("words", ["اتصالات", "الاتصالات", "والاتصالات", "بالاتصالات"])
def test_arabic_search_finds_a_word_with_or_without_its_prefixes(
    page: Any, site: Site, words: str
) -> None:
    """The concern says "الاتصالات" (the communications). A reader may type the word
    without the article, or with "and" or "with" before it, as Arabic writes them."""
    page.goto(site.url + "ar/")
    open_search(page, words, site.engine)
    hrefs = search_links(page, site.engine)
    assert site.url + "ar/concerns/secret-interception/" in hrefs, hrefs
    # Each result would list the forms it was not found under as "missing": not shown.
    assert page.locator(".md-search-result__terms:visible").count() == 0


def search_requests(urls: list[str], engine: str) -> list[str]:
    return [u for u in urls if u.endswith(SEARCH[engine].index) or "/workers/search." in u]


def test_a_reader_who_does_not_search_downloads_no_search(page: Any, site: Site) -> None:
    """Index and worker are half a page's weight: they wait until search is opened."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site.url + "concerns/weak-safeguards/", wait_until="networkidle")
    page.locator("main a").first.focus()  # reading and tabbing through the page
    # A request the page makes after the focus: once it is seen, so is any the focus made.
    with page.expect_request(lambda r: r.url.endswith("?after-focus")):
        page.evaluate("fetch(location.origin + '/?after-focus')")
    assert search_requests(requested, site.engine) == [], requested
    # Nor the sitemap, which the theme fetched beside the feed's <link rel="alternate">.
    assert not [u for u in requested if "sitemap.xml" in u], requested
    # The theme's shortcut opens search; the index and the worker load once, then it finds.
    page.keyboard.press("/")
    # Zensical draws its dialog only once the index has arrived and been read.
    page.locator(SEARCH[site.engine].box).wait_for(timeout=SEARCH_WAIT_MS)
    page.keyboard.type("proportionality", delay=20)
    page.locator(SEARCH[site.engine].result).first.wait_for(timeout=SEARCH_WAIT_MS)
    # The index once; the worker's script is one address, which Chromium may report both
    # for the page and for the worker that it starts.
    index = [u for u in requested if u.endswith(SEARCH[site.engine].index)]
    workers = {u for u in search_requests(requested, site.engine) if u not in index}
    assert (len(index), len(workers), len(page.workers)) == (1, 1, 1), requested


@pytest.mark.engines("zensical")  # Material's theme has no Ctrl+K
@pytest.mark.parametrize("shortcut", ["Control+k", "Meta+k"])
def test_zensical_search_opens_with_its_shortcut_before_its_index_is_there(
    page: Any, site: Site, shortcut: str
) -> None:
    """Zensical draws its dialog, and listens for Ctrl+K, only once the index has arrived;
    the index waits until search is wanted: the shortcut must still open it."""
    page.goto(site.url, wait_until="networkidle")
    page.keyboard.press(shortcut)
    page.locator(SEARCH[site.engine].box).wait_for(timeout=SEARCH_WAIT_MS)
    page.keyboard.type("proportionality", delay=20)
    page.locator(SEARCH[site.engine].result).first.wait_for(timeout=SEARCH_WAIT_MS)


def test_search_opened_by_its_button_on_a_phone_finds(chromium: Any, site: Site) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site.url, wait_until="networkidle")
        page.locator(SEARCH[site.engine].magnifier).tap()
        page.locator(SEARCH[site.engine].box).wait_for(timeout=SEARCH_WAIT_MS)
        page.keyboard.type("Weak safeguards", delay=20)
        page.locator(SEARCH[site.engine].result).first.wait_for(timeout=SEARCH_WAIT_MS)
        hrefs = search_links(page, site.engine)
        assert site.url + "concerns/weak-safeguards/" in hrefs, hrefs
    finally:
        context.close()


def test_a_page_opened_from_a_search_result_marks_the_words(page: Any, site: Site) -> None:
    page.goto(site.url + "concerns/weak-safeguards/?h=proportionality")
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for(timeout=SEARCH_WAIT_MS)
    assert marked.first.inner_text().lower() == "proportionality"


@pytest.mark.engines("zensical")  # Material's search box takes the theme's own words
def test_zensical_search_dialog_speaks_the_pages_language(page: Any, site: Site) -> None:
    """Its placeholder, labels, count of results and filters were English on every page,
    and not marked so: a French screen reader read them with a French voice."""
    page.goto(site.url + "fr/")
    open_search(page, "garanties", site.engine)
    search_links(page, site.engine)
    dialog = page.locator("dialog")
    assert dialog.get_attribute("aria-label") == "Rechercher"
    assert page.locator("dialog input").get_attribute("placeholder") == "Rechercher"
    status = page.locator("dialog [role=status]")
    assert status.inner_text().startswith("Résultats"), status.inner_text()
    labels = dialog.evaluate(
        "d => [...d.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
    )
    english = {"Search", "Close search", "Filters", "Search results"}
    assert labels and not english & set(labels), labels
    assert "Filtres" in dialog.inner_text()
