"""Suggestions for the current point: heading patterns, then ranked phrases; a search box narrows them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from drafter.tui.engine import Suggestion, show_slots


class SuggestionsPanel(Vertical):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: list[Suggestion] = []
        self.shown = 0  # how many times the list was refilled (the bench waits on it)
        self.labels: dict[str, str] = {}  # slot name -> field label, for slots without a fact

    def compose(self) -> ComposeResult:
        yield Input(placeholder="搜索短语（Ctrl+F）", id="phrase-search", compact=True)
        yield OptionList(id="suggestions")

    @property
    def query_text(self) -> str:
        return self.query_one("#phrase-search", Input).value

    def show(self, items: list[Suggestion], note: str = "") -> None:
        self.items = items
        ol = self.query_one("#suggestions", OptionList)
        options = []
        for i, s in enumerate(items):
            t = Text()
            t.append("【标题】" if s.kind == "heading" else "·", style="bold cyan" if s.kind == "heading" else "dim")
            t.append(show_slots(s.text, self.labels))
            options.append(Option(t, id=f"s{i}"))
        if not options:
            options = [Option(Text(note or "（没有建议）", style="dim"), id="none", disabled=True)]
        ol.set_options(options)  # a new list: no highlight is carried over to a different item
        if items and ol.has_focus:
            ol.highlighted = 0
        self.border_subtitle = note if items else ""
        self.shown += 1

    def on_descendant_focus(self, event) -> None:
        """Entering the list highlights its first item, so Enter inserts at once."""
        ol = self.query_one("#suggestions", OptionList)
        if event.widget is ol and ol.highlighted is None and self.items:
            ol.highlighted = 0

    def selected(self, option_id: str | None) -> Suggestion | None:
        if not option_id or not option_id.startswith("s"):
            return None
        i = int(option_id[1:])
        return self.items[i] if i < len(self.items) else None
