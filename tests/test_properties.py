"""Property-based tests (Hypothesis) of the two paths that take text from strangers.

- the text path: normalise is idempotent, and tokenise -> translate -> detokenise, on any
  Unicode text, either translates (one output word per attention row, English text out) or
  raises InputError with a hint; never anything else. A tiny untrained model is enough: the
  property is about what the code does with the text, not about what the model knows.
- the corpus loader: on any bytes, as a file or inside a zip, load_corpus_bytes returns usable
  pairs or raises CorpusFileError; never anything else.

The example counts keep the whole file well under a minute on a busy two-core machine. No
example database is written (database=None), so running the tests leaves the tree unchanged.
`pytest tests/test_properties.py --hypothesis-show-statistics` shows the outcomes of each test.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from core.language.text import Vocabulary, detokenize_english, normalise, tokenize_english, tokenize_hindi
from core.language.user_corpus import CorpusFileError, LoadedCorpus, load_corpus_bytes
from core.nmt.checkpoint import load_checkpoint, save_checkpoint
from core.nmt.model import ModelConfig, Seq2Seq, init_weights
from core.nmt.translate import InputError, Translator
from tests.toy_corpus import TOY_PAIRS_TEXT

# Hypothesis keeps a cache beside the examples (.hypothesis/ in the working directory): kept in
# the temporary folder instead, so a test run writes nothing into the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "dhyan-hypothesis")
FAST = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Text a class might paste, and text nobody would: any code point (surrogates excluded: a str
# from a browser cannot hold them), Devanagari with its marks, digits and dandas, the invisible
# and control characters normalise removes, and the toy corpus's own words.
TOY_WORDS = sorted({word for hindi, _ in TOY_PAIRS_TEXT for word in hindi.split()})
DEVANAGARI = st.characters(min_codepoint=0x0900, max_codepoint=0x097F)
ODD = st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u034f", "\u061c", "\u202e", "\x00",
                       "\x07", "\x1b", "\t", "\n", "\r", "\u2028", "\u0085", " ", "।", "॥", "<pad>", "<eos>",
                       "<unk>", "<sos>", "\u093c", "\u0901", "\u094d"])
PIECES = st.one_of(st.text(max_size=12), st.text(alphabet=DEVANAGARI, max_size=8), ODD, st.sampled_from(TOY_WORDS))
ANY_TEXT = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=30).map(" ".join),
                     st.lists(PIECES, max_size=30).map("".join))


@pytest.fixture(scope="module")
def tiny_translators(tmp_path_factory) -> dict[str, Translator]:
    """An untrained additive and encdec model on the toy corpus's vocabularies, saved and loaded
    as every checkpoint is (so the loader's checks run too)."""
    source = Vocabulary.build(tokenize_hindi(hindi) for hindi, _ in TOY_PAIRS_TEXT)
    target = Vocabulary.build(tokenize_english(english) for _, english in TOY_PAIRS_TEXT)
    translators = {}
    for kind in ("additive", "encdec"):
        model = Seq2Seq(ModelConfig(kind, len(source), len(target), embedding_size=8, hidden_size=16,
                                    attention_size=8, dropout=0.0))
        init_weights(model, seed=0)
        folder = tmp_path_factory.mktemp("tiny") / kind
        save_checkpoint(folder, model, source, target, {"max_source_tokens": 60})
        translators[kind] = Translator(load_checkpoint(folder))
    return translators


@settings(FAST, max_examples=500)
@given(ANY_TEXT)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
    assert tokenize_hindi(once) == tokenize_hindi(text)


@settings(FAST, max_examples=300)
@given(text=ANY_TEXT, kind=st.sampled_from(["additive", "encdec"]), beam=st.sampled_from([1, 1, 3]))
@example(text="ऄ", kind="additive", beam=3)   # found by this test: a beam cut at max_length had a step too many
def test_any_text_is_translated_or_refused_with_a_hint(tiny_translators, text, kind, beam):
    translator = tiny_translators[kind]
    try:
        translation = translator.translate(text, beam_size=beam)
    except InputError as error:
        event("refused with a hint")
        assert str(error) and "\n" not in str(error)
        return
    event("translated")
    steps = len(translation.decoded.steps)
    assert len(translation.output_tokens) == steps
    if translation.attention is not None:
        assert tuple(translation.attention.shape) == (steps, len(translation.source_tokens))
    assert isinstance(translation.text, str)
    assert detokenize_english(translation.target_tokens) == translation.text
    assert translation.source_tokens[-1] == "<eos>" and len(translation.source_tokens) <= 60


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name or "corpus.tsv", data)
    return buffer.getvalue()


def check_loader(data: bytes, filename: str) -> None:
    try:
        corpus = load_corpus_bytes(data, filename)
    except CorpusFileError as error:
        event("refused: CorpusFileError")
        assert str(error) and len(str(error)) < 2000
        return
    event("read: pairs")
    assert isinstance(corpus, LoadedCorpus) and corpus.pairs
    assert all(pair.source_tokens and pair.target_tokens for pair in corpus.pairs)
    assert len(set(corpus.pairs)) == len(corpus.pairs)


LINES = st.lists(st.one_of(
    st.tuples(st.lists(PIECES, max_size=6).map(" ".join), st.text(max_size=20)).map("\t".join),
    st.tuples(st.text(max_size=20), st.lists(PIECES, max_size=6).map(" ".join), st.text(max_size=8)).map("\t".join),
    st.sampled_from([f"{h}\t{e}" for h, e in TOY_PAIRS_TEXT] + ["hindi\tenglish", ""]),
    st.text(max_size=30)), max_size=25)
GOOD_LINES = st.lists(st.sampled_from([f"{h}\t{e}" for h, e in TOY_PAIRS_TEXT]), min_size=1, max_size=12)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@settings(FAST, max_examples=300)
@given(data=st.binary(max_size=600), filename=st.text(max_size=20))
def test_any_bytes_are_read_or_refused_with_a_corpus_file_error(data, filename):
    check_loader(data, filename)


@settings(FAST, max_examples=300)
@given(lines=LINES, newline=NEWLINES, encoding=ENCODINGS)
def test_any_tab_separated_text_is_read_or_refused_with_a_corpus_file_error(lines, newline, encoding):
    check_loader(newline.join(lines).encode(encoding, errors="replace"), "corpus.tsv")


@pytest.mark.filterwarnings("ignore:Duplicate name")
@settings(FAST, max_examples=200)
@given(members=st.lists(st.tuples(st.sampled_from(["corpus.tsv", "corpus.tsv", "a.txt", "x/b.tsv", "../up.tsv",
                                                   "/abs.tsv", "inner.zip", "notes.md", "__MACOSX/._c.tsv", ""]),
                                  st.one_of(GOOD_LINES.map("\n".join).map(str.encode),
                                            LINES.map("\n".join).map(str.encode), st.binary(max_size=200))),
                        max_size=4),
       cut=st.integers(min_value=0, max_value=64))
def test_any_zip_is_read_or_refused_with_a_corpus_file_error(members, cut):
    archive = zip_of(members)
    check_loader(archive, "corpus.zip")
    check_loader(archive[:len(archive) - cut], "corpus.zip")   # and cut short, as an upload that stopped
