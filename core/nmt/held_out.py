"""The sentences a model is measured on: the test split of the corpus it was trained on."""
from __future__ import annotations

import functools

from core.language.pairs import CorpusSplits, SentencePair
from core.language.user_corpus import CorpusFileError, load_corpus_file
from core.nmt.checkpoint import CheckpointError, LoadedModel
from core.nmt.data import TEST_SPLIT_FILE


@functools.lru_cache(maxsize=4)
def generated_splits(pairs: int, seed: int, conversational: bool = False) -> CorpusSplits:
    from core.language.corpus import generate_corpus
    return generate_corpus(n_train=pairs, seed=seed, conversational=conversational)


def generated_test_split(seed: int, conversational: bool = False) -> list[SentencePair]:
    """The generated corpus's test split (conversational: the conversational corpus's). The
    generator fills the test split first from its seeded stream, so it does not depend on how
    many training pairs follow: asking for none gives the same test split in a fraction of the time."""
    return generated_splits(0, seed, conversational).test


def held_out_split_for(loaded: LoadedModel) -> list[SentencePair]:
    """The test split of the corpus the model was trained on: the generated corpus's, regenerated
    from its seed, or a corpus file's, recorded in the checkpoint folder when it was trained."""
    corpus = loaded.metadata.get("corpus", {})
    if corpus.get("corpus") in ("generated", "conversational"):
        return generated_test_split(int(corpus["seed"]), corpus["corpus"] == "conversational")
    if corpus.get("corpus") == "classroom":  # the subset's test split: the generated one, cut to its length
        longest = int(corpus["max_source_tokens"])
        return [pair for pair in generated_test_split(int(corpus["seed"])) if len(pair.source_tokens) <= longest]
    recorded = loaded.directory / TEST_SPLIT_FILE
    if not recorded.is_file():
        raise CheckpointError(f"{loaded.name} was trained on {corpus.get('corpus', 'an unknown corpus')!r}, not the "
                              f"generated corpus, and its folder holds no {TEST_SPLIT_FILE} (the test split of a "
                              "corpus file, recorded by training): evaluate it on a file with "
                              "--corpus FILE.")
    try:
        return load_corpus_file(recorded).pairs
    except CorpusFileError as error:
        raise CheckpointError(f"{loaded.name}: its {TEST_SPLIT_FILE} cannot be read ({error})") from None


def held_out_description(loaded: LoadedModel) -> str:
    """Which sentences held_out_split_for gives, in words (eval.json's "test_set")."""
    corpus = loaded.metadata.get("corpus", {})
    if corpus.get("corpus") == "generated":
        return GENERATED_TEST_SET
    if corpus.get("corpus") == "conversational":
        return CONVERSATIONAL_TEST_SET
    if corpus.get("corpus") == "classroom":
        return f"{GENERATED_TEST_SET}, sentences of at most {corpus.get('max_source_tokens')} Hindi words"
    return f"{corpus.get('corpus', 'an unknown corpus')}: its test split"


GENERATED_TEST_SET = "the generated corpus's test split"
CONVERSATIONAL_TEST_SET = "the conversational corpus's test split"
