"""Everyday Hindi: the constructions a class types in its first minute, with gold alignments.

core.language.grammar writes clauses (subject, verb, tense, objects, places) and joins them into
long sentences; this module writes the short everyday sentences it cannot: feelings with a dative
subject (मुझे भूख लगी है: I am hungry), names and identity, wh-questions with English do-support,
modals, imperatives at three levels of politeness, possession with के पास, existence (there is),
weather and clock time (half hours too), comparison, numbers (words to a hundred, सौ, हज़ार,
digits), money and prices, durations and halves, possessive chains (मेरे भाई की साइकिल), compound
verbs with लेना, going for a walk, what people say before a comma (रुको, / माफ़ कीजिए,), and fixed
phrases (नमस्ते: Hello).

Every construction builds (token, concepts) items for both languages exactly as the grammar does,
so alignment follows the grammar's conventions (see core.language.grammar):
- the dative subject (मुझे, राम को) aligns with the English subject (I, Ram);
- the noun that carries a feeling and its verb (भूख लगी) align with the English adjective (hungry);
- the finite auxiliary (है/था) aligns with the English verb that carries tense (am, is, have, do);
- a question word aligns with its English question word (कहाँ ~ where), and क्या with the fronted
  auxiliary in a yes/no question;
- मेरे पास (possession) aligns with the English subject (मेरे ~ I) and with have (पास ~ have).

sample_everyday(rng) returns (Sentence kind, hindi items, english items); the corpus adds the final
punctuation and realises the pair with grammar.pair_from_items.
"""
from __future__ import annotations

import random
from itertools import count
from typing import Callable, Sequence

from core.language.clauses import can_be_owned, owner_phrase, sample_clause
from core.language.grammar import (
    AUX_PAST, AUX_PRESENT, BE_PAST, BE_PRESENT, CONTINUOUS, HABITUAL, PERFECTIVE_INDEX, Adjunct, NounPhrase,
    adjunct_items, clause_items, destination_items, english_verb_items, gender_number, genitive_ending,
    hindi_verb_items, noun_phrase_items, perfective_forms,
)
from core.language.lexicon import (
    ADJECTIVES, NAMES, NOUNS, PRONOUN, PRONOUNS, VERBS, Noun, Pronoun, english_participle, indefinite_article,
    nfc, parse_verbs,
)

KO, SE, KE, NE, PAAS, NAHIN, KYA = (nfc(w) for w in ("को", "से", "के", "ने", "पास", "नहीं", "क्या"))
# करना 'do' on its own (तुम क्या कर रहे हो? / What are you doing?): the lexicon has it only in idioms.
_DO = parse_verbs("कर | do,did | tr | | erg")[0]

# ------------------------------------------------------------------ numbers 1..100

_NUMBER_WORDS = nfc(
    "एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस "
    "इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस "
    "छत्तीस सैंतीस अड़तीस उनतालीस चालीस इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस "
    "उनचास पचास इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ इकसठ बासठ तिरसठ चौंसठ "
    "पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर "
    "अठहत्तर उनासी अस्सी इक्यासी बयासी तिरासी चौरासी पचासी छियासी सतासी अट्ठासी नवासी नब्बे इक्यानवे "
    "बानवे तिरानवे चौरानवे पचानवे छियानवे सत्तानवे अट्ठानवे निन्यानवे सौ").split()
_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def english_number(n: int) -> str:
    """7 -> 'seven', 42 -> 'forty-two', 100 -> 'hundred' is not used: 'one hundred' is two tokens,
    so 100 is written 'a hundred' by the caller; here 1..99."""
    if n < 10:
        return _ONES[n - 1]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens - 2] + ("-" + _ONES[ones - 1] if ones else "")


_ZERO = nfc("शून्य")
_HUNDRED, _THOUSAND = nfc("सौ"), nfc("हज़ार")


def number_tokens(n: int, digits: bool) -> tuple[list[str], list[str]]:
    """(Hindi tokens, English tokens) of a number: words (पच्चीस / twenty-five) or digits (25 / 25).
    Words go from शून्य (zero) to निन्यानवे, सौ (a hundred), X सौ (X hundred: पाँच सौ / five hundred)
    and X हज़ार (एक हज़ार / a thousand); any other number is written in digits. Devanagari digits
    need no words of their own: the tokeniser reads ६० as 60 (core.language.text)."""
    if digits or not (0 <= n <= 100 or (n % 100 == 0 and n < 1000) or (n % 1000 == 0 and n <= 99_000)):
        return [str(n)], [str(n)]
    if n == 0:
        return [_ZERO], ["zero"]
    if n == 100:
        return [_NUMBER_WORDS[99]], ["a", "hundred"]
    if n < 100:
        return [_NUMBER_WORDS[n - 1]], [english_number(n)]
    count, unit, english_unit = (n // 1000, _THOUSAND, "thousand") if n >= 1000 else (n // 100, _HUNDRED, "hundred")
    return [_NUMBER_WORDS[count - 1], unit], ["a" if count == 1 else english_number(count), english_unit]


def sample_number(rng: random.Random, low: int = 2, high: int = 100) -> int:
    """Small numbers are the common ones: half the draws are at most 10."""
    if rng.random() < 0.5:
        return rng.randint(low, min(10, high))
    return rng.randint(low, high)


def _large_number(rng: random.Random) -> int:
    """सौ, पाँच सौ, दो हज़ार, or 101..2000 in digits: how many people a school or a town holds."""
    r = rng.random()
    if r < 0.4:
        return 100 * rng.randint(1, 9)
    if r < 0.6:
        return 1000 * rng.randint(1, 10)
    return rng.randint(101, 2000)


def _amount(rng: random.Random) -> int:
    """A sum of money: mostly up to a hundred, then round hundreds and thousands, then any sum
    up to 5,000 (in digits); now and then nothing at all."""
    r = rng.random()
    if r < 0.55:
        return sample_number(rng, 1, 100)
    if r < 0.72:
        return 100 * rng.randint(1, 9)
    if r < 0.82:
        return 1000 * rng.randint(1, 10)
    if r < 0.97:
        return rng.randint(101, 5000)
    return 0


# ------------------------------------------------------------------ items

def _nouns(*tags: str, article: str | None = None) -> list[Noun]:
    return [n for n in NOUNS if any(t in n.tags for t in tags) and (article is None or n.article == article)]


def _pick(rng: random.Random, items: Sequence):
    return items[int(rng.random() * len(items))]


_PERSON_NOUNS = _nouns("person")
_JOB_NOUNS = _nouns("job") or [n for n in _PERSON_NOUNS if n.english in ("doctor", "teacher", "farmer", "driver")]
_KIN_NOUNS = _nouns("kin") or [n for n in _PERSON_NOUNS if n.english in ("brother", "sister", "mother", "father")]
_FOOD = _nouns("food", "drink")
_LIKEABLE = _FOOD + _nouns("game", "language", "film", "animal", "flower", "read")
_THINGS = _nouns("small", "thing", "clothing", "vehicle", "read")
_LANGUAGES = _nouns("language")
_PLACES_IN = [n for n in _nouns("in") if n.countable or n.article == "bare"]
_CITIES = _nouns("city", "country")
_PLACE_NOUNS = [n for n in _nouns("place") if n.countable]


class Speaker:
    """Who a sentence is about, realised in the case the construction needs.

    kind is a Pronoun, a Name or a Noun (with its NounPhrase). english_person and agreement say
    what the English and Hindi verbs agree with; gender what Hindi participles agree with.
    """

    def __init__(self, head, np: NounPhrase):
        self.head = head
        self.np = np
        self.gender = np.gender
        self.agreement = np.agreement
        self.english_person = np.english_person

    def items(self, ids, case: str = "nom", english: str = "subject") -> tuple[list, list]:
        """case: 'nom' (मैं), 'dat' (मुझे, राम को), 'pas' (मेरे पास), 'abl' (मुझसे, राम से),
        'gen' + ending (मेरा ...). english: 'subject' (I), 'object' (me) or 'possessive' (my)."""
        head = self.head
        if isinstance(head, Pronoun):
            c = (next(ids),)
            hindi = {"nom": [head.hindi], "dat": [head.accusative], "abl": [head.ablative], "erg": [head.ergative],
                     "pas": [head.genitive("े"), PAAS]}.get(case) or [head.genitive(case[3:])]
            feminine = self.gender == "f" and case == "nom"
            word = {"subject": head.english_subject, "object": head.english_object,
                    "possessive": head.english_possessive}[english][feminine]
            if case == "pas":
                return [(hindi[0], c), (hindi[1], c)], [(word, c)]
            return [(hindi[0], c)], [(word, c)]
        marker = {"nom": (), "dat": (KO,), "abl": (SE,), "erg": (NE,), "pas": (KE, PAAS)}.get(case, ())
        hindi, english_items, _ = noun_phrase_items(self.np, ids, marker, subject=True)
        if english == "possessive":
            raise ValueError("only pronouns are possessives here")
        return hindi, english_items


def sample_pronoun(rng: random.Random, exclude: tuple = ()) -> Speaker:
    pronoun = _pick(rng, [p for p in PRONOUNS if p.hindi not in exclude])
    return Speaker(pronoun, NounPhrase(pronoun, "f" if rng.random() < 0.5 else "m"))


def sample_possessive(rng: random.Random) -> tuple:
    """(genitive stem, English) of a possessive determiner: ("मेर", "my")."""
    pronoun = _pick(rng, PRONOUNS)
    return pronoun.genitive_stem, pronoun.english_possessive[0]


def sample_speaker(rng: random.Random, pronoun_share: float = 0.6, plural_ok: bool = True) -> Speaker:
    """A pronoun, a name, or a person with a possessive (मेरी बहन) or the (बच्चे: the children)."""
    r = rng.random()
    if r < pronoun_share:
        return sample_pronoun(rng)
    if r < pronoun_share + (1 - pronoun_share) / 2:
        name = _pick(rng, NAMES)
        return Speaker(name, NounPhrase(name, name.gender))
    noun = _pick(rng, _KIN_NOUNS if rng.random() < 0.6 else _PERSON_NOUNS)
    plural = plural_ok and noun.countable and rng.random() < 0.2
    possessive = sample_possessive(rng) if rng.random() < 0.6 else None
    return Speaker(noun, NounPhrase(noun, noun.gender, plural, possessive=possessive))


def english_be(person: str, past: bool = False) -> str:
    return (BE_PAST if past else BE_PRESENT)[person]


def english_do(person: str) -> str:
    return "does" if person == "3sg" else "do"


def english_present(person: str, verb: str, third: str) -> str:
    return third if person == "3sg" else verb


# ------------------------------------------------------------------ constructions
# Each takes (rng, ids) and returns (kind, hindi items, english items); kind is 'statement',
# 'question', 'imperative' or 'phrase'.

# feeling noun | gender | English adjective | verb stem (लग: भूख लगी है; आ: नींद आ रही है)
_FEELINGS = [(nfc(h), g, e, nfc(v)) for h, g, e, v in (
    ("भूख", "f", "hungry", "लग"), ("प्यास", "f", "thirsty", "लग"), ("ठंड", "f", "cold", "लग"),
    ("गर्मी", "f", "hot", "लग"), ("डर", "m", "scared", "लग"), ("नींद", "f", "sleepy", "आ"),
    ("गुस्सा", "m", "angry", "आ"),
)]


def sample_mood(rng: random.Random, question_share: float = 0.2, negative_share: float = 0.2) -> tuple[bool, bool]:
    r = rng.random()
    return r < question_share, question_share <= r < question_share + negative_share


def feeling(rng, ids):
    """मुझे भूख लगी है / I am hungry; क्या तुम्हें ठंड लग रही है? / Are you cold?"""
    who = sample_speaker(rng)
    noun, gender, adjective, stem = _pick(rng, _FEELINGS)
    question, negative = sample_mood(rng)
    past = rng.random() < 0.2
    subject_h, subject_e = who.items(ids, "dat")
    fc, ac, nc, qc = (next(ids),), (next(ids),), (next(ids),), None
    gn = "fs" if gender == "f" else "ms"
    if stem == nfc("आ") and not (question or negative) and rng.random() < 0.3:   # उसे गुस्सा आया / He got angry
        came = perfective_forms(stem)[0 if gender == "m" else 2]
        return "statement", subject_h + [(noun, fc), (came, fc + ac)], subject_e + [("got", ac), (adjective, fc)]
    if stem == nfc("लग") and rng.random() < 0.5:
        verb = [(perfective_forms(stem)[0 if gender == "m" else 2], fc)]            # लगी है
    else:
        verb = [(stem, fc), (CONTINUOUS[gn], fc)]                             # लग रही है
    aux = [(AUX_PAST[gn] if past else AUX_PRESENT["3sg"], ac)]
    hindi = subject_h + [(noun, fc)] + ([(NAHIN, nc)] if negative else []) + verb + aux
    be = [(english_be(who.english_person, past), ac)]
    if question:
        hindi = [(KYA, ac)] + hindi
        return "question", hindi, be + subject_e + [(adjective, fc)]
    return "statement", hindi, subject_e + be + ([("not", nc)] if negative else []) + [(adjective, fc)]


def _generic_object(rng, ids, nouns: list[Noun]) -> tuple[list, list, str]:
    """A noun said of its kind: चाय / tea, आम / mangoes, क्रिकेट / cricket; and the Hindi agreement."""
    noun = _pick(rng, nouns)
    c = (next(ids),)
    if noun.countable:
        return [(noun.forms[2], c)], [(noun.english_plural, c)], "pl"
    return [(noun.forms[0], c)], [(noun.english, c)], "3sg"


VERY_MUCH = (nfc("बहुत"), "very much")


def like(rng, ids):
    """मुझे चाय पसंद है / I like tea; क्या उसे क्रिकेट पसंद है? / Does he like cricket?"""
    who = sample_speaker(rng)
    question, negative = sample_mood(rng)
    subject_h, subject_e = who.items(ids, "dat")
    lc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    if rng.random() < 0.25:                      # an activity: पढ़ना पसंद है / likes reading
        verb = _pick(rng, [v for v in VERBS if v.frame == "intr" and not v.argument and not v.needs_place])
        vc = (next(ids),)
        object_h = [(t, vc) for t in verb.light] + [(verb.stem + "ना", vc)]
        object_e = [(verb.english_continuous[0], vc)] + [(t, vc) for t in verb.english_continuous[1:]]
        agreement = "3sg"
    else:
        object_h, object_e, agreement = _generic_object(rng, ids, _LIKEABLE)
    very = not negative and rng.random() < 0.25        # बहुत पसंद है / likes ... very much
    vc = (next(ids),)
    hindi = subject_h + object_h + ([(VERY_MUCH[0], vc)] if very else []) + [(nfc("पसंद"), lc)] \
        + ([(NAHIN, nc)] if negative else []) + [(AUX_PRESENT[agreement], ac)]
    object_e = object_e + ([("very", vc), ("much", vc)] if very else [])
    person = who.english_person
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("like", lc)] + object_e
    if negative:
        return "statement", hindi, subject_e + [(english_do(person), ac), ("not", nc), ("like", lc)] + object_e
    return "statement", hindi, subject_e + [(english_present(person, "like", "likes"), lc + ac)] + object_e


def know(rng, ids):
    """मुझे पता है / I know; मुझे नहीं पता / I do not know; क्या आपको पता है? / Do you know?"""
    who = sample_speaker(rng, 0.8)
    question, negative = sample_mood(rng, 0.2, 0.45)
    subject_h, subject_e = who.items(ids, "dat")
    kc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    person = who.english_person
    pata = (nfc("पता"), kc)
    if negative:
        order = rng.random()
        do = ac
        if order < 0.4:
            hindi, do = subject_h + [(NAHIN, nc), pata], kc                          # मुझे नहीं पता
        elif order < 0.7:
            hindi, do = subject_h + [pata, (NAHIN, nc)], kc                          # मुझे पता नहीं
        else:
            hindi = subject_h + [pata, (NAHIN, nc), (AUX_PRESENT["3sg"], ac)]       # मुझे पता नहीं है
        # without an auxiliary, do-support goes with the verb (पता), as the grammar does
        return "statement", hindi, subject_e + [(english_do(person), do), ("not", nc), ("know", kc)]
    hindi = subject_h + [pata, (AUX_PRESENT["3sg"], ac)]
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("know", kc)]
    return "statement", hindi, subject_e + [(english_present(person, "know", "knows"), kc + ac)]


def _thing_phrase(rng, ids, nouns: list[Noun], definite: bool = False, number_ok: bool = True):
    """(Hindi, English, Hindi agreement) of a thing: कलम / a pen, तीन केले / three bananas, पानी / water."""
    noun = _pick(rng, nouns)
    if noun.countable and number_ok and rng.random() < 0.35:
        n = sample_number(rng) if rng.random() < 0.9 else _large_number(rng)
        c = (next(ids),)
        hindi, english = number_tokens(n, rng.random() < 0.2)
        nc = (next(ids),)
        form = noun.forms[2]
        if form == noun.forms[0] + "ें" and rng.random() < 0.4:
            form = noun.forms[0]          # after a numeral, speech often keeps the singular: पाँच कलम
        return ([(t, c) for t in hindi] + [(form, nc)],
                [(t, c) for t in english] + [(noun.english_plural, nc)], "pl")
    np = NounPhrase(noun, noun.gender)
    hindi, english, _ = noun_phrase_items(np, ids, definite=definite)
    return hindi, english, "3sg"


def need(rng, ids):
    """मुझे पानी चाहिए / I need water; तुम्हें क्या चाहिए? / What do you need?"""
    who = sample_speaker(rng)
    question, negative = sample_mood(rng)
    subject_h, subject_e = who.items(ids, "dat")
    vc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    person = who.english_person
    chahiye = (nfc("चाहिए"), vc + ac)
    if question and rng.random() < 0.4:                                    # तुम्हें क्या चाहिए?
        wc = (next(ids),)
        return "question", subject_h + [(KYA, wc), chahiye], \
            [("what", wc), (english_do(person), ac)] + subject_e + [("need", vc)]
    object_h, object_e, _ = _thing_phrase(rng, ids, _FOOD + _THINGS)
    hindi = subject_h + object_h + ([(NAHIN, nc)] if negative else []) + [chahiye]
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("need", vc)] + object_e
    if negative:
        return "statement", hindi, subject_e + [(english_do(person), ac), ("not", nc), ("need", vc)] + object_e
    return "statement", hindi, subject_e + [(english_present(person, "need", "needs"), vc)] + object_e


def understand(rng, ids):
    """मुझे समझ नहीं आया / I did not understand; क्या तुम्हें समझ आया? / Did you understand?"""
    who = sample_speaker(rng, 0.8)
    question, negative = sample_mood(rng, 0.25, 0.45)
    subject_h, subject_e = who.items(ids, "dat")
    uc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    hindi = subject_h + [(nfc("समझ"), uc)] + ([(NAHIN, nc)] if negative else []) + [(nfc("आया"), uc + ac)]
    if question:
        return "question", [(KYA, ac)] + hindi, [("did", ac)] + subject_e + [("understand", uc)]
    if negative:
        return "statement", hindi, subject_e + [("did", ac), ("not", nc), ("understand", uc)]
    return "statement", hindi, subject_e + [("understood", uc + ac)]


def knows_language(rng, ids):
    """उसे हिंदी आती है / He knows Hindi."""
    who = sample_speaker(rng)
    question, negative = sample_mood(rng)
    subject_h, subject_e = who.items(ids, "dat")
    language = _pick(rng, _LANGUAGES)
    lc, vc, ac, nc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    aux = [] if negative and rng.random() < 0.5 else [(AUX_PRESENT["3sg"], ac)]     # नहीं आती (है)
    if not aux:
        ac = vc
    hindi = subject_h + [(language.hindi, lc)] + ([(NAHIN, nc)] if negative else []) + [(nfc("आती"), vc)] + aux
    person = who.english_person
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("know", vc), (language.english, lc)]
    if negative:
        return "statement", hindi, subject_e + [(english_do(person), ac), ("not", nc), ("know", vc), (language.english, lc)]
    return "statement", hindi, subject_e + [(english_present(person, "know", "knows"), vc + ac), (language.english, lc)]


# ailment | English object (I have a fever)
AILMENTS = [(nfc("बुखार"), "a fever"), (nfc("खाँसी"), "a cough"), (nfc("ज़ुकाम"), "a cold")]
# body part (oblique) | English (I have a headache)
_PAINS = [(nfc("सिर"), "a headache"), (nfc("पेट"), "a stomach ache"), (nfc("दाँत"), "a toothache"),
          (nfc("कान"), "an earache"), (nfc("पैर"), "a pain in my leg")]


def ailment(rng, ids):
    """राम को बुखार है / Ram has a fever; मेरे सिर में दर्द है / I have a headache."""
    ac = (next(ids),)
    if rng.random() < 0.5:
        who = sample_speaker(rng)
        subject_h, subject_e = who.items(ids, "dat")
        hindi_word, english = _pick(rng, AILMENTS)
        c = (next(ids),)
        have = english_present(who.english_person, "have", "has")
        return "statement", subject_h + [(hindi_word, c), (AUX_PRESENT["3sg"], ac)], \
            subject_e + [(have, ac)] + [(t, c) for t in english.split()]
    pronoun = _pick(rng, PRONOUNS)
    body, english = _pick(rng, [p for p in _PAINS if "my" not in p[1]])
    pc, bc, mc = (next(ids),), (next(ids),), (next(ids),)
    who = pronoun.english_subject[0]
    have = "has" if pronoun.english_person == "3sg" else "have"
    hindi = [(pronoun.genitive("े"), pc), (body, bc), (nfc("में"), bc), (nfc("दर्द"), bc), (AUX_PRESENT["3sg"], ac)]
    return "statement", hindi, [(who, pc), (have, ac)] + [(t, bc) for t in english.split()]


# ------------------------------------------------------------------ verbs in the infinitive

_ADJECTIVES_FOR = {n.hindi: [a for a in ADJECTIVES if a.fits & n.tags] for n in NOUNS}
_DESCRIBED_NOUNS = [n for n in NOUNS if _ADJECTIVES_FOR[n.hindi] and n.article == "count"]
_PLAIN_VERBS = [v for v in VERBS if v.frame in ("intr", "motion", "tr") and not v.argument and not v.needs_place]
_OBJECTS = {v.key: [n for n in NOUNS if n.tags & v.object_tags and n.countable or
                    (n.tags & v.object_tags and n.article in ("mass", "bare"))] for v in _PLAIN_VERBS}
_DESTINATIONS = [n for n in NOUNS if "dest" in n.tags]
_VP_VERBS = [v for v in _PLAIN_VERBS if v.frame != "tr" or _OBJECTS[v.key]]
_INTRANSITIVE = [v for v in _PLAIN_VERBS if v.frame in ("intr", "motion")]
_WHERE_VERBS = [v for v in VERBS if v.frame == "motion" or (v.frame == "intr" and v.places in ("in", "rest", "water")
                                                             and not v.argument)]


def _verb_phrase(rng, ids, infinitive_ending: str | None = "ना", verb=None):
    """A verb with what it needs: (Hindi before the verb, Hindi verb, English verb group, object gender).

    infinitive_ending ना gives जाना / खाना खाना; None gives the bare stem (for सकना).
    English is the base form with its tail and object: go to school, read a book, speak Hindi.
    The verb is drawn from _VP_VERBS unless given.
    """
    if verb is None:
        verb = _pick(rng, _VP_VERBS)
    vc = (next(ids),)
    before: list = []
    after: list = []
    object_gn = None
    if verb.frame == "tr":
        noun = _pick(rng, _OBJECTS[verb.key])
        # सेब is 'apple' and 'apples': without a numeral the plural of such a noun is left out
        plural = noun.countable and noun.forms[0] != noun.forms[2] and rng.random() < 0.3
        np = NounPhrase(noun, noun.gender, plural)
        hindi, english, _ = noun_phrase_items(np, ids, definite=False)
        before, after = hindi, english
        object_gn = ("f" if noun.gender == "f" else "m") + ("p" if plural else "s")
    elif verb.frame == "motion" and rng.random() < 0.6:
        noun = _pick(rng, _DESTINATIONS)
        before, after = destination_items(NounPhrase(noun, noun.gender), verb, ids)
    light = [(t, vc) for t in verb.light]
    stem = verb.stem if infinitive_ending is None else verb.stem + infinitive_ending
    english = [(verb.english, vc)] + [(t, vc) for t in verb.english_tail]
    return before + light, [(stem, vc)], english + after, object_gn, vc


_MODAL_TIMES = [(nfc(h), e) for h, e in (("आज", "today"), ("कल", "tomorrow"), ("अभी", "now"))]


def _time_word(rng, ids, share: float = 0.2):
    if rng.random() >= share:
        return [], []
    hindi, english = _pick(rng, _MODAL_TIMES)
    c = (next(ids),)
    return [(hindi, c)], [(english, c)]


def can(rng, ids):
    """मैं तैर सकता हूँ / I can swim; क्या तुम हिंदी बोल सकते हो? / Can you speak Hindi?"""
    who = sample_speaker(rng)
    question, negative = sample_mood(rng, 0.3, 0.2)
    subject_h, subject_e = who.items(ids)
    before, verb_h, verb_e, _, vc = _verb_phrase(rng, ids, None)
    time_h, time_e = _time_word(rng, ids)
    mc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    gn = gender_number(who.gender, who.agreement)
    aux = [] if negative and rng.random() < 0.5 else [(AUX_PRESENT[who.agreement], mc + ac)]  # नहीं बोल सकता
    hindi = subject_h + time_h + before + ([(NAHIN, nc)] if negative else []) + verb_h \
        + [(nfc("सक") + HABITUAL[gn], mc)] + aux
    if question:
        return "question", [(KYA, ac)] + hindi, [("can", mc + ac)] + subject_e + verb_e + time_e
    if negative:
        return "statement", hindi, subject_e + [("cannot", mc + ac + nc)] + verb_e + time_e
    return "statement", hindi, subject_e + [("can", mc + ac)] + verb_e + time_e


def want(rng, ids, verb=None):
    """मैं घर जाना चाहता हूँ / I want to go home; वह डॉक्टर बनना चाहती है / She wants to become a doctor.
    The verb (one of _VP_VERBS) is drawn unless given."""
    who = sample_speaker(rng)
    question, negative = sample_mood(rng, 0.2, 0.2)
    subject_h, subject_e = who.items(ids)
    if verb is None and rng.random() < 0.12:
        job = _pick(rng, _JOB_NOUNS)
        jc, vc = (next(ids),), (next(ids),)
        before, verb_h = [(job.hindi, jc)], [(nfc("बनना"), vc)]
        verb_e = [("become", vc), (indefinite_article(job.english), jc), (job.english, jc)]
    else:
        before, verb_h, verb_e, _, vc = _verb_phrase(rng, ids, verb=verb)
    time_h, time_e = _time_word(rng, ids)
    wc, ac, nc, tc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    gn = gender_number(who.gender, who.agreement)
    hindi = subject_h + time_h + before + verb_h + ([(NAHIN, nc)] if negative else []) \
        + [(nfc("चाह") + HABITUAL[gn], wc), (AUX_PRESENT[who.agreement], ac)]
    to = [("to", vc)]
    person = who.english_person
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("want", wc)] + to + verb_e + time_e
    if negative:
        return "statement", hindi, subject_e + [(english_do(person), ac), ("not", nc), ("want", wc)] + to + verb_e + time_e
    return "statement", hindi, subject_e + [(english_present(person, "want", "wants"), wc + ac)] + to + verb_e + time_e


_INFINITIVE_AGREEMENT = {"ms": "ना", "mp": "ने", "fs": "नी", "fp": "नी"}


def obligation(rng, ids):
    """मुझे जाना है / I have to go; तुम्हें पढ़ना चाहिए / You should study."""
    who = sample_speaker(rng)
    subject_h, subject_e = who.items(ids, "dat")
    before, verb_h, verb_e, object_gn, vc = _verb_phrase(rng, ids)
    if object_gn is not None:       # the infinitive agrees with an unmarked object: किताब पढ़नी है
        verb_h = [(verb_h[0][0][:-2] + _INFINITIVE_AGREEMENT[object_gn], vc)]
    time_h, time_e = _time_word(rng, ids)
    mc, nc = (next(ids),), (next(ids),)
    negative = rng.random() < 0.2
    person = who.english_person
    if rng.random() < 0.5:          # चाहिए: should
        hindi = subject_h + time_h + before + verb_h + ([(NAHIN, nc)] if negative else []) + [(nfc("चाहिए"), mc)]
        english = subject_e + [("should", mc)] + ([("not", nc)] if negative else []) + verb_e + time_e
        return "statement", hindi, english
    hindi = subject_h + time_h + before + verb_h + [(AUX_PRESENT["3sg"], mc)]
    have = english_present(person, "have", "has")
    return "statement", hindi, subject_e + [(have, mc), ("to", mc)] + verb_e + time_e


# ------------------------------------------------------------------ imperatives

_IMPERATIVE_IRREGULAR = {nfc(k): tuple(nfc(x) for x in v) for k, v in {
    "दे": ("दो", "दीजिए"), "ले": ("लो", "लीजिए"), "पी": ("पियो", "पीजिए"), "कर": ("करो", "कीजिए"),
    "हो": ("हो", "होइए"), "सो": ("सो जाओ", "सोइए"),
}.items()}
_ADVERBS = [(nfc(h), e) for h, e in (("यहाँ", "here"), ("वहाँ", "there"), ("धीरे", "slowly"),
                                     ("जल्दी", "quickly"), ("ध्यान से", "carefully"), ("ज़ोर से", "loudly"),
                                     ("अभी", "now"), ("अंदर", "in"), ("बाहर", "out"))]


def imperative_forms(stem: str) -> tuple[str, str, str]:
    """(तू, तुम, आप) forms: बैठ बैठो बैठिए; आ आओ आइए; दे दो दीजिए."""
    if stem in _IMPERATIVE_IRREGULAR:
        familiar, polite = _IMPERATIVE_IRREGULAR[stem]
        return stem, familiar, polite
    if stem.endswith(("ा", "ो", "ू", "ी", "े")) or stem[-1] in "आओऊ":
        return stem, stem + "ओ", stem + "इए"
    return stem, stem + "ो", stem + "िए"


# what a class hears most: come, go, sit, listen, look, write, read, speak, stop, eat, drink, sleep
_COMMON_IMPERATIVES = [v for v in _VP_VERBS if v.stem in {nfc(w) for w in (
    "आ", "जा", "बैठ", "सुन", "देख", "लिख", "पढ़", "बोल", "रुक", "उठ", "खा", "पी", "सो", "खेल", "दौड़")}]


_POLITENESS_LEVELS = (0.0, 0.15, 0.6)    # where the draw for तू, तुम and आप starts


def imperative(rng, ids, verb=None, politeness: int | None = None):
    """बैठो / Sit; कृपया खिड़की खोलिए / Please open the window; शोर मत करो / Do not make noise.
    verb and politeness (0 तू, 1 तुम, 2 आप) are drawn unless given."""
    if verb is None:
        verb = _pick(rng, _COMMON_IMPERATIVES if rng.random() < 0.3 else _VP_VERBS)
    level = rng.random() if politeness is None else _POLITENESS_LEVELS[politeness]
    form = imperative_forms(verb.stem)[0 if level < 0.15 else 1 if level < 0.6 else 2]
    polite = level >= 0.6
    vc, pc, nc = (next(ids),), (next(ids),), (next(ids),)
    negative = level >= 0.15 and rng.random() < 0.15
    before: list = []
    after: list = []
    if verb.frame == "tr":
        noun = _pick(rng, _OBJECTS[verb.key])
        own = noun.countable and rng.random() < 0.15      # अपना नाम लिखो / Write your name
        np = NounPhrase(noun, noun.gender, possessive=(nfc("अपन"), "your") if own else None)
        hindi, english, _ = noun_phrase_items(np, ids, definite=noun.countable)
        before, after = hindi, english
    elif verb.frame == "motion" and rng.random() < 0.5:
        noun = _pick(rng, _DESTINATIONS)
        before, after = destination_items(NounPhrase(noun, noun.gender), verb, ids)
    elif rng.random() < 0.4:
        adverb, english = _pick(rng, _ADVERBS)
        ac = (next(ids),)
        before, after = [(t, ac) for t in adverb.split()], [(t, ac) for t in english.split()]
    verb_h = [(t, vc) for t in verb.light] + [(t, vc + (pc if polite else ())) for t in form.split()]
    if negative:
        verb_h = verb_h[:len(verb.light)] + [(nfc("मत"), nc)] + verb_h[len(verb.light):]
    hindi = before + verb_h
    english = [(verb.english, vc)] + [(t, vc) for t in verb.english_tail] + after
    if negative:
        english = [("do", nc), ("not", nc)] + english
    if polite:
        if rng.random() < 0.35:
            hindi = [(nfc("कृपया"), pc)] + hindi
        english = [("please", pc)] + english
    return "imperative", hindi, english


# ------------------------------------------------------------------ possession and existence

_ABSTRACT_HAVE = [(nfc(h), e, a) for h, e, a in (("समय", "time", "3sg"), ("पैसे", "money", "pl"),
                                                 ("काम", "work", "3sg"))]


# What one can have (मेरे पास ...), listed once: possession is drawn tens of thousands of times.
_BELONGINGS = _THINGS + _nouns("animal")
_DESCRIBABLE_BELONGINGS = [n for n in _BELONGINGS if n.countable and _ADJECTIVES_FOR[n.hindi]]


def possession(rng, ids):
    """मेरे पास एक कुत्ता है / I have a dog; क्या तुम्हारे पास कलम है? / Do you have a pen?"""
    who = sample_speaker(rng, 0.7, plural_ok=False)
    question, negative = sample_mood(rng, 0.2, 0.2)
    subject_h, subject_e = who.items(ids, "pas")
    ac, nc = (next(ids),), (next(ids),)
    person = who.english_person
    if negative and rng.random() < 0.4:
        word, english, agreement = _pick(rng, _ABSTRACT_HAVE)
        c = (next(ids),)
        object_h, object_e = [(word, c)], [(english, c)]
    elif rng.random() < 0.25:                # हमारे पास एक बड़ी गाड़ी है / We have a big car
        noun = _pick(rng, _DESCRIBABLE_BELONGINGS)
        adjective = _pick(rng, _ADJECTIVES_FOR[noun.hindi])
        hindi, english, _ = noun_phrase_items(NounPhrase(noun, noun.gender, adjective=adjective), ids, definite=False)
        object_h, object_e, agreement = [(nfc("एक"), english[0][1])] + hindi, english, "3sg"
    elif rng.random() < 0.5:
        object_h, object_e, agreement = _thing_phrase(rng, ids, _BELONGINGS)
        if agreement == "3sg" and not negative and object_h[0][0] != nfc("एक") and rng.random() < 0.5:
            oc = object_e[0][1]
            object_h = [(nfc("एक"), oc)] + object_h                             # एक कुत्ता: a dog
    else:
        object_h, object_e, agreement = _thing_phrase(rng, ids, _BELONGINGS, number_ok=True)
    hindi = subject_h + object_h + ([(NAHIN, nc)] if negative else []) + [(AUX_PRESENT[agreement], ac)]
    if question:
        return "question", [(KYA, ac)] + hindi, [(english_do(person), ac)] + subject_e + [("have", ac)] + object_e
    if negative:
        return "statement", hindi, subject_e + [(english_do(person), ac), ("not", nc), ("have", ac)] + object_e
    return "statement", hindi, subject_e + [(english_present(person, "have", "has"), ac)] + object_e


_SIBLINGS = {"brother", "sister", "son", "daughter", "friend", "child", "cousin", "uncle", "aunt"}


def relatives(rng, ids):
    """मेरे दो भाई हैं / I have two brothers; तुम्हारे कितने भाई हैं? / How many brothers do you have?"""
    pronoun = _pick(rng, PRONOUNS)
    kin = _pick(rng, [n for n in _KIN_NOUNS if n.countable and n.english in _SIBLINGS] or _KIN_NOUNS)
    pc, kc, qc, ac = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    person = pronoun.english_person
    who = pronoun.english_subject[0]
    if rng.random() < 0.3:
        hindi = [(pronoun.genitive("े"), pc), (nfc("कितने") if kin.gender == "m" else nfc("कितनी"), qc),
                 (kin.forms[2], kc), (AUX_PRESENT["pl"], ac)]
        return "question", hindi, [("how", qc), ("many", qc), (kin.english_plural, kc), (english_do(person), ac),
                                   (who, pc), ("have", ac)]
    n = sample_number(rng, 2, 6)
    number_h, number_e = number_tokens(n, rng.random() < 0.2)
    ending = genitive_ending(kin.gender, plural=True)   # मेरे दो भाई, मेरी दो बहनें
    hindi = [(pronoun.genitive(ending), pc), (number_h[0], qc), (kin.forms[2], kc), (AUX_PRESENT["pl"], ac)]
    return "statement", hindi, [(who, pc), (english_present(person, "have", "has"), ac), (number_e[0], qc),
                                (kin.english_plural, kc)]


_HERE_THERE = [(nfc("यहाँ"), "here"), (nfc("वहाँ"), "there")]


_ON_NOUNS = [n for n in NOUNS if "on" in n.tags and n.countable]


def _place(rng, ids):
    """(Hindi, English) of where something is: कमरे में / in the room, मेज़ पर / on the table, वहाँ / there."""
    r = rng.random()
    if r < 0.25:
        pc = (next(ids),)
        if rng.random() < 0.2:                      # पास में / nearby
            return [(PAAS, pc), (nfc("में"), pc)], [("nearby", pc)]
        word, english = _pick(rng, _HERE_THERE)
        return [(word, pc)], [(english, pc)]
    if r < 0.45 and _ON_NOUNS:
        noun, postposition, preposition = _pick(rng, _ON_NOUNS), nfc("पर"), "on"
    else:
        noun, postposition, preposition = _pick(rng, _PLACE_NOUNS), nfc("में"), "in"
    if rng.random() < 0.2:                  # इस कमरे में / in this room
        word, english = _pick(rng, ((nfc("इस"), "this"), (nfc("उस"), "that")))
        pc, dc, nc = (next(ids),), (next(ids),), (next(ids),)
        return [(word, dc), (noun.forms[1], nc), (postposition, pc)], \
            [(preposition, pc), (english, dc), (noun.english, nc)]
    np = NounPhrase(noun, noun.gender, possessive=sample_possessive(rng) if rng.random() < 0.3 else None)
    return adjunct_items(Adjunct((postposition,), (preposition,), np), ids)


_CONTAINERS = [n for n in _nouns("time", "place", "container") if n.countable]
_TIME_ORDER = ["minute", "hour", "day", "week", "month", "year"]


def _how_many_in_a(rng, ids):
    """What a kind holds, with habitual होते: एक साल में बारह महीने होते हैं / There are twelve months
    in a year; एक कमरे में चार कुर्सियाँ होती हैं / There are four chairs in a room."""
    container = _pick(rng, _nouns("time") if rng.random() < 0.4 else _CONTAINERS)
    if container.english in _TIME_ORDER:          # a smaller unit in a larger one: days in a week
        pool = [n for n in _nouns("time") if n.english in _TIME_ORDER
                and _TIME_ORDER.index(n.english) < _TIME_ORDER.index(container.english)]
    else:
        pool = _nouns("small") if "container" in container.tags else _THINGS + _PERSON_NOUNS
    noun = _pick(rng, [n for n in pool if n.countable and n is not container] or _nouns("small"))
    n = sample_number(rng)
    number_h, number_e = number_tokens(n, rng.random() < 0.3)
    ac, ec, pc, kc, qc = ((next(ids),) for _ in range(5))
    habitual = nfc("होती") if noun.gender == "f" else nfc("होते")
    hindi = [(nfc("एक"), ec), (container.forms[1], kc), (nfc("में"), pc)] + [(t, qc) for t in number_h] \
        + [(noun.forms[2], (next(ids),))]
    noun_concept = hindi[-1][1]
    hindi += [(habitual, ac), (AUX_PRESENT["pl"], ac)]
    english = [("there", ac), ("are", ac)] + [(t, qc) for t in number_e] + [(noun.english_plural, noun_concept),
               ("in", pc), (indefinite_article(container.english), ec), (container.english, kc)]
    return "statement", hindi, english


def existence(rng, ids):
    """कमरे में दो कुर्सियाँ हैं / There are two chairs in the room; मेज़ पर एक किताब है / There is a book
    on the table; क्या यहाँ कोई डॉक्टर है? / Is there a doctor here?; फ्रिज में दूध नहीं है / There is no milk
    in the fridge; कक्षा में कितने छात्र हैं? / How many students are there in the class?"""
    if rng.random() < 0.15:
        return _how_many_in_a(rng, ids)
    question, negative = sample_mood(rng, 0.25, 0.2)
    ac, nc = (next(ids),), (next(ids),)
    xc = ac            # there is / there are: 'there' goes with है / हैं
    place_h, place_e = _place(rng, ids)
    things = _THINGS + [n for n in _PERSON_NOUNS if "family" not in n.tags] + _nouns("animal", "tree", "flower")
    if question and rng.random() < 0.3:                  # how many
        noun = _pick(rng, [n for n in things if n.countable])
        qc, kc = (next(ids),), (next(ids),)
        many = nfc("कितनी") if noun.gender == "f" else nfc("कितने")
        return "question", place_h + [(many, qc), (noun.forms[2], kc), (AUX_PRESENT["pl"], ac)], \
            [("how", qc), ("many", qc), (noun.english_plural, kc), ("are", ac), ("there", xc)] + place_e
    if not question and not negative and rng.random() < 0.12:   # बगीचे में बहुत फूल हैं: many flowers
        noun = _pick(rng, [n for n in things if n.countable])
        mc, kc = (next(ids),), (next(ids),)
        return "statement", place_h + [(nfc("बहुत"), mc), (noun.forms[2], kc), (AUX_PRESENT["pl"], ac)], \
            [("there", xc), ("are", ac), ("many", mc), (noun.english_plural, kc)] + place_e
    object_h, object_e, agreement = _thing_phrase(rng, ids, things)
    article = object_e[0][0] in ("a", "an")
    be = "are" if agreement == "pl" else "is"
    if negative:       # There is no milk / There are no chairs (Hindi has no एक here)
        noun_e = object_e[1:] if article else object_e
        hindi = place_h + object_h + [(NAHIN, nc), (AUX_PRESENT[agreement], ac)]
        return "statement", hindi, [("there", xc), (be, ac), ("no", nc)] + noun_e + place_e
    if article:                       # एक किताब / a book; in a question often कोई किताब
        word = nfc("कोई") if question and rng.random() < 0.5 else nfc("एक")
        object_h = [(word, object_e[0][1])] + object_h
    hindi = place_h + object_h + [(AUX_PRESENT[agreement], ac)]
    if question:
        return "question", [(KYA, ac)] + hindi, [(be, ac), ("there", xc)] + object_e + place_e
    return "statement", hindi, [("there", xc), (be, ac)] + object_e + place_e


def where_is(rng, ids):
    """स्टेशन कहाँ है? / Where is the station?; तुम्हारी किताब कहाँ है? / Where is your book?"""
    noun = _pick(rng, _THINGS + _PLACE_NOUNS + _KIN_NOUNS)
    plural = noun.countable and noun.forms[0] != noun.forms[2] and rng.random() < 0.2
    np = NounPhrase(noun, noun.gender, plural, possessive=sample_possessive(rng) if rng.random() < 0.5 else None)
    hindi, english, _ = noun_phrase_items(np, ids)
    wc, ac = (next(ids),), (next(ids),)
    return "question", hindi + [(nfc("कहाँ"), wc), (AUX_PRESENT[np.agreement], ac)], \
        [("where", wc), ("are" if plural else "is", ac)] + english


def described(rng, ids):
    """हमारा घर बड़ा है / Our house is big; उसका कुत्ता काला है / His dog is black; आपकी बेटी बहुत
    होशियार है / Your daughter is very smart."""
    noun = _pick(rng, _DESCRIBED_NOUNS)
    adjective = _pick(rng, _ADJECTIVES_FOR[noun.hindi])
    plural = noun.countable and noun.forms[0] != noun.forms[2] and rng.random() < 0.25
    possessive = sample_possessive(rng) if rng.random() < 0.75 else None
    np = NounPhrase(noun, noun.gender, plural, possessive=possessive)
    subject_h, subject_e, _ = noun_phrase_items(np, ids)
    question, negative = sample_mood(rng, 0.15, 0.15)
    ac, nc, jc, vc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    very = rng.random() < 0.25
    tense_past = rng.random() < 0.15
    agreement = np.agreement
    gn = gender_number(noun.gender, agreement)
    aux = (AUX_PAST[gn] if tense_past else AUX_PRESENT[agreement], ac)
    be = (english_be(np.english_person, tense_past), ac)
    adjective_h = [(t, jc) for t in adjective.hindi_form(noun.gender, agreement == "pl", False)]
    hindi = subject_h + ([(nfc("बहुत"), vc)] if very else []) + adjective_h + ([(NAHIN, nc)] if negative else []) + [aux]
    english_adjective = ([("very", vc)] if very else []) + [(adjective.english, jc)]
    if question:
        return "question", [(KYA, ac)] + hindi, [be] + subject_e + english_adjective
    return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + english_adjective


_PETS = {"dog", "cat", "cow", "horse", "parrot", "puppy", "kitten", "goat", "rabbit"}
# ------------------------------------------------------------------ compound verbs and outings

_GO = next(v for v in VERBS if v.stem == nfc("जा") and v.frame == "motion")
_FOR_A_WALK = nfc("घूमने")
_EVERY_DAY = nfc("रोज़")
_TAKE = nfc("ले")
_COMPOUND_VERBS = [v for v in _VP_VERBS if v.frame == "tr" and v.ergative and not v.light]


def go_for_a_walk(rng, ids):
    """मैं घूमने जा रहा हूँ / I am going for a walk; हम रोज़ घूमने जाते हैं / We go for a walk every day;
    चलो घूमने चलते हैं / Let's go for a walk."""
    wc = (next(ids),)
    walk_e = [("for", wc), ("a", wc), ("walk", wc)]
    if rng.random() < 0.15:
        c = (next(ids),)
        return "imperative", [(nfc("चलो"), c), (_FOR_A_WALK, wc), (nfc("चलते"), c), (AUX_PRESENT["pl"], c)], \
            [("let's", c), ("go", c)] + walk_e
    who = sample_speaker(rng)
    subject_h, subject_e = who.items(ids)
    tense = _pick(rng, ("present", "present_continuous", "past", "future"))
    question = rng.random() < 0.2
    vc, ac, nc = (next(ids),), (next(ids),), (next(ids),)
    daily_h, daily_e = [], []
    if tense == "present" and rng.random() < 0.5:
        dc = (next(ids),)
        daily_h, daily_e = [(_EVERY_DAY, dc)], [("every", dc), ("day", dc)]
    hindi = subject_h + daily_h + [(_FOR_A_WALK, wc)] + hindi_verb_items(_GO, tense, who.gender, who.agreement, vc, ac, vc + ac)
    front, group = english_verb_items(_GO, tense, who.english_person, False, question, vc, ac, nc, vc + ac)
    english = front + subject_e + group + walk_e + daily_e
    if question:
        return "question", [(KYA, ac)] + hindi, english
    return "statement", hindi, english


def finished(rng, ids):
    """A compound verb with लेना, something done and done with: मैंने किताब पढ़ ली है / I have read
    the book; क्या तुमने चिट्ठी लिख ली है? / Have you written the letter?"""
    verb = _pick(rng, _COMPOUND_VERBS)
    noun = _pick(rng, _OBJECTS[verb.key])
    who = sample_speaker(rng, 0.7, plural_ok=False)
    subject_h, subject_e = who.items(ids, "erg")
    object_h, object_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids)
    vc, ac = (next(ids),), (next(ids),)
    took = perfective_forms(_TAKE)[PERFECTIVE_INDEX[gender_number(noun.gender, "3sg")]]   # ली agrees with किताब
    hindi = subject_h + object_h + [(verb.stem, vc), (took, vc), (AUX_PRESENT["3sg"], ac)]
    done = [(english_participle(verb.english, verb.english_past), vc)] + [(t, vc) for t in verb.english_tail]
    if rng.random() < 0.2:
        return "question", [(KYA, ac)] + hindi, [("has" if who.english_person == "3sg" else "have", ac)] \
            + subject_e + done + object_e
    return "statement", hindi, subject_e + [(english_present(who.english_person, "have", "has"), ac)] + done + object_e


# ------------------------------------------------------------------ money, durations and halves

_RUPEE = next(n for n in NOUNS if n.hindi == nfc("रुपया"))
_PRICED = [n for n in _THINGS if n.countable and n.article == "count"
           and (n.tags & {"small", "clothing", "vehicle"} or n.english in ("book", "newspaper", "magazine"))]


def _rupees(rng, ids) -> tuple[list, list, int]:
    """पचास रुपये / fifty rupees, 250 रुपये / 250 rupees, एक रुपया / one rupee, पाँच सौ रुपये / five hundred rupees."""
    n = _amount(rng)
    number_h, number_e = number_tokens(n, rng.random() < 0.3)
    qc, rc = (next(ids),), (next(ids),)
    one = n == 1
    return [(t, qc) for t in number_h] + [(_RUPEE.forms[0] if one else _RUPEE.forms[2], rc)], \
        [(t, qc) for t in number_e] + [("rupee" if one else "rupees", rc)], n


def money(rng, ids):
    """यह किताब पचास रुपये की है / This book costs fifty rupees; यह कलम कितने का है? / How much is
    this pen?; मेरे पास 250 रुपये हैं / I have 250 rupees."""
    ac = (next(ids),)
    if rng.random() < 0.55:
        noun = _pick(rng, _PRICED)
        word, english, _, _ = _pick(rng, _DEMONSTRATIVES)
        dc, nc, gc = (next(ids),), (next(ids),), (next(ids),)
        thing_h, thing_e = [(word, dc), (noun.hindi, nc)], [(english, dc), (noun.english, nc)]
        genitive = nfc("की") if noun.gender == "f" else nfc("का")
        if rng.random() < 0.25:
            qc = (next(ids),)
            return "question", thing_h + [(nfc("कितने"), qc), (genitive, qc), (AUX_PRESENT["3sg"], ac)], \
                [("how", qc), ("much", qc), ("is", ac)] + thing_e
        price_h, price_e, _ = _rupees(rng, ids)
        return "statement", thing_h + price_h + [(genitive, gc + ac), (AUX_PRESENT["3sg"], ac)], \
            thing_e + [("costs", gc + ac)] + price_e
    who = sample_speaker(rng, 0.7, plural_ok=False)
    subject_h, subject_e = who.items(ids, "pas")
    price_h, price_e, n = _rupees(rng, ids)
    return "statement", subject_h + price_h + [(AUX_PRESENT["3sg" if n == 1 else "pl"], ac)], \
        subject_e + [(english_present(who.english_person, "have", "has"), ac)] + price_e


_HOUR = next(n for n in NOUNS if n.hindi == nfc("घंटा"))
_HALF = {"m": nfc("आधा"), "f": nfc("आधी")}
_DURATION_VERBS = [v for v in VERBS if v.frame == "intr" and not v.ergative and not v.light and not v.argument
                   and v.stem in {nfc(w) for w in ("सो", "दौड़", "चल", "नाच", "तैर", "खेल", "रो", "पढ़")}]
_HALVED = [n for n in _FOOD if n.countable and n.article == "count"
           and ("fruit" in n.tags or n.english in ("cake", "samosa", "paratha", "pizza", "sandwich"))]


def _duration(rng, ids) -> tuple[list, list]:
    """आधा घंटा / half an hour, डेढ़ घंटा / one and a half hours, ढाई घंटे / two and a half hours, दस घंटे / ten hours."""
    qc, hc = (next(ids),), (next(ids),)
    r = rng.random()
    if r < 0.2:
        return [(_HALF["m"], qc), (_HOUR.forms[0], hc)], [("half", qc), ("an", hc), ("hour", hc)]
    if r < 0.35:
        return [(nfc("डेढ़"), qc), (_HOUR.forms[0], hc)], [("one", qc), ("and", qc), ("a", qc), ("half", qc), ("hours", hc)]
    if r < 0.5:
        return [(nfc("ढाई"), qc), (_HOUR.forms[2], hc)], [("two", qc), ("and", qc), ("a", qc), ("half", qc), ("hours", hc)]
    n = sample_number(rng, 1, 24)
    number_h, number_e = number_tokens(n, rng.random() < 0.3)
    if n == 1:
        return [(number_h[0], qc), (_HOUR.forms[0], hc)], [(number_e[0], qc), ("hour", hc)]
    return [(number_h[0], qc), (_HOUR.forms[2], hc)], [(number_e[0], qc), ("hours", hc)]


def how_long(rng, ids):
    """वह दो घंटे सोया / He slept for two hours; मैं आधा घंटा चला / I walked for half an hour;
    मैंने आधा सेब खाया / I ate half an apple; मैंने आधी लीची खाई / I ate half a lychee."""
    who = sample_speaker(rng, 0.7, plural_ok=False)
    if rng.random() < 0.3:                      # आधी लीची / half a lychee: आधा agrees with its noun
        noun = _pick(rng, _HALVED)
        subject_h, subject_e = who.items(ids, "erg")
        qc, nc, vc = (next(ids),), (next(ids),), (next(ids),)
        eaten = perfective_forms(nfc("खा"))[PERFECTIVE_INDEX[gender_number(noun.gender, "3sg")]]
        return "statement", subject_h + [(_HALF[noun.gender], qc), (noun.hindi, nc), (eaten, vc)], \
            subject_e + [("ate", vc), ("half", qc), (indefinite_article(noun.english), nc), (noun.english, nc)]
    verb = _pick(rng, _DURATION_VERBS)
    subject_h, subject_e = who.items(ids)
    duration_h, duration_e = _duration(rng, ids)
    vc, ac = (next(ids),), (next(ids),)
    verb_h = hindi_verb_items(verb, "past", who.gender, who.agreement, vc, ac, vc + ac)
    return "statement", subject_h + duration_h + verb_h, \
        subject_e + [(verb.english_past, vc + ac)] + [(t, vc + ac) for t in verb.english_tail] \
        + [("for", duration_e[-1][1])] + duration_e


_OWNED_THINGS = [n for n in NOUNS if can_be_owned(n) and n.countable and not n.tags & {"person", "body"}
                 and ("animal" not in n.tags or n.english in _PETS)]


def whose(rng, ids):
    """Possessive chains: यह मेरे भाई की साइकिल है / This is my brother's bicycle; मेरी माँ की किताब मेज़
    पर है / My mother's book is on the table; मेरे दोस्त की बहन की किताब कहाँ है? / Where is my
    friend's sister's book?"""
    noun = _pick(rng, _OWNED_THINGS)
    thing_h, thing_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender, owner=owner_phrase(rng, None, noun)), ids)
    ac = (next(ids),)
    r = rng.random()
    if r < 0.4:
        word, english, _, _ = _pick(rng, _DEMONSTRATIVES)
        dc = (next(ids),)
        hindi = [(word, dc)] + thing_h + [(AUX_PRESENT["3sg"], ac)]
        if rng.random() < 0.2:
            return "question", [(KYA, ac)] + hindi, [("is", ac), (english, dc)] + thing_e
        return "statement", hindi, [(english, dc), ("is", ac)] + thing_e
    if r < 0.75:
        place_h, place_e = _place(rng, ids)
        return "statement", thing_h + place_h + [(AUX_PRESENT["3sg"], ac)], thing_e + [("is", ac)] + place_e
    wc = (next(ids),)
    return "question", thing_h + [(nfc("कहाँ"), wc), (AUX_PRESENT["3sg"], ac)], [("where", wc), ("is", ac)] + thing_e


# ------------------------------------------------------------------ identity

def name_is(rng, ids):
    """मेरा नाम राहुल है / My name is Rahul; आपका नाम क्या है? / What is your name?"""
    pronoun = _pick(rng, PRONOUNS)
    pc, nc, ac, xc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    possessive_h = [(pronoun.genitive("ा"), pc), (nfc("नाम"), nc)]
    possessive_e = [(pronoun.english_possessive[0], pc), ("name", nc)]
    if rng.random() < 0.3:
        return "question", possessive_h + [(KYA, xc), (AUX_PRESENT["3sg"], ac)], \
            [("what", xc), ("is", ac)] + possessive_e
    name = _pick(rng, NAMES)
    return "statement", possessive_h + [(name.hindi, xc), (AUX_PRESENT["3sg"], ac)], \
        possessive_e + [("is", ac), (name.english, xc)]


def from_place(rng, ids):
    """मैं दिल्ली से हूँ / I am from Delhi; आप कहाँ से हैं? / Where are you from?"""
    who = sample_speaker(rng, 0.8, plural_ok=False)
    subject_h, subject_e = who.items(ids)
    ac, fc, pc = (next(ids),), (next(ids),), (next(ids),)
    aux = (AUX_PRESENT[who.agreement], ac)
    be = (english_be(who.english_person), ac)
    if rng.random() < 0.25:
        return "question", subject_h + [(nfc("कहाँ"), pc), (SE, fc), aux], [("where", pc), be] + subject_e + [("from", fc)]
    place = _pick(rng, _CITIES)
    return "statement", subject_h + [(place.hindi, pc), (SE, fc), aux], subject_e + [be, ("from", fc), (place.english, pc)]


_DEMONSTRATIVES = [(nfc("यह"), "this", "these", "3sg"), (nfc("वह"), "that", "those", "3sg")]


def is_a(rng, ids):
    """मैं छात्र हूँ / I am a student; वह मेरा दोस्त है / He is my friend; यह मेरी किताब है / This is my book."""
    question, negative = sample_mood(rng, 0.2, 0.15)
    ac, nc = (next(ids),), (next(ids),)
    plural = False
    if rng.random() < 0.1:                     # मैं राहुल हूँ / I am Rahul; क्या आप अंजलि हैं? / Are you Anjali?
        who = sample_pronoun(rng)
        name = _pick(rng, NAMES)
        who.gender = name.gender
        subject_h, subject_e = who.items(ids)
        c = (next(ids),)
        hindi = subject_h + [(name.hindi, c)] + ([(NAHIN, nc)] if negative else []) + [(AUX_PRESENT[who.agreement], ac)]
        be = (english_be(who.english_person), ac)
        if question:
            return "question", [(KYA, ac)] + hindi, [be] + subject_e + [(name.english, c)]
        return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + [(name.english, c)]
    if rng.random() < 0.35:                    # यह/वह + a thing
        hindi_word, english_word, _, _ = _pick(rng, _DEMONSTRATIVES)
        dc = (next(ids),)
        subject_h, subject_e = [(hindi_word, dc)], [(english_word, dc)]
        person, agreement = "3sg", "3sg"
        noun = _pick(rng, _THINGS + _PLACE_NOUNS)
    else:
        who = sample_speaker(rng, 0.7, plural_ok=False)
        nouns = _JOB_NOUNS + _KIN_NOUNS
        if not isinstance(who.head, Pronoun):      # सीता मेरी बहन है, not राम मेरी बहन है
            nouns = [n for n in nouns if n.gender == who.gender or "job" in n.tags]
        noun = _pick(rng, nouns)
        if isinstance(who.head, Pronoun) and ("kin" in noun.tags or noun.gender == "f"):
            who.gender = noun.gender                 # वह मेरी बहन है: She is my sister
        subject_h, subject_e = who.items(ids)
        person, agreement = who.english_person, who.agreement
        plural = isinstance(who.head, Pronoun) and who.head.hindi in (nfc("हम"), nfc("वे")) and noun.countable
    possessive = sample_possessive(rng) if rng.random() < 0.45 else None
    np = NounPhrase(noun, noun.gender, plural, possessive=possessive)
    predicate_h, predicate_e, _ = noun_phrase_items(np, ids, definite=False)
    if possessive is not None and noun.english == "friend" and rng.random() < 0.4:   # मेरा सबसे अच्छा दोस्त: my best friend
        bc = (next(ids),)
        good = nfc("अच्छी") if noun.gender == "f" else nfc("अच्छे") if plural else nfc("अच्छा")
        predicate_h = predicate_h[:1] + [(nfc("सबसे"), bc), (good, bc)] + predicate_h[1:]
        predicate_e = predicate_e[:1] + [("best", bc)] + predicate_e[1:]
    if possessive is None and not plural and predicate_e[0][0] not in ("a", "an") and noun.countable:
        predicate_e = [(indefinite_article(noun.english), predicate_e[-1][1])] + predicate_e
        if rng.random() < 0.3:                                    # मैं एक इंजीनियर हूँ: I am an engineer
            ec = (next(ids),)
            predicate_h = [(nfc("एक"), ec)] + predicate_h
            predicate_e = [(predicate_e[0][0], ec)] + predicate_e[1:]
    hindi = subject_h + predicate_h + ([(NAHIN, nc)] if negative else []) + [(AUX_PRESENT[agreement], ac)]
    be = (english_be(person), ac)
    if question:
        return "question", [(KYA, ac)] + hindi, [be] + subject_e + predicate_e
    return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + predicate_e


def what_is_this(rng, ids):
    """यह क्या है? / What is this?; यह किसका बैग है? / Whose bag is this?; वह कौन है? / Who is he?"""
    ac, wc, dc = (next(ids),), (next(ids),), (next(ids),)
    hindi_word, english_word, _, _ = _pick(rng, _DEMONSTRATIVES)
    r = rng.random()
    if r < 0.35:
        return "question", [(hindi_word, dc), (KYA, wc), (AUX_PRESENT["3sg"], ac)], [("what", wc), ("is", ac), (english_word, dc)]
    if r < 0.7:
        noun = _pick(rng, _THINGS)
        whose = {"m": nfc("किसका"), "f": nfc("किसकी")}[noun.gender]
        nc = (next(ids),)
        return "question", [(hindi_word, dc), (whose, wc), (noun.hindi, nc), (AUX_PRESENT["3sg"], ac)], \
            [("whose", wc), (noun.english, nc), ("is", ac), (english_word, dc)]
    who = sample_speaker(rng, 0.6, plural_ok=False)
    subject_h, subject_e = who.items(ids)
    return "question", subject_h + [(nfc("कौन"), wc), (AUX_PRESENT[who.agreement], ac)], \
        [("who", wc), (english_be(who.english_person), ac)] + subject_e


def age(rng, ids):
    """मैं बीस साल का हूँ / I am twenty years old; मेरी उम्र बीस साल है / I am twenty years old;
    तुम्हारी उम्र क्या है? / How old are you?"""
    r = rng.random()
    if r < 0.4:                                       # उम्र 'age': English says it with old
        who = sample_pronoun(rng)
        genitive_h, subject_e = who.items(ids, "genी")
        uc, ac = (next(ids),), (next(ids),)
        be = (english_be(who.english_person), ac)
        if r < 0.2:
            word = _pick(rng, (KYA, nfc("कितनी")))
            return "question", genitive_h + [(nfc("उम्र"), uc), (word, uc), (AUX_PRESENT["3sg"], ac)], \
                [("how", uc), ("old", uc), be] + subject_e
        n = sample_number(rng, 2, 99)
        number_h, number_e = number_tokens(n, rng.random() < 0.3)
        qc, yc = (next(ids),), (next(ids),)
        return "statement", genitive_h + [(nfc("उम्र"), uc), (number_h[0], qc), (nfc("साल"), yc),
                                          (AUX_PRESENT["3sg"], ac)], \
            subject_e + [be, (number_e[0], qc), ("years", yc), ("old", yc + uc)]
    who = sample_speaker(rng, 0.7, plural_ok=False)
    subject_h, subject_e = who.items(ids)
    n = sample_number(rng, 2, 99)
    number_h, number_e = number_tokens(n, rng.random() < 0.3)
    qc, yc, ac = (next(ids),), (next(ids),), (next(ids),)
    gn = gender_number(who.gender, who.agreement)
    ka = {"ms": "का", "mp": "के", "fs": "की", "fp": "की"}[gn]
    be = (english_be(who.english_person), ac)
    if rng.random() < 0.25:            # वह कितने साल की है? / How old is she?
        return "question", subject_h + [(nfc("कितने"), qc), (nfc("साल"), yc), (nfc(ka), yc),
                                        (AUX_PRESENT[who.agreement], ac)], [("how", qc), ("old", yc), be] + subject_e
    hindi = subject_h + [(number_h[0], qc), (nfc("साल"), yc), (nfc(ka), yc), (AUX_PRESENT[who.agreement], ac)]
    return "statement", hindi, subject_e + [be, (number_e[0], qc), ("years", yc), ("old", yc)]


# ------------------------------------------------------------------ wh-questions with a verb

_WH_TENSES = ("present", "present_continuous", "past", "future")


def _one_english_per_hindi(verbs: list) -> list:
    """Without its object, देख is 'see' or 'watch': keep the first entry of each Hindi verb."""
    seen: dict = {}
    for verb in verbs:
        seen.setdefault(verb.light + (verb.stem,), verb)
    return list(seen.values())


_WHAT_VERBS = _one_english_per_hindi([v for v in _PLAIN_VERBS if v.frame == "tr"])


def wh_question(rng, ids):
    """तुम कहाँ जा रहे हो? / Where are you going?; तुमने क्या खाया? / What did you eat?;
    वह क्यों नहीं आया? / Why did he not come?; तुम स्कूल कैसे जाते हो? / How do you go to school?"""
    who = sample_speaker(rng, 0.75, plural_ok=False)
    tense = _pick(rng, _WH_TENSES)
    wh = _pick(rng, ("where", "when", "why", "how", "what", "what"))
    if wh == "where":
        verb = _pick(rng, _WHERE_VERBS)
    elif wh == "what":
        verb = _pick(rng, _WHAT_VERBS + [_DO] * 6)
    else:
        verb = _pick(rng, _INTRANSITIVE)
    negative = wh == "why" and rng.random() < 0.35
    wc, vc, ac, nc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    both = vc + ac
    ergative = verb.ergative and tense == "past"
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    middle: list = []
    if wh == "how" and verb.frame == "motion" and rng.random() < 0.7:
        noun = _pick(rng, _DESTINATIONS)
        middle, after_e = destination_items(NounPhrase(noun, noun.gender), verb, ids)
    else:
        after_e = []
    wh_h = {"where": "कहाँ", "when": "कब", "why": "क्यों", "how": "कैसे", "what": "क्या"}[wh]
    gender, agreement = ("m", "3sg") if ergative else (who.gender, who.agreement)
    verb_h = [(t, vc) for t in verb.light] + hindi_verb_items(verb, tense, gender, agreement, vc, ac, both)
    if wh == "how":
        hindi = subject_h + middle + [(nfc(wh_h), wc)]
    else:
        hindi = subject_h + [(nfc(wh_h), wc)] + middle
    hindi += ([(NAHIN, nc)] if negative else []) + verb_h
    front, group = english_verb_items(verb, tense, who.english_person, False, True, vc, ac, nc, both)
    tail = verb.english_continuous[1:] if tense.endswith("continuous") else verb.english_tail
    group += [(t, vc) for t in tail]
    if verb.frame == "motion" and wh == "where":
        group = [item for item in group if item[0] != "to"]
    when = {"past": ("कल", "yesterday"), "future": ("कल", "tomorrow")}.get(tense, ("आज", "today"))
    if rng.random() < 0.2:                       # वह कल क्यों नहीं आया? / Why did he not come yesterday?
        tc = (next(ids),)
        hindi = hindi[:len(subject_h)] + [(nfc(when[0]), tc)] + hindi[len(subject_h):]
        after_e = after_e + [(when[1], tc)]
    english = [(wh, wc)] + front + subject_e + ([("not", nc)] if negative else []) + group + after_e
    return "question", hindi, english


def coordinated(rng, ids):
    """राम और सीता पार्क में क्रिकेट खेल रहे हैं / Ram and Sita are playing cricket in the park."""
    first, second = rng.sample(NAMES, 2)
    tense = _pick(rng, ("present", "present_continuous", "past_continuous", "future"))
    verb = _pick(rng, [v for v in _VP_VERBS if not v.ergative or tense != "past"])
    c1, c2, andc, vc, ac, nc = ((next(ids),) for _ in range(6))
    gender = "f" if first.gender == second.gender == "f" else "m"
    negative = rng.random() < 0.15
    before: list = []
    after: list = []
    if verb.frame == "tr":
        noun = _pick(rng, _OBJECTS[verb.key])
        before, after, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids, definite=False)
    elif verb.frame == "motion" and rng.random() < 0.6:
        noun = _pick(rng, _DESTINATIONS)
        before, after = destination_items(NounPhrase(noun, noun.gender), verb, ids)
    place_h: list = []
    place_e: list = []
    if verb.frame != "motion" and rng.random() < 0.4:
        noun = _pick(rng, [n for n in _PLACES_IN if n.countable])
        place_h, place_e = adjunct_items(Adjunct((nfc("में"),), ("in",), NounPhrase(noun, noun.gender)), ids)
    verb_h = [(t, vc) for t in verb.light] + hindi_verb_items(verb, tense, gender, "pl", vc, ac, vc + ac)
    hindi = [(first.hindi, c1), (nfc("और"), andc), (second.hindi, c2)] + place_h + before \
        + ([(NAHIN, nc)] if negative else []) + verb_h
    _, group = english_verb_items(verb, tense, "other", negative, False, vc, ac, nc, vc + ac)
    tail = verb.english_continuous[1:] if tense.endswith("continuous") else verb.english_tail
    group += [(t, vc) for t in tail]
    english = [(first.english, c1), ("and", andc), (second.english, c2)] + group + after + place_e
    return "statement", hindi, english


def who_question(rng, ids):
    """कौन आ रहा है? / Who is coming?"""
    verb = _pick(rng, _INTRANSITIVE)
    tense = _pick(rng, ("present", "present_continuous", "future"))
    wc, vc, ac, nc = (next(ids),), (next(ids),), (next(ids),), (next(ids),)
    both = vc + ac
    verb_h = [(t, vc) for t in verb.light] + hindi_verb_items(verb, tense, "m", "3sg", vc, ac, both)
    _, group = english_verb_items(verb, tense, "3sg", False, False, vc, ac, nc, both)
    tail = verb.english_continuous[1:] if tense.endswith("continuous") else verb.english_tail
    group += [(t, vc) for t in tail]
    return "question", [(nfc("कौन"), wc)] + verb_h, [("who", wc)] + group


def how_are_you(rng, ids):
    """आप कैसे हैं? / How are you?; मैं ठीक हूँ / I am fine."""
    who = sample_pronoun(rng, exclude=(nfc("हम"), nfc("वे")))
    subject_h, subject_e = who.items(ids)
    wc, ac = (next(ids),), (next(ids),)
    gn = gender_number(who.gender, who.agreement)
    aux = (AUX_PRESENT[who.agreement], ac)
    be = (english_be(who.english_person), ac)
    if rng.random() < 0.5:
        kaise = nfc({"ms": "कैसा", "mp": "कैसे", "fs": "कैसी", "fp": "कैसी"}[gn])
        return "question", subject_h + [(kaise, wc), aux], [("how", wc), be] + subject_e
    return "statement", subject_h + [(nfc("ठीक"), wc), aux], subject_e + [be, ("fine", wc)]


# ------------------------------------------------------------------ weather, time, days

DAYS = [(nfc(h), e) for h, e in (("सोमवार", "Monday"), ("मंगलवार", "Tuesday"), ("बुधवार", "Wednesday"),
                                  ("गुरुवार", "Thursday"), ("शुक्रवार", "Friday"), ("शनिवार", "Saturday"),
                                  ("रविवार", "Sunday"))]
MONTHS = [(nfc(h), e) for h, e in (("जनवरी", "January"), ("फ़रवरी", "February"), ("मार्च", "March"),
                                    ("अप्रैल", "April"), ("मई", "May"), ("जून", "June"), ("जुलाई", "July"),
                                    ("अगस्त", "August"), ("सितंबर", "September"), ("अक्टूबर", "October"),
                                    ("नवंबर", "November"), ("दिसंबर", "December"))]
_WEATHER_ADJECTIVES = [(nfc(h), e) for h, e in (("अच्छा", "nice"), ("ख़राब", "bad"), ("सुहाना", "pleasant"),
                                                ("ठंडा", "cold"), ("गरम", "hot"))]
_WHEN = {"present": [("आज", "today"), ("अभी", "now"), ("बाहर", "outside")],
         "past": [("कल", "yesterday"), ("कल रात", "last night")],
         "future": [("कल", "tomorrow"), ("आज रात", "tonight")]}
_PARTS_OF_DAY = [(nfc(h), e) for h, e in (("सुबह", "morning"), ("दोपहर", "afternoon"), ("शाम", "evening"),
                                          ("रात", "night"))]


def _when(rng, ids, tense: str, share: float = 0.5):
    if rng.random() >= share:
        return [], []
    hindi, english = _pick(rng, _WHEN[tense])
    c = (next(ids),)
    return [(t, c) for t in nfc(hindi).split()], [(t, c) for t in english.split()]


_SEASONS = [(nfc(h), e) for h, e in (("सर्दियों", "winter"), ("गर्मियों", "summer"), ("सर्दी", "winter"),
                                     ("गर्मी", "summer"))]


def weather(rng, ids):
    """आज मौसम अच्छा है / The weather is nice today; बारिश हो रही है / It is raining."""
    r = rng.random()
    ac, nc = (next(ids),), (next(ids),)
    itc = ac           # the dummy subject (It is raining) goes with the auxiliary that carries tense
    if r < 0.3:
        tense = _pick(rng, ("present", "present", "past"))
        when_h, when_e = _when(rng, ids, tense)
        wc, jc = (next(ids),), (next(ids),)
        adjective, english = _pick(rng, _WEATHER_ADJECTIVES)
        very = rng.random() < 0.25
        vc = (next(ids),)
        aux = AUX_PAST["ms"] if tense == "past" else AUX_PRESENT["3sg"]
        hindi = when_h + [(nfc("मौसम"), wc)] + ([(nfc("बहुत"), vc)] if very else []) + [(adjective, jc), (aux, ac)]
        return "statement", hindi, [("the", wc), ("weather", wc), ("was" if tense == "past" else "is", ac)] \
            + ([("very", vc)] if very else []) + [(english, jc)] + when_e
    if r < 0.6:
        tense = _pick(rng, ("present_continuous", "present_continuous", "past_continuous", "future", "past"))
        rain = rng.random() < 0.75
        word, verb = (nfc("बारिश"), nfc("हो")) if rain else (nfc("बर्फ़"), nfc("गिर"))
        english_verb = ("rain", "rained", "raining") if rain else ("snow", "snowed", "snowing")
        when_h, when_e = _when(rng, ids, {"present_continuous": "present", "past_continuous": "past"}.get(tense, tense), 0.35)
        rc = (next(ids),)
        negative = tense == "present_continuous" and rng.random() < 0.2
        question = not negative and tense in ("present_continuous", "future") and rng.random() < 0.2
        neg = [(NAHIN, nc)] if negative else []
        if tense == "present_continuous":
            hindi = [(word, rc)] + neg + [(verb, rc), (nfc("रही"), rc), (AUX_PRESENT["3sg"], ac)]
            english = [("it", itc), ("is", ac)] + ([("not", nc)] if negative else []) + [(english_verb[2], rc)]
            front = [("is", ac), ("it", itc), (english_verb[2], rc)]
        elif tense == "past_continuous":
            hindi = [(word, rc), (verb, rc), (nfc("रही"), rc), (nfc("थी"), ac)]
            english = [("it", itc), ("was", ac), (english_verb[2], rc)]
            front = english
        elif tense == "future":
            hindi = [(word, rc), ((nfc("होगी") if rain else nfc("गिरेगी")), rc + ac)]
            english = [("it", itc), ("will", ac), (english_verb[0], rc)]
            front = [("will", ac), ("it", itc), (english_verb[0], rc)]
        else:
            hindi = [(word, rc), ((nfc("हुई") if rain else nfc("गिरी")), rc + ac)]
            english = [("it", itc), (english_verb[1], rc + ac)]
            front = english
        hindi = when_h + hindi
        if question:
            return "question", [(KYA, ac)] + hindi, front + when_e
        return "statement", hindi, english + when_e
    if r < 0.78:                    # आज बहुत गर्मी है / It is very hot today
        word, english = _pick(rng, [(nfc("गर्मी"), "hot"), (nfc("ठंड"), "cold")])
        tense = _pick(rng, ("present", "present", "past"))
        when_h, when_e = _when(rng, ids, tense, 0.7)
        wc, vc = (next(ids),), (next(ids),)
        very = rng.random() < 0.5
        aux = [(nfc("थी") if tense == "past" else AUX_PRESENT["3sg"], ac)]
        if tense != "past" and rng.random() < 0.3:   # सर्दियों में बहुत ठंड होती है / It is very cold in winter
            season, season_e = _pick(rng, _SEASONS)
            sc, pc = (next(ids),), (next(ids),)
            when_h, when_e = [(season, sc), (nfc("में"), pc)], [("in", pc), (season_e, sc)]
            aux = [(nfc("होती"), ac)] + aux
        hindi = when_h + ([(nfc("बहुत"), vc)] if very else []) + [(word, wc)] + aux
        return "statement", hindi, [("it", itc), ("was" if tense == "past" else "is", ac)] \
            + ([("very", vc)] if very else []) + [(english, wc)] + when_e
    if r < 0.86:                    # हवा चल रही है / The wind is blowing
        wc, bc = (next(ids),), (next(ids),)
        past = rng.random() < 0.3
        return "statement", [(nfc("हवा"), wc), (nfc("चल"), bc), (nfc("रही"), bc), (nfc("थी") if past else AUX_PRESENT["3sg"], ac)], \
            [("the", wc), ("wind", wc), ("was" if past else "is", ac), ("blowing", bc)]
    word, english = _pick(rng, _PARTS_OF_DAY)          # अभी सुबह है / It is morning now
    wc, tc = (next(ids),), (next(ids),)
    return "statement", [(nfc("अभी"), tc), (word, wc), (AUX_PRESENT["3sg"], ac)], \
        [("it", itc), ("is", ac), (english, wc), ("now", tc)]


_ONE_AND_A_HALF, _TWO_AND_A_HALF, _AND_A_HALF = nfc("डेढ़"), nfc("ढाई"), nfc("साढ़े")


def _half_past(rng, n: int, nc: tuple, hc: tuple, ac: tuple) -> tuple[list, list]:
    """डेढ़ बजा है / It is half past one; ढाई बजे हैं / half past two; साढ़े सात बजे हैं / half past seven;
    7:30 बजे हैं / It is 7:30."""
    english_hour = english_number(n)
    if rng.random() < 0.25:
        time = f"{n}:30"
        return [(time, nc), (nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)], [("it", ac), ("is", ac), (time, nc + hc)]
    if n == 1:
        hindi = [(_ONE_AND_A_HALF, nc), (nfc("बजा"), hc), (AUX_PRESENT["3sg"], ac)]
    elif n == 2:
        hindi = [(_TWO_AND_A_HALF, nc), (nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)]
    else:
        hindi = [(_AND_A_HALF, hc), (number_tokens(n, False)[0][0], nc), (nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)]
    half = nc if n <= 2 else hc
    return hindi, [("it", ac), ("is", ac), ("half", half), ("past", hc), (english_hour, nc)]


def clock(rng, ids):
    """दस बजे हैं / It is ten o'clock; साढ़े सात बजे हैं / It is half past seven; कितने बजे हैं? /
    What time is it?"""
    ac, hc = (next(ids),), (next(ids),)
    itc = ac
    if rng.random() < 0.15:
        return "question", [(nfc("कितने"), hc), (nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)], \
            [("what", hc), ("time", hc), ("is", ac), ("it", itc)]
    n = rng.randint(1, 12)
    number_h, number_e = number_tokens(n, rng.random() < 0.3)
    nc = (next(ids),)
    if rng.random() < 0.3:
        return "statement", *_half_past(rng, n, nc, hc, ac)
    if n == 1:
        hindi = [(number_h[0], nc), (nfc("बजा"), hc), (AUX_PRESENT["3sg"], ac)]
    else:
        hindi = [(number_h[0], nc), (nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)]
    return "statement", hindi, [("it", itc), ("is", ac), (number_e[0], nc), ("o'clock", hc)]


def day_and_month(rng, ids):
    """आज सोमवार है / Today is Monday; मेरा जन्मदिन जनवरी में है / My birthday is in January."""
    ac, dc, tc = (next(ids),), (next(ids),), (next(ids),)
    r = rng.random()
    if r < 0.15:
        return "question", [(nfc("आज"), tc), (nfc("कौन"), dc), (nfc("सा"), dc), (nfc("दिन"), dc),
                            (AUX_PRESENT["3sg"], ac)], [("what", dc), ("day", dc), ("is", ac), ("it", ac), ("today", tc)]
    if r < 0.65:
        day, english = _pick(rng, DAYS)
        when, english_when, aux, be = _pick(rng, (
            (nfc("आज"), "today", AUX_PRESENT["3sg"], ["is"]), (nfc("कल"), "yesterday", nfc("था"), ["was"]),
            (nfc("कल"), "tomorrow", nfc("होगा"), ["will", "be"])))
        return "statement", [(when, tc), (day, dc), (aux, ac)], \
            [(english_when, tc)] + [(b, ac) for b in be] + [(english, dc)]
    month, english = _pick(rng, MONTHS)
    pronoun = _pick(rng, PRONOUNS)
    pc, bc, ic = (next(ids),), (next(ids),), (next(ids),)
    return "statement", [(pronoun.genitive("ा"), pc), (nfc("जन्मदिन"), bc), (month, dc), (nfc("में"), ic),
                         (AUX_PRESENT["3sg"], ac)], \
        [(pronoun.english_possessive[0], pc), ("birthday", bc), ("is", ac), ("in", ic), (english, dc)]


# ------------------------------------------------------------------ what someone thinks or knows

def opinion(rng, ids):
    """मुझे लगता है कि वह थका हुआ है / I think that he is tired; राम जानता है कि मैं आऊँगा / Ram knows
    that I will come: a main clause, कि (that), and a clause of the grammar."""
    kc, ac, tc = (next(ids),), (next(ids),), (next(ids),)
    if rng.random() < 0.6:                              # मुझे लगता है: a dative subject, like मुझे पता है
        who = sample_speaker(rng, 0.8)
        subject_h, subject_e = who.items(ids, "dat")
        main_h = subject_h + [(nfc("लगता"), kc), (AUX_PRESENT["3sg"], ac)]
        main_e = subject_e + [(english_present(who.english_person, "think", "thinks"), kc + ac)]
    else:
        who = sample_speaker(rng, 0.6)
        subject_h, subject_e = who.items(ids)
        gn = gender_number(who.gender, who.agreement)
        main_h = subject_h + [(nfc("जान") + HABITUAL[gn], kc), (AUX_PRESENT[who.agreement], ac)]
        main_e = subject_e + [(english_present(who.english_person, "know", "knows"), kc + ac)]
    hindi, english = clause_items(sample_clause(rng, simple=True), ids, False)
    return "statement", main_h + [(nfc("कि"), tc)] + hindi, main_e + [("that", tc)] + english


# ------------------------------------------------------------------ states: tired, late

_STATES = [(nfc(h), e) for h, e in (("थक", "tired"), ("ऊब", "bored"))]


def state(rng, ids):
    """मैं थक गया हूँ / I am tired (a perfective of change read as a state); हमें देर हो गई है / We are
    late; मुझे देर हो रही है / I am getting late."""
    question = rng.random() < 0.2
    past = rng.random() < 0.2
    sc, ac = (next(ids),), (next(ids),)
    if rng.random() < 0.35:                                   # देर: a dative subject, like भूख
        who = sample_speaker(rng)
        subject_h, subject_e = who.items(ids, "dat")
        continuous = not past and rng.random() < 0.3
        verb = [(nfc("हो"), sc), (CONTINUOUS["fs"] if continuous else nfc("गई"), sc)]
        aux = (AUX_PAST["fs"] if past else AUX_PRESENT["3sg"], ac)
        english = [("getting", sc), ("late", sc)] if continuous else [("late", sc)]
        hindi = subject_h + [(nfc("देर"), sc)] + verb + [aux]
    else:
        who = sample_speaker(rng)
        subject_h, subject_e = who.items(ids)
        stem, adjective = _pick(rng, _STATES)
        gn = gender_number(who.gender, who.agreement)
        verb = [(stem, sc), (perfective_forms(nfc("जा"))[PERFECTIVE_INDEX[gn]], sc)]
        aux = (AUX_PAST[gn] if past else AUX_PRESENT[who.agreement], ac)
        english = [(adjective, sc)]
        hindi = subject_h + verb + [aux]
    be = (english_be(who.english_person, past), ac)
    if question:
        return "question", [(KYA, ac)] + hindi, [be] + subject_e + english
    return "statement", hindi, subject_e + [be] + english


# ------------------------------------------------------------------ comparison

_IRREGULAR_COMPARISON = {"good": ("better", "best"), "bad": ("worse", "worst"), "old": ("older", "oldest")}
_DOUBLE_FINAL = {"big", "fat", "thin", "hot", "wet", "sad", "red"}


def english_comparison(adjective: str) -> tuple[str, ...]:
    """(comparative, superlative) as token tuples: tall -> ('taller',), ('tallest',);
    beautiful -> ('more', 'beautiful'), ('most', 'beautiful'); good -> ('better',), ('best',)."""
    if adjective in _IRREGULAR_COMPARISON:
        comparative, superlative = _IRREGULAR_COMPARISON[adjective]
        return (comparative,), (superlative,)
    vowels = sum(1 for i, ch in enumerate(adjective) if ch in "aeiou" and (i == 0 or adjective[i - 1] not in "aeiou"))
    if adjective in _DOUBLE_FINAL:
        return (adjective + adjective[-1] + "er",), (adjective + adjective[-1] + "est",)
    if adjective.endswith("y") and len(adjective) > 3 and adjective[-2] not in "aeiou":
        return (adjective[:-1] + "ier",), (adjective[:-1] + "iest",)
    if vowels <= 1 or adjective in ("clever", "quiet", "narrow", "simple"):
        stem = adjective[:-1] if adjective.endswith("e") else adjective
        return (stem + "er",), (stem + "est",)
    return ("more", adjective), ("most", adjective)


_GRADABLE = set("big small tall fat thin old new good bad cheap expensive clean dirty beautiful heavy light fast "
                "slow hot cold sweet clever smart rich poor happy sad busy easy difficult interesting important long "
                "short strong weak young wide deep honest brave quiet".split())
_COMPARABLE = [a for a in ADJECTIVES if " " not in a.hindi and a.english in _GRADABLE]


_BIG_SMALL = [a for a in ADJECTIVES if a.hindi in (nfc("बड़ा"), nfc("छोटा"))]
_GENERIC_KINDS = [[n for n in _nouns(tag) if n.countable] for tag in ("animal", "vehicle", "fruit")]
_GENERIC_MASS = [n for n in _FOOD if n.article == "mass"]
_MASS_ADJECTIVES = [a for a in _COMPARABLE if a.english in ("cheap", "expensive", "sweet", "hot", "cold")]


def _generic_comparison(rng, ids):
    """A kind against a kind, often with habitual होता: हाथी घोड़े से बड़ा होता है / An elephant is
    bigger than a horse; चाय कॉफ़ी से सस्ती है / Tea is cheaper than coffee."""
    ac, sc, jc, nc, oc = ((next(ids),) for _ in range(5))
    mass = rng.random() < 0.3 and _GENERIC_MASS and _MASS_ADJECTIVES
    pool = _GENERIC_MASS if mass else _pick(rng, _GENERIC_KINDS)   # an animal against an animal
    noun = _pick(rng, pool)
    other = _pick(rng, pool)
    while other is noun:
        other = _pick(rng, pool)
    if mass:
        adjective = _pick(rng, _MASS_ADJECTIVES)
    else:
        adjective = _pick(rng, [a for a in _COMPARABLE if a.fits & noun.tags] or _BIG_SMALL)
    gn = "fs" if noun.gender == "f" else "ms"
    if rng.random() < 0.5:          # होता है: what is true of the kind
        aux = [(nfc("हो") + HABITUAL[gn], ac), (AUX_PRESENT["3sg"], ac)]
    else:
        aux = [(AUX_PRESENT["3sg"], ac)]
    hindi = [(noun.hindi, nc), (other.forms[1], oc), (SE, sc)] \
        + [(t, jc) for t in adjective.hindi_form(noun.gender, False, False)] + aux
    subject_e = [(noun.english, nc)]
    other_e = [(other.english, oc)]
    if not mass:
        subject_e.insert(0, (indefinite_article(noun.english), nc))
        other_e.insert(0, (indefinite_article(other.english), oc))
    comparative, _ = english_comparison(adjective.english)
    return "statement", hindi, subject_e + [("is", ac)] + [(t, jc) for t in comparative] + [("than", sc)] + other_e


def comparison(rng, ids):
    """राम श्याम से लंबा है / Ram is taller than Shyam; वह कक्षा में सबसे लंबा है / He is the tallest in the class."""
    ac, sc, jc = (next(ids),), (next(ids),), (next(ids),)
    r = rng.random()
    if r < 0.25:
        return _generic_comparison(rng, ids)
    people = r < 0.65
    if people:
        who = sample_speaker(rng, 0.4, plural_ok=False)
        subject_h, subject_e = who.items(ids)
        if rng.random() < 0.35:       # बड़ा / छोटा of people is age: मेरी बहन मुझसे छोटी है, younger
            adjective = _pick(rng, _BIG_SMALL)
        else:
            adjective = _pick(rng, [a for a in _COMPARABLE if "person" in a.fits])
        gender, plural = who.gender, who.agreement in ("2", "pl")
        agreement, person = who.agreement, who.english_person
    else:
        noun = _pick(rng, [n for n in _THINGS + _PLACE_NOUNS + _nouns("animal") if n.countable])
        dc, nc = (next(ids),), (next(ids),)      # यह घर उस घर से बड़ा है: this house ... that house
        subject_h, subject_e = [(nfc("यह"), dc), (noun.hindi, nc)], [("this", dc), (noun.english, nc)]
        fitting = [a for a in _COMPARABLE if a.fits & noun.tags]
        if not fitting:
            fitting = [a for a in _COMPARABLE if "thing" in a.fits]
        adjective = _pick(rng, fitting)
        gender, plural, agreement, person = noun.gender, False, "3sg", "3sg"
    english_adjective = adjective.english
    if people and adjective.hindi in (nfc("बड़ा"), nfc("छोटा")):
        english_adjective = "old" if adjective.hindi == nfc("बड़ा") else "young"
    comparative, superlative = english_comparison(english_adjective)
    adjective_h = [(t, jc) for t in adjective.hindi_form(gender, plural, False)]
    more_h = [(nfc("ज़्यादा"), jc)] if rng.random() < 0.15 else []   # से ज़्यादा होशियार: smarter
    aux = (AUX_PRESENT[agreement], ac)
    be = (english_be(person), ac)
    if rng.random() < 0.35:                                  # superlative
        place_h: list = []
        place_e: list = []
        if people and rng.random() < 0.5:
            pc, kc = (next(ids),), (next(ids),)
            place_h = [(nfc("कक्षा"), kc), (nfc("में"), pc)]
            place_e = [("in", pc), ("the", kc), ("class", kc)]
        return "statement", subject_h + place_h + [(nfc("सबसे"), sc)] + adjective_h + [aux], \
            subject_e + [be, ("the", sc)] + [(t, jc + sc) for t in superlative] + place_e
    if people:
        other = sample_speaker(rng, 0.4, plural_ok=False)
        while other.head is who.head:
            other = sample_speaker(rng, 0.4, plural_ok=False)
        other_h, other_e = other.items(ids, "abl", "object")
        other_h[-1] = (other_h[-1][0], other_h[-1][1] + sc)       # से (or मुझसे) ~ than
        if isinstance(other.head, Pronoun):
            other_e = [(other.head.english_object[0], other_e[0][1])]
    else:
        dc, nc = (next(ids),), (next(ids),)
        other_h = [(nfc("उस"), dc), (noun.forms[1], nc), (SE, sc)]
        other_e = [("that", dc), (noun.english, nc)]
    return "statement", subject_h + other_h + more_h + adjective_h + [aux], \
        subject_e + [be] + [(t, jc) for t in comparative] + [("than", sc)] + other_e


# ------------------------------------------------------------------ fixed phrases

# hindi | english | links (h-e, ...; '*' links every Hindi token to every English one)
_PHRASE_TABLE = """
नमस्ते | hello | *
नमस्कार | hello | *
धन्यवाद | thank you | *
शुक्रिया | thank you | *
बहुत धन्यवाद | thank you very much | 0-3 1-0 1-1 0-2
बहुत-बहुत धन्यवाद | thank you very much | *
माफ़ कीजिए | excuse me | *
माफ़ करना | sorry | *
फिर मिलेंगे | see you again | 0-2 1-0 1-1
अलविदा | goodbye | *
सुप्रभात | good morning | *
शुभ रात्रि | good night | 0-0 1-1
शुभ प्रभात | good morning | 0-0 1-1
आपसे मिलकर खुशी हुई | nice to meet you | 0-3 1-2 1-1 2-0 3-0
कोई बात नहीं | no problem | *
ठीक है | okay | *
हाँ | yes | *
नहीं | no | *
ज़रूर | of course | *
हाँ ज़रूर | yes of course | 0-0 1-1 1-2
आपका स्वागत है | you are welcome | 0-0 1-2 2-1
शुभकामनाएँ | best wishes | *
जन्मदिन मुबारक हो | happy birthday | 0-1 1-0 2-0
एक बार फिर बोलिए | please say it again | 0-3 1-3 2-3 3-0 3-1 3-2
फिर से बोलिए | please say it again | 0-3 1-3 2-0 2-1 2-2
मैं ठीक हूँ | i am fine | 0-0 1-2 2-1
मैं ठीक हूँ , धन्यवाद | i am fine , thank you | 0-0 1-2 2-1 3-3 4-4 4-5
ठीक है , धन्यवाद | okay , thank you | 0-0 1-0 2-1 3-2 3-3
हाँ , ज़रूर | yes , of course | 0-0 1-1 2-2 2-3
नहीं , धन्यवाद | no , thank you | 0-0 1-1 2-2 2-3
आप कैसे हैं | how are you | 0-2 1-0 2-1
बधाई हो | congratulations | *
जल्दी करो | hurry up | *
जल्दी कीजिए | please hurry up | *
चुप रहो | be quiet | 0-1 1-0
"""


def _parse_phrases(table: str) -> list[tuple]:
    phrases = []
    for line in table.strip().splitlines():
        hindi, english, links = (cell.strip() for cell in line.split("|"))
        h, e = nfc(hindi).split(), english.split()
        if links == "*":
            pairs = [(i, j) for i in range(len(h)) for j in range(len(e))]
        else:
            pairs = [tuple(int(x) for x in link.split("-")) for link in links.split()]
        phrases.append((tuple(h), tuple(e), tuple(pairs)))
    return phrases


PHRASES = _parse_phrases(_PHRASE_TABLE)
PHRASE_SOURCES = frozenset(h for h, _, _ in PHRASES)


def phrase(rng, ids):
    """नमस्ते / Hello; धन्यवाद / Thank you; कोई बात नहीं / No problem."""
    hindi, english, links = _pick(rng, PHRASES)
    h_concepts: list = [() for _ in hindi]
    e_concepts: list = [() for _ in english]
    for i, j in links:
        c = next(ids)
        h_concepts[i] += (c,)
        e_concepts[j] += (c,)
    for j, concepts in enumerate(e_concepts):
        if not concepts:
            e_concepts[j] = (next(ids),)
    return "phrase", [(t, c or (next(ids),)) for t, c in zip(hindi, h_concepts)], \
        [(t if t != "i" else "I", c) for t, c in zip(english, e_concepts)]


# ------------------------------------------------------------------ the mix

CONSTRUCTIONS: tuple[tuple[Callable, float], ...] = (
    (feeling, 1.0), (like, 1.0), (know, 0.5), (need, 0.8), (understand, 0.4), (knows_language, 0.4),
    (ailment, 0.5), (can, 1.0), (want, 1.0), (obligation, 1.0), (imperative, 1.6), (possession, 1.0),
    (relatives, 0.4), (existence, 1.0), (name_is, 0.6), (from_place, 0.5), (is_a, 1.2),
    (what_is_this, 0.6), (age, 0.4), (wh_question, 2.0), (who_question, 0.4), (how_are_you, 0.4),
    (weather, 0.9), (clock, 0.4), (day_and_month, 0.5), (comparison, 1.0), (phrase, 0.6), (coordinated, 0.8),
    (where_is, 0.5), (described, 1.2), (state, 0.5), (opinion, 0.4), (whose, 1.0), (money, 0.8),
    (how_long, 0.5), (go_for_a_walk, 0.4), (finished, 0.5),
)
_CUMULATIVE = []
_total = 0.0
for _f, _weight in CONSTRUCTIONS:
    _total += _weight
    _CUMULATIVE.append(_total)


# What people say before a comma: a short command, an interjection or an apology. Each has one
# English, so that a Hindi sentence has one translation (माफ़ कीजिए is "excuse me" as a phrase too).
_INTERJECTIONS = [(tuple(nfc(h).split()), tuple(e.split())) for h, e in (
    ("रुको", "wait"), ("रुकिए", "please wait"), ("सुनो", "listen"), ("सुनिए", "excuse me"), ("देखो", "look"),
    ("अरे", "hey"), ("अच्छा", "okay"), ("ठीक है", "okay"), ("चलो", "come on"), ("माफ़ कीजिए", "excuse me"),
    ("माफ़ करना", "sorry"), ("अरे वाह", "wow"), ("हे भगवान", "oh god"))]


def _before_a_comma(rng, ids, hindi: list, english: list) -> tuple[list, list]:
    """रुको, मैं आ रहा हूँ / Wait, I am coming; माफ़ कीजिए, स्टेशन कहाँ है? / Excuse me, where is the station?"""
    word, english_words = _pick(rng, _INTERJECTIONS)
    c, comma = (next(ids),), (next(ids),)
    return [(t, c) for t in word] + [(",", comma)] + hindi, [(t, c) for t in english_words] + [(",", comma)] + english


def sample_everyday(rng: random.Random):
    """(kind, hindi items, english items) of one everyday sentence; sometimes with हाँ, / नहीं, first."""
    r = rng.random() * _total
    construction = CONSTRUCTIONS[next(i for i, c in enumerate(_CUMULATIVE) if r < c)][0]
    ids = count()
    kind, hindi, english = construction(rng, ids)
    if kind in ("statement", "question", "imperative") and rng.random() < 0.05:   # रुको, ... / Wait, ...
        hindi, english = _before_a_comma(rng, ids, hindi, english)
    elif kind == "statement" and rng.random() < 0.06:
        word, english_word = _pick(rng, ((nfc("हाँ"), "yes"), (NAHIN, "no")))
        c, comma = (next(ids),), (next(ids),)
        hindi = [(word, c), (",", comma)] + hindi
        english = [(english_word, c), (",", comma)] + english
    elif kind == "question" and construction is how_are_you and rng.random() < 0.3:
        c, comma = (next(ids),), (next(ids),)
        hindi = [(nfc("नमस्ते"), c), (",", comma)] + hindi
        english = [("hello", c), (",", comma)] + english
    return kind, hindi, english
