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


def first_sentence(text: str) -> tuple[int, int] | None:
    """`sentences(text)[0]` (None when there is none), without cutting the rest of the text."""
    m = _SENTENCE_SPAN.match(text)  # matches at 0 whenever the text holds a sentence end
    if m:
        return m.span()
    return (0, len(text)) if text.strip() else None


def lstrip_tl(tl: TextLine) -> TextLine:
    text = tl.text
    m = _BULLET.match(text.lstrip())
    lead = len(text) - len(text.lstrip()) + (m.end() if m else 0)
    trail = len(text.rstrip())
    return tl.slice(lead, max(lead, trail)) if (lead or trail < len(text)) else tl


def last_sentence(text: str) -> str:
    """The text from the start of its last sentence (`sentences`), found from the end: a long
    paragraph is not cut into all its sentences to get the last one."""
    t = text.rstrip()
    if not t:
        return text
    # the last sentence starts after the last sentence end (and its closers) before its own end
    j = len(t)
    while j > 0 and t[j - 1] in CLOSERS:
        j -= 1
    stop = j - 1 if j > 0 and t[j - 1] in SENT_END else len(t)
    k = max(t.rfind(c, 0, stop) for c in SENT_END)
    if k < 0:
        return text
    start = k + 1
    while start < len(t) and t[start] in CLOSERS:
        start += 1
    return text[start:]
