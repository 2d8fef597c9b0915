"""Snapshots of the main screens at 80x24 and 120x40 (pytest-textual-snapshot).

The app opens a copy of tests/tui_fixture_spec.yaml (fixed file name, no clock in view)
and a small fixed phrase bank, so the pictures change only when the UI does.
Regenerate with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.phrases.bank import parse_bank
from drafter.tui.app import DrafterApp

SPEC = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

BANK = """\
bank: snapshot
description: 快照测试用的小短语库
entries:
- id: snap-0001
  function: section.importance
  text: 做好{{ topic }}工作，是贯彻落实党中央决策部署的政治要求。
  tags: [通用]
- id: snap-0002
  function: section.importance
  text: 基础不牢，地动山摇。
  tags: [通用]
- id: snap-0003
  function: section.tasks
  text: 要在{{ scope }}上下形成一级抓一级、层层抓落实的工作格局。
  tags: [通用]
- id: snap-0004
  function: heading.pattern
  text: 提高站位，深刻认识做好{{ topic }}工作的重大意义
"""


def _banks():
    return [parse_bank(BANK, "snapshot.yaml")]


def _spec_app(tmp_path: Path) -> DrafterApp:
    spec = tmp_path / "spec.yaml"
    shutil.copy(SPEC, spec)
    return DrafterApp(spec, banks=_banks(), drafts_folder=tmp_path / "drafts")


def _ready(*keys: str):
    """run_before: press `keys`, wait for workers, stop cursor blink."""
    async def run(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await app.workers.wait_for_complete()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
        for w in app.screen.query("Input, TextArea"):
            w.cursor_blink = False
        app.clear_notifications()  # the fixture has a YAML comment: its one-time warning is not the screen
        await pilot.pause()
    return run


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_start_screen(snap_compare, tmp_path, size):
    app = DrafterApp(banks=_banks(), drafts_folder=tmp_path / "drafts")
    assert snap_compare(app, terminal_size=size, run_before=_ready())


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_facts_form(snap_compare, tmp_path, size):
    assert snap_compare(_spec_app(tmp_path), terminal_size=size, run_before=_ready("f2"))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_section_walker(snap_compare, tmp_path, size):
    assert snap_compare(_spec_app(tmp_path), terminal_size=size, run_before=_ready())


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_preview_and_budget(snap_compare, tmp_path, size):
    assert snap_compare(_spec_app(tmp_path), terminal_size=size, run_before=_ready("f4"))
