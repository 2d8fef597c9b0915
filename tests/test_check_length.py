"""Length: character count and speaking time against the target."""

from __future__ import annotations

from check_support import clean_speech

from drafter.check import Targets, check_speech
from drafter.check.context import Context
from drafter.check.rules.length import spoken_chars


def _length(speech, targets=None):
    return [f for f in check_speech(speech, targets=targets) if f.rule.startswith("length.")]


def test_summary_gives_count_and_minutes_at_the_default_rate():
    speech = clean_speech()
    chars = spoken_chars(Context.build(speech))
    found = _length(speech)
    assert [f.rule for f in found] == ["length.summary"] and found[0].severity == "info"
    assert f"全文约{chars}字" in found[0].message and "每分钟220字" in found[0].message


def test_title_block_is_not_counted_as_spoken():
    speech = clean_speech()
    before = spoken_chars(Context.build(speech))
    speech.title = speech.title * 10
    assert spoken_chars(Context.build(speech)) == before


def test_speech_far_over_or_under_target_warns():
    speech = clean_speech()
    chars = spoken_chars(Context.build(speech))
    over = _length(speech, Targets(minutes=chars / 220 / 2))
    target = [f for f in over if f.rule == "length.target"]
    assert len(over) == 2 and len(target) == 1 and "超出目标" in target[0].message
    under = [f for f in _length(speech, Targets(minutes=chars / 220 * 2)) if f.rule == "length.target"]
    assert len(under) == 1 and "明显短于目标" in under[0].message and under[0].severity == "warning"
    near = _length(speech, Targets(minutes=chars / 220 * 1.05))
    assert [f.rule for f in near] == ["length.summary"]


def test_speaking_rate_changes_the_estimate():
    speech = clean_speech()
    chars = spoken_chars(Context.build(speech))
    found = _length(speech, Targets(minutes=chars / 100, chars_per_minute=100))
    assert [f.rule for f in found] == ["length.summary"] and "每分钟100字" in found[0].message


def test_command_line_targets_override_the_spec():
    spec = Targets(minutes=20, chars_per_minute=200)
    assert spec.merged(Targets(minutes=10)) == Targets(10, 200)
    assert spec.merged(Targets(chars_per_minute=250)) == Targets(20, 250)
    assert spec.merged(None) == spec and Targets().rate == 220
