"""Shared set-up for the end-to-end tests: a real `streamlit run` server and Debian's Chromium.

Browser tests skip with a printed reason where Chromium or Playwright is missing, except when
DHYAN_REQUIRE_BROWSER is set (as .ci/run does): then a missing browser fails the run.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOT_DIR = ROOT / "docs" / "screenshots"


def require_browser() -> None:
    """Skip (or, in CI, fail) when there is no browser to drive."""
    reasons = []
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        reasons.append("Debian's chromium is not installed (apt-get install chromium fonts-noto-core)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reasons.append("the playwright package is not installed (pip install -r requirements-dev.txt)")
    if reasons:
        message = "browser tests need a browser: " + "; ".join(reasons)
        if os.environ.get("DHYAN_REQUIRE_BROWSER"):
            pytest.fail(message + " — DHYAN_REQUIRE_BROWSER is set, so this is a failure")
        print(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StreamlitServer:
    """`streamlit run streamlit_app.py` on 127.0.0.1 with a free port, stopped on close()."""

    def __init__(self, data_dir: Path, extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DHYAN_DATA_DIR": str(data_dir), **(extra_env or {})}
        self.log = open(data_dir / "streamlit.log", "w", encoding="utf-8")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_until_healthy()

    def wait_until_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def open_page(page, url: str, timeout_ms: int = 90_000) -> None:
    """Go to a page of the app and wait for its script to finish. Waiting for the first byte
    rather than the load event: on a busy machine the bundle can take longer than the load
    timeout, and wait_for_app_idle is what says the page is ready."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    wait_for_app_idle(page, timeout_ms)


def wait_for_app_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished running the page's script.

    The app root carries data-test-script-state ("initial", "running", "notRunning", ...);
    we wait for it to leave the running states, twice with a pause, because a widget change
    can start a rerun right after the first run ends.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    idle = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
            " const state = app && app.getAttribute('data-test-script-state');"
            " return state && state !== 'initial' && state !== 'running'; }")
    for _ in range(2):
        page.wait_for_function(idle, timeout=timeout_ms)
        page.wait_for_timeout(400)
