"""`drafter new OUTLINE`: write a spec to fill in, the outline's guidance as YAML comments.

The spec builds as is (facts take the outline's examples, paragraphs say what
to write), so a writer can build early and replace the placeholders.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
from typing import Any

from drafter.commands import emit

PLACEHOLDER = "【待写】"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outline", metavar="OUTLINE", help="outline id (see `drafter outlines`)")
    parser.add_argument("-o", "--output", metavar="SPEC", help="write the spec to SPEC (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite SPEC if it exists")


def run(args: argparse.Namespace) -> int:
    from drafter.outlines import get_outline

    if emit(new_spec_text(get_outline(args.outline)), args.output, force=args.force):
        print(f"wrote {args.output}; fill it in, then: drafter build {args.output}")
    return 0


def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same value (JSON is YAML)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines() if line.strip()]


def new_spec_text(outline) -> str:
    """The commented YAML of a fresh spec for `outline`."""
    out: list[str] = []
    out += _comment(f"{outline.name}（{outline.id}）：{outline.description}", "")
    if outline.guidance:
        out += _comment(f"写作要点：{outline.guidance}", "")
    out += [
        "# 填写方法：标题不要输入序号（一、（一）等由程序生成）；正文中可用 {{ scope }} 这样的槽位引用下面的 facts；",
        "# 也可引用表述库条目：- phrase: curated-0001 。把“" + PLACEHOLDER + "”段落换成正文。",
        "# 生成文档：drafter build 本文件 -o 讲话.docx",
        f"outline: {outline.id}",
        "facts:",
    ]
    for f in outline.fields:
        need = "必填" if f.required else "选填"
        note = f"{f.label}（{need}，{_type_cn(f.type)}）" + (f"：{f.help}" if f.help else "")
        out += _comment(note, "  ")
        line = f"{f.name}: {_scalar(f.example if f.example is not None else '')}"
        out.append(f"  {line}" if f.required else f"  # {line}")
    out += _comment("开场白：留空则使用大纲的开场套话（会议目的、肯定前面的发言）；也可逐段填写。", "")
    out.append("opening: []")
    out.append("sections:")
    for i, s in enumerate(outline.sections, 1):
        low, high = s.length
        out += _comment(f"第{i}部分 · {s.archetype}（{s.role}）{'' if s.required else '（可删去）'}", "  ")
        out += _comment(f"要求：{s.guidance}", "  ")
        out += _comment(f"篇幅：约 {low}–{high} 字", "  ")
        if s.heading_patterns:
            out += _comment("参考标题：" + "；".join(s.heading_patterns), "  ")
        if s.phrases:
            out += _comment("可用表述：" + "、".join(s.phrases)
                            + f"（drafter phrases search --function {s.phrases[0]}）", "  ")
        if s.sub_guidance:
            out += _comment(s.sub_guidance, "  ")
        heading = s.heading_patterns[0] if s.heading_patterns else s.archetype
        out.append(f"  - heading: {_scalar(heading)}")
        out.append(f"    role: {s.role}")
        out.append("    paragraphs:")
        out.append(f"      - {_scalar(PLACEHOLDER + s.guidance)}")
        if s.example_children:
            out.append("    children:")
            for child in s.example_children:
                out.append(f"      - heading: {_scalar(child)}")
                out.append("        paragraphs:")
                out.append(f"          - {_scalar(PLACEHOLDER + '围绕“' + child + '”写明措施、标准和要求。')}")
    out += _comment("结束语：留空则使用大纲的结尾套话（同志们，……！）。", "")
    out.append("closing: []")
    out += _comment("版式：preset standard（公文字体）| windows（仿宋、楷体、黑体、宋体）| podium（读稿大字）；"
                    "page_numbers outer（单页右、双页左）| center。", "")
    out += ["style:", "  preset: standard", "  page_numbers: outer", "  bold_level3: false"]
    out += _comment("篇幅目标：讲话时长（分钟）和语速（字/分钟），供 drafter check 估算。", "")
    chars = sum((s.length[0] + s.length[1]) // 2 for s in outline.sections) + 400  # opening and closing
    out += ["targets:", f"  minutes: {max(1, round(chars / 220))}", "  chars_per_minute: 220"]
    return "\n".join(out) + "\n"


def _type_cn(t: str) -> str:
    return {"text": "文字", "date": "日期，格式 2026-11-23", "list": "列表，如 [甲, 乙]", "int": "整数"}.get(t, t)
