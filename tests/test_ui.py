"""The model registry's caches (app.model_registry, app.translation_cache): a retrained model is
loaded anew, an unchanged one is not; and the test split's failure path."""
import logging
import os
import shutil

import pytest
import torch

from app import model_registry, translation_cache
from core.nmt.checkpoint import SHIPPED_DIR
from core.nmt.probes import SEED_SENTENCE


@pytest.fixture
def one_model(tmp_path, monkeypatch):
    """A checkpoints folder holding a copy of the shipped dot model, with the app's caches emptied
    before and after (an entry of another test's folder must not answer for this one)."""
    folder = tmp_path / "checkpoints" / "dot"
    folder.mkdir(parents=True)
    for name in ("model.pt", "config.json"):
        shutil.copy(SHIPPED_DIR / "dot" / name, folder / name)
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(folder.parent))
    model_registry._load_translator.clear()
    translation_cache._translation.clear()
    yield folder
    model_registry._load_translator.clear()
    translation_cache._translation.clear()


def retrain(folder, seconds_later: float) -> str:
    """Stand in for a retraining that writes new weights into the same folder: the output layer's
    bias made to outweigh everything else for one word, so the model writes only that word; the
    file's mtime moved on, as a save does. Returns the word."""
    state = torch.load(folder / "model.pt", map_location="cpu", weights_only=True)
    bias = state["state_dict"]["output.bias"]   # one per target word: p(y_t) = softmax(W_o h̃_t + b)
    word = 4   # the first ordinary word (ids 0..3 are <pad> <sos> <eos> <unk>)
    bias[:] = -1e4
    bias[word] = 1e4
    torch.save(state, folder / "model.pt")
    modified = os.stat(folder / "model.pt").st_mtime + seconds_later
    os.utime(folder / "model.pt", (modified, modified))
    return state["target_vocab"][word]


def registry_translator():
    ready, broken = model_registry.available_translators()
    assert not broken
    return ready["dot"]


def test_an_unchanged_model_is_loaded_once_and_a_retrained_one_anew(one_model):
    first = registry_translator()
    assert registry_translator() is first   # an unchanged folder: the same Translator, not a reload
    before = translation_cache.translate(first, SEED_SENTENCE)
    assert translation_cache.translate(first, SEED_SENTENCE) is before

    word = retrain(one_model, seconds_later=10)
    second = registry_translator()
    assert second is not first   # the new weights are loaded, not the cached model
    assert registry_translator() is second
    after = translation_cache.translate(second, SEED_SENTENCE)
    assert set(after.target_tokens) == {word} and set(before.target_tokens) != {word}


def test_a_failing_generator_costs_the_test_split_and_says_so_in_the_log(monkeypatch, caplog):
    import core.nmt.held_out

    def broken(seed, conversational=False):
        raise RuntimeError("the grammar is broken")

    monkeypatch.setattr(core.nmt.held_out, "generated_test_split", broken)
    model_registry._test_split.clear()
    try:
        with caplog.at_level(logging.ERROR, logger="app.model_registry"):
            assert model_registry._test_split(987) is None
    finally:
        model_registry._test_split.clear()
    (record,) = [r for r in caplog.records if r.name == "app.model_registry"]
    assert "seed 987" in record.getMessage() and record.exc_info[1].args == ("the grammar is broken",)
