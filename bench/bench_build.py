"""Batch build speed: one `drafter build` of 30 specs against pandoc (md -> docx) on the same 30 speeches.

The bundled examples are replicated with varied facts (speaker, scope, date)
into 30 specs in a temp folder. The script times, in one run:
  1. one `drafter build` call that writes the 30 .docx files;
  2. pandoc converting the same 30 speeches' Markdown (built by drafter, untimed)
     into .docx, one pandoc call per file, as a script would do;
and prints both times and the ratio (target: drafter's batch <= half of pandoc's time).
It also times single builds, each a cold process: one `drafter build` of one spec
against one pandoc call on the same speech (goal: <= 2.5x pandoc), the first-ever
build on a new machine (an empty per-user cache, so title breaking has no index
of jieba's dictionary yet; goal < 0.5 s), and `drafter --help`; and one build with the cyclic
garbage collector left on during start-up, for what drafter.gcpause saves.
Each figure is the best of --repeat runs (the machine may be shared); the single drafter and pandoc
runs alternate, so both sides of their ratio see the same spells of a shared machine. Single builds
also report CPU seconds (user + system of the child), which a loaded machine inflates far less.
drafter's modules are byte-compiled first, as `pip install` does: with PYTHONDONTWRITEBYTECODE
set and an editable install, every run would otherwise compile them from source again.

pandoc comes from `pypandoc_binary` (pip install pypandoc-binary) or a `pandoc` on PATH.

    python bench/bench_build.py [--specs 30] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPEAKERS = ["王建国", "李卫东", "张晓梅", "刘志强", "陈海燕", "赵文博", "孙立平", "周红霞", "吴国华", "郑明"]
SCOPES = {"全县": ["全县", "全区", "全旗"], "全市": ["全市", "全州", "全盟"]}


def find_pandoc() -> str | None:
    try:
        import pypandoc  # type: ignore[import-not-found]

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def make_specs(folder: Path, count: int) -> list[Path]:
    """`count` specs: the examples with varied speaker, scope and date."""
    from drafter.spec import dump_spec, load_spec, spec_to_data

    examples = sorted((ROOT / "examples").glob("*.yaml"))
    paths = []
    for i in range(count):
        spec = load_spec(examples[i % len(examples)])
        data = spec_to_data(spec)
        facts = data["facts"]
        facts["speaker"] = SPEAKERS[i % len(SPEAKERS)]
        if "date" in facts:
            facts["date"] = dt.date(2026, 1 + i % 12, 1 + (i * 7) % 28)
        scope = facts.get("scope")
        for base, variants in SCOPES.items():
            if scope == base:
                facts["scope"] = variants[i % len(variants)]
        path = folder / f"spec-{i:02d}.yaml"
        path.write_text(dump_spec(data), encoding="utf-8")
        paths.append(path)
    return paths


CPU_LAST = [0.0]  # CPU seconds (user + system) of the last timed() run


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    """Wall seconds of one run; its CPU seconds (user + system) are kept in CPU, steadier on a shared machine."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_LAST[0] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd[:4])} …\n{proc.stderr}")
    return elapsed


def best(fn, repeat: int) -> float:
    return min(fn() for _ in range(repeat))


def best_cpu(fn, repeat: int) -> tuple[float, float]:
    """(best wall, best CPU) seconds of `repeat` runs of a timed() call."""
    walls, cpus = [], []
    for _ in range(repeat):
        walls.append(fn())
        cpus.append(CPU_LAST[0])
    return min(walls), min(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--specs", type=int, default=30, help="number of specs (default 30)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept (default 3)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    pandoc = find_pandoc()
    drafter = [sys.executable, "-m", "drafter"]
    import compileall

    compileall.compile_dir(str(ROOT / "drafter"), quiet=1)  # what pip does on install
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        tmpdir = Path(tmp)
        specs = make_specs(tmpdir, args.specs)
        md_dir, docx_dir, pandoc_dir = tmpdir / "md", tmpdir / "docx", tmpdir / "pandoc"
        pandoc_dir.mkdir()
        timed(drafter + ["build", "-q", *map(str, specs), "-o", str(md_dir), "--format", "md"])

        def drafter_batch() -> float:
            return timed(drafter + ["build", "-q", "--force", *map(str, specs), "-o", str(docx_dir)])

        t_drafter = best(drafter_batch, args.repeat)
        # Single builds: the spec with the longest title (its title is broken into lines with jieba's words).
        def title_length(spec: Path) -> int:
            md = (md_dir / f"{spec.stem}.md").read_text(encoding="utf-8")
            return len(next((line for line in md.splitlines() if line.strip()), ""))

        one = max(specs, key=title_length)
        one_md = md_dir / f"{one.stem}.md"

        def drafter_one() -> float:
            return timed(drafter + ["build", "-q", "--force", str(one), "-o", str(tmpdir / "one.docx")])

        def pandoc_one() -> float:
            return timed([pandoc, str(one_md), "-f", "markdown", "-t", "docx", "-o", str(pandoc_dir / "one.docx")])

        def collecting_one() -> float:
            """The same build with the cyclic collector left on at start-up (drafter.gcpause disabled)."""
            code = ("import sys, drafter.gcpause as g; g.pause_startup = lambda: None; from drafter.cli import main; "
                    "raise SystemExit(main(sys.argv[1:]))")
            return timed([sys.executable, "-c", code, "build", "-q", "--force", str(one), "-o",
                          str(tmpdir / "collecting.docx")])

        # The single runs alternate, so a slow spell of a shared machine lands on every side of a
        # ratio instead of on one.
        sides = [("drafter", drafter_one), ("collecting", collecting_one)] + ([("pandoc", pandoc_one)] if pandoc else [])
        walls: dict[str, list[float]] = {side: [] for side, _ in sides}
        cpus: dict[str, list[float]] = {side: [] for side, _ in sides}
        for _ in range(args.repeat):
            for side, fn in sides:
                walls[side].append(fn())
                cpus[side].append(CPU_LAST[0])
        t_one, c_one = min(walls["drafter"]), min(cpus["drafter"])
        runs = iter(range(10_000))

        def first_ever() -> float:
            env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmpdir / f"new-machine-{next(runs)}"))
            return timed(drafter + ["build", "-q", "--force", str(one), "-o", str(tmpdir / "first.docx")], env=env)

        t_first, c_first = best_cpu(first_ever, args.repeat)
        t_help = best(lambda: timed(drafter + ["--help"]), args.repeat)

        result = {"specs": len(specs), "batch_s": round(t_drafter, 3), "one_s": round(t_one, 3),
                  "first_ever_s": round(t_first, 3), "help_s": round(t_help, 3), "one_cpu_s": round(c_one, 3),
                  "first_ever_cpu_s": round(c_first, 3),
                  "one_cpu_s_collector_on_at_startup": round(min(cpus["collecting"]), 3), "load_average": round(os.getloadavg()[0], 2), "pandoc": pandoc,
                  "cpu_count": os.cpu_count()}
        if pandoc is not None:
            mds = sorted(md_dir.glob("*.md"))

            def pandoc_all() -> float:
                start = time.perf_counter()
                for md in mds:
                    subprocess.run([pandoc, str(md), "-f", "markdown", "-t", "docx", "-o",
                                    str(pandoc_dir / f"{md.stem}.docx")], check=True, capture_output=True)
                return time.perf_counter() - start

            t_pandoc = best(pandoc_all, args.repeat)
            t_pandoc_one, c_pandoc_one = min(walls["pandoc"]), min(cpus["pandoc"])
            result.update(pandoc_batch_s=round(t_pandoc, 3), pandoc_one_s=round(t_pandoc_one, 3),
                          ratio_batch=round(t_drafter / t_pandoc, 3), ratio_one=round(t_one / t_pandoc_one, 3),
                          pandoc_one_cpu_s=round(c_pandoc_one, 3), ratio_one_cpu=round(c_one / max(c_pandoc_one, 1e-3), 3),
                          goal_batch=0.5, goal_one=2.5, goal_first_ever_s=0.5)
        if args.json:
            print(json.dumps(result))
            return 0
        print(f"specs: {len(specs)} (from {len(list((ROOT / 'examples').glob('*.yaml')))} examples)")
        print(f"drafter build, {len(specs)} specs -> .docx in one call: {t_drafter:7.3f} s")
        if pandoc is None:
            print("pandoc: not found — install it with `pip install pypandoc-binary` (or put pandoc on PATH) "
                  "to get the ratios")
        else:
            print(f"pandoc md -> docx, same {len(specs)} speeches:        {result['pandoc_batch_s']:7.3f} s")
            print(f"ratio drafter / pandoc, batch: {result['ratio_batch']:.2f} (target <= 0.50)")
        print(f"cold `drafter build` of one spec: {t_one:7.3f} s"
              + (f"  (pandoc, one file: {result['pandoc_one_s']:.3f} s; ratio {result['ratio_one']:.2f}, "
                 f"target <= 2.5)" if pandoc else ""))
        if pandoc:
            print(f"  CPU (user + system): {c_one:.3f} s vs pandoc {c_pandoc_one:.3f} s; ratio {result['ratio_one_cpu']:.2f}")
        print(f"  the same build with the collector on during start-up: CPU {min(cpus['collecting']):.3f} s")
        print(f"first-ever build (empty cache):   {t_first:7.3f} s  (target < 0.5 s; CPU {c_first:.3f} s)")
        print(f"load average while measured: {result['load_average']} on {os.cpu_count()} CPUs")
        print(f"cold `drafter --help`:            {t_help:7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
