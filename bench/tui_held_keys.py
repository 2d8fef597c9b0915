"""Held-key race in a real terminal: does navigation alone ever move a heading?

Runs `drafter tui` on a copy of each example spec inside tmux (80x24 by
default), focuses the outline (Ctrl+L), sends bursts of Down/Up about 30 ms
apart (a held key), then walks the outline at a normal pace, quits, and
compares the saved spec's headings and paragraphs with the original's.
Prints one line per spec and exits non-zero when anything moved.

    python bench/tui_held_keys.py [--size 80x24] [--rounds 3] [examples/*.yaml]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def keys(session: str, *names: str, gap: float = 0.03) -> None:
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(gap)


def wait_for(session: str, text: str, timeout: float = 30.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if text in tmux("capture-pane", "-p", "-t", session):
            return True
        time.sleep(0.2)
    return False


def content(path: Path) -> list[tuple]:
    """(heading, paragraphs) of every section, depth first (what navigation must never change)."""
    from drafter.yamlsrc import load_yaml

    out: list[tuple] = []

    def rec(items, prefix=()):
        for i, s in enumerate(items or []):
            out.append((prefix + (i,), s.get("heading"), tuple(map(str, s.get("paragraphs") or []))))
            rec(s.get("children"), prefix + (i,))
    rec(load_yaml(path).data.get("sections"))
    return out


def run(spec: Path, size: str, rounds: int) -> list[str]:
    width, height = size.split("x")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / spec.name
        shutil.copy(spec, copy)
        before = content(copy)
        session = f"race{int(time.time() * 1000) % 10**8}"
        cmd = f"cd {tmp} && XDG_DATA_HOME={tmp} {sys.executable} -m drafter tui {copy.name}"
        tmux("new-session", "-d", "-s", session, "-x", width, "-y", height, cmd)
        try:
            if not wait_for(session, "完成"):
                return ["the UI did not start"]
            time.sleep(1.5)
            keys(session, "C-l", gap=0.3)
            for _ in range(rounds):
                keys(session, *["Down"] * 6, *["Up"] * 6, *["Down"] * 3)  # held keys
                keys(session, *["Down"] * (len(before) + 2), gap=0.25)  # a normal walk
                keys(session, *["Up"] * (len(before) + 2), gap=0.03)
            time.sleep(1.5)
            keys(session, "C-q", gap=1.0)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        after = content(copy)
    moved = [f"{'.'.join(str(i + 1) for i in a[0])}: {a[1]!r} -> {b[1]!r}" for a, b in zip(before, after) if a != b]
    if len(before) != len(after):
        moved.append(f"{len(before)} sections before, {len(after)} after")
    return moved


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("specs", nargs="*", type=Path)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    specs = args.specs or sorted((ROOT / "examples").glob("*.yaml"))
    bad = 0
    for spec in specs:
        moved = run(spec, args.size, args.rounds)
        bad += bool(moved)
        print(f"{spec.name}: {'OK, every heading where it was' if not moved else f'{len(moved)} changed'}")
        for m in moved:
            print("   ", m)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
