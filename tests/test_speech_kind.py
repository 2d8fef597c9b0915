"""`drafter import` picks an outline of the kind the old speech names (会议讲话, 党课, 表态发言 …)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.importing import choose_outline, read_speeches, speech_facts
from drafter.outlines import load_outlines
from drafter.speech_kind import HOSTING, LECTURE, MEETING, PARTY_LIFE, cue_score, kind_cues, opening_cues, title_cues

from conftest import SEED_000, SEED_002, SEED_003, SEED_004
from flatten_support import UNSEEN



@pytest.mark.parametrize("title, family", [
    ("在全县经济工作会议上的讲话", MEETING),
    ("——在丽水市乡村振兴工作推进会上的讲话", MEETING),
    ("在全市安全生产工作会议结束时的讲话", MEETING),
    ("在全县村级党组织书记培训班开班式上的讲话", MEETING),
    ("坚定理想信念 筑牢精神之基——在市直机关“七一”专题党课上的讲话", LECTURE),
    ("专题党课讲稿：涵养为民情怀", LECTURE),
    ("在全县安全生产工作会议上的表态发言", HOSTING),
    ("全县经济工作会议主持词", HOSTING),
    ("县民政局领导班子2026年度民主生活会对照检查材料", PARTY_LIFE),
    ("在指导县发展改革局领导班子专题民主生活会时的讲话", PARTY_LIFE),
])
def test_the_title_names_the_family(title, family):
    assert title_cues(title)[0].family == family


@pytest.mark.parametrize("title, outline", [
    ("在全市组织部长会议上的讲话", "annual-organisation"),
    ("在全县“软弱涣散”村（社区）党组织整顿工作会议上的讲话", "rectification"),
    ("在全县“两优一先”表彰大会上的讲话", "commendation"),
    ("在全县新录用公务员初任培训班结业式上的讲话", "training-class-closing"),
    ("在全区优化营商环境工作推进大会上的讲话", "progress-meeting"),
])
def test_the_meeting_named_in_the_title_points_to_its_outline(title, outline):
    assert any(outline in c.outlines for c in title_cues(title))


def test_an_opening_spoken_at_a_meeting_names_it():
    cues = opening_cues("同志们：市委召开这次组织部长会议，主要任务是总结工作、部署任务。")
    assert cues[0].family == MEETING and any("annual-organisation" in c.outlines for c in cues)
    assert opening_cues("刚才，李明同志就开展主题教育作了全面部署，我完全同意。")[0].family == MEETING
    assert opening_cues("今天，我给大家讲一次专题党课，题目是……")[0].family == LECTURE
    assert opening_cues("基层强则国家强，基层安则天下安。") == []


def test_another_family_loses_and_the_named_family_gains():
    cues = kind_cues("在全县经济工作会议上的讲话", "")
    work, _ = cue_score(cues, "work-meeting", MEETING)
    lecture, reasons = cue_score(cues, "party-lecture", LECTURE)
    assert work > 0 > lecture and reasons


def _choices(path: Path) -> list[tuple[str, str]]:
    outlines = load_outlines()
    out = []
    for speech in read_speeches(path):
        chosen = choose_outline(speech, speech_facts(speech), outlines).chosen.outline
        out.append((chosen, outlines[chosen].family))
    return out


def test_seed_000_spoken_at_a_meeting_is_not_a_party_lecture():
    ((outline, family),) = _choices(SEED_000)  # site title only; the opening: 刚才，某某同志……作了全面部署
    assert family == MEETING, outline


def test_seed_002_pieces_get_meeting_outlines_of_their_meeting():
    chosen = _choices(SEED_002)
    assert [f for _, f in chosen] == [MEETING] * 4, chosen
    assert chosen[0][0] == "training-class"  # 在全市基层党组织书记……培训班上的讲话
    assert chosen[1][0] == "training-class-closing"  # ……培训班，今天就要结束了
    assert chosen[2][0] == "work-meeting"  # 工作会上的讲话 / 全市基层党建工作会
    assert chosen[3][0] == "annual-organisation"  # 市委召开这次组织部长会议


def test_seed_004_rectification_and_seed_003_article():
    assert _choices(SEED_004) == [("rectification", MEETING)]
    assert _choices(SEED_003) == [("signed-article", LECTURE)]


FIXTURES = sorted(UNSEEN.glob("[0-9][0-9]_*.txt"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_a_title_that_names_the_kind_decides_the_family(path):
    outlines = load_outlines()
    for speech in read_speeches(path):
        cues = title_cues(" ".join([speech.title, speech.subtitle]))
        if not cues:
            continue
        chosen = choose_outline(speech, speech_facts(speech), outlines).chosen.outline
        assert outlines[chosen].family == cues[0].family, (speech.title, chosen)
