"""The PyTorch seq2seq tutorial's training, re-implemented faithfully, for the bench to compare with.

"NLP From Scratch: Translation with a Sequence to Sequence Network and Attention" (Sean Robertson,
pytorch.org/tutorials, the one-sentence-at-a-time version): an EncoderRNN fed one word per call,
an AttnDecoderRNN whose attention is a Linear over (embedding, hidden) giving max_length weights,
SGD at 0.01, NLLLoss summed over the target words, teacher forcing half of the time:

    α_t = softmax(W_a [e(y_{t-1}); s_{t-1}])          (max_length,)  positions past the source are zeros
    s_t = GRU(relu(W_c [e(y_{t-1}); Σ_j α_tj h_j]), s_{t-1})
    p(y_t) = log_softmax(W_o s_t)

Only max_length differs from the tutorial (10 there, for its short English-French pairs): here it
is the longest source of the sentences given, so the same corpus can be trained on. What the
bench reads is target tokens per second of this loop (decoder steps run, <eos> included) on
the same corpus and thread as Dhyan's batched training step.
"""
from __future__ import annotations

import random
import time
from typing import Sequence

import torch
from torch import nn
from torch.nn import functional as F

from core.language.text import EOS_ID, SOS_ID

TEACHER_FORCING_RATIO = 0.5
LEARNING_RATE = 0.01
HIDDEN_SIZE = 256


class EncoderRNN(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size)

    def forward(self, input, hidden):
        embedded = self.embedding(input).view(1, 1, -1)  # one word: (1, 1, H)
        return self.gru(embedded, hidden)

    def init_hidden(self) -> torch.Tensor:
        return torch.zeros(1, 1, self.hidden_size)


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size: int, output_size: int, max_length: int, dropout_p: float = 0.1):
        super().__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.attn = nn.Linear(hidden_size * 2, max_length)
        self.attn_combine = nn.Linear(hidden_size * 2, hidden_size)
        self.dropout = nn.Dropout(dropout_p)
        self.gru = nn.GRU(hidden_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, input, hidden, encoder_outputs):
        embedded = self.dropout(self.embedding(input).view(1, 1, -1))  # (1, 1, H)
        attn_weights = F.softmax(self.attn(torch.cat((embedded[0], hidden[0]), 1)), dim=1)  # (1, max_length)
        attn_applied = torch.bmm(attn_weights.unsqueeze(0), encoder_outputs.unsqueeze(0))  # (1, 1, H)
        output = F.relu(self.attn_combine(torch.cat((embedded[0], attn_applied[0]), 1)).unsqueeze(0))
        output, hidden = self.gru(output, hidden)
        return F.log_softmax(self.out(output[0]), dim=1), hidden, attn_weights


def train_pair(source: torch.Tensor, target: torch.Tensor, encoder: EncoderRNN, decoder: AttnDecoderRNN,
               encoder_optimizer, decoder_optimizer, criterion, max_length: int) -> tuple[float, int]:
    """The tutorial's train(): one sentence pair, one update. source (S, 1), target (T, 1), both
    ending with <eos>. -> (loss per target word, decoder steps run)."""
    encoder_hidden = encoder.init_hidden()
    encoder_optimizer.zero_grad()
    decoder_optimizer.zero_grad()
    encoder_outputs = torch.zeros(max_length, encoder.hidden_size)
    loss = 0
    for ei in range(source.size(0)):
        encoder_output, encoder_hidden = encoder(source[ei], encoder_hidden)
        encoder_outputs[ei] = encoder_output[0, 0]
    decoder_input = torch.tensor([[SOS_ID]])
    decoder_hidden = encoder_hidden
    steps = 0
    if random.random() < TEACHER_FORCING_RATIO:
        for di in range(target.size(0)):
            decoder_output, decoder_hidden, _ = decoder(decoder_input, decoder_hidden, encoder_outputs)
            loss += criterion(decoder_output, target[di])
            decoder_input = target[di]
            steps += 1
    else:
        for di in range(target.size(0)):
            decoder_output, decoder_hidden, _ = decoder(decoder_input, decoder_hidden, encoder_outputs)
            _, top_index = decoder_output.topk(1)
            decoder_input = top_index.squeeze().detach()
            loss += criterion(decoder_output, target[di])
            steps += 1
            if decoder_input.item() == EOS_ID:
                break
    loss.backward()
    encoder_optimizer.step()
    decoder_optimizer.step()
    return loss.item() / target.size(0), steps


def tutorial_throughput(examples: Sequence[tuple[list[int], list[int]]], source_vocab_size: int,
                        target_vocab_size: int, warmup: int = 5, seed: int = 0) -> dict:
    """Train the tutorial's models on these (source ids, target ids) pairs, one at a time, as its
    trainIters does: target tokens (decoder steps) per second after `warmup` untimed pairs."""
    torch.manual_seed(seed)
    random.seed(seed)
    max_length = max(len(source) for source, _ in examples)
    encoder = EncoderRNN(source_vocab_size, HIDDEN_SIZE)
    decoder = AttnDecoderRNN(HIDDEN_SIZE, target_vocab_size, max_length)
    encoder_optimizer = torch.optim.SGD(encoder.parameters(), lr=LEARNING_RATE)
    decoder_optimizer = torch.optim.SGD(decoder.parameters(), lr=LEARNING_RATE)
    criterion = nn.NLLLoss()
    tokens, seconds, losses = 0, 0.0, []
    for number, (source_ids, target_ids) in enumerate(examples):
        source, target = torch.tensor(source_ids).view(-1, 1), torch.tensor(target_ids).view(-1, 1)
        start = time.perf_counter()
        loss, steps = train_pair(source, target, encoder, decoder, encoder_optimizer, decoder_optimizer, criterion,
                                 max_length)
        if number >= warmup:
            seconds += time.perf_counter() - start
            tokens += steps
            losses.append(loss)
    return {"pairs": len(examples) - warmup, "target_tokens": tokens, "seconds": round(seconds, 3),
            "tokens_per_second": round(tokens / seconds, 1) if seconds else None, "hidden_size": HIDDEN_SIZE,
            "max_length": max_length, "first_loss": losses[0] if losses else None,
            "last_loss": losses[-1] if losses else None}
