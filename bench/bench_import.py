"""`drafter import` of an old speech: the first on a machine (empty per-user cache) and later ones.

The speech is an example built to .txt (as an office would keep last year's speech). Each figure
is the best of --repeat runs of `drafter import` in a fresh process; the first-ever runs each get a
new, empty cache folder, so jieba's per-character index starts from nothing. The two kinds of run
alternate, so a slow spell of a shared machine lands on both. CPU is user + system of the child.

    python bench/bench_import.py [--repeat 3] [--spec examples/county-party-building.yaml] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import bench_build

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd` (bench_build's timer)."""
    wall = bench_build.timed(cmd, env=env)
    return wall, bench_build.CPU_LAST[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs of each kind; the best is kept (default 3)")
    ap.add_argument("--spec", default=str(ROOT / "examples" / "county-party-building.yaml"),
                    help="the example to build into the old speech")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    drafter = [sys.executable, "-m", "drafter"]
    with tempfile.TemporaryDirectory(prefix="drafter-bench-import-") as tmp:
        tmpdir = Path(tmp)
        old = tmpdir / "old.txt"
        env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmpdir / "warm-cache"))
        timed(drafter + ["build", "-q", args.spec, "-o", str(old), "--format", "txt"], env)
        cmd = drafter + ["import", str(old), "-o", str(tmpdir / "spec.yaml"), "--force"]
        timed(cmd, env)  # the warm cache: filled once
        first, later = [], []
        for i in range(args.repeat):
            first.append(timed(cmd, dict(os.environ, DRAFTER_CACHE_DIR=str(tmpdir / f"new-machine-{i}"))))
            later.append(timed(cmd, env))
    result = {"first_ever_s": round(min(w for w, _ in first), 3), "first_ever_cpu_s": round(min(c for _, c in first), 3),
              "later_s": round(min(w for w, _ in later), 3), "later_cpu_s": round(min(c for _, c in later), 3),
              "spec": Path(args.spec).name, "load_average": round(os.getloadavg()[0], 2), "cpu_count": os.cpu_count()}
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"drafter import of {result['spec']} built to .txt, best of {args.repeat}:")
    print(f"  first on a machine (empty cache): {result['first_ever_s']:.3f} s (CPU {result['first_ever_cpu_s']:.3f} s)")
    print(f"  later:                            {result['later_s']:.3f} s (CPU {result['later_cpu_s']:.3f} s)")
    print(f"load average while measured: {result['load_average']} on {result['cpu_count']} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
