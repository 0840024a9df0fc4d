"""What must never be published: the checks of a production build.

`build --production` (the deploy workflow) refuses a site with any of these errors, each at
its file, line and column; a plain build and the preview show them in a banner on every
page instead, so nobody mistakes a preview for the real thing:

- an address on a domain reserved for examples, tests or one's own machine (RFC 2606 and
  6761: example.org, .example, .test, .invalid, .localhost, 127.0.0.1, ...): site.url, or
  any link or email address in the content;
- text left from the `new concern` template: TODO markers, and its notes that a value is
  only a placeholder;
- no contact of the campaign's own, or a contact that is someone else's (a source's).

A missing site.repository is only a warning: the site works without it.

The fictional example campaign (site.example: true) is exempt from the reserved-domain
check only: its addresses are examples on purpose, reserved for that by RFC 2606, and every
page says the campaign is fictional. It still needs a site.url, a contact and finished text.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import model as m
from .errors import ContentIssue
from .scaffold import PLACEHOLDER_NOTE, TODO_MARK
from .supplied import described
from .translations import Content
from .yamlsrc import Loc, YamlDoc, dotted

DOCUMENTATION_DOMAINS = ("example.com", "example.net", "example.org")  # RFC 2606
RESERVED_TLDS = {
    "example": "RFC 2606",
    "invalid": "RFC 2606",
    "test": "RFC 2606",
    "localhost": "RFC 6761",
    "local": "RFC 6762, the local network",
    "internal": "private networks",
}
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`)\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HTML_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MARKER = re.compile(rf"\b(?:{TODO_MARK}|FIXME)\b")


@dataclass(frozen=True)
class Readiness:
    """What would stop a production build (errors), and what it would only mention."""

    errors: tuple[ContentIssue, ...] = ()
    warnings: tuple[ContentIssue, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.errors


def reserved(host: str) -> str | None:
    """Why `host` can never be a public site's address; None for an ordinary name."""
    host = host.lower().strip("[]").rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None if address.is_global else f"{host} is not a public IP address"
    for domain in DOCUMENTATION_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return f"{domain} is reserved for examples (RFC 2606)"
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost is this computer (RFC 6761)"
    if host == "home.arpa" or host.endswith(".home.arpa"):
        return "home.arpa is for home networks (RFC 8375)"
    tld = host.rsplit(".", 1)[-1]
    if tld in RESERVED_TLDS:
        return f".{tld} is reserved ({RESERVED_TLDS[tld]}) and never a public address"
    return None


def _strings(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


class _Checker:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.site = content.campaign.campaign.site
        self.errors: list[ContentIssue] = []
        self.warnings: list[ContentIssue] = []
        docs = content.all_docs
        self.campaign_doc = next((d for d in docs if d.file == "campaign.yml"), None)

    def error(
        self, doc: YamlDoc, where: tuple[int, int], loc: Loc, message: str, hint: str
    ) -> None:
        self.errors.append(ContentIssue(doc.file, *where, dotted(loc), message, hint))

    def run(self) -> Readiness:
        for doc in self.content.all_docs:
            self.leftovers(doc)
            self.tags(doc)
            if not self.site.example:
                self.addresses(doc)
        if self.campaign_doc:
            self.site_url(self.campaign_doc)
            self.contact(self.campaign_doc)
            self.repository(self.campaign_doc)
        return Readiness(tuple(sorted(set(self.errors))), tuple(sorted(set(self.warnings))))

    # -- the template's leftovers --

    def leftovers(self, doc: YamlDoc) -> None:
        for loc, value in _strings(doc.data):
            for occurrence, match in enumerate(_MARKER.finditer(value)):
                found = doc.find(loc, match.group(0), occurrence) or doc.locate(loc)
                self.error(
                    doc,
                    found,
                    loc,
                    f"'{_excerpt(value, match.start())}' is left from a template.",
                    "write the text itself (a production build refuses TODO and FIXME).",
                )
        for number, line in enumerate(doc.text.splitlines(), start=1):
            column = line.find("#")
            if column >= 0 and PLACEHOLDER_NOTE in line[column:]:
                self.error(
                    doc,
                    (number, column + 1),
                    (),
                    f"the note '{line[column:].strip()}' is left from `new concern`.",
                    "check that the value it is about is the right one, then delete this "
                    "comment line.",
                )

    # -- HTML in plain text --

    def tags(self, doc: YamlDoc) -> None:
        """Plain text is escaped, so HTML typed into it is shown as its characters, on the
        page and in feeds and share cards. (In Markdown fields it is a content error.)"""
        for loc, value in _strings(doc.data):
            seen: dict[str, int] = {}
            for match in _HTML_TAG.finditer(value):  # a closing tag goes with its opening one
                tag = match.group(0)
                occurrence = seen.get(tag, 0)
                seen[tag] = occurrence + 1
                found = doc.find(loc, tag, occurrence) or doc.locate(loc)
                self.error(
                    doc,
                    found,
                    loc,
                    f"'{_excerpt(tag, 0)}' is HTML, which this field shows as it is "
                    "written, tags and all.",
                    "leave the tags out: this field is plain text.",
                )

    # -- addresses that lead nowhere --

    def addresses(self, doc: YamlDoc) -> None:
        for loc, value in _strings(doc.data):
            if doc.file == "campaign.yml" and loc == ("site", "url"):
                continue  # site_url() says more about this one
            if loc not in doc.spans:
                continue  # supplied by the deploy workflow: checked in site_url() / contact()
            found = [(u, urlsplit(u).hostname or "") for u in _URL.findall(value)]
            found += [(e, e.rsplit("@", 1)[1]) for e in _EMAIL.findall(value)]
            seen: dict[str, int] = {}
            for text, host in found:
                why = reserved(host)
                occurrence = seen.get(text, 0)
                seen[text] = occurrence + 1
                if why:
                    where = doc.find(loc, text, occurrence) or doc.locate(loc)
                    self.error(
                        doc,
                        where,
                        loc,
                        f"'{text}' is a placeholder address: {why}.",
                        "give the real address, or take the link out until there is one.",
                    )

    def site_url(self, doc: YamlDoc) -> None:
        url = self.site.url
        written = ("site", "url") in doc.positions
        where = doc.locate(("site", "url"))
        if url.rstrip("/") == m.UNSET_URL and not written:
            self.error(
                doc,
                where,
                ("site", "url"),
                "the site has no public address: site.url is not set, and none was passed.",
                f"add site.url, or build with {described('url')} (the deploy workflow passes "
                "the address GitHub Pages reports).",
            )
            return
        why = reserved(urlsplit(url).hostname or "")
        if why and not self.site.example:
            given = "" if written else f" (from {described('url')})"
            self.error(
                doc,
                where,
                ("site", "url"),
                f"site.url '{url}'{given} is a placeholder: {why}.",
                "write the site's real public address; or remove site.url, and the deploy "
                "workflow passes the address GitHub Pages reports.",
            )

    def contact(self, doc: YamlDoc) -> None:
        contact = self.site.contact
        if contact is None:
            self.error(
                doc,
                doc.locate(("site",)),
                ("site", "contact"),
                "the campaign has no contact of its own: readers' questions about it would "
                "have nowhere to go.",
                "add site.contact with an email or url that the campaign reads, or build with "
                f"{described('contact_url')} (the deploy workflow passes the repository's "
                "issues page).",
            )
            return
        theirs = {p.email.lower(): p for p in self.content.campaign.action.contacts}
        person = theirs.get((contact.email or "").lower())
        if person:
            loc = ("site", "contact", "email")
            self.error(
                doc,
                doc.locate(loc),
                loc,
                f"'{contact.email}' is the contact of {person.name} ({person.organisation}), "
                f"given in the source '{person.source}', not the campaign's own.",
                "give an address that the campaign itself reads; a source's contact is shown "
                "only as theirs, in action.yml.",
            )
        if self.site.example:
            return
        for value, host in [
            (contact.email, (contact.email or "@").rsplit("@", 1)[1]),
            (contact.url, urlsplit(contact.url or "").hostname or ""),
        ]:
            why = value and reserved(host)
            loc = ("site", "contact", "email" if value == contact.email else "url")
            if why and loc not in doc.positions:  # one written in the file is checked above
                self.error(
                    doc,
                    doc.locate(loc),
                    loc,
                    f"the contact '{value}' is a placeholder: {why}.",
                    "pass the campaign's real contact.",
                )

    def repository(self, doc: YamlDoc) -> None:
        if self.site.repository:
            return
        line, column = doc.locate(("site",))
        self.warnings.append(
            ContentIssue(
                doc.file,
                line,
                column,
                "site.repository",
                "site.repository is not set: concern pages cannot link to their change "
                "history, and the About page cannot link to the source files.",
                f"add site.repository, or build with {described('repository')} (the deploy "
                "workflow passes the GitHub repository's address).",
            )
        )


def _excerpt(value: str, start: int, width: int = 50) -> str:
    line = value[start:].splitlines()[0] if value[start:] else ""
    return line if len(line) <= width else line[: width - 3] + "..."


def check(content: Content) -> Readiness:
    """Everything that would stop `content` from being published, and what only warns."""
    return _Checker(content).run()
