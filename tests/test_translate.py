import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.nmt.checkpoint import load_checkpoint, save_checkpoint
from core.nmt.translate import InputError, Translator
from core.nmt.translate import main as translate_main

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


def cli(arguments: list[str], capsys) -> tuple[int, str, str]:
    """`python -m core.translate ARGUMENTS` as its main() runs it: (exit code, stdout, stderr).
    One test below runs the real command in a process of its own."""
    code = translate_main(arguments)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_prints_json_with_tokens_attention_and_probabilities(toy_folder, capsys):
    code, stdout, stderr = cli(["--model", str(toy_folder), "--json", "मैं खाना खा रहा हूँ"], capsys)
    assert code == 0, stderr
    result = json.loads(stdout)
    assert result["translation"] == "I am eating"
    assert len(result["attention"]) == len(result["target_tokens"])
    assert len(result["attention"][0]) == len(result["source_tokens"])


def test_cli_reports_bad_input_and_missing_model_without_a_traceback(toy_folder, capsys):
    code, _, stderr = cli(["--model", str(toy_folder), "hello"], capsys)
    assert code == 2 and "Devanagari" in stderr and "Traceback" not in stderr
    run = subprocess.run([sys.executable, "-m", "core.translate", "--model", "no-such-model", "मैं"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "No model called" in run.stderr and "Traceback" not in run.stderr


# ---------------------------------------------------------------- unknown words: positions, suggestions, guesses

@pytest.mark.parametrize("text", ["।", "॥", "। ॥ ।", "?!.,", "\u093c", "\u0901", "\u093c\u0901 \u0902", "५४३", "१२ ।",
                                  "hello 5 😀 ।", "\u094d"])
def test_input_without_a_devanagari_letter_gets_no_translation(translator, text):
    """The danda, marks and digits are inside U+0900-097F, but none of them is a letter."""
    with pytest.raises(InputError, match="no Devanagari letters"):
        translator.translate(text)


def test_unknown_words_have_positions_and_the_nearest_known_words(translator):
    translation = translator.translate("मैं खाने खा रहा हूँ, झुमझुमलू")
    by_position = {u.position: u for u in translation.unknown}
    assert by_position[1].word == "खाने" and by_position[1].suggestions[0] == "खाना"
    assert by_position[5].word == "," and by_position[5].suggestions == ()
    assert by_position[6].word == "झुमझुमलू" and by_position[6].suggestions == ()
    for unknown in translation.unknown:
        assert translation.source_tokens[unknown.position] == unknown.word
        assert all(word in translator.source_vocab for word in unknown.suggestions)
    assert translation.label == "Guess" and translation.is_guess
    assert by_position[1].resembles == "खाना"  # the same stem: read as खाना, said in the notice
    assert translation.notices()[0].startswith("Guess: 3 words are not in the model's vocabulary: खाने (it looks "
                                               "like a form of खाना")


def test_a_repeated_unknown_word_is_listed_at_each_position(translator):
    translation = translator.translate("समोसा खाना समोसा")
    assert [(u.position, u.word) for u in translation.unknown] == [(0, "समोसा"), (2, "समोसा")]
    assert translation.unknown_words == ["समोसा"]


def test_a_known_sentence_is_a_translation_not_a_guess(translator):
    translation = translator.translate("मैं खाना खा रहा हूँ")
    assert translation.label == "Translation" and translation.notices() == [] and not translation.mostly_unknown


def test_more_than_half_unknown_words(translator):
    assert translator.translate("मैं समोसा जलेबी").mostly_unknown  # 2 of 3
    assert not translator.translate("मैं समोसा खा रहा हूँ").mostly_unknown  # 1 of 5
    assert not translator.translate("मैं समोसा").mostly_unknown  # half is not more than half


# ---------------------------------------------------------------- the command line: notices, JSON, files


def test_cli_says_a_guess_is_a_guess_in_plain_words(toy_folder, capsys):
    from core.nmt.translate import main
    assert main(["--model", str(toy_folder), "मैं", "खाने", "खा", "रहा", "हूँ"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("Guess: 1 word is not in the model's vocabulary: खाने (it looks like a form of खाना")
    assert "<unk>" not in "\n".join(out[1:])
    assert main(["--model", str(toy_folder), "मैं खाना खा रहा हूँ"]) == 0
    assert capsys.readouterr().out == "I am eating\n"  # a translation: no notice


def test_cli_json_gives_unknown_words_with_positions_suggestions_and_copies(toy_folder, capsys):
    from core.nmt.translate import main
    assert main(["--model", str(toy_folder), "--json", "मैं खाने खा रहा हूँ"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["label"] == "guess"
    assert result["unknown_words"] == [{"word": "खाने", "position": 1,
                                        "suggestions": list(Translator(load_checkpoint(toy_folder)).suggestions("खाने"))}]
    assert result["unknown_words"][0]["suggestions"][0] == "खाना"
    assert result["copied"] == [] and result["unknown_left"] == []


def test_cli_no_copy_leaves_unk(toy_folder, capsys, monkeypatch):
    from core.nmt import translate
    from core.language.text import EOS_ID, UNK_ID
    from tests.test_unknown_words import decode_result
    i = Translator(load_checkpoint(toy_folder)).target_vocab.index["I"]
    rows = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]  # "I" looks at मैं, <unk> at राहुल
    monkeypatch.setattr(translate, "greedy_decode", lambda *a, **k: decode_result([i, UNK_ID, EOS_ID], rows))
    assert translate.main(["--model", str(toy_folder), "--json", "मैं राहुल"]) == 0
    copied = json.loads(capsys.readouterr().out)
    assert copied["translation"] == "I Rahul"
    assert copied["copied"] == [{"output_position": 1, "source_position": 1, "source_word": "राहुल",
                                 "written": "Rahul"}]
    assert translate.main(["--model", str(toy_folder), "--no-copy", "--json", "मैं राहुल"]) == 0
    left = json.loads(capsys.readouterr().out)
    assert left["translation"] == "I <unk>" and left["copied"] == [] and left["unknown_left"] == [1]


def test_cli_translates_a_file_line_by_line(toy_folder, tmp_path, capsys):
    lines = ["मैं खाना खा रहा हूँ", "", "।", "वह पानी पी रहा है", "मैं समोसा खा रहा हूँ"]
    path = tmp_path / "sentences.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, stdout, stderr = cli(["--model", str(toy_folder), "--file", str(path)], capsys)
    assert code == 1, stderr  # one line could not be translated
    out = stdout.split("\n")[:-1]
    assert len(out) == len(lines)
    assert out[0] == "I am eating" and out[1] == "" and out[3] == "he is drinking water"
    assert out[2].startswith("error: ") and "Devanagari" in out[2]
    assert out[4]  # a guess, translated
    assert "line 5: Guess: 1 word is not in the model's vocabulary: समोसा" in stderr
    assert "1 line could not be translated (line 3)" in stderr and "Traceback" not in stderr

    _, stdout, _ = cli(["--model", str(toy_folder), "--file", str(path), "--json"], capsys)
    records = [json.loads(line) for line in stdout.splitlines()]
    assert [record["line"] for record in records] == [1, 2, 3, 4, 5]
    assert records[0]["translation"] == "I am eating" and records[1] == {"line": 2, "blank": True}
    assert "Devanagari" in records[2]["error"] and "translation" not in records[2]
    assert records[4]["unknown_words"][0]["word"] == "समोसा" and records[4]["unknown_words"][0]["position"] == 1


def test_cli_file_loads_the_model_once(toy_folder, tmp_path, monkeypatch, capsys):
    from core.nmt import translate
    loads = []
    original = translate.load_checkpoint
    monkeypatch.setattr(translate, "load_checkpoint", lambda *a, **k: loads.append(1) or original(*a, **k))
    path = tmp_path / "many.txt"
    path.write_text("मैं खाना खा रहा हूँ\n" * 5, encoding="utf-8")
    assert translate.main(["--model", str(toy_folder), "--file", str(path)]) == 0
    assert capsys.readouterr().out == "I am eating\n" * 5 and len(loads) == 1


def test_cli_file_with_windows_line_ends_and_a_byte_order_mark(toy_folder, tmp_path, capsys):
    from core.nmt.translate import main
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeffमैं खाना खा रहा हूँ\r\nवह पानी पी रहा है\r\n".encode("utf-8"))
    assert main(["--model", str(toy_folder), "--file", str(path)]) == 0
    assert capsys.readouterr().out == "I am eating\nhe is drinking water\n"


@pytest.mark.parametrize("case", ["missing", "folder", "binary", "latin1", "unreadable"])
def test_cli_file_that_cannot_be_read_is_one_line_and_exit_2(toy_folder, tmp_path, capsys, monkeypatch, case):
    from core.nmt import translate
    from core.nmt.translate import main
    path = tmp_path / "input.txt"
    if case == "folder":
        path.mkdir()
    elif case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif case == "latin1":
        path.write_bytes("café au lait\n".encode("latin-1"))
    elif case == "unreadable":  # as a file without read permission is to a user (root may read anything)
        path.write_text("मैं खाना खा रहा हूँ\n", encoding="utf-8")

        def refuse(name, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(name))
        monkeypatch.setattr(translate, "open", refuse, raising=False)
    assert main(["--model", str(toy_folder), "--file", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert captured.out == "" and len(lines) == 1 and lines[0].startswith(f"error: {path}"), captured.err


def test_cli_wants_a_sentence_or_a_file_not_both(toy_folder, tmp_path, capsys):
    from core.nmt.translate import main
    with pytest.raises(SystemExit) as exit_status:
        main(["--model", str(toy_folder)])
    assert exit_status.value.code == 2
    with pytest.raises(SystemExit) as exit_status:
        main(["--model", str(toy_folder), "--file", str(tmp_path / "x.txt"), "मैं"])
    assert exit_status.value.code == 2
    assert "a sentence or --file" in capsys.readouterr().err
