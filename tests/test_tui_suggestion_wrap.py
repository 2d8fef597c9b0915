"""Suggestions wrap as Chinese text does (避头尾): no line of the list starts with 、，。 or ends with “（."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.widgets import OptionList

from drafter.tui.engine import Suggestion
from drafter.tui.linebreak import NO_END, NO_START
from drafter.tui.widgets.suggestions.panel import SuggestionsPanel, broken

# Words and punctuation of the genre, so breaks land next to 、，。“” as in real entries.
_PIECES = st.sampled_from(["加强", "组织", "建设", "队伍", "制度", "作风", "、", "，", "。", "“", "”", "（", "）",
                           "基层党建", "一级抓一级", "层层抓落实", "{{ topic }}", "〔工作主题〕", "2026", "年"])
TEXTS = st.lists(_PIECES, min_size=1, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.sampled_from(["【标题】", "·"]), st.integers(min_value=12, max_value=60))
def test_broken_lines_fit_keep_the_text_and_follow_the_line_rules(text, mark, width):
    out = broken(mark, text, width)
    assert out.replace("\n", "") == text
    lines = (mark + out).split("\n")
    assert all(cell_len(line) <= width for line in lines)
    for before, after in zip(lines, lines[1:]):
        # A rule gives way only where a whole line of punctuation leaves nothing to carry down.
        assert after[0] not in NO_START or all(c in NO_START for c in before[-2:])
        assert before[-1] not in NO_END or all(c in NO_END for c in before[-2:])


def test_text_that_fits_or_an_unknown_width_is_left_alone():
    assert broken("·", "抓好落实。", 40) == "抓好落实。"
    assert broken("·", "抓好落实、" * 30, 0) == "抓好落实、" * 30


class _Panel(App):
    CSS = "SuggestionsPanel { width: 30; height: 22; } #suggestions { height: 1fr; }"

    def compose(self):
        yield SuggestionsPanel()


# Each would put 、 or ， at the start of a line if Textual wrapped it at 26 or 27 cells.
ENTRIES = ["坚持统筹兼顾、突出重点、分类指导、整体推进，全面提升基层党组织组织力",
           "着力建强组织体系、锻造过硬队伍、完善制度机制，推动基层党建全面进步全面过硬",
           "要在抓基层打基础上下功夫，一级抓一级、层层抓落实，确保各项任务落地见效"]


async def test_the_list_shows_no_line_starting_with_closing_punctuation():
    app = _Panel()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(SuggestionsPanel)
        for width in (30, 29, 28, 31):
            panel.styles.width = width
            await pilot.pause()
            panel.show([Suggestion("phrase", text) for text in ENTRIES])
            await pilot.pause()
            ol = panel.query_one(OptionList)
            lines = [strip.text for strip in ol.render_lines(Region(0, 0, ol.size.width, ol.size.height))]
            rows = [r for r in (line.strip("▊▎▔▁ ") for line in lines) if r]
            assert len(rows) > len(ENTRIES)  # they do wrap
            assert not [r for r in rows if r[0] in NO_START and r[0] != "·"], rows  # (· marks an option)
            shown = "".join(r.lstrip("·") for r in rows)
            assert all(e in shown for e in ENTRIES)  # every character still there, in order
