"""Building speeches: a spec in, the bytes of .docx/.md/.txt out, written atomically.

The core of `drafter build`, also used by the terminal UI's export and preview;
the command module only parses arguments, prints and sets the exit status.
"""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.errors import DrafterError, UnknownNameError
from drafter.gcpause import end_startup

FORMATS = ("docx", "md", "txt")


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
    from drafter.textio import atomic_write, check_output_path, output_exists

    check_output_path(out)  # a dangling link, a loop, a name too long: refused before the work
    special = is_special(out)
    if not force and not special and output_exists(out):  # fail before the work, not after
        from drafter.errors import OutputExistsError

        raise OutputExistsError("already exists (use --force to overwrite)", path=str(out))
    data = spec_bytes(spec_path, fmt, reference_doc, warnings)
    # atomic_write streams into devices and pipes (/dev/null, /dev/stdout) and follows symlinks.
    return atomic_write(out, data, force=force)


def spec_bytes(spec_path: Path, fmt: str, reference_doc: Path | None, warnings: list[str] | None) -> bytes:
    """Load, validate and render one spec into the bytes of `fmt`; warnings to the list or stderr."""
    from drafter.outlines import get_outline
    from drafter.render import render_speech

    spec = _load_spec(spec_path, warnings)
    return render_bytes(render_speech(spec, get_outline(spec.outline)), fmt, spec.style, reference_doc)


def _load_spec(spec_path: Path, warnings: list[str] | None):
    """Load and validate a spec; its warnings go to `warnings` when given, else to stderr."""
    from drafter.spec import load_spec

    spec = load_spec(spec_path)
    for warning in spec.warnings:
        if warnings is not None:
            warnings.append(str(warning))
        else:
            print(f"drafter: warning: {warning}", file=sys.stderr)
    return spec


def is_special(path: Path) -> bool:
    """True for an existing output that is not a regular file or folder (device, pipe, socket)."""
    try:
        return path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        return False


# Batches at least this large are split over worker processes (fork only: the
# parent's imports are shared, nothing is pickled but paths and messages).
PARALLEL_MIN = 8


def _build_serially(jobs: list[tuple[int, str, Path]], fmt: str, reference_doc: Path | None,
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
        finally:
            end_startup()  # the first spec loaded what the rest need (see drafter.gcpause)
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


def build_batch(jobs: list[tuple[int, str, Path]], fmt: str, reference_doc: Path | None,
                force: bool) -> list[tuple[int, str | None, str | None, list[str]]]:
    """Build (index, spec, out) jobs, over worker processes when the batch is large; results in order."""
    workers = _workers(len(jobs))
    if workers > 1:
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - no fork on this platform
            workers = 1
    if workers <= 1:
        return _build_serially(jobs, fmt, reference_doc, force)
    _preload(fmt)
    end_startup()  # frozen before the fork: the workers share the loaded pages instead of copying them
    chunks = [jobs[i::workers] for i in range(workers)]
    pool = ctx.Pool(workers, initializer=_default_signals)
    try:
        parts = pool.starmap(_build_serially, [(c, fmt, reference_doc, force) for c in chunks])
    except BaseException:  # interrupted: stop the workers now
        pool.terminate()
        raise
    pool.close()  # done: the workers read their end-of-work marker and exit by themselves
    pool.join()
    return sorted((r for part in parts for r in part), key=lambda r: r[0])


def _default_signals() -> None:
    """A pool worker dies at once on TERM/HUP instead of running the CLI's cleanup handler.

    A Python-level handler runs between bytecodes: a TERM landing just before an idle worker
    blocks on its task queue is never acted on, and `Pool.terminate` then waits for ever.
    A temp file a killed worker leaves is swept by the next write beside it (`sweep_stale_temps`).
    """
    import signal

    from drafter.textio import CLEANUP_SIGNALS

    for sig in CLEANUP_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)


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


# --------------------------------------------------------------------------- review comments (--comments, --trace)

def reviewed_bytes(spec_path: Path, reference_doc: Path | None, comments: bool, trace: bool,
                   warnings: list[str] | None = None) -> bytes:
    """The .docx of a spec with its check findings (`comments`) and the provenance of template and
    phrase-bank wording (`trace`) as Word comments."""
    from drafter.annotate import annotate_built
    from drafter.outlines import get_outline
    from drafter.render import render_speech

    spec = _load_spec(spec_path, warnings)
    speech = render_speech(spec, get_outline(spec.outline))
    data = render_bytes(speech, "docx", spec.style, reference_doc)
    findings = []
    if comments:
        from drafter.check import check_file

        findings = [f for f in check_file(spec_path) if f.rule != "spec.warning"]
    return annotate_built(data, speech, findings, trace)


def build_reviewed(spec_path: Path, out: Path, reference_doc: Path | None, force: bool, comments: bool,
                   trace: bool, warnings: list[str] | None = None) -> Path:
    """`build_one` for --comments/--trace: a .docx with review comments, written atomically."""
    from drafter.textio import atomic_write

    if out.exists() and not force and not is_special(out):
        from drafter.errors import OutputExistsError

        raise OutputExistsError("already exists (use --force to overwrite)", path=str(out))
    return atomic_write(out, reviewed_bytes(spec_path, reference_doc, comments, trace, warnings), force=force)
