"""Data page through AppTest: generated pairs with their alignment grid, lengths, vocabulary, and
uploading a corpus (summary with line numbers, errors as messages, saving for the Training page)."""
import hashlib
import json
import os
from pathlib import Path

from app import charts, reports
from core.language.corpus import generate_corpus
from core.safe_text import as_text
from tests.app_helpers import ROOT, app, as_read

DATA = "pages/5_Data.py"
EXPORT = ROOT / "tests" / "fixtures" / "export_hin.txt"


def chart_titles(at) -> list[str]:
    titles = []
    for chart in at.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        titles.append(title.get("text") if isinstance(title, dict) else title)
    return titles


def shown_pair(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Hindi:**"))


def upload(at, name: str, content: bytes):
    at.file_uploader(key="data_upload").upload(name, content, "text/plain")
    return at.run()


def owner_of(at) -> str:
    """The owner id of the browser an AppTest session stands for (app.owner_session.session_owner)."""
    return hashlib.sha256(at.session_state["owner_token"].encode()).hexdigest()[:12]


def upload_and_save(at, filename: str, content: bytes, name: str):
    upload(at, filename, content)
    at.text_input(key="data_corpus_name").set_value(name)
    at.button(key="data_save").click().run()
    assert not at.exception and any(f"Saved as **{as_text(name)}**" in s.value for s in at.success)
    return at


def everything_shown(at) -> str:
    """Every text a page shows, widgets' options included."""
    texts = [str(getattr(element, "value", "")) for kind in ("markdown", "success", "info", "error", "caption",
                                                           "subheader", "header") for element in getattr(at, kind)]
    texts += [" ".join(map(str, box.options)) for box in at.selectbox]
    return "\n".join(texts)


def test_generated_pairs_are_shown_with_their_alignment_grid():
    at = app(DATA)
    assert not at.exception
    train = generate_corpus(n_train=2_000, seed=0).train
    assert shown_pair(at) == f"**Hindi:** {as_text(train[0].source_text)}  \n**English:** {as_text(train[0].target_text)}"
    assert "gold alignment" in chart_titles(at)
    grid = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if json.loads(c.proto.spec).get("title") == "gold alignment")
    assert grid["encoding"]["color"]["field"] == "link" and grid["encoding"]["tooltip"]
    assert "most frequent Hindi words" in chart_titles(at) and "most frequent English words" in chart_titles(at)
    assert [m.label for m in at.metric][:3] == ["sentence pairs", "Hindi vocabulary", "English vocabulary"]

    at.number_input(key="data_pair").set_value(7).run()
    assert shown_pair(at).startswith(f"**Hindi:** {as_text(train[6].source_text)}")
    at.radio(key="data_split").set_value("test").run()
    assert not at.exception
    assert "source lengths: generated, test split" in chart_titles(at)


def test_the_alignment_grid_marks_exactly_the_gold_links():
    pair = next(p for p in generate_corpus(n_train=10, seed=0).train if len(p.source_tokens) >= 2)
    cells = reports.alignment_frame(pair)
    assert len(cells) == len(pair.source_tokens) * len(pair.target_tokens)
    linked = cells[cells["link"] == 1]
    assert {(r.source_position - 1, r.target_position - 1) for r in linked.itertuples()} == set(pair.alignment)
    assert list(cells["source"][:2]) == [f"1 {pair.source_tokens[0]}", f"2 {pair.source_tokens[1]}"]
    spec = charts.alignment_grid(cells).to_dict()
    scale = spec["encoding"]["color"]["scale"]   # weights 0..1, zero white (no link is no colour)
    assert scale["domain"][0] == 0 and scale["domain"][-1] == 1 and scale["range"][0] == "#ffffff"


def test_uploading_the_tatoeba_fixture_shows_the_summary_and_saves_it(tmp_path):
    at = upload(app(DATA), "export_hin.txt", EXPORT.read_bytes())
    assert not at.exception
    summary = " ".join(s.value for s in at.success)
    assert "Read 14 sentence pairs" in summary and "line 9" in summary and "1 duplicate pair" in summary
    malformed, preview = at.dataframe[0].value, at.dataframe[1].value
    assert list(malformed["line"]) == [9]
    assert preview.loc[0, "Hindi"] == "नाचो!" and preview.loc[0, "English"] == "Dance!"
    assert at.text_input(key="data_corpus_name").value == "export_hin"

    at.text_input(key="data_corpus_name").set_value("class_corpus")
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any("Saved as **class\\_corpus**" in s.value for s in at.success)
    assert (Path(os.environ["DHYAN_DATA_DIR"]) / "corpora" / owner_of(at) / "class_corpus.tsv").is_file()

    at.switch_page("pages/3_Training.py").run()   # the same browser's Training page
    assert "uploaded: class_corpus" in at.selectbox(key="train_corpus").options
    at.switch_page(DATA).run()

    at.selectbox(key="data_corpus").set_value("class_corpus").run()   # the saved upload can be browsed
    assert not at.exception
    assert any("No gold alignment" in i.value for i in at.info)


def test_a_bad_name_or_a_bad_file_gives_a_message_not_a_traceback():
    at = upload(app(DATA), "export_hin.txt", EXPORT.read_bytes())
    at.text_input(key="data_corpus_name").set_value("../../etc/passwd")
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any("not allowed" in e.value or "starts with" in e.value for e in at.error)

    at = upload(app(DATA), "latin1.txt", "Hello\tनमस्ते\n".encode() + b"caf\xe9\t\xe0\n")
    assert not at.exception
    assert any("not UTF-8" in as_read(e.value) and "line 2" in e.value for e in at.error)
    assert not at.success


# ------------------------------------------------------------------ an upload is its browser's alone

TWO_COLUMN = ROOT / "tests" / "fixtures" / "two_column_hin_eng.tsv"


def test_an_uploaded_corpus_is_listed_shown_and_offered_for_training_only_in_the_browser_that_saved_it():
    from core.language.user_corpus import load_corpus_file
    teacher = upload_and_save(app(DATA), "export_hin.txt", EXPORT.read_bytes(), "teacher_set_7")
    teacher.selectbox(key="data_corpus").set_value("teacher_set_7").run()
    assert not teacher.exception
    assert next(m.value for m in teacher.metric if m.label == "sentence pairs") == "14"
    teacher_pair = shown_pair(teacher)

    student = app(DATA)   # another browser: another session, without the teacher's cookie
    assert owner_of(student) != owner_of(teacher)
    assert student.selectbox(key="data_corpus").options == ["generated (our grammar, seed 0)"]
    assert "teacher_set_7" not in everything_shown(student)
    assert not any(str(button.key).startswith("data_delete_") for button in student.button)
    student.switch_page("pages/3_Training.py").run()
    assert student.selectbox(key="train_corpus").options == ["classroom (short generated sentences: aligns in about a minute)",
                                                             "generated (our grammar, every length: slower)",
                                                             "conversational (more everyday talk: slower)"]

    # the same name in the student's browser is the student's own corpus; the teacher's is untouched
    student.switch_page(DATA).run()
    upload_and_save(student, "two_column_hin_eng.tsv", TWO_COLUMN.read_bytes(), "teacher_set_7")
    student.selectbox(key="data_corpus").set_value("teacher_set_7").run()
    assert next(m.value for m in student.metric if m.label == "sentence pairs") == str(
        len(load_corpus_file(TWO_COLUMN).pairs))
    assert shown_pair(student) != teacher_pair
    teacher.run()
    assert next(m.value for m in teacher.metric if m.label == "sentence pairs") == "14"
    assert shown_pair(teacher) == teacher_pair


def test_the_owner_deletes_a_corpus_after_confirming_and_nobody_elses():
    teacher = upload_and_save(app(DATA), "export_hin.txt", EXPORT.read_bytes(), "class")
    student = upload_and_save(app(DATA), "export_hin.txt", EXPORT.read_bytes(), "class")
    data = Path(os.environ["DHYAN_DATA_DIR"]) / "corpora"
    teacher.selectbox(key="data_corpus").set_value("class").run()
    assert any("Delete the corpus **class** for good?" in m.value for m in teacher.markdown), "it asks first"
    teacher.button(key="data_delete_class").click().run()
    assert not teacher.exception
    assert any("Deleted **class**" in s.value and "keep working" in s.value for s in teacher.success)
    assert not (data / owner_of(teacher) / "class.tsv").exists()
    assert (data / owner_of(student) / "class.tsv").is_file(), "the student's corpus of that name stays"
    assert teacher.selectbox(key="data_corpus").value == "generated", "the page is back on the generated corpus"
    assert "uploaded: class" not in teacher.selectbox(key="data_corpus").options
    student.run()
    assert "uploaded: class" in student.selectbox(key="data_corpus").options


def test_a_corpus_saved_before_corpora_had_owners_is_shown_to_nobody():
    from core.language.user_corpus import save_corpus
    from tests.toy_corpus import toy_pairs
    save_corpus(toy_pairs(), "old_upload", Path(os.environ["DHYAN_DATA_DIR"]))   # data/corpora/old_upload.tsv
    at = app(DATA)
    assert "old_upload" not in everything_shown(at)
    at.switch_page("pages/3_Training.py").run()
    assert "uploaded: old_upload" not in at.selectbox(key="train_corpus").options
