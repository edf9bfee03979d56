"""The Lesson page (AppTest): every stop renders for a teacher, a phone and a student alone; the
teacher's note is never on a phone; Next/Previous move the class; answers are counted; reveal."""
import pytest

from app.lesson_stops import STOPS, stop_index
from app.lesson_views import eating_step
from core.classroom import Classroom, new_teacher_token, store_path
from tests.app_helpers import app

LESSON = "pages/0_Lesson.py"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path))
    return tmp_path


def shown_text(at) -> str:
    """Everything the page wrote as a title or as Markdown (popovers included)."""
    return " ".join([t.value for t in at.title] + [m.value for m in at.markdown])


def test_stop_ids_are_unique_and_texts_short():
    assert len({stop.id for stop in STOPS}) == len(STOPS) >= 10
    for stop in STOPS:
        assert stop.text.count(". ") + 1 <= 3, stop.id
        assert stop.kind in ("show", "predict") and (stop.kind == "show") == (stop.choices is None)
    assert stop_index("quiz") == len(STOPS) - 1 and stop_index("nothing") is None


def test_the_prediction_stop_looks_at_the_step_that_writes_eating():
    assert eating_step(["I", "am", "eating", "food", "<eos>"]) == 2


@pytest.mark.parametrize("index", range(len(STOPS)))
def test_every_stop_renders_alone_with_its_note(data_dir, index):
    at = app(LESSON)
    for _ in range(index):
        at.button(key="lesson_next").click().run()
    assert not at.exception, at.exception
    assert STOPS[index].title in shown_text(at) and STOPS[index].note in shown_text(at)
    assert at.button(key="lesson_previous").disabled == (index == 0)


def test_a_phone_follows_the_teacher_and_answers_are_counted(data_dir):
    room, token = Classroom(store_path(data_dir)), new_teacher_token()
    code = room.start_class(token).code
    predict = stop_index("predict-eating")
    room.move_to(code, token, predict)
    phone = app(LESSON, join=code)
    assert not phone.exception, phone.exception
    texts = shown_text(phone)
    assert STOPS[predict].title in texts and STOPS[predict].note not in texts
    assert not [b for b in phone.button if b.key in ("lesson_next", "lesson_previous", "lesson_reveal")]
    phone.pills(key="lesson_answer_predict-eating").set_value("खा").run()
    assert room.answer_counts(code, "predict-eating") == {"खा": 1}
    room.move_to(code, token, predict, revealed=True)
    phone.run()
    assert not phone.exception
    assert not phone.get("pills")   # revealed: no more answering
    for later in range(len(STOPS)):
        room.move_to(code, token, later)
        phone.run()
        assert not phone.exception, (later, phone.exception)
        assert STOPS[later].title in shown_text(phone) and STOPS[later].note not in shown_text(phone)


def test_an_ended_class_says_so_and_falls_back_to_the_lesson(data_dir):
    phone = app(LESSON, join="K7HM")
    assert not phone.exception
    assert any("no class K7HM" in e.value for e in phone.error)


def test_a_teacher_starts_a_class_moves_it_and_reveals(data_dir):
    teacher = app(LESSON)
    teacher.button(key="lesson_start").click().run()
    assert not teacher.exception, teacher.exception
    code = teacher.session_state["class_code"]
    room = Classroom(store_path(data_dir))
    assert room.current_stop(code).stop_index == 0
    assert any(code in h.body for h in teacher.get("html") if hasattr(h, "body")) or code in str(teacher)
    teacher.button(key="lesson_next").click().run()
    assert room.current_stop(code).stop_index == 1
    for participant, word in (("p1", "खा"), ("p2", "खा"), ("p3", "खाना")):
        room.answer(code, "predict-eating", participant, word)
    teacher.button(key="lesson_reveal").click().run()
    assert not teacher.exception, teacher.exception
    assert room.current_stop(code).revealed
    teacher.button(key="lesson_previous").click().run()
    assert room.current_stop(code).stop_index == 0 and not room.current_stop(code).revealed


def test_the_training_stop_draws_as_many_rows_as_the_trained_model_writes():
    from app.lesson_views import probe_rows

    def entry(label, target):
        return {"epoch": 0, "label": label,
                "sentences": [{"source": ["a", "b"], "target": target, "weights": [[0.5, 0.5]] * len(target)}]}
    history = {"probe_attention": [entry("before training", ["x"] * 60), entry("epoch 1", list("abcdefgh"))]}
    assert probe_rows(history, ["before training", "epoch 1"]) == 8
    assert probe_rows({"probe_attention": [entry("epoch 1", ["I"])]}, ["epoch 1"]) == 6


def test_a_student_alone_answers_the_quiz_and_reveals_the_model_without_attention(data_dir):
    at = app(LESSON)
    for _ in range(stop_index("quiz")):
        at.button(key="lesson_next").click().run()
    at.pills(key="lesson_answer_quiz").set_value("uniform").run()
    at.button(key="lesson_reveal").click().run()
    assert not at.exception, at.exception
    assert "Answer: encdec" in shown_text(at)   # the one fixed vector falls most with length (docs: Results)


def test_a_join_link_with_markdown_in_its_code_is_refused_as_plain_text(data_dir):
    phone = app(LESSON, join="[x](http://e.vil)")
    assert not phone.exception
    assert phone.error and all("\\[x\\]" in e.value for e in phone.error)
    assert "class_code" not in phone.session_state


def test_a_phone_exploring_another_page_has_a_way_back_to_the_class(data_dir):
    room, token = Classroom(store_path(data_dir)), new_teacher_token()
    code = room.start_class(token).code
    phone = app(LESSON, join=code)
    phone.switch_page("pages/1_Compare.py").run()
    links = [link for link in phone.get("page_link")]
    assert any(f"Back to the class ({code})" in link.proto.label for link in links)


def test_the_counterfactual_stop_reveals_which_words_survive_equal_weights(data_dir):
    from app.lesson_views import COUNTERFACTUAL_SENTENCE, SURVIVAL_CHOICES, under_uniform
    own, uniform = under_uniform()
    assert uniform.attention.shape[1] == len(COUNTERFACTUAL_SENTENCE.split()) + 1   # <eos> column too
    rows = uniform.attention[:, :]
    assert (rows - rows[0, 0]).abs().max() == 0   # every row the same weight on every word: 1/S
    at = app(LESSON)
    for _ in range(stop_index("attention-matters")):
        at.button(key="lesson_next").click().run()
    assert own.text in shown_text(at) and "Equal weights" not in shown_text(at)   # nothing given away before
    at.pills(key="lesson_answer_attention-matters").set_value(SURVIVAL_CHOICES[0]).run()
    at.button(key="lesson_reveal").click().run()
    assert not at.exception, at.exception
    kept = sum(word in uniform.words for word in own.words)
    assert "Equal weights" in shown_text(at)
    # the shipped additive model keeps almost none of its words (docs/counterfactual.md: 1% of content words)
    assert kept < len(own.words) / 3 and f"{SURVIVAL_CHOICES[2]}." in shown_text(at)
