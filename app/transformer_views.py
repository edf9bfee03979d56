"""What the Self-attention page shows of a transformer, as plain data (no streamlit here): the
labels of each attention's rows and columns, the long-format tables its charts draw, and the
step-by-step table of one head.

Rows are the positions that look, columns the positions looked at (core.nmt.transformer):
- encoder self-attention: Hindi × Hindi, the source words and the <eos> the model appends;
- decoder self-attention: English × English, row t is the step that writes word t and column u
  the word the decoder read at position u (<sos>, then each word written), so row t may look
  at columns 0..t only: the words written before word t. The cells above the diagonal are the
  future, hidden by the mask; their weight is exactly 0 and the tables mark them `masked`;
- cross-attention: English × Hindi, as the RNN models' heatmaps.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd
import pyarrow as pa

from app.charts import position_labels, table
from core.language.text import SOS
from core.nmt.head_step import HeadStep

AVERAGE = "average"  # the head picker's choice of every head averaged


def decoder_inputs(output_tokens: Sequence[str]) -> list[str]:
    """What the decoder read at each position: <sos>, then every word written but the last."""
    return [SOS, *output_tokens[:-1]]


@dataclass
class Axes:
    rows: list[str]  # the positions that look (queries)
    columns: list[str]  # the positions looked at (keys)
    row_title: str
    column_title: str


def attention_axes(attention: str, source_tokens: Sequence[str], output_tokens: Sequence[str]) -> Axes:
    """The labels of `attention`'s rows and columns (attention: core.nmt.head_step.ATTENTIONS)."""
    if attention == "encoder":
        return Axes(list(source_tokens), list(source_tokens), "Hindi (looking)", "Hindi (looked at)")
    if attention == "decoder":
        return Axes(list(output_tokens), decoder_inputs(output_tokens), "English (writing)", "English (already read)")
    return Axes(list(output_tokens), list(source_tokens), "English (writing)", "Hindi (read)")


def pick(maps, layer: int, head: int | str):
    """(rows, columns) weights of one layer's head, or the layer's heads averaged (head AVERAGE).
    maps: (L, h, rows, columns); layer and head from 0."""
    return maps[layer].mean(dim=0) if head == AVERAGE else maps[layer, head]


def square_frame(weights, axes: Axes, masked: bool = False) -> pa.Table:
    """One row per cell: labels, positions, the weight, and `masked` (True above the diagonal
    when masked: the future the decoder may not look at). weights: (rows, columns)."""
    rows, columns = position_labels(axes.rows), position_labels(axes.columns)
    cells = [(r, c, float(weights[r][c])) for r in range(len(rows)) for c in range(len(columns))]
    return table(row=[rows[r] for r, _, _ in cells], column=[columns[c] for _, c, _ in cells],
                 row_token=[axes.rows[r] for r, _, _ in cells], column_token=[axes.columns[c] for _, c, _ in cells],
                 weight=[w for _, _, w in cells], masked=[masked and c > r for r, c, _ in cells])


def grid_frame(cross, source_tokens: Sequence[str], output_tokens: Sequence[str]) -> pa.Table:
    """Every layer and head of the cross-attention, one row per cell, with its panel's name
    ("L1 · H2": short enough for a panel a phone fits four of) and numbers. cross: (L, h, T, S)."""
    layers, heads, count_t, count_s = cross.shape
    rows, columns = position_labels(output_tokens), position_labels(source_tokens)
    values = cross.tolist()
    cells = [(l, h, t, s) for l in range(layers) for h in range(heads) for t in range(count_t) for s in range(count_s)]
    return table(panel=[panel_name(l, h) for l, h, _, _ in cells], layer=[l + 1 for l, _, _, _ in cells],
                 head=[h + 1 for _, h, _, _ in cells], row=[rows[t] for _, _, t, _ in cells],
                 column=[columns[s] for _, _, _, s in cells], weight=[values[l][h][t][s] for l, h, t, s in cells])


def panel_name(layer: int, head: int) -> str:
    """layer and head from 0 -> 'L1 · H1'."""
    return f"L{layer + 1} · H{head + 1}"


def head_step_frame(step: HeadStep, key_tokens: Sequence[str]) -> pd.DataFrame:
    """One row per position looked at: its word, whether the mask lets this head look at it,
    the score q·k/√d_k and the weight α (the score of a masked position is shown but not used)."""
    return pd.DataFrame({"position": list(range(1, len(key_tokens) + 1)), "word": list(key_tokens),
                         "may look": step.allowed,
                         "score q·k/√d_k": [s if ok else None for s, ok in zip(step.scores, step.allowed)],
                         "weight α": step.weights})


def focus(step: HeadStep) -> int:
    """The position this head gives the most weight."""
    return max(range(len(step.weights)), key=step.weights.__getitem__)


SCORE_FORMULA = r"e_j = \frac{q \cdot k_j}{\sqrt{d_k}}"
MASK_FORMULA = r", \quad e_j = -\infty \text{ for } j > t"
SOFTMAX_FORMULA = r"\alpha_j = \frac{\exp(e_j)}{\sum_{k\ \text{allowed}} \exp(e_k)}"


def score_latex(step: HeadStep, position: int, shown: int = 2) -> list[str]:
    """The score of `position` in numbers, in LaTeX, as lines short enough for a half-width
    column on a projector and a phone's width: q·k_j over its first `shown` dimensions, the rest
    summed, then e_j = q·k_j / √d_k."""
    terms = [f"({q:.2f})({k:.2f})" for q, k in zip(step.query[:shown], step.keys[position][:shown])]
    dot = sum(q * k for q, k in zip(step.query, step.keys[position]))
    j, rest = position + 1, step.head_size - shown
    return [rf"q \cdot k_{{{j}}} = " + " + ".join(terms),
            rf"\qquad + \dots\ \text{{({rest} more)}} = {dot:.3f}",
            rf"e_{{{j}}} = \frac{{{dot:.3f}}}{{\sqrt{{{step.head_size}}}}} = {step.scores[position]:.3f}"]


def softmax_numbers_latex(step: HeadStep, position: int) -> str:
    """α of `position` and the sum of every α, in LaTeX (a line of its own under the formula)."""
    return rf"\alpha_{{{position + 1}}} = {step.weights[position]:.3f}, \quad \sum_j \alpha_j = {sum(step.weights):.3f}"


def head_aer_table(aer_heads: dict) -> pd.DataFrame | None:
    """eval.json's aer_heads (core.nmt.head_alignment) as a table: a row per layer, a column
    per head and one for the layer's head average, and which head aligns best. None without it."""
    if not aer_heads or not aer_heads.get("heads"):
        return None
    best = aer_heads["best"]
    rows = []
    for layer, (heads, average) in enumerate(zip(aer_heads["heads"], aer_heads["layer_average"]), start=1):
        row = {"layer": layer, **{f"head {h}": rate for h, rate in enumerate(heads, start=1)},
               "heads averaged": average}
        row["best head"] = f"head {best['head']}" if best and best["layer"] == layer else ""
        rows.append(row)
    return pd.DataFrame(rows)
