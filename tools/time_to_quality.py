"""Time to quality: how many seconds of one training thread until a model translates and aligns.

    python -m tools.time_to_quality                       # the default browser run (classroom subset)
    python -m tools.time_to_quality --shipped             # the shipped recipe too (about 15 min a model)
    python -m tools.time_to_quality --out ttq.json

DAWNBench's measure (Coleman et al. 2017), for attention: a run is evaluated while it trains
(at the end of every epoch, and every --every-steps optimizer steps), each point giving the
validation BLEU and the alignment error rate of teacher-forced attention against the grammar's
gold links (AER, Och & Ney 2003) on a fixed probe set, and the report says when each first
reached its level:

    seconds_to(level) = min { seconds(p) : p in curve, quality(p) meets level }

Seconds are counted two ways: the training thread's CPU time (time.thread_time, with torch on
one thread, so all of the step's arithmetic runs in this thread) and wall time. The machines we
bench on are shared, so wall time is inflated by whoever else runs; thread CPU time is what the
run itself cost. Both exclude this tool's own evaluations; both include fit's validation after
each epoch, which a browser run pays too. At the end the kept model (the best epoch by
validation BLEU, as a browser run keeps it) is scored on its own test split.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

import torch

from core.fit import EpochReport, FitSettings, FitState, StepReport, TrainCallbacks, fit, halve_on_plateau
from core.language.pairs import CorpusSplits, SentencePair
from core.nmt.checkpoint import LoadedModel
from core.nmt.evaluate import evaluate, teacher_forced_attention
from core.nmt.metrics import alignment_error_rate, attention_alignment
from core.language.subwords import WHOLE_WORDS
from core.nmt.config import TrainConfig
from core.nmt.data import prepare_data
from core.nmt.train import TranslationTask, build_model, build_optimizer, validation_bleu

BLEU_LEVEL = 60.0  # validation BLEU a run must reach (issue 25's target for the browser run)
AER_LEVEL = 0.30  # AER on the probe set it must get down to
PROBE_SENTENCES = 100  # validation pairs whose teacher-forced attention is scored for AER


@dataclass
class Point:
    """The run's quality at one moment: after `step` updates, in `epoch` (from 1)."""
    step: int
    epoch: int
    cpu_seconds: float  # the training thread's CPU time since the start, evaluations here excluded
    wall_seconds: float
    validation_bleu: float
    aer: float | None  # None for a model without learned attention weights


@dataclass
class Run:
    """What one measured training run is: its name, the settings, the data and loop options."""
    name: str
    config: TrainConfig
    splits: CorpusSplits
    warmup_steps: int = 0  # learning rate raised linearly over this many first updates (0: none)
    corpus: str = "generated"


def first_reach(curve: Sequence[Point], bleu_level: float = BLEU_LEVEL, aer_level: float = AER_LEVEL) -> dict:
    """The first point of the curve at which validation BLEU ≥ bleu_level, the first at which
    AER ≤ aer_level, and the first at which both hold; None where the run never got there."""
    def first(meets: Callable[[Point], bool]) -> dict | None:
        point = next((p for p in curve if meets(p)), None)
        return None if point is None else asdict(point)

    def aligned(p: Point) -> bool:
        return p.aer is not None and p.aer <= aer_level

    return {"bleu_level": bleu_level, "aer_level": aer_level,
            "bleu": first(lambda p: p.validation_bleu >= bleu_level),
            "aer": first(aligned),
            "both": first(lambda p: p.validation_bleu >= bleu_level and aligned(p))}


def probe_aer(model, source_vocab, target_vocab, probes: Sequence[SentencePair], max_source_tokens: int) -> float | None:
    """AER of the model's teacher-forced attention against the probes' gold alignments."""
    if not model.has_attention_weights:
        return None
    loaded = LoadedModel("probe", Path("."), model, source_vocab, target_vocab,
                         {"max_source_tokens": max_source_tokens})
    model.eval()  # no dropout in the weights scored
    attentions = teacher_forced_attention(loaded, list(probes), segmentation=WHOLE_WORDS)
    predicted = [attention_alignment(a, len(p.source_tokens)) for a, p in zip(attentions, probes)]
    model.train()
    return alignment_error_rate(predicted, [set(p.alignment) for p in probes])


class Stopwatch:
    """Thread CPU and wall seconds since start, less the time spent in pause_for(work)."""

    def __init__(self):
        self.cpu_start, self.wall_start = time.thread_time(), time.perf_counter()
        self.cpu_paused = self.wall_paused = 0.0

    def read(self) -> tuple[float, float]:
        return (time.thread_time() - self.cpu_start - self.cpu_paused,
                time.perf_counter() - self.wall_start - self.wall_paused)

    def pause_for(self, work: Callable[[], object]):
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return work()
        finally:
            self.cpu_paused += time.thread_time() - cpu
            self.wall_paused += time.perf_counter() - wall


class QualityCurve:
    """Callbacks that add a Point every `every_steps` updates and after every epoch, and keep the
    best epoch's weights (by validation BLEU, as training keeps them)."""

    def __init__(self, model, data, probes: Sequence[SentencePair], max_source_tokens: int, every_steps: int = 0,
                 warmup: Callable[[int], None] | None = None):
        self.model, self.data, self.probes = model, data, list(probes)
        self.max_source_tokens, self.every_steps, self.warmup = max_source_tokens, every_steps, warmup
        self.points: list[Point] = []
        self.step = 0  # updates made so far
        self.best_weights = None
        self.watch = Stopwatch()

    def on_start(self) -> None:
        self.watch = Stopwatch()

    def _aer(self) -> float | None:
        return probe_aer(self.model, self.data.source_vocab, self.data.target_vocab, self.probes,
                         self.max_source_tokens)

    def _add(self, step: int, epoch: int, bleu: Callable[[], float]) -> None:
        cpu, wall = self.watch.read()
        score, aer = self.watch.pause_for(lambda: (bleu(), self._aer()))
        self.points.append(Point(step, epoch, round(cpu, 2), round(wall, 2), round(score, 2),
                                 None if aer is None else round(aer, 4)))

    def on_step(self, report: StepReport) -> None:
        self.step = report.step
        if self.warmup is not None:
            self.warmup(report.step)
        if self.every_steps and report.step % self.every_steps == 0 and report.epoch_fraction < 1:
            data = self.data
            self._add(report.step, report.epoch, lambda: validation_bleu(
                self.model, data.validation_pairs, data.source_vocab, data.target_vocab))

    def on_epoch(self, report: EpochReport) -> None:
        self._add(self.step, report.epoch, lambda: report.validation_bleu)
        if report.improved:
            self.watch.pause_for(lambda: setattr(self, "best_weights", copy.deepcopy(self.model.state_dict())))

    def callbacks(self) -> TrainCallbacks:
        return TrainCallbacks(on_start=self.on_start, on_step=self.on_step, on_epoch=self.on_epoch)


def linear_warmup(optimizer: torch.optim.Optimizer, rate: float, steps: int) -> Callable[[int], None]:
    """lr(step) = rate · min(1, (step + 1) / steps): set after each update for the next one, so
    the first update uses rate / steps (Goyal et al. 2017's gradual warm-up). Leaves the rate alone
    once warmed up, so the plateau halving of later epochs is not undone."""
    for group in optimizer.param_groups:
        group["lr"] = rate / steps

    def after(step: int) -> None:
        if step < steps:
            for group in optimizer.param_groups:
                group["lr"] = rate * min(1.0, (step + 1) / steps)
    return after


def measure(run: Run, every_steps: int = 0, probe_sentences: int = PROBE_SENTENCES,
            bleu_level: float = BLEU_LEVEL, aer_level: float = AER_LEVEL) -> dict:
    """Train run.config on run.splits on this thread (CPU), adding quality points as it goes; then
    the kept model's scores on the test split. -> a JSON-ready report."""
    config = run.config
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    data = prepare_data(config, run.splits)
    probes = [p for p in data.validation_pairs if p.alignment][:probe_sentences]
    device = torch.device("cpu")
    model = build_model(config, data, device)
    optimizer = build_optimizer(config, model)   # core.train's: the shipped recipe's fused update
    warmup = linear_warmup(optimizer, config.learning_rate, run.warmup_steps) if run.warmup_steps else None
    curve = QualityCurve(model, data, probes, config.max_source_tokens, every_steps, warmup)
    state = FitState()
    started = time.perf_counter()
    fit(model, optimizer, TranslationTask(model, model, data, config, device),
        FitSettings(config.epochs, config.patience, config.clip_norm), state, [curve.callbacks()],
        schedule=halve_on_plateau(config.lr_patience, config.lr_floor))
    if curve.best_weights is not None:
        model.load_state_dict(curve.best_weights)
    model.eval()
    loaded = LoadedModel(run.name, Path("."), model, data.source_vocab, data.target_vocab,
                         {"max_source_tokens": config.max_source_tokens})
    scored = evaluate(loaded, run.splits.test, test_set=f"{run.corpus}: its test split")
    return {
        "name": run.name, "corpus": run.corpus, "settings": asdict(config),
        "warmup_steps": run.warmup_steps, "bucket_by_target": config.bucket_by_target,
        "train_pairs": len(data.train_examples), "validation_pairs": len(data.validation_pairs),
        "probe_pairs": len(probes), "test_pairs": len(run.splits.test), "threads": torch.get_num_threads(),
        "epochs_run": state.epoch, "steps": state.step, "parameters": model.parameter_count(),
        "curve": [asdict(p) for p in curve.points],
        "first_reach": first_reach(curve.points, bleu_level, aer_level),
        "total": {"cpu_seconds": curve.points[-1].cpu_seconds if curve.points else 0.0,
                  "wall_seconds": round(time.perf_counter() - started, 2)},
        "test": {"bleu": round(scored["bleu"], 2), "aer": None if scored["aer"] is None else round(scored["aer"], 4),
                 "chrf": round(scored["chrf"], 2), "exact_match": round(scored["exact_match"], 4),
                 "best_epoch_by_validation_bleu": max(curve.points, key=lambda p: p.validation_bleu).epoch
                 if curve.points else None},
    }


# ---------------------------------------------------------------- the two runs the bench measures


def browser_run(seed: int = 0) -> Run:
    """The Training page's default run (docs/watch_it_learn.md: chosen by measurement)."""
    from core.language.classroom_subset import CLASSROOM_MAX_SOURCE_TOKENS, classroom_splits
    config = replace(BROWSER_DEFAULT, seed=seed)
    return Run("browser default", config, classroom_splits(config.pairs, seed, CLASSROOM_MAX_SOURCE_TOKENS),
               warmup_steps=BROWSER_WARMUP_STEPS, corpus="classroom subset")


def shipped_run(kind: str = "additive") -> Run:
    """The shipped models' recipe on the full generated corpus (about 15 minutes of one core)."""
    from core.language.corpus import generate_corpus
    from tools.shipped import SHIPPED_SETTINGS
    config = replace(SHIPPED_SETTINGS, model=kind)
    return Run(f"shipped recipe ({kind})", config, generate_corpus(n_train=config.pairs, seed=config.seed))


BROWSER_DEFAULT = TrainConfig(
    model="additive", embedding_size=64, hidden_size=128, attention_size=64, dropout=0.0, epochs=5,
    batch_size=32, learning_rate=0.003, patience=3, pairs=20_000, seed=0, corpus="generated",
    max_source_tokens=11, max_target_tokens=80, validation_sentences=60, unknown_rate=0.03, device="cpu",
    bucket_by_target=True)
BROWSER_WARMUP_STEPS = 0


def format_report(report: dict) -> str:
    reached = report["first_reach"]

    def when(key: str) -> str:
        point = reached[key]
        return ("not reached" if point is None else
                f"{point['cpu_seconds']:.0f} s thread CPU ({point['wall_seconds']:.0f} s wall), epoch {point['epoch']}, "
                f"step {point['step']}")

    lines = [f"{report['name']}: {report['train_pairs']:,} training pairs, {report['epochs_run']} epochs, "
             f"{report['steps']} steps, {report['total']['cpu_seconds']:.0f} s thread CPU "
             f"({report['total']['wall_seconds']:.0f} s wall, evaluations included)",
             f"  validation BLEU ≥ {reached['bleu_level']:g}: {when('bleu')}",
             f"  probe AER ≤ {reached['aer_level']:g}: {when('aer')}",
             f"  both: {when('both')}",
             f"  test split ({report['test_pairs']} pairs), best epoch: BLEU {report['test']['bleu']:.1f}, "
             f"AER {report['test']['aer']}",
             f"  {'step':>6} {'epoch':>5} {'CPU s':>7} {'wall s':>7} {'BLEU':>6} {'AER':>6}"]
    lines += [f"  {p['step']:>6} {p['epoch']:>5} {p['cpu_seconds']:>7.1f} {p['wall_seconds']:>7.1f} "
              f"{p['validation_bleu']:>6.1f} {p['aer'] if p['aer'] is not None else '-':>6}" for p in report["curve"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.time_to_quality", description=__doc__.splitlines()[0])
    parser.add_argument("--shipped", action="store_true", help="also measure the shipped recipe (about 15 min)")
    parser.add_argument("--every-steps", type=int, default=50, metavar="N",
                        help="a quality point every N optimizer steps as well as after each epoch (0: epochs only)")
    parser.add_argument("--bleu", type=float, default=BLEU_LEVEL, help="the validation BLEU level")
    parser.add_argument("--aer", type=float, default=AER_LEVEL, help="the probe AER level")
    parser.add_argument("--out", type=Path, help="write the reports as JSON here")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    runs = [browser_run()] + ([shipped_run()] if args.shipped else [])
    reports = []
    for run in runs:
        report = measure(run, args.every_steps, bleu_level=args.bleu, aer_level=args.aer)
        print(format_report(report), flush=True)
        reports.append(report)
    if args.out:
        args.out.write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
