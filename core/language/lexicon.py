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


# past participles that differ from the past tense (have eaten, has gone); every other verb's
# participle is its past (bought, made, lived)
_PARTICIPLES = {"break": "broken", "choose": "chosen", "come": "come", "do": "done", "draw": "drawn",
                "drink": "drunk", "drive": "driven", "eat": "eaten", "fall": "fallen", "fly": "flown",
                "forget": "forgotten", "give": "given", "go": "gone", "hide": "hidden", "know": "known",
                "lie": "lain", "ride": "ridden", "ring": "rung", "run": "run", "see": "seen", "shake": "shaken",
                "sing": "sung", "speak": "spoken", "steal": "stolen", "swim": "swum", "take": "taken",
                "throw": "thrown", "wake": "woken", "wear": "worn", "write": "written", "be": "been"}


def english_participle(verb: str, past: str) -> str:
    """The past participle of the perfect: eat -> eaten, buy (bought) -> bought."""
    return _PARTICIPLES.get(verb, past)


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
#   The everyday constructions (core.language.everyday) pick by kind: job (occupations), kin (relations:
#   मेरी बहन), country (मैं भारत से हूँ), body (body parts). hon marks an honorific form (पिताजी): Hindi
#   agrees with it in the plural (पिताजी आए), English in the singular (Father came). family: a
#   parent, named as the speaker's own without a determiner (माँ आई: Mother came).
_NOUN_TABLE = """
लड़का | m | boy | person
लड़की | f | girl | person
आदमी | m | man | person | pl=men
औरत | f | woman | person | pl=women
व्यक्ति | m | person | person | pl=people hpl=लोग/लोगों
बच्चा | m | child | person young | pl=children
बच्ची | f | child | person young | pl=children
दोस्त | m | friend | person kin
सहेली | f | friend | person kin
भाई | m | brother | person kin
बहन | f | sister | person kin
माँ | f | mother | person kin family | hpl=माएँ/माओं
पिता | m | father | person kin hon family | inv sg
बेटा | m | son | person kin
बेटी | f | daughter | person kin
दादा | m | grandfather | person kin | inv
दादी | f | grandmother | person kin
चाचा | m | uncle | person kin | inv
चाची | f | aunt | person kin
अध्यापक | m | teacher | person job
अध्यापिका | f | teacher | person job
डॉक्टर | m | doctor | person job
किसान | m | farmer | person job
मज़दूर | m | worker | person job
छात्र | m | student | person
छात्रा | f | student | person
पुलिसवाला | m | policeman | person job | pl=policemen
ड्राइवर | m | driver | person job
दुकानदार | m | shopkeeper | person job
नौकर | m | servant | person job
राजा | m | king | person | inv
रानी | f | queen | person
लेखक | m | writer | person job
गायक | m | singer | person job
खिलाड़ी | m | player | person job
पड़ोसी | m | neighbour | person
मेहमान | m | guest | person
यात्री | m | passenger | person
चोर | m | thief | person catch | pl=thieves
सिपाही | m | soldier | person job
नर्स | f | nurse | person job
पत्नी | f | wife | person kin | pl=wives
पति | m | husband | person kin
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
पत्र | m | letter | read write small send give
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
कक्षा | f | class | place in out dest
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
पिताजी | m | father | person kin hon family | sg
माताजी | f | mother | person kin hon family | sg
दादाजी | m | grandfather | person kin hon | sg
नाना | m | grandfather | person kin | sg inv
नानी | f | grandmother | person kin | sg
मामा | m | uncle | person kin | inv
मामी | f | aunt | person kin
मौसा | m | uncle | person kin | inv
मौसी | f | aunt | person kin
बुआ | f | aunt | person kin | hpl=बुआएँ/बुआओं
पोता | m | grandson | person kin
पोती | f | granddaughter | person kin
भतीजा | m | nephew | person kin
भतीजी | f | niece | person kin
मित्र | m | friend | person kin
पुरुष | m | man | person | pl=men
महिला | f | woman | person | pl=women
सहपाठी | m | classmate | person
पर्यटक | m | tourist | person
ग्राहक | m | customer | person
मरीज़ | m | patient | person
अजनबी | m | stranger | person
नेता | m | leader | person | inv
दूल्हा | m | bridegroom | person
दुल्हन | f | bride | person
पड़ोसन | f | neighbour | person
शिक्षक | m | teacher | person job
शिक्षिका | f | teacher | person job
प्रधानाचार्य | m | principal | person job
इंजीनियर | m | engineer | person job
वकील | m | lawyer | person job
पायलट | m | pilot | person job
रसोइया | m | cook | person job
बावर्ची | m | chef | person job
दर्ज़ी | m | tailor | person job
डाकिया | m | postman | person job | pl=postmen
नाई | m | barber | person job
माली | m | gardener | person job
धोबी | m | washerman | person job | pl=washermen
चौकीदार | m | watchman | person job | pl=watchmen
पुजारी | m | priest | person job
कलाकार | m | artist | person job
चित्रकार | m | painter | person job
अभिनेता | m | actor | person job | inv
अभिनेत्री | f | actress | person job
वैज्ञानिक | m | scientist | person job
पत्रकार | m | journalist | person job
व्यापारी | m | businessman | person job | pl=businessmen
मैनेजर | m | manager | person job
क्लर्क | m | clerk | person job
सैनिक | m | soldier | person job
कंडक्टर | m | conductor | person job
मिस्त्री | m | mechanic | person job
बढ़ई | m | carpenter | person job
कुम्हार | m | potter | person job
मछुआरा | m | fisherman | person job | pl=fishermen
दूधवाला | m | milkman | person job | pl=milkmen
जज | m | judge | person job
प्रोफ़ेसर | m | professor | person job
कवि | m | poet | person job
कोच | m | coach | person job
कर्मचारी | m | employee | person job
अफ़सर | m | officer | person job
मंत्री | m | minister | person job
नर्तकी | f | dancer | person job
गाइड | m | guide | person job
परीक्षा | f | exam | exam task
इम्तिहान | m | exam | exam task
सवाल | m | question | question understand write
प्रश्न | m | question | question understand write
जवाब | m | answer | answer understand write check memorise
उत्तर | m | answer | answer understand write check memorise
गृहकार्य | m | homework | task check forget | mass
पाठ | m | lesson | read learn memorise understand task
शब्द | m | word | write learn memorise
वाक्य | m | sentence | write read understand
नाम | m | name | write forget memorise
बोर्ड | m | board | thing clean
बस्ता | m | schoolbag | small open buy container seek forget
डायरी | f | diary | read write small buy task
नक्शा | m | map | small buy show see
घंटी | f | bell | ring small buy
गणित | m | maths | subject learn teach | sg bare
विज्ञान | m | science | subject learn teach | sg bare
इतिहास | m | history | subject learn teach | sg bare
भूगोल | m | geography | subject learn teach | sg bare
संगीत | m | music | subject learn teach listen | sg bare
विषय | m | subject | choose interesting
खेल | m | game | game watch task
कॉलेज | m | college | place in near out dest
विश्वविद्यालय | m | university | place in near out dest
छात्रावास | m | hostel | place in near out dest
प्रयोगशाला | f | laboratory | place in near out dest
कैंटीन | f | canteen | place in near out dest
सिर | m | head | body
हाथ | m | hand | body wash raise wave
पैर | m | leg | body wash
आँख | f | eye | body open
कान | m | ear | body
नाक | f | nose | body
मुँह | m | mouth | body
दाँत | m | tooth | body clean | pl=teeth
पेट | m | stomach | body
बाल | m | hair | body wash cut | pl=hair
चेहरा | m | face | body wash
गला | m | throat | body
गर्दन | f | neck | body
कंधा | m | shoulder | body
उँगली | f | finger | body
अँगूठा | m | thumb | body
घुटना | m | knee | body
पीठ | f | back | body
दिल | m | heart | body
होंठ | m | lip | body
जीभ | f | tongue | body
हड्डी | f | bone | body
नाख़ून | m | nail | body cut
शरीर | m | body | body
कमर | f | waist | body
कुर्ता | m | kurta | clothing buy wash sew
साड़ी | f | sari | clothing buy wash
स्वेटर | m | sweater | clothing buy wash
जैकेट | f | jacket | clothing buy
कोट | m | coat | clothing buy sew
मोज़ा | m | sock | clothing buy wash seek
चप्पल | f | slipper | clothing buy seek
कपड़ा | m | cloth | clothing buy wash | pl=clothes
दस्ताना | m | glove | clothing buy
बेल्ट | f | belt | clothing buy
स्कार्फ़ | m | scarf | clothing buy | pl=scarves
वर्दी | f | uniform | clothing buy wash
ड्रेस | f | dress | clothing buy wash sew
शॉल | f | shawl | clothing buy
टाई | f | tie | clothing buy
रूमाल | m | handkerchief | small buy wash
पंखा | m | fan | thing switch fix buy clean
बत्ती | f | light | light
फ़्रिज | m | fridge | thing open clean buy fix
कूलर | m | cooler | thing switch fix buy
लैंप | m | lamp | small switch buy burn fix
मोमबत्ती | f | candle | small buy burn
दीया | m | lamp | small buy burn
आग | f | fire | burn
मशीन | f | machine | thing switch fix buy
तकिया | m | pillow | thing soft buy wash
चादर | f | sheet | thing soft buy wash
कालीन | m | carpet | thing on clean buy soft
पर्दा | m | curtain | thing wash open buy
शीशा | m | mirror | thing clean break
सोफ़ा | m | sofa | thing on under clean buy seat
झूला | m | swing | thing on
चूल्हा | m | stove | thing clean fix
दीवार | f | wall | thing near clean
फ़र्श | m | floor | on clean | sg def
ज़मीन | f | ground | on | sg def
कोना | m | corner | in near
गमला | m | flowerpot | thing buy break container fill
साबुन | m | soap | small buy use | mass
तौलिया | m | towel | small soft buy wash use
ब्रश | m | brush | small buy use
कंघी | f | comb | small buy seek use
बर्तन | m | dish | small wash buy
कटोरी | f | bowl | small wash break round container fill
कप | m | cup | small wash break fill container
ताला | m | lock | small buy fix
रुपया | m | rupee | give send ask money count
सिक्का | m | coin | give seek count
लिफ़ाफ़ा | m | envelope | small buy open send
मोबाइल | m | mobile | small buy seek break show use fix
लैपटॉप | m | laptop | thing buy break open use fix
कैमरा | m | camera | small buy break use fix
रिमोट | m | remote | small seek use
गुब्बारा | m | balloon | small buy
गुड़िया | f | doll | small buy make give
डिब्बा | m | box | small open container fill
थैला | m | bag | small container carry buy
टोकरी | f | basket | small container fill buy
झंडा | m | flag | buy wave raise make
चित्र | m | painting | picture small show see
दही | m | yoghurt | food buy make | mass
पनीर | m | paneer | food buy make cut | mass
घी | m | ghee | buy ask | mass
मक्खन | m | butter | food buy make | mass
नमक | m | salt | buy ask | mass
चीनी | f | sugar | buy ask | mass
मिर्च | f | chilli | food vegetable buy cut | pl=chillies
आटा | m | flour | buy | mass
तेल | m | oil | buy | mass
चटनी | f | chutney | food make buy | mass
अचार | m | pickle | food make buy | mass
खीर | f | kheer | food make | mass
हलवा | m | halwa | food make | mass
पकौड़ा | m | pakora | food make fry
कचौड़ी | f | kachori | food make buy fry
जलेबी | f | jalebi | food buy make fry
पूरी | f | puri | food make fry
इडली | f | idli | food make
डोसा | m | dosa | food make
बिरयानी | f | biryani | food make | mass
पुलाव | m | pulao | food make | mass
पिज़्ज़ा | m | pizza | food buy make | inv
बर्गर | m | burger | food buy
सैंडविच | m | sandwich | food make buy
रसगुल्ला | m | rasgulla | food buy make
चॉकलेट | f | chocolate | food buy give
टॉफ़ी | f | toffee | food buy give
शहद | m | honey | food buy | mass
मांस | m | meat | food cook buy | mass
सूप | m | soup | food make | mass
अनार | m | pomegranate | food fruit buy cut peel
अमरूद | m | guava | food fruit buy cut
पपीता | m | papaya | food fruit buy cut peel
तरबूज़ | m | watermelon | food buy cut
नारियल | m | coconut | food buy peel
नींबू | m | lemon | food buy cut
अनानास | m | pineapple | food buy cut peel
लीची | f | lychee | food fruit buy peel
फूलगोभी | f | cauliflower | food vegetable buy cook cut
बैंगन | m | aubergine | food vegetable buy cook cut
भिंडी | f | okra | food vegetable buy cut | mass
मटर | f | peas | food vegetable buy cook | mass
खीरा | m | cucumber | food vegetable buy cut peel
मूली | f | radish | food vegetable buy cut peel
लहसुन | m | garlic | buy cut | mass
अदरक | f | ginger | buy cut | mass
मूँगफली | f | peanut | food buy
बादाम | m | almond | food buy
छाछ | f | buttermilk | drink make | mass
गधा | m | donkey | animal keep
भेड़ | f | sheep | animal keep | pl=sheep
सूअर | m | pig | animal keep
बाघ | m | tiger | animal wild
हिरन | m | deer | animal | pl=deer
खरगोश | m | rabbit | animal catch keep
मोर | m | peacock | animal
कबूतर | m | pigeon | animal catch keep
मेंढक | m | frog | animal catch
मगरमच्छ | m | crocodile | animal wild
भैंस | f | buffalo | animal keep | pl=buffaloes
बैल | m | ox | animal keep | pl=oxen
बत्तख | f | duck | animal keep
चींटी | f | ant | animal
मक्खी | f | fly | animal catch
मच्छर | m | mosquito | animal catch | pl=mosquitoes
तितली | f | butterfly | animal catch
भेड़िया | m | wolf | animal wild | pl=wolves
लोमड़ी | f | fox | animal wild
गिलहरी | f | squirrel | animal
उल्लू | m | owl | animal
पिल्ला | m | puppy | animal young seek keep
बछड़ा | m | calf | animal young keep | pl=calves
मेमना | m | lamb | animal young keep
चीता | m | cheetah | animal wild
गैंडा | m | rhinoceros | animal wild
ज़ेबरा | m | zebra | animal | inv
ट्रेन | f | train | vehicle see catch
रेलगाड़ी | f | train | vehicle see catch
नाव | f | boat | vehicle see
जहाज़ | m | ship | vehicle see
ऑटो | m | auto | vehicle drive see
रिक्शा | m | rickshaw | vehicle drive see
स्कूटर | m | scooter | vehicle ride wash buy see
मोटरसाइकिल | f | motorcycle | vehicle ride wash buy see
ट्रक | m | lorry | vehicle drive wash see
टैक्सी | f | taxi | vehicle drive see catch
विमान | m | aeroplane | vehicle see fly
ट्रैक्टर | m | tractor | vehicle drive wash see
कार | f | car | vehicle drive wash clean buy see
मेट्रो | f | metro | vehicle see catch | sg def
हेलिकॉप्टर | m | helicopter | vehicle see fly
बैंक | m | bank | place in near out dest
चिड़ियाघर | m | zoo | place in near out dest
रेस्टोरेंट | m | restaurant | place in near out dest
मॉल | m | mall | place in near out dest
कारख़ाना | m | factory | place in near out dest
खेत | m | field | place in near dest
गली | f | lane | place in cross way
पुल | m | bridge | place on under near cross way
रास्ता | m | way | forget way
झील | f | lake | place water near
रेगिस्तान | m | desert | place in dest
द्वीप | m | island | place on dest
गुफ़ा | f | cave | place in near out dest
महल | m | palace | place in near out dest
किला | m | fort | place in near out dest
संग्रहालय | m | museum | place in near out dest
स्टेडियम | m | stadium | place in near out dest
देश | m | country | place in dest
राज्य | m | state | place in dest
आँगन | m | courtyard | place in dest
गैराज | m | garage | place in near out dest
मस्जिद | f | mosque | place in near out dest
चर्च | m | church | place in near out dest
गुरुद्वारा | m | gurdwara | place in near out dest
थिएटर | m | theatre | place in near out dest
क्लिनिक | m | clinic | place in near out dest
जेल | f | prison | place in out dest
आसमान | m | sky | see | sg def
बादल | m | cloud | see
सूरज | m | sun | see | sg def
चाँद | m | moon | see | sg def
तारा | m | star | see count
इंद्रधनुष | m | rainbow | see
तूफ़ान | m | storm | see
बारिश | f | rain | see weather | mass
बर्फ़ | f | snow | see weather | mass
धूप | f | sunshine | weather | mass
हवा | f | wind | weather | mass
कोहरा | m | fog | weather | mass
घास | f | grass | on cut | mass
पत्ता | m | leaf | see | pl=leaves
पौधा | m | plant | buy see
घोंसला | m | nest | see
दिन | m | day | time count
हफ़्ता | m | week | time count
महीना | m | month | time count
साल | m | year | time count
घंटा | m | hour | time count
मिनट | m | minute | time count
समय | m | time | time | mass
भारत | m | India | country in dest | sg bare
नेपाल | m | Nepal | country in dest | sg bare
चीन | m | China | country in dest | sg bare
जापान | m | Japan | country in dest | sg bare
अमेरिका | m | America | country in dest | sg bare inv
इंग्लैंड | m | England | country in dest | sg bare
पाकिस्तान | m | Pakistan | country in dest | sg bare
रूस | m | Russia | country in dest | sg bare
फ़्रांस | m | France | country in dest | sg bare
जर्मनी | m | Germany | country in dest | sg bare
बांग्लादेश | m | Bangladesh | country in dest | sg bare
कनाडा | m | Canada | country in dest | sg bare inv
ऑस्ट्रेलिया | m | Australia | country in dest | sg bare inv
भूटान | m | Bhutan | country in dest | sg bare
इटली | m | Italy | country in dest | sg bare
चेन्नई | f | Chennai | city in dest | sg bare
बेंगलुरु | m | Bengaluru | city in dest | sg bare
हैदराबाद | m | Hyderabad | city in dest | sg bare
पटना | m | Patna | city in dest | sg bare inv
भोपाल | m | Bhopal | city in dest | sg bare
पुणे | m | Pune | city in dest | sg bare
वाराणसी | f | Varanasi | city in dest | sg bare
अमृतसर | m | Amritsar | city in dest | sg bare
शिमला | m | Shimla | city in dest | sg bare inv
"""

# English phrases that replace "<preposition> the <noun>" for a bare singular noun. "dest" is
# the goal of a motion verb (वह घर गया: he went home; वह स्कूल गया: he went to school).
_PP_IDIOMS = {
    "घर": {"में": ("at", "home"), "पर": ("at", "home"), "से": ("from", "home"), "dest": ("home",)},
    "स्कूल": {"में": ("at", "school"), "से": ("from", "school"), "dest": ("to", "school")},
}


def parse_nouns(table: str) -> list[Noun]:
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


NOUNS: list[Noun] = parse_nouns(_NOUN_TABLE)
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
    ("श्याम", "Shyam", "m"), ("अंजलि", "Anjali", "f"), ("विक्रम", "Vikram", "m"), ("पूजा", "Pooja", "f"),
    ("रोहन", "Rohan", "m"), ("कविता", "Kavita", "f"), ("अजय", "Ajay", "m"), ("दिव्या", "Divya", "f"),
    ("संजय", "Sanjay", "m"), ("स्वाति", "Swati", "f"), ("दीपक", "Deepak", "m"), ("ममता", "Mamta", "f"),
    ("मनोज", "Manoj", "m"), ("प्रीति", "Preeti", "f"), ("राजेश", "Rajesh", "m"), ("मीरा", "Meera", "f"),
    ("निखिल", "Nikhil", "m"), ("ज्योति", "Jyoti", "f"), ("सचिन", "Sachin", "m"), ("रेखा", "Rekha", "f"),
    ("आदित्य", "Aditya", "m"), ("सुमन", "Suman", "f"), ("सुनील", "Sunil", "m"), ("काजल", "Kajal", "f"),
    # the names of Tatoeba's example sentences, which many real Hindi-English pairs are about
    ("टॉम", "Tom", "m"), ("मैरी", "Mary", "f"), ("जॉन", "John", "m"),
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
    english_possessive: tuple  # my, your, his/her ...: what मेरा/तुम्हारा/उसका say before a noun

    def genitive(self, ending: str) -> str:
        """ending is 'ा', 'े' or 'ी': मेरा, मेरे, मेरी."""
        return self.genitive_stem + ending


PRONOUNS: list[Pronoun] = [Pronoun(*(nfc(x) for x in row[:5]), *row[5:]) for row in (
    ("मैं", "मैंने", "मुझे", "मुझसे", "मेर", "1sg", "1sg", ("I", "I"), ("me", "me"), ("my", "my")),
    ("तुम", "तुमने", "तुम्हें", "तुमसे", "तुम्हार", "2", "other", ("you", "you"), ("you", "you"), ("your", "your")),
    ("आप", "आपने", "आपको", "आपसे", "आपक", "pl", "other", ("you", "you"), ("you", "you"), ("your", "your")),
    ("वह", "उसने", "उसे", "उससे", "उसक", "3sg", "3sg", ("he", "she"), ("him", "her"), ("his", "her")),
    ("हम", "हमने", "हमें", "हमसे", "हमार", "pl", "other", ("we", "we"), ("us", "us"), ("our", "our")),
    ("वे", "उन्होंने", "उन्हें", "उनसे", "उनक", "pl", "other", ("they", "they"), ("them", "them"), ("their", "their")),
)]
# अपना: the possessive that refers back to the clause's subject (मैं अपने दोस्त से मिला: I met my friend).
REFLEXIVE_GENITIVE_STEM = nfc("अपन")
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
होशियार | smart | i | person animal
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
परेशान | upset | i | person
हैरान | surprised | i | person
चिंतित | worried | i | person
उत्साहित | excited | i | person
दुखी | unhappy | i | person animal
प्रसन्न | pleased | i | person
डरा हुआ | scared | v | person animal
ऊबा हुआ | bored | v | person
घबराया हुआ | nervous | v | person
शर्मीला | shy | v | person keep
स्वस्थ | healthy | i | person animal body
कमज़ोर | weak | i | person animal body
मज़बूत | strong | i | person animal body
घायल | injured | i | person animal
आलसी | lazy | i | person keep
मेहनती | hard-working | i | person
दयालु | kind | i | person
चालाक | cunning | i | person wild
मूर्ख | foolish | i | person
बुद्धिमान | wise | i | person
विनम्र | polite | i | person
वफ़ादार | loyal | i | person keep
अजीब | strange | i | person animal film
प्रसिद्ध | famous | i | person
नाटा | short | v | person
युवा | young | i | person
शरारती | naughty | i | young
नन्हा | tiny | v | young
सुनहरा | golden | v | clothing round
बैंगनी | purple | i | clothing flower vehicle
सलेटी | grey | i | clothing vehicle keep
रंगीन | colourful | i | clothing picture flower
विशाल | huge | i | place tree mountain wild
संकरा | narrow | v | way
उथला | shallow | v | water
सुरक्षित | safe | i | place busy
सुनसान | deserted | i | busy way
ख़तरनाक | dangerous | i | wild busy water
जंगली | wild | i | wild
धीमा | slow | v | vehicle
आधुनिक | modern | i | vehicle fix
चमकीला | shiny | v | vehicle break
आरामदायक | comfortable | i | clothing seat
खुला | open | v | open
बंद | closed | i | open
भरा हुआ | full | v | container
ख़राब | faulty | i | fix
सही | correct | i | answer
ग़लत | wrong | i | answer
कठिन | hard | i | question exam subject
सरल | simple | i | question exam subject
लोकप्रिय | popular | i | film game sing
मज़ेदार | funny | i | film interesting
उबाऊ | boring | i | film read
डरावना | scary | v | film tell
बढ़िया | excellent | i | food drink film read
स्वादिष्ट | delicious | i | food drink
तीखा | spicy | v | cook
नमकीन | salty | i | cook
फीका | bland | v | cook
कच्चा | raw | v | vegetable
पका हुआ | ripe | v | fruit
रसीला | juicy | v | fruit
सड़ा हुआ | rotten | v | fruit vegetable
उबला हुआ | boiled | v | cook
जला हुआ | burnt | v | cook
कुरकुरा | crunchy | v | fry
गुनगुना | lukewarm | v | drink
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
# A stem ends in a consonant or in ा/ो/ि/आ, as the regular rules expect (दे, ले, पी have irregular
# forms above; छू, सी and the future of हो would need theirs);
# the postposition of arg is one a pronoun fuses with (से, को, का, की, के); verbs that share their
# Hindi (चला: drive a car, switch on a fan) never share an object noun, so each sentence has one reading.
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
प्यार कर | love | intr | | erg g=m arg=से:
बात कर | talk | intr | | erg g=f arg?=से:to w=2
फ़ोन कर | call | intr | | erg g=m arg?=को:
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
बोल | speak,spoke | tr | language | erg
समझ | understand,understood | tr | understand language read | erg cont=following
जान | know,knew | tr | person language | erg cont=getting+to+know
सोच | think,thought | intr | | erg
पूछ | ask | tr | question | erg
पूछ | ask | intr | | erg arg?=से:
जवाब दे | answer | intr | | erg g=m arg?=को:
भूल | forget,forgot,forgets,forgetting | tr | seek forget |
याद कर | memorise | tr | memorise sing | erg
इस्तेमाल कर | use | tr | use drive | erg
शुरू कर | start | tr | task | erg
ख़त्म कर | finish | tr | task read | erg
पसंद कर | like | tr | food drink film game weather | erg cont=enjoying
कह | say,said | intr | | erg arg?=से:to
बता | tell,told | intr | | erg arg=को:
समझा | explain | tr | understand | erg
पढ़ा | teach,taught | tr | subject language person | erg
गिन | count | tr | count | erg
बिता | spend,spent | tr | time | erg
रात का खाना खा | have,had,has dinner | intr | | erg g=m tailnoun
दोपहर का खाना खा | have,had,has lunch | intr | | erg g=m tailnoun
टहल | go,went for a walk | intr | | places=in
कूद | jump | intr | | anim
लेट | lie,lay,lies,lying down | intr | | anim places=rest
घर का काम कर | do,did,does housework | intr | | erg g=m tailnoun
गृहकार्य कर | do,did,does homework | intr | | erg g=m tailnoun
योग कर | do,did,does yoga | intr | | erg g=m tailnoun
झाड़ू लगा | sweep,swept | intr | | erg g=f
परोस | serve | tr | food | erg ben
उबाल | boil | tr | cook | erg ben
तल | fry,fried | tr | fry | erg ben
छील | peel | tr | fruit peel | erg
बाँट | share | tr | food | erg
चख | taste | tr | food drink | erg
सूँघ | smell,smelt | tr | flower food | erg
ला | bring,brought | tr | small food drink | ben
गिरा | drop | tr | small | erg
खो | lose,lost | tr | seek | erg
चुरा | steal,stole | tr | small drive ride | erg
छिपा | hide,hid | tr | small | erg
छिप | hide,hid | intr | | anim places=in
चला | switch on | tr | switch | erg
जला | switch on | tr | light | erg
बंद कर | switch off | tr | switch light | erg
जला | light,lit | tr | burn | erg
बजा | ring,rang | tr | ring | erg
खाली कर | empty | tr | container | erg
ठीक कर | fix | tr | drive ride fix | erg
रोक | stop | tr | drive ride | erg
पार कर | cross | tr | cross water | erg
उतार | take,took off | tr | clothing | erg
तस्वीर बना | draw,drew a picture | intr | | erg g=f tailnoun
फ़ोटो खींच | take,took a photo | intr | | erg g=f tailnoun
भाग | run,ran away | intr | | anim
गुस्सा कर | get,got angry | intr | | erg g=m tailnoun
माफ़ी माँग | apologise | intr | | erg g=f arg?=से:to
झगड़ा कर | quarrel,quarrelled,quarrels,quarrelling | intr | | erg g=m
लड़ | fight,fought | intr | | anim
बहस कर | argue | intr | | erg g=f
गपशप कर | chat | intr | | erg g=f
शादी कर | get,got married | intr | | erg g=f tailnoun arg?=से:to
तारीफ़ कर | praise | intr | | erg g=f arg=की:
शिकायत कर | complain | intr | | erg g=f
चिंता कर | worry | intr | | erg g=f arg?=की:about
गले लगा | hug,hugged,hugs,hugging | intr | | erg g=m arg=को:
हाथ मिला | shake,shook hands | intr | | erg g=m tailnoun
ताली बजा | clap,clapped,claps,clapping | intr | | erg g=f
सीटी बजा | whistle | intr | | erg g=f
जश्न मना | celebrate | intr | | erg g=m
अभ्यास कर | practise | intr | | erg g=m
परीक्षा दे | take,took an exam | intr | | erg g=f tailnoun
पास कर | pass | tr | exam | erg
ध्यान दे | pay,paid attention | intr | | erg g=m tailnoun
सलाह दे | advise | intr | | erg g=f arg?=को:
कमा | earn | tr | money | erg
ख़र्च कर | spend,spent | tr | money | erg
बचा | save | tr | money person animal | erg
देखभाल कर | look after | intr | | erg g=f arg=की:
इलाज कर | treat | intr | | erg g=m arg=का:
खिला | feed,fed | tr | person keep | erg
नहला | bathe | tr | person keep | erg
जगा | wake,woke | tr | person | erg
पाल | keep,kept | tr | keep | erg
सहला | stroke | tr | keep | erg
हिला | wave | tr | wave | erg
उठा | raise | tr | raise | erg
जाँच | check | tr | body check | erg
साँस ले | breathe | intr | | erg g=f anim
खाँस | cough | intr | |
छींक | sneeze | intr | |
जम्हाई ले | yawn | intr | | erg g=f anim
दाढ़ी बना | shave | intr | | erg g=f
ठहर | stay | intr | | places=in place
हार | lose,lost | tr | win |
वापस कर | return | tr | give | erg
सपना देख | dream,dreamt | intr | | erg g=m
प्रार्थना कर | pray | intr | | erg g=f
वादा कर | promise | intr | | erg g=m
फ़ैसला कर | decide | intr | | erg g=m
"""


def parse_verbs(table: str) -> list[Verb]:
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


VERBS: list[Verb] = parse_verbs(_VERB_TABLE)


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
देर से | late | 0-0 1-0 | present past future
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


# दस बजे / at ten o'clock, for the hours of a school day
_CLOCK_TIMES = "\n".join(f"{hindi} बजे | at {english} o'clock | 0-1 1-0 1-2 | present past future"
                         for hindi, english in zip("एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह".split(),
                                                   "one two three four five six seven eight nine ten eleven twelve".split()))
# डेढ़ बजे / at half past one, ढाई बजे / at half past two, साढ़े सात बजे / at half past seven
_HALF_HOURS = "\n".join(
    ["डेढ़ बजे | at half past one | 0-1 0-2 0-3 1-0 | present past future",
     "ढाई बजे | at half past two | 0-1 0-2 0-3 1-0 | present past future"]
    + [f"साढ़े {hindi} बजे | at half past {english} | 0-1 0-2 1-3 2-0 | present past future"
       for hindi, english in zip("तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह".split(),
                                 "three four five six seven eight nine ten eleven twelve".split())])
TIME_ADVERBS: list[TimeAdverb] = _parse_times(_TIME_TABLE.strip() + "\n" + _CLOCK_TIMES + "\n" + _HALF_HOURS)

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
ABOUT = ((nfc("के"), nfc("बारे"), nfc("में")), ("about",))
