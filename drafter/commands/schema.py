"""`drafter schema`: print the JSON Schema of the YAML spec (for editors' validation and completion)."""

from __future__ import annotations

import argparse
import json


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    from drafter.spec import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        from drafter.textio import atomic_write

        atomic_write(args.output, text, force=args.force)
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0
