"""The benchmark: how fast Dhyan trains, translates, evaluates and starts, on this machine.

    python -m tools.bench                    # everything; a table on stdout, nothing written
    python -m tools.bench --out docs/bench.json   # ... and the results as JSON (the README's figures)
    python -m tools.bench --quick            # under a minute on an idle laptop: fewer repeats
    python -m tools.bench --json --out /tmp/bench.json --models additive dot
    python -m tools.bench --sections latency evaluation

Sections (each can be run alone with --sections):

    training     tokens/s of one training step (forward, backward, clip, Adam) per model kind at
                 the shipped sizes, on real length-bucketed batches of the generated corpus, and
                 as a fraction of what this core's matrix multiply allows (below); beside it the
                 PyTorch seq2seq tutorial's training on pairs of the same corpus, same thread
                 (tools.seq2seq_tutorial), and each model's throughput as a multiple of it
    latency      Translator.translate (tokenise + decode + detokenise) for real test sentences of
                 10, 20 and 40 source tokens, greedy and beam 5, with the shipped checkpoints;
                 greedy also as a multiple of its weight-reading bound (below)
    evaluation   core.nmt.evaluate.translate_pairs over the whole test split (batched greedy)
    app          cold start of the home page (AppTest in a fresh process; a real `streamlit run`
                 in Chromium when it is installed) and each page's rerun time once cached
    class        30 simulated phones follow a class on a real server while the teacher moves
                 through every lesson stop (tools.follow_load, `loadtest --follow 30`): the
                 seconds from the move to each phone receiving the new stop
    memory       peak RSS of a process holding every shipped model; the streamlit server's
                 peak after the home page rendered (when the browser run happened)
    time_to_quality  seconds of one training thread (CPU and wall) until the Training page's default run
                 first reaches validation BLEU ≥ 60 and probe AER ≤ 0.30 (tools.time_to_quality, DAWNBench's
                 time-to-accuracy), with its quality curve; the shipped recipe too with --shipped (about 15 min);
                 skipped with --quick (the run itself takes about 90 s of one core)
    epoch_cost   one epoch of the shipped recipe, additive and the transformer side by side (tools.epoch_cost:
                 CPU seconds of one thread, the two interleaved batch by batch, every 10th batch of the
                 epoch timed; --quick every 50th), and the transformer's as a multiple of additive's
    real_corpus  additive and encdec trained with the default recipe on the shared Tatoeba export
                 (the development machines' copy, or --real-corpus FILE; skipped when absent or
                 with --quick): time to the best epoch and for the whole run, test BLEU and chrF on
                 the English as written, and how often attention looks at a mark or <eos>

The machine's own limits, measured in the same run (section "machine_rates", with the threads
the sections use), so figures can be read as ratios wherever the machine's speed would decide them:

    matmul rate       FLOP/s of a 512 x 512 x 512 float32 matrix multiply (torch.mm), median of
                      repeats: what this core can do at best. The useful FLOP/s of a training
                      step (the multiply-adds of its matrix products over its real, not padding,
                      tokens, 2 FLOPs each, times 3 for forward and backward: training_flops)
                      over this rate is reported as each model's share of the peak.
    a step's own      the matrix products one training step makes (every aten::mm, addmm and
    matrix products   bmm of its forward and backward, recorded with their shapes as they reach
                      torch's dispatcher), timed alone, back to back, on random matrices of those
                      shapes: what this core's matrix multiply can do for this model's step.
                      Training's fraction: that time over the step's own time (the rest is
                      element-wise work, softmax, the optimiser and Python). This is the target's
                      figure: a GRU's (batch x hidden) products cannot approach the 512³ peak,
                      so the peak would measure the model's shapes, not the training loop.
    weight reading    bytes/s of a matrix-vector product (torch.mv) over a matrix the size of
                      one decoder step's weights: a step at batch 1 reads every weight once and
                      does little else, so no decoder can go faster. The greedy bound for a
                      sentence: the bytes encoding it and writing its words read
                      (decoding_bytes), over this rate.

Timing lives here, never in pytest assertions (docs/DESIGN.md, "How we test"). The targets are
printed next to the figures with ✓/✗; nothing fails because a target is missed. A section that
breaks is recorded under "errors" and makes the exit status 1.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Callable, Sequence

from core.files import REPOSITORY_ROOT, read_json
from core.nmt.checkpoint import SHIPPED_DIR, CheckpointError, epoch_from_one, load_checkpoint
from core.nmt.model import ATTENTION_KINDS, MODEL_KINDS, TRANSFORMER_KIND
from core.nmt.probes import SEED_SENTENCE
from tools.stats import percentile

SECTIONS = ("training", "latency", "evaluation", "counterfactual", "app", "class", "memory", "time_to_quality",
            "epoch_cost", "real_corpus")
LATENCY_LENGTHS = (10, 20, 40)
QUALITY_BLEU = 90.0  # the shipped attention models' BLEU target
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SUBPROCESS_TIMEOUT = 600  # seconds; one cold start on a loaded 2-core machine can take a while

# The issue's targets: key -> (label, unit, bound); the value must be ≤ bound, or ≥ for AT_LEAST.
TARGETS = {
    "training_fraction": ("training step: its matrix products alone / the whole step, slowest attention model", "", 0.60),
    "greedy_bound_ratio": ("greedy 20-token latency / its weight-reading bound, slowest model", "×", 2.5),
    "tutorial_ratio": ("training throughput / the PyTorch seq2seq tutorial's, same corpus and thread, slowest "
                       "attention model", "×", 10.0),
    "greedy_20": ("greedy, 20-token source, median", "ms", 5.0),
    "beam5_20": ("beam 5, 20-token source, median", "ms", 30.0),
    "evaluation": ("test split (1,250 sentences) per model, slowest", "s", 10.0),
    "counterfactual": ("counterfactual attention table, every shipped attention model, full test split", "s", 120.0),
    "cold_start": ("cold start to rendered home page", "s", 6.0),
    "page_render": ("page rerun once cached, slowest page", "s", 0.5),
    "class_follow": ("30 phones following the teacher through every lesson stop, p95 until a phone shows the "
                     "new stop", "s", 2.0),
    "memory": ("peak memory, all shipped models loaded", "MB", 700.0),
    "time_to_quality": ("default browser run: thread CPU until validation BLEU ≥ 60 and probe AER ≤ 0.30", "s", 90.0),
    "training_time": ("additive training time to validation BLEU ≥ 90 (history.json)", "s", 900.0),
    "transformer_epoch": ("transformer's epoch CPU / additive's, shipped recipe, side by side", "×", 1.0),
}
AT_LEAST = {"training_fraction", "tutorial_ratio"}
MATMUL_SIZE = 512


# The real-corpus section: the shared Tatoeba export, and the targets on its test split.
REAL_CORPUS = REPOSITORY_ROOT.parent / "shared" / "data" / "tatoeba-hin-eng.tsv"
# additive's test BLEU with the old recipe (whole words, 12 epochs, patience 3), seed 0's split, on the
# English as written (docs/real_corpus.md)
OLD_RECIPE_BLEU = 1.54
REAL_TARGETS = {  # key: (label, unit, bound, "max": the value must be ≤ bound, "min": ≥ bound)
    "real_attention_on_marks": ("additive: English words whose highest weight is a mark or <eos>", "%", 20.0, "max"),
    "real_bleu_doubled": ("additive test BLEU, twice the old recipe's", "BLEU", 2 * OLD_RECIPE_BLEU, "min"),
    "real_bleu_stretch": ("additive test BLEU (stretch)", "BLEU", 10.0, "min"),
    "real_chrf_stretch": ("additive test chrF (stretch)", "chrF", 30.0, "min"),
    "real_minutes": ("whole run with the default recipe, slowest model (the Training page's 10 minutes)", "min",
                     10.0, "max"),
}


# ---------------------------------------------------------------- statistics (pure, tested)


def summarize(values: Sequence[float], digits: int = 4) -> dict:
    """Median with its spread: min, max, the quartiles (IQR) and p95, and the sample count."""
    if not values:
        raise ValueError("summary of no values")
    return {key: round(value, digits) for key, value in (
        ("median", statistics.median(values)), ("min", min(values)), ("max", max(values)),
        ("q1", percentile(values, 25)), ("q3", percentile(values, 75)), ("p95", percentile(values, 95)),
    )} | {"n": len(values)}


def growth_exponent(lengths: Sequence[float], times: Sequence[float]) -> float:
    """k in time ≈ c · length^k, fitted by least squares on log-log axes.

    1 is linear growth, 2 quadratic, below 1 a fixed cost that the per-token cost has not yet
    overtaken. Needs at least two distinct positive lengths and positive times.
    """
    if len(lengths) != len(times) or len(set(lengths)) < 2:
        raise ValueError("need times for at least two different lengths")
    if min(lengths) <= 0 or min(times) <= 0:
        raise ValueError("lengths and times must be positive")
    xs = [math.log(x) for x in lengths]
    ys = [math.log(y) for y in times]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
            / sum((x - mean_x) ** 2 for x in xs))


def grows_at_most_linearly(lengths: Sequence[float], times: Sequence[float], tolerance: float = 0.15) -> bool:
    """True when the fitted exponent is ≤ 1 + tolerance (timing noise gets a little slack)."""
    return growth_exponent(lengths, times) <= 1 + tolerance


def timed(function: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    """Seconds per call of function(), after `warmup` untimed calls."""
    for _ in range(warmup):
        function()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return seconds


# ---------------------------------------------------------------- the machine


def machine_description(default_threads: int) -> dict:
    """CPU model, cores, versions; default_threads is torch's thread count before --threads
    changed it (torch picks the core count unless OMP_NUM_THREADS says otherwise)."""
    import torch
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "torch": torch.__version__, "torch_default_threads": default_threads,
            "torch_threads": torch.get_num_threads(), "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
            "platform": platform.platform(), "load_average": load,
            "date": time.strftime("%Y-%m-%d %H:%M:%S %z")}


# ---------------------------------------------------------------- the machine's limits: arithmetic and weights


def training_flops(config, source_lengths: Sequence[int], target_lengths: Sequence[int]) -> float:
    """FLOPs of one training step's matrix products over its real tokens (padding is work the
    machine does for nothing, so it is not counted as useful): a multiply-add is 2 FLOPs, and
    forward + backward is 3 times forward (the backward multiplies by each weight and each input
    once more). config: a ModelConfig; lengths per sentence, <eos> included (S source tokens,
    T decoder steps)."""
    e, h, a, v = config.embedding_size, config.hidden_size, config.attention_size, config.target_vocab_size
    half = h // 2
    forward = 0.0
    for s, t in zip(source_lengths, target_lengths):
        forward += 2 * s * 2 * 3 * half * (e + half)   # bidirectional GRU: W_ih x_j and W_hh h_j, 3 gates, 2 directions
        forward += 2 * h * h                            # s_0 = tanh(W_0 h_final)
        forward += 2 * t * 3 * h * (e + h)              # decoder GRU
        forward += 2 * t * (2 * h) * h                  # h̃_t = tanh(W_c [c_t; s_t])
        forward += 2 * t * h * v                        # W_o h̃_t
        forward += _context_flops(config.kind, s, t, h, a)
    return 3 * forward


def _context_flops(kind: str, s: int, t: int, h: int, a: int) -> float:
    """The products of c_t for one sentence: scores e_tj, then Σ_j α_tj h_j (2 FLOPs a multiply-add)."""
    weighted_sum = 2 * t * s * h
    return {"encdec": 0.0,
            "uniform": weighted_sum,
            "additive": 2 * s * h * a + 2 * t * h * a + 2 * t * s * a + weighted_sum,   # U h_j, W s_t, vᵀ tanh(...)
            "dot": 2 * t * s * h + weighted_sum,
            "general": 2 * s * h * h + 2 * t * s * h + weighted_sum}[kind]


def decoding_bytes(config, source_length: int, steps: int) -> dict:
    """Bytes of weights (and encoder states) greedy decoding reads for one sentence of
    source_length tokens and `steps` words, float32: the encoder reads W_ih once and W_hh at
    every token; each decoder step reads the GRU, the context's weights and the encoder states
    it attends over, W_c and W_o."""
    e, h, a, v = config.embedding_size, config.hidden_size, config.attention_size, config.target_vocab_size
    half, s = h // 2, source_length
    encoder = 2 * (3 * half * e + s * 3 * half * half + 2 * 3 * half) + h * h + h   # both directions; W_0
    encoder += {"additive": a * h + a, "general": h * h}.get(config.kind, 0)   # keys prepared once
    attended = {"encdec": 0, "uniform": s * h, "additive": a * h + a + s * a + s * h,   # W, v, U h_j, h_j
                "dot": 2 * s * h, "general": 2 * s * h}[config.kind]
    step = 3 * h * (e + h) + 2 * 3 * h + attended + 2 * h * h + h + h * v + v   # GRU, c_t, W_c, W_o (with biases)
    return {"encoder": 4 * encoder, "step": 4 * step, "total": 4 * (encoder + steps * step)}


# The matrix products a training step is measured by: torch's op name -> the torch function that replays it.
MATRIX_PRODUCTS = {"aten::mm": "mm", "aten::addmm": "addmm", "aten::bmm": "bmm"}


def step_matrix_products(step: Callable[[], object]) -> list[tuple[str, tuple]]:
    """(op, input shapes) of every matrix product one call of step() makes, forward and
    backward: aten::mm, aten::addmm and aten::bmm as they reach torch's dispatcher (nn.Linear
    and the GRU's gates go through these), seen by a TorchDispatchMode."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode

    products = []

    class Recorder(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            name = f"aten::{func._schema.name.split('::')[-1]}"
            if name in MATRIX_PRODUCTS and func._overloadname in ("default", "out"):
                products.append((name, tuple(tuple(a.shape) for a in args if isinstance(a, torch.Tensor))))
            return func(*args, **(kwargs or {}))

    with Recorder():
        step()
    return products


def time_matrix_products(products: Sequence[tuple[str, tuple]], repeats: int = 5) -> float:
    """Seconds to run these matrix products alone, back to back, on random float32 inputs of
    their shapes (the median of `repeats` passes, after one untimed pass)."""
    import torch
    generator = torch.Generator().manual_seed(0)
    calls = [(getattr(torch, MATRIX_PRODUCTS[name]), [torch.randn(shape, generator=generator) for shape in shapes])
             for name, shapes in products]

    def run_all():
        for product, inputs in calls:
            product(*inputs)
    return statistics.median(timed(run_all, repeats, warmup=1))


def measure_machine_rates(step_bytes: int = 4 * 1024 * 1024, repeats: int = 30) -> dict:
    """This core's matrix-multiply rate (FLOP/s, MATMUL_SIZE³ float32) and weight-reading rate
    (bytes/s of torch.mv over a matrix of step_bytes), each the median of `repeats` timings."""
    import torch
    generator = torch.Generator().manual_seed(0)
    n = MATMUL_SIZE
    left, right = torch.randn(n, n, generator=generator), torch.randn(n, n, generator=generator)
    matmul = timed(lambda: torch.mm(left, right), repeats, warmup=3)
    rows = max(1, step_bytes // (4 * 256))
    weights, vector = torch.randn(rows, 256, generator=generator), torch.randn(256, generator=generator)
    inner = 20   # one mv is microseconds: time 20 in a row
    reading = [t / inner for t in timed(lambda: [torch.mv(weights, vector) for _ in range(inner)], repeats, warmup=3)]
    return {"matmul_flops_per_second": 2 * n ** 3 / statistics.median(matmul),
            "matmul_gflops": round(2 * n ** 3 / statistics.median(matmul) / 1e9, 2),
            "weight_read_bytes_per_second": rows * 256 * 4 / statistics.median(reading),
            "weight_read_gbytes_per_second": round(rows * 256 * 4 / statistics.median(reading) / 1e9, 2),
            "matmul_size": n, "weight_read_megabytes": round(rows * 256 * 4 / 2 ** 20, 2), "repeats": repeats}


# ---------------------------------------------------------------- data


def generated_splits_small(n_train: int):
    """The generated corpus with a small training split. The test split does not depend on
    n_train (it is filled first from the seeded stream), so it is exactly the shipped models'."""
    from core.language.corpus import generate_corpus
    return generate_corpus(n_train=n_train, seed=0)


def sentences_of_length(pairs, length: int, count: int) -> list:
    """Up to `count` test pairs with exactly `length` source tokens (the first ones, so every
    run of the benchmark uses the same sentences)."""
    return [pair for pair in pairs if len(pair.source_tokens) == length][:count]


def shipped_settings() -> dict:
    from tools.shipped import SHIPPED_SETTINGS as shipped
    return {"hidden_size": shipped.hidden_size, "embedding_size": shipped.embedding_size,
            "batch_size": shipped.batch_size, "attention_size": shipped.attention_size, "dropout": shipped.dropout,
            "learning_rate": shipped.learning_rate, "clip_norm": shipped.clip_norm,
            "bucket_by_target": shipped.bucket_by_target, "fused_adam": shipped.fused_adam}


def load_shipped(kind: str):
    return load_checkpoint(SHIPPED_DIR / kind, name=kind)


# ---------------------------------------------------------------- training throughput


def training_vocabularies(splits):
    """The shipped additive model's vocabularies when it was trained on the generated corpus
    (the output layer's width, and so the step time, depends on them), else ones built from
    every split of the small corpus."""
    from core.language.text import Vocabulary
    config = read_json(SHIPPED_DIR / "additive" / "config.json") or {}
    if (config.get("corpus") or {}).get("corpus") == "generated":
        try:
            loaded = load_shipped("additive")
            return loaded.source_vocab, loaded.target_vocab, "shipped additive checkpoint"
        except CheckpointError:
            pass
    every_pair = [*splits.train, *splits.validation, *splits.test]
    return (Vocabulary.build(p.source_tokens for p in every_pair), Vocabulary.build(p.target_tokens for p in every_pair),
            f"built from {len(every_pair):,} generated pairs")


def bench_training(kinds: Sequence[str], splits, warmup_steps: int, timed_steps: int,
                   rates: dict | None = None, tutorial_pairs: int = 0, bucket_by_target: bool | None = None,
                   adam_options: dict | None = None) -> dict:
    """Training steps exactly as core.nmt.train runs them, at the shipped sizes; with the
    machine's rates, each model's FLOP/s as a fraction of the matmul rate; with tutorial_pairs,
    the PyTorch seq2seq tutorial's training (tools.seq2seq_tutorial) on that many pairs of the
    same corpus, and each model's throughput as a multiple of it. bucket_by_target and
    adam_options (e.g. {"foreach": True} or {"fused": True}) measure other variants of the step
    (TrainConfig.bucket_by_target; torch.optim.Adam's implementations); None: the shipped recipe's."""
    import torch

    from core.nmt.model import ModelConfig, Seq2Seq, cross_entropy, init_weights
    from core.language.text import PAD_ID
    from core.nmt.batches import collate, length_bucketed_batches
    from core.nmt.data import encode_pair

    settings = shipped_settings()
    bucket_by_target = settings["bucket_by_target"] if bucket_by_target is None else bucket_by_target
    adam_options = ({"fused": True} if settings["fused_adam"] else {}) if adam_options is None else adam_options
    pairs = splits.train
    source_vocab, target_vocab, vocabulary_origin = training_vocabularies(splits)
    examples = [encode_pair(p, source_vocab, target_vocab) for p in pairs]
    lengths = [len(s) * 1000 + len(t) if bucket_by_target else len(s) for s, t in examples]
    batches = length_bucketed_batches(lengths, settings["batch_size"], seed=0)
    batches = [b for b in batches if len(b) == settings["batch_size"]][:warmup_steps + timed_steps]
    device = torch.device("cpu")
    collated = [collate([examples[i] for i in batch], device) for batch in batches]
    results = {}
    for kind in kinds:
        torch.manual_seed(0)
        config = ModelConfig(kind, len(source_vocab), len(target_vocab), settings["embedding_size"],
                             settings["hidden_size"], settings["attention_size"], settings["dropout"])
        model = Seq2Seq(config)
        init_weights(model, 0)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=settings["learning_rate"], **(adam_options or {}))
        step_seconds, step_tokens, step_flops = [], [], []

        def train_step(batch) -> None:
            source, lengths, previous, target = batch
            loss = cross_entropy(model(source, lengths, previous).logits, target)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), settings["clip_norm"])
            optimizer.step()
            loss.item()  # the loop reads the loss every step too

        for number, (source, lengths, previous, target) in enumerate(collated):
            start = time.perf_counter()
            train_step((source, lengths, previous, target))
            seconds = time.perf_counter() - start
            if number >= warmup_steps:
                step_seconds.append(seconds)
                step_tokens.append(int((target != PAD_ID).sum()))
                step_flops.append(training_flops(config, lengths.tolist(), (target != PAD_ID).sum(1).tolist()))
        # the same steps' matrix products alone: one more step per batch, profiled (not timed)
        product_seconds = [time_matrix_products(step_matrix_products(lambda batch=batch: train_step(batch)))
                           for batch in collated[warmup_steps:]]
        token_rates = [tokens / seconds for tokens, seconds in zip(step_tokens, step_seconds)]
        results[kind] = {
            "tokens_per_second": summarize(token_rates, 1),
            "overall_tokens_per_second": round(sum(step_tokens) / sum(step_seconds), 1),
            "step_ms": summarize([1000 * s for s in step_seconds], 2),
            "target_tokens_per_step": round(statistics.fmean(step_tokens), 1),
            "padding_share": round(1 - sum(step_tokens) / sum(int(target.numel()) for *_, target in
                                                                collated[warmup_steps:]), 3),
            "flops_per_target_token": round(sum(step_flops) / sum(step_tokens)),
            "parameters": model.parameter_count(),
            # the target's figure: the steps' own matrix products alone over the steps
            "matrix_product_ms": summarize([1000 * s for s in product_seconds], 2),
            # medians: one step disturbed by another job (this machine is shared) moves no figure
            "step_fraction": round(statistics.median(product_seconds) / statistics.median(step_seconds), 3),
            "tokens_per_second_at_matrix_product_time": round(
                statistics.median(step_tokens) / statistics.median(product_seconds), 1),
        }
        if rates:
            achieved = sum(step_flops) / sum(step_seconds)
            results[kind]["gflops"] = round(achieved / 1e9, 2)
            results[kind]["matmul_fraction"] = round(achieved / rates["matmul_flops_per_second"], 3)
            # the tokens/s a step would reach at the full matmul rate
            results[kind]["possible_tokens_per_second"] = round(
                rates["matmul_flops_per_second"] * sum(step_tokens) / sum(step_flops), 1)
    tutorial = None
    if tutorial_pairs:   # the tutorial draws its pairs at random (random.choice): a seeded sample
        import random

        from tools.seq2seq_tutorial import tutorial_throughput
        sample = random.Random(0).sample(examples, min(tutorial_pairs, len(examples)))
        tutorial = tutorial_throughput(sample, len(source_vocab), len(target_vocab))
        tutorial["ratio"] = {kind: round(row["overall_tokens_per_second"] / tutorial["tokens_per_second"], 1)
                             for kind, row in results.items()}
    shipped_seconds = {}
    for kind in MODEL_KINDS:
        config = read_json(SHIPPED_DIR / kind / "config.json") or {}
        if config.get("training_seconds") is not None:
            history = read_json(SHIPPED_DIR / kind / "history.json") or {}
            epochs = history.get("epochs") or []
            good = [e for e in epochs if e.get("validation_bleu", 0) >= QUALITY_BLEU and "training_seconds" in e]
            shipped_seconds[kind] = {"training_seconds": config["training_seconds"],
                                     "corpus": (config.get("corpus") or {}).get("corpus"),
                                     "best_epoch": None if config.get("best_epoch") is None
                                     else epoch_from_one(config["best_epoch"], config),
                                     # the quality target (BLEU ≥ 90) as the trainer saw it, epoch by epoch
                                     "seconds_to_quality": good[0]["training_seconds"] if good else None,
                                     "epoch_of_quality": epoch_from_one(good[0]["epoch"], history) if good else None}
    return {"settings": {**settings, "source_vocab": len(source_vocab), "target_vocab": len(target_vocab),
                         "vocabulary": vocabulary_origin,
                         "training_pairs": len(pairs), "warmup_steps": warmup_steps, "timed_steps": timed_steps,
                         "bucket_by_target": bucket_by_target, "adam_options": adam_options or {}},
            "models": results, "shipped_training_seconds": shipped_seconds, "tutorial": tutorial}


# ---------------------------------------------------------------- translation latency


def bench_latency(kinds: Sequence[str], test_pairs, repeats: int, beam_repeats: int,
                  sentences_per_length: int, rates: dict | None = None) -> dict:
    from core.language.text import detokenize_hindi
    from core.nmt.translate import Translator

    chosen = {length: sentences_of_length(test_pairs, length, sentences_per_length) for length in LATENCY_LENGTHS}
    missing = [length for length, pairs in chosen.items() if not pairs]
    if missing:
        raise RuntimeError(f"the test split has no sentence of {missing} source tokens")
    texts = {length: [detokenize_hindi(pair.source_tokens) for pair in pairs] for length, pairs in chosen.items()}
    results = {}
    for kind in kinds:
        translator = Translator(load_shipped(kind))
        translator.translate(SEED_SENTENCE)  # first call pays for lazy initialisation
        model_result = {"corpus": (translator.loaded.metadata.get("corpus") or {}).get("corpus")}
        for method, beam_size, count in (("greedy", 1, repeats), ("beam5", 5, beam_repeats)):
            rows = {}
            for length in LATENCY_LENGTHS:
                seconds, output_lengths = [], []
                for _ in range(count):
                    for text in texts[length]:
                        start = time.perf_counter()
                        translation = translator.translate(text, beam_size=beam_size)
                        seconds.append(time.perf_counter() - start)
                        output_lengths.append(len(translation.decoded.token_ids))
                summary = summarize([1000 * s for s in seconds], 3)
                rows[str(length)] = {"ms": summary,
                                     "ms_per_source_token": round(summary["median"] / length, 4),
                                     "output_tokens": round(statistics.fmean(output_lengths), 1),
                                     "ms_per_output_token": round(summary["median"] / statistics.fmean(output_lengths), 4),
                                     "sentences": len(texts[length])}
                if rates and method == "greedy":   # source: the words and <eos>; steps: the words written
                    read = statistics.fmean(decoding_bytes(translator.model.config, length + 1, steps)["total"]
                                            for steps in output_lengths)
                    bound_ms = 1000 * read / rates["weight_read_bytes_per_second"]
                    rows[str(length)]["bound_ms"] = round(bound_ms, 3)
                    rows[str(length)]["bound_ratio"] = round(summary["median"] / bound_ms, 2)
            medians = [rows[str(length)]["ms"]["median"] for length in LATENCY_LENGTHS]
            exponent = growth_exponent(LATENCY_LENGTHS, medians)
            model_result[method] = {"lengths": rows, "growth_exponent": round(exponent, 3),
                                    "at_most_linear": exponent <= 1.15}
        results[kind] = model_result
    return {"models": results, "sentences_per_length": sentences_per_length,
            "repeats": {"greedy": repeats, "beam5": beam_repeats}}


# ---------------------------------------------------------------- evaluation throughput


def bench_evaluation(kinds: Sequence[str], test_pairs, repeats: int) -> dict:
    from core.nmt.evaluate import translate_pairs

    results = {}
    for kind in kinds:
        loaded = load_shipped(kind)
        translate_pairs(loaded, test_pairs[:20])  # warm-up: allocator and first-call costs
        seconds = timed(lambda: translate_pairs(loaded, test_pairs), repeats, warmup=0)
        summary = summarize(seconds, 3)
        results[kind] = {"seconds": summary, "sentences_per_second": round(len(test_pairs) / summary["median"], 1)}
    return {"models": results, "sentences": len(test_pairs), "batch_size": 250, "repeats": repeats}


# ---------------------------------------------------------------- counterfactual attention


def bench_counterfactual(kinds: Sequence[str], jobs: int = 2) -> dict:
    """`python -m core.evaluate --model M ... --counterfactual` for every shipped model with attention
    rows, each on its own full test split: every counterfactual but from:MODEL, free running, step
    and forced (core.nmt.counterfactual_eval.measure), `jobs` models at a time, each in its own
    process on one thread. Each model's CPU seconds and the load average beside the wall clock: on
    a shared machine the wall clock says as much about the other jobs."""
    from core.nmt.counterfactual import KINDS
    from core.nmt.counterfactual_eval import ATTENTION_ROW_KINDS, measure_models

    names = [str(SHIPPED_DIR / kind) for kind in kinds if kind in ATTENTION_ROW_KINDS]
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    measured = measure_models(names, [kind for kind in KINDS], jobs=jobs)
    models = {}
    for row in measured:
        if "error" in row:
            raise RuntimeError(f"{row['model']}: {row['error']}")
        models[Path(row["model"]).name] = {"seconds": row["seconds"], "cpu_seconds": row["cpu_seconds"],
                                           "sentences": row["result"]["sentences"],
                                           "load_average_1min": row["load_average_1min"]}
    return {"models": models, "counterfactuals": list(KINDS), "total_seconds": round(time.perf_counter() - start, 2),
            "total_cpu_seconds": round(sum(row["cpu_seconds"] for row in models.values()), 2),
            "threads": 1, "processes": min(jobs, len(names)), "load_average_1min_before": round(load_before, 2)}


# ---------------------------------------------------------------- a real corpus


def bench_time_to_quality(runs: Sequence, every_steps: int = 50) -> dict:
    """tools.time_to_quality.measure for each run (a tools.time_to_quality.Run) on this thread:
    its quality curve and the first point at which each level was reached."""
    from tools.time_to_quality import measure
    return {"runs": [measure(run, every_steps) for run in runs], "every_steps": every_steps}


def bench_epoch_cost(every: int) -> dict:
    """One epoch of the shipped recipe, additive and the transformer interleaved in this process
    (tools.epoch_cost): the transformer's training cost beside the RNN models', on the same batches."""
    from tools.epoch_cost import measure
    measured = measure(("additive", TRANSFORMER_KIND), ("shipped",), every=every)
    models = {kind: rows["shipped"] for kind, rows in measured.items()}
    return {"models": models, "every": every,
            "transformer_over_additive": round(models[TRANSFORMER_KIND]["epoch_s"] / models["additive"]["epoch_s"], 3)}


def bench_real_corpus(path: Path, kinds: Sequence[str], scratch: Path) -> dict:
    """Each kind trained from scratch with the default recipe (every automatic setting chosen
    from the corpus's size, one thread as set by the caller) and evaluated on the test split it
    recorded: the Training page's run, measured."""
    from core.nmt.evaluate import evaluate
    from core.nmt.held_out import held_out_split_for
    from core.nmt.config import AUTOMATIC, TrainConfig
    from core.nmt.train import train
    models = {}
    for kind in kinds:
        out = scratch / f"real-{kind}"
        start = time.perf_counter()
        train(TrainConfig(model=kind, corpus=str(path), device="cpu"), out)
        wall = time.perf_counter() - start
        loaded = load_checkpoint(out, name=kind)
        result = evaluate(loaded, held_out_split_for(loaded))
        training = loaded.metadata["training"]
        epochs = loaded.history().get("epochs") or []
        models[kind] = {
            "bleu": round(result["bleu"], 2), "chrf": round(result["chrf"], 2),
            "attention_on_marks": result["attention_on_marks"],
            "attention_on_marks_greedy": result["attention_on_marks_greedy"], "test_sentences": result["test_sentences"],
            "wall_s": round(wall, 1), "seconds_to_best": loaded.metadata.get("training_seconds"),
            "best_epoch": loaded.best_epoch, "epochs_run": len(epochs),
            "settings": {name: training[name] for name in ("embedding_size", "hidden_size", "dropout", "epochs",
                                                           "patience", *AUTOMATIC)}}
    return {"corpus": str(path), "models": models, "bleu_signature": result["bleu_signature"]}


# ---------------------------------------------------------------- subprocesses: app and memory


def child_environment(threads: int, data_dir: Path) -> dict:
    """The app processes get their torch threads from OMP_NUM_THREADS (set before torch is
    imported, so the cold start still pays for the import) and a scratch data folder."""
    return {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads),
            "DHYAN_BENCH_THREADS": str(threads), "DHYAN_DATA_DIR": str(data_dir),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPOSITORY_ROOT), os.environ.get("PYTHONPATH")]))}


def run_child(code: str, threads: int, data_dir: Path) -> tuple[dict, float]:
    """Run `code` in a fresh Python; it prints one JSON line last. Returns (that dict, wall seconds)."""
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPOSITORY_ROOT,
                               env=child_environment(threads, data_dir), capture_output=True, text=True,
                               timeout=SUBPROCESS_TIMEOUT)
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed ({completed.returncode}): {completed.stderr[-1500:]}")
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"benchmark subprocess printed no result: {completed.stdout[-500:]} {completed.stderr[-1000:]}")
    return json.loads(lines[-1]), wall


_APPTEST_COLD = """
import json, time
start = time.perf_counter()
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
at = AppTest.from_file("streamlit_app.py", default_timeout=600)
at.run()
done = time.perf_counter()
if at.exception:
    raise SystemExit("home page raised: " + str(at.exception[0].value))
tables = list(at.dataframe) + list(at.table)   # the translations: a dataframe once, an HTML table now
if not tables or not at.get("vega_lite_chart"):
    raise SystemExit("the home page rendered no translation table or heatmap")
print(json.dumps({"import_streamlit_s": imported - start, "first_run_s": done - imported,
                  "in_process_s": done - start, "models": len(tables[0].value)}))
"""

_APPTEST_PAGES = """
import json, os, time
import torch
torch.set_num_threads(int(os.environ["DHYAN_BENCH_THREADS"]))
from streamlit.testing.v1 import AppTest
from app.page import PAGES
repeats = int(os.environ["DHYAN_BENCH_REPEATS"])
result = {}
for path, _, _ in PAGES:  # each page as the app opens it: streamlit_app.py's st.navigation
    at = AppTest.from_file("streamlit_app.py", default_timeout=600)
    at.switch_page(path)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(path + " raised: " + str(at.exception[0].value))
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - start)
    result[path] = {"first_run_s": first, "seconds": seconds}
print(json.dumps(result))
"""

_MEMORY = """
import json, os, resource, time
start = time.perf_counter()
import torch
torch.set_num_threads(int(os.environ["DHYAN_BENCH_THREADS"]))
from app import model_registry, widgets  # the app's own imports (streamlit, altair, pandas, core)
from core.nmt.probes import SEED_SENTENCE
from core.nmt.checkpoint import load_checkpoint, shipped_model_names, SHIPPED_DIR
from core.nmt.translate import Translator
translators = {}
for name in shipped_model_names():
    translators[name] = Translator(load_checkpoint(SHIPPED_DIR / name, name=name))
    translators[name].translate(SEED_SENTENCE)
    translators[name].translate(SEED_SENTENCE, beam_size=5)
status = open("/proc/self/status").read() if os.path.exists("/proc/self/status") else ""
hwm = [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")]
rss = [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")]
print(json.dumps({"models": sorted(translators), "vmhwm_kb": hwm[0] if hwm else None,
                  "vmrss_kb": rss[0] if rss else None,
                  "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "seconds": time.perf_counter() - start}))
"""


def bench_app_cold_start(repeats: int, threads: int, data_dir: Path) -> dict:
    runs = []
    for _ in range(repeats):
        child, wall = run_child(_APPTEST_COLD, threads, data_dir)
        runs.append({**child, "process_wall_s": wall})
    return {"process_wall_s": summarize([r["process_wall_s"] for r in runs], 3),
            "first_run_s": summarize([r["first_run_s"] for r in runs], 3),
            "import_streamlit_s": summarize([r["import_streamlit_s"] for r in runs], 3),
            "models_in_table": runs[0]["models"], "repeats": repeats}


def bench_pages(repeats: int, threads: int, data_dir: Path) -> dict:
    env_code = f"import os; os.environ['DHYAN_BENCH_REPEATS'] = '{repeats}'\n"
    child, _ = run_child(env_code + textwrap.dedent(_APPTEST_PAGES), threads, data_dir)
    return {path: {"seconds": summarize(row["seconds"], 4), "first_run_s": round(row["first_run_s"], 3)}
            for path, row in child.items()}


def bench_memory(threads: int, data_dir: Path) -> dict:
    child, _ = run_child(_MEMORY, threads, data_dir)
    peak_kb = child["vmhwm_kb"] or child["ru_maxrss_kb"]
    return {"peak_rss_mb": round(peak_kb / 1024, 1), "rss_after_mb": round((child["vmrss_kb"] or 0) / 1024, 1),
            "models": child["models"], "source": "VmHWM" if child["vmhwm_kb"] else "ru_maxrss"}


def browser_available() -> str | None:
    """None when a browser cold start can run, else the reason it cannot."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def _vmhwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def browser_cold_start(threads: int, data_dir: Path) -> dict:
    """From launching `streamlit run` to the home page's table and heatmap visible in Chromium.

    Chromium is started first and not counted: the clock measures the app, not the browser.
    """
    from playwright.sync_api import sync_playwright

    from tools.servers import LocalServer

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            server = LocalServer(data_dir, SUBPROCESS_TIMEOUT, extra_env=child_environment(threads, data_dir))
            try:
                timeout_ms = SUBPROCESS_TIMEOUT * 1000
                page.goto(server.url + "/", wait_until="commit", timeout=timeout_ms)
                page.locator('[data-testid="stDataFrame"], [data-testid="stTable"]').first.wait_for(
                    state="visible", timeout=timeout_ms)
                page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible", timeout=timeout_ms)
                rendered = time.perf_counter() - server.started
                return {"rendered_s": rendered, "healthy_s": server.healthy_seconds,
                        "server_vmhwm_mb": _vmhwm_mb(server.process.pid)}
            finally:
                server.close()
        finally:
            browser.close()


def bench_browser(repeats: int, threads: int, data_dir: Path) -> dict:
    runs = [browser_cold_start(threads, data_dir) for _ in range(repeats)]
    memory = [r["server_vmhwm_mb"] for r in runs if r["server_vmhwm_mb"] is not None]
    return {"rendered_s": summarize([r["rendered_s"] for r in runs], 3),
            "healthy_s": summarize([r["healthy_s"] for r in runs], 3),
            "server_vmhwm_mb": max(memory) if memory else None, "repeats": repeats}


# ---------------------------------------------------------------- the whole run


def plan(quick: bool) -> dict:
    """Repetition counts: --quick trades precision for a run of under a minute."""
    if quick:
        return {"training_kinds": ("additive", "encdec"), "warmup_steps": 2, "timed_steps": 5, "training_pairs": 1000,
                "tutorial_pairs": 30,
                "latency_kinds": ("additive",), "latency_repeats": 3, "beam_repeats": 1, "sentences_per_length": 3,
                "evaluation_kinds": ("additive",), "evaluation_repeats": 1,
                "cold_start_repeats": 1, "page_repeats": 2, "browser": False}
    return {"training_kinds": MODEL_KINDS, "warmup_steps": 3, "timed_steps": 20, "training_pairs": 4000,
            "tutorial_pairs": 200,
            "latency_kinds": MODEL_KINDS, "latency_repeats": 10, "beam_repeats": 3, "sentences_per_length": 5,
            "evaluation_kinds": MODEL_KINDS, "evaluation_repeats": 3,
            "cold_start_repeats": 3, "page_repeats": 5, "browser": True}


def run_benchmark(sections: Sequence[str], quick: bool, models: Sequence[str] | None, threads: int,
                  progress: Callable[[str], None] = lambda message: None, real_corpus: Path = REAL_CORPUS,
                  shipped_recipe: bool = False) -> dict:
    import torch
    default_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    settings = plan(quick)
    if models:  # --models narrows every per-model section to these kinds
        for key in ("training_kinds", "latency_kinds", "evaluation_kinds"):
            settings[key] = tuple(models)
    results: dict = {"machine": machine_description(default_threads), "settings": {
        "quick": quick, "threads": threads, "sections": list(sections),
        **{k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}}, "errors": {}}
    splits = None

    def corpus():
        nonlocal splits
        if splits is None:
            progress("generating the corpus")
            splits = generated_splits_small(settings["training_pairs"])
        return splits

    def attempt(section: str, function: Callable[[], dict]) -> None:
        progress(section)
        start = time.perf_counter()
        try:
            results[section] = function()
        except Exception as error:  # noqa: BLE001 - one broken section must not hide the others
            results["errors"][section] = f"{type(error).__name__}: {error}"
            progress(f"{section} failed: {error}")
        else:
            results[section]["section_seconds"] = round(time.perf_counter() - start, 2)

    shipped = [kind for kind in MODEL_KINDS if (SHIPPED_DIR / kind / "model.pt").is_file()]
    rates = None
    if "training" in sections or "latency" in sections:
        attempt("machine_rates", lambda: measure_machine_rates(_step_bytes(shipped)))
        rates = results.get("machine_rates")
    with tempfile.TemporaryDirectory(prefix="dhyan-bench-") as scratch:
        data_dir = Path(scratch)
        if "training" in sections:
            attempt("training", lambda: bench_training(settings["training_kinds"], corpus(),
                                                       settings["warmup_steps"], settings["timed_steps"], rates,
                                                       settings["tutorial_pairs"]))
        if "latency" in sections:
            attempt("latency", lambda: bench_latency([k for k in settings["latency_kinds"] if k in shipped],
                                                     corpus().test, settings["latency_repeats"],
                                                     settings["beam_repeats"], settings["sentences_per_length"],
                                                     rates))
        if "evaluation" in sections:
            attempt("evaluation", lambda: bench_evaluation([k for k in settings["evaluation_kinds"] if k in shipped],
                                                           corpus().test, settings["evaluation_repeats"]))
        if "counterfactual" in sections:
            attempt("counterfactual", lambda: bench_counterfactual(shipped))
        if "app" in sections:
            def app() -> dict:
                result = {"cold_start_apptest": bench_app_cold_start(settings["cold_start_repeats"], threads, data_dir),
                          "pages": bench_pages(settings["page_repeats"], threads, data_dir)}
                reason = None if settings["browser"] else "skipped with --quick"
                reason = reason or browser_available()
                if reason:
                    result["cold_start_browser"] = {"skipped": reason}
                else:
                    result["cold_start_browser"] = bench_browser(settings["cold_start_repeats"], threads, data_dir)
                return result
            attempt("app", app)
        if "class" in sections:
            def follow() -> dict:
                from app.lesson_stops import STOPS
                from tools.follow_load import run_follow_test
                phones = 10 if quick else 30
                report = run_follow_test(phones=phones, moves=len(STOPS) - 1)
                return {"phones": phones, "moves": report.moves, "followed": report.followed,
                        "latency_median_s": report.latency_median_seconds, "latency_p95_s": report.latency_p95_seconds,
                        "latency_max_s": report.latency_max_seconds, "problems": report.problems,
                        "load_average": os.getloadavg()[0]}
            attempt("class", follow)
        if "memory" in sections:
            attempt("memory", lambda: bench_memory(threads, data_dir))
        if "time_to_quality" in sections:
            if quick:
                results["time_to_quality"] = {"skipped": "skipped with --quick (the run takes about 90 s of one core)"}
            else:
                def time_to_quality() -> dict:
                    from tools.time_to_quality import browser_run, shipped_run
                    return bench_time_to_quality([browser_run()] + ([shipped_run()] if shipped_recipe else []))
                attempt("time_to_quality", time_to_quality)
        if "epoch_cost" in sections:
            attempt("epoch_cost", lambda: bench_epoch_cost(every=50 if quick else 10))
        if "real_corpus" in sections:
            if quick:
                results["real_corpus"] = {"skipped": "skipped with --quick (it trains two models, minutes each)"}
            elif not Path(real_corpus).is_file():
                results["real_corpus"] = {"skipped": f"no corpus file at {real_corpus}"}
            else:
                attempt("real_corpus", lambda: bench_real_corpus(Path(real_corpus), ("additive", "encdec"), data_dir))
    if "memory" in results and "app" in results:
        results["memory"]["server_vmhwm_mb"] = results["app"]["cold_start_browser"].get("server_vmhwm_mb")
    results["targets"] = target_checks(results)
    return results


def _step_bytes(shipped: Sequence[str]) -> int:
    """One greedy step's reading of the shipped additive model (20 source words), or 4 MiB: the
    weight-reading rate is measured over a matrix of this size, so from the same cache level."""
    if "additive" in shipped:
        try:
            return decoding_bytes(load_shipped("additive").model.config, 21, 1)["step"]
        except CheckpointError:
            pass
    return 4 * 1024 * 1024


def target_checks(results: dict) -> list[dict]:
    """The issue's targets beside the measured figures (reported, never asserted)."""
    checks = []

    def add(key: str, value: float | None, note: str = "") -> None:
        label, unit, bound = TARGETS[key]
        met = None if value is None else (value >= bound if key in AT_LEAST else value <= bound)
        checks.append({"target": key, "label": label, "value": None if value is None else round(value, 3),
                       "unit": unit, "bound": bound, "at_least": key in AT_LEAST, "met": met, "note": note})

    training = results.get("training", {}).get("models", {})
    fractions = {kind: row["step_fraction"] for kind, row in training.items()
                 if "step_fraction" in row and kind in ATTENTION_KINDS}
    if fractions:
        worst = min(fractions, key=fractions.get)
        add("training_fraction", fractions[worst],
            f"{worst}: {training[worst]['overall_tokens_per_second']:,.0f} target tokens/s of a possible "
            f"{training[worst]['tokens_per_second_at_matrix_product_time']:,.0f} were the step only its matrix "
            f"products; {100 * training[worst]['padding_share']:.0f}% of decoder positions are padding")
    tutorial = results.get("training", {}).get("tutorial")
    ratios = {kind: ratio for kind, ratio in (tutorial or {}).get("ratio", {}).items() if kind in ATTENTION_KINDS}
    if ratios:
        worst = min(ratios, key=ratios.get)
        add("tutorial_ratio", ratios[worst], f"{worst}: {training[worst]['overall_tokens_per_second']:,.0f} target "
                                             f"tokens/s against the tutorial's {tutorial['tokens_per_second']:,.0f} "
                                             f"({tutorial['pairs']} pairs one at a time, hidden {tutorial['hidden_size']})")
    latency = results.get("latency", {}).get("models", {})
    ratios = {kind: row["greedy"]["lengths"]["20"]["bound_ratio"] for kind, row in latency.items()
              if "bound_ratio" in row["greedy"]["lengths"].get("20", {})}
    if ratios:
        worst = max(ratios, key=ratios.get)
        cell = latency[worst]["greedy"]["lengths"]["20"]
        add("greedy_bound_ratio", ratios[worst], f"{worst}: {cell['ms']['median']:.2f} ms where reading the "
                                                 f"weights takes {cell['bound_ms']:.2f} ms")
    if latency:
        greedy = {kind: row["greedy"]["lengths"]["20"]["ms"]["median"] for kind, row in latency.items()}
        beam = {kind: row["beam5"]["lengths"]["20"]["ms"]["median"] for kind, row in latency.items()}
        worst = max(greedy, key=greedy.get)
        add("greedy_20", greedy[worst], f"slowest model: {worst}")
        worst = max(beam, key=beam.get)
        add("beam5_20", beam[worst], f"slowest model: {worst}")
        exponents = {f"{kind} {method}": row[method]["growth_exponent"]
                     for kind, row in latency.items() for method in ("greedy", "beam5")}
        worst = max(exponents, key=exponents.get)
        checks.append({"target": "linear_growth", "label": "latency growth with source length (exponent k)",
                       "value": exponents[worst], "unit": "", "bound": 1.15,
                       "met": exponents[worst] <= 1.15, "note": f"worst: {worst}; time ≈ c·length^k, 1 = linear"})
    evaluation = results.get("evaluation", {}).get("models", {})
    if evaluation:
        seconds = {kind: row["seconds"]["median"] for kind, row in evaluation.items()}
        worst = max(seconds, key=seconds.get)
        add("evaluation", seconds[worst], f"slowest model: {worst}")
    counterfactual = results.get("counterfactual")
    if counterfactual and counterfactual.get("models"):
        add("counterfactual", counterfactual["total_seconds"],
            ", ".join(f"{kind} {row['seconds']:.0f} s" for kind, row in counterfactual["models"].items()))
    app = results.get("app")
    if app:
        browser = app.get("cold_start_browser", {})
        if "rendered_s" in browser:
            add("cold_start", browser["rendered_s"]["median"], "streamlit run → table and heatmap visible in Chromium")
        else:
            add("cold_start", app["cold_start_apptest"]["process_wall_s"]["median"],
                "AppTest in a fresh process (no browser run: " + browser.get("skipped", "?") + ")")
        pages = {path: row["seconds"]["median"] for path, row in app["pages"].items()}
        worst = max(pages, key=pages.get)
        add("page_render", pages[worst], f"slowest page: {worst}")
    follow = results.get("class")
    if follow and follow.get("followed"):
        add("class_follow", follow["latency_p95_s"], f"{follow['phones']} phones, {follow['moves']} moves; "
                                                     f"{follow['followed']} of {follow['phones'] * follow['moves']} "
                                                     f"followed in time")
    memory = results.get("memory")
    if memory:
        add("memory", memory["peak_rss_mb"], f"{len(memory['models'])} models in one process")
    shipped_seconds = results.get("training", {}).get("shipped_training_seconds", {})
    if "additive" in shipped_seconds:
        row = shipped_seconds["additive"]
        if row.get("seconds_to_quality") is not None:
            add("training_time", float(row["seconds_to_quality"]),
                f"epoch {row['epoch_of_quality']}; best epoch after {float(row['training_seconds']):,.0f} s")
    runs = results.get("time_to_quality", {}).get("runs") or []
    if runs:
        both = runs[0]["first_reach"]["both"]
        add("time_to_quality", None if both is None else both["cpu_seconds"],
            f"{runs[0]['name']}: " + ("never within its " if both is None else
                                      f"epoch {both['epoch']}, step {both['step']}, {both['wall_seconds']:.0f} s wall; ")
            + f"{runs[0]['total']['cpu_seconds']:.0f} s thread CPU for the whole run")
    epoch = results.get("epoch_cost", {})
    if epoch.get("transformer_over_additive") is not None:
        add("transformer_epoch", epoch["transformer_over_additive"],
            f"{epoch['models']['additive']['epoch_s']:.0f} s against "
            f"{epoch['models'][TRANSFORMER_KIND]['epoch_s']:.0f} s of one thread's CPU per epoch")
    checks += real_corpus_checks(results.get("real_corpus", {}).get("models", {}))
    return checks


def real_corpus_checks(models: dict) -> list[dict]:
    """The issue's real-corpus targets beside the figures (additive against encdec, and the
    bounds of REAL_TARGETS)."""
    if "additive" not in models:
        return []
    additive = models["additive"]
    values = {"real_attention_on_marks": None if additive["attention_on_marks"] is None
              else 100 * additive["attention_on_marks"],
              "real_bleu_doubled": additive["bleu"], "real_bleu_stretch": additive["bleu"],
              "real_chrf_stretch": additive["chrf"],
              "real_minutes": max(row["wall_s"] for row in models.values()) / 60}
    checks = []
    for key, value in values.items():
        label, unit, bound, side = REAL_TARGETS[key]
        met = None if value is None else (value <= bound if side == "max" else value >= bound)
        checks.append({"target": key, "label": label, "value": None if value is None else round(value, 3),
                       "unit": unit, "bound": bound, "at_least": side == "min", "met": met, "note": ""})
    if "encdec" in models:
        encdec = models["encdec"]
        beats = additive["bleu"] > encdec["bleu"] and additive["chrf"] > encdec["chrf"]
        checks.append({"target": "real_additive_beats_encdec", "label": "additive beats encdec in BLEU and chrF",
                       "value": None, "unit": "", "bound": None, "met": beats,
                       "note": f"BLEU {additive['bleu']:.1f} vs {encdec['bleu']:.1f}, "
                               f"chrF {additive['chrf']:.1f} vs {encdec['chrf']:.1f}"})
    return checks


# ---------------------------------------------------------------- the printed report


def _spread(summary: dict, scale: float = 1.0, digits: int = 1) -> str:
    return (f"{summary['median'] * scale:,.{digits}f} "
            f"({summary['min'] * scale:,.{digits}f}–{summary['max'] * scale:,.{digits}f})")


def format_report(results: dict) -> str:
    machine = results["machine"]
    settings = results["settings"]
    lines = [f"Dhyan benchmark — {machine['date']}",
             f"machine: {machine['cpu']}, {machine['cores']} cores, load average {machine['load_average']}",
             f"python {machine['python']}, torch {machine['torch']}, torch threads used: {settings['threads']} "
             f"(torch's default here: {machine['torch_default_threads']}"
             + (f", OMP_NUM_THREADS={machine['omp_num_threads']}" if machine["omp_num_threads"] else "") + ")",
             f"mode: {'quick' if settings['quick'] else 'full'}; figures are median (min–max) unless noted", ""]
    rates = results.get("machine_rates")
    if rates:
        lines += [f"MACHINE — matrix multiply ({rates['matmul_size']}³ float32): {rates['matmul_gflops']:,.1f} GFLOP/s; "
                  f"reading weights (torch.mv over {rates['weight_read_megabytes']:.1f} MB): "
                  f"{rates['weight_read_gbytes_per_second']:,.1f} GB/s", ""]
    training = results.get("training")
    if training:
        s = training["settings"]
        lines += [f"TRAINING THROUGHPUT — hidden {s['hidden_size']}, emb {s['embedding_size']}, batch {s['batch_size']}, "
                  f"attention {s['attention_size']}, vocab {s['source_vocab']}/{s['target_vocab']} ({s.get('vocabulary', '?')}); "
                  f"{s['warmup_steps']} warm-up + {s['timed_steps']} timed steps (forward, backward, clip, Adam)",
                  f"{'model':>9} {'target tokens/s':>26} {'ms/step':>24} {'tokens/step':>12} {'params':>10}"]
        for kind, row in training["models"].items():
            lines.append(f"{kind:>9} {_spread(row['tokens_per_second'], 1, 0):>26} {_spread(row['step_ms']):>24} "
                         f"{row['target_tokens_per_step']:>12.0f} {row['parameters']:>10,}")
            if "step_fraction" in row:
                lines.append(f"{'':>9} its matrix products alone: {row['matrix_product_ms']['median']:.1f} ms a step, "
                             f"{100 * row['step_fraction']:.0f}% of the step (a possible "
                             f"{row['tokens_per_second_at_matrix_product_time']:,.0f} tokens/s); "
                             f"{100 * row['padding_share']:.0f}% of decoder positions are padding")
            if "matmul_fraction" in row:
                lines.append(f"{'':>9} {row['gflops']:.1f} useful GFLOP/s = {100 * row['matmul_fraction']:.0f}% of the "
                             f"512³ matmul peak (a possible {row['possible_tokens_per_second']:,.0f} tokens/s)")
        tutorial = training.get("tutorial")
        if tutorial:
            lines.append(f"  PyTorch seq2seq tutorial (tools.seq2seq_tutorial, one pair at a time, SGD, hidden "
                         f"{tutorial['hidden_size']}): {tutorial['tokens_per_second']:,.0f} target tokens/s over "
                         f"{tutorial['pairs']} pairs; ours is " + ", ".join(
                             f"{kind} {ratio:g}×" for kind, ratio in tutorial["ratio"].items()))
        for kind, row in training["shipped_training_seconds"].items():
            quality = ("" if row.get("seconds_to_quality") is None else
                       f"; validation BLEU ≥ {QUALITY_BLEU:g} after {row['seconds_to_quality']:,.0f} s (epoch {row['epoch_of_quality']})")
            lines.append(f"  shipped {kind}: best epoch after {row['training_seconds']:,.0f} s of training"
                         f"{quality} (corpus {row['corpus']})")
        lines.append("")
    latency = results.get("latency")
    if latency:
        lines += ["TRANSLATION LATENCY — Translator.translate on real test sentences (ms; median, p95, min–max)",
                  f"{'model':>9} {'method':>7} {'src':>4} {'median':>8} {'p95':>8} {'min–max':>17} "
                  f"{'ms/src tok':>10} {'out toks':>8}"]
        for kind, row in latency["models"].items():
            for method in ("greedy", "beam5"):
                for length, cell in row[method]["lengths"].items():
                    ms = cell["ms"]
                    lines.append(f"{kind:>9} {method:>7} {length:>4} {ms['median']:>8.2f} {ms['p95']:>8.2f} "
                                 f"{ms['min']:>8.2f}–{ms['max']:<8.2f} {cell['ms_per_source_token']:>10.3f} "
                                 f"{cell['output_tokens']:>8.1f}")
                lines.append(f"{'':>9} {method:>7} growth exponent k = {row[method]['growth_exponent']:.2f} "
                             f"(time ≈ c·length^k; ≤ 1 is linear or better)")
                bounds = [(length, cell) for length, cell in row[method]["lengths"].items() if "bound_ms" in cell]
                if bounds:
                    lines.append(f"{'':>9} {method:>7} weight-reading bound: " + ", ".join(
                        f"{length} tokens {cell['bound_ms']:.2f} ms ({cell['bound_ratio']:.1f}×)" for length, cell in bounds))
            if row.get("corpus") != "generated":
                lines.append(f"{'':>9} note: this checkpoint was trained on {row.get('corpus')!r}, not the generated "
                             "corpus; its output lengths are not a real model's")
        lines.append("")
    evaluation = results.get("evaluation")
    if evaluation:
        lines += [f"EVALUATION — core.nmt.evaluate.translate_pairs, {evaluation['sentences']} test sentences, "
                  f"batch {evaluation['batch_size']}, {evaluation['repeats']} timed run(s)",
                  f"{'model':>9} {'seconds':>24} {'sentences/s':>12}"]
        for kind, row in evaluation["models"].items():
            lines.append(f"{kind:>9} {_spread(row['seconds'], 1, 2):>24} {row['sentences_per_second']:>12,.0f}")
        lines.append("")
    counterfactual = results.get("counterfactual")
    if counterfactual and "models" in counterfactual:
        lines += [f"COUNTERFACTUAL ATTENTION — core.nmt.counterfactual_eval.measure, "
                  f"{', '.join(counterfactual['counterfactuals'])}, each model's full test split: "
                  f"{counterfactual['total_seconds']:.1f} s in all "
                  f"({counterfactual.get('total_cpu_seconds', 0):.1f} CPU s; {counterfactual.get('processes', 1)} "
                  f"process(es) at once, {counterfactual.get('threads', '?')} thread(s) each; load average "
                  f"{counterfactual.get('load_average_1min_before', '?')} before)",
                  *(f"{kind:>9} {row['seconds']:>8.1f} s  {row.get('cpu_seconds', 0):>8.1f} CPU s  "
                    f"({row['sentences']} sentences, load average {row.get('load_average_1min', '?')} at the end)"
                    for kind, row in counterfactual["models"].items()), ""]
    app = results.get("app")
    if app:
        cold = app["cold_start_apptest"]
        lines += ["APP",
                  f"  cold start, AppTest in a fresh process: {_spread(cold['process_wall_s'], 1, 2)} s wall "
                  f"(first run {_spread(cold['first_run_s'], 1, 2)} s; import streamlit "
                  f"{cold['import_streamlit_s']['median']:.2f} s)"]
        browser = app["cold_start_browser"]
        if "rendered_s" in browser:
            lines.append(f"  cold start, streamlit run → table + heatmap in Chromium: {_spread(browser['rendered_s'], 1, 2)} s "
                         f"(server healthy after {browser['healthy_s']['median']:.2f} s)")
        else:
            lines.append(f"  cold start in the browser: skipped ({browser['skipped']})")
        lines.append(f"  {'page':<32} {'rerun once cached, s':>24} {'first run, s':>13}")
        for path, row in app["pages"].items():
            lines.append(f"  {path:<32} {_spread(row['seconds'], 1, 3):>24} {row['first_run_s']:>13.2f}")
        lines.append("")
    memory = results.get("memory")
    if memory:
        lines += [f"MEMORY — peak RSS of one process with {len(memory['models'])} shipped models loaded and translating: "
                  f"{memory['peak_rss_mb']:.0f} MB ({memory['source']})"]
        if memory.get("server_vmhwm_mb"):
            lines.append(f"  streamlit server after the home page rendered (VmHWM): {memory['server_vmhwm_mb']:.0f} MB")
        lines.append("")
    quality = results.get("time_to_quality")
    if quality:
        lines += ["TIME TO QUALITY — tools.time_to_quality, one training thread"]
        if "skipped" in quality:
            lines.append(f"  {quality['skipped']}")
        else:
            from tools.time_to_quality import format_report as quality_report
            lines += [quality_report(report) for report in quality["runs"]]
        lines.append("")
    epoch = results.get("epoch_cost")
    if epoch and "models" in epoch:
        lines += ["EPOCH COST — tools.epoch_cost, the shipped recipe, CPU seconds of one thread"]
        lines += [f"  {kind:>11}: {row['epoch_s']:7.1f} s an epoch ({row['step_ms']:.0f} ms a step, "
                  f"{row['tokens_per_cpu_second']:,} target tokens/s)" for kind, row in epoch["models"].items()]
        lines.append(f"  transformer / additive: {epoch['transformer_over_additive']:.2f}×")
        lines.append("")
    real = results.get("real_corpus")
    if real:
        lines += real_corpus_lines(real)
    if results["targets"]:
        lines += ["TARGETS (reported, not asserted)"]
        for row in results["targets"]:
            mark = "–" if row["met"] is None else ("✓" if row["met"] else "✗")
            value = "n/a" if row["value"] is None else f"{row['value']:,.2f} {row['unit']}".strip()
            bound = ("" if row["bound"] is None
                     else f"{'≥' if row.get('at_least') else '≤'} {row['bound']:g} {row['unit']}".strip())
            shown = f": {value}" + (f" (target {bound})" if bound else "") if row["value"] is not None or bound else ""
            lines.append(f"  {mark} {row['label']}{shown}" + (f" — {row['note']}" if row["note"] else ""))
    for section, error in results["errors"].items():
        lines.append(f"ERROR in {section}: {error}")
    return "\n".join(lines)


def real_corpus_lines(real: dict) -> list[str]:
    if "skipped" in real:
        return [f"REAL CORPUS — skipped: {real['skipped']}", ""]
    lines = [f"REAL CORPUS — {real['corpus']}: the default recipe, trained from scratch, scored on the test split "
             "it recorded (the English as written)",
             f"{'model':>9} {'BLEU':>6} {'chrF':>6} {'on marks':>15} {'to best epoch':>14} {'whole run':>10} "
             f"{'epochs':>7}  settings chosen"]
    for kind, row in real["models"].items():
        shares = (row["attention_on_marks"], row.get("attention_on_marks_greedy"))
        marks = "–" if shares[0] is None else " / ".join("–" if x is None else f"{100 * x:.1f}%" for x in shares)
        settings = ", ".join(f"{name} {value}" for name, value in row["settings"].items())
        lines.append(f"{kind:>9} {row['bleu']:>6.2f} {row['chrf']:>6.2f} {marks:>15} "
                     f"{row['seconds_to_best'] or 0:>12.0f} s {row['wall_s']:>8.0f} s "
                     f"{row['best_epoch']:>3}/{row['epochs_run']:<3}  {settings}")
    return lines + ["  on marks: English words whose highest attention weight is a punctuation mark or <eos>, "
                    "on the references fed to the decoder / on its own translations", f"  BLEU: {real['bleu_signature']}",
                    ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and models, no browser (under a minute)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file (the README's figures "
                        "are docs/bench.json); without it nothing is written")
    parser.add_argument("--models", nargs="+", choices=MODEL_KINDS, help="model kinds to measure in the training, "
                        "latency and evaluation sections (default: all five; --quick: additive and encdec "
                        "for training, additive for the others)")
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--real-corpus", type=Path, default=REAL_CORPUS, metavar="FILE",
                        help=f"the corpus file of the real_corpus section (default: {REAL_CORPUS})")
    parser.add_argument("--shipped", action="store_true", help="the time_to_quality section measures the shipped "
                        "recipe too (about 15 minutes of one core)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads here and in the app processes (default 1: a GRU step on one "
                             "sentence does not get faster with more, and the machine may be shared)")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be at least 1")

    def progress(message: str) -> None:
        print(f"[bench] {message}…", file=sys.stderr, flush=True)

    results = run_benchmark(args.sections, args.quick, args.models, args.threads, progress, args.real_corpus,
                            args.shipped)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print(format_report(results))
        if args.out is not None:
            print(f"\nresults written to {args.out}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
