"""The transition ("下面，我讲四点意见"): recognising it and reading the announced count.

Used both when cutting segments (a transition may carry the first point) and when
splitting the transition off the end of the opening.
"""

from __future__ import annotations

import re

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.markers import CN
from drafter.corpus.parse.text import lstrip_tl, sentences
from drafter.numerals import from_chinese, parse_number

# Transition: a speaker cue plus (optionally) the number of points.
_TRANSITION_CUE = re.compile(
    r"(?:下面|以下|接下来|这里|在此|借此机会|今天|最后)[，,]?\s*(?:我(?!们)|就|结合|围绕|根据|着重|重点|主要|简要|再)"
    r"|我(?!们)(?:想|就|再|主要|着重|重点|简要|简单|先)?(?:讲|谈|提|强调|说|补充)(?:[{cn}两几]|一些|几|以下|下面|这么)"
    r"|主要(?:讲|谈)|(?:讲|谈|提|强调)(?:[{cn}两几]|一些|几)(?:点|个方面|方面|个问题)"
    r"|讲话(?:内容)?(?:共|主要|一共)?分(?:为|成)?[{cn}两几]"  # "我的讲话分为四个部分"
    r"|(?:和|同|与|向)大家(?:交流|分享|谈谈|汇报)".format(cn=CN)  # 党课: "和大家交流三个方面的认识"
)
_OTHER_SPEAKER = re.compile(r"刚才|(?:同志|书记|部长|主任|市长|县长|区长|镇长)[^。！？]{0,20}?(?:讲了|作了|提了|谈了|提出了)")
_COUNT = re.compile(
    r"(?:讲|谈|提|强调|说|讲讲|谈谈|交流|分享|汇报|补充|从|分|围绕|就|以下|抓好)[^。！？；]{0,40}?"
    r"(?P<n>[%s两几]+|\d+)\s*(?:点|个方面|方面|个问题|个部分|部分|层意思|句话|项|条)" % CN
)

# a count given as a quoted slogan ("希望大家做到“三个带头”" "概括为“两个坚持”"): it says how many
# points a vague announcement ("提几点希望") or a bare cue leads to; only as what the points are
# or come to ("做到/就是/即/概括为"), not a goal mentioned on the way ("要实现“两个转变”")
_QUOTED_COUNT = re.compile(r"(?:做到|就是|即|为|是|叫做)\s*(?:“(?P<n>[%s两])个[\u4e00-\u9fff]{1,6}”|(?P<m>[%s两])个“[\u4e00-\u9fff]{1,6}”)" % (CN, CN))


def _quoted_count(text: str) -> int | None:
    q = _QUOTED_COUNT.search(text)
    return from_chinese(q.group("n") or q.group("m")) if q else None


def announced_count(text: str) -> tuple[bool, int | None]:
    """(is a transition, announced number of points) for a sentence or paragraph.

    "下面，我讲四点意见" -> (True, 4); "主要讲六个方面的内容" -> (True, 6);
    "这里，我讲几点意见" -> (True, None); ordinary text -> (False, None).
    """
    if _OTHER_SPEAKER.search(text):
        # "刚才，张书记讲了三点意见，我都同意" reports someone else's points; but the speaker's own
        # may follow in a later clause ("刚才，……作了报告，我完全同意，下面我再讲三点意见")
        for m in re.finditer(r"[，,；;]", text):
            tail = text[m.end():]
            if not _OTHER_SPEAKER.search(tail) and re.match(r"\s*(?:下面|接下来|这里|在此|借此机会|结合|我)", tail):
                return announced_count(tail)
        return False, None
    cue = _TRANSITION_CUE.search(text)
    count = _COUNT.search(text)
    if count and cue:
        n = count.group("n")
        number = parse_number(n)
        return True, number if number is not None else _quoted_count(text[count.end():])
    if cue and re.search(r"(意见|看法|想法|体会|认识|要求|方面|问题|内容|几点)", text[cue.start():]):
        return True, _quoted_count(text[cue.start():])
    return False, None


def split_transition(opening: list[TextLine]) -> tuple[list[TextLine], TextLine | None]:
    """(opening without it, transition): the last opening sentence(s) announcing the points."""
    transition: TextLine | None = None
    for k in range(len(opening) - 1, max(-1, len(opening) - 3), -1):
        tl = opening[k]
        spans = sentences(tl.text)
        hit = None
        for s, e in spans:
            if announced_count(tl.text[s:e])[0]:
                hit = s
                break
        if hit is None:
            continue
        transition = lstrip_tl(tl.slice(hit)) if hit > 0 else tl
        before = [tl.slice(0, hit)] if hit > 0 and tl.text[:hit].strip() else []
        opening = opening[:k] + before + opening[k + 1:]  # text after it (rare) stays in the opening
        break
    return opening, transition
