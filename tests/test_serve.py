"""`drafter serve`: the drafting UI in a browser through textual-serve, on loopback only."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import CHROMIUM, screenshot

from drafter.serving import ServeError, ServeOptions, check_port, is_loopback, serve, ui_command

pytest.importorskip("textual_serve", reason="the web extra (textual-serve) is not installed")

START_SCREEN = "选择讲话类型"  # the start screen's heading


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processes_with_env(marker: str) -> list[int]:
    """Pids of processes whose environment mentions `marker` (our UI processes, by their data dir)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def server(tmp_path):
    """A `drafter serve` process on a free loopback port, with its own drafts folder."""
    port = _free_port()
    data = tmp_path / "xdg-data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in banner, banner + proc.stderr.read()
    yield proc, port, str(data)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for pid in _processes_with_env(str(data)):
        os.kill(pid, signal.SIGKILL)


async def _first_screen(port: int, expect: str, seconds: float = 40) -> str:
    """Open the app's websocket as the page does and collect the screen until `expect` shows."""
    import aiohttp

    text = ""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200
            html = await page.text()
            assert "drafter 讲话稿起草" in html and f"ws://127.0.0.1:{port}/ws" in html
        async with session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            data = b""
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=1)
                except asyncio.TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    data += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    data += message.data.encode()
                else:
                    break
                text = "".join(re.findall(r"[\u3000-\u9fff\uff00-\uffef]+", data.decode("utf-8", "replace")))
                if expect in text:
                    break
    return text


def test_serve_shows_the_chinese_start_screen_and_stops_cleanly(server):
    proc, port, data = server
    text = asyncio.run(_first_screen(port, START_SCREEN))
    assert START_SCREEN in text
    proc.send_signal(signal.SIGINT)  # Ctrl+C
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped" in out
    time.sleep(0.5)
    assert _processes_with_env(data) == [], "a UI process outlived the server"


def test_a_busy_port_is_a_clear_error_not_a_traceback():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "drafter", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "--port" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("port", [0, 70000])
def test_a_port_out_of_range_is_refused(port):
    with pytest.raises(ServeError, match="between 1 and 65535"):
        check_port("127.0.0.1", port)


def test_only_loopback_addresses_count_as_private():
    assert is_loopback("127.0.0.1") and is_loopback("127.8.0.1") and is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_a_non_loopback_host_is_served_with_a_warning(monkeypatch):
    import textual_serve.server

    said = []
    monkeypatch.setattr("drafter.serving.check_port", lambda host, port: None)
    monkeypatch.setattr(textual_serve.server.Server, "serve", lambda self, debug=False: said.append("served"))
    serve(ServeOptions(host="0.0.0.0", port=8000), say=lambda *a, **k: said.append(" ".join(a)))
    assert any("anyone who can reach this machine" in s for s in said)
    assert "served" in said


def test_without_the_web_extra_serve_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    with pytest.raises(ServeError, match=r'pip install "drafter\[web\]"'):
        serve(ServeOptions(port=_free_port()))


def test_each_tab_runs_this_python_with_the_spec(tmp_path):
    spec = tmp_path / "草稿 1.yaml"
    command = ui_command(spec)
    assert command.startswith("exec ") and sys.executable in command
    assert "-m drafter.serve_tab" in command and f"'{spec.resolve()}'" in command
    assert ui_command(None).endswith("-m drafter tui")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_a_browser_loads_the_page_and_the_ui_draws_its_first_screen(server, tmp_path):
    """Headless Chromium loads the page; its websocket starts a UI process that draws the terminal.

    Set DRAFTER_SERVE_SCREENSHOT=shot.png to keep the screenshot and look at it (with a CJK font
    such as Debian's fonts-noto-cjk installed it shows the Chinese start screen).
    """
    proc, port, data = server
    shot = tmp_path / "serve.png"
    drawn = asyncio.run(screenshot(f"http://127.0.0.1:{port}/", shot, tmp_path / "profile",
                                   "document.body && document.body.classList.contains('-first-byte')"))
    assert drawn, "the page never received the UI's first bytes"
    assert _processes_with_env(data), "no UI process was started for the tab"
    assert shot.stat().st_size > 5_000
    keep = os.environ.get("DRAFTER_SERVE_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
