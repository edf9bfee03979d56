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


def chart_height(plot_height: int, title: str = "", angled_labels: bool = True) -> int:
    """The height to give a chart so its plot keeps plot_height pixels: Streamlit fits the
    whole chart, title and axis labels included, into the height it is given."""
    return plot_height + (30 if title else 0) + (95 if angled_labels else 45)


def position_labels(tokens: Sequence[str]) -> list[str]:
    """['वह', 'खा', 'वह'] -> ['1 वह', '2 खा', '3 वह']: distinct, ordered, readable."""
    return [f"{i + 1} {token}" for i, token in enumerate(tokens)]


def _axis_tokens(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
                 target_tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """(source, target) tokens with "?" for each column or row of weights past their end: a
    cell never lacks a label."""
    columns = max((len(row) for row in weights), default=0)
    return (list(source_tokens) + ["?"] * (columns - len(source_tokens)),
            list(target_tokens) + ["?"] * (len(weights) - len(target_tokens)))


def attention_frame(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
                    target_tokens: Sequence[str]) -> pd.DataFrame:
    """Long format, one row per (target word, source word) cell.

    One label per row and column is what every caller means to pass; should a model give more
    rows than words (NaN weights once did), the extra ones are labelled "?" instead of raising.
    """
    source_tokens, target_tokens = _axis_tokens(weights, source_tokens, target_tokens)
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
                      cell_size: int = 32) -> alt.Chart:
    """Rows: English words written; columns: Hindi words read; colour: attention weight α."""
    frame = attention_frame(weights, source_tokens, target_tokens)
    source_tokens, target_tokens = _axis_tokens(weights, source_tokens, target_tokens)
    source_order, target_order = position_labels(source_tokens), position_labels(target_tokens)
    base = alt.Chart(frame).encode(
        # labels that would overlap in a narrow column are skipped; the tooltip names every cell
        x=alt.X("source:N", sort=source_order, title="Hindi (read)", axis=alt.Axis(labelAngle=-50, labelLimit=100)),
        y=alt.Y("target:N", sort=target_order, title="English (written)", axis=alt.Axis(labelLimit=100)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=WEIGHT_SCALE, title="α", legend=alt.Legend(gradientLength=100)),
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
                            height=chart_height(max(120, cell_size * len(target_tokens)), title))


VECTOR_SCALE = alt.Scale(domain=[-1, 1], scheme="redblue")  # red negative, blue positive; GRU states live in [-1, 1]


def source_bar_chart(values: Sequence[float], source_tokens: Sequence[str], value_title: str,
                     is_weight: bool = False, title: str = "", height: int = 160) -> alt.Chart:
    """One bar per source word: the scores e_tj (any sign) or the weights α_tj (0..1, the
    weight colour scale, so a bar has the colour of its heatmap cell)."""
    labels = position_labels(source_tokens)
    frame = pd.DataFrame({"source": labels, "token": list(source_tokens),
                          "position": list(range(1, len(labels) + 1)), "value": [float(v) for v in values]})
    y_scale = alt.Scale(domain=[0, 1]) if is_weight else alt.Scale(zero=True)
    colour = (alt.Color("value:Q", scale=WEIGHT_SCALE, title="weight α", legend=None) if is_weight
              else alt.condition(alt.datum.value >= 0, alt.value("#4c78a8"), alt.value("#e45756")))
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("source:N", sort=labels, title="Hindi source word", axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("value:Q", scale=y_scale, title=value_title),
        color=colour,
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("value:Q", title=value_title, format=".3f")],
    ).properties(title=title, height=chart_height(height, title))


def vector_strip(vector: Sequence[float], title: str = "", label: str = "c_t", height: int = 36) -> alt.Chart:
    """A vector as a one-row heatmap over its dimensions (red negative, blue positive)."""
    frame = pd.DataFrame({"dimension": list(range(1, len(vector) + 1)), "value": [float(v) for v in vector],
                          "row": label})
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("dimension:O", title=f"dimension (1–{len(vector)})", axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y("row:N", title=None),
        color=alt.Color("value:Q", scale=VECTOR_SCALE, title=None,
                        legend=alt.Legend(orient="right", gradientLength=height, values=[-1, 0, 1])),
        tooltip=[alt.Tooltip("dimension:O", title="dimension"), alt.Tooltip("value:Q", title="value", format=".3f")],
    ).properties(title=title, height=chart_height(height, title, angled_labels=False))


def word_probability_chart(tokens: Sequence[str], probabilities: Sequence[float], title: str = "",
                           height: int = 110) -> alt.Chart:
    """One bar per written word: how sure the model was of it (p of the chosen word)."""
    count = min(len(tokens), len(probabilities))
    labels = position_labels(tokens[:count])
    frame = pd.DataFrame({"word": labels, "token": list(tokens[:count]), "position": list(range(1, count + 1)),
                          "probability": [float(p) for p in probabilities[:count]]})
    return alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        x=alt.X("word:N", sort=labels, title="English output word", axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("probability:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("probability:Q", title="probability", format=".3f")],
    ).properties(title=title, height=chart_height(height, title))


def top_words_chart(words: Sequence[tuple[str, float]], chosen: str | None = None, title: str = "",
                    height: int = 170) -> alt.Chart:
    """Horizontal bars of the k most probable next words, the chosen one highlighted."""
    labels = position_labels([word for word, _ in words])  # rank + word: distinct even for odd vocabularies
    frame = pd.DataFrame({"label": labels, "token": [word for word, _ in words],
                          "rank": list(range(1, len(labels) + 1)),
                          "probability": [float(p) for _, p in words],
                          "chosen": [word == chosen for word, _ in words]})
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("label:N", sort=labels, title="next word (rank)"),
        x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        color=alt.condition(alt.datum.chosen, alt.value("#1f77b4"), alt.value("#bbbbbb")),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("rank:Q", title="rank"),
                 alt.Tooltip("probability:Q", title="probability", format=".3f")],
    ).properties(title=title, height=chart_height(height, title, angled_labels=False))


_STAGE_STYLE = """  rankdir=TB; nodesep=0.2; ranksep=0.35;
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13, fillcolor="#f4f4f4"];
  edge [color="#555555", fontname="Helvetica", fontsize=11];
  h1 [label="h₁ मैं"]; h2 [label="h₂ खाना"]; h3 [label="h₃ खा"];
  {rank=same; h1; h2; h3}"""


def attention_stage_diagrams() -> list[str]:
    """The three stages of the idea as Graphviz drawings (for st.graphviz_chart), in order:
    one fixed vector, a context from every input, soft attention."""
    fixed = f"""digraph fixed {{
{_STAGE_STYLE}
  h1 -> h2 -> h3;
  c [label="c = h₃ (the last state)", fillcolor="{MODEL_COLOURS['encdec']}33"];
  decoder [label="decoder: every word"];
  h3 -> c -> decoder;
}}"""
    uniform = f"""digraph uniform {{
{_STAGE_STYLE}
  c [label="c = mean of all hⱼ", fillcolor="{MODEL_COLOURS['uniform']}33"];
  decoder [label="decoder: every word"];
  h1 -> c; h2 -> c; h3 -> c; c -> decoder;
}}"""
    soft = f"""digraph soft {{
{_STAGE_STYLE}
  c [label="cₜ = Σ αₜⱼ hⱼ", fillcolor="{MODEL_COLOURS['additive']}33"];
  decoder [label="decoder writing 'eating'"];
  h1 -> c [label="0.1", penwidth=0.7]; h2 -> c [label="0.1", penwidth=0.7];
  h3 -> c [label="0.8", penwidth=3.5, color="{MODEL_COLOURS['additive']}"];
  c -> decoder;
  decoder -> c [label="score(sₜ, hⱼ)", style=dashed, constraint=false];
}}"""
    return [fixed, uniform, soft]


# ------------------------------------------------------------------ dashboard: training, long sentences, data

_OTHER_MODEL_COLOURS = ("#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def model_colour_scale(models: Sequence[str]) -> alt.Scale:
    """Each shipped model in its MODEL_COLOURS colour; any other model (a user's 'mine/<name>')
    gets a colour of its own, so it is never mistaken for a shipped one."""
    models = list(dict.fromkeys(models))
    others = iter(_OTHER_MODEL_COLOURS * (1 + len(models) // len(_OTHER_MODEL_COLOURS)))
    return alt.Scale(domain=models, range=[MODEL_COLOURS.get(m) or next(others) for m in models])


def step_loss_chart(frame: pd.DataFrame, log_scale: bool = False, title: str = "", height: int = 260) -> alt.Chart:
    """Training loss per step, one line per model: the raw loss faint, the smoothed curve bold.
    frame: model, step, loss, smoothed (app.reports.step_loss_frame)."""
    colour = alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model")
    y_scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=False)
    base = alt.Chart(frame).encode(x=alt.X("step:Q", title="training step (one batch)"), color=colour)
    raw = base.mark_line(opacity=0.2, strokeWidth=1).encode(y=alt.Y("loss:Q", scale=y_scale))
    smoothed = base.mark_line(strokeWidth=2.5).encode(
        y=alt.Y("smoothed:Q", scale=y_scale, title="cross-entropy loss" + (" (log scale)" if log_scale else "")),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("step:Q"), alt.Tooltip("loss:Q", format=".3f", title="loss"),
                 alt.Tooltip("smoothed:Q", format=".3f", title="smoothed")])
    return (raw + smoothed).properties(title=title, height=chart_height(height, title, angled_labels=False))


def epoch_metric_chart(frame: pd.DataFrame, column: str, axis_title: str, title: str = "",
                       height: int = 220) -> alt.Chart:
    """One line with points per model over epochs (frame: model, epoch, <column>)."""
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("epoch:O", title="epoch", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=False)),
        color=alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model"),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("epoch:O"),
                 alt.Tooltip(f"{column}:Q", format=".3f", title=axis_title)],
    ).properties(title=title, height=chart_height(height, title, angled_labels=False))


def bucket_metric_chart(frame: pd.DataFrame, column: str = "bleu", axis_title: str = "BLEU", title: str = "",
                        height: int = 300) -> alt.Chart:
    """Bahdanau et al. (2015), Fig. 2: a line per model over source-length buckets
    (frame: model, bucket, order, <column>, sentences; app.reports.bucket_frame)."""
    order = list(dict.fromkeys(frame.sort_values("order")["bucket"]))
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=70)).encode(
        x=alt.X("bucket:N", sort=order, title="source sentence length (Hindi words)", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=True)),
        color=alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model"),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("bucket:N", title="length"),
                 alt.Tooltip(f"{column}:Q", format=".1f", title=axis_title),
                 alt.Tooltip("sentences:Q", title="test sentences")],
    ).properties(title=title, height=chart_height(height, title, angled_labels=False))


def alignment_grid(frame: pd.DataFrame, title: str = "", cell_size: int = 28) -> alt.Chart:
    """Gold word alignment as a 0/1 grid over source × target (frame: app.reports.alignment_frame),
    drawn on the attention colour scale so it reads like a perfect attention heatmap."""
    source_order = list(dict.fromkeys(frame.sort_values("source_position")["source"]))
    target_order = list(dict.fromkeys(frame.sort_values("target_position")["target"]))
    return alt.Chart(frame).mark_rect(stroke="#dddddd", strokeWidth=0.5).encode(
        x=alt.X("source:N", sort=source_order, title="Hindi source", axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("target:N", sort=target_order, title="English target", axis=alt.Axis(labelLimit=120)),
        color=alt.Color("link:Q", scale=WEIGHT_SCALE, title="gold link", legend=None),
        tooltip=[alt.Tooltip("target_token:N", title="English"), alt.Tooltip("target_position:Q", title="position"),
                 alt.Tooltip("source_token:N", title="Hindi"), alt.Tooltip("source_position:Q", title="position"),
                 alt.Tooltip("link:Q", title="linked (1 = yes)")],
    ).properties(title=title, width=max(160, cell_size * len(source_order)),
                 height=chart_height(max(100, cell_size * len(target_order)), title))


def length_histogram(frame: pd.DataFrame, title: str = "", height: int = 220) -> alt.Chart:
    """Pairs per source length, coloured by evaluation bucket (frame: length, pairs, bucket)."""
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("length:O", title="source length (Hindi words)", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("pairs:Q", title="sentence pairs"),
        color=alt.Color("bucket:N", title="bucket", sort=list(dict.fromkeys(frame["bucket"]))),
        tooltip=[alt.Tooltip("length:O", title="Hindi words"), alt.Tooltip("pairs:Q", title="pairs"),
                 alt.Tooltip("bucket:N")],
    ).properties(title=title, height=chart_height(height, title, angled_labels=False))


def word_frequency_chart(frame: pd.DataFrame, title: str = "", height: int = 320) -> alt.Chart:
    """Horizontal bars of the most frequent words (frame: rank, word, count, share %)."""
    labels = position_labels(list(frame["word"]))
    frame = frame.assign(label=labels)
    return alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        y=alt.Y("label:N", sort=labels, title="word (rank)"),
        x=alt.X("count:Q", title="occurrences"),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("rank:Q"), alt.Tooltip("count:Q"),
                 alt.Tooltip("share %:Q", format=".1f")],
    ).properties(title=title, height=height)


# ------------------------------------------------------------------ attention summaries (What if page, Compare)

def attention_received_chart(received: Sequence[float], source_tokens: Sequence[str], threshold: float = 0.3,
                             title: str = "", height: int = 150) -> alt.Chart:
    """One bar per source word: the attention it received over all steps (the heatmap's column
    sums), red below `threshold`, where a word looks dropped."""
    labels = position_labels(source_tokens)
    frame = pd.DataFrame({"source": labels, "token": list(source_tokens), "position": list(range(1, len(labels) + 1)),
                          "received": [float(v) for v in received], "low": [float(v) < threshold for v in received]})
    # one plain bar chart, no threshold rule layered on: Streamlit clips a layered chart's title
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("source:N", sort=labels, title="Hindi source word", axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("received:Q", title="attention received (Σ over steps)", scale=alt.Scale(zero=True)),
        color=alt.condition(alt.datum.low, alt.value("#e45756"), alt.value("#4c78a8")),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("received:Q", title="attention received", format=".2f"),
                 alt.Tooltip("low:N", title=f"below {threshold} (looks dropped)")],
    ).properties(title=title, height=chart_height(height, title))


def step_focus_chart(spread: Sequence[float], target_tokens: Sequence[str], title: str = "",
                     height: int = 150) -> alt.Chart:
    """One bar per written word: the entropy of its attention row over log S (0 = one source
    word, 1 = evenly spread)."""
    count = min(len(spread), len(target_tokens))
    labels = position_labels(target_tokens[:count])
    frame = pd.DataFrame({"word": labels, "token": list(target_tokens[:count]), "step": list(range(1, count + 1)),
                          "spread": [float(v) for v in spread[:count]]})
    return alt.Chart(frame).mark_bar(color="#9467bd").encode(
        x=alt.X("word:N", sort=labels, title="English word written", axis=alt.Axis(labelAngle=-50, labelLimit=120)),
        y=alt.Y("spread:Q", scale=alt.Scale(domain=[0, 1]), title="spread (entropy / log S)"),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("step:Q", title="step"),
                 alt.Tooltip("spread:Q", title="entropy / log S", format=".2f")],
    ).properties(title=title, height=chart_height(height, title))
