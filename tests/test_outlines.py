"""Bundled outlines: complete, mined from named seed pieces, validated with positions."""

from __future__ import annotations

import pytest

from drafter.errors import UnknownNameError, ValidationError
from drafter.numerals import STYLES
from drafter.outlines import FUNCTIONS, ROLES, get_outline, load_outlines
from drafter.templating import DERIVED_SLOTS, user_slots

EXPECTED = {"work-meeting", "theme-education", "training-class", "annual-organisation", "rectification",
            "signed-article"}


def test_the_six_speech_types_are_bundled():
    assert EXPECTED <= set(load_outlines())


def test_every_outline_names_existing_seed_pieces(root):
    for outline in load_outlines().values():
        assert outline.sources, outline.id
        for src in outline.sources:
            assert (root / src.file).is_file(), (outline.id, src.file)


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
