"""A Static showing plain text wrapped with Chinese line-breaking rules (避头尾)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drafter.tui.linebreak import wrap_paragraphs


class WrappedStatic(Static):
    """Plain text wrapped to the widget's width with 避头尾 (Rich alone would start a line with ，)."""

    def __init__(self, text: str = "", style: str = "", **kwargs):
        super().__init__("", **kwargs)
        self.text, self.wrap_style = text, style

    def update(self, content="", style: str | None = None) -> None:  # type: ignore[override]
        self.text = str(content)
        if style is not None:
            self.wrap_style = style
        super().update(self._wrapped())

    def _wrapped(self) -> Text:
        width = self.content_size.width or self.size.width
        return Text(wrap_paragraphs(self.text, width) if width else self.text, style=self.wrap_style)

    def on_resize(self) -> None:
        super().update(self._wrapped())
