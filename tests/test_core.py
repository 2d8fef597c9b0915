"""The shared core: text decoding, atomic writes, YAML positions, numerals, provenance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.corpus.lines import TextLine
from drafter.errors import InputFileError, OutputExistsError, YamlError
from drafter.numerals import from_chinese, marker, to_chinese
from drafter.textio import atomic_write, decode, read_text
from drafter.yamlsrc import parse_yaml

from conftest import SEED_000


def test_decode_reads_utf8_bom_and_gb18030_alike():
    text = SEED_000.read_text(encoding="utf-8")
    assert decode(text.encode("utf-8"), "a").text == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "b").encoding == "utf-8-sig"
    gb = decode(text.encode("gb18030"), "c")
    assert gb.encoding == "gb18030" and gb.text == text


@pytest.mark.parametrize("data, words", [(b"", "empty"), (b"  \n", "empty"), (b"PK\x03\x04\x00\x00binary", "binary")])
def test_decode_refuses_empty_and_binary_naming_the_file(data, words):
    with pytest.raises(InputFileError) as exc:
        decode(data, "speech.txt")
    assert str(exc.value).startswith("speech.txt") and words in str(exc.value)


def test_read_text_names_missing_files_and_directories(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputFileError, match="directory"):
        read_text(tmp_path)


def test_atomic_write_keeps_existing_output_unless_forced(tmp_path):
    out = tmp_path / "讲话.txt"
    atomic_write(out, "第一稿")
    with pytest.raises(OutputExistsError, match="--force"):
        atomic_write(out, "第二稿")
    assert out.read_text(encoding="utf-8") == "第一稿"
    atomic_write(out, "第二稿", force=True)
    assert out.read_text(encoding="utf-8") == "第二稿"
    assert [p.name for p in tmp_path.iterdir()] == ["讲话.txt"]  # no temp files left behind


def test_yaml_positions_name_line_and_column():
    doc = parse_yaml("outline: work-meeting\nsections:\n  - heading: 统一思想\n    paragraphs: [正文]\n", "s.yaml")
    loc = doc.loc("sections", 0, "paragraphs")
    assert (loc.path, loc.line, loc.column) == ("s.yaml", 4, 5)
    assert str(loc) == "s.yaml:4:5: sections[0].paragraphs"


def test_yaml_refuses_duplicate_keys_with_both_lines():
    with pytest.raises(YamlError) as exc:
        parse_yaml("title: 甲\nspeaker: 乙\ntitle: 丙\n", "s.yaml")
    assert str(exc.value) == "s.yaml:3:1: duplicate key 'title' (first at line 1)"


def test_yaml_refuses_object_tags():
    with pytest.raises(YamlError, match="not allowed") as exc:
        parse_yaml("x: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    assert str(exc.value).startswith("evil.yaml:1:")


def test_malformed_yaml_reports_line_and_column():
    with pytest.raises(YamlError) as exc:
        parse_yaml("facts:\n  title: [未闭合\n", "bad.yaml")
    assert str(exc.value).startswith("bad.yaml:3:")


@pytest.mark.parametrize("n, cn", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (105, "一百零五")])
def test_chinese_numerals_round_trip(n, cn):
    assert to_chinese(n) == cn and from_chinese(cn) == n


def test_markers_use_full_width_punctuation():
    assert [marker(s, 3) for s in ("一、", "（一）", "1.", "（1）", "第一，", "一是")] == ["三、", "（三）", "3.", "（3）", "第三，", "三是"]


def test_joined_lines_keep_the_source_line_of_every_character():
    joined = TextLine("深入开", 22).join(TextLine("展。二是摸清底数。", 24))
    assert joined.text == "深入开展。二是摸清底数。"
    assert joined.line_at(2) == 22 and joined.line_at(3) == 24
    assert joined.slice(5).line == 24 and joined.slice(0, 4).joins == [(3, 24)]


def test_import_and_help_do_not_load_heavy_libraries():
    code = ("import sys, drafter, drafter.cli; from drafter.cli import build_parser; build_parser(None).format_help();"
            "heavy = [m for m in ('jieba', 'docx', 'textual', 'opencc') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_lists_every_available_command():
    out = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0
    from drafter.cli import available_commands
    for name in available_commands():
        assert name in out.stdout


def test_atomic_write_gives_outputs_ordinary_permissions(tmp_path):
    out = atomic_write(tmp_path / "a.txt", "正文")
    assert out.stat().st_mode & 0o777 == 0o666 & ~_current_umask()
    out.chmod(0o640)
    atomic_write(out, "新", force=True)
    assert out.stat().st_mode & 0o777 == 0o640


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("text", [
    "outline: &a [*a]\n",  # a cycle
    "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",  # nested aliases expand exponentially
])
def test_yaml_aliases_of_collections_are_refused_not_followed(text):
    with pytest.raises(YamlError, match="aliases"):
        parse_yaml(text, "evil.yaml")


@pytest.mark.parametrize("depth", [100, 5000])  # below and above PyYAML's own limit
def test_deeply_nested_yaml_is_an_error_not_a_crash(depth):
    with pytest.raises(YamlError, match="nested too deeply") as exc:
        parse_yaml("x: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert exc.value.location.line == 1


def test_object_tag_message_names_the_tag():
    with pytest.raises(YamlError) as exc:
        parse_yaml("x: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    assert "tag:yaml.org,2002:python/object/apply:os.system" in str(exc.value)


def test_a_mistyped_drafter_data_is_an_error_not_a_silent_fallback(tmp_path):
    env = {**os.environ, "DRAFTER_DATA": str(tmp_path / "typo")}
    out = subprocess.run([sys.executable, "-m", "drafter", "outlines"], capture_output=True, text=True, env=env)
    assert out.returncode == 1 and "DRAFTER_DATA does not name a folder" in out.stderr
    assert "Traceback" not in out.stderr


def test_only_the_cli_imports_the_command_modules():
    """The UI, the core and the tests call the core; `drafter/commands/` is a shell over it."""
    import ast

    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in sorted((root / "drafter").rglob("*.py")) + sorted((root / "tests").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("drafter/commands/") or rel == "drafter/cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "drafter.commands" or n.startswith("drafter.commands.") for n in names):
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []
