"""A translation's words that are not in the reference, marked for the class to see.

A word counts as in the reference as often as the reference has it (BLEU's clipped unigram
matches): "the the the" against "the cat" matches one "the" and marks two. Case-insensitive
(a sentence's first word is capitalised in one and not the other), punctuation never marked.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from core.language.text import detokenize_english, tokenize_english
from core.safe_text import as_text

LEGEND = ("Words :red-background[~~struck through on red~~] are not in the reference: the model wrote "
          "them where the reference has other words (or none).")


def _is_word(token: str) -> bool:
    return any(character.isalnum() for character in token)


def not_in_reference(words: Sequence[str], reference: str) -> list[bool]:
    """For each of `words` (a translation's tokens), whether it is missing from `reference`:
    True for a word the reference lacks, or has fewer times than the translation already used."""
    left = Counter(token.lower() for token in tokenize_english(reference))
    missing = []
    for word in words:
        key = word.lower()
        if not _is_word(word):
            missing.append(False)
        elif left[key] > 0:
            left[key] -= 1
            missing.append(False)
        else:
            missing.append(True)
    return missing


def marked_against_reference(words: Sequence[str], reference: str) -> str:
    """The translation as Streamlit markdown, each word not in the reference red and struck
    through (the legend is LEGEND); every word escaped, so typed text stays text."""
    text = ""
    words = [word for word in words if word]   # "" is a step merged into the number before it
    for word, missing in zip(words, not_in_reference(words, reference)):
        # spaced as detokenize_english spaces the plain words: "eating ." -> "eating."
        if text and detokenize_english(["a", word]) != "a" + word:
            text += " "
        text += f":red-background[~~{as_text(word)}~~]" if missing else as_text(word)
    return text
