"""check's fill rules: doubled words at joins, 同志同志, a committee that does not fit the scope."""

from __future__ import annotations

import pytest
from check_support import clean_speech, variant

from drafter.check import check_speech
from drafter.check.rules.fills import comrade_twice, committee_mismatches, doubled_words
from drafter.model import Paragraph


def fill_findings(speech, rule_prefix="fills"):
    return [f for f in check_speech(speech) if f.rule.startswith(rule_prefix)]


def with_opening(text: str, **meta):
    speech = variant(opening=[Paragraph(text)])
    speech.meta.update(meta)
    return speech


def test_clean_speech_has_no_fill_findings():
    assert fill_findings(clean_speech()) == []


def test_rule_family_is_registered():
    from drafter.check import all_rules

    assert {"fills.doubled", "fills.comrade", "fills.committee"} <= set(all_rules())


# --------------------------------------------------------------------------- doubled words

@pytest.mark.parametrize("sentence, word", [
    ("这次全县全县乡村振兴工作会议，是县委研究决定召开的一次重要会议。", "全县全县"),
    ("同志们，做好基层党建工作工作，责任重大、使命光荣。", "工作工作"),
    ("会后，要认真传达学习全县组织工作会议会议精神。", "会议会议"),
    ("今天召开的这次全市全市组织部长会议，任务十分明确。", "全市全市"),
])
def test_doubled_word_at_a_join_is_an_error(sentence, word):
    found = fill_findings(with_opening(sentence))
    assert [f.rule for f in found] == ["fills.doubled"]
    assert found[0].severity == "error" and word in found[0].message


def test_named_scope_followed_by_its_collective_is_doubled():
    hits = doubled_words("在青田县全县乡村振兴工作会议上的讲话", "青田县")
    assert [h.found for h in hits] == ["青田县全县"]
    assert [h.found for h in doubled_words("丽水市丽水市组织部长会议", "丽水市")] == ["丽水市丽水市"]


@pytest.mark.parametrize("sentence", [
    "这些问题我们要常常想一想，天天抓一抓，经常到基层去看看，和群众一起研究研究、讨论讨论。",
    "各级党组织要把工作做细做实，工作作风要实，会议要少而精。",
    "全县上下要认真学习领会会议精神，把思想和行动统一到县委的决策部署上来。",
    "要健全村党组织领导的村级组织体系，党组织组织生活要经常化、规范化。",
    "刚才，李明同志、王芳同志分别作了发言，讲得很好，我都同意。",
])
def test_genuine_reduplication_and_clean_text_are_fine(sentence):
    assert fill_findings(with_opening(sentence)) == []


# --------------------------------------------------------------------------- 同志同志

def test_comrade_twice_is_an_error():
    found = fill_findings(with_opening("刚才，李明同志同志通报了全县基层党建工作情况，我都同意。"))
    assert [f.rule for f in found] == ["fills.comrade"]
    assert comrade_twice("李明同志、王芳同志") == []


# --------------------------------------------------------------------------- committee

def test_city_committee_convening_a_county_meeting_is_flagged():
    found = fill_findings(with_opening("这次全县基层党建工作会议，是市委研究决定召开的一次重要会议。"))
    assert [f.rule for f in found] == ["fills.committee"]
    assert "县委" in found[0].message and found[0].severity == "warning"


def test_no_such_committee_as_quan_xian_dang_wei():
    found = fill_findings(with_opening("这次会议是全县党委研究决定召开的。"))
    assert [f.rule for f in found] == ["fills.committee"] and "县委" in found[0].message


def test_named_city_party_committee_is_the_shi_wei():
    hits = committee_mismatches("这次会议，是丽水市党委研究决定召开的一次重要会议。", "丽水市")
    assert [(h.found, h.expected) for h in hits] == [("丽水市党委", "市委")]


def test_city_organs_meeting_by_the_organs_party_committee_is_flagged():
    hits = committee_mismatches("这次会议，是市直机关党委研究决定召开的。", "市直机关")
    assert [(h.found, h.expected) for h in hits] == [("市直机关党委", "市直机关工委")]


def test_scope_comes_from_the_spec_fact_before_the_title():
    speech = with_opening("这次全市基层党建工作会议，是市委研究决定召开的一次重要会议。", scope="丽水市")
    assert fill_findings(speech) == []  # the title says 全县, the spec says 丽水市: the spec wins


@pytest.mark.parametrize("sentence, scope", [
    ("这次全县基层党建工作会议，是县委研究决定召开的一次重要会议。", "全县"),
    ("全县上下要认真贯彻落实省委、市委决策部署，在县委的坚强领导下，奋力开创新局面。", "全县"),
    ("这次会议是县委组织部研究决定召开的。", "全县"),
    ("这次市直机关党建工作会议，是市委研究决定召开的。", "市直机关"),
    ("这次会议是市直机关工委研究决定召开的。", "市直机关"),
    ("我代表市委，对会议的召开表示热烈的祝贺。", "全县"),
    ("市财政局机关党委要带头落实。", "市直机关"),
    ("这次会议，是镇党委研究决定召开的。", "某某镇"),
    ("这次会议，是街道党工委研究决定召开的。", "某某街道"),
])
def test_right_committee_and_higher_levels_mentioned_are_fine(sentence, scope):
    assert committee_mismatches(sentence, scope) == []


def test_without_a_scope_only_impossible_committees_are_flagged():
    assert committee_mismatches("是市委研究决定召开的。", "") == []
    assert [h.found for h in committee_mismatches("全镇党委要高度重视。", "")] == ["全镇党委"]


@pytest.mark.parametrize("title, scope", [
    ("在全县基层党建工作会议上的讲话", "全县"),
    ("在青田县乡村振兴工作会议上的讲话", "青田县"),
    ("在丽水市组织部长会议上的讲话", "丽水市"),
    ("在市直机关党建工作会议上的讲话", "市直机关"),
    ("在智慧城市建设推进会上的讲话", ""),
    ("在城乡社区治理工作会议上的讲话", ""),
    ("在乡村振兴工作会议上的讲话", ""),
])
def test_scope_of_a_plain_draft_comes_from_its_title(title, scope):
    from drafter.check.context import Context
    from drafter.check.rules.fills import speech_scope

    speech = variant(title=title)
    speech.meta.pop("scope", None)
    assert speech_scope(Context.build(speech)) == scope


def test_plain_county_draft_convened_by_the_city_committee_is_flagged():
    speech = variant(title="在青田县乡村振兴工作会议上的讲话",
                     opening=[Paragraph("这次全县乡村振兴工作会议，是市委研究决定召开的一次重要会议。")])
    assert [f.rule for f in fill_findings(speech)] == ["fills.committee"]


def test_a_named_place_typed_twice_is_doubled():
    assert [h.found for h in doubled_words("这次丽水市丽水市组织部长会议")] == ["丽水市丽水市"]
    assert doubled_words("城市社区、农村社区和城乡接合部社区都要覆盖") == []
