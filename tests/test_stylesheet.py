"""Cutting the theme's stylesheet to what a site uses (generator/stylesheet.py), on small
stylesheets and sites in tmp_path. The browser proves the cut changes nothing a reader
sees (test_browser_stylesheet.py); these say what is kept and what goes, and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build
from generator.stylesheet import CUT, Vocabulary, cut, cut_as_set, prune, settings


def kept(css: str, markup: str = "", scripts: tuple[str, ...] = ()) -> str:
    return prune(css, Vocabulary.of(markup, scripts)).strip()


def test_a_rule_for_a_class_no_tag_has_goes() -> None:
    css = ".used{color:red}.unused{color:blue}"
    assert kept(css, '<p class="used">') == ".used{color:red}"


def test_prose_keeps_nothing() -> None:
    """Only tags count: a page that says "unused" in its text does not use the class."""
    assert kept(".unused{color:blue}", "<p>") == ""
    assert kept(".unused{color:blue}", '<p title="x">unused') == ""


def test_a_selector_list_keeps_only_its_matching_selectors() -> None:
    css = ".a,.b .c,#d{margin:0}"
    assert kept(css, '<p class="a"><i id="d">') == ".a,#d{margin:0}"


def test_elements_ids_and_attributes_must_occur() -> None:
    css = "table{x:1}dl{x:2}[dir=rtl] .a{x:3}[dir=ltr] .a{x:4}[data-q]{x:5}#top{x:6}"
    markup = '<table dir="rtl" class="a"><a id="top">'
    assert kept(css, markup) == "table{x:1}[dir=rtl] .a{x:3}#top{x:6}"


def test_a_substring_match_checks_only_the_attribute() -> None:
    assert kept('[href^="https:"]{x:1}', '<a href="/">') == '[href^="https:"]{x:1}'
    assert kept('[class*="lang"]{x:1}', '<a class="x">') == '[class*="lang"]{x:1}'
    assert kept('[class*="lang"]{x:1}', "<a>") == ""


def test_what_a_selector_only_excludes_never_drops_it() -> None:
    css = ".a:not(.gone){x:1}.a:is(.gone,.b){x:2}.a:hover{x:3}.a::before{x:4}"
    assert kept(css, '<p class="a">') == css


def test_what_a_script_names_is_kept() -> None:
    """The theme's script adds classes to the page: its words count, anywhere in it."""
    css = ".md-search--open{x:1}.md-fact--stars{x:2}.md-other{x:3}"
    script = 'el.classList.add("md-search--open");f.className="md-fact--"+key'
    assert kept(css, "<p>", (script,)) == ".md-search--open{x:1}.md-fact--stars{x:2}"


TOOLTIP_AND_SEARCH = ".md-tooltip2{x:1}.md-search-result__item{x:2}"
THEME_SCRIPT = 'x("div",{class:"md-tooltip2"});x("li",{class:"md-search-result__item"})'


def config(**settings: object) -> str:
    """The theme's settings for its script, as every page of the theme holds them."""
    return f'<script id="__config" type="application/json">{json.dumps(settings)}</script>'


def test_a_part_the_script_draws_only_when_asked_goes_when_nothing_asks() -> None:
    """The theme's script holds the tooltips' classes on every site; it draws them only
    when a feature asks. What it always draws (search results) stays."""
    page = "<p>" + config(features=["search.highlight"], version=None)
    assert kept(TOOLTIP_AND_SEARCH, page, (THEME_SCRIPT,)) == ".md-search-result__item{x:2}"


def test_a_feature_a_class_or_an_attribute_asks_for_the_part() -> None:
    by_feature = "<p>" + config(features=["content.tooltips"])
    by_class = '<div class="highlight annotate">'
    by_attribute = '<a href="/x/" data-preview>'
    for page in (by_feature, by_class, by_attribute):
        assert kept(TOOLTIP_AND_SEARCH, page, (THEME_SCRIPT,)) == TOOLTIP_AND_SEARCH, page


def test_words_in_attribute_values_ask_for_nothing() -> None:
    """A button labelled "copy" is not a code block that asks for copy buttons."""
    css = ".md-code__button{x:1}"
    script = 'x("button",{class:"md-code__button"})'
    assert kept(css, '<button title="copy select annotate" data-label="copy">', (script,)) == ""
    assert kept(css, '<pre class="copy">', (script,)) == css


def test_a_setting_asks_for_the_version_menu() -> None:
    css = ".md-version__list{x:1}"
    script = 'x("ul",{class:"md-version__list"})'
    assert kept(css, config(version=None), (script,)) == ""
    assert kept(css, config(version={"provider": "mike"}), (script,)) == css


def test_what_the_script_only_looks_for_counts_only_in_the_pages() -> None:
    css = ".highlight .k{x:1}"
    script = 'features:["search.highlight"];M(".highlight .k")'
    assert kept(css, "<pre>", (script,)) == ""
    assert kept(css, '<div class="highlight"><span class="k">', (script,)) == css


def test_rules_inside_media_and_supports_are_cut_and_empty_ones_go() -> None:
    css = "@media screen and (min-width:60em){.a{x:1}.b{x:2}}@media print{.b{x:3}}"
    assert kept(css, '<p class="a">') == "@media screen and (min-width:60em){.a{x:1}}"


def test_other_at_rules_stay_as_they_are() -> None:
    css = "@font-face{font-family:F;src:url(f.woff2)}@keyframes spin{0%{x:0}to{x:1}}"
    assert kept(css) == css


def test_custom_properties_nobody_reads_go_after_the_rules_that_read_them() -> None:
    css = (
        ":root{--used:1px;--chain:var(--deep);--deep:2px;--orphan:3px}"
        ".a{margin:var(--used)}.gone{margin:var(--chain)}"
    )
    assert kept(css, '<html><p class="a">') == ":root{--used:1px}.a{margin:var(--used)}"


def test_a_custom_property_named_by_a_script_or_style_attribute_stays() -> None:
    css = ":root{--from-js:1;--from-style:2;--no:3}"
    markup = '<html style="--from-style:4">'
    assert (
        kept(css, markup, ("s.setProperty('--from-js', 1)",)) == ":root{--from-js:1;--from-style:2}"
    )


def test_important_and_values_survive_as_written() -> None:
    css = '.a{color:red!important;content:"a, b";background:url(data:image/svg+xml;base64,AA==)}'
    assert kept(css, '<p class="a">') == css


def test_a_rule_with_nested_rules_is_kept_whole() -> None:
    css = ".a{color:red;&:hover{color:blue}}"
    assert kept(css, '<p class="a">') == ".a{color:red;&:hover{color:blue}}"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A site as an engine leaves it: pages, the theme's stylesheet and script."""
    site = tmp_path / "site"
    (site / "assets/stylesheets").mkdir(parents=True)
    (site / "assets/javascripts/lunr").mkdir(parents=True)
    (site / "assets/stylesheets/main.1234abcd.min.css").write_text(
        ".md-page{x:1}.md-dialog--active{x:2}.md-lunr-only{x:3}.md-nowhere{x:4}"
    )
    (site / "assets/javascripts/bundle.js").write_text('e.classList.add("md-dialog--active")')
    (site / "assets/javascripts/lunr/lunr.fr.js").write_text('"md-lunr-only"')
    (site / "deep/page").mkdir(parents=True)
    (site / "deep/page/index.html").write_text('<main class="md-page">md-nowhere</main>')
    return site


def test_cut_writes_theme_css_beside_the_theme_file(built: Path) -> None:
    written = cut(built, "assets/stylesheets/main.1234abcd.min.css")
    assert written == built / "assets/stylesheets" / CUT
    assert written.read_text() == ".md-page{x:1}.md-dialog--active{x:2}\n"
    assert (built / "assets/stylesheets/main.1234abcd.min.css").read_text().count("{") == 4


def test_only_a_build_whose_settings_say_so_is_cut(built: Path) -> None:
    assert cut_as_set({"extra": {}}, built) == built
    assert not (built / "assets/stylesheets" / CUT).exists()
    config = settings({"extra": {"kept": 1}}, "assets/stylesheets/main.1234abcd.min.css")
    assert config["extra"]["kept"] == 1
    assert config["extra"]["tx_styles"]["theme"] == "main.1234abcd.min.css"
    cut_as_set(config, built)
    assert (built / "assets/stylesheets" / CUT).is_file()


TOOLTIP_RULE = ".md-tooltip2{"


def test_a_built_site_keeps_the_parts_its_settings_ask_for(
    campaign: Path, minimal_site: Path, tmp_path: Path
) -> None:
    """Turning a theme feature on in the campaign's mkdocs.yml is all it takes: the pages
    carry the feature, and the cut keeps the rules of what the theme's script then draws."""
    assert TOOLTIP_RULE not in (minimal_site / "assets/stylesheets" / CUT).read_text()
    (campaign / "mkdocs.yml").write_text("theme:\n  features:\n    - content.tooltips\n")
    site = build(campaign, tmp_path / "site")
    assert TOOLTIP_RULE in (site / "assets/stylesheets" / CUT).read_text()
