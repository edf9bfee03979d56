"""The shipped checkpoints, evaluated afresh on the test split against the targets they must meet.

A change to the models, decoding, tokeniser or corpus generator that breaks a shipped model
fails here. The targets are the headline (Bahdanau et al. 2015, Fig. 2: the plain encoder-decoder
collapses on long sentences, attention does not) and what a class types in its first minute:
the everyday set (tests/fixtures/everyday_hi_en.tsv, written by hand, not by the generator) and
every example sentence the app offers.
"""
from pathlib import Path

import pytest

from app.widgets import EXAMPLES
from core.language.user_corpus import load_corpus_file

from core.nmt.checkpoint import SHIPPED_DIR, load_checkpoint
from core.nmt.evaluate import evaluate
from core.nmt.held_out import generated_splits, held_out_split_for
from core.nmt.model import ATTENTION_KINDS, MODEL_KINDS
from core.nmt.data import corpus_fingerprint
from core.nmt.translate import Translator

SEED_SENTENCE, SEED_TRANSLATION = "मैं खाना खा रहा हूँ", "I am eating"


@pytest.fixture(scope="module")
def shipped():
    return {kind: load_checkpoint(SHIPPED_DIR / kind) for kind in MODEL_KINDS}


@pytest.fixture(scope="module")
def results(shipped):
    return {kind: evaluate(loaded, held_out_split_for(loaded)) for kind, loaded in shipped.items()}


def test_all_five_are_shipped_small_and_trained_alike(shipped):
    budgets = set()
    for kind, loaded in shipped.items():
        assert loaded.kind == kind
        assert (SHIPPED_DIR / kind / "model.pt").stat().st_size <= 10 * 1024 * 1024
        training = dict(loaded.metadata["training"])
        training.pop("model")
        budgets.add(tuple(sorted(training.items())))
    assert len(budgets) == 1, "every shipped model must have the same settings apart from its kind"


def test_the_generator_still_produces_the_corpus_the_models_were_trained_on(shipped):
    corpus = shipped["additive"].metadata["corpus"]
    splits = generated_splits(int(corpus["pairs"]), int(corpus["seed"]))
    assert corpus_fingerprint(splits) == corpus["fingerprint"]
    assert {loaded.metadata["corpus"]["fingerprint"] for loaded in shipped.values()} == {corpus["fingerprint"]}


EVERYDAY_SET = Path(__file__).resolve().parent / "fixtures" / "everyday_hi_en.tsv"


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_attention_models_translate_every_length_well(results, kind):
    for label, bucket in results[kind]["buckets"].items():
        assert bucket["bleu"] >= 97, (kind, label, bucket["bleu"])


def test_the_plain_encoder_decoder_is_good_on_short_sentences_and_collapses_on_long_ones(results):
    assert results["encdec"]["buckets"]["1–10"]["bleu"] >= 90
    assert results["encdec"]["buckets"]["41+"]["bleu"] <= 40


def test_additive_attention_looks_where_the_gold_alignment_says(results):
    assert results["additive"]["aer"] is not None
    assert results["additive"]["aer"] <= 0.20


def test_additive_translates_four_in_five_everyday_sentences_exactly(shipped):
    pairs = load_corpus_file(EVERYDAY_SET).pairs
    result = evaluate(shipped["additive"], pairs)
    assert len(pairs) >= 120
    assert result["exact_match_loose"] >= 0.80, result["exact_match_loose"]


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
@pytest.mark.parametrize("hindi, english", EXAMPLES, ids=[english[:30] for _, english in EXAMPLES])
def test_every_example_the_app_offers_is_translated_exactly(shipped, kind, hindi, english):
    assert Translator(shipped[kind]).translate(hindi).text == english


def test_every_test_bucket_is_filled(results):
    for result in results.values():
        assert all(bucket["sentences"] >= 200 for bucket in result["buckets"].values())
        assert len(result["buckets"]) == 5


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_the_seed_example_translates_with_every_attention_model(shipped, kind):
    assert Translator(shipped[kind]).translate(SEED_SENTENCE).text == SEED_TRANSLATION


def _without_final_mark(text: str) -> str:
    return text[:-1].rstrip() if text[-1:] in ".?!" else text


@pytest.mark.parametrize("kind", ATTENTION_KINDS)
def test_a_final_danda_changes_nothing_but_the_final_full_stop(shipped, kind):
    """People end a Hindi statement with । or with nothing (or ॥, or a Latin full stop): the
    translation should be the same sentence either way. Every example the app offers holds to it;
    of the test split's statements, at least 97 in 100 (docs/corpus.md gives the measured figures,
    and those on the everyday set, where sentences outside the grammar hold to it less often)."""
    translator = Translator(shipped[kind])

    def same_with_each_mark(hindi: str) -> list[bool]:
        bare = _without_final_mark(translator.translate(hindi).text)
        return [_without_final_mark(translator.translate(hindi + mark).text) == bare
                for mark in ("।", "॥", ".", " । ")]

    for hindi, _ in EXAMPLES:
        if not hindi.endswith("?"):
            assert all(same_with_each_mark(hindi)), (kind, hindi)
    statements = [pair.source_text.rstrip("।").strip() for pair in held_out_split_for(shipped[kind])
                  if pair.source_tokens[-1] not in ("?", "!")][:200]
    checks = [same for hindi in statements for same in same_with_each_mark(hindi)]
    assert sum(checks) >= 0.97 * len(checks), (kind, sum(checks), len(checks))
