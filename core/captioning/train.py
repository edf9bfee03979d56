"""Image captioning with and without attention: training, evaluation, checkpoints, command line.

    python -m core.captioning ship                         # both shipped captioners, trained and evaluated
    python -m core.captioning train --kind attention --out DIR [--epochs N] [--scenes N] [--seed N]
    python -m core.captioning evaluate --model attention [--json]   # writes eval.json
    python -m core.captioning caption --model attention --seed 7    # one generated scene

Training runs core.fit.fit, the loop the translation models use: progress leaves through the
same TrainCallbacks (on_step, on_epoch, should_stop), the best epoch by validation BLEU is kept,
written atomically, and loads with torch.load(weights_only=True).

Evaluation on the test scenes: sacrebleu corpus BLEU of the captions, exact-match rate, and
whether attention looks at what a word names: for every colour or shape word ("red",
"circle") the region with the highest weight (an 8×8-pixel square) must overlap the bounding
box of a shape that the word's mention names. Measured on the captioner's own greedy captions
(a mention of a shape that is not in the picture counts as a miss), again with the stricter
rule that the region's centre is inside the box, and while reading the reference captions
(teacher forcing), next to what a region picked at random would score.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
import torch.nn.functional as F

from core.captioning.model import CAPTIONER_KINDS, Captioner, CaptionerConfig, greedy_caption
from core.files import atomic_torch_save, atomic_write_json, read_json
from core.nmt.checkpoint import EPOCHS_COUNTED_FROM, SHIPPED_DIR, CheckpointError
from core.nmt.metrics import corpus_bleu
from core.captioning.shapes import NAMING_WORDS, Scene, generate_scenes, images_tensor, named_shapes, region_on_shapes
from core.language.text import PAD_ID, SOS_ID, Vocabulary
from core.fit import EpochReport, FitSettings, FitState, TrainCallbacks, fit
from core.progress import ProgressBar

CAPTIONING_DIR = SHIPPED_DIR / "captioning"
FORMAT = "dhyan-captioner"
FORMAT_VERSION = 1


@dataclass
class CaptionTrainConfig:
    kind: str = "attention"
    train_scenes: int = 6000
    validation_scenes: int = 300
    test_scenes: int = 500
    seed: int = 0
    epochs: int = 40
    patience: int = 6  # epochs without a better validation BLEU before stopping
    batch_size: int = 64
    # A constant step size: halving it on a validation-loss plateau (core.fit.halve_on_plateau, the
    # translators' rule) cut it to a tenth within 15 epochs here, where batch normalisation makes
    # the validation loss jumpy.
    learning_rate: float = 3e-3
    clip_norm: float = 1.0
    sizes: dict = field(default_factory=dict)  # CaptionerConfig fields to change (channels, hidden_size, …)

    def __post_init__(self) -> None:
        if self.kind not in CAPTIONER_KINDS:
            raise ValueError(f"unknown captioner {self.kind!r}; choose one of {', '.join(CAPTIONER_KINDS)}")


@dataclass
class LoadedCaptioner:
    name: str
    directory: Path | None
    model: Captioner
    vocab: Vocabulary
    metadata: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.model.config.kind

    def evaluation(self) -> dict:
        return (read_json(self.directory / "eval.json") or {}) if self.directory else {}


@dataclass
class Caption:
    """One picture's caption and, for the attention captioner, where each word looked."""

    tokens: list[str]
    attention: torch.Tensor | None  # (T, L), one map per word
    named: list[tuple[int, ...]]  # per word: the scene's shapes its mention names
    on_shape: list[bool | None]  # per word: peak inside a named shape; None for non-naming words or no attention

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


# ---------------------------------------------------------------- data


def caption_tensors(scenes: list[Scene], vocab: Vocabulary) -> tuple[torch.Tensor, torch.Tensor]:
    """-> previous (N, T) = <sos> y_1..y_{T-1} and target (N, T) = y_1..y_T <eos>, padded."""
    encoded = [vocab.encode(scene.tokens, add_eos=True) for scene in scenes]
    length = max(len(ids) for ids in encoded)
    previous = torch.full((len(scenes), length), PAD_ID, dtype=torch.long)  # (N, T)
    target = torch.full((len(scenes), length), PAD_ID, dtype=torch.long)  # (N, T)
    for row, ids in enumerate(encoded):
        target[row, :len(ids)] = torch.tensor(ids)
        previous[row, 0] = SOS_ID
        previous[row, 1:len(ids)] = torch.tensor(ids[:-1])
    return previous, target


def sequence_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood per real caption word (and <eos>)."""
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=PAD_ID)


# ---------------------------------------------------------------- captioning and scoring


def caption_scenes(loaded: LoadedCaptioner, scenes: list[Scene], batch_size: int = 250) -> list[Caption]:
    """Greedy captions of the scenes, with each word's attention checked against the shapes."""
    captions = []
    for start in range(0, len(scenes), batch_size):
        chunk = scenes[start:start + batch_size]
        output = greedy_caption(loaded.model, images_tensor(chunk))
        for scene, ids, attention in zip(chunk, output.word_ids, output.attention):
            tokens = loaded.vocab.decode(ids)
            named = named_shapes(tokens, scene.shapes)
            captions.append(Caption(tokens, attention, named, peaks_on_shapes(scene, tokens, named, attention)))
    return captions


def peaks_on_shapes(scene: Scene, tokens, named, attention: torch.Tensor | None,
                    centre: bool = False) -> list[bool | None]:
    """Per word: does the highest-weight region overlap the box of a shape the word names
    (with centre=True: is its centre inside the box)? None where the word names no shape
    (a, above, and) or the captioner has no attention."""
    if attention is None:
        return [None] * len(tokens)
    side = math.isqrt(attention.size(-1))
    peaks = attention.argmax(dim=-1).tolist()  # (T,)
    return [None if token not in NAMING_WORDS else
            bool(group) and region_on_shapes(peak, side, [scene.shapes[i] for i in group], centre)
            for token, group, peak in zip(tokens, named, peaks)]


@torch.inference_mode()
def reference_attention(loaded: LoadedCaptioner, scenes: list[Scene], batch_size: int = 250) -> list[torch.Tensor]:
    """Attention (T, L) while reading each scene's reference caption (teacher forcing)."""
    maps = []
    for start in range(0, len(scenes), batch_size):
        chunk = scenes[start:start + batch_size]
        previous, _ = caption_tensors(chunk, loaded.vocab)
        _, weights = loaded.model(images_tensor(chunk), previous)  # (B, T, L)
        maps += [weights[row, :len(scene.tokens)] for row, scene in enumerate(chunk)]
    return maps


def _rate(hits: int, total: int) -> float | None:
    return round(100.0 * hits / total, 2) if total else None


def evaluate_captioner(loaded: LoadedCaptioner, scenes: list[Scene]) -> dict:
    """Scores on `scenes` (the test split): BLEU with its signature, exact match, attention on
    the named shape (None for the fixed captioner), and BLEU and exact match per caption structure."""
    captions = caption_scenes(loaded, scenes)
    hypotheses, references = [c.text for c in captions], [s.caption for s in scenes]
    bleu = corpus_bleu(hypotheses, references)
    result = {"model": loaded.name, "kind": loaded.kind, "scenes": len(scenes), "bleu": round(bleu.score, 2),
              "bleu_signature": bleu.signature,
              "exact_match": _rate(sum(h == r for h, r in zip(hypotheses, references)), len(scenes)),
              "naming_words": sum(token in NAMING_WORDS for c in captions for token in c.tokens),
              "attention_on_shape": None, "attention_on_shape_centre": None,
              "attention_on_shape_reference": None, "attention_on_shape_chance": None, "by_structure": {}}
    if loaded.model.has_attention:
        result.update(_own_attention_scores(scenes, captions))
        result.update(_reference_attention_scores(loaded, scenes))
    for structure in sorted({s.structure for s in scenes}):
        rows = [i for i, s in enumerate(scenes) if s.structure == structure]
        result["by_structure"][structure] = {
            "scenes": len(rows), "bleu": round(corpus_bleu([hypotheses[i] for i in rows],
                                                           [references[i] for i in rows]).score, 2),
            "exact_match": _rate(sum(hypotheses[i] == references[i] for i in rows), len(rows))}
    return result


def _own_attention_scores(scenes: list[Scene], captions: list[Caption]) -> dict:
    """On the captioner's own captions: the peak region overlaps a named shape's box, and
    (stricter) the peak region's centre is inside it."""
    overlaps = [flag for caption in captions for flag in caption.on_shape if flag is not None]
    centres = [flag for scene, c in zip(scenes, captions)
               for flag in peaks_on_shapes(scene, c.tokens, c.named, c.attention, centre=True) if flag is not None]
    return {"attention_on_shape": _rate(sum(overlaps), len(overlaps)),
            "attention_on_shape_centre": _rate(sum(centres), len(centres))}


def _reference_attention_scores(loaded: LoadedCaptioner, scenes: list[Scene]) -> dict:
    """Attention on the named shape while reading the references, and what a region picked
    at random would score (the share of regions that overlap the named shapes' boxes)."""
    hits = total = 0
    chance = 0.0
    for scene, attention in zip(scenes, reference_attention(loaded, scenes)):
        flags = peaks_on_shapes(scene, scene.tokens, scene.refers_to, attention)
        side = math.isqrt(attention.size(-1))
        for group, flag in zip(scene.refers_to, flags):
            if flag is None:
                continue
            hits, total = hits + flag, total + 1
            shapes = [scene.shapes[i] for i in group]
            chance += sum(region_on_shapes(r, side, shapes) for r in range(side * side)) / (side * side)
    return {"attention_on_shape_reference": _rate(hits, total),
            "attention_on_shape_chance": round(100.0 * chance / total, 2) if total else None}


# ---------------------------------------------------------------- checkpoints


def save_captioner(directory: Path, model: Captioner, vocab: Vocabulary, metadata: dict,
                   history: dict | None = None) -> None:
    """Each file atomically, model.pt first (the folder is loadable at every moment) and
    config.json last (it never claims a best epoch before model.pt holds its weights)."""
    directory = Path(directory)
    model_config = model.config.to_dict()
    atomic_torch_save(directory / "model.pt", {
        "format": FORMAT, "format_version": FORMAT_VERSION, "model_config": model_config,
        "vocab": list(vocab.tokens),
        "state_dict": {key: value.detach().cpu().clone() for key, value in model.state_dict().items()}})
    if history is not None:
        atomic_write_json(directory / "history.json", history)
    atomic_write_json(directory / "config.json", {
        "format": FORMAT, "format_version": FORMAT_VERSION, "model": model_config,
        "parameters": model.parameter_count(), **metadata, "vocab": vocab.tokens})


def _read_weights(path: Path, name: str) -> dict:
    if not path.is_file():
        raise CheckpointError(f"{name}: no model.pt at {path.parent}. "
                              "Run `python -m core.captioning ship` to train the captioners.")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types; a refused pickle is the one worth naming
        refused = "Weights only load failed" in str(error) or "Unsupported global" in str(error)
        reason = ("it holds Python objects besides tensors and plain data, and loading it could run code"
                  if refused else "it is truncated or not a PyTorch file")
        raise CheckpointError(f"{name}: model.pt was refused: {reason}.") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise CheckpointError(f"{name}: model.pt is not a Dhyan captioner.")
    if state.get("format_version") != FORMAT_VERSION:
        raise CheckpointError(f"{name}: captioner format version {state.get('format_version')!r}; "
                              f"this Dhyan reads version {FORMAT_VERSION}.")
    return state


def load_captioner(directory: Path, name: str | None = None) -> LoadedCaptioner:
    """A captioner in eval mode, or CheckpointError saying what is wrong."""
    directory = Path(directory)
    name = name or directory.name
    state = _read_weights(directory / "model.pt", name)
    try:
        config = CaptionerConfig(**state["model_config"])
        vocab = Vocabulary(list(state["vocab"]))
        if len(vocab) != config.vocab_size:
            raise ValueError(f"{len(vocab)} words in the vocabulary, {config.vocab_size} in the model")
        model = Captioner(config)
        model.load_state_dict(state["state_dict"])
    except (TypeError, ValueError, KeyError, RuntimeError) as error:
        raise CheckpointError(f"{name}: the captioner's configuration, vocabulary or weights do not fit "
                              f"({str(error).splitlines()[0][:160]}).") from None
    model.eval().requires_grad_(False)
    metadata = read_json(directory / "config.json") or {}
    metadata.pop("vocab", None)
    return LoadedCaptioner(name, directory, model, vocab, metadata)


def resolve_captioner(name_or_dir: str) -> Path:
    """'attention' -> checkpoints/captioning/attention; an existing folder is used as is."""
    candidate = Path(name_or_dir)
    if candidate.is_dir():
        return candidate
    if name_or_dir in CAPTIONER_KINDS:
        return CAPTIONING_DIR / name_or_dir
    raise CheckpointError(f"No captioner called {name_or_dir!r} (shipped: {', '.join(CAPTIONER_KINDS)}) "
                          "and no such folder.")


# ---------------------------------------------------------------- training


def validation_scores(model: Captioner, vocab: Vocabulary, data, scenes: list[Scene]) -> tuple[float, float]:
    """(loss per word, greedy corpus BLEU) on the validation scenes."""
    model.eval()
    with torch.inference_mode():
        logits, _ = model(data.images, data.previous)
        loss = float(sequence_loss(logits, data.target))
        output = greedy_caption(model, data.images)
    model.train()
    hypotheses = [" ".join(vocab.decode(ids)) for ids in output.word_ids]
    return loss, corpus_bleu(hypotheses, [s.caption for s in scenes]).score


@dataclass
class CaptionData:
    """Pictures and their captions as tensors, ready for teacher forcing."""

    images: torch.Tensor  # (N, 3, H, W) uint8
    previous: torch.Tensor  # (N, T) <sos> y_1..y_{T-1}
    target: torch.Tensor  # (N, T) y_1..y_T <eos>

    @classmethod
    def of(cls, scenes: list[Scene], vocab: Vocabulary) -> "CaptionData":
        return cls(images_tensor(scenes), *caption_tensors(scenes, vocab))


class CaptioningTask:
    """What fit() trains a captioner on: pictures in a seeded random order, teacher-forced
    cross-entropy, and validation loss and greedy BLEU on the validation pictures."""

    def __init__(self, model: Captioner, vocab: Vocabulary, splits, config: CaptionTrainConfig):
        self.model, self.vocab, self.config = model, vocab, config
        self.data, self.validation = CaptionData.of(splits.train, vocab), CaptionData.of(splits.validation, vocab)
        self.validation_scenes = splits.validation

    def batches(self, epoch: int) -> list[list[int]]:
        rng = random.Random(self.config.seed)
        for _ in range(epoch):  # epoch e (from 1) gets the e-th shuffle of one seeded stream (as shipped)
            order = list(range(len(self.data.images)))
            rng.shuffle(order)
        return [order[i:i + self.config.batch_size] for i in range(0, len(order), self.config.batch_size)]

    def loss(self, batch: list[int]) -> tuple[torch.Tensor, int]:
        index = torch.tensor(batch)
        logits, _ = self.model(self.data.images[index], self.data.previous[index])  # (B, T, V)
        target = self.data.target[index]
        return sequence_loss(logits, target), int((target != PAD_ID).sum())

    def validate(self) -> tuple[float, float]:
        return validation_scores(self.model, self.vocab, self.validation, self.validation_scenes)


def train_captioner(config: CaptionTrainConfig, out_dir: Path | None = None,
                    callbacks: TrainCallbacks | None = None, scenes=None) -> tuple[LoadedCaptioner, dict]:
    """Train one captioner, keeping the epoch with the best validation BLEU (in out_dir too,
    when given). `scenes` (a SceneSplits) replaces the generated world (tests train on a
    handful of pictures)."""
    torch.manual_seed(config.seed)  # the initial weights and dropout masks
    splits = scenes or generate_scenes(config.train_scenes, config.validation_scenes, config.test_scenes, config.seed)
    vocab = Vocabulary.build(scene.tokens for scene in splits.train)
    model = Captioner(CaptionerConfig(config.kind, len(vocab), **config.sizes))
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)  # constant: see CaptionTrainConfig
    state = FitState(history={EPOCHS_COUNTED_FROM: 1, "model": config.kind, "steps": [], "epochs": []})
    metadata = {EPOCHS_COUNTED_FROM: 1, "training": asdict(config),
                "world": {"generator": "core.captioning.shapes", "seed": config.seed, "train": len(splits.train),
                          "validation": len(splits.validation)}}
    best: dict = {}

    def keep_best(report: EpochReport) -> None:
        if report.improved:
            best.update({key: value.detach().clone() for key, value in model.state_dict().items()})
        if out_dir is not None and report.improved:
            save_captioner(out_dir, model, vocab, {**metadata, "best_epoch": report.epoch,
                                                   "validation_bleu": report.validation_bleu,
                                                   "training_seconds": report.training_seconds}, state.history)
        elif out_dir is not None:
            atomic_write_json(Path(out_dir) / "history.json", state.history)

    fit(model, optimizer, CaptioningTask(model, vocab, splits, config),
        FitSettings(config.epochs, config.patience, config.clip_norm), state,
        [TrainCallbacks(on_epoch=keep_best), callbacks or TrainCallbacks()])
    if best:
        model.load_state_dict(best)
    model.eval().requires_grad_(False)
    return LoadedCaptioner(config.kind, Path(out_dir) if out_dir else None, model, vocab, metadata), state.history


def test_scenes_for(loaded: LoadedCaptioner) -> list[Scene]:
    """The test split of the world this captioner was trained in (the seed alone decides it)."""
    training = loaded.metadata.get("training") or {}
    seed, count = int(training.get("seed", 0)), int(training.get("test_scenes", 500))
    return generate_scenes(n_train=0, n_validation=0, n_test=count, seed=seed).test


# ---------------------------------------------------------------- command line


def _train_command(args) -> int:
    config = CaptionTrainConfig(kind=args.kind, train_scenes=args.scenes, epochs=args.epochs, seed=args.seed)
    bar = ProgressBar()
    loaded, history = train_captioner(config, args.out, TrainCallbacks(on_step=bar.on_step, on_epoch=bar.on_epoch))
    print(f"best validation BLEU {max(e['validation_bleu'] for e in history['epochs']):.1f}; "
          f"checkpoint in {args.out}")
    return 0


def _evaluate_command(args) -> int:
    loaded = load_captioner(resolve_captioner(args.model))
    result = evaluate_captioner(loaded, test_scenes_for(loaded))
    atomic_write_json(loaded.directory / "eval.json", result)
    print(json.dumps(result, indent=1) if args.json else summary_line(result))
    return 0


def summary_line(result: dict) -> str:
    on_shape = result.get("attention_on_shape")
    return (f"{result['model']:>9}: BLEU {result['bleu']:.1f}  exact match {result['exact_match']:.1f}%  "
            f"attention on the named shape {'n/a (no attention)' if on_shape is None else f'{on_shape:.1f}%'}"
            f"  ({result['scenes']} test scenes; {result['bleu_signature']})"
            + (f"  trained and evaluated in {result['wall_seconds'] / 60:.1f} min" if "wall_seconds" in result else ""))


def ship_one(kind: str, out: Path, seed: int) -> dict:
    """Train one shipped captioner (one CPU thread) into out/kind and write its eval.json."""
    torch.set_num_threads(1)
    start = time.perf_counter()
    train_captioner(CaptionTrainConfig(kind=kind, seed=seed), out / kind)
    loaded = load_captioner(out / kind, name=kind)
    result = {**evaluate_captioner(loaded, test_scenes_for(loaded)),
              "wall_seconds": round(time.perf_counter() - start, 1)}
    atomic_write_json(out / kind / "eval.json", result)
    return result


def _ship_command(args) -> int:
    """Both shipped captioners, each in its own process with one thread (two at once by default)."""
    from concurrent.futures import ProcessPoolExecutor
    start = time.perf_counter()
    print(f"training {', '.join(CAPTIONER_KINDS)} into {args.out} ({args.jobs} at a time)…", flush=True)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(ship_one, kind, args.out, args.seed) for kind in CAPTIONER_KINDS]
        for future in futures:
            print(summary_line(future.result()), flush=True)
    print(f"all done in {(time.perf_counter() - start) / 60:.1f} min")
    return 0


def _caption_command(args) -> int:
    from core.captioning.shapes import scene_from_seed
    loaded = load_captioner(resolve_captioner(args.model))
    scene = scene_from_seed(args.seed)
    caption = caption_scenes(loaded, [scene])[0]
    print(f"reference: {scene.caption}\n{loaded.name:>9}: {caption.text}")
    if caption.attention is not None:
        side = math.isqrt(caption.attention.size(-1))
        for token, weights, flag in zip(caption.tokens, caption.attention, caption.on_shape):
            peak = int(weights.argmax())
            mark = "" if flag is None else ("  on the named shape" if flag else "  NOT on the named shape")
            print(f"  {token:<10} peak at region row {peak // side}, column {peak % side} "
                  f"(weight {float(weights[peak]):.2f}){mark}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core.captioning", description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    commands = parser.add_subparsers(dest="command", required=True)
    defaults = CaptionTrainConfig()
    train = commands.add_parser("train", help="train one captioner")
    train.add_argument("--kind", required=True, choices=CAPTIONER_KINDS)
    train.add_argument("--out", required=True, type=Path)
    train.add_argument("--epochs", type=int, default=defaults.epochs)
    train.add_argument("--scenes", type=int, default=defaults.train_scenes, help="training pictures")
    train.add_argument("--seed", type=int, default=defaults.seed)
    train.set_defaults(run=_train_command)
    evaluate = commands.add_parser("evaluate", help="score a captioner on its test scenes; writes eval.json")
    evaluate.add_argument("--model", required=True, help="fixed, attention or a checkpoint folder")
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(run=_evaluate_command)
    ship = commands.add_parser("ship", help="train and evaluate both shipped captioners")
    ship.add_argument("--out", type=Path, default=CAPTIONING_DIR)
    ship.add_argument("--seed", type=int, default=defaults.seed)
    ship.add_argument("--jobs", type=int, default=2, help="captioners trained at once (one CPU thread each)")
    ship.set_defaults(run=_ship_command)
    caption = commands.add_parser("caption", help="caption one generated scene and say where each word looked")
    caption.add_argument("--model", required=True, help="fixed, attention or a checkpoint folder")
    caption.add_argument("--seed", type=int, default=0)
    caption.set_defaults(run=_caption_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    threads = torch.get_num_threads()
    torch.set_num_threads(max(1, args.threads))
    try:
        return args.run(args)
    except CheckpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted: the checkpoint folder holds the last finished epoch.", file=sys.stderr)
        return 130
    finally:
        torch.set_num_threads(threads)  # main() called from Python (a test) leaves the process as it was


if __name__ == "__main__":
    sys.exit(main())
