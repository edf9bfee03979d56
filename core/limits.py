"""What one visitor, and the whole server, may use: the limits of a run trained in a browser and
of what is kept on disk, in one place. The pages show them (describe); core.quotas and app.jobs
enforce them.

Sizes, measured with `du -sh checkpoints/*`: a shipped model (hidden size 256) is 9.3–10 MB, so
a browser's biggest model is about 10 MB; an upload is at most 20 MB
(core.language.user_corpus.MAX_FILE_BYTES) and saves to about the same size or less.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
MAX_RUNNING_JOBS = 1   # the server has few cores; a second run would halve both


@dataclass(frozen=True)
class TrainingLimits:
    max_pairs: int = 20_000
    max_epochs: int = 10
    max_hidden: int = 256
    max_seconds: float = 15 * 60
    min_pairs: int = 100
    min_hidden: int = 16

    def describe(self) -> str:
        return (f"at most {self.max_pairs:,} sentence pairs, {self.max_epochs} epochs, hidden size "
                f"{self.max_hidden} and {self.max_seconds / 60:.0f} minutes per run; "
                f"{MAX_RUNNING_JOBS} run{'s' if MAX_RUNNING_JOBS > 1 else ''} at a time on this server")


@dataclass(frozen=True)
class StorageLimits:
    """What is kept per browser (owner) and on the whole server. A class of 30 keeping everything
    is 30 × (60 + 100) MB = 4.8 GB, under server_bytes."""
    corpora_per_owner: int = 10
    corpus_bytes_per_owner: int = 60 * MB      # three full 20 MB uploads
    models_per_owner: int = 10
    model_bytes_per_owner: int = 100 * MB      # ten models of the biggest size (about 10 MB each)
    server_bytes: int = 5 * 1024 * MB          # everything under the data folder together

    def describe(self) -> str:
        return (f"{self.corpora_per_owner} corpora of {self.corpus_bytes_per_owner // MB} MB together and "
                f"{self.models_per_owner} models of {self.model_bytes_per_owner // MB} MB together per browser; "
                f"{self.server_bytes / 1024 / MB:g} GB for everyone on this server")


TRAINING = TrainingLimits()
STORAGE = StorageLimits()
