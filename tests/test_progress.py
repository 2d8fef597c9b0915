"""Progress bars go to a terminal's stderr only: never into pipes, files or stdout."""

from __future__ import annotations

import io
import sys

from drafter.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stderr, total=30, threshold=1):
    out = io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, stderr
    try:
        with progress("mining", total, threshold=threshold) as advance:
            for _ in range(total):
                print("result line")
                advance()
    finally:
        sys.stdout, sys.stderr = old
    return out.getvalue(), stderr.getvalue()


def test_a_terminal_stderr_gets_the_bar_and_stdout_only_the_results():
    out, err = _run(_Terminal())
    assert "mining" in err
    assert out == "result line\n" * 30


def test_a_piped_stderr_gets_nothing():
    out, err = _run(io.StringIO())
    assert err == "" and out == "result line\n" * 30


def test_small_jobs_get_no_bar_even_on_a_terminal():
    _, err = _run(_Terminal(), total=3, threshold=20)
    assert err == ""


def test_lint_of_a_large_bank_shows_progress_on_a_terminal(tmp_path, monkeypatch):
    from drafter.phrases import curate
    from drafter.phrases.bank import Bank, Entry, format_bank

    bank = tmp_path / "b.yaml"
    bank.write_text(format_bank(Bank("b", "b", [Entry(f"b-{i}", f"压实责任第{i}条", "connective") for i in range(30)])),
                    encoding="utf-8")
    monkeypatch.setattr(curate, "PROGRESS_ENTRIES", 10)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    curate.lint([bank])
    assert "linting" in terminal.getvalue()
