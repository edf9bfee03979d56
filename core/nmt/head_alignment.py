"""How well each of the transformer's cross-attention heads aligns: AER for every layer and
head, for each layer's head average, and which head aligns best.

A GRU model has one attention, so one AER (core.nmt.evaluate). A transformer has L × h of them,
and they need not agree: heads specialise, and the head average that the heatmaps show (the
last layer's, core.nmt.transformer) may align worse than its best head. Every head is scored the
same way as the GRU models' attention: the reference fed to the decoder (teacher forcing), each
English word linked to its highest-weight Hindi word (metrics.attention_alignment), AER against
the grammar's gold links (metrics.alignment_error_rate).

    maps = teacher_forced_attention(loaded, pairs, weights_of=lambda out: torch.stack(out.cross_weights, dim=1))
    rates = head_alignment_error_rates(maps, pairs)      # core.nmt.evaluate.teacher_forced_attention
    rates["heads"][layer][head], rates["layer_average"][layer], rates["best"]
"""
from __future__ import annotations

import torch

from core.language.corpus import SentencePair
from core.nmt.metrics import alignment_error_rate, attention_alignment


def head_alignment_error_rates(maps: list[torch.Tensor], pairs: list[SentencePair]) -> dict:
    """maps: per pair (L, h, T, S) as cross_attention gives. Returns
    {"heads": [[AER of layer l, head i]], "layer_average": [AER of layer l's head average],
     "best": {"layer", "head", "aer"} (layers and heads counted from 1), "sentences": scored}."""
    scored = [(m, pair) for m, pair in zip(maps, pairs) if pair.alignment and m is not None]
    if not scored:
        return {"heads": [], "layer_average": [], "best": None, "sentences": 0}
    layers, heads = scored[0][0].shape[:2]
    gold = [set(pair.alignment) for _, pair in scored]

    def rate(pick) -> float:  # pick: (L, h, T, S) -> (T, S)
        predicted = [attention_alignment(pick(m), len(pair.source_tokens)) for m, pair in scored]
        return alignment_error_rate(predicted, gold)

    per_head = [[rate(lambda m, l=layer, h=head: m[l, h]) for head in range(heads)] for layer in range(layers)]
    average = [rate(lambda m, l=layer: m[l].mean(dim=0)) for layer in range(layers)]
    layer, head = min(((l, h) for l in range(layers) for h in range(heads)), key=lambda lh: per_head[lh[0]][lh[1]])
    return {"heads": per_head, "layer_average": average,
            "best": {"layer": layer + 1, "head": head + 1, "aer": per_head[layer][head]}, "sentences": len(scored)}
