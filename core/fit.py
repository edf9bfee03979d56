"""One training loop for every model in Dhyan (minGPT's trainer shape), knowing nothing of who calls it.

    state = fit(model, optimizer, task, FitSettings(epochs=12, patience=3, clip_norm=1.0),
                state=FitState(), callbacks=[probes, saver, TrainCallbacks(on_step=bar.on_step)])

The caller says what the data is (a FitTask: the batches of an epoch, the loss of a batch, the
validation scores); fit() runs the epochs and decides what every trainer here decides the same way:
gradient clipping, early stopping on the validation score, the learning-rate schedule. Everything
else leaves through callbacks, called in the order given: attention probes, saving, a progress bar,
a Streamlit element, a test's list. `should_stop` is polled after every step so a UI can cancel.

Epochs are counted from 1, as the progress bar and the Training page count them: StepReport.epoch
is the epoch in progress, EpochReport.epoch the one just finished, FitState.epoch the number of
epochs finished. FitState holds everything needed to continue a run where it stopped, the
history included, so a resumed run never repeats or skips a step.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Callable, Protocol, Sequence

import torch

@dataclass
class StepReport:
    step: int
    epoch: int  # the epoch in progress, counted from 1
    loss: float
    epoch_fraction: float  # how far through this epoch, 0..1
    tokens_per_second: float


@dataclass
class EpochReport:
    epoch: int  # counted from 1
    train_loss: float
    validation_loss: float
    validation_bleu: float
    seconds: float
    tokens_per_second: float
    improved: bool
    learning_rate: float  # the rate this epoch trained with
    training_seconds: float = 0.0  # all epochs so far, this one included (validation not counted)


@dataclass
class TrainCallbacks:
    """What a caller hears of the loop; every field may stay None."""
    on_start: Callable[[], None] | None = None  # before the first update of a run (not of a resumed one)
    on_step: Callable[[StepReport], None] | None = None
    on_epoch: Callable[[EpochReport], None] | None = None
    should_stop: Callable[[], bool] | None = None


@dataclass
class FitSettings:
    epochs: int  # the run ends after this many epochs at most
    patience: int  # epochs without a better validation score before stopping early
    clip_norm: float  # gradients rescaled to at most this global norm
    world_size: int = 1  # DDP processes, each seeing 1/world_size of the batches (for tokens/s)


@dataclass
class FitState:
    """Where a run stands; saved whole (history included) so --resume continues exactly."""
    epoch: int = 0  # epochs finished
    step: int = 0  # optimizer updates made
    best_score: float = -1.0  # best validation score (BLEU) so far
    best_loss: float = math.inf  # lowest validation loss so far
    epochs_without_gain: int = 0  # since the score last improved: early stopping
    epochs_without_lower_loss: int = 0  # since the loss last fell: the learning-rate schedule
    training_seconds: float = 0.0  # summed epoch times, validation excluded
    stopped_early: bool = False
    cancelled: bool = False
    history: dict = field(default_factory=lambda: {"steps": [], "epochs": []})

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, saved: dict) -> "FitState":
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in saved.items() if key in known})


class FitTask(Protocol):
    """The data side of a run; fit() calls these and nothing else of the caller's."""

    def batches(self, epoch: int) -> Sequence[Any]:
        """The batches of `epoch` (from 1), in order; a function of the epoch alone, so a
        resumed run sees exactly the batches an uninterrupted one would."""

    def loss(self, batch: Any) -> tuple[torch.Tensor, int]:
        """(mean loss per token, tokens it averages over) of one batch, in training mode."""

    def validate(self) -> tuple[float, float]:
        """(validation loss per token, validation score such as BLEU: higher is better)."""


Schedule = Callable[[torch.optim.Optimizer, FitState], None]


def halve_on_plateau(patience: int, floor: float) -> Schedule:
    """The learning-rate schedule: halve the rate once the validation loss has not fallen for
    `patience` epochs in a row, never below `floor` (halving on every stalled epoch took it to
    1e-6, after which epochs changed nothing)."""

    def schedule(optimizer: torch.optim.Optimizer, state: FitState) -> None:
        if state.epochs_without_lower_loss < patience:
            return
        for group in optimizer.param_groups:
            group["lr"] = max(floor, group["lr"] * 0.5)
        state.epochs_without_lower_loss = 0  # the next halving waits `patience` epochs again

    return schedule


def improved(score: float, loss: float, state: FitState) -> bool:
    """A better validation score, or the same score with a lower loss than ever."""
    return score > state.best_score or (score == state.best_score and loss < state.best_loss)


def _call(callbacks: Sequence[TrainCallbacks], event: str, *arguments) -> None:
    for callback in callbacks:
        handler = getattr(callback, event)
        if handler is not None:
            handler(*arguments)


def _stop_requested(callbacks: Sequence[TrainCallbacks]) -> bool:
    return any(c.should_stop is not None and c.should_stop() for c in callbacks)


def run_epoch(model: torch.nn.Module, optimizer, task: FitTask, settings: FitSettings, state: FitState,
              callbacks: Sequence[TrainCallbacks]) -> tuple[float, int, float] | None:
    """One pass over the epoch's batches -> (summed loss × tokens, tokens, seconds), or None
    when a callback asked to stop."""
    epoch = state.epoch + 1
    batches = task.batches(epoch)
    start, tokens, loss_sum = time.perf_counter(), 0, 0.0
    for number, batch in enumerate(batches):
        loss, batch_tokens = task.loss(batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), settings.clip_norm)
        optimizer.step()
        state.step += 1
        value = loss.item()
        tokens, loss_sum = tokens + batch_tokens, loss_sum + value * batch_tokens
        state.history["steps"].append([state.step, round(value, 4)])
        elapsed = max(time.perf_counter() - start, 1e-9)
        _call(callbacks, "on_step", StepReport(state.step, epoch, value, (number + 1) / len(batches),
                                               tokens * settings.world_size / elapsed))
        if _stop_requested(callbacks):
            return None
    return loss_sum, tokens, time.perf_counter() - start


def fit(model: torch.nn.Module, optimizer: torch.optim.Optimizer, task: FitTask, settings: FitSettings,
        state: FitState | None = None, callbacks: Sequence[TrainCallbacks] = (),
        schedule: Schedule | None = None) -> FitState:
    """Train until settings.epochs are finished, the score stalls for settings.patience epochs,
    or a callback asks to stop; continue from `state` when given. Returns the final state."""
    state = state or FitState()
    if state.step == 0:
        _call(callbacks, "on_start")
    model.train()
    while state.epoch < settings.epochs and not state.stopped_early:
        learning_rate = optimizer.param_groups[0]["lr"]
        ran = run_epoch(model, optimizer, task, settings, state, callbacks)
        if ran is None:
            state.cancelled = True
            break
        loss_sum, tokens, seconds = ran
        state.training_seconds += seconds
        # Every DDP rank validates the same data with the same (synchronised) weights, so the
        # decisions below agree everywhere without any communication.
        validation_loss, score = task.validate()
        model.train()
        gained = improved(score, validation_loss, state)
        if validation_loss < state.best_loss:
            state.best_loss, state.epochs_without_lower_loss = validation_loss, 0
        else:
            state.epochs_without_lower_loss += 1
        if schedule is not None:
            schedule(optimizer, state)
        if gained:
            state.best_score, state.epochs_without_gain = score, 0
        else:
            state.epochs_without_gain += 1
        state.stopped_early = state.epochs_without_gain >= settings.patience
        state.epoch += 1
        report = EpochReport(state.epoch, loss_sum / max(tokens, 1), validation_loss, score, seconds,
                             tokens * settings.world_size / max(seconds, 1e-9), gained, learning_rate,
                             round(state.training_seconds, 2))
        state.history["epochs"].append(asdict(report))
        _call(callbacks, "on_epoch", report)
    return state
