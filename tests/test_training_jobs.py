"""Background training jobs: progress, cancel, the server-wide cap, names, limits, where files go."""
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.nmt.checkpoint import load_checkpoint
from core.language.user_corpus import save_corpus
from core.owners import InvalidNameError
from core import owners
from app import jobs
from app.jobs import (LIMITS, JobSettings, JobSettingsError, ServerBusyError, TrainingJob, TrainingLimits,
                      check_settings, clean_stale_training_folders, running_jobs, start_job)
from tests.toy_corpus import toy_pairs

ROOT = Path(__file__).resolve().parent.parent
JOB_TIMEOUT = 300  # seconds; a toy run takes ~1 s, but this machine is shared and sometimes crawls


@pytest.fixture
def data_dir(tmp_path):
    """A data folder holding the toy corpus as an upload called 'toy' (trains in a second)."""
    data = tmp_path / "data"
    save_corpus(toy_pairs(), "toy", data)
    return data


pytestmark = pytest.mark.usefixtures("no_job_left_running")   # tests/conftest.py


def toy_settings(name="run", **changes):
    return JobSettings(**{**dict(name=name, model="additive", corpus="toy", pairs=100, epochs=2, hidden_size=16,
                                 evaluate=True), **changes})


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_progress_is_recorded_and_the_checkpoint_lands_in_models(data_dir):
    job = start_job(toy_settings(), data_dir)
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "finished", final.message
    assert final.done and final.fraction == 1.0
    assert [e.epoch for e in final.epochs] == [1, 2]
    assert final.steps and all(s.loss > 0 for s in final.steps)
    assert "mine/run" in final.message
    saved = data_dir / "models" / "run"
    assert {"model.pt", "config.json", "history.json", "eval.json"} <= {p.name for p in saved.iterdir()}
    assert not (saved / "resume.pt").exists()
    assert load_checkpoint(saved).kind == "additive"
    assert json.loads((saved / "config.json").read_text())["corpus"]["corpus"] == "uploaded:toy"
    assert list((data_dir / "training").iterdir()) == []   # the working folder is gone


def test_cancel_leaves_no_checkpoint(data_dir):
    job = start_job(toy_settings(epochs=10), data_dir)
    job.cancel()
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "cancelled" and "nothing was saved" in final.message
    assert len(final.epochs) < 10
    assert not (data_dir / "models" / "run").exists()
    assert not (data_dir / "training").exists() or list((data_dir / "training").iterdir()) == []


def test_a_second_job_is_refused_while_one_runs(data_dir):
    first = start_job(toy_settings("first", epochs=10), data_dir)
    with pytest.raises(ServerBusyError, match="busy"):
        start_job(toy_settings("second"), data_dir)
    first.cancel()
    first.wait(JOB_TIMEOUT)
    second = start_job(toy_settings("second", epochs=1), data_dir)   # the slot is free again
    assert second.wait(JOB_TIMEOUT).state == "finished"


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "-x", "naïve", "x" * 41, "con"])
def test_invalid_names_are_refused_before_anything_starts(data_dir, name):
    with pytest.raises(InvalidNameError):
        start_job(toy_settings(name), data_dir)
    assert not running_jobs()
    assert not (data_dir / "models").exists()


def test_an_existing_name_needs_overwrite(data_dir):
    assert start_job(toy_settings(epochs=1), data_dir).wait(JOB_TIMEOUT).state == "finished"
    first_weights = (data_dir / "models" / "run" / "model.pt").read_bytes()
    with pytest.raises(JobSettingsError, match="exists already"):
        start_job(toy_settings(epochs=1), data_dir)
    final = start_job(toy_settings(epochs=1, hidden_size=32, overwrite=True), data_dir).wait(JOB_TIMEOUT)
    assert final.state == "finished"
    assert (data_dir / "models" / "run" / "model.pt").read_bytes() != first_weights
    assert load_checkpoint(data_dir / "models" / "run").model.config.hidden_size == 32
    assert sorted(p.name for p in (data_dir / "models").iterdir()) == ["run"]


@pytest.mark.parametrize("changes, message", [
    ({"pairs": LIMITS.max_pairs + 1}, "corpus size"),
    ({"epochs": LIMITS.max_epochs + 1}, "epochs"),
    ({"epochs": 0}, "epochs"),
    ({"hidden_size": 512}, "hidden size"),
    ({"model": "no-such-model"}, "Unknown model"),
    ({"model": "transformer", "heads": 3}, "split evenly"),
    ({"corpus": "nowhere"}, "no saved corpus"),
])
def test_limits_are_enforced_in_core(data_dir, changes, message):
    with pytest.raises(JobSettingsError, match=message):
        check_settings(toy_settings(**changes), data_dir)
    assert LIMITS.max_pairs == 20_000 and LIMITS.max_epochs == 10 and LIMITS.max_hidden == 256
    assert "20,000" in LIMITS.describe()


def test_the_time_limit_stops_a_run_and_keeps_nothing_unfinished(data_dir):
    final = start_job(toy_settings(), data_dir, limits=TrainingLimits(max_seconds=0)).wait(JOB_TIMEOUT)
    assert final.state == "failed" and "time limit" in final.message
    assert not (data_dir / "models" / "run").exists()


def test_nothing_is_written_outside_data_dir(tmp_path, data_dir):
    shipped = ROOT / "checkpoints"
    shipped_before = {p: p.stat().st_mtime for p in shipped.rglob("*")}
    outside_before = files_under(tmp_path) - {f for f in files_under(tmp_path) if f.startswith("data")}
    assert start_job(toy_settings(epochs=1), data_dir).wait(JOB_TIMEOUT).state == "finished"
    assert files_under(tmp_path) - {f for f in files_under(tmp_path) if f.startswith("data")} == outside_before
    assert {p: p.stat().st_mtime for p in shipped.rglob("*")} == shipped_before


def snapshot(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under folder: equal snapshots, unchanged folder."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def held_in_evaluation(monkeypatch):
    """Jobs stay in the "evaluating" state until cancelled (then evaluate for real): the moment
    a cancel can land in, made certain instead of raced for. Returns an Event set on entry."""
    entered = threading.Event()
    evaluate = TrainingJob._evaluate

    def held(self, work, test_pairs):
        entered.set()
        self._cancel.wait(JOB_TIMEOUT)
        evaluate(self, work, test_pairs)

    monkeypatch.setattr(TrainingJob, "_evaluate", held)
    return entered


def test_cancel_while_evaluating_keeps_the_previous_model(data_dir, held_in_evaluation):
    """A cancel that lands while the job is evaluating is honoured: with overwrite=True the
    previous model stays as it was."""
    assert start_job(toy_settings("d_keep", epochs=1, evaluate=False), data_dir).wait(JOB_TIMEOUT).state == "finished"
    before = snapshot(data_dir / "models" / "d_keep")
    job = start_job(toy_settings("d_keep", epochs=1, hidden_size=32, overwrite=True), data_dir)
    assert held_in_evaluation.wait(JOB_TIMEOUT)
    assert job.snapshot().state == "evaluating"
    assert job.cancel() is True
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "cancelled" and "nothing was saved" in final.message, final.message
    assert "mine/d_keep** is as it was" in final.message
    assert snapshot(data_dir / "models" / "d_keep") == before
    assert load_checkpoint(data_dir / "models" / "d_keep").model.config.hidden_size == 16
    assert list((data_dir / "training").iterdir()) == []


def test_cancel_after_the_model_is_saved_says_it_came_too_late(data_dir):
    job = start_job(toy_settings(epochs=1), data_dir)
    assert job.wait(JOB_TIMEOUT).state == "finished"
    assert job.cancel() is False
    assert job.snapshot().state == "finished"
    assert load_checkpoint(data_dir / "models" / "run")


def test_cancel_while_the_corpus_is_prepared_trains_nothing(data_dir, monkeypatch):
    prepared, release = threading.Event(), threading.Event()
    load_splits = jobs.load_splits

    def slow_load_splits(config):
        prepared.set()
        release.wait(JOB_TIMEOUT)
        return load_splits(config)

    monkeypatch.setattr(jobs, "load_splits", slow_load_splits)
    job = start_job(toy_settings(), data_dir)
    assert prepared.wait(JOB_TIMEOUT)
    job.cancel()
    release.set()
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "cancelled" and final.steps == ()
    assert not (data_dir / "models").exists()


def test_overwrite_without_an_atomic_swap_still_replaces_the_model(data_dir, monkeypatch):
    """Where the kernel cannot swap two folders the old model goes aside first; the end state is the same."""
    monkeypatch.setattr(jobs, "_exchange", lambda first, second: False)
    assert start_job(toy_settings(epochs=1), data_dir).wait(JOB_TIMEOUT).state == "finished"
    assert start_job(toy_settings(epochs=1, hidden_size=32, overwrite=True), data_dir).wait(JOB_TIMEOUT).state == "finished"
    assert load_checkpoint(data_dir / "models" / "run").model.config.hidden_size == 32
    assert os.listdir(data_dir / "training") == [] and os.listdir(data_dir / "models") == ["run"]


def test_a_move_that_fails_half_way_puts_the_previous_model_back(data_dir, monkeypatch):
    assert start_job(toy_settings(epochs=1), data_dir).wait(JOB_TIMEOUT).state == "finished"
    before = snapshot(data_dir / "models" / "run")
    monkeypatch.setattr(jobs, "_exchange", lambda first, second: False)
    rename = Path.rename

    def failing_rename(self, target):
        if Path(target) == data_dir / "models" / "run" and self.parent.name == "training" \
                and not self.name.endswith(".replaced"):   # the new model's move fails, the way back works
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    final = start_job(toy_settings(epochs=1, hidden_size=32, overwrite=True), data_dir).wait(JOB_TIMEOUT)
    assert final.state == "failed" and "No space left" in final.message
    assert snapshot(data_dir / "models" / "run") == before


def test_an_odd_hidden_size_is_refused_before_anything_starts(data_dir):
    with pytest.raises(JobSettingsError, match="must be even"):
        start_job(toy_settings(hidden_size=17), data_dir)
    assert not running_jobs()
    assert not (data_dir / "models").exists() and not (data_dir / "training").exists()


def test_a_saved_model_is_readable_by_other_users(data_dir):
    previous = os.umask(0o077)
    try:
        assert start_job(toy_settings(epochs=1), data_dir).wait(JOB_TIMEOUT).state == "finished"
    finally:
        os.umask(previous)
    saved = data_dir / "models" / "run"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in saved.iterdir()} == {0o644}


# ------------------------------------------------------------------ what a killed server leaves behind


def left_behind(data_dir: Path, run: str, age_seconds: float = 3600, replaced: bool = False) -> Path:
    """data_dir/training/<run>/ as a run killed with its server leaves it, last changed age_seconds ago."""
    folder = data_dir / "training" / run
    folder.mkdir(parents=True)
    (folder / "history.json").write_text("{}")
    paths = [folder]
    if replaced:
        aside = folder.with_name(run + ".replaced")
        aside.mkdir()
        (aside / "model.pt").write_bytes(b"the previous model")
        paths.append(aside)
    past = time.time() - age_seconds
    for path in paths:
        os.utime(path, (past, past))
    return folder


def test_a_stale_working_folder_is_removed_at_the_next_start(data_dir, tmp_path):
    left_behind(data_dir, "old-1abcdef")
    (data_dir / "training" / "notes.txt").write_text("not a run")                 # not a name a run writes
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", data_dir / "training" / "link-2abcdef")       # never followed
    assert clean_stale_training_folders(data_dir) == ["old-1abcdef"]
    assert sorted(os.listdir(data_dir / "training")) == ["link-2abcdef", "notes.txt"]
    assert (tmp_path / "outside").is_dir()


def test_a_recent_folder_without_a_lock_is_not_judged(data_dir):
    left_behind(data_dir, "new-1abcdef", age_seconds=-60)   # changed after this process started
    assert clean_stale_training_folders(data_dir) == []
    assert (data_dir / "training" / "new-1abcdef").is_dir()


def test_a_model_set_aside_by_an_interrupted_swap_is_put_back(data_dir):
    left_behind(data_dir, "mine-1abcdef", replaced=True)
    assert clean_stale_training_folders(data_dir) == ["mine-1abcdef"]
    assert (data_dir / "models" / "mine" / "model.pt").read_bytes() == b"the previous model"
    assert os.listdir(data_dir / "training") == []


def test_the_folder_of_a_live_run_is_kept(data_dir, held_in_evaluation):
    job = start_job(toy_settings(epochs=1), data_dir)
    assert held_in_evaluation.wait(JOB_TIMEOUT)
    assert clean_stale_training_folders(data_dir) == []
    assert job.work_dir.is_dir() and job.lock_path.is_file()
    job.cancel()
    job.wait(JOB_TIMEOUT)
    assert os.listdir(data_dir / "training") == []


SERVER = """
import sys, threading
from app.jobs import JobSettings, TrainingJob, start_job
TrainingJob._evaluate = lambda self, work, pairs: threading.Event().wait()   # a run that never ends
job = start_job(JobSettings(name="killed", corpus="toy", pairs=100, epochs=1, hidden_size=16), sys.argv[1])
while job.snapshot().state != "evaluating":
    job.wait(0.05)
print(job.work_dir, flush=True)
threading.Event().wait()
"""


def test_a_server_killed_mid_run_leaves_nothing_after_the_next_start(data_dir):
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        work = Path(server.stdout.readline().strip())
        assert work.is_dir(), server.stderr.read() if server.poll() is not None else "no working folder"
        assert clean_stale_training_folders(data_dir) == [], "another live process owns it"
        assert work.is_dir()
    finally:
        server.send_signal(signal.SIGKILL)
        server.communicate(timeout=60)
    assert work.is_dir() and work.with_name(work.name + ".lock").is_file()   # what a killed server leaves
    restart = subprocess.run([sys.executable, "-c", "import sys; from app.jobs import clean_stale_training_folders; "
                              "print(clean_stale_training_folders(sys.argv[1]))", str(data_dir)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert restart.returncode == 0, restart.stderr
    assert restart.stdout.strip() == repr([work.name])
    assert os.listdir(data_dir / "training") == []
    assert not (data_dir / "models").exists()


# ------------------------------------------------------------------ corpora belong to the browser that uploaded them

TEACHER, STUDENT = "0123456789ab", "ba9876543210"   # two browsers' owner ids (core.owners.OWNER_ID's form)


def test_a_corpus_trains_only_for_its_owner_and_two_owners_may_use_one_name(tmp_path):
    data = tmp_path / "data"
    save_corpus(toy_pairs(), "class", data, owner=TEACHER)
    assert (data / "corpora" / TEACHER / "class.tsv").is_file()
    refused = toy_settings("copy", corpus="class", owner=STUDENT)
    for attempt in (lambda: check_settings(refused, data), lambda: start_job(refused, data)):
        with pytest.raises(JobSettingsError, match="no saved corpus called 'class' in this browser"):
            attempt()
    with pytest.raises(JobSettingsError, match="no saved corpus"):   # nor a run without an owner (a script's)
        check_settings(toy_settings("copy", corpus="class"), data)
    assert not running_jobs() and not (data / "models").exists()

    save_corpus(toy_pairs()[:8], "class", data, owner=STUDENT)   # the same name, another browser's sentences
    assert (data / "corpora" / TEACHER / "class.tsv").is_file(), "nothing of the teacher's is replaced"
    for owner, pairs in ((TEACHER, 12), (STUDENT, 8)):
        job = start_job(toy_settings("mine", corpus="class", owner=owner, evaluate=False), data)
        assert job.wait(JOB_TIMEOUT).state == "finished", job.snapshot().message
        config = json.loads((data / "models" / f"{owner}_mine" / "config.json").read_text(encoding="utf-8"))
        assert config["corpus"]["pairs"] == pairs, f"{owner} trained on its own 'class'"


def test_an_owner_less_corpus_is_never_a_browsers(tmp_path):
    """A file directly in data/corpora (saved before corpora had owners, or by a script): no
    browser lists it or trains on it."""
    data = tmp_path / "data"
    save_corpus(toy_pairs(), "legacy", data)
    assert (data / "corpora" / "legacy.tsv").is_file()
    assert owners.list_saved_corpora(data, TEACHER) == []
    with pytest.raises(JobSettingsError, match="no saved corpus called 'legacy'"):
        check_settings(toy_settings(corpus="legacy", owner=TEACHER), data)


def test_old_corpora_are_removed_with_old_private_models_and_recent_ones_kept(tmp_path):
    data = tmp_path / "data"
    now = time.time()
    old = now - (owners.PRIVATE_DAYS + 1) * 86_400
    files = {}
    for owner, name, saved in ((TEACHER, "old", old), (TEACHER, "recent", now - 3_600), (STUDENT, "old", old),
                               ("", "legacy", old), ("", "legacy_recent", now - 60)):
        files[owner, name] = save_corpus(toy_pairs(), name, data, owner=owner)
        os.utime(files[owner, name], (saved, saved))
    (data / "corpora" / "notes.md").write_text("not a corpus")
    os.utime(data / "corpora" / "notes.md", (old, old))

    assert owners.remove_old_private(data, now=now) == []   # the clean-up the app runs hourly; no models
    assert {key for key, path in files.items() if path.exists()} == {(TEACHER, "recent"), ("", "legacy_recent")}
    assert not (data / "corpora" / STUDENT).exists(), "a browser left without corpora leaves no folder"
    assert (data / "corpora" / "notes.md").is_file(), "only what save_corpus writes is removed"
    assert owners.list_saved_corpora(data, TEACHER) == ["recent"]


def test_the_default_run_is_the_measured_classroom_run_and_the_full_corpus_keeps_its_settings():
    default = JobSettings(name="default")
    config = default.train_config(jobs.corpus_path(default, "/nowhere"))
    assert (config.corpus, config.pairs, config.epochs, config.hidden_size, config.embedding_size,
            config.attention_size) == ("classroom", 20_000, 5, 128, 64, 64)
    assert (config.dropout, config.batch_size, config.learning_rate, config.max_source_tokens, config.patience) == (
        0.0, 32, 0.003, 11, 3)
    full = JobSettings(name="full", corpus=jobs.GENERATED, epochs=4).train_config(jobs.GENERATED)
    assert full.corpus == "generated" and full.patience == 4 and full.max_source_tokens == 60
    assert full.dropout != 0.0 and full.batch_size == 64


def test_a_classroom_job_trains_on_the_short_sentences_and_is_evaluated_on_their_test_split(data_dir):
    job = start_job(JobSettings(name="short", corpus=jobs.CLASSROOM, pairs=200, epochs=1, hidden_size=16), data_dir)
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "finished", final.message
    saved = data_dir / "models" / "short"
    config = json.loads((saved / "config.json").read_text())
    assert config["corpus"]["corpus"] == "classroom" and config["corpus"]["max_source_tokens"] == 10
    from core.language.classroom_subset import classroom_splits
    from core.nmt.held_out import held_out_split_for
    evaluation = json.loads((saved / "eval.json").read_text())
    test_split = classroom_splits(200, 0, 10).test
    assert evaluation["test_sentences"] == len(test_split) and "at most 10 Hindi words" in evaluation["test_set"]
    assert len(held_out_split_for(load_checkpoint(saved))) == len(test_split)   # what the pages evaluate it on


def test_the_summary_table_counts_epochs_from_1_and_prints_bleu_as_a_person_reads_it():
    from app.reports import run_epochs_frame
    from core.fit import EpochReport
    frame = run_epochs_frame([EpochReport(1, 4.123456, 3.98765, 1e-11, 2.6, 900.0, True, 0.003)])
    row = frame.iloc[0]
    assert row["epoch"] == 1 and len(frame) == 1
    assert row["validation BLEU"] == 0.0 and str(row["validation BLEU"]) == "0.0"
    assert row["training loss"] == 4.123 and row["seconds"] == 3


def test_the_probe_sentence_attention_is_live_during_the_run(data_dir):
    job = start_job(toy_settings("watched", probe="मैं खाना खा रहा हूँ", epochs=6, hidden_size=32), data_dir)
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "finished", final.message
    probe = final.probe
    assert probe is not None and probe["label"] == "end of epoch 6"
    assert probe["source"] == ["मैं", "खाना", "खा", "रहा", "हूँ", "<eos>"]
    assert probe["weights"] and all(len(row) == len(probe["source"]) for row in probe["weights"])
    assert all(abs(sum(row) - 1) < 0.01 for row in probe["weights"])   # each written word's attention sums to 1


def test_an_uploaded_corpus_is_watched_on_its_first_test_sentence_and_a_long_probe_is_refused(data_dir):
    from core.nmt.data import split_pairs
    final = start_job(toy_settings("upload_watched", epochs=1), data_dir).wait(JOB_TIMEOUT)
    assert final.state == "finished", final.message
    first_test = split_pairs(toy_pairs(), 0, 100).test[0]
    assert final.probe["source"][:-1] == list(first_test.source_tokens)
    with pytest.raises(JobSettingsError, match="at most 200 characters"):
        check_settings(toy_settings("long", probe="क" * 201), data_dir)


def test_stop_and_keep_saves_the_best_finished_epoch_as_a_finished_model(data_dir, monkeypatch):
    started, holder = threading.Event(), {}
    real_add_epoch = jobs.JobProgress.add_epoch

    def add_epoch_then_stop(progress, report):   # the button is pressed as epoch 1 ends
        real_add_epoch(progress, report)
        started.wait(60)
        holder["job"].stop_and_keep()

    monkeypatch.setattr(jobs.JobProgress, "add_epoch", add_epoch_then_stop)
    holder["job"] = start_job(toy_settings("kept", epochs=10), data_dir)
    started.set()
    final = holder["job"].wait(JOB_TIMEOUT)
    assert final.state == "stopped" and "best finished epoch was kept" in final.message and "mine/kept" in final.message
    assert len(final.epochs) == 1
    saved = data_dir / "models" / "kept"
    assert load_checkpoint(saved).best_epoch == 1 and (saved / "eval.json").is_file()
    assert list((data_dir / "training").iterdir()) == []


def test_the_pages_offer_a_classroom_model_its_own_test_sentences():
    from types import SimpleNamespace
    from app.model_registry import test_pairs
    from core.language.classroom_subset import classroom_splits
    corpus = {"corpus": "classroom", "pairs": 200, "seed": 0, "max_source_tokens": 10}
    offered = test_pairs(SimpleNamespace(loaded=SimpleNamespace(metadata={"corpus": corpus})))
    assert [p.source_text for p in offered] == [p.source_text for p in classroom_splits(200, 0, 10).test]
