"""Step-by-step page through AppTest: moving through the steps, weights that sum to 1."""
import pytest

from tests.app_helpers import app
from app.widgets import EXAMPLE_SENTENCES

STEP = "pages/2_Step_by_step.py"


def shown_step(at) -> tuple[int, int]:
    """(t, T) from the 'Step' metric, e.g. '2 of 4' -> (2, 4)."""
    value = next(metric.value for metric in at.metric if metric.label == "Step")
    t, _, count = value.partition(" of ")
    return int(t), int(count)


def shown_weights(at) -> list[float]:
    """The α column of the table of source words (the only table on the page)."""
    return at.dataframe[0].value["weight α"].tolist()


def test_step_next_previous_and_slider_move_the_step_and_weights_sum_to_one():
    at = app(STEP)
    assert not at.exception
    t, count = shown_step(at)
    assert t == 1 and count >= 2
    assert sum(shown_weights(at)) == pytest.approx(1.0, abs=1e-4)
    assert next(m.value for m in at.metric if m.label.startswith("Σ α")) == "1.000"
    first = shown_weights(at)

    at.button(key="step_next").click().run()
    assert not at.exception
    assert shown_step(at) == (2, count)
    assert at.slider(key="step_t").value == 2
    assert sum(shown_weights(at)) == pytest.approx(1.0, abs=1e-4)
    assert shown_weights(at) != first  # a new step looks somewhere else

    at.slider(key="step_t").set_value(count).run()
    assert shown_step(at) == (count, count)
    assert sum(shown_weights(at)) == pytest.approx(1.0, abs=1e-4)
    assert at.query_params["step"] == str(count)

    at.button(key="step_previous").click().run()
    assert shown_step(at) == (count - 1, count)


def test_switching_the_score_function_changes_the_weights():
    at = app(STEP)
    additive = shown_weights(at)
    at.radio(key="step_model").set_value("uniform").run()
    assert not at.exception
    uniform = shown_weights(at)
    assert uniform == pytest.approx([1 / len(uniform)] * len(uniform))  # uniform: 1/S everywhere
    assert additive != pytest.approx(uniform)
    at.radio(key="step_model").set_value("dot").run()
    dot = shown_weights(at)
    assert sum(dot) == pytest.approx(1.0, abs=1e-4)
    assert dot != pytest.approx(additive)
    assert any(r"s_{1}^\top h_" in latex.value for latex in at.latex), "the dot score with this step's numbers"


def test_step_opens_a_shared_link_and_clamps_a_step_that_is_too_far():
    sentence = EXAMPLE_SENTENCES[2]
    at = app(STEP, sentence=sentence, model="general", step="2")
    assert not at.exception
    assert at.text_input(key="step_sentence").value == sentence
    assert at.radio(key="step_model").value == "general"
    assert shown_step(at)[0] == 2
    far = app(STEP, step="999", model="no-such-model")   # a link from a day with other models, or mistyped
    assert shown_step(far)[0] == shown_step(far)[1]
    assert far.radio(key="step_model").value == "additive"


def test_step_blank_input_gives_a_hint_and_no_step():
    at = app(STEP)
    at.text_input(key="step_sentence").set_value(" ").run()
    assert not at.exception
    assert any("Type a Hindi sentence" in info.value for info in at.info)
    assert not at.metric


def test_the_sentence_typed_on_compare_is_there_on_step_by_step():
    at = app("streamlit_app.py")
    at.switch_page("pages/1_Compare.py").run()
    at.text_input(key="compare_sentence").set_value(EXAMPLE_SENTENCES[3]).run()
    for name in list(at.query_params):  # a sidebar link opens the page without the query string
        del at.query_params[name]
    at.switch_page("pages/2_Step_by_step.py").run()
    assert not at.exception
    assert at.text_input(key="step_sentence").value == EXAMPLE_SENTENCES[3]


def test_step_labels_a_guess_offers_known_words_and_refuses_input_without_devanagari_letters():
    at = app(STEP)
    at.text_input(key="step_sentence").set_value("मैं खानाा खा रहा हूँ").run()
    assert not at.exception
    assert [m.value for m in at.markdown if m.value.startswith(("**Guess:** ", "**Translation:** "))][0] \
        .startswith("**Guess:** ")
    assert any("vocabulary" in warning.value and "खानाा" in warning.value for warning in at.warning)
    next(button for button in at.button if button.label == "खाना").click().run()
    assert not at.exception
    assert at.text_input(key="step_sentence").value == "मैं खाना खा रहा हूँ"
    assert any(m.value.startswith("**Translation:** ") for m in at.markdown)

    at.text_input(key="step_sentence").set_value("॥ । ?").run()
    assert not at.exception
    assert any("no Devanagari letters" in info.value for info in at.info)
    assert not at.metric and not any(m.value.startswith("Writing: ") for m in at.markdown)
