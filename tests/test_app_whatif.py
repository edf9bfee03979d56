"""What if page through AppTest: forcing a word, editing attention, teacher forcing, the quiz."""
import functools
import json

import pytest

from app import whatif
from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.held_out import generated_splits, generated_test_split
from core.language.text import tokenize_english
from tests.app_helpers import app, checkpoints_trained_on, markdown_texts, shipped_translator
from core.nmt.probes import SEED_SENTENCE

WHAT_IF = "pages/6_What_if.py"


@functools.lru_cache(maxsize=None)
def greedy(model: str = "additive", text: str = SEED_SENTENCE):
    return shipped_translator(model).translate(text)


def shown(at, label: str) -> str | None:
    """The text after a bold '**label:** ' line, or None when the page does not show it."""
    prefix = f"**{label}:** "
    return next((text[len(prefix):] for text in markdown_texts(at) if text.startswith(prefix)), None)


def table_with_or_none(at, column: str):
    return next((frame.value for frame in at.dataframe if column in frame.value.columns), None)


def table_with(at, column: str):
    table = table_with_or_none(at, column)
    assert table is not None, f"no table with a {column!r} column"
    return table


def beam_tree(at) -> list[dict]:
    """The beam tree chart's boxes (app.charts.beam_layout): word, step, best, finished, ..."""
    from streamlit import dataframe_util
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("title") == "beam search tree":
            (dataset,) = [d for d in chart.proto.datasets if d.name == spec["layer"][1]["data"]["name"]]
            return dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")
    raise AssertionError("no beam search tree")


def best_path_words(boxes: list[dict]) -> list[str]:
    """The words of the beam tree's bold (winning) path, in step order."""
    return [box["word"] for box in sorted(boxes, key=lambda box: box["step"]) if box["best"]]


def test_beam_tree_is_drawn_and_forcing_a_word_keeps_it_and_changes_the_output():
    at = app(WHAT_IF)
    assert not at.exception
    assert at.radio(key="whatif_model").value == "additive"
    boxes = beam_tree(at)
    assert any(box["best"] for box in boxes) and any(box["finished"] for box in boxes)
    original = shown(at, "Beam search translation")
    assert original

    at.slider(key="whatif_beam").set_value(4).run()
    assert not at.exception
    step = at.selectbox(key="whatif_force_step")
    assert step.value == f"step 1 · {tokenize_english(original)[0]}"
    word = at.selectbox(key="whatif_force_word").value
    assert word and word != tokenize_english(original)[0]
    at.button(key="whatif_force").click().run()
    assert not at.exception
    assert shown(at, "Forced words") == word
    forced = shown(at, "Forced translation")
    assert tokenize_english(forced)[0] == word  # the prefix is kept ...
    assert forced != original  # ... and the output changed
    assert "green-background" in shown(at, "Change")  # the diff highlights the new word
    assert at.session_state["whatif_prefix"] == [word]

    at.button(key="whatif_clear").click().run()
    assert shown(at, "Forced translation") is None and at.session_state["whatif_prefix"] == []


def test_zeroing_a_source_word_sets_its_weight_to_zero_and_re_decodes():
    at = app(WHAT_IF)
    table = table_with(at, "edited α")
    original, moved = table["original α"].tolist(), table["edited α"].tolist()
    focus = whatif.argmax(original)
    # the default edit moves all of the strongest word's weight to the next word
    assert moved[focus] == 0.0 and moved[(focus + 1) % len(moved)] == pytest.approx(
        original[focus] + original[(focus + 1) % len(moved)])
    at.radio(key="whatif_edit_kind").set_value("zero a word").run()
    assert not at.exception
    table = table_with(at, "edited α")
    assert focus == whatif.argmax(greedy().decoded.steps[0].weights.tolist())
    assert at.selectbox(key="whatif_edit_zero").value == focus  # the strongest word is offered first
    edited = table["edited α"].tolist()
    assert edited[focus] == 0.0 and sum(edited) == pytest.approx(1.0)
    assert at.session_state["whatif_edited_row"][focus] == 0.0
    assert shown(at, "Original translation") == greedy().text
    edited_output = shown(at, "Edited translation") or shown(at, "Edited guess")   # a guess when it copies a word
    assert edited_output is not None and shown(at, "Change") is not None

    other = (focus + 1) % len(edited)
    at.selectbox(key="whatif_edit_zero").set_value(other).run()
    assert table_with(at, "edited α")["edited α"].tolist()[other] == 0.0

    at.radio(key="whatif_edit_kind").set_value("uniform").run()
    uniform = table_with(at, "edited α")["edited α"].tolist()
    assert uniform == pytest.approx([1 / len(uniform)] * len(uniform))
    # every heatmap has its summary beside it, with a reading
    assert sum("nothing looks dropped" in text or "Received less than" in text for text in markdown_texts(at)) >= 2


def test_teacher_forcing_follows_the_reference_and_differs_from_free_running():
    at = app(WHAT_IF)
    # the seed sentence is not in the shipped models' test split, so the page asks for a reference
    assert SEED_SENTENCE not in {pair.source_text for pair in generated_test_split(0)}
    assert at.text_input(key="whatif_reference").placeholder.startswith("Type the correct English")
    assert any("needs the correct translation" in info.value for info in at.info)
    assert table_with_or_none(at, "teacher forcing: fed") is None
    model_output = greedy().text
    reference = "we are drinking water" if model_output != "we are drinking water" else "I am eating"
    at.text_input(key="whatif_reference").set_value(reference).run()
    assert not at.exception
    table = table_with(at, "teacher forcing: fed")
    words = reference.split()
    fed = table["teacher forcing: fed"].tolist()[:len(words) + 1]
    assert fed == [" ".join(words[:t]) for t in range(len(words) + 1)]  # it follows the reference prefix
    writes = [w for w in table["free running: writes"].tolist() if w]
    assert writes == greedy().output_tokens  # free running is the model's own translation
    predicted = [w for w in table["teacher forcing: predicts"].tolist() if w]
    assert predicted != writes
    assert shown(at, "Teacher-forced predictions") != shown(at, "Free-running output")
    assert any("leaves the reference at step" in text for text in markdown_texts(at))


def test_a_test_split_sentence_brings_its_reference_and_a_typed_one_replaces_it(tmp_path, monkeypatch):
    corpus = {"corpus": "generated", "pairs": 300, "seed": 0}  # the test split does not depend on "pairs"
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints_trained_on(SHIPPED_DIR, tmp_path / "ck", corpus)))
    pair = min(generated_splits(300, 0).test, key=lambda pair: len(pair.source_tokens))
    at = app(WHAT_IF, sentence=pair.source_text)
    assert not at.exception
    assert f"Reference from the test split: {pair.target_text}" in [caption.value for caption in at.caption]
    fed = table_with(at, "teacher forcing: fed")["teacher forcing: fed"].tolist()
    assert fed[:len(pair.target_tokens) + 1] == [" ".join(pair.target_tokens[:t])
                                                for t in range(len(pair.target_tokens) + 1)]
    at.text_input(key="whatif_reference").set_value("I am eating").run()
    assert table_with(at, "teacher forcing: fed")["teacher forcing: fed"].tolist()[:3] == ["", "I", "I am"]
    at.text_input(key="whatif_sentence").set_value(SEED_SENTENCE).run()  # another sentence: the typed one goes
    assert at.text_input(key="whatif_reference").value == ""


def test_quiz_counts_correct_guesses_then_restarts():
    at = app(WHAT_IF)
    steps = greedy().decoded.steps
    first = whatif.argmax(steps[0].weights.tolist())
    assert next(m.value for m in at.metric if m.label == "Score") == "0/0"
    assert at.button(key="whatif_quiz_next").disabled  # guess first

    at.button(key=f"whatif_guess_{first}").click().run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Score") == "1/1"
    assert at.success and at.button(key=f"whatif_guess_{first}").disabled

    at.button(key="whatif_quiz_next").click().run()
    second = steps[1].weights.tolist()
    wrong = next(j for j in range(len(second)) if not whatif.guess_is_right(second, j))
    at.button(key=f"whatif_guess_{wrong}").click().run()
    assert next(m.value for m in at.metric if m.label == "Score") == "1/2"
    assert at.error and "looked most at" in at.error[0].value

    at.button(key="whatif_quiz_restart").click().run()
    assert next(m.value for m in at.metric if m.label == "Score") == "0/0"
    assert any(text.startswith("### Step 1 of") for text in markdown_texts(at))


def test_encdec_has_nothing_to_edit_and_compare_shows_the_summaries():
    assert app(WHAT_IF, model="no-such-model").radio(key="whatif_model").value == "additive"  # a link's unknown model
    at = app(WHAT_IF, model="encdec")
    assert not at.exception
    assert any("no attention weights to edit" in info.value for info in at.info)
    # the beam tree works for every model: its winning path is encdec's beam-search translation
    beam = shipped_translator("encdec").translate(SEED_SENTENCE, beam_size=at.slider(key="whatif_beam").value)
    assert best_path_words(beam_tree(at)) == ["<sos>", *beam.output_tokens]  # ends in <eos>
    assert shown(at, "Beam search translation") == beam.text
    compare = app("pages/1_Compare.py")
    assert not compare.exception
    assert any("nothing looks dropped" in text or "Received less than" in text for text in markdown_texts(compare))


def test_what_if_labels_a_guess_offers_known_words_and_refuses_input_without_devanagari_letters():
    at = app(WHAT_IF)
    at.text_input(key="whatif_sentence").set_value("मैं खानाा खा रहा हूँ").run()
    assert not at.exception
    assert shown(at, "Guess") is not None and shown(at, "Translation") is None
    assert shown(at, "Beam search guess") is not None
    next(button for button in at.button if button.label == "खाना").click().run()
    assert not at.exception
    assert at.text_input(key="whatif_sentence").value == SEED_SENTENCE
    assert shown(at, "Translation") == greedy().text and shown(at, "Guess") is None

    at.text_input(key="whatif_sentence").set_value("\u093c\u0901 १२३").run()
    assert not at.exception
    assert any("no Devanagari letters" in info.value for info in at.info)
    assert shown(at, "Translation") is None and shown(at, "Guess") is None and not at.tabs
