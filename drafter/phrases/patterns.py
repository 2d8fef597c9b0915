"""Text patterns of the genre: the pure, line-level pieces of the miner.

Each function takes text (and, where word boundaries matter, jieba's words)
and returns what it found with offsets, so `drafter.phrases.mine` can turn
offsets into source lines. Nothing here knows about files or documents.
"""

from __future__ import annotations

import itertools
import re
from typing import Sequence

CJK = "\u4e00-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")

TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "班子建设": ("班子", "一把手", "班长", "车头", "带头人"),
    "党员教育": ("党员教育", "三会一课", "组织生活", "主题党日", "党员队伍", "发展党员", "学习教育", "先进性"),
    "基层治理": ("治理", "网格", "矛盾纠纷", "社区", "群防群治", "枫桥", "维护稳定"),
    "乡村振兴": ("乡村振兴", "集体经济", "农村", "三农", "村级", "富民"),
    "作风建设": ("作风", "形式主义", "官僚主义", "实干", "实效", "务实"),
    "干部队伍": ("干部",),
    "人才工作": ("人才",),
    "组织体系": ("基层党组织", "组织体系", "战斗堡垒", "覆盖", "软弱涣散", "支部", "基层组织"),
    "全面从严治党": ("从严治党", "纪律", "一岗双责", "主体责任", "廉", "腐败", "八项规定", "管党"),
    "政治建设": ("政治建设", "两个确立", "两个维护", "四个意识", "讲政治", "政治功能"),
}


_TOPIC_OF = {w: t for t, words in TOPIC_KEYWORDS.items() for w in words}
_TOPIC_RE = re.compile("|".join(sorted(map(re.escape, _TOPIC_OF), key=len, reverse=True)))
_TOPIC_ORDER = {t: i for i, t in enumerate(TOPIC_KEYWORDS)}


def topic_tags(text: str) -> tuple[str, ...]:
    """Topics (TOPIC_KEYWORDS) whose keywords occur in `text`, in vocabulary order."""
    found = set(map(_TOPIC_OF.__getitem__, _TOPIC_RE.findall(text)))
    if len(found) < 2:
        return tuple(found)
    return tuple(sorted(found, key=_TOPIC_ORDER.__getitem__))


_MARK = r"(?:\*{1,3}|＊{1,3}|(?<![A-Za-z])[xX]{1,2}(?![A-Za-z]))"
_ANON_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(_MARK + r"(?=同志)"), "{{ name }}"),
    (re.compile(_MARK + r"(?=书记|部长|主任|县长|市长|区长|镇长|乡长|主席)"), "{{ name }}"),
    (re.compile(_MARK + r"(?=月)"), "{{ month }}"),
    (re.compile(_MARK + r"(?=个|名|项|次|人|家|批)"), "{{ count }}"),
    (re.compile(_MARK + r"(?:镇|乡|街道)"), "{{ town }}"),
    (re.compile(_MARK + r"(?:村|社区)"), "{{ village }}"),
    (re.compile(_MARK + r"(?:省|市|州|县|区|旗)?"), "{{ region }}"),
]
_HAS_MARK = re.compile(r"\*|＊|(?<![A-Za-z])[xX]{1,2}(?![A-Za-z])")


def anonymised(text: str) -> str:
    """Anonymisation marks as slots: **区 -> {{ region }}, *同志 -> {{ name }}同志, x月 -> {{ month }}月."""
    if not ("*" in text or "＊" in text or "x" in text or "X" in text) or not _HAS_MARK.search(text):
        return text  # (every mark holds one of these characters)
    for pattern, slot in _ANON_RULES:
        text = pattern.sub(slot, text)
    return text


_SENTENCE = re.compile(r"[^。！？]+[。！？”]*")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs, each ending with its 。！？ when it has one."""
    out = []
    for m in _SENTENCE.finditer(text):
        s = m.group()
        if s.strip():
            lead = len(s) - len(s.lstrip())
            out.append((m.start() + lead, s.strip()))
    return out


def sentence_texts(text: str) -> list[str]:
    """The sentences of `split_sentences(text)` without their offsets (one C call to find them)."""
    return [t for t in map(str.strip, _SENTENCE.findall(text)) if t]


# --------------------------------------------------------------------------- headings

# Genre frames: the variable middle of a heading clause becomes {{ topic }}.
HEADING_FRAMES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(充分|深刻|切实)?认识([^，]{2,24}?)的(重要性|紧迫性|必要性|重大意义|重要意义)"),
     r"\1认识{{ topic }}的\3"),
    (re.compile(r"确保([^，]{2,24}?)取得(实效|成效|明显成效|新成效)"), r"确保{{ topic }}取得\2"),
    (re.compile(r"要在([^，]{2,24}?)上(下功夫|见实效|求突破)"), r"要在{{ topic }}上\2"),
    (re.compile(r"为([^，]{2,24}?)奠定(坚实)?基础"), r"为{{ topic }}奠定\2基础"),
    (re.compile(r"推动([^，]{2,24}?)(扎实有效开展|取得实效|再上新台阶|提质增效|走深走实|落地见效)"),
     r"推动{{ topic }}\2"),
]


# A word each frame above cannot match without: headings lacking it skip that frame's pattern.
_FRAME_NEEDS = ("认识", "确保", "要在", "奠定", "推动")


def generalise_heading(heading: str) -> str:
    """A heading with its variable middle as {{ topic }} where a genre frame fits."""
    for (pattern, repl), need in zip(HEADING_FRAMES, _FRAME_NEEDS):
        if need not in heading:
            continue
        new = pattern.sub(repl, heading, count=1)
        if new != heading:
            return new
    return heading


# Sentence cues of the body's argument roles (why / review / problems / how …), genre-wide; the
# first that matches gives the function.
SECTION_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("section.problems", re.compile(r"清醒(地|的)?(认识|看到)|不容忽视|存在的问题|差距和不足|薄弱环节")),
    ("section.importance", re.compile(r"充分认识|深刻认识|重要性和紧迫性|十分重要的意义|重大而深远的意义|是.{2,20}的(需要|基础|关键)")),
    ("section.leadership", re.compile(r"一级抓一级|层层抓落实|重要议事日程|第一责任人|一岗双责|齐抓共管|主体责任")),
    # (two patterns: an anchored branch in an alternation makes `search` try every offset with both)
    ("section.supervision", re.compile(r"^(要|必须).{0,20}(督查|督导|考核|问责)")),
    ("section.supervision", re.compile(r"(严格|强化|加强)(督查|考核|问责)")),
    ("section.review", re.compile(r"取得了(明显|显著|积极|新的)?(成效|成绩|进展)|成绩的取得")),
    ("section.style", re.compile(r"作风|形式主义|官僚主义|求真务实|真抓实干")),
    ("section.tasks", re.compile(r"^要(坚持|加强|推进|深化|着力|切实|突出|把)")),
)


ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+，|首先，|其次，|最后，)")


# --------------------------------------------------------------------------- parallels

_REPEATED_HEAD = re.compile(rf"([{CJK}]{{2}})[{CJK}]{{1,4}}，\1[{CJK}]{{1,4}}，\1")
# What _REPEATED_HEAD needs after its first clause: found fast (it starts with a literal "，"), so the
# backreference scan runs only on the few lines that have it.
_REPEATED_HEAD_HINT = re.compile(rf"，([{CJK}]{{2}})[{CJK}]{{1,4}}，\1")
# Anchored at a run start, and possessive (a run is taken whole: a shorter one could not be followed
# by "、" anyway), so the scan is linear without backtracking.
_LIST_RE = re.compile(rf"(?<![{CJK}])[{CJK}]++(?:、[{CJK}]++){{2,}}")
_CLAUSE_SPLIT = re.compile(r"[，；。：！？“”（）]")


def parallel_lists(text: str, bounds=None) -> list[tuple[int, str]]:
    """(offset, list) for 排比 of 3+ equal-length items: 讲学习、讲政治、讲正气.

    The first and last items may run into the sentence around them (做到强核心、
    ……、强实力的); they are trimmed to the items' width, and with word
    boundaries `bounds` (offsets) a trim must fall between words.
    """
    found = []
    for m in _LIST_RE.finditer(text) if text.count("、") >= 2 else ():
        items = m.group().split("、")
        middle = items[1:-1]
        width = len(middle[0])
        if any(len(x) != width for x in middle) or not 2 <= width <= 5:
            continue
        first, last = items[0], items[-1]
        if len(first) < width or len(last) < width:
            continue
        trimmed = len(first) > width or len(last) > width
        start = m.start() + len(first) - width
        end = m.end() - (len(last) - width)
        if bounds is not None and (start not in bounds or end not in bounds):
            continue
        first, last = first[-width:], last[:width]
        items = [first] + middle + [last]
        shared = len({x[0] for x in items}) == 1 or len({x[-1] for x in items}) == 1
        clean_shape = (width in (3, 4) and not trimmed) or (width == 4 and len(items) >= 4) \
            or (width == 2 and len(items) >= 5)
        if not (shared or clean_shape) or len(set(items)) != len(items):
            continue
        found.append((start, "、".join(items)))
    # Clauses sharing a two-character head: 相互信任，相互理解，相互支持，相互补台
    if not (_REPEATED_HEAD_HINT.search(text) and _REPEATED_HEAD.search(text)):
        return found
    run: list[tuple[int, str]] = []
    for m in list(re.finditer(r"[^，；。！？：、“”（）\s]+", text)) + [None]:
        off, c = (m.start(), m.group()) if m else (len(text), "")
        usable = 3 <= len(c) <= 6 and all(CJK_RE.match(ch) for ch in c)
        if run and usable and len(c) == len(run[0][1]) and c[:2] == run[0][1][:2] \
                and off == run[-1][0] + len(run[-1][1]) + 1 and text[off - 1] == "，":
            run.append((off, c))
            continue
        if len(run) >= 3:
            found.append((run[0][0], "，".join(x for _, x in run)))
        run = [(off, c)] if usable else []
    return found


# --------------------------------------------------------------------------- quotes: sayings, slogans

QUOTE_RE = re.compile(r"“([^“”\n]{2,40})”")
_NUMERALS = "一二两三四五六七八九十百千万"
_SLOGAN_RE = re.compile(rf"^[{_NUMERALS}][{CJK}]{{1,8}}$")
# Classical function words: a one-clause quote holding one reads as a saying (冰冻三尺非一日之寒),
# one without is usually the name of a programme or a post (党员诚信示范岗).
_SAYING_FUNCTION_CHARS = set("之不非而则必莫无乃亦其以于者也")
_PROGRAMME_END = ("工程", "活动", "制度", "机制", "模式", "行动", "品牌", "战略", "年", "工作法", "标准")
_INTRO_RE = re.compile(r"(?:常说|常讲|俗话说|古人说|古语说|说得好|有句话说|有一句话说|老话说)[，：]“?")


_QUOTE_CLAUSES = re.compile(r"[，；]")


def classify_quote(q: str) -> str | None:
    """'slogan', 'saying' or None for the text inside “ ”."""
    q = q.rstrip("。！")
    if _SLOGAN_RE.match(q) and any(c not in _NUMERALS for c in q) and q[0] in _NUMERALS:
        return "slogan"
    clauses = _QUOTE_CLAUSES.split(q)
    if 2 <= len(clauses) <= 4 and len(q) <= 30 \
            and all(3 <= len(c) <= 9 and all(CJK_RE.match(ch) for ch in c) for c in clauses):
        return "saying"
    if 7 <= len(q) <= 10 and all(CJK_RE.match(ch) for ch in q) and not q.endswith(_PROGRAMME_END) \
            and _SAYING_FUNCTION_CHARS & set(q[1:-1]):
        return "saying"
    return None


def introduced_saying(text: str) -> list[tuple[int, str]]:
    """Sayings after 我们常说，/ 说得好，: short clauses up to the first long one."""
    out = []
    for m in _INTRO_RE.finditer(text):
        start = m.end()
        taken: list[str] = []
        pos = start
        for c in re.split(r"([，；。！？”])", text[start:]):
            if c in "，；。！？”":
                if c in "。！？”" or len(taken) == 4:
                    break
                continue
            if 3 <= len(c) <= 9 and all(CJK_RE.match(ch) for ch in c) \
                    and (not taken or abs(len(c) - len(taken[0])) <= 1):
                taken.append(c)
            else:
                break
        if len(taken) >= 2 or (taken and len(taken[0]) >= 7):
            joined = text[pos:pos + len("，".join(taken)) + 2]
            sep = "，" if "，".join(taken) in joined else "；"
            found = sep.join(taken)
            if found in text[pos:]:
                out.append((pos + text[pos:].index(found), found))
    return out


# The separator of a 4+4 couplet, its halves checked around it: each match is one separator, so
# overlapping couplets are all seen (我们常说，基础不牢，地动山摇), and a pattern that starts with
# the separator lets the search skip to the next ，or 、 instead of trying every character.
_COUPLET_SEPARATOR = re.compile(rf"[，、](?<=(?<![{CJK}])[{CJK}]{{4}}[，、])(?=[{CJK}]{{4}}(?![{CJK}]))")


def couplets(text: str) -> list[tuple[int, str]]:
    """(offset, couplet) for every 4+4 clause pair standing alone: 基础不牢，地动山摇."""
    return [(m.start() - 4, text[m.start() - 4:m.end() + 4]) for m in _COUPLET_SEPARATOR.finditer(text)]


# --------------------------------------------------------------------------- collocations

STOPWORDS = frozenset("""我们 你们 他们 大家 这个 那个 一个 这些 那些 这样 那样 一些 以及 还是 就是 通过 对于 进行
要求 同时 进一步 不断 以上 以下 其中 已经 目前 当前 今年 去年 没有 可以 能够 必须 需要 一定 作为 因此 但是
如果 只有 所以 方面 问题 情况 工作 有关 相关 各种 各级 我县 我市 全县 全市 自身 之间 起来 过程 为了 并且 而且""".split())


def word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags (word -> tag), read once per process."""
    global _TAGS
    if _TAGS is None:
        from drafter.segment import dictionary_file
        try:
            with dictionary_file() as fh:
                text = fh.read().decode("utf-8")
            _TAGS = dict(_DICT_LINE.findall(text))
        except (OSError, UnicodeDecodeError, AttributeError):
            _TAGS = {}
    return _TAGS


_DICT_LINE = re.compile(r"^(\S+) \d+ ([a-z]+)\r?$", re.M)
_TAGS: dict[str, str] | None = None
_VERB_TAGS = {"v", "vd", "vn"}
_OBJECT_TAGS = {"n", "vn", "nz", "a", "an", "j", "l"}
_ALL_CJK = re.compile(f"[{CJK}]+")
_PAIR_WORDS: tuple[frozenset[str], frozenset[str]] | None = None


def pair_words() -> tuple[frozenset[str], frozenset[str]]:
    """(verbs, objects): dictionary words that can start / end a verb+object pair."""
    global _PAIR_WORDS
    if _PAIR_WORDS is None:
        verbs, objects = set(), set()
        for w, tag in word_tags().items():
            if len(w) >= 2 and w not in STOPWORDS and _ALL_CJK.fullmatch(w):
                if tag in _VERB_TAGS:
                    verbs.add(w)
                if tag in _OBJECT_TAGS:
                    objects.add(w)
        _PAIR_WORDS = (frozenset(verbs), frozenset(objects))
    return _PAIR_WORDS


class Bounds:
    """Word-boundary offsets of a segmented line, computed only when a list needs trimming."""

    __slots__ = ("words", "_set")

    def __init__(self, words: Sequence[str]):
        self.words = words
        self._set: set[int] | None = None

    def __contains__(self, offset: int) -> bool:
        if self._set is None:
            self._set = {0, *itertools.accumulate(map(len, self.words))}
        return offset in self._set


def collocations(words: Sequence[str], pairs: tuple[frozenset[str], frozenset[str]] | None = None
                 ) -> list[tuple[int, str]]:
    """(offset, verb+object) pairs: 压实责任, 服务群众, 抓好落实.

    The first word must be a verb and the second a noun-like word by jieba's
    dictionary tags, and the object must end the phrase (punctuation or a
    one-character function word follows), so fragments of longer noun
    phrases (推动基层|党建) are left out.
    """
    verbs, objects = pairs or pair_words()
    out = []
    n = len(words)
    # Membership tests and offsets run in C (map/compress/accumulate); Python only
    # looks at the few verb+object candidates.
    starts = list(itertools.compress(range(n - 1), map(verbs.__contains__, words[:n - 1])))
    if not starts:
        return out
    offsets: list[int] | None = None
    for i in starts:
        w1, w2 = words[i], words[i + 1]
        if w2 in objects and len(w1) + len(w2) <= 6:
            after = words[i + 2] if i + 2 < n else ""
            if len(after) < 2 or not _ALL_CJK.fullmatch(after):
                if offsets is None:
                    offsets = list(itertools.accumulate(map(len, words), initial=0))
                out.append((offsets[i], w1 + w2))
    return out


_KEY_DROP = re.compile(r"[，、；。！：“”\s]")


def saying_key(text: str) -> str:
    return _KEY_DROP.sub("", text)


