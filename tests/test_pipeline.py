"""Each stage of the pipeline run alone, on real campaigns, with plain objects in and out."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, MULTILINGUAL, snapshot
from generator import minify, pipeline, resources, scratch, writer
from generator.cache import Cache
from generator.errors import ContentError, SiteBuildError, UsageError
from generator.outputs import Outputs
from generator.processes import EngineBuild
from generator.render import RenderedSite
from generator.theme import Theme, merge


def test_load_reads_content_translations_and_theme() -> None:
    loaded = pipeline.load(MULTILINGUAL)
    assert [x.code for x in loaded.content.languages] == ["en", "ar", "es", "fr"]
    assert loaded.theme.overrides == (resources.OVERRIDES,)
    assert loaded.theme.config["theme"]["name"] == "material"
    assert loaded.content.places["concern:weak-safeguards"].file == "concerns/weak-safeguards.yml"


def test_load_reports_content_and_engine_settings_together(campaign: Path) -> None:
    (campaign / "mkdocs.yml").write_text("site_name: Mine\ntheme:\n  language: fr\n")
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("order: 10", "order: ten"))
    with pytest.raises(ContentError) as caught:
        pipeline.load(campaign)
    found = {(i.file, i.line, i.field) for i in caught.value.issues}
    assert ("mkdocs.yml", 1, "site_name") in found
    assert ("mkdocs.yml", 3, "theme.language") in found
    assert ("concerns/weak-safeguards.yml", 5, "order") in found


def test_render_gives_one_tree_per_language_source_first() -> None:
    loaded = pipeline.load(MULTILINGUAL)
    trees = pipeline.render(loaded)
    assert list(trees) == ["", "ar/", "es/", "fr/"]
    assert all(isinstance(t, RenderedSite) for t in trees.values())
    assert trees["fr/"].config["language"] == "fr"
    assert list(pipeline.render(loaded, language="fr")) == ["fr/"]
    with pytest.raises(UsageError, match="no language 'de'"):
        pipeline.render(loaded, language="de")


def test_register_gives_every_built_path_one_owner() -> None:
    loaded = pipeline.load(MULTILINGUAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    owners = outputs.registry
    assert owners["concerns/weak-safeguards/index.html"].origin == "concern:weak-safeguards"
    assert owners["fr/concerns/weak-safeguards/index.html"].name == "concerns/weak-safeguards.md"
    assert owners["concerns/old-safeguards/index.html"].origin == "alias:old-safeguards"
    assert owners["assets/site.css"].origin == "asset:assets/site.css"
    assert owners["fr/assets/site.css"].folder == "fr/"
    assert owners["search.json"].origin.startswith("engine:")


def test_write_puts_one_language_on_disk_and_removes_stale_files(tmp_path: Path) -> None:
    loaded = pipeline.load(MINIMAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    docs = tmp_path / "docs"
    pipeline.write(outputs, "", docs)
    (docs / "concerns/gone.md").write_text("stale")
    before = (docs / "index.md").stat().st_mtime_ns
    pipeline.write(outputs, "", docs)
    assert not (docs / "concerns/gone.md").exists()
    assert (docs / "index.md").stat().st_mtime_ns == before  # unchanged files stay untouched
    source = (resources.ASSETS / "site.css").read_bytes()
    assert (docs / "assets/site.css").read_bytes() == minify.published("site.css", source)


def test_a_page_loses_its_indentation_and_blank_lines_but_no_text() -> None:
    page = (
        "<div>\n    <p>Two\n\n   words  </p>\n  <pre class=letter>Dear you,\n\n   Yours</pre>"
        "\n<script>\n  var a = 1;\n</script>\n<TEXTAREA>\n\n x</TEXTAREA>  \n  "
        "<style>\n a {}</style>"
    )
    assert minify.page(page) == (
        "<div>\n<p>Two\nwords  </p>\n<pre class=letter>Dear you,\n\n   Yours</pre>"
        "\n<script>\n  var a = 1;\n</script>\n<TEXTAREA>\n\n x</TEXTAREA>\n<style>\n a {}</style>"
    )
    assert minify.page("no element kept\n   at all\n") == "no element kept\nat all\n"


def test_the_search_only_mark_leaves_tags_but_not_text() -> None:
    page = (
        '<div data-search-exclude><p class="x" data-search-exclude="">Use data-search-exclude'
        "</p></div><pre><code>&lt;p data-search-exclude&gt;</code></pre>"
    )
    assert minify.page(page) == (
        '<div><p class="x">Use data-search-exclude</p></div>'
        "<pre><code>&lt;p data-search-exclude&gt;</code></pre>"
    )


def test_a_tag_loses_every_search_only_mark_it_has() -> None:
    page = '<p data-search-exclude class="a" data-search-exclude="">x</p>'
    assert minify.page(page) == '<p class="a">x</p>'


# Pieces of a page put together at random (a fixed seed: the same test on every run).
PAGE_PIECES = [
    *["\n", " ", "\t", "  \n", "\n\n", "\n \n", "\xa0", "\r", "\f", "a", "x y", "/"],
    *["<p>", "</p>", "<div", ">", "<", "<1", "<é", "data-search-exclude"],
    *[" data-search-exclude", ' data-search-exclude=""'],
]


def test_indentation_and_search_marks_go_exactly_as_their_patterns_say() -> None:
    """minify.page takes these out line by line and mark by mark, for speed: the same
    result as the patterns that define them (every mark: the pattern takes one a pass)."""

    def every_mark_gone(text: str) -> str:
        while (fewer := minify.SEARCH_ONLY.sub(r"\1", text)) != text:
            text = fewer
        return text

    rng = random.Random(20261203)
    for _ in range(20000):
        text = "".join(rng.choices(PAGE_PIECES, k=rng.randint(0, 14)))
        assert minify._unindented(text) == minify.INDENTED.sub("\n", text), repr(text)
        assert minify._without_search_marks(text) == every_mark_gone(text), repr(text)


def test_the_themes_settings_lose_what_no_page_uses() -> None:
    settings = (
        '{"base": "..", "features": [], "search": "w.js", "translations": {"clipboard.copy": '
        '"Copy", "clipboard.copied": "Copied", "search.result.none": "\\u003c\\u0644\\u0627",'
        ' "select.version": "V"}, "annotate": null, "tags": null, "version": {"provider": "m"}}'
    )
    page = f'<p>a</p><script id="__config" type="application/json">{settings}</script>'
    assert minify.theme_settings(page) == (
        '<p>a</p><script id="__config" type="application/json">{"base":"..","features":[],'
        '"search":"w.js","translations":{"search.result.none":"\\u003cلا"},'
        '"version":{"provider":"m"}}</script>'
    )
    assert minify.theme_settings("<p>no settings</p>") == "<p>no settings</p>"


def test_built_pages_are_squeezed_with_letters_kept(minimal_site: Path) -> None:
    """The engine's pages without the theme's indentation; a letter's blank lines stay."""
    page = (minimal_site / "action/index.html").read_text(encoding="utf-8")
    assert "\n  " not in page.split("<pre", 1)[0]
    letter = page.split('<pre class="tx-letter"', 1)[1].split("</pre>", 1)[0]
    assert "\n\n" in letter
    assert "data-search-exclude" not in page and '"clipboard.copy"' not in page
    assert '"search.result.none":"No matching documents"' in page


def test_the_generators_stylesheet_and_scripts_are_published_without_comments() -> None:
    loaded = pipeline.load(MINIMAL)
    files = pipeline.register(loaded, pipeline.render(loaded)).files("")
    ours = [name for name in files if name.endswith((".css", ".js"))]
    assert "assets/site.css" in ours and "assets/site.js" in ours
    for name in ours:
        source = (resources.ASSETS / name.removeprefix("assets/")).read_bytes()
        assert b"/*" in source or b"//" in source, f"{name} has comments to lose"
        published = files[name].decode("utf-8")
        assert "/*" not in published and "\n//" not in published, name
        assert len(published) < 0.85 * len(source), name


def test_write_changes_only_what_changed_and_prunes_empty_folders(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    writer.write_files({"index.md": b"home", "a/b/page.md": b"one", "a/c.md": b"two"}, docs)
    before = (docs / "a/c.md").stat().st_mtime_ns
    writer.write_files({"index.md": b"home", "a/c.md": b"two", "d/e.md": b"new"}, docs)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == [
        "a",
        "a/c.md",
        "d",
        "d/e.md",
        "index.md",
    ]
    assert (docs / "a/c.md").stat().st_mtime_ns == before
    writer.write_files({"index.md": b"changed", "a/c.md": b"shorter"}, docs)
    assert (docs / "index.md").read_bytes() == b"changed"
    assert (docs / "a/c.md").read_bytes() == b"shorter"


@pytest.mark.parametrize("name", ["../out.md", "/etc/out.md", "a/../../out.md", "a\\..\\b.md", ""])
def test_write_refuses_a_path_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(writer.WriteError, match="outside the output folder"):
        writer.write_files({"index.md": b"home", name: b"x"}, tmp_path / "docs")
    assert not (tmp_path / "out.md").exists()


def test_write_never_writes_through_a_link(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.md").write_text("keep me")
    writer.write_files({"index.md": b"home"}, docs)
    (docs / "page.md").symlink_to(elsewhere / "page.md")
    writer.write_files({"index.md": b"home", "page.md": b"x"}, docs)
    assert not (docs / "page.md").is_symlink()  # the link is replaced by the page
    assert (docs / "page.md").read_bytes() == b"x"
    (docs / "gone.md").symlink_to(elsewhere / "missing.md")
    with pytest.raises(writer.WriteError, match="through a link"):
        writer.write_files({"index.md": b"home", "gone.md": b"x"}, docs)
    (docs / "sub").symlink_to(elsewhere, target_is_directory=True)
    for name in ("sub/page.md", "sub/deeper/page.md"):
        with pytest.raises(writer.WriteError, match="outside the output folder"):
            writer.write_files({"index.md": b"home", name: b"x"}, docs)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["page.md"]
    assert (elsewhere / "page.md").read_text() == "keep me"


def test_write_links_a_cache_entry_and_never_changes_it(tmp_path: Path) -> None:
    """A share card from the cache is linked into the docs tree, not written again; a
    later build that writes other bytes there leaves the cache entry as it was."""
    cache = Cache(tmp_path / "cache")
    cache.put("cards", "key.png", b"card")
    entry = cache.get("cards", "key.png")
    docs = tmp_path / "docs"
    writer.write_files({"index.md": b"home", "card.png": entry}, docs)
    assert (docs / "card.png").samefile(tmp_path / "cache/cards/key.png")
    writer.write_files({"index.md": b"home", "card.png": b"other"}, docs)
    assert (docs / "card.png").read_bytes() == b"other"
    assert (tmp_path / "cache/cards/key.png").read_bytes() == b"card"


def test_write_refuses_a_folder_that_is_not_a_docs_tree(tmp_path: Path) -> None:
    loaded = pipeline.load(MINIMAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "mine.txt").write_text("keep me")
    with pytest.raises(UsageError, match="not a generated docs tree"):
        pipeline.write(outputs, "", precious)
    assert (precious / "mine.txt").read_text() == "keep me"


class CopyEngine:
    """A stand-in engine: 'builds' a docs tree by copying it, or fails on demand."""

    name = "copy"
    docs_anywhere = True

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.languages: list[str] = []
        self.docs: list[Path] = []  # where each language's docs tree was given
        self.cards_given = 0  # share cards in those trees (publish places them itself)

    def prepare(self, rendered: RenderedSite, theme: Theme, docs: Path, work: Path) -> EngineBuild:
        self.languages.append(rendered.config["language"])
        self.docs.append(docs)
        self.cards_given += len(list(docs.rglob("*.png")))

        def finish() -> Path:
            if rendered.config["language"] == self.fail_on:
                raise SiteBuildError("refused")
            shutil.copytree(docs, work / "site")
            (work / "site" / "index.html").write_text(rendered.config["language"])
            return work / "site"

        return EngineBuild([], finish)


def test_publish_builds_every_language_and_swaps_the_site_in(tmp_path: Path) -> None:
    loaded = pipeline.load(MULTILINGUAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    engine = CopyEngine()
    site = pipeline.publish(outputs, loaded.theme, tmp_path / "site", engine)
    assert engine.languages == ["en", "ar", "es", "fr"]
    assert (site / "index.html").read_text() == "en"
    assert (site / "fr/index.html").read_text() == "fr"
    assert (site / "fr/concerns/weak-safeguards.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publish_puts_the_share_cards_in_itself_and_keeps_no_docs_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine reads the docs trees in memory, without the cards; they are put into
    the built site after it, and the memory is left as it was found."""
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(scratch, "MEMORY", memory)
    engine = CopyEngine()
    loaded = pipeline.load(MULTILINGUAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    site = pipeline.publish(outputs, loaded.theme, tmp_path / "site", engine)
    assert engine.docs and all(docs.is_relative_to(memory) for docs in engine.docs)
    assert engine.cards_given == 0  # the engine is given no card to copy
    for folder, tree in outputs.trees.items():
        cards = [name for name in tree.files if name.endswith(".png")]
        assert cards
        for name in cards:
            assert (site / folder / name).read_bytes() == tree.files[name]
    assert list(memory.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory", "site"]


def test_what_a_killed_build_left_in_memory_is_swept_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scratch, "MEMORY", tmp_path)
    hour_ago = time.time() - scratch.STALE - 1
    folders = {
        "killed": f"{scratch.PREFIX}999999999-abc",  # above any process id Linux gives
        "running": f"{scratch.PREFIX}{os.getpid()}-abc",  # this one
        "recent": f"{scratch.PREFIX}999999999-new",  # no such process, but made just now
        "other": "tx-something-else",
    }
    for name in folders.values():
        (tmp_path / name / "docs").mkdir(parents=True)
        if not name.endswith("-new"):
            os.utime(tmp_path / name, (hour_ago, hour_ago))
    with scratch.docs_root(tmp_path / "beside", 1) as root:
        assert root.parent == tmp_path and root.name.startswith(f"{scratch.PREFIX}{os.getpid()}-")
        left = {p.name for p in tmp_path.iterdir()}
    assert folders["killed"] not in left
    assert {folders["running"], folders["recent"], folders["other"]} <= left


def test_without_room_in_memory_the_docs_trees_go_beside_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scratch, "MEMORY", tmp_path / "none")
    engine = CopyEngine()
    loaded = pipeline.load(MINIMAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    pipeline.publish(outputs, loaded.theme, tmp_path / "site", engine)
    assert engine.docs and all(docs.is_relative_to(tmp_path) for docs in engine.docs)
    with scratch.docs_root(tmp_path, 10**30) as root:  # more than any machine has
        assert root == tmp_path


def test_a_failed_engine_leaves_the_previous_site_as_it_was(tmp_path: Path) -> None:
    loaded = pipeline.load(MULTILINGUAL)
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    site = pipeline.publish(outputs, loaded.theme, tmp_path / "site", CopyEngine())
    before = snapshot(site)
    with pytest.raises(SiteBuildError):
        pipeline.publish(outputs, loaded.theme, site, CopyEngine(fail_on="es"))
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_swap_that_fails_half_way_puts_the_old_site_back(tmp_path: Path) -> None:
    """The old site is moved aside first; if the new one then cannot take its place, the
    old one must not stay in the trash, which the build's scratch folder deletes."""
    site, trash = tmp_path / "site", tmp_path / "old-site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        writer.swap_in(tmp_path / "vanished", site, trash)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert not trash.exists()
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    writer.swap_in(new, site, trash)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert (trash / "index.html").read_text(encoding="utf-8") == "old"


def test_move_into_moves_missing_folders_whole_and_reports_what_both_have(tmp_path: Path) -> None:
    part, site = tmp_path / "part", tmp_path / "site"
    for folder, files in {
        part: ["a/x/index.html", "b.html"],
        site: ["a/y/index.html", "b.html"],
    }.items():
        for name in files:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(f"{folder.name} {name}")
    inode = (part / "a/x").stat().st_ino
    both: list[Path] = []
    writer.move_into(part, site, both.append)
    assert (site / "a/x").stat().st_ino == inode  # moved as a folder, not file by file
    assert (site / "a/x/index.html").read_text() == "part a/x/index.html"
    assert (site / "a/y/index.html").read_text() == "site a/y/index.html"
    assert both == [site / "b.html"]
    assert (site / "b.html").read_text() == "site b.html"  # the other stays where it is
    assert (part / "b.html").is_file() and not (part / "a/x").exists()


def test_publish_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    loaded = pipeline.load(MINIMAL)
    outputs: Outputs = pipeline.register(loaded, pipeline.render(loaded))
    (tmp_path / "thesis.txt").write_text("years of work")
    with pytest.raises(UsageError, match="not a built site"):
        pipeline.publish(outputs, loaded.theme, tmp_path, CopyEngine())
    assert (tmp_path / "thesis.txt").read_text() == "years of work"


def test_a_campaign_lays_its_own_theme_over_the_generators(campaign: Path, tmp_path: Path) -> None:
    (campaign / "mkdocs.yml").write_text(
        "theme:\n  icon:\n    logo: material/earth\n"
        "extra_css: [assets/brand.css]\n"
        "markdown_extensions:\n  - toc:\n      permalink: false\n"
    )
    (campaign / "docs/assets").mkdir(parents=True)
    (campaign / "docs/assets/brand.css").write_text("body { color: #111 }\n")
    (campaign / "docs/assets/favicon.svg").write_text("<svg/>")
    (campaign / "docs/overrides").mkdir()
    (campaign / "docs/overrides/404.html").write_text("{% extends 'main.html' %}")
    loaded = pipeline.load(campaign)
    config = loaded.theme.config
    assert config["theme"]["icon"]["logo"] == "material/earth"
    assert config["theme"]["name"] == "material"  # the generator's settings stay
    assert config["extra_css"] == ["assets/site.css", "assets/brand.css"]
    assert {"toc": {"permalink": False}} in config["markdown_extensions"]
    assert "attr_list" in config["markdown_extensions"]
    outputs = pipeline.register(loaded, pipeline.render(loaded))
    files = outputs.files("")
    assert files["assets/favicon.svg"] == b"<svg/>"  # the campaign's replaces the generator's
    assert files["assets/brand.css"] == b"body { color: #111 }\n"  # the campaign's, as it is
    merged = loaded.theme.override_dir(tmp_path)
    assert (merged / "404.html").read_text() == "{% extends 'main.html' %}"
    assert (merged / "main.html").read_bytes() == (resources.OVERRIDES / "main.html").read_bytes()


def test_merge_changes_neither_side() -> None:
    base = {"theme": {"features": ["a"]}, "plugins": ["search"]}
    overlay = {"theme": {"features": ["b"]}, "plugins": [{"search": {"lang": "fr"}}]}
    merged = merge(base, overlay)
    assert merged == {"theme": {"features": ["b"]}, "plugins": [{"search": {"lang": "fr"}}]}
    assert base == {"theme": {"features": ["a"]}, "plugins": ["search"]}


def test_engine_settings_of_only_comments_change_nothing(campaign: Path) -> None:
    (campaign / "mkdocs.yml").write_text("# theme:\n#   icon: {logo: material/earth}\n")
    assert pipeline.load(campaign).theme.config == pipeline.load(MINIMAL).theme.config
    (campaign / "mkdocs.yml").write_text("- not a mapping\n")
    with pytest.raises(ContentError) as caught:
        pipeline.load(campaign)
    assert [i.file for i in caught.value.issues] == ["mkdocs.yml"]
