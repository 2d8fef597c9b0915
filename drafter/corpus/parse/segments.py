"""Step 1: cutting cleaned lines into segments (one heading or paragraph each).

Headings normally start a line, but broken sources glue a whole speech into one line
and a transition may carry the first point ("下面，我讲四点意见：第一，……"), so a few
strong markers also start a segment mid-line when they continue the numbering.
Each segment is a `TextLine` slice, so it keeps its source line (provenance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.markers import CN, CNUM, Marker, match_marker
from drafter.corpus.parse.text import SENT_END, last_sentence, lstrip_tl
from drafter.corpus.parse.transition import announced_count
from drafter.numerals import from_chinese

_SALUTATION = re.compile(
    r"(?:(?:尊敬的|各位)[^。！？：:，]{0,16}[，、])*"
    r"(?:同志们|同事们|朋友们|同学们|老师们|女士们|先生们|各位[\u4e00-\u9fff]{1,6})"
    r"(?:[，、](?:同志们|同事们|朋友们|同学们|老师们|女士们|先生们|各位[\u4e00-\u9fff]{1,6}))*[：:]"
)


@dataclass
class Seg:
    tl: TextLine
    line_start: bool  # begins at the start of a cleaned line
    line_end: bool  # ends at the end of a cleaned line
    marker: Marker | None = None
    salutation: bool = False


_CLAUSE_MARK = re.compile(r"[。！？；，,：:]")
_STRAY_NUMBER = re.compile(r"(?<=[。！？：:])\s*\d{1,3}$")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
# Every mid-line marker has a numeral right before 、，,）): lines without one skip the scan.
_MID_MARKER_HINT = re.compile(f"[{CN}][、，,）)]")
_MID_MARKER = re.compile(rf"第({CNUM})[，,]|({CNUM})、|[（(]({CNUM})[）)]")


def cut_segments(lines: Sequence[TextLine]) -> list[Seg]:
    segs: list[Seg] = []
    last: dict[str, int] = {}  # last number seen per family (for mid-line continuation)
    seen_heading = False
    seen_salutation = False
    for raw in lines:
        tl = lstrip_tl(raw)
        if not tl.text.strip():
            continue
        cuts: list[int] = []
        text = tl.text
        # salutation glued into a line (004: "……上的讲话同志们：刚才，……")
        if not seen_heading and not seen_salutation:
            m = _SALUTATION.search(text)
            # only at the start of a line or right after a title glued to it, never inside a sentence
            if m and m.start() <= 120 and not _CLAUSE_MARK.search(text, 0, m.start()):
                cuts += [m.start(), m.end()]
                seen_salutation = True
        head_marker = match_marker(text)
        if head_marker:
            last[head_marker.family] = head_marker.number or 0
            seen_heading = True
        for m in _MID_MARKER.finditer(text) if _MID_MARKER_HINT.search(text) else ():
            pos = m.start()
            # `before`, the text before the marker right-stripped, is text[:end] (not copied: a long
            # glued line has many markers)
            end = pos
            while end and text[end - 1].isspace():
                end -= 1
            # a stray page number may sit before the marker ("提几点意见：1 一、")
            stray = _STRAY_NUMBER.search(text, 0, end) if end and text[end - 1].isdecimal() else None
            if stray:
                end = stray.start()
            if not end or (cuts and pos < max(cuts)):
                continue
            prev = text[end - 1]
            family = "第一，" if m.group(1) else ("一、" if m.group(2) else "（一）")
            n = from_chinese(m.group(1) or m.group(2) or m.group(3))
            if not n:
                continue
            after_stop = prev in SENT_END
            after_transition = prev in "：:。" and announced_count(last_sentence(text[:end]))[0]
            follows = n == last.get(family, 0) + 1
            joined = bool(tl.joins)
            if family == "第一，":
                ok = (n == 1 and after_transition) or (after_stop and follows and joined and family in last)
            elif family == "一、":
                ok = (n == 1 and (after_transition or (after_stop and joined))) or (
                    after_stop and follows and family in last)
            else:  # （一）
                ok = after_stop and (n == 1 or (follows and family in last)) and (
                    joined or "一、" in last or "第一，" in last)
            if ok:
                if stray:
                    cuts.append(stray.start())  # the stray number becomes a segment of its own, dropped below
                cuts.append(pos)
                last[family] = n
                seen_heading = True
        bounds = sorted(set(c for c in cuts if 0 < c < len(text)))
        pieces = [0, *bounds, len(text)]
        for a, b in zip(pieces, pieces[1:]):
            # (most lines are one segment: the line itself, whose marker is already known)
            whole = not bounds and not tl.joins
            part = tl if whole else tl.slice(a, b)
            stripped = lstrip_tl(part)
            if not stripped.text or _PAGE_NUMBER.fullmatch(stripped.text):
                continue
            seg = Seg(stripped, line_start=(a == 0), line_end=(b == len(text)))
            bare = stripped.text.strip()
            # (a salutation ends with its colon: other segments skip the pattern)
            seg.salutation = len(stripped.text) <= 40 and bare[-1:] in "：:" and bool(_SALUTATION.fullmatch(bare))
            if seg.salutation:
                seg.marker = None
            else:
                seg.marker = head_marker if whole and stripped is tl else match_marker(stripped.text)
            segs.append(seg)
    return segs
