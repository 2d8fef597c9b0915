"""The UI's one door to the engine: outlines, rendering, export, phrases, check.

Headless (never imports Textual). It adapts the engine modules' objects to
small views the screens can show, and runs the same code path as
`drafter build` so what the writer previews is what gets exported. Engine
modules are imported lazily: the first screen must not wait for jieba,
python-docx or the phrase banks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from drafter.errors import DrafterError, UnknownNameError

SLOT_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
EXPORT_FORMATS = ("docx", "md", "txt")


class EngineUnavailable(DrafterError):
    """A part of the engine this build does not have yet."""

    title = "Unavailable"


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """First present attribute or key among `names` (outlines may be objects or dicts)."""
    for n in names:
        if isinstance(obj, Mapping):
            if obj.get(n) is not None:
                return obj[n]
        elif getattr(obj, n, None) is not None:
            return getattr(obj, n)
    return default


def _str_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    out = []
    for x in v:
        if isinstance(x, str):
            out.append(x)
        else:
            out.append(str(_get(x, "pattern", "text", "file", "label", "name", default=x)))
    return out


# ---------------------------------------------------------------------------- outline views

@dataclass
class FieldView:
    name: str
    label: str
    type: str = "str"
    required: bool = False
    example: str = ""
    validation: str = ""  # a regular expression the value must match, when given
    help: str = ""
    choices: list[str] = field(default_factory=list)
    min_length: int | None = None
    max_length: int | None = None

    @property
    def is_list(self) -> bool:
        return self.type in ("list", "list[str]", "names", "people")


@dataclass
class SectionView:
    role: str | None
    label: str
    archetype: str = ""
    guidance: str = ""
    heading_patterns: list[str] = field(default_factory=list)
    target_chars: int | None = None
    target_share: float | None = None
    functions: list[str] = field(default_factory=list)
    sub_guidance: str = ""
    example_children: list[str] = field(default_factory=list)


@dataclass
class OutlineView:
    id: str
    name: str
    description: str = ""
    sources: list[str] = field(default_factory=list)
    fields: list[FieldView] = field(default_factory=list)
    sections: list[SectionView] = field(default_factory=list)
    numbering: list[str] = field(default_factory=lambda: ["一、", "（一）", "1.", "（1）"])
    raw: Any = None  # the engine's Outline

    def field(self, name: str) -> FieldView | None:
        return next((f for f in self.fields if f.name == name), None)

    def section_for(self, role: str | None) -> SectionView | None:
        return next((s for s in self.sections if role and s.role == role), None)


def _int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, str):
        m = re.search(r"\d+", v)
        return int(m.group()) if m else None
    if isinstance(v, (list, tuple)) and v:  # a [min, max] range: aim at the middle
        nums = [x for x in (_int(y) for y in v) if x]
        return sum(nums) // len(nums) if nums else None
    if v is not None:
        lo, hi = _int(_get(v, "min", "low")), _int(_get(v, "max", "high"))
        if lo and hi:
            return (lo + hi) // 2
        return lo or hi or _int(_get(v, "chars", "characters", "target"))
    return None


def field_view(f: Any) -> FieldView:
    validation = _get(f, "pattern", "validation", default="")
    if not isinstance(validation, str):
        validation = str(_get(validation, "pattern", "regex", default="") or "")
    example = _get(f, "example", "placeholder", default="")
    if isinstance(example, (list, tuple)):
        example = "、".join(map(str, example))
    return FieldView(
        name=str(_get(f, "name", "id", "key")),
        label=str(_get(f, "label", "title", "name")),
        type=str(_get(f, "type", default="str")),
        required=bool(_get(f, "required", default=False)),
        example=str(example or ""),
        validation=validation,
        help=str(_get(f, "help", "description", "hint", default="") or ""),
        choices=_str_list(_get(f, "choices", "options", "enum")),
        min_length=_get(f, "min_length"),
        max_length=_get(f, "max_length"),
    )


def section_view(s: Any) -> SectionView:
    target = _get(s, "target_chars", "length", "target_length", "target", "typical_length")
    share = _get(s, "target_share", "share", "weight")
    role = _get(s, "role", "id")
    return SectionView(
        role=str(role) if role else None,
        label=str(_get(s, "label", "archetype", "title", "name", "role", default="")),
        archetype=str(_get(s, "archetype", default="") or ""),
        guidance=str(_get(s, "guidance", "help", "description", default="") or "").strip(),
        heading_patterns=_str_list(_get(s, "heading_patterns", "headings", "patterns")),
        target_chars=_int(target),
        target_share=float(share) if isinstance(share, (int, float)) and not isinstance(share, bool) else None,
        functions=_str_list(_get(s, "functions", "phrases", "phrase_functions")),
        sub_guidance=str(_get(s, "sub_guidance", default="") or "").strip(),
        example_children=_str_list(_get(s, "example_children", default=())),
    )


def _source_text(src: Any) -> str:
    """"000_0455….txt 篇1" for a seed piece."""
    if isinstance(src, str):
        return src
    name = Path(str(_get(src, "file", default=""))).name
    piece = _get(src, "piece", default="")
    note = _get(src, "note", default="")
    return " ".join(str(x) for x in (name, piece, f"（{note}）" if note else "") if x)


def outline_view(o: Any) -> OutlineView:
    return OutlineView(
        id=str(_get(o, "id", "name")),
        name=str(_get(o, "name", "title", "id")),
        description=str(_get(o, "description", default="") or "").strip(),
        sources=[_source_text(x) for x in _get(o, "sources", "mined_from", "seeds", default=[]) or []],
        fields=[field_view(f) for f in _get(o, "fields", default=[]) or []],
        sections=[section_view(s) for s in _get(o, "sections", default=[]) or []],
        numbering=list(_get(o, "numbering", default=()) or ()) or ["一、", "（一）", "1.", "（1）"],
        raw=o,
    )


def load_outline_views() -> dict[str, OutlineView]:
    """Every bundled outline, as views (raises DrafterError on a broken outline file)."""
    try:
        from drafter.outlines import load_outlines
    except ImportError as exc:
        raise EngineUnavailable("outlines are not available in this build") from exc
    return {k: outline_view(v) for k, v in load_outlines().items()}


# ---------------------------------------------------------------------------- facts

def parse_fact(f: FieldView, text: str) -> Any:
    """A typed value from what the writer typed (lists split on 、，, and ;)."""
    text = text.strip()
    if not text:
        return None
    if f.is_list:
        return [p.strip() for p in re.split(r"[、，,；;]", text) if p.strip()]
    if f.type in ("int", "integer", "number"):
        try:
            return int(text)
        except ValueError:
            return text
    if f.type == "date":
        return parse_date(text)
    return text


DATE_RE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> Any:
    """A date as writers write it (2026年12月5日, 2026.12.5, 2026/12/05, 2026-12-05) -> date;
    anything else stays text (and fails validation with a Chinese message)."""
    from datetime import date

    m = DATE_RE.fullmatch(text.strip())
    if not m:
        return text
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))  # a real date, so the spec writes it unquoted
    except ValueError:
        return text


def fact_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return str(value)


def validate_fact(f: FieldView, value: Any) -> str | None:
    """The Chinese message shown under a field, or None when the answer is fine."""
    if value in (None, "", []):
        return "此项必填" if f.required else None
    if f.type in ("int", "integer", "number") and not isinstance(value, int):
        return "请填写整数"
    if f.type == "date":
        from datetime import date
        if not isinstance(value, date):
            return "日期请写成 2026年12月5日 或 2026-12-05" if not DATE_RE.fullmatch(str(value).strip()) \
                else "不是有效的日期"
    if f.choices and str(value) not in f.choices:
        return "可选：" + "、".join(f.choices)
    if f.min_length and len(str(value)) < f.min_length:
        return f"至少 {f.min_length} 个字"
    if f.max_length and len(str(value)) > f.max_length:
        return f"不超过 {f.max_length} 个字"
    if f.validation and not f.is_list:
        try:
            if not re.fullmatch(f.validation, str(value)):
                return f"格式不符（示例：{f.example}）" if f.example else "格式不符"
        except re.error:
            pass
    return None


def export_problems(draft: Any, outline: OutlineView | None) -> list[str]:
    """What still blocks an export, in the writer's words: facts to fill, points written without a heading.

    Checked before building so the writer reads Chinese, not the build command's English errors.
    """
    from drafter.numerals import to_chinese

    problems = []
    facts = draft.facts
    for f in outline.fields if outline else []:
        message = validate_fact(f, facts.get(f.name))
        if message:
            problems.append(f"要素“{f.label}”：{message}（F2 填写）")
    for path, section in draft.walk():
        if section.get("heading", "").strip() or not (draft.body_text(path).strip() or section.get("children")):
            continue
        where = f"第{to_chinese(path[0] + 1)}部分"
        if len(path) > 1:
            where += "".join(f"的第{to_chinese(i + 1)}个子要点" for i in path[1:])
        problems.append(f"{where}有正文但还没有标题（F3 补写）")
    return problems


def fill_text(text: str, facts: Mapping[str, Any]) -> str:
    """Fill {{ slot }} markers that have a fact (or a slot derived from the facts, such as
    {{ committee }}), mending the joins as a build does (做好{{ topic }}工作 with 人才工作: 做好人才工作);
    leave the others visible to the writer."""
    if "{{" not in text:
        return text  # most phrases: no facts to derive (this runs for every suggestion on every key)
    from drafter.facts import fill_plain, known_facts
    from drafter.templating import derive_facts

    return fill_plain(text, derive_facts(known_facts(facts)))  # a 此处填写 fact leaves its slot open


def show_slots(text: str, labels: Mapping[str, str] | None = None) -> str:
    """Unfilled {{ slot }} markers as the writer reads them: 〔工作主题〕, the field's label, not its name."""
    labels = labels or {}
    return SLOT_RE.sub(lambda m: f"〔{labels.get(m.group(1)) or m.group(1)}〕", text)


def slot_labels(outline: OutlineView | None) -> dict[str, str]:
    """Field name -> Chinese label, for `show_slots` (derived slots too: {{ committee }} -> 召开单位)."""
    labels = {"committee": "召开单位"}
    return labels | ({f.name: f.label for f in outline.fields if f.label} if outline else {})


# ---------------------------------------------------------------------------- render and export

def spec_from_data(data: dict[str, Any], name: str = "<draft>") -> Any:
    """Validate spec data exactly as `drafter build` validates a file."""
    try:
        from drafter import spec as spec_mod
    except ImportError as exc:
        raise EngineUnavailable("the spec module is not available in this build") from exc
    from drafter.yamlsrc import dump_yaml, parse_yaml

    doc = parse_yaml(dump_yaml(data), name)
    return spec_mod.validate(doc.data, doc)


def lenient_data(data: dict[str, Any], outline: OutlineView | None) -> dict[str, Any]:
    """Spec data that renders while the draft is incomplete (title and preview).

    Missing required facts show as 〔label〕 (a date as today), and a draft
    with no point yet gets one marked 〔待写〕; export never uses this.
    """
    out = dict(data)
    facts = dict(out.get("facts") or {})
    for f in outline.fields if outline else []:
        if f.required and facts.get(f.name) in (None, "", []):
            if f.type == "date":
                from datetime import date
                facts[f.name] = date.today()
            elif f.is_list:
                facts[f.name] = [f"〔{f.label}〕"]
            else:
                facts[f.name] = _stand_in(f)
    out["facts"] = facts
    if not out.get("sections"):
        out["sections"] = [{"heading": "〔待写〕"}]
    else:
        labels = {s.role: s.label for s in outline.sections if s.label} if outline else {}
        out["sections"] = [_lenient_section(s, labels) for s in out["sections"]]
    return out


def bracket_stand_ins(text: str, outline: OutlineView | None, facts: Mapping[str, Any]) -> str:
    """Every missing fact in `text` shown alike, as 〔label〕: a stand-in the field's pattern forced
    to be bare (范围 for scope) is bracketed here, for the title the writer reads."""
    for f in outline.fields if outline else []:
        if f.required and facts.get(f.name) in (None, "", []) and f.type != "date":
            bare = _stand_in(f)
            if isinstance(bare, str) and bare and not bare.startswith("〔"):
                text = text.replace(bare, f"〔{f.label}〕")
    return text


def _stand_in(f: FieldView) -> Any:
    """A missing fact's preview value: 〔label〕, or, where the field's pattern refuses that,
    the bare label, then the field's example, so one blank answer never blocks the whole preview."""
    candidates: list[Any] = [f"〔{f.label}〕", f.label, *f.choices[:1]]
    if f.example:
        candidates.append(f.example)
        if f.type in ("int", "integer", "number") and str(f.example).isdigit():
            candidates.append(int(f.example))
    return next((c for c in candidates if validate_fact(f, c) is None), candidates[0])


def _lenient_section(section: Any, labels: Mapping[str | None, str]) -> Any:
    """A point written before its heading previews with 〔its archetype〕 (or 〔待写标题〕) as heading."""
    if not isinstance(section, dict):
        return section
    out = dict(section)
    if isinstance(out.get("heading"), str) and not out["heading"].strip():
        out["heading"] = f"〔{labels.get(out.get('role')) or '待写标题'}〕"
    if isinstance(out.get("children"), list):
        out["children"] = [_lenient_section(c, {}) for c in out["children"]]
    return out


def render(data: dict[str, Any], outlines: Mapping[str, OutlineView], banks: Any = None, name: str = "<draft>"):
    """Spec data -> Speech through the build path."""
    try:
        from drafter.render import render_speech
    except ImportError as exc:
        raise EngineUnavailable("rendering is not available in this build") from exc
    spec = spec_from_data(data, name)
    outline_id = str(data.get("outline") or "")
    if outline_id not in outlines:
        raise UnknownNameError(f"unknown outline {outline_id!r}; known: {', '.join(sorted(outlines))}")
    return render_speech(spec, outlines[outline_id].raw, banks)


def speech_text(speech: Any) -> str:
    """The speech as plain text, through `drafter build --format txt`'s writer."""
    return export_bytes(speech, "txt").decode("utf-8")


def export_bytes(speech: Any, fmt: str, style: Mapping[str, Any] | None = None) -> bytes:
    """The speech in `fmt` (docx, md, txt), by the build command's own code."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownNameError(f"unknown format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
    try:
        from drafter.building import render_bytes
    except ImportError as exc:
        raise EngineUnavailable("the build command is not available in this build") from exc
    return render_bytes(speech, fmt, dict(style or {}), None)


def formula_paragraphs(data: dict[str, Any], outlines: Mapping[str, OutlineView], part: str,
                       banks: Any = None) -> list[str]:
    """The outline's `opening` or `closing` formula rendered from the facts (the writer's own text ignored).

    Rendered from `lenient_data`, so missing facts show as 〔label〕.
    """
    outline = outlines.get(str(data.get("outline") or ""))
    plain = lenient_data({k: v for k, v in data.items() if k != part}, outline)
    speech = render(plain, outlines, banks)
    return [p.text for p in getattr(speech, part)]


def check_reference_doc(raw: str, fmt: str) -> Path | None:
    """The reference document typed in the export dialog, or None when left blank.

    Raises InputFileError (message in Chinese, shown inline) for a path that
    cannot be one; the writer itself reports an unreadable .docx.
    """
    from drafter.errors import InputFileError

    raw = raw.strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if fmt != "docx":
        raise InputFileError("参考模板只用于 .docx 导出", path=str(path))
    if not path.exists():
        raise InputFileError("参考模板不存在", path=str(path))
    if not path.is_file():
        raise InputFileError("参考模板不是文件", path=str(path))
    if path.suffix.lower() != ".docx":
        raise InputFileError("参考模板须为 .docx 文件", path=str(path))
    return path


def export(spec_path: Path, out: Path, *, force: bool = False,
           reference_doc: Path | None = None) -> tuple[Path, list[str]]:
    """Build the saved draft `spec_path` into `out` exactly as `drafter build` does.

    The format follows the extension; `reference_doc` is `drafter build
    --reference-doc`. Returns the written path and the build's warnings;
    OutputExistsError unless `force`.
    """
    try:
        from drafter.building import build_one
    except ImportError as exc:
        raise EngineUnavailable("the build command is not available in this build") from exc
    out = Path(out)
    fmt = out.suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise UnknownNameError(f"unknown format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}", path=str(out))
    warnings: list[str] = []
    if reference_doc is not None and fmt != "docx":
        raise UnknownNameError(f"--reference-doc only applies to docx output, not {fmt}", path=str(out))
    return build_one(Path(spec_path), out, fmt, reference_doc, force, warnings), warnings


def check(speech: Any, targets: Mapping[str, Any] | None = None) -> list[Any]:
    """`drafter check` findings for a rendered speech ([] when the checker is absent)."""
    try:
        from drafter.check import check_speech
    except ImportError:
        return []
    try:
        return list(check_speech(speech, targets=dict(targets or {})))
    except TypeError:
        return list(check_speech(speech))


# ---------------------------------------------------------------------------- phrases

@dataclass
class Suggestion:
    """One line of the suggestions panel: a heading pattern or a phrase-bank entry."""

    kind: str  # "heading" | "phrase"
    text: str  # as it will be inserted (slots filled where facts exist)
    entry_id: str | None = None
    raw: str = ""


def load_banks() -> list[Any]:
    try:
        from drafter.phrases.bank import load_banks as _load
    except ImportError as exc:
        raise EngineUnavailable("phrase banks are not available in this build") from exc
    return _load()


class PhraseIndex:
    """Ranked suggestions for a section; built once off the UI thread (it may load jieba)."""

    def __init__(self, banks: list[Any]):
        self.banks = banks
        self.entries = [e for b in banks for e in b.entries]
        self._ranker = None
        try:
            from drafter.phrases.rank import Ranker
        except ImportError:
            Ranker = None
        if Ranker is not None:
            self._ranker = Ranker(banks)

    def warm(self) -> None:
        """Pay the ranker's index and jieba's load now (call it in a worker)."""
        if self._ranker is not None:
            self._ranker.suggest("importance", "基层党建", "", limit=1)
            getattr(self._ranker, "build_search", lambda: None)()  # the search index (Ctrl+F)

    def suggest(self, role: str | None, topic: str, heading: str = "", query: str = "",
                functions: Iterable[str] = (), limit: int = 30) -> list[Any]:
        """Entries for this section: ranked by the Ranker, narrowed by a search query."""
        query = query.strip()
        if query and hasattr(self._ranker, "search"):  # indexed substring search, in ranking order
            return list(self._ranker.search(query, role or "", topic, heading, limit=limit))
        if query:
            pool = self._ranked(role, topic, heading, limit * 5) if not self._ranker else \
                self._ranker.suggest(role or "", topic, heading, limit=limit * 5)
            seen = {e.id for e in pool}
            hits = [e for e in pool if query in e.text or query in " ".join(e.tags)]
            hits += [e for e in self.entries if e.id not in seen and (query in e.text or query in " ".join(e.tags))]
            return hits[:limit]
        if self._ranker is not None:
            return list(self._ranker.suggest(role or "", topic, heading, limit=limit))
        return self._ranked(role, topic, heading, limit, functions)

    def _ranked(self, role: str | None, topic: str, heading: str, limit: int,
                functions: Iterable[str] = ()) -> list[Any]:
        """Fallback order when no Ranker exists: matching function first, then topic tags."""
        wanted = set(functions) | ({f"section.{role}"} if role else set())

        def score(e: Any) -> tuple:
            return (e.function not in wanted, not (topic and (topic in e.text or topic in e.tags)),
                    -((e.count or {}).get("documents", 0)))
        pool = [e for e in self.entries if e.function in wanted] if wanted else list(self.entries)
        return sorted(pool, key=score)[:limit]


def fillable_slots(outline: OutlineView | None, facts: Mapping[str, Any]) -> set[str]:
    """Slots the UI may leave in inserted text: facts given (and derived), and required fields (the
    form asks for them and export waits for them). Any other slot would break preview and export."""
    from drafter.templating import derive_facts

    names = {k for k, v in derive_facts(facts).items() if v not in (None, "", [])}
    required = {f.name for f in outline.fields if f.required} if outline else set()
    if required & {"scope", "organizer"}:
        required.add("committee")
    return names | required


def open_slots(text: str, fillable: set[str]) -> list[str]:
    """The {{ slots }} of `text` that nothing will fill."""
    return [name for name in SLOT_RE.findall(text) if name not in fillable]


def to_suggestions(entries: Iterable[Any], facts: Mapping[str, Any],
                   fillable: set[str] | None = None) -> list[Suggestion]:
    """Bank entries as suggestions; heading patterns from a bank set the heading, the rest go in the body.

    With `fillable`, an entry with a slot outside it is not offered (inserted, it would break preview and export).
    """
    return [Suggestion("heading" if e.function == "heading.pattern" else "phrase", fill_text(e.text, facts),
                       e.id, e.text) for e in entries if fillable is None or not open_slots(e.text, fillable)]


def unique_suggestions(items: Iterable[Suggestion]) -> list[Suggestion]:
    """Drop suggestions whose filled-in text was already listed (an outline's heading pattern may also be
    in a phrase bank); the first one stays, so the outline's own pattern wins."""
    seen: set[str] = set()
    out = []
    for s in items:
        key = s.text.strip()
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def heading_suggestions(section: SectionView | None, facts: Mapping[str, Any], level: int = 1,
                        fillable: set[str] | None = None) -> list[Suggestion]:
    """The outline's heading patterns for a point, or its example sub-points for a sub-point."""
    if section is None:
        return []
    patterns = section.heading_patterns if level == 1 else section.example_children
    return [Suggestion("heading", fill_text(p, facts), None, p) for p in patterns
            if fillable is None or not open_slots(p, fillable)]
