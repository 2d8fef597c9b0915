"""`drafter outlines`: list the speech types with their descriptions and sources."""

from __future__ import annotations

import argparse
import json


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the outlines as JSON")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also show fields, sections with their guidance, and numbering")


def run(args: argparse.Namespace) -> int:
    from drafter.outlines import load_outlines

    outlines = load_outlines()
    if args.json:
        print(json.dumps([_as_dict(o) for o in outlines.values()], ensure_ascii=False, indent=2, default=str))
        return 0
    for oid, o in outlines.items():
        print(f"{oid}  {o.name}")
        print(f"    {o.description}")
        print("    sections: " + " → ".join(f"{s.archetype}" for s in o.sections))
        print("    numbering: " + " ".join(s or "（不编号）" for s in o.numbering))
        for src in o.sources:
            print(f"    source: {src.file} {src.piece}" + (f" — {src.note}" if src.note else ""))
        if args.verbose:
            for f in o.fields:
                need = "required" if f.required else "optional"
                print(f"    fact {f.name} ({f.label}, {f.type}, {need}), e.g. {f.example}")
            for i, s in enumerate(o.sections, 1):
                print(f"    {i}. [{s.role}] {s.archetype}: {s.guidance} ({s.length[0]}–{s.length[1]} 字)")
        print()
    print("Start a spec with: drafter new OUTLINE -o spec.yaml")
    return 0


def _as_dict(o) -> dict:
    from dataclasses import asdict

    d = asdict(o)
    d.pop("path", None)
    return d
