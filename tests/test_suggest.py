"""`drafter suggest`: ranked suggestions that read right for the speech's topic, level and date."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.phrases.bank import CURRENT_ERAS, Bank, Entry, find_entry, load_banks
from drafter.phrases.topics import thesaurus
from drafter.suggesting import Situation, fill_text, suggest

ROOT = Path(__file__).resolve().parent.parent
UNITS = "省市县区镇乡州旗"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def banks():
    return load_banks([ROOT / "phrasebanks"], use_cache=False)


def _outdated(text: str, year: int) -> list[str]:
    """What `drafter check`'s registry finds outdated or wrong in `text` for a speech in `year`."""
    from drafter.check.rulefile import builtin_rules

    return [r.id for r in builtin_rules() if r.applies(year) and r.pattern.search(text)]


def _other_level(text: str, unit: str) -> list[str]:
    """Collective scope words (全市, 我市, 本市) of another level than `unit`."""
    return [m.group(0) for m in re.finditer(rf"[全我本]([{UNITS}])(?![场域内外级长委])", text) if m.group(1) != unit]


# outline, part, topic, scope (level unit), date
SITUATIONS = [
    ("work-meeting", "tasks", "乡村振兴", "全县", "县", "2026-03-10"),
    ("annual-organisation", "opening", "组织工作", "全市", "市", "2026-01-20"),
    ("work-meeting", "closing", "人才工作", "全县", "县", "2026-05-10"),
    ("rectification", "tasks", "软弱涣散党组织整顿", "全镇", "镇", "2026-04-15"),
    ("training-class", "importance", "干部队伍建设", "市直机关", "市", "2026-06-18"),
    ("work-meeting", "leadership", "基层治理", "青田县", "县", "2026-09-01"),
]


@pytest.mark.parametrize("outline, part, topic, scope, unit, day", SITUATIONS)
def test_top_five_use_the_topic_and_are_current_at_the_speakers_level_and_filled(banks, outline, part, topic,
                                                                                  scope, unit, day):
    date = dt.date.fromisoformat(day)
    got = suggest(Situation(part, topic, scope, date, outline, facts={"topic": topic, "scope": scope, "date": date}),
                  5, banks)
    assert len(got) == 5
    vocabulary = [w for t in thesaurus().matching(topic, outline) for w in t.vocabulary] + [topic]
    on_topic = [s for s in got if any(w in s.text for w in vocabulary)]
    assert len(on_topic) >= 2, [s.text for s in got]
    for s in got:
        entry = find_entry(banks, s.id)
        assert entry.era is None or entry.era in CURRENT_ERAS, (s.id, entry.era)
        assert "旧提法" not in entry.tags
        assert not _outdated(s.text, date.year), s.text
        assert not re.search(r"十九届|十四五|20[01]\d年|202[0-5]年", s.text), s.text
        assert not _other_level(s.text, unit), s.text
        assert not s.open_slots and "{{" not in s.text and "〔" not in s.text, s.text
        assert not re.search(r"(工作|全[县市区镇]|同志)\1", s.text), s.text
        assert s.reasons and s.reasons[0].startswith(("function", "related function"))


def test_the_2021_plenum_formula_is_not_offered_to_open_a_2026_organisation_meeting(banks):
    date = dt.date(2026, 1, 20)
    got = suggest(Situation("opening", "组织工作", "全市", date, "annual-organisation"), 10, banks)
    assert "mined-opening-purpose-1a51214d" not in [s.id for s in got[:5]]  # 十九届六中全会 … 2021年


def test_a_county_speech_gets_city_scope_words_as_its_own():
    banks = [Bank("t", "d", [Entry("t-1", "全市各级党组织要把{{ topic }}工作摆上重要议事日程", "section.leadership")])]
    (s,) = suggest(Situation("leadership", "人才工作", "全县", dt.date(2026, 5, 1)), 1, banks)
    assert s.text == "全县各级党组织要把人才工作摆上重要议事日程"


def test_slots_fill_as_the_renderer_does_without_doubling_words():
    facts = {"topic": "人才工作", "scope": "全县", "date": dt.date(2026, 11, 23), "earlier_speakers": ["李明同志", "王芳同志"]}
    text, open_slots = fill_text("刚才，{{ earlier_speakers }}讲了，{{ committee }}要求{{ date }}前开创{{ topic }}工作新局面",
                                 facts)
    assert text == "刚才，李明同志、王芳同志讲了，县委要求2026年11月23日前开创人才工作新局面" and open_slots == []


def test_unfillable_slots_are_named_and_listed_last_unless_given():
    banks = [Bank("t", "d", [
        Entry("t-1", "要加强与{{ region }}的深度合作，广泛吸纳人才", "section.tasks", count={"occurrences": 5, "documents": 4}),
        Entry("t-2", "要完善人才服务保障体系，让各类人才引得进、留得住", "section.tasks"),
    ])]
    situation = Situation("tasks", "人才工作", "全县", dt.date(2026, 5, 1))
    got = suggest(situation, 2, banks)
    assert [s.id for s in got] == ["t-2", "t-1"]
    assert got[1].open_slots == ["region"] and "〔地名〕" in got[1].text and "{{" not in got[1].text
    given = suggest(Situation("tasks", "人才工作", "全县", dt.date(2026, 5, 1), slots={"region": "浙江大学"}), 2, banks)
    assert given[0].id == "t-1" and "浙江大学" in given[0].text and not given[0].open_slots


# ---------------------------------------------------------------------------- the command

def drafter(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_suggest_json_lists_ranked_filled_suggestions(tmp_path):
    proc = drafter("suggest", "--outline", "work-meeting", "--function", "tasks", "--topic", "乡村振兴",
                   "--scope", "全县", "--date", "2026-03-10", "-n", "4", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data) == 4
    assert {"id", "text", "function", "era", "tags", "score", "reasons", "source"} <= set(data[0])
    assert data[0]["function"] == "section.tasks" and "乡村振兴" in data[0]["text"]
    assert any(r.startswith("topic words") for r in data[0]["reasons"])
    assert data[0]["source"].endswith(".yaml") or ".txt:" in data[0]["source"]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_suggest_prints_text_with_its_reasons():
    proc = drafter("suggest", "--function", "closing", "--topic", "人才工作", "--scope", "全县", "--date",
                   "2026-05-10", "-n", "2")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("1. ") and "人才" in lines[0]
    assert "closing." in lines[1] and "function closing." in lines[2]


def test_suggest_takes_everything_from_a_spec_section(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("outline: work-meeting\nfacts:\n  speaker: 王建国\n  date: 2026-03-10\n  scope: 青田县\n"
                    "  meeting: 乡村振兴工作会议\n  topic: 乡村振兴\nsections:\n"
                    "  - heading: 统一思想，充分认识{{ topic }}工作的重要性\n    role: importance\n"
                    "  - heading: 突出重点，全面推进{{ topic }}\n    role: tasks\n", encoding="utf-8")
    proc = drafter("suggest", "--spec", str(spec), "--section", "2", "-n", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data[0]["function"] == "section.tasks" and "乡村振兴" in data[0]["text"]
    assert all("{{" not in d["text"] for d in data)


@pytest.mark.parametrize("args, code, words", [
    (["--function", "tasks", "--date", "2026-13-01"], 2, "2026-13-01"),
    (["--function", "tasks", "-n", "0"], 2, "≥ 1"),
    (["--function", "tasks", "--slot", "region"], 2, "NAME=VALUE"),
    (["--function", "taks"], 1, "did you mean tasks"),
    (["--outline", "no-such", "--function", "tasks"], 1, "unknown outline 'no-such'"),
    (["--topic", "乡村振兴"], 1, "give --function"),
    (["--spec", "missing.yaml"], 1, "--section"),
    (["--function", "tasks", "--era", "十九大"], 1, "not a known era"),
])
def test_bad_input_is_a_clear_error_without_a_traceback(args, code, words):
    proc = drafter("suggest", *args)
    assert proc.returncode == code and words in proc.stderr and "Traceback" not in proc.stderr
