"""The TUI's headless core: draft state and autosave, budget, progress, facts (no Textual)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from types import SimpleNamespace

import pytest

from drafter.errors import DrafterError
from drafter.model import Paragraph, Section, Speech
from drafter.tui import engine, progress
from drafter.tui.budget import count_chars, format_minutes, speech_budget
from drafter.tui.draft import Draft, recent_drafts
from drafter.yamlsrc import load_yaml


def _draft(tmp_path) -> Draft:
    return Draft.new("work-meeting", [("importance", ""), ("tasks", "")], path=tmp_path / "d.yaml")


def test_headless_core_never_imports_textual():
    code = ("import sys, drafter.tui.draft, drafter.tui.budget, drafter.tui.engine, drafter.tui.progress;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'jieba')];"
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_save_writes_a_spec_without_blank_points(tmp_path):
    d = _draft(tmp_path)
    d.set_fact("speaker", "王建国")
    d.set_heading((1,), "突出重点，扎实推进各项任务")
    d.set_body_text((1,), "第一段。\n\n第二段。")
    assert d.save()
    data = load_yaml(d.path).data
    assert data["outline"] == "work-meeting"
    assert data["facts"] == {"speaker": "王建国"}
    assert data["sections"] == [{"heading": "突出重点，扎实推进各项任务", "role": "tasks",
                                 "paragraphs": ["第一段。", "第二段。"]}]
    assert not d.save()  # nothing changed since: no write


def test_reopened_draft_gets_its_outline_skeleton_back(tmp_path):
    d = _draft(tmp_path)
    d.set_heading((1,), "部署任务")
    d.save()
    again = Draft.open(d.path)
    assert [s["role"] for s in again.sections] == ["tasks"]
    again.merge_skeleton(["importance", "tasks", "leadership"])
    assert [(s["role"], s["heading"]) for s in again.sections] == [
        ("importance", ""), ("tasks", "部署任务"), ("leadership", "")]
    assert not again.dirty


def test_date_fact_is_saved_as_a_date(tmp_path):
    d = _draft(tmp_path)
    f = engine.FieldView("date", "日期", "date")
    d.set_fact("date", engine.parse_fact(f, "2026-11-23"))
    d.save()
    assert load_yaml(d.path).data["facts"]["date"] == dt.date(2026, 11, 23)


def test_sub_points_add_move_and_remove(tmp_path):
    d = _draft(tmp_path)
    a = d.add_child((1,), "甲")
    b = d.add_child((1,), "乙")
    assert (a, b) == ((1, 0), (1, 1))
    assert d.move(b, -1) == (1, 0)
    assert [c["heading"] for c in d.section((1,))["children"]] == ["乙", "甲"]
    assert d.move((1, 0), -1) == (1, 0)  # already first: stays
    assert d.remove((1, 0)) == (1, 0)
    assert [c["heading"] for c in d.section((1,))["children"]] == ["甲"]
    assert d.remove((1, 0)) == (1,)  # last child gone: focus goes to the parent


def test_phrase_reference_survives_the_editor_round_trip(tmp_path):
    d = Draft.from_data({"outline": "x", "sections": [
        {"heading": "h", "paragraphs": ["正文", {"phrase": "curated-0001", "slots": {"scope": "全市"}}]}]},
        tmp_path / "x.yaml")
    text = d.body_text((0,))
    assert text == "正文\n〔短语：curated-0001〕"
    d.set_body_text((0,), text + "\n新的一段")
    assert d.section((0,))["paragraphs"] == ["正文", {"phrase": "curated-0001", "slots": {"scope": "全市"}},
                                             "新的一段"]


def test_every_change_notifies_listeners(tmp_path):
    d = _draft(tmp_path)
    seen = []
    d.listeners.append(lambda _d: seen.append(1))
    d.set_fact("speaker", "王")
    d.set_fact("speaker", "王")  # same value: not a change
    d.set_heading((0,), "标题")
    d.add_child((0,))
    assert len(seen) == 3


def test_recent_drafts_lists_newest_first_and_skips_broken_files(tmp_path):
    a = Draft.new("work-meeting", [], path=tmp_path / "a.yaml")
    a.set_fact("title", "旧的讲话")
    a.save()
    b = Draft.new("work-meeting", [], path=tmp_path / "b.yaml")
    b.set_fact("meeting", "新的会议")
    b.save()
    import os
    os.utime(a.path, (1, 1))
    (tmp_path / "broken.yaml").write_text("a: [", encoding="utf-8")
    got = recent_drafts(folder=tmp_path)
    assert [r.title for r in got] == ["新的会议", "旧的讲话"]


def test_open_rejects_a_non_spec_with_its_file_name(tmp_path):
    p = tmp_path / "list.yaml"
    p.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        Draft.open(p)
    assert "list.yaml" in str(exc.value)


def test_facts_are_validated_with_chinese_messages():
    req = engine.FieldView("speaker", "讲话人", required=True)
    assert engine.validate_fact(req, None) == "此项必填"
    date = engine.FieldView("date", "日期", "date")
    assert engine.validate_fact(date, engine.parse_fact(date, "2026-13-01")) == "不是有效的日期"
    assert engine.validate_fact(date, engine.parse_fact(date, "明天")).startswith("日期请写成")
    assert engine.validate_fact(date, engine.parse_fact(date, "2026-11-23")) is None
    pat = engine.FieldView("scope", "范围", validation=r"全(县|市|区)")
    assert engine.validate_fact(pat, "全省") is not None and engine.validate_fact(pat, "全县") is None
    names = engine.FieldView("earlier_speakers", "前面发言的同志", "list")
    assert engine.parse_fact(names, "李明同志、张华同志") == ["李明同志", "张华同志"]


def test_fill_text_keeps_slots_it_cannot_fill():
    assert engine.fill_text("{{ scope }}的{{ topic }}工作", {"scope": "全县"}) == "全县的{{ topic }}工作"


@pytest.mark.parametrize("text, facts, shown", [
    ("统一思想，充分认识做好{{ topic }}工作的重要性", {"topic": "人才工作"}, "统一思想，充分认识做好人才工作的重要性"),
    ("今天，我们召开全县{{ meeting }}", {"scope": "全县", "meeting": "全县人才工作会议"}, "今天，我们召开全县人才工作会议"),
    ("动员{{ scope }}全县上下", {"scope": "全县"}, "动员全县上下"),
    ("{{ speaker }}同志", {"speaker": "王建国同志"}, "王建国同志"),
])
def test_walker_text_mends_joins_as_the_build_does(text, facts, shown):
    # The walker's headings and suggestions read like the built speech: no 工作工作 or 全县全县.
    assert engine.fill_text(text, facts) == shown


def _speech(sizes: list[int]) -> Speech:
    return Speech(title="标题", salutation="同志们：", sections=[
        Section("一、", 1, 1, "甲", paragraphs=[Paragraph("字" * n)]) for n in sizes])


def test_budget_counts_characters_and_minutes_against_targets():
    b = speech_budget(_speech([440, 880]), {"minutes": 20, "chars_per_minute": 220}, [1, 3])
    assert b.chars == count_chars("同志们：") + 2 * count_chars("一、甲") + 1320  # the title is not read aloud
    assert b.minutes == pytest.approx(b.chars / 220)
    assert b.sections[1].target_minutes == pytest.approx(3 * b.sections[0].target_minutes)
    assert b.sections[0].minutes == pytest.approx(443 / 220)


def test_budget_defaults_to_220_characters_a_minute_and_no_target():
    b = speech_budget(_speech([220]))
    assert b.chars_per_minute == 220 and b.target_minutes is None
    assert b.sections[0].target_minutes is None
    assert format_minutes(2.5) == "2分30秒" and format_minutes(0.5) == "30秒"


def test_progress_marks_and_numbering_follow_the_content(tmp_path):
    d = _draft(tmp_path)
    assert progress.status(d.section((0,))) == progress.EMPTY
    d.set_heading((1,), "部署任务")
    d.set_body_text((1,), "短。")
    assert progress.status(d.section((1,))) == progress.DRAFTED
    d.set_body_text((1,), "字" * 300)
    assert progress.status(d.section((1,)), 250) == progress.DONE
    d.add_child((1,), "子一")
    d.add_child((1,), "子二")
    marks = dict(progress.numbered(d, ["一、", "（一）"]))
    assert marks[(0,)] == "" and marks[(1,)] == "一、"
    assert marks[(1, 0)] == "（一）" and marks[(1, 1)] == "（二）"
    assert progress.announced(d) == 1


def test_outline_view_adapts_the_engine_outline():
    o = SimpleNamespace(id="x", name="类型", description="说明", sources=[SimpleNamespace(file="seeds/000.txt", piece="篇1", note="")],
                        fields=[SimpleNamespace(name="scope", label="范围", type="text", required=True, example="全县",
                                                help="", pattern="全.", min_length=None, max_length=None, choices=())],
                        sections=[SimpleNamespace(role="tasks", archetype="部署任务", guidance="讲做什么", length=(600, 1400),
                                                  heading_patterns=("突出重点，……",), phrases=("section.tasks",),
                                                  sub_guidance="")],
                        numbering=("一、", "（一）"))
    v = engine.outline_view(o)
    assert v.sources == ["000.txt 篇1"]
    assert v.fields[0].validation == "全." and v.fields[0].required
    s = v.sections[0]
    assert (s.label, s.target_chars, s.functions) == ("部署任务", 1000, ["section.tasks"])
    assert v.numbering == ["一、", "（一）"]


def test_export_builds_exactly_what_drafter_build_builds(tmp_path):
    from pathlib import Path

    from drafter.cli import main
    from drafter.errors import OutputExistsError

    spec = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
    ours, _warnings = engine.export(spec, tmp_path / "tui.txt")
    assert main(["build", str(spec), "-o", str(tmp_path / "cli.txt"), "--format", "txt"]) == 0
    assert ours.read_bytes() == (tmp_path / "cli.txt").read_bytes()
    with pytest.raises(OutputExistsError):
        engine.export(spec, ours)
    engine.export(spec, ours, force=True)
    with pytest.raises(DrafterError):
        engine.export(spec, tmp_path / "x.pdf")


def test_open_reports_every_misshapen_part_with_its_line(tmp_path):
    from drafter.errors import ValidationError

    p = tmp_path / "bad.yaml"
    p.write_text("outline: work-meeting\nfacts: [a, b]\nsections:\n  - just text\n  - heading: h\n    children: x\n",
                 encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        Draft.open(p)
    text = str(exc.value)
    assert "bad.yaml:2:1: facts: must be a mapping" in text
    assert "bad.yaml:4" in text and "bad.yaml:6" in text


def test_suggestions_fill_the_derived_committee_slot():
    from drafter.tui.engine import fill_text

    assert fill_text("经{{ committee }}研究决定", {"scope": "全镇"}) == "经镇党委研究决定"
    assert fill_text("经{{ committee }}研究决定", {}) == "经{{ committee }}研究决定"
