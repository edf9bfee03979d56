"""Words a model does not know: which they are, what the user may have meant, and how to copy them.

- has_devanagari_letter: whether text holds a Devanagari *letter* (not only a danda, a mark or a digit,
  which share the U+0900 block).
- suggestions: the nearest known source words by edit distance (Levenshtein over code points).
- copy_form: how a source word is written when the model copies it into the English
  (Luong et al. 2015, "Addressing the rare word problem"; OpenNMT's replace_unk): Devanagari is
  transliterated to plain Latin letters with Hindi schwa deletion (अर्जुन -> Arjun), a Latin word or
  a number is copied as it is, Devanagari digits become Latin digits.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from indic_transliteration import sanscript

MAX_SUGGESTIONS = 3
# Devanagari and Devanagari Extended; only characters of category L* in them count as letters.
_DEVANAGARI_BLOCKS = ((0x0900, 0x097F), (0xA8E0, 0xA8FF))


def is_devanagari_letter(character: str) -> bool:
    code = ord(character)
    return (any(low <= code <= high for low, high in _DEVANAGARI_BLOCKS)
            and unicodedata.category(character).startswith("L"))


def has_devanagari_letter(text: str) -> bool:
    """'मैं' -> True; '।', '॥', '\u093c', '\u0901', '५', 'hello', '😀' -> False."""
    return any(is_devanagari_letter(character) for character in text)


def is_punctuation(token: str) -> bool:
    """'।', '?', '॥' -> True: a mark between words, not a word (an emoji or a digit is a word here)."""
    return all(unicodedata.category(character).startswith("P") for character in token)


# ------------------------------------------------------------------ suggestions

def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance (insert, delete, substitute: 1 each). With `limit`, any distance above
    it is reported as limit + 1 (the row minimum only grows, so we stop early)."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))  # distances from a[:0] to every prefix of b
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1,  # delete char_a
                               current[j - 1] + 1,  # insert char_b
                               previous[j - 1] + (char_a != char_b)))  # substitute (or keep)
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def suggestion_limit(word: str) -> int:
    """The farthest a suggestion may be: half the word's length, at least one edit. Further than that
    a "did you mean" is another word, not a typo or an inflection of this one."""
    return max(1, len(word) // 2)


def suggestions(word: str, known_words: Sequence[str], count: int = MAX_SUGGESTIONS) -> list[str]:
    """Up to `count` words of `known_words` nearest to `word`, nearest first; equal distances keep
    the order of `known_words` (a vocabulary lists its most frequent words first). Only Devanagari
    words get suggestions, and only Devanagari words are suggested."""
    if not has_devanagari_letter(word):
        return []
    limit = suggestion_limit(word)
    scored = []
    for rank, known in enumerate(known_words):
        if known == word or not has_devanagari_letter(known):
            continue
        distance = edit_distance(word, known, limit)
        if distance <= limit:
            scored.append((distance, rank, known))
    return [known for _, _, known in sorted(scored)[:count]]


# ------------------------------------------------------------------ copying: Devanagari to Latin letters

_CONSONANTS = set(range(0x0915, 0x093A)) | set(range(0x0958, 0x0960)) | set(range(0x0978, 0x0980))
_INDEPENDENT_VOWELS = set(range(0x0904, 0x0915)) | {0x0960, 0x0961} | set(range(0x0972, 0x0978))
_VOWEL_SIGNS = set(range(0x093E, 0x094D)) | {0x094E, 0x094F, 0x0955, 0x0956, 0x0957, 0x0962, 0x0963}
_MODIFIERS = {0x0900, 0x0901, 0x0902, 0x0903}  # candrabindu, anusvara, visarga
NUKTA, VIRAMA = "\u093c", "\u094d"
# Sounds IAST has no letter for: English loan vowels (डॉक्टर, ऑफ़िस) read as the nearest Hindi vowel.
_LOAN_VOWELS = str.maketrans({"\u0911": "\u0913", "\u0949": "\u094b", "\u090d": "\u090f", "\u0945": "\u0947"})
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


class _Syllable:
    """One consonant (with nukta) and its vowel, or an independent vowel, or anything else."""

    def __init__(self, kind: str, text: str):
        self.kind = kind  # "consonant", "vowel" or "other"
        self.text = text
        self.vowel = "schwa" if kind == "consonant" else None  # "schwa", "sign" or "virama" for consonants
        self.modifiers = ""

    @property
    def sounds_a_vowel(self) -> bool:
        return self.kind == "vowel" or self.vowel in ("schwa", "sign")

    @property
    def schwa_can_go(self) -> bool:
        return self.kind == "consonant" and self.vowel == "schwa" and not self.modifiers

    def write(self) -> str:
        return self.text + self.modifiers


def _syllables(word: str) -> list[_Syllable]:
    syllables: list[_Syllable] = []
    for character in word:
        code, last = ord(character), syllables[-1] if syllables else None
        if code in _CONSONANTS:
            syllables.append(_Syllable("consonant", character))
        elif code in _INDEPENDENT_VOWELS:
            syllables.append(_Syllable("vowel", character))
        elif last is not None and last.kind == "consonant" and character == NUKTA and last.vowel == "schwa":
            last.text += character
        elif last is not None and last.kind == "consonant" and last.vowel == "schwa" and not last.modifiers \
                and (code in _VOWEL_SIGNS or character == VIRAMA):
            last.text += character
            last.vowel = "virama" if character == VIRAMA else "sign"
        elif last is not None and last.kind != "other" and code in _MODIFIERS:
            last.modifiers += character
        else:
            syllables.append(_Syllable("other", character))
    return syllables


def delete_schwas(word: str) -> str:
    """Hindi drops the inherent vowel a where Sanskrit spelling keeps it; mark each dropped one
    with a virama so a transliterator writes the consonant bare. The usual rules (Ohala 1983):
    - at the end of a word of two or more syllables, unless a consonant cluster precedes it
      (अर्जुन arjun, but कृष्ण krishna);
    - inside a word, between a vowel and a consonant with a vowel: V C(a) C V -> V C C V
      (कमला kamla, लड़का ladka), right to left, so no three consonants meet.
    """
    syllables = _syllables(word)
    dropped = set()
    last = len(syllables) - 1
    if last >= 1 and syllables[last].schwa_can_go and syllables[last - 1].vowel != "virama":
        dropped.add(last)
    for i in range(last - 1, 0, -1):
        before, here, after = syllables[i - 1], syllables[i], syllables[i + 1]
        if (here.schwa_can_go and before.sounds_a_vowel and after.kind == "consonant"
                and after.vowel in ("schwa", "sign") and i + 1 not in dropped):
            dropped.add(i)
    return "".join(syllable.text + (VIRAMA if i in dropped else "") + syllable.modifiers
                   for i, syllable in enumerate(syllables))


# IAST letters -> the plain Latin letters Hindi names are written with, in this order
# ("ch" first: IAST c is च, written ch; IAST ch is छ, written chh).
_PLAIN_LATIN = [("k͟h", "kh"), ("r̤", "d"), ("ġ", "gh"), ("ẏ", "y"), ("jñ", "gy"), ("ch", "\x00"), ("c", "ch"),
                ("\x00", "chh"), ("ś", "sh"), ("ṣ", "sh"), ("ṛ", "ri"), ("ṝ", "ri"), ("ḷ", "li"),
                ("ṅ", "n"), ("ñ", "n"), ("ṇ", "n"), ("ṭ", "t"), ("ḍ", "d"), ("ḥ", "h"), ("~", "n")]
_ANUSVARA_BEFORE_LIPS = re.compile("ṃ(?=[pbm])")  # मुंबई -> Mumbai, गंगा -> Ganga


def transliterate(word: str) -> str:
    """A Devanagari word in plain Latin letters as a Hindi speaker writes it: अर्जुन -> arjun,
    प्रिया -> priya, सुरेश -> suresh, दिल्ली -> dilli. Lower case; copy_form capitalises."""
    word = unicodedata.normalize("NFC", word).translate(_LOAN_VOWELS).translate(_DEVANAGARI_DIGITS)
    latin = sanscript.transliterate(delete_schwas(word), sanscript.DEVANAGARI, sanscript.IAST)
    for letter, plain in _PLAIN_LATIN:
        latin = latin.replace(letter, plain)
    latin = _ANUSVARA_BEFORE_LIPS.sub("m", latin).replace("ṃ", "n")
    # ā -> a, ī -> i, and any accent left: decompose, drop the combining marks
    latin = "".join(c for c in unicodedata.normalize("NFD", latin) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", latin)


def copy_form(word: str) -> str:
    """How a source word is written when the model copies it: a Devanagari word transliterated and
    capitalised (the words a model cannot translate are mostly names), Devanagari digits as Latin
    digits, anything else (a Latin word, "5", "2024") as it is."""
    if not has_devanagari_letter(word):
        return word.translate(_DEVANAGARI_DIGITS)
    latin = transliterate(word)
    return latin[:1].upper() + latin[1:]


# ------------------------------------------------------------------ inflections of known stems

# Hindi inflectional endings, longest first: verb futures (-ऊँगा, -ओगे, -एँगी), subjunctive and
# imperative (-ऊँ, -ओ, -इए, -एँ), participles (-ता/-ती/-ते, -ना/-ने/-नी, -आ/-ई/-ए and their plurals),
# noun plurals and obliques (-ें, -ों, -ियाँ, -ियों, -एँ, -ओं). Two forms share a stem when each is the
# stem plus one of these: चलोगे = चल + ोगे and चलोगी = चल + ोगी.
_ENDINGS = sorted({
    "ूँगा", "ूँगी", "ूंगा", "ूंगी", "ेंगे", "ेंगी", "ोगे", "ोगी", "ेगा", "ेगी", "ऊँगा", "ऊँगी", "एँगे", "एँगी", "एंगे",
    "ओगे", "ओगी", "एगा", "एगी", "ियाँ", "ियों", "ाएँ", "ाओं", "ूँ", "ें", "ों", "ता", "ती", "ते", "तीं", "ना", "ने",
    "नी", "िए", "िये", "ीजिए", "इए", "ऊँ", "एँ", "ओं", "ओ", "ए", "ई", "ईं", "ा", "ी", "े", "ो", "ीं", "ि"},
    key=len, reverse=True)
_ENDING_SET = frozenset(_ENDINGS)
MIN_STEM_LETTERS = 2  # consonants or vowels (not signs): with one (री-ता, री-ना) a name looks like another name


def _letters(text: str) -> int:
    return sum(unicodedata.category(character) == "Lo" for character in text)


def stem(word: str) -> str:
    """The word without its longest inflectional ending, if a stem of MIN_STEM_LETTERS letters is left:
    चलोगे -> चल, मिलूँगी -> मिल, किताबें -> किताब, अर्जुन -> अर्जुन (no ending)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and _letters(word[:-len(ending)]) >= MIN_STEM_LETTERS:
            return word[:-len(ending)]
    return word


def is_form_of(word: str, known: str) -> bool:
    """Both are the same stem with an ending (or the bare stem): चलोगे ~ चलोगी, चलोगे ~ चल."""
    base = stem(word)
    return (known != word and base != word and has_devanagari_letter(known)
            and (known == base or (known.startswith(base) and known[len(base):] in _ENDING_SET)))


# Hindi written with य for the vowel after a vowel (खाइये, गये, नयी, आयें) is the same word as the
# standard spelling with ए / ई (खाइए, गए, नई, आएँ); the grammar writes the standard one.
_Y_SPELLINGS = (("यें", "एँ"), ("यीं", "ईं"), ("ये", "ए"), ("यी", "ई"))


def standard_spelling(word: str) -> str:
    """`word` with every य-spelling of a vowel after the first letter written the standard way:
    खाइये -> खाइए, चलिये -> चलिए, गयी -> गई; a word without one is returned as it is."""
    head, tail = word[:1], word[1:]
    for variant, standard in _Y_SPELLINGS:
        tail = tail.replace(variant, standard)
    return head + tail


def resembled_form(word: str, known_words: Sequence[str]) -> str | None:
    """The known word `word` looks like a form of: its standard spelling where that is known
    (खाइये -> खाइए), else the same stem, nearest by edit distance, then the more frequent
    (known_words in frequency order). None for a word with no ending (a name: अर्जुन, a number:
    250) or whose stem no known word has."""
    standard = standard_spelling(word)
    if standard != word and standard in known_words:
        return standard
    word = standard   # खाइयेगा is read as खाइएगा, a form of खाइए
    if not has_devanagari_letter(word) or stem(word) == word:
        return None
    forms = [(edit_distance(word, known), rank, known) for rank, known in enumerate(known_words)
             if is_form_of(word, known)]
    return min(forms)[2] if forms else None
