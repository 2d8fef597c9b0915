"""`drafter import FILE… [-o SPEC|FOLDER/] [--outline ID] [--force]`: old speeches in, specs out.

The work is in `drafter.importing`; this module parses arguments, writes the
specs (atomically, never over an existing file without --force), prints the
outline choice with its runner-up and a summary of what needs updating on
stderr. One speech and no -o: the spec goes to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="old speeches: .txt/.md (UTF-8 or GB18030) or .docx")
    parser.add_argument("-o", "--output", metavar="SPEC|FOLDER/",
                        help="the spec to write (one speech), or a folder for several (ends with /); "
                             "default: standard output for one speech")
    parser.add_argument("--outline", metavar="ID", help="use this outline instead of the best-fitting one")
    parser.add_argument("--force", action="store_true", help="overwrite existing specs")


def _targets(args: argparse.Namespace, results: list) -> list[Path | None]:
    from drafter.errors import InputFileError

    out = args.output
    folder = bool(out) and (out.endswith(("/", os.sep)) or Path(out).is_dir())
    if len(results) > 1 and not folder:
        raise InputFileError(f"{len(results)} speeches found: give a folder with -o FOLDER/ to write one spec each")
    if not out or out == "-":
        return [None]
    if not folder:
        return [Path(out)]
    names: list[Path] = []
    for imp in results:
        stem = Path(imp.source).stem
        names.append(Path(out) / (f"{stem}.yaml" if not imp.piece else f"{stem}-{imp.piece + 1}.yaml"))
    return names


def run(args: argparse.Namespace) -> int:
    from drafter.cli import report
    from drafter.commands import Inputs
    from drafter.commands.check import format_finding
    from drafter.importing import import_file
    from drafter.outlines import get_outline
    from drafter.textio import atomic_write

    if args.outline:
        get_outline(args.outline)  # an unknown id stops the run before any file is read
    inputs = Inputs(args.files, lambda path: import_file(path, args.outline))
    results = [imp for _path, found in inputs for imp in found]
    if not results:
        return 1
    failed = inputs.failed
    for imp, target in zip(results, _targets(args, results)):
        where = imp.source + (f" (piece {imp.piece + 1})" if imp.piece else "")
        print(f"{where}: {imp.choice.describe()}", file=sys.stderr)
        imp.place_findings(str(target) if target is not None else "-")
        for f in imp.findings:
            print(f"  {format_finding(f)}", file=sys.stderr)
        if imp.filled:
            print("  not in the old speech, filled in for you to complete: "
                  + ", ".join(str(p[-1]) for p in sorted(imp.filled)), file=sys.stderr)
        print(f"  {len(imp.findings)} item(s) to update, marked with “# 待更新” comments in the spec",
              file=sys.stderr)
        if target is None:
            sys.stdout.write(imp.yaml)
            continue
        try:
            if target.parent and not target.parent.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, imp.yaml, force=args.force)
        except Exception as exc:  # DrafterError from atomic_write; OSError from mkdir
            from drafter.errors import DrafterError, InputFileError

            report(exc if isinstance(exc, DrafterError) else InputFileError(str(exc), path=str(target)))
            failed += 1
            continue
        print(f"wrote {target}; then: drafter build {target}", file=sys.stderr)
    return 1 if failed else 0
