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


# Non-printable characters that text holds legitimately and neither unprintable pattern matches.
_HARMLESS = str.maketrans("", "", "\t\n\r\u3000\xa0")


class LazyUnprintable(LazyPattern):
    """A lazy pattern that can only match characters `str.isprintable()` rejects (control
    characters, surrogates, noncharacters) other than tab, line breaks and wide or no-break
    spaces: `search` and `sub` answer text without such characters, which is nearly all text,
    without compiling the pattern."""

    __slots__ = ()

    @staticmethod
    def _clear(text: str) -> bool:
        return text.isprintable() or text.translate(_HARMLESS).isprintable()

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        return None if self._clear(text) else self.compiled().search(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return text if self._clear(text) else self.compiled().sub(repl, text, count)


def lazy_unprintable(pattern: str, flags: int = 0) -> LazyUnprintable:
    """`lazy(pattern)` for a character class of unprintable characters (see `LazyUnprintable`)."""
    return LazyUnprintable(pattern, flags)
