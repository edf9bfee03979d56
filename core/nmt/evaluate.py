"""Evaluation on the test split: BLEU/chrF overall and per source-length bucket, exact match,
and the alignment error rate of the attention models against the grammar's gold alignments.

    python -m core.evaluate --model additive            # prints a summary
    python -m core.evaluate --model additive --save     # ... and writes eval.json into the checkpoint folder
    python -m core.evaluate --model checkpoints/dot --json
    python -m core.evaluate --table                     # the shipped results as the README table
    python -m core.evaluate --model additive --corpus tests/fixtures/everyday_hi_en.tsv   # any model, any file
    python -m core.evaluate --model additive --counterfactual uniform gold   # attention replaced (docs/counterfactual.md)
    python -m core.evaluate --model uniform additive dot general --counterfactual   # two at a time, one thread each

The per-bucket BLEU is the measurement behind Bahdanau et al. (2015), Fig. 2: a plain
encoder-decoder's BLEU falls as sentences get longer, an attention model's does not.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Mapping

import torch

from core.files import atomic_write_json, read_json
from core.nmt.checkpoint import (EPOCHS_COUNTED_FROM, SHIPPED_DIR, CheckpointError, LoadedModel, epoch_from_one,
                                 load_checkpoint, resolve_model_path)
from core.language.corpus import LENGTH_BUCKETS, SentencePair, bucket_label, length_bucket
from core.nmt.decode import greedy_decode_batch
from core.nmt.translate import COPYING_KINDS
from core.nmt.numbers import place_numbers
from core.nmt.unknown_words import copy_form, resembled_form
from core.nmt.model import ATTENTION_KINDS, LOADABLE_KINDS, TRANSFORMER_KIND
from core.nmt.head_alignment import head_alignment_error_rates
from core.nmt.metrics import (alignment_error_rate, attention_alignment, corpus_bleu, corpus_chrf, loose_exact_match,
                              sentence_bleu)
from core.language.subwords import (Segmentation, SubwordError, join_pieces, merge_attention, read_segmentation,
                                    word_index)
from core.language.text import EOS, SPECIAL_TOKENS, UNK, UNK_ID, detokenize_english
from core.language.user_corpus import CorpusFileError, load_corpus_file
from core.nmt.batches import collate
from core.nmt.held_out import held_out_description, held_out_split_for
from core.nmt.unknown_words import is_punctuation




def segmentation_of(loaded: LoadedModel) -> Segmentation:
    """How the model reads and writes (subword pieces or whole words); CheckpointError when its
    subword file is damaged."""
    try:
        return read_segmentation(loaded.directory)
    except SubwordError as error:
        raise CheckpointError(f"{loaded.name}: {error}.") from None


def translate_pairs(loaded: LoadedModel, pairs: list[SentencePair], batch_size: int = 250,
                    copy_unknown: bool = True, segmentation: Segmentation | None = None,
                    attended: list | None = None, keep_numbers: bool = True) -> list[list[str]]:
    """Greedy translations (English words), batched by source length so batches carry little padding.

    copy_unknown: as the app and `core.translate` do by default, each <unk> an attention model
    writes becomes the source word it attended to most, in Latin letters (core.nmt.unknown_words).
    With `attended` (a list), each translation's attention is appended to it as (weights (T, S),
    source words and <eos>, English words written), pieces merged into words; None for encdec.
    keep_numbers: each number of the Hindi written exactly, as core.translate does (core.nmt.numbers);
    an unseen form of a known stem is read as that known form, as core.translate does.
    """
    segmentation = segmentation or segmentation_of(loaded)
    limit = loaded.max_source_tokens - 1
    copying = copy_unknown and loaded.kind in COPYING_KINDS
    sources = [segmentation.source_pieces(pair.source_tokens)[:limit] for pair in pairs]
    order = sorted(range(len(pairs)), key=lambda i: len(sources[i]))
    hypotheses: list[list[str]] = [[] for _ in pairs]
    attentions: list = [None] * len(pairs)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        ids, weights = greedy_decode_batch(loaded.model, [_source_ids(loaded, sources[i], segmentation) for i in chunk],
                                           keep_attention=copying or attended is not None or keep_numbers)
        for i, target_ids, attention in zip(chunk, ids, weights):
            pieces = loaded.target_vocab.decode(target_ids)
            opened = [t for t, piece in enumerate(pieces) if piece == UNK]
            if copying and attention is not None and UNK in pieces:
                pieces = _with_copies(pieces, attention, sources[i], segmentation, loaded)
            if keep_numbers and not segmentation.uses_pieces:
                pointing = attention[:len(pieces), :len(sources[i])] if copying and attention is not None else None
                pieces = place_numbers(sources[i], pieces, pointing, opened).words  # "" where a number was removed
            hypotheses[i] = segmentation.target_words([piece for piece in pieces if piece])
            if attention is not None:
                attentions[i] = merge_attention(attention.tolist(), sources[i] + [EOS], pieces)
    if attended is not None:
        attended += attentions
    return hypotheses


def _source_ids(loaded: LoadedModel, source: list[str], segmentation: Segmentation) -> list[int]:
    """The ids the model reads, each unseen form of a known stem read as that known word."""
    ids = loaded.source_vocab.encode(source, add_eos=True)
    if segmentation.uses_pieces:
        return ids
    for position, token in enumerate(source):
        if ids[position] == UNK_ID and (known := _resembled(loaded, token)) is not None:
            ids[position] = loaded.source_vocab.index[known]
    return ids


def _resembled(loaded: LoadedModel, word: str) -> str | None:
    return resembled_form(word, loaded.source_vocab.tokens[len(SPECIAL_TOKENS):])


def _with_copies(written: list[str], attention: torch.Tensor, source: list[str],
                 segmentation: Segmentation, loaded: LoadedModel) -> list[str]:
    """Each <unk> written replaced by the source word attended to most at that step (the whole
    word, when the model reads pieces), in Latin letters; a form of a known stem is not a name and
    stays <unk>."""
    if segmentation.uses_pieces:
        words, word_of = join_pieces(source), word_index(source)
    else:
        words, word_of = source, list(range(len(source)))
    copied = []
    for t, token in enumerate(written):
        word = words[word_of[int(attention[t, :len(source)].argmax())]] if token == UNK else None
        copied.append(token if word is None or (not segmentation.uses_pieces and _resembled(loaded, word))
                      else copy_form(word))
    return copied


def _merged_pieces(weights: torch.Tensor, source_pieces: list[str], target_pieces: list[str]) -> torch.Tensor:
    """(..., T, S) weights over pieces as weights over the words they make (every leading axis kept)."""
    if weights.dim() == 2:
        return torch.tensor(merge_attention(weights.tolist(), source_pieces, target_pieces)[0])
    return torch.stack([_merged_pieces(part, source_pieces, target_pieces) for part in weights])


@torch.inference_mode()
def teacher_forced_attention(loaded: LoadedModel, pairs: list[SentencePair], batch_size: int = 250,
                             segmentation: Segmentation | None = None,
                             weights_of: Callable = lambda out: out.weights) -> list:
    """(..., T, S) weights for each pair with its reference fed to the decoder: rows = reference
    words, columns = source words and the appended <eos> (a model that reads pieces has them
    merged). weights_of picks them from the model's output: the (B, T, S) row the decoder used,
    or, for the transformer, every layer's and head's cross-attention (B, L, h, T, S)."""
    segmentation = segmentation or segmentation_of(loaded)
    limit = loaded.max_source_tokens - 1
    sources = [segmentation.source_pieces(pair.source_tokens)[:limit] for pair in pairs]
    targets = [segmentation.target_pieces(pair.target_tokens) for pair in pairs]
    out: list = [None] * len(pairs)
    order = sorted(range(len(pairs)), key=lambda i: len(sources[i]))
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        examples = [(loaded.source_vocab.encode(sources[i], add_eos=True),
                     loaded.target_vocab.encode(targets[i], add_eos=True)) for i in chunk]
        source, lengths, previous, _ = collate(examples, torch.device("cpu"))
        weights = weights_of(loaded.model(source, lengths, previous))  # (B, ..., T, S)
        for row, i in enumerate(chunk):
            pair_weights = weights[row][..., :len(targets[i]), :len(examples[row][0])].clone()
            if segmentation.uses_pieces:
                pair_weights = _merged_pieces(pair_weights, sources[i] + [EOS], targets[i])
            out[i] = pair_weights
    return out


def attention_on_marks(attended) -> dict:
    """How often attention looks at no word: the share of English words (punctuation and <eos>
    aside) whose highest weight falls on a punctuation mark or the <eos> appended to the source
    (an earlier trainer put 60% there on a real corpus; attention that aligns stays far below 20%).

    attended: per sentence (weights (T, S), source words ending with <eos>, English words), or
    None for a sentence without weights; row t is the attention while writing English word t."""
    words = on_marks = 0
    for item in attended:
        if item is None or item[0] is None:
            continue
        weights, sources, targets = item
        rows = weights.tolist() if isinstance(weights, torch.Tensor) else weights
        for row, target in zip(rows, targets):
            if is_punctuation(target) or target == EOS or not row:
                continue
            best = max(range(len(row)), key=row.__getitem__)
            words += 1
            on_marks += best >= len(sources) or sources[best] == EOS or is_punctuation(sources[best])
    return {"share": on_marks / words if words else None, "words": words, "on_marks": on_marks}


def evaluate(loaded: LoadedModel, pairs: list[SentencePair], test_set: str | None = None) -> dict:
    """Scores on `pairs` against their English as written; test_set says which sentences they are
    (default: the model's own test split)."""
    segmentation = segmentation_of(loaded)
    scores_attention = loaded.kind in ATTENTION_KINDS or loaded.kind == TRANSFORMER_KIND  # a learned score
    attended: list | None = [] if scores_attention else None
    start = time.perf_counter()
    hypothesis_tokens = translate_pairs(loaded, pairs, segmentation=segmentation, attended=attended)
    seconds = time.perf_counter() - start
    hypotheses = [detokenize_english(tokens) for tokens in hypothesis_tokens]
    references = [pair.target_text for pair in pairs]
    bleu, chrf = corpus_bleu(hypotheses, references), corpus_chrf(hypotheses, references)
    epochs = loaded.history().get("epochs") or []
    buckets = {}
    for bucket in LENGTH_BUCKETS:
        label = bucket_label(bucket)
        members = [i for i, pair in enumerate(pairs) if length_bucket(len(pair.source_tokens)) == label]
        if not members:
            continue
        buckets[label] = {
            "sentences": len(members),
            "bleu": corpus_bleu([hypotheses[i] for i in members], [references[i] for i in members]).score,
            "chrf": corpus_chrf([hypotheses[i] for i in members], [references[i] for i in members]).score,
            "exact_match": sum(hypotheses[i] == references[i] for i in members) / len(members),
        }
    result = {
        "model": loaded.name, "kind": loaded.kind, "test_sentences": len(pairs),
        "test_set": test_set or held_out_description(loaded),
        "bleu": bleu.score, "bleu_signature": bleu.signature,
        "chrf": chrf.score, "chrf_signature": chrf.signature,
        "exact_match": sum(h == r for h, r in zip(hypotheses, references)) / max(len(pairs), 1),
        "exact_match_loose": sum(map(loose_exact_match, hypotheses, references)) / max(len(pairs), 1),
        "buckets": buckets,
        "aer": None,
        "decode": "greedy", "copy_unknown": loaded.kind in COPYING_KINDS, "seconds": round(seconds, 3),
        "sentences_per_second": round(len(pairs) / seconds, 1),
        "parameters": loaded.model.parameter_count(),
        "training_seconds": loaded.metadata.get("training_seconds"),  # up to the best epoch, whose weights these are
        "best_epoch": loaded.best_epoch, EPOCHS_COUNTED_FROM: 1,
        "epochs_run": len(epochs),
        "total_training_seconds": epochs[-1].get("training_seconds") if epochs else None,
    }
    # AER is measured on the reference translation fed to the decoder (teacher forcing), so
    # every target word has a row of weights to compare with its gold link, whatever the
    # model itself would have written; so is the share of words whose highest weight is on a mark.
    # Both need a learned score: uniform's weights are all equal, so its "highest-weight
    # word" would be an arbitrary tie-break, and encdec has no weights at all. The transformer's
    # "aer" is its last layer's head average (what its heatmaps show); "aer_heads" has every head.
    result["attention_on_marks"] = result["attention_on_marks_greedy"] = None
    if loaded.kind == TRANSFORMER_KIND and pairs and any(pair.alignment for pair in pairs):
        every_head = teacher_forced_attention(loaded, pairs, segmentation=segmentation,
                                              weights_of=lambda out: torch.stack(out.cross_weights, dim=1))
        result["aer_heads"] = head_alignment_error_rates(every_head, pairs)
    if scores_attention and pairs:
        attentions = teacher_forced_attention(loaded, pairs, segmentation=segmentation)
        result["attention_on_marks"] = attention_on_marks(
            (weights, [*pair.source_tokens, EOS], pair.target_tokens) for weights, pair in zip(attentions, pairs))["share"]
        result["attention_on_marks_greedy"] = attention_on_marks(attended)["share"]
        if any(pair.alignment for pair in pairs):
            predicted = [attention_alignment(attention, len(pair.source_tokens))
                         for attention, pair in zip(attentions, pairs)]
            result["aer"] = alignment_error_rate(predicted, [set(pair.alignment) for pair in pairs])
    result["sentences"] = [
        {"source": pair.source_text, "reference": reference, "translation": hypothesis,
         "length": len(pair.source_tokens), "bucket": length_bucket(len(pair.source_tokens)),
         "sentence_bleu": round(sentence_bleu(hypothesis, reference), 2), "exact": hypothesis == reference,
         "exact_loose": loose_exact_match(hypothesis, reference)}
        for pair, hypothesis, reference in zip(pairs, hypotheses, references)]
    return result


def format_report(result: dict) -> str:
    lines = [f"{result['model']} ({result['kind']}), {result['test_sentences']} test sentences, "
             f"{result['seconds']:.1f} s ({result['sentences_per_second']:.0f} sentences/s)",
             f"BLEU {result['bleu']:.2f}   chrF {result['chrf']:.2f}   exact match {100 * result['exact_match']:.1f}%"
             f" ({100 * result['exact_match_loose']:.1f}% ignoring case and the final mark)"
             + (f"   AER {result['aer']:.3f}" if result.get("aer") is not None else "")
             + (f"   best head L{best['layer']} H{best['head']} AER {best['aer']:.3f}"
                if (best := (result.get("aer_heads") or {}).get("best")) else ""),
             *([f"highest attention on a punctuation mark or <eos> for {100 * result['attention_on_marks']:.1f}% of "
                f"the reference's English words (fed to the decoder), "
                f"{100 * (result.get('attention_on_marks_greedy') or 0):.1f}% of its own translations' words"]
               if result.get("attention_on_marks") is not None else []),
             "", f"{'source length':>14} {'sentences':>10} {'BLEU':>7} {'chrF':>7} {'exact':>7}"]
    for label, row in result["buckets"].items():
        lines.append(f"{label:>14} {row['sentences']:>10} {row['bleu']:>7.2f} {row['chrf']:>7.2f} "
                     f"{100 * row['exact_match']:>6.1f}%")
    lines += ["", f"BLEU: {result['bleu_signature']}", f"chrF: {result['chrf_signature']}"]
    return "\n".join(lines)


def results_markdown(evaluations: Mapping[str, dict]) -> str:
    """The README's results table: BLEU per source-length bucket for every model, then the
    corpus-level scores and what each model cost, as a Markdown table (eval.json in, text out)."""
    buckets = [label for label in map(bucket_label, LENGTH_BUCKETS)
               if any(label in (e.get("buckets") or {}) for e in evaluations.values())]
    header = ["model", *(f"BLEU {label}" for label in buckets), "BLEU", "chrF", "exact %", "AER",
              "parameters", "epochs (best)", "training min"]
    rows = []
    for model, evaluation in evaluations.items():
        scores = evaluation.get("buckets") or {}
        aer, best = evaluation.get("aer"), evaluation.get("best_epoch")
        total = evaluation.get("total_training_seconds")
        rows.append([f"`{model}`", *(f"{scores[label]['bleu']:.1f}" if label in scores else "–" for label in buckets),
                     f"{evaluation['bleu']:.1f}", f"{evaluation['chrf']:.1f}",
                     f"{100 * evaluation['exact_match']:.1f}", "–" if aer is None else f"{aer:.3f}",
                     f"{evaluation['parameters']:,}",
                     f"{evaluation.get('epochs_run', '?')} "
                     f"({'?' if best is None else epoch_from_one(best, evaluation)})",
                     "?" if total is None else f"{total / 60:.1f}"])
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def print_results_table() -> int:
    evaluations = {kind: read_json(SHIPPED_DIR / kind / "eval.json") for kind in LOADABLE_KINDS}
    missing = [kind for kind, evaluation in evaluations.items() if evaluation is None]
    if missing:
        print(f"error: no eval.json for {', '.join(missing)}; run python -m core.evaluate --model NAME --save first",
              file=sys.stderr)
        return 2
    signature = evaluations["additive"].get("bleu_signature", "")
    print(results_markdown(evaluations))
    print(f"\nBLEU and chrF by sacrebleu ({signature}); greedy decoding; AER against the grammar's gold alignments.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.evaluate", description="Evaluate a model on the test split.")
    parser.add_argument("--model", nargs="+", help="a shipped model name or a checkpoint folder "
                        "(several with --counterfactual)")
    parser.add_argument("--table", action="store_true",
                        help="print the shipped models' saved results (eval.json) as the README's Markdown table")
    parser.add_argument("--json", action="store_true", help="print the results as JSON (without per-sentence rows)")
    parser.add_argument("--corpus", type=Path, metavar="FILE",
                        help="evaluate on every pair of this file (Tatoeba/Anki export or two-column TSV) instead of "
                             "the model's own test split; nothing is saved")
    parser.add_argument("--save", action="store_true",
                        help="write the results as eval.json into the checkpoint folder (what the pages and "
                             "--table read); without it nothing is written")
    parser.add_argument("--counterfactual", nargs="*", metavar="KIND",
                        help="decode with the attention row replaced at every step and measure what survives: "
                             "uniform, permute, keep-max, remove-max, gold, from:MODEL (default: all but from:); "
                             "see core.nmt.counterfactual")
    parser.add_argument("--seed", type=int, default=0, help="seed of the permute counterfactual (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="with --counterfactual and several models: models "
                        "measured at once, each in its own process on one thread (default 2)")
    args = parser.parse_args(argv)
    if args.counterfactual is not None:
        if not args.model:
            parser.error("--counterfactual needs --model")
        if args.jobs < 1:
            parser.error("--jobs must be at least 1")
        from core.nmt.counterfactual_eval import command
        return command(args.model, args.counterfactual, args.json, args.seed, args.corpus, args.jobs)
    if args.table:
        return print_results_table()
    if not args.model:
        parser.error("--model is required (or --table)")
    if len(args.model) > 1:
        parser.error("one --model at a time (several only with --counterfactual)")
    args.model = args.model[0]
    if args.save and args.corpus:
        parser.error("--save writes the model's own test-split results; it does not go with --corpus")
    try:
        path = resolve_model_path(args.model)
        loaded = load_checkpoint(path, name=Path(args.model).name)
        pairs = load_corpus_file(args.corpus).pairs if args.corpus else held_out_split_for(loaded)
        result = evaluate(loaded, pairs, f"every pair of {args.corpus.name}" if args.corpus else None)
    except (CheckpointError, CorpusFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.save:
        atomic_write_json(path / "eval.json", result)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "sentences"}, ensure_ascii=False, indent=1))
    else:
        print(format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
