"""What a check reports: one Finding per problem, with its place.

A finding names its rule (e.g. "numbering.gap"), a severity, a message in
Chinese quoting the offending text, and where it is: a 1-based source line
when the text came from a file, and/or a location in the speech's outline
("二、（三）第2段") when it came from a rendered spec.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass
class Finding:
    rule: str  # "family.name", e.g. "numbering.gap"
    severity: str  # "error" | "warning" | "info"
    message: str  # Chinese, quoting the offending text
    line: int | None = None  # 1-based line in the checked file, when known
    location: str | None = None  # place in the outline: "二、（三）第2段"
    file: str | None = None  # set by check_file / the CLI

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity, "message": self.message,
                               "line": self.line, "location": self.location}
        if self.file is not None:
            out["file"] = self.file
        return out


DEFAULT_CHARS_PER_MINUTE = 220


@dataclass(frozen=True)
class Targets:
    """Length targets: from a spec's `targets` or the command line (None = not set)."""

    minutes: float | None = None
    chars_per_minute: int | None = None

    @property
    def rate(self) -> int:
        """Speaking rate in characters a minute (220 unless set)."""
        return self.chars_per_minute or DEFAULT_CHARS_PER_MINUTE

    @classmethod
    def coerce(cls, value: "Targets | Mapping[str, Any] | None") -> "Targets":
        """Targets from a spec's `targets` mapping ({minutes, chars_per_minute}), ignoring unusable values."""
        if isinstance(value, Targets):
            return value
        if not value:
            return cls()

        def number(v: Any) -> float | None:
            try:  # an int too large for a float (10**400) is unusable, not a crash
                usable = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and 0 < v < 1e6
            except OverflowError:
                return None
            return float(v) if usable else None

        minutes, rate = number(value.get("minutes")), number(value.get("chars_per_minute"))
        return cls(minutes, max(1, int(rate)) if rate else None)

    def merged(self, override: "Targets | None") -> "Targets":
        """`override` (the command line) wins where it sets a value; this fills the rest."""
        if override is None:
            return self
        return Targets(override.minutes if override.minutes is not None else self.minutes,
                       override.chars_per_minute if override.chars_per_minute is not None else self.chars_per_minute)
