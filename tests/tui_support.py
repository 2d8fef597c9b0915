"""Helpers shared by the TUI tests: start the app quietly and drive it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from drafter.tui.app import DrafterApp


def make_app(tmp_path: Path, spec: Path | None = None) -> DrafterApp:
    app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
    return app


async def settle(app, pilot) -> None:
    """Let messages, timers and workers finish."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """The visible screen as plain text (what a writer would read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def choose_outline(app, pilot, outline_id: str) -> None:
    ol = app.screen.query_one("#outline-list", OptionList)
    ids = [ol.get_option_at_index(i).id for i in range(ol.option_count)]
    ol.focus()
    ol.highlighted = ids.index(outline_id)
    await pilot.press("enter")
    await settle(app, pilot)


async def open_walker(app, pilot, outline_id: str = "work-meeting", facts: dict[str, str] | None = None) -> None:
    """From the start screen: a new draft of `outline_id`, `facts` typed into the form, then
    the section walker (F3)."""
    await settle(app, pilot)
    await choose_outline(app, pilot, outline_id)
    for name, value in (facts or {}).items():
        await type_into(app, pilot, f"#fact-{name}", value)
    await pilot.press("f3")
    await settle(app, pilot)


async def type_into(app, pilot, selector: str, text: str) -> None:
    widget = app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    for ch in text:
        if ch.isalnum() or ch in "-":
            await pilot.press(ch)
        elif isinstance(widget, Input):  # Pilot cannot press CJK punctuation keys: type them as text
            widget.insert_text_at_cursor(ch)
        else:
            widget.insert(ch)
    await pilot.pause()


def option_index(app, selector: str, predicate) -> int:
    ol = app.screen.query_one(selector, OptionList)
    for i in range(ol.option_count):
        if predicate(i):
            return i
    raise AssertionError(f"no matching option in {selector}")
