"""The corpus pipeline as one call: load -> clean -> split (-> parse).

Kept thin on purpose: each stage lives in its own module (load, clean, split,
parse) and is tested there; this module only composes them and attaches the
provenance (file, piece index, encoding) that later stages report against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.corpus.clean import clean_lines, control_notes, find_anomalies
from drafter.corpus.lines import TextLine
from drafter.corpus.load import LoadedText, load
from drafter.corpus.split import split_pieces
from drafter.errors import InputFileError
from drafter.model import Anomaly, Source


@dataclass
class Piece:
    """The cleaned lines of one speech or article found in a corpus file."""

    source: Source
    lines: list[TextLine]
    notes: list[Anomaly] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(tl.text for tl in self.lines)


def load_pieces(path: str | Path, notes: bool = True) -> list[Piece]:
    """Load, clean and split a corpus file; raise InputFileError if nothing is left.
    `notes=False` leaves out the cleaning notes (mining reads none of them)."""
    return pieces_of(load(path), path, notes)


def pieces_of(loaded: LoadedText, path: str | Path, notes: bool = True) -> list[Piece]:
    """Clean and split text already loaded from `path` (for callers that also need the raw lines)."""
    pieces = split_pieces(clean_lines(loaded.lines))
    if not pieces:
        raise InputFileError("no speech text left after removing web page furniture", path=str(path))
    if not notes:
        return [Piece(Source(str(path), i, loaded.encoding), lines) for i, lines in enumerate(pieces)]
    dropped = control_notes(loaded.lines)  # reported with the first piece
    return [Piece(Source(str(path), i, loaded.encoding), lines, (dropped if i == 0 else []) + find_anomalies(lines))
            for i, lines in enumerate(pieces)]


def clean_text(path: str | Path) -> str:
    """The cleaned text of a file, pieces separated by a blank line."""
    return "\n\n".join(piece.text for piece in load_pieces(path)) + "\n"
