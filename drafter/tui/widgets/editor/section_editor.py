"""Editor of the current point: its guidance, heading and body (one paragraph a line).

The editor is bound to one section *by identity*: `load` gives it a token
(the section's own dict, or "opening" / "closing"), and every change event
its heading and body post carries the token and the text as they were when
the event was posted. The walker writes an event's text into the section the
token names, so an event that arrives late, after the editor was loaded with
another point, can never write one point's text into another.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, TextArea

from drafter.tui.linebreak import wrap_offsets
from drafter.tui.widgets.wrapped import WrappedStatic


BODY_HINT = "在此撰写正文，每行一段；从下方建议中选取短语按回车插入"


def _install_kinsoku_wrap() -> None:
    """The editor wraps with 避头尾: Textual's wrapped document takes its breaks from one module-level
    function; ours (linebreak.wrap_offsets) never starts a line with ，。 nor ends one with （“ (text with tabs
    keeps Textual's own)."""
    from textual.document import _wrapped_document as wd

    original = wd.compute_wrap_offsets
    if getattr(original, "kinsoku", False):
        return

    def compute_wrap_offsets(text, width, *args, **kwargs):
        if "\t" in text or not width:
            return original(text, width, *args, **kwargs)
        return wrap_offsets(text, width)
    compute_wrap_offsets.kinsoku = True  # type: ignore[attr-defined]
    wd.compute_wrap_offsets = compute_wrap_offsets


_install_kinsoku_wrap()


class BoundInput(Input):
    """The heading field: its Changed events carry the section they were typed for."""

    token: Any = None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, Input.Changed):
            message.token = self.token  # type: ignore[attr-defined]
        return super().post_message(message)


class BoundTextArea(TextArea):
    """The body: its Changed events carry the section and the text at the moment of the change."""

    token: Any = None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, TextArea.Changed):
            message.token = self.token  # type: ignore[attr-defined]
            message.text = self.text  # type: ignore[attr-defined]
        return super().post_message(message)


def event_token(event: Message) -> Any:
    """The section an editor event belongs to (None for an event not stamped by the editor)."""
    return getattr(event, "token", None)


class SectionEditor(Vertical):
    token: Any = None

    def compose(self) -> ComposeResult:
        yield WrappedStatic("", id="guidance")
        yield BoundInput(placeholder="本部分标题（不要输入序号，序号自动生成）", id="heading", compact=True,
                         select_on_focus=False)
        yield BoundTextArea(id="body", soft_wrap=True, show_line_numbers=False, compact=True,
                            placeholder=BODY_HINT)

    def load(self, token: Any, guidance: str, heading: str, body: str) -> None:
        """Show `token`'s section; from now on the fields' events name `token`."""
        self.token = token
        inp = self.query_one("#heading", BoundInput)
        area = self.query_one("#body", BoundTextArea)
        inp.token = area.token = token
        self.query_one("#guidance", WrappedStatic).update(guidance)
        self.set_placeholder()
        if inp.value != heading:
            inp.value = heading
            inp.cursor_position = len(heading)
        if area.text != body:
            area.load_text(body)

    def show_heading(self, shown: bool) -> None:
        """开场白/结束语 have no heading: hide the field."""
        self.query_one("#heading", Input).display = shown

    def set_placeholder(self, text: str | None = None) -> None:
        """The body's grey text: the formula for 开场白/结束语, the usual hint otherwise."""
        self.query_one("#body", TextArea).placeholder = text if text is not None else BODY_HINT

    def insert_paragraph(self, text: str) -> None:
        """Insert `text` as a new paragraph after the paragraph holding the cursor.

        The cursor's row is a paragraph (a document line), never a wrapped
        screen line, so the insert can never split a sentence.
        """
        area = self.query_one("#body", TextArea)
        row, _ = area.cursor_location
        line = area.document.get_line(row) if area.text else ""
        if line.strip():
            area.move_cursor((row, len(line)))
            area.insert("\n" + text)
        else:
            area.move_cursor((row, 0))
            area.insert(text)
