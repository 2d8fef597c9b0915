"""Flattened copies: text from document-sharing sites and PDF viewers that lost its line breaks.

Such copies arrive as one long line, or with paragraphs parted only by runs of
spaces; headings run into the text that follows without punctuation; page
furniture ("第 2 页 共 9 页") sits inside sentences; a URL and the site's SEO
line ("<title>_文库下载_范文网") come before the real title, and a table of
contents lists the headings once before the speech. Each kind of damage has
one function here, run by `drafter.corpus.clean.clean_lines`:

* `drop_inline_furniture` (text step): page counts inside a line;
* `split_flattened` (line step): cut a long line back into the lines it lost, at
  runs of spaces, URLs, a contents label, the byline date, the salutation and
  the numbered level-1 markers that continue their sequence;
* `drop_seo_headline` (line step): the site's headline before the real title;
* `drop_contents` (line step): the contents list, and, since it names the headings
  exactly, the cut between each heading and the body glued to it.

Nothing is invented: text is only cut (with provenance, by `TextLine.slice`) or dropped.
"""

from __future__ import annotations

import re

from drafter.corpus.lines import TextLine

_HAN = "\u4e00-\u9fff"
_CN = "一二三四五六七八九十"
_SPACES = re.compile(r"[ \u00a0\t]{2,}|\u3000{2,}|[ \u00a0\t]*\u3000[ \u00a0\t\u3000]+")

# --------------------------------------------------------------------------- page furniture inside text

_INLINE_PAGE = re.compile(
    r"[ \u3000]*(?:第\s*\d{1,4}\s*页\s*[/／,，、]?\s*共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|(?<=[" + _HAN + r"，。；、”])\s+[-—－–]\s*\d{1,3}\s*[-—－–]\s+(?=[" + _HAN + r"“]))[ \u3000]*")


def drop_inline_furniture(text: str) -> str:
    """Remove page counts inside a line of text ("……要第2页/共3页健全……", "…… - 3 - ……"); a line that
    is nothing but a page count is left to the page-break steps."""
    if "页" not in text and "-" not in text and "—" not in text and "－" not in text and "–" not in text:
        return text
    stripped = _INLINE_PAGE.sub("", text)
    if stripped == text or not re.search(f"[{_HAN}]", stripped):
        return text
    return stripped


# --------------------------------------------------------------------------- re-cutting a flattened line

FLAT_MIN = 300  # a line at least this long that holds a speech's structure lost its line breaks
HEADING_MAX = 80  # a heading (or a contents entry) is at most this long
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
_CONTENTS = re.compile(r"目\s*[录錄次]|內\s*容\s*目\s*录")
_BYLINE_DATE = re.compile(r"[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*[）)]")
_SALUTATION = re.compile(r"(?:尊敬的[^。！？：:]{0,30}?[，、])?(?:同志们|同事们|同学们|朋友们|各位[^。！？：:，]{1,8})[：:]")
_MARKERS = [
    ("一、", re.compile(rf"(?<![第{_CN}、])([{_CN}]{{1,3}})、(?![{_CN}]、)")),
    ("第一部分", re.compile(rf"第([{_CN}]{{1,3}})部分")),
    ("第一，", re.compile(rf"第([{_CN}]{{1,3}})[，,](?=[{_HAN}“])")),
    ("（一）", re.compile(rf"[（(]([{_CN}]{{1,3}})[）)]")),
]
_SENTENCE_END = "。！？!?；;：:”’」』）)"


def _number(token: str) -> int:
    from drafter.numerals import from_chinese

    return from_chinese(token) or 0


def _is_flat(text: str) -> bool:
    if len(text) < FLAT_MIN:
        return False
    markers = len(re.findall(rf"(?:^|[。！？；：”{_HAN}\s])[{_CN}]{{1,2}}、", text))
    head = text[:1500]
    return (markers >= 2 or len(text) >= 1500 or bool(_SPACES.search(text)) or bool(_SALUTATION.search(head))
            or bool(_CONTENTS.search(head)) or bool(_URL.search(head)))


def flat_cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) spans to cut out of a flattened line (empty spans are plain cuts)."""
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _SPACES.finditer(text)]
    for m in _URL.finditer(text):
        cuts += [(m.start(), m.start()), (m.end(), m.end())]
    head = text[:1500]
    if m := _CONTENTS.search(head):
        cuts += [(m.start(), m.start()), (m.end(), m.end())]
        cuts += [(i, i) for i in contents_cuts(text, m.end())]
    if m := _BYLINE_DATE.search(head):
        cuts += [(m.start(), m.start()), (m.end(), m.end())]
    if m := _SALUTATION.search(head):
        before = text[:m.start()]
        if not before.strip() or before.rstrip()[-1] not in "，,、":
            cuts += [(m.start(), m.start()), (m.end(), m.end())]
    cuts += [(i, i) for i in _marker_cuts(text, sorted(end for _, end in cuts))]
    return sorted(set(c for c in cuts if 0 < c[0] < len(text)))


CONTENTS_MAX = 1200  # a table of contents ends within this many characters of its label
ENTRY_MIN = 4  # an entry shorter than this is not told apart from chance repeats


def contents_cuts(text: str, start: int) -> list[int]:
    """Where the entries of a table of contents glued together end: each entry is the longest run
    that the speech repeats later where a heading starts (after a sentence end or a break); the list
    ends at the first run it does not repeat. Spaces are ignored ("第一部分关于……" = "第一部分　关于……")."""
    keep = [i for i, ch in enumerate(text) if ch not in _BLANKS]
    norm = "".join(text[i] for i in keep)
    q = len([i for i in keep if i < start])
    cuts: list[int] = []
    limit = q + CONTENTS_MAX
    while q < min(len(norm), limit):
        length = _longest_repeat(norm, q)
        if length < ENTRY_MIN:
            break
        q += length
        if m := re.match(r"[.．…·—\-_]*\d{1,3}(?!\d)", norm[q:]):  # dot leaders and a page number
            q += m.end()
        cuts.append(keep[q - 1] + 1 if q < len(norm) else len(text))
    return cuts


_BLANKS = " \u3000\u00a0\t"


def _longest_repeat(norm: str, p: int) -> int:
    """Length of the longest norm[p:p+n] (n <= HEADING_MAX) found again after p+n where a heading
    starts: after a sentence end, a closing quote or the start of the text."""
    best = 0
    n = ENTRY_MIN
    while n <= HEADING_MAX and p + n <= len(norm):
        piece = norm[p:p + n]
        k = norm.find(piece, p + n)
        if k < 0:
            break
        while k >= 0 and not (k == 0 or norm[k - 1] in "。！？!?；;：:”’）)】〗]【〖["):
            k = norm.find(piece, k + 1)
        if k >= 0:
            best = n
        n += 1
    return best


def _marker_cuts(text: str, bounds: list[int]) -> list[int]:
    """Offsets of numbered markers that start a heading: after a sentence end, or right after a
    heading-sized piece that starts at a cut already made (a contents entry), and continuing
    their family's sequence (一、 after 一、 only when the count restarts)."""
    import bisect

    out: list[int] = []
    for family, rx in _MARKERS:
        expected = 1
        last_cut = 0
        for m in rx.finditer(text):
            n = _number(m.group(1))
            if n not in (expected, 1):
                continue
            pos = m.start()
            before = text[:pos].rstrip(" \u3000\u00a0\t")
            prev = before[-1:] if before else ""
            k = bisect.bisect_right(bounds, pos) - 1
            since = text[max(last_cut, bounds[k] if k >= 0 else 0):pos]
            after_stop = not prev or prev in _SENTENCE_END
            glued = (bool(re.match(f"[{_HAN}”》]", prev)) and len(since.strip()) <= HEADING_MAX
                     and not re.search(r"[。！？!?；;]", since) and (k >= 0 or last_cut > 0))
            if family == "一、" and n == 1 and expected > 1 and not after_stop:
                continue  # a restart must follow a sentence end ("……。一、")
            if not (after_stop or (glued and n == expected)):
                continue
            if family in ("第一，",) and not after_stop:
                continue
            out.append(pos)
            last_cut = pos
            expected = n + 1
    return out


def _last_stop(text: str) -> int:
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "。！？!?；;":
            return i + 1
    return 0


def split_flattened(lines: list[TextLine]) -> list[TextLine]:
    """Cut each flattened line back into lines (runs of spaces go; everything else is kept)."""
    if not any(len(tl.text) >= FLAT_MIN for tl in lines):
        return lines
    out: list[TextLine] = []
    for tl in lines:
        if not _is_flat(tl.text):
            out.append(tl)
            continue
        pos = 0
        for start, end in flat_cuts(tl.text):
            if start < pos:
                continue
            piece = tl.slice(pos, start)
            if piece.text.strip():
                out.append(piece)
            pos = end
        rest = tl.slice(pos)
        if rest.text.strip():
            out.append(rest)
    return out


# --------------------------------------------------------------------------- the site's headline

_SEO = re.compile(r"^(?P<title>[^_｜|]{4,80}?)\s*(?:[_｜|]|\s[-–—]\s)\s*(?P<site>[^。！？]{0,40}?"
                  r"(?:文库|文档|下载|范文|网|道客巴巴|豆丁|原创力|在线阅读|免费|写作|大全|资料|docx?|pdf)[^。！？]{0,20}?)"
                  r"(?P<rest>.*)$")


def drop_seo_headline(lines: list[TextLine]) -> list[TextLine]:
    """Drop a sharing site's URL and headline ("<title>_文库下载_范文网") before the real title; when
    the real title is glued to it, keep the title; when there is no other copy, keep its title part."""
    lines = [tl for k, tl in enumerate(lines) if k >= 6 or not _URL.fullmatch(tl.text.strip())]
    for i, tl in enumerate(lines[:4]):
        m = _SEO.match(tl.text.strip())
        if not m:
            continue
        title = m.group("title").strip()
        rest = m.group("rest")
        offset = len(tl.text) - len(tl.text.lstrip())
        if rest and title[:6] and title[:6] in rest:  # "<title>_site<title>…": the second copy is real
            k = tl.text.index(title[:6], offset + m.start("rest"))
            return lines[:i] + [tl.slice(k)] + lines[i + 1:]
        later = " ".join(t.text for t in lines[i + 1:i + 40])  # a contents list may come between
        if title[:6] in later:
            return lines[:i] + lines[i + 1:]
        return lines[:i] + [tl.slice(offset + m.start("title"), offset + m.end("title"))] + lines[i + 1:]
    return lines


# --------------------------------------------------------------------------- table of contents

def _key(text: str) -> str:
    return re.sub(rf"[^{_HAN}A-Za-z0-9]", "", text)


def drop_contents(lines: list[TextLine]) -> list[TextLine]:
    """Drop a table of contents (the headings listed once before the speech) and cut each heading
    it names off the body glued to it later ("一、提高政治站位……责任感党的基层组织是……")."""
    start = _contents_start(lines)
    if start is None:
        return lines
    label = bool(_CONTENTS.fullmatch(re.sub(r"[\s　]", "", lines[start].text)))
    k = start + 1 if label else start
    entries: list[str] = []
    while k < len(lines) and _entry_like(lines[k].text) and _repeated_later(lines[k].text, lines[k + 1:]):
        entries.append(lines[k].text.strip())
        k += 1
    if len(entries) < 2 and not (label and entries):
        return lines
    body = lines[:start] + lines[k:]
    return _cut_after_headings(body, entries)


def _contents_start(lines: list[TextLine]) -> int | None:
    for i, tl in enumerate(lines[:40]):
        if _CONTENTS.fullmatch(re.sub(r"[\s　:：]", "", tl.text)):
            return i
    # no label: two or more numbered entries in a row near the top, each repeated later
    from drafter.corpus.parse.markers import match_marker

    for i, tl in enumerate(lines[:30]):
        m = match_marker(tl.text)
        if m and m.number == 1 and _entry_like(tl.text) and i + 1 < len(lines):
            n = match_marker(lines[i + 1].text)
            if n and n.family == m.family and n.number == 2 and _entry_like(lines[i + 1].text) \
                    and _repeated_later(tl.text, lines[i + 2:]) and _repeated_later(lines[i + 1].text, lines[i + 2:]):
                return i
    return None


def _entry_like(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= HEADING_MAX and not re.search(r"[。！？!?]", t[:-1]) and t[-1:] not in "，,、"


def _entry_text(text: str) -> str:
    """A contents entry without blanks, dot leaders and page number."""
    return re.sub(r"[.．…·—\-_]*\d{1,3}$", "", re.sub(f"[{_BLANKS}]", "", text.strip()))


_BOUNDARY = "。！？!?；;：:”’）)】〗]【〖["


def _heading_spots(norm: str, entry: str) -> list[int]:
    """Offsets in `norm` where `entry` starts a heading: at the start or after a sentence end."""
    out, k = [], norm.find(entry)
    while k >= 0:
        if k == 0 or norm[k - 1] in _BOUNDARY:
            out.append(k)
        k = norm.find(entry, k + 1)
    return out


def _repeated_later(text: str, rest: list[TextLine]) -> bool:
    entry = _entry_text(text)
    if len(entry) < 2:
        return False
    return any(_heading_spots(re.sub(f"[{_BLANKS}]", "", tl.text), entry) for tl in rest) or (
        len(entry) >= 6 and bool(_heading_spots("。".join(re.sub(f"[{_BLANKS}]", "", tl.text) for tl in rest), entry)))


def _cut_after_headings(lines: list[TextLine], entries: list[str]) -> list[TextLine]:
    """Cut each line where a contents entry starts a heading and where it ends (its body follows)."""
    texts = [e for e in (_entry_text(e) for e in entries) if len(e) >= 2]
    out: list[TextLine] = []
    for tl in lines:
        keep = [i for i, ch in enumerate(tl.text) if ch not in _BLANKS]
        norm = "".join(tl.text[i] for i in keep)
        cuts: set[int] = set()
        for entry in texts:
            for k in _heading_spots(norm, entry):
                end = k + len(entry)
                while end < len(norm) and norm[end] in "？！?!":
                    end += 1  # a question heading keeps its mark
                cuts.add(keep[k])
                while end < len(norm) and norm[end] in "。；;：:，,":
                    end += 1
                if end < len(norm):
                    cuts.add(keep[end])
        pos = 0
        for c in sorted(c for c in cuts if 0 < c < len(tl.text)):
            out.append(tl.slice(pos, c))
            pos = c
        out.append(tl.slice(pos) if pos else tl)
    return out
