"""Text lines that remember where they came from.

Cleaning drops, edits and joins lines (004's sharing site cut the speech into
numbered chunks mid-word); parsing then splits joined text again at heading
markers. Provenance ("seed file, line") must survive both, so a line keeps the
1-based source line of its first character and, for joined text, the offsets
at which later source lines begin. Text steps (str -> str, run on single
lines) may declare what they need to find in a line (`triggered_by`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class TextLine:
    text: str
    line: int  # 1-based source line of text[0]
    # (offset in text, source line) for each later source line joined in, ascending.
    joins: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """Source line of the character at `offset`."""
        if not self.joins:
            return self.line
        i = bisect.bisect_right([o for o, _ in self.joins], offset)
        return self.joins[i - 1][1] if i else self.line

    def slice(self, start: int, end: int | None = None) -> "TextLine":
        """The substring text[start:end] with its provenance."""
        end = len(self.text) if end is None else end
        joins = [(o - start, ln) for o, ln in self.joins if start < o < end]
        return TextLine(self.text[start:end], self.line_at(start), joins)

    def join(self, other: "TextLine", sep: str = "") -> "TextLine":
        """This line followed by `other` (e.g. a chunk cut mid-word)."""
        base = len(self.text) + len(sep)
        joins = self.joins + [(base, other.line)] + [(base + o, ln) for o, ln in other.joins]
        return TextLine(self.text + sep + other.text, self.line, joins)


def triggered_by(chars: str) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    """Declare the characters a text step needs in a line before it can change it (the body of a
    regex character class, without the line break).

    `map_text` then finds such lines in one scan of the file's text and runs the step on those
    alone: most lines of a corpus need none of the character repairs, and calling every step on
    every line cost more than the repairs themselves. A class (not any regex) because the scan
    of one class runs at C speed where an alternation would try each branch at every character.
    A property test holds each step to "none of its characters, no change".
    """
    def mark(step: Callable[[str], str]) -> Callable[[str], str]:
        step.trigger_chars = chars  # type: ignore[attr-defined]
        step.trigger = re.compile(f"[{chars}]")  # type: ignore[attr-defined]
        return step
    return mark
