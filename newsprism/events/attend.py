"""The encoder event detector's attention head: reads a sentence's wordpiece states one by one, not pooled,
so the word that carries an event is not blurred among the rest (`newsprism.events.encoded` uses it as one of
its decision heads, and its second output as a typer where training chose so).

It is the tone head's shape (`newsprism.encoder.attention.AttentionHead`: one computation and numpy code for both),
with the sentence's predicate (`detector.predicate`: the root, or the clause a reporting verb reports) in the
place of the tone head's mention: each wordpiece of the sentence (its last-layer state from the article's one
encoder pass beside its word embedding) is told whether it lies in the predicate, how far from it in text and in
spaCy's dependency tree; the projected wordpieces are pooled three ways (the predicate's mean, the sentence's
mean, a 4-head attention from a query made of those two over the sentence) and a small MLP gives 1 + len(types)
outputs: the event logit, then a score per PLOVER type. Trained with PyTorch by `newsprism.events.training.fit_attention`
(the tone training's module and loop, a loss of its own); run with numpy (no PyTorch at analysis time).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span

from newsprism import limits
from newsprism.events import detector
from newsprism.encoder.attention import AttentionHead, Item, marks_of, pieces_of, states_of
from newsprism.encoder.syntax import OTHER, Tree

BATCH = 32  # sentences judged together (padded to the longest of like-length ones)
# At most so many padded wordpiece rows in a batch: a sentence of thousands of wordpieces (a run of 10,000
# apostrophes) is judged with fewer others, not padded with 31 of them (hundreds of MB); sentences of up to
# 256 wordpieces, a window's length, are batched by BATCH alone.
BATCH_CELLS = BATCH * 256


def predicate_span(sent: Span) -> tuple[int, int]:
    """The character span of the sentence's predicate word."""
    pred = detector.predicate(sent)
    return pred.idx, pred.idx + len(pred.text)


def sentence_items(doc: Doc, sents: list[Span]) -> list[Item]:
    """What the head reads of each of `sents` (sentences of `doc`): its wordpieces' states and word embeddings
    from the doc's one encoder pass (made here where no head made it yet), the predicate's marks and each
    wordpiece's tree distance to it. A sentence with no wordpiece gets one zero row."""
    from newsprism.encoder.doc import encoding_of
    from newsprism.encoder.run import shared_encoder

    enc = encoding_of(doc, shared_encoder())
    tree = Tree.of(doc)
    out = []
    for s in sents:
        cut = pieces_of(enc.offsets, (s.start_char, s.end_char)) if len(enc.offsets) else slice(0, 0)
        offsets = enc.offsets[cut]
        if not len(offsets):
            out.append(Item(np.zeros((1, 768), np.float32), np.zeros(1, bool), np.full(1, OTHER)))
            continue
        pred = predicate_span(s)
        out.append(Item(states_of(enc, np.arange(cut.start, cut.stop)), marks_of(offsets, pred),
                        tree.piece_distances(offsets, pred)))
    return out


def batches(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """`order` (indices in ascending `lengths`) cut into batches of at most BATCH, each of at most BATCH_CELLS
    rows once padded to its longest."""
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and end - start < BATCH and (end - start + 1) * lengths[order[end]] <= BATCH_CELLS:
            end += 1
        yield order[start:end]
        start = end


@dataclass
class EventHead:
    """The trained head's parameters (`AttentionHead`'s, one member or more stacked; float16, as stored and measured)
    and the PLOVER types of its outputs after the first (the event logit)."""

    params: dict[str, np.ndarray]
    types: tuple[str, ...]

    @classmethod
    def averaged(cls, members: list["EventHead"]) -> "EventHead":
        """One head whose outputs are the mean of `members`' (heads of the same types, trained with different seeds:
        one seed's ranking swings with its initialisation, the mean is steadier), their members stacked."""
        return cls({k: np.concatenate([m.params[k] for m in members]) for k in members[0].params}, members[0].types)

    def __post_init__(self) -> None:
        self.params = {k: np.asarray(v, np.float16) for k, v in self.params.items()}
        self._head = None

    def __getstate__(self) -> dict:
        return {"params": self.params, "types": self.types}  # the float32 head is made again on first use

    def __setstate__(self, state: dict) -> None:
        self.params, self.types, self._head = state["params"], tuple(state["types"]), None

    @property
    def head(self) -> AttentionHead:
        if self._head is None:
            self._head = AttentionHead({k: v.astype(np.float32) for k, v in self.params.items()})
        return self._head

    def outputs(self, items: list[Item]) -> np.ndarray:
        """(len(items), 1 + len(types)): the members' mean outputs for each sentence, sentences of like
        length judged together, each batch's wordpieces projected in one matrix product."""
        out = np.zeros((len(items), 1 + len(self.types)), np.float32)
        order = sorted(range(len(items)), key=lambda i: len(items[i].inside))
        with limits.one_blas_thread():
            for rows in batches(order, [len(it.inside) for it in items]):
                batch = [items[i] for i in rows]
                n = len(batch[-1].inside)
                states = np.concatenate([it.states for it in batch]).astype(np.float32, copy=False)
                projected = self.head.project(states)  # (members, rows, width)
                index, syntax = np.zeros((len(batch), n), np.int64), np.full((len(batch), n), OTHER)
                marks, real = np.zeros((len(batch), n), bool), np.zeros((len(batch), n), bool)
                at = 0
                for j, it in enumerate(batch):
                    m = len(it.inside)
                    index[j, :m], marks[j, :m], syntax[j, :m], real[j, :m] = np.arange(at, at + m), it.inside, it.syntax, True
                    at += m
                z = self.head.logits(projected[:, index], marks, syntax, real)  # (members, batch, outputs)
                out[rows] = z.mean(0)
        return out

    def event_probabilities(self, items: list[Item]) -> np.ndarray:
        """P(event) of each sentence."""
        return 1.0 / (1.0 + np.exp(-self.outputs(items)[:, 0].astype(np.float64)))

    def type_probabilities(self, items: list[Item], classes) -> np.ndarray:
        """P(type | event) of each sentence over `classes` (0 for a class the head has no output for)."""
        z = self.outputs(items)[:, 1:].astype(np.float64)
        z = np.exp(z - z.max(1, keepdims=True))
        z /= z.sum(1, keepdims=True)
        out = np.zeros((len(items), len(classes)))
        for k, c in enumerate(classes):
            if c in self.types:
                out[:, k] = z[:, self.types.index(c)]
        return out
