"""Characters and punctuation: control codes, invisible characters, look-alike marks, stray bullets,
and ASCII punctuation in Chinese text.

Text steps (str -> str), plus `control_notes`, which says what `drop_control` removed.
"""

from __future__ import annotations

import re

from drafter.corpus.clean.common import _RE_CJK, _SPACE, CJK, FW_PUNCT, _is_chinese_char, is_chinese, triggered_by
from drafter.corpus.clean.repair import _GARBLE_HINT, _inside, unrepaired_spans
from drafter.corpus.lines import TextLine
from drafter.model import Anomaly

# Terminal escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL/ST", two-byte ESC x) and
# other control characters (C0 but tab, C1, DEL): never text, and dangerous on a terminal.
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@triggered_by(_CONTROL.pattern[1:-1])
def drop_control(text: str) -> str:
    """Remove terminal escape sequences and control characters (a corpus copied from a
    terminal, or planted ones that would recolour or hide text when printed)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _ESCAPE_SEQ.sub("", text))


def control_notes(lines: list[TextLine]) -> list[Anomaly]:
    """Report the lines where `drop_control` removes something (cleaning says what it dropped)."""
    notes = []
    for tl in lines:
        m = _CONTROL.search(tl.text)
        if m:
            n = len(_CONTROL.findall(tl.text))
            notes.append(Anomaly("control", f"removed {n} control character(s) or terminal escape code(s), "
                                            f"first {m.group(0)!r}", tl.line))
    return notes


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")


@triggered_by(_ZERO_WIDTH.pattern[1:-1])
def drop_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens, which web editors leave inside words
    (融入\u200b企业 -> 融入企业). Visible spaces stay: a no-break or ideographic space between
    two characters is how a page that lost its bold separates a run-in heading from its body."""
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


# Look-alike marks from vertical, small-form and half-width code blocks (Big5/Japanese fonts, OCR),
# and full-width ASCII: GB/T 9704 prints Arabic numerals and Latin letters half-width.
_LOOKALIKES = {
    "\uff64": "、", "\ufe51": "、", "\ufe11": "、", "\uff61": "。", "\ufe12": "。",
    "\ufe50": "，", "\ufe10": "，", "\ufe54": "；", "\ufe14": "；", "\ufe55": "：", "\ufe13": "：",
    "\ufe30": "：", "\ufe56": "？", "\ufe16": "？", "\ufe57": "！", "\ufe15": "！",
    "\ufe59": "（", "\ufe5a": "）", "\ufe35": "（", "\ufe36": "）", "\ufe5d": "〔", "\ufe5e": "〕",
    "\uff62": "「", "\uff63": "」",
}
_LOOKALIKES.update({chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                       *range(0xFF41, 0xFF5B))})
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_RE_LOOKALIKE = re.compile("[" + "".join(_LOOKALIKES) + "]")


@triggered_by(_RE_LOOKALIKE.pattern[1:-1])
def normalise_lookalikes(text: str) -> str:
    """Look-alike marks -> the standard full-width ones (一､ -> 一、, ﹐ -> ，, ︰ -> ：) and
    full-width digits and letters -> half-width (２０２６年 -> 2026年, ＡＩ -> AI)."""
    if not _RE_LOOKALIKE.search(text):
        return text
    return text.translate(_LOOKALIKE_TABLE)


_BULLET = re.compile(f"^[{_SPACE}]*[?？•·●○■□◆◇▪▶►\\-–][{_SPACE}]+(?=[{CJK}“《（(【])")


@triggered_by("?？•·●○■□◆◇▪▶►\\-–")  # the bullet itself
def drop_bullet(text: str) -> str:
    """Drop a stray bullet at the start of a line ("? 抓人才强支撑" -> "抓人才强支撑")."""
    m = _BULLET.match(text)  # anchored: one match at most (a `sub` would try every offset)
    return text[m.end():] if m else text


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character before (step=-1) or after (step=1) index i."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACE:
        j += step
    return text[j] if 0 <= j < len(text) else ""


_FULL = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "?": "\uff1f", "!": "\uff01", "(": "\uff08", ")": "\uff09"}
_DASHES = re.compile(f"(?<![-\\w])-{{2,}}(?=[{_SPACE}]*(?:[{CJK}]|[{FW_PUNCT}]))")
# A run of spaces after a full-width mark and before Chinese, or after Chinese and before a mark;
# written space first (its left neighbour checked behind it) so the search skips from space to space.
_FW_NO_SPACE = re.compile(
    f"[{_SPACE}](?:(?<=[{FW_PUNCT}][{_SPACE}])[{_SPACE}]*(?=[{CJK}{FW_PUNCT}])"
    f"|(?<=[{CJK}{FW_PUNCT}][{_SPACE}])[{_SPACE}]*(?=[{FW_PUNCT}]))"
)


@triggered_by(',;:?!()".\\-' + _SPACE)  # every change below starts at an ASCII mark or a space
def normalise_punctuation(text: str) -> str:
    """ASCII punctuation in Chinese text -> full-width (, : ; ? ! ( ) and -- -> ——).

    A mark is converted when the text next to it is Chinese; "20:55", "1:1",
    "1,000", "4+2", decimals and Latin text keep theirs. Brackets convert in
    pairs when they hold or adjoin Chinese. Garbled spans stay untouched (their
    "?" is damage, not a question). Spaces next to full-width marks go.

    Runs on every line of a corpus, so it only visits the ASCII marks it may
    change, and each substitution runs only when its trigger character occurs.
    """
    if _MARKS.search(text):
        text = _convert_marks(text)
    if "..." in text:
        text = _ELLIPSIS.sub("\u2026\u2026", text)
    if "." in text:
        text = _CJK_PERIOD.sub("\u3002", text)
    if "--" in text:
        text = _DASHES.sub("\u2014\u2014", text)
    if _ANY_SPACE.search(text):
        text = _FW_NO_SPACE.sub("", text)
    return text


# The ASCII marks whose conversion depends on their neighbours.
_MARKS = re.compile('[,;:?!()"]')
_ANY_SPACE = re.compile(f"[{_SPACE}]")


# The usual line with ASCII marks has no quotes, spaces or garbled text: each mark's neighbours
# are the characters right next to it, and one substitution converts the , ; : ? ! that touch
# Chinese (a mark between two digits touches none, so 20:55 stays); brackets are then paired.
_NEEDS_FULL_RULES = re.compile(f'["{_SPACE}]')
# (the mark first, its neighbours checked around it: the search skips from mark to mark)
_MARK_BY_CHINESE = re.compile(f"[,;:?!](?:(?<=[{CJK}{FW_PUNCT}].)|(?=[{CJK}{FW_PUNCT}]))")
_BRACKETS = re.compile("[()]")


def _full_width(m: re.Match) -> str:
    return _FULL[m.group()]


def _convert_brackets(text: str, out: str) -> str:
    """`out` (`text` with its other marks converted) with the brackets of `text` converted:
    pairs that hold or adjoin Chinese, and lone brackets next to Chinese (no spaces in `text`)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    lone: list[int] = []
    for m in _BRACKETS.finditer(text):
        i = m.start()
        if text[i] == "(":
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
        else:
            lone.append(i)
    lone += stack
    n = len(text)
    chars: list[str] | None = None
    for i in lone:
        if _is_chinese_char(text[i - 1] if i else "") or _is_chinese_char(text[i + 1] if i + 1 < n else ""):
            if chars is None:
                chars = list(out)
            chars[i] = _FULL[text[i]]
    for a, b in pairs.items():
        if _RE_CJK.search(text, a + 1, b) or _is_chinese_char(text[a - 1] if a else "") \
                or _is_chinese_char(text[b + 1] if b + 1 < n else ""):
            if chars is None:
                chars = list(out)
            chars[a], chars[b] = _FULL["("], _FULL[")"]
    return out if chars is None else "".join(chars)


def _convert_marks(text: str) -> str:
    """, ; : ? ! ( ) and straight double quotes -> full-width where Chinese surrounds them."""
    if not _NEEDS_FULL_RULES.search(text) and not _GARBLE_HINT.search(text):
        out = _MARK_BY_CHINESE.sub(_full_width, text)
        return _convert_brackets(text, out) if "(" in text or ")" in text else out
    protected = unrepaired_spans(text)
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)
             if not (protected and _inside(m.start(), protected))]
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in marks:
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    paired = set(pairs) | set(pairs.values())
    chars: list[str] | None = None
    n = len(text)
    for i, ch in marks:
        if ch == '"' or i in paired:
            continue
        j = i - 1  # _neighbour(text, i, -1) and (text, i, 1), inlined: this loop sees every mark
        while j >= 0 and text[j] in _SPACE:
            j -= 1
        before = text[j] if j >= 0 else ""
        k = i + 1
        while k < n and text[k] in _SPACE:
            k += 1
        after = text[k] if k < n else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            continue  # 20:55, 1:1, 1,000
        if _is_chinese_char(before) or _is_chinese_char(after):
            if chars is None:
                chars = list(text)
            chars[i] = _FULL[ch]
    for a, b in pairs.items():
        inner = text[a + 1:b]
        if _RE_CJK.search(inner) or is_chinese(_neighbour(text, a, -1)) or is_chinese(_neighbour(text, b, 1)):
            if chars is None:
                chars = list(text)
            chars[a], chars[b] = _FULL["("], _FULL[")"]
    out = text if chars is None else "".join(chars)
    return _curly_quotes(out, protected)


_ELLIPSIS = re.compile(f"(?:(?<=[{CJK}{FW_PUNCT}])\\.{{3,}}|\\.{{3,}}(?=[{CJK}{FW_PUNCT}]))")
_CJK_PERIOD = re.compile(f"\\.(?<=[{CJK}]\\.)(?=[{CJK}“])")  # (the dot first: the search skips to it)


_STRAIGHT_QUOTE = re.compile('"')


def _curly_quotes(text: str, protected: list[tuple[int, int]]) -> str:
    """Straight double quotes around Chinese -> “ ”, when they pair up on the line."""
    if '"' not in text:
        return text
    marks = [m.start() for m in _STRAIGHT_QUOTE.finditer(text) if not _inside(m.start(), protected)]
    if not marks or len(marks) % 2:
        return text
    pairs = list(zip(marks[::2], marks[1::2]))
    if not all(_RE_CJK.search(text[a + 1:b]) for a, b in pairs):
        return text
    chars = list(text)
    for a, b in pairs:
        chars[a], chars[b] = "\u201c", "\u201d"
    return "".join(chars)
