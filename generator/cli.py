"""Command line: a thin layer that turns errors into short messages and exit codes.

Exit codes: 0 success, 1 content errors (or a site the engine refused), 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import FOLDER, Cache
from .clock import ClockError
from .errors import ContentError
from .loader import load_campaign
from .supplied import SOURCES

if TYPE_CHECKING:
    from .translations import Content

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
SUPPLIED_HELP = {
    "url": ("URL", "the site's public address"),
    "repository": ("URL", "the repository that holds the content"),
    "contact_url": ("URL", "where readers reach the campaign, e.g. the repository's issues"),
    "contact_email": ("EMAIL", "an email address the campaign reads"),
}


def _content_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is not a folder")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate campaign YAML and build it into a static site.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument(
        "--content",
        type=_content_dir,
        default=ROOT,
        metavar="DIR",
        help="campaign folder (default: this repository's campaign)",
    )
    supplied = argparse.ArgumentParser(add_help=False)
    where = supplied.add_argument_group(
        "addresses the campaign leaves out",
        "used only where campaign.yml gives none (the deploy workflow passes what GitHub knows)",
    )
    for name, (env, option) in SOURCES.items():
        where.add_argument(
            option,
            dest=f"supplied_{name}",
            type=_supplied(name),
            metavar=SUPPLIED_HELP[name][0],
            help=f"{SUPPLIED_HELP[name][1]} (or ${env})",
        )
    production = argparse.ArgumentParser(add_help=False)
    production.add_argument(
        "--production",
        action="store_true",
        help="refuse what must never be published: a placeholder address, text left from a "
        "template, a missing campaign contact",
    )
    validate = sub.add_parser(
        "validate",
        parents=[content, supplied, production],
        help="check every content file and report all errors",
    )
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: also print each error as a GitHub Actions annotation on stdout",
    )
    cached = argparse.ArgumentParser(add_help=False)
    cached.add_argument(
        "--no-cache",
        action="store_true",
        help=f"draw every share card and compile every template afresh (default: reuse {FOLDER}/"
        " beside the content)",
    )
    build = sub.add_parser(
        "build",
        parents=[content, cached, supplied, production],
        help="validate, then build the site",
    )
    build.add_argument(
        "--site-dir",
        type=Path,
        default=ROOT / "site",
        metavar="DIR",
        help="where to put the built site (default: site/)",
    )
    build.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="site engine; zensical is Material for MkDocs' successor (see README)",
    )
    gen = sub.add_parser(
        "generate",
        parents=[content, cached, supplied],
        help="write the engine-neutral docs tree only (default: docs/_generated)",
    )
    gen.add_argument("--out", type=Path, default=ROOT / "docs" / "_generated", metavar="DIR")
    serve = sub.add_parser(
        "serve", parents=[content, supplied], help="live preview that rebuilds when a file changes"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    new = sub.add_parser(
        "new", parents=[content], help="start a new concern file that validates at once"
    )
    new.add_argument("kind", choices=["concern"], help="what to create")
    new.add_argument("title", help='the title, in quotes: "Forced decryption"')
    new.add_argument("--slug", help="the page's address (default: made from the title)")
    new.add_argument(
        "--date", metavar="YYYY-MM-DD", help="last_reviewed (default: $TX_TODAY or today)"
    )
    links = sub.add_parser("links", help="check every link and anchor in a built site")
    links.add_argument("--site-dir", type=Path, default=ROOT / "site", metavar="DIR")
    links.add_argument(
        "--external",
        action="store_true",
        help="also try every external address (needs the network); reported, never fatal",
    )
    links.add_argument("--format", choices=["text", "github"], default="text")
    for command in (gen, serve):
        command.add_argument("--lang", metavar="CODE", help="that language's pages, e.g. fr")
    tx = sub.add_parser(
        "translations",
        parents=[content],
        help="list what each translation is missing (exit 1 if a translation file is invalid)",
    )
    tx.add_argument("--lang", metavar="CODE", help="one language only, e.g. fr")
    schema = sub.add_parser("schema", help="print or write JSON Schema for every content file")
    schema.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write one <file>.schema.json per content file into DIR",
    )
    urls = sub.add_parser(
        "urls",
        parents=[content],
        help="add every published URL to the manifest (never removes one), or --check a site",
    )
    urls.add_argument(
        "--manifest",
        type=Path,
        metavar="FILE",
        help="the URL manifest (default: urls.txt in the campaign folder)",
    )
    urls.add_argument(
        "--check",
        type=_content_dir,
        metavar="SITE_DIR",
        help="report every listed URL that is neither a page nor a redirect in a built site",
    )
    imp = sub.add_parser(
        "import-status",
        parents=[content],
        help="update countries.yml from a saved copy of the UN Treaty Collection status page",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the saved page (HTML)")
    imp.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day the page was true on (default: its 'Status as at', else the file's date)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="print what would change; write nothing"
    )
    return parser


def cmd_import_status(args: argparse.Namespace) -> int:
    import datetime as dt

    from . import importer
    from .clock import latest_today

    countries_path = args.content / "countries.yml"
    if not countries_path.is_file():
        print(
            f"error: {countries_path} does not exist. Hint: create it with 'authority: <source "
            "id>' and 'countries: []' (see CONTRIBUTING.md), then run this again.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not args.file.is_file():
        print(f"error: '{args.file}' is not a file.", file=sys.stderr)
        return EXIT_USAGE
    try:
        given = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(
            f"error: --date '{args.date}' is not a date. Hint: write YYYY-MM-DD.", file=sys.stderr
        )
        return EXIT_USAGE
    campaign = load_campaign(args.content)  # never edit a campaign that does not validate
    try:
        page = importer.parse_status_page(args.file.read_bytes().decode("utf-8", "replace"))
        day, origin = importer.page_date(page, args.file, given)
        if day > latest_today():
            raise importer.StatusImportError(
                f"the page's date {day.isoformat()} ({origin}) is after today; give --date."
            )
        text, doc, data = importer.load_countries(countries_path, "countries.yml")
        result = importer.update_text(text, doc, data, page, day)
        changed = result.text != text.rstrip("\n") + "\n"
        if changed and not args.dry_run:
            importer.write_checked(countries_path, "countries.yml", result.text, campaign)
    except importer.StatusImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or args.file}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Read {len(page.rows)} participants from {args.file.name}, as of {day.isoformat()} "
        f"({origin})."
    )
    if not changed:
        print("countries.yml already says all of this; nothing to change.")
    elif args.dry_run:
        print(f"countries.yml: {len(result.changes)} changes (dry run: nothing written).")
    else:
        print(f"countries.yml: {len(result.changes)} changes written.")
    for line in result.lines():
        print(line)
    return EXIT_CONTENT if result.unread else EXIT_OK


def _supplied(name: str) -> Callable[[str], str]:
    """Check an address given on the command line, as campaign.yml's would be."""
    from . import model as m

    check = m._email if name == "contact_email" else m._https_url

    def parse(value: str) -> str:
        try:
            return check(value.strip())
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _supply(args: argparse.Namespace) -> None:
    """Options win over the environment: the loader reads both from there."""
    for name, (env, _) in SOURCES.items():
        value = getattr(args, f"supplied_{name}", None)
        if value:
            os.environ[env] = value


def _check_production(args: argparse.Namespace, content: Content) -> bool:
    """Report what a production build would refuse; True if the command may go on.

    With --production each problem is an error and nothing is built; without, the
    problems are listed as a warning (and every page of the site shows them in a banner).
    """
    from . import production
    from .annotations import github_annotations

    readiness = production.check(content)
    if args.production:
        for issue in readiness.warnings:
            print(f"warning: {issue}", file=sys.stderr)
        if getattr(args, "format", "text") == "github":
            annotations = github_annotations(readiness.errors, args.content)
            annotations += github_annotations(readiness.warnings, args.content, level="warning")
            for line in annotations:
                print(line)
    if readiness.ready:
        return True
    if args.production:
        for issue in readiness.errors:
            print(issue, file=sys.stderr)
        count = len(readiness.errors)
        outcome = "; nothing was built" if args.command == "build" else ""
        print(
            f"{count} problem{'s' if count != 1 else ''} would stop a production build{outcome}.",
            file=sys.stderr,
        )
        return False
    print(
        "warning: not ready to publish: a production build would refuse this site, and every "
        "page says so in a banner:",
        file=sys.stderr,
    )
    for issue in readiness.errors:
        print(f"  {issue}", file=sys.stderr)
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    from .translations import load_content

    _supply(args)
    try:
        content = load_content(args.content)
    except ContentError as exc:
        if args.format == "github":
            from .annotations import github_annotations

            print("\n".join(github_annotations(exc.issues, args.content)))
        raise
    if args.production and not _check_production(args, content):
        return EXIT_CONTENT
    campaign = content.campaign
    languages = ", ".join(t.language.code for t in content.translations)
    tracked = f", {len(campaign.countries.countries)} countries" if campaign.countries else ""
    print(
        f"OK: {len(campaign.concerns)} concerns, {len(campaign.articles)} articles, "
        f"{len(campaign.sources)} sources{tracked}."
        + (f" Translations: {languages}." if languages else "")
    )
    if not args.production:
        from . import production

        waiting = len(production.check(content).errors)
        if waiting:
            print(
                f"Not ready to publish: {waiting} problem{'s' if waiting != 1 else ''} would "
                "stop a production build; 'validate --production' lists them."
            )
    return EXIT_OK


def _refuse_unknown_language(args: argparse.Namespace) -> bool:
    """Report a --lang the campaign does not have; True if there was one to report."""
    from .translations import load_content

    if not getattr(args, "lang", None):
        return False
    codes = [x.code for x in load_content(args.content).languages]
    if args.lang in codes:
        return False
    print(
        f"error: no language '{args.lang}' in this campaign (it has: {', '.join(codes)}).",
        file=sys.stderr,
    )
    return True


def cmd_translations(args: argparse.Namespace) -> int:
    from .coverage import report
    from .translations import load_content

    content = load_content(args.content)
    codes = [t.language.code for t in content.translations]
    if args.lang and args.lang not in codes:
        known = ", ".join(codes) or "none yet"
        print(
            f"error: no language '{args.lang}' translated (translations: {known}).", file=sys.stderr
        )
        return EXIT_USAGE
    print(report(content, args.lang))
    return EXIT_OK


def _cache(args: argparse.Namespace) -> Cache | None:
    return None if args.no_cache else Cache.beside(args.content)


def cmd_build(args: argparse.Namespace) -> int:
    from .site import SiteBuildError, build_site
    from .translations import load_content

    _supply(args)
    content = load_content(args.content)
    if not _check_production(args, content):
        return EXIT_CONTENT
    try:
        if args.engine == "zensical":
            from .zensical_site import build_with_zensical

            rendered = build_with_zensical(args.content, args.site_dir, _cache(args))
        else:
            rendered = build_site(args.content, args.site_dir, _cache(args), content)
    except SiteBuildError as exc:
        print(
            f"error: the site engine refused the generated pages; the previous site is "
            f"unchanged.\n{exc}",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    from .briefing import warnings

    for warning in warnings(content.campaign):
        print(f"warning: {warning}", file=sys.stderr)
    pages = sum(1 for name in rendered.files if name.endswith(".md"))
    languages = [x["lang"] for x in rendered.config.get("languages", [])]
    also = f" in {len(languages)} languages ({', '.join(languages)})" if languages else ""
    print(f"Built {pages} pages{also} into {args.site_dir}")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from .site import generate

    _supply(args)
    if _refuse_unknown_language(args):
        return EXIT_USAGE
    rendered = generate(args.content, args.out, args.lang, _cache(args))
    print(f"Wrote {len(rendered.files)} generated files into {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve

    _supply(args)
    if _refuse_unknown_language(args):
        return EXIT_USAGE
    return serve(args.content, args.host, args.port, args.lang)


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import print_schemas, write_schemas

    if args.out:
        for path in write_schemas(args.out):
            print(f"wrote {path}")
    else:
        print_schemas()
    return EXIT_OK


def cmd_urls(args: argparse.Namespace) -> int:
    from .multilingual import render_all
    from .translations import load_content
    from .urls import MANIFEST, broken, read_manifest, refresh_manifest, site_paths

    manifest = args.manifest or args.content / MANIFEST
    if args.check:
        listed = read_manifest(manifest)
        missing = broken(args.check, listed)
        for path in missing:
            print(f"{manifest}: {path}: neither a page nor a redirect in the site", file=sys.stderr)
        if missing:
            print(
                f"{len(missing)} published URLs would break: add each old slug to its "
                "concern's aliases.",
                file=sys.stderr,
            )
            return EXIT_CONTENT
        print(f"OK: all {len(listed)} URLs in {manifest} resolve.")
        return EXIT_OK
    trees = render_all(load_content(args.content))
    added = refresh_manifest(manifest, site_paths(trees))
    for path in added:
        print(f"added {path}")
    print(f"{len(added)} new URLs in {manifest}; none removed.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_concern, today

    try:
        path = new_concern(args.content, args.title, today(args.date), args.slug)
    except ScaffoldError as exc:
        print(f"error: {exc}" + (f" Hint: {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_CONTENT
    print(f"Wrote {path.relative_to(args.content).as_posix()}")
    load_campaign(args.content)  # the new file must validate with the rest of the campaign
    print(
        f"It validates. Replace every TODO and placeholder, then preview it with `make serve` "
        f"at /concerns/{path.stem}/."
    )
    return EXIT_OK


def cmd_links(args: argparse.Namespace) -> int:
    from .linkcheck import check_site

    if not (args.site_dir / "index.html").is_file():
        print(
            f"error: no built site in {args.site_dir}. Hint: run 'python -m generator build'.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result = check_site(args.site_dir, external=args.external)
    for line in result.lines(args.format):
        print(line, file=sys.stderr if args.format == "text" else sys.stdout)
    print(result.summary())
    return EXIT_CONTENT if result.broken else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate,
    "build": cmd_build,
    "generate": cmd_generate,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "urls": cmd_urls,
    "new": cmd_new,
    "links": cmd_links,
    "translations": cmd_translations,
    "import-status": cmd_import_status,
}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    except ClockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
