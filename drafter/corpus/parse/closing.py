"""Step 5b: splitting the closing (同志们，…… / wishes / thanks / sign-off) off the end."""

from __future__ import annotations

import re

from drafter.corpus.lines import TextLine
from drafter.corpus.parse.text import lstrip_tl
from drafter.corpus.parse.tree import Node

_THANKS = re.compile(r"^(?:谢谢(?:大家|各位)?|感谢大家)[！!。.]?$")
# a short last paragraph that ends by thanking ("以上是我的一些粗浅思考，请批评指正。谢谢！")
_THANKS_END = re.compile(r"[。！？!?]\s*(?:谢谢(?:大家|各位)?|感谢大家)[！!。.]?$")
THANKS_PARA_MAX = 80
# a speaker's sign-off ("好，我就讲这些。" "以上意见，供大家参考。" "以上，与大家共勉。"), a
# reporter's ("汇报完毕，请批评指正。" "不妥之处，请批评指正。" "恳请同志们批评帮助。" "以上述职，请予评议。"
# "以上表态，请各位领导和同志们监督。"),
# a host's ("今天的会议就到这里。散会！")
_SIGN_OFF = re.compile(
    r"^(?:好[，,]\s*)?(?:我)?(?:就|先|今天就)?讲(?:这些|到这里|这么多)|^以上(?:意见|几点|是我(?!们))"
    r"|^以上[，,]?\s*(?:与|和|同)(?:大家|各位|同志们)?(?:共勉|分享|交流)|(?:与|和|同)(?:大家|各位|同志们)共勉[。！!]?$"
    r"|^(?:我的)?(?:汇报|发言)完毕|(?:请|敬请|恳请)[^。！？]{0,12}批评(?:指正|帮助)[。！!]?$"
    r"|请予评议[。！!]?$|^以上表态[^。！？]{0,16}监督[。！!]?$|就到这里[。！!]\s*散会[。！!]?$"  # a report to be assessed; a host closing the meeting
)
# the audience hailed again ("同志们，" "学员们、同志们，")
_HAIL = r"(?:同志们|同事们|朋友们|同学们|学员们|老师们)"
_CLOSING_START = re.compile(rf"^{_HAIL}(?:[、，,]{_HAIL})*[，,！!]")
_CLOSING_INSIDE = re.compile(r"(?<=[。！？!?])\s*同志们[，,！!]")
_CLOSING_FORMULA = re.compile(r"希望大家|让我们|只要我们|一定能够|作出.{0,12}贡献|做出.{0,12}贡献|努力奋斗|而努力|而奋斗"
                              r"|预祝|祝愿|祝大家|祝各位")
# a wrap-up before a sign-off: wishes or a pledge that ends with 。 ("……希望大家……成长成才。"
# "我们将以这次会议为契机，……确保……圆满完成。"); taken only when the sign-off follows it
_WRAP_UP = re.compile(r"希望大家|希望同志们|希望各位|让我们|我们将以|我们一定|以这次会议为契机|以此次[^。！？]{0,8}为契机")
WRAP_UP_MAX = 200


def last_leaf(sections: list[Node]) -> Node | None:
    node = sections[-1] if sections else None
    while node is not None and node.children:
        node = node.children[-1]
    return node


def split_closing(paras: list[TextLine]) -> tuple[list[TextLine], list[TextLine]]:
    """(body, closing) for the paragraphs that end a speech."""
    for k in range(len(paras) - 1, max(-1, len(paras) - 4), -1):
        text = paras[k].text
        if _CLOSING_START.match(text):
            return paras[:k], paras[k:]
        m = None
        for m in _CLOSING_INSIDE.finditer(text):
            pass
        if m is not None and k == len(paras) - 1:
            cut = m.end() - len(m.group(0).lstrip())
            return paras[:k] + [paras[k].slice(0, cut)], [lstrip_tl(paras[k].slice(cut))]
    # no 同志们: trailing wishes ("希望大家……作出新的更大贡献！") and thanks ("谢谢大家！")
    k = len(paras)
    while k > 1 and _closing_like(paras[k - 1].text):
        k -= 1
    if k < len(paras) and k > 1 and _wrap_up(paras[k - 1].text):
        k -= 1
    return paras[:k], paras[k:]


def _wrap_up(text: str) -> bool:
    t = text.strip()
    return len(t) <= WRAP_UP_MAX and bool(_WRAP_UP.search(t))


def _closing_like(text: str) -> bool:
    t = text.strip()
    return (bool(_THANKS.match(t))
            or (len(t) <= THANKS_PARA_MAX and bool(_THANKS_END.search(t) or _SIGN_OFF.search(t)))
            or (t.endswith(("！", "!")) and bool(_CLOSING_FORMULA.search(t))))
