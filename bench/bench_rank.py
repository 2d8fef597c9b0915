"""Ranking latency and bank load time over a synthetic 10,000-entry bank.

Builds a bank of N entries (default 10,000) from the committed banks' texts
recombined across functions and topics, writes it to a temp folder, then prints:
  - load time without the cache (YAML parse + validation) and with it (JSON index);
  - the first query (segmenting every entry once, jieba already loaded) and
    the median / p95 of later queries (target: < 20 ms a query after the first);
  - the first query of a new Ranker in a fresh process state with the token cache warm.

    python bench/bench_rank.py [--entries 10000] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_CACHE_DIR"] = str(Path(tmp) / "cache")
        from drafter.phrases import rank
        from drafter.phrases.bank import FUNCTIONS, Bank, Entry, format_bank, load_banks
        from drafter.phrases.patterns import TOPIC_KEYWORDS
        from drafter.segment import jieba

        rng = random.Random(4)
        source = [e for b in load_banks([ROOT / "phrasebanks"], use_cache=False) for e in b.entries]
        topics = list(TOPIC_KEYWORDS)
        functions = list(FUNCTIONS)
        entries = []
        for i in range(args.entries):
            a, b = rng.choice(source), rng.choice(source)
            text = a.text.rstrip("。！") + "，" + b.text.replace("{{", "").replace("}}", "").replace(" ", "")
            entries.append(Entry(f"syn-{i:05d}", text, rng.choice(functions), tags=rng.sample(topics, 2),
                                 era=rng.choice(["新时代", "新时代", "十七大时期", None]),
                                 count={"occurrences": rng.randint(1, 9), "documents": 1}))
        folder = Path(tmp) / "banks"
        folder.mkdir()
        (folder / "synthetic.yaml").write_text(format_bank(Bank("synthetic", "bench", entries)), encoding="utf-8")
        size = (folder / "synthetic.yaml").stat().st_size

        t = time.perf_counter()
        load_banks([folder], use_cache=False)
        cold = time.perf_counter() - t
        load_banks([folder])  # writes the cache
        t = time.perf_counter()
        banks = load_banks([folder])
        warm = time.perf_counter() - t

        jieba()  # paid once per process, before any query (the UI loads it off-thread at start)
        roles = ["importance", "review", "problems", "tasks", "leadership", "opening", "closing", "transition"]
        topic_words = ["基层党建", "乡村振兴", "干部队伍建设", "人才工作", "基层治理", "作风建设", "党员教育管理"]
        headings = ["统一思想，充分认识做好工作的重要性", "压实责任，狠抓落实", "聚焦重点，突出抓好村级组织建设", ""]
        ranker = rank.Ranker(banks)
        t = time.perf_counter()
        ranker.suggest("importance", "基层党建")
        first = time.perf_counter() - t
        times = []
        for _ in range(args.queries):
            q = (rng.choice(roles), rng.choice(topic_words), rng.choice(headings))
            t = time.perf_counter()
            ranker.suggest(*q)
            times.append(time.perf_counter() - t)
        rank._MEMORY.clear()  # as a new process would: the entries' words come from the JSON cache
        t = time.perf_counter()
        rank.Ranker(banks).suggest("tasks", "乡村振兴")
        first_cached = time.perf_counter() - t

    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"bank: {len(entries)} entries, {size / 1e6:.2f} MB of YAML")
    print(f"load, no cache (YAML + validation): {cold * 1000:8.1f} ms")
    print(f"load, index cache (JSON)          : {warm * 1000:8.1f} ms   ({cold / warm:.1f}x faster)")
    print(f"first query (segments every entry): {first * 1000:8.1f} ms")
    print(f"first query, entry words cached   : {first_cached * 1000:8.1f} ms")
    print(f"later queries ({len(times)}): median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms (target < 20 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
