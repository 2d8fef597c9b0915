"""Parsing cleaned speech text into the shared outline tree (`drafter.model.Speech`).

The parser reads the genre's skeleton, not any one speech's strings:

    title / ——subtitle / byline -> 同志们： -> opening -> transition ("下面，我讲四点意见")
    -> sections (一、 / 第一， / unnumbered short lines) -> sub-points -> closing ("同志们，只要我们……")

Steps, each a small function:

1. `segments.cut_segments`: cut lines into segments. Headings normally start a line, but broken
   sources glue a whole speech into one line (004) and a transition may carry the
   first point ("下面，我讲四点意见：第一，……"), so a few strong markers also start a
   segment mid-line, after a full stop, when they continue the numbering.
   Inline enumerations ("工作：一是……；二是……") never start a segment.
2. `head.read_head`: title, subtitle, byline and salutation before the body.
3. `tree.root_style`: which marker style is level 1 here (第一部分 > 一、 > 第一， > （一） >
   unnumbered short lines > the rest); lower styles met before the first level-1 heading
   stay opening text, and so does a list of the root style that the transition follows
   before the points restart at 1 ("主要有三个特点：一是……" … "我讲三点意见：一是……").
4. `tree.build`: a style stack assigns levels by context (the same marker can be level 2
   in one speech and level 3 in another).
5. Lead-in items ("扩面提质“挖潜”。进一步……") become unnumbered children when two or
   more consecutive source paragraphs open with parallel labels (not statements like
   "X是Y。", never the run-in body of a heading's line); the closing is split off the end;
   numbering gaps/repeats and announced-count mismatches are reported, never fixed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.closing import last_leaf, split_closing
from drafter.corpus.parse.head import read_head, strip_author_note
from drafter.corpus.parse.headings import split_heading
from drafter.corpus.parse.leadins import apply_leadins
from drafter.corpus.parse.segments import cut_segments
from drafter.corpus.parse.transition import announced_count, split_transition
from drafter.corpus.parse.tree import Node, build, numbering_anomalies, paragraph, root_style, section
from drafter.model import Anomaly, Source, Speech

if TYPE_CHECKING:  # pipeline imports load/clean; keep `import drafter.corpus.parse` light
    from drafter.corpus.pipeline import Piece

__all__ = ["parse_piece", "parse_lines", "parse_file", "announced_count", "split_heading"]


def parse_lines(lines: str | Iterable[str | TextLine], source: Source | None = None) -> Speech:
    """Parse already-clean text (one paragraph a line) into a Speech."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    tls = [ln if isinstance(ln, TextLine) else TextLine(str(ln), i) for i, ln in enumerate(lines, 1)]
    segs = cut_segments(tls)
    head, i = read_head(segs)
    body = segs[i:]
    # a salutation after the title block but not first (e.g. after a date line)
    if not head.salutation:
        for k, seg in enumerate(body[:3]):
            if seg.salutation:
                head.salutation = seg.tl.text.strip()
                body = body[:k] + body[k + 1:]
                break
    strip_author_note(body, head)
    root = root_style(body)
    opening, nodes = build(body, root)

    speech = Speech(title=head.title, subtitle=head.subtitle, byline=head.byline,
                    salutation=head.salutation, source=source, meta=dict(head.meta))

    opening, transition = split_transition(opening)
    if transition is not None:
        speech.transition = paragraph(transition)
        speech.announced_points = announced_count(transition.text)[1]

    # closing: split off the end of the last leaf (or of the opening when there are no sections)
    leaf = last_leaf(nodes)
    if leaf is not None:
        leaf.paras, closing = split_closing(leaf.paras)
    else:
        opening, closing = split_closing(opening)
    speech.closing = [paragraph(p) for p in closing if p.text.strip()]

    for node in nodes:
        apply_leadins(node)
    if not nodes:  # an article made only of lead-in items ("实践性。……" "创新性。……")
        pseudo = Node(None, 0, "", None, paras=opening)
        apply_leadins(pseudo)
        opening, nodes = pseudo.paras, pseudo.children
    speech.opening = [paragraph(p) for p in opening if p.text.strip()]
    speech.sections = [section(n) for n in nodes]

    anomalies: list[Anomaly] = []
    numbering_anomalies(nodes, "level 1", anomalies)
    if speech.announced_points is not None and speech.announced_points != len(speech.sections):
        anomalies.append(Anomaly(
            "announced_count",
            f"the transition announces {speech.announced_points} points "
            f"(“{speech.transition.text[:30] if speech.transition else ''}”) "
            f"but {len(speech.sections)} level-1 sections were found",
            speech.transition.line if speech.transition else None))
    if not speech.sections:
        anomalies.append(Anomaly("no_sections", "no headings found: the text is kept as opening paragraphs",
                                 tls[0].line if tls else None))
    speech.anomalies.extend(anomalies)
    return speech


def parse_piece(piece: "Piece") -> Speech:
    """Parse one cleaned piece (from `drafter.corpus.pipeline.load_pieces`)."""
    speech = parse_lines(piece.lines, source=piece.source)
    speech.anomalies = list(piece.notes) + speech.anomalies
    return speech


def parse_file(path: str | Path) -> list[Speech]:
    """Load, clean, split and parse a corpus file: one Speech per piece."""
    from drafter.corpus.pipeline import load_pieces

    return [parse_piece(p) for p in load_pieces(path)]
