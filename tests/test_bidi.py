"""Left-to-right runs in right-to-left pages (generator/bidi.py), as the renderer hands
them over: each run, with the brackets and quotes that belong to it, isolated in <bdi>.
The browser proves the layout (test_browser_bidi.py); these pin what the HTML becomes."""

from __future__ import annotations

import pytest

from generator import bidi
from generator.bidi import isolate_ltr_runs, isolate_text

CASES = [
    ("<p>يحمي (LGBTQ+) الناس.</p>", "<p>يحمي <bdi>(LGBTQ+)</bdi> الناس.</p>"),
    (
        "<p>انظر [United Nations Treaty Collection] اليوم.</p>",
        "<p>انظر <bdi>[United Nations Treaty Collection]</bdi> اليوم.</p>",
    ),
    (
        "<p>الموقع https://example.net/a?b=1 مفتوح.</p>",
        "<p>الموقع <bdi>https://example.net/a?b=1</bdi> مفتوح.</p>",
    ),
    ('<p>قال "Hello, world" ثم غادر.</p>', '<p>قال <bdi>"Hello, world"</bdi> ثم غادر.</p>'),
    (
        '<p>المادة <a href="/a/5/">Article 5</a>، الفقرة 2.</p>',
        '<p>المادة <bdi><a href="/a/5/">Article 5</a></bdi>، الفقرة 2.</p>',
    ),
    (
        "<p>منظمة EFF &amp; Access Now تقولان.</p>",
        "<p>منظمة <bdi>EFF &amp; Access Now</bdi> تقولان.</p>",
    ),
    ("<p>اسم Élodie Ünver هنا.</p>", "<p>اسم <bdi>Élodie Ünver</bdi> هنا.</p>"),
    ("<p>نص عربي فقط.</p>", "<p>نص عربي فقط.</p>"),
    ('<pre><code>print("x")</code></pre>', '<pre dir="ltr"><code>print("x")</code></pre>'),
    ('<p dir="ltr">Already left to right</p>', '<p dir="ltr">Already left to right</p>'),
    # An Arabic word already isolated ends the Latin run after it: taken into that run, it
    # would be shown on the run's far side; the dot between two links is the sentence's.
    (
        '<p>باللغة <bdi>الإنجليزية</bdi>: <a href="b">citations.bib</a> · '
        '<a href="d">البيانات</a></p>',
        '<p>باللغة <bdi>الإنجليزية</bdi>: <bdi><a href="b">citations.bib</a></bdi> · '
        '<a href="d">البيانات</a></p>',
    ),
    (
        '<p>انظر <span dir="rtl">هنا</span> Article 5</p>',
        '<p>انظر <span dir="rtl">هنا</span> <bdi>Article 5</bdi></p>',
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_each_latin_run_is_isolated_with_its_own_brackets(body: str, expected: str) -> None:
    assert isolate_ltr_runs(body) == expected


def test_plain_text_gets_isolate_marks_where_no_element_can_hold_a_run() -> None:
    assert isolate_text("عن (EFF) اليوم") == "عن \u2068(EFF)\u2069 اليوم"
    assert isolate_text("نص عربي") == "نص عربي"


def test_a_right_to_left_page_has_its_direction_on_the_document_too() -> None:
    rtl = '<!doctype html>\n<html lang="ar" class="no-js">\n<head></head>\n<body dir="rtl">x</body>'
    assert '<html lang="ar" class="no-js" dir="rtl">' in bidi.rtl_root(rtl)
    ltr = rtl.replace('"rtl"', '"ltr"').replace('"ar"', '"fr"')
    assert bidi.rtl_root(ltr) == ltr
    already = rtl.replace('class="no-js"', 'dir="rtl"')
    assert bidi.rtl_root(already) == already
