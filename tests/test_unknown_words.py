"""Unknown words: suggestions by edit distance, transliteration for copies, and the copy mechanism
(an output <unk> replaced by the source word attention weighed most)."""
import pytest
import torch

from core.language.text import EOS_ID, UNK, UNK_ID
from core.nmt.checkpoint import load_checkpoint, save_checkpoint
from core.nmt.decode import DecodeResult, DecodeStep
from core.nmt.translate import Translator
from core.nmt.unknown_words import (copy_form, delete_schwas, edit_distance, has_devanagari_letter,
                                    is_punctuation, suggestions, transliterate)


# ---------------------------------------------------------------- edit distance and suggestions

@pytest.mark.parametrize("a, b, distance", [
    ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("flaw", "lawn", 2),
    ("खाना", "खान", 1),  # one vowel sign dropped
    ("किताबें", "किताब", 2),  # plural ending: two code points
])
def test_edit_distance_is_levenshtein(a, b, distance):
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_with_a_limit_stops_at_limit_plus_one():
    assert edit_distance("abcdefgh", "x", limit=2) == 3
    assert edit_distance("abcdefgh", "abcdefgx", limit=2) == 1


def test_suggestions_are_the_nearest_words_nearest_first():
    known = ["पानी", "खाना", "किताब", "गाना", "खान"]
    # distances: पानी 2, खाना 1, किताब 5, गाना 2, खान 1 -> the two at 1, then the first of the two at 2
    assert suggestions("खाने", known) == ["खाना", "खान", "पानी"]
    assert suggestions("किताबें", known) == ["किताब"]


def test_suggestions_break_ties_by_frequency_rank_and_stop_at_three():
    known = ["गाना", "दाना", "नाना", "खाना", "माना"]  # all one edit from काना, the vocabulary's order kept
    assert suggestions("काना", known) == ["गाना", "दाना", "नाना"]
    assert suggestions("काना", list(reversed(known))) == ["माना", "खाना", "नाना"]


def test_no_suggestion_that_is_another_word_altogether():
    assert suggestions("झुमझुमलू", ["मैं", "खाना", "पानी"]) == []  # far from everything known
    assert suggestions("hello", ["hallo", "खाना"]) == []  # only Devanagari words get suggestions
    assert suggestions("खाना", ["खाना", "खाने"]) == ["खाने"]  # never the word itself


@pytest.mark.parametrize("text", ["।", "॥", "।॥", "\u093c", "\u0901", "\u093c\u0901\u0902", "५४", "12", "hello",
                                  "😀", "?!", "مرحبا"])
def test_text_without_a_devanagari_letter(text):
    assert not has_devanagari_letter(text)


@pytest.mark.parametrize("text", ["मैं", "क", "अ", "। क ।", "hello राम"])
def test_text_with_a_devanagari_letter(text):
    assert has_devanagari_letter(text)


def test_punctuation_is_not_a_word():
    assert is_punctuation("।") and is_punctuation("?") and is_punctuation("॥")
    assert not is_punctuation("5") and not is_punctuation("राम") and not is_punctuation("😀")


# ---------------------------------------------------------------- transliteration

@pytest.mark.parametrize("hindi, latin", [
    ("अर्जुन", "Arjun"), ("राहुल", "Rahul"), ("प्रिया", "Priya"), ("दिल्ली", "Dilli"),
    ("सुरेश", "Suresh"), ("कमला", "Kamla"), ("कृष्ण", "Krishna"), ("संजय", "Sanjay"), ("मुंबई", "Mumbai"),
    ("गंगा", "Ganga"), ("चाँद", "Chand"), ("ज़ाकिर", "Zakir"), ("लड़का", "Ladka"), ("छाया", "Chhaya"),
    ("ज्ञान", "Gyan"), ("नमस्ते", "Namaste"), ("आकाश", "Akash"),
])
def test_names_come_out_as_people_write_them(hindi, latin):
    assert copy_form(hindi) == latin


def test_schwa_deletion_marks_each_dropped_vowel_with_a_virama():
    assert delete_schwas("अर्जुन") == "अर्जुन्"  # at the end of the word
    assert delete_schwas("कमला") == "कम्ला"  # between a vowel and a consonant with a vowel
    assert delete_schwas("कृष्ण") == "कृष्ण"  # kept after a consonant cluster
    assert delete_schwas("न") == "न"  # a one-syllable word keeps its vowel


def test_transliteration_of_composed_and_decomposed_nukta_is_the_same():
    assert transliterate("\u095b\u093e\u0915\u093f\u0930") == transliterate("\u091c\u093c\u093e\u0915\u093f\u0930")


@pytest.mark.parametrize("token, copied", [("5", "5"), ("2024", "2024"), ("Delhi", "Delhi"), ("२०२४", "2024"),
                                           ("५", "5"), ("iPhone", "iPhone")])
def test_latin_words_and_numbers_are_copied_as_they_are_devanagari_digits_as_latin(token, copied):
    assert copy_form(token) == copied


# ---------------------------------------------------------------- copying in a translation

@pytest.fixture
def translator(tmp_path, trained_toy):
    result = trained_toy("additive")
    save_checkpoint(tmp_path / "toy", result.model, result.source_vocab, result.target_vocab,
                    {"max_source_tokens": 20}, result.history)
    return Translator(load_checkpoint(tmp_path / "toy"))


def decode_result(token_ids: list[int], weights: list[list[float]] | None) -> DecodeResult:
    """A decoding as if the model had written token_ids looking where `weights` say."""
    steps = [DecodeStep(token_id=token, log_probability=-0.1, top_ids=[token], top_probabilities=[0.9],
                        weights=None if weights is None else torch.tensor(weights[t]),
                        scores=None if weights is None else torch.tensor(weights[t]), context=torch.zeros(4))
             for t, token in enumerate(token_ids)]
    return DecodeResult(token_ids, steps, -0.1 * len(token_ids))


def fake_decoder(monkeypatch, words: list[str], looks_at: list[int], source_length: int, translator):
    """greedy_decode replaced: it writes `words` (then <eos>), at step t looking only at source
    position looks_at[t]."""
    ids = [UNK_ID if word == UNK else translator.target_vocab.index[word] for word in words] + [EOS_ID]
    rows = [[1.0 if j == looks_at[t] else 0.0 for j in range(source_length)] for t in range(len(ids) - 1)]
    rows.append([0.0] * (source_length - 1) + [1.0])  # <eos> looks at <eos>
    monkeypatch.setattr("core.nmt.translate.greedy_decode", lambda *args, **kwargs: decode_result(ids, rows))


def test_an_unknown_output_word_is_copied_from_where_attention_looked(translator, monkeypatch):
    # मैं अर्जुन हूँ <eos>: the model writes "I <unk> am" and looks at अर्जुन for the <unk>
    fake_decoder(monkeypatch, ["I", UNK, "am"], [0, 1, 2], 4, translator)
    translation = translator.translate("मैं अर्जुन हूँ")
    assert translation.text == "I Arjun am"
    assert translation.target_tokens == ["I", "Arjun", "am"]
    (copy,) = translation.copies
    assert (copy.output_position, copy.source_position, copy.source_word, copy.written) == (1, 1, "अर्जुन", "Arjun")
    assert translation.uncopied == [] and translation.is_guess and translation.label == "Guess"
    assert any("Arjun ← अर्जुन" in line and "attention" in line for line in translation.notices())


def test_a_copied_number_or_latin_word_is_written_as_it_is(translator, monkeypatch):
    fake_decoder(monkeypatch, ["I", "am", UNK, UNK], [0, 4, 1, 2], 5, translator)
    translation = translator.translate("मैं 5 iPhone हूँ")
    assert translation.target_tokens == ["I", "am", "5", "iPhone"]
    assert [(c.output_position, c.source_position) for c in translation.copies] == [(2, 1), (3, 2)]


def test_copy_never_takes_the_appended_end_of_sentence(translator, monkeypatch):
    """Attention may weigh <eos> most; the copy is the real word weighed most after it."""
    ids = [translator.target_vocab.index["I"], UNK_ID, EOS_ID]
    rows = [[1.0, 0.0, 0.0], [0.1, 0.3, 0.6], [0.0, 0.0, 1.0]]
    monkeypatch.setattr("core.nmt.translate.greedy_decode", lambda *args, **kwargs: decode_result(ids, rows))
    translation = translator.translate("मैं राहुल")
    assert translation.target_tokens == ["I", "Rahul"]


def test_without_copying_the_unknown_word_stays_and_the_notice_says_why(translator, monkeypatch):
    fake_decoder(monkeypatch, ["I", UNK, "am"], [0, 1, 2], 4, translator)
    translation = translator.translate("मैं अर्जुन हूँ", copy_unknown=False)
    assert translation.target_tokens == ["I", UNK, "am"] and translation.copies == []
    assert translation.uncopied == [1] and translation.is_guess
    assert any("copying is turned off" in line for line in translation.notices())


def model_that_writes_unk_for(result, word: str):
    """The toy model with `word` and <unk> swapped in its output layer and target embedding: it
    writes <unk> exactly where it wrote `word` and reads <unk> as it read `word`."""
    model = result.model
    index = result.target_vocab.index[word]
    with torch.no_grad():
        for matrix in (model.output.weight, model.output.bias, model.target_embedding.weight):
            matrix[[UNK_ID, index]] = matrix[[index, UNK_ID]].clone()
    return model


@pytest.mark.parametrize("kind", ["additive", "encdec"])
def test_a_real_model_that_writes_unk(tmp_path, trained_toy, kind):
    """A trained toy model, changed so that it writes <unk> where it wrote "eating": an attention
    model copies the source word its own attention weighed most; encdec cannot, and says so."""
    import copy
    result = copy.deepcopy(trained_toy(kind))
    model = model_that_writes_unk_for(result, "eating")
    save_checkpoint(tmp_path / kind, model, result.source_vocab, result.target_vocab, {"max_source_tokens": 20},
                    result.history)
    translator = Translator(load_checkpoint(tmp_path / kind))
    plain = translator.translate("मैं खाना खा रहा हूँ", copy_unknown=False)
    assert plain.target_tokens == ["I", "am", UNK]
    translation = translator.translate("मैं खाना खा रहा हूँ")
    assert translation.unknown == [] and translation.is_guess
    if kind == "encdec":
        assert translation.target_tokens == ["I", "am", UNK] and translation.uncopied == [2]
        assert any("encdec has no attention" in line for line in translation.notices())
        return
    (copy_made,) = translation.copies
    looked_at = int(translation.attention[2, :-1].argmax())
    assert copy_made.output_position == 2 and copy_made.source_position == looked_at
    assert translation.target_tokens == ["I", "am", copy_form(translation.source_tokens[looked_at])]
