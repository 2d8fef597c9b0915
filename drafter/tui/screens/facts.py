"""Meeting facts: a form generated from the outline's fields, checked as the writer types."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static

from drafter.tui import engine
from drafter.tui.budget import DEFAULT_CHARS_PER_MINUTE
from drafter.tui.footer import FittedScreen, footer
from drafter.tui.messages import TitleChanged

# Length targets are part of the spec too (`targets:`), asked at the end of the form.
TARGET_FIELDS = (
    engine.FieldView("minutes", "讲话时长（分钟）", "int", example="20"),
    engine.FieldView("chars_per_minute", "语速（字/分钟）", "int", example=str(DEFAULT_CHARS_PER_MINUTE)),
)


# Layout settings (`style:`), offered as choices; the first of each is the default.
STYLE_CHOICES = {
    "preset": ("版式", [("标准公文字体（仿宋_GB2312 等）", "standard"), ("Windows 常用字体（仿宋、楷体、黑体）", "windows"),
                      ("读稿大字版", "podium")]),
    "page_numbers": ("页码位置", [("单页右、双页左", "outer"), ("居中", "center")]),
}


class FactsScreen(FittedScreen):
    FOOTER_DROP = ("goto('facts')",)  # already here
    BINDINGS = [
        Binding("ctrl+down", "app.focus_next", "下一项", show=False),
        Binding("ctrl+up", "app.focus_previous", "上一项", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="facts"):
            yield Static("", id="facts-title")
            for f in self._fields():
                with Vertical(classes="fact"):
                    yield Label(f.label + ("[b red] *[/]" if f.required else ""), classes="fact-label")
                    yield Input(placeholder=f"例：{f.example}" if f.example else f.help, id=f"fact-{f.name}",
                                compact=True, tooltip=f.help or None)
                    yield Static("", id=f"err-{f.name}", classes="fact-error")
            yield Label("篇幅目标", classes="pane-title")
            for f in TARGET_FIELDS:
                with Vertical(classes="fact"):
                    yield Label(f.label, classes="fact-label")
                    yield Input(placeholder=f"例：{f.example}", id=f"target-{f.name}", compact=True)
                    yield Static("", id=f"err-t-{f.name}", classes="fact-error")
            yield Label("版式", classes="pane-title")
            for name, (label, options) in STYLE_CHOICES.items():
                with Vertical(classes="fact"):
                    yield Label(label, classes="fact-label")
                    yield Select(options, id=f"style-{name}", allow_blank=False, value=options[0][1], compact=True)
        yield footer()

    def _fields(self) -> list[engine.FieldView]:
        outline = self.app.outline
        return list(outline.fields) if outline else []

    def on_mount(self) -> None:
        draft = self.app.draft
        for f in self._fields():
            self.query_one(f"#fact-{f.name}", Input).value = engine.fact_text(draft.facts.get(f.name))
        for f in TARGET_FIELDS:
            self.query_one(f"#target-{f.name}", Input).value = engine.fact_text(draft.targets.get(f.name))
        for name, (_label, options) in STYLE_CHOICES.items():
            value = (draft.data.get("style") or {}).get(name)
            if value in [v for _l, v in options]:
                self.query_one(f"#style-{name}", Select).value = value
        self._show_title(self.app.derived_title)
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    def on_title_changed(self, msg: TitleChanged) -> None:
        self._show_title(msg.title)

    def _show_title(self, title: str) -> None:
        outline = self.app.outline
        head = f"【{outline.name}】" if outline else ""
        self.query_one("#facts-title", Static).update(f"{head}{title or '（填写要素后生成标题）'}")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        wid = event.input.id or ""
        draft = self.app.draft
        if wid.startswith("fact-"):
            if engine.fact_text(draft.facts.get(wid[5:])) == event.value.strip():
                self._error(f"#err-{wid[5:]}", None)  # back to the saved value: the error is gone
                return  # loaded, not edited: keep the spec's own value (and type) untouched
        elif wid.startswith("target-"):
            if engine.fact_text(draft.targets.get(wid[7:])) == event.value.strip():
                self._error(f"#err-t-{wid[7:]}", None)
                return
        if wid.startswith("fact-"):
            f = self.app.outline.field(wid[5:]) if self.app.outline else None
            if f is None:
                return
            value = engine.parse_fact(f, event.value)
            error = engine.validate_fact(f, value)
            self._error(f"#err-{f.name}", error)
            if error is None or value is None:
                self.app.draft.set_fact(f.name, value)
        elif wid.startswith("target-"):
            f = next(t for t in TARGET_FIELDS if t.name == wid[7:])
            value = engine.parse_fact(f, event.value)
            error = engine.validate_fact(f, value)
            if error is None and value is not None and value <= 0:
                error = "请填写正整数"
            self._error(f"#err-t-{f.name}", error)
            if error is None:
                self.app.draft.set_target(f.name, value)

    @on(Select.Changed)
    def _style(self, event: Select.Changed) -> None:
        name = (event.select.id or "")[6:]
        if name not in STYLE_CHOICES:
            return
        default = STYLE_CHOICES[name][1][0][1]
        current = (self.app.draft.data.get("style") or {}).get(name, default)
        if event.value != current:
            self.app.draft.set_style(name, None if event.value == default else event.value)

    @on(Input.Submitted)
    def _next(self, _event: Input.Submitted) -> None:
        self.app.action_focus_next()

    def _error(self, selector: str, error: str | None) -> None:
        w = self.query_one(selector, Static)
        w.update(error or "")
        w.set_class(bool(error), "-shown")
