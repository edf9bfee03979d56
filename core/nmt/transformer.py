"""The transformer: attention without recurrence (Vaswani et al. 2017), beside the five GRU models.

The GRU models read the Hindi left to right and give the decoder one context vector per step.
Here nothing is recurrent: in every layer every position looks at other positions through
attention, many heads at once, and the order of the words enters only through positions added
to the embeddings (docs/DESIGN.md, "The transformer").

    encoder layer   x ← x + SelfAttention(LN(x))              each Hindi word looks at every Hindi word
                    x ← x + FeedForward(LN(x))
    decoder layer   y ← y + MaskedSelfAttention(LN(y))        English position t looks at positions 0..t
                    y ← y + CrossAttention(LN(y), memory)     ... and at every Hindi word
                    y ← y + FeedForward(LN(y))
    memory = LN(x) after the last encoder layer; the decoder's last y gets one more LN.

    Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V                   one head; rows: the positions that look
    MultiHead(X, Z)    = [head_1; ...; head_h] W_O,  head_i = Attention(X W_Q^i, Z W_K^i, Z W_V^i)
    FeedForward(x)     = W_2 ReLU(W_1 x + b_1) + b_2

    input   x_j = √d · E_src[x_j] + PE(j),   y_t = √d · E_tgt[y_{t-1}] + PE(t)
    output  p(y_t | y_<t, x) = softmax(LN(y_t) E_tgtᵀ + b)     the target embedding, tied

Shapes: B sentences, S source positions, T target positions asked about in this call, U target
positions looked at (those decoded before this call and these T), h heads, d model size,
d_k = d / h, L layers. An attention matrix is (B, h, queries, keys): row t is the position that
looks (the English word being written, for cross-attention), column j the position looked at
(a Hindi word). Every row is a distribution over the real key positions; padding and, in the
decoder, the future get exactly 0.

Choices, and why:
- Pre-norm (LN inside each residual branch): the residual path from the embeddings to the
  output is the identity, so a small model trains without the fragile start of post-norm
  (Xiong et al. 2020); the warm-up below is kept because Adam's first steps are noisy anyway.
- Sinusoidal positions: no parameters, and defined for every position. The generated corpus
  has few sentences of 41+ words and decoding may run to 2S + 10 positions (core.nmt.decode),
  so learned positions would leave the rarest rows nearly untrained exactly where the long
  sentences are.
- Tied target embedding and output (Press & Wolf 2017): one V × d matrix, initialised with
  standard deviation d^-1/2 so both uses start at unit scale: √d · E gives inputs of standard
  deviation 1 (the sinusoid's scale), and LN(y) · E_tgtᵀ gives logits of variance about 1.
- No dropout on the attention weights, so the weights the pages draw are the ones used; dropout
  acts on the embeddings and on every residual branch.

The interface is Seq2Seq's (core.nmt.model), so core.nmt.decode, translate and evaluate use it
unchanged: encode, start_state, decode / search_step, forward, has_attention_weights,
parameter_count. The decoder's "hidden state" is its cache of self-attention keys and values,
one tensor (2L, B, h, U, d_k) with the batch on axis 1 like the GRU's (1, B, H), so beam search
reorders it as it reorders a GRU state. Decoding one step computes that step's queries, keys and
values only and attends over the cache; the source's cross-attention keys and values are
computed once per sentence in encode().

What existing code sees as "the attention" (DecoderOutput.weights, the heatmaps, AER, the
attention override) is the LAST decoder layer's cross-attention averaged over its heads: the
layer closest to the choice of word. Every layer and head stays available: TransformerOutput
.cross_weights and .self_weights, TransformerSource.self_weights, and attention_maps() for one
sentence. An override (the What if page) replaces the last layer's cross-attention row of every
head with the given row, so that layer's head average is exactly the row given; the other layers
and the self-attention are untouched.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from core.fit import StepReport, TrainCallbacks
from core.language.text import PAD_ID, SOS_ID
from core.nmt.model import TRANSFORMER_KIND, DecoderOutput, masked_softmax


@dataclass
class TransformerConfig:
    kind: str
    source_vocab_size: int
    target_vocab_size: int
    model_size: int = 128  # d: embeddings, every residual stream, the attention's input and output
    heads: int = 4  # h; each head works in d_k = d / h dimensions
    encoder_layers: int = 2
    decoder_layers: int = 2
    feedforward_size: int = 512  # inner width of FeedForward (4d, as in Vaswani et al.)
    dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.kind != TRANSFORMER_KIND:
            raise ValueError(f"a TransformerConfig's kind is {TRANSFORMER_KIND!r}, not {self.kind!r}")
        if self.model_size % 2:
            raise ValueError("model_size must be even (the positions come in sine-cosine pairs)")
        if self.model_size % self.heads:
            raise ValueError(f"model_size ({self.model_size}) must be a multiple of heads ({self.heads})")
        if min(self.encoder_layers, self.decoder_layers) < 1:
            raise ValueError("the encoder and the decoder need at least one layer each")

    def to_dict(self) -> dict:
        return asdict(self)


def sinusoidal_positions(start: int, count: int, size: int) -> torch.Tensor:
    """PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)) for p = start..start+count-1.

    Returns (count, size). Each pair of dimensions is a clock of its own frequency, so PE(p + k)
    is a fixed rotation of PE(p): an offset is something a linear map can read."""
    # On the CPU whatever the surrounding device: built on the meta device (the checkpoint's shape
    # check), arange would go through torch's Python reference kernels and import torch._dynamo.
    position = torch.arange(start, start + count, dtype=torch.float32, device="cpu")[:, None]  # (T, 1)
    frequency = torch.exp(torch.arange(0, size, 2, dtype=torch.float32, device="cpu")
                          * (-math.log(10000.0) / size))  # (d/2,)
    angle = position * frequency  # (T, d/2)
    return torch.stack([angle.sin(), angle.cos()], dim=-1).reshape(count, size)  # (T, d): sin, cos interleaved


def causal_mask(start: int, count: int) -> torch.Tensor | None:
    """(T, U) True where query position start + i may look at key position j: j ≤ start + i.
    None for one query (it may look at everything decoded so far: nothing to mask)."""
    if count == 1:
        return None
    return torch.ones(count, start + count, dtype=torch.bool).tril(diagonal=start)


# The layers below call their modules' kernels directly (F.linear, F.layer_norm, F.dropout with
# the modules' own weights and settings: what calling the modules runs, to the bit) and skip
# dropout in eval mode, where it is the identity. A greedy step is ~40 small operations per layer
# at batch 1, and nn.Module's call bookkeeping around them was a sixth of the step: greedy decoding
# of 20 words went from 2.15x additive's time to 1.81x for the 2 + 2 model (docs/DESIGN.md).
def linear(layer: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    return F.linear(x, layer.weight, layer.bias)


def norm(layer: nn.LayerNorm, x: torch.Tensor) -> torch.Tensor:
    return F.layer_norm(x, layer.normalized_shape, layer.weight, layer.bias, layer.eps)


def dropout(layer: nn.Dropout, x: torch.Tensor) -> torch.Tensor:
    return F.dropout(x, layer.p, True, layer.inplace) if layer.training else x


class MultiHeadAttention(nn.Module):
    """MultiHead(X, Z) = [head_1; ...; head_h] W_O with head_i = softmax(Q_i K_iᵀ / √d_k) V_i.

    W_Q, W_K, W_V hold all heads side by side (d × d each, head i in columns i·d_k..(i+1)·d_k);
    queries(), keys_values() and attend() are separate so a caller can compute K and V once
    (the source, for cross-attention) or keep them (the decoder's cache)."""

    def __init__(self, size: int, heads: int):
        super().__init__()
        self.heads, self.head_size = heads, size // heads
        self.query = nn.Linear(size, size)  # W_Q
        self.key = nn.Linear(size, size)  # W_K
        self.value = nn.Linear(size, size)  # W_V
        self.output = nn.Linear(size, size)  # W_O
        # When a dict, the first sentence's q, k, v (N, d), joined heads and projected output of
        # the last calls are kept in it: core.nmt.head_step's window into one head (on a copy of
        # the model; the layers call kernels, not modules, so module hooks would see nothing).
        self.capture: dict | None = None

    def _keep(self, name: str, x: torch.Tensor) -> None:
        if self.capture is not None:
            self.capture[name] = x[0].detach().clone()

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, N, d) -> (B, h, N, d_k)."""
        return x.view(x.size(0), x.size(1), self.heads, self.head_size).transpose(1, 2)

    def queries(self, x: torch.Tensor) -> torch.Tensor:
        queries = linear(self.query, x)  # (B, T, d): q_t = x_t W_Q
        self._keep("q", queries)
        return self.split_heads(queries)  # (B, h, T, d_k)

    def keys_values(self, z: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        keys, values = linear(self.key, z), linear(self.value, z)  # (B, N, d) each: k_j = z_j W_K, v_j = z_j W_V
        self._keep("k", keys)
        self._keep("v", values)
        return self.split_heads(keys), self.split_heads(values)  # (B, h, N, d_k) each

    def attend(self, queries: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, mask: torch.Tensor | None,
               override: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """queries (B, h, T, d_k), keys and values (B, h, N, d_k), mask broadcastable to (B, h, T, N),
        True where looking is allowed (None: everywhere). override (B, T, N), when given, replaces
        the weights of every head; a function of the heads' mean row (B, T, N) gives that row.

        Returns the joined heads (B, T, d), weights α (B, h, T, N), scores (B, h, T, N)."""
        scores = queries @ keys.transpose(-2, -1) * self.head_size ** -0.5  # (B, h, T, N): q_t·k_j/√d_k
        weights = masked_softmax(scores, mask)  # (B, h, T, N): α_tj, 0 where masked
        if override is not None:
            if callable(override):   # an edit of the model's own row (counterfactual attention): the heads' mean
                override = override(weights.mean(dim=1))  # (B, T, N)
            weights = override[:, None].expand_as(weights)  # (B, h, T, N): the same row in every head
        heads = weights @ values  # (B, h, T, d_k): Σ_j α_tj v_j, one per head
        joined = heads.transpose(1, 2).reshape(heads.size(0), heads.size(2), -1)  # (B, T, d): [head_1; ...; head_h]
        projected = linear(self.output, joined)  # (B, T, d): ... W_O
        self._keep("joined", joined)
        self._keep("projected", projected)
        return projected, weights, scores


class FeedForward(nn.Module):
    """FeedForward(x) = W_2 ReLU(W_1 x + b_1) + b_2, the same at every position."""

    def __init__(self, size: int, inner_size: int):
        super().__init__()
        self.inner = nn.Linear(size, inner_size)  # W_1, b_1
        self.outer = nn.Linear(inner_size, size)  # W_2, b_2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return linear(self.outer, torch.relu(linear(self.inner, x)))  # (B, N, d)


class EncoderLayer(nn.Module):
    def __init__(self, config: TransformerConfig):
        super().__init__()
        size = config.model_size
        self.attention_norm, self.attention = nn.LayerNorm(size), MultiHeadAttention(size, config.heads)
        self.feedforward_norm, self.feedforward = nn.LayerNorm(size), FeedForward(size, config.feedforward_size)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        """x (B, S, d), mask (B, 1, 1, S) True on real source positions -> x (B, S, d), α (B, h, S, S)."""
        normed = norm(self.attention_norm, x)
        keys, values = self.attention.keys_values(normed)
        attended, weights, _ = self.attention.attend(self.attention.queries(normed), keys, values, mask)
        x = x + dropout(self.dropout, attended)  # x ← x + SelfAttention(LN(x))
        x = x + dropout(self.dropout, self.feedforward.forward(norm(self.feedforward_norm, x)))  # + FeedForward(LN(x))
        return x, weights


class DecoderLayer(nn.Module):
    def __init__(self, config: TransformerConfig):
        super().__init__()
        size = config.model_size
        self.self_norm, self.self_attention = nn.LayerNorm(size), MultiHeadAttention(size, config.heads)
        self.cross_norm, self.cross_attention = nn.LayerNorm(size), MultiHeadAttention(size, config.heads)
        self.feedforward_norm, self.feedforward = nn.LayerNorm(size), FeedForward(size, config.feedforward_size)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, y, cached_keys, cached_values, memory_keys, memory_values, self_mask, source_mask,
                override=None):
        """y (B, T, d) at positions t0..t0+T-1; cached_keys/values (B, h, t0, d_k) of the positions
        before; memory_keys/values (B, h, S, d_k) the source's, for this layer; self_mask (T, U) or
        None; source_mask (B, 1, 1, S) or None; override (B, T, S) or None.

        Returns y (B, T, d), keys and values (B, h, U, d_k) for the next call's cache, the
        self-attention α (B, h, T, U), the cross-attention α (B, h, T, S), its scores, its output."""
        normed = norm(self.self_norm, y)
        new_keys, new_values = self.self_attention.keys_values(normed)  # (B, h, T, d_k)
        keys = torch.cat([cached_keys, new_keys], dim=2)  # (B, h, U, d_k): every position up to now
        values = torch.cat([cached_values, new_values], dim=2)  # (B, h, U, d_k)
        attended, self_weights, _ = self.self_attention.attend(
            self.self_attention.queries(normed), keys, values, self_mask)
        y = y + dropout(self.dropout, attended)  # y ← y + MaskedSelfAttention(LN(y))
        context, cross_weights, cross_scores = self.cross_attention.attend(
            self.cross_attention.queries(norm(self.cross_norm, y)), memory_keys, memory_values, source_mask, override)
        y = y + dropout(self.dropout, context)  # y ← y + CrossAttention(LN(y), memory)
        y = y + dropout(self.dropout, self.feedforward.forward(norm(self.feedforward_norm, y)))  # + FeedForward(LN(y))
        return y, keys, values, self_weights, cross_weights, cross_scores, context


@dataclass
class TransformerSource:
    """What the decoder needs from the encoder, computed once per batch of sentences."""

    states: torch.Tensor  # (B, S, d) the memory: LN of the last encoder layer's output
    keys: tuple[torch.Tensor, ...]  # per decoder layer (B, h, S, d_k): memory W_K of its cross-attention
    values: tuple[torch.Tensor, ...]  # per decoder layer (B, h, S, d_k): memory W_V
    mask: torch.Tensor  # (B, S) True on real source positions
    self_weights: tuple[torch.Tensor, ...]  # per encoder layer (B, h, S, S): the encoder's self-attention
    padded: bool = True  # some position is padding (False: the mask can be skipped)

    def select(self, index: torch.Tensor) -> "TransformerSource":
        """Rows `index` of the batch (beam search repeats a sentence once per hypothesis)."""
        return TransformerSource(self.states[index], tuple(k[index] for k in self.keys),
                                 tuple(v[index] for v in self.values), self.mask[index],
                                 tuple(w[index] for w in self.self_weights), self.padded)


@dataclass
class TransformerOutput(DecoderOutput):
    """DecoderOutput with every layer and head. The inherited fields: logits (B, T, V); hidden, the
    cache (2L, B, h, U, d_k); weights (B, T, S), the last layer's cross-attention averaged over
    heads; scores (B, T, S), its q·k/√d_k averaged over heads (for display: the softmax of an
    average is not the average of the softmaxes); context (B, T, d), the last cross-attention's
    output (joined heads times W_O), the transformer's c_t."""

    cross_weights: tuple[torch.Tensor, ...] = ()  # per decoder layer (B, h, T, S)
    self_weights: tuple[torch.Tensor, ...] = ()  # per decoder layer (B, h, T, U), 0 above the diagonal


POSITIONS_KEPT = 256  # beyond the longest sentence decoded here (2 · 60 + 10 target positions)


class Transformer(nn.Module):
    has_attention_weights = True

    def __init__(self, config: TransformerConfig):
        super().__init__()
        self.config = config
        size = config.model_size
        self.source_embedding = nn.Embedding(config.source_vocab_size, size, padding_idx=PAD_ID)  # E_src
        self.target_embedding = nn.Embedding(config.target_vocab_size, size, padding_idx=PAD_ID)  # E_tgt, tied
        self.encoder_layers = nn.ModuleList(EncoderLayer(config) for _ in range(config.encoder_layers))
        self.decoder_layers = nn.ModuleList(DecoderLayer(config) for _ in range(config.decoder_layers))
        self.encoder_norm, self.decoder_norm = nn.LayerNorm(size), nn.LayerNorm(size)
        self.output_bias = nn.Parameter(torch.zeros(config.target_vocab_size))  # b; the weights are E_tgt
        self.dropout = nn.Dropout(config.dropout)
        self.scale = math.sqrt(size)  # √d
        # PE for the first positions, computed once (not saved: it is a function, not a weight)
        self.register_buffer("positions", sinusoidal_positions(0, POSITIONS_KEPT, size), persistent=False)

    def embed(self, embedding: nn.Embedding, ids: torch.Tensor, start: int) -> torch.Tensor:
        """ids (B, N) at positions start..start+N-1 -> √d · E[ids] + PE (B, N, d), with dropout."""
        end = start + ids.size(1)
        positions = (self.positions[start:end] if end <= POSITIONS_KEPT else
                     sinusoidal_positions(start, ids.size(1), self.config.model_size).to(embedding.weight))
        return dropout(self.dropout, F.embedding(ids, embedding.weight, embedding.padding_idx) * self.scale + positions)

    def encode(self, source_ids: torch.Tensor, source_lengths: torch.Tensor | None = None) -> TransformerSource:
        """source_ids (B, S) padded with <pad>; the lengths are read from the padding."""
        mask = source_ids != PAD_ID  # (B, S)
        padded = not bool(mask.all())
        key_mask = mask[:, None, None, :] if padded else None  # (B, 1, 1, S): every head, every query
        x = self.embed(self.source_embedding, source_ids, 0)  # (B, S, d)
        self_weights = []
        for layer in self.encoder_layers:
            x, weights = layer(x, key_mask)
            self_weights.append(weights)
        memory = norm(self.encoder_norm, x)  # (B, S, d)
        keys, values = zip(*(layer.cross_attention.keys_values(memory) for layer in self.decoder_layers))
        return TransformerSource(memory, keys, values, mask, tuple(self_weights), padded)

    def start_state(self, encoded: TransformerSource) -> torch.Tensor:
        """An empty cache: (2L, B, h, 0, d_k), nothing decoded yet."""
        first = encoded.keys[0]  # (B, h, S, d_k)
        return first.new_zeros(2 * len(self.decoder_layers), first.size(0), first.size(1), 0, first.size(3))

    def decode(self, previous_ids: torch.Tensor, state: torch.Tensor, encoded: TransformerSource,
               override_weights: torch.Tensor | None = None) -> TransformerOutput:
        """The next T positions given their inputs y_{t-1} (B, T) and the cache of the positions before.

        Teacher forcing calls this once with the whole shifted reference and an empty cache;
        search calls it with T = 1 at every step, carrying the cache along. The two give the same
        numbers (tests/test_transformer.py). override_weights (B, T, S) replaces the last layer's
        cross-attention of every head."""
        start, count = state.size(3), previous_ids.size(1)
        y = self.embed(self.target_embedding, previous_ids, start)  # (B, T, d)
        self_mask = causal_mask(start, count)
        if self_mask is not None:
            self_mask = self_mask.to(y.device)
        source_mask = encoded.mask[:, None, None, :] if encoded.padded else None  # (B, 1, 1, S)
        last = len(self.decoder_layers) - 1
        cache, self_weights, cross_weights = [], [], []
        for number, layer in enumerate(self.decoder_layers):
            y, keys, values, self_w, cross_w, scores, context = layer(
                y, state[2 * number], state[2 * number + 1], encoded.keys[number], encoded.values[number],
                self_mask, source_mask, override_weights if number == last else None)
            cache += [keys, values]
            self_weights.append(self_w)
            cross_weights.append(cross_w)
        logits = F.linear(norm(self.decoder_norm, y), self.target_embedding.weight, self.output_bias)  # (B, T, V)
        return TransformerOutput(logits, torch.stack(cache), cross_weights[-1].mean(dim=1), scores.mean(dim=1),
                                 context, tuple(cross_weights), tuple(self_weights))

    search_step = decode  # one step in eval mode is the same computation; there is no faster path to keep equal

    def forward(self, source_ids, source_lengths, previous_ids) -> TransformerOutput:
        """Teacher-forced pass: logits for every target position in one go."""
        encoded = self.encode(source_ids, source_lengths)
        return self.decode(previous_ids, self.start_state(encoded), encoded)

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.parameters())  # the tied matrix once


def init_transformer(model: Transformer, seed: int) -> None:
    """Seeded init: embeddings N(0, d^-1/2) (unit scale for the tied output and for √d · E at the
    input, see the module's docstring), every other matrix Xavier-uniform ±√(6 / (fan_in + fan_out))
    (variance kept through a layer both forwards and backwards), biases 0, LayerNorm gains 1."""
    generator = torch.Generator().manual_seed(seed)
    size = model.config.model_size
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("embedding.weight"):
                parameter.normal_(0.0, size ** -0.5, generator=generator)
                parameter[PAD_ID].zero_()
            elif parameter.dim() > 1:
                bound = math.sqrt(6.0 / (parameter.size(0) + parameter.size(1)))
                parameter.uniform_(-bound, bound, generator=generator)
            elif "norm" in name and name.endswith("weight"):
                parameter.fill_(1.0)
            else:
                parameter.zero_()


@dataclass
class AttentionMaps:
    """Every attention of one sentence, for the pages. Rows are the positions that look, columns
    the positions looked at; source positions end with <eos>, target rows are the English words
    written (row t is the attention while writing word t)."""

    encoder: torch.Tensor  # (L_enc, h, S, S) Hindi × Hindi
    decoder: torch.Tensor  # (L_dec, h, T, T) English × English, 0 above the diagonal
    cross: torch.Tensor  # (L_dec, h, T, S) English × Hindi

    @property
    def cross_average(self) -> torch.Tensor:
        """(T, S) the last layer's heads averaged: what DecoderOutput.weights and the heatmaps show."""
        return self.cross[-1].mean(dim=0)


@torch.inference_mode()
def attention_maps(model: Transformer, source_ids: list[int], target_ids: list[int]) -> AttentionMaps:
    """The attention while writing target_ids (e.g. a DecodeResult's token_ids) for source_ids:
    one teacher-forced pass, which gives the numbers incremental decoding gave step by step."""
    source = torch.tensor([source_ids])  # (1, S)
    previous = torch.tensor([[SOS_ID, *target_ids[:-1]]])  # (1, T): y_{t-1}
    encoded = model.encode(source)
    out = model.decode(previous, model.start_state(encoded), encoded)
    return AttentionMaps(torch.stack([w[0] for w in encoded.self_weights]),
                         torch.stack([w[0] for w in out.self_weights]), torch.stack([w[0] for w in out.cross_weights]))


def warmup_learning_rate(step: int, peak: float, warmup_steps: int, decay: str = "inverse-sqrt") -> float:
    """The rate for optimizer update `step` (from 1): linear warm-up to `peak` over warmup_steps,
    then, for decay "inverse-sqrt", a fall as 1/√step (Vaswani et al. 2017, with their d^-1/2
    folded into `peak`); for "plateau", `peak` until the plateau halving takes over:

        lr(step) = peak · min(step / warmup, √(warmup / step))      inverse-sqrt
        lr(step) = peak · min(step / warmup, 1)                      plateau

    Adam's second-moment estimates are poor for the first updates, and a full-size step then
    throws a transformer off; the warm-up waits for them."""
    step, warmup = max(step, 1), max(warmup_steps, 1)
    after = math.sqrt(warmup / step) if decay == "inverse-sqrt" else 1.0
    return peak * min(step / warmup, after)


def warmup_callbacks(optimizer: torch.optim.Optimizer, peak: float, warmup_steps: int,
                     decay: str = "inverse-sqrt") -> TrainCallbacks:
    """core.fit callbacks that set every parameter group's rate before each update from
    warmup_learning_rate: on_start for update 1 of a fresh run, on_step (after update n) for
    update n + 1. A resumed run starts with the rate its optimizer state saved, which is the
    one on_step set for that update. For "inverse-sqrt" pass fit(schedule=None): halving on a
    plateau would be overwritten at the next step. For "plateau" the rate is left alone once
    the warm-up is over, so fit's halving schedule owns it from there."""
    def set_rate(step: int) -> None:
        if decay == "plateau" and step > warmup_steps:
            return
        for group in optimizer.param_groups:
            group["lr"] = warmup_learning_rate(step, peak, warmup_steps, decay)

    def on_step(report: StepReport) -> None:
        set_rate(report.step + 1)

    return TrainCallbacks(on_start=lambda: set_rate(1), on_step=on_step)
