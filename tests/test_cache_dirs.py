"""The per-user cache: where it is, and that stale indexes do not pile up."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.resources import CACHE_KEEP, cache_dir, prune_cache


def test_drafter_cache_dir_wins_then_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "drafter"


def _touch(folder: Path, name: str, age: int) -> Path:
    p = folder / name
    p.write_text("x", encoding="utf-8")
    os.utime(p, (1_700_000_000 + age, 1_700_000_000 + age))
    return p


def test_writing_an_index_prunes_stale_ones_of_each_family_but_nothing_else(tmp_path):
    jieba = [_touch(tmp_path, f"jieba-{i:016x}.json", i) for i in range(3)]
    old_sqlite = _touch(tmp_path, "jieba-0123456789abcdef.sqlite", -5)  # the index format before this one
    banks = [_touch(tmp_path, f"banks-{i:032x}.json", i) for i in range(CACHE_KEEP["banks-"] + 2)]
    rank = [_touch(tmp_path, f"rank-{i:032x}.json", i) for i in range(CACHE_KEEP["rank-"] + 3)]
    other = _touch(tmp_path, "serve-notes.txt", 0)
    (tmp_path / "serve-templates").mkdir()
    removed = set(prune_cache(tmp_path))
    assert removed == set(jieba[:2]) | {old_sqlite} | set(banks[:2]) | set(rank[:3])
    assert jieba[2].exists() and other.exists() and (tmp_path / "serve-templates").is_dir()
    assert all(p.exists() for p in banks[2:] + rank[3:])


def test_a_new_jieba_index_replaces_the_old_one(tmp_path, monkeypatch):
    from drafter import segment

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    stale = _touch(tmp_path, "jieba-ffffffffffffffff.sqlite", 0)
    segment._indexed_tokenizer.cache_clear()
    try:
        segment._indexed_tokenizer().char_index.cover("讲话")
    finally:
        segment._indexed_tokenizer.cache_clear()
    assert not stale.exists() and len(list(tmp_path.glob("jieba-*.json"))) == 1
