"""Checking specs: render then check; placeholders also in the spec's own text, with spec lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.check import check_file
from drafter.cli import main

SPEC = """\
outline: work-meeting
facts:
  speaker: 王建国
  date: 2026-11-23
  scope: 全县
  meeting: 基层党建工作会议
  topic: 基层党建
  earlier_speakers: [李明同志]
  earlier_remarks: 通报了全县基层党建工作情况
sections:
  - heading: 统一思想，充分认识{{ topic }}工作的重要性
    paragraphs:
      - 基层党组织是党在社会基层组织中的战斗堡垒，是党全部工作和战斗力的基础。{{ scope }}各级党组织要把抓基层、打基础作为长远之计和固本之举。
    children:
      - heading: 要在强化政治功能上下功夫
        paragraphs:
          - 各级党组织要把政治建设摆在首位，引导党员干部坚定理想信念，始终同党中央保持高度一致。
      - heading: 要在提升组织力上下功夫
        paragraphs:
          - 要健全基层组织体系，规范组织生活，严格落实“三会一课”制度。
  - heading: 突出重点，推动{{ topic }}工作提质增效
    paragraphs:
      - 今年以来，{{ scope }}基层党建工作取得了新的成效，但也存在一些薄弱环节，必须认真加以解决。
  - heading: 压实责任，确保各项任务落到实处
    paragraphs:
      - 各级党组织书记要切实履行第一责任人职责，亲自研究部署、亲自协调推动，定期督促检查。
"""


@pytest.fixture
def spec_file(tmp_path):
    def write(text: str, name: str = "speech.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def test_clean_spec_has_no_errors_and_exits_0(spec_file, capsys):
    path = spec_file(SPEC)
    found = check_file(path)
    assert [f for f in found if f.severity == "error"] == []
    assert any(f.rule == "length.summary" for f in found)
    assert main(["check", str(path)]) == 0


def test_anonymisation_mark_in_a_spec_is_flagged_with_its_spec_line(spec_file, capsys):
    path = spec_file(SPEC.replace("引导党员干部", "*同志引导党员干部"))
    found = [f for f in check_file(path) if f.rule == "placeholder.leftover"]
    assert len(found) == 1
    assert found[0].line == 17 and found[0].severity == "error" and "*同志" in found[0].message
    assert found[0].location == "一、（一）第1段"
    assert main(["check", str(path)]) == 1


def test_unknown_slot_in_a_spec_is_flagged_not_a_traceback(spec_file, capsys):
    path = spec_file(SPEC.replace("{{ scope }}各级党组织", "{{ unknown }}各级党组织"))
    found = check_file(path)
    slots = [f for f in found if f.rule == "placeholder.slot"]
    assert len(slots) == 1 and slots[0].line == 13 and "{{ unknown }}" in slots[0].message
    assert main(["check", "--json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(d["rule"] == "placeholder.slot" and d["file"] == str(path) for d in data)


def test_declared_but_empty_slot_is_flagged(spec_file):
    path = spec_file(SPEC.replace("  earlier_remarks: 通报了全县基层党建工作情况\n", "  focus: ''\n")
                     .replace("必须认真加以解决。", "必须围绕{{ focus }}认真加以解决。"))
    assert any(f.rule == "placeholder.slot" and "{{ focus }}" in f.message for f in check_file(path))


def test_rendered_findings_carry_the_outline_place_and_the_spec_line(spec_file):
    path = spec_file(SPEC.replace("亲自协调推动，定期", "亲自协调推动，，定期"))
    doubled = [f for f in check_file(path) if f.rule == "punct.doubled"]
    assert len(doubled) == 1
    assert doubled[0].location == "三、第1段" and doubled[0].line == 26


def test_spec_targets_and_command_line_minutes(spec_file, capsys):
    path = spec_file(SPEC + "targets:\n  minutes: 20\n")
    assert any(f.rule == "length.target" and "明显短于目标" in f.message for f in check_file(path))
    assert main(["check", "--json", "--minutes", "1", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any(d["rule"] == "length.target" and "短于" in d["message"] for d in data)


def test_outdated_formulation_in_a_spec_is_an_error(spec_file):
    path = spec_file(SPEC.replace("规范组织生活，", "认真贯彻党的十九届六中全会精神，规范组织生活，"))
    found = [f for f in check_file(path) if f.rule == "formulation.outdated"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].line == 20


def test_invalid_spec_is_reported_as_findings_with_lines(spec_file):
    path = spec_file(SPEC.replace("outline: work-meeting", "outline: work-meeting\nunknown_key: 1"))
    found = check_file(path)
    assert any(f.rule == "spec.invalid" and f.line == 2 and "unknown_key" in f.message for f in found)


def test_malformed_yaml_is_a_bad_file(spec_file, capsys):
    path = spec_file("outline: [\n")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"drafter: error: {path}:")


def test_marker_typed_in_a_heading_is_a_warning(spec_file):
    path = spec_file(SPEC.replace("heading: 压实责任", "heading: 三、压实责任"))
    found = [f for f in check_file(path) if f.rule == "spec.warning"]
    assert len(found) == 1 and found[0].line == 24 and "三、" in found[0].message


def test_bundled_examples_have_no_errors():
    from drafter.resources import data_dir

    examples = sorted(data_dir("examples").glob("*.yaml"))
    assert examples
    for path in examples:
        assert [f for f in check_file(path) if f.severity == "error"] == [], path
