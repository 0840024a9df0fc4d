"""Command line: a thin layer that turns content errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .loader import load_campaign

ROOT = Path(__file__).resolve().parent.parent
EXIT_CONTENT, EXIT_USAGE = 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Build the campaign site from its YAML files.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    content = argparse.ArgumentParser(add_help=False)
    content.add_argument("--content", type=Path, default=ROOT, metavar="DIR",
                         help="campaign directory (default: this repository's campaign)")
    sub.add_parser("validate", parents=[content], help="check the content and report every error")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        campaign = load_campaign(args.content)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    print(f"OK: {len(campaign.concerns)} concerns, {len(campaign.articles)} articles.")
    return 0
