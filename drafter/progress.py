"""A progress bar on stderr for steps that can run for more than a couple of seconds.

Only when stderr is a terminal: pipes, files and tests' captured output get
nothing, and stdout is never touched (a command's result may be piped).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress(label: str, total: int, *, threshold: int = 1) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n=1)`; draws a transient bar when stderr is a terminal and total >= threshold."""
    stream = sys.stderr
    if total < threshold or not getattr(stream, "isatty", lambda: False)():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(file=stream), transient=True, redirect_stdout=False, redirect_stderr=False)
    task = bar.add_task(label, total=total)
    with bar:
        yield lambda n=1: bar.advance(task, n)
