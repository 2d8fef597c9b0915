"""Leftover placeholders: anonymisation marks, unfilled slots, editor's notes.

Drafts made from old speeches keep the corpus's anonymisation (*同志, **区,
xx书记, x月), template slots left empty ({{ speaker }}), and editor's notes
(【此处填写数据】, XXX, 待补充). Any of them read aloud is an embarrassment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from drafter.check.context import Block, Context, excerpt
from drafter.check.findings import Finding

RULES = {
    "placeholder.slot": ("error", "未填写的模板槽位 {{ … }}"),
    "placeholder.leftover": ("error", "遗留的匿名标记、占位符或编辑批注（*同志、**区、xx书记、x月、【】、XXX、此处填写）"),
    "placeholder.vague": ("warning", "泛称占位（某某、待定），请确认已替换"),
}

_CJK = r"\u3400-\u9fff"
_SLOT = re.compile(r"\{\{\s*(.*?)\s*\}\}|\{%.*?%\}|\{\{|\}\}")
_STARS = re.compile(r"[*＊]+")
_XMARK = re.compile(r"(?<![A-Za-z])[xX×ｘＸ]{1,4}(?![A-Za-z])")
_BRACKET = re.compile(r"【[^【】\n]{0,40}】")  # a lone 【 or 】 is punct.unbalanced
_BOXES = re.compile(r"[□■]+")
_NOTES = re.compile(r"此处(?:填写|插入|补充|添加)|请(?:填写|补充|插入)|待(?:填写|补充|完善|核实)|TODO|TBD|FIXME")
_VAGUE = re.compile(r"某某|待定")
_MD_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)([^*\n]+?)(?<=\S)\1")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    token: str
    rule: str
    what: str  # 匿名标记, 未填写的槽位, 编辑批注, ...


def _near_cjk(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(rf"[{_CJK}]", before) or re.match(rf"[{_CJK}]", after))


def find_placeholders(text: str, markdown: bool = False) -> list[Hit]:
    """Every placeholder in `text`, in order (pure: used on rendered text and on raw spec values)."""
    hits: list[Hit] = []
    masked = text
    if markdown:  # **bold** and *italic* are emphasis in Markdown, not anonymisation
        masked = _MD_EMPHASIS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)), text)
    for m in _SLOT.finditer(text):
        hits.append(Hit(m.start(), m.end(), m.group(0), "placeholder.slot", "未填写的槽位"))
    slots = [(h.start, h.end) for h in hits]

    def free(a: int, b: int) -> bool:
        return not any(s <= a < e or s < b <= e for s, e in slots)

    for m in _STARS.finditer(masked):
        if free(m.start(), m.end()) and _near_cjk(masked, m.start(), m.end()):
            hits.append(Hit(m.start(), m.end(), m.group(0), "placeholder.leftover", "匿名标记"))
    for m in _XMARK.finditer(text):
        if free(m.start(), m.end()) and (_near_cjk(text, m.start(), m.end()) or len(m.group(0)) >= 3):
            hits.append(Hit(m.start(), m.end(), m.group(0), "placeholder.leftover", "匿名标记"))
    for pattern, what in ((_BRACKET, "编辑标记"), (_BOXES, "空格占位"), (_NOTES, "编辑批注")):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                hits.append(Hit(m.start(), m.end(), m.group(0), "placeholder.leftover", what))
    for m in _VAGUE.finditer(text):
        if free(m.start(), m.end()):
            hits.append(Hit(m.start(), m.end(), m.group(0), "placeholder.vague", "泛称占位"))
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for h in hits:  # 【此处填写】 is one note, not two
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def message(hit: Hit, text: str) -> str:
    if hit.rule == "placeholder.slot":
        return f"未填写的槽位“{hit.token}”：“{excerpt(text, hit.start, hit.end)}”"
    if hit.rule == "placeholder.vague":
        return f"泛称占位“{hit.token}”，请确认已替换为实际内容：“{excerpt(text, hit.start, hit.end)}”"
    return f"遗留{hit.what}“{hit.token}”，请替换为实际内容：“{excerpt(text, hit.start, hit.end)}”"


def block_findings(block: Block, markdown: bool = False) -> Iterator[Finding]:
    """One finding per kind of placeholder and source line (*镇*村、*镇*村 is one thing to fix)."""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in find_placeholders(block.text, markdown):
        kind = hit.what if hit.rule == "placeholder.leftover" and hit.what == "匿名标记" else hit.token
        key = (hit.rule, kind, block.line_at(hit.start))
        groups.setdefault(key, []).append(hit)
    for hits in groups.values():
        first = hits[0]
        text = message(first, block.text)
        if len(hits) > 1:
            tokens = "".join(f"“{t}”" for t in dict.fromkeys(h.token for h in hits))
            text = text.replace(f"“{first.token}”", f"{tokens}（共{len(hits)}处）", 1)
        yield Finding(first.rule, RULES[first.rule][0], text, block.line_at(first.start), block.location)


def check(ctx: Context) -> Iterator[Finding]:
    for block in ctx.text_blocks:
        yield from block_findings(block, ctx.markdown)
