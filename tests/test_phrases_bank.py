"""Phrase-bank format: validation with locations, slots, cache, the committed banks."""

from __future__ import annotations

import re

import pytest

from drafter.errors import TemplateError, UnknownNameError, ValidationError
from drafter.phrases.bank import (Bank, Entry, ERAS, FUNCTIONS, OUTDATED_TAG, fill_slots, find_entry, format_bank,
                                  load_bank, load_banks, parse_bank)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


BAD = """\
bank: demo
description: test bank
entries:
  - id: demo-0001
    function: section.importance
    text: 统一思想，充分认识{{ topic }}的重要性
  - id: demo-0002
    function: section.importanse
    text: 好的
  - id: demo-0003
    function: saying
    text: ""
  - id: demo-0004
    function: saying
    text: 为{{ scope }}作出贡献
    slots: [topic]
    era: 2004年
  - id: demo-0001
    function: saying
    text: 重复的编号
"""


def test_schema_errors_name_file_line_and_every_problem(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_bank(path)
    problems = [str(p) for p in exc.value.problems]
    assert len(problems) >= 5
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", p) for p in problems)
    joined = "\n".join(problems)
    assert ":8:" in joined and "section.importance" in joined  # the misspelt function, with a suggestion
    assert ":12:" in joined and "text" in joined  # empty text
    assert "does not list 'scope'" in joined and "'topic' is listed" in joined
    assert "2004年" in joined and "duplicate id 'demo-0001' (first at line 4)" in joined


def test_template_syntax_beyond_plain_slots_is_refused():
    text = "bank: b\ndescription: d\nentries:\n- id: b-1\n  function: saying\n  text: '{{ x.__class__ }}{% if 1 %}'\n"
    with pytest.raises(ValidationError, match="only plain slots"):
        parse_bank(text, "b.yaml")


def test_fill_slots_inserts_values_as_text_never_as_code():
    entry = Entry("x-1", "为{{ scope }}{{ topic }}工作作出新的更大贡献", "closing.call", slots=["scope", "topic"])
    assert fill_slots(entry, {"scope": "全县", "topic": "基层党建"}) == "为全县基层党建工作作出新的更大贡献"
    assert fill_slots(entry, {"scope": "{{ 7*7 }}", "topic": ["甲", "乙"]}) == "为{{ 7*7 }}甲、乙工作作出新的更大贡献"
    with pytest.raises(TemplateError, match="topic"):
        fill_slots(entry, {"scope": "全县"})


def test_find_entry_suggests_close_ids():
    bank = Bank("b", "d", [Entry("curated-0012", "文本", "saying")])
    assert find_entry([bank], "curated-0012").text == "文本"
    with pytest.raises(UnknownNameError, match="curated-0012"):
        find_entry([bank], "curated-0021")


def test_format_bank_round_trips_every_field():
    entry = Entry("m-1", "{{ region }}开展“三会一课”: 活动", "slogan", tags=["党员教育", OUTDATED_TAG],
                  slots=["region"], era=ERAS[1], source={"file": "seeds/a b.txt", "line": 3},
                  count={"occurrences": 3, "documents": 2}, note="注意：旧提法",
                  more_sources=[{"file": "seeds/c.txt", "line": 9}])
    bank = Bank("m", "描述: with colon", [entry])
    again = parse_bank(format_bank(bank, "header line"), "m.yaml")
    assert again.to_dict() == bank.to_dict()


def test_load_banks_caches_by_contents_and_sees_edits(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    path = folder / "a.yaml"
    path.write_text(format_bank(Bank("a", "d", [Entry("a-1", "第一条", "saying")])), encoding="utf-8")
    first = load_banks([folder])
    assert [e.text for e in first[0].entries] == ["第一条"]
    assert list((tmp_path / "cache").glob("banks-*.json"))
    assert [e.text for e in load_banks([folder])[0].entries] == ["第一条"]  # from the cache
    path.write_text(format_bank(Bank("a", "d", [Entry("a-1", "改过了", "saying")])), encoding="utf-8")
    assert [e.text for e in load_banks([folder])[0].entries] == ["改过了"]


def test_ids_must_be_unique_across_banks(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(format_bank(Bank(name, "d", [Entry("same-1", name, "saying")])),
                                              encoding="utf-8")
    with pytest.raises(ValidationError, match="same-1"):
        load_banks([tmp_path], use_cache=False)


def test_curated_bank_has_150_tagged_current_entries_over_10_functions(root):
    bank = load_bank(root / "phrasebanks" / "curated.yaml")
    functions = {e.function for e in bank.entries}
    assert len(bank.entries) >= 150 and len(functions) >= 10
    assert all(e.tags for e in bank.entries)
    assert all(e.era in ("二十大时期", "通用") for e in bank.entries)
    from drafter.eras import era_of
    assert all(e.era == era_of(e.text) for e in bank.entries), "an entry's era is the one its own wording gives"
    assert functions <= set(FUNCTIONS)
    half_width = [e.id for e in bank.entries if re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", e.text)]
    assert half_width == []


def test_bundled_banks_load_together(root):
    banks = load_banks([root / "phrasebanks"], use_cache=False)
    names = {b.bank for b in banks}
    assert "curated" in names and {"mined-sayings", "mined-formulas", "mined-headings"} <= names
    ids = [e.id for b in banks for e in b.entries]
    assert len(ids) == len(set(ids))
