"""The `drafter` command: a thin argparse shell over the pipeline.

Each command lives in `drafter/commands/<name>.py` with `configure(parser)`
and `run(args) -> int`; only the chosen command's module is imported, so
`drafter --help` stays fast and never loads jieba, python-docx or Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from drafter import __version__
from drafter.errors import DrafterError
from drafter.gcpause import command_done, end_startup, pause_startup

# name -> one-line help. Order is the order shown by --help.
COMMANDS: dict[str, str] = {
    "build": "Build speeches from YAML specs into .docx, .md or .txt",
    "new": "Write a spec to fill in for an outline, with its guidance as comments",
    "outlines": "List the speech outlines (types) with their descriptions",
    "schema": "Print the JSON Schema of the YAML spec (or of an outline, phrase bank, rule file, topics)",
    "check": "Check a spec, .txt or .docx for numbering, placeholder, punctuation and wording mistakes",
    "tui": "Open the terminal UI to draft a speech (the default with no command)",
    "serve": "Serve the drafting UI to a web browser (needs: pip install \"drafter[web]\")",
    "phrases": "Search, add, lint, merge and count phrase-bank entries",
    "suggest": "Suggest ranked phrases for one part of a speech, filled from its facts",
    "mine": "Mine outlines' phrases (sayings, formulas, heading patterns) from a corpus into phrase banks",
    "clean": "Print the cleaned text of corpus files (.txt in UTF-8/GB18030, .docx)",
    "parse": "Parse corpus files into speech outlines (readable, or --json)",
    "import": "Turn old speeches (.txt/.md/.docx) into specs to update, marking what needs updating",
}
# Commands whose module name differs from the command (a Python keyword).
_MODULES = {"import": "import_"}

_COMMANDS_DIR = Path(__file__).with_name("commands")


def available_commands() -> dict[str, str]:
    """Commands whose module exists (later issues add theirs)."""
    return {name: help for name, help in COMMANDS.items() if (_COMMANDS_DIR / f"{_MODULES.get(name, name)}.py").exists()}


def build_parser(selected: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="Draft Chinese official speeches (讲话稿): mine a corpus, fill a YAML spec, "
                    "build a GB/T 9704-style Word document. Run with no command to open the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands = available_commands()
    if selected in commands:  # `drafter build …` needs build's parser only (argparse costs ~0.3 ms a command)
        commands = {selected: commands[selected]}
    for name, help in commands.items():
        cmd = sub.add_parser(name, help=help, description=help)
        if name == selected:
            module = importlib.import_module(f"drafter.commands.{_MODULES.get(name, name)}")
            module.configure(cmd)
            cmd.set_defaults(_run=module.run)
    return parser


def _selected_command(argv: list[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


# Set by `prepare_streams` when the process started with standard output closed (`>&-`).
STDOUT_CLOSED = False


def prepare_streams() -> None:
    """Make printing safe whatever the terminal: a closed stdout, or one that cannot encode Chinese.

    A closed fd 1 is filled with /dev/null (so no file we open later lands on it);
    a stream whose encoding cannot write Chinese (LANG=C, PYTHONIOENCODING=ascii)
    writes backslash escapes instead of raising UnicodeEncodeError.
    """
    global STDOUT_CLOSED
    import os

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            if name == "stdout":
                STDOUT_CLOSED = True
            try:
                setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            except OSError:  # pragma: no cover - no /dev/null
                pass
            continue
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "中文“”—".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError):
                pass


# Commands that end the start-up collector pause themselves, once their modules are loaded
# (a build after its first spec); every other command ends it before it runs.
_ENDS_OWN_STARTUP = frozenset({"build"})


def main(argv: list[str] | None = None) -> int:
    pause_startup()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:  # also after an error; argv given: called in-process (tests), not as the program
        command_done(process_ends=argv is None)


def _main(argv: list[str]) -> int:
    prepare_streams()
    if not argv and not _interactive():
        # Drawing a screen into a pipe would hang or fill a log with escape codes.
        build_parser(None).print_help(sys.stderr)
        print("drafter: no terminal: give a command (the terminal UI needs one)", file=sys.stderr)
        return 2
    if not argv and "tui" in available_commands():
        argv = ["tui"]
    selected = _selected_command(argv)
    if selected == "tui":  # the UI saves and exits on TERM/HUP by itself
        return _run(argv, selected)
    from drafter.textio import install_signal_cleanup

    restore = install_signal_cleanup()
    try:
        return _run(argv, selected)
    finally:
        restore()


def _run(argv: list[str], selected: str | None) -> int:
    """Parse the command's arguments and run it; user errors become one line and an exit status."""
    parser = build_parser(selected)
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    if selected not in _ENDS_OWN_STARTUP:
        end_startup()
    try:
        return int(args._run(args) or 0)
    except DrafterError as exc:
        print(f"drafter: error: {terminal_safe(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("drafter: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        print("drafter: error: input nested too deeply to process", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error worth a traceback.
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 0


def _interactive() -> bool:
    """True when the UI can run: a terminal on stdin and stdout, or a Textual web driver (drafter serve)."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or missing streams
        return False


def terminal_safe(text: str) -> str:
    """`text` with control characters (escape codes, bells, backspaces) shown as \\x.. escapes.

    Used for what commands print when stdout is a terminal, so a corpus or
    spec cannot move the cursor, retitle the window or hide text.
    """
    return "".join(c if c in "\n\t" or not _is_control(c) else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)


def _is_control(c: str) -> bool:
    o = ord(c)
    return o < 32 or 0x7F <= o <= 0x9F or c in "\u2028\u2029\u202e\u202d\u2066\u2067\u2068\u2069"


def to_terminal(text: str, stream=None) -> str:
    """`terminal_safe(text)` when `stream` (stdout by default) is a terminal, else `text` unchanged."""
    stream = sys.stdout if stream is None else stream
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    return terminal_safe(text) if tty else text


def report(exc: DrafterError) -> None:
    """Print a user error for one input and let the command go on with the others."""
    print(f"drafter: error: {terminal_safe(str(exc))}", file=sys.stderr)
