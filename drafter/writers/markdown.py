"""Markdown rendering of a Speech (for review, diffs and pandoc)."""

from __future__ import annotations

from drafter.model import Section, Speech

_END = "。！？：；…"
_CLOSERS = "”’）》」"


def run_in_heading(section: Section) -> str:
    """Marker + heading of a run-in sub-point, closed with 。 unless it already ends a sentence.

    A closing quote does not end a sentence: 扩面提质“挖潜” -> 扩面提质“挖潜”。
    """
    title = section.title
    core = title.rstrip(_CLOSERS)
    return title if not core or core[-1] in _END else title + "。"


def _escape(text: str) -> str:
    # A paragraph starting with "1." or "#" would become a list or heading in Markdown.
    if text[:1] in "#>-+*" or (text[:1].isdigit() and "." in text[:4]):
        return "\\" + text
    return text


def _section(section: Section, out: list[str]) -> None:
    paragraphs = [p.text for p in section.paragraphs]
    if section.run_in and section.heading:
        first = paragraphs.pop(0) if paragraphs else ""
        out.append(f"**{run_in_heading(section)}**{first}")
        out.append("")
    elif section.heading:
        out.append(f"{'#' * min(section.level + 1, 6)} {section.title}")
        out.append("")
    for text in paragraphs:
        out.append(_escape(text))
        out.append("")
    for child in section.children:
        _section(child, out)


def write_markdown(speech: Speech) -> str:
    out: list[str] = []
    if speech.title:
        out += [f"# {speech.title}", ""]
    for line in (speech.subtitle, speech.byline):
        if line:
            out += [line.replace("\n", "  \n"), ""]
    if speech.salutation:
        out += [speech.salutation, ""]
    for p in speech.opening:
        out += [_escape(p.text), ""]
    if speech.transition:
        out += [_escape(speech.transition.text), ""]
    for s in speech.sections:
        _section(s, out)
    for p in speech.closing:
        out += [_escape(p.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"
