"""Heading/body split of a marked line: run-in bodies, colon headings, glued openers.

Broken sources glue a heading to its body ("……奠定基础去年，按照……"); `split_heading`
finds where the heading ends from genre openers and heading endings, never from a
seed's strings.
"""

from __future__ import annotations

import re

from drafter.corpus.parse.text import HAN, SENT_END, first_sentence, strip_end

# Sentence openers that can follow a heading glued to its body (004:
# "……奠定基础去年，按照……"). Temporal/adverbial openers need their comma; subject
# openers need a following verb-like word. General genre words, not seed strings.
_GLUED_OPENERS = [
    re.compile(
        r"(?<![的之在于至到从比较与和及])(?:去年|今年|明年|前年|当前|目前|眼下|近年来|近几年|近些年|近期|多年来|长期以来|一年来|这些年|"
        r"今年以来|同时|因此|为此|对此|但是|然而|其次|首先|实践证明|事实证明|实践表明|总的来看|总体来看|"
        r"总体上看|从总体上看|众所周知|客观地说|应当看到|必须看到)[，,]"
    ),
    re.compile(r"(?<![的之在于至到从比较与和及])(?:今年|去年|当前|目前|近年来|近期)"
               r"(?:是|以来|我[县市区省镇乡]|全[县市区省镇乡]|各级|各地)"),
    re.compile(r"(?:党的[^，。！？]{1,10}|[\d一二三四五六七八九十〇零]{1,4}年|自[^，。！？]{1,10})以来[，,]"),
    re.compile(
        r"(?<![的让使把被给对向为与和同])(?:我们|我县|我市|我区|我省|我镇|我乡|全县|全市|全区|全省|全镇|各级党组织|各级党委|各地各部门|各地|各单位)"
        r"(?:要|必须|一定要|始终|坚持|高度重视|认真|深入|积极|将|把|正在|已经|已|在|紧紧围绕|围绕|按照|通过|以)"
    ),
]

# A verb-led topic sentence that opens a body glued to its heading ("……落地见效做好乡村振兴
# 工作，关键在党"): "做好/抓好/推进……X，" then a judgement ("关键在", "必须", "要", "是"). Taken
# only when the heading before it ends the way headings end (`_HEADING_END`) or is a couplet.
_TOPIC_OPENER = re.compile(
    r"(?:做好|抓好|搞好|办好|管好|用好|抓实|做实|推进|推动|加强|深化|落实|实现|完成|打好|打赢|建设好)"
    r"[^，,。！？!?；;：:、“”]{1,16}[，,]\s*"
    r"(?:关键在|关键是|核心在|核心是|根本在|根本是|重在|贵在|首先要|首先是|必须|就必须|就要|要|需要|离不开|是)"
)
# Words a heading typically ends on (result or aim nouns of the genre).
_HEADING_END = re.compile(
    r"(?:见效|实效|实处|成效|基础|保障|支撑|水平|台阶|局面|篇章|突破|高度|贡献|重要性|必要性|紧迫感|责任感|使命感|"
    r"荣誉感|合力|氛围|活力|动力|质量|效能|堡垒|作用|根基|防线|优势|能力|本领|责任|任务|要求|目标|落实|领导|建设)$"
)

HEADING_MAX = 60  # a glued heading is cut at most this far in
GLUE_MIN = 24  # a first sentence longer than this may be a heading glued to its body
COLON_HEADING_MAX = 20  # "加强领导：……" — a heading ended by a colon is at most this long
SPACE_BODY_MIN = 40  # a body parted from its heading by a space only is at least this long


_BRACKETED = re.compile(r"^(?:【([^【】]+)】|〖([^〖〗]+)〗|\[([^\[\]]+)\])$")


_HAN_CHAR = re.compile(f"[{HAN}]")
_CLAUSE_SPLIT = re.compile(r"[，,、；;]")
_STOP_OR_COLON = re.compile(r"[。！？!?；;：:]")


def unbracket(heading: str) -> str:
    """A heading set off by brackets in a web copy ("【压实责任　守牢底线】") without them:
    the brackets stand for the bold of the original, they are not part of the words."""
    m = _BRACKETED.match(heading.strip())
    return next(g for g in m.groups() if g).strip() if m else heading


def split_heading(rest: str) -> tuple[str, int | None]:
    """Split the text after a marker into (heading, offset where the body starts, or None).

    "要在……上下功夫。要建立……" -> heading up to the first full stop (run-in body);
    "加强领导：各级党委要……" -> a short heading ended by a colon;
    "总结经验，……奠定基础去年，按照……" -> heading glued to its body, cut before the opener;
    "加强领导，确保……落地见效做好……工作，关键在党" -> cut before a verb-led topic sentence.
    """
    span = first_sentence(rest)
    if span is None:
        return "", None
    s0, e0 = span
    first = rest[s0:e0]
    if len(first) > GLUE_MIN:
        cut = _glued_cut(first)
        if cut is not None:
            return strip_end(rest[:cut]), cut
    gap = _space_cut(rest, first)
    if gap is not None:
        return strip_end(rest[:gap[0]]), gap[1]
    colon = re.search(r"[：:]", first)
    if (colon and 2 <= colon.start() <= COLON_HEADING_MAX and first[colon.end():].strip()
            and "“" not in first[:colon.start()]):
        body = colon.end()  # "（一）加强领导：各级党委要……" -> heading before the colon
        while body < len(rest) and rest[body].isspace():
            body += 1
        return strip_end(first[:colon.start()]), body
    if e0 >= len(rest.rstrip()):
        return strip_end(first), None
    body = e0
    while body < len(rest) and rest[body].isspace():
        body += 1
    return strip_end(first), body


def _space_cut(rest: str, first: str) -> tuple[int, int] | None:
    """(heading end, body start) when only a space parts a run-in heading from its body.

    Web copies of bold run-in headings keep a space where the bold ended ("提高政治站位　信访
    工作是……，是……。"). Taken only when a long body follows and the text after the space
    is a full clause-rich sentence, much longer than the heading: a heading of two clauses
    parted by a space ("强化政治引领　筑牢思想根基") stays whole.
    """
    m = re.search(r"[ \u3000\u00a0]+", first)
    if m is None or not first.rstrip().endswith(tuple(SENT_END)):
        return None
    i, j = m.start(), m.end()
    head, tail = first[:i], first[j:]
    if not (4 <= i <= HEADING_MAX) or _STOP_OR_COLON.search(head):
        return None
    if len(rest[j:].rstrip()) < SPACE_BODY_MIN or "，" not in tail or len(tail) <= max(16, len(head)):
        return None
    return i, j


def _glued_cut(text: str) -> int | None:
    """Offset of a sentence opener glued to the preceding heading, if there is one."""
    best: int | None = None
    for rx in _GLUED_OPENERS:
        for m in rx.finditer(text):
            i = m.start()
            if i < 4 or i > HEADING_MAX + 10:
                continue
            prev = text[i - 1]
            if not (_HAN_CHAR.match(prev) or prev in "”’》）)"):
                continue  # after punctuation: an ordinary clause, not a glued body
            head = text[:i]
            if any(len(c) > 30 for c in _CLAUSE_SPLIT.split(head)):
                continue
            if best is None or i < best:
                best = i
            break
    pos = 0
    while (m := _TOPIC_OPENER.search(text, pos)) is not None:  # overlapping: "推进……推动……，要"
        i, pos = m.start(), m.start() + 1
        if i < 4 or i > HEADING_MAX or (best is not None and i >= best):
            continue
        head = text[:i]
        if not _HAN_CHAR.match(head[-1]) or _STOP_OR_COLON.search(head):
            continue  # after punctuation: a clause of the same sentence
        if _HEADING_END.search(head) or _is_couplet(head):
            best = i
            break
    return best


def _is_couplet(head: str) -> bool:
    """Two or three heading-sized clauses of similar length ("加强组织领导，确保各项任务落地见效")."""
    clauses = re.split(r"[，,]", head)
    sizes = [len(c) for c in clauses]
    return 2 <= len(clauses) <= 3 and all(4 <= n <= 16 for n in sizes) and max(sizes) <= 2 * min(sizes)
