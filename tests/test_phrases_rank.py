"""Ranking suggestions: function, topic (thesaurus), level, era, local practice, near-duplicates, search."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.errors import ValidationError
from drafter.phrases.bank import Bank, Entry, load_banks
from drafter.phrases.rank import Query, Ranker, _scope_unit, functions_for
from drafter.phrases.topics import parse_thesaurus, thesaurus
from drafter.yamlsrc import parse_yaml


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def _bank(*entries: Entry) -> list[Bank]:
    return [Bank("r", "d", list(entries))]


def _ids(ranked) -> list[str]:
    return [getattr(r, "entry", r).id for r in ranked]


BASE = [
    Entry("r-1", "人才是第一资源", "saying", tags=["人才工作"], era="新时代"),
    Entry("r-2", "要充分认识乡村振兴的重要性", "section.importance", tags=["乡村振兴"], era="新时代"),
    Entry("r-3", "要充分认识基层党建工作的重要性和紧迫性", "section.importance", era="新时代"),
    Entry("r-4", "要充分认识加强基层党建工作的重要意义", "section.importance", era="十六大时期",
          tags=["旧提法"], count={"occurrences": 9, "documents": 5}),
    Entry("r-5", "基层党建工作要抓紧抓实", "section.tasks", era="新时代"),
    Entry("r-6", "思想是行动的先导", "section.importance", count={"occurrences": 3, "documents": 2}),
    Entry("r-7", "基层党建是固本之举", "heading.pattern"),
]


def test_the_sections_own_function_comes_first_then_related_then_shared_words():
    got = _ids(Ranker(_bank(*BASE)).suggest("importance", "基层党建"))
    assert set(got[:3]) == {"r-2", "r-3", "r-6"}
    assert got.index("r-7") < got.index("r-1")  # heading patterns before generic sayings for a section
    assert "r-5" in got  # another function, offered only because it shares the topic words


def test_earlier_era_wording_comes_after_every_current_entry_whatever_its_tier():
    got = _ids(Ranker(_bank(*BASE)).suggest("section.importance", "基层党建", heading="加强基层党建工作"))
    assert got[-1] == "r-4" and got[0] == "r-3"
    asked = _ids(Ranker(_bank(*BASE)).suggest("section.importance", "基层党建", heading="加强基层党建工作",
                                              eras=["十六大时期"]))
    assert asked.index("r-4") < asked.index("r-7")  # history asked for: ranked as current


def test_wording_dated_by_its_own_words_ranks_last_for_a_2026_speech():
    bank = _bank(
        Entry("d-1", "要认真贯彻党的十九届六中全会精神，总结2021年组织工作", "opening.purpose", era="新时代",
              count={"occurrences": 4, "documents": 3}),
        Entry("d-2", "今年是“十四五”规划的开局之年，做好组织工作意义重大", "opening.purpose", era="新时代"),
        Entry("d-3", "今天召开组织工作会议，主要任务是总结工作、部署任务", "opening.purpose", era="新时代"),
        Entry("d-4", "党的十八大以来，组织工作取得历史性成就", "opening.purpose", era="新时代"),
    )
    ranker = Ranker(bank)
    got = ranker.rank(Query("opening", "组织工作", year=2026), 4)
    assert _ids(got)[:2] == ["d-3", "d-4"]  # 十八大以来 is current wording, not a dated plenum
    assert {r.entry.id: r.demoted for r in got}["d-1"].startswith("dated wording")
    assert _ids(ranker.rank(Query("opening", "组织工作", year=2020), 4))[0] == "d-1"  # right in its own time


def test_topic_thesaurus_puts_entries_using_the_topics_words_before_generic_lines():
    bank = _bank(
        Entry("t-1", "要坚持大抓基层的鲜明导向，推动基层党组织全面进步、全面过硬", "section.tasks", era="新时代",
              count={"occurrences": 8, "documents": 5}),
        Entry("t-2", "要健全党建工作责任制，一级抓一级、层层抓落实", "section.tasks", era="新时代",
              count={"occurrences": 6, "documents": 4}),
        Entry("t-3", "要发展壮大新型农村集体经济，带动农民增收", "section.tasks", era="新时代"),
        Entry("t-4", "要培育壮大特色产业，建设宜居宜业和美乡村", "section.tasks", era="新时代"),
    )
    got = Ranker(bank).rank(Query("tasks", "乡村振兴"), 4)
    assert set(_ids(got)[:2]) == {"t-3", "t-4"}
    reasons = "; ".join(got[0].reasons + got[1].reasons)
    assert "function section.tasks" in reasons and "topic words" in reasons and "农村" in reasons


def test_another_levels_collective_becomes_the_scope_slot():
    bank = _bank(Entry("s-1", "全市各级党组织要把这项工作摆上重要议事日程，我市上下要形成合力", "section.leadership"))
    (r,) = Ranker(bank).rank(Query("leadership", "基层党建", scope="全县"), 1)
    assert r.entry.text == "{{ scope }}各级党组织要把这项工作摆上重要议事日程，我县上下要形成合力"
    assert r.entry.slots == ["scope"] and any("scope words 全市、我市 adapted" in x for x in r.reasons)
    (same,) = Ranker(bank).rank(Query("leadership", "基层党建", scope="丽水市"), 1)
    assert same.entry.text.startswith("全市各级党组织")  # the right level: kept as written


def test_an_entry_addressing_a_higher_levels_audience_ranks_down():
    bank = _bank(Entry("a-1", "各县（市、区）要抓紧制定实施方案", "section.leadership", count={"occurrences": 5, "documents": 4}),
                 Entry("a-2", "要细化任务分工，明确时间表、路线图", "section.leadership"))
    assert _ids(Ranker(bank).rank(Query("leadership", scope="全县"), 2)) == ["a-2", "a-1"]
    assert _ids(Ranker(bank).rank(Query("leadership", scope="全市"), 2)) == ["a-1", "a-2"]


def test_local_practice_never_outranks_general_wording_even_on_topic():
    bank = _bank(Entry("l-1", "推行乡村振兴“一会四评”工作法", "section.tasks", tags=["地方做法", "乡村振兴"],
                       count={"occurrences": 9, "documents": 5}),
                 Entry("l-2", "要抓紧抓实各项工作", "section.tasks"),
                 Entry("l-3", "乡村振兴，关键在党", "saying"))
    got = Ranker(bank).rank(Query("tasks", "乡村振兴"), 3)
    assert _ids(got)[-1] == "l-1" and "地方做法" in got[-1].demoted


def test_a_topic_specific_closing_is_offered_first_only_to_its_own_speech():
    bank = _bank(Entry("c-1", "希望大家抓实抓细软弱涣散村党组织整顿工作，圆满完成整顿任务！", "closing.call",
                       count={"occurrences": 4, "documents": 3}),
                 Entry("c-2", "希望大家认真贯彻这次会议精神，确保各项任务落地见效！", "closing.call"))
    assert _ids(Ranker(bank).rank(Query("closing", "人才工作"), 2)) == ["c-2", "c-1"]
    assert _ids(Ranker(bank).rank(Query("closing", "", outline="rectification"), 2))[0] == "c-1"
    assert _ids(Ranker(bank).rank(Query("closing", "软弱涣散党组织整顿"), 2))[0] == "c-1"


def test_near_duplicates_of_a_higher_result_are_dropped():
    bank = _bank(Entry("n-1", "要坚持大抓基层的鲜明导向，推动基层党组织全面进步、全面过硬。", "section.tasks",
                       count={"occurrences": 3, "documents": 2}),
                 Entry("n-2", "要坚持大抓基层鲜明导向，推动基层党组织全面进步全面过硬", "section.tasks"),
                 Entry("n-3", "要细化任务分工，明确时间表、路线图", "section.tasks"))
    assert _ids(Ranker(bank).rank(Query("tasks", "基层党建"), 3)) == ["n-1", "n-3"]


def test_role_names_map_to_functions():
    assert functions_for("importance")[0] == ("section.importance",)
    assert functions_for("section.importance")[0] == ("section.importance",)
    assert set(functions_for("closing")[0]) == {"closing.call", "closing.resolve"}
    assert "saying" in functions_for("tasks")[1]
    assert "collocation" not in functions_for("closing")[1]  # a closing is a whole sentence, not a collocation


@pytest.mark.parametrize("scope, unit", [("全县", "县"), ("青田县", "县"), ("丽水市", "市"), ("全市组织系统", "市"),
                                         ("市直机关", "市"), ("县直机关", "县"), ("某某镇", "镇"), ("全镇", "镇"),
                                         ("莲都区", "区"), ("全省", "省"), ("某某街道", "街道"), ("", None), ("县委组织部", None)])
def test_the_level_comes_from_the_scope(scope, unit):
    assert _scope_unit(scope) == unit


def test_the_thesaurus_covers_the_common_topics_and_recognises_them_in_a_topic():
    names = {t.name for t in thesaurus().topics}
    assert {"基层党建", "乡村振兴", "基层治理", "党风廉政", "干部队伍", "人才工作", "安全生产", "营商环境", "生态环保",
            "民生", "意识形态", "组织工作", "主题教育"} <= names
    assert {"乡村振兴", "基层党建"} <= {t.name for t in thesaurus().matching("抓党建促乡村振兴")}
    assert [t.name for t in thesaurus().matching("人才")] == ["人才工作"]
    assert thesaurus().matching("工作") == ()
    assert "软弱涣散整顿" in {t.name for t in thesaurus().matching("", outline="rectification")}


def test_a_broken_thesaurus_names_the_line():
    doc = parse_yaml("topics:\n  - name: 民生\n    words: 就业\n", "t.yaml")
    with pytest.raises(ValidationError) as exc:
        parse_thesaurus(doc)
    assert "t.yaml:3" in str(exc.value) and "words" in str(exc.value)


def test_suggest_on_the_bundled_banks_offers_current_phrases_for_a_role(root):
    ranker = Ranker(load_banks([root / "phrasebanks"], use_cache=False))
    got = ranker.suggest("closing", "基层党建", limit=5)
    assert len(got) == 5 and all(e.function.startswith("closing.") for e in got)
    assert all(e.era in (None, "通用", "二十大时期") for e in got)
    assert ranker.suggest("transition", "基层党建", limit=3)[0].function == "transition.points"


# ---------------------------------------------------------------------------- search

SEARCH_BANK = [Entry(f"q-{i}", text, fn, tags=tags) for i, (text, fn, tags) in enumerate([
    ("火车跑得快，全靠车头带", "saying", []),
    ("基层党建工作要抓紧抓实", "section.tasks", ["组织体系"]),
    ("要发展壮大新型农村集体经济", "section.tasks", ["乡村振兴"]),
    ("基础不牢，地动山摇", "saying", ["组织体系"]),
    ("要坚持大抓基层的鲜明导向", "section.tasks", []),
    ("党建引领基层治理", "heading.pattern", ["基层治理"]),
])]


def test_search_finds_substrings_of_text_and_tags_in_ranking_order():
    ranker = Ranker(_bank(*SEARCH_BANK))
    assert _ids(ranker.search("基层", "tasks", "基层党建")) == ["q-1", "q-4", "q-5"]
    assert _ids(ranker.search("乡村振兴", "tasks", "")) == ["q-2"]  # a tag
    assert ranker.search("不存在的词", "tasks", "") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="基层党建工作要抓实火车跑得快全靠带乡村振兴体系治理引领，", min_size=1, max_size=4))
def test_search_matches_exactly_what_a_scan_would(query):
    ranker = Ranker(_bank(*SEARCH_BANK))
    expected = {e.id for e in SEARCH_BANK if query in e.text or query in " ".join(e.tags)}
    got = ranker.search(query, "tasks", "", limit=50)
    assert {e.id for e in got} == expected and len(got) == len(expected)
