"""The span head over neighbouring tokens: P(inside a propaganda span) per token from the shared encoder's
states of the token and of its neighbours, run in numpy (trained with PyTorch, the `train` extra).

The encoder's own span head (`newsprism.framing.minilm`) reads one wordpiece's state at a time. This head
reads a window: each token's state (the mean of its wordpieces' last-layer states, from the pass already made
over the article) and those of the WIDTH // 2 tokens either side, through two 1-D convolutions (384 -> HIDDEN,
ReLU, HIDDEN -> 1, each over WIDTH tokens), so a token is judged with its phrase around it. It is trained on
PTC's training articles by `newsprism train framing --span-head` (`newsprism.framing.training`), where the
share it takes of the encoder's probability and the decoding are chosen on the tuning half of the
development split; its file is `span-head.npz`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np

HEAD_FILE = "span-head.npz"
WIDTH, HIDDEN, DROPOUT = 5, 64, 0.5
EPOCHS, BATCH, CHUNK, LR, WEIGHT_DECAY = 6, 16, 200, 2e-3, 0.01
AVERAGED = 3  # the weights of the last AVERAGED epochs are averaged (steadier than the last alone)


class SpanHead:
    """The trained head as plain arrays: `probs(states)`, P(inside a span) per token of an article."""

    def __init__(self, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray) -> None:
        self.w1, self.b1, self.w2, self.b2 = (np.asarray(a, dtype=np.float32) for a in (w1, b1, w2, b2))

    @staticmethod
    def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        """A 1-D convolution over the tokens of `x` (n, in) with weights (out, in, WIDTH), zero-padded as
        PyTorch's Conv1d(padding=WIDTH // 2): (n, out)."""
        half = w.shape[2] // 2
        pad = np.zeros((len(x) + 2 * half, x.shape[1]), dtype=np.float32)
        pad[half : half + len(x)] = x
        out = np.tile(b, (len(x), 1))
        for k in range(w.shape[2]):
            out += pad[k : k + len(x)] @ w[:, :, k].T
        return out

    def probs(self, states: np.ndarray) -> np.ndarray:
        """P(inside a span) per token from its (tokens, 384) states, in text order."""
        if not len(states):
            return np.zeros(0, dtype=np.float32)
        h = np.maximum(self._conv(states.astype(np.float32), self.w1, self.b1), 0.0)
        z = self._conv(h, self.w2, self.b2)[:, 0]
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def save(self, path: Path) -> None:
        """Writes the arrays to one .npz file."""
        np.savez_compressed(path, w1=self.w1, b1=self.b1, w2=self.w2, b2=self.b2)

    @classmethod
    def load(cls, path: Path) -> "SpanHead":
        """Reads what `save` wrote."""
        with np.load(path, allow_pickle=False) as z:
            return cls(z["w1"], z["b1"], z["w2"], z["b2"])


def train_head(articles: list[tuple[np.ndarray, np.ndarray]], seed: int,
               log: Callable[[str], None] = lambda _: None) -> SpanHead:
    """Fits the head on (token states, 0/1 inside labels) per training article: chunks of CHUNK tokens shuffled
    with the seed, AdamW, binary cross-entropy, dropout on the states and the hidden layer; the weights of the
    last AVERAGED epochs averaged."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = torch.nn.Dropout(DROPOUT)
            self.c1 = torch.nn.Conv1d(articles[0][0].shape[1], HIDDEN, WIDTH, padding=WIDTH // 2)
            self.c2 = torch.nn.Conv1d(HIDDEN, 1, WIDTH, padding=WIDTH // 2)

        def forward(self, x):
            h = torch.relu(self.c1(self.drop(x).transpose(1, 2)))
            return self.c2(self.drop(h)).squeeze(1)

    chunks = [(torch.from_numpy(x[k : k + CHUNK]), torch.from_numpy(y[k : k + CHUNK].astype(np.float32)))
              for x, y in articles for k in range(0, len(x), CHUNK)]
    model = Head()
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    kept = []
    for epoch in range(EPOCHS):
        model.train()
        rng.shuffle(chunks)
        total = 0.0
        for k in range(0, len(chunks), BATCH):
            part = chunks[k : k + BATCH]
            x = torch.nn.utils.rnn.pad_sequence([c[0] for c in part], batch_first=True)
            y = torch.nn.utils.rnn.pad_sequence([c[1] for c in part], batch_first=True, padding_value=-1.0)
            mask = y >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x)[mask], y[mask])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(part)
        log(f"span head epoch {epoch + 1}/{EPOCHS}: loss {total / len(chunks):.4f}")
        if epoch >= EPOCHS - AVERAGED:
            kept.append({n: p.detach().numpy().copy() for n, p in model.state_dict().items()})
    mean = {n: np.mean([s[n] for s in kept], axis=0) for n in kept[0]}
    return SpanHead(mean["c1.weight"], mean["c1.bias"], mean["c2.weight"], mean["c2.bias"])
