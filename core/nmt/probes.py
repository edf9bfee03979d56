"""Probes: the attention of the model in training on a few fixed sentences, recorded before the
first update, at fractions of the first epochs and after every epoch, so the Training page can
show alignment emerge (history.json's "probe_attention"). A transformer's record also holds every
layer's every head of its cross-attention ("heads", (L, h, T, S)), so the page can show one head
emerge: its "weights" are the last layer's heads averaged, like the heatmaps of every page.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

from core.fit import EpochReport, StepReport, TrainCallbacks
from core.language.pairs import SentencePair
from core.language.subwords import WHOLE_WORDS, Segmentation, join_pieces, merge_attention
from core.language.text import EOS_ID, tokenize_hindi
from core.nmt.decode import greedy_decode_batch
from core.nmt.model import Seq2Seq
from core.nmt.transformer import Transformer, attention_maps

from core.language.classroom_subset import SEED_SENTENCE  # the first probe, and the sentence every page opens with


def choose_probes(validation: list[SentencePair]) -> list[list[str]]:
    """The seed sentence plus a medium and a long validation sentence, the same every run."""
    by_length = sorted(validation, key=lambda p: (len(p.source_tokens), p.source_text))
    medium = next((p for p in by_length if len(p.source_tokens) >= 12), by_length[len(by_length) // 2])
    long = next((p for p in by_length if len(p.source_tokens) >= 25), by_length[-1])
    return [tokenize_hindi(SEED_SENTENCE), list(medium.source_tokens), list(long.source_tokens)]


def probe_attention(model: Seq2Seq, probes: list[list[str]], source_vocab, target_vocab,
                    segmentation: Segmentation = WHOLE_WORDS) -> list[dict]:
    """Attention of the current model on a few fixed sentences (for 'watch alignment emerge').
    A model that reads pieces is recorded over words: pieces merged (merge_attention). A
    transformer's record adds "heads": every layer's every head of its cross-attention."""
    model.eval()
    rows = []
    ids, attentions = greedy_decode_batch(
        model, [source_vocab.encode(tokens, add_eos=True) for tokens in probes], keep_attention=True)
    for tokens, target_ids, attention in zip(probes, ids, attentions):
        pieces = (list(tokens) + ["<eos>"], target_vocab.decode(target_ids))  # (source, target) as the model reads
        weights = None if attention is None else attention.tolist()
        heads = None
        if isinstance(model, Transformer) and weights:
            written = list(target_ids) + [EOS_ID] * (len(weights) - len(target_ids))  # a row for <eos> too
            heads = attention_maps(model, source_vocab.encode(tokens, add_eos=True), written).cross.tolist()
        source, target = pieces
        if segmentation.uses_pieces:
            if weights is not None:
                weights, source, target = merge_attention(weights, *pieces)
                heads = heads and [[merge_attention(head, *pieces)[0] for head in layer] for layer in heads]
            else:
                source, target = join_pieces(source), join_pieces(target)
        row = {"source": source, "target": target,
               "weights": None if weights is None else [[round(w, 3) for w in row] for row in weights]}
        if heads:  # 2 decimals: 2 + 2 layers of 4 heads on a 30-word probe are 2 · 4 · 30 · 29 ≈ 7,000 numbers
            row["heads"] = [[[[round(w, 2) for w in row] for row in head] for head in layer] for layer in heads]
        rows.append(row)
    model.train()
    return rows


# epoch -> the fractions of it after which the probes are recorded as well as at its end: the
# weights change most at the start, and the Training page should show them spread out first.
PROBE_FRACTIONS = {1: (1 / 8, 1 / 4, 1 / 2), 2: (1 / 2,)}


class ProbeRecorder:
    """The probes' attention into history["probe_attention"]: before the first update (epoch 0,
    step 0, "before training"), after PROBE_FRACTIONS of the first epochs ("epoch 1 · 1/8") and at
    the end of every epoch ("epoch 1"). Each entry: epoch, step, fraction, label, sentences.
    `data` is the run's core.nmt.data.TranslationData (its probes, vocabularies and segmentation)."""

    def __init__(self, model: Seq2Seq, data, history: dict):
        self.model, self.data, self.history = model, data, history
        self.epoch, self.fraction, self.step = 0, 0.0, 0  # where the last step left off

    def record(self, epoch: int, step: int, fraction: float, label: str) -> None:
        sentences = probe_attention(self.model, self.data.probes, self.data.source_vocab, self.data.target_vocab,
                                    self.data.segmentation)
        self.history["probe_attention"].append({"epoch": epoch, "step": step, "fraction": round(fraction, 4),
                                                "label": label, "sentences": sentences})

    def on_start(self) -> None:
        self.record(0, 0, 0.0, "before training")

    def on_step(self, report: StepReport) -> None:
        before = self.fraction if self.epoch == report.epoch else 0.0
        self.epoch, self.fraction, self.step = report.epoch, report.epoch_fraction, report.step
        crossed = [f for f in PROBE_FRACTIONS.get(report.epoch, ()) if before < f <= report.epoch_fraction]
        if crossed and report.epoch_fraction < 1:  # the epoch's end is recorded by on_epoch
            share = Fraction(report.epoch_fraction).limit_denominator(16)  # 59 of 470 batches: 1/8
            self.record(report.epoch, report.step, report.epoch_fraction, f"epoch {report.epoch} · {share}")

    def on_epoch(self, report: EpochReport) -> None:
        self.record(report.epoch, self.step, 1.0, f"epoch {report.epoch}")

    def callbacks(self) -> TrainCallbacks:
        return TrainCallbacks(on_start=self.on_start, on_step=self.on_step, on_epoch=self.on_epoch)


def attention_focus(weights) -> float:
    """How sharp an attention map is: the mean, over the written words, of the largest weight in the
    word's row. 1/S when every row is spread evenly over the S source positions (an untrained model
    is close to it), 1 when every word looks at one position; what the Training page prints beside
    the live heatmap, so a class reads the fog clearing as a number too."""
    peaks = [max(float(w) for w in row) for row in weights if len(row)]
    return sum(peaks) / len(peaks) if peaks else 0.0


class LiveProbe:
    """One sentence's attention, handed to `sink` while a run trains, for a page to redraw: before
    the first update, every `every_steps` steps and at the end of every epoch. Each record: step,
    epoch, label and probe_attention's {"source", "target", "weights"}. A 20,000-pair classroom
    epoch is 625 steps at batch 32, so every 100 steps is about six pictures an epoch; one record
    costs 7.8 ms (the seed sentence, an untrained hidden-128 model writing 22 words, one thread,
    mean of 20), about 0.3% of the ~2.6 s the 100 steps between take."""

    def __init__(self, sentence: str, sink: Callable[[dict], None], every_steps: int = 100):
        self.words, self.sink, self.every_steps = tokenize_hindi(sentence), sink, max(1, every_steps)

    def callbacks(self, model: Seq2Seq, data) -> TrainCallbacks:
        """`data`: the run's core.nmt.data.TranslationData (vocabularies and segmentation)."""
        pieces = data.segmentation.source_pieces(self.words) if data.segmentation.uses_pieces else self.words
        last_step = [0]

        def record(step: int, epoch: int, label: str) -> None:
            sentence = probe_attention(model, [pieces], data.source_vocab, data.target_vocab, data.segmentation)[0]
            self.sink({"step": step, "epoch": epoch, "label": label, **sentence})

        def on_step(report: StepReport) -> None:
            last_step[0] = report.step
            if report.step % self.every_steps == 0 and report.epoch_fraction < 1:
                record(report.step, report.epoch, f"epoch {report.epoch}, step {report.step}")

        return TrainCallbacks(on_start=lambda: record(0, 0, "before training"), on_step=on_step,
                              on_epoch=lambda report: record(last_step[0], report.epoch, f"end of epoch {report.epoch}"))
