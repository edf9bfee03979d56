"""Scores per category of a categorised sentence file: the probe set's report, model by model.

    python -m tools.probe_report                                  # every shipped model on the probe set
    python -m tools.probe_report --models additive dot --failures 5
    python -m tools.probe_report --corpus tests/fixtures/everyday_hi_en.tsv --models additive

The file is a Hindi<TAB>English<TAB>category file (tests/fixtures/probe_classroom_hi_en.tsv,
tests/fixtures/everyday_hi_en.tsv). The project's loader reads its pairs, as `core.evaluate --corpus`
does, and ignores the third column; this report reads the category of each pair back from it.
Scores are those of core.nmt.evaluate.evaluate (greedy decoding, unknown words copied): exact match
as written, exact match ignoring case and the final mark (loose, the everyday set's measure), and
sacrebleu's corpus BLEU and chrF over each category's sentences.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from core.language.text import tokenize_english, tokenize_hindi
from core.language.user_corpus import CorpusFileError, load_corpus_file
from core.nmt.checkpoint import CheckpointError, load_checkpoint, resolve_model_path
from core.nmt.evaluate import evaluate
from core.nmt.metrics import corpus_bleu, corpus_chrf, loose_exact_match
from core.nmt.model import LOADABLE_KINDS

ROOT = Path(__file__).resolve().parent.parent
PROBE_SET = ROOT / "tests" / "fixtures" / "probe_classroom_hi_en.tsv"
UNCATEGORISED = "uncategorised"


def pair_key(hindi: str, english: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens the loader makes of a line's two sides: how a loaded pair finds its line."""
    return tuple(tokenize_hindi(hindi.strip())), tuple(tokenize_english(english.strip()))


def categories_by_pair(path: Path) -> dict[tuple, str]:
    """(Hindi tokens, English tokens) -> the category in the line's third column. Lines without a
    third column, and the header, are left out."""
    found = {}
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[2].strip() and cells[2].strip() != "category":
            found[pair_key(cells[0], cells[1])] = cells[2].strip()
    return found


def category_scores(rows: list[tuple[str, str, str]]) -> dict[str, dict]:
    """rows: (category, translation, reference). Per category, in first-seen order, and "all":
    sentences, exact (as written), exact_loose (ignoring case and the final mark), BLEU, chrF."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for category, hypothesis, reference in rows:
        groups[category].append((hypothesis, reference))
    groups["all"] = [(h, r) for _, h, r in rows]
    scores = {}
    for category, members in groups.items():
        hypotheses, references = [h for h, _ in members], [r for _, r in members]
        scores[category] = {
            "sentences": len(members),
            "exact": sum(h == r for h, r in members) / len(members),
            "exact_loose": sum(loose_exact_match(h, r) for h, r in members) / len(members),
            "bleu": corpus_bleu(hypotheses, references).score,
            "chrf": corpus_chrf(hypotheses, references).score,
        }
    return scores


def evaluate_by_category(model: str, path: Path) -> tuple[dict, list[dict]]:
    """(scores per category, the sentences with their category) of one model on a file."""
    loaded = load_checkpoint(resolve_model_path(model), name=Path(model).name)
    pairs = load_corpus_file(path).pairs
    categories = categories_by_pair(path)
    result = evaluate(loaded, pairs, f"every pair of {Path(path).name}")
    sentences = [dict(row, category=categories.get((pair.source_tokens, pair.target_tokens), UNCATEGORISED))
                 for pair, row in zip(pairs, result["sentences"])]
    scores = category_scores([(row["category"], row["translation"], row["reference"]) for row in sentences])
    return scores, sentences


def markdown_tables(scores: dict[str, dict[str, dict]]) -> str:
    """scores: model -> category -> scores. An overall table (one row per model) and a table of
    loose exact match per category (one column per model)."""
    models = list(scores)
    lines = ["| model | sentences | exact | exact (case, final mark ignored) | BLEU | chrF |",
             "|---|---:|---:|---:|---:|---:|"]
    for model in models:
        s = scores[model]["all"]
        lines.append(f"| {model} | {s['sentences']} | {100 * s['exact']:.1f}% | {100 * s['exact_loose']:.1f}% "
                     f"| {s['bleu']:.2f} | {s['chrf']:.2f} |")
    categories = [c for c in scores[models[0]] if c != "all"]
    lines += ["", "| category | sentences | " + " | ".join(models) + " |",
              "|---|---:|" + "---:|" * len(models)]
    for category in categories:
        cells = " | ".join(f"{100 * scores[m][category]['exact_loose']:.0f}% / {scores[m][category]['bleu']:.0f}"
                           for m in models)
        lines.append(f"| {category} | {scores[models[0]][category]['sentences']} | {cells} |")
    return "\n".join(lines)


def failures_text(model: str, sentences: list[dict], per_category: int) -> str:
    """Up to per_category sentences per category that are not a loose exact match, worst sentence
    BLEU first: Hindi, the model's translation, the reference."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in sentences:
        if not row["exact_loose"]:
            by_category[row["category"]].append(row)
    lines = [f"{model}: failures, worst first"]
    for category, rows in by_category.items():
        lines.append(f"  [{category}] {len(rows)} wrong")
        for row in sorted(rows, key=lambda r: r["sentence_bleu"])[:per_category]:
            lines.append(f"    {row['source']}  ->  {row['translation']}   (reference: {row['reference']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.probe_report", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=PROBE_SET, metavar="FILE",
                        help="a Hindi<TAB>English<TAB>category file (default: the probe set)")
    parser.add_argument("--models", nargs="+", default=list(LOADABLE_KINDS), metavar="MODEL",
                        help="shipped model names or checkpoint folders (default: every shipped model)")
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="also list up to N wrong sentences per category and model")
    args = parser.parse_args(argv)
    scores, listings = {}, []
    try:
        for model in args.models:
            scores[model], sentences = evaluate_by_category(model, args.corpus)
            if args.failures > 0:
                listings.append(failures_text(model, sentences, args.failures))
    except (CheckpointError, CorpusFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{args.corpus.name}: loose exact match / BLEU per category\n")
    print(markdown_tables(scores))
    for listing in listings:
        print("\n" + listing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
