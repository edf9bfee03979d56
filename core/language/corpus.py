"""The Hindi-English corpus: sentence pairs with gold word alignments, and their splits.

The generator samples sentence descriptions (core.language.grammar.Sentence) from a seeded
random.Random and realises them in both languages (core.language.grammar.realise); the words come from
core.language.lexicon. The same seed always gives the same pairs.

What the stream looks like: two in five sentences have one clause (nearly half of those bare:
"मैं खाना खा रहा हूँ" / "I am eating"; a quarter of them are yes/no questions with क्या ... ?);
the rest join two to five clauses with और / लेकिन / क्योंकि, so sources run from 3 to 60 tokens
and every length bucket fills. Statements carry no final punctuation on either side.

A Hindi sentence has exactly one English translation, with one exception that Hindi itself
makes: उसने, उसे, उसका, उससे do not show the referent's gender, so "उसने खाना खाया" is
"He ate" or "She ate" at random (वह shows it through the verb: वह गया / वह गई).
See core.language.grammar for how words are aligned.

The conversational stream (conversational=True: the built-in corpus "conversational") is the same
stream with CONVERSATIONAL_SHARE of its everyday draws taken from core.language.conversation
instead: a wider everyday grammar for the next retrain. The default stream never draws for it, so
it stays the corpus the shipped checkpoints were trained on, pair for pair.

    python -m core.corpus --n 10 --seed 0       # Hindi <TAB> English
    python -m core.corpus --n 3 --align         # ... and each pair's word links
    python -m core.corpus --stats               # lengths, buckets and vocabularies of generate_corpus()
    python -m core.corpus --conversational      # the same, of the conversational stream
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
from collections import Counter
from contextlib import contextmanager
from itertools import accumulate
from typing import Iterator, Sequence

from core.language.clauses import pick, sample_clause, weighted_pick
from core.language.conversation import CONVERSATIONAL_SHARE, sample_conversational
from core.language.everyday import PHRASE_SOURCES, sample_everyday
from core.language.grammar import Sentence, pair_from_items, realise
from core.language.lexicon import CONJUNCTIONS, nfc
from core.language.pairs import LENGTH_BUCKETS, CorpusSplits, SentencePair, bucket_label, length_bucket
from core.language.paradigms import paradigm

# ================================================================== the sampler

# How many clauses a sentence has. One in three is a single clause, so that short sentences
# ("मैं खाना खा रहा हूँ") are common; five-clause sentences fill the 41+ bucket.
_CLAUSE_COUNTS = (1, 2, 3, 4, 5)
_CLAUSE_CUM_WEIGHTS = tuple(accumulate((0.40, 0.14, 0.14, 0.14, 0.18)))
_SIMPLE_SHARE = 0.45          # of one-clause sentences: bare subject + verb (+ required object)
_QUESTION_SHARE = 0.25        # of one-clause sentences
_COMMA_SHARE = 0.3             # of लेकिन / क्योंकि joins: with a comma before them
EVERYDAY_SHARE = 0.4           # of the stream: core.language.everyday's short everyday sentences


def sample_sentence(rng: random.Random) -> Sentence:
    """A sentence of one to five clauses joined by और / लेकिन / क्योंकि, or a yes/no question."""
    n = weighted_pick(rng, _CLAUSE_COUNTS, _CLAUSE_CUM_WEIGHTS)
    if n == 1:
        simple = rng.random() < _SIMPLE_SHARE
        question = rng.random() < _QUESTION_SHARE
        return Sentence((sample_clause(rng, simple, question),), (), question)
    clauses = []
    for _ in range(n):
        clauses.append(sample_clause(rng))
    conjunctions = []
    for _ in range(n - 1):
        hindi, english = pick(rng, CONJUNCTIONS)
        if english != "and" and rng.random() < _COMMA_SHARE:      # मैं गया, लेकिन ...: I went, but ...
            hindi, english = (",", hindi), (",", english)
        conjunctions.append((hindi, english))
    return Sentence(tuple(clauses), tuple(conjunctions))


MIN_SOURCE_TOKENS, MAX_SOURCE_TOKENS = 3, 60

# How sentences end. Hindi statements end with the danda or with nothing (people type both), and
# English with the matching full stop or nothing; questions with ?; commands and greetings often with !.
_FINAL_MARKS = {  # kind: ((probability, Hindi mark, English mark), ...); the rest have no mark
    "statement": ((0.6, "।", "."),),
    "question": ((0.88, "?", "?"),),
    "imperative": ((0.3, "!", "!"), (0.3, "।", ".")),
    "phrase": ((0.25, "!", "!"), (0.15, "।", ".")),
}


def _final_mark(rng: random.Random, kind: str) -> tuple[str, str] | None:
    r = rng.random()
    for probability, hindi, english in _FINAL_MARKS[kind]:
        if r < probability:
            return hindi, english
        r -= probability
    return None


def _with_final_mark(pair: SentencePair, mark: tuple[str, str] | None) -> SentencePair:
    if mark is None:
        return pair
    i, j = len(pair.source_tokens), len(pair.target_tokens)
    return SentencePair(pair.source_tokens + (mark[0],), pair.target_tokens + (mark[1],), pair.alignment + ((i, j),))


# Spoken forms people type as often as the written ones: वो for वह, मुझको for मुझे ... Each is one
# token for one token, so the alignment stays as it is.
_COLLOQUIAL = {nfc(k): nfc(v) for k, v in {"वह": "वो", "मुझे": "मुझको", "तुम्हें": "तुमको", "उसे": "उसको",
                                           "हमें": "हमको", "उन्हें": "उनको"}.items()}
_COLLOQUIAL_SHARE = 0.15      # of pairs: each such form replaced with probability 1/2


def _colloquial(rng: random.Random, pair: SentencePair) -> SentencePair:
    source = tuple(_COLLOQUIAL[t] if t in _COLLOQUIAL and rng.random() < 0.5 else t for t in pair.source_tokens)
    return SentencePair(source, pair.target_tokens, pair.alignment)


def sample_pair(rng: random.Random, conversational: bool = False) -> SentencePair | None:
    """One pair of the stream: an everyday sentence (core.language.everyday) or a grammar sentence
    of one to five clauses, with its final punctuation; None for a draw outside 3..60 tokens.
    conversational: CONVERSATIONAL_SHARE of the everyday sentences come from
    core.language.conversation (the draw that decides it is made only then)."""
    if rng.random() < EVERYDAY_SHARE:
        if conversational and rng.random() < CONVERSATIONAL_SHARE:
            kind, hindi, english = sample_conversational(rng)
        else:
            kind, hindi, english = sample_everyday(rng)
        mark = _final_mark(rng, kind)
        if mark is not None:
            hindi = hindi + [(mark[0], (-1,))]
            english = english + [(mark[1], (-1,))]
        pair = pair_from_items(hindi, english)
    else:
        sentence = sample_sentence(rng)
        pair = realise(sentence)
        if not MIN_SOURCE_TOKENS <= len(pair.source_tokens) <= MAX_SOURCE_TOKENS:
            return None
        if not sentence.question:
            pair = _with_final_mark(pair, _final_mark(rng, "statement"))
    return _colloquial(rng, pair) if rng.random() < _COLLOQUIAL_SHARE else pair


def _pair_stream(seed: int, conversational: bool = False) -> Iterator[SentencePair]:
    rng = random.Random(seed)
    while True:
        pair = sample_pair(rng, conversational)
        if pair is not None:
            yield pair


def is_phrase(pair: SentencePair) -> bool:
    """A fixed phrase (नमस्ते, धन्यवाद): a word of the language, taught in training, never held out."""
    tokens = pair.source_tokens
    if tokens and tokens[-1] in ("।", "!", "?"):
        tokens = tokens[:-1]
    return tokens in PHRASE_SOURCES


@contextmanager
def _without_garbage_collection():
    """The generator makes millions of small tuples and no reference cycles; the cyclic
    collector would only rescan the growing list of pairs (about a tenth of the run time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate_pairs(n: int, seed: int = 0, conversational: bool = False) -> list[SentencePair]:
    """The first n pairs of the seeded stream (duplicates kept); conversational: of the
    conversational stream (sample_pair)."""
    stream = _pair_stream(seed, conversational)
    with _without_garbage_collection():
        return [next(stream) for _ in range(n)]


def generate_corpus(n_train: int = 60_000, seed: int = 0, test_per_bucket: int = 250,
                    validation_per_bucket: int = 60, conversational: bool = False) -> CorpusSplits:
    """Train/validation/test splits drawn from one seeded stream, disjoint by source text
    (conversational: the conversational stream, sample_pair).

    Each new source sentence goes to the test split while its length bucket there has fewer
    than test_per_bucket pairs, then to validation (validation_per_bucket per bucket), then to
    train until train holds n_train pairs. A sentence already in train may come again (short
    everyday sentences recur, as they do in life), but never one held out for test or validation;
    fixed phrases (is_phrase) always go to train. Last, complete_paradigms puts a sentence for
    each word form the sampled training pairs lack in place of sampled pairs near the end.
    """
    labels = [bucket_label(b) for b in LENGTH_BUCKETS]
    test: dict[str, list] = {label: [] for label in labels}
    validation: dict[str, list] = {label: [] for label in labels}
    train: list[SentencePair] = []
    seen: set[tuple] = set()          # sources held out (test, validation)
    in_train: set[tuple] = set()
    needed = n_train + len(labels) * (test_per_bucket + validation_per_bucket)
    filled = 0
    max_draws = 50 * needed + 10_000
    with _without_garbage_collection():
        for draws, pair in enumerate(_pair_stream(seed, conversational)):
            if filled == needed:
                break
            if draws > max_draws:
                raise RuntimeError("the generator does not produce enough distinct sentences for these splits")
            source = pair.source_tokens
            if source in seen:
                continue
            label = length_bucket(len(source))
            if source in in_train or is_phrase(pair):
                if len(train) == n_train:
                    continue
                train.append(pair)
                in_train.add(source)
            elif len(test[label]) < test_per_bucket:
                test[label].append(pair)
                seen.add(source)
            elif len(validation[label]) < validation_per_bucket:
                validation[label].append(pair)
                seen.add(source)
            elif len(train) < n_train:
                train.append(pair)
                in_train.add(source)
            else:
                continue
            filled += 1
    train = complete_paradigms(train, seen, seed)
    return CorpusSplits(train=train,
                        validation=[p for label in labels for p in validation[label]],
                        test=[p for label in labels for p in test[label]])


# At most this share of the training pairs are completion sentences. 40,000 sampled pairs (seed 0)
# lack 154 of the paradigm's 10,250 forms; a corpus of a few hundred pairs lacks most forms and
# stays mostly sampled.
_COMPLETION_SHARE = 0.05
_COMPLETION_TRIES = 20         # builds of one form before it is given up (each source held out)


def complete_paradigms(train: list[SentencePair], held_out: set, seed: int) -> list[SentencePair]:
    """train with a sentence for each lexicon form (core.language.paradigms) that none of its
    pairs a model trains on writes, in place of sampled pairs near its end: same size, same seed,
    same pairs. A sampled pair gives way only if every form it writes is also written elsewhere,
    so each completion sentence adds a form and none is lost. A form only in a pair of
    MAX_SOURCE_TOKENS tokens or more counts as missing, since training keeps shorter pairs only
    (core.nmt.data.prepare_data)."""
    rng = random.Random(seed)
    budget = int(_COMPLETION_SHARE * len(train))
    trained = [len(pair.source_tokens) < MAX_SOURCE_TOKENS for pair in train]
    counts = Counter(t for pair, kept in zip(train, trained) if kept for t in pair.source_tokens)
    form_tokens = {form.token for form in paradigm()}
    added: list[SentencePair] = []
    removed: set[int] = set()
    last = len(train)                   # sampled pairs from here on have been looked at
    for form in paradigm():
        if len(added) == budget or last == 0:
            break
        if counts[form.token]:
            continue
        pair = _completion_pair(form, rng, held_out)
        if pair is None:
            continue
        counts.update(pair.source_tokens)
        while last > 0:                 # the last sampled pair whose forms all occur elsewhere too
            last -= 1
            if not trained[last]:
                break
            own = Counter(train[last].source_tokens)
            if all(counts[t] > n for t, n in own.items() if t in form_tokens):
                counts.subtract(own)
                break
        else:
            break
        removed.add(last)
        added.append(pair)
    return [pair for i, pair in enumerate(train) if i not in removed] + added


def _completion_pair(form, rng: random.Random, held_out: set) -> SentencePair | None:
    for _ in range(_COMPLETION_TRIES):
        pair = form.build(rng)
        if pair.source_tokens[-1] != "?":
            pair = _with_final_mark(pair, _final_mark(rng, "statement"))
        if pair.source_tokens not in held_out:
            return pair
    return None


def corpus_stats(pairs: Sequence[SentencePair]) -> dict:
    """Sizes, lengths and vocabularies of a list of pairs."""
    source_lengths = [len(p.source_tokens) for p in pairs]
    target_lengths = [len(p.target_tokens) for p in pairs]
    n = len(pairs)
    buckets = Counter(length_bucket(length) for length in source_lengths)
    return {
        "pairs": n,
        "source_tokens": sum(source_lengths),
        "target_tokens": sum(target_lengths),
        "source_vocabulary": len({t for p in pairs for t in p.source_tokens}),
        "target_vocabulary": len({t for p in pairs for t in p.target_tokens}),
        "mean_source_length": round(sum(source_lengths) / n, 2) if n else 0.0,
        "mean_target_length": round(sum(target_lengths) / n, 2) if n else 0.0,
        "min_source_length": min(source_lengths, default=0),
        "max_source_length": max(source_lengths, default=0),
        "length_histogram": dict(sorted(Counter(source_lengths).items())),
        "bucket_counts": {bucket_label(b): buckets.get(bucket_label(b), 0) for b in LENGTH_BUCKETS},
    }


# ================================================================== command line


def format_alignment(pair: SentencePair) -> list[str]:
    """One line per Hindi token and the English it aligns with, in Hindi order:
    '  लड़कों -> the boys'; unaligned tokens of either side are listed last."""
    targets: dict[int, list[str]] = {}
    for i, j in pair.alignment:
        targets.setdefault(i, []).append(pair.target_tokens[j])
    lines = [f"  {token} -> {' '.join(targets[i])}" for i, token in enumerate(pair.source_tokens) if i in targets]
    aligned_target = {j for _, j in pair.alignment}
    unaligned = [t for i, t in enumerate(pair.source_tokens) if i not in targets]
    unaligned += [t for j, t in enumerate(pair.target_tokens) if j not in aligned_target]
    if unaligned:
        lines.append("  (unaligned: " + " ".join(unaligned) + ")")
    return lines


def _print_stats(name: str, stats: dict, out) -> None:
    print(f"== {name}: {stats['pairs']} pairs", file=out)
    print(f"   tokens: source {stats['source_tokens']}, target {stats['target_tokens']}; "
          f"mean length: source {stats['mean_source_length']}, target {stats['mean_target_length']}; "
          f"source length {stats['min_source_length']}..{stats['max_source_length']}", file=out)
    print(f"   vocabulary: source {stats['source_vocabulary']}, target {stats['target_vocabulary']}", file=out)
    print("   buckets: " + ", ".join(f"{k}: {v}" for k, v in stats["bucket_counts"].items()), file=out)


def main(argv: Sequence[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m core.corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10, help="how many pairs to print (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--align", action="store_true", help="show each pair's word alignment")
    parser.add_argument("--stats", action="store_true",
                        help="statistics of generate_corpus() (default arguments unless given below)")
    parser.add_argument("--n-train", type=int, default=60_000, help="with --stats: train pairs")
    parser.add_argument("--test-per-bucket", type=int, default=250, help="with --stats")
    parser.add_argument("--validation-per-bucket", type=int, default=60, help="with --stats")
    parser.add_argument("--conversational", action="store_true",
                        help="the conversational stream (the built-in corpus 'conversational')")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be at least 0")
    if args.stats:
        splits = generate_corpus(args.n_train, args.seed, args.test_per_bucket, args.validation_per_bucket,
                                 args.conversational)
        everything = splits.train + splits.validation + splits.test
        for name, pairs in (("train", splits.train), ("validation", splits.validation),
                            ("test", splits.test), ("all", everything)):
            _print_stats(name, corpus_stats(pairs), out)
        histogram = corpus_stats(everything)["length_histogram"]
        largest = max(histogram.values())
        print("== source length histogram (all splits)", file=out)
        for length, number in histogram.items():
            print(f"   {length:3d} {number:6d} {'#' * max(1, round(50 * number / largest))}", file=out)
        return 0
    for pair in generate_pairs(args.n, args.seed, args.conversational):
        print(f"{pair.source_text}\t{pair.target_text}", file=out)
        if args.align:
            for line in format_alignment(pair):
                print(line, file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
