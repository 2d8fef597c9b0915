"""Repair reports: what cleaning cannot repair (garbled text, sentences cut off by the source).

Nothing here changes text: it is reported, quoting it, so a curator can fix it; cleaning never
invents text. `unrepaired_spans` also tells punctuation normalising which "?" is damage.
"""

from __future__ import annotations

import re
from typing import Iterable

from drafter.corpus.clean.common import _PINYIN, _TONED, TERMINAL
from drafter.corpus.lines import TextLine
from drafter.model import Anomaly

# Garbled text: a GBK page decoded wrongly after the pinyin "(" became "?",
# e.g. 變?yōu)閳?jiān)強; also U+FFFD and toned pinyin left without a character.
_MOJIBAKE_CORE = re.compile(f"\\?[{_PINYIN}]{{1,7}}\\)")
_ORPHAN_PINYIN = re.compile(f"(?<![A-Za-z{_TONED}])[a-z]*[{_TONED}][{_PINYIN}]*\\)?")
# GBK bytes shown as Latin-1 ("ÄãºÃ"), and the classic "锟斤拷" of a lost UTF-8 round trip.
_OTHER_GARBLE = re.compile("(?:(?![\u00a7\u00b0\u00b1\u00b7\u00d7\u00f7])[\u00a1-\u00ff]){3,}|(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}")
_REPLACEMENT = re.compile("\ufffd")
# Every garbled span holds one of these ("?", a toned vowel, U+FFFD, Latin-1, 锟/烫/屯):
# a line without any skips the four scans.
_GARBLE_HINT = re.compile(f"[?\ufffd锟烫屯\u00a1-\u00ff{_TONED}]")


def unrepaired_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each garbled span, with one character of context each side.

    Nearby cores merge into one span, so 變?yōu)閳?jiān)強 is reported once.
    """
    if not _GARBLE_HINT.search(text):
        return []  # the usual line: no character any of the patterns below needs
    cores = [m.span() for m in _MOJIBAKE_CORE.finditer(text)]
    cores += [m.span() for m in _ORPHAN_PINYIN.finditer(text) if not _inside(m.start(), cores)]
    if "\ufffd" in text:
        cores += [(m.start(), m.start() + 1) for m in _REPLACEMENT.finditer(text)]
    cores += [m.span() for m in _OTHER_GARBLE.finditer(text)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(cores):
        start, end = max(0, start - 1), min(len(text), end + 1)
        if spans and start <= spans[-1][1] + 3:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _inside(i: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


# A line cannot begin with these: something before it is missing.
_NON_INITIAL = re.compile(r"^(?:的(?!确)|[们吗呢吧]|[，。、；：？！）》])")


def _quote(text: str, start: int = 0, end: int | None = None, width: int = 16) -> str:
    span = text[start:end]
    return span if len(span) <= width else span[: width // 2] + "……" + span[-(width // 2):]


def find_anomalies(lines: list[TextLine]) -> list[Anomaly]:
    """Report garbled spans and sentences cut off by the source, quoting them.

    Nothing is changed: the text stays as found so a curator can fix it.
    """
    notes: list[Anomaly] = []
    for tl in lines:
        for start, end in unrepaired_spans(tl.text):
            notes.append(Anomaly("unrepaired", f"garbled text kept as found: “{tl.text[start:end]}”",
                                 tl.line_at(start)))
        if _NON_INITIAL.match(tl.text):
            notes.append(Anomaly("truncated", f"text starts mid-sentence (the source lost what came before): "
                                              f"“{_quote(tl.text, 0, 16)}”", tl.line))
        if "。" in tl.text and tl.text[-1] not in TERMINAL:
            n = len(tl.text)
            notes.append(Anomaly("truncated", f"text breaks off mid-sentence: “{_quote(tl.text, n - 16)}”",
                                 tl.line_at(n - 1)))
    return notes
