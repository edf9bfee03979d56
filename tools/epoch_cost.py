"""What one epoch of the shipped recipe costs each model, in CPU seconds of one thread.

    OMP_NUM_THREADS=1 python -m tools.epoch_cost                       # every shipped model, as shipped
    OMP_NUM_THREADS=1 python -m tools.epoch_cost --models additive transformer transformer/decoder_layers=2
    OMP_NUM_THREADS=1 python -m tools.epoch_cost --models general --variants source+unfused target+unfused target+fused

The machine these run on is shared, so the clock is the process's own CPU time
(time.process_time), never wall time, and variants are interleaved: each timed slice of
batches runs once under every variant before the next slice, so a busier minute of the
machine weighs on all of them alike. An epoch is estimated from every `every`-th batch of
its own batch order (each variant cuts its own batches: grouping by target length changes
them) times the number of batches, plus one validation (validation loss and greedy BLEU on
the validation sentences, as core.fit runs after each epoch).

Variants: "shipped" (tools.shipped's recipe as it is), "source" (batches by source length: the
order the checkpoints of 2026-11 were trained with), "target" (TrainConfig.bucket_by_target),
each with "+fused" (Adam's fused kernel, TrainConfig.fused_adam) or "+unfused" (Adam's
for-loop) where the recipe's choice is not wanted.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace

import torch

from core.nmt.data import load_splits, prepare_data
from core.nmt.model import MODEL_KINDS, TRANSFORMER_KIND
from core.nmt.train import TranslationTask, build_model, build_optimizer
from tools.shipped import shipped_settings

VARIANTS = {"shipped": {}, "source": {"bucket_by_target": False}, "target": {"bucket_by_target": True}}


def variant_settings(name: str) -> dict:
    """'target+fused' -> {"bucket_by_target": True, "fused_adam": True}."""
    order, *adam = name.split("+")
    settings = dict(VARIANTS[order])
    if adam:
        settings["fused_adam"] = adam[0] == "fused"
    return settings


class Runner:
    """One model and optimizer under one variant, stepping through its own sampled batches."""

    def __init__(self, kind: str, variant: str, splits, every: int, overrides: dict):
        self.config = replace(shipped_settings(kind), **overrides, **variant_settings(variant), device="cpu")
        self.data = prepare_data(self.config, splits)
        self.model = build_model(self.config, self.data, torch.device("cpu"))
        self.optimizer = build_optimizer(self.config, self.model)
        self.task = TranslationTask(self.model, self.model, self.data, self.config, torch.device("cpu"))
        batches = self.task.batches(1)
        self.scale = len(batches)
        self.sample = batches[::every]
        self.seconds, self.tokens, self.done = 0.0, 0, 0

    def step(self, batch) -> int:
        loss, tokens = self.task.loss(batch)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.clip_norm)
        self.optimizer.step()
        loss.item()
        return tokens

    def run(self, count: int) -> None:
        for batch in self.sample[self.done:self.done + count]:
            start = time.process_time()
            tokens = self.step(batch)
            self.seconds += time.process_time() - start
            self.tokens += tokens
        self.done += count

    def report(self) -> dict:
        start = time.process_time()
        self.task.validate()
        validation = time.process_time() - start
        timed = len(self.sample[:self.done])
        per_batch = self.seconds / max(timed, 1)
        return {"batches": self.scale, "timed_batches": timed,
                "step_ms": round(1000 * per_batch, 2), "tokens_per_cpu_second": round(self.tokens / max(self.seconds, 1e-9)),
                "epoch_train_s": round(per_batch * self.scale, 3), "validation_s": round(validation, 3),
                "epoch_s": round(per_batch * self.scale + validation, 3),
                "parameters": sum(p.numel() for p in self.model.parameters())}


def model_settings(spec: str) -> tuple[str, dict]:
    """'transformer/decoder_layers=1/feedforward_size=256' -> ("transformer", {...}): a model
    and the TrainConfig fields it changes from its shipped recipe."""
    kind, *changes = spec.split("/")
    return kind, {name: json.loads(value) for name, value in (change.split("=", 1) for change in changes)}


def measure(models, variants, every: int = 8, slice_size: int = 8, splits=None) -> dict:
    """Every (model, variant) pair interleaved in one process, so the figures compare across models
    too: {model: {variant: Runner.report()}}. splits: the recipe's corpus unless given."""
    torch.set_num_threads(1)
    if splits is None:
        splits, _ = load_splits(shipped_settings(model_settings(models[0])[0]))
    runners = {}
    for spec in models:
        kind, changes = model_settings(spec)
        for variant in variants:
            runners[spec, variant] = runner = Runner(kind, variant, splits, every, changes)
            for batch in runner.sample[:2]:  # the first steps allocate: untimed
                runner.step(batch)
    longest = max(len(r.sample) for r in runners.values())
    for _ in range(0, longest, slice_size):
        for runner in runners.values():
            runner.run(slice_size)
    results = {}
    for (spec, variant), runner in runners.items():
        results.setdefault(spec, {})[variant] = report = runner.report()
        print(spec, variant, json.dumps(report), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.epoch_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=[TRANSFORMER_KIND, *MODEL_KINDS],
                        help="shipped models, each with the recipe's fields it changes: e.g. transformer/decoder_layers=1")
    parser.add_argument("--variants", nargs="+", default=["shipped"])
    parser.add_argument("--every", type=int, default=8, help="time every n-th batch of the epoch")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)
    results = measure(args.models, args.variants, args.every)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
