"""The five translation models: one encoder-decoder family that differs only in its context.

Every model reads the Hindi source with the same bidirectional GRU encoder and writes English
with the same GRU decoder. At each target step t the decoder has a state s_t and asks for a
context vector c_t built from the encoder states h_1..h_S. How c_t is built is the whole
difference between the models (docs/DESIGN.md, "The five models"):

    encdec    c_t = h_final                               one fixed vector for every step
    uniform   c_t = (1/S) Σ_j h_j                         every input, equal weights
    additive  c_t = Σ_j α_tj h_j,  e_tj = vᵀ tanh(W s_t + U h_j)   (Bahdanau et al. 2015)
    dot       c_t = Σ_j α_tj h_j,  e_tj = s_tᵀ h_j                  (Luong et al. 2015)
    general   c_t = Σ_j α_tj h_j,  e_tj = s_tᵀ W h_j                (Luong et al. 2015)
              with α_tj = softmax_j(e_tj) over the real (non-padding) source positions.

The wiring is Luong et al.'s global attention without input feeding, the same for all five:

    s_t  = GRU(embed(y_{t-1}), s_{t-1})          s_0 = tanh(W_0 h_final)
    h̃_t  = tanh(W_c [c_t ; s_t])
    p(y_t | y_<t, x) = softmax(W_o h̃_t)

Because c_t does not feed back into the GRU, teacher-forced training runs the decoder GRU
over the whole target in one call, which is what makes training on a laptop CPU practical.
Bahdanau's additive *score* is kept exactly; only its wiring (s_{t-1} and input feeding) is
replaced by the shared one, so the five differ in nothing but c_t.

ModelConfig.input_feeding (off in every shipped model) gives the decoder a second road to the
source, for the counterfactual-attention contrast (docs/counterfactual.md):

    s_t  = GRU([embed(y_{t-1}) ; c_{t-1}], s_{t-1})     c_0 = 0

The recurrent state carried between steps is then [s_t ; c_t], (1, B, 2H), so search code that
only carries and indexes `hidden` runs unchanged; teacher forcing loops over the steps.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from core.language.text import PAD_ID

MODEL_KINDS = ("encdec", "uniform", "additive", "dot", "general")  # the GRU models: shipped, trained, on the pages
ATTENTION_KINDS = ("additive", "dot", "general")  # the ones with a learned score function
TRANSFORMER_KIND = "transformer"  # core/nmt/transformer.py: built, decoded and checkpointed like the five
LOADABLE_KINDS = MODEL_KINDS + (TRANSFORMER_KIND,)  # every kind a checkpoint may hold
TRAINABLE_KINDS = LOADABLE_KINDS  # every kind core.train trains: the five GRU models and the transformer


@dataclass
class ModelConfig:
    kind: str
    source_vocab_size: int
    target_vocab_size: int
    embedding_size: int = 128
    hidden_size: int = 256  # decoder state and encoder state size (each GRU direction is half)
    attention_size: int = 128  # width of the additive score's hidden layer (W s_t + U h_j)
    dropout: float = 0.1
    input_feeding: bool = False  # c_{t-1} joins the decoder GRU's input (Luong et al. 2015); off when shipped

    def __post_init__(self) -> None:
        if self.kind not in MODEL_KINDS:
            raise ValueError(f"unknown model kind {self.kind!r}; choose one of {', '.join(MODEL_KINDS)}")
        if not isinstance(self.input_feeding, bool):
            raise ValueError(f"input_feeding must be true or false (got {self.input_feeding!r})")
        if self.hidden_size % 2:
            raise ValueError("hidden_size must be even (the encoder has two directions of half size)")

    def to_dict(self) -> dict:
        return asdict(self)


def masked_softmax(scores: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
    """softmax over the last axis where mask is True; padding gets exactly 0. mask None: no
    padding at all (the same numbers as an all-True mask, two kernels fewer).

    finfo.min rather than -inf: a row that is all padding would give NaN with -inf, and a
    finite minimum keeps every row a proper distribution.
    """
    if mask is None:
        return torch.softmax(scores, dim=-1)
    scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
    return torch.softmax(scores, dim=-1) * mask


class Encoder(nn.Module):
    """Embedding + bidirectional GRU over a packed, padded batch."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.embedding = nn.Embedding(config.source_vocab_size, config.embedding_size, padding_idx=PAD_ID)
        self.rnn = nn.GRU(config.embedding_size, config.hidden_size // 2, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, source_ids: torch.Tensor, source_lengths: torch.Tensor):
        """source_ids (B, S), source_lengths (B,) -> states (B, S, H), final (B, H)."""
        embedded = self.dropout(self.embedding(source_ids))  # (B, S, E)
        if source_ids.size(0) == 1 and not torch.is_grad_enabled() and int(source_lengths[0]) == source_ids.size(1):
            # One unpadded sentence (translation, beam search): packing has nothing to leave out, and
            # the GRU gives the packed run's numbers to the last bit without it (tests/test_decode.py),
            # 0.28 ms a 21-token sentence sooner (of 1.1 ms; docs/benchmarks.md).
            states, final = self.rnn(embedded)  # (1, S, H), (2, 1, H/2)
            return states, torch.cat([final[0], final[1]], dim=-1)
        packed = nn.utils.rnn.pack_padded_sequence(
            embedded, source_lengths.cpu(), batch_first=True, enforce_sorted=False)
        packed_states, final = self.rnn(packed)  # final: (2, B, H/2), forward and backward
        states, _ = nn.utils.rnn.pad_packed_sequence(
            packed_states, batch_first=True, total_length=source_ids.size(1))  # (B, S, H)
        # h_final: the forward GRU after the last real token, the backward GRU after the first.
        final = torch.cat([final[0], final[1]], dim=-1)  # (B, H)
        return states, final


class Context(nn.Module):
    """c_t from the decoder states and the encoder states; one subclass per model kind.

    prepare() runs once per sentence (so projections of the encoder states, U h_j and W h_j,
    are computed once, not at every step); forward() runs for any number of decoder steps.
    """

    has_weights = True

    def prepare(self, states: torch.Tensor) -> torch.Tensor:
        return states  # (B, S, H): the keys the score function compares s_t with

    def scores(self, queries: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def forward(self, queries, keys, states, final, mask, override_weights=None):
        """queries (B, T, H) decoder states s_t; keys from prepare(); states (B, S, H);
        final (B, H); mask (B, S) True on real source positions.

        Returns context (B, T, H), weights (B, T, S) or None, scores (B, T, S) or None.
        override_weights (B, T, S), when given, replaces α (the "what if it had looked
        elsewhere?" experiment); a function instead maps the model's own α (B, T, S) to the rows
        used (counterfactual attention, core.nmt.counterfactual). The scores are still reported.
        """
        scores = self.scores(queries, keys)  # (B, T, S): e_tj
        weights = masked_softmax(scores, None if mask is None else mask[:, None, :])  # (B, T, S): α_tj
        if override_weights is not None:
            weights = override_weights(weights) if callable(override_weights) else override_weights
        context = torch.bmm(weights, states)  # (B, T, H): Σ_j α_tj h_j
        return context, weights, scores


class FixedContext(Context):
    """encdec: c_t = h_final at every step. The decoder sees the source only through it."""

    has_weights = False

    def forward(self, queries, keys, states, final, mask, override_weights=None):
        context = final[:, None, :].expand(-1, queries.size(1), -1)  # (B, T, H)
        return context, None, None


class UniformContext(Context):
    """uniform: α_tj = 1/S for every real position, e_tj = 0. Context for every input, no choice."""

    def scores(self, queries, keys):
        return queries.new_zeros(queries.size(0), queries.size(1), keys.size(1))  # (B, T, S)


class AdditiveContext(Context):
    """e_tj = vᵀ tanh(W s_t + U h_j)  (Bahdanau, Cho & Bengio 2015)."""

    def __init__(self, hidden_size: int, attention_size: int):
        super().__init__()
        self.query_projection = nn.Linear(hidden_size, attention_size, bias=False)  # W
        self.key_projection = nn.Linear(hidden_size, attention_size)  # U (its bias is the b of tanh)
        self.v = nn.Linear(attention_size, 1, bias=False)

    def prepare(self, states):
        return self.key_projection(states)  # (B, S, A): U h_j, once per sentence

    def scores(self, queries, keys):
        # F.linear with the layers' own weights is what calling them runs, minus the module call
        projected_queries = F.linear(queries, self.query_projection.weight)  # (B, T, A): W s_t
        energy = torch.tanh(projected_queries[:, :, None, :] + keys[:, None, :, :])  # (B, T, S, A)
        return F.linear(energy, self.v.weight).squeeze(-1)  # (B, T, S)


class DotContext(Context):
    """e_tj = s_tᵀ h_j  (Luong et al. 2015). No parameters at all."""

    def scores(self, queries, keys):
        return torch.bmm(queries, keys.transpose(1, 2))  # (B, T, S)


class GeneralContext(Context):
    """e_tj = s_tᵀ W h_j  (Luong et al. 2015)."""

    def __init__(self, hidden_size: int):
        super().__init__()
        self.key_projection = nn.Linear(hidden_size, hidden_size, bias=False)  # W

    def prepare(self, states):
        return self.key_projection(states)  # (B, S, H): W h_j, once per sentence

    def scores(self, queries, keys):
        return torch.bmm(queries, keys.transpose(1, 2))  # (B, T, S)


def make_context(kind: str, hidden_size: int, attention_size: int) -> Context:
    return {
        "encdec": lambda: FixedContext(),
        "uniform": lambda: UniformContext(),
        "additive": lambda: AdditiveContext(hidden_size, attention_size),
        "dot": lambda: DotContext(),
        "general": lambda: GeneralContext(hidden_size),
    }[kind]()


@dataclass
class EncodedSource:
    """What the decoder needs from the encoder, computed once per batch of sentences."""

    states: torch.Tensor  # (B, S, H) h_j
    final: torch.Tensor  # (B, H)    h_final
    keys: torch.Tensor  # (B, S, H) the context module's projection of h_j
    mask: torch.Tensor  # (B, S)    True on real source positions
    padded: bool = True  # some position is padding (False: the mask can be skipped)

    def select(self, index: torch.Tensor) -> "EncodedSource":
        """Rows `index` of the batch (beam search repeats a sentence once per hypothesis)."""
        return EncodedSource(self.states[index], self.final[index], self.keys[index], self.mask[index], self.padded)


@dataclass
class DecoderOutput:
    logits: torch.Tensor  # (B, T, V)
    hidden: torch.Tensor  # (1, B, H) the GRU state after the last step
    weights: torch.Tensor | None  # (B, T, S) α, None for encdec
    scores: torch.Tensor | None  # (B, T, S) e before the softmax
    context: torch.Tensor  # (B, T, H) c_t


class Seq2Seq(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        hidden = config.hidden_size
        self.encoder = Encoder(config)
        self.initial_state = nn.Linear(hidden, hidden)  # W_0: s_0 = tanh(W_0 h_final)
        self.target_embedding = nn.Embedding(config.target_vocab_size, config.embedding_size, padding_idx=PAD_ID)
        self.input_feeding = config.input_feeding
        decoder_input = config.embedding_size + (hidden if config.input_feeding else 0)  # [embed(y) ; c_{t-1}]
        self.decoder_rnn = nn.GRU(decoder_input, hidden, batch_first=True)
        self.context = make_context(config.kind, hidden, config.attention_size)
        self.combine = nn.Linear(2 * hidden, hidden)  # W_c
        self.output = nn.Linear(hidden, config.target_vocab_size)  # W_o
        self.dropout = nn.Dropout(config.dropout)

    @property
    def has_attention_weights(self) -> bool:
        return self.context.has_weights

    def encode(self, source_ids: torch.Tensor, source_lengths: torch.Tensor) -> EncodedSource:
        states, final = self.encoder(source_ids, source_lengths)
        mask = source_ids != PAD_ID  # (B, S)
        return EncodedSource(states, final, self.context.prepare(states), mask, padded=not bool(mask.all()))

    def start_state(self, encoded: EncodedSource) -> torch.Tensor:
        """(1, B, H): s_0; with input feeding (1, B, 2H): [s_0 ; c_0], c_0 = 0."""
        state = torch.tanh(self.initial_state(encoded.final))[None]  # (1, B, H): s_0
        return torch.cat([state, torch.zeros_like(state)], dim=-1) if self.input_feeding else state

    def decode(self, previous_ids: torch.Tensor, hidden: torch.Tensor, encoded: EncodedSource,
               override_weights: torch.Tensor | None = None) -> DecoderOutput:
        """Run T decoder steps given the previous target words y_0..y_{T-1} (B, T).

        Teacher forcing calls this once with the whole shifted reference; search calls it with
        T = 1 at every step, carrying `hidden` along (in eval mode: search_step).
        """
        if previous_ids.size(1) == 1 and not torch.is_grad_enabled() and not self.training:
            return self.search_step(previous_ids, hidden, encoded, override_weights)
        if self.input_feeding:
            return self._decode_fed(previous_ids, hidden, encoded, override_weights)
        embedded = self.dropout(self.target_embedding(previous_ids))  # (B, T, E)
        if previous_ids.size(1) == 1 and not torch.is_grad_enabled():
            states, hidden = self._gru_step(embedded[:, 0], hidden)
        else:
            states, hidden = self.decoder_rnn(embedded, hidden)  # (B, T, H) s_t, (1, B, H)
        context, weights, scores = self.context(
            states, encoded.keys, encoded.states, encoded.final, encoded.mask, override_weights)
        combined = torch.tanh(self.combine(torch.cat([context, states], dim=-1)))  # (B, T, H): h̃_t
        logits = self.output(self.dropout(combined))  # (B, T, V)
        return DecoderOutput(logits, hidden, weights, scores, context)

    def _decode_fed(self, previous_ids: torch.Tensor, hidden: torch.Tensor, encoded: EncodedSource,
                    override_weights=None) -> DecoderOutput:
        """decode() with input feeding: c_{t-1} enters step t, so the T steps run one after another.
        hidden (1, B, 2H) is [s_{t-1} ; c_{t-1}]. A tensor override (B, T, S) gives step t its row t;
        a function is called once per step with that step's rows (B, 1, S)."""
        size = self.config.hidden_size
        embedded = self.dropout(self.target_embedding(previous_ids))  # (B, T, E)
        state, context = hidden[0, :, :size], hidden[0, :, size:]  # (B, H) s_{t-1}, (B, H) c_{t-1}
        steps = []
        for t in range(previous_ids.size(1)):
            step_override = override_weights
            if override_weights is not None and not callable(override_weights):
                step_override = override_weights[:, t:t + 1]
            states, _ = self._gru_step(torch.cat([embedded[:, t], context], dim=-1), state[None])  # (B, 1, H)
            step_context, weights, scores = self.context(
                states, encoded.keys, encoded.states, encoded.final, encoded.mask, step_override)  # (B, 1, H)
            state, context = states[:, 0], step_context[:, 0]
            steps.append((states, step_context, weights, scores))
        states, contexts = torch.cat([s[0] for s in steps], 1), torch.cat([s[1] for s in steps], 1)  # (B, T, H)
        weights = None if steps[0][2] is None else torch.cat([s[2] for s in steps], 1)  # (B, T, S)
        scores = None if steps[0][3] is None else torch.cat([s[3] for s in steps], 1)
        combined = torch.tanh(self.combine(torch.cat([contexts, states], dim=-1)))  # (B, T, H): h̃_t
        logits = self.output(self.dropout(combined))  # (B, T, V)
        return DecoderOutput(logits, torch.cat([state, context], dim=-1)[None], weights, scores, contexts)

    def _gru_step(self, embedded: torch.Tensor, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One GRU step: the cell with nn.GRU's weights gives its numbers without its per-call
        bookkeeping. embedded (B, E), hidden (1, B, H) -> s_t as (B, 1, H) and (1, B, H)."""
        rnn = self.decoder_rnn
        state = torch.gru_cell(embedded, hidden[0], rnn.weight_ih_l0, rnn.weight_hh_l0,
                               rnn.bias_ih_l0, rnn.bias_hh_l0)  # (B, H) s_t
        return state[:, None], state[None]

    def search_step(self, previous_ids: torch.Tensor, hidden: torch.Tensor, encoded: EncodedSource,
                    override_weights: torch.Tensor | None = None) -> DecoderOutput:
        """decode() for one step in eval mode, with the same kernels called directly.

        At batch 1 a step's arithmetic takes less time than calling the modules around it, so
        the layers' weights go straight to F.embedding and F.linear (what the modules run), the
        dropout layers (the identity in eval mode) are skipped, and so is the padding mask when
        nothing is padded. The numbers are decode()'s to the last bit (tests/test_decode.py).
        """
        embedded = F.embedding(previous_ids[:, 0], self.target_embedding.weight, PAD_ID)  # (B, E)
        if self.input_feeding:  # hidden (1, B, 2H) = [s_{t-1} ; c_{t-1}]
            size = self.config.hidden_size
            embedded, hidden = torch.cat([embedded, hidden[0, :, size:]], dim=-1), hidden[:, :, :size]
        states, hidden = self._gru_step(embedded, hidden)  # (B, 1, H) s_t, (1, B, H)
        context, weights, scores = self.context.forward(  # .forward: the module's own code, without its call
            states, encoded.keys, encoded.states, encoded.final, encoded.mask if encoded.padded else None,
            override_weights)
        if self.input_feeding:
            hidden = torch.cat([hidden, context[:, 0][None]], dim=-1)  # (1, B, 2H): [s_t ; c_t]
        combined = torch.tanh(F.linear(torch.cat([context, states], dim=-1),
                                       self.combine.weight, self.combine.bias))  # (B, 1, H): h̃_t
        logits = F.linear(combined, self.output.weight, self.output.bias)  # (B, 1, V)
        return DecoderOutput(logits, hidden, weights, scores, context)

    def forward(self, source_ids, source_lengths, previous_ids) -> DecoderOutput:
        """Teacher-forced pass: logits for every target position in one go."""
        encoded = self.encode(source_ids, source_lengths)
        return self.decode(previous_ids, self.start_state(encoded), encoded)

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.parameters())


def init_weights(model: Seq2Seq, seed: int) -> None:
    """Seeded init: matrices uniform in ±1/sqrt(fan_in), biases 0, GRU recurrent matrices orthogonal
    (which keeps gradients alive over 50-step sentences)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "weight_hh" in name:
                for gate in parameter.chunk(3, dim=0):  # r, z, n gates each get an orthogonal block
                    gate.copy_(_orthogonal(gate.shape, generator))
            elif parameter.dim() > 1:
                bound = 1.0 / math.sqrt(parameter.size(-1))
                parameter.uniform_(-bound, bound, generator=generator)
            else:
                parameter.zero_()
        model.encoder.embedding.weight[PAD_ID].zero_()
        model.target_embedding.weight[PAD_ID].zero_()


def _orthogonal(shape, generator) -> torch.Tensor:
    matrix = torch.randn(shape, generator=generator)
    q, r = torch.linalg.qr(matrix)
    return q * torch.sign(torch.diagonal(r))


def cross_entropy(logits: torch.Tensor, target_ids: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood per real target token; padding is ignored."""
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), target_ids.reshape(-1), ignore_index=PAD_ID)
