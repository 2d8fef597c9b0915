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
    segment._saved_cuts.cache_clear()
    yield tmp_path
    segment._indexed_tokenizer.cache_clear()
    segment._saved_cuts.cache_clear()


def test_indexed_tokenizer_cuts_seed_lines_exactly_as_jieba(fresh_index, seeds_dir):
    tokenizer = segment._indexed_tokenizer()
    assert tokenizer is not None
    lines = [line for seed in sorted(seeds_dir.glob("*.txt"))
             for line in seed.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    assert len(lines) > 100
    tokenizer.char_index.cover("".join(TITLES + lines))
    tokenizer.total = tokenizer.char_index.total
    for text in TITLES + lines:
        assert tokenizer.lcut(text) == segment.words(text), text
    assert tokenizer.total == segment.jieba().dt.total
    (index,) = fresh_index.glob("jieba-*.json")
    import os

    assert index.stat().st_size < os.path.getsize(segment._dict_path())  # never more than the dictionary


def test_index_reads_only_the_entries_of_the_characters_seen(fresh_index, monkeypatch):
    import subprocess
    import sys

    title = TITLES[1]
    code = ("import sys; from drafter import segment; w = segment.few_words(sys.argv[1]); "
            "print('jieba loaded' if segment._load.cache_info().currsize else 'index only'); print('|'.join(w))")
    out = subprocess.run([sys.executable, "-c", code, title], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "DRAFTER_CACHE_DIR": str(fresh_index)}).stdout.splitlines()
    assert out == ["index only", "|".join(segment.words(title))]
    import json

    (index,) = fresh_index.glob("jieba-*.json")
    assert set(json.loads(index.read_text(encoding="utf-8"))["chars"]) == set(title)


def test_damaged_index_is_rebuilt(fresh_index):
    segment._indexed_tokenizer().char_index.cover(TITLES[0])
    (path,) = fresh_index.glob("jieba-*.json")
    path.write_bytes(b"not an index at all" * 100)
    segment._indexed_tokenizer.cache_clear()
    tokenizer = segment._indexed_tokenizer()
    tokenizer.char_index.cover(TITLES[0])
    tokenizer.total = tokenizer.char_index.total
    assert tokenizer.lcut(TITLES[0]) == segment.words(TITLES[0])


def test_title_breaks_are_the_same_with_either_segmenter():
    for title in TITLES:
        assert break_title(title, 20) == break_title(title, 20, words=segment.words)


@pytest.mark.parametrize("damage", ['{"total": 5, "chars": {"讲": [1, 2]}}', '{"total": "x"}', "[]", "not json"])
def test_an_index_with_the_wrong_shape_is_rebuilt(fresh_index, damage):
    segment._indexed_tokenizer().char_index.cover("讲话")
    (path,) = fresh_index.glob("jieba-*.json")
    path.write_text(damage, encoding="utf-8")
    segment._indexed_tokenizer.cache_clear()
    tokenizer = segment._indexed_tokenizer()
    tokenizer.char_index.cover(TITLES[1])
    tokenizer.total = tokenizer.char_index.total
    assert tokenizer.lcut(TITLES[1]) == segment.words(TITLES[1])


def test_a_title_cut_before_is_read_back_without_importing_jieba(fresh_index):
    import os
    import subprocess
    import sys

    code = ("import sys; from drafter import segment; w = segment.title_words(sys.argv[1]); "
            "print('jieba imported' if 'jieba' in sys.modules else 'read back'); print('|'.join(w))")
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(fresh_index)}
    runs = [subprocess.run([sys.executable, "-c", code, TITLES[2]], capture_output=True, text=True, check=True,
                           env=env).stdout.splitlines() for _ in range(2)]
    expected = "|".join(segment.words(TITLES[2]))
    assert runs == [["jieba imported", expected], ["read back", expected]]


def test_damaged_saved_cuts_are_cut_again(fresh_index):
    segment._saved_cuts.cache_clear()
    segment.title_words(TITLES[0])
    (saved,) = fresh_index.glob("cuts-*.json")
    saved.write_text('{"cuts": {"%s": ["错", "的"]}}' % TITLES[0], encoding="utf-8")  # words that do not cover it
    segment._saved_cuts.cache_clear()
    try:
        assert segment.title_words(TITLES[0]) == segment.words(TITLES[0])
    finally:
        segment._saved_cuts.cache_clear()


def test_many_strings_read_the_dictionary_once_and_write_the_index_once(fresh_index, monkeypatch):
    """A caller cutting many strings (`drafter import` scores every outline's words) used to read,
    scan and rewrite the whole index for each string bringing a new character: 23 s cold."""
    import drafter.textio

    writes = []
    real_write = drafter.textio.atomic_write
    monkeypatch.setattr(drafter.textio, "atomic_write", lambda path, *a, **k: writes.append(path) or real_write(path, *a, **k))
    tokenizer = segment._indexed_tokenizer()
    reads = []
    real_dictionary = type(tokenizer.char_index)._dictionary
    monkeypatch.setattr(type(tokenizer.char_index), "_dictionary",
                        lambda self: reads.append(self._text is None) or real_dictionary(self))
    segment._load.cache_clear()  # jieba's own dictionary not loaded: few_words goes through the index
    strings = [title[i:i + 3] for title in TITLES for i in range(0, len(title), 3)]
    got = [segment.few_words(text) for text in strings]
    assert reads.count(True) == 1  # the file itself was read once
    assert len([p for p in writes if p.name.startswith("jieba-")]) == 1  # the rest is written at exit
    assert got == [segment.words(text) for text in strings]


def test_a_cold_import_scans_the_dictionary_a_few_times_not_once_a_string(fresh_index, tmp_path):
    from drafter.importing import import_file
    from drafter.writers.text import write_text
    from drafter.outlines import get_outline
    from drafter.render import render_speech
    from drafter.spec import load_spec

    spec = load_spec(segment.__file__.rsplit("/drafter/", 1)[0] + "/examples/county-party-building.yaml")
    old = tmp_path / "old.txt"
    old.write_text(write_text(render_speech(spec, get_outline(spec.outline))), encoding="utf-8")
    segment._load.cache_clear()
    import_file(old)
    assert 1 <= segment._indexed_tokenizer().char_index._covers <= 10  # 287 before: one per chunk of text
