"""The transformer's blocks that more than one page draws: the layer and head picker, its
cross-attention (one layer and head, or the heads averaged, and the small-multiples grid of
every layer and head), and one head taken apart in four parts (scores, softmax, weighted sum,
the heads joined). The Self-attention page draws all of them; Compare draws the cross-attention
beside the RNN models' heatmaps, and Step by step the four-part lesson at the step it is on.

Tables are app/transformer_views.py's, charts app/head_charts.py's, the numbers
core.nmt.transformer.attention_maps' and core.nmt.head_step's: this module only lays them out.
"""
from __future__ import annotations

from typing import Sequence

import streamlit as st

from app import charts, head_charts, page, url_state, vega, widgets
from app import transformer_views as views
from core.nmt.head_step import head_step
from core.nmt.model import TRANSFORMER_KIND
from core.nmt.transformer import AttentionMaps, attention_maps
from core.nmt.translate import Translation, Translator

# What the What if page's attention edit changes in a transformer (core.nmt.transformer: an override
# replaces the last decoder layer's cross-attention row in every head of that layer)
EDITED_ATTENTION = ("A transformer has many attentions; the edit changes one of them: the **last decoder layer's "
                    "cross-attention** at this step, the same row in **every one of its heads**, so their average "
                    "is the row you set (the row shown is that average). The earlier layers' cross-attention and "
                    "every self-attention are left as the model computed them.")

ATTENTION_NAMES = {"cross": "cross-attention (English → Hindi)", "decoder": "decoder self-attention (masked)",
                   "encoder": "encoder self-attention"}


def is_transformer(translator: Translator) -> bool:
    return translator.kind == TRANSFORMER_KIND


def translation_maps(translator: Translator, text: str, translation: Translation) -> tuple[list[int], AttentionMaps]:
    """(the source ids the model read, every attention while it wrote `translation`): one
    teacher-forced pass over the words it wrote, which gives the numbers decoding gave."""
    source_ids = translator.prepare(text).ids
    return source_ids, attention_maps(translator.model, source_ids, translation.decoded.token_ids)


def head_label(head: str) -> str:
    return "average of the heads" if head == views.AVERAGE else f"head {head}"


def layer_head_ui(key: str, layers: int, heads: int, default_layer: int | None = None,
                  share: bool = True) -> tuple[int, str]:
    """A layer slider and a head radio (the heads averaged first), their state in
    st.session_state[f"{key}_layer"] / [f"{key}_head"] and, with share, in the URL (layer=, head=).
    Returns (layer from 1, head: views.AVERAGE or "1".."h")."""
    layer_key, head_key = f"{key}_layer", f"{key}_head"
    head_options = [views.AVERAGE, *(str(h) for h in range(1, heads + 1))]
    if share:
        url_state.number_from_url(layer_key, "layer", default_layer or layers, 1, layers)
        url_state.choice_from_url(head_key, "head", head_options, views.AVERAGE)
    else:
        st.session_state.setdefault(layer_key, default_layer or layers)
        st.session_state[layer_key] = min(max(1, int(st.session_state[layer_key])), layers)
        if st.session_state.get(head_key) not in head_options:
            st.session_state[head_key] = views.AVERAGE
    layer_column, head_column = st.columns([2, 3])
    if layers > 1:
        layer = layer_column.select_slider("Layer", list(range(1, layers + 1)), key=layer_key,
                                           help="Layer 1 reads the embeddings; the last layer's cross-attention "
                                                "is the one the heatmaps of the other models' pages stand beside.")
    else:
        layer = 1
        layer_column.caption("One layer.")
    head = head_column.radio("Head", head_options, key=head_key, horizontal=True, format_func=head_label)
    return layer, head


def picked(maps, layer: int, head: str):
    """(rows, columns) weights of `layer` (from 1) and `head` (views.AVERAGE or "1".."h")."""
    return views.pick(maps, layer - 1, views.AVERAGE if head == views.AVERAGE else int(head) - 1)


def cross_heatmap_ui(maps: AttentionMaps, translation: Translation, layer: int, head: str, key: str,
                     fit_after: int = charts.FIT_AFTER_COLUMNS) -> None:
    """The cross-attention of one layer and head as the RNN models' heatmap (same chart, same
    labels, the same fit for long sentences), with what it is in its title."""
    if layer == maps.cross.shape[0] and head == views.AVERAGE:  # the translation's own attention: tap, CSV
        widgets.attention_ui(translation, title=f"cross-attention, layer {layer}, {head_label(head)}", key=key,
                             fit_after=fit_after)
        return
    weights = picked(maps.cross, layer, head).tolist()
    fit = len(translation.source_tokens) > fit_after
    widgets.chart(vega.recipe(charts.attention_heatmap, weights, translation.source_tokens, translation.output_tokens,
                              title=f"cross-attention, layer {layer}, {head_label(head)}",
                              cell_size=widgets.word_step(), fit=fit),
                  key, wide=True, fit=fit)


def head_grid_ui(maps: AttentionMaps, translation: Translation, key: str) -> None:
    """Every layer's every head of the cross-attention as small multiples."""
    source, output = translation.source_tokens, translation.output_tokens
    heads = maps.cross.shape[1]
    widgets.chart(head_charts.head_grid(views.grid_frame(maps.cross, source, output), charts.position_labels(output),
                                        charts.position_labels(source), heads, title="English (rows) × Hindi (columns)",
                                        projector=page.projector()),
                  key, wide=True)
    st.caption("One panel per layer (row) and head (column), L = layer, H = head; hover for the words. Heads "
               "differ: some follow the word being translated, some look at a neighbour or at the end.")


def cross_attention_ui(translator: Translator, text: str, translation: Translation, key: str,
                       fit_after: int = charts.FIT_AFTER_COLUMNS) -> None:
    """Compare's transformer column: the picker, the chosen layer and head's heatmap (the last
    layer's heads averaged unless another is picked: what its translation's attention is), and
    the grid of every layer and head."""
    _, maps = translation_maps(translator, text, translation)
    layers, heads = maps.cross.shape[:2]
    layer, head = layer_head_ui(key, layers, heads, share=False)
    cross_heatmap_ui(maps, translation, layer, head, f"{key}_heatmap", fit_after)
    st.caption("A transformer has a cross-attention in every decoder layer, and each has several heads. "
               "The heads averaged in the last layer is what its translation's attention is (copying an "
               "unknown word, the summary below); each head alone may look elsewhere.")
    st.markdown(f"**Every layer and head** ({layers} × {heads})")
    head_grid_ui(maps, translation, f"{key}_grid")


def head_aer_ui(aer_heads: dict | None, key: str) -> bool:
    """eval.json's aer_heads as the table of every layer's every head (views.head_aer_table);
    False, and nothing drawn, when the model has none."""
    aer = views.head_aer_table(aer_heads)
    if aer is None:
        return False
    st.dataframe(aer, hide_index=True, key=key,
                 column_config={column: st.column_config.NumberColumn(format="%.3f")
                                for column in aer.columns if column.startswith("head ") or column == "heads averaged"})
    best = aer_heads["best"]
    st.caption(f"Best head: layer {best['layer']}, head {best['head']} (AER {best['aer']:.3f}, "
               f"{aer_heads.get('sentences', 0):,} sentences). Alignment error rate of each head's highest-weight "
               "Hindi word against the grammar's gold links, the reference fed to the decoder, as for the RNN "
               "models. The heatmaps of the other pages are the last layer's heads averaged.")
    return True


def head_lesson_ui(translator: Translator, source_ids: Sequence[int], translation: Translation, layer: int,
                   head: int, attention: str, position: int, key: str) -> None:
    """One head of `attention` (core.nmt.head_step.ATTENTIONS) in `layer` (from 1), head `head`
    (from 1), looking from `position` (from 1), in four parts with its numbers: 1 the scores
    q·k/√d_k (and the decoder's mask), 2 the softmax, 3 the weighted sum of the values,
    4 the heads joined and W_O. Widget keys start with `key`."""
    source, output = translation.source_tokens, translation.output_tokens
    axes = views.attention_axes(attention, source, output)
    step = head_step(translator.model, list(source_ids), translation.decoded.token_ids, attention, layer - 1,
                     head - 1, position - 1)
    focus = views.focus(step)
    st.text(f"{ATTENTION_NAMES[attention]}, layer {layer}, head {head}, looking from position {position}: "
            f"{axes.rows[position - 1]}")  # plain text: the word may be the user's
    formula_column, table_column = st.columns(2)
    with formula_column:
        st.markdown("**1. Scores.** The query of this position against the key of every position:")
        st.latex(views.SCORE_FORMULA + (views.MASK_FORMULA if attention == "decoder" else ""))
        for line in views.score_latex(step, focus):
            st.latex(line)
        st.markdown("**2. Softmax** over the positions the mask allows:"
                    if attention == "decoder" else "**2. Softmax** over every position (no mask here):")
        st.latex(views.SOFTMAX_FORMULA)
        st.latex(views.softmax_numbers_latex(step, focus))
        st.markdown("**3. Weighted sum** of the values: this head's output.")
        st.latex(r"\mathrm{head}_i = \sum_j \alpha_j\, v_j \in \mathbb{R}^{" + str(step.head_size) + "}")
    with table_column:
        st.dataframe(views.head_step_frame(step, axes.columns), hide_index=True, key=f"{key}_step_table",
                     column_config={"score q·k/√d_k": st.column_config.NumberColumn(format="%.3f"),
                                    "weight α": st.column_config.NumberColumn(format="%.3f")})
    widgets.chart(charts.vector_strip(step.head_output, title=f"head {head}'s output Σ α_j v_j", label="head"),
                  f"{key}_head_output")
    st.markdown(f"**4. Joined and projected.** The {step.heads} heads' outputs ({step.head_size} numbers each) "
                f"are laid side by side into one vector of {len(step.joined)}, and $W_O$ mixes them: "
                "the layer adds this to the word's vector.")
    st.latex(r"\mathrm{MultiHead} = [\mathrm{head}_1; \dots; \mathrm{head}_" + str(step.heads) + r"]\, W_O + b_O")
    widgets.chart(charts.vector_strip(step.joined, title=f"[head 1; …; head {step.heads}]: head {head} is "
                                      f"dimensions {(head - 1) * step.head_size + 1}–{head * step.head_size}",
                                      label="joined"), f"{key}_joined")
    widgets.chart(charts.vector_strip(step.projected, title="after W_O", label="W_O"), f"{key}_projected")


STEP_ATTENTIONS = ("cross", "decoder")  # what decoding step t looks at: the Hindi, the English written so far


def decoding_step_ui(translator: Translator, text: str, translation: Translation, t: int, key: str,
                     top_words: list[tuple[str, float]], written: str) -> None:
    """Step by step for a transformer at decoding step t (from 1): one head of the cross- or the
    decoder's masked self-attention, its scores and weights at this step beside the next words,
    then the same head in four parts with its numbers."""
    source_ids, maps = translation_maps(translator, text, translation)
    layers, heads = maps.cross.shape[:2]
    attention_key, layer_key, head_key = f"{key}_attention", f"{key}_layer", f"{key}_head"
    url_state.choice_from_url(attention_key, "attention", list(STEP_ATTENTIONS), "cross")
    url_state.number_from_url(layer_key, "layer", layers, 1, layers)
    url_state.number_from_url(head_key, "head", 1, 1, heads)
    attention_column, layer_column, head_column = st.columns([3, 2, 2])
    attention = attention_column.radio("Attention", STEP_ATTENTIONS, key=attention_key, horizontal=True,
                                       format_func=ATTENTION_NAMES.get)
    layer = (layer_column.select_slider("Layer", list(range(1, layers + 1)), key=layer_key) if layers > 1 else 1)
    head = (head_column.select_slider("Head", list(range(1, heads + 1)), key=head_key) if heads > 1 else 1)
    url_state.share_in_url(attention=attention, layer=layer, head=head)
    step = head_step(translator.model, source_ids, translation.decoded.token_ids, attention, layer - 1, head - 1, t - 1)
    axes = views.attention_axes(attention, translation.source_tokens, translation.output_tokens)
    seen = [i for i, ok in enumerate(step.allowed) if ok]  # the decoder's mask: only the words already read
    words = [axes.columns[i] for i in seen]
    scores_column, weights_column = st.columns(2)
    with scores_column:
        widgets.chart(charts.source_bar_chart([step.scores[i] for i in seen], words, "score e", height=60,
                                              title=f"scores q·k/√d_k at step {t}"), f"{key}_scores", wide=True,
                      export=False)
    with weights_column:
        widgets.chart(charts.source_bar_chart([step.weights[i] for i in seen], words, "weight α", is_weight=True,
                                              height=60, title=f"weights α at step {t}"), f"{key}_weights",
                      wide=True, export=False)
    next_column, note_column = st.columns(2)
    with next_column:
        st.markdown("**the 5 most probable next words**")
        widgets.chart(charts.unchecked(charts.top_words_chart(top_words, chosen=written, height=110,
                                                              values_in_labels=True), width=300),
                      f"{key}_top_words", wide=True, export=False)
    looked = ("the Hindi words (cross-attention: the heir of the RNN models' α_tj)" if attention == "cross" else
              "the English read so far, <sos> and the words already written; the mask hides the words after them")
    note_column.caption(f"Layer {layer}, head {head} while writing “{written}”: its query against the keys of "
                        f"{looked}. Each head has its own weights, so each draws its own bars; the next word is "
                        "chosen from every layer's every head together.")
    head_lesson_ui(translator, source_ids, translation, layer, head, attention, t, key)
