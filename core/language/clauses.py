"""One clause of the grammar, sampled: a subject, a verb in a tense, what the verb needs (an
object, a recipient, a goal), and in longer clauses adjectives, possessives, places and times.

core.language.corpus joins clauses into sentences; core.language.everyday embeds one after कि
(मुझे लगता है कि ...). Both draw from the same seeded random.Random, so the order of the draws
here is part of the corpus: changing it changes every generated pair (tests fingerprint them).
"""
from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate
from typing import Sequence

from core.language.grammar import COPULA_TENSES, TENSES, Adjunct, Clause, NounPhrase
from core.language.lexicon import (
    ADJECTIVES, BENEFICIARY, COMPANION, LOCATIONS, NAMES, NOUNS, NUMERALS, ONE, PRONOUN, PRONOUNS,
    REFLEXIVE_GENITIVE_STEM, TIME_ADVERBS, VERBS, Noun, Pronoun, nfc,
)

_COPULA_SHARE = 0.15
_NEGATIVE_SHARE = 0.2
_TIME_SHARE = 0.4
_POSSESSIVE_SHARE = 0.15       # of common-noun phrases: मेरी, तुम्हारा, अपना ...
_OWNER_SHARE = 0.35            # of those: an owner instead (मेरे भाई की किताब / my brother's book)
_NESTED_OWNER_SHARE = 0.2      # of owners: an owner of their own (मेरे दोस्त की बहन की किताब)

_PERSON_NOUNS = [n for n in NOUNS if "person" in n.tags]
_ANIMAL_NOUNS = [n for n in NOUNS if "animal" in n.tags]
_THING_NOUNS = [n for n in NOUNS if "small" in n.tags or "thing" in n.tags or "vehicle" in n.tags]
_ADJECTIVES_FOR = {n.hindi: [a for a in ADJECTIVES if a.fits & n.tags] for n in NOUNS}
_PERSON_ADJECTIVES = [a for a in ADJECTIVES if "person" in a.fits]
_OBJECTS = {v.key: [n for n in NOUNS if n.tags & v.object_tags] for v in VERBS}
_DESTINATIONS = [n for n in NOUNS if "dest" in n.tags]
_VEHICLES = [n for n in NOUNS if "vehicle" in n.tags and n.english not in ("boat", "ship")]
_VERB_CUM_WEIGHTS = tuple(accumulate(v.weight for v in VERBS))
_TIMES = {tense: [t for t in TIME_ADVERBS if tense in t.tenses] for tense in TENSES}
_TIMES.update({"copula_" + tense: [t for t in TIME_ADVERBS if "copula_" + tense in t.tenses]
               for tense in COPULA_TENSES})


def pick(rng: random.Random, items: Sequence):
    """rng.choice, at a tenth of the cost (it draws one float instead of rejection-sampling bits)."""
    return items[int(rng.random() * len(items))]


def weighted_pick(rng: random.Random, items: Sequence, cum_weights: Sequence[float]):
    return items[bisect_right(cum_weights, rng.random() * cum_weights[-1])]


# A verb's 'places' name the location phrases it goes with: most actions happen in, at, near or
# outside a place; one sits or sleeps on things too; a thing *is* anywhere (on, under ...).
_PLACE_GROUPS = {"any": ("in", "at", "near", "out"), "rest": ("in", "on"),
                 "where": ("in", "at", "near", "out", "on", "under")}


def _locations(place_tag: str) -> list[tuple[Noun, tuple]]:
    """(noun, postposition entry) pairs that make sense together, for a verb's 'places'."""
    wanted = _PLACE_GROUPS.get(place_tag, (place_tag,))
    return [(noun, entry) for entry in LOCATIONS if entry[2] in wanted for noun in NOUNS if entry[2] in noun.tags]


_LOCATIONS = {tag: _locations(tag) for tag in ("any", "in", "on", "water", "rest", "where")}
for _verb in VERBS:
    assert _OBJECTS[_verb.key] or _verb.frame not in ("tr", "ditr"), _verb.key
    assert _verb.places in _LOCATIONS, _verb.key


def _possessive(rng: random.Random, subject: NounPhrase | None) -> tuple | None:
    """(genitive stem, English) of a possessive: मेरा 'my', उसका 'his', or अपना when the possessor
    is the clause's own subject (मैं अपने दोस्त से मिला: I met my friend); None where it would clash
    with the subject (मैं मेरी किताब ...: Hindi says अपनी)."""
    own = _reflexive_english(subject) if subject is not None else None
    if own is not None and rng.random() < 0.35:
        return REFLEXIVE_GENITIVE_STEM, own
    pronoun = pick(rng, PRONOUNS)
    if subject is not None and _clashes(pronoun, subject.head):
        return None
    return pronoun.genitive_stem, pronoun.english_possessive[0]


def _reflexive_english(subject: NounPhrase) -> str | None:
    """What English says for अपना after this subject: my, your, our, their, his, her."""
    head = subject.head
    if isinstance(head, Pronoun):
        return None if head.agreement == "3sg" else head.english_possessive[0]   # उसने अपनी: his or hers?
    if isinstance(head, Noun) and "person" not in head.tags:
        return None
    return "their" if subject.plural else "her" if subject.gender == "f" else "his"


def _noun_phrase(rng: random.Random, noun: Noun, indefinite_ok: bool, simple: bool,
                 subject: NounPhrase | None = None) -> NounPhrase:
    """A noun with, sometimes, a possessive, a plural, a numeral or एक, an adjective and बहुत."""
    plural = noun.countable and rng.random() < 0.3
    quantity = None
    if plural:
        if rng.random() < 0.35:
            quantity = pick(rng, NUMERALS)
    elif indefinite_ok and noun.countable and rng.random() < 0.12:
        quantity = ONE
    adjective = None
    very = False
    if not simple:
        adjectives = _ADJECTIVES_FOR[noun.hindi]
        if adjectives and rng.random() < 0.3:
            adjective = pick(rng, adjectives)
            very = rng.random() < 0.15
    possessive = owner = None
    if quantity is None and noun.article == "count" and rng.random() < _POSSESSIVE_SHARE:
        if can_be_owned(noun) and rng.random() < _OWNER_SHARE:
            owner = owner_phrase(rng, subject, noun)
        else:
            possessive = _possessive(rng, subject)
    return NounPhrase(noun, noun.gender, plural, quantity, adjective, very, possessive, owner)


# Who owns (a name or a relative: राम की, मेरे भाई की) and what (things, animals, relatives, body
# parts, homes and workplaces): "my brother's bicycle", not "the tourist's thief".
_OWNER_NOUNS = [n for n in NOUNS if "kin" in n.tags]
_OWNED_TAGS = frozenset("small thing vehicle clothing animal kin body read container instrument".split())
_OWNED_PLACES = frozenset("house room shop office garden".split())


def can_be_owned(noun: Noun) -> bool:
    return bool(noun.tags & _OWNED_TAGS) or noun.english in _OWNED_PLACES


def owner_phrase(rng: random.Random, subject: NounPhrase | None = None, owned: Noun | None = None,
                 nested_ok: bool = True) -> NounPhrase:
    """Whose a thing is: a name (राम की), a relative (मेरे भाई की, माँ की) or, nested once, a
    relative's relative (मेरे दोस्त की बहन की). Never the subject's own name (Hindi says अपनी there),
    never the owned noun itself, always singular (English: my brother's, not my brothers')."""
    if rng.random() < 0.3:
        name = pick(rng, NAMES)
        while subject is not None and subject.head is name:
            name = pick(rng, NAMES)
        return NounPhrase(name, name.gender)
    noun = pick(rng, _OWNER_NOUNS)
    while noun is owned:
        noun = pick(rng, _OWNER_NOUNS)
    np = NounPhrase(noun, noun.gender)
    if nested_ok and rng.random() < _NESTED_OWNER_SHARE:
        np.owner = owner_phrase(rng, subject, noun, False)
    elif "family" not in noun.tags or rng.random() < 0.5:       # माँ की किताब: Mother's book
        while np.possessive is None:
            np.possessive = _possessive(rng, subject)
    return np


# I/we and the two yous are never subject and object (or companion) of one clause: "I saw us".
_SPEAKER_GROUP = {PRONOUN[nfc("मैं")]: 1, PRONOUN[nfc("हम")]: 1, PRONOUN[nfc("तुम")]: 2, PRONOUN[nfc("आप")]: 2}


def _clashes(pronoun, avoid) -> bool:
    return pronoun is avoid or (_SPEAKER_GROUP.get(pronoun, 0) != 0
                                and _SPEAKER_GROUP.get(pronoun) == _SPEAKER_GROUP.get(avoid))


def _object_phrase(rng: random.Random, noun: Noun, marked: bool, simple: bool,
                   subject: NounPhrase | None = None) -> NounPhrase:
    """A direct object. घर, सेब, फ़ोन are the same word in the singular and the plural, and an
    unmarked object has no verb agreement to tell them apart (outside the past), so such a plural
    object always carries a numeral: दो सेब, not सेब for 'apples' (a possessive shows the number:
    मेरा सेब, मेरे सेब)."""
    np = _noun_phrase(rng, noun, not marked, simple, subject)
    if (np.plural and not marked and np.quantity is None and np.possessive is None and np.owner is None
            and noun.forms[0] == noun.forms[2]):
        np.quantity = pick(rng, NUMERALS)
    return np


def _person(rng: random.Random, simple: bool, avoid=None, animals: bool = False,
            indefinite_ok: bool = False, subject: NounPhrase | None = None) -> NounPhrase:
    """A pronoun, a name or a person (or animal) noun phrase; avoid: the subject, whose pronoun
    (or its speaker group) is not repeated. Short sentences have people too (मेरी बहन सो रही है)."""
    r = rng.random()
    if simple and 0.8 <= r < 0.92:
        noun = pick(rng, _PERSON_NOUNS)
        plural = noun.countable and rng.random() < 0.2
        return NounPhrase(noun, noun.gender, plural, possessive=_possessive(rng, subject))
    if r < 0.4 or (simple and r < 0.62):
        pronoun = pick(rng, PRONOUNS)
        while _clashes(pronoun, avoid):
            pronoun = pick(rng, PRONOUNS)
        return NounPhrase(pronoun, "f" if rng.random() < 0.5 else "m")
    if r < 0.65 or simple:
        name = pick(rng, NAMES)
        return NounPhrase(name, name.gender)
    nouns = _ANIMAL_NOUNS if animals and rng.random() < 0.3 else _PERSON_NOUNS
    return _noun_phrase(rng, pick(rng, nouns), indefinite_ok, simple, subject)


_LOCATION_POSTPOSITIONS = {entry[0] for entry in LOCATIONS}


def _location(rng: random.Random, places: str, simple: bool = False, subject: NounPhrase | None = None) -> Adjunct:
    noun, (postposition, preposition, _) = pick(rng, _LOCATIONS[places])
    return Adjunct(postposition, preposition, _noun_phrase(rng, noun, False, simple, subject))


def _has_location(adjuncts: tuple) -> bool:
    for adjunct in adjuncts:
        if adjunct.postposition in _LOCATION_POSTPOSITIONS:
            return True
    return False


def _adjuncts(rng: random.Random, clause: Clause, verb) -> tuple:
    r = rng.random()
    n = 0 if r < 0.5 else 1 if r < 0.85 else 2
    adjuncts = []
    kinds_used = set()
    avoid = clause.subject.head
    for _ in range(n):
        r = rng.random()
        if verb is not None and verb.frame != "motion" and r < 0.6:
            kind = "location"
        elif verb is not None and verb.benefactive and r > 0.85:
            kind = "beneficiary"
        else:
            kind = "companion"
        if kind in kinds_used:
            continue
        kinds_used.add(kind)
        if kind == "location":
            adjuncts.append(_location(rng, verb.places, subject=clause.subject))
        else:
            postposition, preposition = COMPANION if kind == "companion" else BENEFICIARY
            adjuncts.append(Adjunct(postposition, preposition,
                                    _person(rng, False, avoid, animals=kind == "companion", subject=clause.subject)))
    return tuple(adjuncts)


def _time(rng: random.Random, clause: Clause, key: str) -> None:
    times = _TIMES[key]
    if times and rng.random() < _TIME_SHARE:
        clause.time = pick(rng, times)
        clause.time_first = rng.random() < 0.3


def _copular_clause(rng: random.Random, simple: bool, question: bool) -> Clause:
    """लड़का लंबा है (The boy is tall), राम घर पर है (Ram is at home), with their tenses."""
    r = rng.random()
    if r < 0.6 or simple:
        subject = _person(rng, simple, animals=True, indefinite_ok=True)
    else:
        subject = _noun_phrase(rng, pick(rng, _THING_NOUNS), True, simple)
    head = subject.head
    adjectives = _ADJECTIVES_FOR[head.hindi] if isinstance(head, Noun) else _PERSON_ADJECTIVES
    clause = Clause(subject, None, pick(rng, COPULA_TENSES), not question and rng.random() < _NEGATIVE_SHARE)
    clause.also = not question and rng.random() < 0.04
    if adjectives and (simple or rng.random() < 0.6):
        clause.predicate = pick(rng, adjectives)
        clause.very = rng.random() < 0.2
    else:
        clause.predicate = _location(rng, "where", simple)
    if not simple:
        _time(rng, clause, "copula_" + clause.tense)
    return clause


def sample_clause(rng: random.Random, simple: bool = False, question: bool = False) -> Clause:
    """One clause. simple: no adjectives, adverbials or postpositional phrases beyond what the
    verb needs (the short sentences of the corpus)."""
    if rng.random() < _COPULA_SHARE:
        return _copular_clause(rng, simple, question)
    verb = weighted_pick(rng, VERBS, _VERB_CUM_WEIGHTS)
    subject = _person(rng, simple, animals=verb.animals, indefinite_ok=True)
    clause = Clause(subject, verb, pick(rng, TENSES), not question and rng.random() < _NEGATIVE_SHARE)
    clause.short_negative = clause.negative and clause.tense == "present" and rng.random() < 0.5
    clause.also = not question and rng.random() < 0.04
    avoid = subject.head
    frame = verb.frame
    if frame in ("tr", "ditr"):
        noun = pick(rng, _OBJECTS[verb.key])
        if "person" in verb.object_tags and rng.random() < 0.6:
            clause.object = _person(rng, simple, avoid, subject=subject)
            clause.marked_object = True
        else:
            marked = noun.animate or rng.random() < 0.2
            clause.object = _object_phrase(rng, noun, marked, simple, subject)
            clause.marked_object = marked
        if frame == "ditr" and (verb.stem in ("दे", "दिखा") or rng.random() < 0.6):
            clause.recipient = _person(rng, simple, avoid)
            clause.marked_object = False   # one को per clause: the recipient's
    elif frame == "motion":
        if not simple or rng.random() < 0.5:
            if rng.random() < 0.8:      # a goal is a bare oblique: one plain place (वह बाज़ार गया)
                noun = pick(rng, _DESTINATIONS)
                clause.destination = NounPhrase(noun, noun.gender)
            if verb.source and rng.random() < 0.4:
                noun = pick(rng, _DESTINATIONS)
                if clause.destination is None or clause.destination.head is not noun:
                    clause.source = NounPhrase(noun, noun.gender)
    if verb.argument is not None and (verb.argument[2] or rng.random() < 0.6):
        clause.argument = _person(rng, simple, avoid, subject=subject)
    if not simple:
        clause.adjuncts = _adjuncts(rng, clause, verb)
        _time(rng, clause, clause.tense)
    if frame == "motion" and rng.random() < 0.15:         # वह बस से आता है: He comes by bus
        vehicle = pick(rng, _VEHICLES)
        clause.adjuncts += (Adjunct((nfc("से"),), ("by",), NounPhrase(vehicle, vehicle.gender)),)
    if verb.needs_place and not _has_location(clause.adjuncts):
        clause.adjuncts += (_location(rng, verb.places, subject=subject),)
    return clause
