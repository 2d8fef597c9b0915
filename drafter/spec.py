"""The YAML spec: one format that the TUI saves and `drafter build` builds.

Loading goes through `drafter.yamlsrc` (safe loader, positions, no duplicate
keys, no object tags). Validation follows mkdocs' config options: every key
is checked and ALL problems are collected, then raised together as one
`ValidationError`, each naming file:line:column and the field path. YAML 1.1
surprises (`no` read as false, `5:00` read as 300, an unquoted date) are
reported for text fields instead of being silently turned into text.

The spec's keys are declared once, in the `Key` tables (`TOP`, `SECTION`, `ITEM`,
`STYLE`, `TARGETS`, built with drafter.declare): each carries its JSON-Schema fragment
and its check, so `json_schema()` (what `drafter schema` prints) and the validator read
the same declaration; facts come from each outline's field declarations, likewise for
both. Rules of text (one line, no control characters, not only a numbering marker) are
patterns both sides apply. Not expressible in JSON Schema, so drafter's alone: slots in
text must be declared facts, and the YAML 1.1 surprises above (a JSON tool sees them
already converted).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.declare import (LINE_BREAK, NONBLANK, Key, boolean, choice, closed, kind as _kind, short as _short,
                             unknown_key)
from drafter.errors import DrafterError, Location, UnknownNameError, ValidationError
from drafter.lazyre import lazy, lazy_unprintable
from drafter.templating import DERIVED_SLOTS
from drafter.yamlsrc import YamlDoc, dump_yaml, load_yaml, parse_yaml

MAX_DEPTH = 4
MAX_TEXT = 100_000  # characters in one heading, paragraph or fact (lxml reads text nodes up to 10 MB)
STYLE_CHOICES = {"preset": ("standard", "windows", "podium"), "page_numbers": ("outer", "center")}
# Upper bounds of the targets: a day's talking, and far faster than anyone reads aloud.
TARGET_MAX = {"minutes": 1440, "chars_per_minute": 10000}
# Lower bounds: any time above zero, and at least one character a minute.
TARGET_MIN = {"minutes": 0, "chars_per_minute": 1}


# --------------------------------------------------------------------------- the declaration

def _choice(name: str) -> Key:
    choices = STYLE_CHOICES[name]
    return choice(choices, lambda v: f"{name} must be one of {', '.join(choices)}, found {v!r}")


def _boolean(name: str, **schema: Any) -> Key:
    return boolean(lambda v: f"{name} must be true or false, found {v!r}", **schema)


def _target(name: str) -> Key:
    low, high = TARGET_MIN[name], TARGET_MAX[name]
    bound = {"exclusiveMinimum": 0} if low == 0 else {"minimum": low}

    def problem(v: Any) -> str | None:
        if (isinstance(v, bool) or not isinstance(v, (int, float)) or (isinstance(v, float) and not math.isfinite(v))
                or v <= 0 or v < low):
            return f"{name} must be a positive number, found {_short(v)}"
        if v > high:
            return f"{name} must be at most {high}, found {_short(v)}"
        return None
    return Key({"type": "number", **bound, "maximum": high}, problem)


def _role_schema() -> dict[str, Any]:
    from drafter.outlines import ROLES

    return {"enum": list(ROLES), "description": "; ".join(f"{k}: {v}" for k, v in ROLES.items())}


def _role_problem(role: Any) -> str | None:
    from drafter.outlines import ROLES

    if role is None or (isinstance(role, str) and role in ROLES):
        return None
    return f"unknown role {_short(role)} (known: {', '.join(ROLES)})"


def _outline_schema() -> dict[str, Any]:
    from drafter.outlines import load_outlines

    outlines = load_outlines()
    return {"enum": sorted(outlines), "description": "; ".join(f"{k}: {o.name}" for k, o in sorted(outlines.items()))}


# Rules of user text, declared once: the validator's `text` and `one_line` and the schema's
# fragments below read these same constants (BAD_CHARS and MARKER_ONLY are defined further down).
def _text(*banned: str, **extra: Any) -> dict[str, Any]:
    """A string within MAX_TEXT, without control characters or lone surrogates, nor any `banned` pattern."""
    nots = [{"pattern": BAD_CHARS}] + [{"pattern": b} for b in banned]
    return {"type": "string", "maxLength": MAX_TEXT, "allOf": [{"not": n} for n in nots], **extra}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_PARAGRAPH_TEXT = lambda: _text(LINE_BREAK, pattern=NONBLANK, description="段落正文（一行），可用 {{ 槽位 }}")  # noqa: E731
# One paragraph, or a list of them (a single string is read as a list of one).
_PARAGRAPHS = lambda: {"anyOf": [_PARAGRAPH_TEXT(), {"type": "array", "items": {"$ref": "#/$defs/paragraph"}}]}  # noqa: E731

STYLE: dict[str, Key] = {"preset": _choice("preset"), "page_numbers": _choice("page_numbers"),
                         "bold_level3": _boolean("bold_level3")}
TARGETS: dict[str, Key] = {"minutes": _target("minutes"), "chars_per_minute": _target("chars_per_minute")}
SECTION: dict[str, Key] = {
    # One line of words: not only a numbering marker (one typed before words is removed, with a
    # warning). Its {{ slots }} are checked by the validator only (template syntax is not a pattern).
    "heading": Key(lambda: _text(LINE_BREAK, MARKER_ONLY, pattern=NONBLANK,
                                 description="标题（不要输入序号，序号由程序生成）"), required=True),
    "role": Key(_role_schema, _role_problem, nullable=True),
    "done": _boolean("done", description="写作者已完成此部分"),  # the writer's mark in the UI
    "paragraphs": Key(_PARAGRAPHS, nullable=True),
    # Nesting stops at MAX_DEPTH: the schema has one definition per level (see json_schema).
    "children": Key({"type": "array", "items": {"$ref": "#/$defs/section"}}, nullable=True),
}
ITEM: dict[str, Key] = {
    "text": Key(_PARAGRAPH_TEXT),
    "phrase": Key({"type": "string", "pattern": NONBLANK, "description": "表述库条目编号，如 curated-0012"}),
    "slots": Key(lambda: {"type": "object", "additionalProperties": {
        "oneOf": [_text(), {"type": "number"}, {"type": "array", "items": _text()}]}}, nullable=True),
}
TOP: dict[str, Key] = {
    "outline": Key(_outline_schema, required=True),
    "facts": Key({"type": "object"}, nullable=True),  # each outline's facts: the `allOf` branches of the schema
    "opening": Key(_PARAGRAPHS, nullable=True),
    "sections": Key({"type": "array", "items": {"$ref": "#/$defs/section"}, "minItems": 1}, required=True),
    "closing": Key(_PARAGRAPHS, nullable=True),
    "style": Key(lambda: _mapping_schema(STYLE), nullable=True),
    "targets": Key(lambda: _mapping_schema(TARGETS), nullable=True),
}
OPTIONS: dict[str, dict[str, Key]] = {"style": STYLE, "targets": TARGETS}

TOP_KEYS = tuple(TOP)
SECTION_KEYS = tuple(SECTION)
ITEM_KEYS = tuple(ITEM)
STYLE_KEYS = tuple(STYLE)
TARGET_KEYS = tuple(TARGETS)


_mapping_schema = closed

_CN = "一二三四五六七八九十"
# A numbering marker typed at the start of a heading (the engine numbers headings).
MARKER_RE = lazy(
    rf"^\s*(?:[{_CN}]{{1,3}}\s*、|[（(]\s*[{_CN}]{{1,3}}\s*[）)]|\d{{1,2}}\s*[.．、](?!\d)|[（(]\s*\d{{1,2}}\s*[）)]"
    rf"|第[{_CN}]{{1,3}}\s*[，,、]|[{_CN}]{{1,2}}[是要](?![的])|[\u2460-\u2473])\s*")
# A heading that is only such a marker (an error both ways: "一、" alone would be built as "一、一、").
MARKER_ONLY = MARKER_RE.pattern + "$"
_MARKER_ONLY = lazy(MARKER_ONLY)
# What a marker can start with (after blanks); headings that start otherwise skip the patterns.
_MARKER_START = frozenset(_CN + "（(第") | frozenset(map(chr, range(0x2460, 0x2474)))


_LINE_BREAK = re.compile(LINE_BREAK)
_NONBLANK = re.compile(NONBLANK)


def _may_be_marked(heading: str) -> bool:
    """False when `heading` cannot start with a marker, so the marker patterns need not compile."""
    head = heading.lstrip()[:1]
    return bool(head) and (head in _MARKER_START or head.isdecimal())


@dataclass
class Item:
    """A paragraph of a spec: literal text (with slots) or a phrase-bank entry."""

    text: str | None = None
    phrase: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass
class SpecSection:
    """A section of a spec: its heading, paragraphs and children."""

    heading: str
    role: str | None = None
    paragraphs: list[Item] = field(default_factory=list)
    children: list["SpecSection"] = field(default_factory=list)
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass
class Spec:
    """A loaded, validated spec: the outline, the facts and the speech's text."""

    outline: str
    facts: dict[str, Any] = field(default_factory=dict)
    opening: list[Item] = field(default_factory=list)
    sections: list[SpecSection] = field(default_factory=list)
    closing: list[Item] = field(default_factory=list)
    style: dict[str, Any] = field(default_factory=dict)
    targets: dict[str, Any] = field(default_factory=dict)
    path: str = field(default="", compare=False)
    fact_locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)
    warnings: list[DrafterError] = field(default_factory=list, compare=False, repr=False)

    @property
    def name(self) -> str:
        """Default output name: the spec file's stem."""
        return Path(self.path).stem if self.path else "speech"


# --------------------------------------------------------------------------- loading

def load_spec(path: str | Path) -> Spec:
    """Read, parse and validate a spec file (UTF-8 or GB18030)."""
    doc = load_yaml(path)
    spec = validate(doc.data, doc)
    spec.path = str(path)
    return spec


def parse_spec(text: str, name: str = "<spec>") -> Spec:
    doc = parse_yaml(text, name)
    spec = validate(doc.data, doc)
    spec.path = name
    return spec


def validate(data: Any, doc: YamlDoc) -> Spec:
    """Check a loaded spec against its outline; raise ValidationError with every problem."""
    return _Validator(doc).run(data)


class _Validator:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.problems: list[DrafterError] = []
        self.warnings: list[DrafterError] = []
        self.outline = None
        self.declared: set[str] = set()

    def bad(self, msg: str, *path: Any) -> None:
        self.problems.append(DrafterError(msg, self.doc.loc(*path)))

    def run(self, data: Any) -> Spec:
        from drafter.outlines import load_outlines

        if data is None:
            raise ValidationError([DrafterError("the spec is empty; start one with `drafter new OUTLINE`",
                                                self.doc.loc())])
        if not isinstance(data, dict):
            raise ValidationError([DrafterError(
                f"a spec must be a mapping of {', '.join(TOP_KEYS)}; found {_kind(data)}", self.doc.loc())])
        for key in data:
            if key not in TOP_KEYS:
                self.bad(unknown_key(key, TOP_KEYS), key)

        oid = data.get("outline")
        if oid is None:
            outlines = load_outlines()
            where = ("outline",) if "outline" in data else ()
            self.bad(f"{'empty' if where else 'missing required key'} 'outline' (one of: "
                     f"{', '.join(sorted(outlines))})", *where)
        else:
            from drafter.outlines import get_outline

            try:  # only the named outline is read (all of them only to list the known ids)
                self.outline = get_outline(oid)
            except UnknownNameError as exc:
                self.problems.append(UnknownNameError(exc.message, self.doc.loc("outline")))
            else:
                self.declared = set(self.outline.field_names) | set(DERIVED_SLOTS)

        facts, fact_locs = self.facts(data.get("facts"))
        spec = Spec(outline=oid if isinstance(oid, str) else "", facts=facts, fact_locations=fact_locs)
        spec.opening = self.items(data.get("opening"), ("opening",))
        spec.closing = self.items(data.get("closing"), ("closing",))
        spec.sections = self.sections(data.get("sections"), ("sections",), 1)
        if "sections" not in data:
            self.bad("missing required key 'sections' (the points of the speech)")
        elif not spec.sections and not any(p.location and p.location.field and p.location.field.startswith("sections")
                                           for p in self.problems):
            self.bad("a speech needs at least one section", "sections")
        spec.style = self.options(data.get("style"), "style")
        spec.targets = self.options(data.get("targets"), "targets")
        spec.warnings = self.warnings
        if self.problems:
            self.problems.sort(key=lambda p: (p.location.line or 0) if p.location else 0)
            raise ValidationError(self.problems)
        return spec

    # ---------------------------------------------------------------- facts

    def facts(self, raw: Any) -> tuple[dict[str, Any], dict[str, Location]]:
        out: dict[str, Any] = {}
        locs: dict[str, Location] = {}
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            self.bad(f"facts must be a mapping of field: value; found {_kind(raw)}", "facts")
            return out, locs
        outline = self.outline
        for key, value in raw.items():
            locs[str(key)] = self.doc.loc("facts", key)
            if outline is None:
                out[str(key)] = value
                continue
            f = outline.field(key) if isinstance(key, str) else None
            if f is None:
                self.bad(f"unknown fact {key!r} for outline {outline.id!r} (declared: "
                         f"{', '.join(outline.field_names)})", "facts", key)
                continue
            checked = self.fact_value(f, value, ("facts", key))
            if checked is not None:
                out[key] = checked
        if outline is not None:
            for f in outline.fields:
                if f.required and f.name not in raw:
                    self.bad(f"missing required fact {f.name!r} ({f.label}), e.g. {f.name}: {f.example}", "facts")
                elif f.required and raw.get(f.name) in (None, "", []):
                    self.bad(f"required fact {f.name!r} ({f.label}) is empty", "facts", f.name)
        return out, locs

    def fact_value(self, f, value: Any, path: tuple) -> Any:
        if value is None or value == "":
            return None
        if f.type == "text":
            text = self.text(value, path, f.label)
            return self.constrain(f, text, path) if text is not None else None
        if f.type == "date":
            if isinstance(value, _dt.datetime):
                return value.date()
            if isinstance(value, _dt.date):
                return value
            if isinstance(value, str):
                try:
                    return _dt.date.fromisoformat(value.strip())
                except ValueError:
                    pass
            self.bad(f"{f.label}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23", *path)
            return None
        if f.type == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return self.constrain(f, value, path)
            self.bad(f"{f.label}: expected a whole number, found {_kind(value)}", *path)
            return None
        if f.type == "list":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                self.bad(f"{f.label}: expected a list like [甲, 乙], found {_kind(value)}", *path)
                return None
            out = []
            for i, item in enumerate(items):
                text = self.text(item, path + (i,) if not isinstance(value, str) else path, f.label)
                if text is not None:
                    out.append(self.constrain(f, text, path + (i,)))
            return out
        return value  # pragma: no cover - outline validation limits the types

    def text(self, value: Any, path: tuple, label: str = "") -> str | None:
        """A text value, explaining the YAML 1.1 conversions that turn text into something else."""
        what = f"{label}: " if label else ""
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                self.bad(f"{what}{len(value)} characters in one value, at most {MAX_TEXT} (Word and drafter "
                         f"cannot read back paragraphs much longer); split it into paragraphs", *path)
                return None
            bad = _BAD_CHARS.search(value)
            if bad:
                c = bad.group(0)
                kind = "a lone surrogate" if "\ud800" <= c <= "\udfff" else "a control character"
                self.bad(f"{what}contains {kind} (U+{ord(c):04X}) at character {bad.start() + 1}; "
                         f"remove it", *path)
                return None
            return value
        if isinstance(value, bool):
            self.bad(f"{what}expected text, but YAML read a boolean ({str(value).lower()}); words like "
                     f"no/yes/on/off are booleans in YAML: put the text in quotes", *path)
        elif isinstance(value, (int, float)):
            self.bad(f"{what}expected text, but YAML read the number {value!r} (a value like 5:00 is read as 300): "
                     f"put the text in quotes", *path)
        elif isinstance(value, (_dt.date, _dt.datetime)):
            self.bad(f"{what}expected text, but YAML read a date ({value}): put the text in quotes", *path)
        else:
            self.bad(f"{what}expected text, found {_kind(value)}", *path)
        return None

    def one_line(self, text: str, path: tuple, what: str) -> bool:
        """Headings and paragraphs are single lines: a line break inside one would start
        a new paragraph (or a fake heading) in the built speech."""
        if not _LINE_BREAK.search(text):  # the pattern the schema forbids too
            return True
        tail = " (write each paragraph as its own list item)" if what == "a paragraph" else ""
        self.bad(f"{what} must be one line, but this one has a line break{tail}", *path)
        return False

    def constrain(self, f, value: Any, path: tuple) -> Any:
        if isinstance(value, str):
            if f.pattern and not re.fullmatch(f.pattern, value):
                self.bad(f"{f.label}: {value!r} does not match the pattern {f.pattern}", *path)
            if f.max_length is not None and len(value) > f.max_length:
                self.bad(f"{f.label}: {len(value)} characters, at most {f.max_length} allowed", *path)
            if f.min_length is not None and len(value) < f.min_length:
                self.bad(f"{f.label}: at least {f.min_length} characters needed", *path)
            if f.choices and value not in f.choices:
                self.bad(f"{f.label}: {value!r} is not one of {', '.join(f.choices)}", *path)
        elif isinstance(value, int):
            if f.minimum is not None and value < f.minimum:
                self.bad(f"{f.label}: {value} is below the minimum {f.minimum}", *path)
            if f.maximum is not None and value > f.maximum:
                self.bad(f"{f.label}: {value} is above the maximum {f.maximum}", *path)
        return value

    # ---------------------------------------------------------------- body

    def check_slots(self, text: str, path: tuple) -> bool:
        """Parse the slots of user text now, so every template problem is reported with the others."""
        from drafter.templating import has_markup

        if not has_markup(text):
            return True
        from drafter.errors import TemplateError
        from drafter.templating import user_slots

        from jinja2.exceptions import TemplateSyntaxError

        where = self.doc.loc(*path)
        try:
            slots = user_slots(text)
        except TemplateSyntaxError as exc:
            self.problems.append(TemplateError(f"template syntax error: {exc.message} in {text!r}", where))
            return False
        except TemplateError as exc:
            self.problems.append(TemplateError(exc.message, where))
            return False
        if self.outline is not None:
            for slot in sorted(slots):
                if slot not in self.declared:
                    self.problems.append(TemplateError(
                        f"undefined slot {{{{ {slot} }}}}; slots declared by outline {self.outline.id!r}: "
                        f"{', '.join(self.outline.field_names)}", where))
        return True

    def items(self, raw: Any, path: tuple) -> list[Item]:
        if raw is None:
            return []
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.bad(f"expected a list of paragraphs, found {_kind(raw)}", *path)
            return []
        out = []
        for i, value in enumerate(raw):
            where = path + (i,)
            if isinstance(value, dict):
                item = self.item_map(value, where)
                if item:
                    out.append(item)
                continue
            text = self.text(value, where, "paragraph")
            if text is None:
                continue
            if not text.strip():
                self.bad("empty paragraph", *where)
                continue
            if not self.one_line(text, where, "a paragraph"):
                continue
            self.check_slots(text, where)
            out.append(Item(text=text, where=self.doc.loc(*where)))
        return out

    def item_map(self, value: dict, where: tuple) -> Item | None:
        ok = True
        for key in value:
            if key not in ITEM_KEYS:
                self.bad(f"unknown key {key!r} in a paragraph (allowed: a text, or phrase with optional slots)",
                         *where, key)
                ok = False
        has_text, has_phrase = "text" in value, "phrase" in value
        if has_text == has_phrase:
            self.bad("a paragraph mapping needs exactly one of 'text' or 'phrase'", *where)
            return None
        slots = value.get("slots")
        slots = {} if slots is None else slots
        if not isinstance(slots, dict):
            self.bad("slots must map slot names to values", *where, "slots")
            return None
        clean_slots = {}
        for k, v in slots.items():
            if isinstance(v, list):
                v = [self.text(x, where + ("slots", k, j)) for j, x in enumerate(v)]
                if None in v:
                    ok = False
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                v = str(v)
            else:
                v = self.text(v, where + ("slots", k))
                ok = ok and v is not None
            clean_slots[str(k)] = v
        if has_phrase:
            pid = value["phrase"]
            if not isinstance(pid, str) or not pid.strip():
                self.bad("phrase must be an entry id like curated-0012", *where, "phrase")
                return None
            return Item(phrase=pid.strip(), slots=clean_slots, where=self.doc.loc(*where)) if ok else None
        if clean_slots:
            self.bad("slots only go with phrase entries; text uses the spec's facts", *where, "slots")
            return None
        text = self.text(value["text"], where + ("text",), "paragraph")
        if text is None or not ok or not self.one_line(text, where + ("text",), "a paragraph"):
            return None
        self.check_slots(text, where + ("text",))
        return Item(text=text, where=self.doc.loc(*where, "text"))

    def sections(self, raw: Any, path: tuple, level: int) -> list[SpecSection]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.bad(f"expected a list of sections, found {_kind(raw)}", *path)
            return []
        out = []
        for i, value in enumerate(raw):
            where = path + (i,)
            if not isinstance(value, dict):
                self.bad(f"a section must be a mapping with heading and paragraphs, found {_kind(value)}", *where)
                continue
            for key in value:
                if key not in SECTION_KEYS:
                    self.bad(unknown_key(key, SECTION_KEYS, "a section"), *where, key)
            heading = value.get("heading")
            if heading is None:
                self.bad("section needs a heading", *where)
                heading = ""
            else:
                refused = (heading := self.text(heading, where + ("heading",), "heading")) is None
                heading = heading or ""
                if not self.one_line(heading, where + ("heading",), "a heading"):
                    heading = heading.replace("\n", "")
                heading = self.strip_marker(heading, where + ("heading",))
                if not _NONBLANK.search(heading) and "heading" in value and not refused:
                    self.bad("empty heading", *where, "heading")  # (a refused value has said why)
                self.check_slots(heading, where + ("heading",))
            if "done" in value and (msg := SECTION["done"].problem(value["done"])):
                self.bad(msg, *where, "done")
            role = value.get("role")
            if (msg := SECTION["role"].problem(role)):
                self.bad(msg, *where, "role")
                role = None
            children_raw = value.get("children")
            if children_raw and level >= MAX_DEPTH:
                self.bad(f"sections nest at most {MAX_DEPTH} levels deep", *where, "children")
                children_raw = None
            section = SpecSection(heading=heading.strip(), role=role,
                                  paragraphs=self.items(value.get("paragraphs"), where + ("paragraphs",)),
                                  children=self.sections(children_raw, where + ("children",), level + 1),
                                  where=self.doc.loc(*where, "heading"))
            out.append(section)
        return out

    def strip_marker(self, heading: str, path: tuple) -> str:
        m = MARKER_RE.match(heading) if _may_be_marked(heading) else None
        if not m:
            return heading
        if _MARKER_ONLY.match(heading):  # "一、" alone would be built as "一、一、"
            self.bad(f"heading is only the numbering marker {m.group(0).strip()!r}; write the heading's words "
                     f"(the engine numbers headings)", *path)
            return heading
        self.warnings.append(DrafterError(
            f"heading starts with the marker {m.group(0).strip()!r}; the engine numbers headings, so it was removed",
            self.doc.loc(*path)))
        return heading[m.end():]

    def options(self, raw: Any, key: str) -> dict[str, Any]:
        """`style:` or `targets:`, each option checked by its declaration in `OPTIONS`."""
        declared = OPTIONS[key]
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.bad(f"{key} must be a mapping", key)
            return {}
        out = {}
        for k, v in raw.items():
            if k not in declared:
                self.bad(f"unknown {key} option {k!r} (allowed: {', '.join(declared)})", key, k)
                continue
            if (msg := declared[k].problem(v)):
                self.bad(msg, key, k)
                continue
            out[k] = v
        return out


# Characters user text may not contain: lone surrogates (cannot be written as UTF-8) and
# control characters (terminal escape codes, bells; tab and line breaks are handled apart).
# Written as escapes: the pattern appears in the printed schema (JSON cannot carry a lone surrogate).
BAD_CHARS = r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_BAD_CHARS = lazy_unprintable(BAD_CHARS)


# --------------------------------------------------------------------------- saving

def _item_data(item: Item) -> Any:
    if item.phrase is not None:
        d: dict[str, Any] = {"phrase": item.phrase}
        if item.slots:
            d["slots"] = dict(item.slots)
        return d
    return item.text


def _section_data(s: SpecSection) -> dict[str, Any]:
    d: dict[str, Any] = {"heading": s.heading}
    if s.role:
        d["role"] = s.role
    d["paragraphs"] = [_item_data(p) for p in s.paragraphs]
    if s.children:
        d["children"] = [_section_data(c) for c in s.children]
    return d


def spec_to_data(spec: Spec) -> dict[str, Any]:
    """Plain data in the spec format (dates stay dates, so YAML writes them unquoted)."""
    data: dict[str, Any] = {"outline": spec.outline, "facts": dict(spec.facts)}
    if spec.opening:
        data["opening"] = [_item_data(p) for p in spec.opening]
    data["sections"] = [_section_data(s) for s in spec.sections]
    if spec.closing:
        data["closing"] = [_item_data(p) for p in spec.closing]
    if spec.style:
        data["style"] = dict(spec.style)
    if spec.targets:
        data["targets"] = dict(spec.targets)
    return data


def dump_spec(spec: Spec | dict[str, Any]) -> str:
    """YAML text of a spec, readable and loadable by `load_spec` (round trip equal)."""
    data = spec_to_data(spec) if isinstance(spec, Spec) else spec
    return dump_yaml(data)


def save_spec(spec: Spec | dict[str, Any], path: str | Path, *, force: bool = True) -> Path:
    """Write a spec atomically (the TUI's autosave uses force=True)."""
    from drafter.textio import atomic_write

    return atomic_write(path, dump_spec(spec), force=force)


# --------------------------------------------------------------------------- JSON Schema

def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the spec, with each outline's facts.

    Built from the same declarations the validator checks with: the `Key` tables above for the
    spec's own keys, and each outline's fields (`drafter.outlines.Field`) for its facts."""
    from drafter.outlines import load_outlines

    outlines = load_outlines()
    no_slots = _nullable({"type": "object", "maxProperties": 0})  # text uses the spec's facts, not slots
    text_or_phrase = {
        "oneOf": [
            _PARAGRAPH_TEXT(),
            _mapping_schema(ITEM, only=("text", "slots")) | {"required": ["text"]},
            _mapping_schema(ITEM, only=("phrase", "slots")) | {"required": ["phrase"]},
        ]
    }
    text_or_phrase["oneOf"][1]["properties"]["slots"] = no_slots

    def field_schema(f) -> dict[str, Any]:
        """A fact's value as drafter reads it: a list fact also takes one string; an optional fact
        may be left empty. Patterns are anchored, as drafter matches them whole (`$` also lets a
        final line break through, where drafter's fullmatch does not)."""
        base: dict[str, Any]
        if f.type == "date":
            # drafter also reads a YAML date, and Python's wider ISO forms (20261123): the schema
            # states the documented YYYY-MM-DD.
            base = {"type": "string", "format": "date"}
        elif f.type == "int":
            base = {"type": "integer"}
            if f.minimum is not None:
                base["minimum"] = f.minimum
            if f.maximum is not None:
                base["maximum"] = f.maximum
        else:
            text = _text()
            if f.pattern:
                text["pattern"] = f"^(?:{f.pattern})$"
            if f.max_length is not None:
                text["maxLength"] = min(f.max_length, MAX_TEXT)
            if f.min_length is not None:
                text["minLength"] = f.min_length
            if f.choices:
                text["enum"] = list(f.choices)
            if f.type == "list":
                many = {"type": "array", "items": text}
                if f.required:
                    many["minItems"] = 1
                    text = text | {"minLength": max(1, f.min_length or 0)}
                base = {"anyOf": [many, text]}
            else:
                base = text | {"minLength": max(1, f.min_length or 0)} if f.required else text
        if not f.required:  # left empty: drafter drops the fact
            base = {"anyOf": [base, {"const": ""}, {"type": "null"}]}
        base["title"] = f.label
        if f.help:
            base["description"] = f.help
        if f.example is not None:
            ex = f.example.isoformat() if isinstance(f.example, _dt.date) else f.example
            base["examples"] = [ex]
        return base

    # One definition per level: children of a level-MAX_DEPTH section would nest too deep.
    sections = {}
    for level in range(1, MAX_DEPTH + 1):
        one = _mapping_schema(SECTION)
        one["properties"]["children"] = (
            _nullable({"type": "array", "items": {"$ref": f"#/$defs/section_{level + 1}"}}) if level < MAX_DEPTH
            else _nullable({"type": "array", "maxItems": 0}))
        sections["section" if level == 1 else f"section_{level}"] = one

    per_outline = []
    for oid, outline in sorted(outlines.items()):
        props = {f.name: field_schema(f) for f in outline.fields}
        required = [f.name for f in outline.fields if f.required]
        per_outline.append({
            "if": {"properties": {"outline": {"const": oid}}, "required": ["outline"]},
            "then": {"properties": {"facts": {
                "type": "object", "additionalProperties": False, "properties": props,
                "required": required}}, "required": ["facts"] if required else []},
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://drafter.invalid/schema/spec.json",
        "title": "drafter speech spec",
        "description": "讲话稿规格：大纲类型、会议要素、各部分标题与正文。用 `drafter build` 生成文档。",
        **_mapping_schema(TOP),
        "allOf": per_outline,
        "$defs": {"paragraph": text_or_phrase, **sections},
    }
