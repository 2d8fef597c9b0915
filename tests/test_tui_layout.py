"""Display at 80, 100 and 120 columns: 避头尾 line breaking, headings that use the width, nothing hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from textual.widgets import OptionList, TextArea

from drafter.phrases.bank import parse_bank
from drafter.tui.app import DrafterApp
from drafter.tui.linebreak import NO_END, NO_START, wrap_lines
from tui_support import screen_text, settle

FIXTURE = Path(__file__).resolve().parent / "tui_fixture_spec.yaml"
PUNCT = "党的基层组织是党的全部工作和战斗力的基础，基础不牢，地动山摇。各级党组织要把抓基层、打基础作为长远之计" \
        "（固本之举），切实把思想和行动统一到“县委的部署要求”上来。"
BANK = "bank: t\ndescription: 测试\nentries:\n- id: t-0001\n  function: section.importance\n  text: 基础不牢，地动山摇。\n"


@settings(max_examples=200, derandomize=True)
@given(text=st.text(alphabet="党建工作，。、；：（）“”《》abc ", max_size=120), width=st.integers(4, 40))
def test_wrapped_lines_fit_and_obey_kinsoku_where_possible(text, width):
    lines = wrap_lines(text, width)
    assert "".join(lines) == text  # nothing lost or added
    def forbidden(k: int) -> bool:
        return text[k] in NO_START or text[k - 1] in NO_END

    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line))
    for i, line in enumerate(lines):
        assert cell_len(line) <= width
        if i and forbidden(starts[i]):  # kept only when no break inside the line before was allowed
            assert all(forbidden(k) for k in range(starts[i - 1] + 1, starts[i])), lines


def test_the_seed_sentence_never_starts_a_line_with_a_comma():
    for width in range(8, 60):
        for line in wrap_lines(PUNCT, width)[1:]:
            assert line[0] not in NO_START, (width, line)


def _app(tmp_path: Path) -> DrafterApp:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "      - 党的基层组织是党的全部工作和战斗力的基础。基础不牢，地动山摇。\n", f"      - {PUNCT * 2}\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    return DrafterApp(spec, banks=[parse_bank(BANK, "t.yaml")], drafts_folder=tmp_path / "drafts")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_editor_and_guidance_break_lines_the_chinese_way(tmp_path, size):
    app = _app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        area = app.screen.query_one("#body", TextArea)
        line = area.document.get_line(0)
        cuts = area.wrapped_document.get_offsets(0)
        assert cuts, "the paragraph must wrap for this test"
        for c in cuts:
            assert line[c] not in NO_START and line[c - 1] not in NO_END, (c, line[c - 1:c + 1])
        guidance = str(app.screen.query_one("#guidance").render())
        for row in guidance.splitlines()[1:]:
            assert row[:1] not in NO_START, row


@pytest.mark.parametrize("size", [(80, 24), (110, 30), (120, 40), (160, 45)])
async def test_the_body_wraps_to_the_width_it_is_shown_in(tmp_path, size):
    app = _app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        area = app.screen.query_one("#body", TextArea)
        visible = area.scrollable_content_region.width
        line = area.document.get_line(0)
        cuts = [0, *area.wrapped_document.get_offsets(0), len(line)]
        widths = [cell_len(line[a:b]) for a, b in zip(cuts, cuts[1:])]
        assert max(widths) <= visible  # no cell of text hidden at the right edge
        assert max(widths) >= visible - 4  # and the width is used


async def test_point_headings_use_the_width_there_is_at_100_columns(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        ol = app.screen.query_one("#sections", OptionList)
        row = ol.get_option_at_index(1).prompt.plain
        assert "统一思想，充分认识做好基" in row, row  # more than ten characters of the heading
        assert ol.size.width >= 32


async def test_the_save_status_stays_in_the_header_at_80_columns(tmp_path):
    app = _app(tmp_path)
    app.drafts_folder = tmp_path
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.draft.path = tmp_path / "20261130-001500-work-meeting-with-a-long-name.yaml"
        app.draft.dirty = True
        app.save_now()
        await settle(app, pilot)
        assert "已自动保存" in screen_text(app).splitlines()[0]


async def test_preview_lines_never_start_with_closing_punctuation(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        shown = str(app.screen.query_one("#preview-text").render())
        assert PUNCT[:10] in shown.replace("\n", "")
        for row in shown.splitlines():
            assert row[:1] not in NO_START, row
