"""jieba, loaded once per process and kept quiet.

jieba's first use costs about a second (building its prefix dictionary) and
its logger writes to stderr, which garbles a Textual screen. Everything that
segments Chinese goes through `jieba()` so the cost is paid once, lazily.
"""

from __future__ import annotations

import logging
import threading
import warnings
from functools import cache
from types import ModuleType

_lock = threading.Lock()


@cache
def _load() -> ModuleType:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba imports pkg_resources, which warns
        import jieba as _jieba
    _jieba.setLogLevel(logging.WARNING)
    _jieba.initialize()
    return _jieba


def jieba() -> ModuleType:
    """The initialised jieba module (thread-safe first load)."""
    with _lock:
        return _load()


def words(text: str) -> list[str]:
    """Segment `text` into words (precise mode)."""
    return jieba().lcut(text)
