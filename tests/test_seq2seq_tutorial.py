"""tools.seq2seq_tutorial: the PyTorch tutorial's one-pair-at-a-time training, as the bench runs it."""
import random

import torch

from core.language.text import EOS_ID
from tools import seq2seq_tutorial as tutorial


def test_a_pair_trains_both_networks_and_teacher_forcing_runs_every_target_word(monkeypatch):
    torch.manual_seed(0)
    encoder = tutorial.EncoderRNN(20, 16)
    decoder = tutorial.AttnDecoderRNN(16, 12, max_length=6)
    before = [p.clone() for p in (*encoder.parameters(), *decoder.parameters())]
    optimizers = [torch.optim.SGD(m.parameters(), lr=0.1) for m in (encoder, decoder)]
    source, target = torch.tensor([5, 6, 7, EOS_ID]).view(-1, 1), torch.tensor([4, 8, 9, EOS_ID]).view(-1, 1)
    monkeypatch.setattr(random, "random", lambda: 0.0)   # below the ratio: teacher forcing
    loss, steps = tutorial.train_pair(source, target, encoder, decoder, *optimizers, torch.nn.NLLLoss(), 6)
    assert steps == 4 and loss > 0
    after = [*encoder.parameters(), *decoder.parameters()]
    assert not torch.equal(before[0], after[0]), "the encoder's embedding was updated"
    assert not torch.equal(before[-2], after[-2]), "the decoder's output layer was updated"
    # without teacher forcing it feeds its own guesses and stops at most at the target's length
    monkeypatch.setattr(random, "random", lambda: 0.9)
    _, steps = tutorial.train_pair(source, target, encoder, decoder, *optimizers, torch.nn.NLLLoss(), 6)
    assert 1 <= steps <= 4


def test_repeating_one_pair_lowers_its_loss_and_throughput_counts_decoder_steps():
    examples = [([5, 6, 7, EOS_ID], [4, 8, EOS_ID])] * 40
    report = tutorial.tutorial_throughput(examples, 10, 10, warmup=2)
    assert report["pairs"] == 38 and report["max_length"] == 4
    assert report["last_loss"] < report["first_loss"]
    assert 38 <= report["target_tokens"] <= 3 * 38 and report["tokens_per_second"] > 0
