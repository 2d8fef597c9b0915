"""Mining at scale: workers share loaded dictionaries, the pool starts only when it pays,
and the merge's containment test matches the plain one."""

from __future__ import annotations

import gc
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
    assert not _pool_pays(seeds, workers=2)  # a few hundred KB: one process is as fast
    size = mining.PARALLEL_MIN_BYTES // (mining.PARALLEL_THRESHOLD + 1) + 1
    files = []
    for i in range(mining.PARALLEL_THRESHOLD + 1):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * size)
        files.append(CorpusFile(str(tmp_path / f"{i}.txt"), f"c/{i}.txt"))
    assert _pool_pays(files, workers=2)
    assert not _pool_pays(files, workers=1)
    assert not _pool_pays(files[:mining.PARALLEL_THRESHOLD], workers=2)  # too few files
    # Without fork each worker reloads the dictionaries: the same corpus is then too small.
    monkeypatch.setattr(mining, "_fork_context", lambda: None)
    assert not _pool_pays(files, workers=2)


def test_mining_pauses_the_cyclic_collector_and_restores_it(monkeypatch):
    enabled_while_mining = []
    mine_file = mining.mine_file

    def spy(path, name):
        enabled_while_mining.append(gc.isenabled())
        return mine_file(path, name)

    monkeypatch.setattr(mining, "mine_file", spy)
    assert gc.isenabled()
    result = mining.mine_corpus(corpus_files([str(SEEDS)]), workers=1)
    assert result.entries and enabled_while_mining and not any(enabled_while_mining)
    assert gc.isenabled()


_TEXT = st.text(alphabet="压实责任服务群众抓好落实的", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=15), st.lists(_TEXT, max_size=15))
def test_containment_by_automaton_matches_testing_every_pair(haystacks, needles):
    expected = {n for n in needles if any(n in h for h in haystacks if len(h) > len(n))}
    assert _contained(haystacks, needles) == expected
