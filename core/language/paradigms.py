"""Every form the generator writes for each word of the lexicon, and a sentence that shows it.

A model knows a word only in the forms it has met: with चलोगी in its training pairs and चलोगे
not, "क्या तुम मेरे साथ चलोगे?" came out as "Will you Chaloge with me?". paradigm() walks the
lexicon and lists each form the grammar and the everyday constructions can write:

- a verb in every tense, for every person, number and gender that can agree with it (the
  perfective of a ने verb agrees with its objects: खाया, खाई, खाए, खाईं), its imperatives at the
  three levels of politeness (बैठ, बैठो, बैठिए) and its infinitive (बैठना);
- a noun in the direct and the oblique case, singular and (if it has one) plural;
- an adjective in each form a noun it describes makes it take (अच्छा, अच्छे, अच्छी).

Each Form can build a sentence of the grammar that writes it (build(rng) -> SentencePair, with
the gold alignment like every other pair), so the corpus can add one for each form that random
sampling left out (core.language.corpus.complete_paradigms).

    python -m tools.paradigms                    # how many forms, and which a 40,000-pair split lacks
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from core.language import clauses
from core.language.everyday import _VP_VERBS, imperative, imperative_forms, want
from core.language.grammar import (
    PERFECTIVE_TENSES, TENSES, Adjunct, Clause, NounPhrase, Sentence, hindi_verb_items, pair_from_items, realise,
)
from core.language.lexicon import (
    ABOUT, ADJECTIVES, NOUNS, NUMERALS, PRONOUN, PRONOUNS, VERBS, Adjective, Noun, Verb, nfc, verb as lexicon_verb,
)
from core.language.pairs import SentencePair

GENDERS = ("m", "f")
AGREEMENTS = ("1sg", "2", "3sg", "pl")        # मैं, तुम, वह, हम/आप/वे
NOUN_CASES = ("direct singular", "oblique singular", "direct plural", "oblique plural")   # Noun.forms order
ADJECTIVE_FORMS = ("masculine singular", "masculine plural or oblique", "feminine")       # Adjective.forms order


@dataclass(frozen=True, slots=True)
class Form:
    """One word form: its Hindi token, the lexicon entry it belongs to, what it expresses, and
    how to build a sentence that writes it."""

    token: str
    entry: str
    features: str
    build: Callable[[random.Random], SentencePair]

    def __str__(self) -> str:
        return f"{self.token} ({self.entry}: {self.features})"


# ------------------------------------------------------------------ verbs

_PRONOUNS_FOR = {agreement: [p for p in PRONOUNS if p.agreement == agreement] for agreement in AGREEMENTS}
_TALK = lexicon_verb("बात कर")
_SEE = lexicon_verb("देख", "see")
_WATCH = lexicon_verb("देख", "watch")
_COME = lexicon_verb("आ")


def _inanimate_objects(verb: Verb) -> list[Noun]:
    return [n for n in clauses._OBJECTS[verb.key] if not n.animate]


def perfective_agreements(verb: Verb) -> set[tuple[str, str]]:
    """What the perfective of a ने verb can agree with (Clause.verb_agreement): an unmarked object
    (inanimate here: an animate object takes को), the light noun of an intransitive idiom (बात की),
    else the default masculine singular."""
    if verb.light and verb.frame == "intr":
        return {(verb.light_gender, "3sg")}
    agreements = {("m", "3sg")}
    if verb.frame in ("tr", "ditr"):
        for noun in _inanimate_objects(verb):
            agreements.add((noun.gender, "3sg"))
            if noun.countable:
                agreements.add((noun.gender, "pl"))
    return agreements


def _verb_agreements(verb: Verb, tense: str) -> list[tuple[str, str]]:
    if verb.ergative and tense in PERFECTIVE_TENSES:
        return sorted(perfective_agreements(verb))
    return [(g, a) for g in GENDERS for a in AGREEMENTS]


def _subject(rng: random.Random, agreement: str, gender: str) -> NounPhrase:
    return NounPhrase(clauses.pick(rng, _PRONOUNS_FOR[agreement]), gender)


def _object(rng: random.Random, noun: Noun, plural: bool) -> NounPhrase:
    """An unmarked object; a plural that looks like the singular (सेब) carries a numeral, as in clauses."""
    quantity = clauses.pick(rng, NUMERALS) if plural and noun.forms[0] == noun.forms[2] else None
    return NounPhrase(noun, noun.gender, plural, quantity)


def _verb_clause(rng: random.Random, verb: Verb, tense: str, gender: str, agreement: str) -> Clause:
    """A one-clause sentence whose verb is in this tense and agrees with (gender, agreement)."""
    ergative = verb.ergative and tense in PERFECTIVE_TENSES
    if ergative:        # the verb agrees with the object; the subject (with ने) is anyone
        subject = NounPhrase(clauses.pick(rng, PRONOUNS), clauses.pick(rng, GENDERS))
    else:
        subject = _subject(rng, agreement, gender)
    clause = Clause(subject, verb, tense)
    if verb.frame in ("tr", "ditr"):
        objects = clauses._OBJECTS[verb.key]
        agreeing = [n for n in _inanimate_objects(verb) if n.gender == gender and (n.countable or agreement != "pl")]
        if ergative and agreeing:       # मैंने दो किताबें पढ़ीं: the perfective agrees with the object
            clause.object = _object(rng, clauses.pick(rng, agreeing), agreement == "pl")
        elif ergative:                  # मैंने सीता को देखा: a marked object leaves the masculine singular
            clause.object = NounPhrase(noun := clauses.pick(rng, objects), noun.gender)
            clause.marked_object = True
        else:
            noun = clauses.pick(rng, objects)
            clause.object = NounPhrase(noun, noun.gender)
            clause.marked_object = noun.animate
        if verb.frame == "ditr" and verb.stem in (nfc("दे"), nfc("दिखा")):
            clause.recipient = clauses._person(rng, True, subject.head)
            clause.marked_object = False
    if verb.argument is not None and verb.argument[2]:
        clause.argument = clauses._person(rng, True, subject.head, subject=subject)
    if verb.needs_place:
        clause.adjuncts = (clauses._location(rng, verb.places, True, subject),)
    return clause


def _clause_builder(verb: Verb, tense: str, gender: str, agreement: str):
    return lambda rng: realise(Sentence((_verb_clause(rng, verb, tense, gender, agreement),)))


def _items_builder(construction, **given):
    def build(rng: random.Random) -> SentencePair:
        ids = iter(range(10_000))
        kind, hindi, english = construction(rng, ids, **given)
        if kind == "question":
            c = (next(ids),)
            hindi, english = hindi + [("?", c)], english + [("?", c)]
        return pair_from_items(hindi, english)
    return build


def _verb_forms(verb: Verb) -> list[Form]:
    forms = []
    for tense in TENSES:
        for gender, agreement in _verb_agreements(verb, tense):
            token = hindi_verb_items(verb, tense, gender, agreement, (0,), (1,), (0, 1))[0][0]
            forms.append(Form(token, verb.key, f"{tense}, {agreement} {gender}",
                              _clause_builder(verb, tense, gender, agreement)))
    if verb in _VP_VERBS:
        for politeness, (level, form) in enumerate(zip(("तू", "तुम", "आप"), imperative_forms(verb.stem))):
            for token in form.split():
                forms.append(Form(token, verb.key, f"imperative ({nfc(level)})",
                                  _items_builder(imperative, verb=verb, politeness=politeness)))
        forms.append(Form(verb.stem + nfc("ना"), verb.key, "infinitive", _items_builder(want, verb=verb)))
    return forms


# ------------------------------------------------------------------ nouns


def _about(rng: random.Random, np: NounPhrase) -> SentencePair:
    """हम लड़कों के बारे में बात कर रहे थे / We were talking about the boys: an oblique any noun takes."""
    subject = NounPhrase(clauses.pick(rng, PRONOUNS), clauses.pick(rng, GENDERS))
    tense = clauses.pick(rng, ("present_continuous", "past_continuous"))
    return realise(Sentence((Clause(subject, _TALK, tense, adjuncts=(Adjunct(*ABOUT, np),)),)))


def _noun_builder(noun: Noun, case: int):
    plural, oblique = divmod(case, 2)

    def build(rng: random.Random) -> SentencePair:
        if oblique:
            return _about(rng, NounPhrase(noun, noun.gender, bool(plural)))
        if noun.animate:           # लड़के आए / The boys came
            clause = Clause(NounPhrase(noun, noun.gender, bool(plural)), _COME, "past")
        else:                      # मैंने दो पत्ते देखे / I saw two leaves
            verb = _WATCH if noun in clauses._OBJECTS[_WATCH.key] else _SEE
            subject = NounPhrase(clauses.pick(rng, PRONOUNS), clauses.pick(rng, GENDERS))
            clause = Clause(subject, verb, "past", object=_object(rng, noun, bool(plural)))
        return realise(Sentence((clause,)))
    return build


def _noun_forms(noun: Noun) -> list[Form]:
    cases = range(4 if noun.countable else 2)
    return [Form(noun.forms[case], noun.hindi, NOUN_CASES[case], _noun_builder(noun, case)) for case in cases]


# ------------------------------------------------------------------ adjectives


def _adjective_builder(adjective: Adjective, nouns: list[Noun], form: int):
    """form 0 and 2: a noun it describes (or वह, for people) is the subject (बच्चा थका हुआ है, वह थकी हुई
    है); form 1: a masculine noun in the oblique (थके हुए बच्चे के बारे में)."""
    def build(rng: random.Random) -> SentencePair:
        noun = clauses.pick(rng, nouns) if nouns else None
        if form == 1:
            return _about(rng, NounPhrase(noun, noun.gender, adjective=adjective))
        subject = NounPhrase(noun, noun.gender) if noun is not None \
            else NounPhrase(PRONOUN[nfc("वह")], "f" if form == 2 else "m")
        tense = clauses.pick(rng, ("present", "past"))
        return realise(Sentence((Clause(subject, None, tense, predicate=adjective),)))
    return build


def _adjective_forms(adjective: Adjective) -> list[Form]:
    """The forms the nouns it describes give it; a person adjective (थका हुआ) also describes मैं or वह."""
    described = [n for n in NOUNS if adjective.fits & n.tags]
    person = "person" in adjective.fits
    forms = []
    for form, gender in ((0, "m"), (1, "m"), (2, "f")):
        nouns = [n for n in described if n.gender == gender and (form == 1 or "hon" not in n.tags)]  # पिता नाटे थे
        if not nouns and (form == 1 or not person):
            continue
        for token in adjective.forms[form]:
            forms.append(Form(token, adjective.hindi, ADJECTIVE_FORMS[form], _adjective_builder(adjective, nouns, form)))
    return forms


# ------------------------------------------------------------------ the paradigm


@lru_cache(maxsize=1)
def paradigm() -> tuple[Form, ...]:
    """Every form of every verb, noun and adjective of the lexicon, in lexicon order."""
    forms: list[Form] = []
    for verb in VERBS:
        forms += _verb_forms(verb)
    for noun in NOUNS:
        forms += _noun_forms(noun)
    for adjective in ADJECTIVES:
        forms += _adjective_forms(adjective)
    return tuple(forms)


def missing_forms(pairs, forms=None) -> list[Form]:
    """The forms no pair's Hindi side writes."""
    seen = {token for pair in pairs for token in pair.source_tokens}
    return [form for form in (forms or paradigm()) if form.token not in seen]
