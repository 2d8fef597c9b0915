"""Punctuation: half-width marks in Chinese text, unbalanced pairs, doubled marks, heading ends.

Chinese official text uses full-width ，；：？！（） and curly “” ‘’; ASCII
marks slip in from other editors (the seeds are full of them). Pairs must
close within a paragraph; marks are never doubled (…… and —— are single
marks of two characters); a level-1 heading ends with no mark, and a
run-in heading ends with 。 before its body.
"""

from __future__ import annotations

import re
from typing import Iterator

from drafter.check.context import Block, Context, excerpt, piece_prefix, section_label
from drafter.check.findings import Finding
from drafter.check.rules.numbering import marker_style
from drafter.model import Section

RULES = {
    "punct.half-width": ("warning", "中文中使用了半角标点（, ; : ? ! ( ) \" .），应改为全角"),
    "punct.unbalanced": ("warning", "成对标点不成对（“” ‘’ 《》 （） 【】 〈〉）"),
    "punct.doubled": ("warning", "标点重复（，，  。。  ！！  ，。）"),
    "punct.heading-end": ("warning", "标题末尾标点不当：一级标题不加标点，段首标题以句号结束"),
}

_CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f“”‘’《》…—]")
_HALF = re.compile(r"[,;:?!()\".]")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", "\"": "“”", ".": "。"}
PAIRS = [("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("【", "】"), ("〈", "〉")]
_DOUBLED = re.compile(r"([，。！？；：、])\1+|[，、；：。][，、；：。]")


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t\u3000":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def half_width_positions(text: str) -> list[int]:
    """Offsets of ASCII punctuation that sits in Chinese text (not 10:30, 1,000, 3.5 or English)."""
    out = []
    for m in _HALF.finditer(text):
        i, c = m.start(), m.group(0)
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if c in ",:." and before.isdigit() and after.isdigit():
            continue  # 1,000  10:30  3.5
        if c == "." and not _CHINESE.match(before or " "):
            continue  # only a full stop after Chinese text
        if _CHINESE.match(before or " ") or _CHINESE.match(after or " "):
            out.append(i)
        elif c in "()":
            # (1) in "职责是：(1)宣传": judge the bracket by what it encloses and what follows it
            close = text.find(")", i) if c == "(" else i
            if close != -1 and _CHINESE.match(_neighbour(text, close, 1) or " "):
                out.append(i)
    return out


def unbalanced(text: str) -> list[tuple[str, str, int, str]]:
    """(open, close, offset, "open"|"close") for each pair type left open or closed without opening."""
    problems = []
    for open_, close in PAIRS:
        stack: list[int] = []
        stray: int | None = None
        for i, c in enumerate(text):
            if c == open_:
                stack.append(i)
            elif c == close:
                if stack:
                    stack.pop()
                elif stray is None:
                    stray = i
        if stray is not None:
            problems.append((open_, close, stray, "close"))
        elif stack:
            problems.append((open_, close, stack[0], "open"))
    return problems


def block_findings(block: Block) -> Iterator[Finding]:
    text = block.text
    where = block.location
    spots = half_width_positions(text)
    if spots:
        marks = "".join(dict.fromkeys(text[i] for i in spots))
        fixes = "、".join(f"“{c}”→“{_FULL[c]}”" for c in marks)
        first = spots[0]
        yield Finding("punct.half-width", "warning",
                      f"中文中使用了半角标点（{len(spots)}处，{fixes}）：“{excerpt(text, first, first + 1)}”",
                      block.line_at(first), where)
    for open_, close, i, side in unbalanced(text):
        missing = f"缺少“{close}”" if side == "open" else f"多出“{close}”或缺少“{open_}”"
        yield Finding("punct.unbalanced", "warning", f"{open_}{close}不成对，{missing}：“{excerpt(text, i, i + 1)}”",
                      block.line_at(i), where)
    for m in _DOUBLED.finditer(text):
        yield Finding("punct.doubled", "warning", f"标点重复“{m.group(0)}”：“{excerpt(text, m.start(), m.end())}”",
                      block.line_at(m.start()), where)


_LEVEL1_BAD_END = "，。；：、,.;:"
_OTHER_BAD_END = "，；：、,;:"
_RUN_IN_END = "。！？!?"


def heading_findings(section: Section, path: list[Section], prefix: str,
                     source: Block | None = None) -> Iterator[Finding]:
    """Judge the mark after a heading: in its source line when known (parsers strip it), else in the text."""
    heading = section.heading.rstrip()
    if not heading:
        return
    where = f"{prefix}{section_label(path + [section])}标题"
    shown = f"{section.marker}{heading}"
    after = None
    if source is not None:
        for printed in (shown, heading):  # marker + heading, else the heading alone
            at = source.text.find(printed)
            if at >= 0:
                after = source.text[at + len(printed):]
                break
    if after is None:  # rendered text: the heading as typed
        last, body = heading[-1], False
        if last not in "，。；：、,.;:！？!?":
            return
        shown, heading = shown[:-1], heading[:-1]
    else:
        stripped = after.strip()
        last = stripped[:1]
        body = len(stripped) > 1 or (len(stripped) == 1 and last not in "，。；：、,.;:！？!?")
        if not stripped:
            return
    if section.level == 1 and marker_style(section.marker)[0] in ("一、", ""):
        if body and last not in _LEVEL1_BAD_END:
            yield Finding("punct.heading-end", "warning",
                          f"一级标题应单独成行，与正文之间缺少分隔：“{shown}{(after or '').strip()[:8]}…”",
                          section.line, where)
        elif last in _LEVEL1_BAD_END:
            yield Finding("punct.heading-end", "warning",
                          f"一级标题末尾不加标点：“{shown}{last}”", section.line, where)
    elif body:
        if last not in _RUN_IN_END:
            mark = last if last in _OTHER_BAD_END else ""
            yield Finding("punct.heading-end", "warning",
                          f"段首标题后应以句号结束：“{shown}{mark}{(after or '').strip()[len(mark):len(mark) + 6]}…”",
                          section.line, where)
    elif last in _OTHER_BAD_END:
        yield Finding("punct.heading-end", "warning", f"标题末尾标点不当：“{shown}{last}”", section.line, where)


def check(ctx: Context) -> Iterator[Finding]:
    for block in ctx.text_blocks:
        yield from block_findings(block)
    prefix = piece_prefix(ctx.speech)
    by_line: dict[int, Block] = {}
    for b in ctx.text_blocks:
        if b.source is not None:
            for ln in [b.source.line] + [ln for _, ln in b.source.joins]:
                by_line.setdefault(ln, b)

    def walk(group: list[Section], path: list[Section]) -> Iterator[Finding]:
        for s in group:
            yield from heading_findings(s, path, prefix, by_line.get(s.line) if s.line is not None else None)
            yield from walk(s.children, path + [s])

    yield from walk(ctx.speech.sections, [])
