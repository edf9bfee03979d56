"""The classroom subset: the generated language cut to short sentences, for a run a class can watch.

    splits = classroom_splits(pairs=20_000, seed=0)       # CorpusSplits, like generate_corpus

Same generator, same seeded stream, same test and validation sentences: each split of
`generate_corpus` is filtered to the pairs whose Hindi side has at most `max_source_tokens`
tokens (final mark included), in the stream's order. What changes is only what a model meets.
A sentence of at most 10 words is most of what a student types, its attention matrix is small
enough to read at a glance, and a model learns it in about a minute of one core
(docs/watch_it_learn.md has the measurements).

The seed sentence's words (`SEED_WORDS`) are always among the training pairs' words: the live
heatmap of a run shows the seed sentence, and a word the model never saw would be <unk> there.
Gold alignments are kept untouched, so AER is measured exactly as on the full corpus.
"""
from __future__ import annotations

from core.language.corpus import generate_corpus
from core.language.pairs import CorpusSplits, SentencePair
from core.language.text import tokenize_hindi

SEED_SENTENCE = "मैं खाना खा रहा हूँ"  # the sentence every page opens with, and the first attention probe
SEED_WORDS = frozenset(tokenize_hindi(SEED_SENTENCE))

CLASSROOM_MAX_SOURCE_TOKENS = 10  # the first evaluation bucket, 1–10 source words
CLASSROOM_PAIRS = 20_000  # the Training page default (docs/watch_it_learn.md: more sentences, not more epochs)


def fits(pair: SentencePair, max_source_tokens: int) -> bool:
    return len(pair.source_tokens) <= max_source_tokens


def classroom_splits(pairs: int = CLASSROOM_PAIRS, seed: int = 0,
                     max_source_tokens: int = CLASSROOM_MAX_SOURCE_TOKENS) -> CorpusSplits:
    """`pairs` training pairs of at most max_source_tokens Hindi tokens, and the validation and
    test pairs of the full corpus (same seed) that fit the same bound.

    The full corpus's training split grows as a prefix of one stream (generate_corpus fills test
    and validation first, and only its last 5% at most are paradigm completion sentences), so
    drawing more and keeping the first `pairs` that fit gives the same pairs whatever the draw:
    the result depends on (pairs, seed, max_source_tokens) alone."""
    if pairs < 1:
        raise ValueError(f"the classroom subset needs at least 1 training pair (got {pairs})")
    if max_source_tokens < 2:
        raise ValueError(f"sentences of at most {max_source_tokens} tokens leave nothing to translate")
    draw = 2 * pairs
    while True:
        full = generate_corpus(n_train=draw, seed=seed)
        train = [pair for pair in full.train if fits(pair, max_source_tokens)]
        if len(train) >= pairs or len(full.train) < draw:
            break
        draw *= 2
    train = train[:pairs]
    missing = SEED_WORDS - {word for pair in train for word in pair.source_tokens}
    if missing:
        raise ValueError(f"the classroom subset of {pairs} pairs lacks the seed sentence's words "
                         f"{' '.join(sorted(missing))}: ask for more pairs")
    return CorpusSplits(train=train,
                        validation=[pair for pair in full.validation if fits(pair, max_source_tokens)],
                        test=[pair for pair in full.test if fits(pair, max_source_tokens)])
