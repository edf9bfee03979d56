"""What the "Does attention matter?" page shows, computed without Streamlit: which words a
counterfactual changed, how a prediction scored, and the one sentence a class should take away."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.language.word_classes import word_class
from core.nmt.counterfactual import SentenceResult, describe, unchanged_flags

QUIZ_KIND = "uniform"  # the counterfactual a class predicts first: the baseline of Wiegreffe & Pinter (2019)
SHOWN_KINDS = ("uniform", "permute", "keep-max", "remove-max", "gold")


def word_options(words: Sequence[str]) -> list[str]:
    """'1 · The', '2 · boy', ...: one distinct option per word of the translation."""
    return [f"{i + 1} · {word}" for i, word in enumerate(words)]


def changed_positions(own: SentenceResult, other: SentenceResult) -> list[int]:
    """Positions of the model's own words that the counterfactual translation does not keep."""
    return [i for i, kept in enumerate(unchanged_flags(own.words, other.words)) if not kept]


@dataclass
class QuizScore:
    hits: int  # predicted to change, and changed
    missed: int  # changed, not predicted
    false_alarms: int  # predicted, kept
    changed: int

    def summary(self) -> str:
        if not self.changed and not self.false_alarms:
            return "No word changed, and you predicted that: right."
        return (f"You caught {self.hits} of the {self.changed} word{'s' if self.changed != 1 else ''} that changed"
                + (f"; {self.false_alarms} you picked stayed the same" if self.false_alarms else "") + ".")


def score_prediction(predicted: Sequence[int], changed: Sequence[int]) -> QuizScore:
    predicted, changed = set(predicted), set(changed)
    return QuizScore(len(predicted & changed), len(changed - predicted), len(predicted - changed), len(changed))


def survival_counts(own: SentenceResult, other: SentenceResult) -> dict:
    """Kept / total for all words and per class (punctuation aside)."""
    counts = {"all": [0, 0], "function": [0, 0], "content": [0, 0]}
    for word, kept in zip(own.words, unchanged_flags(own.words, other.words)):
        cls = word_class(word)
        if cls == "mark":
            continue
        for key in ("all", cls):
            counts[key][0] += kept
            counts[key][1] += 1
    return {key: tuple(value) for key, value in counts.items()}


def conclusion(model: str, results: dict[str, SentenceResult]) -> str:
    """One sentence for this sentence, from what happened under uniform attention (and keep-max)."""
    own, uniform = results["none"], results.get(QUIZ_KIND)
    if uniform is None:
        return ""
    kept, total = survival_counts(own, uniform)["all"]
    if not total:
        return "The translation has no words to compare."
    counts = survival_counts(own, uniform)
    detail = (f" (function words {counts['function'][0]} of {counts['function'][1]}, content words "
              f"{counts['content'][0]} of {counts['content'][1]})")
    share = kept / total
    if share == 1:
        verdict = (f"so for this sentence {model}'s heatmap explains nothing: the decoder writes the same "
                   "words without choosing where to look")
    elif share >= 0.7:
        verdict = (f"so {model}'s decoder writes most of this sentence without its attention; only the changed "
                   "words depend on where it looked")
    elif share >= 0.3:
        verdict = (f"so {model} needs its attention for much of this sentence, and the words that survive "
                   "come from the decoder's own state")
    else:
        verdict = (f"so {model}'s decoder depends on its attention for almost every word: it has no other road "
                   "to the source (its context does not feed back into its state)")
    keep = results.get("keep-max")
    if keep is not None and keep.words == own.words:
        verdict += "; and the single most-attended word is enough at every step (keep-max changes nothing)"
    return f"{kept} of {total} words survive uniform attention{detail}, {verdict}."


def kind_label(kind: str) -> str:
    return "own attention" if kind == "none" else f"{kind}: {describe(kind)}"
