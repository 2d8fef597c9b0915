"""Parsing cleaned speech text into the shared outline tree (`drafter.model.Speech`).

The parser reads the genre's skeleton, not any one speech's strings:

    title / ——subtitle / byline -> 同志们： -> opening -> transition ("下面，我讲四点意见")
    -> sections (一、 / 第一， / unnumbered short lines) -> sub-points -> closing ("同志们，只要我们……")

Steps, each a small function:

1. `_segments`: cut lines into segments. Headings normally start a line, but broken
   sources glue a whole speech into one line (004) and a transition may carry the
   first point ("下面，我讲四点意见：第一，……"), so a few strong markers also start a
   segment mid-line, after a full stop, when they continue the numbering.
   Inline enumerations ("工作：一是……；二是……") never start a segment.
2. `_read_head`: title, subtitle, byline and salutation before the body.
3. `_root_style`: which marker style is level 1 here (第一部分 > 一、 > 第一， > （一） >
   unnumbered short lines > the rest); lower styles met before the first level-1 heading
   stay opening text, and so does a list of the root style that the transition follows
   before the points restart at 1 ("主要有三个特点：一是……" … "我讲三点意见：一是……").
4. `_build`: a style stack assigns levels by context (the same marker can be level 2
   in one speech and level 3 in another).
5. Lead-in items ("扩面提质“挖潜”。进一步……") become unnumbered children when two or
   more consecutive source paragraphs open with parallel labels (not statements like
   "X是Y。", never the run-in body of a heading's line); the closing is split off the end;
   numbering gaps/repeats and announced-count mismatches are reported, never fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from drafter.corpus.lines import TextLine
from drafter.model import Anomaly, Paragraph, Section, Source, Speech
from drafter.numerals import from_chinese, to_chinese

if TYPE_CHECKING:  # pipeline imports load/clean; keep `import drafter.corpus.parse` light
    from drafter.corpus.pipeline import Piece

__all__ = ["parse_piece", "parse_lines", "parse_file", "announced_count", "split_heading"]

# ---------------------------------------------------------------------------
# Lexicon of the genre

_CN = "一二三四五六七八九十"
_CNUM = f"[{_CN}]{{1,3}}"
_SENT_END = "。！？!?"
_CLOSERS = "”’》）)」』"

# Marker styles at the start of a segment. Family keys double as numbering styles
# of drafter.numerals (except "①" and "第一部分", which numerals does not write).
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # "第一部分　总结回顾": a part of a long report-style speech, above 一、 (its own line, so
    # a separator, a space or the line end follows; "第一部分是……" is a sentence)
    ("第一部分", re.compile(rf"^第({_CNUM})部分(?:[，,、：:．.]\s*|[\s\u3000]+|$)")),
    ("第一，", re.compile(rf"^第({_CNUM})(?:个方面|个问题|部分|方面|点|条|句话|层意思|个关键词)?[，,、：:]\s*")),
    ("一、", re.compile(rf"^({_CNUM})(?:、|[.．](?!\d))\s*")),
    ("（一）", re.compile(rf"^[（(]\s*({_CNUM})\s*[）)]\s*")),
    ("（1）", re.compile(r"^[（(]?\s*(\d{1,2})\s*[）)]\s*")),
    ("1、", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))\s*")),
    ("①", re.compile(r"^([\u2460-\u2473])\s*")),
    ("一是", re.compile(rf"^({_CNUM})(?:是|要)(?![的素否求])[，,：:]?\s*")),
]
# Conventional rank of level-1 candidates (lower = higher in the hierarchy).
_ROOT_RANK = {"第一部分": -1, "一、": 0, "第一，": 1, "（一）": 2}
# Styles with a fixed conventional order; 第一， and 一是 float (levels by context).
_ORDER = {"第一部分": -1, "一、": 0, "（一）": 1, "1、": 2, "（1）": 3, "①": 4}

# bullets and stray "?" left by web pages; Markdown heading hashes ("## 一、……")
_BULLET = re.compile(r"^(?:[•●◆◇■□▪▶►·※]|[?？](?=\s)|#{1,6}(?=\s))\s*")

_SALUTATION = re.compile(
    r"(?:(?:尊敬的|各位)[^。！？：:，]{0,16}[，、])*"
    r"(?:同志们|同事们|朋友们|同学们|老师们|女士们|先生们|各位[\u4e00-\u9fff]{1,6})"
    r"(?:[，、](?:同志们|同事们|朋友们|同学们|老师们|女士们|先生们|各位[\u4e00-\u9fff]{1,6}))*[：:]"
)

# Transition: a speaker cue plus (optionally) the number of points.
_TRANSITION_CUE = re.compile(
    r"(?:下面|以下|接下来|这里|在此|借此机会|今天|最后)[，,]?\s*(?:我(?!们)|就|结合|围绕|根据|着重|重点|主要|简要|再)"
    r"|我(?!们)(?:想|就|再|主要|着重|重点|简要|简单|先)?(?:讲|谈|提|强调|说|补充)(?:[{cn}两几]|一些|几|以下|下面|这么)"
    r"|主要(?:讲|谈)|(?:讲|谈|提|强调)(?:[{cn}两几]|一些|几)(?:点|个方面|方面|个问题)"
    r"|(?:和|同|与|向)大家(?:交流|分享|谈谈|汇报)".format(cn=_CN)  # 党课: "和大家交流三个方面的认识"
)
_OTHER_SPEAKER = re.compile(r"刚才|(?:同志|书记|部长|主任|市长|县长|区长|镇长)[^。！？]{0,20}?(?:讲了|作了|提了|谈了|提出了)")
_COUNT = re.compile(
    r"(?:讲|谈|提|强调|说|讲讲|谈谈|交流|分享|汇报|补充|从|分|围绕|就|以下|抓好)[^。！？；]{0,40}?"
    r"(?P<n>[%s两几]+|\d+)\s*(?:点|个方面|方面|个问题|个部分|部分|层意思|句话|项|条)" % _CN
)

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

_THANKS = re.compile(r"^(?:谢谢(?:大家|各位)?|感谢大家)[！!。.]?$")
# a short last paragraph that ends by thanking ("以上是我的一些粗浅思考，请批评指正。谢谢！")
_THANKS_END = re.compile(r"[。！？!?]\s*(?:谢谢(?:大家|各位)?|感谢大家)[！!。.]?$")
THANKS_PARA_MAX = 80
# a speaker's sign-off ("好，我就讲这些。" "以上意见，供大家参考。")
_SIGN_OFF = re.compile(r"^(?:好[，,]\s*)?(?:我)?(?:就|先|今天就)?讲(?:这些|到这里|这么多)|^以上(?:意见|几点|是我(?!们))")
_CLOSING_START = re.compile(r"^同志们[，,！!]")
_CLOSING_INSIDE = re.compile(r"(?<=[。！？!?])\s*同志们[，,！!]")
_CLOSING_FORMULA = re.compile(r"希望大家|让我们|只要我们|一定能够|作出.{0,12}贡献|做出.{0,12}贡献|努力奋斗|而努力|而奋斗")
_AUTHOR_NOTE = re.compile(r"[（(]\s*(?:作者(?:系|为|是|单位)|作者[：:]|本文作者)[^（）()]{1,60}[）)]\s*$")

_HAN = r"\u4e00-\u9fff"
_BYLINE_NAME_PAREN = re.compile(rf"^(?P<name>[{_HAN}·•\s]{{2,20}}?)\s*[（(](?P<paren>[^（）()]{{2,40}})[）)]$")
_BYLINE_DATE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*[）)]?$")
_BYLINE_NAME = re.compile(rf"^[{_HAN}](?:\s?[{_HAN}]){{1,3}}$")
# "区委副书记　王建国": an office, a space, a name
_BYLINE_ROLE = re.compile(rf"^(?P<role>[{_HAN}、，,]{{2,24}})[\s\u3000]+(?P<name>[{_HAN}](?:\s?[{_HAN}]){{1,3}})$")
_SUBTITLE_WORDS = re.compile(r"^在.{2,60}(?:讲话|致辞|发言|报告|讲稿)(?:[（(].{1,10}[）)])?$")
_DATE_IN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_TITLE_PREFIX = re.compile(rf"^(?:【(?P<column>[^】]{{1,20}})】)?\s*(?:(?P<name>[{_HAN}]{{2,4}})[：:])?(?P<title>.+)$")
_TITLE_DATE = re.compile(r"^(.{4,}?)\s*([（(]\s*\d{4}\s*年[^（）()]{0,12}[）)])$")
_SUBTITLE = re.compile(r"^(?:——|—|－－|--|―)")

HEADING_MAX = 60  # a glued heading is cut at most this far in
GLUE_MIN = 24  # a first sentence longer than this may be a heading glued to its body
UNNUMBERED_MAX = 40  # an unnumbered heading line is at most this long
COLON_HEADING_MAX = 20  # "加强领导：……" — a heading ended by a colon is at most this long
LEADIN_MAX = 16  # a lead-in item ("实践性。" "扩面提质“挖潜”。") is at most this long
SPACE_BODY_MIN = 40  # a body parted from its heading by a space only is at least this long


# ---------------------------------------------------------------------------
# Small helpers


@dataclass
class _Marker:
    family: str  # style key: "一、", "第一，", "（一）", "（1）", "1、", "①", "一是"
    number: int | None
    text: str  # marker as printed (brackets made full-width)
    end: int  # offset where the heading text starts


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if len(token) == 1 and "\u2460" <= token <= "\u2473":
        return ord(token) - 0x245F
    return from_chinese(token)


def match_marker(text: str) -> _Marker | None:
    """The numbering marker at the start of `text`, if any."""
    for family, rx in _MARKERS:
        m = rx.match(text)
        if not m:
            continue
        n = _number(m.group(1))
        if n is None or n == 0:
            continue
        printed = m.group(0).strip().replace("(", "（").replace(")", "）").replace(",", "，")
        printed = re.sub(r"\s+", "", printed)
        return _Marker(family, n, printed, m.end())
    return None


def _marker_like(printed: str, n: int) -> str:
    """`printed` ("五、", "（三）", "第二，", "3、", "二要") renumbered to n."""
    if re.search(r"\d", printed):
        return re.sub(r"\d+", str(n), printed, count=1)
    if "\u2460" <= printed[:1] <= "\u2473":
        return chr(0x245F + n) if 1 <= n <= 20 else str(n)
    return re.sub(f"[{_CN}]+", to_chinese(n), printed, count=1)


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in "。！？!?；;：:，,、…"


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。；;：:，,、 \u3000").strip()


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each ending after its 。！？ (and closing quotes)."""
    spans, start, i = [], 0, 0
    while i < len(text):
        if text[i] in _SENT_END:
            j = i + 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            spans.append((start, j))
            start, i = j, j
            continue
        i += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _lstrip_tl(tl: TextLine) -> TextLine:
    text = tl.text
    m = _BULLET.match(text.lstrip())
    lead = len(text) - len(text.lstrip()) + (m.end() if m else 0)
    trail = len(text.rstrip())
    return tl.slice(lead, max(lead, trail)) if (lead or trail < len(text)) else tl


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
        return True, (int(n) if n.isdigit() else from_chinese(n))
    if cue and re.search(r"(意见|看法|想法|体会|认识|要求|方面|问题|内容|几点)", text[cue.start():]):
        return True, None
    return False, None


def _last_sentence(text: str) -> str:
    spans = _sentences(text.rstrip())
    if not spans:
        return text
    # the text ends with ":" (no sentence end): the last span is the open sentence
    return text[spans[-1][0]:]


def split_heading(rest: str) -> tuple[str, int | None]:
    """Split the text after a marker into (heading, offset where the body starts, or None).

    "要在……上下功夫。要建立……" -> heading up to the first full stop (run-in body);
    "加强领导：各级党委要……" -> a short heading ended by a colon;
    "总结经验，……奠定基础去年，按照……" -> heading glued to its body, cut before the opener;
    "加强领导，确保……落地见效做好……工作，关键在党" -> cut before a verb-led topic sentence.
    """
    spans = _sentences(rest)
    if not spans:
        return "", None
    s0, e0 = spans[0]
    first = rest[s0:e0]
    if len(first) > GLUE_MIN:
        cut = _glued_cut(first)
        if cut is not None:
            return _strip_end(rest[:cut]), cut
    gap = _space_cut(rest, first)
    if gap is not None:
        return _strip_end(rest[:gap[0]]), gap[1]
    colon = re.search(r"[：:]", first)
    if (colon and 2 <= colon.start() <= COLON_HEADING_MAX and first[colon.end():].strip()
            and "“" not in first[:colon.start()]):
        body = colon.end()  # "（一）加强领导：各级党委要……" -> heading before the colon
        while body < len(rest) and rest[body].isspace():
            body += 1
        return _strip_end(first[:colon.start()]), body
    if e0 >= len(rest.rstrip()):
        return _strip_end(first), None
    body = e0
    while body < len(rest) and rest[body].isspace():
        body += 1
    return _strip_end(first), body


def _space_cut(rest: str, first: str) -> tuple[int, int] | None:
    """(heading end, body start) when only a space parts a run-in heading from its body.

    Web copies of bold run-in headings keep a space where the bold ended ("提高政治站位　信访
    工作是……，是……。"). Taken only when a long body follows and the text after the space
    is a full clause-rich sentence, much longer than the heading: a heading of two clauses
    parted by a space ("强化政治引领　筑牢思想根基") stays whole.
    """
    m = re.search(r"[ \u3000\u00a0]+", first)
    if m is None or not first.rstrip().endswith(tuple(_SENT_END)):
        return None
    i, j = m.start(), m.end()
    head, tail = first[:i], first[j:]
    if not (4 <= i <= HEADING_MAX) or re.search(r"[。！？!?；;：:]", head):
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
            if not (re.match(f"[{_HAN}]", prev) or prev in "”’》）)"):
                continue  # after punctuation: an ordinary clause, not a glued body
            head = text[:i]
            if any(len(c) > 30 for c in re.split(r"[，,、；;]", head)):
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
        if not re.match(f"[{_HAN}]", head[-1]) or re.search(r"[。！？!?；;：:]", head):
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


# ---------------------------------------------------------------------------
# 1. segments


@dataclass
class _Seg:
    tl: TextLine
    line_start: bool  # begins at the start of a cleaned line
    line_end: bool  # ends at the end of a cleaned line
    marker: _Marker | None = None
    salutation: bool = False


_MID_MARKER = re.compile(rf"第({_CNUM})[，,]|({_CNUM})、|[（(]({_CNUM})[）)]")


def _segments(lines: Sequence[TextLine]) -> list[_Seg]:
    segs: list[_Seg] = []
    last: dict[str, int] = {}  # last number seen per family (for mid-line continuation)
    seen_heading = False
    seen_salutation = False
    for raw in lines:
        tl = _lstrip_tl(raw)
        if not tl.text.strip():
            continue
        cuts: list[int] = []
        text = tl.text
        # salutation glued into a line (004: "……上的讲话同志们：刚才，……")
        if not seen_heading and not seen_salutation:
            m = _SALUTATION.search(text)
            # only at the start of a line or right after a title glued to it, never inside a sentence
            if m and m.start() <= 120 and not re.search(r"[。！？；，,：:]", text[:m.start()]):
                cuts += [m.start(), m.end()]
                seen_salutation = True
        head_marker = match_marker(text)
        if head_marker:
            last[head_marker.family] = head_marker.number or 0
            seen_heading = True
        for m in _MID_MARKER.finditer(text):
            pos = m.start()
            # a stray page number may sit before the marker ("提几点意见：1 一、")
            before = text[:pos].rstrip()
            stray = re.search(r"(?<=[。！？：:])\s*\d{1,3}$", before)
            if stray:
                before = before[: stray.start()]
            if not before or (cuts and pos < max(cuts)):
                continue
            prev = before[-1]
            family = "第一，" if m.group(1) else ("一、" if m.group(2) else "（一）")
            n = from_chinese(m.group(1) or m.group(2) or m.group(3))
            if not n:
                continue
            after_stop = prev in _SENT_END
            after_transition = prev in "：:。" and announced_count(_last_sentence(before))[0]
            follows = n == last.get(family, 0) + 1
            joined = bool(tl.joins)
            if family == "第一，":
                ok = (n == 1 and after_transition) or (after_stop and follows and joined and family in last)
            elif family == "一、":
                ok = (n == 1 and (after_transition or (after_stop and joined))) or (
                    after_stop and follows and family in last)
            else:  # （一）
                ok = after_stop and (n == 1 or (follows and family in last)) and (
                    joined or "一、" in last or "第一，" in last)
            if ok:
                if stray:
                    cuts.append(stray.start())  # the stray number becomes a segment of its own, dropped below
                cuts.append(pos)
                last[family] = n
                seen_heading = True
        bounds = sorted(set(c for c in cuts if 0 < c < len(text)))
        pieces = [0, *bounds, len(text)]
        for a, b in zip(pieces, pieces[1:]):
            part = tl.slice(a, b)
            stripped = _lstrip_tl(part)
            if not stripped.text or re.fullmatch(r"\d{1,3}", stripped.text):
                continue
            seg = _Seg(stripped, line_start=(a == 0), line_end=(b == len(text)))
            seg.salutation = bool(_SALUTATION.fullmatch(stripped.text.strip())) and len(stripped.text) <= 40
            seg.marker = None if seg.salutation else match_marker(stripped.text)
            segs.append(seg)
    return segs


# ---------------------------------------------------------------------------
# 2. head: title, subtitle, byline, salutation


@dataclass
class _Head:
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    salutation: str = ""
    meta: dict = field(default_factory=dict)


def _headlike(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 80 and not _ends_sentence(t)


def _byline_meta(text: str, meta: dict) -> None:
    m = _BYLINE_NAME_PAREN.match(text) or _BYLINE_ROLE.match(text)
    name = None
    if m:
        name = re.sub(r"\s+", "", m.group("name"))
    elif _BYLINE_NAME.match(text):
        name = re.sub(r"\s+", "", text)
    if name and 2 <= len(name) <= 4:
        meta.setdefault("speaker", name)
    d = _DATE_IN.search(text)
    if d:
        y, mo, da = (int(x) for x in d.groups())
        if 1 <= mo <= 12 and 1 <= da <= 31:
            meta.setdefault("date", f"{y:04d}-{mo:02d}-{da:02d}")


def _is_byline(text: str, have_title: bool) -> bool:
    t = text.strip()
    if re.search("讲话|致辞|发言|讲稿", t) and not t.startswith(("（", "(")):
        return False  # "上的讲话": the rest of a title broken over two lines, never a name
    if _BYLINE_DATE.match(t):
        return True
    m = _BYLINE_NAME_PAREN.match(t)
    if m and len(re.sub(r"\s+", "", m.group("name"))) <= 8 and "讲话" not in t:
        return True
    if have_title and (_BYLINE_NAME.match(t) or _BYLINE_ROLE.match(t)):
        return True
    return have_title and len(re.sub(r"\s+", "", t)) <= 12 and not re.search("讲话|致辞|发言", t)


def _read_head(segs: list[_Seg]) -> tuple[_Head, int]:
    head = _Head()
    i = 0
    while i < len(segs):
        seg = segs[i]
        text = seg.tl.text.strip()
        if seg.salutation:
            head.salutation = text
            i += 1
            break
        if seg.marker or not _headlike(text):
            break
        if head.title and _SUBTITLE.match(text):
            head.subtitle = "——" + _SUBTITLE.sub("", text).strip()
        elif head.title and not head.subtitle and _SUBTITLE_WORDS.match(text):
            head.subtitle = text
        elif _is_byline(text, bool(head.title)):
            head.byline = f"{head.byline} {text}".strip()
            _byline_meta(text, head.meta)
        elif not head.title:
            head.title = text
        elif not head.subtitle and not head.byline and len(head.title) + len(text) <= 60:
            head.title += text  # a long title wrapped over two lines
        else:
            break
        i += 1
    if head.title and (m := _TITLE_DATE.match(head.title)) and not head.byline:
        head.title, head.byline = m.group(1).strip(), m.group(2)  # "标题（2011年5月13日）" in one line
        _byline_meta(head.byline, head.meta)
    if head.title:
        m = _TITLE_PREFIX.match(head.title)
        if m and (m.group("column") or m.group("name")) and len(m.group("title").strip()) >= 6:
            if m.group("column"):
                head.meta["column"] = m.group("column")
            if m.group("name"):
                head.meta.setdefault("speaker", m.group("name"))
                head.byline = head.byline or m.group("name")
            head.title = m.group("title").strip()
    return head, i


# ---------------------------------------------------------------------------
# 3.-4. tree


@dataclass
class _Node:
    marker: _Marker | None
    level: int
    heading: str
    line: int | None
    run_in: bool = False
    paras: list[TextLine] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.marker.family if self.marker else ""


def _is_unnumbered_heading(seg: _Seg) -> bool:
    t = seg.tl.text.strip()
    han = len(re.findall(f"[{_HAN}]", t))
    return (seg.line_start and seg.line_end and seg.marker is None and not seg.salutation
            and 2 <= len(t) <= UNNUMBERED_MAX and not _ends_sentence(t)
            and han >= 4 and han >= 0.6 * len(t) and not re.search(r"[：:]|https?|www\.", t))


def _root_style(body: list[_Seg]) -> str | None:
    """The level-1 style: the highest-ranked strong marker, else unnumbered lines, else any marker."""
    # unnumbered headings need body text after them
    unnumbered = [k for k, s in enumerate(body[:-1])
                  if _is_unnumbered_heading(s) and not _is_unnumbered_heading(body[k + 1])]
    strong = [(k, s.marker.family) for k, s in enumerate(body) if s.marker and s.marker.family in _ROOT_RANK]
    if strong:
        best = min((f for _, f in strong), key=_ROOT_RANK.__getitem__)
        first = min(k for k, f in strong if f == best)
        # "建强组织体系……" / "（一）……" / "（二）……" / "夯实基础……" / "（一）……": short unnumbered
        # lines that come first and recur head the numbered points (一、 is never demoted)
        if best not in ("一、", "第一部分") and len(unnumbered) >= 2 and unnumbered[0] < first:
            return ""
        return best
    if unnumbered:
        return ""
    weak = [s.marker.family for s in body if s.marker]
    if weak:
        order = [f for f, _ in _MARKERS]
        return min(weak, key=order.index)
    return None


def _node_from(seg: _Seg, level: int) -> _Node:
    tl, mk = seg.tl, seg.marker
    start = mk.end if mk else 0
    rest = tl.text[start:]
    heading, body_at = split_heading(rest)
    node = _Node(mk, level, heading, tl.line_at(0))
    if body_at is not None:
        body = tl.slice(start + body_at)
        body = _lstrip_tl(body)
        if body.text:
            node.paras.append(body)
            node.run_in = True
    return node


def _pop_for(stack: list[_Node], family: str) -> None:
    """Pop to the right parent for a new marker of `family` (levels by context)."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].family == family:
            del stack[k:]
            return
    while len(stack) > 1:
        top = stack[-1].family
        if (top in _ORDER and family in _ORDER and _ORDER[top] > _ORDER[family]) or (
                top == "一是" and family in ("一、", "（一）")):
            stack.pop()
        else:
            break


def _points_start(body: list[_Seg], root: str | None) -> int:
    """Index where the points begin when the opening has its own list in the root style.

    "主要有三个特点：" / "一是……" "二是……" / "……我讲三点意见：" / "一是……": a list that
    restarts at 1 right after a transition announcing the points is the speech's points;
    the earlier run of the same style belongs to the opening. 0 when there is no such restart.
    """
    if not root:
        return 0
    firsts = [k for k, s in enumerate(body) if s.marker and s.marker.family == root and s.marker.number == 1]
    for k in firsts[1:]:
        prev = body[k - 1]
        if prev.marker is None and announced_count(_last_sentence(prev.tl.text.rstrip()))[0]:
            return k
    return 0


def _build(body: list[_Seg], root: str | None) -> tuple[list[TextLine], list[_Node]]:
    """Opening lines (before the first level-1 heading) and the section tree."""
    opening: list[TextLine] = []
    sections: list[_Node] = []
    stack: list[_Node] = []
    taken = -1  # index of a heading line already used by a bare marker line ("一、" alone)
    start = _points_start(body, root)
    for k, seg in enumerate(body):
        if k == taken:
            continue
        if k < start:
            opening.append(seg.tl)
            continue
        fam = seg.marker.family if seg.marker else None
        is_root = root is not None and (
            fam == root if root else (fam is None and _is_unnumbered_heading(seg)
                                      and k + 1 < len(body) and not _is_unnumbered_heading(body[k + 1])))
        if is_root:
            node = _node_from(seg, 1)
            sections.append(node)
            stack = [node]
        elif not stack:
            opening.append(seg.tl)
            continue
        elif fam is not None:
            _pop_for(stack, fam)
            node = _node_from(seg, len(stack) + 1)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paras.append(seg.tl)
            continue
        nxt = body[k + 1] if k + 1 < len(body) else None
        if (not node.heading and not node.paras and nxt is not None and nxt.marker is None
                and not nxt.salutation and len(nxt.tl.text) <= HEADING_MAX):
            node.heading, node.line = _strip_end(nxt.tl.text), node.line or nxt.tl.line
            taken = k + 1
    return opening, sections


# A statement, not a label: a copula or a judgement ("群众是最好的老师。" "目的在于运用。"
# "打铁必须自身硬。"). Lead-in items are verb-object or noun labels ("抓基础强保障", "实践性").
_STATEMENT = re.compile(r"是|在于|必须|应当|应该|只有|才能|就要|首先要|不能|不会|已经|正在")


def _leadin(tl: TextLine) -> int | None:
    """End offset of a lead-in phrase ("实践性。") opening a paragraph, if any."""
    text = tl.text
    i = text.find("。")
    if i < 2 or i > LEADIN_MAX or i + 1 >= len(text.rstrip()):
        return None
    phrase = text[:i]
    if re.search(r"[，,；;：:、！？!?（(]", phrase) or match_marker(phrase) or not re.search(f"[{_HAN}]", phrase):
        return None
    if _STATEMENT.search(phrase):
        return None
    return i


def _parallel(a: str, b: str) -> bool:
    """Two lead-in labels of one run share a shape: both or neither end in a quoted word
    ("强化政治引领“铸魂”" / "优化组织设置“强基”"), and their lengths are close."""
    if a.endswith("”") != b.endswith("”"):
        return False
    la, lb = len(a), len(b)
    return abs(la - lb) <= max(3, min(la, lb) // 2)


def _leadin_runs(paras: list[TextLine], run_in: bool) -> list[tuple[int, int]]:
    """[start, end) runs of two or more parallel lead-in paragraphs.

    A lead-in starts a source paragraph: the run-in body of the heading's own line
    (`run_in`, always paras[0]) never opens with one.
    """
    phrases: list[str | None] = []
    for k, p in enumerate(paras):
        cut = None if (k == 0 and run_in) else _leadin(p)
        phrases.append(p.text[:cut].strip() if cut is not None else None)
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(phrases):
        if phrases[k] is None:
            k += 1
            continue
        j = k + 1
        while j < len(phrases) and phrases[j] is not None and _parallel(phrases[j - 1], phrases[j]):
            j += 1
        if j - k >= 2:
            runs.append((k, j))
        k = j
    return runs


def _apply_leadins(node: _Node) -> None:
    for child in node.children:
        _apply_leadins(child)
    if node.children or len(node.paras) < 2:
        return
    runs = _leadin_runs(node.paras, node.run_in)
    if not runs:
        return
    start = runs[0][0]
    starts = {i for a, b in runs for i in range(a, b)}
    kept, children = node.paras[:start], []
    for i, p in enumerate(node.paras[start:], start):
        if i in starts:
            cut = _leadin(p)
            assert cut is not None
            child = _Node(None, node.level + 1, p.text[:cut].strip(), p.line_at(0), run_in=True)
            body = _lstrip_tl(p.slice(cut + 1))
            if body.text:
                child.paras.append(body)
            children.append(child)
        else:
            children[-1].paras.append(p)
    node.paras, node.children = kept, children


def _last_leaf(sections: list[_Node]) -> _Node | None:
    node = sections[-1] if sections else None
    while node is not None and node.children:
        node = node.children[-1]
    return node


def _split_closing(paras: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """(body, closing) for the paragraphs that end a speech."""
    for k in range(len(paras) - 1, max(-1, len(paras) - 4), -1):
        text = paras[k].text
        if _CLOSING_START.match(text):
            return paras[:k], paras[k:]
        m = None
        for m in _CLOSING_INSIDE.finditer(text):
            pass
        if m is not None and k == len(paras) - 1:
            cut = m.end() - len(m.group(0).lstrip())
            return paras[:k] + [paras[k].slice(0, cut)], [_lstrip_tl(paras[k].slice(cut))]
    # no 同志们: trailing wishes ("希望大家……作出新的更大贡献！") and thanks ("谢谢大家！")
    k = len(paras)
    while k > 1 and _closing_like(paras[k - 1].text):
        k -= 1
    return paras[:k], paras[k:]


def _closing_like(text: str) -> bool:
    t = text.strip()
    return (bool(_THANKS.match(t))
            or (len(t) <= THANKS_PARA_MAX and bool(_THANKS_END.search(t) or _SIGN_OFF.search(t)))
            or (t.endswith(("！", "!")) and bool(_CLOSING_FORMULA.search(t))))


def _strip_author_note(segs: list[_Seg], head: _Head) -> None:
    for k in range(len(segs) - 1, max(-1, len(segs) - 4), -1):
        tl = segs[k].tl
        m = _AUTHOR_NOTE.search(tl.text)
        if not m:
            continue
        note = m.group(0).strip()
        head.meta["author_note"] = note
        if not head.byline or head.byline == head.meta.get("speaker"):
            head.byline = note  # the note says more than a bare name taken from "姓名：标题"
        inner = note[1:-1]
        name = re.search(rf"\s([{_HAN}]{{2,4}})$", inner)
        if name:
            head.meta.setdefault("speaker", name.group(1))
        rest = tl.slice(0, m.start())
        if rest.text.strip():
            segs[k] = _Seg(_lstrip_tl(rest), segs[k].line_start, True, segs[k].marker, segs[k].salutation)
        else:
            del segs[k]
        return


# ---------------------------------------------------------------------------
# 5. anomalies and conversion


def _numbering_anomalies(nodes: list[_Node], where: str, out: list[Anomaly]) -> None:
    prev: _Node | None = None
    for node in nodes:
        mk = node.marker
        if mk is not None and mk.number is not None:
            if prev is None or prev.marker is None or prev.family != node.family:
                if mk.number != 1 and prev is None:
                    out.append(Anomaly("numbering", f"{where}: numbering starts at {mk.text} "
                                                    f"(expected {_marker_like(mk.text, 1)}): "
                                                    f"“{node.heading[:24]}”", node.line))
            else:
                p = prev.marker.number or 0
                n = mk.number
                if n == p + 1 or (n == 1 and node.level > 1):
                    pass  # next item, or a new list under the same parent
                elif n == p:
                    out.append(Anomaly("numbering", f"{where}: {mk.text} repeated: expected "
                                                    f"{_marker_like(mk.text, p + 1)} after {prev.marker.text}, "
                                                    f"found {mk.text} again (“{node.heading[:24]}”)", node.line))
                else:
                    out.append(Anomaly("numbering", f"{where}: expected {_marker_like(mk.text, p + 1)} after "
                                                    f"{prev.marker.text}, found {mk.text} (“{node.heading[:24]}”)",
                                       node.line))
        prev = node
    for node in nodes:
        if node.children:
            _numbering_anomalies(node.children, f"under {node.marker.text if node.marker else ''}"
                                                f"{node.heading[:16]}", out)


def _paragraph(tl: TextLine) -> Paragraph:
    return Paragraph(tl.text.strip(), tl.line_at(0))


def _section(node: _Node) -> Section:
    mk = node.marker
    return Section(
        marker=mk.text if mk else "",
        number=mk.number if mk else None,
        level=node.level,
        heading=node.heading,
        line=node.line,
        paragraphs=[_paragraph(p) for p in node.paras if p.text.strip()],
        children=[_section(c) for c in node.children],
        run_in=node.run_in,
    )


# ---------------------------------------------------------------------------
# Public API


def parse_lines(lines: str | Iterable[str | TextLine], source: Source | None = None) -> Speech:
    """Parse already-clean text (one paragraph a line) into a Speech."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    tls = [ln if isinstance(ln, TextLine) else TextLine(str(ln), i) for i, ln in enumerate(lines, 1)]
    segs = _segments(tls)
    head, i = _read_head(segs)
    body = segs[i:]
    # a salutation after the title block but not first (e.g. after a date line)
    if not head.salutation:
        for k, seg in enumerate(body[:3]):
            if seg.salutation:
                head.salutation = seg.tl.text.strip()
                body = body[:k] + body[k + 1:]
                break
    _strip_author_note(body, head)
    root = _root_style(body)
    opening, nodes = _build(body, root)

    speech = Speech(title=head.title, subtitle=head.subtitle, byline=head.byline,
                    salutation=head.salutation, source=source, meta=dict(head.meta))

    # transition: the last opening sentence(s) announcing the points
    transition: TextLine | None = None
    for k in range(len(opening) - 1, max(-1, len(opening) - 3), -1):
        tl = opening[k]
        spans = _sentences(tl.text)
        hit = None
        for s, e in spans:
            if announced_count(tl.text[s:e])[0]:
                hit = s
                break
        if hit is None:
            continue
        transition = _lstrip_tl(tl.slice(hit)) if hit > 0 else tl
        before = [tl.slice(0, hit)] if hit > 0 and tl.text[:hit].strip() else []
        opening = opening[:k] + before + opening[k + 1:]  # text after it (rare) stays in the opening
        break
    if transition is not None:
        speech.transition = _paragraph(transition)
        speech.announced_points = announced_count(transition.text)[1]

    # closing: split off the end of the last leaf (or of the opening when there are no sections)
    leaf = _last_leaf(nodes)
    if leaf is not None:
        leaf.paras, closing = _split_closing(leaf.paras)
    else:
        opening, closing = _split_closing(opening)
    speech.closing = [_paragraph(p) for p in closing if p.text.strip()]

    for node in nodes:
        _apply_leadins(node)
    if not nodes:  # an article made only of lead-in items ("实践性。……" "创新性。……")
        pseudo = _Node(None, 0, "", None, paras=opening)
        _apply_leadins(pseudo)
        opening, nodes = pseudo.paras, pseudo.children
    speech.opening = [_paragraph(p) for p in opening if p.text.strip()]
    speech.sections = [_section(n) for n in nodes]

    anomalies: list[Anomaly] = []
    _numbering_anomalies(nodes, "level 1", anomalies)
    if speech.announced_points is not None and speech.announced_points != len(speech.sections):
        anomalies.append(Anomaly(
            "announced_count",
            f"the transition announces {speech.announced_points} points "
            f"(“{speech.transition.text[:30] if speech.transition else ''}”) "
            f"but {len(speech.sections)} level-1 sections were found",
            speech.transition.line if speech.transition else None))
    if not speech.sections:
        anomalies.append(Anomaly("no_sections", "no headings found: the text is kept as opening paragraphs",
                                 tls[0].line if tls else None))
    speech.anomalies.extend(anomalies)
    return speech


def parse_piece(piece: "Piece") -> Speech:
    """Parse one cleaned piece (from `drafter.corpus.pipeline.load_pieces`)."""
    speech = parse_lines(piece.lines, source=piece.source)
    speech.anomalies = list(piece.notes) + speech.anomalies
    return speech


def parse_file(path: str | Path) -> list[Speech]:
    """Load, clean, split and parse a corpus file: one Speech per piece."""
    from drafter.corpus.pipeline import load_pieces

    return [parse_piece(p) for p in load_pieces(path)]
