"""Pilot tests of single screens: the facts form, heading suggestions, deleting, preview and budget."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, OptionList

from drafter.tui.app import DrafterApp
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.preview import PreviewScreen
from drafter.tui.screens.walker import WalkerScreen
from tui_support import choose_outline, make_app, screen_text, settle, type_into

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-party-building.yaml"


def _example_app(tmp_path) -> DrafterApp:
    spec = tmp_path / "spec.yaml"
    shutil.copy(EXAMPLE, spec)
    return DrafterApp(spec, drafts_folder=tmp_path / "drafts")


async def test_facts_form_is_generated_from_the_outline_fields(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        assert isinstance(app.screen, FactsScreen)
        outline = app.outline
        for f in outline.fields:
            field_input = app.screen.query_one(f"#fact-{f.name}", Input)
            if f.example:
                assert f.example in field_input.placeholder
        text = screen_text(app)
        speaker = outline.field("speaker")
        assert f"{speaker.label} *" in text  # required mark


async def test_start_screen_shows_the_outline_and_its_seed_sources(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        ol = app.screen.query_one("#outline-list", OptionList)
        ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
        ol.highlighted = ids.index("work-meeting")
        await settle(app, pilot)
        text = screen_text(app)
        assert "工作会议讲话" in text and "提炼自" in text and "000_0455fdd971ee24a7.txt" in text


async def test_a_heading_suggestion_becomes_the_heading(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await type_into(app, pilot, "#fact-topic", "基层党建")
        await pilot.press("f3")
        await settle(app, pilot)
        panel = app.screen.query_one("#panel")
        first = next(i for i, s in enumerate(panel.items) if s.kind == "heading")
        suggestions = app.screen.query_one("#suggestions", OptionList)
        suggestions.focus()
        suggestions.highlighted = first
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.draft.sections[0]["heading"] == panel.items[first].text
        assert "基层党建" in app.draft.sections[0]["heading"]


async def test_search_narrows_the_suggestions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"火车")
        await settle(app, pilot)
        items = app.screen.query_one("#panel").items
        assert items and all("火车" in s.raw for s in items)


async def test_removing_a_written_point_asks_first(tmp_path):
    app = _example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        first = app.draft.sections[0]["heading"]
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert app.draft.sections[0]["heading"] == first
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert first not in [s["heading"] for s in app.draft.sections]
        assert "讲3点意见" in screen_text(app)


async def test_preview_shows_the_speech_budget_and_findings(tmp_path):
    app = _example_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, PreviewScreen)
        text = screen_text(app)
        assert "同志们：" in text and "下面，我讲四点意见。" in text
        assert "全文" in text and "目标" in text and "每分钟 220 字" in text
        assert "检查（" in text
        await pilot.press("f3")
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)


async def test_layout_preset_is_chosen_in_the_form_and_saved_in_style(tmp_path):
    from textual.widgets import Select

    app = _example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert not app.draft.dirty  # showing the form changes nothing
        app.screen.query_one("#style-preset", Select).value = "podium"
        await settle(app, pilot)
        assert app.draft.data["style"]["preset"] == "podium"
        app.screen.query_one("#style-preset", Select).value = "standard"
        await settle(app, pilot)
        assert "preset" not in (app.draft.data.get("style") or {})


async def test_mouse_click_on_the_outline_opens_that_point(tmp_path):
    app = _example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.current == (0,)
        await pilot.click("#sections", offset=(5, 2))  # row 0 is 开场白
        await settle(app, pilot)
        assert app.screen.current == (1,)
        assert app.screen.query_one("#heading", Input).value == app.draft.sections[1]["heading"]
