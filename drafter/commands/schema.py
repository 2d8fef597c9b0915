"""`drafter schema [FORMAT]`: print the JSON Schema of a drafter file format (for editors' validation
and completion). Each schema comes from the same declaration the format's validator checks with."""

from __future__ import annotations

import argparse
import json
from importlib import import_module

from drafter.commands import emit

# format -> (module declaring it, what its files are)
FORMATS: dict[str, tuple[str, str]] = {
    "spec": ("drafter.spec", "a speech spec (what `drafter build` builds and the UI saves)"),
    "outline": ("drafter.outlines", "an outline, templates/<id>.yaml"),
    "bank": ("drafter.phrases.bank", "a phrase bank, phrasebanks/*.yaml"),
    "rules": ("drafter.check.rulefile", "a formulation rule file (formulations.yaml, `check --rules FILE`)"),
    "topics": ("drafter.phrases.topics", "the topic thesaurus, topics.yaml"),
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", nargs="?", default="spec", choices=tuple(FORMATS), metavar="FORMAT",
                        help="which format (default spec): " + "; ".join(f"{k}: {v}" for k, (_, v) in FORMATS.items()))
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    schema = import_module(FORMATS[args.format][0]).json_schema()
    if emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output, force=args.force):
        print(f"wrote {args.output}")
    return 0
