"""`drafter clean`: cleaned text on stdout, warnings and one-line errors on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from drafter.corpus.pipeline import clean_text

from conftest import ROOT, SEED_000, SEED_001, SEED_002, SEED_004


def drafter(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)


def test_clean_prints_each_piece_of_a_collection():
    result = drafter("clean", SEED_002)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert [line for line in out.splitlines() if line.startswith("#")] == [f"# piece {n}" for n in (1, 2, 3, 4)]
    assert "我们常说，基础不牢，地动山摇。社区是" in out
    assert "时间" not in out.splitlines()[1]


def test_clean_output_reads_like_the_speech_000():
    result = drafter("clean", SEED_000)
    lines = result.stdout.splitlines()
    assert lines[:3] == ["基层组织建设思想", "同志们：", lines[2]] and lines[2].startswith("**区开展农村基层组织")
    assert lines[-1].startswith("同志们，只要我们坚持以“三个代表”重要思想为指导")
    assert "上一篇" not in result.stdout and "导语" not in result.stdout


def test_unrepaired_spans_are_warnings_with_file_and_line():
    result = drafter("clean", SEED_001)
    assert result.returncode == 0
    assert f"{SEED_001}:8: unrepaired:" in result.stderr and "变?yōu)閳?jiān)强" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding, prefix", [("gb18030", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_other_encodings_clean_to_the_same_text(tmp_path, encoding, prefix):
    for seed in (SEED_001, SEED_002):
        copy = tmp_path / seed.name
        copy.write_bytes(prefix + seed.read_text(encoding="utf-8").encode(encoding))
        assert clean_text(copy) == clean_text(seed)


def test_docx_made_from_the_seed_cleans_to_the_same_text(tmp_path):
    import docx

    document = docx.Document()
    for line in SEED_004.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "speech.docx"
    document.save(str(path))
    assert clean_text(path) == clean_text(SEED_004)


def test_bad_inputs_give_one_line_each_and_the_rest_is_still_cleaned(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03\x04 not text")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    bad = [tmp_path / "binary.txt", tmp_path / "empty.txt", tmp_path / "broken.docx", tmp_path, tmp_path / "missing.txt"]
    result = drafter("clean", bad[0], bad[1], SEED_000, bad[2], bad[3], bad[4])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for path, line in zip(bad, errors):
        assert line.startswith(f"drafter: error: {path}: ")
    assert "同志们：" in result.stdout


@pytest.mark.skipif(os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="root can read a file with mode 000")
def test_unreadable_file_is_one_clear_line(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("同志们：", encoding="utf-8")
    path.chmod(0)
    try:
        result = drafter("clean", path)
    finally:
        path.chmod(0o600)
    assert result.returncode == 1
    assert result.stderr.strip() == f"drafter: error: {path}: permission denied"


def test_a_file_that_is_all_web_chrome_is_reported(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("当前位置：首页 > 正文\n上一篇：某某\n", encoding="utf-8")
    result = drafter("clean", path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"drafter: error: {path}: no speech text left")
