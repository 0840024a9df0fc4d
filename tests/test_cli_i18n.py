"""Translations from the command line: the report, the build per language, and failures."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import ISSUE_LINE, MINIMAL, MULTILINGUAL, assert_clean_failure, run_cli, snapshot
from generator.multilingual import ui_messages

LANGUAGES = {"": ("en", "ltr"), "ar/": ("ar", "rtl"), "es/": ("es", "ltr"), "fr/": ("fr", "ltr")}

UI_COUNT = len(ui_messages())


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- the report ------------------------------------------------------------------------------


def test_report_lists_what_is_missing_per_language() -> None:
    result = run_cli("translations", "--content", MULTILINGUAL)
    assert result.code == 0, result.err
    out = result.out.splitlines()
    assert out[0] == "Source language: en (English)."
    headers = [line for line in out if re.match(r"^\S", line) and "texts translated" in line]
    assert headers == [
        "ar  العربية (rtl), draft: 30 of 87 texts translated, 57 missing",
        "es  Español (ltr), draft: 27 of 87 texts translated, 60 missing",
        "fr  Français (ltr), draft: 75 of 87 texts translated, 12 missing",
    ]
    fr = out[out.index(headers[2]) + 1 :]
    assert fr[:3] == [
        "  articles.yml:3: articles[number=5].subject",
        "  articles.yml:4: articles[number=5].summary",
        "  articles.yml:10: articles[number=9].summary",
    ]
    assert "  concerns/secret-interception.yml:9: sections.why_it_matters" in fr
    assert f"  generator/locales/fr.yml: all {UI_COUNT} UI strings translated" in fr
    assert out[-1] == "3 language(s), 129 text(s) missing in all."


def test_report_for_one_language_and_its_lines_point_at_english_text() -> None:
    result = run_cli("translations", "--content", MULTILINGUAL, "--lang", "es")
    assert result.code == 0
    entries = re.findall(r"^  ([\w/.-]+\.yml):(\d+): (.+)$", result.out, re.M)
    assert len(entries) == 60 and "fr  " not in result.out
    for file, line, field in entries:
        english = (MULTILINGUAL / file).read_text(encoding="utf-8").splitlines()
        name = re.sub(r"\[.*?\]", "", field).split(".")[-1]
        assert english[int(line) - 1].lstrip(" -").startswith(f"{name}:"), (file, line, field)


def test_report_names_missing_ui_strings_of_a_language_without_catalogue(
    multilingual: Path,
) -> None:
    (multilingual / "translations/de").mkdir()
    (multilingual / "translations/de/language.yml").write_text(
        "name: Deutsch\ndirection: ltr\nstatus: draft\n", encoding="utf-8"
    )
    result = run_cli("translations", "--content", multilingual, "--lang", "de")
    assert result.code == 0
    assert f"  generator/locales/de.yml: {UI_COUNT} of {UI_COUNT} UI strings missing" in result.out
    assert "  generator/locales/de.yml: missing 'What the text says'" in result.out


def test_report_without_translations() -> None:
    result = run_cli("translations", "--content", MINIMAL)
    assert result.code == 0
    assert result.out.startswith("No translations yet.")


def test_report_fails_clearly_on_an_invalid_translation(multilingual: Path) -> None:
    (multilingual / "translations/ar/action.yml").write_text("steps:\n  - titel: x\n")
    result = run_cli("translations", "--content", multilingual)
    assert_clean_failure(result)
    lines = result.err.strip().splitlines()
    assert ISSUE_LINE.match(lines[0])
    assert lines[0].startswith("translations/ar/action.yml:2:")
    assert "steps[0].titel: unknown field 'titel'. Hint: did you mean 'title'?" in lines[0]


def test_unknown_language_is_a_usage_error() -> None:
    for command in ("translations", "generate"):
        result = run_cli(command, "--content", MULTILINGUAL, "--lang", "de")
        assert_clean_failure(result, code=2)
        assert "no language 'de'" in result.err


def test_validate_checks_and_names_translations() -> None:
    result = run_cli("validate", "--content", MULTILINGUAL)
    assert result.code == 0
    assert result.out == (
        "OK: 2 concerns, 2 articles, 2 sources, 4 countries. Translations: ar, es, fr.\n"
    )


def test_generate_one_language(tmp_path: Path) -> None:
    result = run_cli("generate", "--content", MULTILINGUAL, "--lang", "ar", "--out", tmp_path)
    assert result.code == 0, result.err
    page = (tmp_path / "concerns/weak-safeguards.md").read_text(encoding="utf-8")
    assert '<h1 id="top">ضمانات ضعيفة</h1>' in page


# --- the built site --------------------------------------------------------------------------


SOURCE_ONLY = ("briefing/", "open-data/", "maintainers/")  # published in English only


def test_each_language_is_built_under_its_folder(multilingual_site: Path) -> None:
    english = {p for p in snapshot(multilingual_site) if not re.match(r"(ar|es|fr)/", p)}
    for folder in ("ar/", "es/", "fr/"):
        theirs = {p.removeprefix(folder) for p in snapshot(multilingual_site / folder)}
        pages = {p for p in english if p.endswith(".html") and not p.startswith(SOURCE_ONLY)}
        assert pages <= theirs


def test_english_site_keeps_its_addresses(multilingual_site: Path, minimal_site: Path) -> None:
    ours = {p for p in snapshot(multilingual_site) if not re.match(r"(ar|es|fr)/", p)}
    assert ours == set(snapshot(minimal_site))


def test_lang_and_dir_on_every_page(multilingual_site: Path) -> None:
    # 404.html too: the theme's own page, which MkDocs does not count among the pages.
    for path in sorted(multilingual_site.rglob("*.html")):
        rel = path.relative_to(multilingual_site).as_posix()
        folder = next((f for f in ("ar/", "es/", "fr/") if rel.startswith(f)), "")
        code, direction = LANGUAGES[folder]
        text = path.read_text(encoding="utf-8")
        # The document's own direction, not only its body's (the themes set only that).
        root_dir = ' dir="rtl"' if direction == "rtl" else ""
        if 'http-equiv="refresh"' in text:  # an old address that redirects
            assert f'<html lang="{code}"{root_dir}>' in text
            continue
        assert f'<html lang="{code}" class="no-js"{root_dir}>' in text, rel
        assert f'<body dir="{direction}"' in text, rel


def test_language_menu_on_every_page_goes_to_the_same_page(multilingual_site: Path) -> None:
    page = html(multilingual_site, "es/concerns/secret-interception")
    links = re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link"'
        r'( aria-current="page")?>(.+?)</a>',
        page,
    )
    assert links == [
        ("../../../concerns/secret-interception/", "en", "", "English"),
        ("../../../ar/concerns/secret-interception/", "ar", "", "العربية"),
        ("../../../es/concerns/secret-interception/", "es", ' aria-current="page"', "Español"),
        ("../../../fr/concerns/secret-interception/", "fr", "", "Français"),
    ]
    for path in multilingual_site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        assert "http-equiv" in text or text.count('class="md-select__link"') == 4, path


def test_hreflang_alternates_in_every_language_sitemap(multilingual_site: Path) -> None:
    sitemap = (multilingual_site / "fr/sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(
        r"<loc>https://test.example.org/fr/concerns/weak-safeguards/</loc>.*?</url>", sitemap, re.S
    )
    assert entry
    assert re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry[0]) == [
        ("en", "https://test.example.org/concerns/weak-safeguards/"),
        ("ar", "https://test.example.org/ar/concerns/weak-safeguards/"),
        ("es", "https://test.example.org/es/concerns/weak-safeguards/"),
        ("fr", "https://test.example.org/fr/concerns/weak-safeguards/"),
        ("x-default", "https://test.example.org/concerns/weak-safeguards/"),
    ]
    # No <link rel="alternate"> per page: the theme's script would fetch "<href>/sitemap.xml".
    assert 'rel="alternate" hreflang' not in html(multilingual_site, "fr/concerns/weak-safeguards")


def test_search_index_per_language(multilingual_site: Path) -> None:
    for folder, (code, _) in LANGUAGES.items():
        index = json.loads((multilingual_site / folder / "search/search_index.json").read_text())
        expected = [code] if code == "en" else [code, "en"]
        assert index["config"]["lang"] == expected
        texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
        title = {"": "Weak safeguards", "ar/": "ضمانات ضعيفة", "es/": "Garantías débiles"}
        assert title.get(folder, "Garanties insuffisantes") in texts
        locations = {doc["location"] for doc in index["docs"]}
        assert "concerns/weak-safeguards/" in locations  # relative to its own language's root


def test_canonical_and_page_addresses_per_language(multilingual_site: Path) -> None:
    page = html(multilingual_site, "ar/concerns/weak-safeguards")
    assert (
        '<link rel="canonical" href="https://test.example.org/ar/concerns/weak-safeguards/">'
        in page
    )
    assert "<title>ضمانات ضعيفة - حملة تجريبية</title>" in page


def test_translated_text_cannot_inject_markup_in_the_built_site(
    multilingual: Path, tmp_path: Path
) -> None:
    evil = "<script>alert(1)</script> [x](javascript:alert(1))"
    (multilingual / "translations/fr/concerns/secret-interception.yml").write_text(
        f"title: {json.dumps(evil)}\n", encoding="utf-8"
    )
    (multilingual / "translations/fr/language.yml").write_text(
        f"name: {json.dumps('<img src=x onerror=alert(1)>')}\ndirection: ltr\nstatus: draft\n"
    )
    site = tmp_path / "site"
    assert run_cli("build", "--content", multilingual, "--site-dir", site).code == 0
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, path
        assert 'href="javascript:' not in text, path


def test_broken_translation_leaves_previous_site_byte_for_byte(
    multilingual: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(MINIMAL, tmp_path / "english-only")
    assert run_cli("build", "--content", tmp_path / "english-only", "--site-dir", site).code == 0
    before = snapshot(site)
    (multilingual / "translations/fr/articles.yml").write_text("articles:\n  - number: 99\n")
    result = run_cli("build", "--content", multilingual, "--site-dir", site)
    assert_clean_failure(result)
    assert result.err.startswith("translations/fr/articles.yml:2:")
    assert snapshot(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def test_a_language_the_theme_does_not_know(campaign: Path, tmp_path: Path) -> None:
    folder = campaign / "translations/sw"
    folder.mkdir(parents=True)
    (folder / "language.yml").write_text("name: Kiswahili\ndirection: ltr\nstatus: draft\n")
    (folder / "concerns").mkdir()
    (folder / "concerns/weak-safeguards.yml").write_text("title: Kinga dhaifu\n")
    site = tmp_path / "site"
    result = run_cli("build", "--content", campaign, "--site-dir", site)
    assert result.code == 0, result.err
    page = html(site, "sw/concerns/weak-safeguards")
    assert '<html lang="sw" class="no-js">' in page and '<body dir="ltr"' in page
    assert '<h1 id="top">Kinga dhaifu</h1>' in page
    # No UI catalogue for Swahili yet: the generator's words show in English, marked as such.
    assert '<span lang="en" dir="ltr">What the text says</span>' in page
    assert "tx-notice--untranslated" in page  # and the page says so, once


def test_the_404_page_a_host_serves_everywhere_speaks_every_language(
    multilingual_site: Path,
) -> None:
    """GitHub Pages serves the top 404.html for a missing address in /fr/ as anywhere else:
    a French reader finds a line in French there, leading to the French home page."""
    page = (multilingual_site / "404.html").read_text(encoding="utf-8")
    for code, direction, words, home in [
        ("fr", "ltr", "<strong>Page introuvable</strong>", "Aller à la page d’accueil"),
        ("es", "ltr", "<strong>Página no encontrada</strong>", "Ir a la página de inicio"),
        ("ar", "rtl", "<strong>الصفحة غير موجودة</strong>", "اذهب إلى الصفحة الرئيسية"),
    ]:
        line = f'<p lang="{code}" dir="{direction}">{words} <a href="/{code}/" hreflang="{code}">'
        assert line + home + "</a></p>" in page
    assert "not_found_elsewhere" not in page
    assert "<title>Page not found - Test campaign</title>" in page
    french = (multilingual_site / "fr/404.html").read_text(encoding="utf-8")
    assert "<title>Page introuvable - Campagne de test</title>" in french
    assert '<p lang="es"' not in french  # only the page every address can fall back to
