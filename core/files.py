"""Files written so that a crash never leaves half of one, and where the repository is.

Every file Dhyan writes (checkpoints, histories, evaluations, corpora, ownership records) goes
through atomic_write_bytes: a temporary file in the same folder, fsync'd, then os.replace, so a
reader sees the old file or the new one, never a part. The temporary is named `.<name>.<random>.tmp`
so a killed writer's leftovers are recognisable (core.nmt.resume.remove_temporaries).
"""
from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import torch

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]

# Files are read by whoever serves the app, often another user than the one who wrote them:
# files rw-r--r--, folders rwxr-xr-x. mkstemp creates 0600, so the mode is set before the rename.
FILE_MODE, FOLDER_MODE = 0o644, 0o755


def make_folder(path: Path) -> Path:
    """mkdir -p, with FOLDER_MODE on the folder itself when this call creates it."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, FOLDER_MODE)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (the previous file stays until the rename)."""
    path = Path(path)
    make_folder(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: Any) -> None:
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, indent=1))


def atomic_torch_save(path: Path, value: Any) -> None:
    buffer = io.BytesIO()  # serialised in memory, then written whole like any other file
    torch.save(value, buffer)
    atomic_write_bytes(path, buffer.getvalue())


def read_json(path: Path) -> dict | None:
    """A JSON object from `path`, or None when the file is missing, unreadable or not an object."""
    try:
        with open(path, encoding="utf-8") as file:
            value = json.load(file)
        return value if isinstance(value, dict) else None
    except (OSError, ValueError):
        return None
