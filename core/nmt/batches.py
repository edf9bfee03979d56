"""Batches: training examples grouped by length (little padding) and padded into tensors.

Shared by training (core.nmt.train) and evaluation (core.nmt.evaluate), which decode and score
the same way the model was trained.
"""
from __future__ import annotations

import random

import torch

from core.language.text import PAD_ID, SOS_ID


def length_bucketed_batches(source_lengths: list[int], batch_size: int, seed: int,
                            rank: int = 0, world_size: int = 1) -> list[list[int]]:
    """Batches of sentences of similar length (little padding), in a random order.

    Sentences are sorted by length with random tie-breaking, cut into batches, and the batch
    order shuffled, all with one seed shared by every process. With DDP each rank takes every
    world_size-th batch (a distributed sampler over batches); the count is cut to a multiple of
    world_size so every rank runs the same number of steps.
    """
    rng = random.Random(seed)
    order = sorted(range(len(source_lengths)), key=lambda i: (source_lengths[i], rng.random()))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    usable = len(batches) - len(batches) % world_size if world_size > 1 else len(batches)
    return batches[rank:usable:world_size]


def collate(examples: list[tuple[list[int], list[int]]], device: torch.device):
    """-> source (B, S), source_lengths (B,), previous (B, T) = <sos> y_1..y_{T-1}, target (B, T)."""
    batch_size = len(examples)
    source_len = max(len(s) for s, _ in examples)
    target_len = max(len(t) for _, t in examples)
    source = torch.full((batch_size, source_len), PAD_ID, dtype=torch.long)
    previous = torch.full((batch_size, target_len), PAD_ID, dtype=torch.long)
    target = torch.full((batch_size, target_len), PAD_ID, dtype=torch.long)
    for row, (source_ids, target_ids) in enumerate(examples):
        source[row, :len(source_ids)] = torch.tensor(source_ids)
        target[row, :len(target_ids)] = torch.tensor(target_ids)
        previous[row, 0] = SOS_ID
        previous[row, 1:len(target_ids)] = torch.tensor(target_ids[:-1])
    lengths = torch.tensor([len(s) for s, _ in examples])
    return source.to(device), lengths, previous.to(device), target.to(device)
