"""从旧稿开始 (an old speech into a new draft, from the start screen) and exports offered as browser downloads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import given, settings, strategies as st
from textual.widgets import Input, OptionList, Static

from drafter.phrases.bank import parse_bank
from drafter.tui import oldspeech
from drafter.tui.app import DrafterApp
from drafter.tui.commands import app_commands
from drafter.tui.screens.export import ExportScreen, ProblemScreen
from drafter.tui.screens.preview import PreviewScreen
from drafter.tui.screens.start import ChooseSpeechScreen, OpenScreen, StartScreen
from drafter.tui.screens.walker import WalkerScreen
from drafter.yamlsrc import load_yaml
from tui_support import screen_text, settle

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "seeds" / "000_0455fdd971ee24a7.txt"  # one speech, written years ago
FIXTURE = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
BANK = "bank: t\ndescription: 测试\nentries:\n- id: t-0001\n  function: section.importance\n  text: 基础不牢，地动山摇。\n"
LATIN = re.compile(r"[A-Za-z]{4,}")


def _app(tmp_path: Path, spec: Path | None = None) -> DrafterApp:
    return DrafterApp(spec, banks=[parse_bank(BANK, "t.yaml")], drafts_folder=tmp_path / "drafts")


async def _import(app, pilot, path: str) -> None:
    await pilot.press("i")
    await settle(app, pilot)
    assert isinstance(app.screen, OpenScreen)
    app.screen.query_one("#open-path", Input).value = path
    await pilot.press("enter")
    await settle(app, pilot)


# ---------------------------------------------------------------- the pure parts

def test_the_dialog_refuses_in_chinese_what_cannot_be_imported(tmp_path):
    (tmp_path / "旧稿.pdf").write_bytes(b"%PDF")
    assert oldspeech.path_problem("  ") == "请填写旧稿的文件路径"
    assert oldspeech.path_problem(str(tmp_path)) == "这是文件夹，请写上文件名"
    assert "只能导入" in oldspeech.path_problem(str(tmp_path / "旧稿.pdf"))
    assert oldspeech.path_problem(str(tmp_path / "没有.docx")) == "文件不存在"
    assert oldspeech.path_problem(str(SEED_000)) is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_typed_path_gets_a_chinese_answer_or_passes(raw):
    why = oldspeech.path_problem(raw)
    assert why is None or (why and not LATIN.search(why.replace("docx", "")))


def test_a_speech_is_named_by_its_title_not_by_the_stand_in_for_a_missing_fact():
    from drafter.importing import FILL

    assert oldspeech.speech_label({"facts": {"title": "在全县工作会议上的讲话"}}, 0) == "第1篇 在全县工作会议上的讲话"
    data = {"facts": {"title": FILL}, "sections": [{"heading": "提高政治站位"}]}
    assert oldspeech.speech_label(data, 2) == "第3篇 提高政治站位"


def test_update_notes_read_as_place_and_text_and_the_summary_counts_them():
    lines = oldspeech.update_lines({("facts", "date"): ["旧稿中没有日期，请填写"],
                                    ("sections", 1, "paragraphs", 0): ["2019年是旧稿的年份", "今年属于旧稿"]})
    assert lines == ["旧稿中没有日期，请填写", "二、第1段：2019年是旧稿的年份", "二、第1段：今年属于旧稿"]
    speech = oldspeech.OldSpeech({}, "work-meeting", "第1篇", lines)
    text = oldspeech.summary(speech, shown=2)
    assert text.startswith("有 3 处需要更新") and "另有 1 处" in text
    assert "未发现" in oldspeech.summary(oldspeech.OldSpeech({}, "work-meeting", "第1篇"))


# ---------------------------------------------------------------- the start screen, as a writer uses it

async def test_start_screen_offers_import_in_the_footer_and_the_palette(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "从旧稿开始" in footer
        assert "从旧稿开始" in [name for name, *_ in app_commands(app.screen)]


async def test_an_old_speech_becomes_a_new_draft_in_the_walker_with_its_updates_shown(tmp_path):
    old = tmp_path / "去年的讲话.txt"
    shutil.copy(SEED_000, old)
    before = old.read_bytes()
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot, str(old))
        assert isinstance(app.screen, WalkerScreen)
        assert app.draft is not None and app.draft.path.parent == tmp_path / "drafts"
        assert app.draft.path.exists() and app.draft.path.suffix == ".yaml"
        saved = load_yaml(app.draft.path).data
        assert saved["outline"] == app.draft.outline_id and len(saved["sections"]) >= 3
        assert old.read_bytes() == before  # the old speech is never written
        toast = [n.message for n in app._notifications if "处需要更新" in n.message]
        assert toast and re.match(r"有 \d+ 处需要更新", toast[0])
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, PreviewScreen)
        findings = str(app.screen.query_one("#findings", Static).render())
        assert "旧稿待更新" in findings and "[待更新]" in findings


async def test_a_file_with_several_speeches_lets_the_writer_choose_one(tmp_path, monkeypatch):
    data = load_yaml(FIXTURE).data
    other = dict(data, facts=dict(data["facts"], topic="乡村振兴"))
    found = [oldspeech.OldSpeech(data, data["outline"], "第1篇 甲", ["开头第1段：2019年"]),
             oldspeech.OldSpeech(other, other["outline"], "第2篇 乙", [])]
    seen = []
    monkeypatch.setattr(oldspeech, "read_old_speeches", lambda p: seen.append(p) or found)
    old = tmp_path / "汇编.md"
    old.write_text("两篇讲话", encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot, str(old))
        assert seen == [old]
        assert isinstance(app.screen, ChooseSpeechScreen)
        assert "汇编.md 中有 2 篇讲话" in screen_text(app) and "第2篇 乙" in screen_text(app)
        app.screen.query_one("#speech-list", OptionList).highlighted = 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)
        assert app.draft.facts["topic"] == "乡村振兴"
        assert load_yaml(app.draft.path).data["facts"]["topic"] == "乡村振兴"
        assert any("未发现需要更新" in n.message for n in app._notifications)


async def test_a_wrong_path_keeps_the_dialog_open_with_the_reason_in_chinese(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot, str(tmp_path / "没有这个文件.docx"))
        assert isinstance(app.screen, OpenScreen)
        assert "文件不存在" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen) and app.draft is None


async def test_an_unreadable_word_file_is_a_problem_in_chinese_and_no_draft(tmp_path):
    bad = tmp_path / "坏的.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot, str(bad))
        assert isinstance(app.screen, ProblemScreen)
        lines = str(app.screen.query_one("#problem-lines", Static).render())
        assert "无法导入 坏的.docx" in screen_text(app)
        assert lines and not LATIN.search(lines.replace("docx", "").replace("Word", ""))
        assert app.draft is None and not list((tmp_path / "drafts").glob("*.yaml"))


async def test_reading_the_old_speech_runs_in_a_worker(tmp_path, monkeypatch):
    import threading

    threads = []

    def slow(path):
        threads.append(threading.current_thread() is threading.main_thread())
        return []
    monkeypatch.setattr(oldspeech, "read_old_speeches", slow)
    old = tmp_path / "旧稿.txt"
    old.write_text("讲话", encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot, str(old))
        assert threads == [False]
        assert isinstance(app.screen, ProblemScreen)  # nothing in the file: said so, in Chinese
        assert "没有找到讲话稿" in screen_text(app)


# ---------------------------------------------------------------- exports in a browser (drafter serve)

async def _export(app, pilot, target: Path) -> None:
    await settle(app, pilot)
    await pilot.press("f5")
    await settle(app, pilot)
    assert isinstance(app.screen, ExportScreen)
    app.screen.query_one("#export-path", Input).value = str(target)
    await pilot.press("enter")
    await settle(app, pilot)
    assert target.exists()


async def test_under_the_web_driver_an_export_is_also_offered_as_a_download(tmp_path, monkeypatch):
    spec = tmp_path / "spec.yaml"
    shutil.copy(FIXTURE, spec)
    app = _app(tmp_path, spec)
    delivered = []
    monkeypatch.setattr(DrafterApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_binary", lambda path, **kw: delivered.append((path, kw)))
    async with app.run_test(size=(80, 24)) as pilot:
        await _export(app, pilot, tmp_path / "讲话.docx")
        assert len(delivered) == 1
        path, kw = delivered[0]
        assert Path(path) == tmp_path / "讲话.docx" and kw["save_filename"] == "讲话.docx"
        assert "wordprocessingml" in kw["mime_type"]
        assert any("浏览器将下载" in n.message for n in app._notifications)


async def test_in_the_terminal_an_export_offers_no_download(tmp_path, monkeypatch):
    spec = tmp_path / "spec.yaml"
    shutil.copy(FIXTURE, spec)
    app = _app(tmp_path, spec)
    delivered = []
    monkeypatch.setattr(app, "deliver_binary", lambda path, **kw: delivered.append(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _export(app, pilot, tmp_path / "讲话.txt")
        assert delivered == []
        assert not any("浏览器" in n.message for n in app._notifications)
