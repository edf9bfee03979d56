"""AER per transformer layer and head (core/nmt/head_alignment.py), on constructed attention."""
import torch

from core.language.corpus import SentencePair
from core.nmt.head_alignment import head_alignment_error_rates


def pair(words: int) -> SentencePair:
    """A pair of `words` Hindi and English words, word j linked to word j."""
    return SentencePair(tuple(f"h{j}" for j in range(words)), tuple(f"e{j}" for j in range(words)),
                        tuple((j, j) for j in range(words)))


def maps_for(words: int) -> torch.Tensor:
    """(2 layers, 2 heads, T, S + 1): layer 2 head 2 looks at the gold word, layer 2 head 1 at the
    word after it (wrapping), layer 1 head 1 spreads evenly, layer 1 head 2 looks at the last word."""
    T, S = words, words + 1  # the appended <eos> is a column, never a word
    maps = torch.zeros(2, 2, T, S)
    maps[0, 0] = 1.0 / S
    maps[0, 1, :, words - 1] = 1.0
    for t in range(T):
        maps[1, 1, t, t] = 0.6
        maps[1, 1, t, words] = 0.4  # more on <eos> than on any other word: <eos> is not chosen
        maps[1, 0, t, (t + 1) % words] = 1.0
    return maps


def test_each_head_is_scored_alone_the_average_of_heads_too_and_the_best_head_is_named():
    pairs = [pair(4), pair(3)]
    rates = head_alignment_error_rates([maps_for(4), maps_for(3)], pairs)
    assert rates["sentences"] == 2
    assert rates["heads"][1][1] == 0.0  # every link right
    assert rates["heads"][1][0] == 1.0  # every link wrong
    assert rates["heads"][0][1] == 1.0 - 2 * 2 / (7 + 7)  # one right link per sentence of 7 words
    assert rates["best"] == {"layer": 2, "head": 2, "aer": 0.0}
    # layer 2's average: 0.5 on the wrong word against 0.3 on the right one, so every link wrong
    assert rates["layer_average"][1] == 1.0
    assert len(rates["heads"]) == len(rates["layer_average"]) == 2


def test_pairs_without_gold_links_are_not_scored():
    unaligned = SentencePair(("a",), ("b",), ())
    assert head_alignment_error_rates([maps_for(1)], [unaligned]) == {
        "heads": [], "layer_average": [], "best": None, "sentences": 0}
