"""Command line: a thin layer over pipeline.py that turns errors into messages and exit codes.

Every failure the generator knows is a GeneratorError; it is printed in one line (or
one line per content problem) without a traceback, and the process exits with the
code of its kind (errors.EXIT_CODES). Paths default to the current folder, so the
installed command works in any campaign's repository.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cache import FOLDER, Cache
from .errors import (
    EXIT_CODES,
    EXIT_CONTENT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ContentError,
    GeneratorError,
    OutputError,
    UsageError,
)
from .supplied import SOURCES, Supplied, check

if TYPE_CHECKING:
    from .production import Readiness

# The site engines `build --engine` takes (pipeline.engine makes their adapters).
ENGINES = ["mkdocs", "zensical"]
SUPPLIED_HELP = {
    "url": ("URL", "the site's public address"),
    "repository": ("URL", "the repository that holds the content"),
    "contact_url": ("URL", "where readers reach the campaign, e.g. the repository's issues"),
    "contact_email": ("EMAIL", "an email address the campaign reads"),
}


def _prog() -> str:
    """How the user ran us: `python -m generator`, or the installed command's name."""
    name = Path(sys.argv[0]).name
    return "python -m generator" if name in {"__main__.py", ""} else name


def _folder(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is not a folder")
    return path


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port: give a number from 0 to 65535")
    return port


def _exit_codes() -> str:
    return "exit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog(),
        description="Validate campaign YAML and build it into a static site.",
        epilog=_exit_codes(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument(
        "--content",
        type=_folder,
        default=Path("."),
        metavar="DIR",
        help="campaign folder (default: the current folder)",
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
        default=Path("site"),
        metavar="DIR",
        help="where to put the built site; replaced whole (default: site/)",
    )
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="site engine: mkdocs, or zensical, Material for MkDocs' successor (default: "
        "TX_ENGINE, else mkdocs; see README)",
    )
    gen = sub.add_parser(
        "generate",
        parents=[content, cached, supplied],
        help="write one language's engine-neutral docs tree only (default: generated/)",
    )
    gen.add_argument("--out", type=Path, default=Path("generated"), metavar="DIR")
    serve = sub.add_parser(
        "serve", parents=[content, supplied], help="live preview that rebuilds when a file changes"
    )
    serve.add_argument("--port", type=_port, default=8000, help="(default: 8000)")
    serve.add_argument("--host", default="127.0.0.1")
    new = sub.add_parser("new", help="start a new concern, or a new campaign repository")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    concern = kinds.add_parser(
        "concern", parents=[content], help="a concern file that validates at once"
    )
    concern.add_argument("title", help='the title, in quotes: "Forced decryption"')
    concern.add_argument("--slug", help="the page's address (default: made from the title)")
    concern.add_argument(
        "--date", metavar="YYYY-MM-DD", help="last_reviewed (default: $TX_TODAY or today)"
    )
    campaign = kinds.add_parser(
        "campaign",
        help="a complete campaign repository that builds at once (content, Makefile, CI)",
    )
    campaign.add_argument("dir", type=Path, help="the new repository's folder (new or empty)")
    campaign.add_argument(
        "--wheel",
        type=Path,
        metavar="FILE",
        help="the generator's wheel to pin and keep in vendor/ (default: the wheel this "
        "generator was installed from)",
    )
    links = sub.add_parser("links", help="check every link and anchor in a built site")
    links.add_argument("--site-dir", type=Path, default=Path("site"), metavar="DIR")
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
        type=_folder,
        metavar="SITE_DIR",
        help="report every listed URL that is neither a page nor a redirect in a built site, "
        "and warn of each page the list lacks",
    )
    urls.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: also print each finding as a GitHub Actions annotation on stdout",
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
    from .pipeline import load

    campaign = load(args.content).content.campaign  # never edit one that does not validate
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

    def parse(value: str) -> str:
        try:
            return check(name, value.strip())
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _supply(args: argparse.Namespace) -> Supplied:
    """What the command line and the environment supply; options win."""
    options = {name: getattr(args, f"supplied_{name}", None) for name in SOURCES}
    return Supplied.from_environ().given(**options)


def _check_production(args: argparse.Namespace, readiness: Readiness) -> bool:
    """Report what a production build would refuse; True if the command may go on.

    With --production each problem is an error and nothing is built; without, the
    problems are listed as a warning (and every page of the site shows them in a banner).
    """
    from .annotations import github_annotations

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
    from .errors import ContentError
    from .pipeline import load

    supplied = _supply(args)
    try:
        loaded = load(args.content, supplied)
    except ContentError as exc:
        if args.format == "github":
            from .annotations import github_annotations

            print("\n".join(github_annotations(exc.issues, args.content)))
        raise
    content = loaded.content
    if args.production and not _check_production(args, loaded.readiness):
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
        # Each with its place: a count alone hides a new mistake among the known ones.
        for issue in loaded.readiness.errors:
            print(f"warning: {issue}", file=sys.stderr)
        waiting = len(loaded.readiness.errors)
        if waiting:
            print(
                f"Not ready to publish: {waiting} problem{'s' if waiting != 1 else ''} "
                "(warnings above) would stop a production build."
            )
    return EXIT_OK


def cmd_translations(args: argparse.Namespace) -> int:
    from .coverage import report
    from .pipeline import load

    content = load(args.content).content
    codes = [t.language.code for t in content.translations]
    if args.lang and args.lang not in codes:
        known = ", ".join(codes) or "none yet"
        print(
            f"error: no language '{args.lang}' translated (translations: {known}).", file=sys.stderr
        )
        return EXIT_USAGE
    print(report(content, args.lang))
    return EXIT_OK


@contextlib.contextmanager
def _cache(args: argparse.Namespace) -> Iterator[Cache]:
    """The build cache beside the content; with --no-cache, an empty one that lasts this
    build only: everything is made afresh and nothing is kept, while the build still links
    each share card from it instead of writing the card twice."""
    if not args.no_cache:
        yield Cache.beside(args.content)
        return
    with tempfile.TemporaryDirectory(prefix="tx-cache-") as scratch:
        yield Cache(Path(scratch))


def _engine(args: argparse.Namespace) -> str:
    """--engine, else TX_ENGINE (a campaign's workflows set it once), else mkdocs."""
    if args.engine:
        return str(args.engine)
    chosen = os.environ.get("TX_ENGINE", "").strip() or "mkdocs"
    if chosen not in ENGINES:
        raise UsageError(
            f"TX_ENGINE={chosen}: there is no such site engine.",
            f"set it to one of: {', '.join(ENGINES)}, or leave it unset for mkdocs.",
        )
    return chosen


def cmd_build(args: argparse.Namespace) -> int:
    from .briefing import warnings
    from .multilingual import editions
    from .pipeline import build, load

    loaded = load(args.content, _supply(args))
    if not _check_production(args, loaded.readiness):
        return EXIT_CONTENT
    with _cache(args) as cache:
        built = build(loaded, args.site_dir, _engine(args), cache)
    for code, (_, campaign) in editions(loaded.content).items():
        where = "" if code == loaded.content.source.code else f"translations/{code}: "
        for warning in warnings(campaign):
            print(f"warning: {where}{warning}", file=sys.stderr)
    languages = built.languages
    also = f" in {len(languages)} languages ({', '.join(languages)})" if languages else ""
    print(f"Built {built.pages} pages{also} into {args.site_dir}")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from .pipeline import generate, load

    loaded = load(args.content, _supply(args))
    with _cache(args) as cache:
        outputs = generate(loaded, args.out, args.lang, cache)
    tree = next(iter(outputs.trees.values()))
    print(f"Wrote {len(tree.files) + len(outputs.assets)} generated files into {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve

    return serve(args.content, args.host, args.port, args.lang, _supply(args))


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import print_schemas, write_schemas

    if args.out:
        for path in write_schemas(args.out):
            print(f"wrote {path}")
    else:
        print_schemas()
    return EXIT_OK


def cmd_urls(args: argparse.Namespace) -> int:
    from .pipeline import load, published
    from .urls import MANIFEST, refresh_manifest

    manifest = args.manifest or args.content / MANIFEST
    if args.check:
        return _check_urls(args, manifest)
    # The cache spares redrawing every share card only to list the pages' addresses.
    added = refresh_manifest(manifest, published(load(args.content), Cache.beside(args.content)))
    for path in added:
        print(f"added {path}")
    print(f"{len(added)} new URLs in {manifest}; none removed.")
    return EXIT_OK


def _check_urls(args: argparse.Namespace, manifest: Path) -> int:
    from .annotations import repo_path, workflow_command, workspace
    from .urls import broken, lines_of, read_manifest, unlisted

    listed = read_manifest(manifest)
    missing = broken(args.check, listed)
    new = unlisted(args.check, listed)
    gone = "neither a page nor a redirect in the site: add its old slug to the concern's aliases"
    later = "published, but not in the list yet: run `make urls` and commit urls.txt"
    github = args.format == "github"
    where = repo_path(Path.cwd(), str(manifest), workspace()) if github else ""
    lines = lines_of(manifest) if github and missing else {}
    for level, paths, what in (("error", missing, gone), ("warning", new, later)):
        for path in paths:
            print(f"{manifest}: {path}: {what}.", file=sys.stderr)
            if github:  # an unlisted page has no line: the file's first
                line = lines.get(path, 1)
                print(workflow_command(level, f"{path}: {what}.", file=where, line=line))
    if new:
        print(
            f"warning: {len(new)} published URLs are not in {manifest} yet, so renaming one "
            "would break links unnoticed.",
            file=sys.stderr,
        )
    if missing:
        print(f"{len(missing)} published URLs would break.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"OK: all {len(listed)} URLs in {manifest} resolve.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    if args.kind == "campaign":
        from .newcampaign import new_campaign

        written = new_campaign(args.dir, args.wheel)
        print(f"Wrote a new campaign repository into {args.dir} ({len(written)} files).")
        print(f"Next: cd {args.dir} && make serve   (and make test before each commit)")
        return EXIT_OK
    from .loader import refuse_non_campaign
    from .pipeline import load
    from .scaffold import new_concern, today

    refuse_non_campaign(args.content)  # never start a concerns/ folder in the wrong place
    path = new_concern(args.content, args.title, today(args.date), args.slug)
    rel = path.relative_to(args.content).as_posix()
    try:
        load(args.content)  # the new file must validate with the rest, as `validate` checks it
    except ContentError as exc:
        own = any(issue.file == rel for issue in exc.issues)
        if own:
            path.unlink()  # a file that does not validate is no start: leave nothing behind
        else:
            print(f"Wrote {rel}")  # the errors are the campaign's own
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        count = len(exc.issues)
        errors = f"{count} error{'s' if count != 1 else ''}"
        print(
            f"{errors} found; {rel} would not validate with the rest, so nothing was written."
            if own
            else f"{errors} in other files, none in the new one: fix "
            f"{'it' if count == 1 else 'them'} before the site can be built (the new file is "
            "checked against the rest once the others read cleanly).",
            file=sys.stderr,
        )
        return exc.exit_code
    except BaseException:
        path.unlink(missing_ok=True)  # it could not be checked: leave nothing behind
        raise
    print(f"Wrote {rel}")
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
    import jinja2

    try:
        return COMMANDS[args.command](args)
    except GeneratorError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code
    except jinja2.TemplateError as exc:  # a campaign's theme template (before OSError: a
        # missing template is one too), met while the engine builds the pages
        from .theme import OVERRIDES_DIR, template_details, template_error

        overrides = Path(getattr(args, "content", None) or ".") / OVERRIDES_DIR
        problem = template_error(template_details(exc), overrides)
        print(problem.report(), file=sys.stderr)
        return problem.exit_code
    except OSError as exc:  # the file system refused: one line, as for every other error
        error = OutputError.from_os_error(exc, "read or write")
        print(error.report(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def console() -> None:
    """The installed command's entry point (`treaty-explainer`)."""
    sys.exit(main())
