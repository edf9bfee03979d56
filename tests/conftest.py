import functools
import gc
import os
import sys
from pathlib import Path

# One torch thread per process, in the test workers and in every process a test starts (servers,
# training commands), set before torch is imported. The suite runs in several pytest-xdist workers
# (pytest.ini) on a machine of two cores: a second intra-op thread per worker only waits on the
# others. Measured on this machine while other jobs ran: evaluating the shipped additive model on
# its 1,250-sentence test split took 12.5 CPU seconds with one thread, 40.6 with two.
os.environ.setdefault("OMP_NUM_THREADS", "1")

# Compiled modules are kept (in the ignored __pycache__ folders) even where the environment says
# not to write them (PYTHONDONTWRITEBYTECODE, set on this machine): the suite starts three workers,
# several app servers and dozens of commands, and without a cache each compiles the project, and each
# worker rewrites the asserts of every test module (about 3 s of its collection), anew.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest  # noqa: E402
import torch  # noqa: E402

from core.nmt.config import TrainConfig  # noqa: E402
from core.nmt.train import train
from tests.toy_corpus import toy_splits  # noqa: E402

torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))


def _scan_installed_components_once() -> None:
    """Every AppTest scans the installed packages for Streamlit components when it first runs (0.13
    CPU-s here, ~150 packages); `streamlit run` does it once at start. The packages do not change
    while the suite runs, so the tests scan once per process too."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:   # a Streamlit without this scanner: nothing to spare
        return
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


_scan_installed_components_once()


def pytest_collection_finish(session):
    """The garbage collector's full passes, made rare and small. Everything imported by now (torch,
    Streamlit, pandas, the app, every test module) lives until the process ends: gc.freeze moves it
    out of the collector's sight. And a full pass waits for 100 passes of the middle generation,
    not 10. Measured on the non-browser tests (3 workers): full passes took 31 CPU-s (0.35 s each,
    about 30 per worker); frozen alone, 27 (0.2 s each, but more of them)."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


WORKERS = 3   # pytest-xdist workers for the whole suite on two cores (docs/DESIGN.md, "How we test")


def pytest_xdist_auto_num_workers(config):
    """pytest.ini's -n auto: WORKERS for the whole suite; none (one process, as without xdist)
    when files or tests are named, where starting workers would cost more than it saves."""
    tests = Path(__file__).resolve().parent
    return WORKERS if all(Path(arg).resolve() == tests for arg in config.args) else 0


# Modules whose tests share module-scoped set-up are each run by one worker (xdist's loadgroup),
# so a shipped-model evaluation, a deployment of two replicas or a trained model is built once,
# not once per worker. The browser tests are the exception: they are a third of the suite's time,
# mostly waiting on pages, and each worker that takes some starts its own server and Chromium.
SPREAD_OVER_WORKERS = {"tests/test_browser.py"}


@pytest.hookimpl(tryfirst=True)   # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        module = item.nodeid.split("::")[0]
        if module in SPREAD_OVER_WORKERS:
            continue
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions and any(defs[-1].scope == "module" and defs[-1].baseid == module
                               for defs in definitions.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(module))


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
