"""Does a model's attention point at a word it does not know? What copying an unknown word
(core.nmt.translate.COPYING_KINDS) relies on, measured.

For test-split sentences of the generated corpus, one Hindi word that the gold alignment links
to exactly one English word (and that English word to it alone) is replaced by a made-up word.
Of the translations that then write exactly one <unk>, the share whose <unk> step weighs the
replaced word most is the share a copy would get right. For a transformer the same share is
given for every layer's every head as well (its "attention" is the last layer's heads averaged).

    python -m tools.copy_check --model additive --sentences 200 --longest 11
"""
from __future__ import annotations

import argparse

import torch

from core.language.text import UNK
from core.nmt.held_out import generated_test_split
from core.nmt.transformer import Transformer, attention_maps
from core.nmt.translate import Translator

MADE_UP_WORD = "झुमझुमलू"  # no model's vocabulary has it


def replaced_position(alignment) -> int | None:
    """A source position linked to exactly one target word that no other source word links to."""
    links: dict[int, list[int]] = {}
    for source, target in alignment:
        links.setdefault(source, []).append(target)
    targets = [target for _, target in alignment]
    single = [s for s, ts in links.items() if len(ts) == 1 and targets.count(ts[0]) == 1]
    return single[len(single) // 2] if single else None


def copy_check(translator: Translator, pairs) -> dict:
    """{"tried", "one_unk", "hits"} and, for a transformer, "head_hits" (L, h)."""
    tried = one_unk = hits = 0
    head_hits = None
    for pair in pairs:
        position = replaced_position(pair.alignment or [])
        if position is None:
            continue
        tokens = list(pair.source_tokens)
        tokens[position] = MADE_UP_WORD
        text = " ".join(tokens)
        tried += 1
        translation = translator.translate(text, copy_unknown=False)
        rows = [t for t, word in enumerate(translation.target_tokens) if word == UNK]
        if len(rows) != 1:
            continue
        one_unk += 1
        words = len(translation.source_tokens)  # without the appended <eos>
        hits += int(translation.attention[rows[0], :words].argmax()) == position
        if isinstance(translator.model, Transformer):
            maps = attention_maps(translator.model, translator.prepare(text).ids, translation.decoded.token_ids)
            hit = (maps.cross[:, :, rows[0], :words].argmax(dim=-1) == position).int()  # (L, h)
            head_hits = hit if head_hits is None else head_hits + hit
    return {"tried": tried, "one_unk": one_unk, "hits": hits,
            "head_hits": None if head_hits is None else head_hits.tolist()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="additive", help="a shipped model's name or a checkpoint folder")
    parser.add_argument("--sentences", type=int, default=200, help="test-split sentences tried")
    parser.add_argument("--longest", type=int, default=60, help="source words at most (11: the classroom subset)")
    parser.add_argument("--seed", type=int, default=0, help="the generated corpus's seed")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    translator = Translator.from_name(args.model)
    pairs = [p for p in generated_test_split(args.seed) if len(p.source_tokens) <= args.longest and p.alignment]
    result = copy_check(translator, pairs[:args.sentences])
    share = result["hits"] / max(result["one_unk"], 1)
    print(f"{args.model}: {result['tried']} sentences with a made-up word, {result['one_unk']} wrote one {UNK}; "
          f"its step weighed the made-up word most in {result['hits']} ({share:.2f})")
    for layer, row in enumerate(result["head_hits"] or [], start=1):
        print(f"  layer {layer}: " + "  ".join(f"head {h} {n / max(result['one_unk'], 1):.2f}"
                                               for h, n in enumerate(row, start=1)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
