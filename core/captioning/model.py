"""Two image captioners that differ only in their context (Xu et al. 2015, "Show, Attend and Tell").

A small CNN turns a 64×64 picture into an 8×8 grid of region features a_1..a_L (L = 64),
each a C-vector describing what is in that patch of the picture. A GRU decoder writes the
caption one word at a time and at every step t asks for a context vector c_t:

    fixed      c_t = (1/L) Σ_j a_j                     the same mean of all regions at every word
    attention  c_t = Σ_j α_tj a_j,  α_tj = softmax_j(vᵀ tanh(W s_t + U a_j))   soft attention

Everything else is shared, and wired as in core/model.py (Luong et al.'s global attention
without input feeding, so teacher forcing runs the GRU over the whole caption in one call):

    s_0 = tanh(W_0 (1/L) Σ_j a_j)                          (Xu et al.: the mean annotation)
    s_t = GRU(embed(y_{t-1}), s_{t-1})
    h̃_t = tanh(W_c [c_t ; s_t])
    p(y_t | y_<t, image) = softmax(W_o h̃_t)

The picture gets two extra input channels holding each pixel's x and y (CoordConv, Liu et
al. 2018), so a region's feature says where it is as well as what it shows: "above" and
"to the left of" are learnable by both captioners.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn

from core.nmt.model import AdditiveContext
from core.language.text import EOS_ID, PAD_ID, SOS_ID

CAPTIONER_KINDS = ("fixed", "attention")


@dataclass
class CaptionerConfig:
    kind: str
    vocab_size: int
    channels: int = 64  # C: size of a region feature
    embedding_size: int = 64
    hidden_size: int = 128
    attention_size: int = 64
    dropout: float = 0.1
    max_words: int = 16  # decoding stops here if <eos> never comes

    def __post_init__(self) -> None:
        if self.kind not in CAPTIONER_KINDS:
            raise ValueError(f"unknown captioner kind {self.kind!r}; choose one of {', '.join(CAPTIONER_KINDS)}")

    def to_dict(self) -> dict:
        return asdict(self)


class ImageEncoder(nn.Module):
    """(B, 3, 64, 64) uint8 pictures -> (B, L, C) region features, L = 8·8.

    A 2×2 patch layer and two stride-2 convolutions take 64 pixels to 8 regions a side. Each
    region sees only about 14 pixels around its centre, so what a region's feature says is
    about that patch of the picture: to name a shape, a captioner has to get it from the
    regions where the shape is. (Batch normalisation makes this small stack train in a few
    epochs; the patch layer instead of a full-size convolution makes it ~8× cheaper on a CPU.)
    """

    def __init__(self, channels: int):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(5, 32, 2, stride=2), nn.BatchNorm2d(32), nn.ReLU(),  # 32×32, from RGB + x + y
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),  # 16×16
            nn.Conv2d(64, channels, 3, stride=2, padding=1), nn.BatchNorm2d(channels), nn.ReLU(),  # 8×8
            nn.Conv2d(channels, channels, 1), nn.ReLU(),  # 8×8, mixes channels, not regions
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        batch, _, height, width = images.shape
        pixels = images.float() / 255.0  # (B, 3, H, W)
        ys = torch.linspace(-1, 1, height, device=images.device)[:, None].expand(height, width)  # (H, W)
        xs = torch.linspace(-1, 1, width, device=images.device)[None, :].expand(height, width)  # (H, W)
        coordinates = torch.stack([xs, ys])[None].expand(batch, -1, -1, -1)  # (B, 2, H, W)
        features = self.layers(torch.cat([pixels, coordinates], dim=1))  # (B, C, 8, 8)
        return features.flatten(2).transpose(1, 2)  # (B, L, C), regions row by row


class Captioner(nn.Module):
    def __init__(self, config: CaptionerConfig):
        super().__init__()
        self.config = config
        hidden, channels = config.hidden_size, config.channels
        self.encoder = ImageEncoder(channels)
        self.initial_state = nn.Linear(channels, hidden)  # W_0
        self.embedding = nn.Embedding(config.vocab_size, config.embedding_size, padding_idx=PAD_ID)
        self.decoder_rnn = nn.GRU(config.embedding_size, hidden, batch_first=True)
        # the score function vᵀ tanh(W s_t + U a_j) is the translation models' own (Bahdanau)
        self.attention = AdditiveContext(hidden, config.attention_size) if config.kind == "attention" else None
        self.region_projection = nn.Linear(channels, hidden)  # a_j into the decoder's space
        self.combine = nn.Linear(2 * hidden, hidden)  # W_c
        self.output = nn.Linear(hidden, config.vocab_size)  # W_o
        self.dropout = nn.Dropout(config.dropout)

    @property
    def has_attention(self) -> bool:
        return self.attention is not None

    def encode(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor]:
        """-> regions (B, L, H) a_j, keys (B, L, A) U a_j (None for fixed), s_0 (1, B, H)."""
        features = self.encoder(images)  # (B, L, C)
        regions = self.region_projection(features)  # (B, L, H)
        keys = self.attention.prepare(regions) if self.has_attention else None  # (B, L, A)
        start = torch.tanh(self.initial_state(features.mean(dim=1)))[None]  # (1, B, H): s_0
        return regions, keys, start

    def context(self, states: torch.Tensor, regions: torch.Tensor, keys: torch.Tensor | None):
        """states (B, T, H) s_t -> context (B, T, H) c_t and weights (B, T, L) α (None for fixed)."""
        if not self.has_attention:
            mean = regions.mean(dim=1, keepdim=True)  # (B, 1, H): (1/L) Σ_j a_j
            return mean.expand(-1, states.size(1), -1), None  # (B, T, H)
        scores = self.attention.scores(states, keys)  # (B, T, L): e_tj
        weights = torch.softmax(scores, dim=-1)  # (B, T, L): α_tj, every region is real, no mask
        return torch.bmm(weights, regions), weights  # (B, T, H): Σ_j α_tj a_j

    def decode(self, previous_ids: torch.Tensor, hidden: torch.Tensor, regions: torch.Tensor,
               keys: torch.Tensor | None):
        """T steps given y_0..y_{T-1} (B, T) -> logits (B, T, V), hidden (1, B, H), weights (B, T, L) or None."""
        embedded = self.dropout(self.embedding(previous_ids))  # (B, T, E)
        states, hidden = self.decoder_rnn(embedded, hidden)  # (B, T, H) s_t
        context, weights = self.context(states, regions, keys)
        combined = torch.tanh(self.combine(torch.cat([context, states], dim=-1)))  # (B, T, H): h̃_t
        return self.output(self.dropout(combined)), hidden, weights  # (B, T, V)

    def forward(self, images: torch.Tensor, previous_ids: torch.Tensor):
        """Teacher forcing: logits (B, T, V) and weights (B, T, L) or None for the whole caption."""
        regions, keys, start = self.encode(images)
        logits, _, weights = self.decode(previous_ids, start, regions, keys)
        return logits, weights

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.parameters())


@dataclass
class CaptionOutput:
    word_ids: list[list[int]]  # per image, without <eos>
    attention: list[torch.Tensor | None]  # per image (T, L): one map per written word; None for fixed


@torch.inference_mode()
def greedy_caption(model: Captioner, images: torch.Tensor, max_words: int | None = None) -> CaptionOutput:
    """Greedy decoding of a batch of pictures (B, 3, H, W); each row stops at its own <eos>."""
    max_words = max_words or model.config.max_words
    regions, keys, hidden = model.encode(images)
    batch = images.size(0)
    previous = torch.full((batch, 1), SOS_ID, dtype=torch.long, device=images.device)  # (B, 1)
    finished = torch.zeros(batch, dtype=torch.bool, device=images.device)
    chosen, maps = [], []
    for _ in range(max_words):
        logits, hidden, weights = model.decode(previous, hidden, regions, keys)  # (B, 1, V)
        previous = logits[:, -1].argmax(dim=-1, keepdim=True)  # (B, 1)
        chosen.append(previous[:, 0])
        if weights is not None:
            maps.append(weights[:, 0])  # (B, L)
        finished |= previous[:, 0] == EOS_ID
        if bool(finished.all()):
            break
    ids = torch.stack(chosen, dim=1).tolist()  # (B, T)
    stacked = torch.stack(maps, dim=1) if maps else None  # (B, T, L)
    word_ids, attention = [], []
    for row, row_ids in enumerate(ids):
        length = row_ids.index(EOS_ID) if EOS_ID in row_ids else len(row_ids)
        word_ids.append(row_ids[:length])
        attention.append(None if stacked is None else stacked[row, :length].clone())
    return CaptionOutput(word_ids, attention)
