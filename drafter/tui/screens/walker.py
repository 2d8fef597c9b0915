"""Section walker: the outline on the left, the current point's editor and suggestions on the right.

The list also holds 开场白 (first) and 结束语 (last): the spec's `opening:` /
`closing:` paragraphs. Left empty they are the outline's formula, shown as
the editor's placeholder; the writer may write their own or start from it.
"""

from __future__ import annotations

from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Label, OptionList, TextArea

from drafter.tui import engine, progress
from drafter.tui.budget import DEFAULT_CHARS_PER_MINUTE, count_chars, format_minutes, rate_and_minutes
from drafter.tui.draft import Path_, blank_section, paragraph_line
from drafter.tui.footer import FittedScreen, footer
from drafter.tui.messages import LengthsChanged, PhrasesLoaded, TitleChanged
from drafter.tui.screens.export import ConfirmScreen
from drafter.tui.widgets.editor.section_editor import SectionEditor, event_token
from drafter.tui.widgets.outline.section_list import PARTS, SectionList
from drafter.tui.widgets.suggestions.panel import SearchInput, SuggestionsPanel


MAX_DEPTH = 4  # 一、 → （一） → 1. → （1）
PART_GUIDANCE = {
    "opening": "【开场白】交代会议目的，肯定前段工作或呼应前面的讲话，引出正题。留空即套用大纲公式（灰字所示）。",
    "closing": "【结束语】提出号召和要求，表明决心，收束全篇。留空即套用大纲公式（灰字所示）。",
}
PART_FUNCTIONS = {"opening": ("opening.purpose", "opening.acknowledge", "opening.context"),
                  "closing": ("closing.call", "closing.resolve")}
POINT_ACTIONS = {"add_child", "remove", "move", "toggle_done"}
PART_ACTIONS = {"reset_formula", "use_formula"}


class WalkerScreen(FittedScreen):
    FOOTER_DROP = ("goto('walker')", "focus_list", "undo", "toggle_done")  # already here; Tab reaches the list; F1 lists the rest
    BINDINGS = [
        Binding("ctrl+n", "add_point", "加同级", priority=True),
        Binding("ctrl+b", "add_child", "加下级", priority=True),
        Binding("ctrl+r", "remove", "删除", priority=True),
        Binding("alt+up", "move(-1)", "上移", priority=True),
        Binding("alt+down", "move(1)", "下移", priority=True),
        Binding("ctrl+f", "search", "搜索短语", priority=True),
        Binding("ctrl+l", "focus_list", "大纲", priority=True),
        Binding("ctrl+t", "reset_formula", "恢复公式", priority=True),
        Binding("ctrl+g", "use_formula", "以公式起稿", priority=True),
        Binding("f6", "toggle_done", "标记完成", priority=True),
        Binding("ctrl+z", "undo", "撤销", priority=True),
        # ↑/↓ in the outline act at once, in key order: Tab and the keys typed after it always find the
        # editor showing the point the list shows (elsewhere the keys go on to the focused widget).
        Binding("down", "list_move(1)", "", show=False, priority=True),
        Binding("up", "list_move(-1)", "", show=False, priority=True),
        Binding("ctrl+y", "redo", "重做", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.current: Path_ | str | None = None  # a point's path, or "opening" / "closing"
        self.formulas: dict[str, list[str]] = {}

    @property
    def part(self) -> str | None:
        """"opening" or "closing" when that is being edited, else None."""
        return self.current if isinstance(self.current, str) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Point keys only on points, formula keys only on 开场白/结束语 (footer and palette follow)."""
        if action in POINT_ACTIONS:
            return self.part is None
        if action in PART_ACTIONS:
            return self.part is not None
        return True

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
        yield footer()

    @property
    def draft(self):
        return self.app.draft

    def on_mount(self) -> None:
        self.query_one(SearchInput).answer = lambda _query: self.update_suggestions(now=True)
        if not self.draft.sections:
            self.draft.add_section()
        where = self.current or self.draft.focus  # F3 comes back where the writer was
        if isinstance(where, tuple) and not self._exists(where):
            where = None
        self.select(where or (0,))
        self.query_one("#body", TextArea).focus()

    # ------------------------------------------------------------------ showing

    def refresh_outline(self, follow: bool = False) -> None:
        """Redraw the outline list; `follow` moves its highlight to the current point.

        Only a change made here (add, remove, move, undo) moves the highlight: while the writer
        holds ↓, the list is ahead of the editor, and pulling it back would lose keys.
        """
        outline = self.app.outline
        self.query_one(SectionList).show(self.draft, outline, self.current, follow)
        n = progress.announced(self.draft, outline.numbering if outline else progress.LEVEL_STYLES)
        done = sum(1 for i, s in enumerate(self.draft.sections) if progress.status(s, self._target(i)) == progress.DONE)
        kept = len(self.draft.kept_points())
        said = f"讲{n}点意见" if n else f"共{kept}个部分" if kept else "尚无要点"  # an article numbers none
        self.query_one("#announced", Label).update(f"{said} · 完成{done}/{len(self.draft.sections)}")
        if self.part is not None:
            own = self.draft.data.get(self.part) or []
            lines = own and [paragraph_line(p) for p in own] or self.formulas.get(self.part, [])
            chars = sum(count_chars(x) for x in lines)
            cpm = int(self.draft.targets.get("chars_per_minute") or DEFAULT_CHARS_PER_MINUTE)
            kind = "自拟" if own else "公式"
            self.query_one("#section-count", Label).update(
                f"{PARTS[self.part]}{chars}字（{kind}） {format_minutes(chars / cpm)}")
        elif self.current is not None:
            # The preview's own figures (budget.speech_budget over the rendered draft, the count `drafter
            # check` uses), recomputed after each edit; a blank point is not in the speech yet.
            known = self.app.point_length(self.current[0])
            chars, target = known if known else (0, None)
            cpm = rate_and_minutes(self.draft.targets)[0]
            goal = f"/{target}" if target else ""
            self.query_one("#section-count", Label).update(f"本部分{chars}{goal}字 {format_minutes(chars / cpm)}")

    def _target(self, index: int) -> int | None:
        known = self.app.point_length(index)
        return known[1] if known else None

    def on_lengths_changed(self, _msg: LengthsChanged) -> None:
        self.refresh_outline()

    def select(self, path: Path_ | str, follow: bool = True) -> None:
        """Make `path` the current point: load its text, guidance and suggestions.

        `follow=False` when the outline list itself asked (its highlight is already there, or beyond).
        """
        if isinstance(path, str):
            self.select_part(path, follow)
            return
        try:
            section = self.draft.section(path)
        except (IndexError, KeyError):
            return
        if path != self.current:
            self._forget_search()
        self.current = path
        self.draft.focus = path
        self.refresh_outline(follow)
        view = self._view()
        if len(path) > 1:
            guidance = (view.sub_guidance if view and view.sub_guidance else "子要点：围绕上级标题展开，一个要点说透一件事。")
        else:
            guidance = view.guidance if view else "自拟要点：先立论点，再讲措施和要求。"
            if view and view.target_chars:
                guidance = f"【{view.label}】{guidance}（约{view.target_chars}字）"
        if engine.SLOT_RE.search(section["heading"]):  # the spec keeps {{ topic }}; the writer reads it filled
            shown = engine.show_slots(engine.fill_text(section["heading"], self.draft.facts),
                                      engine.slot_labels(self.app.outline))
            guidance = f"{guidance}\n标题读作：{shown}"
        editor = self.query_one(SectionEditor)
        editor.load(section, guidance, section["heading"], self.draft.body_text(path))
        editor.show_heading(True)
        self.refresh_bindings()
        self.update_suggestions()

    def select_part(self, part: str, follow: bool = True) -> None:
        """Make 开场白 or 结束语 current: the writer's own lines, the formula as placeholder."""
        if part != self.current:
            self._forget_search()
        self.current = part
        self.draft.focus = part
        self.refresh_outline(follow)
        editor = self.query_one(SectionEditor)
        editor.load(part, PART_GUIDANCE[part], "", self.draft.part_text(part))
        editor.show_heading(False)
        self._show_formula()
        self.refresh_bindings()
        self.update_suggestions()
        self.render_formula(part, self.draft.spec_data())

    def _show_formula(self) -> None:
        if self.part is None:
            return
        lines = self.formulas.get(self.part)
        text = "\n".join(lines) if lines else "（正在生成公式文字……）" if lines is None else ""
        self.query_one(SectionEditor).set_placeholder(text or "在此撰写，每行一段")
        self.refresh_outline()

    @work(thread=True, exclusive=True, group="formula")
    def render_formula(self, part: str, data: dict) -> None:
        """The outline's formula for `part` from the current facts (rendering may be slow: a worker)."""
        try:
            lines = engine.formula_paragraphs(data, self.app.outlines, part, self.app.banks)
        except Exception:  # noqa: BLE001 - an incomplete draft: no formula to show yet
            lines = []
        self.app.call_from_thread(self._formula_ready, part, lines)

    def _formula_ready(self, part: str, lines: list[str]) -> None:
        self.formulas[part] = lines
        if self.part == part:
            self._show_formula()

    def _view(self) -> engine.SectionView | None:
        if self.current is None or self.part is not None or self.app.outline is None:
            return None
        top = self.draft.section(self.current[:1])
        return self.app.outline.section_for(top.get("role"))

    def on_phrases_loaded(self, _msg: PhrasesLoaded) -> None:
        self.update_suggestions()

    def on_title_changed(self, _msg: TitleChanged) -> None:
        pass  # the header shows the app title

    # ------------------------------------------------------------------ suggestions

    def update_suggestions(self, now: bool = False) -> None:
        """Refill the suggestions for the current point and search query.

        `now` (a key typed in the search box): the indexed search runs here, on the UI thread, so its
        results reach the screen in the next frame without a thread hop; ranking without a query (a
        new point) may take longer and runs in a worker.
        """
        if self.current is None:
            return
        view = self._view()
        facts = dict(self.draft.facts)
        panel = self.query_one(SuggestionsPanel)
        panel.labels = engine.slot_labels(self.app.outline)
        if self.part is not None:
            headings: list = []
            role, functions, heading = self.part, PART_FUNCTIONS[self.part], ""
        else:
            headings = engine.heading_suggestions(view, facts, len(self.current), self._fillable(facts)) \
                if len(self.current) <= 2 else []
            role, functions = (view.role if view else None), (view.functions if view else ())
            heading = self.draft.section(self.current)["heading"]
        if self.app.phrases is None:
            panel.show(engine.unique_suggestions(headings), "正在加载短语库……")
            return
        query = panel.query_text
        if now and query.strip():  # an older ranking landing later answers another query: _show drops it
            self._show(*self._suggestions(role, tuple(functions), facts, headings, heading, query))
        else:
            self._rank(role, tuple(functions), facts, headings, heading, query)

    def _suggestions(self, role, functions, facts, headings, heading: str, query: str) -> tuple[list, str, str]:
        """(items, note, query) for the panel: ranked entries (narrowed by `query`), outline headings first."""
        topic = engine.fact_text(facts.get("topic"))
        entries = self.app.phrases.suggest(role, topic, heading, query, functions)
        items = engine.unique_suggestions(([] if query.strip() else headings)
                                          + engine.to_suggestions(entries, facts, self._fillable(facts)))
        return items, "没有匹配的短语" if query.strip() else "", query

    @work(thread=True, exclusive=True, group="suggest")
    def _rank(self, role, functions, facts, headings, heading: str, query: str) -> None:
        shown = self._suggestions(role, functions, facts, headings, heading, query)
        if get_current_worker().is_cancelled:
            return  # a newer request has its own answer: never draw this older one over it
        self.app.call_from_thread(self._show, *shown)

    def _show(self, items: list, note: str, query: str) -> None:
        panel = self.query_one(SuggestionsPanel)
        if query == panel.query_text:  # else typed on since: that query's answer is on its way
            panel.show(items, note, query)

    def _forget_search(self) -> None:
        """Another point: the last point's search query no longer applies."""
        search = self.query_one("#phrase-search", Input)
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""

    def _fillable(self, facts: dict) -> set[str]:
        return engine.fillable_slots(self.app.outline, facts)

    @on(Input.Changed, "#phrase-search")
    def _search(self, event: Input.Changed) -> None:
        if event.value != event.input.value:
            return  # keys typed since (an IME commit, fast typing): only the latest value is searched
        if event.value.strip() and self.query_one(SuggestionsPanel).answered == event.value:
            return  # answered while its key was handled (SearchInput.watch_value)
        if event.value.strip() and self.app.message_queue_size:
            self.call_after_refresh(self._search_latest)  # keys typed meanwhile wait in the app: answer the last
            return
        self.update_suggestions(now=True)

    def _search_latest(self) -> None:
        """The query as it stands now, unless already answered (typing fast: one search for many keys)."""
        panel = self.query_one(SuggestionsPanel)
        if panel.answered != panel.query_text:
            self.update_suggestions(now=True)

    @on(Input.Submitted, "#phrase-search")
    def _search_submit(self, _event: Input.Submitted) -> None:
        """Enter in the search box goes to the results, the first one ready for Enter to insert."""
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.focus()
        if suggestions.highlighted is None and self.query_one(SuggestionsPanel).items:
            suggestions.highlighted = 0

    @on(OptionList.OptionSelected, "#suggestions")
    def _use(self, event: OptionList.OptionSelected) -> None:
        s = self.query_one(SuggestionsPanel).selected(event.option_id)
        if s is None or self.current is None:
            return
        self.draft.break_group()  # an insert is an undo step of its own
        if s.kind == "heading" and self.part is None:
            self.draft.set_heading(self.current, s.text)
            self.select(self.current)
        else:
            self.query_one(SectionEditor).insert_paragraph(s.text)
            text = self.query_one("#body", TextArea).text
            if self.part is not None:
                self.draft.set_part_text(self.part, text)
                self.refresh_outline()
            else:
                self._store_body(self.current, text)
        self.draft.break_group()
        self.query_one("#body", TextArea).focus()  # never the heading: a keystroke there would replace it

    # ------------------------------------------------------------------ editing

    @on(OptionList.OptionHighlighted, "#sections")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return  # a held key: a newer highlight is on its way, this one is stale
        path = self.query_one(SectionList).path_at(event.option_index)
        if path is not None and path != self.current:
            self.select(path, follow=False)

    @on(OptionList.OptionSelected, "#sections")
    def _open(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#body", TextArea).focus()

    @on(Input.Changed, "#heading")
    def _heading(self, event: Input.Changed) -> None:
        """Write the heading into the section the field showed when it changed (by identity)."""
        token = event_token(event)
        path = self.draft.path_of(token) if isinstance(token, dict) else None
        if path is not None and token["heading"] != event.value:
            self.draft.set_heading(path, event.value)
            self.refresh_outline()

    @on(Input.Submitted, "#heading")
    def _heading_done(self, _event: Input.Submitted) -> None:
        self.query_one("#body", TextArea).focus()

    @on(TextArea.Changed, "#body")
    def _body(self, event: TextArea.Changed) -> None:
        """Write the text as it was when it changed into the section (or part) the editor then showed."""
        token = event_token(event)
        text = getattr(event, "text", event.text_area.text)
        if isinstance(token, str):
            if text != self.draft.part_text(token):
                self.draft.set_part_text(token, text)
                self.refresh_outline()
            return
        path = self.draft.path_of(token) if isinstance(token, dict) else None
        if path is not None:
            self._store_body(path, text)

    def flush_editor(self) -> None:
        """Store what the editor shows now into the section it is bound to, without waiting for its
        change events (a kill or quit right after a keystroke must not lose it)."""
        editor = self.query_one(SectionEditor)
        token = editor.token
        heading = self.query_one("#heading", Input).value
        body = self.query_one("#body", TextArea).text
        if isinstance(token, str):
            if body != self.draft.part_text(token):
                self.draft.set_part_text(token, body)
            return
        path = self.draft.path_of(token) if isinstance(token, dict) else None
        if path is None:
            return
        if token["heading"] != heading:
            self.draft.set_heading(path, heading)
        if body != self.draft.body_text(path):
            self.draft.set_body_text(path, body)

    def _store_body(self, path: Path_, text: str) -> None:
        if text != self.draft.body_text(path):  # loading a point never rewrites it
            self.draft.set_body_text(path, text)
            self.refresh_outline()

    def action_undo(self) -> None:
        """Undo headings, text, inserts and structure alike, and go back to where it happened."""
        self._history(self.draft.undo, "没有可撤销的操作")

    def action_redo(self) -> None:
        self._history(self.draft.redo, "没有可重做的操作")

    def _history(self, step, nothing: str) -> None:
        done, where = step()
        if not done:
            self.notify(nothing)
            return
        self.current = None
        if not self.draft.sections:
            self.draft.sections.append(blank_section())
        if isinstance(where, tuple):
            while where and not self._exists(where):
                where = where[:-1] if len(where) > 1 else (where[0] - 1,) if where[0] > 0 else ()
        self.select(where or (0,))

    def action_add_point(self) -> None:
        """A new point after the current one, at its level (first after 开场白, last before 结束语)."""
        if self.part == "opening":
            self.select(self.draft.add_section(first=True))
        elif self.part == "closing":
            self.select(self.draft.add_section(None))
        else:
            self.select(self.draft.add_section(self.current))
        self.query_one("#heading", Input).focus()

    def action_add_child(self) -> None:
        """A new sub-point at the end of the current point."""
        if self.current is None or self.part is not None or len(self.current) >= MAX_DEPTH:
            return
        self.select(self.draft.add_child(self.current))
        self.query_one("#heading", Input).focus()

    def action_remove(self) -> None:
        if self.current is None or self.part is not None:
            return
        path = self.current
        s = self.draft.section(path)
        name = s["heading"].strip() or "这一部分"

        def done(ok: bool | None) -> None:
            if ok:
                nxt = self.draft.remove(path)
                if not self.draft.sections:  # part of the same undo step
                    self.draft.sections.append(blank_section())
                    nxt = (0,)
                self.current = None
                self.select(nxt or (0,))
        if progress.status(s) == progress.EMPTY and not s["children"]:
            done(True)
        else:
            self.app.push_screen(ConfirmScreen(f"删除“{name}”及其下全部内容？", "删除"), done)

    def _exists(self, path: Path_) -> bool:
        try:
            self.draft.section(path)
        except (IndexError, KeyError):
            return False
        return True

    def action_move(self, delta: int) -> None:
        if self.current is None or self.part is not None:
            return
        self.current = self.draft.move(self.current, delta)
        self.draft.focus = self.current
        self.refresh_outline(follow=True)

    def action_list_move(self, delta: int) -> None:
        from textual.actions import SkipAction

        ol = self.query_one(SectionList)
        if self.app.focused is not ol:
            raise SkipAction()
        ol.action_cursor_down() if delta > 0 else ol.action_cursor_up()
        path = ol.path_at(ol.highlighted)
        if path is not None and path != self.current:
            self.select(path, follow=False)

    def action_toggle_done(self) -> None:
        """The writer says this point is done (●), or not yet: saved in the spec as `done: true`."""
        if self.current is None or self.part is not None:
            return
        done = not self.draft.section(self.current).get("done")
        self.draft.set_done(self.current, done)
        self.refresh_outline()
        self.notify("已标记为完成" if done else "已取消完成标记")

    def action_search(self) -> None:
        self.query_one("#phrase-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(SectionList).focus()

    def action_reset_formula(self) -> None:
        """Drop the writer's own 开场白/结束语: the outline's formula is used again (empty list)."""
        part = self.part
        if part is None:
            return
        if not self.draft.data.get(part):
            self.notify(f"{PARTS[part]}已在套用公式")
            return

        def done(ok: bool | None) -> None:
            if ok:
                self.draft.set_part_text(part, "")
                self.select_part(part)
                self.notify(f"{PARTS[part]}已恢复为大纲公式")
        self.app.push_screen(ConfirmScreen(f"清除自拟的{PARTS[part]}，恢复为大纲公式？", "恢复"), done)

    def action_use_formula(self) -> None:
        """Start 开场白/结束语 from the formula's text, to be edited."""
        part = self.part
        if part is None:
            return
        lines = self.formulas.get(part)
        if not lines:
            self.notify("公式文字尚未生成，请稍候", severity="warning")
            return
        if self.draft.data.get(part):
            self.notify(f"{PARTS[part]}已有自拟内容；如需重来，先按 Ctrl+T 恢复公式", severity="warning")
            return
        self.draft.set_part_text(part, "\n".join(lines))
        self.select_part(part)
        self.query_one("#body", TextArea).focus()
