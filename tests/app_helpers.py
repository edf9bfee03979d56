"""Helpers shared by the AppTest page tests (not a test module itself)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.nmt.checkpoint import CheckpointError, load_checkpoint
from app.ui import model_entries

TIMEOUT = 90  # seconds; the first run of a page imports torch
ROOT = Path(__file__).resolve().parent.parent


def app(page: str, **query_params: str) -> AppTest:
    """An AppTest for `page` (path from the repository root), run once, with the URL's query params."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    for name, value in query_params.items():
        at.query_params[name] = value
    return at.run()


def loadable_model_names() -> list[str]:
    """What the pages should offer: every model folder whose checkpoint loads."""
    names = []
    for entry in model_entries():
        try:
            load_checkpoint(entry.directory, name=entry.name)
        except CheckpointError:
            continue
        names.append(entry.name)
    return names


def checkpoints_with_truncated(source: Path, target: Path, broken: str) -> Path:
    """target/ holds a symlink to every model folder of source/, except `broken`, whose
    model.pt is cut to half its bytes (a download or save that stopped half-way)."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in source.iterdir() if (p / "model.pt").is_file()):
        if folder.name != broken:
            os.symlink(folder.resolve(), target / folder.name)
            continue
        (target / folder.name).mkdir()
        data = (folder / "model.pt").read_bytes()
        (target / folder.name / "model.pt").write_bytes(data[: len(data) // 2])
        for extra in ("config.json", "history.json"):
            if (folder / extra).is_file():
                (target / folder.name / extra).write_bytes((folder / extra).read_bytes())
    return target


def checkpoints_trained_on(source: Path, target: Path, corpus: dict) -> Path:
    """target/ holds every model of source/ (model.pt linked) with config.json saying it was
    trained on `corpus`: the pages then look for its test split."""
    for folder in sorted(p for p in source.iterdir() if (p / "model.pt").is_file()):
        (target / folder.name).mkdir(parents=True)
        os.symlink((folder / "model.pt").resolve(), target / folder.name / "model.pt")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        config["corpus"] = corpus
        (target / folder.name / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return target


def markdown_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def shown_translations(at: AppTest) -> list[str]:
    """The translations the Compare page shows, in column order."""
    prefix = "**Translation:** "
    return [text[len(prefix):] for text in markdown_texts(at) if text.startswith(prefix)]


@pytest.fixture(autouse=True)
def isolated_app_data(tmp_path, monkeypatch):
    """No models trained in the browser, and the shipped checkpoints, unless a test says otherwise."""
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DHYAN_CHECKPOINTS_DIR", raising=False)
