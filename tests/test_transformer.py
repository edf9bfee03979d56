"""The transformer (core/nmt/transformer.py): masks, caching, batching, learning, checkpoints, and
the interface decoding and translation use."""
import pytest
import torch

from core.fit import FitSettings, StepReport, fit
from core.language.text import EOS_ID, PAD_ID, SOS_ID, Vocabulary
from core.nmt.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from core.nmt.decode import beam_search, greedy_decode, greedy_decode_batch
from core.nmt.model import cross_entropy
from core.nmt.translate import Translator
from core.nmt.transformer import (Transformer, TransformerConfig, attention_maps, causal_mask, init_transformer,
                                  sinusoidal_positions, warmup_callbacks, warmup_learning_rate)


def untrained(seed=0, **sizes) -> Transformer:
    settings = dict(model_size=32, heads=4, encoder_layers=2, decoder_layers=2, feedforward_size=64, dropout=0.1)
    model = Transformer(TransformerConfig("transformer", 40, 30, **{**settings, **sizes}))
    init_transformer(model, seed)
    return model.eval()


def padded_batch():
    # three sources of lengths 5, 1 and 3, padded to 5; previous words y_0..y_3 with y_0 = <sos>
    source = torch.tensor([[5, 6, 7, 8, 2], [2, PAD_ID, PAD_ID, PAD_ID, PAD_ID], [9, 10, 2, PAD_ID, PAD_ID]])
    previous = torch.tensor([[1, 4, 5, 6], [1, 7, 8, 9], [1, 4, 4, 4]])
    return source, previous


# ---------------------------------------------------------------- masks and attention


def test_a_future_target_word_never_changes_an_earlier_output():
    model = untrained()
    source, previous = padded_batch()
    with torch.inference_mode():
        before = model(source, None, previous)
        changed = previous.clone()
        changed[:, 2] = 11  # y_2 is the input at position 2: positions 0 and 1 must not see it
        after = model(source, None, changed)
    torch.testing.assert_close(after.logits[:, :2], before.logits[:, :2], rtol=0, atol=1e-6)
    for layer_before, layer_after in zip(before.cross_weights, after.cross_weights):
        torch.testing.assert_close(layer_after[:, :, :2], layer_before[:, :, :2], rtol=0, atol=1e-6)
    assert not torch.allclose(after.logits[:, 2:], before.logits[:, 2:])  # position 2 on does see it


def test_every_attention_row_sums_to_one_over_real_positions():
    model = untrained()
    source, previous = padded_batch()
    with torch.inference_mode():
        encoded = model.encode(source)
        out = model.decode(previous, model.start_state(encoded), encoded)
    real = source != PAD_ID  # (B, S)
    lengths = real.sum(1)
    future = ~torch.ones(4, 4, dtype=torch.bool).tril()  # (T, U) above the diagonal
    for weights in encoded.self_weights:  # (B, h, S, S)
        for row, length in enumerate(lengths):
            own = weights[row, :, :length]  # the rows of real positions
            torch.testing.assert_close(own.sum(-1), torch.ones(own.shape[:-1]))
            assert (own[..., length:] == 0).all()
    for weights in out.cross_weights:  # (B, h, T, S)
        torch.testing.assert_close(weights.sum(-1), torch.ones(weights.shape[:-1]))
        assert (weights * ~real[:, None, None, :] == 0).all()
    for weights in out.self_weights:  # (B, h, T, T)
        torch.testing.assert_close(weights.sum(-1), torch.ones(weights.shape[:-1]))
        assert (weights[:, :, future] == 0).all()
    torch.testing.assert_close(out.weights, out.cross_weights[-1].mean(dim=1))  # what decoding surfaces
    assert (out.weights[1, :, 0] == 1).all()  # a one-position source can only be looked at there


def test_causal_mask_lets_position_t_see_zero_to_t():
    assert causal_mask(0, 3).tolist() == [[True, False, False], [True, True, False], [True, True, True]]
    assert causal_mask(2, 2).tolist() == [[True, True, True, False], [True, True, True, True]]
    assert causal_mask(5, 1) is None  # one new position sees everything decoded so far


def test_positions_past_the_kept_table_are_the_same_sinusoids():
    model = untrained()
    kept = model.positions.size(0)
    torch.testing.assert_close(model.positions, sinusoidal_positions(0, kept, 32))
    ids = torch.tensor([[5, 6, 7, 8]])
    across = model.embed(model.target_embedding, ids, kept - 2)  # two positions in the table, two past it
    expected = model.target_embedding(ids) * 32 ** 0.5 + sinusoidal_positions(0, kept + 2, 32)[kept - 2:]
    torch.testing.assert_close(across, expected)
    pe = sinusoidal_positions(0, 3, 4)
    torch.testing.assert_close(pe[:, 0], torch.sin(torch.arange(3.0)))  # the fastest clock: sin(p), cos(p)
    torch.testing.assert_close(pe[:, 1], torch.cos(torch.arange(3.0)))


# ---------------------------------------------------------------- decoding


def test_incremental_decoding_with_the_cache_equals_decoding_the_whole_prefix():
    model = untrained()
    source, previous = padded_batch()
    with torch.inference_mode():
        encoded = model.encode(source)
        whole = model.decode(previous, model.start_state(encoded), encoded)
        state = model.start_state(encoded)
        for t in range(previous.size(1)):
            step = model.decode(previous[:, t:t + 1], state, encoded)  # one position, the cache for the rest
            state = step.hidden
            assert state.size(3) == t + 1  # the cache grows by this step's keys and values only
            torch.testing.assert_close(step.logits[:, 0], whole.logits[:, t], rtol=1e-5, atol=1e-5)
            torch.testing.assert_close(step.weights[:, 0], whole.weights[:, t], rtol=1e-5, atol=1e-6)
            for one, full in zip(step.self_weights, whole.self_weights):
                torch.testing.assert_close(one[:, :, 0], full[:, :, t, :t + 1], rtol=1e-5, atol=1e-6)
            for one, full in zip(step.cross_weights, whole.cross_weights):
                torch.testing.assert_close(one[:, :, 0], full[:, :, t], rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(state, whole.hidden, rtol=1e-5, atol=1e-6)


def test_batched_decoding_equals_decoding_one_sentence_at_a_time():
    model = untrained(seed=3)
    sentences = [[5, 6, 7, 8, 9, 2], [10, 2], [11, 12, 13, 2]]
    batched, attentions = greedy_decode_batch(model, sentences, max_length=8, keep_attention=True)
    for ids, tokens, attention in zip(sentences, batched, attentions):
        alone = greedy_decode(model, ids, max_length=8)
        expected = alone.token_ids[:-1] if alone.token_ids[-1] == EOS_ID else alone.token_ids
        assert tokens == expected
        torch.testing.assert_close(attention, alone.attention[:len(tokens)], rtol=1e-5, atol=1e-6)
    source, previous = padded_batch()
    with torch.inference_mode():
        together = model(source, None, previous).logits
        for row, length in enumerate((5, 1, 3)):
            alone = model(source[row:row + 1, :length], None, previous[row:row + 1]).logits
            torch.testing.assert_close(together[row], alone[0], rtol=1e-5, atol=1e-5)


def test_beam_search_of_width_one_is_greedy_decoding():
    model = untrained(seed=1)
    for ids in ([5, 6, 7, 2], [12, 2], [9, 8, 7, 6, 5, 4, 2]):
        greedy, beam = greedy_decode(model, ids), beam_search(model, ids, beam_size=1, alpha=0.0)
        assert beam.token_ids == greedy.token_ids
        assert beam.score == pytest.approx(greedy.score, abs=1e-4)
        torch.testing.assert_close(beam.attention, greedy.attention)


def test_beam_search_keeps_several_hypotheses_and_a_forced_prefix():
    model = untrained(seed=2)
    free = beam_search(model, [5, 6, 7, 2], beam_size=4)
    assert sum(node.step == 1 for node in free.tree) == 4  # four live hypotheses, each extended
    forced = beam_search(model, [5, 6, 7, 2], beam_size=4, prefix_ids=[20, 21])
    assert forced.token_ids[:2] == [20, 21]


def test_an_attention_override_replaces_every_head_of_the_last_layer_and_nothing_else():
    model = untrained(seed=4)
    ids = [5, 6, 7, 8, 2]
    row = torch.tensor([0.0, 0.0, 1.0, 0.0, 0.0])
    plain = greedy_decode(model, ids, max_length=3)
    edited = greedy_decode(model, ids, max_length=3, override_weights={0: row})
    assert edited.steps[0].overridden and not edited.steps[1].overridden
    assert edited.steps[0].weights.tolist() == row.tolist()
    assert edited.steps[0].top_probabilities != plain.steps[0].top_probabilities
    with torch.inference_mode():
        encoded = model.encode(torch.tensor([ids]))
        out = model.decode(torch.tensor([[SOS_ID]]), model.start_state(encoded), encoded,
                           override_weights=row.reshape(1, 1, -1))
        unedited = model.decode(torch.tensor([[SOS_ID]]), model.start_state(encoded), encoded)
    assert (out.cross_weights[-1][0, :, 0] == row).all()  # every head of the last layer
    torch.testing.assert_close(out.cross_weights[0], unedited.cross_weights[0])  # earlier layers as they were


def test_attention_maps_of_a_translation_are_what_decoding_saw():
    model = untrained(seed=5)
    ids = [5, 6, 7, 2]
    decoded = greedy_decode(model, ids, max_length=6)
    maps = attention_maps(model, ids, decoded.token_ids)
    steps = len(decoded.token_ids)
    assert maps.encoder.shape == (2, 4, 4, 4)
    assert maps.decoder.shape == (2, 4, steps, steps) and maps.cross.shape == (2, 4, steps, 4)
    torch.testing.assert_close(maps.cross_average, decoded.attention, rtol=1e-5, atol=1e-6)
    assert (maps.decoder.triu(diagonal=1) == 0).all()


def test_the_output_layer_is_the_target_embedding():
    model = untrained()
    source, previous = padded_batch()
    with torch.inference_mode():
        before = model(source, None, previous[:, :1]).logits
        model.target_embedding.weight[25] += 1.0  # word 25 is never an input here: only its output changes
        after = model(source, None, previous[:, :1]).logits
    changed = (after != before).any(dim=(0, 1))
    assert changed.tolist() == [word == 25 for word in range(30)]
    assert not any("output" in name and "weight" in name and "attention" not in name
                   for name, _ in model.named_parameters())


# ---------------------------------------------------------------- learning


HINDI = ["एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ"]
ENGLISH = ["one", "two", "three", "four", "five", "six", "seven", "eight"]


def copy_batch(generator, size):
    """Sentences of 1 to 6 of the 8 words (ids 4..11 on both sides): source, previous, target."""
    lengths = torch.randint(1, 7, (size,), generator=generator).tolist()
    sentences = [torch.randint(4, 12, (length,), generator=generator).tolist() for length in lengths]
    source = torch.full((size, 7), PAD_ID)
    previous, target = source.clone(), source.clone()
    for row, words in enumerate(sentences):
        source[row, :len(words) + 1] = torch.tensor(words + [EOS_ID])
        previous[row, :len(words) + 1] = torch.tensor([SOS_ID] + words)
        target[row, :len(words) + 1] = torch.tensor(words + [EOS_ID])
    return source, previous, target, sentences


class CopyTask:
    """A core.fit task: 200 batches of copies, recording the learning rate of every update."""

    def __init__(self, model, optimizer):
        self.model, self.optimizer, self.rates = model, optimizer, []
        generator = torch.Generator().manual_seed(0)
        self.data = [copy_batch(generator, 32) for _ in range(200)]

    def batches(self, epoch):
        return self.data

    def loss(self, batch):
        self.rates.append(self.optimizer.param_groups[0]["lr"])
        source, previous, target, _ = batch
        return cross_entropy(self.model(source, None, previous).logits, target), int((target != PAD_ID).sum())

    def validate(self):
        return 0.0, 0.0


@pytest.fixture(scope="module")
def copier():
    """A one-layer transformer (d = 32, 2 heads) fitted by core.fit to copy its input, with the warm-up."""
    torch.manual_seed(0)
    model = Transformer(TransformerConfig("transformer", 12, 12, model_size=32, heads=2, encoder_layers=1,
                                          decoder_layers=1, feedforward_size=64, dropout=0.0))
    init_transformer(model, 0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1.0, betas=(0.9, 0.98))
    task = CopyTask(model, optimizer)
    fit(model, optimizer, task, FitSettings(epochs=1, patience=1, clip_norm=1.0),
        callbacks=[warmup_callbacks(optimizer, peak=1e-2, warmup_steps=20)])
    model.eval()
    return model, task


def test_a_tiny_transformer_learns_to_copy(copier):
    model, task = copier
    seen = {tuple(words) for batch in task.data for words in batch[3]}
    generator = torch.Generator().manual_seed(99)
    held_out = [words for words in copy_batch(generator, 400)[3] if tuple(words) not in seen][:200]
    assert len(held_out) >= 150
    copies, _ = greedy_decode_batch(model, [words + [EOS_ID] for words in held_out])
    exact = sum(copy == words for copy, words in zip(copies, held_out)) / len(held_out)
    assert exact >= 0.9


def test_the_warm_up_callbacks_set_the_rate_of_every_update(copier):
    _, task = copier
    assert task.rates[:3] == pytest.approx([1e-2 / 20, 2e-2 / 20, 3e-2 / 20])  # update 1 too, not the optimizer's 1.0
    assert task.rates[19] == pytest.approx(1e-2)  # the peak at the end of the warm-up
    assert task.rates[79] == pytest.approx(1e-2 * (20 / 80) ** 0.5)


def test_the_warm_up_rises_linearly_then_decays_as_one_over_root_step():
    rates = [warmup_learning_rate(step, 1e-3, 100) for step in range(1, 401)]
    assert rates[0] == pytest.approx(1e-5) and rates[49] == pytest.approx(5e-4)
    assert max(rates) == pytest.approx(1e-3) and rates.index(max(rates)) == 99
    assert rates[399] == pytest.approx(5e-4)  # step 400 = 4 × warm-up: half the peak
    assert all(a < b for a, b in zip(rates[:99], rates[1:100]))
    assert all(a > b for a, b in zip(rates[99:], rates[100:]))


def test_the_plateau_decay_holds_the_peak_and_leaves_the_rate_to_the_halving_after_the_warm_up():
    rates = [warmup_learning_rate(step, 1e-3, 100, "plateau") for step in range(1, 401)]
    assert rates[:100] == pytest.approx([warmup_learning_rate(step, 1e-3, 100) for step in range(1, 101)])
    assert rates[100:] == pytest.approx([1e-3] * 300)
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.Adam([parameter], lr=1.0)
    callbacks = warmup_callbacks(optimizer, peak=1e-3, warmup_steps=4, decay="plateau")
    callbacks.on_start()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(1e-3 / 4)
    for step in range(1, 4):
        callbacks.on_step(StepReport(step=step, epoch=1, loss=0.0, epoch_fraction=0.0, tokens_per_second=0.0))
    assert optimizer.param_groups[0]["lr"] == pytest.approx(1e-3)   # update 4: the peak
    optimizer.param_groups[0]["lr"] = 5e-4   # a halving on a plateau, as core.fit's schedule makes
    callbacks.on_step(StepReport(step=4, epoch=1, loss=0.0, epoch_fraction=0.0, tokens_per_second=0.0))
    assert optimizer.param_groups[0]["lr"] == pytest.approx(5e-4)   # kept, not reset to the peak


# ---------------------------------------------------------------- checkpoints and translation


@pytest.fixture
def saved_copier(tmp_path, copier):
    model, _ = copier
    source_vocab = Vocabulary(["<pad>", "<sos>", "<eos>", "<unk>", *HINDI])
    target_vocab = Vocabulary(["<pad>", "<sos>", "<eos>", "<unk>", *ENGLISH])
    save_checkpoint(tmp_path / "copier", model, source_vocab, target_vocab, {"max_source_tokens": 8})
    return tmp_path / "copier", model


def test_save_then_load_gives_identical_outputs(saved_copier):
    folder, model = saved_copier
    loaded = load_checkpoint(folder)
    assert loaded.kind == "transformer" and isinstance(loaded.model, Transformer)
    assert not loaded.model.training and loaded.model.config == model.config
    source, previous, _, _ = copy_batch(torch.Generator().manual_seed(7), 8)
    with torch.inference_mode():
        torch.testing.assert_close(loaded.model(source, None, previous).logits, model(source, None, previous).logits,
                                   rtol=0, atol=0)
    ids = [5, 6, 7, 2]
    assert greedy_decode(loaded.model, ids).token_ids == greedy_decode(model, ids).token_ids


def test_a_loaded_transformer_translates_text(saved_copier):
    folder, _ = saved_copier
    translator = Translator(load_checkpoint(folder))
    translation = translator.translate("तीन एक चार")
    assert translation.target_tokens == ["three", "one", "four"]
    assert translation.decoded.attention.shape == (4, 4)  # three words and <eos>, over three words and <eos>
    assert translator.translate("तीन एक चार", beam_size=3).target_tokens == ["three", "one", "four"]
    forced = translator.translate("तीन एक चार", prefix="two")
    assert forced.target_tokens[0] == "two"


def broken(state, case):
    weights = state["state_dict"]
    if case == "missing":
        del weights["decoder_layers.0.cross_attention.key.weight"]
    elif case == "shape":
        weights["encoder_layers.0.feedforward.inner.weight"] = torch.zeros(65, 32)
    elif case == "extra":
        weights["decoder_layers.1.self_attention.query.weight"] = torch.zeros(32, 32)
    elif case == "heads":
        state["model_config"]["heads"] = 3  # 32 is not a multiple of 3
    elif case == "field":
        state["model_config"]["hidden_size"] = 64  # a GRU model's field
    elif case == "layers":
        state["model_config"]["decoder_layers"] = 0
    return state


@pytest.mark.parametrize("case, message", [
    ("missing", "cross_attention.key.weight is missing"),
    ("shape", "feedforward.inner.weight is 65×32, the configuration needs 64×32"),
    ("extra", "unexpected decoder_layers.1"),
    ("heads", "must be a multiple of heads"),
    ("field", "unknown fields \\(hidden_size\\)"),
    ("layers", "decoder_layers is 0"),
])
def test_a_broken_transformer_checkpoint_is_refused_with_its_reason(saved_copier, case, message):
    folder, _ = saved_copier
    state = torch.load(folder / "model.pt", weights_only=True)
    torch.save(broken(state, case), folder / "model.pt")
    with pytest.raises(CheckpointError, match=message):
        load_checkpoint(folder)
