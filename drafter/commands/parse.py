"""`drafter parse FILE… [--json]`: the outline tree of corpus speeches.

Readable by default (title, byline, announced points, each heading with its
marker and number of sub-points, anomalies with their source lines); `--json`
prints a list of `Speech.to_dict()` documents for other tools. A file that
cannot be read is reported on stderr and the others are still parsed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.model import Section, Speech


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="corpus files: .txt/.md (UTF-8 or GB18030) or .docx")
    parser.add_argument("--json", action="store_true", help="print a JSON list of parsed documents")


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _section_lines(section: "Section", depth: int) -> list[str]:
    count = len(section.children)
    extra = [f"{count} sub-point{'s' if count != 1 else ''}"] if count else []
    extra.append(f"{len(section.paragraphs)} ¶")
    if section.line is not None:
        extra.append(f"line {section.line}")
    mark = section.marker or "·"
    out = [f"{'  ' * depth}{mark}{_short(section.heading)}  ({', '.join(extra)})"]
    for child in section.children:
        out.extend(_section_lines(child, depth + 1))
    return out


def outline_text(speech: "Speech") -> str:
    """The readable outline printed without --json."""
    src = speech.source
    lines = [f"{src.file} (piece {src.piece})" if src else "(text)"]
    for label, value in (("title", speech.title), ("subtitle", speech.subtitle), ("byline", speech.byline),
                         ("salutation", speech.salutation)):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(f"  opening: {len(speech.opening)} ¶")
    if speech.transition:
        announced = speech.announced_points if speech.announced_points is not None else "unnumbered"
        lines.append(f"  transition: {_short(speech.transition.text, 40)} (announced: {announced})")
    lines.append(f"  sections: {len(speech.sections)}")
    for section in speech.sections:
        lines.extend(_section_lines(section, 2))
    if speech.closing:
        lines.append(f"  closing: {_short(speech.closing[0].text, 40)} ({len(speech.closing)} ¶)")
    for a in speech.anomalies:
        where = f"line {a.line}: " if a.line is not None else ""
        lines.append(f"  ! {a.kind}: {where}{a.message}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from drafter.commands import Inputs
    from drafter.corpus.parse import parse_file

    documents: list[dict] = []
    first = True
    inputs = Inputs(args.files, parse_file)
    for _path, speeches in inputs:
        for speech in speeches:
            if args.json:
                documents.append(speech.to_dict())
            else:
                if not first:
                    print()
                first = False
                print(outline_text(speech))
    if args.json:
        print(json.dumps(documents, ensure_ascii=False, indent=2))
    sys.stdout.flush()
    return 1 if inputs.failed else 0
