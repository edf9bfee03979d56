"""Home: what attention is, a quick try with every model, then the four stages of the idea."""
import pandas as pd
import streamlit as st

from app import model_registry, page, widgets
from app import charts
from core.nmt.model import ATTENTION_KINDS, TRANSFORMER_KIND

page.page_setup("Attention in translation")
st.title("Dhyan — ध्यान")
page.lesson_entry()   # a teacher's way in, on the first screen
st.markdown(
    "**Attention** lets a translation model *look at the relevant part of the input while it writes "
    "each word*. Writing *eating*, it looks at **खा**; writing *I*, at **मैं**. Before attention, the "
    "model had to read the whole Hindi sentence, squeeze it into one vector, and write the English "
    "from that vector alone. Every model here is a real PyTorch network trained on Hindi → English.")

# "Try it" first: the class sees a model translate on the first screen, the stages after it
st.subheader("Try it")
translators, broken = model_registry.available_translators()
model_registry.unavailable_models_ui(broken)
text = widgets.sentence_ui("home", model_registry.test_pairs(next(iter(translators.values()))) if translators else None)
translations = widgets.translations_ui(translators, text) if translators else None
if not translators:
    st.error("No model could be loaded, so there is nothing to translate with.")
if translations:
    table, heatmap = (st.container(), st.container()) if page.projector() else st.columns([1, 1])
    # st.table: an HTML table whose cells wrap, so a translation is never cut to "I am e"
    table.table(pd.DataFrame({
        "model": list(translations),
        "translation": [translation.text for translation in translations.values()],
        "what it is": [model_registry.model_description(name) for name in translations],
    }), hide_index=True)
    widgets.input_notes_ui(next(iter(translations.values())))
    table.caption("Same sentence, same training data, same size: the models differ only in how the "
                  "decoder gets its context. Compare them side by side on the **Compare** page.")
    attention_name = next((name for name in ATTENTION_KINDS if name in translations), None)
    with heatmap:
        if attention_name:
            widgets.attention_ui(translations[attention_name], title=f"{attention_name}: where it looked",
                            key="home_attention")
            st.caption("Each row is an English word being written, each column a Hindi word read; the "
                       "darker the cell, the more weight that word got. Look for the diagonal-ish path: "
                       "Hindi puts the verb last, English right after the subject.")
        else:
            st.info("No attention model is available to draw a heatmap.")

st.subheader("Four stages of one idea")
STAGE_TEXT = [
    "**1. One fixed vector** (`encdec`): the encoder's last state is all the decoder sees, for every "
    "word it writes. Short sentences fit in it; long ones do not.",
    "**2. A context from every input** (`uniform`): the decoder gets the mean of *all* encoder states. "
    "Every word is there, but all count the same, whatever is being written.",
    "**3. Soft attention** (`additive`, `dot`, `general`): at each step the decoder scores every source "
    "word against what it is about to write, turns the scores into weights that sum to 1 (a softmax) "
    "and takes the weighted mean. The weights are what the heatmaps show.",
    "**4. Self-attention** (`transformer`, Vaswani et al. 2017): no recurrence at all. In every layer "
    "each Hindi word looks at every Hindi word, and each English word at the words written before it "
    "(a mask hides the rest); stage 3's look at the Hindi stays, as the cross-attention. Each look is "
    "softmax(q·k/√d), computed by several heads at once, each free to look somewhere else.",
]
# one stage a row, the drawing beside its text: three side by side shrank each drawing to a
# third of the page and its text to about 7 px
for diagram, explanation in zip(charts.attention_stage_diagrams(22 if page.projector() else 16), STAGE_TEXT):
    drawing, words = st.columns([3, 2], vertical_alignment="center")
    drawing.graphviz_chart(diagram, width="content")
    words.markdown(explanation)
has_transformer = any(translator.kind == TRANSFORMER_KIND for translator in translators.values())
st.caption("Every layer and head of a transformer is on the **Self-attention** page." if has_transformer else
           "No transformer is loaded here yet: train one on the **Training** page (model type *transformer*) "
           "to see its heads on every page.")

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
