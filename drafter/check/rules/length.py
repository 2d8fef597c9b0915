"""Length: character count and speaking time against the target.

Speaking time is estimated at a steady reading rate (220 characters a minute
unless the spec's `targets` or the command line say otherwise). Only what is
read aloud counts: salutation, opening, headings, body and closing, not the
title block.
"""

from __future__ import annotations

from typing import Iterator

from drafter.check.context import Context, piece_prefix
from drafter.check.findings import Finding

RULES = {
    "length.summary": ("info", "全文字数和按语速估算的讲话时长"),
    "length.target": ("warning", "估算讲话时长明显偏离目标时长"),
}

OVER = 1.10  # more than 10% over the target
UNDER = 0.80  # less than 80% of the target
_SPOKEN = ("salutation", "opening", "transition", "heading", "paragraph", "closing")


def spoken_chars(ctx: Context) -> int:
    return spoken_length(ctx.blocks)[0]


def spoken_length(blocks) -> tuple[int, list[int]]:
    """Characters read aloud (whitespace aside): in all, and per top-level section in order.

    The one count behind this rule, the UI's preview and its walker, so their figures agree.
    """
    roots: dict[int, int] = {}  # id(section) -> id(its top-level section); blocks come in reading order
    top: dict[int, int] = {}
    total = 0
    for b in blocks:
        if b.section is not None and id(b.section) not in roots:
            _mark(b.section, id(b.section), roots)
        if b.kind not in _SPOKEN:
            continue
        n = len("".join(b.text.split()))
        total += n
        if b.section is not None:
            root = roots[id(b.section)]
            top[root] = top.get(root, 0) + n
    return total, list(top.values())


def _mark(section, root: int, roots: dict[int, int]) -> None:
    roots.setdefault(id(section), root)
    for c in getattr(section, "children", ()) or ():
        _mark(c, root, roots)


def check(ctx: Context) -> Iterator[Finding]:
    chars = spoken_chars(ctx)
    if not chars:
        return
    rate = ctx.targets.rate
    minutes = chars / rate
    where = f"{piece_prefix(ctx.speech)}全文"
    yield Finding("length.summary", "info", f"全文约{chars}字，按每分钟{rate}字计，约需{minutes:.1f}分钟", None, where)
    target = ctx.targets.minutes
    if not target:
        return
    if minutes > target * OVER:
        extra = round(chars - target * rate)
        yield Finding("length.target", "warning",
                      f"篇幅超出目标：约需{minutes:.1f}分钟，目标{target:g}分钟，约需压缩{extra}字", None, where)
    elif minutes < target * UNDER:
        short = round(target * rate - chars)
        yield Finding("length.target", "warning",
                      f"篇幅明显短于目标：约需{minutes:.1f}分钟，目标{target:g}分钟，约差{short}字", None, where)
