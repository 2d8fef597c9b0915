"""Serving the drafting UI to a web browser (`drafter serve`).

textual-serve runs one `drafter tui` process per browser tab and relays its
screen over a websocket, so the browser shows exactly the UI that is tested in
the terminal, with the same drafts folder and autosave. This module adds what
a colleague installing drafter on an office machine needs around it: a clear
error for a busy port, a warning for a non-loopback address, a short banner,
and no UI process left behind when the server stops.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError

PAGE_TITLE = "drafter 讲话稿起草"
INSTALL_HINT = 'drafter serve needs the web extra: pip install "drafter[web]"'


class ServeError(DrafterError):
    """The server cannot start: the extra is missing, the port is taken, the address is bad."""

    title = "Cannot serve"


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    spec: Path | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def is_loopback(host: str) -> bool:
    """True for localhost and addresses in 127.0.0.0/8 or ::1."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ui_command(spec: Path | None) -> str:
    """The shell command textual-serve runs for each tab: this Python, `drafter tui`.

    With a spec, the tab goes through `drafter.serve_tab`, which opens the spec in one tab at a
    time (a second tab is told it is open elsewhere) and then becomes `drafter tui SPEC`.
    `exec` replaces the shell, so the process the server tracks is the UI itself.
    """
    parts = [sys.executable, "-m", "drafter", "tui"]
    if spec is not None:
        parts = [sys.executable, "-m", "drafter.serve_tab", str(spec.resolve())]
    return "exec " + " ".join(shlex.quote(p) for p in parts)


def check_port(host: str, port: int) -> None:
    """Fail with a clear message when `host:port` cannot be listened on (taken, or no such address)."""
    if not 1 <= port <= 65535:
        raise ServeError(f"--port must be between 1 and 65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host!r}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # aiohttp sets SO_REUSEADDR too: a port left in TIME_WAIT is usable, one with a listener is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError:
            raise ServeError(f"no permission to listen on port {port} (ports below 1024 need root); "
                             "choose another with --port") from None
        except OSError as exc:
            raise ServeError(f"port {port} on {host} is already in use ({exc.strerror}); "
                             "choose another with --port") from None


def offline_templates() -> Path:
    """textual-serve's page template without its Google Fonts link, in drafter's cache.

    The page would otherwise ask fonts.googleapis.com for Roboto Mono on every load, which an
    office intranet blocks and which drafter never does; the page's own fallback fonts are used.
    """
    import re

    import textual_serve

    from drafter.resources import cache_dir
    from drafter.textio import atomic_write

    source = Path(textual_serve.__file__).resolve().parent / "templates" / "app_index.html"
    html = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", "", source.read_text(encoding="utf-8"))
    folder = cache_dir() / "serve-templates"
    target = folder / "app_index.html"
    if not target.is_file() or target.read_text(encoding="utf-8") != html:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(target, html, force=True)
    return folder


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (Linux /proc; empty elsewhere)."""
    out = []
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == str(pid):
            out.append(int(entry.name))
    return out


def end_children(grace: float = 3.0) -> None:
    """Give UI processes still running `grace` seconds to quit after the server asked them to,
    then terminate them: a stopped server leaves nothing behind."""
    me = os.getpid()
    deadline = time.monotonic() + grace
    while _children(me) and time.monotonic() < deadline:
        time.sleep(0.1)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        left = _children(me)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        time.sleep(0.5)


def serve(options: ServeOptions, say=print) -> None:
    """Serve the UI until Ctrl+C or SIGTERM; `say` prints the banner."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ServeError(INSTALL_HINT) from None
    if options.spec is not None and not options.spec.is_file():
        raise ServeError("no such file", path=str(options.spec))
    check_port(options.host, options.port)

    class DrafterServer(Server):
        """textual-serve with drafter's banner and quiet logging."""

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level=logging.WARNING, format="drafter serve: %(message)s")

        async def on_startup(self, app) -> None:
            say(f"drafter: serving the drafting UI at {options.url}")
            say("drafter: each browser tab runs its own UI; drafts are autosaved as in `drafter tui`")
            if options.spec is not None:
                say(f"drafter: {options.spec.name} is edited in one tab at a time; other tabs say so")
            say("drafter: press Ctrl+C to stop")

    if not is_loopback(options.host):
        say(f"drafter: warning: listening on {options.host}: anyone who can reach this machine "
            "can open and edit drafts", file=sys.stderr)
    server = DrafterServer(ui_command(options.spec), host=options.host, port=options.port, title=PAGE_TITLE,
                           public_url=options.url.rstrip("/"), templates_path=offline_templates())
    try:
        server.serve()
    finally:
        end_children()
    say("drafter: stopped")
