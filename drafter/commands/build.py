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

from drafter.errors import DrafterError, InputFileError, UnknownNameError

FORMATS = ("docx", "md", "txt")


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


def render_bytes(speech, fmt: str, style: dict, reference_doc: Path | None) -> bytes:
    """The output bytes of a speech in `fmt`."""
    if fmt == "md":
        from drafter.writers.markdown import write_markdown

        return write_markdown(speech).encode("utf-8")
    if fmt == "txt":
        from drafter.writers.text import write_text

        return write_text(speech).encode("utf-8")
    try:
        from drafter.writers.docx import write_docx
        from drafter.writers.layout import layout_from_style
    except ImportError:
        raise UnknownNameError("the .docx writer is not available in this install; use --format md or txt") from None
    return write_docx(speech, layout_from_style(style), reference_doc)


def build_one(spec_path: Path, out: Path, fmt: str, reference_doc: Path | None, force: bool,
              warnings: list[str] | None = None) -> Path:
    """Load, render and write one spec; raises DrafterError for any user error.

    Warnings (e.g. a heading typed with its marker) go to `warnings` when given, else to stderr.
    """
    from drafter.textio import atomic_write

    special = _is_special(out)
    if out.exists() and not force and not special:  # fail before the work, not after
        from drafter.errors import OutputExistsError

        raise OutputExistsError("already exists (use --force to overwrite)", path=str(out))
    data = _spec_bytes(spec_path, fmt, reference_doc, warnings)
    # atomic_write streams into devices and pipes (/dev/null, /dev/stdout) and follows symlinks.
    return atomic_write(out, data, force=force)


def _spec_bytes(spec_path: Path, fmt: str, reference_doc: Path | None, warnings: list[str] | None) -> bytes:
    """Load, validate and render one spec into the bytes of `fmt`; warnings to the list or stderr."""
    from drafter.outlines import get_outline
    from drafter.render import render_speech
    from drafter.spec import load_spec

    spec = load_spec(spec_path)
    for warning in spec.warnings:
        if warnings is not None:
            warnings.append(str(warning))
        else:
            print(f"drafter: warning: {warning}", file=sys.stderr)
    return render_bytes(render_speech(spec, get_outline(spec.outline)), fmt, spec.style, reference_doc)


def _is_special(path: Path) -> bool:
    """True for an existing output that is not a regular file or folder (device, pipe, socket)."""
    try:
        return path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        return False


def _to_stdout(spec_path: Path, fmt: str, reference_doc: Path | None) -> int:
    """`-o -`: write the output to standard output (md/txt as UTF-8 text, docx as bytes)."""
    data = _spec_bytes(spec_path, fmt, reference_doc, None)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


# Batches at least this large are split over worker processes (fork only: the
# parent's imports are shared, nothing is pickled but paths and messages).
PARALLEL_MIN = 8


def _build_many(jobs: list[tuple[int, str, Path]], fmt: str, reference_doc: Path | None,
                force: bool) -> list[tuple[int, str | None, str | None, list[str]]]:
    """Build jobs serially; results are plain strings so they cross process boundaries."""
    results = []
    for index, spec, out in jobs:
        warnings: list[str] = []
        try:
            written = build_one(Path(spec), out, fmt, reference_doc, force, warnings)
        except DrafterError as exc:
            results.append((index, None, str(exc), warnings))
            continue
        results.append((index, str(written), None, warnings))
    return results


def _workers(jobs: int) -> int:
    import os

    if jobs < PARALLEL_MIN or os.environ.get("DRAFTER_JOBS") == "1":
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, jobs // 4, 8))


def _run_jobs(jobs, fmt, reference_doc, force):
    workers = _workers(len(jobs))
    if workers > 1:
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - no fork on this platform
            workers = 1
    if workers <= 1:
        return _build_many(jobs, fmt, reference_doc, force)
    _preload(fmt)
    chunks = [jobs[i::workers] for i in range(workers)]
    with ctx.Pool(workers) as pool:
        parts = pool.starmap(_build_many, [(c, fmt, reference_doc, force) for c in chunks])
    return sorted((r for part in parts for r in part), key=lambda r: r[0])


def _preload(fmt: str) -> None:
    """Import and load shared data once in the parent, so forked workers start warm."""
    from drafter.outlines import load_outlines

    import drafter.render  # noqa: F401
    import drafter.spec  # noqa: F401
    from drafter.templating import environment

    load_outlines()
    environment()
    if fmt == "docx":
        try:
            import drafter.writers.docx  # noqa: F401
            import drafter.writers.layout  # noqa: F401
        except ImportError:
            pass


def run(args: argparse.Namespace) -> int:
    from drafter.cli import report

    several = len(args.specs) > 1
    fmt = _format_for(args, several)
    if args.reference_doc is not None:
        if fmt != "docx":
            raise UnknownNameError(f"--reference-doc only applies to docx output, not {fmt}")
        if not args.reference_doc.is_file():
            raise InputFileError("reference document not found", path=str(args.reference_doc))
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
    for _, written, error, warnings in _run_jobs(jobs, fmt, args.reference_doc, args.force):
        for warning in warnings:
            print(f"drafter: warning: {warning}", file=sys.stderr)
        if error is not None:
            print(f"drafter: error: {error}", file=sys.stderr)
            failed += 1
        elif not args.quiet and not _is_special(Path(written)):
            print(f"wrote {written}")
    if failed and several:
        print(f"drafter: {failed} of {len(args.specs)} specs failed", file=sys.stderr)
    return 1 if failed else 0
