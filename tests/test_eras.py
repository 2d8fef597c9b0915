"""The era model: periods, plan years, anniversaries, dating wording by its own words."""

from __future__ import annotations

import random

import pytest

from drafter.eras import (PERIODS, TIMELESS, dated_claims, date_text, era_of, is_history, party_anniversary,
                          period_of_year, plan_of_year, plan_year_phrase)
from drafter.phrases.bank import ERAS


@pytest.mark.parametrize("year, period", [
    (2002, "十五大以前"), (2004, "十六大时期"), (2010, "十七大时期"), (2015, "十八大时期"), (2021, "十九大时期"),
    (2022, "十九大时期"), (2023, "二十大时期"), (2026, "二十大时期"),
])
def test_a_year_belongs_to_the_congress_period_that_covers_most_of_it(year, period):
    assert period_of_year(year) == period


def test_plan_years_and_anniversaries_are_computed_from_the_date():
    assert plan_year_phrase(2026) == "“十五五”开局之年"
    assert plan_year_phrase(2025) == "“十四五”收官之年"
    assert plan_year_phrase(2030) == "“十五五”收官之年"
    assert plan_year_phrase(2028) == "“十五五”关键之年"
    assert plan_of_year(2031).name == "十六五" and plan_of_year(2003).name == "十五"
    assert party_anniversary(2026) == 105


@pytest.mark.parametrize("text, era, outdated", [
    ("以习近平同志为总书记的党中央", "十八大时期", True),          # registry rule
    ("牢记“两个务必”", "十九大时期", True),                        # registry marker
    ("认真贯彻党的十九届六中全会精神，总结2021年工作", "十九大时期", True),  # plenum and a dated year
    ("深入开展创先争优活动", "十七大时期", True),
    ("扎实推进“十四五”规划实施", "十九大时期", True),
    ("学习贯彻党的二十大和二十届历次全会精神", "二十大时期", False),
    ("牢记“三个务必”，奋力开创“十五五”新局面", "二十大时期", False),
    ("抓早抓小，防微杜渐", TIMELESS, False),
    ("下面，我讲四点意见。", TIMELESS, False),
    ("党的十八大以来，全县基层党建取得新进展", TIMELESS, False),  # a standing phrase, not a date
    ("1921年，中国共产党诞生", TIMELESS, False),                  # history named, not the date of the wording
    ("以“三个代表”重要思想为指导，深入学习实践科学发展观", "十六大时期", True),  # the oldest outdated wins
])
def test_wording_dates_itself(text, era, outdated):
    dating = date_text(text)
    assert (dating.era, dating.outdated) == (era, outdated)


def test_a_finished_campaign_is_current_era_wording_but_outdated_as_ongoing_work():
    assert date_text("要深入开展党纪学习教育", 2024).outdated is False
    dating = date_text("要深入开展党纪学习教育", 2026)
    assert dating.era == "二十大时期" and dating.outdated
    assert date_text("推动党纪学习教育常态化长效化", 2026).outdated is False


@pytest.mark.parametrize("text, history", [
    ("2021年，我们深入开展党史学习教育，取得明显成效。", True),
    ("回顾过去，我们深入开展党史学习教育。", True),
    ("我们开展了党史学习教育。", True),
    ("要深入开展党史学习教育。", False),
    ("2021年以来，我们要继续深入开展党史学习教育。", False),
    ("今年以来，全县深入开展党史学习教育。", False),
])
def test_history_is_told_by_its_sentence_unless_its_clause_says_current_work(text, history):
    at = text.index("党史学习教育")
    assert is_history(text, at, at + 6, 2026) is history


def test_plan_year_claims_are_judged_for_the_year_they_name():
    assert dated_claims("今年是“十四五”收官之年。", 2026)[0].current == "“十五五”开局之年"
    assert dated_claims("2025年是“十四五”收官之年。", 2026) == []
    assert dated_claims("明年是“十五五”开局之年。", 2025) == []
    assert dated_claims("今年是“十五五”开局之年，也是建党105周年。", 2026) == []
    assert dated_claims("今年是建党104周年。", 2026)[0].current == "建党105周年"


def test_any_text_gets_a_known_era_and_claims_never_crash():
    alphabet = list("十九大届五中全会2021年是今年“”十四五开局收官之建党周百零以来回顾要，。")
    rng = random.Random(20261129)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        year = rng.randint(2000, 2100)
        assert era_of(text) in ERAS and era_of(text) in PERIODS + (TIMELESS,)
        for claim in dated_claims(text, year):
            assert 0 <= claim.start < claim.end <= len(text)
        assert isinstance(is_history(text, 0, len(text), year), bool)
