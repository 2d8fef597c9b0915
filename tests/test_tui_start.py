"""The start screen groups speech types by family and stays usable at 80x24 with about 20 of them."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from textual.widgets import OptionList

from drafter.phrases.bank import parse_bank
from drafter.tui import engine
from drafter.tui.app import DrafterApp
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.start import FAMILIES, outline_groups
from tui_support import screen_text, settle

BANK = "bank: t\ndescription: 测试\nentries:\n- id: t-0001\n  function: section.importance\n  text: 基础不牢，地动山摇。\n"


def _twenty() -> dict[str, engine.OutlineView]:
    real = engine.load_outline_views()["work-meeting"]
    out = {}
    for i in range(20):
        family = FAMILIES[i % len(FAMILIES)]
        raw = SimpleNamespace(**{k: getattr(real.raw, k) for k in vars(real.raw)}) if hasattr(real.raw, "__dict__") \
            else real.raw
        view = dataclasses.replace(real, id=f"type-{i:02d}", name=f"第{i + 1}种讲话（{family}）")
        view.raw = SimpleNamespace(family=family, inner=raw)
        out[view.id] = view
    return out


def test_outlines_without_a_family_make_one_group():
    views = list(engine.load_outline_views().values())
    groups = outline_groups([dataclasses.replace(v, raw=None) for v in views])
    assert len(groups) == 1 and len(groups[0][1]) == len(views)


def test_outlines_are_grouped_in_the_family_order():
    groups = outline_groups(list(_twenty().values()))
    assert [f for f, _ in groups] == list(FAMILIES)
    assert sum(len(m) for _, m in groups) == 20


async def test_twenty_types_at_80x24_are_grouped_and_reachable_by_keys(tmp_path):
    outlines = _twenty()
    app = DrafterApp(outlines=outlines, banks=[parse_bank(BANK, "t.yaml")], drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        ol = app.screen.query_one("#outline-list", OptionList)
        assert "— 会议讲话 —" in screen_text(app)
        assert ol.highlighted_option.id == "type-00"  # a type, not a family heading
        for _ in range(19):
            await pilot.press("down")
        await settle(app, pilot)
        assert ol.highlighted_option.id is not None and ol.highlighted_option.id.startswith("type-")
        name = outlines[ol.highlighted_option.id].name
        assert name in screen_text(app)  # scrolled into view at 80x24
        assert screen_text(app).splitlines()[-1].strip()  # the footer is still there
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FactsScreen)
