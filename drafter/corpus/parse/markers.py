"""Numbering markers: the marker styles of the genre, their ranking, and reading them.

`match_marker` reads the marker that opens a line ("一、", "（一）", "第一，", "1.", "①",
"一是"); `ROOT_RANK` and `ORDER` rank the styles for the tree; `marker_like`
renumbers a printed marker for anomaly messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.numerals import parse_number, to_chinese

CN = "一二三四五六七八九十"
CNUM = f"[{CN}]{{1,3}}"

# Marker styles at the start of a segment. Family keys double as numbering styles
# of drafter.numerals (except "①" and "第一部分", which numerals does not write).
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # "第一部分　总结回顾": a part of a long report-style speech, above 一、 (its own line, so
    # a separator, a space or the line end follows; "第一部分是……" is a sentence)
    ("第一部分", re.compile(rf"^第({CNUM})部分(?:[，,、：:．.]\s*|[\s\u3000]+|$)")),
    ("第一，", re.compile(rf"^第({CNUM})(?:个方面|个问题|部分|方面|点|条|句话|层意思|个关键词)?[，,、：:]\s*")),
    ("一、", re.compile(rf"^({CNUM})(?:、|[.．](?!\d))\s*")),
    ("（一）", re.compile(rf"^[（(]\s*({CNUM})\s*[）)]\s*")),
    ("（1）", re.compile(r"^[（(]?\s*(\d{1,2})\s*[）)]\s*")),
    ("1、", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))\s*")),
    ("①", re.compile(r"^([\u2460-\u2473])\s*")),
    ("一是", re.compile(rf"^({CNUM})(?:是|要)(?![的素否求])[，,：:]?\s*")),
    # a host's agenda line ("下面进行第一项议程，请……" "最后，进行第五项议程，……"): one point of a 主持词
    ("第一项", re.compile(rf"^(?:(?:下面|现在|接下来|首先|然后|最后)[，,]?\s*)?(?:进行|进入)第({CNUM})项(?:议程|议题)[，,：:]\s*")),
]
# Conventional rank of level-1 candidates (lower = higher in the hierarchy).
ROOT_RANK = {"第一部分": -1, "一、": 0, "第一，": 1, "（一）": 2, "第一项": 3}
# Styles with a fixed conventional order; 第一， and 一是 float (levels by context).
ORDER = {"第一部分": -1, "一、": 0, "（一）": 1, "1、": 2, "（1）": 3, "①": 4}


@dataclass
class Marker:
    family: str  # style key: "一、", "第一，", "（一）", "（1）", "1、", "①", "一是"
    number: int | None
    text: str  # marker as printed (brackets made full-width)
    end: int  # offset where the heading text starts


def _number(token: str) -> int | None:
    return parse_number(token)  # ①…⑳ too: isdigit() is true for them, int() fails


# Every marker above opens with one of these characters, a decimal digit (\\d) or a space ((1) after
# spaces): a line that opens otherwise (most paragraphs) skips the patterns.
_MARKER_FIRST = frozenset(CN + "第（(" + "".join(map(chr, range(0x2460, 0x2474))) + "下现接首然最进")


_SPACES = re.compile(r"\s+")


def match_marker(text: str) -> Marker | None:
    """The numbering marker at the start of `text`, if any."""
    first = text[:1]
    if first not in _MARKER_FIRST and not first.isdecimal() and not first.isspace():
        return None
    for family, rx in MARKERS:
        m = rx.match(text)
        if not m:
            continue
        n = _number(m.group(1))
        if n is None or n == 0:
            continue
        printed = m.group(0).strip().replace("(", "（").replace(")", "）").replace(",", "，")
        printed = _SPACES.sub("", printed)
        return Marker(family, n, printed, m.end())
    return None


def marker_like(printed: str, n: int) -> str:
    """`printed` ("五、", "（三）", "第二，", "3、", "二要") renumbered to n."""
    if re.search(r"\d", printed):
        return re.sub(r"\d+", str(n), printed, count=1)
    if "\u2460" <= printed[:1] <= "\u2473":
        return chr(0x245F + n) if 1 <= n <= 20 else str(n)
    return re.sub(f"[{CN}]+", to_chinese(n), printed, count=1)
