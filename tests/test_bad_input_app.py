"""docs/DESIGN.md, "Bad input", the translation box: every kind of bad input on the pages that translate.

Each case is typed into the sentence box of Home, Compare and Step by step (AppTest, real
reruns) and must end in a translation or a clear st.info/st.warning, never an exception. The
CLI and core.nmt.translate side of the same table is in tests/test_translate.py.
"""
from __future__ import annotations

import functools

import pytest

from core.nmt.translate import MAX_BEAM_SIZE, MAX_INPUT_CHARACTERS, InputError, Translator
from app.widgets import marked_output
from core.language.text import tokenize_hindi
from tests.app_helpers import app, as_read, markdown_texts, shipped_translator, shown_translations
from core.nmt.probes import SEED_SENTENCE

HOME, COMPARE, STEP = "streamlit_app.py", "pages/1_Compare.py", "pages/2_Step_by_step.py"
PAGE_KEYS = {HOME: "home", COMPARE: "compare", STEP: "step"}

TEN_THOUSAND = ((SEED_SENTENCE + " ") * 1000)[:10_000]
# What each input must give: "hint" (st.info, no model call), "refused" (st.info naming
# Devanagari), "seed" (the seed sentence's translation: the junk is invisible to the model),
# "translated" (some translation, plus the listed unknown words), "cut" (translated with notes).
CASES = {
    "empty": ("", "hint"),
    "blank": (" \t   ", "hint"),
    "ten_thousand_characters": (TEN_THOUSAND, "cut"),
    "latin_script": ("I am eating food", "refused"),
    "digits": ("1234567890", "refused"),
    "emoji": ("😀🍛🙏", "refused"),
    "controls_and_zero_width_only": ("\x00\x07\u200b\u200d\ufeff\x1b", "no_words"),
    "arabic_rtl": ("مرحبا بالعالم", "refused"),
    "hebrew_rtl": ("שלום עולם", "refused"),
    "hindi_with_control_and_zero_width": ("\u200bमैं\x07 खाना\u200d खा\x1b रहा हूँ\ufeff", "seed"),
    "hindi_with_soft_hyphen": ("मैं खा\u00adना खा रहा हूँ", "seed"),
    "hindi_inside_rtl_marks": ("\u202bमैं\u061c खाना खा रहा\u200f हूँ\u202c", "seed"),
    "only_unknown_words": ("झुमझुमलू फटफटिया", "translated"),
    "typed_special_tokens": ("मैं <pad> खाना <eos> खा रहा हूँ", "translated"),
}


@functools.lru_cache(maxsize=None)
def seed_translation(model: str) -> str:
    return shipped_translator(model).translate(SEED_SENTENCE).text


def infos(at) -> list[str]:
    return [element.value for element in at.info]


def warnings(at) -> list[str]:
    return [as_read(element.value) for element in at.warning]


def translations_on(at, page: str) -> list[str]:
    """The English the page shows: Compare's columns, Home's table, Step's 'Writing:' line."""
    if page == COMPARE:
        return shown_translations(at)
    if page == HOME:
        return list(at.table[0].value["translation"]) if at.table else []
    written = [text for text in markdown_texts(at) if text.startswith("Writing: ")]
    return [" ".join(word.strip("*[]") for word in as_read(text[len("Writing: "):]).split() if word.strip("*[]") != "<eos>")
            for text in written]


def type_sentence(page: str, text: str):
    at = app(page)
    assert not at.exception
    at.text_input(key=f"{PAGE_KEYS[page]}_sentence").set_value(text).run()
    return at


@pytest.mark.parametrize("page", [HOME, COMPARE, STEP], ids=["home", "compare", "step"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_a_result_or_a_clear_message_never_an_exception(page, case):
    text, outcome = CASES[case]
    at = type_sentence(page, text)
    assert not at.exception, [e.value for e in at.exception]
    shown = translations_on(at, page)
    if outcome == "hint":
        assert any("Type a Hindi sentence" in info for info in infos(at)), infos(at)
        assert shown == []
    elif outcome == "refused":
        assert any("Devanagari" in info for info in infos(at)), infos(at)
        assert shown == []
    elif outcome == "no_words":
        assert any("no words" in info or "Type a Hindi sentence" in info for info in infos(at)), infos(at)
        assert shown == []
    elif outcome == "seed":
        model = {HOME: "encdec", COMPARE: "encdec", STEP: "additive"}[page]
        assert shown and shown[0] == seed_translation(model)
        assert not any("vocabulary" in warning for warning in warnings(at)), "invisible characters are not words"
    elif outcome == "translated":
        assert shown, "a sentence of unknown words is still translated (as <unk>)"
        unknown = [word for word in tokenize_hindi(text) if word not in shipped_translator("additive").source_vocab
                   or word.startswith("<")]
        listed = [warning for warning in warnings(at) if "vocabulary" in warning]
        assert listed and all(word in listed[0] for word in unknown), (unknown, listed)
    elif outcome == "cut":
        assert shown
        notes = infos(at)
        assert any(f"first {MAX_INPUT_CHARACTERS:,} characters" in note for note in notes), notes
        assert any("cut after word" in note for note in notes), notes


def test_a_ten_thousand_character_link_opens_cut_and_translated():
    """The sentence also arrives through a shared link (?sentence=), not only the box."""
    at = app(COMPARE, sentence=TEN_THOUSAND)
    assert not at.exception
    assert len(shown_translations(at)) == 2
    assert any("cut after word" in info for info in infos(at))


# ---------------------------------------------------------------- what goes into the URL and what comes out of it

HUNDRED_THOUSAND = ((SEED_SENTENCE + " ") * 6000)[:100_000]


def link_notices(at) -> list[str]:
    return [text for text in warnings(at) if text.startswith("This link")]


def test_a_typed_hundred_thousand_character_sentence_puts_only_what_is_read_into_the_url():
    """Only what a model reads goes into the URL, not the whole sentence (it would make a 700 KB query string)."""
    at = type_sentence(COMPARE, HUNDRED_THOUSAND)
    assert not at.exception
    assert at.query_params["sentence"] == HUNDRED_THOUSAND[:MAX_INPUT_CHARACTERS]
    assert at.text_input(key="compare_sentence").value == HUNDRED_THOUSAND   # the box keeps what was typed
    assert shown_translations(at) == [shipped_translator(name).translate(HUNDRED_THOUSAND).text
                                      for name in ("encdec", "additive")]


def test_a_link_with_an_over_long_sentence_opens_cut_with_a_notice_and_keeps_the_other_parameters():
    """50,000 characters: a 350 KB query string. (Past 512 KiB Streamlit itself drops the whole
    query string before the page runs; the app never writes a link anywhere near that.)"""
    fifty_thousand = HUNDRED_THOUSAND[:50_000]
    at = app(COMPARE, sentence=fifty_thousand, models="dot,general", beam="3")
    assert not at.exception
    notices = link_notices(at)
    assert len(notices) == 1 and "50,000 characters" in notices[0] and f"{MAX_INPUT_CHARACTERS:,}" in notices[0]
    assert at.text_input(key="compare_sentence").value == fifty_thousand[:MAX_INPUT_CHARACTERS]
    assert at.multiselect(key="compare_models").value == ["dot", "general"]
    assert at.radio(key="compare_method").value == "beam search" and at.slider(key="compare_beam").value == 3
    assert shown_translations(at) == [as_read(marked_output(shipped_translator(name).translate(fifty_thousand, beam_size=3)))
                                      for name in ("dot", "general")]   # a copied word is marked as copied


@pytest.mark.parametrize("params, words, kept", [
    ({"beam": "abc", "models": "dot"}, "**beam** ('abc') is not valid", {"models": ["dot"]}),
    ({"models": "encdec,bogus,dot", "beam": "3"}, "does not have ('bogus')", {"models": ["encdec", "dot"], "beam": 3}),
    ({"models": "nothing,known", "beam": "2"}, "the usual ones are shown", {"models": ["encdec", "additive"], "beam": 2}),
    ({"models": "x" * 5000, "sentence": "वह किताब पढ़ रही है"}, "5,000 characters",
     {"sentence": "वह किताब पढ़ रही है"}),
])
def test_a_link_with_an_invalid_parameter_says_so_and_keeps_the_others(params, words, kept):
    at = app(COMPARE, **params)
    assert not at.exception
    notices = link_notices(at)
    assert any(words in notice for notice in notices), notices
    if "models" in kept:
        assert at.multiselect(key="compare_models").value == kept["models"]
    if "beam" in kept:
        assert at.slider(key="compare_beam").value == kept["beam"]
    if "sentence" in kept:
        assert at.text_input(key="compare_sentence").value == kept["sentence"]
    at.run()   # the notice is about the link the page was opened with, not every rerun
    assert not at.exception and link_notices(at) == []


def test_what_if_with_an_unknown_model_in_the_link_opens_on_additive_and_says_so():
    at = app("pages/6_What_if.py", model="bahdanau", sentence="वह किताब पढ़ रही है")
    assert not at.exception
    assert at.radio(key="whatif_model").value == "additive"
    assert any("**model** ('bahdanau') is not one this app has" in notice for notice in link_notices(at))
    assert at.text_input(key="whatif_sentence").value == "वह किताब पढ़ रही है"


def test_a_valid_link_opens_without_a_notice():
    at = app(COMPARE, sentence=SEED_SENTENCE, models="encdec,dot", beam="1")
    assert not at.exception and link_notices(at) == []


# ---------------------------------------------------------------- the core behind the pages


@pytest.mark.parametrize("invisible", ["\u00ad", "\u061c", "\u034f", "\u180e", "\u2066", "\u200f"])
def test_invisible_format_characters_inside_a_word_are_dropped(invisible):
    """Soft hyphens (web pages), the Arabic letter mark (RTL text) and friends are not letters:
    the word must still be found in the vocabulary."""
    assert tokenize_hindi(f"मैं खा{invisible}ना खा रहा हूँ") == tokenize_hindi(SEED_SENTENCE)


def test_invisible_characters_are_dropped_before_nfc():
    """क + virama + soft hyphen + nukta: once the hyphen is gone the marks must be in NFC order."""
    import unicodedata
    (token,) = tokenize_hindi("क\u094d\u00ad\u093c")
    assert unicodedata.is_normalized("NFC", token)


def test_typed_special_tokens_are_read_as_unknown_words_not_as_control_signals():
    translator = shipped_translator("additive")
    translation = translator.translate("मैं <pad> खाना <eos> खा रहा हूँ")
    assert translation.unknown_words == ["<pad>", "<eos>"]
    assert translation.source_tokens == ["मैं", "<pad>", "खाना", "<eos>", "खा", "रहा", "हूँ", "<eos>"]
    # "<pad>" would have been masked out of attention (weight exactly 0 in every row)
    assert float(translation.attention[:, 1].sum()) > 0
    with pytest.raises(Exception, match="cannot write <eos>"):
        translator.translate(SEED_SENTENCE, prefix="<eos>")


# ---------------------------------------------------------------- beam sizes: refused, never clamped


@pytest.mark.parametrize("beam", ["828", "0", "-1", "21"])
def test_a_beam_size_out_of_range_is_one_line_from_the_translate_command(beam, capsys):
    from core.nmt.translate import main
    assert main(["--model", "additive", "--beam", beam, SEED_SENTENCE]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"error: --beam must be from 1 to {MAX_BEAM_SIZE} (1 is greedy search); "
                                         f"got {beam}."]


@pytest.mark.parametrize("beam", [828, 0, -1, MAX_BEAM_SIZE + 1, 2.5, True, "3", None])
def test_translate_refuses_a_beam_size_out_of_range(beam):
    with pytest.raises(InputError, match=f"from 1 to {MAX_BEAM_SIZE}"):
        shipped_translator("additive").translate(SEED_SENTENCE, beam_size=beam)


def test_the_widest_beam_is_accepted():
    assert shipped_translator("additive").translate(SEED_SENTENCE, beam_size=MAX_BEAM_SIZE).text


def test_a_beam_wider_than_the_english_vocabulary_is_refused():
    """A model that knows 6 English words can keep at most 6 hypotheses (torch's topk would fail)."""
    from pathlib import Path

    from core.language.text import SPECIAL_TOKENS, Vocabulary
    from core.nmt.checkpoint import LoadedModel
    from core.nmt.model import ModelConfig, Seq2Seq
    source = shipped_translator("additive").source_vocab
    target = Vocabulary(list(SPECIAL_TOKENS) + ["I", "eat"])
    model = Seq2Seq(ModelConfig("additive", len(source), len(target), 8, 8, 8, 0.0)).eval()
    translator = Translator(LoadedModel("tiny", Path("tiny"), model, source, target, {}))
    translator.translate(SEED_SENTENCE, beam_size=len(target))
    with pytest.raises(InputError, match="knows only 6 English words"):
        translator.translate(SEED_SENTENCE, beam_size=len(target) + 1)
