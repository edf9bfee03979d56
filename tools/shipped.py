"""Reproduce the shipped checkpoints: every model, same corpus, same sizes, same budget.

    python -m tools.shipped                      # trains and evaluates all six into checkpoints/
    python -m tools.shipped --models dot general --jobs 1
    python -m tools.shipped --models transformer --jobs 1   # the transformer alone
    python -m tools.shipped --corpus conversational --out /tmp/next   # the wider grammar, for the next retrain

Each model trains in its own process with one CPU thread; `--jobs 2` (the default) runs two
at once, which on a 2-core machine gets more done than one process using both cores (a GRU
step on a batch this small does not scale to two threads). The longest runs start first
(LONGEST_FIRST), so the two workers finish close together. Every model then gets
`core.nmt.evaluate --save` run on the test split, which writes eval.json next to its weights.
Each log in OUT/logs starts with the exact training command, every setting spelled out; each
model's config.json records them too.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.model import TRAINABLE_KINDS, TRANSFORMER_KIND
from core.nmt.config import TrainConfig
from core.train import config_arguments

# The one training recipe every shipped model gets (no model is handicapped to make a point);
# only `model` differs. Every field is written out, so the recipe is read here, not inferred
# from defaults that may change. Batches grouped by target length as well as source length
# and Adam's fused update: an epoch costs 14-17% less CPU (additive, general, transformer;
# tools.epoch_cost, docs/benchmarks.md), and grouping learns as much per epoch (docs/watch_it_learn.md,
# trial M).
SHIPPED_SETTINGS = TrainConfig(
    model="additive", embedding_size=128, hidden_size=256, attention_size=128, dropout=0.1,
    epochs=20, batch_size=64, learning_rate=0.002, lr_patience=1, lr_floor=0.002 / 16, clip_norm=1.0,
    patience=3, pairs=40_000, seed=0, corpus="generated", min_count=1, max_source_tokens=60,
    max_target_tokens=80, validation_sentences=400, unknown_rate=0.03, bucket_by_target=True,
    fused_adam=True, device="cpu")

# The transformer's recipe: the same corpus, seed, batches, epochs and patience; what differs is
# what a transformer is trained with (docs/DESIGN.md, "The transformer"): d 128, a 2-layer
# encoder and a 1-layer decoder of 4 heads (greedy decoding runs the decoder once per word, so
# its depth sets the latency: 1.2x additive's against 1.9x for 2 + 2), feed-forward 512, label
# smoothing 0.1, and a warm-up to the same peak rate over about one epoch (40,000 pairs / 64)
# instead of halving on a plateau. It gets 36 epochs, not 20: after 20 it was still gaining
# (validation BLEU 93.7 -> 95.4 over epochs 15-20) and its 41+ test bucket was at 92.8 BLEU; after
# 36 it is at 96.0 (docs/reproduce.md). An epoch costs it 0.64-0.70 of additive's CPU (tools.epoch_cost),
# so its run costs 1.35-1.5 times additive's 17 epochs: better translations were chosen over
# the shorter run (README, "Self-attention").
TRANSFORMER_SETTINGS = replace(SHIPPED_SETTINGS, model=TRANSFORMER_KIND, hidden_size=128, label_smoothing=0.1,
                               layers=2, decoder_layers=1, heads=4, feedforward_size=512, warmup_steps=600,
                               epochs=36)

# Slowest first: epochs of the last shipped run (transformer 36, general 20, additive 17, encdec and
# uniform 20, dot 16) times an epoch's CPU (tools.epoch_cost: general and additive the dearest GRU
# models, the 2 + 1 transformer 0.64-0.70 of additive's), so the two workers finish close together.
LONGEST_FIRST = (TRANSFORMER_KIND, "general", "additive", "encdec", "uniform", "dot")


def shipped_settings(kind: str, **changes) -> TrainConfig:
    """kind's recipe; changes (corpus, pairs) replace the recipe's own, for every model alike."""
    recipe = TRANSFORMER_SETTINGS if kind == TRANSFORMER_KIND else replace(SHIPPED_SETTINGS, model=kind)
    return replace(recipe, **changes)


def train_command(kind: str, out_dir: Path, **changes) -> list[str]:
    return [sys.executable, "-m", "core.train", "--out", str(out_dir / kind), "--threads", "1",
            *config_arguments(shipped_settings(kind, **changes))]


def train_and_evaluate(kind: str, out_dir: Path, log_dir: Path, changes: dict) -> tuple[str, int, float]:
    start = time.perf_counter()
    environment = {**os.environ, "OMP_NUM_THREADS": "1"}
    command = train_command(kind, out_dir, **changes)
    with open(log_dir / f"{kind}.log", "w", encoding="utf-8") as log:
        log.write("python " + " ".join(command[1:]) + "\n")
        log.flush()
        code = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        if code == 0:
            code = subprocess.call([sys.executable, "-m", "core.evaluate", "--model", str(out_dir / kind), "--save"],
                                   stdout=log, stderr=subprocess.STDOUT, env=environment)
    return kind, code, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.shipped", description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(TRAINABLE_KINDS), choices=TRAINABLE_KINDS,
                        help="default: the five GRU models and the transformer")
    parser.add_argument("--out", type=Path, default=SHIPPED_DIR)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", choices=("generated", "conversational"), default=SHIPPED_SETTINGS.corpus,
                        help="the generated corpus (the shipped checkpoints') or the conversational one, with a "
                             "wider everyday grammar (docs/corpus.md), for every model")
    parser.add_argument("--pairs", type=int, default=SHIPPED_SETTINGS.pairs,
                        help=f"training pairs for every model (default {SHIPPED_SETTINGS.pairs:,})")
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    changes = {"corpus": args.corpus, "pairs": args.pairs}
    args.out.mkdir(parents=True, exist_ok=True)
    log_dir = args.out / "logs"
    log_dir.mkdir(exist_ok=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(train_and_evaluate, kind, args.out, log_dir, changes)
                   for kind in sorted(set(args.models), key=LONGEST_FIRST.index)]
        results = [future.result() for future in futures]
    for kind, code, seconds in results:
        status = "ok" if code == 0 else f"FAILED (exit {code}), see {log_dir / (kind + '.log')}"
        print(f"{kind:>9}: {status} in {seconds / 60:.1f} min")
    print(f"all done in {(time.perf_counter() - start) / 60:.1f} min")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
