import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from dataclasses import fields, replace

from app.jobs import JobSettings, JobSettingsError, check_settings
from core.fit import FitSettings, FitState, fit, halve_on_plateau
from core.language.pairs import CorpusSplits
from core.nmt.checkpoint import load_checkpoint
from core.nmt.model import TRAINABLE_KINDS, ModelConfig, Seq2Seq, init_weights
from core.fit import TrainCallbacks
from core.nmt.batches import length_bucketed_batches
from core.nmt.config import TrainConfig
from core.nmt.data import HELD_OUT_PART, split_pairs
from core.nmt.train import train
from core.train import main
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
    assert [e.epoch for e in epochs] == [1, 2, 3]
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
    assert [e.epoch for e in epochs] == [3, 4]
    assert [e["epoch"] for e in result.history["epochs"]] == [1, 2, 3, 4]


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
               "--epochs", "2", "--hidden", "32", "--emb", "16", "--batch", "2", "--threads", "1", "--mix-generated", "0"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = load_checkpoint(out)
    assert loaded.metadata["world_size"] == 2
    assert loaded.kind == "dot"
    assert not list(out.glob("*.tmp"))


# ------------------------------------------------------------------ one config path


def test_help_shows_every_setting_with_its_default_and_how_a_corpus_file_is_split(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())   # argparse wraps lines
    for setting in fields(TrainConfig):
        assert f"{setting.metadata['flag']} " in text
        assert f"(default: {setting.metadata['default_text']})" in text, setting.name
    assert "(default: the learning rate / 16)" in text
    assert f"the first 1/{HELD_OUT_PART} of them (at least 1) become the validation split" in text
    # ... and that is what the splitting does
    pairs = toy_splits().train * 5   # 60 pairs
    splits = split_pairs(pairs, seed=0, max_train=1000)
    assert len(splits.validation) == len(splits.test) == 60 // HELD_OUT_PART
    assert len(splits.train) == 60 - 2 * (60 // HELD_OUT_PART)


NONSENSE = [  # flag, text, field, value, words of the message
    ("--batch", "-5", "batch_size", -5, "the batch size must be at least 1"),
    ("--epochs", "0", "epochs", 0, "the number of epochs must be at least 1"),
    ("--hidden", "17", "hidden_size", 17, "the hidden size must be even"),
    ("--hidden", "-2", "hidden_size", -2, "the hidden size must be at least 2"),
    ("--emb", "0", "embedding_size", 0, "the embedding size must be at least 1"),
    ("--max-source-tokens", "-5", "max_source_tokens", -5, "the source token limit must be at least 2"),
    ("--max-target-tokens", "0", "max_target_tokens", 0, "the target token limit must be at least 2"),
    ("--lr", "0", "learning_rate", 0.0, "the learning rate must be > 0"),
    ("--lr", "inf", "learning_rate", float("inf"), "the learning rate must be a finite number"),
    ("--patience", "0", "patience", 0, "the patience must be at least 1"),
    ("--dropout", "1", "dropout", 1.0, "dropout must be ≥ 0 and < 1"),
    ("--dropout", "-0.5", "dropout", -0.5, "dropout must be ≥ 0 and < 1"),
]


@pytest.mark.parametrize("flag, text, name, value, words", NONSENSE, ids=[f"{c[0]} {c[1]}" for c in NONSENSE])
def test_nonsense_settings_get_one_line_and_exit_code_2_and_the_api_the_same_message(
        tmp_path, capsys, flag, text, name, value, words):
    out = tmp_path / "run"
    with pytest.raises(SystemExit) as done:
        main(["--out", str(out), flag, text])
    captured = capsys.readouterr()
    assert done.value.code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and flag in lines[0], captured.err
    assert "checkpoint in" not in captured.out and not out.exists()
    with pytest.raises(ValueError) as refused:
        TrainConfig(**{name: value})
    assert words in str(refused.value) and str(refused.value) in lines[0]


def test_a_word_where_a_number_belongs_is_named(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--out", "unused", "--batch", "many"])
    assert done.value.code == 2
    assert capsys.readouterr().err.strip().endswith("argument --batch: expected a whole number, got 'many'")


def test_the_job_api_refuses_an_odd_hidden_size_before_anything_starts(tmp_path):
    with pytest.raises(JobSettingsError, match="must be even"):
        check_settings(JobSettings(name="odd", hidden_size=17), tmp_path / "data")
    assert not (tmp_path / "data").exists()


# ------------------------------------------------------------------ the learning-rate schedule


class ScriptedTask:
    """A one-weight model whose validation losses are given: fit() and the schedule alone decide."""

    def __init__(self, model, losses):
        self.model, self.losses, self.epoch = model, list(losses), 0

    def batches(self, epoch):
        return [0]

    def loss(self, batch):
        return (self.model.weight ** 2).sum(), 1

    def validate(self):
        self.epoch += 1
        return self.losses[self.epoch - 1], 50.0


def rates_for(losses, patience, floor, learning_rate=1.0):
    model = torch.nn.Linear(1, 1, bias=False)
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    state = fit(model, optimizer, ScriptedTask(model, losses), FitSettings(len(losses), 100, 1.0), FitState(),
                schedule=halve_on_plateau(patience, floor))
    return [epoch["learning_rate"] for epoch in state.history["epochs"]]


def test_the_rate_halves_after_lr_patience_epochs_without_a_lower_loss_and_never_below_the_floor():
    losses = [5, 4, 4.5, 4.2, 3, 3.5, 3.6, 3.7, 3.8, 3.9, 4.0]
    assert rates_for(losses, patience=2, floor=0.25) == [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25]
    assert rates_for(losses, patience=1, floor=0.25) == [1, 1, 1, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25]
    stalled = rates_for([1.0] * 30, patience=1, floor=1 / 16)
    assert min(stalled) == 1 / 16 and stalled[:5] == [1, 1, 0.5, 0.25, 0.125]


def test_the_floor_defaults_to_a_sixteenth_of_the_rate_and_is_recorded(tmp_path):
    config = tiny_config(learning_rate=0.008)
    assert config.lr_floor == 0.0005 and config.lr_patience == 1
    train(config, tmp_path / "run", splits=toy_splits())
    saved = load_checkpoint(tmp_path / "run").metadata["training"]
    assert saved["lr_floor"] == 0.0005 and saved["lr_patience"] == 1
    with pytest.raises(ValueError, match="must not be above the learning rate"):
        TrainConfig(learning_rate=1e-3, lr_floor=1e-2)


# ------------------------------------------------------------------ epochs counted from 1


def test_best_epoch_and_the_history_count_epochs_from_1_and_readers_show_them_so(tmp_path):
    from app.reports import epoch_frame, probe_points

    train(tiny_config(epochs=3), tmp_path / "run", splits=toy_splits())
    loaded = load_checkpoint(tmp_path / "run")
    history = loaded.history()
    assert [e["epoch"] for e in history["epochs"]] == [1, 2, 3]
    bleus = [e["validation_bleu"] for e in history["epochs"]]
    improved = [e["epoch"] for e in history["epochs"] if e["improved"]]
    assert loaded.metadata["best_epoch"] == loaded.best_epoch == improved[-1]
    assert bleus[loaded.best_epoch - 1] == max(bleus)
    assert list(epoch_frame({"run": history})["epoch"]) == [1, 2, 3]
    assert probe_points(history)[-1] == "epoch 3"


def test_files_written_before_epochs_counted_from_1_are_read_as_they_were_meant(tmp_path):
    from app.reports import epoch_frame, probe_points
    from core.nmt.evaluate import results_markdown

    old_history = {"epochs": [{"epoch": 0}, {"epoch": 1}], "probe_attention": [{"epoch": 0, "sentences": []}]}
    assert list(epoch_frame({"old": old_history})["epoch"]) == [1, 2]
    assert probe_points(old_history) == ["epoch 1"]
    evaluation = {"bleu": 90.0, "chrf": 90.0, "exact_match": 0.5, "parameters": 10, "epochs_run": 9}
    assert "| 9 (5) |" in results_markdown({"old": {**evaluation, "best_epoch": 4}})
    assert "| 9 (4) |" in results_markdown({"new": {**evaluation, "best_epoch": 4, "epochs_counted_from": 1}})
    shipped = load_checkpoint(ROOT / "checkpoints" / "additive")   # 0-based until the lead retrains it
    counted_from_one = shipped.metadata.get("epochs_counted_from") == 1
    assert shipped.best_epoch == shipped.metadata["best_epoch"] + (0 if counted_from_one else 1)


# ------------------------------------------------------------------ resume after a kill


def toy_corpus_file(folder: Path) -> Path:
    corpus = folder / "toy.tsv"
    corpus.write_text("".join(f"{hindi}\t{english}\n" for hindi, english in TOY_PAIRS_TEXT), encoding="utf-8")
    return corpus


def cli_arguments(out: Path, corpus: Path, *extra: str) -> list[str]:
    return ["--model", "additive", "--out", str(out), "--corpus", str(corpus), "--hidden", "16", "--emb", "8",
            "--attention", "8", "--batch", "4", "--lr", "0.01", "--patience", "50", "--mix-generated", "0", *extra]


def run_cli(arguments: list[str], fault: str | None = None) -> subprocess.CompletedProcess:
    """python -m core.train in its own process; with `fault`, killed there (tests.faults.kill_at)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    entry = ["tests.faults", fault] if fault else ["core.train"]
    return subprocess.run([sys.executable, "-m", *entry, "--threads", "1", *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def resume_file(out: Path) -> dict:
    return torch.load(out / "resume.pt", weights_only=True)


def assert_history_is_one_clean_run(history: dict, epochs: int) -> None:
    steps = [step for step, _ in history["steps"]]
    assert steps == list(range(1, len(steps) + 1)), "steps repeated or skipped"
    assert [e["epoch"] for e in history["epochs"]] == list(range(1, epochs + 1))
    running = 0.0
    for entry in history["epochs"]:   # training seconds: each epoch counted once
        running += entry["seconds"]
        assert entry["training_seconds"] == pytest.approx(running, abs=0.02 * entry["epoch"])
    probed = [(p["epoch"], p.get("step", 0)) for p in history["probe_attention"]]
    assert probed == sorted(set(probed)), "probes repeated or out of order"


def test_killed_while_resume_pt_is_written_then_resumed_the_history_is_one_clean_run(tmp_path):
    corpus, out = toy_corpus_file(tmp_path), tmp_path / "run"
    killed = run_cli(cli_arguments(out, corpus, "--epochs", "4"), fault="resume.pt:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert list(out.glob(".resume.pt.*.tmp")), "the kill came while resume.pt was being written"
    assert len(json.loads((out / "history.json").read_text())["epochs"]) == 2   # ahead of resume.pt ...
    assert resume_file(out)["fit"]["epoch"] == 1                               # ... which holds epoch 1

    finished = run_cli(cli_arguments(out, corpus, "--epochs", "4", "--resume"))
    assert finished.returncode == 0, finished.stderr[-2000:]
    history = json.loads((out / "history.json").read_text())
    assert_history_is_one_clean_run(history, epochs=4)
    assert resume_file(out)["fit"]["history"] == history
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp")), "leftovers are removed at the start"
    load_checkpoint(out)


def test_killed_while_model_pt_is_written_config_json_names_the_epoch_model_pt_holds(tmp_path):
    corpus, out = toy_corpus_file(tmp_path), tmp_path / "run"
    killed = run_cli(cli_arguments(out, corpus, "--epochs", "12"), fault="model.pt:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert list(out.glob(".model.pt.*.tmp")), "the kill came while the second best model.pt was being written"
    config = json.loads((out / "config.json").read_text())
    weights = torch.load(out / "model.pt", weights_only=True)
    assert config["best_epoch"] == weights["best_epoch"] == load_checkpoint(out).best_epoch


BAD_RESUME_FILES = {
    "empty": (lambda path: path.write_bytes(b""), "empty, truncated or not a PyTorch file"),
    "garbage": (lambda path: path.write_bytes(b"not a checkpoint\n" * 50), "empty, truncated or not a PyTorch file"),
    "malicious": (lambda path: torch.save({"format": "dhyan-resume-2", "model": RunsCode(path.parent / "PWNED")}, path),
                  "could run code"),
    "another_format": (lambda path: torch.save({"epoch": 3, "model": {}}, path), "not a resume file"),
}


class RunsCode:
    """Unpickling this runs code: it writes the file named in `target`."""

    def __init__(self, target: Path):
        self.target = str(target)

    def __reduce__(self):
        return (exec, (f"open({self.target!r}, 'w').write('pwned')",))


@pytest.mark.parametrize("case", list(BAD_RESUME_FILES))
def test_a_damaged_resume_pt_is_refused_in_one_line(tmp_path, capsys, case):
    corpus, out = toy_corpus_file(tmp_path), tmp_path / "run"
    damage, words = BAD_RESUME_FILES[case]
    out.mkdir()
    damage(out / "resume.pt")
    assert main(cli_arguments(out, corpus, "--epochs", "1", "--resume")) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "resume.pt" in lines[0], captured.err
    assert "checkpoint in" not in captured.out
    assert not (out / "PWNED").exists(), "the pickle's code ran"
    assert not (out / "model.pt").exists()


def test_resuming_with_other_settings_is_refused_in_one_line(tmp_path, capsys):
    corpus, out = toy_corpus_file(tmp_path), tmp_path / "run"
    assert main(cli_arguments(out, corpus, "--epochs", "1")) == 0
    before = (out / "model.pt").read_bytes()
    assert main(cli_arguments(out, corpus, "--epochs", "2", "--resume", "--hidden", "32")) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert "hidden_size 16 -> 32" in lines[-1] and "only epochs, patience, device may change" in lines[-1]
    assert (out / "model.pt").read_bytes() == before


def test_a_resumed_run_ends_with_the_weights_and_history_of_an_uninterrupted_one(tmp_path):
    """Stopped after 3 of 6 epochs and resumed: the same weights and losses as 6 epochs straight
    (dropout on, so the random state must continue exactly; the rate schedule must too)."""
    pairs = toy_splits().train
    held_out = CorpusSplits(train=pairs[:9], validation=pairs[9:], test=pairs[9:])   # the loss stalls: halvings
    settings = dict(epochs=6, dropout=0.3, learning_rate=0.05)
    straight = train(tiny_config(**settings), tmp_path / "straight", splits=held_out)
    train(tiny_config(**{**settings, "epochs": 3}), tmp_path / "stopped", splits=held_out)
    resumed = train(tiny_config(**settings), tmp_path / "stopped", splits=held_out, resume=True)

    final = [resume_file(tmp_path / name)["model"] for name in ("straight", "stopped")]
    assert final[0].keys() == final[1].keys()
    assert all(torch.equal(final[0][key], final[1][key]) for key in final[0])
    best = [straight.model.state_dict(), resumed.model.state_dict()]
    assert all(torch.equal(best[0][key], best[1][key]) for key in best[0])
    assert resumed.history["steps"] == straight.history["steps"]
    measured = ("train_loss", "validation_loss", "validation_bleu", "learning_rate", "improved")
    assert ([{k: e[k] for k in measured} for e in resumed.history["epochs"]]
            == [{k: e[k] for k in measured} for e in straight.history["epochs"]])
    assert resumed.history["probe_attention"] == straight.history["probe_attention"]
    assert len({e["learning_rate"] for e in straight.history["epochs"]}) > 1, "the schedule took part"


# ------------------------------------------------------------------ probes from the very start


def test_probes_are_recorded_before_the_first_update_at_fractions_of_the_first_epochs_and_at_every_end(tmp_path):
    from app.reports import probe_attention as shown_at, probe_heading, probe_point_from_url, probe_points
    from core.nmt.data import prepare_data
    from core.nmt.probes import probe_attention

    pairs = toy_splits().train
    splits = CorpusSplits(train=pairs * 2, validation=pairs[:6], test=pairs[6:])   # 24 pairs: 8 batches of 3
    config = tiny_config(epochs=3, batch_size=3)
    train(config, tmp_path / "run", splits=splits)
    history = load_checkpoint(tmp_path / "run").history()
    entries = history["probe_attention"]
    assert [e["label"] for e in entries] == ["before training", "epoch 1 · 1/8", "epoch 1 · 1/4", "epoch 1 · 1/2",
                                             "epoch 1", "epoch 2 · 1/2", "epoch 2", "epoch 3"]
    assert [(e["epoch"], e["step"]) for e in entries] == [(0, 0), (1, 1), (1, 2), (1, 4), (1, 8), (2, 12), (2, 16),
                                                          (3, 24)]
    # 'before training' is the untrained model's attention: the same seed's fresh weights give it
    data = prepare_data(config, splits)
    untrained = Seq2Seq(ModelConfig(config.model, len(data.source_vocab), len(data.target_vocab),
                                    config.embedding_size, config.hidden_size, config.attention_size, config.dropout))
    init_weights(untrained, config.seed)
    assert entries[0]["sentences"] == probe_attention(untrained, data.probes, data.source_vocab, data.target_vocab)
    assert entries[0]["sentences"] != entries[1]["sentences"]
    # what the Training page reads
    assert probe_points(history) == [e["label"] for e in entries]
    assert shown_at(history, "epoch 1 · 1/4", 0)[1] == entries[2]["sentences"][0]["source"]
    assert probe_heading("before training", history) == "Before training"
    assert probe_heading("epoch 1 · 1/8", history) == "Epoch 1 · 1/8 of 3"
    assert probe_point_from_url("2") == "epoch 2" and probe_point_from_url("epoch 1 · 1/2") == "epoch 1 · 1/2"


# ------------------------------------------------------------------ unknown-word training


def aligned_pairs() -> list:
    """राम~Ram, किताबें~books, पढ़~reading are linked one to one; '5' is a number, । a mark, and
    रहा है both link 'is'. Plus the toy pairs, which have no alignment."""
    from core.language.pairs import SentencePair
    aligned = SentencePair(("राम", "5", "किताबें", "पढ़", "रहा", "है", "।"), ("Ram", "is", "reading", "5", "books", "."),
                           ((0, 0), (1, 3), (2, 4), (3, 2), (4, 1), (5, 1), (6, 5)))
    return [aligned, *toy_splits().train]


def encoded_batch(rate: float | None, epoch: int, corpus: str = "generated"):
    from core.nmt.batches import collate
    from core.nmt.data import prepare_data
    from core.nmt.train import TranslationTask
    pairs = aligned_pairs()
    config = tiny_config(unknown_rate=rate, corpus=corpus)
    data = prepare_data(config, CorpusSplits(train=pairs * 8, validation=pairs[:2], test=pairs[:2]))
    task = TranslationTask(None, None, data, config, torch.device("cpu"))
    task.batches(epoch)
    everything = list(range(len(data.train_examples)))
    source, _, _, target = collate(task.examples(everything), torch.device("cpu"))
    return source, target, data


def test_unknown_word_training_puts_unk_at_the_linked_positions_on_both_sides_of_the_encoded_batch():
    from core.language.text import UNK_ID
    source, target, data = encoded_batch(1.0, epoch=1)
    aligned_rows = range(0, len(data.train_examples), len(aligned_pairs()))   # every copy of the aligned pair
    others = [row for row in range(len(data.train_examples)) if row not in aligned_rows]
    for row in aligned_rows:
        assert [i for i, token in enumerate(source[row].tolist()) if token == UNK_ID] == [0, 2, 3]
        assert [j for j, token in enumerate(target[row].tolist()) if token == UNK_ID] == [0, 2, 4]
    assert not (source[others] == UNK_ID).any() and not (target[others] == UNK_ID).any(), "no alignment: untouched"
    plain_source, plain_target, _ = encoded_batch(0.0, epoch=1)
    assert not (plain_source == UNK_ID).any() and not (plain_target == UNK_ID).any()


def test_unknown_words_differ_between_epochs_and_repeat_for_the_same_seed_and_epoch():
    first, again, second = encoded_batch(0.5, 1), encoded_batch(0.5, 1), encoded_batch(0.5, 2)
    assert torch.equal(first[0], again[0]) and torch.equal(first[1], again[1])   # what a resumed run sees
    assert not torch.equal(first[0], second[0])


def test_unknown_rate_defaults_to_3_percent_on_the_generated_corpus_and_0_on_a_file(capsys):
    from core.nmt.config import GENERATED_UNKNOWN_RATE
    assert TrainConfig().unknown_rate == GENERATED_UNKNOWN_RATE == 0.03
    assert TrainConfig(corpus="class.tsv").unknown_rate == 0.0
    assert TrainConfig(corpus="class.tsv", unknown_rate=0.1).unknown_rate == 0.1
    with pytest.raises(SystemExit) as done:
        main(["--out", "unused", "--unknown-rate", "1.5"])
    assert done.value.code == 2 and "the unknown-word rate must be ≥ 0 and ≤ 1" in capsys.readouterr().err


# ------------------------------------------------------------------ the shipped recipe


def test_the_shipped_recipe_passes_every_setting_and_trains_the_longest_runs_first(tmp_path, monkeypatch):
    from core.train import build_parser, config_arguments
    from tools import shipped

    for config in (shipped.SHIPPED_SETTINGS, tiny_config(corpus="x.tsv", unknown_rate=0.5, lr_floor=1e-4)):
        arguments = config_arguments(config)
        assert len(arguments) == 2 * len(fields(TrainConfig))
        parsed = build_parser().parse_args(["--out", "unused", *arguments])
        assert TrainConfig(**{f.name: getattr(parsed, f.name) for f in fields(TrainConfig)}) == config
    command = shipped.train_command("dot", tmp_path)
    assert command[command.index("--model") + 1] == "dot" and command[command.index("--unknown-rate") + 1] == "0.03"

    started = []

    def train_and_evaluate(kind, out, logs, changes):
        started.append((kind, shipped.train_command(kind, out, **changes)))
        return kind, 0, 1.0
    monkeypatch.setattr(shipped, "train_and_evaluate", train_and_evaluate)

    def setting(command, flag):
        return command[command.index(flag) + 1]
    assert shipped.main(["--out", str(tmp_path / "ck"), "--jobs", "1"]) == 0
    assert [kind for kind, _ in started] == list(shipped.LONGEST_FIRST)
    assert set(kind for kind, _ in started) == set(TRAINABLE_KINDS)  # every model, once
    assert all(setting(c, "--corpus") == "generated" and setting(c, "--pairs") == "40000" for _, c in started)
    started.clear()
    shipped.main(["--out", str(tmp_path / "ck"), "--jobs", "1", "--models", "dot", "encdec"])
    assert [kind for kind, _ in started] == ["encdec", "dot"]
    started.clear()   # the next retrain's choices reach every model; the rest of each recipe stays its own
    shipped.main(["--out", str(tmp_path / "ck"), "--jobs", "1", "--corpus", "conversational", "--pairs", "80000"])
    assert all(setting(c, "--corpus") == "conversational" and setting(c, "--pairs") == "80000" for _, c in started)
    commands = dict(started)
    assert setting(commands["transformer"], "--epochs") == str(shipped.TRANSFORMER_SETTINGS.epochs)
    assert setting(commands["dot"], "--epochs") == str(shipped.SHIPPED_SETTINGS.epochs)
    with pytest.raises(SystemExit):
        shipped.main(["--corpus", "hin.txt"])


def test_a_classroom_run_trains_on_short_sentences_saves_and_its_test_split_is_rebuilt(tmp_path):
    from core.language.classroom_subset import classroom_splits
    from core.nmt.held_out import held_out_description, held_out_split_for
    out = tmp_path / "classroom"
    assert main(["--corpus", "classroom", "--pairs", "200", "--max-source-tokens", "11", "--epochs", "1",
                 "--emb", "16", "--hidden", "32", "--attention", "16", "--batch", "32", "--threads", "1",
                 "--validation-sentences", "10", "--device", "cpu", "--out", str(out)]) == 0
    loaded = load_checkpoint(out)
    corpus = loaded.metadata["corpus"]
    assert corpus["corpus"] == "classroom" and corpus["max_source_tokens"] == 10 and corpus["pairs"] == 200
    expected = classroom_splits(200, 0, 10).test
    test_split = held_out_split_for(loaded)
    assert [p.source_text for p in test_split] == [p.source_text for p in expected]
    assert test_split and max(len(p.source_tokens) for p in test_split) <= 10
    assert "10 Hindi words" in held_out_description(loaded)
    assert loaded.metadata["training"]["unknown_rate"] == 0.03   # the generated corpus's settings


def test_a_live_probe_hears_the_sentence_before_training_every_n_steps_and_at_every_epoch_end():
    from core.nmt.probes import LiveProbe
    heard = []
    train(tiny_config(epochs=2), splits=toy_splits(), live_probe=LiveProbe("मैं खाना खा रहा हूँ", heard.append, 2))
    # 12 pairs / batch 4 = 3 steps an epoch, steps counted over the run: 2 and 4 fall inside an epoch
    assert [r["label"] for r in heard] == ["before training", "epoch 1, step 2", "end of epoch 1",
                                           "epoch 2, step 4", "end of epoch 2"]
    assert all(r["source"][-1] == "<eos>" and len(r["weights"][0]) == 6 for r in heard if r["weights"])


def test_focus_is_one_over_the_columns_for_even_rows_and_one_for_rows_that_look_at_one_word():
    from core.nmt.probes import attention_focus
    assert attention_focus([[0.25] * 4, [0.25] * 4]) == 0.25
    assert attention_focus([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]) == 1.0
    assert attention_focus([[0.5, 0.5], [1.0, 0.0]]) == 0.75   # the mean over the rows of each row's peak
    assert attention_focus([]) == 0.0


# ------------------------------------------------------------------ batches grouped by target length


def batches_by_length(bucket_by_target: bool) -> tuple[list[list[int]], list[tuple[list[int], list[int]]]]:
    """One epoch's batches over 64 examples of one source length and eight target lengths."""
    from types import SimpleNamespace

    from core.nmt.train import TranslationTask
    examples = [([5] * 6, [7] * (1 + i % 8)) for i in range(64)]
    config = tiny_config(bucket_by_target=bucket_by_target)
    task = TranslationTask(None, None, SimpleNamespace(train_examples=examples), config, torch.device("cpu"))
    return task.batches(1), examples


def test_batches_are_grouped_by_target_length_only_when_asked_and_not_by_default():
    assert TrainConfig().bucket_by_target is False
    from tools.shipped import shipped_settings
    assert all(shipped_settings(kind).bucket_by_target for kind in TRAINABLE_KINDS)   # the faster recipe
    grouped, examples = batches_by_length(True)
    assert sorted(i for batch in grouped for i in batch) == list(range(64))   # every example, once
    assert all(len({len(examples[i][1]) for i in batch}) == 1 for batch in grouped)   # 8 of each length, batch 4
    mixed, _ = batches_by_length(False)
    assert any(len({len(examples[i][1]) for i in batch}) > 1 for batch in mixed)


def test_the_classroom_run_groups_by_target_and_the_switch_survives_the_command_line():
    from app.jobs import CLASSROOM_SETTINGS
    from core.train import build_parser, config_arguments
    assert CLASSROOM_SETTINGS["bucket_by_target"] is True
    config = tiny_config(bucket_by_target=True)
    parsed = build_parser().parse_args(["--out", "unused", *config_arguments(config)])
    assert TrainConfig(**{f.name: getattr(parsed, f.name) for f in fields(TrainConfig)}) == config
    assert build_parser().parse_args(["--out", "x", "--bucket-by-target", "no"]).bucket_by_target is False
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--out", "x", "--bucket-by-target", "maybe"])


# ------------------------------------------------------------------ the transformer


def test_a_tiny_transformer_trains_through_the_command_line_and_its_warm_up_sets_the_rate(tmp_path):
    from core.nmt.transformer import Transformer, warmup_learning_rate
    out, peak, warmup = tmp_path / "transformer", 0.01, 8
    assert main(["--model", "transformer", "--corpus", "classroom", "--pairs", "96", "--max-source-tokens", "11",
                 "--epochs", "3", "--patience", "5", "--hidden", "16", "--heads", "2", "--layers", "1", "--ff", "32",
                 "--batch", "16", "--lr", str(peak), "--warmup", str(warmup), "--threads", "1",
                 "--validation-sentences", "8", "--device", "cpu", "--out", str(out)]) == 0
    loaded = load_checkpoint(out)
    assert loaded.kind == "transformer" and isinstance(loaded.model, Transformer)
    assert loaded.model.config.model_size == 16 and loaded.model.config.heads == 2
    assert len(loaded.model.encoder_layers) == len(loaded.model.decoder_layers) == 1
    history = loaded.history()
    epochs = history["epochs"]
    per_epoch = len(history["steps"]) // len(epochs)
    assert len(epochs) == 3 and per_epoch + 1 < warmup < 2 * per_epoch + 1  # the peak falls in epoch 2
    # each epoch trains from the rate of its first update: rising through the warm-up, then falling
    expected = [warmup_learning_rate(e * per_epoch + 1, peak, warmup) for e in range(3)]
    assert [e["learning_rate"] for e in epochs] == pytest.approx(expected)
    assert epochs[0]["learning_rate"] < epochs[1]["learning_rate"] and epochs[2]["learning_rate"] < peak
    training = loaded.metadata["training"]
    assert training["label_smoothing"] == 0.1 and training["warmup_steps"] == warmup and training["layers"] == 1


def test_the_plateau_decay_keeps_the_transformers_peak_rate_after_the_warm_up(tmp_path):
    out, peak, warmup = tmp_path / "transformer", 0.01, 8
    assert main(["--model", "transformer", "--corpus", "classroom", "--pairs", "96", "--max-source-tokens", "11",
                 "--epochs", "3", "--patience", "5", "--hidden", "16", "--heads", "2", "--layers", "1", "--ff", "32",
                 "--batch", "16", "--lr", str(peak), "--warmup", str(warmup), "--lr-decay", "plateau",
                 "--lr-patience", "10", "--threads", "1", "--validation-sentences", "8", "--device", "cpu",
                 "--out", str(out)]) == 0
    loaded = load_checkpoint(out)
    epochs = loaded.history()["epochs"]
    assert epochs[0]["learning_rate"] < peak and epochs[2]["learning_rate"] == pytest.approx(peak)
    assert loaded.metadata["training"]["lr_decay"] == "plateau"


def test_the_transformer_gets_its_own_defaults_and_a_size_its_heads_cannot_share_is_refused(tmp_path, capsys):
    config = TrainConfig(model="transformer")
    assert (config.hidden_size, config.label_smoothing) == (128, 0.1)
    assert TrainConfig(model="additive").hidden_size == 256  # the GRU models' are untouched
    with pytest.raises(SystemExit) as done:
        main(["--out", str(tmp_path / "run"), "--model", "transformer", "--hidden", "130", "--heads", "4"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert done.value.code == 2 and len(lines) == 1 and "multiple of the number of heads" in lines[0]
    assert not (tmp_path / "run").exists()


def test_the_shipped_transformer_recipe_is_the_five_models_corpus_and_seed(tmp_path):
    from tools import shipped
    transformer, additive = shipped.shipped_settings("transformer"), shipped.shipped_settings("additive")
    for name in ("corpus", "pairs", "seed", "batch_size", "patience", "learning_rate", "unknown_rate",
                 "max_source_tokens", "validation_sentences", "device"):
        assert getattr(transformer, name) == getattr(additive, name), name
    assert transformer.epochs >= additive.epochs   # more epochs, each cheaper (tools/shipped.py)
    command = shipped.train_command("transformer", tmp_path)
    assert command[command.index("--model") + 1] == "transformer" and "--warmup" in command
    parsed = build_parser_args(command[command.index("--model"):])
    assert parsed == transformer


def build_parser_args(arguments):
    from core.train import build_parser
    parsed = build_parser().parse_args(["--out", "unused", *arguments])
    return TrainConfig(**{f.name: getattr(parsed, f.name) for f in fields(TrainConfig)})


def test_a_run_saved_before_the_transformer_settings_existed_still_resumes(tmp_path):
    out = tmp_path / "run"
    train(tiny_config(epochs=1), out, splits=toy_splits())
    saved = torch.load(out / "resume.pt", weights_only=True)
    for name in ("layers", "decoder_layers", "heads", "feedforward_size", "warmup_steps", "lr_decay", "fused_adam"):
        del saved["config"][name]  # as a resume.pt written before these settings were added
    torch.save(saved, out / "resume.pt")
    result = train(tiny_config(epochs=2), out, splits=toy_splits(), resume=True)
    assert [e["epoch"] for e in result.history["epochs"]] == [1, 2]
    with pytest.raises(ValueError, match="heads 4 -> 2"):  # a missing setting counts as its default
        train(tiny_config(epochs=3, heads=2), out, splits=toy_splits(), resume=True)


def test_fused_adam_is_asked_for_by_the_shipped_recipe_and_trains_like_the_loop():
    from core.nmt.train import build_optimizer
    from tools.shipped import shipped_settings
    assert TrainConfig().fused_adam is False and all(shipped_settings(kind).fused_adam for kind in TRAINABLE_KINDS)
    assert build_parser_args(["--fused-adam", "yes"]).fused_adam is True
    results = {}
    for fused in (False, True):
        config = tiny_config(epochs=2, fused_adam=fused)
        optimizer = build_optimizer(config, torch.nn.Linear(2, 2))
        assert optimizer.defaults.get("fused") in ((None, False) if not fused else (True,))
        results[fused] = train(config, splits=toy_splits())
    # the same update to rounding: the same losses to 3 places after 2 epochs of the toy corpus
    losses = [[round(e["train_loss"], 3) for e in results[fused].history["epochs"]] for fused in (False, True)]
    assert losses[0] == pytest.approx(losses[1], abs=2e-3)


def test_a_deep_encoder_and_a_shallow_decoder_are_built_recorded_and_refused_on_resume_if_changed(tmp_path):
    out = tmp_path / "run"
    config = tiny_config(model="transformer", hidden_size=16, heads=2, layers=2, decoder_layers=1,
                         feedforward_size=32, epochs=1)
    assert TrainConfig(model="transformer", layers=3).decoder_layers == 3   # the same depth unless given
    result = train(config, out, splits=toy_splits())
    assert (len(result.model.encoder_layers), len(result.model.decoder_layers)) == (2, 1)
    loaded = load_checkpoint(out)
    assert len(loaded.model.decoder_layers) == 1 and loaded.metadata["training"]["decoder_layers"] == 1
    assert build_parser_args(["--model", "transformer", "--layers", "2", "--decoder-layers", "1"]).decoder_layers == 1
    with pytest.raises(ValueError, match="decoder_layers 1 -> 2"):
        train(replace(config, epochs=2, decoder_layers=2), out, splits=toy_splits(), resume=True)
