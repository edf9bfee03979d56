"""The model registry: every checkpoint a browser may use, loaded once per process.

Models are loaded once per process with st.cache_resource and never mutated: every session
and thread shares the same Translator objects. A checkpoint that fails to load is reported
with its reason and the rest of the app keeps working (docs/DESIGN.md, "Bad input"). Also a
model's files (history.json, eval.json) and the test split of the corpus it was trained on.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import torch

from app import lesson
from app.jobs import clean_stale_training_folders
from app.owner_session import current_owner, data_dir, session_owner
from core import owners
from core.nmt.checkpoint import SHIPPED_DIR, CheckpointError, load_checkpoint
from core.nmt.model import MODEL_KINDS
from core.nmt.translate import Translator
from core.safe_text import as_text


# One intra-op thread per torch call: sessions already run in parallel threads of this one
# process, a single sentence gains nothing from a second thread, and on a busy machine two
# threads per op wait on each other (measured: a batched test-split evaluation took 30 s with
# two threads while other jobs ran, 1.2 s with one). OMP_NUM_THREADS, when set, decides instead.
if "OMP_NUM_THREADS" not in os.environ:
    torch.set_num_threads(1)
log = logging.getLogger(__name__)

MODEL_DESCRIPTIONS = {
    "encdec": "plain encoder–decoder: one fixed context vector",
    "uniform": "context for every input, equal weights",
    "additive": "soft attention, additive score (Bahdanau)",
    "dot": "soft attention, dot-product score (Luong)",
    "general": "soft attention, bilinear score (Luong)",
    "transformer": "self-attention in every layer, many heads (Vaswani)",
}



def user_models_dir() -> Path:
    return data_dir() / "models"


@dataclass(frozen=True)
class ModelEntry:
    name: str  # shown in pickers: a shipped kind, "mine/<name>" (this browser's) or "shared/<name>"
    directory: Path
    shipped: bool
    user: owners.UserModel | None = None   # for a model trained in a browser: its folder and owner


def checkpoints_dir() -> Path:
    """The shipped models' folder; DHYAN_CHECKPOINTS_DIR points the app elsewhere (tests use a
    copy with a broken model in it)."""
    return Path(os.environ.get("DHYAN_CHECKPOINTS_DIR") or SHIPPED_DIR)



def model_entries(owner: str | None = None) -> list[ModelEntry]:
    """Every checkpoint this browser may use: the shipped ones first in MODEL_KINDS order, then
    its own models, then those shared with everyone on the server. owner: whose (default: this
    session's browser; outside a session, nobody's, so only shared models)."""
    entries = []
    order = {kind: i for i, kind in enumerate(MODEL_KINDS)}
    shipped_dir = checkpoints_dir()
    if shipped_dir.is_dir():
        # captioning/ holds the image captioners (pages/7_Captioning.py), not translation models
        shipped = sorted((p for p in shipped_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "logs"))
                          and p.name != "captioning"),
                         key=lambda p: (order.get(p.name, len(order)), p.name))
        entries += [ModelEntry(p.name, p, True) for p in shipped]
    clean_data_folder()
    if owner is None:
        owner = current_owner()
    entries += [ModelEntry(name, user_models_dir() / model.folder, False, model)
                for name, model in owners.visible_models(data_dir(), owner)]
    return entries


def link_name(name: str) -> str:
    """How every viewer's link names the model this browser calls `name` (core.owners.link_name)."""
    return owners.link_name(data_dir(), current_owner(), name) if name.startswith("mine/") else name


def name_from_link(name: str) -> str:
    """What this browser calls the model a link names (core.owners.name_from_link)."""
    return owners.name_from_link(data_dir(), current_owner(), name) if name.startswith("shared/") else name


def clean_data_folder() -> None:
    """The data folder's clean-ups: once per server process at its start, then at most once an
    hour (every page calls this first, app.page.page_setup)."""
    _cleaned_at_start(str(data_dir()))
    _removed_old_private_models(str(data_dir()), int(time.time() // 3600))


def own_models(owner: str | None = None) -> list[ModelEntry]:
    """This browser's models (model_entries' mine/<name>)."""
    owner = session_owner() if owner is None else owner
    return [entry for entry in model_entries(owner) if entry.user is not None and entry.user.mine(owner)]


@st.cache_resource(show_spinner=False, max_entries=4)
def _removed_old_private_models(directory: str, hour: int) -> tuple[str, ...]:
    """At most once an hour per data folder: private corpora and models older than
    core.owners.PRIVATE_DAYS go."""
    return tuple(owners.remove_old_private(directory))


@st.cache_resource(show_spinner=False)
def _cleaned_at_start(directory: str) -> tuple[str, ...]:
    """Once per server process and data folder, before any model is listed: what in-browser
    runs killed with the previous server left in data/training goes (or a model a half-done
    swap set aside comes back); app.jobs.clean_stale_training_folders says how it stays safe. Then
    what a killed corpus save left (its temporary) and empty owner folders (core.owners.remove_leftovers:
    no save of this process is under way yet)."""
    return tuple(clean_stale_training_folders(directory)) + tuple(owners.remove_leftovers(directory))


@st.cache_resource(show_spinner="Loading model…", max_entries=32)
def _load_translator(directory: str, name: str, modified: float) -> Translator | str:
    """A Translator, or the reason it could not be loaded. `modified` (the weights' mtime)
    makes a retrained checkpoint a new cache entry instead of a stale hit."""
    try:
        return Translator(load_checkpoint(Path(directory), name=name))
    except CheckpointError as error:
        return str(error)
    except Exception as error:  # load_checkpoint means to raise nothing else; if it does, one model is lost, not the page
        log.exception("loading the model in %s failed", directory)
        return f"{name} could not be loaded ({type(error).__name__}: {str(error).strip()[:160]})."


def modified_time(path: Path) -> float:
    """path's mtime, 0.0 when it is missing. Cached loaders take it as part of their key, so a
    retrained checkpoint (new weights, same folder) is a new cache entry instead of a stale hit."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_translator(entry: ModelEntry) -> Translator | str:
    return _load_translator(str(entry.directory), entry.name, modified_time(entry.directory / "model.pt"))


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
        st.warning(f"Model **{as_text(name)}** is unavailable: {as_text(reason)}", icon=":material/warning:")


def translators_or_stop(nothing_to: str) -> dict[str, Translator]:
    """The models that load, after a warning for each one that does not; when none loads, an
    error saying there is nothing to `nothing_to` and the page stops there."""
    translators, broken = available_translators()
    unavailable_models_ui(broken)
    if not translators:
        st.error(f"No model could be loaded, so there is nothing to {nothing_to}.")
        st.stop()
    return translators


def model_description(name: str) -> str:
    """What a model is: a shipped kind's description, or whose it is (a user's model may be
    called "additive" and be anything)."""
    if name.startswith("mine/"):
        return "a model trained in this browser"
    if name.startswith("shared/"):
        return "a model someone shared with everyone on this server"
    return MODEL_DESCRIPTIONS.get(name, "")


def model_label(name: str) -> str:
    description = model_description(name)
    return f"{name} — {description}" if description else name



@st.cache_data(max_entries=256, show_spinner=False)
def _read_json(path: str, modified: float) -> dict:
    from core.files import read_json
    return read_json(Path(path)) or {}


def model_json(entry: ModelEntry, filename: str) -> dict:
    """history.json or eval.json of a model folder ({} when missing or unreadable); re-read
    when the file changes. A copy: mutating it changes nothing for other sessions."""
    path = entry.directory / filename
    return _read_json(str(path), modified_time(path)) if path.is_file() else {}


def model_histories() -> dict[str, dict]:
    """name -> history.json for every model folder that has one with training steps or epochs."""
    histories = {}
    for entry in model_entries():
        history = model_json(entry, "history.json")
        if history.get("steps") or history.get("epochs"):
            histories[entry.name] = history
    return histories


def model_evaluations() -> tuple[dict[str, dict], list[str]]:
    """(name -> eval.json for evaluated models, names of models with weights but no eval.json yet)."""
    evaluated, waiting = {}, []
    for entry in model_entries():
        evaluation = model_json(entry, "eval.json")
        if evaluation.get("buckets"):
            evaluated[entry.name] = evaluation
        elif (entry.directory / "model.pt").is_file():
            waiting.append(entry.name)
    return evaluated, waiting



@st.cache_resource(show_spinner="Generating the test split…", max_entries=4)
def _test_split(seed: int, conversational: bool = False) -> list | None:
    """The test split of the generated corpus, or of the conversational one (it depends on the
    seed alone), or None when the generator fails: that costs the pages their references and
    random test sentences, never the page itself, and the error goes to the server's log with
    its traceback."""
    from core.nmt.held_out import generated_test_split
    try:
        return generated_test_split(seed, conversational)
    except Exception:
        log.exception("generating the test split (seed %d) failed; the pages show no references", seed)
        return None


def test_pairs(translator: Translator) -> list | None:
    """The test split of the corpus this model was trained on; None when it has none
    (toy or uploaded corpora, or no generator yet)."""
    corpus = translator.loaded.metadata.get("corpus") or {}
    if not isinstance(corpus, dict) or corpus.get("corpus") not in ("generated", "classroom", "conversational"):
        return None
    try:
        pairs = _test_split(int(corpus["seed"]), corpus["corpus"] == "conversational")
        if pairs is None or corpus["corpus"] in ("generated", "conversational"):
            return pairs
        longest = int(corpus["max_source_tokens"])   # the classroom subset: core.nmt.held_out.held_out_split_for
        return [pair for pair in pairs if len(pair.source_tokens) <= longest]
    except (KeyError, TypeError, ValueError):
        return None


@st.cache_resource(max_entries=4)
def _reference_index(seed: int, conversational: bool = False) -> dict[str, str]:
    return lesson.reference_index(_test_split(seed, conversational) or [])


def reference_for(translator: Translator, text: str) -> str | None:
    """The test split's English for `text`, when the sentence is in this model's test split."""
    if test_pairs(translator) is None:
        return None
    corpus = translator.loaded.metadata["corpus"]
    return lesson.find_reference(_reference_index(int(corpus["seed"]), corpus["corpus"] == "conversational"), text)
