"""The phrase search box: each key's results reach the screen at once, and never an older query's."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.geometry import Region
from textual.widgets import Input, OptionList

from drafter.tui.app import DrafterApp
from drafter.tui.engine import show_slots
from drafter.tui.widgets.suggestions.panel import SearchInput, SuggestionsPanel
from tui_support import screen_text, settle

ROOT = Path(__file__).resolve().parents[1]
LONG_QUERY = "党的基层组织是党的全部工作和战斗力的基础基础不牢地动山摇要在全县上下形成一级抓一级层层抓落实"


def _app(tmp_path: Path) -> DrafterApp:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes((ROOT / "examples" / "county-party-building.yaml").read_bytes())
    return DrafterApp(spec, drafts_folder=tmp_path / "drafts")


class _SearchOnly(App):
    CSS = "SearchInput { width: 30; height: 1; }"

    def compose(self):
        yield SearchInput(id="q", compact=True)
        yield OptionList("一", "二")


async def test_typing_in_the_search_box_lays_out_nothing_and_keeps_the_cursor_in_view():
    app = _SearchOnly()
    async with app.run_test(size=(80, 24)) as pilot:
        layouts = []
        screen = app.screen
        refresh_layout = screen._refresh_layout
        screen._refresh_layout = lambda *a, **k: (layouts.append(1), refresh_layout(*a, **k))[1]
        await pilot.press(*LONG_QUERY)  # twice as wide as the box
        await pilot.pause()
        box = app.query_one(SearchInput)
        shown = box.render_lines(Region(0, 0, 30, 1))[0].text
        assert box.value == LONG_QUERY
        assert LONG_QUERY[-8:] in shown  # scrolled to the cursor at the end
        assert len(layouts) <= 1, f"{len(layouts)} screen layouts for {len(LONG_QUERY)} keys"
        await pilot.press("home")
        await pilot.pause()
        assert box.render_lines(Region(0, 0, 30, 1))[0].text.startswith(LONG_QUERY[:8])


async def test_each_key_in_the_search_box_is_answered_without_waiting_for_a_worker(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        app.screen.query_one("#phrase-search", Input).focus()
        await pilot.pause()
        started = []
        rank = app.screen._rank
        app.screen._rank = lambda *a: (started.append(a[-1]), rank(*a))
        for typed in ("基", "基层"):
            await pilot.press(typed[-1])
            assert panel.answered == typed  # no worker to wait for: the answer is there when the key is
            assert any(typed in s.raw for s in panel.items)
        assert started == []
        await pilot.press("backspace", "backspace")  # an empty query ranks the point again (a worker)
        await settle(app, pilot)
        assert panel.answered == "" and started


async def test_keys_typed_together_are_searched_once_for_the_whole_query(tmp_path):
    """An IME commits a word as several keys at once: only the word is searched, not each prefix."""
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#phrase-search", Input).focus()
        await pilot.pause()
        asked = []
        suggest = app.phrases.suggest
        app.phrases.suggest = lambda role, topic, heading="", query="", *a, **k: (
            asked.append(query), suggest(role, topic, heading, query, *a, **k))[1]
        for ch in "党建工作":
            app._driver.send_message(events.Key(ch, ch))
        await settle(app, pilot)
        assert app.screen.query_one(SuggestionsPanel).answered == "党建工作"
        assert asked == ["党建工作"]


async def test_an_answer_for_an_older_query_is_never_drawn_over_the_newer_one(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#phrase-search", Input).focus()
        await pilot.press(*"基层")
        await settle(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        newer = list(panel.items)
        older = app.screen._suggestions(None, (), dict(app.draft.facts), [], "", "基")[0]
        assert older != newer
        app.screen._show(older, "", "基")  # e.g. a ranking worker finishing late
        await settle(app, pilot)
        assert panel.items == newer and panel.answered == "基层"


async def test_a_refilled_list_scrolls_to_its_last_item_and_its_scrollbar_follows_its_length(tmp_path):
    """The list repaints without a screen layout: its scrolling and scrollbar must still fit each new list."""
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        ol = app.screen.query_one("#suggestions", OptionList)
        search = app.screen.query_one("#phrase-search", Input)
        search.focus()
        await pilot.press(*"无此短语")
        await settle(app, pilot)
        assert ol.option_count == 1 and not ol.show_vertical_scrollbar  # 没有匹配的短语
        await pilot.press(*["backspace"] * 4)
        await settle(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        assert len(panel.items) > 10 and ol.show_vertical_scrollbar
        assert ol.option_count == len(panel.items)  # the options past the view follow the first frame
        ol.focus()
        ol.highlighted = ol.option_count - 1
        await settle(app, pilot)
        assert ol.scroll_y > 0 and ol.scroll_y <= ol.max_scroll_y
        last = show_slots(panel.items[-1].text, panel.labels)
        assert last[:10] in screen_text(app).replace(" ", "")
