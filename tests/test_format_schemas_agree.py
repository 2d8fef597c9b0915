"""Every format's printed JSON Schema and drafter's own validator say the same thing.

For the spec, outlines, phrase banks, rule files and the topic thesaurus, `drafter schema FORMAT`
prints a schema built from the declaration the validator checks with (drafter.declare). Here a
standard validator (jsonschema, draft 2020-12) over that printed schema and drafter's validator
judge the same documents: every bundled file passes both; bad files fail both; and a sweep that
sets every declared key of a good document to a range of values (and drops it, and adds a stranger)
finds no document that one side accepts and the other refuses, except where drafter checks a
rule JSON Schema cannot state (named below, by its message). If a declaration and its validator
drift apart, the sweep fails.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from hypothesis import given, strategies as st

from drafter.check.rulefile import BUILTIN, parse_markers, parse_rules
from drafter.declare import LINE_BREAK, NONBLANK
from drafter.errors import DrafterError, ValidationError
from drafter.outlines import outline_paths, parse_outline
from drafter.phrases.bank import bank_paths, parse_bank
from drafter.phrases.topics import THESAURUS, parse_thesaurus
from drafter.spec import parse_spec
from drafter.yamlsrc import YamlDoc, dump_yaml, load_yaml, parse_yaml

from conftest import ROOT

FORMATS = ("spec", "outline", "bank", "rules", "topics")


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft202012Validator]:
    out = {}
    for fmt in FORMATS:
        proc = subprocess.run([sys.executable, "-m", "drafter", "schema", fmt], capture_output=True, text=True,
                              encoding="utf-8", cwd=ROOT, timeout=60)
        assert proc.returncode == 0, proc.stderr
        schema = json.loads(proc.stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        out[fmt] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return out


def as_json(data: Any) -> Any:
    """What a JSON tool sees of YAML data: dates become ISO text."""
    return json.loads(json.dumps(data, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))


# --------------------------------------------------------------------------- drafter's side

def _problems(check: Callable[[YamlDoc], Any], doc: YamlDoc) -> list[str]:
    try:
        check(doc)
    except ValidationError as exc:
        return [p.message for p in exc.problems]
    except DrafterError as exc:
        return [exc.message]
    return []


def _registry(doc: YamlDoc) -> None:
    problems: list[DrafterError] = []
    for part in (parse_rules, parse_markers):
        try:
            part(doc)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)


OUTLINE_DIR: Path | None = None  # set by the outline_dir fixture: template files live beside the outline


def drafter_problems(fmt: str, data: Any) -> list[str]:
    """drafter's messages about `data` written as YAML (empty when it accepts it)."""
    text = dump_yaml(data)
    if fmt == "spec":
        return _problems(lambda d: parse_spec(text, "s.yaml"), None)
    if fmt == "bank":
        return _problems(lambda d: parse_bank(text, "b.yaml"), None)
    name = str(OUTLINE_DIR / "demo.yaml") if fmt == "outline" else f"{fmt}.yaml"
    doc = parse_yaml(text, name)
    check = {"outline": parse_outline, "rules": _registry, "topics": parse_thesaurus}[fmt]
    return _problems(check, doc)


@pytest.fixture(scope="module", autouse=True)
def outline_dir(tmp_path_factory):
    global OUTLINE_DIR
    OUTLINE_DIR = tmp_path_factory.mktemp("outline")
    for name in ("title.j2", "byline.j2"):
        (OUTLINE_DIR / name).write_text("{{ topic }}", encoding="utf-8")
    yield OUTLINE_DIR


def schema_errors(validators, fmt: str, data: Any) -> list[str]:
    return [e.message for e in validators[fmt].iter_errors(as_json(data))]


# --------------------------------------------------------------------------- good documents

GOOD: dict[str, dict[str, Any]] = {
    "spec": {
        "outline": "work-meeting",
        "facts": {"speaker": "王建国", "date": dt.date(2026, 11, 23), "scope": "全县", "meeting": "基层党建工作会议",
                  "topic": "基层党建", "earlier_speakers": ["李明同志"]},
        "opening": ["同志们："],
        "sections": [{"heading": "突出重点，扎实推进各项任务", "role": "tasks",
                      "paragraphs": ["第一段。", {"phrase": "curated-0012", "slots": {"topic": "党建"}}],
                      "children": [{"heading": "抓好项目建设", "paragraphs": ["项目是发展的生命线。"]}]}],
        "closing": ["让我们团结一心！"],
        "style": {"preset": "podium", "page_numbers": "outer", "bold_level3": True},
        "targets": {"minutes": 20, "chars_per_minute": 240},
    },
    "outline": {
        "id": "demo", "name": "示例讲话", "family": "会议讲话", "description": "用于测试的大纲",
        "sources": [{"file": "seeds/000_0455fdd971ee24a7.txt", "piece": "全文", "note": "一、二、"}],
        "guidance": "先讲意义，再讲任务。", "salutation": "同志们：",
        "numbering": ["一、", "（一）"], "run_in": [False, False],
        "templates": {"title": "title.j2", "byline": "byline.j2"},
        "opening_phrases": ["opening.purpose"], "closing_phrases": ["closing.call"],
        "fields": [{"name": "speaker", "label": "讲话人", "type": "text", "required": True, "example": "王建国",
                    "help": "姓名", "validation": {"max_length": 20, "min_length": 1, "pattern": "[\u4e00-\u9fff]+",
                                                  "choices": ["王建国"], "minimum": 1, "maximum": 9}},
                   {"name": "topic", "label": "工作主题", "example": "基层党建"}],
        "sections": [{"role": "tasks", "archetype": "部署任务", "guidance": "讲清做什么", "length": [600, 1200],
                      "required": True, "heading_patterns": ["突出重点，扎实推进{{ topic }}工作"],
                      "phrases": ["section.tasks"], "sub_guidance": "三到五点", "example_children": ["抓好项目"]}],
    },
    "bank": {
        "bank": "demo", "description": "示例", "dropped": {"too_long": 2},
        "entries": [{"id": "demo-0001", "function": "saying", "text": "{{ topic }}工作是一项系统工程",
                     "tags": ["通用"], "slots": ["topic"], "era": "通用",
                     "source": {"file": "seeds/000_0455fdd971ee24a7.txt", "line": 8},
                     "count": {"occurrences": 2, "documents": 1}, "note": "常用"}],
    },
    "rules": {
        "rules": [{"id": "demo-rule", "kind": "outdated", "period": "十九大时期", "pattern": "老办法",
                   "regex": False, "message": "旧提法", "current": "新提法", "severity": "warning",
                   "since": 2023, "until": 2030}],
        "markers": [{"period": "十九大时期", "words": ["十九届"], "regex": False, "until": 2025}],
    },
    "topics": {
        "topics": [{"name": "基层党建", "aliases": ["抓党建"], "words": ["党支部"], "tags": ["组织体系"],
                    "outlines": ["work-meeting"], "marks": ["软弱涣散"]}],
    },
}

# The mappings of each good document whose keys the sweep varies.
MAPPINGS: dict[str, tuple[tuple, ...]] = {
    "spec": ((), ("facts",), ("sections", 0), ("sections", 0, "paragraphs", 1), ("sections", 0, "children", 0),
             ("style",), ("targets",)),
    "outline": ((), ("sources", 0), ("fields", 0), ("fields", 0, "validation"), ("sections", 0)),
    "bank": ((), ("entries", 0), ("entries", 0, "source"), ("entries", 0, "count")),
    "rules": ((), ("rules", 0), ("markers", 0)),
    "topics": ((), ("topics", 0)),
}

VALUES: tuple[Any, ...] = (None, "", " ", "x", "a\nb", "一、", "{{ nope }}", 0, 1, 2.5, -1, 2000, True, [], ["x"],
                           [" "], ["x", "x"], [1], {}, {"x": 1}, {"x": "y"})

# Rules drafter checks that JSON Schema cannot state: a document refused for these only is
# accepted by the schema. Each names the message drafter gives.
VALIDATOR_ONLY: dict[str, str] = {
    "spec": r"undefined slot|template",  # slots inside text are parsed as templates
    "outline": r"does not match the file name|not found beside the outline|declared twice|length must be",
    "bank": r"^slots: .*(does not list|does not use)|^count: documents cannot exceed|only plain slots",
    "rules": r"is after `until`|duplicate id|matches empty text|exponential",
    "topics": r"listed twice",
}


def _at(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def variants(fmt: str):
    """(label, document): each declared key of each mapping dropped, set to each of VALUES, and a stranger added."""
    base = GOOD[fmt]
    for path in MAPPINGS[fmt]:
        for key in list(_at(base, path)):
            gone = copy.deepcopy(base)
            del _at(gone, path)[key]
            yield f"{path}: without {key}", gone
            for value in VALUES:
                data = copy.deepcopy(base)
                _at(data, path)[key] = copy.deepcopy(value)
                yield f"{path}: {key}={value!r}", data
        data = copy.deepcopy(base)
        _at(data, path)["colour"] = "红"
        yield f"{path}: unknown key colour", data


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_good_document_of_each_format_passes_both(validators, fmt):
    assert schema_errors(validators, fmt, GOOD[fmt]) == []
    assert drafter_problems(fmt, GOOD[fmt]) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_drafter_and_the_printed_schema_accept_and_refuse_the_same_documents(validators, fmt):
    disagree, refused = [], 0
    for label, data in variants(fmt):
        by_schema = schema_errors(validators, fmt, data)
        by_drafter = drafter_problems(fmt, data)
        refused += bool(by_drafter)
        if by_schema and not by_drafter:
            disagree.append(f"{label}: only the schema refuses it ({by_schema[0]})")
        elif by_drafter and not by_schema and not all(re.search(VALIDATOR_ONLY[fmt], m) for m in by_drafter):
            disagree.append(f"{label}: only drafter refuses it ({by_drafter})")
    assert disagree == []
    assert refused > 50  # the sweep reaches the validator (a sweep that changes nothing proves nothing)


# --------------------------------------------------------------------------- bundled files

BUNDLED = ([("outline", p) for p in outline_paths()] + [("bank", p) for p in bank_paths()]
           + [("rules", BUILTIN), ("topics", THESAURUS)])


@pytest.mark.parametrize("fmt,path", BUNDLED, ids=[f"{f}-{p.stem}" for f, p in BUNDLED])
def test_every_bundled_file_validates_both_ways(validators, fmt, path):
    doc = load_yaml(path)
    assert schema_errors(validators, fmt, doc.data) == []
    if fmt == "outline":
        parse_outline(doc)
    elif fmt == "bank":
        parse_bank(path.read_text(encoding="utf-8"), str(path))
    elif fmt == "rules":
        _registry(doc)
    else:
        parse_thesaurus(doc)


# --------------------------------------------------------------------------- bad files, one by one

def _set(path: tuple, key: str, value: Any):
    return lambda d: _at(d, path).__setitem__(key, value)


def _drop(path: tuple, key: str):
    return lambda d: _at(d, path).pop(key)


BAD: dict[str, dict[str, Callable[[Any], Any]]] = {
    "outline": {
        "unknown key": _set((), "colour", "红"),
        "unknown field key": _set(("fields", 0), "colour", "红"),
        "id of the wrong type": _set((), "id", 12),
        "missing name": _drop((), "name"),
        "missing section role": _drop(("sections", 0), "role"),
        "unknown family": _set((), "family", "闲聊"),
        "unknown role": _set(("sections", 0), "role", "cheerleading"),
        "unknown numbering style": _set((), "numbering", ["甲、"]),
        "curated source without a note": _set(("sources",), 0, {"file": "curated", "piece": "惯例"}),
        "template not .j2": _set(("templates",), "title", "title.txt"),
        "no sections": _set((), "sections", []),
    },
    "bank": {
        "unknown key": _set((), "colour", "红"),
        "unknown entry key": _set(("entries", 0), "colour", "红"),
        "text of the wrong type": _set(("entries", 0), "text", 12),
        "text on two lines": _set(("entries", 0), "text", "第一行\n第二行"),
        "missing id": _drop(("entries", 0), "id"),
        "missing description": _drop((), "description"),
        "unknown function": _set(("entries", 0), "function", "section.importanse"),
        "unknown era": _set(("entries", 0), "era", "2004年"),
        "repeated tag": _set(("entries", 0), "tags", ["通用", "通用"]),
    },
    "rules": {
        "unknown key": _set((), "colour", "红"),
        "unknown rule key": _set(("rules", 0), "colour", "红"),
        "since of the wrong type": _set(("rules", 0), "since", "2023"),
        "missing message": _drop(("rules", 0), "message"),
        "missing marker words": _drop(("markers", 0), "words"),
        "unknown period": _set(("rules", 0), "period", "新时代"),
        "bad severity": _set(("rules", 0), "severity", "fatal"),
        "current and suggestion": _set(("rules", 0), "suggestion", "新提法"),
        "bad regular expression": lambda d: _at(d, ("rules", 0)).update(regex=True, pattern="(老办法"),
    },
    "topics": {
        "unknown key": _set((), "colour", "红"),
        "unknown topic key": _set(("topics", 0), "colour", "红"),
        "words of the wrong type": _set(("topics", 0), "words", "就业"),
        "missing name": _drop(("topics", 0), "name"),
        "blank name": _set(("topics", 0), "name", " "),
    },
}
BAD_CASES = [(fmt, name) for fmt, cases in BAD.items() for name in cases]


@pytest.mark.parametrize("fmt,name", BAD_CASES, ids=[f"{f}-{n}" for f, n in BAD_CASES])
def test_a_bad_file_fails_drafter_and_jsonschema(validators, fmt, name):
    data = copy.deepcopy(GOOD[fmt])
    BAD[fmt][name](data)
    assert schema_errors(validators, fmt, data), f"jsonschema accepts: {name}"
    assert drafter_problems(fmt, data), f"drafter accepts: {name}"


def test_drafter_names_file_line_and_column_of_every_problem_in_a_bad_bank():
    data = copy.deepcopy(GOOD["bank"])
    data["colour"] = "红"
    data["entries"][0].update(function="nope", era="2004年")
    with pytest.raises(ValidationError) as exc:
        parse_bank(dump_yaml(data), "b.yaml")
    said = [str(p) for p in exc.value.problems]
    assert len(said) == 3 and all(re.match(r"b\.yaml:\d+:\d+: ", s) for s in said), said
    assert any("unknown key 'colour' (allowed: bank, description, dropped, entries)" in s for s in said)


# --------------------------------------------------------------------------- the shared text rules

@given(st.text(alphabet=" \t\n\r\u3000\u00a0\x0b\x0c\x1c\x85\u2028ab段", max_size=12))
def test_the_line_break_pattern_both_sides_search_is_a_break_inside_the_stripped_text(text):
    assert bool(re.search(LINE_BREAK, text)) == ("\n" in text.strip())
    assert bool(re.search(NONBLANK, text)) == bool(text.strip())
