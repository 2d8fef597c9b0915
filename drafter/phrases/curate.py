"""Curator operations on bank files: search, add, lint, merge, stats.

Pure functions over banks (and, for `add`/`merge`, the files' text) so the
CLI (`drafter phrases …`) and the UI share them.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from operator import add
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from drafter.errors import DrafterError, Location, ValidationError
from drafter.gcpause import gc_paused
from drafter.phrases.bank import CURRENT_ERAS, LEGACY_ERA, LOCAL_TAG, OUTDATED_TAG, Bank, Entry, \
    current_era_of, format_bank, format_entry, parse_bank, slots_in, validate_bank
from drafter.textio import atomic_write, decode, read_bytes
from drafter.yamlsrc import parse_yaml

# Slots every build can fill when no outline module is there to ask: the spec's core facts
# plus the anonymisation slots the miner writes (README documents this list).
CORE_SLOTS = ("title", "speaker", "date", "scope", "meeting", "topic", "earlier_speakers", "committee",
              "region", "name", "town", "village", "month", "count")


def known_slots() -> set[str]:
    """Slot names outlines define (their fields), else CORE_SLOTS."""
    try:
        from drafter.outlines import load_outlines  # written by the build-spec work
    except ImportError:
        return set(CORE_SLOTS)
    try:
        outlines = load_outlines()
    except DrafterError:
        return set(CORE_SLOTS)
    names: set[str] = set()
    for outline in outlines.values():
        fields = getattr(outline, "fields", None) or {}
        if isinstance(fields, dict):
            names.update(fields)
        else:
            names.update(getattr(f, "name", f) for f in fields)
    # Anonymisation slots stay legitimate: the writer replaces them by hand or a fact.
    return names | set(CORE_SLOTS) if names else set(CORE_SLOTS)


# --------------------------------------------------------------------------- search

@dataclass
class Hit:
    entry: Entry
    bank: Bank
    score: float


def _matches_function(entry: Entry, function: str | None) -> bool:
    return not function or entry.function == function or entry.function.startswith(function + ".")


def search(banks: Sequence[Bank], query: str, *, function: str | None = None, tag: str | None = None,
           limit: int = 20) -> list[Hit]:
    """Entries matching `query` best first: whole-substring matches, then jieba-word overlap."""
    query = query.strip()
    hits: list[Hit] = []
    words: list[str] = []
    if query:
        from drafter.segment import words as segment
        words = [w for w in segment(query) if w.strip() and not re.fullmatch(r"\W+", w)]
        if any(len(w) > 1 for w in words):  # one-character words match almost everything
            words = [w for w in words if len(w) > 1]
    for bank in banks:
        for e in bank.entries:
            if not _matches_function(e, function) or (tag and tag not in e.tags):
                continue
            score = 0.0
            if not query:
                score = 1.0
            elif query in e.text:
                score = 100.0 + len(query)
            else:
                found = [w for w in words if w in e.text]
                if not found:
                    continue
                score = 10.0 * sum(len(w) for w in found) / max(len(query), 1)
            docs = (e.count or {}).get("documents", 0)
            hits.append(Hit(e, bank, score + min(docs, 20) / 100))
    hits.sort(key=lambda h: (-int(h.score), h.entry.era not in CURRENT_ERAS | {None}, -h.score, h.entry.id))
    return hits[:limit] if limit else hits


# --------------------------------------------------------------------------- add

def next_id(bank: Bank) -> str:
    """`<bank>-NNNN` one above the highest number in use."""
    prefix = f"{bank.bank}-"
    numbers = [int(m.group(1)) for e in bank.entries if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", e.id))]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


@contextmanager
def bank_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on a bank for one read-modify-write.

    Concurrent `phrases add` runs each read the bank, pick the next id and write
    it back; without the lock the last writer wins and the others' entries are
    lost (or share an id). The lock is a `.NAME.lock` file beside the bank
    (the bank itself is replaced by rename, so it cannot carry the lock).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield
        return
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        from drafter.textio import os_reason

        raise DrafterError(f"cannot lock the bank: {os_reason(exc, lock_path)}", path=str(lock_path)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def add_entry(path: str | Path, *, function: str, text: str, tags: Sequence[str] = (), era: str | None = None,
              note: str | None = None, entry_id: str | None = None) -> Entry:
    """Append a validated entry to a bank file, keeping the rest of the file as it is.

    The whole read-modify-write holds the bank's lock, so concurrent adds all
    land, each with its own id.
    """
    p = Path(path)
    with bank_lock(p):
        return _add_locked(p, function=function, text=text, tags=tags, era=era, note=note, entry_id=entry_id)


def _add_locked(p: Path, *, function: str, text: str, tags: Sequence[str], era: str | None, note: str | None,
                entry_id: str | None) -> Entry:
    if p.exists() or p.suffix.lower() not in (".yaml", ".yml"):
        raw = decode(read_bytes(p), str(p)).text
    else:  # a new bank file, named after the file
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", p.stem).strip("-.") or "bank"
        raw = format_bank(Bank(name, f"{name}: curated phrases", []))
    bank = parse_bank(raw, str(p), p)
    text = text.strip()
    problems = [DrafterError(msg, field=fld) for fld, msg in entry_problems(text)]
    known = known_slots()
    for slot in slots_in(text):  # what `phrases lint` would reject is refused now, not later
        if slot not in known:
            problems.append(DrafterError(f"slot {{{{ {slot} }}}} is not defined by any outline "
                                         f"(known: {', '.join(sorted(known))})", field="text"))
    for e in bank.entries:
        if e.function == function and _norm(e.text) == _norm(text):
            problems.append(DrafterError(f"the bank already has this text as {e.id}", field="text"))
    if problems:
        raise ValidationError(problems)
    entry = Entry(id=entry_id or next_id(bank), text=text, function=function, tags=list(tags),
                  slots=slots_in(text), era=era, note=note)
    block = format_entry(entry)
    new = _append_entry(raw, block)
    if new is None:  # entries not last or in flow style: rewrite the bank (comments at the top kept)
        header = "".join(line for line in raw.splitlines(keepends=True) if line.startswith("#"))
        bank.entries.append(entry)
        new = header + format_bank(bank)
    parse_bank(new, str(p), p)  # the whole file must still validate (id, function, era, slots…)
    atomic_write(p, new, force=True)
    return entry


def _append_entry(raw: str, block: str) -> str | None:
    lines = raw.splitlines(keepends=True)
    top = [i for i, line in enumerate(lines) if re.match(r"[A-Za-z_]", line)]
    if not top:
        return None
    last = top[-1]
    if re.fullmatch(r"entries:\s*\[\]\s*", lines[last]):
        return "".join(lines[:last]) + "entries:\n" + block + "".join(lines[last + 1:])
    if not re.fullmatch(r"entries:\s*(#.*)?\n?", lines[last]):
        return None
    body = "".join(lines)
    if not body.endswith("\n"):
        body += "\n"
    return body + block


def entry_problems(text: str) -> list[tuple[str, str]]:
    """(field, message) for text a curator is about to add (beyond schema checks)."""
    out = []
    for col, ch in half_width_punctuation(text):
        out.append(("text", f"half-width {ch!r} at column {col} in Chinese text; use full-width {FULL[ch]}"))
    return out


# --------------------------------------------------------------------------- lint

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。", '"': "“”"}


def half_width_punctuation(text: str) -> list[tuple[int, str]]:
    """(1-based column, char) of ASCII punctuation in Chinese text, judged exactly as
    `drafter check` judges it (so a bank that lints clean also checks clean)."""
    from drafter.check.rules.punctuation import half_width_positions

    plain = re.sub(r"\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}", lambda m: "槽" * len(m.group()), text)
    return [(i + 1, plain[i]) for i in half_width_positions(plain)]


@dataclass
class Finding:
    severity: str  # "error" | "warning"
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


_PUNCTUATION = re.compile(r"[，、；。！？：“”（）,;:?!()\s]")
_SLOT = re.compile(r"\{\{[^}]*\}\}")


def _norm(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def _bigrams(text: str) -> set[str]:
    """The character bigrams near-duplicates are judged by (slots count as one character)."""
    t = _norm(_SLOT.sub("□", text))
    return set(map(add, t, t[1:])) or {t}


def _bigram_ids(text: str, number: defaultdict) -> tuple[int, ...]:
    """The numbers of `_bigrams(text)`, without making a string per bigram: each two adjacent
    characters, read as one 64-bit word from the UTF-32 text (at even, then odd offsets)."""
    t = _norm(_SLOT.sub("□", text))
    if len(t) < 2:
        return (number[t],)
    raw = t.encode("utf-32-le")
    even, odd = len(raw) // 8 * 8, 4 + (len(raw) - 4) // 8 * 8
    words = set(memoryview(raw[:even]).cast("Q")).union(memoryview(raw[4:odd]).cast("Q"))
    return tuple(map(number.__getitem__, words))


PROGRESS_ENTRIES = 5000  # a progress bar (stderr, terminals only) for banks this large


def lint(paths: Iterable[str | Path], slots: set[str] | None = None) -> list[Finding]:
    """Every problem in the given bank files (errors fail `drafter phrases lint`)."""
    with gc_paused():  # a large bank is millions of objects and no garbage cycles
        return _lint(paths, known_slots() if slots is None else slots)


def _load_for_lint(p: Path, findings: list[Finding]) -> tuple[Bank, dict[str, Location]] | None:
    """The bank in `p` and where each entry's text is, or None with its problems added to findings.

    Only these locations outlive the loaded document, whose position of every key is the
    largest thing a big bank's lint holds."""
    try:
        doc = parse_yaml(decode(read_bytes(p), str(p)).text, str(p))
        bank = validate_bank(doc, p)
    except ValidationError as exc:
        findings.extend(Finding("error", pr.location or Location(str(p)), pr.message) for pr in exc.problems)
        return None
    except DrafterError as exc:
        findings.append(Finding("error", exc.location or Location(str(p)), exc.message))
        return None
    raw = doc.data.get("entries") or []
    where = {}
    for i, item in enumerate(raw):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where[item["id"]] = doc.loc("entries", i, "text")
            if item.get("era") == LEGACY_ERA:
                findings.append(Finding("warning", doc.loc("entries", i, "era"),
                                        f"{item['id']}: era {LEGACY_ERA} is retired (it spans 2012 to now); "
                                        f"write {current_era_of(str(item.get('text', '')))} (read as such meanwhile)"))
    return bank, where


def _lint(paths: Iterable[str | Path], slots: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    loaded: list[tuple[Bank, dict[str, Location]]] = []
    for p in map(Path, paths):
        result = _load_for_lint(p, findings)
        if result is not None:
            loaded.append(result)
    seen: dict[tuple[str, str], tuple[Entry, Bank]] = {}
    by_function: dict[str, list[tuple[Entry, Bank]]] = {}
    from drafter.progress import progress

    total = sum(len(bank.entries) for bank, _ in loaded)
    with progress("linting", total, threshold=PROGRESS_ENTRIES) as advance:
        for bank, where in loaded:
            for e in bank.entries:
                advance()
                loc = where.get(e.id) or Location(str(bank.path), field=e.id)
                for col, ch in half_width_punctuation(e.text):
                    findings.append(Finding("error", loc, f"{e.id}: half-width {ch!r} in Chinese text "
                                                           f"(column {col} of the text); use {FULL[ch]}"))
                for s in e.slots:
                    if s not in slots:
                        findings.append(Finding("error", loc, f"{e.id}: slot {{{{ {s} }}}} is not defined by any "
                                                               f"outline (known: {', '.join(sorted(slots))})"))
                findings.extend(_era_findings(e, loc))
                findings.extend(_quality_findings(e, loc))
                key = (e.function, _norm(e.text))
                if key in seen:
                    other, other_bank = seen[key]
                    same_bank = other_bank is bank
                    findings.append(Finding("error" if same_bank else "warning", loc,
                                            f"{e.id}: duplicate of {other.id}"
                                            + ("" if same_bank else f" in {other_bank.path}")))
                else:
                    seen[key] = (e, bank)
                    by_function.setdefault(e.function, []).append((e, bank))
    findings.extend(_near_duplicates(by_function, loaded))
    return findings


def _era_findings(e: Entry, loc: Location) -> list[Finding]:
    """An outdated era needs the 旧提法 tag; so does wording the era model finds outdated."""
    from drafter.eras import date_text

    if e.era and e.era not in CURRENT_ERAS and OUTDATED_TAG not in e.tags:
        return [Finding("error", loc, f"{e.id}: era {e.era} is outdated but the entry lacks the {OUTDATED_TAG!r} tag")]
    dating = date_text(e.text)
    if dating.outdated and OUTDATED_TAG not in e.tags:
        words = "、".join(dict.fromkeys(h.words for h in dating.hits if h.outdated))
        return [Finding("warning", loc, f"{e.id}: its wording dates it to {dating.era} ({words}), outdated in a "
                                        f"current draft, but it lacks the {OUTDATED_TAG!r} tag")]
    return []


def _quality_findings(e: Entry, loc: Location) -> list[Finding]:
    """Mined defects (fragments, half sentences, 的/地 misuse…) and untagged local practices."""
    from drafter.phrases.quality import defects, is_local

    out = [Finding("warning", loc, f"{e.id}: {d.reason}: {d.detail}") for d in defects(e.text, e.function)]
    docs = (e.count or {}).get("documents")
    if docs is not None and LOCAL_TAG not in e.tags and is_local(e.text, e.function, docs):
        out.append(Finding("warning", loc, f"{e.id}: a local practice found in one speech; tag it {LOCAL_TAG!r}"))
    return out


NEAR = (4, 5)  # Jaccard similarity of character bigrams at or above 4/5: nearly the same entry


def _near_duplicates(by_function, loaded) -> list[Finding]:
    """Each entry nearly the same as an earlier one of its function (the earliest such one).

    Exact all-pairs similarity join with a prefix filter: with every entry's bigrams
    sorted rarest first, two sets with Jaccard >= 4/5 must share a bigram among the
    first |x| - ceil(4|x|/5) + 1 of each, so only those are indexed and compared.
    Common bigrams (工作, 的工) never fill a posting list, so 100,000 entries take
    seconds instead of minutes, with the same findings as comparing every pair.
    Bigrams are numbered once and kept as tuples of shared small ints: a set of
    two-character strings per entry would hold ~4 KB of copies of the same strings.
    """
    where = {e.id: w.get(e.id) for bank, w in loaded for e in bank.entries}
    num, den = NEAR
    out = []
    number: defaultdict[int | str, int] = defaultdict(count().__next__)
    for items in by_function.values():
        grams = [_bigram_ids(e.text, number) for e, _ in items]
        frequency: Counter = Counter()
        for g in grams:
            frequency.update(g)
        # Rarest first; any fixed total order keeps the join exact.
        rank = {g: r for r, g in enumerate(sorted(frequency, key=lambda g: (frequency[g], g)))}
        ranked: list[tuple[int, ...]] = []
        index: dict[int, list[int]] = {}
        for i, (e, bank) in enumerate(items):
            ordered = tuple(sorted(map(rank.__getitem__, grams[i])))
            grams[i] = ()  # done with it: keep only the ranked form
            ranked.append(ordered)
            mine = set(ordered)
            prefix = ordered[:len(ordered) - (num * len(ordered) + den - 1) // den + 1]
            candidates: set[int] = set()
            for g in prefix:
                candidates.update(index.get(g, ()))
            for j in sorted(candidates):
                other = ranked[j]
                shared = len(mine.intersection(other))
                if shared / (len(mine) + len(other) - shared) >= num / den:
                    o = items[j][0]
                    out.append(Finding("warning", where.get(e.id) or Location(str(bank.path), field=e.id),
                                       f"{e.id}: nearly the same as {o.id} ({o.text})"))
                    break
            for g in prefix:
                index.setdefault(g, []).append(i)
    return out


# --------------------------------------------------------------------------- merge

def merge_banks(banks: Sequence[Bank], name: str, description: str | None = None) -> Bank:
    """One bank from several: same function and text (punctuation aside) merge into one entry
    keeping every source, the union of tags and the summed counts; other ids kept, clashes renamed."""
    merged: list[Entry] = []
    by_key: dict[tuple[str, str], Entry] = {}
    ids: set[str] = set()
    for bank in banks:
        for e in bank.entries:
            key = (e.function, _norm(e.text))
            if key in by_key:
                _fold(by_key[key], e)
                continue
            copy = Entry.from_dict(e.to_dict())
            base, n = copy.id, 2
            while copy.id in ids:
                copy.id = f"{base}-{n}"
                n += 1
            ids.add(copy.id)
            by_key[key] = copy
            merged.append(copy)
    desc = description or "Merged from " + ", ".join(b.bank for b in banks)
    return Bank(name, desc, merged)


def _fold(into: Entry, other: Entry) -> None:
    for t in other.tags:
        if t not in into.tags:
            into.tags.append(t)
    if OUTDATED_TAG in into.tags:  # keep the tag last, as the miner writes it
        into.tags.remove(OUTDATED_TAG)
        into.tags.append(OUTDATED_TAG)
    shared = any(s in into.sources for s in other.sources)
    for s in other.sources:
        if s not in into.sources:
            if into.source is None:
                into.source = dict(s)
            else:
                into.more_sources.append(dict(s))
    if other.count:
        if not into.count:
            into.count = dict(other.count)
        elif shared:
            into.count = {k: max(into.count[k], other.count[k]) for k in into.count}
        else:
            into.count = {k: into.count[k] + other.count[k] for k in into.count}
    if other.era and (into.era is None or into.era in ("通用", LEGACY_ERA)):
        into.era = other.era  # a dated era says more than 通用
    if other.note and not into.note:
        into.note = other.note


# --------------------------------------------------------------------------- stats

def stats(banks: Sequence[Bank]) -> dict[str, Counter]:
    """Entry counts by bank, function, tag, era and source file, and the mined candidates
    left out by reason (`dropped`, from the mined banks' counts)."""
    out = {"bank": Counter(), "function": Counter(), "tag": Counter(), "era": Counter(), "source": Counter(),
           "dropped": Counter()}
    for b in banks:
        out["dropped"].update(b.dropped)
        for e in b.entries:
            out["bank"][b.bank] += 1
            out["function"][e.function] += 1
            for t in e.tags or ["(untagged)"]:
                out["tag"][t] += 1
            out["era"][e.era or "(none)"] += 1
            files = {s["file"] for s in e.sources} or {"(curated)"}
            for f in files:
                out["source"][f] += 1
    return out


__all__ = ["search", "add_entry", "lint", "merge_banks", "stats", "Finding", "Hit", "known_slots", "CORE_SLOTS"]
