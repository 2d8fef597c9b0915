"""Mining phrase-bank entries out of parsed speeches.

One document in, records out: `mine_document(speech, lines, file)` is a pure
function of a parsed speech and its cleaned lines, so a large corpus is
mined in parallel processes and `merge` folds the records into entries
deterministically (stable ids, sorted output): mining the same corpus twice
writes identical banks.

What is mined, by position and shape rather than by any seed's wording:
- formulas: opening (purpose, 刚才……acknowledgement), transition (下面，我就……
  讲四点意见), closing (只要……就一定能够……; 希望……！), the variable middle
  generalised to {{ topic }} / {{ name }};
- heading patterns, with genre frames generalised (充分认识{{ topic }}的重要性,
  要在{{ topic }}上下功夫, 为{{ topic }}奠定基础…);
- parallel lists (排比) of equal-length items sharing a character or shape;
- quoted sayings and introduced ones (我们常说，……), plus unquoted 4+4
  couplets that recur in two or more documents;
- numbered slogans in quotes (“三会一课”, “两个确立”);
- collocations: adjacent jieba words recurring across documents.
Anonymisation marks (**区, *同志, xx书记, x月) become slots everywhere.
Every record keeps the file and the 1-based line (as committed) where its
first literal character sits.
"""

from __future__ import annotations

import bisect
import itertools
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from drafter.corpus.lines import TextLine
from drafter.model import Paragraph, Speech
from drafter.phrases.bank import CURRENT_ERA, ERAS, FUNCTIONS, OUTDATED_TAG, Entry, era_of, literal_parts, \
    slots_in

CJK = "\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Record:
    """One mined occurrence (or several in one document: `n`)."""

    function: str
    text: str  # as it will read in the bank (slots for generalised parts)
    key: str  # what merge groups by
    file: str
    line: int
    doc: str  # document id: file#piece
    era: str | None = None  # the document's era
    tags: tuple[str, ...] = ()
    n: int = 1
    weak: bool = False  # a candidate kept only if it recurs across documents


# --------------------------------------------------------------------------- shared helpers

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
    found = {_TOPIC_OF[m.group()] for m in _TOPIC_RE.finditer(text)}
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
    if not _HAS_MARK.search(text):
        return text
    for pattern, slot in _ANON_RULES:
        text = pattern.sub(slot, text)
    return text


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs, each ending with its 。！？ when it has one."""
    out = []
    for m in re.finditer(r"[^。！？]+[。！？”]*", text):
        s = m.group()
        if s.strip():
            lead = len(s) - len(s.lstrip())
            out.append((m.start() + lead, s.strip()))
    return out


class Locator:
    """Finds a snippet in a piece's cleaned lines and returns its source line."""

    def __init__(self, lines: Sequence[TextLine]):
        self.lines = list(lines)
        self.starts: list[int] = []
        pos = 0
        for tl in self.lines:
            self.starts.append(pos)
            pos += len(tl.text) + 1
        self.text = "\n".join(tl.text for tl in self.lines)

    def line_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[i].line_at(offset - self.starts[i])

    def find(self, text: str, hint: int | None = None) -> int | None:
        """Line of `text` (slots aside: its literal parts in order), nearest to `hint`."""
        parts = literal_parts(text)
        if not parts:
            return None
        best: tuple[int, int] | None = None
        start = self.text.find(parts[0])
        while start != -1:
            end = start + len(parts[0])
            ok = True
            for p in parts[1:]:
                nxt = self.text.find(p, end)
                if nxt == -1 or "\n" in self.text[end:nxt]:
                    ok = False
                    break
                end = nxt + len(p)
            if ok:
                line = self.line_at(start)
                score = abs(line - hint) if hint is not None else 0
                if best is None or score < best[0]:
                    best = (score, line)
                if score == 0 or hint is None:
                    break
            start = self.text.find(parts[0], start + 1)
        return best[1] if best else None


# --------------------------------------------------------------------------- formulas

_NAME_BEFORE_TONGZHI = re.compile(
    rf"(?:(?<=[，、：])|(?<=刚才)|(?<=部长)|(?<=书记)|(?<=主任)|(?<=常委)|(?<=县长)|(?<=市长)|(?<=区长)|(?<=主席))"
    rf"[{CJK}]{{2,3}}(?=同志)")
_ACK_MIDDLE = re.compile(rf"就([^，。]{{2,30}}?)(作了|提出了|讲了|进行了)")
_TRANSITION = re.compile(r"下面|以下|主要讲|讲[一二两三四五六七八九十几]+点|谈[一二两三四五六七八九十几]+点")
_TRANSITION_MIDDLE = re.compile(rf"(?<=就)([^。：]{{2,40}}?)，?(?=(?:讲|谈|提)[一二两三四五六七八九十几些])")
_PURPOSE_HINT = re.compile(r"意义|载体|行动|召开|会议|任务|目的|举措|契机")
_CONTRIBUTION = re.compile(rf"为([^，。！]{{2,30}}?)(作出|做出)(新的更大的?|积极|更大的?)贡献")


def _formula_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    out: list[Record] = []

    def emit(function: str, text: str, hint: int | None) -> None:
        text = anonymised(text.strip())
        if len(text) < 6 or len(text) > 200:
            return
        line = loc.find(text, hint)
        if line is not None:
            out.append(Record(function, text, text, line=line, tags=topic_tags(text), **base))

    for i, para in enumerate(speech.opening):
        for j, (_, s) in enumerate(split_sentences(para.text)):
            if "刚才" in s:
                s = s[s.index("刚才"):]
                s = _NAME_BEFORE_TONGZHI.sub("{{ name }}", s)
                s = _ACK_MIDDLE.sub(r"就{{ topic }}\2", s, count=1)
                emit("opening.acknowledge", s, para.line)
            elif _TRANSITION.search(s) and ("意见" in s or "方面" in s or "想法" in s):
                emit("transition.points", _transition_text(s), para.line)
            elif i == 0 and j == 0 and _PURPOSE_HINT.search(s):
                emit("opening.purpose", _purpose_text(s), para.line)
    transition = [speech.transition] if speech.transition else []
    for para in transition:
        for _, s in split_sentences(para.text):
            if _TRANSITION.search(s) or "意见" in s:
                emit("transition.points", _transition_text(s), para.line)
    closing_paras = list(speech.closing)
    # Closing words that a parser left inside the last section still close the speech.
    for section in speech.walk():
        closing_paras.extend(p for p in section.paragraphs if "同志们，" in p.text and p not in closing_paras)
    for para in closing_paras:
        for _, s in split_sentences(para.text):
            if "同志们，" in s and not s.startswith("同志们，"):
                s = s[s.index("同志们，"):]
            if "只要" in s and "就一定" in s:
                emit("closing.resolve", s, para.line)
            elif s.endswith("！") or s.startswith(("希望", "让我们")):
                emit("closing.call", _CONTRIBUTION.sub(r"为{{ topic }}\2\3贡献", s), para.line)
    return out


def _transition_text(s: str) -> str:
    if "下面" in s:
        s = s[s.index("下面"):]
    cut = re.search(r"(意见|方面的内容|想法)[。：]?", s)
    if cut:
        s = s[:cut.end()]
    return _TRANSITION_MIDDLE.sub("{{ topic }}", s, count=1)


def _purpose_text(s: str) -> str:
    at = s.find("，是")
    if 4 <= at <= 60:
        return "{{ topic }}" + s[at:]
    return s


# --------------------------------------------------------------------------- headings

# Genre frames: the variable middle of a heading clause becomes {{ topic }}.
HEADING_FRAMES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"(充分|深刻|切实)?认识([^，]{{2,24}}?)的(重要性|紧迫性|必要性|重大意义|重要意义)"),
     r"\1认识{{ topic }}的\3"),
    (re.compile(rf"确保([^，]{{2,24}}?)取得(实效|成效|明显成效|新成效)"), r"确保{{ topic }}取得\2"),
    (re.compile(rf"要在([^，]{{2,24}}?)上(下功夫|见实效|求突破)"), r"要在{{ topic }}上\2"),
    (re.compile(rf"为([^，]{{2,24}}?)奠定(坚实)?基础"), r"为{{ topic }}奠定\2基础"),
    (re.compile(rf"推动([^，]{{2,24}}?)(扎实有效开展|取得实效|再上新台阶|提质增效|走深走实|落地见效)"),
     r"推动{{ topic }}\2"),
]


def generalise_heading(heading: str) -> str:
    """A heading with its variable middle as {{ topic }} where a genre frame fits."""
    for pattern, repl in HEADING_FRAMES:
        new = pattern.sub(repl, heading, count=1)
        if new != heading:
            return new.replace("None", "")
    return heading


def _heading_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    out = []
    for section in speech.walk():
        h = section.heading.strip().rstrip("。；：")
        if not (4 <= len(h) <= 50) or not _CJK_RE.search(h):
            continue
        literal = anonymised(h)
        text = anonymised(generalise_heading(h))
        line = loc.find(text, section.line)
        if line is None:
            continue
        out.append(Record("heading.pattern", text, text, line=line, tags=topic_tags(literal), **base))
    return out


# Sentence cues of the body's argument roles (why / review / problems / how …), genre-wide.
SECTION_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("section.problems", re.compile(r"清醒(地|的)?(认识|看到)|不容忽视|存在的问题|差距和不足|薄弱环节")),
    ("section.importance", re.compile(r"充分认识|深刻认识|重要性和紧迫性|十分重要的意义|重大而深远的意义|是.{2,20}的(需要|基础|关键)")),
    ("section.leadership", re.compile(r"一级抓一级|层层抓落实|重要议事日程|第一责任人|一岗双责|齐抓共管|主体责任")),
    ("section.supervision", re.compile(r"^(要|必须).{0,20}(督查|督导|考核|问责)|(严格|强化|加强)(督查|考核|问责)")),
    ("section.review", re.compile(r"取得了(明显|显著|积极|新的)?(成效|成绩|进展)|成绩的取得")),
    ("section.style", re.compile(r"作风|形式主义|官僚主义|求真务实|真抓实干")),
    ("section.tasks", re.compile(r"^要(坚持|加强|推进|深化|着力|切实|突出|把)")),
)


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+，|首先，|其次，|最后，)")


def _section_records(speech: Speech, loc: Locator, base: dict) -> list[Record]:
    """Sentences of the body that carry a role cue, as section.* formulas."""
    out = []
    for section in speech.walk():
        for para in section.paragraphs:
            for _, s in split_sentences(para.text):
                s = _ENUMERATOR.sub("", s.strip())
                if not 14 <= len(s) <= 100 or not s.endswith(("。", "！")) or re.search(r"[0-9%]", s) \
                        or s.startswith(("如", "比如", "例如")):
                    continue  # local facts and examples are not reusable wording
                for function, cue in SECTION_CUES:
                    if cue.search(s):
                        text = anonymised(s)
                        line = loc.find(text, para.line)
                        if line is not None:
                            out.append(Record(function, text, text, line=line, tags=topic_tags(text), **base))
                        break
    return out


# --------------------------------------------------------------------------- parallels

_REPEATED_HEAD = re.compile(rf"([{CJK}]{{2}})[{CJK}]{{1,4}}，\1[{CJK}]{{1,4}}，\1")
_LIST_RE = re.compile(rf"(?<![{CJK}])[{CJK}]+(?:、[{CJK}]+){{2,}}")  # anchored at a run start: linear
_CLAUSE_SPLIT = re.compile(r"[，；。：！？“”（）]")


def parallel_lists(text: str, bounds=None) -> list[tuple[int, str]]:
    """(offset, list) for 排比 of 3+ equal-length items: 讲学习、讲政治、讲正气.

    The first and last items may run into the sentence around them (做到强核心、
    ……、强实力的); they are trimmed to the items' width, and with word
    boundaries `bounds` (offsets) a trim must fall between words.
    """
    found = []
    for m in _LIST_RE.finditer(text):
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
    if not _REPEATED_HEAD.search(text):
        return found
    run: list[tuple[int, str]] = []
    for m in list(re.finditer(r"[^，；。！？：、“”（）\s]+", text)) + [None]:
        off, c = (m.start(), m.group()) if m else (len(text), "")
        usable = 3 <= len(c) <= 6 and all(_CJK_RE.match(ch) for ch in c)
        if run and usable and len(c) == len(run[0][1]) and c[:2] == run[0][1][:2] \
                and off == run[-1][0] + len(run[-1][1]) + 1 and text[off - 1] == "，":
            run.append((off, c))
            continue
        if len(run) >= 3:
            found.append((run[0][0], "，".join(x for _, x in run)))
        run = [(off, c)] if usable else []
    return found


# --------------------------------------------------------------------------- quotes: sayings, slogans

_QUOTE_RE = re.compile(r"“([^“”\n]{2,40})”")
_NUMERALS = "一二两三四五六七八九十百千万"
_SLOGAN_RE = re.compile(rf"^[{_NUMERALS}][{CJK}]{{1,8}}$")
# Classical function words: a one-clause quote holding one reads as a saying (冰冻三尺非一日之寒),
# one without is usually the name of a programme or a post (党员诚信示范岗).
_SAYING_FUNCTION_CHARS = set("之不非而则必莫无乃亦其以于者也")
_PROGRAMME_END = ("工程", "活动", "制度", "机制", "模式", "行动", "品牌", "战略", "年", "工作法", "标准")
_INTRO_RE = re.compile(r"(?:常说|常讲|俗话说|古人说|古语说|说得好|有句话说|有一句话说|老话说)[，：]“?")


def classify_quote(q: str) -> str | None:
    """'slogan', 'saying' or None for the text inside “ ”."""
    q = q.rstrip("。！")
    if _SLOGAN_RE.match(q) and any(c not in _NUMERALS for c in q) and q[0] in _NUMERALS:
        return "slogan"
    clauses = [c for c in re.split(r"[，；]", q)]
    if 2 <= len(clauses) <= 4 and len(q) <= 30 \
            and all(3 <= len(c) <= 9 and all(_CJK_RE.match(ch) for ch in c) for c in clauses):
        return "saying"
    if 7 <= len(q) <= 10 and all(_CJK_RE.match(ch) for ch in q) and not q.endswith(_PROGRAMME_END) \
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
            if 3 <= len(c) <= 9 and all(_CJK_RE.match(ch) for ch in c) \
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


# Lookahead so overlapping couplets are all seen (我们常说，基础不牢，地动山摇).
_COUPLET_RE = re.compile(rf"(?<![{CJK}])(?=([{CJK}]{{4}}[，、][{CJK}]{{4}})(?![{CJK}]))")


# --------------------------------------------------------------------------- collocations

STOPWORDS = frozenset("""我们 你们 他们 大家 这个 那个 一个 这些 那些 这样 那样 一些 以及 还是 就是 通过 对于 进行
要求 同时 进一步 不断 以上 以下 其中 已经 目前 当前 今年 去年 没有 可以 能够 必须 需要 一定 作为 因此 但是
如果 只有 所以 方面 问题 情况 工作 有关 相关 各种 各级 我县 我市 全县 全市 自身 之间 起来 过程 为了 并且 而且""".split())


def word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags (word -> tag), read once per process."""
    global _TAGS
    if _TAGS is None:
        from drafter.segment import jieba
        try:
            with jieba().get_dict_file() as fh:
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


class _Bounds:
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
    pos = 0
    for i, w1 in enumerate(words):
        if w1 in verbs and i + 1 < n:
            w2 = words[i + 1]
            if w2 in objects and len(w1) + len(w2) <= 6:
                after = words[i + 2] if i + 2 < n else ""
                if len(after) < 2 or not _ALL_CJK.fullmatch(after):
                    out.append((pos, w1 + w2))
        pos += len(w1)
    return out


# --------------------------------------------------------------------------- one document

def document_era(lines: Sequence[TextLine]) -> str | None:
    return era_of("\n".join(tl.text for tl in lines))


def mine_document(speech: Speech, lines: Sequence[TextLine], file: str,
                  segment=None) -> list[Record]:
    """Every record of one speech. `segment(text) -> list[str]` defaults to jieba."""
    piece = speech.source.piece if speech.source else 0
    era = document_era(lines)
    base = {"file": file, "doc": f"{file}#{piece}", "era": era}
    loc = Locator(lines)
    records: list[Record] = []
    records += _formula_records(speech, loc, base)
    records += _heading_records(speech, loc, base)
    records += _section_records(speech, loc, base)
    if segment is None:
        from drafter.segment import jieba
        cut = jieba().cut

        def segment(text: str) -> list[str]:
            # Dictionary words only (no HMM guesses): collocations and list boundaries
            # need known words, and it is a quarter faster.
            return list(cut(text, HMM=False))

    counts: Counter = Counter()
    first: dict[tuple[str, str], tuple[int, str, tuple[str, ...]]] = {}

    line_tags: dict[tuple[int, int], tuple[str, ...]] = {}

    def note(function: str, key: str, text: str, tl: TextLine, offset: int, weak: bool = False) -> None:
        k = (function, key, weak)
        counts[k] += 1
        if k not in first:
            at = offset // 80  # topics of the text around the phrase, computed once per stretch
            span = (id(tl), at)
            if span not in line_tags:
                line_tags[span] = topic_tags(tl.text[max(0, at * 80 - 40):at * 80 + 120])
            first[k] = (tl.line_at(offset), text, line_tags[span])

    pairs = pair_words()
    for tl in lines:
        t = tl.text
        if not _CJK_RE.search(t):
            continue
        words = segment(t)
        for off, item in (parallel_lists(t, _Bounds(words)) if "、" in t or "，" in t else ()):
            note("parallel", item, anonymised(item), tl, off)
        said: set[str] = set()  # sayings already counted on this line
        for m in _QUOTE_RE.finditer(t):
            kind = classify_quote(m.group(1))
            inner = m.group(1).rstrip("。！")
            if kind == "slogan":
                note("slogan", inner, f"“{inner}”", tl, m.start())
            elif kind == "saying":
                said.add(_saying_key(inner))
                note("saying", _saying_key(inner), inner, tl, m.start(1))
        for off, s in introduced_saying(t):
            if _saying_key(s) not in said:
                said.add(_saying_key(s))
                note("saying", _saying_key(s), s, tl, off)
        for m in _COUPLET_RE.finditer(t):
            couplet = m.group(1)
            if _saying_key(couplet) not in said and not couplet[:4].endswith(("说", "讲", "指出", "强调")):
                note("saying", _saying_key(couplet), couplet, tl, m.start(), weak=True)
        for off, c in collocations(words, pairs):
            note("collocation", c, c, tl, off)
    for (function, key, weak), n in counts.items():
        line, text, tags = first[(function, key, weak)]
        records.append(Record(function, anonymised(text), key, line=line, tags=tags, n=n, weak=weak, **base))
    records.sort(key=lambda r: (r.function, r.key, r.weak, r.line, r.text))
    return records


def _saying_key(text: str) -> str:
    return re.sub(r"[，、；。！：“”\s]", "", text)


# --------------------------------------------------------------------------- merge

FUNCTION_ORDER = list(FUNCTIONS)
# Jieba collocations are kept when this frequent; the rest is noise at corpus scale.
COLLOCATION_MIN_OCCURRENCES = 2
COLLOCATION_MIN_DOCUMENTS = 2
COLLOCATION_LIMIT = 300
# Functions whose entries are timeless unless their own words date them.
TIMELESS = {"saying", "parallel", "slogan", "collocation"}


def entry_id(function: str, key: str, taken: set[str]) -> str:
    digest = hashlib.sha1(f"{function}|{key}".encode("utf-8")).hexdigest()
    size = 8
    eid = f"mined-{function.replace('.', '-')}-{digest[:size]}"
    while eid in taken:
        size += 2
        eid = f"mined-{function.replace('.', '-')}-{digest[:size]}"
    return eid


def merge(records: Iterable[Record]) -> list[Entry]:
    """Fold records from any number of documents into entries, deterministically."""
    groups: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        groups[(r.function, r.key)].append(r)
    entries: list[tuple[tuple, Entry]] = []
    taken: set[str] = set()
    for (function, key) in sorted(groups):
        group = sorted(groups[(function, key)], key=lambda r: (r.file, r.doc, r.line, r.weak, r.text))
        documents = len({r.doc for r in group})
        occurrences = sum(r.n for r in group)
        if function == "saying" and all(r.weak for r in group):
            if documents < 2:
                continue
            function = "collocation"  # a stock couplet, not a quoted saying
        elif function == "collocation" and (documents < COLLOCATION_MIN_DOCUMENTS
                                            or occurrences < COLLOCATION_MIN_OCCURRENCES):
            continue
        variants = Counter()
        for r in group:
            variants[r.text] += r.n
        text = sorted(variants, key=lambda t: (-variants[t], "，" not in t, group_index(group, t)))[0]
        src = next(r for r in group if r.text == text)
        era = era_of(text)
        if era is None and function not in TIMELESS:
            eras = [r.era for r in group if r.era]
            era = max(eras, key=ERAS.index) if eras else None
        tag_counts = Counter(t for r in group for t in r.tags)
        tags = [t for t, _ in sorted(tag_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        if era and era != CURRENT_ERA:
            tags.append(OUTDATED_TAG)
        eid = entry_id(function, key, taken)
        taken.add(eid)
        entry = Entry(id=eid, text=text, function=function, tags=tags, slots=slots_in(text), era=era,
                      source={"file": src.file, "line": src.line},
                      count={"occurrences": occurrences, "documents": documents})
        entries.append(((FUNCTION_ORDER.index(function), -documents, -occurrences, text, eid), entry))
    entries.sort(key=lambda pair: pair[0])
    # A collocation inside a mined saying, list or slogan adds nothing of its own.
    bigger = [_saying_key(e.text) for _, e in entries if e.function in ("saying", "parallel", "slogan")]
    kept: list[Entry] = []
    collocation_count = 0
    for _, e in entries:
        if e.function == "collocation":
            if any(e.text in b for b in bigger if len(b) > len(e.text)):
                continue
            collocation_count += 1
            if collocation_count > COLLOCATION_LIMIT:
                continue
        kept.append(e)
    return kept


def group_index(group: list[Record], text: str) -> int:
    return next(i for i, r in enumerate(group) if r.text == text)


# Bank files written by `drafter mine`, one per function group.
GROUPS: dict[str, tuple[str, ...]] = {
    "formulas": ("opening.purpose", "opening.acknowledge", "opening.context", "transition.points",
                 "closing.call", "closing.resolve", "connective"),
    "headings": ("heading.pattern",),
    "parallels": ("parallel",),
    "sayings": ("saying",),
    "slogans": ("slogan",),
    "collocations": ("collocation",),
    "sections": tuple(f for f in FUNCTIONS if f.startswith("section.")),
}


def group_of(function: str) -> str:
    for name, functions in GROUPS.items():
        if function in functions:
            return name
    return "other"


# --------------------------------------------------------------------------- files and corpora

CORPUS_SUFFIXES = (".txt", ".md", ".docx", ".docm")
PARALLEL_THRESHOLD = 4  # more files than this: mine in worker processes


@dataclass
class CorpusFile:
    path: str  # where to read it
    name: str  # how provenance names it: "<folder>/<file>" (stable across machines and cwd)


@dataclass
class MineResult:
    entries: list[Entry]
    files: list[CorpusFile]
    documents: int
    errors: list = field(default_factory=list)  # DrafterError per bad file


def corpus_files(args: Iterable[str]) -> list[CorpusFile]:
    """Files named on the command line, folders walked for corpus suffixes, sorted.

    Provenance names are relative to each argument's parent folder, so
    `seeds` and `/abs/path/seeds` both give "seeds/000_….txt".
    """
    from pathlib import Path

    out: list[CorpusFile] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            base = p.resolve().parent
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in CORPUS_SUFFIXES and not f.name.startswith(".") \
                        and f.name.lower() != "readme.md":
                    out.append(CorpusFile(str(f), f.resolve().relative_to(base).as_posix()))
        else:
            parent = p.resolve().parent.name
            out.append(CorpusFile(str(p), f"{parent}/{p.name}" if parent else p.name))
    seen: set[str] = set()
    unique = []
    for f in out:
        if f.name not in seen:
            seen.add(f.name)
            unique.append(f)
    return unique


def mine_file(path: str, name: str) -> tuple[list[Record], int]:
    """Records of every speech in one corpus file and the number of speeches."""
    from drafter.corpus.parse import parse_piece
    from drafter.corpus.pipeline import load_pieces

    records: list[Record] = []
    pieces = load_pieces(path)
    for piece in pieces:
        records += mine_document(parse_piece(piece), piece.lines, name)
    return records, len(pieces)


def _mine_file_safe(path: str, name: str):
    from drafter.errors import DrafterError
    try:
        return mine_file(path, name), None
    except DrafterError as exc:
        return None, exc


def mine_corpus(files: Sequence[CorpusFile], *, progress: bool = False,
                workers: int | None = None) -> MineResult:
    """Mine files (in parallel processes when there are many) and merge."""
    import os
    import sys

    results: dict[int, tuple] = {}
    bar = None
    task = None
    if progress and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress
        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("mining", total=len(files))
    try:
        parallel = len(files) > PARALLEL_THRESHOLD and (workers or os.cpu_count() or 1) > 1
        if parallel:
            from concurrent.futures import ProcessPoolExecutor, as_completed
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(_mine_file_safe, f.path, f.name): i for i, f in enumerate(files)}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    if bar is not None:
                        bar.advance(task)
        else:
            for i, f in enumerate(files):
                results[i] = _mine_file_safe(f.path, f.name)
                if bar is not None:
                    bar.advance(task)
    finally:
        if bar is not None:
            bar.stop()
    records: list[Record] = []
    documents = 0
    errors = []
    for i in range(len(files)):
        ok, err = results[i]
        if err is not None:
            errors.append(err)
            continue
        recs, n = ok
        records += recs
        documents += n
    return MineResult(merge(records), list(files), documents, errors)


def group_banks(result: MineResult, corpus_label: str) -> dict[str, "Bank"]:
    """One bank per function group (GROUPS), every group present even when empty."""
    from drafter.phrases.bank import Bank

    by_group: dict[str, list[Entry]] = {g: [] for g in GROUPS}
    for e in result.entries:
        by_group.setdefault(group_of(e.function), []).append(e)
    ok_files = len(result.files) - len(result.errors)
    banks = {}
    for g, entries in by_group.items():
        desc = (f"Mined from {corpus_label} ({ok_files} files, {result.documents} speeches): "
                f"{', '.join(GROUPS.get(g, (g,)))}")
        banks[g] = Bank(f"mined-{g}", desc, entries)
    return banks
