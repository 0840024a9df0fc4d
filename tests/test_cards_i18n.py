"""Share cards in every language: the page's own title, Arabic set right to left and joined."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from PIL import Image

from conftest import MULTILINGUAL
from generator import cards, pipeline
from generator.loader import load_content

CARD = "assets/cards/weak-safeguards.png"
ARABIC_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")  # letters in their joined shapes


def ink_columns(png: bytes, top: int, bottom: int) -> tuple[int, int]:
    """First and last pixel columns of white text between two rows."""
    image = Image.open(io.BytesIO(png)).convert("L")
    pixels = image.load()
    columns = [x for x in range(image.width) if any(pixels[x, y] > 200 for y in range(top, bottom))]
    assert columns, "nothing drawn"
    return columns[0], columns[-1]


def test_each_language_draws_its_own_cards_beside_its_pages() -> None:
    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    drawn = {folder: tree.files[CARD] for folder, tree in trees.items()}
    assert len(set(drawn.values())) == 4  # four titles, four cards
    # The Arabic card is the one drawn from the Arabic title, right to left.
    arabic = next(t for t in load_content(MULTILINGUAL).translations if t.language.code == "ar")
    site = arabic.campaign.campaign.site
    concern = next(x for x in arabic.campaign.concerns if x.slug == "weak-safeguards")
    footer = "test.example.org/ar/concerns/weak-safeguards/"
    assert drawn["ar/"] == cards.draw_card(concern.title, site.name, footer, "rtl")


def test_pages_point_their_share_image_at_their_language(multilingual_site: Path) -> None:
    for folder in ("", "fr/", "ar/"):
        page = (multilingual_site / folder / "concerns/weak-safeguards/index.html").read_text()
        wanted = f"https://test.example.org/{folder}{CARD}"
        assert f'<meta property="og:image" content="{wanted}">' in page, folder
        assert f'<meta name="twitter:image" content="{wanted}">' in page, folder
        assert (multilingual_site / folder / CARD).is_file()
        home = (multilingual_site / folder / "index.html").read_text()
        assert f"https://test.example.org/{folder}assets/cards/site.png" in home


def test_arabic_is_joined_and_put_in_display_order() -> None:
    shown = cards.display("ضمانات ضعيفة", "rtl")
    assert ARABIC_FORMS.search(shown)  # joined shapes, not the bare letters
    assert not re.search("[\u0621-\u064a]", shown)
    # Drawn left to right, the last word of the line comes first.
    assert cards.display("ضمانات ضعيفة", "rtl").startswith(cards.display("ضعيفة", "rtl"))
    # A Latin name keeps its letters and brackets in order, mirrored around it are not.
    assert "(LGBTQ+)" in cards.display("مجتمع الميم (LGBTQ+) وعلى", "rtl")
    assert cards.display("Weak safeguards", "ltr") == "Weak safeguards"


def test_arabic_card_reads_from_the_right() -> None:
    png = cards.draw_card("ضمانات ضعيفة", "حملة", "test.example.org/ar/", "rtl")
    first, last = ink_columns(png, 250, 380)  # the title's rows
    assert cards.WIDTH - cards.MARGIN - last < 8, (first, last)  # flush with the right margin
    assert first > cards.WIDTH / 3, (first, last)  # a short title leaves the left empty
    english = cards.draw_card("Weak safeguards", "Campaign", "test.example.org/", "ltr")
    first, last = ink_columns(english, 250, 380)
    assert first - cards.MARGIN < 8 and last < cards.WIDTH / 2 + 200, (first, last)


def test_tracker_pages_share_a_card_in_their_own_language(multilingual_site: Path) -> None:
    """A French country page shared on social media shows the French name and status, and its
    image's alt text (the page's title) describes what the image says."""
    pages = {"countries/index.html": "countries/index", "countries/fr/index.html": "countries/fr"}
    for folder in ("", "fr/", "ar/"):
        for page_path, card in pages.items():
            page = (multilingual_site / folder / page_path).read_text("utf-8")
            wanted = f"https://test.example.org/{folder}assets/cards/{card}.png"
            assert f'<meta property="og:image" content="{wanted}">' in page, (folder, page_path)
            assert f'<meta name="twitter:image" content="{wanted}">' in page, (folder, page_path)
            assert (multilingual_site / folder / f"assets/cards/{card}.png").is_file()


def test_a_country_card_says_the_status_in_the_pages_language_with_its_date() -> None:
    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    card = "assets/cards/countries/fr.png"
    drawn = {folder: tree.files[card] for folder, tree in trees.items()}
    assert len(set(drawn.values())) == 4
    french = next(t for t in load_content(MULTILINGUAL).translations if t.language.code == "fr")
    site = french.campaign.campaign.site
    title = "France\u00a0: Partie (ratification ou adhésion), au 20 novembre 2026"
    footer = "test.example.org/fr/countries/fr/"
    assert drawn["fr/"] == cards.draw_card(title, site.name, footer, "ltr")
    english = "France: Joined (ratified or acceded), as of 20 November 2026"
    name = load_content(MULTILINGUAL).campaign.campaign.site.name
    assert drawn[""] == cards.draw_card(english, name, "test.example.org/countries/fr/", "ltr")


def test_each_share_image_has_a_text_alternative_in_its_language(multilingual_site: Path) -> None:
    """The alternative says what the image says: a page with no card of its own shows the
    site's card (its name and tagline), not a card bearing the page's title."""
    content = load_content(MULTILINGUAL)
    editions = {"": content.campaign} | {
        t.language.folder: t.campaign for t in content.translations
    }
    for folder, campaign in editions.items():
        site = campaign.campaign.site
        concern = next(x for x in campaign.concerns if x.slug == "weak-safeguards")
        expected = {
            "about/index.html": f"{site.name} — {site.tagline}",
            "index.html": f"{site.name} — {site.tagline}",
            "concerns/weak-safeguards/index.html": str(concern.title),
        }
        for page_path, alt in expected.items():
            page = (multilingual_site / folder / page_path).read_text("utf-8")
            for tag in ('property="og:image:alt"', 'name="twitter:image:alt"'):
                found = re.search(rf'<meta {tag} content="([^"]*)">', page)
                assert found and html.unescape(found[1]) == alt, (folder, page_path, tag)
