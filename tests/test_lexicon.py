"""The lexicon's tables: well-formed entries that the generator can use, and enough of them."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from core.language import lexicon
from core.language.lexicon import ADJECTIVES, NAMES, NOUNS, VERBS, hindi_future, hindi_perfective, nfc
from core.language.text import tokenize_english

# The everyday vocabulary is at least double the lexicon the grammar had before its everyday
# constructions: 186 nouns, 87 verbs, 61 adjectives, 20 names (docs/corpus.md).
NOUNS_BEFORE, VERBS_BEFORE, ADJECTIVES_BEFORE, NAMES_BEFORE = 186, 87, 61, 20

_DEVANAGARI_WORD = re.compile("^[\u0900-\u097f]+$")
_ENGLISH_WORD = re.compile("^[A-Za-z][A-Za-z'-]*$")
# A vowel sign after a vowel (बुआें, कौआों, छूा) only comes from a declension or conjugation rule
# applied to a word it does not fit.
_TWO_VOWEL_SIGNS = re.compile("[\u0904-\u0914\u093e-\u094c][\u093e-\u094c]")


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in table.strip().splitlines()]


def _verb_hindi(verb) -> str:
    return " ".join(verb.light + (verb.stem,))


def _verb_english(verb) -> str:
    return " ".join((verb.english,) + verb.english_tail)


def _used_forms(noun) -> tuple:
    """The Hindi forms a noun can take: a noun without a plural never shows its plural forms."""
    return noun.forms if noun.countable else noun.forms[:2]


# ------------------------------------------------------------------ size


def test_vocabulary_is_at_least_double_the_one_before_issue_12():
    assert len(NOUNS) >= 2 * NOUNS_BEFORE
    assert len(VERBS) >= 2 * VERBS_BEFORE
    assert len(ADJECTIVES) >= 2 * ADJECTIVES_BEFORE
    assert len(NAMES) >= 2 * NAMES_BEFORE


def test_everyday_tags_are_present():
    tagged = Counter(tag for noun in NOUNS for tag in noun.tags)
    for tag in ("job", "kin", "body", "country"):
        assert tagged[tag] >= 8, tag


# ------------------------------------------------------------------ no entry twice


def test_no_noun_adjective_or_name_is_entered_twice():
    """NOUN, ADJECTIVE and NAME are keyed by the Hindi word: a second entry would hide the first."""
    for entries in (NOUNS, ADJECTIVES, NAMES):
        repeated = [word for word, n in Counter(e.hindi for e in entries).items() if n > 1]
        assert not repeated, repeated
    repeated = [k for k, n in Counter((x.hindi, x.gender, x.english) for x in NOUNS).items() if n > 1]
    assert not repeated, repeated


def test_no_verb_is_entered_twice():
    repeated = [k for k, n in Counter((_verb_hindi(v), _verb_english(v), v.frame) for v in VERBS).items() if n > 1]
    assert not repeated, repeated
    repeated = [k for k, n in Counter(v.key for v in VERBS).items() if n > 1]     # Hindi/English base/frame
    assert not repeated, repeated


def test_verbs_that_share_their_hindi_never_share_an_object():
    """चला is 'drive' a car and 'switch on' a fan; if one noun fitted both, उसने पंखा चलाया
    would have two translations."""
    by_hindi: dict = {}
    for verb in VERBS:
        if verb.frame in ("tr", "ditr"):
            by_hindi.setdefault((_verb_hindi(verb), verb.frame), []).append(verb)
    for verbs in by_hindi.values():
        for i, first in enumerate(verbs):
            for second in verbs[i + 1:]:
                shared = [n.english for n in NOUNS if n.tags & first.object_tags and n.tags & second.object_tags]
                assert not shared, (first.key, second.key, shared)


# ------------------------------------------------------------------ every entry is usable


def test_every_transitive_verb_has_objects():
    for verb in VERBS:
        if verb.frame in ("tr", "ditr"):
            assert any(noun.tags & verb.object_tags for noun in NOUNS), verb.key


def test_every_adjective_fits_a_noun():
    for adjective in ADJECTIVES:
        assert any(noun.tags & adjective.fits for noun in NOUNS), adjective.english


def test_every_noun_has_a_place_in_a_sentence():
    """A subject (person, animal), a thing that can be described (small, thing, vehicle), a place
    (in, on, at ..., dest) or the object of some verb; a noun with none of these is never generated."""
    roles = {"person", "animal", "small", "thing", "vehicle", "in", "on", "at", "near", "under", "out",
             "water", "dest"}
    roles |= {tag for verb in VERBS for tag in verb.object_tags}
    unused = [noun.english for noun in NOUNS if not noun.tags & roles]
    assert not unused, unused


def test_kin_and_job_nouns_are_people_and_countries_are_bare_destinations():
    for noun in NOUNS:
        if noun.tags & {"kin", "job"}:
            assert "person" in noun.tags, noun.english
        if "country" in noun.tags:
            assert noun.article == "bare" and not noun.countable and "dest" in noun.tags, noun.english
        if "body" in noun.tags:
            assert not noun.animate, noun.english


# ------------------------------------------------------------------ spelling and forms


def test_english_words_are_single_tokens():
    for noun in NOUNS:
        for word in (noun.english, noun.english_plural):
            assert _ENGLISH_WORD.match(word) and tokenize_english(word) == [word], word
    for entry in list(ADJECTIVES) + list(NAMES):
        assert _ENGLISH_WORD.match(entry.english) and tokenize_english(entry.english) == [entry.english], entry.english
    for name in NAMES:
        assert name.english[0].isupper(), name.english
    for verb in VERBS:
        for word in (verb.english, verb.english_past, verb.english_third, verb.english_ing) + verb.english_tail:
            assert _ENGLISH_WORD.match(word), verb.key


def test_hindi_words_are_nfc_devanagari():
    words = [f for noun in NOUNS for f in _used_forms(noun)]
    words += [t for adjective in ADJECTIVES for form in adjective.forms for t in form]
    words += [t for verb in VERBS for t in verb.light + (verb.stem,)]
    words += [name.hindi for name in NAMES]
    for word in words:
        assert word == nfc(word) and _DEVANAGARI_WORD.match(word), word


def test_one_spelling_per_word_with_or_without_nukta():
    """खाली and ख़ाली would be two words to the model: the tables agree on one spelling."""
    spellings: dict = {}
    for noun in NOUNS:
        for form in _used_forms(noun):
            spellings.setdefault(unicodedata.normalize("NFD", form).replace("\u093c", ""), set()).add(form)
    for adjective in ADJECTIVES:
        for token in adjective.forms[0]:
            spellings.setdefault(unicodedata.normalize("NFD", token).replace("\u093c", ""), set()).add(token)
    for verb in VERBS:
        for token in verb.light + (verb.stem,):
            spellings.setdefault(unicodedata.normalize("NFD", token).replace("\u093c", ""), set()).add(token)
    assert not [s for s in spellings.values() if len(s) > 1]


def test_declensions_and_conjugations_fit_their_words():
    for noun in NOUNS:
        for form in _used_forms(noun):
            assert not _TWO_VOWEL_SIGNS.search(form), (noun.hindi, form)
    for verb in VERBS:
        for form in hindi_perfective(verb.stem) + tuple(hindi_future(verb.stem).values()):
            assert not _TWO_VOWEL_SIGNS.search(form), (verb.key, form)


# ------------------------------------------------------------------ the table options


def test_table_cells_use_known_values():
    """The parsers ignore what they do not know, so a mistyped option would pass silently."""
    noun_options = {"inv", "sg", "mass", "def", "bare"}
    for row in _rows(lexicon._NOUN_TABLE):
        assert row[1] in ("m", "f") and len(row) in (4, 5), row
        for option in (row[4].split() if len(row) > 4 else []):
            assert option in noun_options or option.startswith(("pl=", "hpl=")), row
    for row in _rows(lexicon._ADJECTIVE_TABLE):
        assert row[2] in ("v", "i") and len(row) == 4, row
    verb_flags = {"erg", "anim", "src", "ben", "noprep", "place", "tailnoun"}
    verb_values = {"g", "arg", "arg?", "places", "w", "cont"}
    for row in _rows(lexicon._VERB_TABLE):
        assert row[2] in ("intr", "motion", "tr", "ditr") and len(row) == 5, row
        assert bool(row[3]) == (row[2] in ("tr", "ditr")), row     # objects exactly when transitive
        for option in row[4].split():
            key, _, value = option.partition("=")
            assert option in verb_flags or (key in verb_values and value), row
            if key == "g":
                assert value in ("m", "f") and len(row[0].split()) > 1, row   # the gender of a light noun
            if key in ("arg", "arg?"):
                # the postpositions a pronoun fuses with (मुझसे, मुझे, मेरा/मेरी/मेरे)
                assert nfc(value.split(":")[0]) in {nfc(p) for p in ("से", "को", "का", "की", "के")}, row
        if "tailnoun" in row[4].split():
            assert len(row[1].split()) > 1 and len(row[0].split()) > 1, row
