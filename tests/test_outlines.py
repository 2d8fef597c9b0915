"""Bundled outlines: complete, mined from named seed pieces, validated with positions."""

from __future__ import annotations

import pytest

from drafter.errors import UnknownNameError, ValidationError
from drafter.numerals import STYLES
from drafter.outlines import CURATED, FAMILIES, FUNCTIONS, ROLES, by_family, get_outline, load_outlines
from drafter.templating import DERIVED_SLOTS, user_slots

EXPECTED = {"work-meeting", "theme-education", "training-class", "annual-organisation", "rectification",
            "signed-article"}
# The weekly genres of a county or city writer (issue 11), by outline id.
WEEKLY = {
    "democratic-life-host": "民主生活会主持讲话", "democratic-life-comment": "民主生活会点评讲话",
    "democratic-life-check": "民主生活会对照检查材料", "org-life": "组织生活会", "party-lecture": "党课",
    "commendation": "表彰大会", "research-forum": "调研座谈会", "duty-report": "述职述廉",
    "party-building-duty-report": "抓基层党建工作述职", "mobilization": "动员部署会", "progress-meeting": "推进会",
    "summary-meeting": "总结会", "discipline-meeting": "警示教育大会", "host-script": "主持词", "pledge": "表态发言",
    "study-discussion": "研讨发言", "work-report": "工作汇报", "training-class": "开班", "training-class-closing": "结业",
}


def test_the_six_speech_types_are_bundled():
    assert EXPECTED <= set(load_outlines())


def test_every_outline_names_existing_seed_pieces_or_says_it_is_curated(root):
    for outline in load_outlines().values():
        assert outline.sources, outline.id
        for src in outline.sources:
            if src.file == CURATED:
                assert len(src.note) > 20, (outline.id, "a curated structure states its conventions")
            else:
                assert (root / src.file).is_file(), (outline.id, src.file)


def test_eighteen_plus_outlines_cover_every_weekly_genre():
    outlines = load_outlines()
    assert len(outlines) >= 18
    for oid, genre in WEEKLY.items():
        assert genre in outlines[oid].name or genre in outlines[oid].description, oid


def test_every_family_is_used_and_grouping_keeps_family_order():
    groups = by_family(load_outlines())
    assert list(groups) == list(FAMILIES)
    assert sum(len(v) for v in groups.values()) == len(load_outlines())
    assert get_outline("signed-article").family == "党课与文章"
    assert get_outline("democratic-life-check").family == "党内政治生活"
    assert get_outline("host-script").family == "主持与发言"
    assert get_outline("duty-report").family == "汇报述职"


def test_unknown_family_and_curated_source_without_note_are_reported(tmp_path):
    text = open(get_outline("pledge").path, encoding="utf-8").read()
    bad = text.replace("family: 主持与发言", "family: 闲聊").replace(
        "{file: curated, piece: 表态发言惯例, note:", "{file: curated, piece: 表态发言惯例, nope:")
    assert bad != text
    (tmp_path / "pledge.yaml").write_text(bad, encoding="utf-8")
    for name in get_outline("pledge").templates.values():
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_outlines(tmp_path)
    problems = [str(p) for p in err.value.problems]
    assert any("闲聊" in p and "family" in p for p in problems)
    assert any("curated source needs a note" in p for p in problems)


def test_training_class_is_split_into_opening_and_closing():
    opening, closing = get_outline("training-class"), get_outline("training-class-closing")
    assert "stage" not in opening.field_names + closing.field_names
    assert [s.archetype[:3] for s in opening.sections] == ["为什么", "学什么", "怎么学", "学员要"]
    assert [s.role for s in closing.sections] == ["review", "harvest", "practice"]
    assert opening.templates["title"] != closing.templates["title"]


def test_written_materials_have_no_salutation_or_announced_points():
    for oid in ("democratic-life-check", "duty-report", "party-building-duty-report", "study-discussion"):
        outline = get_outline(oid)
        assert outline.salutation == "", oid
    for oid in ("democratic-life-check", "duty-report", "party-building-duty-report", "host-script", "org-life"):
        assert "transition" not in get_outline(oid).templates, oid


def test_outlines_declare_typed_fields_with_chinese_labels_and_examples():
    for outline in load_outlines().values():
        names = outline.field_names
        assert {"speaker", "topic"} <= set(names), outline.id
        for f in outline.fields:
            assert f.type in ("text", "date", "list", "int")
            assert any("\u4e00" <= c <= "\u9fff" for c in f.label), (outline.id, f.name)
            assert f.example is not None, (outline.id, f.name)


def test_sections_have_roles_guidance_patterns_and_phrase_functions():
    for outline in load_outlines().values():
        for s in outline.sections:
            assert s.role in ROLES
            assert s.guidance and s.archetype
            assert s.length[0] < s.length[1]
            assert s.heading_patterns, (outline.id, s.role)
            assert set(s.phrases) <= FUNCTIONS and s.phrases
            for pattern in s.heading_patterns:
                assert user_slots(pattern) <= set(outline.field_names) | set(DERIVED_SLOTS), (outline.id, pattern)


def test_numbering_styles_are_known_and_signed_articles_are_unnumbered():
    for outline in load_outlines().values():
        assert all(style in STYLES for style in outline.numbering)
    assert get_outline("work-meeting").numbering[:2] == ("一、", "（一）")
    assert set(get_outline("signed-article").numbering) == {""}


def test_unknown_outline_lists_the_known_ones():
    with pytest.raises(UnknownNameError) as err:
        get_outline("speech-of-the-year")
    for oid in EXPECTED:
        assert oid in str(err.value)


def test_broken_outline_is_reported_with_file_and_line(tmp_path):
    good = (load_outlines()["work-meeting"].path)
    text = open(good, encoding="utf-8").read()
    bad = text.replace("role: leadership", "role: cheerleading").replace("id: work-meeting", "id: broken")
    bad = bad.replace('numbering: ["一、"', 'numbering: ["甲、"')
    (tmp_path / "broken.yaml").write_text(bad, encoding="utf-8")
    for name in ("title.j2", "subtitle.j2", "byline.j2", "opening_meeting.j2", "transition.j2", "closing_meeting.j2"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_outlines(tmp_path)
    problems = [str(p) for p in err.value.problems]
    assert any("broken.yaml:" in p and "cheerleading" in p for p in problems)
    assert any("numbering" in p and "甲、" in p for p in problems)
    assert all(p.split(":")[1].isdigit() for p in problems)


def test_outline_templates_exist_for_each_part():
    for outline in load_outlines().values():
        assert {"title", "byline"} <= set(outline.templates)


def _outlines_command(*args: str) -> str:
    import os
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "drafter", "outlines", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_outlines_command_groups_by_family_in_text_and_json():
    import json

    out = _outlines_command()
    positions = [out.index(f"【{family}】") for family in FAMILIES]
    assert positions == sorted(positions)
    party_life = out[positions[2]:positions[3]]
    assert "democratic-life-check" in party_life and "host-script" not in party_life
    data = json.loads(_outlines_command("--json"))
    assert len(data) >= 18 and all(d["family"] in FAMILIES for d in data)
    assert [FAMILIES.index(d["family"]) for d in data] == sorted(FAMILIES.index(d["family"]) for d in data)
