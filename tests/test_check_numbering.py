"""Numbering: gaps, repeats, order, mixed styles, level-2 style drift — from markers and numbers."""

from __future__ import annotations

from check_support import clean_speech, level1, level2, rules_of, sec, variant

from drafter.check import check_speech
from drafter.check.rules.numbering import marker_style


def _numbering(speech):
    return [f for f in check_speech(speech, skip={"length", "repetition"}) if f.rule.startswith("numbering.")]


def test_clean_speech_has_no_numbering_findings():
    assert _numbering(clean_speech()) == []


def test_marker_styles_are_recognised_half_and_full_width():
    assert marker_style("五、") == ("一、", 5)
    assert marker_style("(三)") == ("（一）", 3)
    assert marker_style("第十一，") == ("第一，", 11)
    assert marker_style("三要") == ("一要", 3)
    assert marker_style("2.") == ("1.", 2)
    assert marker_style("") == ("", None)


def test_gap_and_repeat_as_in_seed_002_piece_1_are_errors_quoting_the_markers():
    sections = [level1(n, f"第{n}部分", "正文。") for n in (1, 2, 3, 5, 6, 6)]
    found = _numbering(variant(sections=sections, transition=None))
    gap = [f for f in found if f.rule == "numbering.gap"]
    repeat = [f for f in found if f.rule == "numbering.repeat"]
    assert len(gap) == 1 and gap[0].severity == "error"
    assert "“三、”之后是“五、”" in gap[0].message and "“四、”" in gap[0].message
    assert len(repeat) == 1 and "“六、”之后又是“六、”" in repeat[0].message
    assert gap[0].location == "五、标题"


def test_numbers_going_backwards_are_an_order_error():
    sections = [level1(n, f"第{n}部分", "正文。") for n in (1, 3, 2)]
    assert "numbering.order" in rules_of(_numbering(variant(sections=sections, transition=None)))


def test_list_not_starting_at_one_is_a_gap():
    speech = variant(sections=[level1(2, "甲", "正文。"), level1(3, "乙", "正文。")], transition=None)
    found = _numbering(speech)
    assert rules_of(found) == ["numbering.gap"] and "“二、”" in found[0].message


def test_mixed_styles_within_one_list_warn():
    kids = [sec(m, h, "正文。", level=2, number=n) for m, h, n in
            (("一是", "甲", 1), ("二是", "乙", 2), ("三要", "丙", 3), ("四是", "丁", 4))]
    speech = variant(sections=[level1(1, "部分", "正文。", children=kids)], transition=None)
    found = _numbering(speech)
    assert rules_of(found) == ["numbering.mixed-style"]
    assert "“三要”" in found[0].message and found[0].severity == "warning"


def test_lead_in_lists_may_restart_at_one_in_the_same_section():
    kids = [sec(f"{c}是", "项", "正文。", level=2, number=n) for c, n in (("一", 1), ("二", 2), ("一", 1), ("二", 2), ("三", 3))]
    speech = variant(sections=[level1(1, "部分", "正文。", children=kids)], transition=None)
    assert _numbering(speech) == []


def test_heading_style_restart_is_not_excused():
    kids = [level2(1, "甲。", "正文。"), level2(2, "乙。", "正文。"), level2(1, "丙。", "正文。")]
    speech = variant(sections=[level1(1, "部分", "正文。", children=kids)], transition=None)
    assert rules_of(_numbering(speech)) == ["numbering.order"]


def test_level2_style_differing_between_sections_warns():
    first = level1(1, "甲", "正文。", children=[level2(1, "子一。", "正文。"), level2(2, "子二。", "正文。")])
    second = level1(2, "乙", "正文。", children=[level2(1, "子一。", "正文。"), level2(2, "子二。", "正文。")])
    third = level1(3, "丙", "正文。", children=[sec("一是", "子一", "正文。", level=2, number=1),
                                               sec("二是", "子二", "正文。", level=2, number=2)])
    found = _numbering(variant(sections=[first, second, third], transition=None))
    assert rules_of(found) == ["numbering.level2-style"]
    assert "“三、”下用“一是”" in found[0].message and "“（一）”" in found[0].message
    same = _numbering(variant(sections=[first, second], transition=None))
    assert same == []


def test_part_headings_are_one_numbering_style():
    """第一部分、第二部分 is one style, not 第一， mixed with something else."""
    from pathlib import Path

    from drafter.check import check_file

    speech = Path(__file__).parent / "fixtures" / "unseen" / "13_part_headings.txt"
    assert not [f for f in check_file(speech) if f.rule.startswith("numbering.")]
