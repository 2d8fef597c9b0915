"""A footer that fits the terminal: the screen's own keys first, app-wide keys as room allows.

At 80 columns not every key fits in one line. Rather than let Textual cut
the footer at the edge (losing whatever comes last), a `FittedScreen` hides
the least needed keys from the footer only, in a fixed order, until the rest
fit. Hidden keys still work and stay in the command palette and the F1 list,
which read the bindings without looking at `show`.
"""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer

# App-wide keys, least needed in the footer first: autosave makes ^S rare, ^Q is Textual's usual quit,
# and the screen switches go before export. F1 (the key list) is never hidden.
APP_DROP = ("home", "save", "quit", "goto('facts')", "goto('walker')", "goto('preview')", "export")
PALETTE_CELLS = 9  # the compact "▏^p 命令" docked on the right, and a spare cell


def footer(**kwargs) -> Footer:
    """The footer every main screen uses: compact, so more keys fit."""
    return Footer(compact=True, **kwargs)


def key_cells(key_display: str, description: str) -> int:
    """Cells one key takes in the compact footer: key, space, description, one cell of margin."""
    return cell_len(key_display) + (1 + cell_len(description) if description else 0) + 1


class FittedScreen(Screen):
    """A screen whose footer leaves out keys (see FOOTER_DROP, then APP_DROP) until it fits its width.

    Tab and Shift+Tab are priority keys here: the focus moves before the next key is dispatched, so
    what is typed right after Tab lands in the field Tab went to (a non-priority Tab is resolved after
    bubbling up, and fast typing reached the old widget meanwhile).
    """

    BINDINGS = [
        Binding("tab", "app.focus_next", "", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "", show=False, priority=True),
    ]

    FOOTER_HIDE: frozenset[str] = frozenset()  # never in this screen's footer (they do not apply here)
    FOOTER_DROP: tuple[str, ...] = ()  # this screen's own candidates, dropped before APP_DROP

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        shown: dict[str, int] = {}  # action -> cells, as the footer groups keys by action
        for active in bindings.values():
            b = active.binding
            if b.show and b.action not in shown and b.action not in self.FOOTER_HIDE:
                shown[b.action] = key_cells(self.app.get_key_display(b), b.description)
        room = self.app.size.width - PALETTE_CELLS
        hidden: set[str] = set(self.FOOTER_HIDE)
        for action in (*self.FOOTER_DROP, *APP_DROP):
            if sum(shown.values()) <= room:
                break
            if shown.pop(action, None) is not None:
                hidden.add(action)
        if not hidden:
            return bindings
        return {key: active._replace(binding=replace(active.binding, show=False))
                if active.binding.action in hidden else active for key, active in bindings.items()}

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh_bindings()  # the footer recomposes for the new width
