"""Segmenting a title without loading jieba's whole dictionary gives jieba's own words."""

from __future__ import annotations

import pytest

from drafter import segment
from drafter.writers.titles import break_title

TITLES = [
    "深学笃行 固本强基 以高质量党建引领基层治理现代化",
    "在全市村（社区）党组织书记示范培训班开班式上的讲话",
    "坚持以习近平新时代中国特色社会主义思想为指导 奋力谱写高质量发展新篇章",
    "关于进一步加强“两新”组织党建工作的若干思考（2026年版）",
]


@pytest.fixture
def fresh_index(tmp_path, monkeypatch):
    """The indexed tokenizer, built from scratch into an empty per-user cache folder."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    segment._indexed_tokenizer.cache_clear()
    yield tmp_path
    segment._indexed_tokenizer.cache_clear()


def test_indexed_tokenizer_cuts_seed_lines_exactly_as_jieba(fresh_index, seeds_dir):
    tokenizer = segment._indexed_tokenizer()
    assert tokenizer is not None
    assert list(fresh_index.glob("jieba-*.sqlite"))
    lines = [line for seed in sorted(seeds_dir.glob("*.txt"))
             for line in seed.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    assert len(lines) > 100
    for text in TITLES + lines:
        assert tokenizer.lcut(text) == segment.words(text), text


def test_damaged_index_is_rebuilt(fresh_index):
    segment._indexed_tokenizer()
    (path,) = fresh_index.glob("jieba-*.sqlite")
    path.write_bytes(b"not a database at all" * 100)
    segment._indexed_tokenizer.cache_clear()
    tokenizer = segment._indexed_tokenizer()
    assert tokenizer is not None
    assert tokenizer.lcut(TITLES[0]) == segment.words(TITLES[0])


def test_title_breaks_are_the_same_with_either_segmenter():
    for title in TITLES:
        assert break_title(title, 20) == break_title(title, 20, words=segment.words)
