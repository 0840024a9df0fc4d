"""The engine adapters' settings and processes, prepared without starting an engine."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import MULTILINGUAL
from generator import engine_settings, pipeline
from generator.processes import EngineBuild
from generator.resources import theme_templates
from generator.site import MkDocsEngine
from generator.zensical_site import ZensicalEngine


def _prepared(engine: pipeline.Engine, folder: str, work: Path) -> EngineBuild:
    loaded = pipeline.load(MULTILINGUAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    docs = pipeline.write(outputs, folder, work / "docs")
    return engine.prepare(outputs.trees[folder], loaded.theme, docs, work)


def test_mkdocs_prepares_one_process_per_small_language(tmp_path: Path) -> None:
    build = _prepared(MkDocsEngine(), "ar/", tmp_path)
    [process] = build.processes
    assert process.argv[-1] == "mkdocs.yml" and process.cwd == tmp_path
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "ar" and config["theme"]["direction"] == "rtl"
    assert config["docs_dir"] == str(tmp_path / "docs")
    assert config["site_dir"] == str(tmp_path / "site")
    assert config["extra"]["tx_styles"]["cut"] == "theme.css"
    assert list(config["nav"][0].values()) == ["index.md"]


def test_zensical_prepares_its_own_settings(tmp_path: Path) -> None:
    build = _prepared(ZensicalEngine(), "fr/", tmp_path)
    [process] = build.processes
    assert process.argv[1:] == ["build", "--strict", "--config-file", "mkdocs.yml"]
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")  # relative: see adapter
    assert config["theme"]["variant"] == "classic" and config["theme"]["language"] == "fr"
    assert "hooks" not in config and config["validation"]["invalid_links"] is False


def test_the_headings_link_is_titled_in_the_pages_language(tmp_path: Path) -> None:
    """The "#" after each heading says what it is in the page's language, for both engines
    (they read the same toc settings); the other toc settings stay as the theme has them."""
    for engine, folder in ((MkDocsEngine(), "fr/"), (ZensicalEngine(), "ar/")):
        work = tmp_path / folder.strip("/")
        _prepared(engine, folder, work)
        config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
        [toc] = [
            x["toc"] for x in config["markdown_extensions"] if isinstance(x, dict) and "toc" in x
        ]
        said = {"fr/": "Lien vers cette section", "ar/": "رابط إلى هذا القسم"}[folder]
        assert toc == {"permalink": "#", "permalink_title": said}


def test_each_engine_is_asked_which_languages_its_theme_knows(tmp_path: Path) -> None:
    """A language the theme has no words for gets a file that borrows the nearest it has;
    which languages that is depends on the engine's own theme, not on the other's."""
    loaded = pipeline.load(MULTILINGUAL)
    tree = pipeline.render(loaded, language="fr")["fr/"]
    for package in ("material", "zensical"):
        templates = theme_templates(package)
        assert templates is not None
        work = tmp_path / package
        config = engine_settings.engine_config(
            tree, loaded.theme, work / "docs", work / "site", work, templates
        )
        assert config["theme"]["custom_dir"] == str(loaded.theme.override_dir(work))
        assert not (work / "overrides-fr").exists()
    unknown = tmp_path / "none"
    config = engine_settings.engine_config(
        tree, loaded.theme, unknown / "docs", unknown / "site", unknown, None
    )
    partial = unknown / "overrides-fr/partials/languages/fr.html"
    assert config["theme"]["custom_dir"] == str(unknown / "overrides-fr")
    assert partial.read_text(encoding="utf-8").startswith(
        '{% import "partials/languages/en.html" as base %}'
    )
