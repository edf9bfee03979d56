"""Step by step: one decoding step at a time, from the scores e_tj to the next word."""
import streamlit as st

from app import model_registry, page, url_state, widgets
from app import charts, lesson, transformer_ui
from core.nmt.model import ATTENTION_KINDS
from core.safe_text import as_text

page.page_setup("Step by step")
st.title("Step by step")
st.markdown("At every step t the decoder compares its state $s_t$ with each encoder state $h_j$ (a score "
            "$e_{t,j}$), turns the scores into weights $\\alpha_{t,j}$ with a softmax, mixes the encoder "
            "states into a context $c_t$, and from $c_t$ and $s_t$ picks the next English word.")

translators, broken = model_registry.available_translators()
model_registry.unavailable_models_ui(broken)
kinds = [kind for kind in (*ATTENTION_KINDS, "uniform") if kind in translators]
kinds += [name for name, translator in translators.items() if transformer_ui.is_transformer(translator)]
if not kinds:
    st.error("None of the attention models (additive, dot, general, uniform, a transformer) could be loaded.")
    st.stop()

text = widgets.sentence_ui("step", model_registry.test_pairs(translators[kinds[0]]))
url_state.choice_from_url("step_model", "model", kinds, kinds[0])
kind = st.radio("Score function (each is a separately trained model; the transformer's is q·k/√d_k in every head)"
                if any(transformer_ui.is_transformer(translators[k]) for k in kinds)
                else "Score function (each is a separately trained model)", kinds, key="step_model", horizontal=True,
                format_func=model_registry.model_label)
translations = widgets.translations_ui({kind: translators[kind]}, text)
if not translations:
    st.stop()
translation = translations[kind]
widgets.translation_ui(translation, "step", key=kind)

step_count = len(translation.decoded.steps)
url_state.number_from_url("step_t", "step", 1, 1, step_count)


def move_step(delta: int) -> None:
    st.session_state.step_t = min(max(1, st.session_state.step_t + delta), step_count)


def step_controls() -> None:
    """Back, the step slider, Next."""
    previous, slider, following = st.columns([1, 5, 1], vertical_alignment="bottom")
    previous.button("Back", icon=":material/chevron_left:", key="step_previous", on_click=move_step, args=(-1,),
                    disabled=st.session_state.step_t <= 1, width="stretch", help="The previous step")
    following.button("Next", icon=":material/chevron_right:", icon_position="right", key="step_next",
                     on_click=move_step, args=(1,), disabled=st.session_state.step_t >= step_count, width="stretch")
    if step_count > 1:
        slider.slider("Decoding step t", 1, step_count, key="step_t")
    else:
        slider.caption("This translation has a single step.")


t = st.session_state.step_t
url_state.share_in_url(model=kind, step=t)
detail = lesson.step_detail(translation, t - 1)

written = [f"**\\[{as_text(word)}\\]**" if i == t - 1 else as_text(word) for i, word in enumerate(translation.output_tokens)]
st.markdown("Writing: " + " ".join(written))
step_metric, word_metric, sum_metric = st.columns(3)
step_metric.metric("Step", f"{t} of {step_count}")
# the probability as a plain caption, not a metric's delta: a delta draws an arrow that reads "rising"
word_metric.metric("Word written at this step", detail.written,
                   help="p: how probable the model found this word at this step (0 to 1)")
word_metric.caption(f"p = {detail.probability:.3f}")
weights_total = sum(detail.weights) if detail.weights is not None else 1.0
sum_metric.metric("Σ α over source words", f"{weights_total:.3f}",
                  help="The softmax makes the weights of every step sum to 1.")

if transformer_ui.is_transformer(translators[kind]):   # a head at a time, not one score function
    st.markdown("**A transformer** has no state $s_t$: at step t the decoder's word vector asks a *query* "
                "$q$, every position offers a *key* $k_j$ and a *value* $v_j$, and each head scores "
                "$q \\cdot k_j/\\sqrt{d_k}$, takes the softmax and mixes the values. Pick the attention, "
                "the layer and the head to take apart.")
    step_controls()
    transformer_ui.decoding_step_ui(translators[kind], text, translation, t, "step_tf", detail.top_words,
                                    detail.written)
    st.stop()

# One decoding step on one projected screen (1280×720): the step buttons, then scores, weights,
# every step's context and the next words as a 2×2 grid of short charts, their Save menus and
# explanations below it (three screens when each chart came with its caption).
BARS_HEIGHT, LIST_HEIGHT = 60, 110   # plot pixels of the grid's charts (×1.45 on a projector: two rows in 720 px)
with st.container(key="step_grid"):
    step_controls()
    scores_column, weights_column = st.columns(2)
    with scores_column:
        widgets.chart(charts.source_bar_chart(detail.scores, detail.source_tokens, "score e", height=BARS_HEIGHT,
                                              title=f"scores e_{t},j before the softmax"),
                      "step_scores", wide=True, export=False)
    with weights_column:
        widgets.chart(charts.source_bar_chart(detail.weights, detail.source_tokens, "weight α", is_weight=True,
                                              height=BARS_HEIGHT, title=f"weights α_{t},j after the softmax"),
                      "step_weights_chart", wide=True, export=False)
    context_column, next_column = st.columns(2)
    with context_column:
        contexts = [step.context for step in translation.decoded.steps]
        widgets.chart(charts.context_steps_chart(contexts, translation.output_tokens, current=t - 1,
                                                 height=LIST_HEIGHT, title=f"context c_t of every step, c_{t} outlined"),
                      "step_context", wide=True, export=False)
    with next_column:
        # its title as text above it: drawn by Vega, a few pixels above the SVG, a phone cut it off
        st.markdown("**the 5 most probable next words**")
        widgets.chart(charts.unchecked(charts.top_words_chart(detail.top_words, chosen=detail.written,
                                                              height=LIST_HEIGHT, values_in_labels=True), width=300),
                      "step_top_words", wide=True, export=False)

st.caption("**Scores** can be any number; only their differences matter: the softmax turns a score a few points "
           "above the others into most of the weight. **Weights**: one tall bar means the model looked at one "
           f"word to write “{detail.written}”; flat bars mean it could not choose (the uniform model always gives "
           "1/S). **Context**: each row is one step's c_t, the weighted mean of the encoder states, one cell per "
           "dimension (red negative, blue positive); rows alike mean the model looked at the same words. **Next "
           "words**: the decoder turns c_t and s_t into a probability for every English word; greedy search writes "
           "the highlighted one (each label gives its p, however short its bar).")

formula_column, table_column = st.columns([3, 2])
with formula_column:
    st.markdown(f"**The score function of `{kind}`**, then this step's numbers for the source word with "
                "the largest weight:")
    st.latex(lesson.SCORE_FORMULAS[kind])
    focus = detail.focus
    st.latex(lesson.score_latex(kind, t - 1, focus, detail.scores[focus]))
    st.latex(lesson.SOFTMAX_FORMULA)
    st.latex(lesson.softmax_latex(lesson.softmax_worked(detail.scores, focus), detail.source_tokens[focus], t - 1))
    st.latex(lesson.CONTEXT_FORMULA)
with table_column:
    st.dataframe(detail.source_frame(), hide_index=True, key="step_weights",
                 column_config={"score e": st.column_config.NumberColumn(format="%.3f"),
                                "weight α": st.column_config.NumberColumn(format="%.3f")})

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
