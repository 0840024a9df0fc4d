"""Every internal link and anchor of a built site resolves; nothing loads from elsewhere."""

from __future__ import annotations

from pathlib import Path

from crawl import crawl_site
from generator.loader import load_campaign
from pages import Site


def public_url(content: Path) -> str:
    return load_campaign(content).campaign.site.url


def test_crawler_finds_no_broken_link_or_anchor(site: Site) -> None:
    report = crawl_site(site.root, public_url(site.content))
    assert [str(p) for p in report.problems] == []
    assert {"", "concerns/", "action/", "404.html"} <= report.visited


def test_hostile_site_has_no_broken_link_or_foreign_resource(hostile_site: Path) -> None:
    report = crawl_site(hostile_site, "https://hostile.example.org")
    assert [str(p) for p in report.problems] == []
    # The Markdown image tricks became plain links a reader may choose to follow.
    assert "https://tracker.example/reference.png" in report.external_links


def write(root: Path, path: str, body: str) -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>")


def test_crawler_reports_each_kind_of_problem(tmp_path: Path) -> None:
    """The checker itself: a small site with one mistake of each kind."""
    write(
        tmp_path,
        "index.html",
        '<h1 id="top">Home</h1><a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top">ok</a>'
        '<a href="gone/">missing page</a> <a href="a/#nowhere">missing anchor</a>'
        '<a href="http://example.org/">plain http</a> <a href="javascript:alert(1)">script</a>'
        '<a href="https://example.org/">fine</a> <a href="mailto:a@example.org">fine</a>'
        '<link rel="canonical" href="https://elsewhere.example/">'
        '<script src="https://cdn.example/x.js"></script><img src="//tracker.example/p.png">'
        '<link rel="stylesheet" href="https://fonts.example/css">',
    )
    write(tmp_path, "a/index.html", '<p id="here">A</p><a href="../b/">to b</a>')
    write(tmp_path, "b/index.html", "<p>B</p>")
    write(tmp_path, "404.html", '<a href="/">home</a>')
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://site.example/a/</loc></url>"
        "<url><loc>https://site.example/lost/</loc></url></urlset>"
    )
    report = crawl_site(tmp_path, "https://site.example/")
    found = sorted(str(p) for p in report.problems)
    assert found == sorted(
        [
            "/: <a href> leads to missing /gone/",
            "/: link to missing anchor /a/#nowhere",
            "/: <a href> 'http://example.org/' is neither internal nor https",
            "/: <a href> 'javascript:alert(1)' is neither internal nor https",
            "/: canonical address 'https://elsewhere.example/' is not on https://site.example/",
            "/: <script src> loads 'https://cdn.example/x.js' from another origin",
            "/: <img src> loads '//tracker.example/p.png' from another origin",
            "/: <link href> loads 'https://fonts.example/css' from another origin",
            "/sitemap.xml: https://site.example/lost/ is not a page of the site",
            "/search/search_index.json: missing",
        ]
    )
    assert report.visited == {"", "a/", "b/", "404.html"}
