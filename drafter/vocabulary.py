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
    # Functions of the other weekly genres (hosting, commending, pledging,
    # 民主生活会, Party lectures, reports); outlines of those genres name them.
    "host.open": "主持：宣布开会、介绍出席领导和会议议程",
    "host.transition": "主持：承转下一项议程（下面，请……讲话）",
    "host.summary": "主持：概括领导讲话精神、提出贯彻要求",
    "host.close": "主持：宣布散会",
    "commend.praise": "表彰：肯定先进集体和个人的事迹与精神",
    "commend.congratulate": "表彰：祝贺与致敬（向受表彰的……表示热烈祝贺）",
    "commend.learn": "表彰：号召向先进学习",
    "pledge.attitude": "表态：态度与决心",
    "pledge.measures": "表态：具体举措与承诺",
    "selfcheck.problems": "对照检查：查摆问题",
    "selfcheck.causes": "对照检查：原因剖析",
    "selfcheck.measures": "对照检查：整改措施",
    "criticism.self": "批评与自我批评：自我批评",
    "criticism.mutual": "批评与自我批评：相互批评与点评",
    "quote.leader": "引用习近平总书记重要论述（注明出处和时间）",
    "situation.analysis": "形势研判：机遇与挑战",
    "achievement.figures": "成绩：带数字的成就表述",
    "time.marker": "时间节点：“十五五”开局之年、建党105周年等",
    "transition.section": "段间过渡：承上启下",
    "training.requirements": "培训：学员要求与纪律",
    "training.harvest": "结业：培训收获、学用结合",
    "warning.discipline": "警示教育：以案为鉴、纪律要求",
    "report.review": "述职汇报：工作回顾",
    "report.shortcomings": "述职汇报：存在的不足",
    "report.plans": "述职汇报：下步打算",
    "lecture.theory": "党课：理论阐释与学理分析",
    "lecture.story": "党课：故事、案例与典型",
    "research.findings": "调研座谈：调研所见与肯定",
    "research.requirements": "调研座谈：意见建议与要求",
    "study.insight": "研讨发言：学习体会",
    "study.practice": "研讨发言：联系实际、检视差距、改进方向",
    "deploy.mobilize": "动员部署：动员号召",
    "progress.assessment": "推进会、观摩会：进展评估与现场点评",
    "summary.experience": "总结会：经验与启示",
}
