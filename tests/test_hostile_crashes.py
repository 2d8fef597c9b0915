"""Crashes and bad messages found by the attack of issue 15: each is now a user error naming
file, line and column (or the field), or a message that says what is really wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_docs import COUNTY, ENV, ROOT, UNREADABLE, drafter

ARTICLE = ROOT / "examples" / "county-article.yaml"
SEED = ROOT / "seeds" / "000_0455fdd971ee24a7.txt"



def spec_with(tmp_path: Path, extra: str, base: Path = ARTICLE, name: str = "s.yaml") -> tuple[Path, int]:
    """A copy of an example spec with `extra` appended; returns it and the first line of `extra`."""
    text = base.read_text(encoding="utf-8")
    spec = tmp_path / name
    spec.write_text(text + extra, encoding="utf-8")
    return spec, text.count("\n") + 1


# --------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("key", ["chars_per_minute", "minutes"])
@pytest.mark.parametrize("value", ["1" + "0" * 308, "9" * 400, "1e308", ".inf"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_huge_targets_are_errors_at_the_value(tmp_path, key, value, command):
    spec, line = spec_with(tmp_path, f"targets:\n  {key}: {value}\n")
    args = ("build", spec, "-o", tmp_path / "o.md") if command == "build" else ("check", spec)
    proc = drafter(*args)
    assert proc.returncode == 1
    assert f"s.yaml:{line + 1}" in (proc.stderr + proc.stdout)
    assert f"targets.{key}" in (proc.stderr + proc.stdout)


def test_a_5000_digit_number_is_reported_without_python_internals(tmp_path):
    spec, line = spec_with(tmp_path, "targets:\n  minutes: " + "9" * 5000 + "\n")
    proc = drafter("build", spec, "-o", tmp_path / "o.md")
    assert proc.returncode == 1 and f"s.yaml:{line + 1}:12: invalid value" in proc.stderr
    assert "more than 4,300 digits" in proc.stderr and "set_int_max_str_digits" not in proc.stderr


def test_a_bad_datetime_is_located_at_its_value_not_at_1_1(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    assert "date: 2026-06-30\n" in text
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace("date: 2026-06-30\n", "date: 2026-06-30 25:61:00\n"), encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("date:"))
    proc = drafter("build", spec, "-o", tmp_path / "o.md")
    assert proc.returncode == 1 and f"s.yaml:{line}:9: invalid value '2026-06-30 25:61:00'" in proc.stderr


def test_children_as_a_mapping_with_a_huge_key_is_an_error(tmp_path):
    text = COUNTY.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace("    paragraphs:", "    children: {" + "9" * 400 + ": x}\n    paragraphs:", 1),
                    encoding="utf-8")
    for args in (("build", spec, "-o", tmp_path / "o.md"), ("check", spec)):
        proc = drafter(*args)
        said = proc.stderr + proc.stdout
        assert proc.returncode == 1 and "sections[0].children" in said and "expected a list of sections" in said


def test_a_role_that_is_a_list_or_a_mapping_is_an_error(tmp_path):
    for value in ("[a]", "{a: b}"):
        text = COUNTY.read_text(encoding="utf-8").replace("role: importance", f"role: {value}", 1)
        spec = tmp_path / "s.yaml"
        spec.write_text(text, encoding="utf-8")
        proc = drafter("check", spec)
        assert proc.returncode == 1 and "sections[0].role" in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- text

def test_a_lone_surrogate_in_spec_text_is_an_error_at_its_place():
    from drafter.errors import DrafterError
    from drafter.spec import parse_spec

    lead = "role: importance\n    paragraphs:\n      - "
    text = COUNTY.read_text(encoding="utf-8")
    line = text[:text.index(lead) + len(lead)].count("\n") + 1
    with pytest.raises(DrafterError) as caught:
        parse_spec(text.replace(lead, lead + "在\ud800", 1), "s.yaml")
    assert f"s.yaml:{line}:10: contains a lone surrogate (U+D800)" in str(caught.value)


def test_a_lone_surrogate_in_spec_data_is_an_error_naming_the_field():
    from drafter.errors import ValidationError
    from drafter.spec import validate
    from drafter.yamlsrc import parse_yaml

    doc = parse_yaml(COUNTY.read_text(encoding="utf-8"), "s.yaml")
    doc.data["sections"][0]["paragraphs"][0] = "在\ud800"  # as the UI would hand it over
    with pytest.raises(ValidationError) as caught:
        validate(doc.data, doc)
    assert "sections[0].paragraphs[0]: paragraph: contains a lone surrogate (U+D800)" in str(caught.value)


def test_a_heading_of_only_a_marker_is_an_error_not_doubled(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace("  - heading: 建强组织体系，锻造坚强有力的战斗堡垒", "  - heading: 一、", 1), encoding="utf-8")
    proc = drafter("build", spec, "-o", tmp_path / "o.md")
    assert proc.returncode == 1 and "sections[0].heading: heading is only the numbering marker '一、'" in proc.stderr
    assert not (tmp_path / "o.md").exists()


def test_a_10_mb_paragraph_is_refused_before_it_makes_an_unreadable_docx(tmp_path):
    text = COUNTY.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace("role: importance\n    paragraphs:\n      - ",
                                 "role: importance\n    paragraphs:\n      - " + "党" * 10_000_000, 1), encoding="utf-8")
    proc = drafter("build", spec, "-o", tmp_path / "o.docx")
    assert proc.returncode == 1 and "sections[0].paragraphs[0]: paragraph: 10000" in proc.stderr
    assert "at most 100000" in proc.stderr


def test_the_longest_paragraph_allowed_reads_back(tmp_path):
    from drafter.corpus.load import load

    text = COUNTY.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(text.replace("role: importance\n    paragraphs:\n      - ",
                                 "role: importance\n    paragraphs:\n      - " + "党" * 99_000, 1), encoding="utf-8")
    assert drafter("build", spec, "-o", tmp_path / "o.docx").returncode == 0
    assert any(len(tl.text) > 99_000 for tl in load(tmp_path / "o.docx").lines)


# --------------------------------------------------------------------------- paths

def test_a_symlink_loop_as_output_is_named_as_one(tmp_path):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    proc = drafter("build", COUNTY, "-o", tmp_path / "a.md")
    assert proc.returncode == 1 and f"{tmp_path / 'a.md'}: symlink loop" in proc.stderr


@pytest.mark.parametrize("command", ["clean", "parse", "check"])
def test_a_symlink_loop_as_input_is_not_reported_as_missing(tmp_path, command):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    proc = drafter(command, tmp_path / "a.txt")
    assert proc.returncode == UNREADABLE[command] and "symlink loop" in proc.stderr and "no such file" not in proc.stderr


def test_a_folder_as_input_is_called_a_folder(tmp_path):
    (tmp_path / "d.txt").mkdir()
    proc = drafter("clean", tmp_path / "d.txt")
    assert proc.returncode == 1 and "is a directory" in proc.stderr


@pytest.mark.parametrize("name", ["a" * 300 + ".md", "a" * 300])
def test_a_300_character_output_name_is_an_error(tmp_path, name):
    proc = drafter("build", COUNTY, "-o", tmp_path / name)
    assert proc.returncode == 1 and "file name too long" in proc.stderr


def test_an_output_folder_without_search_permission_is_an_error(tmp_path, monkeypatch):
    """Simulated (the tests run as root, whom permissions do not stop)."""
    import errno

    import drafter.textio as textio
    from drafter.building import build_one
    from drafter.errors import DrafterError

    locked = tmp_path / "locked"
    locked.mkdir()
    real_stat = os.stat

    def stat(path, *a, **k):
        if str(path).startswith(str(locked) + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *a, **k)

    monkeypatch.setattr(textio.os, "stat", stat)
    with pytest.raises(DrafterError, match="permission denied"):
        build_one(COUNTY, locked / "o.md", "md", None, False)
    monkeypatch.setattr(textio.os, "stat", real_stat)
    monkeypatch.setattr(textio.os, "access", lambda *a, **k: False)
    with pytest.raises(DrafterError, match="permission denied"):
        build_one(COUNTY, locked / "o.md", "md", None, False)
    assert list(locked.iterdir()) == []


def test_build_to_a_closed_stdout_is_an_error(tmp_path):
    proc = subprocess.run(f'"{sys.executable}" -m drafter build "{COUNTY}" -o - --format md >&-', shell=True,
                          cwd=ROOT, capture_output=False, stderr=subprocess.PIPE, text=True, env=ENV, timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1 and "standard output is closed" in proc.stderr


def test_other_commands_with_a_closed_stdout_do_not_crash():
    proc = subprocess.run(f'"{sys.executable}" -m drafter outlines >&-', shell=True, cwd=ROOT,
                          stderr=subprocess.PIPE, text=True, env=ENV, timeout=120)
    assert "Traceback" not in proc.stderr and proc.returncode == 0


# --------------------------------------------------------------------------- encodings

def test_big5_text_is_not_silently_read_as_gb18030(tmp_path):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SEED.read_text(encoding="utf-8")[:3000])
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(traditional.encode("big5", errors="ignore"))
    proc = drafter("clean", big5)
    assert proc.returncode == 1 and "not plausible Chinese" in proc.stderr and "Big5" in proc.stderr


def test_shift_jis_text_is_not_silently_read_as_gb18030(tmp_path):
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("皆さん、こんにちは。今日は会議を開きます。日本語のテキストです。\n".encode("shift_jis") * 20)
    proc = drafter("parse", sjis)
    assert proc.returncode == 1 and "not plausible Chinese" in proc.stderr


def test_gbk_text_simplified_or_traditional_is_still_read(tmp_path):
    from drafter.textio import read_text

    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        gbk = tmp_path / seed.name
        gbk.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
        assert read_text(gbk).encoding == "gb18030"


def test_docm_is_read_as_the_document_it_is(tmp_path):
    from hostile_docs import hostile_reference

    docm = tmp_path / "speech.docm"
    docm.write_bytes(hostile_reference(tmp_path))
    proc = drafter("clean", docm)
    assert proc.returncode == 0 and "基层" in proc.stdout and " at 0x" not in proc.stderr


def test_a_drafter_data_template_that_is_not_utf8_is_a_user_error(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "templates", data / "templates")
    shutil.copytree(ROOT / "phrasebanks", data / "phrasebanks")
    (data / "templates" / "title.j2").write_bytes("{{ meeting }}讲话".encode("gb18030"))
    proc = drafter("build", COUNTY, "-o", tmp_path / "o.md", env={**ENV, "DRAFTER_DATA": str(data)})
    assert proc.returncode == 1 and "title.j2: template is not UTF-8 text" in proc.stderr


COMMANDS = [
    ("build", "{spec}", "-o", "{tmp}/o.md"), ("build", "{spec}", "-o", "-", "--format", "txt"),
    ("new", "work-meeting"), ("outlines",), ("schema",), ("check", "{spec}"), ("check", "{seed}"),
    ("phrases", "search", "基层"), ("phrases", "stats"), ("phrases", "lint"), ("phrases", "functions"),
    ("phrases", "add", "--bank", "{tmp}/b.yaml", "-f", "section.tasks", "--text", "推动工作落实见效"),
    ("mine", "{seed}", "-o", "{tmp}/banks"), ("clean", "{seed}"), ("parse", "{seed}"), ("parse", "{seed}", "--json"),
    ("--help",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_prints_on_an_ascii_terminal(tmp_path, args):
    argv = [a.format(spec=COUNTY, seed=SEED, tmp=tmp_path) for a in args]
    env = {**ENV, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    proc = subprocess.run([sys.executable, "-m", "drafter", *argv], cwd=tmp_path, capture_output=True, env=env,
                          timeout=300)
    stderr = proc.stderr.decode("ascii", "replace")
    assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, stderr
    assert proc.returncode in (0, 1)


def test_an_ascii_terminal_gets_escapes_for_chinese():
    proc = subprocess.run([sys.executable, "-m", "drafter", "outlines"], cwd=ROOT, capture_output=True,
                          env={**ENV, "PYTHONIOENCODING": "ascii"}, timeout=120)
    assert proc.returncode == 0 and b"\\u" in proc.stdout


def test_phrases_search_and_stats_without_home_or_passwd_entry(monkeypatch, tmp_path, capsys):
    import pwd

    from drafter.cli import main

    for var in ("HOME", "XDG_CACHE_HOME", "DRAFTER_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)

    def nobody(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", nobody)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["phrases", "stats"]) == 0
    assert main(["phrases", "search", "基层"]) == 0
    assert "entries" in capsys.readouterr().out


# --------------------------------------------------------------------------- phrases add

def test_phrases_add_refuses_a_slot_lint_would_reject(tmp_path):
    bank = tmp_path / "b.yaml"
    proc = drafter("phrases", "add", "--bank", bank, "-f", "section.tasks", "--text", "推动{{ nosuch }}见效")
    assert proc.returncode == 1 and "slot {{ nosuch }} is not defined by any outline" in proc.stderr
    assert not bank.exists()
    proc = drafter("phrases", "add", "--bank", bank, "-f", "section.tasks", "--text", "推动{{ scope }}工作见效")
    assert proc.returncode == 0
    assert drafter("phrases", "lint", bank).returncode == 0


def test_numbers_too_long_to_read_in_a_corpus_do_not_crash(tmp_path):
    nines = "9" * 5000
    draft = tmp_path / "d.txt"
    draft.write_text(f"关于加强基层党建的讲话（共{nines}篇）\n同志们：\n今天我们召开会议，很重要。\n第{nines}篇\n"
                     f"下面，我讲{nines}点意见。\n一、加强领导\n（{nines}）加强领导\n", encoding="utf-8")
    for command in ("parse", "check", "clean"):
        proc = drafter(command, draft)
        assert proc.returncode in (0, 1) and "set_int_max_str_digits" not in proc.stderr


def test_parse_number_reads_every_way_a_number_is_written_and_never_raises():
    from drafter.numerals import parse_number

    assert [parse_number(t) for t in ("3", "３", "十一", "两", "①", "⑳", "²", "9" * 5000, "", "甲")] == \
        [3, 3, 11, 2, 1, 20, None, None, None, None]
