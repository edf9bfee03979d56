"""docs/DESIGN.md, "Bad input": the faults that are not typed into the sentence box.

- broken checkpoints as the pages see them (DHYAN_CHECKPOINTS_DIR pointed at a copy of
  checkpoints/ with one model damaged): that model is unavailable with its reason, every other
  model keeps translating, and a pickle that would run code never runs;
- `python -m core.train` interrupted with SIGINT and SIGKILL after its first checkpoint: the
  last checkpoint stays loadable, nothing half-written is left where a loader would read it;
- uploads (core.language.user_corpus, what the Data page calls): each bad file gets a message and
  nothing is written anywhere, a good one lands in DHYAN_DATA_DIR/corpora and nowhere else;
- names given to corpora and models: no path traversal through any public function.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import torch

from core.nmt.checkpoint import SHIPPED_DIR, CheckpointError, load_checkpoint
from core.language.user_corpus import MAX_FILE_BYTES, CorpusFileError, load_corpus_bytes, save_corpus
from core.owners import InvalidNameError, list_saved_corpora
from app.jobs import JobSettings, JobSettingsError, check_settings, running_jobs, start_job
from core.nmt.translate import Translator
from tests.app_helpers import app, as_read, shown_translations
from tests.toy_corpus import TOY_PAIRS_TEXT, toy_pairs
from core.nmt.probes import SEED_SENTENCE

ROOT = Path(__file__).resolve().parent.parent
HOME, COMPARE, STEP = "streamlit_app.py", "pages/1_Compare.py", "pages/2_Step_by_step.py"


def tree(folder: Path) -> dict[str, str]:
    """relative path -> content hash (or 'dir'/'link'): a snapshot to compare before and after."""
    snapshot = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            snapshot[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            snapshot[key] = "dir"
        else:
            snapshot[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return snapshot


# ------------------------------------------------------------------ broken checkpoints in the app


class RunsCode:
    """Unpickling this runs code: it writes the file named in `target`."""

    def __init__(self, target: Path):
        self.target = str(target)

    def __reduce__(self):
        return (exec, (f"open({self.target!r}, 'w').write('pwned')",))


def _format_version(state, folder):
    state["format_version"] = 99
    torch.save(state, folder / "model.pt")


def _vocabulary_mismatch(state, folder):
    state["target_vocab"] = state["target_vocab"][:-2]
    torch.save(state, folder / "model.pt")


def _malicious_pickle(state, folder):
    torch.save({"format_version": 1, "state_dict": RunsCode(folder / "PWNED")}, folder / "model.pt")


def _plain_pickle(state, folder):
    with open(folder / "model.pt", "wb") as file:
        pickle.dump({"state_dict": RunsCode(folder / "PWNED")}, file)


def _truncated(state, folder):
    data = (folder / "model.pt").read_bytes()
    (folder / "model.pt").write_bytes(data[: len(data) // 3])


def _missing(state, folder):
    (folder / "model.pt").unlink()


def _weights_for_another_size(state, folder):
    state["model_config"]["hidden_size"] += 8
    torch.save(state, folder / "model.pt")


def _empty(state, folder):
    (folder / "model.pt").write_bytes(b"")


def _absurd_hidden_size(state, folder):
    state["model_config"]["hidden_size"] = 200_000
    torch.save(state, folder / "model.pt")


def _max_source_tokens_text(state, folder):
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["max_source_tokens"] = "abc"
    (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")


# fault -> (how to damage model.pt or config.json, words the reason must contain)
FAULTS = {
    "empty_weights_file": (_empty, "empty (0 bytes)"),
    "absurd_hidden_size": (_absurd_hidden_size, "hidden_size is 200000"),
    "max_source_tokens_text": (_max_source_tokens_text, "max_source_tokens in config.json is 'abc'"),
    "truncated": (_truncated, "truncated"),
    "wrong_format_version": (_format_version, "format version 99"),
    "vocabulary_does_not_match_weights": (_vocabulary_mismatch, "do not match"),
    "weights_for_another_size": (_weights_for_another_size, "do not fit"),
    "malicious_torch_pickle": (_malicious_pickle, "arbitrary code"),
    "malicious_plain_pickle": (_plain_pickle, "model.pt"),
    "missing_weights": (_missing, "missing"),
}


def checkpoints_with_fault(target: Path, broken: str, fault: str) -> Path:
    """target/ links every shipped model except `broken`, a copy damaged by `fault`."""
    target.mkdir(parents=True)
    for folder in sorted(p for p in SHIPPED_DIR.iterdir() if (p / "model.pt").is_file()):
        if folder.name != broken:
            os.symlink(folder.resolve(), target / folder.name)
            continue
        copy = target / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("resume.pt"))
        damage, _ = FAULTS[fault]
        damage(torch.load(copy / "model.pt", weights_only=True), copy)
    return target


def unavailable(at, name: str) -> list[str]:
    return [as_read(w.value) for w in at.warning if f"**{name}**" in w.value and "unavailable" in w.value]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_compare_shows_a_broken_model_unavailable_and_the_others_translate(tmp_path, monkeypatch, fault):
    checkpoints = checkpoints_with_fault(tmp_path / "ck", "additive", fault)
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    before = tree(checkpoints / "additive")
    at = app(COMPARE, models="encdec,additive,dot")
    assert not at.exception
    reasons = unavailable(at, "additive")
    assert len(reasons) == 1 and FAULTS[fault][1] in reasons[0], [w.value for w in at.warning]
    assert "additive" not in at.multiselect(key="compare_models").options
    assert at.multiselect(key="compare_models").value == ["encdec", "dot"]
    assert shown_translations(at) == [Translator.from_name(name).translate(SEED_SENTENCE).text
                                      for name in ("encdec", "dot")]
    assert not (checkpoints / "additive" / "PWNED").exists(), "the pickle's code ran"
    assert tree(checkpoints / "additive") == before, "a page never writes into a checkpoint folder"


@pytest.mark.parametrize("fault", ["wrong_format_version", "vocabulary_does_not_match_weights",
                                   "malicious_torch_pickle"])
def test_step_by_step_falls_back_to_the_next_attention_model(tmp_path, monkeypatch, fault):
    checkpoints = checkpoints_with_fault(tmp_path / "ck", "additive", fault)
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    at = app(STEP, model="additive")
    assert not at.exception
    assert len(unavailable(at, "additive")) == 1
    assert "additive" not in at.radio(key="step_model").options
    assert at.radio(key="step_model").value == "dot"
    assert any(metric.label == "Step" for metric in at.metric), "dot still steps through its translation"
    assert not (checkpoints / "additive" / "PWNED").exists()


def test_home_with_a_malicious_checkpoint_translates_with_every_other_model(tmp_path, monkeypatch):
    checkpoints = checkpoints_with_fault(tmp_path / "ck", "general", "malicious_torch_pickle")
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    at = app(HOME)
    assert not at.exception
    assert len(unavailable(at, "general")) == 1
    table = at.table[0].value  # Home shows st.table, whose cells wrap
    assert list(table["model"]) == ["encdec", "uniform", "additive", "dot", "transformer"]
    assert not (checkpoints / "general" / "PWNED").exists()


def test_a_checkpoint_repaired_in_place_becomes_available_again(tmp_path, monkeypatch):
    """The model cache is keyed on the weights' mtime: a fixed file is picked up, not the old error."""
    checkpoints = checkpoints_with_fault(tmp_path / "ck", "dot", "truncated")
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    at = app(COMPARE)
    assert len(unavailable(at, "dot")) == 1
    good = (SHIPPED_DIR / "dot" / "model.pt").read_bytes()
    (checkpoints / "dot" / "model.pt").write_bytes(good)
    os.utime(checkpoints / "dot" / "model.pt", (time.time() + 5, time.time() + 5))
    at.run()
    assert not at.exception
    assert unavailable(at, "dot") == []
    assert "dot" in at.multiselect(key="compare_models").options


@pytest.fixture
def fresh_model_cache():
    """The app's model cache emptied before and after: a test that breaks loading must not
    leave a broken entry (or find a good one) shared with other tests."""
    from app import model_registry
    model_registry._load_translator.clear()
    yield
    model_registry._load_translator.clear()


def test_an_unexpected_loading_error_costs_one_model_not_the_page(monkeypatch, fresh_model_cache):
    """load_checkpoint raises only CheckpointError; should anything else escape it, the app's
    loader still reports that one model unavailable."""
    from app import model_registry
    load = model_registry.load_checkpoint

    def failing_for_dot(directory, name=None):
        if Path(directory).name == "dot":
            raise MemoryError("cannot allocate 160 GB")
        return load(directory, name=name)

    monkeypatch.setattr(model_registry, "load_checkpoint", failing_for_dot)
    at = app(COMPARE, models="encdec,dot")
    assert not at.exception
    reasons = unavailable(at, "dot")
    assert len(reasons) == 1 and "MemoryError: cannot allocate 160 GB" in reasons[0], reasons
    assert "dot" not in at.multiselect(key="compare_models").options
    assert shown_translations(at) == [Translator.from_name("encdec").translate(SEED_SENTENCE).text]


# ------------------------------------------------------------------ a model whose weights are NaN


def checkpoints_with_nan_weights(target: Path, broken: str) -> Path:
    """target/ links every shipped model except `broken`, a copy whose every weight is NaN: it
    loads (the shapes are right) but computes nothing."""
    target.mkdir(parents=True)
    for folder in sorted(p for p in SHIPPED_DIR.iterdir() if (p / "model.pt").is_file()):
        if folder.name != broken:
            os.symlink(folder.resolve(), target / folder.name)
            continue
        (target / broken).mkdir()
        state = torch.load(folder / "model.pt", weights_only=True)
        state["state_dict"] = {key: torch.full_like(value, float("nan")) for key, value in state["state_dict"].items()}
        torch.save(state, target / broken / "model.pt")
        shutil.copy(folder / "config.json", target / broken / "config.json")
    return target


def no_usable_translation(at, name: str) -> list[str]:
    return [w.value for w in at.warning if f"**{name}** produced no usable translation" in w.value]


@pytest.mark.parametrize("beam", ["1", "3"], ids=["greedy", "beam"])
def test_compare_with_a_nan_model_warns_and_shows_the_others(tmp_path, monkeypatch, beam):
    """A model with NaN weights is named as giving no usable translation (not an IndexError in
    charts.attention_frame) while the other models translate."""
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints_with_nan_weights(tmp_path / "ck", "additive")))
    at = app(COMPARE, models="encdec,additive", beam=beam)
    assert not at.exception, [e.value for e in at.exception]
    assert len(no_usable_translation(at, "additive")) == 1
    encdec = Translator.from_name("encdec").translate(SEED_SENTENCE, beam_size=int(beam)).text
    assert shown_translations(at)[0] == encdec


def test_what_if_with_a_nan_model_warns_instead_of_crashing(tmp_path, monkeypatch):
    """What if with a model with NaN weights warns instead of raising (a TypeError)."""
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints_with_nan_weights(tmp_path / "ck", "additive")))
    at = app("pages/6_What_if.py", model="additive")
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="whatif_model").value == "additive"
    assert len(no_usable_translation(at, "additive")) == 1
    at.radio(key="whatif_model").set_value("dot").run()
    assert not at.exception and not no_usable_translation(at, "dot")


def test_decoding_a_nan_model_gives_one_word_per_attention_row(tmp_path):
    """<pad> and <sos> are never written, so each step is a word (here <eos> at once, since every
    probability is NaN) and the outputs' shapes agree, greedy, beam and batch alike."""
    from core.language.text import PAD_ID, SOS_ID
    from core.nmt.decode import beam_search, greedy_decode, greedy_decode_batch
    translator = Translator.from_name(str(checkpoints_with_nan_weights(tmp_path / "ck", "dot") / "dot"))
    for beam in (1, 4):
        translation = translator.translate(SEED_SENTENCE, beam_size=beam)
        assert translation.attention.shape[0] == len(translation.output_tokens) == len(translation.decoded.steps)
        assert translation.text == ""
    ids = translator.prepare(SEED_SENTENCE).ids
    for decoded in (greedy_decode(translator.model, ids), beam_search(translator.model, ids, beam_size=3)):
        assert not {PAD_ID, SOS_ID} & set(decoded.token_ids)
    written, _ = greedy_decode_batch(translator.model, [ids, ids[:2]])
    assert not {PAD_ID, SOS_ID} & {token for sentence in written for token in sentence}


def test_an_attention_chart_with_more_rows_than_words_labels_them_instead_of_raising():
    from app import charts
    frame = charts.attention_frame([[0.5, 0.5], [float("nan"), float("nan")], [1.0, 0.0]], ["मैं", "<eos>"], ["I"])
    assert list(dict.fromkeys(frame.column("target").to_pylist())) == ["1 I", "2 ?", "3 ?"]
    spec = charts.attention_heatmap([[0.2, 0.3, 0.5]], ["मैं"], []).to_dict()
    assert spec["encoding"]["x"]["sort"] == ["1 मैं", "2 ?", "3 ?"]


def test_the_app_cleans_what_a_killed_training_run_left_at_its_next_start(tmp_path):
    """A server killed during in-browser training left data/training/<name>-<id>/ for good."""
    stale = tmp_path / "data" / "training" / "my_model-3a1b2c3"
    stale.mkdir(parents=True)
    (stale / "model.pt").write_bytes(b"half a model")
    long_ago = time.time() - 3600
    os.utime(stale, (long_ago, long_ago))
    at = app(COMPARE)
    assert not at.exception
    assert not stale.exists()
    assert os.listdir(tmp_path / "data" / "training") == []


# ------------------------------------------------------------------ training interrupted


def write_interrupt_corpus(path: Path) -> Path:
    """156 distinct pairs (the toy sentences and every 'A और B' of two of them): epochs of a
    few dozen steps, so a signal lands inside an epoch."""
    lines = [f"{hindi}\t{english}" for hindi, english in TOY_PAIRS_TEXT]
    lines += [f"{h1} और {h2}\t{e1} and {e2}" for h1, e1 in TOY_PAIRS_TEXT for h2, e2 in TOY_PAIRS_TEXT]
    path.write_text("hindi\tenglish\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_training(tmp_path: Path, out: Path, *extra: str) -> subprocess.Popen:
    corpus = tmp_path / "corpus.tsv"
    if not corpus.exists():
        write_interrupt_corpus(corpus)
    command = [sys.executable, "-m", "core.train", "--model", "additive", "--out", str(out), "--corpus", str(corpus),
               "--epochs", "400", "--patience", "400", "--hidden", "16", "--emb", "8", "--batch", "4",
               "--threads", "1", "--lr", "0.01", "--mix-generated", "0", *extra]
    # SIGINT back to its default in the child: a shell running pytest in the background hands
    # its children SIGINT ignored, and Python then installs no KeyboardInterrupt handler.
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_checkpoint(process: subprocess.Popen, out: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not ((out / "model.pt").is_file() and (out / "resume.pt").is_file()):
        if process.poll() is not None:
            raise AssertionError(f"training ended before its first checkpoint: {process.communicate()[1][-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("no checkpoint within the time limit")
        time.sleep(0.05)


# Names a crash may leave: hidden temporaries from atomic writes. Loaders read only the names
# in CHECKPOINT_FILES, and model_registry.model_entries lists folders, never files.
CHECKPOINT_FILES = {"model.pt", "config.json", "history.json", "resume.pt",
                    "test_split.tsv", "subwords.json"}   # a corpus file's test split and subword pieces
TEMPORARY = re.compile(r"\.(model\.pt|config\.json|history\.json|resume\.pt|test_split\.tsv|subwords\.json)"
                       r"\.[^/]*\.tmp")


def test_training_interrupted_with_ctrl_c_after_a_checkpoint_leaves_it_loadable_and_resumable(tmp_path):
    out = tmp_path / "run"
    process = start_training(tmp_path, out)
    try:
        wait_for_checkpoint(process, out)   # the signal lands in epoch 2, or in one of epoch 1's saves
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, stderr[-2000:]
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert {path.name for path in out.iterdir()} == CHECKPOINT_FILES   # Python ran the cleanup: no temporary
    loaded = load_checkpoint(out)
    assert loaded.kind == "additive"
    assert Translator(loaded).translate(SEED_SENTENCE).decoded.token_ids
    finished = int(torch.load(out / "resume.pt", weights_only=True)["fit"]["epoch"])
    assert finished >= 1

    # and --resume carries on from it, one more epoch, to a normal end
    finish = start_training(tmp_path, out, "--resume", "--epochs", str(finished + 1))
    _, stderr = finish.communicate(timeout=300)
    assert finish.returncode == 0, stderr[-2000:]
    assert torch.load(out / "resume.pt", weights_only=True)["fit"]["epoch"] == finished + 1
    load_checkpoint(out)


# Runs python -m core.train again and again: the first run in the driver process itself (which
# also warms torch up), every later one in a process forked from it, so that none pays a fresh
# interpreter's seconds. argv[1] is JSON: the common arguments and a list of runs [folder,
# the fault point (tests.faults.kill_at) or null, extra arguments]; each run's exit code goes to stdout, and a copy of
# the folder as a kill left it goes to <folder>.<run number> before the next run touches it.
FORKING_DRIVER = """
import json, os, shutil, sys
import torch
torch.set_num_threads(1)
from core.train import main
from tests.faults import kill_at
base, runs = json.loads(sys.argv[1])
for number, (folder, fault, extra) in enumerate(runs):
    if number == 0:
        assert not fault, "the first run warms up in this process: it must not be killed"
        code = main([*base, "--out", folder, *extra])
    else:
        pid = os.fork()
        if pid == 0:
            if fault:
                kill_at(fault)
            os._exit(main([*base, "--out", folder, *extra]))
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    snapshot = f"{folder}.{number}"
    if fault and os.path.isdir(folder):
        shutil.copytree(folder, snapshot)
    print(json.dumps([folder, fault, code, snapshot]), flush=True)
"""


def run_forked(base: list[str], runs: list[list]) -> list[tuple[str, str | None, int, str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", FORKING_DRIVER, json.dumps([base, runs])], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return [tuple(json.loads(line)) for line in done.stdout.splitlines() if line.startswith("[")]


def assert_loadable_or_absent(folder: Path) -> None:
    """What a kill may leave: no checkpoint yet, or one that loads, whose config.json
    never names a later best epoch than the weights in model.pt, and only hidden temporaries."""
    if not folder.is_dir() or not (folder / "model.pt").exists():
        assert not folder.is_dir() or not (folder / "config.json").exists(), "config.json without model.pt"
        return
    loaded = load_checkpoint(folder)
    weights_epoch = torch.load(folder / "model.pt", weights_only=True)["best_epoch"]
    if (folder / "config.json").exists():
        assert loaded.metadata["best_epoch"] <= weights_epoch
    leftovers = {path.name for path in folder.iterdir()} - CHECKPOINT_FILES
    assert all(TEMPORARY.fullmatch(name) for name in leftovers), leftovers


def test_killed_at_every_fault_point_the_folder_is_loadable_or_absent_and_resume_ends_as_if_never_killed(tmp_path):
    """SIGKILL at the run's fault points in turn (each epoch's first and last step, inside every
    atomic write of every epoch), then --resume: each time a clean history and the uninterrupted
    run's final weights. Every fourth resume is itself killed at its third point and resumed once more."""
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("".join(f"{h}\t{e}\n" for h, e in TOY_PAIRS_TEXT[:10]), encoding="utf-8")
    base = ["--model", "additive", "--corpus", str(corpus), "--epochs", "2", "--patience", "10", "--hidden", "16",
            "--emb", "8", "--attention", "8", "--batch", "3", "--lr", "0.02", "--dropout", "0.1",
            "--mix-generated", "0"]   # no generated pairs: 0.6 of each run's 0.8 s went to making them
    reference = tmp_path / "reference"
    assert run_forked(base, [[str(reference), None, []]])[0][2] == 0
    # The points an uninterrupted run passes, in order: one per step, then per epoch one per file
    # written (model.pt, history.json, config.json when it improved; history.json otherwise; resume.pt).
    # The steps between an epoch's first and last are alike: a kill there is left out.
    history = json.loads((reference / "history.json").read_text())
    steps_per_epoch = len(history["steps"]) // len(history["epochs"])
    chosen, passed = [], 0
    for epoch in history["epochs"]:
        writes = 4 if epoch["improved"] else 2
        chosen += [passed + 1, passed + steps_per_epoch, *range(passed + steps_per_epoch + 1,
                                                                passed + steps_per_epoch + writes + 1)]
        passed += steps_per_epoch + writes
    assert passed == len(history["steps"]) + sum(4 if e["improved"] else 2 for e in history["epochs"])
    assert steps_per_epoch >= 3 and len(chosen) >= 10

    runs = [[str(tmp_path / "warm-up"), None, []]]
    for number, k in enumerate(chosen, 1):
        folder = str(tmp_path / f"kill{k:02d}")
        runs.append([folder, str(k), []])
        if number % 4 == 0:
            runs.append([folder, "3", ["--resume"]])
        runs.append([folder, None, ["--resume"]])
    results = run_forked(base, runs)[1:]
    assert len(results) == len(runs) - 1

    final = torch.load(reference / "resume.pt", weights_only=True)["model"]
    for folder, fault, code, snapshot in results:
        if fault is None:
            assert code == 0, f"--resume in {folder} failed"
            continue
        assert code == -signal.SIGKILL, f"{folder}: the fault point {fault} did not kill the run"
        assert_loadable_or_absent(Path(snapshot))
    for k in chosen:
        folder = tmp_path / f"kill{k:02d}"
        resumed = json.loads((folder / "history.json").read_text())
        steps = [step for step, _ in resumed["steps"]]
        assert steps == list(range(1, len(history["steps"]) + 1)), f"kill at point {k}: steps"
        assert [e["epoch"] for e in resumed["epochs"]] == [1, 2], f"kill at point {k}: epochs"
        seconds = [e["training_seconds"] for e in resumed["epochs"]]
        assert all(a < b for a, b in zip(seconds, seconds[1:])), f"kill at point {k}: seconds counted twice"
        probed = [(p["epoch"], p.get("step", 0)) for p in resumed["probe_attention"]]
        assert all(a < b for a, b in zip(probed, probed[1:])), f"kill at point {k}: probes"
        assert resumed["steps"] == history["steps"], f"kill at point {k}: the losses differ from the uninterrupted run"
        weights = torch.load(folder / "resume.pt", weights_only=True)["model"]
        assert all(torch.equal(weights[key], final[key]) for key in final), f"kill at point {k}: other weights"
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")], f"kill at point {k}: temporaries"
        load_checkpoint(folder)


# ------------------------------------------------------------------ uploads


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD_TSV = ("hindi\tenglish\n" + "\n".join(f"{h}\t{e}" for h, e in TOY_PAIRS_TEXT) + "\n").encode("utf-8")
UPLOADS = {
    "not_utf8": ("corpus.tsv", "मैं\tI\n".encode("utf-8") + "caf\xe9\tcafé\n".encode("latin-1"), "not UTF-8"),
    "binary": ("corpus.tsv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
    "empty": ("corpus.tsv", b"", "empty"),
    "wrong_column_count": ("corpus.tsv", "\n".join(["a\tb\tc\td\te"] * 5).encode(), "columns"),
    "over_the_size_cap": ("corpus.tsv", GOOD_TSV * (MAX_FILE_BYTES // len(GOOD_TSV) + 1), "MB"),
    "zip_with_a_huge_member": ("corpus.zip", zip_of({"corpus.tsv": b"\t" * (MAX_FILE_BYTES + 1)}), "unpack to"),
    "zip_inside_a_zip": ("corpus.zip", zip_of({"inner.zip": zip_of({"corpus.tsv": GOOD_TSV})}), "another zip"),
    "zip_member_with_dotdot": ("corpus.zip", zip_of({"../../outside/corpus.tsv": GOOD_TSV}), "unsafe name"),
    "zip_member_absolute": ("corpus.zip", zip_of({"/tmp/dhyan_evil.tsv": GOOD_TSV}), "unsafe name"),
    "zip_member_windows_path": ("corpus.zip", zip_of({"C:\\Windows\\corpus.tsv": GOOD_TSV}), "unsafe name"),
}


@pytest.fixture
def sandbox(tmp_path):
    """tmp/data is DHYAN_DATA_DIR; tmp/outside and tmp itself must never change."""
    (tmp_path / "data").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keep.txt").write_text("untouched")
    return tmp_path


def upload(data: bytes, filename: str, name: str, data_dir: Path) -> Path:
    """What the Data page does with an upload: check it, then save it under a name."""
    return save_corpus(load_corpus_bytes(data, filename).pairs, name, data_dir)


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_bad_upload_gets_a_message_and_writes_nothing(sandbox, case):
    filename, data, words = UPLOADS[case]
    before = tree(sandbox)
    with pytest.raises(CorpusFileError, match=re.escape(words)) as error:
        upload(data, filename, "uploaded", sandbox / "data")
    assert "Traceback" not in str(error.value) and len(str(error.value)) < 600
    assert tree(sandbox) == before
    assert not Path("/tmp/dhyan_evil.tsv").exists()


def test_a_good_upload_lands_in_the_data_folder_and_nowhere_else(sandbox):
    before = tree(sandbox)
    saved = upload(zip_of({"folder/corpus.tsv": GOOD_TSV}), "corpus.zip", "my_corpus-1", sandbox / "data")
    assert saved == sandbox / "data" / "corpora" / "my_corpus-1.tsv"
    after = tree(sandbox)
    assert set(after) - set(before) == {"data/corpora", "data/corpora/my_corpus-1.tsv"}
    assert all(after[key] == value for key, value in before.items())
    assert list_saved_corpora(sandbox / "data") == ["my_corpus-1"]


# ------------------------------------------------------------------ names


BAD_NAMES = ["..", ".", "../outside/x", "x/../../outside", "/tmp/abs", "C:evil", "a\x00b", "name\n", " name",
             "name ", "ｎａｍｅ", "naïve", "%2e%2e", "~root", "a" * 41, "CON", "nul", "-rf", ".bashrc", ""]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_bad_corpus_name_is_refused_and_nothing_is_written(sandbox, name):
    before = tree(sandbox)
    with pytest.raises(InvalidNameError):
        save_corpus(toy_pairs(), name, sandbox / "data")
    assert tree(sandbox) == before


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_bad_model_name_is_refused_before_training(sandbox, name):
    with pytest.raises(InvalidNameError):
        check_settings(JobSettings(name=name, corpus="generated", pairs=100, epochs=1, hidden_size=16),
                       sandbox / "data")
    with pytest.raises(InvalidNameError):
        start_job(JobSettings(name=name, corpus="generated", pairs=100, epochs=1, hidden_size=16), sandbox / "data")
    assert not running_jobs()
    assert not (sandbox / "data" / "models").exists()


@pytest.mark.parametrize("corpus", ["../outside/keep", "../../etc/passwd", "/etc/passwd", "toy/../toy", "toy.tsv",
                                    "toy\n"])
def test_a_corpus_name_that_is_a_path_is_not_a_saved_corpus(sandbox, corpus):
    save_corpus(toy_pairs(), "toy", sandbox / "data")
    with pytest.raises(JobSettingsError, match="no saved corpus"):
        check_settings(JobSettings(name="run", corpus=corpus, pairs=100, epochs=1, hidden_size=16), sandbox / "data")


def test_a_training_folder_linked_out_of_the_data_folder_is_never_written(sandbox):
    """data/training is a symlink to a folder outside: the job must refuse before creating
    anything there (not create, notice, then delete)."""
    data = sandbox / "data"
    save_corpus(toy_pairs(), "toy", data)
    os.symlink(sandbox / "outside", data / "training")
    outside_before = (tree(sandbox / "outside"), os.stat(sandbox / "outside").st_mtime_ns)
    job = start_job(JobSettings(name="run", corpus="toy", pairs=100, epochs=1, hidden_size=16, evaluate=False), data)
    final = job.wait(120)
    assert final.state == "failed" and "outside" in final.message, final.message
    assert (tree(sandbox / "outside"), os.stat(sandbox / "outside").st_mtime_ns) == outside_before
    assert not (data / "models").exists()


def test_a_models_folder_linked_out_of_the_data_folder_gets_nothing(sandbox):
    data = sandbox / "data"
    save_corpus(toy_pairs(), "toy", data)
    os.symlink(sandbox / "outside", data / "models")
    before = tree(sandbox / "outside")
    final = start_job(JobSettings(name="run", corpus="toy", pairs=100, epochs=1, hidden_size=16, evaluate=False),
                      data).wait(120)
    assert final.state == "failed" and "outside" in final.message, final.message
    assert tree(sandbox / "outside") == before


# ------------------------------------------------------------------ uploads on the Data page

DATA = "pages/5_Data.py"


def upload_on_page(filename: str, data: bytes, sandbox: Path | None = None):
    """Open the Data page, then upload; with `sandbox`, also the folder tree between the two (a
    visit itself records the browser's owner and, on a first start, the server's secret)."""
    at = app(DATA)
    assert not at.exception
    before = tree(sandbox) if sandbox is not None else None
    at.file_uploader(key="data_upload").upload(filename, data, "application/octet-stream")
    return at.run(), before


@pytest.mark.parametrize("case", list(UPLOADS))
def test_the_data_page_names_the_problem_of_a_bad_upload_and_writes_nothing(sandbox, case):
    filename, data, words = UPLOADS[case]
    at, before = upload_on_page(filename, data, sandbox)
    assert not at.exception, [e.value for e in at.exception]
    errors = [as_read(element.value) for element in at.error]
    assert len(errors) == 1 and words in errors[0], errors
    assert not at.success
    assert tree(sandbox) == before
    assert not Path("/tmp/dhyan_evil.tsv").exists()


def test_the_data_page_saves_only_under_a_valid_name_inside_the_data_folder(sandbox):
    at, before = upload_on_page("../../outside/hin-eng (1).tsv", GOOD_TSV, sandbox)   # staged, not saved
    assert not at.exception and at.success
    assert at.text_input(key="data_corpus_name").value == "hin-eng_1"   # the path is gone from the suggestion
    for name in ["../outside/keep", "/tmp/abs", "x/../../y", "..", "a\x00b", "ｎａｍｅ"]:
        at.text_input(key="data_corpus_name").set_value(name)
        at.button(key="data_save").click().run()
        assert not at.exception
        assert at.error, f"{name!r} was accepted"
        assert tree(sandbox) == before, f"{name!r} wrote something"
    at.text_input(key="data_corpus_name").set_value("class_corpus")
    at.button(key="data_save").click().run()
    assert not at.exception and not at.error
    after = tree(sandbox)
    owner = hashlib.sha256(at.session_state["owner_token"].encode()).hexdigest()[:12]   # the upload is its browser's
    assert set(after) - set(before) == {"data/corpora", f"data/corpora/{owner}",
                                        f"data/corpora/{owner}/class_corpus.tsv"}
    assert all(after[key] == value for key, value in before.items())
