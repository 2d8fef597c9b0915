"""The phrase-bank format: load, validate, look up and fill entries.

A bank is one YAML file (`phrasebanks/*.yaml`)::

    bank: curated                      # the bank's name
    description: 手工整理的2026年常用表述
    entries:
      - id: curated-0001               # stable, unique across all banks
        function: opening.purpose      # rhetorical role (FUNCTIONS)
        text: 这次会议的主要任务是……{{ topic }}……
        tags: [班子建设]                # topics
        slots: [topic]                 # optional: derived from text when absent
        era: 二十大时期                 # optional (ERAS; drafter.eras)
        source: {file: seeds/000_….txt, line: 8}   # mined entries; a list after merges
        count: {occurrences: 2, documents: 2}      # mined entries
        note: 可用于动员部署类会议        # optional curator's note

Validation reports every problem with file:line:column. Slots are plain
`{{ name }}` markers filled by string replacement: bank text never reaches
a template engine, so a bank cannot run code. Loading many banks goes
through a JSON index cache keyed by the banks' paths and bytes (JSON, not
pickle, so a tampered cache file is data, never code).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from drafter.declare import LINE_BREAK, NONBLANK, Key, Problems, check_mapping, choice, closed, document, strings, text
from drafter.errors import DrafterError, TemplateError, UnknownNameError, ValidationError
from drafter.resources import cache_dir, data_dir
from drafter.textio import atomic_write, decode, read_bytes
from drafter.vocabulary import FUNCTIONS
from drafter.yamlsrc import YamlDoc, parse_yaml


# Periods a formulation belongs to, by Party congress, oldest first; 通用 is wording that
# does not date (drafter.eras is the model: an entry's era comes from its own words).
# 新时代 (2012 to now) is the retired, coarser label: still read, mapped on load to the era
# the entry's wording gives (二十大时期 or 通用), and flagged by `drafter phrases lint`.
ERAS: tuple[str, ...] = ("十五大以前", "十六大时期", "十七大时期", "十八大时期", "十九大时期", "二十大时期",
                         "通用", "新时代")
LEGACY_ERA = "新时代"
CURRENT_ERA = "二十大时期"
# Eras whose wording is current for a 2026 draft.
CURRENT_ERAS = frozenset({"二十大时期", "通用", "新时代"})
# Tag that marks an entry from an earlier era as knowingly kept (history, quotation).
OUTDATED_TAG = "旧提法"
# Tag of a local practice (一会四评, 三市并举): searchable, never offered before general wording.
LOCAL_TAG = "地方做法"

SLOT_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_CACHE_VERSION = "phrasebank-cache-2"


@dataclass
class Entry:
    id: str
    text: str
    function: str
    tags: list[str] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)
    era: str | None = None
    source: dict[str, Any] | None = None  # {"file": ..., "line": N}: the first source
    count: dict[str, int] | None = None  # {"occurrences": N, "documents": M}
    note: str | None = None
    more_sources: list[dict[str, Any]] = field(default_factory=list)  # further sources after merges

    @property
    def sources(self) -> list[dict[str, Any]]:
        """Every known source, first one first."""
        return ([self.source] if self.source else []) + list(self.more_sources)

    @property
    def outdated(self) -> bool:
        """Wording not current in a 2026 draft: an earlier era, or tagged 旧提法 (a finished campaign)."""
        return OUTDATED_TAG in self.tags or (self.era is not None and self.era not in CURRENT_ERAS)

    def to_dict(self) -> dict[str, Any]:
        """The entry as written in a bank file (empty fields left out)."""
        out: dict[str, Any] = {"id": self.id, "function": self.function, "text": self.text}
        if self.tags:
            out["tags"] = list(self.tags)
        if self.slots:
            out["slots"] = list(self.slots)
        if self.era:
            out["era"] = self.era
        sources = self.sources
        if len(sources) == 1:
            out["source"] = dict(sources[0])
        elif sources:
            out["source"] = [dict(s) for s in sources]
        if self.count:
            out["count"] = dict(self.count)
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Entry":
        """Build from already-validated data (bank file or cache)."""
        src = d.get("source")
        sources = [src] if isinstance(src, dict) else list(src or [])
        text = d["text"]
        return cls(id=d["id"], text=text, function=d["function"], tags=list(d.get("tags") or []),
                   slots=list(d.get("slots") or (slots_in(text) if "{{" in text else ())), era=d.get("era"),
                   source=dict(sources[0]) if sources else None,
                   count=dict(d["count"]) if d.get("count") else None, note=d.get("note"),
                   more_sources=[dict(s) for s in sources[1:]])


@dataclass
class Bank:
    bank: str
    description: str
    entries: list[Entry]
    path: Path | None = None
    digest: str | None = None  # hash of the file's bytes: keys derived indexes (rank)
    dropped: dict[str, int] = field(default_factory=dict)  # mined banks: candidates left out, by reason

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"bank": self.bank, "description": self.description}
        if self.dropped:
            out["dropped"] = dict(self.dropped)
        out["entries"] = [e.to_dict() for e in self.entries]
        return out


def slots_in(text: str) -> list[str]:
    """Slot names used by `text`, in order of first use."""
    seen: list[str] = []
    for name in SLOT_RE.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


def literal_parts(text: str) -> list[str]:
    """The text between slots (what must appear verbatim in a source)."""
    return [p for p in SLOT_RE.split(text)[::2] if p]


def era_of(text: str) -> str:
    """The era a text's own words date it to (通用 when nothing dates it): see drafter.eras."""
    from drafter.eras import era_of as model_era

    return model_era(text)


def current_era_of(text: str) -> str:
    """The era for an entry labelled with the retired 新时代: its wording's era if current, else 通用."""
    era = era_of(text)
    return era if era in CURRENT_ERAS else "通用"


# --------------------------------------------------------------------------- validation

def _function_problem(func: Any) -> str | None:
    if isinstance(func, str) and func in FUNCTIONS:
        return None
    close = difflib.get_close_matches(str(func), FUNCTIONS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(FUNCTIONS)}"
    return f"function: {func!r} is not a known function{hint}"


_SOURCE: dict[str, Key] = {"file": Key({"type": "string"}, required=True),
                           "line": Key({"type": "integer", "minimum": 1}, required=True)}
_SOURCE_SCHEMA = closed(_SOURCE)
_SOURCE_MSG = "source: expected {file: <path>, line: <number ≥ 1>}"
_COUNT_SCHEMA = closed({k: Key({"type": "integer", "minimum": 1}, required=True) for k in ("occurrences", "documents")})


def _source_problem(src: Any) -> str | None:
    if isinstance(src, list) and not src:
        return "source: an empty list; leave source out instead"
    return None  # each source is checked in _check_entry, where its own line is known


def _count_problem(count: Any) -> str | None:
    # Whole numbers ≥ 1 (type() is int: never a boolean), written out: run for every mined entry.
    if not isinstance(count, dict) or len(count) != 2:
        return "count: expected {occurrences: <n ≥ 1>, documents: <n ≥ 1>}"
    occurrences, documents = count.get("occurrences"), count.get("documents")
    if type(occurrences) is not int or type(documents) is not int or occurrences < 1 or documents < 1:
        return "count: expected {occurrences: <n ≥ 1>, documents: <n ≥ 1>}"
    if count["documents"] > count["occurrences"]:  # not expressible in JSON Schema
        return "count: documents cannot exceed occurrences"
    return None


# The format, declared once for the validator and `drafter schema bank` (drafter.declare).
ENTRY: dict[str, Key] = {
    "id": text("id: required, letters, digits, '.', '_' or '-' (e.g. curated-0012)", pattern=ID_RE.pattern,
               required=True),
    "function": Key({"enum": list(FUNCTIONS)}, _function_problem, required=True,
                    missing=_function_problem(None)),
    # Template syntax beyond plain {{ slot }}s and slots that match `slots:` are checked by the
    # validator only (not expressible as a pattern).
    "text": text("text: a non-empty string is required", pattern=NONBLANK, required=True,
                 forbid=((LINE_BREAK, "text: must be one line (a phrase, not several paragraphs)"),)),
    "tags": strings("tags: a list of non-empty strings is required", unique=True, repeated="tags: repeated item",
                    nullable=True),
    "slots": strings("slots: a list of non-empty strings is required", unique=True, repeated="slots: repeated item",
                     nullable=True),
    "era": choice(ERAS, lambda v: f"era: {v!r} is not a known era (known: {', '.join(ERAS)})", nullable=True),
    "source": Key({"oneOf": [{"$ref": "#/$defs/source"},
                             {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}}]},
                  _source_problem, nullable=True),
    "count": Key(_COUNT_SCHEMA, _count_problem, nullable=True),
    "note": text("note: a string is required", nullable=True),
}
BANK: dict[str, Key] = {
    "bank": text("bank: a name of letters, digits, '.', '_' or '-' is required", pattern=ID_RE.pattern,
                 required=True),
    "description": text("description: a string is required", required=True),
    "dropped": Key({"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
                   lambda v: None if isinstance(v, dict) and all(isinstance(k, str) and _positive_int(n)
                                                                 for k, n in v.items())
                   else "dropped: expected {<reason>: <count ≥ 1>, …} (written by `drafter mine`)", nullable=True),
    "entries": Key({"type": "array", "items": {"$ref": "#/$defs/entry"}},
                   lambda v: None if isinstance(v, list) else "entries: a list of entries is required",
                   required=True, missing="entries: a list of entries is required"),
}


def json_schema() -> dict[str, Any]:
    """JSON Schema of a phrase-bank file (what `drafter schema bank` prints).

    Not in the schema (checked by the validator only): template syntax beyond plain {{ slot }}s,
    `slots` matching the slots the text uses, documents ≤ occurrences, ids unique across banks."""
    return document("bank", "drafter phrase bank", "表述库：按功能分类的常用表述条目（phrasebanks/*.yaml）。",
                    closed(BANK), {"entry": closed(ENTRY), "source": _SOURCE_SCHEMA})


def validate_bank(doc: YamlDoc, path: Path | None = None) -> Bank:
    """Check a loaded bank file; raise ValidationError listing every problem."""
    problems = Problems(doc)
    data = doc.data
    if not isinstance(data, dict):
        raise ValidationError([DrafterError("a phrase bank must be a mapping with bank, description and entries",
                                            doc.loc())])
    check_mapping(data, BANK, problems)
    name, desc = data.get("bank"), data.get("description")
    dropped = data.get("dropped") or {}
    if BANK["dropped"].problem(dropped):
        dropped = {}
    raw_entries = data.get("entries")
    entries: list[Entry] = []
    if not isinstance(raw_entries, list):
        raw_entries = []
    seen_ids: dict[str, int] = {}
    for i, raw in enumerate(raw_entries):
        before = len(problems)
        _check_entry(raw, i, problems)
        if len(problems) == before:
            entry = Entry.from_dict(raw)
            if entry.era == LEGACY_ERA:
                entry.era = current_era_of(entry.text)
            if entry.id in seen_ids:
                line = doc.loc("entries", seen_ids[entry.id]).line
                problems(f"duplicate id {entry.id!r} (first at line {line})", "entries", i, "id")
            else:
                seen_ids[entry.id] = i
                entries.append(entry)
    problems.raise_any()
    return Bank(name, desc, entries, path, dropped=dict(dropped))


def _check_entry(raw: Any, i: int, bad) -> None:
    at = ("entries", i)
    if not isinstance(raw, dict):
        bad("an entry must be a mapping with id, function and text", *at)
        return
    check_mapping(raw, ENTRY, bad, *at)
    text = raw.get("text")
    if isinstance(text, str) and ("{" in text or "}" in text):  # every template marker has a brace
        rest = SLOT_RE.sub("", text)
        if _TEMPLATE_SYNTAX.search(rest):
            bad("text: only plain slots like {{ topic }} are allowed (no filters, tags or expressions)",
                *at, "text")
    slots = raw.get("slots")
    if isinstance(text, str) and text.strip() and isinstance(slots, list):
        used = slots_in(text)
        for s in used:
            if s not in slots:
                bad(f"slots: text uses {{{{ {s} }}}} but slots does not list {s!r}", *at, "slots")
        for s in slots:
            if isinstance(s, str) and s not in used:
                bad(f"slots: {s!r} is listed but the text does not use {{{{ {s} }}}}", *at, "slots")
    src = raw.get("source")
    if src is not None:
        items = src if isinstance(src, list) else [src]
        for j, s in enumerate(items):
            where = at + ("source", j) if isinstance(src, list) else at + ("source",)
            if not isinstance(s, dict) or set(s) - {"file", "line"} or not isinstance(s.get("file"), str) \
                    or not _positive_int(s.get("line")):
                bad(_SOURCE_MSG, *where)


def _positive_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


# --------------------------------------------------------------------------- loading

def parse_bank(text: str, name: str, path: Path | None = None) -> Bank:
    """Validate bank YAML text (`name` is used in messages)."""
    return validate_bank(parse_yaml(text, name), path)


def load_bank(path: str | Path) -> Bank:
    """Load and validate one bank file (no cache)."""
    p = Path(path)
    data = read_bytes(p)
    bank = parse_bank(decode(data, str(p)).text, str(p), p)
    bank.digest = hashlib.sha256(data).hexdigest()[:32]
    return bank


def bank_paths(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """The bank files to load: given files, folders' *.yaml, or the bundled phrasebanks/."""
    if paths is None:
        paths = [data_dir("phrasebanks")]
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.yaml")))
        else:
            out.append(p)
    return out


def contents_key(paths: list[Path], blobs: list[bytes]) -> str:
    """A hash of the banks' paths and bytes: the key of every derived index."""
    h = hashlib.sha256(_CACHE_VERSION.encode())
    for p, b in zip(paths, blobs):
        h.update(str(p.resolve()).encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(b).digest())
    return h.hexdigest()[:32]


def load_banks(paths: Iterable[str | Path] | None = None, *, use_cache: bool = True) -> list[Bank]:
    """Load and validate banks (default: every bundled phrasebanks/*.yaml).

    Problems in all files are reported together; ids must be unique across
    banks. A cache keyed by the files' paths and bytes skips YAML parsing
    and validation when nothing changed.
    """
    files = bank_paths(paths)
    blobs = [read_bytes(p) for p in files]
    key = contents_key(files, blobs)
    cache_file = cache_dir() / f"banks-{key}.json"
    if use_cache:
        cached = _read_cache(cache_file, files)
        if cached is not None:
            return cached
    banks: list[Bank] = []
    problems: list[DrafterError] = []
    for p, b in zip(files, blobs):
        try:
            banks.append(parse_bank(decode(b, str(p)).text, str(p), p))
        except ValidationError as exc:
            problems.extend(exc.problems)
        except DrafterError as exc:
            problems.append(exc)
    problems.extend(_cross_bank_problems(banks))
    if problems:
        raise ValidationError(problems)
    for bank, b in zip(banks, blobs):
        bank.digest = hashlib.sha256(b).hexdigest()[:32]
    if use_cache:
        _write_cache(cache_file, banks)
    return banks


def _cross_bank_problems(banks: list[Bank]) -> list[DrafterError]:
    problems: list[DrafterError] = []
    names: dict[str, Bank] = {}
    ids: dict[str, Bank] = {}
    for b in banks:
        if b.bank in names:
            problems.append(DrafterError(f"bank name {b.bank!r} is also used by {names[b.bank].path}",
                                         path=str(b.path), field="bank"))
        names.setdefault(b.bank, b)
        for e in b.entries:
            if e.id in ids and ids[e.id] is not b:
                problems.append(DrafterError(f"entry id {e.id!r} is also used in {ids[e.id].path}",
                                             path=str(b.path), field=f"entries.{e.id}"))
            ids.setdefault(e.id, b)
    return problems


def _read_cache(cache_file: Path, files: list[Path]) -> list[Bank] | None:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        if data.get("version") != _CACHE_VERSION or len(data["banks"]) != len(files):
            return None
        return [Bank(b["bank"], b["description"], [Entry.from_dict(e) for e in b["entries"]], p, b["digest"],
                     dict(b.get("dropped") or {}))
                for b, p in zip(data["banks"], files)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(cache_file: Path, banks: list[Bank]) -> None:
    data = {"version": _CACHE_VERSION, "banks": [b.to_dict() | {"digest": b.digest} for b in banks]}
    try:
        atomic_write(cache_file, json.dumps(data, ensure_ascii=False, separators=(",", ":")), force=True)
        from drafter.resources import prune_cache

        prune_cache(cache_file.parent)  # stale bank, rank and jieba indexes
    except (OSError, DrafterError):
        pass  # a cache is an optimisation; a read-only home must not break loading


# --------------------------------------------------------------------------- lookup and slots

def all_entries(banks: Iterable[Bank]) -> list[Entry]:
    return [e for b in banks for e in b.entries]


def find_entry(banks: Iterable[Bank], entry_id: str) -> Entry:
    """The entry with `entry_id`; UnknownNameError with close ids otherwise."""
    banks = list(banks)
    for b in banks:
        for e in b.entries:
            if e.id == entry_id:
                return e
    ids = [e.id for b in banks for e in b.entries]
    close = difflib.get_close_matches(entry_id, ids, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise UnknownNameError(f"no phrase-bank entry {entry_id!r}{hint}")


def fill_slots(entry: Entry | str, facts: Mapping[str, Any]) -> str:
    """The entry's text with every {{ slot }} replaced by its fact.

    Plain replacement, never template evaluation: values are inserted as
    text (lists joined with 、), and a value that repeats the text it joins
    is not doubled (drafter.facts.mend). A slot without a value is a TemplateError.
    """
    text = entry.text if isinstance(entry, Entry) else entry
    label = f"phrase {entry.id}" if isinstance(entry, Entry) else "phrase"
    missing = [s for s in slots_in(text) if facts.get(s) in (None, "")]
    if missing:
        raise TemplateError(f"{label}: no value for slot(s) {', '.join(missing)} "
                            f"(give them in facts or in the item's slots)")

    from drafter.facts import mark, mend

    def value(m: re.Match) -> str:
        v = facts[m.group(1)]
        if isinstance(v, (list, tuple)):
            return mark("、".join(str(x) for x in v))
        return mark(v)

    return mend(SLOT_RE.sub(value, text))  # {{ topic }}工作 with topic 基层党建工作: no 工作工作


# --------------------------------------------------------------------------- writing

def _scalar(value: Any, flow: bool = False) -> str:
    """A YAML scalar: plain when it reads back unchanged, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if s and s == s.strip() and not (flow and any(c in s for c in ",[]{}")) and "\n" not in s:
        try:
            import yaml
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            if yaml.load(f"k: {s}", Loader=loader) == {"k": s}:
                return s
        except Exception:  # noqa: BLE001 - anything odd gets quoted
            pass
    return json.dumps(s, ensure_ascii=False)


def _flow_map(d: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in d.items()) + "}"


def format_entry(entry: Entry) -> str:
    """One entry as a block-sequence item (compact, diff-friendly, stable)."""
    d = entry.to_dict()
    lines = [f"- id: {_scalar(d['id'])}"]
    for key in ("function", "text", "tags", "slots", "era", "source", "count", "note"):
        if key not in d:
            continue
        v = d[key]
        if key in ("tags", "slots"):
            lines.append(f"  {key}: [" + ", ".join(_scalar(x, flow=True) for x in v) + "]")
        elif key == "source" and isinstance(v, list):
            lines.append("  source:")
            lines.extend(f"  - {_flow_map(s)}" for s in v)
        elif isinstance(v, dict):
            lines.append(f"  {key}: {_flow_map(v)}")
        else:
            lines.append(f"  {key}: {_scalar(v)}")
    return "\n".join(lines) + "\n"


def format_bank(bank: Bank, header: str = "") -> str:
    """A whole bank file; `header` lines become leading comments."""
    out = [f"# {line}".rstrip() + "\n" for line in header.splitlines()] if header else []
    out.append(f"bank: {_scalar(bank.bank)}\n")
    out.append(f"description: {_scalar(bank.description)}\n")
    if bank.dropped:
        out.append(f"dropped: {_flow_map(bank.dropped)}\n")
    if not bank.entries:
        out.append("entries: []\n")
    else:
        out.append("entries:\n")
        out.extend(format_entry(e) for e in bank.entries)
    return "".join(out)
