"""Script and pinyin: pinyin notes after characters, censor hyphens inside words, traditional script.

Text steps (str -> str) that run first, so the other families' patterns see plain simplified characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.corpus.clean.common import _PINYIN, _TONED, CJK, triggered_by
from drafter.corpus.lines import TextLine

# 創(chuàng): a syllable with a tone mark in brackets right after a character
# (the lookahead asks for the tone mark; it cannot run past the closing bracket). Patterns here
# start with the character a match must hold, its left neighbour checked behind it, so the
# search skips from one such character to the next.
_PINYIN_NOTE = re.compile(f"[(（](?<=[{CJK}][(（])(?=[{_PINYIN}]{{0,6}}[{_TONED}])[{_PINYIN}]{{1,7}}[)）]")

_HAS_TONE = re.compile(f"[{_TONED}]")


@triggered_by(_TONED)  # every note has a tone mark
def remove_pinyin(text: str) -> str:
    """Drop pinyin annotations after characters: 創(chuàng)先 -> 創先.

    Only bracketed syllables carrying a tone mark are taken, so ordinary
    Latin text in brackets, e.g. "(WTO)", stays.
    """
    if ("(" not in text and "（" not in text) or not _HAS_TONE.search(text):
        return text  # every note holds a bracket and a tone mark
    return _PINYIN_NOTE.sub("", text)


_CENSOR_HYPHEN = re.compile(f"[-\u2010\u2011](?<=[{CJK}].)(?=[{CJK}])")


@triggered_by("\\-\u2010\u2011")
def undo_censor_hyphens(text: str) -> str:
    """Remove hyphens that sites put inside sensitive words: 共-产-党员 -> 共产党员.

    Only a single hyphen between two CJK characters is removed; dates
    (2017-04-27), numbers and dashes (——) never have CJK on both sides.
    """
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return text
    return _CENSOR_HYPHEN.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only corpus cleaning needs it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified script (OpenCC t2s); simplified text passes unchanged."""
    if text.isascii():
        return text
    return _t2s().convert(text)


def simplified_lines(lines: list[TextLine]) -> list[TextLine]:
    """`to_simplified` on every line, in one OpenCC call for the whole file.

    OpenCC's phrases never hold a line break, so converting the lines joined by
    "\n" gives each line's own conversion; one call saves the per-call cost.
    """
    texts = [tl.text for tl in lines]
    joined = "\n".join(texts)
    if joined.isascii():
        return lines
    if joined.count("\n") != len(texts) - 1:  # a line holding a break itself: line by line
        return [TextLine(to_simplified(tl.text), tl.line, tl.joins) for tl in lines]
    converted = _t2s().convert(joined)
    if converted == joined:
        return lines
    return [tl if new == tl.text else TextLine(new, tl.line, tl.joins) for tl, new in zip(lines, converted.split("\n"))]
