"""`drafter tui [SPEC]`: the terminal UI (also what `drafter` with no command opens)."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", nargs="?", metavar="SPEC",
                        help="a YAML spec (or autosaved draft) to open; without it, the start screen")


def run(args: argparse.Namespace) -> int:
    spec = Path(args.spec) if args.spec else None
    # A spec that cannot be opened (missing, malformed, misshapen) opens the UI on the start
    # screen with the problem shown in Chinese: the writer can fix it or pick another file.
    from drafter.tui.app import DrafterApp

    result = DrafterApp(spec).run()
    return int(result or 0)
