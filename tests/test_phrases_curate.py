"""Curator commands: search, add, lint, merge, stats."""

from __future__ import annotations

import shutil

import pytest

from drafter.cli import main
from drafter.errors import ValidationError
from drafter.phrases.bank import Bank, Entry, format_bank, load_bank
from drafter.phrases.curate import add_entry, lint, merge_banks, search, stats


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def curated_copy(tmp_path, root):
    path = tmp_path / "curated.yaml"
    shutil.copy(root / "phrasebanks" / "curated.yaml", path)
    return path


def test_search_finds_the_saying_by_part_of_it(capsys):
    assert main(["phrases", "search", "车头带"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "火车跑得快，全靠车头带" in out[0]
    assert "seeds/000_0455fdd971ee24a7.txt:10" in "\n".join(out)


def test_search_ranks_substring_matches_before_word_matches_and_filters(root):
    bank = Bank("t", "d", [Entry("t-1", "加强基层组织建设", "collocation", tags=["组织体系"]),
                           Entry("t-2", "基层的组织要建设好", "saying", tags=["基层治理"]),
                           Entry("t-3", "毫不相干", "saying")])
    hits = search([bank], "基层组织建设")
    assert [h.entry.id for h in hits] == ["t-1", "t-2"]
    assert [h.entry.id for h in search([bank], "基层组织建设", function="saying")] == ["t-2"]
    assert [h.entry.id for h in search([bank], "基层", tag="组织体系")] == ["t-1"]


def test_add_appends_a_validated_entry_keeping_the_file_then_lint_is_clean(curated_copy, capsys):
    before = curated_copy.read_text(encoding="utf-8")
    assert main(["phrases", "add", "--bank", str(curated_copy), "--function", "section.tasks",
                 "--text", "要把{{ topic }}工作摆在突出位置，抓紧抓实抓出成效。", "--tag", "通用", "--era", "新时代"]) == 0
    assert "added curated-0204" in capsys.readouterr().out
    after = curated_copy.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, order and formatting untouched
    entry = load_bank(curated_copy).entries[-1]
    assert (entry.id, entry.slots, entry.tags) == ("curated-0204", ["topic"], ["通用"])
    assert [f for f in lint([curated_copy]) if f.severity == "error"] == []
    assert main(["phrases", "lint", str(curated_copy)]) == 0


def test_add_refuses_bad_entries_without_touching_the_file(curated_copy):
    before = curated_copy.read_bytes()
    with pytest.raises(ValidationError, match="half-width"):
        add_entry(curated_copy, function="saying", text="基础不牢,地动山摇")
    with pytest.raises(ValidationError, match=r"curated.yaml:\d+:\d+: .*function"):
        add_entry(curated_copy, function="section.nonsense", text="一句新话。")
    with pytest.raises(ValidationError, match="already has this text"):
        add_entry(curated_copy, function="saying", text="火车跑得快，全靠车头带。")
    assert curated_copy.read_bytes() == before


def test_add_to_an_empty_bank(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("# my bank\nbank: mine\ndescription: 我的\nentries: []\n", encoding="utf-8")
    entry = add_entry(path, function="saying", text="功成不必在我。", tags=["通用"])
    assert entry.id == "mine-0001"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my bank\n") and load_bank(path).entries[0].text == "功成不必在我。"


LINTY = """\
bank: linty
description: d
entries:
- id: l-1
  function: saying
  text: 基础不牢,地动山摇
- id: l-2
  function: saying
  text: 基础不牢，地动山摇！
- id: l-3
  function: section.tasks
  text: 要在{{ village_head }}上下功夫
- id: l-4
  function: section.importance
  text: 以“三个代表”重要思想为指导，加强基层党建。
  era: 十六大时期
- id: l-5
  function: section.importance
  text: 以“三个代表”重要思想为指导，加强基层党建工作。
"""


def test_lint_reports_duplicates_slots_punctuation_and_eras_with_lines(tmp_path, capsys):
    path = tmp_path / "linty.yaml"
    path.write_text(LINTY, encoding="utf-8")
    findings = lint([path], slots={"topic", "scope"})
    text = "\n".join(str(f) for f in findings)
    assert f"{path}:6:3" in text and "half-width ','" in text
    assert "l-2: duplicate of l-1" in text
    assert "village_head" in text and f"{path}:12:" in text
    assert "l-4: era 十六大时期 is outdated" in text
    assert "l-5: nearly the same as l-4" in text and "l-5: its wording dates it to 十六大时期" in text
    assert main(["phrases", "lint", str(path)]) == 1


def test_lint_reports_schema_errors(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("bank: b\ndescription: d\nentries:\n- id: b-1\n  function: sayin\n  text: 好\n", encoding="utf-8")
    findings = lint([path])
    assert findings and findings[0].severity == "error" and str(findings[0]).startswith(f"{path}:5:")


def test_merge_deduplicates_and_keeps_every_source(tmp_path, capsys):
    a = Bank("a", "d", [Entry("a-1", "火车跑得快，全靠车头带", "saying", tags=["班子建设"],
                              source={"file": "x/1.txt", "line": 3}, count={"occurrences": 2, "documents": 1}),
                        Entry("same", "只在甲", "saying")])
    b = Bank("b", "d", [Entry("b-9", "火车跑得快，全靠车头带。", "saying", tags=["干部队伍"],
                              source={"file": "y/2.txt", "line": 7}, count={"occurrences": 1, "documents": 1}),
                        Entry("same", "只在乙", "saying")])
    merged = merge_banks([a, b], "all")
    first = merged.entries[0]
    assert first.id == "a-1" and first.sources == [{"file": "x/1.txt", "line": 3}, {"file": "y/2.txt", "line": 7}]
    assert first.count == {"occurrences": 3, "documents": 2} and first.tags == ["班子建设", "干部队伍"]
    assert [e.id for e in merged.entries] == ["a-1", "same", "same-2"]
    for bank in (a, b):
        (tmp_path / f"{bank.bank}.yaml").write_text(format_bank(bank), encoding="utf-8")
    out = tmp_path / "all.yaml"
    assert main(["phrases", "merge", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out)]) == 0
    again = load_bank(out)
    assert again.entries[0].sources == first.sources and again.bank == "all"
    assert main(["phrases", "merge", str(tmp_path / "a.yaml"), "-o", str(out)]) == 1  # exists, no --force


def test_stats_count_by_function_tag_era_and_source(root, capsys):
    bank = Bank("s", "d", [Entry("s-1", "甲", "saying", tags=["通用"], era="新时代"),
                           Entry("s-2", "乙", "slogan", source={"file": "f.txt", "line": 1})])
    counts = stats([bank])
    assert counts["function"] == {"saying": 1, "slogan": 1}
    assert counts["era"]["新时代"] == 1 and counts["source"]["f.txt"] == 1 and counts["tag"]["(untagged)"] == 1
    assert main(["phrases", "stats"]) == 0
    assert "by function:" in capsys.readouterr().out


def test_bundled_banks_lint_without_errors(root):
    from drafter.phrases.bank import bank_paths
    errors = [str(f) for f in lint(bank_paths([root / "phrasebanks"])) if f.severity == "error"]
    assert errors == []


def test_add_creates_a_missing_bank_file(tmp_path):
    path = tmp_path / "county-banks.yaml"
    entry = add_entry(path, function="closing.call", text="让我们奋力开创{{ topic }}工作新局面！", tags=["通用"])
    bank = load_bank(path)
    assert (bank.bank, entry.id, bank.entries[0].slots) == ("county-banks", "county-banks-0001", ["topic"])


MINED_DEFECTS = """bank: m
description: d
entries:
- id: m-1
  function: collocation
  text: 发挥党员
  count: {occurrences: 2, documents: 2}
- id: m-2
  function: section.problems
  text: 在看到成绩的同时，我们还要清醒的认识到一些不容忽视的问题仍然存在。
- id: m-3
  function: slogan
  text: “一会四评”
  count: {occurrences: 3, documents: 1}
- id: m-4
  function: section.tasks
  text: 要认真贯彻党的十九届六中全会精神，推动工作落实。
- id: m-5
  function: saying
  text: 基础不牢，地动山摇
  era: 新时代
"""


def test_lint_flags_mined_defects_local_practices_outdated_wording_and_the_retired_era(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MINED_DEFECTS, encoding="utf-8")
    text = "\n".join(str(f) for f in lint([path], slots=set()))
    assert "m-1: fragment: 发挥 without its object" in text
    assert "m-2: de-di: '清醒的' should be '清醒地'" in text
    assert "m-3: a local practice found in one speech; tag it '地方做法'" in text
    assert "m-4: its wording dates it to 十九大时期" in text and "旧提法" in text
    assert f"{path}:21:" in text and "m-5: era 新时代 is retired" in text and "write 通用" in text


def test_the_retired_era_is_read_as_the_era_its_wording_gives(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MINED_DEFECTS.replace("基础不牢，地动山摇", "学习贯彻党的二十大精神"), encoding="utf-8")
    assert load_bank(path).entries[-1].era == "二十大时期"


def test_stats_report_kept_and_dropped_by_reason(tmp_path, capsys):
    path = tmp_path / "mined-x.yaml"
    bank = Bank("mined-x", "d", [Entry("x-1", "抓早抓小", "collocation", era="通用")],
                dropped={"fragment": 2, "one-off": 5})
    path.write_text(format_bank(bank), encoding="utf-8")
    assert load_bank(path).dropped == {"fragment": 2, "one-off": 5}
    assert stats([load_bank(path)])["dropped"] == {"fragment": 2, "one-off": 5}
    assert main(["phrases", "stats", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 entries kept in 1 banks; 7 mined candidates dropped" in out
    assert "dropped by reason:" in out and "5  one-off" in out and "by era:" in out


def test_a_bad_dropped_count_is_a_validation_error(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("bank: b\ndescription: d\ndropped: {fragment: -1}\nentries: []\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_bank(path)
    assert "dropped" in str(exc.value) and f"{path}:3" in str(exc.value)


# --- the near-duplicate pass is an exact similarity join (same findings as comparing every pair)

from hypothesis import given, settings, strategies as st  # noqa: E402

from drafter.phrases.bank import Bank as _Bank, Entry as _Entry  # noqa: E402
from drafter.phrases.curate import _bigram_ids, _bigrams, _near_duplicates  # noqa: E402


def _every_pair(texts: list[str]) -> list[tuple[int, int]]:
    grams = [_bigrams(t) for t in texts]
    out = []
    for i, g in enumerate(grams):
        for j in range(i):
            if len(g & grams[j]) / len(g | grams[j]) >= 0.8:
                out.append((i, j))
                break
    return out


_CHARS = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E00 + 40), min_size=2, max_size=14)


@st.composite
def _texts_with_near_copies(draw) -> list[str]:
    """Fresh texts and edits (one character changed, added or dropped) of earlier ones."""
    texts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        if texts and draw(st.booleans()):
            base = list(draw(st.sampled_from(texts)))
            at = draw(st.integers(0, len(base) - 1))
            op = draw(st.sampled_from(["change", "add", "drop"]))
            ch = draw(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E00 + 40))
            if op == "change":
                base[at] = ch
            elif op == "add":
                base.insert(at, ch)
            elif len(base) > 2:
                del base[at]
            text = "".join(base)
        else:
            text = draw(_CHARS)
        if text not in texts:
            texts.append(text)
    return texts


@settings(max_examples=300, deadline=None)
@given(_texts_with_near_copies())
def test_near_duplicates_flag_what_comparing_every_pair_flags_naming_the_earliest(texts):
    entries = [_Entry(f"e-{i}", t, "connective") for i, t in enumerate(texts)]
    bank = _Bank("b", "b", entries)
    items = [(e, bank) for e in entries]
    found = _near_duplicates({"connective": items}, [(bank, {})])
    expected = [f"e-{i}: nearly the same as e-{j} ({texts[j]})" for i, j in _every_pair(texts)]
    assert [f.message for f in found] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_bigram_numbers_stand_one_for_one_for_the_bigrams_of_a_text(text):
    from collections import defaultdict
    from itertools import count

    by_word: defaultdict = defaultdict(count().__next__)
    grams = _bigrams(text)
    ids = _bigram_ids(text, by_word)
    assert len(ids) == len(set(ids)) == len(grams)
    # the same bigram gets the same number in another text, a new one a new number
    for other in (text[::-1], text + "党建", "党建" + text[:3]):
        other_ids = set(_bigram_ids(other, by_word))
        assert len(set(ids) & other_ids) == len(grams & _bigrams(other)), other
