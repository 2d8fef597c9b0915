"""Reading user files as text and writing outputs atomically.

Every reader in drafter (corpus files, specs, outlines, banks, rule files)
goes through `read_text`, so encodings and unreadable files are handled the
same way everywhere; every writer goes through `atomic_write`, so an
interrupted run never leaves a half-written file and nothing is clobbered
without `force`.
"""

from __future__ import annotations

import errno
import re
import os
import signal
import stat
import tempfile
import time
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from drafter.errors import InputFileError, OutputExistsError

# Control characters that never occur in a text document (tab, LF, CR, FF excluded).
_BINARY_BYTES = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was read in."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"


# Limits on what one input may cost (see README "Safety"); the environment variable
# raises the input limit for a large corpus file.
MAX_INPUT_MB_ENV = "DRAFTER_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 64


def max_input_bytes() -> int:
    """The largest input file drafter reads (DRAFTER_MAX_INPUT_MB, default 64 MB)."""
    raw = os.environ.get(MAX_INPUT_MB_ENV, "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MAX_INPUT_MB
    except ValueError:
        mb = DEFAULT_MAX_INPUT_MB
    if not (mb > 0 and mb < 1e6):
        mb = DEFAULT_MAX_INPUT_MB
    return int(mb * 1024 * 1024)


def os_reason(exc: OSError, path: str | Path) -> str:
    """A short English reason for an OS failure on `path`, telling apart the cases users confuse."""
    code = exc.errno
    if code == errno.ELOOP:
        return "symlink loop (the link points back to itself)"
    if code == errno.ENOENT:
        try:
            if os.path.islink(path):
                return "dangling symlink (its target does not exist)"
        except (OSError, ValueError):
            pass
        return "no such file"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENAMETOOLONG:
        return "file name too long"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.EISDIR:
        return "is a directory, not a file"
    if code == errno.EROFS:
        return "read-only file system"
    if code == errno.ENOSPC:
        return "no space left on the device"
    return (exc.strerror or str(exc)).lower()


def check_readable(path: str | Path) -> os.stat_result:
    """Stat an input that must be a regular file, small enough to read; InputFileError otherwise."""
    p = str(path)
    try:
        st = os.stat(p)
    except ValueError:  # an embedded NUL
        raise InputFileError("invalid file name", path=p) from None
    except OSError as exc:
        raise InputFileError(os_reason(exc, p), path=p) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError("is a directory, not a file", path=p)
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError("not a regular file (a device, pipe or socket); give a file", path=p)
    limit = max_input_bytes()
    if st.st_size > limit:
        raise InputFileError(f"too large ({st.st_size / 1048576:.1f} MB; the limit is {limit / 1048576:.0f} MB, "
                             f"raise it with {MAX_INPUT_MB_ENV})", path=p)
    return st


def read_bytes(path: str | Path) -> bytes:
    """Read a regular file of bounded size, turning OS failures into one clear InputFileError.

    Devices (/dev/zero), pipes and sockets are refused before they are opened (a
    FIFO would block, /dev/zero never ends), and at most the size limit is read
    even if the file grows meanwhile.
    """
    p = str(path)
    check_readable(p)
    limit = max_input_bytes()
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputFileError(os_reason(exc, p), path=p) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the stat and the open
            raise InputFileError("not a regular file (a device, pipe or socket); give a file", path=p)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise InputFileError(f"too large (over the {limit / 1048576:.0f} MB limit; raise it with "
                                     f"{MAX_INPUT_MB_ENV})", path=p)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"cannot read: {os_reason(exc, p)}", path=p) from None
    finally:
        os.close(fd)


def looks_binary(sample: bytes) -> bool:
    """A NUL byte, or more than 1% control bytes that text never holds (counted in one pass)."""
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return b"\x00" in sample or controls > len(sample) // 100 + 1


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
    if looks_binary(data[:8192]):
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
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _undecodable(name, data, utf8_exc) from None
        if not plausible_chinese(text):
            raise InputFileError("not valid UTF-8, and read as GB18030 it is not plausible Chinese (is it Big5 or "
                                 "Shift-JIS?); convert it to UTF-8, e.g. iconv -f BIG5 -t UTF-8", path=name)
        return DecodedText(text, "gb18030")


def _common_char(c: str) -> bool:
    """In GB2312's symbol rows or its level-1 (3,755 most used) characters."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA9)


def plausible_chinese(text: str, *, sample: int = 20000, threshold: float = 0.75) -> bool:
    """Whether text decoded as GB18030 reads as Chinese rather than as Big5 or Shift-JIS bytes misread.

    GB18030 decodes almost any byte run, so a wrong guess is silent; but misread
    Big5 or Shift-JIS is mostly rare characters, while real Chinese (simplified, or
    traditional once converted) is over 99% in GB2312's common set.
    """
    wide = [c for c in text[:sample] if ord(c) > 127 and not c.isspace()]
    if len(wide) < 8:
        return True
    if sum(map(_common_char, wide)) >= 0.9 * len(wide):
        return True
    try:
        import opencc  # traditional text saved as GBK is legitimate: judge its simplified form

        wide = [c for c in opencc.OpenCC("t2s").convert("".join(wide)) if not c.isspace()]
    except Exception:  # noqa: BLE001 - opencc missing or failing: judge the text as it is
        pass
    return sum(map(_common_char, wide)) >= threshold * max(1, len(wide))


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


TEMP_SUFFIX = ".tmp"
# Temp files this process is writing: removed by the TERM/HUP handler.
_live_temps: set[str] = set()
# A temp file from an older drafter (no pid in its name) is stale after this long.
_STALE_SECONDS = 3600


def _temp_stem(name: str) -> str:
    """The output name as it appears in its temp files' names (cut short so they fit NAME_MAX)."""
    return name[:60]


def _temp_prefix(name: str) -> str:
    return f".{_temp_stem(name)}.drafter-{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def sweep_stale_temps(path: str | Path) -> list[str]:
    """Remove temp files of our own naming beside `path` left by a killed run; returns their names.

    Ours are `.NAME.drafter-PID-XXXX.tmp` (removed when PID is gone) and, from
    older versions, `.NAME.XXXX.tmp` older than an hour.
    """
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    ours = re.compile(rf"^\.{re.escape(_temp_stem(p.name))}\.(?:drafter-(\d+)-)?[A-Za-z0-9_]{{4,}}\.tmp$")
    now = time.time()
    for entry in entries:
        m = ours.match(entry.name)
        if not m:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            if m.group(1) is not None:
                if int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1))):
                    continue
            elif now - st.st_mtime < _STALE_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def remove_live_temps() -> None:
    """Remove the temp files this process is writing (called on TERM/HUP)."""
    for tmp in list(_live_temps):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _live_temps.discard(tmp)


# The signals that end a run politely (a kill, a closed terminal), where the platform has them.
CLEANUP_SIGNALS = tuple(sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                        if sig is not None)


def install_signal_cleanup() -> Callable[[], None]:
    """On TERM or HUP, remove our temp files and exit (128 + signal) instead of dying mid-write.

    Returns what puts the previous handlers back: a command's handlers last as long as the command
    (a program or test calling `drafter.cli.main` keeps its own once it returns)."""

    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        remove_live_temps()
        raise SystemExit(128 + signum)

    installed = []
    for sig in CLEANUP_SIGNALS:
        try:
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, handler)
                installed.append(sig)
        except (ValueError, OSError):  # not the main thread
            pass

    def restore() -> None:
        for sig in installed:
            try:
                if signal.getsignal(sig) is handler:
                    signal.signal(sig, signal.SIG_DFL)
            except (ValueError, OSError):
                pass

    return restore


def check_output_path(path: str | Path) -> Path:
    """Refuse output paths that would write somewhere unexpected; returns the path to write.

    A symlink to an existing file is followed (its target is replaced); a dangling
    symlink or a symlink loop is refused, as is a name too long for the file system.
    """
    p = Path(path)
    name = str(p)
    try:
        is_link = p.is_symlink()
    except (OSError, ValueError) as exc:
        raise OutputExistsError(os_reason(exc, name) if isinstance(exc, OSError) else "invalid file name",
                                path=name) from None
    if is_link:
        try:
            st = os.stat(p)  # follows the link (and /proc's fd links to pipes, which resolve() cannot)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OutputExistsError("symlink loop (the link points back to itself); give a file name",
                                        path=name) from None
            if exc.errno == errno.ENOENT:
                raise OutputExistsError("is a dangling symlink (its target does not exist); refusing to write "
                                        "through it", path=name) from None
            raise OutputExistsError(os_reason(exc, name), path=name) from None
        if not stat.S_ISREG(st.st_mode):
            return p  # a device or pipe behind the link (/dev/stdout): written through, not replaced
        try:
            return p.resolve(strict=True)
        except (OSError, RuntimeError):
            return p
    if len(os.fsencode(p.name)) > 255:
        raise OutputExistsError(f"file name too long ({len(os.fsencode(p.name))} bytes; at most 255)", path=name)
    return p


def output_exists(path: str | Path) -> bool:
    """Whether something is at `path`; an unsearchable folder is an error naming it, not a traceback."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except ValueError:
        raise OutputExistsError("invalid file name", path=str(path)) from None
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return False
        raise OutputExistsError(f"cannot write: {os_reason(exc, path)}", path=str(path)) from None
    return True


def atomic_write(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temp file in the same folder.

    Without `force` the temp file is hard-linked to the target, which fails if
    the target exists: of many writers racing for one name, exactly one wins and
    none replaces another (create-exclusive, never check-then-replace). With
    `force` it is renamed over the target. A crash mid-write leaves the old file
    (or nothing) in place, never a truncated one; stale temp files of our naming
    are swept first.
    """
    p = Path(path)
    name = str(p)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p = check_output_path(p)
    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT,):
            raise OutputExistsError(os_reason(exc, name), path=name) from None
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputExistsError("is a directory; give a file name", path=name)
    if st is not None and not stat.S_ISREG(st.st_mode):
        # A device or pipe (/dev/null, /dev/stdout): stream into it; renaming over it would
        # replace the device node itself.
        try:
            with open(p, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise InputFileError(f"cannot write: {os_reason(exc, name)}", path=name) from None
        return p
    if st is not None and not force:
        raise OutputExistsError("already exists (use --force to overwrite)", path=name)
    folder = p.parent if str(p.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "permission denied")
        sweep_stale_temps(p)
        # mkstemp creates the file 0600; give the output the mode a plain open() would
        # (or the mode of the file it replaces).
        mode = st.st_mode & 0o7777 if st is not None else 0o666 & ~_umask()
        with replacing(p, exclusive=not force) as tmp:
            os.chmod(tmp, mode)
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except FileExistsError:
        raise OutputExistsError("already exists (use --force to overwrite)", path=name) from None
    except OSError as exc:
        raise InputFileError(f"cannot write: {os_reason(exc, exc.filename or name)}", path=name) from None
    return p


def _link_exclusive(tmp: str, target: Path) -> None:
    """Put `tmp` at `target` only if `target` does not exist (raises FileExistsError otherwise)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # No hard links on this file system: claim the name exclusively, then rename over the claim.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.replace(tmp, target)
        return
    os.unlink(tmp)


@contextmanager
def replacing(path: str | Path, *, exclusive: bool = False) -> Iterator[str]:
    """A temp file beside `path` that takes its place when the block succeeds.

    `exclusive` refuses (FileExistsError) if `path` exists by then, atomically;
    otherwise the temp file is renamed over it. On failure, or TERM/HUP, the temp
    file is removed and `path` is untouched, so readers never see half a file.
    """
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(p.name), suffix=TEMP_SUFFIX,
                               dir=p.parent if str(p.parent) else ".")
    _live_temps.add(tmp)
    os.close(fd)
    try:
        yield tmp
        if exclusive:
            _link_exclusive(tmp, p)
        else:
            os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        _live_temps.discard(tmp)
