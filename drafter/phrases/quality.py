"""The quality bar for mined phrases: what is a usable unit, what is a defect, what is local.

A mined entry is offered as a suggestion only when it is a complete unit for
its function. Defects (a fragment like "发挥党员", half a sentence, 的/地
misuse copied from the source, a word missing between two verb phrases)
keep it out of the mined banks and are flagged by `drafter phrases lint` in
any bank. A local practice (a one-off numbered slogan such as “一会四评”, a
place brand such as “三市并举”) stays searchable with the 地方做法 tag; the
ranker ranks that tag down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Why a candidate is left out (the keys of a mined bank's `dropped:` counts).
REASONS: dict[str, str] = {
    "fragment": "a fragment, not a unit (发挥党员, an unclosed quote, a dangling 的/和)",
    "half-sentence": "half a sentence (starts with a connective or a cut-off list item)",
    "de-di": "的 where 地 is meant before a verb (清醒的认识到)",
    "missing-word": "a word or comma missing between two verb phrases",
    "doubled": "a doubled character (的的, 了了)",
}


@dataclass(frozen=True)
class Defect:
    reason: str  # a REASONS key
    detail: str


_OPEN_CLOSE = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"))
_DANGLING_END = re.compile(r"(?:(?<!目)的|(?<!总)和|(?<!参)与|(?<!普)及|[或、，；]|以及|并且)$")
_CONNECTIVE_START = re.compile(r"^(?:和(?!谐|平|睦|美|气)|与(?!时俱进|日俱增)|及(?!时|早)|以及|并(?:且|非)?(?!肩|重|举|行|网)|"
                               r"而(?:且)?(?!今)|或者?|的(?!确)|了(?!解|不起)|但是?|则|也|还(?!原)|又|就是|甚至|从而|进而|因而)")
# Verbs that need a particular kind of object: "发挥党员" lacks its 作用.
_NEEDS_OBJECT: dict[str, tuple[str, ...]] = {
    "发挥": ("作用", "优势", "功能", "效能", "力量", "积极性", "主动性", "创造性", "特长", "职能", "效益", "价值", "才干", "潜能"),
    "增强": ("能力", "意识", "性", "力", "感", "本领", "素质", "活力", "实力", "信心", "自觉", "定力"),
    "提高": ("能力", "水平", "质量", "素质", "效率", "觉悟", "认识", "站位", "意识", "本领", "性", "力", "度", "率"),
}
# Adverbials written with 的 before a verb (清醒的认识到 for 清醒地认识到).
_DE_FOR_DI = re.compile(
    r"(?:清醒|认真|扎实|积极|深入|切实|有效|主动|不断|全面|坚决|稳步|持续|充分|严格|牢牢|自觉|默默|深刻|创造性|有力|有序|"
    r"扎扎实实|认认真真|实实在在|踏踏实实|真正|科学|大胆|正确|及时|广泛|热情|耐心|努力|尽快|逐步|普遍)的"
    r"(?=认识|看到|推进|开展|落实|抓好|做好|解决|加强|提高|贯彻|学习|把握|履行|发挥|建设|完成|参与|投入|工作|执行|理解|"
    r"意识到|思考|研究|处理|对待|维护|服务|引导|推动|实施|改进|转变|提升|增强)")
_DOUBLED = re.compile(r"(的的(?!确确)|了了(?!之)|地地(?!道道)|是是(?!非非)|和和(?!气气|美美)|在在|要要|把把|对对)")
_STRONG_VERB = r"加强|扩大|提高|推动|建立|完善|落实|强化|增强|提升|推进|实现|促进|确保|健全|深化|优化"
_RUN_ON = re.compile(rf"(?:{_STRONG_VERB})[^，。；：！？、和与及并同把以为让使]{{6,12}}?(?:{_STRONG_VERB})"
                     r"(?=[\u4e00-\u9fff]{2})")
# A four-character first clause that is a cut-off list item (作风过硬，强化……) rather than an opener.
_CUT_ITEM = re.compile(r"^([^，。；：！？“”]{4})，")
_OPENERS = re.compile(r"^(?:刚才|在此|过去|回顾|下面|这次|此次|借此|总的来看|要|必须|同时|因此|所以|总之|为此|对此|此外|另外|首先|其次|再次|最后|当前|目前|今年|去年|近年来|"
                      r"多年来|这些年|实践证明|事实证明|历史证明|总的看|总体看|一方面|另一方面|特别是|尤其是|比如|例如|"
                      r"同志们|一是|二是|三是|四是|五是|第[一二三四五六七八九十]|[我你他]们|大家|各级|全[县市区镇省])")
# Sentence-like functions, where half a sentence is a defect.
_SENTENCE_FUNCTIONS = ("section.", "opening.", "closing.")

# Numbered slogans and formulas used across the country, never local.
NATIONAL_SLOGANS = frozenset({
    "三会一课", "一岗双责", "两个确立", "两个维护", "四个意识", "四个自信", "三个代表", "一把手", "两委", "两新",
    "两面人", "一言堂", "四风", "三严三实", "两学一做", "三个务必", "两个务必", "五位一体", "四个全面", "两不愁三保障",
    "第一书记", "三重一大", "两个一百年", "四下基层", "三农", "枫桥经验", "主题党日", "两个结合", "三个区分开来",
    "四个服从", "五个必须", "四个必须", "两个责任", "三转", "五好", "四议两公开", "一村一策", "一对一", "六稳", "六保",
    "放管服", "最多跑一次", "两个毫不动摇", "三个没有变", "四个伟大", "五大发展理念", "七个有之", "五个必须",
    "四个不摘", "三资", "两代表一委员", "四项监督制度", "三个一批", "四种形态", "一票否决", "一站式",
})
_QUOTED = re.compile(r"“([^“”]{2,10})”")
_NUMERAL = re.compile(r"[一二三四五六七八九十两百千万0-9]")
_BRAND = re.compile(r"^(?:平安|美丽|幸福|和谐|活力|品质|智慧|数字|清廉|法治)[\u4e00-\u9fff]{2,3}$|(?:工程|行动|品牌|模式|机制|办法)$")


_SLOT = re.compile(r"\{\{\s*\w+\s*\}\}")


def defects(text: str, function: str) -> list[Defect]:
    """Every defect of `text` as an entry of `function` (empty when it passes the bar)."""
    out: list[Defect] = []
    plain = (_SLOT.sub("某", text) if "{{" in text else text).strip()
    bare = plain.rstrip("。！？；")
    for a, b in _OPEN_CLOSE:
        if plain.count(a) != plain.count(b):
            out.append(Defect("fragment", f"unpaired {a}{b}"))
            break
    if _DANGLING_END.search(bare) and function != "connective":  # a connective leads into what follows
        out.append(Defect("fragment", f"ends with {bare[-1]!r}"))
    if function in ("collocation", "parallel", "heading.pattern") or function.startswith(_SENTENCE_FUNCTIONS):
        for verb, heads in _NEEDS_OBJECT.items():
            if bare.startswith(verb) and len(bare) <= 8 and not bare.endswith(heads):
                out.append(Defect("fragment", f"{verb} without its object ({'、'.join(heads[:3])}…)"))
                break
    if _CONNECTIVE_START.search(plain) and function != "connective":
        out.append(Defect("half-sentence", f"starts with {_CONNECTIVE_START.search(plain).group()!r}"))
    if function.startswith(_SENTENCE_FUNCTIONS):
        m = _CUT_ITEM.match(plain)
        if m and not _OPENERS.match(plain) and not m.group(1).endswith(("来", "看", "说", "讲", "上", "中", "下", "后", "前", "年", "时", "此", "才", "是")):
            out.append(Defect("half-sentence", f"opens with the cut-off item {m.group(1)!r}"))
    m = _DE_FOR_DI.search(plain)
    if m:
        out.append(Defect("de-di", f"{m.group()!r} should be {m.group()[:-1] + '地'!r}"))
    m = _DOUBLED.search(plain)
    if m:
        out.append(Defect("doubled", f"{m.group()!r}"))
    if function.startswith(_SENTENCE_FUNCTIONS):
        m = _RUN_ON.search(plain)
        if m:
            out.append(Defect("missing-word", f"no comma or 和 between the verb phrases in {m.group()!r}"))
    return out


def local_terms(text: str) -> list[str]:
    """Quoted local practices in `text`: numbered slogans and place brands not used nationally."""
    out = []
    for m in _QUOTED.finditer(text):
        term = m.group(1)
        if term in NATIONAL_SLOGANS or "{{" in term:
            continue
        if _NUMERAL.search(term) or _BRAND.search(term):
            out.append(term)
    return out


def is_local(text: str, function: str, documents: int) -> bool:
    """A local practice: a one-off numbered slogan or place brand, or wording built on one."""
    if documents >= 2:
        return False
    if function == "slogan":
        return bool(local_terms(f"“{text.strip('“”')}”"))
    if function == "heading.pattern" and any(len(t) <= 4 and t not in NATIONAL_SLOGANS for t in _QUOTED.findall(text)):
        return True  # a coined label of one place (破解“网格虚”, 压实责任“挖潜”)
    return bool(local_terms(text))
