"""The corpus as a translation model is trained on: which pairs (the generated corpus, or a file
split 90/5/5 with the seed), the words that may become <unk>, and everything encoded once as ids.

    splits, corpus_info = load_splits(config)
    data = prepare_data(config, splits)      # vocabularies, segmentation, encoded examples, probes
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

from core.files import atomic_write_bytes, atomic_write_json
from core.language.classroom_subset import classroom_splits
from core.language.corpus import generate_corpus
from core.language.pairs import CorpusSplits, SentencePair
from core.language.subwords import SUBWORDS_FILE, WHOLE_WORDS, Segmentation
from core.language.text import UNK_ID, Vocabulary
from core.language.user_corpus import load_corpus_file
from core.nmt.config import TrainConfig
from core.nmt.probes import choose_probes


def load_splits(config: TrainConfig) -> tuple[CorpusSplits, dict]:
    """The corpus to train on and a description of it saved with the checkpoint."""
    if config.corpus in ("generated", "conversational"):  # conversational: core.language.conversation mixed in
        splits = generate_corpus(n_train=config.pairs, seed=config.seed,
                                 conversational=config.corpus == "conversational")
        return splits, {"corpus": config.corpus, "pairs": config.pairs, "seed": config.seed,
                        "fingerprint": corpus_fingerprint(splits)}
    if config.corpus == "classroom":  # pairs of fewer than max_source_tokens Hindi tokens, as prepare_data keeps
        longest = config.max_source_tokens - 1
        splits = classroom_splits(config.pairs, config.seed, longest)
        return splits, {"corpus": "classroom", "pairs": config.pairs, "seed": config.seed,
                        "max_source_tokens": longest, "fingerprint": corpus_fingerprint(splits)}
    loaded = load_corpus_file(config.corpus)
    return split_pairs(loaded.pairs, config.seed, config.pairs), {
        "corpus": Path(config.corpus).name, "pairs": len(loaded.pairs), "seed": config.seed}


def with_generated_pairs(splits: CorpusSplits, count: int, seed: int) -> CorpusSplits:
    """A corpus file's splits with `count` generated pairs added to training (validation and test
    stay the file's own): generated sentences no longer than the file's longest, whose words line
    up one to one far more often than a real corpus's, so attention has alignment to learn from."""
    if count <= 0:
        return splits
    longest = max(len(pair.source_tokens) for pair in splits.train)
    generated = [pair for pair in generate_corpus(n_train=3 * count, seed=seed).train
                 if len(pair.source_tokens) <= longest][:count]
    return CorpusSplits(splits.train + generated, splits.validation, splits.test)


def corpus_fingerprint(splits: CorpusSplits) -> str:
    """SHA-256 of every pair in every split: lets a test check that today's generator still
    produces exactly the corpus a shipped model was trained and evaluated on."""
    digest = hashlib.sha256()
    for name in ("train", "validation", "test"):
        for pair in getattr(splits, name):
            digest.update(f"{name}\t{pair.source_text}\t{pair.target_text}\t{pair.alignment}\n".encode("utf-8"))
    return digest.hexdigest()


HELD_OUT_PART = 20  # a corpus file gives 1/20 of its pairs to validation and 1/20 to test
MIN_CORPUS_PAIRS = 3


def split_pairs(pairs: list[SentencePair], seed: int, max_train: int) -> CorpusSplits:
    """A user's corpus: shuffled once with the seed, 5% (≥1) validation, 5% (≥1) test."""
    if len(pairs) < MIN_CORPUS_PAIRS:
        raise ValueError(f"A corpus needs at least {MIN_CORPUS_PAIRS} pairs to train on (this one has {len(pairs)}).")
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    held_out = max(1, len(pairs) // HELD_OUT_PART)
    validation = [pairs[i] for i in order[:held_out]]
    test = [pairs[i] for i in order[held_out:2 * held_out]]
    train = [pairs[i] for i in order[2 * held_out:]][:max_train]
    return CorpusSplits(train, validation, test)


# English words that are never what an unknown Hindi word stands for (a name, a thing, a deed).
_FUNCTION_WORDS = frozenset("a an the to of is am are was were be will do does did not and but because i you he she "
                            "it we they me him her us them my your his our their this that in on at with for from by "
                            "there here can should".split())


def unknown_word_links(pair: SentencePair) -> tuple[tuple[int, int], ...]:
    """The (source, target) positions that may stand in for an unknown word: linked one to one by
    the gold alignment, a Hindi word (not a mark or a number) and an English content word."""
    sources: dict[int, int] = {}
    targets: dict[int, int] = {}
    for i, j in pair.alignment:
        sources[i] = sources.get(i, 0) + 1
        targets[j] = targets.get(j, 0) + 1
    return tuple((i, j) for i, j in pair.alignment
                 if sources[i] == 1 and targets[j] == 1
                 and any("\u0900" <= ch <= "\u097f" and ch.isalpha() for ch in pair.source_tokens[i])
                 and pair.target_tokens[j].isalpha() and pair.target_tokens[j].lower() not in _FUNCTION_WORDS)


def with_unknown_words(example: tuple[list[int], list[int]], links: tuple, rate: float,
                       rng: random.Random) -> tuple[list[int], list[int]]:
    """The example with each link's words, at the given rate, replaced by <unk> on both sides."""
    source, target = example
    chosen = [(i, j) for i, j in links if rng.random() < rate]
    if not chosen:
        return example
    source, target = list(source), list(target)
    for i, j in chosen:
        source[i] = target[j] = UNK_ID
    return source, target


def encode_pair(pair: SentencePair, source_vocab: Vocabulary, target_vocab: Vocabulary) -> tuple[list[int], list[int]]:
    """Source ids end with <eos> (an extra position the decoder can attend to when no word
    fits); target ids end with <eos> (the decoder must learn to stop)."""
    return (source_vocab.encode(pair.source_tokens, add_eos=True),
            target_vocab.encode(pair.target_tokens, add_eos=True))


@dataclass
class TranslationData:
    """The corpus as the model sees it: ids, the sentences validated on, the probes."""
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    train_examples: list[tuple[list[int], list[int]]]  # (source ids + <eos>, target ids + <eos>)
    validation_pairs: list[SentencePair]
    validation_examples: list[tuple[list[int], list[int]]]
    probes: list[list[str]]  # source tokens of the sentences whose attention is recorded
    unknown_links: list[tuple] = field(default_factory=list)  # per training example: see unknown_word_links
    segmentation: Segmentation = WHOLE_WORDS  # whole words, or the subword pieces learnt from the training split


def prepare_data(config: TrainConfig, splits: CorpusSplits,
                 vocabularies: tuple[Vocabulary, Vocabulary] | None = None,
                 segmentation: Segmentation | None = None) -> TranslationData:
    """Vocabularies from the training split (or those given, when resuming), pairs over the
    length limits left out, everything encoded once. With config.subwords, every pair is read as
    pieces learnt from the training split (or the segmentation given, when resuming)."""
    if segmentation is None:
        segmentation = Segmentation.learn(splits.train, config.subwords) if config.subwords else WHOLE_WORDS
    probes = choose_probes(splits.validation) if segmentation.uses_pieces else None
    if segmentation.uses_pieces:  # the length limits then count pieces
        splits = CorpusSplits(*([segmentation.pair(p) for p in split]
                                for split in (splits.train, splits.validation, splits.test)))
    source_vocab, target_vocab = vocabularies or (
        Vocabulary.build((p.source_tokens for p in splits.train), config.min_count),
        Vocabulary.build((p.target_tokens for p in splits.train), config.min_count))

    def fits(pair: SentencePair) -> bool:
        return (len(pair.source_tokens) < config.max_source_tokens
                and len(pair.target_tokens) < config.max_target_tokens)

    kept = [p for p in splits.train if fits(p)]
    train_examples = [encode_pair(p, source_vocab, target_vocab) for p in kept]
    unknown_links = [unknown_word_links(p) for p in kept] if config.unknown_rate > 0 else []
    validation_pairs = [p for p in splits.validation if fits(p)][:config.validation_sentences]
    if not train_examples or not validation_pairs:
        raise ValueError("Nothing to train on: no training or validation pair fits the length limits.")
    probes = ([segmentation.source_pieces(words) for words in probes] if probes is not None
              else choose_probes(validation_pairs))
    return TranslationData(source_vocab, target_vocab, train_examples, validation_pairs,
                           [encode_pair(p, source_vocab, target_vocab) for p in validation_pairs],
                           probes, unknown_links, segmentation)


TEST_SPLIT_FILE = "test_split.tsv"  # a corpus file's test split, kept with the model: core.evaluate --model DIR


def write_corpus_files(out_dir: Path, segmentation: Segmentation, test: list[SentencePair]) -> None:
    """Before the first epoch, beside the weights to come: the test split of the corpus file (its
    English as written) and, for a model that reads pieces, the subword segmentation."""
    lines = ["hindi\tenglish\n"] + [f"{' '.join(p.source_text.split())}\t{' '.join(p.target_text.split())}\n"
                                     for p in test]
    atomic_write_bytes(out_dir / TEST_SPLIT_FILE, "".join(lines).encode("utf-8"))
    if segmentation.uses_pieces:
        atomic_write_json(out_dir / SUBWORDS_FILE, segmentation.file_content())
