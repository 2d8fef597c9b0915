"""One browser tab of `drafter serve SPEC`: the spec opens for editing in one tab at a time.

textual-serve starts a UI process per tab. Two tabs editing the same spec would
autosave over each other, so a tab first takes the spec's lock (`drafter.speclock`,
the same lock every UI window takes when it opens a draft) and keeps it as it becomes
the UI. A second tab gets a short page in Chinese instead: the draft is open in another
tab; 重试 opens it once that tab is closed, 新建或打开其他稿件 goes to the start screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from drafter.speclock import try_lock

BUSY_TITLE = "这份讲话稿已在另一个浏览器标签页中打开"
BUSY_TEXT = ("为避免两处同时修改、互相覆盖，同一份讲话稿一次只能在一个标签页中编辑。\n"
             "请回到原来的标签页继续编辑；关闭那个标签页后，点“重试”即可在这里打开。")


def _run_ui(spec: Path | None, fd: int | None) -> None:
    """Replace this process with `drafter tui [SPEC]`, the lock descriptor passed on (held until it ends)."""
    if fd is not None:
        os.set_inheritable(fd, True)
    args = [sys.executable, "-m", "drafter", "tui"] + ([str(spec)] if spec is not None else [])
    os.execv(sys.executable, args)


def busy_app(spec: Path):
    """The page a second tab shows: why it cannot edit the spec, 重试 and 新建或打开其他稿件."""
    from textual.app import App, ComposeResult
    from textual.containers import Center, Vertical
    from textual.widgets import Button, Static

    class Busy(App):
        CSS = """
        Vertical { width: 72; height: auto; padding: 1 2; border: round $warning; }
        #title { text-style: bold; margin-bottom: 1; }
        #retry-note { color: $warning; height: auto; }
        Button { margin: 1 1 0 0; }
        """
        TITLE = "drafter 讲话稿起草"

        def compose(self) -> ComposeResult:
            with Center(), Vertical():
                yield Static(BUSY_TITLE, id="title")
                yield Static(f"文件：{spec.name}\n\n{BUSY_TEXT}", id="text")
                yield Static("", id="retry-note")
                yield Button("重试", id="retry", variant="primary")
                yield Button("新建或打开其他稿件", id="other")

        def on_button_pressed(self, event: Button.Pressed) -> None:
            if event.button.id == "other":
                self.exit(("other", None))
                return
            fd = try_lock(spec)
            if fd is None:
                self.query_one("#retry-note", Static).update("仍在另一个标签页中打开，请先关闭那个标签页。")
            else:
                self.exit(("open", fd))

    return Busy()


def main(argv: list[str] | None = None) -> int:
    """`python -m drafter.serve_tab SPEC`: what `drafter serve SPEC` runs for each tab."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m drafter.serve_tab SPEC", file=sys.stderr)
        return 2
    spec = Path(args[0])
    fd = try_lock(spec)
    if fd is not None:
        _run_ui(spec, fd)
    choice = busy_app(spec).run()
    if choice is None:
        return 0
    what, fd = choice
    _run_ui(spec if what == "open" else None, fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
