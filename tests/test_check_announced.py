"""Announced counts: "我讲三点意见" against the points that follow."""

from __future__ import annotations

from check_support import clean_speech, level1, rules_of, sec, variant

from drafter.check import check_speech
from drafter.check.rules.announced import count_items, find_announcement
from drafter.model import Paragraph


def _announced(speech):
    return [f for f in check_speech(speech, skip={"length", "repetition"}) if f.rule.startswith("announced.")]


def test_announcements_of_the_genre_are_read():
    assert find_announcement("下面，我讲三点意见。")[0] == 3
    assert find_announcement("主要讲六个方面的内容，供大家参考。")[0] == 6
    assert find_announcement("重点做好以下四个方面的工作：")[0] == 4
    assert find_announcement("我觉得做到这一条关键有三点。")[0] == 3
    assert find_announcement("要牢记“两个务必”，实践“三个代表”。") is None
    assert find_announcement("这是第三点意见。") is None


def test_matching_count_is_quiet():
    assert _announced(clean_speech()) == []


def test_transition_announcing_more_points_than_sections_is_an_error():
    speech = variant(transition=Paragraph("下面，我讲四点意见。", 7))
    found = _announced(speech)
    assert rules_of(found) == ["announced.count"]
    assert found[0].severity == "error" and "四点意见" in found[0].message and "3个一级标题" in found[0].message
    assert found[0].line == 7


def test_announcement_in_opening_paragraph_counts_too():
    speech = variant(transition=None, opening=[Paragraph("根据会议安排，我主要讲两个方面的内容。")])
    assert rules_of(_announced(speech)) == ["announced.count"]


def test_inline_announcement_is_checked_against_enumerated_items():
    assert count_items("", ["一是抓学习。", "如某社区的做法。", "二是抓管理。", "三是抓服务。"]) == 3
    assert count_items("一是讲政治；二是讲规矩；三是讲纪律。", []) == 3
    body = ["要重点抓好四个方面的工作。", "一是抓学习。", "二是抓管理。", "三是抓服务。"]
    speech = variant(sections=[level1(1, "抓好重点", *body)], transition=None)
    found = _announced(speech)
    assert rules_of(found) == ["announced.inline-count"] and "宣布4项，随后列出3项" in found[0].message
    body[0] = "要重点抓好三个方面的工作。"
    assert _announced(variant(sections=[level1(1, "抓好重点", *body)], transition=None)) == []


def test_inline_announcement_counts_sub_sections_when_items_are_headings():
    kids = [sec(f"{c}是", "项", "正文。", level=2, number=n) for c, n in (("一", 1), ("二", 2))]
    speech = variant(sections=[level1(1, "部分", "具体来说，关键有三点。", children=kids)], transition=None)
    found = _announced(speech)
    assert rules_of(found) == ["announced.inline-count"] and "随后列出2项" in found[0].message
