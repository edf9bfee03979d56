"""Background training jobs: progress, cancel, the server-wide cap, names, limits, where files go."""
import json
from pathlib import Path

import pytest

from core.nmt.checkpoint import load_checkpoint
from core.language.user_corpus import InvalidNameError, save_corpus
from app.jobs import (LIMITS, JobSettings, JobSettingsError, ServerBusyError, TrainingLimits,
                                check_settings, running_jobs, start_job)
from tests.toy_corpus import toy_pairs

ROOT = Path(__file__).resolve().parent.parent
JOB_TIMEOUT = 300  # seconds; a toy run takes ~1 s, but this machine is shared and sometimes crawls


@pytest.fixture
def data_dir(tmp_path):
    """A data folder holding the toy corpus as an upload called 'toy' (trains in a second)."""
    data = tmp_path / "data"
    save_corpus(toy_pairs(), "toy", data)
    return data


@pytest.fixture(autouse=True)
def no_job_left_running():
    yield
    for job in running_jobs():
        job.cancel()
        job.wait(JOB_TIMEOUT)


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
    assert [e.epoch for e in final.epochs] == [0, 1]
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
    assert list((data_dir / "training").iterdir()) == []


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
    ({"model": "transformer"}, "Unknown model"),
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
