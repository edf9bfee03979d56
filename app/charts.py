"""Charts as pure functions: data in, `alt.Chart` out (testable with chart.to_dict()).

Conventions shared by every chart so the pages look like one tool:
- attention weights use one colour scale, 0..1, the same in every heatmap;
- tokens are labelled with their position ("3 खा") so repeated words stay distinct and in
  sentence order;
- every mark has a tooltip;
- a chart with one mark per word is as wide as its words need (WORD_STEP pixels each, every
  label drawn): a long sentence makes a wider chart, which the page scrolls sideways, never one
  with smaller or missing labels;
- styled() sets the fonts (larger on a projector); to_svg()/to_png() render any chart on the
  server, with no network, for the pages' download buttons;
- built for a class's load (docs/serving.md): data as Arrow tables (table), two-valued colours
  as scales (two_values) rather than alt.condition, titles and sizes set by unchecked(): Altair's
  schema checks cost more than the rest of a small chart, so tests/test_charts.py checks every
  finished chart against the schema instead.
"""
from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd
import pyarrow as pa

from core.language.subwords import has_pieces, merge_attention

# Zero is white: a weight of 0 is no ink, so a cell the model did not look at reads as empty,
# not as a pale blue "a little" (Vega's "blues" scheme starts at #f7fbff).
WEIGHT_SCALE = alt.Scale(domain=[0, 0.5, 1], range=["#ffffff", "#6baed6", "#08306b"], interpolate="rgb")
WORD_STEP = 30          # pixels per word on a chart's word axis: room for a label at 14 px, turned -45°
PROJECTOR_SCALE = 1.45  # a chart on a projector: every size this much larger, as its fonts (styled)
WORD_AXIS_ROOM = 190    # pixels beside the cells of a heatmap: the row labels and the colour legend
FIT_AFTER_COLUMNS = 14  # a heatmap with more source words than this is fitted to its column's width
FIT_PLOT_HEIGHT = 440   # a fitted heatmap's plot is at most this tall (a 46-row one was ~2,000 px)
LABEL_ROOM = 17         # pixels a horizontal 14 px label needs between rows before the next one is drawn
LABEL_COLOUR = "#111111"  # axis labels dark: grey Devanagari at 12 px was unreadable on a projector
SVG = {"embedOptions": {"renderer": "svg"}}   # drawn as SVG: crisp when enlarged, its text in the page
MODEL_COLOURS = {"encdec": "#d62728", "uniform": "#ff7f0e", "additive": "#1f77b4", "dot": "#2ca02c",
                 "general": "#9467bd", "transformer": "#8c564b"}


def table(**columns: list) -> pa.Table:
    """A chart's data as an Arrow table, the form Streamlit sends a chart's data in: made
    directly, it skips building a pandas DataFrame and converting it (~1 ms a chart, a tenth of
    a render's chart work; docs/serving.md). Altair reads it like a DataFrame."""
    return pa.table(columns)


def unchecked(chart: alt.TopLevelMixin, **properties) -> alt.TopLevelMixin:
    """chart.properties(**properties) (title, width, height, ...) without Altair's check of each
    value against the Vega-Lite schema, which it makes even with validation off: 0.3 ms for a
    size, several for a title, most of a small chart's making (docs/serving.md). The finished
    charts are validated by tests/test_charts.py."""
    chart = chart.copy(deep=False)
    for name, value in properties.items():
        setattr(chart, name, value)
    return chart


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
                    target_tokens: Sequence[str]) -> pa.Table:
    """Long format, one row per (target word, source word) cell.

    One label per row and column is what every caller means to pass; should a model give more
    rows than words (NaN weights once did), the extra ones are labelled "?" instead of raising.
    """
    source_tokens, target_tokens = _axis_tokens(weights, source_tokens, target_tokens)
    source_labels, target_labels = position_labels(source_tokens), position_labels(target_tokens)
    cells = [(t, s, float(weight)) for t, row in enumerate(weights) for s, weight in enumerate(row)]
    return table(target=[target_labels[t] for t, _, _ in cells], target_token=[target_tokens[t] for t, _, _ in cells],
                 target_position=[t + 1 for t, _, _ in cells], source=[source_labels[s] for _, s, _ in cells],
                 source_token=[source_tokens[s] for _, s, _ in cells], source_position=[s + 1 for _, s, _ in cells],
                 weight=[weight for _, _, weight in cells])


def word_axis(title: str, angle: int = -45, values: Sequence[str] | None = None, thin: bool = False) -> alt.Axis:
    """An axis of words, dark and never cut short. By default every label is drawn (none
    skipped for overlap); `values` draws only those labels (every_kth), and thin=True lets Vega
    drop every other label until the rest do not overlap (for a width known only in the browser)."""
    extra = {"values": list(values)} if values is not None else {}
    return alt.Axis(title=title, labelAngle=angle, labelOverlap="parity" if thin else False, labelLimit=220,
                    labelPadding=4, labelColor=LABEL_COLOUR, **extra)


def label_stride(count: int, plot_pixels: float, label_pixels: float = LABEL_ROOM) -> int:
    """How many rows (or columns) apart two drawn labels must be so that they do not overlap:
    1 when each of `count` labels has `label_pixels` of the plot's `plot_pixels`, else more."""
    if count <= 0 or plot_pixels <= 0:
        return 1
    import math
    return max(1, math.ceil(label_pixels * count / plot_pixels))


def every_kth(labels: Sequence[str], k: int) -> list[str]:
    """Labels 1, 1+k, 1+2k, ... and always the last (a reader sees where the sentence ends):
    the thinned labels of an axis whose every word stays in the tooltip."""
    k = max(1, int(k))
    kept = [label for index, label in enumerate(labels) if index % k == 0]
    if labels and labels[-1] not in kept:
        if len(kept) > 1 and len(labels) - 1 - labels.index(kept[-1]) < k / 2:
            kept[-1] = labels[-1]   # too close to the one before: the last replaces it
        else:
            kept.append(labels[-1])
    return kept


def heatmap_size(columns: int, rows: int, step: int = WORD_STEP, title: str = "") -> tuple[int, int]:
    """(width, height) of a heatmap whose cells are `step` pixels, labels and legend included:
    Streamlit fits the whole chart into the size the spec gives."""
    return (max(220, step * columns + WORD_AXIS_ROOM),
            chart_height(max(90, step * rows), title))


TAPPED_CELL = "tapped_cell"   # the heatmap's point selection (attention_heatmap(tap=True))
TAPPED_FIELDS = ("target_token", "target_position", "source_token", "source_position", "weight")


def attention_heatmap(weights: Sequence[Sequence[float]], source_tokens: Sequence[str],
                      target_tokens: Sequence[str], title: str = "", show_values: bool = False,
                      cell_size: int = WORD_STEP, fit: bool = False, tap: bool = False) -> alt.Chart:
    """Rows: English words written; columns: Hindi words read; colour: attention weight α.

    Square cells of cell_size pixels, every row and column labelled. fit=True (long sentences):
    drawn to fit its column's width (widgets.chart(..., fit=True): Streamlit's "fit" autosize)
    and at most FIT_PLOT_HEIGHT tall, so every row and column is on the screen; the cells
    shrink and the labels thin out (every k-th row, every 2^n-th column as the width allows),
    and every word is still in each cell's tooltip. tap=True: a click (a tap on a phone, which
    shows no tooltip) selects the cell as the point selection TAPPED_CELL, holding the tooltip's
    fields (TAPPED_FIELDS), for Streamlit's on_select (widgets.attention_ui)."""
    if has_pieces(source_tokens) or has_pieces(target_tokens):  # a subword model's pieces: shown as words
        weights, source_tokens, target_tokens = merge_attention(weights, source_tokens, target_tokens)
    frame = attention_frame(weights, source_tokens, target_tokens)
    source_tokens, target_tokens = _axis_tokens(weights, source_tokens, target_tokens)
    source_order, target_order = position_labels(source_tokens), position_labels(target_tokens)
    width, height = heatmap_size(len(source_tokens), len(target_tokens), cell_size, title)
    x_axis, y_axis = word_axis("Hindi (read)"), word_axis("English (written)", angle=0)
    if fit:
        plot_height = min(FIT_PLOT_HEIGHT, cell_size * max(1, len(target_order)))
        height = chart_height(max(90, plot_height), title)
        stride = label_stride(len(target_order), plot_height)
        # upright labels: a label's box is then one line wide, so a column of 20 px or more keeps every
        # word (at -45° the boxes of neighbouring labels overlap and Vega dropped all but every 4th)
        x_axis = word_axis("Hindi (read)", angle=-90, thin=True)
        y_axis = word_axis("English (written)" + (f", a label every {stride} rows" if stride > 1 else ""), angle=0,
                           values=every_kth(target_order, stride) if stride > 1 else None)
    base = alt.Chart(frame).encode(
        x=alt.X("source:N", sort=source_order, axis=x_axis),
        y=alt.Y("target:N", sort=target_order, axis=y_axis),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=WEIGHT_SCALE, title="α", legend=alt.Legend(gradientLength=100)),
        tooltip=[alt.Tooltip("target_token:N", title="writing"), alt.Tooltip("target_position:Q", title="step"),
                 alt.Tooltip("source_token:N", title="looking at"),
                 alt.Tooltip("source_position:Q", title="source position"),
                 alt.Tooltip("weight:Q", title="weight", format=".3f")])
    if tap:
        cells = cells.add_params(alt.selection_point(name=TAPPED_CELL, fields=list(TAPPED_FIELDS), on="click"))
    chart = cells
    if show_values:
        text = base.mark_text(fontSize=9).transform_calculate(dark="datum.weight > 0.5").encode(
            text=alt.Text("weight:Q", format=".2f"),
            color=alt.Color("dark:O", scale=two_values("white", "black"), legend=None))
        chart = cells + text
    return unchecked(chart, title=title, width=width, height=height, usermeta=SVG)


def word_chart_width(words: int, step: int = WORD_STEP, room: int = 90) -> int:
    """The width of a chart with one bar per word: `step` pixels a word, plus the value axis."""
    return max(260, step * words + room)


def two_values(when_true, when_false) -> alt.Scale:
    """A scale from a True/False column to two colours (or widths): the picture of
    alt.condition(alt.datum.<column>, alt.value(a), alt.value(b)) without its cost. Altair checks
    a condition against the Vega-Lite schema as it builds it, ~5 ms each (docs/serving.md),
    which was most of the making of a small chart."""
    return alt.Scale(domain=[True, False], range=[when_true, when_false])


VECTOR_SCALE = alt.Scale(domain=[-1, 1], scheme="redblue")  # red negative, blue positive; GRU states live in [-1, 1]


def source_bar_chart(values: Sequence[float], source_tokens: Sequence[str], value_title: str,
                     is_weight: bool = False, title: str = "", height: int = 160) -> alt.Chart:
    """One bar per source word: the scores e_tj (any sign) or the weights α_tj (0..1, the
    weight colour scale, so a bar has the colour of its heatmap cell)."""
    labels = position_labels(source_tokens)
    frame = table(source=labels, token=list(source_tokens),
                  position=list(range(1, len(labels) + 1)), value=[float(v) for v in values],
                  positive=[float(v) >= 0 for v in values])
    y_scale = alt.Scale(domain=[0, 1]) if is_weight else alt.Scale(zero=True)
    colour = (alt.Color("value:Q", scale=WEIGHT_SCALE, title="weight α", legend=None) if is_weight
              else alt.Color("positive:O", scale=two_values("#4c78a8", "#e45756"), legend=None))
    return unchecked(alt.Chart(frame).mark_bar().encode(
        x=alt.X("source:N", sort=labels, axis=word_axis("Hindi source word")),
        y=alt.Y("value:Q", scale=y_scale, title=value_title),
        color=colour,
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("value:Q", title=value_title, format=".3f")],
    ), title=title, width=word_chart_width(len(labels)), height=chart_height(height, title), usermeta=SVG)


def vector_strip(vector: Sequence[float], title: str = "", label: str = "c_t", height: int = 36) -> alt.Chart:
    """A vector as a one-row heatmap over its dimensions (red negative, blue positive)."""
    frame = table(dimension=list(range(1, len(vector) + 1)), value=[float(v) for v in vector],
                  row=[label] * len(vector))
    return unchecked(alt.Chart(frame).mark_rect().encode(
        x=alt.X("dimension:O", title=f"dimension (1–{len(vector)})", axis=alt.Axis(labels=False, ticks=False)),
        y=alt.Y("row:N", title=None),
        color=alt.Color("value:Q", scale=VECTOR_SCALE, title=None,
                        legend=alt.Legend(orient="right", gradientLength=height, values=[-1, 0, 1])),
        tooltip=[alt.Tooltip("dimension:O", title="dimension"), alt.Tooltip("value:Q", title="value", format=".3f")],
    ), title=title, height=chart_height(height, title, angled_labels=False))


def context_steps_chart(contexts: Sequence[Sequence[float]], words: Sequence[str], current: int | None = None,
                        title: str = "", height: int = 150, width: int = 380) -> alt.Chart:
    """Every step's context vector c_t as one row of a heatmap over its dimensions (red negative,
    blue positive), row t labelled with the word written at step t, step `current` (0-based)
    outlined: the contexts compared across steps, which one strip at a time could not show."""
    steps = len(contexts)
    labels = position_labels(list(words[:steps]) + ["?"] * (steps - len(words)))
    cells = [(t, d, float(v)) for t, row in enumerate(contexts) for d, v in enumerate(row)]
    frame = table(step=[labels[t] for t, _, _ in cells], dimension=[d + 1 for _, d, _ in cells],
                  end=[d + 2 for _, d, _ in cells], value=[v for _, _, v in cells])
    dimensions = max((len(row) for row in contexts), default=1)
    x_scale = alt.Scale(domain=[1, dimensions + 1], nice=False, zero=False)
    y = alt.Y("step:N", sort=labels, title="step (word written)",
              axis=alt.Axis(labelColor=LABEL_COLOUR, labelOverlap="parity" if steps > 12 else False))
    heat = alt.Chart(frame).mark_rect().encode(
        x=alt.X("dimension:Q", scale=x_scale, title=f"dimension (1–{dimensions})",
                axis=alt.Axis(labels=False, ticks=False, grid=False)),
        x2="end:Q", y=y,
        color=alt.Color("value:Q", scale=VECTOR_SCALE, title=None,
                        legend=alt.Legend(orient="right", gradientLength=60, values=[-1, 0, 1])),
        tooltip=[alt.Tooltip("step:N", title="step"), alt.Tooltip("dimension:Q", title="dimension"),
                 alt.Tooltip("value:Q", title="value", format=".3f")])
    chart = heat
    if current is not None and 0 <= current < steps:
        outline = alt.Chart(table(step=[labels[current]], start=[1], end=[dimensions + 1])).mark_rect(
            filled=False, stroke="#000000", strokeWidth=2.5).encode(x=alt.X("start:Q", scale=x_scale), x2="end:Q", y=y)
        chart = heat + outline
    return unchecked(chart, title=title, width=width, height=chart_height(height, title, angled_labels=False))


def word_probability_chart(tokens: Sequence[str], probabilities: Sequence[float], title: str = "",
                           height: int = 110) -> alt.Chart:
    """One bar per written word: how sure the model was of it (p of the chosen word)."""
    count = min(len(tokens), len(probabilities))
    labels = position_labels(tokens[:count])
    frame = table(word=labels, token=list(tokens[:count]), position=list(range(1, count + 1)),
                  probability=[float(p) for p in probabilities[:count]])
    return unchecked(alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        x=alt.X("word:N", sort=labels, axis=word_axis("English output word")),
        y=alt.Y("probability:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("probability:Q", title="probability", format=".3f")],
    ), title=title, width=word_chart_width(count), height=chart_height(height, title), usermeta=SVG)


def top_words_chart(words: Sequence[tuple[str, float]], chosen: str | None = None, title: str = "",
                    height: int = 170, values_in_labels: bool = False) -> alt.Chart:
    """Horizontal bars of the k most probable next words, the chosen one highlighted.
    values_in_labels: each label also says its probability ("2 the  p 0.031"), so a word whose
    bar is too short to see (beside a chosen word at 0.9) is still read."""
    labels = position_labels([word for word, _ in words])  # rank + word: distinct even for odd vocabularies
    if values_in_labels:
        labels = [f"{label}  p {float(p):.3g}" for label, (_, p) in zip(labels, words)]
    frame = table(label=labels, token=[word for word, _ in words],
                  rank=list(range(1, len(labels) + 1)),
                  probability=[float(p) for _, p in words],
                  chosen=[word == chosen for word, _ in words])
    return unchecked(alt.Chart(frame).mark_bar().encode(
        y=alt.Y("label:N", sort=labels, title="next word (rank)",
                axis=alt.Axis(labelOverlap=False, labelLimit=260, labelColor=LABEL_COLOUR)),
        x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        color=alt.Color("chosen:O", scale=two_values("#1f77b4", "#bbbbbb"), legend=None),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("rank:Q", title="rank"),
                 alt.Tooltip("probability:Q", title="probability", format=".3f")],
    ), title=title, height=chart_height(height, title, angled_labels=False))


_STAGE_STYLE = """  rankdir=TB; nodesep=0.2; ranksep=0.35;
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=FONT, fillcolor="#f4f4f4"];
  edge [color="#555555", fontname="Helvetica", fontsize=EDGE_FONT];
  h1 [label="h₁ मैं"]; h2 [label="h₂ खाना"]; h3 [label="h₃ खा"];
  {rank=same; h1; h2; h3}"""


def attention_stage_diagrams(font_size: int = 16) -> list[str]:
    """The four stages of the idea as Graphviz drawings (for st.graphviz_chart), in order:
    one fixed vector, a context from every input, soft attention, self-attention (the
    transformer: the words look at each other, the decoder at its own past through a mask, many
    heads at once). font_size in points: the
    drawing is shrunk to its column, so the text must start large to stay readable."""
    style = _STAGE_STYLE.replace("EDGE_FONT", str(font_size - 2)).replace("FONT", str(font_size))
    fixed = f"""digraph fixed {{
{style}
  h1 -> h2 -> h3;
  c [label="c = h₃ (the last state)", fillcolor="{MODEL_COLOURS['encdec']}33"];
  decoder [label="decoder: every word"];
  h3 -> c -> decoder;
}}"""
    uniform = f"""digraph uniform {{
{style}
  c [label="c = mean of all hⱼ", fillcolor="{MODEL_COLOURS['uniform']}33"];
  decoder [label="decoder: every word"];
  h1 -> c; h2 -> c; h3 -> c; c -> decoder;
}}"""
    soft = f"""digraph soft {{
{style}
  c [label="cₜ = Σ αₜⱼ hⱼ", fillcolor="{MODEL_COLOURS['additive']}33"];
  decoder [label="decoder writing 'eating'"];
  h1 -> c [label="0.1", penwidth=0.7]; h2 -> c [label="0.1", penwidth=0.7];
  h3 -> c [label="0.8", penwidth=3.5, color="{MODEL_COLOURS['additive']}"];
  c -> decoder;
  decoder -> c [label="score(sₜ, hⱼ)", style=dashed, constraint=false];
}}"""
    transformer = f"""digraph transformer {{
{style}
  nodesep=0.6;  // room for the words' arrows to each other (self-attention)
  h1 [label="x₁ मैं"]; h2 [label="x₂ खाना"]; h3 [label="x₃ खा"];
  h1 -> h2 [dir=both, style=dashed, constraint=false]; h2 -> h3 [dir=both, style=dashed, constraint=false];
  c [label="cₜ = Σ αₜⱼ vⱼ, per head", fillcolor="{MODEL_COLOURS['transformer']}33"];
  decoder [label="decoder writing 'eating'\\nsees 'I am' only"];
  h1 -> c; h2 -> c; h3 -> c [penwidth=3.5, color="{MODEL_COLOURS['transformer']}"];
  c -> decoder;
}}"""
    return [fixed, uniform, soft, transformer]


# ------------------------------------------------------------------ dashboard: training, long sentences, data

_OTHER_MODEL_COLOURS = ("#7f7f7f", "#17becf", "#e377c2", "#bcbd22", "#393b79")   # grey first: far from encdec's red


def model_colour_scale(models: Sequence[str]) -> alt.Scale:
    """Each shipped model in its MODEL_COLOURS colour; any other model (a user's 'mine/<name>')
    gets a colour of its own, so it is never mistaken for a shipped one."""
    models = list(dict.fromkeys(models))
    others = iter(_OTHER_MODEL_COLOURS * (1 + len(models) // len(_OTHER_MODEL_COLOURS)))
    return alt.Scale(domain=models, range=[MODEL_COLOURS.get(m) or next(others) for m in models])


def loss_scale(values: Sequence[float], log_scale: bool = False, min_span: float = 0.0) -> alt.Scale:
    """The loss axis: logarithmic, or linear around the data and at least min_span high, so a
    run of a few steps whose loss moved 0.006 is not drawn as a cliff."""
    if log_scale:
        return alt.Scale(type="log")
    values = [float(v) for v in values if v == v]
    if not values or max(values) - min(values) >= min_span:
        return alt.Scale(zero=False)
    middle = (max(values) + min(values)) / 2
    return alt.Scale(domain=[max(0.0, middle - min_span / 2), middle + min_span / 2], zero=False)


def step_loss_chart(frame: pd.DataFrame, log_scale: bool = False, title: str = "", height: int = 260,
                    min_span: float = 0.0) -> alt.Chart:
    """Training loss per step, one line per model: the raw loss faint, the smoothed curve bold
    (with a point on each step while there are few). frame: model, step, loss, smoothed
    (app.reports.step_loss_frame). min_span: see loss_scale."""
    colour = alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model")
    y_scale = loss_scale(list(frame["loss"]) + list(frame["smoothed"]), log_scale, min_span)
    base = alt.Chart(frame).encode(x=alt.X("step:Q", title="training step (one batch)"), color=colour)
    raw = base.mark_line(opacity=0.2, strokeWidth=1).encode(y=alt.Y("loss:Q", scale=y_scale))
    smoothed = base.mark_line(strokeWidth=2.5, point=len(frame) <= 40).encode(
        y=alt.Y("smoothed:Q", scale=y_scale, title="cross-entropy loss" + (" (log scale)" if log_scale else "")),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("step:Q"), alt.Tooltip("loss:Q", format=".3f", title="loss"),
                 alt.Tooltip("smoothed:Q", format=".3f", title="smoothed")])
    return unchecked(raw + smoothed, title=title, height=chart_height(height, title, angled_labels=False))


def epoch_metric_chart(frame: pd.DataFrame, column: str, axis_title: str, title: str = "",
                       height: int = 220) -> alt.Chart:
    """One line with points per model over epochs (frame: model, epoch, <column>)."""
    return unchecked(alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("epoch:O", title="epoch", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=False)),
        color=alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model"),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("epoch:O"),
                 alt.Tooltip(f"{column}:Q", format=".3f", title=axis_title)],
    ), title=title, height=chart_height(height, title, angled_labels=False))


def bucket_metric_chart(frame: pd.DataFrame, column: str = "bleu", axis_title: str = "BLEU", title: str = "",
                        height: int = 300) -> alt.Chart:
    """Bahdanau et al. (2015), Fig. 2: a line per model over source-length buckets
    (frame: model, bucket, order, <column>, sentences; app.reports.bucket_frame)."""
    order = list(dict.fromkeys(frame.sort_values("order")["bucket"]))
    return unchecked(alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=70)).encode(
        x=alt.X("bucket:N", sort=order, title="source sentence length (Hindi words)", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{column}:Q", title=axis_title, scale=alt.Scale(zero=True)),
        color=alt.Color("model:N", scale=model_colour_scale(frame["model"]), title="model"),
        tooltip=[alt.Tooltip("model:N"), alt.Tooltip("bucket:N", title="length"),
                 alt.Tooltip(f"{column}:Q", format=".1f", title=axis_title),
                 alt.Tooltip("sentences:Q", title="test sentences")],
    ), title=title, height=chart_height(height, title, angled_labels=False))


def alignment_grid(frame: pd.DataFrame, title: str = "", cell_size: int = WORD_STEP) -> alt.Chart:
    """Gold word alignment as a 0/1 grid over source × target (frame: app.reports.alignment_frame),
    drawn on the attention colour scale so it reads like a perfect attention heatmap."""
    source_order = list(dict.fromkeys(frame.sort_values("source_position")["source"]))
    target_order = list(dict.fromkeys(frame.sort_values("target_position")["target"]))
    width, height = heatmap_size(len(source_order), len(target_order), cell_size, title)
    return unchecked(alt.Chart(frame).mark_rect(stroke="#dddddd", strokeWidth=0.5).encode(
        x=alt.X("source:N", sort=source_order, axis=word_axis("Hindi source")),
        y=alt.Y("target:N", sort=target_order, axis=word_axis("English target", angle=0)),
        color=alt.Color("link:Q", scale=WEIGHT_SCALE, title="gold link", legend=None),
        tooltip=[alt.Tooltip("target_token:N", title="English"), alt.Tooltip("target_position:Q", title="position"),
                 alt.Tooltip("source_token:N", title="Hindi"), alt.Tooltip("source_position:Q", title="position"),
                 alt.Tooltip("link:Q", title="linked (1 = yes)")],
    ), title=title, width=width, height=height, usermeta=SVG)


def length_histogram(frame: pd.DataFrame, title: str = "", height: int = 220) -> alt.Chart:
    """Pairs per source length, coloured by evaluation bucket (frame: length, pairs, bucket)."""
    return unchecked(alt.Chart(frame).mark_bar().encode(
        x=alt.X("length:O", title="source length (Hindi words)", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("pairs:Q", title="sentence pairs"),
        color=alt.Color("bucket:N", title="bucket", sort=list(dict.fromkeys(frame["bucket"]))),
        tooltip=[alt.Tooltip("length:O", title="Hindi words"), alt.Tooltip("pairs:Q", title="pairs"),
                 alt.Tooltip("bucket:N")],
    ), title=title, height=chart_height(height, title, angled_labels=False))


def word_frequency_chart(frame: pd.DataFrame, title: str = "", bar_step: int = 20) -> alt.Chart:
    """Horizontal bars of the most frequent words (frame: rank, word, count, share %), each
    bar_step pixels high so every word is labelled."""
    labels = position_labels(list(frame["word"]))
    frame = frame.assign(label=labels)
    height = chart_height(bar_step * len(labels), title, angled_labels=False)
    return unchecked(alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        y=alt.Y("label:N", sort=labels, title="word (rank)", axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        x=alt.X("count:Q", title="occurrences"),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("rank:Q"), alt.Tooltip("count:Q"),
                 alt.Tooltip("share %:Q", format=".1f")],
    ), title=title, height=height, usermeta=SVG)


# ------------------------------------------------------------------ attention summaries (What if page, Compare)

def attention_received_chart(received: Sequence[float], source_tokens: Sequence[str], threshold: float = 0.3,
                             title: str = "", height: int = 150) -> alt.Chart:
    """One bar per source word: the attention it received over all steps (the heatmap's column
    sums), red below `threshold`, where a word looks dropped."""
    labels = position_labels(source_tokens)
    frame = table(source=labels, token=list(source_tokens), position=list(range(1, len(labels) + 1)),
                  received=[float(v) for v in received], low=[float(v) < threshold for v in received])
    # one plain bar chart, no threshold rule layered on: Streamlit clips a layered chart's title
    return unchecked(alt.Chart(frame).mark_bar().encode(
        x=alt.X("source:N", sort=labels, axis=word_axis("Hindi source word")),
        y=alt.Y("received:Q", title="attention received (Σ)", scale=alt.Scale(zero=True)),
        color=alt.Color("low:O", scale=two_values("#e45756", "#4c78a8"), legend=None),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("position:Q", title="position"),
                 alt.Tooltip("received:Q", title="attention received", format=".2f"),
                 alt.Tooltip("low:N", title=f"below {threshold} (looks dropped)")],
    ), title=title, width=word_chart_width(len(labels)), height=chart_height(height, title), usermeta=SVG)


def step_focus_chart(spread: Sequence[float], target_tokens: Sequence[str], title: str = "",
                     height: int = 150) -> alt.Chart:
    """One bar per written word: the entropy of its attention row over log S (0 = one source
    word, 1 = evenly spread)."""
    count = min(len(spread), len(target_tokens))
    labels = position_labels(target_tokens[:count])
    frame = table(word=labels, token=list(target_tokens[:count]), step=list(range(1, count + 1)),
                  spread=[float(v) for v in spread[:count]])
    return unchecked(alt.Chart(frame).mark_bar(color="#9467bd").encode(
        x=alt.X("word:N", sort=labels, axis=word_axis("English word written")),
        y=alt.Y("spread:Q", scale=alt.Scale(domain=[0, 1]), title="spread (entropy / log S)"),
        tooltip=[alt.Tooltip("token:N", title="word"), alt.Tooltip("step:Q", title="step"),
                 alt.Tooltip("spread:Q", title="entropy / log S", format=".2f")],
    ), title=title, width=word_chart_width(count), height=chart_height(height, title), usermeta=SVG)


# ------------------------------------------------------------------ beam search tree (What if page)

BEST_COLOUR = "#1f77b4"
BEAM_ROW = 60     # pixels between two hypotheses of one step: two lines of text in each box
BOX_HALF_WIDTH, BOX_HALF_HEIGHT = 0.44, 0.3   # a hypothesis's box, in steps and rows
TEXT_RAISE = 0.12   # rows: a two-line label starts this far above the box's middle, so both lines sit inside


def beam_label(word: str, score: float, parent=None) -> str:
    """A hypothesis's box text, two lines: its word with the log-probability of that word at this
    step, then the path's total so far ("eating +-0.012" / "Σ -0.351"). Three digits: totals to
    two, as they were, printed -0.00 for every hypothesis of a sure model, which looked equal."""
    step = f" {score - parent.score:+.3f}" if parent is not None else ""
    return f"{word}{step}\nΣ {score:.3f}"


def beam_layout(nodes: Sequence, words: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(boxes, edges) of a beam search tree drawn left to right: a column per step, in each
    column the hypotheses ordered under their parents (so edges seldom cross), the winning path
    marked. nodes: core.nmt.decode BeamNode (node_id, parent_id, step, token_id, score,
    finished, on_best_path), every drawn node's parent drawn too. An edge runs from the right
    side of a parent's box to the left side of its child's."""
    by_id = {node.node_id: node for node in nodes}
    row: dict[int, float] = {}
    for step in sorted({node.step for node in nodes}):
        layer = sorted((node for node in nodes if node.step == step),
                       key=lambda node: (row.get(node.parent_id, 0.0), -node.score))
        for index, node in enumerate(layer):
            row[node.node_id] = float(index)
    boxes = pd.DataFrame([{
        "id": node.node_id, "step": node.step, "row": row[node.node_id],
        "left": node.step - BOX_HALF_WIDTH, "right": node.step + BOX_HALF_WIDTH,
        "top": row[node.node_id] - BOX_HALF_HEIGHT, "bottom": row[node.node_id] + BOX_HALF_HEIGHT,
        "word": "<sos>" if node.parent_id is None else str(words[node.token_id]),
        # the word, then its own log-probability at this step and the path's total: totals to two
        # digits printed the same for hypotheses that differ (-0.00 everywhere on a sure model)
        "label": "<sos>" if node.parent_id is None else beam_label(str(words[node.token_id]), node.score,
                                                                  by_id.get(node.parent_id)),
        "score": float(node.score), "best": bool(node.on_best_path), "finished": bool(node.finished),
        "text_row": row[node.node_id] - TEXT_RAISE * (node.parent_id is not None)}
        for node in nodes])
    edges = pd.DataFrame([{"step": by_id[node.parent_id].step + BOX_HALF_WIDTH, "row": row[node.parent_id],
                           "step2": node.step - BOX_HALF_WIDTH, "row2": row[node.node_id],
                           "best": bool(node.on_best_path)}
                          for node in nodes if node.parent_id in by_id],
                         columns=["step", "row", "step2", "row2", "best"])
    return boxes, edges


def beam_tree_chart(nodes: Sequence, words: Sequence[str], title: str = "", column_width: int = 130) -> alt.Chart:
    """The beam search tree as a chart: each box a hypothesis (its last word and the total
    log-probability of its path), a line to the hypothesis it extends, the winning path bold
    and blue; a hypothesis that ended writes <eos>. Fixed spacing: a long search is a wider
    chart to scroll, never smaller text."""
    boxes, edges = beam_layout(nodes, words)
    first, last = (int(boxes["step"].min()), int(boxes["step"].max())) if len(boxes) else (0, 0)
    steps = last - first + 1   # the root (<sos>) sits one step before the first word
    rows = int(boxes["row"].max()) + 1 if len(boxes) else 1
    x_scale = alt.Scale(domain=[first - 0.5, last + 0.5], nice=False)
    y_scale = alt.Scale(domain=[rows - 0.5, -0.5], nice=False)
    x_axis = alt.Axis(title="step (the word written)", tickMinStep=1, format="d", grid=False,
                      labelExpr="datum.value < 0 ? '' : datum.value + 1")
    x = alt.X("step:Q", scale=x_scale, axis=x_axis)
    y = alt.Y("row:Q", axis=None, scale=y_scale)
    lines = alt.Chart(edges).mark_rule().encode(
        x=x, y=y, x2="step2:Q", y2="row2:Q",
        color=alt.Color("best:O", scale=two_values(BEST_COLOUR, "#bbbbbb"), legend=None),
        strokeWidth=alt.StrokeWidth("best:O", scale=two_values(3, 1), legend=None))
    tooltip = [alt.Tooltip("word:N", title="word"), alt.Tooltip("step:Q", title="step"),
               alt.Tooltip("score:Q", title="log-probability of the path", format=".3f"),
               alt.Tooltip("finished:N", title="ended with <eos>")]
    box_marks = alt.Chart(boxes).mark_rect(cornerRadius=6).encode(
        x=alt.X("left:Q", scale=x_scale, axis=x_axis), x2="right:Q", y=alt.Y("top:Q", scale=y_scale, axis=None),
        y2="bottom:Q",
        fill=alt.Fill("best:O", scale=two_values("#e3eef8", "white"), legend=None),
        stroke=alt.Stroke("best:O", scale=two_values(BEST_COLOUR, "#999999"), legend=None),
        strokeWidth=alt.StrokeWidth("best:O", scale=two_values(2.5, 1), legend=None), tooltip=tooltip)
    text = alt.Chart(boxes).encode(x=x, y=alt.Y("text_row:Q", axis=None, scale=y_scale), text="label:N",
                                   tooltip=tooltip)   # font size: styled()
    others = text.transform_filter(~alt.datum.best).mark_text(baseline="middle", align="center", color="#333333",
                                                              lineBreak="\n")
    best = text.transform_filter(alt.datum.best).mark_text(baseline="middle", align="center", color=BEST_COLOUR,
                                                           fontWeight="bold", lineBreak="\n")
    # the lines' and the boxes' two-value scales are their own, not merged into one per channel
    return unchecked((lines + box_marks + others + best).resolve_scale(strokeWidth="independent"), 
        title=title, width=max(300, steps * column_width), height=chart_height(rows * BEAM_ROW, title, False),
        usermeta=SVG)


# ------------------------------------------------------------------ fonts, projector, export

FONT_SIZES = {False: {"label": 14, "title": 14, "chart": 16, "mark": 12},   # labels >= 14 px: Devanagari readable
              True: {"label": 19, "title": 20, "chart": 24, "mark": 18}}


def styled(chart: alt.TopLevelMixin, projector: bool = False) -> alt.TopLevelMixin:
    """The chart with the app's fonts. On a projector the fonts are larger (labels 19 px,
    titles 24 px) and so is the chart, by PROJECTOR_SCALE: Streamlit fits a whole chart, labels
    and title included, into the size it is given, so larger text alone would squeeze the plot."""
    sizes = FONT_SIZES[bool(projector)]
    if projector:
        scaled = {name: round(getattr(chart, name) * PROJECTOR_SCALE) for name in ("width", "height")
                  if isinstance(getattr(chart, name, None), (int, float))}
        chart = unchecked(chart, **scaled)
    return (chart.configure_axis(labelFontSize=sizes["label"], titleFontSize=sizes["title"])
            .configure_legend(labelFontSize=sizes["label"], titleFontSize=sizes["title"])
            .configure_title(fontSize=sizes["chart"], anchor="start", limit=0)
            .configure_text(fontSize=sizes["mark"]))


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document, rendered on the server (vl-convert: no browser, no network)."""
    import vl_convert
    return vl_convert.vegalite_to_svg(chart.to_json())


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG at `scale` times its size on the page, rendered on the server."""
    import vl_convert
    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)
