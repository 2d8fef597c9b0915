"""Speech outlines: the types of speech drafter knows (`templates/<id>.yaml`).

An outline is data mined from the seed pieces: the facts a speech of that
type needs (fields), its sections in argument order with their role and
archetype, guidance for the writer, heading patterns seen in real speeches,
the numbering style per level, the phrase-bank functions that feed each part
and the Jinja templates for its fixed wording. Loading validates every file
and reports all problems with file:line:column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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

_TOP_KEYS = {"id", "name", "description", "sources", "fields", "sections", "numbering", "run_in", "templates",
             "opening_phrases", "closing_phrases", "salutation", "guidance", "family"}
_FIELD_KEYS = {"name", "label", "type", "required", "example", "help", "validation"}
_VALIDATION_KEYS = {"pattern", "min_length", "max_length", "minimum", "maximum", "choices"}
_SECTION_KEYS = {"role", "archetype", "guidance", "length", "required", "heading_patterns", "phrases",
                 "sub_guidance", "example_children"}


def parse_outline(doc: YamlDoc) -> Outline:
    """Validate one outline document, collecting every problem."""
    problems: list[DrafterError] = []

    def bad(msg: str, *path: Any) -> None:
        problems.append(DrafterError(msg, doc.loc(*path)))

    data = doc.data
    if not isinstance(data, dict):
        raise ValidationError([DrafterError("an outline must be a mapping", doc.loc())])
    for key in data:
        if key not in _TOP_KEYS:
            bad(f"unknown key {key!r} (known: {', '.join(sorted(_TOP_KEYS))})", key)
    for key in ("id", "name", "description", "fields", "sections", "numbering", "templates", "sources"):
        if key not in data:
            bad(f"missing required key {key!r}")

    def text(key: str, *path: Any, required: bool = True) -> str:
        value = _get(data, path + (key,))
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            bad("must be non-empty text", *path, key)
            return ""
        return value

    oid = text("id")
    if oid and not _ID_RE.match(oid):
        bad("id must be lowercase letters, digits and dashes", "id")
    expected = Path(doc.name).stem
    if oid and expected != oid and Path(doc.name).suffix == ".yaml":
        bad(f"id {oid!r} does not match the file name {expected!r}", "id")

    sources = []
    for i, s in enumerate(_list(data, "sources", bad)):
        if not isinstance(s, dict) or not isinstance(s.get("file"), str) or "piece" not in s:
            bad("a source needs file and piece", "sources", i)
            continue
        if s["file"] == CURATED and not str(s.get("note", "")).strip():
            bad("a curated source needs a note saying which conventions the structure follows", "sources", i)
        sources.append(Source(s["file"], str(s["piece"]), str(s.get("note", ""))))

    family = data.get("family", FAMILIES[0])  # a curator's outline without one is a meeting speech
    if family not in FAMILIES:
        bad(f"unknown family {family!r} (known: {', '.join(FAMILIES)})", "family")

    fields = []
    for i, f in enumerate(_list(data, "fields", bad)):
        parsed = _parse_field(f, i, bad)
        if parsed:
            fields.append(parsed)
    names = [f.name for f in fields]
    for dup in {n for n in names if names.count(n) > 1}:
        bad(f"field {dup!r} declared twice", "fields")

    sections = []
    for i, s in enumerate(_list(data, "sections", bad)):
        parsed_s = _parse_section(s, i, bad)
        if parsed_s:
            sections.append(parsed_s)
    if "sections" in data and not sections and not problems:
        bad("an outline needs at least one section", "sections")

    numbering = _list(data, "numbering", bad)
    for i, style in enumerate(numbering):
        if style not in STYLES:
            bad(f"unknown numbering style {style!r} (known: {', '.join(repr(k) for k in STYLES)})", "numbering", i)
    run_in = _list(data, "run_in", bad)
    if any(not isinstance(v, bool) for v in run_in):
        bad("run_in must be a list of true/false per level", "run_in")

    templates = data.get("templates") or {}
    if not isinstance(templates, dict):
        bad("templates must map parts to .j2 file names", "templates")
        templates = {}
    for part, name in templates.items():
        if part not in TEMPLATE_PARTS:
            bad(f"unknown template part {part!r} (known: {', '.join(TEMPLATE_PARTS)})", "templates", part)
        elif not isinstance(name, str) or not name.endswith(".j2"):
            bad("must be a .j2 file name", "templates", part)
        elif not (Path(doc.name).parent / name).is_file():
            bad(f"template file {name!r} not found beside the outline", "templates", part)
    for part in ("title", "byline"):
        if part not in templates:
            bad(f"missing template for {part!r}", "templates")

    for key in ("opening_phrases", "closing_phrases"):
        for i, fn in enumerate(_list(data, key, bad)):
            if fn not in FUNCTIONS:
                bad(f"unknown phrase function {fn!r}", key, i)

    if problems:
        raise ValidationError(problems)
    return Outline(
        id=oid, name=data["name"], description=data["description"], sources=tuple(sources), fields=tuple(fields),
        sections=tuple(sections), numbering=tuple(numbering), run_in=tuple(run_in),
        templates={str(k): str(v) for k, v in templates.items()},
        opening_phrases=tuple(data.get("opening_phrases") or ()),
        closing_phrases=tuple(data.get("closing_phrases") or ()),
        salutation=str(data.get("salutation", "同志们：") or ""), guidance=str(data.get("guidance", "") or ""),
        family=family, path=doc.name,
    )


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        if isinstance(data, dict):
            data = data.get(p)
        elif isinstance(data, list) and isinstance(p, int) and p < len(data):
            data = data[p]
        else:
            return None
    return data


def _list(data: dict, key: str, bad) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        bad("must be a list", key)
        return []
    return value


def _parse_field(f: Any, i: int, bad) -> Field | None:
    where = ("fields", i)
    if not isinstance(f, dict):
        bad("a field must be a mapping", *where)
        return None
    ok = True
    for key in f:
        if key not in _FIELD_KEYS:
            bad(f"unknown key {key!r}", *where, key)
            ok = False
    name, label, ftype = f.get("name"), f.get("label"), f.get("type", "text")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        bad("field name must be a lowercase identifier", *where, "name")
        ok = False
    if not isinstance(label, str) or not label:
        bad("field needs a Chinese label", *where, "label")
        ok = False
    if ftype not in FIELD_TYPES:
        bad(f"unknown field type {ftype!r} (known: {', '.join(FIELD_TYPES)})", *where, "type")
        ok = False
    validation = f.get("validation") or {}
    if not isinstance(validation, dict):
        bad("validation must be a mapping", *where, "validation")
        validation = {}
    for key in validation:
        if key not in _VALIDATION_KEYS:
            bad(f"unknown validation {key!r} (known: {', '.join(sorted(_VALIDATION_KEYS))})",
                *where, "validation", key)
            ok = False
    if "pattern" in validation:
        try:
            re.compile(str(validation["pattern"]))
        except re.error as exc:
            bad(f"bad pattern: {exc}", *where, "validation", "pattern")
            ok = False
    if not ok:
        return None
    return Field(name=name, label=label, type=ftype, required=bool(f.get("required", False)),
                 example=f.get("example"), help=str(f.get("help", "") or ""),
                 pattern=validation.get("pattern"), min_length=validation.get("min_length"),
                 max_length=validation.get("max_length"), minimum=validation.get("minimum"),
                 maximum=validation.get("maximum"), choices=tuple(validation.get("choices") or ()))


def _parse_section(s: Any, i: int, bad) -> OutlineSection | None:
    where = ("sections", i)
    if not isinstance(s, dict):
        bad("a section must be a mapping", *where)
        return None
    ok = True
    for key in s:
        if key not in _SECTION_KEYS:
            bad(f"unknown key {key!r}", *where, key)
            ok = False
    role = s.get("role")
    if role not in ROLES:
        bad(f"unknown role {role!r} (known: {', '.join(ROLES)})", *where, "role")
        ok = False
    for key in ("archetype", "guidance"):
        if not isinstance(s.get(key), str) or not s.get(key):
            bad(f"section needs {key}", *where, key)
            ok = False
    length = s.get("length", [600, 1500])
    if (not isinstance(length, list) or len(length) != 2 or not all(isinstance(n, int) for n in length)
            or length[0] > length[1]):
        bad("length must be [min, max] characters", *where, "length")
        ok = False
    phrases = s.get("phrases") or []
    for j, fn in enumerate(phrases):
        if fn not in FUNCTIONS:
            bad(f"unknown phrase function {fn!r}", *where, "phrases", j)
            ok = False
    if not ok:
        return None
    return OutlineSection(role=role, archetype=s["archetype"], guidance=s["guidance"], length=tuple(length),
                          required=bool(s.get("required", True)),
                          heading_patterns=tuple(s.get("heading_patterns") or ()), phrases=tuple(phrases),
                          sub_guidance=str(s.get("sub_guidance", "") or ""),
                          example_children=tuple(s.get("example_children") or ()))


def by_family(outlines: dict[str, Outline]) -> dict[str, list[Outline]]:
    """Outlines grouped by family, in FAMILIES order (empty families left out), each in id order."""
    groups: dict[str, list[Outline]] = {f: [] for f in FAMILIES}
    for oid in sorted(outlines):
        groups[outlines[oid].family].append(outlines[oid])
    return {f: os for f, os in groups.items() if os}
