"""Ranking phrase-bank entries for the section a writer is drafting.

Order, first key first:

1. what is ranked down comes last whatever its score: earlier-era wording
   (unless that era is asked for), then entries that address another level's
   audience (各县 in a county speech) or tie an opening/closing to another
   topic (a 软弱涣散 closing in a talent speech), then local practices
   (地方做法), so they never outrank general wording;
2. tier: the section's own functions, then related ones (the outline's list,
   sayings, slogans…), then any entry sharing the query's words;
3. score: idf-weighted overlap with the topic, its thesaurus words
   (topics.yaml: 乡村振兴 -> 农村、产业、村集体…), the heading and topic tags;
   a {{ topic }} slot counts as on topic;
4. recurrence across the corpus.

Near-duplicates of a higher result are dropped, and collective scope words
of another level (全市 in a county speech) become the {{ scope }} slot. Each
result carries short reasons the CLI prints.

Speed: an inverted index keyed by (function, word) means a query touches only
the postings of its own tiers; everything that depends on an entry alone
(era, scope words, topic marks) is worked out lazily for the few entries a
query looks at. The entries' words are computed once per bank contents and
kept in memory and in a JSON cache (jieba with HMM off, as the miner segments).
Substring search (the UI's Ctrl+F) uses a
character index instead of scanning every entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import json
import math
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from drafter.phrases.bank import CURRENT_ERAS, FUNCTIONS, OUTDATED_TAG, SLOT_RE, Bank, Entry, slots_in
from drafter.phrases.topics import Thesaurus, Topic, thesaurus
from drafter.resources import cache_dir
from drafter.textio import atomic_write

# Functions useful in any section, offered after the role's own ones.
GENERAL_FUNCTIONS = ("saying", "parallel", "slogan", "collocation", "connective")

# Functions that frame the whole speech: a topic-specific one only fits a speech on that topic.
FRAMING_PREFIXES = ("opening.", "closing.", "host.")

# Tag of a local one-off practice: kept searchable, never above general wording.
LOCAL_TAG = "地方做法"

# Role names used by outlines and the UI, beyond "section.<role>" and exact function names.
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "opening": ("opening.purpose", "opening.acknowledge", "opening.context"),
    "purpose": ("opening.purpose",),
    "acknowledge": ("opening.acknowledge",),
    "context": ("opening.context",),
    "transition": ("transition.points",),
    "points": ("transition.points",),
    "closing": ("closing.call", "closing.resolve"),
    "call": ("closing.call",),
    "resolve": ("closing.resolve",),
    "heading": ("heading.pattern",),
    "section": tuple(f for f in FUNCTIONS if f.startswith("section.")),
    "accountability": ("section.leadership", "section.supervision"),
    "requirements": ("section.style", "section.leadership"),
    "expectations": ("section.style", "closing.call"),
    "work": ("section.tasks",),
}

# Query words too common in headings and topics to say anything about an entry.
GENERIC_WORDS = frozenset({"工作", "建设", "加强", "推进", "重要性", "意义", "全面", "提升", "做好", "认识",
                           "充分认识", "统一思想", "重点", "突出", "会议", "工作会议", "讲话", "进一步"})

# Search: rank the hits one by one up to this many candidates; beyond, walk the ranking (at most _WALK).
_FEW = 4000
_WALK = 6000

# Demotion levels (higher = further down) and what the CLI says about them.
_DATED, _MISFIT, _LOCAL = 3, 2, 1

# ---------------------------------------------------------------------------- levels

# Level of an administrative unit, highest first: 省 > 市 > 县 > 镇 > 村.
UNIT_RANK = {"省": 4, "市": 3, "州": 3, "盟": 3, "县": 2, "区": 2, "旗": 2, "镇": 1, "乡": 1, "乡镇": 1,
             "街道": 1, "村": 0, "社区": 0}
_COLLECTIVE_RE = re.compile(r"(全|我|本)(省|市|县|区|镇|乡|州|旗)(?![场域内外级长委])")
_SUBORDINATE_RE = re.compile(r"各(乡镇|街道|县|区|市|镇|乡|村|社区)(?![域长])")
def _scope_unit(scope: str | None) -> str | None:
    """The territorial unit of a scope (全县/青田县/县直机关 -> 县, 丽水市/全市组织系统 -> 市), from the facts layer."""
    if not (scope or "").strip():
        return None
    from drafter.facts import scope_info

    unit = scope_info(re.sub(r"\s+", "", scope)).unit
    unit = "区" if unit == "自治区" else unit
    return unit if unit in UNIT_RANK else None


# ---------------------------------------------------------------------------- dated wording

_PLENUM_RE = re.compile(r"十([五六七八九])(?:大|届[一二三四五六七八九]中全会|届历次全会)(?!以来)")
_PLENUM_SINCE = {"五": 2003, "六": 2008, "七": 2013, "八": 2018, "九": 2023}
_PLAN_RE = re.compile(r"十([一二三四])五(?!五)")
_PLAN_SINCE = {"一": 2011, "二": 2016, "三": 2021, "四": 2026}
_YEAR_RE = re.compile(r"(?<![\d０-９])((?:19|20)\d{2})年")
def _dated_from(text: str) -> tuple[int, str] | None:
    """(first year the text's own wording is dated, the words) or None when nothing dates it."""
    hits: list[tuple[int, str]] = []
    for m in _PLENUM_RE.finditer(text):
        hits.append((_PLENUM_SINCE[m.group(1)], m.group(0)))
    for m in _PLAN_RE.finditer(text):
        hits.append((_PLAN_SINCE[m.group(1)], m.group(0)))
    for m in _YEAR_RE.finditer(text):
        hits.append((int(m.group(1)) + 1, m.group(0)))
    for pattern, since in _dated_wording():
        m = pattern.search(text)
        if m:
            hits.append((since, m.group(0)))
    for rule in _registry():
        m = rule.pattern.search(text)
        if m:
            hits.append((rule.since or 0, m.group(0)))
    return min(hits) if hits else None


def _registry() -> tuple:
    """The formulations registry `drafter check` uses (outdated and wrong wording), when available."""
    global _RULES
    if _RULES is None:
        try:
            from drafter.check.rulefile import builtin_rules

            _RULES = tuple(r for r in builtin_rules() if r.kind in ("outdated", "wrong"))
        except Exception:  # noqa: BLE001 - ranking must work without the checker
            _RULES = ()
    return _RULES


_RULES: tuple | None = None


def _dated_wording() -> tuple[tuple[re.Pattern, int], ...]:
    """Past campaigns and superseded formulas with the first year they are dated: the registry's
    markers that have an `until` (drafter/check/formulations.yaml, the list check and the miner read)."""
    global _DATED_WORDING
    if _DATED_WORDING is None:
        try:
            from drafter.check.rulefile import builtin_registry

            _DATED_WORDING = tuple((m.pattern, m.until + 1) for m in builtin_registry().markers
                                   if m.until is not None)
        except Exception:  # noqa: BLE001 - ranking must work without the checker
            _DATED_WORDING = ()
    return _DATED_WORDING


_DATED_WORDING: tuple | None = None


def _this_year() -> int:
    """The year a speech without a date is for: this one (a draft is written for now)."""
    import datetime

    return datetime.date.today().year


# ---------------------------------------------------------------------------- roles

def functions_for(role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(primary, related) functions for a section role such as "importance" or "section.importance"."""
    role = (role or "").strip()
    if role in FUNCTIONS:
        primary: tuple[str, ...] = (role,)
    elif f"section.{role}" in FUNCTIONS:
        primary = (f"section.{role}",)
    elif role in ROLE_ALIASES:
        primary = ROLE_ALIASES[role]
    elif role.split(".")[-1] in ROLE_ALIASES:
        primary = ROLE_ALIASES[role.split(".")[-1]]
    else:
        primary = tuple(f for f in FUNCTIONS if f.startswith(role + ".")) if role else ()
    group = {f.split(".")[0] for f in primary}
    framing = bool(primary) and all(f.startswith(FRAMING_PREFIXES + ("transition.",)) for f in primary)
    related = tuple(f for f in FUNCTIONS if f not in primary and (f.split(".")[0] in group
                                                                   or (f in GENERAL_FUNCTIONS and not framing)))
    if any(f.startswith("section.") for f in primary):
        related = ("heading.pattern",) + tuple(f for f in related if f != "heading.pattern")
    return primary, related


def _content_words(words: Iterable[str]) -> set[str]:
    return {w for w in words if len(w) >= 2 and any("\u4e00" <= ch <= "\u9fff" for ch in w)}


def _plain(text: str) -> str:
    return SLOT_RE.sub(" ", text)


# ---------------------------------------------------------------------------- results

@dataclass(frozen=True)
class Query:
    """What the writer is drafting: the section's role and the speech's topic, level, date and outline."""

    role: str
    topic: str = ""
    heading: str = ""
    scope: str | None = None
    year: int | None = None
    outline: str | None = None
    functions: tuple[str, ...] = ()  # related functions named by the outline's section
    eras: frozenset[str] = frozenset()  # earlier eras asked for: not ranked down
    primary: tuple[str, ...] = ()  # the part's own functions when the outline names them (opening, closing)


@dataclass
class Ranked:
    """One ranked entry: the entry as it fits this speech (scope words made slots), why, and how well."""

    entry: Entry
    score: float
    reasons: list[str] = field(default_factory=list)
    demoted: str | None = None  # why it was ranked down, if it was


@dataclass(frozen=True)
class _Info:
    """What an entry says about itself, independent of any query (computed lazily, once)."""

    era: str | None  # an earlier era from its label or the 旧提法 tag
    dated: tuple[int, str] | None  # (first year its wording is dated, the words)
    local: bool
    collectives: tuple[tuple[str, str], ...]  # (全/我/本, unit) as written
    subordinate: str | None  # highest unit it addresses as 各X (各县, 各乡镇)
    marks: frozenset[str]  # topics whose marks it carries
    grams: frozenset[str]  # character bigrams, for near-duplicates


@dataclass
class _Index:
    entries: list[Entry]
    tokens: list[frozenset[str]]
    postings: dict[str, dict[str, list[int]]]  # function -> word -> entries
    idf: dict[str, float]
    recurrence: list[float]
    by_recurrence: dict[str, list[int]]  # function -> entries, most recurrent first
    info: dict[int, _Info] = field(default_factory=dict)
    haystack: list[str] | None = None  # search: text and tags
    chars: dict[str, array] | None = None  # search: character -> entries holding it


_MEMORY: dict[str, _Index] = {}


def banks_key(banks: Sequence[Bank]) -> str:
    h = hashlib.sha256(b"rank-index-3")
    h.update(thesaurus().digest.encode())
    for b in banks:
        h.update((b.digest or _entries_digest(b)).encode() + b"\0")
    return h.hexdigest()[:32]


def _entries_digest(bank: Bank) -> str:
    data = json.dumps([e.to_dict() for e in bank.entries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _grams(text: str) -> frozenset[str]:
    t = re.sub(r"[^\u4e00-\u9fff]", "", _plain(text))
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def near_duplicate(a: frozenset[str], b: frozenset[str], threshold: float = 0.6) -> bool:
    """True when two entries share most of their character bigrams (Jaccard ≥ threshold)."""
    la, lb = len(a), len(b)
    if not la or not lb or la < threshold * lb or lb < threshold * la:
        return False
    inter = len(a & b)
    return inter >= threshold * (la + lb - inter)


class Ranker:
    """Suggest entries for a role, topic and heading: `Ranker(banks).suggest("importance", "基层党建")`."""

    def __init__(self, banks: Sequence[Bank], *, use_cache: bool = True, topics: Thesaurus | None = None):
        self.banks = list(banks)
        self.use_cache = use_cache
        self.topics = topics or thesaurus()
        self._index: _Index | None = None
        self._key = banks_key(self.banks)

    # ------------------------------------------------------------------ index
    @property
    def index(self) -> _Index:
        if self._index is None:
            self._index = _MEMORY.get(self._key) or self._build()
            _MEMORY[self._key] = self._index
        return self._index

    def _build(self) -> _Index:
        entries = [e for b in self.banks for e in b.entries]
        tokens = self._load_tokens(entries)
        postings: dict[str, dict[str, list[int]]] = {}
        for i, (e, toks) in enumerate(zip(entries, tokens)):
            fp = postings.get(e.function)
            if fp is None:
                fp = postings[e.function] = {}
            for t in toks:
                lst = fp.get(t)
                if lst is None:
                    fp[t] = [i]
                else:
                    lst.append(i)
        df: dict[str, int] = defaultdict(int)
        for fp in postings.values():
            for t, lst in fp.items():
                df[t] += len(lst)
        n = max(len(entries), 1)
        idf = {t: math.log(1 + n / c) for t, c in df.items()}
        recurrence = [math.log1p((e.count or {}).get("documents", 0)) + 0.1 * math.log1p(
            (e.count or {}).get("occurrences", 0)) for e in entries]
        by_recurrence: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(entries):
            by_recurrence[e.function].append(i)
        for lst in by_recurrence.values():
            lst.sort(key=lambda i: (-recurrence[i], i))
        return _Index(entries, tokens, postings, idf, recurrence, dict(by_recurrence))

    def _load_tokens(self, entries: list[Entry]) -> list[frozenset[str]]:
        path = cache_dir() / f"rank-{self._key}.json"
        if self.use_cache:
            try:
                cached = json.loads(path.read_text(encoding="utf-8"))
                if len(cached) == len(entries):
                    return [frozenset(t) for t in cached]
            except (OSError, ValueError, TypeError):
                pass
        from drafter.segment import jieba
        cut = jieba().cut
        scan = _word_scanner(self.topics.words())
        tokens = []
        for e in entries:
            plain = _plain(e.text)
            toks = _content_words(cut(plain, HMM=False)) | scan(plain) | {f"#{t}" for t in e.tags}
            if "topic" in e.slots or "topic" in slots_in(e.text):
                toks.add("$topic")
            tokens.append(frozenset(toks))
        if self.use_cache:
            try:
                atomic_write(path, json.dumps([sorted(t) for t in tokens], ensure_ascii=False), force=True)
            except Exception:  # noqa: BLE001 - the cache is optional
                pass
        return tokens

    def _info(self, i: int) -> _Info:
        ix = self.index
        got = ix.info.get(i)
        if got is None:
            e = ix.entries[i]
            text = _plain(e.text)
            era = e.era if e.era and e.era not in CURRENT_ERAS else ("旧提法" if OUTDATED_TAG in e.tags else None)
            subs = [m.group(1) for m in _SUBORDINATE_RE.finditer(text)]
            marks = frozenset(t.name for t in self.topics.topics if any(m in text for m in t.marks))
            got = _Info(era, _dated_from(text), LOCAL_TAG in e.tags,
                        tuple((m.group(1), m.group(2)) for m in _COLLECTIVE_RE.finditer(text)),
                        max(subs, key=lambda u: UNIT_RANK[u]) if subs else None, marks, _grams(e.text))
            ix.info[i] = got
        return got

    # ------------------------------------------------------------------ queries
    def query_words(self, *texts: str) -> set[str]:
        from drafter.segment import jieba
        cut = jieba().cut
        words: set[str] = set()
        for t in texts:
            if t:
                words |= _content_words(cut(_plain(t), HMM=False))
        return words

    def _weights(self, q: Query, topics: tuple[Topic, ...]) -> dict[str, float]:
        """Query word -> weight: the topic's and heading's own words, the thesaurus's, tags, the topic slot."""
        idf = self.index.idf
        weights: dict[str, float] = {}

        def add(word: str, w: float) -> None:
            if word in idf and w > weights.get(word, 0.0):
                weights[word] = w

        for w in self.query_words(q.topic, q.heading) - GENERIC_WORDS:
            add(w, idf[w] if w in idf else 0.0)
        for t in topics:
            for w in t.names:
                add(w, idf.get(w, 0.0))
            for w in t.words:
                add(w, 0.6 * idf.get(w, 0.0))
            for tag in t.tags:
                add(f"#{tag}", 1.0)
        if q.topic:
            add(f"#{q.topic}", 1.0)
            add("$topic", 1.0)
        return weights

    def _scores(self, functions: Iterable[str], weights: dict[str, float]) -> dict[int, float]:
        postings = self.index.postings
        scores: dict[int, float] = defaultdict(float)
        for f in functions:
            fp = postings.get(f)
            if not fp:
                continue
            for w, wt in weights.items():
                lst = fp.get(w)
                if lst:
                    for i in lst:
                        scores[i] += wt
        return scores

    def _stream(self, primary: tuple[str, ...], related: tuple[str, ...], weights: dict[str, float],
                shared_words: bool = True) -> Iterator[tuple[int, float, int]]:
        """(tier, score, entry) in order of tier, score and recurrence; lazily, tier by tier.

        Tier 0 (other functions sharing the query's words) only when `shared_words`."""
        ix = self.index
        rec = ix.recurrence
        done: set[str] = set()
        for tier, functions in ((2, primary), (1, related)):
            functions = tuple(f for f in dict.fromkeys(functions) if f not in done)
            done.update(functions)
            scores = self._scores(functions, weights)
            yield from _popped(tier, [(-sc, -rec[i], i) for i, sc in scores.items()])
            lists = [ix.by_recurrence.get(f, ()) for f in functions]
            for i in heapq.merge(*lists, key=lambda i: (-rec[i], i)):
                if i not in scores:
                    yield tier, 0.0, i
        if not shared_words:
            return
        others = [f for f in ix.by_recurrence if f not in done]
        scores = self._scores(others, weights)
        yield from _popped(0, [(-sc, -rec[i], i) for i, sc in scores.items()])

    def _demotion(self, info: _Info, e: Entry, q: Query, unit: str | None,
                  topics: tuple[Topic, ...]) -> tuple[int, str | None]:
        if info.era and info.era not in q.eras:
            return _DATED, f"earlier era {info.era}"
        if info.dated and (q.year or _this_year()) >= info.dated[0] and not q.eras:
            return _DATED, f"dated wording {info.dated[1]}"
        if unit and info.subordinate and UNIT_RANK[info.subordinate] >= UNIT_RANK[unit]:
            return _MISFIT, f"addresses 各{info.subordinate}, a higher level's audience"
        if info.marks and e.function.startswith(FRAMING_PREFIXES) and not info.marks & {t.name for t in topics}:
            return _MISFIT, f"an opening or closing for a {'、'.join(sorted(info.marks))} speech"
        if info.local:
            return _LOCAL, f"{LOCAL_TAG} (local practice)"
        return 0, None

    def _tiers(self, q: Query) -> tuple[tuple[str, ...], tuple[str, ...]]:
        primary, related = functions_for(q.role)
        if q.primary:
            related, primary = (*primary, *related), q.primary
        return primary, tuple(f for f in dict.fromkeys((*q.functions, *related)) if f not in primary)

    def _subset(self, indexes: Iterable[int], primary: tuple[str, ...], related: tuple[str, ...],
                weights: dict[str, float]) -> list[tuple[int, float, int]]:
        """A few entries (search hits) in stream order, every one of them, scored one by one."""
        ix = self.index
        tier_of = {f: 1 for f in related} | {f: 2 for f in primary}
        words = set(weights)
        entries, tokens, rec = ix.entries, ix.tokens, ix.recurrence
        rows = []
        for i in indexes:
            shared = tokens[i] & words
            score = sum(weights[w] for w in shared) if shared else 0.0
            rows.append((-tier_of.get(entries[i].function, 0), -score, -rec[i], i))
        rows.sort()
        return [(-t, -sc, i) for t, sc, _, i in rows]

    def rank(self, q: Query, limit: int = 20, *, among: Iterable[int] | None = None, where=None,
             budget: int | None = None, dedupe: bool = True) -> list[Ranked] | None:
        """The best `limit` entries for `q`, with reasons.

        `among` ranks only those entries (search hits); `where(i)` skips entries while walking the
        ranking, giving up (None) after `budget` entries without finding `limit`; `dedupe` drops
        near-duplicates of a higher result.
        """
        if limit <= 0:
            return []
        ix = self.index
        primary, related = self._tiers(q)
        topics = self.topics.matching(q.topic, q.outline)
        weights = self._weights(q, topics)
        unit = _scope_unit(q.scope)
        if among is not None:
            stream: Iterable[tuple[int, float, int]] = self._subset(among, primary, related, weights)
        else:
            stream = self._stream(primary, related, weights, shared_words=where is None)
        kept: list[tuple[int, int, float, int, str | None, int]] = []  # (demotion, order, score, entry, why, tier)
        good = 0
        grams: list[frozenset[str]] = []
        entries = ix.entries
        for order, (tier, score, i) in enumerate(stream):
            if where is not None and not where(i):
                if budget is not None and order >= budget:
                    return None
                continue
            info = self._info(i)
            if dedupe and any(near_duplicate(info.grams, g) for g in grams):
                continue
            level, why = self._demotion(info, entries[i], q, unit, topics)
            if level and len(kept) - good >= limit:
                continue  # enough ranked-down entries to fill any gap
            grams.append(info.grams)
            kept.append((level, order, score, i, why, tier))
            if not level:
                good += 1
                if good >= limit:
                    break
        else:
            if where is not None:
                return None  # the walk missed entries the ranking never reaches
        kept.sort(key=lambda k: (k[0], k[1]))
        return [self._ranked(i, score, tier, why, q, topics, weights, unit)
                for _, _, score, i, why, tier in kept[:limit]]

    def _ranked(self, i: int, score: float, tier: int, why: str | None, q: Query, topics: tuple[Topic, ...],
                weights: dict[str, float], unit: str | None) -> Ranked:
        ix = self.index
        e, info, toks = ix.entries[i], self._info(i), ix.tokens[i]
        reasons = [{2: "function", 1: "related function"}.get(tier, "shares words,") + f" {e.function}"]
        vocab = [w for t in topics for w in t.vocabulary]
        topic_words = [w for w in dict.fromkeys(vocab) if w in toks]
        if topic_words:
            reasons.append("topic words " + "、".join(topic_words[:4]))
        other = [w for w in weights if w in toks and not w.startswith(("#", "$")) and w not in topic_words]
        if other:
            reasons.append("words " + "、".join(sorted(other, key=lambda w: -weights[w])[:3]))
        tags = [w[1:] for w in weights if w.startswith("#") and w in toks]
        if tags:
            reasons.append("tag " + "、".join(tags[:3]))
        if "$topic" in toks and q.topic:
            reasons.append("fills {{ topic }}")
        docs = (e.count or {}).get("documents", 0)
        if docs >= 2:
            reasons.append(f"recurs in {docs} documents")
        if why:
            reasons.append(f"ranked down: {why}")
        entry = e
        foreign = [c for c in info.collectives if unit and c[1] != unit]
        if foreign:
            entry, said = _adapt_scope(e, unit)
            reasons.append(f"scope words {said} adapted to the speaker's level")
        return Ranked(entry, round(score, 2), reasons, why)

    def suggest(self, role: str, topic: str, heading: str = "", limit: int = 20, *, scope: str | None = None,
                year: int | None = None, outline: str | None = None, functions: Sequence[str] = (),
                eras: Iterable[str] = ()) -> list[Entry]:
        """The best `limit` entries for a section of `role` about `topic` under `heading` (see `rank`)."""
        q = Query(role or "", topic or "", heading or "", scope, year, outline, tuple(functions), frozenset(eras))
        return [r.entry for r in self.rank(q, limit)]

    # ------------------------------------------------------------------ search
    def search(self, text: str, role: str, topic: str, heading: str = "", limit: int = 30, **kw) -> list[Entry]:
        """Entries whose text or tags contain `text`, in ranking order (the UI's Ctrl+F)."""
        text = text.strip()
        if not text:
            return self.suggest(role, topic, heading, limit, **kw)
        q = Query(role or "", topic or "", heading or "", kw.get("scope"), kw.get("year"), kw.get("outline"),
                  tuple(kw.get("functions") or ()), frozenset(kw.get("eras") or ()))
        candidates = self._candidates(text)
        if not len(candidates):
            return []
        hay = self.index.haystack
        assert hay is not None
        estimate = len(candidates)
        if len(text) > 1 and estimate > _FEW:  # how many candidates really hold the text: check a sample
            sample = candidates[::max(1, len(candidates) // 400)]
            estimate = len(candidates) * sum(1 for i in sample if text in hay[i]) // max(len(sample), 1)
        if estimate > _FEW:  # many hits: walk the ranking and keep what contains the text
            walked = self.rank(q, limit, where=lambda i: text in hay[i], budget=_WALK, dedupe=False)
            if walked is not None:
                return [r.entry for r in walked]
        matches = [i for i in candidates if text in hay[i]] if len(text) > 1 else candidates
        return [r.entry for r in self.rank(q, limit, among=matches, dedupe=False) or ()]

    def matching(self, text: str) -> set[int]:
        """Indexes of entries whose text or tags contain `text` (character index, then a check)."""
        candidates = self._candidates(text)
        hay = self.index.haystack
        assert hay is not None
        return {i for i in candidates if text in hay[i]}

    def _candidates(self, text: str) -> Sequence[int]:
        """Entries holding the rarest character of `text` (a superset of the matches)."""
        ix = self.index
        if ix.chars is None:
            self.build_search()
        assert ix.chars is not None
        lists = [ix.chars.get(ch) for ch in set(text)]
        if any(lst is None for lst in lists):
            return ()
        return min(lists, key=len)

    def build_search(self) -> None:
        """Build the character index for `search` (the UI calls it in a worker)."""
        ix = self.index
        if ix.chars is not None:
            return
        hay = [e.text + "\n" + " ".join(e.tags) for e in ix.entries]
        chars: dict[str, array] = {}
        for i, h in enumerate(hay):
            for ch in set(h):
                lst = chars.get(ch)
                if lst is None:
                    lst = chars[ch] = array("i")
                lst.append(i)
        ix.haystack, ix.chars = hay, chars


def _popped(tier: int, rows: list[tuple[float, float, int]]) -> Iterator[tuple[int, float, int]]:
    """(tier, score, entry) best first, sorting lazily: a query usually needs only the first few."""
    heapq.heapify(rows)
    while rows:
        neg, _, i = heapq.heappop(rows)
        yield tier, -neg, i


def _word_scanner(words: Iterable[str]):
    """A function text -> the given words it contains (indexed by their first two characters)."""
    heads: dict[str, list[str]] = defaultdict(list)
    singles: set[str] = set()
    for w in words:
        (heads[w[:2]].append(w) if len(w) >= 2 else singles.add(w))

    def scan(text: str) -> set[str]:
        found = {ch for ch in text if ch in singles} if singles else set()
        for p in range(len(text) - 1):
            ws = heads.get(text[p:p + 2])
            if ws:
                for w in ws:
                    if text.startswith(w, p):
                        found.add(w)
        return found
    return scan


def _adapt_scope(e: Entry, unit: str) -> tuple[Entry, str]:
    """The entry with another level's 全X as the {{ scope }} slot and 我X/本X as the speaker's own unit."""
    said: list[str] = []

    def swap(m: re.Match) -> str:
        if m.group(2) == unit:
            return m.group(0)
        said.append(m.group(0))
        return "{{ scope }}" if m.group(1) == "全" else m.group(1) + unit

    parts = re.split(r"(\{\{[^}]*\}\})", e.text)
    text = "".join(p if p.startswith("{{") else _COLLECTIVE_RE.sub(swap, p) for p in parts)
    return dataclasses.replace(e, text=text, slots=slots_in(text)), "、".join(dict.fromkeys(said))
