"""Serve a class: several `streamlit run` replicas behind nginx, from one command.

    python -m tools.serve --replicas 2                    # http://127.0.0.1:8080, until Ctrl-C
    python -m tools.serve --replicas 4 --port 8501 --data-dir data
    deploy/serve.sh 2                                     # the same, from a shell

Each replica is the app as `streamlit run streamlit_app.py` starts it, on its own port of
127.0.0.1; nginx (Debian's package: apt-get install nginx) listens on --port and keeps each
browser on one replica with a cookie (deploy/nginx.conf says why and how). Every replica shares
one data folder (DHYAN_DATA_DIR), so a model trained in the browser on one replica is listed
and used by all, and one cookie secret, so a cookie one replica set is good on every other.

A replica is one Python process, and Python runs one thread at a time, so one replica keeps
about one core busy however many students it serves: give a machine as many replicas as cores.
docs/serving.md has the figures and how this maps onto a cloud server.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core.files import REPOSITORY_ROOT
from tools.servers import LocalServer, free_port, wait_until_healthy

NGINX_TEMPLATE = REPOSITORY_ROOT / "deploy" / "nginx.conf"
MAX_REPLICAS = 16


def find_nginx() -> str | None:
    """The nginx binary (Debian puts it in /usr/sbin, often not on a user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                          if os.access(p, os.X_OK)), None)


def nginx_config(replica_ports: list[int], listen: str, run_dir: Path) -> str:
    """deploy/nginx.conf with its blanks filled: the replicas' addresses, where to listen, and
    where nginx keeps its pid, logs and buffers."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in replica_ports)
    # Started by root, nginx would run its worker as `nobody`, which cannot write the run folder.
    user_line = "user root;" if os.geteuid() == 0 else ""
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for blank, value in (("{{SERVERS}}", servers), ("{{LISTEN}}", listen), ("{{RUN_DIR}}", str(run_dir)),
                         ("{{USER_LINE}}", user_line)):
        text = text.replace(blank, value)
    return text


class Deployment:
    """`replicas` app servers behind nginx on 127.0.0.1:port (a free one by default), sharing
    data_dir; healthy when constructed, everything stopped on close(). Logs: run_dir (a new
    temporary folder unless given) holds nginx.conf, access.log, error.log and replica-N.log."""

    def __init__(self, replicas: int, data_dir: Path, port: int | None = None, run_dir: Path | None = None,
                 startup_timeout: float = 240):
        if not 1 <= replicas <= MAX_REPLICAS:
            raise ValueError(f"replicas must be between 1 and {MAX_REPLICAS}")
        nginx = find_nginx()
        if nginx is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._own_run_dir = run_dir is None
        self.run_dir = Path(run_dir or tempfile.mkdtemp(prefix="dhyan-serve-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.replicas: list[LocalServer] = []
        self.nginx: subprocess.Popen | None = None
        # One secret for all: Streamlit signs its cookies (XSRF) with it.
        environment = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), "OMP_NUM_THREADS": "1"}
        try:
            for number in range(replicas):   # all started at once, then waited for
                self.replicas.append(LocalServer(self.data_dir, startup_timeout, extra_env=environment,
                                                 log_path=self.run_dir / f"replica-{number + 1}.log", wait=False))
            for replica in self.replicas:
                replica.wait_until_healthy(startup_timeout)
            self.config_path = self.run_dir / "nginx.conf"
            self.config_path.write_text(nginx_config([r.port for r in self.replicas], f"127.0.0.1:{self.port}",
                                                     self.run_dir), encoding="utf-8")
            self.error_log = self.run_dir / "error.log"
            with open(self.run_dir / "nginx.out", "w", encoding="utf-8") as output:   # its start-up complaints
                self.nginx = subprocess.Popen(
                    [nginx, "-p", str(self.run_dir), "-c", str(self.config_path), "-e", str(self.error_log),
                     "-g", "daemon off;"], stdout=output, stderr=subprocess.STDOUT)
            wait_until_healthy(self.url, self.nginx, timeout=30, log_path=self.error_log)
        except BaseException:
            self.close()
            raise

    @property
    def replica_urls(self) -> list[str]:
        return [replica.url for replica in self.replicas]

    @property
    def pids(self) -> list[int]:
        """The replicas' processes, then nginx's master (its worker's CPU is counted with it only
        once it exits, so the replicas are what the load test's CPU figure measures)."""
        return [pid for replica in self.replicas for pid in replica.pids] + ([self.nginx.pid] if self.nginx else [])

    def access_log(self) -> str:
        path = self.run_dir / "access.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""

    def close(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)   # graceful: finish what is in flight, then exit
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        for replica in self.replicas:
            replica.close()
        if self._own_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> "Deployment":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help=f"app processes (1-{MAX_REPLICAS}; one per core)")
    parser.add_argument("--port", type=int, default=8080, help="where nginx listens on 127.0.0.1 (default 8080)")
    parser.add_argument("--data-dir", type=Path, default=REPOSITORY_ROOT / "data",
                        help="the replicas' shared data folder: uploads and models trained in the browser")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= MAX_REPLICAS:
        print(f"error: --replicas must be between 1 and {MAX_REPLICAS}", file=sys.stderr)
        return 2
    if not 1 <= args.port <= 65535:
        print("error: --port must be between 1 and 65535", file=sys.stderr)
        return 2
    print(f"starting {args.replicas} replica(s) and nginx…", file=sys.stderr, flush=True)
    try:
        deployment = Deployment(args.replicas, args.data_dir, args.port,
                                run_dir=Path(tempfile.mkdtemp(prefix="dhyan-serve-")))
    except (RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Dhyan: {deployment.url} ({args.replicas} replicas: {', '.join(deployment.replica_urls)}; "
          f"logs in {deployment.run_dir}). Ctrl-C stops everything.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(r.process.poll() is None for r in deployment.replicas) and deployment.nginx.poll() is None:
            time.sleep(1)
        print("error: a process of the deployment exited; stopping the rest", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        deployment.close()


if __name__ == "__main__":
    sys.exit(main())
