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
