"""Streamlit helpers shared by the pages (the only module besides pages/ that imports streamlit).

Models are loaded once per process with st.cache_resource and never mutated: every session
and thread shares the same Translator objects. A checkpoint that fails to load is reported
with its reason and the rest of the app keeps working (GUIDE.md §5).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from core.checkpoint import SHIPPED_DIR, CheckpointError, load_checkpoint
from core.model import MODEL_KINDS
from core.translate import Translator

SEED_SENTENCE = "मैं खाना खा रहा हूँ"
MODEL_DESCRIPTIONS = {
    "encdec": "plain encoder–decoder: one fixed context vector",
    "uniform": "context for every input, equal weights",
    "additive": "soft attention, additive score (Bahdanau)",
    "dot": "soft attention, dot-product score (Luong)",
    "general": "soft attention, bilinear score (Luong)",
}


def data_dir() -> Path:
    """Where uploads and models trained in the browser live (never inside checkpoints/)."""
    return Path(os.environ.get("DHYAN_DATA_DIR", Path(__file__).resolve().parent / "data"))


def user_models_dir() -> Path:
    return data_dir() / "models"


@dataclass(frozen=True)
class ModelEntry:
    name: str  # shown in pickers; user models are "mine/<name>"
    directory: Path
    shipped: bool


def model_entries() -> list[ModelEntry]:
    """Every checkpoint folder the app knows: shipped ones first in GUIDE order, then the user's."""
    entries = []
    order = {kind: i for i, kind in enumerate(MODEL_KINDS)}
    if SHIPPED_DIR.is_dir():
        shipped = sorted((p for p in SHIPPED_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "logs"))),
                         key=lambda p: (order.get(p.name, len(order)), p.name))
        entries += [ModelEntry(p.name, p, True) for p in shipped]
    if user_models_dir().is_dir():
        entries += [ModelEntry(f"mine/{p.name}", p, False) for p in sorted(user_models_dir().iterdir()) if p.is_dir()]
    return entries


@st.cache_resource(show_spinner="Loading model…", max_entries=32)
def _load_translator(directory: str, name: str, modified: float) -> Translator | str:
    """A Translator, or the reason it could not be loaded. `modified` (the weights' mtime)
    makes a retrained checkpoint a new cache entry instead of a stale hit."""
    try:
        return Translator(load_checkpoint(Path(directory), name=name))
    except CheckpointError as error:
        return str(error)


def load_translator(entry: ModelEntry) -> Translator | str:
    weights = entry.directory / "model.pt"
    modified = weights.stat().st_mtime if weights.is_file() else 0.0
    return _load_translator(str(entry.directory), entry.name, modified)


def available_translators() -> tuple[dict[str, Translator], dict[str, str]]:
    """(name -> Translator for models that load, name -> reason for those that do not)."""
    ready, broken = {}, {}
    for entry in model_entries():
        loaded = load_translator(entry)
        if isinstance(loaded, str):
            broken[entry.name] = loaded
        else:
            ready[entry.name] = loaded
    return ready, broken


def unavailable_models_ui(broken: dict[str, str]) -> None:
    for name, reason in broken.items():
        st.warning(f"Model **{name}** is unavailable: {reason}", icon="⚠️")


def model_label(name: str) -> str:
    kind = name.split("/")[-1]
    return f"{name} — {MODEL_DESCRIPTIONS[kind]}" if kind in MODEL_DESCRIPTIONS else name
