"""One window edits a draft at a time: `drafter tui`, the start screen and `drafter serve` all take
the spec's lock, so two windows never autosave over each other (`drafter.speclock`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from drafter import speclock
from drafter.errors import DraftInUseError
from drafter.tui.app import DrafterApp
from drafter.tui.chinese import explain
from drafter.tui.draft import Draft
from tui_support import screen_text, settle

from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no POSIX record locks")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "讲话.yaml"
    shutil.copyfile(ROOT / "examples" / "county-party-building.yaml", path)
    yield path
    speclock.release(path)


class Holder:
    """Another window's process: takes the spec's lock (as `drafter serve` does, then execs into the
    UI when `exec_into` is set) and keeps it until stopped."""

    def __init__(self, spec, exec_into: bool = False):
        take = "from drafter.speclock import try_lock; fd = try_lock(sys.argv[1]); "
        after_exec = ("import sys, time; from drafter.speclock import hold; "
                      "print('held' if hold(sys.argv[1]) else 'lost', flush=True); time.sleep(60)")
        if exec_into:
            code = (f"import os, sys; {take}os.set_inheritable(fd, True); "
                    f"os.execv(sys.executable, [sys.executable, '-c', {after_exec!r}, sys.argv[1]])")
        else:
            code = f"import sys, time; {take}print('held' if fd is not None else 'busy', flush=True); time.sleep(60)"
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(spec)], stdout=subprocess.PIPE, text=True,
                                     env={**os.environ})
        self.said = self.proc.stdout.readline().strip()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def test_another_process_cannot_hold_a_spec_until_the_holder_ends(spec):
    other = Holder(spec)
    try:
        assert other.said == "held"
        assert not speclock.hold(spec)
        assert speclock.hold(spec.parent / "另一份.yaml")  # other specs are free
    finally:
        other.stop()
        speclock.release(spec.parent / "另一份.yaml")
    assert speclock.hold(spec)


def test_release_keeps_the_lock_when_the_next_draft_is_the_same_file(spec):
    assert speclock.hold(spec)
    speclock.release(spec, keep=spec.parent / "." / spec.name)  # saved as itself: still ours
    other = Holder(spec)
    try:
        assert other.said == "busy"
    finally:
        other.stop()
    speclock.release(spec, keep=spec.parent / "另一份.yaml")  # moved on to another file: let go
    other = Holder(spec)
    try:
        assert other.said == "held"
    finally:
        other.stop()


def test_a_process_may_take_its_own_lock_again_and_release_frees_it(spec):
    assert speclock.hold(spec) and speclock.hold(spec.parent / "." / spec.name)
    other = Holder(spec)
    try:
        assert other.said == "busy"
    finally:
        other.stop()
    speclock.release(spec)
    other = Holder(spec)
    try:
        assert other.said == "held"
    finally:
        other.stop()


def test_the_lock_survives_exec_as_drafter_serve_hands_it_to_the_ui(spec):
    other = Holder(spec, exec_into=True)
    try:
        assert other.said == "held"  # the UI after exec re-takes its own lock
        assert not speclock.hold(spec)
    finally:
        other.stop()


def test_opening_a_draft_another_window_edits_is_refused_in_both_languages(spec):
    other = Holder(spec)
    try:
        with pytest.raises(DraftInUseError) as caught:
            Draft.open(spec)
    finally:
        other.stop()
    assert str(spec) in str(caught.value) and "open in another drafter window" in str(caught.value)
    assert "另一个窗口" in explain(caught.value) and "互相覆盖" in explain(caught.value)
    assert "Ctrl+Z" in str(caught.value) and "fg" in explain(caught.value)  # a suspended UI holds it too
    assert Draft.open(spec).path == spec  # free again once that window is closed


async def test_the_ui_says_in_chinese_that_the_draft_is_open_elsewhere_and_leaves_it_alone(spec, tmp_path):
    from drafter.tui.screens.export import ProblemScreen
    from drafter.tui.screens.start import StartScreen

    before = spec.read_bytes()
    other = Holder(spec)
    try:
        app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, ProblemScreen)
            text = screen_text(app)
            assert "无法打开 讲话.yaml" in text and "另一个窗口" in text
            assert app.draft is None
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, StartScreen)
            app.screen.open_path(spec)  # the start screen's 打开 takes the same way
            await settle(app, pilot)
            assert isinstance(app.screen, ProblemScreen) and app.draft is None
    finally:
        other.stop()
    assert spec.read_bytes() == before


async def test_switching_drafts_frees_the_first_for_other_windows(spec, tmp_path):
    second = tmp_path / "另一份.yaml"
    shutil.copyfile(spec, second)
    app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert app.draft is not None and app.draft.path == spec
            app.start_draft(Draft.open(second))
            await settle(app, pilot)
            other = Holder(spec)
            try:
                assert other.said == "held"  # the first draft is free for another window
            finally:
                other.stop()
            other = Holder(second)
            try:
                assert other.said == "busy"  # the one being edited is not
            finally:
                other.stop()
    finally:
        speclock.release(second)


async def test_quitting_the_ui_frees_the_draft(spec, tmp_path):
    app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.draft is not None
        await pilot.press("ctrl+q")
    other = Holder(spec)
    try:
        assert other.said == "held"
    finally:
        other.stop()
