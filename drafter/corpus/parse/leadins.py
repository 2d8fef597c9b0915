"""Step 5a: lead-in runs ("扩面提质“挖潜”。进一步……") turned into unnumbered children.

Two or more consecutive source paragraphs that open with parallel short labels (not
statements like "X是Y。") become sub-points of their section. A label may also end with a
colon ("坚持问题导向：要……"), but not a speaker's cue ("总书记指出：“……”").
"""

from __future__ import annotations

import re

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.markers import match_marker
from drafter.corpus.parse.text import HAN, lstrip_tl
from drafter.corpus.parse.tree import Node

LEADIN_MAX = 16  # a lead-in item ("实践性。" "扩面提质“挖潜”。") is at most this long

# A statement, not a label: a copula or a judgement ("群众是最好的老师。" "目的在于运用。"
# "打铁必须自身硬。"). Lead-in items are verb-object or noun labels ("抓基础强保障", "实践性").
_STATEMENT = re.compile(r"是|在于|必须|应当|应该|只有|才能|就要|首先要|不能|不会|已经|正在")
COLON_LEADIN_MAX = 12  # "坚持问题导向：" — a colon label is a short verb-object phrase
# a colon after these introduces a quotation or a list, not a sub-point's body
# (or a discourse connective: "具体来说：" "另一方面：")
_CUE_BEFORE_COLON = re.compile(r"(?:指出|强调|说|说过|认为|表示|要求|提出|写道|讲|规定|明确|如下|包括|主要有|比如|例如|即|为"
                               r"|来说|来看|而言|看来|总之|总的看|一方面|另一方面|同时|其中|此外|另外)$")


def _leadin(tl: TextLine) -> int | None:
    """End offset of a lead-in phrase ("实践性。" "坚持问题导向：") opening a paragraph, if any."""
    text = tl.text
    colon = _colon_leadin(text)
    if colon is not None:
        return colon
    i = text.find("。")
    if i < 2 or i > LEADIN_MAX or i + 1 >= len(text.rstrip()):
        return None
    phrase = text[:i]
    if _PUNCT.search(phrase) or match_marker(phrase) or not _HAN_RE.search(phrase):
        return None
    if _STATEMENT.search(phrase):
        return None
    return i


_PUNCT = re.compile(r"[，,；;：:、！？!?（(]")
_HAN_RE = re.compile(f"[{HAN}]")
_COLON_PHRASE = re.compile(rf"[{HAN}]{{2,{COLON_LEADIN_MAX}}}(?=[：:])")


def _colon_leadin(text: str) -> int | None:
    m = _COLON_PHRASE.match(text)
    if m is None:
        return None
    phrase, body = m.group(0), text[m.end() + 1:].strip()
    if _CUE_BEFORE_COLON.search(phrase) or _STATEMENT.search(phrase) or len(body) < 10 or body[0] in "“‘「\"":
        return None
    return m.end()


def _parallel(a: str, b: str) -> bool:
    """Two lead-in labels of one run share a shape: both or neither end in a quoted word
    ("强化政治引领“铸魂”。" / "优化组织设置“强基”。"), both end with the same mark (。 or ：),
    and their lengths are close."""
    if a[-1:] != b[-1:] or a[:-1].endswith("”") != b[:-1].endswith("”"):
        return False
    la, lb = len(a), len(b)
    return abs(la - lb) <= max(3, min(la, lb) // 2)


def _leadin_runs(paras: list[TextLine], run_in: bool) -> list[tuple[int, int]]:
    """[start, end) runs of two or more parallel lead-in paragraphs.

    A lead-in starts a source paragraph: the run-in body of the heading's own line
    (`run_in`, always paras[0]) never opens with one.
    """
    phrases: list[str | None] = []
    for k, p in enumerate(paras):
        cut = None if (k == 0 and run_in) else _leadin(p)
        # the label's own punctuation is kept: a colon label and a full-stop label are no pair
        phrases.append(p.text[:cut + 1].strip() if cut is not None else None)
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(phrases):
        if phrases[k] is None:
            k += 1
            continue
        j = k + 1
        while j < len(phrases) and phrases[j] is not None and _parallel(phrases[j - 1], phrases[j]):
            j += 1
        if j - k >= 2:
            runs.append((k, j))
        k = j
    return runs


def apply_leadins(node: Node) -> None:
    for child in node.children:
        apply_leadins(child)
    if node.children or len(node.paras) < 2:
        return
    runs = _leadin_runs(node.paras, node.run_in)
    if not runs:
        return
    start = runs[0][0]
    starts = {i for a, b in runs for i in range(a, b)}
    kept, children = node.paras[:start], []
    for i, p in enumerate(node.paras[start:], start):
        if i in starts:
            cut = _leadin(p)
            assert cut is not None
            child = Node(None, node.level + 1, p.text[:cut].strip(), p.line_at(0), run_in=True)
            body = lstrip_tl(p.slice(cut + 1))
            if body.text:
                child.paras.append(body)
            children.append(child)
        else:
            children[-1].paras.append(p)
    node.paras, node.children = kept, children
