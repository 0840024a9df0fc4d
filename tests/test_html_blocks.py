"""The MkDocs adapter sets the pages' HTML blocks aside before Python-Markdown parses them
(generator/html_blocks.py): every page must convert to exactly the HTML it would without
that step, and the step must actually take the generated blocks off the parser's hands."""

from __future__ import annotations

import markdown
import pytest
from markdown_pages import CAMPAIGNS, EXTENSIONS, generated_pages, python_markdown

from generator import html_blocks
from generator.html_blocks import HtmlBlocksExtension, StashHtmlBlocks


def convert(text: str, stash: bool, extensions: list[str] | None = None) -> str:
    added = [HtmlBlocksExtension()] if stash else []
    if extensions is not None:
        return markdown.Markdown(extensions=[*extensions, *added]).convert(text)
    return python_markdown(added).convert(text)


@pytest.fixture(scope="module", params=sorted(CAMPAIGNS))
def pages(request: pytest.FixtureRequest) -> dict[str, str]:
    return generated_pages(CAMPAIGNS[request.param])


def test_every_generated_page_converts_to_the_same_html(pages: dict[str, str]) -> None:
    differ = [name for name, text in pages.items() if convert(text, True) != convert(text, False)]
    assert not differ


def test_the_generated_blocks_are_set_aside(pages: dict[str, str]) -> None:
    """What the parser is left with holds almost none of the generated HTML."""
    left, total = 0, 0
    for text in pages.values():
        md = markdown.Markdown(extensions=EXTENSIONS)
        lines = StashHtmlBlocks(md).run(text.split("\n"))
        left += sum(line.count("<") for line in lines)
        total += text.count("<")
    assert total > 0
    assert left / total < 0.2  # the headings' own markup stays, as it must


# Markdown written by hand (a campaign's own docs/ pages) can hold anything: each of these
# is left to Python-Markdown, wholly or from the point where it is unsure.
HAND_WRITTEN = {
    "plain": "<div class='a'>\n<p>One &amp; two</p>\n</div>\n\n## Next\n\nText.\n",
    "blank line inside a block": '<div class="x">\n<p>a</p>\n\n<p>b</p>\n</div>\n\nAfter *it*.\n',
    "text after the closing tag": "<div>a</div> and *more*\n\n<p>b</p>\n",
    "markdown on the next line": "<div>a</div>\n*emphasis* here\n\n<p>b</p>\n",
    "inline tag starting a line": "<span>a *b*</span>\n\n<div>c</div>\n",
    "comment": "<!-- a\n\n<div>b</div>\n\n-->\n\n<div>c</div>\n",
    "script": "<script>\nif (a < b) {}\n\n</script>\n\n<div>c</div>\n",
    "style": "<div>\n<style>p > a {}</style>\n</div>\n\n<p>x</p>\n",
    "reference without semicolon": "<p>a &amp b &#39 c</p>\n\n<div>d</div>\n",
    "unclosed block": "<div>\n<p>a</p>\n\n*b*\n\n<p>c</p>\n",
    "stray end tag": "<div>a</span></div>\n\n<p>b</p>\n",
    "void and self-closing tags": "<div>a<br>b<img src='x.png'/></div>\n\n<hr>\n\n<p>c</p>\n",
    "uppercase tags": "<DIV CLASS='a'>\n<P>b</P>\n</DIV>\n\n## c\n",
    "nested same tag": "<div><div>a</div>\n</div>\n<div>b</div>\n\nText.\n",
    "angle bracket in an attribute": "<div title='a > b'>c</div>\n\n<p title=\"<i>\">d</p>\n",
    "bare attribute values": "<div class=a id=b>c</div>\n\n<a href=x/>d</a>\n",
    "indented": "   <div>a</div>\n\n    <div>code</div>\n\n<div>b</div>\n",
    "code span": "`<div>` is a tag\n\n<div>a</div>\n",
    "html declaration": "<!DOCTYPE html>\n\n<div>a</div>\n",
    "end tag with attributes": "<div>a</div class='x'>\n\n<p>b</p>\n",
    "self-closing end tag": "<div>a</div/>\n\n<p>b</p>\n",
    "leading blank lines": "\n\n<div>a</div>\n\n\n\n<p>b</p>\n",
    "markdown switch": '<div markdown="1">\n*a*\n</div>\n\n<p>b</p>\n',
    "table then html": "| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>c</div>\n",
    "heading with html": "## <span id='a'>A</span> { #a }\n\n<div>b</div>\n",
    "svg title": '<svg><title id="t">Map &amp; key</title><path d="M0"/></svg>\n\n<p>b</p>\n',
    "tag inside a title": "<svg><title>a <b>b</b></title></svg>\n\n*c*\n",
    "unclosed title": "<div><title>a\n\n</div>\n\n<p>b</p>\n",
    "textarea": "<div><textarea>a <p> b</textarea></div>\n\n<p>c</p>\n",
    "line break after a tag's name": "<p\n>b</p>\n\n<div>c</div>\n",
    "no-break space after a tag's name": '<div\xa0class="a">a</div>\n\n<p>b</p>\n',
}


@pytest.mark.parametrize("text", HAND_WRITTEN.values(), ids=HAND_WRITTEN.keys())
def test_hand_written_markdown_converts_to_the_same_html(text: str) -> None:
    assert convert(text, True) == convert(text, False)


def test_a_block_of_many_paragraphs_is_read_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each try reads a block from its start: one that spans hundreds of blank lines is
    left to Python-Markdown after a bounded number, not read hundreds of times over."""
    reads: list[int] = []
    real = html_blocks._stored_whole
    monkeypatch.setattr(
        html_blocks, "_stored_whole", lambda text, md: reads.append(len(text)) or real(text, md)
    )
    long = "<div>\n" + "\n\n".join(f"<p>{i}</p>" for i in range(2_000)) + "\n</div>\n\n*After.*\n"
    short = "<div>\n" + "\n\n".join(f"<p>{i}</p>" for i in range(20)) + "\n</div>\n\n*After.*\n"
    assert convert(long, True) == convert(long, False)
    assert len(reads) <= 200  # not 2,000 reads of a text that grows to the whole block
    reads.clear()
    assert convert(short, True) == convert(short, False)
    assert len(reads) == 20  # under the bound, the block is found and stored whole


def test_md_in_html_still_reads_markdown_inside_blocks() -> None:
    text = '<div markdown="1">\n*a*\n</div>\n\n<div>b</div>\n'
    extensions = [*EXTENSIONS, "md_in_html"]
    assert convert(text, True, extensions) == convert(text, False, extensions)
    assert "<em>a</em>" in convert(text, True, extensions)


# Pieces of pages, well-formed or not, put together at random (with a fixed seed, so the
# test is the same on every run): whatever comes out, the HTML must be the same.
PIECES = [
    "<div>",
    "</div>",
    '<div class="a" data-x>',
    "<p>text &amp; more</p>",
    "<p>",
    "</p>",
    "<ul><li>a</li></ul>",
    "<span>inline</span>",
    "</span>",
    "<br>",
    "<hr>",
    "<img src='a.png'/>",
    "<!-- note -->",
    "<script>a < b</script>",
    "&copy",
    "*emphasis*",
    "## Heading { #h }",
    "plain words",
    "    indented <div>",
    "<table><tr><td>1</td></tr></table>",
    "<details><summary>s</summary>",
    "</details>",
    "<h2 id='x'>Title</h2>",
    "`<div>` code",
    "<DIV>",
    "</DIV>",
    "- item",
    "> quote <p>",
]


def test_random_pages_convert_to_the_same_html() -> None:
    import random

    rng = random.Random(20261130)
    for _ in range(3000):
        pieces = rng.choices(PIECES, k=rng.randint(1, 12))
        text = "".join(piece + rng.choice(["\n", "\n", "\n\n", "", " "]) for piece in pieces)
        assert convert(text, True) == convert(text, False), text
