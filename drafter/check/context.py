"""The speech as the rules see it: ordered text blocks with their places.

Structural rules (numbering, announced count, heading marks, length) walk
the Speech tree; text rules (placeholders, punctuation, formulations,
repetition) scan blocks. A block is one printed unit (title, heading,
paragraph) with its source line when known and its place in the outline
("二、（三）第2段"). When the checker is given the cleaned source lines,
text rules scan those instead, so nothing the parser set aside is missed and
every finding has an exact line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from drafter.check.findings import Targets
from drafter.corpus.lines import TextLine
from drafter.model import Paragraph, Section, Speech


@dataclass
class Block:
    text: str
    kind: str  # title, subtitle, byline, salutation, opening, transition, heading, paragraph, closing, line
    line: int | None = None
    location: str | None = None
    section: Section | None = None  # the section a heading or paragraph belongs to
    source: TextLine | None = None  # for source lines: maps offsets to lines
    order: int = 0  # position in the document

    def line_at(self, offset: int) -> int | None:
        if self.source is not None:
            return self.source.line_at(offset)
        return self.line


def section_label(path: list[Section]) -> str:
    """"二、（三）" for the path of sections down to one; unnumbered ones by their heading."""
    parts = []
    for s in path:
        if s.marker:
            parts.append(s.marker.strip())
        else:
            head = s.heading.strip()
            parts.append(f"“{head[:8]}{'…' if len(head) > 8 else ''}”")
    return "".join(parts)


def piece_prefix(speech: Speech) -> str:
    if speech.source is not None and speech.source.piece:
        return f"第{speech.source.piece + 1}篇"
    return ""


def speech_blocks(speech: Speech) -> list[Block]:
    """Every printed unit of the speech in reading order."""
    prefix = piece_prefix(speech)
    blocks: list[Block] = []

    def add(text: str, kind: str, line: int | None, where: str, section: Section | None = None) -> None:
        if text and text.strip():
            blocks.append(Block(text, kind, line, f"{prefix}{where}", section, None, len(blocks)))

    add(speech.title, "title", None, "题目")
    add(speech.subtitle, "subtitle", None, "副题")
    add(speech.byline, "byline", None, "署名")
    add(speech.salutation, "salutation", None, "称呼")
    for i, p in enumerate(speech.opening, 1):
        add(p.text, "opening", p.line, f"开头第{i}段")
    if speech.transition is not None:
        add(speech.transition.text, "transition", speech.transition.line, "过渡段")

    def walk(section: Section, path: list[Section]) -> None:
        path = path + [section]
        label = section_label(path)
        add(section.title, "heading", section.line, f"{label}标题", section)
        for i, p in enumerate(section.paragraphs, 1):
            add(p.text, "paragraph", p.line, f"{label}第{i}段", section)
        for child in section.children:
            walk(child, path)

    for s in speech.sections:
        walk(s, [])
    for i, p in enumerate(speech.closing, 1):
        add(p.text, "closing", p.line, f"结尾第{i}段")
    return blocks


def line_blocks(lines: list[TextLine], outline: list[Block]) -> list[Block]:
    """Source lines as blocks, each placed in the outline by its line number."""
    known = sorted((b.line, b.location) for b in outline if b.line is not None)
    keys = [ln for ln, _ in known]
    out = []
    for i, tl in enumerate(lines):
        if not tl.text.strip():
            continue
        j = bisect.bisect_right(keys, tl.line)
        where = known[j - 1][1] if j else None
        out.append(Block(tl.text, "line", tl.line, where, None, tl, i))
    return out


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_ISO = re.compile(r"^((?:19|20)\d\d)-\d\d?-\d\d?")


def speech_year(speech: Speech, today: date | None = None) -> int:
    """The year a speech is given: its date fact, a date in the byline, else this year."""
    value = speech.meta.get("date") if speech.meta else None
    if isinstance(value, date):
        return value.year
    if isinstance(value, str):
        m = _ISO.match(value.strip()) or _YEAR.search(value)
        if m:
            return int(m.group(1))
    for text in (speech.byline, speech.subtitle):
        m = _YEAR.search(text or "")
        if m:
            return int(m.group(1))
    return (today or date.today()).year


@dataclass
class Context:
    speech: Speech
    blocks: list[Block]  # from the speech tree
    text_blocks: list[Block]  # what text rules scan: source lines when given, else `blocks`
    targets: Targets = field(default_factory=Targets)
    year: int = 0
    markdown: bool = False  # the source is Markdown: **bold** is emphasis, not anonymisation
    formulations: list = field(default_factory=list)  # FormulationRule objects in force

    @classmethod
    def build(cls, speech: Speech, text_lines: list[TextLine] | None = None, targets: Targets | None = None,
              year: int | None = None, markdown: bool = False) -> "Context":
        blocks = speech_blocks(speech)
        text_blocks = line_blocks(text_lines, blocks) if text_lines else blocks
        return cls(speech, blocks, text_blocks, Targets.coerce(targets),
                   year if year is not None else speech_year(speech), markdown)


def excerpt(text: str, start: int, end: int, width: int = 10) -> str:
    """The text around [start, end) for quoting in a message, with ellipses where cut."""
    a, b = max(0, start - width), min(len(text), end + width)
    return f"{'…' if a else ''}{text[a:b].strip()}{'…' if b < len(text) else ''}"


def iter_paragraphs(speech: Speech) -> Iterator[tuple[str, Paragraph, Section | None]]:
    """(kind, paragraph, section) for every body paragraph in order."""
    for p in speech.opening:
        yield "opening", p, None
    if speech.transition is not None:
        yield "transition", speech.transition, None
    for s in speech.walk():
        for p in s.paragraphs:
            yield "paragraph", p, s
    for p in speech.closing:
        yield "closing", p, None
