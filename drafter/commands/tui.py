"""`drafter tui [SPEC]`: the terminal UI (also what `drafter` with no command opens)."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.errors import InputFileError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", nargs="?", metavar="SPEC",
                        help="a YAML spec (or autosaved draft) to open; without it, the start screen")


def run(args: argparse.Namespace) -> int:
    spec = Path(args.spec) if args.spec else None
    if spec is not None:
        # Fail before the screen takes over the terminal: one clear line, exit 1.
        from drafter.tui.draft import Draft

        if not spec.exists():
            raise InputFileError("no such file", path=str(spec))
        Draft.open(spec)  # raises DrafterError with file:line:col for malformed YAML
    from drafter.tui.app import DrafterApp

    result = DrafterApp(spec).run()
    return int(result or 0)
