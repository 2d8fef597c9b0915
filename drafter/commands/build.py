"""`drafter build SPEC…`: render specs into .docx, .md or .txt.

One spec: OUT is a file (default: the spec's name with the format's suffix, in
the current folder). Several specs: OUT is a folder. Every output is written
through a temp file and a rename; existing files are kept unless --force. A
bad spec is reported with its file and line, the others are still built, and
the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from drafter.building import FORMATS, build_batch, is_special, spec_bytes
from drafter.errors import DrafterError, InputFileError, UnknownNameError



def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("specs", nargs="+", metavar="SPEC", help="YAML spec file(s) (see `drafter new`)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file (one spec; - for standard output) or folder (several specs); default: SPEC "
                             "name in the current folder")
    parser.add_argument("-f", "--format", choices=FORMATS,
                        help="output format (default: from OUT's suffix, else docx)")
    parser.add_argument("--reference-doc", metavar="FILE", type=Path,
                        help="take styles and page setup from this .docx (as pandoc does)")
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the names of written files")
    parser.add_argument("--comments", action="store_true",
                        help="put the spec's `drafter check` findings into the .docx as Word comments")
    parser.add_argument("--trace", action="store_true",
                        help="comment each paragraph written by a template or phrase-bank entry, naming it and its source")


def _format_for(args: argparse.Namespace, several: bool) -> str:
    if args.format:
        return args.format
    if args.output and not several:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix:
            raise UnknownNameError(f"cannot tell the format from {args.output!r}; use --format "
                                   f"({', '.join(FORMATS)})")
    return "docx"


def _targets(args: argparse.Namespace, fmt: str) -> list[Path]:
    specs = [Path(s) for s in args.specs]
    several = len(specs) > 1
    names_folder = bool(args.output) and args.output.endswith(("/", os.sep))
    if not several:
        if args.output:
            out = Path(args.output)
            if out.is_dir() or names_folder:
                return [out / f"{specs[0].stem}.{fmt}"]
            return [out if out.suffix or out.exists() else out.with_name(f"{out.name}.{fmt}")]
        return [Path(f"{specs[0].stem}.{fmt}")]
    folder = Path(args.output) if args.output else Path(".")
    if (folder.exists() and not folder.is_dir()) or (
            not folder.exists() and not names_folder and folder.suffix.lower() in (".docx", ".md", ".txt")):
        raise InputFileError("several specs need a folder for -o, not a file", path=str(folder))
    return [folder / f"{s.stem}.{fmt}" for s in specs]


def _to_stdout(spec_path: Path, fmt: str, reference_doc: Path | None) -> int:
    """`-o -`: write the output to standard output (md/txt as UTF-8 text, docx as bytes)."""
    data = spec_bytes(spec_path, fmt, reference_doc, None)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def run(args: argparse.Namespace) -> int:
    from drafter.cli import report

    several = len(args.specs) > 1
    fmt = _format_for(args, several)
    if args.reference_doc is not None:
        if fmt != "docx":
            raise UnknownNameError(f"--reference-doc only applies to docx output, not {fmt}")
        if not args.reference_doc.is_file():
            raise InputFileError("reference document not found", path=str(args.reference_doc))
    if getattr(args, "comments", False) or getattr(args, "trace", False):
        if fmt != "docx":
            raise UnknownNameError(f"--comments and --trace only apply to docx output, not {fmt}")
        if args.output == "-":
            raise InputFileError("--comments and --trace write a file: give -o FILE.docx")
        return _run_reviewed(args, _targets(args, fmt))
    if args.output == "-":
        if several:
            raise InputFileError("-o - (standard output) takes a single spec")
        return _to_stdout(Path(args.specs[0]), fmt, args.reference_doc)
    targets = _targets(args, fmt)
    seen: dict[Path, str] = {}
    failed = 0
    jobs = []
    for index, (spec, out) in enumerate(zip(args.specs, targets)):
        key = out.resolve()
        if key in seen:
            report(DrafterError(f"output {out} would also be written for {seen[key]}; rename one spec", path=spec))
            failed += 1
            continue
        seen[key] = spec
        jobs.append((index, spec, out))
    for _, written, error, warnings in build_batch(jobs, fmt, args.reference_doc, args.force):
        for warning in warnings:
            print(f"drafter: warning: {warning}", file=sys.stderr)
        if error is not None:
            print(f"drafter: error: {error}", file=sys.stderr)
            failed += 1
        elif not args.quiet and not is_special(Path(written)):
            print(f"wrote {written}")
    if failed and several:
        print(f"drafter: {failed} of {len(args.specs)} specs failed", file=sys.stderr)
    return 1 if failed else 0


def _run_reviewed(args: argparse.Namespace, targets: list[Path]) -> int:
    """Build each spec with review comments (serially: comments need the rendered speech)."""
    from drafter.building import build_reviewed

    failed = 0
    for spec, out in zip(args.specs, targets):
        warnings: list[str] = []
        try:
            written = build_reviewed(Path(spec), out, args.reference_doc, args.force, args.comments, args.trace,
                                     warnings)
        except DrafterError as exc:
            print(f"drafter: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        finally:
            for warning in warnings:
                print(f"drafter: warning: {warning}", file=sys.stderr)
        if not args.quiet and not is_special(Path(written)):
            print(f"wrote {written}")
    return 1 if failed else 0
