"""URLs never break: the committed manifest against built sites, and the mechanism itself."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, build, run_cli
from generator.loader import load_campaign
from generator.render import render_site
from generator.urls import (
    MANIFEST,
    broken,
    published_paths,
    read_manifest,
    refresh_manifest,
    unlisted,
)


def rename_without_alias(campaign: Path, old: str, new: str) -> None:
    path = campaign / f"concerns/{old}.yml"
    text = path.read_text().replace(f"slug: {old}", f"slug: {new}")
    path.unlink()
    (campaign / f"concerns/{new}.yml").write_text(text)
    for other in (campaign / "concerns").glob("*.yml"):
        other.write_text(other.read_text().replace(f"[{old}]", f"[{new}]"))


def test_fixture_manifest_resolves_in_its_built_site(minimal_site: Path) -> None:
    listed = read_manifest(MINIMAL / MANIFEST)
    assert "/concerns/old-safeguards/" in listed and "/feed.xml" in listed
    assert broken(minimal_site, listed) == []
    assert set(listed) == published_paths(render_site(load_campaign(MINIMAL)))
    assert unlisted(minimal_site, listed) == []  # what a built site publishes, read from it
    demo = minimal_site / "assets/demo/index.html"  # a campaign's file, not a page
    demo.parent.mkdir()
    demo.write_text("<p>demo</p>", encoding="utf-8")
    try:
        assert unlisted(minimal_site, listed) == []
    finally:
        demo.unlink()
        demo.parent.rmdir()


def test_a_renamed_concern_without_alias_is_caught(campaign: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rename_without_alias(campaign, "secret-interception", "covert-interception")
    build(campaign, site)
    result = run_cli("urls", "--content", campaign, "--check", site)
    assert result.code == 1
    assert "/concerns/secret-interception/: neither a page nor a redirect" in result.err
    assert "/concerns/weak-safeguards/" not in result.err

    # Listing the old slug as an alias makes the old address a redirect, and the check passes.
    path = campaign / "concerns/covert-interception.yml"
    path.write_text(path.read_text() + "aliases: [secret-interception]\n")
    build(campaign, site)
    result = run_cli("urls", "--content", campaign, "--check", site)
    assert result.code == 0, result.err
    assert broken(site, ["/concerns/secret-interception/", "/concerns/old-safeguards/"]) == []


def test_a_page_missing_from_the_list_is_warned_of_and_annotated(
    campaign: Path, tmp_path: Path
) -> None:
    """A new concern whose address nobody added to urls.txt could later be renamed without
    any check noticing; the check says so, without failing, and on the pull request."""
    site = tmp_path / "site"
    rename_without_alias(campaign, "secret-interception", "covert-interception")
    build(campaign, site)
    github = {"GITHUB_WORKSPACE": str(campaign)}  # the repository's root, on a runner
    result = run_cli(
        "urls", "--content", campaign, "--check", site, "--format", "github", env=github
    )
    assert result.code == 1
    manifest = campaign / MANIFEST
    line = read_manifest_line(manifest, "/concerns/secret-interception/")
    assert f"::error file=urls.txt,line={line}::/concerns/secret-interception/: " in result.out
    assert "::warning file=urls.txt,line=1::/concerns/covert-interception/: published, " in (
        result.out
    )
    assert "1 published URLs are not in" in result.err

    run_cli("urls", "--content", campaign)  # `make urls`: the new address is listed
    result = run_cli("urls", "--content", campaign, "--check", site)
    assert "/concerns/covert-interception/" not in result.err
    assert "not in" not in result.err


def read_manifest_line(manifest: Path, path: str) -> int:
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return lines.index(path) + 1


def test_a_redirect_to_a_missing_page_does_not_count(minimal_site: Path, tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(minimal_site, site)
    shutil.rmtree(site / "concerns/weak-safeguards")
    assert broken(site, ["/concerns/old-safeguards/", "/concerns/weak-safeguards/"]) == [
        "/concerns/old-safeguards/",
        "/concerns/weak-safeguards/",
    ]
    assert broken(site, ["/data/campaign.json", "/data/nothing.json"]) == ["/data/nothing.json"]


def test_refresh_only_ever_adds(campaign: Path) -> None:
    manifest = campaign / MANIFEST
    manifest.write_text("# kept\n/concerns/from-long-ago/\n")
    result = run_cli("urls", "--content", campaign)
    assert result.code == 0, result.err
    listed = read_manifest(manifest)
    assert "/concerns/from-long-ago/" in listed
    assert "/concerns/weak-safeguards/" in listed and "/data/campaign.json" in listed
    assert listed == sorted(listed)
    # Nothing new: nothing rewritten, nothing removed, even after a concern is deleted.
    before = manifest.read_bytes()
    (campaign / "concerns/secret-interception.yml").unlink()
    concern = campaign / "concerns/weak-safeguards.yml"
    concern.write_text(concern.read_text().replace("related: [secret-interception]\n", ""))
    assert refresh_manifest(manifest, published_paths(render_site(load_campaign(campaign)))) == []
    assert manifest.read_bytes() == before


def test_a_merge_conflict_left_in_the_manifest_is_named(campaign: Path) -> None:
    """Two pull requests that both add pages meet in urls.txt; its markers used to be kept
    as if they were published paths."""
    manifest = campaign / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text + "<<<<<<< HEAD\n/concerns/a/\n=======\n/concerns/b/\n>>>>>>> topic\n", "utf-8"
    )
    first = text.count("\n") + 1
    before = manifest.read_bytes()
    result = run_cli("urls", "--content", campaign)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines()[:3] == [
        f"{manifest}:{line}:1: a merge conflict marker was left in the file. Hint: keep the "
        "paths of both sides, each once, and delete the marker lines."
        for line in (first, first + 2, first + 4)
    ]
    assert manifest.read_bytes() == before


def test_a_manifest_that_is_not_text(campaign: Path, tmp_path: Path) -> None:
    """A manifest that is not UTF-8 used to end in a UnicodeDecodeError traceback."""
    (campaign / MANIFEST).write_bytes(b"\xff\xfe/\x00")
    for extra in ([], ["--check", str(tmp_path)]):
        result = run_cli("urls", "--content", campaign, *extra)
        assert result.code == 1 and "Traceback" not in result.err
        assert result.err.startswith(f"{campaign / MANIFEST}:1:1: file is not valid UTF-8.")
