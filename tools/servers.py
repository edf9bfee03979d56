"""Starting the app for tools and tests: `streamlit run` on a free loopback port, healthy before use.

The load test, the benchmark, the browser tests and the replicas of tools.serve all start the app
through LocalServer, so they measure and test the app exactly as a user's `streamlit run` serves it.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from core.files import REPOSITORY_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalServer:
    """`streamlit run streamlit_app.py` on 127.0.0.1 (a free port, data in data_dir, the log in
    data_dir/streamlit.log), healthy when constructed, stopped on close(). The load test, the
    benchmark and the browser tests all start the app this way."""

    def __init__(self, data_dir: Path, startup_timeout: float = 180, extra_env: dict | None = None,
                 log_path: Path | None = None, wait: bool = True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path or Path(data_dir) / "streamlit.log")
        self._log = open(self.log_path, "w", encoding="utf-8")
        env = {**os.environ, "DHYAN_DATA_DIR": str(data_dir), **(extra_env or {})}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
            cwd=REPOSITORY_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        if wait:
            self.wait_until_healthy(startup_timeout)

    def wait_until_healthy(self, timeout: float) -> None:
        """Returns once the server answers its health check (stopping it if it never does)."""
        try:
            wait_until_healthy(self.url, self.process, timeout=timeout, log_path=self.log_path)
        except BaseException:
            self.close()
            raise
        self.healthy_seconds = time.perf_counter() - self.started   # launch to the first healthy answer

    @property
    def pids(self) -> list[int]:
        return [self.process.pid]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float, log_path: Path) -> None:
    """Until url/_stcore/health answers 200 (through a proxy: a replica's answer); raises
    RuntimeError when `process` exits first or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{Path(process.args[0]).name} exited with {process.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer /_stcore/health within {timeout:.0f} s; see {log_path}")
