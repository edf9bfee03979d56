"""Charts as pure functions: data in, `alt.Chart` out (testable with chart.to_dict()).

Conventions shared by every chart so the pages look like one tool:
- attention weights use one colour scale, 0..1, the same in every heatmap;
- tokens are labelled with their position ("3 खा") so repeated words stay distinct and in
  sentence order;
- every mark has a tooltip.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

WEIGHT_SCALE = alt.Scale(domain=[0, 1], scheme="blues")
MODEL_COLOURS = {"encdec": "#d62728", "uniform": "#ff7f0e", "additive": "#1f77b4", "dot": "#2ca02c",
                 "general": "#9467bd"}


def position_labels(tokens: Sequence[str]) -> list[str]:
    """['वह', 'खा', 'वह'] -> ['1 वह', '2 खा', '3 वह']: distinct, ordered, readable."""
    return [f"{i + 1} {token}" for i, token in enumerate(tokens)]


def attention_frame(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
                    target_tokens: Sequence[str]) -> pd.DataFrame:
    """Long format, one row per (target word, source word) cell."""
    source_labels, target_labels = position_labels(source_tokens), position_labels(target_tokens)
    rows = []
    for t, row in enumerate(weights):
        for s, weight in enumerate(row):
            rows.append({"target": target_labels[t], "target_token": target_tokens[t], "target_position": t + 1,
                         "source": source_labels[s], "source_token": source_tokens[s], "source_position": s + 1,
                         "weight": float(weight)})
    return pd.DataFrame(rows)


def attention_heatmap(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
                      target_tokens: Sequence[str], title: str = "", show_values: bool = False,
                      cell_size: int = 26) -> alt.Chart:
    """Rows: English words written; columns: Hindi words read; colour: attention weight α."""
    frame = attention_frame(weights, source_tokens, target_tokens)
    source_order, target_order = position_labels(source_tokens), position_labels(target_tokens)
    base = alt.Chart(frame).encode(
        x=alt.X("source:N", sort=source_order, title="Hindi source (read)",
                axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("target:N", sort=target_order, title="English output (written)", axis=alt.Axis(labelLimit=120)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=WEIGHT_SCALE, title="weight α"),
        tooltip=[alt.Tooltip("target_token:N", title="writing"), alt.Tooltip("target_position:Q", title="step"),
                 alt.Tooltip("source_token:N", title="looking at"),
                 alt.Tooltip("source_position:Q", title="source position"),
                 alt.Tooltip("weight:Q", title="weight", format=".3f")])
    chart = cells
    if show_values:
        text = base.mark_text(fontSize=9).encode(
            text=alt.Text("weight:Q", format=".2f"),
            color=alt.condition(alt.datum.weight > 0.5, alt.value("white"), alt.value("black")))
        chart = cells + text
    return chart.properties(title=title, width=max(160, cell_size * len(source_tokens)),
                            height=max(120, cell_size * len(target_tokens)))
