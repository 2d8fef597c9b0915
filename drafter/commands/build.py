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
            if _safe(out.is_dir) or names_folder:
                return [out / f"{specs[0].stem}.{fmt}"]
            return [out if out.suffix or _safe(out.exists) or _safe(out.is_symlink)
                    else out.with_name(f"{out.name}.{fmt}")]
        return [Path(f"{specs[0].stem}.{fmt}")]
    folder = Path(args.output) if args.output else Path(".")
    if (_safe(folder.exists) and not _safe(folder.is_dir)) or (
            not _safe(folder.exists) and not names_folder and folder.suffix.lower() in (".docx", ".md", ".txt")):
        raise InputFileError("several specs need a folder for -o, not a file", path=str(folder))
    return [folder / f"{s.stem}.{fmt}" for s in specs]


def _safe(test) -> bool:
    """A pathlib test that answers False where the OS refuses (name too long, no permission);
    the writer then reports the real reason with the file's name."""
    try:
        return bool(test())
    except (OSError, ValueError, RuntimeError):
        return False


def _to_stdout(spec_path: Path, fmt: str, reference_doc: Path | None) -> int:
    """`-o -`: write the output to standard output (md/txt as UTF-8 text, docx as bytes)."""
    from drafter import cli

    if cli.STDOUT_CLOSED:
        raise InputFileError("standard output is closed; give a file with -o")
    if fmt == "docx" and _is_tty(sys.stdout):
        raise InputFileError("refusing to write .docx bytes to a terminal; redirect to a file, "
                             "or use -o FILE or --format txt")
    data = spec_bytes(spec_path, fmt, reference_doc, None)
    if fmt != "docx":
        data = cli.to_terminal(data.decode("utf-8")).encode("utf-8")
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except (AttributeError, ValueError):
        raise InputFileError("standard output is closed; give a file with -o") from None
    return 0


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _check_reference(path: Path) -> None:
    """Open the reference document once, up front: errors before any work, and one warning
    listing what was dropped from it (external links, macros, embedded objects)."""
    from drafter.textio import check_readable

    check_readable(path)  # a folder, a loop, a device: each said as it is
    try:
        from drafter.writers.docx import sanitised_reference
    except ImportError:
        return
    dropped = sanitised_reference(path).dropped
    if dropped:
        shown = "; ".join(dropped[:8]) + (f"; and {len(dropped) - 8} more" if len(dropped) > 8 else "")
        print(f"drafter: warning: {path}: took styles and page setup only; dropped {shown}", file=sys.stderr)


def _same_as_input(out: Path, inputs: list[Path]) -> Path | None:
    """The input that `out` names (through links, .. or another spelling), if any."""
    for path in inputs:
        try:
            if os.path.samefile(out, path):
                return path
        except (OSError, ValueError):
            try:
                if out.resolve() == path.resolve():
                    return path
            except (OSError, RuntimeError, ValueError):
                continue
    return None


def run(args: argparse.Namespace) -> int:
    from drafter.cli import report

    several = len(args.specs) > 1
    fmt = _format_for(args, several)
    if args.reference_doc is not None:
        if fmt != "docx":
            raise UnknownNameError(f"--reference-doc only applies to docx output, not {fmt}")
        _check_reference(args.reference_doc)
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
    inputs = [Path(s) for s in args.specs] + ([args.reference_doc] if args.reference_doc else [])
    for index, (spec, out) in enumerate(zip(args.specs, targets)):
        clash = _same_as_input(out, inputs)
        if clash is not None:
            report(InputFileError(f"the output would overwrite the input {clash}; choose another -o",
                                  path=str(out)))
            failed += 1
            continue
        try:
            key = out.resolve()
        except (OSError, RuntimeError):  # a symlink loop: the writer refuses it with its name
            key = Path(os.path.abspath(out))
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
    from drafter.gcpause import end_startup

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
            end_startup()  # the first spec loaded what the rest need (see drafter.gcpause)
            for warning in warnings:
                print(f"drafter: warning: {warning}", file=sys.stderr)
        if not args.quiet and not is_special(Path(written)):
            print(f"wrote {written}")
    return 1 if failed else 0
