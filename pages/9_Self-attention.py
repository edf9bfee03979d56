"""Self-attention: the transformer's every attention for one sentence, and one head taken apart."""
import streamlit as st

from app import head_charts, model_registry, page, transformer_ui, url_state, widgets
from app import transformer_views as views
from core.nmt.model import TRANSFORMER_KIND
from core.nmt.transformer import attention_maps

page.page_setup("Self-attention")
st.title("Self-attention")
st.markdown("The transformer has no recurrence: in every layer each word looks at other words through "
            "attention, several **heads** at once, each with its own $\\mathrm{softmax}(q\\cdot k/\\sqrt{d_k})$. "
            "The encoder's Hindi words look at each other, the decoder's English words look at the words "
            "already written, and the cross-attention, the heir of the RNN models' $\\alpha_{t,j}$, looks "
            "from English to Hindi.")

translators, broken = model_registry.available_translators()
model_registry.unavailable_models_ui(broken)
names = [name for name, translator in translators.items() if translator.kind == TRANSFORMER_KIND]
if not names:
    st.info("No transformer model is available yet. Train one with "
            "`python -m core.train --model transformer --out checkpoints/transformer`; the RNN models' "
            "attention is on the Compare and Step by step pages.", icon=":material/info:")
    st.stop()
url_state.choice_from_url("selfatt_model", "model", names, names[0])
name = st.selectbox("Transformer model", names, key="selfatt_model", format_func=model_registry.model_label)
translator = translators[name]
text = widgets.sentence_ui("selfatt", model_registry.test_pairs(translator))
translations = widgets.translations_ui({name: translator}, text)
if not translations:
    st.stop()
translation = translations[name]
widgets.translation_ui(translation, "selfatt", key=name)
source_ids = translator.prepare(text).ids
maps = attention_maps(translator.model, source_ids, translation.decoded.token_ids)
layers, heads = maps.cross.shape[:2]

# the layer and head every view below shows
url_state.number_from_url("selfatt_layer", "layer", layers, 1, layers)
head_options = [views.AVERAGE, *(str(h) for h in range(1, heads + 1))]
url_state.choice_from_url("selfatt_head", "head", head_options, views.AVERAGE)
layer_column, head_column = st.columns([2, 3])
layer = layer_column.select_slider("Layer", list(range(1, layers + 1)), key="selfatt_layer",
                                   help="Layer 1 reads the embeddings; the last layer's cross-attention is "
                                        "the one the other pages draw.")
head = head_column.radio("Head", head_options, key="selfatt_head", horizontal=True,
                         format_func=lambda h: "average of the heads" if h == views.AVERAGE else f"head {h}")
url_state.share_in_url(model=name, layer=layer, head=head)
chosen = views.AVERAGE if head == views.AVERAGE else int(head) - 1
which = "the heads averaged" if head == views.AVERAGE else f"head {head}"
source, output = translation.source_tokens, translation.output_tokens

st.header("Encoder self-attention: Hindi × Hindi")
axes = views.attention_axes("encoder", source, output)
widgets.chart(head_charts.square_heatmap(views.square_frame(views.pick(maps.encoder, layer - 1, chosen), axes),
                                         axes, title=f"encoder layer {layer}, {which}", cell_size=widgets.word_step()),
              "selfatt_encoder", wide=True)
st.caption("Row: the Hindi word that looks; column: the Hindi word it looks at. Every row sums to 1. "
           "Each word's new vector is the mix of the words its row weights, so after this layer a verb "
           "can carry its subject.")

st.header("Decoder self-attention: English × English")
axes = views.attention_axes("decoder", source, output)
widgets.chart(head_charts.square_heatmap(views.square_frame(views.pick(maps.decoder, layer - 1, chosen), axes,
                                                            masked=True),
                                         axes, title=f"decoder layer {layer}, {which}", cell_size=widgets.word_step()),
              "selfatt_decoder", wide=True)
st.caption("Row t writes English word t; the columns are what the decoder has read: <sos>, then the words "
           "already written. The grey cells above the diagonal are the future: the mask gives them weight "
           "exactly 0, so the model learns to write each word from the words before it alone, as it must "
           "when it translates.")

st.header("Cross-attention: every layer and head")
grid_column, one_column = st.columns([1, 1])
with grid_column:
    transformer_ui.head_grid_ui(maps, translation, "selfatt_grid")
with one_column:
    axes = views.attention_axes("cross", source, output)
    widgets.chart(head_charts.square_heatmap(views.square_frame(views.pick(maps.cross, layer - 1, chosen), axes),
                                             axes, title=f"layer {layer}, {which}", cell_size=widgets.word_step()),
                  "selfatt_cross", wide=True)
    st.caption("The layer and head picked above, every word labelled. The other pages draw the last layer's "
               "heads averaged.")

aer_heads = model_registry.model_evaluations()[0].get(name, {}).get("aer_heads")
if aer_heads and aer_heads.get("heads"):
    st.subheader("How well each head aligns (AER on the test split, lower is better)")
    transformer_ui.head_aer_ui(aer_heads, "selfatt_aer")

st.header("Step by step: one head")
st.markdown("Every head does the same three things with its own weights $W_Q^i, W_K^i, W_V^i$ "
            "($d_k = d/h$ numbers each), then the heads are joined.")
kinds = {"decoder": "decoder self-attention (masked)", "cross": "cross-attention", "encoder": "encoder self-attention"}
url_state.choice_from_url("selfatt_kind", "attention", list(kinds), "decoder")
attention = st.radio("Attention", list(kinds), key="selfatt_kind", horizontal=True, format_func=kinds.get)
axes = views.attention_axes(attention, source, output)
url_state.number_from_url("selfatt_position", "position", (len(axes.rows) + 1) // 2, 1, len(axes.rows))
position = (st.slider("Position that looks", 1, len(axes.rows), key="selfatt_position")
            if len(axes.rows) > 1 else 1)
step_head = 1 if head == views.AVERAGE else int(head)
url_state.share_in_url(attention=attention, position=position)
if head == views.AVERAGE:
    st.caption("The average has no single head: head 1 is shown. Pick a head above to take it apart.")
transformer_ui.head_lesson_ui(translator, source_ids, translation, layer, step_head, attention, position, "selfatt")

page.finish_page()
