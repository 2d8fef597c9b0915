"""Start: pick a speech type, open a spec file, or resume a recent draft."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on, work
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
        Binding("i", "import_old", "从旧稿开始"),
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

    # ------------------------------------------------------------------ 从旧稿开始

    def action_import_old(self) -> None:
        from drafter.tui.oldspeech import path_problem

        self.app.push_screen(OpenScreen("从旧稿开始：旧讲话稿文件（.txt / .md / .docx）",
                                        "例如 ~/文档/去年的讲话.docx", path_problem,
                                        "回车导入（另存为新草稿，旧稿不改动），Esc 取消"),
                             lambda path: self.import_old(path) if path else None)

    def import_old(self, raw: str) -> None:
        path = Path(raw).expanduser()
        self.app.notify(f"正在读取 {path.name}……", title="从旧稿开始")
        self._read_old(path)

    @work(thread=True, exclusive=True, group="import")
    def _read_old(self, path: Path) -> None:
        """Parsing (jieba) and checking the old text off the UI thread."""
        from drafter.tui.oldspeech import read_old_speeches

        try:
            speeches = read_old_speeches(path)
        except DrafterError as exc:
            self.app.call_from_thread(self.app.show_problem, f"无法导入 {path.name}", exc)
            return
        except Exception:  # noqa: BLE001 - a file the parser chokes on must not end the session
            self.app.call_from_thread(self.app.show_problem, f"无法导入 {path.name}",
                                      DrafterError("the file could not be read as a speech"))
            return
        self.app.call_from_thread(self._old_read, path, speeches)

    def _old_read(self, path: Path, speeches: list) -> None:
        if not speeches:
            self.app.show_problem(f"无法导入 {path.name}", DrafterError("no speech found"))
            return
        if len(speeches) == 1:
            self._start_from(speeches[0])
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self._start_from(speeches[index])
        self.app.push_screen(ChooseSpeechScreen(path.name, [s.label for s in speeches]), chosen)

    def _start_from(self, speech) -> None:
        """The imported speech as a NEW draft in the drafts folder (the old file is never written)."""
        from drafter.tui.draft import new_draft_path
        from drafter.tui.oldspeech import summary

        draft = Draft.from_data(speech.data, new_draft_path(speech.outline, self.app.drafts_folder))
        draft.dirty = True  # saved at once: the import is the writer's starting point
        draft.update_notes = list(speech.notes)  # written as `# 待更新` comments, kept across saves
        self.app.import_updates[draft.path] = speech.updates
        self.app.start_draft(draft)
        self.app.notify(summary(speech), title="已从旧稿导入", severity="warning" if speech.updates else "information",
                        timeout=12)


class OpenScreen(ModalScreen[str | None]):
    """Ask for the path of a file: a spec to open (Ctrl+O) or, with `problem`, an old speech to import.

    `problem(raw)` says in Chinese why a path will not do (shown in the dialog, which stays open);
    None lets the path through.
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str = "打开讲话稿文件（YAML）",
                 placeholder: str = "例如 examples/county-party-building.yaml",
                 problem: Callable[[str], str | None] | None = None, hint: str = "回车打开，Esc 取消"):
        super().__init__()
        self.heading, self.placeholder, self.problem, self.hint = title, placeholder, problem, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="pane-title")
            yield Input(placeholder=self.placeholder, id="open-path")
            yield Static("", id="open-status", classes="fact-error")
            yield Label(self.hint, classes="hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        why = self.problem(event.value) if self.problem else None
        if why:
            status = self.query_one("#open-status", Static)
            status.update(why)
            status.add_class("-shown")
            return
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChooseSpeechScreen(ModalScreen[int | None]):
    """A file with several speeches: which one to start from."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, name: str, labels: list[str]):
        super().__init__()
        self.file_name, self.labels = name, labels

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choose-speech"):
            yield Label(f"{self.file_name} 中有 {len(self.labels)} 篇讲话，从哪一篇开始？", classes="pane-title")
            ol = OptionList(*[Option(Text(label), id=f"s{i}") for i, label in enumerate(self.labels)],
                            id="speech-list")
            ol.styles.max_height = 10
            yield ol
            yield Label("回车选定，Esc 取消", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#speech-list", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int((event.option_id or "s0")[1:]))

    def action_cancel(self) -> None:
        self.dismiss(None)
