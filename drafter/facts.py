"""The facts writers type, understood: scope, meeting, topic, names.

A writer types `scope: 全县` or `丽水市` or `市直机关`, a meeting name that may
already start with the scope (`全县乡村振兴工作会议`), a topic that may end in
工作, earlier speakers with or without 同志. Templates, spec text and phrase
entries join these values to fixed wording (`{{ scope }}{{ meeting }}`,
`{{ topic }}工作`, `在{{ committee }}的坚强领导下`). This module works out what
those joins need (the level, the collective reference used in running text,
the convening committee) and repairs what a join would double, so every
template, including ones added later, reads right without guarding each slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from drafter.lazyre import lazy

# Level unit -> (level, collective, committee) for a collective scope (全县) or a place (青田县).
_UNITS: dict[str, tuple[str, str, str]] = {
    "省": ("省", "全省", "省委"),
    "市": ("市", "全市", "市委"),
    "州": ("州", "全州", "州委"),
    "盟": ("盟", "全盟", "盟委"),
    "县": ("县", "全县", "县委"),
    "区": ("区", "全区", "区委"),
    "旗": ("旗", "全旗", "旗委"),
    "镇": ("镇", "全镇", "镇党委"),
    "乡": ("乡", "全乡", "乡党委"),
    "街道": ("街道", "全街道", "街道党工委"),
}
# Endings of place names (青田县, 某某街道), longest first.
_PLACE_SUFFIXES = ("街道", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "省")
_ORGAN_RE = lazy(r"^(?:全)?([省市州县区旗])(?:直|级)?(?:各)?机关$")
_SYSTEM_RE = lazy(r"^(?:全)?([省市州县区旗镇乡])([\u4e00-\u9fff]{1,10}?)系统$")
_PARK_RE = lazy(r"^[\u4e00-\u9fff]{0,8}(?:开发区|高新区|园区)$")
_AUTONOMOUS = lazy(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,3}族)+自治$")  # 景宁畲族自治县 -> 景宁
_CJK = lazy(r"^[\u4e00-\u9fff]+$")

# Titles that already end a name: 李明书记, 王部长, 张主任 keep what was typed.
_TITLES = ("同志", "书记", "部长", "主任", "县长", "市长", "区长", "镇长", "乡长", "省长", "局长", "处长", "科长",
           "主席", "委员", "常委", "秘书长", "组长", "校长", "院长", "所长", "站长", "队长", "代表", "教授",
           "老师", "先生", "女士", "负责人", "党委", "党组", "支部", "部", "办", "局", "委", "镇", "乡", "村",
           "社区", "街道")


@dataclass(frozen=True)
class ScopeInfo:
    """What a typed scope means.

    kind: "collective" (全县), "place" (丽水市), "organ" (市直机关), "system"
    (全市组织系统), "park" (高新区) or "other" (not recognised: used as typed).
    level: 省/市/县/区/镇/乡/街道/旗/州/盟/机关/系统/园区, or "" when unknown.
    collective: how running text refers to all of it (丽水市 -> 全市).
    committee: the Party committee that convenes its meetings (全镇 -> 镇党委).
    name: the short proper name of a place (丽水市 -> 丽水), else "".
    """

    scope: str
    kind: str
    level: str
    collective: str
    committee: str
    name: str = ""
    unit: str = ""  # the territorial unit (市 for 市直机关 and 全市组织系统)


def _unit_of_place(text: str) -> str | None:
    for suffix in _PLACE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return suffix
    return None


def scope_info(scope: str) -> ScopeInfo:
    """Understand a typed scope: 全县, 青田县, 某某街道, 市直机关, 全市组织系统 …"""
    text = str(scope or "").strip()
    if text.startswith("全") and text[1:] in _UNITS:
        level, collective, committee = _UNITS[text[1:]]
        return ScopeInfo(text, "collective", level, collective, committee, "", text[1:])
    if text in _UNITS:  # a bare 县 / 市 typed as the scope
        level, collective, committee = _UNITS[text]
        return ScopeInfo(text, "collective", level, collective, committee, "", text)
    m = _ORGAN_RE.match(text)
    if m:
        unit = m.group(1)
        return ScopeInfo(text, "organ", "机关", f"{unit}直机关" if text.startswith("全") else text,
                         f"{unit}直机关工委", "", unit)
    m = _SYSTEM_RE.match(text)
    if m:
        unit = m.group(1)
        collective = text if text.startswith("全") else "全" + text
        return ScopeInfo(text, "system", "系统", collective, _UNITS[unit][2], "", unit)
    if _PARK_RE.match(text):
        return ScopeInfo(text, "park", "园区", "全区", f"{text}党工委", text, "区")
    unit = _unit_of_place(text) if _CJK.match(text) else None
    if unit is not None and not text.startswith("全"):
        level, collective, committee = _UNITS[unit]
        return ScopeInfo(text, "place", level, collective, committee, _AUTONOMOUS.sub(r"\1", text[: -len(unit)]), unit)
    return ScopeInfo(text, "other", "", text, f"{text}党委" if text else "")


def split_meeting(meeting: str, info: ScopeInfo) -> tuple[str, str]:
    """(the leading scope the writer typed, the rest): 全县乡村振兴工作会议 -> (全县, 乡村振兴工作会议).

    A scope typed twice (全县全县…) counts once; ("", name) when the name has no leading scope.
    """
    text = str(meeting or "").strip()
    prefixes = {info.scope, info.collective}
    if info.unit:
        prefixes.add("全" + info.unit)
    ordered = sorted((p for p in prefixes if p), key=len, reverse=True)
    head, stripped = "", True
    while stripped:  # 全县全县… typed twice loses both
        stripped = False
        for prefix in ordered:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, head, stripped = text[len(prefix):], prefix, True
                break
    return head, text


def meeting_core(meeting: str, info: ScopeInfo) -> str:
    """The meeting name without a leading scope, so that scope + meeting never doubles.

    全县乡村振兴工作会议 (scope 全县) -> 乡村振兴工作会议; 青田县… or 全县… (scope 青田县) -> …
    """
    return split_meeting(meeting, info)[1]


def topic_core(topic: str) -> str:
    """The topic without a trailing 工作 (基层党建工作 -> 基层党建); 工作 alone stays."""
    text = str(topic or "").strip()
    return text[:-2] if text.endswith("工作") and len(text) > 2 else text


def with_comrade(name: Any) -> str:
    """李明 -> 李明同志; 李明同志, 李明书记, 王部长, 县委组织部 stay as typed."""
    text = str(name).strip()
    if not text or text.endswith(_TITLES) or not _CJK.match(text[-1]):
        return text
    return text + "同志"


def heads_committee(role: Any, committee: str) -> bool:
    """Whether a speaker with `role` (职务, e.g. 县委书记) heads the convening committee."""
    text = str(role or "")
    if not committee or not text:
        return False
    return bool(re.search(re.escape(committee) + r"(?!副)书记", text)) and f"{committee}副书记" not in text


def default_goal(info: ScopeInfo) -> str:
    """Where a closing lands when the writer gives no goal, in the idiom of the level."""
    if info.kind == "place" and len(info.name) >= 2:
        return f"奋力谱写中国式现代化{info.name}新篇章"
    if info.kind == "organ":
        return "建设让党中央放心、让人民群众满意的模范机关"
    return "奋力谱写中国式现代化建设新篇章"


# --------------------------------------------------------------------------- joins

OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks around a filled value while its joins are mended
_MARKS = re.compile(f"[{OPEN}{CLOSE}]")
_JOIN_MAX = 8  # longest repeat (characters) mended at a join


def mark(value: Any) -> str:
    """A filled value, marked so `mend` can find where it joins the text around it."""
    return f"{OPEN}{value}{CLOSE}"


_PLACE_UNITS = ("街道", *"省市州盟县区旗镇乡")


def _place_unit(left: str) -> str | None:
    """The unit a place name ends `left` with (丽水市 -> 市, 古城街道 -> 街道), after a CJK character.
    (A plain string test: a regex over the CJK range costs a cold build a millisecond to compile.)"""
    for unit in _PLACE_UNITS:
        if left.endswith(unit) and len(left) > len(unit) and "\u4e00" <= left[-len(unit) - 1] <= "\u9fff":
            return unit
    return None


def _overlap(left: str, right: str) -> int:
    """Length of the longest CJK run (2+ characters) that ends `left` and starts `right`;
    or of a collective that repeats the place before it (丽水市 + 全市组织部长会议: 全市)."""
    unit = _place_unit(left)
    if unit and right.startswith("全" + unit) and len(right) > 1 + len(unit):
        return 1 + len(unit)
    for k in range(min(_JOIN_MAX, len(left), len(right)), 1, -1):
        piece = right[:k]
        if left.endswith(piece) and _CJK.match(piece):
            return k
    return 0


def mend(text: str) -> str:
    """Drop what a filled value repeats at its joins, then remove the marks.

    基层党建工作 + 工作 -> 基层党建工作; 全县 + 全县乡村振兴工作会议 -> 全县乡村振兴工作会议;
    李明同志 + 同志 -> 李明同志. Only joins that touch a filled value are mended, never
    the writer's or the template's own text, so reduplication (研究研究) is left alone.
    """
    if OPEN not in text:
        return text
    parts: list[str] = []
    tail = ""  # the last characters written, enough to see a repeat
    pending_join = False  # the next piece starts at a join with a filled value
    for piece in re.split(f"({OPEN}|{CLOSE})", text):
        if piece in (OPEN, CLOSE):
            pending_join = True
            continue
        if pending_join and piece:
            piece = piece[_overlap(tail, piece):]
        if piece:
            parts.append(piece)
            tail = (tail + piece)[-_JOIN_MAX:]
            pending_join = False
    return "".join(parts)


SLOT_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def fill_plain(text: str, values: Mapping[str, Any], slot_re: re.Pattern[str] = SLOT_RE) -> str:
    """Plain slot replacement (phrase entries, previews) with joins mended; unknown slots stay.

    Give it the render context (`drafter.templating.derive_facts(facts)`), not the raw facts.
    """

    def value(m: re.Match) -> str:
        v = values.get(m.group(1))
        if v in (None, "", []):
            return m.group(0)
        if isinstance(v, (list, tuple)):
            v = "、".join(str(x) for x in v)
        return mark(v)

    return mend(slot_re.sub(value, text))


def marked_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values for a plain slot filler, each non-empty text marked for `mend`."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, (list, tuple)) and v:
            v = "、".join(str(x) for x in v)
        out[k] = mark(v) if isinstance(v, str) and v else v
    return out


# --------------------------------------------------------------------------- placeholders

# Stand-ins `drafter check` reports as placeholder.leftover / placeholder.slot (drafter/check/rules/placeholders.py),
# kept here as one pattern: this module is imported by the UI's threads, which must not import the checker.
_STAND_IN = lazy(
    r"此处(?:填写|插入|补充|添加)|请(?:填写|补充|插入)|待(?:填写|补充|完善|核实)|TODO|TBD|FIXME|【[^【】\n]{0,40}】|[□■]"
    r"|[*＊]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[*＊]+"
    r"|(?<![A-Za-z])[xX×ｘＸ]{1,4}(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[xX×ｘＸ]{1,4}(?![A-Za-z])"
    r"|(?<![A-Za-z])[xX×ｘＸ]{3,4}(?![A-Za-z])|\{\{|\}\}")


def is_placeholder(value: Any) -> bool:
    """Whether a fact is a stand-in, not an answer: 此处填写 (what `drafter import` writes for a
    required fact the old speech lacks), XXX, 【…】, **区, 待补充, or a raw {{ slot }}."""
    return isinstance(value, str) and bool(_STAND_IN.search(value))


def known_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """`facts` without the stand-ins: suggestions fill only real answers and leave the other slots
    open (shown as 〔label〕), so no 此处填写 ever reaches a suggested line or a derived slot."""
    out: dict[str, Any] = {}
    for k, v in facts.items():
        if isinstance(v, (list, tuple)):
            v = [x for x in v if not is_placeholder(x)]
            if not v:
                continue
        elif is_placeholder(v):
            continue
        out[k] = v
    return out


# --------------------------------------------------------------------------- the render context

def _given(v: Any) -> bool:
    return v not in (None, "", [], ())


def derive(facts: Mapping[str, Any]) -> dict[str, Any]:
    """`facts` as the render context: derived slots added, joins that would double normalised.

    The writer's own values are kept except where a join would repeat them:
    `meeting` is the name as typed (a scope typed twice counts once),
    `meeting_core` the name without its leading scope (for `{{ scope }}{{ meeting_core }}`),
    `meeting_full` the name with the scope (typed, or the scope put in front), and
    each earlier speaker gets 同志 once. Derived slots never override a typed fact
    (`organizer` gives `committee`).
    """
    out = {k: _MARKS.sub("", v) if isinstance(v, str) and type(v) is str else v for k, v in facts.items()}
    scope = out.get("scope")
    info = scope_info(str(scope)) if _given(scope) else None
    if not _given(out.get("committee")):
        if _given(out.get("organizer")):
            out["committee"] = out["organizer"]
        elif info is not None and info.committee:
            out["committee"] = info.committee
    if info is not None:
        if not _given(out.get("level")) and info.level:
            out["level"] = info.level
        if not _given(out.get("collective")):
            out["collective"] = info.collective
    if not _given(out.get("default_goal")):
        out["default_goal"] = default_goal(info) if info is not None else "奋力谱写中国式现代化建设新篇章"
    meeting = out.get("meeting")
    if _given(meeting) and isinstance(meeting, str):
        head, core = split_meeting(meeting, info) if info is not None else ("", meeting.strip())
        out["meeting"] = head + core  # as typed (a doubled scope counts once): 今天召开{{ meeting }} keeps 全县
        if not _given(out.get("meeting_core")):
            out["meeting_core"] = core  # for {{ scope }}{{ meeting_core }}
        if not _given(out.get("meeting_full")):
            out["meeting_full"] = head + core if head or info is None else f"{info.scope}{core}"
    topic = out.get("topic")
    if _given(topic) and isinstance(topic, str) and not _given(out.get("topic_core")):
        out["topic_core"] = topic_core(topic)
    speakers = out.get("earlier_speakers")
    if _given(speakers):
        names: Iterable[Any] = [speakers] if isinstance(speakers, str) else speakers
        out["earlier_speakers"] = [with_comrade(n) for n in names if str(n).strip()]
    if "leads_committee" not in out or out.get("leads_committee") is None:
        role = " ".join(str(out.get(k) or "") for k in ("speaker_role", "position", "speaker"))
        out["leads_committee"] = heads_committee(role, str(out.get("committee") or ""))
    return out
