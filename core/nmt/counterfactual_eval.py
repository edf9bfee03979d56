"""Counterfactual attention over a whole test split: how much of each translation survives.

For each counterfactual (core.nmt.counterfactual) and the model's own attention ("none"):

    free running   greedy decoding from the model's own words, the row replaced at every step:
                   BLEU (sacrebleu, as core.nmt.evaluate) and exact match against the references, and
                   the share of the model's own words kept (difflib matching blocks), all, function
                   and content words (core.language.word_classes), overall and per length bucket
    step           the model fed its own translation, every row replaced at once: the share of
                   steps whose most probable word is still the model's own. Without input feeding
                   each step is then a single-step counterfactual, the others left as they were;
                   with it (ModelConfig.input_feeding) the replaced contexts also reach the later
                   steps' states, as when running free, but the words fed are the model's own
    forced         the reference fed: mean Δ log p per reference token (words and <eos>) against the
                   model's own attention; 0 means the change costs the reference nothing

Unknown words are not copied from the source (copying would follow the changed attention), so
"none" can differ a little from core.nmt.evaluate's BLEU, which copies.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import torch

from core.language.corpus import LENGTH_BUCKETS, SentencePair, bucket_label, length_bucket
from core.language.text import EOS_ID, SOS_ID, detokenize_english
from core.nmt.checkpoint import LoadedModel
from core.nmt.counterfactual import (DONOR_PREFIX, KINDS, Batch, CounterfactualError, cached_word_class, check_kinds,
                                     is_donor, make_edit, padded, survival_counts, survival_from_counts, unavailable)
from core.nmt.decode import default_max_length, writable
from core.nmt.model import ATTENTION_KINDS, EncodedSource, Seq2Seq
from core.nmt.metrics import corpus_bleu

ATTENTION_ROW_KINDS = ("uniform", *ATTENTION_KINDS)  # the model kinds with a row to replace (encdec has none)
FORCED_CELLS = 200_000  # B·T·S per teacher-forced call: the additive score's (B, T, S, A) stays ~100 MB


def measure(loaded: LoadedModel, pairs: list[SentencePair], kinds: list[str], seed: int = 0,
            donors: dict[str, LoadedModel] | None = None, batch_size: int = 250) -> dict:
    """The table's numbers for one model (see the module docstring). Raises CounterfactualError
    for a model without attention or a kind that cannot run on these pairs."""
    check_kinds(kinds)
    if not loaded.model.has_attention_weights:
        raise CounterfactualError(f"{loaded.name} ({loaded.kind}) has no attention row to replace: "
                                  "it hands the decoder one fixed vector")
    if loaded.metadata.get("training", {}).get("subwords", 0):
        raise CounterfactualError(f"{loaded.name} reads subword pieces; the word classes and gold rows are "
                                  "defined on whole words, so this measurement takes word models only")
    for kind in kinds:
        why = unavailable(kind, loaded, pairs[0] if pairs and kind != "gold" else _any_aligned(pairs), donors)
        if why:
            raise CounterfactualError(f"{kind}: {why}")
    start = time.perf_counter()
    limit = loaded.max_source_tokens - 1
    sources = [list(pair.source_tokens)[:limit] for pair in pairs]
    references = [loaded.target_vocab.encode(pair.target_tokens, add_eos=True) for pair in pairs]
    order = sorted(range(len(pairs)), key=lambda i: len(sources[i]))

    def edit(name: str, batch: Batch):
        """A fresh edit for one decode of `batch` (a donor carries its state through the decode)."""
        if name == "none":
            return None
        donor = (donors or {}).get(name[len(DONOR_PREFIX):]) if is_donor(name) else None
        return make_edit(name, batch, seed, donor, loaded, [sources[i] for i in batch.indices])

    names = ["none", *kinds]
    written = {name: [None] * len(pairs) for name in names}  # target ids without <eos>
    step_kept = {name: [None] * len(pairs) for name in names}  # per own word: argmax unchanged
    forced = {name: [None] * len(pairs) for name in names}  # per sentence: sum log p(reference), tokens
    for begin in range(0, len(order), batch_size):
        chunk = order[begin:begin + batch_size]
        batch = Batch([loaded.source_vocab.encode(sources[i], add_eos=True) for i in chunk], chunk,
                      [pairs[i].alignment for i in chunk], [len(pairs[i].target_tokens) for i in chunk])

        encoded = loaded.model.encode(padded(batch.source_ids), batch.lengths)  # once for every kind
        for name in names:
            for i, target in zip(chunk, _free_running(loaded.model, encoded, edit(name, batch))):
                written[name][i] = target
        own = [written["none"][i] + [EOS_ID] for i in chunk]
        own_pass = _forced_all(loaded, batch, own, edit, names)
        reference_pass = _forced_all(loaded, batch, [references[i] for i in chunk], edit, names)
        for name in names:
            for row, i in enumerate(chunk):
                step_kept[name][i] = [a == b for a, b in zip(own_pass[name][1][row], own_pass["none"][1][row])][:-1]
                forced[name][i] = reference_pass[name][0][row]
    seconds = time.perf_counter() - start
    words = {name: [loaded.target_vocab.decode(ids) for ids in written[name]] for name in names}
    texts = {name: [detokenize_english(w) for w in words[name]] for name in names}
    reference_texts = [pair.target_text for pair in pairs]
    buckets = {bucket_label(bucket): [] for bucket in LENGTH_BUCKETS}
    for i, pair in enumerate(pairs):
        buckets[length_bucket(len(pair.source_tokens))].append(i)
    rows = {}
    for name in names:
        kept = [survival_counts(own, changed) for own, changed in zip(words["none"], words[name])]
        steps = [_step_counts(own, flags) for own, flags in zip(words["none"], step_kept[name])]
        table = (texts[name], reference_texts, words["none"], words[name], kept, steps, forced[name], forced["none"])
        rows[name] = _row(range(len(pairs)), *table)
        rows[name]["buckets"] = {label: _row(members, *table) for label, members in buckets.items() if members}
    return {"model": loaded.name, "kind": loaded.kind, "sentences": len(pairs), "seed": seed,
            "seconds": round(seconds, 2), "counterfactuals": rows,
            "examples": [{"source": pairs[i].source_text, **{name: texts[name][i] for name in names}}
                         for i in range(min(5, len(pairs)))]}


def _any_aligned(pairs):
    return next((pair for pair in pairs if pair.alignment), None)


def _step_counts(own_words: list[str], kept: list[bool]) -> dict[str, list[int]]:
    """One sentence's step measure: {"function": [kept, steps], "content": [kept, steps]}."""
    counts = {"function": [0, 0], "content": [0, 0]}
    for word, flag in zip(own_words, kept):
        cls = cached_word_class(word)
        if cls in counts:
            counts[cls][0] += flag
            counts[cls][1] += 1
    return counts


def _row(members, texts, references, own_words, words, kept, steps, forced, forced_own) -> dict:
    """One line of the table over the sentences `members`; kept and steps hold each sentence's
    survival_counts and _step_counts."""
    members = list(members)
    bleu = corpus_bleu([texts[i] for i in members], [references[i] for i in members])
    step = {cls: [sum(steps[i][cls][0] for i in members), sum(steps[i][cls][1] for i in members)]
            for cls in ("function", "content")}
    tokens = sum(forced_own[i][1] for i in members)
    return {
        "sentences": len(members), "bleu": bleu.score, "bleu_signature": bleu.signature,
        "exact_match": sum(texts[i] == references[i] for i in members) / max(len(members), 1),
        "unchanged": survival_from_counts([kept[i] for i in members]),
        "translation_unchanged": sum(words[i] == own_words[i] for i in members) / max(len(members), 1),
        "step_kept": {cls: (k / n if n else None) for cls, (k, n) in step.items()},
        "delta_log_prob_per_token": (sum(forced[i][0] - forced_own[i][0] for i in members) / tokens) if tokens else None,
    }


@torch.inference_mode()
def _free_running(model, encoded: EncodedSource, edit) -> list[list[int]]:
    """greedy_decode_batch's words for one batch, `edit`'s rows at every step, with the sentences
    that have written <eos> dropped from the batch (their rows, state and edit with them): a batch
    sorted by length still holds sentences that finish at half the others' length, and under a
    counterfactual many never write <eos>. Each remaining sentence's numbers are its own, so the
    words are greedy_decode_batch's (tests/test_counterfactual.py compares the two)."""
    max_length = default_max_length(encoded.states.size(1))
    alive = list(range(encoded.states.size(0)))  # batch row -> sentence
    written = [[] for _ in alive]
    finished = torch.zeros(len(alive), dtype=torch.bool)  # per batch row: <eos> written
    hidden = model.start_state(encoded)  # (1, B, H)
    previous = torch.full((len(alive), 1), SOS_ID, dtype=torch.long)
    for t in range(max_length):
        override = None if edit is None else (lambda weights, edit=edit, previous=previous: edit(weights, t, previous))
        out = model.decode(previous, hidden, encoded, override_weights=override)
        token = writable(out.logits[:, 0]).argmax(dim=-1)  # (b,)
        for sentence, word, ended in zip(alive, token.tolist(), finished.tolist()):
            if not ended:
                written[sentence].append(word)
        finished |= token == EOS_ID
        if bool(finished.all()):
            break
        hidden = out.hidden
        # a finished row is carried (its words ignored) until an eighth of the batch has finished:
        # copying the encoder states out at every finish took an eighth of the decode (cProfile, additive)
        if int(finished.sum()) * 8 >= len(alive):
            keep = (~finished).nonzero()[:, 0]
            alive = [alive[row] for row in keep.tolist()]
            hidden, encoded, token = hidden[:, keep], encoded.select(keep), token[keep]
            edit = None if edit is None else edit.select(keep)
            finished = finished[keep]
        previous = token[:, None]
    return [ids[:-1] if ids and ids[-1] == EOS_ID else ids for ids in written]


@torch.inference_mode()
def _forced_all(loaded: LoadedModel, batch: Batch, targets: list[list[int]], edit, names: list[str]) -> dict:
    """Teacher-forced passes, one per name (edit(name, batch) builds its rows; "none": the model's
    own): {name: (per sentence (sum of log p of its target tokens, how many), the most probable
    word at each of its steps)}.

    Without input feeding the decoder states s_t and the model's own α_t depend only on the words
    fed, not on the rows used, so they are computed once per sub-batch; each name then costs only
    its context c_t = Σ_j α'_tj h_j and what follows it (model.decode's teacher-forced path, split
    at the context, with the same kernels, so the same numbers: tests/test_counterfactual.py)."""
    results = {name: ([None] * len(targets), [None] * len(targets)) for name in names}
    width = max(len(ids) for ids in batch.source_ids)
    depth = max(len(t) for t in targets)
    step = max(1, FORCED_CELLS // (width * depth))
    model = loaded.model
    for begin in range(0, len(targets), step):
        part = range(begin, min(begin + step, len(targets)))
        sub = Batch([batch.source_ids[r] for r in part], [batch.indices[r] for r in part],
                    [batch.alignments[r] for r in part] if batch.alignments else None,
                    [batch.reference_lengths[r] for r in part] if batch.reference_lengths else None)
        encoded = model.encode(padded(sub.source_ids), sub.lengths)
        target = padded([targets[r] for r in part])  # (b, T)
        previous = torch.cat([torch.full((len(part), 1), SOS_ID), target[:, :-1]], dim=1)  # (b, T)
        sharable = depth > 1 and isinstance(model, Seq2Seq) and not model.input_feeding
        shared = _states_and_rows(model, previous, encoded) if sharable else None
        lengths = [len(targets[r]) for r in part]
        real = torch.arange(target.size(1))[None, :] < torch.tensor(lengths)[:, None]  # (b, T) not padding
        for name in names:
            sub_edit = edit(name, sub)
            if getattr(model, "input_feeding", False):  # each step's row reaches the next state: step by step
                logits = _fed_steps(model, previous, encoded, sub_edit)[real]
            elif shared is None:  # one step (decode() takes its search path) or another architecture
                override = None if sub_edit is None else (lambda weights: sub_edit(weights, 0, previous))
                logits = model.decode(previous, model.start_state(encoded), encoded, override_weights=override).logits[real]
            else:
                states, own_context, own_rows = shared
                context = own_context if sub_edit is None else torch.bmm(sub_edit(own_rows, 0, previous), encoded.states)
                # the readout only at real steps: the projection to the vocabulary is most of the
                # pass, and its rows are computed one by one (the same numbers in any batch)
                readout = torch.cat([context, states], dim=-1)[real]  # (N, 2H)
                logits = model.output(torch.tanh(model.combine(readout)))  # (N, V)
            log_probs = torch.log_softmax(writable(logits), dim=-1)  # (N, V)
            chosen = log_probs.gather(-1, target[real][:, None])[:, 0]  # (N,)
            argmax = log_probs.argmax(dim=-1).tolist()
            begin_row = 0
            for r, n in zip(part, lengths):
                results[name][0][r] = (float(chosen[begin_row:begin_row + n].sum()), n)
                results[name][1][r] = argmax[begin_row:begin_row + n]
                begin_row += n
    return results


def _fed_steps(model, previous: torch.Tensor, encoded: EncodedSource, edit) -> torch.Tensor:
    """Teacher-forced logits (b, T, V) of an input-feeding model, one step at a time as free running
    decodes, so that step t's edit knows its step (permute and gold draw a row per step)."""
    hidden, logits = model.start_state(encoded), []
    for t in range(previous.size(1)):
        fed = previous[:, t:t + 1]  # (b, 1)
        override = None if edit is None else (lambda weights, t=t, fed=fed: edit(weights, t, fed))
        out = model.decode(fed, hidden, encoded, override_weights=override)
        hidden = out.hidden
        logits.append(out.logits)
    return torch.cat(logits, dim=1)


def _states_and_rows(model, previous: torch.Tensor, encoded: EncodedSource):
    """model.decode's teacher-forced path up to the context (eval mode: dropout is the identity):
    the decoder states s_t (b, T, H), the model's own context (b, T, H) and its own α (b, T, S)."""
    states, _ = model.decoder_rnn(model.target_embedding(previous), model.start_state(encoded))
    context, rows, _ = model.context(states, encoded.keys, encoded.states, encoded.final, encoded.mask)
    return states, context, rows


# ------------------------------------------------------------------ the command line

def load_donors(kinds: list[str]) -> dict[str, LoadedModel]:
    """The models named by from:MODEL kinds, loaded once each."""
    from core.nmt.checkpoint import load_checkpoint, resolve_model_path
    names = dict.fromkeys(kind[len(DONOR_PREFIX):] for kind in kinds if is_donor(kind))
    return {name: load_checkpoint(resolve_model_path(name), name=Path(name).name) for name in names}


def measure_named(model: str, kinds: list[str], seed: int = 0, corpus: Path | None = None) -> dict:
    """measure() for a model named as on the command line, on its own test split (or every pair of
    `corpus`); no kind named: every kind, gold left out where no pair has links. {"result": ...,
    "seconds", "cpu_seconds": of the measurement, "load_average_1min": at its end}, or {"error": why}
    for a model, kind or file that cannot be measured."""
    from core.language.user_corpus import CorpusFileError, load_corpus_file
    from core.nmt.checkpoint import CheckpointError, load_checkpoint, resolve_model_path
    from core.nmt.held_out import held_out_split_for
    everything = not kinds
    kinds = list(kinds) or list(KINDS)
    try:
        check_kinds(kinds)
        loaded = load_checkpoint(resolve_model_path(model), name=Path(model).name)
        pairs = load_corpus_file(corpus).pairs if corpus else held_out_split_for(loaded)
        if everything and not any(pair.alignment for pair in pairs):
            kinds.remove("gold")
        donors = load_donors(kinds)
        wall, cpu = time.perf_counter(), time.process_time()
        result = measure(loaded, pairs, kinds, seed=seed, donors=donors)
    except (CheckpointError, CorpusFileError, CounterfactualError) as error:
        return {"model": model, "error": str(error)}
    return {"model": model, "result": result, "seconds": round(time.perf_counter() - wall, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2), "load_average_1min": round(os.getloadavg()[0], 2)}


def _measure_on_one_thread(model: str, kinds: list[str], seed: int, corpus: Path | None) -> dict:
    """measure_named with torch on one thread (the caller's setting restored after)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return measure_named(model, kinds, seed, corpus)
    finally:
        torch.set_num_threads(threads)


def measure_models(models: list[str], kinds: list[str], seed: int = 0, corpus: Path | None = None,
                   jobs: int = 2) -> list[dict]:
    """measure_named for each model, `jobs` at a time, each in its own process on one thread; in
    the order given.

    Why processes: one model's table is a chain of small matrix products (batches of at most 250
    sentences, hidden size 256) that two threads do not speed up, and on a busy machine the second
    thread spins waiting for a core (docs/counterfactual.md, "Threads"); two processes of one
    thread each keep both cores on arithmetic. Spawned, not forked: a forked child inherits the
    parent's torch state, its OpenMP thread pool included, which is not safe to reuse after a fork."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if jobs <= 1 or len(models) == 1:
        return [_measure_on_one_thread(model, kinds, seed, corpus) for model in models]
    with ProcessPoolExecutor(max_workers=min(jobs, len(models)),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_measure_on_one_thread, model, kinds, seed, corpus) for model in models]
        return [future.result() for future in futures]


def format_table(result: dict) -> str:
    """The measurement as text: one line per counterfactual, then survival per length bucket."""
    lines = [f"{result['model']} ({result['kind']}), {result['sentences']} sentences, seed {result['seed']}, "
             f"{result['seconds']:.1f} s",
             f"{'attention':>12} {'BLEU':>6} {'exact':>6} {'kept':>6} {'func':>6} {'cont':>6}   "
             f"{'step func':>9} {'step cont':>9} {'Δlog p':>7}"]
    for name, row in result["counterfactuals"].items():
        kept, step = row["unchanged"], row["step_kept"]
        lines.append(f"{name:>12} {row['bleu']:6.2f} {_pct(row['exact_match'])} {_pct(kept['all'])} "
                     f"{_pct(kept['function'])} {_pct(kept['content'])}   {_pct(step['function']):>9} "
                     f"{_pct(step['content']):>9} {row['delta_log_prob_per_token']:7.3f}")
    buckets = list(next(iter(result["counterfactuals"].values()))["buckets"])
    lines += ["", "words kept (free running), per source length:",
              f"{'attention':>12} " + " ".join(f"{label:>7}" for label in buckets)]
    for name, row in result["counterfactuals"].items():
        lines.append(f"{name:>12} " + " ".join(f"{_pct(row['buckets'][label]['unchanged']['all']):>7}"
                                              for label in buckets))
    lines += ["", "kept: the model's own words still written when decoding runs free with the row replaced "
              "(func/cont: function/content words); step: the model fed its own words, its word at a step "
              "unchanged; Δlog p: per reference token, against its own attention.",
              f"BLEU: {next(iter(result['counterfactuals'].values()))['bleu_signature']}"]
    return "\n".join(lines)


def _pct(value) -> str:
    return f"{'—':>6}" if value is None else f"{100 * value:5.1f}%"


def command(models: list[str], kinds: list[str], as_json: bool, seed: int = 0, corpus: Path | None = None,
            jobs: int = 2) -> int:
    """`python -m core.evaluate --model M [M ...] --counterfactual [KIND ...]`: prints each model's
    table, or JSON (one object for one model, a list for several); 2 with a message for a model,
    kind or file that cannot be measured. Several models are measured `jobs` at a time."""
    import json
    import sys

    from core.nmt.checkpoint import CheckpointError, resolve_model_path
    try:
        check_kinds(list(kinds))
        for model in models:  # a name that is no model is refused before any model is measured
            resolve_model_path(model)
    except (CheckpointError, CounterfactualError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    measured = measure_models(list(models), list(kinds), seed, corpus, jobs)
    failed = [row for row in measured if "error" in row]
    for row in failed:
        print(f"error: {row['error']}" if len(models) == 1 else f"error: {row['model']}: {row['error']}",
              file=sys.stderr)
    if failed:
        return 2
    results = [row["result"] for row in measured]
    if as_json:
        print(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(format_table(result) for result in results))
    return 0
