"""Steps 3-4: the section tree, from the level-1 style to `model.Section`.

`root_style` picks which marker style is level 1; `build` assigns levels with a style
stack (the same marker can be level 2 in one speech and level 3 in another);
`numbering_anomalies` reports gaps and repeats (never fixes them); `section` converts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.headings import HEADING_MAX, split_heading, unbracket
from drafter.corpus.parse.markers import MARKERS, ORDER, ROOT_RANK, Marker, marker_like
from drafter.corpus.parse.segments import Seg
from drafter.corpus.parse.text import HAN, ends_sentence, last_sentence, lstrip_tl, strip_end
from drafter.corpus.parse.transition import announced_count
from drafter.model import Anomaly, Paragraph, Section

UNNUMBERED_MAX = 40  # an unnumbered heading line is at most this long


@dataclass
class Node:
    marker: Marker | None
    level: int
    heading: str
    line: int | None
    run_in: bool = False
    paras: list[TextLine] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.marker.family if self.marker else ""


_HAN_RE = re.compile(f"[{HAN}]")
_NOT_HEADING = re.compile(r"[：:]|https?|www\.")


def _is_unnumbered_heading(seg: Seg) -> bool:
    if not (seg.line_start and seg.line_end and seg.marker is None and not seg.salutation):
        return False
    t = seg.tl.text.strip()
    if not 2 <= len(t) <= UNNUMBERED_MAX or ends_sentence(t):  # cheap tests first: most lines are long
        return False
    han = len(_HAN_RE.findall(t))
    return han >= 4 and han >= 0.6 * len(t) and not _NOT_HEADING.search(t)


def root_style(body: list[Seg]) -> str | None:
    """The level-1 style: the highest-ranked strong marker, else unnumbered lines, else any marker."""
    # unnumbered headings need body text after them
    heading = [_is_unnumbered_heading(s) for s in body]
    unnumbered = [k for k in range(len(body) - 1) if heading[k] and not heading[k + 1]]
    strong = [(k, s.marker.family) for k, s in enumerate(body) if s.marker and s.marker.family in ROOT_RANK]
    if strong:
        best = min((f for _, f in strong), key=ROOT_RANK.__getitem__)
        first = min(k for k, f in strong if f == best)
        # "建强组织体系……" / "（一）……" / "（二）……" / "夯实基础……" / "（一）……": short unnumbered
        # lines that come first and recur head the numbered points (一、 is never demoted)
        if best not in ("一、", "第一部分") and len(unnumbered) >= 2 and unnumbered[0] < first:
            return ""
        return best
    if unnumbered:
        return ""
    weak = [s.marker.family for s in body if s.marker]
    if weak:
        order = [f for f, _ in MARKERS]
        return min(weak, key=order.index)
    return None


def _node_from(seg: Seg, level: int) -> Node:
    tl, mk = seg.tl, seg.marker
    start = mk.end if mk else 0
    rest = tl.text[start:]
    heading, body_at = split_heading(rest)
    node = Node(mk, level, unbracket(heading), tl.line_at(0))
    if body_at is not None:
        body = tl.slice(start + body_at)
        body = lstrip_tl(body)
        if body.text:
            node.paras.append(body)
            node.run_in = True
    return node


def _pop_for(stack: list[Node], family: str) -> None:
    """Pop to the right parent for a new marker of `family` (levels by context)."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].family == family:
            del stack[k:]
            return
    while len(stack) > 1:
        top = stack[-1].family
        if (top in ORDER and family in ORDER and ORDER[top] > ORDER[family]) or (
                top == "一是" and family in ("一、", "（一）")):
            stack.pop()
        else:
            break


def _points_start(body: list[Seg], root: str | None) -> int:
    """Index where the points begin when the opening has its own list in the root style.

    "主要有三个特点：" / "一是……" "二是……" / "……我讲三点意见：" / "一是……": a list that
    restarts at 1 right after a transition announcing the points is the speech's points;
    the earlier run of the same style belongs to the opening. 0 when there is no such restart.
    """
    if not root:
        return 0
    firsts = [k for k, s in enumerate(body) if s.marker and s.marker.family == root and s.marker.number == 1]
    for k in firsts[1:]:
        prev = body[k - 1]
        if prev.marker is None and announced_count(last_sentence(prev.tl.text.rstrip()))[0]:
            return k
    return 0


def build(body: list[Seg], root: str | None) -> tuple[list[TextLine], list[Node]]:
    """Opening lines (before the first level-1 heading) and the section tree."""
    opening: list[TextLine] = []
    sections: list[Node] = []
    stack: list[Node] = []
    taken = -1  # index of a heading line already used by a bare marker line ("一、" alone)
    start = _points_start(body, root)
    for k, seg in enumerate(body):
        if k == taken:
            continue
        if k < start:
            opening.append(seg.tl)
            continue
        fam = seg.marker.family if seg.marker else None
        is_root = root is not None and (
            fam == root if root else (fam is None and _is_unnumbered_heading(seg)
                                      and k + 1 < len(body) and not _is_unnumbered_heading(body[k + 1])))
        if is_root:
            node = _node_from(seg, 1)
            sections.append(node)
            stack = [node]
        elif not stack:
            opening.append(seg.tl)
            continue
        elif fam is not None:
            _pop_for(stack, fam)
            node = _node_from(seg, len(stack) + 1)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paras.append(seg.tl)
            continue
        nxt = body[k + 1] if k + 1 < len(body) else None
        if (not node.heading and not node.paras and nxt is not None and nxt.marker is None
                and not nxt.salutation and len(nxt.tl.text) <= HEADING_MAX):
            node.heading, node.line = unbracket(strip_end(nxt.tl.text)), node.line or nxt.tl.line
            taken = k + 1
    return opening, sections


def numbering_anomalies(nodes: list[Node], where: str, out: list[Anomaly]) -> None:
    prev: Node | None = None
    for node in nodes:
        mk = node.marker
        if mk is not None and mk.number is not None:
            if prev is None or prev.marker is None or prev.family != node.family:
                if mk.number != 1 and prev is None:
                    out.append(Anomaly("numbering", f"{where}: numbering starts at {mk.text} "
                                                    f"(expected {marker_like(mk.text, 1)}): "
                                                    f"“{node.heading[:24]}”", node.line))
            else:
                p = prev.marker.number or 0
                n = mk.number
                if n == p + 1 or (n == 1 and node.level > 1):
                    pass  # next item, or a new list under the same parent
                elif n == p:
                    out.append(Anomaly("numbering", f"{where}: {mk.text} repeated: expected "
                                                    f"{marker_like(mk.text, p + 1)} after {prev.marker.text}, "
                                                    f"found {mk.text} again (“{node.heading[:24]}”)", node.line))
                else:
                    out.append(Anomaly("numbering", f"{where}: expected {marker_like(mk.text, p + 1)} after "
                                                    f"{prev.marker.text}, found {mk.text} (“{node.heading[:24]}”)",
                                       node.line))
        prev = node
    for node in nodes:
        if node.children:
            numbering_anomalies(node.children, f"under {node.marker.text if node.marker else ''}"
                                                f"{node.heading[:16]}", out)


def paragraph(tl: TextLine) -> Paragraph:
    return Paragraph(tl.text.strip(), tl.line_at(0))


def section(node: Node) -> Section:
    mk = node.marker
    return Section(
        marker=mk.text if mk else "",
        number=mk.number if mk else None,
        level=node.level,
        heading=node.heading,
        line=node.line,
        paragraphs=[paragraph(p) for p in node.paras if p.text.strip()],
        children=[section(c) for c in node.children],
        run_in=node.run_in,
    )
