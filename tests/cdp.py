"""Headless Chromium driven over the DevTools protocol, for tests that click and submit.

`--dump-dom` only loads a page; the review queue's tests fill forms and submit them, so they
talk to Chromium's remote-debugging websocket (the `websockets` package's sync client).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from websockets.sync.client import connect


class Page:
    """One tab: navigate, evaluate JavaScript, wait for the next load."""

    def __init__(self, ws_url: str) -> None:
        self._ws = connect(ws_url, max_size=None, open_timeout=20)
        self._id = 0
        self.call("Page.enable")
        self.call("Network.enable")

    def close(self) -> None:
        self._ws.close()

    def call(self, method: str, timeout: float = 60.0, **params) -> dict:
        self._id += 1
        self._ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            msg = json.loads(self._ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def wait_load(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            msg = json.loads(self._ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if msg.get("method") == "Page.loadEventFired":
                return

    def goto(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_load()

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def submit(self, expression: str) -> None:
        """Run JavaScript that submits a form, then wait for the page it leads to."""
        self.js(expression)
        self.wait_load()

    def html(self) -> str:
        return str(self.js("document.documentElement.outerHTML"))


@contextlib.contextmanager
def chromium_page(chromium: str, flags: list[str], profile: Path, port: int) -> Iterator[Page]:
    proc = subprocess.Popen(
        [chromium, *flags, f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    page = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as r:
                    targets = [t for t in json.load(r) if t.get("type") == "page"]
                if targets:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chromium's DevTools endpoint did not come up")
            time.sleep(0.3)
        page = Page(targets[0]["webSocketDebuggerUrl"])
        yield page
    finally:
        if page is not None:
            page.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
