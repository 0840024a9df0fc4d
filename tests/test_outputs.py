"""The output registry: one owner per path of the built site, clashes named at their YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ISSUE_LINE, assert_clean_failure, run_cli
from generator.errors import ContentError
from generator.outputs import register, site_path
from generator.render import RenderedSite
from generator.slugs import RESERVED_SLUGS
from generator.yamlsrc import Place


def test_site_paths_are_where_the_engine_puts_pages() -> None:
    assert site_path("index.md") == "index.html"
    assert site_path("concerns/index.md") == "concerns/index.html"
    assert site_path("concerns/x.md") == "concerns/x/index.html"
    assert site_path("concerns/x/index.html") == "concerns/x/index.html"
    assert site_path("data/campaign.json") == "data/campaign.json"


def test_two_outputs_for_one_path_name_both_yaml_places() -> None:
    tree = RenderedSite()
    tree.add("concerns/a.md", "page", "concern:a")
    tree.add("concerns/a/index.html", "redirect", "alias:a")  # the same page once built
    places = {
        "concern:a": Place("concerns/a.yml", 2, 7, "slug"),
        "alias:a": Place("concerns/b.yml", 30, 5, "aliases[0]"),
    }
    with pytest.raises(ContentError) as caught:
        register({"": tree}, {}, places)
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.field) == (
        "concerns/b.yml",
        30,
        5,
        "aliases[0]",
    )
    assert "'concerns/a/index.html'" in issue.message
    assert "concerns/a.yml:2:7 (slug)" in issue.message
    assert "concerns/b.yml:30:5 (aliases[0])" in issue.message


def test_a_path_written_twice_in_one_tree_is_a_clash_not_a_silent_overwrite() -> None:
    tree = RenderedSite()
    tree.add("concerns/index.md", "the list")
    tree.add("concerns/index.md", "a concern", "concern:index")
    places = {"concern:index": Place("concerns/index.yml", 2, 7, "slug")}
    with pytest.raises(ContentError) as caught:
        register({"": tree}, {}, places)
    [issue] = caught.value.issues
    assert issue.file == "concerns/index.yml"
    assert "the site's own page concerns/index.md" in issue.message


def test_the_source_language_cannot_write_into_a_translations_folder() -> None:
    source, french = RenderedSite(), RenderedSite()
    source.add("fr/index.md", "x", "concern:fr")
    french.add("index.md", "accueil")
    with pytest.raises(ContentError) as caught:
        register({"": source, "fr/": french}, {}, {"concern:fr": Place("concerns/fr.yml", 2, 7)})
    [issue] = caught.value.issues
    assert issue.file == "concerns/fr.yml"
    assert "the 'fr' translation's folder" in issue.message


def test_a_concern_named_index_is_refused_when_validating(campaign: Path) -> None:
    old = campaign / "concerns/secret-interception.yml"
    text = old.read_text().replace("slug: secret-interception", "slug: index")
    (campaign / "concerns/index.yml").write_text(text)
    old.unlink()
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("related: [secret-interception]\n", ""))
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    [line, _] = result.err.splitlines()
    match = ISSUE_LINE.match(line)
    assert match and match["file"] == "concerns/index.yml", line
    assert "slug: 'index' is a name the site uses for its own pages." in line
    assert "Hint: choose another address, e.g. 'index-concern'" in line


def test_an_alias_named_like_a_site_folder_is_refused(campaign: Path) -> None:
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("[old-safeguards]", "[old-safeguards, assets]"))
    result = run_cli("validate", "--content", campaign)
    assert_clean_failure(result)
    assert "aliases[1]: 'assets' is a name the site uses for its own pages." in result.err


def test_a_campaign_file_where_the_generator_writes_is_refused(campaign: Path) -> None:
    (campaign / "docs/assets/cards").mkdir(parents=True)
    (campaign / "docs/assets/cards/weak-safeguards.png").write_bytes(b"not a card")
    (campaign / "docs/assets/javascripts").mkdir()
    (campaign / "docs/assets/javascripts/bundle.js").write_text("/* mine */")
    result = run_cli("build", "--content", campaign, "--site-dir", campaign.parent / "site")
    assert_clean_failure(result)
    lines = result.err.splitlines()
    assert any(
        line.startswith(
            "docs/assets/cards/weak-safeguards.png:1:1: two outputs want the site "
            "path 'assets/cards/weak-safeguards.png'"
        )
        for line in lines
    ), lines
    assert any("what the site engine writes at assets/javascripts/" in line for line in lines)
    assert not (campaign.parent / "site").exists()


def test_every_top_level_name_of_a_built_site_is_reserved(multilingual_site: Path) -> None:
    """A new page or folder at the top of the site must be added to RESERVED_SLUGS."""
    languages = {"ar", "es", "fr"}
    names = {p.name.split(".")[0] for p in multilingual_site.iterdir()} - languages
    assert names <= RESERVED_SLUGS, names - RESERVED_SLUGS
