"""Cleaning real-world speech files: remove web chrome, undo site damage.

Speeches reach curators as pages copied from news sites, forums and
document-sharing sites. Each kind of damage has its own small pure function
here, so each can be tested on the seed that shows it and reused on unseen
files of the genre:

* text steps (str -> str): `drop_control`, `drop_invisible`, `normalise_lookalikes`, `remove_pinyin`,
  `undo_censor_hyphens`, `to_simplified`, `drop_thread_label`, `drop_trailing_metadata`,
  `drop_bullet`, `normalise_punctuation`;
* line steps (list -> list): `drop_page_breaks`, `strip_chrome`, `drop_column_tag`,
  `drop_repeated_headline`, `drop_page_numbers`, `join_page_splits`, `unwrap_lines`,
  `drop_blank`, `rejoin_chunks`;
* `find_anomalies` reports what cleaning cannot repair (garbled text, cut-off
  sentences) instead of guessing: cleaning never invents text.

`clean_lines` composes them in the order that matters (pinyin first, so that
the other patterns see plain characters; rejoining last, so that every text
step works on single source lines and provenance stays exact).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable

from drafter.corpus.flat import (cut_glued_headings, drop_contents, drop_inline_furniture, drop_page_counters,
                                 drop_seo_headline, split_flattened)
from drafter.corpus.lines import TextLine
from drafter.model import Anomaly

# --------------------------------------------------------------------------- character classes

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation of Chinese text (curly quotes count: they sit in Chinese text).
FW_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = "a-zü" + _TONED
_SPACE = " \t\u3000\u00a0"
# A sentence or a clause can end here; anything else at the end of a chunk means it was cut.
TERMINAL = "。！？；：…”’）》」』!?;:"
# A paragraph can end here: a full stop, possibly inside closing quotes or brackets.
_PARAGRAPH_END = re.compile("[。！？!?…][”’」』）)]*$")

_RE_CJK = re.compile(f"[{CJK}]")


def is_chinese(ch: str) -> bool:
    """A CJK character or full-width punctuation: the context in which ASCII punctuation is wrong."""
    return bool(ch) and (bool(_RE_CJK.match(ch)) or ch in FW_PUNCT)


def _is_chinese_char(ch: str) -> bool:
    """`is_chinese` for one character or "", by code point ranges (CJK above), without a regex call."""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
            or (ch != "" and ch in FW_PUNCT))


# --------------------------------------------------------------------------- text steps

# 創(chuàng): a syllable with a tone mark in brackets right after a character
# (the lookahead asks for the tone mark; it cannot run past the closing bracket).
_PINYIN_NOTE = re.compile(f"(?<=[{CJK}])[(（](?=[{_PINYIN}]{{0,6}}[{_TONED}])[{_PINYIN}]{{1,7}}[)）]")


def remove_pinyin(text: str) -> str:
    """Drop pinyin annotations after characters: 創(chuàng)先 -> 創先.

    Only bracketed syllables carrying a tone mark are taken, so ordinary
    Latin text in brackets, e.g. "(WTO)", stays.
    """
    if "(" not in text and "（" not in text:
        return text
    return _PINYIN_NOTE.sub("", text)


_CENSOR_HYPHEN = re.compile(f"(?<=[{CJK}])[-\u2010\u2011](?=[{CJK}])")


def undo_censor_hyphens(text: str) -> str:
    """Remove hyphens that sites put inside sensitive words: 共-产-党员 -> 共产党员.

    Only a single hyphen between two CJK characters is removed; dates
    (2017-04-27), numbers and dashes (——) never have CJK on both sides.
    """
    if "-" not in text and "\u2010" not in text and "\u2011" not in text:
        return text
    return _CENSOR_HYPHEN.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only corpus cleaning needs it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified script (OpenCC t2s); simplified text passes unchanged."""
    if text.isascii():
        return text
    return _t2s().convert(text)


# Look-alike marks from vertical, small-form and half-width code blocks (Big5/Japanese fonts, OCR),
# and full-width ASCII: GB/T 9704 prints Arabic numerals and Latin letters half-width.
_LOOKALIKES = {
    "\uff64": "、", "\ufe51": "、", "\ufe11": "、", "\uff61": "。", "\ufe12": "。",
    "\ufe50": "，", "\ufe10": "，", "\ufe54": "；", "\ufe14": "；", "\ufe55": "：", "\ufe13": "：",
    "\ufe30": "：", "\ufe56": "？", "\ufe16": "？", "\ufe57": "！", "\ufe15": "！",
    "\ufe59": "（", "\ufe5a": "）", "\ufe35": "（", "\ufe36": "）", "\ufe5d": "〔", "\ufe5e": "〕",
    "\uff62": "「", "\uff63": "」",
}
_LOOKALIKES.update({chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                       *range(0xFF41, 0xFF5B))})
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_RE_LOOKALIKE = re.compile("[" + "".join(_LOOKALIKES) + "]")


def normalise_lookalikes(text: str) -> str:
    """Look-alike marks -> the standard full-width ones (一､ -> 一、, ﹐ -> ，, ︰ -> ：) and
    full-width digits and letters -> half-width (２０２６年 -> 2026年, ＡＩ -> AI)."""
    if not _RE_LOOKALIKE.search(text):
        return text
    return text.translate(_LOOKALIKE_TABLE)


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")


def drop_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens, which web editors leave inside words
    (融入\u200b企业 -> 融入企业). Visible spaces stay: a no-break or ideographic space between
    two characters is how a page that lost its bold separates a run-in heading from its body."""
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


# Terminal escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL/ST", two-byte ESC x) and
# other control characters (C0 but tab, C1, DEL): never text, and dangerous on a terminal.
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def drop_control(text: str) -> str:
    """Remove terminal escape sequences and control characters (a corpus copied from a
    terminal, or planted ones that would recolour or hide text when printed)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _ESCAPE_SEQ.sub("", text))


def control_notes(lines: list[TextLine]) -> list[Anomaly]:
    """Report the lines where `drop_control` removes something (cleaning says what it dropped)."""
    notes = []
    for tl in lines:
        m = _CONTROL.search(tl.text)
        if m:
            n = len(_CONTROL.findall(tl.text))
            notes.append(Anomaly("control", f"removed {n} control character(s) or terminal escape code(s), "
                                            f"first {m.group(0)!r}", tl.line))
    return notes


_BULLET = re.compile(f"^[{_SPACE}]*[?？•·●○■□◆◇▪▶►\\-–][{_SPACE}]+(?=[{CJK}“《（(【])")


def drop_bullet(text: str) -> str:
    """Drop a stray bullet at the start of a line ("? 抓人才强支撑" -> "抓人才强支撑")."""
    return _BULLET.sub("", text)


_TRAILING_META = re.compile(
    f"[{_SPACE}]*[（(][{_SPACE}]*(?:责任编辑|编辑|来源|稿源|审核|校对|供稿)[{_SPACE}]*[:：][^（）()]{{0,30}}[）)][{_SPACE}]*$"
)


# An editor's note in brackets: （根据录音整理）, （此文为作者在……上的讲话，有删节）, （本报记者 孙立 整理）.
# No digits inside, so a byline such as （2026年1月16日，根据录音整理） is never one.
_NOTE_WORDS = ("根据录音整理|据录音整理|录音整理|有删节|有删改|略有删节|略有删改|略有改动|本报记者|本刊记者|"
               "本台记者|特约记者|本报通讯员|此文为|此文系|本文为|本文系|原载于|原文刊载|转载自")
EDITORIAL_NOTE = f"[（(][^（）()\\d]{{0,60}}?(?:{_NOTE_WORDS})[^（）()\\d]{{0,60}}[）)]"
_TRAILING_NOTE = re.compile(f"(?<=[。！？!?…”’])[{_SPACE}]*{EDITORIAL_NOTE}[{_SPACE}]*$")


def drop_trailing_metadata(text: str) -> str:
    """Drop an editor/source note that a site or paper appends to the last paragraph:
    "……。（责任编辑：王五）", "……注入更强动力！（根据录音整理，有删节）". Only after a sentence end."""
    if text.rstrip(_SPACE)[-1:] not in ("）", ")"):
        return text  # both notes end the line with a closing bracket
    return _TRAILING_NOTE.sub("", _TRAILING_META.sub("", text))


# Garbled text: a GBK page decoded wrongly after the pinyin "(" became "?",
# e.g. 變?yōu)閳?jiān)強; also U+FFFD and toned pinyin left without a character.
_MOJIBAKE_CORE = re.compile(f"\\?[{_PINYIN}]{{1,7}}\\)")
_ORPHAN_PINYIN = re.compile(f"(?<![A-Za-z{_TONED}])[a-z]*[{_TONED}][{_PINYIN}]*\\)?")
# GBK bytes shown as Latin-1 ("ÄãºÃ"), and the classic "锟斤拷" of a lost UTF-8 round trip.
_OTHER_GARBLE = re.compile("(?:(?![\u00a7\u00b0\u00b1\u00b7\u00d7\u00f7])[\u00a1-\u00ff]){3,}|(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}")
_REPLACEMENT = re.compile("\ufffd")
# Every garbled span holds one of these ("?", a toned vowel, U+FFFD, Latin-1, 锟/烫/屯):
# a line without any skips the four scans.
_GARBLE_HINT = re.compile(f"[?\ufffd锟烫屯\u00a1-\u00ff{_TONED}]")


def unrepaired_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each garbled span, with one character of context each side.

    Nearby cores merge into one span, so 變?yōu)閳?jiān)強 is reported once.
    """
    if not _GARBLE_HINT.search(text):
        return []  # the usual line: no character any of the patterns below needs
    cores = [m.span() for m in _MOJIBAKE_CORE.finditer(text)]
    cores += [m.span() for m in _ORPHAN_PINYIN.finditer(text) if not _inside(m.start(), cores)]
    if "\ufffd" in text:
        cores += [(m.start(), m.start() + 1) for m in _REPLACEMENT.finditer(text)]
    cores += [m.span() for m in _OTHER_GARBLE.finditer(text)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(cores):
        start, end = max(0, start - 1), min(len(text), end + 1)
        if spans and start <= spans[-1][1] + 3:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _inside(i: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character before (step=-1) or after (step=1) index i."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACE:
        j += step
    return text[j] if 0 <= j < len(text) else ""


_FULL = {",": "\uff0c", ";": "\uff1b", ":": "\uff1a", "?": "\uff1f", "!": "\uff01", "(": "\uff08", ")": "\uff09"}
_DASHES = re.compile(f"(?<![-\\w])-{{2,}}(?=[{_SPACE}]*(?:[{CJK}]|[{FW_PUNCT}]))")
_FW_NO_SPACE = re.compile(
    f"(?<=[{FW_PUNCT}])[{_SPACE}]+(?=[{CJK}{FW_PUNCT}])|(?<=[{CJK}{FW_PUNCT}])[{_SPACE}]+(?=[{FW_PUNCT}])"
)


def normalise_punctuation(text: str) -> str:
    """ASCII punctuation in Chinese text -> full-width (, : ; ? ! ( ) and -- -> ——).

    A mark is converted when the text next to it is Chinese; "20:55", "1:1",
    "1,000", "4+2", decimals and Latin text keep theirs. Brackets convert in
    pairs when they hold or adjoin Chinese. Garbled spans stay untouched (their
    "?" is damage, not a question). Spaces next to full-width marks go.

    Runs on every line of a corpus, so it only visits the ASCII marks it may
    change, and each substitution runs only when its trigger character occurs.
    """
    if _MARKS.search(text):
        text = _convert_marks(text)
    if "..." in text:
        text = _ELLIPSIS.sub("\u2026\u2026", text)
    if "." in text:
        text = _CJK_PERIOD.sub("\u3002", text)
    if "--" in text:
        text = _DASHES.sub("\u2014\u2014", text)
    if _ANY_SPACE.search(text):
        text = _FW_NO_SPACE.sub("", text)
    return text


# The ASCII marks whose conversion depends on their neighbours.
_MARKS = re.compile('[,;:?!()"]')
_ANY_SPACE = re.compile(f"[{_SPACE}]")


def _convert_marks(text: str) -> str:
    """, ; : ? ! ( ) and straight double quotes -> full-width where Chinese surrounds them."""
    protected = unrepaired_spans(text)
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)
             if not (protected and _inside(m.start(), protected))]
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in marks:
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    paired = set(pairs) | set(pairs.values())
    chars: list[str] | None = None
    n = len(text)
    for i, ch in marks:
        if ch == '"' or i in paired:
            continue
        j = i - 1  # _neighbour(text, i, -1) and (text, i, 1), inlined: this loop sees every mark
        while j >= 0 and text[j] in _SPACE:
            j -= 1
        before = text[j] if j >= 0 else ""
        k = i + 1
        while k < n and text[k] in _SPACE:
            k += 1
        after = text[k] if k < n else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            continue  # 20:55, 1:1, 1,000
        if _is_chinese_char(before) or _is_chinese_char(after):
            if chars is None:
                chars = list(text)
            chars[i] = _FULL[ch]
    for a, b in pairs.items():
        inner = text[a + 1:b]
        if _RE_CJK.search(inner) or is_chinese(_neighbour(text, a, -1)) or is_chinese(_neighbour(text, b, 1)):
            if chars is None:
                chars = list(text)
            chars[a], chars[b] = _FULL["("], _FULL[")"]
    out = text if chars is None else "".join(chars)
    return _curly_quotes(out, protected)


_ELLIPSIS = re.compile(f"(?:(?<=[{CJK}{FW_PUNCT}])\\.{{3,}}|\\.{{3,}}(?=[{CJK}{FW_PUNCT}]))")
_CJK_PERIOD = re.compile(f"(?<=[{CJK}])\\.(?=[{CJK}“])")


_STRAIGHT_QUOTE = re.compile('"')


def _curly_quotes(text: str, protected: list[tuple[int, int]]) -> str:
    """Straight double quotes around Chinese -> “ ”, when they pair up on the line."""
    if '"' not in text:
        return text
    marks = [m.start() for m in _STRAIGHT_QUOTE.finditer(text) if not _inside(m.start(), protected)]
    if not marks or len(marks) % 2:
        return text
    pairs = list(zip(marks[::2], marks[1::2]))
    if not all(_RE_CJK.search(text[a + 1:b]) for a, b in pairs):
        return text
    chars = list(text)
    for a, b in pairs:
        chars[a], chars[b] = "\u201c", "\u201d"
    return "".join(chars)


# --------------------------------------------------------------------------- line helpers

def map_text(lines: list[TextLine], step: Callable[[str], str]) -> list[TextLine]:
    """Apply a text step to single source lines (steps run before any joining)."""
    out = []
    for tl in lines:
        if tl.joins:
            raise ValueError("text steps run before chunks are joined")
        out.append(TextLine(step(tl.text), tl.line))
    return out


def strip_line(tl: TextLine) -> TextLine:
    """The line without surrounding spaces (ideographic and no-break spaces too)."""
    text = tl.text
    start = len(text) - len(text.lstrip(_SPACE + "\ufeff"))
    end = len(text.rstrip(_SPACE + "\ufeff"))
    return tl.slice(start, max(start, end))


def drop_blank(lines: list[TextLine]) -> list[TextLine]:
    """Trim every line and drop the empty ones."""
    return [t for t in (strip_line(tl) for tl in lines) if t.text]


# --------------------------------------------------------------------------- web chrome

_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_META_KEYS = (
    "时间|日期|发布时间|发布日期|发表时间|更新时间|来源|稿源|信息来源|文章来源|责任编辑|编辑|作者|"
    "导语|摘要|浏览|浏览次数|阅读|阅读量|阅读数|点击|点击数|点击量|字号|关键词|标签|发布者|发布人|"
    "审核|校对|监制|终审|初审|复审|本文来源|本文链接|本文地址|原文链接|文章标签|"
    "查看|回复|个性签名|签名档"
)
# A page number or page count on its own line: "3", "- 3 -", "— 3 —", "第 3 页 共 5 页".
PAGE_NUMBER_LINE = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页$|^共\s*\d+\s*页$")
_CHROME = [
    # breadcrumbs: 当前位置: 松溪新闻网 > 正文
    re.compile(r"^(?:当前|您的|你的|您现在的|你现在的|所在)位置\s*[:：]"),
    re.compile(r"^首页\s*[>»＞]"),
    re.compile(r"^.{0,30}(?:\s[>»＞]\s.{0,30}){2,}$"),
    # page metadata: 时间: / 来源: / 责任编辑: / 导语: ...
    re.compile(f"^(?:{_META_KEYS})\\s*[:：].{{0,150}}$"),
    re.compile(f"^(?=.{{0,200}}$).*(?:{_META_KEYS})\\s*[:：].*(?:{_META_KEYS})\\s*[:：]"),
    # a bare timestamp line; a formal 2026年11月23日 byline date is kept
    re.compile(f"^{_DATE}(?:\\s+{_TIME})?$"),
    re.compile(f"^\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}(?:号|日\\s*{_TIME})$"),
    # navigation
    re.compile(r"^(?:上一篇|下一篇|上一页|下一页|上篇|下篇|返回列表|返回首页|返回顶部)(?:\s*[:：]|$)"),
    re.compile(r"^(?:\[更多\]|更多\s*(?:>>|»))"),
    re.compile(r"^(?:扫一扫|扫描二维码|长按识别二维码|长按二维码|关注微信公众号|点击关注|微信扫一扫|预览时标签不可点)"),
    # One anchored scan for the chrome of copies from WeChat public accounts (点击蓝字 关注我们;
    # 原创 <account> 2026-03-15 08:30; END), forums (楼主, 发表于 … | 只看该作者, 本帖最后由 … 编辑)
    # and papers (an editor's note on its own line: （根据录音整理）).
    re.compile(
        r"^(?:(?:点击|戳)[^。，！？]{0,16}关注[^。，！？]{0,8}$|关注我们$|欢迎关注$"
        f"|(?:原创[{_SPACE}]+)?[^。，！？；：]{{0,40}}[{_SPACE}]+{_DATE}[{_SPACE}]+{_TIME}$"
        r"|(?i:[-—_\s]*(?:the\s+)?end[-—_\s]*$)"
        r"|(?:楼主|沙发|板凳|地板)$|发表于\s*\d{4}|[^。，！？]{0,60}只看该作者$|本帖最后由.{0,40}编辑$"
        f"|{EDITORIAL_NOTE}$)"
    ),
    re.compile(r"(?i)^(?:点击)?(?:立即|免费)?下载(?:完整版|全文|文档|本文|此文档|word)"),
    PAGE_NUMBER_LINE,
    # share / collect / download / report buttons
    re.compile(
        r"^(?:[\s|:：()（）\[\]【】/·]*(?:分享到|分享|收藏|下载|举报|相关|赏|打印|关闭窗口|关闭|评论|点赞|"
        r"复制链接|返回顶部|微信|微博|QQ空间|纠错|字号|字体|打印本页|在看|转发|喜欢|写留言|留言|"
        r"回复|引用|TOP|返回列表|发新帖|发帖|回帖|电梯直达|[大中小])[\s|:：()（）\[\]【】/·]*)+$"
    ),
    # document-sharing sites
    re.compile(r"(?i)\.(?:docx?|pdf|pptx?|wps|xlsx?|txt)(?:_第\d+页)?$"),
    re.compile(r"(?:上传人|上传者|文档编号|上传时间|贡献者|文档格式|文件大小)\s*[:：]"),
    re.compile(r"^亲[,，]?\s*该文档|超出免费预览|免费预览范围"),
    re.compile(r"^(?:资源描述|文档描述|文档介绍|内容简介)\s*[:：]?$"),
    re.compile(r"^(?:阅读原文$|展开阅读全文|阅读全文|查看全文|展开全文|继续阅读|点击查看全文)"),
    re.compile(r"(?i)^(?:copyright|©|\(c\)).{0,80}$|^.{0,40}版权所有.{0,40}$"),
    re.compile(r"^.{0,40}(?:ICP备|ICP证|公网安备|经营许可证).{0,40}$"),
    # paged articles: 《……》全文内容当前网页未完全显示,剩余内容请访问下一页查看。
    re.compile(r"未完全显示|剩余内容请访问"),
]

_LIST_HEADER = re.compile(
    r"^(?:【[^】]*】)?\s*(?:相关(?:文章|推荐|阅读|资源|搜索|文档|下载|链接|专题|内容|新闻|范文)|猜你喜欢|热门推荐|"
    r"热门文章|推荐阅读|延伸阅读|精彩推荐|最新文章|热门阅读|热点推荐|为您推荐|更多推荐|推荐文章|相关热搜|往期推荐|往期回顾|往期精选|往期精彩|精彩回顾)\s*[:：]?$"
)
# An entry of a related-articles list: a short title followed by its date.
_LIST_ITEM = re.compile(f"^.{{1,60}}?(?:\\d{{4}}[-/.])?\\d{{1,2}}[-/.]\\d{{1,2}}(?:\\s+{_TIME})?$|^\\[更多\\]")
_DISCLAIMER = re.compile(
    r"^(?:免责声明|版权声明)\s*[:：]?$|^(?:免责声明|版权声明|郑重声明|特别声明)\s*[:：]?.*(?:本网|本站|版权|转载|观点|侵权|联系)"
)
_DISCLAIMER_ITEM = re.compile(r"^\d{1,2}\s*[、.．]|本网|本站|版权|转载")
_LEAD = re.compile(r"^[-·•\s]+")
# A floor marker line ("标题2017-04-27 20:55 | #2楼") starts a forum post: split.py handles it.
FLOOR_MARKER = re.compile(
    f"(?:(?P<date>{_DATE}(?:\\s+{_TIME})?)\\s*[|｜]?\\s*[#＃]?|[#＃])(?P<floor>\\d+)\\s*楼$"
)


def is_chrome(text: str) -> bool:
    """A whole line of site furniture (header, metadata, navigation, buttons, footer)."""
    s = _LEAD.sub("", text.strip(_SPACE))
    if not s or FLOOR_MARKER.search(s):
        return False
    return any(p.search(s) for p in _CHROME) or bool(_LIST_HEADER.match(s) or _DISCLAIMER.match(s))


def strip_chrome(lines: list[TextLine]) -> list[TextLine]:
    """Drop web chrome lines, related-article lists and disclaimer blocks.

    A list header (相关文章, 猜你喜欢…) also takes the short "title + date"
    entries that follow it; a 免责声明 header takes its numbered items.
    Blank lines keep the current block open.
    """
    out: list[TextLine] = []
    block: str | None = None
    for i, tl in enumerate(lines):
        s = _LEAD.sub("", tl.text.strip(_SPACE))
        if not s:
            out.append(tl)
            continue
        if is_chrome(tl.text):
            block = "list" if _LIST_HEADER.match(s) else "disclaimer" if _DISCLAIMER.match(s) else block
            continue
        if block == "list" and (_LIST_ITEM.match(s) or _bare_title_list_follows(lines, i)):
            continue
        if block == "disclaimer" and _DISCLAIMER_ITEM.search(s):
            continue
        block = None
        out.append(tl)
    return out


_BARE_TITLE = re.compile(r"^[^。！？；]{1,40}$")


def _bare_title_list_follows(lines: list[TextLine], i: int) -> bool:
    """Lines i.. are a list of bare titles (no dates) running to the end or to more chrome.

    Sites list related articles by title alone; a real headline after a 相关推荐
    header (001) is followed by body text, so it is kept.
    """
    for tl in lines[i:]:
        s = _LEAD.sub("", tl.text.strip(_SPACE))
        if not s:
            continue
        if is_chrome(tl.text):
            return True
        if not _BARE_TITLE.match(s):
            return False
    return True


# A forum thread header: "标题：在全镇……的讲话 [复制链接]" -> the title alone.
_THREAD_LABEL = re.compile(f"^[{_SPACE}]*(?:帖子|主题|标题)[{_SPACE}]*[:：][{_SPACE}]*")
_INLINE_BUTTONS = re.compile(f"(?:[{_SPACE}]*[\\[【](?:复制链接|打印|收藏|分享|关闭)[\\]】])+[{_SPACE}]*$")


def drop_thread_label(text: str) -> str:
    """Drop a forum's "标题：" label and the "[复制链接]" buttons after a thread title, keeping the title."""
    if "[" not in text and "【" not in text:
        return text
    if not (m := _INLINE_BUTTONS.search(text)):
        return text
    return _THREAD_LABEL.sub("", text[:m.start()])


def drop_repeated_headline(lines: list[TextLine]) -> list[TextLine]:
    """Drop the second copy of the headline when the first two text lines are the same
    (a page or thread title followed by the article's own title)."""
    texts = []
    for i, tl in enumerate(lines):
        if t := tl.text.strip(_SPACE):
            texts.append((i, t))
            if len(texts) == 2:
                break
    if len(texts) == 2 and texts[0][1] == texts[1][1]:
        return lines[:texts[1][0]] + lines[texts[1][0] + 1:]
    return lines


# --------------------------------------------------------------------------- page breaks

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
               if n >= 2 and len(t) <= 40 and not _PARAGRAPH_END.search(t) and texts.count(t) >= 2}
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


_COLUMN_TAG = re.compile(f"^[{_SPACE}]*【[^】]{{1,10}}】[{_SPACE}]*(?=\\S)")


def drop_column_tag(lines: list[TextLine]) -> list[TextLine]:
    """Drop a news site's column label before the headline: "【组织部长谈】邓华梁：……" -> "邓华梁：……".

    Only on the first line with text (the headline); 【】 elsewhere is content.
    """
    for i, tl in enumerate(lines):
        if tl.text.strip(_SPACE):
            m = _COLUMN_TAG.match(tl.text)
            return lines[:i] + [tl.slice(m.end())] + lines[i + 1:] if m else lines
    return lines


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

def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width layout (CJK and full-width: 2)."""
    return sum(map(_char_width, text))


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
    widths = Counter(display_width(t) for t in texts if not _PARAGRAPH_END.search(t))
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
            open_end = bool(t.text) and width >= w - 4 and not _PARAGRAPH_END.search(t.text)
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
            if display_width(prev) >= w - 4 and not _PARAGRAPH_END.search(prev):
                conts += 1
                indented_conts += _indented(text)
            else:
                indented_starts += _indented(text)
        prev = text
    return indented_starts >= 3 and conts >= 3 and indented_conts <= 0.1 * conts


# --------------------------------------------------------------------------- what cannot be repaired

# A line cannot begin with these: something before it is missing.
_NON_INITIAL = re.compile(r"^(?:的(?!确)|[们吗呢吧]|[，。、；：？！）》])")


def _quote(text: str, start: int = 0, end: int | None = None, width: int = 16) -> str:
    span = text[start:end]
    return span if len(span) <= width else span[: width // 2] + "……" + span[-(width // 2):]


def find_anomalies(lines: list[TextLine]) -> list[Anomaly]:
    """Report garbled spans and sentences cut off by the source, quoting them.

    Nothing is changed: the text stays as found so a curator can fix it.
    """
    notes: list[Anomaly] = []
    for tl in lines:
        for start, end in unrepaired_spans(tl.text):
            notes.append(Anomaly("unrepaired", f"garbled text kept as found: “{tl.text[start:end]}”",
                                 tl.line_at(start)))
        if _NON_INITIAL.match(tl.text):
            notes.append(Anomaly("truncated", f"text starts mid-sentence (the source lost what came before): "
                                              f"“{_quote(tl.text, 0, 16)}”", tl.line))
        if "。" in tl.text and tl.text[-1] not in TERMINAL:
            n = len(tl.text)
            notes.append(Anomaly("truncated", f"text breaks off mid-sentence: “{_quote(tl.text, n - 16)}”",
                                 tl.line_at(n - 1)))
    return notes


# --------------------------------------------------------------------------- composition

TEXT_STEPS: list[Callable[[str], str]] = [
    drop_control, drop_invisible, normalise_lookalikes, remove_pinyin, undo_censor_hyphens, to_simplified, drop_thread_label,
]
LATE_TEXT_STEPS: list[Callable[[str], str]] = [drop_trailing_metadata, drop_bullet, normalise_punctuation]


def _chain(steps: list[Callable[[str], str]]) -> Callable[[str], str]:
    """Text steps as one function, so a file's lines are visited once for all of them."""
    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text
    return run


def clean_lines(lines: list[TextLine]) -> list[TextLine]:
    """All cleaning steps in order; the result has no blank lines."""
    lines = map_text(lines, _chain(TEXT_STEPS))
    lines = split_flattened(map_text(lines, drop_inline_furniture))  # a copy that lost its line breaks
    lines = drop_page_counters(lines)
    lines, page_ends = drop_page_breaks(lines)
    lines = drop_repeated_headline(drop_column_tag(strip_chrome(lines)))
    lines = drop_seo_headline(lines)
    lines = drop_contents(lines)
    lines = cut_glued_headings(lines)
    lines = map_text(lines, _chain(LATE_TEXT_STEPS))
    lines = join_page_splits(drop_page_numbers(lines), page_ends)
    lines = drop_blank(unwrap_lines(lines))
    return rejoin_chunks(lines)
