"""The words of the generated corpus: Hindi and English, with every inflected form.

This module holds data and the morphology that turns a dictionary entry into its forms
(लड़का -> लड़के, लड़कों; child -> children; eat -> eats, ate, eating). It knows nothing about
sentences; core/grammar.py puts the words together.

The tables are plain text so that a linguist can read and extend them without reading Python:
one entry a line, columns separated by "|". Every Hindi string is NFC-normalised on load (so
ज़ is stored as ज + ◌़, as core.language.text does with user input).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# ------------------------------------------------------------------ Devanagari helpers

_MATRA_AA, _MATRA_I, _MATRA_II, _MATRA_U, _MATRA_UU, _MATRA_E, _MATRA_O = "ा", "ि", "ी", "ु", "ू", "े", "ो"
_VOWEL_ENDINGS = ("ा", "ो", "ि", "आ")        # verb stems that take -या / -ए / -ऊँ endings


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _ends_with_vowel(stem: str) -> bool:
    return stem.endswith(_VOWEL_ENDINGS)


# ------------------------------------------------------------------ English helpers

_AN_EXCEPTIONS = {"honest", "hour", "honour", "heir"}             # silent h: an
_A_EXCEPTIONS = {"one", "uniform", "university", "useful", "european", "unicorn", "user"}  # /j/ or /w/: a


def indefinite_article(next_word: str) -> str:
    """'a' or 'an' for the word that follows it: an apple, a book, an honest man, a useful key."""
    word = next_word.lower()
    if word in _AN_EXCEPTIONS:
        return "an"
    if word in _A_EXCEPTIONS:
        return "a"
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"


def english_plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


_DOUBLE_FINAL = {"run", "swim", "sit", "get", "cut", "shop", "put", "win", "stop", "travel", "begin", "hit",
                 "chat", "drop", "plan"}


def english_third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ies"
    return verb + "s"


def english_regular_past(verb: str) -> str:
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ed"
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ied"
    return verb + "ed"


def english_ing(verb: str) -> str:
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


# ------------------------------------------------------------------ nouns


@dataclass(slots=True, eq=False)
class Noun:
    """A common noun. forms = (singular, singular oblique, plural, plural oblique).

    article says how English marks it: 'count' (a book / the book / books), 'mass' (water /
    the water, never plural), 'def' (always 'the': the radio, the guitar), 'bare' (never an
    article: TV, cricket, Hindi, Delhi). pp holds English prepositional phrases that replace
    the regular one for a bare singular noun: 'घर में' is 'at home', not 'in the house'.
    """

    hindi: str
    gender: str
    forms: tuple[str, str, str, str]
    english: str
    english_plural: str
    tags: frozenset
    article: str
    countable: bool
    pp: dict

    @property
    def animate(self) -> bool:
        return "person" in self.tags or "animal" in self.tags

    def hindi_form(self, plural: bool, oblique: bool) -> str:
        return self.forms[2 * plural + oblique]


def hindi_noun_forms(word: str, gender: str, invariable: bool = False) -> tuple[str, str, str, str]:
    """(sg, sg oblique, pl, pl oblique) by the regular declensions.

    masculine -आ: लड़का लड़के लड़के लड़कों; other masculine: घर घर घर घरों, आदमी ... आदमियों;
    feminine -ई: लड़की लड़की लड़कियाँ लड़कियों; feminine -इया: चिड़िया चिड़ियाँ चिड़ियों;
    feminine -आ: कविता कविताएँ कविताओं; other feminine: किताब किताबें किताबों.
    """
    if gender == "m":
        if word.endswith(_MATRA_AA) and not invariable:
            stem = word[:-1]
            return word, stem + _MATRA_E, stem + _MATRA_E, stem + "ों"
        if word.endswith((_MATRA_II, _MATRA_I)):
            return word, word, word, word[:-1] + "ियों"
        if word.endswith("ई"):
            return word, word, word, word[:-1] + "इयों"
        if word.endswith(_MATRA_UU):
            return word, word, word, word[:-1] + "ुओं"
        if word.endswith((_MATRA_AA, _MATRA_O)):
            return word, word, word, word + "ओं"
        return word, word, word, word + "ों"
    if word.endswith("िया"):
        return word, word, word + "ँ", word[:-1] + "ों"
    if word.endswith((_MATRA_II, _MATRA_I)):
        return word, word, word[:-1] + "ियाँ", word[:-1] + "ियों"
    if word.endswith("ई"):
        return word, word, word[:-1] + "इयाँ", word[:-1] + "इयों"
    if word.endswith((_MATRA_AA, _MATRA_UU)):
        return word, word, word + "एँ", word + "ओं"
    return word, word, word + "ें", word + "ों"


# hindi | gender | english | tags | options
#   options: inv (masculine -आ that does not inflect: पिता), sg (no plural), mass, def, bare,
#   pl=<english plural>, hpl=<hindi plural>/<hindi plural oblique>.
# tags: what the noun is and what can be done with it; verbs choose objects by tag, adjectives
#   the nouns they fit, and location phrases the nouns they can follow (in: में, on: पर 'on',
#   at: पर 'at', near: के पास/के सामने/के पीछे, under: के नीचे, out: के बाहर, dest: a place to go to).
_NOUN_TABLE = """
लड़का | m | boy | person
लड़की | f | girl | person
आदमी | m | man | person | pl=men
औरत | f | woman | person | pl=women
बच्चा | m | child | person young | pl=children
बच्ची | f | child | person young | pl=children
दोस्त | m | friend | person
सहेली | f | friend | person
भाई | m | brother | person
बहन | f | sister | person
माँ | f | mother | person | hpl=माएँ/माओं
पिता | m | father | person | inv
बेटा | m | son | person
बेटी | f | daughter | person
दादा | m | grandfather | person | inv
दादी | f | grandmother | person
चाचा | m | uncle | person | inv
चाची | f | aunt | person
अध्यापक | m | teacher | person
अध्यापिका | f | teacher | person
डॉक्टर | m | doctor | person
किसान | m | farmer | person
मज़दूर | m | worker | person
छात्र | m | student | person
छात्रा | f | student | person
पुलिसवाला | m | policeman | person | pl=policemen
ड्राइवर | m | driver | person
दुकानदार | m | shopkeeper | person
नौकर | m | servant | person
राजा | m | king | person | inv
रानी | f | queen | person
लेखक | m | writer | person
गायक | m | singer | person
खिलाड़ी | m | player | person
पड़ोसी | m | neighbour | person
मेहमान | m | guest | person
यात्री | m | passenger | person
चोर | m | thief | person catch | pl=thieves
सिपाही | m | soldier | person
नर्स | f | nurse | person
पत्नी | f | wife | person | pl=wives
पति | m | husband | person
कुत्ता | m | dog | animal seek
बिल्ली | f | cat | animal seek
घोड़ा | m | horse | animal
गाय | f | cow | animal
चिड़िया | f | bird | animal catch
बंदर | m | monkey | animal
हाथी | m | elephant | animal
शेर | m | lion | animal
चूहा | m | mouse | animal catch | pl=mice
बकरी | f | goat | animal
मछली | f | fish | animal catch food water_animal | pl=fish
तोता | m | parrot | animal
मुर्गी | f | hen | animal
साँप | m | snake | animal catch
ऊँट | m | camel | animal
भालू | m | bear | animal
रोटी | f | bread | food soft | mass
चावल | m | rice | food cook | mass
दाल | f | dal | food cook | mass
सेब | m | apple | food fruit buy cut ask choose
आम | m | mango | food fruit buy cut choose | pl=mangoes
केला | m | banana | food fruit buy choose
संतरा | m | orange | food fruit buy choose
अंगूर | m | grape | food fruit buy
आलू | m | potato | food vegetable buy cook cut | pl=potatoes
टमाटर | m | tomato | food vegetable buy cut | pl=tomatoes
मिठाई | f | sweet | food buy make
सब्ज़ी | f | vegetable | food vegetable buy cook cut
अंडा | m | egg | food buy cook
बिस्कुट | m | biscuit | food buy ask
केक | m | cake | food buy make cut
समोसा | m | samosa | food buy make
फल | m | fruit | food fruit buy cut
गाजर | f | carrot | food vegetable buy cut
प्याज़ | m | onion | food vegetable buy cut
पराठा | m | paratha | food make
लड्डू | m | laddoo | food buy make
पानी | m | water | drink ask | mass
दूध | m | milk | drink buy ask | mass
चाय | f | tea | drink make ask | mass
कॉफ़ी | f | coffee | drink make ask | mass
जूस | m | juice | drink buy | mass
लस्सी | f | lassi | drink make ask | mass
शरबत | m | sherbet | drink make | mass
किताब | f | book | read write small buy give send show open ask choose
अख़बार | m | newspaper | read buy small give
चिट्ठी | f | letter | read write small send give
कहानी | f | story | read write listen tell interesting
कविता | f | poem | read write listen learn
पत्रिका | f | magazine | read buy small
कॉपी | f | notebook | small buy give
संदेश | m | message | read write send important
निबंध | m | essay | read write interesting
मेज़ | f | table | thing on under clean breakable_big round
कुर्सी | f | chair | thing on under clean break
दरवाज़ा | m | door | thing open
खिड़की | f | window | thing open break clean
बक्सा | m | box | thing open small carry container
गाड़ी | f | car | vehicle drive wash clean buy see
साइकिल | f | bicycle | vehicle ride wash buy see
बस | f | bus | vehicle drive see
कलम | f | pen | small buy give seek ask
पेंसिल | f | pencil | small buy give seek
घड़ी | f | watch | small buy give seek break
फ़ोन | m | phone | small buy seek break show
कंप्यूटर | m | computer | thing buy
बैग | m | bag | small open buy carry container seek
कमीज़ | f | shirt | clothing buy wash sew
जूता | m | shoe | clothing buy seek
टोपी | f | cap | clothing buy sew
छाता | m | umbrella | small buy seek
चाबी | f | key | small seek give
गेंद | f | ball | small throw catch buy round seek
खिलौना | m | toy | small buy make break give
तस्वीर | f | picture | picture small show see
गिलास | m | glass | small wash fill break container
प्लेट | f | plate | small wash break round
चम्मच | m | spoon | small wash
चाकू | m | knife | small wash | pl=knives
बोतल | f | bottle | small fill open break container
पेड़ | m | tree | tree plant cut under near see
फूल | m | flower | plant flower small give buy choose
पत्थर | m | stone | throw small
रस्सी | f | rope | cut
कंबल | m | blanket | thing soft buy wash
बिस्तर | m | bed | thing on under soft
दवा | f | medicine | small buy
टिकट | m | ticket | small buy give
गाना | m | song | sing listen learn
फ़िल्म | f | film | film watch interesting
तोहफ़ा | m | gift | small send give buy
पतंग | f | kite | fly buy make
बाल्टी | f | bucket | fill container
मैच | m | match | watch win
इनाम | m | prize | win
रेडियो | m | radio | listen | sg def
टीवी | m | TV | watch | sg bare
अलमारी | f | cupboard | thing open clean
घर | m | house | place in near out dest leave clean buy
कमरा | m | room | place in out dest leave clean
स्कूल | m | school | place in near out dest leave
बाज़ार | m | market | place in dest busy
दफ़्तर | m | office | place in near out dest leave
शहर | m | city | place in dest leave
गाँव | m | village | place in dest leave
मंदिर | m | temple | place in near out dest
अस्पताल | m | hospital | place in near out dest
पार्क | m | park | place in dest
बगीचा | m | garden | place in dest
रसोई | f | kitchen | place in dest clean
दुकान | f | shop | place at near out dest
नदी | f | river | place water near
पहाड़ | m | mountain | place mountain on near
जंगल | m | forest | place in dest
सड़क | f | road | place on busy
मैदान | m | field | place in dest
स्टेशन | m | station | place at near out dest
पुस्तकालय | m | library | place in near out dest
होटल | m | hotel | place in near out dest
कक्षा | f | classroom | place in out dest
समुद्र | m | sea | place water | sg
तालाब | m | pond | place water near
छत | f | roof | place on
सिनेमाघर | m | cinema | place in near out dest
दिल्ली | f | Delhi | city in dest | sg bare
मुंबई | f | Mumbai | city in dest | sg bare
जयपुर | m | Jaipur | city in dest | sg bare
कोलकाता | m | Kolkata | city in dest | sg bare inv
आगरा | m | Agra | city in dest | sg bare inv
लखनऊ | m | Lucknow | city in dest | sg bare
क्रिकेट | m | cricket | game watch | sg bare
फ़ुटबॉल | m | football | game watch | sg bare
हॉकी | f | hockey | game watch | sg bare
शतरंज | m | chess | game learn teach | sg bare
कबड्डी | f | kabaddi | game watch | sg bare
हिंदी | f | Hindi | language learn teach | sg bare
अंग्रेज़ी | f | English | language learn teach | sg bare
संस्कृत | f | Sanskrit | language learn teach | sg bare
उर्दू | f | Urdu | language learn teach | sg bare
गिटार | m | guitar | instrument learn | sg def
सितार | m | sitar | instrument learn | sg def
बाँसुरी | f | flute | instrument learn | sg def
ढोल | m | drum | instrument | sg def
पियानो | m | piano | instrument learn | sg def
"""

# English phrases that replace "<preposition> the <noun>" for a bare singular noun. "dest" is
# the goal of a motion verb (वह घर गया: he went home; वह स्कूल गया: he went to school).
_PP_IDIOMS = {
    "घर": {"में": ("at", "home"), "पर": ("at", "home"), "से": ("from", "home"), "dest": ("home",)},
    "स्कूल": {"में": ("at", "school"), "से": ("from", "school"), "dest": ("to", "school")},
}


def _parse_nouns(table: str) -> list[Noun]:
    nouns = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        hindi, gender, english, tags = nfc(cells[0]), cells[1], cells[2], cells[3]
        options = cells[4].split() if len(cells) > 4 else []
        forms = hindi_noun_forms(hindi, gender, invariable="inv" in options)
        english_pl = english_plural(english)
        for option in options:
            if option.startswith("pl="):
                english_pl = option[3:]
            elif option.startswith("hpl="):
                plural, plural_oblique = nfc(option[4:]).split("/")
                forms = (forms[0], forms[1], plural, plural_oblique)
        article = next((a for a in ("mass", "def", "bare") if a in options), "count")
        countable = article == "count" and "sg" not in options
        pp = {nfc(k): v for k, v in _PP_IDIOMS.get(hindi, {}).items()}
        nouns.append(Noun(hindi, gender, forms, english, english_pl, frozenset(tags.split()), article,
                          countable, pp))
    return nouns


NOUNS: list[Noun] = _parse_nouns(_NOUN_TABLE)
NOUN = {noun.hindi: noun for noun in NOUNS}

# ------------------------------------------------------------------ proper names and pronouns


@dataclass(slots=True, eq=False)
class Name:
    hindi: str
    english: str
    gender: str


NAMES: list[Name] = [Name(nfc(h), e, g) for h, e, g in (
    ("राम", "Ram", "m"), ("सीता", "Sita", "f"), ("मोहन", "Mohan", "m"), ("प्रिया", "Priya", "f"),
    ("अमित", "Amit", "m"), ("रीना", "Reena", "f"), ("राहुल", "Rahul", "m"), ("अनीता", "Anita", "f"),
    ("विजय", "Vijay", "m"), ("सुनीता", "Sunita", "f"), ("रवि", "Ravi", "m"), ("नेहा", "Neha", "f"),
    ("अर्जुन", "Arjun", "m"), ("गीता", "Geeta", "f"), ("सुरेश", "Suresh", "m"), ("मीना", "Meena", "f"),
    ("करण", "Karan", "m"), ("राधा", "Radha", "f"), ("अनिल", "Anil", "m"), ("आशा", "Asha", "f"),
)]
NAME = {name.hindi: name for name in NAMES}


@dataclass(slots=True, eq=False)
class Pronoun:
    """A personal pronoun and its fused case forms.

    agreement is what the Hindi verb agrees with: '1sg' (मैं), '2' (तुम: -ते हो), '3sg' (वह),
    'pl' (हम, आप, वे: plural forms; आप is the honorific 'you'). english_person is what the English
    verb agrees with: '1sg' (I am), '3sg' (he is), 'other' (you/we/they are).
    genitive_stem + आ/ए/ई gives मेरा/मेरे/मेरी, the form used before के साथ, के लिए, का, की.
    """

    hindi: str
    ergative: str            # मैंने
    accusative: str          # मुझे (= मुझको)
    ablative: str            # मुझसे
    genitive_stem: str       # मेर-
    agreement: str
    english_person: str
    english_subject: tuple   # (masculine, feminine)
    english_object: tuple

    def genitive(self, ending: str) -> str:
        """ending is 'ा', 'े' or 'ी': मेरा, मेरे, मेरी."""
        return self.genitive_stem + ending


PRONOUNS: list[Pronoun] = [Pronoun(*(nfc(x) for x in row[:5]), *row[5:]) for row in (
    ("मैं", "मैंने", "मुझे", "मुझसे", "मेर", "1sg", "1sg", ("I", "I"), ("me", "me")),
    ("तुम", "तुमने", "तुम्हें", "तुमसे", "तुम्हार", "2", "other", ("you", "you"), ("you", "you")),
    ("आप", "आपने", "आपको", "आपसे", "आपक", "pl", "other", ("you", "you"), ("you", "you")),
    ("वह", "उसने", "उसे", "उससे", "उसक", "3sg", "3sg", ("he", "she"), ("him", "her")),
    ("हम", "हमने", "हमें", "हमसे", "हमार", "pl", "other", ("we", "we"), ("us", "us")),
    ("वे", "उन्होंने", "उन्हें", "उनसे", "उनक", "pl", "other", ("they", "they"), ("them", "them")),
)]
PRONOUN = {p.hindi: p for p in PRONOUNS}

# ------------------------------------------------------------------ adjectives


@dataclass(slots=True, eq=False)
class Adjective:
    """forms = (masculine singular direct, masculine oblique or plural, feminine), each a tuple of
    tokens (थका हुआ / थके हुए / थकी हुई); an invariable adjective has the same form three times."""

    hindi: str
    forms: tuple
    english: str
    fits: frozenset          # noun tags it can describe

    def hindi_form(self, gender: str, plural: bool, oblique: bool) -> tuple:
        if gender == "f":
            return self.forms[2]
        return self.forms[1] if (plural or oblique) else self.forms[0]


def _inflect_token(token: str, ending: str) -> str:
    """अच्छा -> अच्छे/अच्छी; after a vowel the ending is a full vowel: नया -> नए/नई, हुआ -> हुए/हुई."""
    if token.endswith(("या", "आ")) and len(token) > 2:
        stem = token[:-2] if token.endswith("या") else token[:-1]
        return stem + ("ए" if ending == _MATRA_E else "ई")
    return token[:-1] + ending


def _adjective(hindi: str, english: str, fits: str, variable: bool) -> Adjective:
    tokens = tuple(nfc(hindi).split())
    if variable:
        forms = (tokens, tuple(_inflect_token(t, _MATRA_E) for t in tokens),
                 tuple(_inflect_token(t, _MATRA_II) for t in tokens))
    else:
        forms = (tokens, tokens, tokens)
    return Adjective(nfc(hindi), forms, english, frozenset(fits.split()))


# hindi | english | v (inflects like अच्छा) or i (invariable) | noun tags it fits
_ADJECTIVE_TABLE = """
अच्छा | good | v | person animal food read thing place
बुरा | bad | v | person food film
बड़ा | big | v | animal thing place vehicle container small
छोटा | small | v | animal thing place vehicle container small young
नया | new | v | thing vehicle clothing read small place
पुराना | old | v | thing vehicle clothing read small place
लंबा | tall | v | person
मोटा | fat | v | person animal
पतला | thin | v | person animal
गंदा | dirty | v | thing clothing small place animal vehicle
ठंडा | cold | v | drink
काला | black | v | animal clothing vehicle small
पीला | yellow | v | clothing flower vehicle small
नीला | blue | v | clothing vehicle small
हरा | green | v | clothing vehicle small fruit
भूरा | brown | v | animal clothing small
ऊँचा | tall | v | tree mountain
सस्ता | cheap | v | buy
महँगा | expensive | v | buy
मीठा | sweet | v | fruit drink
खट्टा | sour | v | fruit
ताज़ा | fresh | v | food drink flower
प्यारा | lovely | v | young animal
बूढ़ा | old | v | person animal
भूखा | hungry | v | person animal
प्यासा | thirsty | v | person animal
गीला | wet | v | clothing animal
सूखा | dry | v | clothing
हल्का | light | v | container
अकेला | lonely | v | person
गहरा | deep | v | water
चौड़ा | wide | v | busy water
थका हुआ | tired | v | person animal
टूटा हुआ | broken | v | break breakable_big vehicle
लाल | red | i | clothing vehicle flower small fruit
सफ़ेद | white | i | clothing animal vehicle small
सुंदर | beautiful | i | person place flower picture clothing
साफ़ | clean | i | clothing place thing small
गरम | hot | i | drink food
भारी | heavy | i | container thing
खाली | empty | i | container
ग़रीब | poor | i | person
अमीर | rich | i | person
ईमानदार | honest | i | person
होशियार | clever | i | person animal
बहादुर | brave | i | person
दिलचस्प | interesting | i | interesting read film
आसान | easy | i | language game
मुश्किल | difficult | i | language game
शांत | quiet | i | person place animal
तेज़ | fast | i | vehicle
गुलाबी | pink | i | clothing flower
नारंगी | orange | i | clothing small
मुलायम | soft | i | soft
गोल | round | i | round
बीमार | sick | i | person animal
ख़ुश | happy | i | person animal
उदास | sad | i | person
व्यस्त | busy | i | person busy
नाराज़ | angry | i | person
ज़रूरी | important | i | important
"""

ADJECTIVES: list[Adjective] = []
for _line in _ADJECTIVE_TABLE.strip().splitlines():
    _h, _e, _kind, _fits = (cell.strip() for cell in _line.split("|"))
    ADJECTIVES.append(_adjective(_h, _e, _fits, _kind == "v"))
ADJECTIVE = {a.hindi: a for a in ADJECTIVES}

# "very": intensifies any adjective.
VERY = (nfc("बहुत"), "very")

# ------------------------------------------------------------------ quantities


@dataclass(slots=True, eq=False)
class Quantity:
    hindi: str
    english: str      # 'a' stands for a/an, chosen by the next word
    plural: bool


QUANTITIES: list[Quantity] = [Quantity(nfc(h), e, p) for h, e, p in (
    ("एक", "a", False), ("दो", "two", True), ("तीन", "three", True), ("चार", "four", True),
    ("पाँच", "five", True), ("छह", "six", True), ("सात", "seven", True), ("आठ", "eight", True),
    ("नौ", "nine", True), ("दस", "ten", True), ("कुछ", "some", True), ("कई", "many", True),
)]
QUANTITY = {q.hindi: q for q in QUANTITIES}
NUMERALS = [q for q in QUANTITIES if q.plural]
ONE = QUANTITY[nfc("एक")]

# ------------------------------------------------------------------ verbs


@dataclass(slots=True, eq=False)
class Verb:
    """A Hindi verb (or a noun + light verb idiom) with its English translation.

    frame:
      'intr'  no object (सोना sleep; काम करना work).
      'motion' goes somewhere: an optional destination (bare oblique in Hindi: वह बाज़ार गया,
              'he went to the market') and, with source=True, an origin with से ('from').
      'tr'    a direct object chosen by object_tags (को on animate or definite objects).
      'ditr'  a recipient with को and a direct object (सीता को किताब दी: gave Sita a book).
    light: Hindi tokens before the inflected verb (खाना in खाना खाना 'eat', साफ़ in साफ़ करना);
      light_gender is the gender of a light noun, which the perfective agrees with after ने.
    argument: for light verbs that take a person, (Hindi postposition, English preposition or
      '', required): इंतज़ार करना + का + 'for' (wait for Sita), मदद करना + की + '' (help Sita).
    ergative: the perfective takes ने (transitive verbs and कर/खा/बना light verbs).
    english_tail: English tokens after the verb (look *for*, get *up*, work *hard*);
      tail_is_noun aligns them with the Hindi light noun (have *breakfast* ~ नाश्ता).
    """

    key: str
    light: tuple
    stem: str
    frame: str
    object_tags: frozenset
    ergative: bool
    light_gender: str
    argument: tuple | None
    animals: bool
    source: bool
    benefactive: bool
    places: str
    english: str
    english_third: str
    english_past: str
    english_ing: str
    english_tail: tuple
    tail_is_noun: bool
    english_to: tuple      # for motion verbs: ('to',) or () (reach the station)
    weight: float
    english_continuous: tuple   # the -ing form with its tail: ('eating',); 'see' is 'looking at'
    needs_place: bool           # always said with a place (रहना: live in Delhi, रखना: put on the table)


_IRREGULAR_PERFECTIVE = {
    nfc("जा"): ("गया", "गए", "गई", "गईं"), nfc("कर"): ("किया", "किए", "की", "कीं"),
    nfc("दे"): ("दिया", "दिए", "दी", "दीं"), nfc("ले"): ("लिया", "लिए", "ली", "लीं"),
    nfc("पी"): ("पिया", "पिए", "पी", "पीं"), nfc("हो"): ("हुआ", "हुए", "हुई", "हुईं"),
}
_FUTURE_STEM = {nfc("दे"): nfc("द"), nfc("ले"): nfc("ल"), nfc("पी"): nfc("पि")}


def hindi_perfective(stem: str) -> tuple[str, str, str, str]:
    """(masculine sg, masculine pl, feminine sg, feminine pl): लिखा लिखे लिखी लिखीं, खाया खाए खाई खाईं."""
    if stem in _IRREGULAR_PERFECTIVE:
        return tuple(nfc(f) for f in _IRREGULAR_PERFECTIVE[stem])
    if _ends_with_vowel(stem):
        return stem + "या", stem + "ए", stem + "ई", stem + "ईं"
    return stem + _MATRA_AA, stem + _MATRA_E, stem + _MATRA_II, stem + "ीं"


def hindi_future(stem: str) -> dict[str, str]:
    """Person/number part of the future: {'1sg': खाऊँ, '2': खाओ, '3sg': खाए, 'pl': खाएँ}; गा/गे/गी follows."""
    stem = _FUTURE_STEM.get(stem, stem)
    if _ends_with_vowel(stem):
        return {"1sg": stem + "ऊँ", "2": stem + "ओ", "3sg": stem + "ए", "pl": stem + "एँ"}
    return {"1sg": stem + "ूँ", "2": stem + _MATRA_O, "3sg": stem + _MATRA_E, "pl": stem + "ें"}


# hindi (light tokens + stem) | english (base[,past[,third[,ing]]] tail...) | frame | object tags | options
#   options: erg (takes ने), g=f/g=m (gender of the light noun), arg=<postposition>:<english preposition>
#   (arg? if optional), anim (animals can do it), src (motion from a place), ben (के लिए 'for'),
#   noprep (motion without 'to'), places=<tag> (where it happens), place (always with a place),
#   w=<sampling weight>, tailnoun, cont=<continuous form>+<tail> (where English avoids "seeing")
_VERB_TABLE = """
जा | go,went | motion | | w=3
आ | come,came | motion | | src w=2
लौट | return | motion | | src
पहुँच | reach | motion | | noprep
दौड़ | run,ran | intr | | anim places=in
चल | walk | intr | | anim places=in
सो | sleep,slept | intr | | anim places=rest
हँस | laugh | intr | |
रो | cry | intr | | anim
नाच | dance | intr | |
तैर | swim,swam | intr | | anim places=water
बैठ | sit,sat | intr | | anim places=rest
उठ | get,got up | intr | |
जाग | wake,woke up | intr | |
रुक | stop | intr | | anim places=in
गिर | fall,fell | intr | | anim
मुस्कुरा | smile | intr | |
नहा | bathe | intr | | places=water
चिल्ला | shout | intr | | anim
रह | live | intr | | places=in place
बोल | speak,spoke | intr | |
घूम | wander | intr | | places=in
खेल | play | intr | | anim places=in
मिल | meet,met | intr | | arg=से:
खाना खा | eat,ate | intr | | erg g=m anim w=8
काम कर | work | intr | | erg g=m w=2
आराम कर | rest | intr | | erg g=m anim places=rest
पढ़ाई कर | study | intr | | erg g=f w=2
खाना बना | cook | intr | | erg g=m ben w=2
मेहनत कर | work hard | intr | | erg g=f
कसरत कर | exercise | intr | | erg g=f
यात्रा कर | travel | intr | | erg g=f
ख़रीदारी कर | shop | intr | | erg g=f places=in
नाश्ता कर | have,had,has breakfast | intr | | erg g=m tailnoun
शोर कर | make,made noise | intr | | erg g=m anim tailnoun
कोशिश कर | try | intr | | erg g=f
पूजा कर | pray | intr | | erg g=f
तैयारी कर | get,got ready | intr | | erg g=f
सफ़ाई कर | clean | intr | | erg g=f
इंतज़ार कर | wait | intr | | erg g=m arg?=का:for w=2
मदद कर | help | intr | | erg g=f arg?=की: w=2
बात कर | talk | intr | | erg g=f arg?=से:to w=2
फ़ोन कर | phone | intr | | erg g=m arg?=को:
खा | eat,ate | tr | food | erg anim w=4
पी | drink,drank | tr | drink | erg anim w=3
पढ़ | read,read | tr | read | erg w=3
लिख | write,wrote | tr | write | erg w=2
देख | see,saw | tr | person see | erg w=2 cont=looking+at
देख | watch | tr | watch animal | erg
ख़रीद | buy,bought | tr | buy | erg ben w=2
बेच | sell,sold | tr | buy | erg
बना | make,made | tr | make | erg ben
धो | wash | tr | wash | erg
खोल | open | tr | open | erg
बंद कर | close | tr | open | erg
साफ़ कर | clean | tr | clean | erg
ढूँढ | look for | tr | seek person | erg
पकड़ | catch,caught | tr | catch | erg anim
फेंक | throw,threw | tr | throw | erg
उठा | pick up | tr | small | erg
भेज | send,sent | ditr | send | erg
सुन | listen to | tr | listen | erg
गा | sing,sang | tr | sing | erg
पहन | wear,wore | tr | clothing | erg
काट | cut,cut | tr | cut | erg
तोड़ | break,broke | tr | break breakable_big | erg
सीख | learn | tr | learn | erg
सिखा | teach,taught | ditr | teach | erg
बुला | call | tr | person | erg
चला | drive,drove | tr | drive | erg
चला | ride,rode | tr | ride | erg
उड़ा | fly,flew | tr | fly | erg
जीत | win,won | tr | win | erg
रख | put,put | tr | small | erg places=on place
छोड़ | leave,left | tr | leave | erg
पका | cook | tr | cook | erg ben
माँग | ask for | tr | ask | erg
लगा | plant | tr | plant | erg
भर | fill | tr | fill | erg
बजा | play | tr | instrument | erg
खेल | play | tr | game | erg
ले | take,took | tr | small | erg
दे | give,gave | ditr | give | erg
दिखा | show | ditr | show | erg
सुना | tell,told | ditr | tell | erg
चुन | choose,chose | tr | choose | erg
सिल | sew | tr | sew | erg
"""


def _parse_verbs(table: str) -> list[Verb]:
    verbs = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        hindi, english, frame, tags = nfc(cells[0]).split(), cells[1].split(), cells[2], cells[3]
        options = dict((o.split("=", 1) + [""])[:2] for o in cells[4].split())
        forms = english[0].split(",") + [""] * 3
        base = forms[0]
        past = forms[1] or english_regular_past(base)
        third = forms[2] or english_third_person(base)
        ing = forms[3] or english_ing(base)
        argument = None
        for key in ("arg", "arg?"):
            if key in options:
                postposition, preposition = options[key].split(":")
                argument = (nfc(postposition), tuple(preposition.split()), key == "arg")
        verbs.append(Verb(
            key=" ".join(hindi) + "/" + base + "/" + frame, light=tuple(hindi[:-1]), stem=hindi[-1], frame=frame,
            object_tags=frozenset(tags.split()), ergative="erg" in options,
            light_gender=options.get("g", "m"), argument=argument, animals="anim" in options,
            source="src" in options, benefactive="ben" in options, places=options.get("places", "any"),
            english=base, english_third=third, english_past=past, english_ing=ing,
            english_tail=tuple(english[1:]), tail_is_noun="tailnoun" in options,
            english_to=() if "noprep" in options else ("to",), weight=float(options.get("w", 1)),
            english_continuous=tuple(options["cont"].split("+")) if "cont" in options
            else (ing,) + tuple(english[1:]),
            needs_place="place" in options))
    return verbs


VERBS: list[Verb] = _parse_verbs(_VERB_TABLE)
VERB = {v.key: v for v in VERBS}


def verb(hindi: str, english: str | None = None, frame: str | None = None) -> Verb:
    """The verb entry for Hindi 'खाना खा'; English base and frame pick one where entries share
    the Hindi (देख: see/watch, खेल: intransitive play / play a game)."""
    hindi = nfc(hindi)
    matches = [v for v in VERBS if " ".join(v.light + (v.stem,)) == hindi
               and (english is None or v.english == english) and (frame is None or v.frame == frame)]
    if len(matches) != 1:
        raise KeyError(f"{len(matches)} verbs match {hindi!r} / {english!r}")
    return matches[0]


# ------------------------------------------------------------------ connectives and adverbials

CONJUNCTIONS: list[tuple[str, str]] = [(nfc("और"), "and"), (nfc("लेकिन"), "but"), (nfc("क्योंकि"), "because")]
NEGATION = (nfc("नहीं"), "not")
QUESTION_PARTICLE = nfc("क्या")


@dataclass(eq=False)
class TimeAdverb:
    """A time expression, its English and its own word links (Hindi index, English index)."""

    hindi: tuple
    english: tuple
    links: tuple
    tenses: frozenset

    @property
    def english_sources(self) -> tuple:
        """((English token, (Hindi indices it links to)), ...)."""
        return self._english_sources

    def __post_init__(self) -> None:
        self._english_sources = tuple((token, tuple(i for i, j in self.links if j == k))
                                      for k, token in enumerate(self.english))


# hindi | english | links (h-e, ...) | tenses
# कल is 'yesterday' with the past and 'tomorrow' with the future; so is परसों for the day before/after.
_TIME_TABLE = """
आज | today | 0-0 | present_continuous past future copula_present copula_past copula_future
अभी | now | 0-0 | present_continuous copula_present
इस समय | at the moment | 0-1 1-2 1-0 | present_continuous copula_present
कल | yesterday | 0-0 | past past_continuous copula_past
कल | tomorrow | 0-0 | future copula_future
परसों | the day before yesterday | 0-0 0-1 0-2 0-3 | past copula_past
परसों | the day after tomorrow | 0-0 0-1 0-2 0-3 | future copula_future
कल रात | last night | 0-0 1-1 | past past_continuous copula_past
कल रात | tomorrow night | 0-0 1-1 | future
कल सुबह | yesterday morning | 0-0 1-1 | past past_continuous
कल सुबह | tomorrow morning | 0-0 1-1 | future
कल शाम को | yesterday evening | 0-0 1-1 2-1 | past past_continuous
कल शाम को | tomorrow evening | 0-0 1-1 2-1 | future
आज सुबह | this morning | 0-0 1-1 | past
आज शाम को | this evening | 0-0 1-1 2-1 | future
आज रात | tonight | 0-0 1-0 | future
उस समय | at that time | 0-1 1-2 1-0 | past_continuous
पिछले हफ़्ते | last week | 0-0 1-1 | past copula_past
पिछले महीने | last month | 0-0 1-1 | past
पिछले साल | last year | 0-0 1-1 | past copula_past
अगले हफ़्ते | next week | 0-0 1-1 | future copula_future
अगले महीने | next month | 0-0 1-1 | future
अगले साल | next year | 0-0 1-1 | future copula_future
हर दिन | every day | 0-0 1-1 | present
रोज़ | every day | 0-0 0-1 | present
हर सुबह | every morning | 0-0 1-1 | present
हर शाम | every evening | 0-0 1-1 | present
हर रविवार | every Sunday | 0-0 1-1 | present
हर हफ़्ते | every week | 0-0 1-1 | present
सुबह | in the morning | 0-0 0-1 0-2 | present
दोपहर को | in the afternoon | 0-1 0-2 1-0 | present
शाम को | in the evening | 0-1 0-2 1-0 | present
रात को | at night | 0-1 1-0 | present
"""


def _parse_times(table: str) -> list[TimeAdverb]:
    times = []
    for line in table.strip().splitlines():
        hindi, english, links, tenses = (cell.strip() for cell in line.split("|"))
        pairs = tuple(tuple(int(i) for i in link.split("-")) for link in links.split())
        times.append(TimeAdverb(tuple(nfc(hindi).split()), tuple(english.split()), pairs,
                                frozenset(tenses.split())))
    return times


TIME_ADVERBS: list[TimeAdverb] = _parse_times(_TIME_TABLE)

# ------------------------------------------------------------------ postpositions
#   (Hindi tokens, English tokens, noun tag the object must have). Compound postpositions
#   start with के; a pronoun fuses with it (मेरे साथ 'with me').

LOCATIONS: list[tuple[tuple, tuple, str]] = [
    ((nfc("में"),), ("in",), "in"),
    ((nfc("पर"),), ("on",), "on"),
    ((nfc("पर"),), ("at",), "at"),
    ((nfc("के"), nfc("पास")), ("near",), "near"),
    ((nfc("के"), nfc("सामने")), ("in", "front", "of"), "near"),
    ((nfc("के"), nfc("पीछे")), ("behind",), "near"),
    ((nfc("के"), nfc("नीचे")), ("under",), "under"),
    ((nfc("के"), nfc("बाहर")), ("outside",), "out"),
    ((nfc("में"),), ("in",), "water"),
]
COMPANION = ((nfc("के"), nfc("साथ")), ("with",))
BENEFICIARY = ((nfc("के"), nfc("लिए")), ("for",))
SOURCE = ((nfc("से"),), ("from",))
