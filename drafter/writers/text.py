"""Plain-text rendering of a Speech: one paragraph a line, headings on their own line.

The layout is the corpus genre's own (title, byline, 同志们：, numbered
headings), so `drafter parse` reads a built .txt back into the same outline.
"""

from __future__ import annotations

from drafter.model import Section, Speech
from drafter.writers.markdown import run_in_heading


def _section(section: Section, out: list[str]) -> None:
    paragraphs = [p.text for p in section.paragraphs]
    if section.run_in and section.heading:
        first = paragraphs.pop(0) if paragraphs else ""
        out.append(run_in_heading(section) + first)
    elif section.heading:
        out.append(section.title)
    out.extend(paragraphs)
    for child in section.children:
        _section(child, out)


def write_text(speech: Speech) -> str:
    head = [line for line in (speech.title, speech.subtitle, speech.byline) if line]
    out: list[str] = []
    if head:
        out += head + [""]
    if speech.salutation:
        out.append(speech.salutation)
    out += [p.text for p in speech.opening]
    if speech.transition:
        out.append(speech.transition.text)
    for s in speech.sections:
        _section(s, out)
    out += [p.text for p in speech.closing]
    return "\n".join(out) + "\n"
