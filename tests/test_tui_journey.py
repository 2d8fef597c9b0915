"""Pilot tests: the writer's whole journey, crash recovery, opening a spec, quitting."""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import Input, OptionList, TextArea

from drafter.tui.app import DrafterApp
from drafter.tui.draft import Draft
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.walker import WalkerScreen
from drafter.yamlsrc import load_yaml
from tui_support import choose_outline, make_app, open_walker, screen_text, settle, type_into

FACTS = {"speaker": "王建国", "date": "2026-11-23", "scope": "全县", "meeting": "基层党建工作会议",
         "topic": "基层党建"}


async def _fill_facts(app, pilot) -> None:
    for name, value in FACTS.items():
        await type_into(app, pilot, f"#fact-{name}", value)
    await settle(app, pilot)


async def test_whole_journey_from_outline_to_docx(tmp_path):
    docx = pytest.importorskip("docx")
    out = tmp_path / "讲话.docx"
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        assert isinstance(app.screen, FactsScreen)
        await _fill_facts(app, pilot)
        assert app.draft.facts["scope"] == "全县"

        await pilot.press("f3")
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)
        # First point: heading and body typed, then a suggested phrase whose slot is filled from the facts.
        await type_into(app, pilot, "#heading", "统一思想，充分认识抓党建的重要性")
        await type_into(app, pilot, "#body", "抓好党建是最大的政绩。")
        await settle(app, pilot)
        panel = app.screen.query_one("#panel")
        pick = next(i for i, s in enumerate(panel.items) if s.kind == "phrase" and "{{" in s.raw
                    and all(slot in FACTS for slot in __import__("re").findall(r"\{\{\s*(\w+)", s.raw)))
        phrase = panel.items[pick]
        assert "{{" not in phrase.text
        suggestions = app.screen.query_one("#suggestions", OptionList)
        suggestions.focus()
        suggestions.highlighted = pick
        await pilot.press("enter")
        await settle(app, pilot)
        body = app.screen.query_one("#body", TextArea).text
        assert body.splitlines() == ["抓好党建是最大的政绩。", phrase.text]

        # Second point: the next one in the outline list, with two sub-points reordered.
        sections = app.screen.query_one("#sections", OptionList)
        sections.focus()
        sections.highlighted = 2  # row 0 is 开场白
        await settle(app, pilot)
        assert app.screen.current == (1,)
        await type_into(app, pilot, "#heading", "突出重点，扎实推进各项任务")
        await type_into(app, pilot, "#body", "今年要抓好三件事。")
        await pilot.press("ctrl+b")
        await type_into(app, pilot, "#heading", "要在建强班子上下功夫")
        await type_into(app, pilot, "#body", "班子强则全局强。")
        await pilot.press("ctrl+n")
        await type_into(app, pilot, "#heading", "要在服务群众上下功夫")
        await pilot.press("alt+up")
        await settle(app, pilot)
        children = app.draft.section((1,))["children"]
        assert [c["heading"] for c in children] == ["要在服务群众上下功夫", "要在建强班子上下功夫"]
        assert "讲2点意见" in screen_text(app)

        await pilot.press("f5")
        await settle(app, pilot)
        await type_into(app, pilot, "#export-path", str(out))
        await pilot.press("enter")
        await settle(app, pilot)
        assert out.exists()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for typed in ("抓好党建是最大的政绩。", "统一思想，充分认识抓党建的重要性", "突出重点，扎实推进各项任务",
                  "班子强则全局强。", phrase.text):
        assert typed in text
    assert text.index("要在服务群众上下功夫") < text.index("要在建强班子上下功夫")


async def test_export_refuses_to_overwrite_without_confirmation(tmp_path):
    out = tmp_path / "old.txt"
    out.write_text("旧文件", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await _fill_facts(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await type_into(app, pilot, "#heading", "统一思想")
        await type_into(app, pilot, "#body", "新写的正文。")
        await pilot.press("f5")
        await settle(app, pilot)
        await type_into(app, pilot, "#export-path", str(out))
        await pilot.press("enter")
        await settle(app, pilot)
        assert "已存在" in screen_text(app)
        await pilot.press("n")
        await settle(app, pilot)
        assert out.read_text(encoding="utf-8") == "旧文件"
        await pilot.press("enter")  # export again, and this time confirm
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
    assert "新写的正文。" in out.read_text(encoding="utf-8")


async def test_autosave_survives_a_killed_app(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot, facts={"speaker": "王建国"})
        await type_into(app, pilot, "#heading", "统一思想")
        await type_into(app, pilot, "#body", "最后一次编辑。")
        await pilot.pause(0.8)  # the autosave delay, no quit handler
        saved = app.draft.path
        # What a killed terminal leaves behind: the autosave as it is now.
        crash_copy = tmp_path / "crash.yaml"
        shutil.copy(saved, crash_copy)
    data = load_yaml(crash_copy).data
    assert data["facts"]["speaker"] == "王建国"
    assert data["sections"][0]["paragraphs"] == ["最后一次编辑。"]

    again = DrafterApp(crash_copy, drafts_folder=tmp_path / "drafts")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, WalkerScreen)
        assert again.screen.query_one("#body", TextArea).text == "最后一次编辑。"
        assert again.screen.query_one("#heading", Input).value == "统一思想"


async def test_going_back_to_a_fact_updates_the_title_and_suggestions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await _fill_facts(app, pilot)
        assert "全县" in app.title and "基层党建工作会议" in app.title
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        await type_into(app, pilot, "#fact-scope", "全市")
        await settle(app, pilot)
        assert "全市" in app.title
        await pilot.press("f3")
        await settle(app, pilot)
        texts = [s.text for s in app.screen.query_one("#panel").items]
        assert any("全市" in t for t in texts) or any("基层党建" in t for t in texts)
        assert not any("全县" in t for t in texts)


async def test_invalid_fact_shows_an_inline_message_and_is_not_saved(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await type_into(app, pilot, "#fact-date", "明天")
        await settle(app, pilot)
        assert "日期请写成" in screen_text(app)
        assert "date" not in app.draft.facts


async def test_resume_a_recent_draft_from_the_start_screen(tmp_path):
    d = Draft.new("work-meeting", [], path=tmp_path / "drafts" / "old.yaml")
    d.set_fact("meeting", "上次的会议")
    d.add_section(heading="旧的标题")
    d.save()
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "上次的会议" in screen_text(app)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)
        assert app.draft.path == d.path
        headings = [s["heading"] for s in app.draft.sections]
        assert "旧的标题" in headings


async def test_command_palette_lists_the_screen_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"加下级")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)
        assert app.screen.current == (0, 0)


async def test_a_failed_autosave_says_so_offers_another_place_and_quitting_asks_first(tmp_path):
    from drafter.tui.screens.export import ConfirmScreen, SaveAsScreen

    blocked = tmp_path / "drafts"
    blocked.write_text("a file in the way", encoding="utf-8")  # the drafts folder cannot be created
    app = DrafterApp(drafts_folder=blocked)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await type_into(app, pilot, "#fact-speaker", "王建国")
        await settle(app, pilot)
        app.save_now()
        await settle(app, pilot)
        assert app.save_failed and "未能保存" in app.sub_title
        assert app.draft.facts["speaker"] == "王建国"  # nothing took the writer's keys
        assert "Ctrl+S" in screen_text(app)
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.return_code is None  # not gone
        assert "未能保存" in screen_text(app)
        await pilot.press("n")
        await settle(app, pilot)
        assert "未能保存" in app.sub_title  # still saying so
        await pilot.press("ctrl+s")  # another path
        await settle(app, pilot)
        assert isinstance(app.screen, SaveAsScreen)
        other = tmp_path / "elsewhere.yaml"
        app.screen.query_one("#save-as-path", Input).value = str(other)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not app.save_failed and "王建国" in other.read_text(encoding="utf-8")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
