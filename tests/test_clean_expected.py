"""`drafter clean` on every seed prints exactly the committed expectation (text and warnings).

Pins cleaning as a whole, so a move of its steps between modules, or a reordering of the
pipeline, that changes a single character is caught. When a change to cleaning is meant,
regenerate and review the diff:

    for f in seeds/*.txt; do s=$(basename "$f" .txt)
      drafter clean "$f" > tests/fixtures/clean-expected/$s.txt 2> tests/fixtures/clean-expected/$s.warnings
    done
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

EXPECTED = ROOT / "tests" / "fixtures" / "clean-expected"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_every_seed_has_a_committed_expectation():
    assert SEED_FILES and {p.stem for p in SEED_FILES} == {p.stem for p in EXPECTED.glob("*.txt")}


@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem[:3] for p in SEED_FILES])
def test_clean_output_of_the_seed_is_the_committed_expectation(seed):
    proc = subprocess.run([sys.executable, "-m", "drafter", "clean", f"seeds/{seed.name}"], capture_output=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout == (EXPECTED / f"{seed.stem}.txt").read_bytes()
    assert proc.stderr == (EXPECTED / f"{seed.stem}.warnings").read_bytes()
