"""French punctuation spacing: the French pages set a no-break space before : and a narrow
one before ; ! ? and inside « », in their text only (never a tag, an address or code)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import MULTILINGUAL, build, run_cli
from generator.typography import NARROW, NO_BREAK, french_page, french_spacing

LOCALE = Path(__file__).resolve().parents[1] / "generator" / "locales" / "fr.yml"
# A plain space where French wants one that does not break.
PLAIN = re.compile(r"[ \t](?=[:;!?](?:\s|$))|« | »")


@pytest.mark.parametrize(
    ("typed", "set_"),
    [
        ("Pourquoi ?", f"Pourquoi{NARROW}?"),
        ("Pourquoi?", f"Pourquoi{NARROW}?"),
        ("oui ; non", f"oui{NARROW}; non"),
        ("Attention !", f"Attention{NARROW}!"),
        ("Signé: non", f"Signé{NO_BREAK}: non"),
        ("Signé : non", f"Signé{NO_BREAK}: non"),
        ("« texte »", f"«{NARROW}texte{NARROW}»"),
        ("«texte»", f"«{NARROW}texte{NARROW}»"),
        (f"déjà{NO_BREAK}: fait", f"déjà{NO_BREAK}: fait"),
        # Nothing that is not a French sentence's punctuation.
        ("https://example.net/?q=1", "https://example.net/?q=1"),
        ("à 10:30", "à 10:30"),
        ("mailto:x@y", "mailto:x@y"),
    ],
)
def test_french_spacing(typed: str, set_: str) -> None:
    assert french_spacing(typed) == set_


def test_a_page_is_set_in_its_text_only() -> None:
    page = (
        "## Pourquoi ?\n"
        '<p><strong>Signé</strong>: le <a href="https://x.org/?a=1" title="t: u">texte</a>?</p>'
        '<p lang="en">Note: English; as is?</p>'
        "<pre><code>clé: valeur;</code></pre><p>R&amp;D; x</p>"
    )
    assert french_page(page) == (
        f"## Pourquoi{NARROW}?\n"
        f'<p><strong>Signé</strong>{NO_BREAK}: le <a href="https://x.org/?a=1" title="t: u">'
        f"texte</a>{NARROW}?</p>"
        '<p lang="en">Note: English; as is?</p>'
        f"<pre><code>clé: valeur;</code></pre><p>R&amp;D{NARROW}; x</p>"
    )


def test_the_french_ui_strings_use_no_break_spaces() -> None:
    strings = yaml.safe_load(LOCALE.read_text(encoding="utf-8"))
    texts = [v for v in strings.values() if isinstance(v, str)]
    texts += [x for v in strings.values() if isinstance(v, dict) for x in v.values()]
    assert [text for text in texts if PLAIN.search(text)] == []


def test_the_french_pages_are_set(tmp_path: Path) -> None:
    """Sentences put together from parts ("{country}: {status}" on the map) and typed text
    are set alike; addresses and attributes are not touched."""
    out = tmp_path / "fr"
    result = run_cli(
        "generate", "--no-cache", "--content", MULTILINGUAL, "--out", out, "--lang", "fr"
    )
    assert result.code == 0, result.err
    page = (out / "countries/index.md").read_text(encoding="utf-8")
    assert f"<title>France{NO_BREAK}: " in page
    head, body = page.split("\n---\n", 1)
    # Front matter is data: its keys keep their plain colon, and it still reads as YAML.
    matter = yaml.safe_load(head.removeprefix("---\n"))
    assert set(matter) >= {"title", "description"}, matter
    text = re.sub(r"<[^>]*>", "", body)
    assert not PLAIN.search(text), PLAIN.search(text)
    for address in re.findall(r'(?:href|src|id)="([^"]*)"', body):
        assert NARROW not in address and NO_BREAK not in address, address
    english = (tmp_path / "en").as_posix()
    run_cli("generate", "--no-cache", "--content", MULTILINGUAL, "--out", english)
    assert "<title>France: " in (Path(english) / "countries/index.md").read_text("utf-8")


def test_the_page_title_keeps_its_no_break_spaces(tmp_path: Path) -> None:
    """The theme's title filter folds every space into a plain one; the French site name's
    no-break space before ':' must reach the browser's title bar and the share title."""
    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    french = content / "translations/fr/campaign.yml"
    french.write_text(
        french.read_text("utf-8").replace(
            "name: Campagne de test\n", f'name: "Campagne de test{NO_BREAK}: essai"\n', 1
        ),
        encoding="utf-8",
    )
    page = (build(content, tmp_path / "site") / "fr/about/index.html").read_text("utf-8")
    assert f"- Campagne de test{NO_BREAK}: essai</title>" in page
    assert f'<meta property="og:site_name" content="Campagne de test{NO_BREAK}: essai">' in page


def test_a_letter_to_copy_is_set_but_code_is_not() -> None:
    """A letter in <pre> is prose a reader copies or opens in an email app: its « » keep
    their words, as on the rest of the page. Code and BibTeX stay as written."""
    page = (
        '<pre class="tx-letter" data-tx-copy="x">Le mot « crime » : non</pre>'
        "<pre><code>« a »</code></pre>"
    )
    out = french_page(page)
    assert f"«{NARROW}crime{NARROW}»{NO_BREAK}: non</pre>" in out
    assert "<pre><code>« a »</code></pre>" in out


def test_a_french_share_card_never_ends_a_line_with_an_opening_guillemet() -> None:
    from generator import cards, pipeline

    content = pipeline.load(MULTILINGUAL).content
    french = next(x for x in content.translations if x.language.code == "fr").campaign
    title = "Un titre trompeur qui étire le sens du mot « cybercriminalité » : pourquoi ?"
    concern = french.concerns[0].model_copy(update={"title": title})
    french = french.model_copy(update={"concerns": [concern, *french.concerns[1:]]})
    jobs = cards.card_jobs(french)
    drawn = next(job for job in jobs.values() if job[0].startswith("Un titre"))[0]
    assert drawn == french_spacing(title) and f"«{NARROW}cybercriminalité{NARROW}»" in drawn
    face = cards.font(60, "Bold")
    for width in range(200, 1100, 20):
        for line in cards.wrap(drawn, face, width):
            assert not line.endswith("«") and not line.startswith(("»", ":", "?")), (width, line)
    # Other languages are drawn as written.
    english = cards.card_jobs(content.campaign)
    assert all(NARROW not in job[0] for job in english.values())


def test_a_french_letter_opened_in_an_email_app_is_set_too(tmp_path: Path) -> None:
    from urllib.parse import unquote

    from generator import pipeline

    content = tmp_path / "multilingual"
    shutil.copytree(MULTILINGUAL, content)
    action = content / "translations/fr/action.yml"
    text = action.read_text("utf-8")
    action.write_text(
        text.replace("  body: |\n", "  body: |\n    Au sujet de « la Convention » :\n", 1)
    )
    page = str(pipeline.render(pipeline.load(content))["fr/"].files["action.md"])
    hrefs = [unquote(h) for h in re.findall(r'href="(mailto:[^"]*)"', page)]
    assert any(f"«{NARROW}la Convention{NARROW}»{NO_BREAK}:" in h for h in hrefs)
    assert not any("« la" in h for h in hrefs)
    assert (
        f"Au sujet de «{NARROW}la Convention{NARROW}»{NO_BREAK}:"
        in page.split('class="tx-letter"', 1)[1]
    )
