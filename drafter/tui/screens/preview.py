"""Preview: the speech as it will read, its length budget and `drafter check` findings."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from drafter.errors import DrafterError
from drafter.tui import engine
from drafter.tui.budget import Budget, format_minutes, speech_budget
from drafter.tui.footer import FittedScreen, footer
from drafter.tui.widgets.wrapped import WrappedStatic

SEVERITY = {"error": ("错误", "bold red"), "warning": ("提醒", "yellow"), "info": ("提示", "dim")}


def budget_text(b: Budget) -> Text:
    t = Text()
    t.append("篇幅\n", style="bold")
    t.append(f"全文 {b.chars} 字，约 {format_minutes(b.minutes)}")
    if b.target_minutes:
        diff = b.minutes - b.target_minutes
        style = "green" if abs(diff) <= b.target_minutes * 0.1 else ("yellow" if diff < 0 else "red")
        t.append(f" / 目标 {format_minutes(b.target_minutes)}", style=style)
    t.append(f"（每分钟 {b.chars_per_minute} 字）\n", style="dim")
    for s in b.sections:  # the same figures as the walker's 本部分 N/M字 (budget.point_targets)
        t.append(f"{s.label[:14]}", style="bold")
        t.append(f"  {s.chars}")
        if s.target_chars:
            r = s.chars / s.target_chars
            style = "green" if 0.8 <= r <= 1.2 else ("yellow" if r < 0.8 else "red")
            t.append(f"/{s.target_chars}", style=style)
        t.append(f"字 {format_minutes(s.minutes)}\n")
    return t


def findings_text(findings: list, updates: list[str] = ()) -> Text:
    """The check findings, then (for a draft imported from an old speech) what import marked 待更新."""
    t = Text()
    t.append(f"检查（{len(findings)}）\n", style="bold")
    if not findings:
        t.append("未发现问题\n", style="green")
    for f in findings:
        label, style = SEVERITY.get(getattr(f, "severity", "info"), ("提示", "dim"))
        where = getattr(f, "location", None) or (f"第{f.line}行" if getattr(f, "line", None) else "")
        t.append(f"[{label}] ", style=style)
        t.append(f"{where} {f.message}\n" if where else f"{f.message}\n")
    if updates:
        t.append(f"\n旧稿待更新（{len(updates)}）\n", style="bold")
        for u in updates:
            t.append("[待更新] ", style="yellow")
            t.append(f"{u}\n")
    return t


class PreviewScreen(FittedScreen):
    FOOTER_DROP = ("goto('preview')",)  # already here
    BINDINGS = [Binding("ctrl+g", "refresh_preview", "刷新", priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="preview"):
            with VerticalScroll(id="preview-text-box"):
                yield WrappedStatic("正在生成预览……", id="preview-text")
            with VerticalScroll(id="preview-side"):
                yield Static("", id="budget")
                yield Static("", id="findings")
        yield footer()

    def on_mount(self) -> None:
        self.query_one("#preview-text-box").focus()
        self.action_refresh_preview()

    def action_refresh_preview(self) -> None:
        self.build(engine.lenient_data(self.app.draft.spec_data(), self.app.outline))

    @work(thread=True, exclusive=True, group="preview")
    def build(self, data: dict) -> None:
        app = self.app
        try:
            speech = engine.render(data, app.outlines, app.banks)
            text = engine.speech_text(speech)
        except DrafterError as exc:
            from drafter.tui.chinese import explain
            app.call_from_thread(self.show, f"暂时无法预览：\n{explain(exc)}", Text(), Text(), "red")
            return
        outline = app.outline
        weights = []
        if outline:
            views = {s.role: s for s in outline.sections}
            for sec in speech.sections:
                v = views.get(sec.role)
                weights.append(v.target_chars if v else None)
        budget = speech_budget(speech, data.get("targets"), weights)
        findings = engine.check(speech, data.get("targets"))
        updates = app.import_updates.get(app.draft.path, []) if app.draft is not None else []
        if app.draft is not None and not updates:  # reopened: the notes kept in the spec
            from drafter.tui.oldspeech import note_lines, place_notes

            updates = note_lines(place_notes(app.draft.spec_data(), app.draft.update_notes))
        app.call_from_thread(self.show, text, budget_text(budget), findings_text(findings, updates))

    def show(self, text: str, budget: Text, findings: Text, style: str = "") -> None:
        self.query_one("#preview-text", WrappedStatic).update(text, style)
        self.query_one("#budget", Static).update(budget)
        self.query_one("#findings", Static).update(findings)
