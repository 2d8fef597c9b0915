"""`drafter tui [SPEC]`: opens a spec, shows its title, quits on ctrl+q; a bad spec opens the UI with the problem shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.tui.app import DrafterApp
from drafter.tui.screens.walker import WalkerScreen
from tui_support import screen_text, settle

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-party-building.yaml"
TITLE = "在全县基层党建工作会议上的讲话"


def _drafter(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, **kw)


async def test_opening_a_spec_shows_its_title_and_ctrl_q_exits_0(tmp_path):
    spec = tmp_path / "spec.yaml"
    shutil.copy(EXAMPLE, spec)
    before = spec.read_bytes()
    app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WalkerScreen)
        assert TITLE in screen_text(app)
        assert "统一思想，充分认识做好新时代" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert spec.read_bytes() == before  # opened and closed without edits: the writer's file is untouched


BAD_SPECS = [
    (None, "文件不存在"),
    ("outline: [\n", "第2行"),
    ("- just\n- a list\n", "第1行"),
    ("outline: work-meeting\nfacts: {topic: x}\nsections:\n  - heading: a\n    role: [a]\n", "role"),
    ("outline: work-meeting\nfacts: {topic: x}\nsections:\n  - heading: a\n    role: {a: b}\n", "role"),
    ("outline: work-meeting\nfacts: {topic: x}\nsections:\n  - heading: {a: b}\n", "heading"),
    ("outline: work-meeting\nfacts: [a]\nsections: []\n", "facts"),
]


@pytest.mark.parametrize("content, expected", BAD_SPECS)
async def test_a_bad_spec_opens_the_ui_with_the_problem_in_chinese(tmp_path, content, expected):
    from drafter.tui.screens.export import ProblemScreen
    from drafter.tui.screens.start import StartScreen

    spec = tmp_path / "spec.yaml"
    if content is not None:
        spec.write_text(content, encoding="utf-8")
    app = DrafterApp(spec, drafts_folder=tmp_path / "drafts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ProblemScreen)
        text = screen_text(app)
        assert "无法打开 spec.yaml" in text and expected in text
        shown = " ".join(app.screen.lines).replace("spec.yaml", "")
        words = [w for w in __import__("re").findall(r"[A-Za-z]{3,}", shown) if w not in ("YAML", "role", "heading", "facts", "outline", "sections")]
        assert not words, shown  # no English sentence, only the file's own keys
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen)  # the writer goes on from the start screen
    assert app.return_code in (None, 0)


@pytest.mark.skipif(not shutil.which("script"), reason="needs util-linux `script` for a pseudo-terminal")
def test_cli_opens_the_example_in_a_terminal_and_quits_on_ctrl_q(tmp_path):
    spec = tmp_path / "spec.yaml"
    shutil.copy(EXAMPLE, spec)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), COLUMNS="80", LINES="24", TERM="xterm-256color")
    cmd = f"{sys.executable} -m drafter tui {spec}"
    proc = subprocess.Popen(["script", "-qec", cmd, "/dev/null"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    time.sleep(4)
    proc.stdin.write(b"\x11")  # ctrl+q
    proc.stdin.flush()
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert TITLE.encode() in out


def _python_pid(marker: str) -> int:
    """The pid of our `python -m drafter tui <marker>` (not the `script` or shell around it)."""
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            argv = (d / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"-m" in argv and b"drafter" in argv and marker.encode() in argv and b"-qec" not in argv \
                and not argv[0].endswith(b"sh"):
            return int(d.name)
    raise AssertionError("drafter tui process not found")


@pytest.mark.skipif(not shutil.which("script") or not Path("/proc").is_dir(), reason="needs `script` and /proc")
def test_a_killed_app_saves_the_last_edit_first(tmp_path):
    """SIGTERM right after typing (before the autosave delay) still leaves the edit on disk."""
    import signal

    spec = tmp_path / "killed.yaml"
    shutil.copy(Path(__file__).resolve().parent / "tui_fixture_spec.yaml", spec)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), COLUMNS="80", LINES="24", TERM="xterm-256color")
    proc = subprocess.Popen(["script", "-qec", f"{sys.executable} -m drafter tui {spec}", "/dev/null"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        time.sleep(4)
        proc.stdin.write("临终编辑".encode())  # the body editor has the focus on open
        proc.stdin.flush()
        time.sleep(0.15)
        os.kill(_python_pid(str(spec)), signal.SIGTERM)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "临终编辑" in spec.read_text(encoding="utf-8")


@pytest.mark.skipif(not shutil.which("script") or not Path("/proc").is_dir(), reason="needs `script` and /proc")
def test_a_closed_terminal_ends_the_app_and_frees_the_draft(tmp_path, monkeypatch):
    """A hang-up (the terminal window closed, ssh gone) saves and ends the UI even though Textual's own
    shutdown would wait for ever to write to the vanished terminal, and the draft can be opened again."""
    from drafter import speclock

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    spec = tmp_path / "hangup.yaml"
    shutil.copy(Path(__file__).resolve().parent / "tui_fixture_spec.yaml", spec)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), COLUMNS="80", LINES="24", TERM="xterm-256color")
    proc = subprocess.Popen(["script", "-qec", f"{sys.executable} -m drafter tui {spec}", "/dev/null"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    pid = None
    try:
        time.sleep(4)
        pid = _python_pid(str(spec))
        assert not speclock.hold(spec)  # the UI holds the draft
        proc.kill()  # `script` gone: its pseudo-terminal hangs up on the UI
        proc.communicate(timeout=30)
        deadline = time.monotonic() + 15
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not Path(f"/proc/{pid}").exists(), "the UI is still running after its terminal closed"
        assert speclock.hold(spec)
    finally:
        speclock.release(spec)
        if pid is not None and Path(f"/proc/{pid}").exists():
            os.kill(pid, 9)
