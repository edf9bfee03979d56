"""Training a translation model: the data, the vocabularies and the model, then core.fit.fit with
callbacks (attention probes, saving, whatever the caller listens with).

    result = train(TrainConfig(model="additive", epochs=12), out_dir=Path("checkpoints/additive"))
    python -m core.train --model additive --out checkpoints/additive --epochs 12        # core/train.py
    torchrun --nproc_per_node=2 -m core.train --model dot --out /tmp/dot   # DDP, rank 0 writes

This module is the glue: core.nmt.config says what to train, core.nmt.data what on,
core.nmt.batches how examples become tensors, TranslationTask what fit() computes on them,
core.nmt.probes and core.nmt.resume what is recorded and saved after each epoch.
Progress leaves through `TrainCallbacks`: the command line passes a progress bar, the Training
page a Streamlit element, tests a list that records calls. `should_stop()` is polled after every
step so a UI can cancel; the checkpoint folder then still holds the last finished epoch.
"""
from __future__ import annotations

import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from core.fit import FitSettings, FitState, TrainCallbacks, fit, halve_on_plateau, run_epoch
from core.language.pairs import CorpusSplits, SentencePair
from core.language.subwords import WHOLE_WORDS, Segmentation
from core.language.text import PAD_ID, Vocabulary, detokenize_english
from core.nmt.batches import collate, length_bucketed_batches
from core.nmt.checkpoint import EPOCHS_COUNTED_FROM, load_checkpoint
from core.nmt.config import AUTOMATIC, TrainConfig, is_built_in
from core.nmt.data import (TranslationData, load_splits, prepare_data, with_generated_pairs, with_unknown_words,
                           write_corpus_files)
from core.nmt.decode import greedy_decode_batch
from core.nmt.metrics import corpus_bleu
from core.nmt.model import TRANSFORMER_KIND, ModelConfig, Seq2Seq, cross_entropy, init_weights
from core.nmt.probes import LiveProbe, ProbeRecorder
from core.nmt.resume import CheckpointSaver, read_resume, record_budget, remove_temporaries, restore
from core.nmt.transformer import Transformer, TransformerConfig, init_transformer, warmup_callbacks

@dataclass
class TrainResult:
    model: Seq2Seq
    source_vocab: Vocabulary
    target_vocab: Vocabulary
    history: dict
    best_bleu: float
    cancelled: bool = False
    stopped_early: bool = False


def choose_device(requested: str = "auto", world_size: int = 1) -> torch.device:
    """auto: cuda if present; with DDP on GPUs, this process's own GPU (LOCAL_RANK)."""
    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if requested == "auto" else requested)
    if device.type == "cuda" and world_size > 1:
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    return device


def distributed_context() -> tuple[int, int]:
    """(rank, world_size), initialising the process group when launched by torchrun."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size > 1 and not dist.is_initialized():
        dist.init_process_group(backend="nccl" if torch.cuda.is_available() else "gloo")
    return (dist.get_rank(), world_size) if world_size > 1 else (0, 1)


@torch.no_grad()
def validation_loss(model: Seq2Seq, examples, batch_size: int, device) -> float:
    model.eval()
    total, tokens = 0.0, 0
    lengths = [len(s) for s, _ in examples]
    for batch in length_bucketed_batches(lengths, batch_size, seed=0):
        source, source_lengths, previous, target = collate([examples[i] for i in batch], device)
        logits = model(source, source_lengths, previous).logits
        n = int((target != PAD_ID).sum())
        total += float(cross_entropy(logits, target)) * n
        tokens += n
    model.train()
    return total / max(tokens, 1)


def validation_bleu(model: Seq2Seq, pairs: list[SentencePair], source_vocab, target_vocab, batch_size=100,
                    segmentation: Segmentation = WHOLE_WORDS) -> float:
    """BLEU of greedy translations against each pair's English text (pairs as the model reads them)."""
    model.eval()
    hypotheses = []
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start:start + batch_size]
            ids, _ = greedy_decode_batch(model, [source_vocab.encode(p.source_tokens, add_eos=True) for p in chunk])
            hypotheses += [detokenize_english(segmentation.target_words(target_vocab.decode(row))) for row in ids]
    model.train()
    return corpus_bleu(hypotheses, [p.target_text for p in pairs]).score


class TranslationTask:
    """What fit() trains on: length-bucketed batches, teacher-forced cross-entropy, and
    validation loss and BLEU (greedy decoding) on the validation sentences."""

    def __init__(self, trained: torch.nn.Module, model: Seq2Seq, data: TranslationData, config: TrainConfig,
                 device: torch.device, rank: int = 0, world_size: int = 1):
        self.trained, self.model, self.data, self.config, self.device = trained, model, data, config, device
        self.rank, self.world_size = rank, world_size
        self.source_lengths = [len(s) for s, _ in data.train_examples]
        # with bucket_by_target the sort key is (source length, target length), as one number
        self.bucket_lengths = ([source * 1000 + len(target) for source, (_, target) in
                                zip(self.source_lengths, data.train_examples)]
                               if config.bucket_by_target else self.source_lengths)

    def batches(self, epoch: int) -> list[list[int]]:
        self.epoch = epoch
        # epoch - 1: the order the shipped models were trained with, when epochs counted from 0
        return length_bucketed_batches(self.bucket_lengths, self.config.batch_size,
                                       self.config.seed * 1000 + epoch - 1, self.rank, self.world_size)

    def examples(self, batch: list[int]) -> list[tuple[list[int], list[int]]]:
        """The batch's examples; with unknown_rate, some words <unk>, drawn afresh each epoch but
        the same for the same seed, epoch and example (so a resumed run sees what it would have)."""
        examples = [self.data.train_examples[i] for i in batch]
        rate, links = self.config.unknown_rate, self.data.unknown_links
        if rate <= 0 or not links:
            return examples
        return [with_unknown_words(example, links[i], rate, random.Random(f"{self.config.seed}:{self.epoch}:{i}"))
                if links[i] else example for example, i in zip(examples, batch)]

    def loss(self, batch: list[int]) -> tuple[torch.Tensor, int]:
        source, lengths, previous, target = collate(self.examples(batch), self.device)
        logits = self.trained(source, lengths, previous).logits
        tokens = int((target != PAD_ID).sum())
        if self.config.label_smoothing:  # (1 - ε) on the reference word, ε spread over the vocabulary
            return F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=PAD_ID,
                                   label_smoothing=self.config.label_smoothing), tokens
        return cross_entropy(logits, target), tokens

    def validate(self) -> tuple[float, float]:
        data = self.data
        return (validation_loss(self.model, data.validation_examples, self.config.batch_size, self.device),
                validation_bleu(self.model, data.validation_pairs, data.source_vocab, data.target_vocab,
                                segmentation=data.segmentation))


def build_model(config: TrainConfig, data: TranslationData, device: torch.device) -> Seq2Seq | Transformer:
    if config.model == TRANSFORMER_KIND:  # --hidden is its model size d; --emb and --attention do not apply
        model = Transformer(TransformerConfig(
            TRANSFORMER_KIND, len(data.source_vocab), len(data.target_vocab), model_size=config.hidden_size,
            heads=config.heads, encoder_layers=config.layers,
            decoder_layers=config.decoder_layers,
            feedforward_size=config.feedforward_size, dropout=config.dropout))
        init_transformer(model, config.seed)
    else:
        model = Seq2Seq(ModelConfig(config.model, len(data.source_vocab), len(data.target_vocab),
                                    config.embedding_size, config.hidden_size, config.attention_size, config.dropout,
                                    config.input_feeding))
        init_weights(model, config.seed)
    return model.to(device).train()


def build_optimizer(config: TrainConfig, model: torch.nn.Module) -> torch.optim.Optimizer:
    """Adam (AdamW with weight decay). The transformer's: β₂ = 0.98 and ε = 10⁻⁹ (Vaswani et al.
    2017), a second-moment average of about 50 updates instead of 1,000, which follows the
    warm-up's changing rate and the attention's fast-changing gradients."""
    settings = ({"betas": (0.9, 0.98), "eps": 1e-9} if config.model == TRANSFORMER_KIND else {})
    if config.fused_adam:
        settings["fused"] = True
    if config.weight_decay:
        return torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay,
                                 **settings)
    return torch.optim.Adam(model.parameters(), lr=config.learning_rate, **settings)


def train(config: TrainConfig, out_dir: Path | None = None, callbacks: TrainCallbacks | None = None,
          splits: CorpusSplits | None = None, corpus_info: dict | None = None, resume: bool = False,
          live_probe: LiveProbe | None = None) -> TrainResult:
    """Train one model; with out_dir, keep its best epoch there (rank 0 only writes). live_probe:
    a sentence whose attention is handed to a page while the run trains (attention models only)."""
    rank, world_size = distributed_context()
    device = choose_device(config.device, world_size)
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    if out_dir is not None and rank == 0 and Path(out_dir).is_dir():
        remove_temporaries(out_dir)
    if splits is None:
        splits, corpus_info = load_splits(config)
    from_file = not is_built_in(config.corpus)
    if from_file:  # the settings left to the corpus's size, then the generated pairs it mixes in
        config = config.resolved(len(splits.train))
        test_split = splits.test
        splits = with_generated_pairs(splits, config.mix_generated, config.seed)
    resumable = resume and out_dir is not None and (Path(out_dir) / "resume.pt").is_file()
    saved = read_resume(out_dir, config) if resumable else None

    # the data, the vocabularies and segmentation (those of the run being resumed) and the model
    data = prepare_data(config, splits, saved["vocabularies"] if saved else None,
                        saved["segmentation"] if saved else None)
    if rank == 0 and out_dir is not None and from_file:
        write_corpus_files(Path(out_dir), data.segmentation, test_split)
    model = build_model(config, data, device)
    optimizer = build_optimizer(config, model)
    state = FitState(history={EPOCHS_COUNTED_FROM: 1, "model": config.model, "steps": [], "epochs": [],
                              "probe_attention": []})
    if saved:
        state = restore(saved, model, optimizer)
    trained = DistributedDataParallel(model) if world_size > 1 else model

    # the loop, and who hears of it, in this order: the transformer's rate is set before anyone
    # records it, the probes join the history before it is saved
    heard, schedule = [], halve_on_plateau(config.lr_patience, config.lr_floor)
    if config.model == TRANSFORMER_KIND:  # the warm-up sets the rate; halving only after it, and only on a plateau
        heard.append(warmup_callbacks(optimizer, config.learning_rate, config.warmup_steps, config.lr_decay))
        schedule = schedule if config.lr_decay == "plateau" else None
    if rank == 0 and model.has_attention_weights:
        heard.append(ProbeRecorder(model, data, state.history).callbacks())
    if rank == 0 and live_probe is not None and model.has_attention_weights:
        heard.append(live_probe.callbacks(model, data))
    if rank == 0 and out_dir is not None:
        metadata = {EPOCHS_COUNTED_FROM: 1, "training": asdict(config), "corpus": corpus_info or {"corpus": "given"},
                    "max_source_tokens": config.max_source_tokens, "world_size": world_size, "device": str(device)}
        saver = CheckpointSaver(out_dir, model, optimizer, data, state, config, metadata)
        heard.append(TrainCallbacks(on_epoch=saver.on_epoch))
    caller = callbacks or TrainCallbacks()
    heard.append(caller if rank == 0 else TrainCallbacks(should_stop=caller.should_stop))
    fit(trained, optimizer, TranslationTask(trained, model, data, config, device, rank, world_size),
        FitSettings(config.epochs, config.patience, config.clip_norm, world_size), state, heard, schedule=schedule)

    if rank == 0 and out_dir is not None and saved is not None:
        record_budget(Path(out_dir), config, state.stopped_early)
    if out_dir is not None and (Path(out_dir) / "model.pt").is_file():
        model = load_checkpoint(out_dir).model  # hand back the best epoch, as saved
    else:
        model.eval()
    return TrainResult(model, data.source_vocab, data.target_vocab, state.history, state.best_score,
                       state.cancelled, state.stopped_early)


def estimate_seconds(config: TrainConfig, splits: CorpusSplits | None = None, timed_steps: int = 4) -> dict:
    """How long train(config) will take on this machine, said before it starts: the data prepared
    as training prepares it (a file's settings resolved, pairs mixed in, subwords learnt), the
    training loop's own steps (core.fit.run_epoch) timed on a few batches short and long of a
    throwaway model, and one validation; then {"epoch": seconds per epoch, "at_most": seconds
    for every epoch allowed, "epochs": that number, "settings": the settings resolved}. Early
    stopping usually ends a run sooner."""
    if splits is None:
        splits, _ = load_splits(config)
    if not is_built_in(config.corpus):
        config = config.resolved(len(splits.train))
        splits = with_generated_pairs(splits, config.mix_generated, config.seed)
    started = time.perf_counter()
    data = prepare_data(config, splits)
    preparing = time.perf_counter() - started
    device = torch.device("cpu") if config.device == "auto" else choose_device(config.device)
    model = build_model(config, data, device)
    optimizer = build_optimizer(config, model)
    task = TranslationTask(model, model, data, config, device)
    batches = sorted(task.batches(1), key=lambda batch: task.source_lengths[batch[0]])
    chosen = [batches[round(i * (len(batches) - 1) / max(timed_steps - 1, 1))] for i in range(timed_steps)]
    settings = FitSettings(epochs=1, patience=1, clip_norm=config.clip_norm)
    run_epoch(model, optimizer, _Batches(task, chosen[:1]), settings, FitState(), ())  # the first step allocates
    _, _, seconds = run_epoch(model, optimizer, _Batches(task, chosen), settings, FitState(), ())
    started = time.perf_counter()
    task.validate()
    epoch = len(batches) * seconds / len(chosen) + time.perf_counter() - started
    return {"epoch": epoch, "at_most": preparing + epoch * config.epochs, "epochs": config.epochs,
            "settings": {name: getattr(config, name) for name in AUTOMATIC}}


class _Batches:
    """A TranslationTask whose epoch is the given batches: what estimate_seconds times."""

    def __init__(self, task: TranslationTask, batches: list[list[int]]):
        self.task, self.chosen = task, batches

    def batches(self, epoch: int) -> list[list[int]]:
        return self.chosen

    def loss(self, batch: list[int]) -> tuple[torch.Tensor, int]:
        return self.task.loss(batch)

    def validate(self) -> tuple[float, float]:
        return self.task.validate()
