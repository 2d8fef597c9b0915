"""Flattened copies: text from document-sharing sites and PDF viewers that lost its line breaks.

Such copies arrive as one long line, or with paragraphs parted only by runs of
spaces; headings run into the text that follows without punctuation; page
furniture ("第 2 页 共 9 页") sits inside sentences; a URL and the site's SEO
line ("<title>_文库下载_范文网") come before the real title, and a table of
contents lists the headings once before the speech. Each kind of damage has
one function here, run by `drafter.corpus.clean.clean_lines` (the pipeline order):

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

from drafter.corpus.lines import TextLine, triggered_by

_HAN = "\u4e00-\u9fff"
_CN = "一二三四五六七八九十"
_SPACES = re.compile(r"[ \u00a0\t]{2,}|\u3000{2,}|[ \u00a0\t]*\u3000[ \u00a0\t\u3000]+")

# --------------------------------------------------------------------------- page furniture inside text

_INLINE_PAGE = re.compile(
    r"[ \u3000]*(?:第\s*\d{1,4}\s*页\s*[/／,，、]?\s*共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|(?<=[" + _HAN + r"，。；、”])\s+[-—－–]\s*\d{1,3}\s*[-—－–]\s+(?=[" + _HAN + r"“]))[ \u3000]*")


_PAGE_OF = re.compile(rf"(?<=[{_HAN}，。；、”])\s*(\d{{1,3}})\s*[/／]\s*(\d{{1,3}})\s*(?=[{_HAN}“])")


def drop_page_counters(lines: list[TextLine]) -> list[TextLine]:
    """Remove "3/9" page counters a viewer left inside sentences: two or more with the same total
    and rising page numbers (a fraction in the text does not repeat its denominator like that)."""
    hits = [(i, m) for i, tl in enumerate(lines) if "/" in tl.text or "／" in tl.text
            for m in _PAGE_OF.finditer(tl.text)]
    totals: dict[str, list[int]] = {}
    for _, m in hits:
        totals.setdefault(m.group(2), []).append(int(m.group(1)))
    good = {t for t, pages in totals.items() if len(pages) >= 2 and pages == sorted(pages)
            and all(p <= int(t) for p in pages)}
    if not good:
        return lines
    out = list(lines)
    for i, m in reversed(hits):
        if m.group(2) in good:
            tl = out[i]
            from drafter.corpus.split import cut

            out[i] = cut(tl, m.start(), m.end())
    return out


@triggered_by(r"页\-—－–")
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
    ("第一部分", re.compile(rf"第([{_CN}]{{1,3}})部分")),
    ("一、", re.compile(rf"(?<![第{_CN}、])([{_CN}]{{1,3}})(?:、|[.．](?![\d.．]))(?![{_CN}]、)")),
    ("第一，", re.compile(rf"第([{_CN}]{{1,3}})(?:个方面|方面|点|句话|条|个问题|层意思)?[，,：:](?=[{_HAN}“])")),
    ("（一）", re.compile(rf"[（(]([{_CN}]{{1,3}})[）)]")),
    ("1.", re.compile(r"(?<![\d.．])(\d{1,2})[.．、](?![\d%])")),  # only glued to a heading (never after a stop)
    ("一是", re.compile(rf"([{_CN}]{{1,2}})(?:是|要)(?![的否求])")),  # only after a sentence end
]
# Headings a web copy set off in brackets for the lost bold: "。【压实责任　守牢底线】……"
_BRACKETED = re.compile(r"(?<=[。！？!?])\s*(【[^【】。！？]{2,30}】|〖[^〖〗。！？]{2,30}〗)")
_SENTENCE_END = "。！？!?；;：:”’」』）)"


def _number(token: str) -> int:
    from drafter.numerals import from_chinese

    return from_chinese(token) or 0


_FLAT_MARKER = re.compile(rf"(?:^|[。！？；：”{_HAN}\s])[{_CN}]{{1,2}}、")
# Characters or words _SPACES and _SALUTATION cannot match without (found by a fast scan).
_SPACE_HINT = re.compile("[ \u00a0\t\u3000]")
_SALUTATION_HINT = re.compile("同志们|同事们|同学们|朋友们|各位")


def _is_flat(text: str) -> bool:
    if len(text) < FLAT_MIN or re.match(r"\d{1,3}、", text):
        return False  # short, or a numbered chunk of a sharing site (rejoined by `rejoin_chunks`)
    if len(text) >= 1500:
        return True
    # (cheapest tests first; the text is shorter than 1500 characters, so it is its own head)
    return bool((_SPACE_HINT.search(text) and _SPACES.search(text)) or _CONTENTS.search(text) or _URL.search(text)
                or (_SALUTATION_HINT.search(text) and _SALUTATION.search(text))
                or (text.count("、") >= 2 and _two_markers(text)))


def _two_markers(text: str) -> bool:
    """Two or more 一、-style markers in the text."""
    found = _FLAT_MARKER.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


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
    cuts += [(i, i) for i in _head_cuts(head)]
    bracketed = list(_BRACKETED.finditer(text))
    if len(bracketed) >= 2:  # a series of them: headings, not a bracketed word
        cuts += [c for m in bracketed for c in ((m.start(1), m.start(1)), (m.end(1), m.end(1)))]
    cuts += [(i, i) for i in _marker_cuts(text, sorted(end for _, end in cuts))]
    return sorted(set(c for c in cuts if 0 < c[0] < len(text)))


# The end of a speech's title ("……上的讲话"), a subtitle's dash, an epigraph, a bare date line.
_TITLE_END = re.compile(r"(?:讲话|讲稿|发言|致辞|党课|主持词|报告)(?:提纲|稿)?(?![稿，。、：:_｜|\-—精要])")
_EPIGRAPH = re.compile(r"[“「『][^“”「」『』]{2,60}[”」』]\s*(?:——|—|－－)\s*《[^》]{1,20}》")
_BARE_DATE = re.compile(r"(?<![（(\d])\d{4}年\d{1,2}月\d{1,2}日(?![）)])")


def _head_cuts(head: str) -> list[int]:
    """Cuts in the first lines of a flattened copy: after the title, around a subtitle, an epigraph
    and a bare date, before the byline that follows."""
    cuts: list[int] = []
    start = _SALUTATION.search(head)
    limit = min(start.start() if start else 300, 300)
    for m in _TITLE_END.finditer(head[:limit]):
        if re.search(r"[。！？!?]", head[:m.start()]):
            break  # past the title: a sentence of the opening
        cuts.append(m.end())
    if m := re.search(r"——|－－", head[:limit]):
        cuts.append(m.start())
    if m := _EPIGRAPH.search(head[:limit]):
        cuts += [m.start(), m.end()]
    if m := _BARE_DATE.search(head[:limit]):
        cuts += [m.start(), m.end()]
    return cuts


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
        length = _before_byline(norm, q, length)
        q += length
        if m := re.match(r"[.．…·—\-_]*\d{1,3}(?!\d)", norm[q:]):  # dot leaders and a page number
            q += m.end()
        cuts.append(keep[q - 1] + 1 if q < len(norm) else len(text))
    return cuts


_BLANKS = " \u3000\u00a0\t"
# What follows the last contents entry when the list ends: a byline (office, name), a date, a salutation.
_AFTER_CONTENTS = re.compile(rf"^(?:[{_HAN}、]{{0,6}}?(?:书记|部长|主任|县长|市长|区长|镇长|乡长|局长|主席|常委|委员|校长)"
                             r"|[（(]?\d{4}年|同志们|各位)")


def _before_byline(norm: str, q: int, length: int) -> int:
    """The last entry may run on into the byline when the speech repeats the same words after the
    heading ("……落到实处" + "镇党委书记" vs "……落到实处" + "镇党委将……"): end it before the byline."""
    if _HEAD_END.search(norm[q:q + length]) or not _AFTER_CONTENTS.match(norm[q + length:]) and not any(
            _AFTER_CONTENTS.match(norm[q + n:]) for n in range(max(ENTRY_MIN, length - 12), length)):
        return length
    for n in range(length - 1, max(ENTRY_MIN, length - 12) - 1, -1):
        if _AFTER_CONTENTS.match(norm[q + n:]) and _HEAD_END.search(norm[q:q + n]):
            return n
    return length


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
    bounds = list(bounds)
    for family, rx in _MARKERS:
        for c in out:
            bisect.insort(bounds, c)  # a higher level's cuts bound the pieces of the next one
        expected = 1
        last_cut = 0
        for m in rx.finditer(text):
            n = int(m.group(1)) if m.group(1).isdigit() else _number(m.group(1))
            if n not in (expected, 1, expected + 1, expected - 1):
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
            if n not in (expected, 1) and not (after_stop and family not in ("1.", "一是") and n > 1):
                continue  # a slip in the numbering (二、 twice, 三、 missing) only after a sentence end
            restart = n == 1 and family in ("（一）", "1.")  # sub-points restart under each heading
            if not ((after_stop and family != "1.") or (glued and (n == expected or restart))):
                continue
            if family in ("第一，", "一是") and not after_stop:
                continue
            if family == "一是" and prev not in "。！？!?" and not (n == 1 and prev in "：:" and _announces(before)):
                continue  # "；二是" and "：一是" enumerate inside a paragraph, unless the points are announced
            out.append(pos)
            last_cut = pos
            expected = n + 1
    return out


def _announces(before: str) -> bool:
    """The sentence before ends by announcing the points ("下面，我讲三点意见：")."""
    from drafter.corpus.parse.transition import announced_count

    return announced_count(before[_last_stop(before[:-1]):])[0]


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


_SITE_NAME = re.compile(r"^[^。！？，,：:]{1,16}(?:网|文库|文档|范文|大全|资料库|写作网|站|平台)$")
_SEO_TAG = re.compile(r"\s*[（(【\[](?:全文|完整版|word版|Word版|精选|范文|最新|通用|可编辑|下载|推荐|优秀)[^）)】\]]{0,8}[）)】\]]$")


def drop_seo_headline(lines: list[TextLine]) -> list[TextLine]:
    """Drop a sharing site's URL, name and headline ("<title>_文库下载_范文网") before the real title;
    when the real title is glued to it, keep the title; when there is no other copy, keep its title
    part; a tag after the title ("（完整版）") goes too."""
    lines = [tl for k, tl in enumerate(lines) if k >= 6 or not _URL.fullmatch(tl.text.strip())]
    texts = [tl.text.strip() for tl in lines[:3]]
    if len(texts) >= 2 and _SITE_NAME.match(texts[0]) and not _SITE_NAME.match(texts[1]):
        lines = lines[1:]
    if lines and (m := _SEO_TAG.search(lines[0].text)) and m.start() >= 6:
        lines = [lines[0].slice(0, m.start())] + lines[1:]
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
        if "目" in tl.text and _CONTENTS.fullmatch(re.sub(r"[\s　:：]", "", tl.text)):  # (every label has 目)
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


# --------------------------------------------------------------------------- headings glued to their body

# Words a heading of the genre ends on (aims, results, stances): the heading is a noun phrase.
_HEAD_END = re.compile(
    r"(?:意义|重要性|必要性|紧迫性|紧迫感|责任感|使命感|荣誉感|获得感|站位|导向|过硬|队伍|人才|能力|本领|质量|实效|成效|"
    r"实处|任务|要求|位置|融合|走实|走深|方向|根基|底线|振兴|用力|形势|问题|这根弦|责任|问责|水平|保障|基础|作用|格局|"
    r"氛围|合力|环境|效能|机制|体系|优势|活力|动力|局面|篇章|台阶|贡献|防线|堡垒|落实|领导|内涵|使命|铁军|根本|关键|"
    r"重点|目标|思路|举措|措施|成绩|经验|不足|差距|短板|情况|打算|建设|发展|治理|服务|作风|纪律|规矩|底色|初心|理念|"
    r"认识|思想|信念|担当|定力|主线|主题|抓手|载体|品牌|示范|标杆|表率|先锋|旗帜|高地|新篇|新局|新貌|新功|强市|强县|"
    r"强区|强镇|强省|见效|落地|生根|到位|有力|有效|有序|有为|长效|常态|规范|配强|建强|建好|管好|用好|抓实|做实|做细|做优)$")
# How the first sentence of a body opens: a definition ("组织部门是……"), an instruction ("要……",
# "各级党组织要……"), a time ("过去一年"), a turn ("在……的同时"), a saying.
_BODY_START = re.compile(
    r"^(?:要|必须|各级|各(?:地|单位|部门|乡镇|县区|县|区|镇|街道|村)|按照|根据|围绕|坚持|今年|去年|明年|当前|目前|近年来|"
    r"过去一年|一年来|这次|这些年|从这次|从|在|习近平|党的|我们|我县|我市|我区|我镇|全县|全市|全区|全镇|一是|首先|"
    r"实践证明|事实证明|打铁|守住|只有|如果|没有|抓|做好|搞好|加强|推进|实践|历史|同志们)"
    r"|^[\u4e00-\u9fff（）()]{2,9}?(?:是|就是|事关|关系到|在于|来自|贵在|重在|关键在|必先)"
    r"|^[\u4e00-\u9fff]{2,6}?(?:将|必须|应当|一定要)"
    r"|^[\u4e00-\u9fff]{2,8}[，,](?:贵在|重在|关键在|关键是|核心是|根本在|就是)")
# A heading does not end on the subject of the sentence that follows ("……各级党组织" + "要……").
_SUBJECT_TAIL = re.compile(r"各(?:级|地|单位|部门|乡镇|县区|县|区|镇|街道|村)[\u4e00-\u9fff]{0,4}$|(?:党委|党组|政府|同志)$")
HEAD_MIN, HEAD_MAX_GLUED = 6, 40


def _flattened(lines: list[TextLine]) -> set[int]:
    """Source lines that held several cleaned lines: what `split_flattened` cut."""
    from collections import Counter

    counts = Counter(tl.line for tl in lines)
    return {line for line, n in counts.items() if n >= 4}


def cut_glued_headings(lines: list[TextLine]) -> list[TextLine]:
    """In a flattened copy, cut a numbered heading off the body glued to it without punctuation
    ("一、提高政治站位，切实增强……的责任感党的基层组织是……"): at a word boundary where the
    heading's last word is one headings end on and the rest opens a sentence the way bodies do."""
    flat = _flattened(lines)
    if not flat:
        return lines
    from drafter.corpus.parse.markers import match_marker

    out: list[TextLine] = []
    for tl in lines:
        m = match_marker(tl.text) if tl.line in flat else None
        if m is None or m.family not in ("一、", "（一）", "第一部分", "第一，"):
            out.append(tl)
            continue
        cut = glued_heading_end(tl.text[m.end:])
        if cut is None:
            out.append(tl)
            continue
        out += [tl.slice(0, m.end + cut), tl.slice(m.end + cut)]
    return out


def glued_heading_end(rest: str) -> int | None:
    """Where a heading glued to its body ends in `rest` (the text after the marker), or None."""
    stop = re.search(r"[。！？!?；;：:]", rest)
    if stop is None:
        return None  # no sentence after it: the line is the heading alone
    first = rest[:stop.start()]
    if len(first) <= 24:
        return None  # a short first sentence is the heading itself (a run-in heading)
    if re.search(r"[ \u3000\u00a0]", first[:HEAD_MAX_GLUED]):
        return None  # a space parts them: the parser's run-in split reads it
    clauses = [c for c in re.split(r"[，,]", first)]
    # the cut lies in the first clause (a plain heading) or the second (a couplet "提高站位，……")
    lo = len(clauses[0]) + 1 if len(clauses) > 1 and 2 <= len(clauses[0]) <= 16 else 0
    hi = min(len(first), lo + len(clauses[1])) if lo else len(clauses[0])
    from drafter.corpus.parse.headings import _TOPIC_OPENER
    from drafter.segment import tagged_words

    region = first[:hi]
    bounds: dict[int, str] = {}  # word end -> the word's part of speech
    pos = 0
    for w, flag in tagged_words(region):
        pos += len(w)
        bounds[pos] = flag
    best, best_score = None, 0.0
    for i in sorted(bounds):
        if not (HEAD_MIN <= i <= min(HEAD_MAX_GLUED, hi - 2)) or (lo and lo - 1 <= i < lo + 4):
            continue
        if not re.match(f"[{_HAN}”’）》」]", first[i - 1]) or not re.match(f"[{_HAN}“「（]", first[i]):
            continue
        head, body = first[:i], rest[i:]
        score = 0.0
        if _HEAD_END.search(head):
            score += 2
        elif bounds[i][:1] == "n" or bounds[i] in ("vn", "an", "l", "i"):
            score += 1  # a noun or an idiom ends it, as a heading's aim or object does
        if _SUBJECT_TAIL.search(head):
            score -= 2
        opens = bool(_BODY_START.search(body))
        if opens:
            score += 2
        if _TOPIC_OPENER.match(body):
            score += 1  # "做好……工作，关键在……": a topic sentence opens the body
        if lo and i > lo:
            c1, c2 = len(clauses[0]), i - lo
            if c1 - 2 <= c2 <= 3 * c1 + 6:
                score += 1
        if not opens and score < 4:
            continue
        if score > best_score or (score == best_score and score >= 4):
            best, best_score = i, score  # on a tie the later cut: a heading's object runs to its last noun
    return best if best_score >= 3 else None
