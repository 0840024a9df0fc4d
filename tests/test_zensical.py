"""The generated docs tree also builds with Zensical, Material for MkDocs' successor."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, MULTILINGUAL, ROOT, build, run_cli, snapshot
from generator.linkcheck import check_site
from generator.loader import load_campaign


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    result = run_cli(
        "build", "--engine", "zensical", "--no-cache", "--content", MINIMAL, "--site-dir", site
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Built ")
    return site


def test_every_concern_page_is_built(zensical_site: Path) -> None:
    campaign = load_campaign(MINIMAL)
    for concern in campaign.concerns:
        html = (zensical_site / f"concerns/{concern.slug}/index.html").read_text(encoding="utf-8")
        assert f'<h1 id="top">{concern.title}</h1>' in html
        assert f"<title>{concern.title} - Test campaign</title>" in html  # our override
        for alias in concern.aliases:
            redirect = (zensical_site / f"concerns/{alias}/index.html").read_text("utf-8")
            assert f'href="../../concerns/{concern.slug}/"' in redirect
    for page in [
        "index.html",
        "concerns/index.html",
        "articles/5/index.html",
        "404.html",
        "maintainers/fields/index.html",
    ]:
        assert (zensical_site / page).is_file(), page


def test_theme_overrides_and_our_assets_are_used(zensical_site: Path) -> None:
    html = (zensical_site / "concerns/weak-safeguards/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    assert re.search(r'<script src="\.\./\.\./assets/theme-setup\.js"', html)
    # Material's look ("classic", not "modern"), cut to what the site uses (stylesheet.py).
    assert "assets/stylesheets/classic/theme.css" in html
    assert (zensical_site / "assets/stylesheets/classic/theme.css").is_file()
    assert "assets/site.css" in html


@pytest.fixture(scope="module")
def multilingual_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MULTILINGUAL, tmp_path_factory.mktemp("zensical-i18n") / "site", "zensical")


@pytest.mark.parametrize(
    ("folder", "lang", "direction", "title"),
    [
        ("", "en", "ltr", "Weak safeguards"),
        ("fr/", "fr", "ltr", "Garanties insuffisantes"),
        ("es/", "es", "ltr", "Garantías débiles"),
        ("ar/", "ar", "rtl", "ضمانات ضعيفة"),
    ],
)
def test_every_language_is_built_with_its_language_direction_and_search(
    multilingual_zensical: Path, folder: str, lang: str, direction: str, title: str
) -> None:
    root = multilingual_zensical / folder
    html = (root / "concerns/weak-safeguards/index.html").read_text(encoding="utf-8")
    root_dir = ' dir="rtl"' if direction == "rtl" else ""  # as the MkDocs build writes it
    assert f'<html lang="{lang}" class="no-js"{root_dir}>' in html
    assert f'<body dir="{direction}"' in html
    assert f'<h1 id="top">{title}</h1>' in html
    index = json.loads((root / "search.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"][0] == lang
    found = {item["title"] for item in index["items"] if item["location"].startswith("concerns/")}
    assert title in found
    # Each language's index holds its own pages only, addressed from its own folder.
    assert not [i for i in index["items"] if i["location"].startswith(("fr/", "es/", "ar/"))]


def _content_targets(site: Path, page: Path) -> list[str]:
    """Where each link of a page's article leads, as a site-absolute path."""
    article = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
    here = "/" + page.parent.relative_to(site).as_posix() + "/"
    found = []
    for href in re.findall(r'<a [^>]*?href="([^"]*)"', article.group(0) if article else ""):
        if re.match(r"[a-z]+:|/|#", href):
            found.append(href)
            continue
        depth = here.replace("/./", "/").count("/") - 1
        for segment in href.split("#")[0].split("/"):
            depth -= segment == ".."
            assert depth >= 0, f"{page}: {href} climbs above the site's root"
        found.append(posixpath.normpath(posixpath.join(here, href.split("#")[0])))
    return sorted(found)


def test_every_link_in_every_language_leads_where_it_does_with_mkdocs(
    multilingual_zensical: Path, multilingual_site: Path
) -> None:
    """Zensical reads a link in a page's HTML as relative to the page's file: from
    about.md it added a '../' to every link, so a French page's links led to the English
    pages (and out of a site served from a folder) while every target still existed."""
    pages = sorted(multilingual_site.rglob("index.html"))
    assert len(pages) > 70
    for page in pages:
        twin = multilingual_zensical / page.relative_to(multilingual_site)
        assert _content_targets(multilingual_zensical, twin) == _content_targets(
            multilingual_site, page
        ), page.relative_to(multilingual_site)


def test_two_pages_for_one_address_are_refused_not_overwritten(tmp_path: Path) -> None:
    from generator.errors import SiteBuildError
    from generator.zensical_site import pages_as_folders

    (tmp_path / "guide").mkdir()
    (tmp_path / "guide.md").write_text("# A", encoding="utf-8")
    (tmp_path / "guide/index.md").write_text("# B", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"guide\.md and guide/index\.md"):
        pages_as_folders(tmp_path)
    assert (tmp_path / "guide/index.md").read_text(encoding="utf-8") == "# B"


def test_home_pages_are_named_after_the_site_and_search_words_stay_hidden(
    multilingual_zensical: Path,
) -> None:
    """Zensical leaves page.is_homepage unset (a shared home page was "Home"), and shows a
    page's front matter tags (our search words) at its top."""
    for folder, name in (("", "Test campaign"), ("fr/", "Campagne de test")):
        home = (multilingual_zensical / folder / "index.html").read_text(encoding="utf-8")
        assert f"<title>{name}</title>" in home
        assert f'<meta property="og:title" content="{name}">' in home
    for page in multilingual_zensical.rglob("concerns/*/index.html"):
        assert "md-tags" not in page.read_text(encoding="utf-8"), page


def test_each_page_loads_no_palette_and_runs_no_inline_script(zensical_site: Path) -> None:
    """One colour scheme (site.css): no palette stylesheet, and none of the theme's inline
    scripts, which the Content-Security-Policy would block with an error in the console."""
    for page in zensical_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "/palette." not in html, page
        assert not re.search(r"<script>|<script (?![^>]*\b(src|type)=)", html), page


def test_search_dialog_repairs_are_loaded_on_zensical_sites_only(
    zensical_site: Path, minimal_site: Path
) -> None:
    script = '<script src="../../assets/zensical-a11y.js"></script>'
    assert script in (zensical_site / "concerns/weak-safeguards/index.html").read_text("utf-8")
    assert script not in (minimal_site / "concerns/weak-safeguards/index.html").read_text("utf-8")


def test_search_index_has_the_concerns(zensical_site: Path) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    titles = {item["title"] for item in index["items"]}
    assert {"Weak safeguards", "Secret interception"} <= titles


def test_search_finds_a_concern_on_its_own_page_not_in_every_list_of_them(
    zensical_site: Path,
) -> None:
    """Zensical refuses a search field over 64 kB: the lists of every concern would pass
    that with some hundreds of concerns (a thousand made one of 200 kB)."""
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    text = {item["location"]: item["text"] for item in index["items"]}
    for section in ("#concerns", "concerns/#all", "concerns/#by-article", "articles/5/#concerns"):
        assert "Weak safeguards" not in text.get(section, ""), section
    assert "Article 5 Safeguards" in text["concerns/#by-article"]


def test_links_are_as_sound_as_with_mkdocs(zensical_site: Path, tmp_path: Path) -> None:
    assert check_site(zensical_site).broken == []
    # Zensical checks no links of its own (NO_LINK_VALIDATION): `generator links`, which
    # CI and the deploy run, finds a broken one in its pages.
    site = shutil.copytree(zensical_site, tmp_path / "site")
    page = site / "concerns" / "weak-safeguards" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="../../' in html
    page.write_text(html.replace('href="../../', 'href="../../no-such-page/', 1), "utf-8")
    broken = check_site(site).broken
    assert len(broken) == 1 and "no-such-page/" in broken[0], broken


def test_zensicals_markdown_sets_the_generated_html_blocks_aside_too(tmp_path: Path) -> None:
    """Zensical converts each page with Python-Markdown in Python, and loads the extensions
    mkdocs.yml names: the HTML-block step (generator/html_blocks.py) is named there, and
    its process, started elsewhere, finds it."""
    from generator.processes import python_env
    from generator.zensical_site import HTML_BLOCKS, PAGE_HTML, zensical_config

    config = zensical_config({"theme": {"name": "material"}, "markdown_extensions": ["toc"]})
    assert config["markdown_extensions"] == ["toc", HTML_BLOCKS, PAGE_HTML]
    page = repr("<div>\n\n*a*\n\n</div>\n\n*b*")
    named = [HTML_BLOCKS, PAGE_HTML]
    code = f"import markdown; print(markdown.markdown({page}, extensions={named!r}))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=python_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "<div>\n\n*a*\n\n</div>\n\n<p><em>b</em></p>"


@pytest.mark.parametrize("content", [MULTILINGUAL, ROOT], ids=["multilingual", "campaign"])
def test_a_language_built_in_parts_is_the_site_one_zensical_process_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: Path
) -> None:
    """Every language in three parts, each with the navigation's pages and its own run of
    the others: pages, search index and sitemap are byte for byte one process's."""
    from generator import engine_settings, pipeline, processes

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    whole = pipeline.build(content, tmp_path / "whole", "zensical").site_dir
    started: list[str] = []
    run_all = processes.run_all

    def spy(jobs: list[processes.Process], *args: float) -> None:
        started.extend(p.part for p in jobs)
        run_all(jobs, *args)

    monkeypatch.setattr(processes, "run_all", spy)
    monkeypatch.setattr(engine_settings, "PAGES_PER_PART", 2)
    monkeypatch.setattr(engine_settings, "workers", lambda: 3)
    parts = pipeline.build(content, tmp_path / "parts", "zensical").site_dir
    assert "the en pages, part 3 of 3" in started
    assert len(started) == 3 * (1 + len(pipeline.load(content).content.translations))
    built, expected = snapshot(parts), snapshot(whole)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def test_a_failed_zensical_build_leaves_the_previous_site(tmp_path: Path, campaign: Path) -> None:
    site = tmp_path / "site"
    assert (
        run_cli("build", "--engine", "zensical", "--content", campaign, "--site-dir", site).code
        == 0
    )
    before = (site / "index.html").read_bytes()
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("order: 10", "order: ten"))
    result = run_cli("build", "--engine", "zensical", "--content", campaign, "--site-dir", site)
    assert result.code == 1
    assert "order: must be a whole number" in result.err
    assert (site / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign", "site"]  # no scratch left


def test_nothing_before_the_site_step_imports_an_engine() -> None:
    code = (
        "import sys\n"
        "import generator.render, generator.reference, generator.scaffold, generator.linkcheck\n"
        "import generator.cli, generator.schema, generator.annotations\n"
        "engines = ('mkdocs', 'material', 'zensical')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in engines))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_tx_engine_chooses_the_engine_and_an_option_overrides_it(tmp_path: Path) -> None:
    """A campaign that has switched sets TX_ENGINE once, in its workflows and Makefile."""
    env = {"TX_ENGINE": "zensical"}
    site = tmp_path / "site"
    build = ["build", "--no-cache", "--content", MINIMAL, "--site-dir", site]
    assert run_cli(*build, env=env).code == 0
    assert (site / "search.json").is_file() and not (site / "search").exists()
    assert run_cli(*build, "--engine", "mkdocs", env=env).code == 0
    assert (site / "search/search_index.json").is_file()
    wrong = run_cli(*build, env={"TX_ENGINE": "hugo"})
    assert wrong.code == 2
    assert wrong.err.startswith("error: TX_ENGINE=hugo: there is no such site engine.")
    assert (site / "search/search_index.json").is_file()  # the previous site, untouched


def test_what_zensical_refuses_is_said_in_its_own_words_without_its_traceback(
    campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Zensical 0.0.73 refuses, for one, a search-index field over 64 kB (an article cited
    by hundreds of concerns): the build fails with its reason, not a Python traceback."""
    from generator import zensical_site
    from generator.cli import main

    refuse = tmp_path / "zensical"
    refuse.write_text(
        "#!/bin/sh\necho 'Build started'\necho 'Traceback (most recent call last):'\n"
        "echo '  File \"main.py\", line 81, in execute_build'\n"
        "echo \"RuntimeError: Search field 'text' at '#concerns' exceeds the search index "
        'limit."\nexit 1\n'
    )
    refuse.chmod(0o755)
    monkeypatch.setattr(zensical_site, "ZENSICAL", refuse)
    site = tmp_path / "site"
    code = main(
        ["build", "--engine", "zensical", "--content", str(campaign), "--site-dir", str(site)]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "Zensical refused the pages: Search field 'text' at '#concerns' exceeds" in err
    assert "Traceback" not in err
    assert not site.exists()


def test_a_build_without_zensical_installed_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from generator import zensical_site
    from generator.errors import EngineError

    assert zensical_site.theme_stylesheet().startswith("assets/stylesheets/classic/main.")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a)
    )
    with pytest.raises(EngineError, match="Zensical is not installed"):
        zensical_site.theme_stylesheet()
