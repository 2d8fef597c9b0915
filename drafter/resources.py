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
    """drafter/_data/<name> inside the installed package (absent in a checkout).

    A package on the file system (every pip layout) is read beside this module; importlib.resources
    (a few ms of imports on every build) only for one that is not, e.g. in a zip archive."""
    package = Path(__file__).parent
    if package.is_dir():
        return package / "_data" / name
    from importlib.resources import files  # pragma: no cover - a zipped package

    return Path(str(files("drafter") / "_data" / name))  # pragma: no cover


def cache_dir() -> Path:
    """Where derived indexes live (per user): $DRAFTER_CACHE_DIR, else the platform's user cache
    folder from platformdirs ($XDG_CACHE_HOME/drafter or ~/.cache/drafter on Linux,
    ~/Library/Caches/drafter on macOS, %LOCALAPPDATA%\\drafter\\Cache on Windows)."""
    if os.environ.get("DRAFTER_CACHE_DIR"):
        return Path(os.environ["DRAFTER_CACHE_DIR"])
    if not os.environ.get("XDG_CACHE_HOME"):
        try:
            Path.home()
        except (RuntimeError, KeyError, OSError):  # no HOME and a uid not in passwd (a container)
            return _private_temp_cache()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("drafter", appauthor=False))


def _private_temp_cache() -> Path:
    """A per-user cache folder in the temp dir, 0700 and owned by us (never shared with other users)."""
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"drafter-cache-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.lstat()
        if not folder.is_dir() or folder.is_symlink() or (hasattr(os, "getuid") and st.st_uid != uid) \
                or st.st_mode & 0o077:
            folder = Path(tempfile.mkdtemp(prefix=f"drafter-cache-{uid}-"))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix=f"drafter-cache-{uid}-"))
    return folder


# How many files of each family of derived index to keep: the jieba index is tied to the
# installed jieba (one is current); bank and rank indexes are keyed by the banks' contents,
# so a few are kept for curators switching between bank folders; docx- are prepared empty documents
# (one per layout preset and writer version); cuts- are the words of recent titles (one jieba).
CACHE_KEEP = {"jieba-": 1, "cuts-": 1, "banks-": 8, "rank-": 8, "docx-": 8}


def prune_cache(folder: Path | None = None) -> list[Path]:
    """Delete stale indexes (older than the newest CACHE_KEEP of their family); return them.

    Called whenever a new index is written, so the cache does not grow with every
    jieba upgrade or bank edit. Errors are ignored: a cache is an optimisation.
    """
    folder = cache_dir() if folder is None else folder
    removed: list[Path] = []
    try:
        files = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return removed
    for prefix, keep in CACHE_KEEP.items():
        family = []
        for p in files:
            if p.name.startswith(prefix):
                try:
                    family.append((p.stat().st_mtime_ns, p.name, p))
                except OSError:
                    pass
        family.sort(reverse=True)
        for _, _, stale in family[keep:]:
            try:
                stale.unlink()
                removed.append(stale)
            except OSError:
                pass
    return removed
