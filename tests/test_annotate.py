"""Review in Word: findings and provenance as Word comments on the right paragraph, nothing else changed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from drafter.annotate import AUTHOR, read_comments  # noqa: E402
from drafter.building import reviewed_bytes, spec_bytes  # noqa: E402
from drafter.check import check_file  # noqa: E402
from drafter.check.files import annotate_file  # noqa: E402

from conftest import SEED_000  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUTDATED = "各级党组织要认真贯彻党的十九届六中全会精神，把基层党建各项任务落到实处。"
PLACEHOLDER = "请*同志牵头，抓好督查落实。"

SPEC = f"""outline: work-meeting
facts:
  speaker: 王建国
  date: 2026-11-23
  scope: 全县
  meeting: 基层党建工作会议
  topic: 基层党建
opening:
  - phrase: curated-0005
sections:
  - heading: 统一思想，充分认识做好{{{{ topic }}}}工作的重要性
    paragraphs:
      - 党的基层组织是党的全部工作和战斗力的基础。
  - heading: 突出重点，全面提升基层党组织组织力
    paragraphs:
      - {OUTDATED}
    children:
      - heading: 要在建强组织体系上下功夫
        paragraphs:
          - {PLACEHOLDER}
"""


def drafter(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def spec(tmp_path) -> Path:
    path = tmp_path / "讲话.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def paragraph_of(comments, fragment: str):
    return [c for c in comments if fragment in c.anchored]


def runs_of(data: bytes) -> list[list[tuple]]:
    """Every paragraph's runs with their text and formatting (comment reference runs have no text)."""
    document = docx.Document(io.BytesIO(data))
    return [[(r.text, r.bold, r.italic, r.style.name if r.style is not None else None, r.font.name, r.font.size)
             for r in p.runs if r.text] for p in document.paragraphs]


def styles_of(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_check_annotate_puts_each_finding_on_its_paragraph_of_a_built_docx(spec, tmp_path):
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(spec_bytes(spec, "docx", None, []))
    out = tmp_path / "审阅.docx"
    findings, written = annotate_file(draft, out)
    comments = read_comments(written.read_bytes())
    assert len(comments) == len(findings) and all(c.author == AUTHOR for c in comments)
    for f in findings:
        assert any(f"[{f.rule}]" in c.text and f.message in c.text for c in comments)
    outdated = [c for c in comments if "[formulation." in c.text]
    assert outdated and all(OUTDATED in c.anchored for c in outdated)
    leftover = [c for c in comments if "[placeholder.leftover]" in c.text]
    assert leftover and all(PLACEHOLDER in c.anchored for c in leftover)
    before, after = draft.read_bytes(), written.read_bytes()
    assert styles_of(after) == styles_of(before) and runs_of(after) == runs_of(before)


def test_check_annotate_works_on_an_arbitrary_word_file(tmp_path):
    document = docx.Document()
    for i, line in enumerate(SEED_000.read_text(encoding="utf-8").splitlines()):
        p = document.add_paragraph()
        p.add_run(line[:6]).bold = i % 3 == 0  # formatting the annotation must keep
        p.add_run(line[6:])
    draft = tmp_path / "旧稿.docx"
    document.save(draft)
    findings, written = annotate_file(draft, tmp_path / "审阅.docx")
    comments = read_comments(written.read_bytes())
    assert findings and len(comments) == len(findings)
    paragraphs = docx.Document(io.BytesIO(written.read_bytes())).paragraphs
    for f in findings:
        if f.line is not None:
            assert any(c.paragraph == f.line and f"[{f.rule}]" in c.text for c in comments)
            assert paragraphs[f.line - 1].text.strip()
    assert runs_of(written.read_bytes()) == runs_of(draft.read_bytes())


def test_check_annotate_command_refuses_to_overwrite_and_needs_an_output(spec, tmp_path):
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(spec_bytes(spec, "docx", None, []))
    out = tmp_path / "审阅.docx"
    assert drafter("check", "--annotate", draft).returncode == 2
    proc = drafter("check", "--annotate", draft, "-o", out)
    assert proc.returncode == 1 and out.is_file() and "comment" in proc.stdout  # errors in the draft: exit 1
    again = drafter("check", "--annotate", draft, "-o", out)
    assert again.returncode == 1 and "--force" in again.stderr
    assert drafter("check", "--annotate", draft, "-o", out, "--force").returncode == 1
    assert drafter("check", "--annotate", draft, "-o", draft, "--force").returncode == 1  # never the draft itself
    notdocx = drafter("check", "--annotate", spec, "-o", tmp_path / "x.docx")
    assert notdocx.returncode == 1 and ".docx" in notdocx.stderr


def test_build_comments_put_the_spec_findings_on_their_paragraphs(spec, tmp_path):
    data = reviewed_bytes(spec, None, comments=True, trace=False)
    comments = read_comments(data)
    findings = [f for f in check_file(spec) if f.rule != "spec.warning"]
    assert len(comments) == len(findings)
    assert all(OUTDATED in c.anchored for c in comments if "[formulation." in c.text)
    assert all(PLACEHOLDER in c.anchored for c in comments if "[placeholder.leftover]" in c.text)
    assert any("[formulation." in c.text for c in comments) and any("[placeholder." in c.text for c in comments)
    plain = spec_bytes(spec, "docx", None, [])
    assert styles_of(data) == styles_of(plain)


def test_build_trace_names_the_template_and_the_phrase_entry_with_its_source(spec):
    comments = read_comments(reviewed_bytes(spec, None, comments=False, trace=True))
    opening = [c for c in comments if "curated-0005" in c.text]
    assert opening and "这次会议既是一次总结会" in opening[0].anchored and "curated.yaml" in opening[0].text
    closing = [c for c in comments if "closing_meeting.j2" in c.text]
    assert closing and closing[0].anchored.startswith("同志们，")
    assert any("title.j2" in c.text and "在全县基层党建工作会议上的讲话" in c.anchored.replace("\n", "")
               for c in comments)
    assert any("transition.j2" in c.text and c.anchored.startswith("下面") for c in comments)
    # the writer's own paragraphs are not boilerplate
    assert not any(OUTDATED in c.anchored for c in comments)


def test_build_comments_command_writes_a_docx(spec, tmp_path):
    out = tmp_path / "审阅.docx"
    proc = drafter("build", spec, "--comments", "--trace", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert read_comments(out.read_bytes())
    md = drafter("build", spec, "--comments", "-o", tmp_path / "x.md")
    assert md.returncode == 1 and "docx" in md.stderr
