"""Addresses that the place a site is published from knows, and a campaign may leave out.

The deploy workflow knows where GitHub Pages publishes the site, the repository's address and
its issues page. It passes them as command-line options or environment variables, and they
fill campaign.yml's site.url, site.repository and site.contact only where the file says
nothing: a campaign's own address always wins, and no placeholder has to sit in the YAML.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from . import model as m
from .errors import ContentIssue
from .yamlsrc import YamlDoc

# Field -> (environment variable, command-line option).
SOURCES = {
    "url": ("TX_SITE_URL", "--site-url"),
    "repository": ("TX_REPOSITORY", "--repository"),
    "contact_url": ("TX_CONTACT_URL", "--contact-url"),
    "contact_email": ("TX_CONTACT_EMAIL", "--contact-email"),
}


def described(name: str) -> str:
    """How a maintainer would have given the value: '--site-url or TX_SITE_URL'."""
    env, option = SOURCES[name]
    return f"{option} or {env}"


@dataclass(frozen=True)
class Supplied:
    url: str | None = None
    repository: str | None = None
    contact_url: str | None = None
    contact_email: str | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Supplied:
        env = os.environ if environ is None else environ
        values = {name: (env.get(var) or "").strip() or None for name, (var, _) in SOURCES.items()}
        return cls(**values)

    def given(self, **values: str | None) -> Supplied:
        """These values (options on the command line) over this one's (the environment's)."""
        return replace(self, **{k: v for k, v in values.items() if v})

    def used(self, site: Mapping[str, Any]) -> dict[str, str]:
        """The values that campaign.yml's `site` leaves to be supplied: field -> value."""
        out: dict[str, str] = {}
        if self.url and "url" not in site:
            out["url"] = self.url
        if self.repository and "repository" not in site:
            out["repository"] = self.repository
        if "contact" not in site:
            out.update({k: v for k in ("contact_url", "contact_email") if (v := getattr(self, k))})
        return out

    def apply(self, doc: YamlDoc) -> list[ContentIssue]:
        """Fill campaign.yml's data in place where it says nothing; report a bad value."""
        site = doc.data.get("site") if isinstance(doc.data, dict) else None
        if not isinstance(site, dict):
            return []
        issues: list[ContentIssue] = []
        good: dict[str, str] = {}
        for name, value in self.used(site).items():
            problem = _problem(name, value)
            if problem:
                issues.append(
                    doc.issue(
                        ("site",),
                        f"the value of {described(name)} ('{value}') {problem}.",
                        "pass a full https:// address (or an email address for "
                        "--contact-email), or leave it out.",
                    )
                )
            else:
                good[name] = value
        contact = {k[len("contact_") :]: v for k, v in good.items() if k.startswith("contact_")}
        site.update({k: v for k, v in good.items() if not k.startswith("contact_")})
        if contact:
            site["contact"] = contact
        return issues


def check(name: str, value: str) -> str:
    """`value` of field `name` (a key of SOURCES), checked as campaign.yml's would be;
    ValueError says what is wrong."""
    checker = {"contact_email": m.email, "url": m.site_url}.get(name, m.https_url)
    return checker(value)


def _problem(name: str, value: str) -> str | None:
    try:
        check(name, value)
    except ValueError as exc:
        return str(exc)
    return None
