"""Captioning: attention beyond translation (Xu et al. 2015, "Show, Attend and Tell"). A picture
of coloured shapes, the captions of a fixed-vector and an attention captioner, and where the
attention captioner looked for every word it wrote."""
import streamlit as st

from app import page
from app import captioning

page.page_setup("Image captioning")
st.title("Image captioning: attention on a picture")
st.markdown("Attention is not only for translation. Xu et al. (2015) let a captioner look at a different part of "
            "the picture for every word it writes. Here a small CNN cuts a 64×64 picture into an 8×8 grid of "
            "regions and two captioners, trained the same way on the same pictures, describe it: one sees one "
            "fixed summary of the picture, the other chooses regions word by word.")
# one formula a line: on one line they were wider than a phone
st.latex(r"\text{fixed: } c_t = \tfrac{1}{64}\textstyle\sum_j a_j")
st.latex(r"\text{attention: } c_t = \sum_j \alpha_{tj} a_j")
st.latex(r"\alpha_{tj} = \operatorname{softmax}_j\big(v^\top \tanh(W s_t + U a_j)\big)")

ready, broken = captioning.captioners()
for kind, reason in broken.items():
    st.warning(f"Captioner **{kind}** is unavailable: {reason}", icon=":material/warning:")

st.header("The picture")
picture, shown = st.columns([2, 3])
with picture:
    scene = captioning.scene_ui()
with shown:
    captioning.picture_ui(scene)

st.header("Two captions")
results = {kind: captioning.caption(loaded, scene) for kind, loaded in ready.items()}
if results:
    captioning.captions_ui(scene, results)
else:
    st.info("No captioner could be loaded, so there are no captions; the picture above still works.")

st.header("Where the attention captioner looked")
if "attention" in results:
    captioning.attention_ui(scene, results["attention"])
    st.caption("**What to look for.** Writing a colour or a shape word, the region that keeps its colours (the "
               "magenta square) should sit on that shape: *red* and *circle* on the red circle, then *blue* and "
               "*square* on the blue square. Words "
               "like *a*, *above* or *and* name nothing, and their maps are often spread out or parked on the "
               "next shape to be named. The fixed captioner has no such maps: every word comes from the same "
               "mean of all 64 regions.")
else:
    st.info("The attention captioner is not available, so there are no attention maps to show.")

st.header("Scores on the 500 test pictures")
captioning.scores_ui(ready)
st.caption("**What to look for.** Both captioners see the same regions; the fixed one must pack every shape, "
           "colour and position into one average. Compare the exact-match rates of the longer captions, and "
           "how often the attention peak lands on the shape being named against what a random region would "
           "score.")

page.finish_page()   # the Share menu, with the link of what the page now shows (streamlit_app.py: after a stop)
