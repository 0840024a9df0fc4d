"""Links and markup in Markdown fields: one rule, checked by validate where it is broken,
and links to the site's own pages that work in every language."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ISSUE_LINE, Result, assert_clean_failure, build, run_cli
from generator import markup

CONCERN = "concerns/weak-safeguards.yml"
WHY = "  why_it_matters: For example, a journalist could be watched without a judge knowing.\n"


def write_why(campaign: Path, *lines: str, folder: str = "") -> Path:
    """Replace the concern's why_it_matters with a multi-line block of `lines`."""
    path = campaign / folder / CONCERN
    text = path.read_text(encoding="utf-8")
    block = "  why_it_matters: |\n" + "".join(f"    {line}\n" for line in lines)
    if folder:
        old = re.search(r"  why_it_matters: .*\n", text)
        assert old
        path.write_text(text.replace(old.group(0), block), encoding="utf-8")
    else:
        assert WHY in text
        path.write_text(text.replace(WHY, block), encoding="utf-8")
    return path


def position(path: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def issues(result: Result) -> list[str]:
    return [line for line in result.err.splitlines() if ISSUE_LINE.match(line)]


def validate(campaign: Path) -> Result:
    return run_cli("validate", "--content", campaign)


def test_links_must_be_https_and_are_reported_at_their_column(campaign: Path) -> None:
    path = write_why(
        campaign,
        "A journalist could be watched.",
        "The [old report](http://www.example.org/report) says so,",
        "and so does [this one](https://www.example.org/ok).",
    )
    result = validate(campaign)
    assert_clean_failure(result)
    line, column = position(path, "http://www.example.org/report")
    assert issues(result) == [
        f"{CONCERN}:{line}:{column}: sections.why_it_matters: link "
        "'http://www.example.org/report' uses http://; links must use https://. Hint: write "
        "'https://www.example.org/report' if the site offers it; otherwise link to an archived "
        "copy (web.archive.org serves https)."
    ]


@pytest.mark.parametrize(
    ("link", "message", "hint"),
    [
        ("javascript:alert(1)", "is not allowed: links may only be", "a javascript:"),
        ("JavaScript:alert(1)", "is not allowed: links may only be", "a javascript:"),
        ("data:text/html,hi", "is not allowed: links may only be", "write a full https://"),
        ("ftp://files.example.org/a", "is not allowed: links may only be", "write a full"),
        ("about/", "is relative to the page", "e.g. '/about/'"),
        ("../recommendations/", "is relative to the page", "e.g. '/recommendations/'"),
        ("//evil.example/x", "is not allowed: links may only be", "write a full https://"),
    ],
)
def test_refused_links_are_reported(campaign: Path, link: str, message: str, hint: str) -> None:
    path = write_why(campaign, "Watched.", f"See [here]({link}).")
    result = validate(campaign)
    assert_clean_failure(result)
    [issue] = issues(result)
    line, column = position(path, link)
    assert issue.startswith(f"{CONCERN}:{line}:{column}: sections.why_it_matters: link '")
    assert message in issue and hint in issue.split("Hint:", 1)[1]


def test_raw_html_images_and_autolinks_are_reported(campaign: Path) -> None:
    path = write_why(
        campaign,
        "Watched <b>without</b> a judge.",
        "",
        '<div class="box">A box</div>',
        "",
        "![a chart](https://www.example.org/chart.png) and <javascript:alert(1)>.",
    )
    result = validate(campaign)
    assert_clean_failure(result)
    found = issues(result)
    for needle, words in [
        ("<b>", "raw HTML ('<b>') is not allowed in Markdown"),
        ('<div class="box">', "raw HTML ('<div>') is not allowed"),
        ("![a chart]", "images are not shown"),
        ("javascript:alert(1)", "link 'javascript:alert(1)' is not allowed"),
    ]:
        line, column = position(path, needle)
        assert any(i.startswith(f"{CONCERN}:{line}:{column}:") and words in i for i in found), (
            needle,
            found,
        )
    assert len(found) == 4, "a closing tag is not a second problem"


def test_a_less_than_sign_in_text_is_not_html(campaign: Path) -> None:
    write_why(campaign, "Fewer than 5 < 10 judges, and a <name@example.org> address.")
    assert validate(campaign).code == 0


def test_links_to_the_sites_own_pages_are_checked(campaign: Path) -> None:
    path = write_why(
        campaign,
        "See [About](/about/), [the other concern](/concerns/secret-interception/#why-it-matters),",
        "[Article 5](/articles/5/), [its old address](/concerns/old-safeguards/),",
        "[the briefing](/briefing/), [the data](/data/campaign.json), [home](/) and [a",
        "section](#sources).",
    )
    assert validate(campaign).code == 0, validate(campaign).err
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("(/about/)", "(/about)").replace(
            "/concerns/secret-interception/#", "/concerns/secret-intercepton/#"
        ),
        encoding="utf-8",
    )
    result = validate(campaign)
    assert_clean_failure(result)
    found = issues(result)
    line, column = position(path, "/about)")
    assert f"{CONCERN}:{line}:{column}: sections.why_it_matters: link '/about' is missing its " in (
        "\n".join(found)
    )
    line, column = position(path, "/concerns/secret-intercepton/")
    [typo] = [i for i in found if i.startswith(f"{CONCERN}:{line}:{column}:")]
    assert "there is no page '/concerns/secret-intercepton/' on this site" in typo
    assert "Hint: did you mean '/concerns/secret-interception/'?" in typo
    assert len(found) == 2


def test_links_to_country_pages_are_checked(campaign: Path) -> None:
    path = write_why(
        campaign, "See [where countries stand](/countries/) and [France](/countries/fr/)."
    )
    assert validate(campaign).code == 0, validate(campaign).err
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("/countries/fr/", "/countries/de/"), encoding="utf-8")
    result = validate(campaign)
    assert_clean_failure(result)
    assert "there is no page '/countries/de/' on this site" in result.err
    # Without a countries file there is no countries page to link to.
    path.write_text(text, encoding="utf-8")
    (campaign / "countries.yml").unlink()
    assert "there is no page '/countries/' on this site" in validate(campaign).err


def test_an_article_no_concern_cites_has_no_page(campaign: Path) -> None:
    articles = campaign / "articles.yml"
    articles.write_text(
        articles.read_text(encoding="utf-8")
        + "  - number: 7\n    subject: Other\n    summary: Not cited.\n"
        "    confirmation: reported\n    official_url: https://test.example.org/text#art7\n",
        encoding="utf-8",
    )
    write_why(campaign, "See [the article](/articles/7/).")
    result = validate(campaign)
    assert_clean_failure(result)
    assert "there is no page '/articles/7/' on this site" in result.err


def test_translations_are_checked_by_the_same_rule(multilingual: Path) -> None:
    folder = "translations/fr"
    path = write_why(multilingual, "Voir [le rapport](http://www.example.org/r).", folder=folder)
    result = validate(multilingual)
    assert_clean_failure(result)
    line, column = position(path, "http://")
    assert issues(result)[0].startswith(
        f"{folder}/{CONCERN}:{line}:{column}: sections.why_it_matters: link 'http://"
    )


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on `page` leads to, as a browser would resolve it."""
    base = "http://site/" + page.relative_to(site).as_posix()
    path = urlsplit(urljoin(base, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_links_to_site_pages_work_in_every_language(multilingual: Path, tmp_path: Path) -> None:
    line = "See [About](/about/), [the briefing](/briefing/) and [home](/)."
    write_why(multilingual, line)
    write_why(
        multilingual,
        "Voir [À propos](/about/), [la note](/briefing/) et [l’accueil](/).",
        folder="translations/fr",
    )
    site = build(multilingual, tmp_path / "site")
    for page, about, home in [
        ("concerns/weak-safeguards/index.html", "about/index.html", "index.html"),
        ("fr/concerns/weak-safeguards/index.html", "fr/about/index.html", "fr/index.html"),
        ("es/concerns/weak-safeguards/index.html", "es/about/index.html", "es/index.html"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(
            r'<a href="([^"]+)">(?:About|À propos|home|l’accueil|the briefing|la note)</a>', html
        )
        assert len(hrefs) == 3, (page, hrefs)
        targets = [resolve(site, site / page, h) for h in hrefs]
        # Each language's own page, its briefing included.
        briefing = site / about.replace("about/", "briefing/")
        assert targets == [site / about, briefing, site / home], page
        assert all(t.is_file() for t in targets)
        assert not any(h.startswith("/") for h in hrefs), "relative, so any host works"


def test_the_feed_writes_site_links_in_full(campaign: Path, tmp_path: Path) -> None:
    write_why(campaign, "See [About](/about/#sources).")
    site = build(campaign, tmp_path / "site")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://test.example.org/about/#sources"&gt;About' in feed


def test_the_renderer_drops_what_validate_refuses() -> None:
    """Defence in depth: even unchecked, such links never become links."""
    html = markup.block("[a](http://x.org) [b](javascript:x) [c](//x.org) [d](/\\x.org) [e](/a/)")
    # A backslash is percent-encoded, so no browser reads "/\\x.org" as another host.
    assert re.findall(r'href="([^"]*)"', html) == ["/%5Cx.org", "/a/"]


def test_the_field_reference_states_the_rule(minimal_site: Path) -> None:
    page = (minimal_site / "maintainers/fields/index.html").read_text(encoding="utf-8")
    rule = page.split('id="markdown"', 1)[1].split("</p>", 1)[0]
    for words in ("https://", "mailto:", "/about/", "/concerns/&lt;slug&gt;/", "raw HTML"):
        assert words in rule, words
    # Every Markdown field's type leads to it, one-line ones included.
    assert page.count('<a href="#markdown">Markdown text</a>') >= 10
    assert 'one line of <a href="#markdown">Markdown text</a>, up to 300 characters' in page
    assert "[the words]{lang=fr}" in rule


# --- words in another language: [words]{lang=en} -------------------------------------------


def test_words_in_another_language_are_marked_with_it_and_its_direction() -> None:
    html = markup.block(
        "Elle «[continues to review]{lang=en}» le [texte]{lang=fr}, "
        "[EFF](https://www.eff.org/){lang=en} et [نص]{lang=ar}."
    )
    assert '«<span lang="en" dir="ltr">continues to review</span>»' in html
    assert '<span lang="fr" dir="ltr">texte</span>' in html
    assert '<a href="https://www.eff.org/" lang="en" dir="ltr">EFF</a>' in html
    assert '<span lang="ar" dir="rtl">نص</span>' in html


@pytest.mark.parametrize(
    "text",
    [
        '[a]{onclick="window.x=1" lang=en}',
        '[a]{lang=en style="color:red" #id .cls}',
        '[a](https://www.eff.org/){onfocus="x" autofocus=1 lang=en}',
        '[a]{lang="en onclick=x"}',
        '[a]{href="javascript:alert(1)" lang=en}',
    ],
)
def test_the_renderer_keeps_nothing_but_a_language(text: str) -> None:
    """Defence in depth: even unchecked, no other attribute reaches the page."""
    html = markup.inline(text)
    attributes = re.findall(r"\s([\w:-]+)=", html)
    assert set(attributes) <= {"lang", "dir", "href"}, html
    assert "javascript" not in html and "onclick" not in html and "style" not in html


def test_wrong_language_marks_are_reported_at_their_column(campaign: Path) -> None:
    path = write_why(
        campaign,
        "Fine: «[lack of intent]{lang=en}» and [EFF](https://www.eff.org/){lang=en}.",
        "Refused: [one]{onclick=go lang=en} and [two]{.loud}",
        "and [three]{lang=xx} and [four]{lang=en unclosed.",
    )
    result = validate(campaign)
    assert_clean_failure(result)
    found = issues(result)
    place = f"{CONCERN}:{{}}:{{}}: sections.why_it_matters: "
    expected = [
        (
            position(path, "[one]{onclick"),
            "'onclick' cannot be set on text here; only its language",
        ),
        (position(path, "[two]{"), "'class' cannot be set on text here"),
        (position(path, "[three]{lang=xx}"), "'xx' is not a language code the generator knows."),
        (position(path, "[four]{"), "'[four]{lang=en unclosed.' would be shown as these very"),
    ]
    assert len(found) == len(expected), found
    for line, ((row, column), message) in zip(found, expected, strict=True):
        assert line.startswith(place.format(row, column) + message), line
        assert " Hint: write " in line


def test_a_mark_in_a_field_that_is_not_markdown_is_reported(campaign: Path) -> None:
    path = campaign / CONCERN
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.MULTILINE)
    assert title
    path.write_text(text.replace(title.group(0), "title: A [quoted]{lang=en} title"), "utf-8")
    result = validate(campaign)
    assert_clean_failure(result)
    row, column = position(path, "[quoted]")
    assert issues(result) == [
        f"{CONCERN}:{row}:{column}: title: this field is plain text, so '[...]{{lang=...}}' "
        "would be shown as these very characters. Hint: take the mark out: a language can be "
        "marked only in fields written in Markdown, which the field reference "
        "(/maintainers/fields/) names."
    ]


def test_a_translation_marks_an_english_quotation(multilingual: Path, tmp_path: Path) -> None:
    write_why(
        multilingual,
        "Le texte dit « [lack of intent]{lang=en} » : voir [EFF](https://www.eff.org/){lang=en}.",
        folder="translations/fr",
    )
    sources = multilingual / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    first = re.search(r"^(    url: .*)$", text, re.MULTILINE)
    assert first
    note = '\n    note: Its handout, "[UN Draft Negotiations]{lang=en}".'
    sources.write_text(text.replace(first.group(0), first.group(0) + note, 1), "utf-8")
    site = build(multilingual, tmp_path / "site")
    page = (site / "fr/concerns/weak-safeguards/index.html").read_text(encoding="utf-8")
    # French spacing is set around the quotation, never inside the English words.
    assert '«\u202f<span lang="en" dir="ltr">lack of intent</span>\u202f»\u00a0:' in page
    assert '<a href="https://www.eff.org/" lang="en" dir="ltr">EFF</a>' in page
    # A source's note, cited on the page.
    assert '&quot;<span lang="en" dir="ltr">UN Draft Negotiations</span>&quot;' in page
    assert "{lang=" not in page


def test_marks_markdown_cannot_read_are_each_reported_where_written(campaign: Path) -> None:
    path = write_why(
        campaign,
        "First «[unlawful acts]{lang=en}» here, then «[unlawful acts]{.en}» there.",
        "A [[the EFF]{lang=en}](https://www.eff.org/) link and **bold**{lang=en}.",
        "Also `code`{lang=en}, [gap] {lang=en}, [e][]{lang=en} and [x]{lang=eng}.",
        "Two: [a]{lang=e n} and [b]{lang=f r}.",
    )
    result = validate(campaign)
    assert_clean_failure(result)
    place = f"{CONCERN}:{{}}:{{}}: sections.why_it_matters: "
    expected = [
        ("[unlawful acts]{.en}", "'class' cannot be set on text here"),
        ("](https://www.eff.org/)", "a mark of a language inside a link's [brackets] stops"),
        ("**{lang=en}", "'{lang=en}' would be shown as these very characters"),
        ("`code`{lang=en}", "'{lang=en}' would be shown as these very characters"),
        ("[gap] {lang=en}", "'[gap] {lang=en}' would be shown as these very characters"),
        ("[]{lang=en}", "a mark of a language has no words in its [brackets]."),
        ("[x]{lang=eng}", "'eng' is not written as browsers and screen readers expect"),
        ("[a]{lang=e n}", "'[a]{lang=e n}' would be shown as these very characters"),
        ("[b]{lang=f r}", "'[b]{lang=f r}' would be shown as these very characters"),
    ]
    found = issues(result)
    assert len(found) == len(expected), found
    for line, (needle, message) in zip(sorted(found, key=_place), expected, strict=True):
        row, column = position(path, needle)
        assert line.startswith(place.format(row, column) + message), (needle, line)
    assert "Hint: write lang=en." in result.err


def _place(line: str) -> tuple[int, int]:
    row, column = line.split(":")[1:3]
    return int(row), int(column)


def test_a_translations_markdown_is_checked_while_the_campaign_has_errors(
    multilingual: Path,
) -> None:
    """Every mistake at once: a broken link in a translation is reported beside the
    campaign's own error, not only once that is fixed."""
    campaign_file = multilingual / "campaign.yml"
    text = campaign_file.read_text(encoding="utf-8")
    campaign_file.write_text(
        text.replace("time_zone: America/New_York", "time_zone: Mars"), "utf-8"
    )
    folder = "translations/fr"
    path = write_why(multilingual, "Voir [le rapport](http://www.example.org/r).", folder=folder)
    result = validate(multilingual)
    assert_clean_failure(result)
    line, column = position(path, "http://")
    found = issues(result)
    assert any(x.startswith("campaign.yml:") and "time_zone" in x for x in found), found
    assert any(
        x.startswith(f"{folder}/{CONCERN}:{line}:{column}: sections.why_it_matters: link 'http://")
        for x in found
    ), found
