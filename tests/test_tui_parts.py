"""Pilot tests: 开场白 and 结束语 in the walker, the export's reference document, and the .bak of an opened spec."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from drafter.phrases.bank import parse_bank
from drafter.tui.app import DrafterApp
from drafter.tui.commands import app_commands
from drafter.tui.draft import Draft, has_yaml_comments
from drafter.tui.screens.export import ExportScreen
from drafter.yamlsrc import load_yaml
from tui_support import screen_text, settle, type_into

FIXTURE = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"

BANK = """\
bank: parts
description: 开场白与结束语测试用的小短语库
entries:
- id: parts-0001
  function: opening.purpose
  text: 今天召开的{{ meeting }}，主要任务是总结工作、部署任务。
  tags: [通用]
- id: parts-0002
  function: closing.call
  text: 同志们，让我们以更加昂扬的斗志，奋力开创{{ topic }}工作新局面！
  tags: [通用]
- id: parts-0003
  function: section.importance
  text: 基础不牢，地动山摇。
  tags: [通用]
"""


def _spec(tmp_path: Path, comments: bool = False) -> Path:
    """A copy of the fixture spec, with or without its YAML comment lines."""
    spec = tmp_path / "spec.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    if not comments:
        text = "".join(ln for ln in text.splitlines(keepends=True) if not ln.lstrip().startswith("#"))
    spec.write_text(text, encoding="utf-8")
    return spec


def _app(spec: Path, tmp_path: Path) -> DrafterApp:
    return DrafterApp(spec, banks=[parse_bank(BANK, "parts.yaml")], drafts_folder=tmp_path / "drafts")


async def _select_row(app, pilot, key: str) -> None:
    """Highlight the outline row `key` ("opening", "closing" or "1", "2.1"…)."""
    ol = app.screen.query_one("#sections", OptionList)
    ol.focus()
    ol.highlighted = [ol.get_option_at_index(i).id for i in range(ol.option_count)].index(key)
    await settle(app, pilot)


async def _export(app, pilot, out: Path, reference: str = "") -> ExportScreen:
    await pilot.press("f5")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#export-path", Input).value = str(out)
    screen.query_one("#export-reference", Input).value = reference
    screen.query_one("#export-path", Input).focus()
    await pilot.press("enter")
    await settle(app, pilot)
    return screen


def _docx_text(path: Path) -> str:
    docx = pytest.importorskip("docx")
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


async def test_opening_and_closing_are_outline_rows_not_numbered_points(tmp_path):
    app = _app(_spec(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        ol = app.screen.query_one("#sections", OptionList)
        ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
        assert ids[0] == "opening" and ids[-1] == "closing"
        text = screen_text(app)
        assert "开场白（套用公式）" in text and "结束语（套用公式）" in text
        assert "讲2点意见" in text  # the fixture's two points; opening and closing are not counted


async def test_opening_shows_the_formula_and_ranks_opening_phrases(tmp_path):
    app = _app(_spec(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _select_row(app, pilot, "opening")
        assert app.screen.current == "opening"
        body = app.screen.query_one("#body", TextArea)
        assert body.text == ""
        assert "基层党建工作会议" in str(body.placeholder)  # the formula, rendered from the facts
        assert not app.screen.query_one("#heading", Input).display
        panel = app.screen.query_one("#panel")
        assert [s.entry_id for s in panel.items][:1] == ["parts-0001"]
        assert panel.items[0].text == "今天召开的基层党建工作会议，主要任务是总结工作、部署任务。"
        names = [name for name, *_ in app_commands(app.screen)]
        assert "恢复公式" in names and "以公式起稿" in names
        assert "加下级" not in names and "删除" not in names
        await _select_row(app, pilot, "closing")
        assert [s.entry_id for s in app.screen.query_one("#panel").items][:1] == ["parts-0002"]
        await _select_row(app, pilot, "1")
        names = [name for name, *_ in app_commands(app.screen)]
        assert "恢复公式" not in names and "加下级" in names


async def test_written_opening_and_closing_are_autosaved_and_exported(tmp_path):
    spec = _spec(tmp_path)
    out = tmp_path / "讲话.docx"
    app = _app(spec, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _select_row(app, pilot, "opening")
        await type_into(app, pilot, "#body", "今天我们开一个短会。")
        await app.screen.query_one("#body", TextArea).run_action("cursor_line_end")
        await pilot.press("enter")
        await type_into(app, pilot, "#body", "大家要认真听。")
        await _select_row(app, pilot, "closing")
        await type_into(app, pilot, "#body", "散会后各单位抓好落实。")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = load_yaml(spec).data
        assert saved["opening"] == ["今天我们开一个短会。", "大家要认真听。"]
        assert saved["closing"] == ["散会后各单位抓好落实。"]
        assert "开场白（自拟）" in screen_text(app)
        await pilot.press("f4")
        await settle(app, pilot)
        preview = str(app.screen.query_one("#preview-text", Static).render())
        assert "今天我们开一个短会。" in preview and "散会后各单位抓好落实。" in preview
        assert preview.index("今天我们开一个短会。") < preview.index("一、") < preview.index("散会后各单位抓好落实。")
        await _export(app, pilot, out)
        assert out.is_file()
    text = _docx_text(out)
    assert "今天我们开一个短会。" in text and "大家要认真听。" in text and "散会后各单位抓好落实。" in text
    assert "是全县党委研究决定召开的一次重要会议" not in text  # the formula gave way to the writer's text


async def test_reset_to_formula_empties_the_list_and_the_formula_returns(tmp_path):
    spec = _spec(tmp_path)
    app = _app(spec, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _select_row(app, pilot, "closing")
        await type_into(app, pilot, "#body", "自拟的结束语。")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert load_yaml(spec).data["closing"] == ["自拟的结束语。"]
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.draft.data["closing"] == []
        assert app.screen.query_one("#body", TextArea).text == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "closing" not in load_yaml(spec).data  # empty list = the outline's formula
        await pilot.press("ctrl+g")  # start from the formula's text instead
        await settle(app, pilot)
        lines = app.screen.formulas["closing"]
        assert lines and app.screen.query_one("#body", TextArea).text == "\n".join(lines)
        assert app.draft.data["closing"] == lines


async def test_export_with_a_reference_doc_uses_its_page_setup(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.shared import Cm

    reference = tmp_path / "模板.docx"
    ref = docx.Document()
    ref.sections[0].page_width, ref.sections[0].page_height = Cm(18.2), Cm(25.7)  # B5
    ref.sections[0].left_margin = Cm(3.3)
    ref.save(str(reference))
    out = tmp_path / "out.docx"
    app = _app(_spec(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _export(app, pilot, out, str(reference))
        assert not isinstance(app.screen, ExportScreen)
    section = docx.Document(str(out)).sections[0]
    assert abs(section.page_width - Cm(18.2)) < Cm(0.05)
    assert abs(section.page_height - Cm(25.7)) < Cm(0.05)
    assert "基层党建" in _docx_text(out)


@pytest.mark.parametrize("kind", ["missing", "not-a-docx", "wrong-format"])
async def test_a_bad_reference_doc_shows_an_error_and_writes_nothing(tmp_path, kind):
    pytest.importorskip("docx")
    out = tmp_path / ("out.md" if kind == "wrong-format" else "out.docx")
    bad = tmp_path / "坏模板.docx"
    if kind == "not-a-docx":
        bad.write_text("这不是 Word 文件", encoding="utf-8")
    elif kind == "wrong-format":
        shutil.copy(FIXTURE, bad)  # exists, but a reference only applies to .docx output
    app = _app(_spec(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = await _export(app, pilot, out, str(bad))
        assert app.screen is screen  # the dialog stays open
        status = str(screen.query_one("#export-status", Static).render())
        assert "参考模板" in status
        assert screen.query_one("#export-status").has_class("-error")
    assert not out.exists()


async def test_opening_a_commented_spec_warns_and_backs_it_up_once(tmp_path):
    spec = _spec(tmp_path, comments=True)
    original = spec.read_bytes()
    bak = tmp_path / "spec.yaml.bak"
    app = _app(spec, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert any("注释不会保留" in n.message for n in app._notifications)
        assert not bak.exists()  # nothing rewritten yet
        await type_into(app, pilot, "#heading", "统一思想")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert bak.read_bytes() == original
        assert not has_yaml_comments(spec.read_text(encoding="utf-8"))
        await type_into(app, pilot, "#body", "再改一次。")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert bak.read_bytes() == original
    # Reopening the rewritten (canonical, comment-free) file: no warning, and the .bak is never replaced.
    app = _app(spec, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not any("注释不会保留" in n.message for n in app._notifications)
        await type_into(app, pilot, "#heading", "第三次修改")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert bak.read_bytes() == original


def test_an_existing_backup_is_never_overwritten(tmp_path):
    spec = _spec(tmp_path, comments=True)
    bak = tmp_path / "spec.yaml.bak"
    bak.write_text("older backup", encoding="utf-8")
    draft = Draft.open(spec)
    assert draft.has_comments and draft.backup_pending
    draft.set_heading((0,), "新标题")
    assert draft.save()
    assert bak.read_text(encoding="utf-8") == "older backup"


def test_a_canonical_spec_gets_no_backup(tmp_path):
    spec = _spec(tmp_path)
    spec.write_text(Draft.open(spec).to_yaml(), encoding="utf-8")  # the canonical form, as the TUI saves it
    draft = Draft.open(spec)
    assert not draft.has_comments and not draft.backup_pending
    draft.set_heading((0,), "新标题")
    draft.save()
    assert not (tmp_path / "spec.yaml.bak").exists()


def test_yaml_comments_are_told_apart_from_hashes_in_text():
    assert has_yaml_comments("# a comment\noutline: x\n")
    assert has_yaml_comments("outline: x  # trailing\n")
    assert not has_yaml_comments('title: "第#1号"\nnote: a#b\n')
    assert not has_yaml_comments("body: |\n  # part of the text\n  more\n")


def test_a_commented_spec_gets_a_fresh_numbered_backup_when_an_older_one_exists(tmp_path):
    spec = _spec(tmp_path, comments=True)
    current = spec.read_bytes()
    bak = tmp_path / "spec.yaml.bak"
    bak.write_text("older backup", encoding="utf-8")
    draft = Draft.open(spec)
    draft.set_heading((0,), "新标题")
    assert draft.save()
    assert bak.read_text(encoding="utf-8") == "older backup"
    assert (tmp_path / "spec.yaml.bak.2").read_bytes() == current  # the comments of this very version are kept
    # Commented again by hand, opened again: another backup, the earlier two untouched.
    spec.write_text("# 手写的注释\n" + spec.read_text(encoding="utf-8"), encoding="utf-8")
    again = spec.read_bytes()
    draft = Draft.open(spec)
    draft.set_heading((0,), "又一个标题")
    assert draft.save()
    assert (tmp_path / "spec.yaml.bak.3").read_bytes() == again
    assert (tmp_path / "spec.yaml.bak.2").read_bytes() == current
    # Reopened with the same content as a backup already holds: no duplicate.
    spec.write_bytes(again)
    draft = Draft.open(spec)
    draft.set_heading((0,), "再一个标题")
    draft.save()
    assert not (tmp_path / "spec.yaml.bak.4").exists()
