"""Review in Word: findings and provenance as Word comments, the text left as it was.

A leader reviews a draft in Word, so that is where drafter's findings belong:
each becomes a comment (author "drafter", the rule id in its text) anchored to
the paragraph it concerns, or to the run-in heading run when it concerns a
heading set in the body's first line. Only comment ranges and references are
added (python-docx's own comments API, ≥ 1.2); no run is split or restyled.

Placing a finding: a checked draft gives the paragraph by its `line` (a .docx
is read one paragraph a line); a rendered spec gives a place in the outline
("二、（一）第2段"), found in the built document by reading it back through
drafter's named styles. What has no place (the whole speech, a fact) goes on
the title, or the first paragraph with text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Iterable

AUTHOR = "drafter"
INITIALS = "DR"


@dataclass
class Note:
    """One comment to add: the 1-based index of its paragraph (None: the first), its text."""

    paragraph: int | None
    text: str
    first_run: bool = False  # anchor on the first run only (a run-in heading)


def finding_text(f) -> str:
    """The comment for a finding: severity, message, place when known, rule id."""
    where = f"（{f.location}）" if getattr(f, "location", None) else ""
    return f"{f.severity}{where}: {f.message} [{f.rule}]"


def open_document(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def save_document(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _first_text_paragraph(paragraphs) -> int:
    return next((i for i, p in enumerate(paragraphs, 1) if p.text.strip()), 1)


def add_comments(document, notes: Iterable[Note]) -> int:
    """Anchor each note as a comment; the number added."""
    paragraphs = document.paragraphs
    if not paragraphs:
        return 0
    fallback = _first_text_paragraph(paragraphs)
    added = 0
    for note in notes:
        index = note.paragraph if note.paragraph and 1 <= note.paragraph <= len(paragraphs) else fallback
        p = paragraphs[index - 1]
        runs = [r for r in p.runs if r.text] or p.runs
        if not runs:
            runs = [p.add_run("")]  # an empty run: no text, nothing restyled, something to anchor on
        document.add_comment(runs[:1] if note.first_run else runs, text=note.text, author=AUTHOR,
                             initials=INITIALS)
        added += 1
    return added


# --------------------------------------------------------------------------- places in a built document

def built_places(document) -> dict[str, tuple[int, bool]]:
    """Outline places ("题目", "二、（一）标题", "结尾第1段") -> (paragraph index, is a run-in heading)."""
    from drafter.check.context import speech_blocks
    from drafter.importing import speech_of_document

    speech = speech_of_document(document)
    if speech is None:
        return {}
    lines = speech.meta.get("lines", {})
    places: dict[str, tuple[int, bool]] = {}
    for block in speech_blocks(speech):
        line = block.line if block.line is not None else lines.get(block.kind)
        if line is None or block.location is None:
            continue
        run_in = block.kind == "heading" and block.section is not None and block.section.run_in
        places.setdefault(block.location, (line, run_in))
    return places


def _place_of(location: str | None, places: dict[str, tuple[int, bool]]) -> tuple[int | None, bool]:
    if not location:
        return places.get("题目", (None, False))
    if location in places:
        return places[location]
    # "二、（一）" (a section as a whole) -> its heading
    if location + "标题" in places:
        return places[location + "标题"]
    return places.get("题目", (None, False))


def notes_for_findings(findings: Iterable, places: dict[str, tuple[int, bool]] | None = None,
                       by_line: bool = True) -> list[Note]:
    """Notes for check findings: by paragraph line (a checked .docx), else by outline place."""
    notes = []
    for f in findings:
        if by_line and f.line is not None:
            notes.append(Note(f.line, finding_text(f)))
            continue
        index, run_in = _place_of(f.location, places or {})
        notes.append(Note(index, finding_text(f), run_in and bool(f.location and f.location.endswith("标题"))))
    return notes


def trace_notes(speech, places: dict[str, tuple[int, bool]]) -> list[Note]:
    """A note on each paragraph a template or phrase-bank entry wrote, naming the entry and source."""
    from drafter.check.context import speech_blocks

    kinds = {"title": "题目", "subtitle": "副题", "byline": "署名"}
    notes = [Note(places[kinds[part]][0], f"固定表述，来自 {origin}")
             for part, origin in speech.origins.items() if kinds.get(part) in places]
    by_text = {text: origin for text, origin in _paragraphs(speech) if origin}
    for block in speech_blocks(speech):
        origin = by_text.get(block.text) if block.kind in ("opening", "transition", "paragraph", "closing") else None
        if origin and block.location in places:
            notes.append(Note(places[block.location][0], f"固定表述，来自 {origin}"))
    return notes


def _paragraphs(speech) -> Iterable[tuple[str, Any]]:
    for p in speech.opening:
        yield p.text, p.origin
    if speech.transition is not None:
        yield speech.transition.text, speech.transition.origin
    for s in speech.walk():
        for p in s.paragraphs:
            yield p.text, p.origin
    for p in speech.closing:
        yield p.text, p.origin


# --------------------------------------------------------------------------- entry points

def annotate_draft(data: bytes, findings: Iterable) -> bytes:
    """A checked .docx with each finding as a comment on its paragraph."""
    document = open_document(data)
    findings = list(findings)
    places = built_places(document) if any(f.line is None for f in findings) else {}
    add_comments(document, notes_for_findings(findings, places))
    return save_document(document)


def annotate_built(data: bytes, speech, findings: Iterable = (), trace: bool = False) -> bytes:
    """A .docx that drafter built from `speech`, with the spec's findings and/or provenance as comments."""
    document = open_document(data)
    places = built_places(document)
    notes = notes_for_findings(findings, places, by_line=False)
    if trace:
        notes += trace_notes(speech, places)
    add_comments(document, notes)
    return save_document(document)


@dataclass
class Comment:
    """A comment read back from a .docx: the paragraphs it is anchored to, author and text."""

    paragraph: int  # 1-based index of the paragraph where its range starts
    author: str
    text: str
    anchored: str  # the paragraph's text


def read_comments(data: bytes) -> list[Comment]:
    """Every comment of a .docx with the paragraph its range starts in."""
    from docx.oxml.ns import qn

    document = open_document(data)
    by_id = {c.comment_id: c for c in document.comments}
    out = []
    for i, p in enumerate(document.paragraphs, 1):
        for start in p._p.iter(qn("w:commentRangeStart")):
            c = by_id.get(int(start.get(qn("w:id"))))
            if c is not None:
                out.append(Comment(i, c.author, c.text, p.text))
    return out
