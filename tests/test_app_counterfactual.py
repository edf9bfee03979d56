"""Does attention matter? page through AppTest: predict, reveal, the counterfactual translations,
their heatmaps and the conclusion, computed from the same decoding the core gives."""
from app import counterfactual as cf
from core.nmt.probes import SEED_SENTENCE
from core.nmt.counterfactual import translate_sentence
from tests.app_helpers import app, markdown_texts, shipped_translator

PAGE = "pages/8_Does_attention_matter.py"


def test_nothing_is_revealed_before_the_prediction_then_the_counterfactuals_are_shown():
    at = app(PAGE)
    assert not at.exception
    assert at.radio(key="matters_model").value == "additive"
    assert "What changed" not in [h.value.split("· ")[-1] for h in at.subheader]
    assert not at.get("vega_lite_chart")
    at.button(key="matters_reveal").click().run()
    assert not at.exception
    texts = markdown_texts(at)
    # the same decoding as the core's: the uniform translation and the conclusion computed from it
    translator = shipped_translator("additive")
    results = translate_sentence(translator.loaded, translator.prepare(SEED_SENTENCE).tokens,
                                 ["uniform", "keep-max"])
    conclusion = cf.conclusion("additive", results)
    kept, total = cf.survival_counts(results["none"], results["uniform"])["all"]
    assert conclusion.startswith(f"{kept} of {total} words survive uniform attention")
    assert conclusion in texts
    uniform_line = next(t for t in texts if t.startswith("**uniform:"))
    changed = cf.changed_positions(results["none"], results["uniform"])
    assert (":red-background[" in uniform_line) == bool(changed)
    assert at.success[0].value.startswith("You caught 0 of") or not changed
    assert len(at.get("vega_lite_chart")) >= 5  # own attention and every counterfactual's rows


def test_a_prediction_is_scored():
    at = app(PAGE)
    translator = shipped_translator("additive")
    results = translate_sentence(translator.loaded, translator.prepare(SEED_SENTENCE).tokens, ["uniform"])
    changed = cf.changed_positions(results["none"], results["uniform"])
    options = cf.word_options(results["none"].words)
    at.session_state["matters_guess_additive"] = [options[i] for i in changed]
    at.button(key="matters_reveal").click().run()
    assert not at.exception
    assert at.success[0].value == cf.score_prediction(changed, changed).summary()


def test_a_sentence_without_devanagari_gets_a_message_not_a_traceback():
    at = app(PAGE, sentence="hello")
    assert not at.exception
    assert any("Devanagari" in info.value for info in at.info)


def test_score_and_options_are_distinct_per_word():
    assert cf.word_options(["the", "the"]) == ["1 · the", "2 · the"]
    score = cf.score_prediction([0, 2], [2, 3])
    assert (score.hits, score.missed, score.false_alarms) == (1, 1, 1)
    assert "1 of the 2 words" in score.summary()
