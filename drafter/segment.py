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
    _jieba = _import_jieba()
    _use_private_cache(_jieba)
    _jieba.initialize()
    return _jieba


def _import_jieba() -> ModuleType:
    """Import jieba, quiet, without pkg_resources.

    jieba only uses pkg_resources to open its bundled files and falls back to a
    plain open() next to its own module when the import fails; importing
    pkg_resources costs about 0.1 s (and warns), so it is kept out.
    """
    import sys

    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba as _jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    _jieba.setLogLevel(logging.WARNING)
    return _jieba


def _use_private_cache(module: ModuleType) -> None:
    """Keep jieba's dictionary cache in drafter's per-user cache dir.

    jieba's default is one shared /tmp/jieba.cache: another user's copy is
    unreadable to us (a traceback on stderr) or, worse, trusted as ours (it is
    a marshal file).
    """
    from drafter.resources import cache_dir

    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        module.dt.tmp_dir = str(folder)
    except OSError:  # an unwritable cache dir: a private temp folder, never the shared /tmp/jieba.cache
        from drafter.resources import _private_temp_cache

        module.dt.tmp_dir = str(_private_temp_cache())


def jieba() -> ModuleType:
    """The initialised jieba module (thread-safe first load)."""
    with _lock:
        return _load()


def words(text: str) -> list[str]:
    """Segment `text` into words (precise mode)."""
    return jieba().lcut(text)


# --- Segmenting a few short strings without loading the whole dictionary ---
#
# Loading jieba's prefix dictionary (≈580 000 entries) costs most of a second,
# which dominates a `drafter build` that only needs the words of a title or
# two. jieba's algorithm only ever looks up substrings of the sentence being
# cut, so the same Tokenizer code fed those entries from an on-disk index
# (built once from jieba's own dictionary, like jieba's own cache) gives the
# same words as `words()` at a fraction of the cost.

_INDEX_FORMAT = 1
_index_lock = threading.Lock()  # not _lock: building the index loads jieba through jieba()


class _IndexedFreq:
    """jieba's FREQ mapping (word or prefix -> count) read lazily from an SQLite index."""

    __slots__ = ("_con", "_memo")

    def __init__(self, con) -> None:
        self._con = con
        self._memo: dict[str, int | None] = {}

    def get(self, key: str, default=None):
        try:
            value = self._memo[key]
        except KeyError:
            row = self._con.execute("SELECT n FROM freq WHERE word = ?", (key,)).fetchone()
            value = self._memo[key] = None if row is None else row[0]
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


def _index_path() -> str | None:
    """Where the index of the installed jieba dictionary lives (None if jieba is missing)."""
    import hashlib
    import importlib.util
    import os

    from drafter.resources import cache_dir

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    dict_path = os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")
    st = os.stat(dict_path)
    key = f"{_INDEX_FORMAT}:{dict_path}:{st.st_size}:{st.st_mtime_ns}".encode()
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"jieba-{hashlib.md5(key).hexdigest()[:16]}.sqlite")


def _build_index(path: str) -> None:
    """Write jieba's prefix dictionary to `path` (temp file + rename, so readers never see half of it)."""
    import sqlite3

    from drafter.textio import replacing

    tokenizer = jieba().dt
    with replacing(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            con.executemany("INSERT INTO freq VALUES (?, ?)", tokenizer.FREQ.items())
            con.execute("INSERT INTO meta VALUES ('total', ?)", (tokenizer.total,))
            con.commit()
        finally:
            con.close()


@cache
def _indexed_tokenizer():
    """A jieba Tokenizer reading the default dictionary from the index, or None when that is unavailable."""
    import sqlite3

    try:
        path = _index_path()
        if path is None:
            return None
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            (total,) = con.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        except sqlite3.Error:
            _build_index(path)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            (total,) = con.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
    except (OSError, sqlite3.Error, TypeError):
        return None
    tokenizer = _import_jieba().Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = _IndexedFreq(con), total, True
    return tokenizer


def few_words(text: str) -> list[str]:
    """The same words as `words(text)`, for callers that cut only a few short strings.

    Uses the loaded dictionary when this process already has it, else looks up
    only the entries `text` needs in an index of jieba's dictionary.
    """
    if _load.cache_info().currsize == 0:
        with _index_lock:
            tokenizer = _indexed_tokenizer()
        if tokenizer is not None:
            import sqlite3

            try:
                return tokenizer.lcut(text)
            except sqlite3.Error:  # a damaged index: the whole dictionary still works
                pass
    return words(text)


def tagged_words(text: str) -> list[tuple[str, str]]:
    """Segment `text` into (word, part-of-speech flag) pairs with jieba's tagger."""
    jieba()
    import jieba.posseg as posseg  # uses the dictionary initialised above

    return [(pair.word, pair.flag) for pair in posseg.lcut(text)]
