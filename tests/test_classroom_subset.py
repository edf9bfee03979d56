"""The classroom subset: short sentences of the same generator, the seed sentence's words kept."""
import pytest

from core.language.classroom_subset import SEED_WORDS, classroom_splits
from core.language.corpus import generate_corpus
from core.language.text import tokenize_hindi
from core.nmt.probes import SEED_SENTENCE


@pytest.fixture(scope="module")
def subset():
    return classroom_splits(pairs=1_500, seed=0, max_source_tokens=8)


def test_seed_words_are_the_seed_sentence_of_the_pages():
    assert SEED_WORDS == set(tokenize_hindi(SEED_SENTENCE))


def test_every_seed_word_is_trained_on(subset):
    trained = {word for pair in subset.train for word in pair.source_tokens}
    assert SEED_WORDS <= trained


def test_sizes_and_lengths_are_bounded(subset):
    assert len(subset.train) == 1_500
    assert subset.validation and subset.test
    for split in (subset.train, subset.validation, subset.test):
        assert max(len(pair.source_tokens) for pair in split) <= 8


def test_same_arguments_give_the_same_pairs(subset):
    again = classroom_splits(pairs=1_500, seed=0, max_source_tokens=8)
    assert (again.train, again.validation, again.test) == (subset.train, subset.validation, subset.test)


def test_fewer_pairs_are_a_prefix_of_more(subset):
    fewer = classroom_splits(pairs=400, seed=0, max_source_tokens=8)
    assert fewer.train == subset.train[:400]


def test_another_seed_gives_other_sentences(subset):
    assert classroom_splits(pairs=1_500, seed=1, max_source_tokens=8).train != subset.train


def test_pairs_and_gold_alignments_are_the_generators_own(subset):
    full = generate_corpus(n_train=6_000, seed=0)
    assert subset.test == [pair for pair in full.test if len(pair.source_tokens) <= 8]
    assert subset.validation == [pair for pair in full.validation if len(pair.source_tokens) <= 8]
    generated = {(pair.source_tokens, pair.target_tokens): pair.alignment for pair in full.train}
    for pair in subset.train[:300]:
        assert generated[(pair.source_tokens, pair.target_tokens)] == pair.alignment
    aligned = [pair for pair in subset.train if pair.alignment]
    assert len(aligned) > 0.9 * len(subset.train)


def test_no_held_out_sentence_is_trained_on(subset):
    held_out = {pair.source_tokens for pair in subset.validation + subset.test}
    assert not held_out & {pair.source_tokens for pair in subset.train}


@pytest.mark.parametrize("pairs, longest, message", [(0, 10, "at least 1"), (10, 1, "nothing to translate")])
def test_impossible_requests_are_refused_with_a_reason(pairs, longest, message):
    with pytest.raises(ValueError, match=message):
        classroom_splits(pairs=pairs, seed=0, max_source_tokens=longest)


def test_too_few_pairs_for_the_seed_words_say_so():
    with pytest.raises(ValueError, match="seed sentence's words"):
        classroom_splits(pairs=3, seed=0)
