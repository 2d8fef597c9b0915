"""Heading numbers: gaps, repeats, order, mixed styles within a level, level-2 style drift.

Works on the sections' own markers and numbers (never on a parser's anomaly
notes), so it catches the same mistakes in parsed drafts and rendered specs:
seed 002 篇1 runs 一、二、三、五、六、六、.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from drafter.check.context import Context, piece_prefix, section_label
from drafter.check.findings import Finding
from drafter.model import Section
from drafter.numerals import to_chinese, parse_number

RULES = {
    "numbering.gap": ("error", "编号不连续或不从一开始"),
    "numbering.repeat": ("error", "同级编号重复"),
    "numbering.order": ("error", "同级编号顺序颠倒"),
    "numbering.mixed-style": ("warning", "同级标题混用不同编号样式"),
    "numbering.level2-style": ("warning", "各部分二级标题编号样式不一致"),
}

_CN = "一二三四五六七八九十百零两〇"
_STYLES = [
    (re.compile(rf"^([{_CN}]+)、$"), "一、"),
    (re.compile(rf"^（([{_CN}]+)）$"), "（一）"),
    (re.compile(rf"^第([{_CN}]+)部分[，、：]?\s*$"), "第一部分"),
    (re.compile(rf"^第([{_CN}]+)[，、：]?$"), "第一，"),
    (re.compile(rf"^([{_CN}]+)是$"), "一是"),
    (re.compile(rf"^([{_CN}]+)要$"), "一要"),
    (re.compile(rf"^([{_CN}]+)([抓讲看靠])$"), "一抓"),
    (re.compile(r"^(\d+)[.．]$"), "1."),
    (re.compile(r"^(\d+)、$"), "1、"),
    (re.compile(r"^（(\d+)）$"), "（1）"),
    (re.compile(r"^(\d+)）$"), "1）"),
]
_HALF = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", "．": "."})


def marker_style(marker: str) -> tuple[str, int | None]:
    """The numbering style of a marker ("（三）" -> ("（一）", 3)); ("", None) when unnumbered."""
    m = marker.strip().translate(_HALF).replace(" ", "")
    if not m:
        return "", None
    for pattern, style in _STYLES:
        hit = pattern.match(m)
        if hit:
            raw = hit.group(1)
            n = parse_number(raw)
            if style == "一抓":
                style = f"一{hit.group(2)}"
            return style, n
    return m, None


def _show(style: str, n: int) -> str:
    """How item n of a style is written, for messages."""
    if style.startswith("一") and len(style) == 2 and style[1] in "是要抓讲看靠":
        return f"{to_chinese(n)}{style[1]}"
    return {"一、": f"{to_chinese(n)}、", "（一）": f"（{to_chinese(n)}）", "第一，": f"第{to_chinese(n)}",
            "1.": f"{n}.", "1、": f"{n}、", "（1）": f"（{n}）", "1）": f"{n}）"}.get(style, str(n))


def _numbered(group: list[Section]) -> list[tuple[Section, str, int]]:
    out = []
    for s in group:
        style, n = marker_style(s.marker)
        if s.number is not None:
            n = s.number
        if style and n is not None:
            out.append((s, style, n))
    return out


def _finding(rule: str, message: str, section: Section, path: list[Section], prefix: str) -> Finding:
    return Finding(rule, RULES[rule][0], message, section.line, f"{prefix}{section_label(path + [section])}标题")


# Styles of in-paragraph lead-ins and minor lists: a section may hold several
# such lists one after another (一是…三是, then 一要…二要), each starting at 1.
_HEADING_STYLES = {"一、", "（一）"}


def split_lists(items: list[tuple[Section, str, int]]) -> list[list[tuple[Section, str, int]]]:
    """Siblings cut into runs of one list: a lead-in style restarting at 1, or changing style off-sequence."""
    lists: list[list[tuple[Section, str, int]]] = []
    for item in items:
        _, style, n = item
        if lists and style not in _HEADING_STYLES:
            _, prev_style, prev_n = lists[-1][-1]
            if n == 1 or (style != prev_style and n != prev_n + 1):
                lists.append([item])
                continue
        if not lists:
            lists.append([item])
        else:
            lists[-1].append(item)
    return lists


def _check_group(group: list[Section], path: list[Section], prefix: str) -> Iterator[Finding]:
    for items in split_lists(_numbered(group)):
        yield from _check_list(items, path, prefix)


def _check_list(items: list[tuple[Section, str, int]], path: list[Section], prefix: str) -> Iterator[Finding]:
    styles = Counter(style for _, style, _ in items)
    main_style = styles.most_common(1)[0][0]
    if len(styles) > 1:
        example = next(s for s, style, _ in items if style == main_style)
        for s, style, _ in items:
            if style != main_style:
                yield _finding("numbering.mixed-style",
                               f"同级编号样式不一致：“{s.marker.strip()}”与同级的“{example.marker.strip()}”样式不同",
                               s, path, prefix)
    prev: tuple[Section, str, int] | None = None
    for item in items:
        s, style, n = item
        if prev is None:
            if n != 1:
                yield _finding("numbering.gap", f"编号没有从一开始：本级第一项是“{s.marker.strip()}”", s, path, prefix)
        else:
            p, _, pn = prev
            here, before = s.marker.strip(), p.marker.strip()
            if n == pn:
                yield _finding("numbering.repeat", f"编号重复：“{before}”之后又是“{here}”", s, path, prefix)
            elif n > pn + 1:
                missing = "、".join(f"“{_show(style, k)}”" for k in range(pn + 1, min(n, pn + 4)))
                yield _finding("numbering.gap", f"编号不连续：“{before}”之后是“{here}”，缺少{missing}", s, path, prefix)
            elif n < pn:
                yield _finding("numbering.order", f"编号顺序颠倒：“{before}”之后是“{here}”", s, path, prefix)
        prev = item


def _check_level2(sections: list[Section], prefix: str) -> Iterator[Finding]:
    per_section = []
    for s in sections:
        items = _numbered(s.children)
        if items:
            style = Counter(st for _, st, _ in items).most_common(1)[0][0]
            per_section.append((s, style, items[0][0]))
    counts = Counter(style for _, style, _ in per_section)
    if len(counts) < 2:
        return
    main_style = counts.most_common(1)[0][0]
    example = next(s for s, style, _ in per_section if style == main_style)
    for s, style, child in per_section:
        if style != main_style:
            yield _finding("numbering.level2-style",
                           f"二级标题编号样式不一致：“{s.marker.strip() or s.heading[:8]}”下用“{child.marker.strip()}”，"
                           f"而“{example.marker.strip() or example.heading[:8]}”下用“{example.children[0].marker.strip()}”",
                           child, [s], prefix)


def check(ctx: Context) -> Iterator[Finding]:
    speech = ctx.speech
    prefix = piece_prefix(speech)

    def walk(group: list[Section], path: list[Section]) -> Iterator[Finding]:
        yield from _check_group(group, path, prefix)
        for s in group:
            if s.children:
                yield from walk(s.children, path + [s])

    yield from walk(speech.sections, [])
    yield from _check_level2(speech.sections, prefix)

