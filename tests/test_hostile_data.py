"""Nothing lost (issue 15): concurrent writers, kills mid-write, a bad input in a batch, outputs over inputs.

The concurrency tests start 20 real processes at once against one file, as
the attack that found these did.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "examples" / "county-party-building.yaml"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "DRAFTER_JOBS": "1"}
PHRASES = ["坚持把抓基层打基础作为长远之计", "推动全面从严治党向基层延伸", "把党的组织优势转化为治理效能",
           "让基层党组织成为坚强战斗堡垒", "持续深化模范机关创建", "锻造忠诚干净担当的干部队伍",
           "以钉钉子精神抓好工作落实", "切实把责任扛在肩上", "坚持问题导向和目标导向相统一",
           "推动各项任务落地见效", "营造风清气正的政治生态", "坚持严的主基调不动摇",
           "不断增强群众获得感幸福感", "推动党建和业务深度融合", "持续为基层松绑减负",
           "做到哪里有群众哪里就有党的工作", "压紧压实管党治党政治责任", "健全完善长效工作机制",
           "发挥党员先锋模范作用", "激励干部担当作为"]


def _start(*args: str, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(procs: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert "Traceback" not in stderr, stderr
        out.append((proc.returncode, stdout, stderr))
    return out


def test_twenty_concurrent_phrase_adds_all_land_with_unique_ids(tmp_path):
    bank = tmp_path / "mine.yaml"
    results = _finish([_start("phrases", "add", "--bank", bank, "--function", "section.tasks", "--text", text)
                       for text in PHRASES])
    assert all(code == 0 for code, _, _ in results), results
    entries = yaml.safe_load(bank.read_text(encoding="utf-8"))["entries"]
    assert sorted(e["text"] for e in entries) == sorted(PHRASES)  # every add landed
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == 20  # and no two share an id
    printed = sorted(stdout.split()[1] for _, stdout, _ in results)
    assert printed == sorted(ids)  # what each run said it added is what the bank holds


def test_twenty_concurrent_builds_to_one_output_exactly_one_writes(tmp_path):
    out = tmp_path / "out.md"
    results = _finish([_start("build", COUNTY, "-o", out) for _ in range(20)])
    wrote = [r for r in results if r[0] == 0]
    refused = [r for r in results if r[0] != 0]
    assert len(wrote) == 1, [r[2] for r in results]  # create-exclusive: no run replaces another's file
    assert all("already exists" in stderr for _, _, stderr in refused)
    assert "同志们" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temp file left by the losers


def test_one_bad_spec_in_a_batch_of_ten_is_reported_and_the_rest_built(tmp_path):
    specs = []
    text = COUNTY.read_text(encoding="utf-8")
    for i in range(10):
        spec = tmp_path / f"s{i}.yaml"
        body = text.replace("role: importance", "role: [a]", 1) if i == 4 else text
        spec.write_text(body, encoding="utf-8")
        specs.append(spec)
    assert "role: [a]" in specs[4].read_text(encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "drafter", "build", *map(str, specs), "-o", str(out),
                           "--format", "md"], capture_output=True, text=True, env={**ENV, "DRAFTER_JOBS": ""},
                          timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(f"s{i}.md" for i in range(10) if i != 4)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "role: importance" in l)
    assert f"s4.yaml:{line}:5: sections[0].role: unknown role ['a']" in proc.stderr
    assert "1 of 10 specs failed" in proc.stderr


@pytest.mark.parametrize("command", ["parse", "check"])
def test_circled_number_lines_do_not_abort_parse_or_check(tmp_path, command):
    draft = tmp_path / "draft.txt"
    draft.write_text("同志们：\n① 统一思想，提高认识。\n⑳ 压实责任，狠抓落实。\n⑴ 其他。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "drafter", command, str(draft)], capture_output=True, text=True,
                          env=ENV, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1) and proc.stdout.strip()


def test_one_circled_number_line_does_not_abort_mine(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((ROOT / "seeds" / "000_0455fdd971ee24a7.txt").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("① 这是一行。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "drafter", "mine", str(corpus), "-o", str(tmp_path / "banks")],
                          capture_output=True, text=True, env=ENV, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0 and len(list((tmp_path / "banks").glob("mined-*.yaml"))) >= 5


def test_circled_numbers_read_as_their_value():
    from drafter.corpus.parse.markers import match_marker

    assert match_marker("① 统一思想").number == 1
    assert match_marker("⑳ 压实责任").number == 20


_SLOW_WRITER = """
import sys, time
from pathlib import Path
from drafter.textio import install_signal_cleanup, replacing
install_signal_cleanup()
with replacing(Path(sys.argv[1])) as tmp:
    open(tmp, "wb").write(b"x" * 1000)
    print("writing", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_term_or_hup_mid_write_removes_the_temp_file(tmp_path, sig):
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(tmp_path / "out.md")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    assert proc.stdout.readline().strip() == "writing"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    proc.send_signal(sig)
    proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig
    assert list(tmp_path.iterdir()) == []


def test_stale_temp_files_of_our_naming_are_swept_on_the_next_write(tmp_path):
    from drafter.textio import atomic_write

    dead = tmp_path / ".out.md.drafter-999999999-abcd1234.tmp"  # no such pid
    old = tmp_path / ".out.md.k2j3h4g5.tmp"  # an older drafter's naming, two hours old
    live = tmp_path / f".out.md.drafter-{os.getppid()}-zzzz9999.tmp"  # a running writer's: kept
    theirs = tmp_path / ".out.md.user-notes.tmp"  # not our naming: kept
    for p in (dead, old, live, theirs):
        p.write_bytes(b"x" * 100)
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    atomic_write(tmp_path / "out.md", "正文")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.md", live.name, theirs.name])


def test_build_refuses_to_write_over_its_own_spec(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(COUNTY.read_text(encoding="utf-8"), encoding="utf-8")
    before = spec.read_bytes()
    for out in ("s.yaml", "./s.yaml", str(spec)):
        proc = subprocess.run([sys.executable, "-m", "drafter", "build", "s.yaml", "-o", out, "--force",
                               "--format", "md"], capture_output=True, text=True, env=ENV, cwd=tmp_path, timeout=120)
        assert proc.returncode == 1 and "would overwrite the input" in proc.stderr, proc.stderr
    assert spec.read_bytes() == before


def test_build_refuses_to_write_over_the_reference_document(tmp_path):
    from drafter.building import build_one

    ref = tmp_path / "ref.docx"
    build_one(COUNTY, ref, "docx", None, False)
    before = ref.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "drafter", "build", str(COUNTY), "-o", str(ref), "--force",
                           "--reference-doc", str(ref)], capture_output=True, text=True, env=ENV, timeout=120)
    assert proc.returncode == 1 and "would overwrite the input" in proc.stderr
    assert ref.read_bytes() == before


def test_exclusive_write_never_replaces_a_file_that_appears_meanwhile(tmp_path, monkeypatch):
    """The race the check-then-replace writer lost: the target appears after the check."""
    import drafter.textio as textio
    from drafter.errors import OutputExistsError

    target = tmp_path / "out.md"
    real_link = os.link

    def link_after_rival(src, dst):
        target.write_text("the other writer's", encoding="utf-8")  # the rival wins between check and link
        return real_link(src, dst)

    monkeypatch.setattr(textio.os, "link", link_after_rival)
    with pytest.raises(OutputExistsError, match="already exists"):
        textio.atomic_write(target, "mine")
    assert target.read_text(encoding="utf-8") == "the other writer's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
