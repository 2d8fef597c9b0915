"""Page furniture and hard wraps: what a PDF, Word or sharing-site export leaves in the text
(page numbers and running headers, page breaks inside paragraphs, stray page numbers inside
sentences, numbered chunks cut mid-word, lines hard-wrapped at a fixed width).

Every join goes through `TextLine.join`, so each character keeps its source line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from drafter.corpus.clean.common import _SPACE, CJK, TERMINAL, ends_paragraph, strip_line
from drafter.corpus.lines import TextLine

# A page number or page count on its own line: "3", "- 3 -", "— 3 —", "第 3 页 共 5 页".
PAGE_NUMBER_LINE = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页$|^共\s*\d+\s*页$")


def _page_text(tl: TextLine) -> str:
    return tl.text.strip(_SPACE + "\f\v")


def page_furniture(lines: list[TextLine]) -> set[int]:
    """Indices of page furniture left by a PDF or Word export: page numbers and page counts
    ("— 2 —", "第 3 页 共 5 页"), and running headers or footers: a short line without a
    full stop that recurs next to page numbers (中共某某县委办公室文件) is dropped everywhere."""
    # Page numbers are short lines: most files have none, and cost one length test a line.
    if not any(len(tl.text) <= 30 and PAGE_NUMBER_LINE.match(_page_text(tl)) for tl in lines):
        return set()
    texts = [_page_text(tl) for tl in lines]
    numbers = {i for i, t in enumerate(texts) if t and PAGE_NUMBER_LINE.match(t)}
    solid = [i for i, t in enumerate(texts) if t]
    beside: Counter = Counter()
    for a, b in zip(solid, solid[1:]):
        if a in numbers and b not in numbers:
            beside[texts[b]] += 1
        if b in numbers and a not in numbers:
            beside[texts[a]] += 1
    running = {t for t, n in beside.items()
               if n >= 2 and len(t) <= 40 and not ends_paragraph(t) and texts.count(t) >= 2}
    return numbers | {i for i, t in enumerate(texts) if t in running}


def drop_page_breaks(lines: list[TextLine]) -> tuple[list[TextLine], set[int]]:
    """Remove page furniture with the blank lines round it (and form feeds), so a paragraph that
    ran over a page break is continuous again; also return the source lines that ended a page,
    for `join_page_splits`."""
    furniture = page_furniture(lines)
    if not furniture and not any("\f" in tl.text for tl in lines):
        return lines, set()
    out: list[TextLine] = []
    ends: set[int] = set()
    at_break = False
    for i, tl in enumerate(lines):
        if "\f" in tl.text:
            at_break = True
            k = tl.text.rfind("\f") + 1
            tl = tl.slice(k)
        if i in furniture:
            at_break = True
            continue
        if at_break and not tl.text.strip(_SPACE):
            continue  # blank lines round a page break do not end a paragraph
        if at_break:
            while out and not out[-1].text.strip(_SPACE):
                out.pop()
            if out:
                ends.add(out[-1].line)
        at_break = False
        out.append(tl)
    return out, ends


def join_page_splits(lines: list[TextLine], ends: set[int]) -> list[TextLine]:
    """Rejoin a paragraph that a page break cut in two, in a file with one paragraph a line: the
    line before the break runs on (30+ characters, no closing mark) and the next line goes on.
    Hard-wrapped files are left to `unwrap_lines`. Joined with `TextLine.join` (exact provenance)."""
    if not ends or wrap_width(lines) is not None:
        return lines
    out: list[TextLine] = []
    for tl in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.line in ends and not prev.joins and len(prev.text) >= 30
                and prev.text.rstrip(_SPACE)[-1:] not in TERMINAL and tl.text.strip(_SPACE)):
            out[-1] = strip_line(prev).join(strip_line(tl))
        else:
            out.append(tl)
    return out


# --------------------------------------------------------------------------- stray page numbers

# "重要内 9 容", "群众测评，5 抓好": a page number left inside a sentence by a PDF/doc export.
_PAGE_NUMBER = re.compile(f"(?:(?<=[{CJK}]) |(?<=[，。；：]))(\\d{{1,3}}) (?=[{CJK}])")
# A number followed by a measure word or preceded by 第/共/约... is a real quantity.
_UNITS = set("年月日号个名人次项条元角分万亿千百十岁家户座所件位天周页章节届期批类种处米亩吨倍级台辆套部份篇点时秒斤公里度%‰")
_QUANTITY_PREFIX = set("第共约近达超逾计有为是至到和及或、每")


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence (page numbers only go up)."""
    best: list[list[int]] = []
    for i, v in enumerate(values):
        prev = max((b for b in best if values[b[-1]] < v), key=len, default=[])
        best.append(prev + [i])
    return set(max(best, key=len, default=[]))


def drop_page_numbers(lines: list[TextLine]) -> list[TextLine]:
    """Remove page numbers that a conversion left inside sentences.

    Candidates are 1-3 digit numbers between two characters with a single
    space each side (or after a comma, without one), not followed by a measure word (5 个, 2015 年) nor
    preceded by 第/共/约…; of those, the ones that rise through the file
    like page numbers are removed.
    """
    found: list[tuple[int, int, int, int]] = []  # (line index, start, end, number)
    for li, tl in enumerate(lines):
        if " " not in tl.text:
            continue  # the pattern needs a space after the number
        for m in _PAGE_NUMBER.finditer(tl.text):
            before, after = tl.text[m.start() - 1], tl.text[m.end()]
            if after in _UNITS or before in _QUANTITY_PREFIX:
                continue
            found.append((li, m.start(), m.end(), int(m.group(1))))
    keep = _longest_increasing([n for *_, n in found])
    cuts: dict[int, list[tuple[int, int]]] = {}
    for k, (li, start, end, _) in enumerate(found):
        if k in keep:
            cuts.setdefault(li, []).append((start, end))
    out = []
    for li, tl in enumerate(lines):
        text = tl.text
        for start, end in reversed(cuts.get(li, [])):
            text = text[:start] + text[end:]
        out.append(TextLine(text, tl.line, list(tl.joins)) if li in cuts else tl)
    return out


# --------------------------------------------------------------------------- chunks cut mid-word

_CHUNK = re.compile(r"^(\d{1,3})、")


def _chunk_runs(lines: list[TextLine]) -> list[tuple[int, int]]:
    """[start, end) of runs of consecutive lines numbered n、, n+1、, n+2、…"""
    runs = []
    i = 0
    while i < len(lines):
        m = _CHUNK.match(lines[i].text)
        if not m:
            i += 1
            continue
        j, n = i + 1, int(m.group(1))
        while j < len(lines) and (mj := _CHUNK.match(lines[j].text)) and int(mj.group(1)) == n + (j - i):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def is_cut_run(texts: list[str]) -> bool:
    """Do these numbered lines look like one text cut into chunks (not a list)?

    Sharing sites cut at a fixed length, so chunks are long and most of them
    end mid-sentence ("……深入开" / "2、展。"); real list items (1、要认真……。)
    end with a full stop.
    """
    if len(texts) < 2:
        return False
    inner = texts[:-1]
    cut = sum(1 for t in inner if t.rstrip()[-1:] not in TERMINAL)
    mean = sum(len(t) for t in texts) / len(texts)
    return mean >= 80 and cut * 3 >= len(inner) * 2


def rejoin_chunks(lines: list[TextLine]) -> list[TextLine]:
    """Strip chunk numbers and join a run of cut chunks into one line.

    `TextLine.join` keeps every character's source line, so "展" in
    "深入开展" still maps to the line that held "2、展". Call on lines
    without blanks (`drop_blank`), where chunks sit next to each other.
    """
    out: list[TextLine] = []
    i = 0
    for start, end in _chunk_runs(lines) + [(len(lines), len(lines))]:
        out.extend(lines[i:start])
        run = lines[start:end]
        if run and is_cut_run([tl.text for tl in run]):
            joined = None
            for tl in run:
                body = tl.slice(_CHUNK.match(tl.text).end())
                joined = body if joined is None else joined.join(body)
            out.append(joined)
        else:
            out.extend(run)
        i = end
    return out


# --------------------------------------------------------------------------- hard-wrapped lines

_WIDTHS: dict[str, int] = {}  # character -> columns, filled as characters are met


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout (CJK and full-width: 2)."""
    try:
        return sum(map(_WIDTHS.__getitem__, text))  # a dict lookup a character, in C
    except KeyError:
        for c in set(text).difference(_WIDTHS):
            _WIDTHS[c] = _char_width(c)
        return sum(map(_WIDTHS.__getitem__, text))


@lru_cache(maxsize=None)
def _char_width(c: str) -> int:
    """Columns of one character; cached, so a file's lines cost one lookup per character."""
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def wrap_width(lines: list[TextLine]) -> int | None:
    """The width at which a file was hard-wrapped (PDF/e-mail text), or None.

    In a wrapped file most lines run to the same width and end mid-sentence;
    headings and paragraph ends are shorter. A file whose lines are whole
    paragraphs (every seed) has no such width.
    """
    texts = [t for t in (tl.text.strip(_SPACE) for tl in lines) if t]
    widths = Counter(display_width(t) for t in texts if not ends_paragraph(t))
    if len(texts) < 6 or not widths:
        return None
    w = max(widths, key=lambda c: (sum(n for x, n in widths.items() if c - 4 <= x <= c), c))
    full = sum(n for x, n in widths.items() if w - 4 <= x <= w)
    # Wrapped text runs 20-100 characters a line; sharing sites' 300-character chunks are not wrapping.
    return w if 40 <= w <= 200 and full >= 4 and full * 2 >= len(texts) else None


def unwrap_lines(lines: list[TextLine]) -> list[TextLine]:
    """Rejoin paragraphs that a hard-wrapped file broke into fixed-width lines.

    A line that runs to the wrap width and does not end with a full stop
    continues on the next line (unless a blank line follows). Joined with `TextLine.join`, so
    provenance stays exact. Files that are not wrapped pass unchanged.
    """
    w = wrap_width(lines)
    if w is None:
        return lines
    by_indent = _indents_paragraphs(lines, w)
    out: list[TextLine] = []
    open_end = False
    for tl in lines:
        t = strip_line(tl)
        if by_indent and t.text and _indented(tl.text):
            open_end = False  # Word's first-line indent starts a paragraph, even after a full line
        if open_end and t.text:
            out[-1] = out[-1].join(t)
        else:
            out.append(t)
        width = display_width(tl.text.lstrip("\ufeff").rstrip(_SPACE))  # the indent takes width too
        if by_indent:  # near the width (ASCII punctuation is narrow), whatever it ends with
            open_end = bool(t.text) and width >= w * 3 // 4
        else:
            open_end = bool(t.text) and width >= w - 4 and not ends_paragraph(t.text)
    return out


def _indented(text: str) -> bool:
    text = text.lstrip("\ufeff")
    return text[:1] in "\u3000\t" or text.startswith("  ")


def _indents_paragraphs(lines: list[TextLine], w: int) -> bool:
    """Whether a wrapped file marks its paragraphs with a first-line indent (text saved from Word).

    Then only an indented line starts a paragraph: a line that ends with 。 at the wrap width
    goes on when the next line is not indented, and a heading that fills a line does not
    swallow the indented body after it. Judged on the lines that follow a full, open line:
    they continue a paragraph and are (almost) never indented, while some paragraph starts are.
    """
    conts = indented_conts = indented_starts = 0
    prev = ""
    for tl in lines:
        text = tl.text.lstrip("\ufeff").rstrip(_SPACE)
        if text.strip(_SPACE) and prev:
            if display_width(prev) >= w - 4 and not ends_paragraph(prev):
                conts += 1
                indented_conts += _indented(text)
            else:
                indented_starts += _indented(text)
        prev = text
    return indented_starts >= 3 and conts >= 3 and indented_conts <= 0.1 * conts
