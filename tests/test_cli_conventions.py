"""CLI conventions: no screen drawn into a pipe, usage errors for bad counts."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _drafter(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, **kwargs)


def test_bare_drafter_without_a_terminal_prints_help_and_exits_2():
    result = _drafter()
    assert result.returncode == 2
    assert "usage: drafter" in result.stderr and "no terminal" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr  # no screen drawn into the pipe


@pytest.mark.parametrize("workers, message", [("0", "at least 1"), ("-1", "at least 1"), ("two", "whole number")])
def test_mine_workers_must_be_a_positive_whole_number(tmp_path, workers, message):
    result = _drafter("mine", "seeds", "-o", str(tmp_path / "out"), "--workers", workers)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_command_builds_only_its_own_parser_but_help_and_typos_list_every_command():
    from drafter.cli import available_commands, build_parser, main

    def choices(parser):
        sub = next(a for a in parser._actions if a.dest == "command")
        return set(sub.choices)

    assert choices(build_parser("build")) == {"build"}
    assert choices(build_parser(None)) == set(available_commands())
    assert choices(build_parser("bogus")) == set(available_commands())
    with pytest.raises(SystemExit) as exc:
        main(["bogus"])
    assert exc.value.code == 2
