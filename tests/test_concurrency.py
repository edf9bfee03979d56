"""Many sessions at once: the shared models give every thread exactly the sequential answer.

The app loads each model once per process (st.cache_resource) and every session translates
with the same Translator. These tests run many threads against shared Translators and compare
each result with a sequential baseline, bit for bit: token ids, attention matrices and the
per-step scores. A model trained in the background (as the Training page does) must change
nothing another session sees.

DHYAN_CONCURRENCY_CALLS (default 20) sets the translations per thread: 8 threads x 20, started
at one barrier, already run every model, sentence and beam size at once on several threads (the
test checks its workload covers them); a soak run sets more.
"""
from __future__ import annotations

import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import torch

from core.nmt.checkpoint import load_checkpoint, shipped_model_names
from core.fit import TrainCallbacks
from core.nmt.config import TrainConfig
from core.nmt.train import train
from core.nmt.translate import Translation, Translator
from tests.toy_corpus import toy_splits
from app.widgets import EXAMPLE_SENTENCES
from core.nmt.probes import SEED_SENTENCE

THREADS = 8
CALLS_PER_THREAD = int(os.environ.get("DHYAN_CONCURRENCY_CALLS", "20"))
SENTENCES = [SEED_SENTENCE, *EXAMPLE_SENTENCES[:4], "मैं समोसा खा रहा हूँ"]  # short to medium, one unknown word
MODELS = [name for name in ("encdec", "additive", "dot", "general") if name in shipped_model_names()]
METHODS = [1, 1, 1, 2]  # three greedy for one beam search (k = 2): beam search costs more


@pytest.fixture(scope="module")
def shared() -> dict[str, Translator]:
    """One Translator per model, shared by every thread (as st.cache_resource shares them)."""
    assert len(MODELS) >= 3, "the shipped models are missing"
    return {name: Translator.from_name(name) for name in MODELS}


def fingerprint(translation: Translation) -> tuple:
    """Everything a page draws from a translation, as exact values."""
    attention = translation.attention
    return (tuple(translation.decoded.token_ids), translation.text, tuple(translation.unknown_words),
            None if attention is None else attention.numpy().tobytes(),
            tuple(translation.token_probabilities),
            tuple(step.context.numpy().tobytes() for step in translation.decoded.steps))


def workload(seed: int, calls: int) -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    return [(rng.choice(MODELS), rng.choice(SENTENCES), rng.choice(METHODS)) for _ in range(calls)]


def baseline(shared, jobs) -> dict[tuple, tuple]:
    """Each distinct (model, sentence, beam) translated once, sequentially, on this thread."""
    return {job: fingerprint(shared[job[0]].translate(job[1], beam_size=job[2])) for job in sorted(set(jobs))}


def run_threads(shared, jobs_per_thread, barrier: threading.Barrier | None = None) -> list[list[tuple]]:
    def worker(jobs):
        if barrier is not None:
            barrier.wait()
        return [(job, fingerprint(shared[job[0]].translate(job[1], beam_size=job[2]))) for job in jobs]

    with ThreadPoolExecutor(max_workers=len(jobs_per_thread)) as pool:
        return list(pool.map(worker, jobs_per_thread))


def parameters(translator: Translator) -> dict[str, bytes]:
    return {name: value.detach().numpy().tobytes() for name, value in translator.model.state_dict().items()}


def test_many_threads_get_exactly_the_sequential_results(shared):
    jobs_per_thread = [workload(seed, CALLS_PER_THREAD) for seed in range(THREADS)]
    every_job = [job for jobs in jobs_per_thread for job in jobs]
    for position, values in enumerate((MODELS, SENTENCES, METHODS)):   # each on several threads
        assert all(sum(any(job[position] == value for job in jobs) for jobs in jobs_per_thread) >= 2
                   for value in values)
    expected = baseline(shared, every_job)
    before = {name: parameters(t) for name, t in shared.items()}
    results = run_threads(shared, jobs_per_thread, threading.Barrier(THREADS))
    assert sum(len(r) for r in results) == THREADS * CALLS_PER_THREAD
    mismatches = [job for thread in results for job, got in thread if got != expected[job]]
    assert mismatches == []
    assert {name: parameters(t) for name, t in shared.items()} == before
    assert all(not t.model.training for t in shared.values())


def test_training_a_new_model_changes_nothing_another_session_sees(shared, tmp_path):
    """A training run (its own model object, train mode, autograd, its own optimizer) in one
    thread while four threads translate with the shipped models."""
    jobs_per_thread = [workload(100 + seed, max(20, CALLS_PER_THREAD // 4)) for seed in range(4)]
    expected = baseline(shared, [job for jobs in jobs_per_thread for job in jobs])
    before = {name: parameters(t) for name, t in shared.items()}
    weights_on_disk = {name: (t.loaded.directory / "model.pt").read_bytes() for name, t in shared.items()}
    grad_mode = torch.is_grad_enabled()

    stop, first_epoch = threading.Event(), threading.Event()
    trained = {}

    def training():
        config = TrainConfig(model="additive", embedding_size=16, hidden_size=32, attention_size=16, epochs=100_000,
                             batch_size=4, learning_rate=1e-2, patience=100_000, dropout=0.1, seed=3)
        callbacks = TrainCallbacks(on_epoch=lambda report: first_epoch.set(), should_stop=stop.is_set)
        trained["result"] = train(config, tmp_path / "new", callbacks, splits=toy_splits(),
                                  corpus_info={"corpus": "toy"})

    trainer = threading.Thread(target=training)
    trainer.start()
    try:
        results = run_threads(shared, jobs_per_thread)
        assert trainer.is_alive(), "training runs (until stopped) all the while the others translate"
        assert first_epoch.wait(300)
    finally:
        stop.set()
        trainer.join(300)
    assert not trainer.is_alive()
    mismatches = [job for thread in results for job, got in thread if got != expected[job]]
    assert mismatches == []
    assert {name: parameters(t) for name, t in shared.items()} == before
    assert {name: (t.loaded.directory / "model.pt").read_bytes() for name, t in shared.items()} == weights_on_disk
    assert all(not t.model.training and not any(p.requires_grad for p in t.model.parameters())
               for t in shared.values())
    assert torch.is_grad_enabled() == grad_mode
    new = trained["result"].model
    assert all(new is not t.model for t in shared.values())
    assert load_checkpoint(tmp_path / "new").kind == "additive"
