"""Mining throughput against plain jieba segmentation of the same text.

The seeds are replicated to a few MB; the script times, in one run:
  1. plain jieba segmentation (jieba.cut over each file's decoded text);
  2. mining the same files serially (load, clean, split, parse, mine, merge);
  3. mining them with worker processes (what `drafter mine` does for large corpora).
It prints MB/s for each and the ratios mining / segmentation (target: serial ≤ 1.5×).

    python bench/bench_mine.py [--copies 20] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the seed corpus (default 20)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    from drafter.phrases.mine import corpus_files, mine_corpus
    from drafter.segment import jieba
    from drafter.textio import read_text

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i in range(args.copies):
            for s in seeds:
                shutil.copy(s, corpus / f"{i:03d}_{s.name}")
        files = corpus_files([str(corpus)])
        size = sum(Path(f.path).stat().st_size for f in files)
        mb = size / 1e6
        cut = jieba().cut  # load the dictionary before timing anything

        t = time.perf_counter()
        n_words = 0
        for f in files:
            n_words += sum(1 for _ in cut(read_text(f.path).text))
        seg = time.perf_counter() - t

        t = time.perf_counter()
        serial = mine_corpus(files, workers=1)
        mine_serial = time.perf_counter() - t

        t = time.perf_counter()
        parallel = mine_corpus(files, workers=args.workers)
        mine_parallel = time.perf_counter() - t
        assert [e.to_dict() for e in serial.entries] == [e.to_dict() for e in parallel.entries]

    print(f"corpus: {len(files)} files, {mb:.2f} MB, {serial.documents} speeches, {len(serial.entries)} entries")
    print(f"jieba segmentation only : {seg:7.2f} s  {mb / seg:6.2f} MB/s  ({n_words} words)")
    print(f"mining, 1 process       : {mine_serial:7.2f} s  {mb / mine_serial:6.2f} MB/s  "
          f"ratio {mine_serial / seg:.2f}x (target <= 1.5x)")
    print(f"mining, {args.workers} processes     : {mine_parallel:7.2f} s  {mb / mine_parallel:6.2f} MB/s  "
          f"ratio {mine_parallel / seg:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
