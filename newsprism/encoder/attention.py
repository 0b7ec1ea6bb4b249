"""A head of attention over a sentence's wordpieces, read from the shared encoder's pass: what the tone head
(`newsprism.tone.model`, who is praised or blamed) and the event detector's attention head
(`newsprism.events.attend`, does the sentence report an event) both are, each trained for its own outputs.

What it reads of a sentence: its wordpieces' last-layer states beside their frozen word embeddings (the base
model's, which the encoder's input already looks up), each told whether it lies in a marked span (the tone
head's mention, the event head's predicate), how far from it (a signed distance in wordpieces, cut at
MAX_DISTANCE) and how far from it in spaCy's dependency tree (`newsprism.encoder.syntax`). Each member of a small
ensemble projects the states (layer norm, linear), adds those three embeddings, and pools three vectors: the
marked span's mean, the sentence's mean, and what the span attends to in the sentence (a query made of the
first two, ATTENTION_HEADS heads); a small MLP on the three gives the outputs. numpy only: trained with PyTorch
by `newsprism.tone.training` (its module computes the same).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsprism.encoder import base
from newsprism.encoder.run import Encoding

MAX_DISTANCE = 15  # wordpieces further from the mention than this share one position embedding
ATTENTION_HEADS = 4
WIDTH = 384  # MiniLM's state width
INPUT = 2 * WIDTH  # what the head reads of a wordpiece: its state and its word embedding
PARAMS = ("ln_g", "ln_b", "proj_w", "proj_b", "tag", "pos", "syn", "query_w", "query_b", "hidden_w", "hidden_b",
          "out_w", "out_b")  # each stacked over the ensemble's members


@dataclass
class Item:
    """What the head reads of one (sentence, mention): the sentence's wordpieces' states and word embeddings
    (n, 768), whether each wordpiece lies in the mention (n,) and its tree distance bucket (n,)."""

    states: np.ndarray
    inside: np.ndarray
    syntax: np.ndarray


def states_of(enc: Encoding, rows: np.ndarray | None = None) -> np.ndarray:
    """What the head reads of each wordpiece of `enc` (or of its wordpieces `rows`): its state beside its
    word embedding (n, 768)."""
    hidden, ids = (enc.hidden, enc.ids) if rows is None else (enc.hidden[rows], enc.ids[rows])
    return np.concatenate([hidden.astype(np.float32), base.embed(ids)], -1)


def pieces_of(offsets: np.ndarray, span: tuple[int, int]) -> slice:
    """The wordpieces (character offsets (n, 2) in text order) overlapping the character span."""
    return slice(int(np.searchsorted(offsets[:, 1], span[0], side="right")),
                 int(np.searchsorted(offsets[:, 0], span[1], side="left")))


def marks_of(offsets: np.ndarray, mention: tuple[int, int]) -> np.ndarray:
    """Which wordpieces (by character offsets) overlap `mention`."""
    return (offsets[:, 0] < mention[1]) & (offsets[:, 1] > mention[0])


def positions(marks: np.ndarray) -> np.ndarray:
    """Each wordpiece's position embedding index, for each row of mention marks (m, n): its signed distance
    to the mention (0 inside it), cut at +-MAX_DISTANCE and shifted to 0..2*MAX_DISTANCE; all 0 in a row
    whose mention covers no wordpiece."""
    n = marks.shape[-1]
    has = marks.any(-1, keepdims=True)
    first = marks.argmax(-1)[..., None]
    last = n - 1 - marks[..., ::-1].argmax(-1)[..., None]
    k = np.arange(n)
    d = np.where(k < first, k - first, np.where(k > last, k - last, 0))
    return np.where(has, np.clip(d, -MAX_DISTANCE, MAX_DISTANCE) + MAX_DISTANCE, 0)


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (as the training module's `torch.nn.GELU(approximate="tanh")`)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


@dataclass
class AttentionHead:
    """The ensemble's parameters, stacked over members (first axis). The layer norm's scale and shift are
    folded into the projection once, so wordpieces are projected for all members in one matrix product
    (`project`), shared by every mention of their sentence (`logits`)."""

    params: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        p = self.params
        k, c, d = p["proj_w"].shape
        self._proj_w = (p["ln_g"][:, :, None] * p["proj_w"]).transpose(1, 0, 2).reshape(c, k * d)
        self._proj_b = np.einsum("kc,kcd->kd", p["ln_b"], p["proj_w"]) + p["proj_b"]

    def project(self, states: np.ndarray) -> np.ndarray:
        """The members' projections (members, n, width) of a sentence's wordpieces (n, 768)."""
        h = (states - states.mean(-1, keepdims=True)) / np.sqrt(states.var(-1, keepdims=True) + 1e-5)
        k, d = self._proj_b.shape
        return (h @ self._proj_w).reshape(len(h), k, d).transpose(1, 0, 2) + self._proj_b[:, None]

    def logits(self, projected: np.ndarray, marks: np.ndarray, syntax: np.ndarray,
               real: np.ndarray | None = None) -> np.ndarray:
        """The members' class scores (members, m, 3) for m mentions: `projected` (members, m, n, width) holds
        each mention's sentence's projected wordpieces (padded to n), the rows of `marks` (m, n) mark each
        mention in its sentence, those of `syntax` (m, n) give each wordpiece's tree distance bucket, and
        those of `real` (m, n) the sentence's wordpieces (None: all n)."""
        p = self.params
        x = (projected + p["tag"][:, marks.astype(np.int64)] + p["pos"][:, positions(marks)]
             + p["syn"][:, syntax])  # (k, m, n, d)
        k, m, n, d = x.shape
        real = np.ones((m, n), np.float32) if real is None else real.astype(np.float32)
        weights = marks.astype(np.float32)
        mention = (weights[None, :, None] @ x)[:, :, 0] / np.maximum(weights.sum(-1), 1.0)[None, :, None]  # (k, m, d)
        sentence = (real[None, :, None] @ x)[:, :, 0] / real.sum(-1)[None, :, None]
        q = np.concatenate([mention, sentence], -1) @ p["query_w"] + p["query_b"][:, None]
        dh = d // ATTENTION_HEADS
        keys = x.reshape(k, m, n, ATTENTION_HEADS, dh).transpose(0, 1, 3, 2, 4)  # (k, m, heads, n, dh)
        scores = (keys @ q.reshape(k, m, ATTENTION_HEADS, dh, 1))[..., 0] / np.sqrt(dh)  # (k, m, heads, n)
        scores = np.where(real[None, :, None] > 0, scores, -np.inf)  # padding takes no attention
        att = np.exp(scores - scores.max(-1, keepdims=True))
        att = att / att.sum(-1, keepdims=True)
        context = (att[..., None, :] @ keys)[..., 0, :].reshape(k, m, d)
        z = np.concatenate([mention, sentence, context], -1)
        z = gelu(z @ p["hidden_w"] + p["hidden_b"][:, None])
        return z @ p["out_w"] + p["out_b"][:, None]
