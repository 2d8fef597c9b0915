"""The drafter App: shared state (draft, outlines, phrases), autosave, navigation.

Kept small on purpose: each step of the journey is a screen in `screens/`,
each feature a widget in `widgets/`, and the engine sits behind `engine.py`.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from drafter.errors import DrafterError
from drafter.tui import engine
from drafter.tui.commands import DrafterCommands
from drafter.tui.draft import Draft
from drafter.tui.messages import LengthsChanged, OutlinesLoaded, PhrasesLoaded, TitleChanged

AUTOSAVE_DELAY = 0.5  # seconds of quiet after an edit before the draft is written
SIGNAL_GRACE = 0.25  # seconds between SIGTERM/SIGHUP and the final save, for keys still being read
# Seconds from SIGTERM/SIGHUP to the end of the process, whatever the UI is doing: after a hang-up,
# Textual's shutdown can block for ever writing to the vanished terminal, holding the draft's lock.
SIGNAL_DEADLINE = 3.0


def _exit_after(seconds: float, code: int) -> None:
    """End the process in `seconds` even if the UI cannot: the draft is saved before this is armed,
    and the system frees the draft's lock as the process ends (a daemon timer: a clean exit first
    ends the process without waiting for it)."""
    import os
    import threading

    timer = threading.Timer(seconds, os._exit, (code,))
    timer.daemon = True
    timer.start()


class DrafterApp(App[int]):
    """讲话稿起草."""

    CSS_PATH = "app.tcss"
    TITLE = "讲话稿起草"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    COMMANDS = {DrafterCommands}  # our actions only, in Chinese (no English system commands)
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("f2", "goto('facts')", "要素", priority=True),
        Binding("f3", "goto('walker')", "撰写", priority=True),
        Binding("f4", "goto('preview')", "预览", priority=True),
        Binding("f5", "export", "导出", priority=True),
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+w", "home", "首页", priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
        Binding("f1", "toggle_keys", "按键", priority=True),
    ]

    def __init__(self, spec: str | Path | None = None, *, outlines: dict[str, engine.OutlineView] | None = None,
                 banks: list[Any] | None = None, drafts_folder: Path | None = None):
        super().__init__()
        self.spec_path = Path(spec) if spec else None
        self.outlines: dict[str, engine.OutlineView] = outlines or {}
        self._given_outlines = outlines is not None
        self.banks = banks
        self.phrases: engine.PhraseIndex | None = None
        self.drafts_folder = drafts_folder
        self.draft: Draft | None = None
        self._save_timer: Timer | None = None
        self._facts_seen: dict[str, Any] = {}
        self.derived_title = ""
        self.outlines_loaded = False
        self._signals: list = []
        self.export_folder: Path | None = None  # F5 offers the folder of the last export
        self.save_failed = False  # the last autosave failed: say so until one succeeds; quitting asks first
        self.lengths = None  # budget.Budget of the draft as rendered (walker and preview show its figures)
        self.lengths_map: dict[int, int] = {}  # draft top-level index -> index in lengths.sections
        self.import_updates: dict[Path, list[str]] = {}  # draft path -> what its old speech needs updated

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        from drafter.tui.screens.start import StartScreen

        if self.spec_path is None:
            self.push_screen(StartScreen())
        self._catch_signals()
        self.load_engine()

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a kill (SIGTERM) saves the draft before exiting."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for sig, code in ((getattr(signal, "SIGHUP", None), 129), (signal.SIGTERM, 143)):
            if sig is None:
                continue
            try:
                loop.add_signal_handler(sig, self._on_signal, code)
                self._signals.append((loop, sig))
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread, or a platform without them: the autosave still runs

    def _on_signal(self, code: int) -> None:
        """Save at once, then once more behind the keys already typed (queued in the app, then in the
        focused widget), so a kill right after typing keeps the last keystrokes; then exit."""
        self.save_now()
        _exit_after(SIGNAL_DEADLINE, code)
        # Keys typed just before may still be unread from the terminal: give the input thread a
        # moment (well inside any kill grace period), then go behind whatever it queued.
        self.set_timer(SIGNAL_GRACE, lambda: self.call_later(self._signal_behind_keys, code))

    def _signal_behind_keys(self, code: int) -> None:
        focused = self.focused
        if focused is not None:
            focused.call_later(self._save_and_exit, code)
        else:
            self._save_and_exit(code)

    def _save_and_exit(self, code: int) -> None:
        self.save_now()
        self.exit(code)

    def _handle_exception(self, error: Exception) -> None:
        """A bug must not cost the writer's text: save first, then let Textual report it."""
        try:
            self.save_now()
        except Exception:  # noqa: BLE001 - the original error matters more
            pass
        super()._handle_exception(error)

    @work(thread=True, exclusive=True, group="engine")
    def load_engine(self) -> None:
        """Outlines, then the phrase index (it may load jieba): off the UI thread."""
        from drafter.tui.chinese import explain
        if not self._given_outlines:
            try:
                outlines = engine.load_outline_views()
            except DrafterError as exc:
                self.call_from_thread(self.show_error, exc)
                outlines = {}
            self.call_from_thread(self._outlines_ready, outlines)
        else:
            self.call_from_thread(self._outlines_ready, self.outlines)
        try:
            banks = self.banks if self.banks is not None else engine.load_banks()
            index = engine.PhraseIndex(banks)
            index.warm()
            # The banks and their index live as long as the app: out of the garbage collector's sight, a
            # 100,000-entry bank no longer makes a full collection pause the UI mid-keystroke.
            gc.freeze()
        except DrafterError as exc:
            self.call_from_thread(self.notify, f"短语库不可用：{explain(exc)}", severity="warning")
            return
        self.call_from_thread(self._phrases_ready, index)

    def _outlines_ready(self, outlines: dict[str, engine.OutlineView]) -> None:
        self.outlines = outlines
        self.outlines_loaded = True
        if self.spec_path is not None and self.draft is None:
            try:
                draft = Draft.open(self.spec_path)
            except DrafterError as exc:
                from drafter.tui.screens.start import StartScreen
                self.push_screen(StartScreen())
                self.show_problem(f"无法打开 {self.spec_path.name}", exc)
                self.screen.post_message(OutlinesLoaded())
                return
            self.start_draft(draft)
        self.screen.post_message(OutlinesLoaded())

    def _phrases_ready(self, index: engine.PhraseIndex) -> None:
        self.phrases = index
        if self.banks is None:
            self.banks = index.banks  # render phrase references with the same banks
        self.screen.post_message(PhrasesLoaded())

    # ------------------------------------------------------------------ the draft

    @property
    def outline(self) -> engine.OutlineView | None:
        return self.outlines.get(self.draft.outline_id) if self.draft else None

    def start_draft(self, draft: Draft, screen: str = "walker") -> None:
        """Make `draft` the current one and show it."""
        from drafter import speclock

        if self.draft is not None:
            self.save_now()
            speclock.release(self.draft.path, keep=draft.path)  # another window may edit it now
        speclock.hold(draft.path)  # a new draft's file too (an opened one holds it already)
        self.draft = draft
        outline = self.outlines.get(draft.outline_id)
        if outline is not None:
            draft.merge_skeleton([s.role for s in outline.sections])
        draft.listeners.append(lambda _d: self.schedule_save())
        if draft.has_comments:
            self.notify("保存时将按规范格式重写，文件中的注释不会保留"
                        f"（首次保存前原文件备份为 {draft.backup_path().name}）",
                        title="提示", severity="warning", timeout=10)
        if draft.dirty:
            self.save_now()
        self.sub_title = draft.path.name
        self.lengths, self.lengths_map = None, {}
        self.refresh_title()
        self.refresh_lengths()
        self.goto(screen)

    def schedule_save(self) -> None:
        """Debounced autosave: written AUTOSAVE_DELAY after the last edit."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save_now)
        if self.draft is not None:
            self.sub_title = f"编辑中 · {self.draft.path.name}"
        if self.draft is not None and self.draft.facts != self._facts_seen:
            self.refresh_title()  # only facts feed the title

    def save_now(self, force: bool = False) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.draft is None:
            return
        try:
            flush = getattr(self.screen, "flush_editor", None)
            if flush is not None:
                flush()  # what the editor shows, even if its change events are still queued
        except Exception:  # noqa: BLE001 - no screen, or one being torn down: the draft has the last event's text
            pass
        if self.draft.dirty:
            self.refresh_lengths()
        try:
            if self.draft.save(force=force):
                self.sub_title = f"已自动保存 · {self.draft.path.name}"  # the status first: a long name is cut, not it
                if self.save_failed:
                    self.save_failed = False
                    self.notify(f"已保存：{self.draft.path}", title="保存成功")
        except (DrafterError, OSError) as exc:
            self._save_failed(exc)

    def _save_failed(self, exc: Exception) -> None:
        """Say so in Chinese, keep it in the header, and offer another place to save (Ctrl+S)."""
        from drafter.tui.chinese import explain

        self.save_failed = True
        if getattr(self, "_closing", False):
            return
        self.sub_title = "⚠ 未能保存，按 Ctrl+S 另存"
        self.notify(f"{explain(exc) if isinstance(exc, DrafterError) else '无法写入文件'}\n修改尚未保存；"
                    "按 Ctrl+S 另存到其他位置", title="自动保存失败", severity="error", timeout=15)
        # No dialog pops up by itself: it would take the keys the writer is typing.

    def save_as(self) -> None:
        """Ask for another file for the draft (after a failed save, or Ctrl+S then)."""
        from drafter.tui.screens.export import SaveAsScreen

        if self.draft is None or isinstance(self.screen, SaveAsScreen):
            return

        def chosen(path: Path | None) -> None:
            if path is None or self.draft is None:
                return
            from drafter import speclock

            if not speclock.hold(path):  # saving over a draft another window is editing
                self.notify(f"{path.name} 正在另一个窗口或标签页中编辑，请另选文件名", title="无法另存",
                            severity="error", timeout=10)
                self.save_as()
                return
            speclock.release(self.draft.path, keep=path)
            self.draft.path = path
            self.draft.backup_pending = False  # a new file: nothing there to back up
            self.draft.dirty = True
            self.save_now()
            if self.save_failed:
                self.save_as()
        self.push_screen(SaveAsScreen(self.draft.path), chosen)

    def refresh_title(self) -> None:
        """The speech title from facts, or derived by the outline (rendered in a worker)."""
        if self.draft is None:
            return
        self._facts_seen = dict(self.draft.facts)
        title = self.draft.facts.get("title")
        if title:
            self._set_title(str(title))
        else:
            self._derive_title(engine.lenient_data(self.draft.spec_data(), self.outline), dict(self.draft.facts))

    def refresh_lengths(self) -> None:
        """Recompute the length budget (in a worker): the walker's and the preview's one source of figures."""
        if self.draft is None:
            return
        kept = self.draft.kept_points()
        self._compute_lengths(engine.lenient_data(self.draft.spec_data(), self.outline), kept,
                              [self._weight(self.draft.sections[i]) for i in kept])

    def _weight(self, section: dict) -> int | None:
        view = self.outline.section_for(section.get("role")) if self.outline else None
        return view.target_chars if view else None

    @work(thread=True, exclusive=True, group="lengths")
    def _compute_lengths(self, data: dict[str, Any], kept: list[int], weights: list[int | None]) -> None:
        from drafter.tui.budget import speech_budget

        try:
            speech = engine.render(data, self.outlines, self.banks)
        except Exception:  # noqa: BLE001 - an incomplete draft: keep the last figures
            return
        budget = speech_budget(speech, data.get("targets"), weights)
        self.call_from_thread(self._lengths_ready, budget, kept)

    def _lengths_ready(self, budget, kept: list[int]) -> None:
        self.lengths = budget
        self.lengths_map = {d: i for i, d in enumerate(kept) if i < len(budget.sections)}
        self.screen.post_message(LengthsChanged())

    def point_length(self, index: int):
        """(chars, target chars) of top-level point `index` as the preview counts them, or None."""
        if self.lengths is None or index not in self.lengths_map:
            return None
        s = self.lengths.sections[self.lengths_map[index]]
        return s.chars, s.target_chars

    @work(thread=True, exclusive=True, group="title")
    def _derive_title(self, data: dict[str, Any], facts: dict[str, Any]) -> None:
        try:
            title = engine.render(data, self.outlines, self.banks).title
        except (DrafterError, Exception):  # incomplete facts: keep the last good title
            return
        self.call_from_thread(self._set_title, engine.bracket_stand_ins(title, self.outline, facts))

    def _set_title(self, title: str) -> None:
        if title != self.derived_title:
            self.derived_title = title
            self.title = title or self.TITLE
            self.screen.post_message(TitleChanged(title))

    # ------------------------------------------------------------------ navigation and actions

    def goto(self, name: str) -> None:
        from drafter.tui.screens.facts import FactsScreen
        from drafter.tui.screens.preview import PreviewScreen
        from drafter.tui.screens.walker import WalkerScreen

        if self.draft is None:
            self.notify("请先选择讲话类型或打开文件", severity="warning")
            return
        screens = {"facts": FactsScreen, "walker": WalkerScreen, "preview": PreviewScreen}
        screen = screens[name]()
        # Only one workspace screen on the stack, above the start screen (or the default one).
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2 and not getattr(self.screen, "IS_START", False):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_goto(self, name: str) -> None:
        self.goto(name)

    def action_home(self) -> None:
        """Back to the start screen (the draft saved and closed), without quitting."""
        from drafter.tui.screens.start import StartScreen

        if getattr(self.screen, "IS_START", False):
            return
        self.save_now()
        self.draft = None
        self.sub_title = ""
        self.derived_title = ""
        self.title = self.TITLE
        while len(self.screen_stack) > 1 and not getattr(self.screen, "IS_START", False):
            self.pop_screen()
        if not getattr(self.screen, "IS_START", False):
            self.push_screen(StartScreen())

    def action_export(self) -> None:
        from drafter.tui.screens.export import ExportScreen

        if self.draft is None:
            self.notify("请先选择讲话类型或打开文件", severity="warning")
            return
        self.push_screen(ExportScreen())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from drafter.tui.commands import chinese_palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(chinese_palette())

    def action_toggle_keys(self) -> None:
        from drafter.tui.screens.keys import KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.pop_screen()
        else:
            self.push_screen(KeysScreen(self.screen))

    def action_save(self) -> None:
        if self.draft is None:
            return
        if self.save_failed:
            self.save_as()
            return
        self.draft.dirty = True
        self.save_now()
        if not self.save_failed:
            self.notify(f"已保存：{self.draft.path}")

    def action_help_quit(self) -> None:
        """Ctrl+C copies in text fields; elsewhere tell the writer (in Chinese) how to quit."""
        self.notify("按 Ctrl+Q 退出（草稿已自动保存）", title="要退出吗？")

    async def action_quit(self) -> None:
        """Quit after saving; if the draft cannot be saved, quit only when the writer confirms."""
        from drafter.tui.screens.export import ConfirmScreen

        self.save_now()
        if not self.save_failed or self.draft is None:
            self.exit(0)
            return

        def answer(ok: bool | None) -> None:
            if ok:
                self.exit(0)
        self.push_screen(ConfirmScreen("草稿未能保存，现在退出会丢失修改。\n按 N 返回后可用 Ctrl+S 另存到其他位置。"
                                       "仍要退出吗？", "不保存退出"), answer)

    def on_unmount(self) -> None:
        self._closing = True
        self.save_now()
        if self.draft is not None:
            from drafter import speclock

            speclock.release(self.draft.path)  # saved: other windows may open it now
        for loop, sig in self._signals:
            try:
                loop.remove_signal_handler(sig)
            except (RuntimeError, ValueError):
                pass

    def show_problem(self, title: str, exc: Exception) -> None:
        """A problem shown until the writer dismisses it, every line in Chinese."""
        from drafter.tui.chinese import explain_lines
        from drafter.tui.screens.export import ProblemScreen

        self.push_screen(ProblemScreen(title, explain_lines(exc, with_path=False)))

    def show_error(self, exc: Exception) -> None:
        """A problem as a toast, in Chinese (the engine's English never reaches the writer)."""
        from drafter.tui.chinese import explain, title_of

        self.notify(explain(exc), title=title_of(exc), severity="error", timeout=8)

