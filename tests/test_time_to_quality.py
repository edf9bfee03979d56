"""tools.time_to_quality: the curve of a run's quality, and when it first reached each level."""
from dataclasses import replace

import pytest
import torch

from core.language.classroom_subset import classroom_splits
from tools.time_to_quality import (BROWSER_DEFAULT, Point, Run, first_reach, format_report, linear_warmup, measure)


def point(step, bleu, aer, seconds=None):
    seconds = float(step) if seconds is None else seconds
    return Point(step=step, epoch=1 + step // 100, cpu_seconds=seconds, wall_seconds=2 * seconds,
                 validation_bleu=bleu, aer=aer)


def test_first_reach_takes_the_first_point_meeting_each_level():
    curve = [point(10, 5.0, 0.9), point(20, 40.0, 0.25), point(30, 61.0, 0.35), point(40, 70.0, 0.2)]
    reached = first_reach(curve, bleu_level=60, aer_level=0.3)
    assert reached["bleu"]["step"] == 30   # the first BLEU ≥ 60
    assert reached["aer"]["step"] == 20    # AER ≤ 0.30 before BLEU got there
    assert reached["both"]["step"] == 40   # at 30 the AER had risen above the level again
    assert reached["both"]["cpu_seconds"] == 40.0 and reached["both"]["wall_seconds"] == 80.0


def test_levels_are_inclusive_and_never_reached_is_none():
    curve = [point(10, 60.0, 0.3)]
    assert first_reach(curve, 60, 0.3)["both"]["step"] == 10
    reached = first_reach(curve, 60.01, 0.29)
    assert reached["bleu"] is None and reached["aer"] is None and reached["both"] is None


def test_a_model_without_attention_weights_never_aligns():
    reached = first_reach([point(10, 90.0, None)], 60, 0.3)
    assert reached["bleu"]["step"] == 10
    assert reached["aer"] is None and reached["both"] is None


def test_warmup_raises_the_rate_linearly_then_leaves_it():
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.Adam([parameter], lr=1.0)
    after = linear_warmup(optimizer, 0.004, steps=4)
    rates = [optimizer.param_groups[0]["lr"]]
    for step in range(1, 7):
        after(step)
        rates.append(optimizer.param_groups[0]["lr"])
    assert rates[:4] == pytest.approx([0.001, 0.002, 0.003, 0.004])
    optimizer.param_groups[0]["lr"] = 0.002   # halved on a plateau later: warm-up must not undo it
    after(7)
    assert optimizer.param_groups[0]["lr"] == 0.002


@pytest.fixture(scope="module")
def report():
    torch.manual_seed(0)
    config = replace(BROWSER_DEFAULT, embedding_size=16, hidden_size=16, attention_size=16, epochs=2, patience=5,
                     pairs=300, batch_size=32, max_source_tokens=9)
    splits = classroom_splits(pairs=300, seed=0, max_source_tokens=8)
    return measure(Run("tiny", config, splits, warmup_steps=3), every_steps=4, bleu_level=0.0, aer_level=1.0)


def test_the_curve_has_a_point_every_n_steps_and_at_every_epoch(report):
    steps_per_epoch = report["steps"] // report["epochs_run"]
    assert report["epochs_run"] == 2 and steps_per_epoch == 10   # 300 pairs in batches of 32
    steps = [p["step"] for p in report["curve"]]
    assert steps == [4, 8, 10, 12, 16, 20]
    assert [p["epoch"] for p in report["curve"]] == [1, 1, 1, 2, 2, 2]
    seconds = [p["cpu_seconds"] for p in report["curve"]]
    assert seconds == sorted(seconds) and seconds[0] > 0


def test_every_point_has_a_bleu_and_an_aer(report):
    for p in report["curve"]:
        assert 0 <= p["validation_bleu"] <= 100
        assert 0 <= p["aer"] <= 1


def test_levels_any_run_meets_are_reached_at_the_first_point(report):
    first = report["curve"][0]
    assert report["first_reach"]["both"] == first


def test_the_kept_model_is_scored_on_the_test_split(report):
    assert report["test_pairs"] == len(classroom_splits(pairs=300, seed=0, max_source_tokens=8).test)
    assert 0 <= report["test"]["bleu"] <= 100 and 0 <= report["test"]["aer"] <= 1
    assert report["settings"]["hidden_size"] == 16 and report["warmup_steps"] == 3


def test_the_report_reads_as_text(report):
    text = format_report(report)
    assert text.startswith("tiny: 300 training pairs, 2 epochs, 20 steps")
    assert text.count("\n") == 5 + len(report["curve"])
    unreachable = {**report, "first_reach": first_reach([], 60, 0.3)}
    assert "validation BLEU ≥ 60: not reached" in format_report(unreachable)


def test_a_run_trains_with_the_optimizer_core_train_builds_for_its_recipe(monkeypatch):
    """The shipped recipe's fused Adam (TrainConfig.fused_adam) is what the measured run uses too."""
    import tools.time_to_quality as time_to_quality
    from core.nmt.train import build_optimizer
    built = []

    def recorded(config, model):
        built.append(build_optimizer(config, model))
        return built[-1]
    monkeypatch.setattr(time_to_quality, "build_optimizer", recorded)
    config = replace(BROWSER_DEFAULT, embedding_size=16, hidden_size=16, attention_size=16, epochs=1, pairs=100,
                     batch_size=32, max_source_tokens=9, fused_adam=True)
    measure(Run("fused", config, classroom_splits(pairs=100, seed=0, max_source_tokens=8)), every_steps=0)
    assert len(built) == 1 and built[0].defaults["fused"] is True
