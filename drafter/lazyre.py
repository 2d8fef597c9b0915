"""Regular expressions compiled on first use.

A character class over the CJK range (``[\\u4e00-\\u9fff]``) takes CPython's compiler about a
millisecond to turn into a bitmap; a module with a handful of them costs a cold `drafter build`
several milliseconds at import even when the build never uses them. `lazy()` defers that cost to
the first match, behind the same methods as a compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands in for `re.compile(pattern, flags)`; compiles on the first attribute used."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # search, match, fullmatch, sub, findall, finditer, split...
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
