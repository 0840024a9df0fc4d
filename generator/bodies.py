"""Checks of the Markdown in content files: every link is one the site allows, nothing is lost.

The renderer (markup.py) switches raw HTML and images off and drops any link it does not
allow, so such text would quietly show up as literal characters. Here each of them is
reported at its file, line and column instead, with the rule it breaks:

- https:// addresses, mailto: addresses and #sections of the same page are allowed;
- a page of this site is written from the site's root (/about/, /concerns/<slug>/) and must
  exist; the renderer makes it relative to the page, so it works in every language;
- http://, javascript:, data: and every other kind of link, images and raw HTML are refused;
- words in another language are marked with `[words]{lang=en}`: no other attribute, and a
  language code the generator knows.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model as m
from .errors import ContentIssue
from .markup import LANGUAGE_MARKS, canonical_language, language_code
from .yamlsrc import Loc, YamlDoc, dotted

ALLOWED = "https:// addresses, mailto: addresses, #sections of the page and pages of this site"
_TAG = re.compile(r"<[^\s>]{1,30}")
# `www.eff.org/...`, `eff.org`: an address written without https://
_DOMAIN = re.compile(r"^(?:www\.[a-z0-9.-]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.I)


def _parser() -> MarkdownIt:
    """Parses what the renderer's parser would refuse, so that it can be reported."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    attrs_plugin(md, **LANGUAGE_MARKS)  # type: ignore[arg-type]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def _has_mark(annotation: Any) -> bool:
    if annotation is m.MARKDOWN:
        return True
    return any(_has_mark(arg) for arg in typing.get_args(annotation))


@functools.cache
def _markdown_fields(model: type[BaseModel]) -> frozenset[str]:
    def marked(info: FieldInfo) -> bool:
        return m.MARKDOWN in info.metadata or _has_mark(info.annotation)

    return frozenset(name for name, info in model.model_fields.items() if marked(info))


def markdown_values(
    obj: BaseModel, loc: Loc = (), markdown: bool = True
) -> Iterator[tuple[Loc, str]]:
    """(place in the file, text) of every Markdown field in a model as read from one file;
    or, `markdown=False`, of every other text field."""
    fields = _markdown_fields(type(obj))
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, str) and (name in fields) == markdown:
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from markdown_values(value, (*loc, name), markdown)
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from markdown_values(item, (*loc, name, index), markdown)


# --- the site's own pages -------------------------------------------------------------------


def site_pages(campaign: m.Campaign) -> set[str]:
    """Every path a Markdown link may name inside the site, without the leading slash."""
    from . import opendata
    from .render import NAV, page_url

    pages = {page_url(path) for _, path in NAV}
    pages |= {"maintainers/", "maintainers/fields/", *opendata.PUBLISHED}
    for concern in campaign.concerns:
        pages |= {f"concerns/{slug}/" for slug in (concern.slug, *concern.aliases)}
    pages |= {f"articles/{ref.article}/" for x in campaign.concerns for ref in x.articles}
    if campaign.countries and campaign.campaign.treaty.calendar:
        pages |= {f"countries/{x.code}/" for x in campaign.countries.countries}
    if not campaign.countries or not campaign.campaign.treaty.calendar:
        pages.discard("countries/")  # no tracker, no countries page
    return pages


# --- one text -------------------------------------------------------------------------------


class _Text:
    """One Markdown value and where it is written, for placing each problem in the file."""

    def __init__(self, doc: YamlDoc, loc: Loc, value: str) -> None:
        self.doc, self.loc, self.value = doc, loc, value
        self.lines = value.splitlines()
        self.seen: dict[str, int] = {}
        self.issues: list[ContentIssue] = []

    def report(self, needles: Iterable[str], line: int, message: str, hint: str) -> None:
        """Point at the first needle written in the file; else at the block's first line."""
        where = None
        for needle in needles:
            if not needle or needle not in self.value:
                continue
            occurrence = self.seen.get(needle, 0)
            self.seen[needle] = occurrence + 1
            where = self.doc.find(self.loc, needle, occurrence)
            if where:
                break
        if where is None:
            text = self.lines[line].strip() if 0 <= line < len(self.lines) else ""
            where = (text and self.doc.find(self.loc, text)) or self.doc.locate(self.loc)
        self.issues.append(ContentIssue(self.doc.file, *where, dotted(self.loc), message, hint))


def _href_problem(href: str, pages: set[str] | None) -> tuple[str, str] | None:
    """(message, hint) for a link the site does not allow, else None; `pages` None: which
    pages the site has is not known yet, so a link to one is not checked."""
    target = href.strip()
    if target.startswith("#"):
        return None
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", target)  # as a browser reads "java\tscript:"
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.netloc:
        return None
    if scheme == "mailto" and parts.path:
        return None
    if scheme == "http" and parts.netloc:
        secure = "https" + cleaned[len(parts.scheme) :]
        return (
            f"link '{target}' uses http://; links must use https://.",
            f"write '{secure}' if the site offers it; otherwise link to an archived copy "
            "(web.archive.org serves https).",
        )
    if not scheme and not parts.netloc and target.startswith("/"):
        return _page_problem(target, parts.path, pages) if pages is not None else None
    if not scheme and not parts.netloc and _DOMAIN.match(target):
        return (
            f"link '{target}' has no https:// in front, so it would lead to a page of this site.",
            f"write 'https://{target}'.",
        )
    if not scheme and not parts.netloc and target and not target.startswith("//"):
        guess = "/" + re.sub(r"^(\.\./|\./)+", "", target).lstrip("/")
        return (
            f"link '{target}' is relative to the page, which differs from one language to another.",
            f"write a page of this site from the site's root, e.g. '{guess}'.",
        )
    shown = target if len(target) <= 60 else target[:57] + "..."
    return (
        f"link '{shown}' is not allowed: links may only be {ALLOWED}.",
        "write a full https:// address; a javascript:, data: or other link would be dropped.",
    )


def _page_problem(target: str, path: str, pages: set[str]) -> tuple[str, str] | None:
    page = unquote(path).lstrip("/")
    if page in pages:
        return None
    if page + "/" in pages:
        return (f"link '{target}' is missing its final '/'.", f"write '/{page}/'.")
    guess = difflib.get_close_matches(page, sorted(pages), n=1, cutoff=0.6)
    hint = (
        f"did you mean '/{guess[0]}'?"
        if guess
        else "link to a page the site has, e.g. /about/ or /concerns/<slug>/."
    )
    return (f"link '{target}': there is no page '/{page}' on this site.", hint)


def _label(children: list[Token], start: int) -> str:
    """The text of the link or span that opens at children[start]."""
    close = children[start].type.replace("_open", "_close")
    words = []
    for child in children[start + 1 :]:
        if child.type == close:
            break
        words.append(child.content)
    return "".join(words)


def _inline(text: _Text, token: Token, line: int, pages: set[str] | None) -> None:
    children = token.children or []
    for index, child in enumerate(children):
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            problem = _href_problem(unquote(href), pages)
            if problem:
                label = _label(children, index)
                text.report([unquote(href), href, f"[{label}](", f"[{label}]"], line, *problem)
        elif child.type == "image":
            src = unquote(str(child.attrs.get("src", "")))
            text.report(
                [f"![{child.content}]", src],
                line,
                "images are not shown: a picture from another site would tell it who reads "
                "the page.",
                "link to it instead: [what it shows](https://...).",
            )
        elif child.type == "html_inline" and not child.content.startswith("</"):
            # A closing tag belongs to the opening one already reported.
            _raw_html(text, child.content, line)
        elif child.type == "text":
            _text_marks(text, children, index, line)
        if child.type in ("span_open", "link_open"):
            _language_mark(text, child, _label(children, index), line)


_MARK_EXAMPLE = "write the words in brackets, then the language: «[the words]{lang=en}»"
# A mark as written: `[words]{lang=en}`, `[words](https://...){lang=en}`, a label perhaps
# over two lines.
_WRITTEN_MARK = re.compile(r"\[(?P<label>[^\]]*)\](?:\([^)\n]*\))?\{(?P<braces>[^}\n]*)\}")
# Braces that name a language, read as a mark or not; and the braces themselves.
_LANG_BRACES = re.compile(r"\{[^}\n]*\blang\b")
_BRACES = re.compile(r"(?:\[[^\]\n]*\][ \t]*)?\{[^}\n]{0,30}\}?")
_LANG_VALUE = re.compile(r"""\blang\s*=\s*(?:"[^"]*"|\S+)""")


def _written(text: _Text, label: str, wanted: Callable[[str], bool]) -> list[str]:
    """The marks of `label` written in the text whose braces are `wanted`, as needles."""
    return [
        found.group(0)
        for found in _WRITTEN_MARK.finditer(text.value)
        if re.sub(r"\s+", " ", found["label"]).strip() == label and wanted(found["braces"])
    ][:1]


def _language_mark(text: _Text, token: Token, label: str, line: int) -> None:
    """`[words]{...}`: only a language may be set, and it must be one the generator knows."""
    others = token.meta.get("insecure_attrs") or {}
    code = token.attrs.get("lang")
    shown = f"[{label}]"
    if others:
        names = ", ".join(sorted(others))
        text.report(
            _written(text, label, lambda braces: bool(_LANG_VALUE.sub("", braces).strip()))
            + [f"{name}=" for name in others]
            + [shown + "{", shown],
            line,
            f"'{names}' cannot be set on text here; only its language can (lang).",
            f"{_MARK_EXAMPLE}; anything else in the braces is dropped.",
        )
    elif token.type == "span_open" and code is None:
        text.report(
            [*_written(text, label, lambda braces: "lang" not in braces), shown + "{", shown],
            line,
            "text in [brackets] followed by {braces} marks its language, and none is given.",
            _MARK_EXAMPLE + ".",
        )
    elif token.type == "span_open" and not label.strip():
        text.report(
            ["[]{", "]{"],
            line,
            "a mark of a language has no words in its [brackets].",
            _MARK_EXAMPLE + "; a link is marked whole: [words](https://...){lang=en}.",
        )
    if isinstance(code, str) and not language_code(code):
        canonical = canonical_language(code)
        text.report(
            [
                *_written(text, label, lambda braces: code in braces),
                f"lang={code}",
                f'lang="{code}"',
                "lang=",
            ],
            line,
            f"'{code}' is not written as browsers and screen readers expect a language code."
            if canonical
            else f"'{code}' is not a language code the generator knows.",
            f"write lang={canonical}."
            if canonical
            else "write a code such as en, fr, es, ar or pt-BR: lang=en.",
        )


def _written_before(children: list[Token], index: int) -> str:
    """How the piece just before children[index] ends as written, when it is code or
    emphasis: `` `c` ``, "**"; else nothing."""
    before = children[index - 1] if index else None
    if before is None:
        return ""
    if before.type == "code_inline":
        return before.markup + before.content + before.markup
    return before.markup if before.type in ("strong_close", "em_close") else ""


def _text_marks(text: _Text, children: list[Token], index: int, line: int) -> None:
    """Marks Markdown did not read, shown as these very characters: `[words]{lang=en`,
    `[words] {lang=en}`, `**words**{lang=en}`; and a mark inside a link's brackets, which
    breaks the link: `[[words]{lang=en}](https://...)`."""
    content = children[index].content
    if content.startswith("](") and index and children[index - 1].type == "span_close":
        text.report(
            [f"]{content[:40]}", content[:40]],
            line,
            "a mark of a language inside a link's [brackets] stops it being a link: it would "
            "be shown as these very characters.",
            "mark the whole link instead: [the words](https://...){lang=en}.",
        )
    if "]{" not in content and not _LANG_BRACES.search(content):
        return
    for found in _BRACES.finditer(content):
        written = found.group(0)
        if not (written.startswith("[") or "lang" in written):
            continue
        text.report(
            [_written_before(children, index) + written, written],
            line,
            f"'{written}' would be shown as these very characters: it is not read as a mark "
            "of the words' language.",
            _MARK_EXAMPLE + ", right before the braces, with nothing but lang=... in them.",
        )


def _raw_html(text: _Text, html: str, line: int) -> None:
    tag = _TAG.match(html.strip())
    shown = tag.group(0) + ">" if tag else html.strip()[:30]
    text.report(
        [tag.group(0) if tag else html.strip()[:30]],
        line,
        f"raw HTML ('{shown}') is not allowed in Markdown: it would be shown as text.",
        "write it in Markdown: **bold**, *italic*, [a link](https://...); to show a '<' "
        "itself, write \\<.",
    )


# `[label](address)` as written, and `[label] (https://...)`: what a maintainer meant as a
# link. Markdown shows it as these very characters when it cannot read it as one.
_WRITTEN_LINK = re.compile(
    r"(?<![\\!])\[(?P<label>[^\]\n]+)\](?P<gap>[ \t]*)\((?P<target>[^)\n]*)\)"
)
_CODE_SPAN = re.compile(r"(`+).+?\1")
_ADDRESS = re.compile(r"(?:https?://|mailto:|www\.|/|#)", re.IGNORECASE)


def _unread_links(text: _Text, token: Token, line: int) -> None:
    """A link written so that Markdown does not read it as one is shown as its characters:
    `[report](https://example.org/my report)`, `[report] (https://...)`."""
    # `code` is shown as written: a link in it is meant as its characters
    content = _CODE_SPAN.sub(lambda code: " " * len(code.group(0)), token.content)
    for found in _WRITTEN_LINK.finditer(content):
        written, target, gap = found.group(0), found["target"].strip(), found["gap"]
        if gap and not _ADDRESS.match(target):
            continue  # `[1] (see above)`: text in brackets, not a link
        if not gap and _starts_a_link(content[found.start() :]):
            continue  # a link: its address may hold balanced brackets, (like) (this)
        if gap:
            problem = "there is a space between ] and (, so it is not read as a link"
            fix = f"remove the space: [{found['label']}]({target})"
        elif re.search(r"\s", target) and target.lower().startswith("mailto:"):
            problem = "the address has a space in it, so it is not read as a link"
            fix = "an email address has no spaces: write it exactly as you would send to it"
        elif re.search(r"\s", target):
            problem = "the address has a space in it, so it is not read as a link"
            escaped = re.sub(r"\s+", "%20", target)
            fix = f"write each space in the address as %20: {escaped}"
        else:
            problem = "Markdown does not read it as a link (a quote, < or > in the address?)"
            fix = "write the address exactly as the browser shows it, with nothing after it"
        text.report(
            [written],
            line,
            f"'{written if len(written) <= 80 else written[:77] + '...'}' would be shown as "
            f"these very characters: {problem}.",
            f"{fix}.",
        )


def _starts_a_link(text: str) -> bool:
    children = next((t.children for t in _MD.parseInline(text) if t.children), [])
    return bool(children) and children[0].type == "link_open"


def check_text(doc: YamlDoc, loc: Loc, value: str, pages: set[str] | None) -> list[ContentIssue]:
    text = _Text(doc, loc, value)
    for token in _MD.parse(value):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            _raw_html(text, token.content, line)
        elif token.type == "inline":
            _inline(text, token, line, pages)
            if "](" in token.content or "] (" in token.content:
                _unread_links(text, token, line)
    return text.issues


def check_docs(
    files: Iterable[tuple[YamlDoc, BaseModel]], pages: set[str] | None
) -> list[ContentIssue]:
    """Every Markdown field of every (file, model read from it); links to the site's pages
    only when its `pages` are known."""
    issues: list[ContentIssue] = []
    for doc, obj in files:
        for loc, value in markdown_values(obj):
            issues += check_text(doc, loc, value, pages)
        for loc, value in markdown_values(obj, markdown=False):
            found = _PLAIN_MARK.search(value)
            if found:
                issues.append(_plain_mark(doc, loc, value, found))
    return issues


_PLAIN_MARK = re.compile(r"\][ \t]*\{[^}\n]*\blang\s*=")


def _plain_mark(doc: YamlDoc, loc: Loc, value: str, found: re.Match[str]) -> ContentIssue:
    """`[words]{lang=en}` in a field that is not Markdown would be shown as its characters."""
    opening = value.rfind("[", 0, found.start())
    written = value[opening if opening >= 0 else found.start() : found.end()]
    line, column = doc.find(loc, written) or doc.locate(loc)
    return ContentIssue(
        doc.file,
        line,
        column,
        dotted(loc),
        "this field is plain text, so '[...]{lang=...}' would be shown as these very characters.",
        "take the mark out: a language can be marked only in fields written in Markdown, which "
        "the field reference (/maintainers/fields/) names.",
    )
