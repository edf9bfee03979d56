"""The conversational grammar (core.language.conversation) and the opt-in corpus built with it:
every construction aligns every token, agrees in gender and number, comes out of the
conversational stream, and never out of the default one, which stays the shipped models' corpus."""
import random
import re
from collections import Counter
from itertools import count

import pytest

from core.language import conversation
from core.language.corpus import generate_corpus, generate_pairs, main as corpus_main
from core.language.grammar import pair_from_items
from core.language.lexicon import NAMES, NOUNS, PRONOUN, nfc
from core.language.paradigms import missing_forms
from tests.construction_draws import translations_of

# Words only the conversational grammar writes: none of them may appear in the default stream.
CONVERSATION_ONLY = frozenset(nfc(w) for w in "ज़रा चुका चुकी चुके तबीयत किलो लीटर दर्जन भैया दीदी मैडम कभी-कभी "
                                               "अक्सर हमेशा दूर बगल परिवार ग़लती ये "
                                               "अगर जब तब किसने किससे किसको वाला वाली वाले पड़ा पड़ी पड़ेगा "
                                               "पड़ता बचपन पाया पाई सकी दूँ करूँ पहुँचने मकड़ियों".split())
# The constructions that ask of I or we by nature: leave (Can I come in?) and offers (Shall I ...?)
OF_ONESELF = {"permission", "lets"}
NAME_GENDER = {name.hindi: name.gender for name in NAMES}


@pytest.fixture(scope="module")
def pairs_by_construction():
    rng = random.Random(0)
    out = {}
    for construction, _ in conversation.CONVERSATIONS:
        out[construction.__name__] = [(kind, pair_from_items(hindi, english))
                                      for kind, hindi, english in (construction(rng, count()) for _ in range(300))]
    return out


@pytest.fixture(scope="module")
def conversational_stream():
    """The first 8,000 pairs of the conversational stream, and how often each construction was drawn."""
    drawn = Counter()
    originals = conversation._CONSTRUCTIONS

    def counted(construction):
        def draw(rng, ids):
            drawn[construction.__name__] += 1
            return construction(rng, ids)
        return draw

    conversation._CONSTRUCTIONS = tuple(counted(c) for c in originals)
    try:
        pairs = generate_pairs(8_000, seed=0, conversational=True)
    finally:
        conversation._CONSTRUCTIONS = originals
    return pairs, drawn


def test_every_construction_aligns_every_token_of_both_sides(pairs_by_construction):
    for name, pairs in pairs_by_construction.items():
        for _, pair in pairs:
            n, m = len(pair.source_tokens), len(pair.target_tokens)
            assert all(0 <= i < n and 0 <= j < m for i, j in pair.alignment), (name, pair.source_text)
            assert {i for i, _ in pair.alignment} == set(range(n)), (name, pair.source_text)
            assert {j for _, j in pair.alignment} == set(range(m)), (name, pair.target_text)
            assert pair.target_tokens[0][0].isupper(), (name, pair.target_text)


def test_commas_interjections_and_forms_of_address_align_too():
    rng = random.Random(1)
    commas = 0
    for _ in range(1_500):
        kind, hindi, english = conversation.sample_conversational(rng)
        pair = pair_from_items(hindi, english)
        assert {i for i, _ in pair.alignment} == set(range(len(pair.source_tokens))), pair.source_text
        assert {j for _, j in pair.alignment} == set(range(len(pair.target_tokens))), pair.target_text
        if "," in pair.source_tokens:
            commas += 1
            assert pair.alignment.count((pair.source_tokens.index(","), pair.target_tokens.index(","))) == 1
    assert 300 < commas < 600          # _COMMA_SHARE of 1,500


def test_questions_are_asked_in_english_word_order_and_never_of_i_or_we(pairs_by_construction):
    """Never 'Did I forget?'; but 'Can I come in?' and 'Shall we go?' are what those are for."""
    starts = {"Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Have", "Has", "Had", "What", "Which",
              "When", "Whose", "How", "Who", "Why", "Where", "Can", "Shall"}
    for name, pairs in pairs_by_construction.items():
        for kind, pair in pairs:
            if kind == "question":
                assert pair.target_tokens[0] in starts, (name, pair.target_text)
                if name not in OF_ONESELF:
                    assert not {"I", "we"} & set(pair.target_tokens[:3]), (name, pair.target_text)


@pytest.mark.parametrize("construction, hindi, english", [
    (conversation.compound_take, "मैंने खाना खा लिया है", "I have eaten"),
    (conversation.compound_take, "उसने चाय पी ली", "He drank the tea"),
    (conversation.compound_give, "मुझे बता दो", "Tell me"),
    (conversation.compound_go, "वह सो गया", "He fell asleep"),
    (conversation.already_done, "मैं खाना खा चुका हूँ", "I have already eaten"),
    (conversation.liking, "मुझे वह फ़िल्म पसंद थी", "I liked that film"),
    (conversation.liking, "क्या तुम्हें खाना पसंद आया", "Did you like the food"),
    (conversation.offer, "चाय लोगे", "Will you have tea"),
    (conversation.offer, "कुछ खाओगे", "Will you eat something"),
    (conversation.thanks, "मदद के लिए धन्यवाद", "Thank you for the help"),
    (conversation.apology, "मुझे माफ़ करना", "Forgive me"),
    (conversation.apology, "देर के लिए माफ़ी", "Sorry for the delay"),
    (conversation.request, "ज़रा पानी दीजिए", "Please give me some water"),
    (conversation.how_often, "मैं रोज़ चाय पीता हूँ", "I drink tea every day"),
    (conversation.where_things_are, "स्कूल पास में है", "The school is nearby"),
    (conversation.belongs_to, "यह मेरा है", "This is mine"),
    (conversation.belongs_to, "यह किताब मेरी है", "This book is mine"),
    (conversation.event_time, "परीक्षा सोमवार को है", "The exam is on Monday"),
    (conversation.event_time, "मेरा जन्मदिन कल है", "My birthday is tomorrow"),
    (conversation.remember, "मुझे याद है", "I remember"),
    (conversation.remember, "मैं भूल गया", "I forgot"),
    (conversation.health, "मेरी तबीयत ठीक नहीं है", "I am not well"),
    (conversation.health, "क्या आप ठीक हैं", "Are you okay"),
    (conversation.shop, "यह कितने का है", "How much is this"),
    (conversation.shop, "मुझे दो किलो आलू चाहिए", "I need two kilos of potatoes"),
    (conversation.family, "तुम्हारी बहन कितने साल की है", "How old is your sister"),
    (conversation.walk, "चलो घूमने चलें", "Let's go for a walk"),
    (conversation.permission, "क्या मैं अंदर आ सकता हूँ", "Can I come in"),
    (conversation.permission, "आप अभी बाहर नहीं जा सकतीं", "You cannot go out now"),
    (conversation.could_not, "मैं कल नहीं आ सका", "I could not come yesterday"),
    (conversation.could_not, "वह कल रात नहीं सो पाई", "She could not sleep last night"),
    (conversation.have_to, "मुझे रोज़ दवा लेनी पड़ती है", "I have to take medicine every day"),
    (conversation.have_to, "हमें दो किताबें ख़रीदनी पड़ीं", "We had to buy two books"),
    (conversation.who_and_which, "खिड़की किसने तोड़ी", "Who broke the window"),
    (conversation.who_and_which, "तुम किससे बात कर रहे थे", "Who were you talking to"),
    (conversation.who_and_which, "तुमने कौन सी फ़िल्म देखी", "Which film did you watch"),
    (conversation.who_and_which, "तुम किस कक्षा में हो", "Which class are you in"),
    (conversation.how_much, "स्टेशन यहाँ से कितनी दूर है", "How far is the station from here"),
    (conversation.how_much, "तुमने कितने आम खाए", "How many mangoes did you eat"),
    (conversation.daily_routine, "तुम कितने बजे उठते हो", "What time do you get up"),
    (conversation.daily_routine, "अभी कितने बजे हैं", "What time is it now"),
    (conversation.about_to, "ट्रेन आने वाली है", "The train is about to arrive"),
    (conversation.about_to, "बारिश होने वाली है", "It is about to rain"),
    (conversation.comparing, "यह वाला सबसे अच्छा है", "This one is the best"),
    (conversation.comparing, "मुझे लाल वाली चाहिए", "I need the red one"),
    (conversation.comparing, "वह मेरे जितनी लंबी है", "She is as tall as me"),
    (conversation.comparing, "मेरे पास तुमसे ज़्यादा किताबें हैं", "I have more books than you"),
    (conversation.conditional, "अगर बारिश होगी तो हम घर पर रुकेंगे", "If it rains , we will stay at home"),
    (conversation.when_clause, "जब तुम बड़े हो जाओगे , तुम क्या बनोगे", "When you grow up , what will you become"),
    (conversation.when_clause, "जब मैं छोटा था , मैं बहुत शर्मीला था", "When I was young , I was very shy"),
    (conversation.used_to, "मेरे दादाजी मुझे कहानियाँ सुनाते थे", "My grandfather used to tell me stories"),
    (conversation.used_to, "वे बचपन में गाँव में रहते थे", "They used to live in a village as children"),
    (conversation.used_to, "अजय बचपन में साइकिल चलाता था", "Ajay used to ride a bicycle as a child"),
    (conversation.was_doing, "तुम क्या कर रहे थे", "What were you doing"),
    (conversation.was_doing, "मैं घर पर था", "I was at home"),
    (conversation.felt, "मुझे बुरा लगा", "I felt bad"),
    (conversation.felt, "मुझे कुत्तों से डर लगता है", "I am scared of dogs"),
    (conversation.felt, "यह खाना स्वादिष्ट लग रहा है", "This food looks delicious"),
    (conversation.lets, "हम क्या करें", "What shall we do"),
    (conversation.lets, "चलो घर चलते हैं", "Let's go home"),
    (conversation.dont, "चिंता मत करो", "Do not worry"),
    (conversation.dont, "डरो मत", "Do not be afraid"),
])
def test_the_constructions_write_what_people_say_with_one_translation(construction, hindi, english):
    """Each comes out of its construction within 30,000 draws, with this translation each time
    (the first three times it comes)."""
    found = translations_of(construction, hindi, 30_000, enough=3)
    assert found and set(found) == {tuple(english.split())}, (hindi, found)


def test_a_sentence_has_one_translation_up_to_the_gender_of_a_genderless_pronoun(pairs_by_construction):
    """Across all the constructions, as in the default stream: उसने, उसे, उसका do not say whether he or
    she (the corpus writes either), and nothing else in a Hindi sentence has two Englishes."""
    genderless = {"she": "he", "her": "him", "hers": "his"}
    translations: dict = {}
    for pairs in pairs_by_construction.values():
        for _, pair in pairs:
            english = tuple(genderless.get(t.lower(), t.lower()) for t in pair.target_tokens)
            translations.setdefault(pair.source_tokens, set()).add(english)
    assert all(len(english) == 1 for english in translations.values()), \
        [(" ".join(h), e) for h, e in translations.items() if len(e) > 1][:5]


# ------------------------------------------------------------------ agreement

def _subject_gender(pair) -> str | None:
    """The gender a sentence shows for its first word when that is a name or वह (he/she)."""
    first = pair.source_tokens[0]
    if first in NAME_GENDER:
        return NAME_GENDER[first]
    if first == PRONOUN[nfc("वह")].hindi:
        return {"He": "m", "She": "f"}.get(pair.target_tokens[0])
    return None


def test_already_and_compound_go_agree_with_their_subject(pairs_by_construction):
    """वह खा चुकी है, सीता सो गई, राम आ जाएगा: चुका, गया and the future take the subject's gender."""
    masculine = {nfc("चुका"), nfc("गया")}
    feminine = {nfc("चुकी"), nfc("गई")}
    walked = Counter()
    for name in ("already_done", "compound_go"):
        for kind, pair in pairs_by_construction[name]:
            gender = _subject_gender(pair)
            if kind != "statement" or gender is None:
                continue
            verb = [t for t in pair.source_tokens if t in masculine | feminine or t.endswith((nfc("गा"), nfc("गी")))]
            assert len(verb) == 1, pair.source_text
            assert (verb[0] in masculine or verb[0].endswith(nfc("गा"))) == (gender == "m"), pair.source_text
            walked[gender] += 1
    assert walked["m"] > 20 and walked["f"] > 20


_BY_FORM = {form: noun for noun in NOUNS for form in noun.forms[:1]}


def test_whose_agrees_with_the_thing_owned(pairs_by_construction):
    """यह किताब मेरी है, ये जूते मेरे हैं, यह घर मेरा है: the genitive takes the owned noun's gender and number."""
    walked = Counter()
    for kind, pair in pairs_by_construction["belongs_to"]:
        tokens = pair.source_tokens
        if kind != "statement" or len(tokens) < 3:
            continue
        determiner, thing = tokens[0], tokens[1]
        noun = _BY_FORM.get(thing) or next((n for n in NOUNS if n.forms[2] == thing), None)
        if noun is None:                       # यह मेरा है: no noun to agree with
            continue
        plural = determiner in (nfc("ये"), nfc("वे"))
        genitive = [t for t in tokens[2:] if t[-1] in "ाीे" and t[:-1].endswith(("र", "क"))][-1]
        expected = "ी" if noun.gender == "f" else "े" if plural else "ा"
        assert genitive.endswith(expected), (pair.source_text, noun.english)
        assert tokens[-1] == (nfc("हैं") if plural else nfc("है"))
        walked[noun.gender, plural] += 1
    assert walked["f", False] and walked["m", False] and walked["m", True]


def test_liked_it_agrees_with_what_was_liked(pairs_by_construction):
    """मुझे फ़िल्म पसंद आई, मुझे गाना पसंद आया: आया takes the gender of the film or the song."""
    came = {nfc("आया"): "m", nfc("आई"): "f"}
    walked = Counter()
    for _, pair in pairs_by_construction["liking"]:
        tokens = pair.source_tokens
        if not (set(tokens) & set(came)):
            continue
        liked = tokens[tokens.index(nfc("पसंद")) - 1]
        if liked == nfc("बहुत"):
            liked = tokens[tokens.index(nfc("पसंद")) - 2]
        noun = conversation._noun(liked)
        assert came[tokens[-1]] == noun.gender, pair.source_text
        walked[noun.gender] += 1
    assert walked["m"] and walked["f"]


def test_an_age_agrees_with_the_relative_honoured_elders_in_the_plural(pairs_by_construction):
    of = {nfc("का"): ("m", False), nfc("के"): ("m", True), nfc("की"): ("f", None)}
    walked = 0
    for _, pair in pairs_by_construction["family"]:
        tokens = pair.source_tokens
        if nfc("साल") not in tokens or tokens[tokens.index(nfc("साल")) + 1] not in of:   # not बड़ी, छोटा
            continue
        year = tokens.index(nfc("साल"))
        kin = next(n for n in NOUNS if n.hindi == tokens[year - 2])     # मेरी बहन (कितने / बारह) साल की
        gender, plural = of[tokens[year + 1]]
        assert kin.gender == gender, pair.source_text
        if plural is not None:
            assert plural == ("hon" in kin.tags), pair.source_text
            assert tokens[-1] == (nfc("हैं") if plural else nfc("है")), pair.source_text
        walked += 1
    assert walked > 20


# agreement in the classroom constructions

# A verb form that agrees in gender: the habitual (ता), the past auxiliary (था), the future (गा), and
# सका, पाया, वाला, रहा; its gender, by its ending.
_AGREEING = re.compile(nfc("(ता|ती|ते|तीं|था|थी|थे|थीं|गा|गी|गे)$"))
_AGREEING_WORDS = {nfc(w): g for g, words in (("m", "सका सके पाया पाए वाला वाले रहा रहे"),
                                              ("f", "सकी सकीं पाई पाईं वाली रही")) for w in words.split()}


def _gender_of(token: str) -> str | None:
    if token in _AGREEING_WORDS:
        return _AGREEING_WORDS[token]
    if _AGREEING.search(token):
        return "f" if token.endswith((nfc("ी"), nfc("ीं"))) else "m"
    return None


def _perfective_gender(token: str) -> str | None:
    """उठा, उठी, आया, आई, गए: the simple past's gender."""
    if token.endswith((nfc("ी"), nfc("ई"), nfc("ीं"), nfc("ईं"))):
        return "f"
    return "m" if token.endswith((nfc("ा"), nfc("े"), nfc("ए"))) else None


def test_the_classroom_verbs_agree_with_a_named_subject(pairs_by_construction):
    """सीता नहीं आ सकी, राम आने वाला था, गीता क्रिकेट खेलती थी, क्या अमित अंदर आ सकता है?: सका, वाला, the
    habitual and its था take the gender of the one named."""
    walked = Counter()
    for name in ("permission", "could_not", "about_to", "used_to", "was_doing", "daily_routine"):
        for _, pair in pairs_by_construction[name]:
            tokens = [t for t in pair.source_tokens if t != nfc("क्या")]
            if tokens[0] not in NAME_GENDER or tokens[1] == nfc("ने"):      # after ने the verb agrees with its object
                continue
            verb = [g for g in map(_gender_of, tokens[1:]) if g] or [_perfective_gender(tokens[-1])]
            assert verb and set(verb) == {NAME_GENDER[tokens[0]]}, (name, pair.source_text)
            walked[NAME_GENDER[tokens[0]]] += 1
    assert walked["m"] > 30 and walked["f"] > 30


_NOUN_BY_FORM = {form: noun for noun in NOUNS for form in noun.forms[::2]}


_FALLS = {agreement: {nfc(w) for w in words.split()} for agreement, words in (
    ("ms", "पड़ा पड़ेगा पड़ता"), ("mp", "पड़े पड़ेंगे पड़ते"), ("f", "पड़ी पड़ीं पड़ेगी पड़ेंगी पड़ती"))}


def test_having_to_agrees_with_the_object(pairs_by_construction):
    """मुझे जाना पड़ा, उसे दवा लेनी पड़ी, हमें दो किताबें ख़रीदनी पड़ीं, मुझे दो सेब खाने पड़े: the infinitive
    and पड़ना agree with an unmarked object (or the light noun: मेहनत करनी पड़ी)."""
    ending = {nfc("ना"): "ms", nfc("नी"): "f", nfc("ने"): "mp"}
    walked = Counter()
    for _, pair in pairs_by_construction["have_to"]:
        tokens = pair.source_tokens
        fall = next(i for i, t in enumerate(tokens) if t.startswith(nfc("पड़")))
        agreement = ending[tokens[fall - 1][-2:]]
        assert tokens[fall] in _FALLS[agreement], pair.source_text
        noun = _NOUN_BY_FORM.get(tokens[fall - 2])
        if noun is not None and noun.gender == "f":                          # दवा लेनी, किताबें ख़रीदनी
            assert agreement == "f", pair.source_text
            plural = tokens[fall - 2] == noun.forms[2]
            assert plural == (tokens[fall] in (nfc("पड़ीं"), nfc("पड़ेंगी")) or tokens[-1] == nfc("हैं")), \
                pair.source_text
            walked["f" + "sp"[plural]] += 1
        walked[agreement] += 1
    assert walked["ms"] and walked["f"] and walked["mp"] and walked["fs"] and walked["fp"]


def test_which_who_liked_and_about_to_agree_with_their_noun(pairs_by_construction):
    """कौन सी फ़िल्म, खिड़की किसने तोड़ी, फ़िल्म अच्छी लगी, खाना कैसा लगा, ट्रेन आने वाली है."""
    which = {nfc("सा"): "m", nfc("सी"): "f"}
    walked = Counter()
    for _, pair in pairs_by_construction["who_and_which"]:
        tokens = pair.source_tokens
        for i, token in enumerate(tokens[:-1]):
            noun = _NOUN_BY_FORM.get(tokens[i + 1])
            if token in which and tokens[i - 1] == nfc("कौन") and noun is not None:        # कौन सी फ़िल्म
                assert which[token] == noun.gender, pair.source_text
                walked["which"] += 1
        if nfc("किसने") in tokens and tokens[0] in _NOUN_BY_FORM:                       # खिड़की किसने तोड़ी
            feminine = tokens[-1].endswith((nfc("ी"), nfc("ई")))
            assert feminine == (_NOUN_BY_FORM[tokens[0]].gender == "f"), pair.source_text
            walked["who did"] += 1
    for _, pair in pairs_by_construction["felt"]:
        tokens = pair.source_tokens
        if nfc("लगा") in tokens or nfc("लगी") in tokens:
            felt = tokens[-1]
            before = tokens[tokens.index(felt) - 1]                                      # अच्छी लगी, कैसा लगा
            if before.startswith((nfc("अच्छ"), nfc("कैस"))):
                assert before[-1] == felt[-1], pair.source_text
                walked["liked"] += 1
    for _, pair in pairs_by_construction["about_to"]:
        tokens = pair.source_tokens
        noun = _NOUN_BY_FORM.get(tokens[0])
        if noun is not None and "person" not in noun.tags:                                # ट्रेन आने वाली है
            about = next(t for t in tokens if t.startswith(nfc("वाल")))
            assert about.endswith(nfc("ी")) == (noun.gender == "f"), pair.source_text
            walked["about to"] += 1
    assert min(walked.values()) > 10 and len(walked) == 4


def test_as_as_and_this_one_agree(pairs_by_construction):
    """वह मेरे जितनी लंबी है, तुम उसके जितने बड़े हो, मुझे बड़ी वाली चाहिए: जितना and the adjective agree
    with the subject, an adjective with वाला."""
    walked = Counter()
    for _, pair in pairs_by_construction["comparing"]:
        tokens = pair.source_tokens
        as_as = [t for t in tokens if t.startswith(nfc("जितन"))]
        if as_as:
            adjective = tokens[tokens.index(as_as[0]) + 1]
            if adjective[-1] in (nfc("ा"), nfc("ी"), nfc("े")):                            # not होशियार
                assert adjective[-1] == as_as[0][-1], pair.source_text
            walked["as as"] += 1
        for i, token in enumerate(tokens[1:], 1):
            if token.startswith(nfc("वाल")) and tokens[i - 1][-1] in (nfc("ा"), nfc("ी"), nfc("े")) \
                    and tokens[i - 1] not in (nfc("यह"), nfc("वह")):
                assert tokens[i - 1][-1] == token[-1], pair.source_text                      # बड़ी वाली
                walked["this one"] += 1
    assert walked["as as"] > 10 and walked["this one"] > 10


# ------------------------------------------------------------------ the corpora

def test_the_conversational_stream_draws_every_construction_and_writes_its_words(conversational_stream):
    pairs, drawn = conversational_stream
    assert set(drawn) == {construction.__name__ for construction, _ in conversation.CONVERSATIONS}
    assert min(drawn.values()) >= 3
    share = sum(drawn.values()) / len(pairs)
    assert 0.08 < share < 0.115                  # 24% of the 40% everyday draws
    words = {token for pair in pairs for token in pair.source_tokens}
    assert len(CONVERSATION_ONLY & words) >= len(CONVERSATION_ONLY) - 3


def test_the_default_stream_never_writes_a_conversational_word():
    """The default stream (every shipped checkpoint's corpus) never draws from the conversational
    grammar: tests/test_shipped_models.py checks its fingerprint, this its words."""
    pairs = generate_pairs(8_000, seed=0)
    words = {token for pair in pairs for token in pair.source_tokens}
    assert not CONVERSATION_ONLY & words


def test_the_conversational_corpus_keeps_held_out_sentences_apart_and_completes_paradigms():
    splits = generate_corpus(n_train=3_000, seed=7, test_per_bucket=20, validation_per_bucket=5, conversational=True)
    assert splits == generate_corpus(n_train=3_000, seed=7, test_per_bucket=20, validation_per_bucket=5,
                                     conversational=True)
    assert len(splits.train) == 3_000 and len(splits.test) == 5 * 20
    held_out = {p.source_tokens for p in splits.test + splits.validation}
    assert not held_out & {p.source_tokens for p in splits.train}
    # its last 5% are completion sentences, each adding a lexicon form the sampled pairs lack
    completion = splits.train[-150:]
    assert len(missing_forms(splits.train)) <= len(missing_forms(splits.train[:-150])) - len(completion)
    default = generate_corpus(n_train=3_000, seed=7, test_per_bucket=20, validation_per_bucket=5)
    assert default.test != splits.test        # its own held-out sentences, not the default corpus's


def test_training_takes_the_conversational_corpus_by_name():
    from core.nmt.config import BUILT_IN_CORPORA, TrainConfig
    from core.nmt.data import load_splits
    from core.nmt.held_out import CONVERSATIONAL_TEST_SET, generated_test_split, held_out_description
    assert "conversational" in BUILT_IN_CORPORA
    config = TrainConfig(corpus="conversational", pairs=300)
    assert config.unknown_rate > 0 and config.epochs is not None     # a built-in corpus's settings
    splits, info = load_splits(config)
    assert info["corpus"] == "conversational" and info["pairs"] == 300 and len(splits.train) == 300
    assert splits.test == generated_test_split(0, conversational=True)
    assert splits.test != generated_test_split(0)

    class Loaded:
        metadata = {"corpus": info}
    assert held_out_description(Loaded()) == CONVERSATIONAL_TEST_SET


def test_the_command_line_prints_the_conversational_stream(capsys):
    assert corpus_main(["--n", "300", "--conversational"]) == 0
    conversational = capsys.readouterr().out
    assert corpus_main(["--n", "300"]) == 0
    default = capsys.readouterr().out
    assert conversational != default and len(conversational.splitlines()) == 300
