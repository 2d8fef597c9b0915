"""Where the bundled data lives: templates/, phrasebanks/, seeds/, examples/.

In a checkout (or an editable install) they sit beside the package; a
regular install puts them under <prefix>/share/drafter. DRAFTER_DATA
points elsewhere (a curator's own banks and outlines).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The folder `name` (e.g. "templates") of the bundled data."""
    candidates = []
    if os.environ.get("DRAFTER_DATA"):
        candidates.append(Path(os.environ["DRAFTER_DATA"]) / name)
    candidates.append(Path(__file__).resolve().parent.parent / name)
    candidates.append(Path(sys.prefix) / "share" / "drafter" / name)
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]
