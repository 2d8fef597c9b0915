"""Punctuation: half-width marks, unbalanced pairs, doubled marks, heading ends."""

from __future__ import annotations

from check_support import clean_speech, level1, level2, sec, variant

from drafter.check import check_speech
from drafter.check.rules.punctuation import half_width_positions, unbalanced
from drafter.corpus.lines import TextLine
from drafter.model import Paragraph


def _punct(speech, lines=None):
    return [f for f in check_speech(speech, lines, skip={"length", "repetition"}) if f.rule.startswith("punct.")]


def _marks(text):
    return "".join(text[i] for i in half_width_positions(text))


def test_half_width_marks_in_chinese_are_found_but_not_in_numbers_or_english():
    assert _marks("导语:基层组织,来源于网友") == ":,"
    assert _marks("职责是：(1)宣传政策") == "()"
    assert _marks("(一)要贴近民心") == "()"
    assert _marks("工作要落实.") == "."
    assert _marks("10:30开会，投入1,000元，增长3.5%，Hello, world!") == ""


def test_half_width_finding_names_the_fix_and_the_line():
    line = TextLine("基层组织,是党的战斗堡垒;要加强建设!", 9)
    found = [f for f in _punct(clean_speech(), [line]) if f.rule == "punct.half-width"]
    assert len(found) == 1 and found[0].line == 9 and found[0].severity == "warning"
    assert "“,”→“，”" in found[0].message and "3处" in found[0].message


def test_unbalanced_pairs():
    assert unbalanced("“火车跑得快，全靠车头带。") == [("“", "”", 0, "open")]
    assert unbalanced("学习《民主是个好东西》》") == [("《", "》", 11, "close")]
    assert unbalanced("“基础不牢，地动山摇”（见《决定》）") == []
    speech = variant(closing=[Paragraph("同志们，让我们“真抓实干，为发展作出新的更大贡献！")])
    found = [f for f in _punct(speech) if f.rule == "punct.unbalanced"]
    assert len(found) == 1 and "缺少“””" in found[0].message and found[0].location == "结尾第1段"


def test_doubled_marks_but_not_ellipsis_or_dash():
    speech = variant(closing=[Paragraph("同志们，，让我们团结一心。。再创佳绩！！")])
    found = [f for f in _punct(speech) if f.rule == "punct.doubled"]
    assert [f.message.split("”")[0] for f in found] == ["标点重复“，，", "标点重复“。。", "标点重复“！！"]
    fine = variant(closing=[Paragraph("他说……我们要——坚持到底！")])
    assert [f for f in _punct(fine) if f.rule == "punct.doubled"] == []


def test_level1_heading_ending_with_a_mark_warns():
    sections = clean_speech().sections
    sections[0].heading += "。"
    found = [f for f in _punct(variant(sections=sections)) if f.rule == "punct.heading-end"]
    assert len(found) == 1 and "一级标题末尾不加标点" in found[0].message and found[0].location == "一、标题"


def test_run_in_heading_must_end_with_a_full_stop_in_the_source():
    section = level1(1, "部分", "正文。", children=[level2(1, "要贴近民心", "正文。")])
    section.children[0].line = 4
    good = [TextLine("（一）要贴近民心。社区是社情民意的晴雨表。", 4)]
    bad = [TextLine("（一）要贴近民心，社区是社情民意的晴雨表。", 4)]
    speech = variant(sections=[section], transition=None)
    assert [f for f in _punct(speech, good) if f.rule == "punct.heading-end"] == []
    found = [f for f in _punct(speech, bad) if f.rule == "punct.heading-end"]
    assert len(found) == 1 and "段首标题后应以句号结束" in found[0].message and found[0].line == 4


def test_level1_heading_glued_to_its_body_warns():
    section = sec("一、", "总结经验", "去年，按照部署。", number=1, line=3)
    lines = [TextLine("一、总结经验去年，按照部署。", 3)]
    found = [f for f in _punct(variant(sections=[section], transition=None), lines) if f.rule == "punct.heading-end"]
    assert len(found) == 1 and "单独成行" in found[0].message


def test_clean_speech_has_no_punctuation_findings():
    assert _punct(clean_speech()) == []
