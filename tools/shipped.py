"""Reproduce the shipped checkpoints: all five models, same corpus, same sizes, same budget.

    python -m core.shipped                      # trains and evaluates all five into checkpoints/
    python -m core.shipped --models dot general --jobs 1

Each model trains in its own process with one CPU thread; `--jobs 2` (the default) runs two
at once, which on a 2-core machine gets more done than one process using both cores (a GRU
step on a batch this small does not scale to two threads). Every model then gets
`core.nmt.evaluate` run on the test split, which writes eval.json next to its weights.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.model import MODEL_KINDS

# The one training budget every shipped model gets (no model is handicapped to make a point).
SHIPPED_SETTINGS = {
    "--epochs": "40", "--hidden": "256", "--emb": "128", "--batch": "64",
    "--pairs": "30000", "--seed": "0", "--lr": "0.002", "--patience": "3",
}


def train_command(kind: str, out_dir: Path) -> list[str]:
    arguments = [item for pair in SHIPPED_SETTINGS.items() for item in pair]
    return [sys.executable, "-m", "core.train", "--model", kind, "--out", str(out_dir / kind),
            "--threads", "1", *arguments]


def train_and_evaluate(kind: str, out_dir: Path, log_dir: Path) -> tuple[str, int, float]:
    start = time.perf_counter()
    environment = {**os.environ, "OMP_NUM_THREADS": "1"}
    with open(log_dir / f"{kind}.log", "w", encoding="utf-8") as log:
        code = subprocess.call(train_command(kind, out_dir), stdout=log, stderr=subprocess.STDOUT, env=environment)
        if code == 0:
            code = subprocess.call([sys.executable, "-m", "core.evaluate", "--model", str(out_dir / kind), "--save"],
                                   stdout=log, stderr=subprocess.STDOUT, env=environment)
    return kind, code, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.shipped", description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(MODEL_KINDS), choices=MODEL_KINDS)
    parser.add_argument("--out", type=Path, default=SHIPPED_DIR)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    log_dir = args.out / "logs"
    log_dir.mkdir(exist_ok=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(train_and_evaluate, kind, args.out, log_dir) for kind in args.models]
        results = [future.result() for future in futures]
    for kind, code, seconds in results:
        status = "ok" if code == 0 else f"FAILED (exit {code}), see {log_dir / (kind + '.log')}"
        print(f"{kind:>9}: {status} in {seconds / 60:.1f} min")
    print(f"all done in {(time.perf_counter() - start) / 60:.1f} min")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
