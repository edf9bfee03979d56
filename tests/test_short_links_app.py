"""Shared links through AppTest: a page opened with ?s=<id> shows the state kept under that id,
a bad or unknown id is said and the page still works, and projector mode is never shared."""
import pytest

from core.classroom import ShortLinks, store_path
from tests.app_helpers import app

COMPARE = "pages/1_Compare.py"
SENTENCE = "मैं पानी पी रहा हूँ"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path))
    return tmp_path


def test_a_short_link_opens_the_view_it_was_made_from(data_dir):
    short_id = ShortLinks(store_path(data_dir)).save_state({"sentence": SENTENCE, "models": "additive"})
    at = app(COMPARE, s=short_id)
    assert not at.exception and not at.warning
    assert at.text_input(key="compare_sentence").value == SENTENCE
    assert at.multiselect(key="compare_models").value == ["additive"]
    assert "s" not in at.query_params and at.query_params["sentence"] == SENTENCE


@pytest.mark.parametrize("bad", ["nope", "ZZZZZZZZ"])   # malformed; well formed but never saved
def test_a_bad_or_unknown_short_link_is_said_and_the_page_still_works(data_dir, bad):
    at = app(COMPARE, s=bad)
    assert not at.exception
    assert any("usual settings" in warning.value for warning in at.warning)
    assert at.subheader, "the page went on to translate its usual sentence"


def test_a_shared_state_never_carries_projector_mode(data_dir):
    from app import sharing
    at = app(COMPARE, projector="1", sentence=SENTENCE)
    assert not at.exception
    assert at.session_state["projector"] is True
    assert "projector" not in at.query_params, "taken out of the address the page shows"
    assert sharing.shared_state({"projector": "1", "s": "Xq3k9PzA", "sentence": SENTENCE}) == {"sentence": SENTENCE}


def test_a_short_link_is_at_most_60_characters_and_a_version_4_qr_code(data_dir):
    import qrcode
    from core.classroom import state_link
    state = {"sentence": "मेरी माँ रसोई में चाय बना रही थी " * 40, "models": "encdec,additive", "beam": "4"}
    link = state_link("http://192.168.100.100:8501", "Long_sentences", ShortLinks(store_path(data_dir)).save_state(state))
    assert len(link) <= 60
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(link)
    code.make(fit=True)
    assert code.version <= 4
