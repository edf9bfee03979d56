"""Data page through AppTest: generated pairs with their alignment grid, lengths, vocabulary, and
uploading a corpus (summary with line numbers, errors as messages, saving for the Training page)."""
import json
import os
from pathlib import Path

from app import charts, reports
from core.language.corpus import generate_corpus
from tests.app_helpers import ROOT, app

DATA = "pages/5_Data.py"
TATOEBA = ROOT / "tests" / "fixtures" / "tatoeba_hin.txt"


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


def test_generated_pairs_are_shown_with_their_alignment_grid():
    at = app(DATA)
    assert not at.exception
    train = generate_corpus(n_train=2_000, seed=0).train
    assert shown_pair(at) == f"**Hindi:** {train[0].source_text}  \n**English:** {train[0].target_text}"
    assert "gold alignment" in chart_titles(at)
    grid = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if json.loads(c.proto.spec).get("title") == "gold alignment")
    assert grid["encoding"]["color"]["field"] == "link" and grid["encoding"]["tooltip"]
    assert "most frequent Hindi words" in chart_titles(at) and "most frequent English words" in chart_titles(at)
    assert [m.label for m in at.metric][:3] == ["sentence pairs", "Hindi vocabulary", "English vocabulary"]

    at.number_input(key="data_pair").set_value(7).run()
    assert shown_pair(at).startswith(f"**Hindi:** {train[6].source_text}")
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
    assert spec["encoding"]["color"]["scale"] == {"domain": [0, 1], "scheme": "blues"}


def test_uploading_the_tatoeba_fixture_shows_the_summary_and_saves_it(tmp_path):
    at = upload(app(DATA), "tatoeba_hin.txt", TATOEBA.read_bytes())
    assert not at.exception
    summary = " ".join(s.value for s in at.success)
    assert "Read 14 sentence pairs" in summary and "line 9" in summary and "1 duplicate pair" in summary
    malformed, preview = at.dataframe[0].value, at.dataframe[1].value
    assert list(malformed["line"]) == [9]
    assert preview.loc[0, "Hindi"] == "नमस्ते।" and preview.loc[0, "English"] == "Hello!"
    assert at.text_input(key="data_corpus_name").value == "tatoeba_hin"

    at.text_input(key="data_corpus_name").set_value("class_corpus")
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any("Saved as **class_corpus**" in s.value for s in at.success)
    assert (Path(os.environ["DHYAN_DATA_DIR"]) / "corpora" / "class_corpus.tsv").is_file()

    training = app("pages/3_Training.py")
    assert "uploaded: class_corpus" in training.selectbox(key="train_corpus").options

    at.selectbox(key="data_corpus").set_value("class_corpus").run()   # the saved upload can be browsed
    assert not at.exception
    assert any("No gold alignment" in i.value for i in at.info)


def test_a_bad_name_or_a_bad_file_gives_a_message_not_a_traceback():
    at = upload(app(DATA), "tatoeba_hin.txt", TATOEBA.read_bytes())
    at.text_input(key="data_corpus_name").set_value("../../etc/passwd")
    at.button(key="data_save").click().run()
    assert not at.exception
    assert any("not allowed" in e.value or "starts with" in e.value for e in at.error)

    at = upload(app(DATA), "latin1.txt", "Hello\tनमस्ते\n".encode() + b"caf\xe9\t\xe0\n")
    assert not at.exception
    assert any("not UTF-8" in e.value and "line 2" in e.value for e in at.error)
    assert not at.success
