"""Compare: two or more models on the same sentence, translations and attention side by side."""
import math

import streamlit as st

from app import model_registry, page, widgets
from app import charts, lesson, reference_marks, transformer_ui, vega
from core.nmt.metrics import sentence_bleu, sentence_chrf
from core.safe_text import as_text

page.page_setup("Compare models")
st.title("Compare models")
st.markdown("Give several models the same Hindi sentence. The plain encoder–decoder has to remember the "
            "whole sentence in one vector; the attention models can look back at it word by word.")

translators = model_registry.translators_or_stop("compare")

names = list(translators)
test_pairs = model_registry.test_pairs(translators[names[0]])
text = widgets.sentence_ui("compare", test_pairs)
models_column, search_column = st.columns([3, 2])
with models_column:
    chosen = widgets.models_ui("compare", names, default=["encdec", "additive"])
with search_column:
    beam_size = widgets.search_ui("compare")
if not chosen:
    st.info("Choose at least one model (two or more to compare).", icon=":material/touch_app:")
    st.stop()
unchosen_transformers = [name for name in names if transformer_ui.is_transformer(translators[name])
                         and name not in chosen]
if unchosen_transformers and not any(transformer_ui.is_transformer(translators[name]) for name in chosen):
    st.caption(f"Add **{as_text(unchosen_transformers[0])}** to the models to see a transformer beside these, "
               "every layer and head of its attention.")

translations = widgets.translations_ui({name: translators[name] for name in chosen}, text, beam_size)
if translations:
    # side by side on a projector too: the point of the page is the two models on one screen
    # (stacked, encdec and additive were ~1,900 px apart); a long heatmap fits its column
    # (widgets.attention_ui), and on a phone Streamlit stacks the columns.
    places = st.columns(len(translations), gap="medium")
    marked_any = False
    for column, (name, translation) in zip(places, translations.items()):
        with column:
            st.subheader(name)
            st.caption(model_registry.model_description(name))
            if not all(math.isfinite(p) for p in translation.token_probabilities):
                st.warning(f"**{name}** produced no usable translation: its word probabilities are not numbers "
                           "(NaN), so its weights are damaged. Retrain or replace it; the other models are "
                           "not affected.", icon=":material/warning:")
                continue
            widgets.translation_ui(translation, "compare", key=name)
            reference = model_registry.reference_for(translators[name], text)
            if reference is not None:
                marks = reference_marks.not_in_reference(translation.target_tokens, reference)
                marked_any = marked_any or any(marks)
                st.markdown("**Against the reference:** "
                            + reference_marks.marked_against_reference(translation.target_tokens, reference))
                st.markdown(f"**Reference** (test split): {reference}")
                bleu, chrf = st.columns(2)
                bleu_signature, chrf_signature = lesson.sentence_signatures()
                bleu.metric("sentence BLEU", f"{sentence_bleu(translation.text, reference):.1f}",
                            help=f"0–100, word n-grams shared with the reference. sacrebleu `{bleu_signature}`")
                chrf.metric("sentence chrF", f"{sentence_chrf(translation.text, reference):.1f}",
                            help=f"0–100, character n-grams: kinder to a nearly right word. "
                                 f"sacrebleu `{chrf_signature}`")
            widgets.chart(vega.recipe(charts.word_probability_chart, translation.output_tokens,  # once per server
                                 translation.token_probabilities, title="how sure it was of each word"),
                     f"compare_sure_{name}", wide=True)
            fit_after = 6 if len(translations) > 1 else charts.FIT_AFTER_COLUMNS
            if transformer_ui.is_transformer(translators[name]):   # a layer and head picker, every head's grid
                transformer_ui.cross_attention_ui(translators[name], text, translation,
                                                  key=f"compare_attention_{name}", fit_after=fit_after)
            else:
                widgets.attention_ui(translation, title="attention: rows written, columns read",
                                     key=f"compare_attention_{name}", fit_after=fit_after)
            widgets.attention_summary_ui(translation, key=f"compare_summary_{name}")
    if marked_any:
        st.caption(reference_marks.LEGEND)
    st.markdown(
        "**What to look for.** In each heatmap a row is the English word being written and the dark "
        "cells are the Hindi words it looked at. A good attention model draws a clear path: *I* looks "
        "at मैं, *eating* at खा. The uniform model spreads every row evenly, so it cannot tell which "
        "word comes next from where it looks. Short probability bars mark words the model was unsure "
        "of; on long sentences watch the encoder–decoder's bars fall and its translation drift.")
    if beam_size > 1:
        st.caption(f"Beam search with k = {beam_size}: the probabilities are those of the words on the "
                   "winning path.")
    if test_pairs and not any(model_registry.reference_for(translators[name], text) for name in translations):
        st.caption("No reference shown: this sentence is not in the models' test split "
                   "(pick a random test sentence to get one, with BLEU and chrF).")

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
