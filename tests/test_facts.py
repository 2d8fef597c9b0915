"""Facts that compose: the scope's level and committee, joins that never double, 同志 once.

The first tests reproduce the slot-fill findings of issue 10 on rendered specs.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.facts import (ScopeInfo, fill_plain, heads_committee, mark, meeting_core, mend, scope_info, topic_core,
                           with_comrade)
from drafter.outlines import get_outline
from drafter.render import render_speech
from drafter.spec import parse_spec
from drafter.templating import derive_facts, render_string


def speech_text(outline: str = "work-meeting", **facts) -> str:
    base = {"speaker": "王建国", "date": "2026-11-23", "scope": "全县", "meeting": "基层党建工作会议",
            "topic": "基层党建"}
    if outline == "theme-education":
        base["campaign"] = "“强班子、转作风、促发展”专题教育"
    if outline == "annual-organisation":
        base["year"] = 2025
    base.update(facts)
    lines = [f"outline: {outline}", "facts:"]
    for k, v in base.items():
        if isinstance(v, list):
            lines.append(f"  {k}: [{', '.join(v)}]")
        else:
            lines.append(f"  {k}: {v}")
    lines += ["sections:", "  - heading: 统一思想，充分认识做好{{ topic }}工作的重要性", "    paragraphs: [正文。]"]
    spec = parse_spec("\n".join(lines) + "\n", "s.yaml")
    speech = render_speech(spec, get_outline(spec.outline))
    parts = [speech.title, speech.subtitle] + [p.text for p in speech.opening] + [s.heading for s in speech.sections]
    return "\n".join(parts + [p.text for p in speech.closing])


# --------------------------------------------------------------------------- the findings of issue 10

def test_meeting_named_with_the_scope_is_not_doubled_in_the_title():
    text = speech_text(meeting="全县乡村振兴工作会议", topic="乡村振兴")
    assert "在全县乡村振兴工作会议上的讲话" in text
    assert "全县全县" not in text


def test_topic_typed_with_gong_zuo_never_gives_gong_zuo_gong_zuo():
    text = speech_text(topic="基层党建工作")
    assert "工作工作" not in text
    assert "做好基层党建工作的重要性" in text


def test_named_city_is_convened_by_the_shi_wei():
    text = speech_text(scope="丽水市", meeting="乡村振兴工作会议", topic="乡村振兴")
    assert "丽水市党委" not in text
    assert "是市委研究决定召开的" in text
    assert "这次全市乡村振兴工作会议" in text  # running text uses the collective, the title the name
    assert "在丽水市乡村振兴工作会议上的讲话" in text


def test_city_organs_are_convened_by_the_organs_work_committee():
    text = speech_text(scope="市直机关", meeting="机关党建工作会议", topic="机关党建")
    assert "市直机关党委" not in text
    assert "市直机关工委研究决定召开" in text


def test_earlier_speaker_without_tong_zhi_gets_it():
    text = speech_text(earlier_speakers=["李明"])
    assert "刚才，李明同志" in text


def test_earlier_speaker_with_tong_zhi_does_not_get_it_twice():
    text = speech_text(earlier_speakers=["李明同志", "张华"])
    assert "刚才，李明同志、张华同志" in text and "同志同志" not in text


def test_default_goal_is_idiomatic():
    text = speech_text()
    assert "全县新篇章" not in text
    assert "奋力谱写中国式现代化建设新篇章" in text
    assert "奋力谱写中国式现代化丽水新篇章" in speech_text(scope="丽水市")


def test_work_meeting_example_goal_is_idiomatic():
    assert "全县新篇章" not in str(get_outline("work-meeting").field("goal").example)


@pytest.mark.parametrize("outline", ["work-meeting", "theme-education", "rectification"])
def test_the_committee_secretary_does_not_thank_his_own_leadership(outline):
    assert "在县委的坚强领导下" in speech_text(outline) or outline != "work-meeting"
    text = speech_text(outline, speaker_role="县委书记")
    assert "在县委的坚强领导下" not in text
    assert "县委书记" not in text or "在县委" not in text


def test_a_deputy_still_speaks_under_the_committee():
    assert "在县委的坚强领导下" in speech_text(speaker_role="县委副书记")


def test_typed_facts_stay_as_typed_in_the_spec():
    spec = parse_spec("outline: work-meeting\nfacts: {speaker: 王建国, date: 2026-11-23, scope: 全县, "
                      "meeting: 全县乡村振兴工作会议, topic: 乡村振兴工作, earlier_speakers: [李明]}\n"
                      "sections: [{heading: 一, paragraphs: [正文。]}]\n", "s.yaml")
    render_speech(spec, get_outline("work-meeting"))
    assert spec.facts["meeting"] == "全县乡村振兴工作会议"
    assert spec.facts["topic"] == "乡村振兴工作"
    assert spec.facts["earlier_speakers"] == ["李明"]


# --------------------------------------------------------------------------- scope_info

@pytest.mark.parametrize("scope, level, collective, committee, kind", [
    ("全县", "县", "全县", "县委", "collective"),
    ("全市", "市", "全市", "市委", "collective"),
    ("全区", "区", "全区", "区委", "collective"),
    ("全镇", "镇", "全镇", "镇党委", "collective"),
    ("全乡", "乡", "全乡", "乡党委", "collective"),
    ("全旗", "旗", "全旗", "旗委", "collective"),
    ("全省", "省", "全省", "省委", "collective"),
    ("丽水市", "市", "全市", "市委", "place"),
    ("青田县", "县", "全县", "县委", "place"),
    ("莲都区", "区", "全区", "区委", "place"),
    ("某某镇", "镇", "全镇", "镇党委", "place"),
    ("某某乡", "乡", "全乡", "乡党委", "place"),
    ("某某街道", "街道", "全街道", "街道党工委", "place"),
    ("市直机关", "机关", "市直机关", "市直机关工委", "organ"),
    ("县直机关", "机关", "县直机关", "县直机关工委", "organ"),
    ("全市机关", "机关", "市直机关", "市直机关工委", "organ"),
    ("全市组织系统", "系统", "全市组织系统", "市委", "system"),
    ("全县教育系统", "系统", "全县教育系统", "县委", "system"),
    ("高新区", "园区", "全区", "高新区党工委", "park"),
])
def test_scope_info_reads_level_collective_and_committee(scope, level, collective, committee, kind):
    info = scope_info(scope)
    assert isinstance(info, ScopeInfo)
    assert (info.level, info.collective, info.committee, info.kind) == (level, collective, committee, kind)


def test_scope_info_is_frozen():
    with pytest.raises(AttributeError):
        scope_info("全县").level = "市"  # type: ignore[misc]


def test_place_short_name():
    assert scope_info("丽水市").name == "丽水" and scope_info("某某街道").name == "某某"
    assert scope_info("景宁畲族自治县").name == "景宁" and scope_info("景宁畲族自治县").committee == "县委"
    assert scope_info("浦东新区").committee == "区委"


def test_unknown_scope_is_used_as_typed():
    info = scope_info("某某公司")
    assert info.kind == "other" and info.collective == "某某公司" and info.committee == "某某公司党委"


# --------------------------------------------------------------------------- names, meetings, topics

@pytest.mark.parametrize("typed, said", [("李明", "李明同志"), ("李明同志", "李明同志"), ("李明书记", "李明书记"),
                                         ("王部长", "王部长"), ("市委常委、组织部部长周敏", "市委常委、组织部部长周敏同志"),
                                         ("县委组织部", "县委组织部"), ("三个乡镇", "三个乡镇"), ("李明等", "李明等同志")])
def test_with_comrade(typed, said):
    assert with_comrade(typed) == said


@pytest.mark.parametrize("scope, meeting, core", [
    ("全县", "全县乡村振兴工作会议", "乡村振兴工作会议"),
    ("全县", "乡村振兴工作会议", "乡村振兴工作会议"),
    ("青田县", "青田县乡村振兴工作会议", "乡村振兴工作会议"),
    ("青田县", "全县乡村振兴工作会议", "乡村振兴工作会议"),
    ("丽水市", "全市组织部长会议", "组织部长会议"),
    ("全市组织系统", "全市组织系统年度工作会议", "年度工作会议"),
    ("全县", "全县", "全县"),
    ("全县", "全县全县组织工作会议", "组织工作会议"),
])
def test_meeting_core_drops_a_leading_scope(scope, meeting, core):
    assert meeting_core(meeting, scope_info(scope)) == core


def test_topic_core():
    assert topic_core("基层党建工作") == "基层党建" and topic_core("基层党建") == "基层党建"
    assert topic_core("工作") == "工作"


@pytest.mark.parametrize("role, committee, heads", [("县委书记", "县委", True), ("县委副书记、县长", "县委", False),
                                                    ("县委常委、组织部部长", "县委", False),
                                                    ("市直机关工委书记", "市直机关工委", True),
                                                    ("镇党委书记", "镇党委", True), ("", "县委", False)])
def test_heads_committee(role, committee, heads):
    assert heads_committee(role, committee) is heads


# --------------------------------------------------------------------------- joins

def test_mend_drops_a_repeat_at_a_join_only():
    assert mend(f"做好{mark('基层党建工作')}工作") == "做好基层党建工作"
    assert mend(f"在{mark('全县')}{mark('全县乡村振兴工作会议')}上") == "在全县乡村振兴工作会议上"
    assert mend(f"传达{mark('全县组织工作会议')}会议精神") == "传达全县组织工作会议精神"
    assert mend(f"刚才，{mark('李明同志')}同志") == "刚才，李明同志"
    assert mend("研究研究，讨论讨论，工作工作") == "研究研究，讨论讨论，工作工作"  # not a join: left alone
    assert mend(f"{mark('县委')}委员") == "县委委员"  # one shared character is no repeat


@given(st.text(alphabet="全县工作同志会议研究李明，。", max_size=12), st.text(alphabet="全县工作同志会议", max_size=8),
       st.text(alphabet="全县工作同志会议，。", max_size=12))
def test_mend_never_loses_the_value_or_leaves_marks(before, value, after):
    out = mend(before + mark(value) + after)
    assert "\ue000" not in out and "\ue001" not in out
    collective_after_place = value.startswith("全县") and before[-2:-1] not in ("", "，", "。") and before.endswith("县")
    assert (value in out or collective_after_place and value[2:] in out) and out.startswith(before)


def test_a_collective_after_the_place_it_names_is_dropped():
    assert mend(f"在{mark('丽水市')}{mark('全市组织部长会议')}上") == "在丽水市组织部长会议上"
    assert mend(f"{mark('青田县')}{mark('全县乡村振兴工作会议')}") == "青田县乡村振兴工作会议"
    assert mend(f"今天召开{mark('全市组织部长会议')}") == "今天召开全市组织部长会议"


@pytest.mark.parametrize("scope, meeting", [("全县", "全县经济工作会议"), ("丽水市", "丽水市组织部长会议"),
                                            ("丽水市", "全市组织部长会议"), ("全镇", "全镇安全生产工作会议"),
                                            ("市直机关", "市直机关党的建设工作会议")])
def test_meeting_keeps_the_scope_the_writer_typed(scope, meeting):
    ctx = derive_facts({"scope": scope, "meeting": meeting})
    assert render_string("今天召开{{ meeting }}。", ctx) == f"今天召开{meeting}。"
    assert render_string("在{{ scope }}{{ meeting }}上", ctx) == f"在{scope}{ctx['meeting_core']}上"
    assert render_string("在{{ scope }}{{ meeting_core }}上", ctx) == f"在{scope}{ctx['meeting_core']}上"
    assert scope not in ctx["meeting_core"] and ctx["meeting_full"] == meeting


def test_meeting_without_scope_stays_as_typed_and_full_name_gets_it():
    ctx = derive_facts({"scope": "全县", "meeting": "经济工作会议"})
    assert ctx["meeting"] == ctx["meeting_core"] == "经济工作会议" and ctx["meeting_full"] == "全县经济工作会议"
    assert derive_facts({"scope": "全县", "meeting": "全县全县经济工作会议"})["meeting"] == "全县经济工作会议"


def test_spec_text_and_phrase_fills_are_mended_too():
    ctx = derive_facts({"scope": "全县", "topic": "基层党建工作", "meeting": "全县组织工作会议"})
    assert render_string("推动{{ scope }}{{ topic }}工作再上新台阶", ctx) == "推动全县基层党建工作再上新台阶"
    assert render_string("{{ scope }}{{ meeting }}", ctx) == "全县组织工作会议"
    slot = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
    assert fill_plain("抓好{{ topic }}工作，{{ committee }}高度重视", ctx, slot) == "抓好基层党建工作，县委高度重视"


def test_derive_facts_adds_level_collective_and_keeps_organizer():
    ctx = derive_facts({"scope": "青田县", "organizer": "县委组织部", "topic": "乡村振兴工作"})
    assert ctx["level"] == "县" and ctx["collective"] == "全县" and ctx["committee"] == "县委组织部"
    assert ctx["topic"] == "乡村振兴工作" and ctx["topic_core"] == "乡村振兴"
    assert derive_facts({"scope": "全县", "meeting": "全县乡村振兴工作会议"})["meeting_full"] == "全县乡村振兴工作会议"
    assert derive_facts({"scope": "丽水市", "meeting": "乡村振兴工作会议"})["meeting_full"] == "丽水市乡村振兴工作会议"


def test_curated_phrase_entries_are_filled_without_doubling():
    spec = parse_spec("outline: work-meeting\nfacts: {speaker: 王建国, date: 2026-11-23, scope: 丽水市, "
                      "meeting: 丽水市乡村振兴工作会议, topic: 乡村振兴工作, earlier_speakers: [李明]}\n"
                      "opening:\n  - phrase: curated-0001\n  - phrase: curated-0002\n"
                      "sections: [{heading: 一, paragraphs: [正文。]}]\n", "s.yaml")
    speech = render_speech(spec, get_outline("work-meeting"))
    first, second = (p.text for p in speech.opening)
    assert "经市委研究决定召开" in first
    assert "今天召开丽水市乡村振兴工作会议" in second and "回顾总结乡村振兴工作，" in second
    assert "工作工作" not in second and "\ue000" not in second


_CJK_TEXT = st.text(alphabet=st.sampled_from(list("全县市区镇乡街道直机关组织系统丽水青田某工作会议党建乡村振兴")), max_size=12)


@given(_CJK_TEXT, _CJK_TEXT, _CJK_TEXT, st.lists(_CJK_TEXT, max_size=4))
def test_derive_facts_never_fails_and_never_doubles_scope_and_meeting(scope, meeting, topic, speakers):
    facts = {"scope": scope, "meeting": meeting, "topic": topic, "earlier_speakers": speakers}
    ctx = derive_facts(facts)
    assert facts == {"scope": scope, "meeting": meeting, "topic": topic, "earlier_speakers": speakers}
    if scope.strip() and meeting.strip():
        info = scope_info(scope)
        core = ctx["meeting_core"]
        assert core and core in meeting and ctx["meeting"].endswith(core) and ctx["meeting_full"].endswith(core)
        for prefix in {scope.strip(), info.collective}:
            assert not (core.startswith(prefix) and len(core) > len(prefix))
            assert not ctx["meeting"].startswith(prefix * 2)
    for name in ctx.get("earlier_speakers", []):
        assert not name.endswith("同志同志")


def test_phrase_bank_fill_slots_does_not_double_for_any_caller():
    from drafter.phrases.bank import fill_slots

    ctx = derive_facts({"scope": "全县", "topic": "乡村振兴工作", "meeting": "全县乡村振兴工作会议"})
    text = fill_slots("今天召开{{ scope }}{{ meeting }}，推动{{ topic }}工作再上新台阶。", ctx)
    assert text == "今天召开全县乡村振兴工作会议，推动乡村振兴工作再上新台阶。"
