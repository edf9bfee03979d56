import functools

import pytest

from core.nmt.config import TrainConfig
from core.nmt.train import train
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


@pytest.fixture
def kept_media(monkeypatch):
    """AppTest's in-memory store of files (downloads, images), kept after each run so a test can
    read what a download button gives the user (tests.app_helpers.downloaded)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test
    storage = MemoryMediaFileStorage("/mock/media")
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", lambda endpoint: storage)
    return storage


@pytest.fixture(autouse=True)
def isolated_app_data(tmp_path, monkeypatch):
    """Every test: the app's data folder is the test's own (no models trained in the browser, no
    uploads of a real user), and the shipped checkpoints unless the test says otherwise."""
    monkeypatch.setenv("DHYAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DHYAN_CHECKPOINTS_DIR", raising=False)


@pytest.fixture
def no_job_left_running():
    """Cancels and waits for any browser training job a test left running, so the next test
    starts with none (app.jobs allows a few at a time per server). Modules that start jobs use
    it with pytestmark = pytest.mark.usefixtures("no_job_left_running")."""
    yield
    from app import jobs
    for job in jobs.running_jobs():
        job.cancel()
        job.wait(300)   # seconds: a toy run takes about one, but this machine is shared
