"""jieba, loaded once per process and kept quiet.

jieba's first use costs about a second (building its prefix dictionary) and
its logger writes to stderr, which garbles a Textual screen. Everything that
segments Chinese goes through `jieba()` so the cost is paid once, lazily.
"""

from __future__ import annotations

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
    import logging

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
# cut, so the same Tokenizer code fed only the dictionary entries that start
# with the sentence's characters gives the same words as `words()`. Those
# entries are read from jieba's dictionary file once per character and kept
# in a small per-user index (a few KB per character; the first build on a new
# machine reads the dictionary file once instead of writing an 8.7 MB index).

_INDEX_FORMAT = 2
_index_lock = threading.Lock()  # not _lock: jieba() must stay free while titles are cut


def _dict_path() -> str | None:
    """jieba's bundled dictionary file, found without importing jieba (None if jieba is missing)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


def _index_path(dict_path: str):
    """Where the per-character index of this jieba dictionary lives."""
    import hashlib
    import os

    from drafter.resources import cache_dir

    st = os.stat(dict_path)
    key = f"{_INDEX_FORMAT}:{dict_path}:{st.st_size}:{st.st_mtime_ns}".encode()
    return cache_dir() / f"jieba-{hashlib.md5(key).hexdigest()[:16]}.json"


class _CharIndex:
    """jieba's FREQ (word or prefix -> count) for the words starting with the characters seen so far."""

    def __init__(self, dict_path: str) -> None:
        import json

        self.dict_path = dict_path
        self.path = _index_path(dict_path)
        self.total: int | None = None
        self.lines: dict[str, list] = {}  # first character -> [[word, count], …] in dictionary order
        self.freq: dict[str, int] = {}
        self._text: str | None = None  # the dictionary file's text, read once a process
        self._covers = 0  # cover() calls that had to read the dictionary
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.total, self.lines = int(data["total"]), dict(data["chars"])
            for entries in self.lines.values():
                self._add(entries)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # missing or damaged: start afresh
            self.total, self.lines, self.freq = None, {}, {}

    def _add(self, entries: list) -> None:
        """The same folding as jieba's gen_pfdict: a word's own count wins over its use as a prefix."""
        freq = self.freq
        for word, n in entries:
            freq[word] = int(n)
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)

    def cover(self, text: str) -> None:
        """Make sure every character of `text` has its entries (one scan of the dictionary's text).

        The first scan of a process is saved at once (a cold build cuts one title); later ones,
        of a caller cutting many strings, are saved once, as the process ends, not on every call."""
        import re

        missing = sorted({ch for ch in text if ch not in self.lines})
        if not missing and self.total is not None:
            return
        data = self._dictionary()
        if self.total is None:
            self.total = dictionary_total(data)
        found: dict[str, list] = {ch: [] for ch in missing}
        if missing:
            pattern = "^([" + "".join(re.escape(ch) for ch in missing) + r"][^ \n]*) (\d+)"
            for word, n in re.findall(pattern, data, re.M):
                found[word[0]].append([word, int(n)])
        for ch in missing:
            self.lines[ch] = found[ch]
            self._add(found[ch])
        self._covers += 1
        if self._covers == 1:
            self.save()
        elif self._covers == 2:
            import atexit

            atexit.register(self.save)

    def _dictionary(self) -> str:
        """The dictionary file's text (read once a process); its total too, when the file is a known one."""
        if self._text is None:
            with open(self.dict_path, "rb") as fh:
                raw = fh.read()
            if self.total is None:
                self.total = known_total(raw)
            self._text = raw.decode("utf-8")
        return self._text

    def save(self) -> None:
        """Write the index (an optimisation: a read-only home or a vanished cache folder is no error)."""
        import json

        try:
            from drafter.resources import prune_cache
            from drafter.textio import atomic_write

            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps({"total": self.total, "chars": self.lines}, ensure_ascii=False,
                                               separators=(",", ":")), force=True)
            prune_cache(self.path.parent)
        except Exception:  # noqa: BLE001 - the index is an optimisation; a read-only home must not break builds
            pass


def dictionary_total(data: str) -> int:
    """The sum of a jieba dictionary's counts (jieba's `total`), from the file's text."""
    import re

    return sum(map(int, re.findall(r"^[^ \n]+ (\d+)", data, re.M)))


# The totals of the dictionaries jieba ships, by (bytes, CRC-32) of the file: summing ~350,000
# counts costs 0.1 s of the first build on a machine, checking the file's CRC a few ms.
KNOWN_TOTALS = {(5071852, 328468845): 60101967}  # jieba 0.42.1 dict.txt


def known_total(raw: bytes) -> int | None:
    """The total of a dictionary file listed in KNOWN_TOTALS, else None (it must be summed)."""
    import zlib

    return KNOWN_TOTALS.get((len(raw), zlib.crc32(raw)))


@cache
def _indexed_tokenizer():
    """A jieba Tokenizer reading the default dictionary through the per-character index, or None."""
    try:
        dict_path = _dict_path()
        if dict_path is None:
            return None
        index = _CharIndex(dict_path)
    except OSError:
        return None
    tokenizer = _import_jieba().Tokenizer()
    tokenizer.FREQ, tokenizer.initialized = index.freq, True
    tokenizer.char_index = index
    return tokenizer


def few_words(text: str) -> list[str]:
    """The same words as `words(text)`, for callers that cut only a few short strings.

    Uses the loaded dictionary when this process already has it, else only the
    dictionary entries that start with the characters of `text`.
    """
    tokenizer = _covering_tokenizer(text)
    return tokenizer.lcut(text) if tokenizer is not None else words(text)


def prepare_few_words(text: str) -> None:
    """Index every character of `text` at once, for a caller about to cut many strings of it with
    `few_words` (one scan of the dictionary instead of one for each string that brings a new character)."""
    _covering_tokenizer(text)


def _covering_tokenizer(text: str):
    """The indexed tokenizer with every character of `text` covered; None when jieba's own dictionary
    is loaded already (or the index cannot be used)."""
    if _load.cache_info().currsize:
        return None
    with _index_lock:
        tokenizer = _indexed_tokenizer()
        if tokenizer is None:
            return None
        try:
            tokenizer.char_index.cover(text)
            tokenizer.total = tokenizer.char_index.total
        except (OSError, ValueError, UnicodeDecodeError):
            return None
    return tokenizer


# A title is cut again on every build of its spec; importing jieba for it costs most of what a cold
# build spends on titles. The words of the last titles cut are kept beside the index (same key: the
# dictionary file), so a rebuild reads them back without importing jieba.
SAVED_CUTS = 256
_cuts_lock = threading.Lock()


def _cuts_path(dict_path: str):
    path = _index_path(dict_path)
    return path.with_name("cuts-" + path.name.split("-", 1)[1])


@cache
def _saved_cuts() -> dict[str, list[str]]:
    """The saved words of recent titles (empty when none are saved or the file is damaged)."""
    import json

    try:
        dict_path = _dict_path()
        if dict_path is None:
            return {}
        data = json.loads(_cuts_path(dict_path).read_text(encoding="utf-8"))
        return {text: list(words) for text, words in data["cuts"].items()
                if isinstance(text, str) and isinstance(words, list) and all(isinstance(w, str) for w in words)
                and "".join(words) == text}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def title_words(text: str) -> list[str]:
    """`few_words(text)` for a title: read back when this title was cut before, else cut and saved."""
    saved = _saved_cuts()
    if text in saved:
        return list(saved[text])
    cut = few_words(text)
    with _cuts_lock:
        _save_cut(saved, text, cut)
    return cut


def _save_cut(saved: dict[str, list[str]], text: str, cut: list[str]) -> None:
    try:
        import json

        from drafter.resources import prune_cache
        from drafter.textio import atomic_write

        dict_path = _dict_path()
        if dict_path is not None and "".join(cut) == text:
            saved[text] = list(cut)
            while len(saved) > SAVED_CUTS:
                del saved[next(iter(saved))]
            path = _cuts_path(dict_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps({"cuts": saved}, ensure_ascii=False, separators=(",", ":")), force=True)
            prune_cache(path.parent)
    except Exception:  # noqa: BLE001 - the saved cuts are an optimisation; a read-only home must not break builds
        pass


def tagged_words(text: str) -> list[tuple[str, str]]:
    """Segment `text` into (word, part-of-speech flag) pairs with jieba's tagger."""
    jieba()
    import jieba.posseg as posseg  # uses the dictionary initialised above

    return [(pair.word, pair.flag) for pair in posseg.lcut(text)]


# --- Dictionary-only segmentation (HMM off), the miner's hot path ---
#
# The miner cuts every line of a corpus with jieba's dictionary only (no HMM
# guesses). rjieba (jieba-rs, a Rust port with the same dictionary and the same
# DAG + max-probability route) gives identical words about fifteen times faster;
# tests/test_segment_backend.py pins that on every seed and fixture. jieba stays
# the reference: it is used when rjieba is not installed or DRAFTER_SEGMENTER=jieba,
# and always for part-of-speech tags (rjieba's tagger disagrees with jieba's).


@cache
def _rjieba_cut():
    """rjieba's cut, or None (not installed, or jieba asked for by DRAFTER_SEGMENTER)."""
    import os

    if os.environ.get("DRAFTER_SEGMENTER", "").strip().lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.cut


def backend() -> str:
    """Which library `dictionary_words` uses: "rjieba" or "jieba"."""
    return "rjieba" if _rjieba_cut() is not None else "jieba"


def dictionary_words(text: str) -> list[str]:
    """`jieba.lcut(text, HMM=False)`: dictionary words only, by the fastest identical backend."""
    cut = _rjieba_cut()
    if cut is not None:
        return cut(text, False)
    return jieba().lcut(text, HMM=False)


def load_dictionary_words() -> None:
    """Load what `dictionary_words` needs now (before forking workers, so they share it)."""
    if _rjieba_cut() is not None:
        _rjieba_cut()("预热", False)
    else:
        jieba()


def dictionary_file():
    """jieba's dictionary file (binary), opened without building jieba's prefix dictionary."""
    return _import_jieba().dt.get_dict_file()
