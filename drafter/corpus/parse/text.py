"""Text primitives every parser step shares: sentence spans, trimming, bullets.

Kept apart so that markers, segments, headings and the tree can all lean on one
definition of "sentence end" and "stripped line" without importing each other.
"""

from __future__ import annotations

import re

from drafter.corpus.lines import TextLine

SENT_END = "。！？!?"
CLOSERS = "”’》）)」』"
HAN = r"\u4e00-\u9fff"

# bullets and stray "?" left by web pages; Markdown heading hashes ("## 一、……")
_BULLET = re.compile(r"^(?:[•●◆◇■□▪▶►·※]|[?？](?=\s)|#{1,6}(?=\s))\s*")


def ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(CLOSERS)
    return bool(t) and t[-1] in "。！？!?；;：:，,、…"


def strip_end(text: str) -> str:
    return text.strip().rstrip("。；;：:，,、 \u3000").strip()


_SENTENCE_SPAN = re.compile(f"[^{SENT_END}]*[{SENT_END}][{CLOSERS}]*")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each ending after its 。！？ (and closing quotes)."""
    spans = [m.span() for m in _SENTENCE_SPAN.finditer(text)]  # contiguous: each starts where the last ended
    start = spans[-1][1] if spans else 0
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def lstrip_tl(tl: TextLine) -> TextLine:
    text = tl.text
    m = _BULLET.match(text.lstrip())
    lead = len(text) - len(text.lstrip()) + (m.end() if m else 0)
    trail = len(text.rstrip())
    return tl.slice(lead, max(lead, trail)) if (lead or trail < len(text)) else tl


def last_sentence(text: str) -> str:
    spans = sentences(text.rstrip())
    if not spans:
        return text
    # the text ends with ":" (no sentence end): the last span is the open sentence
    return text[spans[-1][0]:]
