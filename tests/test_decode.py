import torch

from core.nmt.decode import beam_search, greedy_decode, greedy_decode_batch
from core.language.text import EOS_ID, tokenize_english, tokenize_hindi


def source_ids(result, text):
    return result.source_vocab.encode(tokenize_hindi(text), add_eos=True)


def test_small_model_overfits_the_toy_corpus(trained_toy):
    result = trained_toy("additive")
    from tests.toy_corpus import toy_pairs
    for pair in toy_pairs():
        decoded = greedy_decode(result.model, result.source_vocab.encode(pair.source_tokens, add_eos=True))
        assert result.target_vocab.decode(decoded.token_ids) == list(pair.target_tokens)


def test_greedy_reports_weights_probabilities_and_alternatives(trained_toy):
    result = trained_toy("dot")
    ids = source_ids(result, "वह पानी पी रही है")
    decoded = greedy_decode(result.model, ids, top_k=3)
    assert decoded.token_ids[-1] == EOS_ID
    assert decoded.attention.shape == (len(decoded.token_ids), len(ids))
    torch.testing.assert_close(decoded.attention.sum(1), torch.ones(len(decoded.token_ids)))
    for step in decoded.steps:
        assert step.top_ids[0] == step.token_id
        assert step.top_probabilities == sorted(step.top_probabilities, reverse=True)
        assert 0 < step.top_probabilities[0] <= 1


def test_beam_of_size_one_equals_greedy(trained_toy):
    for kind in ("additive", "encdec"):
        result = trained_toy(kind)
        for text in ("मैं किताब पढ़ रहा हूँ", "हम पानी पी रहे हैं", "वह खाना"):
            ids = source_ids(result, text)
            assert beam_search(result.model, ids, beam_size=1).token_ids == greedy_decode(result.model, ids).token_ids


def test_beam_search_tree_has_parents_and_marks_the_winning_path(trained_toy):
    result = trained_toy("general")
    decoded = beam_search(result.model, source_ids(result, "मैं पानी पी रहा हूँ"), beam_size=4)
    assert result.target_vocab.decode(decoded.token_ids) == ["I", "am", "drinking", "water"]
    tree = decoded.tree
    assert tree[0].parent_id is None and all(node.parent_id < node.node_id for node in tree[1:])
    best = [node for node in tree if node.on_best_path]
    assert [node.token_id for node in best[1:]] == decoded.token_ids
    assert len([node for node in tree if node.step == 0]) == 4  # four hypotheses after the first word


def test_forced_prefix_is_kept_and_continued(trained_toy):
    result = trained_toy("additive")
    ids = source_ids(result, "मैं किताब पढ़ रहा हूँ")
    prefix = result.target_vocab.encode(tokenize_english("we are"))
    for decoded in (greedy_decode(result.model, ids, prefix_ids=prefix),
                    beam_search(result.model, ids, beam_size=3, prefix_ids=prefix)):
        assert decoded.token_ids[:2] == prefix
        assert decoded.token_ids[-1] == EOS_ID
        assert decoded.steps[0].forced and not decoded.steps[2].forced


def test_beam_search_opens_to_its_full_width_after_a_forced_prefix(trained_toy):
    result = trained_toy("additive")
    ids = source_ids(result, "मैं किताब पढ़ रहा हूँ")
    prefix = result.target_vocab.encode(tokenize_english("we are"))
    tree = beam_search(result.model, ids, beam_size=3, prefix_ids=prefix).tree
    assert [len([node for node in tree if node.step == t]) for t in range(3)] == [1, 1, 3]


def test_attention_override_is_used_and_changes_the_output(trained_toy):
    result = trained_toy("additive")
    ids = source_ids(result, "वह पानी पी रही है")
    original = greedy_decode(result.model, ids)
    changed_any = False
    for position in range(len(ids)):
        one_hot = torch.zeros(len(ids))
        one_hot[position] = 1.0
        overrides = {t: one_hot for t in range(len(original.token_ids))}
        edited = greedy_decode(result.model, ids, override_weights=overrides)
        assert torch.equal(edited.steps[0].weights, one_hot) and edited.steps[0].overridden
        changed_any |= edited.token_ids != original.token_ids
    assert changed_any


def test_batched_greedy_matches_one_at_a_time(trained_toy):
    result = trained_toy("general")
    from tests.toy_corpus import toy_pairs
    batch = [result.source_vocab.encode(p.source_tokens, add_eos=True) for p in toy_pairs()]
    outputs, attentions = greedy_decode_batch(result.model, batch, keep_attention=True)
    for ids, output, attention in zip(batch, outputs, attentions):
        single = greedy_decode(result.model, ids)
        assert output == single.token_ids[:-1]
        torch.testing.assert_close(attention, single.attention[:-1], atol=1e-5, rtol=1e-4)


# ---------------------------------------------------------------- the fast search step: the same numbers
# Seq2Seq.search_step calls the layers' kernels directly (tools.bench measures why). These tests
# hold it to the unoptimised path, written out here module by module as decode() computed it
# before, to the last bit: logits, state, weights, scores and context, and whole translations.

import pytest  # noqa: E402

from core.nmt.checkpoint import SHIPPED_DIR, load_checkpoint  # noqa: E402
from core.nmt.model import MODEL_KINDS, ModelConfig, Seq2Seq, init_weights  # noqa: E402
from core.language.text import PAD_ID, SOS_ID  # noqa: E402


def module_scores(context, queries, keys):
    """e_tj as the context modules computed it, each layer called as a module."""
    kind = type(context).__name__
    if kind == "AdditiveContext":
        energy = torch.tanh(context.query_projection(queries)[:, :, None, :] + keys[:, None, :, :])
        return context.v(energy).squeeze(-1)
    if kind == "UniformContext":
        return queries.new_zeros(queries.size(0), queries.size(1), keys.size(1))
    return torch.bmm(queries, keys.transpose(1, 2))  # dot, and general on its prepared keys


def reference_step(model, previous, hidden, encoded, override=None):
    """One decoder step the unoptimised way: every layer a module call, dropout included, the
    padding mask always applied. Returns logits, hidden, weights, scores, context."""
    embedded = model.dropout(model.target_embedding(previous))
    rnn = model.decoder_rnn
    state = torch.gru_cell(embedded[:, 0], hidden[0], rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0,
                           rnn.bias_hh_l0)
    states = state[:, None]
    if not model.has_attention_weights:
        weights = scores = None
        context = encoded.final[:, None, :].expand(-1, 1, -1)
    else:
        scores = module_scores(model.context, states, encoded.keys)
        masked = scores.masked_fill(~encoded.mask[:, None, :], torch.finfo(scores.dtype).min)
        weights = torch.softmax(masked, dim=-1) * encoded.mask[:, None, :]
        if override is not None:
            weights = override
        context = torch.bmm(weights, encoded.states)
    combined = torch.tanh(model.combine(torch.cat([context, states], dim=-1)))
    return model.output(model.dropout(combined)), state[None], weights, scores, context


def reference_greedy(model, ids, max_length):
    """Greedy decoding with reference_step: the token ids and every step's logits and weights."""
    encoded = model.encode(torch.tensor([ids]), torch.tensor([len(ids)]))
    hidden = model.start_state(encoded)
    previous = torch.tensor([[SOS_ID]])
    tokens, logits, weights = [], [], []
    for _ in range(max_length):
        step_logits, hidden, step_weights, _, _ = reference_step(model, previous, hidden, encoded)
        log_probs = torch.log_softmax(step_logits[0, 0], dim=-1)
        log_probs[PAD_ID] = log_probs[SOS_ID] = float("-inf")
        tokens.append(int(log_probs.argmax()))
        logits.append(step_logits[0, 0])
        weights.append(None if step_weights is None else step_weights[0, 0])
        if tokens[-1] == EOS_ID:
            break
        previous = torch.tensor([[tokens[-1]]])
    return tokens, logits, weights


def same(a, b) -> bool:
    """Equal to the last bit (NaN where the other has NaN)."""
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and torch.equal(torch.nan_to_num(a, nan=7.0), torch.nan_to_num(b, nan=7.0))


def untrained(kind: str, seed: int = 0) -> Seq2Seq:
    model = Seq2Seq(ModelConfig(kind, 40, 30, embedding_size=16, hidden_size=24, attention_size=8, dropout=0.3))
    init_weights(model, seed)
    return model.eval()


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_search_step_gives_the_unoptimised_numbers_to_the_last_bit(kind):
    model = untrained(kind)
    generator = torch.Generator().manual_seed(1)
    with torch.inference_mode():
        for batch, padded in ((1, False), (3, True)):   # one sentence, and a batch with padding
            lengths = torch.tensor([7, 4, 2][:batch])
            source = torch.randint(4, 40, (batch, 7), generator=generator)
            if padded:
                source[1, 4:] = PAD_ID
                source[2, 2:] = PAD_ID
            encoded = model.encode(source, lengths)
            assert encoded.padded == padded
            hidden = model.start_state(encoded)
            previous = torch.randint(4, 30, (batch, 1), generator=generator)
            for _ in range(3):
                fast = model.decode(previous, hidden, encoded)
                logits, reference_hidden, weights, scores, context = reference_step(model, previous, hidden, encoded)
                assert same(fast.logits, logits) and same(fast.hidden, reference_hidden)
                assert same(fast.weights, weights) and same(fast.scores, scores) and same(fast.context, context)
                hidden, previous = fast.hidden, fast.logits.argmax(-1)


def test_search_step_applies_an_attention_override_as_before():
    model = untrained("additive")
    with torch.inference_mode():
        encoded = model.encode(torch.tensor([[5, 6, 7, 8]]), torch.tensor([4]))
        hidden, previous = model.start_state(encoded), torch.tensor([[SOS_ID]])
        override = torch.tensor([[[0.0, 1.0, 0.0, 0.0]]])
        fast = model.decode(previous, hidden, encoded, override_weights=override)
        logits, _, weights, _, context = reference_step(model, previous, hidden, encoded, override)
        assert same(fast.logits, logits) and same(fast.weights, override) and same(fast.context, context)


def test_training_mode_still_runs_the_modules_with_dropout():
    """search_step is for eval mode only: a model in training mode keeps its dropout."""
    model = untrained("dot").train()
    torch.manual_seed(0)
    with torch.no_grad():
        encoded = model.encode(torch.tensor([[5, 6, 7]]), torch.tensor([3]))
        hidden = model.start_state(encoded)
        outputs = {tuple(model.decode(torch.tensor([[SOS_ID]]), hidden, encoded).logits.flatten().tolist())
                   for _ in range(4)}
    assert len(outputs) > 1, "dropout drew different masks"


@pytest.mark.parametrize("kind", [kind for kind in MODEL_KINDS if (SHIPPED_DIR / kind / "model.pt").is_file()])
def test_shipped_models_decode_exactly_as_the_unoptimised_path(kind):
    """Real weights, real sentences: greedy_decode's tokens, log-probabilities and attention rows
    equal a greedy loop over reference_step, bit for bit."""
    loaded = load_checkpoint(SHIPPED_DIR / kind, name=kind)
    model = loaded.model.eval()
    for text in ("मैं खाना खा रहा हूँ", "मेरी बहन बाज़ार में सब्ज़ी ख़रीद रही है",
                 "राम और सीता पार्क में क्रिकेट खेल रहे हैं और वह पानी पी रहा है"):
        ids = loaded.source_vocab.encode(tokenize_hindi(text), add_eos=True)
        decoded = greedy_decode(model, ids)
        with torch.inference_mode():
            tokens, logits, weights = reference_greedy(model, ids, len(decoded.token_ids))
        assert decoded.token_ids == tokens
        for step, step_logits, step_weights in zip(decoded.steps, logits, weights):
            log_probs = torch.log_softmax(step_logits, dim=-1)
            assert step.log_probability == float(log_probs[step.token_id])
            assert same(step.weights, step_weights)


def packed_encoding(encoder, source, lengths):
    """The encoder's states and final state through a packed sequence, as a padded batch gets them."""
    embedded = encoder.embedding(source)
    packed = torch.nn.utils.rnn.pack_padded_sequence(embedded, lengths, batch_first=True, enforce_sorted=False)
    packed_states, final = encoder.rnn(packed)
    states, _ = torch.nn.utils.rnn.pad_packed_sequence(packed_states, batch_first=True, total_length=source.size(1))
    return states, torch.cat([final[0], final[1]], dim=-1)


@pytest.mark.parametrize("kind", [kind for kind in MODEL_KINDS if (SHIPPED_DIR / kind / "model.pt").is_file()][:2]
                         + ["untrained"])
def test_one_sentence_is_encoded_without_packing_to_the_same_bits(kind):
    """A single unpadded sentence skips the packing; its states equal the packed run's bit for bit."""
    model = untrained("additive") if kind == "untrained" else load_checkpoint(SHIPPED_DIR / kind, name=kind).model.eval()
    vocab = model.config.source_vocab_size
    generator = torch.Generator().manual_seed(3)
    with torch.inference_mode():
        for length in (1, 2, 9, 21, 45):
            source = torch.randint(4, vocab, (1, length), generator=generator)
            states, final = model.encoder(source, torch.tensor([length]))
            packed_states, packed_final = packed_encoding(model.encoder, source, torch.tensor([length]))
            assert same(states, packed_states) and same(final, packed_final)


def test_the_word_chosen_from_the_logits_is_the_best_writable_one_and_never_pad_or_sos():
    from core.nmt.decode import best_writable, writable
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(6, 40, generator=generator) * 4
    logits[0, PAD_ID] = logits[1, SOS_ID] = 100.0   # the highest score on a word no decoder may write
    chosen = best_writable(logits)[:, 0]
    assert chosen.tolist() == writable(torch.log_softmax(logits, dim=-1)).argmax(dim=-1).tolist()
    assert not set(chosen.tolist()) & {PAD_ID, SOS_ID}
