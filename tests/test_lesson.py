"""app.lesson: the numbers the Step-by-step and Compare pages show."""
import math
import random
from types import SimpleNamespace

import pytest
import torch

from app import lesson
from core.language.corpus import SentencePair
from core.nmt.decode import DecodeResult, DecodeStep


def fake_translation(weights, scores):
    """A Translation-shaped object with two steps over a three-word source (no model needed)."""
    steps = [DecodeStep(token_id=4 + i, log_probability=math.log(0.5 + 0.1 * i), top_ids=[4 + i, 9],
                        top_probabilities=[0.5 + 0.1 * i, 0.1], weights=torch.tensor(w), scores=torch.tensor(s),
                        context=torch.tensor([0.1 * i, -0.2]))
             for i, (w, s) in enumerate(zip(weights, scores))]
    return SimpleNamespace(decoded=DecodeResult([4, 5], steps), source_tokens=["मैं", "खा", "<eos>"],
                           output_tokens=["I", "eat"], token_probabilities=[0.5, 0.6],
                           alternatives=[[("I", 0.5), ("we", 0.1)], [("eat", 0.6), ("ate", 0.1)]])


def test_step_detail_reads_one_step_of_a_translation():
    scores = [[2.0, 0.5, -1.0], [0.0, 3.0, 0.1]]
    weights = [torch.softmax(torch.tensor(s), 0).tolist() for s in scores]
    detail = lesson.step_detail(fake_translation(weights, scores), 1)
    assert detail.written == "eat" and detail.probability == 0.6
    assert detail.focus == 1
    assert detail.scores == pytest.approx(scores[1])
    assert detail.context == pytest.approx([0.1, -0.2])
    frame = detail.source_frame()
    assert list(frame["word"]) == ["मैं", "खा", "<eos>"]
    assert frame["weight α"].sum() == pytest.approx(1.0)


def test_softmax_worked_matches_torch_and_survives_huge_scores():
    scores = [2.0, 0.5, -1.0]
    worked = lesson.softmax_worked(scores, 0)
    assert worked.weight == pytest.approx(torch.softmax(torch.tensor(scores), 0)[0].item())
    assert worked.shift == 0
    huge = lesson.softmax_worked([900.0, 899.0, 10.0], 1)  # exp(900) overflows a float
    assert huge.shift == 900.0
    assert huge.weight == pytest.approx(torch.softmax(torch.tensor([900.0, 899.0, 10.0]), 0)[1].item())
    assert "900.00" in lesson.softmax_latex(huge, "खा", 0)


def test_latex_lines_carry_the_step_and_position_and_escape_tokens():
    assert lesson.score_latex("dot", 2, 0, 1.23456) == r"e_{3,1} = s_{3}^\top h_{1} = 1.235"
    assert r"\tanh(W s_{1} + U h_{2})" in lesson.score_latex("additive", 0, 1, 0.5)
    assert lesson.score_latex("uniform", 0, 0, 0.0) == "e_{1,1} = 0"
    line = lesson.softmax_latex(lesson.softmax_worked([1.0, 1.0], 1), "<eos>", 4)
    assert line.startswith(r"\alpha_{5,2}") and r"\langle\text{eos}\rangle" in line and line.endswith("0.500")
    assert lesson.latex_text("a_b%") == r"a\_b\%"


def pair(source: str, target: str) -> SentencePair:
    return SentencePair(tuple(source.split()), tuple(target.split()))


def test_reference_lookup_uses_tokens_so_spacing_and_danda_do_not_matter():
    index = lesson.reference_index([pair("मैं खाना खा रहा हूँ ।", "I am eating ."), pair("वह जाता है", "he goes")])
    assert lesson.find_reference(index, "  मैं  खाना खा रहा हूँ।") == "I am eating."
    assert lesson.find_reference(index, "वह आता है") is None
    assert lesson.find_reference(index, "") is None


def test_pick_by_length_takes_a_sentence_of_the_nearest_length():
    pairs = [pair("a b", "x"), pair("a b c d e", "x"), pair("a b c d e f g h i", "x")]
    assert len(lesson.pick_by_length(pairs, 6, random.Random(0)).source_tokens) == 5
    assert len(lesson.pick_by_length(pairs, 40, random.Random(0)).source_tokens) == 9
    assert lesson.pick_by_length([], 5, random.Random(0)) is None


def settings(signature: str) -> dict[str, str]:
    """A sacrebleu signature ('nrefs:1|case:mixed|eff:yes|...') as its fields."""
    return dict(field.split(":", 1) for field in signature.split("|"))


# short sentences (where effective order decides), case, punctuation and a wrong word
SCORED = [("I eat", "I eat"), ("i am eating .", "I am eating."), ("He is eating rice", "She is eating rice"),
          ("They went home", "They go to school")]


def test_the_signatures_beside_a_sentence_score_reproduce_that_score():
    """The Compare page shows each sentence score with a signature: whoever rebuilds the metric
    from the signature's settings gets the page's number (core.nmt.metrics' scores)."""
    import sacrebleu

    from core.nmt.metrics import sentence_bleu, sentence_chrf
    bleu, chrf = map(settings, lesson.sentence_signatures())
    assert bleu["nrefs"] == chrf["nrefs"] == "1", "one reference: the test split's"
    read_bleu = sacrebleu.BLEU(tokenize=bleu["tok"], smooth_method=bleu["smooth"], lowercase=bleu["case"] == "lc",
                               effective_order=bleu["eff"] == "yes")
    read_chrf = sacrebleu.CHRF(char_order=int(chrf["nc"]), word_order=int(chrf["nw"]),
                               whitespace=chrf["space"] == "yes", lowercase=chrf["case"] == "lc")
    for hypothesis, reference in SCORED:
        assert sentence_bleu(hypothesis, reference) == read_bleu.sentence_score(hypothesis, [reference]).score
        assert sentence_chrf(hypothesis, reference) == read_chrf.sentence_score(hypothesis, [reference]).score
    assert sentence_bleu("I eat", "I eat") == pytest.approx(100), "a two-word match is not 0 for lacking 4-grams"
