"""Keep left-to-right runs in reading order inside right-to-left pages.

In an Arabic sentence, a name, an acronym, a citation or a web address in Latin script is
laid out by the browser's bidirectional algorithm, which treats the punctuation around it
as belonging to the Arabic text: "(LGBTQ+)" shows as "(+LGBTQ)", "[United Nations Treaty
Collection]" as "United]" ... "[Nations Treaty Collection". Each such run, with the
brackets that belong to it, is wrapped in <bdi>, which lays it out as a unit of its own.

This works on a rendered page (HTML blocks between Markdown headings) after the templates
have run, so content text, UI sentences and the values put into them are all covered.
Text outside any element (front matter, Markdown headings) is left as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Phrasing elements: their text belongs to the paragraph around them.
INLINE = {
    "a", "abbr", "b", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Laid out on their own (isolated), or never right to left.
ISOLATED = {"bdi", "bdo", "script", "style", "textarea", "svg", "math"}
OPENERS, CLOSERS = "([{«“‘‹<", ")]}»”’›>"
STRAIGHT_QUOTES = "\"'"
# Punctuation that ends a clause of the surrounding sentence, not the Latin run before it.
SENTENCE = set(".,:;!?…·")  # and the middle dot that separates links
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")  # most text has none: skip it
# A character, an entity as written, or a run of letters of one direction: right-to-left
# letters only ever end a left-to-right run, and Latin ones are only ever inside one, so
# one atom stands for each run (an Arabic paragraph is mostly such runs).
_UNITS = re.compile(r"&#?\w+;|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+|[A-Za-z]+|.", re.DOTALL)


@dataclass
class Element:
    tag: str
    start: str  # the start tag exactly as written
    children: list[Element | str] = field(default_factory=list)
    closed: bool = False

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def html(self) -> str:
        inner = "".join(c if isinstance(c, str) else c.html() for c in self.children)
        return self.start + inner + (f"</{self.tag}>" if self.closed else "")

    def has_dir(self) -> bool:
        return re.search(r"\sdir\s*=", self.start) is not None


class _TreeBuilder(HTMLParser):
    """A lenient tree of the page: raw text and tags kept exactly as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("", "")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: object) -> None:
        element = Element(tag, self.get_starttag_text() or f"<{tag}>")
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.stack[-1].children.append(Element(tag, self.get_starttag_text() or f"<{tag}/>"))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                self.stack[depth].closed = True
                del self.stack[depth:]
                return
        self.stack[-1].children.append(f"</{tag}>")  # a stray end tag stays as written

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_entityref(self, name: str) -> None:
        self.stack[-1].children.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.stack[-1].children.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Element("!--", f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.stack[-1].children.append(Element("!", f"<!{decl}>"))


def kind(char: str) -> str:
    """R: right-to-left letter; L: other letter; D: digit; S: space; P: anything else."""
    if _RTL.match(char):
        return "R"
    if char.isalpha():
        return "L"
    if char.isdigit():
        return "D"
    return "S" if char.isspace() else "P"


@dataclass
class _Atom:
    """One unit of a paragraph: a character of text (raw, maybe an entity) or an element."""

    kind: str
    raw: str = ""
    char: str = ""
    element: Element | None = None


def _atoms(children: list[Element | str]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for child in children:
        if isinstance(child, str):
            for unit in _UNITS.findall(child):
                char = html.unescape(unit) if unit.startswith("&") else unit
                atoms.append(_Atom(kind(char[:1] or " "), unit, char))
        elif child.tag in ("!--", "!"):
            atoms.append(_Atom("N", element=child))
        elif child.tag == "br" or not _is_inline(child):
            atoms.append(_Atom("B", element=child))
        elif child.tag in ISOLATED or child.has_dir():
            # Set apart from the sentence, but an Arabic one still ends a Latin run: taken
            # into it, it would be shown on the run's far side.
            atoms.append(_Atom("R" if _reads_rtl(child) else "N", element=child))
        else:
            text = html.unescape(child.text())
            direction = "R" if _RTL.search(text) else "L" if any(map(str.isalpha, text)) else "N"
            atoms.append(_Atom(direction, element=child))
    return atoms


def _reads_rtl(element: Element) -> bool:
    """Whether an isolated element reads right to left: by its dir, else (a <bdi>) by its
    first letter, as a browser decides."""
    written = re.search(r"""\sdir\s*=\s*["']?(\w+)""", element.start)
    if written:
        return written[1].lower() == "rtl"
    if element.tag != "bdi":
        return False
    first = next((c for c in html.unescape(element.text()) if c.isalpha()), "")
    return bool(first and _RTL.match(first))


def _is_inline(element: Element) -> bool:
    return element.tag in INLINE or element.tag in ISOLATED


def _trim(atoms: list[_Atom]) -> list[_Atom]:
    """Drop what belongs to the sentence around a run: spaces, clause punctuation, and
    brackets or quotes whose partner is not in the run."""
    changed = True
    while atoms and changed:
        changed = False
        while atoms and (atoms[0].kind == "S" or atoms[0].char in SENTENCE):
            atoms, changed = atoms[1:], True
        while atoms and (atoms[-1].kind == "S" or atoms[-1].char in SENTENCE):
            atoms, changed = atoms[:-1], True
        if atoms and not _balanced_edge(atoms, 0):
            atoms, changed = atoms[1:], True
        if atoms and not _balanced_edge(atoms, len(atoms) - 1):
            atoms, changed = atoms[:-1], True
    return atoms


def _balanced_edge(atoms: list[_Atom], at: int) -> bool:
    char = atoms[at].char
    if not char:  # an element
        return True
    if char in STRAIGHT_QUOTES:
        return sum(a.char == char for a in atoms) % 2 == 0
    if at == 0 and char in CLOSERS:
        return False
    if at == len(atoms) - 1 and char in OPENERS:
        return False
    if at == 0 and char in OPENERS:
        closer = CLOSERS[OPENERS.index(char)]
        return any(a.char == closer for a in atoms[1:])
    if char in CLOSERS:
        opener = OPENERS[CLOSERS.index(char)]
        return any(a.char == opener for a in atoms[:-1])
    return True


def _runs(atoms: list[_Atom]) -> list[tuple[int, int]]:
    """(start, end) of each left-to-right run worth isolating."""
    found, start = [], None
    for index, atom in enumerate([*atoms, _Atom("B")]):
        if atom.kind in "RB":
            if start is not None:
                span = atoms[start:index]
                trimmed = _trim(span)
                if any(a.kind == "L" for a in trimmed):
                    first = start + span.index(trimmed[0])
                    found.append((first, first + len(trimmed)))
            start = None
        elif start is None:
            start = index
    return found


def _rebuild(atoms: list[_Atom]) -> list[Element | str]:
    out: list[Element | str] = []
    for atom in atoms:
        if atom.element is not None:
            out.append(atom.element)
        elif out and isinstance(out[-1], str):
            out[-1] += atom.raw
        else:
            out.append(atom.raw)
    return out


def _paragraph(children: list[Element | str]) -> list[Element | str]:
    """Isolate the left-to-right runs among `children`, and inside the elements among them."""
    if not any(_LATIN.search(c if isinstance(c, str) else c.html()) for c in children):
        return children
    atoms = _atoms(children)
    for atom in atoms:  # elements taken whole into a run need no look inside
        if atom.element is not None and atom.kind in "RBN":
            _visit(atom.element)
    runs = _runs(atoms)
    if not runs:
        return children
    out: list[Element | str] = []
    done = 0
    for start, end in runs:
        out += _rebuild(atoms[done:start])
        out.append(Element("bdi", "<bdi>", _rebuild(atoms[start:end]), closed=True))
        done = end
    return out + _rebuild(atoms[done:])


def _visit(element: Element) -> None:
    if element.tag in ("!--", "!") or element.tag in ISOLATED - {"bdi"}:
        return
    if element.has_dir():
        if re.search(r"""\sdir\s*=\s*["']?rtl""", element.start):
            element.children = _paragraph(element.children)
        return
    if element.tag == "bdi" and not _RTL.search(html.unescape(element.text())):
        return  # a run already isolated; one whose direction is Arabic is read below
    if element.tag == "pre" and not _RTL.search(html.unescape(element.text())):
        element.start = element.start[:-1] + ' dir="ltr">'  # code reads left to right
        return
    element.children = _paragraph(element.children)


def isolate_ltr_runs(body: str) -> str:
    """A page's body (Markdown and HTML, no front matter: render.py sets that aside) with
    each left-to-right run inside its HTML elements isolated."""
    builder = _TreeBuilder()
    builder.feed(body)
    builder.close()
    for child in builder.root.children:
        if not isinstance(child, Element):
            continue
        if _is_inline(child):  # in a Markdown heading, whose words the engine also copies
            _isolate_plain(child)  # as plain text (table of contents): use isolate marks
        else:
            _visit(child)
    return builder.root.html()


def _isolate_plain(element: Element) -> None:
    element.children = [isolate_text(c) if isinstance(c, str) else c for c in element.children]
    for child in element.children:
        if isinstance(child, Element) and not child.has_dir() and child.tag not in ISOLATED:
            _isolate_plain(child)


def isolate_text(text: str, start: str = "\u2068", end: str = "\u2069") -> str:
    """Text with each left-to-right run between Unicode's isolate marks (FSI ... PDI), for
    where no element can hold it: a page title, a table of contents, a drawn card."""
    units = _UNITS.findall(text)  # an entity (&amp;) is one character
    atoms = [
        _Atom(kind(char[:1] or " "), unit, char)
        for unit in units
        for char in [html.unescape(unit) if unit.startswith("&") else unit]
    ]
    out, done = [], 0
    for first, last in _runs(atoms):
        out += [*units[done:first], start, *units[first:last], end]
        done = last
    return "".join([*out, *units[done:]])


_ROOT = re.compile(r"(<html\b(?![^>]*\bdir=)[^>]*)>")
_BODY_RTL = re.compile(r'<body\b[^>]*\bdir="rtl"')


def rtl_root(page: str) -> str:
    """A right-to-left page with its direction on <html> too. Both themes write it on
    <body> only, which leaves the document itself (its scroll bar, what a browser's
    reader view or translation tool reads first) left to right."""
    if not _BODY_RTL.search(page):
        return page
    return _ROOT.sub(r'\1 dir="rtl">', page, count=1)
