"""Decoding: turning a trained model's next-word distributions into a translation.

Everything here works on token ids and a model in eval mode, a `Seq2Seq` or a `Transformer`
(core.nmt.transformer: the same interface; its "hidden state" is its cache of keys and values,
batch on axis 1 as in the GRU's); tokenising text and knowing about vocabularies is
`core.nmt.translate`'s job.

- greedy_decode: one sentence, the most probable word at every step, with everything a
  lesson wants to show per step (scores e_tj, weights α_tj, context c_t, top-k words). It can
  force a target prefix and override the attention weights at chosen steps.
- beam_search: one sentence, k hypotheses decoded together as a batch of k, with length
  normalisation and the whole search tree kept for drawing.
- greedy_decode_batch: many sentences at once, for evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch

from core.nmt.model import Seq2Seq
from core.language.text import EOS_ID, PAD_ID, SOS_ID


@dataclass
class DecodeStep:
    """What happened at one target step t."""

    token_id: int
    log_probability: float  # log p(y_t | y_<t, x) of the chosen word
    top_ids: list[int]  # the k most probable next words ...
    top_probabilities: list[float]  # ... and their probabilities
    weights: torch.Tensor | None  # (S,) α_t, None for encdec
    scores: torch.Tensor | None  # (S,) e_t before the softmax
    context: torch.Tensor  # (H,) c_t
    forced: bool = False  # the word came from a forced prefix, not from the model's choice
    overridden: bool = False  # the attention weights at this step were supplied by the caller


@dataclass
class DecodeResult:
    token_ids: list[int]  # without <sos>; ends with <eos> unless max_length cut it
    steps: list[DecodeStep]
    score: float = 0.0  # total log-probability
    tree: list["BeamNode"] | None = None

    @property
    def attention(self) -> torch.Tensor | None:
        """(T, S) matrix of α, one row per target step, or None for models without weights."""
        if not self.steps or self.steps[0].weights is None:
            return None
        return torch.stack([step.weights for step in self.steps])


# <pad> only fills batches and <sos> only starts a sentence: neither is a word the decoder may
# write. Were one chosen (a model with NaN weights picks <pad> at every step) the step would have
# an attention row but no word, and every caller's one-label-per-row would break.
NEVER_WRITTEN = torch.tensor([PAD_ID, SOS_ID])


AttentionEdit = Callable[[torch.Tensor, int, torch.Tensor], torch.Tensor]
"""edit(weights, first_step, previous_ids) -> the rows the decoder uses instead: weights (B, T, S)
is the model's own α at steps first_step .. first_step + T - 1, previous_ids (B, T) the words fed
at those steps. Search calls it with T = 1 at every step (core.nmt.counterfactual builds them)."""


def writable(scores: torch.Tensor) -> torch.Tensor:
    """scores (..., V) with <pad> and <sos> at -inf, so no search can choose them."""
    return scores.index_fill(-1, NEVER_WRITTEN, float("-inf"))


FIRST_WRITABLE = max(PAD_ID, SOS_ID) + 1  # ids 0 and 1 are NEVER_WRITTEN; every id from here is a word


def best_writable(logits: torch.Tensor) -> torch.Tensor:
    """logits (B, V) -> (B, 1) the most probable id the decoder may write: argmax(writable(
    log_softmax(logits))), the same choice (log_softmax only subtracts one number per row) from
    a view that skips ids 0 and 1, without the per-step copy and normalisation (about 12 µs of a
    ~450 µs greedy step of the shipped additive model, measured by thread time)."""
    return logits[:, FIRST_WRITABLE:].argmax(dim=-1, keepdim=True) + FIRST_WRITABLE


def default_max_length(source_length: int) -> int:
    """Longest translation we let the decoder write: English here is rarely > 1.5x the Hindi."""
    return 2 * source_length + 10


@torch.inference_mode()
def greedy_decode(model: Seq2Seq, source_ids: list[int], max_length: int | None = None,
                  prefix_ids: list[int] | None = None,
                  override_weights: dict[int, torch.Tensor] | None = None,
                  top_k: int = 5, edit_attention: AttentionEdit | None = None) -> DecodeResult:
    """Greedy decoding of one sentence (source_ids should end with <eos>).

    prefix_ids: target words forced at the first steps ("the user fixes the first words").
    override_weights: {step: (S,) weights} replacing α at those steps ("what if it had
    looked elsewhere?"); rows are used as given, so pass a distribution.
    edit_attention: a function of the model's own α at every other step (counterfactual attention).
    """
    prefix_ids = list(prefix_ids or [])
    override_weights = override_weights or {}
    max_length = max_length or default_max_length(len(source_ids))
    max_length = max(max_length, len(prefix_ids) + 1)
    source = torch.tensor([source_ids])  # (1, S)
    encoded = model.encode(source, torch.tensor([len(source_ids)]))
    hidden = model.start_state(encoded)  # (1, 1, H)
    previous = torch.tensor([[SOS_ID]])  # (1, 1)
    token_ids: list[int] = []
    # Per-step tensors are kept as the model gave them and turned into rows and Python numbers
    # once at the end: one log_softmax, cat, topk and tolist over (T, ...) instead of small calls
    # every step (row by row, log_softmax gives the same bits; tests/test_decode.py).
    logit_rows, weight_rows, score_rows, context_rows, overridden = [], [], [], [], []
    for t in range(max_length):
        override = override_weights.get(t)
        if override is not None:
            override = torch.as_tensor(override, dtype=torch.float32).reshape(1, 1, -1)  # (1, 1, S)
        elif edit_attention is not None:
            override = _edit_at(edit_attention, t, previous)
        out = model.decode(previous, hidden, encoded, override_weights=override)
        hidden = out.hidden
        logit_rows.append(out.logits[0])  # (1, V)
        weight_rows.append(out.weights)  # (1, 1, S) or None
        score_rows.append(out.scores)  # (1, 1, S) or None
        context_rows.append(out.context)  # (1, 1, H)
        overridden.append(override is not None)
        if t < len(prefix_ids):
            token = prefix_ids[t]
            previous = torch.tensor([[token]])
        else:
            best = best_writable(out.logits[0])  # (1, 1): the next input as it is
            token, previous = int(best), best
        token_ids.append(token)
        if token == EOS_ID:
            break
    log_probs = writable(torch.log_softmax(torch.cat(logit_rows), dim=-1))  # (T, V)
    weights, scores = _rows(weight_rows), _rows(score_rows)  # (T, S) or None
    contexts = torch.cat(context_rows, dim=1)[0]  # (T, H)
    top = log_probs.topk(min(top_k, log_probs.size(-1)), dim=-1)  # (T, k)
    chosen = log_probs[torch.arange(len(token_ids)), torch.tensor(token_ids)].tolist()  # (T,)
    steps = [DecodeStep(token_id=token, log_probability=chosen[t], top_ids=top_ids, top_probabilities=top_probabilities,
                        weights=None if weights is None else weights[t], scores=None if scores is None else scores[t],
                        context=contexts[t], forced=t < len(prefix_ids), overridden=overridden[t])
             for t, (token, top_ids, top_probabilities) in enumerate(
                 zip(token_ids, top.indices.tolist(), top.values.exp().tolist()))]
    return DecodeResult(token_ids, steps, sum(chosen))  # total log-probability, summed in step order


def _edit_at(edit: AttentionEdit, step: int, previous: torch.Tensor):
    """The edit as the model's override: a function of its own α at this one step."""
    return lambda weights: edit(weights, step, previous)


def _rows(per_step: list[torch.Tensor | None]) -> torch.Tensor | None:
    """[(1, 1, S)] * T -> (T, S); None for a model without them."""
    return None if per_step[0] is None else torch.cat(per_step, dim=1)[0]


@dataclass
class BeamNode:
    """One hypothesis extension in the beam search tree."""

    node_id: int
    parent_id: int | None  # None for the root (<sos>)
    step: int  # target position of token_id; the root is step -1
    token_id: int
    score: float  # cumulative log-probability of the path root..this node
    finished: bool = False  # this extension was <eos>
    on_best_path: bool = False


def length_penalty(length: int, alpha: float) -> float:
    """GNMT's length penalty lp(Y) = ((5 + |Y|) / 6)^α (Wu et al. 2016); α = 0 turns it off."""
    return ((5.0 + length) / 6.0) ** alpha


@torch.inference_mode()
def beam_search(model: Seq2Seq, source_ids: list[int], beam_size: int = 5,
                max_length: int | None = None, alpha: float = 0.6,
                prefix_ids: list[int] | None = None, top_k: int = 5) -> DecodeResult:
    """Beam search over one sentence; the live hypotheses are decoded together as one batch.

    At each step all live hypotheses are extended by every word and the `beam_size` best
    extensions by total log-probability survive. An extension ending in <eos> is finished and
    leaves the beam, which shrinks, so beam_size = 1 is exactly greedy decoding. Finished
    hypotheses are ranked by log p(Y|x) / lp(Y).
    """
    prefix_ids = list(prefix_ids or [])
    max_length = max(max_length or default_max_length(len(source_ids)), len(prefix_ids) + 1)
    encoded_one = model.encode(torch.tensor([source_ids]), torch.tensor([len(source_ids)]))
    tree = [BeamNode(0, None, -1, SOS_ID, 0.0)]
    live_nodes = [0]  # tree node of each live hypothesis
    live_scores = torch.zeros(1)  # (K,) cumulative log-probabilities
    hidden = model.start_state(encoded_one)  # (1, K, H)
    previous = torch.tensor([[SOS_ID]])  # (K, 1)
    finished: list[tuple[float, int]] = []  # (normalised score, node id)
    repeated = {}  # k -> the sentence's encoding once per live hypothesis (k changes only as the beam shrinks)
    for t in range(max_length):
        k = len(live_nodes)
        if k not in repeated:
            repeated[k] = encoded_one.select(torch.zeros(k, dtype=torch.long))
        encoded = repeated[k]
        out = model.decode(previous, hidden, encoded)
        log_probs = writable(torch.log_softmax(out.logits[:, 0], dim=-1))  # (K, V)
        if t < len(prefix_ids):  # a forced word: every other continuation is impossible
            forced = torch.full_like(log_probs, float("-inf"))
            forced[:, prefix_ids[t]] = log_probs[:, prefix_ids[t]]
            log_probs = forced
        candidates = (live_scores[:, None] + log_probs).reshape(-1)  # (K * V,)
        # the beam narrows only as hypotheses finish: a forced prefix keeps one path, but the
        # first free step past it opens the beam to its full width again
        best = candidates.topk(beam_size - len(finished))
        vocab_size = log_probs.size(1)
        keep_rows, keep_tokens, keep_scores, keep_nodes = [], [], [], []
        for score, flat_index in zip(best.values.tolist(), best.indices.tolist()):
            if score == float("-inf"):
                continue
            row, token = divmod(flat_index, vocab_size)
            node = BeamNode(len(tree), live_nodes[row], t, token, score, finished=token == EOS_ID)
            tree.append(node)
            if token == EOS_ID:
                finished.append((score / length_penalty(t + 1, alpha), node.node_id))
            else:
                keep_rows.append(row)
                keep_tokens.append(token)
                keep_scores.append(score)
                keep_nodes.append(node.node_id)
        if not keep_rows:
            break
        rows = torch.tensor(keep_rows)
        live_nodes = keep_nodes
        live_scores = torch.tensor(keep_scores)
        hidden = out.hidden[:, rows]
        previous = torch.tensor(keep_tokens)[:, None]
    if not finished:  # max_length reached: rank the live hypotheses as they stand
        finished = [(tree[n].score / length_penalty(tree[n].step + 1, alpha), n) for n in live_nodes]
    _, best_node = max(finished)
    path = _path_to(tree, best_node)
    for node_id in path:
        tree[node_id].on_best_path = True
    token_ids = [tree[n].token_id for n in path[1:]]
    # Re-run the winning path greedily-forced to collect per-step weights, scores and top-k
    # exactly as greedy_decode reports them (cheap: one pass over one hypothesis).
    detail = greedy_decode(model, source_ids, max_length=len(token_ids), prefix_ids=token_ids, top_k=top_k)
    # greedy_decode takes one free step past a forced prefix; a path cut by max_length (no <eos>)
    # would get a step it never took, an attention row with no word.
    steps = detail.steps[:len(token_ids)]
    for t, step in enumerate(steps):
        step.forced = t < len(prefix_ids)
    return DecodeResult(token_ids, steps, tree[best_node].score, tree)


def _path_to(tree: list[BeamNode], node_id: int) -> list[int]:
    path = []
    while node_id is not None:
        path.append(node_id)
        node_id = tree[node_id].parent_id
    return path[::-1]


@torch.inference_mode()
def greedy_decode_batch(model: Seq2Seq, batch_source_ids: list[list[int]], max_length: int | None = None,
                        keep_attention: bool = False, edit_attention: AttentionEdit | None = None,
                        ) -> tuple[list[list[int]], list[torch.Tensor | None]]:
    """Greedy decoding of many sentences at once (for evaluation and validation BLEU).

    Returns each sentence's target ids (without <eos>) and, with keep_attention, its (T, S)
    attention matrix cut to its own lengths (None for models without weights): the rows the
    decoder used, edit_attention's where one is given (counterfactual attention at every step).
    """
    batch_size = len(batch_source_ids)
    lengths = torch.tensor([len(ids) for ids in batch_source_ids])
    source = torch.full((batch_size, int(lengths.max())), PAD_ID, dtype=torch.long)  # (B, S)
    for row, ids in enumerate(batch_source_ids):
        source[row, :len(ids)] = torch.tensor(ids)
    max_length = max_length or default_max_length(int(lengths.max()))
    encoded = model.encode(source, lengths)
    hidden = model.start_state(encoded)
    previous = torch.full((batch_size, 1), SOS_ID, dtype=torch.long)
    done = torch.zeros(batch_size, dtype=torch.bool)
    chosen, weights = [], []
    for t in range(max_length):
        override = None if edit_attention is None else _edit_at(edit_attention, t, previous)
        out = model.decode(previous, hidden, encoded, override_weights=override)
        hidden = out.hidden
        token = writable(out.logits[:, 0]).argmax(dim=-1)  # (B,)
        token = token.masked_fill(done, PAD_ID)
        chosen.append(token)
        if keep_attention and out.weights is not None:
            weights.append(out.weights[:, 0])  # (B, S)
        done |= token == EOS_ID
        if bool(done.all()):
            break
        previous = token[:, None]
    chosen_ids = torch.stack(chosen, dim=1).tolist()  # (B, T)
    results, attentions = [], []
    stacked = torch.stack(weights, dim=1) if weights else None  # (B, T, S)
    for row, ids in enumerate(chosen_ids):
        length = ids.index(EOS_ID) if EOS_ID in ids else len(ids)
        results.append(ids[:length])
        if stacked is not None:
            attentions.append(stacked[row, :length, :len(batch_source_ids[row])].clone())
        else:
            attentions.append(None)
    return results, attentions
