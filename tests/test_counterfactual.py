"""Counterfactual attention: each replaced row is what it claims, on constructed rows, a toy model
and the shipped models; the command line and the word classes."""
import functools
import json
import sys
import types

import pytest
import torch

from core.language import lexicon
from core.language.word_classes import word_class
from core.nmt.checkpoint import load_checkpoint, resolve_model_path
from core.nmt.counterfactual import (KINDS, Batch, CounterfactualError, gold_rows, keep_max_rows, make_edit,
                                     permutation_table, permuted_rows, remove_max_rows, translate_sentence,
                                     uniform_rows, unchanged_flags)
from core.language.text import EOS_ID, SOS_ID
from core.nmt.counterfactual import padded
from core.nmt.counterfactual_eval import _forced_all, _free_running, measure
from core.nmt.decode import greedy_decode, greedy_decode_batch, writable
from core.nmt.evaluate import main
from core.nmt.held_out import generated_test_split


@functools.lru_cache(maxsize=None)
def shipped(name: str):
    return load_checkpoint(resolve_model_path(name), name=name)


def some_pairs(count: int = 6):
    """Sentences of every length bucket of the generated test split (seed 0, the shipped models')."""
    pairs = generated_test_split(0)
    return pairs[::len(pairs) // count][:count]


def random_rows(batch: int, steps: int, lengths: list[int], seed: int = 1):
    """(B, T, S) distributions over each row's first lengths[b] positions, and the (B, 1, S) mask."""
    generator = torch.Generator().manual_seed(seed)
    width = max(lengths)
    mask = (torch.arange(width)[None, :] < torch.tensor(lengths)[:, None])[:, None, :]
    scores = torch.randn(batch, steps, width, generator=generator).masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1), mask


# ------------------------------------------------------------------ rows


def test_keep_max_is_one_hot_on_the_argmax_and_idempotent():
    weights, mask = random_rows(3, 4, [5, 2, 7])
    kept = keep_max_rows(weights, mask)
    assert torch.equal(kept.argmax(-1), weights.argmax(-1))
    assert torch.equal(kept.sum(-1), torch.ones(3, 4))
    assert set(kept.unique().tolist()) == {0.0, 1.0}
    assert torch.equal(keep_max_rows(kept, mask), kept)


def test_remove_max_zeroes_the_argmax_and_rows_sum_to_one():
    weights, mask = random_rows(3, 4, [5, 2, 7])
    removed = remove_max_rows(weights, mask)
    torch.testing.assert_close(removed.sum(-1), torch.ones(3, 4))
    assert torch.all(removed.gather(-1, weights.argmax(-1, keepdim=True)) == 0)
    assert torch.all(removed[~mask.expand_as(removed)] == 0)  # nothing moves onto padding
    # the rest keep their proportions
    others = weights.clone().scatter_(-1, weights.argmax(-1, keepdim=True), 0.0)
    torch.testing.assert_close(removed, others / others.sum(-1, keepdim=True))


def test_remove_max_of_a_one_hot_row_spreads_over_the_others_and_a_single_position_stays():
    mask = torch.tensor([[[True, True, True, False]]])
    one_hot = torch.tensor([[[0.0, 1.0, 0.0, 0.0]]])
    torch.testing.assert_close(remove_max_rows(one_hot, mask), torch.tensor([[[0.5, 0.0, 0.5, 0.0]]]))
    alone = torch.tensor([[[1.0, 0.0]]])
    assert torch.equal(remove_max_rows(alone, torch.tensor([[[True, False]]])), alone)


def test_permutation_is_seeded_and_a_permutation_of_the_real_positions():
    first, again = permutation_table(7, seed=3, index=11), permutation_table(7, seed=3, index=11)
    assert torch.equal(first, again)
    assert not torch.equal(first, permutation_table(7, seed=4, index=11))
    assert not torch.equal(first, permutation_table(7, seed=3, index=12))
    assert torch.equal(first.sort(dim=-1).values, torch.arange(7).expand_as(first))
    assert len({tuple(row) for row in first.tolist()}) > 1  # a new permutation at each step
    weights, mask = random_rows(2, 3, [7, 4])
    batch = Batch([[5] * 7, [5] * 4], [0, 1])
    permuted = make_edit("permute", batch, seed=3)(weights, 0, None)
    assert torch.equal(permuted.sort(-1).values, weights.sort(-1).values)  # the same weights, moved
    assert torch.all(permuted[1, :, 4:] == 0)  # padding stays empty
    assert torch.equal(permuted[0], permuted_rows(weights[0], permutation_table(7, 3, 0)[:3]))


def test_uniform_rows_are_one_over_the_real_length():
    weights, mask = random_rows(2, 3, [4, 2])
    rows = uniform_rows(weights, mask)
    assert torch.equal(rows[0], torch.full((3, 4), 0.25))
    assert torch.equal(rows[1], torch.tensor([[0.5, 0.5, 0.0, 0.0]] * 3))


def test_gold_rows_follow_the_links_and_fall_back_to_uniform():
    # 3 source words + <eos>; reference of 3 words: word 0 <- source 1, word 1 <- sources 0 and 2, word 2 unlinked
    rows = gold_rows([(1, 0), (0, 1), (2, 1)], reference_length=3, source_length=4)
    expected = torch.tensor([[0, 1, 0, 0], [0.5, 0, 0.5, 0], [0.25] * 4, [0, 0, 0, 1]])
    torch.testing.assert_close(rows, expected)


# ------------------------------------------------------------------ decoding


def test_keep_max_changes_nothing_for_a_model_whose_attention_is_already_one_hot(trained_toy, monkeypatch):
    result = trained_toy("dot")
    context = result.model.context
    sharp = type(context).scores
    # scores scaled until every softmax row is exactly one-hot (differences ≫ 104, exp underflows to 0)
    monkeypatch.setattr(context, "scores", lambda queries, keys: 1e6 * sharp(context, queries, keys))
    from tests.toy_corpus import toy_pairs
    for pair in toy_pairs()[:5]:
        ids = result.source_vocab.encode(pair.source_tokens, add_eos=True)
        own = greedy_decode(result.model, ids)
        assert set(own.attention.unique().tolist()) <= {0.0, 1.0}
        kept = greedy_decode(result.model, ids, edit_attention=make_edit("keep-max", Batch([ids], [0])))
        assert kept.token_ids == own.token_ids
        assert [s.log_probability for s in kept.steps] == [s.log_probability for s in own.steps]
        assert torch.equal(kept.attention, own.attention)


def test_uniform_counterfactual_on_the_uniform_model_reproduces_it_bit_for_bit():
    loaded = shipped("uniform")
    sources = [loaded.source_vocab.encode(pair.source_tokens, add_eos=True) for pair in some_pairs()]
    for index, ids in enumerate(sources):
        own = greedy_decode(loaded.model, ids)
        edited = greedy_decode(loaded.model, ids, edit_attention=make_edit("uniform", Batch([ids], [index])))
        assert edited.token_ids == own.token_ids
        assert [s.log_probability for s in edited.steps] == [s.log_probability for s in own.steps]
        assert [s.top_probabilities for s in edited.steps] == [s.top_probabilities for s in own.steps]
    # and batched, with padding: the same words
    batch = Batch(sources, list(range(len(sources))))
    own_ids, own_rows = greedy_decode_batch(loaded.model, sources, keep_attention=True)
    edited_ids, edited_rows = greedy_decode_batch(loaded.model, sources, keep_attention=True,
                                                  edit_attention=make_edit("uniform", batch))
    assert edited_ids == own_ids
    assert all(torch.equal(a, b) for a, b in zip(edited_rows, own_rows))


def test_gold_is_defined_for_every_step_of_a_reference_length_decode():
    loaded = shipped("additive")
    pairs = some_pairs()
    for index, pair in enumerate(pairs):
        ids = loaded.source_vocab.encode(pair.source_tokens, add_eos=True)
        reference = loaded.target_vocab.encode(pair.target_tokens)
        batch = Batch([ids], [index], [pair.alignment], [len(pair.target_tokens)])
        decoded = greedy_decode(loaded.model, ids, prefix_ids=reference, max_length=len(reference) + 1,
                                edit_attention=make_edit("gold", batch))
        rows = decoded.attention
        assert rows.shape == (len(reference) + 1, len(ids))  # every reference word and the <eos> step
        assert torch.isfinite(rows).all() and (rows >= 0).all()
        torch.testing.assert_close(rows.sum(-1), torch.ones(len(rows)))
        for source_index, target_index in pair.alignment:
            assert rows[target_index, source_index] > 0
        assert rows[-1, -1] == 1.0  # the <eos> step looks at the source's <eos>


def test_a_single_word_source_runs_every_counterfactual():
    loaded = shipped("additive")
    results = translate_sentence(loaded, ["पानी"], list(KINDS) + ["from:dot"], donors={"dot": shipped("dot")})
    assert set(results) == {"none", "uniform", "permute", "keep-max", "remove-max", "from:dot"}  # no pair: no gold
    for result in results.values():
        assert result.attention.shape == (len(result.log_probabilities), 2)
        torch.testing.assert_close(result.attention.sum(-1), torch.ones(len(result.attention)))
    # two positions (the word and <eos>): remove-max puts everything on the other one
    own, removed = results["none"].attention, results["remove-max"].attention
    assert torch.equal(removed[0].argmax(), 1 - own[0].argmax()) and removed[0].max() == 1.0


def test_another_models_attention_is_that_models_row_for_the_same_words():
    recipient, donor = shipped("additive"), shipped("dot")
    pair = some_pairs()[1]
    results = translate_sentence(recipient, list(pair.source_tokens), ["from:dot"], donors={"dot": donor})
    written = results["from:dot"].output_tokens
    fed = donor.target_vocab.encode([w for w in written if w != "<eos>"])
    ids = donor.source_vocab.encode(pair.source_tokens, add_eos=True)
    donor_rows = greedy_decode(donor.model, ids, prefix_ids=fed, max_length=len(written)).attention
    torch.testing.assert_close(results["from:dot"].attention, donor_rows[:len(written)])


def test_unchanged_flags_follow_matching_blocks():
    assert unchanged_flags("the boy eats an apple".split(), "the boy eats a mango".split()) == \
        [True, True, True, False, False]
    assert unchanged_flags("a b c".split(), "x a b c".split()) == [True, True, True]  # shifted, still kept


def test_measure_keeps_every_word_under_the_models_own_attention_and_reports_each_kind():
    loaded = shipped("dot")
    result = measure(loaded, some_pairs(4), ["uniform", "keep-max", "gold"])
    rows = result["counterfactuals"]
    assert list(rows) == ["none", "uniform", "keep-max", "gold"]
    assert rows["none"]["unchanged"]["all"] == 1.0 and rows["none"]["delta_log_prob_per_token"] == 0.0
    assert rows["none"]["step_kept"] == {"function": 1.0, "content": 1.0}
    assert rows["uniform"]["unchanged"]["all"] < 1.0  # dot's decoder needs its attention
    assert set(rows["gold"]["buckets"]) <= {"1–10", "11–20", "21–30", "31–40", "41+"}


def test_a_model_without_attention_is_refused_with_a_message():
    with pytest.raises(CounterfactualError, match="no attention"):
        measure(shipped("encdec"), some_pairs(2), ["uniform"])


# ------------------------------------------------------------------ command line


def test_command_line_json_on_a_corpus_file_leaves_gold_out(capsys):
    assert main(["--model", "general", "--counterfactual", "--json",
                 "--corpus", "tests/fixtures/two_column_hin_eng.tsv"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result["counterfactuals"]) == ["none", "uniform", "permute", "keep-max", "remove-max"]
    assert "function" in result["counterfactuals"]["uniform"]["unchanged"]


def test_command_line_measures_several_models_each_as_it_measures_one(capsys, monkeypatch):
    """Several models run in spawned processes, one thread each; each gives what it gives alone."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))  # a child runs no page script
    corpus = "tests/fixtures/two_column_hin_eng.tsv"
    assert main(["--model", "general", "dot", "--counterfactual", "uniform", "keep-max", "--json", "--jobs", "2",
                 "--corpus", corpus]) == 0
    together = json.loads(capsys.readouterr().out)
    assert [result["model"] for result in together] == ["general", "dot"]
    assert main(["--model", "dot", "--counterfactual", "uniform", "keep-max", "--json", "--corpus", corpus]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert {**together[1], "seconds": None} == {**alone, "seconds": None}


@pytest.mark.parametrize("argv, message", [
    (["--model", "dot", "nonesuch", "--counterfactual", "uniform"], "nonesuch"),
    (["--model", "encdec", "--counterfactual", "uniform"], "no attention"),
    (["--model", "additive", "--counterfactual", "sideways"], "unknown counterfactual"),
    (["--model", "additive", "--counterfactual", "gold", "--corpus", "tests/fixtures/two_column_hin_eng.tsv"],
     "gold alignments"),
])
def test_command_line_refuses_with_a_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_several_models_only_with_counterfactual(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--model", "dot", "general"])
    assert exit_.value.code == 2 and "one --model at a time" in capsys.readouterr().err


# ------------------------------------------------------------------ word classes


def test_word_classes_follow_the_lexicon():
    assert all(word_class(noun.english) == "content" for noun in lexicon.NOUNS[:50])
    assert all(word_class(name.english) == "content" for name in lexicon.NAMES)
    assert all(word_class(word) == "function" for pronoun in lexicon.PRONOUNS for word in pronoun.english_subject)
    assert [word_class(w) for w in ["The", "is", "will", "in", "eating", "yesterday", ".", "?"]] == \
        ["function", "function", "function", "function", "content", "content", "mark", "mark"]


# ------------------------------------------------------------------ the fast table's paths are the plain ones


def one_decode_per_kind(loaded, batch, tokens, targets, kind, donors):
    """The plain teacher-forced pass: model.decode with the kind's rows, encoder and decoder run anew."""
    edit = None if kind == "none" else make_edit(kind, batch, 0, donors.get(kind[5:]), loaded, tokens)
    source = padded(batch.source_ids)
    encoded = loaded.model.encode(source, batch.lengths)
    target = padded(targets)
    previous = torch.cat([torch.full((len(targets), 1), SOS_ID), target[:, :-1]], dim=1)
    override = None if edit is None else (lambda weights: edit(weights, 0, previous))
    out = loaded.model.decode(previous, loaded.model.start_state(encoded), encoded, override_weights=override)
    log_probs = torch.log_softmax(writable(out.logits), dim=-1)
    chosen = log_probs.gather(-1, target[..., None])[..., 0]
    best = log_probs.argmax(dim=-1).tolist()
    return ([(float(chosen[k, :len(t)].sum()), len(t)) for k, t in enumerate(targets)],
            [best[k][:len(t)] for k, t in enumerate(targets)])


@pytest.mark.parametrize("model", ["uniform", "additive", "dot", "general"])
def test_the_tables_decodes_give_the_plain_decodes_numbers_to_the_last_bit(model):
    """25 sentences of every length, every kind (and another model's rows): the free-running decode
    that drops finished sentences writes greedy_decode_batch's words, and the teacher-forced pass
    that shares the states over kinds gives one plain decode per kind's log-probabilities exactly."""
    loaded = shipped(model)
    donors = {"dot": shipped("dot")}
    names = ["none", *KINDS, "from:dot"]
    pairs = sorted(some_pairs(25), key=lambda pair: len(pair.source_tokens))
    tokens = [list(pair.source_tokens) for pair in pairs]
    batch = Batch([loaded.source_vocab.encode(t, add_eos=True) for t in tokens], list(range(len(pairs))),
                  [pair.alignment for pair in pairs], [len(pair.target_tokens) for pair in pairs])

    def edit(name, part):
        if name == "none":
            return None
        return make_edit(name, part, 0, donors.get(name[5:]), loaded,
                         [tokens[i] for i in part.indices])

    encoded = loaded.model.encode(padded(batch.source_ids), batch.lengths)
    finished_early = False
    for name in names:
        plain, _ = greedy_decode_batch(loaded.model, batch.source_ids, edit_attention=edit(name, batch))
        assert _free_running(loaded.model, encoded, edit(name, batch)) == plain
        finished_early |= len({len(ids) for ids in plain}) > 1
    assert finished_early  # sentences did leave the batch before its end
    references = [loaded.target_vocab.encode(pair.target_tokens, add_eos=True) for pair in pairs]
    shared = _forced_all(loaded, batch, references, edit, names)
    for name in names:
        assert shared[name] == one_decode_per_kind(loaded, batch, tokens, references, name, donors), name


def test_the_bench_section_measures_every_model_with_rows_two_at_a_time(monkeypatch):
    from core.nmt import counterfactual_eval
    from tools import bench
    asked = []

    def measured(models, kinds, jobs=2):
        asked.append((models, kinds, jobs))
        return [{"model": model, "result": {"sentences": 10}, "seconds": 2.0, "cpu_seconds": 1.5,
                 "load_average_1min": 0.5} for model in models]

    monkeypatch.setattr(counterfactual_eval, "measure_models", measured)
    result = bench.bench_counterfactual(["encdec", "uniform", "dot"])
    models, kinds, jobs = asked[0]
    assert [name.rsplit("/", 1)[-1] for name in models] == ["uniform", "dot"]  # encdec has no row to replace
    assert kinds == list(KINDS) and jobs == 2
    assert list(result["models"]) == ["uniform", "dot"] and result["total_cpu_seconds"] == 3.0
    assert result["processes"] == 2 and result["threads"] == 1
    from tests.test_bench import fake_results
    results = {**fake_results(), "counterfactual": result}
    results["targets"] = bench.target_checks(results)
    report = bench.format_report(results)
    assert "2 process(es) at once, 1 thread(s) each" in report and "3.0 CPU s" in report


def test_a_transformers_counterfactual_replaces_its_last_layers_cross_attention_row_in_every_head(tmp_path):
    from core.nmt.checkpoint import load_checkpoint
    from core.nmt.config import TrainConfig
    from core.nmt.train import train
    from core.nmt.transformer import attention_maps
    from tests.toy_corpus import toy_splits
    config = TrainConfig(model="transformer", hidden_size=16, heads=2, layers=2, feedforward_size=32, epochs=2,
                         batch_size=4, learning_rate=1e-2, warmup_steps=3, patience=10, dropout=0.0,
                         validation_sentences=4, device="cpu")
    train(config, tmp_path / "transformer", splits=toy_splits(), corpus_info={"corpus": "toy"})
    loaded = load_checkpoint(tmp_path / "transformer")
    tokens = list(toy_splits().test[0].source_tokens)
    results = translate_sentence(loaded, tokens, ["uniform", "keep-max"])
    own, uniform, keep = results["none"], results["uniform"], results["keep-max"]
    source_positions = len(tokens) + 1   # with <eos>
    assert torch.allclose(uniform.attention, torch.full_like(uniform.attention, 1 / source_positions))
    assert ((keep.attention == 0) | (keep.attention == 1)).all() and (keep.attention.sum(dim=1) == 1).all()
    # the model's own rows are its last layer's cross-attention, the heads averaged
    ids = loaded.source_vocab.encode(tokens, add_eos=True)
    own_ids = loaded.target_vocab.encode(own.words) + ([EOS_ID] if own.ended else [])
    assert torch.allclose(own.attention, attention_maps(loaded.model, ids, own_ids).cross_average, atol=1e-5)
