"""The generated Hindi-English corpus: grammar, alignment, splits and command line."""
from __future__ import annotations

import random
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from collections import Counter

import pytest

from core.language import lexicon
from core.language.corpus import (
    LENGTH_BUCKETS, bucket_label, corpus_stats, format_alignment, generate_corpus, generate_pairs, length_bucket,
    sample_clause,
)
from core.language.grammar import Adjunct, Clause, NounPhrase, Sentence, realise, realise_clause
from core.language.lexicon import ADJECTIVE, NAME, NOUN, PRONOUN, QUANTITY, nfc, verb
from core.language.text import tokenize_english, tokenize_hindi

ROOT = Path(__file__).resolve().parent.parent

# English words that may legitimately have no Hindi counterpart. Dhyan's grammar aligns them all
# anyway, but the contract is only that content words are aligned.
FUNCTION_WORDS = {"a", "an", "the", "to", "of", "do", "does", "did", "not", "and", "but", "because", "?",
                  "am", "is", "are", "was", "were", "will", "be", "at", "in", "on", "for", "from", "with"}
PRONOUN_CASE = {  # Hindi pronoun form -> the English forms it may align with
    # a dative is the English subject where Hindi puts the experiencer in it: मुझे भूख लगी है / I am hungry
    "मैं": {"I"}, "मैंने": {"I"}, "मुझे": {"me", "I"}, "मुझसे": {"me", "to", "than"},
    "हम": {"we", "We"}, "हमने": {"we", "We"}, "हमें": {"us", "we"}, "हमसे": {"us", "to", "than"},
    "वे": {"they", "They"}, "उन्होंने": {"they", "They"}, "उन्हें": {"them", "they"}, "उनसे": {"them", "to", "than"},
    # the gender Hindi does not show here is written as the masculine (core.language.grammar)
    "उसे": {"him", "he"}, "उसने": {"he", "He"}, "उससे": {"him", "to", "than"},
}


@pytest.fixture(scope="module")
def pairs():
    return generate_pairs(6000, seed=0)


@pytest.fixture(scope="module")
def clauses():
    """(clause, question, pair) for 4000 one-clause sentences, to check rules clause by clause."""
    rng = random.Random(11)
    result = []
    for _ in range(4000):
        question = rng.random() < 0.2
        clause = sample_clause(rng, simple=rng.random() < 0.3, question=question)
        result.append((clause, question, realise_clause(clause, question)))
    return result


def said(clause: Clause, question: bool = False):
    pair = realise_clause(clause, question)
    return " ".join(pair.source_tokens), " ".join(pair.target_tokens)


def person(word: str, gender: str = "m") -> NounPhrase:
    word = nfc(word)
    if word in PRONOUN:
        return NounPhrase(PRONOUN[word], gender)
    if word in NAME:
        return NounPhrase(NAME[word], NAME[word].gender)
    return NounPhrase(NOUN[word], NOUN[word].gender)


def thing(word: str, plural: bool = False, adjective: str | None = None, quantity: str | None = None):
    noun = NOUN[nfc(word)]
    return NounPhrase(noun, noun.gender, plural, QUANTITY[nfc(quantity)] if quantity else None,
                      ADJECTIVE[nfc(adjective)] if adjective else None)


# ------------------------------------------------------------------ the stream


def test_same_seed_same_pairs_and_different_seed_different_pairs():
    assert generate_pairs(300, seed=4) == generate_pairs(300, seed=4)
    assert generate_pairs(300, seed=4) != generate_pairs(300, seed=5)
    assert generate_pairs(50, seed=4) == generate_pairs(300, seed=4)[:50]


def test_generator_leaves_global_random_state_alone():
    random.seed(123)
    expected = random.random()
    random.seed(123)
    generate_pairs(50, seed=1)
    assert random.random() == expected


def test_tokens_round_trip_through_the_tokenisers_and_are_nfc(pairs):
    for pair in pairs:
        assert tokenize_hindi(pair.source_text) == list(pair.source_tokens)
        assert tokenize_english(pair.target_text) == list(pair.target_tokens)
        assert all(unicodedata.is_normalized("NFC", t) and t.strip() == t and t for t in pair.source_tokens)


def test_alignment_in_range_sorted_and_content_words_aligned(pairs):
    for pair in pairs:
        assert pair.alignment == tuple(sorted(set(pair.alignment)))
        for i, j in pair.alignment:
            assert 0 <= i < len(pair.source_tokens) and 0 <= j < len(pair.target_tokens)
        aligned_target = {j for _, j in pair.alignment}
        aligned_source = {i for i, _ in pair.alignment}
        for j, token in enumerate(pair.target_tokens):
            if token.lower() not in FUNCTION_WORDS:
                assert j in aligned_target, (pair.source_text, pair.target_text, token)
        # the grammar also gives every Hindi token a link (ने, को and क्या included)
        assert aligned_source == set(range(len(pair.source_tokens))), pair.source_text


def test_auxiliaries_and_articles_are_aligned_to_their_natural_counterparts(pairs):
    # is/are may align with the other number where Hindi agrees with another word than English
    # does: मुझे भूख लगी है / I am hungry (है agrees with भूख), दस बजे हैं / it is ten o'clock, and
    # an honoured elder takes the plural in Hindi only: पिताजी जा रहे थे / Father was going; habitual
    # होता/होती/होते is be itself: हाथी घोड़े से बड़ा होता है / An elephant is bigger than a horse
    counterparts = {"am": {"हूँ", "है", "क्या"}, "is": {"है", "हैं", "क्या", "होता", "होती"},
                    "are": {"हैं", "हो", "है", "क्या", "होते", "होती"},
                    "was": {"था", "थी", "थे", "थीं", "क्या"}, "were": {"थे", "थीं", "था", "थी", "क्या"}, "not": {"नहीं", "मत"}}
    for pair in pairs:
        for i, j in pair.alignment:
            english, hindi = pair.target_tokens[j].lower(), pair.source_tokens[i]
            if english in counterparts:
                assert hindi in {nfc(h) for h in counterparts[english]}, (pair.source_text, hindi, english)
            if english == "the":
                assert hindi not in {nfc(w) for w in ("है", "हैं", "नहीं", "और")}


def test_pronouns_take_the_right_english_case(pairs):
    for pair in pairs:
        for i, j in pair.alignment:
            allowed = PRONOUN_CASE.get(pair.source_tokens[i])
            if allowed is not None:
                assert pair.target_tokens[j] in allowed | {t.capitalize() for t in allowed}, pair.target_text


def test_lengths_cover_one_to_at_least_45_and_every_bucket(pairs):
    lengths = [len(p.source_tokens) for p in pairs]
    assert min(lengths) == 1          # नमस्ते, बैठो
    assert max(lengths) >= 45
    buckets = corpus_stats(pairs)["bucket_counts"]
    assert all(count >= 0.04 * len(pairs) for count in buckets.values()), buckets
    short = sum(3 <= n <= 6 for n in lengths) / len(lengths)
    assert short >= 0.10


FINAL_MARKS = {"।": ".", "?": "?", "!": "!"}   # Hindi final mark -> English final mark


def test_final_marks_match_across_the_languages_and_questions_are_questions(pairs):
    endings = Counter()
    for pair in pairs:
        hindi_end, english_end = pair.source_tokens[-1], pair.target_tokens[-1]
        if hindi_end in FINAL_MARKS:
            assert english_end == FINAL_MARKS[hindi_end], (pair.source_text, pair.target_text)
            assert (len(pair.source_tokens) - 1, len(pair.target_tokens) - 1) in pair.alignment
        else:
            assert english_end not in {".", "?", "!"}, (pair.source_text, pair.target_text)
        endings[hindi_end if hindi_end in FINAL_MARKS else "none"] += 1
        assert pair.source_tokens.count("?") <= 1 and pair.target_tokens.count("?") <= 1
        assert "." not in pair.source_tokens, pair.source_text      # Hindi ends with the danda
        if pair.source_tokens[0] == nfc("क्या") and hindi_end == "?":   # a yes/no question is inverted
            assert pair.target_tokens[0] in {"Do", "Does", "Did", "Is", "Am", "Are", "Was", "Were", "Will", "Can", "Has", "Have"}
    # statements end with the danda more often than not; questions are common; some commands end with !
    assert endings["।"] > 0.25 * len(pairs) and endings["none"] > 0.2 * len(pairs)
    assert endings["?"] >= 0.05 * len(pairs) and endings["!"] > 0


def test_english_capitalisation(pairs):
    names = {n.english for n in lexicon.NAMES} | {"Delhi", "Hindi", "English", "Sunday"}
    lowered = {n.lower() for n in names}
    for pair in pairs:
        assert pair.target_tokens[0][0].isupper()
        assert "i" not in pair.target_tokens
        assert not lowered & set(pair.target_tokens), pair.target_text


def test_a_and_an_follow_the_next_word(pairs):
    seen = set()
    for pair in pairs:
        tokens = pair.target_tokens
        for k, token in enumerate(tokens[:-1]):
            if token.lower() in ("a", "an"):
                following = tokens[k + 1].lower()
                assert token.lower() == lexicon.indefinite_article(following), pair.target_text
                seen.add(token.lower())
    assert seen == {"a", "an"}
    assert lexicon.indefinite_article("honest") == "an" and lexicon.indefinite_article("useful") == "a"
    assert lexicon.indefinite_article("apple") == "an" and lexicon.indefinite_article("book") == "a"


def test_irregular_english_pasts_and_plurals_appear_and_regularised_ones_never(pairs):
    words = {t for p in pairs for t in p.target_tokens}
    assert {"ate", "went", "saw", "drank", "wrote", "bought", "gave", "took", "came", "sat"} <= words
    assert {"children", "men", "women"} & words
    assert not {"eated", "goed", "seed", "drinked", "writed", "buyed", "gived", "taked", "childs", "mans"} & words
    assert lexicon.english_third_person("go") == "goes" and lexicon.english_third_person("watch") == "watches"
    assert lexicon.english_third_person("study") == "studies" and lexicon.english_third_person("play") == "plays"
    assert lexicon.english_ing("swim") == "swimming" and lexicon.english_ing("write") == "writing"


def test_irregular_hindi_perfectives(pairs):
    words = {t for p in pairs for t in p.source_tokens}
    assert {nfc(w) for w in ("गया", "गई", "किया", "की", "दिया", "लिया", "पिया")} <= words
    assert lexicon.hindi_perfective(nfc("जा")) == tuple(nfc(w) for w in ("गया", "गए", "गई", "गईं"))
    assert lexicon.hindi_perfective(nfc("लिख")) == tuple(nfc(w) for w in ("लिखा", "लिखे", "लिखी", "लिखीं"))
    assert lexicon.hindi_perfective(nfc("खा")) == tuple(nfc(w) for w in ("खाया", "खाए", "खाई", "खाईं"))


def test_a_source_sentence_has_one_translation_up_to_the_gender_of_a_genderless_pronoun(pairs):
    """उसने, उसे, उसका do not show whether they mean him or her; nothing else is ambiguous."""
    translations = defaultdict(set)
    neutral = {"he": "X", "she": "X", "him": "Y", "her": "Y", "He": "X", "She": "X"}
    for pair in pairs:
        translations[pair.source_tokens].add(tuple(neutral.get(t, t) for t in pair.target_tokens))
    ambiguous = [s for s, t in translations.items() if len(t) > 1]
    assert not ambiguous, " ".join(ambiguous[0])


# ------------------------------------------------------------------ lexicon


def test_lexicon_sizes():
    assert len(lexicon.NOUNS) >= 150
    assert len(lexicon.VERBS) >= 60
    assert len(lexicon.ADJECTIVES) >= 40
    assert sum(a.forms[0] == a.forms[2] for a in lexicon.ADJECTIVES) >= 10      # invariable ones
    assert len({v.key for v in lexicon.VERBS}) == len(lexicon.VERBS)
    assert sum(bool(v.light) for v in lexicon.VERBS) >= 15


def test_noun_declensions():
    def forms(word):
        return NOUN[nfc(word)].forms
    assert forms("लड़का") == tuple(nfc(w) for w in ("लड़का", "लड़के", "लड़के", "लड़कों"))
    assert forms("लड़की") == tuple(nfc(w) for w in ("लड़की", "लड़की", "लड़कियाँ", "लड़कियों"))
    assert forms("किताब") == tuple(nfc(w) for w in ("किताब", "किताब", "किताबें", "किताबों"))
    assert forms("घर") == tuple(nfc(w) for w in ("घर", "घर", "घर", "घरों"))
    assert forms("पिता")[1:] == tuple(nfc(w) for w in ("पिता", "पिता", "पिताओं"))
    assert NOUN[nfc("बच्चा")].english_plural == "children"
    assert NOUN[nfc("चाकू")].english_plural == "knives"


# ------------------------------------------------------------------ the grammar, sentence by sentence


def test_the_seed_example_is_in_the_language(pairs, clauses):
    pair = realise_clause(Clause(person("मैं"), verb("खाना खा"), "present_continuous"))
    assert pair.source_tokens == tuple(nfc(w) for w in ("मैं", "खाना", "खा", "रहा", "हूँ"))
    assert pair.target_tokens == ("I", "am", "eating")
    assert set(pair.alignment) == {(0, 0), (1, 2), (2, 2), (3, 2), (4, 1)}
    # the sampler draws the seed sentence's construction (a pronoun eating, now) often, bare
    # sentences of it among them, and the shipped models' stream (seed 0) has one in its first 12,000 pairs
    seed_kind = [pair for clause, _, pair in clauses if clause.verb == verb("खाना खा")
                 and clause.tense == "present_continuous" and clause.subject.head in PRONOUN.values()]
    eating = re.compile(nfc("^(मैं|तुम|आप|वह|वो|हम|वे) खाना खा (रहा|रही|रहे) (हूँ|हो|है|हैं)( ।)?$"))
    assert len(seed_kind) >= 5 and any(eating.match(" ".join(p.source_tokens)) for p in seed_kind)
    assert any(eating.match(" ".join(p.source_tokens)) for p in generate_pairs(12_000, seed=0))


@pytest.mark.parametrize("tense, gender, hindi, english", [
    ("present", "m", "वह खाना खाता है", "He eats"),
    ("present", "f", "वह खाना खाती है", "She eats"),
    ("present_continuous", "f", "वह खाना खा रही है", "She is eating"),
    ("past_continuous", "m", "वह खाना खा रहा था", "He was eating"),
    ("future", "f", "वह खाना खाएगी", "She will eat"),
    ("past", "f", "उसने खाना खाया", None),     # ergative: agrees with खाना, and he/she is not shown
])
def test_tenses_of_a_light_verb(tense, gender, hindi, english):
    h, e = said(Clause(person("वह", gender), verb("खाना खा"), tense))
    assert h == nfc(hindi)
    if english:
        assert e == english


def test_person_number_and_honorific_agreement():
    cases = [("मैं", "m", "मैं स्कूल जाता हूँ", "I go to school"),
             ("मैं", "f", "मैं स्कूल जाती हूँ", "I go to school"),
             ("तुम", "m", "तुम स्कूल जाते हो", "You go to school"),
             ("आप", "f", "आप स्कूल जाती हैं", "You go to school"),
             ("हम", "m", "हम स्कूल जाते हैं", "We go to school"),
             ("वे", "m", "वे स्कूल जाते हैं", "They go to school"),
             ("सीता", "f", "सीता स्कूल जाती है", "Sita goes to school")]
    for subject, gender, hindi, english in cases:
        assert said(Clause(person(subject, gender), verb("जा"), "present", destination=thing("स्कूल"))) == \
            (nfc(hindi), english)
    futures = {("मैं", "m"): "जाऊँगा", ("मैं", "f"): "जाऊँगी", ("तुम", "m"): "जाओगे", ("आप", "m"): "जाएँगे",
               ("वह", "f"): "जाएगी", ("हम", "f"): "जाएँगी", ("वे", "m"): "जाएँगे"}
    for (subject, gender), form in futures.items():
        assert said(Clause(person(subject, gender), verb("जा"), "future"))[0].split()[-1] == nfc(form)


def test_simple_past_intransitive_agrees_with_the_subject():
    assert said(Clause(person("वह", "m"), verb("जा"), "past")) == (nfc("वह गया"), "He went")
    assert said(Clause(person("वह", "f"), verb("जा"), "past")) == (nfc("वह गई"), "She went")
    assert said(Clause(person("लड़की"), verb("जा"), "past", destination=thing("घर")))[0] == nfc("लड़की घर गई")
    girls = NounPhrase(NOUN[nfc("लड़की")], "f", True)
    assert said(Clause(girls, verb("जा"), "past", destination=thing("बाज़ार"))) == \
        (nfc("लड़कियाँ बाज़ार गईं"), "The girls went to the market")


def test_ergative_past_agrees_with_an_unmarked_object_and_defaults_after_ko():
    assert said(Clause(person("राम"), verb("खा"), "past", object=thing("रोटी"))) == \
        (nfc("राम ने रोटी खाई"), "Ram ate bread")
    assert said(Clause(person("राम"), verb("देख", "see"), "past", object=person("सीता"), marked_object=True)) == \
        (nfc("राम ने सीता को देखा"), "Ram saw Sita")
    assert said(Clause(person("सीता"), verb("पढ़"), "past", object=thing("किताब", True)))[0] == \
        nfc("सीता ने किताबें पढ़ीं")
    assert said(Clause(person("सीता"), verb("पढ़"), "past", object=thing("किताब"), marked_object=True)) == \
        (nfc("सीता ने किताब को पढ़ा"), "Sita read the book")
    assert said(Clause(person("हम"), verb("पी"), "past", object=thing("पानी")))[0] == nfc("हमने पानी पिया")
    assert said(Clause(person("वे"), verb("बात कर"), "past"))[0] == nfc("उन्होंने बात की")
    assert said(Clause(person("मैं"), verb("दे"), "past", recipient=person("सीता"), object=thing("किताब"))) == \
        (nfc("मैंने सीता को किताब दी"), "I gave Sita a book")


def test_postpositions_take_the_oblique_and_english_prepositions():
    room = Adjunct((nfc("में"),), ("in",), thing("कमरा"))
    table = Adjunct((nfc("पर"),), ("on",), thing("मेज़"))
    children = Adjunct((nfc("के"), nfc("साथ")), ("with",), thing("बच्चा", plural=True))
    h, e = said(Clause(person("राम"), verb("खाना खा"), "present_continuous", adjuncts=(room, children)))
    assert h == nfc("राम कमरे में बच्चों के साथ खाना खा रहा है")
    assert e == "Ram is eating with the children in the room"
    assert said(Clause(person("किताब"), None, "present", predicate=table)) == \
        (nfc("किताब मेज़ पर है"), "The book is on the table")
    home = Adjunct((nfc("पर"),), ("on",), thing("घर"))
    assert said(Clause(person("राम"), None, "present", predicate=home)) == (nfc("राम घर पर है"), "Ram is at home")
    with_me = Adjunct((nfc("के"), nfc("साथ")), ("with",), person("मैं"))
    assert said(Clause(person("सीता"), verb("नाच"), "present", adjuncts=(with_me,))) == \
        (nfc("सीता मेरे साथ नाचती है"), "Sita dances with me")
    assert said(Clause(person("वह", "m"), verb("आ"), "past", source=thing("स्कूल"))) == \
        (nfc("वह स्कूल से आया"), "He came from school")


def test_adjectives_agree_and_invariable_ones_do_not():
    def subject_of(noun, plural, adjective):
        np = thing(noun, plural, adjective)
        return said(Clause(np, verb("सो"), "present"))[0].split()[0]
    assert subject_of("लड़का", False, "अच्छा") == nfc("अच्छा")
    assert subject_of("लड़का", True, "अच्छा") == nfc("अच्छे")
    assert subject_of("लड़की", False, "अच्छा") == nfc("अच्छी")
    assert subject_of("लड़की", True, "लाल") == nfc("लाल")
    room = Adjunct((nfc("में"),), ("in",), thing("कमरा", adjective="बड़ा"))
    assert said(Clause(person("राम"), verb("सो"), "present", adjuncts=(room,)))[0] == nfc("राम बड़े कमरे में सोता है")
    assert said(Clause(person("लड़की"), None, "present", predicate=ADJECTIVE[nfc("लंबा")])) == \
        (nfc("लड़की लंबी है"), "The girl is tall")
    assert said(Clause(person("मैं", "f"), None, "past", predicate=ADJECTIVE[nfc("भूखा")])) == \
        (nfc("मैं भूखी थी"), "I was hungry")


def test_numerals_take_plural_nouns():
    h, e = said(Clause(person("सीता"), verb("ख़रीद"), "future", object=thing("किताब", True, quantity="दो")))
    assert (h, e) == (nfc("सीता दो किताबें ख़रीदेगी"), "Sita will buy two books")
    h, e = said(Clause(person("राम"), verb("खा"), "present", object=thing("सेब", quantity="एक", adjective="लाल")))
    assert (h, e) == (nfc("राम एक लाल सेब खाता है"), "Ram eats a red apple")


def test_negation_and_questions_with_do_support():
    sita, bread = person("सीता"), thing("रोटी")
    assert said(Clause(sita, verb("खा"), "present", True, object=bread)) == \
        (nfc("सीता रोटी नहीं खाती है"), "Sita does not eat bread")
    assert said(Clause(sita, verb("खा"), "past", True, object=bread)) == \
        (nfc("सीता ने रोटी नहीं खाई"), "Sita did not eat bread")
    assert said(Clause(sita, verb("खा"), "future", True, object=bread))[1] == "Sita will not eat bread"
    assert said(Clause(sita, verb("खा"), "present_continuous", True, object=bread))[1] == \
        "Sita is not eating bread"
    assert said(Clause(person("राम"), verb("खा"), "present", object=bread), question=True) == \
        (nfc("क्या राम रोटी खाता है ?"), "Does Ram eat bread ?")
    assert said(Clause(person("राम"), verb("खा"), "past", object=bread), question=True)[1] == \
        "Did Ram eat bread ?"
    assert said(Clause(person("तुम"), verb("जा"), "future"), question=True)[1] == "Will you go ?"
    assert said(Clause(person("वे"), None, "present", predicate=ADJECTIVE[nfc("ख़ुश")]), question=True) == \
        (nfc("क्या वे ख़ुश हैं ?"), "Are they happy ?")


def test_compound_sentences_join_clauses():
    first = Clause(person("मैं"), verb("खाना खा"), "present_continuous")
    second = Clause(person("वह", "f"), verb("सो"), "present_continuous")
    pair = realise(Sentence((first, second), ((nfc("लेकिन"), "but"),)))
    assert pair.source_text == nfc("मैं खाना खा रहा हूँ लेकिन वह सो रही है")
    assert pair.target_text == "I am eating but she is sleeping"
    with pytest.raises(ValueError):
        realise(Sentence((first, second), ((nfc("और"), "and"),), question=True))


# ------------------------------------------------------------------ rules checked on sampled clauses


def test_present_habitual_agreement_on_sampled_clauses(clauses):
    checked = defaultdict(int)
    aux = {"1sg": "हूँ", "2": "हो", "3sg": "है", "pl": "हैं"}
    for clause, question, pair in clauses:
        if clause.verb is None or clause.tense != "present":
            continue
        tokens = pair.source_tokens[:-1] if question else pair.source_tokens
        subject = clause.subject
        if clause.short_negative:           # मैं नहीं जानता: no auxiliary after the participle
            tokens = tokens + (nfc(aux[subject.agreement]),)
            assert tokens[-3] == nfc("नहीं"), pair.source_text
        participle = tokens[-2]
        if subject.gender == "f":
            assert participle.endswith("ती"), pair.source_text
        elif subject.agreement in ("1sg", "3sg"):
            assert participle.endswith("ता"), pair.source_text
        else:
            assert participle.endswith("ते"), pair.source_text
        assert tokens[-1] == nfc(aux[subject.agreement]), pair.source_text
        checked[subject.gender, subject.agreement] += 1
    assert len(checked) == 8 and min(checked.values()) >= 5


def test_ergative_agreement_on_sampled_clauses(clauses):
    checked = defaultdict(int)
    for clause, question, pair in clauses:
        if clause.verb is None or clause.tense != "past":
            continue
        tokens = pair.source_tokens[:-1] if question else pair.source_tokens
        form = tokens[-1]
        perfective = lexicon.hindi_perfective(clause.verb.stem)
        if not clause.verb.ergative:
            target = "subject"
            gender, agreement = clause.subject.gender, clause.subject.agreement
            assert nfc("ने") not in tokens and not any(t.endswith(nfc("ने")) and t in
                                                       {p.ergative for p in lexicon.PRONOUNS} for t in tokens)
        else:
            assert nfc("ने") in tokens or any(t == p.ergative for p in lexicon.PRONOUNS for t in tokens)
            if clause.object is not None and not clause.marked_object:
                target = "object"
                gender, agreement = clause.object.gender, clause.object.agreement
            elif clause.verb.light and clause.verb.frame == "intr":
                target = "light noun"
                gender, agreement = clause.verb.light_gender, "3sg"
            else:
                target = "default"
                gender, agreement = "m", "3sg"
        plural = agreement in ("2", "pl")
        expected = perfective[(2 if gender == "f" else 0) + plural]
        assert form == expected, (pair.source_text, target)
        checked[target] += 1
    assert min(checked.values()) >= 10 and len(checked) == 4, checked


def test_english_agreement_on_sampled_clauses(clauses):
    be = {"1sg": "am", "3sg": "is", "other": "are"}
    third = 0
    for clause, question, pair in clauses:
        if clause.verb is None or question or clause.negative:
            continue
        person_ = clause.subject.english_person
        participle = len(pair.source_tokens) - 2
        english = [pair.target_tokens[j] for i, j in pair.alignment if i == participle]
        if clause.tense == "present":      # खाता है -> eats / eat
            assert english[0] == (clause.verb.english_third if person_ == "3sg" else clause.verb.english)
            assert english[1:] == ([] if clause.verb.tail_is_noun else list(clause.verb.english_tail))
            third += person_ == "3sg" and english[0].endswith("s")
        if clause.tense == "present_continuous":   # है -> is
            auxiliary = [pair.target_tokens[j] for i, j in pair.alignment if i == participle + 1]
            assert auxiliary == [be[person_]], pair.target_text
    assert third >= 50


def test_kal_is_yesterday_or_tomorrow_by_tense(clauses):
    kal = nfc("कल")
    seen = set()
    for clause, question, pair in clauses:
        if clause.time is None or clause.time.hindi[0] != kal:
            continue
        position = pair.source_tokens.index(kal)
        english = {pair.target_tokens[j] for i, j in pair.alignment if i == position}
        if clause.tense == "future":
            assert english == {"tomorrow"}, pair.target_text
        else:
            assert clause.tense in ("past", "past_continuous")
            assert english in ({"yesterday"}, {"last"}), pair.target_text
        seen |= english
    assert {"tomorrow", "yesterday"} <= seen


# ------------------------------------------------------------------ splits and statistics


def test_generate_corpus_splits_are_disjoint_stratified_and_deterministic():
    splits = generate_corpus(n_train=400, seed=3, test_per_bucket=12, validation_per_bucket=5)
    assert len(splits.train) == 400
    labels = [bucket_label(b) for b in LENGTH_BUCKETS]
    test_buckets = corpus_stats(splits.test)["bucket_counts"]
    validation_buckets = corpus_stats(splits.validation)["bucket_counts"]
    assert test_buckets == {label: 12 for label in labels}
    assert validation_buckets == {label: 5 for label in labels}
    held_out = [p.source_text for p in splits.validation + splits.test]
    assert len(held_out) == len(set(held_out))                # each held-out sentence once
    assert not set(held_out) & {p.source_text for p in splits.train}     # and never trained on
    again = generate_corpus(n_train=400, seed=3, test_per_bucket=12, validation_per_bucket=5)
    assert again == splits
    assert generate_corpus(n_train=400, seed=4, test_per_bucket=12, validation_per_bucket=5).test != splits.test


def test_corpus_stats():
    sample = generate_pairs(300, seed=2)
    stats = corpus_stats(sample)
    assert stats["pairs"] == 300
    assert sum(stats["length_histogram"].values()) == 300
    assert sum(stats["bucket_counts"].values()) == 300
    assert stats["source_tokens"] == sum(len(p.source_tokens) for p in sample)
    assert stats["source_vocabulary"] == len({t for p in sample for t in p.source_tokens})
    assert list(stats["bucket_counts"]) == [bucket_label(b) for b in LENGTH_BUCKETS]
    assert length_bucket(45) == "41+"


# ------------------------------------------------------------------ command line


def run_cli(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "core.corpus", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_cli_prints_pairs_and_alignments():
    lines = run_cli("--n", "4", "--seed", "0").splitlines()
    assert len(lines) == 4 and all(line.count("\t") == 1 for line in lines)
    expected = generate_pairs(4, seed=0)
    assert lines[0] == f"{expected[0].source_text}\t{expected[0].target_text}"
    aligned = run_cli("--n", "2", "--seed", "0", "--align")
    assert " -> " in aligned
    assert format_alignment(expected[0])[0] in aligned


def test_cli_stats():
    output = run_cli("--stats", "--n-train", "300", "--test-per-bucket", "5", "--validation-per-bucket", "2")
    assert "vocabulary" in output and "histogram" in output
    for low, high in LENGTH_BUCKETS:
        assert f"{bucket_label((low, high))}: 5" in output
