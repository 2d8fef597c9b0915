"""Section walker: the outline on the left, the current point's editor and suggestions on the right."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, TextArea

from drafter.tui import engine, progress
from drafter.tui.budget import DEFAULT_CHARS_PER_MINUTE, count_chars, format_minutes
from drafter.tui.draft import Path_
from drafter.tui.messages import PhrasesLoaded, TitleChanged
from drafter.tui.screens.export import ConfirmScreen
from drafter.tui.widgets.editor.section_editor import SectionEditor
from drafter.tui.widgets.outline.section_list import SectionList
from drafter.tui.widgets.suggestions.panel import SuggestionsPanel


MAX_DEPTH = 4  # 一、 → （一） → 1. → （1）


class WalkerScreen(Screen):
    BINDINGS = [
        Binding("ctrl+n", "add_point", "加同级", priority=True),
        Binding("ctrl+b", "add_child", "加下级", priority=True),
        Binding("ctrl+r", "remove", "删除", priority=True),
        Binding("alt+up", "move(-1)", "上移", priority=True),
        Binding("alt+down", "move(1)", "下移", priority=True),
        Binding("ctrl+f", "search", "搜索短语", priority=True),
        Binding("ctrl+l", "focus_list", "大纲", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.current: Path_ | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="walker"):
            with Vertical(id="walker-left"):
                yield Label("", id="announced", classes="pane-title")
                yield SectionList(id="sections")
                yield Label("", id="section-count")
            with Vertical(id="walker-right"):
                yield SectionEditor(id="editor")
                yield SuggestionsPanel(id="panel")
        yield Footer()

    @property
    def draft(self):
        return self.app.draft

    def on_mount(self) -> None:
        if not self.draft.sections:
            self.draft.add_section()
        self.select(self.current or (0,))
        self.query_one("#body", TextArea).focus()

    # ------------------------------------------------------------------ showing

    def refresh_outline(self) -> None:
        outline = self.app.outline
        self.query_one(SectionList).show(self.draft, outline, self.current)
        n = progress.announced(self.draft, outline.numbering if outline else progress.LEVEL_STYLES)
        done = sum(1 for s in self.draft.sections if progress.status(s, self._target(s)) == progress.DONE)
        self.query_one("#announced", Label).update(f"讲{n}点意见 · 完成{done}/{len(self.draft.sections)}")
        if self.current is not None:
            top = self.draft.section(self.current[:1])
            chars = progress.body_chars(top) + count_chars(top["heading"])
            cpm = int(self.draft.targets.get("chars_per_minute") or DEFAULT_CHARS_PER_MINUTE)
            target = self._target(top)
            goal = f"/{target}" if target else ""
            self.query_one("#section-count", Label).update(f"本部分{chars}{goal}字 {format_minutes(chars / cpm)}")

    def _target(self, section: dict) -> int | None:
        view = self.app.outline.section_for(section.get("role")) if self.app.outline else None
        return view.target_chars if view else None

    def select(self, path: Path_) -> None:
        """Make `path` the current point: load its text, guidance and suggestions."""
        try:
            section = self.draft.section(path)
        except (IndexError, KeyError):
            return
        self.current = path
        self.refresh_outline()
        view = self._view()
        if len(path) > 1:
            guidance = (view.sub_guidance if view and view.sub_guidance else "子要点：围绕上级标题展开，一个要点说透一件事。")
        else:
            guidance = view.guidance if view else "自拟要点：先立论点，再讲措施和要求。"
            if view and view.target_chars:
                guidance = f"【{view.label}】{guidance}（约{view.target_chars}字）"
        self.query_one(SectionEditor).load(guidance, section["heading"], self.draft.body_text(path))
        self.update_suggestions()

    def _view(self) -> engine.SectionView | None:
        if self.current is None or self.app.outline is None:
            return None
        top = self.draft.section(self.current[:1])
        return self.app.outline.section_for(top.get("role"))

    def on_phrases_loaded(self, _msg: PhrasesLoaded) -> None:
        self.update_suggestions()

    def on_title_changed(self, _msg: TitleChanged) -> None:
        pass  # the header shows the app title

    # ------------------------------------------------------------------ suggestions

    def update_suggestions(self) -> None:
        if self.current is None:
            return
        view = self._view()
        facts = dict(self.draft.facts)
        headings = engine.heading_suggestions(view, facts, len(self.current)) if len(self.current) <= 2 else []
        panel = self.query_one(SuggestionsPanel)
        if self.app.phrases is None:
            panel.show(headings, "正在加载短语库……")
            return
        self._rank(view, facts, headings, self.draft.section(self.current)["heading"], panel.query_text)

    @work(thread=True, exclusive=True, group="suggest")
    def _rank(self, view, facts, headings, heading: str, query: str) -> None:
        role = view.role if view else None
        topic = engine.fact_text(facts.get("topic"))
        entries = self.app.phrases.suggest(role, topic, heading, query, view.functions if view else ())
        items = ([] if query else headings) + engine.to_suggestions(entries, facts)
        self.app.call_from_thread(self.query_one(SuggestionsPanel).show, items, "没有匹配的短语" if query else "")

    @on(Input.Changed, "#phrase-search")
    def _search(self, _event: Input.Changed) -> None:
        self.update_suggestions()

    @on(Input.Submitted, "#phrase-search")
    def _search_submit(self, _event: Input.Submitted) -> None:
        self.query_one("#suggestions", OptionList).focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def _use(self, event: OptionList.OptionSelected) -> None:
        s = self.query_one(SuggestionsPanel).selected(event.option_id)
        if s is None or self.current is None:
            return
        if s.kind == "heading":
            self.query_one("#heading", Input).value = s.text
            self.query_one("#heading", Input).focus()
        else:
            self.query_one(SectionEditor).insert_paragraph(s.text)
            self.query_one("#body", TextArea).focus()

    # ------------------------------------------------------------------ editing

    @on(OptionList.OptionHighlighted, "#sections")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        path = self.query_one(SectionList).path_at(event.option_index)
        if path is not None and path != self.current:
            self.select(path)

    @on(OptionList.OptionSelected, "#sections")
    def _open(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#body", TextArea).focus()

    @on(Input.Changed, "#heading")
    def _heading(self, event: Input.Changed) -> None:
        if self.current is not None and self.draft.section(self.current)["heading"] != event.value:
            self.draft.set_heading(self.current, event.value)
            self.refresh_outline()

    @on(Input.Submitted, "#heading")
    def _heading_done(self, _event: Input.Submitted) -> None:
        self.query_one("#body", TextArea).focus()

    @on(TextArea.Changed, "#body")
    def _body(self, event: TextArea.Changed) -> None:
        if self.current is None:
            return
        if event.text_area.text == self.draft.body_text(self.current):
            return  # just loaded: viewing a point never rewrites it
        self.draft.set_body_text(self.current, event.text_area.text)
        self.refresh_outline()

    def action_add_point(self) -> None:
        """A new point after the current one, at its level."""
        self.select(self.draft.add_section(self.current))
        self.query_one("#heading", Input).focus()

    def action_add_child(self) -> None:
        """A new sub-point at the end of the current point."""
        if self.current is None or len(self.current) >= MAX_DEPTH:
            return
        self.select(self.draft.add_child(self.current))
        self.query_one("#heading", Input).focus()

    def action_remove(self) -> None:
        if self.current is None:
            return
        path = self.current
        s = self.draft.section(path)
        name = s["heading"].strip() or "这一部分"

        def done(ok: bool | None) -> None:
            if ok:
                nxt = self.draft.remove(path)
                if not self.draft.sections:
                    nxt = self.draft.add_section()
                self.current = None
                self.select(nxt or (0,))
        if progress.status(s) == progress.EMPTY and not s["children"]:
            done(True)
        else:
            self.app.push_screen(ConfirmScreen(f"删除“{name}”及其下全部内容？", "删除"), done)

    def action_move(self, delta: int) -> None:
        if self.current is None:
            return
        self.current = self.draft.move(self.current, delta)
        self.refresh_outline()

    def action_search(self) -> None:
        self.query_one("#phrase-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(SectionList).focus()
