"""Function words and content words of English, for counting which words an experiment changes.

Moradi et al. (2019) report counterfactual attention separately for function words (the closed
classes: articles, pronouns, auxiliaries, prepositions, conjunctions) and content words (nouns,
verbs, adjectives, adverbs), because a decoder can often write the former from its own state.

How a word is classed (lower-cased):
- "mark": punctuation (every character a Unicode punctuation mark, as core.nmt.unknown_words
  decides); counted in neither class.
- "function": the closed classes the lexicon and grammar write (core.language.lexicon: the
  pronouns with their object and possessive forms, the prepositions of LOCATIONS, COMPANION,
  BENEFICIARY and SOURCE, the conjunctions, the negation, the quantity words a/some/many) plus
  FIXED_FUNCTION_WORDS, the grammar's articles, auxiliaries and question words and the common
  closed-class words of any English text. A lexical verb that doubles as an auxiliary (have, do,
  be) is a function word wherever it stands: the class is a word's, not a position's.
- "content": every other word. For the generated corpus these are the lexicon's open classes
  (NOUNS, NAMES, ADJECTIVES, VERBS and their forms, numerals, TIME_ADVERBS); a word of a corpus
  file that is in no list above is content too, so a real corpus is classed by the same fixed
  function-word list.
"""
from __future__ import annotations

import functools
import unicodedata

from core.language import lexicon

FIXED_FUNCTION_WORDS = frozenset("""
a an the this that these those some any many much each every all both no
i me my mine you your yours he him his she her hers it its we us our ours they them their theirs
myself yourself himself herself itself ourselves themselves
am is are was were be been being have has had having do does did doing
will would shall should can could may might must
not n't 's 'm 're 've 'll 'd
to of in on at by for with from into onto about over under near behind outside inside up down out off
than as if because but and or so while when where who whom whose which what why how
there here
""".split())


@functools.lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """FIXED_FUNCTION_WORDS and the lexicon's closed-class English tokens, lower-cased."""
    words = set(FIXED_FUNCTION_WORDS)
    for pronoun in lexicon.PRONOUNS:
        words.update(pronoun.english_subject + pronoun.english_object + pronoun.english_possessive)
    for _, english, _ in lexicon.LOCATIONS:
        words.update(english)
    for _, english in (lexicon.COMPANION, lexicon.BENEFICIARY, lexicon.SOURCE):
        words.update(english)
    words.update(english for _, english in lexicon.CONJUNCTIONS)
    words.add(lexicon.NEGATION[1])
    words.update(q.english for q in lexicon.QUANTITIES if not q.english.isalpha() or q.english in ("a", "some", "many"))
    return frozenset(word.lower() for word in words)


def word_class(word: str) -> str:
    """'mark', 'function' or 'content' (see the module docstring for the rule)."""
    if word and all(unicodedata.category(character).startswith("P") for character in word):
        return "mark"
    return "function" if word.lower() in function_words() else "content"
