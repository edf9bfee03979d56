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

Every file is written atomically (core.files: a temporary file in the same folder, then
os.replace), so an interrupted save leaves the previous file whole; model.pt first and config.json last, so
config.json never names a best epoch whose weights are not in model.pt yet. The loader takes
the model from model.pt alone and only reads the JSON files for display.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch.overrides import TorchFunctionMode

from core.files import REPOSITORY_ROOT, atomic_torch_save, atomic_write_json, make_folder, read_json
from core.nmt.model import LOADABLE_KINDS, TRANSFORMER_KIND, ModelConfig, Seq2Seq
from core.nmt.transformer import Transformer, TransformerConfig
from core.language.text import Vocabulary

FORMAT_VERSION = 1
SHIPPED_DIR = REPOSITORY_ROOT / "checkpoints"


class CheckpointError(Exception):
    """A checkpoint that cannot be used; the message says why in words a user can act on."""


@dataclass
class LoadedModel:
    """A model ready to translate, with what it was trained on."""

    name: str
    directory: Path
    model: Seq2Seq | Transformer
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    metadata: dict = field(default_factory=dict)  # config.json's content, or {} if unreadable

    @property
    def kind(self) -> str:
        return self.model.config.kind

    @property
    def best_epoch(self) -> int | None:
        """The epoch whose weights these are, counted from 1 (None when config.json does not say)."""
        best = self.metadata.get("best_epoch")
        return None if best is None else epoch_from_one(best, self.metadata)

    @property
    def max_source_tokens(self) -> int:
        return int(self.metadata.get("max_source_tokens", 60))

    def history(self) -> dict:
        return read_json(self.directory / "history.json") or {}

    def evaluation(self) -> dict:
        return read_json(self.directory / "eval.json") or {}


EPOCHS_COUNTED_FROM = "epochs_counted_from"  # 1 in every config/history/eval JSON written since epochs count from 1


def epoch_from_one(epoch, record: dict) -> int:
    """An epoch number of `record` (a config, history or eval dict) as people count it, the
    first epoch being 1. Files that do not say how they count are older and count from 0 (the
    shipped checkpoints until they are retrained)."""
    return int(epoch) + (0 if record.get(EPOCHS_COUNTED_FROM) == 1 else 1)


def save_checkpoint(directory: Path, model: Seq2Seq | Transformer, source_vocab: Vocabulary, target_vocab: Vocabulary,
                    metadata: dict, history: dict | None = None) -> None:
    """Write the folder: model.pt first (the folder is loadable at every moment), config.json
    last (it never claims a best epoch before model.pt holds its weights)."""
    directory = make_folder(directory)
    model_config = model.config.to_dict()
    config = {"format_version": FORMAT_VERSION, "model": model_config,
              "parameters": model.parameter_count(), **metadata,
              "source_vocab": source_vocab.tokens, "target_vocab": target_vocab.tokens}
    state = {
        "format_version": FORMAT_VERSION,
        "model_config": model_config,
        "source_vocab": list(source_vocab.tokens),
        "target_vocab": list(target_vocab.tokens),
        "max_source_tokens": int(metadata.get("max_source_tokens", 60)),
        "best_epoch": metadata.get("best_epoch"),  # which epoch these weights are from
        "state_dict": {key: value.detach().cpu().clone() for key, value in model.state_dict().items()},
    }
    atomic_torch_save(directory / "model.pt", state)
    if history is not None:
        atomic_write_json(directory / "history.json", history)
    atomic_write_json(directory / "config.json", config)


# What a checkpoint may ask us to build. Far above anything this project trains (hidden 256,
# vocabularies under 2,000 words), far below sizes that would not fit in memory; a value
# outside is a damaged or hostile file, refused before any tensor is allocated.
CONFIG_LIMITS = {"source_vocab_size": (5, 200_000), "target_vocab_size": (5, 200_000),
                 "embedding_size": (1, 4096), "hidden_size": (2, 4096), "attention_size": (1, 4096),
                 "model_size": (2, 4096), "heads": (1, 64), "encoder_layers": (1, 24), "decoder_layers": (1, 24),
                 "feedforward_size": (1, 16_384)}
MAX_SOURCE_TOKENS_LIMITS = (2, 10_000)   # one position is the <eos>, so 2 reads one word


def load_checkpoint(directory: Path, name: str | None = None) -> LoadedModel:
    """Load a checkpoint folder, or raise CheckpointError saying exactly what is wrong.

    Every way the folder can be broken ends here as a CheckpointError (the pages catch only
    that): unreadable or empty files, values of the wrong type or size, vocabularies and
    weights that do not fit the configuration. Sizes are checked, and the weights' shapes
    compared with a model built on the "meta" device (no memory), before the real model exists.
    """
    directory = Path(directory)
    name = name or directory.name
    state = _read_weights_file(directory, name)
    config = _model_config(state.get("model_config"), name)
    source_vocab = _vocabulary(state.get("source_vocab"), config.source_vocab_size, "Hindi", name)
    target_vocab = _vocabulary(state.get("target_vocab"), config.target_vocab_size, "English", name)
    max_source_tokens = _max_source_tokens(state.get("max_source_tokens", 60), "model.pt", name)
    model = _model_with_weights(config, state["state_dict"], name)
    metadata = read_json(directory / "config.json") or {}
    metadata.setdefault("max_source_tokens", max_source_tokens)
    _max_source_tokens(metadata["max_source_tokens"], "config.json", name)
    metadata.pop("source_vocab", None)
    metadata.pop("target_vocab", None)
    return LoadedModel(name, directory, model, source_vocab, target_vocab, metadata)


def _read_weights_file(directory: Path, name: str) -> dict:
    """model.pt as plain data, refusing anything that would run code."""
    weights_path = directory / "model.pt"
    if not directory.is_dir():
        raise CheckpointError(f"No checkpoint folder at {directory}.")
    if not weights_path.is_file():
        raise CheckpointError(f"{directory.name}: model.pt is missing from the checkpoint folder.")
    if weights_path.stat().st_size == 0:
        raise CheckpointError(f"{name}: model.pt is empty (0 bytes): the save that wrote it did not finish. "
                              "Train or copy the model again.")
    try:
        state = torch.load(weights_path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types; we name the two causes that matter
        text = str(error)
        if "Weights only load failed" in text or "Unsupported global" in text:
            raise CheckpointError(
                f"{name}: model.pt contains Python objects other than tensors and plain data. "
                "It was refused because loading it could run arbitrary code.") from None
        first_line = (text.strip().splitlines() or [type(error).__name__])[0][:120]
        raise CheckpointError(f"{name}: model.pt is truncated or not a PyTorch file ({first_line}).") from None
    if not isinstance(state, dict) or not isinstance(state.get("state_dict"), dict):
        raise CheckpointError(f"{name}: model.pt is not a Dhyan checkpoint (no state_dict inside).")
    version = state.get("format_version")
    if version != FORMAT_VERSION:
        raise CheckpointError(f"{name}: checkpoint format version {_shown(version)}; this Dhyan reads version "
                              f"{FORMAT_VERSION}. Retrain the model with this version.")
    return state


def _shown(value) -> str:
    """A value from a file, quoted for a message and never longer than a line."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _listed(names: list[str]) -> str:
    text = ", ".join(names)
    return text if len(text) <= 80 else text[:77] + "..."


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _model_config(raw, name: str) -> ModelConfig | TransformerConfig:
    """ModelConfig (TransformerConfig for the transformer) from model.pt's dict, every field
    checked by type and range first."""
    if not isinstance(raw, dict):
        raise CheckpointError(f"{name}: model.pt holds no model configuration.")
    config_class = TransformerConfig if raw.get("kind") == TRANSFORMER_KIND else ModelConfig
    fields = set(config_class.__dataclass_fields__)
    unknown = sorted(str(key) for key in raw if key not in fields)
    if unknown:
        raise CheckpointError(f"{name}: the model configuration has unknown fields ({_listed(unknown)}).")
    for missing in ("kind", "source_vocab_size", "target_vocab_size"):
        if missing not in raw:
            raise CheckpointError(f"{name}: the model configuration has no {missing}.")
    if raw["kind"] not in LOADABLE_KINDS:
        raise CheckpointError(f"{name}: the model configuration's kind is {_shown(raw['kind'])}; "
                              f"Dhyan knows {', '.join(LOADABLE_KINDS)}.")
    for key, (low, high) in CONFIG_LIMITS.items():
        if key in raw and not (_whole_number(raw[key]) and low <= raw[key] <= high):
            raise CheckpointError(f"{name}: the model configuration's {key} is {_shown(raw[key])}; "
                                  f"it must be a whole number from {low:,} to {high:,}.")
    dropout = raw.get("dropout", 0.0)
    if not (isinstance(dropout, (int, float)) and not isinstance(dropout, bool) and 0 <= dropout < 1):
        raise CheckpointError(f"{name}: the model configuration's dropout is {_shown(dropout)}; "
                              "it must be a number from 0 to below 1.")
    if not isinstance(raw.get("input_feeding", False), bool):
        raise CheckpointError(f"{name}: the model configuration's input_feeding is {_shown(raw['input_feeding'])}; "
                              "it must be true or false.")
    try:
        return config_class(**raw)
    except (TypeError, ValueError) as error:   # e.g. an odd hidden_size, heads that do not divide model_size
        raise CheckpointError(f"{name}: the model configuration is invalid ({error}).") from None


def _vocabulary(raw, expected_size: int, language: str, name: str) -> Vocabulary:
    if not isinstance(raw, list) or not all(isinstance(token, str) for token in raw):
        raise CheckpointError(f"{name}: model.pt's {language} vocabulary is not a list of words.")
    try:
        vocabulary = Vocabulary(list(raw))
    except ValueError as error:
        raise CheckpointError(f"{name}: model.pt's {language} vocabulary is invalid ({error}).") from None
    if len(vocabulary) != expected_size:
        raise CheckpointError(f"{name}: the {language} vocabulary and the model do not match "
                              f"({len(vocabulary):,} words in the vocabulary, {expected_size:,} in the model).")
    return vocabulary


def _max_source_tokens(value, where: str, name: str) -> int:
    low, high = MAX_SOURCE_TOKENS_LIMITS
    if not (_whole_number(value) and low <= value <= high):
        raise CheckpointError(f"{name}: max_source_tokens in {where} is {_shown(value)}; "
                              f"it must be a whole number from {low} to {high:,}.")
    return value


def model_from_config(config: ModelConfig | TransformerConfig) -> Seq2Seq | Transformer:
    """The untrained model a configuration describes: a Transformer or one of the five Seq2Seq."""
    return Transformer(config) if isinstance(config, TransformerConfig) else Seq2Seq(config)


class _NoNormalInitOnMeta(TorchFunctionMode):
    """Within the shape check, normal_ on a meta tensor does nothing (there are no numbers to
    draw). Left to torch it would run a Python reference kernel whose first call imports
    torch._dynamo: 1.35 s once per process, a fifth of the app's cold start on this machine."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        tensor = args[0] if args else kwargs.get("tensor")
        if func in (torch.nn.init.normal_, torch.Tensor.normal_) and isinstance(tensor, torch.Tensor) and tensor.is_meta:
            return tensor
        return func(*args, **kwargs)


def _model_with_weights(config: ModelConfig | TransformerConfig, state_dict: dict,
                        name: str) -> Seq2Seq | Transformer:
    """The model of `config` holding state_dict, in eval mode and frozen.

    The shapes are compared on a model built on the meta device first, so weights that do not
    fit are refused without allocating the model; once they fit, the real model is exactly as
    large as the tensors already read from the file.
    """
    try:
        with torch.device("meta"), _NoNormalInitOnMeta():
            expected = {key: tuple(value.shape) for key, value in model_from_config(config).state_dict().items()}
    except Exception as error:
        raise CheckpointError(f"{name}: no model can be built from this configuration ({_first_line(error)}).") from None
    for key, shape in expected.items():
        tensor = state_dict.get(key)
        if not isinstance(tensor, torch.Tensor):
            raise CheckpointError(f"{name}: the weights do not fit the model's configuration ({key} is missing).")
        if not tensor.is_floating_point():
            raise CheckpointError(f"{name}: the weights are damaged ({key} holds {str(tensor.dtype)[6:]} values, "
                                  "not floating-point numbers).")
        if tuple(tensor.shape) != shape:
            raise CheckpointError(f"{name}: the weights do not fit the model's configuration ({key} is "
                                  f"{_size(tensor.shape)}, the configuration needs {_size(shape)}).")
    extra = sorted(str(key) for key in state_dict if key not in expected)
    if extra:
        raise CheckpointError(f"{name}: the weights do not fit the model's configuration "
                              f"(unexpected {_listed(extra)}).")
    try:
        model = model_from_config(config)
        model.load_state_dict(state_dict)
    except Exception as error:   # e.g. a dtype that cannot be copied into float weights
        raise CheckpointError(f"{name}: the weights could not be loaded ({_first_line(error)}).") from None
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    return model


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:160]


def _size(shape) -> str:
    return "×".join(str(n) for n in shape) or "a scalar"


def shipped_model_names() -> list[str]:
    """The folders under checkpoints/ that hold a model.pt, in MODEL_KINDS order first."""
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
