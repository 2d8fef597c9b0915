"""`drafter phrases lint` of a large synthetic bank: wall time and peak memory.

Builds a bank of N entries (default 100,000) from the committed banks' texts:
recombined pairs of entries, and one in five a near copy of an earlier entry
(one character changed), so the near-duplicate pass has real work. Then runs
`drafter phrases lint` on it in a fresh process and prints its wall time and
peak resident memory (CPU seconds too: on a shared machine wall time
includes waiting for a core). Goal: 100,000 entries in < 30 s.

    python bench/bench_lint.py [--entries 100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_S = 30.0


def synthetic_bank(n: int, seed: int = 4):
    from drafter.phrases.bank import FUNCTIONS, Bank, Entry, load_banks

    rng = random.Random(seed)
    source = [e for b in load_banks([ROOT / "phrasebanks"], use_cache=False) for e in b.entries]
    functions = [f for f in FUNCTIONS if not f.startswith("section.")] or list(FUNCTIONS)
    fillers = "的和在对把将为以于中上下好大新强实"
    entries: list[Entry] = []
    for i in range(n):
        if entries and rng.random() < 0.2:  # a near copy of an earlier entry
            base = rng.choice(entries)
            chars = list(base.text)
            at = rng.randrange(len(chars))
            if "\u4e00" <= chars[at] <= "\u9fff":
                chars[at] = rng.choice(fillers)
            text, function = "".join(chars), base.function
        else:
            a, b = rng.choice(source), rng.choice(source)
            text = a.text.rstrip("。！") + "，" + b.text
            function = rng.choice(functions)
        entries.append(Entry(f"syn-{i:06d}", text, function, tags=[], era=None,
                             count={"occurrences": rng.randint(5, 9), "documents": rng.randint(2, 5)}))
    return Bank("synthetic", "bench_lint", entries)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    from drafter.phrases.bank import format_bank

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.yaml"
        path.write_text(format_bank(synthetic_bank(args.entries)), encoding="utf-8")
        env = dict(os.environ, DRAFTER_CACHE_DIR=str(Path(tmp) / "cache"))
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "drafter", "phrases", "lint", str(path)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
        seconds = time.perf_counter() - t
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        findings = proc.stdout.count(b"\n")
    result = {"entries": args.entries, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
              "peak_rss_mb": round(peak_kb / 1024, 1),
              "findings": findings, "near_duplicates": proc.stdout.count("nearly the same as".encode()),
              "exit": proc.returncode, "goal_s": GOAL_S, "goal_met": seconds < GOAL_S}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"drafter phrases lint, {args.entries} entries: {seconds:.2f} s ({cpu:.2f} s CPU), peak RSS {result['peak_rss_mb']} MB, "
              f"{findings} findings ({result['near_duplicates']} near duplicates); goal < {GOAL_S:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
