"""Conversation: the everyday Hindi that comes after the first minute, with gold alignments.

core.language.everyday writes what a class types first (मुझे भूख लगी है, आपका नाम क्या है?); this
module writes what a conversation goes on to: compound verbs (खा लिया, बता दो, सो गया, मैं खा चुका
हूँ), liking in other tenses (पसंद था, पसंद आया, क्या तुम्हें ... पसंद है?), offers (चाय लोगे?), thanks,
apologies and forgiveness, requests with ज़रा, how often (रोज़, कभी-कभी, हफ़्ते में दो बार), where
things are (के ऊपर, के अंदर, पास में), whose a thing is (यह किताब मेरे दोस्त की है) and possessive
chains in subject and object position, when an event is (परीक्षा सोमवार को है), remembering and
forgetting, health (मेरी तबीयत ठीक नहीं है), the shop (मुझे दो किलो आलू चाहिए), the family, going for
a walk, and what people say before a comma (अरे, / जी, / रुको,) or call each other (भैया, दीदी, सर).

It is opt-in: the built-in corpus "conversational" (core.language.corpus.generate_corpus with
conversational=True) draws CONVERSATIONAL_SHARE of its everyday sentences from
sample_conversational. The default stream never calls this module, so the corpus every shipped
checkpoint was trained on stays what it was. For the same reason the words only this module
writes (ज़रा, चुका, तबीयत, किलो, भैया ...) are its own small lists, not lexicon entries: the grammar
samples from the lexicon's lists, and a longer list would change every generated pair.

Every construction returns (kind, hindi items, english items) like core.language.everyday's and
keeps its alignment conventions (and core.language.grammar's); besides those:
- the second verb of a compound (लिया, दिया, गया) belongs to the verb: it aligns with the English
  verb, and with the tense it carries where Hindi has no auxiliary (खा लिया ~ ate); चुका aligns
  with "already";
- where Hindi leaves the subject out (चाय लोगे? / Will you have tea?) or the person a request is
  for (ज़रा पानी दीजिए / Please give me some water), "you" or "me" aligns with the verb, whose form
  says who;
- ज़रा, like कृपया and the polite -इए, aligns with "please";
- a frequency aligns word by word where it can (हफ़्ते ~ week, में ~ a), and दो बार with "twice";
- a compound postposition is one concept with its English (के ऊपर ~ on top of, से दूर ~ far from).
"""
from __future__ import annotations

import random
from itertools import accumulate, count
from typing import Callable

from core.language.clauses import can_be_owned, owner_phrase, pick, weighted_pick
from core.language.everyday import (
    AILMENTS, DAYS, KO, KYA, MONTHS, NAHIN, PAAS, SE, Speaker, english_be, english_do, english_present,
    imperative_forms, number_tokens, sample_mood, sample_number, sample_possessive, sample_speaker,
)
from core.language.grammar import (
    AUX_PAST, AUX_PRESENT, HABITUAL, PERFECTIVE_INDEX, Adjunct, Clause, NounPhrase, adjunct_items, clause_items,
    destination_items, english_verb_items, gender_number, genitive_ending, hindi_verb_items, noun_phrase_items,
    owner_items, perfective_forms,
)
from core.language.lexicon import (
    ADJECTIVE, ADJECTIVES, NAMES, NOUN, NOUNS, PRONOUN, PRONOUNS, Noun, Pronoun, Verb, english_participle,
    indefinite_article, nfc, parse_nouns, verb as lexicon_verb,
)

CONVERSATIONAL_SHARE = 0.15    # of the conversational corpus's everyday draws (the rest: core.language.everyday)

# The words of conversation the lexicon lacks, as lexicon entries (same format, same morphology).
_OWN_NOUNS = {noun.hindi: noun for noun in parse_nouns("""
खाना | m | food | food | mass
मदद | f | help | | mass
सलाह | f | advice | | mass
देर | f | delay | | sg
ग़लती | f | mistake | |
शोर | m | noise | | mass
परिवार | m | family | |
जन्मदिन | m | birthday | event |
पार्टी | f | party | event |
शादी | f | wedding | event |
छुट्टी | f | holiday | event |
मीटिंग | f | meeting | event |
त्योहार | m | festival | event |
दिवाली | f | Diwali | event | sg bare
होली | f | Holi | event | sg bare
सच | m | truth | | sg
""")}

ZARA, ALREADY_STEM, HEALTH = nfc("ज़रा"), nfc("चुक"), nfc("तबीयत")
KILO, LITRE, DOZEN = nfc("किलो"), nfc("लीटर"), nfc("दर्जन")
THESE = nfc("ये")              # the plural of यह as a determiner (ये जूते / these shoes); the lexicon's वे is 'they'


def _c(ids) -> tuple:
    return (next(ids),)


def _noun(hindi: str) -> Noun:
    hindi = nfc(hindi)
    return _OWN_NOUNS[hindi] if hindi in _OWN_NOUNS else NOUN[hindi]


def _nouns(words: str) -> list[Noun]:
    return [_noun(w) for w in words.split()]


def _words(hindi: str, english: str, c: tuple) -> tuple[list, list]:
    """Hindi and English tokens that all take the concepts c."""
    return [(t, c) for t in nfc(hindi).split()], [(t, c) for t in english.split()]


def _question(hindi: list, ac: tuple) -> list:
    return [(KYA, ac)] + hindi


def _imperative_form(stem: str, agreement: str) -> str:
    """The command to तुम (agreement '2': बैठो) or to आप ('pl': बैठिए)."""
    return imperative_forms(stem)[1 if agreement == "2" else 2]


def _listener(rng, exclude_you: bool = False) -> Speaker:
    """A pronoun, a name or a relative (मेरी बहन) in any case: whom one tells, gives, forgives;
    exclude_you: not तुम or आप (the listener of a command is its subject)."""
    while True:
        who = sample_speaker(rng, 0.6, plural_ok=False)
        if not (exclude_you and isinstance(who.head, Pronoun) and who.head.english_object[0] == "you"):
            return who


_SPEAKER_GROUP = {nfc("मैं"): 1, nfc("हम"): 1, nfc("तुम"): 2, nfc("आप"): 2}
_FIRST_PERSON = (nfc("मैं"), nfc("हम"))


def _someone(rng, pronoun_share: float = 0.6, plural_ok: bool = True, asked: bool = False) -> Speaker:
    """sample_speaker, but never I or we in a question about them (क्या मैं भूल गया?: Did I forget?)."""
    who = sample_speaker(rng, pronoun_share, plural_ok)
    while asked and isinstance(who.head, Pronoun) and who.head.hindi in _FIRST_PERSON:
        who = sample_speaker(rng, pronoun_share, plural_ok)
    return who


def _clash(subject: Speaker, other: Speaker) -> bool:
    """I and me, you and you in one clause: मैंने मुझे बताया."""
    a, b = subject.head, other.head
    if not (isinstance(a, Pronoun) and isinstance(b, Pronoun)):
        return a is b
    return a is b or _SPEAKER_GROUP.get(a.hindi, 0) == _SPEAKER_GROUP.get(b.hindi, -1)


# ================================================================== compound verbs

_TAKE, _GIVE, _GO = lexicon_verb("ले"), lexicon_verb("दे"), lexicon_verb("जा")

# V + लेना: something done for oneself, done and done with (a verb and the objects it fits here).
_WITH_TAKE = [(lexicon_verb(h, e), _nouns(objects)) for h, e, objects in (
    ("खा", "eat", "समोसा आम सेब केला रोटी मिठाई केक पराठा"),
    ("पी", "drink", "चाय पानी दूध कॉफ़ी जूस लस्सी"),
    ("पढ़", "read", "किताब अख़बार चिट्ठी कहानी पाठ"),
    ("लिख", "write", "चिट्ठी निबंध कविता संदेश"),
    ("सीख", "learn", "गाना कविता पाठ"),
    ("ख़रीद", "buy", "टिकट किताब सब्ज़ी दवा तोहफ़ा"),
    ("देख", "watch", "फ़िल्म मैच"),
    ("खाना खा", "eat", ""), ("नाश्ता कर", "have", ""), ("रात का खाना खा", "have", ""),
)]

# V + जाना: a change that happens to the subject. Hindi stem | English base of the change |
# its past | its participle | what one says for it in the future and as a command ('' for none).
_WITH_GO = [(nfc(h), tuple(b.split()), tuple(p.split()), tuple(pp.split()), tuple(f.split())) for h, b, p, pp, f in (
    ("सो", "fall asleep", "fell asleep", "fallen asleep", "go to sleep"),
    ("बैठ", "sit down", "sat down", "sat down", "sit down"),
    ("उठ", "get up", "got up", "got up", "get up"),
    ("आ", "come", "came", "come", "come"),
    ("गिर", "fall down", "fell down", "fallen down", ""),
    ("रुक", "stop", "stopped", "stopped", "stop"),
    ("पहुँच", "arrive", "arrived", "arrived", ""),
)]

_TELL = lexicon_verb("बता")
_PUT = lexicon_verb("रख")
_TOLD = _nouns("सच रास्ता समय")                      # मुझे सच बता दो / Tell me the truth
_GIVEN = _nouns("किताब कलम चाबी फ़ोन टिकट तोहफ़ा छाता")
_PUT_THINGS = _nouns("किताब कलम चाबी फ़ोन गिलास घड़ी")
_PUT_PLACES = [(n, nfc(p), e) for n, p, e in (
    (_noun("मेज़"), "पर", "on"), (_noun("बिस्तर"), "पर", "on"), (_noun("कुर्सी"), "पर", "on"),
    (_noun("बैग"), "में", "in"), (_noun("अलमारी"), "में", "in"), (_noun("डिब्बा"), "में", "in"))]


def _compound_tense(rng, imperative_share: float) -> str:
    if rng.random() < imperative_share:
        return "imperative"
    return pick(rng, ("past", "past", "perfect", "future"))


def _politeness(rng, polite_share: float = 0.5) -> str:
    return "pl" if rng.random() < polite_share else "2"


def _verb_english(verb: Verb, tense: str, person: str, question: bool, vc, ac, tail_concept) -> tuple[list, list]:
    front, group = english_verb_items(verb, tense, person, False, question, vc, ac, vc, vc + ac)
    return front, group + [(t, tail_concept) for t in verb.english_tail]


def compound_take(rng, ids):
    """मैंने आम खा लिया / I ate the mango; मैंने खाना खा लिया है / I have eaten; मैं किताब पढ़ लूँगी /
    I will read the book; चाय पी लो / Drink tea; क्या तुमने नाश्ता कर लिया? / Did you have breakfast?"""
    verb, objects = pick(rng, _WITH_TAKE)
    tense = _compound_tense(rng, 0.25)
    vc, ac, pc = _c(ids), _c(ids), _c(ids)
    tail_concept = _c(ids) if verb.tail_is_noun else vc
    object_h, object_e, object_gender = [], [], verb.light_gender
    if objects:
        noun = pick(rng, objects)
        object_gender = noun.gender
        object_h, object_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids,
                                                  definite=tense != "imperative" or noun.countable)
    light = [(t, tail_concept) for t in verb.light]
    if tense == "imperative":
        agreement = _politeness(rng)
        polite = pc if agreement == "pl" else ()
        hindi = object_h + light + [(verb.stem, vc), (_imperative_form(_TAKE.stem, agreement), vc + polite)]
        english = ([("please", pc)] if polite else []) + [(verb.english, vc)] \
            + [(t, tail_concept) for t in verb.english_tail] + object_e
        return "imperative", hindi, english
    ergative = tense in ("past", "perfect")
    question = ergative and rng.random() < 0.25
    who = _someone(rng, 0.7, plural_ok=False, asked=question)
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    gender, agreement = (object_gender, "3sg") if ergative else (who.gender, who.agreement)
    hindi = subject_h + object_h + light + [(verb.stem, vc)] \
        + hindi_verb_items(_TAKE, tense, gender, agreement, vc, ac, vc + ac)
    front, group = _verb_english(verb, tense, who.english_person, question, vc, ac, tail_concept)
    english = front + subject_e + group + object_e
    if question:
        return "question", _question(hindi, ac), english
    return "statement", hindi, english


def compound_give(rng, ids):
    """मुझे बता दो / Tell me; मैंने उसे सच बता दिया / I told him the truth; उसे किताब दे दीजिए / Please
    give him the book; मैंने चाबी बैग में रख दी / I put the key in the bag; मैं तुम्हें बता दूँगा / I will tell you."""
    kind = pick(rng, ("tell", "tell", "give", "put"))
    tense = _compound_tense(rng, 0.5)
    imperative = tense == "imperative"
    vc, ac, pc = _c(ids), _c(ids), _c(ids)
    question = not imperative and tense != "future" and rng.random() < 0.15
    who = None if imperative else _someone(rng, 0.7, plural_ok=False, asked=question)
    middle_h: list = []
    after_e: list = []
    object_gender = "m"
    if kind in ("tell", "give"):
        listener = _listener(rng, exclude_you=imperative)
        while who is not None and _clash(who, listener):
            listener = _listener(rng)
        listener_h, listener_e = listener.items(ids, "dat", "object")
        middle_h, after_e = listener_h, listener_e
        objects = _TOLD if kind == "tell" else _GIVEN
        if kind == "give" or rng.random() < 0.4:
            noun = pick(rng, objects)
            object_gender = noun.gender
            object_h, object_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids)
            middle_h, after_e = middle_h + object_h, after_e + object_e
        verb = _TELL if kind == "tell" else _GIVE
    else:
        noun = pick(rng, _PUT_THINGS)
        object_gender = noun.gender
        object_h, object_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids)
        place, postposition, preposition = pick(rng, _PUT_PLACES)
        place_h, place_e = adjunct_items(Adjunct((postposition,), (preposition,), NounPhrase(place, place.gender)), ids)
        middle_h, after_e = object_h + place_h, object_e + place_e
        verb = _PUT
    if imperative:
        agreement = _politeness(rng)
        polite = pc if agreement == "pl" else ()
        hindi = middle_h + [(verb.stem, vc), (_imperative_form(_GIVE.stem, agreement), vc + polite)]
        return "imperative", hindi, ([("please", pc)] if polite else []) + [(verb.english, vc)] + after_e
    ergative = tense in ("past", "perfect")
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    gender, agreement = (object_gender, "3sg") if ergative else (who.gender, who.agreement)
    hindi = subject_h + middle_h + [(verb.stem, vc)] + hindi_verb_items(_GIVE, tense, gender, agreement, vc, ac, vc + ac)
    front, group = english_verb_items(verb, tense, who.english_person, False, question, vc, ac, vc, vc + ac)
    english = front + subject_e + group + after_e
    if question:
        return "question", _question(hindi, ac), english
    return "statement", hindi, english


def compound_go(rng, ids):
    """वह सो गया / He fell asleep; बच्चे सो गए हैं / The children have fallen asleep; मैं सो जाऊँगी /
    I will go to sleep; बैठ जाइए / Please sit down; क्या वह पहुँच गया? / Did he arrive?"""
    stem, base, past, participle, future = pick(rng, _WITH_GO)
    tense = _compound_tense(rng, 0.25 if future else 0.0)
    if tense == "future" and not future:
        tense = "past"
    vc, ac, pc = _c(ids), _c(ids), _c(ids)
    if tense == "imperative":
        agreement = _politeness(rng)
        polite = pc if agreement == "pl" else ()
        return "imperative", [(stem, vc), (_imperative_form(_GO.stem, agreement), vc + polite)], \
            ([("please", pc)] if polite else []) + [(t, vc) for t in future]
    question = rng.random() < 0.2
    who = _someone(rng, 0.6, asked=question)
    subject_h, subject_e = who.items(ids)
    hindi = subject_h + [(stem, vc)] + hindi_verb_items(_GO, tense, who.gender, who.agreement, vc, ac, vc + ac)
    person = who.english_person
    if tense == "past":
        front, group = ([("did", ac)], [(t, vc) for t in base]) if question else \
            ([], [(past[0], vc + ac)] + [(t, vc) for t in past[1:]])
    elif tense == "perfect":
        have = (english_present(person, "have", "has"), ac)
        front, group = ([have], []) if question else ([], [have])
        group = group + [(t, vc) for t in participle]
    else:
        front, group = ([("will", ac)], []) if question else ([], [("will", ac)])
        group = group + [(t, vc) for t in future]
    english = front + subject_e + group
    if question:
        return "question", _question(hindi, ac), english
    return "statement", hindi, english


# V + चुकना: already done. Verbs with the objects (or goals) they take here.
_SEE = lexicon_verb("देख", "see")
_WITH_ALREADY = [(lexicon_verb(h, e), _nouns(objects)) for h, e, objects in (
    ("खाना खा", "eat", ""), ("नाश्ता कर", "have", ""), ("खा", "eat", "समोसा आम केला केक"),
    ("पढ़", "read", "किताब अख़बार चिट्ठी कहानी"), ("देख", "see", "फ़िल्म तस्वीर"), ("जा", "go", ""),
    ("आ", "come", ""), ("पहुँच", "reach", ""), ("सीख", "learn", "गाना कविता"),
)]
_GOALS = _nouns("घर स्कूल स्टेशन दफ़्तर बाज़ार अस्पताल")


def already_done(rng, ids):
    """मैं खाना खा चुका हूँ / I have already eaten; वह घर जा चुकी है / She has already gone home;
    हम यह फ़िल्म देख चुके थे / We had already seen this film; क्या तुम नाश्ता कर चुके हो? / Have you
    already had breakfast?"""
    verb, objects = pick(rng, _WITH_ALREADY)
    question = rng.random() < 0.2
    who = _someone(rng, 0.7, asked=question)
    subject_h, subject_e = who.items(ids)
    vc, cc, ac = _c(ids), _c(ids), _c(ids)
    tail_concept = _c(ids) if verb.tail_is_noun else vc
    before_h: list = []
    after_e: list = []
    if objects:
        noun = pick(rng, objects)
        if rng.random() < 0.3:                           # यह फ़िल्म / this film
            dc, nc = _c(ids), _c(ids)
            before_h, after_e = [(nfc("यह"), dc), (noun.hindi, nc)], [("this", dc), (noun.english, nc)]
        else:
            before_h, after_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids)
    elif verb.frame == "motion" and (not verb.english_to or rng.random() < 0.6):     # reach needs its goal
        goal = pick(rng, _GOALS)
        before_h, after_e = destination_items(NounPhrase(goal, goal.gender), verb, ids)
    gn = gender_number(who.gender, who.agreement)
    past = rng.random() < 0.25
    aux = AUX_PAST[gn] if past else AUX_PRESENT[who.agreement]
    already = ALREADY_STEM + {"ms": "ा", "mp": "े", "fs": "ी", "fp": "ी"}[gn]
    hindi = subject_h + before_h + [(t, tail_concept) for t in verb.light] \
        + [(verb.stem, vc), (already, cc), (aux, ac)]
    have = "had" if past else english_present(who.english_person, "have", "has")
    done = [(english_participle(verb.english, verb.english_past), vc)] + [(t, tail_concept) for t in verb.english_tail]
    if question:
        return "question", _question(hindi, ac), [(have, ac)] + subject_e + [("already", cc)] + done + after_e
    return "statement", hindi, subject_e + [(have, ac), ("already", cc)] + done + after_e


# ================================================================== liking

_LIKEABLE = [n for n in NOUNS if n.tags & {"food", "drink", "game", "film", "flower", "read"}
             and (n.countable or n.article in ("mass", "bare"))]
_LIKED_ONCE = _nouns("फ़िल्म गाना कहानी किताब कविता तोहफ़ा खाना मैच शहर पार्टी")   # पसंद आया: one occasion
_OWN_WORK = {"gift", "story", "song", "poem", "book", "city"}     # what one may call one's own (तुम्हारा गाना)
_WHICH = _nouns("खेल फ़िल्म गाना फल विषय कहानी कविता मिठाई")
_PASAND, _CAME = nfc("पसंद"), perfective_forms(nfc("आ"))


def _generic(rng, ids, nouns) -> tuple[list, list, str, str]:
    """A kind: चाय / tea, आम / mangoes; with its Hindi agreement and gender."""
    noun = pick(rng, nouns)
    c = _c(ids)
    if noun.countable:
        return [(noun.forms[2], c)], [(noun.english_plural, c)], "pl", noun.gender
    return [(noun.forms[0], c)], [(noun.english, c)], "3sg", noun.gender


def _specific(rng, ids, nouns) -> tuple[list, list, str]:
    """One thing: यह फ़िल्म / this film, वह गाना / that song, खाना / the food, तुम्हारा तोहफ़ा / your gift."""
    noun = pick(rng, nouns)
    r = rng.random()
    if r < 0.4:
        word, english = pick(rng, ((nfc("यह"), "this"), (nfc("वह"), "that")))
        dc, nc = _c(ids), _c(ids)
        return [(word, dc), (noun.hindi, nc)], [(english, dc), (noun.english, nc)], noun.gender
    possessive = sample_possessive(rng) if r < 0.6 and noun.english in _OWN_WORK else None
    hindi, english, _ = noun_phrase_items(NounPhrase(noun, noun.gender, possessive=possessive), ids)
    return hindi, english, noun.gender


def liking(rng, ids):
    """मुझे वह फ़िल्म पसंद थी / I liked that film; क्या तुम्हें खाना पसंद आया? / Did you like the food?;
    तुम्हें क्या पसंद है? / What do you like?; तुम्हें कौन सी फ़िल्म पसंद है? / Which film do you like?;
    मुझे क्रिकेट सबसे ज़्यादा पसंद है / I like cricket the most."""
    r = rng.random()
    question, negative = sample_mood(rng, 0.25, 0.2)
    who = _someone(rng, 0.7, asked=question or r < 0.2)
    subject_h, subject_e = who.items(ids, "dat")
    person = who.english_person
    lc, ac, nc = _c(ids), _c(ids), _c(ids)
    if r < 0.2:                                        # a wh-question in the present
        wc = _c(ids)
        if rng.random() < 0.4:
            return "question", subject_h + [(KYA, wc), (_PASAND, lc), (AUX_PRESENT["3sg"], ac)], \
                [("what", wc), (english_do(person), ac)] + subject_e + [("like", lc)]
        noun = pick(rng, _WHICH)
        kc = _c(ids)
        which = [(nfc("कौन"), wc), (nfc("सी") if noun.gender == "f" else nfc("सा"), wc), (noun.hindi, kc)]
        return "question", subject_h + which + [(_PASAND, lc), (AUX_PRESENT["3sg"], ac)], \
            [("which", wc), (noun.english, kc), (english_do(person), ac)] + subject_e + [("like", lc)]
    if r < 0.35:                                       # सबसे ज़्यादा: the most
        object_h, object_e, agreement, _ = _generic(rng, ids, _LIKEABLE)
        mc = _c(ids)
        hindi = subject_h + object_h + [(nfc("सबसे"), mc), (nfc("ज़्यादा"), mc), (_PASAND, lc), (AUX_PRESENT[agreement], ac)]
        return "statement", hindi, subject_e + [(english_present(person, "like", "likes"), lc + ac)] + object_e \
            + [("the", mc), ("most", mc)]
    if r < 0.65:                                       # पसंद आया: liked it, once
        object_h, object_e, gender = _specific(rng, ids, _LIKED_ONCE)
        verb_h = [(_CAME[PERFECTIVE_INDEX[gender_number(gender, "3sg")]], lc + ac)]
    else:                                              # पसंद था: liked, then
        if rng.random() < 0.5:
            object_h, object_e, agreement, gender = _generic(rng, ids, _LIKEABLE)
        else:
            (object_h, object_e, gender), agreement = _specific(rng, ids, _LIKED_ONCE), "3sg"
        verb_h = [(AUX_PAST[gender_number(gender, agreement)], ac)]
    very = not negative and not question and rng.random() < 0.2
    vc = _c(ids)
    hindi = subject_h + object_h + ([(nfc("बहुत"), vc)] if very else []) + [(_PASAND, lc)] \
        + ([(NAHIN, nc)] if negative else []) + verb_h
    very_e = [("very", vc), ("much", vc)] if very else []
    if question:
        return "question", _question(hindi, ac), [("did", ac)] + subject_e + [("like", lc)] + object_e
    if negative:
        return "statement", hindi, subject_e + [("did", ac), ("not", nc), ("like", lc)] + object_e
    return "statement", hindi, subject_e + [("liked", lc + ac)] + object_e + very_e


# ================================================================== offers, thanks, apologies

_HAVE_DRINKS = _nouns("चाय कॉफ़ी पानी दूध लस्सी जूस शरबत")
_HAVE_FOOD = _nouns("समोसा लड्डू पराठा केला सेब मिठाई")
_EAT, _DRINK = lexicon_verb("खा", "eat"), lexicon_verb("पी")
_CUPS = {nfc("चाय"), nfc("कॉफ़ी")}


def _offered(rng, ids, answer: bool) -> tuple[Verb, list, list]:
    """What is offered: चाय / tea, एक कप चाय / a cup of tea, और चाय / more tea, समोसा / a samosa,
    कुछ / something (anything, after नहीं)."""
    r = rng.random()
    if r < 0.25:
        c = _c(ids)
        return pick(rng, (_EAT, _DRINK)), [(nfc("कुछ"), c)], [("anything" if answer else "something", c)]
    if r < 0.45:
        noun = pick(rng, _HAVE_FOOD)
        c = _c(ids)
        return _TAKE, [(noun.hindi, c)], [(indefinite_article(noun.english), c), (noun.english, c)]
    noun = pick(rng, _HAVE_DRINKS)
    c = _c(ids)
    if noun.hindi in _CUPS and rng.random() < 0.3:
        ec, kc = _c(ids), _c(ids)
        return _TAKE, [(nfc("एक"), ec), (nfc("कप"), kc), (noun.hindi, c)], \
            [("a", ec), ("cup", kc), ("of", kc), (noun.english, c)]
    if not answer and rng.random() < 0.25:
        mc = _c(ids)
        return _TAKE, [(nfc("और"), mc), (noun.hindi, c)], [("more", mc), (noun.english, c)]
    return _TAKE, [(noun.hindi, c)], [(noun.english, c)]


def offer(rng, ids):
    """चाय लोगे? / Will you have tea?; क्या आप कुछ खाएँगी? / Will you eat something?; एक कप चाय
    लीजिए / Please have a cup of tea; मैं कुछ नहीं लूँगा / I will not have anything."""
    vc, ac, sc, pc, nc = _c(ids), _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.25:                                         # the answer
        verb, object_h, object_e = _offered(rng, ids, answer=True)
        negative = object_e[-1][0] == "anything"
        me = PRONOUN[nfc("हम") if rng.random() < 0.2 else nfc("मैं")]
        who = Speaker(me, NounPhrase(me, pick(rng, ("m", "f"))))
        subject_h, subject_e = who.items(ids)
        hindi = subject_h + object_h + ([(NAHIN, nc)] if negative else []) \
            + hindi_verb_items(verb, "future", who.gender, who.agreement, vc, ac, vc + ac)
        have = "have" if verb is _TAKE else verb.english
        return "statement", hindi, subject_e + [("will", ac)] + ([("not", nc)] if negative else []) + [(have, vc)] + object_e
    verb, object_h, object_e = _offered(rng, ids, answer=False)
    have = "have" if verb is _TAKE else verb.english
    agreement = _politeness(rng, 0.55)
    if r < 0.45:                                         # as a polite command: चाय लीजिए / Please have some tea
        if object_e[-1][0] == "something" or len(object_e) > 1:
            some = []
        else:
            some = [("some", object_e[0][1])]
        polite = pc if agreement == "pl" else ()
        return "imperative", object_h + [(_imperative_form(verb.stem, agreement), vc + polite)], \
            ([("please", pc)] if polite else []) + [(have, vc)] + some + object_e
    pronoun = PRONOUN[nfc("तुम") if agreement == "2" else nfc("आप")]
    gender = pick(rng, ("m", "f"))
    said = rng.random() < 0.4                            # तुम चाय लोगे? or चाय लोगे?
    subject_h = [(pronoun.hindi, sc)] if said else []
    verb_h = hindi_verb_items(verb, "future", gender, agreement, vc, ac, vc + ac + (() if said else sc))
    hindi = subject_h + object_h + verb_h
    if rng.random() < 0.3:
        hindi = _question(hindi, ac)
    return "question", hindi, [("will", ac), ("you", sc), (have, vc)] + object_e


# thanked for: Hindi noun | its English, with the article or possessive the caller adds
_THANKED = _nouns("मदद तोहफ़ा खाना चाय किताब सलाह फूल")
_THANK_YOU = [(nfc(h), ("thank", "you")) for h in ("धन्यवाद", "शुक्रिया")]


def thanks(rng, ids):
    """मदद के लिए धन्यवाद / Thank you for the help; आपकी सलाह के लिए बहुत शुक्रिया / Thank you very
    much for your advice; आपका बहुत-बहुत धन्यवाद / Thank you very much; फूलों के लिए धन्यवाद / Thank
    you for the flowers."""
    word, thank_you = pick(rng, _THANK_YOU)
    tc, vc = _c(ids), _c(ids)
    very_h, very_e = [], []
    if rng.random() < 0.35:
        very_h, very_e = [(pick(rng, (nfc("बहुत"), nfc("बहुत-बहुत"))), vc)], [("very", vc), ("much", vc)]
    thanks_h, thanks_e = very_h + [(word, tc)], [(t, tc) for t in thank_you] + very_e
    if rng.random() < 0.25:                              # आपका धन्यवाद / thank you: आपका ~ you
        pronoun = PRONOUN[pick(rng, (nfc("आप"), nfc("तुम")))]
        yc = _c(ids)
        return "phrase", [(pronoun.genitive("ा"), yc)] + thanks_h, [("thank", tc), ("you", yc)] + very_e
    noun = pick(rng, _THANKED)
    plural = noun.english == "flower"
    possessive = (nfc("आपक"), "your") if noun.english in ("help", "advice", "gift") and rng.random() < 0.5 else None
    fc = _c(ids)
    for_h, for_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender, plural, possessive=possessive), ids,
                                        (nfc("के"), nfc("लिए")), fc[0])
    return "phrase", for_h + thanks_h, thanks_e + [("for", fc)] + for_e


_SORRY_FOR = _nouns("देर ग़लती शोर")
_FORGIVE = nfc("माफ़")


def apology(rng, ids):
    """मुझे माफ़ कर दीजिए / Please forgive me; मुझे माफ़ करना / Forgive me; देर के लिए माफ़ी / Sorry
    for the delay; मैं देर से आने के लिए माफ़ी चाहती हूँ / I am sorry for coming late; उसने मुझे माफ़
    कर दिया / He forgave me."""
    vc, ac, pc, fc = _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.35:                                          # forgive me
        listener = _listener(rng, exclude_you=True)
        object_h, object_e = listener.items(ids, "dat", "object")
        if rng.random() < 0.3:                            # माफ़ करना: the infinitive as a gentle command
            return "imperative", object_h + [(_FORGIVE, vc), (nfc("करना"), vc)], [("forgive", vc)] + object_e
        agreement = _politeness(rng, 0.6)
        polite = pc if agreement == "pl" else ()
        return "imperative", object_h + [(_FORGIVE, vc), (nfc("कर"), vc),
                                         (_imperative_form(_GIVE.stem, agreement), vc + polite)], \
            ([("please", pc)] if polite else []) + [("forgive", vc)] + object_e
    if r < 0.75:                                          # sorry for ...
        sc = _c(ids)
        if rng.random() < 0.3:                            # देर से आने के लिए / for coming late
            lc, cc = _c(ids), _c(ids)
            for_h = [(nfc("देर"), lc), (SE, lc), (nfc("आने"), cc), (nfc("के"), fc), (nfc("लिए"), fc)]
            for_e = [("for", fc), ("coming", cc), ("late", lc)]
        else:
            noun = pick(rng, _SORRY_FOR)
            for_h, for_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender), ids, (nfc("के"), nfc("लिए")), fc[0])
            for_e = [("for", fc)] + for_e
        if rng.random() < 0.5:
            return "phrase", for_h + [(nfc("माफ़ी"), sc)], [("sorry", sc)] + for_e
        who = Speaker(PRONOUN[nfc("मैं")], NounPhrase(PRONOUN[nfc("मैं")], pick(rng, ("m", "f")))) \
            if rng.random() < 0.8 else Speaker(PRONOUN[nfc("हम")], NounPhrase(PRONOUN[nfc("हम")], "m"))
        subject_h, subject_e = who.items(ids)
        want = nfc("चाह") + HABITUAL[gender_number(who.gender, who.agreement)]
        return "statement", subject_h + for_h + [(nfc("माफ़ी"), sc), (want, sc), (AUX_PRESENT[who.agreement], ac)], \
            subject_e + [(english_be(who.english_person), ac), ("sorry", sc)] + for_e
    question = rng.random() < 0.25                        # forgave
    who = _someone(rng, 0.7, plural_ok=False, asked=question)
    listener = _listener(rng)
    while _clash(who, listener):
        listener = _listener(rng)
    subject_h, subject_e = who.items(ids, "erg")
    object_h, object_e = listener.items(ids, "dat", "object")
    hindi = subject_h + object_h + [(_FORGIVE, vc), (nfc("कर"), vc), (nfc("दिया"), vc + ac)]
    if question:
        return "question", _question(hindi, ac), [("did", ac)] + subject_e + [("forgive", vc)] + object_e
    return "statement", hindi, subject_e + [("forgave", vc + ac)] + object_e


# ================================================================== requests with ज़रा

_OPEN, _CLOSE = lexicon_verb("खोल"), lexicon_verb("बंद कर", "close")
_SHOW, _BRING = lexicon_verb("दिखा"), lexicon_verb("ला")
# verb | what it takes | whether English says 'me' after it (give me, show me, tell me, bring me)
_REQUESTS = [
    (_GIVE, _nouns("पानी चाय नमक चीनी दूध कलम किताब चाबी फ़ोन गिलास"), True),
    (_SHOW, _nouns("किताब फ़ोन तस्वीर नक्शा टिकट"), True),
    (_BRING, _nouns("पानी चाय दूध गिलास कुर्सी"), True),
    (_TELL, _nouns("समय रास्ता सच"), True),
    (_OPEN, _nouns("दरवाज़ा खिड़की बैग डिब्बा"), False),
    (_CLOSE, _nouns("दरवाज़ा खिड़की"), False),
]
# without an object: Hindi | English
# without an object: a verb (Hindi, frame), the words before it and their English
_REQUESTS_ALONE = [(lexicon_verb(h, frame=f), tuple(nfc(before).split()), tuple(after.split())) for h, f, before, after in (
    ("सुन", "tr", "", ""), ("रुक", "intr", "", ""), ("रुक", "intr", "एक मिनट", "a minute"), ("आ", "motion", "इधर", "here"),
    ("आ", "motion", "यहाँ", "here"), ("बोल", "intr", "धीरे", "slowly"), ("बोल", "intr", "ज़ोर से", "loudly"),
    ("बैठ", "intr", "", ""))]


def request(rng, ids):
    """ज़रा पानी दीजिए / Please give me some water; ज़रा मुझे नक्शा दिखाओ / Please show me the map;
    ज़रा दरवाज़ा खोलिए / Please open the door; ज़रा एक मिनट रुकिए / Please wait a minute."""
    zc, vc = _c(ids), _c(ids)
    agreement = _politeness(rng, 0.55)
    polite = zc if agreement == "pl" else ()        # ज़रा and -इए are both "please"
    if rng.random() < 0.3:
        verb, before, after = pick(rng, _REQUESTS_ALONE)
        bc = _c(ids)
        english_verb = "wait" if verb.stem == nfc("रुक") else verb.english.split()[0]
        hindi = [(ZARA, zc)] + [(t, bc) for t in before] + [(_imperative_form(verb.stem, agreement), vc + polite)]
        return "imperative", hindi, [("please", zc), (english_verb, vc)] + [(t, bc) for t in after]
    verb, objects, me = pick(rng, _REQUESTS)
    noun = pick(rng, objects)
    mass = noun.article == "mass"
    object_h, object_e, c = noun_phrase_items(NounPhrase(noun, noun.gender), ids, definite=not mass)
    if mass:
        object_e = [("some", (c,))] + object_e
    me_h: list = []
    me_e: list = []
    if me:
        if rng.random() < 0.35:
            mc = _c(ids)
            me_h, me_e = [(nfc("मुझे"), mc)], [("me", mc)]
        else:
            me_e = [("me", vc)]
    hindi = [(ZARA, zc)] + me_h + object_h + [(t, vc) for t in verb.light] \
        + [(_imperative_form(verb.stem, agreement), vc + polite)]
    return "imperative", hindi, [("please", zc), (verb.english, vc)] + me_e + object_e


# ================================================================== how often

# Hindi | English; where the English goes: "end" (I drink tea every day) or "before" the verb
_EVERY = [(nfc(h), e) for h, e in (("रोज़", "every day"), ("हर दिन", "every day"), ("हर सुबह", "every morning"),
                                   ("हर शाम", "every evening"), ("हर हफ़्ते", "every week"), ("हर रविवार", "every Sunday"))]
_ADVERBS_OF_FREQUENCY = [(nfc(h), e) for h, e in (("कभी-कभी", "sometimes"), ("अक्सर", "often"), ("हमेशा", "always"))]
_PER = [(nfc(h), e) for h, e in (("दिन", "day"), ("हफ़्ते", "week"), ("महीने", "month"), ("साल", "year"))]
_ONCE_TWICE = {1: "once", 2: "twice"}

# what people do every day, sometimes or never: a verb (by its Hindi, and its English or frame
# where the Hindi has two entries) and the objects or goals it takes here
_HABIT_TABLE = (
    ("तैर", None, ""), ("दौड़", None, ""), ("खेल", "intr", ""), ("नहा", None, ""), ("योग कर", None, ""),
    ("कसरत कर", None, ""), ("पढ़ाई कर", None, ""), ("खाना बना", None, ""), ("टहल", None, ""), ("नाच", None, ""),
    ("पी", None, "चाय कॉफ़ी दूध"), ("पढ़", None, "अख़बार किताब"), ("देख", "watch", "फ़िल्म टीवी मैच"),
    ("खेल", "tr", "क्रिकेट फ़ुटबॉल शतरंज"), ("खा", None, "फल सेब मिठाई"), ("जा", None, "स्कूल मंदिर बाज़ार पार्क दफ़्तर"),
)
_HABITS = [(lexicon_verb(h, frame=e) if e in ("intr", "tr") else lexicon_verb(h, e), _nouns(objects))
           for h, e, objects in _HABIT_TABLE]


def _number_of_times(rng, ids) -> tuple[list, list]:
    """दो बार / twice, एक बार / once, तीन बार / three times."""
    n = pick(rng, (1, 2, 2, 3, 3, 4, 5))
    qc, bc = _c(ids), _c(ids)
    if n in _ONCE_TWICE:
        return [(number_tokens(n, False)[0][0], qc), (nfc("बार"), bc)], [(_ONCE_TWICE[n], qc + bc)]
    number_h, number_e = number_tokens(n, rng.random() < 0.2)
    return [(number_h[0], qc), (nfc("बार"), bc)], [(number_e[0], qc), ("times", bc)]


def how_often(rng, ids):
    """मैं रोज़ चाय पीता हूँ / I drink tea every day; हम कभी-कभी फ़िल्में देखते हैं / We sometimes watch
    films; वह हफ़्ते में दो बार तैरती है / She swims twice a week; मैं कभी कॉफ़ी नहीं पीता / I never
    drink coffee; तुम कितनी बार योग करते हो? / How often do you do yoga?"""
    verb, objects = pick(rng, _HABITS)
    r = rng.random()
    question = r >= 0.88
    who = _someone(rng, 0.65, asked=question)
    subject_h, subject_e = who.items(ids)
    vc, ac, fc = _c(ids), _c(ids), _c(ids)
    tail_concept = _c(ids) if verb.tail_is_noun else vc
    before_h: list = []
    after_e: list = []
    if objects:
        noun = pick(rng, objects)
        if verb.frame == "motion":
            before_h, after_e = destination_items(NounPhrase(noun, noun.gender), verb, ids)
        else:
            c = _c(ids)
            plural = noun.countable
            before_h = [(noun.forms[2] if plural else noun.forms[0], c)]
            after_e = [(noun.english_plural if plural else noun.english, c)]
    light = [(t, tail_concept) for t in verb.light]
    person = who.english_person
    verb_h = hindi_verb_items(verb, "present", who.gender, who.agreement, vc, ac, vc + ac)
    front, group = english_verb_items(verb, "present", person, False, question, vc, ac, vc, vc + ac)
    group = group + [(t, tail_concept) for t in verb.english_tail]
    if r < 0.3:                                             # रोज़ / every day
        word, english = pick(rng, _EVERY)
        frequency_h, frequency_e = _words(word, english, fc)
        return "statement", subject_h + frequency_h + before_h + light + verb_h, \
            subject_e + group + after_e + frequency_e
    if r < 0.55:                                            # कभी-कभी / sometimes
        word, english = pick(rng, _ADVERBS_OF_FREQUENCY)
        return "statement", subject_h + [(word, fc)] + before_h + light + verb_h, \
            subject_e + [(english, fc)] + group + after_e
    if r < 0.75:                                            # हफ़्ते में दो बार / twice a week
        unit, english = pick(rng, _PER)
        uc, ic = _c(ids), _c(ids)
        times_h, times_e = _number_of_times(rng, ids)
        return "statement", subject_h + [(unit, uc), (nfc("में"), ic)] + times_h + before_h + light + verb_h, \
            subject_e + group + after_e + times_e + [("a", ic), (english, uc)]
    if r < 0.88:                                            # कभी ... नहीं / never: the habitual without है
        return "statement", subject_h + [(nfc("कभी"), fc)] + before_h + light + [(NAHIN, fc)] + verb_h[:1], \
            subject_e + [("never", fc)] + group + after_e
    if rng.random() < 0.5:                                  # कितनी बार / how often
        return "question", subject_h + [(nfc("कितनी"), fc), (nfc("बार"), fc)] + before_h + light + verb_h, \
            [("how", fc), ("often", fc)] + front + subject_e + group + after_e
    word, english = pick(rng, _EVERY)
    frequency_h, frequency_e = _words(word, english, fc)
    return "question", _question(subject_h + frequency_h + before_h + light + verb_h, ac), \
        front + subject_e + group + after_e + frequency_e


# ================================================================== where things are

_ON_TOP, _INSIDE = (nfc("के"), nfc("ऊपर")), (nfc("के"), nfc("अंदर"))
_BY_FURNITURE = [(_ON_TOP, ("on", "top", "of")), ((nfc("के"), nfc("नीचे")), ("under",)),
                 ((nfc("के"), nfc("पीछे")), ("behind",)), ((nfc("के"), nfc("सामने")), ("in", "front", "of")),
                 ((nfc("के"), nfc("पास")), ("near",)), ((nfc("पर"),), ("on",))]
_IN_CONTAINERS = [(_INSIDE, ("inside",)), ((nfc("में"),), ("in",))]
_BY_PLACES = [((nfc("के"), nfc("पास")), ("near",)), ((nfc("के"), nfc("सामने")), ("in", "front", "of")),
              ((nfc("के"), nfc("पीछे")), ("behind",)), ((nfc("के"), nfc("बगल"), nfc("में")), ("next", "to")),
              ((SE, nfc("दूर")), ("far", "from"))]
_FURNITURE = _nouns("मेज़ कुर्सी बिस्तर अलमारी सोफ़ा दरवाज़ा")
_CONTAINERS = _nouns("बैग डिब्बा बक्सा अलमारी फ़्रिज कमरा")
_BY_FURNITURE_THINGS = _nouns("किताब कलम चाबी फ़ोन गेंद बैग छाता घड़ी जूता कुत्ता बिल्ली")
_INSIDE_THINGS = _nouns("किताब कलम चाबी फ़ोन घड़ी कॉपी")
_BUILDINGS = _nouns("स्कूल बैंक अस्पताल दुकान मंदिर स्टेशन पार्क पुस्तकालय बाज़ार घर")


def where_things_are(rng, ids):
    """चाबी मेज़ के ऊपर है / The key is on top of the table; मेरा फ़ोन बैग के अंदर था / My phone was
    inside the bag; स्कूल पास में है / The school is nearby; क्या बैंक स्टेशन के पास है? / Is the bank near
    the station?; स्टेशन यहाँ से दूर नहीं है / The station is not far from here."""
    ac, nc = _c(ids), _c(ids)
    r = rng.random()
    if r < 0.5:
        inside = rng.random() < 0.35
        noun = pick(rng, _INSIDE_THINGS if inside else _BY_FURNITURE_THINGS)
        reference = pick(rng, _CONTAINERS if inside else _FURNITURE)
        while reference is noun:
            reference = pick(rng, _CONTAINERS if inside else _FURNITURE)
        postposition, preposition = pick(rng, _IN_CONTAINERS if inside else _BY_FURNITURE)
        place_h, place_e = adjunct_items(Adjunct(postposition, preposition, NounPhrase(reference, reference.gender)), ids)
        possessive_share = 0.35
    else:
        noun = pick(rng, _BUILDINGS)
        possessive_share = 0.7 if noun.english == "house" else 0.1
        pc = _c(ids)
        s = rng.random()
        if s < 0.3:
            place_h, place_e = [(PAAS, pc), (nfc("में"), pc)], [("nearby", pc)]
        elif s < 0.45:
            hc = _c(ids)
            place_h, place_e = [(nfc("यहाँ"), hc), (SE, pc), (nfc("दूर"), pc)], [("far", pc), ("from", pc), ("here", hc)]
        else:
            reference = pick(rng, _BUILDINGS)
            while reference is noun:
                reference = pick(rng, _BUILDINGS)
            postposition, preposition = pick(rng, _BY_PLACES)
            place_h, place_e = adjunct_items(Adjunct(postposition, preposition, NounPhrase(reference, reference.gender)),
                                             ids)
    plural = noun.countable and noun.forms[0] != noun.forms[2] and rng.random() < 0.15
    possessive = sample_possessive(rng) if rng.random() < possessive_share else None
    np = NounPhrase(noun, noun.gender, plural, possessive=possessive)
    subject_h, subject_e, _ = noun_phrase_items(np, ids)
    past = rng.random() < 0.15
    question, negative = sample_mood(rng, 0.2, 0.15)
    aux = AUX_PAST[gender_number(noun.gender, np.agreement)] if past else AUX_PRESENT[np.agreement]
    be = (english_be(np.english_person, past), ac)
    hindi = subject_h + place_h + ([(NAHIN, nc)] if negative else []) + [(aux, ac)]
    if question:
        return "question", _question(hindi, ac), [be] + subject_e + place_e
    return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + place_e


# ================================================================== whose a thing is

_BIG_VEHICLES = {"bus", "train", "boat", "ship", "lorry", "tractor", "aeroplane", "helicopter", "metro", "taxi",
                 "auto", "rickshaw"}
# what people own and lend (a phone, a shirt, a bicycle, a book), as whose it is; homes too in belongs_to
_BELONGINGS = [n for n in NOUNS if can_be_owned(n) and n.article == "count" and n.tags & {"small", "clothing", "vehicle"}
               and not n.tags & {"flower", "animal"} and n.english not in _BIG_VEHICLES]
_HOMES = [n for n in NOUNS if n.english in ("house", "room", "shop", "office", "garden")]
_OWNED = _BELONGINGS + _HOMES
_MINE = {"my": "mine", "your": "yours", "his": "his", "her": "hers", "our": "ours", "their": "theirs"}
_THIS = {False: ((nfc("यह"), "this"), (nfc("वह"), "that")), True: ((THESE, "these"), (nfc("वे"), "those"))}


def belongs_to(rng, ids):
    """यह किताब मेरे दोस्त की है / This book is my friend's; ये जूते राम के हैं / These shoes are Ram's;
    यह घड़ी मेरी नहीं है / This watch is not mine; यह मेरा है / This is mine; यह छाता किसका है? / Whose
    umbrella is this?; क्या यह बैग तुम्हारा है? / Is this bag yours?"""
    noun = pick(rng, _OWNED)
    plural = noun.countable and rng.random() < 0.2
    word, this = pick(rng, _THIS[plural])
    dc, nc, ac, xc, wc = _c(ids), _c(ids), _c(ids), _c(ids), _c(ids)
    bare = not plural and rng.random() < 0.2                  # यह मेरा है: no noun
    thing_h = [(word, dc)] + ([] if bare else [(noun.forms[2] if plural else noun.hindi, nc)])
    thing_e = [(this, dc)] + ([] if bare else [(noun.english_plural if plural else noun.english, nc)])
    gender = pick(rng, ("m", "f")) if bare else noun.gender
    ending = genitive_ending(gender, plural)
    aux = (AUX_PRESENT["pl" if plural else "3sg"], ac)
    be = ("are" if plural else "is", ac)
    r = rng.random()
    if r < 0.2 and not bare:                                  # किसका / whose
        whose = nfc("किसक") + ending
        return "question", thing_h + [(whose, wc), aux], [("whose", wc)] + thing_e[1:] + [be, thing_e[0]]
    if r < 0.55 and not bare:                                 # मेरे दोस्त की / my friend's
        owner_h, owner_e = owner_items(owner_phrase(rng, None, noun), ending, ids)
    else:                                                     # मेरी / mine
        pronoun = pick(rng, PRONOUNS)
        owner_h, owner_e = [(pronoun.genitive(ending), wc)], [(_MINE[pronoun.english_possessive[0]], wc)]
    question, negative = sample_mood(rng, 0.12, 0.15)
    hindi = thing_h + owner_h + ([(NAHIN, xc)] if negative else []) + [aux]
    if question:
        return "question", _question(hindi, ac), [be] + thing_e + owner_e
    return "statement", hindi, thing_e + [be] + ([("not", xc)] if negative else []) + owner_e


def _chain_owner(rng, subject: NounPhrase | None, owned: Noun) -> NounPhrase:
    """A relative and whose relative they are: मेरे दोस्त की बहन की / my friend's sister's."""
    kin = pick(rng, _KIN)
    while kin is owned:
        kin = pick(rng, _KIN)
    owner = NounPhrase(kin, kin.gender)
    owner.owner = owner_phrase(rng, subject, kin, nested_ok=False)
    while owner.owner.head not in NAMES and owner.owner.head not in _KIN:
        owner.owner = owner_phrase(rng, subject, kin, nested_ok=False)
    return owner


# relatives (not husband and wife: उसका पति would be "his husband" by the corpus's masculine default)
_KIN = [n for n in NOUNS if "kin" in n.tags and n.english not in ("husband", "wife")]
_ADJECTIVES_FOR_OWNED = {n.hindi: [a for a in ADJECTIVES if a.fits & n.tags and " " not in a.hindi] for n in _OWNED}
_PUT_AWAY = [n for n in _BELONGINGS if n.tags & {"small", "clothing"}]      # what lies on a table or in a bag
# a verb and the owned things it takes as an object (inanimate: an unmarked object the verb agrees with)
_CHAIN_VERBS = [(v, [n for n in _BELONGINGS if n.tags & v.object_tags])
                for v in (lexicon_verb("पढ़"), _SEE, lexicon_verb("ढूँढ"), _TAKE, lexicon_verb("धो"),
                          lexicon_verb("इस्तेमाल कर"), lexicon_verb("ठीक कर"))]
_CHAIN_VERBS = [(v, nouns) for v, nouns in _CHAIN_VERBS if nouns]
_CHAIN_PLACES = [((nfc("में"),), ("in",), _nouns("कमरा बैग डिब्बा अलमारी")),
                 ((nfc("पर"),), ("on",), _nouns("मेज़ बिस्तर कुर्सी सोफ़ा"))]


def possessive_chain(rng, ids):
    """A possessive chain nested once, as subject and as object: मेरे दोस्त की बहन की किताब मेज़ पर है /
    My friend's sister's book is on the table; राम के भाई की साइकिल नई थी / Ram's brother's bicycle was
    new; मैंने अपने दोस्त की बहन की किताब पढ़ी / I read my friend's sister's book."""
    question = rng.random() < 0.15
    if rng.random() < 0.5:
        noun = pick(rng, _OWNED)
        np = NounPhrase(noun, noun.gender, owner=_chain_owner(rng, None, noun))
        clause = Clause(np, None, pick(rng, ("present", "present", "past")))
        adjectives = _ADJECTIVES_FOR_OWNED[noun.hindi]
        if adjectives and (noun not in _PUT_AWAY or rng.random() < 0.4):
            clause.predicate = pick(rng, adjectives)
        else:
            postposition, preposition, places = pick(rng, _CHAIN_PLACES)
            place = pick(rng, places)
            clause.predicate = Adjunct(postposition, preposition, NounPhrase(place, place.gender))
    else:
        verb, objects = pick(rng, _CHAIN_VERBS)
        noun = pick(rng, objects)
        pronoun = pick(rng, PRONOUNS)
        while question and pronoun.hindi in _FIRST_PERSON:
            pronoun = pick(rng, PRONOUNS)
        subject = NounPhrase(pronoun, pick(rng, ("m", "f")))
        clause = Clause(subject, verb, pick(rng, ("past", "past", "perfect", "future", "present_continuous")))
        clause.object = NounPhrase(noun, noun.gender, owner=_chain_owner(rng, subject, noun))
    hindi, english = clause_items(clause, ids, question)
    return ("question" if question else "statement"), hindi, english


# ================================================================== when an event is

_EVENTS = _nouns("जन्मदिन पार्टी शादी छुट्टी मीटिंग त्योहार दिवाली होली परीक्षा मैच")
_WILL_BE = {"m": nfc("होगा"), "f": nfc("होगी")}
_AT_A_TIME = {"match", "meeting", "party", "exam"}        # what starts at a clock time


def _time_table(table: str) -> list[tuple]:
    """hindi | english | links (Hindi index - English index ...), as core.language.lexicon's time table."""
    rows = []
    for line in table.strip().splitlines():
        hindi, english, links = (cell.strip() for cell in line.split("|"))
        rows.append((tuple(nfc(hindi).split()), tuple(english.split()),
                     tuple(tuple(int(i) for i in link.split("-")) for link in links.split())))
    return rows


_AHEAD = _time_table("""
आज | today | 0-0
कल | tomorrow | 0-0
परसों | the day after tomorrow | 0-0 0-1 0-2 0-3
अगले हफ़्ते | next week | 0-0 1-1
अगले महीने | next month | 0-0 1-1
आज शाम को | this evening | 0-0 1-1 2-1
कल सुबह | tomorrow morning | 0-0 1-1
""")
_BEFORE = _time_table("""
कल | yesterday | 0-0
परसों | the day before yesterday | 0-0 0-1 0-2 0-3
पिछले हफ़्ते | last week | 0-0 1-1
पिछले महीने | last month | 0-0 1-1
पिछले साल | last year | 0-0 1-1
""")


def _time_items(rng, ids, ahead: bool, clock: bool = False, today: bool = True) -> tuple[list, list]:
    """When: कल / tomorrow, सोमवार को / on Monday, दस बजे / at ten o'clock, जनवरी में / in January."""
    r = rng.random()
    if r < 0.25:
        day, english = pick(rng, DAYS)
        dc, pc = _c(ids), _c(ids)
        return [(day, dc), (KO, pc)], [("on", pc), (english, dc)]
    if r < 0.35:
        month, english = pick(rng, MONTHS)
        mc, pc = _c(ids), _c(ids)
        return [(month, mc), (nfc("में"), pc)], [("in", pc), (english, mc)]
    if r < 0.5 and clock:
        n = rng.randint(1, 12)
        number_h, number_e = number_tokens(n, rng.random() < 0.3)
        qc, bc = _c(ids), _c(ids)
        return [(number_h[0], qc), (nfc("बजे"), bc)], [("at", bc), (number_e[0], qc), ("o'clock", bc)]
    hindi, english, links = pick(rng, _AHEAD if ahead else _BEFORE)
    while not today and hindi == (nfc("आज"),):
        hindi, english, links = pick(rng, _AHEAD)
    concepts = [next(ids) for _ in hindi]
    english_items = [(t, tuple(concepts[i] for i, j in links if j == k)) for k, t in enumerate(english)]
    return [(t, (c,)) for t, c in zip(hindi, concepts)], english_items


def event_time(rng, ids):
    """मेरा जन्मदिन कल है / My birthday is tomorrow; परीक्षा सोमवार को है / The exam is on Monday;
    मेरी बहन की शादी जनवरी में होगी / My sister's wedding will be in January; पार्टी कल थी / The party was
    yesterday; मैच कब है? / When is the match?"""
    noun = pick(rng, _EVENTS)
    possessive = owner = None
    if noun.article == "count":
        r = rng.random()
        if noun.english == "wedding" and r < 0.5:
            owner = owner_phrase(rng, None, noun, nested_ok=False)
        elif r < (0.8 if noun.english == "birthday" else 0.3):
            possessive = sample_possessive(rng)
    np = NounPhrase(noun, noun.gender, possessive=possessive, owner=owner)
    event_h, event_e, _ = noun_phrase_items(np, ids)
    ac, wc = _c(ids), _c(ids)
    tense = pick(rng, ("present", "present", "present", "future", "past", "past"))
    gender = noun.gender
    aux = {"present": AUX_PRESENT["3sg"], "past": AUX_PAST[gender_number(gender, "3sg")],
           "future": _WILL_BE[gender]}[tense]
    be = {"present": [("is", ac)], "past": [("was", ac)], "future": [("will", ac), ("be", ac)]}[tense]
    r = rng.random()
    if r < 0.2:                                                # कब / when
        return "question", event_h + [(nfc("कब"), wc), (aux, ac)], [("when", wc), be[0]] + event_e + be[1:]
    time_h, time_e = _time_items(rng, ids, tense != "past", clock=noun.english in _AT_A_TIME and tense != "past",
                                 today=tense != "future")
    hindi = event_h + time_h + [(aux, ac)]
    if r < 0.3:
        return "question", _question(hindi, ac), [be[0]] + event_e + be[1:] + time_e
    return "statement", hindi, event_e + be + time_e


# ================================================================== remembering and forgetting

_YAAD, _FORGET = nfc("याद"), lexicon_verb("भूल")
_REMEMBERED = _nouns("नाम रास्ता जवाब कविता गाना पाठ")
_FORGOTTEN = _nouns("नाम रास्ता जवाब किताब चाबी छाता बैग कलम टिकट")
_HOME = _noun("घर")
_POSSESSOR = {p.genitive_stem: p for p in PRONOUNS}


def _own_english(who: Speaker) -> str:
    """What English says for अपना after this subject: my, your, his, her, our, their."""
    head = who.head
    if isinstance(head, Pronoun):
        return head.english_possessive[1 if who.gender == "f" else 0]
    return "their" if who.agreement == "pl" and not who.np.honorific else "her" if who.gender == "f" else "his"


def _remembered(rng, ids, nouns, who: Speaker | None) -> tuple[list, list, str]:
    """उसका नाम / his name, रास्ता / the way, अपनी किताब / my book (who: the subject, for अपना)."""
    noun = pick(rng, nouns)
    possessive = None
    if noun.english == "name" or (who is not None and rng.random() < 0.4):
        possessive = sample_possessive(rng)
        owner = _POSSESSOR[possessive[0]]
        mine = who is not None and isinstance(who.head, Pronoun) and (
            owner is who.head or _SPEAKER_GROUP.get(owner.hindi, 0) == _SPEAKER_GROUP.get(who.head.hindi, -1))
        if who is not None and (mine or rng.random() < 0.3):
            possessive = (nfc("अपन"), _own_english(who))
    hindi, english, _ = noun_phrase_items(NounPhrase(noun, noun.gender, possessive=possessive), ids)
    return hindi, english, noun.gender


def remember(rng, ids):
    """मुझे याद है / I remember; मुझे उसका नाम याद नहीं है / I do not remember his name; मुझे याद आया / I
    remembered; मुझे माँ की बहुत याद आती है / I miss Mother very much; मैं भूल गया / I forgot; वह अपनी
    किताब भूल गई है / She has forgotten her book; मत भूलना / Do not forget; मेरा नाम याद रखो / Remember my name."""
    rc, ac, nc, pc = _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.3:                                                # याद है: remember
        question, negative = sample_mood(rng, 0.2, 0.35)
        who = _someone(rng, 0.8, asked=question)
        subject_h, subject_e = who.items(ids, "dat")
        object_h, object_e = [], []
        if rng.random() < 0.5:
            object_h, object_e, _ = _remembered(rng, ids, _REMEMBERED, None)
        person = who.english_person
        if negative:
            short = rng.random() < 0.4                         # मुझे याद नहीं: do goes with याद
            hindi = subject_h + object_h + [(_YAAD, rc), (NAHIN, nc)] + ([] if short else [(AUX_PRESENT["3sg"], ac)])
            return "statement", hindi, subject_e + [(english_do(person), rc if short else ac), ("not", nc),
                                                    ("remember", rc)] + object_e
        hindi = subject_h + object_h + [(_YAAD, rc), (AUX_PRESENT["3sg"], ac)]
        if question:
            return "question", _question(hindi, ac), [(english_do(person), ac)] + subject_e + [("remember", rc)] + object_e
        return "statement", hindi, subject_e + [(english_present(person, "remember", "remembers"), rc + ac)] + object_e
    if r < 0.42:                                               # याद आया: remembered
        who = sample_speaker(rng, 0.8)
        subject_h, subject_e = who.items(ids, "dat")
        gender, object_h, object_e = "m", [], []
        if rng.random() < 0.5:
            object_h, object_e, gender = _remembered(rng, ids, _REMEMBERED, None)
        came = _CAME[PERFECTIVE_INDEX[gender_number(gender, "3sg")]]
        return "statement", subject_h + object_h + [(_YAAD, rc), (came, rc + ac)], \
            subject_e + [("remembered", rc + ac)] + object_e
    if r < 0.58:                                               # X की याद आती है: miss
        past, very = rng.random() < 0.3, rng.random() < 0.3
        question = not past and not very and rng.random() < 0.2
        who = _someone(rng, 0.8, plural_ok=False, asked=question)
        subject_h, subject_e = who.items(ids, "dat")
        missed = _listener(rng)
        while _clash(who, missed):
            missed = _listener(rng)
        oc = _c(ids)
        if rng.random() < 0.2:
            missed_h, missed_e = [(_HOME.hindi, oc), (nfc("की"), oc)], [("home", oc)]
        elif isinstance(missed.head, Pronoun):
            missed_h, missed_e = [(missed.head.genitive("ी"), oc)], [(missed.head.english_object[0], oc)]
        else:
            missed_h, missed_e, _ = noun_phrase_items(missed.np, ids, (nfc("की"),))
        vc = _c(ids)
        verb_h = [(_CAME[2], rc + ac)] if past else [(nfc("आती"), rc), (AUX_PRESENT["3sg"], ac)]
        hindi = subject_h + missed_h + ([(nfc("बहुत"), vc)] if very else []) + [(_YAAD, rc)] + verb_h
        very_e = [("very", vc), ("much", vc)] if very else []
        person = who.english_person
        if question:
            return "question", _question(hindi, ac), [(english_do(person), ac)] + subject_e + [("miss", rc)] + missed_e
        miss = "missed" if past else english_present(person, "miss", "misses")
        return "statement", hindi, subject_e + [(miss, rc + ac)] + missed_e + very_e
    if r < 0.85:                                               # भूल गया: forgot
        question = rng.random() < 0.15
        who = _someone(rng, 0.75, asked=question)
        subject_h, subject_e = who.items(ids)
        object_h, object_e = [], []
        if rng.random() < 0.6:
            object_h, object_e, _ = _remembered(rng, ids, _FORGOTTEN, who)
        tense = pick(rng, ("past", "past", "perfect"))
        hindi = subject_h + object_h + [(_FORGET.stem, rc)] \
            + hindi_verb_items(_GO, tense, who.gender, who.agreement, rc, ac, rc + ac)
        front, group = english_verb_items(_FORGET, tense, who.english_person, False, question, rc, ac, nc, rc + ac)
        if question:
            return "question", _question(hindi, ac), front + subject_e + group + object_e
        return "statement", hindi, subject_e + group + object_e
    object_h, object_e = [], []                                # मत भूलना / याद रखो
    if rng.random() < 0.5:
        if rng.random() < 0.4:
            dc = _c(ids)
            object_h, object_e = [(nfc("यह"), dc)], [("this", dc)]
        else:
            you = Speaker(PRONOUN[nfc("तुम")], NounPhrase(PRONOUN[nfc("तुम")], "m"))
            object_h, object_e, _ = _remembered(rng, ids, _FORGOTTEN, you)
    agreement = _politeness(rng, 0.4)
    polite = pc if agreement == "pl" else ()
    please = [("please", pc)] if polite else []
    if rng.random() < 0.5:
        form = (nfc("भूलना"), rc) if rng.random() < 0.5 else (_imperative_form(_FORGET.stem, agreement), rc + polite)
        please = please if form[1] != rc else []
        return "imperative", object_h + [(nfc("मत"), nc), form], please + [("do", nc), ("not", nc), ("forget", rc)] + object_e
    return "imperative", object_h + [(_YAAD, rc), (_imperative_form(nfc("रख"), agreement), rc + polite)], \
        please + [("remember", rc)] + object_e


# ================================================================== health

_AILMENT_GENDER = {nfc("बुखार"): "m", nfc("खाँसी"): "f", nfc("ज़ुकाम"): "m"}
# advice: Hindi tokens, English tokens, links; the verb's last token takes the polite form
_ADVICE = [
    (("डॉक्टर", "के", "पास", "जा"), ("go", "to", "the", "doctor"), ((0, 3), (1, 1), (2, 1), (3, 0), (0, 2))),
    (("दवा", "ले", "ले"), ("take", "the", "medicine"), ((0, 1), (0, 2), (1, 0), (2, 0))),
    (("आराम", "कर"), ("rest",), ((0, 0), (1, 0))),
    (("जल्दी", "ठीक", "हो", "जा"), ("get", "well", "soon"), ((0, 2), (1, 1), (2, 0), (3, 0))),
]


def health(rng, ids):
    """मेरी तबीयत ठीक नहीं है / I am not well; राम की तबीयत ख़राब थी / Ram was unwell; आपकी तबीयत कैसी
    है? / How are you feeling?; क्या आप ठीक हैं? / Are you okay?; मुझे कल बुखार था / I had a fever
    yesterday; डॉक्टर के पास जाइए / Please go to the doctor; जल्दी ठीक हो जाओ / Get well soon."""
    ac, nc, sc, tc, pc = _c(ids), _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.45:                                               # तबीयत: how someone is
        how = rng.random() < 0.2
        who = _someone(rng, 0.7, plural_ok=False, asked=how)
        if isinstance(who.head, Pronoun):
            subject_h, subject_e = who.items(ids, "genी")
        else:
            subject_h, subject_e, _ = noun_phrase_items(who.np, ids, (nfc("की"),), subject=True)
        person = who.english_person
        if how:
            return "question", subject_h + [(HEALTH, sc), (nfc("कैसी"), tc), (AUX_PRESENT["3sg"], ac)], \
                [("how", tc), (english_be(person), ac)] + subject_e + [("feeling", sc)]
        now = rng.random() < 0.2
        past = not now and rng.random() < 0.25
        unwell = rng.random() < 0.35
        negative = not unwell and rng.random() < 0.5
        state_h = [(nfc("ख़राब") if unwell else nfc("ठीक"), sc)]
        hindi = ([(nfc("अब"), tc)] if now else []) + subject_h + [(HEALTH, sc)] + state_h \
            + ([(NAHIN, nc)] if negative else []) + [(AUX_PAST["fs"] if past else AUX_PRESENT["3sg"], ac)]
        be = (english_be(person, past), ac)
        state_e = [("unwell" if unwell else "well", sc)] + ([("now", tc)] if now else [])
        if now and not negative and not (isinstance(who.head, Pronoun) and who.head.hindi in _FIRST_PERSON) \
                and rng.random() < 0.3:
            return "question", _question(hindi, ac), [be] + subject_e + state_e
        return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + state_e
    if r < 0.6:                                                # क्या आप ठीक हैं? / Are you okay?
        who = _someone(rng, 0.7, asked=True)
        subject_h, subject_e = who.items(ids)
        return "question", _question(subject_h + [(nfc("ठीक"), sc), (AUX_PRESENT[who.agreement], ac)], ac), \
            [(english_be(who.english_person), ac)] + subject_e + [("okay", sc)]
    if r < 0.8:                                                # मुझे बुखार था / I had a fever
        who = sample_speaker(rng, 0.7, plural_ok=False)
        subject_h, subject_e = who.items(ids, "dat")
        ailment, english = pick(rng, AILMENTS)
        time_h, time_e = ([], []) if rng.random() < 0.4 else _time_items(rng, ids, False)
        return "statement", subject_h + time_h + [(ailment, sc), (AUX_PAST[_AILMENT_GENDER[ailment] + "s"], ac)], \
            subject_e + [("had", ac)] + [(t, sc) for t in english.split()] + time_e
    hindi, english, links = pick(rng, _ADVICE)               # advice
    agreement = _politeness(rng, 0.5)
    concepts = [next(ids) for _ in hindi]
    hindi = [nfc(t) for t in hindi]
    hindi[-1] = _imperative_form(hindi[-1], agreement)
    hindi_items = [(t, (c,)) for t, c in zip(hindi, concepts)]
    if agreement == "pl":
        hindi_items[-1] = (hindi_items[-1][0], hindi_items[-1][1] + pc)
    english_items = [(t, tuple(concepts[i] for i, j in links if j == k)) for k, t in enumerate(english)]
    return "imperative", hindi_items, ([("please", pc)] if agreement == "pl" else []) + english_items


# ================================================================== the shop

_BY_THE_KILO = _nouns("आलू प्याज़ टमाटर सेब आम चावल चीनी आटा दाल गाजर")
_BY_THE_LITRE = _nouns("दूध तेल")
_BY_THE_DOZEN = _nouns("केला अंडा")
_SHOP_THINGS = [n for n in _BY_THE_KILO if n.countable] + _nouns("केला अंडा कमीज़ जूता किताब कलम")


def _goods(rng, ids, dozen: bool = True) -> tuple[list, list]:
    """दो किलो आलू / two kilos of potatoes, आधा किलो चीनी / half a kilo of sugar, एक लीटर दूध / a litre of
    milk, एक दर्जन केले / a dozen bananas."""
    qc, kc, gc = _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.15 and dozen:
        noun = pick(rng, _BY_THE_DOZEN)
        n = pick(rng, (1, 1, 2))
        number = [("a", qc)] if n == 1 else [("two", qc)]
        return [(number_tokens(n, False)[0][0], qc), (DOZEN, kc), (noun.forms[2], gc)], \
            number + [("dozen", kc), (noun.english_plural, gc)]
    noun, unit, english_unit = (pick(rng, _BY_THE_LITRE), LITRE, "litre") if r < 0.3 \
        else (pick(rng, _BY_THE_KILO), KILO, "kilo")
    goods_e = [(noun.english_plural if noun.countable else noun.english, gc)]
    if rng.random() < 0.15:
        return [(nfc("आधा"), qc), (unit, kc), (noun.hindi, gc)], [("half", qc), ("a", kc), (english_unit, kc), ("of", kc)] + goods_e
    n = sample_number(rng, 1, 10)
    number_h, number_e = number_tokens(n, rng.random() < 0.25)
    if n == 1:
        number_e = ["a"] if number_h == [nfc("एक")] else number_e
    units = english_unit if n == 1 else english_unit + "s"
    return [(number_h[0], qc), (unit, kc), (noun.hindi, gc)], \
        [(number_e[0], qc), (units, kc), ("of", kc)] + goods_e


def shop(rng, ids):
    """यह कितने का है? / How much is this?; ये आम कितने के हैं? / How much are these mangoes?; मुझे दो
    किलो आलू चाहिए / I need two kilos of potatoes; एक किलो चीनी दीजिए / Please give me a kilo of sugar;
    आलू तीस रुपये किलो हैं / Potatoes are thirty rupees a kilo; कुछ सस्ता दिखाइए / Please show me
    something cheaper."""
    ac, qc, dc, vc, pc = _c(ids), _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.25:                                               # how much
        s = rng.random()
        if s < 0.3:
            word, this = pick(rng, ((nfc("यह"), "this"), (nfc("वह"), "that")))
            return "question", [(word, dc), (nfc("कितने"), qc), (nfc("का"), qc), (AUX_PRESENT["3sg"], ac)], \
                [("how", qc), ("much", qc), ("is", ac), (this, dc)]
        if s < 0.65:
            noun = pick(rng, _SHOP_THINGS)
            nc = _c(ids)
            if not noun.countable:
                noun = _noun("आलू")
            return "question", [(THESE, dc), (noun.forms[2], nc), (nfc("कितने"), qc), (nfc("के"), qc),
                                (AUX_PRESENT["pl"], ac)], \
                [("how", qc), ("much", qc), ("are", ac), ("these", dc), (noun.english_plural, nc)]
        goods_h, goods_e = _goods(rng, ids, dozen=False)      # एक किलो ... कितने का: the kilo is what costs
        return "question", goods_h + [(nfc("कितने"), qc), (nfc("का"), qc), (AUX_PRESENT["3sg"], ac)], \
            [("how", qc), ("much", qc), ("is", ac)] + goods_e
    if r < 0.5:                                                # मुझे ... चाहिए
        who = sample_speaker(rng, 0.85, plural_ok=False)
        subject_h, subject_e = who.items(ids, "dat")
        goods_h, goods_e = _goods(rng, ids)
        return "statement", subject_h + goods_h + [(nfc("चाहिए"), vc + ac)], \
            subject_e + [(english_present(who.english_person, "need", "needs"), vc + ac)] + goods_e
    if r < 0.7:                                                # ... दीजिए
        goods_h, goods_e = _goods(rng, ids)
        agreement = _politeness(rng, 0.7)
        polite = pc if agreement == "pl" else ()
        return "imperative", goods_h + [(_imperative_form(_GIVE.stem, agreement), vc + polite)], \
            ([("please", pc)] if polite else []) + [("give", vc), ("me", vc)] + goods_e
    if r < 0.85:                                               # ... रुपये किलो
        noun = pick(rng, _BY_THE_KILO)
        n = sample_number(rng, 10, 100)
        number_h, number_e = number_tokens(n, rng.random() < 0.3)
        nc, rc, kc = _c(ids), _c(ids), _c(ids)
        agreement = "pl" if noun.countable else "3sg"
        return "statement", [(noun.hindi, nc)] + [(t, qc) for t in number_h] + [(nfc("रुपये"), rc), (KILO, kc),
                                                                                (AUX_PRESENT[agreement], ac)], \
            [(noun.english_plural if noun.countable else noun.english, nc), ("are" if noun.countable else "is", ac)] \
            + [(t, qc) for t in number_e] + [("rupees", rc), ("a", kc), ("kilo", kc)]
    if rng.random() < 0.5:                                     # बहुत महँगा / very expensive
        expensive = rng.random() < 0.7
        word = nfc("महँगा") if expensive else nfc("सस्ता")
        vc2 = _c(ids)
        return "statement", [(nfc("यह"), dc), (nfc("बहुत"), vc2), (word, qc), (AUX_PRESENT["3sg"], ac)], \
            [("this", dc), ("is", ac), ("very", vc2), ("expensive" if expensive else "cheap", qc)]
    agreement = _politeness(rng, 0.7)
    polite = pc if agreement == "pl" else ()
    return "imperative", [(nfc("कुछ"), dc), (nfc("सस्ता"), qc), (_imperative_form(_SHOW.stem, agreement), vc + polite)], \
        ([("please", pc)] if polite else []) + [("show", vc), ("me", vc), ("something", dc), ("cheaper", qc)]


# ================================================================== the family

_FAMILY = _noun("परिवार")
_SIBLINGS = [n for n in _KIN if n.english in ("brother", "sister", "friend")]      # a few years older or younger
_AGES = {**dict.fromkeys(("grandfather", "grandmother"), (55, 95)),
         **dict.fromkeys(("father", "mother", "uncle", "aunt"), (25, 70)),
         **dict.fromkeys(("son", "daughter", "grandson", "granddaughter", "nephew", "niece"), (1, 30))}
_PEOPLE = _noun("व्यक्ति")
_BIG, _SMALL = ADJECTIVE[nfc("बड़ा")], ADJECTIVE[nfc("छोटा")]
_JOBS = [n for n in NOUNS if "job" in n.tags]
_JOBS_OF_WOMEN = [n for n in _JOBS if n.gender == "f" or n.english in ("doctor", "lawyer", "engineer", "journalist",
                                                                        "scientist", "artist", "manager", "pilot")]
_JOBS_OF_MEN = [n for n in _JOBS if n.gender == "m"]
_FAMILY_HOMES = [(n, p, e, places) for n, p, e, places in (
    (_noun("घर"), nfc("में"), "in", [n for n in NOUNS if "city" in n.tags]),
    (_noun("दुकान"), nfc("में"), "in", [n for n in NOUNS if "city" in n.tags]),
    (_noun("साइकिल"), nfc("में"), "in", _nouns("कमरा")),
    (_noun("किताब"), nfc("पर"), "on", _nouns("मेज़ बिस्तर कुर्सी")))]


def _relative(rng, ids, kin_nouns: list[Noun] = _KIN) -> tuple[list, list, NounPhrase]:
    """मेरी बहन / my sister, तुम्हारे दादाजी / your grandfather, माँ / Mother."""
    kin = pick(rng, kin_nouns)
    possessive = None if "family" in kin.tags and rng.random() < 0.3 else sample_possessive(rng)
    np = NounPhrase(kin, kin.gender, possessive=possessive)    # the possessive's pronoun: np.possessive[0]
    hindi, english, _ = noun_phrase_items(np, ids, subject=True)
    return hindi, english, np


def family(rng, ids):
    """तुम्हारी बहन कितने साल की है? / How old is your sister?; मेरे दादाजी अस्सी साल के हैं / My
    grandfather is eighty years old; मेरी बहन मुझसे दो साल बड़ी है / My sister is two years older than
    me; मेरे परिवार में पाँच लोग हैं / There are five people in my family; मेरे चाचा का घर दिल्ली में है /
    My uncle's house is in Delhi; मेरी माँ डॉक्टर है / My mother is a doctor."""
    ac, qc, yc, jc, sc = _c(ids), _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.3:                                                # age
        subject_h, subject_e, np = _relative(rng, ids)
        gn = gender_number(np.gender, np.agreement)
        of = nfc({"ms": "का", "mp": "के", "fs": "की", "fp": "की"}[gn])
        aux = (AUX_PRESENT[np.agreement], ac)
        if rng.random() < 0.35:
            return "question", subject_h + [(nfc("कितने"), qc), (nfc("साल"), yc), (of, yc), aux], \
                [("how", qc), ("old", yc), ("is", ac)] + subject_e
        low, high = _AGES.get(np.head.english, (2, 40))
        n = rng.randint(low, high)
        number_h, number_e = number_tokens(n, rng.random() < 0.25)
        return "statement", subject_h + [(number_h[0], qc), (nfc("साल"), yc), (of, yc), aux], \
            subject_e + [("is", ac), (number_e[0], qc), ("years", yc), ("old", yc)]
    if r < 0.5:                                                # older or younger, by years
        subject_h, subject_e, np = _relative(rng, ids, _SIBLINGS)
        if rng.random() < 0.6:             # मेरी बहन मुझसे बड़ी है: than the one whose sister she is
            pronoun = _POSSESSOR[np.possessive[0]] if np.possessive else PRONOUN[nfc("मैं")]
            other = Speaker(pronoun, NounPhrase(pronoun, "m"))
        else:
            name = pick(rng, NAMES)
            other = Speaker(name, NounPhrase(name, name.gender))
        other_h, other_e = other.items(ids, "abl", "object")
        other_h[-1] = (other_h[-1][0], other_h[-1][1] + sc)
        older = rng.random() < 0.5
        adjective = (_BIG if older else _SMALL).hindi_form(np.gender, np.agreement in ("2", "pl"), False)
        n = pick(rng, (1, 2, 2, 3, 3, 4, 5, 6, 8, 10))
        number_h, number_e = number_tokens(n, rng.random() < 0.2)
        years = "year" if n == 1 else "years"
        number_e = ["one"] if n == 1 else number_e
        return "statement", subject_h + other_h + [(number_h[0], qc), (nfc("साल"), yc)] + [(t, jc) for t in adjective] \
            + [(AUX_PRESENT[np.agreement], ac)], \
            subject_e + [("is", ac), (number_e[0], qc), (years, yc), ("older" if older else "younger", jc),
                         ("than", sc)] + other_e
    if r < 0.65:                                               # मेरे परिवार में ... लोग हैं
        possessive = sample_possessive(rng)
        ic, lc = _c(ids), _c(ids)
        family_h, family_e, _ = noun_phrase_items(NounPhrase(_FAMILY, "m", possessive=possessive), ids, (nfc("में"),), ic[0])
        there = [("there", ac), ("are", ac)]
        if rng.random() < 0.3:
            return "question", family_h + [(nfc("कितने"), qc), (_PEOPLE.forms[2], lc), (AUX_PRESENT["pl"], ac)], \
                [("how", qc), ("many", qc), ("people", lc), ("are", ac), ("there", ac), ("in", ic)] + family_e
        n = sample_number(rng, 2, 12)
        number_h, number_e = number_tokens(n, rng.random() < 0.2)
        return "statement", family_h + [(number_h[0], qc), (_PEOPLE.forms[2], lc), (AUX_PRESENT["pl"], ac)], \
            there + [(number_e[0], qc), ("people", lc), ("in", ic)] + family_e
    if r < 0.85:                                               # a relative's house, shop, bicycle, book
        thing, postposition, preposition, places = pick(rng, _FAMILY_HOMES)
        kin = pick(rng, _KIN)
        owner = NounPhrase(kin, kin.gender, possessive=sample_possessive(rng))
        place = pick(rng, places)
        clause = Clause(NounPhrase(thing, thing.gender, owner=owner), None, pick(rng, ("present", "present", "past")),
                        predicate=Adjunct((postposition,), (preposition,), NounPhrase(place, place.gender)))
        hindi, english = clause_items(clause, ids, False)
        return "statement", hindi, english
    subject_h, subject_e, np = _relative(rng, ids)           # a relative's work
    job = pick(rng, _JOBS_OF_WOMEN if np.gender == "f" else _JOBS_OF_MEN)
    return "statement", subject_h + [(job.hindi, jc), (AUX_PRESENT[np.agreement], ac)], \
        subject_e + [("is", ac), (indefinite_article(job.english), jc), (job.english, jc)]


# ================================================================== going for a walk

_FOR_A_WALK = nfc("घूमने")
_WALK_PLACES = _nouns("पार्क बगीचा बाज़ार")
_WALKED_WHEN = _time_table("""
कल | yesterday | 0-0
आज सुबह | this morning | 0-0 1-1
कल शाम को | yesterday evening | 0-0 1-1 2-1
""")
_COME_ALONG = lexicon_verb("चल")


def walk(rng, ids):
    """हम कल पार्क में घूमने गए / We went for a walk in the park yesterday; वे घूमने गए हैं / They have
    gone for a walk; क्या तुम मेरे साथ घूमने चलोगे? / Will you come for a walk with me?; चलो, शाम को घूमने
    चलें / Let's go for a walk in the evening."""
    wc, vc, ac, sc = _c(ids), _c(ids), _c(ids), _c(ids)
    walk_e = [("for", wc), ("a", wc), ("walk", wc)]
    r = rng.random()
    if r < 0.45:                                               # went
        who = sample_speaker(rng, 0.65)
        subject_h, subject_e = who.items(ids)
        absent = not isinstance(who.head, Pronoun) or who.head.hindi in (nfc("वह"), nfc("वे"))
        tense = pick(rng, ("past", "past", "perfect")) if absent else "past"
        time_h, time_e = [], []
        if tense == "past" and rng.random() < 0.5:
            hindi, english, links = pick(rng, _WALKED_WHEN)
            concepts = [next(ids) for _ in hindi]
            time_h = [(t, (c,)) for t, c in zip(hindi, concepts)]
            time_e = [(t, tuple(concepts[i] for i, j in links if j == k)) for k, t in enumerate(english)]
        place_h, place_e = [], []
        if rng.random() < 0.4:
            place = pick(rng, _WALK_PLACES)
            place_h, place_e = adjunct_items(Adjunct((nfc("में"),), ("in",), NounPhrase(place, place.gender)), ids)
        hindi = subject_h + time_h + place_h + [(_FOR_A_WALK, wc)] \
            + hindi_verb_items(_GO, tense, who.gender, who.agreement, vc, ac, vc + ac)
        _, group = english_verb_items(_GO, tense, who.english_person, False, False, vc, ac, vc, vc + ac)
        return "statement", hindi, subject_e + group + walk_e + place_e + time_e
    if r < 0.8:                                                # will you come along?
        agreement = _politeness(rng, 0.45)
        pronoun = PRONOUN[nfc("तुम") if agreement == "2" else nfc("आप")]
        with_whom = PRONOUN[pick(rng, (nfc("मैं"), nfc("हम")))]
        mc = _c(ids)
        hindi = [(pronoun.hindi, sc), (with_whom.genitive("े"), mc), (nfc("साथ"), mc), (_FOR_A_WALK, wc)] \
            + hindi_verb_items(_COME_ALONG, "future", pick(rng, ("m", "f")), agreement, vc, ac, vc + ac)
        if rng.random() < 0.5:
            hindi = _question(hindi, ac)
        return "question", hindi, [("will", ac), ("you", sc), ("come", vc)] + walk_e \
            + [("with", mc), (with_whom.english_object[0], mc)]
    time_h, time_e = [], []                                    # let's
    if rng.random() < 0.4:
        ec, pc = _c(ids), _c(ids)
        part, english = pick(rng, ((nfc("शाम"), "evening"), (nfc("सुबह"), "morning")))
        time_h, time_e = [(part, ec), (KO, pc)], [("in", pc), ("the", ec), (english, ec)]
        if part == nfc("सुबह"):
            time_h = [(part, ec + pc)]
    return "imperative", [(nfc("चलो"), vc)] + time_h + [(_FOR_A_WALK, wc), (nfc("चलें"), vc)], \
        [("let's", vc), ("go", vc)] + walk_e + time_e


# ================================================================== the mix

CONVERSATIONS: tuple[tuple[Callable, float], ...] = (
    (compound_take, 1.0), (compound_give, 1.0), (compound_go, 0.8), (already_done, 0.8), (liking, 1.2), (offer, 0.9),
    (thanks, 0.6), (apology, 0.7), (request, 0.9), (how_often, 1.2), (where_things_are, 1.2), (belongs_to, 0.9),
    (possessive_chain, 0.7), (event_time, 0.9), (remember, 1.0), (health, 0.8), (shop, 1.0), (family, 1.0),
    (walk, 0.6),
)
_CONSTRUCTIONS = tuple(construction for construction, _ in CONVERSATIONS)
_CUM_WEIGHTS = tuple(accumulate(weight for _, weight in CONVERSATIONS))

# Before a comma: (Hindi, English, the kinds of sentence it goes before). A short command or an
# interjection goes before anything; yes, no and okay before what answers something.
_ANY = ("statement", "question", "imperative", "phrase")
_SAID = ("statement", "question", "imperative")
_ANSWERS = ("statement", "phrase")
_INTERJECTIONS = [(tuple(nfc(h).split()), tuple(e.split()), kinds) for h, e, kinds in (
    ("रुको", "wait", _SAID), ("रुकिए", "please wait", _SAID), ("सुनो", "listen", _SAID), ("सुनिए", "excuse me", _SAID),
    ("देखो", "look", _SAID), ("अरे", "hey", _ANY), ("अरे वाह", "wow", _ANSWERS), ("ओह", "oh", _ANSWERS),
    ("हाँ", "yes", _ANSWERS), ("जी", "yes", _ANSWERS), ("जी हाँ", "yes", _ANSWERS), ("जी नहीं", "no", _ANSWERS),
    ("नहीं", "no", _ANSWERS), ("अच्छा", "okay", _ANSWERS), ("ठीक है", "okay", _ANSWERS),
    ("कोई बात नहीं", "no problem", _ANSWERS), ("चलो", "come on", ("imperative",)),
    ("माफ़ कीजिए", "excuse me", ("question", "imperative")),
)]
_INTERJECTIONS_BEFORE = {kind: [i for i in _INTERJECTIONS if kind in i[2]] for kind in _ANY}
# Forms of address, before a comma or after one at the end (भैया, स्टेशन कहाँ है? / स्टेशन कहाँ है, भैया?)
_ADDRESSES = [(nfc(h), e) for h, e in (("भैया", "brother"), ("दीदी", "sister"), ("सर", "sir"), ("मैडम", "madam"),
                                       ("बेटा", "son"), ("बेटी", "daughter"), ("माँ", "Mother"), ("पिताजी", "Father"))]


def _address(rng, ids) -> tuple[list, list]:
    c = _c(ids)
    if rng.random() < 0.25:
        name = pick(rng, NAMES)
        return [(name.hindi, c)], [(name.english, c)]
    hindi, english = pick(rng, _ADDRESSES)
    return [(hindi, c)], [(english, c)]


# Whom a sentence speaks to: with one of these, or a verb that agrees with a left-out तुम or आप
# (चाय लोगी?), a form of address could clash with the gender the verb gives the listener (दीदी,
# ... लोगे?), so such a sentence takes an interjection instead.
_YOU = frozenset(nfc(w) for w in "तुम तुमने तुम्हें तुमको तुमसे तुम्हारा तुम्हारे तुम्हारी आप आपने आपको आपसे आपका आपके आपकी".split())


def _with_comma(rng, ids, kind: str, hindi: list, english: list, to_you: bool) -> tuple[list, list]:
    """अरे, ... / Hey, ...; जी, ... / Yes, ...; भैया, ... / Brother, ...; ..., दीदी / ..., sister."""
    r = rng.random()
    if to_you or any(token in _YOU for token, _ in hindi):
        r = 1.0
    comma = _c(ids)
    if r < 0.2:                                     # at the end
        address_h, address_e = _address(rng, ids)
        return hindi + [(",", comma)] + address_h, english + [(",", comma)] + address_e
    if r < 0.55:
        before_h, before_e = _address(rng, ids)
        if rng.random() < 0.2:                      # अरे भैया, / Hey brother,
            c = _c(ids)
            before_h, before_e = [(nfc("अरे"), c)] + before_h, [("hey", c)] + before_e
    else:
        word, english_words, _ = pick(rng, _INTERJECTIONS_BEFORE[kind])
        c = _c(ids)
        before_h, before_e = [(t, c) for t in word], [(t, c) for t in english_words]
    return before_h + [(",", comma)] + hindi, before_e + [(",", comma)] + english


_COMMA_SHARE = 0.3          # of conversational sentences: an interjection or a form of address with a comma


def sample_conversational(rng: random.Random):
    """(kind, hindi items, english items) of one conversational sentence, now and then with an
    interjection or a form of address before (or after) a comma."""
    construction = weighted_pick(rng, _CONSTRUCTIONS, _CUM_WEIGHTS)
    ids = count()
    kind, hindi, english = construction(rng, ids)
    if rng.random() < _COMMA_SHARE:
        to_you = kind == "question" and construction in (offer, walk)
        hindi, english = _with_comma(rng, ids, kind, hindi, english, to_you)
    return kind, hindi, english
