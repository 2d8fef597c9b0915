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


# Start-up: a cold command imports a few hundred modules and builds their tables, which sets off
# some 37 collector passes that free a few hundred objects; with the final collection at exit over the
# same objects, a sixth of a cold `drafter build` (bench_build.py times it both ways).
# `main` pauses the collector for start-up; the command ends the pause once it has loaded what it
# needs, freezing those long-lived objects out of later passes. Only a pause begun here is ended.
_startup = {"paused": False}


def pause_startup() -> None:
    """Pause the cyclic collector until `end_startup` (reference counting frees as usual)."""
    if gc.isenabled():
        gc.disable()
        _startup["paused"] = True


def end_startup() -> None:
    """End the start-up pause: what is loaded so far is frozen out of the collector's passes."""
    if _startup["paused"]:
        _startup["paused"] = False
        gc.freeze()
        gc.enable()


def command_done(process_ends: bool) -> None:
    """After a command: end its start-up pause if it is still on. When the process goes on (the tests,
    a program embedding drafter), what start-up froze goes back under the collector, so what each
    command left behind is still collected; when it ends, it stays frozen, which also spares the
    interpreter's final collection at exit from walking it."""
    end_startup()
    if not process_ends:
        gc.unfreeze()
