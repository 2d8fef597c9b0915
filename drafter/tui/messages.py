"""Messages the app posts to the current screen when shared state changes."""

from __future__ import annotations

from textual.message import Message


class OutlinesLoaded(Message):
    """The outlines are loaded (the start screen can list them)."""


class PhrasesLoaded(Message):
    """The phrase index is ready (suggestion panels can fill)."""


class TitleChanged(Message):
    """The speech title changed (facts edited, or derived by the outline)."""

    def __init__(self, title: str):
        super().__init__()
        self.title = title


class LengthsChanged(Message):
    """The draft's length budget was recomputed (app.lengths)."""
