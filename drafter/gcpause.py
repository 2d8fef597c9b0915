"""Pause Python's cyclic garbage collector around steps that allocate millions of objects.

Loading or linting a 100,000-entry bank creates millions of long-lived objects (YAML nodes,
entries, findings). Each allocation counts towards the collector's next pass, and the full
passes walk the whole, ever larger heap while finding nothing to free: three quarters of the
compose time of such a bank went to them. Reference counting still frees everything as usual
while paused; only cycle detection waits until the step is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; restore it as it was (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
