"""Ranked phrase suggestions for one place in a speech, filled from its facts (`drafter suggest`).

The ranking is `drafter.phrases.rank` (the UI uses the same); this module
turns a situation (outline, section function, topic, scope, date, facts)
into a ranking query and fills each suggestion's slots the way the renderer
does: facts through `templating.derive_facts` (so {{ committee }} follows the
scope), dates as 2026年11月23日, lists joined with 、, then the sandboxed
`render_string`. A slot the facts cannot fill is never printed raw: it shows
as 〔label〕, is named in `open_slots`, and the suggestion goes last.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from drafter.errors import DrafterError, UnknownNameError
from drafter.phrases.bank import SLOT_RE, Bank, Entry

# Labels of slots that are not outline fields (the miner's anonymisation slots, derived ones).
SLOT_LABELS = {"committee": "召开单位", "region": "地名", "name": "姓名", "town": "乡镇", "village": "村",
               "month": "月份", "count": "数量", "scope": "范围", "topic": "工作主题", "meeting": "会议名称",
               "earlier_speakers": "前面发言的同志"}


@dataclass(frozen=True)
class Situation:
    """Where the writer is: which part of which speech, about what, at which level and date."""

    function: str  # a role (tasks, closing) or a function (section.tasks, closing.call)
    topic: str = ""
    scope: str | None = None
    date: _dt.date | None = None
    outline: str | None = None
    heading: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)  # every fact known (a spec's, or the options')
    slots: Mapping[str, str] = field(default_factory=dict)  # values for slots the facts cannot fill
    eras: frozenset[str] = frozenset()  # earlier eras asked for (history)


@dataclass
class Suggestion:
    id: str
    text: str  # filled; open slots shown as 〔label〕
    function: str
    era: str | None
    tags: list[str]
    score: float
    reasons: list[str]
    source: str  # "seeds/….txt:12" for mined entries, else the bank file
    open_slots: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "function": self.function, "era": self.era, "tags": self.tags,
                "score": self.score, "reasons": self.reasons, "source": self.source, "open_slots": self.open_slots}


# ---------------------------------------------------------------------------- situations

def check_function(function: str) -> None:
    """UnknownNameError unless `function` names a role or function the ranking knows."""
    from drafter.outlines import ROLES
    from drafter.phrases.rank import ROLE_ALIASES, functions_for
    from drafter.vocabulary import FUNCTIONS

    if functions_for(function)[0]:
        return
    known = sorted(set(ROLES) | set(ROLE_ALIASES) | set(FUNCTIONS))
    close = difflib.get_close_matches(function, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; roles: {', '.join(sorted(ROLES))}"
    raise UnknownNameError(f"--function {function!r} is not a section role or phrase function{hint}",
                           field="function")


def outline_functions(outline_id: str | None, function: str) -> tuple[str, ...]:
    """The phrase functions the outline names for this part (its section's `phrases`, or opening/closing)."""
    if not outline_id:
        return ()
    from drafter.outlines import get_outline

    outline = get_outline(outline_id)
    role = function.split(".", 1)[1] if function.startswith("section.") else function
    if role == "opening" or function.startswith("opening."):
        return tuple(outline.opening_phrases)
    if role == "closing" or function.startswith("closing."):
        return tuple(outline.closing_phrases)
    out: list[str] = []
    for s in outline.sections:
        if s.role == role:
            out.extend(s.phrases)
    return tuple(dict.fromkeys(out))


def situation_from_spec(path: str | Path, section: int, **given: Any) -> Situation:
    """The situation of section `section` (1-based) of a spec; `given` values override the spec's."""
    from drafter.spec import load_spec

    spec = load_spec(path)
    if not 1 <= section <= len(spec.sections):
        raise DrafterError(f"--section {section}: the spec has {len(spec.sections)} top-level section(s)",
                           path=str(path), field="sections")
    s = spec.sections[section - 1]
    facts = {k: v for k, v in spec.facts.items() if v not in (None, "", [])}
    function = given.get("function") or s.role
    if not function:
        raise DrafterError(f"section {section} has no role; give --function", path=str(path),
                           field=f"sections.{section - 1}.role")
    heading = s.heading
    try:
        heading = fill_text(heading, facts)[0]
    except DrafterError:
        pass
    date = given.get("date") or _as_date(facts.get("date"))
    return Situation(function=function, topic=given.get("topic") or str(facts.get("topic") or ""),
                     scope=given.get("scope") or facts.get("scope"), date=date,
                     outline=given.get("outline") or spec.outline, heading=given.get("heading") or heading,
                     facts=facts | {k: v for k, v in (("topic", given.get("topic")), ("scope", given.get("scope")),
                                                      ("date", given.get("date"))) if v},
                     slots=dict(given.get("slots") or {}), eras=frozenset(given.get("eras") or ()))


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------- filling

def fill_context(facts: Mapping[str, Any], slots: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Slot values as the renderer fills phrases: derived facts, dates in Chinese, lists joined with 、."""
    from drafter.facts import known_facts
    from drafter.templating import date_cn, derive_facts

    out: dict[str, Any] = {}
    given = known_facts({k: v for k, v in facts.items() if v not in (None, "", [])})  # 此处填写 stays open
    for k, v in derive_facts(given).items():
        if isinstance(v, _dt.date):
            v = date_cn(v)
        elif isinstance(v, (list, tuple)):
            v = "、".join(str(x) for x in v)
        out[k] = str(v)
    out.update({k: str(v) for k, v in known_facts(slots or {}).items() if v not in (None, "")})
    return out


def fill_text(text: str, facts: Mapping[str, Any], slots: Mapping[str, Any] | None = None,
              labels: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
    """(text with its slots filled, the slots nothing could fill, shown as 〔label〕)."""
    from drafter.templating import render_string

    context = fill_context(facts, slots)
    labels = {**SLOT_LABELS, **(labels or {})}
    open_slots = [m.group(1) for m in SLOT_RE.finditer(text) if not context.get(m.group(1))]
    text = SLOT_RE.sub(lambda m: m.group(0) if context.get(m.group(1)) else f"〔{labels.get(m.group(1), m.group(1))}〕",
                       text)
    return render_string(text, context), list(dict.fromkeys(open_slots))


# ---------------------------------------------------------------------------- suggesting

def suggest(situation: Situation, n: int = 10, banks: Sequence[Bank] | None = None) -> list[Suggestion]:
    """The `n` best suggestions for `situation`, filled; those with open slots last."""
    from drafter.facts import is_placeholder
    from drafter.phrases.bank import load_banks
    from drafter.phrases.rank import Query, Ranker

    check_function(situation.function)
    banks = list(load_banks() if banks is None else banks)
    related = outline_functions(situation.outline, situation.function)
    labels = _field_labels(situation.outline)
    own = related if situation.function in ("opening", "closing") else ()
    q = Query(situation.function, situation.topic, situation.heading, situation.scope,
              situation.date.year if situation.date else None, situation.outline, related, situation.eras, own)
    facts = dict(situation.facts)
    for key, value in (("topic", situation.topic), ("scope", situation.scope), ("date", situation.date)):
        if value and not facts.get(key):
            facts[key] = value
    sources = {e.id: b for b in banks for e in b.entries}
    filled: list[Suggestion] = []
    unfilled: list[Suggestion] = []
    for r in Ranker(banks).rank(q, max(n * 3, n + 10)):
        text, open_slots = fill_text(r.entry.text, facts, situation.slots, labels)
        if is_placeholder(text):  # the entry's own wording has a stand-in (XXX, 【】): never suggested
            continue
        item = Suggestion(r.entry.id, text, r.entry.function, r.entry.era, list(r.entry.tags), r.score,
                          list(r.reasons) + ([f"open slots: {', '.join(open_slots)}"] if open_slots else []),
                          _source(r.entry, sources.get(r.entry.id)), open_slots)
        (unfilled if open_slots else filled).append(item)
    return (filled + unfilled)[:n]


def _source(entry: Entry, bank: Bank | None) -> str:
    src = entry.source
    if src:
        return f"{src.get('file')}:{src.get('line')}"
    if bank is not None and bank.path is not None:
        return f"{Path(bank.path).parent.name}/{Path(bank.path).name}"
    return bank.bank if bank is not None else ""


def _field_labels(outline_id: str | None) -> dict[str, str]:
    if not outline_id:
        return {}
    from drafter.outlines import get_outline

    return {f.name: f.label for f in get_outline(outline_id).fields if f.label}


def parse_slot(text: str) -> tuple[str, str]:
    """"region=丽水市" -> ("region", "丽水市"); ValueError otherwise (argparse reports it)."""
    m = re.fullmatch(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)", text)
    if not m or not m.group(2).strip():
        raise ValueError(f"expected NAME=VALUE (e.g. region=丽水市), got {text!r}")
    return m.group(1), m.group(2).strip()
