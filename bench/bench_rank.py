"""Ranking and search latency over a synthetic bank of N entries (default 10,000).

Builds a bank of N entries from the committed banks' texts recombined across
functions, topics, eras and scopes, writes it to a temp folder, then measures:
  - load time without the bank cache (YAML parse + validation) and with it (JSON);
  - the first query of a new Ranker (segments every entry once; jieba already loaded)
    and the first query when the entries' words come from the JSON cache (a new process);
  - later queries as `drafter suggest` and the UI make them (role, topic, heading, scope,
    date, outline): median and p95 (target: median < 20 ms at 100,000 entries);
  - the UI's search as you type (Ctrl+F), through drafter.tui.engine.PhraseIndex: the
    character index's build time, then median and p95 per keystroke query.

    python bench/bench_rank.py [--entries 10000] [--queries 200] [--json]

--json prints {median_ms, p95_ms, first_query_ms, …} (all times in milliseconds; *_cpu_ms are this
process's CPU time, which a shared machine's load does not inflate).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROLES = ["importance", "review", "problems", "tasks", "leadership", "methods", "opening", "closing", "transition"]
TOPICS = ["基层党建", "乡村振兴", "干部队伍建设", "人才工作", "基层治理", "作风建设", "党员教育管理", "安全生产", "营商环境"]
HEADINGS = ["统一思想，充分认识做好工作的重要性", "压实责任，狠抓落实", "聚焦重点，突出抓好村级组织建设", ""]
SCOPES = ["全县", "全市", "青田县", "全镇", "市直机关"]
OUTLINES = ["work-meeting", "annual-organisation", "theme-education", "rectification", "training-class"]
SEARCHES = ["党", "党建", "党建工作", "基层党建工作", "车头带", "农村集体经济", "软弱涣散", "一岗双责", "乡", "治理"]


def synthetic(n: int, rng: random.Random):
    from drafter.phrases.bank import FUNCTIONS, Bank, Entry, load_banks
    from drafter.phrases.patterns import TOPIC_KEYWORDS

    files = sorted(p for p in (ROOT / "phrasebanks").glob("*.yaml") if p.name == "curated.yaml" or p.name.startswith("mined-"))
    source = [e for b in load_banks(files, use_cache=False) for e in b.entries]
    topics = list(TOPIC_KEYWORDS)
    functions = list(FUNCTIONS)
    scopes = ["全县", "全市", "我市", "各县（市、区）", "各乡镇", ""]
    entries = []
    for i in range(n):
        a, b = rng.choice(source), rng.choice(source)
        text = a.text.rstrip("。！") + "，" + rng.choice(scopes) + b.text.replace("{{", "").replace("}}", "").replace(" ", "")
        tags = rng.sample(topics, 2) + (["地方做法"] if rng.random() < 0.05 else [])
        entries.append(Entry(f"syn-{i:06d}", text, rng.choice(functions), tags=tags,
                             era=rng.choice(["新时代", "新时代", "二十大时期", "通用", "十七大时期", None]),
                             count={"occurrences": rng.randint(1, 9), "documents": 1}))
    return Bank("synthetic", "bench", entries)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return ms(statistics.median(times)), ms(times[max(int(len(times) * 0.95) - 1, 0)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    out: dict[str, float | int | str] = {"entries": args.entries}

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DRAFTER_CACHE_DIR"] = str(Path(tmp) / "cache")
        from drafter.phrases import rank
        from drafter.phrases.bank import format_bank, load_banks
        from drafter.segment import jieba

        rng = random.Random(4)
        folder = Path(tmp) / "banks"
        folder.mkdir()
        bank_file = folder / "synthetic.yaml"
        bank_file.write_text(format_bank(synthetic(args.entries, rng)), encoding="utf-8")
        out["yaml_mb"] = round(bank_file.stat().st_size / 1e6, 2)

        t = time.perf_counter()
        load_banks([folder], use_cache=False)
        out["load_no_cache_ms"] = ms(time.perf_counter() - t)
        load_banks([folder])  # writes the cache
        t = time.perf_counter()
        banks = load_banks([folder])
        out["load_cached_ms"] = ms(time.perf_counter() - t)

        jieba()  # paid once per process, before any query (the UI loads it off-thread at start)
        ranker = rank.Ranker(banks)
        t = time.perf_counter()
        ranker.suggest("importance", "基层党建")
        out["first_query_ms"] = ms(time.perf_counter() - t)

        Q = getattr(rank, "Query", None) or (lambda *a: argparse.Namespace(role=a[0], topic=a[1], heading=a[2]))
        times, cpu = [], []
        for _ in range(args.queries):
            q = Q(rng.choice(ROLES), rng.choice(TOPICS), rng.choice(HEADINGS), rng.choice(SCOPES), 2026,
                  rng.choice(OUTLINES))
            t, c = time.perf_counter(), time.process_time()
            if hasattr(rank, "Query"):
                ranker.rank(q, 20)
            else:  # the ranker before `Query` (to measure the old code with this bench)
                ranker.suggest(q.role, q.topic, q.heading, 20)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out["median_ms"], out["p95_ms"] = summary(times)
        out["max_ms"] = ms(max(times))
        out["median_cpu_ms"], out["p95_cpu_ms"] = summary(cpu)

        rank._MEMORY.clear()  # as a new process would: the entries' words come from the JSON cache
        t = time.perf_counter()
        rank.Ranker(banks).suggest("tasks", "乡村振兴")
        out["first_query_cached_ms"] = ms(time.perf_counter() - t)

        from drafter.tui.engine import PhraseIndex

        index = PhraseIndex(banks)
        t = time.perf_counter()
        index.warm()
        out["ui_warm_ms"] = ms(time.perf_counter() - t)
        search, cpu = [], []
        for _ in range(max(args.queries // 4, 10)):
            for word in SEARCHES:
                t, c = time.perf_counter(), time.process_time()
                index.suggest(rng.choice(ROLES[:6]), rng.choice(TOPICS), rng.choice(HEADINGS), word)
                search.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
        out["search_median_ms"], out["search_p95_ms"] = summary(search)
        out["search_median_cpu_ms"], out["search_p95_cpu_ms"] = summary(cpu)
    out["load_average"] = round(os.getloadavg()[0], 1)
    out["cpus"] = os.cpu_count() or 0

    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"bank: {out['entries']} entries, {out['yaml_mb']} MB of YAML")
    print(f"load, no cache (YAML + validation): {out['load_no_cache_ms']:10.1f} ms")
    print(f"load, bank cache (JSON)           : {out['load_cached_ms']:10.1f} ms")
    print(f"first query (segments every entry): {out['first_query_ms']:10.1f} ms")
    print(f"first query, entry words cached   : {out['first_query_cached_ms']:10.1f} ms")
    print(f"later queries ({args.queries}): median {out['median_ms']} ms, p95 {out['p95_ms']} ms, "
          f"max {out['max_ms']} ms (target: median < 20 ms); CPU median {out['median_cpu_ms']} ms")
    print(f"UI search index (warm, in a worker): {out['ui_warm_ms']:8.1f} ms")
    print(f"UI search as you type: median {out['search_median_ms']} ms, p95 {out['search_p95_ms']} ms; "
          f"CPU median {out['search_median_cpu_ms']} ms")
    print(f"machine: {out['cpus']} CPUs, load average {out['load_average']} (wall times grow with the load)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
