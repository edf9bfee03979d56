import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from core.nmt.checkpoint import load_checkpoint
from core.nmt.train import TrainCallbacks, TrainConfig, length_bucketed_batches, train
from tests.toy_corpus import TOY_PAIRS_TEXT, toy_splits

ROOT = Path(__file__).resolve().parent.parent


def tiny_config(**overrides):
    settings = dict(model="additive", embedding_size=16, hidden_size=32, attention_size=16, epochs=3,
                    batch_size=4, learning_rate=1e-2, patience=10, dropout=0.0)
    settings.update(overrides)
    return TrainConfig(**settings)


def test_progress_leaves_through_callbacks_and_history_is_kept(tmp_path):
    steps, epochs = [], []
    result = train(tiny_config(), tmp_path / "run", TrainCallbacks(on_step=steps.append, on_epoch=epochs.append),
                   splits=toy_splits(), corpus_info={"corpus": "toy"})
    assert [e.epoch for e in epochs] == [0, 1, 2]
    assert len(steps) == 3 * 3 and steps[-1].epoch_fraction == 1.0  # 12 pairs / batch 4
    assert all(s.tokens_per_second > 0 for s in steps)
    history = result.history
    assert len(history["steps"]) == 9 and len(history["epochs"]) == 3
    assert {"validation_loss", "validation_bleu", "seconds", "tokens_per_second"} <= set(history["epochs"][0])
    probe = history["probe_attention"][-1]["sentences"][0]
    assert probe["source"][-1] == "<eos>"
    assert len(probe["weights"][0]) == len(probe["source"])
    assert load_checkpoint(tmp_path / "run").history()["epochs"]


def test_training_is_reproducible_with_a_seed():
    first = train(tiny_config(epochs=1), splits=toy_splits())
    second = train(tiny_config(epochs=1), splits=toy_splits())
    for a, b in zip(first.model.state_dict().values(), second.model.state_dict().values()):
        assert torch.equal(a, b)


def test_cancel_keeps_the_last_finished_epoch(tmp_path):
    out = tmp_path / "run"
    train(tiny_config(epochs=1), out, splits=toy_splits())
    saved = (out / "model.pt").read_bytes()
    calls = []
    result = train(tiny_config(epochs=5), out, TrainCallbacks(should_stop=lambda: calls.append(1) or len(calls) >= 2),
                   splits=toy_splits())
    assert result.cancelled
    assert (out / "model.pt").read_bytes() == saved  # the cancelled run finished no epoch
    load_checkpoint(out)


def test_resume_continues_from_the_saved_epoch(tmp_path):
    out = tmp_path / "run"
    train(tiny_config(epochs=2), out, splits=toy_splits())
    epochs = []
    result = train(tiny_config(epochs=4), out, TrainCallbacks(on_epoch=epochs.append), splits=toy_splits(), resume=True)
    assert [e.epoch for e in epochs] == [2, 3]
    assert [e["epoch"] for e in result.history["epochs"]] == [0, 1, 2, 3]


def test_batches_group_similar_lengths_and_shard_across_ranks():
    lengths = [i % 37 + 1 for i in range(1000)]
    batches = length_bucketed_batches(lengths, 50, seed=3)
    assert sorted(i for b in batches for i in b) == list(range(1000))
    spread = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches]
    assert max(spread) <= 2
    rank0 = length_bucketed_batches(lengths, 50, seed=3, rank=0, world_size=2)
    rank1 = length_bucketed_batches(lengths, 50, seed=3, rank=1, world_size=2)
    assert len(rank0) == len(rank1) == 10
    assert not {i for b in rank0 for i in b} & {i for b in rank1 for i in b}


def test_two_process_ddp_training_writes_one_loadable_checkpoint(tmp_path):
    corpus = tmp_path / "toy.tsv"
    corpus.write_text("".join(f"{hindi}\t{english}\n" for hindi, english in TOY_PAIRS_TEXT), encoding="utf-8")
    out = tmp_path / "ddp"
    with socket.socket() as probe:  # a free port on loopback for the rendezvous
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
               "--master_addr=127.0.0.1", f"--master_port={port}",
               "-m", "core.train", "--model", "dot", "--out", str(out), "--corpus", str(corpus),
               "--epochs", "2", "--hidden", "32", "--emb", "16", "--batch", "2", "--threads", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = load_checkpoint(out)
    assert loaded.metadata["world_size"] == 2
    assert loaded.kind == "dot"
    assert not list(out.glob("*.tmp"))
