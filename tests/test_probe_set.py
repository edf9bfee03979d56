"""The classroom probe set: a held-out, hand-written measure of what a class types, kept apart from
the everyday fixture; and the per-category report that scores models on it."""
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from core.language.text import tokenize_hindi
from core.language.user_corpus import load_corpus_file
from core.nmt.metrics import loose_exact_match
from tools.probe_report import UNCATEGORISED, categories_by_pair, category_scores, markdown_tables

ROOT = Path(__file__).resolve().parent.parent
PROBE_SET = ROOT / "tests" / "fixtures" / "probe_classroom_hi_en.tsv"
EVERYDAY_SET = ROOT / "tests" / "fixtures" / "everyday_hi_en.tsv"

# The constructions the models are known to miss, and the topics of a class's first five minutes.
CATEGORIES = {"possessive_chain", "verb_form", "number", "interjection", "apology_politeness", "place_time",
              "like", "age", "compound_verb", "outing", "classroom", "family", "food_shop"}


def rows(path: Path) -> list[list[str]]:
    """The file's data lines as cells (the header, whose first cell is 'hindi', left out)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("hindi\t")]


def sentence_key(hindi: str) -> tuple[str, ...]:
    """A Hindi sentence as a class might retype it: the project's tokens, punctuation and case dropped."""
    tokens = tokenize_hindi(unicodedata.normalize("NFC", hindi))
    return tuple(token.casefold() for token in tokens if any(ch.isalnum() for ch in token))


def test_every_line_has_hindi_english_and_a_known_category():
    for cells in rows(PROBE_SET):
        assert len(cells) == 3, cells
        assert cells[2] in CATEGORIES, cells


def test_the_probe_set_is_large_and_every_category_has_ten_sentences():
    probe = rows(PROBE_SET)
    assert len(probe) >= 120
    per_category = Counter(cells[2] for cells in probe)
    assert set(per_category) == CATEGORIES
    assert min(per_category.values()) >= 10, per_category


def test_the_loader_reads_every_line_as_a_hindi_english_pair():
    loaded = load_corpus_file(PROBE_SET)
    assert len(loaded.pairs) == len(rows(PROBE_SET))          # nothing malformed, duplicated or too long
    assert not loaded.malformed_lines and loaded.duplicates_dropped == 0
    first = rows(PROBE_SET)[0]
    assert loaded.pairs[0].source_tokens == tuple(tokenize_hindi(first[0]))
    assert loaded.pairs[0].target_text == first[1]


def test_no_probe_sentence_is_a_sentence_of_the_everyday_fixture():
    everyday = {sentence_key(cells[0]) for cells in rows(EVERYDAY_SET)}
    repeated = [cells[0] for cells in rows(PROBE_SET) if sentence_key(cells[0]) in everyday]
    assert not repeated


def test_no_hindi_sentence_appears_twice_in_the_probe_set():
    keys = Counter(sentence_key(cells[0]) for cells in rows(PROBE_SET))
    assert [key for key, n in keys.items() if n > 1] == []


def test_the_sentence_key_ignores_spacing_final_marks_and_case():
    assert sentence_key("मुझे  भूख लगी है।") == sentence_key("मुझे भूख लगी है")
    assert sentence_key("मेरे पास 5 Pens हैं!") == sentence_key("मेरे पास ५ pens हैं")
    assert sentence_key("मुझे भूख लगी है") != sentence_key("मुझे प्यास लगी है")


# ------------------------------------------------------------------ the report

def test_every_loaded_pair_finds_its_category():
    categories = categories_by_pair(PROBE_SET)
    for pair in load_corpus_file(PROBE_SET).pairs:
        assert categories.get((pair.source_tokens, pair.target_tokens), UNCATEGORISED) in CATEGORIES


def test_category_scores_count_exact_and_loose_matches_per_category():
    scores = category_scores([
        ("number", "I have 5 pens.", "I have 5 pens."),        # exact
        ("number", "i have 6 pens", "I have 5 pens."),          # neither
        ("age", "how old are you", "How old are you?"),       # loose only
    ])
    assert list(scores) == ["number", "age", "all"]
    assert scores["number"]["sentences"] == 2
    assert scores["number"]["exact"] == scores["number"]["exact_loose"] == 0.5
    assert scores["age"]["exact"] == 0 and scores["age"]["exact_loose"] == 1
    assert scores["all"]["sentences"] == 3 and scores["all"]["exact_loose"] == pytest.approx(2 / 3)
    assert scores["number"]["bleu"] < 100 and scores["number"]["chrf"] < 100
    assert loose_exact_match("how old are you", "How old are you?")   # the measure the report uses


def test_the_markdown_tables_have_a_row_per_model_and_per_category():
    scores = {model: category_scores([("number", "I have 5 pens.", "I have 5 pens."),
                                      ("age", "He is old.", "How old is he?")]) for model in ("additive", "dot")}
    text = markdown_tables(scores)
    assert "| additive | 2 | 50.0% | 50.0% |" in text
    assert "| number | 1 | 100% / 100 | 100% / 100 |" in text
    assert "| age | 1 | 0% /" in text
