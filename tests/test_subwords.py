"""Subword vocabularies (core.language.subwords): pieces that join back into the words, learnt the
same way every time, saved beside the weights, and attention over pieces shown over words."""
import json

import pytest

from core.language.subwords import (CONTINUES, SUBWORDS_FILE, Segmentation, SubwordError, Subwords, join_pieces,
                                    merge_attention, read_segmentation, word_index)
from core.language.text import tokenize_english
from tests.toy_corpus import toy_pairs

ENGLISH = [tokenize_english(text) for text in (
    "I am eating.", "I am reading a book.", "She is reading.", "We are reading books.", "He is eating bread.",
    "They are eating rice.", "I read a book.", "The books are new.", "Tom is reading.", "Mary is eating.")] * 3


def test_frequent_words_stay_whole_and_a_rare_word_is_read_as_pieces_that_join_back():
    subwords = Subwords.learn(ENGLISH, size=40)
    assert subwords.pieces("reading") == ("reading",)
    pieces = subwords.pieces("rereading")  # never seen: pieces of words it has seen
    assert len(pieces) > 1 and all(piece.endswith(CONTINUES) for piece in pieces[:-1])
    assert not pieces[-1].endswith(CONTINUES)
    assert join_pieces(pieces) == ["rereading"]


@pytest.mark.parametrize("kind", ["bpe", "unigram"])
def test_any_words_split_and_join_back_to_the_same_words(kind):
    subwords = Subwords.learn(ENGLISH, size=40, kind=kind)
    words = ["Tom", "rereading", "bookshelves", "x", "!", "8:30", "don't", "日本", "a"]
    assert join_pieces(subwords.split(words)) == words


def test_a_word_with_a_character_never_seen_stays_whole_so_the_vocabulary_reads_it_as_unknown():
    subwords = Subwords.learn(ENGLISH, size=40)
    assert subwords.pieces("日本") == ("日本",)


def test_learning_is_deterministic():
    first, second = Subwords.learn(ENGLISH, size=45), Subwords.learn(ENGLISH, size=45)
    assert first.to_json() == second.to_json()


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown subword kind"):
        Subwords.learn(ENGLISH, size=40, kind="wordpiece")


def test_which_word_each_piece_belongs_to_and_a_last_piece_left_open():
    assert word_index(["a", "pen@@", "cil", "."]) == [0, 1, 1, 2]
    assert join_pieces(["a", "pen@@", "cil", "."]) == ["a", "pencil", "."]
    assert join_pieces(["pen@@"]) == ["pen"]  # a model that stopped mid-word still wrote a word
    assert join_pieces(["@@", "x"]) == ["@@", "x"]  # the marker alone is a token, not a marked piece


def test_merged_attention_sums_a_words_pieces_and_averages_its_rows():
    weights = [[0.1, 0.2, 0.3, 0.4],   # writing "pen@@"
               [0.3, 0.3, 0.2, 0.2],   # writing "cil"
               [0.0, 0.0, 0.0, 1.0]]   # writing "<eos>"
    merged, source, target = merge_attention(weights, ["कल@@", "म", "।", "<eos>"], ["pen@@", "cil", "<eos>"])
    assert source == ["कलम", "।", "<eos>"] and target == ["pencil", "<eos>"]
    assert merged[0] == pytest.approx([0.45, 0.25, 0.3])  # rows averaged, columns summed
    assert merged[1] == pytest.approx([0.0, 0.0, 1.0])
    assert all(sum(row) == pytest.approx(1.0) for row in merged)


def test_merging_whole_words_changes_nothing_and_extra_rows_keep_their_own_labels():
    weights = [[0.5, 0.5], [0.9, 0.1], [0.2, 0.8]]
    merged, source, target = merge_attention(weights, ["a", "b"], ["x", "y"])
    assert merged == weights and source == ["a", "b"] and target == ["x", "y"]


def test_a_segmentation_saved_and_read_back_splits_the_same_way(tmp_path):
    segmentation = Segmentation.learn(toy_pairs(), size=30)
    (tmp_path / SUBWORDS_FILE).write_text(json.dumps(segmentation.file_content()), encoding="utf-8")
    again = read_segmentation(tmp_path)
    for pair in toy_pairs():
        assert again.source_pieces(pair.source_tokens) == segmentation.source_pieces(pair.source_tokens)
        assert again.target_pieces(pair.target_tokens) == segmentation.target_pieces(pair.target_tokens)


def test_a_folder_without_the_file_reads_whole_words(tmp_path):
    whole = read_segmentation(tmp_path)
    assert not whole.uses_pieces and whole.source_pieces(["कलम"]) == ["कलम"] and whole.target_words(["a@@"]) == ["a@@"]


@pytest.mark.parametrize("content, words", [
    ("{not json", "cannot be read"),
    (json.dumps({"format": "something-else"}), "not a subword file"),
    (json.dumps({"format": "dhyan-subwords-1", "marker": "@@", "hindi": {}, "english": []}), "does not hold"),
    (json.dumps({"format": "dhyan-subwords-1", "marker": "@@", "hindi": {"model": 5}, "english": {}}),
     "cannot be read"),
])
def test_a_damaged_subword_file_is_refused_with_a_message(tmp_path, content, words):
    (tmp_path / SUBWORDS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(SubwordError, match=words):
        read_segmentation(tmp_path)


def test_a_pair_as_the_model_reads_it_keeps_the_english_as_written():
    from core.language.pairs import SentencePair
    pair = SentencePair(("वह", "कलम", "।"), ("a", "pencil", "."), ((1, 1),), raw_target='"a pencil."')
    segmentation = Segmentation.learn([pair] * 3, size=12)
    pieces = segmentation.pair(pair)
    assert join_pieces(pieces.target_tokens) == ["a", "pencil", "."]
    assert pieces.target_text == '"a pencil."' and pieces.alignment == ()
