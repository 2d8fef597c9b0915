"""`drafter schema`: print the JSON Schema of the YAML spec (for editors' validation and completion)."""

from __future__ import annotations

import argparse
import json

from drafter.commands import emit


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    from drafter.spec import json_schema

    if emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, force=args.force):
        print(f"wrote {args.output}")
    return 0
