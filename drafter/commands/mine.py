"""`drafter mine CORPUS… -o DIR`: mine phrase banks from speeches."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HEADER = ("Mined by `drafter mine` from the corpus named below; regenerate rather than edit.\n"
          "Each entry: source = first occurrence (file and line as committed), count = occurrences and\n"
          "speeches across the corpus, era = the period its own wording belongs to (通用 when it does not date).")


def _positive(text: str) -> int:
    """A worker count: a whole number of at least 1 (argparse turns the error into a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="+", metavar="CORPUS",
                        help="speech files (.txt in UTF-8/GB18030, .docx) or folders of them")
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="folder for the bank files (mined-formulas.yaml, mined-sayings.yaml, …)")
    parser.add_argument("--force", action="store_true", help="overwrite existing bank files")
    parser.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="worker processes for large corpora (default: one per CPU)")


def run(args: argparse.Namespace) -> int:
    from drafter.cli import report
    from drafter.errors import InputFileError, OutputExistsError
    from drafter.phrases.bank import format_bank
    from drafter.phrases.mine import corpus_files, group_banks, mine_corpus
    from drafter.textio import atomic_write

    missing = [c for c in args.corpus if not Path(c).exists()]
    for c in missing:
        report(InputFileError("no such file or folder", path=c))
    files = corpus_files(c for c in args.corpus if c not in missing)
    if not files:
        if not missing:
            report(InputFileError("no .txt, .md or .docx files found", path=" ".join(args.corpus)))
        return 1
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise OutputExistsError("is a file; give a folder for the banks", path=str(out))
    result = mine_corpus(files, progress=True, workers=args.workers)
    for err in result.errors:
        report(err)
    if len(result.errors) == len(files):
        return 1
    label = ", ".join(sorted({Path(f.name).parts[0] if len(Path(f.name).parts) > 1 else f.name
                              for f in files}))
    banks = group_banks(result, label)
    targets = {out / f"mined-{g}.yaml": b for g, b in banks.items()}
    if not args.force:
        existing = [p for p in targets if p.exists()]
        if existing:
            raise OutputExistsError("already exists (use --force to overwrite)", path=str(existing[0]))
    for path, bank in targets.items():
        atomic_write(path, format_bank(bank, HEADER), force=args.force)
    counts = ", ".join(f"{p.name} {len(b.entries)}" for p, b in targets.items())
    print(f"mined {result.documents} speeches from {len(files) - len(result.errors)} files: {counts}",
          file=sys.stderr)
    return 1 if result.errors or missing else 0
