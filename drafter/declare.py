"""Declaring a YAML format once, for both its validator and its JSON Schema.

Each format (spec, outline, phrase bank, rule file, topics) declares the keys of its mappings
as `Key` tables. A key carries its JSON-Schema fragment (what `drafter schema` prints) and the
validator's check of a value, both built here from the same parameters (type, pattern, enum,
bounds), so the two cannot say different things. `check_mapping` is the shared walk over one
mapping: unknown keys, missing required keys and each declared key's check, every problem
reported through the caller's `bad` (which knows the file, line and column). Rules that JSON
Schema cannot state (a value that must be unique across entries, a file that must exist) stay
in each format's validator beside the tables, with a comment saying so.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from drafter.errors import DrafterError, ValidationError

Problem = Callable[[Any], "str | None"]
Report = Callable[..., None]  # bad(message, *path)

# Text that is not only whitespace (what validators call "non-empty text").
NONBLANK = r"\S"
# A line break inside text (leading and trailing blank lines do not count): headings, paragraphs
# and phrases are one line each. Same as `"\n" in text.strip()`, as a pattern both sides search.
LINE_BREAK = r"\S\s*\n\s*\S"
_NONBLANK = re.compile(NONBLANK)
# A character a pattern cannot match without: skips the search for most text (speed only).
_NEEDS = {LINE_BREAK: "\n"}


@dataclass(frozen=True)
class Key:
    """One key of a mapping, declared once for both uses: `schema` is its JSON-Schema fragment,
    `problem` the validator's check of a value (the message, or None when the value is fine).
    A callable schema is built late, for fragments that read other files (outlines, roles).
    `nullable`: a null value means the key was left out (both sides accept it). `missing`: the
    message when a required key is absent (default: "missing required key 'name'")."""

    schema: dict[str, Any] | Callable[[], dict[str, Any]]
    problem: Problem | None = None
    required: bool = False
    nullable: bool = False
    missing: str | None = None

    def fragment(self) -> dict[str, Any]:
        out = self.schema() if callable(self.schema) else dict(self.schema)
        return {"anyOf": [out, {"type": "null"}]} if self.nullable else out


def closed(keys: dict[str, Key], *, only: tuple[str, ...] | None = None, **extra: Any) -> dict[str, Any]:
    """A closed JSON object of the declared keys (unknown keys are errors both ways)."""
    names = only or tuple(keys)
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "properties": {k: keys[k].fragment() for k in names}}
    required = [k for k in names if keys[k].required]
    if required:
        out["required"] = required
    out.update(extra)
    return out


def unknown_key(key: Any, allowed: Iterable[str], where: str = "") -> str:
    """The one wording of an unknown key, in every format (the UI translates it by its prefix)."""
    return f"unknown key {key!r}{f' in {where}' if where else ''} (allowed: {', '.join(allowed)})"


def check_mapping(data: dict, keys: dict[str, Key], bad: Report, *path: Any, where: str = "") -> None:
    """Check one mapping against its declaration, reporting every problem through `bad`
    (unknown keys, each declared key's check, missing required keys)."""
    get = keys.get
    for key, value in data.items():
        k = get(key)
        if k is None:
            bad(unknown_key(key, keys, where), *path, key)
        elif k.problem is not None and (value is not None or not k.nullable):
            msg = k.problem(value)
            if msg:
                bad(msg, *path, key)
    for name in _required(keys):
        if name not in data:
            bad(keys[name].missing or f"missing required key {name!r}", *path, name)


class Problems(list):
    """Every problem found in one YAML document: `problems(message, *path)` records one at the
    path's file:line:column, so it serves as the `bad` of `check_mapping`."""

    def __init__(self, doc: Any):  # a drafter.yamlsrc.YamlDoc
        super().__init__()
        self.doc = doc

    def __call__(self, msg: str, *path: Any) -> None:
        self.append(DrafterError(msg, self.doc.loc(*path)))

    def raise_any(self) -> None:
        if self:
            raise ValidationError(list(self))


def checked_items(items: list, keys: dict[str, Key], problems: Problems, *path: Any,
                  not_mapping: str) -> Iterator[tuple[tuple, dict, int]]:
    """Each mapping of a declared list, checked against `keys`: (its path, the item, how many problems
    there were before it, so the caller can tell whether it passed). Other items are reported and skipped."""
    for i, item in enumerate(items):
        here = (*path, i)
        if not isinstance(item, dict):
            problems(not_mapping, *here)
            continue
        before = len(problems)
        check_mapping(item, keys, problems, *here)
        yield here, item, before


_REQUIRED: dict[int, tuple[dict[str, Key], tuple[str, ...]]] = {}


def _required(keys: dict[str, Key]) -> tuple[str, ...]:
    """The required names of a table, worked out once per table (a bank checks 100,000 entries)."""
    hit = _REQUIRED.get(id(keys))
    if hit is None or hit[0] is not keys:
        hit = _REQUIRED[id(keys)] = (keys, tuple(n for n, k in keys.items() if k.required))
    return hit[1]


# --------------------------------------------------------------------------- value declarations
# Each builder takes the rule's parameters once and returns a Key whose schema fragment and
# check both come from them. `message` is the validator's wording (formats keep their own).

def _no(message: str | Callable[[Any], str]) -> Callable[[Any], str]:
    return message if callable(message) else (lambda v: message)


def text(message: str | Callable[[Any], str], *, pattern: str | None = None, min_length: int = 0,
         max_length: int | None = None, forbid: tuple[tuple[str, str], ...] = (), required: bool = False,
         nullable: bool = False, missing: str | None = None, **schema: Any) -> Key:
    """A string, optionally matching `pattern` (searched, as JSON Schema does) and of bounded length.
    `forbid`: (pattern, message) pairs the text must not match (a JSON-Schema `not`)."""
    say = _no(message)
    rx = re.compile(pattern) if pattern else None
    bans = tuple((_NEEDS.get(p, ""), re.compile(p), m) for p, m in forbid)
    frag: dict[str, Any] = {"type": "string", **schema}
    if min_length:
        frag["minLength"] = min_length
    if max_length is not None:
        frag["maxLength"] = max_length
    if pattern:
        frag["pattern"] = pattern
    nots = [{"pattern": p} for p, _ in forbid]
    if len(nots) == 1:
        frag["not"] = nots[0]
    elif nots:
        frag["allOf"] = [{"not": n} for n in nots]

    longest = max_length if max_length is not None else float("inf")
    search = rx.search if rx is not None else None

    def problem(v: Any) -> str | None:  # run per bank entry: kept lean
        if not isinstance(v, str) or not min_length <= len(v) <= longest or (search and search(v) is None):
            return say(v)
        if bans:
            for need, ban, msg in bans:
                if need in v and ban.search(v):
                    return msg
        return None
    return Key(frag, problem, required, nullable, missing if missing is not None else (say(None) if required else None))


def choice(choices: Iterable[Any], message: str | Callable[[Any], str], *, required: bool = False,
           nullable: bool = False, missing: str | None = None, **schema: Any) -> Key:
    """One of fixed values (a JSON-Schema enum)."""
    options = tuple(choices)
    allowed = frozenset(options)
    say = _no(message)

    def problem(v: Any) -> str | None:
        try:  # a boolean is never one of the (text) choices, though True == 1
            ok = not isinstance(v, bool) and v in allowed
        except TypeError:  # an unhashable value (a list or a mapping)
            ok = False
        return None if ok else say(v)
    return Key({"enum": list(options), **schema}, problem, required, nullable,
               missing if missing is not None else (say(None) if required else None))


def boolean(message: str | Callable[[Any], str], *, required: bool = False, nullable: bool = False,
            **schema: Any) -> Key:
    say = _no(message)
    return Key({"type": "boolean", **schema}, lambda v: None if isinstance(v, bool) else say(v), required, nullable)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def integer(message: str | Callable[[Any], str], *, minimum: int | None = None, maximum: int | None = None,
            required: bool = False, nullable: bool = False, **schema: Any) -> Key:
    """A whole number (never a boolean: YAML's yes is not 1) within optional bounds."""
    say = _no(message)
    frag: dict[str, Any] = {"type": "integer", **schema}
    if minimum is not None:
        frag["minimum"] = minimum
    if maximum is not None:
        frag["maximum"] = maximum

    def problem(v: Any) -> str | None:
        if not is_int(v) or (minimum is not None and v < minimum) or (maximum is not None and v > maximum):
            return say(v)
        return None
    return Key(frag, problem, required, nullable)


def strings(message: str | Callable[[Any], str], *, nonblank: bool = True, min_items: int = 0,
            unique: bool = False, repeated: str | None = None, required: bool = False, nullable: bool = False,
            **schema: Any) -> Key:
    """A list of strings (non-blank by default; `unique` items, with `repeated` as the message
    for a repeat when it differs from `message`)."""
    say = _no(message)
    item: dict[str, Any] = {"type": "string"}
    if nonblank:
        item["pattern"] = NONBLANK
    frag: dict[str, Any] = {"type": "array", "items": item, **schema}
    if min_items:
        frag["minItems"] = min_items
    if unique:
        frag["uniqueItems"] = True

    def problem(v: Any) -> str | None:
        if not isinstance(v, list) or len(v) < min_items:
            return say(v)
        for x in v:
            if not isinstance(x, str) or (nonblank and _NONBLANK.search(x) is None):
                return say(v)
        if unique and len(set(v)) != len(v):
            return repeated or say(v)
        return None
    return Key(frag, problem, required, nullable, say(None) if required else None)


def anything(**schema: Any) -> Key:
    """A key whose value drafter takes as given (an example value, for instance)."""
    return Key(dict(schema))


# --------------------------------------------------------------------------- wording

def short(v: Any) -> str:
    """repr of a value, cut short (a 400-digit number is not worth quoting in full)."""
    try:
        text_ = repr(v)
    except ValueError:  # an int beyond Python's digit limit
        return "a number too long to print"
    return text_ if len(text_) <= 40 else f"{text_[:20]}…({len(text_)} characters)"


def kind(value: Any) -> str:
    """What a value is, in words for an error message ("a list", "text ('…')")."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({short(value)})"
    if isinstance(value, str):
        return f"text ({value[:20]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"a date ({value})"
    return type(value).__name__


def document(schema_id: str, title: str, description: str, body: dict[str, Any],
             defs: dict[str, Any] | None = None) -> dict[str, Any]:
    """A whole JSON Schema (draft 2020-12) document around a format's top-level object."""
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema",
           "$id": f"https://drafter.invalid/schema/{schema_id}.json", "title": title, "description": description,
           **body}
    if defs:
        out["$defs"] = defs
    return out
