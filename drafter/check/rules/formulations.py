"""Outdated or wrong formulations, from the formulation registry.

The bundled drafter/check/formulations.yaml plus any --rules files; each
entry applies to speeches given in its since/until years (the speech year
comes from the spec's date, the byline, or else this year). An outdated
formula told as history (drafter.eras.is_history: a past year, 回顾, 过去,
……以来 in its sentence, or a review section) is not reported. Plan years and
anniversaries are computed from the speech's year (drafter.eras.dated_claims).
"""

from __future__ import annotations

from typing import Iterator

from drafter import eras
from drafter.check.context import Block, Context
from drafter.check.findings import Finding

RULES = {
    "formulation.outdated": ("warning", "已过时的提法（规则文件中每条自定严重级别）"),
    "formulation.wrong": ("error", "错误或不规范的提法（规则文件中每条自定严重级别）"),
    "formulation.date": ("error", "与讲话日期不符的年份提法（“十五五”开局之年、建党N周年）"),
}


def _review_sections(ctx: Context) -> set[int]:
    """ids of the sections that look back (回顾, 成绩, 一年来), with everything under them."""
    out: set[int] = set()

    def walk(section, inherited: bool) -> None:
        review = inherited or eras.review_heading(section.heading)
        if review:
            out.add(id(section))
        for child in section.children:
            walk(child, review)

    for s in ctx.speech.sections:
        walk(s, False)
    return out


def _in_review(block: Block, sections: dict, review_ids: set[int]) -> bool:
    section = block.section or sections.get(block.location)
    return section is not None and id(section) in review_ids


def _quote(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def check(ctx: Context) -> Iterator[Finding]:
    active = [r for r in ctx.formulations if r.applies(ctx.year)]
    sections = {b.location: b.section for b in ctx.blocks if b.section is not None}
    review_ids = _review_sections(ctx)
    for block in ctx.text_blocks:
        review = _in_review(block, sections, review_ids) or eras.opens_review(block.text, ctx.year)
        for rule in active:
            for m in rule.pattern.finditer(block.text):
                if rule.kind == "outdated" and eras.is_history(block.text, m.start(), m.end(), ctx.year,
                                                              review=review):
                    continue
                text = f"{rule.message}：“{_quote(m.group(0))}”"
                if rule.suggestion:
                    text += f"；建议：{rule.suggestion}"
                yield Finding(rule.rule, rule.severity, text, block.line_at(m.start()), block.location)
        for claim in eras.dated_claims(block.text, ctx.year):
            text = f"{claim.message}：“{_quote(block.text[claim.start:claim.end])}”；建议：{claim.current}"
            yield Finding("formulation.date", "error", text, block.line_at(claim.start), block.location)
