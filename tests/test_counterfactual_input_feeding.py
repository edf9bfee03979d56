"""Input feeding (ModelConfig.input_feeding): the contrast model for counterfactual attention. Off, the
decoder is the one every shipped model was trained as; on, the context of each step reaches the next."""
import functools
from pathlib import Path

import pytest
import torch

from core.language.text import SOS_ID
from core.nmt.checkpoint import CheckpointError, LoadedModel, load_checkpoint, resolve_model_path, save_checkpoint
from core.nmt.config import TrainConfig
from core.nmt.counterfactual import Batch, make_edit, padded
from core.nmt.counterfactual_eval import _forced_all, measure
from core.nmt.decode import greedy_decode, writable
from core.nmt.held_out import held_out_split_for
from core.nmt.model import ModelConfig, Seq2Seq, init_weights
from core.nmt.train import train
from tests.toy_corpus import toy_pairs, toy_splits

SIZES = dict(source_vocab_size=30, target_vocab_size=40, embedding_size=16, hidden_size=32, attention_size=8,
             dropout=0.0)


def small(feed: bool, kind: str = "additive") -> Seq2Seq:
    model = Seq2Seq(ModelConfig(kind, input_feeding=feed, **SIZES))
    init_weights(model, 0)
    return model.eval()


@functools.lru_cache(maxsize=None)
def fed_toy():
    """A tiny additive model with input feeding, trained on the toy corpus by core.nmt.train."""
    config = TrainConfig(model="additive", embedding_size=32, hidden_size=64, attention_size=32, epochs=15,
                         batch_size=4, learning_rate=1e-2, patience=15, dropout=0.0, input_feeding=True)
    return train(config, None, splits=toy_splits(), corpus_info={"corpus": "toy"})


def as_loaded(result) -> LoadedModel:
    return LoadedModel("fed", Path("."), result.model.eval(), result.source_vocab, result.target_vocab,
                       {"max_source_tokens": 60})


def test_input_feeding_widens_the_decoder_input_by_the_context_and_nothing_else():
    plain, fed = small(False), small(True)
    assert plain.decoder_rnn.input_size == 16 and fed.decoder_rnn.input_size == 16 + 32  # [embed(y) ; c_{t-1}]
    plain_shapes = {name: p.shape for name, p in plain.named_parameters()}
    fed_shapes = {name: p.shape for name, p in fed.named_parameters()}
    assert {n for n in plain_shapes if plain_shapes[n] != fed_shapes[n]} == {"decoder_rnn.weight_ih_l0"}
    encoded = fed.encode(torch.tensor([[5, 6, 7, 2]]), torch.tensor([4]))
    assert plain.start_state(encoded).shape == (1, 1, 32)
    assert fed.start_state(encoded).shape == (1, 1, 64) and fed.start_state(encoded)[0, 0, 32:].eq(0).all()  # c_0 = 0


@pytest.mark.parametrize("kind", ["uniform", "additive", "dot", "general"])
def test_off_the_shipped_models_keep_the_unfed_decoder(kind):
    """Their configs predate the flag: they load with it off and their weights fit, and the
    teacher-forced pass is the unfed wiring s_t = GRU(embed(y_{t-1}), s_{t-1}) bit for bit."""
    loaded = load_checkpoint(resolve_model_path(kind), name=kind)
    model = loaded.model
    assert model.config.input_feeding is False and model.decoder_rnn.input_size == model.config.embedding_size
    pairs = held_out_split_for(loaded)[::50][:25]
    source = padded([loaded.source_vocab.encode(p.source_tokens, add_eos=True) for p in pairs])
    lengths = torch.tensor([len(p.source_tokens) + 1 for p in pairs])
    target = padded([loaded.target_vocab.encode(p.target_tokens, add_eos=True) for p in pairs])
    previous = torch.cat([torch.full((len(pairs), 1), SOS_ID), target[:, :-1]], dim=1)
    with torch.inference_mode():
        encoded = model.encode(source, lengths)
        out = model.decode(previous, model.start_state(encoded), encoded)
        states, _ = model.decoder_rnn(model.target_embedding(previous), model.start_state(encoded))
        context, _, _ = model.context(states, encoded.keys, encoded.states, encoded.final, encoded.mask)
        expected = model.output(torch.tanh(model.combine(torch.cat([context, states], dim=-1))))
    assert torch.equal(out.logits, expected)


def test_with_input_feeding_an_edited_row_reaches_the_next_state_and_without_it_does_not():
    source = torch.tensor([[5, 6, 7, 8, 2]])
    for feed in (False, True):
        model = small(feed)
        with torch.inference_mode():
            encoded = model.encode(source, torch.tensor([5]))
            start, first = model.start_state(encoded), torch.tensor([[SOS_ID]])
            own = model.decode(first, start, encoded)
            edited = model.decode(first, start, encoded, override_weights=torch.tensor([[[0, 0, 0, 1.0, 0]]]))
            assert not torch.equal(own.context, edited.context)
            word = torch.tensor([[9]])
            after_own, after_edit = model.decode(word, own.hidden, encoded), model.decode(word, edited.hidden, encoded)
        # s_1 = GRU([embed(y_0) ; c_0], s_0) with feeding, GRU(embed(y_0), s_0) without
        s_own, s_edit = after_own.hidden[0, 0, :32], after_edit.hidden[0, 0, :32]
        assert torch.equal(s_own, s_edit) is not feed


def test_the_teacher_forced_pass_with_input_feeding_is_the_step_by_step_decode():
    model = small(True)
    source, previous = torch.tensor([[5, 6, 7, 2], [8, 9, 2, 0]]), torch.tensor([[1, 11, 12, 13], [1, 14, 15, 16]])
    rows = torch.softmax(torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(0)), dim=-1)
    with torch.inference_mode():
        encoded = model.encode(source, torch.tensor([4, 3]))
        for override in (None, rows):
            whole = model.decode(previous, model.start_state(encoded), encoded, override_weights=override)
            hidden, steps = model.start_state(encoded), []
            for t in range(4):
                out = model.decode(previous[:, t:t + 1], hidden, encoded,
                                   override_weights=None if override is None else override[:, t:t + 1])
                hidden = out.hidden
                steps.append(out.logits)
            torch.testing.assert_close(whole.logits, torch.cat(steps, dim=1))
            torch.testing.assert_close(whole.hidden, hidden)


def test_an_input_feeding_checkpoint_saves_and_loads_and_a_bad_flag_is_refused(tmp_path):
    result = fed_toy()
    save_checkpoint(tmp_path / "fed", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 60})
    loaded = load_checkpoint(tmp_path / "fed", name="fed")
    assert loaded.model.config.input_feeding is True
    ids = result.source_vocab.encode(toy_pairs()[4].source_tokens, add_eos=True)
    assert greedy_decode(loaded.model, ids).token_ids == greedy_decode(result.model.eval(), ids).token_ids
    state = torch.load(tmp_path / "fed" / "model.pt", weights_only=True)
    state["model_config"]["input_feeding"] = "yes"
    torch.save(state, tmp_path / "fed" / "model.pt")
    with pytest.raises(CheckpointError, match="input_feeding"):
        load_checkpoint(tmp_path / "fed", name="fed")


def test_the_tables_forced_pass_steps_each_row_of_an_input_feeding_model_as_a_decode_does():
    """With input feeding an edited row changes the later states, so the table cannot share them
    across kinds: each kind's forced pass must use at step t the row the edit gives step t. The
    rows a reference-forced greedy decode used, handed to one teacher-forced pass as a tensor, give
    the table's log-probabilities."""
    result = fed_toy()
    model = result.model.eval()
    pairs = toy_pairs()
    batch = Batch([result.source_vocab.encode(pair.source_tokens, add_eos=True) for pair in pairs],
                  list(range(len(pairs))))
    references = [result.target_vocab.encode(pair.target_tokens, add_eos=True) for pair in pairs]

    def edit(name, part):
        return None if name == "none" else make_edit(name, part, 0)

    names = ["none", "uniform", "permute"]
    shared = _forced_all(as_loaded(result), batch, references, edit, names)
    for name in names:
        for row, (ids, reference) in enumerate(zip(batch.source_ids, references)):
            rows = greedy_decode(model, ids, prefix_ids=reference, max_length=len(reference),
                                 edit_attention=edit(name, Batch([ids], [row]))).attention  # (T, S)
            previous = torch.tensor([[SOS_ID] + reference[:-1]])  # (1, T)
            with torch.inference_mode():
                encoded = model.encode(torch.tensor([ids]), torch.tensor([len(ids)]))
                logits = model.decode(previous, model.start_state(encoded), encoded, override_weights=rows[None]).logits
            log_probs = torch.log_softmax(writable(logits[0]), dim=-1)  # (T, V)
            expected = float(log_probs.gather(-1, torch.tensor(reference)[:, None]).sum())
            assert shared[name][0][row] == (pytest.approx(expected, abs=1e-5), len(reference)), (name, row)
    assert shared["permute"][0] != shared["none"][0]


def test_the_table_measures_an_input_feeding_model():
    loaded = as_loaded(fed_toy())
    rows = measure(loaded, toy_pairs(), ["uniform", "permute", "keep-max"])["counterfactuals"]
    assert rows["none"]["unchanged"]["all"] == 1.0 and rows["none"]["delta_log_prob_per_token"] == 0.0
    assert rows["none"]["step_kept"] == {"function": 1.0, "content": 1.0}
    assert rows["uniform"]["delta_log_prob_per_token"] < 0  # the reference costs more under flat attention
