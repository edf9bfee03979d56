"""Translation and alignment metrics. BLEU and chrF come from sacrebleu, never from our own code.

Every corpus score is returned with sacrebleu's signature, which says exactly how it was
computed (tokeniser, smoothing, case): a BLEU number without it cannot be compared.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import sacrebleu
import torch


@dataclass
class CorpusScore:
    score: float
    signature: str


def corpus_bleu(hypotheses: Sequence[str], references: Sequence[str]) -> CorpusScore:
    metric = sacrebleu.BLEU()
    result = metric.corpus_score(list(hypotheses), [list(references)])
    return CorpusScore(result.score, str(metric.get_signature()))


def corpus_chrf(hypotheses: Sequence[str], references: Sequence[str]) -> CorpusScore:
    metric = sacrebleu.CHRF()
    result = metric.corpus_score(list(hypotheses), [list(references)])
    return CorpusScore(result.score, str(metric.get_signature()))


_FINAL_MARKS = ".?!।"


def loose_exact_match(hypothesis: str, reference: str) -> bool:
    """The same sentence, ignoring case and the final punctuation mark: 'I am hungry' matches
    'I am hungry.' (the everyday set's measure; a typed sentence often has no final mark)."""
    def key(text: str) -> str:
        text = " ".join(text.split())
        return text[:-1].rstrip().lower() if text[-1:] in _FINAL_MARKS else text.lower()
    return key(hypothesis) == key(reference)


def sentence_bleu(hypothesis: str, reference: str) -> float:
    # effective_order: a short sentence lacking 4-grams is not scored 0 for that alone.
    return sacrebleu.BLEU(effective_order=True).sentence_score(hypothesis, [reference]).score


def sentence_chrf(hypothesis: str, reference: str) -> float:
    return sacrebleu.CHRF().sentence_score(hypothesis, [reference]).score


def attention_alignment(attention: torch.Tensor, source_length: int) -> set[tuple[int, int]]:
    """Hard alignment from soft attention: each target word links to its highest-weight
    source word (Luong et al. 2015, §4.4). attention is (T, S); positions ≥ source_length
    (the <eos> we append to every source) are not words and are never chosen."""
    if attention.numel() == 0 or source_length == 0:
        return set()
    best = attention[:, :source_length].argmax(dim=1)
    return {(int(source), target) for target, source in enumerate(best.tolist())}


def alignment_error_rate(predicted: Iterable[set[tuple[int, int]]],
                         sure: Iterable[set[tuple[int, int]]],
                         possible: Iterable[set[tuple[int, int]]] | None = None) -> float:
    """AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|)  (Och & Ney 2003), summed over the corpus.

    Links are (source_index, target_index). Our gold alignments come from the grammar and are
    all sure, so P = S unless given. Only target words that have a gold link are scored:
    a predicted link for a word the grammar leaves unaligned can be neither right nor wrong.
    """
    predicted, sure = list(predicted), list(sure)
    possible = list(possible) if possible is not None else sure
    matched_sure = matched_possible = predicted_total = sure_total = 0
    for links, gold_sure, gold_possible in zip(predicted, sure, possible):
        aligned_targets = {target for _, target in gold_possible}
        links = {link for link in links if link[1] in aligned_targets}
        matched_sure += len(links & gold_sure)
        matched_possible += len(links & (gold_possible | gold_sure))
        predicted_total += len(links)
        sure_total += len(gold_sure)
    if predicted_total + sure_total == 0:
        return 0.0
    return 1.0 - (matched_sure + matched_possible) / (predicted_total + sure_total)
