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
_PUNCTUATION = set("।॥?!.,;:\"'()[]{}“”‘’«»…")

# What people type in Hindi, mapped onto the marks the corpus writes (। ? ! ,): the double danda
# and a Latin full stop end a sentence like the danda; quotation marks and brackets carry no words;
# a colon or semicolon joins like a comma; Devanagari digits are the same numbers as Latin ones.
_HINDI_MARKS = {"॥": "।", ".": "।", "…": "।", ";": ",", ":": ","}
_HINDI_DROPPED = set("\"'()[]{}“”‘’«»")
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def normalise(text: str) -> str:
    """NFC, without control and invisible characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))  # strip first: NFC may then reorder marks
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


def _split_punctuation(text: str) -> list[str]:
    """Whitespace tokens with punctuation split off, except inside numbers (8:30, 2.5, 1,000) and
    words (o'clock, don't)."""
    out = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _PUNCTUATION:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            inside_number = ch in ".,:" and before.isdigit() and after.isdigit()
            inside_word = ch in "'’" and before.isalpha() and after.isalpha() and before.isascii()
            if not (inside_number or inside_word):
                out.append(" " + ch + " ")
                continue
        out.append(ch)
    return "".join(out).split()


def tokenize_hindi(text: str) -> list[str]:
    """'मैं खाना खा रहा हूँ।' -> ['मैं', 'खाना', 'खा', 'रहा', 'हूँ', '।'].

    Punctuation is mapped onto what the corpus writes (॥ and . -> ।, ; and : -> ,, quotes and
    brackets dropped), a run of marks counts once (?? -> ?, ?! -> ?), and Devanagari digits
    become Latin ones, so no typed mark is ever an unknown word.
    """
    tokens: list[str] = []
    for token in _split_punctuation(normalise(text).translate(_DEVANAGARI_DIGITS)):
        if token in _HINDI_DROPPED:
            continue
        token = _HINDI_MARKS.get(token, token)
        if token in ("।", "?", "!", ",") and tokens and tokens[-1] in ("।", "?", "!", ","):
            if token == "?" or tokens[-1] == ",":
                tokens[-1] = token        # a question mark wins (!? -> ?), a comma gives way (,। -> ।)
            continue
        tokens.append(token)
    while tokens and tokens[0] in ("।", "?", "!", ","):
        tokens.pop(0)
    return tokens


def tokenize_english(text: str) -> list[str]:
    """'Is Ram eating?' -> ['Is', 'Ram', 'eating', '?'] (case kept: BLEU is cased); "It is 8:30."
    keeps 8:30 and o'clock whole."""
    return _split_punctuation(normalise(text))


_NUKTA, _CHANDRABINDU, _ANUSVARA = "\u093c", "\u0901", "\u0902"


def fold_hindi(token: str) -> str:
    """The spelling variants people type, as one key: without nukta (बाज़ार ~ बाजार) and without
    nasalisation marks (हूँ ~ हूं ~ हू, तुम्हें ~ तुम्हे). Only an unknown token is looked up by its
    key, so है and हैं, both known, stay apart."""
    return token.replace(_NUKTA, "").replace(_CHANDRABINDU, "").replace(_ANUSVARA, "")


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
        # A typed variant (बाजार for बाज़ार, हूं for हूँ) finds the word: the first (most frequent) token
        # with the same folded spelling.
        self.folded_index: dict[str, int] = {}
        for i, token in enumerate(self.tokens):
            self.folded_index.setdefault(fold_hindi(token), i)

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
        return self.id_of(token) != UNK_ID

    def id_of(self, token: str) -> int:
        """The token's id, or its spelling variant's (see fold_hindi), or UNK_ID."""
        i = self.index.get(token)
        if i is None:
            i = self.folded_index.get(fold_hindi(token), UNK_ID)
        return i

    def encode(self, tokens: Sequence[str], add_eos: bool = False) -> list[int]:
        ids = [self.id_of(token) for token in tokens]
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
        return list(dict.fromkeys(t for t in tokens if t not in self))
