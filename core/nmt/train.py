"""Training a translation model: load the data, build the vocabularies and the model, then
core.fit.fit with callbacks (attention probes, saving, whatever the caller listens with).

    python -m core.train --model additive --out checkpoints/additive --epochs 12
    torchrun --nproc_per_node=2 -m core.train --model dot --out /tmp/dot   # DDP, rank 0 writes

Progress leaves through `TrainCallbacks`: the CLI passes a progress bar, the Training page a
Streamlit element, tests a list that records calls. `should_stop()` is polled after every
step so a UI can cancel; the checkpoint folder then still holds the last finished epoch.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import sys
from dataclasses import asdict, dataclass, field, fields, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from core.fit import EpochReport, FitSettings, FitState, StepReport, TrainCallbacks, fit, halve_on_plateau
from core.language.pairs import CorpusSplits, SentencePair
from core.nmt.checkpoint import (EPOCHS_COUNTED_FROM, atomic_torch_save, atomic_write_bytes, atomic_write_json,
                                 load_checkpoint, read_json, save_checkpoint)
from core.nmt.decode import greedy_decode_batch
from core.nmt.metrics import corpus_bleu
from core.nmt.model import MODEL_KINDS, ModelConfig, Seq2Seq, cross_entropy, init_weights
from core.language.subwords import SUBWORDS_FILE, Segmentation, join_pieces, merge_attention
from core.language.text import PAD_ID, SOS_ID, UNK_ID, Vocabulary, detokenize_english, tokenize_hindi

SEED_SENTENCE = "मैं खाना खा रहा हूँ"
WHOLE_WORDS = Segmentation()  # how a model reads and writes without subwords


# ---------------------------------------------------------------- settings
#
# One config path: every TrainConfig field carries its command-line flag, help text and check in
# its metadata. build_parser() makes the CLI from them, TrainConfig.__post_init__ runs the same
# checks for callers of the API (the in-browser jobs), so nonsense gets the same message either way.

Check = Callable[[Any], "str | None"]


def whole(what: str, low: int = 1, even: bool = False) -> Check:
    """A check: a whole number ≥ low (and even, when asked)."""
    def check(value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{what} must be a whole number (got {value!r})"
        if value < low:
            return f"{what} must be at least {low} (got {value})"
        if even and value % 2:
            return f"{what} must be even: the bidirectional encoder gives each direction half (got {value})"
        return None
    return check


def real(what: str, low: float = 0.0, high: float | None = None, low_inclusive: bool = False,
         high_inclusive: bool = False) -> Check:
    """A check: a finite number above low and below high (or equal to either, when inclusive)."""
    def check(value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"{what} must be a finite number (got {value!r})"
        too_low = value < low or (value == low and not low_inclusive)
        too_high = high is not None and (value > high or (value == high and not high_inclusive))
        if too_low or too_high:
            span = f"{'≥' if low_inclusive else '>'} {low:g}" + (
                "" if high is None else f" and {'≤' if high_inclusive else '<'} {high:g}")
            return f"{what} must be {span} (got {value:g})"
        return None
    return check


def option(default, flag: str, help: str, check: Check | None = None, **argparse_settings):
    """A TrainConfig field with what the command line needs to offer it."""
    return field(default=default, metadata={"flag": flag, "help": help, "check": check, "parse": type(default),
                                            "default_text": str(default), **argparse_settings})


def automatic(generated, flag: str, help: str, check: Check, parse: type):
    """A TrainConfig field that a corpus file gets from its size (file_settings) unless it is
    given; the generated corpus always gets `generated`. None (on the command line: auto) until then."""
    return option(None, flag, help, check, parse=parse, auto=True, generated=generated,
                  default_text=f"{generated} for the generated corpus; for a file, from its size")


GENERATED_UNKNOWN_RATE = 0.03  # the generated corpus's default share of aligned words trained as <unk>


@dataclass
class TrainConfig:
    model: str = option("additive", "--model", "which model: encdec has no attention; uniform, additive, dot and "
                        "general attend", choices=MODEL_KINDS)
    embedding_size: int | None = automatic(128, "--emb", "word embedding size", whole("the embedding size"), int)
    hidden_size: int | None = automatic(256, "--hidden", "GRU hidden size (even: each encoder direction gets half)",
                                        whole("the hidden size", low=2, even=True), int)
    attention_size: int | None = automatic(128, "--attention", "hidden size of the additive score",
                                           whole("the attention size"), int)
    dropout: float | None = automatic(0.1, "--dropout", "dropout probability, in [0, 1)",
                                      real("dropout", 0.0, 1.0, low_inclusive=True), float)
    epochs: int | None = automatic(12, "--epochs", "epochs at most (early stopping may end the run sooner)",
                                   whole("the number of epochs"), int)
    batch_size: int = option(64, "--batch", "sentence pairs per step", whole("the batch size"))
    learning_rate: float = option(2e-3, "--lr", "Adam's learning rate at the start", real("the learning rate"))
    lr_patience: int = option(1, "--lr-patience", "halve the learning rate once validation loss has not fallen for "
                              "this many epochs", whole("the learning-rate patience"))
    lr_floor: float | None = option(None, "--lr-floor", "never halve the learning rate below this",
                                    real("the learning-rate floor"), parse=float,
                                    default_text="the learning rate / 16")
    clip_norm: float = option(1.0, "--clip-norm", "gradients are rescaled to at most this norm",
                              real("the gradient clipping norm"))
    patience: int | None = automatic(3, "--patience", "stop after this many epochs without a better validation BLEU",
                                     whole("the patience"), int)
    pairs: int = option(40_000, "--pairs", "training pairs: drawn from the generator, or at most this many of a "
                        "corpus file's", whole("the number of training pairs"))
    seed: int = option(0, "--seed", "seeds the corpus, its split, the weights, dropout and the batch order",
                       whole("the seed", low=0))
    corpus: str = option("generated", "--corpus", "'generated' or a TSV / Tatoeba / zip file (split as below)")
    min_count: int = option(1, "--min-count", "words seen fewer times in training are <unk>",
                            whole("the minimum word count"))
    max_source_tokens: int = option(60, "--max-source-tokens", "pairs with this many Hindi tokens or more are "
                                    "left out of training and validation", whole("the source token limit", low=2))
    max_target_tokens: int = option(80, "--max-target-tokens", "pairs with this many English tokens or more are "
                                    "left out of training and validation", whole("the target token limit", low=2))
    validation_sentences: int = option(400, "--validation-sentences", "validation pairs decoded after each epoch "
                                       "for validation BLEU", whole("the number of validation sentences"))
    unknown_rate: float | None = option(None, "--unknown-rate", "each epoch, this share of the content words a pair's "
                                        "gold alignment links one to one become <unk> on both sides, so the model "
                                        "learns to write <unk> where it meets an unknown word and attention can copy "
                                        "it (pairs without an alignment, as in a corpus file, are left as they are)",
                                        real("the unknown-word rate", 0.0, 1.0, low_inclusive=True,
                                             high_inclusive=True), parse=float,
                                        default_text=f"{GENERATED_UNKNOWN_RATE} for the generated corpus, 0 for a file")
    subwords: int | None = automatic(0, "--subwords", "pieces in each language's subword vocabulary (byte-pair "
                                     "encoding learnt from the training split, so a rare word is read and written "
                                     "as pieces of common ones); 0 reads and writes whole words",
                                     whole("the subword vocabulary size", low=0), int)
    label_smoothing: float | None = automatic(0.0, "--label-smoothing", "share of each target word's probability "
                                              "spread over the whole vocabulary in the training loss",
                                              real("label smoothing", 0.0, 1.0, low_inclusive=True), float)
    weight_decay: float | None = automatic(0.0, "--weight-decay", "AdamW's decoupled weight decay (0: plain Adam)",
                                           real("the weight decay", 0.0, low_inclusive=True), float)
    mix_generated: int | None = automatic(0, "--mix-generated", "generated pairs (no longer than the file's longest) "
                                          "added to a corpus file's training split: everyday sentences whose words "
                                          "line up, for attention to learn alignment from",
                                          whole("the number of generated pairs to mix in", low=0), int)
    device: str = option("auto", "--device", "auto (cuda if present), cpu or cuda")

    def __post_init__(self) -> None:
        if self.model not in MODEL_KINDS:
            raise ValueError(f"unknown model {self.model!r}; choose one of {', '.join(MODEL_KINDS)}")
        for setting in fields(self):
            check = setting.metadata.get("check")
            value = getattr(self, setting.name)
            problem = check(value) if check and value is not None else None
            if problem:
                raise ValueError(problem)
        if self.lr_floor is None:  # recorded as a number in config.json
            self.lr_floor = self.learning_rate / 16
        if self.unknown_rate is None:
            self.unknown_rate = GENERATED_UNKNOWN_RATE if self.corpus == "generated" else 0.0
        if self.corpus == "generated":  # a file's automatic settings wait for its size: resolved()
            for name, value in GENERATED_SETTINGS.items():
                if getattr(self, name) is None:
                    setattr(self, name, value)
        if self.lr_floor > self.learning_rate:
            raise ValueError(f"the learning-rate floor ({self.lr_floor:g}) must not be above the learning rate "
                             f"({self.learning_rate:g})")


    def resolved(self, train_pairs: int) -> "TrainConfig":
        """This config with every automatic setting (None) chosen for a training split of
        train_pairs real pairs (file_settings); the generated corpus's are fixed already."""
        chosen = file_settings(train_pairs)
        return replace(self, **{name: chosen[name] for name in AUTOMATIC if getattr(self, name) is None})


# Settings that a corpus file gets from its size unless given, with the generated corpus's values.
GENERATED_SETTINGS = {setting.name: setting.metadata["generated"] for setting in fields(TrainConfig)
                      if setting.metadata.get("auto")}
AUTOMATIC = tuple(GENERATED_SETTINGS)


def file_settings(train_pairs: int) -> dict:
    """The recipe for a real corpus of train_pairs training pairs, chosen by measurement on
    Tatoeba's Hindi-English export (README, "Training on a real corpus")."""
    # Measured on a 2,205/122/122 split of Tatoeba (seed 0, one thread): byte-pair pieces (1,000)
    # beat whole words, mixing in generated pairs (it teaches alignment and shares the everyday
    # words) gave the largest gain, label smoothing 0.1 the next; hidden 128 did worse (6.1 against
    # 8.2 BLEU); weight decay was left at 0. Additive: test BLEU 1.5 -> 11.6, chrF 13.2 -> 28.8.
    return {"embedding_size": 128, "hidden_size": 256, "attention_size": 128, "dropout": 0.1, "epochs": 40,
            "patience": 5, "subwords": 1000, "label_smoothing": 0.1, "weight_decay": 0.0,
            "mix_generated": min(2 * train_pairs, 5000)}


@dataclass
class TrainResult:
    model: Seq2Seq
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    history: dict
    best_bleu: float
    cancelled: bool = False
    stopped_early: bool = False


# ---------------------------------------------------------------- data


def load_splits(config: TrainConfig) -> tuple[CorpusSplits, dict]:
    """The corpus to train on and a description of it saved with the checkpoint."""
    if config.corpus == "generated":
        from core.language.corpus import generate_corpus
        splits = generate_corpus(n_train=config.pairs, seed=config.seed)
        return splits, {"corpus": "generated", "pairs": config.pairs, "seed": config.seed,
                        "fingerprint": corpus_fingerprint(splits)}
    from core.language.user_corpus import load_corpus_file
    loaded = load_corpus_file(config.corpus)
    return split_pairs(loaded.pairs, config.seed, config.pairs), {
        "corpus": Path(config.corpus).name, "pairs": len(loaded.pairs), "seed": config.seed}


def with_generated_pairs(splits: CorpusSplits, count: int, seed: int) -> CorpusSplits:
    """A corpus file's splits with `count` generated pairs added to training (validation and test
    stay the file's own): generated sentences no longer than the file's longest, whose words line
    up one to one far more often than a real corpus's, so attention has alignment to learn from."""
    if count <= 0:
        return splits
    from core.language.corpus import generate_corpus
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


def length_bucketed_batches(source_lengths: list[int], batch_size: int, seed: int,
                            rank: int = 0, world_size: int = 1) -> list[list[int]]:
    """Batches of sentences of similar length (little padding), in a random order.

    Sentences are sorted by length with random tie-breaking, cut into batches, and the batch
    order shuffled, all with one seed shared by every process. With DDP each rank takes every
    world_size-th batch (a distributed sampler over batches); the count is cut to a multiple of
    world_size so every rank runs the same number of steps.
    """
    rng = random.Random(seed)
    order = sorted(range(len(source_lengths)), key=lambda i: (source_lengths[i], rng.random()))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    usable = len(batches) - len(batches) % world_size if world_size > 1 else len(batches)
    return batches[rank:usable:world_size]


def collate(examples: list[tuple[list[int], list[int]]], device: torch.device):
    """-> source (B, S), source_lengths (B,), previous (B, T) = <sos> y_1..y_{T-1}, target (B, T)."""
    batch_size = len(examples)
    source_len = max(len(s) for s, _ in examples)
    target_len = max(len(t) for _, t in examples)
    source = torch.full((batch_size, source_len), PAD_ID, dtype=torch.long)
    previous = torch.full((batch_size, target_len), PAD_ID, dtype=torch.long)
    target = torch.full((batch_size, target_len), PAD_ID, dtype=torch.long)
    for row, (source_ids, target_ids) in enumerate(examples):
        source[row, :len(source_ids)] = torch.tensor(source_ids)
        target[row, :len(target_ids)] = torch.tensor(target_ids)
        previous[row, 0] = SOS_ID
        previous[row, 1:len(target_ids)] = torch.tensor(target_ids[:-1])
    lengths = torch.tensor([len(s) for s, _ in examples])
    return source.to(device), lengths, previous.to(device), target.to(device)


# ---------------------------------------------------------------- the run


def choose_device(requested: str = "auto", world_size: int = 1) -> torch.device:
    """auto: cuda if present; with DDP on GPUs, this process's own GPU (LOCAL_RANK)."""
    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if requested == "auto" else requested)
    if device.type == "cuda" and world_size > 1:
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    return device


def distributed_context() -> tuple[int, int]:
    """(rank, world_size), initialising the process group when launched by torchrun."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size > 1 and not dist.is_initialized():
        dist.init_process_group(backend="nccl" if torch.cuda.is_available() else "gloo")
    return (dist.get_rank(), world_size) if world_size > 1 else (0, 1)


@torch.no_grad()
def validation_loss(model: Seq2Seq, examples, batch_size: int, device) -> float:
    model.eval()
    total, tokens = 0.0, 0
    lengths = [len(s) for s, _ in examples]
    for batch in length_bucketed_batches(lengths, batch_size, seed=0):
        source, source_lengths, previous, target = collate([examples[i] for i in batch], device)
        logits = model(source, source_lengths, previous).logits
        n = int((target != PAD_ID).sum())
        total += float(cross_entropy(logits, target)) * n
        tokens += n
    model.train()
    return total / max(tokens, 1)


def validation_bleu(model: Seq2Seq, pairs: list[SentencePair], source_vocab, target_vocab, batch_size=100,
                    segmentation: Segmentation = WHOLE_WORDS) -> float:
    """BLEU of greedy translations against each pair's English text (pairs as the model reads them)."""
    model.eval()
    hypotheses = []
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start:start + batch_size]
            ids, _ = greedy_decode_batch(model, [source_vocab.encode(p.source_tokens, add_eos=True) for p in chunk])
            hypotheses += [detokenize_english(segmentation.target_words(target_vocab.decode(row))) for row in ids]
    model.train()
    return corpus_bleu(hypotheses, [p.target_text for p in pairs]).score


def probe_attention(model: Seq2Seq, probes: list[list[str]], source_vocab, target_vocab,
                    segmentation: Segmentation = WHOLE_WORDS) -> list[dict]:
    """Attention of the current model on a few fixed sentences (for 'watch alignment emerge').
    A model that reads pieces is recorded over words: pieces merged (merge_attention)."""
    model.eval()
    rows = []
    ids, attentions = greedy_decode_batch(
        model, [source_vocab.encode(tokens, add_eos=True) for tokens in probes], keep_attention=True)
    for tokens, target_ids, attention in zip(probes, ids, attentions):
        source, target = list(tokens) + ["<eos>"], target_vocab.decode(target_ids)
        weights = None if attention is None else attention.tolist()
        if segmentation.uses_pieces:
            if weights is not None:
                weights, source, target = merge_attention(weights, source, target)
            else:
                source, target = join_pieces(source), join_pieces(target)
        rows.append({"source": source, "target": target,
                     "weights": None if weights is None else [[round(w, 3) for w in row] for row in weights]})
    model.train()
    return rows


def choose_probes(validation: list[SentencePair]) -> list[list[str]]:
    """The seed sentence plus a medium and a long validation sentence, the same every run."""
    by_length = sorted(validation, key=lambda p: (len(p.source_tokens), p.source_text))
    medium = next((p for p in by_length if len(p.source_tokens) >= 12), by_length[len(by_length) // 2])
    long = next((p for p in by_length if len(p.source_tokens) >= 25), by_length[-1])
    return [tokenize_hindi(SEED_SENTENCE), list(medium.source_tokens), list(long.source_tokens)]


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


class TranslationTask:
    """What fit() trains on: length-bucketed batches, teacher-forced cross-entropy, and
    validation loss and BLEU (greedy decoding) on the validation sentences."""

    def __init__(self, trained: torch.nn.Module, model: Seq2Seq, data: TranslationData, config: TrainConfig,
                 device: torch.device, rank: int = 0, world_size: int = 1):
        self.trained, self.model, self.data, self.config, self.device = trained, model, data, config, device
        self.rank, self.world_size = rank, world_size
        self.source_lengths = [len(s) for s, _ in data.train_examples]

    def batches(self, epoch: int) -> list[list[int]]:
        self.epoch = epoch
        # epoch - 1: the order the shipped models were trained with, when epochs counted from 0
        return length_bucketed_batches(self.source_lengths, self.config.batch_size,
                                       self.config.seed * 1000 + epoch - 1, self.rank, self.world_size)

    def examples(self, batch: list[int]) -> list[tuple[list[int], list[int]]]:
        """The batch's examples; with unknown_rate, some words <unk>, drawn afresh each epoch but
        the same for the same seed, epoch and example (so a resumed run sees what it would have)."""
        examples = [self.data.train_examples[i] for i in batch]
        rate, links = self.config.unknown_rate, self.data.unknown_links
        if rate <= 0 or not links:
            return examples
        return [with_unknown_words(example, links[i], rate, random.Random(f"{self.config.seed}:{self.epoch}:{i}"))
                if links[i] else example for example, i in zip(examples, batch)]

    def loss(self, batch: list[int]) -> tuple[torch.Tensor, int]:
        source, lengths, previous, target = collate(self.examples(batch), self.device)
        logits = self.trained(source, lengths, previous).logits
        tokens = int((target != PAD_ID).sum())
        if self.config.label_smoothing:  # (1 - ε) on the reference word, ε spread over the vocabulary
            return F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=PAD_ID,
                                   label_smoothing=self.config.label_smoothing), tokens
        return cross_entropy(logits, target), tokens

    def validate(self) -> tuple[float, float]:
        data = self.data
        return (validation_loss(self.model, data.validation_examples, self.config.batch_size, self.device),
                validation_bleu(self.model, data.validation_pairs, data.source_vocab, data.target_vocab,
                                segmentation=data.segmentation))


# ---------------------------------------------------------------- callbacks


# epoch -> the fractions of it after which the probes are recorded as well as at its end: the
# weights change most at the start, and the Training page should show them spread out first.
PROBE_FRACTIONS = {1: (1 / 8, 1 / 4, 1 / 2), 2: (1 / 2,)}


class ProbeRecorder:
    """The probes' attention into history["probe_attention"]: before the first update (epoch 0,
    step 0, "before training"), after PROBE_FRACTIONS of the first epochs ("epoch 1 · 1/8") and at
    the end of every epoch ("epoch 1"). Each entry: epoch, step, fraction, label, sentences."""

    def __init__(self, model: Seq2Seq, data: TranslationData, history: dict):
        self.model, self.data, self.history = model, data, history
        self.epoch, self.fraction, self.step = 0, 0.0, 0  # where the last step left off

    def record(self, epoch: int, step: int, fraction: float, label: str) -> None:
        sentences = probe_attention(self.model, self.data.probes, self.data.source_vocab, self.data.target_vocab,
                                    self.data.segmentation)
        self.history["probe_attention"].append({"epoch": epoch, "step": step, "fraction": round(fraction, 4),
                                                "label": label, "sentences": sentences})

    def on_start(self) -> None:
        self.record(0, 0, 0.0, "before training")

    def on_step(self, report: StepReport) -> None:
        before = self.fraction if self.epoch == report.epoch else 0.0
        self.epoch, self.fraction, self.step = report.epoch, report.epoch_fraction, report.step
        crossed = [f for f in PROBE_FRACTIONS.get(report.epoch, ()) if before < f <= report.epoch_fraction]
        if crossed and report.epoch_fraction < 1:  # the epoch's end is recorded by on_epoch
            share = Fraction(report.epoch_fraction).limit_denominator(16)  # 59 of 470 batches: 1/8
            self.record(report.epoch, report.step, report.epoch_fraction, f"epoch {report.epoch} · {share}")

    def on_epoch(self, report: EpochReport) -> None:
        self.record(report.epoch, self.step, 1.0, f"epoch {report.epoch}")

    def callbacks(self) -> TrainCallbacks:
        return TrainCallbacks(on_start=self.on_start, on_step=self.on_step, on_epoch=self.on_epoch)


class CheckpointSaver:
    """After every epoch: the best epoch's weights (model.pt, config.json), the history, and
    resume.pt with everything --resume needs to continue exactly as if never stopped."""

    def __init__(self, out_dir: Path, model: Seq2Seq, optimizer, data: TranslationData, state: FitState,
                 config: TrainConfig, metadata: dict):
        self.out_dir, self.model, self.optimizer, self.data = Path(out_dir), model, optimizer, data
        self.state, self.config, self.metadata = state, config, metadata

    def on_epoch(self, report: EpochReport) -> None:
        history = self.state.history
        if report.improved:
            save_checkpoint(self.out_dir, self.model, self.data.source_vocab, self.data.target_vocab,
                            {**self.metadata, "best_epoch": report.epoch, "validation_bleu": report.validation_bleu,
                             "training_seconds": report.training_seconds}, history)
        else:
            atomic_write_json(self.out_dir / "history.json", history)
        # Last and in one file: the loop state and the history it holds always belong together.
        atomic_torch_save(self.out_dir / "resume.pt", {
            "format": RESUME_FORMAT, "config": asdict(self.config),
            "model": {k: v.detach().cpu() for k, v in self.model.state_dict().items()},
            "optimizer": self.optimizer.state_dict(), "fit": self.state.to_dict(),
            "rng_state": torch.get_rng_state(), "cuda_rng_state": _cuda_rng_state(self.model),
            "source_vocab": list(self.data.source_vocab.tokens), "target_vocab": list(self.data.target_vocab.tokens),
            "subwords": self.data.segmentation.file_content() if self.data.segmentation.uses_pieces else None})


# ---------------------------------------------------------------- resuming

RESUME_FORMAT = "dhyan-resume-2"
RESUME_KEYS = ("config", "model", "optimizer", "fit", "rng_state", "source_vocab", "target_vocab")
CHANGEABLE_ON_RESUME = ("epochs", "patience", "device")  # anything else would not continue the same run


class ResumeError(ValueError):
    """resume.pt cannot continue this run; the message says why and what to do."""


def _cuda_rng_state(model: Seq2Seq) -> torch.Tensor | None:
    device = next(model.parameters()).device
    return torch.cuda.get_rng_state(device) if device.type == "cuda" else None


def read_resume(out_dir: Path, config: TrainConfig) -> dict:
    """resume.pt's content, checked, or ResumeError in one line."""
    path = Path(out_dir) / "resume.pt"
    advice = "Delete it to train afresh, or train into another folder."
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types; a refused pickle is the one worth naming
        refused = "Unsupported global" in str(error)  # it names a Python object to call
        reason = ("it holds Python objects besides tensors and plain data, and loading it could run code"
                  if refused else "it is empty, truncated or not a PyTorch file")
        raise ResumeError(f"cannot resume from {path}: {reason}. {advice}") from None
    if not isinstance(saved, dict) or saved.get("format") != RESUME_FORMAT or any(k not in saved for k in RESUME_KEYS):
        raise ResumeError(f"cannot resume from {path}: it is not a resume file of this version of Dhyan. {advice}")
    before = saved["config"] if isinstance(saved["config"], dict) else {}
    changed = [f"{name} {before.get(name)!r} -> {value!r}" for name, value in asdict(config).items()
               if name not in CHANGEABLE_ON_RESUME and before.get(name) != value]
    if changed:
        raise ResumeError(f"cannot resume from {path}: the run was trained with other settings ({'; '.join(changed)}); "
                          f"only {', '.join(CHANGEABLE_ON_RESUME)} may change when resuming.")
    try:
        saved["vocabularies"] = (Vocabulary(list(saved["source_vocab"])), Vocabulary(list(saved["target_vocab"])))
        saved["segmentation"] = Segmentation.from_file_content(saved.get("subwords"))
    except (TypeError, ValueError) as error:  # SubwordError is a ValueError
        raise ResumeError(f"cannot resume from {path}: its vocabularies are invalid ({error}).") from None
    return saved


def restore(saved: dict, model: Seq2Seq, optimizer: torch.optim.Optimizer) -> FitState:
    """Weights, optimizer, loop state and random state as they were at the end of the saved epoch."""
    try:
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        state = FitState.from_dict(saved["fit"])
        torch.set_rng_state(saved["rng_state"])  # dropout masks continue as in an uninterrupted run
        if saved.get("cuda_rng_state") is not None and _cuda_rng_state(model) is not None:
            torch.cuda.set_rng_state(saved["cuda_rng_state"], next(model.parameters()).device)
    except (AttributeError, KeyError, TypeError, ValueError, RuntimeError) as error:
        raise ResumeError(f"cannot resume: resume.pt does not fit this model "
                          f"({str(error).strip().splitlines()[0][:160]}).") from None
    return state


def remove_temporaries(out_dir: Path) -> None:
    """Half-written files a killed run left behind (.model.pt.x1y2.tmp and the like)."""
    for leftover in Path(out_dir).glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def build_model(config: TrainConfig, data: TranslationData, device: torch.device) -> Seq2Seq:
    model = Seq2Seq(ModelConfig(config.model, len(data.source_vocab), len(data.target_vocab), config.embedding_size,
                                config.hidden_size, config.attention_size, config.dropout))
    init_weights(model, config.seed)
    return model.to(device).train()


def train(config: TrainConfig, out_dir: Path | None = None, callbacks: TrainCallbacks | None = None,
          splits: CorpusSplits | None = None, corpus_info: dict | None = None, resume: bool = False) -> TrainResult:
    """Train one model; with out_dir, keep its best epoch there (rank 0 only writes)."""
    rank, world_size = distributed_context()
    device = choose_device(config.device, world_size)
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    if out_dir is not None and rank == 0 and Path(out_dir).is_dir():
        remove_temporaries(out_dir)
    if splits is None:
        splits, corpus_info = load_splits(config)
    from_file = config.corpus != "generated"
    if from_file:  # the settings left to the corpus's size, then the generated pairs it mixes in
        config = config.resolved(len(splits.train))
        test_split = splits.test
        splits = with_generated_pairs(splits, config.mix_generated, config.seed)
    resumable = resume and out_dir is not None and (Path(out_dir) / "resume.pt").is_file()
    saved = read_resume(out_dir, config) if resumable else None

    # the data, the vocabularies and segmentation (those of the run being resumed) and the model
    data = prepare_data(config, splits, saved["vocabularies"] if saved else None,
                        saved["segmentation"] if saved else None)
    if rank == 0 and out_dir is not None and from_file:
        write_corpus_files(Path(out_dir), data.segmentation, test_split)
    model = build_model(config, data, device)
    optimizer = (torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
                 if config.weight_decay else torch.optim.Adam(model.parameters(), lr=config.learning_rate))
    state = FitState(history={EPOCHS_COUNTED_FROM: 1, "model": config.model, "steps": [], "epochs": [],
                              "probe_attention": []})
    if saved:
        state = restore(saved, model, optimizer)
    trained = DistributedDataParallel(model) if world_size > 1 else model

    # the loop, and who hears of it, in this order: the probes join the history before it is saved
    heard = []
    if rank == 0 and model.has_attention_weights:
        heard.append(ProbeRecorder(model, data, state.history).callbacks())
    if rank == 0 and out_dir is not None:
        metadata = {EPOCHS_COUNTED_FROM: 1, "training": asdict(config), "corpus": corpus_info or {"corpus": "given"},
                    "max_source_tokens": config.max_source_tokens, "world_size": world_size, "device": str(device)}
        saver = CheckpointSaver(out_dir, model, optimizer, data, state, config, metadata)
        heard.append(TrainCallbacks(on_epoch=saver.on_epoch))
    caller = callbacks or TrainCallbacks()
    heard.append(caller if rank == 0 else TrainCallbacks(should_stop=caller.should_stop))
    fit(trained, optimizer, TranslationTask(trained, model, data, config, device, rank, world_size),
        FitSettings(config.epochs, config.patience, config.clip_norm, world_size), state, heard,
        schedule=halve_on_plateau(config.lr_patience, config.lr_floor))

    if rank == 0 and out_dir is not None and saved is not None:
        _record_budget(Path(out_dir), config, state.stopped_early)
    if out_dir is not None and (Path(out_dir) / "model.pt").is_file():
        model = load_checkpoint(out_dir).model  # hand back the best epoch, as saved
    else:
        model.eval()
    return TrainResult(model, data.source_vocab, data.target_vocab, state.history, state.best_score,
                       state.cancelled, state.stopped_early)


TEST_SPLIT_FILE = "test_split.tsv"  # a corpus file's test split, kept with the model: core.evaluate --model DIR


def write_corpus_files(out_dir: Path, segmentation: Segmentation, test: list[SentencePair]) -> None:
    """Before the first epoch, beside the weights to come: the test split of the corpus file (its
    English as written) and, for a model that reads pieces, the subword segmentation."""
    lines = ["hindi\tenglish\n"] + [f"{' '.join(p.source_text.split())}\t{' '.join(p.target_text.split())}\n"
                                     for p in test]
    atomic_write_bytes(out_dir / TEST_SPLIT_FILE, "".join(lines).encode("utf-8"))
    if segmentation.uses_pieces:
        atomic_write_json(out_dir / SUBWORDS_FILE, segmentation.file_content())


def estimate_seconds(config: TrainConfig, splits: CorpusSplits | None = None, timed_steps: int = 4) -> dict:
    """How long train(config) will take on this machine, said before it starts: the data prepared
    as training prepares it (a file's settings resolved, pairs mixed in, subwords learnt), a few
    steps of a throwaway model timed on batches short and long, and one validation; then
    {"epoch": seconds per epoch, "at_most": seconds for every epoch allowed, "epochs": that
    number, "settings": the settings resolved}. Early stopping usually ends a run sooner."""
    import time
    if splits is None:
        splits, _ = load_splits(config)
    if config.corpus != "generated":
        config = config.resolved(len(splits.train))
        splits = with_generated_pairs(splits, config.mix_generated, config.seed)
    started = time.perf_counter()
    data = prepare_data(config, splits)
    preparing = time.perf_counter() - started
    device = torch.device("cpu") if config.device == "auto" else choose_device(config.device)
    model = build_model(config, data, device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    task = TranslationTask(model, model, data, config, device)
    batches = sorted(task.batches(1), key=lambda batch: task.source_lengths[batch[0]])
    chosen = [batches[round(i * (len(batches) - 1) / max(timed_steps - 1, 1))] for i in range(timed_steps)]
    task.loss(chosen[0])[0].backward()  # warm-up: the first step pays for allocation
    seconds = []
    for batch in chosen:
        started = time.perf_counter()
        loss, _ = task.loss(batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), config.clip_norm)
        optimizer.step()
        seconds.append(time.perf_counter() - started)
    started = time.perf_counter()
    task.validate()
    epoch = len(batches) * sum(seconds) / len(seconds) + time.perf_counter() - started
    return {"epoch": epoch, "at_most": preparing + epoch * config.epochs, "epochs": config.epochs,
            "settings": {name: getattr(config, name) for name in AUTOMATIC}}


def _record_budget(out_dir: Path, config: TrainConfig, stopped_early: bool) -> None:
    """After a resumed run, config.json states the budget the whole run ended up with (the
    weights are those of the best epoch, saved when it happened)."""
    saved = read_json(out_dir / "config.json")
    if saved is not None:
        saved["training"] = asdict(config)
        saved["stopped_early"] = stopped_early
        atomic_write_json(out_dir / "config.json", saved)


# ---------------------------------------------------------------- command line


def describe_splits() -> str:
    """How each corpus is split, in words, from the numbers the splitting code uses."""
    from inspect import signature
    from textwrap import fill

    from core.language.corpus import LENGTH_BUCKETS, generate_corpus

    generated = signature(generate_corpus).parameters
    automatic_flags = [setting.metadata["flag"] for setting in fields(TrainConfig) if setting.metadata.get("auto")]
    return fill(f"How the corpus is split. The generated corpus: the test split takes the first "
            f"{generated['test_per_bucket'].default} new sentences of each of the {len(LENGTH_BUCKETS)} length "
            f"buckets, "
            f"validation the next {generated['validation_per_bucket'].default} of each, training then --pairs more; "
            f"no Hindi sentence is in two splits. A corpus file (--corpus FILE): its pairs are shuffled once "
            f"with --seed; the first 1/{HELD_OUT_PART} of them (at least 1) become the validation split, the next "
            f"1/{HELD_OUT_PART} (at least 1) the test split, the rest the "
            f"training split, cut to --pairs; a file needs at least {MIN_CORPUS_PAIRS} pairs. In both, pairs "
            f"at or over --max-source-tokens or --max-target-tokens are left out of training and validation, "
            f"and validation BLEU is measured on the first --validation-sentences validation pairs. A corpus "
            f"file's settings left to 'auto' ({', '.join(automatic_flags)}) come from the size of its "
            f"training split (the recipe for real "
            f"corpora in the README); its test split is saved beside the model as {TEST_SPLIT_FILE}.", width=80)


def config_arguments(config: TrainConfig) -> list[str]:
    """The command-line arguments that give exactly `config` (every field written out; an
    automatic setting not chosen yet as 'auto')."""
    return [item for setting in fields(TrainConfig)
            for item in (setting.metadata["flag"], _argument_text(getattr(config, setting.name)))]


def _argument_text(value) -> str:
    return AUTO if value is None else str(value)


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line saying what is wrong (and exit code 2), not a usage block."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _checked(parse, check: Check | None, text: str):
    try:
        value = parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected {'a whole number' if parse is int else 'a number'}, got {text!r}") from None
    problem = check(value) if check else None
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


AUTO = "auto"  # on the command line: let the corpus's size choose this setting


def argument_type(setting):
    """argparse's `type` for a TrainConfig field: parse the text, then run the field's check
    ('auto' is None for the settings a corpus file chooses)."""
    def parse(text: str):
        if text == AUTO and setting.metadata.get("auto"):
            return None
        return _checked(setting.metadata["parse"], setting.metadata.get("check"), text)
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m core.train", description="Train one Dhyan model.", epilog=describe_splits(),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path, help="checkpoint folder to write")
    for setting in fields(TrainConfig):
        meta = setting.metadata
        metavar = None if "choices" in meta else {int: "N", float: "X"}.get(meta["parse"], "TEXT")
        parser.add_argument(meta["flag"], dest=setting.name, type=argument_type(setting), default=setting.default,
                            choices=meta.get("choices"), metavar=metavar,
                            help=f"{meta['help']} (default: {meta['default_text']})")
    threads = whole("the number of threads", low=0)
    parser.add_argument("--threads", type=lambda text: _checked(int, threads, text), default=0, metavar="N",
                        help="torch CPU threads (default: 0, torch's choice)")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/resume.pt")
    return parser


class ProgressBar:
    """A one-line text progress bar for the terminal (no dependency needed for this)."""

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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        config = TrainConfig(**{setting.name: getattr(args, setting.name) for setting in fields(TrainConfig)})
    except ValueError as error:  # a check across fields
        parser.error(str(error))
    bar = ProgressBar()
    try:
        result = train(config, args.out, TrainCallbacks(on_step=bar.on_step, on_epoch=bar.on_epoch),
                       resume=args.resume)
    except KeyboardInterrupt:
        print("\nInterrupted: the checkpoint folder holds the last finished epoch.", file=sys.stderr)
        return 130
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"best validation BLEU {result.best_bleu:.1f}; checkpoint in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
