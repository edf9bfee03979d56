"""Does attention matter? The translation again with the attention row replaced at every step
(core.nmt.counterfactual): predict which words change, then see them, the rows used, and what
to conclude for this sentence."""
import streamlit as st

from app import charts, model_registry, page, url_state, vega, whatif, widgets
from app import counterfactual as cf
from core.nmt.counterfactual import DONOR_PREFIX, translate_sentence, unavailable
from core.nmt.model import ATTENTION_KINDS
from core.nmt.translate import InputError
from core.safe_text import as_text

page.page_setup("Does attention matter?")
st.title("Does attention matter?")
st.markdown("A heatmap invites us to read attention as the reason for each word. Check first: give the decoder "
            "**other attention** at every step — equal weights, shuffled weights, only the top word, everything "
            "but the top word, the gold alignment — and see which words it still writes. Words that survive "
            "did not need the model to look where the heatmap says (Moradi et al. 2019 found 68% of function "
            "words and 21% of content words surviving in German→English).")

translators = model_registry.translators_or_stop("test")
attention_models = {name: t for name, t in translators.items() if t.model.has_attention_weights}
if not attention_models:
    st.info("None of the loaded models has attention weights to replace (encdec hands its decoder one fixed "
            "vector).", icon=":material/info:")
    st.stop()
names = list(attention_models)
url_state.choice_from_url("matters_model", "model", names, "additive" if "additive" in names else names[0])
name = st.radio("Model", names, key="matters_model", horizontal=True, format_func=model_registry.model_label)
translator = attention_models[name]
url_state.share_in_url(model=name)
pairs = model_registry.test_pairs(translator)
text = widgets.sentence_ui("matters", pairs)
# learned attention first: borrowing the uniform model's rows is the uniform counterfactual again
donors = sorted((other for other in names if other != name),
                key=lambda other: attention_models[other].kind not in ATTENTION_KINDS)
donor = st.selectbox("Borrow attention from", donors, key="matters_donor", format_func=model_registry.model_label,
                     help="Another model's own attention row at every step, fed the same words.") if donors else None

try:
    source = translator.prepare(text)
except InputError as error:
    st.info(as_text(error), icon=":material/edit_note:")
    st.stop()


@st.cache_data(max_entries=64, show_spinner=False)
def _results(_translators, model: str, directory: str, modified: float, tokens: tuple, donor_name: str | None,
             linked: bool):
    translator = _translators[model]
    pair = _pair_for(translator, tokens) if linked else None
    kinds = [kind for kind in cf.SHOWN_KINDS if kind != "gold" or pair is not None]
    donors = {}
    if donor_name:
        donors[donor_name] = _translators[donor_name].loaded
        if not unavailable(DONOR_PREFIX + donor_name, translator.loaded, pair, donors):
            kinds.append(DONOR_PREFIX + donor_name)
    return translate_sentence(translator.loaded, list(tokens), kinds, donors=donors, pair=pair)


def _pair_for(translator, tokens: tuple):
    """The test pair whose Hindi is these words (its gold alignment makes the gold row), or None."""
    return next((pair for pair in model_registry.test_pairs(translator) or [] if tuple(pair.source_tokens) == tokens), None)


tokens = tuple(source.tokens)
directory = str(translator.loaded.directory)
results = _results(attention_models, name, directory, model_registry.modified_time(translator.loaded.directory / "model.pt"),
                   tokens, donor, _pair_for(translator, tokens) is not None)
own = results["none"]
if source.unknown:
    st.caption(as_text("Words this model does not know are read as <unk>: " + ", ".join(u.word for u in source.unknown)))

st.markdown("**Its translation, with its own attention:** " + whatif.diff_markdown(whatif.word_diff(own.words,
                                                                                                   own.words)))

# ------------------------------------------------------------------ predict, then reveal

st.subheader("1 · Predict")
context = [name, text]
if st.session_state.get("matters_revealed_for") != context:
    st.session_state.matters_revealed = False
options = cf.word_options(own.words)
picked = st.pills(f"Which words will **change** if {name} gives every Hindi word the same weight (uniform "
                  "attention)? Tap them, then reveal.", options, selection_mode="multi", key=f"matters_guess_{name}")


def reveal(for_context: list) -> None:
    st.session_state.matters_revealed = True
    st.session_state.matters_revealed_for = for_context


st.button("Reveal", type="primary", icon=":material/visibility:", key="matters_reveal", on_click=reveal,
          args=(context,))
if not st.session_state.get("matters_revealed"):
    st.caption("Nothing is shown until you reveal: guess first, the way a class would before trusting a heatmap.")
    st.stop()

changed = cf.changed_positions(own, results[cf.QUIZ_KIND])
score = cf.score_prediction([options.index(p) for p in picked or []], changed)
st.success(score.summary(), icon=":material/check_circle:")

# ------------------------------------------------------------------ the counterfactuals

st.subheader("2 · What changed")
st.markdown(cf.conclusion(name, results))
for kind, result in results.items():
    if kind == "none":
        continue
    st.markdown(f"**{cf.kind_label(kind)}:** "
                + whatif.diff_markdown(whatif.word_diff(own.words, result.words)))
st.caption("Struck through in red: the model's own words that are gone; in green: words written instead.")

st.subheader("3 · The rows the decoder was given")
kinds = list(results)
for start in range(0, len(kinds), 2):
    for column, kind in zip(st.columns(2), kinds[start:start + 2]):
        result = results[kind]
        with column:
            widgets.chart(vega.recipe(charts.attention_heatmap, result.attention, list(tokens) + ["<eos>"],
                                 result.output_tokens, title="own attention" if kind == "none" else kind,
                                 cell_size=max(8, widgets.word_step() // 2)),
                     f"matters_{kind}", wide=True, export=False)
st.caption("Rows: the English words each decoding wrote; columns: the Hindi words; colour: the weight used. "
           "Uniform is flat, keep-max one cell a row, gold follows the grammar's links.")
page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
