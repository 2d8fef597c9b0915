"""The era model: which Party congress period a piece of wording belongs to.

Eras are Party congress periods (十五大以前 … 二十大时期) plus 通用 for wording
that does not date. A phrase's era comes from its own words, never from the
document it was found in: a registry formula (drafter/check/formulations.yaml,
its rules' `period` and its `markers`), a congress or plenum named, a dated
year (2021年), a five-year plan (十四五). The same registry feeds `drafter
check`, so the miner, the bank linter and the checker agree on what is old.

Dates follow the speech's date: the plan year (“十五五”开局之年) and Party
anniversaries are computed, and a formula told as history (a past year,
回顾, 过去, 曾经, ……以来 in its sentence) is not an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from drafter.numerals import from_chinese, to_chinese

PERIODS: tuple[str, ...] = ("十五大以前", "十六大时期", "十七大时期", "十八大时期", "十九大时期", "二十大时期")
TIMELESS = "通用"
CURRENT_PERIOD = "二十大时期"
# The year the bundled banks are judged for (mining must not depend on the clock).
REFERENCE_YEAR = 2026
# Years in which each congress opened (all in October or November: the year itself still
# belongs mostly to the period before).
_CONGRESS_YEARS = ((2002, "十六大时期"), (2007, "十七大时期"), (2012, "十八大时期"), (2017, "十九大时期"),
                   (2022, "二十大时期"))
PARTY_FOUNDED = 1921
# Years before this are history when named (1921年, 1949年), not the date of the wording.
_DATING_YEARS_FROM = 2003


def period_of_year(year: int) -> str:
    """The congress period that covers most of `year`."""
    period = PERIODS[0]
    for opened, name in _CONGRESS_YEARS:
        if year > opened:
            period = name
    return period


# --------------------------------------------------------------------------- five-year plans

@dataclass(frozen=True)
class Plan:
    number: int  # 14 for 十四五
    first: int
    last: int

    @property
    def name(self) -> str:
        return "十五" if self.number == 10 else f"十{to_chinese(self.number - 10)}五"

    def position(self, year: int) -> int:
        """0 for the first year (开局之年) … 4 for the last (收官之年)."""
        return year - self.first


def plan_of_year(year: int) -> Plan:
    number = (year - 2001) // 5 + 10
    first = 2001 + 5 * (number - 10)
    return Plan(number, first, first + 4)


def plan_named(name: str) -> Plan | None:
    """十四五 -> Plan(14, 2021, 2025); None for anything else."""
    m = re.fullmatch(r"十([一二三四五六七八九])五", name)
    if not m:
        return None
    number = 10 + (from_chinese(m.group(1)) or 0)
    first = 2001 + 5 * (number - 10)
    return Plan(number, first, first + 4)


def plan_year_phrase(year: int) -> str:
    """“十五五”开局之年 for 2026, “十五五”收官之年 for 2030, else the plan's 关键之年."""
    plan = plan_of_year(year)
    word = {0: "开局之年", 4: "收官之年"}.get(plan.position(year), "关键之年")
    return f"“{plan.name}”{word}"


def party_anniversary(year: int) -> int:
    """105 for 2026 (建党105周年)."""
    return year - PARTY_FOUNDED


# --------------------------------------------------------------------------- dating a text

@dataclass(frozen=True)
class Hit:
    period: str
    outdated: bool  # not current wording in the year asked about
    words: str  # what matched


@dataclass(frozen=True)
class Dating:
    era: str  # a PERIODS name or 通用
    outdated: bool
    hits: tuple[Hit, ...]


_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)\s*年(?!代)")
_PLAN = re.compile(r"十[一二三四五六七八九]五(?![大届年])")
_CONGRESS = re.compile(r"(?<![一二三四五六七八九十])(十[六七八九]|二十)(?:大|届)")


@cache
def _patterns() -> tuple:
    from drafter.check.rulefile import builtin_registry

    registry = builtin_registry()
    rules = tuple(r for r in registry.rules if r.period)
    patterns = [m.pattern for m in registry.markers] + [r.pattern for r in rules] + [_YEAR, _PLAN]
    return rules, registry.markers, _any_of(patterns), tuple(_required_chars(p) for p in patterns)


def _any_of(patterns: list[re.Pattern]) -> re.Pattern | None:
    """One pattern that matches where any of `patterns` does: most texts date nothing, and one
    search rules them out in half the time of ~90 (lint of 100,000 entries runs every text)."""
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:  # pragma: no cover - e.g. two rules naming the same group
        return None


def _required_chars(pattern: re.Pattern) -> frozenset[str]:
    """Characters every match of `pattern` contains (fewer is always safe: none rules nothing out).

    A text lacking some of each pattern's characters dates nothing, and a set test is far
    cheaper than the combined search (most undated texts never reach it)."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        from re import _constants as c, _parser  # the standard library's own pattern parser

        def required(items) -> set[str]:
            out: set[str] = set()
            for op, av in items:
                if op is c.LITERAL:
                    out.add(chr(av))
                elif op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
                    out |= required(av[3])
                elif op is c.BRANCH and av[1]:
                    out |= set.intersection(*(required(branch) for branch in av[1]))
                elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                    out |= required(av[2])
                elif op is c.IN and len(av) == 1 and av[0][0] is c.LITERAL:
                    out.add(chr(av[0][1]))
            return out  # anything else (assertions, classes, backreferences) requires nothing

        return frozenset(required(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - pragma: no cover - another Python's parser: no prefilter
        return frozenset()


# Past this many possible patterns, one combined search rules out an undated text faster than
# trying each (a long paragraph holds the characters of many).
_SEARCH_FIRST = 8


@lru_cache(maxsize=4)
def _by_char(required: tuple[frozenset[str], ...]) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """The patterns requiring no character, and the others filed under one character each requires.

    A text then tests only the patterns filed under its own characters: a handful, not all ~90
    (the subset tests had become the cost of dating a short text)."""
    always = tuple(i for i, need in enumerate(required) if not need)
    filed: dict[str, list[int]] = {}
    for i, need in enumerate(required):
        if need:
            filed.setdefault(min(need), []).append(i)
    return always, {c: tuple(ids) for c, ids in filed.items()}


def hits_in(text: str, year: int = REFERENCE_YEAR) -> list[Hit]:
    """Every piece of wording in `text` that dates it, with whether it is outdated in `year`."""
    rules, markers, any_dating, required = _patterns()
    always, filed = _by_char(required)
    chars = set(text)
    possible = set(always)
    for c in chars.intersection(filed):
        possible.update(i for i in filed[c] if required[i] <= chars)
    if not possible or (len(possible) > _SEARCH_FIRST and any_dating is not None
                        and not any_dating.search(text)):
        return []
    hits: list[Hit] = []
    for i, marker in enumerate(markers):
        for m in marker.pattern.finditer(text) if i in possible else ():
            old = marker.period != CURRENT_PERIOD or (marker.until is not None and marker.until < year)
            hits.append(Hit(marker.period, old, m.group()))
    for i, rule in enumerate(rules, len(markers)):
        m = rule.pattern.search(text) if i in possible else None
        if m:
            hits.append(Hit(rule.period, rule.applies(year) or rule.period != CURRENT_PERIOD, m.group()))
    for m in _YEAR.finditer(text) if len(required) - 2 in possible else ():
        y = int(m.group(1))
        if _DATING_YEARS_FROM <= y <= year:
            period = period_of_year(y)
            hits.append(Hit(period, period != CURRENT_PERIOD, m.group()))
    for m in _PLAN.finditer(text) if len(required) - 1 in possible else ():
        plan = plan_named(m.group())
        if plan is not None and plan.first <= year + 5:
            hits.append(Hit(period_of_year(plan.first - 1), plan.last < year, m.group()))
    return hits


def date_text(text: str, year: int = REFERENCE_YEAR) -> Dating:
    """The era of `text` from its own wording, and whether it is outdated in `year`.

    Outdated wording wins (the oldest outdated period); otherwise the newest
    period named; otherwise 通用.
    """
    hits = hits_in(text, year)
    old = [h.period for h in hits if h.outdated]
    if old:
        return Dating(min(old, key=PERIODS.index), True, tuple(hits))
    if hits:
        return Dating(max((h.period for h in hits), key=PERIODS.index), False, tuple(hits))
    return Dating(TIMELESS, False, ())


def era_of(text: str) -> str:
    """The era a text's own words date it to (通用 when nothing dates it)."""
    return date_text(text).era


# --------------------------------------------------------------------------- history or current?

_SENTENCE_END = re.compile(r"[。！？；\n]")
_CLAUSE_END = re.compile(r"[，：。！？；\n]")
# Said of the present or the future: the wording is presented as current work.
_PRESENT = re.compile(
    r"要(?=深入|扎实|认真|切实|坚持|继续|持续|进一步|全面|抓好|做好|把|以|加强|推进|落实|开展|牢记|做到|打赢|打好|坚决|确保|"
    r"聚焦|始终|全力|着力|按照|精心|统筹|不断|积极|主动|大力|围绕|高标准|组织|实施)"
    r"|必须|务必|继续|持续|正在|当前|目前|今年|本年度|明年|下一步|进一步|着力")
# Told as history: a review, the past, a perfective verb.
_HISTORY = re.compile(
    r"回顾|过去|曾经|曾|(?<!今年)(?<!本年)(?<!年初)以来|去年|前年|此前|以往|当年|那时|先后|期间|近年来|多年来|几年来|"
    r"[一二三四五六七八九十两\d]+年来|已经|[展进赢得成现织]了")
_REVIEW_HEADING = re.compile(r"回顾|过去|成绩|取得的成效|主要成效|[一二三四五两几]年来|工作总结|总结过去")


def _span(text: str, start: int, end: int, stop: re.Pattern) -> tuple[int, int]:
    a = max((m.end() for m in stop.finditer(text, 0, start)), default=0)
    m = stop.search(text, end)
    return a, (m.start() if m else len(text))


def is_history(text: str, start: int, end: int, year: int, *, review: bool = False) -> bool:
    """Whether text[start:end] is told as history rather than presented as current.

    History: its sentence names a past year or a review cue (回顾, 过去, 曾经,
    ……以来, 先后, 开展了), or it stands in a review (`review`: a 回顾/成绩
    section, or a paragraph that opens with one) — unless its own clause says
    it is current work (要, 必须, 继续, 正在, 当前, 今年).
    """
    ca, cb = _span(text, start, end, _CLAUSE_END)
    clause = text[ca:start] + text[end:cb]
    if _PRESENT.search(clause):
        return False
    sa, sb = _span(text, start, end, _SENTENCE_END)
    sentence = text[sa:start] + " " + text[end:sb]
    if any(int(y) < year for y in _YEAR.findall(sentence)):
        return True
    if _HISTORY.search(sentence):
        return True
    return review


def opens_review(text: str, year: int) -> bool:
    """A paragraph that opens by looking back (过去一年，…; 2025年，…)."""
    head = text[:12]
    if re.match(r"\s*(?:过去|回顾|一年来|五年来|去年|前年|[一二三四五六七八九十两]年来)", head):
        return True
    m = re.match(r"\s*((?:19|20)\d\d)年", head)
    return bool(m and int(m.group(1)) < year)


def review_heading(heading: str) -> bool:
    return bool(_REVIEW_HEADING.search(heading or ""))


# --------------------------------------------------------------------------- dated claims

@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    message: str
    current: str


_PLAN_CLAIM = re.compile(
    r"[“\"]?(十[一二三四五六七八九]?五)[”\"]?(?:规划|计划|时期)?(?:实施)?的?"
    r"(开局起步之年|开局之年|起步之年|开局年|第一年|收官之年|最后一年|决胜之年|冲刺之年|关键之年|攻坚之年|承上启下之年|关键一年)")
_START = ("开局起步之年", "开局之年", "起步之年", "开局年", "第一年")
_END = ("收官之年", "最后一年", "决胜之年", "冲刺之年")
_ANNIVERSARY = re.compile(
    r"(建党|中国共产党成立|新中国成立|中华人民共和国成立|改革开放)"
    r"(\d{1,3}|[一二三四五六七八九十百零]+)周年(?!大会|之际的|时的|的重要讲话|重要讲话)")
_BASE_YEAR = {"建党": 1921, "中国共产党成立": 1921, "新中国成立": 1949, "中华人民共和国成立": 1949, "改革开放": 1978}
_CELEBRATE = re.compile(r"今年是|今年|庆祝|喜迎|迎接|纪念|迎来")


def _target_year(sentence_before: str, year: int) -> tuple[int, bool]:
    """The year a claim is about and whether the sentence names it (今年, 明年, 2026年)."""
    years = _YEAR.findall(sentence_before)
    if years:
        return int(years[-1]), True
    if "明年" in sentence_before:
        return year + 1, True
    if "去年" in sentence_before:
        return year - 1, True
    return year, "今年" in sentence_before or "本年" in sentence_before


def dated_claims(text: str, year: int) -> list[Claim]:
    """Plan years and anniversaries in `text` that do not fit the year they are said of."""
    out: list[Claim] = []
    for m in _PLAN_CLAIM.finditer(text):
        sa, _ = _span(text, m.start(), m.end(), _SENTENCE_END)
        target, named = _target_year(text[sa:m.start()], year)
        plan = plan_named(m.group(1)) if m.group(1) != "十五" else Plan(10, 2001, 2005)
        if plan is None:
            continue
        expected = plan_of_year(target)
        pos = expected.position(target)
        word = m.group(2)
        wrong = plan.number != expected.number or (word in _START and pos != 0) or (word in _END and pos != 4)
        if wrong and (named or not is_history(text, m.start(), m.end(), year)):
            right = plan_year_phrase(target)
            out.append(Claim(m.start(), m.end(), f"{target}年是{right}，不是“{m.group(1)}”{word}", right))
    for m in _ANNIVERSARY.finditer(text):
        n = int(m.group(2)) if m.group(2).isdigit() else from_chinese(m.group(2))
        if n is None:
            continue
        sa, _ = _span(text, m.start(), m.end(), _SENTENCE_END)
        before = text[sa:m.start()]
        if not _CELEBRATE.search(before[-12:]):
            continue
        target, _named = _target_year(before, year)
        due = target - _BASE_YEAR[m.group(1)]
        ok = {due, due + 1} if re.search(r"喜迎|迎接|迎来", before[-8:]) and not _named else {due}
        if n not in ok:
            right = f"{m.group(1)}{due}周年"
            out.append(Claim(m.start(), m.end(), f"{target}年是{right}，不是{m.group(1)}{n}周年", right))
    return out
