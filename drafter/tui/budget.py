"""Length budget: characters and speaking time, for the speech and each point.

Headless (never imports Textual). One count for every figure the writer
sees: the characters read aloud, as `drafter check`'s length rule counts
them (`spoken_length`: salutation, opening, transition, headings with their
numbers, paragraphs, closing; the title block is not read). A speaker reads
about 220 characters a minute; with a target in minutes, each top-level point
gets a share of what the opening and closing leave, weighted by the outline's
typical lengths (so the tasks section can be the longest); without one, its
target is the outline's typical length. The walker and the preview both show
`point_targets`' figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

DEFAULT_CHARS_PER_MINUTE = 220


def count_chars(text: str) -> int:
    """Characters a speaker reads: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())


@dataclass
class SectionBudget:
    label: str
    chars: int
    minutes: float
    target_minutes: float | None = None
    target_chars: int | None = None

    @property
    def ratio(self) -> float | None:
        return self.minutes / self.target_minutes if self.target_minutes else None


@dataclass
class Budget:
    chars: int
    minutes: float
    chars_per_minute: int
    target_minutes: float | None
    sections: list[SectionBudget] = field(default_factory=list)
    frame_chars: int = 0  # read aloud outside the points: salutation, opening, transition, closing


def rate_and_minutes(targets: Mapping[str, Any] | None) -> tuple[int, float | None]:
    """Characters a minute and the target minutes from a spec's `targets` (unusable values ignored)."""
    targets = dict(targets or {})
    try:
        cpm = int(targets.get("chars_per_minute") or DEFAULT_CHARS_PER_MINUTE)
    except (TypeError, ValueError, OverflowError):
        cpm = DEFAULT_CHARS_PER_MINUTE
    try:
        minutes = float(targets["minutes"]) if targets.get("minutes") else None
    except (TypeError, ValueError, OverflowError):
        minutes = None
    if minutes is not None and not 0 < minutes < 10_000:
        minutes = None
    return max(cpm, 1), minutes


def speech_lengths(speech: Any) -> tuple[int, list[int]]:
    """(characters read aloud in all, per top-level point): `drafter check`'s own count."""
    from drafter.check.context import speech_blocks
    from drafter.check.rules.length import spoken_length

    return spoken_length(speech_blocks(speech))


def point_targets(weights: Sequence[int | None], targets: Mapping[str, Any] | None,
                  frame_chars: int = 0) -> list[int | None]:
    """Target characters of each top-level point (`weights`: the outline's typical length of each, or None).

    With a minutes target: the body's share (minutes x rate, less what the opening and closing take,
    never under half) split by the weights (a point of the writer's own weighs the mean). Without one:
    the outline's typical length.
    """
    cpm, minutes = rate_and_minutes(targets)
    if not minutes:
        return list(weights)
    whole = minutes * cpm
    body = max(whole - frame_chars, whole * 0.5)
    known = [w for w in weights if w]
    mean = sum(known) / len(known) if known else 1.0
    ws = [w if w else mean for w in weights]
    total = sum(ws)
    return [round(body * w / total) if total else None for w in ws]


def speech_budget(speech: Any, targets: Mapping[str, Any] | None = None,
                  weights: Sequence[int | None] = ()) -> Budget:
    """Budget of a rendered `Speech`; `weights` are its top-level points' typical lengths."""
    cpm, target = rate_and_minutes(targets)
    total, per_point = speech_lengths(speech)
    per_point = (per_point + [0] * len(speech.sections))[:len(speech.sections)]
    frame = total - sum(per_point)
    ws = (list(weights) + [None] * len(speech.sections))[:len(speech.sections)]
    goals = point_targets(ws, targets, frame)
    out = [SectionBudget(s.title, n, n / cpm, (g / cpm if g and target else None), g)
           for s, n, g in zip(speech.sections, per_point, goals)]
    return Budget(total, total / cpm, cpm, target, out, frame)


def format_minutes(minutes: float) -> str:
    """2.5 -> "2分30秒"."""
    secs = int(round(minutes * 60))
    m, s = divmod(secs, 60)
    return f"{m}分{s:02d}秒" if m else f"{s}秒"
