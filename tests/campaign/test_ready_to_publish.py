"""This campaign holds no placeholder: with what GitHub knows, it passes a production build."""

from __future__ import annotations

from conftest import assert_clean_failure, run_cli

GITHUB = {
    "TX_SITE_URL": "https://owner.github.io/treaty",
    "TX_REPOSITORY": "https://github.com/owner/treaty",
    "TX_CONTACT_URL": "https://github.com/owner/treaty/issues",
}


def test_this_campaign_is_ready_with_what_github_knows() -> None:
    result = run_cli("validate", "--production", env=GITHUB)
    assert result.code == 0, result.err
    assert "warning" not in result.err


def test_without_an_address_and_a_contact_it_is_not() -> None:
    """The campaign has no address or contact of its own yet, and invents none."""
    result = run_cli("validate", "--production")
    assert_clean_failure(result)
    assert "site.url: the site has no public address" in result.err
    assert "site.contact: the campaign has no contact of its own" in result.err
