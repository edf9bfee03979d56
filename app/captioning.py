"""Streamlit helpers for the Captioning page (pages/7_Captioning.py); the logic is in core.

The two captioners are loaded once per process (st.cache_resource) and never mutated; a
missing or broken checkpoint is reported with its reason while the rest of the page works.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import streamlit as st

from app import model_registry, reports, url_state
from core.captioning import shapes
from core.captioning.model import CAPTIONER_KINDS
from core.captioning.train import Caption, LoadedCaptioner, caption_scenes, load_captioner
from core.nmt.checkpoint import CheckpointError

DESCRIPTIONS = {"fixed": "one fixed image vector: the mean of all 64 regions, the same at every word",
                "attention": "soft attention over the 64 regions, new weights at every word (Xu et al. 2015)"}
TEST_SCENES = 500  # the shipped captioners' test split (seed 0)
# The picture the page opens on: two circles, "a yellow circle below a green circle". The
# shipped attention captioner gets it right; the fixed one swaps the colours, which is the
# fixed vector's trouble in one example (which colour goes with which place is lost in a mean).
DEFAULT_PICTURE = 6
ZOOM = 5  # screen pixels per picture pixel for the big picture
SMALL_ZOOM = 4   # every word's map: 256 px, shown at up to its column's width
MAPS_PER_ROW = 4


def captioning_dir() -> Path:
    return model_registry.checkpoints_dir() / "captioning"


@st.cache_resource(show_spinner="Loading captioner…", max_entries=8)
def _load(directory: str, kind: str, modified: float) -> LoadedCaptioner | str:
    """A captioner or the reason it cannot be loaded; `modified` makes a retrained one a new entry."""
    try:
        return load_captioner(Path(directory), name=kind)
    except CheckpointError as error:
        return str(error)


def captioners() -> tuple[dict[str, LoadedCaptioner], dict[str, str]]:
    """(kind -> captioner for those that load, kind -> reason for those that do not)."""
    ready, broken = {}, {}
    for kind in CAPTIONER_KINDS:
        directory = captioning_dir() / kind
        loaded = _load(str(directory), kind, model_registry.modified_time(directory / "model.pt"))
        if isinstance(loaded, str):
            broken[kind] = loaded
        else:
            ready[kind] = loaded
    return ready, broken


@st.cache_resource(show_spinner="Drawing the test pictures…", max_entries=2)
def test_scenes(count: int = TEST_SCENES, seed: int = 0) -> list[shapes.Scene]:
    return shapes.generate_scenes(n_train=0, n_validation=0, n_test=count, seed=seed).test


@st.cache_resource(max_entries=256, show_spinner=False)
def _caption(_loaded: LoadedCaptioner, kind: str, modified: float, scene: shapes.Scene) -> Caption:
    """Shared by every session: never mutate the result."""
    return caption_scenes(_loaded, [scene])[0]


def caption(loaded: LoadedCaptioner, scene: shapes.Scene) -> Caption:
    return _caption(loaded, loaded.name, model_registry.modified_time(loaded.directory / "model.pt"), scene)


# ------------------------------------------------------------------ choosing a picture

def _random_test_picture() -> None:
    st.session_state["caption_image"] = random.randint(1, TEST_SCENES)


def scene_ui() -> shapes.Scene:
    """A test picture by number (shared in the URL as ?image=) or a new one from a seed."""
    url_state.number_from_url("caption_image", "image", DEFAULT_PICTURE, 1, TEST_SCENES)
    source = st.radio("Picture", ["from the test split", "a new one from a seed"], horizontal=True,
                      key="caption_source")
    if source == "from the test split":
        number, button = st.columns([1, 1], vertical_alignment="bottom")
        index = number.number_input(f"Test picture (1–{TEST_SCENES})", 1, TEST_SCENES, key="caption_image")
        button.button("Random test picture", icon=":material/casino:", key="caption_random",
                      on_click=_random_test_picture)
        url_state.share_in_url(image=index)
        return test_scenes()[index - 1]
    seed = st.number_input("Seed", 0, 10**9, value=1, key="caption_seed",
                           help="Every seed draws another scene from the same grammar; none of them was "
                                "seen in training unless by chance.")
    return shapes.scene_from_seed(int(seed))


def picture_ui(scene: shapes.Scene) -> None:
    st.image(shapes.upscale(scene.image(), ZOOM).numpy(), caption=f"reference: {scene.caption}")
    rows = [{"shape": f"{s.size} {s.colour} {s.kind}", "grid cell (row, column)": f"({s.row + 1}, {s.column + 1})",
             "box (left, top, right, bottom) px": str(s.box)} for s in scene.shapes]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# ------------------------------------------------------------------ captions and attention

def captions_ui(scene: shapes.Scene, results: dict[str, Caption]) -> None:
    """Both captions side by side, each marked against the reference."""
    from core.nmt.metrics import sentence_bleu
    for column, (kind, result) in zip(st.columns(len(results)), results.items()):
        column.subheader(kind)
        column.caption(DESCRIPTIONS[kind])
        column.markdown(f"**Caption:** {result.text}")
        if result.text == scene.caption:
            column.success("Exactly the reference caption.", icon=":material/check_circle:")
        else:
            column.warning(f"Differs from the reference (sentence BLEU {sentence_bleu(result.text, scene.caption):.0f}).",
                           icon=":material/edit:")


def word_labels(tokens: list[str]) -> list[str]:
    return [f"{i + 1} {token}" for i, token in enumerate(tokens)]


def peak_sentence(scene: shapes.Scene, result: Caption, step: int) -> str:
    """In words: where the peak of one word's attention is, and whether that is the named shape."""
    weights = result.attention[step]
    side = int(round(weights.numel() ** 0.5))
    peak = int(weights.argmax())
    text = (f"Writing **{result.tokens[step]}**, the captioner looked hardest at region row {peak // side + 1}, "
            f"column {peak % side + 1} (of {side}×{side}), weight {float(weights[peak]):.2f}.")
    named = [scene.shapes[i] for i in result.named[step]]
    verdict = result.on_shape[step]
    if verdict is None:
        return text + " This word names no shape, so there is nothing to check."
    names = " and ".join(f"the {s.size} {s.colour} {s.kind}" for s in named) or "a shape that is not in the picture"
    return text + (f" :material/check_circle: That region overlaps {names}." if verdict
                   else f" :material/cancel: That region does not overlap {names}.")


def attention_ui(scene: shapes.Scene, result: Caption) -> None:
    """A word slider with the big overlay for that word, then every word's overlay in a row."""
    labels = word_labels(result.tokens)
    if not labels:
        st.info("The captioner wrote no words for this picture.")
        return
    if st.session_state.get("caption_word") not in labels:
        st.session_state["caption_word"] = labels[0]
    label = st.select_slider("Word", labels, key="caption_word")
    step = labels.index(label)
    picture = scene.image()
    big, words = st.columns([2, 3])
    big.image(shapes.attention_overlay(picture, result.attention[step], ZOOM).numpy(),
              caption=f"attention while writing “{result.tokens[step]}”")
    words.markdown(peak_sentence(scene, result, step))
    words.caption("A region keeps its colours in proportion to its weight and fades to white where the "
                  "weight is small; the magenta square is the single region with the highest weight α_tj. "
                  "Every map's 64 weights add up to 1.")
    st.markdown("**Every word's map.** Here the square root of each weight sets how much of a region shows, "
                "so the smaller weights stay visible; the magenta square is still the peak.")
    for start in range(0, len(labels), MAPS_PER_ROW):
        for column, step_index in zip(st.columns(MAPS_PER_ROW), range(start, min(start + MAPS_PER_ROW, len(labels)))):
            weights = result.attention[step_index]
            column.image(shapes.attention_overlay(picture, weights.clamp_min(0).sqrt(), SMALL_ZOOM).numpy(),
                         caption=labels[step_index], width="stretch")


# ------------------------------------------------------------------ scores from eval.json

SCORE_COLUMNS = {  # eval.json key -> (column, what it means)
    "bleu": ("BLEU", "sacrebleu corpus BLEU of the greedy captions against the references, 0–100"),
    "exact_match": ("exact %", "captions identical to the reference"),
    "attention_on_shape": ("on the named shape %", "for every colour or shape word of the captioner's own "
                           "captions: does the region with the highest weight (an 8×8-pixel square) overlap "
                           "the box of a shape that word names? Naming a shape that is not there is a miss."),
    "attention_on_shape_centre": ("centre inside %", "the same with the stricter rule: the peak region's "
                                  "centre is inside the box"),
    "attention_on_shape_reference": ("reading the reference %", "the same while reading the reference "
                                     "captions (teacher forcing)"),
    "attention_on_shape_chance": ("random region %", "what a region picked at random would score on the "
                                  "reference words"),
}


def evaluation_frame(evaluations: dict[str, dict]) -> pd.DataFrame:
    return pd.DataFrame([{"captioner": kind, **{column: result.get(key) for key, (column, _) in SCORE_COLUMNS.items()}}
                         for kind, result in evaluations.items()])


def structure_frame(evaluations: dict[str, dict]) -> pd.DataFrame:
    """Exact match per kind of caption, one column per captioner."""
    rows = {}
    for kind, result in evaluations.items():
        for structure, scores in (result.get("by_structure") or {}).items():
            rows.setdefault(structure, {"caption kind": STRUCTURE_NAMES.get(structure, structure),
                                        "pictures": scores.get("scenes")})
            rows[structure][f"{kind} exact match %"] = scores.get("exact_match")
    return pd.DataFrame([rows[s] for s in STRUCTURE_NAMES if s in rows])


STRUCTURE_NAMES = {"one": "one shape (a small blue square)", "two_alike": "two alike (two green triangles)",
                   "relation": "two shapes (a red circle above a blue square)",
                   "pair_and_one": "a pair and one (two green triangles to the left of a yellow circle)",
                   "three": "three shapes (a red circle and a blue square and a green triangle)"}


def scores_ui(ready: dict[str, LoadedCaptioner]) -> None:
    evaluations = {kind: loaded.evaluation() for kind, loaded in ready.items()}
    evaluations = {kind: result for kind, result in evaluations.items() if result}
    if not evaluations:
        st.info("No eval.json yet: `python -m core.captioning evaluate --model attention` writes one.",
                icon=":material/hourglass_empty:")
        return
    scores = reports.readable_table(evaluation_frame(evaluations), {column: 1 for column, _ in SCORE_COLUMNS.values()})
    st.dataframe(scores, hide_index=True, width="stretch", column_config={
        column: st.column_config.TextColumn(column, help=meaning) for column, meaning in SCORE_COLUMNS.values()})
    st.caption(f"{reports.NONE_SHOWN}: the fixed captioner has no attention to check. Hover (or tap) a column's name for what it "
               "measures; the attention columns count every colour and shape word (*red*, *circle*).")
    structures = structure_frame(evaluations)
    st.dataframe(reports.readable_table(structures, {column: 0 if column == "pictures" else 1
                                                     for column in structures.columns if column != "caption kind"}),
                 hide_index=True, width="stretch")
    for signature in sorted({result.get("bleu_signature") for result in evaluations.values()} - {None}):
        st.code(f"BLEU: {signature}", language=None)
