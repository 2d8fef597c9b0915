"""The rhetorical functions shared by outlines and phrase banks.

An outline names, for each section, the functions whose entries feed it; a
bank entry declares the one function it serves. Both validate against this
one table, so the two vocabularies cannot drift apart.
"""

from __future__ import annotations

# Function -> what it does (shown by `drafter phrases functions`). A section role
# "importance" maps to "section.importance".
FUNCTIONS: dict[str, str] = {
    "opening.purpose": "开场：会议目的、意义和背景",
    "opening.acknowledge": "开场：肯定前面的发言和部署（刚才，……我都同意）",
    "opening.context": "开场：形势与背景",
    "transition.points": "过渡：引出要讲的几点意见（下面，我讲……点意见）",
    "section.importance": "正文：提高认识、统一思想（为什么）",
    "section.review": "正文：回顾成绩、总结经验",
    "section.problems": "正文：正视问题与不足",
    "section.tasks": "正文：明确任务、突出重点（做什么）",
    "section.leadership": "正文：加强领导、压实责任（怎么抓）",
    "section.methods": "正文：方法路径、工作举措",
    "section.supervision": "正文：督查考核、激励约束",
    "section.style": "正文：作风要求",
    "connective": "段中承转：同时、需要强调的是……",
    "closing.call": "结尾：号召与希望（希望大家……作出新的更大贡献！）",
    "closing.resolve": "结尾：只要我们……就一定能够……",
    "heading.pattern": "标题句式（统一思想，充分认识……的重要性）",
    "parallel": "排比（讲学习、讲政治、讲正气）",
    "saying": "俗语、名言、比喻（火车跑得快，全靠车头带）",
    "slogan": "数字概括语（“三会一课”“两个确立”）",
    "collocation": "常用搭配（压实责任、夯实基础）",
}
