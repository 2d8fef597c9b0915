"""Every bundled outline and template, rendered with the facts writers really type.

Generic on purpose: it iterates over whatever outlines exist (also ones added
later), fills each with its field examples and then varies what writers vary:
the scope (全县, 丽水市, 青田县, 全镇, 某某街道, 市直机关, 全市组织系统), meeting
names with and without the scope in front, topics with and without 工作,
one to four earlier speakers with and without 同志, the speaker heading the
convening committee or not. Nothing may double, and the committee must fit.
"""

from __future__ import annotations

import itertools

import pytest

from drafter.check.rules.fills import comrade_twice, committee_mismatches, doubled_words
from drafter.facts import scope_info, topic_core
from drafter.outlines import load_outlines
from drafter.render import render_speech
from drafter.spec import parse_spec
from drafter.yamlsrc import dump_yaml

SCOPES = ("全县", "丽水市", "青田县", "全镇", "某某街道", "市直机关", "全市组织系统")
SPEAKERS = ("李明", "王芳同志", "张华", "市委常委、组织部部长周敏")
DROPPED = ("title", "theme", "organizer", "goal", "purpose", "lead", "significance", "earlier_remarks", "focus",
           "speaker_role", "position")


def _meeting_prefix(scope: str, with_prefix: int) -> str:
    info = scope_info(scope)
    return ("", scope, info.collective)[with_prefix % 3]


def variant_facts(outline, scope: str, n: int) -> dict:
    """The outline's field examples with the writer's variations number `n` for `scope`."""
    facts = {f.name: f.example for f in outline.fields if f.example not in (None, "", [])}
    for name in DROPPED:
        if name in facts and not (outline.field(name) and outline.field(name).required):
            del facts[name]
    names = set(outline.field_names)
    if "scope" in names:
        facts["scope"] = scope
    if "meeting" in names and facts.get("meeting"):
        core = str(facts["meeting"])
        facts["meeting"] = _meeting_prefix(scope, n) + core
    if "topic" in names and facts.get("topic"):
        core = topic_core(str(facts["topic"]))
        facts["topic"] = core + "工作" if n % 2 else core
    if "earlier_speakers" in names:
        facts["earlier_speakers"] = list(SPEAKERS[: 1 + n % 4])
    if "speaker_role" in names and n % 3 == 1:
        facts["speaker_role"] = scope_info(scope).committee + "书记"
    if "theme" in names and n % 4 == 3:
        facts["theme"] = "深学笃行 固本强基"
    return facts


def spec_text(outline, facts: dict) -> str:
    sections = []
    for s in outline.sections:
        section = {"heading": s.heading_patterns[0] if s.heading_patterns else s.archetype, "role": s.role,
                   "paragraphs": ["正文。"]}
        if s.example_children:
            section["children"] = [{"heading": c, "paragraphs": ["正文。"]} for c in s.example_children]
        sections.append(section)
    return dump_yaml({"outline": outline.id, "facts": facts, "sections": sections})


def speech_lines(speech) -> list[str]:
    lines = [speech.title, speech.subtitle, speech.byline] + [p.text for p in speech.opening]
    if speech.transition is not None:
        lines.append(speech.transition.text)
    for s in speech.walk():
        lines.append(s.heading)
    return lines + [p.text for p in speech.closing]


CASES = [(oid, scope, n) for oid in sorted(load_outlines()) for scope, n in itertools.product(SCOPES, range(4))]


@pytest.mark.parametrize("oid, scope, n", CASES)
def test_outline_reads_right_with_typed_facts(oid, scope, n):
    outline = load_outlines()[oid]
    facts = variant_facts(outline, scope, n)
    spec = parse_spec(spec_text(outline, facts), f"{oid}.yaml")
    speech = render_speech(spec, outline)
    text = "\n".join(speech_lines(speech))
    where = f"{oid} with {facts}"
    assert not doubled_words(text, scope if "scope" in facts else ""), where
    assert not comrade_twice(text), where
    assert "\ue000" not in text and "\ue001" not in text and "None" not in text and "{{" not in text, where
    if "scope" in facts:
        info = scope_info(scope)
        assert not committee_mismatches(text, scope), where
        for wrong in (f"{scope}党委", f"{info.collective}党委"):
            assert wrong not in text or wrong == info.committee, where
        if facts.get("speaker_role", "").startswith(info.committee):
            assert f"在{info.committee}的坚强领导下" not in text, where
    for name in facts.get("earlier_speakers", []):
        said = name if name.endswith("同志") else name + "同志"
        assert text.count(said) >= 1 or name not in text, where
    assert spec.facts == {**spec.facts, **{k: v for k, v in facts.items() if k != "date"}}  # typed facts kept


def test_every_bundled_template_is_used_by_an_outline():
    """A template no outline names would escape the variants above."""
    from drafter.resources import data_dir

    used = {name for o in load_outlines().values() for name in o.templates.values()}
    on_disk = {p.name for p in data_dir("templates").glob("*.j2")}
    assert on_disk <= used, sorted(on_disk - used)


def test_work_meeting_and_theme_education_have_their_own_defaults():
    outlines = load_outlines()

    def defaults(o):
        return {h for s in o.sections for h in (*s.heading_patterns, *s.example_children)}

    work, theme = outlines["work-meeting"], outlines["theme-education"]
    assert defaults(work) & defaults(theme) == set()
    assert [s.role for s in work.sections] != [s.role for s in theme.sections]


def test_theme_education_follows_the_campaign_model_and_names_the_campaign():
    theme = load_outlines()["theme-education"]
    archetypes = [s.archetype for s in theme.sections]
    for part in ("目标要求", "重点措施", "统筹结合", "组织领导"):
        assert any(part in a for a in archetypes), part
    tasks = next(s for s in theme.sections if s.archetype == "重点措施")
    assert any("学习教育" in c for c in tasks.example_children) and any("查摆" in c for c in tasks.example_children)
    facts = variant_facts(theme, "全县", 0)
    facts["campaign"] = "党纪学习教育"
    speech = render_speech(parse_spec(spec_text(theme, facts), "t.yaml"), theme)
    text = "\n".join(speech_lines(speech))
    assert "主题教育活动" not in text
    assert text.count("党纪学习教育") >= 3  # opening, headings and closing name it


def test_sub_points_match_their_section():
    work = load_outlines()["work-meeting"]
    leadership = next(s for s in work.sections if s.role == "leadership")
    assert not any("典型" in c for c in leadership.example_children)
    tasks = next(s for s in work.sections if s.role == "tasks")
    assert not any("作风" in c or "典型" in c for c in tasks.example_children)


def test_signed_article_has_a_lead_paragraph():
    article = load_outlines()["signed-article"]
    assert "opening" in article.templates
    facts = variant_facts(article, "青田县", 1)
    speech = render_speech(parse_spec(spec_text(article, facts), "a.yaml"), article)
    assert len(speech.opening) == 1 and "基层党建工作" in speech.opening[0].text
    assert "同志们" not in speech.opening[0].text and "全县" in speech.opening[0].text
    facts["lead"] = "基层强则国家强，基层安则天下安。"
    speech = render_speech(parse_spec(spec_text(article, facts), "a.yaml"), article)
    assert [p.text for p in speech.opening] == ["基层强则国家强，基层安则天下安。"]


SCOPED_MEETINGS = [("全县", "全县经济工作会议"), ("丽水市", "丽水市经济工作会议"), ("丽水市", "全市经济工作会议"),
                   ("全镇", "全镇经济工作会议"), ("市直机关", "市直机关经济工作会议"), ("全县", "经济工作会议"),
                   ("青田县", "全县经济工作会议")]


@pytest.mark.parametrize("oid", sorted(oid for oid, o in load_outlines().items()
                                       if {"scope", "meeting"} <= set(o.field_names)))
@pytest.mark.parametrize("scope, meeting", SCOPED_MEETINGS)
def test_the_meeting_is_never_named_without_its_scope(oid, scope, meeting):
    """Wherever a speech names the meeting (title, opening, closing), the scope is in front of it, once."""
    outline = load_outlines()[oid]
    facts = variant_facts(outline, scope, 0)
    facts["meeting"] = meeting
    spec = parse_spec(spec_text(outline, facts), f"{oid}.yaml")
    text = "\n".join(speech_lines(render_speech(spec, outline)))
    info = scope_info(scope)
    core = "经济工作会议"
    fronts = {scope, info.collective, "全" + info.unit if info.unit else scope}
    starts = [i for i in range(len(text)) if text.startswith(core, i)]
    assert starts, f"{oid}: the meeting is never named"
    for i in starts:
        before = text[:i]
        assert any(before.endswith(f) for f in fronts), f"{oid}: …{text[max(0, i - 12):i + len(core)]}"
        assert not any(before.endswith(f + f) for f in fronts), f"{oid}: …{text[max(0, i - 12):i + len(core)]}"
