"""Killing a training run at the moments that matter, from the test side only.

The points: after each optimizer step ("step"), and inside each atomic write once its temporary
file is complete but not yet renamed (named after the file: "model.pt", "config.json",
"history.json", "resume.pt", ...). kill_at("k") makes the process kill itself (SIGKILL) at the
k-th point it passes; kill_at("NAME:k") at the k-th point of that name. A test can so stop
training at every such moment, one after another, and check what the folder holds.

The production code has no hooks for this: the step is torch's global optimizer post-step hook,
the write is os.replace, which core.files calls to move a finished temporary into place.

    python -m tests.faults resume.pt:2 --model additive --out /tmp/run ...   # core.train's arguments
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from torch.optim.optimizer import register_optimizer_step_post_hook


def kill_at(target: str) -> None:
    """From now on, SIGKILL this process at the point `target` names ("k" or "NAME:k")."""
    wanted, _, count = target.rpartition(":")
    passed = 0

    def point(name: str) -> None:
        nonlocal passed
        if wanted and wanted != name:
            return
        passed += 1
        if passed == int(count):
            os.kill(os.getpid(), signal.SIGKILL)

    register_optimizer_step_post_hook(lambda optimizer, args, kwargs: point("step"))
    replace = os.replace

    def replace_at_point(source, destination, *args, **kwargs):
        if Path(source).name.startswith(f".{Path(destination).name}.") and str(source).endswith(".tmp"):
            point(Path(destination).name)   # an atomic write's temporary, complete, about to be renamed
        return replace(source, destination, *args, **kwargs)

    os.replace = replace_at_point


if __name__ == "__main__":
    from core.train import main

    kill_at(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
