"""Leftover placeholders: anonymisation marks, unfilled slots, editor's notes."""

from __future__ import annotations

from check_support import clean_speech, variant

from drafter.check import check_speech
from drafter.check.rules.placeholders import find_placeholders
from drafter.corpus.lines import TextLine
from drafter.model import Paragraph


def _tokens(text, markdown=False):
    return [(h.token, h.rule) for h in find_placeholders(text, markdown)]


def test_anonymisation_marks_of_the_corpus_are_found():
    assert _tokens("**区开展主题教育活动") == [("**", "placeholder.leftover")]
    assert _tokens("刚才，*同志讲得很好") == [("*", "placeholder.leftover")]
    assert _tokens("xx书记在x月和xx月开展检查") == [("xx", "placeholder.leftover"), ("x", "placeholder.leftover"),
                                                ("xx", "placeholder.leftover")]
    assert _tokens("请XXX同志发言") == [("XXX", "placeholder.leftover")]
    assert _tokens("××县委") == [("××", "placeholder.leftover")]


def test_slots_notes_and_brackets_are_found():
    assert _tokens("{{ unknown }}同志") == [("{{ unknown }}", "placeholder.slot")]
    assert _tokens("全年完成【此处填写数据】项") == [("【此处填写数据】", "placeholder.leftover")]
    assert _tokens("此处填写会议名称") == [("此处填写", "placeholder.leftover")]
    assert _tokens("某某县") == [("某某", "placeholder.vague")]


def test_ordinary_text_is_not_a_placeholder():
    assert _tokens("使用Excel表格统计，面积3×4米，2026年11月") == []
    assert _tokens("“三会一课”制度") == []


def test_markdown_emphasis_is_not_anonymisation():
    assert _tokens("请**认真**落实", markdown=True) == []
    assert _tokens("请**认真**落实") != []


def test_leftover_in_speech_is_an_error_with_its_location():
    speech = variant(opening=[Paragraph("**区开展农村基层组织主题教育活动，是贯彻落实的具体行动。", 5)])
    found = [f for f in check_speech(speech) if f.rule.startswith("placeholder")]
    assert len(found) == 1
    assert found[0].severity == "error" and found[0].line == 5 and found[0].location == "开头第1段"
    assert "“**”" in found[0].message and "**区开展" in found[0].message


def test_many_marks_in_one_line_make_one_finding_with_a_count():
    line = TextLine("其中*镇*村、*镇*村等*个村已完成整顿。", 12)
    found = [f for f in check_speech(clean_speech(), [line]) if f.rule == "placeholder.leftover"]
    assert len(found) == 1 and "共5处" in found[0].message and found[0].line == 12


def test_clean_speech_has_no_placeholders():
    assert [f for f in check_speech(clean_speech()) if f.rule.startswith("placeholder")] == []
