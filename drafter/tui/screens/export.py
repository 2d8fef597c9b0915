"""Export dialog (.docx, .md, .txt through the build path) and the overwrite confirmation."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.errors import DrafterError, OutputExistsError
from drafter.tui import engine


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; Y or the button confirms, N or Esc refuses."""

    BINDINGS = [Binding("y", "answer(True)", "确定"), Binding("n,escape", "answer(False)", "取消")]

    def __init__(self, question: str, yes: str = "确定"):
        super().__init__()
        self.question, self.yes = question, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes}(Y)", variant="error", id="yes")
                yield Button("取消(N)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


MIME_TYPES = {  # stated, not guessed: a minimal system's mimetypes table may not know .docx
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def default_export_path(title: str, folder: Path | None = None) -> Path:
    name = re.sub(r'[\\/:*?"<>|\s]+', "", title)[:40] or "讲话稿"
    return (folder or Path.cwd()) / f"{name}.docx"


class ExportScreen(ModalScreen[Path | None]):
    """Ask for a path; the extension picks the format; never overwrite without asking."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("导出讲话稿", classes="pane-title")
            yield Label("保存为（扩展名决定格式：.docx / .md / .txt）", classes="hint")
            yield Input(id="export-path")
            yield Label("参考模板（.docx，可留空）：沿用其页面设置与样式", classes="hint")
            yield Input(id="export-reference", placeholder="例如 ~/模板/公文模板.docx")
            yield Static("", id="export-status")
            with Horizontal(classes="buttons"):
                yield Button("导出", variant="primary", id="do-export")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        inp = self.query_one("#export-path", Input)
        inp.value = str(default_export_path(self.app.derived_title or self.app.draft.facts.get("title", ""),
                                            self.app.export_folder))
        inp.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#do-export")
    def _go(self) -> None:
        self.start(force=False)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def start(self, force: bool) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._status("请填写文件路径", error=True)
            return
        problems = engine.export_problems(self.app.draft, self.app.outline)
        if problems:
            self._status("尚不能导出（按 Esc 返回补全）：\n" + "\n".join(f"· {p}" for p in problems), error=True)
            return
        path = Path(raw).expanduser()
        if path.suffix.lower() not in (".docx", ".md", ".txt"):
            path = path.with_name(path.name + ".docx")
        try:
            reference = engine.check_reference_doc(self.query_one("#export-reference", Input).value,
                                                   path.suffix.lower().lstrip("."))
        except DrafterError as exc:
            where = exc.location.path if exc.location else ""
            self._status(f"{exc.message}：{where}" if where else exc.message, error=True)
            self.query_one("#export-reference", Input).focus()
            return
        if path.exists() and not force:
            def answer(ok: bool | None) -> None:
                if ok:
                    self.start(force=True)
            self.app.push_screen(ConfirmScreen(f"“{path}”已存在，要覆盖吗？", "覆盖"), answer)
            return
        self._status("正在导出……")
        # the saved draft (unchanged file, or the autosave) is the spec that gets built
        self.app.save_now(force=not self.app.draft.path.exists())
        self.export(self.app.draft.path, path, force, reference)

    @work(thread=True, exclusive=True, group="export")
    def export(self, spec: Path, path: Path, force: bool, reference: Path | None = None) -> None:
        try:
            out, _warnings = engine.export(spec, path, force=force, reference_doc=reference)
        except OutputExistsError:
            self.app.call_from_thread(self._status, "文件已存在，未覆盖", True)
            return
        except DrafterError as exc:
            bad_reference = reference is not None and exc.location is not None \
                and exc.location.path == str(reference)
            prefix = "参考模板无法使用" if bad_reference else "导出失败"
            from drafter.tui.chinese import explain
            self.app.call_from_thread(self._status, f"{prefix}：{explain(exc)}", True)
            return
        except Exception:  # noqa: BLE001 - a broken reference .docx must not end the session
            if reference is None:
                raise
            self.app.call_from_thread(self._status, "参考模板无法使用：文件已损坏或不是 Word 文档", True)
            return
        self.app.call_from_thread(self._done, out)

    def _done(self, out: Path) -> None:
        self.app.export_folder = out.parent
        note = f"{out.name}\n位置：{out.parent}"
        if self.app.is_web:  # `drafter serve`: the browser's machine may not be this one, so offer the file
            self.app.deliver_binary(out, save_filename=out.name, mime_type=MIME_TYPES.get(out.suffix.lower()))
            note += "\n浏览器将下载此文件"
        self.app.notify(note, title="已导出")
        self.dismiss(out)

    def _status(self, text: str, error: bool = False) -> None:
        w = self.query_one("#export-status", Static)
        w.update(text)
        w.set_class(error, "-error")


class ProblemScreen(ModalScreen[None]):
    """A problem the writer must read (a file that cannot be opened, a save that failed): stays until dismissed."""

    BINDINGS = [Binding("enter,escape", "close", "知道了")]

    def __init__(self, title: str, lines: list[str], hint: str = "按回车或 Esc 继续"):
        super().__init__()
        self.heading, self.lines, self.hint = title, lines, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="problem-dialog"):
            yield Label(self.heading, classes="pane-title")
            yield Static("\n".join(f"· {x}" for x in self.lines), id="problem-lines")
            yield Label(self.hint, classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class SaveAsScreen(ModalScreen[Path | None]):
    """Another file for a draft that could not be saved where it was."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, current: Path):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-as-dialog"):
            yield Label("草稿未能保存：另存到其他位置", classes="pane-title")
            yield Static(f"原位置无法写入：{self.current}", classes="hint")
            yield Input(id="save-as-path")
            yield Static("", id="save-as-status")
            yield Label("回车保存，Esc 取消（修改仍未保存）", classes="hint")

    def on_mount(self) -> None:
        inp = self.query_one("#save-as-path", Input)
        inp.value = str(Path.home() / self.current.name)
        inp.focus()

    @on(Input.Submitted)
    def _go(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self.query_one("#save-as-status", Static).update("请填写文件路径")
            return
        path = Path(raw).expanduser()
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_name(path.name + ".yaml")
        if path.is_dir():
            self.query_one("#save-as-status", Static).update("这是文件夹，请写上文件名")
            return
        if path.exists():
            self.query_one("#save-as-status", Static).update("该文件已存在，请换一个文件名")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
