"""Pages per language: same paths, translated text, marked fallbacks, links between languages."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from conftest import MINIMAL, MULTILINGUAL
from generator import pipeline
from generator.loader import load_content
from generator.render import RenderedSite, front_matter, page_url, render_site

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
H1 = re.compile(r'<h1 id="top">(.*?)</h1>')


def trees() -> dict[str, RenderedSite]:
    return pipeline.render(pipeline.load(MULTILINGUAL))


def meta(page: str | bytes) -> dict[str, object]:
    block = FRONT_MATTER.match(str(page))
    assert block, page
    return {k: json.loads(v) for k, v in (line.split(": ", 1) for line in block[1].splitlines())}


def pages(tree: RenderedSite) -> dict[str, str]:
    return {name: str(text) for name, text in tree.files.items() if name.endswith(".md")}


SOURCE_ONLY_PREFIXES = ("maintainers/", "data/", "feed.xml")


def test_every_language_has_the_same_pages_at_the_same_paths() -> None:
    all_trees = trees()
    assert list(all_trees) == ["", "ar/", "es/", "fr/"]
    names = {folder: sorted(tree.files) for folder, tree in all_trees.items()}
    # Data files and maintainer docs are published once, in English; every language has
    # its own briefing, open-data page and share cards.
    source_only = {n for n in names[""] if n.startswith(SOURCE_ONLY_PREFIXES)}
    assert source_only and all(
        n == [x for x in names[""] if x not in source_only] for f, n in names.items() if f
    )
    assert "concerns/old-safeguards/index.html" in names["fr/"]  # old addresses keep working


def test_english_pages_only_gain_links_to_their_translations() -> None:
    english = trees()[""]
    alone = render_site(load_content(MINIMAL).campaign)
    assert english.files.keys() == alone.files.keys()
    for name, text in english.files.items():
        if isinstance(text, bytes):
            assert text == alone.files[name], name
            continue
        without = re.sub(r"^alternates: .*\n", "", text, count=1, flags=re.M)
        assert without == alone.files[name], name
    assert "alternates" in meta(english.files["index.md"])


def test_translated_page_uses_the_translation() -> None:
    fr = pages(trees()["fr/"])
    page = fr["concerns/weak-safeguards.md"]
    assert meta(page)["title"] == "Garanties insuffisantes"
    assert H1.search(page)[1] == "Garanties insuffisantes"
    assert (
        '## <span id="what-it-says--name">Ce que dit le texte</span>'
        ' { #what-it-says aria-labelledby="what-it-says--name" }'
    ) in page
    assert (
        "<p>Par exemple, un journaliste pourrait être surveillé à l’insu de tout juge.</p>" in page
    )
    # Every text of this concern is translated; what it cites from other files is not, yet.
    assert page.count('class="tx-untranslated"') == 2
    assert 'lang="en" dir="ltr">Safeguards</span>' in page  # article 5's subject
    assert 'lang="en" dir="ltr">Tell people afterwards</span>' in page  # a recommendation
    # The page says so once, at its top.
    assert page.count("tx-notice--untranslated") == 1
    assert page.index("tx-notice--untranslated") < page.index('<h1 id="top">')


def test_missing_translation_shows_english_marked_in_the_page_language() -> None:
    fr = pages(trees()["fr/"])
    page = fr["concerns/secret-interception.md"]
    assert H1.search(page)[1] == "Interception secrète"
    assert (
        '<div class="tx-untranslated" lang="en" dir="ltr">\n<p>Nobody can check it.</p>\n</div>'
    ) in page
    # An inline fallback inside a translated sentence, in a link, is marked as English.
    assert (
        '<strong><span class="tx-untranslated" lang="en" dir="ltr">Tell people afterwards'
        "</span></strong>"
    ) in page
    # However many texts are in English, one notice says so, and no badge repeats.
    assert page.count('class="tx-untranslated"') > 3
    assert page.count("tx-notice--untranslated") == 1
    assert "Certaines parties de cette page sont affichées en anglais" in page
    assert page.lower().count("pas encore traduit") == 1


def test_untranslated_title_is_plain_text_in_front_matter_and_marked_on_the_page() -> None:
    ar = pages(trees()["ar/"])
    page = ar["recommendations.md"]
    assert meta(page)["title"] == "التوصيات"
    assert (
        '<span class="tx-untranslated" lang="en" dir="ltr">Safeguards</span></span> { #safeguards'
        in page
    )
    glossary = ar["glossary.md"]
    assert '<dt id="term-interception"><span class="tx-untranslated" lang="en"' in glossary


# A source's title and publisher, cited as published (in English): not untranslated text.
CITED = re.compile(
    r'hreflang="en"><span lang="en" dir="ltr">[^<]*</span>'
    r'|[(\[]<span lang="en" dir="ltr">[^<]*</span>[)\]]'
)


def test_a_fully_translated_page_has_no_untranslated_notice() -> None:
    for folder, tree in trees().items():
        for name, page in pages(tree).items():
            page = CITED.sub("", page)
            english = 'class="tx-untranslated"' in page or 'lang="en" dir="ltr"' in page
            assert ("tx-notice--untranslated" in page) == (bool(folder) and english), (folder, name)


def test_no_page_is_blank_in_any_language() -> None:
    for folder, tree in trees().items():
        for name, page in pages(tree).items():
            title = meta(page)["title"]
            assert isinstance(title, str) and title.strip(), (folder, name)
            assert "<" not in title, (folder, name)
            h1 = H1.search(page)
            assert h1 and re.sub(r"<[^>]+>", "", h1[1]).strip(), (folder, name)


def test_draft_notice_on_every_translated_page_and_none_in_english() -> None:
    for folder, tree in trees().items():
        for name, page in pages(tree).items():
            has_notice = 'class="tx-notice tx-notice--draft"' in page
            assert has_notice == bool(folder), (folder, name)
    es = pages(trees()["es/"])["action.md"]
    assert (
        "Esta traducción es un borrador pendiente de revisión por una persona hablante nativa."
        in es
    )
    assert '<a href="../../action/" hreflang="en">Leer el original en inglés.</a>' in es


def test_alternates_link_each_page_to_the_same_page_in_every_language() -> None:
    for folder, tree in trees().items():
        for name, page in pages(tree).items():
            url = page_url(name)
            if name.startswith(SOURCE_ONLY_PREFIXES):  # English only: no translations to list
                assert "alternates" not in meta(page), name
                continue
            alternates = meta(page)["alternates"]
            assert isinstance(alternates, list)
            assert [a["lang"] for a in alternates] == ["en", "ar", "es", "fr"]
            for alt in alternates:
                other = "" if alt["lang"] == "en" else f"{alt['lang']}/"
                landed = posixpath.normpath(posixpath.join(folder + url, alt["href"]))
                assert landed == posixpath.normpath(other + url), (folder, name, alt)
                assert alt["url"] == f"https://test.example.org/{other}{url}"
                assert alt["current"] == (other == folder)


def test_engine_settings_per_language() -> None:
    ar = pipeline.render(pipeline.load(MULTILINGUAL), language="ar")["ar/"]
    assert ar.config["language"] == "ar"
    assert ar.config["direction"] == "rtl"
    assert ar.config["site_url"] == "https://test.example.org/ar/"
    assert ar.config["site_name"] == "حملة تجريبية"
    assert ar.nav[0] == ("الرئيسية", "index.md")
    assert ar.config["languages"][0] == {"lang": "en", "name": "English", "link": "../"}
    english = pipeline.render(pipeline.load(MINIMAL))[""]
    assert english.config["direction"] == "ltr"
    assert "languages" not in english.config


def test_numbers_slugs_and_addresses_stay_the_same() -> None:
    ar = pages(trees()["ar/"])
    page = ar["concerns/weak-safeguards.md"]
    # Numbers stay 0-9 as in the URLs; inserted values are isolated from the Arabic around them.
    assert '<a href="../../articles/5/">المادة <bdi>5</bdi></a>' in page
    assert 'href="../../action/#letter-weak-safeguards"' in page
    assert '<time datetime="2026-11-20">20 تشرين الثاني/نوفمبر 2026</time>' in page
    assert meta(page)["slug"] == "weak-safeguards"


@pytest.mark.parametrize(
    "evil",
    ["<script>alert(1)</script>", "[x](javascript:alert(1)) {#id} *a*"],
)
def test_translated_text_is_as_untrusted_as_english(multilingual: Path, evil: str) -> None:
    (multilingual / "translations/fr/recommendations.yml").write_text(
        f"groups:\n  - id: safeguards\n    title: {json.dumps(evil)}\n", encoding="utf-8"
    )
    (multilingual / "translations/fr/concerns/secret-interception.yml").write_text(
        f"title: {json.dumps(evil)}\n", encoding="utf-8"
    )
    fr = pages(pipeline.render(pipeline.load(multilingual))["fr/"])
    for name in ["recommendations.md", "concerns/secret-interception.md", "index.md"]:
        assert "<script>" not in fr[name]
        assert 'href="javascript' not in fr[name]
        headings = [line for line in fr[name].splitlines() if line.startswith("#")]
        assert not [h for h in headings if "](" in h or "{#id}" in h], headings
    assert "<script>" not in str(meta(fr["concerns/secret-interception.md"])["title"])


def test_titles_reach_the_engine_escaped_with_their_quotes_and_french_spacing(
    multilingual: Path,
) -> None:
    """Search showed "L&#39;espionnage": the engines print an entity in a title as it is.
    And French spacing, set on the escaped title, put a space inside "&amp;"."""
    (multilingual / "translations/fr/concerns/secret-interception.yml").write_text(
        'title: "L\'espionnage de R&D <b> ?"\n', encoding="utf-8"
    )
    fr = pages(pipeline.render(pipeline.load(multilingual))["fr/"])
    front = meta(fr["concerns/secret-interception.md"])
    assert front["title"] == "L'espionnage de R&amp;D &lt;b&gt;\u202f?"
    assert isinstance(front["tags"], list)
    assert front["tags"][0] == "L'espionnage de R&amp;D &lt;b&gt; ?"


def test_front_matter_refuses_a_title_given_as_html() -> None:
    with pytest.raises(ValueError, match="as text"):
        front_matter(title=Markup("A &amp; B"))


def test_a_translated_pages_bibtex_note_is_in_its_language() -> None:
    """The BibTeX box of a French page said 'note = {Last reviewed 20 November 2026}'."""
    page = pages(trees()["fr/"])["concerns/weak-safeguards.md"]
    bib = re.search(r'<pre class="tx-cite__bibtex".*?</pre>', page, re.S).group(0)
    assert "note = {Dernière relecture le 20 novembre 2026}," in bib
    assert "Last reviewed" not in bib
    english = pages(trees()[""])["concerns/weak-safeguards.md"]
    assert "note = {Last reviewed 20 November 2026}," in english


def test_a_sources_title_and_publisher_are_marked_with_their_language(tmp_path: Path) -> None:
    """Cited as published, they are in the source's language: a screen reader on the
    French or Arabic page reads them with an English voice, set left to right in Arabic;
    a source in French is marked on the English page instead."""
    content = tmp_path / "campaign"
    shutil.copytree(MULTILINGUAL, content)
    sources = content / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "    title: Another source\n", "    title: Une autre source\n    language: fr\n"
        ),
        encoding="utf-8",
    )
    trees = pipeline.render(pipeline.load(content))
    page = "concerns/weak-safeguards.md"
    english = str(trees[""].files[page])
    assert '<a href="https://test.example.org/source" hreflang="en">A test source</a>' in english
    french = str(trees["fr/"].files[page])
    assert 'hreflang="en"><span lang="en">A test source</span></a>' in french
    arabic = str(trees["ar/"].files[page])
    assert 'hreflang="en"><span lang="en" dir="ltr">A test source</span></a>' in arabic

    def pages(folder: str) -> str:
        return "".join(str(v) for k, v in trees[folder].files.items() if k.endswith(".md"))

    assert '<span lang="fr">Une autre source</span>' in pages("")
    assert "Une autre source" in pages("fr/")
    assert '<span lang="fr">Une autre source</span>' not in pages("fr/")


def test_each_timeline_event_has_its_own_link_and_marked_sources() -> None:
    """A journalist cites one event: each has a '#' link to itself, named in the page's
    language; the titles of its sources are marked with their language, as elsewhere."""
    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    for folder, said in [("", "Link to this event"), ("fr/", "Lien vers cet événement")]:
        page = str(trees[folder].files["timeline.md"])
        anchors = re.findall(r'<li id="([^"]+)">', page)
        assert anchors
        for anchor in anchors:
            assert f'<a class="headerlink" href="#{anchor}" title="{said}">#</a>' in page
    french = str(trees["fr/"].files["timeline.md"])
    assert '#source-test-source"><span lang="en">A test source</span></a>' in french
