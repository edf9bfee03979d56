import pickle

import pytest
import torch

from core.nmt.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from core.nmt.decode import greedy_decode
from core.language.text import tokenize_hindi


@pytest.fixture
def saved(tmp_path, trained_toy):
    result = trained_toy("additive")
    save_checkpoint(tmp_path / "toy", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 60}, result.history)
    return tmp_path / "toy", result


def test_save_then_load_gives_identical_outputs(saved):
    folder, result = saved
    loaded = load_checkpoint(folder)
    ids = result.source_vocab.encode(tokenize_hindi("वह किताब पढ़ रही है"), add_eos=True)
    before, after = greedy_decode(result.model, ids), greedy_decode(loaded.model, ids)
    assert before.token_ids == after.token_ids
    torch.testing.assert_close(before.attention, after.attention)
    assert not loaded.model.training
    assert loaded.history()["epochs"]


def test_missing_weights_are_reported(saved):
    folder, _ = saved
    (folder / "model.pt").unlink()
    with pytest.raises(CheckpointError, match="model.pt is missing"):
        load_checkpoint(folder)


def test_truncated_file_is_reported(saved):
    folder, _ = saved
    data = (folder / "model.pt").read_bytes()
    (folder / "model.pt").write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="truncated"):
        load_checkpoint(folder)


def test_wrong_format_version_is_reported(saved):
    folder, _ = saved
    state = torch.load(folder / "model.pt", weights_only=True)
    state["format_version"] = 99
    torch.save(state, folder / "model.pt")
    with pytest.raises(CheckpointError, match="format version 99"):
        load_checkpoint(folder)


def test_vocabulary_that_does_not_match_the_weights_is_reported(saved):
    folder, _ = saved
    state = torch.load(folder / "model.pt", weights_only=True)
    state["target_vocab"] = state["target_vocab"][:-2]
    torch.save(state, folder / "model.pt")
    with pytest.raises(CheckpointError, match="do not match"):
        load_checkpoint(folder)


def test_weights_that_do_not_fit_the_config_are_reported(saved):
    folder, _ = saved
    state = torch.load(folder / "model.pt", weights_only=True)
    state["model_config"]["hidden_size"] = 32
    torch.save(state, folder / "model.pt")
    with pytest.raises(CheckpointError, match="do not fit"):
        load_checkpoint(folder)


class RunsCode:
    def __reduce__(self):
        return (exec, ("import pathlib; pathlib.Path('PWNED').write_text('x')",))


def test_a_pickle_that_would_run_code_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil").mkdir()
    with open(tmp_path / "evil" / "model.pt", "wb") as file:
        pickle.dump({"state_dict": RunsCode()}, file)
    torch.save({"format_version": 1, "state_dict": RunsCode()}, tmp_path / "evil" / "model.pt")
    with pytest.raises(CheckpointError, match="arbitrary code"):
        load_checkpoint(tmp_path / "evil")
    assert not (tmp_path / "PWNED").exists()


def test_an_interrupted_save_leaves_the_previous_checkpoint_loadable(saved, monkeypatch):
    folder, result = saved
    before = (folder / "model.pt").read_bytes()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        save_checkpoint(folder, result.model, result.source_vocab, result.target_vocab, {}, result.history)
    monkeypatch.undo()
    assert (folder / "model.pt").read_bytes() == before
    assert not list(folder.glob("*.tmp"))
    load_checkpoint(folder)
