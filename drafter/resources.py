"""Where the bundled data lives: templates/, phrasebanks/, examples/.

A built package carries them inside itself (drafter/_data, copied by setup.py),
found with importlib.resources wherever pip put it (--user, --target, --prefix,
distro layouts); in a checkout or an editable install they sit beside the
package. DRAFTER_DATA points elsewhere (a curator's own banks and outlines).
Derived indexes go to a per-user cache.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The folder `name` (e.g. "templates") of the bundled data."""
    candidates = []
    if os.environ.get("DRAFTER_DATA"):
        root = Path(os.environ["DRAFTER_DATA"])
        if not root.is_dir():  # a typo must not silently fall back to the bundled data
            from drafter.errors import InputFileError

            raise InputFileError("DRAFTER_DATA does not name a folder", path=str(root))
        candidates.append(root / name)
    candidates.append(_bundled(name))
    candidates.append(Path(__file__).resolve().parent.parent / name)  # a checkout or editable install
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def _bundled(name: str) -> Path:
    """drafter/_data/<name> inside the installed package (absent in a checkout)."""
    from importlib.resources import files

    return Path(str(files("drafter") / "_data" / name))


def cache_dir() -> Path:
    """Where derived indexes live (per user): $DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter,
    else ~/.cache/drafter."""
    if os.environ.get("DRAFTER_CACHE_DIR"):
        return Path(os.environ["DRAFTER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drafter"
