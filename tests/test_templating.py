"""The sandboxed Jinja environment: filters, slots in user text, hostile input."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.errors import Location, TemplateError
from drafter.templating import (cn, cn_count, date_cn, environment, join_cn, join_semi, render_string,
                                render_template)

WHERE = Location("spec.yaml", 12, 7, "sections[0].heading")


def test_cn_writes_chinese_numerals():
    assert [cn(1), cn(10), cn(11), cn(20), cn(23)] == ["一", "十", "十一", "二十", "二十三"]


def test_cn_count_says_liang_before_a_measure_word():
    assert (cn_count(2), cn_count(4), cn_count(12)) == ("两", "四", "十二")


def test_list_joins_use_chinese_separators():
    assert join_cn(["李明同志", "张华同志", "王芳同志"]) == "李明同志、张华同志、王芳同志"
    assert join_semi(["一是摸清底数", "二是建立台账"]) == "一是摸清底数；二是建立台账"


def test_date_cn_has_no_zero_padding():
    assert date_cn(dt.date(2026, 3, 5)) == "2026年3月5日"
    assert date_cn("2026-11-23") == "2026年11月23日"


def test_marker_filter_numbers_in_every_style():
    env = environment()
    out = env.from_string("{{ 3|marker('一、') }} {{ 3|marker('（一）') }} {{ 3|marker('1.') }} "
                          "{{ 3|marker('（1）') }} {{ 3|marker('第一，') }} {{ 3|marker('一是') }}").render()
    assert out == "三、 （三） 3. （3） 第三， 三是"


def test_environment_is_cached_and_strict():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = environment()
    assert env is environment()
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.undefined is StrictUndefined and env.autoescape is False


def test_render_string_fills_declared_slots():
    assert render_string("{{ scope }}{{ topic }}工作", {"scope": "全县", "topic": "基层党建"}, WHERE) == "全县基层党建工作"
    assert render_string("（{{ date|date_cn }}）", {"date": dt.date(2026, 1, 2)}, WHERE) == "（2026年1月2日）"


def test_text_without_markup_is_returned_untouched():
    text = "统一思想，充分认识加强基层党建工作的重要性"
    assert render_string(text, {}, WHERE) is text


def test_undefined_slot_names_the_place_and_the_slot():
    with pytest.raises(TemplateError) as err:
        render_string("{{ region }}的工作", {"scope": "全县"}, WHERE)
    msg = str(err.value)
    assert msg.startswith("spec.yaml:12:7: sections[0].heading:")
    assert "region" in msg and "scope" in msg


def test_syntax_error_names_the_place():
    with pytest.raises(TemplateError) as err:
        render_string("{{ scope ", {"scope": "全县"}, WHERE)
    assert "spec.yaml:12" in str(err.value) and "syntax" in str(err.value)


@pytest.mark.parametrize("hostile", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ range(10**9)|list }}",
    "{{ 'x' * 1000000000 }}",
    "{% for i in range(100000) %}{{ i }}{% endfor %}",
    "{{ scope|attr('__class__') }}",
    "{{ cycler.__init__.__globals__ }}",
    "{% set x = 1 %}",
    "{{ lipsum() }}",
])
def test_hostile_user_text_is_refused_cleanly(hostile):
    with pytest.raises(TemplateError) as err:
        render_string(hostile, {"scope": "全县"}, WHERE)
    assert str(err.value).startswith("spec.yaml:12:7")


def test_bundled_template_sandbox_refuses_attribute_escapes_and_huge_output(tmp_path):
    (tmp_path / "escape.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    (tmp_path / "mul.j2").write_text("{{ 'x' * 10**9 }}", encoding="utf-8")
    (tmp_path / "pow.j2").write_text("{{ 10**(10**10) }}", encoding="utf-8")
    (tmp_path / "loop.j2").write_text("{% for i in range(90000) %}{{ '一二三四五六七八九十一二三四五' }}{% endfor %}",
                                      encoding="utf-8")
    for name in ("escape.j2", "mul.j2", "pow.j2", "loop.j2"):
        with pytest.raises(TemplateError):
            render_template(name, {}, templates_dir=tmp_path)


def test_transition_template_counts_the_sections():
    out = render_template("transition.j2", {"sections": [{}, {}], "focus": None})
    assert out.strip() == "下面，我讲两点意见。"
    out = render_template("transition.j2", {"sections": [{}] * 4, "focus": None})
    assert out.strip() == "下面，我讲四点意见。"


def test_opening_acknowledges_earlier_speakers_only_when_given():
    ctx = {"meeting": "基层党建工作会议", "scope": "全县", "topic": "基层党建", "organizer": None, "purpose": None,
           "earlier_speakers": ["李明同志", "张华同志"], "earlier_remarks": None}
    lines = [line for line in render_template("opening_meeting.j2", ctx).splitlines() if line.strip()]
    assert lines[1].startswith("刚才，李明同志、张华同志") and "我都同意" in lines[1]
    ctx["earlier_speakers"] = None
    assert len([line for line in render_template("opening_meeting.j2", ctx).splitlines() if line.strip()]) == 1


@pytest.mark.parametrize("scope, committee", [("全县", "县委"), ("全市", "市委"), ("全镇", "镇党委"),
                                              ("全街道", "街道党工委"), ("高新区", "高新区党工委"), ("某某公司", "某某公司党委")])
def test_party_committee_follows_the_scope(scope, committee):
    from drafter.templating import party_committee

    assert party_committee(scope) == committee


def test_derived_committee_prefers_the_organizer_then_the_scope():
    from drafter.templating import derive_facts

    assert derive_facts({"scope": "全镇"})["committee"] == "镇党委"
    assert derive_facts({"scope": "全县", "organizer": "县委办公室"})["committee"] == "县委办公室"
    assert "committee" not in derive_facts({"topic": "基层党建"})


def test_a_deadline_interrupted_as_it_starts_never_fires_later(monkeypatch):
    """A signal landing while the timer thread starts must not leave a timeout to be raised later,
    in whatever code runs next."""
    import threading
    import time

    from drafter import templating

    real_start = threading.Timer.start

    def start_then_interrupt(self):
        real_start(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(threading.Timer, "start", start_then_interrupt)
    deadline = templating._Deadline(0.05)
    with pytest.raises(KeyboardInterrupt):
        deadline.__enter__()
    monkeypatch.undo()
    for _ in range(20):  # a stray timeout would be raised here, between these bytecodes
        time.sleep(0.01)
    assert not deadline.fired
