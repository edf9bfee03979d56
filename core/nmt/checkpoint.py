"""Checkpoints: one folder per model, safe to load, written so a crash never half-writes one.

    checkpoints/<name>/
        model.pt       the weights and everything needed to rebuild the model: config,
                       vocabularies, format version; only tensors, numbers, strings, lists
                       and dicts, so it loads with torch.load(weights_only=True)
        config.json    the same config and vocabularies plus corpus and training settings,
                       readable by people and by the app
        history.json   loss per step, validation loss/BLEU per epoch, probe attention
        eval.json      written by core.nmt.evaluate
        resume.pt      optimizer state for --resume (not shipped)

model.pt is written last and atomically (temporary file in the same folder, then
os.replace), so an interrupted save leaves the previous model.pt whole and loadable. The
loader takes the model from model.pt alone and only reads the JSON files for display.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from core.nmt.model import ModelConfig, Seq2Seq
from core.language.text import Vocabulary

FORMAT_VERSION = 1
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DIR = REPOSITORY_ROOT / "checkpoints"


class CheckpointError(Exception):
    """A checkpoint that cannot be used; the message says why in words a user can act on."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def atomic_write_json(path: Path, value: Any) -> None:
    atomic_write_bytes(path, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))


def atomic_torch_save(path: Path, value: Any) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        torch.save(value, temporary)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@dataclass
class LoadedModel:
    """A model ready to translate, with what it was trained on."""

    name: str
    directory: Path
    model: Seq2Seq
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    metadata: dict = field(default_factory=dict)  # config.json's content, or {} if unreadable

    @property
    def kind(self) -> str:
        return self.model.config.kind

    @property
    def max_source_tokens(self) -> int:
        return int(self.metadata.get("max_source_tokens", 60))

    def history(self) -> dict:
        return read_json(self.directory / "history.json") or {}

    def evaluation(self) -> dict:
        return read_json(self.directory / "eval.json") or {}


def read_json(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as file:
            value = json.load(file)
        return value if isinstance(value, dict) else None
    except (OSError, ValueError):
        return None


def save_checkpoint(directory: Path, model: Seq2Seq, source_vocab: Vocabulary, target_vocab: Vocabulary,
                    metadata: dict, history: dict | None = None) -> None:
    """Write the folder; model.pt last, so the folder is loadable at every moment."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_config = model.config.to_dict()
    config = {"format_version": FORMAT_VERSION, "model": model_config,
              "parameters": model.parameter_count(), **metadata,
              "source_vocab": source_vocab.tokens, "target_vocab": target_vocab.tokens}
    if history is not None:
        atomic_write_json(directory / "history.json", history)
    atomic_write_json(directory / "config.json", config)
    state = {
        "format_version": FORMAT_VERSION,
        "model_config": model_config,
        "source_vocab": list(source_vocab.tokens),
        "target_vocab": list(target_vocab.tokens),
        "max_source_tokens": int(metadata.get("max_source_tokens", 60)),
        "state_dict": {key: value.detach().cpu().clone() for key, value in model.state_dict().items()},
    }
    atomic_torch_save(directory / "model.pt", state)


def load_checkpoint(directory: Path, name: str | None = None) -> LoadedModel:
    """Load a checkpoint folder, or raise CheckpointError saying exactly what is wrong."""
    directory = Path(directory)
    name = name or directory.name
    weights_path = directory / "model.pt"
    if not directory.is_dir():
        raise CheckpointError(f"No checkpoint folder at {directory}.")
    if not weights_path.is_file():
        raise CheckpointError(f"{directory.name}: model.pt is missing from the checkpoint folder.")
    try:
        state = torch.load(weights_path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types; we name the two causes that matter
        text = str(error)
        if "Weights only load failed" in text or "Unsupported global" in text:
            raise CheckpointError(
                f"{name}: model.pt contains Python objects other than tensors and plain data. "
                "It was refused because loading it could run arbitrary code.") from None
        raise CheckpointError(f"{name}: model.pt is truncated or not a PyTorch file ({text.splitlines()[0][:120]}).") from None
    if not isinstance(state, dict) or "state_dict" not in state:
        raise CheckpointError(f"{name}: model.pt is not a Dhyan checkpoint (no state_dict inside).")
    version = state.get("format_version")
    if version != FORMAT_VERSION:
        raise CheckpointError(f"{name}: checkpoint format version {version!r}; this Dhyan reads version {FORMAT_VERSION}. "
                              "Retrain the model with this version.")
    try:
        config = ModelConfig(**state["model_config"])
        source_vocab = Vocabulary(list(state["source_vocab"]))
        target_vocab = Vocabulary(list(state["target_vocab"]))
    except (TypeError, ValueError, KeyError) as error:
        raise CheckpointError(f"{name}: the model's configuration or vocabulary is invalid ({error}).") from None
    if len(source_vocab) != config.source_vocab_size or len(target_vocab) != config.target_vocab_size:
        raise CheckpointError(f"{name}: the vocabularies ({len(source_vocab)} Hindi, {len(target_vocab)} English words) "
                              f"do not match the model ({config.source_vocab_size}, {config.target_vocab_size}).")
    model = Seq2Seq(config)
    try:
        model.load_state_dict(state["state_dict"])
    except RuntimeError as error:
        first_line = str(error).splitlines()[1:2] or [str(error)[:160]]
        raise CheckpointError(f"{name}: the weights do not fit the model's configuration ({first_line[0].strip()}).") from None
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    metadata = read_json(directory / "config.json") or {}
    metadata.setdefault("max_source_tokens", state.get("max_source_tokens", 60))
    metadata.pop("source_vocab", None)
    metadata.pop("target_vocab", None)
    return LoadedModel(name, directory, model, source_vocab, target_vocab, metadata)


def shipped_model_names() -> list[str]:
    """The folders under checkpoints/ that hold a model.pt, in the GUIDE's order first."""
    from core.nmt.model import MODEL_KINDS
    if not SHIPPED_DIR.is_dir():
        return []
    names = [p.name for p in SHIPPED_DIR.iterdir() if (p / "model.pt").is_file()]
    order = {kind: i for i, kind in enumerate(MODEL_KINDS)}
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))


def resolve_model_path(name_or_dir: str) -> Path:
    """'additive' -> checkpoints/additive; an existing folder path is used as is."""
    candidate = Path(name_or_dir)
    if candidate.is_dir():
        return candidate
    shipped = SHIPPED_DIR / name_or_dir
    if shipped.is_dir():
        return shipped
    available = ", ".join(shipped_model_names()) or "none shipped"
    raise CheckpointError(f"No model called {name_or_dir!r} (shipped models: {available}) and no such folder.")
