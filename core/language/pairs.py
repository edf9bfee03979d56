"""Sentence pairs and their splits: what the generator writes and a user's file holds.

A pair is tokens on both sides and, for generated pairs, the gold word alignment. The length
buckets are those of the evaluation (Bahdanau et al. 2015 plot BLEU against source length).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.language.text import detokenize_english, detokenize_hindi

# The corpora built from the generator, not read from a file: "generated" (the full corpus),
# "classroom" (its sentences of at most 10 Hindi words, core.language.classroom_subset) and
# "conversational" (the full corpus with core.language.conversation's wider everyday grammar in
# 15% of its everyday sentences: opt-in, for the next retrain). A saved corpus may not take one of
# these names: the Training page lists both, and the name would train the built-in one.
BUILT_IN_CORPORA = ("generated", "classroom", "conversational")

# Source-length buckets of the evaluation (Bahdanau et al. 2015 plot BLEU against length).
LENGTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 10), (11, 20), (21, 30), (31, 40), (41, None))


def bucket_label(bucket: tuple[int, int | None]) -> str:
    low, high = bucket
    return f"{low}–{high}" if high is not None else f"{low}+"


def length_bucket(n_tokens: int) -> str:
    """The label of the bucket a source of n_tokens falls in: 7 -> '1–10', 45 -> '41+'."""
    for low, high in LENGTH_BUCKETS:
        if n_tokens >= low and (high is None or n_tokens <= high):
            return bucket_label((low, high))
    return bucket_label(LENGTH_BUCKETS[0])


@dataclass(frozen=True)
class SentencePair:
    """One Hindi sentence and its English translation, as tokens.

    alignment holds gold links (source_index, target_index), sorted; it is empty for pairs
    loaded from a user's file, where nobody knows the alignment. raw_target is the English as
    the file wrote it (a user's pair): the reference BLEU and chrF are computed against, never
    our re-joined tokens. Pairs are equal when their tokens are.
    """

    source_tokens: tuple[str, ...]
    target_tokens: tuple[str, ...]
    alignment: tuple[tuple[int, int], ...] = field(default=())
    raw_target: str | None = field(default=None, compare=False)

    @property
    def source_text(self) -> str:
        return detokenize_hindi(self.source_tokens)

    @property
    def target_text(self) -> str:
        return self.raw_target if self.raw_target is not None else detokenize_english(self.target_tokens)


@dataclass
class CorpusSplits:
    train: list[SentencePair]
    validation: list[SentencePair]
    test: list[SentencePair]
