"""Outdated or wrong formulations, from curator-editable rule files.

The bundled drafter/check/formulations.yaml plus any --rules files; each
entry applies to speeches given in its since/until years (the speech year
comes from the spec's date, the byline, or else this year).
"""

from __future__ import annotations

from typing import Iterator

from drafter.check.context import Context
from drafter.check.findings import Finding

RULES = {
    "formulation.outdated": ("warning", "已过时的提法（规则文件中每条自定严重级别）"),
    "formulation.wrong": ("error", "错误或不规范的提法（规则文件中每条自定严重级别）"),
}


def check(ctx: Context) -> Iterator[Finding]:
    active = [r for r in ctx.formulations if r.applies(ctx.year)]
    for block in ctx.text_blocks:
        for rule in active:
            for m in rule.pattern.finditer(block.text):
                quoted = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:40] + "…"
                text = f"{rule.message}：“{quoted}”"
                if rule.suggestion:
                    text += f"；建议：{rule.suggestion}"
                yield Finding(rule.rule, rule.severity, text, block.line_at(m.start()), block.location)
