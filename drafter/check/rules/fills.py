"""Slot fills gone wrong: a word doubled at a join, 同志同志, a committee that does not fit the scope.

Drafts built by pasting a meeting name after the scope (全县 + 全县乡村振兴工作会议),
a topic before 工作 (基层党建工作 + 工作) or a name before 同志 double a word that
Chinese never repeats. Reduplication that Chinese does use (常常, 看看,
研究研究, 讨论讨论) is a different thing and is left alone: only a short list of
nouns that never reduplicate is watched. The committee rule reads the
speech's scope (the spec's `scope`, else a 全县/市直机关 in the title) and
flags a convening formula naming another level's committee
(全县 … 市委研究决定召开) and forms that do not exist (全县党委 for 县委).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from drafter.check.context import Context, excerpt
from drafter.check.findings import Finding
from drafter.facts import ScopeInfo, scope_info

RULES = {
    "fills.doubled": ("error", "词语在衔接处重复（全县全县、工作工作、会议会议）"),
    "fills.comrade": ("error", "“同志同志”重复"),
    "fills.committee": ("warning", "召开单位与范围不符（全县的会议写成“市委研究决定召开”或“全县党委”）"),
}

_UNITS = "省市州盟县区旗镇乡"
_COLLECTIVE = rf"全(?:街道|[{_UNITS}])"
# Nouns that Chinese never says twice in a row; reduplicated verbs and adverbs are not here.
_NEVER_TWICE = ("工作", "会议", "讲话", "精神", "党委", "党工委", "省委", "市委", "县委", "区委", "镇党委", "乡党委")
_DOUBLED = re.compile(rf"({_COLLECTIVE}|{'|'.join(sorted(_NEVER_TWICE, key=len, reverse=True))}"
                      rf"|[\u4e00-\u9fff]{{1,3}}(?:街道|[{_UNITS}]))\1")
_COMRADE = re.compile(r"同志同志")
_COMMITTEES = ("街道党工委", "镇党委", "乡党委", "省委", "市委", "州委", "盟委", "县委", "区委", "旗委")
_ORGAN_COMMITTEE = rf"[{_UNITS}]直机关工委"
_CONVENING = re.compile(rf"({_ORGAN_COMMITTEE}|{'|'.join(_COMMITTEES)})"
                        r"(?=研究决定召开|决定召开|召开这次|召开此次|召开今天)")
_NO_SUCH = re.compile(rf"({_COLLECTIVE})党委")
_TITLE_SCOPE = re.compile(rf"在({_COLLECTIVE}|[{_UNITS}]直机关)")
# A named county or city opening the title: 在青田县…上的讲话, 在丽水市…; not 城市, 超市 and the like.
_TITLE_PLACE = re.compile(r"^\s*(?:——)?在([\u4e00-\u9fff]{2,3}?[县市])(?=[\u4e00-\u9fff（）“”]*上的讲话)")
_NOT_PLACES = ("城市", "都市", "超市", "上市", "夜市", "集市", "股市", "门市")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    found: str
    expected: str = ""


def doubled_words(text: str, scope: str = "") -> list[Hit]:
    """Words doubled at a join: 全县全县, 工作工作, 丽水市丽水市, 青田县全县 (scope then its collective)."""
    hits = [Hit(m.start(), m.end(), m.group(0), m.group(1)) for m in _DOUBLED.finditer(text)]
    if scope and not scope.startswith("全"):
        info = scope_info(scope)
        for again in {scope, info.collective if info.kind == "place" else ""} - {""}:
            for m in re.finditer(re.escape(scope + again), text):
                hits.append(Hit(m.start(), m.end(), m.group(0), scope))
    return sorted(set(hits), key=lambda h: h.start)


def comrade_twice(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), m.group(0), "同志") for m in _COMRADE.finditer(text)]


def _accepted(info: ScopeInfo) -> set[str]:
    """Committees that may convene a meeting of this scope."""
    territorial = {"省": "省委", "市": "市委", "州": "州委", "盟": "盟委", "县": "县委", "区": "区委", "旗": "旗委",
                   "镇": "镇党委", "乡": "乡党委"}.get(info.unit, "")
    if info.kind in ("organ", "system"):
        return {info.committee, territorial} - {""}
    return {info.committee}


def committee_mismatches(text: str, scope: str) -> list[Hit]:
    """A committee that does not fit the scope: 全县党委 (no such body), or another level convening."""
    hits = []
    for m in _NO_SUCH.finditer(text):
        hits.append(Hit(m.start(), m.end(), m.group(0), scope_info(m.group(1)).committee))
    if not scope:
        return hits
    info = scope_info(scope)
    if info.kind == "other":
        return hits
    accepted = _accepted(info)
    if info.kind == "place":
        for m in re.finditer(re.escape(scope) + "党委", text):
            hits.append(Hit(m.start(), m.end(), m.group(0), info.committee))
    if info.kind == "organ":
        for m in re.finditer(re.escape(scope) + r"党委(?=研究决定召开|决定召开|召开这次|召开此次|的坚强领导)", text):
            hits.append(Hit(m.start(), m.end(), m.group(0), info.committee))
    for m in _CONVENING.finditer(text):
        if m.group(1) not in accepted:
            hits.append(Hit(m.start(1), m.end(1), m.group(1), info.committee))
    return sorted(set(hits), key=lambda h: h.start)


def speech_scope(ctx: Context) -> str:
    """The scope the speech is given for: the spec's fact, else a collective or organ in the title."""
    scope = str((ctx.speech.meta or {}).get("scope") or "").strip()
    if scope:
        return scope
    for text in (ctx.speech.title, ctx.speech.subtitle):
        m = _TITLE_SCOPE.search(text or "")
        if m:
            return m.group(1)
        m = _TITLE_PLACE.search(text or "")
        if m and not m.group(1).endswith(_NOT_PLACES):
            return m.group(1)
    return ""


def check(ctx: Context) -> Iterator[Finding]:
    scope = speech_scope(ctx)
    for block in ctx.text_blocks:
        text = block.text
        for hit in doubled_words(text, scope):
            yield Finding("fills.doubled", "error",
                          f"“{hit.found}”重复，应为“{hit.expected}”：“{excerpt(text, hit.start, hit.end)}”",
                          block.line_at(hit.start), block.location)
        for hit in comrade_twice(text):
            yield Finding("fills.comrade", "error", f"“同志同志”重复：“{excerpt(text, hit.start, hit.end)}”",
                          block.line_at(hit.start), block.location)
        for hit in committee_mismatches(text, scope):
            where = f"（范围是“{scope}”）" if scope else ""
            yield Finding("fills.committee", "warning",
                          f"“{hit.found}”与范围不符{where}，应为“{hit.expected}”：“{excerpt(text, hit.start, hit.end)}”",
                          block.line_at(hit.start), block.location)
