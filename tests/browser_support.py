"""Drive headless Chromium over the DevTools protocol: load a page, wait, screenshot.

Chromium's one-shot `--screenshot` fires at the load event, before a websocket
app has drawn anything; the DevTools protocol lets the test wait for the app.
"""

from __future__ import annotations

import asyncio
import base64
import re
import shutil
import subprocess
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network (GUIDE/env notes): no background connections at all.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


async def screenshot(url: str, out: Path, profile: Path, ready_js: str, seconds: float = 40) -> bool:
    """Load `url`, wait until `ready_js` is true (or time runs out), settle, save a PNG; True if ready."""
    import aiohttp

    proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1000,700",
                             "--remote-debugging-port=0", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in proc.stderr:  # "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        assert port, "Chromium did not open its DevTools port"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json/list") as reply:
                page = next(t for t in await reply.json() if t["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 1_000_000))

                async def call(method: str, **params):
                    mid = next(ids)
                    await ws.send_json({"id": mid, "method": method, "params": params})
                    while True:
                        message = await ws.receive_json()
                        if message.get("id") == mid:
                            return message.get("result", {})

                await call("Page.enable")
                await call("Page.navigate", url=url)
                ready = False
                deadline = time.monotonic() + seconds
                while not ready and time.monotonic() < deadline:
                    result = await call("Runtime.evaluate", expression=ready_js, returnByValue=True)
                    ready = bool(result.get("result", {}).get("value"))
                    await asyncio.sleep(0.3)
                await asyncio.sleep(3)  # let the first screen finish drawing
                shot = await call("Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(shot["data"]))
                return ready
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
