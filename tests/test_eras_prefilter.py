"""Dating a text rules out most texts with one combined search; that must never hide a hit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import eras
from drafter.eras import _PLAN, _YEAR, _patterns, hits_in

ROOT = Path(__file__).resolve().parent.parent


def _unfiltered(text: str) -> list:
    """hits_in as it was before the prefilter: every pattern searched."""
    rules, markers, _, required = _patterns()
    original = eras._patterns
    eras._patterns = lambda: (rules, markers, None, (frozenset(),) * len(required))  # type: ignore[assignment]
    try:
        return hits_in(text)
    finally:
        eras._patterns = original  # type: ignore[assignment]


def _all_patterns():
    rules, markers, _, _ = _patterns()
    return [m.pattern for m in markers] + [r.pattern for r in rules] + [_YEAR, _PLAN]


def test_the_prefilter_is_built_and_rules_out_plain_text():
    assert _patterns()[2] is not None
    assert all(_patterns()[3]), "every dating pattern names characters a match must contain"
    assert hits_in("我们要认真做好各项工作。") == []


def test_seed_lines_and_committed_bank_texts_date_the_same_with_and_without_the_prefilter():
    lines = [line for p in sorted((ROOT / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    import yaml
    for p in sorted((ROOT / "phrasebanks").glob("*.yaml")):
        lines += [e["text"] for e in yaml.safe_load(p.read_text(encoding="utf-8")).get("entries") or []]
    dated = 0
    for text in lines:
        expected = _unfiltered(text)
        assert hits_in(text) == expected, text
        dated += bool(expected)
    assert dated > 20  # the corpus does exercise the patterns


@pytest.mark.parametrize("index", range(len(_all_patterns())))
def test_text_matching_any_one_dating_pattern_passes_the_prefilter(index):
    pattern = _all_patterns()[index]

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern, fullmatch=False), st.text(alphabet="的和在工作要全县", max_size=5))
    def check(text, context):
        text = context + text + context
        if pattern.search(text):
            assert _patterns()[2].search(text), (pattern.pattern, text)
            assert _patterns()[3][index] <= set(text), (pattern.pattern, text)
            assert hits_in(text) == _unfiltered(text)

    check()


@pytest.mark.parametrize("pattern, chars", [
    ("三严三实", "三严实"), ("(?:为|确)保", "保"), ("十[三四五]五", "十五"), ("a?b", "b"), ("(?i)abc", ""),
    ("(?<!提出)两个务必", "两个务必"), ("建党(?:1\\d\\d|9\\d)周年", "建党周年"), ("[“\"]?五", "五"), ("x{2,3}y*", "x"),
])
def test_required_characters_are_only_those_every_match_contains(pattern, chars):
    from drafter.eras import _required_chars

    assert _required_chars(re.compile(pattern)) == frozenset(chars)
