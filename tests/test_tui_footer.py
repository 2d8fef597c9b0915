"""The footer fits an 80-column terminal on every main screen; keys it leaves out stay in F1 and the palette."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from drafter.phrases.bank import parse_bank
from drafter.tui.app import DrafterApp
from drafter.tui.commands import app_commands
from tui_support import settle, screen_text

SPEC = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
BANK = "bank: t\ndescription: 测试\nentries:\n- id: t-0001\n  function: section.importance\n  text: 基础不牢，地动山摇。\n"
APP_KEYS = {"home", "quit", "goto('facts')", "goto('walker')", "goto('preview')", "export", "save", "toggle_keys"}


def _footer_keys(app) -> list[FooterKey]:
    footer = app.screen.query_one(Footer)
    return [k for k in footer.query(FooterKey) if "-command-palette" not in k.classes]


def _assert_fits(app, must_show: set[str]) -> set[str]:
    footer = app.screen.query_one(Footer)
    keys = _footer_keys(app)
    palette = footer.query_one(".-command-palette", FooterKey)
    assert footer.virtual_size.width <= footer.size.width  # nothing scrolled off the right edge
    for key in keys:
        assert key.region.width > 0 and key.region.right <= palette.region.x, key.description
    shown = {k.action for k in keys}
    assert must_show <= shown, must_show - shown
    bottom = screen_text(app).splitlines()[-1]
    for key in keys:
        assert key.description in bottom  # drawn in full, not clipped
    # Whatever the footer leaves out is still an F1 / palette command.
    commands = {action for _name, _key, _node, action in app_commands(app.screen)}
    assert APP_KEYS <= commands
    assert shown <= commands
    return shown


def _spec_app(tmp_path) -> DrafterApp:
    spec = tmp_path / "spec.yaml"
    shutil.copy(SPEC, spec)
    return DrafterApp(spec, banks=[parse_bank(BANK, "t.yaml")], drafts_folder=tmp_path / "drafts")


async def test_start_screen_footer_fits_80_columns(tmp_path):
    app = DrafterApp(banks=[parse_bank(BANK, "t.yaml")], drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = _assert_fits(app, {"open", "resume", "toggle_keys"})
        assert not shown & {"goto('facts')", "goto('walker')", "goto('preview')", "export", "save"}  # no draft yet


@pytest.mark.parametrize("key, must_show", [
    ("f2", {"goto('walker')", "goto('preview')", "export", "toggle_keys"}),
    ("f4", {"refresh_preview", "goto('facts')", "goto('walker')", "export", "toggle_keys"}),
])
async def test_facts_and_preview_footers_show_the_screen_switches_at_80_columns(tmp_path, key, must_show):
    app = _spec_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        _assert_fits(app, must_show)


async def test_walker_footer_shows_every_point_key_at_80_columns(tmp_path):
    app = _spec_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.current == (0,)
        _assert_fits(app, {"add_point", "add_child", "remove", "move(-1)", "move(1)", "search", "toggle_keys"})
        app.screen.select("opening")
        await settle(app, pilot)
        _assert_fits(app, {"add_point", "search", "reset_formula", "use_formula", "toggle_keys"})


async def test_a_wide_terminal_footer_shows_the_screen_switches_on_the_walker_too(tmp_path):
    app = _spec_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        _assert_fits(app, {"add_point", "move(1)", "goto('facts')", "goto('preview')", "export", "toggle_keys"})


async def test_footer_refits_when_the_terminal_is_resized(tmp_path):
    app = _spec_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        _assert_fits(app, {"add_point", "move(-1)", "move(1)", "toggle_keys"})
