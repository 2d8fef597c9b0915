"""TUI speed: time to first screen, and keystroke-to-suggestions latency with a large synthetic bank.

    python bench/bench_tui.py [--entries 10000] [--keys 8] [--gap 0.03] [--json]
    python bench/bench_tui.py --entries 100000 --write-data DIR   # then DRAFTER_DATA=DIR drafter tui …

Figures are printed with a peer from the same run: a bare Textual app's time
to its first screen (what no app can beat), so the ratio says what drafter
adds on top of Textual itself.

Keystroke latency is timed from the key event, sent as the terminal driver
sends it, to the first screen frame drawn with that query's suggestions (no
test-pilot waits in between); the screen settles before the next key. A burst
of the same keys `--gap` apart then times the last key to its frame, and fails
if an older query's suggestions are drawn after it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY = "党建引领基层治理"  # every prefix matches 30 or more entries of the synthetic bank: a full list each key
COLD = """
import time, asyncio
t0 = time.perf_counter()
{imports}
async def main():
    app = {make}
    async with app.run_test(size=(80, 24)) as pilot:
        print(time.perf_counter() - t0)
asyncio.run(main())
"""


def cold_first_screen(imports: str, make: str) -> float:
    """Seconds from a fresh interpreter to the first mounted screen (import included)."""
    code = COLD.format(imports=imports, make=make)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def synthetic_bank(n: int):
    """n entries in the curated bank's functions, varied words so the ranker has real work."""
    from drafter.phrases.bank import Bank, Entry, load_banks

    seeds = [e for b in load_banks() for e in b.entries]
    topics = ["基层党建", "乡村振兴", "城乡治理", "干部队伍", "人才工作", "作风建设", "组织体系", "党员教育",
              "网格管理", "集体经济"]
    entries = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        topic = topics[(i // len(seeds)) % len(topics)]
        entries.append(Entry(id=f"syn-{i:05d}", text=f"{base.text}围绕{topic}抓落实（{i}）",
                             function=base.function, tags=[topic], era="新时代"))
    return [Bank("synthetic", "合成的测试短语库", entries)]


def write_data(folder: Path, n: int) -> None:
    """A DRAFTER_DATA folder whose phrase banks are the bundled ones plus the n-entry synthetic bank."""
    import shutil

    from drafter.resources import data_dir
    from drafter.yamlsrc import dump_yaml

    banks = folder / "phrasebanks"
    banks.mkdir(parents=True, exist_ok=True)
    for f in data_dir("phrasebanks").glob("*.yaml"):
        shutil.copy(f, banks / f.name)
    bank = synthetic_bank(n)[0]
    (banks / "synthetic.yaml").write_text(dump_yaml({"bank": bank.bank, "description": bank.description,
                                                     "entries": [e.to_dict() for e in bank.entries]}),
                                          encoding="utf-8")
    print(f"wrote {banks}: try it with DRAFTER_DATA={folder} drafter tui examples/county-party-building.yaml")


class Frames:
    """Every screen update the app draws, with the search query its suggestions answered then.

    Wraps App._display, which the screen calls once per refresh with what changed (headless, it
    writes nothing, but the compositor has already rendered the update): the first frame showing
    the new query's suggestions is the moment a writer would see them.
    """

    def __init__(self, app, panel) -> None:
        self.seen: list[tuple[float, float, str | None]] = []  # (wall, this process's CPU, query answered)
        self.drawn = asyncio.Event()  # set by each frame: the bench waits on it instead of polling
        display = app._display

        def record(screen, renderable):
            if renderable is not None:
                self.seen.append((time.perf_counter(), time.process_time(), panel.answered))
                self.drawn.set()
            return display(screen, renderable)
        app._display = record

    async def until(self, query: str, since: float, cpu: float, timeout: float = 10.0) -> tuple[float, float]:
        """Seconds from `since` to the first frame drawn with `query`'s suggestions, wall and CPU (from `cpu`)."""
        end, checked = since + timeout, 0
        while True:
            for t, c, q in self.seen[checked:]:
                if t >= since and q == query:
                    return t - since, c - cpu
            checked = len(self.seen)
            self.drawn.clear()
            try:
                await asyncio.wait_for(self.drawn.wait(), max(end - time.perf_counter(), 0.001))
            except asyncio.TimeoutError:
                raise TimeoutError(f"suggestions for {query!r} never reached the screen") from None


def send_key(app, ch: str) -> None:
    """One key as the terminal driver delivers it (no test-pilot waits)."""
    from textual import events

    app._driver.send_message(events.Key(ch, ch))


async def keystroke_latency(banks, index, text: str, folder: Path, gap: float) -> tuple[list[float], list[float], float]:
    """Per key: key event sent -> first screen frame showing that query's suggestions, one key at a time.
    Then a burst: the same keys `gap` seconds apart (fast typing), timed from the last key to its frame."""
    from drafter.tui import engine
    from drafter.tui.app import DrafterApp
    from drafter.tui.widgets.suggestions.panel import SuggestionsPanel

    spec = folder / "spec.yaml"
    spec.write_bytes((ROOT / "examples" / "county-party-building.yaml").read_bytes())
    built = engine.PhraseIndex
    engine.PhraseIndex = lambda _banks: index  # the app reuses the index built (and timed) above
    try:
        app = DrafterApp(spec, banks=banks, drafts_folder=folder / "drafts")
        times, cpus = [], []
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()  # outlines, the index, jieba
            await pilot.pause()
            panel = app.screen.query_one(SuggestionsPanel)
            search = app.screen.query_one("#phrase-search")
            search.focus()
            await pilot.pause()
            frames = Frames(app, panel)
            for ch in text:
                want = search.value + ch
                c0, t0 = time.process_time(), time.perf_counter()
                send_key(app, ch)
                wall, cpu = await frames.until(want, t0, c0)
                times.append(wall)
                cpus.append(cpu)
                await asyncio.sleep(0.05)  # the screen settles before the next key (not timed)
            for _ in text:
                await pilot.press("backspace")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert search.value == "", search.value
            for i, ch in enumerate(text):
                if i:
                    await asyncio.sleep(gap)
                c0, t0 = time.process_time(), time.perf_counter()
                send_key(app, ch)
            burst = (await frames.until(text, t0, c0))[0]
            last = t0 + burst
            await asyncio.sleep(0.3)
            stale = [q for t, _, q in frames.seen if t > last and q != text]
            assert not stale, f"older suggestions drawn after the last key's: {stale}"
    finally:
        engine.PhraseIndex = built
    return times, cpus, burst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--keys", type=int, default=len(QUERY))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    ap.add_argument("--gap", type=float, default=0.03, help="seconds between keys in the fast-typing burst")
    ap.add_argument("--write-data", type=Path, metavar="DIR",
                    help="write DIR/phrasebanks/ (the bundled banks and the synthetic one) for trying the UI by hand "
                         "with DRAFTER_DATA=DIR, then stop")
    args = ap.parse_args()
    if args.write_data:
        write_data(args.write_data, args.entries)
        return

    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print  # --json: figures on stdout only
    peer = min(cold_first_screen("from textual.app import App\nfrom textual.widgets import Static",
                                 "type('Bare', (App,), {'compose': lambda self: iter([Static('hello')])})()")
               for _ in range(3))
    ours = min(cold_first_screen("from drafter.tui.app import DrafterApp",
                                 "DrafterApp(drafts_folder=__import__('pathlib').Path('/nonexistent'))")
               for _ in range(3))
    say(f"first screen, cold (import + mount), best of 3: drafter {ours * 1000:.0f} ms, "
        f"bare Textual app {peer * 1000:.0f} ms, ratio {ours / peer:.2f}")

    t0 = time.perf_counter()
    banks = synthetic_bank(args.entries)
    say(f"synthetic bank: {args.entries} entries built in {(time.perf_counter() - t0) * 1000:.0f} ms")
    from drafter.tui.engine import PhraseIndex

    index = PhraseIndex(banks)
    t0 = time.perf_counter()
    index.warm()
    say(f"phrase index (ranker + jieba), built once in a worker: {(time.perf_counter() - t0) * 1000:.0f} ms")
    text = QUERY[:args.keys]
    search = []
    for i in range(1, len(text) + 1):  # the queries the keys below type, without the UI
        t0 = time.perf_counter()
        index.suggest("importance", "基层党建", "统一思想，充分认识基层党建工作的重要性", text[:i])
        search.append((time.perf_counter() - t0) * 1000)
    say(f"search alone, the same {len(search)} queries: median {statistics.median(search):.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        times, cpus, burst = asyncio.run(keystroke_latency(banks, index, text, Path(tmp), args.gap))
    ms = [t * 1000 for t in times]
    say(f"keystroke to suggestions on screen ({args.entries} entries, {len(ms)} keys, key event to the first "
        f"frame drawn with them): median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms; CPU of this "
        f"process meanwhile: median {statistics.median(cpus) * 1000:.1f} ms")
    say(f"typing fast ({len(ms)} keys {args.gap * 1000:.0f} ms apart): last key to its suggestions on screen "
        f"{burst * 1000:.1f} ms, no older results drawn after them")
    load = os.getloadavg()
    say(f"load average {' '.join(f'{x:.2f}' for x in load)}, {os.cpu_count()} CPUs")
    if args.json:
        print(json.dumps({
            "entries": args.entries, "first_screen_ms": round(ours * 1000), "bare_first_screen_ms": round(peer * 1000),
            "search_median_ms": round(statistics.median(search), 1),
            "keystroke_median_ms": round(statistics.median(ms), 1), "keystroke_max_ms": round(max(ms), 1),
            "keystroke_cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
            "typing_fast_last_key_ms": round(burst * 1000, 1), "load_average": [round(x, 2) for x in load],
            "cpus": os.cpu_count()}))

if __name__ == "__main__":
    main()
