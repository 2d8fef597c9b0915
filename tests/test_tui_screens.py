"""Pilot tests of single screens: the facts form, heading suggestions, deleting, preview and budget."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from drafter.tui.app import DrafterApp
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.preview import PreviewScreen
from drafter.tui.screens.walker import WalkerScreen
from tui_support import choose_outline, make_app, open_walker, screen_text, settle, type_into

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
        await open_walker(app, pilot, facts={"topic": "基层党建"})
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
        await open_walker(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"火车")
        await settle(app, pilot)
        items = app.screen.query_one("#panel").items
        assert items and all("火车" in s.raw for s in items)


async def test_enter_twice_after_a_search_inserts_the_first_result(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"基础")
        await settle(app, pilot)
        first = app.screen.query_one("#panel").items[0]
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert app.screen.query_one("#body", TextArea).text.splitlines() == [first.text]


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


async def test_a_heading_pattern_also_in_the_phrase_bank_is_suggested_once(tmp_path):
    from drafter.phrases.bank import parse_bank
    from drafter.tui import engine

    view = engine.load_outline_views()["work-meeting"].section_for("importance")
    pattern = view.heading_patterns[0]
    bank = parse_bank("bank: dup\ndescription: 重复的标题句式\nentries:\n"
                      f"- id: dup-0001\n  function: heading.pattern\n  text: '{pattern}'\n  tags: [通用]\n"
                      "- id: dup-0002\n  function: section.importance\n  text: 基础不牢，地动山摇。\n  tags: [通用]\n",
                      "dup.yaml")
    spec = tmp_path / "spec.yaml"
    shutil.copy(ROOT / "tests" / "tui_fixture_spec.yaml", spec)
    app = DrafterApp(spec, banks=[bank], drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.current == (0,)
        ranked = app.phrases.suggest(view.role, "基层党建", "", "", tuple(view.functions))
        assert "dup-0001" in [e.id for e in ranked]  # the bank does offer the outline's pattern again
        items = app.screen.query_one("#panel").items
        filled = engine.fill_text(pattern, app.draft.facts)
        same = [s for s in items if s.text == filled]
        assert len(same) == 1 and same[0].entry_id is None  # the outline's own pattern is the one kept
        assert len({s.text for s in items}) == len(items)
        assert any(s.entry_id == "dup-0002" for s in items)


async def test_a_slot_without_a_fact_shows_its_chinese_label_not_its_name(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot)
        app.screen.query_one("#heading", Input).value = "抓好{{ topic }}工作"
        await settle(app, pilot)
        panel = app.screen.query_one("#panel")
        assert any("{{ topic }}" in s.text for s in panel.items)  # the suggestion keeps the slot for the spec
        text = screen_text(app)
        assert "统一思想，充分认识〔工作主题〕工作" in text  # a suggestion in the panel
        assert "抓好〔工作主题〕" in text  # the point in the outline list
        shown = text.replace("抓好{{ topic }}工作", "")  # the heading field itself edits the spec's text
        assert "topic" not in shown and "{{" not in shown


async def test_preview_of_a_point_written_before_its_heading_shows_the_text(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_walker(app, pilot)
        await type_into(app, pilot, "#body", "抓好党建是最大的政绩。")
        label = app.outline.section_for(app.draft.sections[0]["role"]).label
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, PreviewScreen)
        text = screen_text(app)
        assert "暂时无法预览" not in text
        assert "抓好党建是最大的政绩。" in text and f"〔{label}〕" in text
        assert app.draft.sections[0]["heading"] == ""  # the preview's stand-in is never saved


async def test_export_of_an_unfinished_draft_says_in_chinese_what_is_missing(tmp_path):
    out = tmp_path / "讲话.docx"
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot, facts={"speaker": "王建国"})
        await type_into(app, pilot, "#body", "抓好党建是最大的政绩。")
        await pilot.press("f5")
        await settle(app, pilot)
        await type_into(app, pilot, "#export-path", str(out))
        await pilot.press("enter")
        await settle(app, pilot)
        status = str(app.screen.query_one("#export-status").render())
        assert "要素“讲话日期”：此项必填" in status and "第一部分有正文但还没有标题" in status
        assert "要素“讲话人”" not in status
        assert "missing" not in status and not out.exists()


async def test_ctrl_c_outside_a_text_field_tells_how_to_quit_in_chinese(tmp_path):
    app = _example_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("Ctrl+Q 退出" in m for m in messages)
        assert not any("Press" in m for m in messages)
