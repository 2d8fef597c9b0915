"""Announced counts: "下面，我讲三点意见" must be followed by three points.

The announcement before the first section is compared with the number of
level-1 sections; an announcement inside a section ("要重点抓好五个方面的
工作", "关键有三点") with the sub-sections or the enumerated items
(一是…二是…, 第一，…) that follow it.
"""

from __future__ import annotations

import re
from typing import Iterator

from drafter.check.context import Context, excerpt, piece_prefix, section_label
from drafter.check.findings import Finding
from drafter.check.rules.numbering import marker_style
from drafter.model import Section
from drafter.numerals import from_chinese, parse_number

RULES = {
    "announced.count": ("error", "开头宣布的要点数与后文实际标题数不符"),
    "announced.inline-count": ("warning", "段中宣布的要点数与随后列举的条目数不符"),
}

_N = r"([一二两三四五六七八九十]{1,3})"
_UNIT = r"(?:点|个方面|个问题|条|项|件事|个字|句话)"
ANNOUNCE = re.compile(
    rf"(?<!第)(?:"
    rf"(?:讲|谈|提|强调|说)(?:一下|以下|下面|这么|了)?{_N}{_UNIT}"
    rf"|(?:以下|如下|下面|下列){_N}{_UNIT}"
    rf"|(?:抓好|做好|做到|把握好?|注意|突出|关键有|主要有|重点抓好|重点做好|要抓好|包括){_N}{_UNIT}"
    rf"|{_N}点(?:意见|要求|建议|想法|体会|看法|希望|认识)"
    rf"|{_N}个方面的(?:内容|工作|问题|意见|要求|情况)"
    rf")")
# An enumerated item: 一是/一要/第一，/1、/（1） at the start of a paragraph or after ：；。
_ITEM = re.compile(r"(?:^|(?<=[：；。:;]))\s*(?:([一二三四五六七八九十]{1,3})(?:是|要)|第([一二三四五六七八九十]{1,3})[，、,]"
                   r"|(\d{1,2})[、.．]|[（(](\d{1,2})[）)])")


def find_announcement(text: str) -> tuple[int, re.Match] | None:
    """The announced count in `text` and its match, if it announces more than one point."""
    for m in ANNOUNCE.finditer(text):
        raw = next(g for g in m.groups() if g)
        n = from_chinese(raw)
        if n and n > 1:
            return n, m
    return None


def _item_number(m: re.Match) -> int | None:
    for g in m.groups():
        if g:
            return parse_number(g)
    return None


def count_items(first_rest: str, later: list[str]) -> int:
    """How many consecutive items (1, 2, 3…) follow: inline in `first_rest`, then at paragraph starts."""
    count = 0
    for m in _ITEM.finditer(first_rest):
        if _item_number(m) == count + 1:
            count += 1
    for text in later:
        text = text.strip()
        m = _ITEM.match(text)
        if not m:
            continue
        n = _item_number(m)
        if n == count + 1:
            count += 1
            for inner in _ITEM.finditer(text, m.end()):  # 一是……；二是…… within one paragraph
                if _item_number(inner) == count + 1:
                    count += 1
        elif n == 1 and count:
            break  # a new list starts
    return count


def _top_level(ctx: Context) -> Iterator[Finding]:
    speech = ctx.speech
    candidates = ([speech.transition] if speech.transition else []) + list(reversed(speech.opening))
    found = None
    for p in candidates:
        hit = find_announcement(p.text)
        if hit:
            found = (hit[0], excerpt(p.text, hit[1].start(), hit[1].end(), 6), p.line,
                     "过渡段" if p is speech.transition else "开头")
            break
    if found is None and speech.announced_points:
        found = (speech.announced_points, f"{speech.announced_points}点", None, "开头")
    if found is None or not speech.sections:
        return
    n, quote, line, where = found
    actual = len(speech.sections)
    if actual != n:
        yield Finding("announced.count", "error",
                      f"宣布的要点数与正文不符：“{quote}”宣布{n}点，后文实际有{actual}个一级标题",
                      line if line is not None else speech.sections[0].line, f"{piece_prefix(speech)}{where}")


def _in_section(ctx: Context, section: Section, path: list[Section]) -> Iterator[Finding]:
    texts = [section.heading] + [p.text for p in section.paragraphs]
    lines = [section.line] + [p.line for p in section.paragraphs]
    for i, text in enumerate(texts):
        hit = find_announcement(text)
        if not hit:
            continue
        n, m = hit
        count = count_items(text[m.end():], texts[i + 1:])
        numbered_children = [c for c in section.children if marker_style(c.marker)[1] is not None]
        if count == 0 and numbered_children:  # the items are the sub-sections
            count = len(numbered_children)
        if count >= 2 and count != n:
            label = section_label(path + [section])
            where = f"{piece_prefix(ctx.speech)}{label}{'标题' if i == 0 else f'第{i}段'}"
            yield Finding("announced.inline-count", "warning",
                          f"宣布的条目数与后文不符：“{excerpt(text, m.start(), m.end(), 6)}”宣布{n}项，随后列出{count}项",
                          lines[i], where)
        break


def check(ctx: Context) -> Iterator[Finding]:
    yield from _top_level(ctx)

    def walk(group: list[Section], path: list[Section]) -> Iterator[Finding]:
        for s in group:
            yield from _in_section(ctx, s, path)
            yield from walk(s.children, path + [s])

    yield from walk(ctx.speech.sections, [])
