"""`drafter outlines`: list the speech types by family, with their descriptions and sources."""

from __future__ import annotations

import argparse
import json


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the outlines as JSON")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also show fields, sections with their guidance, and numbering")


def run(args: argparse.Namespace) -> int:
    from drafter.outlines import by_family, load_outlines

    groups = by_family(load_outlines())
    if args.json:
        # One flat list (each outline carries its family), in family order.
        print(json.dumps([_as_dict(o) for os in groups.values() for o in os], ensure_ascii=False, indent=2,
                         default=str))
        return 0
    for family, members in groups.items():
        print(f"【{family}】")
        print()
        for o in members:
            _print_one(o, args.verbose)
    print("Start a spec with: drafter new OUTLINE -o spec.yaml")
    return 0


def _print_one(o, verbose: bool) -> None:
    """One outline: id and name, description, sections, numbering, sources (and details if verbose)."""
    print(f"{o.id}  {o.name}")
    print(f"    {o.description}")
    print("    sections: " + " → ".join(f"{s.archetype}" for s in o.sections))
    print("    numbering: " + " ".join(s or "（不编号）" for s in o.numbering))
    for src in o.sources:
        print(f"    source: {src.file} {src.piece}" + (f" — {src.note}" if src.note else ""))
    if verbose:
        for f in o.fields:
            need = "required" if f.required else "optional"
            print(f"    fact {f.name} ({f.label}, {f.type}, {need}), e.g. {f.example}")
        for i, s in enumerate(o.sections, 1):
            print(f"    {i}. [{s.role}] {s.archetype}: {s.guidance} ({s.length[0]}–{s.length[1]} 字)")
    print()


def _as_dict(o) -> dict:
    from dataclasses import asdict

    d = asdict(o)
    d.pop("path", None)
    return d
