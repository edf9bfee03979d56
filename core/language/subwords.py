"""Subword vocabularies for real corpora: rare words read and written as pieces of common ones.

A corpus a teacher uploads is small (Tatoeba's Hindi-English export: 2,449 pairs), so a test
sentence holds words the training split never had: 8% of its Hindi words, read as <unk>. Split
into subwords (byte-pair encoding, Sennrich et al. 2016), a rare word becomes pieces the model
has seen: कलम -> कल@@ म, pencil -> pen@@ cil. Frequent words stay whole.

Pieces are marked the way Sennrich et al. mark them: every piece but the last of a word ends with
CONTINUES ("@@"), so the words come back by joining (join_pieces) and the attention over pieces
can be shown over words (merge_attention). The segmentation is learnt by Hugging Face
`tokenizers` from the training split alone, one model per language, and saved beside the weights
as JSON (SUBWORDS_FILE): plain data, read without running any code, nothing downloaded.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Sequence

from tokenizers import Tokenizer, models, pre_tokenizers, trainers

CONTINUES = "@@"  # ends every piece that the next piece continues: ["pen@@", "cil"] is "pencil"
SUBWORDS_FILE = "subwords.json"  # in a checkpoint folder: both languages' segmentation
SUBWORDS_FORMAT = "dhyan-subwords-1"
KINDS = ("bpe", "unigram")
_UNKNOWN = "<unk>"


class SubwordError(ValueError):
    """A subword file that cannot be used; the message says why."""


class Subwords:
    """One language's segmentation: word -> pieces, each word split on its own (the tokenisers
    of core.language.text have already cut the sentence into words and marks)."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def learn(cls, sentences: Iterable[Sequence[str]], size: int, kind: str = "bpe") -> "Subwords":
        """Learn at most `size` pieces (the characters included) from tokenised sentences.
        The same sentences give the same pieces (the learning is deterministic)."""
        if kind not in KINDS:
            raise ValueError(f"unknown subword kind {kind!r}; choose one of {', '.join(KINDS)}")
        if kind == "bpe":
            tokenizer = Tokenizer(models.BPE(unk_token=_UNKNOWN))
            trainer = trainers.BpeTrainer(vocab_size=size, special_tokens=[_UNKNOWN], show_progress=False)
        else:
            tokenizer = Tokenizer(models.Unigram())
            trainer = trainers.UnigramTrainer(vocab_size=size, special_tokens=[_UNKNOWN], unk_token=_UNKNOWN,
                                              show_progress=False)
        tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
        tokenizer.train_from_iterator((" ".join(words) for words in sentences), trainer)
        return cls(tokenizer)

    def pieces(self, word: str) -> tuple[str, ...]:
        """'pencil' -> ('pen@@', 'cil'); a word it cannot split (a character never seen) stays whole,
        and the vocabulary then reads it as <unk>."""
        cached = self._cache.get(word)
        if cached is None:
            found = [token.value for token in self.tokenizer.model.tokenize(word)] if word else []
            if not found or _UNKNOWN in found or "".join(found) != word:
                found = [word]
            cached = tuple(piece + CONTINUES for piece in found[:-1]) + (found[-1],)
            if len(self._cache) < 100_000:  # typed words are endless; a corpus's are not
                self._cache[word] = cached
        return cached

    def split(self, words: Sequence[str]) -> list[str]:
        """['a', 'pencil'] -> ['a', 'pen@@', 'cil']."""
        return [piece for word in words for piece in self.pieces(word)]

    def to_json(self) -> dict:
        return json.loads(self.tokenizer.to_str())

    @classmethod
    def from_json(cls, value: dict) -> "Subwords":
        try:
            return cls(Tokenizer.from_str(json.dumps(value)))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # the Rust side may raise a PanicException (a BaseException)
            raise SubwordError(f"the subword model cannot be read ({str(error).splitlines()[0][:120]})") from None


def subwords_file_content(source: Subwords, target: Subwords) -> dict:
    """What SUBWORDS_FILE holds: both languages' segmentation."""
    return {"format": SUBWORDS_FORMAT, "marker": CONTINUES, "hindi": source.to_json(), "english": target.to_json()}


# ---------------------------------------------------------------- from pieces back to words


def is_continued(piece: str) -> bool:
    """The piece is not the end of its word: the next piece belongs to the same word."""
    return piece.endswith(CONTINUES) and len(piece) > len(CONTINUES)


def word_index(pieces: Sequence[str]) -> list[int]:
    """The word each piece belongs to: ['a', 'pen@@', 'cil', '.'] -> [0, 1, 1, 2]."""
    index, word = [], 0
    for piece in pieces:
        index.append(word)
        if not is_continued(piece):
            word += 1
    return index


def join_pieces(pieces: Sequence[str]) -> list[str]:
    """['a', 'pen@@', 'cil', '.'] -> ['a', 'pencil', '.']; a last piece left open still makes a word."""
    words: list[str] = []
    for piece, word in zip(pieces, word_index(pieces)):
        text = piece[:-len(CONTINUES)] if is_continued(piece) else piece
        if word == len(words):
            words.append(text)
        else:
            words[word] += text
    return words


def has_pieces(tokens: Sequence[str]) -> bool:
    return any(is_continued(token) for token in tokens)


def merge_attention(weights: Sequence[Sequence[float]], source_pieces: Sequence[str],
                    target_pieces: Sequence[str]) -> tuple[list[list[float]], list[str], list[str]]:
    """Attention over pieces as attention over words: (weights, source words, target words).

    A source word's weight is the sum of its pieces' weights (α over words is still a
    distribution); a target word's row is the mean of its pieces' rows (each row was one
    distribution, so their mean is one). Rows or columns past the tokens given stay as they are.
    """
    rows = [list(row) for row in weights]
    source_index, target_index = word_index(source_pieces), word_index(target_pieces)
    source_words, target_words = join_pieces(source_pieces), join_pieces(target_pieces)
    columns = max((len(row) for row in rows), default=0)
    column_of = source_index + list(range(len(source_words), len(source_words) + columns - len(source_index)))
    merged_columns = []
    for row in rows:
        summed = [0.0] * (max(column_of[:len(row)], default=-1) + 1)
        for j, weight in enumerate(row):
            summed[column_of[j]] += float(weight)
        merged_columns.append(summed)
    row_of = target_index + list(range(len(target_words), len(target_words) + len(rows) - len(target_index)))
    merged: list[list[float]] = []
    counts: list[int] = []
    for t, row in enumerate(merged_columns):
        word = row_of[t]
        if word == len(merged):
            merged.append(list(row))
            counts.append(1)
        else:
            merged[word] = [a + b for a, b in zip(merged[word], row)]
            counts[word] += 1
    return [[w / count for w in row] for row, count in zip(merged, counts)], source_words, target_words


# ---------------------------------------------------------------- a model's way of reading and writing


class Segmentation:
    """How a model reads Hindi and writes English: whole words (no Subwords given) or pieces."""

    def __init__(self, source: Subwords | None = None, target: Subwords | None = None):
        self.source, self.target = source, target

    @property
    def uses_pieces(self) -> bool:
        return self.source is not None or self.target is not None

    @classmethod
    def learn(cls, pairs: Sequence, size: int, kind: str = "bpe") -> "Segmentation":
        """Pieces for both languages learnt from these pairs (a training split)."""
        return cls(Subwords.learn((p.source_tokens for p in pairs), size, kind),
                   Subwords.learn((p.target_tokens for p in pairs), size, kind))

    def source_pieces(self, words: Sequence[str]) -> list[str]:
        return self.source.split(words) if self.source is not None else list(words)

    def target_pieces(self, words: Sequence[str]) -> list[str]:
        return self.target.split(words) if self.target is not None else list(words)

    def target_words(self, pieces: Sequence[str]) -> list[str]:
        """What the model wrote, as English words."""
        return join_pieces(pieces) if self.target is not None else list(pieces)

    def pair(self, pair):
        """A SentencePair as the model reads and writes it: pieces on both sides, the English
        text kept as the reference, the word alignment dropped (it links words, not pieces)."""
        if not self.uses_pieces:
            return pair
        return type(pair)(tuple(self.source_pieces(pair.source_tokens)), tuple(self.target_pieces(pair.target_tokens)),
                          raw_target=pair.target_text)

    def file_content(self) -> dict:
        """What SUBWORDS_FILE holds (only for a model that uses pieces)."""
        return subwords_file_content(self.source, self.target)

    @classmethod
    def from_file_content(cls, content) -> "Segmentation":
        if content is None:
            return cls()
        return cls(*_checked_content(content))


WHOLE_WORDS = Segmentation()  # how a model reads and writes without subwords


def _checked_content(content) -> tuple[Subwords, Subwords]:
    if not isinstance(content, dict) or content.get("format") != SUBWORDS_FORMAT:
        raise SubwordError(f"{SUBWORDS_FILE} is not a subword file of this version of Dhyan")
    if content.get("marker") != CONTINUES or not all(isinstance(content.get(k), dict) for k in ("hindi", "english")):
        raise SubwordError(f"{SUBWORDS_FILE} does not hold a Hindi and an English subword model")
    return Subwords.from_json(content["hindi"]), Subwords.from_json(content["english"])


def read_segmentation(directory) -> Segmentation:
    """How the model in a checkpoint folder reads and writes: pieces when the folder holds
    SUBWORDS_FILE, whole words otherwise; SubwordError when the file is there but unusable."""
    path = Path(directory) / SUBWORDS_FILE
    if not path.is_file():
        return WHOLE_WORDS
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SubwordError(f"{SUBWORDS_FILE} cannot be read ({error})") from None
    return Segmentation.from_file_content(content)
