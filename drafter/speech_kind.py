"""What kind of speech an old text is, from the words the genre uses to name it.

A title like 在全县经济工作会议上的讲话 says "a meeting speech" whatever its
headings say; 党课 says "a lecture"; an opening that reads 这次会议 / 刚才，某某
同志作了部署 is spoken at a meeting. `drafter import` weighs these cues above
shared vocabulary, because headings of a work meeting and of a Party lecture
share most of their words. Pure functions over text; no outline is loaded here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEETING = "会议讲话"
HOSTING = "主持与发言"
PARTY_LIFE = "党内政治生活"
LECTURE = "党课与文章"
REPORT = "汇报述职"


@dataclass(frozen=True)
class Cue:
    """One sign of the kind: the family it points to, the outlines it names (if any), how sure, why."""

    family: str
    outlines: frozenset[str]
    weight: float
    reason: str


def _ids(*names: str) -> frozenset[str]:
    return frozenset(names)


# Names of a kind in a title (or subtitle): strongest first; the first that matches decides the family.
_TITLE_KINDS: tuple[tuple[re.Pattern[str], str, frozenset[str], str], ...] = (
    (re.compile(r"党课"), LECTURE, _ids("party-lecture"), "党课"),
    (re.compile(r"表态发言"), HOSTING, _ids("pledge"), "表态发言"),
    (re.compile(r"主持词"), HOSTING, _ids("host-script", "org-life"), "主持词"),
    (re.compile(r"研讨发言|交流发言|学习体会|心得体会"), HOSTING, _ids("study-discussion"), "研讨发言"),
    (re.compile(r"对照检查|检视剖析"), PARTY_LIFE, _ids("democratic-life-check"), "对照检查"),
    (re.compile(r"民主生活会.{0,6}点评"), PARTY_LIFE, _ids("democratic-life-comment"), "民主生活会点评"),
    (re.compile(r"民主生活会.{0,6}主持"), PARTY_LIFE, _ids("democratic-life-host"), "民主生活会主持"),
    (re.compile(r"组织生活会"), PARTY_LIFE, _ids("org-life"), "组织生活会"),
    (re.compile(r"民主生活会"), PARTY_LIFE, _ids("democratic-life-comment", "democratic-life-host"), "民主生活会"),
    (re.compile(r"述职"), REPORT, frozenset(), "述职"),
    (re.compile(r"(?:会议?|大会|座谈会|培训班|开班式|结业式|仪式|典礼)(?:上|时|开幕时|闭幕时|结束时)的"
                r"(?:讲话|总结讲话|动员讲话|主持讲话|致辞|报告)"), MEETING, frozenset(), "在……会上的讲话"),
)

# Meeting names that point to one outline (in a title, or in the opening: 召开这次组织部长会议).
_MEETING_KINDS: tuple[tuple[re.Pattern[str], frozenset[str], str], ...] = (
    (re.compile(r"开班(?:式|仪式|典礼)?|正式开班"), _ids("training-class"), "开班"),
    (re.compile(r"结业(?:式|仪式|典礼)?|就要结束了|圆满结束"), _ids("training-class-closing"), "结业"),
    (re.compile(r"培训班"), _ids("training-class", "training-class-closing"), "培训班"),
    (re.compile(r"组织部长会议|组织工作会议"), _ids("annual-organisation"), "组织部长会议"),
    (re.compile(r"警示教育|全面从严治党工作会议|党风廉政建设"), _ids("discipline-meeting"), "警示教育/从严治党"),
    (re.compile(r"表彰"), _ids("commendation"), "表彰"),
    (re.compile(r"推进(?:大)?会|观摩会|调度会"), _ids("progress-meeting"), "推进会"),
    (re.compile(r"动员(?:部署)?(?:会|大会)"), _ids("mobilization", "theme-education"), "动员会"),
    (re.compile(r"总结(?:会|大会|表彰)"), _ids("summary-meeting"), "总结会"),
    (re.compile(r"座谈会|调研"), _ids("research-forum"), "座谈会"),
    (re.compile(r"软弱涣散|整顿"), _ids("rectification"), "整顿"),
    (re.compile(r"主题教育|学习教育|教育活动"), _ids("theme-education"), "主题教育"),
    (re.compile(r"工作会议?|工作会$"), _ids("work-meeting"), "工作会议"),
)

# An opening spoken at a meeting: 这次会议, 今天召开, 刚才，某某同志作了……
_AT_A_MEETING = re.compile(r"(?:这次|今天的|本次|此次)(?:会议|大会)|今天(?:我们)?(?:在这里)?(?:隆重)?召开|会议的主要任务"
                           r"|召开这次|刚才，?[^。！？]{1,40}?(?:作了|讲了|通报了|进行了|传达了|宣读了|发了言|发言)")
_MEETING_NAMED = re.compile(r"召开(?:这次|今天的|本次|此次)?([^，。；、！？]{2,24}?(?:会议|大会|会))")
_LECTURE_OPENING = re.compile(r"(?:讲|上)(?:一|这)?次?(?:专题)?党课|党课的(?:题目|主题)")


def title_cues(title: str) -> list[Cue]:
    """Cues from the title and subtitle: the kind they name, and the meeting they name."""
    text = re.sub(r"\s", "", title or "")
    cues: list[Cue] = []
    for pattern, family, ids, label in _TITLE_KINDS:
        if pattern.search(text):
            cues.append(Cue(family, ids, 3.0, f"title names the kind ({label})"))
            break
    if cues and cues[0].family == MEETING:
        cues += _meeting_cues(text, 2.0, "title")
    return cues


def _meeting_cues(name: str, weight: float, where: str) -> list[Cue]:
    for pattern, ids, label in _MEETING_KINDS:
        if pattern.search(name):
            return [Cue(MEETING, ids, weight, f"{where} names the meeting ({label})")]
    return []


def opening_cues(opening: str) -> list[Cue]:
    """Cues from the first paragraphs: spoken at a meeting (and which), or a lecture."""
    text = re.sub(r"\s", "", opening or "")[:600]
    if _LECTURE_OPENING.search(text):
        return [Cue(LECTURE, _ids("party-lecture"), 1.5, "opening announces a 党课")]
    if not _AT_A_MEETING.search(text):
        return []
    cues = [Cue(MEETING, frozenset(), 1.5, "opening is spoken at a meeting")]
    for m in _MEETING_NAMED.finditer(text):
        found = _meeting_cues(m.group(1), 1.5, "opening")
        if found:
            return cues + found
    return cues + _meeting_cues(text, 1.0, "opening")


def kind_cues(title: str, opening: str) -> list[Cue]:
    """Every cue of the kind: the title's, then the opening's."""
    return title_cues(title) + opening_cues(opening)


def cue_score(cues: list[Cue], outline_id: str, family: str) -> tuple[float, list[str]]:
    """What the cues add to an outline's fit: the family named gains, another family loses, and an
    outline named by its meeting gains most (each cue's weight counted once)."""
    value, reasons = 0.0, []
    families = {c.family for c in cues if c.weight >= 1.5}
    for cue in cues:
        if cue.family == family:
            value += cue.weight if not cue.outlines or outline_id in cue.outlines else cue.weight / 3
            if not cue.outlines or outline_id in cue.outlines:
                reasons.append(cue.reason)
    if families and family not in families:
        value -= 2.0
        reasons.append("its kind is not the one the text names")
    return value, reasons
