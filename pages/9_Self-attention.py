"""Self-attention: the transformer's every attention for one sentence, and one head taken apart."""
import streamlit as st

from app import charts, head_charts, model_registry, page, url_state, widgets
from app import transformer_views as views
from core.nmt.head_step import head_step
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
    widgets.chart(head_charts.head_grid(views.grid_frame(maps.cross, source, output), charts.position_labels(output),
                                        charts.position_labels(source), heads,
                                        title="English (rows) × Hindi (columns)"), "selfatt_grid", wide=True)
    st.caption("One panel per layer (row) and head (column), L = layer, H = head; hover for the words. Heads "
               "differ: some follow the word being translated, some look at a neighbour or at the end.")
with one_column:
    axes = views.attention_axes("cross", source, output)
    widgets.chart(head_charts.square_heatmap(views.square_frame(views.pick(maps.cross, layer - 1, chosen), axes),
                                             axes, title=f"layer {layer}, {which}", cell_size=widgets.word_step()),
                  "selfatt_cross", wide=True)
    st.caption("The layer and head picked above, every word labelled. The other pages draw the last layer's "
               "heads averaged.")

aer = views.head_aer_table(model_registry.model_evaluations()[0].get(name, {}).get("aer_heads"))
if aer is not None:
    st.subheader("How well each head aligns (AER on the test split, lower is better)")
    st.dataframe(aer, hide_index=True, key="selfatt_aer",
                 column_config={column: st.column_config.NumberColumn(format="%.3f")
                                for column in aer.columns if column.startswith("head ") or column == "heads averaged"})
    st.caption("Alignment error rate of each head's highest-weight Hindi word against the grammar's gold "
               "links, the reference fed to the decoder, as for the RNN models (additive's is on the Long "
               "sentences page). The other pages' heatmaps are the last layer's heads averaged.")

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
step = head_step(translator.model, source_ids, translation.decoded.token_ids, attention, layer - 1, step_head - 1,
                 position - 1)
focus = views.focus(step)
shown = " (the average has no single head: head 1 is shown)" if head == views.AVERAGE else ""
st.text(f"Layer {layer}, head {step_head}{shown}, looking from position {position}: "
        f"{axes.rows[position - 1]}")  # plain text: the word may be the user's
formula_column, table_column = st.columns([3, 2])
with formula_column:
    st.markdown("**1. Scores.** The query of this position against the key of every position:")
    st.latex(views.SCORE_FORMULA + (views.MASK_FORMULA if attention == "decoder" else ""))
    st.latex(views.score_latex(step, focus))
    st.markdown("**2. Softmax** over the positions the mask allows:")
    st.latex(views.SOFTMAX_FORMULA + views.softmax_numbers_latex(step, focus))
    st.markdown("**3. Weighted sum** of the values: this head's output.")
    st.latex(r"\mathrm{head}_i = \sum_j \alpha_j\, v_j \in \mathbb{R}^{" + str(step.head_size) + "}")
with table_column:
    st.dataframe(views.head_step_frame(step, axes.columns), hide_index=True, key="selfatt_step_table",
                 column_config={"score q·k/√d_k": st.column_config.NumberColumn(format="%.3f"),
                                "weight α": st.column_config.NumberColumn(format="%.3f")})
widgets.chart(charts.vector_strip(step.head_output, title=f"head {step_head}'s output Σ α_j v_j", label="head"),
              "selfatt_head_output")
st.markdown(f"**4. Joined and projected.** The {step.heads} heads' outputs ({step.head_size} numbers each) "
            f"are laid side by side into one vector of {len(step.joined)}, and $W_O$ mixes them: "
            "the layer adds this to the word's vector.")
st.latex(r"\mathrm{MultiHead} = [\mathrm{head}_1; \dots; \mathrm{head}_" + str(step.heads) + r"]\, W_O + b_O")
widgets.chart(charts.vector_strip(step.joined, title=f"[head 1; …; head {step.heads}]: head {step_head} is "
                                  f"dimensions {(step_head - 1) * step.head_size + 1}–{step_head * step.head_size}",
                                  label="joined"), "selfatt_joined")
widgets.chart(charts.vector_strip(step.projected, title="after W_O", label="W_O"), "selfatt_projected")

page.finish_page()
