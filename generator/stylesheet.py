"""The theme's stylesheet cut to what a built site uses.

Material's stylesheet (and Zensical's) styles every feature the theme has: tabs,
annotations, admonitions, code highlighting, a blog, a version menu. A page of ours uses
a fraction of it, and the whole file is render-blocking: 23 kB gzip of a concern page's
73 kB. After each language's site is built, `cut` writes `theme.css` beside the theme's
file, holding only the rules whose selectors can match that site, and the pages link it
instead (the `styles` block of overrides/main.html, told the file names by `settings`).

A selector is kept when every class, id, element and attribute it requires occurs in the
site: in one of its HTML tags (never its prose), or anywhere in one of its scripts, so
that whatever the theme's script adds (the open search dialog, a tooltip, a state) keeps
its rules; a script's word that ends in "-" or "_" keeps every class it starts
(`"md-source__fact--" + key`). A few parts the script draws only when the site asks for
them (tooltips, code buttons, the version menu; `PARTS`): their classes count only when a
feature of the theme's configuration, or a class or attribute in the pages, asks for it.
What a selector only excludes (`:not(.x)`) or offers as one choice among others (`:is()`,
`:where()`, `:has()`) never drops it. Custom properties no kept rule reads are dropped
last. This is PurgeCSS's rule, done with tinycss2's parser; the browser tests compare
every element's computed style under both files, on every page type, in both engines,
with search open and the menu opened.

The live preview links the theme's whole file: its pages change with every save. A built
site keeps the whole file too, unlinked: a page a browser or a cache kept from an earlier
deploy still links it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinycss2

from .errors import EngineError, install_hint
from .resources import theme_templates

CUT = "theme.css"
_TAG = re.compile(rb"<[A-Za-z][^>]*>")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
_READS = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# Search libraries and their language packs touch no page; their words only add noise.
_NOT_PAGE_SCRIPTS = re.compile(r"(?:^|/)(?:lunr|workers)/")
# The theme's own stylesheets, whole or cut: what they name is not a reason to keep a rule.
_THEME_STYLESHEETS = re.compile(rf"(?:main|palette)\.|{re.escape(CUT)}$")
# The theme's settings for its script, in every page (features, version, search).
_CONFIG = re.compile(rb'<script id="__config"[^>]*>(.*?)</script>', re.S)
_CLASSES = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_ATTRIBUTE = re.compile(r"\s([A-Za-z_:][\w:.-]*)")  # once quoted values are gone


@dataclass(frozen=True)
class Part:
    """Classes the theme's script draws only on a site that asks for them, by a feature of
    the theme's configuration, a setting in it, or a class or attribute in the pages."""

    classes: tuple[str, ...]  # the classes' beginnings
    features: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()  # classes or attribute names

    def asked(self, config: Mapping[str, Any], names: frozenset[str]) -> bool:
        """Whether the site asks for the part: `config` is the theme's settings for its
        script, `names` the classes and attribute names in the pages' tags."""
        features = set(config.get("features") or ())
        return bool(
            features.intersection(self.features)
            or any(config.get(setting) for setting in self.settings)
            or names.intersection(self.marks)
        )


# As the scripts of Material for MkDocs 9.8 and Zensical 0.0 draw them (read in their
# bundles: each part is behind these checks). Without this, their class names, which every
# script holds, keep 4 kB (gzip) of rules no page of a site without the part can use.
PARTS = (
    Part(
        ("md-tooltip", "md-annotation"),
        features=(
            "content.tooltips",
            "content.footnote.tooltips",
            "content.code.annotate",
            "navigation.instant.preview",
        ),
        marks=("annotate", "md-annotation", "data-preview"),
    ),
    Part(
        ("md-code__",),
        features=("content.code.copy", "content.code.select"),
        marks=("copy", "select"),
    ),
    Part(("md-version",), settings=("version",)),
    Part(("md-source__",), marks=("md-source",)),  # the repository's facts, fetched
    Part(("tabbed-",), marks=("tabbed-set",)),  # content tabs the script links and scrolls
    # What the script looks for but never draws: the Markdown or the template does.
    Part(("highlight",), marks=("highlight",)),
    Part(("footnote",), marks=("footnote", "footnote-ref")),
    Part(("md-status",), marks=("md-status",)),
)


def settings(config: dict[str, Any], theme_file: str) -> dict[str, Any]:
    """Engine settings whose pages link the cut stylesheet in place of `theme_file` (the
    theme's stylesheet, as a path in the built site)."""
    styles = {"theme": Path(theme_file).name, "cut": CUT, "file": theme_file}
    return {**config, "extra": {**(config.get("extra") or {}), "tx_styles": styles}}


def theme_file(package: str, folder: str, engine: str) -> str:
    """The theme's stylesheet in `package`'s templates/`folder` (its name has the file's
    hash), as a path in a built site; `engine` names the engine in an error."""
    templates = theme_templates(package)
    if templates is None:
        raise EngineError(
            f"{engine} is not installed.",
            install_hint(engine),
        )
    found = sorted((templates / folder).glob("main.*.min.css"))
    if not found:
        raise EngineError(f"{engine} is incomplete: it has no stylesheet.")
    return found[0].relative_to(templates).as_posix()


def cut_as_set(config: dict[str, Any], site: Path) -> Path:
    """`site`, built with `config`, with the cut stylesheet its pages link, if they do."""
    styles = (config.get("extra") or {}).get("tx_styles")
    if styles:
        cut(site, styles["file"])
    return site


def cut(site: Path, theme_file: str) -> Path:
    """Write `theme.css` beside the site's `theme_file`, cut to what `site` uses."""
    source = site / theme_file
    target = source.with_name(CUT)
    text = prune(source.read_text(encoding="utf-8"), Vocabulary.of_site(site))
    target.write_text(text, encoding="utf-8")
    return target


@dataclass(frozen=True)
class Vocabulary:
    """Every word a selector may need: from the site's tags, and from its scripts."""

    words: frozenset[str]
    prefixes: tuple[str, ...]  # words of scripts ending in "-" or "_"
    properties: frozenset[str]  # custom properties named outside the theme's stylesheet

    @classmethod
    def of_site(cls, site: Path) -> Vocabulary:
        tags: set[bytes] = set()
        scripts, stylesheets = [], []
        config: dict[str, Any] = {}
        for path in site.rglob("*"):  # one walk of the site for all three kinds of file
            if path.suffix == ".html":
                page = path.read_bytes()
                tags.update(_TAG.findall(page))  # pages share most of their tags
                config = config or _config(page)
            elif path.suffix == ".js" and not _NOT_PAGE_SCRIPTS.search(
                path.relative_to(site).as_posix()
            ):
                scripts.append(path.read_text(encoding="utf-8", errors="replace"))
            elif path.suffix == ".css" and not _THEME_STYLESHEETS.match(path.name):
                stylesheets.append(path.read_text(encoding="utf-8", errors="replace"))
        markup = b" ".join(tags).decode("utf-8", "replace")
        return cls._of_tags(markup, scripts, stylesheets, config)

    @classmethod
    def of(
        cls, markup: str, scripts: Iterable[str] = (), stylesheets: Iterable[str] = ()
    ) -> Vocabulary:
        """From HTML (its tags only), scripts and the site's other stylesheets."""
        page = markup.encode("utf-8")
        tags = b" ".join(_TAG.findall(page)).decode("utf-8")
        return cls._of_tags(tags, scripts, stylesheets, _config(page))

    @classmethod
    def _of_tags(
        cls,
        tags: str,
        scripts: Iterable[str],
        stylesheets: Iterable[str],
        config: Mapping[str, Any],
    ) -> Vocabulary:
        scripts = list(scripts)
        words = frozenset(_WORD.findall(tags))
        names = frozenset(_names(tags))
        unasked = tuple(c for part in PARTS if not part.asked(config, names) for c in part.classes)
        script_words = {w for w in set().union(*map(_words, scripts)) if not w.startswith(unasked)}
        prefixes = tuple(sorted(w for w in script_words if w.endswith(("-", "_")) and len(w) > 3))
        named = [tags, *scripts, *stylesheets]
        properties = {name for text in named for name in _PROPERTY.findall(text)}
        return cls(frozenset(words | script_words), prefixes, frozenset(properties))

    def has(self, name: str, is_class: bool = False) -> bool:
        if name in self.words:
            return True
        return is_class and any(name.startswith(prefix) for prefix in self.prefixes)


def _names(tags: str) -> Iterator[str]:
    """The classes and attribute names in `tags`."""
    for found in _CLASSES.finditer(tags):
        yield from "".join(v for v in found.groups() if v).split()
    yield from _ATTRIBUTE.findall(_QUOTED.sub(" ", tags))


def _config(page: bytes) -> dict[str, Any]:
    """The theme's settings for its script in `page`, or {} (a page without them, or
    settings that cannot be read: every part then counts as not asked for)."""
    found = _CONFIG.search(page)
    try:
        config = json.loads(found.group(1)) if found else {}
    except ValueError:
        return {}
    return config if isinstance(config, dict) else {}


@functools.cache
def _words(script: str) -> frozenset[str]:
    """A script's words (cached: every language's site has the same theme script)."""
    return frozenset(_WORD.findall(script))


# --- the stylesheet, parsed once --------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    name: str
    text: str  # as written, without the ";"
    reads: frozenset[str]  # the custom properties its value reads


@dataclass(frozen=True)
class Rule:
    selectors: tuple[tuple[str, ...], ...]  # each selector's text, then what it requires
    declarations: tuple[Declaration, ...]


@dataclass(frozen=True)
class Group:
    """An at-rule holding rules (@media, @supports), or one kept as it is (text)."""

    head: str
    rules: tuple[Rule | Group, ...] | None
    text: str = ""


Item = Rule | Group


@functools.cache
def parse(css: str) -> tuple[Item, ...]:
    """The stylesheet as rules, each selector with what it requires (cached: every
    language's site cuts the same file)."""
    return tuple(_items(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _items(nodes: Iterable[Any]) -> Iterator[Item]:
    for node in nodes:
        if node.type == "qualified-rule":
            yield Rule(tuple(_selectors(node.prelude)), tuple(_declarations(node.content)))
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports", "layer"):
            head = "@" + node.at_keyword + tinycss2.serialize(node.prelude)
            if node.content is None:
                yield Group(head, None, head + ";")
            else:
                inner = tinycss2.parse_rule_list(node.content, True, True)
                yield Group(head, tuple(_items(inner)))
        elif node.type == "at-rule":  # @font-face, @keyframes, @charset, @import: as they are
            yield Group("", None, tinycss2.serialize([node]))


def _selectors(prelude: list[Any]) -> Iterator[tuple[str, ...]]:
    current: list[Any] = []
    for token in [*prelude, None]:
        if token is None or (token.type == "literal" and token.value == ","):
            text = tinycss2.serialize(current).strip()
            if text:
                yield (text, *_required(current))
            current = []
        else:
            current.append(token)


def _required(tokens: list[Any]) -> Iterator[str]:
    """What a selector needs the page to have: ".class", "#id", "tag", "[attr", "=value"."""
    previous: Any = None
    for token in tokens:
        after_dot = previous is not None and previous.type == "literal" and previous.value == "."
        after_colon = previous is not None and previous.type == "literal" and previous.value == ":"
        if token.type == "ident" and after_dot:
            yield "." + token.value
        elif token.type == "ident" and not after_colon:
            yield token.lower_value
        elif token.type == "hash":
            yield "#" + token.value
        elif token.type == "[] block":
            yield from _attribute(token.content)
        previous = token


def _attribute(tokens: list[Any]) -> Iterator[str]:
    parts = [t for t in tokens if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return
    yield "[" + parts[0].value
    operator = ""
    for token in parts[1:]:
        if token.type == "literal":
            operator += token.value
            continue
        # [a=v], [a~=v], [a|=v] name whole words; ^= $= *= only part of one: not checked.
        if operator in ("=", "~=", "|=") and token.type in ("ident", "string"):
            yield from ("=" + word for word in _WORD.findall(token.value))
        return


def _declarations(content: list[Any]) -> Iterator[Declaration]:
    nodes = tinycss2.parse_blocks_contents(content, True, True)
    if any(node.type != "declaration" for node in nodes):
        # Nested rules, or something this reader does not follow: kept as written.
        text = tinycss2.serialize(content).strip()
        yield Declaration("", text, frozenset(_READS.findall(text)))
        return
    for node in nodes:
        value = tinycss2.serialize(node.value).strip()
        text = f"{node.name}:{value}" + ("!important" if node.important else "")
        yield Declaration(node.name, text, frozenset(_READS.findall(value)))


# --- cutting ----------------------------------------------------------------------------------


def prune(css: str, vocabulary: Vocabulary) -> str:
    """`css` with only the selectors `vocabulary` can match, and the custom properties
    something reads."""
    items = [i for i in (_keep(item, vocabulary) for item in parse(css)) if i is not None]
    properties = set(vocabulary.properties)
    while True:  # a property read only by a dropped one is dropped in its turn
        reads = _reads(items) | properties
        trimmed = [i for i in (_trim(item, reads) for item in items) if i is not None]
        if trimmed == items:
            return "".join(_text(item) for item in items) + "\n"
        items = trimmed


def _keep(item: Item, vocabulary: Vocabulary) -> Item | None:
    if isinstance(item, Group):
        if item.rules is None:
            return item
        rules = tuple(r for r in (_keep(x, vocabulary) for x in item.rules) if r is not None)
        return Group(item.head, rules) if rules else None
    kept = tuple(s for s in item.selectors if all(_met(need, vocabulary) for need in s[1:]))
    return Rule(kept, item.declarations) if kept else None


def _met(need: str, vocabulary: Vocabulary) -> bool:
    if need[0] == ".":
        return vocabulary.has(need[1:], is_class=True)
    if need[0] in "#[=":
        return vocabulary.has(need[1:])
    return vocabulary.has(need)


def _reads(items: Iterable[Item]) -> set[str]:
    found: set[str] = set()
    for item in items:
        if isinstance(item, Rule):
            for declaration in item.declarations:
                found |= declaration.reads
        elif item.rules is not None:
            found |= _reads(item.rules)
        else:
            found.update(_READS.findall(item.text))
    return found


def _trim(item: Item, reads: set[str]) -> Item | None:
    if isinstance(item, Group):
        if item.rules is None:
            return item
        rules = tuple(r for r in (_trim(x, reads) for x in item.rules) if r is not None)
        return Group(item.head, rules) if rules else None
    declarations = tuple(
        d for d in item.declarations if not d.name.startswith("--") or d.name in reads
    )
    return Rule(item.selectors, declarations) if declarations else None


def _text(item: Item) -> str:
    if isinstance(item, Rule):
        selectors = ",".join(s[0] for s in item.selectors)
        return selectors + "{" + ";".join(d.text for d in item.declarations) + "}"
    if item.rules is None:
        return item.text
    return item.head + "{" + "".join(_text(r) for r in item.rules) + "}"
