"""Nothing let in (issue 15): hostile reference documents, zip bombs, unbounded reads, Jinja globals,
terminal escape codes, symlinks, catastrophic regexes, endless templates, jieba's shared cache."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
import zipfile

import pytest

from hostile_docs import (COUNTY, ENV, EVIL_IMAGE, EVIL_OLE, EVIL_TEMPLATE, ROOT, UNREADABLE, drafter,
                          hostile_reference, plain_docx, zip_bomb)



def _package_text(data: bytes) -> str:
    z = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(f"{n}\n{z.read(n).decode('utf-8', 'replace')}" for n in z.namelist())


# --------------------------------------------------------------------------- reference documents

def test_reference_doc_gives_styles_only_and_drops_external_links_and_macros(tmp_path):
    ref = tmp_path / "evil.docm"
    ref.write_bytes(hostile_reference(tmp_path))
    out = tmp_path / "out.docx"
    proc = drafter("build", COUNTY, "--reference-doc", ref, "-o", out)
    assert proc.returncode == 0, proc.stderr
    text = _package_text(out.read_bytes())
    for leak in (EVIL_TEMPLATE, EVIL_IMAGE, EVIL_OLE, "vbaProject", "oleObject", "attachedTemplate",
                 'TargetMode="External"', "macroEnabled"):
        assert leak not in text, leak
    names = zipfile.ZipFile(out).namelist()
    assert not any(n.endswith(".bin") or "embeddings" in n for n in names)
    # the warning says what was dropped
    assert "styles and page setup only" in proc.stderr
    for said in ("attachedTemplate relationship to http://evil.invalid/macros.dotm",
                 "oleObject relationship to file:///etc/passwd", "part word/vbaProject.bin"):
        assert said in proc.stderr
    import docx

    document = docx.Document(str(out))  # still a document Word and python-docx open
    assert any("同志们" in p.text for p in document.paragraphs)


def test_a_clean_reference_doc_gives_no_warning(tmp_path):
    ref = tmp_path / "ref.docx"
    ref.write_bytes(plain_docx(tmp_path))
    proc = drafter("build", COUNTY, "--reference-doc", ref, "-o", tmp_path / "o.docx")
    assert proc.returncode == 0 and "warning" not in proc.stderr


def test_reference_doc_without_section_properties_builds(tmp_path):
    import re

    def change(name, blob):
        if name == "word/document.xml":
            return re.sub(rb"<w:sectPr.*</w:sectPr>", b"", blob, flags=re.S)
        return blob

    from hostile_docs import rewrite

    ref = tmp_path / "nosect.docx"
    ref.write_bytes(rewrite(plain_docx(tmp_path), change))
    assert b"sectPr" not in zipfile.ZipFile(ref).read("word/document.xml")
    proc = drafter("build", COUNTY, "--reference-doc", ref, "-o", tmp_path / "o.docx")
    assert proc.returncode == 0, proc.stderr
    assert b"w:pgSz" in zipfile.ZipFile(tmp_path / "o.docx").read("word/document.xml")


@pytest.mark.parametrize("kind", ["folder", "loop", "missing"])
def test_reference_doc_problems_are_named_for_what_they_are(tmp_path, kind):
    ref = tmp_path / "ref.docx"
    if kind == "folder":
        ref.mkdir()
    elif kind == "loop":
        ref.symlink_to(tmp_path / "ref2.docx")
        (tmp_path / "ref2.docx").symlink_to(ref)
    proc = drafter("build", COUNTY, "--reference-doc", ref, "-o", tmp_path / "o.docx")
    expected = {"folder": "is a directory", "loop": "symlink loop", "missing": "no such file"}[kind]
    assert proc.returncode == 1 and f"{ref}: {expected}" in proc.stderr


def test_unreadable_reference_doc_says_permission_denied(tmp_path, monkeypatch):
    """Mode 000 (simulated: the tests run as root, who reads anything)."""
    import errno

    import drafter.textio as textio
    from drafter.errors import InputFileError
    from drafter.writers.docx import sanitised_reference

    ref = tmp_path / "ref.docx"
    ref.write_bytes(plain_docx(tmp_path))
    real_open = os.open

    def denied(path, *a, **k):
        if str(path) == str(ref):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(textio.os, "open", denied)
    with pytest.raises(InputFileError, match="permission denied"):
        sanitised_reference(ref)


# --------------------------------------------------------------------------- zip bombs and unbounded reads

def test_zip_bomb_reference_doc_is_refused(tmp_path):
    ref = tmp_path / "bomb.docx"
    ref.write_bytes(zip_bomb(tmp_path))
    assert ref.stat().st_size < 1024 * 1024
    proc = drafter("build", COUNTY, "--reference-doc", ref, "-o", tmp_path / "o.docx")
    assert proc.returncode == 1
    assert f"{ref}: reference document: refused: part 'word/styles.xml'" in proc.stderr and "zip bomb" in proc.stderr
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("command", ["clean", "parse", "check"])
def test_zip_bomb_corpus_docx_is_refused(tmp_path, command):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(zip_bomb(tmp_path, "word/document.xml"))
    proc = drafter(command, bomb)
    assert proc.returncode == UNREADABLE[command] and f"{bomb}: refused: part 'word/document.xml'" in proc.stderr


def test_zip_limits_each_member_and_the_total(monkeypatch, tmp_path):
    import drafter.docxsafe as safe
    from drafter.errors import InputFileError

    data = plain_docx(tmp_path)
    safe.check_zip(data, "ok.docx")
    monkeypatch.setattr(safe, "MAX_MEMBER_BYTES", 10_000)
    with pytest.raises(InputFileError, match="unpacks to .* per part"):
        safe.check_zip(data, "big.docx")
    monkeypatch.setattr(safe, "MAX_MEMBER_BYTES", 10**9)
    monkeypatch.setattr(safe, "MAX_TOTAL_BYTES", 30_000)
    with pytest.raises(InputFileError, match="unpacks to over"):
        safe.check_zip(data, "big.docx")


@pytest.mark.parametrize("command", ["clean", "parse", "check"])
def test_devices_are_refused_not_read_forever(tmp_path, command):
    zero = tmp_path / "speech.txt"  # a name every command accepts, pointing at an endless device
    zero.symlink_to("/dev/zero")
    proc = drafter(command, zero, timeout=30)
    assert proc.returncode == UNREADABLE[command] and f"{zero}: not a regular file" in proc.stderr
    proc = drafter("clean", "/dev/zero", timeout=30)
    assert proc.returncode == 1 and "/dev/zero: not a regular file" in proc.stderr


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "speech.txt"
    os.mkfifo(fifo)
    proc = drafter("clean", fifo, timeout=30)
    assert proc.returncode == 1 and f"{fifo}: not a regular file" in proc.stderr


def test_inputs_over_the_size_limit_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("同志们：" + "加强党的建设。" * 100_000, encoding="utf-8")  # about 2 MB
    proc = drafter("clean", big, env={**ENV, "DRAFTER_MAX_INPUT_MB": "1"})
    assert proc.returncode == 1 and f"{big}: too large" in proc.stderr and "DRAFTER_MAX_INPUT_MB" in proc.stderr
    assert drafter("clean", big).returncode == 0  # the default limit lets it through


# --------------------------------------------------------------------------- Jinja globals

@pytest.mark.parametrize("name", ["self", "range", "lipsum", "cycler", "dict", "namespace", "joiner"])
def test_jinja_globals_never_reach_the_document(tmp_path, name):
    text = COUNTY.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    marker = "role: importance\n    paragraphs:\n      - "
    assert marker in text
    spec.write_text(text.replace(marker, marker + f"在{{{{ {name} }}}}", 1), encoding="utf-8")
    proc = drafter("build", spec, "-o", tmp_path / "o.md")
    assert proc.returncode == 1 and not (tmp_path / "o.md").exists()
    assert "sections[0].paragraphs[0]" in proc.stderr and name in proc.stderr
    assert "<" not in proc.stderr  # no repr of a Python object


def test_render_string_has_no_globals():
    from drafter.errors import TemplateError
    from drafter.templating import render_string

    assert render_string("{{ scope }}{{ date|date_cn }}", {"scope": "全县", "date": "2026-01-02"}) == "全县2026年1月2日"
    for name in ("range", "lipsum", "self"):
        with pytest.raises(TemplateError):
            render_string(f"{{{{ {name} }}}}", {"scope": "全县"})


# --------------------------------------------------------------------------- terminal escape codes

def test_clean_strips_escape_codes_and_reports_them(tmp_path):
    seed = (ROOT / "seeds" / "000_0455fdd971ee24a7.txt").read_text(encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(seed + "\n各位同志：\x1b[31m今天我们召开会议\x07，很重要。\x1b]0;pwned\x07\n", encoding="utf-8")
    proc = drafter("clean", draft)
    assert proc.returncode == 0
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "pwned" not in proc.stdout
    assert "各位同志：今天我们召开会议，很重要。" in proc.stdout
    assert "control: removed 4 control character(s)" in proc.stderr


def test_drop_control_removes_sequences_whole():
    from drafter.corpus.clean import drop_control

    assert drop_control("甲\x1b[1;31m乙\x1b]2;title\x07丙\x08丁\x9b") == "甲乙丙丁"
    assert drop_control("制表\t保留") == "制表\t保留"


def test_spec_text_with_control_characters_is_an_error_naming_the_field(tmp_path):
    import re

    text = COUNTY.read_text(encoding="utf-8")
    spec = tmp_path / "s.yaml"
    # the first paragraph of the first section as a double-quoted YAML scalar starting with ESC [2J
    escaped = re.sub(r"(role: importance\n    paragraphs:\n      - )(.*)", lambda m: f'{m.group(1)}"\\e[2J{m.group(2)}"',
                     text, count=1)
    assert '"\\e[2J' in escaped
    spec.write_text(escaped, encoding="utf-8")
    proc = drafter("build", spec, "-o", "-", "--format", "txt")
    assert proc.returncode == 1 and "\x1b" not in proc.stdout + proc.stderr
    assert "sections[0].paragraphs[0]: paragraph: contains a control character (U+001B)" in proc.stderr


def _on_a_tty(*args) -> tuple[int, bytes]:
    """Run drafter with stdout on a pseudo-terminal; returns (exit code, what the terminal got)."""
    main, sub = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "drafter", *map(str, args)], cwd=ROOT, env=ENV, stdout=sub,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    assert b"Traceback" not in proc.stderr.read()
    return proc.returncode, b"".join(chunks)


def test_docx_bytes_are_not_written_to_a_terminal():
    code, shown = _on_a_tty("build", COUNTY, "-o", "-")
    assert code == 1 and b"PK" not in shown


def test_text_to_a_terminal_has_control_characters_escaped():
    from drafter.cli import terminal_safe, to_terminal

    assert terminal_safe("甲\x1b[31m乙\x07\n丙\t丁\u202e") == "甲\\x1b[31m乙\\x07\n丙\t丁\\u202e"

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert to_terminal("\x1b[2J", Tty()) == "\\x1b[2J" and to_terminal("\x1b[2J", io.StringIO()) == "\x1b[2J"
    code, shown = _on_a_tty("build", COUNTY, "-o", "-", "--format", "txt")
    assert code == 0 and "同志们".encode() in shown


# --------------------------------------------------------------------------- paths

def test_a_dangling_symlink_as_output_is_refused(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere" / "deep" / "x.md")
    proc = drafter("build", COUNTY, "-o", link)
    assert proc.returncode == 1 and f"{link}: is a dangling symlink" in proc.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_a_symlink_to_an_existing_file_still_replaces_its_target_with_force(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(target)
    assert drafter("build", COUNTY, "-o", link).returncode == 1  # exists: no --force
    assert drafter("build", COUNTY, "-o", link, "--force").returncode == 0
    assert link.is_symlink() and "同志们" in target.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- regexes and templates

@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(?:党建+)+$", "(x*)*y", "((ab)*c)+"])
def test_catastrophic_regex_in_a_rules_file_is_rejected(tmp_path, pattern):
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"rules:\n  - id: slow\n    pattern: '{pattern}'\n    regex: true\n    message: 慢\n",
                     encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("同志们：" + "a" * 5000 + "！\n", encoding="utf-8")
    start = time.monotonic()
    proc = drafter("check", draft, "--rules", rules, timeout=60)
    assert time.monotonic() - start < 30
    assert proc.returncode == 1 and f"{rules}:3:5: rules[0].pattern: regular expression can take exponential time" \
        in proc.stderr, proc.stderr


def test_ordinary_rule_patterns_are_accepted():
    from drafter.check.rulefile import builtin_rules, regex_hazard

    assert builtin_rules()
    for ok in ("十九届[一二三四五六七]中全会精神", "(?:两学一做)+", "a{1,3}b", "(?:学习|贯彻)", "三个代表"):
        assert regex_hazard(ok) is None


def test_a_template_that_loops_without_end_is_stopped(tmp_path, monkeypatch):
    from drafter.errors import TemplateError
    from drafter.templating import render_template

    (tmp_path / "spin.j2").write_text("{% for i in range(100000) %}{% for j in range(100000) %}"
                                      "{% endfor %}{% endfor %}完", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_TEMPLATE_SECONDS", "1")
    start = time.monotonic()
    with pytest.raises(TemplateError, match="longer than 1 s"):
        render_template("spin.j2", {}, tmp_path)
    assert time.monotonic() - start < 10
    time.sleep(1.2)  # the timer must not fire later into unrelated code
    (tmp_path / "ok.j2").write_text("完", encoding="utf-8")
    assert render_template("ok.j2", {}, tmp_path) == "完"


def test_a_fast_template_is_untouched_by_the_deadline(tmp_path):
    from drafter.templating import render_template

    (tmp_path / "ok.j2").write_text("{{ n|cn }}项", encoding="utf-8")
    for _ in range(50):
        assert render_template("ok.j2", {"n": 3}, tmp_path) == "三项"


def test_drafter_data_template_with_nested_loops_is_a_user_error(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "templates", data / "templates")
    shutil.copytree(ROOT / "phrasebanks", data / "phrasebanks")
    (data / "templates" / "title.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", encoding="utf-8")
    proc = drafter("build", COUNTY, "-o", tmp_path / "o.md",
                   env={**ENV, "DRAFTER_DATA": str(data), "DRAFTER_TEMPLATE_SECONDS": "1"}, timeout=60)
    assert proc.returncode == 1 and "title.j2: rendering took longer than 1 s" in proc.stderr


# --------------------------------------------------------------------------- jieba's cache

def test_jieba_cache_lives_in_drafters_per_user_cache_dir(tmp_path):
    code = ("import os; from drafter.segment import jieba; j = jieba(); "
            "print(j.dt.tmp_dir); print(os.path.exists(os.path.join(j.dt.tmp_dir, 'jieba.cache')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**ENV, "DRAFTER_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    folder, exists = proc.stdout.split()
    assert folder == str(tmp_path / "cache") and exists == "True"


def test_cache_dir_without_home_or_passwd_entry_is_private(monkeypatch, tmp_path):
    import pwd

    from drafter.resources import cache_dir

    for var in ("HOME", "XDG_CACHE_HOME", "DRAFTER_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)

    def nobody(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", nobody)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    folder = cache_dir()
    assert folder.parent == tmp_path and folder.is_dir()
    assert folder.stat().st_mode & 0o077 == 0 and folder.stat().st_uid == os.getuid()


def test_dev_stdout_into_a_pipe_is_still_written_through():
    """/dev/stdout is a link to a pipe that resolve() cannot follow: not a dangling link."""
    proc = drafter("build", COUNTY, "-o", "/dev/stdout", "--format", "md")
    assert proc.returncode == 0 and "同志们" in proc.stdout
