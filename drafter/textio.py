"""Reading user files as text and writing outputs atomically.

Every reader in drafter (corpus files, specs, outlines, banks, rule files)
goes through `read_text`, so encodings and unreadable files are handled the
same way everywhere; every writer goes through `atomic_write`, so an
interrupted run never leaves a half-written file and nothing is clobbered
without `force`.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from drafter.errors import InputFileError, OutputExistsError

# Control characters that never occur in a text document (tab, LF, CR, FF excluded).
_BINARY_BYTES = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS failures into one clear InputFileError."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputFileError("is a directory, not a file", path=str(p))
        return p.read_bytes()
    except InputFileError:
        raise
    except FileNotFoundError:
        raise InputFileError("no such file", path=str(p)) from None
    except PermissionError:
        raise InputFileError("permission denied", path=str(p)) from None
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror or exc}", path=str(p)) from None


def decode(data: bytes, name: str) -> DecodedText:
    """Decode text in UTF-8 (with or without BOM) or GB18030/GBK.

    Detection is by strict decoding, never by crashing: UTF-8 is tried first
    because valid GB18030 byte runs are rarely valid UTF-8, while the reverse
    is common. Binary data (NUL or other control bytes) and empty files are
    refused with a message naming the file.
    """
    if not data.strip():
        raise InputFileError("file is empty", path=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            pass
    sample = data[:8192]
    if b"\x00" in sample or sum(sample.count(b) for b in _BINARY_BYTES) > len(sample) // 100 + 1:
        raise InputFileError("looks like a binary file, not text (expected UTF-8 or GB18030 text)", path=name)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return DecodedText(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _undecodable(name, data, exc) from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_exc:
        try:
            return DecodedText(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            raise _undecodable(name, data, utf8_exc) from None


def _undecodable(name: str, data: bytes, exc: UnicodeDecodeError) -> InputFileError:
    line = data.count(b"\n", 0, exc.start) + 1
    col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return InputFileError("not valid UTF-8 or GB18030 text", path=name, line=line, column=col)


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a text file (see `decode`)."""
    return decode(read_bytes(path), str(path))


@cache
def _umask() -> int:
    """The process umask, read once (reading it means setting it, which is racy in threads)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temp file in the same folder and a rename.

    Refuses to replace an existing file unless `force`; a crash mid-write
    leaves the old file (or nothing) in place, never a truncated one.
    """
    p = Path(path)
    if p.is_dir():
        raise OutputExistsError("is a directory; give a file name", path=str(p))
    if isinstance(data, str):
        data = data.encode("utf-8")
    if p.exists() and not p.is_file():
        # A device or pipe (/dev/null, /dev/stdout): stream into it; renaming over it would
        # replace the device node itself.
        try:
            with open(p, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise InputFileError(f"cannot write: {exc.strerror or exc}", path=str(p)) from None
        return p
    if p.exists() and not force:
        raise OutputExistsError("already exists (use --force to overwrite)", path=str(p))
    if p.is_symlink():
        p = p.resolve()  # replace the file the link points to, not the link
    folder = p.parent if str(p.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file 0600; give the output the mode a plain open() would
        # (or the mode of the file it replaces).
        mode = p.stat().st_mode & 0o7777 if p.exists() else 0o666 & ~_umask()
        with replacing(p) as tmp:
            os.chmod(tmp, mode)
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except OSError as exc:
        raise InputFileError(f"cannot write: {exc.strerror or exc}", path=str(p)) from None
    return p


@contextmanager
def replacing(path: str | Path) -> Iterator[str]:
    """A temp file beside `path` that replaces it (one rename) when the block succeeds.

    On failure the temp file is removed and `path` is untouched, so readers
    never see half a file.
    """
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent if str(p.parent) else ".")
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

