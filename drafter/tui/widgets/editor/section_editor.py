"""Editor of the current point: its guidance, heading and body (one paragraph a line)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static, TextArea


BODY_HINT = "在此撰写正文，每行一段；从下方建议中选取短语按回车插入"


class SectionEditor(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="guidance")
        yield Input(placeholder="本部分标题（不要输入序号，序号自动生成）", id="heading", compact=True)
        yield TextArea(id="body", soft_wrap=True, show_line_numbers=False, compact=True,
                       placeholder=BODY_HINT)

    def load(self, guidance: str, heading: str, body: str) -> None:
        self.query_one("#guidance", Static).update(guidance)
        self.set_placeholder()
        inp = self.query_one("#heading", Input)
        if inp.value != heading:
            inp.value = heading
        area = self.query_one("#body", TextArea)
        if area.text != body:
            area.load_text(body)

    def show_heading(self, shown: bool) -> None:
        """开场白/结束语 have no heading: hide the field."""
        self.query_one("#heading", Input).display = shown

    def set_placeholder(self, text: str | None = None) -> None:
        """The body's grey text: the formula for 开场白/结束语, the usual hint otherwise."""
        self.query_one("#body", TextArea).placeholder = text if text is not None else BODY_HINT

    def insert_paragraph(self, text: str) -> None:
        """Insert `text` as a new paragraph after the cursor's line."""
        area = self.query_one("#body", TextArea)
        row, _ = area.cursor_location
        line = area.document.get_line(row) if area.text else ""
        if line.strip():
            area.move_cursor(area.get_cursor_line_end_location())
            area.insert("\n" + text)
        else:
            area.move_cursor((row, 0))
            area.insert(text)
