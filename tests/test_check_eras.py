"""check and the era registry: outdated wording found, history and 2026 wording left alone.

Drafts here are realistic 2026 speeches (tests/fixtures/era-drafts) with and without planted
flaws; a flaw is one sentence dropped into a clean draft, and must be found where it sits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check_file

DRAFTS = Path(__file__).parent / "fixtures" / "era-drafts"
CLEAN = sorted(DRAFTS.glob("clean-*.txt"))


def _findings(path: Path) -> list:
    return [f for f in check_file(path) if f.severity != "info" and f.rule.startswith("formulation.")]


@pytest.mark.parametrize("draft", CLEAN, ids=lambda p: p.stem)
def test_clean_2026_drafts_that_tell_past_campaigns_as_history_raise_nothing(draft):
    assert _findings(draft) == []


# (planted sentence, what the finding must mention)
PLANTED = [
    ("让我们更加紧密地团结在以习近平同志为总书记的党中央周围，真抓实干。", "以习近平同志为核心的党中央"),
    ("全县党员干部要牢记“两个务必”，保持谦虚谨慎、艰苦奋斗的作风。", "三个务必"),
    ("要扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，确保取得实效。", "巩固拓展主题教育成果"),
    ("当前，全县正在深入开展党纪学习教育，各级党组织要精心组织。", "党纪学习教育"),
    ("今年，要深入开展中央八项规定精神学习教育，推动作风持续好转。", "学习教育成果"),
    ("要坚决打赢脱贫攻坚战，确保贫困人口如期脱贫。", "巩固拓展脱贫攻坚成果"),
    ("要深入推进精准扶贫，落实帮扶责任。", "巩固拓展脱贫攻坚成果"),
    ("今年是“十四五”规划收官之年，做好今年工作意义重大。", "“十五五”开局之年"),
    ("今年是“十四五”开局之年，我们要开好局、起好步。", "“十五五”开局之年"),
    ("要深入实施“十四五”规划，推动经济社会高质量发展。", "十五五"),
    ("要以习近平新时代中国特色社会主义思想和党的十九大精神为指导，扎实做好各项工作。", "二十届历次全会精神"),
    ("坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想和科学发展观为指导。", "习近平新时代中国特色社会主义思想为指导"),
    ("要认真贯彻党的十九届六中全会精神，推动工作落实。", "二十届历次全会精神"),
    ("要深入学习贯彻党的二十大和二十届三中全会精神。", "二十届历次全会精神"),
    ("今年是建党100周年，我们要隆重庆祝。", "建党105周年"),
    ("要深入开展党史学习教育，学史明理、学史增信。", "常态化长效化"),
    ("要为决胜全面建成小康社会作出更大贡献。", "全面建设社会主义现代化国家"),
    ("各级党组织要以党纪学习教育为契机，严明纪律规矩。", "常态化长效化"),
    ("当前，中央八项规定精神学习教育正在全县深入开展。", "学习教育成果"),
    ("确保高质量完成脱贫攻坚任务。", "乡村全面振兴"),
    ("脱贫攻坚进入决战决胜阶段，我们要加倍努力。", "乡村全面振兴"),
    ("今年是“十四五”规划实施的最后一年。", "“十五五”开局之年"),
    ("要确保“十四五”圆满收官。", "十五五"),
    ("全面贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神。", "二十届历次全会精神"),
    ("在庆祝建党100周年之际，我们要再接再厉。", "建党105周年"),
    ("要以“两个务必”为镜鉴，保持清醒头脑。", "三个务必"),
    ("坚持以新时代中国特色社会主义思想为指导。", "习近平新时代中国特色社会主义思想"),
    ("要深入开展“不忘初心、牢记使命”主题教育。", "党内集中教育"),
]


def _plant(tmp_path: Path, sentence: str) -> tuple[Path, int]:
    lines = (DRAFTS / "clean-2026-organisation.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("（一）要持续深化"))
    lines.insert(at + 1, "")
    lines.insert(at + 2, sentence)
    out = tmp_path / "planted.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, at + 3


@pytest.mark.parametrize("sentence, expected", PLANTED, ids=[s[:12] for s, _ in PLANTED])
def test_each_planted_outdated_formulation_is_found_on_its_line(tmp_path, sentence, expected):
    path, line = _plant(tmp_path, sentence)
    found = _findings(path)
    assert [f.line for f in found] == [line], [f.message for f in found]
    assert found[0].severity in ("warning", "error") and expected in found[0].message


@pytest.mark.parametrize("sentence", [
    "2021年，我们深入开展党史学习教育，取得明显成效。",
    "去年，全县扎实开展深入贯彻中央八项规定精神学习教育，作风建设取得新进展。",
    "过去五年，我们打赢了脱贫攻坚战，全面建成了小康社会。",
    "回顾2024年，我们深入开展党纪学习教育，纪律规矩意识明显增强。",
    "2025年是“十四五”收官之年，全县主要目标任务圆满完成。",
    "党的十九大以来，全县曾经深入贯彻党的十九大精神，推动各项事业取得长足进步。",
    "曾经，我们牢记“两个务必”，艰苦创业。",
    "习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话，我们要反复学习。",
    "近年来，我县深入开展党史学习教育、学习贯彻习近平新时代中国特色社会主义思想主题教育和党纪学习教育，党员干部党性修养明显增强。",
    "要结合开展党纪学习教育中发现的问题，健全完善制度机制。",
    "打赢脱贫攻坚战后，我们接续推进乡村全面振兴。",
    "习近平总书记提出精准扶贫重要理念，为脱贫攻坚指明了方向。",
    "今年是实施“十五五”规划的开局之年，也是“十五五”的第一年。",
    "在迎接建党105周年之际，我们召开这次会议。",
    "党的二十届四中全会审议通过了关于制定“十五五”规划的建议。",
    "我县“十四五”规划确定的目标任务全面完成。",
    "要深刻把握从“两个务必”到“三个务必”的丰富内涵。",
    "要推进党史学习教育常态化长效化，巩固拓展党纪学习教育成果。",
])
def test_formulas_told_as_history_are_not_errors(tmp_path, sentence):
    path, _ = _plant(tmp_path, sentence)
    assert _findings(path) == []


def test_history_does_not_excuse_a_clause_that_says_current_work(tmp_path):
    path, line = _plant(tmp_path, "2024年以来，我们要继续深入开展党纪学习教育。")
    assert [f.line for f in _findings(path)] == [line]


def test_plan_years_and_anniversaries_follow_the_speech_date(tmp_path):
    text = (DRAFTS / "clean-2026-organisation.txt").read_text(encoding="utf-8")
    dated_2030 = tmp_path / "2030.txt"
    dated_2030.write_text(text.replace("2026年2月26日", "2030年2月26日"), encoding="utf-8")
    messages = [f.message for f in _findings(dated_2030)]
    assert any("2030年是“十五五”收官之年" in m for m in messages)
    assert any("建党109周年" in m for m in messages)


def _with_section(tmp_path: Path, heading: str, body: str) -> Path:
    text = (DRAFTS / "clean-2026-organisation.txt").read_text(encoding="utf-8")
    text = text.replace("三、压实责任，确保各项任务落到实处", f"三、{heading}\n\n{body}\n\n四、压实责任，确保各项任务落到实处")
    text = text.replace("下面，我讲三点意见。", "下面，我讲四点意见。")
    out = tmp_path / "section.txt"
    out.write_text(text, encoding="utf-8")
    return out


def test_a_review_section_tells_history_but_a_tasks_section_does_not(tmp_path):
    body = "扎实开展中央八项规定精神学习教育，查摆整改突出问题。"
    assert _findings(_with_section(tmp_path, "回顾过去一年，工作取得新成绩", body)) == []
    found = _findings(_with_section(tmp_path, "注重实效，确保作风建设取得成效", body))
    assert len(found) == 1 and "学习教育成果" in found[0].message
