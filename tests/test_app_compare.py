"""Compare page through AppTest: real widget interaction, assertions on what is shown."""
import functools

from core.nmt.translate import Translator
from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.evaluate import generated_splits
from core.nmt.metrics import sentence_bleu
from tests.app_helpers import (app, checkpoints_trained_on, checkpoints_with_truncated,
                               loadable_model_names, shown_translations)
from app.ui import EXAMPLE_SENTENCES, SEED_SENTENCE

COMPARE = "pages/1_Compare.py"


@functools.lru_cache(maxsize=None)
def expected(model: str, text: str, beam_size: int = 1) -> str:
    """What core says the model translates text to: the page must show exactly this."""
    return Translator.from_name(model).translate(text, beam_size=beam_size).text


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
    assert loadable_model_names()  # the options were there to choose from


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
    bleu = [metric.value for metric in at.metric if metric.label == "sentence BLEU"]
    assert bleu[1] == f"{sentence_bleu(shown_translations(at)[1], reference):.1f}"
    assert len([metric for metric in at.metric if metric.label == "sentence chrF"]) == 2


def test_compare_a_shared_link_naming_a_broken_model_keeps_the_others(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR",
                       str(checkpoints_with_truncated(SHIPPED_DIR, tmp_path / "ck", "additive")))
    at = app(COMPARE, models="additive,dot")
    assert not at.exception
    assert any("additive" in warning.value and "unavailable" in warning.value for warning in at.warning)
    assert "additive" not in at.multiselect(key="compare_models").options
    assert at.multiselect(key="compare_models").value == ["dot"]
    assert shown_translations(at) == [expected("dot", SEED_SENTENCE)]
