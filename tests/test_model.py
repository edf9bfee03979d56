import pytest
import torch

from core.nmt.model import MODEL_KINDS, ModelConfig, Seq2Seq, init_weights, masked_softmax
from core.language.text import PAD_ID


def make_model(kind, seed=0):
    model = Seq2Seq(ModelConfig(kind, 30, 25, embedding_size=16, hidden_size=24, attention_size=12))
    init_weights(model, seed)
    return model.eval()


def padded_batch():
    # three sources of lengths 5, 1 and 3, padded to 5
    source = torch.tensor([[5, 6, 7, 8, 2], [2, PAD_ID, PAD_ID, PAD_ID, PAD_ID], [9, 10, 2, PAD_ID, PAD_ID]])
    lengths = torch.tensor([5, 1, 3])
    previous = torch.tensor([[1, 4, 5, 6], [1, 7, 8, 9], [1, 4, 4, 4]])
    return source, lengths, previous


@pytest.mark.parametrize("kind", ["uniform", "additive", "dot", "general"])
def test_weights_are_zero_on_padding_and_rows_sum_to_one(kind):
    model = make_model(kind)
    source, lengths, previous = padded_batch()
    out = model(source, lengths, previous)
    weights = out.weights  # (B, T, S)
    assert weights.shape == (3, 4, 5)
    assert not torch.isnan(weights).any()
    torch.testing.assert_close(weights.sum(-1), torch.ones(3, 4))
    mask = (source != PAD_ID)[:, None, :].expand_as(weights)
    assert (weights[~mask] == 0).all()
    # the length-1 source can only attend to its single position
    assert (weights[1, :, 0] == 1).all()


def test_uniform_gives_equal_weight_to_every_real_position():
    source, lengths, previous = padded_batch()
    weights = make_model("uniform")(source, lengths, previous).weights
    torch.testing.assert_close(weights[2, 0, :3], torch.full((3,), 1 / 3))


def test_encdec_has_no_weights_and_uses_the_same_context_at_every_step():
    source, lengths, previous = padded_batch()
    out = make_model("encdec")(source, lengths, previous)
    assert out.weights is None
    torch.testing.assert_close(out.context[:, 0], out.context[:, -1])


def test_padding_does_not_change_a_sentences_output():
    model = make_model("additive")
    source, lengths, previous = padded_batch()
    batched = model(source, lengths, previous).logits[2]
    alone = model(source[2:3, :3], lengths[2:3], previous[2:3]).logits[0]
    torch.testing.assert_close(batched, alone, atol=1e-5, rtol=1e-5)


def test_masked_softmax_of_an_all_padding_row_is_finite():
    weights = masked_softmax(torch.randn(2, 4), torch.tensor([[True, False, False, False], [False] * 4]))
    assert not torch.isnan(weights).any()
    assert weights[0].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_models_share_every_parameter_outside_the_score_function():
    shapes = {kind: {n: p.shape for n, p in make_model(kind).named_parameters() if not n.startswith("context.")}
              for kind in MODEL_KINDS}
    assert all(s == shapes["encdec"] for s in shapes.values())


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown model kind"):
        ModelConfig("lstm", 10, 10)
