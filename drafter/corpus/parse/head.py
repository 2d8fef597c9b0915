"""Step 2: the head of a speech (title, subtitle, byline, salutation) and its meta.

Also the author's note at the foot of web copies ("（作者系……）"), which says who
spoke and so belongs with the byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.corpus.parse.segments import Seg
from drafter.corpus.parse.text import HAN, ends_sentence, lstrip_tl

_AUTHOR_NOTE = re.compile(r"[（(]\s*(?:作者(?:系|为|是|单位)|作者[：:]|本文作者)[^（）()]{1,60}[）)]\s*$")

_BYLINE_NAME_PAREN = re.compile(rf"^(?P<name>[{HAN}·•\s]{{2,20}}?)\s*[（(](?P<paren>[^（）()]{{2,40}})[）)]$")
_BYLINE_DATE = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*[）)]?$")
_BYLINE_NAME = re.compile(rf"^[{HAN}](?:\s?[{HAN}]){{1,3}}$")
# "区委副书记　王建国": an office, a space, a name
_BYLINE_ROLE = re.compile(rf"^(?P<role>[{HAN}、，,]{{2,24}})[\s\u3000]+(?P<name>[{HAN}](?:\s?[{HAN}]){{1,3}})$")
_SUBTITLE_WORDS = re.compile(r"^在.{2,60}(?:讲话|致辞|发言|报告|讲稿)(?:[（(].{1,10}[）)])?$")
_DATE_IN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_TITLE_PREFIX = re.compile(rf"^(?:【(?P<column>[^】]{{1,20}})】)?\s*(?:(?P<name>[{HAN}]{{2,4}})[：:])?(?P<title>.+)$")
_TITLE_DATE = re.compile(r"^(.{4,}?)\s*([（(]\s*\d{4}\s*年[^（）()]{0,12}[）)])$")
_SUBTITLE = re.compile(r"^(?:——|—|－－|--|―)")
# an epigraph under the title: a quotation, with or without its source ("“政贵有恒。”——《尚书》")
_EPIGRAPH = re.compile(r"^[“「『\"][^“”「」『』]{2,60}[”」』\"]\s*(?:(?:——|—|－－|--|―)\s*[^，。！？：]{1,30})?$")


@dataclass
class Head:
    title: str = ""
    subtitle: str = ""
    byline: str = ""
    salutation: str = ""
    meta: dict = field(default_factory=dict)


def _headlike(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 80 and not ends_sentence(t)


# a byline with its date run on ("石门镇党委书记　张伟（2026年3月6日）": a Word line break read as one line)
_TRAILING_DATE = re.compile(r"\s*[（(]\s*\d{4}\s*年[^（）()]{0,12}[）)]$")
# "主持人：刘海峰": a label, then the name
_BYLINE_LABEL = re.compile(rf"^[{HAN}]{{2,4}}[：:]\s*(?P<name>[{HAN}](?:\s?[{HAN}]){{1,3}})$")


def _byline_meta(text: str, meta: dict) -> None:
    bare = _TRAILING_DATE.sub("", text)
    m = (_BYLINE_ROLE.match(bare) or _BYLINE_LABEL.match(bare) if bare != text else None) \
        or _BYLINE_NAME_PAREN.match(text) or _BYLINE_ROLE.match(text) or _BYLINE_LABEL.match(text)
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
    bare = _TRAILING_DATE.sub("", t)
    if have_title and bare != t and (_BYLINE_NAME.match(bare) or _BYLINE_ROLE.match(bare) or _BYLINE_LABEL.match(bare)):
        return True
    return have_title and len(re.sub(r"\s+", "", t)) <= 12 and not re.search("讲话|致辞|发言", t)


def read_head(segs: list[Seg]) -> tuple[Head, int]:
    head = Head()
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
        if head.title and _EPIGRAPH.match(text):
            head.meta["epigraph"] = text  # a quotation is neither the title's second line nor a byline
        elif head.title and _SUBTITLE.match(text):
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


def strip_author_note(segs: list[Seg], head: Head) -> None:
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
        name = re.search(rf"\s([{HAN}]{{2,4}})$", inner)
        if name:
            head.meta.setdefault("speaker", name.group(1))
        rest = tl.slice(0, m.start())
        if rest.text.strip():
            segs[k] = Seg(lstrip_tl(rest), segs[k].line_start, True, segs[k].marker, segs[k].salutation)
        else:
            del segs[k]
        return
