"""Loading corpus files: encodings, .docx, numbered lines, bad files."""

from __future__ import annotations

import pytest

from drafter.corpus.load import load, split_lines
from drafter.errors import InputFileError

from conftest import SEED_000, SEED_002


def _texts(loaded):
    return [(tl.text, tl.line) for tl in loaded.lines]


def test_lines_are_numbered_from_one_as_in_the_file():
    loaded = load(SEED_000)
    assert loaded.encoding == "utf-8"
    assert (loaded.lines[0].text, loaded.lines[0].line) == ("基层组织建设思想", 1)
    assert loaded.lines[3].text == "同志们:" and loaded.lines[3].line == 4
    assert loaded.lines[22].text.startswith("- 下一篇")


def test_line_numbers_do_not_drift_on_form_feeds_or_crlf():
    lines = split_lines("甲\r\n乙\x0c丙\r丁")
    assert [(tl.text, tl.line) for tl in lines] == [("甲", 1), ("乙\x0c丙", 2), ("丁", 3)]


def test_gb18030_copy_loads_the_same_lines(tmp_path):
    copy = tmp_path / "gb.txt"
    copy.write_bytes(SEED_002.read_text(encoding="utf-8").encode("gb18030"))
    loaded = load(copy)
    assert loaded.encoding == "gb18030"
    assert _texts(loaded) == _texts(load(SEED_002))


def test_utf8_bom_copy_loads_the_same_lines(tmp_path):
    copy = tmp_path / "bom.txt"
    copy.write_bytes(b"\xef\xbb\xbf" + SEED_000.read_bytes())
    loaded = load(copy)
    assert loaded.encoding == "utf-8-sig"
    assert _texts(loaded) == _texts(load(SEED_000))


def test_docx_paragraphs_load_as_numbered_lines(tmp_path):
    import docx

    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "seed.docx"
    document.save(str(path))
    loaded = load(path)
    assert loaded.encoding == "docx"
    assert _texts(loaded) == _texts(load(SEED_000))


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04 truncated zip"])
def test_corrupt_docx_is_an_input_error_naming_the_file(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(InputFileError) as exc:
        load(path)
    assert str(exc.value).startswith(str(path)) and ".docx" in str(exc.value)


def test_empty_binary_missing_and_directory_are_input_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\x03 data")
    for name, words in [("empty.txt", "empty"), ("bin.txt", "binary"), ("missing.txt", "no such file"),
                        (".", "directory")]:
        with pytest.raises(InputFileError, match=words):
            load(tmp_path / name)


def test_markdown_heading_marks_are_dropped_but_asterisks_kept(tmp_path):
    path = tmp_path / "speech.md"
    path.write_text("# 在全区工作会议上的讲话\n\n同志们：\n\n## 一、统一思想 ##\n**区要抓好落实。\n", encoding="utf-8")
    assert [(tl.text, tl.line) for tl in load(path).lines if tl.text] == [
        ("在全区工作会议上的讲话", 1), ("同志们：", 3), ("一、统一思想", 5), ("**区要抓好落实。", 6)]


def test_docx_manual_line_breaks_join_without_splitting_the_title(tmp_path):
    """Our writer sets long titles as a trapezoid with manual breaks; reading them
    back must give the title as one string."""
    import docx

    from drafter.corpus.load import load

    document = docx.Document()
    run = document.add_paragraph().add_run("在全县“软弱涣散”村（社区）党组织")
    run.add_break()
    run.add_text("整顿工作会议上的讲话")
    document.add_paragraph("同志们：")
    path = tmp_path / "t.docx"
    document.save(path)
    lines = load(path).lines
    assert lines[0].text == "在全县“软弱涣散”村（社区）党组织整顿工作会议上的讲话"


def test_markdown_built_by_drafter_parses_like_its_text(tmp_path, root):
    """`--format md` sets run-in headings in bold; the parser must read them as headings."""
    import subprocess
    import sys

    from drafter.corpus.parse import parse_file

    spec = root / "examples" / "city-organisation-meeting.yaml"
    for fmt in ("md", "txt"):
        subprocess.run([sys.executable, "-m", "drafter", "build", str(spec), "-o", str(tmp_path / f"s.{fmt}")],
                       check=True, capture_output=True)
    outline = [[(s.level, s.heading) for s in sp.walk()] for sp in (parse_file(tmp_path / "s.md")[0],
                                                                     parse_file(tmp_path / "s.txt")[0])]
    assert outline[0] == outline[1] and len(outline[0]) > 4
