"""Length budget: characters and speaking time, for the speech and each point.

Headless (never imports Textual). A speaker reads about 220 characters a
minute; the writer sets the total (e.g. 20 minutes) and each top-level point
gets a share of it, weighted by the outline's typical lengths when it has
them (so the tasks section can be the longest), equal shares otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

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


def _section_chars(section: Any) -> int:
    n = count_chars(section.marker + section.heading)
    n += sum(count_chars(p.text) for p in section.paragraphs)
    return n + sum(_section_chars(c) for c in section.children)


def speech_budget(speech: Any, targets: Mapping[str, Any] | None = None,
                  weights: Iterable[float | None] = ()) -> Budget:
    """Budget of a rendered `Speech`; `weights` are the top-level points' relative targets."""
    targets = dict(targets or {})
    try:
        cpm = int(targets.get("chars_per_minute") or DEFAULT_CHARS_PER_MINUTE)
    except (TypeError, ValueError):
        cpm = DEFAULT_CHARS_PER_MINUTE
    cpm = max(cpm, 1)
    try:
        target = float(targets["minutes"]) if targets.get("minutes") else None
    except (TypeError, ValueError):
        target = None
    parts = [speech.title, speech.subtitle, speech.salutation, *(p.text for p in speech.opening),
             speech.transition.text if speech.transition else "", *(p.text for p in speech.closing)]
    frame = sum(count_chars(t) for t in parts if t)
    sec_chars = [_section_chars(s) for s in speech.sections]
    total = frame + sum(sec_chars)
    ws = list(weights)[:len(speech.sections)]
    ws += [None] * (len(speech.sections) - len(ws))
    known = [w for w in ws if w]
    mean = sum(known) / len(known) if known else 1.0
    ws = [w if w else mean for w in ws]
    body_target = None
    if target:  # the frame (opening, transition, closing) takes its own share off the top
        body_target = max(target - frame / cpm, target * 0.5)
    out = []
    for s, n, w in zip(speech.sections, sec_chars, ws):
        share = body_target * w / sum(ws) if body_target and sum(ws) else None
        out.append(SectionBudget(s.title, n, n / cpm, share))
    return Budget(total, total / cpm, cpm, target, out)


def format_minutes(minutes: float) -> str:
    """2.5 -> "2分30秒"."""
    secs = int(round(minutes * 60))
    m, s = divmod(secs, 60)
    return f"{m}分{s:02d}秒" if m else f"{s}秒"
