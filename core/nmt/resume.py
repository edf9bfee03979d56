"""What a run leaves after every epoch, and how --resume continues it exactly.

After every epoch CheckpointSaver writes the best epoch's checkpoint (core.nmt.checkpoint) and the
history, then resume.pt: weights, optimizer, loop state (core.fit.FitState, the history inside),
random state, vocabularies and segmentation, so a resumed run repeats and skips no step.
read_resume checks that file and restore() puts it back.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import torch

from core.files import atomic_torch_save, atomic_write_json, read_json
from core.fit import EpochReport, FitState
from core.language.subwords import Segmentation
from core.language.text import Vocabulary
from core.nmt.checkpoint import save_checkpoint
from core.nmt.config import TrainConfig
from core.nmt.data import TranslationData
from core.nmt.model import Seq2Seq

RESUME_FORMAT = "dhyan-resume-2"
RESUME_KEYS = ("config", "model", "optimizer", "fit", "rng_state", "source_vocab", "target_vocab")
CHANGEABLE_ON_RESUME = ("epochs", "patience", "device")  # anything else would not continue the same run


class ResumeError(ValueError):
    """resume.pt cannot continue this run; the message says why and what to do."""


def cuda_rng_state(model: Seq2Seq) -> torch.Tensor | None:
    device = next(model.parameters()).device
    return torch.cuda.get_rng_state(device) if device.type == "cuda" else None


def read_resume(out_dir: Path, config: TrainConfig) -> dict:
    """resume.pt's content, checked, or ResumeError in one line."""
    path = Path(out_dir) / "resume.pt"
    advice = "Delete it to train afresh, or train into another folder."
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types; a refused pickle is the one worth naming
        refused = "Unsupported global" in str(error)  # it names a Python object to call
        reason = ("it holds Python objects besides tensors and plain data, and loading it could run code"
                  if refused else "it is empty, truncated or not a PyTorch file")
        raise ResumeError(f"cannot resume from {path}: {reason}. {advice}") from None
    if not isinstance(saved, dict) or saved.get("format") != RESUME_FORMAT or any(k not in saved for k in RESUME_KEYS):
        raise ResumeError(f"cannot resume from {path}: it is not a resume file of this version of Dhyan. {advice}")
    before = saved["config"] if isinstance(saved["config"], dict) else {}
    # a setting the saved run does not name was added since, with the default it trained with
    defaults = {setting.name: setting.default for setting in fields(TrainConfig)}
    defaults["decoder_layers"] = before.get("layers", defaults["layers"])  # it was then the same as --layers
    changed = [f"{name} {before.get(name, defaults[name])!r} -> {value!r}" for name, value in asdict(config).items()
               if name not in CHANGEABLE_ON_RESUME and before.get(name, defaults[name]) != value]
    if changed:
        raise ResumeError(f"cannot resume from {path}: the run was trained with other settings ({'; '.join(changed)}); "
                          f"only {', '.join(CHANGEABLE_ON_RESUME)} may change when resuming.")
    try:
        saved["vocabularies"] = (Vocabulary(list(saved["source_vocab"])), Vocabulary(list(saved["target_vocab"])))
        saved["segmentation"] = Segmentation.from_file_content(saved.get("subwords"))
    except (TypeError, ValueError) as error:  # SubwordError is a ValueError
        raise ResumeError(f"cannot resume from {path}: its vocabularies are invalid ({error}).") from None
    return saved


def restore(saved: dict, model: Seq2Seq, optimizer: torch.optim.Optimizer) -> FitState:
    """Weights, optimizer, loop state and random state as they were at the end of the saved epoch."""
    try:
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        state = FitState.from_dict(saved["fit"])
        torch.set_rng_state(saved["rng_state"])  # dropout masks continue as in an uninterrupted run
        if saved.get("cuda_rng_state") is not None and cuda_rng_state(model) is not None:
            torch.cuda.set_rng_state(saved["cuda_rng_state"], next(model.parameters()).device)
    except (AttributeError, KeyError, TypeError, ValueError, RuntimeError) as error:
        raise ResumeError(f"cannot resume: resume.pt does not fit this model "
                          f"({str(error).strip().splitlines()[0][:160]}).") from None
    return state


def remove_temporaries(out_dir: Path) -> None:
    """Half-written files a killed run left behind (.model.pt.x1y2.tmp and the like)."""
    for leftover in Path(out_dir).glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


class CheckpointSaver:
    """After every epoch: the best epoch's weights (model.pt, config.json), the history, and
    resume.pt with everything --resume needs to continue exactly as if never stopped."""

    def __init__(self, out_dir: Path, model: Seq2Seq, optimizer, data: TranslationData, state: FitState,
                 config: TrainConfig, metadata: dict):
        self.out_dir, self.model, self.optimizer, self.data = Path(out_dir), model, optimizer, data
        self.state, self.config, self.metadata = state, config, metadata

    def on_epoch(self, report: EpochReport) -> None:
        history = self.state.history
        if report.improved:
            save_checkpoint(self.out_dir, self.model, self.data.source_vocab, self.data.target_vocab,
                            {**self.metadata, "best_epoch": report.epoch, "validation_bleu": report.validation_bleu,
                             "training_seconds": report.training_seconds}, history)
        else:
            atomic_write_json(self.out_dir / "history.json", history)
        # Last and in one file: the loop state and the history it holds always belong together.
        atomic_torch_save(self.out_dir / "resume.pt", {
            "format": RESUME_FORMAT, "config": asdict(self.config),
            "model": {k: v.detach().cpu() for k, v in self.model.state_dict().items()},
            "optimizer": self.optimizer.state_dict(), "fit": self.state.to_dict(),
            "rng_state": torch.get_rng_state(), "cuda_rng_state": cuda_rng_state(self.model),
            "source_vocab": list(self.data.source_vocab.tokens), "target_vocab": list(self.data.target_vocab.tokens),
            "subwords": self.data.segmentation.file_content() if self.data.segmentation.uses_pieces else None})


def record_budget(out_dir: Path, config: TrainConfig, stopped_early: bool) -> None:
    """After a resumed run, config.json states the budget the whole run ended up with (the
    weights are those of the best epoch, saved when it happened)."""
    saved = read_json(out_dir / "config.json")
    if saved is not None:
        saved["training"] = asdict(config)
        saved["stopped_early"] = stopped_early
        atomic_write_json(out_dir / "config.json", saved)
