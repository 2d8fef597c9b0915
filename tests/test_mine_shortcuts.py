"""The miner's and the cleaner's fast forms answer exactly as the plain forms they replace.

Mining speed (bench/bench_mine.py) comes partly from reformulations: patterns that start from
the character a match must hold (so the search skips to it), and text steps run only on the
lines holding a character they act on. Each plain
form is written out here as the reference, and random text is held to give the same answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.corpus import clean
from drafter.corpus.clean import chars, script
from drafter.corpus.clean.common import CJK as CLEAN_CJK
from drafter.corpus.clean.common import FW_PUNCT, map_text, trigger_of
from drafter import textio
from drafter.corpus.lines import TextLine
from drafter.corpus.load import load
from drafter.phrases.patterns import CJK, SECTION_CUES, TOPIC_KEYWORDS, couplets

ROOT = Path(__file__).resolve().parent.parent
SEED_LINES = [tl.text for p in sorted((ROOT / "seeds").glob("*.txt")) for tl in load(p).lines]

# Characters the patterns care about, plus a little of everything else.
_TOPIC_CHARS = "".join(sorted({c for words in TOPIC_KEYWORDS.values() for w in words for c in w}))
_ALPHABET = (_TOPIC_CHARS + "基础不牢地动山摇讲学习政治正气说是要必须督查考核问责严格加强"
             + "，、。！？；：“”（）《》—…·" + ',;:?!()".-' + " \t\u3000\u00a0" + "0123456789abcxyz"
             + "\u200b\ufe50\uff0c\x07\x1bāá页•?－–【[")
_TEXT = st.text(alphabet=_ALPHABET, max_size=60)
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


# --------------------------------------------------------------------------- couplets

_COUPLET_RE = re.compile(rf"(?<![{CJK}])(?=([{CJK}]{{4}}[，、][{CJK}]{{4}})(?![{CJK}]))")


def _couplets_by_lookahead(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in _COUPLET_RE.finditer(text)]


@_SETTINGS
@given(st.text(alphabet="基础不牢地动山摇，、。说a", max_size=40))
def test_couplets_are_the_lookahead_matches_overlaps_included(text):
    assert couplets(text) == _couplets_by_lookahead(text)


def test_couplets_in_the_seeds_and_a_chain_of_three():
    assert couplets("我们常说，基础不牢，地动山摇，必须牢记") == [
        (0, "我们常说，基础不牢"), (5, "基础不牢，地动山摇"), (10, "地动山摇，必须牢记")]
    assert couplets("常说，基础不牢，地动山摇。") == [(3, "基础不牢，地动山摇")]
    for line in SEED_LINES:
        assert couplets(line) == _couplets_by_lookahead(line), line


# --------------------------------------------------------------------------- section cues

_SUPERVISION = re.compile(r"^(要|必须).{0,20}(督查|督导|考核|问责)|(严格|强化|加强)(督查|考核|问责)")


def _cue_function(sentence: str) -> str | None:
    return next((f for f, cue in SECTION_CUES if cue.search(sentence)), None)


@_SETTINGS
@given(_TEXT)
def test_the_supervision_cue_split_in_two_finds_what_the_single_pattern_found(text):
    supervision = [cue for f, cue in SECTION_CUES if f == "section.supervision"]
    assert any(cue.search(text) for cue in supervision) == bool(_SUPERVISION.search(text))


def test_section_cues_keep_their_order():
    assert [f for f, _ in SECTION_CUES][:5] == ["section.problems", "section.importance", "section.leadership",
                                                "section.supervision", "section.supervision"]
    assert _cue_function("要把督查考核贯穿工作始终，确保各项任务落到实处。") == "section.supervision"
    assert _cue_function("要坚持严格考核，推动工作落实。") == "section.supervision"
    assert _cue_function("要坚持问题导向，推动工作落实。") == "section.tasks"


# --------------------------------------------------------------------------- cleaning patterns

_C, _FW, _S = CLEAN_CJK, FW_PUNCT, " \t\u3000\u00a0"
# name: (the pattern as it reads plainly, the form drafter uses)
_CLEANING_PATTERNS = {
    "ASCII mark next to Chinese": (f"(?<=[{_C}{_FW}])[,;:?!]|[,;:?!](?=[{_C}{_FW}])", chars._MARK_BY_CHINESE),
    "spaces next to a full-width mark": (f"(?<=[{_FW}])[{_S}]+(?=[{_C}{_FW}])|(?<=[{_C}{_FW}])[{_S}]+(?=[{_FW}])",
                                         chars._FW_NO_SPACE),
    "dot between characters": (f"(?<=[{_C}])\\.(?=[{_C}“])", chars._CJK_PERIOD),
    "pinyin note": (f"(?<=[{_C}])[(（](?=[{script._PINYIN}]{{0,6}}[{script._TONED}])[{script._PINYIN}]{{1,7}}[)）]",
                    script._PINYIN_NOTE),
    "censor hyphen": (f"(?<=[{_C}])[-\u2010\u2011](?=[{_C}])", script._CENSOR_HYPHEN),
}


@pytest.mark.parametrize("name", _CLEANING_PATTERNS)
def test_cleaning_patterns_match_where_their_plain_forms_match(name):
    plain, fast = _CLEANING_PATTERNS[name]
    plain = re.compile(plain)

    @_SETTINGS
    @given(st.text(alphabet=_ALPHABET + "chuàngWTO", max_size=40))
    def check(text):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]

    check()
    for line in SEED_LINES:
        assert [m.span() for m in fast.finditer(line)] == [m.span() for m in plain.finditer(line)], line


# --------------------------------------------------------------------------- text-step triggers

_TRIGGERED = [step for step in (*clean.TEXT_STEPS, *clean.LATE_TEXT_STEPS, clean.drop_inline_furniture)
              if hasattr(step, "trigger")]


def test_the_character_steps_declare_triggers():
    assert {s.__name__ for s in _TRIGGERED} >= {
        "drop_control", "drop_invisible", "normalise_lookalikes", "remove_pinyin", "undo_censor_hyphens",
        "drop_thread_label", "drop_trailing_metadata", "drop_bullet", "normalise_punctuation",
        "drop_inline_furniture"}


@pytest.mark.parametrize("step", _TRIGGERED, ids=lambda s: s.__name__)
def test_a_step_leaves_a_line_without_its_trigger_characters_alone(step):
    @_SETTINGS
    @given(_TEXT)
    def check(text):
        if not step.trigger.search(text):
            assert step(text) == text

    check()
    for line in SEED_LINES:
        if not step.trigger.search(line):
            assert step(line) == line, line


def _plain_map(lines: list[TextLine], step) -> list[TextLine]:
    return [TextLine(step(tl.text), tl.line) for tl in lines]


@_SETTINGS
@given(st.lists(_TEXT, max_size=8))
def test_map_text_on_triggered_lines_equals_running_the_steps_on_every_line(texts):
    lines = [TextLine(t, i) for i, t in enumerate(texts, 1)]
    at = clean.TEXT_STEPS.index(clean.to_simplified)
    for steps in (clean.TEXT_STEPS[:at], clean.TEXT_STEPS[at + 1:], clean.LATE_TEXT_STEPS):
        run = clean._chain(steps)
        assert getattr(run, "trigger", None) is not None and trigger_of(steps) is not None
        got = map_text(lines, run)
        assert [(tl.text, tl.line) for tl in got] == [(tl.text, tl.line) for tl in _plain_map(lines, run)]


def test_map_text_goes_line_by_line_when_a_line_holds_a_break():
    lines = [TextLine("甲,乙\n丙,丁", 1), TextLine("戊,己", 2)]
    got = map_text(lines, chars.normalise_punctuation)
    assert [tl.text for tl in got] == ["甲，乙\n丙，丁", "戊，己"]


def test_a_chain_with_an_untriggered_step_runs_on_every_line():
    def shout(text: str) -> str:
        return text + "！"

    run = clean._chain([chars.drop_control, shout])
    assert not hasattr(run, "trigger")
    assert [tl.text for tl in map_text([TextLine("甲", 1), TextLine("乙", 2)], run)] == ["甲！", "乙！"]



# --------------------------------------------------------------------------- binary files

@_SETTINGS
@given(st.binary(max_size=400),
       st.lists(st.sampled_from(textio._BINARY_BYTES + b"ab\n\t\xe4"), max_size=200).map(bytes))
def test_binary_files_are_told_by_the_same_count_as_one_count_per_byte_value(data, controls):
    for sample in (data, data + controls, controls):
        per_value = sum(sample.count(b) for b in textio._BINARY_BYTES)
        assert textio.looks_binary(sample) == (b"\x00" in sample or per_value > len(sample) // 100 + 1)
