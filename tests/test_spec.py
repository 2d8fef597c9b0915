"""Loading and validating specs: every problem reported with file:line:col and its field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from drafter.errors import InputFileError, UnknownNameError, ValidationError, YamlError
from drafter.spec import dump_spec, json_schema, load_spec, parse_spec, spec_to_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

MINIMAL = """\
outline: work-meeting
facts:
  speaker: 王建国
  date: 2026-11-23
  scope: 全县
  meeting: 基层党建工作会议
  topic: 基层党建
sections:
  - heading: 统一思想，充分认识{{ topic }}工作的重要性
    paragraphs:
      - 这是{{ scope }}的一段正文。
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ValidationError) as err:
        parse_spec(text, "s.yaml")
    return [str(p) for p in err.value.problems]


def test_examples_load_with_typed_facts():
    assert len(EXAMPLES) >= 3
    outlines = set()
    for path in EXAMPLES:
        spec = load_spec(path)
        outlines.add(spec.outline)
        assert spec.sections and spec.facts["speaker"]
        assert isinstance(spec.facts["date"], dt.date)
    assert len(outlines) >= 3


def test_minimal_spec_loads():
    spec = parse_spec(MINIMAL, "s.yaml")
    assert spec.outline == "work-meeting"
    assert spec.facts["date"] == dt.date(2026, 11, 23)
    assert spec.sections[0].paragraphs[0].text == "这是{{ scope }}的一段正文。"
    assert spec.sections[0].where.line == 9


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_dump_then_load_gives_the_same_spec(path, tmp_path):
    spec = load_spec(path)
    out = tmp_path / "again.yaml"
    out.write_text(dump_spec(spec), encoding="utf-8")
    again = load_spec(out)
    assert again == spec
    assert spec_to_data(again) == spec_to_data(spec)


def test_malformed_yaml_names_file_line_and_column():
    with pytest.raises(YamlError) as err:
        parse_spec("outline: work-meeting\nfacts: [a, b\nsections: []\n", "bad.yaml")
    assert str(err.value).startswith("bad.yaml:")
    assert str(err.value).split(":")[1].isdigit() and str(err.value).split(":")[2].isdigit()


@pytest.mark.parametrize("loader", ["libyaml", "python"])
def test_a_raw_control_character_is_placed_at_its_line_and_column(loader, monkeypatch):
    import yaml

    from drafter import yamlsrc

    if loader == "python":
        monkeypatch.setattr(yamlsrc, "_Loader", yaml.SafeLoader)
    elif yamlsrc._Loader is yaml.SafeLoader:
        pytest.skip("PyYAML without libyaml")
    text = "outline: work-meeting\nfacts:\n  topic: 基层党建\nsections:\n  - heading: 把党的建设\a摆在首位\n"
    with pytest.raises(YamlError) as err:
        parse_spec(text, "bad.yaml")
    message = str(err.value)
    assert message.startswith("bad.yaml:5:19: ") and "U+0007" in message and "\n" not in message


@pytest.mark.parametrize("heading", ['"把党的建设\\a摆在首位"', "123", "[一、]"])
def test_a_refused_heading_gets_one_message_not_also_empty_heading(heading):
    found = problems(MINIMAL.replace("sections:\n", f"sections:\n  - heading: {heading}\n    paragraphs: [正文。]\n", 1))
    assert len([p for p in found if "heading" in p]) == 1, found
    assert not any("empty heading" in p for p in found), found


def test_object_constructing_tags_are_refused():
    with pytest.raises(YamlError) as err:
        parse_spec("outline: !!python/object/apply:os.system ['echo hi']\nsections: []\n", "evil.yaml")
    assert "evil.yaml:1:" in str(err.value)


def test_unknown_outline_lists_the_known_ones():
    found = problems(MINIMAL.replace("outline: work-meeting", "outline: pep-talk"))
    assert any("s.yaml:1:" in p and "pep-talk" in p and "work-meeting" in p and "signed-article" in p
               for p in found)


def test_unknown_outline_is_an_unknown_name_error():
    with pytest.raises(ValidationError) as err:
        parse_spec(MINIMAL.replace("outline: work-meeting", "outline: pep-talk"), "s.yaml")
    assert isinstance(err.value.problems[0], UnknownNameError)


def test_missing_required_fact_is_named_with_its_line():
    found = problems(MINIMAL.replace("  speaker: 王建国\n", ""))
    assert any(p.startswith("s.yaml:2:") and "speaker" in p and "讲话人" in p for p in found)


def test_yaml_booleans_and_sexagesimal_numbers_are_reported_for_text_fields():
    found = problems(MINIMAL.replace("speaker: 王建国", "speaker: no").replace("meeting: 基层党建工作会议",
                                                                         "meeting: 5:00"))
    assert any(p.startswith("s.yaml:3:") and "facts.speaker" in p and "boolean" in p for p in found)
    assert any(p.startswith("s.yaml:6:") and "facts.meeting" in p and "300" in p for p in found)


def test_bad_date_is_reported():
    found = problems(MINIMAL.replace("date: 2026-11-23", "date: 23.11.2026"))
    assert any(p.startswith("s.yaml:4:") and "YYYY-MM-DD" in p for p in found)
    with pytest.raises(YamlError) as err:  # looks like a date to YAML, but is not one
        parse_spec(MINIMAL.replace("date: 2026-11-23", "date: 2026-13-45"), "s.yaml")
    assert str(err.value).startswith("s.yaml:4:9:") and "2026-13-45" in str(err.value)


def test_unknown_keys_are_named_at_every_level():
    text = MINIMAL.replace("sections:", "sectoins: []\nsections:").replace(
        "    paragraphs:", "    paragraph: []\n    paragraphs:").replace("  topic: 基层党建", "  topic: 基层党建\n  mood: 好")
    found = problems(text)
    assert any("sectoins" in p and p.startswith("s.yaml:") for p in found)
    assert any("'paragraph'" in p and "sections[0].paragraph" in p for p in found)
    assert any("'mood'" in p and "facts.mood" in p for p in found)


def test_all_problems_are_reported_at_once():
    text = MINIMAL.replace("speaker: 王建国", "speaker: yes").replace("date: 2026-11-23", "date: soon").replace(
        "  - heading:", "  - colour: red\n    heading:")
    assert len(problems(text)) >= 3


def test_pattern_and_length_validation():
    found = problems(MINIMAL.replace("scope: 全县", "scope: county"))
    assert any("facts.scope" in p and "pattern" in p for p in found)


def test_undefined_slot_in_text_is_named_with_its_line():
    found = problems(MINIMAL.replace("这是{{ scope }}的一段正文。", "这是{{ region }}的一段正文。"))
    assert any(p.startswith("s.yaml:11:") and "region" in p for p in found)


def test_template_syntax_error_in_text_is_named_with_its_line():
    found = problems(MINIMAL.replace("这是{{ scope }}的一段正文。", "这是{{ scope 的一段正文。"))
    assert any(p.startswith("s.yaml:11:") and "syntax" in p for p in found)


def test_hostile_template_text_is_refused_at_validation():
    found = problems(MINIMAL.replace("这是{{ scope }}的一段正文。", "\"{{ ''.__class__.__mro__ }}\""))
    assert any(p.startswith("s.yaml:11:") and "attribute access" in p for p in found)


def test_headings_typed_with_a_marker_are_stripped_with_a_warning():
    spec = parse_spec(MINIMAL.replace("heading: 统一思想", "heading: 一、统一思想"), "s.yaml")
    assert spec.sections[0].heading.startswith("统一思想")
    assert spec.warnings and "一、" in str(spec.warnings[0]) and "s.yaml:9" in str(spec.warnings[0])
    spec = parse_spec(MINIMAL.replace("heading: 统一思想", "heading: （三）统一思想"), "s.yaml")
    assert spec.sections[0].heading.startswith("统一思想")


def test_paragraph_items_text_and_phrase():
    spec = parse_spec(MINIMAL.replace("      - 这是{{ scope }}的一段正文。",
                                      "      - text: 正文。\n      - phrase: curated-0001\n        slots: {scope: 全市}"),
                      "s.yaml")
    items = spec.sections[0].paragraphs
    assert items[0].text == "正文。" and items[1].phrase == "curated-0001" and items[1].slots == {"scope": "全市"}


def test_style_options_are_checked():
    found = problems(MINIMAL + "style:\n  preset: fancy\n  bold_level3: maybe\n")
    assert any("style.preset" in p and "standard" in p for p in found)
    assert any("style.bold_level3" in p for p in found)


def test_empty_and_non_mapping_specs_are_clear_errors(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputFileError):
        load_spec(empty)
    with pytest.raises(ValidationError) as err:
        parse_spec("- just\n- a list\n", "l.yaml")
    assert "mapping" in str(err.value)


def test_gb18030_spec_loads(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode("gb18030"))
    assert load_spec(path).facts["speaker"] == "王建国"


def test_json_schema_is_draft_2020_12_and_lists_outlines_and_facts():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "work-meeting" in schema["properties"]["outline"]["enum"]
    assert schema["additionalProperties"] is False
    branch = next(b for b in schema["allOf"] if b["if"]["properties"]["outline"]["const"] == "work-meeting")
    facts = branch["then"]["properties"]["facts"]
    assert "speaker" in facts["required"] and facts["properties"]["date"]["format"] == "date"
    json.dumps(schema, ensure_ascii=False)


def test_dump_keeps_yaml_ambiguous_text_as_text(tmp_path):
    spec = parse_spec(MINIMAL.replace("speaker: 王建国", "speaker: 'no'").replace("meeting: 基层党建工作会议",
                                                                             "meeting: '5:00'"), "s.yaml")
    path = tmp_path / "s.yaml"
    path.write_text(dump_spec(spec), encoding="utf-8")
    again = load_spec(path)
    assert again.facts["speaker"] == "no" and again.facts["meeting"] == "5:00" and again == spec


def test_sections_must_be_a_non_empty_list():
    assert any("at least one section" in p for p in problems(MINIMAL.split("sections:")[0] + "sections: []\n"))
    assert any("list of sections" in p for p in problems(MINIMAL.split("sections:")[0] + "sections: 很多\n"))


def test_line_breaks_inside_headings_and_paragraphs_are_reported():
    text = MINIMAL.replace("  - heading: 统一思想，充分认识{{ topic }}工作的重要性",
                           '  - heading: "统一思想\\n二、假标题"')
    text = text.replace("      - 这是{{ scope }}的一段正文。", '      - "第一段\\n第二段"')
    found = problems(text)
    assert any("heading" in p and "one line" in p for p in found)
    assert any("paragraph must be one line" in p and "own list item" in p for p in found)


@pytest.mark.parametrize("value", [".inf", ".nan", "-1", "0.5"])
def test_targets_must_be_finite_positive_numbers(value):
    found = problems(MINIMAL + f"targets:\n  chars_per_minute: {value}\n")
    assert any("chars_per_minute must be a positive number" in p for p in found)
