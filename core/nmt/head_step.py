"""One attention head of the transformer taken apart at one position, in numbers: what the
Self-attention page's step-by-step block shows.

    q = x_t W_Q^i,  k_j = z_j W_K^i,  v_j = z_j W_V^i              the head's slice of each projection
    e_j = q · k_j / √d_k                                          a score per position looked at
    α_j = exp(e_j) / Σ_{k allowed} exp(e_k),  α_j = 0 if masked   the decoder may not look ahead
    head_i = Σ_j α_j v_j                                          (d_k,)
    out = [head_1; ...; head_h] W_O + b_O                         (d,) what the layer adds to x_t

The numbers come from the model's own projections, captured while it runs one teacher-forced
pass (MultiHeadAttention.capture on a copy of the model, for the attention asked about), so the worked example
and the heatmaps are the same computation; tests/test_app_self_attention.py checks that α here
equals attention_maps' and that the head output and the projection add up.
"""
from __future__ import annotations

import copy

from dataclasses import dataclass

import torch

from core.language.text import SOS_ID
from core.nmt.transformer import Transformer

# Which attention of the transformer: the encoder's self-attention (Hindi looks at Hindi), the
# decoder's masked self-attention (English at the English written so far), the cross-attention
# (English at Hindi).
ATTENTIONS = ("encoder", "decoder", "cross")


@dataclass
class HeadStep:
    attention: str  # one of ATTENTIONS
    layer: int  # from 0
    head: int  # from 0
    position: int  # the query position t, from 0
    head_size: int  # d_k
    query: list[float]  # q (d_k)
    keys: list[list[float]]  # k_j (N, d_k)
    values: list[list[float]]  # v_j (N, d_k)
    allowed: list[bool]  # (N) False where the mask hides position j
    scores: list[float]  # e_j = q·k_j/√d_k (N), computed for masked positions too, then not used
    weights: list[float]  # α_j (N), 0 where masked
    head_output: list[float]  # Σ α_j v_j (d_k)
    joined: list[float]  # [head_1; ...; head_h] (d): this head's slice is head_output
    projected: list[float]  # joined W_O + b_O (d)

    @property
    def heads(self) -> int:
        return len(self.joined) // self.head_size


def _module(model: Transformer, attention: str, layer: int):
    if attention == "encoder":
        return model.encoder_layers[layer].attention
    decoder_layer = model.decoder_layers[layer]
    return decoder_layer.self_attention if attention == "decoder" else decoder_layer.cross_attention


@torch.inference_mode()
def head_step(model: Transformer, source_ids: list[int], target_ids: list[int], attention: str, layer: int,
              head: int, position: int) -> HeadStep:
    """Head `head` of `layer`'s `attention` at query position `position`, for source_ids (with
    <eos>) and target_ids the words written (a DecodeResult's token_ids): the decoder reads
    <sos> then each word but the last, as when it wrote them."""
    if attention not in ATTENTIONS:
        raise ValueError(f"attention is one of {', '.join(ATTENTIONS)}, not {attention!r}")
    # A copy: the shared model (every session's translator) is never touched; ~1 ms at the shipped size
    model = copy.deepcopy(model).eval()
    module = _module(model, attention, layer)
    module.capture = captured = {}
    source = torch.tensor([source_ids])  # (1, S)
    encoded = model.encode(source)
    if attention != "encoder":
        previous = torch.tensor([[SOS_ID, *target_ids[:-1]]])  # (1, T): y_{t-1}
        model.decode(previous, model.start_state(encoded), encoded)
    size = module.head_size
    part = slice(head * size, (head + 1) * size)
    query = captured["q"][position, part]  # (d_k,)
    keys, values = captured["k"][:, part], captured["v"][:, part]  # (N, d_k)
    count = keys.size(0)
    allowed = torch.arange(count) <= position if attention == "decoder" else torch.ones(count, dtype=torch.bool)
    scores = keys @ query / size ** 0.5  # (N,)
    weights = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=0)  # (N,), 0 where masked
    return HeadStep(attention, layer, head, position, size, query.tolist(), keys.tolist(), values.tolist(),
                    allowed.tolist(), scores.tolist(), weights.tolist(), (weights @ values).tolist(),
                    captured["joined"][position].tolist(), captured["projected"][position].tolist())
