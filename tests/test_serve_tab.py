"""`drafter serve SPEC`: the spec is edited in one browser tab at a time; a second tab says so in Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from drafter.serve_tab import BUSY_TITLE, busy_app
from drafter.speclock import lock_file, try_lock


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def _holder(spec, tmp_path) -> subprocess.Popen:
    """Another tab's UI process: holds the spec's lock until it is ended."""
    code = ("import sys, time; from pathlib import Path; from drafter.speclock import try_lock; "
            "fd = try_lock(Path(sys.argv[1])); print('held' if fd is not None else 'busy', flush=True); "
            "time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(spec)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "DRAFTER_CACHE_DIR": os.environ["DRAFTER_CACHE_DIR"]})
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_tab_cannot_take_the_spec_until_the_first_ends(tmp_path):
    spec = tmp_path / "讲话.yaml"
    spec.write_text("outline: work-meeting\n", encoding="utf-8")
    first = _holder(spec, tmp_path)
    try:
        assert try_lock(spec) is None
        assert try_lock(tmp_path / "另一份.yaml") is not None  # other specs are free
    finally:
        first.kill()
        first.wait()
    deadline = time.monotonic() + 10
    fd = None
    while fd is None and time.monotonic() < deadline:  # freed by the system when the holder ends
        fd = try_lock(spec)
    assert fd is not None
    os.close(fd)


def test_two_spellings_of_one_spec_share_the_lock(tmp_path, monkeypatch):
    spec = tmp_path / "讲话.yaml"
    monkeypatch.chdir(tmp_path)
    assert lock_file(spec) == lock_file(tmp_path / "." / "讲话.yaml") == lock_file(type(spec)("讲话.yaml"))


async def test_the_second_tab_explains_in_chinese_and_retries(tmp_path):
    spec = tmp_path / "讲话.yaml"
    first = _holder(spec, tmp_path)
    try:
        app = busy_app(spec)
        async with app.run_test() as pilot:
            text = " ".join(str(w.render()) for w in app.query("Static"))
            assert BUSY_TITLE in text and "讲话.yaml" in text and "重试" in [str(b.label) for b in app.query("Button")]
            await pilot.click("#retry")
            await pilot.pause()
            assert "仍在另一个标签页中打开" in str(app.query_one("#retry-note").render())
            assert app.is_running
    finally:
        first.kill()
        first.wait()
    app = busy_app(spec)
    async with app.run_test() as pilot:
        deadline = time.monotonic() + 10
        while app.is_running and time.monotonic() < deadline:
            await pilot.click("#retry")
            await pilot.pause()
    what, fd = app.return_value
    assert what == "open" and fd is not None
    os.close(fd)
