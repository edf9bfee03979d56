"""Training in the browser: one background job per run, with progress a page can poll.

A job runs core.nmt.train.train in a daemon thread. The training loop knows nothing about the
page: its callbacks append StepReport/EpochReport to a JobProgress (thread-safe), and
should_stop polls the job's cancel flag. The page reads `job.snapshot()` on every refresh.

Where things go (nothing is written outside data_dir):

    data_dir/training/<folder>-<id>/       the run's working folder while it trains
    data_dir/training/<folder>-<id>.lock   held (flock) by the run's process while it lives
    data_dir/models/<folder>/              the finished checkpoint, moved there in one rename

where <folder> is the model's name, prefixed by its owner's id when a browser session trained
it (JobSettings.folder), so a model appears under data_dir/models (where
app.model_registry.model_entries lists it as "mine/<name>") only when it is complete, and a model it replaces (overwrite) is swapped out in the same atomic
step. A cancelled or failed run leaves nothing there and the previous model as it was; cancel
is honoured in every state up to that swap. A run stopped by the time limit keeps its best
finished epoch. A server killed mid-run leaves its working folder behind:
clean_stale_training_folders, run at the next start, removes it once no live process holds
its lock.

Ownership: a model trained from a page records its owner (a browser's id) with
core.owners.record_owner, private to that browser; core.owners says who sees, shares and deletes
it and when it is removed. A run trains only on its owner's corpora.

Limits keep one visitor from occupying a shared server: LIMITS caps the corpus size, epochs,
hidden size and wall-clock time, and at most MAX_RUNNING_JOBS jobs train at once per process.
"""
from __future__ import annotations

import ctypes
import fcntl
import itertools
import os
import re
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from core.files import FOLDER_MODE, atomic_write_json
from core.quotas import QuotaError, check_model
from core.limits import MAX_RUNNING_JOBS, TRAINING, TrainingLimits
from core.nmt.checkpoint import CheckpointError, load_checkpoint
from core.language.user_corpus import CorpusFileError
from core.owners import OWNER_ID, corpus_file, list_saved_corpora, model_folder, models_dir, record_owner, validate_name
from core.nmt.model import TRAINABLE_KINDS, TRANSFORMER_KIND
from core.fit import EpochReport, StepReport, TrainCallbacks
from core.nmt.config import TrainConfig
from core.nmt.data import load_splits
from core.nmt.train import train
from core.nmt.probes import LiveProbe
from core.language.classroom_subset import SEED_SENTENCE
from core.language.text import tokenize_hindi

GENERATED = "generated"
CLASSROOM = "classroom"      # the generated language's short sentences (core.language.classroom_subset)
CONVERSATIONAL = "conversational"   # the generated language with a wider everyday grammar (core.language.conversation)
BUILT_IN = (CLASSROOM, GENERATED, CONVERSATIONAL)   # the corpora every browser can train on; any other name is an upload
LIVE_PROBE_STEPS = 100   # steps between live pictures of the probe sentence (core.nmt.probes.LiveProbe)
MAX_KEPT_JOBS = 50     # finished jobs remembered for the pages that started them
LIMITS = TRAINING      # core.limits: every limit of a run and of what is kept, in one place
HIDDEN_SIZES = (32, 64, 128, 256)
TRANSFORMER_LAYERS = (1, 2, 3)      # each stack; 2 + 2 is the shipped size (docs/DESIGN.md, "The transformer")
TRANSFORMER_HEADS = (1, 2, 4, 8)    # per layer; the model size must be a multiple


class JobSettingsError(ValueError):
    """Settings that break a limit or name nothing usable; the message is shown as it is."""


class ServerBusyError(RuntimeError):
    """Too many runs are training already; the message is shown as it is."""


@dataclass(frozen=True)
class JobSettings:
    name: str                    # the checkpoint's folder name under data_dir/models
    model: str = TrainConfig.model
    corpus: str = CLASSROOM      # GENERATED, or the name of one of the owner's saved corpora (core.owners.corpus_file)
    pairs: int = 20_000          # training pairs (a built-in corpus) or at most this many (uploaded)
    epochs: int = 5
    hidden_size: int = 128
    seed: int = TrainConfig.seed
    overwrite: bool = False
    evaluate: bool = True        # write eval.json on the test split when training ends
    owner: str = ""              # the training browser's owner id ("" = no owner: shared, as before ownership)
    recipe: bool = False         # an uploaded corpus trains with the recipe for real corpora: its size chooses the
                                 # sizes, epochs, subwords and generated pairs mixed in (core.nmt.config.file_settings);
                                 # epochs and hidden_size are then not used
    probe: str = ""              # the Hindi sentence whose attention the page redraws while the run trains:
                                 # "" = the seed sentence (a built-in corpus) or the upload's first test sentence
    layers: int = 2              # transformer: layers in the encoder and in the decoder, each
    heads: int = 4               # transformer: attention heads per layer (hidden_size, its d, a multiple)

    @property
    def folder(self) -> str:
        """The folder under data_dir/models (core.owners.model_folder)."""
        return model_folder(self.name, self.owner)

    def train_config(self, corpus_path: str = GENERATED) -> TrainConfig:
        """Sizes tied to the hidden size so a small model is small everywhere; with the recipe, an
        uploaded corpus's sizes and epochs left to its size."""
        transformer = self.transformer_settings()
        if self.recipe and corpus_path not in BUILT_IN:
            return TrainConfig(model=self.model, pairs=self.pairs, seed=self.seed, corpus=corpus_path,
                               validation_sentences=200, device="cpu", **transformer)
        embedding = max(16, self.hidden_size // 2)
        settings = CLASSROOM_SETTINGS if corpus_path == CLASSROOM else {"patience": self.epochs}
        if transformer:   # its warm-up: one epoch's updates (the shipped one warms up over about one epoch too)
            batch = settings.get("batch_size", TrainConfig.batch_size)
            transformer["warmup_steps"] = max(1, min(TrainConfig.warmup_steps, self.pairs // batch))
        return TrainConfig(model=self.model, embedding_size=embedding, hidden_size=self.hidden_size,
                           attention_size=embedding, epochs=self.epochs, pairs=self.pairs, seed=self.seed,
                           corpus=corpus_path, validation_sentences=200, device="cpu", **settings, **transformer)

    def transformer_settings(self) -> dict:
        """A transformer's own sizes for TrainConfig ({} for the GRU models): layers and heads, and
        a feed-forward 4d wide (Vaswani et al.; the shipped 128 → 512)."""
        if self.model != TRANSFORMER_KIND:
            return {}
        return {"layers": self.layers, "heads": self.heads, "feedforward_size": 4 * self.hidden_size}


# The classroom run's settings beside JobSettings' defaults (pairs 20,000, 5 epochs, hidden 128): chosen by
# measurement so that an additive model aligns in about a minute of one core (docs/watch_it_learn.md,
# "Wiring for phase 2": validation BLEU 67 after five epochs, probe AER <= 0.30 in epoch 2).
CLASSROOM_SETTINGS = {"dropout": 0.0, "batch_size": 32, "learning_rate": 0.003, "max_source_tokens": 11, "bucket_by_target": True,
                      "patience": 3}


def corpus_path(settings: JobSettings, data_dir) -> str:
    """The file the owner's uploaded corpus was saved to, or GENERATED; InvalidNameError for a name no
    corpus can have."""
    return settings.corpus if settings.corpus in BUILT_IN else str(corpus_file(data_dir, settings.corpus, settings.owner))


def estimate(settings: JobSettings, data_dir) -> dict:
    """How long a run with these settings will take on this server, said before it starts
    (core.nmt.train.estimate_seconds: a few of the loop's steps timed); CorpusFileError or ValueError when the
    corpus cannot be used."""
    from core.nmt.train import estimate_seconds
    return estimate_seconds(settings.train_config(corpus_path(settings, data_dir)))


def check_settings(settings: JobSettings, data_dir, limits: TrainingLimits = LIMITS) -> JobSettings:
    """The settings, checked against the limits and data_dir; raises JobSettingsError or
    core.owners.InvalidNameError with a message for the user."""
    validate_name(settings.name)
    if settings.owner and not OWNER_ID.fullmatch(settings.owner):
        raise JobSettingsError("This browser's owner id is not valid; reload the page.")
    if settings.model not in TRAINABLE_KINDS:
        raise JobSettingsError(f"Unknown model type {settings.model!r}; choose one of {', '.join(TRAINABLE_KINDS)}.")
    if settings.model == TRANSFORMER_KIND:
        if settings.layers not in TRANSFORMER_LAYERS:
            raise JobSettingsError(f"A transformer here has {', '.join(map(str, TRANSFORMER_LAYERS))} layers "
                                   f"(got {settings.layers}).")
        if settings.heads not in TRANSFORMER_HEADS or settings.hidden_size % settings.heads:
            raise JobSettingsError(f"The model size ({settings.hidden_size}) must split evenly into the heads "
                                   f"({settings.heads}); choose {', '.join(map(str, TRANSFORMER_HEADS))} heads.")
    for value, low, high, what in ((settings.pairs, limits.min_pairs, limits.max_pairs, "The corpus size"),
                                   (settings.epochs, 1, limits.max_epochs, "The number of epochs"),
                                   (settings.hidden_size, limits.min_hidden, limits.max_hidden, "The hidden size")):
        if not isinstance(value, int) or not low <= value <= high:
            raise JobSettingsError(f"{what} must be between {low:,} and {high:,} (got {value}).")
    check_probe(settings.probe)
    try:   # the checks of core.nmt.config (an odd hidden size, say) before anything starts
        settings.train_config()
    except ValueError as error:
        raise JobSettingsError(f"These settings cannot train a model: {error}.") from None
    # Only the owner's own corpora: another browser's is refused exactly like a name nobody used.
    if settings.corpus not in BUILT_IN and settings.corpus not in list_saved_corpora(data_dir, settings.owner):
        raise JobSettingsError(f"There is no saved corpus called {settings.corpus!r} in this browser. Upload it on "
                               "the Data page first (a corpus is private to the browser that uploaded it).")
    if (models_dir(data_dir) / settings.folder).exists() and not settings.overwrite:
        raise JobSettingsError(f"A model called {settings.name!r} exists already. Choose another name, "
                               "or tick 'replace it' to overwrite it.")
    if settings.owner:
        try:
            check_model(data_dir, settings.owner, settings.folder)
        except QuotaError as error:
            raise JobSettingsError(str(error)) from None
    return settings


MAX_PROBE_CHARACTERS = 200   # a sentence whose heatmap still fits the page


def check_probe(sentence: str) -> None:
    """The sentence to watch: empty (the default one) or a sentence of at most MAX_PROBE_CHARACTERS."""
    if not isinstance(sentence, str) or len(sentence) > MAX_PROBE_CHARACTERS:
        raise JobSettingsError(f"The sentence to watch must be at most {MAX_PROBE_CHARACTERS} characters long.")
    if sentence.strip() and not tokenize_hindi(sentence):
        raise JobSettingsError("The sentence to watch has no words; leave it empty to watch the usual one.")


def _inside(root: Path, path: Path) -> Path:
    """path, created, after checking it stays inside root; checked before mkdir as well, so a
    symlink out of data_dir never gets even an empty folder on the far side."""
    root = root.resolve()

    def refuse_outside() -> None:
        if not path.resolve().is_relative_to(root):   # a symlink pointing out of data_dir
            raise JobSettingsError(f"{path} points outside {root}; refusing to write there.")

    refuse_outside()
    path.mkdir(parents=True, exist_ok=True)
    refuse_outside()
    return path


# ------------------------------------------------------------------ progress


@dataclass(frozen=True)
class ProgressSnapshot:
    """A consistent copy of a job's progress at one moment (safe to read while it trains)."""
    state: str                     # "running", "evaluating", "finished", "cancelled", "stopped", "failed"
    steps: tuple[StepReport, ...]
    epochs: tuple[EpochReport, ...]
    total_epochs: int
    message: str
    elapsed_seconds: float
    probe: dict | None = None      # the latest live attention of the probe sentence (core.nmt.probes.LiveProbe)

    @property
    def done(self) -> bool:
        return self.state in ("finished", "cancelled", "stopped", "failed")

    @property
    def fraction(self) -> float:
        """How far through the run, 0..1 (finished epochs plus the current one's fraction)."""
        if self.state in ("finished", "stopped") or self.total_epochs == 0:
            return 1.0 if self.state in ("finished", "stopped") else 0.0
        current = self.steps[-1].epoch_fraction if self.steps and self.steps[-1].epoch > len(self.epochs) else 0.0
        return min(1.0, (len(self.epochs) + current) / self.total_epochs)


class JobProgress:
    """Appended to by the training thread, read by page refreshes: every access holds the lock."""

    def __init__(self, total_epochs: int):
        self._lock = threading.Lock()
        self._steps: list[StepReport] = []
        self._epochs: list[EpochReport] = []
        self._state = "running"
        self._message = "Preparing the corpus…"
        self._total_epochs = total_epochs
        self._started = time.monotonic()
        self._finished: float | None = None
        self._probe: dict | None = None

    def add_step(self, report: StepReport) -> None:
        with self._lock:
            self._steps.append(report)
            self._message = f"Epoch {report.epoch} of {self._total_epochs}: training"

    def set_probe(self, record: dict) -> None:
        with self._lock:
            self._probe = record

    def set_total_epochs(self, total_epochs: int) -> None:
        """The epochs the run may take, once the corpus has chosen them (the recipe for real corpora)."""
        with self._lock:
            self._total_epochs = total_epochs

    def add_epoch(self, report: EpochReport) -> None:
        with self._lock:
            self._epochs.append(report)

    def set_state(self, state: str, message: str) -> None:
        with self._lock:
            self._state, self._message = state, message
            if state in ("finished", "cancelled", "stopped", "failed"):
                self._finished = time.monotonic()

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            end = self._finished if self._finished is not None else time.monotonic()
            return ProgressSnapshot(self._state, tuple(self._steps), tuple(self._epochs), self._total_epochs,
                                    self._message, end - self._started, self._probe)


# ------------------------------------------------------------------ jobs


@dataclass
class TrainingJob:
    id: str
    settings: JobSettings
    data_dir: Path
    limits: TrainingLimits
    progress: JobProgress
    _cancel: threading.Event = field(default_factory=threading.Event)
    _keep: threading.Event = field(default_factory=threading.Event)   # stop after this step, keeping the best epoch
    _thread: threading.Thread | None = None
    _commit_lock: threading.Lock = field(default_factory=threading.Lock)
    _committed: bool = False          # the model is being moved into models/: too late to cancel
    _lock_descriptor: int | None = None

    @property
    def work_dir(self) -> Path:
        return Path(self.data_dir) / "training" / f"{self.settings.folder}-{self.id}"

    @property
    def lock_path(self) -> Path:
        return self.work_dir.with_name(self.work_dir.name + LOCK_SUFFIX)

    def cancel(self) -> bool:
        """Stop the run in any state (preparing, training, evaluating): nothing of it is kept and
        a model it would have replaced stays as it was. False when it comes too late: the
        finished model is already being moved into place."""
        with self._commit_lock:
            if self._committed:
                return False
            self._cancel.set()
            return True

    def stop_and_keep(self) -> None:
        """End the run after the current step and save its best finished epoch as a finished
        model (evaluated, published), as the time limit does. Cancel still discards everything."""
        self._keep.set()

    def snapshot(self) -> ProgressSnapshot:
        return self.progress.snapshot()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> ProgressSnapshot:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.snapshot()

    # -- the thread

    def _out_of_time(self) -> bool:
        return time.monotonic() - self.progress._started > self.limits.max_seconds

    def _should_stop(self) -> bool:
        return self._cancel.is_set() or self._keep.is_set() or self._out_of_time()

    def run(self) -> None:
        try:
            self._train()
        except Exception as error:   # the page shows this message; the thread must never die silently
            self.progress.set_state("failed", f"Training failed: {error}")
        finally:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self._drop_lock()
            _release(self)

    def _hold_lock(self) -> None:
        """Create and flock <work>.lock before the folder exists, so a cleaner never sees the
        folder of a live run unowned. The kernel drops the lock when the process dies."""
        _inside(Path(self.data_dir), self.work_dir.parent)
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._lock_descriptor = descriptor

    def _drop_lock(self) -> None:
        if self._lock_descriptor is not None:
            self.lock_path.unlink(missing_ok=True)
            os.close(self._lock_descriptor)   # closing releases the flock
            self._lock_descriptor = None

    def _finish_cancelled(self) -> None:
        kept = (f" The model **mine/{self.settings.name}** is as it was."
                if (models_dir(self.data_dir) / self.settings.folder).exists() else "")
        self.progress.set_state("cancelled", f"Cancelled: nothing was saved.{kept}")

    def _train(self) -> None:
        settings = self.settings
        config = settings.train_config(corpus_path(settings, self.data_dir))
        try:
            splits, corpus_info = load_splits(config)
        except (CorpusFileError, ValueError) as error:
            self.progress.set_state("failed", f"The corpus could not be used: {error}")
            return
        if settings.corpus not in BUILT_IN:
            corpus_info = {**corpus_info, "corpus": f"uploaded:{settings.corpus}"}
            config = config.resolved(len(splits.train))   # the recipe's epochs, for the progress bar
            self.progress.set_total_epochs(config.epochs)
        self._hold_lock()
        if self._cancel.is_set():
            return self._finish_cancelled()
        work = _inside(Path(self.data_dir), self.work_dir)
        callbacks = TrainCallbacks(on_step=self.progress.add_step, on_epoch=self.progress.add_epoch,
                                   should_stop=self._should_stop)
        result = train(config, work, callbacks, splits=splits, corpus_info=corpus_info,
                       live_probe=LiveProbe(self._probe_sentence(splits), self.progress.set_probe, LIVE_PROBE_STEPS))
        if self._cancel.is_set():
            return self._finish_cancelled()
        if not (work / "model.pt").is_file():
            self.progress.set_state("failed", self._nothing_finished())
            return
        (work / "resume.pt").unlink(missing_ok=True)   # the browser never resumes; keep the folder small
        if settings.owner:   # private to its browser from the moment it appears
            record_owner(work, settings.owner, settings.name)
        if settings.evaluate:
            self.progress.set_state("evaluating", "Evaluating on the test split…")
            self._evaluate(work, splits.test)
        with self._commit_lock:   # the last moment cancel can act; after it, the model is saved
            if self._cancel.is_set():
                return self._finish_cancelled()
            self._committed = True
        self._publish(work)
        saved = f"Saved as **mine/{settings.name}**: pick it on the other pages."
        if self._keep.is_set():
            self.progress.set_state("stopped", f"Stopped as you asked; the best finished epoch was kept. {saved}")
        elif result.cancelled:   # only the time limit cancels without the flag
            self.progress.set_state("stopped", f"Stopped at the {self.limits.max_seconds / 60:.0f}-minute limit; "
                                               f"the best finished epoch was kept. {saved}")
        else:
            self.progress.set_state("finished", f"Finished. {saved}")

    def _probe_sentence(self, splits) -> str:
        """The sentence the page watches: the one chosen, else the seed sentence on a built-in corpus
        (its words are in the classroom subset), else an upload's first test sentence."""
        if self.settings.probe.strip():
            return self.settings.probe.strip()
        if self.settings.corpus in BUILT_IN or not splits.test:
            return SEED_SENTENCE
        return splits.test[0].source_text

    def _nothing_finished(self) -> str:
        if self._keep.is_set():
            return "Stopped before the first epoch finished, so there is no model to keep."
        return "No epoch finished within the time limit, so there is nothing to save."

    def _evaluate(self, work: Path, test_pairs) -> None:
        from core.nmt.evaluate import evaluate
        try:
            loaded = load_checkpoint(work, name=f"mine/{self.settings.name}")
        except CheckpointError:
            return
        if test_pairs:
            atomic_write_json(work / "eval.json", evaluate(loaded, list(test_pairs)))

    def _publish(self, work: Path) -> None:
        """Move the finished folder to data_dir/models/<name>. A model already there is swapped
        out in one atomic rename (renameat2 RENAME_EXCHANGE), so the name always holds a whole
        model, old or new; where the kernel cannot swap, the old one goes aside first and
        clean_stale_training_folders puts it back if the server dies in between."""
        target = _inside(Path(self.data_dir), models_dir(self.data_dir)) / self.settings.folder
        os.chmod(work, FOLDER_MODE)
        if not target.exists():
            work.rename(target)
        elif _exchange(work, target):
            shutil.rmtree(work, ignore_errors=True)   # work now holds the previous model
        else:
            aside = work.with_name(work.name + REPLACED_SUFFIX)   # beside work, never listed as a model
            target.rename(aside)
            try:
                work.rename(target)
            except BaseException:
                aside.rename(target)
                raise
            shutil.rmtree(aside, ignore_errors=True)


LOCK_SUFFIX, REPLACED_SUFFIX = ".lock", ".replaced"
_RUN_FOLDER = re.compile(r"(?P<name>[A-Za-z0-9_-]{1,60})-(?P<id>[0-9]+[0-9a-f]{6})")  # name: JobSettings.folder
_PROCESS_STARTED = time.time()
_RENAME_EXCHANGE, _AT_FDCWD = 2, -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0


def clean_stale_training_folders(data_dir) -> list[str]:
    """Remove the working folders of runs whose process died (a server killed mid-run), and
    put back a model that was set aside by a swap the death interrupted. Returns the run
    folder names cleaned.

    A run is stale when its lock file can be locked (no live process holds it: the kernel
    drops a dead process's flock) or, for a folder without a lock file, when it was last
    changed before this process started. Only names a run writes are touched, never a
    symlink, and nothing when data_dir/training leads out of data_dir.
    """
    data_dir = Path(data_dir)
    training = data_dir / "training"
    if (training.is_symlink() or not training.is_dir()
            or not training.resolve().is_relative_to(data_dir.resolve())):
        return []
    runs = {entry.name.removesuffix(LOCK_SUFFIX).removesuffix(REPLACED_SUFFIX) for entry in training.iterdir()}
    cleaned = []
    for run in sorted(name for name in runs if _RUN_FOLDER.fullmatch(name)):
        if _clean_run(data_dir, training, run):
            cleaned.append(run)
    return cleaned


def _clean_run(data_dir: Path, training: Path, run: str) -> bool:
    folder, lock, aside = (training / run, training / (run + LOCK_SUFFIX), training / (run + REPLACED_SUFFIX))
    if any(path.is_symlink() for path in (folder, lock, aside)):
        return False
    descriptor = None
    try:
        if lock.exists():
            descriptor = os.open(lock, os.O_RDWR)
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)   # BlockingIOError: its run is alive
        elif any(_modified(path) >= _PROCESS_STARTED for path in (folder, aside) if path.exists()):
            return False   # no lock and recent: not ours to judge
        if aside.is_dir():
            target = models_dir(data_dir) / _RUN_FOLDER.fullmatch(run)["name"]
            if not target.exists() and not models_dir(data_dir).is_symlink():
                models_dir(data_dir).mkdir(exist_ok=True)
                aside.rename(target)   # the swap died half-way: the previous model goes back
            else:
                shutil.rmtree(aside)
        if folder.is_dir():
            shutil.rmtree(folder)
        lock.unlink(missing_ok=True)
        return True
    except BlockingIOError:
        return False
    except OSError:
        return False   # vanished or unwritable meanwhile: left for a later start
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _modified(path: Path) -> float:
    return path.lstat().st_mtime


_registry_lock = threading.Lock()
_jobs: dict[str, TrainingJob] = {}
_running: set[str] = set()
_counter = itertools.count(1)


def _release(job: TrainingJob) -> None:
    with _registry_lock:
        _running.discard(job.id)


def running_jobs() -> list[TrainingJob]:
    with _registry_lock:
        return [_jobs[job_id] for job_id in _running]


def get_job(job_id: str | None) -> TrainingJob | None:
    with _registry_lock:
        return _jobs.get(job_id) if job_id else None


def start_job(settings: JobSettings, data_dir, limits: TrainingLimits = LIMITS,
              max_running: int | None = None) -> TrainingJob:
    """Check the settings and start training in a daemon thread; raises JobSettingsError,
    core.owners.InvalidNameError or ServerBusyError (each with a message for the user)."""
    data_dir = Path(data_dir)
    settings = check_settings(settings, data_dir, limits)
    clean_stale_training_folders(data_dir)
    max_running = MAX_RUNNING_JOBS if max_running is None else max_running
    with _registry_lock:
        if len(_running) >= max_running:
            raise ServerBusyError(
                f"The server is busy: {len(_running)} training run{'s are' if len(_running) > 1 else ' is'} "
                f"going on already (the limit is {max_running}). Try again when it has finished, in a few minutes.")
        if any(_jobs[j].settings.folder == settings.folder and Path(_jobs[j].data_dir) == data_dir for j in _running):
            raise JobSettingsError(f"A model called {settings.name!r} is being trained right now. Choose another name.")
        job_id = f"{next(_counter)}{uuid.uuid4().hex[:6]}"
        job = TrainingJob(job_id, settings, data_dir, limits, JobProgress(settings.epochs))
        _jobs[job_id] = job
        _running.add(job_id)
        for old_id in [j for j in _jobs if j not in _running][:-MAX_KEPT_JOBS]:
            del _jobs[old_id]
    job._thread = threading.Thread(target=job.run, name=f"dhyan-train-{job_id}", daemon=True)
    job._thread.start()
    return job
