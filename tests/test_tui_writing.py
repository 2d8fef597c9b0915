"""Pilot tests of writing in the walker: inserts, focus, slots, undo, Chinese everywhere (issue 9)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from drafter.phrases.bank import parse_bank
from drafter.tui.app import DrafterApp
from drafter.tui.screens.export import ConfirmScreen
from drafter.tui.screens.preview import PreviewScreen
from tui_support import screen_text, settle

FIXTURE = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
LONG = "党的基层组织是党的全部工作和战斗力的基础，是党在社会基层组织中的战斗堡垒，" \
       "各级党组织要把抓基层、打基础作为长远之计和固本之举，切实把思想和行动统一到县委的部署要求上来。"

BANK = """\
bank: writing
description: 写作测试用的小短语库
entries:
- id: writing-0001
  function: section.importance
  text: 基础不牢，地动山摇。
  tags: [通用]
- id: writing-0002
  function: section.importance
  text: 要把{{ region }}的经验推广到{{ name }}。
  tags: [通用]
- id: writing-0003
  function: section.importance
  text: 抓好{{ topic }}是最大的政绩。
  tags: [通用]
"""


def _app(tmp_path: Path, body: list[str] | None = None) -> DrafterApp:
    text = FIXTURE.read_text(encoding="utf-8")
    if body is not None:
        text = text.replace("      - 党的基层组织是党的全部工作和战斗力的基础。基础不牢，地动山摇。\n"
                            "      - 各级党组织要把抓基层、打基础作为长远之计和固本之举，切实把思想和行动统一到县委的部署要求上来。\n",
                            "".join(f"      - {p}\n" for p in body))
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    return DrafterApp(spec, banks=[parse_bank(BANK, "writing.yaml")], drafts_folder=tmp_path / "drafts")


async def _insert(app, pilot, predicate) -> object:
    panel = app.screen.query_one("#panel")
    index = next(i for i, s in enumerate(panel.items) if predicate(s))
    suggestions = app.screen.query_one("#suggestions", OptionList)
    suggestions.focus()
    suggestions.highlighted = index
    await pilot.press("enter")
    await settle(app, pilot)
    return panel.items[index]


async def test_an_insert_goes_after_the_paragraph_never_inside_a_wrapped_line(tmp_path):
    app = _app(tmp_path, body=[LONG, "第二段。"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        area = app.screen.query_one("#body", TextArea)
        assert area.wrapped_document.get_offsets(0), "the first paragraph must wrap for this test"
        area.focus()
        area.move_cursor((0, 5))  # inside the first screen line of a wrapped paragraph
        phrase = await _insert(app, pilot, lambda s: s.text == "基础不牢，地动山摇。")
        assert app.draft.section((0,))["paragraphs"] == [LONG, phrase.text, "第二段。"]


async def test_after_a_heading_insert_the_next_key_goes_to_the_body_not_over_the_heading(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        heading = await _insert(app, pilot, lambda s: s.kind == "heading")
        assert isinstance(app.focused, TextArea)
        await pilot.press("x")
        await settle(app, pilot)
        assert app.draft.section((0,))["heading"] == heading.text


async def test_tabbing_into_the_heading_selects_nothing(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = app.draft.section((0,))["heading"]
        app.screen.query_one("#body", TextArea).focus()
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#heading", Input)
        await pilot.press("x")
        await settle(app, pilot)
        assert app.draft.section((0,))["heading"] == before + "x"


async def test_suggestions_whose_slots_nothing_fills_are_not_offered_and_preview_never_fails(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        items = app.screen.query_one("#panel").items
        texts = [s.text for s in items]
        assert "抓好基层党建是最大的政绩。" in texts  # a slot the facts fill
        assert not any("region" in s.raw or "name" in s.raw for s in items)
        assert "〔region〕" not in screen_text(app)
        for s in list(items):  # insert every suggestion offered: preview must still render
            await _insert(app, pilot, lambda x, s=s: x.text == s.text)
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, PreviewScreen)
        assert "暂时无法预览" not in screen_text(app)


async def test_undo_covers_headings_inserts_and_structure(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        original = [s["heading"] for s in app.draft.sections]
        heading = app.screen.query_one("#heading", Input)
        heading.focus()
        await pilot.press("end", "a", "b")
        await settle(app, pilot)
        assert app.draft.sections[0]["heading"] == original[0] + "ab"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.draft.sections[0]["heading"] == original[0]
        assert heading.value == original[0]  # the field shows the undone heading

        await _insert(app, pilot, lambda s: s.text == "基础不牢，地动山摇。")
        assert "基础不牢，地动山摇。" in app.draft.section((0,))["paragraphs"]
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert "基础不牢，地动山摇。" not in app.draft.section((0,))["paragraphs"]

        def headings():
            return [(s["heading"], len(s["paragraphs"])) for s in app.draft.sections]

        here = app.screen.current
        original = headings()
        await pilot.press("ctrl+n")  # add
        await settle(app, pilot)
        assert len(headings()) == len(original) + 1
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert headings() == original and app.screen.current == here

        await pilot.press("alt+down")  # move
        await settle(app, pilot)
        assert headings() != original
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert headings() == original and app.screen.current == here

        await pilot.press("ctrl+r")  # remove, confirmed
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        removed = headings()
        assert len(removed) == len(original) - 1
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert headings() == original and app.screen.current == here
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert headings() == removed


async def test_the_command_palette_says_no_match_in_chinese(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"zzzq")
        await pilot.pause(1.5)
        text = screen_text(app)
        assert "没有匹配的命令" in text
        assert not re.search(r"No matches", text)


async def test_choosing_a_type_writes_no_file_until_the_first_edit(tmp_path):
    from tui_support import choose_outline, make_app, type_into

    app = make_app(tmp_path)
    drafts = tmp_path / "drafts"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await choose_outline(app, pilot, "work-meeting")
        await pilot.press("ctrl+w")  # back to the start screen: browsing
        await settle(app, pilot)
        assert getattr(app.screen, "IS_START", False) and app.draft is None
        assert not list(drafts.glob("*.yaml"))
        await choose_outline(app, pilot, "work-meeting")
        await type_into(app, pilot, "#fact-speaker", "王建国")
        await settle(app, pilot)
        app.save_now()
        assert len(list(drafts.glob("*.yaml"))) == 1


async def test_back_to_the_start_screen_from_an_opened_spec_and_open_another(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        heading = app.screen.query_one("#heading", Input)
        heading.focus()
        await pilot.press("end", "q")
        await pilot.press("ctrl+w")
        await settle(app, pilot)
        assert getattr(app.screen, "IS_START", False)
        assert "工作的重要性q" in (tmp_path / "spec.yaml").read_text(encoding="utf-8")  # saved on the way out
        assert "撰写" not in screen_text(app).splitlines()[-1]  # no draft keys on the start screen


async def test_an_example_heading_reads_with_its_facts_filled_and_keeps_the_slot(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = str(app.screen.query_one("#guidance").render()).replace("\n", "")
        assert "统一思想，充分认识做好基层党建工作的重要性" in shown
        assert app.draft.section((0,))["heading"].count("{{ topic }}") == 1


async def test_f5_offers_the_folder_of_the_last_export(tmp_path):
    from drafter.tui.screens.export import ExportScreen

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        path = app.screen.query_one("#export-path", Input)
        path.value = str(out_dir / "a.md")
        await pilot.press("enter")
        await settle(app, pilot)
        assert (out_dir / "a.md").exists()
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportScreen)
        assert Path(app.screen.query_one("#export-path", Input).value).parent == out_dir


async def test_walker_preview_and_check_give_the_same_figures(tmp_path):
    from drafter.check.rules.length import spoken_length
    from drafter.check.context import speech_blocks
    from drafter.tui import engine

    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        label = app.screen.query_one("#section-count").render()
        chars, target = app.point_length(0)
        assert f"本部分{chars}/{target}字" in str(label)
        speech = engine.render(engine.lenient_data(app.draft.spec_data(), app.outline), app.outlines, app.banks)
        total, per_point = spoken_length(speech_blocks(speech))
        assert per_point[0] == chars
        findings = engine.check(speech, app.draft.targets)
        summary = next(f for f in findings if f.rule == "length.summary")
        assert f"全文约{total}字" in summary.message  # check's total
        await pilot.press("f4")
        await settle(app, pilot)
        text = screen_text(app)
        assert f"全文 {total} 字" in text  # the preview's total
        assert f"{chars}/{target}字" in text  # the preview's figure for point 一 is the walker's


async def test_an_empty_draft_announces_no_points_and_f6_marks_a_point_done(tmp_path):
    from drafter.tui import progress
    from drafter.yamlsrc import load_yaml
    from tui_support import make_app, open_walker

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walker(app, pilot)
        assert "讲0点意见" not in screen_text(app) and "尚无要点" in screen_text(app)
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        assert progress.MARKS[progress.DONE] in screen_text(app) and "完成1/" in screen_text(app)
        app.save_now()
        saved = load_yaml(tmp_path / "spec.yaml").data
        assert saved["sections"][0]["done"] is True
        from drafter.spec import validate
        validate(saved, load_yaml(tmp_path / "spec.yaml"))  # drafter build accepts the mark
        await pilot.press("f6")
        await settle(app, pilot)
        assert "完成0/" in screen_text(app)


async def test_search_query_highlight_and_place_are_not_forgotten_or_stale(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        search = app.screen.query_one("#phrase-search", Input)
        search.focus()
        await pilot.press(*"zz")
        await settle(app, pilot)
        sections = app.screen.query_one("#sections", OptionList)
        sections.focus()
        await pilot.press("down")  # the next point
        await settle(app, pilot)
        assert search.value == ""  # the query was for the last point
        # Entering the suggestions highlights the first one: Enter inserts it.
        suggestions = app.screen.query_one("#suggestions", OptionList)
        assert suggestions.highlighted is None
        await pilot.press("tab")
        while app.focused is not suggestions:
            await pilot.press("tab")
        await settle(app, pilot)
        assert suggestions.highlighted == 0
        # A refilled list carries no stale highlight over.
        suggestions.highlighted = len(app.screen.query_one("#panel").items) - 1
        app.screen.update_suggestions()
        await settle(app, pilot)
        assert suggestions.highlighted == 0
        # F3 from another screen comes back to the point the writer was on.
        here = app.screen.current
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        assert app.screen.current == here and here != (0,)
