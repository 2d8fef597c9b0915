"""The curated banks: size and spread, clean lint, and 2026 wording in every curated-* entry.

curated.yaml is the original hand-written bank; curated-*.yaml are the
per-family banks written for the weekly genres (hosting, commending,
pledging, Party life, lectures, reports, topics beyond party building).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from drafter.check.rulefile import builtin_rules
from drafter.phrases.bank import CURRENT_ERAS, Entry, era_of, load_bank, slots_in
from drafter.phrases.curate import known_slots, lint
from drafter.vocabulary import FUNCTIONS
from drafter.yamlsrc import load_yaml

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "phrasebanks"
FAMILY_FILES = sorted(BANKS.glob("curated-*.yaml"))
# The per-family banks written for issue 11 (other curated-* banks may join them; the wording rules
# below hold for every curated-* file, the bookkeeping rules for these).
OWN_BANKS = ("curated-meetings", "curated-hosting", "curated-party-life", "curated-lectures", "curated-reports",
             "curated-topics", "curated-party-building")
OWN_FILES = [BANKS / f"{name}.yaml" for name in OWN_BANKS]
ERAS_FOR_NEW_WORDING = {"二十大时期", "通用"}
SPEECH_YEAR = 2026
# A literal scope names one level; entries meant for any level use {{ scope }}.
LITERAL_SCOPES = ("全县", "全市", "全区", "全镇", "全乡")
# Two or more characters repeated back to back (工作工作, 组织组织) once slots are filled.
DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,})\1")
TYPICAL_FACTS = {"scope": "全县", "committee": "县委", "topic": "基层党建", "meeting": "全县基层党建工作会议",
                 "earlier_speakers": "李明同志", "name": "王强", "count": "12"}
TOPICS_BEYOND_PARTY_BUILDING = ("乡村振兴", "基层治理", "党风廉政", "干部队伍", "人才工作", "安全生产", "营商环境",
                                "生态环保", "民生", "意识形态")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def curated_entries() -> list[Entry]:
    return [e for p in [BANKS / "curated.yaml", *FAMILY_FILES] for e in load_bank(p).entries]


@pytest.fixture(scope="module")
def family_entries() -> list[Entry]:
    return [e for p in FAMILY_FILES for e in load_bank(p).entries]


def wording_problems(entry: Entry, slots: set[str]) -> list[str]:
    """What makes a curated entry unfit for a 2026 draft (empty when it is fine)."""
    problems = []
    if entry.era not in CURRENT_ERAS:
        problems.append(f"era {entry.era!r} is not current")
    dated = era_of(entry.text)
    if dated and dated not in CURRENT_ERAS:
        problems.append(f"wording dates it to {dated}")
    for rule in builtin_rules():
        if rule.applies(SPEECH_YEAR) and (m := rule.pattern.search(entry.text)):
            problems.append(f"{rule.id}: {m.group(0)}")
    problems += [f"literal {s}" for s in LITERAL_SCOPES if s in entry.text]
    problems += [f"undeclared slot {s}" for s in slots_in(entry.text) if s not in entry.slots]
    problems += [f"unknown slot {s}" for s in entry.slots if s not in slots]
    if entry.text.count("{{ count }}") > 1:
        problems.append("{{ count }} twice: one figure per entry")
    filled = entry.text
    for name, value in TYPICAL_FACTS.items():
        filled = filled.replace("{{ " + name + " }}", value)
    if m := DOUBLED.search(filled):
        problems.append(f"doubled {m.group(0)}")
    return problems


def test_curated_banks_hold_at_least_1000_entries_in_40_functions(curated_entries):
    functions = Counter(e.function for e in curated_entries)
    assert len(curated_entries) >= 1000
    assert len(functions) >= 40
    assert set(functions) <= set(FUNCTIONS)


def test_every_function_of_the_vocabulary_has_curated_entries(curated_entries):
    missing = set(FUNCTIONS) - {e.function for e in curated_entries}
    assert not missing, f"functions without curated wording: {sorted(missing)}"


def test_curated_wording_covers_topics_beyond_party_building(family_entries):
    tags = Counter(t for e in family_entries for t in e.tags)
    thin = {t: tags[t] for t in TOPICS_BEYOND_PARTY_BUILDING if tags[t] < 10}
    assert not thin, f"topics with fewer than 10 curated entries: {thin}"
    for topic in ("乡村振兴", "安全生产", "营商环境", "生态环保", "民生", "基层治理"):
        roles = {e.function for e in family_entries if topic in e.tags}
        assert {"section.importance", "section.tasks", "section.leadership", "heading.pattern"} <= roles, topic


def test_lint_is_clean_and_says_nothing_about_the_new_family_banks():
    findings = lint(sorted(BANKS.glob("*.yaml")))
    assert [str(f) for f in findings if f.severity == "error"] == []
    about_family = [str(f) for f in findings if any(f"{n}-0" in str(f) or f"{n}.yaml" in str(f) for n in OWN_BANKS)]
    assert about_family == []


def test_new_family_banks_are_labelled_with_the_current_period_or_timeless():
    labels = Counter(e.era for p in OWN_FILES for e in load_bank(p).entries)
    assert set(labels) <= ERAS_FOR_NEW_WORDING, labels
    assert labels["二十大时期"] >= 100 and labels["通用"] >= 100


def test_every_curated_family_entry_is_current_2026_wording_for_any_level(family_entries):
    slots = known_slots()
    bad = {e.id: p for e in family_entries if (p := wording_problems(e, slots))}
    assert bad == {}


def test_the_wording_check_catches_outdated_local_and_doubled_entries():
    slots = known_slots()
    ok = Entry("t-1", "要深入学习贯彻党的二十大和二十届历次全会精神，推动{{ topic }}工作。", "section.tasks",
               slots=["topic"], era="二十大时期")
    assert wording_problems(ok, slots) == []
    old = Entry("t-2", "要深入学习贯彻党的十九大精神。", "section.tasks", era="通用")
    assert any("cpc19" in p for p in wording_problems(old, slots))
    local = Entry("t-3", "全县上下要扛起责任。", "section.tasks", era="通用")
    assert "literal 全县" in wording_problems(local, slots)
    doubled = Entry("t-4", "推动{{ topic }}工作工作落实。", "section.tasks", slots=["topic"], era="通用")
    assert any(p.startswith("doubled") for p in wording_problems(doubled, slots))
    twice = Entry("t-5", "新建{{ count }}个，整顿{{ count }}个。", "achievement.figures", slots=["count"], era="通用")
    assert any("twice" in p for p in wording_problems(twice, slots))
    old_label = Entry("t-6", "要牢记“三个务必”。", "section.tasks", era="十八大时期")
    assert any(p.startswith("era") for p in wording_problems(old_label, slots))


def test_new_family_files_declare_the_slots_they_use_in_the_file_itself():
    assert all(p.exists() for p in OWN_FILES)
    for path in OWN_FILES:
        for raw in load_yaml(path).data["entries"]:
            assert raw.get("slots", []) == slots_in(raw["text"]), raw["id"]


def test_quotations_of_the_general_secretary_carry_their_source_and_date(curated_entries):
    quotes = [e for e in curated_entries if e.function == "quote.leader"]
    assert len(quotes) >= 20
    for e in quotes:
        assert e.note and re.match(r"出自\d{4}年\d{1,2}月(\d{1,2}日)?", e.note), e.id
        assert e.text.endswith(("。", "！", "？")), e.id


def test_achievement_frames_leave_the_figure_to_a_count_slot(curated_entries):
    frames = [e for e in curated_entries if e.function == "achievement.figures"]
    assert len(frames) >= 15
    for e in frames:
        assert "count" in e.slots, e.id
        assert not re.search(r"\d", e.text.replace("{{ count }}", "")), e.id


def test_family_bank_ids_follow_the_bank_name_and_numbering():
    for path in OWN_FILES:
        bank = load_bank(path)
        assert bank.bank == path.stem
        assert [e.id for e in bank.entries] == [f"{bank.bank}-{i:04d}" for i in range(1, len(bank.entries) + 1)]
