"""The numbers the lesson pages show, computed from a Translation (no streamlit here).

- step_detail: everything about one decoding step t (scores e_tj, weights α_tj, c_t, the top
  next words) and the softmax of the most-attended source word worked out in numbers;
- reference lookup and length-based picking over a test split (the Compare page's reference
  and its "random test sentence").
"""
from __future__ import annotations

import functools
import math
import random
from dataclasses import dataclass
from typing import Sequence

import pandas as pd
import sacrebleu

from core.language.corpus import SentencePair
from core.language.text import tokenize_hindi

# Score functions in LaTeX, one per model kind (docs/DESIGN.md, "The five models"); uniform has no score at all.
SCORE_FORMULAS = {
    "additive": r"e_{t,j} = v^\top \tanh(W s_t + U h_j)",
    "dot": r"e_{t,j} = s_t^\top h_j",
    "general": r"e_{t,j} = s_t^\top W h_j",
    "uniform": r"e_{t,j} = 0 \quad\Rightarrow\quad \alpha_{t,j} = \tfrac{1}{S}",
}
SOFTMAX_FORMULA = r"\alpha_{t,j} = \frac{\exp(e_{t,j})}{\sum_{k=1}^{S} \exp(e_{t,k})}"
CONTEXT_FORMULA = r"c_t = \sum_{j=1}^{S} \alpha_{t,j}\, h_j"


@dataclass
class StepDetail:
    step: int  # 0-based target position t
    written: str  # the English word chosen at this step (or <eos>)
    probability: float  # its probability
    source_tokens: list[str]
    scores: list[float] | None  # e_tj, None for encdec
    weights: list[float] | None  # α_tj, None for encdec
    context: list[float]  # c_t
    top_words: list[tuple[str, float]]  # the k most probable next words

    @property
    def focus(self) -> int | None:
        """Index j of the source word with the largest weight at this step."""
        if not self.weights:
            return None
        return max(range(len(self.weights)), key=self.weights.__getitem__)

    def source_frame(self) -> pd.DataFrame:
        """One row per source word: position, word, score e_tj, weight α_tj."""
        return pd.DataFrame({
            "position": list(range(1, len(self.source_tokens) + 1)),
            "word": self.source_tokens,
            "score e": self.scores if self.scores is not None else [None] * len(self.source_tokens),
            "weight α": self.weights if self.weights is not None else [None] * len(self.source_tokens),
        })


def step_detail(translation, step: int) -> StepDetail:
    """The detail of decoding step `step` (0-based) of a core.nmt.translate.Translation."""
    decoded_step = translation.decoded.steps[step]
    return StepDetail(
        step=step, written=translation.output_tokens[step] if step < len(translation.output_tokens) else "",
        probability=translation.token_probabilities[step],
        source_tokens=list(translation.source_tokens),
        scores=None if decoded_step.scores is None else [float(x) for x in decoded_step.scores],
        weights=None if decoded_step.weights is None else [float(x) for x in decoded_step.weights],
        context=[float(x) for x in decoded_step.context],
        top_words=list(translation.alternatives[step]))


@dataclass
class SoftmaxWorked:
    """α_tj* = exp(e_tj* - m) / Σ_k exp(e_tk - m), written out for one source word j*.

    shift m is 0 when the scores are small enough to exponentiate as they are, else the
    largest score (subtracting it changes no weight, and keeps exp() from overflowing).
    """

    index: int
    score: float
    shift: float
    numerator: float
    denominator: float

    @property
    def weight(self) -> float:
        return self.numerator / self.denominator


def softmax_worked(scores: Sequence[float], index: int) -> SoftmaxWorked:
    largest = max(scores)
    shift = 0.0 if largest < 30 else largest
    exponentials = [math.exp(score - shift) for score in scores]
    return SoftmaxWorked(index, float(scores[index]), shift, exponentials[index], sum(exponentials))


_LATEX_SPECIAL = {c: "\\" + c for c in "{}_^%&#$~"}


def latex_text(text: str) -> str:
    """Text safe inside \\text{...}: LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text.replace("\\", "/"))


def softmax_latex(worked: SoftmaxWorked, token: str, step: int) -> str:
    """The softmax for one source word with this step's numbers, as a LaTeX line."""
    t, j = step + 1, worked.index + 1
    word = rf"\langle\text{{{latex_text(token[1:-1])}}}\rangle" if token.startswith("<") and token.endswith(">") \
        else rf"\text{{{latex_text(token)}}}"
    shift = rf" - {worked.shift:.2f}" if worked.shift else ""
    return (rf"\alpha_{{{t},{j}}}\ ({word}) = \frac{{e^{{{worked.score:.2f}{shift}}}}}"
            rf"{{\sum_k e^{{e_{{{t},k}}{shift}}}}} = \frac{{{worked.numerator:.4g}}}{{{worked.denominator:.4g}}}"
            rf" = {worked.weight:.3f}")


def score_latex(kind: str, step: int, index: int, score: float) -> str:
    """This step's score for source word j (1-based in the formula), e.g. e_{3,2} = s_3ᵀ h_2 = 4.631."""
    t, j = step + 1, index + 1
    if kind == "uniform":
        return rf"e_{{{t},{j}}} = 0"
    right = SCORE_FORMULAS[kind].split("=", 1)[1].strip()
    right = right.replace("s_t", f"s_{{{t}}}").replace("h_j", f"h_{{{j}}}")
    return rf"e_{{{t},{j}}} = {right} = {score:.3f}"


def source_key(tokens: Sequence[str]) -> str:
    return " ".join(tokens)


def reference_index(pairs: Sequence[SentencePair]) -> dict[str, str]:
    """Tokenised source -> reference English text, for looking up a typed sentence."""
    return {source_key(pair.source_tokens): pair.target_text for pair in pairs}


def find_reference(index: dict[str, str], text: str) -> str | None:
    return index.get(source_key(tokenize_hindi(text or "")))


def pick_by_length(pairs: Sequence[SentencePair], length: int, rng: random.Random) -> SentencePair | None:
    """A random pair among those whose source length (in words) is nearest to `length`."""
    if not pairs:
        return None
    distance = min(abs(len(pair.source_tokens) - length) for pair in pairs)
    nearest = [pair for pair in pairs if abs(len(pair.source_tokens) - length) == distance]
    return rng.choice(nearest)


@functools.cache
def sentence_signatures() -> tuple[str, str]:
    """sacrebleu's signatures of core.nmt.metrics.sentence_bleu / sentence_chrf (same settings),
    shown next to every sentence score: a score without its signature cannot be compared."""
    bleu, chrf = sacrebleu.BLEU(effective_order=True), sacrebleu.CHRF()
    bleu.sentence_score("a", ["a"])  # sacrebleu knows the number of references only after scoring
    chrf.sentence_score("a", ["a"])
    return str(bleu.get_signature()), str(chrf.get_signature())
