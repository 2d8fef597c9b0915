"""Importing an old speech as a spec (改旧稿): the core of `drafter import`.

Most speeches start from last year's speech or a colleague's. Import reads the
old text (.txt/.md in any encoding drafter loads, .docx), keeps its wording
verbatim (headings without their markers, paragraphs, sub-points, the opening
and closing as written paragraphs), picks the outline that fits best, fills the
facts it can read (title, speaker, date, scope, meeting, topic, earlier
speakers) and marks what needs updating as YAML comments above the item it
concerns.

A .docx built by drafter is read by its named paragraph styles (讲话标题,
一级标题, 段内二级标题 …), so build -> import -> build gives the same text; any
other file goes through the corpus pipeline (load -> clean -> split -> parse).

The chosen outline then reads the old text through its own templates (`fit_speech`,
`read_back`): agenda lines its `item` template writes become sections, the lines its `closing`
template writes become the closing, and facts come back from its title, subtitle, byline,
salutation and transition templates, so build -> import -> build holds for every outline.

The UI calls `import_speech(path)`; the command calls `import_file`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from drafter.errors import DrafterError, InputFileError
from drafter.model import Paragraph, Section, Source, Speech
from drafter.speech_kind import cue_score, kind_cues

HAN = "\u4e00-\u9fff"
MAX_DEPTH = 4  # the spec's nesting limit: deeper points are kept as paragraphs
FILL = "此处填写"  # a required fact the old speech does not give (check flags it as a placeholder)

# --------------------------------------------------------------------------- reading

_STYLE_ROLES = {"讲话标题": "title", "讲话副标题": "subtitle", "讲话署名": "byline", "Salutation": "salutation",
                "Closing": "closing", "一级标题": 1, "二级标题": 2, "三级标题": 3, "四级标题": 4}
_RUN_IN = {"段内一级标题": 1, "段内二级标题": 2, "段内三级标题": 3, "段内四级标题": 4}


def read_speeches(path: str | Path) -> list[Speech]:
    """The speeches in a file: a drafter-built .docx by its styles, anything else by the parser."""
    p = Path(path)
    if p.suffix.lower() in (".docx", ".docm"):
        speech = styled_speech(p)
        if speech is not None:
            return [speech]
    from drafter.corpus.parse import parse_file

    return parse_file(p)


# Fewer Chinese characters than two short headings (提高认识, 狠抓落实): nothing to import. A bare
# skeleton of headings is still imported (the writer fills it in); English or mis-decoded bytes are not.
MIN_SPEECH_CHARS = 8
_HAN_CHAR = re.compile(f"[{HAN}]")


def chinese_chars(speech: Speech) -> int:
    """How many Chinese characters a parsed speech holds (title, headings and paragraphs)."""
    paragraphs = [*speech.opening, *([speech.transition] if speech.transition else []), *speech.closing,
                  *(p for s in speech.walk() for p in s.paragraphs)]
    texts = [speech.title, speech.subtitle, *(s.heading for s in speech.walk()), *(p.text for p in paragraphs)]
    return sum(len(_HAN_CHAR.findall(t)) for t in texts)


def styled_speech(path: Path) -> Speech | None:
    """A .docx laid out with drafter's named styles read back exactly; None for other Word files."""
    import io

    from drafter.corpus.load import load_docx  # reports unreadable files with their name
    from drafter.textio import read_bytes

    data = read_bytes(path)
    load_docx(data, str(path))
    import docx

    return speech_of_document(docx.Document(io.BytesIO(data)), str(path))


def speech_of_document(document, name: str = "") -> Speech | None:
    """The speech of a python-docx Document in drafter's styles (each paragraph's `line` is its
    1-based index in `document.paragraphs`); None when the styles are not there."""
    from drafter.corpus.parse.markers import match_marker

    paragraphs = document.paragraphs
    names = {_style_name(p) for p in paragraphs}
    if not ({"讲话标题", "一级标题"} & names) and not any(_run_in_level(p) for p in paragraphs):
        return None
    speech = Speech(source=Source(name, 0, "docx"))
    stack: list[Section] = []
    body: list[Paragraph] = []  # where body paragraphs go now
    byline: list[str] = []
    title: list[str] = []
    for i, p in enumerate(paragraphs, 1):
        role = _STYLE_ROLES.get(_style_name(p))
        text = p.text
        lines = [t.strip() for t in text.split("\n") if t.strip()]
        if not lines:
            continue
        if role in ("title", "subtitle", "byline", "salutation"):
            speech.meta.setdefault("lines", {}).setdefault(role, i)
        if role == "title":
            title.extend(lines)
            continue
        if role == "subtitle":
            speech.subtitle = " ".join(lines)
            continue
        if role == "byline":
            byline.extend(lines)
            continue
        if role == "salutation":
            speech.salutation = text.strip()
            continue
        if role == "closing":
            speech.closing.append(Paragraph(text.strip(), i))
            continue
        level = role if isinstance(role, int) else _run_in_level(p)
        if not level:
            (body if stack else speech.opening).append(Paragraph(text.strip(), i))
            continue
        if isinstance(role, int):
            head, rest = text.strip(), ""
        else:  # the leading runs in a run-in heading style (Word may have split the heading into several)
            runs = p.runs
            k = 0
            while k < len(runs) and _run_in_level_of(runs[k]):
                k += 1
            head = "".join(r.text for r in runs[:k]).strip()
            rest = "".join(r.text for r in runs[k:]).strip()
            if head.endswith("。"):
                head = head[:-1]
        m = match_marker(head)
        marker, number = (m.text, m.number) if m else ("", None)
        heading = head[m.end:].strip() if m else head
        section = Section(marker, number, level, heading, i, run_in=not isinstance(role, int))
        if rest:
            section.paragraphs.append(Paragraph(rest, i))
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else speech.sections).append(section)
        stack.append(section)
        body = section.paragraphs
    props = document.core_properties
    joined = "".join(title)
    speech.title = props.title if props.title and re.sub(r"\s", "", props.title) == re.sub(r"\s", "", joined) \
        else " ".join(title) if any(re.search(r"[A-Za-z0-9]$", t) for t in title[:-1]) else joined
    speech.byline = "\n".join(byline)
    _split_transition(speech)
    from drafter.corpus.parse.head import _byline_meta

    for line in byline:
        _byline_meta(line, speech.meta)
    if props.author and 2 <= len(props.author) <= 20:
        speech.meta["speaker"] = props.author
    return speech


def _style_name(p) -> str:
    try:
        return p.style.name if p.style is not None else ""
    except (KeyError, ValueError):  # a style id the document does not define
        return ""


def _run_in_level(p) -> int:
    """The level of the run-in heading that opens paragraph `p` (段内二级标题 …), 0 when none."""
    runs = p.runs
    return _run_in_level_of(runs[0]) if runs else 0


def _run_in_level_of(run) -> int:
    try:
        style = run.style
    except (KeyError, ValueError):  # a style id the document does not define
        return 0
    return _RUN_IN.get(style.name if style is not None else "", 0)


def _split_transition(speech: Speech) -> None:
    from drafter.corpus.parse.transition import announced_count

    if speech.opening and speech.sections:
        last = speech.opening[-1]
        known, count = announced_count(last.text)
        if known:
            speech.transition = speech.opening.pop()
            speech.announced_points = count


# --------------------------------------------------------------------------- facts

_SPEECH_TITLE = re.compile(r"^(?:——|—)?\s*在(?P<where>.{2,60}?)上的(?:讲话|致辞|发言|报告|讲稿|主持词|总结讲话)"
                           r"(?:[（(].{1,20}[）)])?$")
_SCOPE = re.compile(rf"^(?P<scope>全[县市区省镇乡州盟旗]|[县市区]直(?:各单位|机关)?|[{HAN}]{{1,8}}?(?:省|自治区|市|自治州|州|县|区|旗|镇|乡|街道))")
_MEETING_SUFFIX = re.compile(r"(?:工作)?(?:专题)?(?:视频|电视电话)?(?:会议|大会|推进会|部署会|动员会|座谈会|推进会议|"
                             r"调度会|现场会|培训班|开班式|开班仪式|结业式|结业仪式|读书班|专题班|研讨班|会)+"
                             r"(?:开班式|开班仪式|结业式|结业仪式|暨.*)?$")
_BYLINE_ROLE = re.compile(rf"^(?P<role>[{HAN}、，,（）()]{{2,40}}?)[\s\u3000]+(?P<name>[{HAN}](?:\s?[{HAN}]){{1,3}})$")
_EARLIER = re.compile(r"刚才[，,]\s*(?P<who>[^。！？；]{2,60}?)(?:分别|先后|都|就|对|代表)?"
                      r"(?:作了|做了|通报了|讲了|宣读了|传达了|介绍了|安排了|部署了|发了言|作|谈了|结合|围绕)")
_PERSON = re.compile(rf"^[{HAN}、]{{1,24}}(?:同志|书记|部长|主任|县长|市长|区长|镇长|乡长|局长|主席|组长|校长)$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def speech_facts(speech: Speech) -> dict[str, Any]:
    """Every fact the old speech gives, by the genre's conventions (not yet fitted to an outline)."""
    facts: dict[str, Any] = {}
    title, subtitle = speech.title.strip(), speech.subtitle.strip()
    meeting_line = None
    if subtitle and _SPEECH_TITLE.match(subtitle):
        facts["theme"] = title
        meeting_line = subtitle
    elif _SPEECH_TITLE.match(title):
        meeting_line = title
    if title:
        facts["title"] = title
    if meeting_line:
        where = _SPEECH_TITLE.match(meeting_line).group("where")
        sm = _SCOPE.match(where)
        if sm and len(where) - sm.end() >= 2:
            facts["scope"], facts["meeting"] = sm.group("scope"), where[sm.end():]
        else:
            facts["meeting"] = where
        topic = _MEETING_SUFFIX.sub("", facts["meeting"])
        topic = re.sub(r"^(?:\d{4}年|第[一二三四五六七八九十\d]+[次届期])", "", topic)
        if len(topic) >= 2 and not re.search(r"(?:部长|书记|主任|干部|委员|成员|代表|党员)$", topic):
            facts["topic"] = topic
    meta = speech.meta or {}
    if meta.get("speaker"):
        facts["speaker"] = meta["speaker"]
    for line in (speech.byline or "").splitlines() or [speech.byline or ""]:
        line = re.sub(r"[（(]\s*\d{4}\s*年[^（）()]{0,12}[）)]", "", line)  # the date beside the name
        m = _BYLINE_ROLE.match(line.strip())
        if m:
            facts.setdefault("speaker", re.sub(r"\s", "", m.group("name")))
            facts["position"] = m.group("role").strip()
    date = meta.get("date")
    if not date:
        d = _DATE.search(f"{speech.byline} {subtitle}")
        if d:
            date = "%04d-%02d-%02d" % tuple(int(x) for x in d.groups())
    if date:
        try:
            facts["date"] = _dt.date.fromisoformat(str(date))
        except ValueError:
            pass
    speakers = earlier_speakers(" ".join(p.text for p in speech.opening[:3]))
    if speakers:
        facts["earlier_speakers"] = speakers
    return facts


def earlier_speakers(text: str) -> list[str]:
    """The people named after 刚才 in the opening ("刚才，李明同志、张华同志作了……")."""
    m = _EARLIER.search(text)
    if not m:
        return []
    parts: list[str] = []
    carry = ""
    for part in (p.strip() for p in re.split(r"[、，,和及与]", m.group("who"))):
        if not part:
            continue
        whole = f"{carry}、{part}" if carry else part
        if _PERSON.match(part) or _PERSON.match(whole):
            parts.append(whole)
            carry = ""
        else:  # an office before the name: "市委常委、组织部部长周敏同志"
            carry = whole
    return [p for p in parts if len(p) <= 20]


# --------------------------------------------------------------------------- the old text read by the outline

def fit_speech(speech: Speech, outline, facts: dict[str, Any]) -> Speech:
    """The old speech as this outline writes its parts: a transition the parser cut out of the
    opening's last paragraph goes back into it, lines the outline's `item` template writes
    (下面进行第一项议程，……) become its sections, and the lines its `closing` template writes
    at the end become the closing. A copy; the parse is not changed."""
    import copy

    speech = copy.deepcopy(speech)
    _rejoin_transition(speech)
    _agenda_sections(speech, outline, facts)
    _template_closing(speech, outline, facts)
    return speech


def _rejoin_transition(speech: Speech) -> None:
    """A transition that was the end of the opening's last paragraph stays in it."""
    t = speech.transition
    if t is None or not speech.opening or t.line is None or speech.opening[-1].line != t.line:
        return
    last = speech.opening[-1]
    speech.opening[-1] = Paragraph(last.text.rstrip() + t.text.strip(), last.line, last.origin)
    speech.transition, speech.announced_points = None, None


def _line_pattern(outline, part: str, facts: dict[str, Any], n: int, extra: dict[str, Any],
                  slots: Iterable[str]) -> list[re.Pattern]:
    """One regex per line the template writes, every named slot a stand-in (any text)."""
    slots = list(slots)
    stand_in = dict(zip(_SENTINELS, slots))
    probe = _render_part(outline, part, {**facts, **{v: k for k, v in stand_in.items() if v not in extra}}, n,
                         {**extra, **{v: k for k, v in stand_in.items() if v in extra}}, lines=True)
    out = []
    for line in probe or []:
        if len(re.sub(rf"[{''.join(_SENTINELS)}\s]", "", line)) < _LITERAL_MIN:
            return []  # a line that is mostly slots would match any paragraph
        used = {k: v for k, v in stand_in.items() if k in line}
        rx = _probe_pattern(line, used) if used else re.compile(
            r"\s*".join(re.escape(w) for w in re.split(r"\s+", line)))
        if rx is None:
            return []
        out.append(rx)
    return out


_HEADING_LINE = "heading"  # the origin of a stream paragraph made of a parsed heading (its 。 dropped)


def _stream(speech: Speech) -> list[tuple[Paragraph, bool]]:
    """Every body paragraph in document order, each with whether the parser took it as closing."""
    items: list[tuple[Paragraph, bool]] = [(p, False) for p in speech.opening]
    if speech.transition is not None:
        items.append((speech.transition, False))
    for s in speech.walk():
        if s.heading.strip():
            items.append((Paragraph(f"{s.marker}{s.heading}", s.line, _HEADING_LINE), False))
        items += [(p, False) for p in s.paragraphs]
    items += [(p, True) for p in speech.closing]
    if all(p.line is not None for p, _ in items):
        items = [x for _, x in sorted(enumerate(items), key=lambda kx: (kx[1][0].line, kx[0]))]
    return items


def _agenda_sections(speech: Speech, outline, facts: dict[str, Any]) -> None:
    """Outlines whose sections print as agenda lines (`item` template): each such line, numbered
    in turn, opens a section whose heading is what the line names."""
    if not outline.templates.get("item"):
        return
    stream = _stream(speech)
    found: list[tuple[int, str]] = []  # (index in stream, heading)
    for i, (p, _) in enumerate(stream):
        n = len(found) + 1
        for last in (False, True):
            pats = _line_pattern(outline, "item", facts, n, {"n": n, "heading": "", "last": last}, ["heading"])
            texts = [_flat(p.text)] + ([_flat(p.text) + "。"] if p.origin == _HEADING_LINE else [])
            m = next((m for m in (pats[0].fullmatch(t) for t in texts) if m), None) if len(pats) == 1 else None
            if m and m.group("heading").strip():
                found.append((i, m.group("heading").strip()))
                break
    if not found:
        return
    closing_at = next((i for i, (_, c) in enumerate(stream) if c and i > found[-1][0]), len(stream))
    sections = []
    for k, (i, heading) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else closing_at
        s = Section("", k + 1, 1, heading, stream[i][0].line)
        s.paragraphs = [p for p, _ in stream[i + 1:end]]
        sections.append(s)
    speech.opening = [p for p, _ in stream[:found[0][0]]]
    speech.transition, speech.announced_points = None, None
    speech.sections = sections
    speech.closing = [p for p, _ in stream[closing_at:]]
    speech.meta["agenda_items"] = len(sections)


def _template_closing(speech: Speech, outline, facts: dict[str, Any]) -> None:
    """The closing is at least the lines the outline's closing template writes, when the old
    speech ends with them ("以上对照检查，如有不当之处，恳请同志们批评帮助。")."""
    from drafter.templating import DERIVED_SLOTS

    if not outline.templates.get("closing") or not speech.sections:
        return
    leaf = speech.sections[-1]
    while leaf.children:
        leaf = leaf.children[-1]
    tail = leaf.paragraphs + speech.closing
    slots = [f.name for f in outline.fields if f.type == "text"] + list(DERIVED_SLOTS)
    n = len(speech.sections)
    for pats in (_line_pattern(outline, "closing", facts, n, {}, []),
                 _line_pattern(outline, "closing", {}, n, dict.fromkeys(DERIVED_SLOTS), slots)):
        k = len(pats)
        if not k or k > len(tail) or k <= len(speech.closing):
            continue
        if all(rx.fullmatch(_flat(p.text)) for rx, p in zip(pats, tail[-k:])):
            leaf.paragraphs = tail[:-k]
            speech.closing = tail[-k:]
            return


# --------------------------------------------------------------------------- outline choice

@dataclass
class Score:
    outline: str
    value: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class OutlineChoice:
    chosen: Score
    runner_up: Score | None
    forced: bool = False

    def describe(self) -> str:
        head = (f"outline {self.chosen.outline} (--outline)" if self.forced else
                f"outline {self.chosen.outline} (score {self.chosen.value:.1f}: {'; '.join(self.chosen.reasons) or 'no strong signal'})")
        if self.runner_up is None:
            return head
        return (f"{head}; runner-up {self.runner_up.outline} (score {self.runner_up.value:.1f}: "
                f"{'; '.join(self.runner_up.reasons) or 'no strong signal'})")


@lru_cache(maxsize=256)  # an outline's texts are cut for the weights and again for each score
def _words(text: str) -> frozenset[str]:
    """The words (two characters or more) of `text`, by jieba's dictionary, without the genre's
    words that say nothing about the kind of speech."""
    from drafter.segment import few_words, prepare_few_words

    prepare_few_words(text)  # one scan of the dictionary for the new characters of all the chunks
    words = set()
    for chunk in re.findall(f"[{HAN}]+", text):
        words.update(w for w in few_words(chunk) if len(w) >= 2)
    return frozenset(words - _COMMON)


# Words of every speech of the genre: they tell no outline from another.
_COMMON = frozenset("全县 全市 全区 全镇 全省 会议 会上 讲话 同志 同志们 工作 我们 党的 建设 基层 组织 习近平 新时代 "
                    "中国 特色 社会主义 思想 上的 进一步 推动 推进 加强 全面 深入 坚持 落实".split())


def _outline_text(outline) -> str:
    """What an outline is about: its name and description."""
    return f"{outline.name} {outline.description}"


def _heading_text(outline) -> str:
    """What its sections say: archetypes, heading patterns, example points, the seed headings noted."""
    parts = [s.note for s in outline.sources]
    for s in outline.sections:
        parts += [s.archetype, *s.heading_patterns, *s.example_children]
    return " ".join(parts)


def _outline_words(outline) -> frozenset[str]:
    return _words(_outline_text(outline))


def _heading_words(outline) -> frozenset[str]:
    return _words(_heading_text(outline))


def _render_part(outline, part: str, facts: dict[str, Any], n_sections: int, extra: dict[str, Any] | None = None,
                 lines: bool = False):
    """What the outline's template for `part` writes with these facts: one string (its lines joined),
    or its lines; None when there is no template or it needs a fact we lack."""
    from drafter.render import TEMPLATE_OPTIONAL
    from drafter.templating import render_template

    name = outline.templates.get(part)
    if not name:
        return None
    ctx: dict[str, Any] = dict.fromkeys(TEMPLATE_OPTIONAL)
    ctx.update({f.name: facts.get(f.name) for f in outline.fields})
    ctx["sections"] = [{"heading": "", "marker": "", "role": None}] * n_sections
    ctx["outline"] = {"id": outline.id, "name": outline.name}
    ctx.update(extra or {})
    try:
        text = render_template(name, ctx)
    except DrafterError:  # a template needing a fact we lack renders nothing to compare
        return None
    out = [line.strip() for line in text.splitlines() if line.strip()]
    return out if lines else "".join(out)


# Stand-ins for unknown facts while probing a template (private use, clear of drafter.facts' join marks).
_SENTINELS = [chr(0xE100 + i) for i in range(64)]
_LITERAL_MIN = 6  # fixed characters a template line needs before its lines are looked for in old text
# What some facts look like, tried before any text, so adjacent slots split at the right place:
# "{{ scope }}{{ meeting }}" 全县|安全生产工作会议, "{{ org }}{{ meeting }}" 县民政局|2026年度民主生活会,
# "{{ period }}{{ org }}" 2026年度|石门镇.
_ORG = (r"[^，。；：]{1,29}?(?:局|委|委员会|党委|党组|党工委|工委|支部|总支|镇|乡|街道|县|市|区|州|省|村|社区|部|办|院|校|所|"
        r"站|中心|公司|集团|厅|处|科|会|团|馆)(?:党支部|党总支|党委|党组|党工委)?")
_SLOT_SHAPES = {
    "scope": rf"(?:全[县市区省镇乡州盟旗]|[县市区]直(?:各单位|机关)?|[{HAN}]{{1,8}}?(?:省|自治区|市|自治州|州|县|区|旗|镇|乡|街道))",
    "org": _ORG, "unit": _ORG, "organizer": _ORG, "approver": _ORG,
    "period": r"\d{4}年(?:度|上半年|下半年)?",
}


def _flat(text: str) -> str:
    """Old text as a template line compares with it: lines stripped and joined."""
    return "".join(line.strip() for line in text.splitlines() if line.strip())


def _probe_pattern(probe: str, names: dict[str, str]) -> re.Pattern | None:
    """A regex for a template rendered with stand-ins: each stand-in becomes a named group (later
    repeats a back-reference), whitespace matches any whitespace."""
    if not names:
        return None
    out, seen = [], set()
    for chunk in re.split(f"([{''.join(names)}])", probe):
        if chunk in names:
            name = names[chunk]
            if name in seen:
                out.append(f"(?P={name})")
            else:
                seen.add(name)
                shape = f"(?:{_SLOT_SHAPES[name]}|.{{1,60}}?)" if name in _SLOT_SHAPES else r".{1,60}?"
                out.append(f"(?P<{name}>{shape})")
        elif chunk:
            out.append(r"\s*".join(re.escape(w) for w in re.split(r"\s+", chunk)))
    if not seen:
        return None
    try:
        return re.compile("".join(out))
    except re.error:
        return None


def _probe_sets(candidates: list[str], known: list[str]) -> list[list[str]]:
    """Which unknown facts to stand in for together: all of them, all but one, each alone, then
    each known one alone (a fact guessed from the title may be wrong for this outline)."""
    sets = [candidates] if candidates else []
    if len(candidates) > 1:
        sets += [[c for c in candidates if c != skip] for skip in candidates]
        sets += [[c] for c in candidates]
    sets += [[k] for k in known]
    return sets


def match_template(outline, part: str, facts: dict[str, Any], old: str, n: int,
                   extra: dict[str, Any] | None = None, skip: tuple[str, ...] = ()) -> dict[str, str] | None:
    """The text facts that make the outline's `part` template write `old` ({} when the facts
    already do), or None when no choice of them does."""
    flat = _flat(old)
    choices = [{}] + [{f.name: c} for f in outline.fields
                      if f.choices and facts.get(f.name) in (None, "") and f.name not in skip for c in f.choices]
    best, fewest = None, None
    for choice in choices:  # a choice (党课类型: 七一党课) may pick the template's branch that fits
        found = _match_with(outline, part, {**facts, **choice}, flat, n, extra, skip)
        if found is not None and (fewest is None or len(found) < fewest):  # the reading that reads least in
            best, fewest = {**choice, **found}, len(found)
        if found == {}:
            break
    return best


def _match_with(outline, part: str, facts: dict[str, Any], flat: str, n: int, extra: dict[str, Any] | None,
                skip: tuple[str, ...]) -> dict[str, str] | None:
    current = _render_part(outline, part, facts, n, extra)
    if current is not None and _same(current, flat):
        return {}
    texts = [f for f in outline.fields if f.type == "text" and f.name not in skip and not f.choices]
    unknown = [f.name for f in texts if facts.get(f.name) in (None, "")]
    known = [f.name for f in texts if f.name not in unknown]
    for names in _probe_sets(unknown, known):
        stand_in = dict(zip(_SENTINELS, names))
        probe = _render_part(outline, part, {**facts, **{v: k for k, v in stand_in.items()}}, n, extra)
        if not probe:
            continue
        rx = _probe_pattern(probe, {k: v for k, v in stand_in.items() if k in probe})
        m = rx.fullmatch(flat) if rx else None
        if m is None:
            continue
        found = {k: v.strip() for k, v in m.groupdict().items()}
        if all(v and _fits(outline.field(k), v) for k, v in found.items()):
            return found
    return None


def read_back(outline, facts: dict[str, Any], speech: Speech) -> dict[str, Any]:
    """Facts read back through the outline's templates: where the title, subtitle, byline,
    salutation or transition the template writes differs from the old one, the text facts that
    make them equal are taken from it ("下面，我代表{{ unit }}表态如下" -> unit,
    "尊敬的{{ addressee }}，各位领导：" -> addressee)."""
    facts = dict(facts)
    n = len(speech.sections)
    parts = [("title", speech.title), ("subtitle", speech.subtitle), ("byline", speech.byline),
             ("salutation", speech.salutation),
             ("transition", speech.transition.text if speech.transition is not None else "")]
    for part, old in parts:
        if not old or not outline.templates.get(part):
            continue
        found = match_template(outline, part, facts, old, n, skip=("title",))
        if found:
            facts.update(found)
    if facts.get("theme") and facts.get("title") == facts["theme"]:
        del facts["title"]  # the title is the theme the outline's title template prints
    if (not speech.subtitle and "theme" in facts and outline.field("title") is not None
            and _render_part(outline, "subtitle", facts, n)):
        facts.setdefault("title", facts.pop("theme"))  # a theme would add a subtitle the old speech lacks
    return facts


def word_weights(outlines: Iterable) -> dict[str, float]:
    """How much a shared word says, over the outlines that load: a bigram that every outline's
    description holds ("会议") says nothing; one only this outline has ("整顿") says most."""
    import math

    from drafter.segment import prepare_few_words

    outlines = list(outlines)
    # One scan of the dictionary for every outline's characters, not one for each outline.
    prepare_few_words(" ".join(_outline_text(o) + _heading_text(o) for o in outlines))
    df: dict[str, int] = {}
    for o in outlines:
        for w in _outline_words(o) | _heading_words(o):
            df[w] = df.get(w, 0) + 1
    n = max(len(outlines), 1)
    return {w: math.log((n + 1) / k) / math.log(n + 1) for w, k in df.items()}


def score_outline(speech: Speech, facts: dict[str, Any], outline, weights: dict[str, float] | None = None) -> Score:
    """How well an outline fits the old speech: its templates, its words (weighted by how few
    outlines share them), its shape."""
    weights = weights or {}
    score = Score(outline.id, 0.0)
    speech = fit_speech(speech, outline, fit_facts(facts, outline))
    fitted = read_back(outline, fit_facts(facts, outline), speech)
    if speech.meta.get("agenda_items"):
        score.value += 2
        score.reasons.append(f"{len(speech.sections)} agenda items follow its item template")
    n = len(speech.sections)
    title_facts = {k: v for k, v in fitted.items() if k != "title"}
    title = _render_part(outline, "title", title_facts, n)
    if (title and speech.title and _same(title, speech.title)
            and not any(_same(title, str(v)) for v in title_facts.values() if v)):  # {{ theme }} fits any title
        score.value += 2
        score.reasons.append("title follows its template")
    if speech.transition is not None:
        transition = _render_part(outline, "transition", fitted, n)
        if transition and _same(transition, speech.transition.text):
            score.value += 2
            score.reasons.append("transition follows its template")
        elif transition is None:
            score.value -= 1
    elif outline.templates.get("transition") is None and n:
        score.value += 0.5
    if bool(speech.salutation) == bool(outline.salutation):
        score.value += 1
        score.reasons.append("has a salutation" if speech.salutation else "no salutation")
    head = " ".join([speech.title, speech.subtitle, str(facts.get("meeting", ""))])
    value, reasons = cue_score(kind_cues(head, _opening_text(speech)), outline.id, outline.family)
    score.value += value
    score.reasons += reasons
    found = sorted(_words(head) & _outline_words(outline), key=lambda w: -weights.get(w, 1.0))
    if found:
        score.value += min(4.0, 1.5 * sum(weights.get(w, 1.0) for w in found))
        score.reasons.append("title words " + "、".join(found[:4]))
    headings = " ".join(s.heading for s in speech.walk())
    hits = _words(headings) & _heading_words(outline)
    if hits:
        score.value += min(2.0, 0.25 * sum(weights.get(w, 1.0) for w in hits))
        score.reasons.append(f"{len(hits)} heading words in common")
    required = sum(1 for s in outline.sections if s.required)
    if required <= n <= max(len(outline.sections), required) + 1:
        score.value += 0.5
        score.reasons.append(f"{n} sections fit its {len(outline.sections)}")
    if n and outline.numbering and bool(outline.numbering[0]) == bool(speech.sections[0].marker):
        score.value += 0.5
    return score


def _opening_text(speech: Speech) -> str:
    """The words before the first heading, where a speech says what occasion it is spoken at."""
    parts = [p.text for p in speech.opening]
    if speech.transition is not None:
        parts.append(speech.transition.text)
    return "".join(parts)


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s", "", a) == re.sub(r"\s", "", b)


def choose_outline(speech: Speech, facts: dict[str, Any], outlines: dict, forced: str | None = None) -> OutlineChoice:
    """The best-fitting outline and the runner-up (or the forced one)."""
    if forced is not None:
        from drafter.outlines import get_outline

        outline = get_outline(forced)
        return OutlineChoice(score_outline(speech, facts, outline), None, True)
    weights = word_weights(outlines.values())
    scores = sorted((score_outline(speech, facts, o, weights) for o in outlines.values()),
                    key=lambda s: (-s.value, s.outline))
    return OutlineChoice(scores[0], scores[1] if len(scores) > 1 else None)


# --------------------------------------------------------------------------- facts for an outline

def fit_facts(facts: dict[str, Any], outline) -> dict[str, Any]:
    """The facts this outline declares, in its order, each valid for its field."""
    out: dict[str, Any] = {}
    for f in outline.fields:
        value = facts.get(f.name)
        if value in (None, "", []):
            continue
        if f.type == "list" and isinstance(value, str):
            value = [value]
        if f.type == "date" and not isinstance(value, _dt.date):
            continue
        if f.type == "text" and not isinstance(value, str):
            continue
        if _fits(f, value):
            out[f.name] = value
    # the title is given only when the outline's template would not write the same one
    if "title" in out:
        theme_title = "theme" in out and outline.field("theme") is not None
        rendered = _render_part(outline, "title", {k: v for k, v in out.items() if k != "title"}, 0)
        if theme_title or (rendered and _same(rendered, out["title"])):
            del out["title"]
    if "theme" in out and outline.field("theme") is not None and "title" in out:
        del out["title"]
    return out


def _fits(f, value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    for v in items:
        if not isinstance(v, str):
            continue
        if f.pattern and not re.fullmatch(f.pattern, v):
            return False
        if f.max_length is not None and len(v) > f.max_length:
            return False
        if f.min_length is not None and len(v) < f.min_length:
            return False
        if f.choices and v not in f.choices:
            return False
    return True


def fill_required(facts: dict[str, Any], outline, today: _dt.date) -> dict[str, str]:
    """Give every required fact the old speech lacks a value the spec accepts; notes say which."""
    notes: dict[str, str] = {}
    for f in outline.fields:
        if not f.required or facts.get(f.name) not in (None, "", []):
            continue
        if f.type == "date":
            facts[f.name] = today
        elif f.type == "int":
            year = (facts.get("date") or today).year if isinstance(facts.get("date") or today, _dt.date) else today.year
            low, high = f.minimum if f.minimum is not None else 1, f.maximum if f.maximum is not None else 10 ** 9
            facts[f.name] = year if low <= year <= high else low
        elif f.choices:
            facts[f.name] = f.choices[0]
        else:
            value = FILL if _fits(f, FILL) else (str(f.example) if f.example is not None else FILL)
            facts[f.name] = [value] if f.type == "list" else value
        notes[f.name] = f"旧稿中没有{f.label}，请填写（已暂填“{facts[f.name] if f.type != 'date' else facts[f.name].isoformat()}”）"
    return notes


# --------------------------------------------------------------------------- the spec

Path_ = tuple  # a path into the spec data, as drafter.yamlsrc names places: ("sections", 0, "paragraphs", 2)


@dataclass
class Imported:
    """One old speech as a spec: its data, the outline choice and the notes to write above items."""

    data: dict[str, Any]
    choice: OutlineChoice
    source: str
    piece: int = 0
    notes: dict[Path_, list[str]] = field(default_factory=dict)
    findings: list = field(default_factory=list)  # check findings (drafter.check.Finding), with .path set
    filled: set = field(default_factory=set)  # paths of the facts import had to fill in

    def note(self, path: Path_, text: str) -> None:
        items = self.notes.setdefault(tuple(path), [])
        if text not in items:
            items.append(text)

    @property
    def yaml(self) -> str:
        return spec_yaml(self.data, self.notes, self.header())

    def place_findings(self, spec_file: str) -> None:
        """Point each finding at its line in the written spec."""
        lines = _emit(self.data, self.notes, self.header())[1]
        for f in self.findings:
            f.file = spec_file
            f.line = lines.get(getattr(f, "path", None) or ("outline",))

    def header(self) -> list[str]:
        where = self.source + (f" (第{self.piece + 1}篇)" if self.piece else "")
        return [f"由 drafter import 从旧稿 {where} 导入；注释标出需要更新之处。",
                f"大纲：{self.choice.describe()}"]


def _verbatim(text: str) -> str:
    """Old text that looks like template markup is kept literally."""
    text = text.strip()
    if "{{" in text or "{%" in text or "{#" in text:
        return "{% raw %}" + text.replace("{% endraw %}", "") + "{% endraw %}"
    return text


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _section_data(s: Section, depth: int) -> dict[str, Any]:
    heading = _one_line(s.heading)
    paragraphs = [_verbatim(_one_line(p.text)) for p in s.paragraphs if p.text.strip()]
    if not heading:  # "一是" alone: its first sentence is the heading
        first = paragraphs.pop(0) if paragraphs else "此处填写"
        m = re.match(r"^(.{2,60}?[。！？；])(.*)$", first)
        heading, rest = (m.group(1).rstrip("。；"), m.group(2).strip()) if m else (first, "")
        if rest:
            paragraphs.insert(0, rest)
    out: dict[str, Any] = {"heading": _verbatim(heading)}
    if s.role:
        out["role"] = s.role
    children = []
    for c in s.children:
        if depth < MAX_DEPTH:
            children.append(_section_data(c, depth + 1))
        else:  # too deep for a spec: the point and its text stay as paragraphs
            paragraphs.append(_verbatim(f"{c.marker}{_one_line(c.heading)}"))
            paragraphs += [_verbatim(_one_line(p.text)) for p in c.paragraphs if p.text.strip()]
    out["paragraphs"] = paragraphs
    if children:
        out["children"] = children
    return out


def assign_roles(sections: list[dict[str, Any]], outline) -> None:
    """Give each level-1 section the role of the outline section whose words it shares most."""
    roles = [(s.role, _words(" ".join([s.archetype, *s.heading_patterns, s.guidance])) - _COMMON)
             for s in outline.sections]
    for sec in sections:
        words = _words(sec["heading"] + " ".join(str(p) for p in sec.get("paragraphs", [])[:1])) - _COMMON
        best = max(roles, key=lambda r: len(words & r[1]), default=None)
        if best is not None and len(words & best[1]) >= 2 and "role" not in sec:
            rest = {k: sec.pop(k) for k in list(sec) if k != "heading"}
            sec["role"] = best[0]
            sec.update(rest)


def speech_to_spec(speech: Speech, outline, facts: dict[str, Any], today: _dt.date) -> tuple[dict[str, Any], dict]:
    """The spec data of an old speech for `outline`, and notes per path."""
    speech = fit_speech(speech, outline, fit_facts(facts, outline))
    fitted = read_back(outline, fit_facts(facts, outline), speech)
    notes: dict[Path_, list[str]] = {}
    for name, text in fill_required(fitted, outline, today).items():
        notes.setdefault(("facts", name), []).append(text)
    if "title" in facts and "title" not in fitted and "theme" not in fitted:
        rendered = _render_part(outline, "title", fitted, len(speech.sections))
        if rendered is not None and not _same(rendered, facts["title"]):
            notes.setdefault(("outline",), []).append(
                f"旧稿标题“{facts['title']}”与本大纲生成的标题不同，本大纲无“标题”一项")
    data: dict[str, Any] = {"outline": outline.id, "facts": fitted}
    opening = [_verbatim(_one_line(p.text)) for p in speech.opening if p.text.strip()]
    transition = speech.transition.text.strip() if speech.transition is not None else ""
    if transition:
        if outline.templates.get("transition"):
            rendered = _render_part(outline, "transition", fitted, len(speech.sections))
            if rendered is not None and not _same(rendered, transition):
                notes.setdefault(("sections",), []).append(
                    f"旧稿的过渡句“{transition}”由大纲模板按要点数重写为“{rendered}”")
        else:
            opening.append(_verbatim(_one_line(transition)))
    if opening:
        data["opening"] = opening
    sections = [_section_data(s, 1) for s in speech.sections]
    if not sections:
        sections = [{"heading": FILL, "paragraphs": []}]
        notes.setdefault(("sections", 0, "heading"), []).append("旧稿中没有找到标题：全文保留在开头，请分出要点")
    assign_roles(sections, outline)
    data["sections"] = sections
    closing = [_verbatim(_one_line(p.text)) for p in speech.closing if p.text.strip()]
    if closing:
        data["closing"] = closing
    style = speech.meta.get("style") if speech.meta else None
    if isinstance(style, dict) and style:
        data["style"] = dict(style)
    return data, notes


# --------------------------------------------------------------------------- marking what needs updating

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_RELATIVE = re.compile(r"今年|明年|去年|当前|目前|近年来")
_HISTORY = re.compile(r"回顾|过去|以来|曾经|当年|那时|自|从|历史")


def staleness_notes(data: dict[str, Any], today: _dt.date) -> list[tuple[Path_, str, str]]:
    """(path, rule, message) for dates that have passed: old years named as current, a past date."""
    out: list[tuple[Path_, str, str]] = []
    date = data.get("facts", {}).get("date")
    old = isinstance(date, _dt.date) and date.year < today.year
    if old:
        out.append((("facts", "date"), "import.old-date",
                    f"旧稿日期 {date.isoformat()}，请改为本次讲话的日期"))
    if isinstance(date, _dt.date) and not old:
        return out  # a speech of this year: its years are current
    for path, text in _texts(data):
        years = sorted({int(y) for y in _YEAR.findall(text) if int(y) < today.year})
        if years and not _HISTORY.search(text):
            out.append((path, "import.stale-year", f"提到{'、'.join(f'{y}年' for y in years)}，请核对是否应更新为当前年份"))
        if old and _RELATIVE.search(text):
            word = _RELATIVE.search(text).group(0)
            out.append((path, "import.relative-date", f"“{word}”指旧稿的{date.year}年，请按本次讲话重写"))
    return out


def _texts(data: dict[str, Any]) -> Iterable[tuple[Path_, str]]:
    for key in ("opening", "closing"):
        for i, t in enumerate(data.get(key, []) or []):
            yield (key, i), t

    def walk(sections, path):
        for i, s in enumerate(sections):
            here = path + (i,)
            yield here + ("heading",), s["heading"]
            for j, t in enumerate(s.get("paragraphs", [])):
                yield here + ("paragraphs", j), t
            yield from walk(s.get("children", []), here + ("children",))

    yield from walk(data.get("sections", []), ("sections",))


def check_notes(imported: Imported, today: _dt.date) -> None:
    """Run `drafter check` on the spec as if given today, and note each finding above its item."""
    import tempfile

    from drafter.check import check_file

    data = json.loads(json.dumps(imported.data, default=_json_default))
    if "date" in data.get("facts", {}):
        data["facts"]["date"] = today.isoformat()  # judge the wording as of the new speech
    text, lines = _emit(data, {}, [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            findings = check_file(path, skip=("repetition", "length"))  # what an old text repeats is not stale
        except DrafterError:
            findings = []
    line_to_path = {ln: p for p, ln in lines.items()}
    from drafter.check.findings import Finding

    found: list[Finding] = []
    for f in findings:
        if f.rule.startswith(("length.", "repetition.phrase", "repetition.long")):
            continue
        f.path = line_to_path.get(f.line) if f.line is not None else None  # type: ignore[attr-defined]
        found.append(f)
    for path, rule, message in staleness_notes(imported.data, today):
        f = Finding(rule, "warning", message, None, _label(path))
        f.path = path  # type: ignore[attr-defined]
        found.append(f)
    per_item: dict[tuple, list[Finding]] = {}
    for f in found:
        if f.path in imported.filled:
            continue  # a fact import filled in: its own note says so
        per_item.setdefault((f.path or ("outline",), f.rule), []).append(f)
    for (path, rule), group in per_item.items():
        first = group[0]
        if len(group) > 1:
            first.message += f"（同类共{len(group)}处）"
        first.file, first.line = imported.source, None
        imported.findings.append(first)
        imported.note(path, f"{first.message} [{rule}]")


def _label(path: Path_) -> str:
    from drafter.check.files import _spec_location

    return _spec_location(path)


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# --------------------------------------------------------------------------- YAML with comments

def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same value (JSON strings are YAML)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        plain = value and not re.search(r"[:#\[\]{}&*!|>'\"%@`,\x00-\x1f\x7f\u2028\u2029]|^[-?\s]|\s$", value) \
            and not re.fullmatch(r"[\d.:+-]+|true|false|yes|no|on|off|null|~", value, re.I)
        return value if plain else json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _comment(indent: str, note: str) -> str:
    """A `# 待更新` comment on one line: a finding that quotes a line break must not end the comment."""
    return f"{indent}# 待更新：{' '.join(str(note).split())}"


def _emit(data: dict[str, Any], notes: dict[Path_, list[str]], header: list[str]) -> tuple[str, dict[Path_, int]]:
    out: list[str] = ["# " + " ".join(str(h).split()) for h in header]
    where: dict[Path_, int] = {}

    def put(path: Path_, indent: str, line: str) -> None:
        for note in notes.get(path, []):
            out.append(_comment(indent, note))
        out.append(indent + line)
        where[path] = len(out)

    put(("outline",), "", f"outline: {_scalar(data['outline'])}")
    put(("facts",), "", "facts:")
    for k, v in data.get("facts", {}).items():
        if isinstance(v, list):
            put(("facts", k), "  ", f"{k}: [{', '.join(_scalar(x) if _scalar(x) == x and ',' not in x else json.dumps(x, ensure_ascii=False) for x in v)}]")
        else:
            put(("facts", k), "  ", f"{k}: {_scalar(v)}")

    def items(key_path: Path_, values: list, indent: str) -> None:
        for i, t in enumerate(values):
            put(key_path + (i,), indent, f"- {_scalar(t)}")

    if data.get("opening"):
        put(("opening",), "", "opening:")
        items(("opening",), data["opening"], "  ")

    def sections(values: list, path: Path_, indent: str) -> None:
        for i, s in enumerate(values):
            here = path + (i,)
            for note in notes.get(here, []):
                out.append(_comment(indent, note))
            put(here + ("heading",), indent, f"- heading: {_scalar(s['heading'])}")
            if s.get("role"):
                put(here + ("role",), indent + "  ", f"role: {_scalar(s['role'])}")
            paras = s.get("paragraphs", [])
            if paras:
                put(here + ("paragraphs",), indent + "  ", "paragraphs:")
                items(here + ("paragraphs",), paras, indent + "    ")
            else:
                put(here + ("paragraphs",), indent + "  ", "paragraphs: []")
            if s.get("children"):
                put(here + ("children",), indent + "  ", "children:")
                sections(s["children"], here + ("children",), indent + "    ")

    put(("sections",), "", "sections:")
    sections(data["sections"], ("sections",), "  ")
    if data.get("closing"):
        put(("closing",), "", "closing:")
        items(("closing",), data["closing"], "  ")
    if data.get("style"):
        put(("style",), "", f"style: {json.dumps(data['style'], ensure_ascii=False)}")
    return "\n".join(out) + "\n", where


def spec_yaml(data: dict[str, Any], notes: dict[Path_, list[str]] | None = None, header: list[str] = ()) -> str:
    """The spec as YAML, each note as a comment above the item it concerns."""
    return _emit(data, notes or {}, list(header))[0]


# --------------------------------------------------------------------------- entry points

def import_file(path: str | Path, outline: str | None = None, today: _dt.date | None = None,
                check: bool = True) -> list[Imported]:
    """Every speech in an old file as a spec, with the outline choice and the notes."""
    from drafter.outlines import get_outline, load_outlines

    today = today or _dt.date.today()
    outlines = load_outlines()
    results = []
    speeches = read_speeches(path)
    sizes = [chinese_chars(s) for s in speeches]
    if not any(n >= MIN_SPEECH_CHARS for n in sizes):
        raise InputFileError(f"no speech found: {sum(sizes)} Chinese characters; "
                             "`drafter import` reads old speeches (讲话稿) in .txt, .md or .docx", path=str(path))
    for k, speech in enumerate(s for s, n in zip(speeches, sizes) if n >= MIN_SPEECH_CHARS):
        facts = speech_facts(speech)
        choice = choose_outline(speech, facts, outlines, outline)
        data, notes = speech_to_spec(speech, get_outline(choice.chosen.outline), facts, today)
        imported = Imported(data, choice, str(path), speech.source.piece if speech.source else k)
        for p, texts in notes.items():
            for t in texts:
                imported.note(p, t)
            if p[0] == "facts" and any(t.startswith("旧稿中没有") for t in texts):
                imported.filled.add(p)
        if check:
            check_notes(imported, today)
        results.append(imported)
    return results


def import_speech(path: str | Path, outline: str | None = None) -> list[dict[str, Any]]:
    """Spec data (what `drafter.spec.dump_spec`/`save_spec` write) for each speech in an old file.

    For the terminal UI's 从旧稿开始: `path` is a .docx (drafter's own read by its styles, any other
    by the parser), a .txt/.md in UTF-8 or GB18030, or a flattened copy from a document-sharing
    site; the outline is the best-fitting one unless `outline` names it. Each dict validates with
    its outline and builds; a drafter-built file builds back to the same text. The notes import
    writes as YAML comments are not in the dicts (use `import_file` for them). Unreadable files
    raise DrafterError naming the file.
    """
    return [imp.data for imp in import_file(path, outline, check=False)]
