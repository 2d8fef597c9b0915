"""Every outline has an example in examples/ that builds to .docx and reads like its genre.

The examples are the outlines' tests: each is built to a real .docx, read
back with python-docx, and checked for its title, its numbering (the markers
the engine prints, in order) and its announced count (下面，我讲三点意见 /
会议共有五项议程 matches what follows), plus the fixed wording its genre needs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.building import build_one
from drafter.corpus.parse.transition import announced_count
from drafter.numerals import from_chinese, marker
from drafter.outlines import get_outline, load_outlines
from drafter.render import render_speech
from drafter.spec import load_spec, parse_spec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
docx = pytest.importorskip("docx")


def _outline_of(path: Path) -> str:
    return load_spec(path).outline


def _built(path: Path, tmp_path: Path):
    """(the rendered Speech, the paragraphs of the .docx `drafter build` writes)."""
    out = build_one(path, tmp_path / f"{path.stem}.docx", "docx", None, False, warnings=[])
    spec = load_spec(path)
    speech = render_speech(spec, get_outline(spec.outline))
    return speech, [p.text.strip() for p in docx.Document(str(out)).paragraphs if p.text.strip()]


def test_every_outline_has_an_example():
    covered = {_outline_of(p) for p in EXAMPLES}
    assert set(load_outlines()) <= covered, sorted(set(load_outlines()) - covered)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_builds_with_its_title_numbering_and_announced_count(path, tmp_path):
    speech, paras = _built(path, tmp_path)
    outline = get_outline(speech.meta["outline"])
    # Title: the first paragraph (the writer may break a long title into lines).
    assert re.sub(r"\s", "", paras[0]) == re.sub(r"\s", "", speech.title) and speech.title
    if speech.subtitle:
        assert paras[1] == speech.subtitle

    headed = [s for s in speech.sections if s.heading]
    if "item" in outline.templates:
        # Agenda: 会议共有五项议程, then 第一项……第五项 in order, and no headings.
        assert not headed
        text = "\n".join(paras)
        m = re.search(r"共有([一二三四五六七八九十两]+)项议程", text)
        assert m and from_chinese(m.group(1)) == len(speech.sections)
        items = re.findall(r"^(?:下面进行|最后，进行)第([一二三四五六七八九十]+)项议程", text, re.M)
        assert [from_chinese(n) for n in items] == list(range(1, len(speech.sections) + 1))
        return

    # Numbering: each level-1 heading printed with the engine's marker, in order.
    style = outline.style(1)
    assert headed == speech.sections
    for n, section in enumerate(speech.sections, 1):
        title = marker(style, n) + section.heading
        assert any(p.startswith(title) for p in paras), (path.name, title)
    # Announced count: the transition (if the genre has one) announces exactly the sections that follow.
    if speech.transition is not None:
        assert speech.transition.text in paras
        is_transition, count = announced_count(speech.transition.text)
        assert is_transition and count == len(speech.sections), speech.transition.text


def _example(outline_id: str) -> Path:
    return next(p for p in EXAMPLES if _outline_of(p) == outline_id)


def test_self_check_material_has_no_salutation_and_no_speech_formulas(tmp_path):
    speech, paras = _built(_example("democratic-life-check"), tmp_path)
    text = "\n".join(paras)
    assert speech.title.endswith("对照检查材料")
    assert "同志们：" not in text and not re.search(r"我讲.{0,3}点", text)
    assert speech.opening[0].text.startswith("根据") and speech.opening[0].text.endswith("现将对照检查情况报告如下。")
    assert [s.role for s in speech.sections][-3:] == ["problems", "causes", "measures"]
    assert "批评" in speech.closing[-1].text


def test_host_script_opens_the_meeting_walks_the_agenda_and_closes_it(tmp_path):
    speech, paras = _built(_example("host-script"), tmp_path)
    assert speech.title.endswith("主持词")
    assert speech.salutation == "同志们：" and speech.opening[0].text == "现在开会。"
    assert speech.sections[0].paragraphs[0].text.startswith("下面进行第一项议程，")
    assert speech.closing[-1].text.endswith("散会！")
    assert not re.search(r"我讲.{0,3}点意见", "\n".join(paras))


def test_pledge_opens_with_respect_and_closes_with_we_will(tmp_path):
    speech, _ = _built(_example("pledge"), tmp_path)
    assert speech.salutation.startswith("尊敬的") and speech.salutation.endswith("同志们：")
    assert speech.closing[0].text.startswith("我们一定")
    assert [s.marker for s in speech.sections] == ["一是", "二是", "三是"]


@pytest.mark.parametrize("outline_id", ["duty-report", "party-building-duty-report"])
def test_duty_reports_open_with_the_report_formula(outline_id, tmp_path):
    speech, _ = _built(_example(outline_id), tmp_path)
    assert speech.salutation == "" and speech.transition is None
    assert speech.opening[0].text.startswith("根据") and "报告如下" in speech.opening[0].text


def test_party_lecture_counts_the_anniversary_from_its_date():
    spec = load_spec(_example("party-lecture"))
    speech = render_speech(spec, get_outline("party-lecture"))
    assert "建党" not in speech.title and "成立105周年" in speech.subtitle
    assert speech.opening[0].text.count("105周年") == 1 and "“十五五”开局之年" in speech.opening[0].text
    later = parse_spec(_example("party-lecture").read_text(encoding="utf-8").replace("2026-06-30", "2031-06-30"),
                       "lecture.yaml")
    assert "成立110周年" in render_speech(later, get_outline("party-lecture")).subtitle


def test_training_opening_and_closing_have_their_own_titles():
    opening = render_speech(load_spec(_example("training-class")), get_outline("training-class"))
    closing = render_speech(load_spec(_example("training-class-closing")), get_outline("training-class-closing"))
    assert opening.subtitle.endswith("开班式上的讲话") and closing.title.endswith("结业式上的讲话")
    assert "欢迎" in opening.opening[0].text and "祝贺" in closing.opening[0].text
    assert opening.closing[-1].text == "最后，预祝培训班圆满成功！"


def _drafter(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_a_new_spec_of_every_outline_builds_as_is(tmp_path):
    specs = []
    for outline_id in sorted(load_outlines()):
        spec = tmp_path / f"{outline_id}.yaml"
        assert _drafter("new", outline_id, "-o", spec).returncode == 0, outline_id
        specs.append(spec)
    out = tmp_path / "out"
    proc = _drafter("build", *specs, "-o", out, "--format", "txt")
    assert proc.returncode == 0, proc.stderr
    for spec in specs:
        text = (out / f"{spec.stem}.txt").read_text(encoding="utf-8")
        outline = get_outline(spec.stem)
        assert text.count("【待写】") >= len(outline.sections), spec.stem


@pytest.mark.parametrize("outline_id", sorted(load_outlines()))
def test_fixed_wording_reads_right_with_only_the_required_facts(outline_id):
    import json

    outline = get_outline(outline_id)
    facts = {f.name: (str(f.example) if f.type == "date" else f.example) for f in outline.fields if f.required}
    sections = [{"heading": s.archetype.replace("（", "").replace("）", ""), "role": s.role,
                 "paragraphs": ["这一部分的正文。"]} for s in outline.sections]
    text = json.dumps({"outline": outline_id, "facts": facts, "sections": sections}, ensure_ascii=False)
    speech = render_speech(parse_spec(text, f"{outline_id}.yaml"), outline)
    fixed = "\n".join([speech.title, speech.subtitle, speech.byline, speech.salutation]
                      + [p.text for p in speech.opening + speech.closing]
                      + ([speech.transition.text] if speech.transition else []))
    assert speech.title and "None" not in fixed and "{{" not in fixed and "，，" not in fixed, fixed
    assert not re.search(r"(全县|工作|同志)\1", fixed), fixed
