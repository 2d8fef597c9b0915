"""The outline as a list: 开场白, every point (numbering, progress mark, heading), 结束语.

The opening and closing rows are not points: they carry no number and do
not count in 讲N点意见.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.tui import progress
from drafter.tui.draft import Draft, Path_, path_label
from drafter.tui.engine import OutlineView, fill_text, show_slots, slot_labels


PARTS = {"opening": "开场白", "closing": "结束语"}
Key = Path_ | str  # a point's path, or "opening" / "closing"


def _path_of(option_id: str) -> Key:
    if option_id in PARTS:
        return option_id
    return tuple(int(x) - 1 for x in option_id.split("."))


def _key_id(key: Key) -> str:
    return key if isinstance(key, str) else path_label(key)


class SectionList(OptionList):
    """Points and sub-points; highlighting one makes it the current point."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._keys: list[str] = []

    def prompt(self, draft: Draft, outline: OutlineView | None, path: Path_, mark: str) -> Text:
        s = draft.section(path)
        target = None
        if len(path) == 1:  # the preview's target for this point (budget.point_targets)
            known = self.app.point_length(path[0]) if hasattr(self.app, "point_length") else None
            target = known[1] if known else None
        st = progress.status(s, target)
        heading = show_slots(fill_text(s["heading"].strip(), draft.facts), slot_labels(outline))
        if not heading:
            view = outline.section_for(s.get("role")) if outline else None
            heading = f"（{view.label}）" if view and view.label else "（未命名）"
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append("\u00a0\u00a0" * (len(path) - 1))
        t.append(progress.MARKS[st] + "\u00a0", style={"empty": "dim", "drafted": "yellow", "done": "green"}[st])
        t.append(mark, style="bold")
        t.append(heading, style="" if s["heading"].strip() else "dim italic")
        t.truncate(self._width(), overflow="ellipsis")  # one line per point, CJK cells counted
        return t

    def part_prompt(self, draft: Draft, part: str) -> Text:
        """开场白 / 结束语: written by the writer (◐) or taken from the outline's formula (○)."""
        own = bool(draft.data.get(part))
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(progress.MARKS[progress.DRAFTED if own else progress.EMPTY] + "\u00a0",
                 style="yellow" if own else "dim")
        t.append(PARTS[part], style="bold")
        t.append("（自拟）" if own else "（套用公式）", style="" if own else "dim italic")
        t.truncate(self._width(), overflow="ellipsis")
        return t

    def _width(self) -> int:
        width = self.scrollable_content_region.width if self.size.width else 0
        return max(width - 1, 20) if width else 25

    def on_resize(self) -> None:
        if getattr(self, "_last", None):
            self.show(*self._last)

    def show(self, draft: Draft, outline: OutlineView | None, current: Path_ | None, follow: bool = True) -> None:
        """Redraw from the draft; rebuild only when the structure changed.

        The highlight moves to `current` only when `follow` (or after a rebuild): a redraw while the
        writer moves through the list must not pull the highlight back.
        """
        self._last = (draft, outline, current, False)
        rows = progress.numbered(draft, outline.numbering if outline else progress.LEVEL_STYLES)
        keys = ["opening"] + [path_label(p) for p, _ in rows] + ["closing"]
        prompts = [self.part_prompt(draft, "opening")] + \
            [self.prompt(draft, outline, p, m) for p, m in rows] + [self.part_prompt(draft, "closing")]
        if keys == self._keys:
            for i, prompt in enumerate(prompts):
                self.replace_option_prompt_at_index(i, prompt)
        else:
            self._keys = keys
            self.set_options([Option(prompt, id=k) for prompt, k in zip(prompts, keys)])
            follow = True
        if follow and current is not None and _key_id(current) in keys:
            index = keys.index(_key_id(current))
            if self.highlighted != index:
                self.highlighted = index

    def path_at(self, index: int | None) -> Key | None:
        """The point's path at `index`, or "opening" / "closing" for those rows."""
        if index is None or not 0 <= index < len(self._keys):
            return None
        return _path_of(self._keys[index])
