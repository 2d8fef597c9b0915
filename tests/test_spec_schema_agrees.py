"""The JSON Schema that `drafter schema` prints and drafter's own validator agree.

A standard validator (jsonschema) over the printed schema accepts every example and a draft
saved by the UI's headless core, and a set of bad specs fails both ways, so the two cannot
drift apart unnoticed.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import jsonschema
import pytest

from drafter.errors import ValidationError
from drafter.spec import parse_spec
from drafter.tui.draft import Draft
from drafter.yamlsrc import dump_yaml, load_yaml, parse_yaml

from conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator():
    proc = subprocess.run([sys.executable, "-m", "drafter", "schema"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def as_json(data):
    """What a JSON tool sees of a YAML spec: dates become ISO text."""
    return json.loads(json.dumps(data, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))


def schema_errors(validator, data) -> list[str]:
    return [e.message for e in validator.iter_errors(as_json(data))]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_validates_against_the_printed_schema(validator, path):
    assert schema_errors(validator, load_yaml(path).data) == []


def test_a_draft_saved_by_the_ui_validates_both_ways(validator, tmp_path):
    d = Draft.new("work-meeting", [("importance", ""), ("tasks", "")], path=tmp_path / "draft.yaml")
    for name, value in BASE["facts"].items():
        d.set_fact(name, value)
    d.set_heading((0,), "提高站位，深刻认识做好今年工作的重要意义")
    d.set_body_text((0,), "第一段。\n\n第二段。")
    d.set_heading((1,), "突出重点，扎实推进各项任务")
    d.set_body_text((1,), "要抓好{{ scope }}的各项工作。")
    child = d.add_child((1,), "抓好项目建设")
    d.set_body_text(child, "项目是发展的生命线。")
    d.set_done((0,), True)
    d.set_target("minutes", 20)
    d.set_style("preset", "podium")
    d.set_part_text("closing", "同志们，让我们团结一心，奋力完成全年目标任务！")
    assert d.save()
    data = load_yaml(d.path).data
    assert data["sections"][0]["done"] is True and data["sections"][1]["children"]
    assert schema_errors(validator, data) == []
    parse_spec(d.path.read_text(encoding="utf-8"), str(d.path))  # drafter's validator accepts it too


BASE = {
    "outline": "work-meeting",
    "facts": {"speaker": "王建国", "date": dt.date(2026, 11, 23), "scope": "全县", "meeting": "基层党建工作会议",
              "topic": "基层党建"},
    "sections": [{"heading": "突出重点，扎实推进各项任务", "role": "tasks", "paragraphs": ["第一段。"]}],
}


def _with(change):
    data = json.loads(json.dumps(as_json(BASE)))
    change(data)
    return data


def _section(data):
    return data["sections"][0]


BAD = {
    "unknown top key": lambda d: d.update(footer="x"),
    "missing outline": lambda d: d.pop("outline"),
    "unknown outline": lambda d: d.update(outline="no-such-outline"),
    "sections not a list": lambda d: d.update(sections={"heading": "x"}),
    "no sections": lambda d: d.update(sections=[]),
    "missing sections": lambda d: d.pop("sections"),
    "unknown fact": lambda d: d["facts"].update(colour="红"),
    "fact of the wrong type": lambda d: d["facts"].update(speaker=["王建国", "李四"]),
    "bad role": lambda d: _section(d).update(role="no-such-role"),
    "heading not a string": lambda d: _section(d).update(heading=123),
    "empty heading": lambda d: _section(d).update(heading=""),
    "section without heading": lambda d: _section(d).pop("heading"),
    "unknown section key": lambda d: _section(d).update(colour="红"),
    "done not a bool": lambda d: _section(d).update(done="yes"),
    "paragraph not text": lambda d: _section(d).update(paragraphs=[12]),
    "paragraph with text and phrase": lambda d: _section(d).update(paragraphs=[{"text": "a", "phrase": "b"}]),
    "unknown paragraph key": lambda d: _section(d).update(paragraphs=[{"text": "a", "colour": "b"}]),
    "child section not a mapping": lambda d: _section(d).update(children=["x"]),
    "unknown style option": lambda d: d.update(style={"font": "宋体"}),
    "bad preset": lambda d: d.update(style={"preset": "huge"}),
    "bold_level3 not a bool": lambda d: d.update(style={"bold_level3": "yes"}),
    "minutes not a number": lambda d: d.update(targets={"minutes": "twenty"}),
    "minutes zero": lambda d: d.update(targets={"minutes": 0}),
    "minutes over a day": lambda d: d.update(targets={"minutes": 2000}),
    "chars_per_minute below one": lambda d: d.update(targets={"chars_per_minute": 0.5}),
    "unknown target": lambda d: d.update(targets={"hours": 1}),
    "heading only a numbering marker": lambda d: _section(d).update(heading="一、"),
    "heading on two lines": lambda d: _section(d).update(heading="突出重点\n扎实推进"),
    "paragraph on two lines": lambda d: _section(d).update(paragraphs=["第一段。\n第二段。"]),
    "blank paragraph": lambda d: _section(d).update(paragraphs=["  "]),
    "control character in a paragraph": lambda d: _section(d).update(paragraphs=["第一段\x07。"]),
    "paragraph too long": lambda d: _section(d).update(paragraphs=["长" * 100_001]),
    "fact not matching its pattern": lambda d: d["facts"].update(scope="全县abc"),
    "required fact empty": lambda d: d["facts"].update(speaker=""),
    "required facts missing": lambda d: d.pop("facts"),
    "sections nested too deep": lambda d: _section(d).update(children=[_nest(4)]),
    "text paragraph with slots": lambda d: _section(d).update(paragraphs=[{"text": "a", "slots": {"x": "y"}}]),
}


def _nest(levels: int) -> dict:
    """A section with `levels` levels of children below it."""
    section = {"heading": "要点", "paragraphs": ["一段。"]}
    return section if levels == 0 else section | {"children": [_nest(levels - 1)]}


GOOD = {
    "a list fact given as one string": lambda d: d["facts"].update(earlier_speakers="李明同志"),
    "an optional fact left empty": lambda d: d["facts"].update(organizer="", purpose=None),
    "paragraphs given as one string": lambda d: _section(d).update(paragraphs="第一段。"),
    "nulls for the optional parts": lambda d: d.update(opening=None, closing=None, style=None, targets=None),
    "a heading after a typed marker": lambda d: _section(d).update(heading="一、突出重点"),
    "sections nested four levels": lambda d: _section(d).update(children=[_nest(2)]),
}


@pytest.mark.parametrize("name", GOOD)
def test_what_drafter_accepts_the_printed_schema_accepts(validator, name):
    data = _with(GOOD[name])
    assert schema_errors(validator, data) == []
    parse_spec(dump_yaml(data), "good.yaml")


def test_the_base_of_the_bad_specs_is_good_both_ways(validator):
    assert schema_errors(validator, BASE) == []
    parse_spec(dump_yaml(BASE))


@pytest.mark.parametrize("name", BAD)
def test_a_bad_spec_fails_drafter_and_jsonschema(validator, name):
    data = _with(BAD[name])
    assert schema_errors(validator, data), f"jsonschema accepts: {name}"
    text = dump_yaml(data)
    parse_yaml(text, "bad.yaml")  # still YAML: the failure below is the spec's
    with pytest.raises(ValidationError):
        parse_spec(text, "bad.yaml")
