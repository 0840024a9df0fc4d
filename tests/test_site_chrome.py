"""What the theme prints around every page: its footer line and the logo's tooltip."""

from __future__ import annotations

import html
import re
import urllib.request
from pathlib import Path

import pytest

LOGO_TITLE = re.compile(r'<a [^>]*title="([^"]*)"[^>]*class="md-(?:header|nav)__button md-logo"')


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("index.html", "Made with"),
        ("fr/index.html", "Conçu avec"),
        ("es/index.html", "Hecho con"),
        ("ar/index.html", "صُنع باستخدام"),
    ],
)
def test_the_footer_speaks_the_pages_language(
    multilingual_site: Path, page: str, words: str
) -> None:
    text = (multilingual_site / page).read_text("utf-8")
    footer = text.split('<div class="md-copyright">', 1)[1].split("</footer>", 1)[0]
    assert words in footer
    assert 'href="https://squidfunk.github.io/mkdocs-material/"' in footer
    if page != "index.html":
        assert "Made with" not in footer


@pytest.mark.parametrize(
    ("page", "words", "about"),
    [
        ("index.html", "Published by Test team under CC BY 4.0.", "about/"),
        ("concerns/weak-safeguards/index.html", "Published by Test team", "../../about/"),
        ("fr/concerns/weak-safeguards/index.html", "Publié par", "../../about/"),
        ("ar/index.html", "نشره", "about/"),
    ],
)
def test_every_page_says_who_publishes_it_and_where_to_ask(
    multilingual_site: Path, page: str, words: str, about: str
) -> None:
    """A journalist quoting a page needs its publisher, licence and a contact at hand."""
    text = (multilingual_site / page).read_text("utf-8")
    footer = text.split('<div class="md-copyright__highlight">', 1)[1].split("</div>", 1)[0]
    assert words in footer
    assert f'<a href="{about}">' in footer
    assert f'<a href="{about}#contact">' in footer


def test_the_logo_tooltip_shows_the_sites_name_as_written(hostile_engine_url: str) -> None:
    """The theme escaped a name the generator had escaped already: "&" showed as "&amp;"."""
    with urllib.request.urlopen(hostile_engine_url) as response:
        text = response.read().decode("utf-8")
    titles = LOGO_TITLE.findall(text)
    assert len(titles) == 2  # the header's and the navigation drawer's
    for title in titles:
        assert html.unescape(title) == "Hostile <script>window.__pwned='site.name'</script> & co"
