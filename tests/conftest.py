import functools

import pytest

from core.nmt.train import TrainConfig, train
from tests.toy_corpus import toy_splits


@functools.lru_cache(maxsize=None)
def _trained_toy(kind: str):
    config = TrainConfig(model=kind, embedding_size=32, hidden_size=64, attention_size=32, epochs=40,
                         batch_size=4, learning_rate=1e-2, patience=40, dropout=0.0)
    return train(config, None, splits=toy_splits(), corpus_info={"corpus": "toy"})


@pytest.fixture
def trained_toy():
    """trained_toy(kind) -> TrainResult of a tiny model fitted to the toy corpus (cached per run)."""
    return _trained_toy
