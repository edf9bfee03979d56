"""Home page (pages/0_Home.py, the app's root) and the router (streamlit_app.py) through AppTest."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from app.page import PAGES
from core.nmt.probes import SEED_SENTENCE
from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.model import LOADABLE_KINDS
from tests.app_helpers import (app, chart_rows, checkpoints_with_truncated, loadable_model_names, ROOT,
                               shipped_translator, TIMEOUT)

HOME = "streamlit_app.py"


def translation_table(at):
    return at.table[0].value  # the only table on the page: st.table, whose cells wrap


def test_home_renders_the_stages_and_every_model_translates_the_seed_sentence():
    at = app(HOME)
    assert not at.exception
    assert at.text_input(key="home_sentence").value == SEED_SENTENCE
    assert len(at.get("graphviz_chart")) == 4  # one drawing per stage of the idea
    table = translation_table(at)
    assert list(table["model"]) == loadable_model_names()
    assert table["translation"].str.len().gt(0).all()
    assert table.set_index("model").loc["additive", "translation"] == "I am eating"


# What streamlit_app.py's st.navigation is given, read back inside a script run (st.Page needs one).
NAVIGATION_PROBE = """
import streamlit as st
from app.page import navigation_pages
for page in navigation_pages():
    st.text(" | ".join([page.title, page.url_path, page.icon]))
"""


def test_the_sidebar_lists_home_then_the_pages_in_file_order_each_with_an_icon():
    at = AppTest.from_string(NAVIGATION_PROBE, default_timeout=TIMEOUT).run()
    assert not at.exception
    rows = [text.value.split(" | ") for text in at.text]
    assert [title for title, _, _ in rows] == ["Home", "Lesson", "Compare", "Step by step", "Training",
                                               "Long sentences", "Data", "What if", "Captioning",
                                               "Does attention matter", "Self-attention"]
    # the URL paths that links and bookmarks use; Home is the app's root
    assert [url for _, url, _ in rows] == ["", "Lesson", "Compare", "Step_by_step", "Training", "Long_sentences",
                                           "Data", "What_if", "Captioning", "Does_attention_matter", "Self-attention"]
    assert all(icon.startswith(":material/") for _, _, icon in rows)
    # every page file is in the list, in the order of its number
    assert [path for path, _, _ in PAGES] == sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))


def test_the_router_opens_the_home_page_at_the_root_and_each_page_by_its_file():
    at = app(HOME)
    assert at.title[0].value == "Dhyan — ध्यान"
    at.switch_page("pages/5_Data.py").run()
    assert not at.exception
    assert at.title[0].value == "Data"


def test_the_heatmap_beside_the_table_is_the_additive_models_attention_on_the_sentence():
    at = app(HOME)
    translation = shipped_translator("additive").translate(SEED_SENTENCE)
    chart = at.get("vega_lite_chart")[0]
    assert json.loads(chart.proto.spec)["title"] == "additive: where it looked"
    cells = chart_rows(chart)
    assert list(dict.fromkeys(cells["target_token"])) == translation.output_tokens
    assert list(dict.fromkeys(cells["source_token"])) == translation.source_tokens
    weights = cells.pivot(index="target_position", columns="source_position", values="weight").to_numpy()
    assert weights == pytest.approx(translation.attention.numpy(), abs=1e-6)


def test_home_blank_sentence_gives_a_hint_and_translates_nothing():
    at = app(HOME)
    at.text_input(key="home_sentence").set_value("   ").run()
    assert not at.exception
    assert any("Type a Hindi sentence" in info.value for info in at.info)
    assert not at.table


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
    assert set(table["model"]) == set(LOADABLE_KINDS) - {"dot"}
    assert table.set_index("model").loc["additive", "translation"] == "I am eating"


def test_the_app_uses_one_torch_thread_unless_told_otherwise():
    import os
    import subprocess
    import sys
    probe = "from app import model_registry; import torch; print(torch.get_num_threads())"
    environment = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    default = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment, timeout=120)
    told = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={**environment, "OMP_NUM_THREADS": "2"})
    assert default.stdout.strip() == "1"
    assert told.stdout.strip() == "2"


def test_home_offers_a_teacher_the_lesson_on_its_first_screen():
    at = app(HOME)
    assert not at.exception
    links = [element.proto for element in at.get("page_link")]
    lesson = [link for link in links if "Teach a class" in link.label]
    assert lesson and lesson[0].page.endswith("Lesson")
