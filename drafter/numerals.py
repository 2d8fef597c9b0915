"""Chinese numerals and the genre's numbering markers.

Shared by the parser (reading 一、 （三） 第十一， 五是), the renderer
(numbering headings) and the checker (gaps and repeats).
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"两": 2, "〇": 0, "○": 0}


def to_chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (0 < n < 10000)."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n >= 10000:
        raise ValueError(f"cannot write {n!r} as a Chinese numeral")
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + name
            zero = False
        else:
            zero = bool(out)
    return out


def from_chinese(text: str) -> int | None:
    """一 -> 1, 十一 -> 11, 二十 -> 20, 两 -> 2; None if `text` is not a numeral."""
    if not text or any(c not in _VALUE and c not in "十百千" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c in _VALUE:
            current = _VALUE[c]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (current or 1) * unit
            current = 0
    return total + current


def parse_number(text: str) -> int | None:
    """A count or marker number as written: "3", "３", "十一", "两", "①" -> int; None if it is none.

    Never raises: digits int() refuses ("²") and runs too long to be a count
    (Python refuses to read over 4,300 digits) are None, not a crash.
    """
    text = text.strip()
    if len(text) == 1 and "\u2460" <= text <= "\u2473":
        return ord(text) - 0x245F
    if text.isdigit():
        if len(text) > 9:
            return None
        try:
            return int(text)
        except ValueError:
            return None
    return from_chinese(text)


# Numbering styles: how a number is written as a heading marker.
STYLES = {
    "一、": lambda n: f"{to_chinese(n)}、",
    "（一）": lambda n: f"（{to_chinese(n)}）",
    "1.": lambda n: f"{n}.",
    "1、": lambda n: f"{n}、",
    "（1）": lambda n: f"（{n}）",
    "第一，": lambda n: f"第{to_chinese(n)}，",
    "一是": lambda n: f"{to_chinese(n)}是",
    "一要": lambda n: f"{to_chinese(n)}要",
    "": lambda n: "",
}


def marker(style: str, n: int) -> str:
    """The marker for item `n` in numbering `style` (a key of STYLES)."""
    try:
        return STYLES[style](n)
    except KeyError:
        raise ValueError(f"unknown numbering style {style!r}; known: {', '.join(repr(s) for s in STYLES)}") from None
