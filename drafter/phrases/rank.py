"""Ranking phrase-bank entries for the section a writer is drafting.

Order of preference: entries whose function matches the section's role,
then those of related functions (sayings, lists, slogans…); current-era
entries before outdated ones; within that, jieba keyword overlap with the
meeting's topic and the section heading, then corpus recurrence.

jieba is paid once per process (drafter.segment) and each entry's words
are computed once per bank contents: kept in memory and in a JSON cache
keyed by the banks' digests, so a later process skips segmenting them.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from drafter.phrases.bank import CURRENT_ERAS, FUNCTIONS, OUTDATED_TAG, SLOT_RE, Bank, Entry
from drafter.resources import cache_dir
from drafter.textio import atomic_write

# Functions useful in any section, offered after the role's own ones.
GENERAL_FUNCTIONS = ("saying", "parallel", "slogan", "collocation", "connective")

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
    "work": ("section.tasks",),
}


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
    related = tuple(f for f in FUNCTIONS if f not in primary and (f.split(".")[0] in group
                                                                   or f in GENERAL_FUNCTIONS))
    if any(f.startswith("section.") for f in primary):
        related = ("heading.pattern",) + tuple(f for f in related if f != "heading.pattern")
    return primary, related


def _content_words(words: Iterable[str]) -> set[str]:
    return {w for w in words if len(w) >= 2 and any("\u4e00" <= ch <= "\u9fff" for ch in w)}


@dataclass
class _Index:
    entries: list[Entry]
    tokens: list[frozenset[str]]
    by_function: dict[str, list[int]]
    by_token: dict[str, list[int]]
    idf: dict[str, float]
    recurrence: list[float]
    current: list[bool]
    by_tag: dict[str, list[int]]
    # (function, current?) -> [(-recurrence, index)] ascending: the order when overlap ties at zero
    ranked: dict[tuple[str, bool], list[tuple[float, int]]]


_MEMORY: dict[str, _Index] = {}


def banks_key(banks: Sequence[Bank]) -> str:
    h = hashlib.sha256(b"rank-index-1")
    for b in banks:
        h.update((b.digest or _entries_digest(b)).encode() + b"\0")
    return h.hexdigest()[:32]


def _entries_digest(bank: Bank) -> str:
    data = json.dumps([e.to_dict() for e in bank.entries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


class Ranker:
    """Suggest entries for a role, topic and heading: `Ranker(banks).suggest("importance", "基层党建")`."""

    def __init__(self, banks: Sequence[Bank], *, use_cache: bool = True):
        self.banks = list(banks)
        self.use_cache = use_cache
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
        by_function: dict[str, list[int]] = defaultdict(list)
        by_token: dict[str, list[int]] = defaultdict(list)
        for i, (e, toks) in enumerate(zip(entries, tokens)):
            by_function[e.function].append(i)
            for t in toks:
                by_token[t].append(i)
        n = max(len(entries), 1)
        idf = {t: math.log(1 + n / len(ix)) for t, ix in by_token.items()}
        recurrence = [math.log1p((e.count or {}).get("documents", 0)) + 0.1 * math.log1p(
            (e.count or {}).get("occurrences", 0)) for e in entries]
        current = [(e.era is None or e.era in CURRENT_ERAS) and OUTDATED_TAG not in e.tags for e in entries]
        by_tag: dict[str, list[int]] = defaultdict(list)
        ranked: dict[tuple[str, bool], list[tuple[float, int]]] = defaultdict(list)
        for i, e in enumerate(entries):
            for t in e.tags:
                by_tag[t].append(i)
            ranked[(e.function, current[i])].append((-recurrence[i], i))
        for lst in ranked.values():
            lst.sort()
        return _Index(entries, tokens, dict(by_function), dict(by_token), idf, recurrence, current,
                      dict(by_tag), dict(ranked))

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
        tokens = [frozenset(_content_words(cut(SLOT_RE.sub(" ", e.text)))) for e in entries]
        if self.use_cache:
            try:
                atomic_write(path, json.dumps([sorted(t) for t in tokens], ensure_ascii=False), force=True)
            except Exception:  # noqa: BLE001 - the cache is optional
                pass
        return tokens

    # ------------------------------------------------------------------ queries
    def query_words(self, *texts: str) -> set[str]:
        from drafter.segment import jieba
        cut = jieba().cut
        words: set[str] = set()
        for t in texts:
            if t:
                words |= _content_words(cut(SLOT_RE.sub(" ", t)))
        return words

    def suggest(self, role: str, topic: str, heading: str = "", limit: int = 20) -> list[Entry]:
        """The best `limit` entries for a section of `role` about `topic` under `heading`.

        Order: tier (the role's functions, then related ones, then any entry
        sharing words with the query), current era before outdated, keyword
        overlap (idf-weighted, plus topic tags named in the query), recurrence.
        """
        if limit <= 0:
            return []
        ix = self.index
        primary, related = functions_for(role)
        tier_of = {f: 1 for f in related} | {f: 2 for f in primary}
        overlap: dict[int, float] = defaultdict(float)
        for w in self.query_words(topic, heading):
            weight = ix.idf.get(w, 1.0)
            for i in ix.by_token.get(w, ()):
                overlap[i] += weight
        query_text = f"{topic}{heading}"
        for tag, members in ix.by_tag.items():
            if tag in query_text:
                for i in members:
                    overlap[i] += 1.0
        groups: dict[tuple[int, bool], list[tuple[float, float, int]]] = defaultdict(list)
        for i, score in overlap.items():
            groups[(tier_of.get(ix.entries[i].function, 0), ix.current[i])].append(
                (-score, -ix.recurrence[i], i))
        out: list[int] = []
        for tier in (2, 1, 0):
            for current in (True, False):
                need = limit - len(out)
                out += [c[-1] for c in heapq.nsmallest(need, groups.get((tier, current), ()))]
                if tier and len(out) < limit:  # then the group's entries without overlap, by recurrence
                    functions = primary if tier == 2 else related
                    lists = [ix.ranked.get((f, current), ()) for f in functions]
                    for _, i in heapq.merge(*lists):
                        if i not in overlap:
                            out.append(i)
                            if len(out) >= limit:
                                break
                if len(out) >= limit:
                    return [ix.entries[i] for i in out]
        return [ix.entries[i] for i in out]
