"""Compare page through AppTest: real widget interaction, assertions on what is shown."""
import functools

from core.nmt.translate import Translator
from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.held_out import generated_splits
from core.nmt.metrics import sentence_bleu
from tests.app_helpers import (app, as_read, checkpoints_trained_on, checkpoints_with_truncated,
                               loadable_model_names, shipped_translator, shown_translations)
from app.widgets import EXAMPLE_SENTENCES
from core.nmt.probes import SEED_SENTENCE

COMPARE = "pages/1_Compare.py"


@functools.lru_cache(maxsize=None)
def expected(model: str, text: str, beam_size: int = 1) -> str:
    """What core says the model translates text to, as the page marks it (a copied or an <unk>
    word highlighted; widgets.marked_output): the page must show exactly this."""
    from app.widgets import marked_output
    return as_read(marked_output(shipped_translator(model).translate(text, beam_size=beam_size)))


def headers(at) -> list[str]:
    return [header.value for header in at.subheader]


def test_compare_defaults_to_encdec_and_additive_side_by_side():
    at = app(COMPARE)
    assert not at.exception
    assert at.multiselect(key="compare_models").value == ["encdec", "additive"]
    assert headers(at) == ["encdec", "additive"]
    assert shown_translations(at) == [expected("encdec", SEED_SENTENCE), expected("additive", SEED_SENTENCE)]
    assert any("No attention weights" in text.value for text in at.markdown), "encdec explains its fixed vector"
    assert at.query_params["models"] == "encdec,additive"


def test_compare_new_sentence_other_models_and_beam_search():
    at = app(COMPARE)
    sentence = EXAMPLE_SENTENCES[2]
    at.text_input(key="compare_sentence").set_value(sentence).run()
    at.multiselect(key="compare_models").set_value(["dot", "general", "uniform"]).run()
    assert not at.exception
    assert headers(at) == ["dot", "general", "uniform"]
    assert shown_translations(at) == [expected(name, sentence) for name in ("dot", "general", "uniform")]

    at.radio(key="compare_method").set_value("beam search").run()
    at.slider(key="compare_beam").set_value(3).run()
    assert not at.exception
    assert at.query_params["beam"] == "3"
    assert shown_translations(at) == [expected(name, sentence, 3) for name in ("dot", "general", "uniform")]
    assert any("Beam search with k = 3" in caption.value for caption in at.caption)


def test_compare_lists_words_the_model_never_saw():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value("मैं खाना झुमझुमलू खा रहा हूँ").run()
    assert not at.exception
    unknown = [warning.value for warning in at.warning if "vocabulary" in warning.value]
    assert len(unknown) == 2 and all("झुमझुमलू" in text for text in unknown)  # one per model column
    assert len(shown_translations(at)) == 2


def test_compare_blank_input_gives_a_hint_and_no_translation():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value("").run()
    assert not at.exception
    assert any("Type a Hindi sentence" in info.value for info in at.info)
    assert shown_translations(at) == []


def test_compare_very_long_input_is_cut_with_a_note():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value(" ".join([SEED_SENTENCE] * 40)).run()
    assert not at.exception
    assert any("cut after word" in info.value for info in at.info)
    assert len(shown_translations(at)) == 2


def test_compare_example_picker_fills_the_sentence_box():
    at = app(COMPARE)
    at.selectbox(key="compare_example").set_value(EXAMPLE_SENTENCES[3]).run()
    assert not at.exception
    assert at.text_input(key="compare_sentence").value == EXAMPLE_SENTENCES[3]
    assert shown_translations(at)[1] == expected("additive", EXAMPLE_SENTENCES[3])


def test_compare_opens_a_shared_link_with_its_sentence_models_and_beam():
    sentence = EXAMPLE_SENTENCES[2]
    at = app(COMPARE, sentence=sentence, models="general,encdec,nonexistent", beam="2")
    assert not at.exception
    assert at.text_input(key="compare_sentence").value == sentence
    assert at.multiselect(key="compare_models").value == ["general", "encdec"]
    assert at.radio(key="compare_method").value == "beam search"
    assert at.slider(key="compare_beam").value == 2
    assert shown_translations(at) == [expected("general", sentence, 2), expected("encdec", sentence, 2)]


def test_compare_with_no_model_chosen_asks_for_one():
    at = app(COMPARE)
    at.multiselect(key="compare_models").set_value([]).run()
    assert not at.exception
    assert any("Choose at least one model" in info.value for info in at.info)
    assert at.multiselect(key="compare_models").options == loadable_model_names()  # every model stays offered
    assert shown_translations(at) == [] and not at.get("vega_lite_chart")


def test_compare_random_test_sentence_shows_its_reference_and_scores(tmp_path, monkeypatch):
    corpus = {"corpus": "generated", "pairs": 300, "seed": 0}  # the test split does not depend on "pairs"
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints_trained_on(SHIPPED_DIR, tmp_path / "ck", corpus)))
    at = app(COMPARE)
    assert not at.exception
    assert not any(text.startswith("**Reference**") for text in (m.value for m in at.markdown))
    at.slider(key="compare_length").set_value(12).run()
    at.button(key="compare_random").click().run()
    assert not at.exception
    sentence = at.text_input(key="compare_sentence").value
    test = {pair.source_text: pair for pair in generated_splits(300, 0).test}
    assert sentence in test
    assert abs(len(test[sentence].source_tokens) - 12) <= 1
    reference = test[sentence].target_text
    assert [m.value for m in at.markdown if m.value.startswith("**Reference**")] == \
        [f"**Reference** (test split): {reference}"] * 2
    against = [m.value for m in at.markdown if m.value.startswith("**Against the reference:**")]
    assert len(against) == 2, "each model's words are set against the reference"
    assert any("~~" in line for line in against) == any(c.value.startswith("Words :red-background") for c in at.caption), \
        "struck-through words come with their legend"
    bleu = [metric.value for metric in at.metric if metric.label == "sentence BLEU"]
    assert bleu[1] == f"{sentence_bleu(shown_translations(at)[1], reference):.1f}"
    assert len([metric for metric in at.metric if metric.label == "sentence chrF"]) == 2


def test_without_any_model_compare_and_what_if_say_so_and_stop(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))   # no checkpoint at all
    for page, purpose in ((COMPARE, "compare"), ("pages/6_What_if.py", "experiment with")):
        at = app(page)
        assert not at.exception
        assert [error.value for error in at.error] == [f"No model could be loaded, so there is nothing to {purpose}."]
        assert not at.text_input and not at.radio and not at.multiselect   # the page stopped there


def test_compare_a_shared_link_naming_a_broken_model_keeps_the_others(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR",
                       str(checkpoints_with_truncated(SHIPPED_DIR, tmp_path / "ck", "additive")))
    at = app(COMPARE, models="additive,dot")
    assert not at.exception
    assert any("additive" in warning.value and "unavailable" in warning.value for warning in at.warning)
    assert "additive" not in at.multiselect(key="compare_models").options
    assert at.multiselect(key="compare_models").value == ["dot"]
    assert shown_translations(at) == [expected("dot", SEED_SENTENCE)]


# ---------------------------------------------------------------- unknown words: a guess, suggestions, copies

TYPO = "मैं खानाा खा रहा हूँ"  # खाना with one vowel sign too many: not a word any model knows


def markdown_starting(at, prefix: str) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(prefix)]


def test_compare_labels_a_translation_with_an_unknown_word_a_guess_and_offers_known_words():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value(TYPO).run()
    assert not at.exception
    assert len(markdown_starting(at, "**Guess:** ")) == 2 and markdown_starting(at, "**Translation:** ") == []
    assert shown_translations(at) == [expected("encdec", TYPO), expected("additive", TYPO)]
    read = markdown_starting(at, "The sentence as the model read it: ")
    assert read and all(":orange-background[**खानाा**]" in text for text in read)  # marked in the sentence
    suggested = shipped_translator("additive").suggestions("खानाा")
    assert "खाना" in suggested
    buttons = [button for button in at.button if button.label == "खाना"]
    assert len(buttons) == 2  # one per model column
    buttons[1].click().run()
    assert not at.exception
    assert at.text_input(key="compare_sentence").value == SEED_SENTENCE
    assert len(markdown_starting(at, "**Translation:** ")) == 2 and markdown_starting(at, "**Guess:** ") == []


def test_compare_hides_a_guess_behind_an_expander_when_most_words_are_unknown():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value("झुमझुमलू फटफटिया खा").run()
    assert not at.exception
    hidden = [expander for expander in at.expander if "More than half" in expander.label]
    assert len(hidden) == 2
    assert all(any(m.value.startswith("**Guess:** ") for m in expander.markdown) for expander in hidden)


def test_compare_refuses_input_without_a_devanagari_letter():
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value("। ॥ \u093c\u0901 ५").run()
    assert not at.exception
    assert any("no Devanagari letters" in info.value for info in at.info)
    assert shown_translations(at) == [] and not at.get("vega_lite_chart")


def test_compare_marks_a_copied_word_and_says_attention_made_it_possible(monkeypatch):
    """Every model writes "I <unk> am", looking at the second source word for the <unk>: additive
    copies it, encdec cannot."""
    import streamlit as st
    import torch
    from core.language.text import EOS_ID, UNK_ID
    from core.nmt.decode import DecodeResult, DecodeStep

    vocabulary = shipped_translator("additive").target_vocab.index

    def fake_decode(model, source_ids, **kwargs):
        ids = [vocabulary["I"], UNK_ID, vocabulary["am"], EOS_ID]
        looks_at = [0, 1, 2, len(source_ids) - 1]
        steps = [DecodeStep(token, -0.1, [token], [0.9],
                            torch.nn.functional.one_hot(torch.tensor(j), len(source_ids)).float(),
                            torch.zeros(len(source_ids)), torch.zeros(4)) for token, j in zip(ids, looks_at)]
        return DecodeResult(ids, steps, -0.4)

    monkeypatch.setattr("core.nmt.translate.greedy_decode", fake_decode)
    st.cache_resource.clear()  # translations are cached across sessions: none of the real model's
    try:
        at = app(COMPARE)
        at.text_input(key="compare_sentence").set_value("मैं अर्जुन हूँ").run()
        assert not at.exception
        encdec, additive = markdown_starting(at, "**Guess:** ")
        assert additive == "**Guess:** I :blue-background[*Arjun*] am"
        assert encdec == "**Guess:** I :gray-background[\\<unk\\>] am"  # visible, not an HTML tag
        captions = [caption.value for caption in at.caption]
        assert any("copied from the Hindi" in text and "attention" in text for text in captions)
        assert any("encdec has no attention" in text for text in captions)
    finally:
        st.cache_resource.clear()


def test_compare_says_where_a_number_was_kept_exact_and_shows_it_once():
    sentence = "पचास रुपये दो"   # additive writes another number here; the check puts fifty back
    translation = Translator(load_translator_for("additive")).translate(sentence)
    assert translation.number_notices(), "the case this test is about: a number the model got wrong"
    at = app(COMPARE)
    at.text_input(key="compare_sentence").set_value(sentence).run()
    assert not at.exception
    assert any(as_read(caption.value) == notice for caption in at.caption for notice in translation.number_notices())
    shown = [as_read(text.value) for text in at.markdown if "Translation" in text.value or "Guess" in text.value]
    assert any("fifty" in line and "  " not in line for line in shown)


@functools.lru_cache(maxsize=None)
def load_translator_for(name: str):
    from core.nmt.checkpoint import load_checkpoint
    return load_checkpoint(SHIPPED_DIR / name, name=name)


def tap_cell(at, chart, cell: dict):
    """Rerun `at` as the browser does after a click (a tap) on a heatmap cell: the chart's
    selection state {"selection": {TAPPED_CELL: [cell's fields]}} sent with the other widgets'
    values. AppTest has no setter for a chart's selection, so the state is added by hand."""
    import json
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from app.charts import TAPPED_CELL
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps({"selection": {TAPPED_CELL: [cell]}})))
    return at._run(states)


def test_tapping_a_heatmap_cell_shows_its_words_and_weight_under_the_chart():
    import json
    from app.charts import TAPPED_CELL, TAPPED_FIELDS
    at = app(COMPARE, models="additive")
    (heatmap,) = [chart for chart in at.get("vega_lite_chart")
                  if json.loads(chart.proto.spec).get("title") == "attention: rows written, columns read"]
    spec = json.loads(heatmap.proto.spec)
    assert list(heatmap.proto.selection_mode) == [TAPPED_CELL], "a click on the heatmap reruns the page"
    (param,) = [p for p in spec["params"] if p["name"] == TAPPED_CELL]
    assert param["select"]["type"] == "point" and param["select"]["fields"] == list(TAPPED_FIELDS)
    assert not [c for c in at.caption if c.value.startswith("Tapped:")], "nothing tapped yet, nothing said"

    translation = shipped_translator("additive").translate(SEED_SENTENCE)
    step, word = 1, 1
    weight = float(translation.attention[step - 1][word - 1])
    cell = {"target_token": translation.output_tokens[step - 1], "target_position": step,
            "source_token": translation.source_tokens[word - 1], "source_position": word, "weight": weight}
    at = tap_cell(at, heatmap, cell)
    assert not at.exception
    tapped = [c.value for c in at.caption if c.value.startswith("Tapped:")]
    assert tapped == [f"Tapped: writing *{translation.output_tokens[0]}* (step 1), reading "
                      f"{translation.source_tokens[0]} (word 1): weight {weight:.3f}"]
    at.text_input(key="compare_sentence").set_value(EXAMPLE_SENTENCES[1]).run()
    assert not [c for c in at.caption if c.value.startswith("Tapped:")], "a new sentence's heatmap: no cell tapped"


def test_a_tapped_cell_is_told_in_words_with_its_text_escaped():
    from app.charts import TAPPED_CELL
    from app.widgets import tapped_cell_caption
    cell = {"target_token": "*eating*", "target_position": 3, "source_token": "<b>खा</b>",
            "source_position": 3, "weight": 0.94321}
    assert tapped_cell_caption({"selection": {TAPPED_CELL: [cell]}}) == \
        r"Tapped: writing *\*eating\** (step 3), reading \<b\>खा\<\/b\> (word 3): weight 0.943"
    assert tapped_cell_caption({"selection": {TAPPED_CELL: {}}}) is None, "Streamlit's state before any tap"
    assert tapped_cell_caption(None) is None
    assert tapped_cell_caption({"selection": {TAPPED_CELL: [{"target_token": "x"}]}}) is None, "not a heatmap cell"
