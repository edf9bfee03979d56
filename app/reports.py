"""Tables for the dashboard pages: history.json, eval.json and corpora in, pandas DataFrames out.

Pure functions (no streamlit, no models) so the Training, Long sentences and Data pages stay
thin and what they show can be checked in a test.
"""
from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

import pandas as pd

from core.language.corpus import LENGTH_BUCKETS, SentencePair, bucket_label
from core.nmt.checkpoint import epoch_from_one

BUCKET_ORDER = [bucket_label(b) for b in LENGTH_BUCKETS]


# ------------------------------------------------------------------ training history


def smooth(values: pd.Series, smoothing: float) -> pd.Series:
    """An exponential moving average (TensorBoard's slider): 0 = raw, 0.99 = very smooth."""
    if smoothing <= 0:
        return values.astype(float)
    return values.astype(float).ewm(alpha=1.0 - min(smoothing, 0.999)).mean()


def step_loss_frame(histories: Mapping[str, dict], smoothing: float = 0.0, max_points: int = 800) -> pd.DataFrame:
    """Rows (model, step, loss, smoothed): the raw training loss and its smoothed curve, the
    curve computed on every step, then thinned to at most max_points rows per model (tens of
    thousands of points only make a browser slow, and look the same)."""
    frames = []
    for model, history in histories.items():
        steps = [row for row in history.get("steps") or [] if isinstance(row, (list, tuple)) and len(row) == 2]
        if not steps:
            continue
        frame = pd.DataFrame(steps, columns=["step", "loss"])
        frame["smoothed"] = smooth(frame["loss"], smoothing)
        stride = -(-len(frame) // max_points)
        frame = frame.iloc[list(range(0, len(frame), stride)) + ([len(frame) - 1] if (len(frame) - 1) % stride else [])]
        frame.insert(0, "model", model)
        frames.append(frame.reset_index(drop=True))
    if not frames:
        return pd.DataFrame(columns=["model", "step", "loss", "smoothed"])
    return pd.concat(frames, ignore_index=True)


EPOCH_COLUMNS = ["train_loss", "validation_loss", "validation_bleu", "seconds", "learning_rate"]


def epoch_frame(histories: Mapping[str, dict]) -> pd.DataFrame:
    """One row per (model, epoch), epochs counted from 1 as people do."""
    rows = []
    for model, history in histories.items():
        for entry in history.get("epochs") or []:
            if isinstance(entry, dict) and "epoch" in entry:
                rows.append({"model": model, "epoch": epoch_from_one(entry["epoch"], history),
                             **{column: entry.get(column) for column in EPOCH_COLUMNS}})
    return pd.DataFrame(rows, columns=["model", "epoch", *EPOCH_COLUMNS])


def probe_label(entry: dict, history: dict) -> str:
    """'before training', 'epoch 1 · 1/8', 'epoch 3': the moment a probe entry was recorded
    (histories written before probes had labels have one entry per epoch)."""
    return entry.get("label") or f"epoch {epoch_from_one(entry['epoch'], history)}"


def probe_points(history: dict) -> list[str]:
    """The labels of the moments for which the history holds probe attention, in training order."""
    return [probe_label(entry, history) for entry in history.get("probe_attention") or []
            if isinstance(entry, dict) and "epoch" in entry]


def probe_point_from_url(raw: str) -> str:
    """?epoch=3 (links made when the slider held epoch numbers) is 'epoch 3'; a label is itself."""
    return f"epoch {int(raw)}" if raw.strip().isdigit() else raw


def probe_heading(point: str, history: dict) -> str:
    """'Before training', 'Epoch 1 · 1/8 of 12', 'Epoch 3 of 12'."""
    epochs = [epoch_from_one(e["epoch"], history) for e in history.get("epochs") or [] if "epoch" in e]
    total = max(epochs, default=0) or max((int(p.split()[1]) for p in probe_points(history) if p.startswith("epoch ")),
                                          default=0)
    return point[:1].upper() + point[1:] + (f" of {total}" if point.startswith("epoch") else "")


def probe_sentences(history: dict) -> list[list[str]]:
    """The probe sentences' source tokens (without <eos>), from the first recorded epoch."""
    entries = history.get("probe_attention") or []
    if not entries:
        return []
    return [[t for t in s.get("source", []) if t != "<eos>"] for s in entries[0].get("sentences", [])]


def _probe(history: dict, point: str, sentence: int) -> dict | None:
    """The record of probe `sentence` at `point` (a probe_points label), or None."""
    for entry in history.get("probe_attention") or []:
        if not isinstance(entry, dict) or "epoch" not in entry or probe_label(entry, history) != point:
            continue
        sentences = entry.get("sentences") or []
        return sentences[sentence] if 0 <= sentence < len(sentences) and isinstance(sentences[sentence], dict) else None
    return None


def probe_attention(history: dict, point: str, sentence: int, layer: int | None = None, head: int | None = None):
    """(weights, source_tokens, target_tokens) of probe `sentence` at `point` (a probe_points
    label), with one weight row per target token (an extra row is the model writing <eos>); or
    None when the history holds nothing for it; weights is [] when the model wrote nothing yet.
    layer and head (from 0; head None: the layer's heads averaged) pick one of a transformer's
    cross-attentions (probe_heads); without a layer, the weights every page draws."""
    probe = _probe(history, point, sentence)
    if probe is None:
        return None
    weights, target = probe.get("weights"), list(probe.get("target") or [])
    if weights is None:
        return None
    if layer is not None and weights:
        heads = (probe.get("heads") or [])[layer]   # (h, T, S)
        weights = ([[sum(column) / len(heads) for column in zip(*rows)] for rows in zip(*heads)] if head is None
                   else heads[head])
    weights = [list(row) for row in weights]
    if len(weights) > len(target):
        target += ["<eos>"] * (len(weights) - len(target))
    return weights, list(probe.get("source") or []), target[:len(weights)]


def probe_heads(history: dict) -> tuple[int, int] | None:
    """(layers, heads) of a transformer's probes, recorded for every layer and head; None for
    a model that recorded one attention (the GRU models, a transformer trained before)."""
    for entry in history.get("probe_attention") or []:
        for probe in (entry.get("sentences") or []) if isinstance(entry, dict) else []:
            heads = probe.get("heads") if isinstance(probe, dict) else None
            if heads:
                return len(heads), len(heads[0])
    return None


def progress_frame(steps: Sequence, smoothing: float = 0.6) -> pd.DataFrame:
    """A running job's StepReports as a loss curve (model column 'this run')."""
    frame = pd.DataFrame([(s.step, s.loss) for s in steps], columns=["step", "loss"])
    frame["smoothed"] = smooth(frame["loss"], smoothing) if len(frame) else frame["loss"]
    frame.insert(0, "model", "this run")
    return frame


# ------------------------------------------------------------------ evaluation


def bucket_frame(evaluations: Mapping[str, dict]) -> pd.DataFrame:
    """One row per (model, source-length bucket): BLEU, chrF, exact match (%), sentences."""
    rows = []
    for model, evaluation in evaluations.items():
        for label, scores in (evaluation.get("buckets") or {}).items():
            rows.append({"model": model, "bucket": label,
                         "order": BUCKET_ORDER.index(label) if label in BUCKET_ORDER else len(BUCKET_ORDER),
                         "bleu": scores.get("bleu"), "chrf": scores.get("chrf"),
                         "exact_match": 100 * float(scores.get("exact_match") or 0.0),
                         "sentences": scores.get("sentences")})
    frame = pd.DataFrame(rows, columns=["model", "bucket", "order", "bleu", "chrf", "exact_match", "sentences"])
    return frame.sort_values("order", kind="stable").sort_values(  # models keep their given order
        "model", key=lambda column: column.map(list(evaluations).index), kind="stable").reset_index(drop=True)


def summary_frame(evaluations: Mapping[str, dict]) -> pd.DataFrame:
    """One row per model: the corpus-level numbers and what the model cost."""
    rows = []
    for model, evaluation in evaluations.items():
        aer = evaluation.get("aer")
        seconds = evaluation.get("total_training_seconds") or evaluation.get("training_seconds")  # the whole run
        rows.append({"model": model, "BLEU": evaluation.get("bleu"), "chrF": evaluation.get("chrf"),
                     "exact match %": 100 * float(evaluation.get("exact_match") or 0.0),
                     "AER": aer, "parameters": evaluation.get("parameters"),
                     "training time (min)": None if seconds is None else float(seconds) / 60,
                     "test sentences": evaluation.get("test_sentences")})
    return pd.DataFrame(rows, columns=["model", "BLEU", "chrF", "exact match %", "AER", "parameters",
                                       "training time (min)", "test sentences"])


NONE_SHOWN = "—"


def readable_number(value, decimals: int = 0) -> str:
    """A table's number as people read it: thousands separated, `decimals` places, "—" for none
    (a None, NaN or missing value printed "None" or "nan"): 2043853 -> "2,043,853"."""
    import math
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NONE_SHOWN
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.{decimals}f}"


def readable_table(frame: pd.DataFrame, decimals: Mapping[str, int]) -> pd.DataFrame:
    """frame with each column named in `decimals` as readable_number text (the others as they are)."""
    frame = frame.copy()
    for column, places in decimals.items():
        if column in frame.columns:
            frame[column] = [readable_number(value, places) for value in frame[column].tolist()]
    return frame


SENTENCE_COLUMNS = ["model", "bucket", "length", "source", "reference", "translation", "sentence_bleu", "exact"]


def sentences_frame(evaluations: Mapping[str, dict]) -> pd.DataFrame:
    """Every model's per-sentence rows, long format (one row per model and test sentence)."""
    rows = [{"model": model, **{c: s.get(c) for c in SENTENCE_COLUMNS[1:]}}
            for model, evaluation in evaluations.items() for s in evaluation.get("sentences") or []]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def filter_sentences(frame: pd.DataFrame, buckets: Sequence[str] = (), models: Sequence[str] = (),
                     exact: str = "all") -> pd.DataFrame:
    """Rows in the chosen buckets and models (empty = all); exact is 'all', 'exact' or 'not exact'."""
    keep = pd.Series(True, index=frame.index)
    if buckets:
        keep &= frame["bucket"].isin(list(buckets))
    if models:
        keep &= frame["model"].isin(list(models))
    if exact != "all":
        keep &= frame["exact"] == (exact == "exact")
    return frame[keep].reset_index(drop=True)


def side_by_side(evaluations: Mapping[str, dict], bucket: str, first: str, second: str) -> pd.DataFrame:
    """The bucket's test sentences with both models' translations (matched by source and
    reference, so two models evaluated on the same test split line up row by row)."""
    frame = sentences_frame({name: evaluations[name] for name in dict.fromkeys([first, second])})
    frame = frame[frame["bucket"] == bucket]
    columns = ["source", "reference", "length"]
    left = frame[frame["model"] == first][columns + ["translation", "sentence_bleu"]]
    if first == second:
        return left.rename(columns={"translation": first, "sentence_bleu": f"BLEU {first}"}).reset_index(drop=True)
    right = frame[frame["model"] == second][columns + ["translation", "sentence_bleu"]]
    merged = left.merge(right, on=columns, suffixes=(" 1", " 2"))
    return merged.rename(columns={"translation 1": first, "translation 2": second,
                                  "sentence_bleu 1": f"BLEU {first}", "sentence_bleu 2": f"BLEU {second}"})


# ------------------------------------------------------------------ corpora


def alignment_frame(pair: SentencePair) -> pd.DataFrame:
    """Long format over source × target: link = 1 where the gold alignment joins the words."""
    from app.charts import position_labels

    links = set(pair.alignment)
    source_labels, target_labels = position_labels(pair.source_tokens), position_labels(pair.target_tokens)
    return pd.DataFrame([
        {"source": source_labels[i], "source_token": source, "source_position": i + 1,
         "target": target_labels[j], "target_token": target, "target_position": j + 1,
         "link": int((i, j) in links)}
        for j, target in enumerate(pair.target_tokens) for i, source in enumerate(pair.source_tokens)])


def length_frame(pairs: Sequence[SentencePair]) -> pd.DataFrame:
    """How many pairs have each source length (Hindi words), with the length's bucket."""
    from core.language.corpus import length_bucket

    counts = Counter(len(pair.source_tokens) for pair in pairs)
    return pd.DataFrame([{"length": length, "pairs": n, "bucket": length_bucket(length)}
                         for length, n in sorted(counts.items())], columns=["length", "pairs", "bucket"])


def frequent_words(pairs: Sequence[SentencePair], side: str, top: int = 20) -> pd.DataFrame:
    """The `top` most frequent tokens on one side ('source' Hindi or 'target' English)."""
    counts = Counter(token for pair in pairs
                     for token in (pair.source_tokens if side == "source" else pair.target_tokens))
    total = sum(counts.values()) or 1
    return pd.DataFrame([{"rank": rank, "word": word, "count": n, "share %": 100 * n / total}
                         for rank, (word, n) in enumerate(counts.most_common(top), start=1)],
                        columns=["rank", "word", "count", "share %"])


def pairs_frame(pairs: Sequence[SentencePair], limit: int = 20) -> pd.DataFrame:
    return pd.DataFrame([{"Hindi": p.source_text, "English": p.target_text, "Hindi words": len(p.source_tokens)}
                         for p in pairs[:limit]], columns=["Hindi", "English", "Hindi words"])


def suggested_name(filename: str) -> str:
    """A valid corpus name from an uploaded file's name: 'hin-eng (1).tsv' -> 'hin-eng_1'; a
    built-in corpus's name gets '_upload' ('classroom.tsv' -> 'classroom_upload')."""
    import re
    from pathlib import PurePath

    from core.language.pairs import BUILT_IN_CORPORA

    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", PurePath(str(filename)).stem).strip("_-")[:40]
    return f"{stem}_upload" if stem.lower() in BUILT_IN_CORPORA else stem or "my_corpus"


RUN_COLUMNS = {"epoch": "epoch", "train_loss": "training loss", "validation_loss": "validation loss",
               "validation_bleu": "validation BLEU", "seconds": "seconds", "learning_rate": "learning rate"}


def run_epochs_frame(epochs: Sequence) -> pd.DataFrame:
    """A run's finished epochs (core.fit.EpochReport) as a person reads them: the epoch as
    counted from 1, losses to 3 decimals, BLEU (0–100) to 1, seconds whole. BLEU is smoothed, so
    a model that writes nothing right scores 1e-11, which is 0.0 here."""
    rows = [{"epoch": int(e.epoch), "train_loss": round(e.train_loss, 3), "validation_loss": round(e.validation_loss, 3),
             "validation_bleu": round(e.validation_bleu, 1) + 0.0, "seconds": round(e.seconds),
             "learning_rate": float(f"{e.learning_rate:.3g}")} for e in epochs]
    return pd.DataFrame(rows, columns=list(RUN_COLUMNS)).rename(columns=RUN_COLUMNS)


def duration(seconds: float) -> str:
    """A time as a class reads it: "under a second", "about 4 s", "about 3 minutes"; never
    "about 0 s" or "0 minutes" (a tiny corpus's epoch takes a fraction of a second)."""
    if seconds < 1:
        return "under a second"
    if seconds < 90:
        return f"about {seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"
