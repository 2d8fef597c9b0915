"""Shared fixtures: the seed corpus as committed in seeds/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

try:  # Property tests are reproducible in CI: the same examples every run, no example database.
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("drafter", derandomize=True, deadline=None, database=None)
    _hypothesis_settings.register_profile("random", deadline=None)  # DRAFTER_FUZZ_RANDOM=1: explore
    _hypothesis_settings.load_profile("random" if os.environ.get("DRAFTER_FUZZ_RANDOM") else "drafter")
except ImportError:  # pragma: no cover - hypothesis comes with the test extra
    pass

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

SEED_000 = SEEDS / "000_0455fdd971ee24a7.txt"  # work-meeting speech, 丽水, 4 sections
SEED_001 = SEEDS / "001_17b6e32d0e0412fb.txt"  # two 创先争优 articles, traditional + pinyin
SEED_002 = SEEDS / "002_840241930bfcfb65.txt"  # collection of 4 speeches
SEED_003 = SEEDS / "003_7c7823194325d5d6.txt"  # signed article, unnumbered sections
SEED_004 = SEEDS / "004_3ec68d113b8b0e76.txt"  # rectification speech cut into chunks


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
