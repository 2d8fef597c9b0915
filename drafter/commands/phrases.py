"""`drafter phrases search|add|lint|merge|stats`: curate phrase banks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("search", help="find entries by substring or jieba words, best first")
    p.add_argument("query", metavar="QUERY", help="text to look for, e.g. 车头带")
    p.add_argument("--function", "-f", help="only this function (or group, e.g. section)")
    p.add_argument("--tag", "-t", help="only entries with this tag, e.g. 班子建设")
    p.add_argument("--limit", "-n", type=int, default=20, help="at most N results (default 20; 0 = all)")
    p.add_argument("--bank", "-b", action="append", metavar="BANK",
                   help="bank file or folder (repeatable; default: the bundled phrasebanks/)")

    p = sub.add_parser("add", help="append an entry to a bank (validated, id assigned, atomic write)")
    p.add_argument("--bank", "-b", required=True, metavar="FILE", help="bank file to append to")
    p.add_argument("--function", "-f", required=True, help="rhetorical function, e.g. section.importance")
    p.add_argument("--text", required=True, help="the phrase; slots as {{ topic }}")
    p.add_argument("--tag", "-t", action="append", default=[], help="topic tag (repeatable)")
    p.add_argument("--era", help="era of the wording: 二十大时期 for current-period wording, 通用 when it does not date")
    p.add_argument("--note", help="a note for writers")
    p.add_argument("--id", dest="entry_id", help="explicit id (default: <bank>-NNNN)")

    p = sub.add_parser("lint", help="check banks: schema, duplicates, slots, punctuation, eras")
    p.add_argument("banks", nargs="*", metavar="BANK", help="bank files or folders (default: bundled)")

    p = sub.add_parser("merge", help="combine banks into one, deduplicating and keeping provenance")
    p.add_argument("banks", nargs="+", metavar="BANK", help="bank files to merge, in priority order")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="merged bank file")
    p.add_argument("--name", help="bank name (default: the output file's stem)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")

    p = sub.add_parser("stats", help="count entries by bank, function, tag, era and source")
    p.add_argument("banks", nargs="*", metavar="BANK", help="bank files or folders (default: bundled)")

    p = sub.add_parser("functions", help="list the function vocabulary and eras")


def run(args: argparse.Namespace) -> int:
    return {"search": _search, "add": _add, "lint": _lint, "merge": _merge, "stats": _stats,
            "functions": _functions}[args.action](args)


def _search(args) -> int:
    from drafter.phrases.bank import load_banks
    from drafter.phrases.curate import search
    banks = load_banks(args.bank or None)
    hits = search(banks, args.query, function=args.function, tag=args.tag, limit=args.limit)
    if not hits:
        print(f"no entries match {args.query!r}", file=sys.stderr)
        return 1
    for h in hits:
        e = h.entry
        src = ", ".join(f"{s['file']}:{s['line']}" for s in e.sources[:3]) or h.bank.bank
        era = f" [{e.era}]" if e.era else ""
        print(f"{e.id}\t{e.function}\t{e.text}\t({src}){era}")
    return 0


def _add(args) -> int:
    from drafter.phrases.curate import add_entry
    entry = add_entry(args.bank, function=args.function, text=args.text, tags=args.tag, era=args.era,
                      note=args.note, entry_id=args.entry_id)
    print(f"added {entry.id} to {args.bank}")
    return 0


def _lint(args) -> int:
    from drafter.phrases.bank import bank_paths
    from drafter.phrases.curate import lint
    paths = bank_paths(args.banks or None)
    findings = lint(paths)
    for f in findings:
        print(f)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{len(paths)} banks: {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def _merge(args) -> int:
    from drafter.errors import ValidationError
    from drafter.phrases.bank import format_bank, load_bank, parse_bank
    from drafter.phrases.curate import merge_banks
    from drafter.textio import atomic_write
    banks, problems = [], []
    for b in args.banks:
        try:
            banks.append(load_bank(b))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    out = Path(args.output)
    merged = merge_banks(banks, args.name or out.stem)
    text = format_bank(merged, "Merged by `drafter phrases merge` from: " + ", ".join(args.banks))
    parse_bank(text, str(out))
    atomic_write(out, text, force=args.force)
    total = sum(len(b.entries) for b in banks)
    print(f"merged {total} entries from {len(banks)} banks into {len(merged.entries)} in {out}", file=sys.stderr)
    return 0


def _stats(args) -> int:
    from drafter.phrases.bank import load_banks
    from drafter.phrases.curate import stats
    banks = load_banks(args.banks or None)
    counts = stats(banks)
    dropped = counts.pop("dropped")
    print(f"{sum(len(b.entries) for b in banks)} entries kept in {len(banks)} banks; "
          f"{sum(dropped.values())} mined candidates dropped")
    counts["dropped"] = dropped
    for what, counter in counts.items():
        print(f"\n{what} by reason:" if what == "dropped" else f"\nby {what}:")
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:6d}  {key}")
    return 0


def _functions(args) -> int:
    from drafter.phrases.bank import ERAS, FUNCTIONS, LEGACY_ERA
    for name, desc in FUNCTIONS.items():
        print(f"{name:22s} {desc}")
    print("\neras (oldest first): " + "、".join(e for e in ERAS if e != LEGACY_ERA)
          + f" ({LEGACY_ERA} is retired: read as the era its wording gives)")
    return 0
