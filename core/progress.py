"""A one-line text progress bar for training in a terminal, fed by core.fit's callbacks."""
from __future__ import annotations

import sys

from core.fit import EpochReport, StepReport


class ProgressBar:
    """Redraws one line every 10 steps and at an epoch's end, then writes one line per epoch
    (no dependency needed for this)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream

    def on_step(self, report: StepReport) -> None:
        if report.step % 10 and report.epoch_fraction < 1:
            return
        filled = int(30 * report.epoch_fraction)
        self.stream.write(f"\repoch {report.epoch} [{'#' * filled}{'.' * (30 - filled)}] "
                          f"loss {report.loss:.3f}  {report.tokens_per_second:,.0f} tok/s ")
        self.stream.flush()

    def on_epoch(self, report: EpochReport) -> None:
        self.stream.write(f"\repoch {report.epoch}: train loss {report.train_loss:.3f}  "
                          f"val loss {report.validation_loss:.3f}  val BLEU {report.validation_bleu:.1f}  "
                          f"{report.seconds:.0f}s  {report.tokens_per_second:,.0f} tok/s"
                          f"{'  (saved)' if report.improved else ''}\n")
