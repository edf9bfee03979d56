"""Counterfactual attention: decode with the attention row replaced at every step, and see what changes.

A heatmap invites a class to read α as the reason for each word. The check (Jain & Wallace 2019;
Wiegreffe & Pinter 2019; for translation Moradi et al. 2019) is to give the decoder other rows
and look at what it writes. At every step t the model's own row α_t (over the S real source
positions, the appended <eos> included) is replaced by

    uniform      α'_tj = 1/S                      the softmax of equal scores, exactly the uniform model's row
    permute      α'_tj = α_t,π_t(j)               π_t a seeded random permutation of the S positions, new at every step
    keep-max     α'_t  = one-hot(argmax_j α_tj)   all weight on the word the model looked at most
    remove-max   α'_tj = α_tj / (1 - max α_t) for j ≠ argmax, 0 at the argmax
                                                  (all weight on the argmax: uniform over the other positions)
    gold         α'_t  = uniform over the source words the grammar links to reference word t;
                 a reference word without a link, and any step past the reference's <eos>, gets the
                 uniform row; the <eos> step looks at the source's <eos>. Generated pairs only.
    from:MODEL   α'_t  = MODEL's own row at step t, MODEL fed the same words (the two must read the same
                 source tokens: both whole words, or the same pieces)

Decoding goes on from the model's own words (free running: core.nmt.decode's greedy search with
an `edit_attention` function), and a forced variant feeds the reference and scores it under each
counterfactual (Δ log p per reference token). Because Dhyan's decoder has no input feeding (c_t
does not enter the GRU: docs/DESIGN.md, "The five models"), a row changed at step t changes only
the word at step t when the earlier words are fed: feeding the model its own translation and
replacing every row at once therefore measures every step's single-step counterfactual in one
pass ("step" survival below).

Every edit works on rows of any leading shape (..., S) with a mask broadcastable to them, so a
model with several heads can hand its (B, heads, T, S) weights to the same functions.
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import torch

from core.language.corpus import SentencePair
from core.language.text import EOS, EOS_ID, PAD_ID, detokenize_english
from core.language.word_classes import word_class
from core.nmt.checkpoint import LoadedModel
from core.nmt.decode import greedy_decode
from core.nmt.model import masked_softmax

KINDS = ("uniform", "permute", "keep-max", "remove-max", "gold")
DONOR_PREFIX = "from:"
DESCRIPTIONS = {
    "uniform": "equal weight on every Hindi word",
    "permute": "the model's own weights, shuffled over the Hindi words at every step",
    "keep-max": "all weight on the word the model looked at most",
    "remove-max": "the word the model looked at most taken away, the rest rescaled",
    "gold": "the grammar's gold alignment of the reference",
}
PERMUTATION_ROWS = 2 * 60 + 10  # steps drawn per sentence: default_max_length of the longest source read


class CounterfactualError(ValueError):
    """A counterfactual that cannot be run for this model or these sentences; the message says why."""


def describe(kind: str) -> str:
    return DESCRIPTIONS.get(kind, f"{kind[len(DONOR_PREFIX):]}'s own attention" if is_donor(kind) else kind)


def is_donor(kind: str) -> bool:
    return kind.startswith(DONOR_PREFIX)


def check_kinds(kinds: list[str]) -> None:
    unknown = [kind for kind in kinds if kind not in KINDS and not (is_donor(kind) and len(kind) > len(DONOR_PREFIX))]
    if unknown:
        raise CounterfactualError(f"unknown counterfactual {', '.join(map(repr, unknown))}; choose from "
                                  f"{', '.join(KINDS)} or {DONOR_PREFIX}MODEL (another model's attention)")


# ------------------------------------------------------------------ rows: (..., S) -> (..., S)

def uniform_rows(weights: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """1/S on every real position: the softmax of equal scores, as UniformContext computes it (bit for bit)."""
    return masked_softmax(torch.zeros_like(weights), mask.expand_as(weights))


def keep_max_rows(weights: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """One-hot on each row's argmax (padding has weight 0, so it is never the argmax of a distribution)."""
    best = weights.masked_fill(~mask, float("-inf")).argmax(dim=-1, keepdim=True)
    return torch.zeros_like(weights).scatter_(-1, best, 1.0)


def remove_max_rows(weights: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Each row with its argmax zeroed and the rest renormalised to sum 1. A row with all its weight
    on the argmax has nothing left to rescale: it becomes uniform over the other real positions; a
    row with a single real position (nothing else to look at) stays as it is."""
    real = mask.expand_as(weights)
    best = weights.masked_fill(~real, float("-inf")).argmax(dim=-1, keepdim=True)
    others = real.scatter(-1, best, False)  # (..., S): real positions but the argmax
    rest = weights * others
    total = rest.sum(dim=-1, keepdim=True)
    spread = others / others.sum(dim=-1, keepdim=True).clamp(min=1)
    rows = torch.where(total > 0, rest / total.clamp(min=torch.finfo(weights.dtype).tiny), spread)
    alone = others.sum(dim=-1, keepdim=True) == 0
    return torch.where(alone, weights, rows)


def permuted_rows(weights: torch.Tensor, order: torch.Tensor) -> torch.Tensor:
    """α'_j = α_order[j]: order (..., S) a permutation of the real positions, padding mapped to itself."""
    return weights.gather(-1, order)


def permutation_table(length: int, seed: int, index: int, rows: int = PERMUTATION_ROWS) -> torch.Tensor:
    """(rows, length): a random permutation of `length` positions per step, drawn from (seed, index)
    alone, so a sentence gets the same permutations in any batch."""
    generator = torch.Generator().manual_seed(seed * 1_000_003 + index)
    return torch.rand(rows, length, generator=generator).argsort(dim=-1)


def gold_rows(alignment, reference_length: int, source_length: int) -> torch.Tensor:
    """(reference_length + 1, source_length) rows: reference word t -> uniform over its gold-linked
    source words (uniform over every real position when it has none), the <eos> step -> the
    source's <eos>. source_length counts the appended <eos>; links past the words read are dropped."""
    rows = torch.zeros(reference_length + 1, source_length)
    for source_index, target_index in alignment:
        if source_index < source_length - 1 and target_index < reference_length:
            rows[target_index, source_index] = 1.0
    unlinked = rows.sum(dim=-1) == 0
    rows[unlinked] = 1.0
    rows[reference_length] = 0.0
    rows[reference_length, source_length - 1] = 1.0
    return rows / rows.sum(dim=-1, keepdim=True)


# ------------------------------------------------------------------ edits for one batch

@dataclass
class Batch:
    """The sentences decoded together: their source ids (with <eos>) and what the edits need."""

    source_ids: list[list[int]]
    indices: list[int]  # each sentence's place in the whole list (the permutation seed)
    alignments: list | None = None  # gold links per sentence, for "gold"
    reference_lengths: list[int] | None = None

    @property
    def lengths(self) -> torch.Tensor:
        return torch.tensor([len(ids) for ids in self.source_ids])

    @property
    def mask(self) -> torch.Tensor:
        """(B, S) True on real positions."""
        width = max(len(ids) for ids in self.source_ids)
        return torch.arange(width)[None, :] < self.lengths[:, None]


def padded(rows: list[list[int]], width: int | None = None) -> torch.Tensor:
    width = width or max(len(row) for row in rows)
    out = torch.full((len(rows), width), PAD_ID, dtype=torch.long)
    for i, row in enumerate(rows):
        out[i, :len(row)] = torch.tensor(row, dtype=torch.long)
    return out


class DonorAttention:
    """Another model's attention as the edit: the donor is fed the recipient's words step by step
    (its own vocabulary's ids for them) and its row replaces the recipient's."""

    def __init__(self, donor: LoadedModel, recipient: LoadedModel, batch: Batch, source_tokens: list[list[str]]):
        if not donor.model.has_attention_weights:
            raise CounterfactualError(f"{donor.name} ({donor.kind}) has no attention weights to lend")
        self.model = donor.model
        ids = [donor.source_vocab.encode(tokens, add_eos=True) for tokens in source_tokens]
        self.encoded = self.model.encode(padded(ids), torch.tensor([len(i) for i in ids]))
        self.hidden = self.model.start_state(self.encoded)
        words = recipient.target_vocab.tokens
        self.to_donor = torch.tensor([donor.target_vocab.id_of(word) for word in words])  # recipient id -> donor id

    def select(self, rows: torch.Tensor) -> "DonorAttention":
        """The donor for some sentences only, its decoder state carried along."""
        kept = object.__new__(DonorAttention)
        kept.model, kept.to_donor = self.model, self.to_donor
        kept.encoded, kept.hidden = self.encoded.select(rows), self.hidden[:, rows]
        return kept

    def __call__(self, weights: torch.Tensor, first_step: int, previous: torch.Tensor) -> torch.Tensor:
        out = self.model.decode(self.to_donor[previous], self.hidden, self.encoded)
        self.hidden = out.hidden
        return out.weights.to(weights.dtype)


class RowEdit:
    """An AttentionEdit (core.nmt.decode) for one batch: `kind` applied to the model's rows.

    mask (B, 1, S) marks the real source positions; table (B, R, S) holds what a kind draws in
    advance per sentence (permute: a permutation per step; gold: the gold row per step), None
    for the others. select(rows) keeps some sentences only, so a decode can drop the finished
    ones from its batch: every row is computed from its own sentence's mask and table alone."""

    def __init__(self, kind: str, mask: torch.Tensor, table: torch.Tensor | None = None):
        self.kind, self.mask, self.table = kind, mask, table

    def select(self, rows: torch.Tensor) -> "RowEdit":
        return RowEdit(self.kind, self.mask[rows], None if self.table is None else self.table[rows])

    def __call__(self, weights: torch.Tensor, first: int, previous: torch.Tensor) -> torch.Tensor:
        if self.kind == "uniform":
            return uniform_rows(weights, self.mask)
        if self.kind == "keep-max":
            return keep_max_rows(weights, self.mask)
        if self.kind == "remove-max":
            return remove_max_rows(weights, self.mask)
        steps = torch.arange(first, first + weights.size(1))  # (T,)
        if self.kind == "permute":
            return permuted_rows(weights, self.table[:, steps % PERMUTATION_ROWS])
        inside = steps < self.table.size(1)  # gold: past the longest reference the row is uniform
        rows = uniform_rows(weights, self.mask).clone()
        rows[:, inside] = self.table[:, steps[inside]]
        return rows


def make_edit(kind: str, batch: Batch, seed: int = 0, donor: LoadedModel | None = None,
              recipient: LoadedModel | None = None, source_tokens: list[list[str]] | None = None):
    """The AttentionEdit (core.nmt.decode) that applies `kind` to this batch's rows, fresh for one decode."""
    mask = batch.mask[:, None, :]  # (B, 1, S)
    if kind in ("uniform", "keep-max", "remove-max"):
        return RowEdit(kind, mask)
    if kind == "permute":
        width = mask.size(-1)
        table = torch.arange(width).repeat(len(batch.source_ids), PERMUTATION_ROWS, 1)  # (B, R, S) identity
        for row, (ids, index) in enumerate(zip(batch.source_ids, batch.indices)):
            table[row, :, :len(ids)] = permutation_table(len(ids), seed, index)
        return RowEdit(kind, mask, table)
    if kind == "gold":
        if not batch.alignments or not any(batch.alignments):
            raise CounterfactualError("gold attention needs gold alignments: the generated corpus's pairs have "
                                      "them, a corpus file's do not")
        tables = [gold_rows(links, length, len(ids))
                  for links, length, ids in zip(batch.alignments, batch.reference_lengths, batch.source_ids)]
        depth = max(table.size(0) for table in tables)
        full = uniform_rows(torch.zeros(len(tables), depth, mask.size(-1)), mask)  # past the reference: uniform
        for row, table in enumerate(tables):
            full[row, :table.size(0), :table.size(1)] = table
        return RowEdit(kind, mask, full)
    if is_donor(kind):
        return DonorAttention(donor, recipient, batch, source_tokens)
    raise CounterfactualError(f"unknown counterfactual {kind!r}")


# ------------------------------------------------------------------ one sentence (the page)

@dataclass
class SentenceResult:
    kind: str  # "none" for the model's own attention
    words: list[str]  # English written, without <eos>
    attention: torch.Tensor  # (T, S) the rows the decoder used, <eos> step and source <eos> included
    log_probabilities: list[float]  # of each word written, then of <eos>
    ended: bool  # <eos> was written

    @property
    def output_tokens(self) -> list[str]:
        return self.words + ([EOS] if self.ended else [])

    @property
    def text(self) -> str:
        return detokenize_english(self.words)


def translate_sentence(loaded: LoadedModel, source_tokens: list[str], kinds: list[str], seed: int = 0,
                       donors: dict[str, LoadedModel] | None = None, pair: SentencePair | None = None,
                       ) -> dict[str, SentenceResult]:
    """The model's own greedy translation ("none") and one per counterfactual kind, for one sentence
    already tokenised as the model reads it (cut to its limit). A kind that cannot run here (gold
    without a pair, a donor reading other tokens) is left out; see `unavailable`."""
    check_kinds(kinds)
    ids = loaded.source_vocab.encode(source_tokens, add_eos=True)
    batch = Batch([ids], [0], [pair.alignment] if pair and pair.alignment else None,
                  [len(pair.target_tokens)] if pair else None)
    results = {"none": _sentence_result(loaded, "none", greedy_decode(loaded.model, ids))}
    for kind in kinds:
        if unavailable(kind, loaded, pair, donors):
            continue
        donor = (donors or {}).get(kind[len(DONOR_PREFIX):]) if is_donor(kind) else None
        edit = make_edit(kind, batch, seed, donor, loaded, [source_tokens])
        results[kind] = _sentence_result(loaded, kind, greedy_decode(loaded.model, ids, edit_attention=edit))
    return results


def unavailable(kind: str, loaded: LoadedModel, pair: SentencePair | None,
                donors: dict[str, LoadedModel] | None) -> str | None:
    """Why `kind` cannot run for this model and sentence, in words; None when it can."""
    if not loaded.model.has_attention_weights:
        return f"{loaded.name} has no attention row to replace"
    if kind == "gold" and not (pair and pair.alignment):
        return "gold alignments exist only for sentences of the generated corpus"
    if is_donor(kind):
        name = kind[len(DONOR_PREFIX):]
        donor = (donors or {}).get(name)
        if donor is None:
            return f"no model named {name} to take attention from"
        if not donor.model.has_attention_weights:
            return f"{name} ({donor.kind}) has no attention weights"
        if donor.metadata.get("training", {}).get("subwords", 0) != loaded.metadata.get("training", {}).get("subwords", 0):
            return f"{name} reads the sentence in other pieces, so its rows do not fit"
    return None


def _sentence_result(loaded: LoadedModel, kind: str, decoded) -> SentenceResult:
    ended = bool(decoded.token_ids) and decoded.token_ids[-1] == EOS_ID
    words = loaded.target_vocab.decode(decoded.token_ids)
    return SentenceResult(kind, words, decoded.attention, [step.log_probability for step in decoded.steps], ended)


# ------------------------------------------------------------------ comparing translations

def unchanged_flags(original: list[str], changed: list[str]) -> list[bool]:
    """For each word of `original`: is it kept in `changed`? (difflib's longest matching blocks, so
    a word shifted by an inserted or dropped word still counts as kept)."""
    kept = [False] * len(original)
    for block in difflib.SequenceMatcher(a=original, b=changed, autojunk=False).get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            kept[i] = True
    return kept


def survival_counts(original: list[str], changed: list[str]) -> dict[str, list[int]]:
    """One sentence: {"function": [kept, words], "content": [kept, words]} (marks aside)."""
    counts = {"function": [0, 0], "content": [0, 0]}
    for word, kept in zip(original, unchanged_flags(original, changed)):
        cls = cached_word_class(word)
        if cls in counts:
            counts[cls][0] += kept
            counts[cls][1] += 1
    return counts


def survival(originals: list[list[str]], changed: list[list[str]]) -> dict:
    """Share of the original words kept, over all words (marks aside) and per word class."""
    return survival_from_counts([survival_counts(words, other) for words, other in zip(originals, changed)])


def survival_from_counts(sentences: list[dict[str, list[int]]]) -> dict:
    """survival() from the sentences' survival_counts (a table adds up each sentence once for the
    whole split and again for its length bucket)."""
    counts = {cls: [sum(c[cls][0] for c in sentences), sum(c[cls][1] for c in sentences)]
              for cls in ("function", "content")}
    kept = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    return {"all": kept / total if total else None,
            **{cls: (k / n if n else None) for cls, (k, n) in counts.items()},
            "words": total, "function_words": counts["function"][1], "content_words": counts["content"][1]}


# word_class of each word once: a table classes some 150,000 words of a few thousand kinds
cached_word_class = functools.lru_cache(maxsize=None)(word_class)
