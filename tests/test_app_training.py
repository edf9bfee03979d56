"""Training page through AppTest: the shipped curves, the epoch slider, and training from the browser."""
import json
import os
import threading
from pathlib import Path

import pytest

from core import owners
from app import jobs as training_jobs
from app import owner_session
from core.nmt.checkpoint import load_checkpoint
from core.nmt.translate import Translator
from core.language.user_corpus import save_corpus
from tests.app_helpers import app, as_read
from tests.toy_corpus import toy_pairs
from app.model_registry import model_entries, model_histories

TRAINING = "pages/3_Training.py"
JOB_TIMEOUT = 300  # seconds; a toy run takes ~1 s, but this machine is shared and sometimes crawls


pytestmark = pytest.mark.usefixtures("no_job_left_running")   # tests/conftest.py


SERVER_SECRET = b"a test server's signing key, 32+B"   # written where core.owners.server_secret reads it
BROWSER_TOKEN = owners.new_token(SERVER_SECRET)   # the signed token in this browser's cookie (app.owner_session)
BROWSER_OWNER = owners.owner_of(BROWSER_TOKEN)


@pytest.fixture
def data_dir(monkeypatch):
    """The app's data folder (tests.app_helpers points DHYAN_DATA_DIR at it) with the toy corpus
    uploaded as 'toy' by the test's browser (every session of the test sends its cookie; an upload
    is its browser's alone): a page-driven run then trains in seconds."""
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: BROWSER_TOKEN)
    data = Path(os.environ["DHYAN_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    (data / owners.SECRET_FILE).write_bytes(SERVER_SECRET)
    save_corpus(toy_pairs(), "toy", data, owner=BROWSER_OWNER)
    return data


def chart_titles(at) -> list[str]:
    titles = []
    for chart in at.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        titles.append(title.get("text") if isinstance(title, dict) else title)
    return titles


def test_curves_of_the_shipped_models_are_drawn():
    at = app(TRAINING)
    assert not at.exception
    assert at.multiselect(key="training_models").value == list(model_histories())
    titles = chart_titles(at)
    assert "training loss per step" in titles
    assert "validation loss per epoch" in titles and "validation BLEU per epoch" in titles
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][1]["encoding"]["color"]["scale"]["domain"][:2] == ["encdec", "uniform"]

    at.toggle(key="training_log").set_value(True).run()
    at.slider(key="training_smoothing").set_value(0.9).run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][1]["encoding"]["y"]["scale"]["type"] == "log"


def test_the_epoch_slider_changes_the_epoch_shown():
    at = app(TRAINING)
    slider = at.select_slider(key="training_epoch")
    points = list(slider.options)   # 'before training', 'epoch 1 · 1/8', …, 'epoch 1', … ('epoch N' only, before)
    last = points[-1]
    total = int(last.removeprefix("epoch "))
    assert slider.value == last, "the end of training is shown first"
    assert any(m.value == f"**Epoch {total} of {total}**" for m in at.markdown)

    slider.set_value(points[0]).run()
    assert not at.exception
    assert any(m.value.lower().startswith(f"**{points[0]}") for m in at.markdown)
    assert not any(m.value == f"**Epoch {total} of {total}**" for m in at.markdown)
    assert at.query_params["epoch"] == points[0]

    reopened = app(TRAINING, epoch=points[0], probe_model="uniform")   # a shared link
    assert reopened.select_slider(key="training_epoch").value == points[0]
    assert reopened.selectbox(key="training_probe_model").value == "uniform"
    numbered = app(TRAINING, epoch="1")   # a link from when the slider held epoch numbers
    assert numbered.select_slider(key="training_epoch").value == "epoch 1"
    beyond = app(TRAINING, epoch="999", probe_model="no-such-model")   # a link from a longer run, or mistyped
    assert beyond.select_slider(key="training_epoch").value == last
    assert beyond.selectbox(key="training_probe_model").value == "additive"


def choose_tiny_run(at, name: str, corpus: str = "toy"):
    at.selectbox(key="train_corpus").set_value(corpus)
    at.selectbox(key="train_model").set_value("dot")
    at.slider(key="train_epochs").set_value(1)
    at.select_slider(key="train_hidden").set_value(32)
    at.text_input(key="train_name").set_value(name)
    return at


def test_a_short_run_from_the_page_saves_a_model_the_other_pages_list(data_dir):
    at = app(TRAINING)
    limits = training_jobs.LIMITS
    assert any(f"Limits on this shared server: {limits.describe()}." in c.value for c in at.caption)
    assert f"{limits.max_pairs:,}" in limits.describe()  # the number a user reads, with its thousands comma
    choose_tiny_run(at, "class_demo").button(key="train_start").click().run()
    assert not at.exception
    job = training_jobs.get_job(at.session_state["train_job"])
    assert job is not None and job.settings.model == "dot" and job.settings.hidden_size == 32
    assert job.wait(JOB_TIMEOUT).state == "finished"

    at.run()
    assert not at.exception
    assert any("mine/class_demo" in s.value for s in at.success)
    folder = data_dir / "models" / f"{job.settings.owner}_class_demo"   # the browser's own: its id first
    assert (folder / "model.pt").is_file()
    assert load_checkpoint(folder).kind == "dot"
    assert "mine/class_demo" in [entry.name for entry in model_entries(job.settings.owner)]
    assert "mine/class_demo" in at.multiselect(key="training_models").options, "its curves join the others"

    at.switch_page("pages/1_Compare.py").run()   # the same browser, another page
    assert not at.exception
    assert "mine/class_demo" in at.multiselect(key="compare_models").options


def hold_the_run_until_released(monkeypatch) -> threading.Event:
    """The next job waits before it reads its corpus until the returned event is set, so a click
    on the page always lands while the run is going, however fast or loaded the machine is."""
    released = threading.Event()
    real_load_splits = training_jobs.load_splits

    def load_splits_when_released(config):
        released.wait(60)
        return real_load_splits(config)

    monkeypatch.setattr(training_jobs, "load_splits", load_splits_when_released)
    return released


def test_cancel_leaves_no_checkpoint(data_dir, monkeypatch):
    clicked = hold_the_run_until_released(monkeypatch)   # until the Cancel click
    at = app(TRAINING)
    choose_tiny_run(at, "never").slider(key="train_epochs").set_value(10)
    at.button(key="train_start").click().run()
    assert not at.exception
    progress = at.get("progress")[0].proto   # the job is waiting for the click: nothing trained yet
    assert (progress.value, progress.text) == (0, "Preparing the corpus…")
    assert next(m.value for m in at.metric if m.label == "epochs finished") == "0 / 10"
    at.button(key="train_cancel").click().run()
    clicked.set()
    job = training_jobs.get_job(at.session_state["train_job"])
    assert job.wait(JOB_TIMEOUT).state == "cancelled"
    at.run()
    assert any("nothing was saved" in i.value for i in at.info)
    assert not (data_dir / "models").exists() or not any((data_dir / "models").iterdir())
    assert not any((data_dir / "training").glob("*")), "no work folder is left behind"
    assert "mine/never" not in [entry.name for entry in model_entries(job.settings.owner)]


def test_a_corpus_is_trained_on_only_in_its_browser_and_its_model_outlives_it(data_dir, monkeypatch):
    at = app(TRAINING)
    assert "uploaded: toy" in at.selectbox(key="train_corpus").options
    choose_tiny_run(at, "on_toy").button(key="train_start").click().run()
    job = training_jobs.get_job(at.session_state["train_job"])
    assert job.settings.owner == BROWSER_OWNER and job.wait(JOB_TIMEOUT).state == "finished", job.snapshot().message

    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: "f" * 32)   # another browser
    other = app(TRAINING)
    assert "uploaded: toy" not in other.selectbox(key="train_corpus").options
    other.switch_page("pages/5_Data.py").run()
    assert "uploaded: toy" not in other.selectbox(key="data_corpus").options

    at.switch_page("pages/5_Data.py").run()   # the owner deletes it
    at.button(key="data_delete_toy").click().run()
    assert not at.exception
    assert not (data_dir / "corpora" / BROWSER_OWNER / "toy.tsv").exists()
    at.switch_page(TRAINING).run()
    assert "uploaded: toy" not in at.selectbox(key="train_corpus").options
    assert at.selectbox(key="train_corpus").value == training_jobs.CLASSROOM   # back to the default
    model = Translator(load_checkpoint(data_dir / "models" / f"{BROWSER_OWNER}_on_toy"))
    assert model.translate("मैं खाना खा रहा हूँ").unknown_words == [], "it keeps its own vocabularies"
    assert "mine/on_toy" in [entry.name for entry in model_entries(BROWSER_OWNER)]


@pytest.mark.parametrize("name, message", [("../outside", "starts with '.'"), ("a/../b", "not allowed"), ("", "give a name")])
def test_an_invalid_model_name_is_refused_with_a_message(data_dir, name, message):
    at = app(TRAINING)
    choose_tiny_run(at, name).button(key="train_start").click().run()
    assert not at.exception
    assert any(message in as_read(e.value) for e in at.error)
    assert "train_job" not in at.session_state
    assert not (data_dir / "models").exists()


def test_loss_curves_are_smoothed_by_pandas_and_thinned_for_the_browser():
    from app.reports import step_loss_frame

    steps = [[i + 1, 5.0 if i % 2 else 1.0] for i in range(10_000)]
    frame = step_loss_frame({"additive": {"steps": steps}, "encdec": {"steps": steps[:3]}}, smoothing=0.9)
    additive = frame[frame["model"] == "additive"]
    assert len(additive) <= 800 and additive["step"].iloc[0] == 1 and additive["step"].iloc[-1] == 10_000
    assert additive["smoothed"].iloc[-1] == pytest.approx(3.0, abs=0.3)   # the zig-zag averages out
    assert list(frame[frame["model"] == "encdec"]["smoothed"]) != [1.0, 5.0, 1.0]
    raw = step_loss_frame({"encdec": {"steps": steps[:3]}}, smoothing=0.0)
    assert list(raw["smoothed"]) == [1.0, 5.0, 1.0]


def test_the_run_shows_the_chosen_sentence_attention_and_its_table_reads_as_people_count(data_dir):
    at = app(TRAINING)
    assert at.selectbox(key="train_corpus").value == training_jobs.CLASSROOM   # the default run
    choose_tiny_run(at, "watched")
    at.text_input(key="train_probe").set_value("मैं खाना खा रहा हूँ")
    at.button(key="train_start").click().run()
    assert not at.exception
    job = training_jobs.get_job(at.session_state["train_job"])
    assert job.settings.probe == "मैं खाना खा रहा हूँ"
    assert job.wait(JOB_TIMEOUT).state == "finished"
    at.run()
    assert not at.exception
    table = at.dataframe[0].value   # the upload trains with the recipe: its epochs, until early stopping
    epochs_run = len(job.snapshot().epochs)
    assert list(table["epoch"]) == list(range(1, epochs_run + 1))
    assert f"this run, end of epoch {epochs_run}: rows written, columns read" in chart_titles(at)
    assert any("Watching: मैं खाना खा रहा हूँ" in t.value for t in at.text)
    assert all(round(b, 1) == b for b in table["validation BLEU"])


def test_stop_and_keep_is_offered_beside_cancel_and_says_when_there_is_nothing_to_keep(data_dir, monkeypatch):
    clicked = hold_the_run_until_released(monkeypatch)
    at = app(TRAINING)
    choose_tiny_run(at, "early").slider(key="train_epochs").set_value(10)
    at.button(key="train_start").click().run()
    assert at.button(key="train_cancel") is not None
    at.button(key="train_stop_keep").click().run()
    clicked.set()
    job = training_jobs.get_job(at.session_state["train_job"])
    final = job.wait(JOB_TIMEOUT)
    assert final.state == "failed" and "no model to keep" in final.message
    at.run()
    assert not at.exception
    assert not list((data_dir / "models").glob("*early*")), "nothing was kept"


def test_a_second_tab_of_the_training_browser_shows_its_run_not_someone_elses(data_dir, monkeypatch):
    started = hold_the_run_until_released(monkeypatch)   # until the second tab has looked
    first = app(TRAINING)
    choose_tiny_run(first, "two_tabs").button(key="train_start").click().run()
    job = training_jobs.get_job(first.session_state["train_job"])
    second = app(TRAINING)   # the same cookie: the same browser
    assert not second.exception
    assert not any("Someone else" in info.value for info in second.info)
    assert second.session_state["train_job"] == job.id and second.button(key="train_cancel")
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: None)   # another browser
    assert any("Someone else" in info.value for info in app(TRAINING).info)
    started.set()
    assert job.wait(JOB_TIMEOUT).state == "finished"


def test_the_conversational_corpus_is_offered_and_trains_as_a_built_in_one(data_dir):
    at = app(TRAINING)
    at.selectbox(key="train_corpus").set_value(training_jobs.CONVERSATIONAL).run()
    assert not at.exception and not at.error
    assert not [t for t in at.toggle if t.key == "train_recipe"]   # the real-corpus recipe is for uploads
    settings = training_jobs.JobSettings(name="talk", corpus=training_jobs.CONVERSATIONAL, owner=BROWSER_OWNER)
    config = settings.train_config(training_jobs.corpus_path(settings, data_dir))
    assert config.corpus == "conversational" and config.epochs == settings.epochs


def test_a_tiny_corpus_is_never_said_to_take_0_s_or_0_minutes():
    from app.reports import duration
    assert duration(0.2) == "under a second" and duration(40) == "about 40 s"
    assert duration(60 * 7) == "about 7 minutes" and duration(60) == "about 60 s" and duration(95) == "about 2 minutes"
