"""One editor per spec: a UI process edits a spec only while it holds the spec's lock.

Two terminal windows, or two browser tabs of `drafter serve`, editing the same spec would
autosave over each other. The lock is a POSIX record lock on a file in drafter's cache, named by
the spec's resolved path. POSIX locks belong to the process, not to a descriptor, so:
  - the process holding one may take it again (a UI reopening its own draft, tests in one process);
  - it survives `exec` (`drafter serve` takes it, then becomes `drafter tui` with the descriptor);
  - the system frees it when the process ends, also after a crash.
Where the system has no such locks (Windows), every window gets the spec, as before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_held: dict[Path, int] = {}  # lock file -> the descriptor this process holds it by


def lock_file(spec: str | Path) -> Path:
    """The lock file of a spec, named by its resolved path (two spellings of one file share it)."""
    from drafter.resources import cache_dir

    digest = hashlib.sha256(str(Path(spec).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir() / "locks" / f"{digest}.lock"


def try_lock(spec: str | Path) -> int | None:
    """A new descriptor holding the spec's lock, or None when another process holds it.

    The caller keeps the descriptor open as long as it edits: with POSIX locks, closing any
    descriptor of the lock file releases this process's lock on it.
    """
    path = lock_file(spec)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return fd
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def hold(spec: str | Path) -> bool:
    """Take the spec's lock for this process (again, if it has it already); False when another has it."""
    path = lock_file(spec)
    if path in _held:
        return True
    fd = try_lock(spec)
    if fd is None:
        return False
    _held[path] = fd
    return True


def release(spec: str | Path, keep: str | Path | None = None) -> None:
    """Let other processes edit the spec (a no-op when this process does not hold it, or when
    `keep`, the spec this process goes on editing, is the same file under another name)."""
    path = lock_file(spec)
    if keep is not None and lock_file(keep) == path:
        return
    fd = _held.pop(path, None)
    if fd is not None:
        os.close(fd)
