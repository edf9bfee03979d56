"""Which lexicon forms a generated training split lacks (core.language.paradigms).

    python -m tools.paradigms                     # the shipped recipe: 40,000 pairs, seed 0
    python -m tools.paradigms --pairs 5000 --seed 3
    python -m tools.paradigms --sampled           # before the completion pass: what sampling alone leaves out
"""
from __future__ import annotations

import argparse
import sys
from unittest import mock

from core.language import corpus
from core.language.lexicon import ADJECTIVES, NOUNS, VERBS
from core.language.paradigms import missing_forms, paradigm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.paradigms", description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sampled", action="store_true", help="leave out the completion pass")
    args = parser.parse_args(argv)
    if args.sampled:
        with mock.patch.object(corpus, "complete_paradigms", lambda train, held_out, seed: train):
            train = corpus.generate_corpus(n_train=args.pairs, seed=args.seed).train
    else:
        train = corpus.generate_corpus(n_train=args.pairs, seed=args.seed).train
    forms = paradigm()
    trained_on = [pair for pair in train if len(pair.source_tokens) < corpus.MAX_SOURCE_TOKENS]
    missing = missing_forms(trained_on)
    print(f"{len(forms)} forms ({len({f.token for f in forms})} distinct words) of {len(VERBS)} verbs, "
          f"{len(NOUNS)} nouns, {len(ADJECTIVES)} adjectives; missing from {args.pairs} training pairs "
          f"(seed {args.seed}{', sampled only' if args.sampled else ''}): {len(missing)} forms, "
          f"{len({f.token for f in missing})} words")
    for form in missing:
        print("  ", form)
    return 0


if __name__ == "__main__":
    sys.exit(main())
