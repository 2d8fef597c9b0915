"""Start: pick a speech type, open a spec file, or resume a recent draft."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.errors import DrafterError
from drafter.tui.draft import Draft, recent_drafts
from drafter.tui.footer import FittedScreen, footer
from drafter.tui.engine import OutlineView
from drafter.tui.messages import OutlinesLoaded


def outline_details(o: OutlineView) -> Text:
    t = Text()
    t.append(o.name + "\n", style="bold")
    if o.description:
        t.append(o.description + "\n")
    if o.sections:
        t.append("\n结构：", style="bold")
        t.append(" → ".join(s.label or (s.role or "") for s in o.sections) + "\n")
    if o.fields:
        t.append("要素：", style="bold")
        # spaces, not 、, between fields: a wrapped line never starts with punctuation
        t.append(" ".join(f.label + ("*" if f.required else "") for f in o.fields) + "\n")
    if o.sources:
        t.append("\n提炼自：", style="bold")
        t.append("；".join(o.sources), style="dim")
    return t


FAMILIES = ("会议讲话", "主持与发言", "党内政治生活", "党课与文章", "汇报述职")
OTHER_FAMILY = "其他"


def outline_groups(outlines: list[OutlineView]) -> list[tuple[str, list[OutlineView]]]:
    """Outlines by family (`outline.family`, one of FAMILIES), in that order; without families, one group.

    Read with getattr: outlines without the attribute all go in one group.
    """
    by: dict[str, list[OutlineView]] = {}
    for o in outlines:
        family = getattr(o, "family", None) or getattr(o.raw, "family", None) or OTHER_FAMILY
        by.setdefault(str(family), []).append(o)
    order = [f for f in FAMILIES if f in by] + sorted(f for f in by if f not in FAMILIES and f != OTHER_FAMILY)
    if OTHER_FAMILY in by:
        order.append(OTHER_FAMILY)
    return [(f, by[f]) for f in order]


class StartScreen(FittedScreen):
    """First screen: shows at once; outlines fill in when loaded."""

    IS_START = True
    FOOTER_HIDE = frozenset({"goto('facts')", "goto('walker')", "goto('preview')", "export", "save", "home"})  # no draft yet
    BINDINGS = [
        Binding("enter", "choose", "新建", show=True),
        Binding("ctrl+o", "open", "打开", priority=True),
        Binding("r", "resume", "继续草稿"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-left"):
                yield Label("选择讲话类型", classes="pane-title")
                yield OptionList(id="outline-list")
                yield Label("最近的草稿", classes="pane-title")
                yield OptionList(id="recent-list")
            with VerticalScroll(id="start-details"):
                yield Static("正在加载讲话类型……", id="outline-details")
        yield footer()

    def on_mount(self) -> None:
        self.show_outlines()
        self.show_recent()
        self.query_one("#outline-list").focus()

    def on_outlines_loaded(self, _msg: OutlinesLoaded) -> None:
        self.show_outlines()

    def on_screen_resume(self) -> None:
        self.show_recent()

    def show_outlines(self) -> None:
        outlines = list(self.app.outlines.values())
        ol = self.query_one("#outline-list", OptionList)
        keep = ol.highlighted_option.id if ol.highlighted_option is not None else None
        options: list[Option] = []
        groups = outline_groups(outlines)
        for family, members in groups:
            if len(groups) > 1:  # a heading row per family (not selectable); one family needs none
                options.append(Option(Text(f"— {family} —", style="bold dim"), disabled=True))
            options += [Option(Text(("  " if len(groups) > 1 else "") + o.name), id=o.id) for o in members]
        ol.set_options(options)
        if outlines:
            ids = [opt.id for opt in options]
            at = ids.index(keep) if keep is not None and keep in ids else next(i for i, x in enumerate(ids) if x)
            ol.highlighted = at
            self.query_one("#outline-details", Static).update(outline_details(self.app.outlines[ids[at]]))
        elif self.app.outlines_loaded:
            self.query_one("#outline-details", Static).update(
                "没有可用的讲话类型（templates/ 下的大纲文件有误，详见提示）；仍可按 Ctrl+O 打开已有文件。")

    def show_recent(self) -> None:
        self.recent = recent_drafts(folder=self.app.drafts_folder)
        ol = self.query_one("#recent-list", OptionList)
        options = []
        for i, r in enumerate(self.recent):
            when = datetime.fromtimestamp(r.modified).strftime("%m-%d %H:%M")
            t = Text.assemble((when + " ", "dim"), r.title)
            t.truncate(26, overflow="ellipsis")
            options.append(Option(t, id=f"r{i}"))
        ol.set_options(options or [Option(Text("（暂无）", style="dim"), disabled=True)])

    @on(OptionList.OptionHighlighted, "#outline-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        o = self.app.outlines.get(event.option_id or "")
        if o:
            self.query_one("#outline-details", Static).update(outline_details(o))

    @on(OptionList.OptionSelected, "#outline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.new_from(event.option_id or "")

    @on(OptionList.OptionSelected, "#recent-list")
    def _resume_selected(self, event: OptionList.OptionSelected) -> None:
        self.resume(int((event.option_id or "r0")[1:]))

    def new_from(self, outline_id: str) -> None:
        o = self.app.outlines.get(outline_id)
        if o is None:
            return
        draft = Draft.new(o.id, [(s.role, "") for s in o.sections], path=self._new_path(o.id))
        draft.dirty = False  # written on the first edit: browsing types leaves no empty drafts behind
        self.app.start_draft(draft, "facts")

    def _new_path(self, outline_id: str) -> Path | None:
        if self.app.drafts_folder is None:
            return None
        from drafter.tui.draft import new_draft_path
        return new_draft_path(outline_id, self.app.drafts_folder)

    def resume(self, index: int) -> None:
        if not 0 <= index < len(getattr(self, "recent", [])):
            return
        self.open_path(self.recent[index].path)

    def open_path(self, path: str | Path) -> None:
        path = Path(path).expanduser()
        try:
            draft = Draft.open(path)
        except DrafterError as exc:
            self.app.show_problem(f"无法打开 {path.name}", exc)
            return
        self.app.start_draft(draft)

    def action_choose(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            focused.action_select()

    def action_resume(self) -> None:
        self.resume(0)

    def action_open(self) -> None:
        self.app.push_screen(OpenScreen(), lambda path: self.open_path(path) if path else None)


class OpenScreen(ModalScreen[str | None]):
    """Ask for the path of a spec to open."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("打开讲话稿文件（YAML）", classes="pane-title")
            yield Input(placeholder="例如 examples/county-party-building.yaml", id="open-path")
            yield Label("回车打开，Esc 取消", classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
