"""Where the bundled data lives: templates/, phrasebanks/, seeds/, examples/.

In a checkout (or an editable install) they sit beside the package; a
regular install puts them under <prefix>/share/drafter (or the user base's
share/drafter with `pip install --user`). DRAFTER_DATA points elsewhere (a
curator's own banks and outlines). Derived indexes go to a per-user cache.
"""

from __future__ import annotations

import os
import site
import sys
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
    candidates.append(Path(__file__).resolve().parent.parent / name)
    candidates.append(Path(sys.prefix) / "share" / "drafter" / name)
    candidates.append(Path(site.getuserbase()) / "share" / "drafter" / name)  # pip install --user
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def cache_dir() -> Path:
    """Where derived indexes live (per user): $DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter,
    else ~/.cache/drafter."""
    if os.environ.get("DRAFTER_CACHE_DIR"):
        return Path(os.environ["DRAFTER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):  # no HOME and a uid not in passwd (a container)
            return _private_temp_cache()
    return Path(base) / "drafter"


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
