import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from core.nmt.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from core.nmt.decode import greedy_decode
from core.language.text import tokenize_hindi

ROOT = Path(__file__).resolve().parent.parent


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


# ------------------------------------------------------------------ every way model.pt/config.json can be broken
# Each case damages a good checkpoint one way; load_checkpoint must raise CheckpointError (the
# only exception the pages and the CLI catch) naming the problem, never anything else.


def _set_config(**changes):
    def damage(state, folder):
        state["model_config"].update(changes)
        torch.save(state, folder / "model.pt")
    return damage


def _set_state(key, value):
    def damage(state, folder):
        state[key] = value(state) if callable(value) else value
        torch.save(state, folder / "model.pt")
    return damage


def _set_json(key, value):
    def damage(state, folder):
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        config[key] = value
        (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return damage


def _write_bytes(data):
    def damage(state, folder):
        (folder / "model.pt").write_bytes(data)
    return damage


def _change_weights(change):
    def damage(state, folder):
        change(state["state_dict"])
        torch.save(state, folder / "model.pt")
    return damage


FIRST_WEIGHT = "encoder.embedding.weight"
BROKEN = {
    "empty_file": (_write_bytes(b""), "empty (0 bytes)"),
    "text_file": (_write_bytes(b"hello world"), "not a PyTorch file"),
    "first_bytes_only": (lambda state, folder: (folder / "model.pt").write_bytes((folder / "model.pt").read_bytes()[:64]),
                         "truncated"),
    "hidden_size_huge": (_set_config(hidden_size=200_000), "hidden_size is 200000"),
    "hidden_size_negative": (_set_config(hidden_size=-2), "hidden_size is -2"),
    "hidden_size_zero": (_set_config(hidden_size=0), "hidden_size is 0"),
    "hidden_size_odd": (_set_config(hidden_size=33), "must be even"),
    "hidden_size_text": (_set_config(hidden_size="256"), "hidden_size is '256'"),
    "hidden_size_float": (_set_config(hidden_size=64.0), "hidden_size is 64.0"),
    "hidden_size_bool": (_set_config(hidden_size=True), "hidden_size is True"),
    "hidden_size_list": (_set_config(hidden_size=[64]), "hidden_size is [64]"),
    "embedding_size_zero": (_set_config(embedding_size=0), "embedding_size is 0"),
    "attention_size_huge": (_set_config(attention_size=10**9), "attention_size is 1000000000"),
    "vocab_size_huge": (_set_config(source_vocab_size=10**12), "source_vocab_size"),
    "vocab_size_none": (_set_config(target_vocab_size=None), "target_vocab_size is None"),
    "dropout_text": (_set_config(dropout="x"), "dropout"),
    "dropout_one": (_set_config(dropout=1.0), "dropout"),
    "kind_unknown": (_set_config(kind="lstm"), "kind is 'lstm'"),
    "config_unknown_field": (_set_config(layers=12), "unknown fields (layers)"),
    "config_not_a_dict": (_set_state("model_config", [1, 2]), "no model configuration"),
    "config_missing": (lambda state, folder: (state.pop("model_config"), torch.save(state, folder / "model.pt")),
                       "no model configuration"),
    "format_version_text": (_set_state("format_version", "1"), "format version '1'"),
    "state_dict_not_a_dict": (_set_state("state_dict", [1, 2]), "no state_dict"),
    "weights_missing_a_tensor": (_change_weights(lambda weights: weights.pop(FIRST_WEIGHT)), "is missing"),
    "weights_extra_tensor": (_change_weights(lambda weights: weights.update(extra=torch.zeros(2))), "unexpected extra"),
    "weights_wrong_shape": (_change_weights(lambda weights: weights.update({FIRST_WEIGHT: torch.zeros(3, 3)})),
                            "the configuration needs"),
    "weights_not_a_tensor": (_change_weights(lambda weights: weights.update({FIRST_WEIGHT: "w"})), "is missing"),
    "weights_integers": (_change_weights(lambda weights: weights.update(
        {FIRST_WEIGHT: weights[FIRST_WEIGHT].to(torch.int64)})), "not floating-point"),
    "vocab_not_a_list": (_set_state("source_vocab", "मैं खाना"), "not a list of words"),
    "vocab_of_numbers": (_set_state("target_vocab", lambda state: list(range(len(state["target_vocab"])))),
                         "not a list of words"),
    "vocab_without_specials": (_set_state("target_vocab", lambda state: state["target_vocab"][4:] + ["a", "b", "c", "d"]),
                               "must start with"),
    "vocab_repeats_a_word": (_set_state("target_vocab", lambda state: state["target_vocab"][:-1] + ["<unk>"]),
                             "must not repeat"),
    "vocab_shorter_than_the_model": (_set_state("source_vocab", lambda state: state["source_vocab"][:-1]),
                                     "do not match"),
    "max_source_tokens_text_in_model_pt": (_set_state("max_source_tokens", "abc"), "max_source_tokens in model.pt"),
    "max_source_tokens_zero_in_model_pt": (_set_state("max_source_tokens", 0), "max_source_tokens in model.pt is 0"),
    "max_source_tokens_text": (_set_json("max_source_tokens", "abc"), "max_source_tokens in config.json is 'abc'"),
    "max_source_tokens_zero": (_set_json("max_source_tokens", 0), "max_source_tokens in config.json is 0"),
    "max_source_tokens_negative": (_set_json("max_source_tokens", -5), "max_source_tokens in config.json is -5"),
    "max_source_tokens_one": (_set_json("max_source_tokens", 1), "whole number from 2"),
    "max_source_tokens_fraction": (_set_json("max_source_tokens", 2.5), "is 2.5"),
    "max_source_tokens_null": (_set_json("max_source_tokens", None), "is None"),
    "max_source_tokens_huge": (_set_json("max_source_tokens", 10**18), "whole number from 2 to 10,000"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_every_broken_checkpoint_is_a_checkpoint_error_with_its_reason(saved, case):
    folder, _ = saved
    damage, words = BROKEN[case]
    damage(torch.load(folder / "model.pt", weights_only=True), folder)
    with pytest.raises(CheckpointError) as error:
        load_checkpoint(folder)
    message = str(error.value)
    assert words in message, message
    assert message.startswith("toy: ") and "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_translate_command_prints_one_line_for_a_broken_checkpoint(saved, case, capsys):
    from core.nmt.translate import main
    folder, _ = saved
    damage, words = BROKEN[case]
    damage(torch.load(folder / "model.pt", weights_only=True), folder)
    assert main(["--model", str(folder), "मैं"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], captured.err


def test_an_absurd_size_is_refused_before_any_model_is_built(saved, monkeypatch):
    """hidden_size 4096 is in range, but the weights are for 64: the shapes are compared on the
    meta device, so no real 4096-wide model (hundreds of MB) is ever allocated."""
    import core.nmt.checkpoint as checkpoint
    folder, _ = saved
    _set_config(hidden_size=4096, embedding_size=4096)(torch.load(folder / "model.pt", weights_only=True), folder)
    devices = []
    real = checkpoint.Seq2Seq

    def recording(config):
        devices.append(torch.empty(0).device.type)
        return real(config)

    monkeypatch.setattr(checkpoint, "Seq2Seq", recording)
    with pytest.raises(CheckpointError, match="do not fit"):
        load_checkpoint(folder)
    assert devices == ["meta"]


def test_a_model_that_cannot_be_built_is_a_checkpoint_error(saved, monkeypatch):
    import core.nmt.checkpoint as checkpoint
    folder, _ = saved

    def out_of_memory(config):
        raise RuntimeError("DefaultCPUAllocator: not enough memory: you tried to allocate 160000000000 bytes.")

    monkeypatch.setattr(checkpoint, "Seq2Seq", out_of_memory)
    with pytest.raises(CheckpointError, match="no model can be built.*not enough memory"):
        load_checkpoint(folder)


def test_an_empty_model_file_is_one_line_from_the_translate_command(saved):
    folder, _ = saved
    (folder / "model.pt").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "core.translate", "--model", str(folder), "मैं"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: toy: model.pt is empty (0 bytes): the save that wrote it did not "
                                          "finish. Train or copy the model again."]


def test_checkpoint_files_are_readable_by_other_users_whatever_the_umask(tmp_path, trained_toy):
    """A web server running as another user must be able to read a model: files 0644, folders
    0755 (mkstemp alone would leave 0600)."""
    result = trained_toy("additive")
    previous = os.umask(0o077)
    try:
        save_checkpoint(tmp_path / "shared", result.model, result.source_vocab, result.target_vocab,
                        {"max_source_tokens": 60}, result.history)
    finally:
        os.umask(previous)
    folder = tmp_path / "shared"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in folder.iterdir()}
    assert modes == {"model.pt": 0o644, "config.json": 0o644, "history.json": 0o644}


def test_loading_and_translating_never_imports_torch_dynamo():
    """The checkpoint's shape check builds the model on the meta device; were normal_ or arange run
    there, torch would import torch._dynamo (1.35 s of every server's and command's start)."""
    script = ("import sys\nfrom core.nmt.translate import Translator\n"
              "for name in ('additive', 'transformer'):\n"
              "    Translator.from_name(name).translate('मैं खाना खा रहा हूँ')\n"
              "print(sorted(m for m in sys.modules if m.startswith('torch._dynamo')))")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
