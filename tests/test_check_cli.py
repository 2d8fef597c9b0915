"""`drafter check FILE…`: places, severities, JSON, exit codes, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_000, SEED_002, SEED_004

from drafter.check import check_file
from drafter.cli import main

CLEAN_TEXT = """在全县基层党建工作会议上的讲话

（2026年11月23日）

同志们：

这次会议的主要任务是，深入学习贯彻党的二十大和二十届历次全会精神，总结今年以来全县基层党建工作，部署下一阶段重点任务。刚才，李明同志通报了全县基层党建工作情况，三个乡镇作了交流发言，讲得都很好，我都同意。

下面，我讲三点意见。

一、提高站位，充分认识抓好基层党建工作的重要意义

基层党组织是党在社会基层组织中的战斗堡垒，是党全部工作和战斗力的基础。各级党组织要从巩固党的执政基础的高度，把抓基层、打基础作为长远之计和固本之举。

（一）要在强化政治功能上下功夫。各级党组织要把政治建设摆在首位，引导党员干部坚定理想信念，始终在思想上政治上行动上同党中央保持高度一致。

（二）要在提升组织力上下功夫。要健全基层组织体系，规范组织生活，严格落实“三会一课”制度，让每个支部都成为坚强的战斗堡垒。

二、突出重点，推动基层党建工作提质增效

今年以来，全县基层党建工作取得了新的成效，但也存在一些薄弱环节，有的支部组织生活不够规范，有的党员作用发挥不够充分。对这些问题，我们必须高度重视，认真加以解决。

（一）抓好村级班子建设。要选优配强村党组织书记，加强后备力量培养，推动村级班子结构持续优化。

（二）抓好党员队伍建设。要严格党员发展程序，加强党员日常教育管理，引导广大党员在乡村振兴中争当先锋。

（三）抓好阵地建设。要统筹用好各类资源，建好管好用好党群服务中心，让群众办事更方便。

三、压实责任，确保各项任务落到实处

各级党组织书记要切实履行第一责任人职责，亲自研究部署、亲自协调推动。县委组织部要加强统筹协调，定期督促检查，对工作不力的要严肃问责。

同志们，抓好基层党建工作使命光荣、责任重大。让我们更加紧密地团结在以习近平同志为核心的党中央周围，以习近平新时代中国特色社会主义思想为指导，真抓实干、奋发有为，为推动全县高质量发展作出新的更大贡献！
"""


@pytest.fixture
def clean_txt(tmp_path) -> Path:
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN_TEXT, encoding="utf-8")
    return p


def test_clean_draft_has_no_errors_and_exits_0(clean_txt, capsys):
    assert [f for f in check_file(clean_txt) if f.severity != "info"] == []
    assert main(["check", str(clean_txt)]) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out


def test_seed_002_reports_the_numbering_anomaly_and_exits_1(capsys):
    assert main(["check", str(SEED_002)]) == 1
    out = capsys.readouterr().out
    gap = [line for line in out.splitlines() if "[numbering.gap]" in line and "“五、”" in line]
    assert gap and gap[0].startswith(f"{SEED_002}:") and ": error: " in gap[0]
    assert any("[numbering.repeat]" in line and "“六、”" in line for line in out.splitlines())


def test_human_output_is_sorted_by_line_within_a_file(capsys):
    main(["check", str(SEED_004)])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(f"{SEED_004}:")]
    numbers = [int(ln.split(":")[1]) for ln in lines if ln.split(":")[1].isdigit()]
    assert numbers == sorted(numbers) and len(numbers) > 3


def test_json_output_is_a_list_of_findings_with_the_summary_on_stderr(capsys):
    assert main(["check", "--json", str(SEED_000)]) == 1
    captured = capsys.readouterr()
    assert "error(s)" in captured.err and "in 1 file(s)" in captured.err
    data = json.loads(captured.out)
    assert isinstance(data, list) and data
    for item in data:
        assert {"rule", "severity", "message", "line", "location", "file"} <= set(item)
        assert item["line"] is not None or item["location"]
        assert item["file"] == str(SEED_000)
    rules = {item["rule"] for item in data}
    assert {"placeholder.leftover", "formulation.outdated", "length.summary"} <= rules
    leftover = next(item for item in data if item["rule"] == "placeholder.leftover")
    assert leftover["severity"] == "error" and "**" in leftover["message"] and leftover["line"] == 5


def test_half_width_punctuation_is_reported_from_the_raw_lines(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(CLEAN_TEXT.replace("下面，我讲三点意见。", "下面,我讲三点意见。"), encoding="utf-8")
    found = [f for f in check_file(p) if f.rule == "punct.half-width"]
    assert len(found) == 1 and found[0].line == 9 and "“,”→“，”" in found[0].message


def test_warnings_alone_exit_0(tmp_path, capsys):
    p = tmp_path / "draft.txt"
    p.write_text(CLEAN_TEXT.replace("下面，我讲三点意见。", "下面,我讲三点意见。"), encoding="utf-8")
    assert main(["check", str(p)]) == 0
    assert "[punct.half-width]" in capsys.readouterr().out


def test_minutes_option_sets_the_target(clean_txt, capsys):
    assert main(["check", "--json", "--minutes", "30", str(clean_txt)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(d["rule"] == "length.target" and "明显短于目标" in d["message"] for d in data)
    assert main(["check", "--json", "--chars-per-minute", "100", str(clean_txt)]) == 0
    assert "每分钟100字" in json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)


def test_user_rules_option(clean_txt, tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - pattern: 固本之举\n    message: 本单位不用此说法\n    severity: error\n", encoding="utf-8")
    assert main(["check", "--rules", str(rules), str(clean_txt)]) == 1
    assert "“固本之举”" in capsys.readouterr().out
    rules.write_text("rules:\n  - pattern: x\n    severity: fatal\n", encoding="utf-8")
    assert main(["check", "--rules", str(rules), str(clean_txt)]) == 1
    err = capsys.readouterr().err
    assert f"{rules}:3:" in err and "Traceback" not in err


@pytest.mark.parametrize("make, expect", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "directory"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50) and d / "bin.txt", "binary"),
    (lambda d: (d / "notes.pdf").write_bytes(b"%PDF-1.4") and d / "notes.pdf", "cannot check .pdf"),
    (lambda d: (d / "bad.docx").write_bytes(b"not a zip") and d / "bad.docx", "docx"),
])
def test_bad_files_give_one_clear_line_and_exit_2(tmp_path, capsys, make, expect):
    path = make(tmp_path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("drafter: error: ") and expect in err[0]
    assert str(path) in err[0]


def test_a_bad_file_does_not_stop_the_others(clean_txt, tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt"), str(clean_txt)]) == 2
    captured = capsys.readouterr()
    assert "no such file" in captured.err and "in 1 file(s); 1 file(s) could not be checked" in captured.out


def test_docx_draft_is_checked_by_paragraph(tmp_path):
    import docx

    document = docx.Document()
    for line in CLEAN_TEXT.replace("三、压实责任", "四、压实责任").splitlines():
        if line.strip():
            document.add_paragraph(line)
    path = tmp_path / "draft.docx"
    document.save(str(path))
    found = check_file(path)
    gap = [f for f in found if f.rule == "numbering.gap"]
    assert len(gap) == 1 and "“二、”之后是“四、”" in gap[0].message and gap[0].file == str(path)
    assert gap[0].line == 15  # the 15th paragraph of the document
    assert [f for f in found if f.severity == "error"] == gap


def test_markdown_draft_is_read_through_its_markup(tmp_path):
    md = []
    for line in CLEAN_TEXT.splitlines():
        if line.startswith(("一、", "二、", "三、")):
            line = "## " + line.replace("三、", "四、")
        elif line.startswith("（") and "。" in line:
            head, _, body = line.partition("。")
            line = f"**{head}。**{body}"
        md.append(line)
    path = tmp_path / "draft.md"
    path.write_text("# " + "\n".join(md), encoding="utf-8")
    found = check_file(path)
    assert [f.rule for f in found if f.severity != "info"] == ["numbering.gap"]


def test_list_rules_names_every_rule_family(capsys):
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for rule in ("numbering.gap", "announced.count", "placeholder.leftover", "punct.half-width",
                 "formulation.outdated", "repetition.sentence", "length.target"):
        assert rule in out


def test_no_file_is_a_usage_error(capsys):
    assert main(["check"]) == 2
    assert "at least one FILE" in capsys.readouterr().err


def test_importing_the_checker_stays_light():
    import subprocess
    import sys

    code = ("import sys, drafter.check, drafter.commands.check; "
            "print(sorted(m for m in ('jieba', 'docx', 'textual', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
