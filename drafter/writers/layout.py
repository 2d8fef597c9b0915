"""Page layout of a built speech: GB/T 9704-2012 numbers and font presets.

A `Layout` holds every number the .docx writer needs (page, margins, grid,
fonts per paragraph role, page numbers), so the writer has no magic numbers
and a preset is just a different `Layout`. Lengths on the page are in dxa
(twentieths of a point, Word's own unit); type sizes and line spacing in pt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from drafter.errors import UnknownNameError

LATIN_FONT = "Times New Roman"
DXA_PER_MM = 1440 / 25.4  # 56.69 dxa in a millimetre


@dataclass(frozen=True)
class Font:
    """Type of one paragraph role: East Asian face, size, weight; Latin/digits in `latin`."""

    east_asia: str
    size: float  # pt (二号 22, 小二 18, 三号 16, 四号 14)
    bold: bool = False
    latin: str = LATIN_FONT


@dataclass(frozen=True)
class Layout:
    """Everything about the printed page; the `standard` preset is GB/T 9704-2012."""

    name: str = "standard"
    # Paper A4 and margins (天头 37 mm, 订口 28 mm, 版心 156 x 225 mm).
    page_width: int = 11906
    page_height: int = 16838
    margin_top: int = 2098
    margin_bottom: int = 1984
    margin_left: int = 1588
    margin_right: int = 1474
    # Document grid: 22 lines of 28 characters; linePitch = 225 mm / 22 in dxa.
    line_pitch: int = 579
    lines_per_page: int = 22
    chars_per_line: int = 28
    line_spacing: float = 28.95  # pt, exact, for every paragraph of the body text
    first_line_chars: int = 2  # first-line indent of body and headings, in characters
    # Fonts per role.
    title: Font = Font("方正小标宋简体", 22)
    subtitle: Font = Font("楷体_GB2312", 16)
    byline: Font = Font("楷体_GB2312", 16)
    body: Font = Font("仿宋_GB2312", 16)
    heading1: Font = Font("黑体", 16)
    heading2: Font = Font("楷体_GB2312", 16)
    heading3: Font = Font("仿宋_GB2312", 16)
    heading4: Font = Font("仿宋_GB2312", 16)
    # Page numbers "— 1 —": 四号 half-width 宋体 digits (the digits too, not Times).
    page_number: Font = Font("宋体", 14, latin="宋体")
    page_numbers: str = "outer"  # outer: odd right, even left, one character in | center
    page_number_gap_mm: float = 7.0  # from the bottom of the 版心 to the top of the dash
    bold_level3: bool = False  # GB/T 9704 asks for no bold; some offices bold level 3 and 4

    @property
    def text_width(self) -> int:
        """Width of the 版心 in dxa (156 mm on A4)."""
        return self.page_width - self.margin_left - self.margin_right

    @property
    def first_line_indent(self) -> float:
        """Body first-line indent in pt (two characters of body type: 32 pt at 三号)."""
        return self.first_line_chars * self.body.size

    @property
    def title_chars_per_line(self) -> int:
        """How many title characters fit on one line of the 版心 (20 at 二号)."""
        return int(self.text_width / 20 // self.title.size)

    @property
    def footer_distance(self) -> int:
        """Distance (dxa) from the paper's bottom edge to the page-number line.

        Chosen so the dash, which sits about half an em above the line's bottom,
        lies `page_number_gap_mm` below the 版心.
        """
        gap = round(self.page_number_gap_mm * DXA_PER_MM)
        return self.margin_bottom - gap - round(self.page_number.size * 20 / 2)

    def heading(self, level: int) -> Font:
        """Font of a heading of `level` (1..4; deeper levels use level 4)."""
        level = min(max(level, 1), 4)
        font = (self.heading1, self.heading2, self.heading3, self.heading4)[level - 1]
        if level >= 3 and self.bold_level3:
            font = replace(font, bold=True)
        return font


STANDARD = Layout()

# Ordinary Windows machines have 仿宋/楷体/黑体/宋体 (FangSong, KaiTi, SimHei,
# SimSun) but not the GB2312 faces or 方正小标宋; offices then set the title in
# bold 宋体, the nearest common face to 小标宋.
WINDOWS = replace(
    STANDARD,
    name="windows",
    title=Font("宋体", 22, bold=True),
    subtitle=Font("楷体", 16),
    byline=Font("楷体", 16),
    body=Font("仿宋", 16),
    heading1=Font("黑体", 16),
    heading2=Font("楷体", 16),
    heading3=Font("仿宋", 16),
    heading4=Font("仿宋", 16),
)

# 读稿: the copy the speaker reads from at the podium. Larger type (小一 title,
# 小二 body) on 30 pt lines: 21 lines of 24 characters in the same 版心.
PODIUM = replace(
    STANDARD,
    name="podium",
    line_pitch=600,
    lines_per_page=21,
    chars_per_line=24,
    line_spacing=30.0,
    title=Font("方正小标宋简体", 24),
    subtitle=Font("楷体_GB2312", 18),
    byline=Font("楷体_GB2312", 18),
    body=Font("仿宋_GB2312", 18),
    heading1=Font("黑体", 18),
    heading2=Font("楷体_GB2312", 18),
    heading3=Font("仿宋_GB2312", 18),
    heading4=Font("仿宋_GB2312", 18),
    page_number=Font("宋体", 16, latin="宋体"),
)

PRESETS: dict[str, Layout] = {"standard": STANDARD, "windows": WINDOWS, "podium": PODIUM}
PAGE_NUMBERS = ("outer", "center")
STYLE_KEYS = ("preset", "page_numbers", "bold_level3")


def _unknown(field: str, value: Any, known: list[str]) -> UnknownNameError:
    return UnknownNameError(f"unknown value {value!r}; known values: {', '.join(known)}", field=f"style.{field}")


def layout_from_style(style: dict[str, Any] | None) -> Layout:
    """The Layout for a spec's `style` mapping (missing keys take the preset's defaults)."""
    style = dict(style or {})
    for key in style:
        if key not in STYLE_KEYS:
            raise UnknownNameError(f"unknown setting {key!r}; known settings: {', '.join(STYLE_KEYS)}",
                                   field=f"style.{key}")
    preset = style.get("preset", "standard")
    if preset is None:
        preset = "standard"
    if not isinstance(preset, str) or preset not in PRESETS:
        raise _unknown("preset", preset, list(PRESETS))
    layout = PRESETS[preset]
    if style.get("page_numbers") is not None:
        value = style["page_numbers"]
        if value == "centre":
            value = "center"
        if value not in PAGE_NUMBERS:
            raise _unknown("page_numbers", value, list(PAGE_NUMBERS))
        layout = replace(layout, page_numbers=value)
    if style.get("bold_level3") is not None:
        value = style["bold_level3"]
        if not isinstance(value, bool):
            raise _unknown("bold_level3", value, ["true", "false"])
        layout = replace(layout, bold_level3=value)
    return layout
