"""A small Chrome DevTools Protocol client: headless Chromium driven over its WebSocket.

Only what the browser tests need: start Chromium, open a tab, navigate, wait for a JavaScript
condition, evaluate, click, take screenshots, and record every request the page makes (so a test
can prove nothing was fetched from outside the local server).
"""

from __future__ import annotations

import base64
import itertools
import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from websockets.sync.client import connect

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    # Offline for real: every host name but 127.0.0.1 fails to resolve, so a page that still
    # pointed at a CDN would visibly break instead of quietly fetching from the internet.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--window-size=1280,1000",
    "--remote-debugging-port=0",
)


class DevToolsError(RuntimeError):
    pass


class Browser:
    """A headless Chromium process and the DevTools WebSocket connected to it."""

    def __init__(self, binary: str, profile_dir: Path, *, start_timeout: float = 20.0):
        self.profile_dir = profile_dir
        self.log_path = profile_dir.parent / f"{profile_dir.name}-chromium.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._ids = itertools.count(1)
        self._events: list[dict] = []
        try:
            self._ws = connect(
                self._wait_for_endpoint(start_timeout), max_size=None, open_timeout=10, legacy=True
            )
        except BaseException:
            self.close()
            raise

    def _wait_for_endpoint(self, timeout: float) -> str:
        """Chromium writes the port and path of its DevTools endpoint to DevToolsActivePort."""
        active_port = self.profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DevToolsError(f"Chromium exited with {self.process.returncode}: {self.log_tail()}")
            lines = active_port.read_text().splitlines() if active_port.exists() else []
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            time.sleep(0.05)
        raise DevToolsError(f"Chromium did not open its DevTools endpoint: {self.log_tail()}")

    def log_tail(self, size: int = 2000) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-size:]

    # -- protocol ---------------------------------------------------------------------------------
    def send(
        self, method: str, params: dict | None = None, *, session: str | None = None, timeout: float = 15.0
    ) -> dict:
        message_id = next(self._ids)
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            data = self._receive(deadline, what=method)
            if data.get("id") == message_id:
                if "error" in data:
                    raise DevToolsError(f"{method}: {data['error']}")
                return data.get("result", {})

    def _receive(self, deadline: float, *, what: str) -> dict:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"DevTools: no answer for {what}")
        try:
            data = json.loads(self._ws.recv(timeout=remaining))
        except TimeoutError:
            raise TimeoutError(f"DevTools: no answer for {what}")
        if "method" in data:
            self._events.append(data)
        return data

    def wait_event(self, method: str, *, session: str, timeout: float = 15.0, after: int = 0) -> dict:
        """The first ``method`` event of ``session`` at or after index ``after`` of the event log."""
        deadline = time.monotonic() + timeout
        seen = after
        while True:
            for event in self._events[seen:]:
                if event["method"] == method and event.get("sessionId") == session:
                    return event
            seen = len(self._events)
            self._receive(deadline, what=method)

    def events(self, session: str, method: str) -> list[dict]:
        return [e["params"] for e in self._events if e.get("sessionId") == session and e["method"] == method]

    def open_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=session)
        self.send("Network.setCacheDisabled", {"cacheDisabled": True}, session=session)
        return page

    def close(self) -> None:
        try:
            if getattr(self, "_ws", None) is not None:
                try:
                    self.send("Browser.close", timeout=5)
                except Exception:
                    pass
                self._ws.close()
        finally:
            if self.process.poll() is None:
                self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self._log.close()


@dataclass
class Page:
    """One tab, attached with its own DevTools session (so its events are its own)."""

    browser: Browser
    session: str
    target: str
    screenshots: list[Path] = field(default_factory=list)

    def send(self, method: str, params: dict | None = None, **kwargs) -> dict:
        return self.browser.send(method, params, session=self.session, **kwargs)

    def navigate(self, url: str, *, timeout: float = 20.0) -> None:
        mark = len(self.browser._events)
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise DevToolsError(f"navigation to {url} failed: {result['errorText']}")
        self.browser.wait_event("Page.loadEventFired", session=self.session, timeout=timeout, after=mark)

    def expect_navigation(self, action, *, timeout: float = 20.0) -> None:
        """Run ``action`` (e.g. a click that submits a form) and wait for the next page load."""
        mark = len(self.browser._events)
        action()
        self.browser.wait_event("Page.loadEventFired", session=self.session, timeout=timeout, after=mark)

    def evaluate(self, expression: str):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise DevToolsError(f"{expression!r} raised: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 20.0, interval: float = 0.1):
        """Poll ``expression`` until it is truthy; its last value is returned."""
        deadline = time.monotonic() + timeout
        value = None
        # A DOM node comes back by value as {}: report it as true.
        probe = f"(() => {{ const value = ({expression}); return value instanceof Node ? true : value; }})()"
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(probe)
            except DevToolsError:  # the page is between two documents
                value = None
            if value:
                return value
            time.sleep(interval)
        raise TimeoutError(f"still false after {timeout}s: {expression} (last value {value!r})")

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params, timeout=30)["data"]
        path.write_bytes(base64.b64decode(data))
        self.screenshots.append(path)
        return path

    # -- what the page did ------------------------------------------------------------------------
    def requested_urls(self) -> list[str]:
        return [e["request"]["url"] for e in self.browser.events(self.session, "Network.requestWillBeSent")]

    def responses(self) -> list[dict]:
        return [e["response"] for e in self.browser.events(self.session, "Network.responseReceived")]

    def failed_requests(self) -> list[dict]:
        return self.browser.events(self.session, "Network.loadingFailed")

    def exceptions(self) -> list[str]:
        return [
            e["exceptionDetails"].get("exception", {}).get("description") or e["exceptionDetails"]["text"]
            for e in self.browser.events(self.session, "Runtime.exceptionThrown")
        ]

    def console_errors(self) -> list[str]:
        return [
            " ".join(str(arg.get("value", arg.get("description", ""))) for arg in e["args"])
            for e in self.browser.events(self.session, "Runtime.consoleAPICalled")
            if e["type"] in ("error", "assert")
        ]

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
