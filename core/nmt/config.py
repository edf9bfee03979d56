"""What a training run is asked to do: TrainConfig, and the recipe a corpus file gets from its size.

One config path: every TrainConfig field carries its command-line flag, help text and check in
its metadata. core.train builds the command line from them, TrainConfig.__post_init__ runs the
same checks for callers of the API (the in-browser jobs), so nonsense gets the same message either way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable

from core.language.pairs import BUILT_IN_CORPORA
from core.nmt.model import TRAINABLE_KINDS, TRANSFORMER_KIND

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


def one_of(what: str, allowed: tuple[str, ...]) -> Check:
    """A check: one of the allowed words."""
    def check(value) -> str | None:
        return None if value in allowed else f"{what} must be one of {', '.join(allowed)} (got {value!r})"
    return check


def yes_no(text: str) -> bool:
    """A switch's command-line text: yes/no, true/false, on/off or 1/0 (str(True) and str(False) too)."""
    answer = {"yes": True, "true": True, "on": True, "1": True, "no": False, "false": False, "off": False,
              "0": False}.get(text.strip().lower())
    if answer is None:
        raise ValueError(f"expected yes or no, got {text!r}")
    return answer


def option(default, flag: str, help: str, check: Check | None = None, **argparse_settings):
    """A TrainConfig field with what the command line needs to offer it."""
    return field(default=default, metadata={"flag": flag, "help": help, "check": check, "parse": type(default),
                                            "default_text": str(default), **argparse_settings}
                 | ({"parse": yes_no} if isinstance(default, bool) else {}))


def automatic(generated, flag: str, help: str, check: Check, parse: type):
    """A TrainConfig field that a corpus file gets from its size (file_settings) unless it is
    given; the generated corpus always gets `generated`. None (on the command line: auto) until then."""
    return option(None, flag, help, check, parse=parse, auto=True, generated=generated,
                  default_text=f"{generated} for the generated corpus; for a file, from its size")


# The transformer's defaults where they differ from the GRU models' (docs/DESIGN.md, "The
# transformer"): d 128 is the one size that trains as many target tokens per second as the
# additive GRU; label smoothing as in Vaswani et al. 2017.
TRANSFORMER_SIZE = 128
TRANSFORMER_LABEL_SMOOTHING = 0.1
LR_DECAYS = ("inverse-sqrt", "plateau")  # the transformer's rate after its warm-up (core.nmt.transformer)
GENERATED_UNKNOWN_RATE = 0.03  # the generated corpus's default share of aligned words trained as <unk>
# The corpora built from the generator (core.language.pairs.BUILT_IN_CORPORA) all get
# GENERATED_SETTINGS and GENERATED_UNKNOWN_RATE.


def is_built_in(corpus: str) -> bool:
    return corpus in BUILT_IN_CORPORA


@dataclass
class TrainConfig:
    model: str = option("additive", "--model", "which model: encdec has no attention; uniform, additive, dot and "
                        "general attend; transformer attends in every layer, many heads at once",
                        choices=TRAINABLE_KINDS)
    embedding_size: int | None = automatic(128, "--emb", "word embedding size", whole("the embedding size"), int)
    hidden_size: int | None = automatic(256, "--hidden", "GRU hidden size (even: each encoder direction gets half); "
                                        f"the transformer's model size d ({TRANSFORMER_SIZE} unless given)",
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
    corpus: str = option("generated", "--corpus", "'generated', 'classroom' (its sentences of at most "
                        "max-source-tokens - 1 Hindi tokens), 'conversational' (the generated corpus with a "
                        "wider everyday grammar: compound verbs, offers, thanks, the shop, the family ...) or "
                        "a TSV / Tatoeba / zip file (split as below)")
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
    # Sorted by source length, then target length, before the cut into batches: less decoder padding,
    # 7% less CPU an epoch at the same quality per epoch (docs/watch_it_learn.md, trial M), 11-13% at
    # the shipped sizes (docs/benchmarks.md). Off by default, since the batch order is part of a
    # run's recipe; on in the shipped recipe (tools/shipped.py) and the classroom run.
    bucket_by_target: bool = option(False, "--bucket-by-target", "group batches by target length as well as "
                                    "source length (yes/no)")
    # Off by default and in every shipped model: the decoder sees the source only through attention
    # (docs/DESIGN.md, "The five models"); on, for the counterfactual-attention contrast (docs/counterfactual.md).
    input_feeding: bool = option(False, "--input-feeding", "GRU models: feed the previous step's context into the "
                                 "decoder GRU with the previous word (Luong et al. 2015's input feeding; yes/no)")
    # Adam's update as one fused kernel instead of a Python loop over the parameters: 3-5% less CPU
    # an epoch at the shipped sizes (docs/benchmarks.md), equal to the loop up to rounding, not to
    # the bit. Off by default for the same reason as bucket_by_target; on in the shipped recipe.
    fused_adam: bool = option(False, "--fused-adam", "Adam's update as one fused kernel (yes/no)")
    layers: int = option(2, "--layers", "transformer: layers in the encoder, and in the decoder unless "
                         "--decoder-layers says otherwise", whole("the number of layers"))
    # A deep encoder and a shallow decoder (Kasai et al. 2021): the encoder runs once per sentence,
    # the decoder once per word written, so greedy decoding's time follows the decoder's depth.
    decoder_layers: int | None = option(None, "--decoder-layers", "transformer: layers in the decoder",
                                        whole("the number of decoder layers"), parse=int,
                                        default_text="the same as --layers")
    heads: int = option(4, "--heads", "transformer: attention heads per layer (the model size must be a multiple)",
                        whole("the number of heads"))
    feedforward_size: int = option(512, "--ff", "transformer: inner width of each layer's feed-forward network",
                                   whole("the feed-forward size"))
    warmup_steps: int = option(600, "--warmup", "transformer: updates over which the learning rate rises to --lr",
                               whole("the number of warm-up steps"))
    lr_decay: str = option("inverse-sqrt", "--lr-decay", "transformer: after the warm-up the learning rate falls as "
                           "1/sqrt(update) (inverse-sqrt) or is halved when validation loss stalls, as the GRU "
                           "models' is (plateau)", one_of("the learning-rate decay", LR_DECAYS),
                           choices=LR_DECAYS)
    device: str = option("auto", "--device", "auto (cuda if present), cpu or cuda")

    def __post_init__(self) -> None:
        if self.model not in TRAINABLE_KINDS:
            raise ValueError(f"unknown model {self.model!r}; choose one of {', '.join(TRAINABLE_KINDS)}")
        for setting in fields(self):
            check = setting.metadata.get("check")
            value = getattr(self, setting.name)
            problem = check(value) if check and value is not None else None
            if problem:
                raise ValueError(problem)
        if self.model == TRANSFORMER_KIND:  # its own defaults, before the corpus's (file_settings' are a GRU's)
            self.hidden_size = TRANSFORMER_SIZE if self.hidden_size is None else self.hidden_size
            self.label_smoothing = (TRANSFORMER_LABEL_SMOOTHING if self.label_smoothing is None
                                    else self.label_smoothing)
            if self.hidden_size % 2 or self.hidden_size % self.heads:
                raise ValueError(f"the transformer's model size (--hidden {self.hidden_size}) must be even and a "
                                 f"multiple of the number of heads ({self.heads})")
        if self.decoder_layers is None:  # recorded as a number in config.json
            self.decoder_layers = self.layers
        if self.lr_floor is None:  # recorded as a number in config.json
            self.lr_floor = self.learning_rate / 16
        if self.unknown_rate is None:
            self.unknown_rate = GENERATED_UNKNOWN_RATE if is_built_in(self.corpus) else 0.0
        if is_built_in(self.corpus):  # a file's automatic settings wait for its size: resolved()
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
