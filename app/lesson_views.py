"""The one large visual of each lesson stop (app/lesson_stops.py), drawn from the shipped
models with the app's existing charts. Each render function takes a StopView and draws into
the current Streamlit container; the pure helpers (eating_step, ...) are tested
without a page.

Sizes: a stop must fit a 1280x720 projector with no scrolling (tests/test_browser.py), so a
visual gets VISUAL_HEIGHT pixels in projector mode; charts stretch to their column's width.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from app import captioning, charts, model_registry, reference_marks, reports, translation_cache, vega, whatif
from core.language.text import tokenize_hindi
from core.nmt.metrics import sentence_bleu
from core.nmt.model import MODEL_KINDS
from core.nmt.probes import SEED_SENTENCE

VISUAL_HEIGHT = {True: 400, False: 300}   # pixels: projector, otherwise (page height <= 720 measured in the browser test)
LONG_SENTENCE_WORDS = 40                  # the long-sentence stop: the test split's first sentence this long


@dataclass(frozen=True)
class StopView:
    projector: bool = False
    revealed: bool = False
    counts: dict | None = None            # a predict stop's answers: {choice: how many}


# ------------------------------------------------------------------ pure helpers

def eating_step(output_tokens: Sequence[str]) -> int:
    """The step at which the model writes 'eating' (else the last step before <eos>)."""
    tokens = [t.lower() for t in output_tokens]
    return tokens.index("eating") if "eating" in tokens else max(0, len(tokens) - 2)


def count_frame_chart(counts, choices: Sequence[str], right: str | None, height: int) -> alt.Chart:
    """The class's answers: one bar per choice (every choice, zero included), the right one blue.
    counts: {choice: how many}, or its (choice, how many) pairs."""
    counts = dict(counts)
    frame = charts.table(choice=list(choices), answers=[int(counts.get(c, 0)) for c in choices],
                         right=[c == right for c in choices])
    return charts.unchecked(alt.Chart(frame).mark_bar().encode(
        x=alt.X("choice:N", sort=list(choices), title=None, axis=alt.Axis(labelAngle=0, labelOverlap=False)),
        y=alt.Y("answers:Q", title="answers", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("right:O", scale=charts.two_values("#1f77b4", "#bbbbbb"), legend=None),
        tooltip=[alt.Tooltip("choice:N"), alt.Tooltip("answers:Q")],
    ), title="the class", height=height, width="container")


def next_words_chart(words: Sequence[tuple[str, float]], chosen: str, height: int) -> alt.Chart:
    """The most probable next words as bars, each labelled with its probability: a 0.97 bar
    beside four of 0.01 leaves those four invisible, their labels say they are there."""
    labels = charts.position_labels([word for word, _ in words])
    frame = charts.table(label=labels, probability=[float(p) for _, p in words],
                         text=[f"{float(p):.2f}" for _, p in words], chosen=[word == chosen for word, _ in words])
    base = alt.Chart(frame).encode(y=alt.Y("label:N", sort=labels, title=None),
                                   x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1.25]), title="probability",
                                           axis=alt.Axis(values=[0, 0.5, 1])))
    bars = base.mark_bar().encode(color=alt.Color("chosen:O", scale=charts.two_values("#1f77b4", "#bbbbbb"),
                                                  legend=None))
    return charts.unchecked(alt.layer(bars, base.mark_text(align="left", dx=4).encode(text="text:N")),
                            title="next word", height=height, width="container")


# ------------------------------------------------------------------ models and data

def _translator(name: str):
    translators, _ = model_registry.available_translators()
    return translators.get(name)


def _translation(name: str, text: str = SEED_SENTENCE):
    translator = _translator(name)
    return None if translator is None else translation_cache.translate(translator, text)


def _missing(name: str) -> None:
    st.info(f"The {name} model is not available on this server, so this stop has no picture.")


def _show(figure, view: StopView, height: int | None = None, key: str = "") -> None:
    """A chart at the stop's size: its height fixed, its width its column's, its fonts large on
    a projector (styled() scales a numeric height by PROJECTOR_SCALE, so the height is divided first).

    figure: vega.recipe(builder, ...) so that the chart is built and converted once per server
    and size, not once per phone: thirty phones following the teacher to a stop rerun the page
    at once, and building and converting a chart cost ~40 ms of the one core a rerun holds."""
    height = height or VISUAL_HEIGHT[view.projector]
    scale = charts.PROJECTOR_SCALE if view.projector else 1.0

    def at_stop_size(chart):
        return charts.styled(charts.unchecked(chart, height=round(height / scale), width="container"), view.projector)
    styled, spec = vega.prepared(figure, at_stop_size, (view.projector, height))
    if spec is None:   # a Streamlit without the conversion app.vega follows
        st.altair_chart(styled, width="stretch", key=key or None)
    else:
        st.vega_lite_chart(spec=spec, width="stretch", key=key or None)


def seed_words() -> list[str]:
    return tokenize_hindi(SEED_SENTENCE)


def eating_row():
    """(weights, source tokens, written word) of additive at the step writing 'eating'; None without additive."""
    translation = _translation("additive")
    if translation is None or translation.attention is None:
        return None
    step = eating_step(translation.output_tokens)
    return [float(w) for w in translation.attention[step]], list(translation.source_tokens), translation.output_tokens[step]


def eating_focus() -> str | None:
    row = eating_row()
    if row is None:
        return None
    weights, tokens, _ = row
    return tokens[max(range(len(weights)), key=weights.__getitem__)]


# ------------------------------------------------------------------ the stops' visuals

def idea(view: StopView) -> None:
    st.graphviz_chart(charts.attention_stage_diagrams(22 if view.projector else 16)[2], width="stretch",
                      height=VISUAL_HEIGHT[view.projector])


def predict_eating(view: StopView) -> None:
    choices = seed_words()
    if not view.revealed:
        st.markdown(f"<div style='font-size:2.2em;text-align:center;padding:1.5em 0'>{SEED_SENTENCE}</div>"
                    "<div style='text-align:center'>I am eating food → writing <b>eating</b></div>",
                    unsafe_allow_html=True)
        return
    row = eating_row()
    if row is None:
        return _missing("additive")
    weights, tokens, written = row
    model, class_ = st.columns(2) if view.counts is not None else (st.container(), None)
    with model:
        _show(vega.recipe(charts.source_bar_chart, weights, tokens, "weight α", is_weight=True,
                          title=f"additive, writing '{written}'"), view, key="lesson_eating_row")
    if class_ is not None:
        with class_:
            _show(vega.recipe(count_frame_chart, sorted(view.counts.items()), choices, eating_focus(), 0), view,
                  key="lesson_eating_class")


def long_pair():
    translator = _translator("additive") or _translator("encdec")
    pairs = model_registry.test_pairs(translator) if translator else None
    return next((p for p in pairs or [] if len(p.source_tokens) >= LONG_SENTENCE_WORDS), None)


def long_sentence(view: StopView) -> None:
    pair = long_pair()
    if pair is None:
        return st.info("The test split is not available on this server, so this stop has no sentence.")
    columns = st.columns(2)
    for column, name in zip(columns, ("encdec", "additive")):
        translation = _translation(name, pair.source_text)
        with column:
            if translation is None:
                _missing(name)
                continue
            bleu = sentence_bleu(translation.text, pair.target_text)
            st.markdown(f"**{name}** · BLEU **{bleu:.1f}**")
            st.markdown(reference_marks.marked_against_reference(translation.target_tokens, pair.target_text))
    st.caption(f"{len(pair.source_tokens)} Hindi words. " + reference_marks.LEGEND)


def one_step(view: StopView) -> None:
    from app.lesson import step_detail
    translation = _translation("additive")
    if translation is None or translation.attention is None:
        return _missing("additive")
    detail = step_detail(translation, eating_step(translation.output_tokens))
    weights, words = st.columns(2)
    with weights:
        _show(vega.recipe(charts.source_bar_chart, detail.weights, detail.source_tokens, "weight α", is_weight=True,
                          title=f"weights writing '{detail.written}'"), view, key="lesson_step_weights")
    with words:
        _show(vega.recipe(next_words_chart, detail.top_words, detail.written, 0), view, key="lesson_step_words")


def probe_rows(history: dict, points: list[str]) -> int:
    """How many written words of the seed probe to draw: as many as the trained model writes
    (its last probe), at least 6."""
    last = reports.probe_attention(history, points[-1], 0) if points else None
    return max(6, len(last[2]) if last else 0)


def _shipped_file(name: str, filename: str) -> tuple[str, float]:
    """(path, mtime) of a shipped model's file: the lesson is drawn from the shipped models, the
    same for every phone of a class; the mtime makes a retrained model a new cache entry."""
    path = model_registry.checkpoints_dir() / name / filename
    return str(path), model_registry.modified_time(path)


@st.cache_data(max_entries=8, show_spinner=False)
def training_moments(path: str, modified: float) -> tuple[list[str], dict]:
    """(the moments of a history.json's probe attention in training order, moment -> (weights,
    source, target, heading) of the seed probe or None when it wrote nothing yet). An untrained
    model babbles 60 words: its rows are cut to as many as the trained model writes. This is
    what the alignment stop draws: a few KB to copy on each phone's rerun, where the whole history
    (~0.8 MB, ~50 ms to copy out of the cache) is not."""
    from core.files import read_json
    history = read_json(Path(path)) or {}
    points = reports.probe_points(history)
    rows, moments = probe_rows(history, points), {}
    for point in points:
        shown = reports.probe_attention(history, point, 0)
        if not shown or not shown[0]:
            moments[point] = None
            continue
        weights, source, target = shown
        heading = reports.probe_heading(point, history)
        if len(target) > rows:
            heading += f" (its first {rows} of {len(target)} words)"
            weights, target = weights[:rows], target[:rows]
        moments[point] = (weights, source, target, heading)
    return points, moments


def alignment_emerging(view: StopView) -> None:
    points, moments = training_moments(*_shipped_file("additive", "history.json"))
    if not points:
        return _missing("additive training history for")
    if st.session_state.get("lesson_training_point") not in points:
        st.session_state["lesson_training_point"] = points[0]
    point = st.select_slider("Moment in training", points, key="lesson_training_point")
    if moments.get(point) is None:
        return st.info("The model wrote nothing yet at this moment.")
    weights, source, target, heading = moments[point]
    _show(vega.recipe(charts.attention_heatmap, weights, source, target, title=heading), view,
          height=VISUAL_HEIGHT[view.projector] - 60, key="lesson_training_map")


def _evaluation_stamps() -> tuple:
    """((name, path, mtime), ...) of the shipped models' eval.json, in MODEL_KINDS order."""
    return tuple((name, *_shipped_file(name, "eval.json")) for name in MODEL_KINDS)


@st.cache_data(max_entries=8, show_spinner=False)
def _bucket_rows(stamps: tuple) -> list[dict]:
    """reports.bucket_frame's rows for the shipped models that have an eval.json (a few hundred
    bytes, where the eval.json files are ~1 MB each)."""
    from core.files import read_json
    evaluations = {}
    for name, path, modified in stamps:
        evaluation = read_json(Path(path)) if modified else None
        if evaluation and evaluation.get("buckets"):
            evaluations[name] = {"buckets": evaluation["buckets"]}
    return reports.bucket_frame(evaluations).to_dict("records")


def bucket_chart(stamps: tuple):
    """BLEU by source length for the shipped models (a vega.recipe builder: stamps name the files)."""
    return charts.bucket_metric_chart(pd.DataFrame(_bucket_rows(stamps)))


def bleu_by_length(view: StopView) -> None:
    stamps = _evaluation_stamps()
    if not _bucket_rows(stamps):
        return _missing("evaluation of any")
    _show(vega.recipe(bucket_chart, stamps), view, key="lesson_buckets")


def edited_attention():
    """(original, edited) additive translations of the seed sentence: while writing 'eating'
    all the weight moved from its focus onto the first word (मैं)."""
    translator = _translator("additive")
    if translator is None:
        return None
    original = translation_cache.translate(translator, SEED_SENTENCE)
    if original.attention is None:
        return None
    step = eating_step(original.output_tokens)
    row = [float(w) for w in original.attention[step]]
    new_row = whatif.move_weight(row, whatif.argmax(row), 0, 1.0)
    return original, translation_cache.translate_what_if(translator, SEED_SENTENCE, 1, override={step: new_row})


def edit_attention(view: StopView) -> None:
    pair = edited_attention()
    if pair is None:
        return _missing("additive")
    for column, (label, translation) in zip(st.columns(2), zip(("before", "after"), pair)):
        with column:
            _show(vega.recipe(charts.attention_heatmap, translation.attention, translation.source_tokens,
                              translation.output_tokens, title=f"{label}: {translation.text}"), view,
                  height=VISUAL_HEIGHT[view.projector] - 20, key=f"lesson_edit_{label}")


def uniform(view: StopView) -> None:
    translation = _translation("uniform")
    if translation is None or translation.attention is None:
        return _missing("uniform")
    _show(vega.recipe(charts.attention_heatmap, translation.attention, translation.source_tokens,
                      translation.output_tokens, title=f"uniform: {translation.text}"), view, key="lesson_uniform")


def captioning_result():
    """(scene, caption, step) for the first test picture: the step whose peak weight is largest."""
    ready, _ = captioning.captioners()
    loaded = ready.get("attention")
    if loaded is None:
        return None
    scene = captioning.test_scenes()[captioning.DEFAULT_PICTURE - 1]
    result = captioning.caption(loaded, scene)
    if not result.tokens or result.attention is None:
        return None
    step = max(range(len(result.tokens)), key=lambda t: float(result.attention[t].max()))
    return scene, result, step


def captioning_picture(view: StopView) -> None:
    shown = captioning_result()
    if shown is None:
        return _missing("captioning")
    from core.captioning import shapes
    scene, result, step = shown
    picture, looked = st.columns(2)
    size = VISUAL_HEIGHT[view.projector] - 40
    picture.image(shapes.upscale(scene.image(), captioning.ZOOM).numpy(), width=size,
                  caption=" ".join(result.tokens))
    looked.image(shapes.attention_overlay(scene.image(), result.attention[step], captioning.ZOOM).numpy(), width=size,
                 caption=f"where it looked writing “{result.tokens[step]}”")


# The counterfactual stop's sentence: everyday words every shipped model translates right, long
# enough (5 words) that what survives equal weights can be counted.
COUNTERFACTUAL_SENTENCE = "मेरा भाई कल दिल्ली जाएगा"
SURVIVAL_CHOICES = ("most", "about half", "few or none")


@st.cache_resource(max_entries=4, show_spinner=False)
def _under_uniform(_translator, directory: str, modified: float):
    """(own, uniform) core.nmt.counterfactual results of one model on COUNTERFACTUAL_SENTENCE."""
    from core.nmt.counterfactual import translate_sentence
    results = translate_sentence(_translator.loaded, list(_translator.prepare(COUNTERFACTUAL_SENTENCE).tokens),
                                 ["uniform"])
    return results["none"], results["uniform"]


def under_uniform():
    """additive's translation with its own attention and with equal weights at every step; None without it."""
    translator = _translator("additive")
    if translator is None or not translator.model.has_attention_weights:
        return None
    directory = translator.loaded.directory
    return _under_uniform(translator, str(directory), model_registry.modified_time(directory / "model.pt"))


def survival_answer() -> str | None:
    """Which SURVIVAL_CHOICES is right: the share of additive's own words still written under uniform weights."""
    shown = under_uniform()
    if shown is None:
        return None
    from core.nmt.counterfactual import unchanged_flags
    own, uniform = shown
    kept = unchanged_flags(own.words, uniform.words)
    share = sum(kept) / max(1, len(kept))
    return SURVIVAL_CHOICES[0] if share >= 2 / 3 else SURVIVAL_CHOICES[1] if share >= 1 / 3 else SURVIVAL_CHOICES[2]


def survival_choices() -> list[str]:
    return list(SURVIVAL_CHOICES)


def attention_matters(view: StopView) -> None:
    shown = under_uniform()
    if shown is None:
        return _missing("additive")
    own, uniform = shown
    tokens = own_source_tokens()
    if not view.revealed:
        st.markdown(f"<div style='font-size:2.2em;text-align:center;padding:1em 0'>{COUNTERFACTUAL_SENTENCE}</div>"
                    f"<div style='font-size:1.4em;text-align:center'>additive: <b>{html.escape(own.text)}</b></div>",
                    unsafe_allow_html=True)
        return
    left, right = st.columns(2)
    with left:
        from core.nmt.counterfactual import unchanged_flags
        kept = unchanged_flags(own.words, uniform.words)
        st.markdown("**Equal weights:** " + whatif.diff_markdown(whatif.word_diff(own.words, uniform.words)))
        st.markdown(f"**{sum(kept)} of {len(kept)}** of its words stay: {survival_answer()}.")
        _show(vega.recipe(charts.attention_heatmap, uniform.attention, tokens, uniform.output_tokens,
                          title="the rows it was given"), view, height=VISUAL_HEIGHT[view.projector] - 80,
              key="lesson_matters_uniform")
    with right:
        if view.counts is not None:
            _show(vega.recipe(count_frame_chart, sorted(view.counts.items()), SURVIVAL_CHOICES, survival_answer(), 0),
                  view, key="lesson_matters_class")
        else:
            _show(vega.recipe(charts.attention_heatmap, own.attention, tokens, own.output_tokens,
                              title="its own attention"), view, key="lesson_matters_own")


def own_source_tokens() -> list[str]:
    """The counterfactual sentence as additive reads it, with the <eos> its rows include."""
    return list(_translator("additive").prepare(COUNTERFACTUAL_SENTENCE).tokens) + ["<eos>"]


def quiz_choices() -> list[str]:
    evaluated = {row["model"] for row in _bucket_rows(_evaluation_stamps())}
    return [name for name in ("encdec", "uniform", "additive", "dot", "general") if name in evaluated] or ["encdec"]


def quiz_answer() -> str | None:
    """The model whose BLEU falls most from the shortest to the longest length bucket."""
    rows = _bucket_rows(_evaluation_stamps())
    if not rows:
        return None
    frame = pd.DataFrame(rows).sort_values("order")
    drops = {model: float(part["bleu"].iloc[0] - part["bleu"].iloc[-1]) for model, part in frame.groupby("model")}
    return max(drops, key=drops.get)


def quiz(view: StopView) -> None:
    choices = quiz_choices()
    if not view.revealed:
        st.markdown("<div style='font-size:1.6em;padding:1em 0'>" + " · ".join(choices) + "</div>",
                    unsafe_allow_html=True)
        return
    right = quiz_answer()
    if view.counts is not None:
        _show(vega.recipe(count_frame_chart, sorted(view.counts.items()), choices, right, 0), view,
              key="lesson_quiz_class")
    st.markdown(f"**Answer: {right}.** Its single fixed vector cannot hold a long sentence.")
