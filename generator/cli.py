"""Command line: a thin layer that turns errors into short messages and exit codes.

Exit codes: 0 success, 1 content errors (or a site the engine refused), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


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
    sub.add_parser(
        "validate", parents=[content], help="check every content file and report all errors"
    )
    build = sub.add_parser("build", parents=[content], help="validate, then build the site")
    build.add_argument(
        "--site-dir",
        type=Path,
        default=ROOT / "site",
        metavar="DIR",
        help="where to put the built site (default: site/)",
    )
    gen = sub.add_parser(
        "generate",
        parents=[content],
        help="write the engine-neutral docs tree only (default: docs/_generated)",
    )
    gen.add_argument("--out", type=Path, default=ROOT / "docs" / "_generated", metavar="DIR")
    serve = sub.add_parser(
        "serve", parents=[content], help="live preview that rebuilds when a file changes"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
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
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    from .translations import load_content

    content = load_content(args.content)
    campaign = content.campaign
    languages = ", ".join(t.language.code for t in content.translations)
    print(
        f"OK: {len(campaign.concerns)} concerns, {len(campaign.articles)} articles, "
        f"{len(campaign.sources)} sources." + (f" Translations: {languages}." if languages else "")
    )
    return EXIT_OK


def _unknown_language(args: argparse.Namespace) -> str | None:
    """The usage error for a --lang the campaign does not have, if it is one."""
    from .translations import load_content

    if not getattr(args, "lang", None):
        return None
    codes = [x.code for x in load_content(args.content).languages]
    if args.lang in codes:
        return None
    return f"error: no language '{args.lang}' in this campaign (it has: {', '.join(codes)})."


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


def cmd_build(args: argparse.Namespace) -> int:
    from .site import SiteBuildError, build_site

    try:
        rendered = build_site(args.content, args.site_dir)
    except SiteBuildError as exc:
        print(
            f"error: the site engine refused the generated pages; the previous site is "
            f"unchanged.\n{exc}",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    pages = sum(1 for name in rendered.files if name.endswith(".md"))
    languages = [x["lang"] for x in rendered.config.get("languages", [])]
    also = f" in {len(languages)} languages ({', '.join(languages)})" if languages else ""
    print(f"Built {pages} pages{also} into {args.site_dir}")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from .site import generate

    problem = _unknown_language(args)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    rendered = generate(args.content, args.out, args.lang)
    print(f"Wrote {len(rendered.files)} generated files into {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve

    problem = _unknown_language(args)
    if problem:
        print(problem, file=sys.stderr)
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate,
    "build": cmd_build,
    "generate": cmd_generate,
    "serve": cmd_serve,
    "schema": cmd_schema,
    "translations": cmd_translations,
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
    except KeyboardInterrupt:
        return 130
