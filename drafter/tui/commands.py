"""Command-palette provider: every action bound on the current screen, by its Chinese name.

It reads the screen's active bindings, so whatever the footer offers the
palette offers too (and the palette stays right as screens change).
"""

from __future__ import annotations

from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


# Textual's own screen keys (English descriptions); the F1 list names Tab itself.
_BUILTIN = {"command_palette", "app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit"}


def app_commands(screen: Screen) -> list[tuple[str, str, object, str]]:
    """(name, key, node, action) for each described, enabled app or screen binding."""
    return DrafterCommands._collect(screen)


class DrafterCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object, str]]:
        return self._collect(self.screen)

    @staticmethod
    def _collect(screen: Screen) -> list[tuple[str, str, object, str]]:
        """(name, key, node, action) for each described, enabled binding."""
        out, seen = [], set()
        for key, active in screen.active_bindings.items():
            b = active.binding
            if not b.description or not active.enabled or b.action in seen:
                continue
            if not isinstance(active.node, (App, Screen)):  # widgets' own keys (cursor moves…) stay out
                continue
            if b.action in _BUILTIN:
                continue
            seen.add(b.action)
            out.append((b.description, screen.app.get_key_display(b), active.node, b.action))
        return out

    def _run(self, node: object, action: str) -> None:
        self.app.call_later(self.app.run_action, action, node)

    async def discover(self) -> Hits:
        for name, key, node, action in self._commands():
            yield DiscoveryHit(name, partial(self._run, node, action), help=f"快捷键 {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, node, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, node, action), text=name,
                          help=f"快捷键 {key}")


def chinese_palette():
    """Textual's command palette, its one English line ("No matches found") in Chinese."""
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class ChinesePalette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show() -> None:
                if search_value:
                    self.query_one(CommandList).add_option(
                        Option(Align.center(Text("没有匹配的命令", style="not bold")), disabled=True,
                               id=self._NO_MATCHES))
                    self._list_visible = True
                else:
                    self._list_visible = False
            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)

    return ChinesePalette(id="--command-palette", placeholder="搜索命令……")
