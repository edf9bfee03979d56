"""Shared set-up for the end-to-end tests: a real `streamlit run` server (tools.loadtest) and Debian's Chromium.

Browser tests skip with a printed reason where Chromium or Playwright is missing, except when
DHYAN_REQUIRE_BROWSER is set (as .ci/run does): then a missing browser fails the run.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tools.bench import CHROMIUM, CHROMIUM_ARGS
from tools.servers import LocalServer

ROOT = Path(__file__).resolve().parent.parent
BROWSER_STARTUP_TIMEOUT = 90  # seconds for `streamlit run` to answer its health check
# How often a wait_for_function checks the page. Playwright's default checks on every animation
# frame, which keeps the renderer drawing 60 frames a second while it waits; the browser tests
# spend most of their time waiting, and on two cores that drawing slows the pages being waited on.
POLL_MS = 100


def screenshot_dir() -> Path:
    """Where the browser tests save their screenshots: an ignored folder, unless
    DHYAN_REFRESH_SCREENSHOTS=1 asks for the README's (docs/screenshots/, tracked)."""
    if os.environ.get("DHYAN_REFRESH_SCREENSHOTS") == "1":
        return ROOT / "docs" / "screenshots"
    return ROOT / "tests" / "artifacts" / "screenshots"


def start_server(data_dir: Path) -> LocalServer:
    """The real app, `streamlit run streamlit_app.py`, as the load test starts it."""
    return LocalServer(data_dir, BROWSER_STARTUP_TIMEOUT)


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
        page.wait_for_function(idle, timeout=timeout_ms, polling=POLL_MS)
        page.wait_for_timeout(400)


def wait_for_charts_drawn(page, timeout_ms: int = 60_000) -> None:
    """Wait until every Vega chart on the page has drawn its svg or canvas. Charts draw after the
    script is idle; one drawn late grows the page and moves whatever sits below it."""
    drawn = ("() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
             ".every((chart) => chart.querySelector('svg, canvas'))")
    page.wait_for_function(drawn, timeout=timeout_ms, polling=POLL_MS)
    page.wait_for_timeout(300)
