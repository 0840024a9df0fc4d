"""The build cache: share cards and compiled templates are reused, never stale, never needed."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import jinja2
import pytest
from PIL import Image

from conftest import MULTILINGUAL, assert_clean_failure, run_cli
from generator import cards, pipeline, render
from generator.cache import FOLDER, Cache, digest, templates_in_memory
from generator.loader import load_campaign
from generator.model import Campaign
from generator.render import render_site

CARD = "assets/cards/weak-safeguards.png"


def card_files(campaign: Campaign, cache: Cache | None = None) -> dict[str, bytes]:
    """Every share card of a campaign, as a build draws them; the cache then pruned."""
    drawn = cards.Cards(cards.card_jobs(campaign), cache).result()
    if cache is not None:
        cards.prune_cards(cache)
    return drawn


def fresh_cards(campaign: Path) -> dict[str, bytes]:
    cards.draw_card.cache_clear()  # drawn here, not remembered from an earlier test
    return card_files(load_campaign(campaign))


def test_digest_keeps_the_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("ab", "c") == digest("ab", "c")


def test_a_rebuild_takes_cards_from_the_cache_without_drawing(
    campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    first = card_files(load_campaign(campaign), cache)
    assert len(list((tmp_path / "cache" / "cards").glob("*.png"))) == len(first)

    def no_drawing(*_: str) -> bytes:
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(cards, "draw_card", no_drawing)
    assert card_files(load_campaign(campaign), cache) == first


def test_cached_cards_are_the_cards_drawn_without_a_cache(campaign: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    card_files(load_campaign(campaign), cache)
    assert card_files(load_campaign(campaign), cache) == fresh_cards(campaign)


def test_a_new_title_gets_a_new_card_not_the_cached_one(campaign: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    before = card_files(load_campaign(campaign), cache)[CARD]
    concern = campaign / "concerns" / "weak-safeguards.yml"
    text = concern.read_text(encoding="utf-8")
    concern.write_text(text.replace("title: Weak safeguards", "title: Renamed"), encoding="utf-8")
    after = card_files(load_campaign(campaign), Cache(tmp_path / "cache"))[CARD]  # rebuild
    assert after != before
    assert after == fresh_cards(campaign)[CARD]
    # The old title's card is forgotten: the cache holds this campaign's cards only.
    # (the site's, one per concern, and the tracker's: the list and four countries)
    assert len(list((tmp_path / "cache" / "cards").iterdir())) == 3 + 5


def test_a_damaged_cache_entry_is_drawn_again(campaign: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    card_files(load_campaign(campaign), cache)
    entries = sorted((tmp_path / "cache" / "cards").glob("*.png"))
    entries[0].write_bytes(b"not a picture")
    entries[1].write_bytes(entries[1].read_bytes()[:500])  # cut short
    assert card_files(load_campaign(campaign), cache) == fresh_cards(campaign)


def test_a_cache_that_cannot_be_written_only_costs_time(campaign: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    cache = Cache(blocked / "cache")
    assert card_files(load_campaign(campaign), cache) == fresh_cards(campaign)
    assert cache.templates() is None
    site = render_site(load_campaign(campaign), cache=cache)
    assert site.files == render_site(load_campaign(campaign)).files


def test_compiled_templates_are_kept_and_give_the_same_pages(
    campaign: Path, tmp_path: Path
) -> None:
    cache = Cache(tmp_path / "cache")
    first = render_site(load_campaign(campaign), cache=cache).files
    compiled = [p for p in (tmp_path / "cache" / "templates").rglob("*") if p.is_file()]
    assert len(compiled) >= 10  # one per template the pages use
    stamps = {p: p.stat().st_mtime_ns for p in compiled}
    assert render_site(load_campaign(campaign), cache=cache).files == first
    assert {p: p.stat().st_mtime_ns for p in compiled} == stamps  # read, not rewritten


def test_without_a_cache_every_language_shares_one_compilation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--no-cache compiles each template afresh, once for the build, not once per language."""
    monkeypatch.setattr(render, "_COMPILED", templates_in_memory())  # nothing from earlier
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        compiled.append(str(name))
        return compile_(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    trees = pipeline.render(pipeline.load(MULTILINGUAL))
    assert len(trees) == 4 and "concern.md.j2" in compiled
    assert sorted(compiled) == sorted(set(compiled))


def test_templates_compiled_by_other_generator_code_are_never_used(tmp_path: Path) -> None:
    """Compiled code depends on the filters it was compiled against, not only the source."""
    cache = Cache(tmp_path / "cache")
    old = cache.templates("0" * 64)
    assert isinstance(old, jinja2.FileSystemBytecodeCache)
    (Path(old.directory) / "__jinja2_page.cache").write_bytes(b"compiled by older code")
    new = cache.templates("1" * 64)
    assert isinstance(new, jinja2.FileSystemBytecodeCache)
    assert Path(new.directory) != Path(old.directory)
    assert not Path(old.directory).exists(), "what older code compiled is removed"


def test_build_keeps_its_cache_beside_the_content(campaign: Path, tmp_path: Path) -> None:
    result = run_cli("build", "--content", campaign, "--site-dir", tmp_path / "site")
    assert result.code == 0, result.err
    cached = {p.name for p in (campaign / FOLDER / "cards").iterdir()}
    assert len(cached) == 3 + 5  # the site's, one per concern, the countries list and 4 countries
    built = (tmp_path / "site" / CARD).read_bytes()
    assert built == fresh_cards(campaign)[CARD]


def test_every_file_of_a_built_site_can_be_read_by_a_web_server(
    campaign: Path, tmp_path: Path
) -> None:
    """A server running as another user reads the site: cards linked from the cache too."""
    umask = os.umask(0o022)
    try:
        for _ in range(2):  # the second build links the cards its first put in the cache
            result = run_cli("build", "--content", campaign, "--site-dir", tmp_path / "site")
            assert result.code == 0, result.err
    finally:
        os.umask(umask)
    private = [
        p.relative_to(tmp_path / "site").as_posix()
        for p in (tmp_path / "site").rglob("*")
        if not p.stat().st_mode & stat.S_IROTH
    ]
    assert private == []
    assert (tmp_path / "site" / CARD).stat().st_mode & 0o777 == 0o644


def test_a_card_kept_private_by_an_older_generator_is_made_readable(
    campaign: Path, tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    try:
        run_cli("build", "--content", campaign, "--site-dir", tmp_path / "site")
        for entry in (campaign / FOLDER / "cards").iterdir():
            entry.chmod(0o600)
        result = run_cli("build", "--content", campaign, "--site-dir", tmp_path / "site")
        assert result.code == 0, result.err
    finally:
        os.umask(umask)
    assert (tmp_path / "site" / CARD).stat().st_mode & 0o777 == 0o644


def test_no_cache_builds_the_same_site_and_writes_no_cache(campaign: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"  # where the build's own, temporary, cache goes
    scratch.mkdir()
    site = tmp_path / "site"
    env = {"TMPDIR": str(scratch)}
    result = run_cli("build", "--no-cache", "--content", campaign, "--site-dir", site, env=env)
    assert result.code == 0, result.err
    assert not (campaign / FOLDER).exists()
    assert not any(scratch.iterdir()), "nothing is kept after the build"
    assert (tmp_path / "site" / CARD).read_bytes() == fresh_cards(campaign)[CARD]


def test_no_cache_is_a_build_option_not_a_validate_one(campaign: Path) -> None:
    assert_clean_failure(run_cli("validate", "--no-cache", "--content", campaign), code=2)


def test_a_card_is_drawn_in_the_sites_colours() -> None:
    cards.draw_card.cache_clear()
    image = Image.open(io.BytesIO(cards.draw_card("Weak safeguards", "Site", "example.org")))
    rgb = image.convert("RGB")
    assert image.mode == "P"
    assert rgb.getpixel((10, 300)) == Image.new("RGB", (1, 1), cards.ACCENT).getpixel((0, 0))
    assert rgb.getpixel((600, 600)) == Image.new("RGB", (1, 1), cards.BACKGROUND).getpixel((0, 0))
    colours = {colour for _, colour in rgb.getcolors(maxcolors=256) or []}
    assert (255, 255, 255) in colours  # the title's solid strokes are white


def test_a_build_keeps_the_cards_of_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import MULTILINGUAL

    cache = Cache(tmp_path / "cache")
    trees = pipeline.render(pipeline.load(MULTILINGUAL), cache)
    drawn = {t.files[CARD] for t in trees.values()}
    assert len(drawn) == 4  # each language's card has its own title
    kept = list((tmp_path / "cache" / "cards").iterdir())
    pngs = {data for t in trees.values() for p, data in t.files.items() if p.endswith(".png")}
    assert len(kept) == len(pngs) >= 4 * 3  # the site and two concerns in four languages, ...

    def no_drawing(*_: str) -> bytes:
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(cards, "draw_card", no_drawing)  # the next build only reads them
    again = pipeline.render(pipeline.load(MULTILINGUAL), Cache(tmp_path / "cache"))
    assert {t.files[CARD] for t in again.values()} == drawn
    assert len(list((tmp_path / "cache" / "cards").iterdir())) == len(kept)


def many_jobs() -> dict[str, cards.Job]:
    """Enough cards for the build to hand them to worker processes."""
    count = cards.WORKER_CARDS + 6
    return {
        f"assets/cards/c{i}.png": (f"Concern {i}", "Site", "site.test", "ltr") for i in range(count)
    }


def test_worker_processes_write_their_cards_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs, cache = many_jobs(), Cache(tmp_path / "cache")

    def no_writing(*_: object) -> None:
        raise AssertionError("the build process wrote a card the workers had drawn")

    monkeypatch.setattr(Cache, "put", no_writing)  # creating files is what costs: not here
    drawn = cards.Cards(jobs, cache).result()
    entries = sorted(p.name for p in (tmp_path / "cache" / "cards").iterdir())
    assert len(entries) == len(jobs) and all(name.endswith(".png") for name in entries)
    assert drawn["assets/cards/c3.png"] == cards.draw_card(*jobs["assets/cards/c3.png"])
    cards.prune_cards(cache)  # what the workers wrote counts as used: nothing is pruned
    assert len(list((tmp_path / "cache" / "cards").iterdir())) == len(jobs)

    def no_drawing(*_: str) -> bytes:
        raise AssertionError("a card the workers left in the cache was drawn again")

    monkeypatch.setattr(cards, "draw_card", no_drawing)
    assert cards.Cards(jobs, Cache(tmp_path / "cache")).result() == drawn


def test_worker_processes_import_this_generator_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from inside another checkout (another version of the generator), `python -m
    generator.cards` would import that one first, and draw another version's cards."""
    other = tmp_path / "generator"
    other.mkdir()
    (other / "__init__.py").write_text("raise SystemExit(9)\n")
    monkeypatch.chdir(tmp_path)
    drawing = cards.Cards(many_jobs(), None)
    codes = [process.wait() for _, process, _ in drawing.workers]
    drawing.close()
    assert codes and set(codes) == {0}


def test_worker_processes_without_a_cache_leave_nothing_behind(tmp_path: Path) -> None:
    jobs = many_jobs()
    drawing = cards.Cards(jobs, None)
    scratch = Path(drawing.folder)
    drawn = drawing.result()
    assert drawn["assets/cards/c0.png"] == cards.draw_card(*jobs["assets/cards/c0.png"])
    assert not scratch.exists()
