"""User-facing errors: one base class, each carrying where the problem is.

Anything the user can fix (a bad file, a malformed spec, a missing field)
raises a subclass of DrafterError; the CLI prints it as one line and exits
non-zero. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a user's file: path, 1-based line and column, or a field path."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        if self.field:
            where = f"{where}: {self.field}" if where else self.field
        return where


class DrafterError(Exception):
    """Base class of every error caused by user input rather than a bug."""

    title = "Error"

    def __init__(self, message: str, location: Location | None = None, *, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None, field: str | None = None):
        if location is None and any(v is not None for v in (path, line, column, field)):
            location = Location(str(path) if path is not None else None, line, column, field)
        self.message = message
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.location) if self.location else ""
        return f"{where}: {self.message}" if where else self.message


class InputFileError(DrafterError):
    """A file cannot be read: missing, a directory, binary, empty, undecodable."""

    title = "Unreadable file"


class YamlError(DrafterError):
    """A YAML file is malformed, uses forbidden tags or repeats a key."""

    title = "Malformed YAML"


class ValidationError(DrafterError):
    """One or more problems in a spec, outline, bank or rule file.

    `problems` holds every problem found (validation reports all, not the first).
    """

    title = "Invalid input"

    def __init__(self, problems: list[DrafterError]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else DrafterError("invalid input")
        super().__init__(first.message, first.location)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems) if self.problems else "invalid input"


class TemplateError(DrafterError):
    """A Jinja expression in a template or a spec failed (syntax, undefined slot, sandbox)."""

    title = "Template error"


class OutputExistsError(DrafterError):
    """Refusing to overwrite an existing output without --force."""

    title = "Output exists"


class UnknownNameError(DrafterError):
    """An outline, bank, preset or format name that does not exist."""

    title = "Unknown name"


class DraftInUseError(DrafterError):
    """A spec another drafter window or tab is editing (drafter.speclock)."""

    title = "In use"
