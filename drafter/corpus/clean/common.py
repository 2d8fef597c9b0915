"""What every cleaning family shares: the character classes of Chinese text and the line helpers.

Kept apart so each family module imports these and nothing of another family's rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Callable

from drafter.corpus.lines import TextLine, triggered_by  # noqa: F401 - re-exported for the step families

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation of Chinese text (curly quotes count: they sit in Chinese text).
FW_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = "a-zü" + _TONED
_SPACE = " \t\u3000\u00a0"
# A sentence or a clause can end here; anything else at the end of a chunk means it was cut.
TERMINAL = "。！？；：…”’）》」』!?;:"
# A paragraph can end here: a full stop, possibly inside closing quotes or brackets.
_PARAGRAPH_END = re.compile("[。！？!?…][”’」』）)]*$")


def ends_paragraph(text: str) -> bool:
    """`_PARAGRAPH_END.search(text)`, read from the end instead of scanned from the start."""
    if "\n" in text:  # "$" also matches before a final line break
        return bool(_PARAGRAPH_END.search(text))
    return text.rstrip("”’」』）)")[-1:] in ("。", "！", "？", "!", "?", "…")

_RE_CJK = re.compile(f"[{CJK}]")


def is_chinese(ch: str) -> bool:
    """A CJK character or full-width punctuation: the context in which ASCII punctuation is wrong."""
    return bool(ch) and (bool(_RE_CJK.match(ch)) or ch in FW_PUNCT)


def _is_chinese_char(ch: str) -> bool:
    """`is_chinese` for one character or "", by code point ranges (CJK above), without a regex call."""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
            or (ch != "" and ch in FW_PUNCT))


def trigger_of(steps: list[Callable[[str], str]]) -> re.Pattern | None:
    """One pattern that finds every line any of `steps` may change (None: some step declares none).

    Run in order, the steps leave a line without a match unchanged: the first step does, so the
    second sees the same line, and so on."""
    chars = [getattr(step, "trigger_chars", None) for step in steps]
    if not chars or None in chars:
        return None
    return re.compile(f"[{''.join(chars)}]")


def map_text(lines: list[TextLine], step: Callable[[str], str]) -> list[TextLine]:
    """Apply a text step to single source lines (steps run before any joining).

    A step with a `trigger` (`triggered_by`) runs only on the lines the trigger finds."""
    if any(tl.joins for tl in lines):
        raise ValueError("text steps run before chunks are joined")
    trigger = getattr(step, "trigger", None)
    texts = [tl.text for tl in lines]
    joined = "\n".join(texts) if trigger is not None else ""
    if trigger is None or joined.count("\n") != len(texts) - 1:  # (a line holding a break: line by line)
        out = []
        for tl in lines:
            text = step(tl.text)
            out.append(tl if text == tl.text else TextLine(text, tl.line))  # lines are never mutated: share them
        return out
    out = list(lines)
    ends = list(accumulate(len(t) + 1 for t in texts))  # offset just past each line's break
    m = trigger.search(joined)
    while m is not None:
        i = bisect_right(ends, m.start())
        tl = lines[i]
        text = step(tl.text)
        if text != tl.text:
            out[i] = TextLine(text, tl.line)
        m = trigger.search(joined, ends[i])  # the next line with a match
    return out


def strip_line(tl: TextLine) -> TextLine:
    """The line without surrounding spaces (ideographic and no-break spaces too)."""
    text = tl.text
    start = len(text) - len(text.lstrip(_SPACE + "\ufeff"))
    end = len(text.rstrip(_SPACE + "\ufeff"))
    if start == 0 and end == len(text) and not tl.joins:
        return tl  # nothing to strip: the same line (lines are never mutated)
    return tl.slice(start, max(start, end))


def drop_blank(lines: list[TextLine]) -> list[TextLine]:
    """Trim every line and drop the empty ones."""
    return [t for t in (strip_line(tl) for tl in lines) if t.text]
