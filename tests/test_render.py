"""Rendering specs into the Speech model, and the md/txt writers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafter.errors import TemplateError, ValidationError
from drafter.outlines import get_outline
from drafter.render import render_speech
from drafter.spec import load_spec, parse_spec
from drafter.writers.markdown import write_markdown
from drafter.writers.text import write_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
COUNTY = ROOT / "examples" / "county-party-building.yaml"


def build(path_or_text, name="s.yaml", banks=None):
    spec = load_spec(path_or_text) if isinstance(path_or_text, Path) else parse_spec(path_or_text, name)
    return render_speech(spec, get_outline(spec.outline), banks)


def test_county_example_renders_the_genre_skeleton():
    speech = build(COUNTY)
    assert speech.title == "在全县基层党建工作会议上的讲话"
    assert speech.byline == "王建国\n（2026年11月23日）"
    assert speech.salutation == "同志们："
    assert speech.opening[0].text.startswith("这次全县基层党建工作会议，是县委研究决定召开的")
    assert speech.opening[1].text.startswith("刚才，李明同志") and "我都同意" in speech.opening[1].text
    assert speech.transition.text == "下面，我讲四点意见。" and speech.announced_points == 4
    assert [s.title[:2] for s in speech.sections] == ["一、", "二、", "三、", "四、"]
    assert [c.marker for c in speech.sections[2].children] == ["（一）", "（二）", "（三）", "（四）"]
    assert speech.sections[0].heading == "统一思想，充分认识做好新时代基层党建工作的重要性"
    assert speech.sections[0].role == "importance" and speech.sections[0].level == 1
    assert speech.sections[2].children[0].level == 2
    assert speech.closing[0].text.startswith("同志们，") and speech.closing[0].text.endswith("！")
    assert speech.meta == {"title": speech.title, "speaker": "王建国", "date": "2026-11-23", "outline": "work-meeting",
                           "spec": str(COUNTY), "scope": "全县", "meeting": "基层党建工作会议", "topic": "基层党建",
                           "style": {"preset": "standard", "page_numbers": "outer", "bold_level3": False}}


def test_paragraph_lines_point_back_into_the_spec():
    speech = build(COUNTY)
    assert speech.sections[0].line is not None and speech.sections[0].paragraphs[0].line > speech.sections[0].line


def test_transition_count_follows_the_sections():
    text = COUNTY.read_text(encoding="utf-8")
    spec = load_spec(COUNTY)
    spec.sections = spec.sections[:2]
    speech = render_speech(spec, get_outline("work-meeting"))
    assert speech.transition.text == "下面，我讲两点意见。"
    assert text  # the file itself is untouched


def test_thematic_title_gets_a_meeting_subtitle():
    speech = build(ROOT / "examples" / "training-class-opening.yaml")
    assert speech.title == "新形势下如何当好村（社区）党组织书记"
    assert speech.subtitle == "——在全市村（社区）党组织书记示范培训班开班式上的讲话"
    assert "主要讲四个方面" in speech.transition.text


def test_signed_article_has_no_salutation_transition_or_markers():
    speech = build(ROOT / "examples" / "county-article.yaml")
    assert speech.salutation == "" and speech.transition is None and speech.closing == []
    assert speech.byline.startswith("县委常委、组织部部长")
    assert all(s.marker == "" for s in speech.walk())
    assert all(c.run_in for s in speech.sections for c in s.children)


def test_yi_shi_lead_ins_run_into_their_paragraph():
    speech = build(ROOT / "examples" / "city-organisation-meeting.yaml")
    child = speech.sections[1].children[0]
    assert child.marker == "一是" and child.run_in
    assert "一是坚定拥护“两个确立”、坚决做到“两个维护”。持续深化" in write_text(speech)


def test_spec_opening_and_closing_replace_the_formulas():
    text = COUNTY.read_text(encoding="utf-8").replace("opening: []", "opening:\n  - 今天的会议很重要。").replace(
        "closing: []", "closing:\n  - 同志们，让我们一起努力！")
    speech = build(text)
    assert [p.text for p in speech.opening] == ["今天的会议很重要。"]
    assert [p.text for p in speech.closing] == ["同志们，让我们一起努力！"]


def test_every_example_renders_to_markdown_and_text():
    for path in EXAMPLES:
        speech = build(path)
        md, txt = write_markdown(speech), write_text(speech)
        assert md.startswith("# ") and speech.title in md
        assert txt.splitlines()[0] == speech.title
        for s in speech.walk():
            assert s.heading in md and s.heading in txt


def test_markdown_marks_heading_levels():
    md = write_markdown(build(COUNTY))
    assert "\n## 一、统一思想" in md and "\n### （一）要在建强组织体系上下功夫" in md


PHRASE_SPEC = COUNTY.read_text(encoding="utf-8").replace(
    "opening: []", "opening:\n  - phrase: curated-0001\n  - phrase: curated-0003\n    slots: {topic: 组织}")


def test_phrase_references_are_filled_from_the_banks():
    pytest.importorskip("drafter.phrases.bank")
    speech = build(PHRASE_SPEC)
    assert speech.opening[0].text.startswith("这次会议是经县委研究决定召开")  # {{ committee }}: the organizer
    assert "推动组织工作再上新台阶" in speech.opening[1].text


def test_missing_phrase_id_is_an_error_with_its_line():
    pytest.importorskip("drafter.phrases.bank")
    with pytest.raises(ValidationError) as err:
        build(PHRASE_SPEC.replace("curated-0003", "curated-9999"))
    assert "s.yaml:" in str(err.value) and "curated-9999" in str(err.value)


def test_phrase_references_without_the_phrases_package_are_a_clear_error(monkeypatch):
    import drafter.render as render_mod

    monkeypatch.setitem(sys.modules, "drafter.phrases.bank", None)
    render_mod._default_banks.cache_clear()
    try:
        with pytest.raises(ValidationError) as err:
            build(PHRASE_SPEC)
    finally:
        render_mod._default_banks.cache_clear()
    assert "phrase banks unavailable" in str(err.value)
    assert isinstance(err.value.problems[0], TemplateError)


def test_built_text_parses_back_into_the_spec_outline():
    parse = pytest.importorskip("drafter.corpus.parse")
    for path in EXAMPLES:
        spec = load_spec(path)
        if "item" in get_outline(spec.outline).templates:
            continue  # agenda items (主持词) print without headings: there is no outline to parse back
        speech = render_speech(spec, get_outline(spec.outline))
        back = parse.parse_lines(write_text(speech).splitlines())

        def tree(sections):
            return [(s.heading, tree(s.children)) for s in sections]

        assert tree(back.sections) == tree(speech.sections), path.name
        assert back.title == speech.title
        if speech.transition:
            assert back.announced_points == len(spec.sections)


def test_committee_is_a_slot_every_spec_may_use():
    speech = build(COUNTY.read_text(encoding="utf-8").replace(
        "opening: []", "opening:\n  - 在{{ committee }}的坚强领导下，{{ scope }}各项工作取得新成效。"))
    assert speech.opening[0].text.startswith("在县委的坚强领导下，全县")


def test_unknown_slot_on_a_phrase_item_is_an_error_with_its_line():
    pytest.importorskip("drafter.phrases.bank")
    with pytest.raises(ValidationError) as err:
        build(PHRASE_SPEC.replace("slots: {topic: 组织}", "slots: {bogus: 组织}"))
    assert "s.yaml:" in str(err.value) and "no slot bogus" in str(err.value)
