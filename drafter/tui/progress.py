"""Progress marks and numbering of the outline list (headless, no Textual).

A point is empty (nothing written), drafted (something written) or done
(marked done by the writer, or heading written and the body reaches its
target, or every sub-point is done).
"""

from __future__ import annotations

from typing import Any

from drafter.numerals import marker
from drafter.tui.budget import count_chars
from drafter.tui.draft import Draft, Path_, paragraph_line

EMPTY, DRAFTED, DONE = "empty", "drafted", "done"
MARKS = {EMPTY: "○", DRAFTED: "◐", DONE: "●"}
LABELS = {EMPTY: "未写", DRAFTED: "在写", DONE: "完成"}
LEVEL_STYLES = ("一、", "（一）", "1.", "（1）")
DEFAULT_DONE_CHARS = 200


def body_chars(section: dict[str, Any]) -> int:
    return sum(count_chars(paragraph_line(p)) for p in section["paragraphs"]) + \
        sum(body_chars(c) for c in section["children"])


def status(section: dict[str, Any], target_chars: int | None = None) -> str:
    """Empty, drafted or done; done when the writer marked it (F6), or its body reached the target."""
    written = body_chars(section)
    if section.get("done") and (written or section["heading"].strip()):
        return DONE
    if not section["heading"].strip() and not written:
        return EMPTY
    if not section["heading"].strip() or not written:
        return DRAFTED
    children = section["children"]
    if children and all(status(c) == DONE for c in children):
        return DONE
    return DONE if written >= (target_chars or DEFAULT_DONE_CHARS) else DRAFTED


def numbered(draft: Draft, styles: tuple[str, ...] | list[str] = LEVEL_STYLES) -> list[tuple[Path_, str]]:
    """(path, marker) of every point, numbered as the engine will number them.

    Blank points (no heading, nothing written) are skipped by the build, so
    they get no number.
    """
    out: list[tuple[Path_, str]] = []

    def rec(items: list, prefix: Path_, level: int) -> None:
        n = 0
        for i, s in enumerate(items):
            blank = status(s) == EMPTY and not s["children"]
            if not blank:
                n += 1
            style = styles[min(level, len(styles) - 1)]
            out.append((prefix + (i,), "" if blank else marker(style, n)))
            rec(s["children"], prefix + (i,), level + 1)
    rec(draft.sections, (), 0)
    return out


def announced(draft: Draft, styles: tuple[str, ...] | list[str] = LEVEL_STYLES) -> int:
    """How many points the transition announces (下面，我讲N点意见)."""
    return sum(1 for path, m in numbered(draft, styles) if len(path) == 1 and m)
