"""`drafter serve [SPEC]`: the drafting UI in a web browser (needs the `web` extra)."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", nargs="?", metavar="SPEC", type=Path,
                        help="a YAML spec every tab opens; without it, each tab starts at the start screen")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")


def run(args: argparse.Namespace) -> int:
    from drafter.serving import ServeOptions, serve

    serve(ServeOptions(host=args.host, port=args.port, spec=args.spec))
    return 0
