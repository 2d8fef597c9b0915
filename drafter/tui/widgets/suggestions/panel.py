"""Suggestions for the current point: heading patterns, then ranked phrases; a search box narrows them."""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from drafter.tui.engine import Suggestion, show_slots
from drafter.tui.linebreak import wrap_offsets


def broken(mark: str, text: str, width: int) -> str:
    """`text` with line breaks where an option of `width` cells starting with `mark` wraps, 避头尾
    applied (no line starts with 、，。 or ends with “（); unchanged when it fits or the width is unknown."""
    if width <= 0:
        return text
    cuts = wrap_offsets(text, width, indent=cell_len(mark))
    if not cuts:
        return text
    return "\n".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]))


class SearchInput(Input):
    """The search box. Textual's Input sets its virtual width to the query's on every key, which lays out
    the whole screen (an extra frame before the results); here that width only repaints the box: its
    own scrolling reads the width directly, and nothing else on the screen depends on it."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answer: Callable[[str], None] | None = None  # set by the screen: search a query, show the results

    def watch_value(self, value: str) -> None:
        """Answer a typed query while its key is handled, so the character and its results are drawn in
        one frame. With more keys queued behind it (an IME commits a word as several keys) this waits for
        the last one; the query left unanswered here goes the usual way, by Input.Changed."""
        # Queued by this key: a Prompt (idle check) and our Changed. More here, or events waiting in the
        # app (keys typed during the last search), means newer keys are on their way: leave it to them.
        if self.answer is not None and value.strip() and self.message_queue_size <= 2 \
                and not self.app.message_queue_size:
            self.answer(value)


class SuggestionList(OptionList):
    """The suggestions. Its size is set by the panel, never by its content, so a new list only repaints it:
    the height of its content scrolls inside (Textual would lay out the whole screen for it on every key).
    A scrollbar coming or going still lays out, as it changes the width of the rows."""

    virtual_size = Reactive(Size(0, 0), layout=False)


class SuggestionsPanel(Vertical):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: list[Suggestion] = []
        self.shown = 0  # how many times the list was refilled
        self.answered: str | None = None  # the search query the items answer ("" none; the bench waits on it)
        self.labels: dict[str, str] = {}  # slot name -> field label, for slots without a fact

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="搜索短语（Ctrl+F）", id="phrase-search", compact=True)
        yield SuggestionList(id="suggestions")

    @property
    def query_text(self) -> str:
        return self.query_one("#phrase-search", Input).value

    def show(self, items: list[Suggestion], note: str = "", query: str = "") -> None:
        """Refill the list. Only the options that can fill the view are measured before the next frame
        (each option is at least one line); the rest follow right after it is drawn."""
        self.items = items
        ol = self.query_one("#suggestions", OptionList)
        first = max(ol.size.height, 1) + 1
        width = self._text_width()
        options = [self._option(i, s, width) for i, s in enumerate(items[:first])]
        if not options:
            options = [Option(Content.styled(note or "（没有建议）", "dim"), id="none", disabled=True)]
        ol.set_options(options)  # a new list: no highlight is carried over to a different item
        if items and ol.has_focus:
            ol.highlighted = 0
        self.border_subtitle = note if items else ""
        self.shown += 1
        self.answered = query
        if len(items) > first:
            self.call_after_refresh(self._show_rest, self.shown, first)

    def _show_rest(self, shown: int, first: int) -> None:
        if shown == self.shown:  # else a newer list has replaced this one
            width = self._text_width()
            self.query_one("#suggestions", OptionList).add_options(
                self._option(i, s, width) for i, s in enumerate(self.items[first:], first))

    def _option(self, i: int, s: Suggestion, width: int) -> Option:
        """Content, not rich Text: nothing to convert on every keystroke. Lines are broken here, with
        避头尾 (Textual would start a line with 、 or ，), to the `width` the list gives an option's text."""
        mark, style = ("【标题】", "bold ansi_cyan") if s.kind == "heading" else ("·", "dim")
        text = broken(mark, show_slots(s.text, self.labels), width)
        return Option(Content.assemble((mark, style), text), id=f"s{i}")

    def _text_width(self) -> int:
        """Cells an option's text may use: the list's width less the option's padding, and less a
        scrollbar not shown yet (a long list brings one, and every option would then re-wrap)."""
        ol = self.query_one("#suggestions", OptionList)
        width = ol.scrollable_content_region.width - ol.get_component_styles("option-list--option").padding.width
        if not ol.show_vertical_scrollbar:
            width -= ol.styles.scrollbar_size_vertical
        return max(width, 0)

    def on_resize(self) -> None:
        if self.items:  # the breaks were made for the old width
            self.show(self.items, str(self.border_subtitle or ""), self.answered or "")

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
