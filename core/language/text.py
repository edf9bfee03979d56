"""Text processing: tokenisers for Hindi and English, and the vocabulary.

Hindi text is normalised to Unicode NFC before anything else. NFC matters for Devanagari
because nukta letters have two encodings: the precomposed ज़ (U+095B) and ज + ◌़ (U+091C
U+093C). Both are canonically equivalent, and NFC maps them to one form (the decomposed one,
since U+095B is a composition exclusion), so the vocabulary never holds the same word twice.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

PAD, SOS, EOS, UNK = "<pad>", "<sos>", "<eos>", "<unk>"
SPECIAL_TOKENS = (PAD, SOS, EOS, UNK)
PAD_ID, SOS_ID, EOS_ID, UNK_ID = range(4)

# Characters that carry no meaning but break token matching: zero-width space/joiners that
# keyboards insert, the byte-order mark, bidi controls pasted from right-to-left text (the
# Arabic letter mark U+061C among them), the soft hyphen and combining grapheme joiner that
# web pages hide inside words, and the Mongolian vowel separator.
# ZWJ/ZWNJ (U+200C/D) do change how some Devanagari conjuncts render, but never which word
# it is, so dropping them is the right call for a vocabulary lookup.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Sentence punctuation split off as its own token. The danda and double danda are Hindi's
# full stops.
_PUNCTUATION = "।॥?!.,;:\"'()[]{}"
_PUNCT_SPLIT = re.compile("([" + re.escape(_PUNCTUATION) + "])")


def normalise(text: str) -> str:
    """NFC, without control and invisible characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))  # strip first: NFC may then reorder marks
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


def tokenize_hindi(text: str) -> list[str]:
    """'मैं खाना खा रहा हूँ।' -> ['मैं', 'खाना', 'खा', 'रहा', 'हूँ', '।']"""
    return _PUNCT_SPLIT.sub(r" \1 ", normalise(text)).split()


def tokenize_english(text: str) -> list[str]:
    """'Is Ram eating?' -> ['Is', 'Ram', 'eating', '?'] (case kept: BLEU is cased)."""
    return _PUNCT_SPLIT.sub(r" \1 ", normalise(text)).split()


_NO_SPACE_BEFORE = set(".,?!;:)]}")
_NO_SPACE_AFTER = set("([{")


def detokenize_english(tokens: Sequence[str]) -> str:
    """['Is', 'Ram', 'eating', '?'] -> 'Is Ram eating?' (what people read and sacrebleu scores)."""
    text = ""
    for token in tokens:
        if text and token not in _NO_SPACE_BEFORE and text[-1] not in _NO_SPACE_AFTER:
            text += " "
        text += token
    return text


def detokenize_hindi(tokens: Sequence[str]) -> str:
    return detokenize_english(tokens).replace(" ।", "।")


@dataclass
class Vocabulary:
    """Token <-> id mapping. Ids 0..3 are <pad> <sos> <eos> <unk>, in that order.

    Saved as a plain list of tokens (index = id) so a checkpoint needs no pickle.
    """

    tokens: list[str]

    def __post_init__(self) -> None:
        if tuple(self.tokens[:4]) != SPECIAL_TOKENS:
            raise ValueError(f"a vocabulary must start with {SPECIAL_TOKENS}")
        if len(set(self.tokens)) != len(self.tokens):
            raise ValueError("a vocabulary must not repeat a token")
        self.index = {token: i for i, token in enumerate(self.tokens)}

    @classmethod
    def build(cls, sentences: Iterable[Sequence[str]], min_count: int = 1) -> "Vocabulary":
        """Most frequent first; ties broken alphabetically so the ids are reproducible."""
        counts = Counter(token for sentence in sentences for token in sentence)
        kept = sorted((t for t, c in counts.items() if c >= min_count and t not in SPECIAL_TOKENS),
                      key=lambda t: (-counts[t], t))
        return cls(list(SPECIAL_TOKENS) + kept)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def encode(self, tokens: Sequence[str], add_eos: bool = False) -> list[int]:
        ids = [self.index.get(token, UNK_ID) for token in tokens]
        return ids + [EOS_ID] if add_eos else ids

    def decode(self, ids: Iterable[int], stop_at_eos: bool = True) -> list[str]:
        """Ids -> tokens, dropping <sos>/<pad> and stopping at the first <eos>."""
        tokens = []
        for i in ids:
            i = int(i)
            if i == EOS_ID and stop_at_eos:
                break
            if i in (PAD_ID, SOS_ID):
                continue
            tokens.append(self.tokens[i] if 0 <= i < len(self.tokens) else UNK)
        return tokens

    def unknown_tokens(self, tokens: Sequence[str]) -> list[str]:
        """The distinct input tokens this vocabulary does not know, in order of appearance."""
        return list(dict.fromkeys(t for t in tokens if t not in self.index))
