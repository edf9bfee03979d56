"""How much of a real corpus the generated language covers: the measure behind choosing what the
grammar learns next.

    python -m tools.coverage tatoeba-hin-eng.tsv
    python -m tools.coverage tests/fixtures/everyday_hi_en.tsv --pairs 300000

For each Hindi sentence of the file (a Tatoeba/Anki export or a two-column TSV), ignoring its final
mark: whether every word is one the generator writes (its vocabulary, spelling variants folded as
the models fold them), and whether the generator writes the very sentence within --pairs pairs,
and if so with the file's English. The words the file uses most that the generator never writes
are listed last: what to add next.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from core.language.corpus import generate_pairs
from core.language.text import Vocabulary
from core.language.user_corpus import CorpusFileError, load_corpus_file

_FINAL_MARKS = ("।", "?", "!", ".")


def _without_final_mark(tokens) -> tuple:
    return tuple(tokens[:-1]) if tokens and tokens[-1] in _FINAL_MARKS else tuple(tokens)


def coverage(path: Path, pairs: int = 200_000, seed: int = 0) -> dict:
    generated = generate_pairs(pairs, seed)
    vocabulary = Vocabulary.build(p.source_tokens for p in generated)
    translations: dict[tuple, set] = defaultdict(set)
    for pair in generated:
        translations[_without_final_mark(pair.source_tokens)].add(_without_final_mark(pair.target_tokens))
    corpus = load_corpus_file(path).pairs
    known = written = same_english = 0
    missing: Counter = Counter()
    for pair in corpus:
        source = _without_final_mark(pair.source_tokens)
        unknown = [token for token in source if token not in vocabulary]
        missing.update(unknown)
        known += not unknown
        if source in translations:
            written += 1
            english = tuple(t.lower() for t in _without_final_mark(pair.target_tokens))
            same_english += any(tuple(t.lower() for t in g) == english for g in translations[source])
    n = max(len(corpus), 1)
    return {"file": str(path), "sentences": len(corpus), "generated_pairs": pairs, "seed": seed,
            "every_word_known": known / n, "sentence_generated": written / n,
            "sentence_generated_with_its_english": same_english / n,
            "missing_words": missing.most_common(40)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a Tatoeba/Anki export or a two-column Hindi-English TSV")
    parser.add_argument("--pairs", type=int, default=200_000, help="generated pairs to compare with (default 200000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    try:
        report = coverage(args.file, args.pairs, args.seed)
    except CorpusFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{report['file']}: {report['sentences']} sentences, against {report['generated_pairs']:,} generated "
          f"pairs (seed {report['seed']})")
    print(f"  every word known to the generator:         {100 * report['every_word_known']:5.1f}%")
    print(f"  the sentence itself generated:              {100 * report['sentence_generated']:5.1f}%")
    print(f"  ... with the file's English (case ignored): {100 * report['sentence_generated_with_its_english']:5.1f}%")
    print("  most used words the generator never writes: "
          + ", ".join(f"{word} ({count})" for word, count in report["missing_words"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
