"""Ranking suggestions: function first, then era, topic overlap and recurrence."""

from __future__ import annotations

import pytest

from drafter.phrases.bank import Bank, Entry, load_banks
from drafter.phrases.rank import Ranker, functions_for


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def _bank():
    return Bank("r", "d", [
        Entry("r-1", "人才是第一资源", "saying", tags=["人才工作"], era="新时代"),
        Entry("r-2", "要充分认识乡村振兴的重要性", "section.importance", tags=["乡村振兴"], era="新时代"),
        Entry("r-3", "要充分认识基层党建工作的重要性和紧迫性", "section.importance", era="新时代"),
        Entry("r-4", "要充分认识加强基层党建工作的重要意义", "section.importance", era="十六大时期",
              tags=["旧提法"], count={"occurrences": 9, "documents": 5}),
        Entry("r-5", "基层党建工作要抓紧抓实", "section.tasks", era="新时代"),
        Entry("r-6", "思想是行动的先导", "section.importance", count={"occurrences": 3, "documents": 2}),
        Entry("r-7", "基层党建是固本之举", "heading.pattern"),
    ])


def test_function_matches_come_first():
    got = [e.id for e in Ranker([_bank()]).suggest("importance", "基层党建")]
    primary = {"r-2", "r-3", "r-4", "r-6"}
    assert set(got[:4]) == primary
    assert got.index("r-7") < got.index("r-1")  # heading patterns before generic sayings for a section
    assert "r-5" in got  # another function, offered only because it shares the topic words


def test_current_era_before_outdated_then_topic_overlap_then_recurrence():
    got = [e.id for e in Ranker([_bank()]).suggest("section.importance", "基层党建", heading="加强基层党建工作")]
    assert got[:4] == ["r-3", "r-6", "r-2", "r-4"]


def test_role_names_map_to_functions():
    assert functions_for("importance")[0] == ("section.importance",)
    assert functions_for("section.importance")[0] == ("section.importance",)
    assert set(functions_for("closing")[0]) == {"closing.call", "closing.resolve"}
    assert "saying" in functions_for("tasks")[1]


def test_suggest_on_the_bundled_banks_offers_current_phrases_for_a_role(root):
    ranker = Ranker(load_banks([root / "phrasebanks"], use_cache=False))
    got = ranker.suggest("closing", "基层党建", limit=5)
    assert len(got) == 5 and all(e.function.startswith("closing.") for e in got)
    assert got[0].era in ("二十大时期", "通用")
    assert ranker.suggest("transition", "基层党建", limit=3)[0].function == "transition.points"
