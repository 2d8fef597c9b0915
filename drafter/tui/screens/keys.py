"""F1: every key of the current screen and the app, with its Chinese name."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from drafter.tui.commands import app_commands

EXTRA = [("Tab / Shift+Tab", "在各栏之间切换"), ("回车", "选定：新建、打开要点、插入建议"),
         ("↑ ↓", "在列表中移动"), ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（标题、正文、插入、增删移动）")]


class KeysScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1", "app.pop_screen", "关闭")]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for name, key, _node, _action in app_commands(self.under):
            table.add_row(key, name)
        for key, name in EXTRA:
            table.add_row(key, name)
        with VerticalScroll(classes="dialog"):
            yield Label("按键一览（Esc 关闭）", classes="pane-title")
            yield Static(table)
