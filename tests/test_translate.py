import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.nmt.checkpoint import load_checkpoint, save_checkpoint
from core.language.text import tokenize_hindi
from core.nmt.translate import InputError, Translator

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def toy_folder(tmp_path, trained_toy):
    result = trained_toy("additive")
    save_checkpoint(tmp_path / "toy", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 20}, result.history)
    return tmp_path / "toy"


@pytest.fixture
def translator(toy_folder):
    return Translator(load_checkpoint(toy_folder))


def test_translates_and_reports_everything_a_page_shows(translator):
    translation = translator.translate("मैं खाना खा रहा हूँ")
    assert translation.text == "I am eating"
    assert translation.source_tokens == ["मैं", "खाना", "खा", "रहा", "हूँ", "<eos>"]
    assert translation.output_tokens == ["I", "am", "eating", "<eos>"]
    assert translation.attention.shape == (4, 6)
    assert len(translation.token_probabilities) == 4 and all(0 < p <= 1 for p in translation.token_probabilities)
    assert translation.alternatives[0][0][0] == "I"
    assert translation.unknown_words == [] and translation.notes == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200d", "\x00\x07"])
def test_blank_input_gets_a_hint(translator, text):
    with pytest.raises(InputError, match="Type a Hindi sentence"):
        translator.translate(text)


@pytest.mark.parametrize("text", ["hello world", "12345", "😀😀", "مرحبا بالعالم"])
def test_input_without_devanagari_is_refused_with_a_reason(translator, text):
    with pytest.raises(InputError, match="Devanagari"):
        translator.translate(text)


def test_unknown_words_are_translated_as_unk_and_listed(translator):
    translation = translator.translate("मैं समोसा खा रहा हूँ hello 42 😀")
    assert translation.unknown_words == ["समोसा", "hello", "42", "😀"]
    assert translation.source_tokens[1] == "समोसा"  # shown as typed, read as <unk>


def test_a_sentence_made_only_of_unknown_words_still_translates(translator):
    translation = translator.translate("समोसा जलेबी")
    assert translation.unknown_words == ["समोसा", "जलेबी"]
    assert translation.decoded.token_ids  # some output, no crash


def test_very_long_input_is_cut_with_a_note(translator):
    translation = translator.translate("मैं खाना " * 5000)  # 10,000+ characters
    assert len(translation.source_tokens) == 20  # 19 words + <eos>, the model's maximum
    assert any("cut" in note for note in translation.notes)
    assert any("characters" in note for note in translation.notes)


def test_control_zero_width_and_bidi_characters_are_ignored(translator):
    messy = "\u202bमैं\u200b खाना\x07 खा\u200d रहा हूँ\u202c"
    assert translator.translate(messy).text == "I am eating"


def test_forced_prefix_and_its_unknown_words(translator):
    assert translator.translate("मैं खाना खा रहा हूँ", prefix="we").target_tokens[0] == "we"
    with pytest.raises(InputError, match="cannot write"):
        translator.translate("मैं खाना खा रहा हूँ", prefix="zebra")


def test_cli_prints_json_with_tokens_attention_and_probabilities(toy_folder):
    run = subprocess.run([sys.executable, "-m", "core.translate", "--model", str(toy_folder), "--json",
                          "मैं खाना खा रहा हूँ"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["translation"] == "I am eating"
    assert len(result["attention"]) == len(result["target_tokens"])
    assert len(result["attention"][0]) == len(result["source_tokens"])


def test_cli_reports_bad_input_and_missing_model_without_a_traceback(toy_folder):
    run = subprocess.run([sys.executable, "-m", "core.translate", "--model", str(toy_folder), "hello"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Devanagari" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "core.translate", "--model", "no-such-model", "मैं"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "No model called" in run.stderr and "Traceback" not in run.stderr
