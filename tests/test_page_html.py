"""The MkDocs adapter converts the pages the generator wrote without Python-Markdown
(generator/page_html.py): for every page it converts, the HTML, the table of contents and
the anchors must be exactly Python-Markdown's, as MkDocs would get them; and it must
convert nearly every generated page, or it would save nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

import markdown
import markdown.extensions.smarty
import pytest
from markdown_pages import CAMPAIGNS, EXTENSIONS, SETTINGS, generated_pages, python_markdown
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor
from test_html_blocks import HAND_WRITTEN, PIECES

from generator import page_html
from generator.html_blocks import HtmlBlocksExtension

PERMALINK = SETTINGS["toc"]


def by_python_markdown(text: str) -> page_html.Converted:
    md = python_markdown([HtmlBlocksExtension()])
    anchors = _ExtractAnchorsTreeprocessor(None, None, None)  # type: ignore[arg-type]
    anchors._register(md)
    html = md.convert(text)
    return {"html": html, "toc_tokens": md.toc_tokens, "anchors": anchors.present_anchor_ids}


def fast(text: str) -> page_html.Converted | None:
    return page_html.convert(text, PERMALINK["permalink"], PERMALINK["permalink_title"])


@pytest.fixture(scope="module", params=sorted(CAMPAIGNS))
def pages(request: pytest.FixtureRequest) -> dict[str, str]:
    return generated_pages(CAMPAIGNS[request.param])


def test_every_page_it_converts_is_exactly_what_python_markdown_makes(
    pages: dict[str, str],
) -> None:
    converted = {name: fast(text) for name, text in pages.items()}
    differ = [
        name
        for name, result in converted.items()
        if result is not None and result != by_python_markdown(pages[name])
    ]
    assert not differ
    # Every kind of page goes this way: a heading's words with escapes, entities, French
    # spacing and Arabic; pages with a table of contents two levels deep.
    done = [name for name, result in converted.items() if result is not None]
    assert len(done) >= 0.9 * len(pages), sorted(set(pages) - set(done))


def test_the_table_of_contents_nests_as_python_markdown_nests_it() -> None:
    text = (
        '<div class="x">\n<p>a</p>\n</div>\n\n'
        '## <span id="a--name">A \\(1\\) &amp; b</span> { #a aria-labelledby="a--name" }\n\n'
        '### <span id="b--name">B\u00a0: c</span> { #b aria-labelledby="b--name" }\n\n'
        "<p>b</p>\n\n"
        '## <span id="c--name">C</span> { #c aria-labelledby="c--name" }\n'
    )
    result = fast(text)
    assert result == by_python_markdown(text)
    assert result is not None
    assert [t["id"] for t in result["toc_tokens"]] == ["a", "c"]
    assert result["toc_tokens"][0]["children"][0]["name"] == "B : c"
    assert result["anchors"] == {"a", "b", "c"}


# Heading words with Markdown of their own are left to Python-Markdown.
NOT_PLAIN = ["*a*", "`a`", "[a](b)", "a_b_", "a & b", "<em>a</em>", "\\<a", "a!", "{a}"]


@pytest.mark.parametrize("words", NOT_PLAIN)
def test_a_heading_with_markdown_in_its_words_is_left_to_python_markdown(words: str) -> None:
    text = f'<p>a</p>\n\n## <span id="h--name">{words}</span> {{ #h aria-labelledby="h--name" }}\n'
    assert fast(text) is None


# Pages a reviewer's fuzzing found converted otherwise than Python-Markdown converts them.
FOUND = {
    "underscores in the id": '## <span id="_---name">a</span> { #_- aria-labelledby="_---name" }',
    "underscores inside the id": (
        '<p>a</p>\n\n## <span id="a_-_b--name">a</span> { #a_-_b aria-labelledby="a_-_b--name" }'
    ),
    "line break after a tag's name": "<p\n>b</p>\n",
    "vertical tab after a tag's name": "<table\x0b>\n<tr><td>a</td></tr>\n</table>\n",
}


@pytest.mark.parametrize("text", FOUND.values(), ids=FOUND.keys())
def test_what_fuzzing_found_is_converted_alike_or_left_alone(text: str) -> None:
    result = fast(text)
    assert result is None or result == by_python_markdown(text)


@pytest.mark.parametrize("text", HAND_WRITTEN.values(), ids=HAND_WRITTEN.keys())
def test_hand_written_markdown_is_left_to_python_markdown_or_converted_alike(text: str) -> None:
    result = fast(text)
    assert result is None or result == by_python_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "<div>a</div>\n\n```\n<div>b</div>\n```\n",
        "<div>a</div>\n\n~~~\ncode\n~~~\n",
        "<div>a\n   \nb</div>\n",
        "<div>a</div>\t\n",
        "<div>a</div>\r\n\r\n<p>b</p>\n",
        "<div>a\n  ```\nb\n  ```\n</div>\n",
    ],
    ids=["backtick fence", "tilde fence", "line of spaces", "tab", "carriage returns", "indented"],
)
def test_what_python_markdown_would_normalise_first_is_left_to_it(text: str) -> None:
    assert fast(text) is None


# Pieces of pages as the generator writes them, mixed with PIECES (anything at all).
WELL_FORMED = [
    '<div class="a">\n<p>x &amp; y</p>\n</div>',
    "<p>b</p>",
    "<ul>\n<li>a</li>\n</ul>",
    '<svg><title id="t">t</title><path d="M0"/></svg>',
    "<table><tr><td>1</td></tr></table>",
    '## <span id="h--name">Words \\- more</span> { #h aria-labelledby="h--name" }',
    '### <span id="i--name">Sub \\(1\\)</span> { #i aria-labelledby="i--name" }',
]


def test_random_pages_are_converted_alike_or_left_alone() -> None:
    rng = random.Random(20261203)
    pieces = WELL_FORMED + PIECES
    weights = [8] * len(WELL_FORMED) + [1] * len(PIECES)
    converted = 0
    for _ in range(3000):
        chosen = rng.choices(pieces, weights, k=rng.randint(1, 12))
        text = "".join(piece + rng.choice(["\n", "\n\n", "\n\n", "", " "]) for piece in chosen)
        result = fast(text)
        if result is not None:
            converted += 1
            assert result == by_python_markdown(text), text
    assert converted > 100  # the comparison is not vacuous


def test_other_markdown_settings_turn_it_off() -> None:
    with_html_blocks = [*EXTENSIONS, HtmlBlocksExtension()]
    assert page_html.supported(with_html_blocks, SETTINGS)
    assert not page_html.supported([*EXTENSIONS, "md_in_html"], SETTINGS)
    smarty = markdown.extensions.smarty.SmartyExtension()  # given as an object, not a name
    assert not page_html.supported([*with_html_blocks, smarty], SETTINGS)
    assert not page_html.supported(EXTENSIONS, {"toc": {"permalink": "\x0235\x03"}})
    assert not page_html.supported(EXTENSIONS[:-1], SETTINGS)
    assert not page_html.supported(EXTENSIONS, {"toc": {**PERMALINK, "toc_depth": 2}})
    assert not page_html.supported(EXTENSIONS, {**SETTINGS, "tables": {}})
    assert not page_html.supported(EXTENSIONS, {"toc": {"permalink": True}})
    assert not page_html.supported(EXTENSIONS, {"toc": {"permalink": "yes"}})  # read as True
    assert not page_html.supported(EXTENSIONS, {"toc": {**PERMALINK, "permalink_title": 'a "b"'}})
    # Without a title of its own, the permalink has Python-Markdown's.
    assert page_html.supported(EXTENSIONS, {"toc": {"permalink": "#"}})
    assert page_html.permalink_settings({"toc": {"permalink": "#"}}) == ("#", "Permanent link")
    text = '<p>a</p>\n\n## <span id="h--name">H</span> { #h aria-labelledby="h--name" }\n'
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": "#"}})
    assert page_html.convert(text, "#", "Permanent link") == {
        "html": md.convert(text),
        "toc_tokens": md.toc_tokens,
        "anchors": {"h"},
    }


# Zensical's Markdown, as it converts a page: its own inert extension first, and
# pymdownx.superfences instead of fenced_code.
def zensical_markdown(*more: object) -> markdown.Markdown:
    from zensical.extensions.context import ContextExtension

    extensions = [e if e != "fenced_code" else "pymdownx.superfences" for e in EXTENSIONS]
    return markdown.Markdown(
        extensions=[ContextExtension(page=None, config={}), *extensions, *more],
        extension_configs=SETTINGS,
    )


def test_an_engines_own_markdown_takes_the_shortcut_with_the_same_result(
    pages: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical converts each page with a Markdown instance of its own: the extension
    answers its `convert` with exactly what Python-Markdown would have made."""
    answered = []
    real = page_html.convert
    monkeypatch.setattr(
        page_html, "convert", lambda *a: answered.append(result := real(*a)) or result
    )
    for text in pages.values():
        fast_md = zensical_markdown(HtmlBlocksExtension(), page_html.ShortcutExtension())
        slow_md = zensical_markdown(HtmlBlocksExtension())
        assert fast_md.convert(text) == slow_md.convert(text)
        assert fast_md.toc_tokens == slow_md.toc_tokens  # type: ignore[attr-defined]
    assert sum(1 for r in answered if r is not None) >= 0.9 * len(pages)


def test_an_instance_without_a_permalink_title_is_left_to_python_markdown() -> None:
    settings = {"toc": {"permalink": "#", "permalink_title": None}}
    text = '<p>a</p>\n\n## <span id="h--name">H</span> { #h aria-labelledby="h--name" }\n'
    extensions = [*EXTENSIONS, HtmlBlocksExtension()]
    shortcut = markdown.Markdown(
        extensions=[*extensions, page_html.ShortcutExtension()], extension_configs=settings
    )
    plain = markdown.Markdown(extensions=extensions, extension_configs=settings)
    assert shortcut.convert(text) == plain.convert(text)
    assert not page_html.supported(extensions, settings)


@pytest.mark.parametrize(
    ("more", "settings"),
    [
        (["abbr"], SETTINGS),  # an extension it does not know
        ([], {"toc": {**PERMALINK, "baselevel": 2}}),
        ([], {"toc": {**PERMALINK, "permalink_leading": True}}),
        ([], {"toc": {**PERMALINK, "toc_depth": 3}}),
        ([], {"toc": {"permalink": True}}),
    ],
    ids=["another extension", "base level", "leading permalink", "depth", "pilcrow"],
)
def test_other_markdown_set_ups_are_left_to_python_markdown(
    more: list[str], settings: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_html, "convert", lambda *a: pytest.fail("took the shortcut"))
    text = '<p>a</p>\n\n## <span id="h--name">H</span> { #h aria-labelledby="h--name" }\n'
    extensions = [*EXTENSIONS, *more, HtmlBlocksExtension()]
    md = markdown.Markdown(
        extensions=[*extensions, page_html.ShortcutExtension()], extension_configs=settings
    )
    assert md.convert(text) == markdown.Markdown(
        extensions=extensions, extension_configs=settings
    ).convert(text)


def test_mkdocs_pages_take_the_shortcut_and_others_python_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine process's hook (mkdocs_run) gives MkDocs the shortcut's result for a
    generated page, without Python-Markdown, and Python-Markdown's for any other."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator import mkdocs_run

    docs = tmp_path / "docs"
    docs.mkdir()
    settings = {"markdown_extensions": ["attr_list", {"toc": PERMALINK}]}
    (tmp_path / "mkdocs.yml").write_text(json.dumps({"site_name": "t", **settings}))
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config["markdown_extensions"].append(HtmlBlocksExtension())
    heading = '## <span id="h--name">H</span> { #h aria-labelledby="h--name" }'
    generated = f'<div class="a">\n<p>b</p>\n</div>\n\n{heading}\n'
    expected = by_python_markdown(generated)

    def page(text: str) -> Page:
        file = File("p.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
        made = Page(None, file, config)
        made.markdown = text
        return made

    monkeypatch.setattr(Page, "render", Page.render)  # put back after the test
    mkdocs_run._convert_generated_pages()
    made = page(generated)
    real_markdown = markdown.Markdown
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "Markdown", None)  # any use of it fails
        made.render(config, Files([]))
    assert made.content == expected["html"]
    assert [(item.id, item.title) for item in made.toc] == [("h", "H")]
    assert made.present_anchor_ids == {"h"}
    assert markdown.Markdown is real_markdown
    other = page("Some *Markdown* written by hand.\n")
    other.render(config, Files([]))
    assert other.content == "<p>Some <em>Markdown</em> written by hand.</p>"
