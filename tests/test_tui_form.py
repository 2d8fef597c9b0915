"""Pilot tests of the facts form: dates as writers write them, errors that clear, the title placeholder."""

from __future__ import annotations

import re
from datetime import date

import pytest
from textual.widgets import Input, Static

from drafter.tui import engine
from tui_support import choose_outline, make_app, settle


@pytest.mark.parametrize("typed", ["2026年12月5日", "2026.12.5", "2026/12/05", "2026-12-05", "2026 年 12 月 5 日"])
def test_dates_written_the_usual_way_are_dates(typed):
    f = engine.FieldView("date", "讲话日期", "date", required=True)
    value = engine.parse_fact(f, typed)
    assert value == date(2026, 12, 5)
    assert engine.validate_fact(f, value) is None


def test_a_date_that_is_not_one_says_so_in_chinese():
    f = engine.FieldView("date", "讲话日期", "date", required=True)
    assert engine.validate_fact(f, engine.parse_fact(f, "2026年2月30日")) == "不是有效的日期"
    assert "2026年12月5日" in engine.validate_fact(f, engine.parse_fact(f, "下周一"))


async def _type(app, pilot, selector: str, text: str) -> None:
    widget = app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    widget.insert_text_at_cursor(text)
    await settle(app, pilot)


async def test_a_form_error_clears_when_the_field_is_corrected(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        error = app.screen.query_one("#err-date", Static)
        await _type(app, pilot, "#fact-date", "2026年12月5日")
        assert app.draft.facts["date"] == date(2026, 12, 5) and not error.has_class("-shown")
        await _type(app, pilot, "#fact-date", "2026年12月")
        assert error.has_class("-shown")
        await _type(app, pilot, "#fact-date", "2026-12-05")  # the saved value again
        assert not error.has_class("-shown")
        await _type(app, pilot, "#fact-date", "2026.12.6")
        assert app.draft.facts["date"] == date(2026, 12, 6) and not error.has_class("-shown")


async def test_the_title_placeholder_brackets_every_missing_fact_alike(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await settle(app, pilot)
        title = app.derived_title
        assert "〔会议名称〕" in title
        labels = {f.label for f in app.outline.fields if f.required}
        bare = re.sub(r"〔[^〕]*〕", "", title)
        assert not [label for label in labels if label in bare], title
