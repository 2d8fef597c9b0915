"""Mining at scale: workers share loaded dictionaries, the pool starts only when it pays,
and the merge's containment test matches the plain one."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

import drafter.phrases.mine as mining
from drafter.phrases.mine import CorpusFile, _contained, _fork_context, _pool_pays, corpus_files, prepare_mining

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_dictionaries_are_loaded_before_workers_fork():
    from drafter import segment
    from drafter.phrases import patterns

    prepare_mining()
    assert patterns._PAIR_WORDS is not None
    if segment.backend() == "rjieba":
        assert segment._rjieba_cut.cache_info().currsize == 1
    else:
        assert segment._load.cache_info().currsize == 1
    if sys.platform.startswith("linux"):
        assert _fork_context().get_start_method() == "fork"  # children inherit them, no reload


def test_the_pool_starts_only_for_a_corpus_big_enough_to_repay_it(tmp_path, monkeypatch):
    seeds = corpus_files([str(SEEDS)])
    assert not _pool_pays(seeds, workers=2)  # a few hundred KB: one process is faster
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (mining.PARALLEL_MIN_BYTES + 1))
    files = [CorpusFile(str(big), f"c/{i}.txt") for i in range(mining.PARALLEL_THRESHOLD + 1)]
    assert _pool_pays(files, workers=2)
    assert not _pool_pays(files, workers=1)


_TEXT = st.text(alphabet="压实责任服务群众抓好落实的", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=15), st.lists(_TEXT, max_size=15))
def test_containment_by_automaton_matches_testing_every_pair(haystacks, needles):
    expected = {n for n in needles if any(n in h for h in haystacks if len(h) > len(n))}
    assert _contained(haystacks, needles) == expected
