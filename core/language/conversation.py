"""Conversation: the everyday Hindi that comes after the first minute, with gold alignments.

core.language.everyday writes what a class types first (मुझे भूख लगी है, आपका नाम क्या है?); this
module writes what a conversation goes on to: compound verbs (खा लिया, बता दो, सो गया, मैं खा चुका
हूँ), liking in other tenses (पसंद था, पसंद आया, क्या तुम्हें ... पसंद है?), offers (चाय लोगे?), thanks,
apologies and forgiveness, requests with ज़रा, how often (रोज़, कभी-कभी, हफ़्ते में दो बार), where
things are (के ऊपर, के अंदर, पास में), whose a thing is (यह किताब मेरे दोस्त की है) and possessive
chains in subject and object position, when an event is (परीक्षा सोमवार को है), remembering and
forgetting, health (मेरी तबीयत ठीक नहीं है), the shop (मुझे दो किलो आलू चाहिए), the family, going for
a walk, and what people say before a comma (अरे, / जी, / रुको,) or call each other (भैया, दीदी, सर).

It also writes what a class says in its first minutes that everyday.py, the grammar and the
constructions above leave out: asking and giving leave (क्या मैं अंदर आ सकता हूँ? / Can I come in?);
could not and will not be able to (मैं कल नहीं आ सका, मैं नहीं आ पाऊँगी); having to with पड़ना (मुझे
जाना पड़ा, उसे दवा लेनी पड़ेगी); who and which in their cases and tenses (खिड़की किसने तोड़ी?, तुम
किससे बात कर रहे थे?, तुमने कौन सी फ़िल्म देखी?, तुम किस कक्षा में हो?); how many and how much with a
verb, how far and how long (तुमने कितने आम खाए?, स्टेशन यहाँ से कितनी दूर है?); the day by the clock
(तुम कितने बजे उठते हो?, दुकान रात दस बजे बंद होती है, अभी पाँच बजे हैं); about to (ट्रेन आने वाली है,
बारिश होने वाली है); this one and that one, as ... as, more and fewer (यह वाला सबसे अच्छा है, मुझे लाल
वाली चाहिए, राम सीता जितना लंबा है, मेरे पास तुमसे ज़्यादा किताबें हैं); if and when (अगर बारिश होगी
तो हम घर पर रुकेंगे, जब मैं घर पहुँचा, माँ खाना बना रही थी, जब मैं बड़ा हो जाऊँगा ...); the habitual
past (मैं बचपन में क्रिकेट खेलता था / I used to play cricket as a child); the past continuous asked
and answered (तुम कल रात क्या कर रहे थे?, तुम कहाँ थे?); लगना (मुझे फ़िल्म अच्छी लगी, तुम्हें खाना
कैसा लगा?, मुझे बुरा लगा, मुझे कुत्तों से डर लगता है, तुम थके हुए लग रहे हो); let's, shall I and why
don't we (चलो क्रिकेट खेलते हैं, मैं दरवाज़ा बंद कर दूँ?, क्यों न हम एक फ़िल्म देखें?); and do not
(चिंता मत करो, डरो मत, किसी को मत बताना, कृपया शोर न करें).

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
- a compound postposition is one concept with its English (के ऊपर ~ on top of, से दूर ~ far from);
- सकता, सका, पाया, पाऊँगा align with can, could, be able to (and with the tense they carry where
  Hindi has no auxiliary: सका ~ could); पड़ा, पड़ेगा, पड़ता with have to (पड़ा ~ had to);
- वाला aligns with "about to" after an infinitive (आने वाली ~ about to arrive) and with "one" after
  यह, वह or an adjective (लाल वाली ~ the red one); जितना with both "as" of as ... as;
- अगर and तो are one concept with "if", जब and तब with "when"; the English comma aligns with the
  Hindi comma or, where Hindi has none, with तो or तब;
- the habitual past's था aligns with "used to" (खेलता था ~ used to play); कितने बजे with "what
  time"; अच्छा लगा with "liked" (and लग रहा है with "looks"), as पसंद आया does;
- a subjunctive that offers or suggests (दूँ?, चलें?) aligns with "shall" and the verb, चलो (and आओ)
  with "let's"; मत, and न before a subjunctive, with "do not".
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate, count
from typing import Callable

from core.language.clauses import can_be_owned, owner_phrase, pick, weighted_pick
from core.language.everyday import (
    AILMENTS, DAYS, KO, KYA, MONTHS, NAHIN, PAAS, SE, Speaker, english_be, english_comparison, english_do,
    english_number, english_present, imperative_forms, number_tokens, sample_mood, sample_number, sample_possessive,
    sample_speaker,
)
from core.language.grammar import (
    AUX_PAST, AUX_PRESENT, CONTINUOUS, HABITUAL, PERFECTIVE_INDEX, PERFECTIVE_TENSES, Adjunct, Clause, NounPhrase,
    adjunct_items, clause_items, destination_items, english_verb_items, gender_number, genitive_ending,
    hindi_verb_items, noun_phrase_items, owner_items, perfective_forms,
)
from core.language.lexicon import (
    ADJECTIVE, ADJECTIVES, NAMES, NOUN, NOUNS, PRONOUN, PRONOUNS, Name, Noun, Pronoun, Verb, english_participle,
    hindi_future, indefinite_article, nfc, parse_nouns, parse_verbs, verb as lexicon_verb,
)

# Of the conversational corpus's everyday draws (the rest: core.language.everyday). In CONVERSATIONS
# the conversation constructions (compound_take ... walk) weigh 17.2 of 27.7, so at 0.24 they keep
# 15% of the everyday draws and the classroom ones (permission ... dont) have 9% beside them.
CONVERSATIONAL_SHARE = 0.24

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


def _specific(rng, ids, nouns, who: Speaker | None = None) -> tuple[list, list, str]:
    """One thing: यह फ़िल्म / this film, वह गाना / that song, खाना / the food, तुम्हारा तोहफ़ा / your gift;
    who: the subject, whose own thing is अपना (तुम्हें अपना तोहफ़ा, not तुम्हारा तोहफ़ा)."""
    noun = pick(rng, nouns)
    r = rng.random()
    if r < 0.4:
        word, english = pick(rng, ((nfc("यह"), "this"), (nfc("वह"), "that")))
        dc, nc = _c(ids), _c(ids)
        return [(word, dc), (noun.hindi, nc)], [(english, dc), (noun.english, nc)], noun.gender
    possessive = sample_possessive(rng) if r < 0.6 and noun.english in _OWN_WORK else None
    if possessive and who is not None and isinstance(who.head, Pronoun) \
            and _clash(who, Speaker(_POSSESSOR[possessive[0]], NounPhrase(_POSSESSOR[possessive[0]]))):
        possessive = (nfc("अपन"), _own_english(who))
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


# ================================================================== classroom Hindi: what people do

# Verbs the lexicon lacks, or has with another English (its ढूँढ is 'look for', but ढूँढ नहीं पाया is
# 'could not find'), in its format. A compound verb's first part is its light words (सो जा: go to sleep).
_OWN_VERBS = parse_verbs("""
कर | do,did | tr | | erg
ढूँढ | find,found | tr | | erg
बना | draw,drew | tr | | erg
पहुँच | get,got | motion | |
आ | arrive | motion | | noprep
चल | go,went | motion | |
सो | go,went to bed | intr | |
पास हो जा | pass | intr | |
बड़ा हो जा | grow,grew up | intr | |
बन | become,became | intr | |
छोड़ दे | drop,dropped | tr | | erg
शुरू हो | start | intr | |
ख़त्म हो | end | intr | |
खुल | open | intr | |
बंद हो | close | intr | |
छूट | leave,left | intr | |
निकल | leave,left | intr | |
रुक | stay | intr | |
चढ़ | climb | intr | |
डर | be,was afraid | intr | |
घबरा | panic,panicked,panics,panicking | intr | |
झूठ बोल | lie,lied,lies,lying | intr | | erg g=m
देर कर | be,was late | intr | | erg g=f
परेशान कर | bother | tr | | erg
खोल दे | open | tr | | erg
बंद कर दे | close | tr | | erg
जला दे | switch,switched on | tr | | erg
""")


def _verb(hindi: str, english: str) -> Verb:
    """The verb for Hindi 'खाना खा' and English 'eat' ('play:tr' where two entries share both):
    this module's own entries first, then the lexicon's."""
    english, _, frame = english.partition(":")
    hindi = nfc(hindi)
    for v in _OWN_VERBS:
        if " ".join(v.light + (v.stem,)) == hindi and v.english == english:
            return v
    return lexicon_verb(hindi, english, frame or None)


@dataclass(frozen=True, slots=True)
class _Act:
    """What someone does, as these constructions say it: a verb, the Hindi words before it (an
    object, a goal, an adverb), the English words after the English verb and its tail, and their
    links (Hindi index, English index); agrees: the gender and number ('ms', 'fp' ...) of an
    unmarked object, which a perfective after ने and an infinitive with पड़ना agree with ('' for none)."""

    verb: Verb
    hindi: tuple
    english: tuple
    links: tuple
    agrees: str


def _acts(table: str) -> list[_Act]:
    """Rows 'Hindi before the verb | the verb | its English | English after it | links | agreement'."""
    acts = []
    for line in table.strip().splitlines():
        before, hindi_verb, english_verb, after, links, agrees = (cell.strip() for cell in line.split("|"))
        act = _Act(_verb(hindi_verb, english_verb), tuple(nfc(before).split()), tuple(after.split()),
                   tuple(tuple(int(i) for i in link.split("-")) for link in links.split()), agrees)
        assert {i for i, _ in act.links} == set(range(len(act.hindi))), line        # every word aligns
        assert {j for _, j in act.links} == set(range(len(act.english))), line
        acts.append(act)
    return acts


def _alone(verb: Verb) -> _Act:
    """A verb said with nothing before or after it (शुरू होना / start)."""
    return _Act(verb, (), (), (), "")


@dataclass(slots=True)
class _Doing:
    """An act's items, ready to say: the verb, the Hindi before it (its light words last), the
    English after the English verb (its tail first), the verb's concept, and the (gender,
    agreement) a perfective after ने takes."""

    verb: Verb
    hindi: list
    english: list
    vc: tuple
    agrees: tuple


_AGREEMENT_OF = {"ms": ("m", "3sg"), "mp": ("m", "pl"), "fs": ("f", "3sg"), "fp": ("f", "pl")}


def _doing(act: _Act, ids, continuous: bool = False) -> _Doing:
    """continuous: with the tail of the English -ing form (looking at)."""
    verb = act.verb
    vc = _c(ids)
    tail_concept = _c(ids) if verb.tail_is_noun else vc
    concepts = [next(ids) for _ in act.hindi]
    tail = verb.english_continuous[1:] if continuous else verb.english_tail
    hindi = [(t, (c,)) for t, c in zip(act.hindi, concepts)] + [(t, tail_concept) for t in verb.light]
    english = [(t, tail_concept) for t in tail] + [(t, tuple(concepts[i] for i, j in act.links if j == k))
                                                   for k, t in enumerate(act.english)]
    if act.agrees:
        agrees = _AGREEMENT_OF[act.agrees]
    else:                      # the light noun (मेहनत की), else the masculine singular (सीता को देखा)
        agrees = (verb.light_gender if verb.light else "m", "3sg")
    return _Doing(verb, hindi, english, vc, agrees)


def _person_items(person: Speaker, ids, postposition: str) -> tuple[list, list]:
    """Someone with a postposition: मुझसे / me, राम को / Ram, उसकी (मदद) / him, मेरी बहन का / my sister."""
    if postposition in (SE, KO):
        return person.items(ids, "abl" if postposition == SE else "dat", "object")
    if isinstance(person.head, Pronoun):
        c = _c(ids)
        return [(person.head.genitive(postposition[-1]), c)], [(person.head.english_object[0], c)]
    hindi, english, _ = noun_phrase_items(person.np, ids, (postposition,))
    return hindi, english


def _doing_to(rng, ids, who: Speaker, verb: Verb) -> _Doing:
    """A verb that takes a person (उससे मिलना, राम को फ़ोन करना, माँ की मदद करना): someone who is not the
    subject, with the verb's postposition and, after the English verb, its preposition (talk to)."""
    person = _other_person(rng, who)
    postposition, preposition, _ = verb.argument
    person_h, person_e = _person_items(person, ids, postposition)
    vc = _c(ids)
    to = [(t, person_h[-1][1]) for t in preposition]
    return _Doing(verb, person_h + [(t, vc) for t in verb.light], [(t, vc) for t in verb.english_tail] + to + person_e,
                  vc, (verb.light_gender if verb.light else "m", "3sg"))


_BE_FUTURE = {"1sg": nfc("होऊँ"), "2": "हो", "3sg": "हो", "pl": nfc("हों")}
_FUTURE_ENDING = {"ms": "गा", "mp": "गे", "fs": "गी", "fp": "गी"}


def _verb_items(verb: Verb, tense: str, gender: str, agreement: str, vc, ac) -> list:
    """The grammar's hindi_verb_items, with हो's future (होगा, होगी; the lexicon's rule would write
    होएगा) and the habitual past (खेलता था: used to play)."""
    gn = gender_number(gender, agreement)
    if tense == "future" and verb.stem == nfc("हो"):
        return [(_BE_FUTURE[agreement] + _FUTURE_ENDING[gn], vc + ac)]
    if tense == "habitual_past":
        return [(verb.stem + HABITUAL[gn], vc), (AUX_PAST[gn], ac)]
    return hindi_verb_items(verb, tense, gender, agreement, vc, ac, vc + ac)


def _subjunctive(stem: str, agreement: str) -> str:
    """मैं ... करूँ?, हम ... चलें, आप ... न करें: the future without गा."""
    return _BE_FUTURE[agreement] if stem == nfc("हो") else hindi_future(stem)[agreement]


def _infinitive(stem: str, gn: str = "ms") -> str:
    """जाना; before पड़ना it agrees with an unmarked object: दवा लेनी पड़ी, दो सेब खाने पड़े."""
    return stem + {"ms": "ना", "mp": "ने", "fs": "नी", "fp": "नी"}[gn]


@dataclass(slots=True)
class _Said:
    """A clause in both languages: the Hindi; the English auxiliary a question fronts, the
    subject, and the rest; the concept of the auxiliary (which क्या takes in a question)."""

    hindi: list
    front: list
    subject: list
    rest: list
    ac: tuple

    def statement(self) -> list:
        return self.front + self.subject + self.rest

    def question(self) -> tuple[list, list]:
        return _question(self.hindi, self.ac), self.front + self.subject + self.rest


def _clause(who: Speaker, doing: _Doing, tense: str, ids, negative: bool = False, question: bool = False,
            english_tense: str | None = None, time: tuple = ([], [])) -> _Said:
    """Who does it in a tense (and the English in english_tense where it differs: an if-clause's
    future is its present), with a time after the subject (English: at the end)."""
    verb = doing.verb
    ergative = verb.ergative and tense in PERFECTIVE_TENSES
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    ac, nc = _c(ids), _c(ids)
    vc = doing.vc
    gender, agreement = doing.agrees if ergative else (who.gender, who.agreement)
    verb_h = _verb_items(verb, tense, gender, agreement, vc, ac)
    front, group = _english_verb(verb, english_tense or tense, who.english_person, negative, question, vc, ac, nc)
    hindi = subject_h + time[0] + doing.hindi + ([(NAHIN, nc)] if negative else []) + verb_h
    return _Said(hindi, front, subject_e, group + doing.english + time[1], ac)


def _english_verb(verb: Verb, tense: str, person: str, negative: bool, question: bool, vc, ac, nc) -> tuple[list, list]:
    """The grammar's english_verb_items, with the habitual past: used to play, did ... use to play."""
    if tense == "habitual_past":
        if question:
            return [("did", ac)], [("use", ac), ("to", ac), (verb.english, vc)]
        return [], [("used", ac), ("to", ac), (verb.english, vc)]
    return english_verb_items(verb, tense, person, negative, question, vc, ac, nc, vc + ac)


def _row_items(row: tuple, ids) -> tuple[list, list]:
    """The items of a row of a _time_table (Hindi, English, links)."""
    hindi, english, links = row
    concepts = [next(ids) for _ in hindi]
    return [(t, (c,)) for t, c in zip(hindi, concepts)], \
        [(t, tuple(concepts[i] for i, j in links if j == k)) for k, t in enumerate(english)]


def _pronoun(hindi: str, gender: str) -> Speaker:
    pronoun = PRONOUN[nfc(hindi)]
    return Speaker(pronoun, NounPhrase(pronoun, gender))


def _gender(rng) -> str:
    return pick(rng, ("m", "f"))


_ASKABLE = [p for p in PRONOUNS if p.hindi not in _FIRST_PERSON]
# relatives, without the elder men the lexicon writes in the singular (मेरा चाचा आया), which Hindi
# says of them only in the honorific plural (मेरे चाचा आए)
_RELATIVES = [n for n in _KIN if "hon" in n.tags or n.english not in ("grandfather", "uncle")]


def _person(rng, pronoun_share: float = 0.6, asked: bool = False) -> Speaker:
    """Whom a class talks about: a pronoun (not I or we in a question about them), a name, or a
    relative with a possessive (मेरी बहन, तुम्हारे दादाजी) or a parent without one (माँ: Mother)."""
    r = rng.random()
    if r < pronoun_share:
        pronoun = pick(rng, _ASKABLE if asked else PRONOUNS)
        return Speaker(pronoun, NounPhrase(pronoun, _gender(rng)))
    if r < pronoun_share + (1 - pronoun_share) / 2:
        name = pick(rng, NAMES)
        return Speaker(name, NounPhrase(name, name.gender))
    kin = pick(rng, _RELATIVES)
    bare = "family" in kin.tags and rng.random() < 0.4
    return Speaker(kin, NounPhrase(kin, kin.gender, possessive=None if bare else sample_possessive(rng)))


def _other_person(rng, who: Speaker) -> Speaker:
    """Someone who is not who, nor who's own relative by a pronoun (मैं ... मेरी बहन: Hindi says अपनी)."""
    while True:
        other = _person(rng, 0.4)
        possessive = other.np.possessive
        owner = _POSSESSOR[possessive[0]] if possessive else None
        own = owner is not None and isinstance(who.head, Pronoun) and _clash(who, _pronoun(owner.hindi, "m"))
        if not (own or _clash(who, other)):
            return other


# ================================================================== may I, could not, had to

# What one asks leave for (as मैं or हम) and what one is given leave for (as तुम or आप)
_MAY_I = _acts("""
अंदर | आ | come | in | 0-0 |
बाहर | जा | go | out | 0-0 |
पानी | पी | drink | some water | 0-0 0-1 | ms
एक सवाल | पूछ | ask:tr | a question | 0-0 1-1 | ms
यहाँ | बैठ | sit | here | 0-0 |
खिड़की | खोल | open | the window | 0-0 0-1 | fs
पंखा | चला | switch | the fan | 0-0 0-1 | ms
घर | जा | go | home | 0-0 |
आज जल्दी | जा | go | early today | 0-1 1-0 |
कल छुट्टी | ले | take | tomorrow off | 0-0 1-1 | fs
बाथरूम | जा | go | to the bathroom | 0-0 0-1 0-2 |
आपका फ़ोन | इस्तेमाल कर | use | your phone | 0-0 1-1 | ms
आपकी कलम | इस्तेमाल कर | use | your pen | 0-0 1-1 | fs
आपके साथ | आ | come | with you | 0-1 1-0 |
हिंदी में | बोल | speak:intr | in Hindi | 0-1 1-0 |
""")
_YOU_MAY = _acts("""
अंदर | आ | come | in | 0-0 |
बाहर | जा | go | out | 0-0 |
यहाँ | बैठ | sit | here | 0-0 |
घर | जा | go | home | 0-0 |
मेरा फ़ोन | इस्तेमाल कर | use | my phone | 0-0 1-1 | ms
मेरी कलम | इस्तेमाल कर | use | my pen | 0-0 1-1 | fs
बाहर | खेल | play:intr | outside | 0-0 |
टीवी | देख | watch | TV | 0-0 | ms
""")
_CAN = nfc("सक")


def _can_items(who: Speaker, mc: tuple, ac: tuple, short: bool) -> list:
    """सकता हूँ, सकती हैं; short (a negative without its auxiliary): सकते, and सकतीं for the
    feminine plural, whose nasal the auxiliary otherwise carries (आप नहीं जा सकतीं)."""
    gn = gender_number(who.gender, who.agreement)
    if short:
        return [(_CAN + HABITUAL[gn] + ("ं" if gn == "fp" else ""), mc + ac)]
    return [(_CAN + HABITUAL[gn], mc), (AUX_PRESENT[who.agreement], mc + ac)]


def _mine(rng) -> Speaker:
    """One the speaker asks leave for: a name or a relative of theirs (मेरी बहन, माँ), never तुम or आप,
    who would not ask the teacher for आपका फ़ोन."""
    if rng.random() < 0.5:
        name = pick(rng, NAMES)
        return Speaker(name, NounPhrase(name, name.gender))
    kin = pick(rng, _RELATIVES)
    bare = "family" in kin.tags and rng.random() < 0.4
    return Speaker(kin, NounPhrase(kin, kin.gender, possessive=None if bare else (nfc("मेर"), "my")))


def permission(rng, ids):
    """क्या मैं अंदर आ सकता हूँ? / Can I come in?; क्या हम आपका फ़ोन इस्तेमाल कर सकते हैं? / Can we use
    your phone?; तुम अब घर जा सकते हो / You can go home now; आप अभी बाहर नहीं जा सकतीं / You cannot
    go out now."""
    mc, ac, nc, tc = _c(ids), _c(ids), _c(ids), _c(ids)
    if rng.random() < 0.6:                                    # asking leave
        r = rng.random()
        who = _pronoun("मैं" if r < 0.7 else "हम", _gender(rng)) if r < 0.85 else _mine(rng)
        subject_h, subject_e = who.items(ids)
        doing = _doing(pick(rng, _MAY_I), ids)
        hindi = subject_h + doing.hindi + [(doing.verb.stem, doing.vc)] + _can_items(who, mc, ac, False)
        english = [("can", mc + ac)] + subject_e + [(doing.verb.english, doing.vc)] + doing.english
        return "question", (_question(hindi, ac) if rng.random() < 0.75 else hindi), english
    who = _pronoun(pick(rng, ("तुम", "आप")), _gender(rng))       # giving it
    subject_h, subject_e = who.items(ids)
    doing = _doing(pick(rng, _YOU_MAY), ids)
    negative = rng.random() < 0.3
    now = rng.random() < 0.4
    time_h = [(nfc("अभी" if negative else "अब"), tc)] if now else []
    hindi = subject_h + time_h + doing.hindi + ([(NAHIN, nc)] if negative else []) + [(doing.verb.stem, doing.vc)] \
        + _can_items(who, mc, ac, negative and rng.random() < 0.5)
    can = [("cannot", mc + ac + nc)] if negative else [("can", mc + ac)]
    return "statement", hindi, subject_e + can + [(doing.verb.english, doing.vc)] + doing.english \
        + ([("now", tc)] if now else [])


_COULD = _acts("""
| आ | come | | |
समय पर | आ | come | on time | 0-1 1-0 |
पार्टी में | आ | come | to the party | 0-1 0-2 1-0 |
स्कूल | आ | come | to school | 0-0 0-1 |
बस | पकड़ | catch | the bus | 0-0 0-1 | fs
ट्रेन | पकड़ | catch | the train | 0-0 0-1 | fs
चाबी | ढूँढ | find | the key | 0-0 0-1 | fs
सवाल | समझ | understand | the question | 0-0 0-1 | ms
उस सवाल का | जवाब दे | answer | that question | 0-0 1-1 2-1 | ms
काम | ख़त्म कर | finish | the work | 0-0 0-1 | ms
टिकट | ख़रीद | buy | the tickets | 0-0 0-1 | mp
""")
_COULD_SLEEP = _acts("""
| सो | sleep | | |
ठीक से | सो | sleep | well | 0-0 1-0 |
""")
_MEET_CALL_HELP = [_verb(h, e) for h, e in (("मिल", "meet"), ("फ़ोन कर", "call"), ("बात कर", "talk"),
                                             ("मदद कर", "help"))]
_LAST_NIGHT, _TONIGHT = _time_table("कल रात | last night | 0-0 1-1"), _time_table("आज रात | tonight | 0-0 1-0")
# when something was done or will be, near enough to say why not
_DAYS_BEFORE = _time_table("""
कल | yesterday | 0-0
आज सुबह | this morning | 0-0 1-1
परसों | the day before yesterday | 0-0 0-1 0-2 0-3
पिछले हफ़्ते | last week | 0-0 1-1
""")
_DAYS_AHEAD = _time_table("""
आज | today | 0-0
कल | tomorrow | 0-0
आज शाम को | this evening | 0-0 1-1 2-1
कल सुबह | tomorrow morning | 0-0 1-1
परसों | the day after tomorrow | 0-0 0-1 0-2 0-3
अगले हफ़्ते | next week | 0-0 1-1
""")
_ABLE_AUXILIARIES = (_CAN, nfc("पा"))      # सका and पाया: could; सकूँगा and पाऊँगा: will be able to


def could_not(rng, ids):
    """मैं कल नहीं आ सका / I could not come yesterday; वह कल रात ठीक से नहीं सो पाई / She could not sleep
    well last night; क्या तुम चाबी ढूँढ पाए? / Were you able to find the key?; मैं कल नहीं आ पाऊँगी / I
    will not be able to come tomorrow."""
    future = rng.random() < 0.35
    r = rng.random()
    question, negative = r < 0.2, r >= 0.3
    who = _person(rng, 0.7, asked=question)
    subject_h, subject_e = who.items(ids)
    mc, ac, nc = _c(ids), _c(ids), _c(ids)
    s = rng.random()
    if s < 0.2:
        doing = _doing(pick(rng, _COULD_SLEEP), ids)
        times = _TONIGHT if future else _LAST_NIGHT
    elif s < 0.4:
        doing, times = _doing_to(rng, ids, who, pick(rng, _MEET_CALL_HELP)), _DAYS_AHEAD if future else _DAYS_BEFORE
    else:
        doing, times = _doing(pick(rng, _COULD), ids), _DAYS_AHEAD if future else _DAYS_BEFORE
    time_h, time_e = _row_items(pick(rng, times), ids) if rng.random() < 0.6 else ([], [])
    able = pick(rng, _ABLE_AUXILIARIES)
    gn = gender_number(who.gender, who.agreement)
    able_h = (hindi_future(able)[who.agreement] + _FUTURE_ENDING[gn]) if future \
        else perfective_forms(able)[PERFECTIVE_INDEX[gn]]
    hindi = subject_h + time_h + doing.hindi + ([(NAHIN, nc)] if negative else []) \
        + [(doing.verb.stem, doing.vc), (able_h, mc + ac)]
    verb_e = [(doing.verb.english, doing.vc)] + doing.english + time_e
    be_able = [("be", mc), ("able", mc), ("to", mc)]
    if future:
        english = [("will", ac)] + subject_e + be_able if question else \
            subject_e + [("will", ac)] + ([("not", nc)] if negative else []) + be_able
    elif question:
        english = [(english_be(who.english_person, True), ac)] + subject_e + be_able[1:]
    elif negative:
        english = subject_e + [("could", mc + ac), ("not", nc)]
    else:
        english = subject_e + [(english_be(who.english_person, True), ac)] + be_able[1:]
    if question:
        return "question", _question(hindi, ac), english + verb_e
    return "statement", hindi, english + verb_e


# what one has to do every day, or might have to any day ...
_MUST_DAILY = _acts("""
स्कूल | जा | go | to school | 0-0 0-1 |
पैदल | जा | go | on foot | 0-0 0-1 |
बस से | जा | go | by bus | 0-1 1-0 |
जल्दी | उठ | get | early | 0-0 |
दवा | ले | take | medicine | 0-0 | fs
| खाना बना | cook | | |
कमरा | साफ़ कर | clean | the room | 0-0 0-1 | ms
| मेहनत कर | work | | |
""")
# ... and what one has to do once
_MUST_ONCE = _MUST_DAILY + _acts("""
घर | जा | go | home | 0-0 |
अस्पताल | जा | go | to the hospital | 0-0 0-1 0-2 |
बाज़ार | जा | go | to the market | 0-0 0-1 0-2 |
बहुत देर | इंतज़ार कर | wait | a long time | 0-1 1-0 1-2 |
दो किताबें | ख़रीद | buy | two books | 0-0 1-1 | fp
दो सेब | खा | eat | two apples | 0-0 1-1 | mp
एक चिट्ठी | लिख | write | a letter | 0-0 1-1 | fs
| परीक्षा दे | take | | |
वहाँ दो दिन | रुक | stay | there for two days | 0-0 1-2 2-1 2-3 |
""")
_WAIT_CALL_APOLOGISE = [_verb(h, e) for h, e in (("इंतज़ार कर", "wait"), ("फ़ोन कर", "call"),
                                                  ("माफ़ी माँग", "apologise"), ("मिल", "meet"), ("मदद कर", "help"))]
_FALL = nfc("पड़")
_EVERY_DAY_ROW = _time_table("रोज़ | every day | 0-0 0-1")[0]


def have_to(rng, ids):
    """मुझे कल स्कूल जाना पड़ा / I had to go to school yesterday; उसे दवा लेनी पड़ी / He had to take
    medicine; हमें दो किताबें ख़रीदनी पड़ेंगी / We will have to buy two books; क्या तुम्हें रोज़ बस से
    जाना पड़ता है? / Do you have to go by bus every day?; मुझे उसका इंतज़ार नहीं करना पड़ा / I did not
    have to wait for him. The infinitive and पड़ना agree with an unmarked object."""
    tense = pick(rng, ("past", "past", "past", "future", "future", "present"))
    question, negative = sample_mood(rng, 0.2, 0.15)
    who = _person(rng, 0.7, asked=question)
    subject_h, subject_e = who.items(ids, "dat")
    if tense != "present" and rng.random() < 0.2:
        doing = _doing_to(rng, ids, who, pick(rng, _WAIT_CALL_APOLOGISE))
    else:
        doing = _doing(pick(rng, _MUST_DAILY if tense == "present" else _MUST_ONCE), ids)
    time_h, time_e = [], []
    if tense == "present" or rng.random() < 0.4:
        row = _EVERY_DAY_ROW if tense == "present" else pick(rng, _DAYS_BEFORE if tense == "past" else _DAYS_AHEAD)
        time_h, time_e = _row_items(row, ids)
    mc, ac, nc = _c(ids), _c(ids), _c(ids)
    gender, agreement = doing.agrees
    gn = gender_number(gender, agreement)
    short = tense == "present" and negative                   # मुझे नहीं जाना पड़ता: no है
    fall = {"past": [(perfective_forms(_FALL)[PERFECTIVE_INDEX[gn]], mc + ac)],
            "future": [(hindi_future(_FALL)[agreement] + _FUTURE_ENDING[gn], mc + ac)],
            "present": [(_FALL + HABITUAL[gn], mc + ac)] if short
            else [(_FALL + HABITUAL[gn], mc), (AUX_PRESENT[agreement], ac)]}
    hindi = subject_h + time_h + doing.hindi + ([(NAHIN, nc)] if negative else []) \
        + [(_infinitive(doing.verb.stem, gn), doing.vc)] + fall[tense]
    person = who.english_person
    have = {"past": "had", "future": "have", "present": english_present(person, "have", "has")}[tense]
    aux = {"past": "did", "future": "will", "present": english_do(person)}[tense]
    rest = [("to", mc), (doing.verb.english, doing.vc)] + doing.english + time_e
    if question:
        english = [(aux, ac)] + subject_e + [("have", mc)] + rest
        return "question", _question(hindi, ac), english
    if negative:
        english = subject_e + [(aux, ac), ("not", nc), ("have", mc)] + rest
    elif tense == "future":
        english = subject_e + [("will", ac), ("have", mc)] + rest
    else:
        english = subject_e + [(have, mc + ac)] + rest
    return "statement", hindi, english


# ================================================================== who, which, how much, what time

# what someone did (none of them with a light word, which would go after किसने)
_WHO_DID = _acts("""
यह | कर | do | this | 0-0 | ms
खिड़की | तोड़ | break | the window | 0-0 0-1 | fs
दरवाज़ा | खोल | open | the door | 0-0 0-1 | ms
केक | खा | eat | the cake | 0-0 0-1 | ms
मेरी कलम | ले | take | my pen | 0-0 1-1 | fs
यह तस्वीर | बना | draw | this picture | 0-0 1-1 | fs
यह गाना | गा | sing | this song | 0-0 1-1 | ms
तुम्हें यह | बता | tell | you this | 0-0 1-1 | ms
बत्ती | जला | switch | the light | 0-0 0-1 | fs
""")
# कौन in the case a verb wants: (verb, Hindi, English preposition left at the end, tense)
_WHOM = [(_verb(h, e), tuple(nfc(w).split()), tuple(p.split()), t) for h, e, w, p, t in (
    ("देख", "see", "किसको", "", "past"), ("फ़ोन कर", "call", "किसको", "", "past"),
    ("बात कर", "talk", "किससे", "to", "past_continuous"), ("इंतज़ार कर", "wait", "किसका", "for", "present_continuous"),
    ("आ", "come", "किसके साथ", "with", "past"), ("खेल", "play:intr", "किसके साथ", "with", "present_continuous"),
    ("मिल", "meet", "किससे", "", "past"))]
_WHO_IS = _time_table("""
दरवाज़े पर कौन है | who is at the door | 0-3 0-4 1-2 2-0 3-1
वहाँ कौन है | who is there | 0-2 1-0 2-1
तुम्हारे साथ कौन था | who was with you | 0-3 1-2 2-0 3-1
तुम्हारा सबसे अच्छा दोस्त कौन है | who is your best friend | 0-2 1-3 2-3 3-4 4-0 5-1
तुम्हारी सबसे अच्छी दोस्त कौन है | who is your best friend | 0-2 1-3 2-3 3-4 4-0 5-1
यह तोहफ़ा किसके लिए है | who is this gift for | 0-2 1-3 2-0 2-4 3-4 4-1
""")
# what one asks 'which' of: a verb and the nouns it takes
_WHICH_OF = [(_verb(h, e), _nouns(objects)) for h, e, objects in (
    ("पढ़", "read", "किताब कहानी कविता अख़बार"), ("देख", "watch", "फ़िल्म मैच"), ("गा", "sing", "गाना"),
    ("ख़रीद", "buy", "कमीज़ किताब फ़ोन घड़ी"), ("सीख", "learn", "गाना कविता"), ("खेल", "play:tr", "खेल"))]
# किस ... में / से: which place someone is in, lives in or is from
_WHICH_PLACE = [(_noun(n), nfc(p), e, verb) for n, p, e, verb in (
    ("कक्षा", "में", "in", None), ("कमरा", "में", "in", None), ("शहर", "में", "in", "रह"), ("शहर", "से", "from", None),
    ("गाँव", "से", "from", None), ("देश", "से", "from", None))]
_WHICH_ONE = [n for n in _OWNED if n.english in ("house", "room", "bag", "bicycle", "book", "umbrella", "pen")]
_LIVE = lexicon_verb("रह")


def _which(gender: str) -> str:
    return nfc("सी") if gender == "f" else nfc("सा")


def who_and_which(rng, ids):
    """खिड़की किसने तोड़ी? / Who broke the window?; तुम किससे बात कर रहे थे? / Who were you talking to?;
    दरवाज़े पर कौन है? / Who is at the door?; तुमने कौन सी फ़िल्म देखी? / Which film did you watch?;
    तुम किस कक्षा में हो? / Which class are you in?; तुम्हारा घर कौन सा है? / Which one is your house?"""
    wc = _c(ids)
    r = rng.random()
    if r < 0.2:                                                # who did it: the perfective agrees with it
        doing = _doing(pick(rng, _WHO_DID), ids)
        gender, agreement = doing.agrees
        verb_h = hindi_verb_items(doing.verb, "past", gender, agreement, doing.vc, doing.vc, doing.vc)
        return "question", doing.hindi + [(nfc("किसने"), wc)] + verb_h, \
            [("who", wc), (doing.verb.english_past, doing.vc)] + doing.english
    if r < 0.45:                                               # whom, with whom
        return "question", *_whom(rng, ids, wc)
    if r < 0.55:                                               # who is
        hindi, english = _row_items(pick(rng, _WHO_IS), ids)
        return "question", hindi, english
    if r < 0.75:
        return "question", *_which_thing(rng, ids, wc)
    if r < 0.9:
        return "question", *_which_place(rng, ids, wc)
    noun = pick(rng, _WHICH_ONE)                               # तुम्हारा घर कौन सा है? / Which one is your house?
    thing_h, thing_e, _ = noun_phrase_items(NounPhrase(noun, noun.gender, possessive=sample_possessive(rng)), ids)
    ac = _c(ids)
    return "question", thing_h + [(nfc("कौन"), wc), (_which(noun.gender), wc), (AUX_PRESENT["3sg"], ac)], \
        [("which", wc), ("one", wc), ("is", ac)] + thing_e


def _whom(rng, ids, wc) -> tuple[list, list]:
    """तुमने किसको देखा? / Who did you see?; वह किसके साथ आया? / Who did he come with?"""
    verb, whom, preposition, tense = pick(rng, _WHOM)
    who = _person(rng, 0.8, asked=True)
    ergative = verb.ergative and tense == "past"
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    vc, ac, nc = _c(ids), _c(ids), _c(ids)
    gender, agreement = ("m", "3sg") if ergative else (who.gender, who.agreement)
    continuous = tense.endswith("continuous")
    hindi = subject_h + [(t, wc) for t in whom] + [(t, vc) for t in verb.light] \
        + hindi_verb_items(verb, tense, gender, agreement, vc, ac, vc + ac)
    front, group = english_verb_items(verb, tense, who.english_person, False, True, vc, ac, nc, vc + ac)
    tail = verb.english_continuous[1:] if continuous else verb.english_tail
    return hindi, [("who", wc)] + front + subject_e + group + [(t, vc) for t in tail] + [(t, wc) for t in preposition]


def _which_thing(rng, ids, wc) -> tuple[list, list]:
    """तुम कौन सी किताब पढ़ रहे हो? / Which book are you reading?; तुमने कौन सा गाना गाया? / Which song
    did you sing?"""
    verb, nouns = pick(rng, _WHICH_OF)
    noun = pick(rng, nouns)
    tense = pick(rng, ("present_continuous", "past", "future"))
    who = _person(rng, 0.8, asked=True)
    ergative = verb.ergative and tense == "past"
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    nc, vc, ac = _c(ids), _c(ids), _c(ids)
    gender, agreement = (noun.gender, "3sg") if ergative else (who.gender, who.agreement)
    hindi = subject_h + [(nfc("कौन"), wc), (_which(noun.gender), wc), (noun.hindi, nc)] \
        + hindi_verb_items(verb, tense, gender, agreement, vc, ac, vc + ac)
    front, group = english_verb_items(verb, tense, who.english_person, False, True, vc, ac, nc, vc + ac)
    return hindi, [("which", wc), (noun.english, nc)] + front + subject_e + group


def _which_place(rng, ids, wc) -> tuple[list, list]:
    """तुम किस कक्षा में हो? / Which class are you in?; आप किस शहर में रहते हैं? / Which city do you
    live in?; वह किस गाँव से है? / Which village is he from?"""
    noun, postposition, preposition, verb = pick(rng, _WHICH_PLACE)
    who = _person(rng, 0.8, asked=True)
    subject_h, subject_e = who.items(ids)
    nc, pc, ac, vc = _c(ids), _c(ids), _c(ids), _c(ids)
    place_h = [(nfc("किस"), wc), (noun.forms[1], nc), (postposition, pc)]
    place_e = [(preposition, pc)]
    if verb is None:
        return subject_h + place_h + [(AUX_PRESENT[who.agreement], ac)], \
            [("which", wc), (noun.english, nc), (english_be(who.english_person), ac)] + subject_e + place_e
    hindi = subject_h + place_h + hindi_verb_items(_LIVE, "present", who.gender, who.agreement, vc, ac, vc + ac)
    return hindi, [("which", wc), (noun.english, nc), (english_do(who.english_person), ac)] + subject_e \
        + [(_LIVE.english, vc)] + place_e


# how many, how much: a verb and what it takes, counted (आम: how many mangoes) or measured (पानी: how
# much water); daily: also asked of every day (how much water do you drink every day?)
_COUNTED = [(_verb(h, e), _nouns(objects), daily) for h, e, objects, daily in (
    ("खा", "eat", "आम केला समोसा सेब लड्डू", True), ("पी", "drink", "पानी दूध चाय कॉफ़ी", True),
    ("ख़रीद", "buy", "किताब कमीज़ केला आम कलम", False), ("पढ़", "read", "किताब कहानी", False),
    ("लिख", "write", "चिट्ठी कविता", False))]
_NEEDED = _nouns("पानी दूध चीनी चाय किताब कलम केला अंडा आम")
_HAD = _nouns("किताब कलम पेंसिल खिलौना कमीज़ गेंद")
_MONEY = (nfc("पैसे"), "money")          # plural in Hindi, a mass noun in English
_FAR_PLACES = _nouns("स्टेशन स्कूल बाज़ार अस्पताल पार्क बैंक घर")
_GET_TO = _verb("पहुँच", "get")
# who came (when, or where to), and how many
_WHO_CAME = [(row, _nouns(who)) for row, who in zip(_time_table("""
आज | today | 0-0
कल | yesterday | 0-0
पार्टी में | to the party | 0-1 0-2 1-0
कक्षा में | to class | 0-1 1-0
"""), ("बच्चा व्यक्ति छात्र लड़की लड़का मेहमान", "बच्चा व्यक्ति छात्र लड़की लड़का मेहमान", "बच्चा व्यक्ति मेहमान",
      "बच्चा छात्र लड़की लड़का"))]
_COME = lexicon_verb("आ")


def _how_many(noun: Noun, qc, nc) -> tuple[list, list, str]:
    """कितने आम / how many mangoes, कितनी चाय / how much tea; and the agreement they take."""
    many = nfc("कितनी") if noun.gender == "f" else nfc("कितने") if noun.countable else nfc("कितना")
    if noun.countable:
        return [(many, qc), (noun.forms[2], nc)], [("how", qc), ("many", qc), (noun.english_plural, nc)], "pl"
    return [(many, qc), (noun.hindi, nc)], [("how", qc), ("much", qc), (noun.english, nc)], "3sg"


def how_much(rng, ids):
    """तुमने कितने आम खाए? / How many mangoes did you eat?; तुम्हें कितना पानी चाहिए? / How much water do
    you need?; तुम्हारे पास कितने पैसे हैं? / How much money do you have?; स्टेशन यहाँ से कितनी दूर है? /
    How far is the station from here?; स्टेशन पहुँचने में कितना समय लगता है? / How long does it take to
    get to the station?; पार्टी में कितने लोग आए? / How many people came to the party?"""
    qc, nc, vc, ac = _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.3:
        return "question", *_how_many_done(rng, ids, qc, nc, vc, ac)
    if r < 0.5:                                                # चाहिए, के पास
        who = _person(rng, 0.8, asked=True)
        person = who.english_person
        if rng.random() < 0.5:
            subject_h, subject_e = who.items(ids, "dat")
            many_h, many_e, _ = _how_many(pick(rng, _NEEDED), qc, nc)
            return "question", subject_h + many_h + [(nfc("चाहिए"), vc + ac)], \
                many_e + [(english_do(person), ac)] + subject_e + [("need", vc)]
        subject_h, subject_e = who.items(ids, "pas")
        if rng.random() < 0.4:
            many_h, many_e = [(nfc("कितने"), qc), (_MONEY[0], nc)], [("how", qc), ("much", qc), (_MONEY[1], nc)]
        else:
            many_h, many_e, _ = _how_many(pick(rng, _HAD), qc, nc)
        return "question", subject_h + many_h + [(AUX_PRESENT["pl"], ac)], \
            many_e + [(english_do(person), ac)] + subject_e + [("have", ac)]
    if r < 0.65:                                               # how far
        return "question", *_how_far(rng, ids, qc, ac)
    if r < 0.8:                                                # how long it takes
        tc, lc = _c(ids), _c(ids)
        future = rng.random() < 0.4
        goal_h, goal_e = [], []
        if rng.random() < 0.7:
            place = pick(rng, _FAR_PLACES)
            place_h, place_e = destination_items(NounPhrase(place, place.gender), _GET_TO, ids)
            goal_h, goal_e = place_h + [(nfc("पहुँचने"), vc), (nfc("में"), vc)], [("to", vc), ("get", vc)] + place_e
        take_h = [(nfc("लगेगा"), lc + ac)] if future else [(nfc("लगता"), lc), (AUX_PRESENT["3sg"], ac)]
        return "question", goal_h + [(nfc("कितना"), qc), (nfc("समय"), tc)] + take_h, \
            [("how", qc), ("long", tc), ("will" if future else "does", ac), ("it", ac), ("take", lc)] + goal_e
    row, nouns = pick(rng, _WHO_CAME)                            # how many came
    noun = pick(rng, nouns)
    many_h, many_e, _ = _how_many(noun, qc, nc)
    when_h, when_e = _row_items(row, ids)
    came = perfective_forms(_COME.stem)[PERFECTIVE_INDEX[gender_number(noun.gender, "pl")]]
    return "question", when_h + many_h + [(came, vc + ac)], many_e + [("came", vc + ac)] + when_e


def _how_many_done(rng, ids, qc, nc, vc, ac) -> tuple[list, list]:
    """तुमने कितने आम खाए? / How many mangoes did you eat?; वह रोज़ कितना दूध पीती है? / How much milk does
    she drink every day?; तुम कितनी किताबें ख़रीदोगे? / How many books will you buy?"""
    verb, nouns, daily = pick(rng, _COUNTED)
    noun = pick(rng, nouns)
    tense = pick(rng, ("past", "past", "present", "future") if daily else ("past", "past", "future"))
    who = _person(rng, 0.75, asked=True)
    ergative = verb.ergative and tense == "past"
    subject_h, subject_e = who.items(ids, "erg" if ergative else "nom")
    many_h, many_e, agreement = _how_many(noun, qc, nc)
    time_h, time_e = _row_items(_EVERY_DAY_ROW, ids) if tense == "present" else ([], [])
    gender, agreement = (noun.gender, agreement) if ergative else (who.gender, who.agreement)
    hindi = subject_h + time_h + many_h + hindi_verb_items(verb, tense, gender, agreement, vc, ac, vc + ac)
    front, group = english_verb_items(verb, tense, who.english_person, False, True, vc, ac, ac, vc + ac)
    return hindi, many_e + front + subject_e + group + [(t, vc) for t in verb.english_tail] + time_e


def _how_far(rng, ids, qc, ac) -> tuple[list, list]:
    """स्टेशन यहाँ से कितनी दूर है? / How far is the station from here?; तुम्हारा घर स्कूल से कितनी दूर है?
    / How far is your house from school?"""
    place = pick(rng, _FAR_PLACES)
    possessive = sample_possessive(rng) if place.english == "house" else None
    place_h, place_e, _ = noun_phrase_items(NounPhrase(place, place.gender, possessive=possessive), ids)
    if rng.random() < 0.6:
        hc, fc = _c(ids), _c(ids)
        from_h, from_e = [(nfc("यहाँ"), hc), (SE, fc)], [("from", fc), ("here", hc)]
    else:
        other = pick(rng, _FAR_PLACES)
        while other is place:
            other = pick(rng, _FAR_PLACES)
        from_h, from_e = adjunct_items(Adjunct((SE,), ("from",), NounPhrase(other, other.gender)), ids)
    return place_h + from_h + [(nfc("कितनी"), qc), (nfc("दूर"), qc), (AUX_PRESENT["3sg"], ac)], \
        [("how", qc), ("far", qc), ("is", ac)] + place_e + from_e


# the day: what people do at a time (the hours it is done at, on a 24-hour clock) ...
_ROUTINE = list(zip(_acts("""
| उठ | get | | |
| सो | go | | |
| नाश्ता कर | have | | |
| दोपहर का खाना खा | have | | |
| रात का खाना खा | have | | |
स्कूल | जा | go | to school | 0-0 0-1 |
घर | आ | come | home | 0-0 |
| पढ़ाई कर | study | | |
"""), ((5, 8), (21, 23), (7, 9), (12, 14), (19, 21), (7, 9), (13, 17), (16, 20))))
# ... and what happens at a time: a thing, its verb, the hours
_EVENTS_OF_THE_DAY = [(_noun(n), _verb(h, e), hours) for n, h, e, hours in (
    ("स्कूल", "शुरू हो", "start", (7, 9)), ("कक्षा", "शुरू हो", "start", (8, 11)), ("दुकान", "खुल", "open", (8, 10)),
    ("दुकान", "बंद हो", "close", (20, 22)), ("बैंक", "खुल", "open", (9, 10)), ("फ़िल्म", "शुरू हो", "start", (15, 21)),
    ("मैच", "शुरू हो", "start", (14, 19)), ("ट्रेन", "आ", "arrive", (1, 23)), ("ट्रेन", "छूट", "leave", (1, 23)),
    ("बस", "आ", "arrive", (6, 20)))]
_LATER_TODAY = ("film", "match", "train")          # what one asks the time of for today, in the future
# the part of the day an hour is in (noon and midnight are in none)
_PARTS_OF_THE_DAY = [(nfc(h), tuple(e.split()), hours) for h, e, hours in (
    ("सुबह", "in the morning", range(4, 12)), ("दोपहर", "in the afternoon", range(13, 17)),
    ("शाम", "in the evening", range(17, 20)), ("रात", "at night", (20, 21, 22, 23, 1, 2, 3)))]
_WHAT_TIME = (nfc("कितने"), nfc("बजे"))
_TODAY, _TOMORROW = _time_table("आज | today | 0-0\nकल | tomorrow | 0-0")


def _at_hour(rng, ids, hour: int, part_ok: bool = True) -> tuple[list, list]:
    """सुबह सात बजे / at seven o'clock in the morning, साढ़े नौ बजे / at half past nine, ढाई बजे / at half
    past two, रात 10 बजे / at 10 o'clock at night."""
    n = (hour - 1) % 12 + 1
    nc, bc = _c(ids), _c(ids)
    if rng.random() < 0.2:                                     # half past
        word = {1: nfc("डेढ़"), 2: nfc("ढाई")}.get(n)
        clock_h = ([(word, nc)] if word else [(nfc("साढ़े"), bc), (number_tokens(n, False)[0][0], nc)]) \
            + [(nfc("बजे"), bc)]
        clock_e = [("at", bc), ("half", nc if word else bc), ("past", bc), (english_number(n), nc)]
    else:
        number_h, number_e = number_tokens(n, rng.random() < 0.25)
        clock_h, clock_e = [(number_h[0], nc), (nfc("बजे"), bc)], [("at", bc), (number_e[0], nc), ("o'clock", bc)]
    part = next(((h, e) for h, e, hours in _PARTS_OF_THE_DAY if hour in hours), None)
    if part is None or not part_ok or rng.random() < 0.4:
        return clock_h, clock_e
    pc = _c(ids)
    return [(part[0], pc)] + clock_h, clock_e + [(t, pc) for t in part[1]]


def daily_routine(rng, ids):
    """तुम कितने बजे उठते हो? / What time do you get up?; मैं सुबह छह बजे उठती हूँ / I get up at six
    o'clock in the morning; तुमने आज कितने बजे नाश्ता किया? / What time did you have breakfast today?;
    स्कूल कितने बजे शुरू होता है? / What time does the school start?; दुकान रात दस बजे बंद होती है / The
    shop closes at ten o'clock at night; अभी कितने बजे हैं? / What time is it now?"""
    r = rng.random()
    if r < 0.12:
        return _clock_now(rng, ids)
    question = rng.random() < 0.35
    day = None
    if r < 0.4:                                                # a shop opens, a film starts
        noun, verb, hours = pick(rng, _EVENTS_OF_THE_DAY)
        who = Speaker(noun, NounPhrase(noun, noun.gender))
        doing = _doing(_alone(verb), ids)
        tense = "future" if noun.english in _LATER_TODAY and rng.random() < 0.4 else "present"
    else:                                                      # someone gets up, has breakfast
        act, hours = pick(rng, _ROUTINE)
        who = _person(rng, 0.7, asked=question)
        doing = _doing(act, ids)
        tense = pick(rng, ("present", "present", "present", "present", "past", "future"))
        day = {"past": _TODAY, "future": _TOMORROW}.get(tense)
    wc = _c(ids)
    day_h, day_e = _row_items(day, ids) if day else ([], [])
    if question:
        time_h, time_e = [(t, wc) for t in _WHAT_TIME], []
    else:           # not सुबह ... today (this morning), nor रात ... रात का खाना
        time_h, time_e = _at_hour(rng, ids, rng.randint(*hours), part_ok=day is None and not doing.verb.tail_is_noun)
    said = _clause(who, doing, tense, ids, question=question, time=(day_h + time_h, time_e + day_e))
    if question:
        return "question", said.hindi, [("what", wc), ("time", wc)] + said.front + said.subject + said.rest
    return "statement", said.hindi, said.statement()


def _clock_now(rng, ids):
    """अभी कितने बजे हैं? / What time is it now?; अभी पाँच बजे हैं / It is five o'clock now."""
    tc, hc, ac = _c(ids), _c(ids), _c(ids)
    if rng.random() < 0.3:
        return "question", [(nfc("अभी"), tc)] + [(t, hc) for t in _WHAT_TIME] + [(AUX_PRESENT["pl"], ac)], \
            [("what", hc), ("time", hc), ("is", ac), ("it", ac), ("now", tc)]
    n = rng.randint(1, 12)
    number_h, number_e = number_tokens(n, rng.random() < 0.25)
    nc = _c(ids)
    o_clock = [(nfc("बजा"), hc), (AUX_PRESENT["3sg"], ac)] if n == 1 else [(nfc("बजे"), hc), (AUX_PRESENT["pl"], ac)]
    return "statement", [(nfc("अभी"), tc), (number_h[0], nc)] + o_clock, \
        [("it", ac), ("is", ac), (number_e[0], nc), ("o'clock", hc), ("now", tc)]


# ================================================================== about to, this one, as ... as

# what is about to happen: a thing and its verb
_ABOUT_TO_HAPPEN = [(_noun(n), _verb(h, e)) for n, h, e in (
    ("ट्रेन", "आ", "arrive"), ("बस", "आ", "arrive"), ("फ़िल्म", "शुरू हो", "start"), ("मैच", "शुरू हो", "start"),
    ("कक्षा", "ख़त्म हो", "end"), ("कक्षा", "शुरू हो", "start"), ("दुकान", "बंद हो", "close"),
    ("पार्टी", "शुरू हो", "start"))]
_ABOUT_TO_DO = _acts("""
| सो | go | | |
| निकल | leave | | |
| आ | come | | |
घर | जा | go | home | 0-0 |
| खाना खा | eat | | |
""")
_ABOUT = nfc("वाल")                  # वाला, वाली, वाले
_CALL = _verb("फ़ोन कर", "call")


def about_to(rng, ids):
    """ट्रेन आने वाली है / The train is about to arrive; बारिश होने वाली है / It is about to rain; मैं
    तुम्हें फ़ोन करने वाला था / I was about to call you; क्या फ़िल्म शुरू होने वाली है? / Is the film about
    to start?; हम निकलने वाले हैं / We are about to leave. वाला agrees with the subject."""
    past = rng.random() < 0.3
    question = not past and rng.random() < 0.2
    ac, wc = _c(ids), _c(ids)
    r = rng.random()
    if r < 0.1:                                                # बारिश होने वाली है: it, as in it is raining
        rc = _c(ids)
        return "statement", [(nfc("बारिश"), rc), (nfc("होने"), rc), (_ABOUT + "ी", wc),
                             (AUX_PAST["fs"] if past else AUX_PRESENT["3sg"], ac)], \
            [("it", ac), ("was" if past else "is", ac), ("about", wc), ("to", wc), ("rain", rc)]
    if r < 0.5:
        noun, verb = pick(rng, _ABOUT_TO_HAPPEN)
        who, doing = Speaker(noun, NounPhrase(noun, noun.gender)), _doing(_alone(verb), ids)
    else:
        who = _person(rng, 0.7, asked=question)
        act = pick(rng, _ABOUT_TO_DO)
        while act.verb is _COME and isinstance(who.head, Pronoun):     # तुम आने वाले हो: said of others
            act = pick(rng, _ABOUT_TO_DO)
        doing = _doing_to(rng, ids, who, _CALL) if rng.random() < 0.2 else _doing(act, ids)
    subject_h, subject_e = who.items(ids)
    gn = gender_number(who.gender, who.agreement)
    hindi = subject_h + doing.hindi + [(_infinitive(doing.verb.stem, "mp"), doing.vc),
                                       (_ABOUT + {"ms": "ा", "mp": "े"}.get(gn, "ी"), wc),
                                       (AUX_PAST[gn] if past else AUX_PRESENT[who.agreement], ac)]
    be = (english_be(who.english_person, past), ac)
    about = [("about", wc), ("to", wc), (doing.verb.english, doing.vc)] + doing.english
    if question:
        return "question", _question(hindi, ac), [be] + subject_e + about
    return "statement", hindi, subject_e + [be] + about


_ONE_OF = [ADJECTIVE[nfc(a)] for a in "लाल नीला काला सफ़ेद हरा पीला बड़ा छोटा नया पुराना सस्ता".split()]   # the red one
_BETTER = [ADJECTIVE[nfc(a)] for a in "अच्छा सस्ता महँगा बड़ा छोटा नया पुराना भारी हल्का सुंदर".split()]
# as tall as: people's adjectives, and what बड़ा and छोटा say of people (old, young)
_AS_AS = [(ADJECTIVE[nfc(a)], e) for a, e in (("लंबा", "tall"), ("होशियार", "smart"), ("मज़बूत", "strong"),
                                               ("बड़ा", "old"), ("छोटा", "young"))]
_MORE_OF = [(nfc(h), e, f) for h, e, f in (("किताबें", "books", "fewer"), ("पैसे", "money", "less"),
                                          ("पेंसिलें", "pencils", "fewer"), ("कलमें", "pens", "fewer"),
                                          ("खिलौने", "toys", "fewer"))]


def _this_one(rng, ids, gender: str, oblique: bool = False) -> tuple[list, list]:
    """यह वाला / this one, उस वाली (से) / that one."""
    near = rng.random() < 0.5
    dc = _c(ids)
    word = nfc("यह" if near else "वह") if not oblique else nfc("इस" if near else "उस")
    one = _ABOUT + ("ी" if gender == "f" else "े" if oblique else "ा")
    return [(word, dc), (one, dc)], [("this" if near else "that", dc), ("one", dc)]


def comparing(rng, ids):
    """यह वाला सबसे अच्छा है / This one is the best; यह वाली उस वाली से सस्ती है / This one is cheaper than
    that one; मुझे लाल वाली चाहिए / I need the red one; राम सीता जितना लंबा है / Ram is as tall as Sita;
    मेरे पास तुमसे ज़्यादा किताबें हैं / I have more books than you. वाला, जितना and the adjective agree."""
    ac, sc, jc = _c(ids), _c(ids), _c(ids)
    gender = _gender(rng)                         # of the thing वाला stands for (a shirt, a phone)
    r = rng.random()
    if r < 0.4:                                   # this one, the best; this one, better than that one
        adjective = pick(rng, _BETTER)
        this_h, this_e = _this_one(rng, ids, gender)
        adjective_h = [(t, jc) for t in adjective.hindi_form(gender, False, False)]
        comparative, superlative = english_comparison(adjective.english)
        if r < 0.2:
            return "statement", this_h + [(nfc("सबसे"), sc)] + adjective_h + [(AUX_PRESENT["3sg"], ac)], \
                this_e + [("is", ac), ("the", sc)] + [(t, jc + sc) for t in superlative]
        that_h, that_e = _this_one(rng, ids, gender, oblique=True)
        while that_e[0][0] == this_e[0][0]:
            that_h, that_e = _this_one(rng, ids, gender, oblique=True)
        return "statement", this_h + that_h + [(SE, sc)] + adjective_h + [(AUX_PRESENT["3sg"], ac)], \
            this_e + [("is", ac)] + [(t, jc) for t in comparative] + [("than", sc)] + that_e
    if r < 0.65:
        return _the_red_one(rng, ids, gender, ac)
    if r < 0.85:
        return _as_as(rng, ids, ac, jc)
    who = _person(rng, 0.8)                 # मेरे पास तुमसे ज़्यादा किताबें हैं
    other = _other_person(rng, who)
    subject_h, subject_e = who.items(ids, "pas")
    other_h, other_e = other.items(ids, "abl", "object")
    other_h[-1] = (other_h[-1][0], other_h[-1][1] + sc)       # से (or तुमसे) ~ than
    things, english, fewer = pick(rng, _MORE_OF)
    more = rng.random() < 0.7
    mc, nc = _c(ids), _c(ids)
    return "statement", subject_h + other_h + [(nfc("ज़्यादा") if more else nfc("कम"), mc), (things, nc),
                                                (AUX_PRESENT["pl"], ac)], \
        subject_e + [(english_present(who.english_person, "have", "has"), ac), ("more" if more else fewer, mc),
                     (english, nc), ("than", sc)] + other_e


def _the_red_one(rng, ids, gender: str, ac) -> tuple[str, list, list]:
    """मुझे लाल वाली चाहिए / I need the red one; मुझे यह वाला चाहिए / I need this one; तुम्हें कौन सा वाला
    चाहिए? / Which one do you need?"""
    r = rng.random()
    who = _person(rng, 0.85, asked=r < 0.25)
    subject_h, subject_e = who.items(ids, "dat")
    vc, dc = _c(ids), _c(ids)
    one = _ABOUT + ("ी" if gender == "f" else "ा")
    need = (nfc("चाहिए"), vc + ac)
    if r < 0.25:
        return "question", subject_h + [(nfc("कौन"), dc), (_which(gender), dc), (one, dc), need], \
            [("which", dc), ("one", dc), (english_do(who.english_person), ac)] + subject_e + [("need", vc)]
    if r < 0.5:
        one_h, one_e = _this_one(rng, ids, gender)
    else:
        adjective = pick(rng, _ONE_OF)
        jc = _c(ids)
        one_h = [(t, jc) for t in adjective.hindi_form(gender, False, False)] + [(one, dc)]
        one_e = [("the", dc), (adjective.english, jc), ("one", dc)]
    return "statement", subject_h + one_h + [need], \
        subject_e + [(english_present(who.english_person, "need", "needs"), vc + ac)] + one_e


def _as_as(rng, ids, ac, jc) -> tuple[str, list, list]:
    """राम सीता जितना लंबा है / Ram is as tall as Sita; वह मेरे जितनी होशियार नहीं है / She is not as smart
    as me; तुम उसके जितने बड़े हो / You are as old as him."""
    who = _person(rng, 0.5)
    while not isinstance(who.head, (Pronoun, Name)):
        who = _person(rng, 0.5)
    other = _person(rng, 0.5)
    while not isinstance(other.head, (Pronoun, Name)) or _clash(who, other):
        other = _person(rng, 0.5)
    subject_h, subject_e = who.items(ids)
    oc, ec, nc = _c(ids), _c(ids), _c(ids)
    if isinstance(other.head, Pronoun):           # मेरे जितना: the genitive before जितना
        other_h, other_e = [(other.head.genitive("े"), oc)], [(other.head.english_object[0], oc)]
    else:
        other_h, other_e = [(other.head.hindi, oc)], [(other.head.english, oc)]
    adjective, english = pick(rng, _AS_AS)
    gn = gender_number(who.gender, who.agreement)
    plural = who.agreement in ("2", "pl")
    negative = rng.random() < 0.2
    hindi = subject_h + other_h + [(nfc("जितन") + {"ms": "ा", "mp": "े"}.get(gn, "ी"), ec)] \
        + [(t, jc) for t in adjective.hindi_form(who.gender, plural, False)] \
        + ([(NAHIN, nc)] if negative else []) + [(AUX_PRESENT[who.agreement], ac)]
    not_e = [("not", nc)] if negative else []
    return "statement", hindi, subject_e + [(english_be(who.english_person), ac)] + not_e \
        + [("as", ec), (english, jc), ("as", ec)] + other_e


# ================================================================== if ... then, when ... then

_IF, _THEN_IF, _WHEN, _THEN = (nfc(w) for w in ("अगर", "तो", "जब", "तब"))


def _said(line: str) -> tuple:
    """A clause as it is said, with no one in it to agree with: 'Hindi | English | links'."""
    return "said", _time_table(line)[0]


def _you_do(line: str) -> tuple:
    """A condition on तुम doing something: an _acts row (English: in the present)."""
    return "you", _acts(line)[0]


def _will(subject: str, line: str, negative: bool = False) -> tuple:
    """A result: someone (Hindi pronoun) will do something: an _acts row."""
    return subject, _acts(line)[0], negative


# What follows from what: conditions (said of तुम, or of nobody: बारिश होगी) and the results that fit
# them, in the future or as a command to तुम (its infinitive: मुझे फ़ोन करना).
_IF_THEN = [
    ([_said("बारिश होगी | it rains | 0-1 1-0 1-1"), _said("बारिश हुई | it rains | 0-1 1-0 1-1")],
     [_will("हम", "घर पर | रुक | stay | at home | 0-1 1-0 |"), _will("हम", "बाहर | जा | go | out | 0-0 |", True),
      _will("हम", "अंदर | खेल | play:intr | inside | 0-0 |"),
      _said("छाता ले जाना | take an umbrella | 0-1 0-2 1-0 2-0")]),
    ([_you_do("जल्दी | आ | come | early | 0-0 |"), _you_do("समय पर | आ | come | on time | 0-1 1-0 |")],
     [_will("हम", "साथ में | खाना खा | eat | together | 0-0 1-0 |"),
      _will("हम", "क्रिकेट | खेल | play:tr | cricket | 0-0 |"), _will("हम", "बस | पकड़ | catch | the bus | 0-0 0-1 | fs")]),
    ([_you_do("| मेहनत कर | work | | |"), _you_do("रोज़ | पढ़ाई कर | study | every day | 0-0 0-1 |")],
     [_will("तुम", "| पास हो जा | pass | | |"),
      _said("तुम्हें अच्छे नंबर मिलेंगे | you will get good marks | 0-0 1-3 2-4 3-1 3-2")]),
    ([_said("तुम्हारे पास समय है | you have time | 0-0 1-0 2-2 3-1"),
      _said("तुम्हारे पास समय होगा | you have time | 0-0 1-0 2-2 3-1")],
     [_said("मेरे घर आना | come to my house | 0-2 1-1 1-3 2-0"), _said("मुझे फ़ोन करना | call me | 0-1 1-0 2-0"),
      _will("हम", "एक फ़िल्म | देख | watch | a film | 0-0 1-1 | fs"),
      _will("हम", "पार्क | चल | go | to the park | 0-0 0-1 0-2 |")]),
    ([_said("तुम्हें भूख लगी है | you are hungry | 0-0 1-2 2-2 3-1")],
     [_said("कुछ खा लो | eat something | 0-1 1-0 2-0"), _said("मेरे साथ खाना खाओ | eat with me | 0-2 1-1 2-0 3-0"),
      _will("मैं", "| खाना बना | cook | | |")]),
    ([_said("तुम थक गए हो | you are tired | 0-0 1-2 2-2 3-1"), _said("तुम थक गई हो | you are tired | 0-0 1-2 2-2 3-1")],
     [_said("थोड़ा आराम कर लो | rest for a while | 0-1 0-2 0-3 1-0 2-0 3-0"),
      _said("सो जाओ | go to sleep | 0-2 1-0 1-1"), _will("मैं", "| खाना बना | cook | | |")]),
    ([_said("कल छुट्टी होगी | tomorrow is a holiday | 0-0 1-2 1-3 2-1")],
     [_will("हम", "| टहल | go | | |"), _will("हम", "क्रिकेट | खेल | play:tr | cricket | 0-0 |"),
      _will("हम", "देर तक | सो | sleep | late | 0-0 1-0 |")]),
    ([_said("बस नहीं आई | the bus does not come | 0-0 0-1 1-3 2-2 2-4")],
     [_will("हम", "पैदल | जा | go | on foot | 0-0 0-1 |"), _will("हम", "टैक्सी से | जा | go | by taxi | 0-1 1-0 |")]),
]


def _part_items(rng, ids, part: tuple, you: Speaker, hindi_tense: str, english_tense: str) -> tuple[list, list]:
    """A condition or a result in both languages; you: the तुम of both clauses (one gender)."""
    if part[0] == "said":
        return _row_items(part[1], ids)
    if part[0] in ("you", "तुम"):
        who = you
    else:               # a group of women says हम ... खेलेंगी; a mixed one, and most speakers, खेलेंगे
        who = _pronoun(part[0], "f" if rng.random() < 0.25 else "m")
    act, negative = part[1], part[0] != "you" and part[2]
    said = _clause(who, _doing(act, ids), hindi_tense, ids, negative, english_tense=english_tense)
    return said.hindi, said.statement()


def _joined(rng, ids, first: tuple[list, list], second: tuple[list, list], words: tuple[str, str], english: str):
    """अगर ... , तो ... / If ..., ...: the two words of the pair both align with the English one, and
    the English comma with the Hindi comma or, without one, with the second word."""
    jc, cc = _c(ids), _c(ids)
    r = rng.random()
    comma = [(",", cc)] if r < 0.7 else []
    then = [(words[1], jc + (() if comma else cc))] if r >= 0.35 or not comma else []
    return [(words[0], jc)] + first[0] + comma + then + second[0], [(english, jc)] + first[1] + [(",", cc)] + second[1]


def conditional(rng, ids):
    """अगर बारिश होगी तो हम घर पर रुकेंगे / If it rains, we will stay at home; अगर तुम जल्दी आओगी, तो हम
    क्रिकेट खेलेंगे / If you come early, we will play cricket; अगर तुम्हें भूख लगी है तो कुछ खा लो / If
    you are hungry, eat something. The condition's future is English's present."""
    conditions, results = pick(rng, _IF_THEN)
    you = _pronoun("तुम", _gender(rng))
    condition = _part_items(rng, ids, pick(rng, conditions), you, "future", "present")
    result = _part_items(rng, ids, pick(rng, results), you, "future", "future")
    return "statement", *_joined(rng, ids, condition, result, (_IF, _THEN_IF), "if")


# when something happened, what was going on; when someone comes, what will happen
_HAPPENED = _acts("""
घर | पहुँच | get | home | 0-0 |
स्कूल | पहुँच | get | to school | 0-0 0-1 |
कमरे में | आ | come | into the room | 0-1 0-2 1-0 |
| उठ | get | | |
| फ़ोन कर | call | | |
""")
_GOING_ON = _acts("""
| सो | sleep | | |
| पढ़ाई कर | study | | |
| खाना बना | cook | | |
टीवी | देख | watch | TV | 0-0 |
| खाना खा | eat | | |
| नहा | bathe | | |
बाहर | खेल | play:intr | outside | 0-0 |
| काम कर | work | | |
""")
_WILL_HAPPEN = _acts("""
| आ | come | | |
घर | पहुँच | get | home | 0-0 |
स्कूल से | लौट | return | from school | 0-1 1-0 |
""")
# what follows when you come: what we will do, or what you should do then
_WHEN_THEN = [_will("हम", "साथ में | खाना खा | eat | together | 0-0 1-0 |"),
              _will("हम", "क्रिकेट | खेल | play:tr | cricket | 0-0 |"),
              _will("हम", "पार्क | चल | go | to the park | 0-0 0-1 0-2 |"),
              _said("मुझे फ़ोन करना | call me | 0-1 1-0 2-0"), _said("मुझे बताना | tell me | 0-1 1-0")]
_RAINING = _time_table("बारिश हो रही थी | it was raining | 0-2 1-2 2-2 3-0 3-1")[0]
_GROW_UP, _BECOME = _verb("बड़ा हो जा", "grow"), _verb("बन", "become")


def when_clause(rng, ids):
    """जब मैं छोटा था, तब मैं रोज़ क्रिकेट खेलता था / When I was young, I used to play cricket every
    day; जब मैं घर पहुँचा, माँ खाना बना रही थी / When I got home, Mother was cooking; जब तुम आओगे, तब
    हम साथ में खाना खाएँगे / When you come, we will eat together; जब मैं बड़ी हो जाऊँगी, मैं डॉक्टर बनूँगी /
    When I grow up, I will become a doctor."""
    r = rng.random()
    if r < 0.3:
        return "statement", *_joined(rng, ids, *_when_young(rng, ids), (_WHEN, _THEN), "when")
    if r < 0.65:                                               # it happened while something went on
        who = _person(rng, 0.7)
        other = _other_person(rng, who)
        happened = _clause(who, _doing(pick(rng, _HAPPENED), ids), "past", ids)
        if rng.random() < 0.15:
            going_on = _row_items(_RAINING, ids)
        else:
            said = _clause(other, _doing(pick(rng, _GOING_ON), ids, continuous=True), "past_continuous", ids)
            going_on = said.hindi, said.statement()
        return "statement", *_joined(rng, ids, (happened.hindi, happened.statement()), going_on, (_WHEN, _THEN), "when")
    if r < 0.85:                                               # when you come, we will ...
        you = _pronoun("तुम", _gender(rng))
        when = _part_items(rng, ids, ("you", pick(rng, _WILL_HAPPEN)), you, "future", "present")
        then = _part_items(rng, ids, pick(rng, _WHEN_THEN), you, "future", "future")
        return "statement", *_joined(rng, ids, when, then, (_WHEN, _THEN), "when")
    return _grow_up(rng, ids)


def _when_young(rng, ids) -> tuple[tuple[list, list], tuple[list, list]]:
    """जब मैं छोटा था / When I was young, and what I did then: तब मैं रोज़ क्रिकेट खेलता था / I used to play
    cricket every day; तब मैं बहुत शर्मीला था / I was very shy. A name is वह in the second clause."""
    who = _person(rng, 0.7)
    while not isinstance(who.head, (Pronoun, Name)):
        who = _person(rng, 0.7)
    subject_h, subject_e = who.items(ids)
    yc, ac = _c(ids), _c(ids)
    gn = gender_number(who.gender, who.agreement)
    plural = who.agreement in ("2", "pl")
    young = subject_h + [(t, yc) for t in _SMALL.hindi_form(who.gender, plural, False)] + [(AUX_PAST[gn], ac)]
    young_e = subject_e + [(english_be(who.english_person, True), ac), ("young", yc)]
    then = who if isinstance(who.head, Pronoun) else _pronoun("वह", who.gender)
    if rng.random() < 0.25:                                    # तब मैं बहुत शर्मीला था
        adjective = pick(rng, _WHEN_YOUNG_I_WAS)
        then_h, then_e = then.items(ids)
        vc, jc, bc = _c(ids), _c(ids), _c(ids)
        adjective_h = [(t, jc) for t in adjective.hindi_form(who.gender, plural, False)]
        return (young, young_e), (then_h + [(nfc("बहुत"), vc)] + adjective_h + [(AUX_PAST[gn], bc)],
                                  then_e + [(english_be(then.english_person, True), bc), ("very", vc),
                                            (adjective.english, jc)])
    act = pick(rng, _USED_TO)
    time = _row_items(_EVERY_DAY_ROW, ids) if act.verb.frame != "motion" and rng.random() < 0.3 else ([], [])
    said = _clause(then, _doing(act, ids), "habitual_past", ids, time=time)
    return (young, young_e), (said.hindi, said.statement())


def _grow_up(rng, ids):
    """जब मैं बड़ा हो जाऊँगा, मैं डॉक्टर बनूँगा / When I grow up, I will become a doctor; जब तुम बड़ी हो जाओगी,
    तब तुम क्या बनोगी? / When you grow up, what will you become? बड़ा agrees with who grows up."""
    question = rng.random() < 0.3
    who = _pronoun("तुम" if question else pick(rng, ("मैं", "मैं", "वह")), _gender(rng))
    doing = _doing(_alone(_GROW_UP), ids)
    big = _BIG.hindi_form(who.gender, who.agreement in ("2", "pl"), False)[0]
    doing.hindi = [(big, doing.vc)] + doing.hindi[1:]
    grow = _clause(who, doing, "future", ids, english_tense="present")
    if question:
        wc = _c(ids)
        become = _clause(who, _doing(_alone(_BECOME), ids), "future", ids, question=True)
        become.hindi[1:1] = [(KYA, wc)]
        then = become.hindi, [("what", wc)] + become.front + become.subject + become.rest
        kind = "question"
    else:
        job = pick(rng, _JOBS_OF_WOMEN if who.gender == "f" else _JOBS_OF_MEN)
        jc = _c(ids)
        act = _Act(_BECOME, (job.hindi,), (indefinite_article(job.english), job.english), ((0, 0), (0, 1)), "")
        become = _clause(who, _doing(act, ids), "future", ids)
        then, kind = (become.hindi, become.statement()), "statement"
    return kind, *_joined(rng, ids, (grow.hindi, grow.statement()), then, (_WHEN, _THEN), "when")


# ================================================================== used to, was doing

# what children did: outdoors, in the holidays and every summer too; daily, every day too
_USED_TO_OUTDOORS = _acts("""
क्रिकेट | खेल | play:tr | cricket | 0-0 |
पतंग | उड़ा | fly | kites | 0-0 |
पेड़ों पर | चढ़ | climb | trees | 0-0 1-0 |
नदी में | तैर | swim | in the river | 0-1 0-2 1-0 |
""")
_USED_TO_DAILY = _USED_TO_OUTDOORS + _acts("""
बहुत कहानियाँ | पढ़ | read | a lot of stories | 0-0 0-1 0-2 1-3 |
साइकिल | चला | ride | a bicycle | 0-0 0-1 |
टीवी | देख | watch | TV | 0-0 |
दूध | पी | drink | milk | 0-0 |
पैदल स्कूल | जा | go | to school on foot | 0-2 0-3 1-0 1-1 |
""")
_USED_TO = _USED_TO_DAILY + _acts("गाँव में | रह | live | in a village | 0-1 0-2 1-0 |")
_WHEN_YOUNG_I_WAS = [ADJECTIVE[nfc(a)] for a in ("शर्मीला", "शरारती", "पतला")]
_BACK_THEN = _time_table("""
बचपन में | as a child | 0-0 0-1 0-2 1-0
छुट्टियों में | in the holidays | 0-1 0-2 1-0
हर गर्मी में | every summer | 0-0 1-1 2-1
""")
_AS_A_CHILD = _BACK_THEN[0]
_AS_CHILDREN = _time_table("बचपन में | as children | 0-0 0-1 1-0")[0]   # for we and they
_ELDERS = [n for n in _RELATIVES if n.english in ("grandfather", "grandmother", "mother", "father", "uncle", "aunt")]
_TELL_STORIES = _acts("कहानियाँ | सुना | tell | stories | 0-0 |")[0]


def used_to(rng, ids):
    """मैं बचपन में क्रिकेट खेलता था / I used to play cricket as a child; हम छुट्टियों में नदी में तैरते थे / We
    used to swim in the river in the holidays; क्या तुम बचपन में टीवी देखती थीं? / Did you use to watch TV
    as a child?; मेरी दादी मुझे कहानियाँ सुनाती थीं / My grandmother used to tell me stories."""
    if rng.random() < 0.2:                                     # the stories elders told
        return "statement", *_told_stories(rng, ids)
    question = rng.random() < 0.2
    who = _person(rng, 0.7, asked=question)
    act = pick(rng, _USED_TO)
    row = (pick(rng, _BACK_THEN) if act in _USED_TO_OUTDOORS else _AS_A_CHILD) if rng.random() < 0.7 else None
    if row is _AS_A_CHILD and isinstance(who.head, Pronoun) and who.head.english_subject[0] in ("we", "they"):
        row = _AS_CHILDREN
    time_h, time_e = _row_items(row, ids) if row else ([], [])
    if act in _USED_TO_DAILY and row in (None, _AS_A_CHILD, _AS_CHILDREN) and rng.random() < 0.4:   # बचपन में रोज़
        every_h, every_e = _row_items(_EVERY_DAY_ROW, ids)
        time_h, time_e = time_h + every_h, every_e + time_e
    said = _clause(who, _doing(act, ids), "habitual_past", ids, question=question, time=(time_h, time_e))
    if question:
        return "question", *said.question()
    return "statement", said.hindi, said.statement()


def _told_stories(rng, ids) -> tuple[list, list]:
    """मेरी दादी मुझे कहानियाँ सुनाती थी / My grandmother used to tell me stories; माँ हमें ... / Mother ..."""
    elder = pick(rng, _ELDERS)
    mine = "family" not in elder.tags or rng.random() < 0.5        # माँ: Mother, without 'my'
    who = Speaker(elder, NounPhrase(elder, elder.gender, possessive=(nfc("मेर"), "my") if mine else None))
    listener_h, listener_e = _pronoun(pick(rng, ("मैं", "हम")), "m").items(ids, "dat", "object")
    doing = _doing(_TELL_STORIES, ids)
    doing.hindi, doing.english = listener_h + doing.hindi, listener_e + doing.english
    said = _clause(who, doing, "habitual_past", ids)
    return said.hindi, said.statement()


_THEN_TIMES = _time_table("""
कल शाम को | yesterday evening | 0-0 1-1 2-1
कल रात | last night | 0-0 1-1
उस समय | at that time | 0-1 1-2 1-0
कल इस समय | at this time yesterday | 0-3 1-1 2-0 2-2
""")
_WHERE_ONE_WAS = [(_noun(n), nfc(p), e) for n, p, e in (
    ("घर", "पर", "at"), ("स्कूल", "में", "in"), ("बाज़ार", "में", "in"), ("पार्क", "में", "in"),
    ("पुस्तकालय", "में", "in"), ("अस्पताल", "में", "in"), ("दफ़्तर", "में", "in"))]
_DO = _verb("कर", "do")


def was_doing(rng, ids):
    """तुम कल रात क्या कर रहे थे? / What were you doing last night?; मैं पढ़ाई कर रही थी / I was studying;
    क्या तुम सो रहे थे? / Were you sleeping?; तुम कल कहाँ थे? / Where were you yesterday?; मैं घर पर था /
    I was at home."""
    r = rng.random()
    question = r < 0.5
    who = _person(rng, 0.75, asked=question)
    time_h, time_e = _row_items(pick(rng, _THEN_TIMES), ids) if rng.random() < 0.6 else ([], [])
    if r < 0.2:                                                # what were you doing?
        wc = _c(ids)
        doing = _doing(_alone(_DO), ids, continuous=True)
        doing.hindi = [(KYA, wc)]
        said = _clause(who, doing, "past_continuous", ids, question=True, time=(time_h, time_e))
        return "question", said.hindi, [("what", wc)] + said.front + said.subject + said.rest
    if 0.35 <= r < 0.65:                                       # where were you? I was at home
        return _where_were_you(rng, ids, who, question, (time_h, time_e))
    said = _clause(who, _doing(pick(rng, _GOING_ON), ids, continuous=True), "past_continuous", ids,
                   question=question, time=(time_h, time_e))
    if question:
        return "question", *said.question()
    return "statement", said.hindi, said.statement()


def _where_were_you(rng, ids, who: Speaker, question: bool, time: tuple):
    subject_h, subject_e = who.items(ids)
    ac = _c(ids)
    was = (AUX_PAST[gender_number(who.gender, who.agreement)], ac)
    be = (english_be(who.english_person, True), ac)
    if question:
        wc = _c(ids)
        return "question", subject_h + time[0] + [(nfc("कहाँ"), wc), was], [("where", wc), be] + subject_e + time[1]
    place, postposition, preposition = pick(rng, _WHERE_ONE_WAS)
    place_h, place_e = adjunct_items(Adjunct((postposition,), (preposition,), NounPhrase(place, place.gender)), ids)
    return "statement", subject_h + time[0] + place_h + [was], subject_e + [be] + place_e + time[1]


# ================================================================== लगना: liked it, felt bad, scared of, looks

_GOOD = ADJECTIVE[nfc("अच्छा")]
_LIKED_KINDS = [n for n in _LIKEABLE if n.english != "peas"]      # मटर: its gender is disputed
_FEEL = nfc("लग")
_FEARED = _time_table("""
कुत्तों | dogs | 0-0
साँपों | snakes | 0-0
अँधेरे | the dark | 0-0 0-1
ऊँचाई | heights | 0-0
पानी | water | 0-0
परीक्षा | exams | 0-0
मकड़ियों | spiders | 0-0
""")
_LOOKS = [ADJECTIVE[nfc(a)] for a in ("थका हुआ", "ख़ुश", "उदास", "परेशान", "बीमार", "चिंतित", "नाराज़", "घबराया हुआ")]
_LOOKS_GOOD = [(_noun(n), ADJECTIVE[nfc(a)]) for n, a in (
    ("खाना", "स्वादिष्ट"), ("केक", "स्वादिष्ट"), ("कमीज़", "अच्छा"), ("घड़ी", "महँगा"), ("किताब", "दिलचस्प"),
    ("फ़िल्म", "दिलचस्प"))]


def _feel_items(tense: str, gn: str, lc, ac, short: bool = False) -> list:
    """लगा / लगी (past), लगता है (present; short: without है), लग रहा है (now), लगेगा (future),
    agreeing with what is liked or felt (gn)."""
    agreement = "3sg" if gn[1] == "s" else "pl"
    if tense == "past":
        return [(perfective_forms(_FEEL)[PERFECTIVE_INDEX[gn]], lc + ac)]
    if tense == "future":
        return [(hindi_future(_FEEL)[agreement] + _FUTURE_ENDING[gn], lc + ac)]
    if tense == "present_continuous":
        return [(_FEEL, lc), (CONTINUOUS[gn], lc), (AUX_PRESENT[agreement], ac)]
    if short:
        return [(_FEEL + HABITUAL[gn], lc + ac)]
    return [(_FEEL + HABITUAL[gn], lc), (AUX_PRESENT[agreement], ac)]


def felt(rng, ids):
    """मुझे फ़िल्म अच्छी लगी / I liked the film; मुझे आम अच्छे लगते हैं / I like mangoes; तुम्हें खाना कैसा
    लगा? / How did you like the food?; मुझे बुरा लगा / I felt bad; मुझे कुत्तों से डर लगता है / I am
    scared of dogs; तुम थके हुए लग रहे हो / You look tired. अच्छा, कैसा and लगा agree with what is liked."""
    r = rng.random()
    if r < 0.35:
        return _liked(rng, ids)
    if r < 0.5:
        return _felt_bad(rng, ids)
    if r < 0.7:
        return _scared_of(rng, ids)
    return _looks(rng, ids)


def _liked(rng, ids):
    lc, ac, nc, vc = _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    how = r < 0.2
    question, negative = (False, False) if how else sample_mood(rng, 0.2, 0.2)
    who = _person(rng, 0.75, asked=question or how)
    subject_h, subject_e = who.items(ids, "dat")
    person = who.english_person
    if r < 0.55:                                               # one thing, once: अच्छी लगी / liked
        object_h, object_e, gender = _specific(rng, ids, _LIKED_ONCE, who)
        gn, tense = gender + "s", "past"
    else:                                                      # a kind, always: अच्छे लगते हैं / like
        object_h, object_e, agreement, gender = _generic(rng, ids, _LIKED_KINDS)
        gn, tense = gender_number(gender, agreement), "present"
    if how:                                                    # कैसी लगी? / How did you like ...?
        how_h = [(nfc("कैस") + {"ms": "ा", "mp": "े"}.get(gn, "ी"), vc)]
        return "question", subject_h + object_h + how_h + _feel_items("past", gn, lc, ac), \
            [("how", vc), ("did", ac)] + subject_e + [("like", lc)] + object_e
    very = not (question or negative) and rng.random() < 0.25
    hindi = subject_h + object_h + ([(nfc("बहुत"), vc)] if very else []) \
        + [(t, lc) for t in _GOOD.hindi_form(gender, gn[1] == "p", False)] + ([(NAHIN, nc)] if negative else []) \
        + _feel_items(tense, gn, lc, ac, short=negative and rng.random() < 0.5)
    do = "did" if tense == "past" else english_do(person)
    if question:
        return "question", _question(hindi, ac), [(do, ac)] + subject_e + [("like", lc)] + object_e
    if negative:
        return "statement", hindi, subject_e + [(do, ac), ("not", nc), ("like", lc)] + object_e
    like = "liked" if tense == "past" else english_present(person, "like", "likes")
    return "statement", hindi, subject_e + [(like, lc + ac)] + object_e + ([("very", vc), ("much", vc)] if very else [])


def _felt_bad(rng, ids):
    """मुझे बुरा लगा / I felt bad; उसे बुरा लगेगा / He will feel bad; मुझे अजीब लग रहा है / I feel strange."""
    tense = pick(rng, ("past", "past", "future", "present_continuous"))
    negative = tense == "past" and rng.random() < 0.2
    who = _person(rng, 0.8)
    subject_h, subject_e = who.items(ids, "dat")
    lc, ac, nc, jc = _c(ids), _c(ids), _c(ids), _c(ids)
    strange = tense == "present_continuous" and rng.random() < 0.4
    word, english = (nfc("अजीब"), "strange") if strange else (nfc("बुरा"), "bad")
    hindi = subject_h + [(word, jc)] + ([(NAHIN, nc)] if negative else []) + _feel_items(tense, "ms", lc, ac)
    person = who.english_person
    if negative:
        return "statement", hindi, subject_e + [("did", ac), ("not", nc), ("feel", lc), (english, jc)]
    feel = {"past": [("felt", lc + ac)], "future": [("will", ac), ("feel", lc)],
            "present_continuous": [(english_present(person, "feel", "feels"), lc + ac)]}[tense]
    return "statement", hindi, subject_e + feel + [(english, jc)]


def _scared_of(rng, ids):
    """मुझे कुत्तों से डर लगता है / I am scared of dogs; क्या तुम्हें अँधेरे से डर लगता है? / Are you scared
    of the dark?"""
    question, negative = sample_mood(rng, 0.25, 0.2)
    who = _person(rng, 0.75, asked=question)
    subject_h, subject_e = who.items(ids, "dat")
    feared_h, feared_e = _row_items(pick(rng, _FEARED), ids)
    fc, sc, ac, nc = _c(ids), _c(ids), _c(ids), _c(ids)
    short = negative and rng.random() < 0.5                    # मुझे डर नहीं लगता
    hindi = subject_h + feared_h + [(SE, sc), (nfc("डर"), fc)] + ([(NAHIN, nc)] if negative else []) \
        + [(_FEEL + HABITUAL["ms"], fc + (ac if short else ()))] + ([] if short else [(AUX_PRESENT["3sg"], ac)])
    be = (english_be(who.english_person), ac)
    scared = [("scared", fc), ("of", sc)] + feared_e
    if question:
        return "question", _question(hindi, ac), [be] + subject_e + scared
    return "statement", hindi, subject_e + [be] + ([("not", nc)] if negative else []) + scared


def _looks(rng, ids):
    """तुम थके हुए लग रहे हो / You look tired; वह कल उदास लग रही थी / She looked sad yesterday; यह खाना
    स्वादिष्ट लग रहा है / This food looks delicious; तुम परेशान क्यों लग रहे हो? / Why do you look upset?"""
    lc, ac, jc, wc = _c(ids), _c(ids), _c(ids), _c(ids)
    r = rng.random()
    if r < 0.3:                                                # a thing
        noun, adjective = pick(rng, _LOOKS_GOOD)
        dc, nc = _c(ids), _c(ids)
        subject_h, subject_e = [(nfc("यह"), dc), (noun.hindi, nc)], [("this", dc), (noun.english, nc)]
        gender, agreement, person = noun.gender, "3sg", "3sg"
        why = past = False
    else:
        why = r >= 0.85
        past = not why and rng.random() < 0.25
        who = _person(rng, 0.75, asked=why)
        subject_h, subject_e = who.items(ids)
        adjective = pick(rng, _LOOKS)
        gender, agreement, person = who.gender, who.agreement, who.english_person
    gn = gender_number(gender, agreement)
    time_h, time_e = _row_items(_BEFORE[0], ids) if past and rng.random() < 0.5 else ([], [])
    look_h = [(_FEEL, lc), (CONTINUOUS[gn], lc), (AUX_PAST[gn] if past else AUX_PRESENT[agreement], ac)]
    adjective_h = [(t, jc) for t in adjective.hindi_form(gender, agreement in ("2", "pl"), False)]
    if why:
        return "question", subject_h + adjective_h + [(nfc("क्यों"), wc)] + look_h, \
            [("why", wc), (english_do(person), ac)] + subject_e + [("look", lc), (adjective.english, jc)]
    look = "looked" if past else english_present(person, "look", "looks")
    return "statement", subject_h + time_h + adjective_h + look_h, \
        subject_e + [(look, lc + ac), (adjective.english, jc)] + time_e


# ================================================================== let's, shall I, do not

_LETS = _acts("""
क्रिकेट | खेल | play:tr | cricket | 0-0 |
| खाना खा | eat | | |
कुछ | खा | eat | something | 0-0 | ms
एक फ़िल्म | देख | watch | a film | 0-0 1-1 | fs
घर | चल | go | home | 0-0 |
पार्क | चल | go | to the park | 0-0 0-1 0-2 |
अंदर | चल | go | inside | 0-0 |
साथ में | पढ़ाई कर | study | together | 0-0 1-0 |
एक गाना | गा | sing | a song | 0-0 1-1 | ms
थोड़ा | आराम कर | rest | for a while | 0-0 0-1 0-2 |
बाहर | खेल | play:intr | outside | 0-0 |
""")
_SHALL_I = _acts("""
दरवाज़ा | बंद कर दे | close | the door | 0-0 0-1 | ms
खिड़की | खोल दे | open | the window | 0-0 0-1 | fs
बत्ती | जला दे | switch | the light | 0-0 0-1 | fs
चाय | बना | make | tea | 0-0 | fs
तुम्हारी | मदद कर | help | you | 0-0 |
तुम्हें घर | छोड़ दे | drop | you home | 0-0 1-1 |
""")
_SHALL_WE = _time_table("""
क्या हम चलें | shall we go | 0-0 1-1 2-0 2-2
हम कहाँ चलें | where shall we go | 0-2 1-0 2-1 2-3
हम क्या करें | what shall we do | 0-2 1-0 2-1 2-3
अब हम क्या करें | what shall we do now | 0-4 1-2 2-0 3-1 3-3
""")


def lets(rng, ids):
    """चलो, क्रिकेट खेलते हैं / Let's play cricket; आओ साथ में पढ़ाई करें / Let's study together; क्यों न हम
    एक फ़िल्म देखें? / Why don't we watch a film?; मैं दरवाज़ा बंद कर दूँ? / Shall I close the door?; हम
    कहाँ चलें? / Where shall we go?"""
    r = rng.random()
    if r < 0.45:                                               # चलो ... खेलते हैं, आओ ... करें
        lc = _c(ids)
        doing = _doing(pick(rng, _LETS), ids)
        stem = doing.verb.stem
        verb_h = [(stem + HABITUAL["mp"], doing.vc), (AUX_PRESENT["pl"], lc)] if rng.random() < 0.5 \
            else [(_subjunctive(stem, "pl"), doing.vc + lc)]
        come_on = nfc("चलो") if rng.random() < 0.7 or stem == nfc("चल") else nfc("आओ")
        return "imperative", [(come_on, lc)] + doing.hindi + verb_h, \
            [("let's", lc), (doing.verb.english, doing.vc)] + doing.english
    if r < 0.65:                                               # क्यों न हम ...?
        wc, nc, sc = _c(ids), _c(ids), _c(ids)
        doing = _doing(pick(rng, _LETS), ids)
        return "question", [(nfc("क्यों"), wc), (nfc("न"), nc), (nfc("हम"), sc)] + doing.hindi \
            + [(_subjunctive(doing.verb.stem, "pl"), doing.vc)], \
            [("why", wc), ("don't", nc), ("we", sc), (doing.verb.english, doing.vc)] + doing.english
    if r < 0.85:                                               # मैं ... कर दूँ? / Shall I ...?
        sc, ac = _c(ids), _c(ids)
        doing = _doing(pick(rng, _SHALL_I), ids)
        hindi = [(nfc("मैं"), sc)] + doing.hindi + [(_subjunctive(doing.verb.stem, "1sg"), doing.vc + ac)]
        return "question", (_question(hindi, ac) if rng.random() < 0.4 else hindi), \
            [("shall", ac), ("I", sc), (doing.verb.english, doing.vc)] + doing.english
    hindi, english = _row_items(pick(rng, _SHALL_WE), ids)
    return "question", hindi, english


# What one is told not to do; after: मत goes after the verb (डरो मत, रोओ मत), as it is said.
_DO_NOT = [(act, after == "after") for act, after in zip(_acts("""
| चिंता कर | worry | | |
| डर | be | | |
| रो | cry | | |
| घबरा | panic | | |
| हँस | laugh | | |
| शोर कर | make | | |
कक्षा में | बात कर | talk | in class | 0-1 1-0 |
मुझे | परेशान कर | bother | me | 0-0 |
किसी को | बता | tell | anyone | 0-0 1-0 |
| झूठ बोल | lie | | |
यहाँ | बैठ | sit | here | 0-0 |
दरवाज़ा | खोल | open | the door | 0-0 0-1 |
अभी | जा | go | now | 0-0 |
| देर कर | be | | |
गलियारे में | दौड़ | run | in the corridor | 0-1 0-2 1-0 |
"""), "- after after after - - - - - - - - - - -".split())]
_NOT = nfc("मत")


def dont(rng, ids):
    """चिंता मत करो / Do not worry; डरो मत / Do not be afraid; कक्षा में बात मत कीजिए / Please do not talk
    in class; किसी को मत बताना / Do not tell anyone; कृपया शोर न करें / Please do not make noise."""
    act, after = pick(rng, _DO_NOT)
    doing = _doing(act, ids)
    nc, pc = _c(ids), _c(ids)
    stem = doing.verb.stem
    r = rng.random()
    please = r >= 0.55
    if r < 0.4:                                                # तुम: करो
        verb_h = [(_imperative_form(stem, "2"), doing.vc)]
    elif r < 0.55:                                             # the infinitive: करना
        verb_h = [(_infinitive(stem), doing.vc)]
    elif r < 0.8:                                              # आप: कीजिए
        verb_h = [(_imperative_form(stem, "pl"), doing.vc + pc)]
    else:                                                      # a notice: कृपया ... न करें
        hindi = ([(nfc("कृपया"), pc)] if rng.random() < 0.6 else []) + doing.hindi \
            + [(nfc("न"), nc), (_subjunctive(stem, "pl"), doing.vc + pc)]
        return "imperative", hindi, \
            [("please", pc), ("do", nc), ("not", nc), (doing.verb.english, doing.vc)] + doing.english
    not_h = [(_NOT, nc)]
    hindi = doing.hindi + (verb_h + not_h if after and r < 0.4 else not_h + verb_h)
    return "imperative", hindi, ([("please", pc)] if please else []) + [("do", nc), ("not", nc),
                                                                         (doing.verb.english, doing.vc)] + doing.english


# ================================================================== the mix

CONVERSATIONS: tuple[tuple[Callable, float], ...] = (
    (compound_take, 1.0), (compound_give, 1.0), (compound_go, 0.8), (already_done, 0.8), (liking, 1.2), (offer, 0.9),
    (thanks, 0.6), (apology, 0.7), (request, 0.9), (how_often, 1.2), (where_things_are, 1.2), (belongs_to, 0.9),
    (possessive_chain, 0.7), (event_time, 0.9), (remember, 1.0), (health, 0.8), (shop, 1.0), (family, 1.0),
    (walk, 0.6),
    (permission, 0.8), (could_not, 0.7), (have_to, 0.8), (who_and_which, 0.9), (how_much, 0.8),
    (daily_routine, 0.8), (about_to, 0.5), (comparing, 0.7), (conditional, 0.6), (when_clause, 0.6),
    (used_to, 0.6), (was_doing, 0.6), (felt, 0.8), (lets, 0.7), (dont, 0.6),
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
