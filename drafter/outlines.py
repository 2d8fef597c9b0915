"""Speech outlines: the types of speech drafter knows (`templates/<id>.yaml`).

An outline is data mined from the seed pieces: the facts a speech of that
type needs (fields), its sections in argument order with their role and
archetype, guidance for the writer, heading patterns seen in real speeches,
the numbering style per level, the phrase-bank functions that feed each part
and the Jinja templates for its fixed wording. Loading validates every file
and reports all problems with file:line:column. The format's keys are declared
once (`TOP`, `SOURCE`, `FIELD`, `VALIDATION`, `SECTION`) for the validator and the
JSON Schema `drafter schema outline` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.declare import (NONBLANK, Key, Problems, anything, boolean, check_mapping, choice, closed, document,
                             integer, is_int, strings, text)
from drafter.errors import DrafterError, UnknownNameError, ValidationError
from drafter.numerals import STYLES
from drafter.vocabulary import FUNCTIONS as VOCABULARY
from drafter.yamlsrc import YamlDoc, load_yaml

FIELD_TYPES = ("text", "date", "list", "int")

# Section roles (archetypes) an outline may use; shared with the phrase banks'
# "section.<role>" functions and the parser/checker's Section.role.
ROLES: dict[str, str] = {
    "importance": "提高认识、统一思想",
    "review": "总结成绩、回顾工作",
    "problems": "查找问题、正视不足",
    "tasks": "明确任务、突出重点",
    "leadership": "加强领导、压实责任",
    "methods": "讲究方法、务求实效",
    "supervision": "督查考核、狠抓落实",
    "style": "转变作风、提升能力",
    "expectations": "提出希望、明确要求",
    # Roles of the other weekly genres (hosting, 民主生活会, lectures, reports…).
    "agenda": "会议议程（主持词逐项进行）",
    "situation": "形势研判、机遇挑战",
    "progress": "进展评估、现场点评",
    "experience": "经验启示、规律认识",
    "commendation": "表彰先进、弘扬精神",
    "findings": "调研所见、肯定成绩",
    "discipline": "以案为鉴、纪律警示",
    "theory": "理论阐释、学深悟透",
    "history": "历史回望、故事案例",
    "insight": "学习体会、认识收获",
    "practice": "联系实际、检视差距",
    "causes": "原因剖析、追根溯源",
    "measures": "整改措施、努力方向",
    "criticism": "批评与自我批评、点评",
    "pledge": "表态决心、承诺举措",
    "plans": "下步打算、工作思路",
    "harvest": "培训收获、学用结合",
    "requests": "请求支持、意见建议",
}

# Families group the outlines in `drafter outlines` and the UI's start screen.
FAMILIES: tuple[str, ...] = ("会议讲话", "主持与发言", "党内政治生活", "党课与文章", "汇报述职")
# A source that is not a seed piece: the structure follows the genre's conventions, stated in the guidance.
CURATED = "curated"

# Phrase-bank functions an outline may name: the shared vocabulary.
FUNCTIONS = frozenset(VOCABULARY)

# salutation: a rendered salutation (尊敬的……) instead of the fixed one; item: the lead line of each
# top-level section (下面进行第一项议程……), which then prints without a heading.
TEMPLATE_PARTS = ("title", "subtitle", "byline", "salutation", "opening", "transition", "item", "closing")
_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_NAME_RE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Field:
    """A fact the spec gives (speaker, date, scope…), typed and validated."""

    name: str
    label: str
    type: str = "text"
    required: bool = False
    example: Any = None
    help: str = ""
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlineSection:
    """One top-level section of the outline, in argument order."""

    role: str
    archetype: str
    guidance: str
    length: tuple[int, int] = (600, 1500)  # typical characters
    required: bool = True
    heading_patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    sub_guidance: str = ""
    example_children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A seed piece the structure was mined from, or file "curated" with the conventions in the note."""

    file: str
    piece: str
    note: str = ""


@dataclass(frozen=True)
class Outline:
    """A speech type: its facts, its sections in argument order and its templates."""

    id: str
    name: str
    description: str
    sources: tuple[Source, ...]
    fields: tuple[Field, ...]
    sections: tuple[OutlineSection, ...]
    numbering: tuple[str, ...]  # marker style per level (numerals.STYLES keys)
    run_in: tuple[bool, ...]  # per level: the heading runs into its first paragraph
    templates: dict[str, str]  # part -> template file name (title, byline, opening…)
    opening_phrases: tuple[str, ...] = ()
    closing_phrases: tuple[str, ...] = ()
    salutation: str = "同志们："
    guidance: str = ""
    family: str = "会议讲话"
    path: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def style(self, level: int) -> str:
        """Numbering style of `level` (1-based); the last one repeats deeper down."""
        return self.numbering[min(level, len(self.numbering)) - 1]

    def is_run_in(self, level: int) -> bool:
        return self.run_in[min(level, len(self.run_in)) - 1] if self.run_in else False


# --------------------------------------------------------------------------- loading

def outline_paths(folder: Path | None = None) -> list[Path]:
    if folder is None:
        from drafter.resources import data_dir

        folder = data_dir("templates")
    return sorted(p for p in Path(folder).glob("*.yaml") if p.is_file())


@cache
def _load_all(folder: str | None) -> dict[str, Outline]:
    outlines: dict[str, Outline] = {}
    problems: list[DrafterError] = []
    for path in outline_paths(Path(folder) if folder else None):
        try:
            outline = parse_outline(load_yaml(path))
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        except DrafterError as exc:
            problems.append(exc)
            continue
        if outline.id in outlines:
            problems.append(DrafterError(f"outline id {outline.id!r} also defined in {outlines[outline.id].path}",
                                         path=str(path), field="id"))
            continue
        outlines[outline.id] = outline
    if problems:
        raise ValidationError(problems)
    return outlines


def load_outlines(folder: str | Path | None = None) -> dict[str, Outline]:
    """All outlines by id (validated; cached per folder)."""
    return dict(_load_all(str(folder) if folder else None))


@cache
def _load_one(folder: str | None, outline_id: str) -> Outline | None:
    """The outline in `<id>.yaml` alone (its id must match the file name), or None without such a file.

    A build needs one outline: parsing only its file spares reading and validating every other.
    """
    base = Path(folder) if folder else None
    if base is None:
        from drafter.resources import data_dir

        base = data_dir("templates")
    path = base / f"{outline_id}.yaml"
    if not path.is_file():
        return None
    return parse_outline(load_yaml(path))


def get_outline(outline_id: Any, folder: str | Path | None = None) -> Outline:
    """The outline `outline_id`, or UnknownNameError listing the known ids."""
    key = str(folder) if folder else None
    if isinstance(outline_id, str) and _ID_RE.match(outline_id):
        if _load_all.cache_info().currsize:  # all are loaded already (the UI, a batch's workers)
            loaded = _load_all(key)
            if outline_id in loaded:
                return loaded[outline_id]
        else:
            one = _load_one(key, outline_id)
            if one is not None:
                return one
    outlines = load_outlines(folder)
    if isinstance(outline_id, str) and outline_id in outlines:
        return outlines[outline_id]
    raise UnknownNameError(f"unknown outline {outline_id!r}; known outlines: {', '.join(sorted(outlines))}")


# --------------------------------------------------------------------------- validation

def _nonblank() -> Key:
    return text("must be non-empty text", pattern=NONBLANK, required=True)


def _functions() -> Key:
    """A list of phrase-bank functions (each checked in the validator, to name the bad one)."""
    return Key({"type": "array", "items": {"enum": sorted(FUNCTIONS)}},
               lambda v: None if isinstance(v, list) else "must be a list", nullable=True)


def _list_of(schema: dict[str, Any], *, required: bool = False, nullable: bool = False) -> Key:
    return Key({"type": "array", "items": schema}, lambda v: None if isinstance(v, list) else "must be a list",
               required=required, nullable=nullable)


def _length_problem(v: Any) -> str | None:
    if (not isinstance(v, list) or len(v) != 2 or not all(is_int(n) for n in v)
            or v[0] > v[1]):  # min ≤ max is not expressible in JSON Schema
        return "length must be [min, max] characters"
    return None


# The format, declared once for the validator and `drafter schema outline` (drafter.declare).
VALIDATION: dict[str, Key] = {
    "pattern": text(lambda v: f"bad pattern: {v!r} is not text", format="regex"),
    "min_length": integer("min_length must be a whole number ≥ 0", minimum=0),
    "max_length": integer("max_length must be a whole number ≥ 0", minimum=0),
    "minimum": integer("minimum must be a whole number"),
    "maximum": integer("maximum must be a whole number"),
    "choices": strings("choices must be a list of text"),
}
FIELD: dict[str, Key] = {
    "name": text("field name must be a lowercase identifier", pattern=_NAME_RE.pattern, required=True),
    "label": text("field needs a Chinese label", min_length=1, required=True),
    "type": choice(FIELD_TYPES, lambda v: f"unknown field type {v!r} (known: {', '.join(FIELD_TYPES)})"),
    "required": boolean("required must be true or false"),
    "example": anything(),
    "help": text("help must be text", nullable=True),
    "validation": Key(lambda: closed(VALIDATION), lambda v: None if isinstance(v, dict) else
                      "validation must be a mapping", nullable=True),
}
SECTION: dict[str, Key] = {
    "role": choice(ROLES, lambda v: f"unknown role {v!r} (known: {', '.join(ROLES)})", required=True),
    "archetype": text("section needs archetype", min_length=1, required=True),
    "guidance": text("section needs guidance", min_length=1, required=True),
    "length": Key({"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}, _length_problem),
    "required": boolean("required must be true or false"),
    "heading_patterns": strings("heading_patterns must be a list of text", nonblank=False, nullable=True),
    "phrases": _functions(),
    "sub_guidance": text("sub_guidance must be text", nullable=True),
    "example_children": strings("example_children must be a list of text", nonblank=False, nullable=True),
}
SOURCE: dict[str, Key] = {
    "file": text("a source needs file and piece", required=True),
    "piece": Key({"type": ["string", "number"]}, lambda v: None if isinstance(v, (str, int, float))
                 and not isinstance(v, bool) else "a source needs file and piece", required=True,
                 missing="a source needs file and piece"),
    "note": text("note must be text"),
}
TOP: dict[str, Key] = {
    "id": text("id must be lowercase letters, digits and dashes", pattern=_ID_RE.pattern, required=True),
    "name": _nonblank(),
    "description": _nonblank(),
    "sources": _list_of({"$ref": "#/$defs/source"}, required=True),
    "fields": _list_of({"$ref": "#/$defs/field"}, required=True),
    "sections": Key({"type": "array", "items": {"$ref": "#/$defs/section"}, "minItems": 1},
                    lambda v: None if isinstance(v, list) else "must be a list", required=True),
    "numbering": Key({"type": "array", "items": {"enum": list(STYLES)}},
                     lambda v: None if isinstance(v, list) else "must be a list", required=True),
    "run_in": Key({"type": "array", "items": {"type": "boolean"}},
                  lambda v: None if isinstance(v, list) and all(isinstance(x, bool) for x in v)
                  else "run_in must be a list of true/false per level", nullable=True),
    # The parts' template files must exist beside the outline: checked by the validator only.
    "templates": Key({"type": "object", "propertyNames": {"enum": list(TEMPLATE_PARTS)},
                      "additionalProperties": {"type": "string", "pattern": r"\.j2$"},
                      "required": ["title", "byline"]},
                     lambda v: None if isinstance(v, dict) else "templates must map parts to .j2 file names",
                     required=True),
    "opening_phrases": _functions(),
    "closing_phrases": _functions(),
    "salutation": text("salutation must be text", nullable=True),
    "guidance": text("guidance must be text", nullable=True),
    "family": choice(FAMILIES, lambda v: f"unknown family {v!r} (known: {', '.join(FAMILIES)})"),
}


def json_schema() -> dict[str, Any]:
    """JSON Schema of an outline file (templates/<id>.yaml): what `drafter schema outline` prints.

    Not in the schema (checked by the validator only): the id matching the file name, template
    files existing beside the outline, field names declared twice, length min ≤ max."""
    source = closed(SOURCE, **{  # a curated source says which conventions the structure follows
        "if": {"properties": {"file": {"const": CURATED}}, "required": ["file"]},
        "then": {"properties": {"note": {"pattern": NONBLANK}}, "required": ["note"]}})
    return document("outline", "drafter outline", "讲话类型（大纲）：要素、各部分的类别与写法、编号样式和模板。",
                    closed(TOP), {"source": source, "field": closed(FIELD), "section": closed(SECTION)})


def parse_outline(doc: YamlDoc) -> Outline:
    """Validate one outline document, collecting every problem."""
    problems = Problems(doc)
    data = doc.data
    if not isinstance(data, dict):
        raise ValidationError([DrafterError("an outline must be a mapping", doc.loc())])
    check_mapping(data, TOP, problems)

    oid = data.get("id") if isinstance(data.get("id"), str) else ""
    expected = Path(doc.name).stem
    if oid and _ID_RE.match(oid) and expected != oid and Path(doc.name).suffix == ".yaml":
        problems(f"id {oid!r} does not match the file name {expected!r}", "id")

    sources = []
    for i, s in enumerate(_list(data, "sources")):
        if not isinstance(s, dict):
            problems("a source needs file and piece", "sources", i)
            continue
        before = len(problems)
        check_mapping(s, SOURCE, problems, "sources", i)
        if s.get("file") == CURATED and not str(s.get("note", "") or "").strip():
            problems("a curated source needs a note saying which conventions the structure follows", "sources", i)
        if len(problems) == before:
            sources.append(Source(s["file"], str(s["piece"]), str(s.get("note", ""))))

    family = data.get("family", FAMILIES[0])  # a curator's outline without one is a meeting speech

    fields = []
    for i, f in enumerate(_list(data, "fields")):
        parsed = _parse_field(f, i, problems)
        if parsed:
            fields.append(parsed)
    names = [f.name for f in fields]
    for dup in {n for n in names if names.count(n) > 1}:
        problems(f"field {dup!r} declared twice", "fields")

    sections = []
    for i, s in enumerate(_list(data, "sections")):
        parsed_s = _parse_section(s, i, problems)
        if parsed_s:
            sections.append(parsed_s)
    if isinstance(data.get("sections"), list) and not sections and not problems:
        problems("an outline needs at least one section", "sections")

    numbering = _list(data, "numbering")
    for i, style in enumerate(numbering):
        if not isinstance(style, str) or style not in STYLES:
            problems(f"unknown numbering style {style!r} (known: {', '.join(repr(k) for k in STYLES)})", "numbering", i)
    run_in = _list(data, "run_in")

    templates = data.get("templates") if isinstance(data.get("templates"), dict) else {}
    for part, name in templates.items():
        if part not in TEMPLATE_PARTS:
            problems(f"unknown template part {part!r} (known: {', '.join(TEMPLATE_PARTS)})", "templates", part)
        elif not isinstance(name, str) or not name.endswith(".j2"):
            problems("must be a .j2 file name", "templates", part)
        elif not (Path(doc.name).parent / name).is_file():
            problems(f"template file {name!r} not found beside the outline", "templates", part)
    for part in ("title", "byline"):
        if "templates" in data and part not in templates:
            problems(f"missing template for {part!r}", "templates")

    for key in ("opening_phrases", "closing_phrases"):
        for i, fn in enumerate(_list(data, key)):
            if not isinstance(fn, str) or fn not in FUNCTIONS:
                problems(f"unknown phrase function {fn!r}", key, i)

    problems.raise_any()
    return Outline(
        id=oid, name=data["name"], description=data["description"], sources=tuple(sources), fields=tuple(fields),
        sections=tuple(sections), numbering=tuple(numbering), run_in=tuple(run_in),
        templates={str(k): str(v) for k, v in templates.items()},
        opening_phrases=tuple(data.get("opening_phrases") or ()),
        closing_phrases=tuple(data.get("closing_phrases") or ()),
        salutation=str(data.get("salutation", "同志们：") or ""), guidance=str(data.get("guidance", "") or ""),
        family=family, path=doc.name,
    )


def _list(data: dict, key: str) -> list:
    """A list value, or [] (the declaration's check has already reported anything else)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _parse_field(f: Any, i: int, bad) -> Field | None:
    where = ("fields", i)
    if not isinstance(f, dict):
        bad("a field must be a mapping", *where)
        return None
    problems: list[str] = []

    def note(msg: str, *path: Any) -> None:
        problems.append(msg)
        bad(msg, *path)

    check_mapping(f, FIELD, note, *where)
    validation = f.get("validation")
    if isinstance(validation, dict):
        check_mapping(validation, VALIDATION, note, *where, "validation", where="validation")
        if isinstance(validation.get("pattern"), str):
            try:
                re.compile(validation["pattern"])
            except re.error as exc:
                note(f"bad pattern: {exc}", *where, "validation", "pattern")
    if problems:
        return None
    validation = validation or {}
    return Field(name=f["name"], label=f["label"], type=f.get("type", "text"), required=f.get("required", False),
                 example=f.get("example"), help=str(f.get("help", "") or ""),
                 pattern=validation.get("pattern"), min_length=validation.get("min_length"),
                 max_length=validation.get("max_length"), minimum=validation.get("minimum"),
                 maximum=validation.get("maximum"), choices=tuple(validation.get("choices") or ()))


def _parse_section(s: Any, i: int, bad) -> OutlineSection | None:
    where = ("sections", i)
    if not isinstance(s, dict):
        bad("a section must be a mapping", *where)
        return None
    problems: list[str] = []

    def note(msg: str, *path: Any) -> None:
        problems.append(msg)
        bad(msg, *path)

    check_mapping(s, SECTION, note, *where)
    phrases = s.get("phrases") or []
    for j, fn in enumerate(phrases if isinstance(phrases, list) else ()):
        if not isinstance(fn, str) or fn not in FUNCTIONS:
            note(f"unknown phrase function {fn!r}", *where, "phrases", j)
    if problems:
        return None
    return OutlineSection(role=s["role"], archetype=s["archetype"], guidance=s["guidance"],
                          length=tuple(s.get("length", (600, 1500))), required=s.get("required", True),
                          heading_patterns=tuple(s.get("heading_patterns") or ()), phrases=tuple(phrases),
                          sub_guidance=str(s.get("sub_guidance", "") or ""),
                          example_children=tuple(s.get("example_children") or ()))


def by_family(outlines: dict[str, Outline]) -> dict[str, list[Outline]]:
    """Outlines grouped by family, in FAMILIES order (empty families left out), each in id order."""
    groups: dict[str, list[Outline]] = {f: [] for f in FAMILIES}
    for oid in sorted(outlines):
        groups[outlines[oid].family].append(outlines[oid])
    return {f: os for f, os in groups.items() if os}
