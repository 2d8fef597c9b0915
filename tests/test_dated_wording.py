"""One dated-wording list: the registry's markers with `until` (drafter/check/formulations.yaml) are what
`drafter suggest` ranks down, what dates a mined phrase and what the era model calls outdated."""

from __future__ import annotations

import pytest

from drafter.check.rulefile import builtin_registry
from drafter.eras import date_text, era_of
from drafter.phrases import rank

DATED = [m for m in builtin_registry().markers if m.until is not None]


def test_rank_reads_the_registry_and_keeps_no_list_of_its_own():
    assert rank._dated_wording() == tuple((m.pattern, m.until + 1) for m in DATED)
    assert not any(isinstance(v, tuple) and v and isinstance(v[0], tuple) and hasattr(v[0][0], "pattern")
                   for k, v in vars(rank).items() if k != "_DATED_WORDING")


@pytest.mark.parametrize("text, stale_from, period", [
    ("要牢记“两个务必”", 2023, "十九大时期"),
    ("坚决维护以习近平同志为总书记的党中央权威", 2017, "十八大时期"),
    ("要深入开展党纪学习教育", 2025, "二十大时期"),
    ("扎实开展中央八项规定精神学习教育", 2026, "二十大时期"),
    ("以领导体制改革完善为保障，推进创先争优活动深入开展", 2013, "十七大时期"),
    ("坚决打赢精准扶贫攻坚战", 2021, "十九大时期"),
])
def test_dated_wording_is_dated_alike_by_rank_and_by_the_era_model(text, stale_from, period):
    assert rank._dated_from(text)[0] == stale_from
    assert era_of(text) == period
    assert date_text(text, stale_from).outdated
    if period == "二十大时期":
        assert not date_text(text, stale_from - 1).outdated


def test_current_follow_up_wording_is_not_dated():
    for text in ("推动党纪学习教育常态化长效化", "形成比学赶超、创先争优的浓厚氛围", "巩固拓展主题教育成果", "巩固拓展脱贫攻坚成果同乡村振兴有效衔接"):
        assert rank._dated_from(text) is None or rank._dated_from(text)[0] > 2026, text
        assert not date_text(text, 2026).outdated, text


def test_every_dated_marker_names_its_period_and_a_year_within_it_or_before_the_next():
    from drafter.eras import PERIODS, period_of_year

    for m in DATED:
        assert m.period in PERIODS
        assert PERIODS.index(period_of_year(m.until)) >= PERIODS.index(m.period), m.origin
