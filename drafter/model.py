"""The speech model shared by every stage.

The parser produces it from old speeches, the renderer produces it from
specs, and the checker and every writer (docx, md, txt) read it:

    Speech -> Section (level 1..4, nested) -> Paragraph

Markers are stored as found (parser) or as numbered by the engine (renderer);
`Section.heading` never includes its marker.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator


@dataclass
class Paragraph:
    """One paragraph of body text."""

    text: str
    line: int | None = None  # 1-based line in the source file, when known
    # Where rendered wording came from, for `drafter build --trace`: "template opening_meeting.j2",
    # "phrase curated-0001 (phrasebanks/curated.yaml; seeds/000_….txt:12)"; None for the writer's own text.
    origin: str | None = field(default=None, compare=False)


@dataclass
class Anomaly:
    """Something odd in a source, kept as found and reported (never "fixed")."""

    kind: str  # e.g. "numbering", "unrepaired", "truncated", "announced_count"
    message: str
    line: int | None = None


@dataclass
class Section:
    """A numbered (or unnumbered) point: its heading, its paragraphs and its sub-points."""

    marker: str  # "一、", "（一）", "第一，", "一是", "1、", "" for unnumbered
    number: int | None
    level: int  # 1 = top-level point
    heading: str  # without its marker
    line: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    # The heading runs into its body in one paragraph, as in
    # "（一）要在……上下功夫。要建立……": writers keep them in one paragraph.
    run_in: bool = False
    role: str | None = None  # archetype from an outline (importance, review, tasks, ...), when known

    @property
    def title(self) -> str:
        """Marker and heading as printed."""
        return f"{self.marker}{self.heading}"

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "number": self.number,
            "level": self.level,
            "heading": self.heading,
            "line": self.line,
            "run_in": self.run_in,
            "role": self.role,
            "paragraphs": [p.text for p in self.paragraphs],
            "paragraph_lines": [p.line for p in self.paragraphs],
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Source:
    """The file (and piece within it) a parsed speech came from."""

    file: str
    piece: int = 0  # index of the piece within a file holding several speeches
    encoding: str | None = None


@dataclass
class Speech:
    """A whole speech, parsed from a file or rendered from a spec."""

    title: str = ""
    subtitle: str = ""  # "——在……上的讲话" under a thematic title
    byline: str = ""  # speaker and/or date as printed under the title
    salutation: str = ""  # "同志们：" (with its full-width colon)
    opening: list[Paragraph] = field(default_factory=list)
    transition: Paragraph | None = None  # "下面，我讲四点意见。"
    announced_points: int | None = None
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    source: Source | None = None
    # Facts for document properties and writers: speaker, date (ISO), outline id...
    meta: dict[str, Any] = field(default_factory=dict)
    # Where the title, subtitle and byline came from when a template wrote them ("template title.j2 …"),
    # for `drafter build --trace`; paragraphs carry their own `origin`.
    origins: dict[str, str] = field(default_factory=dict, compare=False)

    def walk(self) -> Iterator[Section]:
        """Every section, depth first."""
        for s in self.sections:
            yield from s.walk()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": asdict(self.source) if self.source else None,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "salutation": self.salutation,
            "opening": [p.text for p in self.opening],
            "transition": self.transition.text if self.transition else None,
            "announced_points": self.announced_points,
            "sections": [s.to_dict() for s in self.sections],
            "closing": [p.text for p in self.closing],
            "anomalies": [asdict(a) for a in self.anomalies],
            "meta": dict(self.meta),
        }
