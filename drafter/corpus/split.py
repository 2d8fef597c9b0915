"""Splitting a cleaned file into pieces, one per speech or article.

Sites bundle several speeches in one page: a collection ("……的讲话(共4篇)"
followed by "……的讲话 篇1", "篇2"…) or a forum thread whose later posts start
with a floor marker ("标题2017-04-27 20:55 | #2楼"). Collection sites also
inject their title into the text ("基础不牢，地动山摇，在全市……上的讲话。");
that injected copy is removed here, where the title is known, but never a line
that is the title itself (a real title or subtitle).
"""

from __future__ import annotations

import re

from drafter.corpus.clean import FLOOR_MARKER
from drafter.corpus.lines import TextLine
from drafter.numerals import parse_number

_N = r"\d+|[一二三四五六七八九十]+"
# "……的讲话(共4篇)"; sharing sites also say 精选/通用/汇编 ("……讲话稿（精选5篇）")
COLLECTION_HEADER = re.compile(
    f"^(?P<title>.+?)\\s*[（(【]\\s*(?:共|精选|通用|优选|热门|最新|汇编|合集)\\s*(?P<n>{_N})\\s*篇\\s*[）)】]$")
PIECE_HEADER = re.compile(f"^(?P<title>.+?)\\s*(?:篇\\s*(?P<k>{_N})|[（(]\\s*篇\\s*(?P<k2>{_N})\\s*[）)]|第\\s*(?P<k3>{_N})\\s*篇)$")
_DATE_LINE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{4}年\d{1,2}月\d{1,2}[日号]$")
_TITLE_MARKS = "《》〈〉“”\"—-－ \u3000：:，。"


def _number(text: str) -> int:
    return parse_number(text)


def collection_title(lines: list[TextLine]) -> str | None:
    """The title of a collection: from "……(共N篇)", or the text repeated before "篇1", "篇2"…"""
    # Both headers end in 篇: lines without it (nearly all) skip the patterns.
    marked = [tl for tl in lines if "篇" in tl.text]
    for tl in marked:
        if m := COLLECTION_HEADER.match(tl.text):
            return m.group("title").strip()
    counts: dict[str, list[int]] = {}
    for tl in marked:
        if m := PIECE_HEADER.match(tl.text):
            k = m.group("k") or m.group("k2") or m.group("k3")
            counts.setdefault(m.group("title").strip(), []).append(_number(k))
    for title, numbers in counts.items():
        if len(numbers) >= 2 and numbers[:2] == [1, 2]:
            return title
    return None


def _is_piece_header(text: str, title: str) -> bool:
    m = "篇" in text and PIECE_HEADER.match(text)
    return bool(m) and m.group("title").strip() == title


def split_collection(lines: list[TextLine]) -> tuple[list[list[TextLine]], str | None]:
    """Pieces of a collection (header lines dropped) and its title; one piece otherwise."""
    title = collection_title(lines)
    if title is None:
        return [lines], None
    starts = [i for i, tl in enumerate(lines) if _is_piece_header(tl.text, title)]
    if not starts:
        return [lines], title
    pieces: list[list[TextLine]] = []
    front = lines[: starts[0]]
    # The collection's own header (title, date, "共N篇") is not a speech.
    if any(not (COLLECTION_HEADER.match(t.text) or _DATE_LINE.match(t.text) or t.text.strip() == title)
           for t in front):
        pieces.append(front)
    for a, b in zip(starts, starts[1:] + [len(lines)]):
        pieces.append(lines[a + 1:b])
    return [p for p in pieces if p], title


def split_floors(lines: list[TextLine]) -> list[list[TextLine]]:
    """Split at forum floor markers; the text before the marker's date is the next post's title."""
    pieces: list[list[TextLine]] = [[]]
    for tl in lines:
        m = "楼" in tl.text and FLOOR_MARKER.search(tl.text)  # the marker ends in 楼
        if not m:
            pieces[-1].append(tl)
            continue
        head = tl.slice(0, m.start())
        head = head.slice(0, len(head.text.rstrip()))
        pieces.append([head] if head.text.strip() else [])
    return [p for p in pieces if p]


def is_title_line(text: str, title: str) -> bool:
    """The line is the title itself (possibly as a "——在……上的讲话" subtitle or in 《》)."""
    return text.strip(_TITLE_MARKS) == title.strip(_TITLE_MARKS)


def remove_injected_title(tl: TextLine, title: str) -> TextLine:
    """Remove copies of a collection title that a site pasted into sentences.

    "……地动山摇，<title>。社区是……" -> "……地动山摇。社区是……";
    "……作出新的贡献！《<title>》" -> "……作出新的贡献！". A line that is
    the title itself is kept. Provenance is kept by slicing.
    """
    if not title or title not in tl.text or is_title_line(tl.text, title):
        return tl
    t = re.escape(title)
    patterns = [f"《{t}》", f"[，,、]\\s*{t}(?=[。！？；])", f"^{t}[。，]\\s*", f"(?<=[。！？；]){t}$"]
    for pattern in patterns:
        while (m := re.search(pattern, tl.text)) and not is_title_line(tl.text, title):
            tl = cut(tl, *m.span())
    return tl


def cut(tl: TextLine, start: int, end: int) -> TextLine:
    """`tl` without text[start:end], every remaining character keeping its source line."""
    if start == 0:
        return tl.slice(end)
    if end >= len(tl.text):
        return tl.slice(0, start)
    if not tl.joins:
        return TextLine(tl.text[:start] + tl.text[end:], tl.line)
    return tl.slice(0, start).join(tl.slice(end))


def split_pieces(lines: list[TextLine]) -> list[list[TextLine]]:
    """Cleaned lines -> one list of lines per speech or article."""
    collected, title = split_collection(lines)
    pieces: list[list[TextLine]] = []
    for piece in collected:
        if title:
            piece = [t for t in (remove_injected_title(tl, title) for tl in piece) if t.text.strip()]
        pieces.extend(split_floors(piece))
    return [p for p in pieces if p]
