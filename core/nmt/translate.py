"""From Hindi text to an English translation with everything needed to show how it was made.

    python -m core.translate --model additive "मैं खाना खा रहा हूँ"
    python -m core.translate --model checkpoints/dot --beam 5 --json "वह स्कूल जाता है"

`Translator` wraps a loaded checkpoint: it tokenises and checks the input (GUIDE.md §5: a
blank box gets a hint, over-long text is cut with a note, unknown words are listed), calls
core.nmt.decode, and returns a `Translation`. It never mutates the model, so one Translator can
serve every session and thread at once.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field

import torch

from core.nmt.checkpoint import CheckpointError, LoadedModel, load_checkpoint, resolve_model_path
from core.nmt.decode import BeamNode, DecodeResult, beam_search, greedy_decode
from core.language.text import (EOS, EOS_ID, SPECIAL_TOKENS, UNK, UNK_ID, detokenize_english, tokenize_english,
                       tokenize_hindi)

MAX_INPUT_CHARACTERS = 2000  # read no further than this; the model's own limit is in tokens
DEVANAGARI = re.compile("[\u0900-\u097f]")


class InputError(ValueError):
    """Input we will not translate; the message is a hint for the person who typed it."""


@dataclass
class Translation:
    model_name: str
    model_kind: str
    source_tokens: list[str]  # what the encoder read, ending with <eos>
    target_tokens: list[str]  # the English words, without <eos>
    text: str  # target_tokens detokenised
    decoded: DecodeResult  # per-step detail: weights, scores, context, top-k
    token_probabilities: list[float]  # p of each chosen word, then of <eos> if it was reached
    alternatives: list[list[tuple[str, float]]]  # top-k (word, p) at every step
    unknown_words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "cut to 59 words"
    method: str = "greedy"

    @property
    def attention(self) -> torch.Tensor | None:
        """(T, S) weights including the <eos> step and the <eos> source position; None for encdec."""
        return self.decoded.attention

    @property
    def output_tokens(self) -> list[str]:
        """target_tokens plus <eos> when the model stopped by itself: one label per attention row."""
        ended = bool(self.decoded.token_ids) and self.decoded.token_ids[-1] == EOS_ID
        return self.target_tokens + ([EOS] if ended else [])

    @property
    def beam_tree(self) -> list[BeamNode] | None:
        return self.decoded.tree

    def to_json(self) -> dict:
        attention = self.attention
        return {
            "model": self.model_name, "kind": self.model_kind, "method": self.method,
            "source_tokens": self.source_tokens, "target_tokens": self.output_tokens, "translation": self.text,
            "attention": None if attention is None else [[round(w, 4) for w in row] for row in attention.tolist()],
            "probabilities": [round(p, 4) for p in self.token_probabilities],
            "alternatives": [[[w, round(p, 4)] for w, p in step] for step in self.alternatives],
            "unknown_words": self.unknown_words, "notes": self.notes,
        }


@dataclass
class PreparedSource:
    tokens: list[str]  # Hindi tokens the model will read (without <eos>)
    ids: list[int]  # with <eos>
    unknown_words: list[str]
    notes: list[str]


class Translator:
    def __init__(self, loaded: LoadedModel):
        self.loaded = loaded
        self.model = loaded.model
        self.source_vocab = loaded.source_vocab
        self.target_vocab = loaded.target_vocab

    @classmethod
    def from_name(cls, name_or_dir: str) -> "Translator":
        path = resolve_model_path(name_or_dir)
        return cls(load_checkpoint(path, name=name_or_dir if not path.is_absolute() else path.name))

    @property
    def name(self) -> str:
        return self.loaded.name

    @property
    def kind(self) -> str:
        return self.loaded.kind

    def prepare(self, text: str) -> PreparedSource:
        if text is None or not str(text).strip():
            raise InputError("Type a Hindi sentence to translate, for example: मैं खाना खा रहा हूँ")
        notes = []
        text = str(text)
        if len(text) > MAX_INPUT_CHARACTERS:
            text = text[:MAX_INPUT_CHARACTERS]
            notes.append(f"Only the first {MAX_INPUT_CHARACTERS:,} characters were read.")
        tokens = tokenize_hindi(text)
        if not tokens:
            raise InputError("There are no words in this input (only spaces or invisible characters). "
                             "Type a Hindi sentence, for example: मैं खाना खा रहा हूँ")
        if not DEVANAGARI.search(" ".join(tokens)):
            raise InputError("These models translate Hindi written in Devanagari script (देवनागरी), and this "
                             "input has no Devanagari letters. Try: मैं खाना खा रहा हूँ")
        limit = self.loaded.max_source_tokens - 1  # one position is the <eos> we append
        if len(tokens) > limit:
            notes.append(f"The input has {len(tokens)} words; this model reads at most {limit}, "
                         f"so it was cut after word {limit}.")
            tokens = tokens[:limit]
        # A typed "<pad>" or "<eos>" is a word the model never read, not a control signal:
        # left as it is, "<pad>" would be masked out of attention and "<eos>" end the source early.
        ids = [UNK_ID if token in SPECIAL_TOKENS else token_id
               for token, token_id in zip(tokens, self.source_vocab.encode(tokens))]
        unknown = list(dict.fromkeys(token for token in tokens
                                     if token in SPECIAL_TOKENS or token not in self.source_vocab))
        return PreparedSource(tokens, ids + [EOS_ID], unknown, notes)

    def prefix_ids(self, prefix: str | list[str] | None) -> list[int]:
        if not prefix:
            return []
        words = tokenize_english(prefix) if isinstance(prefix, str) else list(prefix)
        unknown = list(dict.fromkeys(word for word in words if word in SPECIAL_TOKENS or word not in self.target_vocab))
        if unknown:
            raise InputError(f"The model cannot write {', '.join(unknown)}: not in its English vocabulary.")
        return self.target_vocab.encode(words)

    def translate(self, text: str, beam_size: int = 1, prefix: str | list[str] | None = None,
                  override_weights: dict[int, torch.Tensor] | None = None, top_k: int = 5) -> Translation:
        source = self.prepare(text)
        forced = self.prefix_ids(prefix)
        if beam_size > 1 and override_weights:
            raise InputError("Attention can be edited with greedy decoding only (beam size 1).")
        if beam_size > 1:
            decoded = beam_search(self.model, source.ids, beam_size=beam_size, prefix_ids=forced, top_k=top_k)
        else:
            decoded = greedy_decode(self.model, source.ids, prefix_ids=forced, override_weights=override_weights,
                                    top_k=top_k)
        return self._translation(source, decoded, "greedy" if beam_size <= 1 else f"beam {beam_size}")

    def _translation(self, source: PreparedSource, decoded: DecodeResult, method: str) -> Translation:
        target_tokens = self.target_vocab.decode(decoded.token_ids)
        vocab = self.target_vocab.tokens
        alternatives = [[(vocab[i], p) for i, p in zip(step.top_ids, step.top_probabilities)]
                        for step in decoded.steps]
        probabilities = [float(torch.tensor(step.log_probability).exp()) for step in decoded.steps]
        notes = list(source.notes)
        if decoded.token_ids and decoded.token_ids[-1] != EOS_ID:
            notes.append("The model did not finish the sentence within its length limit.")
        return Translation(self.name, self.kind, source.tokens + [EOS], target_tokens,
                           detokenize_english(target_tokens), decoded, probabilities, alternatives,
                           source.unknown_words, notes, method)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.translate", description="Translate Hindi to English.")
    parser.add_argument("--model", default="additive", help="a shipped model name or a checkpoint folder")
    parser.add_argument("--beam", type=int, default=1, help="beam size (1: greedy)")
    parser.add_argument("--json", action="store_true", help="print tokens, attention and probabilities as JSON")
    parser.add_argument("sentence", nargs="+", help="the Hindi sentence")
    args = parser.parse_args(argv)
    if args.beam < 1:
        parser.error("--beam must be at least 1")
    try:
        translator = Translator.from_name(args.model)
        translation = translator.translate(" ".join(args.sentence), beam_size=args.beam)
    except (CheckpointError, InputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(translation.to_json(), ensure_ascii=False))
    else:
        print(translation.text)
        for note in translation.notes:
            print(f"note: {note}", file=sys.stderr)
        if translation.unknown_words:
            print(f"unknown words ({UNK}): {' '.join(translation.unknown_words)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
