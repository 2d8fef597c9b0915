"""The fast dictionary segmenter (rjieba) must cut exactly as jieba does with HMM off."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from drafter import segment
from drafter.textio import read_text

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
rjieba = pytest.importorskip("rjieba")


def _jieba_words(text: str) -> list[str]:
    return segment.jieba().lcut(text, HMM=False)


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.delenv("DRAFTER_SEGMENTER", raising=False)
    segment._rjieba_cut.cache_clear()
    yield
    segment._rjieba_cut.cache_clear()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_rjieba_cuts_every_seed_and_fixture_line_as_jieba_does(path, fast):
    assert segment.backend() == "rjieba"
    for line in read_text(path).text.splitlines():
        assert segment.dictionary_words(line) == _jieba_words(line), line


_SEED_TEXT = "".join(read_text(p).text for p in TEXTS[:3])
_EXTRA = st.sampled_from(list("abcXYZ0123456789０１２ .,-_%/\t　①【】《》·—…#&+=é中華國")
                         + ["2026年", "COVID-19", "5G", "x月", "**区", "xx书记", "{{ topic }}"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(0, len(_SEED_TEXT) - 60), size=st.integers(1, 60),
       inserts=st.lists(st.tuples(st.integers(0, 60), _EXTRA), max_size=4))
def test_rjieba_agrees_with_jieba_on_seed_text_with_latin_digits_and_symbols(start, size, inserts, fast):
    chars = list(_SEED_TEXT[start:start + size])
    for at, extra in inserts:
        chars.insert(min(at, len(chars)), extra)
    text = "".join(chars)
    assert segment.dictionary_words(text) == _jieba_words(text)


def test_drafter_segmenter_jieba_falls_back_to_jieba(monkeypatch):
    monkeypatch.setenv("DRAFTER_SEGMENTER", "jieba")
    segment._rjieba_cut.cache_clear()
    try:
        assert segment.backend() == "jieba"
        assert segment.dictionary_words("加强基层党建工作") == _jieba_words("加强基层党建工作")
    finally:
        segment._rjieba_cut.cache_clear()


def test_missing_rjieba_falls_back_to_jieba(monkeypatch):
    import sys

    monkeypatch.delenv("DRAFTER_SEGMENTER", raising=False)
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import fails as if not installed
    segment._rjieba_cut.cache_clear()
    try:
        assert segment.backend() == "jieba"
        assert segment.dictionary_words("压实责任，服务群众") == _jieba_words("压实责任，服务群众")
    finally:
        segment._rjieba_cut.cache_clear()
