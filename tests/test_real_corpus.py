"""Real corpora: a corpus file trains with its own recipe (subwords, sizes from its
size), keeps its test split beside the model for `core.evaluate --model DIR`, is scored against
the English as written, and its attention is shown over whole words."""
import json
from dataclasses import fields
from pathlib import Path

import pytest
import torch

from core.language.pairs import CorpusSplits, SentencePair
from core.language.subwords import SUBWORDS_FILE, Segmentation
from core.language.user_corpus import load_corpus_bytes, load_corpus_file
from core.nmt import evaluate as evaluate_module
from core.nmt.evaluate import attention_on_marks
from core.nmt.config import AUTOMATIC, GENERATED_SETTINGS, TrainConfig, file_settings
from core.nmt.data import TEST_SPLIT_FILE, split_pairs, with_generated_pairs
from core.nmt.train import estimate_seconds, train
from core.train import build_parser, config_arguments, main
from core.nmt.translate import Translator

ROOT = Path(__file__).resolve().parent.parent
TATOEBA = ROOT.parent / "shared" / "data" / "tatoeba-hin-eng.tsv"

# Everyday pairs written as people write them: contractions, times, quotes, abbreviations.
SUBJECTS = [("मैं", "I'm", "रहा हूँ"), ("वह", "He's", "रहा है"), ("वह", "She's", "रही है"), ("हम", "We're", "रहे हैं")]
ACTIONS = [("खाना खा", "eating"), ("पानी पी", "drinking water"), ("किताब पढ़", "reading a book"),
           ("गाना गा", "singing a song"), ("घर जा", "going home"), ("चाय बना", "making tea"),
           ("खत लिख", "writing a letter"), ("काम कर", "working")]
EXTRA = [("वह आज नहीं आएगी।", "She won't come today."), ("बस 6:45 बजे चलती है।", "The bus leaves at 6:45 a.m."),
         ("रवि ने पूछा, \"क्या देर हो गई?\"", 'Ravi asked, "Is it late?"'), ("मिस्टर स्मिथ यहाँ हैं।", "Mr. Smith is here.")]


def corpus_lines() -> list[tuple[str, str]]:
    lines = [(f"{hindi} {action} {aux}।", f"{english} {doing}.")
             for hindi, english, aux in SUBJECTS for action, doing in ACTIONS]
    return lines + EXTRA


def write_corpus(folder: Path) -> Path:
    path = folder / "everyday.tsv"
    path.write_text("hindi\tenglish\n" + "".join(f"{h}\t{e}\n" for h, e in corpus_lines()), encoding="utf-8")
    return path


def tiny_arguments(out: Path, corpus: Path, *extra: str) -> list[str]:
    return ["--out", str(out), "--corpus", str(corpus), "--model", "additive", "--hidden", "16", "--emb", "8",
            "--attention", "8", "--batch", "8", "--lr", "0.01", "--epochs", "2", "--patience", "5",
            "--subwords", "60", "--mix-generated", "0", "--threads", "1", *extra]


@pytest.fixture(scope="module")
def trained_folder(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("real")
    corpus, out = write_corpus(folder), folder / "run"
    assert main(tiny_arguments(out, corpus)) == 0
    return corpus, out


# ------------------------------------------------------------------ the English as written


def test_a_corpus_files_pairs_keep_the_english_as_written():
    data = "".join(f"{h}\t{e}\n" for h, e in EXTRA).encode("utf-8")
    pairs = load_corpus_bytes(data, "everyday.tsv").pairs
    assert [pair.target_text for pair in pairs] == [english for _, english in EXTRA]
    assert pairs[2].target_tokens[:3] == ("Ravi", "asked", ",")  # the model still reads and writes tokens


def test_the_recorded_test_split_and_the_evaluation_use_the_english_as_written(trained_folder, capsys):
    corpus, out = trained_folder
    expected = split_pairs(load_corpus_file(corpus).pairs, seed=0, max_train=40_000).test
    recorded = load_corpus_file(out / TEST_SPLIT_FILE).pairs
    assert [(p.source_tokens, p.target_text) for p in recorded] == [(p.source_tokens, p.target_text) for p in expected]
    assert evaluate_module.main(["--model", str(out), "--save"]) == 0
    assert f"{len(expected)} test sentences" in capsys.readouterr().out
    saved = json.loads((out / "eval.json").read_text(encoding="utf-8"))
    assert [s["reference"] for s in saved["sentences"]] == [p.target_text for p in expected]
    assert saved["test_sentences"] == len(expected) and saved["test_set"] == "everyday.tsv: its test split"
    assert saved["attention_on_marks"] is not None and "attention_on_marks_greedy" in saved
    assert all("@@" not in s["translation"] for s in saved["sentences"])


def test_a_corpus_model_without_a_recorded_test_split_is_refused_in_one_line(trained_folder, tmp_path, capsys):
    import shutil
    _, out = trained_folder
    copy = tmp_path / "old_model"
    shutil.copytree(out, copy)
    (copy / TEST_SPLIT_FILE).unlink()
    assert evaluate_module.main(["--model", str(copy)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and TEST_SPLIT_FILE in error[0] and "--corpus FILE" in error[0]


# ------------------------------------------------------------------ subwords in the model's folder


def test_a_subword_model_translates_into_words_and_attends_over_pieces(trained_folder):
    _, out = trained_folder
    assert (out / SUBWORDS_FILE).is_file()
    translator = Translator.from_name(str(out))
    assert translator.segmentation.uses_pieces
    translation = translator.translate("हम खाना खा रहे हैं।")
    assert "@@" not in translation.text
    assert len(translation.attention) == len(translation.output_tokens)
    assert len(translation.attention[0]) == len(translation.source_tokens)
    forced = translator.translate("हम खाना खा रहे हैं।", prefix="We're")  # whole words: split as the model writes
    assert forced.text.startswith("We're")


def test_the_attention_per_epoch_is_recorded_over_whole_words(trained_folder):
    _, out = trained_folder
    history = json.loads((out / "history.json").read_text(encoding="utf-8"))
    for entry in history["probe_attention"]:
        for sentence in entry["sentences"]:
            assert not any(token.endswith("@@") for token in sentence["source"] + sentence["target"])
            assert len(sentence["weights"]) >= len(sentence["target"])
            assert all(len(row) == len(sentence["source"]) for row in sentence["weights"])
            assert all(sum(row) == pytest.approx(1.0, abs=0.01) for row in sentence["weights"])


def test_a_damaged_subword_file_makes_the_model_unavailable_with_a_message(trained_folder, tmp_path):
    import shutil
    from core.nmt.checkpoint import CheckpointError
    _, out = trained_folder
    copy = tmp_path / "damaged"
    shutil.copytree(out, copy)
    (copy / SUBWORDS_FILE).write_text("{truncated", encoding="utf-8")
    with pytest.raises(CheckpointError, match=SUBWORDS_FILE):
        Translator.from_name(str(copy))


def test_a_resumed_subword_run_reads_with_the_pieces_it_started_with(tmp_path):
    corpus, out = write_corpus(tmp_path), tmp_path / "run"
    assert main(tiny_arguments(out, corpus, "--epochs", "1")) == 0
    pieces = (out / SUBWORDS_FILE).read_bytes()
    assert main(tiny_arguments(out, corpus, "--epochs", "2", "--resume")) == 0
    assert (out / SUBWORDS_FILE).read_bytes() == pieces
    assert len(json.loads((out / "history.json").read_text())["epochs"]) == 2


# ------------------------------------------------------------------ settings chosen from the corpus's size


def test_a_files_automatic_settings_wait_for_its_size_and_the_generated_corpus_keeps_its_own():
    generated = TrainConfig()
    assert {name: getattr(generated, name) for name in AUTOMATIC} == GENERATED_SETTINGS
    from_file = TrainConfig(corpus="class.tsv")
    assert all(getattr(from_file, name) is None for name in AUTOMATIC)
    resolved = from_file.resolved(2_000)
    assert {name: getattr(resolved, name) for name in AUTOMATIC} == {
        name: value for name, value in file_settings(2_000).items() if name in AUTOMATIC}
    given = TrainConfig(corpus="class.tsv", subwords=0).resolved(2_000)
    assert given.subwords == 0, "a setting given is never replaced"


def test_auto_goes_through_the_command_line_and_back():
    config = TrainConfig(corpus="class.tsv", hidden_size=32, embedding_size=16, attention_size=16)
    arguments = config_arguments(config)
    assert arguments[arguments.index("--subwords") + 1] == "auto"
    parsed = build_parser().parse_args(["--out", "unused", *arguments])
    assert TrainConfig(**{f.name: getattr(parsed, f.name) for f in fields(TrainConfig)}) == config


def test_the_time_a_run_takes_is_said_before_it_starts(tmp_path):
    corpus = write_corpus(tmp_path)
    config = TrainConfig(corpus=str(corpus), hidden_size=16, embedding_size=8, attention_size=8, epochs=7,
                         mix_generated=0, device="cpu")
    estimate = estimate_seconds(config)
    assert estimate["epochs"] == 7 and estimate["epoch"] > 0
    assert estimate["at_most"] >= 7 * estimate["epoch"]
    train_pairs = len(split_pairs(load_corpus_file(corpus).pairs, 0, 40_000).train)
    resolved = config.resolved(train_pairs)
    assert estimate["settings"] == {name: getattr(resolved, name) for name in AUTOMATIC}


def test_the_settings_chosen_are_recorded_with_the_model(trained_folder):
    _, out = trained_folder
    training = json.loads((out / "config.json").read_text(encoding="utf-8"))["training"]
    assert training["subwords"] == 60 and training["mix_generated"] == 0
    assert all(training[name] is not None for name in AUTOMATIC)


# ------------------------------------------------------------------ generated pairs mixed in


def test_generated_pairs_join_the_training_split_only_and_are_no_longer_than_the_files_longest():
    pairs = load_corpus_bytes("".join(f"{h}\t{e}\n" for h, e in corpus_lines()).encode(), "x.tsv").pairs
    splits = split_pairs(pairs, seed=0, max_train=1000)
    mixed = with_generated_pairs(splits, 50, seed=0)
    longest = max(len(p.source_tokens) for p in splits.train)
    added = mixed.train[len(splits.train):]
    assert mixed.train[:len(splits.train)] == splits.train and 0 < len(added) <= 50
    assert all(len(p.source_tokens) <= longest and p.alignment for p in added)
    assert mixed.validation == splits.validation and mixed.test == splits.test
    assert with_generated_pairs(splits, 0, seed=0) is splits


# ------------------------------------------------------------------ attention that looks at no word


def test_attention_on_marks_counts_the_english_words_whose_highest_weight_is_a_mark_or_eos():
    pair = SentencePair(("राम", "खाना", "खाता", "है", "।"), ("Ram", "eats", "food", "."))
    weights = torch.tensor([
        [0.7, 0.1, 0.1, 0.0, 0.1, 0.0],   # Ram -> राम
        [0.1, 0.1, 0.2, 0.0, 0.6, 0.0],   # eats -> ।   (a mark)
        [0.1, 0.2, 0.1, 0.0, 0.0, 0.6],   # food -> <eos>
        [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],   # "." is punctuation: not counted
    ])
    sources = [*pair.source_tokens, "<eos>"]
    measured = attention_on_marks([(weights, sources, pair.target_tokens)])
    assert measured == {"share": pytest.approx(2 / 3), "words": 3, "on_marks": 2}
    written = [["Ram", "eats", "<eos>"]]   # its own translation: the <eos> it writes is no word either
    assert attention_on_marks([(weights[:3].tolist(), sources, written[0])])["words"] == 2
    assert attention_on_marks([None, (None, sources, pair.target_tokens)])["share"] is None


# ------------------------------------------------------------------ the shared Tatoeba file, when it is there


def test_on_tatoeba_subwords_leave_few_test_pieces_unknown_where_whole_words_leave_many():
    if not TATOEBA.is_file():
        pytest.skip(f"the shared Tatoeba file is not at {TATOEBA}")
    pairs = load_corpus_file(TATOEBA).pairs
    splits = split_pairs(pairs, seed=0, max_train=40_000)
    size = file_settings(len(splits.train))["subwords"]
    segmentation = Segmentation.learn(splits.train, size)

    def unknown_share(read) -> float:
        known = {token for pair in splits.train for token in read(pair.source_tokens)}
        tested = [token for pair in splits.test for token in read(pair.source_tokens)]
        return sum(token not in known for token in tested) / len(tested)

    assert unknown_share(list) > 0.05
    assert unknown_share(segmentation.source_pieces) < 0.02


# ------------------------------------------------------------------ charts


def test_the_heatmap_of_a_subword_model_shows_whole_words():
    from app.charts import attention_heatmap
    weights = [[0.1, 0.2, 0.3, 0.4], [0.3, 0.3, 0.2, 0.2], [0.0, 0.0, 0.0, 1.0]]
    chart = attention_heatmap(weights, ["कल@@", "म", "।", "<eos>"], ["pen@@", "cil", "<eos>"])
    frame = chart.data.to_pandas()   # the chart's data: an Arrow table (app.charts.table)
    assert list(dict.fromkeys(frame["source_token"])) == ["कलम", "।", "<eos>"]
    assert list(dict.fromkeys(frame["target_token"])) == ["pencil", "<eos>"]
    cell = frame[(frame["target_token"] == "pencil") & (frame["source_token"] == "कलम")]
    assert float(cell["weight"].iloc[0]) == pytest.approx(0.45)


# ------------------------------------------------------------------ in the browser


def test_a_run_from_the_page_with_the_recipe_takes_its_sizes_and_epochs_from_the_corpus(tmp_path):
    from app import jobs
    from core.language.user_corpus import save_corpus
    data = tmp_path / "data"
    save_corpus(load_corpus_file(write_corpus(tmp_path)).pairs, "everyday", data)
    settings = jobs.JobSettings(name="real", corpus="everyday", epochs=1, hidden_size=16, recipe=True)
    config = settings.train_config(jobs.corpus_path(settings, data))
    assert config.hidden_size is None and config.epochs is None   # left to the corpus's size
    job = jobs.start_job(settings, data)
    final = job.wait(300)
    assert final.state == "finished", final.message
    train_pairs = len(split_pairs(load_corpus_file(data / "corpora" / "everyday.tsv").pairs, 0, 40_000).train)
    chosen = file_settings(train_pairs)
    assert final.total_epochs == chosen["epochs"] and len(final.epochs) > 1
    folder = data / "models" / "real"
    training = json.loads((folder / "config.json").read_text(encoding="utf-8"))["training"]
    assert training["hidden_size"] == chosen["hidden_size"] and training["subwords"] == chosen["subwords"]
    assert (folder / TEST_SPLIT_FILE).is_file() and (folder / SUBWORDS_FILE).is_file()
    assert json.loads((folder / "eval.json").read_text(encoding="utf-8"))["test_set"] == "uploaded:everyday: its test split"


def test_the_training_page_says_how_long_a_run_on_an_uploaded_corpus_will_take(tmp_path, monkeypatch):
    import os
    from app import owner_session
    from core.language.user_corpus import save_corpus
    from tests.app_helpers import app
    from core import owners
    # this browser's cookie, a token the server signed: an upload is its browser's alone
    token = owners.new_token(owners.server_secret(os.environ["DHYAN_DATA_DIR"]))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    save_corpus(load_corpus_file(write_corpus(tmp_path)).pairs, "everyday", Path(os.environ["DHYAN_DATA_DIR"]),
                owner=owners.owner_of(token))
    at = app("pages/3_Training.py")
    assert not any("How long" in info.value for info in at.info), "nothing to say for the generated corpus"
    at.selectbox(key="train_corpus").set_value("everyday").run()
    assert not at.exception
    said = [info.value for info in at.info if "How long" in info.value]
    assert len(said) == 1 and "The recipe chose hidden size" in said[0] and " an epoch on this server" in said[0]
    at.toggle(key="train_recipe").set_value(False).run()
    said = [info.value for info in at.info if "How long" in info.value]
    assert len(said) == 1 and "The recipe chose" not in said[0]


def test_the_long_sentences_page_shows_a_corpus_model_with_the_sentences_it_was_scored_on(tmp_path):
    import os
    from app import jobs
    from core.language.user_corpus import save_corpus
    from tests.app_helpers import app
    data = Path(os.environ["DHYAN_DATA_DIR"])
    save_corpus(load_corpus_file(write_corpus(tmp_path)).pairs, "everyday", data)
    job = jobs.start_job(jobs.JobSettings(name="real", corpus="everyday", epochs=1, hidden_size=16), data)
    assert job.wait(300).state == "finished"
    at = app("pages/4_Long_sentences.py")
    assert not at.exception
    groups = at.radio(key="long_test_set")
    assert any(option.startswith("uploaded:everyday: its test split") for option in groups.options)
    shown = at.dataframe[0].value
    assert "real" not in " ".join(shown["model"]), "the generated corpus's models come first, alone"
    groups.set_value(next(o for o in groups.options if o.startswith("uploaded:everyday"))).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert list(shown["model"]) == ["shared/real"] and "attention on marks %" in shown.columns


# ------------------------------------------------------------------ the benchmark's real-corpus section


def test_the_benchmark_skips_the_real_corpus_section_when_the_file_is_absent(tmp_path):
    from tools import bench
    results = bench.run_benchmark(["real_corpus"], quick=False, models=None, threads=1,
                                  real_corpus=tmp_path / "absent.tsv")
    assert results["real_corpus"] == {"skipped": f"no corpus file at {tmp_path / 'absent.tsv'}"}
    assert "REAL CORPUS — skipped: no corpus file at" in bench.format_report(results)
    assert not results["errors"]


def test_the_benchmark_trains_both_kinds_with_the_recipe_and_checks_the_targets(tmp_path, monkeypatch):
    from core.nmt import config as config_module
    from tools import bench
    tiny = {**file_settings(2_000), "embedding_size": 8, "hidden_size": 16, "attention_size": 8, "epochs": 2,
            "mix_generated": 0, "subwords": 60}
    monkeypatch.setattr(config_module, "file_settings", lambda train_pairs: tiny)
    real = bench.bench_real_corpus(write_corpus(tmp_path), ("additive", "encdec"), tmp_path / "scratch")
    additive, encdec = real["models"]["additive"], real["models"]["encdec"]
    assert additive["settings"]["hidden_size"] == 16 and additive["epochs_run"] == 2
    assert additive["attention_on_marks"] is not None and encdec["attention_on_marks"] is None
    saved = json.loads((tmp_path / "scratch" / "real-additive" / "config.json").read_text(encoding="utf-8"))
    assert additive["seconds_to_best"] == saved["training_seconds"]
    checks = {row["target"]: row for row in bench.real_corpus_checks(real["models"])}
    assert checks["real_additive_beats_encdec"]["met"] == (additive["bleu"] > encdec["bleu"]
                                                            and additive["chrf"] > encdec["chrf"])
    assert checks["real_attention_on_marks"]["met"] == (100 * additive["attention_on_marks"] <= 20)
    assert checks["real_bleu_stretch"]["met"] == (additive["bleu"] >= 10)
    report = bench.real_corpus_lines(real)
    assert report[0].startswith("REAL CORPUS") and any(line.lstrip().startswith("additive") for line in report)


def test_the_real_corpus_targets_compare_the_right_way():
    from tools import bench
    row = {"bleu": 12.0, "chrf": 31.0, "attention_on_marks": 0.3, "wall_s": 700.0}
    checks = {c["target"]: c for c in bench.real_corpus_checks({"additive": row, "encdec": {**row, "bleu": 13.0}})}
    assert checks["real_bleu_stretch"]["met"] and checks["real_chrf_stretch"]["met"]
    assert not checks["real_attention_on_marks"]["met"] and not checks["real_minutes"]["met"]
    assert not checks["real_additive_beats_encdec"]["met"]   # BLEU 12 against encdec's 13
