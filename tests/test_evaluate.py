import json

import torch

from core.nmt.checkpoint import load_checkpoint, save_checkpoint
from core.language.corpus import generate_corpus
from core.nmt import evaluate as evaluate_module
from core.nmt.evaluate import evaluate, teacher_forced_attention
from core.nmt.held_out import generated_test_split
from core.nmt.metrics import alignment_error_rate, attention_alignment, corpus_bleu
from core.language.corpus import SentencePair
from tests.toy_corpus import toy_pairs


def test_the_test_split_does_not_depend_on_the_number_of_training_pairs():
    assert generated_test_split(3) == generate_corpus(n_train=2000, seed=3).test


def test_hard_alignment_takes_each_target_words_best_source_word_and_skips_eos():
    attention = torch.tensor([[0.1, 0.7, 0.2], [0.2, 0.1, 0.7], [0.6, 0.3, 0.1]])
    # source length 2: position 2 is the appended <eos> and is never chosen
    assert attention_alignment(attention, 2) == {(1, 0), (0, 1), (0, 2)}


def test_alignment_error_rate_follows_och_and_ney():
    gold = [{(0, 0), (1, 1), (2, 2)}]
    assert alignment_error_rate([{(0, 0), (1, 1), (2, 2)}], gold) == 0.0
    assert alignment_error_rate([{(1, 0), (0, 1), (0, 2)}], gold) == 1.0
    # 2 of 3 predicted links right: 1 - (2 + 2) / (3 + 3)
    assert abs(alignment_error_rate([{(0, 0), (1, 1), (0, 2)}], gold) - (1 - 4 / 6)) < 1e-12
    # a target word with no gold link is not scored
    assert alignment_error_rate([{(0, 0), (1, 1), (2, 2), (0, 3)}], gold) == 0.0


def test_evaluate_reports_bleu_per_bucket_and_aer_on_a_toy_model(tmp_path, trained_toy):
    result = trained_toy("additive")
    save_checkpoint(tmp_path / "toy", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 20})
    loaded = load_checkpoint(tmp_path / "toy")
    # the toy sentences with a hand-made gold alignment: "मैं खाना खा रहा हूँ" ~ "I am eating"
    pairs = [SentencePair(p.source_tokens, p.target_tokens, ((0, 0), (4, 1), (2, 2))) for p in toy_pairs()[:1]]
    pairs += toy_pairs()[1:]
    report = evaluate(loaded, pairs)
    assert report["bleu"] == corpus_bleu([p.target_text for p in pairs], [p.target_text for p in pairs]).score
    assert report["exact_match"] == 1.0
    assert list(report["buckets"]) == ["1–10"] and report["buckets"]["1–10"]["sentences"] == len(pairs)
    assert report["bleu_signature"].startswith("nrefs:1")
    assert 0.0 <= report["aer"] <= 1.0
    assert len(report["sentences"]) == len(pairs) and report["sentences"][0]["exact"]
    weights = teacher_forced_attention(loaded, pairs[:2])
    assert weights[0].shape == (3, 6)  # 3 reference words x (5 source words + <eos>)
    torch.testing.assert_close(weights[0].sum(1), torch.ones(3))


def test_evaluate_cli_refuses_a_model_without_a_generated_corpus(tmp_path, trained_toy, capsys):
    result = trained_toy("dot")
    save_checkpoint(tmp_path / "toy", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 20, "corpus": {"corpus": "toy"}})
    assert evaluate_module.main(["--model", str(tmp_path / "toy"), "--json"]) == 2
    assert "generated corpus" in capsys.readouterr().err


def test_evaluate_cli_writes_eval_json_only_with_save(tmp_path, trained_toy, monkeypatch, capsys):
    result = trained_toy("dot")
    folder = tmp_path / "toy"
    save_checkpoint(folder, result.model, result.source_vocab, result.target_vocab, {"max_source_tokens": 20})
    monkeypatch.setattr(evaluate_module, "held_out_split_for", lambda loaded: toy_pairs())  # not the 1,250 test pairs
    before = sorted(p.name for p in folder.iterdir())
    assert evaluate_module.main(["--model", str(folder)]) == 0
    assert "BLEU" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == before   # a checkpoint folder under checkpoints/ stays as committed
    assert evaluate_module.main(["--model", str(folder), "--save"]) == 0
    saved = json.loads((folder / "eval.json").read_text(encoding="utf-8"))
    assert saved["test_sentences"] == len(toy_pairs()) and saved["exact_match"] == 1.0


def test_results_table_has_a_row_per_model_and_a_column_per_bucket():
    from core.nmt.evaluate import results_markdown
    evaluation = {"bleu": 91.25, "chrf": 95.0, "exact_match": 0.5, "aer": 0.125, "parameters": 1234567,
                  "best_epoch": 4, "epochs_run": 8, "total_training_seconds": 600,
                  "buckets": {"1–10": {"bleu": 99.0}, "41+": {"bleu": 80.04}}}
    table = results_markdown({"additive": evaluation, "encdec": {**evaluation, "aer": None, "buckets": {"1–10": {"bleu": 90.0}}}})
    lines = table.splitlines()
    assert lines[0].startswith("| model | BLEU 1–10 | BLEU 41+ | BLEU | chrF")
    assert len(lines) == 4 and all(line.count("|") == lines[0].count("|") for line in lines)
    assert "| `additive` | 99.0 | 80.0 | 91.2 | 95.0 | 50.0 | 0.125 | 1,234,567 | 8 (5) | 10.0 |" in lines
    assert "| `encdec` | 90.0 | – |" in lines[3] and "| – |" in lines[3]


def test_the_readme_table_command_prints_a_row_for_every_shipped_model(capsys):
    from core.nmt.model import LOADABLE_KINDS
    assert evaluate_module.main(["--table"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(LOADABLE_KINDS)
