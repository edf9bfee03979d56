"""Home page (streamlit_app.py) through AppTest: what it shows, not how."""
from core.nmt.checkpoint import SHIPPED_DIR
from tests.app_helpers import app, checkpoints_with_truncated, isolated_app_data, loadable_model_names  # noqa: F401
from app.ui import SEED_SENTENCE

HOME = "streamlit_app.py"


def translation_table(at):
    return at.dataframe[0].value  # the only table on the page


def test_home_renders_the_stages_and_every_model_translates_the_seed_sentence():
    at = app(HOME)
    assert not at.exception
    assert at.text_input(key="home_sentence").value == SEED_SENTENCE
    assert len(at.get("graphviz_chart")) == 3  # one drawing per stage of the idea
    table = translation_table(at)
    assert list(table["model"]) == loadable_model_names()
    assert table["translation"].str.len().gt(0).all()
    assert table.set_index("model").loc["additive", "translation"] == "I am eating"
    assert at.get("vega_lite_chart"), "the attention heatmap of the additive model is drawn"


def test_sidebar_links_every_page_and_calls_the_home_page_home():
    from pathlib import Path
    at = app(HOME)
    labels = [link.proto.label for link in at.get("page_link")]
    page_files = sorted(Path("pages").glob("*.py"))
    assert labels[0] == "Home" and len(labels) == 1 + len(page_files)
    assert labels[1:3] == ["Compare", "Step by step"]  # numbered files keep their order
    # each link opens its file's page (the URL path Streamlit gives it)
    assert [link.proto.page for link in at.get("page_link")][1:] == [p.stem.split("_", 1)[1] for p in sorted(
        page_files, key=lambda p: int(p.name.split("_")[0]))]


def test_home_blank_sentence_gives_a_hint_and_translates_nothing():
    at = app(HOME)
    at.text_input(key="home_sentence").set_value("   ").run()
    assert not at.exception
    assert any("Type a Hindi sentence" in info.value for info in at.info)
    assert not at.dataframe


def test_home_non_devanagari_input_is_refused_with_a_message():
    at = app(HOME)
    at.text_input(key="home_sentence").set_value("hello 123 🙂").run()
    assert not at.exception
    assert any("Devanagari" in info.value for info in at.info)


def test_home_opens_the_sentence_of_a_shared_link():
    at = app(HOME, sentence="वह किताब पढ़ रही है")
    assert not at.exception
    assert at.text_input(key="home_sentence").value == "वह किताब पढ़ रही है"
    at.text_input(key="home_sentence").set_value(SEED_SENTENCE).run()
    assert at.query_params["sentence"] == SEED_SENTENCE  # written back, so the link stays current


def test_a_truncated_checkpoint_is_shown_unavailable_and_the_others_still_translate(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints_with_truncated(SHIPPED_DIR, tmp_path / "ck", "dot")))
    at = app(HOME)
    assert not at.exception
    warnings = [warning.value for warning in at.warning]
    assert any("dot" in text and "truncated" in text for text in warnings), warnings
    table = translation_table(at)
    assert "dot" not in set(table["model"])
    assert set(table["model"]) == {"encdec", "uniform", "additive", "general"}
    assert table.set_index("model").loc["additive", "translation"] == "I am eating"


def test_the_app_uses_one_torch_thread_unless_told_otherwise():
    import os
    import subprocess
    import sys
    probe = "from app import ui; import torch; print(torch.get_num_threads())"
    environment = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    default = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment, timeout=120)
    told = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={**environment, "OMP_NUM_THREADS": "2"})
    assert default.stdout.strip() == "1"
    assert told.stdout.strip() == "2"
