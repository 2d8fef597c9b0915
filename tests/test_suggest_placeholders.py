"""Suggestions never carry a stand-in fact: 此处填写 (what `drafter import` writes for a missing fact) leaves
its slot open, shown as 〔label〕 the way the walker shows any unanswered slot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.facts import is_placeholder, known_facts
from drafter.outlines import load_outlines
from drafter.phrases.bank import load_banks
from drafter.suggesting import Situation, suggest
from drafter.tui.engine import fill_text, heading_suggestions, outline_view, show_slots, slot_labels

ROOT = Path(__file__).resolve().parent.parent
STAND_INS = ("此处填写", "【此处填写】", "XXX", "待补充", "**区", "{{ topic }}")
# What `drafter import` writes when the old speech names no scope, meeting or topic.
IMPORTED = {"speaker": "此处填写", "date": dt.date(2026, 11, 30), "scope": "此处填写", "meeting": "此处填写",
            "topic": "此处填写", "org": "此处填写", "task": "此处填写"}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def test_stand_ins_are_not_answers():
    from drafter.check.rules.placeholders import find_placeholders

    assert all(is_placeholder(s) for s in STAND_INS)
    assert not any(is_placeholder(s) for s in ("全县", "某某街道", "乡村振兴", "李明同志", "", "Excel", "2026年x"[:5]))
    for text in (*STAND_INS, "x月", "xx书记", "*同志", "刚才，**区委", "□□村", "全县", "李明", "TODO"):
        flagged = any(h.rule in ("placeholder.leftover", "placeholder.slot") for h in find_placeholders(text))
        assert is_placeholder(text) == flagged, text  # the same stand-ins `drafter check` reports
    assert known_facts({"scope": "此处填写", "topic": "乡村振兴", "earlier_speakers": ["李明", "XXX"]}) == \
        {"topic": "乡村振兴", "earlier_speakers": ["李明"]}


@pytest.mark.parametrize("oid", sorted(load_outlines()))
def test_walker_heading_suggestions_leave_a_stand_in_slot_open(oid):
    view = outline_view(load_outlines()[oid])
    labels = slot_labels(view)
    for section in view.sections:
        for level in (1, 2):
            for s in heading_suggestions(section, IMPORTED, level):
                shown = show_slots(s.text, labels)
                assert not is_placeholder(shown) and "此处填写" not in shown, (oid, s.raw, shown)
                if "{{" in s.raw:
                    assert "〔" in shown, (oid, s.raw, shown)


@given(st.sampled_from(STAND_INS[:-1]), st.sampled_from(("topic", "scope", "meeting", "task")))
def test_a_stand_in_never_fills_a_slot_nor_a_derived_one(stand_in, name):
    text = "在{{ scope }}{{ meeting }}上，{{ committee }}要求做好{{ topic }}工作，推进{{ task }}"
    out = fill_text(text, {name: stand_in, "scope": "全县" if name != "scope" else stand_in})
    assert stand_in not in out.replace("{{ " + name + " }}", "")
    assert "{{ " + name + " }}" in out


@pytest.fixture(scope="module")
def banks():
    return load_banks([ROOT / "phrasebanks"], use_cache=False)


@pytest.mark.parametrize("oid, function", [("work-meeting", "opening"), ("work-meeting", "tasks"),
                                           ("training-class-closing", "closing"), ("annual-organisation", "opening"),
                                           ("rectification", "tasks")])
def test_drafter_suggest_with_imported_stand_ins_prints_none(oid, function, banks):
    got = suggest(Situation(function, "此处填写", "此处填写", dt.date(2026, 11, 30), oid, facts=IMPORTED), 15, banks)
    assert got
    for s in got:
        assert not is_placeholder(s.text) and "此处填写" not in s.text, s.text
        assert "此处填写" not in "".join(s.reasons)
