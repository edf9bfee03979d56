"""Realisation: a sentence described by its parts -> Hindi and English tokens with gold alignment.

A Sentence is a list of Clauses; a Clause names its subject, verb, tense, object and the rest.
realise() writes both languages at once. Every token is written with the *concepts* it expresses
(small integers, one per word meaning in the clause); a Hindi and an English token are linked
when they share a concept. The alignment therefore comes from the grammar, never from guessing:
लड़कों ने and "the boys" share the subject's concept, रहा and "eating" share the verb's.

Alignment conventions (the ones a reader could argue about):
- English articles go with their noun ("the" -> लड़का); "a/an" goes with एक when Hindi has it.
- ने and a को object marker go with the noun they mark; a compound postposition (के साथ) is one
  concept with its English preposition (with); a fused pronoun (मुझसे) carries both.
- The finite auxiliary carries tense: है/हूँ/हैं/हो and था/थे/थी/थीं align with am/is/are/was/were;
  the future form (खाएगा) aligns with "will" and with the verb. do-support aligns with the Hindi
  token that carries the tense: "does" with है (habitual), "did" with the perfective verb (खाया).
  A question's क्या aligns with the fronted English auxiliary (Does/Is/Did/Will), and "?" with "?".
- Without an auxiliary the English verb takes both concepts: "eats" aligns with खाता and है.
- रहा/रहे/रही aligns with the -ing verb; a light noun (खाना in खाना खाना) with the English verb,
  or with the English tail where there is one that translates it (नाश्ता ~ breakfast).
- A motion goal has no postposition in Hindi, so "to" aligns with the place (स्कूल ~ to, school).
- An owner's का/की/के aligns with the English possessive, which is one token with the owner's
  noun: मेरे भाई की साइकिल / my brother's bicycle (भाई, की ~ brother's; मेरे ~ my).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import count

from core.language.pairs import SentencePair
from core.language.lexicon import (
    NEGATION, QUESTION_PARTICLE, VERY, Adjective, Name, Noun, Pronoun, Quantity, TimeAdverb, Verb,
    english_participle, hindi_future, hindi_perfective, indefinite_article, nfc,
)

TENSES = ("present", "present_continuous", "past", "past_continuous", "future", "perfect")
COPULA_TENSES = ("present", "past", "future")
PERFECTIVE_TENSES = ("past", "perfect")          # the tenses whose transitive subject takes ने

NE, KO, SE = nfc("ने"), nfc("को"), nfc("से")
ALSO = nfc("भी")
_GENITIVE_ENDINGS = {nfc("का"): "ा", nfc("की"): "ी", nfc("के"): "े"}

AUX_PRESENT = {"1sg": nfc("हूँ"), "2": "हो", "3sg": "है", "pl": nfc("हैं")}
AUX_PAST = {"ms": "था", "mp": "थे", "fs": "थी", "fp": nfc("थीं")}
_COPULA_FUTURE = {"1sg": nfc("हूँ"), "2": "हो", "3sg": "हो", "pl": nfc("हों")}
CONTINUOUS = {"ms": "रहा", "mp": "रहे", "fs": "रही", "fp": "रही"}
HABITUAL = {"ms": "ता", "mp": "ते", "fs": "ती", "fp": "ती"}
_FUTURE_GENDER = {"ms": "गा", "mp": "गे", "fs": "गी", "fp": "गी"}
PERFECTIVE_INDEX = {"ms": 0, "mp": 1, "fs": 2, "fp": 3}

BE_PRESENT = {"1sg": "am", "3sg": "is", "other": "are"}
BE_PAST = {"1sg": "was", "3sg": "was", "other": "were"}


def gender_number(gender: str, agreement: str) -> str:
    """The participle class: 'ms', 'mp', 'fs' or 'fp'. तुम and आप take the plural forms."""
    return _GENDER_NUMBER[gender, agreement]


_GENDER_NUMBER = {(g, a): ("f" if g == "f" else "m") + ("p" if a in ("2", "pl") else "s")
                  for g in ("m", "f") for a in ("1sg", "2", "3sg", "pl")}


@lru_cache(maxsize=None)
def perfective_forms(stem: str) -> tuple:
    return hindi_perfective(stem)


@lru_cache(maxsize=None)
def _future(stem: str) -> dict:
    return hindi_future(stem)


# ------------------------------------------------------------------ what a sentence is made of


@dataclass(slots=True)
class NounPhrase:
    """A noun, name or pronoun with what goes with it.

    gender matters for pronouns (वह is 'he' or 'she', मैं खाता/खाती) and is the noun's or the
    name's own gender otherwise. quantity is एक (a/an), a numeral, कुछ (some) or कई (many).
    """

    head: Noun | Name | Pronoun
    gender: str = "m"
    plural: bool = False
    quantity: Quantity | None = None
    adjective: Adjective | None = None
    very: bool = False
    possessive: tuple | None = None      # (genitive stem, English): ("मेर", "my"), ("अपन", "his")
    owner: NounPhrase | None = None      # instead of a possessive: मेरे भाई की साइकिल / my brother's bicycle

    @property
    def agreement(self) -> str:
        """What a Hindi verb agrees with: '1sg', '2' (तुम), '3sg' or 'pl'."""
        if isinstance(self.head, Pronoun):
            return self.head.agreement
        return "pl" if self.plural or self.honorific else "3sg"

    @property
    def honorific(self) -> bool:
        """An elder named with respect (पिता, पिताजी) takes the plural in Hindi: मेरे पिता पढ़ रहे थे,
        and stays singular in English: my father was reading."""
        return isinstance(self.head, Noun) and "hon" in self.head.tags

    @property
    def english_person(self) -> str:
        if isinstance(self.head, Pronoun):
            return self.head.english_person
        return "other" if self.plural else "3sg"


@dataclass(slots=True)
class Adjunct:
    """A postpositional phrase: बगीचे में 'in the garden', सीता के साथ 'with Sita'."""

    postposition: tuple
    preposition: tuple
    object: NounPhrase


@dataclass(slots=True)
class Clause:
    """One clause. verb None makes it a copular clause: subject + predicate + है (be); the
    predicate is an Adjective (लड़का लंबा है) or an Adjunct (राम घर पर है)."""

    subject: NounPhrase
    verb: Verb | None = None
    tense: str = "present"
    negative: bool = False
    object: NounPhrase | None = None
    marked_object: bool = False          # को: definite or animate object
    recipient: NounPhrase | None = None
    argument: NounPhrase | None = None   # the person a light verb takes (सीता का इंतज़ार)
    destination: NounPhrase | None = None
    source: NounPhrase | None = None
    adjuncts: tuple = ()
    time: TimeAdverb | None = None
    time_first: bool = False             # Hindi: time before the subject
    predicate: Adjective | Adjunct | None = None
    very: bool = False                   # बहुत before a predicate adjective
    short_negative: bool = False         # मैं नहीं जानता: a negated habitual often drops its है
    also: bool = False                   # मैं भी जाऊँगा / I will go too: भी after the subject

    @property
    def ergative(self) -> bool:
        """The subject takes ने: a transitive verb in the simple past or the perfect."""
        return self.verb is not None and self.verb.ergative and self.tense in PERFECTIVE_TENSES

    def verb_agreement(self) -> tuple[str, str]:
        """(gender, agreement) of whatever the Hindi verb agrees with.

        After ने the verb agrees with an unmarked object, else with the light noun (बात की),
        else it takes the default masculine singular (सीता को देखा).
        """
        if not self.ergative:
            return self.subject.gender, self.subject.agreement
        if self.object is not None and not self.marked_object:
            return self.object.gender, self.object.agreement
        if self.verb.light and self.verb.frame == "intr":
            return self.verb.light_gender, "3sg"
        return "m", "3sg"


@dataclass(slots=True)
class Sentence:
    """Clauses joined by conjunctions ((Hindi, English) pairs, one fewer than the clauses).
    A question has one clause: क्या ... ? / inverted English ... ?"""

    clauses: tuple
    conjunctions: tuple = ()
    question: bool = False


# ------------------------------------------------------------------ realisation


def realise(sentence: Sentence):
    """Sentence -> SentencePair with its gold alignment."""
    if sentence.question and len(sentence.clauses) != 1:
        raise ValueError("a question has exactly one clause")
    if len(sentence.conjunctions) != len(sentence.clauses) - 1:
        raise ValueError("a sentence needs one conjunction between each two clauses")
    ids = count()
    hindi: list = []
    english: list = []
    for i, clause in enumerate(sentence.clauses):
        if i:
            conjunction_hindi, conjunction_english = sentence.conjunctions[i - 1]
            if isinstance(conjunction_hindi, str):
                conjunction_hindi, conjunction_english = (conjunction_hindi,), (conjunction_english,)
            for token_hindi, token_english in zip(conjunction_hindi, conjunction_english):  # (",", "लेकिन")
                c = (next(ids),)
                hindi.append((token_hindi, c))
                english.append((token_english, c))
        clause_hindi, clause_english = clause_items(clause, ids, sentence.question)
        hindi += clause_hindi
        english += clause_english
    if sentence.question:
        c = (next(ids),)
        hindi.append(("?", c))
        english.append(("?", c))
    return pair_from_items(hindi, english)


def pair_from_items(hindi: list, english: list):
    """(token, concepts) items of both languages -> SentencePair, linking the tokens that share a
    concept; the English sentence starts with a capital."""
    first, concepts = english[0]
    english[0] = (first[0].upper() + first[1:], concepts)

    english_positions: dict = {}     # concept -> English positions
    get = english_positions.get
    j = 0
    for _, concepts in english:
        for c in concepts:
            english_positions[c] = get(c, ()) + (j,)
        j += 1
    # Plain loops, not comprehensions: in Python 3.11 each comprehension is a function call,
    # and here they would run once per token (this is the generator's hottest loop).
    links: list = []
    link = links.append
    i = 0
    for _, concepts in hindi:
        if len(concepts) == 1:
            for j in get(concepts[0], ()):
                link((i, j))
        else:
            targets: set = set()
            for c in concepts:
                targets.update(get(c, ()))
            for j in sorted(targets):
                link((i, j))
        i += 1
    source_tokens, _ = zip(*hindi)
    target_tokens, _ = zip(*english)
    return SentencePair(source_tokens, target_tokens, tuple(links))


def realise_clause(clause: Clause, question: bool = False):
    """A one-clause sentence: realise_clause(Clause(मैं, खाना खा, present_continuous))
    -> मैं खाना खा रहा हूँ / I am eating."""
    return realise(Sentence((clause,), (), question))


def genitive_ending(gender: str, plural: bool) -> str:
    """The ending का / की / के and मेरा / मेरी / मेरे take from the noun they describe: ी before a
    feminine noun, े before a plural (or oblique or honorific) masculine one, ा otherwise."""
    return "ी" if gender == "f" else "े" if plural else "ा"


def noun_phrase_items(np: NounPhrase, ids, marker: tuple = (), marker_concept=None, oblique: bool = False,
                 definite: bool = True, subject: bool = False):
    """(Hindi items, English items, head concept) of a noun phrase.

    marker is the Hindi postposition that follows (ने, को, से, के साथ, का ...); its tokens take
    marker_concept (the head's own concept when None). English prepositions are the caller's.
    """
    head = np.head
    c = next(ids)
    kind = head.__class__
    if kind is Name and not (np.quantity or np.very or np.adjective or marker):   # the common case
        cc = (c,)
        return [(head.hindi, cc)], [(head.english, cc)], c
    mc = c if marker_concept is None else marker_concept
    if kind is Pronoun:
        # उसने, उसे, उससे, उसका do not show the referent's gender; English must choose, and the
        # corpus writes its traditional default, the masculine, so that every pair is deterministic.
        feminine = np.gender == "f" and not marker
        english = [((head.english_subject if subject else head.english_object)[feminine], (c,))]
        if not marker:
            return [(head.hindi, (c,))], english, c
        first = marker[0]
        fused = (c,) if mc == c else (c, mc)
        if first == NE:
            return [(head.ergative, (c,))], english, c
        if first == KO:
            return [(head.accusative, fused)], english, c
        if first == SE:
            return [(head.ablative, fused)], english, c
        ending = _GENITIVE_ENDINGS[first]  # मेरा इंतज़ार, मेरी मदद, मेरे साथ
        if len(marker) == 1:
            return [(head.genitive(ending), fused)], english, c
        hindi = [(head.genitive(ending), (c,))]
        for t in marker[1:]:
            hindi.append((t, (mc,)))
        return hindi, english, c

    oblique = oblique or bool(marker)
    hindi: list = []
    english: list = []
    possessive = np.possessive
    ending = genitive_ending(np.gender, np.plural or oblique or np.honorific)
    if possessive is not None:
        pc = (next(ids),)
        hindi.append((possessive[0] + ending, pc))
    owner = np.owner
    if owner is not None:
        hindi, owner_english = owner_items(owner, ending, ids)
    quantity = np.quantity
    if quantity is not None:
        qc = (next(ids),)
        hindi.append((quantity.hindi, qc))
    if np.very:
        vc = (next(ids),)
        hindi.append((VERY[0], vc))
        english.append((VERY[1], vc))
    adjective = np.adjective
    if adjective is not None:
        ac = (next(ids),)
        for token in adjective.hindi_form(np.gender, np.plural or np.honorific, oblique):
            hindi.append((token, ac))
        english.append((adjective.english, ac))
    cc = (c,)
    if kind is Name:
        hindi.append((head.hindi, cc))
        english.append((head.english, cc))
    else:
        hindi.append((head.forms[2 * np.plural + oblique], cc))
        english.append((head.english_plural if np.plural else head.english, cc))
    if marker:
        mcc = (mc,)
        for token in marker:
            hindi.append((token, mcc))

    # the determiner, decided last because a/an depends on the word after it
    if owner is not None:            # my brother's two books: the owner is the determiner
        if quantity is not None and quantity.english != "a":
            english.insert(0, (quantity.english, qc))
        english[:0] = owner_english
    elif possessive is not None:       # my three cakes: the numeral after the possessive
        if quantity is not None and quantity.english != "a":
            english.insert(0, (quantity.english, qc))
        english.insert(0, (possessive[1], pc))
    elif quantity is not None:
        word = quantity.english
        english.insert(0, (indefinite_article(english[0][0]) if word == "a" else word, qc))
    elif kind is Name or head.article == "bare":
        pass
    elif "family" in head.tags and not np.plural and adjective is None and not np.very:
        english[-1] = (english[-1][0].capitalize(), cc)      # माँ खाना बना रही है: Mother is cooking
    elif definite or head.article == "def":
        english.insert(0, ("the", cc))
    elif not (np.plural or head.article == "mass"):
        english.insert(0, (indefinite_article(english[0][0]), cc))
    return hindi, english, c


def owner_items(owner: NounPhrase, ending: str, ids) -> tuple[list, list]:
    """मेरे भाई की / my brother's: the owner in the oblique with का/की/के, which agrees with the
    owned noun (ending ा, े or ी); English writes the owner's last word with 's."""
    gc = next(ids)
    hindi, english, c = noun_phrase_items(owner, ids, (nfc("क" + ending),), gc)
    word, concepts = english[-1]
    english[-1] = (word + "'s", concepts + (gc,))
    return hindi, english


def adjunct_items(adjunct: Adjunct, ids):
    """बगीचे में / in the garden; idioms for a bare noun: घर में / at home."""
    pc = next(ids)
    hindi, english, c = noun_phrase_items(adjunct.object, ids, adjunct.postposition, pc)
    np = adjunct.object
    idiom = None
    if (isinstance(np.head, Noun) and np.head.pp and len(adjunct.postposition) == 1
            and not (np.plural or np.quantity or np.adjective or np.possessive or np.owner)):
        idiom = np.head.pp.get(adjunct.postposition[-1])
    if idiom is not None:
        return hindi, [(idiom[0], (pc,)), (idiom[1], (c,))]
    pcc = (pc,)
    preposition = adjunct.preposition
    if preposition == ("by",):       # बस से / by bus: the means, with no article
        return hindi, [("by", pcc), (np.head.english, (c,))]
    if len(preposition) == 1:
        return hindi, [(preposition[0], pcc)] + english
    words = []
    for t in preposition:
        words.append((t, pcc))
    return hindi, words + english


def destination_items(np: NounPhrase, verb: Verb, ids):
    """The bare oblique goal of a motion verb: वह बाज़ार गया / he went to the market."""
    hindi, english, c = noun_phrase_items(np, ids, oblique=True)
    head = np.head
    if isinstance(head, Noun) and head.pp and not (np.plural or np.quantity or np.adjective or np.possessive or np.owner):
        idiom = head.pp.get("dest")
        if idiom is not None:
            words = idiom if verb.english_to else idiom[-1:]   # reach school, reach home
            cc = (c,)
            return hindi, [(w, cc) for w in words]
    if verb.english_to:
        return hindi, [(verb.english_to[0], (c,))] + english
    return hindi, english


def hindi_verb_items(verb: Verb, tense: str, gender: str, agreement: str, vc: tuple, ac: tuple, both: tuple):
    """The inflected Hindi verb and auxiliary (light tokens and नहीं are the caller's)."""
    stem = verb.stem
    gn = gender_number(gender, agreement)
    if tense == "present":
        return [(stem + HABITUAL[gn], vc), (AUX_PRESENT[agreement], ac)]
    if tense == "present_continuous":
        return [(stem, vc), (CONTINUOUS[gn], vc), (AUX_PRESENT[agreement], ac)]
    if tense == "past_continuous":
        return [(stem, vc), (CONTINUOUS[gn], vc), (AUX_PAST[gn], ac)]
    if tense == "past":
        return [(perfective_forms(stem)[PERFECTIVE_INDEX[gn]], both)]
    if tense == "future":
        return [(_future(stem)[agreement] + _FUTURE_GENDER[gn], both)]
    if tense == "perfect":           # मैंने खाना खाया है / I have eaten: the perfective and है
        # before है/हैं the feminine plural loses its nasal: लड़कियाँ गई हैं (not गईं)
        return [(perfective_forms(stem)[PERFECTIVE_INDEX["fs" if gn == "fp" else gn]], vc), (AUX_PRESENT[agreement], ac)]
    raise ValueError(f"unknown tense {tense!r}")


def english_verb_items(verb: Verb, tense: str, person: str, negative: bool, question: bool,
                  vc: tuple, ac: tuple, nc: tuple, both: tuple):
    """(fronted auxiliary for a question, the verb group in statement position)."""
    front: list = []
    group: list = []
    if tense == "present":
        if question:
            front = [("does" if person == "3sg" else "do", ac)]
            group = [(verb.english, vc)]
        elif negative:
            group = [("does" if person == "3sg" else "do", ac), ("not", nc), (verb.english, vc)]
        else:
            group = [(verb.english_third if person == "3sg" else verb.english, both)]
    elif tense in ("present_continuous", "past_continuous"):
        be = (BE_PRESENT if tense == "present_continuous" else BE_PAST)[person]
        if question:
            front = [(be, ac)]
        else:
            group = [(be, ac)] + ([("not", nc)] if negative else [])
        group.append((verb.english_continuous[0], vc))
    elif tense == "past":
        if question:
            front = [("did", ac)]
            group = [(verb.english, vc)]
        elif negative:
            group = [("did", ac), ("not", nc), (verb.english, vc)]
        else:
            group = [(verb.english_past, both)]
    elif tense == "future":
        if question:
            front = [("will", ac)]
        else:
            group = [("will", ac)] + ([("not", nc)] if negative else [])
        group.append((verb.english, vc))
    elif tense == "perfect":
        have = "has" if person == "3sg" else "have"
        if question:
            front = [(have, ac)]
        else:
            group = [(have, ac)] + ([("not", nc)] if negative else [])
        group.append((english_participle(verb.english, verb.english_past), vc))
    else:
        raise ValueError(f"unknown tense {tense!r}")
    return front, group


def _copula(clause: Clause, ids, question: bool, ac: tuple, nc: tuple):
    """(Hindi predicate + auxiliary, English front, English be + predicate) of a copular clause."""
    subject = clause.subject
    agreement = subject.agreement
    gn = gender_number(subject.gender, agreement)
    predicate = clause.predicate
    hindi: list = []
    english_predicate: list = []
    if isinstance(predicate, Adjective):
        if clause.very:
            vc = (next(ids),)
            hindi.append((VERY[0], vc))
            english_predicate.append((VERY[1], vc))
        pc = (next(ids),)
        for token in predicate.hindi_form(subject.gender, agreement in ("2", "pl"), False):
            hindi.append((token, pc))
        english_predicate.append((predicate.english, pc))
    else:
        hindi, english_predicate = adjunct_items(predicate, ids)
    if clause.negative:
        hindi.append((NEGATION[0], nc))
    tense = clause.tense
    person = subject.english_person
    if tense == "present":
        hindi.append((AUX_PRESENT[agreement], ac))
        be = [(BE_PRESENT[person], ac)]
    elif tense == "past":
        hindi.append((AUX_PAST[gn], ac))
        be = [(BE_PAST[person], ac)]
    elif tense == "future":
        hindi.append((_COPULA_FUTURE[agreement] + _FUTURE_GENDER[gn], ac))
        be = [("will", ac), ("be", ac)]
    else:
        raise ValueError(f"unknown copula tense {tense!r}")
    if question:
        front, be = be[:1], be[1:]
    else:
        front = []
        if clause.negative:
            be.insert(1, ("not", nc))
    return hindi, front, be + english_predicate


def clause_items(clause: Clause, ids, question: bool):
    verb = clause.verb
    ac = (next(ids),)
    nc = (next(ids),)
    subject_hindi, subject_english, _ = noun_phrase_items(
        clause.subject, ids, (NE,) if clause.ergative else (),
        subject=True)
    if clause.also:                      # भी right after the subject; English too at the end
        tc = (next(ids),)
        subject_hindi = subject_hindi + [(ALSO, tc)]

    time_hindi: list = []
    time_english: list = []
    if clause.time is not None:
        time = clause.time
        concepts = []
        for token in time.hindi:
            c = next(ids)
            concepts.append(c)
            time_hindi.append((token, (c,)))
        for token, sources in time.english_sources:
            time_english.append((token, tuple(map(concepts.__getitem__, sources))))

    middle_hindi: list = []       # between subject and verb
    after_verb_english: list = []
    adjunct_englishes = []
    for adjunct in clause.adjuncts:
        h, e = adjunct_items(adjunct, ids)
        middle_hindi += h
        adjunct_englishes.append(e)

    if verb is None:
        predicate_hindi, front, group = _copula(clause, ids, question, ac, nc)
        middle_hindi += predicate_hindi
    else:
        vc = (next(ids),)
        both = vc + ac
        if clause.recipient is not None:
            h, e, _ = noun_phrase_items(clause.recipient, ids, (KO,))
            middle_hindi += h
            after_verb_english += e
        if clause.argument is not None:
            postposition, preposition, _ = verb.argument
            pc = next(ids) if preposition else None
            h, e, _ = noun_phrase_items(clause.argument, ids, (postposition,), pc)
            middle_hindi += h
            for t in preposition:
                after_verb_english.append((t, (pc,)))
            after_verb_english += e
        if clause.object is not None:
            marked = clause.marked_object
            h, e, _ = noun_phrase_items(clause.object, ids, (KO,) if marked else (),
                                   definite=marked or "place" in getattr(clause.object.head, "tags", ()))
            middle_hindi += h
            after_verb_english += e
        if clause.source is not None:
            h, source_english = adjunct_items(Adjunct((SE,), ("from",), clause.source), ids)
            middle_hindi += h
        if clause.destination is not None:
            h, e = destination_items(clause.destination, verb, ids)
            middle_hindi += h
            after_verb_english += e
        if clause.source is not None:
            after_verb_english += source_english

        tail_concept = (next(ids),) if verb.tail_is_noun else vc
        for token in verb.light:
            middle_hindi.append((token, tail_concept))
        if clause.negative:
            middle_hindi.append((NEGATION[0], nc))
        gender, agreement = clause.verb_agreement()
        verb_hindi = hindi_verb_items(verb, clause.tense, gender, agreement, vc, ac, both)
        short = clause.short_negative and clause.negative and clause.tense == "present"
        if short:
            verb_hindi = verb_hindi[:-1]      # वह मांस नहीं खाता: no है
        middle_hindi += verb_hindi
        front, group = english_verb_items(verb, clause.tense, clause.subject.english_person, clause.negative,
                                     question, vc, ac, nc, both)
        if short:                             # without an auxiliary, does aligns with the verb
            group = [(t, vc if c == ac else c) for t, c in group]
        tail = verb.english_continuous[1:] if clause.tense.endswith("continuous") else verb.english_tail
        for t in tail:
            group.append((t, tail_concept))

    hindi: list = [(QUESTION_PARTICLE, ac)] if question else []
    if clause.time_first:
        hindi += time_hindi + subject_hindi
    else:
        hindi += subject_hindi + time_hindi
    hindi += middle_hindi

    english = front + subject_english + group + after_verb_english
    for e in reversed(adjunct_englishes):
        english += e
    english += time_english
    if clause.also:
        english.append(("either" if clause.negative else "too", tc))   # नहीं ... भी: not ... either
    return hindi, english
