"""One module per CLI command, each with `configure(parser)` and `run(args) -> int`.

The helpers here are what several commands share: going through input files
while reporting the bad ones, and writing a result to a file or stdout.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Inputs:
    """Iterate `(path, load(path))` over input files, reporting each unreadable one and going on.

    After the loop, `failed` counts the files that could not be loaded, so a
    command exits 1 when any input was bad while still handling the others.
    """

    def __init__(self, paths: Iterable[str], load: Callable[[str], T]):
        self.paths = list(paths)
        self.load = load
        self.failed = 0

    def __iter__(self) -> Iterator[tuple[str, T]]:
        from drafter.cli import report
        from drafter.errors import DrafterError
        from drafter.progress import progress

        with progress("reading", len(self.paths), threshold=PROGRESS_FILES) as advance:
            for path in self.paths:
                try:
                    result = self.load(path)
                except DrafterError as exc:
                    report(exc)
                    self.failed += 1
                    continue
                finally:
                    advance()
                yield path, result


PROGRESS_FILES = 20  # a progress bar (stderr, terminals only) from this many input files


def emit(text: str, output: str | None, *, force: bool) -> bool:
    """Write `text` to `output` atomically (refusing to clobber unless `force`), or print it
    when there is no output or it is "-".

    Returns True when a file was written.
    """
    if not output or output == "-":
        print(text, end="")
        return False
    import os

    from drafter.errors import OutputExistsError
    from drafter.textio import atomic_write

    if output.endswith(("/", os.sep)):
        raise OutputExistsError("names a folder; give a file name", path=output)

    atomic_write(output, text, force=force)
    return True
