"""Web and site chrome: what news sites, forums, WeChat accounts and document-sharing sites put
round a speech (breadcrumbs, metadata, buttons, related-article lists, disclaimers, column tags,
thread labels, repeated headlines, editors' notes).
"""

from __future__ import annotations

import re

from drafter.corpus.clean.common import _SPACE, triggered_by
from drafter.corpus.clean.page import PAGE_NUMBER_LINE
from drafter.corpus.lines import TextLine

_TRAILING_META = re.compile(
    f"[{_SPACE}]*[（(][{_SPACE}]*(?:责任编辑|编辑|来源|稿源|审核|校对|供稿)[{_SPACE}]*[:：][^（）()]{{0,30}}[）)][{_SPACE}]*$"
)


# An editor's note in brackets: （根据录音整理）, （此文为作者在……上的讲话，有删节）, （本报记者 孙立 整理）.
# No digits inside, so a byline such as （2026年1月16日，根据录音整理） is never one.
_NOTE_WORDS = ("根据录音整理|据录音整理|录音整理|有删节|有删改|略有删节|略有删改|略有改动|本报记者|本刊记者|"
               "本台记者|特约记者|本报通讯员|此文为|此文系|本文为|本文系|原载于|原文刊载|转载自")
EDITORIAL_NOTE = f"[（(][^（）()\\d]{{0,60}}?(?:{_NOTE_WORDS})[^（）()\\d]{{0,60}}[）)]"
_TRAILING_NOTE = re.compile(f"(?<=[。！？!?…”’])[{_SPACE}]*{EDITORIAL_NOTE}[{_SPACE}]*$")


@triggered_by("）)")
def drop_trailing_metadata(text: str) -> str:
    """Drop an editor/source note that a site or paper appends to the last paragraph:
    "……。（责任编辑：王五）", "……注入更强动力！（根据录音整理，有删节）". Only after a sentence end."""
    if text.rstrip(_SPACE)[-1:] not in ("）", ")"):
        return text  # both notes end the line with a closing bracket
    return _TRAILING_NOTE.sub("", _TRAILING_META.sub("", text))


_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_META_KEYS = (
    "时间|日期|发布时间|发布日期|发表时间|更新时间|来源|稿源|信息来源|文章来源|责任编辑|编辑|作者|"
    "导语|摘要|浏览|浏览次数|阅读|阅读量|阅读数|点击|点击数|点击量|字号|关键词|标签|发布者|发布人|"
    "审核|校对|监制|终审|初审|复审|本文来源|本文链接|本文地址|原文链接|文章标签|"
    "查看|回复|个性签名|签名档"
)

# Chrome patterns are tried on every line of a corpus: those anchored at the line start are one
# alternation tried once at offset 0 (`match`), the rest one alternation searched through the line.
# Every top-level branch of _CHROME_AT_START starts with "^".
_CHROME_AT_START = [
    # breadcrumbs: 当前位置: 松溪新闻网 > 正文
    r"^(?:当前|您的|你的|您现在的|你现在的|所在)位置\s*[:：]",
    r"^首页\s*[>»＞]",
    # page metadata: 时间: / 来源: / 责任编辑: / 导语: ... (two keys on one line: _TWO_META_KEYS)
    f"^(?:{_META_KEYS})\\s*[:：].{{0,150}}$",
    # a bare timestamp line; a formal 2026年11月23日 byline date is kept
    f"^{_DATE}(?:\\s+{_TIME})?$",
    f"^\\d{{4}}年\\d{{1,2}}月\\d{{1,2}}(?:号|日\\s*{_TIME})$",
    # navigation
    r"^(?:上一篇|下一篇|上一页|下一页|上篇|下篇|返回列表|返回首页|返回顶部)(?:\s*[:：]|$)",
    r"^(?:\[更多\]|更多\s*(?:>>|»))",
    r"^(?:扫一扫|扫描二维码|长按识别二维码|长按二维码|关注微信公众号|点击关注|微信扫一扫|预览时标签不可点)",
    # One anchored scan for the chrome of copies from WeChat public accounts (点击蓝字 关注我们;
    # 原创 <account> 2026-03-15 08:30; END), forums (楼主, 发表于 … | 只看该作者, 本帖最后由 … 编辑)
    # and papers (an editor's note on its own line: （根据录音整理）).
    # (the slower of its branches are in _CHROME_IF_HINTED)
    (r"^(?:(?:点击|戳)[^。，！？]{0,16}关注[^。，！？]{0,8}$|关注我们$|欢迎关注$"
     r"|(?i:[-—_\s]*(?:the\s+)?end[-—_\s]*$)"
     r"|(?:楼主|沙发|板凳|地板)$|发表于\s*\d{4}|本帖最后由.{0,40}编辑$"
     f"|{EDITORIAL_NOTE}$)"),
    r"(?i:^(?:点击)?(?:立即|免费)?下载(?:完整版|全文|文档|本文|此文档|word))",
    PAGE_NUMBER_LINE.pattern,
    # share / collect / download / report buttons
    (r"^(?:[\s|:：()（）\[\]【】/·]*(?:分享到|分享|收藏|下载|举报|相关|赏|打印|关闭窗口|关闭|评论|点赞|"
     r"复制链接|返回顶部|微信|微博|QQ空间|纠错|字号|字体|打印本页|在看|转发|喜欢|写留言|留言|"
     r"回复|引用|TOP|返回列表|发新帖|发帖|回帖|电梯直达|[大中小])[\s|:：()（）\[\]【】/·]*)+$"),
    # document-sharing sites
    r"^亲[,，]?\s*该文档",
    r"^(?:资源描述|文档描述|文档介绍|内容简介)\s*[:：]?$",
    r"^(?:阅读原文$|展开阅读全文|阅读全文|查看全文|展开全文|继续阅读|点击查看全文)",
    r"(?i:^(?:copyright|©|\(c\)).{0,80}$)|^.{0,40}版权所有.{0,40}$",
]
_CHROME_ANYWHERE = [
    # document-sharing sites
    r"(?:上传人|上传者|文档编号|上传时间|贡献者|文档格式|文件大小)\s*[:：]",
    r"超出免费预览|免费预览范围",
    # paged articles: 《……》全文内容当前网页未完全显示,剩余内容请访问下一页查看。
    r"未完全显示|剩余内容请访问",
]
# Anchored patterns that scan ahead before they can fail; each needs a character or word of
# _CHROME_HINT_CHARS or _CHROME_HINT_WORDS, so lines without one (most body text) skip them.
_CHROME_IF_HINTED = [
    r"^.{0,30}(?:\s[>»＞]\s.{0,30}){2,}$",  # breadcrumbs: 首页 > 新闻 > 正文
    f"^(?:原创[{_SPACE}]+)?[^。，！？；：]{{0,40}}[{_SPACE}]+{_DATE}[{_SPACE}]+{_TIME}$",  # WeChat byline
    r"^[^。，！？]{0,60}只看该作者$",  # forum post header
    r"^.{0,40}(?:ICP备|ICP证|公网安备|经营许可证).{0,40}$",  # site footer
]
_CHROME_HINT_CHARS = re.compile(r"[>»＞:]")  # (a class and a list of words: each scanned fast)
_CHROME_HINT_WORDS = re.compile(r"只看该作者|ICP备|ICP证|公网安备|经营许可证")
_CHROME_START_RE = re.compile("|".join(f"(?:{p})" for p in _CHROME_AT_START))
_CHROME_HINTED_RE = re.compile("|".join(f"(?:{p})" for p in _CHROME_IF_HINTED))
_CHROME_ANYWHERE_RE = re.compile("|".join(f"(?:{p})" for p in _CHROME_ANYWHERE))
_CHROME_ANYWHERE_HINT = re.compile("上传人|上传者|文档编号|上传时间|贡献者|文档格式|文件大小|超出免费预览|免费预览范围"
                                   "|未完全显示|剩余内容请访问")
# Two metadata keys on one short line (时间：… 来源：…); it needs two colons, so lines with fewer skip it.
_TWO_META_KEYS = re.compile(f"^(?=.{{0,200}}$).*(?:{_META_KEYS})\\s*[:：].*(?:{_META_KEYS})\\s*[:：]")
# A file name a sharing site prints under its copy: "……讲话.docx", "……讲话.doc_第2页".
_DOC_SUFFIX = re.compile(r"(?i)\.(?:docx?|pdf|pptx?|wps|xlsx?|txt)(?:_第\d+页)?$")


def _is_chrome_text(s: str) -> bool:
    """`s` (stripped, lead removed, not empty) matches one of the chrome patterns."""
    return bool(_CHROME_START_RE.match(s)
                or ((_CHROME_HINT_CHARS.search(s) or _CHROME_HINT_WORDS.search(s)) and _CHROME_HINTED_RE.match(s))
                or (_CHROME_ANYWHERE_HINT.search(s) and _CHROME_ANYWHERE_RE.search(s))
                or ("." in s and _DOC_SUFFIX.search(s))
                or (s.count("：") + s.count(":") >= 2 and _TWO_META_KEYS.match(s)))


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


def _without_lead(text: str) -> str:
    """The line without surrounding spaces and leading bullets or dashes."""
    s = text.strip(_SPACE)
    m = _LEAD.match(s)  # anchored: one match at most (a `sub` would try every offset)
    return s[m.end():] if m else s


def is_chrome(text: str) -> bool:
    """A whole line of site furniture (header, metadata, navigation, buttons, footer)."""
    return _is_chrome_line(_without_lead(text))


def _is_chrome_line(s: str) -> bool:
    """`is_chrome` of a line already stripped of spaces and leading bullets."""
    if not s or ("楼" in s and FLOOR_MARKER.search(s)):
        return False
    return _is_chrome_text(s) or bool(_LIST_HEADER.match(s) or _DISCLAIMER.match(s))


def strip_chrome(lines: list[TextLine]) -> list[TextLine]:
    """Drop web chrome lines, related-article lists and disclaimer blocks.

    A list header (相关文章, 猜你喜欢…) also takes the short "title + date"
    entries that follow it; a 免责声明 header takes its numbered items.
    Blank lines keep the current block open.
    """
    out: list[TextLine] = []
    block: str | None = None
    for i, tl in enumerate(lines):
        s = _without_lead(tl.text)
        if not s:
            out.append(tl)
            continue
        if _is_chrome_line(s):
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
        s = _without_lead(tl.text)
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


@triggered_by(r"\[【")
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
