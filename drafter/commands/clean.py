"""`drafter clean FILE…`: print the cleaned text of corpus files.

Lets a curator see exactly what the parser and miners will read: web chrome
gone, script simplified, punctuation full-width, cut chunks rejoined. What
cleaning could not repair is listed on stderr as file:line warnings.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="corpus files: .txt/.md (UTF-8 or GB18030) or .docx")


def run(args: argparse.Namespace) -> int:
    from drafter.cli import terminal_safe, to_terminal
    from drafter.commands import Inputs
    from drafter.corpus.pipeline import load_pieces

    printed = False
    inputs = Inputs(args.files, load_pieces)
    for path, pieces in inputs:
        for piece in pieces:
            if printed:
                print()
            printed = True
            if len(args.files) > 1 or len(pieces) > 1:
                label = f"# {path}" if len(args.files) > 1 else "#"
                print(f"{label} piece {piece.source.piece + 1}" if len(pieces) > 1 else label)
            print(to_terminal(piece.text))
            for note in piece.notes:
                print(f"drafter: warning: {path}:{note.line}: {note.kind}: {terminal_safe(note.message)}",
                      file=sys.stderr)
    sys.stdout.flush()
    return 1 if inputs.failed else 0
