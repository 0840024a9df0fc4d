"""Production builds: what must never be published is refused at its file, line and column,
and a preview says on every page that it would be."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ISSUE_LINE, MINIMAL, Result, assert_clean_failure, run_cli, snapshot
from generator.production import reserved
from generator.scaffold import PLACEHOLDER_NOTE as NOTE

ADDRESS = "https://owner.github.io/treaty"  # what GitHub Pages reports for a project site
BANNER = "tx-notice--unpublishable"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def position(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in the file, as an editor shows it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def real(campaign: Path) -> Path:
    """The minimal campaign as a real one would be: not an example, on real addresses."""
    for path in campaign.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("test.example.org", "owner.github.io").replace("example: true", "")
        path.write_text(text.replace("person@example.org", "person@ngo.org"), encoding="utf-8")
    return campaign


def issues(result: Result) -> list[str]:
    return [line for line in result.err.splitlines() if ISSUE_LINE.match(line)]


def production(campaign: Path, tmp_path: Path, *extra: str, env: dict | None = None) -> Result:
    return run_cli(
        "build",
        "--production",
        "--no-cache",
        "--content",
        campaign,
        "--site-dir",
        tmp_path / "site",
        *extra,
        env=env,
    )


def test_a_campaign_ready_to_publish_builds_and_shows_no_banner(real: Path, tmp_path: Path) -> None:
    result = production(real, tmp_path)
    assert result.code == 0, result.err
    # A missing repository is said, but does not stop the build.
    assert re.search(r"^warning: campaign\.yml:\d+:\d+: site\.repository: ", result.err, re.M)
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages and not [p for p in pages if BANNER in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize(
    "url",
    [
        "https://treaty.example.org",
        "https://example.com/campaign",
        "https://www.example.net",
        "https://campaign.test",
        "https://site.example",
        "https://preview.localhost:8000",
        "https://localhost",
        "https://127.0.0.1:8000",
        "https://[::1]/",
        "https://10.0.0.4/site",
        "https://nas.local",
        "https://site-address-not-set.invalid",
    ],
)
def test_production_refuses_a_placeholder_site_url(real: Path, tmp_path: Path, url: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site that is online now", encoding="utf-8")
    before = snapshot(site)
    path = real / "campaign.yml"
    replace(path, "  url: https://owner.github.io\n", f"  url: {url}\n")
    result = production(real, tmp_path)
    assert_clean_failure(result)
    line, column = position(path, "url:")
    [issue] = issues(result)
    assert issue.startswith(f"campaign.yml:{line}:{column}: site.url: site.url '{url}' ")
    assert "is a placeholder" in issue and "Hint: write the site's real public address" in issue
    assert result.err.rstrip().endswith(
        "1 problem would stop a production build; nothing was built."
    )
    assert snapshot(site) == before, "the site online is left as it was"


@pytest.mark.parametrize(
    "host",
    ["owner.github.io", "www.eff.org", "example.org.uk", "notexample.com", "8.8.8.8", "test.org"],
)
def test_ordinary_addresses_are_not_reserved(host: str) -> None:
    assert reserved(host) is None


def test_placeholder_addresses_in_the_content_are_refused_where_they_are(
    real: Path, tmp_path: Path
) -> None:
    sources = real / "sources.yml"
    replace(sources, "url: https://owner.github.io/other", "url: https://www.example.net/other")
    concern = real / "concerns/weak-safeguards.yml"
    replace(
        concern,
        "  why_it_matters: For example, a journalist could be watched without a judge knowing.",
        "  why_it_matters: |\n    For example, a journalist could be watched.\n"
        "    See [the draft](https://example.com/draft) and write to edit@campaign.test.",
    )
    result = production(real, tmp_path)
    assert_clean_failure(result)
    found = issues(result)
    line, column = position(sources, "https://www.example.net/other")
    assert f"sources.yml:{line}:{column}: sources[1].url: 'https://www.example.net/other' " in (
        "\n".join(found)
    )
    # Inside a multi-line block: the line and column of the address itself.
    line, column = position(concern, "https://example.com/draft")
    assert any(
        i.startswith(f"concerns/weak-safeguards.yml:{line}:{column}: sections.why_it_matters: ")
        and "example.com is reserved for examples" in i
        for i in found
    ), found
    line, column = position(concern, "edit@campaign.test")
    assert any(i.startswith(f"concerns/weak-safeguards.yml:{line}:{column}:") for i in found)
    assert len(found) == 3


def test_the_example_campaign_is_exempt_from_the_address_check_only(
    campaign: Path, tmp_path: Path
) -> None:
    # Its addresses are examples on purpose, and every page says the campaign is fictional.
    assert production(campaign, tmp_path).code == 0
    path = campaign / "concerns/secret-interception.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: TODO ", 1), encoding="utf-8")
    result = production(campaign, tmp_path)
    assert_clean_failure(result)
    line, column = position(path, "TODO")
    assert issues(result) == [
        f"concerns/secret-interception.yml:{line}:{column}: title: 'TODO "
        + text.split("title: ", 1)[1].split("\n", 1)[0]
        + "' is left from a template. Hint: write the text itself (a production build refuses "
        "TODO and FIXME)."
    ]


def test_html_typed_into_plain_text_is_refused_where_it_is(real: Path, tmp_path: Path) -> None:
    """Plain text is escaped, so tags would be shown as their characters on the page, in
    the feed and on the share card: a production build names each opening tag."""
    path = real / "concerns/weak-safeguards.yml"
    replace(path, "title: Weak safeguards", "title: Weak <b>safeguards</b> <script>x</script>")
    replace(path, "summary: The safeguards", "summary: Fewer than <5 or 2>1 of the safeguards")
    result = production(real, tmp_path)
    assert_clean_failure(result)
    found = issues(result)
    expected = []
    for tag in ("<b>", "<script>"):
        line, column = position(path, tag)
        expected.append(
            f"concerns/weak-safeguards.yml:{line}:{column}: title: '{tag}' is HTML, which this "
            "field shows as it is written, tags and all. Hint: leave the tags out: this field "
            "is plain text."
        )
    assert found == expected  # '<5 or 2>1' is not a tag


def test_a_new_concern_is_refused_until_its_template_is_gone(real: Path, tmp_path: Path) -> None:
    assert run_cli("new", "concern", "Forced decryption", "--content", real).code == 0
    path = real / "concerns/forced-decryption.yml"
    result = production(real, tmp_path)
    assert_clean_failure(result)
    found = issues(result)
    todo_lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if "TODO:" in line]
    notes = [n for n, line in enumerate(path.read_text().splitlines(), 1) if NOTE in line]
    assert len(todo_lines) == 5 and len(notes) == 3
    for number in todo_lines:
        assert any(i.startswith(f"concerns/forced-decryption.yml:{number}:") for i in found)
    for number in notes:
        note = [i for i in found if i.startswith(f"concerns/forced-decryption.yml:{number}:1:")]
        assert note and "is left from `new concern`" in note[0], found
        assert "then delete this comment line" in note[0]
    # Text written, the notes left: still refused, for the notes only.
    text = path.read_text()
    path.write_text(re.sub(r"TODO: ", "Written: ", text), encoding="utf-8")
    assert len(issues(production(real, tmp_path))) == 3
    path.write_text("".join(line for line in path.read_text().splitlines(True) if NOTE not in line))
    assert production(real, tmp_path).code == 0


def test_a_campaign_without_a_contact_is_refused(real: Path, tmp_path: Path) -> None:
    path = real / "campaign.yml"
    replace(path, "  contact:\n    email: team@owner.github.io\n", "")
    result = production(real, tmp_path)
    assert_clean_failure(result)
    line, column = position(path, "site:")
    [issue] = issues(result)
    assert issue.startswith(
        f"campaign.yml:{line}:{column}: site.contact: the campaign has no contact of its own"
    )
    assert "--contact-url" in issue


def test_the_deploy_workflow_can_supply_the_contact_and_the_address(
    real: Path, tmp_path: Path
) -> None:
    path = real / "campaign.yml"
    replace(path, "  contact:\n    email: team@owner.github.io\n", "")
    replace(path, "  url: https://owner.github.io\n", "")
    issues_page = "https://github.com/owner/treaty/issues"
    env = {"TX_SITE_URL": ADDRESS, "TX_CONTACT_URL": issues_page}
    result = production(real, tmp_path, env=env)
    assert result.code == 0, result.err
    site = tmp_path / "site"
    concern = (site / "concerns/weak-safeguards/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}/concerns/weak-safeguards/">' in concern
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert f'href="{issues_page}"' in about and 'id="contact"' in about
    # The same from the command line; the options win over the environment.
    other = "https://other.github.io/site"
    result = production(real, tmp_path, "--site-url", other, env=env)
    assert result.code == 0, result.err
    assert f"{other}/concerns/" in (site / "concerns/weak-safeguards/index.html").read_text()


def test_options_reach_one_command_only(
    real: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The options were once copied into the environment, so a second command in the same
    process (a test, a tool calling main) got the first one's contact without asking."""
    from generator import cli

    for name in ("TX_SITE_URL", "TX_REPOSITORY", "TX_CONTACT_URL", "TX_CONTACT_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    replace(real / "campaign.yml", "  contact:\n    email: team@owner.github.io\n", "")
    check = ["validate", "--production", "--content", str(real)]
    assert cli.main([*check, "--contact-url", "https://github.com/owner/treaty/issues"]) == 0
    assert cli.main(check) == 1
    assert "site.contact: the campaign has no contact of its own" in capsys.readouterr().err


def test_a_supplied_address_never_replaces_the_campaigns_own(real: Path, tmp_path: Path) -> None:
    result = production(real, tmp_path, "--site-url", ADDRESS + "/elsewhere")
    assert result.code == 0, result.err
    page = (tmp_path / "site/concerns/weak-safeguards/index.html").read_text(encoding="utf-8")
    assert 'href="https://owner.github.io/concerns/weak-safeguards/"' in page
    assert "/elsewhere" not in page


def test_a_supplied_address_is_checked_like_one_in_the_file(real: Path, tmp_path: Path) -> None:
    replace(real / "campaign.yml", "  url: https://owner.github.io\n", "")
    assert_clean_failure(production(real, tmp_path, "--site-url", "http://owner.github.io"), 2)
    result = production(real, tmp_path, env={"TX_SITE_URL": "http://owner.github.io"})
    assert_clean_failure(result)
    assert "the value of --site-url or TX_SITE_URL ('http://owner.github.io') must be a full " in (
        result.err
    )
    result = production(real, tmp_path, env={"TX_SITE_URL": "https://localhost:8000"})
    assert_clean_failure(result)
    assert "(from --site-url or TX_SITE_URL) is a placeholder: localhost" in result.err


def test_a_sources_contact_cannot_be_the_campaigns(real: Path, tmp_path: Path) -> None:
    path = real / "campaign.yml"
    replace(path, "email: team@owner.github.io", "email: person@ngo.org")
    result = production(real, tmp_path)
    assert_clean_failure(result)
    line, column = position(path, "email: person@ngo.org")
    [issue] = issues(result)
    assert issue.startswith(f"campaign.yml:{line}:{column}: site.contact.email: ")
    assert "is the contact of Test Person (Test Org), given in the source 'test-source'" in issue


def test_a_plain_build_says_on_every_page_that_it_is_not_ready(real: Path, tmp_path: Path) -> None:
    replace(
        real / "campaign.yml", "  url: https://owner.github.io\n", "  url: https://x.example.org\n"
    )
    result = run_cli("build", "--no-cache", "--content", real, "--site-dir", tmp_path / "site")
    assert result.code == 0, result.err
    assert "warning: not ready to publish" in result.err
    assert "site.url 'https://x.example.org' is a placeholder" in result.err
    pages = [
        p
        for p in (tmp_path / "site").rglob("*.html")
        if p.name != "404.html" and "concerns/old-safeguards" not in p.as_posix()
    ]
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert BANNER in text, page
        assert "Not ready to publish." in text and "campaign.yml:" in text


def test_validate_production_annotates_the_pull_request(real: Path) -> None:
    replace(
        real / "campaign.yml", "  url: https://owner.github.io\n", "  url: https://x.example.org\n"
    )
    result = run_cli("validate", "--production", "--format", "github", "--content", real)
    assert_clean_failure(result)
    assert re.search(
        r"^::error file=.*campaign\.yml,line=\d+,col=\d+,title=site\.url::", result.out, re.M
    )
    assert re.search(
        r"^::warning file=.*campaign\.yml,.*title=site\.repository::", result.out, re.M
    )
    assert result.err.rstrip().endswith("1 problem would stop a production build.")
    # Without --production, validate passes and only mentions it.
    plain = run_cli("validate", "--content", real)
    assert plain.code == 0
    assert plain.out.splitlines()[-1] == (
        "Not ready to publish: 1 problem (warnings above) would stop a production build."
    )
    assert re.match(r"warning: campaign\.yml:\d+:\d+: site\.url: ", plain.err)


def test_minimal_fixture_is_unchanged_by_these_checks() -> None:
    assert run_cli("validate", "--production", "--content", MINIMAL).code == 0


def test_validate_lists_each_problem_a_production_build_would_refuse(campaign: Path) -> None:
    """A count alone ("1 problem") would hide a new mistake among known ones."""
    path = campaign / "concerns/weak-safeguards.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Weak safeguards", "title: Weak <b>safeguards</b>"))
    result = run_cli("validate", "--content", campaign)
    assert result.code == 0
    assert result.err.splitlines() == [
        "warning: concerns/weak-safeguards.yml:3:13: title: '<b>' is HTML, which this field "
        "shows as it is written, tags and all. Hint: leave the tags out: this field is plain text."
    ]
    assert result.out.splitlines()[-1] == (
        "Not ready to publish: 1 problem (warnings above) would stop a production build."
    )
