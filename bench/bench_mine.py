"""Mining throughput against plain jieba segmentation of the same text.

The seeds are replicated to a few MB; the script times, in one run:
  1. plain jieba segmentation (jieba.cut over each file's decoded text);
  2. mining the same files serially (load, clean, split, parse, mine, merge);
  3. mining them with worker processes (what `drafter mine` does for large corpora).
It prints MB/s for each and the ratios mining / segmentation (target: serial ≤ 1.5×).
Mining includes the corpus pipeline (cleaning, splitting, parsing) and the merge;
it segments with jieba's dictionary only (HMM=False), also timed for reference.
A per-stage breakdown follows (pipeline stages timed on their own; mining proper
split into that dictionary segmentation time and the rest), to show where time goes.

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
    ap.add_argument("--repeat", type=int, default=3, help="best of N interleaved runs (default 3)")
    args = ap.parse_args()

    from drafter.phrases.mine import corpus_files, mine_corpus, pair_words
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
        texts = [read_text(f.path).text for f in files]
        pair_words()  # the miner's one-off dictionary read, like jieba's, is paid before timing

        def segment(hmm: bool) -> int:
            return sum(1 for text in texts for _ in cut(text, HMM=hmm))

        # Best of N, measurements interleaved, so a busy machine skews all of them alike.
        from drafter.corpus.parse import parse_piece
        from drafter.corpus.pipeline import load_pieces

        def pipeline() -> tuple[float, float]:
            """Seconds spent in (load + clean + split, parse), for the per-stage breakdown."""
            load_s = parse_s = 0.0
            for f in files:
                t0 = time.perf_counter()
                pieces = load_pieces(f.path)
                t1 = time.perf_counter()
                for piece in pieces:
                    parse_piece(piece)
                load_s += t1 - t0
                parse_s += time.perf_counter() - t1
            return load_s, parse_s

        seg = seg_dict = mine_serial = mine_parallel = pipe = float("inf")
        stages = (0.0, 0.0)
        for _ in range(args.repeat):
            t = time.perf_counter()
            n_words = segment(True)
            seg = min(seg, time.perf_counter() - t)
            t = time.perf_counter()
            segment(False)
            seg_dict = min(seg_dict, time.perf_counter() - t)
            t = time.perf_counter()
            parts = pipeline()
            took = time.perf_counter() - t
            if took < pipe:
                pipe, stages = took, parts
            t = time.perf_counter()
            serial = mine_corpus(files, workers=1)
            mine_serial = min(mine_serial, time.perf_counter() - t)
            t = time.perf_counter()
            parallel = mine_corpus(files, workers=args.workers)
            mine_parallel = min(mine_parallel, time.perf_counter() - t)
            assert [e.to_dict() for e in serial.entries] == [e.to_dict() for e in parallel.entries]

    print(f"corpus: {len(files)} files, {mb:.2f} MB, {serial.documents} speeches, {len(serial.entries)} entries")
    print(f"jieba segmentation only : {seg:7.2f} s  {mb / seg:6.2f} MB/s  ({n_words} words; jieba.cut defaults)")
    print(f"  (dictionary only, HMM=False, as the miner segments: {seg_dict:.2f} s)")
    print(f"mining, 1 process       : {mine_serial:7.2f} s  {mb / mine_serial:6.2f} MB/s  "
          f"ratio {mine_serial / seg:.2f}x (target <= 1.5x)")
    proper = mine_serial - pipe
    print(f"  of which the corpus pipeline (load, clean, split, parse): {pipe:.2f} s = {pipe / seg:.2f}x")
    print(f"    load + clean + split: {stages[0]:.2f} s = {stages[0] / seg:.2f}x; "
          f"parse: {stages[1]:.2f} s = {stages[1] / seg:.2f}x")
    print(f"  and mining proper (segment, match, merge): {proper:.2f} s = {proper / seg:.2f}x")
    print(f"    its dictionary segmentation (as timed above): ~{seg_dict:.2f} s = {seg_dict / seg:.2f}x; "
          f"the rest: ~{proper - seg_dict:.2f} s = {(proper - seg_dict) / seg:.2f}x")
    print(f"mining, {args.workers} processes     : {mine_parallel:7.2f} s  {mb / mine_parallel:6.2f} MB/s  "
          f"ratio {mine_parallel / seg:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
